//! Alignment: link entities across the two documents and find, for every
//! sentence, the sentences of the other document that support it.

use crate::extract::entities::Entity;
use crate::extract::tokens::{unaccented, Token, TokenKind};
use crate::intern::{Interner, Runs};
use crate::rules::WordSet;
use crate::rules::{Nicknames, Rules};
use crate::Analysis;
use rustc_hash::FxHashMap;
use rustc_hash::FxHashSet as HashSet;

/// Content features of one sentence: the ids of its stems and entity keys
/// (`Alignment::feature_name` gives each one's name), deduplicated, in the
/// order of their names. Ids, not strings: a long document's sentences hold
/// millions of features, most of them repeats.
pub type Features = Vec<u32>;

/// Where a sentence of one side finds support on the other side.
#[derive(Debug, Clone, Default)]
pub struct Support {
    /// Weighted share of the sentence's features found there (0..1).
    pub score: f64,
    /// The supporting sentence indices (one, or two together).
    pub sentences: Vec<usize>,
}

/// The alignment of a source and a draft.
#[derive(Debug, Clone)]
pub struct Alignment {
    /// For each draft entity, the index of its source entity.
    pub entity_links: Vec<Option<usize>>,
    /// Features of each source sentence (kept with the source: the same for
    /// every draft).
    pub source_features: std::sync::Arc<[Features]>,
    /// Features of each draft sentence.
    pub draft_features: Vec<Features>,
    /// Support of each draft sentence in the source.
    pub draft_support: Vec<Support>,
    /// Support of each source sentence in the draft.
    pub source_support: Vec<Support>,
    /// Support of each draft sentence by its wording alone, names and numbers left
    /// out, so that a swapped name or number cannot pull the alignment its way.
    pub draft_wording_support: Vec<Support>,
    /// Every feature of either side: its id by name and its name by id.
    pub feature_names: FeatureNames,
    /// Inverse document frequency of each feature id over both sides.
    pub weights: Vec<f64>,
}

/// Candidates scored per sentence at most; bounds alignment to O(n·k).
const MAX_CANDIDATES: usize = 50;

/// True when two entities of the two sides name the same referent.
pub fn same_entity(d: &Entity, s: &Entity, threshold: f64, nicknames: &Nicknames) -> bool {
    if d.key == s.key {
        return true;
    }
    // a name with its accents or without is one name ("Raúl" / "Raul")
    let accented = |e: &Entity| e.parts.iter().any(|p| !p.is_ascii());
    if accented(d) || accented(s) {
        return same_entity(
            &unaccented_entity(d),
            &unaccented_entity(s),
            threshold,
            nicknames,
        );
    }
    let (short, long) = if d.parts.len() <= s.parts.len() {
        (&d.parts, &s.parts)
    } else {
        (&s.parts, &d.parts)
    };
    if !short.is_empty() && short.last() == long.last() && short.iter().all(|p| long.contains(p)) {
        return true;
    }
    if short_given_name(d, s) || short_given_name(s, d) {
        return true;
    }
    // a middle name left out, the given name maybe by its nickname ("Ben
    // Jealous", "Benjamin Todd Jealous"): same surname and given name, every
    // other part of the shorter name in the longer
    if let ([first, inner @ .., last], [long_first, long_rest @ ..]) =
        (short.as_slice(), long.as_slice())
    {
        if short.len() < long.len()
            && long.last() == Some(last)
            && (first == long_first || nicknames.are_related(first, long_first))
            && inner.iter().all(|p| long_rest.contains(p))
        {
            return true;
        }
    }
    if initialism_of(d, s) || initialism_of(s, d) {
        return true;
    }
    if d.parts.len() == s.parts.len() && !d.parts.is_empty() {
        let several = d.parts.len() > 1;
        return d.parts.iter().zip(&s.parts).enumerate().all(|(k, (a, b))| {
            a == b
                || spelt_alike(a, b, threshold)
                || (several && (abbreviates(a, b) || abbreviates(b, a)))
                // a given name and its nickname ("Bob McCulloch", "Robert McCulloch")
                || (several && k + 1 < s.parts.len() && nicknames.are_related(a, b))
        });
    }
    false
}

/// An entity's name parts and key with their accents taken off, for linking.
fn unaccented_entity(e: &Entity) -> Entity {
    let parts: Vec<String> = e.parts.iter().map(|p| unaccented(p).into_owned()).collect();
    Entity {
        name: unaccented(&e.name).into_owned(),
        key: unaccented(&e.key).into_owned(),
        parts,
        ..e.clone()
    }
}

/// True when `short`, a person named by one word, is the short form of the given
/// name of `long`, a person ("Rob" for "Robert", "Chris" for "Christopher Lee").
fn short_given_name(short: &Entity, long: &Entity) -> bool {
    use crate::extract::entities::EntityKind::Person;
    let ([word], Some(given)) = (short.parts.as_slice(), long.parts.first()) else {
        return false;
    };
    short.kind == Person
        && long.kind == Person
        && word.chars().count() >= SHORT_NAME_MIN
        && given.len() > word.len()
        && given.starts_with(word.as_str())
}

