//! The source's words indexed once per comparison, so a check that looks for a
//! word anywhere in the source costs that word's occurrences, not the source's
//! length: a draft checked against a long source stays near-linear.

use crate::extract::tokens::{Token, TokenKind};
use crate::intern::{Interner, Runs};

/// Where each word key and stem stands in the source. Keys and stems are
/// interned and every list is a run of one buffer: on a long source this
/// index weighed more than the text (a `String` and a `Vec` per key).
pub(super) struct SourceWords {
    /// The stems the source has, by id.
    stem_ids: Interner,
    /// Where each sentence's tokens start in `stems` (one more at the end).
    sentence_starts: Vec<u32>,
    /// The stem id of every token, the sentences one after another.
    stems: Vec<u32>,
    /// The keys the source has, by id.
    key_ids: Interner,
    /// For each key id, its tokens (indexes into `stems`), in text order.
    by_key: Runs,
    /// For each stem id, the sentences where a word token has it, ascending.
    word_sentences: Runs,
}

impl SourceWords {
    /// Index the tokens of each source sentence.
    pub(super) fn new(sentences: &[Vec<Token>]) -> Self {
        let mut stem_ids = Interner::default();
        let mut key_ids = Interner::default();
        let tokens: usize = sentences.iter().map(Vec::len).sum();
        let mut stems = Vec::with_capacity(tokens);
        let mut keys = Vec::with_capacity(tokens);
        let mut sentence_starts = Vec::with_capacity(sentences.len() + 1);
        // each distinct key stemmed once: the stem id of each key id
        let mut stem_of_key: Vec<u32> = Vec::new();
        for toks in sentences {
            sentence_starts.push(stems.len() as u32);
            for t in toks {
                let key = key_ids.id(&t.key);
                if key as usize == stem_of_key.len() {
                    stem_of_key.push(stem_ids.id(&t.key.stem()));
                }
                stems.push(stem_of_key[key as usize]);
                keys.push(key);
            }
        }
        sentence_starts.push(stems.len() as u32);
        let by_key = Runs::from_visits(key_ids.len(), |emit| {
            for (n, &k) in keys.iter().enumerate() {
                emit(k, n as u32)
            }
        });
        drop(keys);
        // each (stem, sentence) once: a stem is skipped when this sentence
        // has listed it already
        let word_sentences = Runs::from_visits(stem_ids.len(), |emit| {
            let mut listed: Vec<u32> = vec![u32::MAX; stem_ids.len()];
            for (si, toks) in sentences.iter().enumerate() {
                let first = sentence_starts[si] as usize;
                for (k, t) in toks.iter().enumerate() {
                    let id = stems[first + k];
                    if t.kind() == TokenKind::Word && listed[id as usize] != si as u32 {
                        listed[id as usize] = si as u32;
                        emit(id, si as u32);
                    }
                }
            }
        });
        SourceWords {
            stem_ids,
            sentence_starts,
            stems,
            key_ids,
            by_key,
            word_sentences,
        }
    }

    /// The id of a stem, when the source has it.
    pub(super) fn stem_id(&self, s: &str) -> Option<u32> {
        self.stem_ids.get(s)
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
        self.word_sentences.get(first).iter().any(|&si| {
            self.stems(si as usize)
                .windows(ids.len())
                .any(|w| w == ids.as_slice())
        })
    }

    /// The stem ids of sentence `si`'s tokens.
    pub(super) fn stems(&self, si: usize) -> &[u32] {
        &self.stems[self.sentence_starts[si] as usize..self.sentence_starts[si + 1] as usize]
    }

    /// (sentence, token) of every token with `key`, in text order.
    pub(super) fn positions(&self, key: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
        let tokens = self
            .key_ids
            .get(key)
            .map_or(&[][..], |id| self.by_key.get(id));
        tokens.iter().map(|&n| {
            // the last sentence starting at or before token n (empty
            // sentences start where the next one does)
            let si = self.sentence_starts.partition_point(|&s| s <= n) - 1;
            (si, (n - self.sentence_starts[si]) as usize)
        })
    }

    /// How many tokens have `key`.
    pub(super) fn occurrences(&self, key: &str) -> usize {
        self.key_ids
            .get(key)
            .map_or(0, |id| self.by_key.get(id).len())
    }

    /// The sentences where a word token has stem `s`, ascending.
    pub(super) fn sentences_with_word(&self, s: &str) -> &[u32] {
        self.stem_id(s)
            .map_or(&[][..], |id| self.word_sentences.get(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::stem;
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
        assert_eq!(w.sentences_with_word(&stem(".")), &[] as &[u32]);
        let offer = w.stem_id(&stem("offer")).unwrap();
        assert_eq!(w.stems(1)[0], offer);
    }

    #[test]
    fn positions_skip_empty_sentences() {
        let s = vec![
            toks(&["not", "now"]),
            toks(&[]),
            toks(&[]),
            toks(&["or", "not"]),
            toks(&[]),
            toks(&["not"]),
        ];
        let w = SourceWords::new(&s);
        assert_eq!(
            w.positions("not").collect::<Vec<_>>(),
            vec![(0, 0), (3, 1), (5, 0)]
        );
        assert_eq!(w.stems(1), &[] as &[u32]);
        assert_eq!(w.stems(3).len(), 2);
        assert_eq!(w.sentences_with_word(&stem("not")), &[0, 3, 5]);
    }
}
