//! Quotations: a draft quotation is checked word for word against the source
//! quotation it matches (`quote-altered`), and a draft quotation that nothing in
//! the source says is reported (`quote-invented`). Typography does not count:
//! words are compared by their normalised keys (case, curly marks), spacing,
//! titles written short and words masked with asterisks are style. An ellipsis
//! in the draft's quotation covers the source words left out where it stands
//! (never a negation), a [bracketed] word is the writer's, and a quotation of
//! part of the source's quotation, or of more of the statement than the source
//! quotes (words left out or added before the first or after the last shared
//! word, in another sentence or past an ellipsis), is no change. A draft
//! quotation matches the source quotation worded most like it, or one it holds
//! nearly whole; its words beyond that one are checked against another.

use super::*;
use crate::extract::quotes::{quotations, Quotation};
use crate::key::Key;

/// The rules this family reports.
pub(super) const RULES: &[RuleId] = &[
    RuleId::QuoteAltered,
    RuleId::QuoteInvented,
    RuleId::QuoteSpeaker,
    RuleId::QuoteFromParaphrase,
];

/// Words a draft quotation needs to be checked: shorter ones are mostly scare
/// quotes or titles ("a 'partisan attack dog'").
const QUOTE_MIN_WORDS: usize = 4;
/// Share of a draft quotation's words (by multiset overlap, Dice) that a source
/// quotation must share to be its counterpart.
const QUOTE_MATCH: f64 = 0.5;
/// Share of a shorter source quotation's words that a draft quotation quoting
/// more of the statement must hold for it to be its counterpart: Dice, which
/// counts the draft's further words against it, falls below [`QUOTE_MATCH`].
const QUOTE_HELD: f64 = 0.8;
/// Draft words at most where a run holding a source quotation nearly whole is
/// looked for: each costs an alignment of the two.
const QUOTE_HELD_STARTS_MAX: usize = 64;
/// Content words such a draft quotation must share with it.
const QUOTE_HELD_CONTENT_WORDS: u32 = 2;
/// Source quotations holding a word beyond which the word finds no quotation
/// held whole: a word that common says nothing of which one is quoted, and
/// reading them all would cost the product of the two documents' quotations.
const QUOTE_HOLDING_MAX: usize = 64;
/// Share of words two quotations must share to be one statement whose speaker
/// is compared: a looser match may be two people's words that share a few.
const QUOTE_SAME: f64 = 0.7;
/// Share of a draft quotation's words, in order, that some source sentence must
/// hold for the quotation to be the source's words at all.
const QUOTE_FOUND: f64 = 0.5;
/// Quotations longer than this are compared by their first words only: the word
/// alignment costs the product of the two lengths.
const QUOTE_MAX_WORDS: usize = 300;
/// Words of context shown on each side of a change.
const DIFF_CONTEXT: usize = 3;

/// Check every draft quotation against the source's.
pub(super) fn check(cx: &Ctx, sink: &mut Sink) {
    let draft_quotes = cx.draft_quotes();
    // only a quotation of a few words is compared: without one, nothing to do
    if !draft_quotes
        .iter()
        .any(|q| q.words.len() >= QUOTE_MIN_WORDS)
    {
        return;
    }
    // found here and dropped after: on a long source they weigh much
    let source_quotes = &quotations(&cx.source.doc, &cx.source.claims.tokens);
    // one statement shares its content words, not only "the" and "of"
    let content = |w: &str| !cx.words.stop.contains(w);
    let index = QuoteIndex::new(source_quotes, &content);
    // derived from the rules only when a quotation has a counterpart
    let title_pairs = std::cell::OnceCell::new();
    let spelt = |w: &str| number_spelt(cx, w);
    let negator = |w: &str| super::polarity::is_negator(cx, w);
    // the counterpart, and whether it is worded closely enough to be one
    // statement whose speaker is compared
    let counterpart_of = |dq: &Quotation| match index.best(dq, &content) {
        Some((score, sq)) if score >= QUOTE_MATCH => Some((sq, score >= QUOTE_SAME)),
        _ => index.held_whole(dq, &content).map(|sq| (sq, false)),
    };
    // the draft quotation's changes against its counterpart, unless another
    // source quotation holds the draft's words as they stand: a short excerpt
    // of a long quotation scores below a quotation of its length that words it
    // a little differently (a counterpart itself: a one-word quotation the
    // draft's holds explains none of its other words)
    let written = |w: &str| written_forms(w, &cx.rules.checks);
    let changes = |sq: &Quotation, dq: &Quotation| {
        let norms = WordNorms {
            spelt: &spelt,
            written: &written,
            abbreviations: title_pairs
                .get_or_init(|| title_abbreviations(&cx.rules.entities.titles)),
            negator: &negator,
        };
        let change = altered(sq, dq, &norms)?;
        let d = WordCounts::new(dq, &content);
        let quoted_elsewhere = index.holding_rarest(dq).any(|other| {
            WordCounts::new(other, &content).match_score(&d) >= QUOTE_MATCH
                && shared_window(other, dq) == Some((0, keys(dq).len() - 1))
                && altered(other, dq, &norms).is_none()
        });
        (!quoted_elsewhere).then(|| {
            (
                RuleId::QuoteAltered,
                format!("the quotation differs from the source's: {}", change.diff),
                vec![change.source],
                vec![change.draft],
            )
        })
    };
    let mut found = Vec::new();
    for dq in draft_quotes
        .iter()
        .filter(|q| q.words.len() >= QUOTE_MIN_WORDS)
    {
        match counterpart_of(dq) {
            Some((sq, same_statement)) => {
                found.extend(changes(sq, dq));
                if let Some(f) = same_statement.then(|| other_speaker(cx, sq, dq)).flatten() {
                    found.push(f);
                }
                // the draft's words beyond its counterpart's may quote another
                // source quotation: two quotations the source gives apart
                // ("“A,” he said. “B.”") quoted as one
                for piece in beyond(sq, dq) {
                    if let Some((other, _)) =
                        counterpart_of(&piece).filter(|(other, _)| !std::ptr::eq(*other, sq))
                    {
                        found.extend(changes(other, &piece));
                    }
                }
            }
            None => {
                // words the source holds nearly verbatim are quoted from it, or
                // from its reported speech; failing that, some sentence may hold
                // most of them
                let verbatim = verbatim_in_source(cx, dq);
                // the same words but one side negated ("I haven't shown" / "he
                // has shown"): the quotation says the opposite of the source
                let negated_apart = verbatim.is_some_and(|words| {
                    let negates = |keys: &mut dyn Iterator<Item = &str>| {
                        keys.filter(|k| negator(k)).count() % 2 == 1
                    };
                    // the one source sentence that holds them
                    let si = sentence_at(&cx.source.doc.sentences, words.start);
                    let source_keys = cx.source.claims.tokens[si]
                        .iter()
                        .filter(|t| words.contains(&t.span()))
                        .map(|t| t.key.as_str());
                    negates(&mut keys(dq).into_iter()) != negates(&mut source_keys.into_iter())
                });
                if negated_apart {
                    found.push((
                        RuleId::QuoteInvented,
                        format!(
                            "the source says the opposite of \"{}\": one of the two is negated",
                            clip(dq.span.text(&cx.draft.doc.text))
                        ),
                        verbatim.into_iter().collect(),
                        vec![dq.span],
                    ));
                } else if let Some(words) =
                    verbatim.filter(|w| !inside_a_quotation(w, source_quotes))
                {
                    found.push((
                        RuleId::QuoteFromParaphrase,
                        format!(
                            "the source says \"{}\" without quotation marks",
                            clip(dq.span.text(&cx.draft.doc.text))
                        ),
                        vec![words],
                        vec![dq.span],
                    ));
                } else if verbatim.is_none() && !said_in_source(cx, dq) {
                    found.push((
                        RuleId::QuoteInvented,
                        format!(
                            "no source quotation or sentence says \"{}\"",
                            clip(dq.span.text(&cx.draft.doc.text))
                        ),
                        vec![],
                        vec![dq.span],
                    ));
                }
            }
        }
    }
    sink.push_all(found);
}

