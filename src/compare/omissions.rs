//! Omissions: source sentences and people the draft drops, ranked by salience.

use super::*;

/// The rules this family reports.
pub(super) const RULES: &[RuleId] = &[RuleId::Omission, RuleId::OmissionMinor];

/// Source sentences and people the draft drops, ranked by salience.
pub(super) fn check(cx: &Ctx, sink: &mut Sink) {
    // source list items the list family already reported are not omissions again
    let listed: Vec<Span> = sink
        .so_far()
        .iter()
        .filter(|f| matches!(f.rule, RuleId::ListItem | RuleId::ListItemMissing))
        .flat_map(|f| f.source_spans.iter().copied())
        .collect();
    let th = cx.rules.checks.thresholds.omission_support;
    let warn_at = cx.rules.checks.thresholds.omission_warning_salience;
    let n = cx.source.doc.sentences.len().max(1) as f64;
    let mut omitted = vec![false; cx.source.doc.sentences.len()];
    // the people of the headline and first paragraph: the article's main actors
    let lead_blocks = cx
        .source
        .doc
        .blocks
        .iter()
        .position(|b| b.kind == BlockKind::Paragraph)
        .map_or(0, |p| p + 1);
    let lead_people: HashSet<usize> = cx
        .source
        .doc
        .sentences
        .iter()
        .filter(|s| s.block < lead_blocks)
        .flat_map(|s| cx.source.claims.index.within(s.span))
        .map(|(_, e)| e)
        .filter(|&e| cx.source.claims.entities[e].kind == EntityKind::Person)
        .collect();
    let mut found = Vec::new();
    // omitted sentences of low salience, with their paragraph, in text order
    let mut minor: Vec<(usize, Span)> = Vec::new();
    // omitted sentences of high salience, with their salience
    let mut salient: Vec<(f64, usize)> = Vec::new();
    for (si, sent) in cx.source.doc.sentences.iter().enumerate() {
        let kind = cx.source.doc.blocks[sent.block].kind;
        if kind == BlockKind::Heading
            || kind == BlockKind::Title
            || cx.al.source_features[si].len() < 3
        {
            continue;
        }
        if cx.al.source_support[si].score >= th || listed.iter().any(|l| sent.span.contains(l)) {
            continue;
        }
        omitted[si] = true;
        let text = sent.span.text(&cx.source.doc.text);
        let toks = &cx.source.claims.tokens[si];
        let has_lead_person = cx
            .source
            .claims
            .index
            .within(sent.span)
            .any(|(_, e)| lead_people.contains(&e));
        let has_quote = text.contains(['“', '"']);
        let has_number = cx.source.claims.quantities[si].iter().any(|q| {
            matches!(
                q.kind,
                QuantityKind::Number
                    | QuantityKind::Count
                    | QuantityKind::Money
                    | QuantityKind::Percent
                    | QuantityKind::Duration
            )
        });
        let has_demand = toks.iter().any(|t| cx.words.demand.contains(&t.key));
        // (attributions come in sentence order)
        let attributions = &cx.source.claims.attributions;
        let attributed = attributions
            .get(attributions.partition_point(|a| a.sentence < si))
            .is_some_and(|a| a.sentence == si);
        let w = &cx.rules.checks.salience;
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        let salience = w.position * (1.0 - si as f64 / n)
            + w.lead_person * flag(has_lead_person)
            + w.quote * flag(has_quote)
            + w.number * flag(has_number)
            + w.demand * flag(has_demand)
            + w.attribution * flag(attributed);
        if salience >= warn_at {
            // a salient sentence the draft states in fewer words is no
            // omission (parsed only for these: the minor ones are listed as
            // such); its people still count as dropped when the draft never
            // names them, as a compressed claim may leave them out
            if stated_in_frames(cx, si) {
                continue;
            }
            salient.push((salience, si));
        } else {
            minor.push((sent.block, sent.span));
        }
    }
    // the most salient ones one by one, in text order; the rest as one finding
    salient.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let listed_max = cx.rules.checks.thresholds.omissions_listed;
    let rest: Vec<usize> = salient.iter().skip(listed_max).map(|&(_, si)| si).collect();
    let mut one_by_one: Vec<usize> = salient.iter().take(listed_max).map(|&(_, si)| si).collect();
    one_by_one.sort_unstable();
    for si in one_by_one {
        let span = cx.source.doc.sentences[si].span;
        found.push((
            RuleId::Omission,
            format!(
                "the draft drops: \"{}\"",
                short(span.text(&cx.source.doc.text), 70)
            ),
            vec![span],
            vec![],
        ));
    }
    if !rest.is_empty() {
        let mut spans: Vec<Span> = rest
            .iter()
            .map(|&si| cx.source.doc.sentences[si].span)
            .collect();
        spans.sort_by_key(|s| s.start);
        found.push((
            RuleId::Omission,
            format!(
                "the draft drops {} more salient sentences, less salient than those listed: \"{}\" …",
                spans.len(),
                short(spans[0].text(&cx.source.doc.text), 70)
            ),
            spans,
            vec![],
        ));
    }
    // the minor ones: one finding per paragraph, its dropped sentences as spans
    for run in minor.chunk_by(|a, b| a.0 == b.0) {
        let spans: Vec<Span> = run.iter().map(|(_, s)| *s).collect();
        let first = short(spans[0].text(&cx.source.doc.text), 70);
        let message = match spans.len() {
            1 => format!("the draft drops: \"{first}\""),
            n => format!("the draft drops {n} sentences of a paragraph: \"{first}\" …"),
        };
        found.push((RuleId::OmissionMinor, message, spans, vec![]));
    }
    // people named in a kept sentence whom the draft never names
    let linked: HashSet<usize> = cx.al.entity_links.iter().flatten().copied().collect();
    for (i, e) in cx.source.claims.entities.iter().enumerate() {
        if e.kind != EntityKind::Person || linked.contains(&i) {
            continue;
        }
        let all_omitted = e.mentions.iter().all(|m| {
            let si = sentence_at(&cx.source.doc.sentences, m.start);
            cx.source.doc.sentences.get(si).is_some_and(|s| {
                s.span.contains(m)
                    && (omitted[si] || cx.source.doc.blocks[s.block].kind == BlockKind::Title)
            })
        });
        if !all_omitted {
            found.push((
                RuleId::Omission,
                format!("the draft never mentions {}", e.name),
                e.mentions.clone(),
                vec![],
            ));
        }
    }
    sink.push_all(found);
}

