//! Frozen hash tables laid out in bytes: written once (by `build.rs` for the
//! built-in models, which includes this file by path, or at run time for a
//! model read from a file) and read in place, so loading builds no table.
//!
//! A table, little-endian: the log2 of its slot count (u32), its row count `n`
//! (u32), its slots (u32 each: 0 when empty, else row + 1; a key probes from
//! the slot the top bits of its hash name, then the next ones in turn), its
//! keys, then its values (u32, a fixed number per row). Text keys are `n + 1`
//! byte offsets (u32) into the text that follows them, padded to 4 bytes;
//! hashed keys are the u64 hashes themselves.

/// The hash a text key is placed and found by.
pub fn hash_text(key: &str) -> u64 {
    hash_text_bytes(key.as_bytes())
}

/// [`hash_text`] of the text whose bytes are `key`: a `str` hashes as its
/// bytes and one more byte, 0xff.
pub fn hash_text_bytes(key: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(key);
    h.write_u8(0xff);
    h.finish()
}

/// The log2 of a table's slot count for `n` rows: at most half full, at
/// least two slots.
fn slot_bits(n: usize) -> u32 {
    (n * 2).next_power_of_two().max(2).trailing_zeros()
}

/// The first slot of a key hashed `h` among `2^bits`: the hash's top bits
/// (the low bits of a multiplying hash vary least).
fn first_slot(h: u64, bits: u32) -> usize {
    (h >> (64 - bits)) as usize
}

/// Write the slot header and slots of `hashes` (of distinct keys, by row).
fn write_slots(out: &mut Vec<u8>, hashes: &[u64]) {
    let bits = slot_bits(hashes.len());
    let mut slots = vec![0u32; 1 << bits];
    let mask = slots.len() - 1;
    for (row, &h) in hashes.iter().enumerate() {
        let mut at = first_slot(h, bits);
        while slots[at] != 0 {
            at = (at + 1) & mask;
        }
        slots[at] = row as u32 + 1;
    }
    out.extend_from_slice(&bits.to_le_bytes());
    out.extend_from_slice(&(hashes.len() as u32).to_le_bytes());
    for s in slots {
        out.extend_from_slice(&s.to_le_bytes());
    }
}

fn write_values(out: &mut Vec<u8>, values: &[u32]) {
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

/// Write a table of distinct text `keys` with `values` (`width` per key, row
/// after row).
pub fn write_text_table(out: &mut Vec<u8>, keys: &[&str], values: &[u32]) {
    let hashes: Vec<u64> = keys.iter().map(|k| hash_text(k)).collect();
    write_slots(out, &hashes);
    let mut at = 0u32;
    out.extend_from_slice(&at.to_le_bytes());
    for k in keys {
        at += k.len() as u32;
        out.extend_from_slice(&at.to_le_bytes());
    }
    for k in keys {
        out.extend_from_slice(k.as_bytes());
    }
    out.resize(out.len().next_multiple_of(4), 0);
    write_values(out, values);
}

/// Write a table of distinct hashed `keys` with `values` (`width` per key).
pub fn write_hash_table(out: &mut Vec<u8>, keys: &[u64], values: &[u32]) {
    write_slots(out, keys);
    for k in keys {
        out.extend_from_slice(&k.to_le_bytes());
    }
    write_values(out, values);
}

/// Where one table's parts start in its bytes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Table {
    bits: u32,
    rows: usize,
    slots: usize,
    keys: usize,
    /// Start of the key text (text tables only).
    text: usize,
    values: usize,
    width: usize,
}

/// Append `blocks` to `out`, each as its length (u32) and its bytes: how
/// `build.rs` packs several frozen tables in one file.
pub fn write_blocks(out: &mut Vec<u8>, blocks: &[Vec<u8>]) {
    for block in blocks {
        out.extend_from_slice(&(block.len() as u32).to_le_bytes());
        out.extend_from_slice(block);
    }
}