/// The speaker a document gives quotation `q`: the speaker of an attribution
/// (direct ones first) whose content overlaps it, in the sentences the
/// quotation spans or the one after, with the speaker's entity when it has one
/// and the attribution's content. Cues only the learned model proposes are too
/// uncertain to count.
fn speaker_of(a: &Analysis, q: &Quotation) -> Option<(Span, Option<usize>, Span)> {
    let first = sentence_at(&a.doc.sentences, q.span.start);
    let last = sentence_at(&a.doc.sentences, q.span.end.saturating_sub(1)) + 1;
    let attrs = &a.claims.attributions;
    let from = attrs.partition_point(|x| x.sentence < first);
    let to = attrs.partition_point(|x| x.sentence <= last);
    attrs[from..to]
        .iter()
        .filter(|x| !x.learned && x.content.overlaps(&q.span))
        .filter_map(|x| {
            let sp = x.speaker?;
            let ent = x
                .speaker_entity
                .as_deref()
                .and_then(|id| a.claims.entity_index(id));
            Some((!x.direct, sp, ent, x.content))
        })
        .min_by_key(|(indirect, sp, _, _)| (*indirect, sp.start))
        .map(|(_, sp, ent, content)| (sp, ent, content))
}

/// A matched quotation given to another named speaker than the source gives
/// it (`quote-speaker`). Not when the draft names the speaker by a pronoun (a
/// guess at who is meant), when a speaker is a possessor ("Trump Jr.'s
/// attorney said": someone speaks for them), when either speaker is no person or the draft's is
/// no one the source names (the `attribution` and `entity` checks report
/// that), when the two names
/// share a word ("Clinton", "Mrs. Clinton"), or when the source's speaker
/// relays the draft's (named before the quotation in what the source's says).
/// The `speaker` check leaves a
/// speaker reported here alone.
fn other_speaker(cx: &Ctx, sq: &Quotation, dq: &Quotation) -> Option<Pending> {
    let (dsp, dent, _) = speaker_of(cx.draft, dq)?;
    let (ssp, sent, scontent) = speaker_of(cx.source, sq)?;
    let (dname, sname) = (cx.dt(dsp), cx.st(ssp));
    let is_pronoun = |t: &str| cx.is_pronoun(t, false);
    if is_pronoun(dname)
        || is_pronoun(sname)
        || is_possessor(&cx.draft.doc.text, dsp)
        || is_possessor(&cx.source.doc.text, ssp)
    {
        return None;
    }
    // both speakers named people the documents know: an organisation's words
    // are often a person's who speaks for it
    let linked = cx.al.entity_links.get(dent?).copied().flatten()?;
    let sent = sent?;
    let person = |e: &crate::extract::entities::Entity| e.kind == EntityKind::Person;
    if linked == sent
        || !person(&cx.source.claims.entities[sent])
        || !person(&cx.draft.claims.entities[dent?])
    {
        return None;
    }
    if share_a_word(dname, sname) {
        return None;
    }
    // the source's speaker relays the draft's ("Sanders told reporters that
    // Trump believes … “C”"): the draft's speaker is named in the statement
    // before the quotation, as the one whose words or view it reports
    let relayed = cx.source.claims.entities[linked]
        .mentions
        .iter()
        .any(|m| m.start >= scontent.start && m.end <= sq.span.start);
    if relayed {
        return None;
    }
    Some((
        RuleId::QuoteSpeaker,
        format!("the quotation is given to {dname} in the draft but to {sname} in the source"),
        vec![ssp, sq.span],
        vec![dsp, dq.span],
    ))
}

/// A quotation's words as two multisets: all its words, and its content
/// words; each a list of (word, count) sorted by word (a long source holds
/// many quotations: lists of interned keys, not hash maps of strings, keep
/// them small). Keys order as their strings do.
struct WordCounts {
    all: Vec<(Key, u32)>,
    content: Vec<(Key, u32)>,
    all_total: u32,
    content_total: u32,
}

/// The sorted words `words` as (word, count) runs.
fn counted(words: impl Iterator<Item = Key>) -> Vec<(Key, u32)> {
    let mut sorted: Vec<Key> = words.collect();
    sorted.sort_unstable();
    let mut out: Vec<(Key, u32)> = Vec::new();
    for w in sorted {
        match out.last_mut() {
            Some((last, n)) if *last == w => *n += 1,
            _ => out.push((w, 1)),
        }
    }
    crate::exact::exact(out)
}

