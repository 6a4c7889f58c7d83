//! The cue model compiled into one block of bytes: its settings and four
//! frozen hash tables ([`crate::frozen`]): words with their six role weights,
//! suffixes, flags, word pairs. `build.rs` compiles the built-in
//! `rules/cue_model.tsv` with [`compile`] (it includes this file by path) and
//! the program reads that block in place, so start-up builds no table; a
//! `--rules DIR` model is compiled the same way at run time.
//!
//! Layout, little-endian: `bias`, `keep`, `add` as f32 bits, then the tables
//! of words, suffixes and flags (text keys) and of word pairs (keyed by the
//! hash of their text); weights are f32 bits.

use super::kind::{self, FeatureKind, WORD_ROLES};
use crate::frozen::{u32_at, write_hash_table, write_text_table, Table};

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
    let bits = |v: &[f32]| v.iter().map(|w| w.to_bits()).collect::<Vec<u32>>();
    let word_keys: Vec<&str> = words.rows.iter().map(|r| r.0).collect();
    let word_weights: Vec<f32> = words.rows.iter().flat_map(|r| r.1).collect();
    write_text_table(&mut out, &word_keys, &bits(&word_weights));
    for table in [&suffixes, &flags] {
        let keys: Vec<&str> = table.rows.iter().map(|r| r.0).collect();
        let weights: Vec<f32> = table.rows.iter().map(|r| r.1).collect();
        write_text_table(&mut out, &keys, &bits(&weights));
    }
    let pair_keys: Vec<u64> = pairs.rows.iter().map(|r| r.0).collect();
    let pair_weights: Vec<f32> = pairs.rows.iter().map(|r| r.1).collect();
    write_hash_table(&mut out, &pair_keys, &bits(&pair_weights));
    Ok(out)
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

impl Layout {
    /// The layout of a block [`compile`] wrote; `None` when the bytes do not
    /// hold one.
    pub fn read(b: &[u8]) -> Option<Layout> {
        let (words, at) = Table::read(b, 12, true, WORD_ROLES.len())?;
        let (suffixes, at) = Table::read(b, at, true, 1)?;
        let (flags, at) = Table::read(b, at, true, 1)?;
        let (pairs, end) = Table::read(b, at, false, 1)?;
        (end == b.len()).then_some(Layout {
            bias: f32::from_bits(u32_at(b, 0)?),
            keep: f32::from_bits(u32_at(b, 4)?),
            add: f32::from_bits(u32_at(b, 8)?),
            words,
            suffixes,
            flags,
            pairs,
        })
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
        assert_eq!(f32::from_bits(l.words.value(&b, said, 0)), 5.0);
        assert_eq!(f32::from_bits(l.words.value(&b, said, 1)), 1.0);
        assert_eq!(l.words.text_row(&b, "sai"), None);
        let aid = l.suffixes.text_row(&b, "aid").unwrap();
        assert_eq!(f32::from_bits(l.suffixes.value(&b, aid, 0)), 0.5);
        assert!(l.flags.text_row(&b, "rc").is_some());
        let pair = l.pairs.hash_row(&b, kind::hash("pw=he_said")).unwrap();
        assert_eq!(f32::from_bits(l.pairs.value(&b, pair, 0)), 1.5);
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
            assert_eq!(f32::from_bits(l.words.value(&b, r, 0)), i as f32);
            let r = l
                .pairs
                .hash_row(&b, kind::hash(&format!("pw=a_{i}")))
                .unwrap();
            assert_eq!(f32::from_bits(l.pairs.value(&b, r, 0)), i as f32);
        }
    }
}