/// True when a draft sentence that best supports source sentence `si` states
/// one of its claims in other words: a clause of each with the same predicate
/// (by stem) and a core participant alike, or with two participants alike
/// ("Hawking has partnered with the silly lads of Monty Python to recreate the
/// signature Galaxy Song" / "Hawking and Monty Python recreate Galaxy Song").
/// A summary that compresses a sentence has not dropped its claim. The two
/// clauses agree in polarity, and the draft sentence restates no other source
/// sentence (`thresholds.alignment.restated`), which it would stand for
/// instead. Only sentences whose support reaches
/// `thresholds.omission_frame_support` are parsed for this.
fn stated_in_frames(cx: &Ctx, si: usize) -> bool {
    let sup = &cx.al.source_support[si];
    if sup.score < cx.rules.checks.thresholds.omission_frame_support {
        return false;
    }
    let words = crate::extract::frames::FrameWords::from_rules(cx.rules);
    let source_frames = cx.source.frames(si, &words);
    // a draft sentence that restates another source sentence stands for that one
    let restated = cx.rules.checks.thresholds.alignment.restated;
    let restates_another = |di: usize| {
        let own = &cx.al.draft_support[di];
        own.score >= restated && !own.sentences.contains(&si)
    };
    sup.sentences
        .iter()
        .filter(|&&di| !restates_another(di))
        .any(|&di| {
            let draft_frames = cx.draft.frames(di, &words);
            source_frames.iter().any(|s| {
                draft_frames
                    .iter()
                    .any(|d| s.negated == d.negated && super::frame_align::frames_align(cx, s, d))
            })
        })
}