impl WordCounts {
    fn new(q: &Quotation, content: &dyn Fn(&str) -> bool) -> Self {
        let keys = || q.words.iter().map(|w| w.key);
        let all = counted(keys());
        let content = counted(keys().filter(|w| content(w.as_str())));
        WordCounts {
            all_total: all.iter().map(|&(_, n)| n).sum(),
            content_total: content.iter().map(|&(_, n)| n).sum(),
            all,
            content,
        }
    }

    /// The lower of the two Dice overlaps (all words, content words) with `other`.
    fn match_score(&self, other: &WordCounts) -> f64 {
        dice(&self.all, self.all_total, &other.all, other.all_total).min(dice(
            &self.content,
            self.content_total,
            &other.content,
            other.content_total,
        ))
    }
}

/// Dice overlap of two multisets with `a_total` and `b_total` members (1 when
/// both are empty).
fn dice(a: &[(Key, u32)], a_total: u32, b: &[(Key, u32)], b_total: u32) -> f64 {
    let total = a_total + b_total;
    if total == 0 {
        return 1.0;
    }
    2.0 * shared(a, b) as f64 / total as f64
}

/// The members two multisets (sorted (word, count) lists) share.
fn shared(a: &[(Key, u32)], b: &[(Key, u32)]) -> u32 {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += a[i].1.min(b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The hash of a multiset of words (its sorted (word, count) list).
fn multiset_hash(words: &[(Key, u32)]) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(words)
}

/// The source quotations with their word counts, and for each content word the
/// quotations that hold it, so a draft quotation is scored only against those
/// that could reach [`QUOTE_MATCH`]. Quotations with the same words, in any
/// order, are one group, scored once. The cost stays near-linear in the number of quotations.
struct QuoteIndex<'q> {
    quotes: &'q [Quotation],
    /// Word counts of each group, and the index of its last quotation.
    groups: Vec<(WordCounts, usize)>,
    /// The quotations of each group.
    members: Vec<Vec<usize>>,
    /// The group of each multiset of words: group ids hashed by their word
    /// counts (`multiset_hash`), which the groups hold already.
    group_of: hashbrown::HashTable<usize>,
    /// The groups holding each content word, ascending.
    holding: rustc_hash::FxHashMap<&'q str, Vec<usize>>,
    /// The groups with no content word.
    without_content: Vec<usize>,
}

impl<'q> QuoteIndex<'q> {
    fn new(quotes: &'q [Quotation], content: &dyn Fn(&str) -> bool) -> Self {
        let mut group_of: hashbrown::HashTable<usize> = hashbrown::HashTable::new();
        let mut groups: Vec<(WordCounts, usize)> = Vec::new();
        let mut members: Vec<Vec<usize>> = Vec::new();
        for (i, q) in quotes.iter().enumerate() {
            let counts = WordCounts::new(q, content);
            let hash = multiset_hash(&counts.all);
            match group_of.find(hash, |&g| groups[g].0.all == counts.all) {
                Some(&g) => {
                    groups[g].1 = i;
                    members[g].push(i);
                }
                None => {
                    group_of
                        .insert_unique(hash, groups.len(), |&g| multiset_hash(&groups[g].0.all));
                    groups.push((counts, i));
                    members.push(vec![i]);
                }
            }
        }
        let mut holding: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
        let mut without_content = Vec::new();
        for (g, (c, _)) in groups.iter().enumerate() {
            if c.content_total == 0 {
                without_content.push(g);
            }
            for &(w, _) in &c.content {
                holding.entry(w.as_str()).or_default().push(g);
            }
        }
        QuoteIndex {
            quotes,
            groups,
            members,
            group_of,
            holding,
            without_content,
        }
    }

    /// The source quotations holding the content word of `dq` that the fewest
    /// hold (every quotation that holds all its words holds that one).
    fn holding_rarest(&self, dq: &Quotation) -> impl Iterator<Item = &'q Quotation> + '_ {
        let rarest = dq
            .words
            .iter()
            .filter_map(|w| self.holding.get_key_value(w.key.as_str()))
            .min_by_key(|(w, groups)| (groups.len(), **w));
        rarest
            .into_iter()
            .flat_map(|(_, groups)| groups.iter())
            .flat_map(|&g| self.members[g].iter())
            .map(|&i| &self.quotes[i])
    }

