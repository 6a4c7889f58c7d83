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

fn is_quote(key: &str) -> bool {
    key == "\"" || key == "'"
}

/// The quotation state after `toks` when it was `open` before them: curly quotes
/// open and close, straight quotes toggle.
fn quote_state(text: &str, toks: &[Token], mut open: bool) -> bool {
    for (k, t) in toks.iter().enumerate() {
        if t.key != "\"" {
            continue;
        }
        // an opening mark glued to the end of a clause is a mistyped closing one
        // ("... for her here,“ said Jim Clyburn")
        let glued_after_clause = k > 0
            && toks[k - 1].span.end == t.span.start
            && matches!(toks[k - 1].key.as_str(), "," | "." | "?" | "!");
        match t.span.text(text) {
            "\u{201c}" | "\u{201e}" | "\u{ab}" if glued_after_clause => open = false,
            "\u{201c}" | "\u{201e}" | "\u{ab}" => open = true,
            "\u{201d}" | "\u{bb}" => open = false,
            _ => open = !open,
        }
    }
    open
}

/// For each sentence, whether it starts inside a quotation opened by an earlier
/// sentence of its block ("“I came here. I say that because ...”").
pub fn open_quotes(
    text: &str,
    sentences: &[crate::model::Sentence],
    tokens: &[Vec<Token>],
) -> Vec<bool> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut open = false;
    for (k, (s, toks)) in sentences.iter().zip(tokens).enumerate() {
        if k > 0 && sentences[k - 1].block != s.block {
            open = false;
        }
        out.push(open);
        open = quote_state(text, toks, open);
    }
    out
}

fn is_clause_break(key: &str) -> bool {
    matches!(
        key,
        "," | ";" | ":" | "(" | ")" | "—" | "-" | "\"" | "." | "?" | "!"
    )
}

/// True when token `i` is the period of a short capitalised abbreviation ("Mr.").
fn abbrev_dot(text: &str, toks: &[Token], i: usize) -> bool {
    toks[i].key == "."
        && i > 0
        && toks[i - 1].kind == TokenKind::Word
        && toks[i - 1].key.len() <= 3
        && toks[i - 1].is_capitalized(text)
        && i + 1 < toks.len()
        && toks[i + 1].is_capitalized(text)
}

/// The subject at the start of a sentence, before token `limit`: a run of
/// capitalised words (titles and initials included) or a pronoun.
fn sentence_subject(
    text: &str,
    toks: &[Token],
    limit: usize,
    lex: &AttributionLexicon,
) -> Option<(usize, usize)> {
    let mut a = 0;
    while a < limit
        && (toks[a].kind == TokenKind::Punct || lex.clause_openers.contains(&toks[a].key))
    {
        a += 1;
    }
    let mut b = a;
    while b < limit
        && b - a < 6
        && (toks[b].is_capitalized(text)
            || abbrev_dot(text, toks, b)
            || lex.pronouns.contains(&toks[b].key))
    {
        b += 1;
    }
    (b > a).then_some((a, b))
}

/// The speaker of a lead ending in a colon at `colon`: the subject of a verb
/// right before it ("Breitbart News responded:"), a name right before it
/// ("pollster Daron Shaw:"), the subject of the lead's last clause ("..., and
/// he added:"), else the sentence's subject.
fn colon_lead_speaker(
    text: &str,
    toks: &[Token],
    colon: usize,
    lex: &AttributionLexicon,
) -> Option<(usize, usize)> {
    let before = colon.checked_sub(1)?;
    let verb = &toks[before];
    if verb.kind == TokenKind::Word
        && !verb.is_capitalized(text)
        && (lex.verbs.contains(&verb.key) || verb.key.ends_with("ed"))
    {
        if let Some((a, b)) = speaker_before(text, toks, before, lex) {
            let last = &toks[b - 1];
            if b - a <= 6 && (last.is_capitalized(text) || lex.pronouns.contains(&last.key)) {
                return Some((a, b));
            }
        }
    }
    let mut a = colon;
    while a > 0
        && colon - a < 6
        && (toks[a - 1].is_capitalized(text) || abbrev_dot(text, toks, a - 1))
    {
        a -= 1;
    }
    if a < colon {
        return Some((a, colon));
    }
    sentence_subject(text, toks, colon, lex)
}

/// For a sentence opening "In <a document>," (`frame_nouns`: "In an NBC News poll
/// released Monday, ..."): the index of that comma.
fn frame_comma(toks: &[Token], lex: &AttributionLexicon) -> Option<usize> {
    if toks.first()?.key != "in" || toks.len() < 6 {
        return None;
    }
    let comma = toks.iter().take(14).position(|t| t.key == ",")?;
    (comma > 2
        && toks[1..comma]
            .iter()
            .any(|t| lex.frame_nouns.contains(&t.key)))
    .then_some(comma)
}

/// True when the cue at `i` is a passive participle: a form of "be" before it,
/// an adverb or two between ("was widely reported", "is also expected"); not
/// "is telling", which is progressive.
fn is_passive(text: &str, toks: &[Token], i: usize, lex: &AttributionLexicon) -> bool {
    let mut j = i;
    while j > 0
        && i - j < 2
        && (lex.cue_adverbs.contains(&toks[j - 1].key)
            || toks[j - 1].key == "not"
            || (toks[j - 1].key.ends_with("ly") && !toks[j - 1].is_capitalized(text)))
    {
        j -= 1;
    }
    j > 0 && !toks[i].key.ends_with("ing") && lex.passive_auxiliaries.contains(&toks[j - 1].key)
}

/// For a cue at `i` right after a comma, or after a comma and auxiliaries or
/// adverbs ("X, the founder of Y, has said", "X, ..., has repeatedly promised"):
/// the index just past that comma.
fn comma_before_cue(
    text: &str,
    toks: &[Token],
    i: usize,
    lex: &AttributionLexicon,
) -> Option<usize> {
    let mut k = i;
    while k > 0
        && i - k < 3
        && (lex.comma_auxiliaries.contains(&toks[k - 1].key)
            || lex.cue_adverbs.contains(&toks[k - 1].key)
            || is_adverb(text, &toks[k - 1], lex))
    {
        k -= 1;
    }
    (k > 0 && toks[k - 1].key == ",").then_some(k)
}

/// For a cue at `i` after "“C,” Name, apposition,": the closing quote's index and
/// the end of the name (the name runs from after the quote to its comma).
fn quote_then_apposition(text: &str, toks: &[Token], i: usize) -> Option<(usize, usize)> {
    if i < 4 || toks[i - 1].key != "," {
        return None;
    }
    let q = (1..i - 1).rev().find(|&k| is_quote(&toks[k].key))?;
    if !matches!(toks[q - 1].key.as_str(), "," | "?" | "!" | ".")
        || !toks[q + 1].is_capitalized(text)
    {
        return None;
    }
    let name_end = (q + 1..i - 1).find(|&k| toks[k].key == ",")?;
    (name_end > q + 1 && name_end - q <= 7).then_some((q, name_end))
}

/// For a cue after an inserted clause ending in the comma before `ci` ("Sheldon
/// Adelson, the casino magnate, has indicated"): the name right before the
/// clause's opening comma, when it opens the sentence or a clause.
fn name_before_inserted_clause(
    text: &str,
    toks: &[Token],
    ci: usize,
    lex: &AttributionLexicon,
) -> Option<Span> {
    (1..ci - 1).filter(|&k| toks[k].key == ",").find_map(|p| {
        let mut a = p;
        while a > 0
            && p - a < 6
            && (toks[a - 1].is_capitalized(text) || abbrev_dot(text, toks, a - 1))
        {
            a -= 1;
        }
        let opens =
            a == 0 || toks[a - 1].key == "," || lex.clause_openers.contains(&toks[a - 1].key);
        // "And America Rising, ...": a capitalised opener is not part of the name
        while a < p && lex.clause_openers.contains(&toks[a].key) {
            a += 1;
        }
        // not a fronted phrase: "On Saturday,", "Still,"
        if a < p && opens && !lex.not_names.contains(&toks[a].key) {
            cover(toks, a, p)
        } else {
            None
        }
    })
}

/// For a phrase at `c` opening with a preposition and followed by "that" within a
/// few words ("in The Atlantic that", "on Fox News Sunday that"): the index of "that".
fn that_after_phrase(
    text: &str,
    toks: &[Token],
    c: usize,
    lex: &AttributionLexicon,
) -> Option<usize> {
    if !toks
        .get(c)
        .is_some_and(|t| lex.speaker_leading_trim.contains(&t.key))
    {
        return None;
    }
    (c + 1..toks.len().min(c + 7))
        .take_while(|&k| {
            matches!(toks[k].kind, TokenKind::Word | TokenKind::Number) || abbrev_dot(text, toks, k)
        })
        .find(|&k| toks[k].key == "that" && k > c + 1)
}

