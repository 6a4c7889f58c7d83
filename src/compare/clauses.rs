//! What the parse says about words the flat checks pair up: whether a negator
//! reaches a word, which clause a word belongs to and what that clause is about,
//! and a word's part of speech. Each answer is `None` (or no veto) where the
//! parse has nothing to say, so a check falls back to its flat reading.

use crate::span::Span;
use crate::syntax::SyntaxToken;
use crate::tokens::stem;
use crate::Analysis;

use super::sentence_at;

/// Relations that make an argument of a clause: who acts, on what, where, and
/// the clause it embeds ("wants to run", "said that ...").
const ARGUMENTS: [&str; 8] = [
    "nsubj", "obj", "iobj", "obl", "csubj", "xcomp", "ccomp", "expl",
];

/// Relations by which a negator that is a verb ("failed", "refused") takes
/// what it negates: "failed to pass", "refused the offer".
const NEGATED_COMPLEMENTS: [&str; 3] = ["xcomp", "ccomp", "obj"];

/// The parsed sentence holding `span`, and the index of its first token that
/// overlaps `span` (the last one when `last`).
fn token_at(a: &Analysis, span: Span, last: bool) -> Option<(&[SyntaxToken], usize)> {
    let k = sentence_at(&a.doc.sentences, span.start);
    let toks = a.syntax(k);
    let mut hits = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.span().overlaps(&span))
        .map(|(i, _)| i);
    let i = if last { hits.next_back() } else { hits.next() }?;
    Some((toks, i))
}

/// A relation without its subtype ("obl:agent" → "obl").
pub(super) fn base(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}

/// The indices of the arguments of the clause whose predicate is at `p`
/// (its dependents by an [`ARGUMENTS`] relation), in sentence order.
fn arguments_of(toks: &[SyntaxToken], p: usize) -> impl Iterator<Item = usize> + '_ {
    (0..toks.len())
        .filter(move |&h| toks[h].head() == p + 1 && ARGUMENTS.contains(&base(&toks[h].deprel)))
}

/// True when `i` is `root` or depends on it, directly or not.
fn within(toks: &[SyntaxToken], mut i: usize, root: usize) -> bool {
    for _ in 0..=toks.len() {
        if i == root {
            return true;
        }
        match toks[i].head() {
            h if (1..=toks.len()).contains(&h) => i = h - 1,
            _ => return false,
        }
    }
    false
}

/// True when the parse puts the word at `word` outside what the negator at
/// `negator` negates (both in one sentence of `a`). A negating adverb,
/// determiner or preposition ("not", "no", "without") negates its head and all
/// that depends on it; a negating verb ("failed", "refused") negates only its
/// complement ("failed to pass the bill", but not "failed on the Senate floor").
pub(super) fn outside_negation(a: &Analysis, negator: Span, word: Span) -> bool {
    let (Some((toks, n)), Some((_, w))) = (token_at(a, negator, true), token_at(a, word, false))
    else {
        return false;
    };
    if toks[n].upos() == "VERB" {
        let complements: Vec<usize> = (0..toks.len())
            .filter(|&c| {
                toks[c].head() == n + 1 && NEGATED_COMPLEMENTS.contains(&base(&toks[c].deprel))
            })
            .collect();
        return !complements.iter().any(|&c| within(toks, w, c));
    }
    match toks[n].head() {
        h if (1..=toks.len()).contains(&h) => !within(toks, w, h - 1),
        _ => false,
    }
}

/// True when the parse reads the word at `span` as a verb.
pub(super) fn is_verb(a: &Analysis, span: Span) -> bool {
    token_at(a, span, true).is_some_and(|(toks, i)| toks[i].upos() == "VERB")
}

/// True when the parse shows the clause holding the word at `word` negated by
/// a word that is no adverb next to it: a negating pronoun as its argument
/// ("she had done nothing wrong", "nobody came") or a negating determiner of
/// one ("No one ... is above the law"). Such a clause states nothing plainly,
/// though no negator stands just before the word. `is_negator` tells a
/// negating word by its lower-case text.
pub(super) fn negated_by_argument(
    a: &Analysis,
    word: Span,
    is_negator: impl Fn(&str) -> bool,
) -> bool {
    let Some((toks, w)) = token_at(a, word, false) else {
        return false;
    };
    let Some(c) = clause_of(toks, w) else {
        return false;
    };
    let negating = |t: &SyntaxToken| is_negator(&t.span().text(&a.doc.text).to_lowercase());
    arguments_of(toks, c).any(|h| {
        (toks[h].upos() == "PRON" && negating(&toks[h]))
            || (base(&toks[h].deprel) == "nsubj"
                && toks
                    .iter()
                    .any(|t| t.head() == h + 1 && base(&t.deprel) == "det" && negating(t)))
    })
}