/// True when `short` is written in capitals and spells the initials of the
/// words of `long`'s name: of all its words ("DOJ" for "Department of Justice")
/// or of its capitalised words ("IRS" for "Internal Revenue Service", "NAACP" for
/// "National Association for the Advancement of Colored People").
pub(crate) fn initialism_of(short: &Entity, long: &Entity) -> bool {
    initialism_letters(short).is_some_and(|letters| word_initials(long).contains(&letters))
}

/// Letters of an initialism ("EU" to "NAACP" and a little beyond), and the
/// fewest words of the name it stands for.
const INITIALISM_MIN: usize = 2;
const INITIALISM_MAX: usize = 8;

/// Letters each of two words needs to be told apart as spellings of one name.
const SPELLING_MIN: usize = 5;

/// Letters a short form of a given name needs ("Rob", not "Ro").
const SHORT_NAME_MIN: usize = 3;

/// True when two name words are spellings of one name ("Sergey", "Sergei"): alike
/// by Jaro-Winkler and a few edits apart, in words long enough that one edit does
/// not make another name ("Iran", "Iraq"; "Austria", "Australia").
pub fn spelt_alike(a: &str, b: &str, threshold: f64) -> bool {
    let shorter = a.chars().count().min(b.chars().count());
    shorter >= SPELLING_MIN
        && strsim::jaro_winkler(a, b) >= threshold
        && strsim::osa_distance(a, b) <= (shorter / 4).max(1)
}

/// True when `short` abbreviates `long` by dropping letters: same first letter,
/// the rest in order ("man" for "manchester", "utd" for "united", "st" for "saint").
pub fn abbreviates(short: &str, long: &str) -> bool {
    if short.len() < 2 || short.len() >= long.len() || short.chars().next() != long.chars().next() {
        return false;
    }
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

/// True for a feature that is an entity key ("@…") or a number: left out where
/// only a sentence's wording counts.
pub fn is_name_or_number(feature: &str) -> bool {
    feature.starts_with('@') || feature.starts_with(|c: char| c.is_ascii_digit())
}

/// Link each draft entity to a source entity: exact key first, then name logic.
/// Each draft entity is tested only against the source entities that could be
/// [`same_entity`] by some rule of it (see [`LinkIndex`]), in source order, so
/// the cost grows with the names that are alike, not with the product of the
/// two documents' names. (The alignment links through the source's kept
/// index, [`align_with`]; this builds one, for the tests.)
#[cfg(test)]
fn link_entities(
    source: &[Entity],
    draft: &[Entity],
    threshold: f64,
    nicknames: &Nicknames,
) -> Vec<Option<usize>> {
    link_with(&LinkIndex::new(source), source, draft, threshold, nicknames)
}

/// [`link_entities`] through `index`, the [`LinkIndex`] of `source`.
fn link_with(
    index: &LinkIndex,
    source: &[Entity],
    draft: &[Entity],
    threshold: f64,
    nicknames: &Nicknames,
) -> Vec<Option<usize>> {
    draft
        .iter()
        .map(|d| {
            index.first_with_key(&d.key).or_else(|| {
                index
                    .candidates(d)
                    .into_iter()
                    .find(|&i| same_entity(d, &source[i], threshold, nicknames))
            })
        })
        .collect()
}

/// Source entities grouped by what [`same_entity`] needs two names to share:
/// every rule there holds only between names with one of these in common.
/// Made from the source's entities alone, so a source's index serves every
/// draft read against it ([`crate::compare::DocIndexes`]).
pub(crate) struct LinkIndex {
    /// The keys of the entities, interned.
    keys: Interner,
    /// The first entity with each key, by key id.
    first_with_key: Vec<u32>,
    /// What the entities are filed under, interned (see [`filing_key`]):
    /// - signatures: the last name word ("L"), the first three letters of a
    ///   person's given name ("G") or of a one-word person's name ("g"), the
    ///   letters of an initialism ("I"), the initials of a name's words ("W");
    /// - the number of name words and the first letter of the last ("C": one
    ///   may abbreviate the other's);
    /// - the number of name words and each form of the last with one letter
    ///   dropped ("F": a spelling one edit away shares one);
    /// - the number of name words and the letters of a last word long enough
    ///   to be spelt [`LONG_SPELLING`] or more edits away ("N").
    filed_under: Interner,
    /// The entities filed under each, ascending.
    filed: Runs,
}

/// The key an entity is filed under: a kind letter and its parts.
fn filing_key(kind: char, parts: std::fmt::Arguments) -> String {
    format!("{kind}:{parts}")
}

/// Letters from which two spellings of a name word may be two edits apart
/// (a quarter of the shorter word, by [`spelt_alike`]).
const LONG_SPELLING: usize = 8;

/// A word and each form of it with one letter dropped: two words one edit
/// apart (a letter changed, added, dropped, or two swapped) share one.
pub(crate) fn one_letter_dropped(word: &str) -> impl Iterator<Item = String> + '_ {
    std::iter::once(word.to_string()).chain(
        word.char_indices()
            .map(|(i, c)| format!("{}{}", &word[..i], &word[i + c.len_utf8()..])),
    )
}