    /// The source quotation that draft quotation `dq` holds nearly whole, with
    /// more of the statement around it: of its words ([`QUOTE_MIN_WORDS`] at
    /// least, fewer than the draft's) [`QUOTE_HELD`] are the draft's in the same
    /// order, [`QUOTE_HELD_CONTENT_WORDS`] content words among them, spread over
    /// at most [`QUOTE_VERBATIM_SLACK`] words more than it has. The one held
    /// most, then the longest, then the last.
    fn held_whole(&self, dq: &Quotation, content: &dyn Fn(&str) -> bool) -> Option<&'q Quotation> {
        let d = WordCounts::new(dq, content);
        let mut candidates: Vec<usize> = d
            .content
            .iter()
            .filter_map(|(w, _)| self.holding.get(w.as_str()))
            .filter(|groups| groups.len() <= QUOTE_HOLDING_MAX)
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter_map(|g| {
                let (counts, last) = &self.groups[g];
                let total = counts.all_total;
                if (total as usize) < QUOTE_MIN_WORDS || total >= d.all_total {
                    return None;
                }
                let held = shared(&counts.all, &d.all);
                let enough = shared(&counts.content, &d.content) >= QUOTE_HELD_CONTENT_WORDS
                    && held as f64 >= QUOTE_HELD * total as f64;
                // and held in order, nearly side by side, in some run of the
                // draft's words at most [`QUOTE_VERBATIM_SLACK`] longer: the
                // same words in another order, or with words the draft puts
                // among them, make another statement
                if !enough {
                    return None;
                }
                let sq = &self.quotes[*last];
                let (a, b) = (keys(sq), keys(dq));
                let width = a.len() + QUOTE_VERBATIM_SLACK;
                let in_order = (0..b.len())
                    .filter(|&j| a.contains(&b[j]))
                    .take(QUOTE_HELD_STARTS_MAX)
                    .map(|j| {
                        align_words(&a, &b[j..(j + width).min(b.len())])
                            .iter()
                            .filter(|s| matches!(s, Step::Same(..)))
                            .count()
                    })
                    .max()?;
                if (in_order as f64) < QUOTE_HELD * total as f64 {
                    return None;
                }
                // the share held as a fraction of whole numbers, to order exactly
                Some((((in_order as u64) << 32) / total as u64, total, *last))
            })
            .max()
            .map(|(_, _, i)| &self.quotes[i])
    }

    /// The best-matching source quotation of `dq` (the last of equal scores), or
    /// none when no quotation reaches [`QUOTE_MATCH`].
    ///
    /// A content-word Dice of at least one half needs `s` shared content words
    /// with `s >= (a + b) / 4` for totals `a >= s` and `b`, so `s >= b / 3`.
    /// Counting each occurrence of a word as its own member, a quotation that
    /// shares none of the `b - ceil(b / 3) + 1` members held by the fewest
    /// groups shares too few (prefix filtering, as in similarity joins).
    fn best(&self, dq: &Quotation, content: &dyn Fn(&str) -> bool) -> Option<(f64, &'q Quotation)> {
        let d = WordCounts::new(dq, content);
        // the same words score 1 and no other words do: a quotation copied
        // from the source is found at once
        let same_words = self
            .group_of
            .find(multiset_hash(&d.all), |&g| self.groups[g].0.all == d.all);
        if let Some(&g) = same_words {
            let (counts, last) = &self.groups[g];
            return Some((counts.match_score(&d), &self.quotes[*last]));
        }
        let mut candidates: Vec<usize> = if d.content_total == 0 {
            self.without_content.clone()
        } else {
            let mut members: Vec<(usize, &str)> = d
                .content
                .iter()
                .flat_map(|&(w, n)| {
                    let held = self.holding.get(w.as_str()).map_or(0, Vec::len);
                    std::iter::repeat_n((held, w.as_str()), n as usize)
                })
                .collect();
            members.sort_unstable();
            let needed = d.content_total.div_ceil(3) as usize;
            let prefix = members.len() + 1 - needed.max(1);
            let mut words: Vec<&str> = members[..prefix].iter().map(|&(_, w)| w).collect();
            words.sort_unstable();
            words.dedup();
            words
                .iter()
                .filter_map(|w| self.holding.get(w))
                .flatten()
                .copied()
                .collect()
        };
        candidates.sort_unstable();
        candidates.dedup();
        // the highest score; of equal ones, the group whose last quotation is last
        candidates
            .into_iter()
            .map(|g| (self.groups[g].0.match_score(&d), self.groups[g].1))
            .filter(|(score, _)| *score >= QUOTE_MATCH)
            .max_by(|a, b| {
                a.0.partial_cmp(&b.0)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(a.1.cmp(&b.1))
            })
            .map(|(score, i)| (score, &self.quotes[i]))
    }
}

/// One step of a word alignment.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    /// Source word `i` and draft word `j` are the same.
    Same(usize, usize),
    /// Source word `i` is not in the draft.
    Dropped(usize),
    /// Draft word `j` is not in the source.
    Added(usize),
}

/// Which side's words a run of changes holds.
#[derive(Clone, Copy)]
enum Side {
    Dropped,
    Added,
}

impl Side {
    /// The word index of `step` when it is a change of this side.
    fn index(self, step: &Step) -> Option<usize> {
        match (self, *step) {
            (Side::Dropped, Step::Dropped(i)) | (Side::Added, Step::Added(i)) => Some(i),
            _ => None,
        }
    }
}

/// The word alignment of two word lists by longest common subsequence.
fn align_words(a: &[&str], b: &[&str]) -> Vec<Step> {
    let (n, m) = (a.len(), b.len());
    // lcs[i][j]: common words of a[i..] and b[j..]
    let mut lcs = vec![0u16; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if a[i] == b[j] {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(n.max(m));
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push(Step::Same(i, j));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[at(i + 1, j)] >= lcs[at(i, j + 1)]) {
            // a dropped word before the added one, as a word diff reads
            out.push(Step::Dropped(i));
            i += 1;
        } else {
            out.push(Step::Added(j));
            j += 1;
        }
    }
    out
}

/// The word alignment of two word lists by their longest common runs, as a
/// reader compares quotations: the longest run of words both share is matched
/// first, then the same is done on each side of it (Ratcliff and Obershelp's
/// matching). Unlike a longest common subsequence it does not pair a lone
/// "the" or "it's" in words one side adds with one far off in the other.
/// Of equally long runs the one earliest in `a`, then in `b`, is taken.
fn align_runs(a: &[&str], b: &[&str]) -> Vec<Step> {
    // where each word of `b` stands
    let mut positions: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
    for (j, w) in b.iter().enumerate() {
        positions.entry(w).or_default().push(j);
    }
    // the matched runs (start in a, start in b, length), found region by region
    let mut runs = Vec::new();
    let mut regions = vec![(0, a.len(), 0, b.len())];
    // run lengths ending at each position of b, for the row before and this one
    let mut ending: rustc_hash::FxHashMap<usize, usize> = Default::default();
    let mut next: rustc_hash::FxHashMap<usize, usize> = Default::default();
    while let Some((alo, ahi, blo, bhi)) = regions.pop() {
        let (mut best_i, mut best_j, mut best_len) = (alo, blo, 0);
        ending.clear();
        for (i, w) in a.iter().enumerate().take(ahi).skip(alo) {
            next.clear();
            for &j in positions.get(w).into_iter().flatten() {
                if j < blo {
                    continue;
                }
                if j >= bhi {
                    break;
                }
                let len = j
                    .checked_sub(1)
                    .and_then(|p| ending.get(&p))
                    .copied()
                    .unwrap_or(0)
                    + 1;
                next.insert(j, len);
                if len > best_len {
                    (best_i, best_j, best_len) = (i + 1 - len, j + 1 - len, len);
                }
            }
            std::mem::swap(&mut ending, &mut next);
        }
        if best_len == 0 {
            continue;
        }
        runs.push((best_i, best_j, best_len));
        regions.push((alo, best_i, blo, best_j));
        regions.push((best_i + best_len, ahi, best_j + best_len, bhi));
    }
    runs.sort_unstable();
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);
    for (ri, rj, len) in runs.into_iter().chain([(a.len(), b.len(), 0)]) {
        // a dropped word before the added one, as a word diff reads
        out.extend((i..ri).map(Step::Dropped));
        out.extend((j..rj).map(Step::Added));
        out.extend((0..len).map(|k| Step::Same(ri + k, rj + k)));
        (i, j) = (ri + len, rj + len);
    }
    out
}