fn cover(toks: &[Token], a: usize, b: usize) -> Option<Span> {
    (a < b).then(|| toks[a].span.cover(&toks[b - 1].span))
}

/// True for a lower-case adverb in -ly ("relentlessly", "bluntly"), not a noun
/// such as "family" (`not_adverbs`).
fn is_adverb(text: &str, t: &Token, lex: &AttributionLexicon) -> bool {
    t.kind == TokenKind::Word
        && t.key.len() >= 6
        && t.key.ends_with("ly")
        && !t.is_capitalized(text)
        && !lex.not_adverbs.contains(&t.key)
}

/// For "and" at `and`, the start of the conjunct before it when that conjunct is
/// a name, a pronoun or one lower-case word, and opens the sentence or follows a
/// clause break ("Dovere and ...", "he and ...", ", current and ..."); "Trump won
/// and officials said" joins two clauses, not two subjects.
fn left_conjunct(
    text: &str,
    toks: &[Token],
    and: usize,
    lex: &AttributionLexicon,
) -> Option<usize> {
    let mut a = and;
    while a > 0
        && and - a < 5
        && (toks[a - 1].is_capitalized(text) || abbrev_dot(text, toks, a - 1))
    {
        a -= 1;
    }
    if a == and && and > 0 {
        let t = &toks[and - 1];
        if t.kind == TokenKind::Word
            && !lex.verbs.contains(&t.key)
            && !lex.non_speakers.contains(&t.key)
        {
            a = and - 1;
        }
    }
    let opens = a == 0
        || matches!(toks[a - 1].key.as_str(), "," | ";" | "\"" | "'")
        || lex.clause_openers.contains(&toks[a - 1].key);
    (a < and && opens).then_some(a)
}

/// The speaker noun phrase ending just before `end` (exclusive), skipping auxiliaries.
fn speaker_before(
    text: &str,
    toks: &[Token],
    end: usize,
    lex: &AttributionLexicon,
) -> Option<(usize, usize)> {
    let mut e = end;
    while e > 0
        && (lex.non_speakers.contains(&toks[e - 1].key)
            // "Reid relentlessly attacked", not ", bluntly suggested"
            || (is_adverb(text, &toks[e - 1], lex)
                && e > 1
                && toks[e - 2].kind == TokenKind::Word))
        && !lex.pronouns.contains(&toks[e - 1].key)
    {
        // a relative pronoun is the speaker of its clause ("Obama, who called ...")
        if matches!(toks[e - 1].key.as_str(), "who" | "which") {
            return Some((e - 1, e));
        }
        e -= 1;
    }
    let mut s = e;
    // a parenthetical after the name: "Rep. Gwen Moore (D-Wis.) said", or an
    // apposition between dashes: "Jason Sims — a teacher from Mount Pleasant — says"
    let dash = |k: &str| matches!(k, "-" | "--" | "\u{2014}" | "\u{2013}");
    if s > 0 && (toks[s - 1].key == ")" || dash(&toks[s - 1].key)) {
        let closer = toks[s - 1].key.clone();
        let opened = toks[..s - 1].iter().rposition(|t| {
            if closer == ")" {
                t.key == "("
            } else {
                dash(&t.key)
            }
        });
        if let Some(open) = opened {
            if s - 1 - open <= 25 && open > 0 {
                s = open;
                e = open;
            }
        }
    }
    while s > 0 && e - s < 10 {
        let k = toks[s - 1].key.as_str();
        // a coordinated subject: "Dovere and Debenedetti wrote", "current and
        // former officials said"
        if k == "and" && s < e {
            if let Some(a) = left_conjunct(text, toks, s - 1, lex) {
                s = a;
                continue;
            }
        }
        if !abbrev_dot(text, toks, s - 1)
            && (is_clause_break(k)
                || lex.clause_openers.contains(k)
                || lex.verbs.contains(k) && s < e)
        {
            break;
        }
        if toks[s - 1].kind == TokenKind::Punct && !matches!(k, "'" | "&" | "." | "’") {
            break;
        }
        s -= 1;
    }
    let s0 = s;
    while s < e && lex.speaker_leading_trim.contains(&toks[s].key) {
        s += 1;
    }
    // "Sanders (I-Vt.) on Saturday criticized": a phrase led by a preposition is an
    // adverbial; the speaker stands before it
    if s > s0 && s0 > 0 && toks[s0 - 1].key == ")" {
        if let Some(found) = speaker_before(text, toks, s0, lex) {
            return Some(found);
        }
    }
    if s == e {
        return None;
    }
    if e - s == 1 && lex.non_speakers.contains(&toks[s].key) && !lex.pronouns.contains(&toks[s].key)
    {
        return None;
    }
    Some((s, e))
}

/// The noun phrase starting at `start`, up to a clause break or "that".
fn phrase_after(text: &str, toks: &[Token], start: usize, max: usize) -> Option<(usize, usize)> {
    let mut e = start;
    while e < toks.len() && e - start < max {
        let k = toks[e].key.as_str();
        if (is_clause_break(k) && !abbrev_dot(text, toks, e))
            || k == "that"
            || k == "to" && e > start
        {
            break;
        }
        e += 1;
    }
    (e > start).then_some((start, e))
}

fn trim_punct(toks: &[Token], mut a: usize, mut b: usize) -> (usize, usize) {
    while a < b && matches!(toks[a].key.as_str(), "," | ":" | ";") {
        a += 1;
    }
    while b > a && matches!(toks[b - 1].key.as_str(), "," | "." | ";" | ":" | "?" | "!") {
        b -= 1;
    }
    (a, b)
}

fn is_direct(toks: &[Token], a: usize, b: usize) -> bool {
    a < b && (is_quote(&toks[a].key) || is_quote(&toks[b - 1].key))
}

/// Resolve a speaker span to an entity: the entity mentioned there, or for a
/// pronoun the last person mentioned before it ("we" and "they" stand for a
/// group: no one person).
fn resolve_speaker(
    span: Span,
    text: &str,
    lex: &AttributionLexicon,
    entities: &[Entity],
    index: &MentionIndex,
) -> Option<String> {
    // the speaker is the entity that heads the phrase ("a senior U.S. official" is not the U.S.)
    let heading = index.within(span).find(|(m, _)| m.end + 2 >= span.end);
    let covering = index
        .last_before(span.end, |_| true)
        .filter(|(m, _)| m.contains(&span));
    if let Some((_, e)) = heading.or(covering) {
        return Some(entities[e].id.clone());
    }
    let key = span.text(text).to_lowercase();
    // "his criticism of": a person's possessive stands for the person as "he" does
    let personal = lex.pronouns.contains(key.as_str()) || matches!(key.as_str(), "his" | "her");
    if personal && key != "it" && !lex.group_pronouns.contains(&key) {
        return index
            .last_before(span.start, |e| entities[e].kind == EntityKind::Person)
            .map(|(_, e)| entities[e].id.clone());
    }
    None
}

/// The attribution of a cue the learned model found at tokens `a..b` of a
/// sentence: the speaker is the noun phrase before the cue, the content the rest
/// of the sentence after it, or the part before the speaker when nothing follows
/// ("..., officials believe.").
pub fn from_learned_cue(
    text: &str,
    s: SentenceTokens,
    (a, b): (usize, usize),
    lex: &AttributionLexicon,
    entities: &[Entity],
    index: &MentionIndex,
) -> Option<Attribution> {
    let toks = s.tokens;
    let cue = cover(toks, a, b)?;
    let speaker = speaker_before(text, toks, a, lex);
    let (mut ca, mut cb) = trim_punct(toks, b, toks.len());
    if toks[ca..cb]
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .count()
        < 2
    {
        (ca, cb) = trim_punct(toks, 0, speaker.map_or(a, |(start, _)| start));
    }
    let content = cover(toks, ca, cb)?;
    let speaker = speaker.and_then(|(x, y)| cover(toks, x, y));
    Some(Attribution {
        speaker,
        speaker_entity: speaker.and_then(|sp| resolve_speaker(sp, text, lex, entities, index)),
        cue,
        addressee: None,
        content,
        direct: is_direct(toks, ca, cb),
        sentence: s.index,
        learned: true,
    })
}

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

