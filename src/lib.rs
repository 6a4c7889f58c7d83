//! factdiff: cross-check the claims of news articles against each other.
//!
//! The pipeline is a chain of plain functions over plain data:
//! [`ingest`] → [`segment`] → [`extract`] → [`align`] → [`compare`] → [`report`].
//! This crate never prints; the `factdiff` binary is a thin layer over it.

pub mod error;
pub mod ingest;
pub mod model;
pub mod rules;
pub mod segment;
pub mod span;

pub use error::{Error, Result};
pub use model::Document;
pub use rules::Rules;
pub use span::Span;

/// Build a [`Document`] from text already read: blocks, furniture and sentences.
pub fn document(path: &str, text: String, format: ingest::Format, rules: &Rules) -> Document {
    let (blocks, dropped) = ingest::blocks(&text, rules, format);
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
