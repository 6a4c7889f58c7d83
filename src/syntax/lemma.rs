//! Lemmas learned from a treebank: suffix rules by part of speech (the most
//! frequent edit for each word ending) plus the exceptions those rules get wrong.

use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};

/// A map whose tuple keys are looked up by borrowed parts ([`Borrowed`]), so
/// that a word's lookups allocate nothing.
pub type LemmaMap<K, V> = hashbrown::HashMap<K, V, rustc_hash::FxBuildHasher>;

/// A string of the lemmatizer's tables: borrowed from the embedded model (no
/// copy at start-up), owned when trained or read from a file. It hashes and
/// compares as its text.
pub type LemmaText = super::WordKey;

/// A key of a [`LemmaMap`] made of borrowed parts: hashes and compares as the
/// owned tuple it stands for (`(u8, String)`, `(String, u8)`, `(String, u8,
/// String)`).
#[derive(Clone, Copy)]
enum Borrowed<'a> {
    /// (tag, ending): a suffix rule.
    TagEnding(u8, &'a str),
    /// (form, tag): an exception.
    FormTag(&'a str, u8),
    /// (form, tag, relation): a relation's lemma.
    FormTagRelation(&'a str, u8, &'a str),
}

impl Hash for Borrowed<'_> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        // as the owned tuple hashes: each field in order, a String as its str
        match *self {
            Borrowed::TagEnding(tag, end) => (tag, end).hash(h),
            Borrowed::FormTag(form, tag) => (form, tag).hash(h),
            Borrowed::FormTagRelation(form, tag, rel) => (form, tag, rel).hash(h),
        }
    }
}

impl hashbrown::Equivalent<(u8, LemmaText)> for Borrowed<'_> {
    fn equivalent(&self, key: &(u8, LemmaText)) -> bool {
        matches!(*self, Borrowed::TagEnding(tag, end) if tag == key.0 && end == key.1)
    }
}

impl hashbrown::Equivalent<(LemmaText, u8)> for Borrowed<'_> {
    fn equivalent(&self, key: &(LemmaText, u8)) -> bool {
        matches!(*self, Borrowed::FormTag(form, tag) if form == key.0 && tag == key.1)
    }
}

impl hashbrown::Equivalent<(LemmaText, u8, LemmaText)> for Borrowed<'_> {
    fn equivalent(&self, key: &(LemmaText, u8, LemmaText)) -> bool {
        matches!(*self, Borrowed::FormTagRelation(form, tag, rel)
            if form == key.0 && tag == key.1 && rel == key.2)
    }
}

/// How a word becomes its lemma: maybe lower-case it, drop `strip` characters
/// from its end, append `append`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Edit {
    /// Lower-case the word first.
    pub lower: bool,
    /// Characters dropped from the end.
    pub strip: u8,
    /// Text appended.
    pub append: LemmaText,
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
                append: LemmaText::Owned(l[common..].iter().collect()),
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
        apply_edit(form, self.lower, self.strip, &self.append)
    }
}

/// An edit ([`Edit`]) applied to `form`: maybe lower-cased, `strip` characters
/// dropped from its end, `append` appended; `None` when it would drop more
/// than the word has.
fn apply_edit(form: &str, lower: bool, strip: u8, append: &str) -> Option<String> {
    let mut s = if lower {
        form.to_lowercase()
    } else {
        form.to_string()
    };
    let keep = s.chars().count().checked_sub(strip as usize)?;
    let cut = s.char_indices().nth(keep).map_or(s.len(), |(i, _)| i);
    s.truncate(cut);
    s.push_str(append);
    Some(s)
}

/// The lemmatiser's three tables frozen ([`super::forms::FormTable`], keyed as
/// [`super::forms::rule_key`] says): the built-in model's, which `build.rs`
/// prepares and the program reads in place instead of filing two thousand
/// entries at start-up.
#[derive(Debug, Clone, Default)]
pub struct FrozenLemmas {
    /// Rule key → (lower-case bit, then the characters dropped; the text appended).
    pub rules: super::forms::FormTable,
    /// Exception key → (0; the lemma).
    pub exceptions: super::forms::FormTable,
    /// Relation key → (0; the lemma).
    pub relations: super::forms::FormTable,
}

/// The table value of `key` (parts joined with nothing between them, in a
/// buffer on the stack when short: a lookup allocates nothing).
fn frozen_get<'t>(
    table: &'t super::forms::FormTable,
    key: Option<[&str; 4]>,
) -> Option<(u32, &'t str)> {
    let parts = key?;
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let mut buf = [0u8; 64];
    if len > buf.len() {
        return table.get(&parts.concat());
    }
    let mut at = 0;
    for p in parts {
        buf[at..at + p.len()].copy_from_slice(p.as_bytes());
        at += p.len();
    }
    table.get_bytes(&buf[..at])
}

