//! The source's words indexed once per comparison, so a check that looks for a
//! word anywhere in the source costs that word's occurrences, not the source's
//! length: a draft checked against a long source stays near-linear.

use crate::extract::tokens::{stem, Token, TokenKind};
use rustc_hash::FxHashMap;

/// Where each word key and stem stands in the source.
pub(super) struct SourceWords {
    /// The id of each stem the source has.
    stem_ids: FxHashMap<String, u32>,
    /// The stem id of every token, by sentence.
    stems: Vec<Vec<u32>>,
    /// (sentence, token) of each key, in text order.
    by_key: FxHashMap<String, Vec<(u32, u32)>>,
    /// For each stem id, the sentences where a word token has it, ascending.
    word_sentences: Vec<Vec<usize>>,
}

impl SourceWords {
    /// Index the tokens of each source sentence.
    pub(super) fn new(sentences: &[Vec<Token>]) -> Self {
        let mut stem_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut by_key: FxHashMap<String, Vec<(u32, u32)>> = FxHashMap::default();
        let mut word_sentences: Vec<Vec<usize>> = Vec::new();
        let mut stems = Vec::with_capacity(sentences.len());
        for (si, toks) in sentences.iter().enumerate() {
            let mut ids = Vec::with_capacity(toks.len());
            for (k, t) in toks.iter().enumerate() {
                let next = stem_ids.len() as u32;
                let id = *stem_ids.entry(stem(&t.key)).or_insert(next);
                if id == next {
                    word_sentences.push(Vec::new());
                }
                if t.kind() == TokenKind::Word {
                    let list = &mut word_sentences[id as usize];
                    if list.last() != Some(&si) {
                        list.push(si);
                    }
                }
                ids.push(id);
                by_key
                    .entry(t.key.to_string())
                    .or_default()
                    .push((si as u32, k as u32));
            }
            stems.push(ids);
        }
        SourceWords {
            stem_ids,
            stems,
            by_key,
            word_sentences,
        }
    }

    /// The id of a stem, when the source has it.
    pub(super) fn stem_id(&self, s: &str) -> Option<u32> {
        self.stem_ids.get(s).copied()
    }

    /// True when some source sentence has words with these stems, in a row:
    /// a name the source writes inflected otherwise ("Tea Parties" for "Tea
    /// Party"). Only the sentences holding the first stem are read.
    pub(super) fn has_stem_run(&self, run: &[String]) -> bool {
        let Some(ids) = run
            .iter()
            .map(|s| self.stem_id(s))
            .collect::<Option<Vec<u32>>>()
        else {
            return false;
        };
        let Some(&first) = ids.first() else {
            return false;
        };
        self.word_sentences[first as usize].iter().any(|&si| {
            self.stems[si]
                .windows(ids.len())
                .any(|w| w == ids.as_slice())
        })
    }

    /// The stem ids of sentence `si`'s tokens.
    pub(super) fn stems(&self, si: usize) -> &[u32] {
        &self.stems[si]
    }

    /// (sentence, token) of every token with `key`, in text order.
    pub(super) fn positions(&self, key: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.by_key
            .get(key)
            .into_iter()
            .flatten()
            .map(|&(s, k)| (s as usize, k as usize))
    }

    /// How many tokens have `key`.
    pub(super) fn occurrences(&self, key: &str) -> usize {
        self.by_key.get(key).map_or(0, Vec::len)
    }

    /// The sentences where a word token has stem `s`, ascending.
    pub(super) fn sentences_with_word(&self, s: &str) -> &[usize] {
        self.stem_id(s)
            .map_or(&[][..], |id| &self.word_sentences[id as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn toks(words: &[&str]) -> Vec<Token> {
        words
            .iter()
            .map(|w| {
                let kind = if w.chars().all(char::is_alphabetic) {
                    TokenKind::Word
                } else {
                    TokenKind::Punct
                };
                Token::new(Span::new(0, 0), kind, (*w).into())
            })
            .collect()
    }

    #[test]
    fn finds_keys_and_stems_where_they_stand() {
        let s = vec![
            toks(&["she", "did", "not", "offer", "."]),
            toks(&["offers", "came", "."]),
        ];
        let w = SourceWords::new(&s);
        assert_eq!(w.positions("not").collect::<Vec<_>>(), vec![(0, 2)]);
        assert_eq!(w.positions("absent").count(), 0);
        assert_eq!(w.occurrences("."), 2);
        assert_eq!(w.sentences_with_word(&stem("offering")), &[0, 1]);
        assert_eq!(w.sentences_with_word(&stem(".")), &[] as &[usize]);
        let offer = w.stem_id(&stem("offer")).unwrap();
        assert_eq!(w.stems(1)[0], offer);
    }
}