/// The first [`SHORT_NAME_MIN`] letters of a word, when it has that many.
fn name_start(word: &str) -> Option<String> {
    (word.chars().count() >= SHORT_NAME_MIN).then(|| word.chars().take(SHORT_NAME_MIN).collect())
}

/// The lower-cased letters of a name written as an initialism ("U.N." → "un").
fn initialism_letters(e: &Entity) -> Option<String> {
    let letters: String = e.name.chars().filter(|c| *c != '.').collect();
    ((INITIALISM_MIN..=INITIALISM_MAX).contains(&letters.chars().count())
        && letters.chars().all(|c| c.is_uppercase()))
    .then(|| letters.to_lowercase())
}

/// The initials a name's words may be written as: of all words, of capitalised ones.
fn word_initials(e: &Entity) -> Vec<String> {
    let words: Vec<&str> = e.name.split_whitespace().collect();
    if words.len() < INITIALISM_MIN {
        return Vec::new();
    }
    let initials = |keep: &dyn Fn(&str) -> bool| -> String {
        words
            .iter()
            .filter(|w| keep(w))
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_lowercase)
            .collect()
    };
    vec![
        initials(&|_| true),
        initials(&|w| w.starts_with(char::is_uppercase)),
    ]
}

/// The signatures an entity is filed under, and those it is looked up by.
fn signatures(e: &Entity, filing: bool) -> Vec<String> {
    use crate::extract::entities::EntityKind::Person;
    let mut out = Vec::new();
    if let Some(last) = e.parts.last() {
        out.push(format!("L:{}", unaccented(last)));
    }
    if e.kind == Person {
        // a one-word person's name starts the other's first word: a filed
        // entity is the long name ("G") or the one-word name ("g"), and a
        // draft entity looks for the other
        let (long, short) = if filing { ("G", "g") } else { ("g", "G") };
        if let Some(given) = e.parts.first().and_then(|w| name_start(&unaccented(w))) {
            out.push(format!("{long}:{given}"));
        }
        if let [word] = e.parts.as_slice() {
            if let Some(start) = name_start(&unaccented(word)) {
                out.push(format!("{short}:{start}"));
            }
        }
    }
    // an initialism and the name it stands for
    let (letters, words) = if filing { ("I", "W") } else { ("W", "I") };
    if let Some(l) = initialism_letters(e) {
        out.push(format!("{letters}:{l}"));
    }
    for w in word_initials(e) {
        out.push(format!("{words}:{w}"));
    }
    out
}

impl LinkIndex {
    /// The index of `source`'s entities.
    pub(crate) fn new(source: &[Entity]) -> Self {
        let mut keys = Interner::default();
        let mut first_with_key = Vec::new();
        let mut filed_under = Interner::default();
        let mut entries: Vec<(u32, u32)> = Vec::new();
        for (i, s) in source.iter().enumerate() {
            let i = i as u32;
            if keys.id(&s.key) as usize == first_with_key.len() {
                first_with_key.push(i);
            }
            let mut file = |key: String| entries.push((filed_under.id(&key), i));
            for sig in signatures(s, true) {
                file(sig);
            }
            if let Some(last) = s.parts.last() {
                let n = s.parts.len();
                if let Some(c) = last.chars().next() {
                    file(filing_key('C', format_args!("{n}:{c}")));
                }
                let letters = last.chars().count();
                if letters >= SPELLING_MIN {
                    // each form once an entity (dropping either of two like
                    // letters gives one form)
                    let mut forms: Vec<String> = one_letter_dropped(last).collect();
                    forms.sort_unstable();
                    forms.dedup();
                    for form in forms {
                        file(filing_key('F', format_args!("{n}:{form}")));
                    }
                }
                if letters >= LONG_SPELLING {
                    file(filing_key('N', format_args!("{n}:{letters}")));
                }
            }
        }
        let filed = Runs::from_visits(filed_under.len(), |emit| {
            for &(key, i) in &entries {
                emit(key, i)
            }
        });
        LinkIndex {
            keys,
            first_with_key,
            filed_under,
            filed,
        }
    }

    /// The first source entity with key `key`.
    fn first_with_key(&self, key: &str) -> Option<usize> {
        (self.keys.get(key)).map(|id| self.first_with_key[id as usize] as usize)
    }

