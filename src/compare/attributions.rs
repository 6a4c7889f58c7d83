//! Attributions: a statement given to another speaker, or to a speaker the source never cites.

use super::clauses::SpeakerReading;
use super::*;

/// The rules this family reports.
pub(super) const RULES: &[RuleId] = &[RuleId::Speaker, RuleId::Attribution];

/// Attributions: a speaker the source never cites, or a statement given to another speaker.
/// Source attributions of one sentence a draft attribution is compared with at
/// most: far more than a sentence of news text holds, few enough that a line of
/// thousands of cues costs linear time.
const ATTRIBUTIONS_NEAR: usize = 64;

pub(super) fn check(cx: &Ctx, sink: &mut Sink) {
    let text = &cx.draft.doc.text;
    let source_speakers: Vec<String> = cx
        .source
        .claims
        .attributions
        .iter()
        .filter_map(|a| a.speaker)
        .map(|s| s.text(&cx.source.doc.text).to_lowercase())
        .collect();
    // the features of each source attribution's content, read when a draft
    // attribution near it first asks (most are never compared)
    let source_content: Vec<std::cell::OnceCell<Vec<String>>> = cx
        .source
        .claims
        .attributions
        .iter()
        .map(|_| std::cell::OnceCell::new())
        .collect();
    let content_of = |k: usize| {
        source_content[k].get_or_init(|| {
            let content = cx.source.claims.attributions[k].content;
            cx.item_features(cx.source, content, false)
        })
    };
    // the stems of every word of the source's speakers, and the draft spans of
    // the entity findings so far, sorted: each looked up once per attribution
    let cited_heads: HashSet<String> = source_speakers
        .iter()
        .flat_map(|s| s.split_whitespace().map(stem))
        .collect();
    let mut entity_spans: Vec<Span> = sink
        .so_far()
        .iter()
        .filter(|f| f.rule == RuleId::Entity)
        .flat_map(|f| f.draft_spans.iter().copied())
        .collect();
    entity_spans.sort_unstable();
    // draft speakers of quotations `quote-speaker` reports: reported once
    let quote_speakers: Vec<Span> = sink
        .so_far()
        .iter()
        .filter(|f| f.rule == RuleId::QuoteSpeaker)
        .filter_map(|f| f.draft_spans.first().copied())
        .collect();
    let longest_entity_span = entity_spans
        .iter()
        .map(|d| d.end - d.start)
        .max()
        .unwrap_or(0);
    let mut found = Vec::new();
    // the source's people by each part of their names, built when a draft
    // speaker is named by one word
    let persons_by_part = std::cell::OnceCell::new();
    // a cue only the learned model proposes is too uncertain to flag a draft on
    let drafts = &cx.draft.claims.attributions;
    for (ak, a) in drafts.iter().enumerate().filter(|(_, a)| !a.learned) {
        let Some(sp) = a.speaker else { continue };
        // its place among its sentence's attributions
        let rank = ak - drafts.partition_point(|x| x.sentence < a.sentence);
        let d_content = cx.item_features(cx.draft, a.content, true);
        let d_ent = a
            .speaker_entity
            .as_ref()
            .and_then(|id| cx.draft.claims.entity_index(id));
        let d_src_ent = d_ent.and_then(|i| cx.al.entity_links[i]);
        // source attributions saying much the same thing, among the sentences
        // that support this one (bounded: never all pairs of attributions)
        let near: HashSet<usize> = [
            &cx.al.draft_support[a.sentence],
            &cx.al.draft_wording_support[a.sentence],
        ]
        .into_iter()
        .flat_map(|s| s.sentences.iter().copied())
        .collect();
        let mut near: Vec<usize> = near.into_iter().collect();
        near.sort_unstable();
        let attrs = &cx.source.claims.attributions;
        let close: Vec<&crate::extract::attributions::Attribution> = near
            .iter()
            .flat_map(|&si| {
                let from = attrs.partition_point(|x| x.sentence < si);
                let to = attrs.partition_point(|x| x.sentence <= si);
                // a sentence of very many attributions: those around the same place
                let start = (from + rank.saturating_sub(ATTRIBUTIONS_NEAR / 2))
                    .min(to.saturating_sub(ATTRIBUTIONS_NEAR))
                    .max(from);
                start..to.min(start + ATTRIBUTIONS_NEAR)
            })
            .filter(|&k| cx.similarity(&d_content, content_of(k)) >= 0.6)
            .map(|k| &attrs[k])
            .collect();
        let src_ent_of = |s: &crate::extract::attributions::Attribution| {
            s.speaker_entity
                .as_ref()
                .and_then(|id| cx.source.claims.entity_index(id))
        };
        let is_pronoun = |t: &str| cx.is_pronoun(t, true);
        // a draft speaker named by a pronoun rests on a guess at who "she" is (the
        // source's "he" resolved to a named person is evidence enough), and a name
        // sharing a word with the source's ("Clinton", "Mrs. Clinton") may be the
        // same person: no contradiction to report
        let draft_words = name_words(sp.text(text));
        // a bare name may stand for any source person who has it ("Clinton" where
        // the source has Bill and Hillary Clinton)
        let namesakes: &[usize] = match &draft_words[..] {
            [word] => persons_by_part
                .get_or_init(|| {
                    let mut by_part: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
                    for (e, ent) in cx.source.claims.entities.iter().enumerate() {
                        if ent.kind == EntityKind::Person {
                            for part in &ent.parts {
                                by_part.entry(part.as_str()).or_default().push(e);
                            }
                        }
                    }
                    by_part
                })
                .get(word.as_str())
                .map_or(&[], Vec::as_slice),
            _ => &[],
        };
        // a news outlet reporting a statement ("according to the Times") is no
        // other speaker than the person it quotes
        let outlet = |name: &str| {
            name_words(name)
                .last()
                .is_some_and(|w| cx.rules.entities.news_outlet_words.contains(w))
        };
        let named_speaker = |s: &&crate::extract::attributions::Attribution| {
            !is_pronoun(sp.text(text))
                && !outlet(sp.text(text))
                && !s
                    .speaker
                    .is_some_and(|x| outlet(x.text(&cx.source.doc.text)))
                && !is_possessor(text, sp)
                && !src_ent_of(s).is_some_and(|e| namesakes.contains(&e))
                && s.speaker
                    .is_some_and(|x| !share_a_word(sp.text(text), x.text(&cx.source.doc.text)))
        };
        if let Some(de) = d_src_ent {
            let speakers: Vec<usize> = close.iter().filter_map(|s| src_ent_of(s)).collect();
            // a source speaker named by a pronoun may stand for the draft's person
            // when the source names that person just before it (in its sentence or
            // the [`PRONOUN_REACH`] before), outside a quotation: "Lis Smith ...
            // said, 'Mitt Romney's ad is dishonest.' The savings, she said, ..."
            // may be Smith's words, not Romney's
            let may_be_drafts = |s: &&crate::extract::attributions::Attribution| {
                s.speaker.is_some_and(|x| {
                    let first = s.sentence.saturating_sub(PRONOUN_REACH);
                    let from = cx.source.doc.sentences[first].span.start;
                    let quoted = |m: &Span| {
                        attrs[attrs.partition_point(|a| a.sentence < first)..]
                            .iter()
                            .take_while(|a| a.sentence <= s.sentence)
                            .any(|a| a.direct && a.content.contains(m))
                    };
                    is_pronoun(x.text(&cx.source.doc.text))
                        && cx.source.claims.entities[de]
                            .mentions
                            .iter()
                            .any(|m| m.start >= from && m.end <= x.start && !quoted(m))
                })
            };
            // the draft's person named inside the source's speaker phrase, right
            // after the words taken for its speaker: "White House press secretary
            // Sarah Huckabee Sanders, traveling with the president, told
            // reporters" is Sanders speaking, not the White House
            let drafts_in_phrase = |s: &&crate::extract::attributions::Attribution| {
                s.speaker.is_some_and(|x| {
                    let stext = &cx.source.doc.text;
                    cx.source.claims.entities[de].mentions.iter().any(|m| {
                        // inside the speaker's noun phrase: no comma between
                        // ("Becerra, who has sued the Trump administration,
                        // said" is not Trump speaking)
                        m.start >= x.end
                            && m.end <= s.cue.start
                            && !stext[x.end..m.start].contains(',')
                    })
                })
            };
            let other = close
                .iter()
                .find(|s| src_ent_of(s).is_some() && named_speaker(s) && !may_be_drafts(s));
            let speaks_there = speakers.contains(&de) || close.iter().any(drafts_in_phrase);
            let quoted = quote_speakers.iter().any(|q| q.overlaps(&sp));
            if let (false, Some(s), false) = (speaks_there, other, quoted) {
                found.push((
                    RuleId::Speaker,
                    format!(
                        "statement attributed to {} in the draft but to {} in the source",
                        sp.text(text),
                        s.speaker
                            .map_or("nobody".into(), |x| x.text(&cx.source.doc.text).to_string())
                    ),
                    s.speaker.into_iter().collect(),
                    vec![sp],
                ));
                continue;
            }
        }
        if d_src_ent.is_some() {
            continue;
        }
        // a descriptor speaker ("a senior U.S. official"): its head noun must be cited in the source
        let head = sp
            .text(text)
            .split_whitespace()
            .last()
            .map(|w| stem(&w.to_lowercase()))
            .unwrap_or_default();
        let cited = cited_heads.contains(&head);
        let pronoun = is_pronoun(sp.text(text));
        // a speaker phrase that reads like a clause ("finally started", "they'll head
        // to Canada in June") is an extraction slip, not a source to check
        let words: Vec<&str> = sp.text(text).split_whitespace().collect();
        let clause_like = words.len() > 6
            || sp.text(text).contains(['"', '\u{201c}', '\u{201d}'])
            || words.last().is_some_and(|w| {
                !w.starts_with(char::is_uppercase) && (w.ends_with("ed") || w.ends_with("ing"))
            });
        // a speaker the entity check already reports needs no second finding
        let reported_at = |sp: Span| {
            let k = entity_spans.partition_point(|d| d.start < sp.start);
            // spans are sorted by start and may nest: look back over those starting
            // before, within the longest's reach
            entity_spans[k..]
                .iter()
                .take_while(|d| d.start < sp.end)
                .any(|d| d.overlaps(&sp))
                || entity_spans[..k]
                    .iter()
                    .rev()
                    .take_while(|d| d.start + longest_entity_span > sp.start)
                    .any(|d| d.overlaps(&sp))
        };
        let reported = reported_at(sp);
        // a verb that reports only with a complement ("continued", "called") is a
        // weak cue: its subject may be no speaker at all ("the conflict has continued")
        let weak_cue = cx
            .rules
            .attribution
            .needs_complement
            .iter()
            .any(|v| v.eq_ignore_ascii_case(a.cue.text(text)));
        if !cited && !pronoun && !clause_like && !reported && !weak_cue && !cx.al.source_has(&head)
        {
            // the parse may read the words otherwise: another subject, a
            // relative pronoun standing for a noun named before, or the part
            // of them its subject heads ("the FBI" of "the FBI hasn't")
            let sp = match clauses::speaker_reading(cx.rules, cx.draft, a.cue, sp) {
                Some(SpeakerReading::NotSpeaker) => continue,
                Some(SpeakerReading::Subject {
                    head,
                    pronoun,
                    phrase,
                }) => {
                    let head = stem(&head.text(text).to_lowercase());
                    if pronoun
                        || reported_at(phrase)
                        || cited_heads.contains(&head)
                        || is_pronoun(phrase.text(text))
                        || cx.al.source_has(&head)
                    {
                        continue;
                    }
                    phrase
                }
                None => sp,
            };
            found.push((
                RuleId::Attribution,
                format!("the source cites no \"{}\"", sp.text(text)),
                vec![],
                vec![sp],
            ));
        }
    }
    sink.push_all(found);
}

/// Sentences before a pronoun speaker's own in which a name it may stand for
/// is looked for.
const PRONOUN_REACH: usize = 2;
