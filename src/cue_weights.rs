//! The learned cue model's weights (`rules/cue_model.tsv`), read with the rules;
//! `extract::cue_model` scores tokens with them. Kept apart from extraction so
//! that the rules depend on no pipeline stage.

use crate::error::{Error, Result};
use rustc_hash::FxHashMap as HashMap;

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

    /// The model of the records `build.rs` writes from `rules/cue_model.tsv`
    /// (name length as u16, name, weight bits as u32, little-endian): the same
    /// model as [`CueModel::parse`] gives, without parsing numbers.
    pub fn from_records(records: &[u8]) -> CueModel {
        let mut m = CueModel {
            keep: 0.5,
            add: 0.5,
            ..CueModel::default()
        };
        // about one word pair per 36 bytes of records and one word per 110
        // (1.3 MB: 36,000 pairs, 11,400 words): sized once
        m.weights.reserve(records.len() / 36);
        m.words.reserve(records.len() / 110);
        let mut at = 0;
        while at + 2 <= records.len() {
            let len = u16::from_le_bytes([records[at], records[at + 1]]) as usize;
            let (name, bits) = (at + 2, at + 2 + len);
            let (Some(name), Some(bits)) = (records.get(name..bits), records.get(bits..bits + 4))
            else {
                break;
            };
            let value = f32::from_bits(u32::from_le_bytes([bits[0], bits[1], bits[2], bits[3]]));
            // the records were checked when they were built
            if let Ok(name) = std::str::from_utf8(name) {
                let _ = m.file_weight(name, value);
            }
            at += 2 + len + 4;
        }
        m
    }

    /// File the weight of the feature `name`: a setting, a word's role, a
    /// suffix, a flag or a word pair. An unknown setting is refused.
    fn file_weight(&mut self, name: &str, value: f32) -> std::result::Result<(), &'static str> {
        match name {
            "@bias" => self.bias = value,
            "@keep" => self.keep = value,
            "@add" => self.add = value,
            _ if name.starts_with('@') => return Err("unknown setting"),
            _ => {
                let role = WORD_ROLES
                    .iter()
                    .position(|r| name.strip_prefix(r).is_some_and(|w| w.starts_with('=')));
                if let Some(k) = role {
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
                } else if let Some(suffix) = name.strip_prefix("suf=") {
                    self.suffixes.insert(suffix.to_string(), value);
                } else if !name.contains('=') || name.starts_with("shape=") {
                    self.flags.insert(name.to_string(), value);
                } else {
                    // word pairs, read by the hash of their text
                    self.weights.insert(hash(name), value);
                }
            }
        }
        Ok(())
    }
}

/// The features that name one word, by the word's role: the token's own word,
/// the words one and two before and after it, and its word inside a rule cue.
pub(crate) const WORD_ROLES: [&str; 6] = ["w", "p1", "p2", "n1", "n2", "rc_w"];

/// The 64-bit hash a feature is looked up by.
pub(crate) fn hash(feature: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    feature.hash(&mut h);
    h.finish()
}
