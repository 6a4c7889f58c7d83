//! Plain data types shared by the pipeline stages.

use crate::span::{LineIndex, Span};
use serde::Serialize;

/// How serious a finding is; ordered so that `Error > Warning > Info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look.
    Info,
    /// Probably wrong.
    Warning,
    /// Wrong: blocks a draft in CI by default.
    Error,
}

impl Severity {
    /// Parse `error`, `warning` or `info`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }

    /// Lower-case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// The structural role of a block of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// The headline.
    Title,
    /// A heading or a short lead line ("Key takeaways:").
    Heading,
    /// A paragraph of running text.
    Paragraph,
    /// One item of a bullet or numbered list.
    Bullet,
}

/// A block: its kind and the span of its content (markers excluded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Structural role.
    pub kind: BlockKind,
    /// Content span (bullet marker and markup prefix excluded).
    pub span: Span,
}

/// A sentence and the block it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence, trimmed.
    pub span: Span,
    /// Index into `Document::blocks`.
    pub block: usize,
}

/// A line dropped as page furniture, with the rule that dropped it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// The dropped text.
    pub span: Span,
    /// Boilerplate rule id.
    pub rule: String,
}

/// An article read and segmented: the original text plus its structure.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path as the user gave it (`-` for stdin).
    pub path: String,
    /// The original text, unmodified.
    pub text: String,
    /// Line index of `text`.
    pub lines: LineIndex,
    /// Blocks in reading order.
    pub blocks: Vec<Block>,
    /// Sentences in reading order.
    pub sentences: Vec<Sentence>,
    /// Furniture that was dropped.
    pub dropped: Vec<Dropped>,
}