/// A number word in digits ("three" → "3"), when `numbers.yaml` gives it and
/// it stands for a number alone (not "a" or "once").
fn number_spelt(cx: &Ctx, word: &str) -> Option<String> {
    let numbers = &cx.rules.numbers;
    if numbers.weak_number_words.iter().any(|w| w == word) {
        return None;
    }
    numbers.words.get(word).map(|v| v.to_string())
}

/// Words changed at each end of a quotation, at most, that make a changed word
/// rather than two excerpts of a longer statement: "the radical
/// environmentalists" / "the radical environmentalist" is a change; two
/// quotations opening on different sentences of one speech are excerpts.
const EDGE_CHANGE_MAX_WORDS: usize = 2;

/// Whether `masked`, a word with letters hidden by asterisks ("f***ing"), can
/// be `word`: as long, with the same letters where it shows them.
fn masks(masked: &str, word: &str) -> bool {
    masked.contains('*')
        && masked.chars().count() == word.chars().count()
        && masked
            .chars()
            .zip(word.chars())
            .all(|(m, w)| m == '*' || m == w)
}

/// The first word of the words before word `at` of quotation `q` that stand
/// in its sentence with no ellipsis between (`at` when there are none).
fn sentence_opening(q: &Quotation, at: usize) -> usize {
    let mut k = at;
    while k > 0 && !q.words[k].after_sentence_end && !q.words[k].after_ellipsis {
        k -= 1;
    }
    k
}

/// One past the last of the words after word `at` of quotation `q`, its first
/// `len`, that stand in its sentence with no ellipsis between (`at + 1` when
/// there are none).
fn sentence_closing(q: &Quotation, at: usize, len: usize) -> usize {
    let mut k = at + 1;
    while k < len && !q.words[k].after_sentence_end && !q.words[k].after_ellipsis {
        k += 1;
    }
    k
}

/// The titles of the entity rules written short ("Sen.") with the title each
/// abbreviates ("Senator"), as quotation word keys (lower case, no period).
fn title_abbreviations(titles: &[String]) -> Vec<(String, String)> {
    let key = |t: &str| t.to_lowercase().replace('.', "");
    titles
        .iter()
        .filter(|t| t.ends_with('.') && !t.contains(' '))
        .filter_map(|short| {
            let s = key(short);
            // of the titles it could abbreviate, the one sharing the most
            // opening letters, then the shortest ("Gen." is General, not
            // Governor; "Dr." is Doctor, not Director)
            let opening = |l: &str| s.chars().zip(l.chars()).take_while(|(a, b)| a == b).count();
            titles
                .iter()
                .filter(|l| !l.contains([' ', '-']) && !l.ends_with('.'))
                .map(|l| key(l))
                .filter(|l| crate::align::abbreviates(&s, l))
                .max_by_key(|l| (opening(l), std::cmp::Reverse(l.len()), l.clone()))
                .map(|l| (s, l))
        })
        .collect()
}

/// Readings of a contraction or symbol that stands for other words, each run
/// together: a whole word of `written_out` ("won't" → "willnot"), or a word
/// with an ending of `contraction_endings` ("didn't" → "didnot", "it's" →
/// "itis", "ithas"). Empty for other words.
fn written_forms(word: &str, checks: &crate::rules::ChecksFile) -> Vec<String> {
    let joined = |ws: &String| ws.split_whitespace().collect::<String>();
    if let Some(out) = checks.written_out.get(word) {
        return out.iter().map(joined).collect();
    }
    checks
        .contraction_endings
        .iter()
        .filter_map(|(ending, words)| {
            let stem = word
                .strip_suffix(ending.as_str())
                .filter(|s| !s.is_empty())?;
            Some(words.iter().map(move |w| format!("{stem}{}", joined(w))))
        })
        .flatten()
        .collect()
}

/// Readings of a run of quotation words run together: each word as it is or
/// as a form it stands for ([`written_forms`]), at most [`READINGS_MAX`].
fn readings<'w>(
    words: impl Iterator<Item = &'w str>,
    written: &dyn Fn(&str) -> Vec<String>,
) -> Vec<String> {
    let mut out = vec![String::new()];
    for w in words {
        let forms: Vec<String> = std::iter::once(w.to_string()).chain(written(w)).collect();
        out = out
            .iter()
            .flat_map(|r| forms.iter().map(move |f| format!("{r}{f}")))
            .take(READINGS_MAX)
            .collect();
    }
    out
}

/// Readings of a run of changed words tried at most: a run with several
/// contractions has few.
const READINGS_MAX: usize = 16;

/// The word keys of a quotation, its first [`QUOTE_MAX_WORDS`] at most.
fn keys(q: &Quotation) -> Vec<&str> {
    q.words
        .iter()
        .take(QUOTE_MAX_WORDS)
        .map(|w| w.key.as_str())
        .collect()
}

/// What tells two quotation words apart, or not, beyond their keys.
struct WordNorms<'a> {
    /// A number word in digits ("three" → "3").
    spelt: &'a dyn Fn(&str) -> Option<String>,
    /// The words a contraction or symbol stands for, each reading run together
    /// ("they're" → "theyare"); empty for other words.
    written: &'a dyn Fn(&str) -> Vec<String>,
    /// Titles written short with the title each abbreviates ("sen", "senator").
    abbreviations: &'a [(String, String)],
    /// Whether a word negates: an ellipsis may not leave one out.
    negator: &'a dyn Fn(&str) -> bool,
}