    /// The source entities filed under `key`, ascending.
    fn filed(&self, key: &str) -> impl Iterator<Item = usize> + '_ {
        let list = self
            .filed_under
            .get(key)
            .map_or(&[][..], |id| self.filed.get(id));
        list.iter().map(|&i| i as usize)
    }

    /// Every source entity that [`same_entity`] could link `d` to, ascending.
    fn candidates(&self, d: &Entity) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for sig in signatures(d, false) {
            out.extend(self.filed(&sig));
        }
        // names of as many words whose last words are alike: an abbreviation
        // keeps the first letter; a spelling is one edit away, or, when both
        // words are long, keeps the length within a quarter
        if let Some(last) = d.parts.last() {
            let n = d.parts.len();
            if let Some(c) = last.chars().next().filter(|_| n > 1) {
                out.extend(self.filed(&filing_key('C', format_args!("{n}:{c}"))));
            }
            let la = last.chars().count();
            if la >= SPELLING_MIN {
                for form in one_letter_dropped(last) {
                    out.extend(self.filed(&filing_key('F', format_args!("{n}:{form}"))));
                }
            }
            if la >= LONG_SPELLING {
                for lb in LONG_SPELLING..=la + la / 2 + 1 {
                    if la.abs_diff(lb) <= la.min(lb) / 4 {
                        out.extend(self.filed(&filing_key('N', format_args!("{n}:{lb}"))));
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Feature names and their ids, ids given in the order names are first
/// seen, from `first` on.
#[derive(Debug, Default)]
struct FeatureTable {
    first: u32,
    names: crate::intern::Interner,
}

impl FeatureTable {
    /// The id of `name`, given when new.
    fn id(&mut self, name: &str) -> u32 {
        self.first + self.names.id(name)
    }

    /// The id of `name`, when it has one.
    fn get(&self, name: &str) -> Option<u32> {
        self.names.get(name).map(|id| self.first + id)
    }

    /// The name of id `id` (one this table gave).
    fn name(&self, id: u32) -> &str {
        self.names.name(id - self.first)
    }

    /// One past the last id given.
    fn end(&self) -> u32 {
        self.first + self.names.len() as u32
    }

    /// Every name, by id.
    fn names(&self) -> impl Iterator<Item = &str> {
        (self.first..self.end()).map(|id| self.name(id))
    }
}

/// The features of a source's sentences and the table naming them, made with
/// the stop words it records. They are the same for every draft the source
/// is compared with (a draft's new features take the ids after them), so they
/// are kept with the source (`compare::DocIndexes`); a comparison whose rules
/// name other stop words makes its own.
#[derive(Debug)]
pub(crate) struct SourceFeatures {
    stopwords: Vec<String>,
    table: FeatureTable,
    /// Each sentence's features, in the order of their names.
    sentences: std::sync::Arc<[Features]>,
    /// Each sentence's features sorted by id.
    sorted: Vec<Vec<u32>>,
    /// How many sentences have each feature.
    counts: Vec<usize>,
    /// The first sentence of each wording (its token keys, one for one),
    /// with the hash of its keys.
    wordings: hashbrown::HashTable<(u64, u32)>,
}

impl SourceFeatures {
    /// The features of `source`'s sentences, `stopwords` left out (`stop`:
    /// the same words as a set).
    pub(crate) fn new(source: &Analysis, stopwords: &[String], stop: &WordSet) -> Self {
        let mut table = FeatureTable::default();
        let s_ent = &source.claims.entities;
        let sentences = features(source, stop, &|i| s_ent[i].key.clone(), &mut |name| {
            table.id(&name)
        });
        let mut counts = vec![0; table.end() as usize];
        let sorted = sorted_counting(&sentences, &mut counts);
        let mut wordings = hashbrown::HashTable::new();
        let all = &source.claims.tokens;
        for (i, tokens) in all.iter().enumerate() {
            let h = wording(tokens);
            if wordings
                .find(h, |&(_, k)| same_keys(&all[k as usize], tokens))
                .is_none()
            {
                wordings.insert_unique(h, (h, i as u32), |&(h, _)| h);
            }
        }
        SourceFeatures {
            stopwords: stopwords.to_vec(),
            table,
            sentences: sentences.into(),
            sorted,
            counts,
            wordings,
        }
    }

    /// True when these were made with `stopwords`.
    pub(crate) fn made_with(&self, stopwords: &[String]) -> bool {
        self.stopwords == stopwords
    }

    /// The first sentence of `source` (the analysis these were made from)
    /// whose tokens have the keys of `tokens`, one for one.
    fn worded_as(&self, source: &Analysis, tokens: &[Token]) -> Option<usize> {
        let all = &source.claims.tokens;
        (self.wordings)
            .find(wording(tokens), |&(_, k)| {
                same_keys(&all[k as usize], tokens)
            })
            .map(|&(_, k)| k as usize)
    }
}

/// True when two sentences' tokens have the same keys, one for one.
fn same_keys(a: &[Token], b: &[Token]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.key == y.key)
}

/// The hash of a sentence's token keys in order: sentences worded alike (the
/// same keys, one for one) hash alike.
fn wording(tokens: &[Token]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    for t in tokens {
        t.key.as_str().hash(&mut h);
    }
    h.finish()
}

/// The names of the features of an alignment: the source's, then the ones
/// only the draft has.
#[derive(Debug, Clone)]
pub struct FeatureNames {
    source: std::sync::Arc<SourceFeatures>,
    added: std::sync::Arc<FeatureTable>,
}

impl FeatureNames {
    /// The id of the feature named `name`, if either side has it.
    pub fn id(&self, name: &str) -> Option<u32> {
        (self.source.table.get(name)).or_else(|| self.added.get(name))
    }

    /// True when the source has the feature named `name` (the draft's own
    /// features are the ones added after the source's).
    pub fn in_source(&self, name: &str) -> bool {
        self.source.table.get(name).is_some()
    }

    /// The name of feature `id`.
    pub fn name(&self, id: u32) -> &str {
        match id < self.added.first {
            true => self.source.table.name(id),
            false => self.added.name(id),
        }
    }
}

/// The content features of every sentence of `a`; entity mentions add the
/// key given by `entity_key`.
fn features(
    a: &Analysis,
    stop: &WordSet,
    entity_key: &dyn Fn(usize) -> String,
    id: &mut dyn FnMut(String) -> u32,
) -> Vec<Features> {
    a.doc
        .sentences
        .iter()
        .zip(&a.claims.tokens)
        .map(|(s, toks)| {
            let mut f: Vec<String> = toks
                .iter()
                .filter(|t| t.kind() != TokenKind::Punct && !stop.contains(&t.key))
                .map(|t| t.key.stem().as_str().to_owned())
                .collect();
            for (_, i) in a.claims.index.within(s.span) {
                f.push(format!("@{}", entity_key(i)));
            }
            f.sort();
            f.dedup();
            f.into_iter().map(&mut *id).collect()
        })
        .collect()
}

/// Each sentence's feature ids sorted by id, with one weight per id.
struct Interned<'s> {
    sentences_a: &'s [Vec<u32>],
    sentences_b: Vec<Vec<u32>>,
    weights: Vec<f64>,
}

/// Each of `side`'s features sorted by id; each id counted in `counts`.
fn sorted_counting(side: &[Features], counts: &mut [usize]) -> Vec<Vec<u32>> {
    side.iter()
        .map(|f| {
            let mut v = f.clone();
            for &id in &v {
                counts[id as usize] += 1;
            }
            v.sort_unstable();
            v
        })
        .collect()
}

/// The draft's features `b` sorted and the weights of all `ids`, the source's
/// kept features counted in.
fn intern<'s>(a: &'s SourceFeatures, b: &[Features], ids: usize) -> Interned<'s> {
    let mut df: Vec<usize> = vec![0; ids];
    df[..a.counts.len()].copy_from_slice(&a.counts);
    let sentences_a = &a.sorted;
    let sentences_b = sorted_counting(b, &mut df);
    let n = (a.sentences.len() + b.len()) as f64;
    let weights: Vec<f64> = df
        .iter()
        .map(|&d| ((n + 1.0) / (d as f64 + 0.5)).ln().max(0.1))
        .collect();
    Interned {
        sentences_a,
        sentences_b,
        weights,
    }
}