/// The blocks [`write_blocks`] wrote in `b`, in order (ending early at one cut
/// short).
pub fn blocks(b: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = b;
    std::iter::from_fn(move || {
        let len = u32_at(rest, 0)? as usize;
        let (block, after) = rest.get(4..)?.split_at_checked(len)?;
        rest = after;
        Some(block)
    })
}

/// The little-endian u32 at byte `at` of `b`, when `b` holds it.
pub fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(
        b.get(at..at.checked_add(8)?)?.try_into().ok()?,
    ))
}

impl Table {
    /// The table at byte `at` of `b` (text keys when `text`, `width` values a
    /// row), with where the bytes after it start; `None` unless every part
    /// lies inside `b`.
    pub fn read(b: &[u8], at: usize, text: bool, width: usize) -> Option<(Table, usize)> {
        let bits = u32_at(b, at)?;
        if !(1..32).contains(&bits) {
            return None;
        }
        let rows = u32_at(b, at.checked_add(4)?)? as usize;
        let slots = at + 8;
        let keys = slots.checked_add(4usize << bits)?;
        let (text_at, values) = if text {
            let text_at = keys.checked_add(rows.checked_add(1)?.checked_mul(4)?)?;
            let len = u32_at(b, text_at - 4)? as usize;
            (text_at, text_at.checked_add(len)?.next_multiple_of(4))
        } else {
            (keys, keys.checked_add(rows.checked_mul(8)?)?)
        };
        let end = values.checked_add(rows.checked_mul(width)?.checked_mul(4)?)?;
        (end <= b.len()).then_some((
            Table {
                bits,
                rows,
                slots,
                keys,
                text: text_at,
                values,
                width,
            },
            end,
        ))
    }

    /// The number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The row whose key `is_key` accepts, probing from the slot of hash `h`.
    fn find(&self, b: &[u8], h: u64, is_key: impl Fn(usize) -> bool) -> Option<usize> {
        let mask = (1usize << self.bits) - 1;
        let mut at = first_slot(h, self.bits);
        for _ in 0..=mask {
            let row = u32_at(b, self.slots + at * 4)? as usize;
            if row == 0 {
                return None;
            }
            if row <= self.rows && is_key(row - 1) {
                return Some(row - 1);
            }
            at = (at + 1) & mask;
        }
        None
    }

    /// The text key of `row` (of a text table), as bytes.
    pub fn key<'b>(&self, b: &'b [u8], row: usize) -> Option<&'b [u8]> {
        // the row's start and end offsets, one after the other
        let at = self.keys.checked_add(row.checked_mul(4)?)?;
        let start = u32_at(b, at)? as usize;
        let end = u32_at(b, at.checked_add(4)?)? as usize;
        b.get(self.text.checked_add(start)?..self.text.checked_add(end)?)
    }

    /// The row of text key `key`.
    pub fn text_row(&self, b: &[u8], key: &str) -> Option<usize> {
        self.bytes_row(b, key.as_bytes())
    }

    /// The row of the text key whose bytes are `key`.
    pub fn bytes_row(&self, b: &[u8], key: &[u8]) -> Option<usize> {
        self.find(b, hash_text_bytes(key), |row| self.key(b, row) == Some(key))
    }

    /// The row of hashed key `key`.
    pub fn hash_row(&self, b: &[u8], key: u64) -> Option<usize> {
        self.find(b, key, |row| u64_at(b, self.keys + row * 8) == Some(key))
    }

    /// Value `k` of `row` (0 when the bytes lack it).
    pub fn value(&self, b: &[u8], row: usize, k: usize) -> u32 {
        u32_at(b, self.values + (row * self.width + k) * 4).unwrap_or(0)
    }

    /// The first `N` values of `row`, read at once (0 when the bytes lack them).
    pub fn values<const N: usize>(&self, b: &[u8], row: usize) -> [u32; N] {
        let at = self.values + row * self.width * 4;
        let mut out = [0; N];
        if let Some(bytes) = b.get(at..at + N * 4) {
            for (o, w) in out.iter_mut().zip(bytes.chunks_exact(4)) {
                *o = u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
            }
        }
        out
    }
}

