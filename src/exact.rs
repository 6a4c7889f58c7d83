//! Lists kept at their length. `Vec::shrink_to_fit` asks the allocator to
//! shrink the block in place, and mimalloc keeps a block that shrinks by less
//! than half as it is: a list kept through a comparison (a sentence's tokens,
//! a document's attributions) held up to twice its length. These move the
//! items into a block of their size instead.

/// `v` in a block of its length (moved, when it has spare room).
pub(crate) fn exact<T>(v: Vec<T>) -> Vec<T> {
    if v.capacity() == v.len() {
        return v;
    }
    let mut out = Vec::with_capacity(v.len());
    out.extend(v);
    out
}

/// `s` in a block of its length (copied, when it has spare room).
pub(crate) fn exact_string(s: String) -> String {
    if s.capacity() == s.len() {
        return s;
    }
    String::from(s.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_items_in_a_block_of_their_length() {
        let mut v: Vec<String> = Vec::with_capacity(100);
        v.extend(["a", "b", "c"].map(String::from));
        let v = exact(v);
        assert_eq!(v, ["a", "b", "c"]);
        assert_eq!(v.capacity(), 3);
        let mut s = String::with_capacity(64);
        s.push_str("squashed");
        let s = exact_string(s);
        assert_eq!((s.as_str(), s.capacity()), ("squashed", 8));
        assert!(exact(Vec::<u8>::new()).is_empty());
    }
}
