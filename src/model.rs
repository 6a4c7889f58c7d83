//! Plain data types shared by the pipeline stages.

use crate::span::{LineIndex, Span};
use serde::{Deserialize, Serialize};

/// How serious a finding is; ordered so that `Error > Warning > Info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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

/// What kind of disagreement a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingKind {
    /// Both sides state it, differently.
    Contradiction,
    /// The source states it; the draft does not.
    Omission,
    /// The draft states it; the source does not.
    Unsupported,
}

impl FindingKind {
    /// Lower-case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            FindingKind::Contradiction => "contradiction",
            FindingKind::Omission => "omission",
            FindingKind::Unsupported => "unsupported",
        }
    }
}

impl std::fmt::Display for FindingKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// Every finding rule factdiff has. `rules/checks.yaml` describes each one
/// (kind, default severity, description); loading fails when the file and this
/// enum disagree in either direction, so a check cannot vanish silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleId {
    /// `list-item`.
    ListItem,
    /// `list-count`.
    ListCount,
    /// `list-item-missing`.
    ListItemMissing,
    /// `list-item-extra`.
    ListItemExtra,
    /// `quantity`.
    Quantity,
    /// `quantity-unsupported`.
    QuantityUnsupported,
    /// `date`.
    Date,
    /// `time-span`.
    TimeSpan,
    /// `speaker`.
    Speaker,
    /// `entity`.
    Entity,
    /// `entity-swap`.
    EntitySwap,
    /// `negation`.
    Negation,
    /// `antonym`.
    Antonym,
    /// `role-swap`: the draft gives a claim's two participants each other's
    /// part ("the Jets beat the Giants" for "the Giants beat the Jets").
    RoleSwap,
    /// `other-event`: a difference the parse places in another event than the
    /// source's, so no contradiction.
    OtherEvent,
    /// `attribution`.
    Attribution,
    /// `quote-altered`.
    QuoteAltered,
    /// `quote-invented`.
    QuoteInvented,
    /// `quote-speaker`.
    QuoteSpeaker,
    /// A draft quotation of words the source gives only in reported speech.
    QuoteFromParaphrase,
    /// `pronoun`.
    Pronoun,
    /// `dangling-pronoun`.
    DanglingPronoun,
    /// `sentence`.
    Sentence,
    /// `word`.
    Word,
    /// `omission`.
    Omission,
    /// `omission-minor`.
    OmissionMinor,
}

impl RuleId {
    /// Every rule, in the order of `rules/checks.yaml`.
    pub const ALL: [RuleId; 26] = [
        RuleId::ListItem,
        RuleId::ListCount,
        RuleId::ListItemMissing,
        RuleId::ListItemExtra,
        RuleId::Quantity,
        RuleId::QuantityUnsupported,
        RuleId::Date,
        RuleId::TimeSpan,
        RuleId::Speaker,
        RuleId::Entity,
        RuleId::EntitySwap,
        RuleId::Negation,
        RuleId::Antonym,
        RuleId::RoleSwap,
        RuleId::OtherEvent,
        RuleId::Attribution,
        RuleId::QuoteAltered,
        RuleId::QuoteInvented,
        RuleId::QuoteSpeaker,
        RuleId::QuoteFromParaphrase,
        RuleId::Pronoun,
        RuleId::DanglingPronoun,
        RuleId::Sentence,
        RuleId::Word,
        RuleId::Omission,
        RuleId::OmissionMinor,
    ];

    /// The kebab-case id printed in findings.
    pub fn as_str(&self) -> &'static str {
        match self {
            RuleId::ListItem => "list-item",
            RuleId::ListCount => "list-count",
            RuleId::ListItemMissing => "list-item-missing",
            RuleId::ListItemExtra => "list-item-extra",
            RuleId::Quantity => "quantity",
            RuleId::QuantityUnsupported => "quantity-unsupported",
            RuleId::Date => "date",
            RuleId::TimeSpan => "time-span",
            RuleId::Speaker => "speaker",
            RuleId::Entity => "entity",
            RuleId::EntitySwap => "entity-swap",
            RuleId::Negation => "negation",
            RuleId::Antonym => "antonym",
            RuleId::RoleSwap => "role-swap",
            RuleId::OtherEvent => "other-event",
            RuleId::Attribution => "attribution",
            RuleId::QuoteAltered => "quote-altered",
            RuleId::QuoteInvented => "quote-invented",
            RuleId::QuoteSpeaker => "quote-speaker",
            RuleId::QuoteFromParaphrase => "quote-from-paraphrase",
            RuleId::Pronoun => "pronoun",
            RuleId::DanglingPronoun => "dangling-pronoun",
            RuleId::Sentence => "sentence",
            RuleId::Word => "word",
            RuleId::Omission => "omission",
            RuleId::OmissionMinor => "omission-minor",
        }
    }

    /// The rule with this id, if any.
    pub fn parse(id: &str) -> Option<RuleId> {
        RuleId::ALL.into_iter().find(|r| r.as_str() == id)
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
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
    /// The text the pipeline reads: the file as read, or, for Markdown and HTML,
    /// the file with its markup masked by spaces (same length, same line
    /// breaks), so every span is a byte range of the file itself.
    pub text: String,
    /// The file as read, when `text` masks markup in it: comments (where
    /// suppression directives live) are read from it.
    pub original: Option<String>,
    /// Line index of `text`.
    pub lines: LineIndex,
    /// Blocks in reading order.
    pub blocks: Vec<Block>,
    /// Sentences in reading order.
    pub sentences: Vec<Sentence>,
    /// Furniture that was dropped.
    pub dropped: Vec<Dropped>,
}

impl Document {
    /// The file as read: where comments, and the directives in them, are.
    pub fn as_read(&self) -> &str {
        self.original.as_deref().unwrap_or(&self.text)
    }
}
