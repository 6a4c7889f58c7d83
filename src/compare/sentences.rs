//! Sentences: draft sentences no source sentence supports, and novel words in supported ones.

use super::*;

/// The rules this family reports.
pub(super) const RULES: &[RuleId] = &[RuleId::Sentence, RuleId::Word];

/// Whole sentences: unsupported ones (unless a narrower finding of an earlier
/// family explains them), and novel words in a closely supported sentence.
pub(super) fn check(cx: &Ctx, sink: &mut Sink) {
    let th = cx.rules.checks.thresholds.sentence_support;
    // draft sentences that a narrower finding already explains
    let mut explained = vec![false; cx.draft.doc.sentences.len()];
    for f in sink
        .so_far()
        .iter()
        .filter(|f| f.kind != FindingKind::Omission)
    {
        for sp in &f.draft_spans {
            let from = sentence_at(&cx.draft.doc.sentences, sp.start);
            for (k, s) in cx.draft.doc.sentences.iter().enumerate().skip(from) {
                if s.span.start >= sp.end {
                    break;
                }
                explained[k] |= s.span.overlaps(sp);
            }
        }
    }
    let mut found = Vec::new();
    for (di, sent) in cx.draft.doc.sentences.iter().enumerate() {
        if !is_claim_sentence(cx, di) {
            continue;
        }
        let sup = &cx.al.draft_support[di];
        if sup.score < th {
            if explained[di] {
                continue;
            }
            found.push((
                RuleId::Sentence,
                format!(
                    "no source sentence supports this ({:.0}% of its content found)",
                    sup.score * 100.0
                ),
                vec![],
                vec![sent.span],
            ));
        }
    }
    for di in closely_supported(cx) {
        // novel content words of a closely supported sentence, grouped into phrases
        let toks = &cx.draft.claims.tokens[di];
        let mut phrase: Option<Span> = None;
        let mut phrases = Vec::new();
        for t in toks {
            let novel = t.kind() == TokenKind::Word
                && !t.is_capitalized(&cx.draft.doc.text)
                && !cx.words.stop.contains(&t.key)
                && !cx.al.source_has(&t.key.stem())
                && !cx.draft.claims.index.overlaps(t.span())
                && !cx.draft.claims.quantities[di]
                    .iter()
                    .any(|q| q.span.overlaps(&t.span()));
            if novel {
                phrase = Some(phrase.map_or(t.span(), |p| p.cover(&t.span())));
            } else if t.kind() == TokenKind::Punct || !cx.words.stop.contains(&t.key) {
                if let Some(p) = phrase.take() {
                    phrases.push(p);
                }
            }
        }
        phrases.extend(phrase);
        for p in phrases {
            found.push((
                RuleId::Word,
                format!("\"{}\" is not in the source", cx.dt(p)),
                vec![],
                vec![p],
            ));
        }
    }
    sink.push_all(found);
}
