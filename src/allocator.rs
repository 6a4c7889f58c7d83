//! The allocator the `factdiff` binary and the benchmarks use: mimalloc, built
//! with `no_thp` (with transparent huge pages on, Linux "always", its memory
//! grew in 2 MB steps: 20.8 MB peak for the founding compare against 8.5 MB
//! without them).
//!
//! mimalloc is reached through its plain entry points wherever the alignment
//! asked for is one those give anyway, as C's `malloc` does (at most 16 bytes
//! and at most the size), and through its aligned ones otherwise. The
//! `mimalloc` crate calls the aligned ones for every block: 1.8% more
//! instructions over 30 BUMP pairs.

use libmimalloc_sys as mi;
use std::alloc::{GlobalAlloc, Layout};

/// mimalloc as Rust's global allocator (`#[global_allocator]`).
pub struct Mimalloc;

/// The alignment of a plain mimalloc block of at least this size (its
/// `MI_MAX_ALIGN_SIZE`); smaller blocks are aligned to their size class.
const PLAIN_ALIGN: usize = 16;

/// True when a plain mimalloc block of `size` bytes is aligned to `align`.
fn plainly_aligned(align: usize, size: usize) -> bool {
    align <= PLAIN_ALIGN && align <= size
}

/// A new block for `layout` from `plain` where its blocks are aligned enough,
/// else from `aligned` (mimalloc's malloc or zalloc pair).
///
/// # Safety
/// `layout`'s size is not zero, as `GlobalAlloc::alloc` requires.
#[inline(always)]
unsafe fn new_block(
    layout: Layout,
    plain: unsafe extern "C" fn(usize) -> *mut std::ffi::c_void,
    aligned: unsafe extern "C" fn(usize, usize) -> *mut std::ffi::c_void,
) -> *mut u8 {
    // SAFETY: both take any size and (the aligned one) a power-of-two alignment
    unsafe {
        if plainly_aligned(layout.align(), layout.size()) {
            plain(layout.size()).cast()
        } else {
            aligned(layout.size(), layout.align()).cast()
        }
    }
}

// SAFETY: each function hands its layout to the mimalloc entry point that
// honours it (the plain ones only where `plainly_aligned` says their blocks are
// aligned enough), and every block, however made, is freed by `mi_free`.
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above
        unsafe { new_block(layout, mi::mi_malloc, mi::mi_malloc_aligned) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above
        unsafe { new_block(layout, mi::mi_zalloc, mi::mi_zalloc_aligned) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from one of these functions
        unsafe { mi::mi_free(ptr.cast()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from one of these functions; the new block keeps
        // `layout`'s alignment
        unsafe {
            if plainly_aligned(layout.align(), new_size) {
                mi::mi_realloc(ptr.cast(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_aligned_zeroed_and_keep_their_bytes_when_grown() {
        let a = Mimalloc;
        for align in [1usize, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1usize, 3, 8, 12, 16, 24, 100, 5000, 70_000] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: non-zero sizes; each block is freed once, by the same allocator
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "size {size} align {align}");
                    std::ptr::write_bytes(p, 0xab, size);
                    let q = a.realloc(p, layout, size * 3);
                    assert_eq!(q as usize % align, 0, "grown: size {size} align {align}");
                    assert!((0..size).all(|k| *q.add(k) == 0xab));
                    a.dealloc(q, Layout::from_size_align(size * 3, align).unwrap());
                    let z = a.alloc_zeroed(layout);
                    assert_eq!(z as usize % align, 0);
                    assert!((0..size).all(|k| *z.add(k) == 0));
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