/// The clause a word belongs to: the word itself when it is a verb or has a
/// copula, else the nearest such word it depends on.
fn clause_of(toks: &[SyntaxToken], mut i: usize) -> Option<usize> {
    let has_copula = |p: usize| toks.iter().any(|t| t.head() == p + 1 && t.deprel == "cop");
    for _ in 0..=toks.len() {
        if toks[i].upos() == "VERB" || has_copula(i) {
            return Some(i);
        }
        match toks[i].head() {
            h if (1..=toks.len()).contains(&h) => i = h - 1,
            _ => return None,
        }
    }
    None
}

/// When the word at `span` is a clause's predicate, the lemmas of what that
/// clause is about: the heads of its subject, objects, obliques and embedded
/// clauses, pronouns left out (who "he" is the parse cannot say). Empty for a
/// word that is no predicate ("not El Al" negates a name, not a clause).
fn arguments(a: &Analysis, span: Span) -> Vec<String> {
    let Some((toks, p)) = token_at(a, span, false) else {
        return Vec::new();
    };
    if clause_of(toks, p) != Some(p) {
        return Vec::new();
    }
    arguments_of(toks, p)
        .map(|h| &toks[h])
        .filter(|t| t.upos() != "PRON")
        .map(|t| t.lemma.as_str().to_lowercase())
        .collect()
}

/// True when some lemma of `x` is one of `y`, or has its stem.
pub(super) fn any_alike(x: &[String], y: &[String]) -> bool {
    x.iter()
        .any(|a| y.iter().any(|b| a == b || super::stem(a) == super::stem(b)))
}

/// True when the parse shows two predicates of clauses about different things:
/// each clause names something (pronouns aside) and they name nothing alike. "He did
/// not want his candidacy to siphon votes" and "he wants to run the nation" are
/// two claims, not one claim with its polarity flipped.
pub(super) fn about_different_things(words: WordPair) -> bool {
    let named = |a: &Analysis, w: Span| Some(arguments(a, w)).filter(|v| !v.is_empty());
    words.both(named, |s, d| !any_alike(s, d))
}

/// True when one of the source sentences `candidates` has a negated clause with
/// the lemma of the draft predicate at `draft_word` that names something its
/// clause names: the source says the negated claim too.
pub(super) fn negated_alike(
    cx: &super::Ctx,
    draft: &Analysis,
    draft_word: Span,
    candidates: impl Iterator<Item = usize>,
) -> bool {
    let Some((toks, p)) = token_at(draft, draft_word, false) else {
        return false;
    };
    let mine = arguments(draft, draft_word);
    if mine.is_empty() {
        return false;
    }
    let lemma = toks[p].lemma.as_str().to_lowercase();
    let words = crate::extract::frames::FrameWords::from_rules(cx.rules);
    let source = cx.source;
    candidates.into_iter().any(|si| {
        cx.source_may_negate(si)
            && source
                .frames(si, &words)
                .iter()
                .filter(|f| f.negated && f.lemma.as_str().to_lowercase() == lemma)
                .any(|f| {
                    let theirs = arguments(source, f.predicate);
                    theirs.iter().any(|x| mine.contains(x))
                })
    })
}

/// The nouns a quantity at `span` is about, from the parse: the noun it
/// modifies ("fees of $300" → fee) and the nouns its words govern ("three
/// inches of rain" → rain). Empty when the parse links it to none.
pub(super) fn counted_things(a: &Analysis, span: Span) -> Vec<String> {
    let k = sentence_at(&a.doc.sentences, span.start);
    let toks = a.syntax(k);
    let inside: Vec<usize> = (0..toks.len())
        .filter(|&i| toks[i].span().overlaps(&span))
        .collect();
    let noun = |t: &SyntaxToken| matches!(t.upos(), "NOUN" | "PROPN");
    let mut out = Vec::new();
    for &i in &inside {
        // the word the quantity hangs from
        if let Some(h) = toks[i]
            .head()
            .checked_sub(1)
            .filter(|h| !inside.contains(h))
        {
            if h < toks.len() && noun(&toks[h]) && base(&toks[i].deprel) != "obl" {
                out.push(toks[h].lemma.as_str().to_lowercase());
            }
        }
        // the nouns hanging from it ("of rain")
        out.extend(
            toks.iter()
                .enumerate()
                .filter(|(c, t)| {
                    t.head() == i + 1 && !inside.contains(c) && noun(t) && base(&t.deprel) == "nmod"
                })
                .map(|(_, t)| t.lemma.as_str().to_lowercase()),
        );
    }
    out.sort();
    out.dedup();
    out
}

/// One participant of a clause: its head's lemma, and the words of the names
/// that make it (the head itself, or its possessor or modifier: "Ryan's plan",
/// "the Ryan plan").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Participant {
    lemma: String,
    names: Vec<String>,
    /// The name words as the text writes them, in text order ("United
    /// States"), for a person to read.
    shown: String,
}

