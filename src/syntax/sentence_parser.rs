//! Parsing a document's sentences for one engine, keeping the latest parses by
//! sentence text.
//!
//! A sentence's parse depends on its text alone (its tokens are cut from it
//! and the model reads only their forms), so a sentence met again is not
//! parsed again. Drafts of one source share most of their sentences (a draft
//! revised and checked again, or several edits of one summary in a `batch`),
//! and the parser is the dearest stage of a pair.

use super::{tokenize::Abbreviations, SyntaxToken};
use crate::span::Span;
use rustc_hash::FxHashMap;
use std::sync::Mutex;

/// At most this many tokens are kept (each about 64 bytes): past it the kept
/// parses are dropped and keeping starts again.
pub const KEPT_TOKENS_MAX: usize = 1 << 15;

/// Parses sentences with the built-in model and the engine's abbreviations,
/// keeping recent parses by sentence text. Shared by the analyses of one
/// engine (and its threads); what it keeps changes speed, never a parse.
pub struct SentenceParser {
    abbreviations: Abbreviations,
    kept: Mutex<KeptParses>,
}

/// Parses by sentence text, their token offsets counted from the sentence's
/// first byte.
#[derive(Default)]
struct KeptParses {
    by_text: FxHashMap<Box<str>, Box<[SyntaxToken]>>,
    tokens: usize,
}

impl std::fmt::Debug for SentenceParser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SentenceParser")
            .field("abbreviations", &self.abbreviations.len())
            .finish_non_exhaustive()
    }
}

impl SentenceParser {
    /// A parser that keeps the abbreviations' periods with their words.
    pub fn new(abbreviations: Abbreviations) -> Self {
        SentenceParser {
            abbreviations,
            kept: Mutex::new(KeptParses::default()),
        }
    }

    /// The UD tokens of `span` of `text` (empty when no syntax model is built
    /// in), from the kept parse of the same text when there is one.
    pub fn parse(&self, text: &str, span: Span) -> Vec<SyntaxToken> {
        let sentence = &text[span.start..span.end];
        let moved = |t: &SyntaxToken, from: usize, to: usize| {
            let mut t = t.clone();
            t.start = (t.start as usize - from + to) as u32;
            t.end = (t.end as usize - from + to) as u32;
            t
        };
        if let Some(kept) = self.kept().by_text.get(sentence) {
            return kept.iter().map(|t| moved(t, 0, span.start)).collect();
        }
        let parsed = match super::model() {
            Ok(m) => m.analyze(text, span, &self.abbreviations),
            Err(_) => return Vec::new(),
        };
        let mut kept = self.kept();
        if kept.tokens + parsed.len() > KEPT_TOKENS_MAX {
            *kept = KeptParses::default();
        }
        if parsed.len() <= KEPT_TOKENS_MAX {
            kept.tokens += parsed.len();
            let relative = parsed.iter().map(|t| moved(t, span.start, 0)).collect();
            kept.by_text.insert(sentence.into(), relative);
        }
        parsed
    }

    /// The spans of the UD tokens a parse of `span` of `text` has, without the
    /// parse: the tokenizer's cut alone, cheap beside the tagger and parser.
    /// A check that needs a token of some form before it needs a parse asks
    /// this first.
    pub fn words(&self, text: &str, span: Span) -> Vec<Span> {
        super::tokenize::tokenize(text, span, &self.abbreviations)
    }

    /// The kept parses; a thread that panicked while holding them left them
    /// whole (each change is one insert), so they are read on.
    fn kept(&self) -> std::sync::MutexGuard<'_, KeptParses> {
        self.kept
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_are_the_parses_tokens() {
        let parser = SentenceParser::new(Abbreviations::default());
        let text = "Intro. The senator didn't say she cannot vote, Mr. Smith said.";
        let span = Span::new(7, text.len());
        let parsed: Vec<Span> = parser.parse(text, span).iter().map(|t| t.span()).collect();
        if parsed.is_empty() {
            eprintln!("skipped: no syntax model built in");
            return;
        }
        assert_eq!(parser.words(text, span), parsed);
    }

    #[test]
    fn a_sentence_met_again_gets_the_parse_of_its_first_reading_at_its_own_place() {
        let parser = SentenceParser::new(Abbreviations::default());
        let sentence = "The mayor said the bridge would reopen in May.";
        let text = format!("{sentence} {sentence}  Then: {sentence}");
        let at = [0, sentence.len() + 1, text.len() - sentence.len()];
        let first = parser.parse(&text, Span::new(at[0], at[0] + sentence.len()));
        assert!(!first.is_empty(), "the built-in model parses");
        assert_eq!(parser.kept().by_text.len(), 1);
        for &start in &at[1..] {
            let again = parser.parse(&text, Span::new(start, start + sentence.len()));
            let fresh = SentenceParser::new(Abbreviations::default())
                .parse(&text, Span::new(start, start + sentence.len()));
            assert_eq!(again, fresh);
            assert_eq!(again[0].span().text(&text), "The");
        }
        assert_eq!(parser.kept().by_text.len(), 1);
    }

    #[test]
    fn kept_parses_are_dropped_past_the_limit() {
        let parser = SentenceParser::new(Abbreviations::default());
        let words = "word ".repeat(KEPT_TOKENS_MAX / 2 + 1);
        let long = Span::new(0, words.trim_end().len());
        parser.parse(&words, long);
        assert_eq!(parser.kept().tokens, KEPT_TOKENS_MAX / 2 + 1);
        let other = format!("{words}more");
        parser.parse(&other, Span::new(0, other.len()));
        let kept = parser.kept();
        assert_eq!(
            (kept.by_text.len(), kept.tokens),
            (1, KEPT_TOKENS_MAX / 2 + 2)
        );
    }
}
