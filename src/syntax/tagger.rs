//! Part-of-speech tagging: a greedy left-to-right averaged perceptron over the
//! word, its affixes and shape, its neighbours and the two tags before it, with
//! a dictionary of unambiguous frequent words (as in Collins 2002, Honnibal 2013).

use super::weights::{best, feature, hash_str, Perceptron, Scorer};
use rustc_hash::FxHashMap;

/// The 17 universal part-of-speech tags of UD v2.
pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

/// The index of a UPOS tag, if it is one.
pub fn upos_index(tag: &str) -> Option<u8> {
    UPOS.iter().position(|t| *t == tag).map(|i| i as u8)
}

/// What the models read of one word, hashed once.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordAtoms {
    /// The form as written.
    pub form: u64,
    /// The form in lower case.
    pub lower: u64,
    /// Character classes with runs collapsed ("Xx", "d.d").
    pub shape: u64,
    /// The last 1, 2, 3 and 4 characters (lower case).
    pub suffix: [u64; 4],
    /// The first 1, 2 and 3 characters (lower case).
    pub prefix: [u64; 3],
}

impl WordAtoms {
    /// Atoms of `form`.
    pub fn new(form: &str) -> Self {
        let lower = form.to_lowercase();
        // where each character starts: an affix is a slice, not a new string
        let starts: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
        let n = starts.len();
        let at = |k: usize| starts.get(k).copied().unwrap_or(lower.len());
        let affix = |from: usize, to: usize| -> u64 { hash_str(&lower[at(from)..at(to.min(n))]) };
        let mut shape = String::new();
        for c in form.chars() {
            let k = if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_ascii_digit() {
                'd'
            } else {
                c
            };
            if !shape.ends_with(k) {
                shape.push(k);
            }
        }
        WordAtoms {
            form: hash_str(form),
            lower: hash_str(&lower),
            shape: hash_str(&shape),
            suffix: [
                affix(n.saturating_sub(1), n),
                affix(n.saturating_sub(2), n),
                affix(n.saturating_sub(3), n),
                affix(n.saturating_sub(4), n),
            ],
            prefix: [affix(0, 1), affix(0, 2), affix(0, 3)],
        }
    }

    /// Stand-in for positions before the first and after the last word.
    pub fn boundary(which: u64) -> Self {
        WordAtoms {
            form: which,
            lower: which,
            shape: which,
            suffix: [which; 4],
            prefix: [which; 3],
        }
    }
}

const BEFORE: u64 = 0xb0;
const AFTER: u64 = 0xe0;
/// The tag id given to positions before the sentence.
const START: u64 = 99;

/// The ambiguity class of each word: the set of tags its lower-case form was
/// seen with in training (a bit set plus one, 0 for a word too rare to know).
pub fn word_classes(forms: &[&str], class_of: impl Fn(&str) -> Option<u32>) -> Vec<u64> {
    forms
        .iter()
        .map(|f| class_of(f.to_lowercase().as_str()).map_or(0, |c| u64::from(c) + 1))
        .collect()
}

/// How much of a sentence is written in capitals: 0 for little, 1 for some,
/// 2 for a headline where most words start with one.
pub fn sentence_case(forms: &[&str]) -> u64 {
    let (mut words, mut capitals) = (0usize, 0usize);
    for f in forms {
        let Some(c) = f.chars().next() else { continue };
        if c.is_alphabetic() {
            words += 1;
            capitals += c.is_uppercase() as usize;
        }
    }
    match capitals * 10 / words.max(1) {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    }
}

