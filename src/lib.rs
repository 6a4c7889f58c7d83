//! factdiff: cross-check the claims of news articles against each other.
//!
//! The pipeline is a chain of plain functions over plain data:
//! [`ingest`] → [`segment`] → [`extract`] → [`align`] → [`compare`] → [`report`].
//! This crate never prints; the `factdiff` binary is a thin layer over it.

pub mod align;
pub mod ci;
pub mod compare;
pub mod config;
pub mod error;
pub mod eval;
pub mod extract;
pub mod html;
pub mod ingest;
pub mod model;
pub mod multi;
pub mod policy;
pub mod report;
pub mod rules;
pub mod segment;
pub mod span;
pub mod syntax;

pub use error::{Error, Result};
pub use model::Document;
pub use rules::Rules;
pub use span::Span;

/// Build a [`Document`] from text already read: blocks, furniture and sentences.
pub fn document(path: &str, text: String, format: ingest::Format, rules: &Rules) -> Document {
    let (text, blocks, dropped) = ingest::article(text, rules, format);
    let sentences = segment::sentences(&text, &blocks, rules);
    let lines = span::LineIndex::new(&text);
    Document {
        path: path.to_string(),
        text,
        lines,
        blocks,
        sentences,
        dropped,
    }
}

/// Default largest number of sentences in one article; more is refused.
pub const DEFAULT_MAX_SENTENCES: usize = 200_000;

/// Rules and lookup tables, built once and shared by every document.
#[derive(Debug, Clone)]
pub struct Engine {
    /// The rules.
    pub rules: Rules,
    /// Lookup tables derived from the rules.
    pub lexicons: extract::Lexicons,
    /// Articles with more sentences than this are refused, not analysed.
    pub max_sentences: usize,
}

/// A document and its claims.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The segmented document.
    pub doc: Document,
    /// Its claims.
    pub claims: extract::Claims,
}

impl Engine {
    /// An engine over `rules`.
    pub fn new(rules: Rules) -> Self {
        let lexicons = extract::Lexicons::new(&rules);
        Engine {
            rules,
            lexicons,
            max_sentences: DEFAULT_MAX_SENTENCES,
        }
    }

    /// Segment `text` and extract its claims; refuses an article over the sentence limit.
    pub fn analyze(&self, path: &str, text: String, format: ingest::Format) -> Result<Analysis> {
        let doc = document(path, text, format, &self.rules);
        if format == ingest::Format::Html && doc.text.trim().is_empty() {
            return Err(Error::Input {
                path: path.to_string(),
                reason: "has no article text once the HTML markup is removed".into(),
            });
        }
        if doc.sentences.len() > self.max_sentences {
            return Err(Error::Input {
                path: path.to_string(),
                reason: format!(
                    "has {} sentences, over the limit of {} (--max-sentences)",
                    doc.sentences.len(),
                    self.max_sentences
                ),
            });
        }
        let claims = extract::extract(&doc, &self.lexicons);
        Ok(Analysis { doc, claims })
    }
}
