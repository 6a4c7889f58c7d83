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

/// The reporting lexicon: the word sets of `rules/attribution.yaml` as the file
/// gives them (through `Deref`), plus the few tables derived from it.
#[derive(Debug, Clone)]
pub struct AttributionLexicon {
    words: std::sync::Arc<crate::rules::AttributionFile>,
    phrases: Vec<Vec<String>>,
    /// Multi-word verbs by their first word, longest first.
    verb_phrases: HashMap<String, Vec<Vec<String>>>,
    number_words: HashSet<String>,
    not_names: crate::rules::WordSet,
    /// Words of titles and of the words before them (`entities.yaml` `titles`,
    /// `title_modifiers`), lower case: "press", "secretary", "deputy".
    title_words: HashSet<String>,
}

impl std::ops::Deref for AttributionLexicon {
    type Target = crate::rules::AttributionFile;

    fn deref(&self) -> &Self::Target {
        &self.words
    }
}

impl AttributionLexicon {
    /// Build the tables from `rules/attribution.yaml`.
    pub fn new(rules: &Rules) -> Self {
        let a = &rules.attribution;
        let words = |v: &[String]| -> Vec<Vec<String>> {
            v.iter()
                .map(|p| p.split_whitespace().map(|w| w.to_lowercase()).collect())
                .collect()
        };
        let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::default();
        for p in words(&a.verb_phrases) {
            if let Some(first) = p.first() {
                by_first.entry(first.clone()).or_default().push(p);
            }
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
        AttributionLexicon {
            words: std::sync::Arc::clone(a),
            phrases: words(&a.source_phrases),
            verb_phrases: by_first,
            number_words: rules.numbers.words.keys().cloned().collect(),
            not_names: rules.entities.not_names.clone().into(),
            title_words: rules
                .entities
                .titles
                .iter()
                .flat_map(|t| t.split_whitespace())
                .map(str::to_lowercase)
                .chain(rules.entities.title_modifiers.iter().cloned())
                .collect(),
        }
    }
}

mod helpers;
mod passes;
#[cfg(test)]
mod tests;
mod verb_cues;

pub(crate) use helpers::quote_step;
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
    /// Whether each token stands inside a quotation (computed once: a pass asks
    /// for every token).
    quoted: &'a [bool],
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
                && !lex.impersonal_pronouns.contains(&toks[a].key)
                && !in_quote
                && !toks[..a].iter().any(|t| is_quote(&t.key))
            {
                return cover(toks, a, b);
            }
        }
        // a sentence opening with a descriptor: "His chief aide doubled down on
        // attacks on Clinton, saying C" (not a fronted phrase: "The day after, X ...")
        let a = (0..limit).find(|&k| {
            toks[k].kind() != TokenKind::Punct && !lex.clause_openers.contains(&toks[k].key)
        })?;
        if !in_quote
            && lex.subject_determiners.contains(&toks[a].key)
            && !toks[..a].iter().any(|t| is_quote(&t.key))
        {
            let b = (a + 1..limit.min(a + 7))
                .find(|&k| {
                    let t = &toks[k];
                    t.kind() != TokenKind::Word
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
            if b > a + 1
                && b < limit
                && toks[b].kind() == TokenKind::Word
                && !own_clause
                && !fronted
            {
                return cover(toks, a, b);
            }
        }
        let named: Vec<(Span, usize)> = index.within(region).collect();
        named
            .iter()
            .position(|(_, e)| {
                matches!(
                    entities[*e].kind,
                    EntityKind::Person | EntityKind::Organization
                )
            })
            .map(|first| self.phrase_head_name(&named, first))
            .or_else(|| {
                sentence_subject(text, toks, limit, lex).and_then(|(a, b)| cover(toks, a, b))
            })
    }
}

impl Pass<'_> {
    /// The name heading the noun phrase that `named[first]` opens: a person's
    /// name after it, with only the words of a title between ("White House
    /// press secretary Sarah Huckabee Sanders", "Kremlin spokesman Dmitry
    /// Peskov"), is who the phrase names; the name before only qualifies it.
    fn phrase_head_name(&self, named: &[(Span, usize)], first: usize) -> Span {
        let Pass {
            toks,
            lex,
            entities,
            ..
        } = *self;
        let title_word =
            |t: &Token| t.kind() == TokenKind::Word && lex.title_words.contains(t.key.as_str());
        let mut k = first;
        while let Some(&(next, e)) = named.get(k + 1) {
            let between: Vec<&Token> = toks
                .iter()
                .filter(|t| t.span().start >= named[k].0.end && t.span().end <= next.start)
                .collect();
            if entities[e].kind != EntityKind::Person
                || between.is_empty()
                || between.len() > TITLE_WORDS_MAX
                || !between.iter().all(|t| title_word(t))
            {
                break;
            }
            k += 1;
        }
        named[k].0
    }
}

/// Words of a title between a name and the person it qualifies ("deputy
/// press secretary").
const TITLE_WORDS_MAX: usize = 3;

/// The passes in the order they run: each may read what earlier ones found.
const PASSES: [fn(&Pass, &mut Found); 9] = [
    passes::colon_leads,
    passes::colon_lead_before,
    passes::asked_whether,
    passes::when_asked,
    passes::according_to,
    verb_cues::verb_cues,
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
    let quoted = helpers::quote_states(text, s.tokens, s.in_quote);
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
        quoted: &quoted,
    };
    let mut found = Found::default();
    for run in PASSES {
        run(&pass, &mut found);
    }
    let mut out = found.out;
    for a in &mut out {
        a.content = clamp_content(a.content, s.tokens);
    }
    out.sort_by_key(|a| a.cue);
    out
}

/// Bytes an attribution's content may hold: more than any sentence of ordinary
/// news text. A longer content is a sentence the splitter could not end (a run
/// of unclosed quotation marks, a list without stops), and each of its cues
/// would otherwise hold the rest of it: output growing with the square of the
/// sentence.
pub const CONTENT_MAX_BYTES: usize = 2_000;

/// `content`, ended at the last token that ends within [`CONTENT_MAX_BYTES`]
/// of its start.
fn clamp_content(content: Span, tokens: &[Token]) -> Span {
    if content.end - content.start <= CONTENT_MAX_BYTES {
        return content;
    }
    let limit = content.start + CONTENT_MAX_BYTES;
    let within = tokens.partition_point(|t| t.span().end <= limit);
    match tokens[..within].last() {
        Some(t) if t.span().end > content.start => Span::new(content.start, t.span().end),
        _ => content,
    }
}