/// Feature hashes of word `i` given the two tags before it; `classes` holds each
/// word's ambiguity class (see [`word_classes`]), `case` the sentence's
/// [`sentence_case`].
#[allow(clippy::too_many_arguments)]
pub fn features(
    words: &[WordAtoms],
    classes: &[u64],
    case: u64,
    i: usize,
    prev: u64,
    prev2: u64,
    out: &mut Vec<u64>,
) {
    let class = |k: isize| -> u64 {
        let j = i as isize + k;
        if j < 0 {
            BEFORE
        } else {
            classes.get(j as usize).copied().unwrap_or(AFTER)
        }
    };
    let (c0, c1, c2) = (class(0), class(1), class(2));
    let at = |k: isize| -> WordAtoms {
        let j = i as isize + k;
        if j < 0 {
            WordAtoms::boundary(BEFORE)
        } else if j as usize >= words.len() {
            WordAtoms::boundary(AFTER)
        } else {
            words[j as usize]
        }
    };
    let (w, p1, p2, n1, n2) = (at(0), at(-1), at(-2), at(1), at(2));
    out.clear();
    out.extend_from_slice(&[
        feature(1, &[]),
        feature(2, &[w.lower]),
        feature(3, &[w.form]),
        feature(4, &[w.suffix[0]]),
        feature(5, &[w.suffix[1]]),
        feature(6, &[w.suffix[2]]),
        feature(7, &[w.suffix[3]]),
        feature(8, &[w.prefix[0]]),
        feature(9, &[w.prefix[1]]),
        feature(10, &[w.prefix[2]]),
        feature(11, &[w.shape]),
        feature(12, &[prev]),
        feature(13, &[prev2]),
        feature(14, &[prev, prev2]),
        feature(15, &[prev, w.lower]),
        feature(16, &[p1.lower]),
        feature(17, &[p2.lower]),
        feature(18, &[n1.lower]),
        feature(19, &[n2.lower]),
        feature(20, &[p1.suffix[2]]),
        feature(21, &[n1.suffix[2]]),
        feature(22, &[n1.shape]),
        feature(23, &[w.lower, n1.lower]),
        feature(24, &[p1.lower, w.lower]),
        feature(25, &[(i == 0) as u64, w.shape]),
        feature(26, &[prev, w.suffix[2]]),
        feature(27, &[p1.shape, w.shape]),
        feature(28, &[n1.suffix[1], w.suffix[1]]),
        feature(29, &[p1.lower, n1.lower]),
        feature(30, &[prev, n1.lower]),
        feature(31, &[n1.lower, n2.lower]),
        feature(32, &[n1.suffix[3]]),
        feature(33, &[p1.lower, prev]),
        feature(34, &[w.form, n1.shape]),
        feature(35, &[c0]),
        feature(36, &[c1]),
        feature(37, &[c0, c1]),
        feature(38, &[prev, c0]),
        feature(39, &[c1, c2]),
        feature(40, &[prev, c0, c1]),
        feature(41, &[c0, w.suffix[2]]),
        feature(42, &[case, w.shape]),
        feature(43, &[case, w.shape, c0]),
        feature(44, &[p1.shape, w.shape, n1.shape]),
    ]);
}

/// A tagger: weights, the dictionary of unambiguous words (form → tag) and the
/// ambiguity classes of known words.
#[derive(Debug, Clone)]
pub struct Tagger<S> {
    /// Scores of the 17 tags.
    pub weights: S,
    /// Frequent words always seen with one tag (form → tag).
    pub dictionary: super::forms::WordValues,
    /// Lower-case form → the tags it was seen with (bit set), for words seen often enough.
    pub classes: super::forms::WordValues,
}

impl<S: Scorer> Tagger<S> {
    /// The tag of each word.
    pub fn tag(&self, forms: &[&str], words: &[WordAtoms]) -> Vec<u8> {
        let mut tags = Vec::with_capacity(words.len());
        let mut feats = Vec::new();
        let mut scores = [S::Score::default(); 17];
        let classes = word_classes(forms, |w| self.classes.get(w));
        let case = sentence_case(forms);
        for (i, form) in forms.iter().enumerate().take(words.len()) {
            if let Some(t) = self.dictionary.get(form) {
                tags.push(t as u8);
                continue;
            }
            let prev = i.checked_sub(1).map_or(START, |j| tags[j] as u64);
            let prev2 = i.checked_sub(2).map_or(START, |j| tags[j] as u64);
            features(words, &classes, case, i, prev, prev2, &mut feats);
            scores.fill(S::Score::default());
            self.weights.add_scores(&feats, &mut scores);
            tags.push(best(&scores, |_| true).unwrap_or(7) as u8);
        }
        tags
    }
}