/// Longest word ending a rule is keyed on.
pub const MAX_SUFFIX: usize = 5;

/// An owned copy of `s` for the tables.
fn text(s: &str) -> LemmaText {
    LemmaText::Owned(s.to_string())
}

/// Suffix rules and exceptions.
#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    /// (tag, last characters of the lower-case word) → edit.
    pub rules: LemmaMap<(u8, LemmaText), Edit>,
    /// (form, tag) → lemma, where the rules are wrong.
    pub exceptions: LemmaMap<(LemmaText, u8), LemmaText>,
    /// Form → (the tags it was seen with as a bit set, its most frequent lemma):
    /// a form never seen with the tag it is given was probably mistagged, and
    /// its usual lemma is the better guess.
    pub forms: super::forms::FormTable,
    /// (form, tag, dependency relation) → lemma, where the treebank's lemma of a
    /// form depends on its relation ("her" as nmod:poss is "her", as obj "she").
    pub by_relation: LemmaMap<(LemmaText, u8, LemmaText), LemmaText>,
    /// The built-in model's rules, exceptions and relation lemmas, frozen:
    /// read instead of the three maps (left empty) when present.
    pub frozen: Option<FrozenLemmas>,
}

fn ending(lower: &str, k: usize) -> Option<String> {
    let n = lower.chars().count();
    (k <= n).then(|| lower.chars().skip(n - k).collect())
}

impl Lemmatizer {
    /// The lemma of `form` tagged `tag`.
    pub fn lemma(&self, form: &str, tag: u8) -> String {
        if let Some(l) = self.exception(form, tag) {
            return l.to_string();
        }
        if let Some((tags, row)) = self.forms.tags(form) {
            if tags & (1 << tag) == 0 {
                if let Some(usual) = self.forms.usual(row) {
                    return usual.to_string();
                }
            }
        }
        self.by_rule(form, tag).unwrap_or_else(|| form.to_string())
    }

    /// The lemma of `form` tagged `tag` in relation `deprel` to its head.
    pub fn lemma_in(&self, form: &str, tag: u8, deprel: &str) -> String {
        if let Some(l) = self.relation_lemma(form, tag, deprel) {
            return l.to_string();
        }
        self.lemma(form, tag)
    }

    /// The exception's lemma of (`form`, `tag`), if any.
    fn exception(&self, form: &str, tag: u8) -> Option<&str> {
        match &self.frozen {
            Some(f) => {
                frozen_get(&f.exceptions, super::forms::exception_key(form, &tag)).map(|(_, l)| l)
            }
            None => self
                .exceptions
                .get(&Borrowed::FormTag(form, tag))
                .map(|l| l.as_ref()),
        }
    }

    /// The relation's lemma of (`form`, `tag`, `deprel`), if any.
    fn relation_lemma(&self, form: &str, tag: u8, deprel: &str) -> Option<&str> {
        match &self.frozen {
            Some(f) => frozen_get(&f.relations, super::forms::relation_key(form, &tag, deprel))
                .map(|(_, l)| l),
            None if self.by_relation.is_empty() => None,
            None => self
                .by_relation
                .get(&Borrowed::FormTagRelation(form, tag, deprel))
                .map(|l| l.as_ref()),
        }
    }

    /// The rule for words tagged `tag` ending in `ending`, applied to `form`:
    /// `None` when there is no such rule, or it drops more than the word has.
    fn apply_rule(&self, tag: u8, ending: &str, form: &str) -> Option<String> {
        match &self.frozen {
            Some(f) => {
                let (edit, append) = frozen_get(&f.rules, super::forms::rule_key(&tag, ending))?;
                let (lower, strip) = super::forms::edit_of(edit);
                apply_edit(form, lower, strip, append)
            }
            None => self
                .rules
                .get(&Borrowed::TagEnding(tag, ending))?
                .apply(form),
        }
    }

