//! The learned cue model's weights (`rules/cue_model.tsv`), read with the rules;
//! `extract::cue_model` scores tokens with them. Kept apart from extraction so
//! that the rules depend on no pipeline stage.

use crate::error::{Error, Result};
use std::borrow::Cow;

mod frozen;
mod kind;
pub(crate) use kind::{hash, WORD_ROLES};

/// Feature weights and the two decision thresholds, in the frozen tables of
/// one compiled block (`cue_weights::frozen`): the built-in model's block is compiled by
/// `build.rs` and read in place, so start-up builds no table.
#[derive(Debug, Clone, PartialEq)]
pub struct CueModel {
    /// The compiled block.
    block: Cow<'static, [u8]>,
    /// Its settings and where its tables are.
    layout: frozen::Layout,
    /// A rule attribution stays when its cue scores at least this.
    pub keep: f32,
    /// A run of tokens scoring at least this is a cue the rules missed.
    pub add: f32,
}

impl CueModel {
    /// Parse the tab-separated weights file: `@bias`, `@keep` and `@add` lines,
    /// then one `feature<TAB>weight` per line; `#` starts a comment line.
    pub fn parse(file: &str, text: &str) -> Result<CueModel> {
        let block = frozen::compile(text).map_err(|e| Error::Rules {
            file: file.to_string(),
            message: format!(
                "line {}: {}: `{}`",
                e.line,
                e.why,
                text.lines().nth(e.line - 1).unwrap_or_default()
            ),
        })?;
        Ok(CueModel::from_block(Cow::Owned(block)).expect("a block compile wrote"))
    }

    /// The model of a block `frozen::compile` wrote (as `build.rs` does for
    /// the built-in one); `None` when the bytes hold none.
    pub fn from_block(block: Cow<'static, [u8]>) -> Option<CueModel> {
        let layout = frozen::Layout::read(&block)?;
        Some(CueModel {
            keep: layout.keep,
            add: layout.add,
            block,
            layout,
        })
    }

    /// The bias every token's sum starts from.
    pub(crate) fn bias(&self) -> f32 {
        self.layout.bias
    }

    /// The weights of `word` in each role of [`WORD_ROLES`] (0 where it has none).
    pub(crate) fn word(&self, word: &str) -> Option<[f32; WORD_ROLES.len()]> {
        let t = &self.layout.words;
        Some(
            t.values(&self.block, t.text_row(&self.block, word)?)
                .map(f32::from_bits),
        )
    }

    /// The weight of the last-three-characters feature `suf=` `suffix`.
    pub(crate) fn suffix(&self, suffix: &str) -> Option<f32> {
        let t = &self.layout.suffixes;
        Some(f32::from_bits(t.value(
            &self.block,
            t.text_row(&self.block, suffix)?,
            0,
        )))
    }

    /// The weight of a feature naming no word (`shape=C`, `rc`, ...).
    pub(crate) fn flag(&self, name: &str) -> Option<f32> {
        let t = &self.layout.flags;
        Some(f32::from_bits(t.value(
            &self.block,
            t.text_row(&self.block, name)?,
            0,
        )))
    }

    /// The weight of the word pair whose text hashes to `h` ([`hash`]).
    pub(crate) fn pair(&self, h: u64) -> Option<f32> {
        let t = &self.layout.pairs;
        Some(f32::from_bits(t.value(
            &self.block,
            t.hash_row(&self.block, h)?,
            0,
        )))
    }
}