/// Words seen at least `min_count` times, at least `share` of them with one tag.
pub fn build_dictionary(
    sentences: &[(Vec<String>, Vec<u8>)],
    min_count: usize,
    share: f64,
) -> FxHashMap<String, u8> {
    let mut counts: FxHashMap<&str, [usize; 17]> = FxHashMap::default();
    for (forms, tags) in sentences {
        for (f, &t) in forms.iter().zip(tags) {
            counts.entry(f.as_str()).or_insert([0; 17])[t as usize] += 1;
        }
    }
    let mut dict = FxHashMap::default();
    for (f, c) in counts {
        let n: usize = c.iter().sum();
        let (t, &top) = c
            .iter()
            .enumerate()
            .max_by_key(|(_, &k)| k)
            .unwrap_or((0, &0));
        if n >= min_count && top as f64 / n as f64 >= share {
            dict.insert(f.to_string(), t as u8);
        }
    }
    dict
}

/// Lower-case forms seen at least `min_count` times, with the tags each was seen with.
pub fn build_classes(
    sentences: &[(Vec<String>, Vec<u8>)],
    min_count: usize,
) -> FxHashMap<String, u32> {
    let mut seen: FxHashMap<String, (usize, u32)> = FxHashMap::default();
    for (forms, tags) in sentences {
        for (f, &t) in forms.iter().zip(tags) {
            let e = seen.entry(f.to_lowercase()).or_default();
            e.0 += 1;
            e.1 |= 1 << t;
        }
    }
    seen.into_iter()
        .filter(|(_, (n, _))| *n >= min_count)
        .map(|(f, (_, c))| (f, c))
        .collect()
}

/// One training pass over `sentences` (forms, gold tags), in the given order.
pub fn train_epoch(
    p: &mut Perceptron,
    dictionary: &FxHashMap<String, u8>,
    classes: &FxHashMap<String, u32>,
    sentences: &[(Vec<String>, Vec<u8>)],
    order: &[usize],
) -> (usize, usize) {
    let (mut right, mut total) = (0, 0);
    let mut feats = Vec::new();
    let mut scores = [0f32; 17];
    for &k in order {
        let (forms, gold) = &sentences[k];
        let words: Vec<WordAtoms> = forms.iter().map(|f| WordAtoms::new(f)).collect();
        let f: Vec<&str> = forms.iter().map(String::as_str).collect();
        let word_classes = word_classes(&f, |w| classes.get(w).copied());
        let case = sentence_case(&f);
        let mut tags: Vec<u8> = Vec::with_capacity(words.len());
        for i in 0..words.len() {
            let guess = if let Some(&t) = dictionary.get(forms[i].as_str()) {
                t
            } else {
                let prev = i.checked_sub(1).map_or(START, |j| tags[j] as u64);
                let prev2 = i.checked_sub(2).map_or(START, |j| tags[j] as u64);
                features(&words, &word_classes, case, i, prev, prev2, &mut feats);
                scores.fill(0.0);
                p.add_scores(&feats, &mut scores);
                let guess = best(&scores, |_| true).unwrap_or(7) as u8;
                p.update(&feats, gold[i] as usize, guess as usize);
                p.tick();
                guess
            };
            right += (guess == gold[i]) as usize;
            total += 1;
            tags.push(guess);
        }
    }
    (right, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ambiguity_classes_know_only_words_seen_often_enough() {
        let s = |w: &[&str], t: &[u8]| (w.iter().map(|x| x.to_string()).collect(), t.to_vec());
        let data = vec![
            s(&["Run", "fast"], &[15, 2]),
            s(&["a", "run"], &[5, 7]),
            s(&["run", "rare"], &[15, 0]),
        ];
        let classes = build_classes(&data, 3);
        assert_eq!(classes.get("run"), Some(&((1 << 15) | (1 << 7))));
        assert!(!classes.contains_key("rare"));
        let known = word_classes(&["RUN", "rare"], |w| classes.get(w).copied());
        assert_eq!(known, vec![u64::from((1u32 << 15) | (1 << 7)) + 1, 0]);
    }

    #[test]
    fn a_headline_is_told_from_running_text() {
        assert_eq!(sentence_case(&["Senate", "Passes", "Budget", "Bill"]), 2);
        assert_eq!(
            sentence_case(&["The", "senate", "passed", "a", "bill", "."]),
            0
        );
    }
}
