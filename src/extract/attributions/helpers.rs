//! Token-level helpers the attribution passes share: quotation state, clause
//! breaks, sentence subjects, speaker phrases and their entities.

use super::*;

pub(super) fn is_quote(key: &str) -> bool {
    key == "\"" || key == "'"
}

/// The quotation state after `toks` when it was `open` before them: curly quotes
/// open and close, straight quotes toggle.
pub(super) fn quote_state(text: &str, toks: &[Token], mut open: bool) -> bool {
    for k in 0..toks.len() {
        open = quote_step(text, toks, k, open);
    }
    open
}

/// The quotation state before each token of `toks` (and after the last), when it
/// was `open` before the first: `quote_states(..)[i]` is `quote_state` of
/// `toks[..i]`, for every `i` in one pass.
pub(super) fn quote_states(text: &str, toks: &[Token], mut open: bool) -> Vec<bool> {
    let mut out = Vec::with_capacity(toks.len() + 1);
    out.push(open);
    for k in 0..toks.len() {
        open = quote_step(text, toks, k, open);
        out.push(open);
    }
    out
}

/// The quotation state after token `k` when it was `open` before it (shared
/// with the quotation extractor, `extract::quotes`).
pub(crate) fn quote_step(text: &str, toks: &[Token], k: usize, open: bool) -> bool {
    let t = &toks[k];
    if t.key != "\"" {
        return open;
    }
    // an opening mark glued to the end of a clause is a mistyped closing one
    // ("... for her here,“ said Jim Clyburn")
    let glued_after_clause = k > 0
        && toks[k - 1].span().end == t.span().start
        && matches!(toks[k - 1].key.as_str(), "," | "." | "?" | "!");
    match t.span().text(text) {
        "\u{201c}" | "\u{201e}" | "\u{ab}" if glued_after_clause => false,
        "\u{201c}" | "\u{201e}" | "\u{ab}" => true,
        "\u{201d}" | "\u{bb}" => false,
        _ => !open,
    }
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

pub(super) fn is_clause_break(key: &str) -> bool {
    matches!(
        key,
        "," | ";" | ":" | "(" | ")" | "—" | "-" | "\"" | "." | "?" | "!"
    )
}

/// True when token `i` is the period of a short capitalised abbreviation ("Mr.").
pub(super) fn abbrev_dot(text: &str, toks: &[Token], i: usize) -> bool {
    toks[i].key == "."
        && i > 0
        && toks[i - 1].kind() == TokenKind::Word
        && toks[i - 1].key.len() <= 3
        && toks[i - 1].is_capitalized(text)
        && i + 1 < toks.len()
        && toks[i + 1].is_capitalized(text)
}

/// The subject at the start of a sentence, before token `limit`: a run of
/// capitalised words (titles and initials included) or a pronoun.
pub(super) fn sentence_subject(
    text: &str,
    toks: &[Token],
    limit: usize,
    lex: &AttributionLexicon,
) -> Option<(usize, usize)> {
    let mut a = 0;
    while a < limit
        && (toks[a].kind() == TokenKind::Punct || lex.clause_openers.contains(&toks[a].key))
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
pub(super) fn colon_lead_speaker(
    text: &str,
    toks: &[Token],
    colon: usize,
    lex: &AttributionLexicon,
) -> Option<(usize, usize)> {
    let before = colon.checked_sub(1)?;
    let verb = &toks[before];
    if verb.kind() == TokenKind::Word
        && !verb.is_capitalized(text)
        && (lex.verbs.contains(&verb.key) || lex.participle_endings.ends(&verb.key))
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
pub(super) fn frame_comma(toks: &[Token], lex: &AttributionLexicon) -> Option<usize> {
    if !lex.frame_prepositions.contains(&toks.first()?.key) || toks.len() < 6 {
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
pub(super) fn is_passive(text: &str, toks: &[Token], i: usize, lex: &AttributionLexicon) -> bool {
    let mut j = i;
    while j > 0
        && i - j < 2
        && (lex.cue_adverbs.contains(&toks[j - 1].key)
            || lex.negation_words.contains(&toks[j - 1].key)
            || (lex.adverb_endings.ends(&toks[j - 1].key) && !toks[j - 1].is_capitalized(text)))
    {
        j -= 1;
    }
    j > 0
        && !lex.gerund_endings.ends(&toks[i].key)
        && lex.passive_auxiliaries.contains(&toks[j - 1].key)
}

/// For a cue at `i` right after a comma, or after a comma and auxiliaries or
/// adverbs ("X, the founder of Y, has said", "X, ..., has repeatedly promised"):
/// the index just past that comma.
pub(super) fn comma_before_cue(
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
pub(super) fn quote_then_apposition(
    text: &str,
    toks: &[Token],
    i: usize,
) -> Option<(usize, usize)> {
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
pub(super) fn name_before_inserted_clause(
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
pub(super) fn that_after_phrase(
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
            matches!(toks[k].kind(), TokenKind::Word | TokenKind::Number)
                || abbrev_dot(text, toks, k)
        })
        .find(|&k| lex.complementizers.contains(&toks[k].key) && k > c + 1)
}

pub(super) fn cover(toks: &[Token], a: usize, b: usize) -> Option<Span> {
    (a < b).then(|| toks[a].span().cover(&toks[b - 1].span()))
}

/// True for a lower-case adverb in -ly ("relentlessly", "bluntly"), not a noun
/// such as "family" (`not_adverbs`).
pub(super) fn is_adverb(text: &str, t: &Token, lex: &AttributionLexicon) -> bool {
    t.kind() == TokenKind::Word
        && t.key.len() >= 6
        && lex.adverb_endings.ends(&t.key)
        && !t.is_capitalized(text)
        && !lex.not_adverbs.contains(&t.key)
}

/// For "and" at `and`, the start of the conjunct before it when that conjunct is
/// a name, a pronoun or one lower-case word, and opens the sentence or follows a
/// clause break ("Dovere and ...", "he and ...", ", current and ..."); "Trump won
/// and officials said" joins two clauses, not two subjects.
pub(super) fn left_conjunct(
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
        if t.kind() == TokenKind::Word
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
pub(super) fn speaker_before(
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
                && toks[e - 2].kind() == TokenKind::Word))
        && !lex.pronouns.contains(&toks[e - 1].key)
    {
        // a relative pronoun is the speaker of its clause ("Obama, who called ...")
        if lex.relative_pronouns.contains(&toks[e - 1].key) {
            return Some((e - 1, e));
        }
        e -= 1;
    }
    let mut s = e;
    // a parenthetical after the name: "Rep. Gwen Moore (D-Wis.) said", or an
    // apposition between dashes: "Jason Sims — a teacher from Mount Pleasant — says"
    let dash = |k: &str| matches!(k, "-" | "--" | "\u{2014}" | "\u{2013}");
    if s > 0 && (toks[s - 1].key == ")" || dash(&toks[s - 1].key)) {
        let closer = toks[s - 1].key;
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
        if lex.phrase_conjunctions.contains(k) && s < e {
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
        if toks[s - 1].kind() == TokenKind::Punct && !matches!(k, "'" | "&" | "." | "’") {
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
pub(super) fn phrase_after(
    text: &str,
    lex: &AttributionLexicon,
    toks: &[Token],
    start: usize,
    max: usize,
) -> Option<(usize, usize)> {
    let mut e = start;
    while e < toks.len() && e - start < max {
        let k = toks[e].key.as_str();
        if (is_clause_break(k) && !abbrev_dot(text, toks, e))
            || lex.complementizers.contains(k)
            || lex.infinitive_markers.contains(k) && e > start
        {
            break;
        }
        e += 1;
    }
    (e > start).then_some((start, e))
}

pub(super) fn trim_punct(toks: &[Token], mut a: usize, mut b: usize) -> (usize, usize) {
    while a < b && matches!(toks[a].key.as_str(), "," | ":" | ";") {
        a += 1;
    }
    while b > a && matches!(toks[b - 1].key.as_str(), "," | "." | ";" | ":" | "?" | "!") {
        b -= 1;
    }
    (a, b)
}

pub(super) fn is_direct(toks: &[Token], a: usize, b: usize) -> bool {
    a < b && (is_quote(&toks[a].key) || is_quote(&toks[b - 1].key))
}

/// Resolve a speaker span to an entity: the entity mentioned there, or for a
/// pronoun the last person mentioned before it ("we" and "they" stand for a
/// group: no one person).
pub(super) fn resolve_speaker(
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
    let personal = lex.pronouns.contains(key.as_str()) || lex.personal_possessives.contains(&key);
    if personal && !lex.impersonal_pronouns.contains(&key) && !lex.group_pronouns.contains(&key) {
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
        .filter(|t| t.kind() == TokenKind::Word)
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
