//! The cue model compiled into one block of bytes: its settings and four
//! frozen hash tables (words with their six role weights, suffixes, flags,
//! word pairs). `build.rs` compiles the built-in `rules/cue_model.tsv` with
//! [`compile`] (it includes this file by path) and the program reads that block
//! in place, so start-up builds no table; a `--rules DIR` model is compiled the
//! same way at run time.
//!
//! Layout, little-endian: `bias`, `keep`, `add` as f32 bits, then each table
//! in turn: the log2 of its slot count (u32), its row count `n` (u32), its
//! slots (u32 each: 0 when empty, else row + 1; a key probes from the slot the
//! top bits of its hash name, then the next ones in turn), its keys and its
//! values (f32 bits, a fixed number per row). A table of words, suffixes or
//! flags keeps its keys as `n + 1` byte offsets (u32) into the text that
//! follows them, padded to 4 bytes; the word-pair table keeps each pair's hash
//! (u64), the key it is looked up by.

use super::kind::{self, FeatureKind, WORD_ROLES};

/// Why a line of the weights file was refused: its number (from 1) and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineError {
    /// The line's number, counted from 1.
    pub line: usize,
    /// What is wrong with it.
    pub why: &'static str,
}

/// Rows of one table in the order their keys first appear; a later line for
/// the same key overwrites the earlier one's weight.
struct Rows<K, V> {
    rows: Vec<(K, V)>,
    index: std::collections::HashMap<K, usize>,
}

impl<K: std::hash::Hash + Eq + Copy, V: Copy> Rows<K, V> {
    fn new() -> Self {
        Rows {
            rows: Vec::new(),
            index: std::collections::HashMap::new(),
        }
    }

    /// The row of `key`, made with `empty` when new.
    fn row(&mut self, key: K, empty: V) -> &mut V {
        let next = self.rows.len();
        let at = *self.index.entry(key).or_insert(next);
        if at == next {
            self.rows.push((key, empty));
        }
        &mut self.rows[at].1
    }
}

/// Compile the weights file (`@bias`, `@keep`, `@add`, then one
/// `feature<TAB>weight` per line; `#` starts a comment line) into the block.
pub fn compile(text: &str) -> Result<Vec<u8>, LineError> {
    let (mut bias, mut keep, mut add) = (0.0f32, 0.5f32, 0.5f32);
    let mut words: Rows<&str, [f32; WORD_ROLES.len()]> = Rows::new();
    let mut suffixes: Rows<&str, f32> = Rows::new();
    let mut flags: Rows<&str, f32> = Rows::new();
    let mut pairs: Rows<u64, f32> = Rows::new();
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |why| LineError { line: n + 1, why };
        let (name, value) = line
            .split_once('\t')
            .ok_or_else(|| bad("expected `feature<TAB>weight`"))?;
        let value: f32 = value
            .trim()
            .parse()
            .map_err(|_| bad("the weight is not a number"))?;
        match kind::kind(name) {
            FeatureKind::Setting => match name {
                "@bias" => bias = value,
                "@keep" => keep = value,
                "@add" => add = value,
                _ => return Err(bad("unknown setting")),
            },
            FeatureKind::Word(k) => {
                let word = &name[WORD_ROLES[k].len() + 1..];
                words.row(word, [0.0; WORD_ROLES.len()])[k] = value;
            }
            FeatureKind::Suffix => *suffixes.row(&name["suf=".len()..], 0.0) = value,
            FeatureKind::Flag => *flags.row(name, 0.0) = value,
            // word pairs, read by the hash of their text
            FeatureKind::Pair => *pairs.row(kind::hash(name), 0.0) = value,
        }
    }
    let mut out = Vec::new();
    for v in [bias, keep, add] {
        out.extend_from_slice(&v.to_bits().to_le_bytes());
    }
    let word_rows: Vec<(&str, &[f32])> = words.rows.iter().map(|(k, v)| (*k, &v[..])).collect();
    write_text_table(&mut out, &word_rows);
    for table in [&suffixes, &flags] {
        let rows: Vec<(&str, &[f32])> = table
            .rows
            .iter()
            .map(|(k, v)| (*k, std::slice::from_ref(v)))
            .collect();
        write_text_table(&mut out, &rows);
    }
    let keys: Vec<u64> = pairs.rows.iter().map(|r| r.0).collect();
    write_slots(&mut out, &keys, |&k| k);
    for k in &keys {
        out.extend_from_slice(&k.to_le_bytes());
    }
    for (_, v) in &pairs.rows {
        out.extend_from_slice(&v.to_bits().to_le_bytes());
    }
    Ok(out)
}