/// The draft quotation's changes against the source quotation it matches, as a
/// word diff with merged runs ("… he [-would-] {+will+} win …") and the words
/// compared on each side, or `None` when every difference is one the draft
/// marks or a partial quotation explains.
fn altered(sq: &Quotation, dq: &Quotation, norms: &WordNorms) -> Option<Alteration> {
    let WordNorms {
        spelt,
        written,
        abbreviations,
        negator,
    } = *norms;
    let (a, b) = (keys(sq), keys(dq));
    // a number in words or in digits is one word ("two in three", "2 in 3")
    let same_form = |ws: &[&str]| -> Vec<String> {
        ws.iter()
            .map(|w| spelt(w).unwrap_or_else(|| w.to_string()))
            .collect()
    };
    let (na, nb) = (same_form(&a), same_form(&b));
    // one quotes a part of the other, word for word: no change (the word
    // alignment could pair a lone shared word at one end instead)
    let holds = |long: &[String], short: &[String]| {
        !short.is_empty() && long.windows(short.len()).any(|w| w == short)
    };
    if holds(&na, &nb) || holds(&nb, &na) {
        return None;
    }
    let steps = align_runs(
        &na.iter().map(String::as_str).collect::<Vec<_>>(),
        &nb.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let first_same = steps.iter().position(|s| matches!(s, Step::Same(..)))?;
    let last_same = steps.iter().rposition(|s| matches!(s, Step::Same(..)))?;
    // the draft word a dropped source word stands before (its first word after)
    let next_draft_word = |k: usize| {
        steps[k..].iter().find_map(|s| match s {
            Step::Same(_, j) | Step::Added(j) => Some(*j),
            Step::Dropped(_) => None,
        })
    };
    // at an end where the source has words the draft lacks and the draft has
    // words the source lacks, a word was changed ("the radical
    // environmentalists" / "the radical environmentalist"), not quoted in part;
    // words past the compared length say nothing
    let replaced = |range: &[Step]| {
        let dropped = range
            .iter()
            .filter(|s| matches!(s, Step::Dropped(_)))
            .count();
        let added = range.iter().filter(|s| matches!(s, Step::Added(_))).count();
        (1..=EDGE_CHANGE_MAX_WORDS).contains(&dropped)
            && (1..=EDGE_CHANGE_MAX_WORDS).contains(&added)
    };
    // a run of changes whose words, run together, are the same letters is
    // spacing, which is typography ("work force" / "workforce")
    let mut typography = vec![false; steps.len()];
    let mut k = 0;
    while k < steps.len() {
        let end = (k..steps.len())
            .find(|&e| matches!(steps[e], Step::Same(..)))
            .unwrap_or(steps.len());
        let (mut dropped, mut added) = (String::new(), String::new());
        for s in &steps[k..end] {
            match *s {
                Step::Dropped(i) => dropped.push_str(&na[i]),
                Step::Added(j) => added.push_str(&nb[j]),
                Step::Same(..) => {}
            }
        }
        // and one word for the other, a title and its abbreviation, is style
        // ("Senator Reid" / "Sen. Reid"), and so is a word masked with
        // asterisks ("f***ing")
        let abbreviated = match steps[k..end] {
            [Step::Dropped(i), Step::Added(j)] | [Step::Added(j), Step::Dropped(i)] => {
                let (x, y) = (na[i].as_str(), nb[j].as_str());
                abbreviations
                    .iter()
                    .any(|(short, long)| (x, y) == (short, long) || (y, x) == (short, long))
                    || masks(x, y)
                    || masks(y, x)
            }
            _ => false,
        };
        // and a contraction or symbol written out is style too ("they're" /
        // "they are", "&" / "and")
        let written_alike = || {
            let side = |dropped: bool| {
                let words = steps[k..end].iter().filter_map(|s| match *s {
                    Step::Dropped(i) if dropped => Some(na[i].as_str()),
                    Step::Added(j) if !dropped => Some(nb[j].as_str()),
                    _ => None,
                });
                readings(words, written)
            };
            let (x, y) = (side(true), side(false));
            x.iter().any(|r| y.contains(r))
        };
        if abbreviated || (!dropped.is_empty() && dropped == added) || written_alike() {
            typography[k..end].iter_mut().for_each(|t| *t = true);
        }
        k = end + 1;
    }
    let whole = sq.words.len() <= QUOTE_MAX_WORDS && dq.words.len() <= QUOTE_MAX_WORDS;
    let (opening_replaced, closing_replaced) = (
        replaced(&steps[..first_same]),
        whole && replaced(&steps[last_same + 1..]),
    );
    // at an end, the words each side has in the sentence of its first (last)
    // shared word, no ellipsis between: when both have some, the draft changed
    // words the source shows next to the shared ones ("With respect to that
    // quote, I think the vice president" / "As the vice president"), it did
    // not quote another part of the statement
    let (Step::Same(i0, j0), Step::Same(i1, j1)) = (steps[first_same], steps[last_same]) else {
        return None;
    };
    let (src_open, drf_open) = (sentence_opening(sq, i0), sentence_opening(dq, j0));
    let opening_in_sentence = src_open < i0 && drf_open < j0;
    let (src_close, drf_close) = (
        sentence_closing(sq, i1, na.len()),
        sentence_closing(dq, j1, nb.len()),
    );
    let closing_in_sentence = whole && src_close > i1 + 1 && drf_close > j1 + 1;
    // a word at an end that neither rule makes a change: a partial quotation
    let at_end_kept = |k: usize| match steps[k] {
        _ if k < first_same && opening_replaced => false,
        _ if k > last_same && closing_replaced => false,
        Step::Dropped(i) if k < first_same => !opening_in_sentence || i < src_open,
        Step::Added(j) if k < first_same => !opening_in_sentence || j < drf_open,
        Step::Dropped(i) if k > last_same => !closing_in_sentence || i >= src_close,
        Step::Added(j) if k > last_same => !closing_in_sentence || j >= drf_close,
        _ => false,
    };
    let explained = |k: usize, s: &Step| match *s {
        Step::Same(..) => true,
        _ if typography[k] => true,
        // a partial quotation: the source's opening or closing words left out
        Step::Dropped(_) if at_end_kept(k) => true,
        // the source writer's [bracketed] or (parenthesised) word
        Step::Dropped(i) if sq.words[i].bracketed => true,
        // left out where the draft puts an ellipsis, unless it negates: an
        // ellipsis that drops a "not" turns the statement round
        Step::Dropped(i) if negator(a[i]) => false,
        Step::Dropped(_) => match next_draft_word(k) {
            Some(j) => dq.words[j].after_ellipsis,
            None => dq.ends_with_ellipsis,
        },
        // the draft quotes more of the statement than the source did
        Step::Added(_) if at_end_kept(k) => true,
        // the writer's [bracketed] word
        Step::Added(j) => dq.words[j].bracketed,
    };
    let changed: Vec<usize> = (0..steps.len())
        .filter(|&k| !explained(k, &steps[k]))
        .collect();
    if changed.is_empty() {
        return None;
    }
    // show the changes with a few words of context, runs merged
    // (the words a partial quotation explains at an end are left out: they
    // are neither a change nor the words around one)
    let hidden = |k: usize| (k < first_same || k > last_same) && explained(k, &steps[k]);
    let lo = changed[0].saturating_sub(DIFF_CONTEXT);
    let hi = (changed[changed.len() - 1] + DIFF_CONTEXT + 1).min(steps.len());
    let lo = (lo..hi).find(|&k| !hidden(k)).unwrap_or(lo);
    let hi = (lo..hi).rfind(|&k| !hidden(k)).map_or(hi, |k| k + 1);
    let mut out = String::new();
    if lo > 0 {
        out.push_str("\u{2026} ");
    }
    let mut k = lo;
    while k < hi {
        let (open, close, words, side) = match steps[k] {
            Step::Same(i, _) => {
                out.push_str(a[i]);
                out.push(' ');
                k += 1;
                continue;
            }
            Step::Dropped(_) => ("[-", "-]", &a, Side::Dropped),
            Step::Added(_) => ("{+", "+}", &b, Side::Added),
        };
        // the whole run of dropped (or added) words, as one change
        let mut run = Vec::new();
        while let Some(i) = steps[..hi].get(k).and_then(|s| side.index(s)) {
            if !hidden(k) {
                run.push(words[i]);
            }
            k += 1;
        }
        if run.is_empty() {
            continue;
        }
        out.push_str(&format!("{open}{}{close} ", run.join(" ")));
    }
    if hi < steps.len() {
        out.push('\u{2026}');
    }
    // the words compared on each side: the draft's further words are not
    // the changed quotation
    let shown = || (0..steps.len()).filter(|&k| !hidden(k)).map(|k| steps[k]);
    let source_words = || {
        shown().filter_map(|s| match s {
            Step::Same(i, _) | Step::Dropped(i) => Some(i),
            Step::Added(_) => None,
        })
    };
    let draft_words = || {
        shown().filter_map(|s| match s {
            Step::Same(_, j) | Step::Added(j) => Some(j),
            Step::Dropped(_) => None,
        })
    };
    let covering = |q: &Quotation, first: Option<usize>, last: Option<usize>| match (first, last) {
        (Some(f), Some(l)) => q.words[f].span().cover(&q.words[l].span()),
        _ => q.span,
    };
    Some(Alteration {
        diff: out.trim_end().to_string(),
        source: covering(sq, source_words().next(), source_words().next_back()),
        draft: covering(dq, draft_words().next(), draft_words().next_back()),
    })
}

/// A draft quotation's changes against its counterpart.
struct Alteration {
    /// The word diff, runs merged, with a few words of context.
    diff: String,
    /// The source words compared.
    source: Span,
    /// The draft words compared.
    draft: Span,
}

/// The first and the last word of draft quotation `dq` that it shares with
/// source quotation `sq` (by [`align_runs`]).
fn shared_window(sq: &Quotation, dq: &Quotation) -> Option<(usize, usize)> {
    let steps = align_runs(&keys(sq), &keys(dq));
    let shared = |s: &Step| match *s {
        Step::Same(_, j) => Some(j),
        _ => None,
    };
    Some((
        steps.iter().find_map(shared)?,
        steps.iter().rev().find_map(shared)?,
    ))
}

/// The parts of draft quotation `dq` before and after the words it shares with
/// its counterpart `sq` (by [`align_runs`]), of [`QUOTE_MIN_WORDS`] words or
/// more, as quotations of their own.
fn beyond(sq: &Quotation, dq: &Quotation) -> Vec<Quotation> {
    let Some((first, last)) = shared_window(sq, dq) else {
        return Vec::new();
    };
    let len = keys(dq).len();
    [0..first, last + 1..len]
        .into_iter()
        .filter(|r| r.len() >= QUOTE_MIN_WORDS)
        .map(|r| {
            let words = dq.words[r.clone()].to_vec();
            let ends_with_ellipsis = match dq.words.get(r.end) {
                Some(next) => next.after_ellipsis,
                None => dq.ends_with_ellipsis,
            };
            Quotation {
                span: words[0].span().cover(&words[words.len() - 1].span()),
                words,
                ends_with_ellipsis,
            }
        })
        .collect()
}

/// Whether some source sentence holds most of the quotation's words in order:
/// the source says it, quoted or not.
fn said_in_source(cx: &Ctx, dq: &Quotation) -> bool {
    held_in_order(cx, dq, QUOTE_FOUND, usize::MAX).is_some()
}

/// Source occurrences of a word few enough that looking up where it stands
/// costs less than reading the sentences a commoner word would let through.
const RARE_WORD_OCCURRENCES: usize = 64;
/// Share of a draft quotation's words that a source sentence must hold in
/// order, nearly side by side, for the quotation to be the source's wording.
const QUOTE_VERBATIM: f64 = 0.8;
/// Source words that may stand between them beyond the quotation's own.
const QUOTE_VERBATIM_SLACK: usize = 3;

/// Where a source sentence holds the draft quotation's words nearly verbatim:
/// [`QUOTE_VERBATIM`] of them in order, within the quotation's length and
/// [`QUOTE_VERBATIM_SLACK`] more words, two content words among them.
fn verbatim_in_source(cx: &Ctx, dq: &Quotation) -> Option<Span> {
    let content = keys(dq)
        .iter()
        .filter(|w| !cx.words.stop.contains(**w))
        .count();
    if content < 2 {
        return None;
    }
    held_in_order(
        cx,
        dq,
        QUOTE_VERBATIM,
        keys(dq).len() + QUOTE_VERBATIM_SLACK,
    )
}

/// The first source sentence holding `share` of the quotation's words in
/// order, the first and last of them fewer than `within` words apart: the
/// span they cover there.
fn held_in_order(cx: &Ctx, dq: &Quotation, share: f64, within: usize) -> Option<Span> {
    let b = keys(dq);
    let need = (b.len() as f64 * share).ceil() as usize;
    let sentences = &cx.source.claims.tokens;
    // a sentence holding none of the `b - need + 1` rarest of the quotation's
    // words holds too few of them: only sentences holding one are read, and of
    // those only the ones that, counting what they hold of the words looked up
    // and all the rest, could hold enough
    // how many times the quotation has each word
    let mut times: rustc_hash::FxHashMap<&str, usize> = Default::default();
    for w in &b {
        *times.entry(*w).or_default() += 1;
    }
    let candidates: Vec<usize> = if need == 0 {
        (0..sentences.len()).collect()
    } else {
        let index = cx.source_words();
        let mut by_rarity: Vec<(usize, &str, usize)> = times
            .iter()
            .map(|(w, &m)| (index.occurrences(w), *w, m))
            .collect();
        by_rarity.sort_unstable();
        let mut held: rustc_hash::FxHashMap<usize, usize> = Default::default();
        let mut read = 0;
        for &(occurrences, w, m) in &by_rarity {
            if read > b.len() - need && occurrences > RARE_WORD_OCCURRENCES {
                break;
            }
            let mut last = usize::MAX;
            for (si, _) in index.positions(w) {
                if si != last {
                    *held.entry(si).or_default() += m;
                    last = si;
                }
            }
            read += m;
        }
        let unread = b.len() - read;
        let mut found: Vec<usize> = held
            .into_iter()
            .filter(|&(_, n)| n + unread >= need)
            .map(|(si, _)| si)
            .collect();
        found.sort_unstable();
        found
    };
    candidates.into_iter().find_map(|si| {
        let toks = &sentences[si];
        let words: Vec<&crate::extract::tokens::Token> = toks
            .iter()
            .filter(|t| matches!(t.kind(), TokenKind::Word | TokenKind::Number))
            .take(QUOTE_MAX_WORDS)
            .collect();
        let a: Vec<&str> = words.iter().map(|t| t.key.as_str()).collect();
        // a cheap bound first: enough of the quotation's words at all
        let mut counted: rustc_hash::FxHashSet<&str> = Default::default();
        let held: usize = a
            .iter()
            .filter_map(|w| times.get(w).filter(|_| counted.insert(w)))
            .sum();
        if held < need {
            return None;
        }
        let same: Vec<usize> = align_words(&a, &b)
            .iter()
            .filter_map(|s| match s {
                Step::Same(i, _) => Some(*i),
                _ => None,
            })
            .collect();
        let (first, last) = (*same.first()?, *same.last()?);
        (same.len() >= need && last - first < within)
            .then(|| words[first].span().cover(&words[last].span()))
    })
}

/// True when the source words at `words` stand mostly inside a source
/// quotation: a draft quoting part of a longer source quotation quotes it.
fn inside_a_quotation(words: &Span, quotes: &[Quotation]) -> bool {
    quotes.iter().any(|q| {
        let overlap = q
            .span
            .end
            .min(words.end)
            .saturating_sub(q.span.start.max(words.start));
        2 * overlap >= words.end - words.start
    })
}

/// A quotation shortened for a message.
fn clip(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(CLIP_CHARS) {
        Some((i, _)) => format!("{}\u{2026}", &flat[..i]),
        None => flat,
    }
}

/// Characters of a quotation a message shows.
const CLIP_CHARS: usize = 70;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_written_short_is_paired_with_the_title_it_abbreviates() {
        let rules = crate::Rules::builtin().unwrap();
        let pairs = title_abbreviations(&rules.entities.titles);
        for (short, long) in [
            ("sen", "senator"),
            ("gen", "general"),
            ("dr", "doctor"),
            ("rev", "reverend"),
            ("gov", "governor"),
            ("rep", "representative"),
        ] {
            assert!(
                pairs.contains(&(short.to_string(), long.to_string())),
                "{short}: {pairs:?}"
            );
        }
    }

    #[test]
    fn the_run_alignment_matches_the_longest_shared_run_first() {
        let words = |s: &'static str| s.split(' ').collect::<Vec<_>>();
        // the lone "we'll" of the added opening is not paired with the source's
        let steps = align_runs(
            &words("and we'll win in the court"),
            &words("we'll end up in court and we'll win at the court"),
        );
        let same: Vec<(usize, usize)> = steps
            .iter()
            .filter_map(|s| match *s {
                Step::Same(i, j) => Some((i, j)),
                _ => None,
            })
            .collect();
        assert_eq!(same, [(0, 5), (1, 6), (2, 7), (4, 9), (5, 10)]);
        assert!(steps.contains(&Step::Dropped(3)) && steps.contains(&Step::Added(8)));
        // every word of each side is stepped over once, in order
        let dropped_or_same = steps
            .iter()
            .filter(|s| !matches!(s, Step::Added(_)))
            .count();
        assert_eq!(dropped_or_same, 6);
        assert_eq!(steps.len(), 6 + 11 - same.len());
    }

    #[test]
    fn a_masked_word_is_the_word_it_can_be() {
        assert!(masks("f***ing", "fucking"));
        assert!(!masks("f***ing", "fooling around"));
        assert!(!masks("f***ing", "f***ing!"));
        assert!(!masks("fucking", "fucking"));
    }

    #[test]
    fn the_word_alignment_keeps_order() {
        let steps = align_words(&["we", "will", "win"], &["we", "would", "win"]);
        assert_eq!(
            steps,
            [
                Step::Same(0, 0),
                Step::Dropped(1),
                Step::Added(1),
                Step::Same(2, 2)
            ]
        );
    }
}