/// Find the attributions of one sentence.
pub fn extract(
    text: &str,
    s: SentenceTokens,
    lex: &AttributionLexicon,
    entities: &[Entity],
    index: &MentionIndex,
) -> Vec<Attribution> {
    let (sentence, toks, prev, in_quote) = (s.index, s.tokens, s.prev, s.in_quote);
    let mut out = Vec::new();
    // one attribution of this sentence, its speaker resolved to an entity
    let attribution = |speaker: Option<Span>,
                       cue: Span,
                       addressee: Option<Span>,
                       content: Span,
                       direct: bool| Attribution {
        speaker,
        speaker_entity: speaker.and_then(|s| resolve_speaker(s, text, lex, entities, index)),
        cue,
        addressee,
        content,
        direct,
        sentence,
        learned: false,
    };
    let n = toks.len();
    // colon leads: "PENCE: Well, look, ..." / "Poll: Voters abandon ..."
    if let Some(colon) = toks.iter().position(|t| t.key == ":") {
        let lead = &toks[..colon];
        if (1..=5).contains(&lead.len())
            && lead[0].is_capitalized(text)
            && lead.last().is_some_and(|t| t.kind == TokenKind::Word)
            && lead
                .iter()
                .enumerate()
                .all(|(j, t)| t.kind == TokenKind::Word || abbrev_dot(text, lead, j))
            && lead.iter().filter(|t| t.is_capitalized(text)).count() * 2
                >= lead.iter().filter(|t| t.kind == TokenKind::Word).count()
            && !lex.not_names.contains(&lead[0].key)
            && !lex.not_speaker_leads.contains(&lead[0].key)
            && n > colon + 2
            && !lead.iter().any(|t| lex.verbs.contains(&t.key))
        {
            let speaker = cover(toks, 0, colon).expect("non-empty");
            let (ca, cb) = trim_punct(toks, colon + 1, n);
            // "Clinton: 547." is a tally, not a statement
            let says_words = toks[ca..cb].iter().any(|t| t.kind == TokenKind::Word);
            if let Some(content) = cover(toks, ca, cb).filter(|_| says_words) {
                out.push(attribution(
                    Some(speaker),
                    toks[colon].span,
                    None,
                    content,
                    is_direct(toks, ca, cb),
                ));
            }
        } else if colon > 1
            && toks.get(colon + 1).is_some_and(|t| is_quote(&t.key))
            && n > colon + 3
            && !toks[..colon]
                .iter()
                .rev()
                .take_while(|t| !matches!(t.key.as_str(), "-" | "--" | "," | ";"))
                .any(|t| lex.verbs.contains(&t.key))
        {
            // "... pollster Daron Shaw: “Historically, ...”": a quotation introduced by a colon
            let named = colon_lead_speaker(text, toks, colon, lex);
            let (ca, cb) = trim_punct(toks, colon + 1, n);
            if let Some(content) = cover(toks, ca, cb) {
                let speaker = named.and_then(|(a, b)| cover(toks, a, b));
                out.push(attribution(speaker, toks[colon].span, None, content, true));
            }
        }
    }
    // the speaker of a cue far from its subject: the first person or organisation
    // named before it ("Hours later, Trump ..., telling Reuters"), else the
    // capitalised run that opens the sentence
    let subject_before = |limit: usize| -> Option<Span> {
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
    };
    // a lead ending in a colon, its quotation in the next sentence:
    // "He then listed the qualities a nominee needs:" / "“In the piece I wrote, ...”"
    if let Some(p) = prev {
        if n > 2
            && is_quote(&toks[0].key)
            && p.len() > 2
            && p.last().is_some_and(|t| t.key == ":")
            && !p[..p.len() - 1].iter().any(|t| t.key == ":")
        {
            let (ca, cb) = trim_punct(toks, 0, n);
            let colon = p.len() - 1;
            let speaker = colon_lead_speaker(text, p, colon, lex).and_then(|(a, b)| cover(p, a, b));
            if let Some(content) = cover(toks, ca, cb) {
                out.push(attribution(speaker, p[colon].span, None, content, true));
            }
        }
    }
    let mut used_cue: Vec<Span> = Vec::new();
    // "Asked whether C, 75 percent said ...": a question put to the main clause's subject
    if n > 4
        && lex.question_cues.contains(&toks[0].key)
        && lex.question_openers.contains(&toks[1].key)
    {
        if let Some(comma) = toks.iter().position(|t| t.key == ",") {
            let (ca, cb) = trim_punct(toks, 1, comma);
            let speaker = phrase_after(text, toks, comma + 1, 6)
                .map(|(a, b)| {
                    // the subject stops at its verb
                    let e = (a..b)
                        .find(|&k| {
                            k > a
                                && (lex.verbs.contains(&toks[k].key)
                                    || lex.non_speakers.contains(&toks[k].key))
                        })
                        .unwrap_or(b);
                    (a, e)
                })
                .and_then(|(a, b)| cover(toks, a, b));
            if let Some(content) = cover(toks, ca, cb) {
                used_cue.push(toks[0].span);
                out.push(attribution(
                    speaker,
                    toks[0].span,
                    None,
                    content,
                    is_direct(toks, ca, cb),
                ));
            }
        }
    }
    // "when asked (by X) whether C": a question put to someone, no speaker named
    // but the asker after "by"
    for i in 0..n.saturating_sub(2) {
        if !lex.question_cues.contains(&toks[i].key)
            || !(i == 0 || lex.question_leads.contains(&toks[i - 1].key))
            || used_cue.iter().any(|u| u.overlaps(&toks[i].span))
            || quote_state(text, &toks[..i], in_quote)
        {
            continue;
        }
        // skip an adverb, the asker ("by Stephanopoulos") or where ("on Fox News")
        // "asked whether C", and "asked to respond": a request is put as a question
        let opens = |t: &Token| lex.question_openers.contains(&t.key) || t.key == "to";
        let mut k = i + 1;
        let mut asker = None;
        while k < n && k - i <= 6 && !opens(&toks[k]) {
            if matches!(toks[k].key.as_str(), "," | "." | ";" | "\"") {
                break;
            }
            if toks[k].key == "by" && asker.is_none() {
                asker = phrase_after(text, toks, k + 1, 4).map(|(a, b)| {
                    let b = (a + 1..b)
                        .find(|&j| {
                            lex.speaker_leading_trim.contains(&toks[j].key) || opens(&toks[j])
                        })
                        .unwrap_or(b);
                    (a, b)
                });
            }
            k += 1;
        }
        // without an asker, words but no punctuation or reporting verb may stand
        // between: "asked specifically what", "asked during a January debate why"
        let skippable = |t: &Token| t.kind == TokenKind::Word && !lex.verbs.contains(&t.key);
        if k >= n || !opens(&toks[k]) || (asker.is_none() && !toks[i + 1..k].iter().all(skippable))
        {
            continue;
        }
        let end = toks[k..]
            .iter()
            .position(|t| matches!(t.key.as_str(), "," | ";"))
            .map_or(n, |p| k + p);
        let (ca, cb) = trim_punct(toks, k, end);
        if cb <= ca + 1 {
            continue;
        }
        if let Some(content) = cover(toks, ca, cb) {
            used_cue.push(toks[i].span);
            out.push(attribution(
                asker.and_then(|(a, b)| cover(toks, a, b)),
                toks[i].span,
                None,
                content,
                is_direct(toks, ca, cb),
            ));
        }
    }
    // "according to X, C" and "C, according to X"
    for i in 0..n {
        for p in &lex.phrases {
            if i + p.len() <= n
                && p.iter().zip(&toks[i..]).all(|(w, t)| *w == t.key)
                && !quote_state(text, &toks[..i], in_quote)
            {
                let cue = cover(toks, i, i + p.len()).expect("non-empty phrase");
                let Some((ss, se)) = phrase_after(text, toks, i + p.len(), 12) else {
                    continue;
                };
                let (ca, cb) = if i <= 1 {
                    trim_punct(toks, se, n)
                } else {
                    trim_punct(toks, 0, i)
                };
                let Some(content) = cover(toks, ca, cb) else {
                    continue;
                };
                let speaker = cover(toks, ss, se).expect("non-empty speaker");
                used_cue.push(cue);
                out.push(attribution(
                    Some(speaker),
                    cue,
                    None,
                    content,
                    is_direct(toks, ca, cb),
                ));
            }
        }
    }
    // a Title Case headline capitalises its verbs: "Sanders Says He Will Win"
    let long_words: Vec<&Token> = toks
        .iter()
        .filter(|t| t.kind == TokenKind::Word && t.key.len() > 3)
        .collect();
    let title_case = long_words.len() >= 3
        && long_words.iter().filter(|t| t.is_capitalized(text)).count() * 10
            >= long_words.len() * 8;
    for i in 0..n {
        let key = toks[i].key.as_str();
        // a multi-word verb ("points out", "went on to say") is one cue, and so is
        // a reporting infinitive after a verb of continuing or refusing ("continued
        // to criticize", "refused to say"; not "want to say")
        let governs = lex.infinitive_governors.contains(key)
            && toks.get(i + 1).is_some_and(|t| t.key == "to")
            && toks.get(i + 2).is_some_and(|t| lex.verbs.contains(&t.key));
        let phrase_len = lex
            .verb_phrases
            .get(key)
            .and_then(|ps| {
                ps.iter().find(|p| {
                    i + p.len() <= n && p.iter().zip(&toks[i..]).all(|(w, t)| *w == t.key)
                })
            })
            .map(|p| p.len())
            .or(governs.then_some(3));
        if toks[i].kind != TokenKind::Word
            || !(phrase_len.is_some() || lex.verbs.contains(key))
            || (toks[i].is_capitalized(text) && !(title_case && i > 0))
        {
            continue;
        }
        // "made three points to Lavrov": after a number the phrase is a noun's
        let counted = i > 0
            && (lex.number_words.contains(&toks[i - 1].key)
                || toks[i - 1].key.starts_with(|c: char| c.is_ascii_digit()));
        if phrase_len.is_some() && counted {
            continue;
        }
        // the first token after the cue
        let after = i + phrase_len.unwrap_or(1);
        if i > 0
            && (toks[i - 1].key == "to"
                || (lex.noun_markers.contains(&toks[i - 1].key)
                    && !(key.ends_with("ing") && lex.gerund_openers.contains(&toks[i - 1].key))))
        {
            continue;
        }
        // a reporting verb inside a quotation is the quoted speaker's, not the
        // article's ("“You can say that,” he said")
        if quote_state(text, &toks[..i], in_quote) {
            continue;
        }
        // after a possessive the word is a noun: "Trump's tweet", "Clinton's support"
        // ("he's said", "who's saying" are contractions, not possessives)
        if i > 0 && {
            let p = toks[i - 1].span.text(text).to_lowercase();
            let base = p.strip_suffix("'s").or_else(|| p.strip_suffix("\u{2019}s"));
            base.is_some_and(|b| !lex.pronouns.contains(b) && !lex.non_speakers.contains(b))
        } {
            continue;
        }
        let Some(cue) = cover(toks, i, after) else {
            continue;
        };
        // addressee and complementiser after the cue
        let mut c = after;
        let mut addressee = None;
        if lex.addressee_verbs.contains(key) {
            if let Some((a, b)) = phrase_after(text, toks, c, 6) {
                // "asked Sanders how he felt", "warned us about C": the question or
                // the phrase is not part of the addressee
                let b = (a + 1..b)
                    .find(|&k| {
                        lex.indirect_question_words.contains(&toks[k].key)
                            || lex.speaker_leading_trim.contains(&toks[k].key)
                            // "told The Huffington Post he is ...": the clause's subject
                            || lex.pronouns.contains(&toks[k].key)
                    })
                    .unwrap_or(b);
                if toks[a].is_capitalized(text) || lex.addressee_starts.contains(&toks[a].key) {
                    addressee = cover(toks, a, b);
                    c = b;
                }
            }
        }
        // "writes in The Atlantic that C", "said on Monday that C": the marker after
        // a short phrase opening with a preposition
        if let Some(that) = that_after_phrase(text, toks, c, lex) {
            c = that;
        }
        let marker = toks.get(c).map(|t| t.key.as_str());
        // a quotation opening within a few words counts too: "called Trump “unhinged”"
        let quote_soon = toks[c.min(n)..]
            .iter()
            .take(6)
            .take_while(|t| !matches!(t.key.as_str(), "." | ";" | "?" | "!"))
            .any(|t| t.key == "\"");
        let has_marker = matches!(marker, Some("that") | Some(":") | Some("\"") | Some("'"))
            || (marker == Some(",") && toks.get(c + 1).is_some_and(|t| is_quote(&t.key)))
            || quote_soon
            // "asked Sanders how he felt", "wondered whether C": an indirect question
            || marker.is_some_and(|m| lex.indirect_question_words.contains(m));
        // a verb that is a cue only before "that"/a quote/a colon, unless a name,
        // a pronoun, "who" or a phrase opening the sentence or a clause stands
        // right before it as its subject
        let named_subject = speaker_before(text, toks, i, lex).is_some_and(|(ss, se)| {
            let last = &toks[se - 1];
            se - ss <= 8
                && !lex.generic_pronouns.contains(&last.key)
                && (last.is_capitalized(text)
                    || lex.pronouns.contains(&last.key)
                    || lex.document_subjects.contains(&last.key)
                    || matches!(last.key.as_str(), "who" | "which")
                    // the phrase that opens the sentence or a clause: "The
                    // candidate also continued to refute ...", "..., and the
                    // campaign endorsed ..."
                    || ((ss == 0
                        || is_clause_break(&toks[ss - 1].key)
                        || lex.clause_openers.contains(&toks[ss - 1].key))
                        && last.kind == TokenKind::Word))
        });
        // "Sheldon Adelson, the casino magnate, has indicated he ...": a name
        // before an inserted clause is the subject too
        let named_subject = named_subject
            || comma_before_cue(text, toks, i, lex)
                .filter(|&ci| ci > 1 && !is_quote(&toks[ci - 2].key))
                .and_then(|ci| name_before_inserted_clause(text, toks, ci, lex))
                .is_some();
        let clause_after = toks[c..]
            .iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .count()
            >= 3;
        // the content may stand before the cue: "\"C,\" X wrote." / "\"C,\" wrote X."
        // when nothing follows but a phrase that opens with a preposition or an
        // adverb: "X wrote.", "X wrote in an early morning tweet on Twitter."
        let ends_sentence =
            |at: usize| at + 1 >= n || lex.speaker_leading_trim.contains(&toks[at].key);
        let content_before = match speaker_before(text, toks, i, lex) {
            Some((ss, _)) if ss > 0 => {
                matches!(toks[ss - 1].key.as_str(), "," | "\"" | "'") && ends_sentence(c)
            }
            Some(_) => {
                prev.is_some_and(|p| p.last().is_some_and(|t| is_quote(&t.key))) && ends_sentence(c)
            }
            None => {
                i > 0
                    && matches!(toks[i - 1].key.as_str(), "," | "\"" | "'")
                    && phrase_after(text, toks, after, 10)
                        .is_some_and(|(_, e)| ends_sentence(e) || toks[e].key == ",")
            }
        };
        // "the town is contending with ...", "charged with murder": the verb of an
        // action, not of a statement
        if toks
            .get(after)
            .is_some_and(|t| lex.not_after_cue.contains(&t.key))
        {
            continue;
        }
        // "he declared:" ending the sentence: its quotation is the next sentence,
        // read by the colon lead above
        if marker == Some(":") && trim_punct(toks, c + 1, n).0 >= n {
            continue;
        }
        // "..., suggesting the senator sees issues as black and white": a participle
        // after a comma takes the sentence's subject and its clause
        let participle_clause = key.ends_with("ing")
            && i > 0
            && matches!(toks[i - 1].key.as_str(), "," | "\u{2014}" | "-")
            && clause_after;
        let has_complement =
            has_marker || (named_subject && clause_after) || content_before || participle_clause;
        if lex.needs_complement.contains(key) && !has_complement {
            continue;
        }
        let content_after = {
            let mut a = c;
            if matches!(marker, Some("that") | Some(":") | Some(",")) {
                a += 1;
            }
            trim_punct(toks, a, n)
        };
        let before_speaker = speaker_before(text, toks, i, lex);
        // "X did Y and said C", "X did not mention Y, but told Z that C": the
        // sentence's subject speaks
        let mut j = i;
        while j > 0
            && (lex.cue_adverbs.contains(&toks[j - 1].key)
                || lex.comma_auxiliaries.contains(&toks[j - 1].key)
                || is_adverb(text, &toks[j - 1], lex))
        {
            j -= 1;
        }
        // ", then says" joins a verb like "and" does ("... and has said C" too)
        let coordinated = j > 1
            && (lex.coordinators.contains(&toks[j - 1].key)
                || (j < i && lex.cue_adverbs.contains(&toks[j].key) && toks[j - 1].key == ","));
        let (speaker, content_span, direct);
        if coordinated && content_after.1 > content_after.0 + 1 {
            let Some(subject) = subject_before(j - 1) else {
                continue;
            };
            speaker = Some(subject);
            content_span = cover(toks, content_after.0, content_after.1);
            direct = is_direct(toks, content_after.0, content_after.1);
        } else if j > 0
            && key.ends_with("ing")
            && (matches!(toks[j - 1].key.as_str(), "," | "—" | "-")
                || lex.gerund_openers.contains(&toks[j - 1].key)
                || (j > 1 && is_quote(&toks[j - 1].key) && toks[j - 2].key == ","))
        {
            // "X did Y, saying C" / "— saying C" / "by saying C" / "X said “C,”
            // adding C": the sentence's subject speaks, or the speaker of the
            // sentence's first cue before it ("“C,” Fiorina said, adding C")
            let earlier = out
                .iter()
                .find(|a: &&Attribution| a.cue.end <= cue.start)
                .and_then(|a| a.speaker);
            let Some(subject) = earlier.or_else(|| subject_before(i)) else {
                continue;
            };
            if content_after.1 <= content_after.0 + 1 {
                continue;
            }
            speaker = Some(subject);
            content_span = cover(toks, content_after.0, content_after.1);
            direct = is_direct(toks, content_after.0, content_after.1);
        } else if let Some((ss, se)) = before_speaker {
            // "X said (that) C" or "\"C,\" X said" / "C, X said."
            let (ba, bb) = trim_punct(toks, 0, ss);
            let after_len = content_after.1.saturating_sub(content_after.0);
            speaker = cover(toks, ss, se);
            // "“C,” X said, adding D" / "“C,” X said in a statement": the quotation
            // that closes right before the speaker is what was said
            let quote_closes_before = bb > ba
                && ss > 1
                && is_quote(&toks[ba].key)
                && is_quote(&toks[ss - 1].key)
                && matches!(toks[ss - 2].key.as_str(), "," | "?" | "!");
            let continues_quote = toks.get(content_after.0).is_some_and(|t| is_quote(&t.key));
            if after_len >= 2 && quote_closes_before && !continues_quote {
                content_span = cover(toks, ba, bb);
                direct = true;
            } else if after_len >= 2 {
                content_span =
                    if bb > ba && ss > 0 && toks[ss - 1].key == "," && is_quote(&toks[ba].key) {
                        cover(toks, ba, content_after.1)
                    } else if quote_closes_before {
                        // "“C,” X said. “D.”": both quotations
                        cover(toks, ba, content_after.1)
                    } else {
                        cover(toks, content_after.0, content_after.1)
                    };
                direct = is_direct(toks, content_after.0, content_after.1);
            } else if bb > ba && ss > 0 && matches!(toks[ss - 1].key.as_str(), "," | "\"" | "'") {
                content_span = cover(toks, ba, bb);
                direct = is_direct(toks, ba, bb);
            } else if let Some(p) =
                prev.filter(|p| ss == 0 && p.last().is_some_and(|t| is_quote(&t.key)))
            {
                // "“...?” Clinton said." split after the question mark
                let (pa, pb) = trim_punct(p, 0, p.len());
                content_span = cover(p, pa, pb);
                direct = true;
            } else {
                continue;
            }
        } else if let Some((q, name_end)) = quote_then_apposition(text, toks, i)
            .filter(|_| ends_sentence(c) || content_after.1 <= content_after.0 + 1)
        {
            // "“C,” Morton Blackwell, the committeeman from Virginia, told AFP."
            speaker = cover(toks, q + 1, name_end);
            let (ba, bb) = trim_punct(toks, 0, q + 1);
            content_span = cover(toks, ba, bb);
            direct = true;
        } else if let Some(ci) = comma_before_cue(text, toks, i, lex)
            .filter(|&ci| ci > 1 && !is_quote(&toks[ci - 2].key))
            .filter(|&ci| toks[..ci - 1].iter().any(|t| t.key == ","))
            .filter(|_| content_after.1 > content_after.0 + 1)
        {
            // "X, who did Y, (has) said C": an inserted clause between subject and
            // cue; the name right before the clause's comma ("..., Jay DiPietro,
            // the club's president, suggested"), else the sentence's subject
            // (the first comma after a name that opens the sentence or a clause)
            let named = name_before_inserted_clause(text, toks, ci, lex);
            let Some(subject) = named.or_else(|| subject_before(i)) else {
                continue;
            };
            speaker = Some(subject);
            content_span = cover(toks, content_after.0, content_after.1);
            direct = is_direct(toks, content_after.0, content_after.1);
        } else if i > 0 && matches!(toks[i - 1].key.as_str(), "," | "\"" | "'") {
            // "\"C,\" said X"
            let Some((ss, se)) = phrase_after(text, toks, after, 10) else {
                continue;
            };
            speaker = cover(toks, ss, se);
            let (ba, bb) = trim_punct(toks, 0, i);
            content_span = cover(toks, ba, bb);
            direct = is_direct(toks, ba, bb);
        } else {
            continue;
        }
        let Some(content) = content_span else {
            continue;
        };
        if used_cue.iter().any(|u| u.overlaps(&cue)) {
            continue;
        }
        let (speaker, content) = if is_passive(text, toks, i, lex) {
            // "was endorsed (on Friday) by X": X speaks, about the subject
            let by = (after..(after + 3).min(n))
                .take_while(|&k| toks[k].kind == TokenKind::Word)
                .find(|&k| toks[k].key == "by");
            let agent = by
                .and_then(|k| phrase_after(text, toks, k + 1, 8))
                .and_then(|(a, b)| {
                    // "named by police as X": the agent ends at a preposition
                    let b = (a + 1..b)
                        .find(|&k| lex.speaker_leading_trim.contains(&toks[k].key))
                        .unwrap_or(b);
                    cover(toks, a, b)
                });
            match (agent, speaker) {
                (Some(a), Some(subject)) => (Some(a), subject),
                (agent, _) => (agent, content),
            }
        } else {
            (speaker, content)
        };
        out.push(attribution(speaker, cue, addressee, content, direct));
    }
    // "his criticism of the deal", "Trump's claim that C": a reporting noun after a
    // possessive, whose owner speaks
    for i in 1..n.saturating_sub(2) {
        if !lex.nouns.contains(&toks[i].key)
            || out
                .iter()
                .any(|a: &Attribution| a.cue.overlaps(&toks[i].span))
            || quote_state(text, &toks[..i], in_quote)
        {
            continue;
        }
        let marker = toks[i + 1].key.as_str();
        if !(marker == "that" || lex.speaker_leading_trim.contains(marker) || marker == "of") {
            continue;
        }
        // the owner: a possessive pronoun, or a name in 's, maybe one adjective between
        let owner_at = |k: usize| -> Option<(usize, usize)> {
            if lex.possessives.contains(&toks[k].key) {
                return Some((k, k + 1));
            }
            let t = toks[k].span.text(text);
            let named = t.ends_with("'s") || t.ends_with("\u{2019}s");
            if !named || !toks[k].is_capitalized(text) {
                return None;
            }
            let mut a = k;
            while a > 0 && k - a < 4 && toks[a - 1].is_capitalized(text) {
                a -= 1;
            }
            Some((a, k + 1))
        };
        let owner = owner_at(i - 1).or_else(|| {
            (i >= 2
                && toks[i - 1].kind == TokenKind::Word
                && !toks[i - 1].is_capitalized(text)
                && !lex.nouns.contains(&toks[i - 1].key))
            .then(|| owner_at(i - 2))
            .flatten()
        });
        let Some((sa, sb)) = owner else {
            continue;
        };
        let start = i + 2;
        let end = if marker == "that" {
            n
        } else {
            phrase_after(text, toks, start, 12).map_or(start, |(_, e)| e)
        };
        let (ca, cb) = trim_punct(toks, start, end);
        if let Some(content) = cover(toks, ca, cb) {
            out.push(attribution(
                cover(toks, sa, sb),
                toks[i].span,
                None,
                content,
                is_direct(toks, ca, cb),
            ));
        }
    }
    // "The club is reportedly spending $1.5 million": an adverb of hearsay
    // attributes its clause to sources it does not name
    for i in 0..n {
        if !lex.hearsay_adverbs.contains(&toks[i].key)
            || toks[i + 1..]
                .iter()
                .take(2)
                .any(|t| lex.verbs.contains(&t.key))
            || out
                .iter()
                .any(|a: &Attribution| a.cue.overlaps(&toks[i].span))
            || quote_state(text, &toks[..i], in_quote)
        {
            continue;
        }
        let start = toks[..i]
            .iter()
            .rposition(|t| matches!(t.key.as_str(), ";" | ":"))
            .map_or(0, |k| k + 1);
        let (ca, cb) = trim_punct(toks, start, n);
        if let Some(content) = cover(toks, ca, cb).filter(|_| cb > ca + 2) {
            out.push(attribution(
                None,
                toks[i].span,
                None,
                content,
                is_direct(toks, ca, cb),
            ));
        }
    }
    // "In a CNN poll released Monday, 50 percent back Trump": the document the
    // sentence reports from, when no verb in it reports
    if let Some(comma) = frame_comma(toks, lex).filter(|_| out.is_empty()) {
        let (ca, cb) = trim_punct(toks, comma + 1, n);
        if let (Some(source), Some(content)) = (cover(toks, 1, comma), cover(toks, ca, cb)) {
            out.push(attribution(
                Some(source),
                toks[0].span,
                None,
                content,
                is_direct(toks, ca, cb),
            ));
        }
    }
    out.sort_by_key(|a| a.cue);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    type Row = (Option<String>, String, Option<String>, String, bool);

    /// The speaker of the attribution whose cue is `cue` in `s`.
    fn speaker_of(s: &str, cue: &str) -> Option<String> {
        let a = attr(s);
        a.iter()
            .find(|r| r.1 == cue)
            .unwrap_or_else(|| panic!("{cue}: {a:?}"))
            .0
            .clone()
    }

    fn attr(s: &str) -> Vec<Row> {
        let rules = Rules::builtin().unwrap();
        let lex = AttributionLexicon::new(&rules);
        let toks = tokenize(s, Span::new(0, s.len()));
        let input = SentenceTokens {
            index: 0,
            tokens: &toks,
            prev: None,
            in_quote: false,
        };
        extract(s, input, &lex, &[], &MentionIndex::default())
            .into_iter()
            .map(|a| {
                (
                    a.speaker.map(|x| x.text(s).to_string()),
                    a.cue.text(s).to_string(),
                    a.addressee.map(|x| x.text(s).to_string()),
                    a.content.text(s).to_string(),
                    a.direct,
                )
            })
            .collect()
    }

    #[test]
    fn said_that_and_told() {
        let a = attr("Mr. Blinken told Mr. Lavrov that the war must end; that Russia should rejoin the treaty.");
        assert_eq!(a[0].0.as_deref(), Some("Mr. Blinken"));
        assert_eq!(a[0].1, "told");
        assert_eq!(a[0].2.as_deref(), Some("Mr. Lavrov"));
        assert_eq!(
            a[0].3,
            "the war must end; that Russia should rejoin the treaty"
        );
        let a = attr("During the talks, a senior U.S. official said Blinken made three points.");
        assert_eq!(a[0].0.as_deref(), Some("a senior U.S. official"));
        assert_eq!(a[0].3, "Blinken made three points");
    }

    #[test]
    fn quotes_before_and_inverted() {
        let a = attr("\"We will win,\" she said.");
        assert_eq!(a[0].0.as_deref(), Some("she"));
        assert_eq!(a[0].3, "\"We will win,\"");
        assert!(a[0].4);
        let a = attr("“We will win,” said the minister.");
        assert_eq!(a[0].0.as_deref(), Some("the minister"));
        assert_eq!(a[0].3, "“We will win,”");
    }

    #[test]
    fn complement_verbs_after_their_quote() {
        // "wrote" needs a complement after it, unless the quote stands before it
        let a = attr("“A pathetic figure!” Blackwell wrote on Twitter.");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].0.as_deref(), Some("Blackwell"));
        assert_eq!(a[0].1, "wrote");
        let a = attr("\"We will win,\" wrote Smith.");
        assert_eq!(a[0].0.as_deref(), Some("Smith"));
        assert!(attr("Blackwell wrote a book.").is_empty());
        let a = attr(
            "“Her mind is shot!” the nominee wrote in an early morning tweet on his own account.",
        );
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].0.as_deref(), Some("the nominee"));
        // an apposition after the inverted speaker
        let a = attr("\"It could happen here,\" wrote Sanders, runner-up to Clinton.");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].0.as_deref(), Some("Sanders"));
    }

    #[test]
    fn gerund_cues_after_a_dash_or_preposition() {
        for s in [
            "Rubio changed his pick on the spot – saying he was rooting for Manning.",
            "Bolton surprised everyone by saying he would be willing to help.",
            "Trump angered many after saying that the judge was biased.",
        ] {
            let a = attr(s);
            assert_eq!(a.len(), 1, "{s}: {a:?}");
            assert_eq!(a[0].1, "saying");
            assert!(
                a[0].3.starts_with("he ") || a[0].3.starts_with("the judge"),
                "{a:?}"
            );
        }
    }

    #[test]
    fn a_colon_lead_speaks_through_its_verb() {
        let a = attr("The Times made the claim in February, and Breitbart News responded: \"It is not our fault.\"");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].0.as_deref(), Some("Breitbart News"));
        assert_eq!(a[0].3, "\"It is not our fault.\"");
        // a verb ending the sentence on a colon leaves its quotation to the next sentence
        assert!(attr("In a 1963 speech, he declared:").is_empty());
    }

    #[test]
    fn the_opening_phrase_is_the_subject_of_a_complement_verb() {
        let a = attr("The campaign endorsed a plan to cut taxes for working families.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].0.as_deref(), Some("The campaign"));
        assert_eq!(a[0].1, "endorsed");
        let a = attr("Sanders won the state, and the campaign endorsed a plan to cut taxes.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].0.as_deref(), Some("the campaign"));
    }

    #[test]
    fn a_share_of_people_speaks() {
        let a = attr("More than 4 in 10 said Trump would be best at handling the economy.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].0.as_deref(), Some("More than 4 in 10"));
        assert!(attr("The vote was 52 to 48 said nothing.").is_empty());
    }

    #[test]
    fn a_cue_word_before_with_is_an_action() {
        assert!(
            attr("East Palestine is contending with the aftermath of the derailment.").is_empty()
        );
        assert_eq!(
            attr("The mayor is contending that the water is safe.").len(),
            1
        );
    }

    #[test]
    fn asked_with_an_indirect_question() {
        let a = attr("A reporter asked Sanders how he is feeling on caucus day.");
        assert_eq!(a[0].0.as_deref(), Some("A reporter"));
        assert_eq!(a[0].2.as_deref(), Some("Sanders"));
        assert_eq!(a[0].3, "how he is feeling on caucus day");
    }

    #[test]
    fn coordinated_verbs_take_the_sentence_subject() {
        let a = attr("Graham called Trump crazy and said the party would lose.");
        let said = a.iter().find(|x| x.1 == "said").expect("said is a cue");
        assert_eq!(said.0.as_deref(), Some("Graham"));
        assert_eq!(said.3, "the party would lose");
        let a = attr("Clinton did not name him, but told reporters that cities should lead.");
        let told = a.iter().find(|x| x.1 == "told").expect("told is a cue");
        assert_eq!(told.0.as_deref(), Some("Clinton"));
        assert_eq!(told.2.as_deref(), Some("reporters"));
    }

    #[test]
    fn asked_whether_opens_a_question_put_to_the_subject() {
        let a = attr("Asked whether Clinton is honest, 75 percent of voters said no.");
        assert_eq!(a[0].1, "Asked");
        assert_eq!(a[0].3, "whether Clinton is honest");
        assert_eq!(a[0].0.as_deref(), Some("75 percent of voters"));
    }

    #[test]
    fn that_after_a_phrase_marks_the_complement() {
        let a = attr("Ann Lee, a professor, writes in The Atlantic that the plan will fail.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].0.as_deref(), Some("Ann Lee"));
        assert_eq!(a[0].3, "the plan will fail");
        // without "that" the verb of writing needs its marker
        assert!(attr("Ann Lee writes novels.").is_empty());
    }

    #[test]
    fn a_name_before_an_inserted_clause_is_the_subject() {
        let a = attr("Sam Ode, the casino magnate, has indicated he may back Trump.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(
            (a[0].0.as_deref(), a[0].1.as_str()),
            (Some("Sam Ode"), "indicated")
        );
        let a = attr("Trump, the front-runner, has repeatedly promised to deport them.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].0.as_deref(), Some("Trump"));
    }

    #[test]
    fn since_and_now_stand_between_subject_and_cue() {
        assert_eq!(
            speaker_of("She has since stressed that she sent nothing.", "stressed").as_deref(),
            Some("She")
        );
    }

    #[test]
    fn an_addressee_stops_at_a_preposition() {
        let a = attr("Donald Trump has warned us about those rapists.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].2.as_deref(), Some("us"));
        assert_eq!(a[0].3, "about those rapists");
    }

    #[test]
    fn which_speaks_for_its_clause() {
        let s = "After the report, which concluded that she broke the rules, she left.";
        assert_eq!(speaker_of(s, "concluded").as_deref(), Some("which"));
    }

    #[test]
    fn a_multi_word_verb_is_one_cue() {
        let a = attr("Smith shot back that the plan was dead.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(
            (a[0].1.as_str(), a[0].3.as_str()),
            ("shot back", "the plan was dead")
        );
        assert_eq!(
            speaker_of("He went on to say the plan was dead.", "went on to say").as_deref(),
            Some("He")
        );
        assert_eq!(
            speaker_of("Ms. Ode points out that it rained.", "points out").as_deref(),
            Some("Ms. Ode")
        );
        // the first word alone reports nothing; after a number it is a noun
        assert!(attr("Smith shot the sheriff in the back.").is_empty());
        assert!(attr("Smith made three points to Lavrov about the war.").is_empty());
    }

    #[test]
    fn a_long_clause_between_dashes_keeps_the_subject() {
        let s = "Trump - who previously said he would \"bomb the hell out of\" the oil fields - \
                 said at a rally in Texas that the United States would win.";
        let a = attr(s);
        let last = a.last().expect("two cues");
        assert_eq!(last.0.as_deref(), Some("Trump"));
        assert_eq!(last.3, "the United States would win");
    }

    #[test]
    fn coordinated_subjects_speak_together() {
        let s = "It was remote, Ann Dove and Gabe Dee wrote.";
        assert_eq!(
            speaker_of(s, "wrote").as_deref(),
            Some("Ann Dove and Gabe Dee")
        );
        let s = "They sent emails, current and former officials said.";
        assert_eq!(
            speaker_of(s, "said").as_deref(),
            Some("current and former officials")
        );
        // two clauses, not two subjects
        let s = "Trump won and officials said the vote was fair.";
        assert_eq!(speaker_of(s, "said").as_deref(), Some("officials"));
    }

    #[test]
    fn an_addressee_stops_at_the_clause_subject() {
        let a = attr("Joyce told The Huffington Post he is not planning an appeal.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].2.as_deref(), Some("The Huffington Post"));
        assert_eq!(a[0].3, "he is not planning an appeal");
    }

    #[test]
    fn when_asked_which_with_a_phrase_between() {
        let a =
            attr("Asked during a January debate why he trailed, Sanders said the race was young.");
        assert!(
            a.iter().any(|r| r.1 == "Asked" && r.3 == "why he trailed"),
            "{a:?}"
        );
        let a = attr("When asked which candidate she backs, Le Pen smiled.");
        assert!(
            a.iter()
                .any(|r| r.1 == "asked" && r.3 == "which candidate she backs"),
            "{a:?}"
        );
    }

    #[test]
    fn an_opener_is_not_part_of_the_name_before_a_clause() {
        let s = "And America Rising, a political action committee, called the former \
                 president less an asset than a liability for his wife.";
        assert_eq!(speaker_of(s, "called").as_deref(), Some("America Rising"));
        let s = "Two analysts, Pat Meg and Chris Har, found in 2014 that the force is the best.";
        let a = attr(s);
        assert!(
            a.iter()
                .any(|r| r.1 == "found" && r.3 == "the force is the best"),
            "{a:?}"
        );
    }

    #[test]
    fn a_participle_after_the_determiner_stays_in_the_descriptor() {
        let s = "The retired surgeon spoke in an interview, remarking that it was hard.";
        assert_eq!(
            speaker_of(s, "remarking").as_deref(),
            Some("The retired surgeon")
        );
    }

    #[test]
    fn reportedly_attributes_its_clause() {
        let a = attr("The club is reportedly spending $1.5 million on advertisements.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!((a[0].0.as_deref(), a[0].1.as_str()), (None, "reportedly"));
        assert_eq!(
            a[0].3,
            "The club is reportedly spending $1.5 million on advertisements"
        );
        // before a reporting verb the verb is the cue
        let a = attr("Trump reportedly said that the wall would be built.");
        assert!(a.iter().all(|r| r.1 != "reportedly"), "{a:?}");
    }

    #[test]
    fn a_participle_after_a_comma_reports_its_clause() {
        let s = "Cuban also complained that Cruz is too principled, suggesting the \
                 senator sees issues as black and white.";
        let a = attr(s);
        let last = a.last().expect("two cues");
        assert_eq!(last.1, "suggesting");
        assert_eq!(last.3, "the senator sees issues as black and white");
    }

    #[test]
    fn an_infinitive_after_continuing_or_refusing_reports() {
        let a = attr("Trump continued to criticize the judge for his rulings.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(
            (a[0].0.as_deref(), a[0].1.as_str()),
            (Some("Trump"), "continued to criticize")
        );
        assert_eq!(a[0].3, "the judge for his rulings");
        assert!(attr("Trump wants to say more about the judge.")
            .iter()
            .all(|r| r.1 != "say"));
    }

    #[test]
    fn a_coordinated_cue_after_an_auxiliary_takes_the_subject() {
        let s = "Trump describes himself as a friend of Israel and has said that he gave money.";
        assert_eq!(speaker_of(s, "said").as_deref(), Some("Trump"));
    }

    #[test]
    fn a_reporting_noun_after_a_possessive_speaks_for_its_owner() {
        let a = attr("The senator repeated his criticism of the trade deal on Monday.");
        assert!(
            a.iter().any(|r| r.0.as_deref() == Some("his")
                && r.1 == "criticism"
                && r.3 == "the trade deal on Monday"),
            "{a:?}"
        );
        let a = attr("Voters doubted Trump's claim that he would win.");
        assert!(
            a.iter()
                .any(|r| r.0.as_deref() == Some("Trump's") && r.3 == "he would win"),
            "{a:?}"
        );
        // a noun without an owner reports nothing
        assert!(attr("The claim of the company was dismissed.").is_empty());
    }

    #[test]
    fn an_inserted_clause_keeps_the_subject() {
        let a = attr(
            "Barkley, who said he votes for Democrats, said one candidate he likes is Kasich.",
        );
        let last = a.last().expect("two cues");
        assert_eq!(last.1, "said");
        assert_eq!(last.0.as_deref(), Some("Barkley"));
        assert_eq!(last.3, "one candidate he likes is Kasich");
    }

    #[test]
    fn title_case_headlines_and_colon_quotes() {
        let a = attr("Bernie Sanders Says He Has Started Writing His Address");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].0.as_deref(), Some("Bernie Sanders"));
        assert_eq!(a[0].1, "Says");
        // a capitalised verb in running text is not a cue
        assert!(attr("Says the sign on the door, nothing.").is_empty());
        let a = attr("The surge does not surprise pollster Daron Shaw: “Lesser-known candidates often win early.”");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].1, ":");
        assert_eq!(a[0].0.as_deref(), Some("Daron Shaw"));
        assert!(a[0].4);
    }

    #[test]
    fn quotations_run_across_sentences_of_a_block() {
        let t = "“I came here. You can say that they helped. I left,” he said. Then he went.";
        let parts = [
            "“I came here.",
            "You can say that they helped.",
            "I left,” he said.",
            "Then he went.",
        ];
        let sentences: Vec<crate::model::Sentence> = parts
            .iter()
            .map(|p| {
                let a = t.find(p).unwrap();
                crate::model::Sentence {
                    span: Span::new(a, a + p.len()),
                    block: 0,
                }
            })
            .collect();
        let tokens: Vec<Vec<Token>> = sentences.iter().map(|s| tokenize(t, s.span)).collect();
        assert_eq!(sentences[1].span.text(t), "You can say that they helped.");
        assert_eq!(
            open_quotes(t, &sentences, &tokens),
            vec![false, true, true, false]
        );
        // a new block closes any quotation left open
        let mut other = sentences.clone();
        other[2].block = 1;
        assert_eq!(
            open_quotes(t, &other, &tokens),
            vec![false, true, false, false]
        );
    }

    #[test]
    fn a_mistyped_closing_quote_still_closes() {
        let a = attr("“We will lose here,“ said Jim Clyburn, a congressman.");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].0.as_deref(), Some("Jim Clyburn"));
    }

    #[test]
    fn verbs_inside_a_quotation_are_not_cues() {
        let a = attr("“Everything that you have said is right,” the judge said.");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].0.as_deref(), Some("the judge"));
    }

    #[test]
    fn according_to_both_ways() {
        let a = attr("According to the ministry, the talks failed.");
        assert_eq!(
            (a[0].0.as_deref(), a[0].1.as_str(), a[0].3.as_str()),
            (Some("the ministry"), "According to", "the talks failed")
        );
        let a = attr("Blinken requested the meeting, according to the Russian Foreign Ministry.");
        assert_eq!(a[0].0.as_deref(), Some("the Russian Foreign Ministry"));
        assert_eq!(a[0].3, "Blinken requested the meeting");
    }

    #[test]
    fn verbs_of_stance_take_their_object_as_content() {
        // measured on polnear.train: annotated as cues with their object
        for (s, cue) in [
            (
                "Sanders railed against the trade deal in Detroit.",
                "railed",
            ),
            ("Clinton condemned the attack on the embassy.", "condemned"),
            ("Rubio accused Trump of hiring illegal workers.", "accused"),
        ] {
            let a = attr(s);
            assert_eq!(a.len(), 1, "{s}: {a:?}");
            assert_eq!(a[0].1, cue);
        }
    }

    #[test]
    fn a_cue_word_used_as_a_noun_is_no_cue() {
        assert!(attr("Buddy Valastro stars in the reality show Cake Boss on TLC.").is_empty());
        assert!(attr("Trump is taking questions in an Elks Lodge in Salem.").is_empty());
        assert_eq!(attr("Polls show that Clinton leads in Iowa.").len(), 1);
    }

    #[test]
    fn a_poll_a_sentence_opens_with_is_its_source() {
        let a = attr("In an NBC News poll released Monday, 50 percent back Trump over Cruz.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].0.as_deref(), Some("an NBC News poll released Monday"));
        assert_eq!(
            (a[0].1.as_str(), a[0].3.as_str()),
            ("In", "50 percent back Trump over Cruz")
        );
        // a verb that reports takes the sentence
        let a = attr("In a new poll, 50 percent said they back Trump.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].1, "said");
    }

    #[test]
    fn a_share_of_those_polled_speaks() {
        assert_eq!(
            speaker_of(
                "Majorities in all five say they want immigrants to stay.",
                "say"
            ),
            Some("Majorities in all five".into())
        );
        assert_eq!(
            speaker_of(
                "Many say the plan failed, and some say it never began.",
                "say"
            ),
            Some("Many".into())
        );
        assert_eq!(
            speaker_of("In the poll, 43 said the same for Sanders.", "said"),
            Some("43".into())
        );
        assert_eq!(
            speaker_of("Six in 10 say he is at least somewhat decisive.", "say"),
            Some("Six in 10".into())
        );
    }

    #[test]
    fn complement_verbs_need_a_marker() {
        assert!(attr("She called the police.").is_empty());
        assert_eq!(attr("She found that the plan failed.").len(), 1);
        // a thing defending itself acts; it says nothing
        assert!(attr("Ukraine defends itself from Russia with new weapons.").is_empty());
        assert_eq!(
            attr("Ukraine defends its plan to rebuild the dam near the border.").len(),
            1
        );
    }

    #[test]
    fn a_passive_cue_speaks_through_its_by_phrase() {
        let a = attr("The suspect was named by police as Syed Farook.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].0.as_deref(), Some("police"));
        // what the agent spoke of is the subject
        assert_eq!(a[0].3, "The suspect");
        let a = attr("Cruz was endorsed on Friday by Carly Fiorina.");
        assert_eq!(a[0].0.as_deref(), Some("Carly Fiorina"), "{a:?}");
        assert_eq!(a[0].3, "Cruz");
        // no agent: the subject is what was said about, not who said it
        let a = attr("It was announced that the plant will close in March.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].0, None);
        // "is telling" is no passive
        let a = attr("Trump is telling a town hall that waterboarding works.");
        assert_eq!(a[0].0.as_deref(), Some("Trump"));
    }

    #[test]
    fn two_apostrophes_quote_like_quotation_marks() {
        let a = attr("''My advice was not to do it,'' recalled James B. Cunningham.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].0.as_deref(), Some("James B. Cunningham"));
        assert!(a[0].4, "a quotation: {a:?}");
    }

    #[test]
    fn when_asked_whether_opens_a_question_put_to_someone() {
        let a = attr(
            "\"You bet I would,\" Christie said when asked whether he would issue a quarantine.",
        );
        let q: Vec<&Row> = a.iter().filter(|r| r.1 == "asked").collect();
        assert_eq!(q.len(), 1, "{a:?}");
        assert_eq!(q[0].0, None);
        assert_eq!(q[0].3, "whether he would issue a quarantine");
        let a =
            attr("Asked by Stephanopoulos to respond to the criticism, Carson said he was calm.");
        let q: Vec<&Row> = a.iter().filter(|r| r.1 == "Asked").collect();
        assert_eq!(q.len(), 1, "{a:?}");
        assert_eq!(q[0].0.as_deref(), Some("Stephanopoulos"));
        assert_eq!(q[0].3, "to respond to the criticism");
    }

    #[test]
    fn adding_after_a_closing_quote_is_the_subjects() {
        let a = attr("Cruz told Newsmax that Romney \"had a crazy policy,\" adding that he lost the Latino vote.");
        let q: Vec<&Row> = a.iter().filter(|r| r.1 == "adding").collect();
        assert_eq!(q.len(), 1, "{a:?}");
        assert_eq!(q[0].0.as_deref(), Some("Cruz"));
        assert_eq!(q[0].3, "he lost the Latino vote");
    }

    #[test]
    fn the_subject_of_a_later_verb_or_gerund() {
        // a pronoun opening the sentence, not a name in the first clause
        assert_eq!(
            speaker_of(
                "He criticized Trump on Monday and said that Trump was a con artist.",
                "said"
            ),
            Some("He".into())
        );
        // a descriptor opening the sentence
        assert_eq!(
            speaker_of(
                "His chief aide doubled down on attacks on Clinton, saying she lacks judgment.",
                "saying"
            ),
            Some("His chief aide".into())
        );
        // not a fronted phrase (the name after it is found among the entities,
        // which this test does not build)
        let a = attr(
            "But a few days later, Trump reversed himself, telling CBS that the laws were fine.",
        );
        assert!(
            a.iter().all(|r| r.0.as_deref() != Some("a few days")),
            "{a:?}"
        );
        // "adding" after a cue speaks for that cue's speaker
        assert_eq!(
            speaker_of(
                "\"We feel great,\" he said, adding that Ohio was next.",
                "adding"
            ),
            Some("he".into())
        );
        // a time phrase after a parenthetical is no speaker
        assert_eq!(
            speaker_of(
                "Sen. Bernie Sanders (I-Vt.) on Saturday criticized the accord, calling it weak.",
                "criticized"
            ),
            Some("Sen. Bernie Sanders".into())
        );
    }

    #[test]
    fn a_name_and_apposition_after_a_quotation() {
        let a =
            attr("\"He will win,\" Morton Blackwell, the committeeman from Virginia, told AFP.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].0.as_deref(), Some("Morton Blackwell"));
        assert_eq!(a[0].3, "\"He will win,\"");
        let a = attr("\"We will see,\" Adam Green, a co-founder, said in a statement.");
        assert_eq!(a[0].0.as_deref(), Some("Adam Green"), "{a:?}");
    }

    #[test]
    fn a_name_before_an_inserted_clause_speaks() {
        // an auxiliary between the clause's comma and the cue
        assert_eq!(
            speaker_of(
                "Rabbi Marvin Hier, the founder of the Simon Wiesenthal Center in Los Angeles, has said that the event is different.",
                "said"
            ),
            Some("Rabbi Marvin Hier".into())
        );
        assert_eq!(
            speaker_of("At Boca West, where it costs $70,000 to join, Jay DiPietro, the club's president, suggested that the troubles were temporary.", "suggested"),
            Some("Jay DiPietro".into())
        );
        // a fronted phrase is not the name
        assert_eq!(
            speaker_of(
                "On Sunday, Hillary Clinton, the front-runner, called on tech companies to help.",
                "called"
            ),
            Some("Hillary Clinton".into())
        );
        // Reid, not the adverb
        assert_eq!(
            speaker_of("Senate leader Harry Reid relentlessly attacked the brothers, saying they were greedy.", "attacked"),
            Some("Senate leader Harry Reid".into())
        );
    }

    #[test]
    fn a_colon_tally_is_no_statement() {
        assert!(attr("Clinton: 2,316.").is_empty());
        assert_eq!(attr("PENCE: Well, look, we will win.").len(), 1);
        // a lead that names no speaker
        assert!(attr("Q: What do you make of the plan?").is_empty());
        assert!(attr("Contributing: Jane Doe in Des Moines.").is_empty());
    }

    #[test]
    fn the_quotation_before_the_speaker_is_the_content() {
        let said = |s: &str| -> String {
            let a = attr(s);
            a.iter()
                .find(|r| r.1 == "said")
                .unwrap_or_else(|| panic!("{a:?}"))
                .3
                .clone()
        };
        assert_eq!(
            said("\"He stands for the middle class,\" Anderson said, adding that Sanders is trusted."),
            "\"He stands for the middle class,\""
        );
        assert_eq!(
            said("\"We will win,\" she said in her victory speech late Tuesday."),
            "\"We will win,\""
        );
        // a second quotation after the cue continues the first
        assert_eq!(
            said("\"We will win,\" she said, \"and we will govern.\""),
            "\"We will win,\" she said, \"and we will govern.\""
        );
    }

    #[test]
    fn a_group_pronoun_is_not_the_person_named_before() {
        let engine = crate::Engine::new(Rules::builtin().unwrap());
        let entity_of = |text: &str| {
            let a = engine
                .analyze("t", text.into(), crate::ingest::Format::Text)
                .unwrap();
            let id = a.claims.attributions[0].speaker_entity.clone()?;
            let e = a.claims.entities.iter().find(|e| e.id == id).unwrap();
            Some(e.name.clone())
        };
        let opening = "Julie Turvey runs the school in Hampshire.";
        assert_eq!(
            entity_of(&format!("{opening} She said the police were told.")).as_deref(),
            Some("Julie Turvey")
        );
        assert_eq!(
            entity_of(&format!("{opening} We said the police were told.")),
            None
        );
        assert_eq!(
            entity_of(&format!("{opening} They said the police were told.")),
            None
        );
    }
}
