//! Roles: the draft gives a claim's two participants each other's part ("the
//! Giants beat the Jets" against the source's "the Jets beat the Giants").
//! Two clauses are one claim here when they share the predicate (by stem) and
//! both core participants; the contradiction is that who acts and who is acted
//! on trade places (issue 20).

use super::frame_align::{who, Who};
use super::*;
use crate::extract::frames::{Frame, FrameWords};
use crate::syntax::SyntaxToken;

/// The rules this family reports.
pub(super) const RULES: &[RuleId] = &[RuleId::RoleSwap];

/// The acting and the acted-on participant of a clause, voice undone: the
/// subject and object of an active clause, the "by" oblique and the subject
/// of a passive one.
struct Roles {
    predicate: Span,
    /// The predicate's stem.
    stem: String,
    negated: bool,
    agent: Side,
    patient: Side,
}

/// One participant of [`Roles`].
struct Side {
    who: Who,
    /// Its head word.
    head: Span,
    /// Its whole phrase.
    phrase: Span,
}

/// Draft clauses whose agent and patient are the patient and agent of a
/// supporting source sentence's clause of the same predicate, where no source
/// clause of that predicate naming both has them the draft's way round.
pub(super) fn check(cx: &Ctx, sink: &mut Sink) {
    let words = FrameWords::from_rules(cx.rules);
    let reciprocal: Vec<String> = cx
        .rules
        .checks
        .reciprocal_predicates
        .iter()
        .map(|r| stem(r))
        .collect();
    let mut found = Vec::new();
    for di in closely_supported(cx) {
        let supporting: Vec<usize> = cx.al.draft_support[di]
            .sentences
            .iter()
            .copied()
            .filter(|&si| may_trade_places(cx, di, si))
            .collect();
        if supporting.is_empty() {
            continue;
        }
        let draft_roles: Vec<Roles> = roles_of(cx, cx.draft, di, &words, true)
            .into_iter()
            .filter(|d| !reciprocal.contains(&d.stem))
            .collect();
        if draft_roles.is_empty() {
            continue;
        }
        let source_roles: Vec<Roles> = supporting
            .iter()
            .flat_map(|&si| roles_of(cx, cx.source, si, &words, false))
            .collect();
        let same = |d: &Roles, s: &Roles| s.stem == d.stem && s.negated == d.negated;
        let swaps: Vec<(&Roles, &Roles)> = draft_roles
            .iter()
            .filter_map(|d| {
                let s = source_roles.iter().find(|s| {
                    same(d, s) && s.agent.who == d.patient.who && s.patient.who == d.agent.who
                })?;
                Some((s, d))
            })
            .collect();
        if swaps.is_empty() {
            continue;
        }
        // any source sentence naming both may state it the draft's way round
        let naming: Vec<Roles> = naming_sentences(cx, di, &draft_roles)
            .into_iter()
            .flat_map(|si| roles_of(cx, cx.source, si, &words, false))
            .collect();
        for (s, d) in swaps {
            let stated_so = naming.iter().any(|n| {
                same(d, n) && n.agent.who == d.agent.who && n.patient.who == d.patient.who
            });
            if stated_so {
                continue;
            }
            let clause = |r: &Roles| r.predicate.cover(&r.agent.phrase).cover(&r.patient.phrase);
            let message = format!(
                "the source says \"{}\", the draft gives its two participants each other's part: \"{}\"",
                short(cx.st(clause(s)), 90),
                short(cx.dt(clause(d)), 90)
            );
            found.push((
                RuleId::RoleSwap,
                message,
                vec![s.predicate],
                vec![d.predicate],
            ));
        }
    }
    sink.push_all(found);
}

/// Whether draft sentence `di` and source sentence `si` may state one claim
/// with its participants traded, read from their words alone so that only
/// such sentences are parsed: two words they share trade sides of a third
/// ("the Giants beat the Jets" / "the Jets beat the Giants"), or keep their
/// order with a passive agent marker (`passive_agent_markers`) between them
/// on one side only ("the Giants beat the Jets" / "the Giants were beaten by
/// the Jets").
fn may_trade_places(cx: &Ctx, di: usize, si: usize) -> bool {
    let markers = &cx.rules.checks.passive_agent_markers;
    let draft_toks = &cx.draft.claims.tokens[di];
    let source_toks = &cx.source.claims.tokens[si];
    let content = |toks: &[crate::extract::tokens::Token]| -> Vec<(usize, crate::key::Key)> {
        toks.iter()
            .enumerate()
            .filter(|(_, t)| t.kind() == TokenKind::Word && !cx.words.stop.contains(&t.key))
            .map(|(k, t)| (k, t.key.stem()))
            .collect()
    };
    let source_stems = content(source_toks);
    // (draft position, source position) of each shared word, in draft order
    let mut shared: Vec<(usize, usize)> = Vec::new();
    for (dk, d) in content(draft_toks) {
        if let Some(&(sk, _)) = source_stems.iter().find(|(_, s)| *s == d) {
            if !shared.iter().any(|&(_, k)| k == sk) {
                shared.push((dk, sk));
            }
        }
    }
    // how many agent markers stand before each position of a sentence
    let markers_before = |toks: &[crate::extract::tokens::Token]| -> Vec<usize> {
        let mut counts = vec![0];
        for t in toks {
            counts.push(
                counts.last().unwrap_or(&0) + usize::from(markers.iter().any(|m| *m == t.key)),
            );
        }
        counts
    };
    let (draft_marks, source_marks) = (markers_before(draft_toks), markers_before(source_toks));
    let marked_between = |marks: &[usize], a: usize, b: usize| marks[b] > marks[a + 1];
    // a word both have (their predicate, a content word or not: "told")
    // with a shared word before it in the draft that follows it in the
    // source, and one after it that precedes it
    let source_first = |key: &str| source_toks.iter().position(|u| u.key == key);
    let mut before_max = vec![None; draft_toks.len() + 1];
    for &(d, s) in &shared {
        before_max[d + 1] = Some(s);
    }
    for d in 1..before_max.len() {
        before_max[d] = before_max[d].max(before_max[d - 1]);
    }
    let mut after_min = vec![usize::MAX; draft_toks.len() + 1];
    for &(d, s) in &shared {
        after_min[d] = s;
    }
    for d in (0..draft_toks.len()).rev() {
        after_min[d] = after_min[d].min(after_min[d + 1]);
    }
    let traded = draft_toks.iter().enumerate().any(|(m, t)| {
        source_first(&t.key)
            .is_some_and(|sv| before_max[m].is_some_and(|s| s > sv) && after_min[m + 1] < sv)
    });
    // two shared words in the same order, an agent marker between them on one
    // side only (the predicate may be inflected past its stem: "beat"/"beaten")
    let kept = shared.iter().enumerate().any(|(m, &(dx, sx))| {
        shared[m + 1..].iter().any(|&(dy, sy)| {
            sy > sx && marked_between(&draft_marks, dx, dy) != marked_between(&source_marks, sx, sy)
        })
    });
    traded || kept
}

