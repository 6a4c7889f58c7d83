//! When two claim frames are one claim, and who their participants are: a
//! participant is known by the entity named at its head (a draft entity by the
//! source entity it links to) or by its head's lemma. The role check and the
//! omission check read frames through these (issue 20).

use super::*;
use crate::extract::frames::Frame;
use crate::syntax::SyntaxToken;

/// Who a participant is: a linked entity's key, or its head word's lemma.
pub(super) type Who = String;

/// True when source frame `s` and draft frame `d` make one claim: the same
/// predicate (by stem; not a reporting verb, whose speaker alone is any of
/// their statements) with a participant alike, or two participants alike,
/// participants known by linked entity or head lemma (pronouns left out).
pub(super) fn frames_align(cx: &Ctx, s: &Frame, d: &Frame) -> bool {
    let whos = |a: &Analysis, f: &Frame, draft: bool| -> Vec<Who> {
        let toks = a.syntax(f.sentence);
        let mut out: Vec<Who> = f
            .participants
            .iter()
            .filter_map(|p| who(cx, a, toks, p.head, p.span, draft))
            .collect();
        out.sort();
        out.dedup();
        out
    };
    let (theirs, mine) = (whos(cx.source, s, false), whos(cx.draft, d, true));
    let alike = mine.iter().filter(|w| theirs.contains(w)).count();
    let (lemma, their_lemma) = (
        d.lemma.as_str().to_lowercase(),
        s.lemma.as_str().to_lowercase(),
    );
    // a reporting verb with its speaker alike is any statement of that
    // speaker ("Bruning said"): one claim only with more alike
    let reporting = cx.rules.attribution.verbs.contains(&lemma);
    let same_predicate = stem(&their_lemma) == stem(&lemma) && !reporting;
    alike >= 2 || (same_predicate && alike >= 1)
}

/// Who the participant with head word `head` is: the key of the entity named
/// at its head (a draft entity by the source entity it links to), else the
/// head's lemma. `None` for a pronoun, which names no one by itself.
pub(super) fn who(
    cx: &Ctx,
    a: &Analysis,
    toks: &[SyntaxToken],
    head: Span,
    phrase: Span,
    draft: bool,
) -> Option<Who> {
    let h = toks.iter().position(|t| t.span() == head)?;
    let t = &toks[h];
    if t.upos() == "PRON" {
        return None;
    }
    // the head and the words of one name with it ("Senator Smith": Smith is
    // flat on Senator)
    let name_words: Vec<Span> = std::iter::once(head)
        .chain(
            toks.iter()
                .filter(|c| c.head() == h + 1)
                .filter(|c| matches!(super::clauses::base(&c.deprel), "flat" | "compound"))
                .map(|c| c.span()),
        )
        .collect();
    let entity = a
        .claims
        .index
        .within(phrase)
        .find(|(m, _)| name_words.iter().any(|w| m.overlaps(w)))
        .map(|(_, e)| e);
    Some(match entity {
        Some(e) if draft => format!("@{}", cx.draft_entity_key(e)),
        Some(e) => format!("@{}", cx.source.claims.entities[e].key),
        None => t.lemma.as_str().to_lowercase(),
    })
}