/// The participants of the clause holding the words at `span`, the words
/// themselves and pronouns left out: the heads of its subject, objects,
/// obliques and embedded clauses, with their names. `None` when the parse
/// finds no clause or the clause names nothing else.
pub(super) fn clause_participants(a: &Analysis, span: Span) -> Option<Vec<Participant>> {
    participants_of(a, span, false)
}

/// [`clause_participants`], with the subject a conjoined clause shares with
/// the clause it joins ("Smith defended the plan and won praise": Smith won).
pub(super) fn frame_participants(a: &Analysis, span: Span) -> Option<Vec<Participant>> {
    participants_of(a, span, true)
}

fn participants_of(a: &Analysis, span: Span, shared_subject: bool) -> Option<Vec<Participant>> {
    let (toks, i) = token_at(a, span, false)?;
    let p = clause_of(toks, i)?;
    let name = |t: &SyntaxToken| t.upos() == "PROPN" && !t.span().overlaps(&span);
    let is_subject = |h: &usize| base(&toks[*h].deprel) == "nsubj";
    let inherited: Vec<usize> = match toks[p].head().checked_sub(1) {
        Some(h)
            if shared_subject
                && base(&toks[p].deprel) == "conj"
                && h < toks.len()
                && !arguments_of(toks, p).any(|c| is_subject(&c)) =>
        {
            arguments_of(toks, h).filter(is_subject).collect()
        }
        _ => Vec::new(),
    };
    let out: Vec<Participant> = arguments_of(toks, p)
        .chain(inherited)
        .map(|h| (h, &toks[h]))
        .filter(|(_, t)| t.upos() != "PRON" && !t.span().overlaps(&span))
        .map(|(h, t)| {
            let own = name(t).then_some(t);
            let mut words: Vec<&SyntaxToken> = own
                .into_iter()
                .chain(
                    toks.iter()
                        .filter(|c| c.head() == h + 1 && name(c))
                        .filter(|c| {
                            matches!(base(&c.deprel), "flat" | "compound" | "nmod")
                                || c.deprel == "nmod:poss"
                        }),
                )
                .collect();
            let names = words
                .iter()
                .map(|c| c.lemma.as_str().to_lowercase())
                .collect();
            words.sort_by_key(|c| c.span().start);
            let shown = words
                .iter()
                .map(|c| c.span().text(&a.doc.text))
                .collect::<Vec<_>>()
                .join(" ");
            Participant {
                lemma: t.lemma.as_str().to_lowercase(),
                names,
                shown,
            }
        })
        .collect();
    (!out.is_empty()).then_some(out)
}

/// The words of every name among the participants of the clause holding the
/// words at `span` ([`clause_participants`]): their heads' and their
/// modifiers' ("diplomats from the United States" gives state). `None` when
/// the parse finds no clause or the clause names nothing else.
fn participant_names(a: &Analysis, span: Span) -> Option<Vec<String>> {
    let names: Vec<String> = clause_participants(a, span)?
        .into_iter()
        .flat_map(|p| p.names)
        .collect();
    (!names.is_empty()).then_some(names)
}

