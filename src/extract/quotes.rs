//! Quotations: the words between an opening and a closing quotation mark,
//! within one block (a quotation may run over several sentences). Double marks:
//! curly ones open and close; straight ones toggle. Single marks ('as British
//! papers quote', or ‘curly’): one opens after a space and before a letter, and
//! closes after a word and before a space or punctuation, so apostrophes
//! ("don't", "'90s", "the students' union") open and close nothing. Marks
//! inside a quotation are part of it. A quotation left open at the end of its
//! block is not taken: an unclosed mark says nothing of where the quoted words
//! end. Ellipses and [bracketed] or (parenthesised) words are kept
//! as marks, so that a comparison can tell an omission or an insertion the
//! writer marked from a changed word.

use crate::extract::attributions::quote_step;
use crate::extract::tokens::{Key, Token, TokenKind};
use crate::model::Document;
use crate::span::Span;

/// One word of a quotation.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteWord {
    /// The word, normalised (lower case, typographic marks folded).
    pub key: Key,
    /// Where it stands: first byte and one past the last (32 bits: a long
    /// source's quotations are all held at once while they are compared).
    start: u32,
    end: u32,
    /// Inside [brackets] or (parentheses): the writer's insertion, not the
    /// speaker's word.
    pub bracketed: bool,
    /// An ellipsis stands right before it: words may be left out here.
    pub after_ellipsis: bool,
    /// It opens a sentence after the quotation's word before it (as the
    /// segmenter reads the text): the quoted words before it are another
    /// sentence.
    pub after_sentence_end: bool,
}

impl QuoteWord {
    /// Where it stands in the document's text.
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    /// Move it to `span` (offsets of a document, which fit 32 bits).
    fn set_span(&mut self, span: Span) {
        self.start = span.start as u32;
        self.end = span.end as u32;
    }
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
    // the open quotation's tokens so far with their sentences, and whether
    // single marks opened it
    let mut open: Option<(Vec<(usize, &Token)>, bool)> = None;
    for (k, (sentence, toks)) in doc.sentences.iter().zip(tokens).enumerate() {
        if k > 0 && doc.sentences[k - 1].block != sentence.block {
            // a mark left open at the end of a block closes nothing
            open = None;
        }
        for (i, t) in toks.iter().enumerate() {
            let single = match (t.key.as_str(), &open) {
                ("\"", None | Some((_, false))) => false,
                ("'", None) if opens_single(text, t) => true,
                ("'", Some((q, true))) if closes_single(text, toks, i, q.len()) => true,
                _ => {
                    if let Some((q, _)) = open.as_mut() {
                        q.push((k, t));
                    }
                    continue;
                }
            };
            if single {
                match open.take() {
                    None => open = Some((Vec::new(), true)),
                    Some((q, _)) => out.extend(quotation(&q)),
                }
                continue;
            }
            // the attribution passes' reading of a mark: curly marks open and
            // close, straight ones toggle, an opening one glued to a clause closes
            let was_open = open.is_some();
            if quote_step(text, toks, i, was_open) {
                // opened, or opened again: a new quotation starts
                open = Some((Vec::new(), false));
            } else if let Some((q, _)) = open.take() {
                out.extend(quotation(&q));
            }
        }
    }
    out
}

/// Whether the single mark `t` opens a quotation: it stands at the start, after
/// a space, an opening bracket, a dash or a colon, and right before a letter
/// ("'We will", not "'90s").
fn opens_single(text: &str, t: &Token) -> bool {
    let before = text[..t.span().start].chars().next_back();
    let after = text[t.span().end..].chars().next();
    before.is_none_or(|c| c.is_whitespace() || "([{\u{2014}\u{2013}-:".contains(c))
        && after.is_some_and(char::is_alphabetic)
}

/// Whether the single mark at `i` closes a quotation of `inside` tokens so far:
/// right after a word or a mark, and before a space, punctuation or the end.
/// Shaped like the apostrophe of a plural possessive ("the students' union":
/// an "s" before it, a lower-case word after it), it closes only a quotation of
/// a few words ("red 'hats' or pukao").
fn closes_single(text: &str, toks: &[Token], i: usize, inside: usize) -> bool {
    let t = &toks[i];
    let before = text[..t.span().start].chars().next_back();
    let after = text[t.span().end..].chars().next();
    let closing = before.is_some_and(|c| !c.is_whitespace())
        && after.is_none_or(|c| c.is_whitespace() || !c.is_alphanumeric());
    let possessive = before == Some('s')
        && after.is_some_and(char::is_whitespace)
        && toks.get(i + 1).is_some_and(|n| {
            n.kind() == TokenKind::Word && n.span().text(text).starts_with(char::is_lowercase)
        });
    closing && (!possessive || inside <= SHORT_QUOTATION_TOKENS)
}

/// Tokens of a quotation short enough that a mark shaped like a possessive
/// apostrophe after it closes it: a term quoted in passing.
const SHORT_QUOTATION_TOKENS: usize = 3;

