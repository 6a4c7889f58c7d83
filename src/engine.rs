//! The engine: rules and lookup tables built once, the analysis of one article,
//! and the comparisons every command runs.

use crate::analysis::Analysis;
use crate::error::{Error, Result};
use crate::model::Document;
use crate::report::CompareReport;
use crate::rules::Rules;
use crate::{extract, ingest, segment, span};

/// Build a [`Document`] from text already read: blocks, furniture and sentences.
pub fn document(path: &str, text: String, format: ingest::Format, rules: &Rules) -> Document {
    let read = (format != ingest::Format::Text).then(|| text.clone());
    let (text, blocks, dropped) = ingest::article(text, rules, format);
    let original = read.filter(|r| *r != text);
    let sentences = segment::sentences(&text, &blocks, rules);
    let lines = span::LineIndex::new(&text);
    Document {
        path: path.to_string(),
        text,
        original,
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
    /// Parses sentences for its analyses (abbreviations such as "Mr." and
    /// "Sept." keep their period), keeping recent parses by text.
    parser: std::sync::Arc<crate::syntax::SentenceParser>,
}

impl Engine {
    /// An engine over `rules`.
    pub fn new(rules: Rules) -> Self {
        let lexicons = extract::Lexicons::new(&rules);
        let abbreviations = rules.prepositive.union(&rules.ordinary).cloned().collect();
        Engine {
            rules,
            lexicons,
            max_sentences: DEFAULT_MAX_SENTENCES,
            parser: std::sync::Arc::new(crate::syntax::SentenceParser::new(abbreviations)),
        }
    }

    /// Segment `text` and extract its claims; refuses an article over the size
    /// or the sentence limit.
    pub fn analyze(&self, path: &str, text: String, format: ingest::Format) -> Result<Analysis> {
        if let Some(e) = over_size(path, text.len()) {
            return Err(e);
        }
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
        Ok(Analysis {
            syntax: (0..doc.sentences.len())
                .map(|_| Default::default())
                .collect(),
            frames: (0..doc.sentences.len())
                .map(|_| Default::default())
                .collect(),
            doc,
            claims,
            parser: self.parser.clone(),
            indexes: Default::default(),
        })
    }
}

impl Engine {
    /// Compare a draft with its source: every finding, before any policy.
    pub fn compare(&self, source: &Analysis, draft: &Analysis) -> CompareReport {
        let c = crate::compare::compare(source, draft, &self.rules);
        CompareReport::new(source, draft, &c)
    }

    /// Check one draft against several sources together: a claim is supported
    /// when any source states it.
    pub fn compare_sources(&self, sources: &[&Analysis], draft: &Analysis) -> CompareReport {
        crate::multi::compare_sources(sources, draft, &self.rules)
    }

    /// The cross-outlet view of independent reports of one event.
    pub fn cross(&self, outlets: &[&Analysis]) -> crate::multi::CrossReport {
        crate::multi::cross(outlets, &self.rules)
    }
}

/// The input error for an article of `len` bytes at `path` when that is over
/// [`ingest::TEXT_MAX_BYTES`]: offsets inside a document are kept in 30 bits.
fn over_size(path: &str, len: usize) -> Option<Error> {
    (len > ingest::TEXT_MAX_BYTES).then(|| Error::Input {
        path: path.to_string(),
        reason: format!(
            "is {len} bytes, over the {} bytes one article may hold",
            ingest::TEXT_MAX_BYTES
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_over_the_offset_limit_is_an_input_error_naming_it() {
        assert!(over_size("a.txt", ingest::TEXT_MAX_BYTES).is_none());
        let e = over_size("a.txt", ingest::TEXT_MAX_BYTES + 1).expect("refused");
        let shown = e.to_string();
        assert!(
            shown.contains("a.txt") && shown.contains("1073741824 bytes"),
            "{shown}"
        );
        assert!(matches!(e, Error::Input { .. }));
    }
}