/// The lemmas of the participants of `draft` that may be one of `source`'s,
/// sorted: heads alike (or with one stem), and names alike where both have
/// names ("Ryan's plan" is not "McCain's plan").
pub(super) fn participants_in_common(draft: &[Participant], source: &[Participant]) -> Vec<String> {
    let mut out: Vec<String> = draft
        .iter()
        .filter(|a| {
            source.iter().any(|b| {
                (a.lemma == b.lemma || super::stem(&a.lemma) == super::stem(&b.lemma))
                    && (a.names.is_empty() || b.names.is_empty() || any_alike(&a.names, &b.names))
            })
        })
        .map(|a| a.lemma.clone())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The participants of `draft` named alike with one of `source`'s though
/// alike with none by head ("the top diplomats from the United States" and
/// "the United States"): the draft's names as written, sorted. `by_head` is
/// [`participants_in_common`] of the two, so that each participant in common
/// counts once.
pub(super) fn named_in_common(
    draft: &[Participant],
    source: &[Participant],
    by_head: &[String],
) -> Vec<String> {
    let mut out: Vec<String> = draft
        .iter()
        .filter(|a| !by_head.contains(&a.lemma))
        .filter(|a| {
            !a.names.is_empty()
                && source
                    .iter()
                    .any(|b| !b.names.is_empty() && any_alike(&a.names, &b.names))
        })
        .map(|a| a.shown.clone())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The words of the names (proper nouns) among what the clause holding the
/// words at `span` is about, the words themselves left out: each name's head
/// with the words it joins ("Senator Smith" gives senator and smith). `None`
/// when the parse finds no clause or the clause names no one.
fn clause_names(a: &Analysis, span: Span) -> Option<Vec<String>> {
    let (toks, i) = token_at(a, span, false)?;
    let p = clause_of(toks, i)?;
    let name = |t: &SyntaxToken| t.upos() == "PROPN" && !t.span().overlaps(&span);
    let mut out = Vec::new();
    for h in arguments_of(toks, p).filter(|&h| name(&toks[h])) {
        out.push(toks[h].lemma.as_str().to_lowercase());
        out.extend(
            toks.iter()
                .filter(|c| c.head() == h + 1 && matches!(base(&c.deprel), "flat" | "compound"))
                .filter(|c| name(c))
                .map(|c| c.lemma.as_str().to_lowercase()),
        );
    }
    (!out.is_empty()).then_some(out)
}

/// True when the clauses holding the words at `source_word` and `draft_word`
/// both name someone and name no one alike: "Smith raised $5 million for the
/// race" and "Jones spent $2 million on advertising" are two people's claims.
pub(super) fn other_names(words: WordPair) -> bool {
    words.both(clause_names, |x, y| !any_alike(x, y))
}

/// A word of the source and a word of the draft that a check holds together:
/// the two sides of a question the parse may answer.
#[derive(Clone, Copy)]
pub(super) struct WordPair<'a> {
    /// The source.
    pub source: &'a Analysis,
    /// The source's word.
    pub source_word: Span,
    /// The draft.
    pub draft: &'a Analysis,
    /// The draft's word.
    pub draft_word: Span,
}

impl<'a> WordPair<'a> {
    /// The source's word and the draft's word of one comparison.
    pub(super) fn of(cx: &super::Ctx<'a>, source_word: Span, draft_word: Span) -> Self {
        WordPair {
            source: cx.source,
            source_word,
            draft: cx.draft,
            draft_word,
        }
    }

    /// True when the parse answers `read` on both sides and the answers meet `test`.
    fn both<T>(
        &self,
        read: impl Fn(&Analysis, Span) -> Option<T>,
        test: impl Fn(&T, &T) -> bool,
    ) -> bool {
        matches!(
            (read(self.source, self.source_word), read(self.draft, self.draft_word)),
            (Some(a), Some(b)) if test(&a, &b)
        )
    }
}

/// The frame of `a` one of whose participants holds the words at `span` most
/// closely, with that participant, when the parse finds one.
fn innermost_frame<'a>(
    rules: &crate::rules::Rules,
    a: &'a Analysis,
    span: Span,
) -> Option<(
    &'a crate::extract::frames::Frame,
    &'a crate::extract::frames::Participant,
)> {
    let k = sentence_at(&a.doc.sentences, span.start);
    let words = crate::extract::frames::FrameWords::from_rules(rules);
    a.frames(k, &words)
        .iter()
        .flat_map(|f| {
            f.participants
                .iter()
                .filter(|p| p.span.contains(&span))
                .map(move |p| (f, p))
        })
        .min_by_key(|(_, p)| p.span.end - p.span.start)
}

/// The frame participant of `a` that holds the words at `span` most closely,
/// with the lemma of its frame's predicate, when the parse finds one.
fn holding_participant(
    rules: &crate::rules::Rules,
    a: &Analysis,
    span: Span,
) -> Option<(String, crate::extract::frames::Participant)> {
    innermost_frame(rules, a, span).map(|(f, p)| (f.lemma.clone(), p.clone()))
}

/// True when the innermost clause one of whose participants holds the words
/// at `span` is negated: "domestic" in "it does not extend to civil unions or
/// domestic partnerships" is not stated plainly.
pub(super) fn in_negated_clause(rules: &crate::rules::Rules, a: &Analysis, span: Span) -> bool {
    innermost_frame(rules, a, span).is_some_and(|(f, _)| f.negated)
}

/// The predicate lemma of the innermost clause one of whose participants holds
/// `span`, when the parse finds one.
pub(super) fn event_of(rules: &crate::rules::Rules, a: &Analysis, span: Span) -> Option<String> {
    holding_participant(rules, a, span).map(|(lemma, _)| lemma)
}

/// The lemma of the word at `span` when it is a clause's predicate itself
/// ("lost" in "Smith lost the vote"), not a participant of one.
pub(super) fn own_predicate(a: &Analysis, span: Span) -> Option<String> {
    let (toks, i) = token_at(a, span, true)?;
    (clause_of(toks, i)? == i).then(|| toks[i].lemma.as_str().to_lowercase())
}

/// Where the words at a span stand in their claim frame ([`frame_slot`]).
pub(super) struct FrameSlot {
    /// The predicate lemma of the claim they belong to: the innermost clause
    /// one of whose participants holds them, or, when the parse attaches them
    /// to no participant, the clause they hang from ("is sentenced to two
    /// years" with "to two years" read loose).
    pub predicate: Option<String>,
    /// The noun they are said of inside that participant: its head, when they
    /// only modify it ("cover" in "the cover of the Post on May 29").
    pub noun: Option<String>,
}

