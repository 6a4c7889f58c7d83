//! Attributions (who said what): speaker, cue, addressee, content, direct or
//! indirect, from the reporting lexicon of `rules/attribution.yaml`.

use super::entities::{Entity, EntityKind, MentionIndex};
use super::tokens::{Token, TokenKind};
use crate::rules::Rules;
use crate::span::Span;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// One attributed statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// Who is cited: the speaker's words in this sentence (a pronoun included).
    pub speaker: Option<Span>,
    /// The entity the speaker resolves to, where one does.
    pub speaker_entity: Option<String>,
    /// The cue ("said", "according to", ":").
    pub cue: Span,
    /// Who was told ("told Mr. Lavrov").
    pub addressee: Option<Span>,
    /// What was said.
    pub content: Span,
    /// True when the content is a quotation.
    pub direct: bool,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// Found by the learned cue model (`rules/cue_model.tsv`), not by a rule.
    pub learned: bool,
}

/// Lookup tables built once from the rules.
#[derive(Debug, Clone)]
pub struct AttributionLexicon {
    verbs: HashSet<String>,
    addressee_verbs: HashSet<String>,
    needs_complement: HashSet<String>,
    phrases: Vec<Vec<String>>,
    /// Multi-word verbs by their first word, longest first.
    verb_phrases: HashMap<String, Vec<Vec<String>>>,
    number_words: HashSet<String>,
    hearsay_adverbs: HashSet<String>,
    infinitive_governors: HashSet<String>,
    nouns: HashSet<String>,
    possessives: HashSet<String>,
    pronouns: HashSet<String>,
    non_speakers: HashSet<String>,
    clause_openers: HashSet<String>,
    addressee_starts: HashSet<String>,
    noun_markers: HashSet<String>,
    generic_pronouns: HashSet<String>,
    group_pronouns: HashSet<String>,
    speaker_leading_trim: HashSet<String>,
    not_names: HashSet<String>,
    document_subjects: HashSet<String>,
    question_cues: HashSet<String>,
    question_openers: HashSet<String>,
    coordinators: HashSet<String>,
    cue_adverbs: HashSet<String>,
    gerund_openers: HashSet<String>,
    indirect_question_words: HashSet<String>,
    not_after_cue: HashSet<String>,
    question_leads: HashSet<String>,
    subject_determiners: HashSet<String>,
    not_adverbs: HashSet<String>,
    passive_auxiliaries: HashSet<String>,
    comma_auxiliaries: HashSet<String>,
    not_speaker_leads: HashSet<String>,
    frame_nouns: HashSet<String>,
}

impl AttributionLexicon {
    /// Build the tables from `rules/attribution.yaml`.
    pub fn new(rules: &Rules) -> Self {
        let a = &rules.attribution;
        let set = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect::<HashSet<_>>();
        let words = |v: &[String]| -> Vec<Vec<String>> {
            v.iter()
                .map(|p| p.split_whitespace().map(|w| w.to_lowercase()).collect())
                .collect()
        };
        AttributionLexicon {
            verbs: set(&a.verbs),
            addressee_verbs: set(&a.addressee_verbs),
            needs_complement: set(&a.needs_complement),
            phrases: words(&a.source_phrases),
            verb_phrases: {
                let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::default();
                for p in words(&a.verb_phrases) {
                    if let Some(first) = p.first() {
                        by_first.entry(first.clone()).or_default().push(p);
                    }
                }
                for v in by_first.values_mut() {
                    v.sort_by_key(|p| std::cmp::Reverse(p.len()));
                }
                by_first
            },
            number_words: rules.numbers.words.keys().cloned().collect(),
            hearsay_adverbs: set(&a.hearsay_adverbs),
            infinitive_governors: set(&a.infinitive_governors),
            nouns: set(&a.nouns),
            possessives: set(&a.possessive_pronouns),
            pronouns: set(&a.pronouns),
            non_speakers: set(&a.non_speakers),
            clause_openers: set(&a.clause_openers),
            noun_markers: set(&a.noun_markers),
            generic_pronouns: set(&a.generic_pronouns),
            group_pronouns: set(&a.group_pronouns),
            speaker_leading_trim: set(&a.speaker_leading_trim),
            addressee_starts: set(&a.addressee_starts),
            not_names: set(&rules.entities.not_names),
            document_subjects: set(&a.document_subjects),
            question_cues: set(&a.question_cues),
            question_openers: set(&a.question_openers),
            coordinators: set(&a.coordinators),
            cue_adverbs: set(&a.cue_adverbs),
            gerund_openers: set(&a.gerund_openers),
            indirect_question_words: set(&a.indirect_question_words),
            not_after_cue: set(&a.not_after_cue),
            question_leads: set(&a.question_leads),
            subject_determiners: set(&a.subject_determiners),
            not_adverbs: set(&a.not_adverbs),
            passive_auxiliaries: set(&a.passive_auxiliaries),
            comma_auxiliaries: set(&a.comma_auxiliaries),
            not_speaker_leads: set(&a.not_speaker_leads),
            frame_nouns: set(&a.frame_nouns),
        }
    }
}

mod helpers;
mod passes;
#[cfg(test)]
mod tests;

use helpers::{cover, is_quote, resolve_speaker, sentence_subject};
pub use helpers::{from_learned_cue, open_quotes};