impl Alignment {
    /// The weight of a feature (1 for one neither side has).
    pub fn weight(&self, feature: &str) -> f64 {
        self.feature_names
            .id(feature)
            .map_or(1.0, |i| self.weights[i as usize])
    }

    /// True when the source has this feature (a stem or `@entity` key).
    pub fn source_has(&self, feature: &str) -> bool {
        self.feature_names.in_source(feature)
    }

    /// The name of a feature id (a stem, or `@` and an entity key).
    pub fn feature_name(&self, id: u32) -> &str {
        self.feature_names.name(id)
    }

    /// The names of the features `ids`, in their order.
    pub fn names<'a>(&'a self, ids: &'a [u32]) -> impl Iterator<Item = &'a str> + 'a {
        ids.iter().map(|&id| self.feature_name(id))
    }

    /// Weighted share of `of`'s features found in `in_`.
    pub fn coverage<S: AsRef<str>>(&self, of: &[S], in_: &HashSet<&str>) -> f64 {
        let total: f64 = of.iter().map(|f| self.weight(f.as_ref())).sum();
        if total == 0.0 {
            return 0.0;
        }
        let hit: f64 = of
            .iter()
            .filter(|f| in_.contains(f.as_ref()))
            .map(|f| self.weight(f.as_ref()))
            .sum();
        hit / total
    }
}

/// Weighted share of the sorted ids `of` found in the sorted ids `a` or `b`.
fn coverage_ids(of: &[u32], a: &[u32], b: &[u32], w: &[f64]) -> f64 {
    let (mut total, mut hit) = (0.0, 0.0);
    let (mut i, mut j) = (0, 0);
    for &x in of {
        let wx = w[x as usize];
        total += wx;
        while i < a.len() && a[i] < x {
            i += 1;
        }
        while j < b.len() && b[j] < x {
            j += 1;
        }
        if (i < a.len() && a[i] == x) || (j < b.len() && b[j] == x) {
            hit += wx;
        }
    }
    if total == 0.0 {
        0.0
    } else {
        hit / total
    }
}

/// The summed weight of the features `of`, in their order.
fn weight_of(of: &[u32], w: &[f64]) -> f64 {
    of.iter().fold(0.0, |total, &x| total + w[x as usize])
}

/// The weights of the features of `a` that `b` has and of those of `b` that
/// `a` has (both sorted; each copy counts), each summed in its side's order:
/// the hits of [`coverage_ids`] either way, in one walk.
fn shared_weights(a: &[u32], b: &[u32], w: &[f64]) -> (f64, f64) {
    let (mut i, mut j) = (0, 0);
    let (mut hit_a, mut hit_b) = (0.0, 0.0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        if x < y {
            i += 1;
        } else if y < x {
            j += 1;
        } else {
            let wx = w[x as usize];
            while i < a.len() && a[i] == x {
                hit_a += wx;
                i += 1;
            }
            while j < b.len() && b[j] == x {
                hit_b += wx;
                j += 1;
            }
        }
    }
    (hit_a, hit_b)
}