/// The frame slot of the words at `span`, the frames of their sentence read
/// once for both answers.
pub(super) fn frame_slot(rules: &crate::rules::Rules, a: &Analysis, span: Span) -> FrameSlot {
    let held = holding_participant(rules, a, span);
    let toks = a.syntax(sentence_at(&a.doc.sentences, span.start));
    let noun = held
        .as_ref()
        .filter(|(_, p)| !p.head.overlaps(&span))
        .and_then(|(_, p)| {
            toks.iter()
                .find(|t| t.span() == p.head && t.upos() == "NOUN")
        })
        .map(|t| t.lemma.as_str().to_lowercase());
    let predicate = match held {
        Some((lemma, _)) => Some(lemma),
        None => token_at(a, span, false).and_then(|(toks, i)| {
            let p = clause_of(toks, i)?;
            (p != i).then(|| toks[p].lemma.as_str().to_lowercase())
        }),
    };
    FrameSlot { predicate, noun }
}

/// The noun the word at `span` modifies as an adjective or a number ("private"
/// in "the private living area" gives area). `None` when it modifies none.
pub(super) fn modified_noun(a: &Analysis, span: Span) -> Option<String> {
    let (toks, i) = token_at(a, span, true)?;
    if !matches!(base(&toks[i].deprel), "amod" | "nummod") {
        return None;
    }
    let h = toks[i].head().checked_sub(1)?;
    let head = toks.get(h).filter(|t| t.upos() == "NOUN")?;
    Some(head.lemma.as_str().to_lowercase())
}

/// The predicate lemmas (source's, draft's) when the parse puts the two words
/// in clauses of other events: other predicates (by stem) and no participant
/// in common, neither a core argument ("the goal" / "the goal"), nor a noun
/// modifying one ("the only goal against his former club" / "condemned his
/// former club"), nor a name ("diplomats from the United States" / "the
/// United States"). "Scalise remained in the hospital after surgery" and
/// "Williams sustained a minor leg injury" are two events, so a name of one
/// is no swap for a name of the other. `None` when they may be one event or
/// the parse cannot tell.
pub(super) fn events_apart(
    rules: &crate::rules::Rules,
    words: WordPair,
) -> Option<(String, String)> {
    let source = event_of(rules, words.source, words.source_word)?;
    let draft = event_of(rules, words.draft, words.draft_word)?;
    let apart = stem(&source) != stem(&draft)
        && words.both(clause_participants, |x, y| {
            participants_in_common(y, x).is_empty()
        })
        && !words.both(clause_nouns, |x, y| any_alike(x, y))
        && !words.both(participant_names, |x, y| any_alike(x, y));
    apart.then_some((source, draft))
}

/// The common nouns of what the clause holding the words at `span` is about,
/// the words themselves left out: the heads of its arguments and the nouns
/// that modify them ("netted the only goal against his former club" gives
/// goal and club). `None` when the parse finds no clause.
fn clause_nouns(a: &Analysis, span: Span) -> Option<Vec<String>> {
    let (toks, i) = token_at(a, span, false)?;
    let p = clause_of(toks, i)?;
    let noun = |t: &SyntaxToken| t.upos() == "NOUN" && !t.span().overlaps(&span);
    let heads: Vec<usize> = arguments_of(toks, p).collect();
    let mut out: Vec<String> = heads
        .iter()
        .map(|&h| &toks[h])
        .chain(toks.iter().filter(|t| {
            heads.iter().any(|&h| t.head() == h + 1) && matches!(base(&t.deprel), "nmod" | "conj")
        }))
        .filter(|t| noun(t))
        .map(|t| t.lemma.as_str().to_lowercase())
        .collect();
    out.sort();
    out.dedup();
    Some(out)
}

/// Whether the words at `word` and at `other` (one sentence of `a`) belong to
/// one clause: the parse hangs both from the same predicate. `None` when the
/// parse finds no clause for one of them.
pub(super) fn same_clause(a: &Analysis, word: Span, other: Span) -> Option<bool> {
    let (toks, w) = token_at(a, word, false)?;
    let (_, o) = token_at(a, other, false)?;
    Some(participant_clause(toks, w)? == participant_clause(toks, o)?)
}

/// The clause whose participants a word's clause shares: its own, or for a
/// clause its head controls ("deserved to win": who wins is who deserved) the
/// head's.
fn participant_clause(toks: &[SyntaxToken], i: usize) -> Option<usize> {
    let mut c = clause_of(toks, i)?;
    for _ in 0..toks.len() {
        match toks[c].head() {
            h if base(&toks[c].deprel) == "xcomp" && (1..=toks.len()).contains(&h) => {
                c = clause_of(toks, h - 1)?;
            }
            _ => break,
        }
    }
    Some(c)
}