#[cfg(test)]
mod tests {
    use crate::{ingest::Format, Engine, Rules};

    #[test]
    fn minor_omissions_of_one_paragraph_are_one_finding() {
        let engine = Engine::new(Rules::builtin().unwrap());
        let source = "The council approved the harbour budget on Monday after a long debate.\n\n\
                      Gulls circled the quay while the fishermen mended their nets. \
                      A brass band played old songs near the ferry terminal. \
                      Tourists bought ice cream from a van parked by the lighthouse.\n\n\
                      Rain fell over the hills behind the town until late evening.\n";
        let draft = "The council approved the harbour budget on Monday after a long debate.\n";
        let s = engine
            .analyze("s.txt", source.into(), Format::Text)
            .unwrap();
        let d = engine.analyze("d.txt", draft.into(), Format::Text).unwrap();
        let report = engine.compare(&s, &d);
        let minor: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.rule == crate::model::RuleId::OmissionMinor)
            .collect();
        // the three sentences of the second paragraph are one finding, the
        // fourth paragraph's sentence another
        assert_eq!(minor.len(), 2, "{minor:#?}");
        assert_eq!(minor[0].source_spans.len(), 3, "{minor:#?}");
        assert!(minor[0].message.contains("3 sentences of a paragraph"));
        assert_eq!(minor[1].source_spans.len(), 1);
    }

    #[test]
    fn salient_omissions_past_the_cap_are_one_finding() {
        let engine = Engine::new(Rules::builtin().unwrap());
        // fifteen dropped sentences, each with a quotation and a number
        let mut source = String::from(
            "The council approved the harbour budget on Monday after a long debate.\n\n",
        );
        for i in 1..=15 {
            source.push_str(&format!(
                "\"We need {i} new berths for the ferries,\" said harbour master Anne Holt in speech {i}.\n\n"
            ));
        }
        let draft = "The council approved the harbour budget on Monday after a long debate.\n";
        let s = engine.analyze("s.txt", source, Format::Text).unwrap();
        let d = engine.analyze("d.txt", draft.into(), Format::Text).unwrap();
        let report = engine.compare(&s, &d);
        let dropped: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.rule == crate::model::RuleId::Omission && f.message.contains("drops"))
            .collect();
        let listed = Rules::builtin().unwrap().checks.thresholds.omissions_listed;
        assert_eq!(dropped.len(), listed + 1, "{dropped:#?}");
        let rest = dropped
            .iter()
            .find(|f| f.message.contains("more salient sentences"))
            .expect("one finding for the rest");
        // the rest are other sentences than the listed ones
        assert!(!rest.source_spans.is_empty());
        assert!(dropped
            .iter()
            .filter(|f| f.source_spans.len() == 1)
            .all(|f| !rest.source_spans.contains(&f.source_spans[0])));
    }

    #[test]
    fn a_claim_the_draft_states_in_fewer_words_is_not_dropped() {
        let engine = Engine::new(Rules::builtin().unwrap());
        let source = "Senator Anne Holt said on Monday that the council would build 12 new \
                      berths for the ferries at the old harbour before the summer season.\n\n\
                      Gulls circled the quay while the fishermen mended their nets.\n";
        let dropped = |draft: &str| {
            let s = engine
                .analyze("s.txt", source.into(), Format::Text)
                .unwrap();
            let d = engine.analyze("d.txt", draft.into(), Format::Text).unwrap();
            engine.compare(&s, &d).findings.iter().any(|f| {
                f.rule == crate::model::RuleId::Omission && f.message.contains("drops: \"Senator")
            })
        };
        // the same predicate and a participant alike: the claim is there
        assert!(!dropped(
            "The council will build berths for ferries, Holt said.\n"
        ));
        // the speaker alone, with another statement: the claim is dropped
        assert!(dropped("Holt said the gulls were noisy on Monday.\n"));
    }
}