/// Best support of each sentence of `from` among the sentences of `to`.
fn supports(from: &[Vec<u32>], to: &[Vec<u32>], w: &[f64]) -> Vec<Support> {
    // the sentences of `to` holding each feature, in order: one list cut in
    // runs by feature, not a list per feature
    let holders = Runs::from_visits(w.len(), |emit| {
        for (i, f) in to.iter().enumerate() {
            for &x in f {
                emit(x, i as u32)
            }
        }
    });
    let index = |x: u32| holders.get(x);
    let to_totals: Vec<f64> = to.iter().map(|f| weight_of(f, w)).collect();
    let mut seen = vec![false; to.len()];
    from.iter()
        .map(|f| {
            // candidates: sentences sharing the rarest features first
            let mut feats: Vec<u32> = f.clone();
            feats.sort_by(|a, b| {
                w[*b as usize]
                    .partial_cmp(&w[*a as usize])
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(a.cmp(b))
            });
            let mut cands: Vec<usize> = Vec::new();
            'outer: for x in feats {
                for &i in index(x) {
                    if !seen[i as usize] {
                        if cands.len() >= MAX_CANDIDATES {
                            break 'outer;
                        }
                        seen[i as usize] = true;
                        cands.push(i as usize);
                    }
                }
            }
            for &c in &cands {
                seen[c] = false;
            }
            // score, then how much of the candidate the sentence covers (prefers
            // the closest match): each side's shared weight over its own, the
            // totals summed once (in their order, as a walk of each sums them)
            let total = weight_of(f, w);
            let share = |hit: f64, total: f64| if total == 0.0 { 0.0 } else { hit / total };
            let mut scored: Vec<(f64, f64, usize)> = cands
                .iter()
                .map(|&i| {
                    let (hit, hit_other) = shared_weights(f, &to[i], w);
                    (share(hit, total), share(hit_other, to_totals[i]), i)
                })
                .collect();
            scored.sort_by(|a, b| {
                b.0.partial_cmp(&a.0)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal))
                    .then(a.2.cmp(&b.2))
            });
            let mut best = Support::default();
            if let Some(&(s, _, i)) = scored.first() {
                best = Support {
                    score: s,
                    sentences: vec![i],
                };
            }
            // two sentences together
            let top: Vec<usize> = scored.iter().take(5).map(|x| x.2).collect();
            for (k, &a) in top.iter().enumerate() {
                for &b in &top[k + 1..] {
                    let s = coverage_ids(f, &to[a], &to[b], w);
                    if s > best.score + 0.15 {
                        best = Support {
                            score: s,
                            sentences: vec![a.min(b), a.max(b)],
                        };
                    }
                }
            }
            best
        })
        .collect()
}

/// Link a capital to its country across the documents. A draft's capital is
/// its country only where it acts ("Moscow said": the capital stands for the
/// government); one that locates ("in Moscow") says more than the country. A
/// draft's country holds the source's capital, acting or locating ("in
/// Russia" for "in Moscow"), unless the capital's name is also a state's
/// ("Washington"): that one counts only where it acts.
fn link_capitals(
    source: &Analysis,
    draft: &Analysis,
    mut links: Vec<Option<usize>>,
    rules: &Rules,
) -> Vec<Option<usize>> {
    let s_ent = &source.claims.entities;
    // the source's capitals by their country's key, and its entities by key
    // (indexed once: the cost grows with the names, not their product)
    let mut capitals: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    let mut by_key: FxHashMap<&str, usize> = FxHashMap::default();
    for (k, s) in s_ent.iter().enumerate() {
        if let Some(country) = rules.capital_of.get(&s.key) {
            capitals.entry(country.as_str()).or_default().push(k);
        }
        by_key.entry(s.key.as_str()).or_insert(k);
    }
    if capitals.is_empty()
        && !draft
            .claims
            .entities
            .iter()
            .any(|d| rules.capital_of.contains_key(&d.key))
    {
        return links;
    }
    for (i, d) in draft.claims.entities.iter().enumerate() {
        if links[i].is_some() {
            continue;
        }
        links[i] = match rules.capital_of.get(&d.key) {
            Some(country) if acts(draft, d, rules) => by_key.get(country.as_str()).copied(),
            Some(_) => None,
            None => capitals.get(d.key.as_str()).and_then(|found| {
                found.iter().copied().find(|&k| {
                    !is_state_name(rules, &s_ent[k].key) || acts(source, &s_ent[k], rules)
                })
            }),
        };
    }
    links
}

/// True when an entity key is also a US state's (`entities.yaml`
/// `state_abbreviations`): "washington".
fn is_state_name(rules: &Rules, key: &str) -> bool {
    let squash = crate::extract::entities::squash;
    rules
        .entities
        .state_abbreviations
        .values()
        .any(|state| squash(state) == key)
}