/// The words of the clause holding the word at `word` that the parse tags as
/// pronouns: who they stand for the parse cannot say.
pub(super) fn clause_pronouns(a: &Analysis, word: Span) -> Vec<Span> {
    let Some((toks, w)) = token_at(a, word, false) else {
        return Vec::new();
    };
    let Some(c) = participant_clause(toks, w) else {
        return Vec::new();
    };
    // the clause it hangs from too: "looking forward to him arriving"
    let outer = match toks[c].head() {
        h if (1..=toks.len()).contains(&h) => participant_clause(toks, h - 1),
        _ => None,
    };
    (0..toks.len())
        .filter(|&i| {
            toks[i].upos() == "PRON" && {
                let at = participant_clause(toks, i);
                at == Some(c) || (outer.is_some() && at == outer)
            }
        })
        .map(|i| toks[i].span())
        .collect()
}

/// The modal auxiliaries ("will", "could", as `checks.yaml` lists them) of the
/// clause holding the word at `span`, sorted: a future, hedged or
/// hypothetical claim. `None` when the parse finds no clause.
pub(super) fn modality(
    rules: &crate::rules::Rules,
    a: &Analysis,
    span: Span,
) -> Option<Vec<String>> {
    let (toks, i) = token_at(a, span, false)?;
    let c = clause_of(toks, i)?;
    let mut out: Vec<String> = toks
        .iter()
        .filter(|t| t.head() == c + 1 && base(&t.deprel) == "aux")
        .map(|t| t.lemma.as_str().to_lowercase())
        .filter(|l| rules.checks.modal_auxiliaries.contains(l))
        .collect();
    out.sort();
    out.dedup();
    Some(out)
}

/// True when the parse gives the clauses of the two words other modal
/// auxiliaries: "could have sentenced her with the possibility of release" is
/// no claim that the sentence has it, and "will not tax" no flip of "taxed".
pub(super) fn other_modality(rules: &crate::rules::Rules, words: WordPair) -> bool {
    words.both(|a, w| modality(rules, a, w), |a, b| a != b)
}

/// True when the parse tags the two words, one on each side, one a noun and
/// the other a verb: "issued" and "no issue" share a stem, not a claim.
pub(super) fn noun_and_verb(words: WordPair) -> bool {
    let class = |a: &Analysis, w: Span| {
        let (toks, i) = token_at(a, w, false)?;
        match toks[i].upos() {
            "NOUN" => Some(true),
            "VERB" => Some(false),
            _ => None,
        }
    };
    words.both(class, |a, b| a != b)
}

/// Relations of words that stand at a noun phrase's edge without naming
/// anything: punctuation, a preposition ("for Flynn"), a conjunction.
const NOT_IN_PHRASE: [&str; 3] = ["punct", "case", "cc"];

/// What the parse says of the words the attribution reader took for a cue's
/// speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SpeakerReading {
    /// The cue's subject heads a phrase inside the speaker's words: its head
    /// word, and the part of its phrase within those words ("the FBI" of "the
    /// FBI hasn't"), and whether the head is a pronoun. Where the subject is
    /// the pronoun of a relative clause, the noun the clause qualifies and its
    /// words before the clause ("Justice Anthony Kennedy" of "Justice Anthony
    /// Kennedy, who said").
    Subject {
        head: Span,
        pronoun: bool,
        phrase: Span,
    },
    /// The parse gives the cue a subject outside the words, or the words hold
    /// a verb or nothing that may head a speaker: no speaker.
    NotSpeaker,
}

