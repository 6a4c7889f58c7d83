//! The learned cue model's weights (`rules/cue_model.tsv`), read with the rules;
//! `extract::cue_model` scores tokens with them. Kept apart from extraction so
//! that the rules depend on no pipeline stage.

use crate::error::{Error, Result};
use rustc_hash::FxHashMap as HashMap;

/// Feature weights and the two decision thresholds.
/// Features are looked up by a 64-bit hash of their text, which keeps the table
/// small and quick to build at start-up.
#[derive(Debug, Clone, Default)]
pub struct CueModel {
    pub(crate) weights: HashMap<u64, f32>,
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
            match name {
                "@bias" => m.bias = value,
                "@keep" => m.keep = value,
                "@add" => m.add = value,
                _ if name.starts_with('@') => return Err(bad("unknown setting")),
                _ => {
                    m.weights.insert(hash(name), value);
                }
            }
        }
        Ok(m)
    }
}

/// The 64-bit hash a feature is looked up by.
pub(crate) fn hash(feature: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    feature.hash(&mut h);
    h.finish()
}