    /// Learn the relation-dependent lemmas from (form, tag, relation, lemma)
    /// quadruples: kept where a combination seen at least `min_count` times
    /// has a most frequent lemma other than [`Lemmatizer::lemma`] gives.
    pub fn learn_relations<'a>(
        &mut self,
        words: impl Iterator<Item = (&'a str, u8, &'a str, &'a str)>,
        min_count: usize,
    ) {
        let mut seen: FxHashMap<(&str, u8, &str), FxHashMap<&str, usize>> = FxHashMap::default();
        for (form, tag, rel, lemma) in words {
            *seen
                .entry((form, tag, rel))
                .or_default()
                .entry(lemma)
                .or_default() += 1;
        }
        for ((form, tag, rel), lemmas) in seen {
            let total: usize = lemmas.values().sum();
            if total < min_count {
                continue;
            }
            if let Some((l, _)) = lemmas
                .into_iter()
                .max_by(|(a, x), (b, y)| x.cmp(y).then_with(|| b.cmp(a)))
            {
                if self.lemma(form, tag) != l {
                    self.by_relation
                        .insert((text(form), tag, text(rel)), text(l));
                }
            }
        }
    }

    fn by_rule(&self, form: &str, tag: u8) -> Option<String> {
        let lower = form.to_lowercase();
        // where each ending of up to MAX_SUFFIX characters starts, longest first
        let starts: Vec<usize> = lower
            .char_indices()
            .map(|(i, _)| i)
            .rev()
            .take(MAX_SUFFIX)
            .collect();
        starts
            .iter()
            .rev()
            .copied()
            .chain(std::iter::once(lower.len()))
            .find_map(|at| self.apply_rule(tag, &lower[at..], form))
    }

    /// Learn from (form, tag, lemma) triples.
    pub fn train<'a>(words: impl Iterator<Item = (&'a str, u8, &'a str)> + Clone) -> Self {
        let mut counts: FxHashMap<(u8, String), FxHashMap<Edit, usize>> = FxHashMap::default();
        for (form, tag, lemma) in words.clone() {
            let e = Edit::between(form, lemma);
            // an edit that replaces the whole word ("best" → "good", "is" → "be")
            // is that word's own, an exception and never a rule for its ending
            if e.strip as usize >= form.chars().count() {
                continue;
            }
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
        let mut rules = LemmaMap::default();
        for (key, edits) in counts {
            // the most frequent edit; ties go to the smallest, for determinism
            if let Some((e, _)) = edits
                .into_iter()
                .max_by(|(a, x), (b, y)| x.cmp(y).then_with(|| b.cmp(a)))
            {
                rules.insert((key.0, LemmaText::Owned(key.1)), e);
            }
        }
        let mut lem = Lemmatizer {
            rules,
            ..Default::default()
        };
        // drop rules a shorter ending already gives, then record what the rules miss
        let keys: Vec<(u8, LemmaText)> = lem.rules.keys().cloned().collect();
        for (tag, end) in keys {
            let n = end.chars().count();
            if n == 0 {
                continue;
            }
            let parent = (0..n)
                .rev()
                .map(|k| end.chars().skip(n - k).collect::<String>())
                .find_map(|e| lem.rules.get(&(tag, LemmaText::Owned(e))).cloned());
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
        let mut forms = Vec::with_capacity(by_form.len());
        for (form, (tags, lemmas)) in by_form {
            if let Some((l, _)) = lemmas
                .into_iter()
                .max_by(|(a, x), (b, y)| x.cmp(y).then_with(|| b.cmp(a)))
            {
                forms.push((form, tags, l));
            }
        }
        lem.forms = super::forms::FormTable::from_rows(forms);
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
                    lem.exceptions.insert((text(form), tag), text(l));
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

    #[test]
    fn a_lemma_that_depends_on_the_relation_is_chosen_by_it() {
        const PRON: u8 = 10;
        let data = [
            ("her", PRON, "nmod:poss", "her"),
            ("her", PRON, "nmod:poss", "her"),
            ("her", PRON, "nmod:poss", "her"),
            ("her", PRON, "obj", "she"),
            ("her", PRON, "obj", "she"),
            ("her", PRON, "obj", "she"),
            ("her", PRON, "obj", "she"),
        ];
        let mut lem = Lemmatizer::train(data.iter().map(|&(f, t, _, l)| (f, t, l)));
        lem.learn_relations(data.iter().copied(), 3);
        assert_eq!(lem.lemma_in("her", PRON, "obj"), "she");
        assert_eq!(lem.lemma_in("her", PRON, "nmod:poss"), "her");
        // a relation never seen often enough falls back to the form's lemma
        assert_eq!(lem.lemma_in("her", PRON, "iobj"), "she");
    }

    #[test]
    fn a_whole_word_replacement_is_no_suffix_rule() {
        const ADJ: u8 = 0;
        let data = [("best", ADJ, "good"), ("nicest", ADJ, "nice")];
        let lem = Lemmatizer::train(data.iter().copied());
        assert_eq!(lem.lemma("best", ADJ), "good");
        assert_eq!(lem.lemma("closest", ADJ), "close");
    }
}