/// The quotation of the tokens between two marks, each with its sentence, if
/// it has a word.
fn quotation(toks: &[(usize, &Token)]) -> Option<Quotation> {
    let mut words: Vec<QuoteWord> = Vec::new();
    let (mut bracketed, mut after_ellipsis) = (false, false);
    // the sentence of the last word
    let mut sentence = None;
    for (k, &(in_sentence, t)) in toks.iter().enumerate() {
        // "..." may come as three period tokens
        let dots = t.key == "." && (k > 0 && toks[k - 1].1.key == ".");
        // a word masked with asterisks ("f***ing") is one word: the marks
        // and the letters glued to them join the word before
        let glued = k > 0 && toks[k - 1].1.span().end == t.span().start;
        let masking = t.key.chars().all(|c| c == '*');
        let after_mask = glued && toks[k - 1].1.key.chars().all(|c| c == '*');
        if let Some(last) = words.last_mut().filter(|w| {
            glued && (masking || after_mask) && w.span().end == toks[k - 1].1.span().end
        }) {
            last.key = Key::new(&format!("{}{}", last.key, t.key));
            last.set_span(last.span().cover(&t.span()));
            continue;
        }
        match t.key.as_str() {
            // the writer's insertions: [brackets], and (parentheses) as in
            // "(Libyan strongman Moammar) Gadhafi"
            "[" | "(" => bracketed = true,
            "]" | ")" => bracketed = false,
            _ if is_ellipsis(t) || dots => after_ellipsis = true,
            // a symbol that stands for a word ("&") is a word of the quotation
            _ if matches!(t.kind(), TokenKind::Word | TokenKind::Number) || t.key == "&" => {
                // typography aside: "F.B.I." is "FBI", "tax-filing" is "tax filing"
                let bare = if t.kind() == TokenKind::Word {
                    t.key.as_str().replace('.', "")
                } else {
                    t.key.to_string()
                };
                for part in bare.split('-').filter(|p| !p.is_empty()) {
                    words.push(QuoteWord {
                        key: part.into(),
                        start: t.span().start as u32,
                        end: t.span().end as u32,
                        bracketed,
                        after_ellipsis,
                        after_sentence_end: sentence.is_some_and(|s| s != in_sentence),
                    });
                    after_ellipsis = false;
                    sentence = Some(in_sentence);
                }
            }
            _ => {}
        }
    }
    let first = toks.first()?.1;
    let last = toks.last()?.1;
    // a long source's quotations are all kept at once: no room to grow
    let words = crate::exact::exact(words);
    (!words.is_empty()).then(|| Quotation {
        span: first.span().cover(&last.span()),
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
                    q.words.iter().map(|w| w.key.to_string()).collect(),
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
    fn single_marks_quote_and_apostrophes_do_not() {
        let q = quotes(
            "'We will not back down,' he said. The students' union met in the '90s. \
             \u{2018}It was a big day,\u{2019} she added. She said: 'I don't know' and left.",
        );
        let texts: Vec<&str> = q.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "We will not back down,",
                "It was a big day,",
                "I don't know"
            ],
            "{q:?}"
        );
        // a term quoted in passing closes at a mark shaped like a possessive;
        // a longer quotation does not
        let q = quotes("They placed red 'hats' or pukao on the statues.");
        assert_eq!(q[0].0, "hats", "{q:?}");
        let q = quotes("'Ask the members of the students' union,' she said.");
        assert_eq!(q[0].0, "Ask the members of the students' union,", "{q:?}");
        // single marks inside a double-quoted quotation are part of it
        let q = quotes("\"He called it 'fake' twice,\" she said.");
        assert_eq!(q.len(), 1, "{q:?}");
    }

    /// The first quotation of `text`.
    fn first_quotation(text: &str) -> Quotation {
        let engine = Engine::new(Rules::builtin().unwrap());
        let a = engine.analyze("t", text.into(), Format::Text).unwrap();
        quotations(&a.doc, &a.claims.tokens).swap_remove(0)
    }

    #[test]
    fn ellipses_and_brackets_are_marked() {
        let q = &first_quotation("He said \"we ... will [always] win\" today.");
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
    fn a_sentence_end_inside_a_quotation_is_marked() {
        let q = &first_quotation(
            "He said \"it is a good year. But we lost, and why? Mr. Smith knows.\"",
        );
        let after_end: Vec<&str> = q
            .words
            .iter()
            .filter(|w| w.after_sentence_end)
            .map(|w| w.key.as_str())
            .collect();
        // the period of an abbreviation ends no sentence
        assert_eq!(after_end, ["but", "mr"], "{:?}", q.words);
    }

    #[test]
    fn a_word_masked_with_asterisks_is_one_word() {
        let q = quotes("He said \"that f***ing wall, ***, is dumb\" today.");
        assert_eq!(q[0].1, ["that", "f***ing", "wall", "is", "dumb"], "{q:?}");
    }

    #[test]
    fn abbreviation_dots_and_hyphens_are_typography() {
        let q = quotes("He said \"the F.B.I. gave tax-filing guidance\" today.");
        assert_eq!(q[0].1, ["the", "fbi", "gave", "tax", "filing", "guidance"]);
    }
}