/// True when some mention of `e` acts in its sentence: the parse makes its
/// head word the subject of an active clause ("Moscow said") or a passive's
/// agent (`checks.yaml` `agent_relations`). Not a speaker phrase it only ends
/// ("the governor of Washington said").
fn acts(a: &Analysis, e: &Entity, rules: &Rules) -> bool {
    let relations = &rules.checks.agent_relations;
    e.mentions.iter().any(|m| {
        let k = crate::compare::sentence_at(&a.doc.sentences, m.start);
        let toks = a.syntax(k);
        let inside = |t: &crate::syntax::SyntaxToken| m.contains(&t.span());
        // the mention's head word: inside it, its own head outside
        let head = crate::syntax::head_within(toks, inside).map(|h| &toks[h]);
        // a dateline ("WASHINGTON — The House voted") opens the sentence, a
        // dash after it: it says where the story was filed, whatever the parse
        let after = toks.iter().find(|t| t.span().start >= m.end);
        let dateline = toks.first().is_some_and(|t| t.span().start == m.start)
            && after.is_some_and(|t| {
                let text = t.span().text(&a.doc.text);
                !text.is_empty() && text.chars().all(|c| matches!(c, '-' | '–' | '—' | '―'))
            });
        if dateline {
            return false;
        }
        head.is_some_and(|t| relations.iter().any(|r| *r == t.deprel))
    })
}

/// Align `source` and `draft`.
pub fn align(source: &Analysis, draft: &Analysis, rules: &Rules) -> Alignment {
    let words = rules.check_words();
    let features = SourceFeatures::new(source, &rules.checks.stopwords, &words.stop);
    align_with(
        source,
        draft,
        rules,
        &words,
        &LinkIndex::new(&source.claims.entities),
        std::sync::Arc::new(features),
    )
}