/// A set of words as a frozen text table (no values): built once, read in place.
#[derive(Debug, Clone, Default)]
pub struct FrozenSet {
    block: std::borrow::Cow<'static, [u8]>,
    table: Option<Table>,
}

impl FrozenSet {
    /// The frozen bytes of `words`: sorted, each once.
    pub fn freeze(mut words: Vec<&str>) -> Vec<u8> {
        words.sort_unstable();
        words.dedup();
        let mut out = Vec::new();
        write_text_table(&mut out, &words, &[]);
        out
    }

    /// The set of a block [`FrozenSet::freeze`] wrote; `None` when the bytes
    /// hold none.
    pub fn from_block(block: std::borrow::Cow<'static, [u8]>) -> Option<FrozenSet> {
        let (table, end) = Table::read(&block, 0, true, 0)?;
        (end == block.len()).then_some(FrozenSet {
            table: Some(table),
            block,
        })
    }

    /// The set of `words`.
    pub fn new(words: Vec<&str>) -> FrozenSet {
        FrozenSet::from_block(std::borrow::Cow::Owned(FrozenSet::freeze(words))).unwrap_or_default()
    }

    /// True when `word` is in the set.
    pub fn contains(&self, word: &str) -> bool {
        self.table
            .as_ref()
            .is_some_and(|t| t.text_row(&self.block, word).is_some())
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.table.as_ref().map_or(0, Table::rows)
    }

    /// True when the set has no word.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_found_with_its_values_and_no_other() {
        let words: Vec<String> = (0..3000).map(|i| format!("w{i}")).collect();
        let keys: Vec<&str> = words.iter().map(String::as_str).collect();
        let values: Vec<u32> = (0..3000u32).flat_map(|i| [i, i * 2]).collect();
        let mut b = vec![7u8; 4];
        write_text_table(&mut b, &keys, &values);
        let hashes: Vec<u64> = (0..500u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect();
        let (t, end) = Table::read(&b, 4, true, 2).unwrap();
        let at = b.len();
        write_hash_table(&mut b, &hashes, &(0..500).collect::<Vec<u32>>());
        assert_eq!(end, at);
        for (i, k) in keys.iter().enumerate().step_by(13) {
            let row = t.text_row(&b, k).unwrap();
            assert_eq!(t.values::<2>(&b, row), [i as u32, i as u32 * 2]);
            assert_eq!(t.key(&b, row), Some(k.as_bytes()));
        }
        assert_eq!(t.text_row(&b, "w3000"), None);
        let (h, end) = Table::read(&b, at, false, 1).unwrap();
        assert_eq!(end, b.len());
        for (i, &k) in hashes.iter().enumerate() {
            assert_eq!(h.hash_row(&b, k).map(|r| h.value(&b, r, 0)), Some(i as u32));
        }
        assert_eq!(h.hash_row(&b, 1), None);
    }

    #[test]
    fn a_set_holds_its_words_once() {
        let set = FrozenSet::new(vec!["b", "a", "b", "ç"]);
        assert_eq!(set.len(), 3);
        assert!(set.contains("a") && set.contains("ç") && !set.contains("c"));
        assert!(!FrozenSet::default().contains("a"));
        let block = FrozenSet::freeze(vec!["a", "b"]);
        assert!(FrozenSet::from_block(block[..block.len() - 1].to_vec().into()).is_none());
    }

    #[test]
    fn a_table_cut_short_is_refused() {
        let mut b = Vec::new();
        write_text_table(&mut b, &["a", "bc"], &[1, 2]);
        assert!(Table::read(&b, 0, true, 1).is_some());
        for n in 0..b.len() {
            assert_eq!(Table::read(&b[..n], 0, true, 1), None, "{n} bytes");
        }
    }
}
