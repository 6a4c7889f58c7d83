//! The learned cue model's weights (`rules/cue_model.tsv`), read with the rules;
//! `extract::cue_model` scores tokens with them. Kept apart from extraction so
//! that the rules depend on no pipeline stage.

use crate::error::{Error, Result};
use rustc_hash::FxHashMap as HashMap;

mod kind;
use kind::FeatureKind;
pub(crate) use kind::{hash, WORD_ROLES};

/// Feature weights and the two decision thresholds.
/// Features are looked up by a 64-bit hash of their text, which keeps the table
/// small and quick to build at start-up.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CueModel {
    /// Weights of the features read by their hash (word pairs).
    pub(crate) weights: HashMap<u64, f32>,
    /// Per word, the weights of the features naming one word, by role
    /// ([`WORD_ROLES`]): a token's word is looked up once, and its neighbours'
    /// roles read from their own entries. Missing weights are 0.
    pub(crate) words: HashMap<String, [f32; WORD_ROLES.len()]>,
    /// Weights of the last-three-characters features (`suf=`).
    pub(crate) suffixes: HashMap<String, f32>,
    /// Weights of the features naming no word, by name (`shape=C`, `rc`, ...).
    pub(crate) flags: HashMap<String, f32>,
    pub(crate) bias: f32,
    /// A rule attribution stays when its cue scores at least this.
    pub keep: f32,
    /// A run of tokens scoring at least this is a cue the rules missed.
    pub add: f32,
}

impl CueModel {
    /// Parse the tab-separated weights file: `@bias`, `@keep` and `@add` lines,
    /// then one `feature<TAB>weight` per line; `#` starts a comment line.
    pub fn parse(file: &str, text: &str) -> Result<CueModel> {
        let mut m = CueModel {
            keep: 0.5,
            add: 0.5,
            ..CueModel::default()
        };
        // about one word entry and one pair weight per two lines: sized once
        let lines = text.bytes().filter(|&b| b == b'\n').count();
        m.weights.reserve(lines / 2);
        m.words.reserve(lines / 5);
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |why: &str| Error::Rules {
                file: file.to_string(),
                message: format!("line {}: {why}: `{line}`", n + 1),
            };
            let (name, value) = line
                .split_once('\t')
                .ok_or_else(|| bad("expected `feature<TAB>weight`"))?;
            let value: f32 = value
                .trim()
                .parse()
                .map_err(|_| bad("the weight is not a number"))?;
            m.file_weight(name, value).map_err(bad)?;
        }
        Ok(m)
    }

    /// The model of the records `build.rs` writes from `rules/cue_model.tsv`,
    /// little-endian: how many words and suffixes have weights (u32 each),
    /// then every feature but word pairs (name length as u16,
    /// weight bits as u32; the names follow one another in `names`), then
    /// [`PAIRS_FOLLOW`], then the word pairs as their hash (u64) and weight
    /// bits (u32). The same model as [`CueModel::parse`] gives, without parsing
    /// numbers, checking text or hashing names.
    pub fn from_records(records: &[u8], names: &str) -> CueModel {
        let mut m = CueModel {
            keep: 0.5,
            add: 0.5,
            ..CueModel::default()
        };
        let weight = |b: &[u8]| f32::from_bits(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let count = |at: usize| {
            records
                .get(at..at + 4)
                .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        };
        // (a hint only: never more than the names could hold)
        m.words.reserve(count(0).min(names.len()));
        m.suffixes.reserve(count(4).min(names.len()));
        let (mut at, mut name_at) = (8, 0);
        while at + 2 <= records.len() {
            let len = u16::from_le_bytes([records[at], records[at + 1]]) as usize;
            at += 2;
            if len == PAIRS_FOLLOW as usize {
                break;
            }
            let (Some(name), Some(bits)) =
                (names.get(name_at..name_at + len), records.get(at..at + 4))
            else {
                return m;
            };
            // the records were checked when they were built
            let _ = m.file_weight(name, weight(bits));
            name_at += len;
            at += 4;
        }
        let pairs = records.get(at..).unwrap_or_default();
        m.weights.reserve(pairs.len() / 12);
        for pair in pairs.chunks_exact(12) {
            let mut key = [0u8; 8];
            key.copy_from_slice(&pair[..8]);
            m.weights
                .insert(u64::from_le_bytes(key), weight(&pair[8..]));
        }
        m
    }

    /// File the weight of the feature `name`: a setting, a word's role, a
    /// suffix, a flag or a word pair. An unknown setting is refused.
    fn file_weight(&mut self, name: &str, value: f32) -> std::result::Result<(), &'static str> {
        match kind::kind(name) {
            FeatureKind::Setting => match name {
                "@bias" => self.bias = value,
                "@keep" => self.keep = value,
                "@add" => self.add = value,
                _ => return Err("unknown setting"),
            },
            FeatureKind::Word(k) => {
                let word = &name[WORD_ROLES[k].len() + 1..];
                // a word has several roles: its text is copied once
                match self.words.get_mut(word) {
                    Some(roles) => roles[k] = value,
                    None => {
                        let mut roles = [0.0; WORD_ROLES.len()];
                        roles[k] = value;
                        self.words.insert(word.to_string(), roles);
                    }
                }
            }
            FeatureKind::Suffix => {
                self.suffixes
                    .insert(name["suf=".len()..].to_string(), value);
            }
            FeatureKind::Flag => {
                self.flags.insert(name.to_string(), value);
            }
            // word pairs, read by the hash of their text
            FeatureKind::Pair => {
                self.weights.insert(hash(name), value);
            }
        }
        Ok(())
    }
}

/// The name length that ends the named records of [`CueModel::from_records`]:
/// the hashed word pairs follow.
pub const PAIRS_FOLLOW: u16 = u16::MAX;