/// The hash a text key is placed by.
fn text_hash(key: &str) -> u64 {
    kind::hash(key)
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

/// Write the slot header and slots of `keys` (distinct), each placed by `hash`.
fn write_slots<K>(out: &mut Vec<u8>, keys: &[K], hash: impl Fn(&K) -> u64) {
    let bits = slot_bits(keys.len());
    let mut slots = vec![0u32; 1 << bits];
    let mask = slots.len() - 1;
    for (row, key) in keys.iter().enumerate() {
        let mut at = first_slot(hash(key), bits);
        while slots[at] != 0 {
            at = (at + 1) & mask;
        }
        slots[at] = row as u32 + 1;
    }
    out.extend_from_slice(&bits.to_le_bytes());
    out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
    for s in slots {
        out.extend_from_slice(&s.to_le_bytes());
    }
}

/// Write a table of text keys and their weights (the same number per row).
fn write_text_table(out: &mut Vec<u8>, rows: &[(&str, &[f32])]) {
    let keys: Vec<&str> = rows.iter().map(|r| r.0).collect();
    write_slots(out, &keys, |k| text_hash(k));
    let mut at = 0u32;
    out.extend_from_slice(&at.to_le_bytes());
    for k in &keys {
        at += k.len() as u32;
        out.extend_from_slice(&at.to_le_bytes());
    }
    for k in &keys {
        out.extend_from_slice(k.as_bytes());
    }
    out.resize(out.len().next_multiple_of(4), 0);
    for (_, values) in rows {
        for v in *values {
            out.extend_from_slice(&v.to_bits().to_le_bytes());
        }
    }
}

/// Where one table's parts start in the block.
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

/// The settings of a compiled block and where its tables are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// `@bias`.
    pub bias: f32,
    /// `@keep`.
    pub keep: f32,
    /// `@add`.
    pub add: f32,
    /// Words, six role weights each.
    pub words: Table,
    /// Suffixes.
    pub suffixes: Table,
    /// Flags.
    pub flags: Table,
    /// Word pairs by hash.
    pub pairs: Table,
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(
        b.get(at..at.checked_add(8)?)?.try_into().ok()?,
    ))
}

fn f32_at(b: &[u8], at: usize) -> Option<f32> {
    u32_at(b, at).map(f32::from_bits)
}

