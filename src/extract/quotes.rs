//! Quotations: the words between an opening and a closing double quotation
//! mark, within one block (a quotation may run over several sentences). Curly
//! marks open and close; straight marks toggle. A quotation left open at the
//! end of its block is not taken: an unclosed mark says nothing of where the
//! quoted words end. Ellipses and [bracketed] or (parenthesised) words are kept
//! as marks, so that a comparison can tell an omission or an insertion the
//! writer marked from a changed word.

use crate::extract::attributions::quote_step;
use crate::extract::tokens::{Token, TokenKind};
use crate::model::Document;
use crate::span::Span;

/// One word of a quotation.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteWord {
    /// The word, normalised (lower case, typographic marks folded).
    pub key: String,
    /// Where it stands.
    pub span: Span,
    /// Inside [brackets] or (parentheses): the writer's insertion, not the
    /// speaker's word.
    pub bracketed: bool,
    /// An ellipsis stands right before it: words may be left out here.
    pub after_ellipsis: bool,
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq)]
pub struct Quotation {
    /// From the first to the last token inside the marks.
    pub span: Span,
    /// Its words (numbers included), punctuation left out.
    pub words: Vec<QuoteWord>,
    /// An ellipsis ends it: words may be left out after the last one.
    pub ends_with_ellipsis: bool,
}

/// Whether a token is an ellipsis ("...", "…").
fn is_ellipsis(t: &Token) -> bool {
    t.key == "..." || t.key == "\u{2026}"
}

/// The quotations of a document, in order. `tokens` are the tokens of each
/// sentence.
pub fn quotations(doc: &Document, tokens: &[Vec<Token>]) -> Vec<Quotation> {
    let text = doc.text.as_str();
    let mut out = Vec::new();
    let mut open: Option<Vec<&Token>> = None;
    for (k, (sentence, toks)) in doc.sentences.iter().zip(tokens).enumerate() {
        if k > 0 && doc.sentences[k - 1].block != sentence.block {
            // a mark left open at the end of a block closes nothing
            open = None;
        }
        for (i, t) in toks.iter().enumerate() {
            if t.key != "\"" {
                if let Some(q) = open.as_mut() {
                    q.push(t);
                }
                continue;
            }
            // the attribution passes' reading of a mark: curly marks open and
            // close, straight ones toggle, an opening one glued to a clause closes
            let was_open = open.is_some();
            if quote_step(text, toks, i, was_open) {
                // opened, or opened again: a new quotation starts
                open = Some(Vec::new());
            } else if let Some(q) = open.take() {
                if let Some(quote) = quotation(&q) {
                    out.push(quote);
                }
            }
        }
    }
    out
}

/// The quotation of the tokens between two marks, if it has a word.
fn quotation(toks: &[&Token]) -> Option<Quotation> {
    let mut words = Vec::new();
    let (mut bracketed, mut after_ellipsis) = (false, false);
    for (k, t) in toks.iter().enumerate() {
        // "..." may come as three period tokens
        let dots = t.key == "." && (k > 0 && toks[k - 1].key == ".");
        match t.key.as_str() {
            // the writer's insertions: [brackets], and (parentheses) as in
            // "(Libyan strongman Moammar) Gadhafi"
            "[" | "(" => bracketed = true,
            "]" | ")" => bracketed = false,
            _ if is_ellipsis(t) || dots => after_ellipsis = true,
            _ if matches!(t.kind, TokenKind::Word | TokenKind::Number) => {
                // typography aside: "F.B.I." is "FBI", "tax-filing" is "tax filing"
                let bare = if t.kind == TokenKind::Word {
                    t.key.replace('.', "")
                } else {
                    t.key.clone()
                };
                for part in bare.split('-').filter(|p| !p.is_empty()) {
                    words.push(QuoteWord {
                        key: part.to_string(),
                        span: t.span,
                        bracketed,
                        after_ellipsis,
                    });
                    after_ellipsis = false;
                }
            }
            _ => {}
        }
    }
    let first = toks.first()?;
    let last = toks.last()?;
    (!words.is_empty()).then(|| Quotation {
        span: first.span.cover(&last.span),
        words,
        ends_with_ellipsis: after_ellipsis,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Engine, Format, Rules};

    fn quotes(text: &str) -> Vec<(String, Vec<String>)> {
        let engine = Engine::new(Rules::builtin().unwrap());
        let a = engine.analyze("t", text.into(), Format::Text).unwrap();
        quotations(&a.doc, &a.claims.tokens)
            .into_iter()
            .map(|q| {
                (
                    q.span.text(&a.doc.text).to_string(),
                    q.words.iter().map(|w| w.key.clone()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn quotations_straight_curly_over_sentences_and_unclosed() {
        let q = quotes("He said \"we will win. We always do,\" and left.");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].1, ["we", "will", "win", "we", "always", "do"]);
        let q = quotes("She called it a \u{201c}partisan attack dog\u{201d} on Monday.");
        assert_eq!(q[0].0, "partisan attack dog");
        // left open at the end of its paragraph: not a quotation
        assert!(quotes("He said \"we will win and left.\n\nThen he went home.").is_empty());
    }

    #[test]
    fn ellipses_and_brackets_are_marked() {
        let engine = Engine::new(Rules::builtin().unwrap());
        let a = engine
            .analyze(
                "t",
                "He said \"we ... will [always] win\" today.".into(),
                Format::Text,
            )
            .unwrap();
        let q = &quotations(&a.doc, &a.claims.tokens)[0];
        let will = q.words.iter().find(|w| w.key == "will").unwrap();
        assert!(will.after_ellipsis);
        assert!(
            q.words
                .iter()
                .find(|w| w.key == "always")
                .unwrap()
                .bracketed
        );
        assert!(!q.words.iter().find(|w| w.key == "win").unwrap().bracketed);
    }

    #[test]
    fn abbreviation_dots_and_hyphens_are_typography() {
        let q = quotes("He said \"the F.B.I. gave tax-filing guidance\" today.");
        assert_eq!(q[0].1, ["the", "fbi", "gave", "tax", "filing", "guidance"]);
    }
}