/// Source sentences looked at for one draft sentence beyond those that
/// support it: a repeated pair of words costs no more than this.
const NAMING_SENTENCES_MAX: usize = 16;

/// The sentences supporting draft sentence `di`, and the source sentences
/// that hold the head words of both participants of one of `draft_roles` (at
/// most [`NAMING_SENTENCES_MAX`] of those with the rarer head word), in text
/// order.
fn naming_sentences(cx: &Ctx, di: usize, draft_roles: &[Roles]) -> Vec<usize> {
    let index = cx.source_words();
    let head_key = |head: Span| -> Option<&str> {
        cx.draft.claims.tokens[di]
            .iter()
            .find(|t| t.span().overlaps(&head))
            .map(|t| t.key.as_str())
    };
    let mut out = cx.al.draft_support[di].sentences.clone();
    for r in draft_roles {
        let (Some(a), Some(p)) = (head_key(r.agent.head), head_key(r.patient.head)) else {
            continue;
        };
        let (rare, other) = match index.occurrences(a) <= index.occurrences(p) {
            true => (a, p),
            false => (p, a),
        };
        for (si, _) in index.positions(rare).take(NAMING_SENTENCES_MAX) {
            if cx.source.claims.tokens[si].iter().any(|t| t.key == other) {
                out.push(si);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The clauses of sentence `k` of `a` with both an agent and a patient that
/// are no pronouns. `draft` says which side `a` is, so that a draft entity is
/// known by the source entity it links to.
fn roles_of(cx: &Ctx, a: &Analysis, k: usize, words: &FrameWords, draft: bool) -> Vec<Roles> {
    let toks = a.syntax(k);
    a.frames(k, words)
        .iter()
        .filter_map(|f| {
            let passive = is_passive(toks, f.predicate);
            let (agent, patient) =
                agent_and_patient(f, passive, &cx.rules.checks.passive_agent_markers)?;
            let side = |(head, phrase): (Span, Span)| {
                Some(Side {
                    who: who(cx, a, toks, head, phrase, draft)?,
                    head,
                    phrase,
                })
            };
            Some(Roles {
                predicate: f.predicate,
                stem: stem(&f.lemma.as_str().to_lowercase()),
                negated: f.negated,
                agent: side(agent)?,
                patient: side(patient)?,
            })
        })
        .collect()
}

/// True when the predicate at `predicate` is passive: a passive auxiliary
/// ("were beaten") or a passive subject depends on it.
fn is_passive(toks: &[SyntaxToken], predicate: Span) -> bool {
    let Some(p) = toks.iter().position(|t| t.span() == predicate) else {
        return false;
    };
    toks.iter()
        .any(|t| t.head() == p + 1 && matches!(t.deprel.as_str(), "aux:pass" | "nsubj:pass"))
}

/// (head, phrase) of the agent and of the patient of a frame, voice undone:
/// an active clause's subject acts on its object, or on its indirect object
/// when it has none ("Smith told Jones that ..."); a passive clause's subject
/// is acted on, and its oblique that an agent marker opens (one of
/// `markers`: "by the Jets") acts.
fn agent_and_patient(
    f: &Frame,
    passive: bool,
    markers: &[String],
) -> Option<((Span, Span), (Span, Span))> {
    let find = |test: &dyn Fn(&str) -> bool| {
        f.participants
            .iter()
            .find(|p| test(&p.role))
            .map(|p| (p.head, p.span))
    };
    let agent_marked = |role: &str| {
        role.strip_prefix("obl:")
            .is_some_and(|m| markers.iter().any(|x| x == m))
    };
    match passive {
        true => Some((
            find(&agent_marked)?,
            find(&|r| matches!(r, "nsubj:pass" | "nsubj"))?,
        )),
        false => Some((
            find(&|r| r == "nsubj")?,
            find(&|r| r == "obj").or_else(|| find(&|r| r == "iobj"))?,
        )),
    }
}