/// Read the header of the table at `at` (text keys when `text`), checking
/// that all its parts lie inside `b`; also where the next table starts.
fn table_at(b: &[u8], at: usize, text: bool, width: usize) -> Option<(Table, usize)> {
    let bits = u32_at(b, at)?;
    if !(1..32).contains(&bits) {
        return None;
    }
    let rows = u32_at(b, at + 4)? as usize;
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

impl Layout {
    /// The layout of a block [`compile`] wrote; `None` when the bytes do not
    /// hold one.
    pub fn read(b: &[u8]) -> Option<Layout> {
        let (words, at) = table_at(b, 12, true, WORD_ROLES.len())?;
        let (suffixes, at) = table_at(b, at, true, 1)?;
        let (flags, at) = table_at(b, at, true, 1)?;
        let (pairs, end) = table_at(b, at, false, 1)?;
        (end == b.len()).then_some(Layout {
            bias: f32_at(b, 0)?,
            keep: f32_at(b, 4)?,
            add: f32_at(b, 8)?,
            words,
            suffixes,
            flags,
            pairs,
        })
    }
}

impl Table {
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

    /// The row of text key `key`.
    pub fn text_row(&self, b: &[u8], key: &str) -> Option<usize> {
        self.find(b, text_hash(key), |row| {
            // the row's start and end offsets, one after the other
            let at = self.keys + row * 4;
            let Some(ends) = b.get(at..at + 8) else {
                return false;
            };
            let start = u32::from_le_bytes([ends[0], ends[1], ends[2], ends[3]]) as usize;
            let end = u32::from_le_bytes([ends[4], ends[5], ends[6], ends[7]]) as usize;
            end.checked_sub(start) == Some(key.len())
                && b.get(self.text + start..self.text + end) == Some(key.as_bytes())
        })
    }

    /// The row of hashed key `key`.
    pub fn hash_row(&self, b: &[u8], key: u64) -> Option<usize> {
        self.find(b, key, |row| u64_at(b, self.keys + row * 8) == Some(key))
    }

    /// Weight `k` of `row` (0 when the bytes lack it).
    pub fn value(&self, b: &[u8], row: usize, k: usize) -> f32 {
        f32_at(b, self.values + (row * self.width + k) * 4).unwrap_or(0.0)
    }

    /// The first `N` weights of `row`, read at once (0 when the bytes lack them).
    pub fn values<const N: usize>(&self, b: &[u8], row: usize) -> [f32; N] {
        let at = self.values + row * self.width * 4;
        let mut out = [0.0; N];
        if let Some(bytes) = b.get(at..at + N * 4) {
            for (o, w) in out.iter_mut().zip(bytes.chunks_exact(4)) {
                *o = f32::from_le_bytes([w[0], w[1], w[2], w[3]]);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compiled_block_finds_every_key_and_only_those() {
        let text = "# c\n@bias\t-2\n@keep\t0.3\nw=said\t4.5\np1=said\t1\nsuf=aid\t0.5\n\
                    rc\t2\npw=he_said\t1.5\nw=said\t5\n";
        let b = compile(text).unwrap();
        let l = Layout::read(&b).unwrap();
        assert_eq!((l.bias, l.keep, l.add), (-2.0, 0.3, 0.5));
        let said = l.words.text_row(&b, "said").unwrap();
        // the later line for a key wins
        assert_eq!(l.words.value(&b, said, 0), 5.0);
        assert_eq!(l.words.value(&b, said, 1), 1.0);
        assert_eq!(l.words.text_row(&b, "sai"), None);
        let aid = l.suffixes.text_row(&b, "aid").unwrap();
        assert_eq!(l.suffixes.value(&b, aid, 0), 0.5);
        assert!(l.flags.text_row(&b, "rc").is_some());
        let pair = l.pairs.hash_row(&b, kind::hash("pw=he_said")).unwrap();
        assert_eq!(l.pairs.value(&b, pair, 0), 1.5);
        assert_eq!(l.pairs.hash_row(&b, kind::hash("w=said")), None);
    }

    #[test]
    fn bad_lines_and_bad_blocks_are_refused() {
        assert_eq!(compile("@bias\t1\nw=a 1\n").unwrap_err().line, 2);
        assert_eq!(
            compile("w=a\tx\n").unwrap_err().why,
            "the weight is not a number"
        );
        assert_eq!(compile("@bais\t1\n").unwrap_err().why, "unknown setting");
        let b = compile("w=a\t1\npw=a_b\t2\n").unwrap();
        assert!(Layout::read(&b).is_some());
        // cut short, or with a byte too many, it is no block
        for n in 0..b.len() {
            assert_eq!(Layout::read(&b[..n]), None, "{n} bytes");
        }
        let mut longer = b.clone();
        longer.push(0);
        assert_eq!(Layout::read(&longer), None);
    }

    #[test]
    fn many_keys_are_all_found() {
        let text: String = (0..5000)
            .map(|i| format!("w=w{i}\t{i}\npw=a_{i}\t{i}\n"))
            .collect();
        let b = compile(&text).unwrap();
        let l = Layout::read(&b).unwrap();
        for i in (0..5000).step_by(7) {
            let r = l.words.text_row(&b, &format!("w{i}")).unwrap();
            assert_eq!(l.words.value(&b, r, 0), i as f32);
            let r = l
                .pairs
                .hash_row(&b, kind::hash(&format!("pw=a_{i}")))
                .unwrap();
            assert_eq!(l.pairs.value(&b, r, 0), i as f32);
        }
    }
}