/// [`align`] with `links`, the [`LinkIndex`] of the source's entities, and
/// `source_features`, made with the rules' stop words (both kept with the
/// source when several drafts read it).
pub(crate) fn align_with(
    source: &Analysis,
    draft: &Analysis,
    rules: &Rules,
    words: &crate::rules::CheckWords,
    links: &LinkIndex,
    source_features: std::sync::Arc<SourceFeatures>,
) -> Alignment {
    debug_assert!(source_features.made_with(&rules.checks.stopwords));
    let th = &rules.checks.thresholds;
    let stop = &words.stop;
    let links = link_with(
        links,
        &source.claims.entities,
        &draft.claims.entities,
        th.name_similarity,
        &rules.nicknames,
    );
    let links = link_capitals(source, draft, links, rules);
    let s_ent = &source.claims.entities;
    let d_ent = &draft.claims.entities;
    // the draft's features: the source's ids, new names after them
    let mut added = FeatureTable {
        first: source_features.table.end(),
        ..FeatureTable::default()
    };
    let source_ids = &source_features.table;
    let draft_features = features(
        draft,
        stop,
        &|i| match links[i] {
            Some(s) => s_ent[s].key.clone(),
            None => d_ent[i].key.clone(),
        },
        &mut |name| match source_ids.get(&name) {
            Some(id) => id,
            None => added.id(&name),
        },
    );
    let all_ids = added.end() as usize;
    let ids = intern(&source_features, &draft_features, all_ids);
    let mut draft_support = supports(&ids.sentences_b, ids.sentences_a, &ids.weights);
    // names, numbers and days or months are left out of the wording
    let calendar = &words.calendar;
    let wording: Vec<bool> = (source_features.table.names())
        .chain(added.names())
        .map(|k| !(is_name_or_number(k) || calendar.contains(k)))
        .collect();
    let words_only = |side: &[Vec<u32>]| -> Vec<Vec<u32>> {
        side.iter()
            .map(|f| f.iter().copied().filter(|&i| wording[i as usize]).collect())
            .collect()
    };
    let mut draft_wording_support = supports(
        &words_only(&ids.sentences_b),
        &words_only(ids.sentences_a),
        &ids.weights,
    );
    let mut source_support = supports(ids.sentences_a, &ids.sentences_b, &ids.weights);
    // a sentence the other side has word for word is supported by exactly that sentence
    for (di, sup) in draft_support.iter_mut().enumerate() {
        if let Some(si) = source_features.worded_as(source, &draft.claims.tokens[di]) {
            *sup = Support {
                score: 1.0,
                sentences: vec![si],
            };
            draft_wording_support[di] = sup.clone();
            source_support[si] = Support {
                score: 1.0,
                sentences: vec![di],
            };
        }
    }
    let weights = ids.weights;
    let feature_names = FeatureNames {
        source: source_features,
        added: std::sync::Arc::new(added),
    };
    Alignment {
        entity_links: links,
        source_features: feature_names.source.sentences.clone(),
        draft_features,
        draft_support,
        source_support,
        draft_wording_support,
        feature_names,
        weights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::EntityKind;

    #[test]
    fn shared_weights_give_the_coverages_either_way_to_the_bit() {
        // sorted id lists with repeats, from a fixed pseudo-random walk
        let mut state = 7u64;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        let w: Vec<f64> = (0..40)
            .map(|_| (next(1000) as f64 + 1.0).ln() / 3.0)
            .collect();
        for _ in 0..500 {
            let mut list = |len: u64| -> Vec<u32> {
                let mut v: Vec<u32> = (0..next(len)).map(|_| next(40) as u32).collect();
                v.sort_unstable();
                v
            };
            let (a, b) = (list(12), list(12));
            let (hit_a, hit_b) = shared_weights(&a, &b, &w);
            let share = |hit: f64, of: &[u32]| {
                let total = weight_of(of, &w);
                if total == 0.0 {
                    0.0
                } else {
                    hit / total
                }
            };
            assert_eq!(
                share(hit_a, &a).to_bits(),
                coverage_ids(&a, &b, &[], &w).to_bits()
            );
            assert_eq!(
                share(hit_b, &b).to_bits(),
                coverage_ids(&b, &a, &[], &w).to_bits()
            );
        }
    }

    fn entity(name: &str) -> Entity {
        let parts: Vec<String> = name.split(' ').map(|p| p.to_lowercase()).collect();
        Entity {
            id: "E1".into(),
            name: name.into(),
            kind: EntityKind::Other,
            role: None,
            mentions: vec![],
            key: parts.join(" "),
            parts,
            only_in_roles: false,
        }
    }

    #[test]
    fn a_short_given_name_is_the_person_who_has_the_long_one() {
        let person = |name: &str| Entity {
            kind: EntityKind::Person,
            ..entity(name)
        };
        let none = Nicknames::default();
        let same = |a: &Entity, b: &Entity| same_entity(a, b, 0.88, &none);
        assert!(same(&person("Rob"), &person("Robert")));
        assert!(same(&person("Chris"), &person("Christopher Lee")));
        assert!(!same(&person("Ro"), &person("Robert")));
        assert!(!same(&person("Rob"), &person("Bob Roberts")));
        // a place or a thing is no nickname
        assert!(!same(&entity("Rob"), &entity("Robert")));
    }

    #[test]
    fn indexed_linking_finds_every_pair_a_scan_finds() {
        // names built from words that are equal, spelt alike, abbreviated,
        // short given names and initialisms of one another; each pair is
        // linked alone, so the index must offer every entity that is alike
        let words = [
            "Robert",
            "Rob",
            "Sergey",
            "Sergei",
            "Lavrov",
            "Manchester",
            "Man",
            "United",
            "Utd",
            "Internal",
            "Revenue",
            "Service",
            "IRS",
            "IR",
            "Saint",
            "St",
            "Louis",
            "Lewis",
            "Alexandrov",
            "Aleksandrov",
        ];
        let nicknames = Nicknames::default();
        let mut names: Vec<Entity> = Vec::new();
        for (i, a) in words.iter().enumerate() {
            for b in words.iter().skip(i % 3).step_by(3) {
                for (k, name) in [
                    a.to_string(),
                    a.to_string(),
                    format!("{a} {b}"),
                    format!("{b} {a} {b}"),
                ]
                .into_iter()
                .enumerate()
                {
                    let mut e = entity(&name);
                    if k % 2 == 0 {
                        e.kind = EntityKind::Person;
                    }
                    names.push(e);
                }
            }
        }
        names.push(entity("Internal Revenue Service"));
        // a long word two edits away is a spelling only the length groups offer
        assert!(same_entity(
            &entity("Alexandrov"),
            &entity("Aleksandrov"),
            0.88,
            &nicknames
        ));
        let mut linked = 0;
        for d in &names {
            for s in &names {
                let scan = (s.key == d.key || same_entity(d, s, 0.88, &nicknames)).then_some(0);
                let found = link_entities(
                    std::slice::from_ref(s),
                    std::slice::from_ref(d),
                    0.88,
                    &nicknames,
                );
                assert_eq!(found, vec![scan], "{} / {}", d.name, s.name);
                linked += usize::from(scan.is_some() && s.key != d.key);
            }
        }
        assert!(linked > 100, "{linked}");
    }

    #[test]
    fn a_name_written_short_is_the_same_entity() {
        let none = Nicknames::default();
        let same = |a: &str, b: &str| same_entity(&entity(a), &entity(b), 0.88, &none);
        assert!(same("Man Utd", "Manchester United"));
        assert!(same("St Louis", "Saint Louis"));
        assert!(!same("Man City", "Manchester United"));
        assert!(same("Sergey Lavrov", "Sergei Lavrov"));
        assert!(!same("Iran", "Iraq"));
        assert!(!same("Austria", "Australia"));
        // a single word is too short a clue to read as an abbreviation
        assert!(!same("Al", "Alan"));
        assert!(abbreviates("utd", "united"));
        assert!(!abbreviates("utd", "unit"));
        assert!(!abbreviates("united", "united"));
    }

    #[test]
    fn a_given_name_and_its_nickname_name_one_person() {
        let rules = Rules::builtin().unwrap();
        let same = |a: &str, b: &str| same_entity(&entity(a), &entity(b), 0.88, &rules.nicknames);
        assert!(same("Bob McCulloch", "Robert McCulloch"));
        assert!(same("Robert McCulloch", "Bob McCulloch"));
        assert!(same("Bill Clinton", "William Clinton"));
        // other people who share a surname stay apart
        assert!(!same("Hillary Clinton", "Bill Clinton"));
        // two nicknames of one name are no link ("Bob" and "Bill" of Robert)
        assert!(!same("Bob Smith", "Bill Smith"));
        // a nickname alone is no surname
        assert!(!same("Bob McCulloch", "Robert Jones"));
    }
}