/// What the parse of `a` says of the words at `speaker`, taken for the speaker
/// of the cue at `cue` (`checks.yaml` `agent_relations`, `speaker_head_tags`,
/// `clause_verb_tags`, `relative_clause_relations`; `attribution.yaml`
/// `relative_pronouns`). `None` where the parse
/// has nothing to say: no parse, or a cue with no subject of its own
/// ("according to", "..., saying") before a phrase that may head one.
pub(super) fn speaker_reading(
    rules: &crate::rules::Rules,
    a: &Analysis,
    cue: Span,
    speaker: Span,
) -> Option<SpeakerReading> {
    let checks = &rules.checks;
    let (toks, c) = token_at(a, cue, false)?;
    let inside: Vec<usize> = (0..toks.len())
        .filter(|&i| toks[i].span().overlaps(&speaker))
        .collect();
    if inside.is_empty() {
        return None;
    }
    let tagged = |i: &usize, tags: &[String]| tags.iter().any(|t| t == toks[*i].upos());
    let subjects: Vec<usize> = (0..toks.len())
        .filter(|&i| {
            toks[i].head() == c + 1 && checks.agent_relations.iter().any(|r| *r == toks[i].deprel)
        })
        .collect();
    // the head of the words: the one whose own head lies outside them
    let own_head = || crate::syntax::head_within(toks, |t| t.span().overlaps(&speaker));
    let reading = |head: usize, phrase: Span| SpeakerReading::Subject {
        head: toks[head].span(),
        pronoun: toks[head].upos() == "PRON",
        phrase: whole_words(&a.doc.text, phrase),
    };
    let relative_pronoun = |t: &SyntaxToken| {
        t.upos() == "PRON"
            && (rules.attribution.relative_pronouns)
                .iter()
                .any(|r| r.eq_ignore_ascii_case(&t.lemma))
    };
    let relative = subjects
        .iter()
        .find(|&&s| relative_pronoun(&toks[s]))
        .filter(|_| {
            checks
                .relative_clause_relations
                .iter()
                .any(|r| *r == toks[c].deprel)
        });
    let head_of_clause = toks[c].head().checked_sub(1).filter(|&h| h < toks.len());
    if let (Some(&pronoun), Some(noun)) = (relative, head_of_clause) {
        // the noun's phrase up to the relative pronoun
        let phrase = (0..pronoun)
            .filter(|&i| within(toks, i, noun) && !within(toks, i, c))
            .filter(|&i| !NOT_IN_PHRASE.contains(&base(&toks[i].deprel)))
            .map(|i| toks[i].span())
            .reduce(|x, y| x.cover(&y))
            .unwrap_or(toks[noun].span());
        return Some(reading(noun, phrase));
    }
    if let Some(&s) = subjects.iter().find(|s| inside.contains(s)) {
        let phrase = inside
            .iter()
            .filter(|&&i| within(toks, i, s))
            .filter(|&&i| !NOT_IN_PHRASE.contains(&base(&toks[i].deprel)))
            .map(|&i| toks[i].span())
            .reduce(|x, y| x.cover(&y))
            .unwrap_or(toks[s].span());
        return Some(reading(s, phrase));
    }
    // words inside the subject's phrase ("influential RNC insiders" of "a
    // handful of influential RNC insiders tell")
    if subjects
        .iter()
        .any(|&s| inside.iter().all(|&i| within(toks, i, s)))
    {
        // a part of it heads a speaker only as a noun, a name, a pronoun or a
        // number ("Another" of "Another man, not seen on camera, then tells")
        return own_head().map(|h| match tagged(&h, &checks.speaker_head_tags) {
            true => reading(h, speaker),
            false => SpeakerReading::NotSpeaker,
        });
    }
    let verb = inside.iter().any(|i| tagged(i, &checks.clause_verb_tags));
    let nominal = inside.iter().any(|i| tagged(i, &checks.speaker_head_tags));
    (!subjects.is_empty() || verb || !nominal).then_some(SpeakerReading::NotSpeaker)
}

/// `span` widened to the whole words at its edges: the parse splits a
/// hyphenated word ("Engineer-turned-science-TV-host"), a phrase does not.
fn whole_words(text: &str, span: Span) -> Span {
    let joins = |c: char| c.is_alphanumeric() || c == '-';
    let start = text[..span.start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| joins(c))
        .last()
        .map_or(span.start, |(i, _)| i);
    let end = text[span.end..]
        .char_indices()
        .take_while(|&(_, c)| joins(c))
        .last()
        .map_or(span.end, |(i, c)| span.end + i + c.len_utf8());
    Span::new(start, end)
}

/// Where the parse finds one claim, the words between the marks that join
/// claims around the word at `i`: a semicolon, or a comma before a
/// coordinating conjunction ("..., and the least recent back-and-forth
/// concerns ..."); `None` where the sentence has no such mark.
fn joined_by_punctuation(toks: &[SyntaxToken], i: usize) -> Option<Vec<Span>> {
    let joins = |k: usize| {
        let t = &toks[k];
        t.upos() == "PUNCT"
            && (JOINING_MARKS.contains(&t.lemma.as_str())
                || (t.lemma == "," && toks.get(k + 1).is_some_and(|n| n.upos() == "CCONJ")))
    };
    let start = (0..i).rev().find(|&k| joins(k)).map_or(0, |k| k + 1);
    let end = (i + 1..toks.len())
        .find(|&k| joins(k))
        .unwrap_or(toks.len());
    if start == 0 && end == toks.len() {
        return None;
    }
    Some(toks[start..end].iter().map(|t| t.span()).collect())
}

/// Marks that join two claims in one sentence, whatever the words around.
const JOINING_MARKS: [&str; 1] = [";"];

/// Relations (UD) of a clause joined to another as a claim of its own: "the
/// race takes place Monday, and the trial's sentencing phase ends Tuesday".
const JOINED_CLAUSES: [&str; 2] = ["conj", "parataxis"];

