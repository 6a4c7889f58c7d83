//! Pronouns: a pronoun of another gender, or one nothing before it names.

use super::*;

/// The rules this family reports.
pub(super) const RULES: &[RuleId] = &[RuleId::Pronoun, RuleId::DanglingPronoun];

/// A pronoun of another gender in a closely supported sentence, then pronouns
/// that nothing before them names.
pub(super) fn check(cx: &Ctx, sink: &mut Sink) {
    let mut found = Vec::new();
    for di in closely_supported(cx) {
        let sup = &cx.al.draft_support[di];
        if let Some((src, drf)) = pronoun_gender_swap(cx, di, &sup.sentences) {
            found.push((
                RuleId::Pronoun,
                format!(
                    "the source says \"{}\", the draft \"{}\"",
                    cx.st(src),
                    cx.dt(drf)
                ),
                vec![src],
                vec![drf],
            ));
        }
    }
    sink.push_all(found);
    check_dangling_pronoun(cx, sink);
    check_unnamed_pronoun(cx, sink);
}

/// A draft pronoun of one gender group where the supporting source sentences use
/// only another group: (source pronoun span, draft pronoun span).
pub(super) fn pronoun_gender_swap(cx: &Ctx, di: usize, sources: &[usize]) -> Option<(Span, Span)> {
    let groups = &cx.rules.checks.pronoun_genders;
    let group_of = |key: &str| groups.iter().position(|g| g.iter().any(|w| w == key));
    let used = |toks: &[crate::extract::tokens::Token]| -> Vec<(usize, Span)> {
        toks.iter()
            .filter_map(|t| group_of(&t.key).map(|g| (g, t.span())))
            .collect()
    };
    let first_person = &cx.rules.checks.first_person_pronouns;
    if sources.iter().any(|&si| {
        cx.source.claims.tokens[si]
            .iter()
            .any(|t| first_person.iter().any(|p| *p == t.key))
    }) {
        return None;
    }
    let draft = used(&cx.draft.claims.tokens[di]);
    let source: Vec<(usize, Span)> = sources
        .iter()
        .flat_map(|&si| used(&cx.source.claims.tokens[si]))
        .collect();
    let (dg, dspan) = *draft.first()?;
    let (sg, sspan) = *source.first()?;
    let one_group = |v: &[(usize, Span)], g: usize| v.iter().all(|(x, _)| *x == g);
    (dg != sg && one_group(&draft, dg) && one_group(&source, sg)).then_some((sspan, dspan))
}

/// A draft that opens with a pronoun: nothing before it names who is meant
/// (unless its source opens with that pronoun too).
pub(super) fn check_dangling_pronoun(cx: &Ctx, sink: &mut Sink) {
    let opening = |a: &'_ Analysis| a.claims.tokens.first().and_then(|t| t.first()).cloned();
    let Some(first) = opening(cx.draft) else {
        return;
    };
    let source_opens_alike = opening(cx.source).is_some_and(|t| t.key == first.key);
    if is_anaphoric(cx, &first.key) && !source_opens_alike {
        let msg = format!(
            "the draft opens with \"{}\" before naming anyone it could refer to",
            cx.dt(first.span())
        );
        sink.push(RuleId::DanglingPronoun, msg, vec![], vec![first.span()]);
    }
}

/// A draft sentence after the first that opens with a pronoun ("He wanted to stay
/// true to the materials") where the source sentence it restates opens with a
/// person's name the draft has not named before: the pronoun stands for someone
/// the reader was never told of, or for the wrong person.
pub(super) fn check_unnamed_pronoun(cx: &Ctx, sink: &mut Sink) {
    let mut found = Vec::new();
    for (di, toks) in cx.draft.claims.tokens.iter().enumerate().skip(1) {
        let Some(first) = toks.first() else { continue };
        if !is_anaphoric(cx, &first.key) {
            continue;
        }
        let sup = &cx.al.draft_support[di];
        if sup.score < UNNAMED_PRONOUN_SUPPORT {
            continue;
        }
        let Some(&si) = sup.sentences.first() else {
            continue;
        };
        // the person the source sentence opens with (its first or second word
        // starts the name: "Matt Mooney wanted", "Architect Matt Mooney wanted")
        let stoks = &cx.source.claims.tokens[si];
        if stoks.len() < 2 || is_anaphoric(cx, &stoks[0].key) {
            continue;
        }
        let opening_end = stoks[stoks.len().min(UNNAMED_PRONOUN_OPENING) - 1]
            .span()
            .end;
        let opening = cx
            .source
            .claims
            .index
            .within(Span::new(stoks[0].span().start, opening_end))
            .find(|&(m, e)| {
                let se = &cx.source.claims.entities[e];
                // a person by a given name ("Matt Mooney"), not by the shape of
                // its words alone ("NBC San Diego")
                m.start <= stoks[1].span().start
                    && se.kind == EntityKind::Person
                    && se.parts.len() > 1
                    && cx.rules.given_names.contains(&se.parts[0])
            });
        let Some((sm, person)) = opening else {
            continue;
        };
        // named in the draft before this sentence?
        let start = cx.draft.doc.sentences[di].span.start;
        let named_before = cx.draft.claims.entities.iter().enumerate().any(|(e, de)| {
            cx.al.entity_links[e] == Some(person) && de.mentions.iter().any(|m| m.start < start)
        });
        if !named_before {
            found.push((
                RuleId::DanglingPronoun,
                format!(
                    "\"{}\" stands where the source names {}, whom the draft has not named",
                    cx.dt(first.span()),
                    cx.source.claims.entities[person].name
                ),
                vec![sm],
                vec![first.span()],
            ));
        }
    }
    sink.push_all(found);
}

/// Support a draft sentence needs before its opening pronoun is read against the source's.
pub(super) const UNNAMED_PRONOUN_SUPPORT: f64 = 0.5;
/// Tokens at the start of a source sentence where its subject's name stands.
pub(super) const UNNAMED_PRONOUN_OPENING: usize = 4;

/// True when `key` is a pronoun that points back to someone named before
/// (`checks.yaml` `anaphoric_pronouns`).
fn is_anaphoric(cx: &Ctx, key: &str) -> bool {
    cx.rules.checks.anaphoric_pronouns.iter().any(|p| p == key)
}