/// One sentence as attribution extraction sees it.
#[derive(Debug, Clone, Copy)]
pub struct SentenceTokens<'a> {
    /// Index of the sentence in the document.
    pub index: usize,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// The previous sentence's tokens (a quote split from its speaker).
    pub prev: Option<&'a [Token]>,
    /// It starts inside a quotation opened by an earlier sentence.
    pub in_quote: bool,
}

/// One sentence as every pass reads it.
#[derive(Clone, Copy)]
struct Pass<'a> {
    text: &'a str,
    sentence: usize,
    toks: &'a [Token],
    prev: Option<&'a [Token]>,
    in_quote: bool,
    lex: &'a AttributionLexicon,
    entities: &'a [Entity],
    index: &'a MentionIndex,
    n: usize,
}

/// What the passes found so far: attributions, and cue words already used.
#[derive(Default)]
struct Found {
    out: Vec<Attribution>,
    used_cue: Vec<Span>,
}

impl Pass<'_> {
    /// One attribution of this sentence, its speaker resolved to an entity.
    fn attribution(
        &self,
        speaker: Option<Span>,
        cue: Span,
        addressee: Option<Span>,
        content: Span,
        direct: bool,
    ) -> Attribution {
        let Pass {
            text,
            lex,
            entities,
            index,
            sentence,
            ..
        } = *self;
        Attribution {
            speaker,
            speaker_entity: speaker.and_then(|s| resolve_speaker(s, text, lex, entities, index)),
            cue,
            addressee,
            content,
            direct,
            sentence,
            learned: false,
        }
    }

    /// The speaker of a cue far from its subject: the first person or organisation
    /// named before it ("Hours later, Trump ..., telling Reuters"), else the
    /// capitalised run that opens the sentence.
    fn subject_before(&self, limit: usize) -> Option<Span> {
        let Pass {
            text,
            toks,
            in_quote,
            lex,
            entities,
            index,
            ..
        } = *self;
        let region = cover(toks, 0, limit)?;
        // a sentence opening with a pronoun: "He said his attacks on Trump worked
        // and said C"
        if let Some((a, b)) = sentence_subject(text, toks, limit, lex) {
            if b == a + 1
                && lex.pronouns.contains(&toks[a].key)
                && toks[a].key != "it"
                && !in_quote
                && !toks[..a].iter().any(|t| is_quote(&t.key))
            {
                return cover(toks, a, b);
            }
        }
        // a sentence opening with a descriptor: "His chief aide doubled down on
        // attacks on Clinton, saying C" (not a fronted phrase: "The day after, X ...")
        let a = (0..limit).find(|&k| {
            toks[k].kind != TokenKind::Punct && !lex.clause_openers.contains(&toks[k].key)
        })?;
        if !in_quote
            && lex.subject_determiners.contains(&toks[a].key)
            && !toks[..a].iter().any(|t| is_quote(&t.key))
        {
            let b = (a + 1..limit.min(a + 7))
                .find(|&k| {
                    let t = &toks[k];
                    t.kind != TokenKind::Word
                        || lex.verbs.contains(&t.key)
                        || lex.clause_openers.contains(&t.key)
                        || lex.non_speakers.contains(&t.key)
                        || (t.key.ends_with("ed") && !t.is_capitalized(text) && k > a + 1)
                })
                .unwrap_or(limit.min(a + 7));
            // a later clause of its own ("..., and when Rubio thanked Miami and said")
            let own_clause = toks[b..limit]
                .iter()
                .any(|t| lex.clause_openers.contains(&t.key) && !lex.coordinators.contains(&t.key));
            // a fronted phrase ends on a comma: "But a few days later, Trump ..."
            let fronted = toks[b..(b + 2).min(limit)].iter().any(|t| t.key == ",");
            if b > a + 1 && b < limit && toks[b].kind == TokenKind::Word && !own_clause && !fronted
            {
                return cover(toks, a, b);
            }
        }
        index
            .within(region)
            .find(|(_, e)| {
                matches!(
                    entities[*e].kind,
                    EntityKind::Person | EntityKind::Organization
                )
            })
            .map(|(s, _)| s)
            .or_else(|| {
                sentence_subject(text, toks, limit, lex).and_then(|(a, b)| cover(toks, a, b))
            })
    }
}

/// The passes in the order they run: each may read what earlier ones found.
const PASSES: [fn(&Pass, &mut Found); 9] = [
    passes::colon_leads,
    passes::colon_lead_before,
    passes::asked_whether,
    passes::when_asked,
    passes::according_to,
    passes::verb_cues,
    passes::reporting_nouns,
    passes::hearsay_adverbs,
    passes::frame_nouns,
];

/// Find the attributions of one sentence.
pub fn extract(
    text: &str,
    s: SentenceTokens,
    lex: &AttributionLexicon,
    entities: &[Entity],
    index: &MentionIndex,
) -> Vec<Attribution> {
    let pass = Pass {
        text,
        sentence: s.index,
        toks: s.tokens,
        prev: s.prev,
        in_quote: s.in_quote,
        lex,
        entities,
        index,
        n: s.tokens.len(),
    };
    let mut found = Found::default();
    for run in PASSES {
        run(&pass, &mut found);
    }
    let mut out = found.out;
    out.sort_by_key(|a| a.cue);
    out
}