/// When the sentence holding `span` joins clauses into several claims (its
/// root clause and the clauses joined to it, [`JOINED_CLAUSES`]), the spans of
/// the words of the one claim that holds `span`. `None` for a sentence of one
/// claim, or where the parse says nothing.
pub(super) fn joined_claim(a: &Analysis, span: Span) -> Option<Vec<Span>> {
    let (toks, i) = token_at(a, span, false)?;
    // a clause: a verb, or a word with a copula (found in one pass)
    let mut has_copula = vec![false; toks.len()];
    for t in toks {
        if t.deprel == "cop" {
            if let Some(h) = t.head().checked_sub(1).filter(|&h| h < toks.len()) {
                has_copula[h] = true;
            }
        }
    }
    let is_clause = |n: usize| toks[n].upos() == "VERB" || has_copula[n];
    // the heads of claims: a clause at the root, and clauses joined to one;
    // each word is decided once, after the words above it
    let mut claim: Vec<Option<bool>> = vec![None; toks.len()];
    for n in 0..toks.len() {
        // the chain of words from `n` up to the first one decided (or the root)
        let mut chain = Vec::new();
        let mut at = n;
        while claim[at].is_none() && chain.len() <= toks.len() {
            chain.push(at);
            match toks[at].head().checked_sub(1).filter(|&h| h < toks.len()) {
                Some(h) => at = h,
                None => break,
            }
        }
        for &k in chain.iter().rev() {
            let joined = match toks[k].head().checked_sub(1).filter(|&h| h < toks.len()) {
                None => true,
                Some(h) => {
                    JOINED_CLAUSES.contains(&base(&toks[k].deprel)) && claim[h] == Some(true)
                }
            };
            claim[k] = Some(joined && is_clause(k));
        }
    }
    let claim: Vec<bool> = claim.into_iter().map(|c| c == Some(true)).collect();
    if claim.iter().filter(|&&c| c).count() < 2 {
        return joined_by_punctuation(toks, i);
    }
    // the claim a word belongs to: the first claim head among its ancestors
    let claim_of = |mut n: usize| {
        for _ in 0..=toks.len() {
            if claim[n] {
                return Some(n);
            }
            n = toks[n].head().checked_sub(1).filter(|&h| h < toks.len())?;
        }
        None
    };
    let mine = claim_of(i)?;
    Some(
        (0..toks.len())
            .filter(|&n| claim_of(n) == Some(mine))
            .map(|n| toks[n].span())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens of `text` split at spaces, tagged as given.
    fn tagged(text: &str, tags: &[&'static str]) -> Vec<SyntaxToken> {
        let mut at = 0;
        text.split(' ')
            .zip(tags)
            .map(|(w, &upos)| {
                let start = text[at..].find(w).unwrap() + at;
                at = start + w.len();
                let tag = crate::syntax::tagger::UPOS
                    .iter()
                    .position(|&u| u == upos)
                    .unwrap() as u8;
                SyntaxToken::new(
                    Span::new(start, at),
                    tag,
                    w.to_lowercase().as_str().into(),
                    0,
                    Default::default(),
                )
            })
            .collect()
    }

    #[test]
    fn a_comma_before_a_conjunction_or_a_semicolon_joins_claims() {
        let text = "Police searched the river , and volunteers found him ; he was alive";
        let toks = tagged(
            text,
            &[
                "NOUN", "VERB", "DET", "NOUN", "PUNCT", "CCONJ", "NOUN", "VERB", "PRON", "PUNCT",
                "PRON", "AUX", "ADJ",
            ],
        );
        let words = |spans: Vec<Span>| {
            spans
                .iter()
                .map(|s| s.text(text))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            words(joined_by_punctuation(&toks, 7).unwrap()),
            "and volunteers found him"
        );
        assert_eq!(
            words(joined_by_punctuation(&toks, 12).unwrap()),
            "he was alive"
        );
        assert_eq!(
            words(joined_by_punctuation(&toks, 1).unwrap()),
            "Police searched the river"
        );
        // a comma alone joins no claims
        let text = "Police searched the river , then the woods";
        let toks = tagged(
            text,
            &["NOUN", "VERB", "DET", "NOUN", "PUNCT", "ADV", "DET", "NOUN"],
        );
        assert_eq!(joined_by_punctuation(&toks, 1), None);
    }

    #[test]
    fn whole_words_keeps_hyphenated_words_whole_and_stops_at_punctuation() {
        let text = "Engineer-turned-science-TV-host Bill Nye, who spoke";
        let inner = Span::new(16, 31); // "science-TV-host"
        assert_eq!(
            whole_words(text, inner).text(text),
            "Engineer-turned-science-TV-host"
        );
        let name = Span::new(32, 40); // "Bill Nye"
        assert_eq!(whole_words(text, name).text(text), "Bill Nye");
        let part = Span::new(34, 38); // "ll N"
        assert_eq!(whole_words(text, part).text(text), "Bill Nye");
    }
}
