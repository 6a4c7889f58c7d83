//! Lemmas learned from a treebank: suffix rules by part of speech (the most
//! frequent edit for each word ending) plus the exceptions those rules get wrong.

use rustc_hash::FxHashMap;

/// How a word becomes its lemma: maybe lower-case it, drop `strip` characters
/// from its end, append `append`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Edit {
    /// Lower-case the word first.
    pub lower: bool,
    /// Characters dropped from the end.
    pub strip: u8,
    /// Text appended.
    pub append: String,
}

impl Edit {
    /// The edit that turns `form` into `lemma` with the fewest characters dropped.
    pub fn between(form: &str, lemma: &str) -> Edit {
        let make = |lower: bool| {
            let f: Vec<char> = if lower {
                form.to_lowercase().chars().collect()
            } else {
                form.chars().collect()
            };
            let l: Vec<char> = lemma.chars().collect();
            let common = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
            Edit {
                lower,
                strip: (f.len() - common).min(255) as u8,
                append: l[common..].iter().collect(),
            }
        };
        let (keep, low) = (make(false), make(true));
        // on a tie lower-case: a rule learned from lower-case words then also
        // lower-cases a capitalised one ("Applause" at a sentence start)
        if low.strip <= keep.strip {
            low
        } else {
            keep
        }
    }

    /// Apply to `form`; `None` when it would drop more than the word has.
    pub fn apply(&self, form: &str) -> Option<String> {
        let base: Vec<char> = if self.lower {
            form.to_lowercase().chars().collect()
        } else {
            form.chars().collect()
        };
        let keep = base.len().checked_sub(self.strip as usize)?;
        let mut s: String = base[..keep].iter().collect();
        s.push_str(&self.append);
        Some(s)
    }
}

/// Longest word ending a rule is keyed on.
pub const MAX_SUFFIX: usize = 5;

/// Suffix rules and exceptions.
#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    /// (tag, last characters of the lower-case word) → edit.
    pub rules: FxHashMap<(u8, String), Edit>,
    /// (form, tag) → lemma, where the rules are wrong.
    pub exceptions: FxHashMap<(String, u8), String>,
    /// Form → (the tags it was seen with as a bit set, its most frequent lemma):
    /// a form never seen with the tag it is given was probably mistagged, and
    /// its usual lemma is the better guess.
    pub forms: FxHashMap<String, (u32, String)>,
}

fn ending(lower: &str, k: usize) -> Option<String> {
    let n = lower.chars().count();
    (k <= n).then(|| lower.chars().skip(n - k).collect())
}

impl Lemmatizer {
    /// The lemma of `form` tagged `tag`.
    pub fn lemma(&self, form: &str, tag: u8) -> String {
        if let Some(l) = self.exceptions.get(&(form.to_string(), tag)) {
            return l.clone();
        }
        if let Some((tags, usual)) = self.forms.get(form) {
            if tags & (1 << tag) == 0 {
                return usual.clone();
            }
        }
        self.by_rule(form, tag).unwrap_or_else(|| form.to_string())
    }

    fn by_rule(&self, form: &str, tag: u8) -> Option<String> {
        let lower = form.to_lowercase();
        (0..=MAX_SUFFIX).rev().find_map(|k| {
            let e = self.rules.get(&(tag, ending(&lower, k)?))?;
            e.apply(form)
        })
    }

    /// Learn from (form, tag, lemma) triples.
    pub fn train<'a>(words: impl Iterator<Item = (&'a str, u8, &'a str)> + Clone) -> Self {
        let mut counts: FxHashMap<(u8, String), FxHashMap<Edit, usize>> = FxHashMap::default();
        for (form, tag, lemma) in words.clone() {
            let e = Edit::between(form, lemma);
            let lower = form.to_lowercase();
            for k in 0..=MAX_SUFFIX {
                if let Some(end) = ending(&lower, k) {
                    *counts
                        .entry((tag, end))
                        .or_default()
                        .entry(e.clone())
                        .or_default() += 1;
                }
            }
        }
        let mut rules = FxHashMap::default();
        for (key, edits) in counts {
            // the most frequent edit; ties go to the smallest, for determinism
            if let Some((e, _)) = edits
                .into_iter()
                .max_by(|(a, x), (b, y)| x.cmp(y).then_with(|| b.cmp(a)))
            {
                rules.insert(key, e);
            }
        }
        let mut lem = Lemmatizer {
            rules,
            exceptions: FxHashMap::default(),
            forms: FxHashMap::default(),
        };
        // drop rules a shorter ending already gives, then record what the rules miss
        let keys: Vec<(u8, String)> = lem.rules.keys().cloned().collect();
        for (tag, end) in keys {
            let n = end.chars().count();
            if n == 0 {
                continue;
            }
            let parent = (0..n)
                .rev()
                .map(|k| end.chars().skip(n - k).collect::<String>())
                .find_map(|e| lem.rules.get(&(tag, e)).cloned());
            if parent.as_ref() == lem.rules.get(&(tag, end.clone())) {
                lem.rules.remove(&(tag, end));
            }
        }
        // each (form, tag)'s most frequent lemma, kept where the rules give another
        let mut seen: FxHashMap<(&str, u8), FxHashMap<&str, usize>> = FxHashMap::default();
        let mut by_form: FxHashMap<&str, (u32, FxHashMap<&str, usize>)> = FxHashMap::default();
        for (form, tag, lemma) in words.clone() {
            let f = by_form.entry(form).or_default();
            f.0 |= 1 << tag;
            *f.1.entry(lemma).or_default() += 1;
        }
        for (form, (tags, lemmas)) in by_form {
            if let Some((l, _)) = lemmas
                .into_iter()
                .max_by(|(a, x), (b, y)| x.cmp(y).then_with(|| b.cmp(a)))
            {
                lem.forms.insert(form.to_string(), (tags, l.to_string()));
            }
        }
        for (form, tag, lemma) in words {
            *seen
                .entry((form, tag))
                .or_default()
                .entry(lemma)
                .or_default() += 1;
        }
        for ((form, tag), lemmas) in seen {
            if let Some((l, _)) = lemmas
                .into_iter()
                .max_by(|(a, x), (b, y)| x.cmp(y).then_with(|| b.cmp(a)))
            {
                if lem.by_rule(form, tag).as_deref() != Some(l) {
                    lem.exceptions
                        .insert((form.to_string(), tag), l.to_string());
                }
            }
        }
        lem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_round_trip() {
        for (f, l) in [
            ("running", "run"),
            ("Americans", "American"),
            ("The", "the"),
            ("went", "go"),
        ] {
            assert_eq!(Edit::between(f, l).apply(f).as_deref(), Some(l));
        }
    }

    #[test]
    fn rules_generalise_and_exceptions_stay() {
        const VERB: u8 = 15;
        let data = [
            ("walked", VERB, "walk"),
            ("talked", VERB, "talk"),
            ("jumped", VERB, "jump"),
            ("went", VERB, "go"),
        ];
        let lem = Lemmatizer::train(data.iter().copied());
        assert_eq!(lem.lemma("barked", VERB), "bark");
        assert_eq!(lem.lemma("went", VERB), "go");
    }
}
