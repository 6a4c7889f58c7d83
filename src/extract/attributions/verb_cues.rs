//! The verb-cue pass: "X said (that) C", "“C,” X said", "“C,” said X",
//! "X did Y and said C", "..., saying C", "was endorsed by X". Each candidate
//! verb goes through four steps: is it a cue here ([`cue_at`]), what follows it
//! ([`tail_of`]), who speaks and what is said ([`speaker_and_content`]), and is
//! the verb passive ([`passive_agent`]).

use super::helpers::*;
use super::*;

/// Reporting verbs, one attribution each.
pub(super) fn verb_cues(pass: &Pass, found: &mut Found) {
    let title_case = is_title_case(pass.text, pass.toks);
    for i in 0..pass.n {
        let Some((cue, after)) = cue_at(pass, i, title_case) else {
            continue;
        };
        let Some(tail) = tail_of(pass, i, after) else {
            continue;
        };
        let Some((speaker, content, direct)) =
            speaker_and_content(pass, &found.out, i, after, cue, &tail)
        else {
            continue;
        };
        if found.used_cue.iter().any(|u| u.overlaps(&cue)) {
            continue;
        }
        let (speaker, content) = passive_agent(pass, i, after, speaker, content);
        found
            .out
            .push(pass.attribution(speaker, cue, tail.addressee, content, direct));
    }
}

/// A Title Case headline capitalises its verbs: "Sanders Says He Will Win".
fn is_title_case(text: &str, toks: &[Token]) -> bool {
    let long_words: Vec<&Token> = toks
        .iter()
        .filter(|t| t.kind() == TokenKind::Word && t.key.len() > 3)
        .collect();
    long_words.len() >= 3
        && long_words.iter().filter(|t| t.is_capitalized(text)).count() * 10 >= long_words.len() * 8
}

/// The cue at token `i` and the first token after it, if the word there is a
/// reporting verb (or a multi-word one) used as a verb.
fn cue_at(pass: &Pass, i: usize, title_case: bool) -> Option<(Span, usize)> {
    let Pass {
        text, toks, lex, n, ..
    } = *pass;
    let key = &toks[i].key;
    // a multi-word verb ("points out", "went on to say") is one cue, and so is
    // a reporting infinitive after a verb of continuing or refusing ("continued
    // to criticize", "refused to say"; not "want to say")
    let governs = lex.infinitive_governors.contains(key)
        && toks
            .get(i + 1)
            .is_some_and(|t| lex.infinitive_markers.contains(&t.key))
        && toks.get(i + 2).is_some_and(|t| lex.verbs.contains(&t.key));
    let phrase_len = lex
        .verb_phrases
        .get(key.as_str())
        .and_then(|ps| {
            ps.iter()
                .find(|p| i + p.len() <= n && p.iter().zip(&toks[i..]).all(|(w, t)| *w == t.key))
        })
        .map(|p| p.len())
        .or(governs.then_some(3));
    if toks[i].kind() != TokenKind::Word
        || !(phrase_len.is_some() || lex.verbs.contains(key))
        || (toks[i].is_capitalized(text) && !(title_case && i > 0))
    {
        return None;
    }
    // "made three points to Lavrov": after a number the phrase is a noun's
    let counted = i > 0
        && (lex.number_words.contains(toks[i - 1].key.as_str())
            || toks[i - 1].key.starts_with(|c: char| c.is_ascii_digit()));
    if phrase_len.is_some() && counted {
        return None;
    }
    if i > 0
        && (lex.infinitive_markers.contains(&toks[i - 1].key)
            || (lex.noun_markers.contains(&toks[i - 1].key)
                && !(lex.gerund_endings.ends(key)
                    && lex.gerund_openers.contains(&toks[i - 1].key))))
    {
        return None;
    }
    // a reporting verb inside a quotation is the quoted speaker's, not the
    // article's ("“You can say that,” he said")
    if pass.quoted[i] {
        return None;
    }
    // after a possessive the word is a noun: "Trump's tweet", "Clinton's support"
    // ("he's said", "who's saying" are contractions, not possessives)
    if i > 0 && {
        let p = toks[i - 1].span().text(text).to_lowercase();
        let base = p.strip_suffix("'s").or_else(|| p.strip_suffix("\u{2019}s"));
        base.is_some_and(|b| !lex.pronouns.contains(b) && !lex.non_speakers.contains(b))
    } {
        return None;
    }
    let after = i + phrase_len.unwrap_or(1);
    cover(toks, i, after).map(|cue| (cue, after))
}

/// What follows a cue: its addressee, where its complement starts, and the
/// content after it.
struct Tail {
    /// "told Reuters": who was spoken to.
    addressee: Option<Span>,
    /// The token where the complement starts (a marker such as "that", or the content).
    c: usize,
    /// Tokens of the content after the cue, punctuation trimmed.
    content_after: (usize, usize),
}

/// The tail of the cue at `i` (ending before `after`), if the verb has the
/// complement a statement needs.
fn tail_of(pass: &Pass, i: usize, after: usize) -> Option<Tail> {
    let Pass {
        text,
        toks,
        prev,
        lex,
        n,
        ..
    } = *pass;
    let key = &toks[i].key;
    // addressee and complementiser after the cue
    let mut c = after;
    let mut addressee = None;
    if lex.addressee_verbs.contains(key) {
        if let Some((a, b)) = phrase_after(text, lex, toks, c, 6) {
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
    // "the town is contending with ...", "charged with murder": the verb of an
    // action, not of a statement
    if toks
        .get(after)
        .is_some_and(|t| lex.not_after_cue.contains(&t.key))
    {
        return None;
    }
    // "he declared:" ending the sentence: its quotation is the next sentence,
    // read by the colon lead pass
    if marker == Some(":") && trim_punct(toks, c + 1, n).0 >= n {
        return None;
    }
    // a quotation opening within a few words counts too: "called Trump “unhinged”"
    let quote_soon = toks[c.min(n)..]
        .iter()
        .take(6)
        .take_while(|t| !matches!(t.key.as_str(), "." | ";" | "?" | "!"))
        .any(|t| t.key == "\"");
    let has_marker = marker
        .is_some_and(|m| lex.complementizers.contains(m) || matches!(m, ":" | "\"" | "'"))
        || (marker == Some(",") && toks.get(c + 1).is_some_and(|t| is_quote(&t.key)))
        || quote_soon
        // "asked Sanders how he felt", "wondered whether C": an indirect question
        || marker.is_some_and(|m| lex.indirect_question_words.contains(m));
    // three words or more follow (counted no further: a cue's cost stays constant)
    let clause_after = toks[c..]
        .iter()
        .filter(|t| t.kind() != TokenKind::Punct)
        .nth(2)
        .is_some();
    let ends_sentence = |at: usize| at + 1 >= n || lex.speaker_leading_trim.contains(&toks[at].key);
    // the content may stand before the cue: "\"C,\" X wrote." / "\"C,\" wrote X."
    // when nothing follows but a phrase that opens with a preposition or an
    // adverb: "X wrote.", "X wrote in an early morning tweet on Twitter."
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
                && phrase_after(text, lex, toks, after, 10)
                    .is_some_and(|(_, e)| ends_sentence(e) || toks[e].key == ",")
        }
    };
    // "..., suggesting the senator sees issues as black and white": a participle
    // after a comma takes the sentence's subject and its clause
    let participle_clause = lex.gerund_endings.ends(key)
        && i > 0
        && matches!(toks[i - 1].key.as_str(), "," | "\u{2014}" | "-")
        && clause_after;
    let has_complement = has_marker
        || (clause_after && has_named_subject(pass, i))
        || content_before
        || participle_clause;
    // a verb that is a cue only before "that"/a quote/a colon, unless its
    // subject stands right before it
    if lex.needs_complement.contains(key) && !has_complement {
        return None;
    }
    let content_after = {
        let mut a = c;
        if marker.is_some_and(|m| lex.complementizers.contains(m) || matches!(m, ":" | ",")) {
            a += 1;
        }
        trim_punct(toks, a, n)
    };
    Some(Tail {
        addressee,
        c,
        content_after,
    })
}

/// Whether a name, a pronoun, "who" or a phrase opening the sentence or a
/// clause stands right before the verb at `i` as its subject.
fn has_named_subject(pass: &Pass, i: usize) -> bool {
    let Pass {
        text, toks, lex, ..
    } = *pass;
    let named_subject = speaker_before(text, toks, i, lex).is_some_and(|(ss, se)| {
        let last = &toks[se - 1];
        se - ss <= 8
            && !lex.generic_pronouns.contains(&last.key)
            && (last.is_capitalized(text)
                || lex.pronouns.contains(&last.key)
                || lex.document_subjects.contains(&last.key)
                || lex.relative_pronouns.contains(&last.key)
                // the phrase that opens the sentence or a clause: "The
                // candidate also continued to refute ...", "..., and the
                // campaign endorsed ..."
                || ((ss == 0
                    || is_clause_break(&toks[ss - 1].key)
                    || lex.clause_openers.contains(&toks[ss - 1].key))
                    && last.kind() == TokenKind::Word))
    });
    // "Sheldon Adelson, the casino magnate, has indicated he ...": a name
    // before an inserted clause is the subject too
    named_subject
        || comma_before_cue(text, toks, i, lex)
            .filter(|&ci| ci > 1 && !is_quote(&toks[ci - 2].key))
            .and_then(|ci| name_before_inserted_clause(text, toks, ci, lex))
            .is_some()
}

/// The speaker, the content and whether it is quoted, for the cue at `i`:
/// from the sentence's layout around the cue. `earlier`: the attributions this
/// sentence has so far.
fn speaker_and_content(
    pass: &Pass,
    earlier: &[Attribution],
    i: usize,
    after: usize,
    cue: Span,
    tail: &Tail,
) -> Option<(Option<Span>, Span, bool)> {
    let Pass {
        text, toks, lex, n, ..
    } = *pass;
    let key = &toks[i].key;
    let content_after = tail.content_after;
    let ends_sentence = |at: usize| at + 1 >= n || lex.speaker_leading_trim.contains(&toks[at].key);
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
    let after_content = || {
        Some((
            cover(toks, content_after.0, content_after.1)?,
            is_direct(toks, content_after.0, content_after.1),
        ))
    };
    if coordinated && content_after.1 > content_after.0 + 1 {
        let subject = pass.subject_before(j - 1)?;
        let (content, direct) = after_content()?;
        return Some((Some(subject), content, direct));
    }
    if j > 0
        && lex.gerund_endings.ends(key)
        && (matches!(toks[j - 1].key.as_str(), "," | "—" | "-")
            || lex.gerund_openers.contains(&toks[j - 1].key)
            || (j > 1 && is_quote(&toks[j - 1].key) && toks[j - 2].key == ","))
    {
        // "X did Y, saying C" / "— saying C" / "by saying C" / "X said “C,”
        // adding C": the sentence's subject speaks, or the speaker of the
        // sentence's first cue before it ("“C,” Fiorina said, adding C")
        let first = earlier
            .iter()
            .find(|a| a.cue.end <= cue.start)
            .and_then(|a| a.speaker);
        let subject = first.or_else(|| pass.subject_before(i))?;
        if content_after.1 <= content_after.0 + 1 {
            return None;
        }
        let (content, direct) = after_content()?;
        return Some((Some(subject), content, direct));
    }
    if let Some((ss, se)) = speaker_before(text, toks, i, lex) {
        return content_around_speaker(pass, ss, se, content_after);
    }
    if let Some((q, name_end)) = quote_then_apposition(text, toks, i)
        .filter(|_| ends_sentence(tail.c) || content_after.1 <= content_after.0 + 1)
    {
        // "“C,” Morton Blackwell, the committeeman from Virginia, told AFP."
        let (ba, bb) = trim_punct(toks, 0, q + 1);
        return Some((cover(toks, q + 1, name_end), cover(toks, ba, bb)?, true));
    }
    if let Some(ci) = comma_before_cue(text, toks, i, lex)
        .filter(|&ci| ci > 1 && !is_quote(&toks[ci - 2].key))
        .filter(|&ci| toks[..ci - 1].iter().any(|t| t.key == ","))
        .filter(|_| content_after.1 > content_after.0 + 1)
    {
        // "X, who did Y, (has) said C": an inserted clause between subject and
        // cue; the name right before the clause's comma ("..., Jay DiPietro,
        // the club's president, suggested"), else the sentence's subject
        // (the first comma after a name that opens the sentence or a clause)
        let named = name_before_inserted_clause(text, toks, ci, lex);
        let subject = named.or_else(|| pass.subject_before(i))?;
        let (content, direct) = after_content()?;
        return Some((Some(subject), content, direct));
    }
    if i > 0 && matches!(toks[i - 1].key.as_str(), "," | "\"" | "'") {
        // "\"C,\" said X"
        let (ss, se) = phrase_after(text, lex, toks, after, 10)?;
        let (ba, bb) = trim_punct(toks, 0, i);
        return Some((
            cover(toks, ss, se),
            cover(toks, ba, bb)?,
            is_direct(toks, ba, bb),
        ));
    }
    None
}

/// "X said (that) C" or "\"C,\" X said" / "C, X said.": the speaker phrase
/// `ss..se` stands before the cue; the content follows it or stands before it.
fn content_around_speaker(
    pass: &Pass,
    ss: usize,
    se: usize,
    content_after: (usize, usize),
) -> Option<(Option<Span>, Span, bool)> {
    let Pass { toks, prev, .. } = *pass;
    let (ba, bb) = trim_punct(toks, 0, ss);
    let after_len = content_after.1.saturating_sub(content_after.0);
    let speaker = cover(toks, ss, se);
    // "“C,” X said, adding D" / "“C,” X said in a statement": the quotation
    // that closes right before the speaker is what was said
    let quote_closes_before = bb > ba
        && ss > 1
        && is_quote(&toks[ba].key)
        && is_quote(&toks[ss - 1].key)
        && matches!(toks[ss - 2].key.as_str(), "," | "?" | "!");
    let continues_quote = toks.get(content_after.0).is_some_and(|t| is_quote(&t.key));
    if after_len >= 2 && quote_closes_before && !continues_quote {
        return Some((speaker, cover(toks, ba, bb)?, true));
    }
    if after_len >= 2 {
        let content = if bb > ba && ss > 0 && toks[ss - 1].key == "," && is_quote(&toks[ba].key) {
            cover(toks, ba, content_after.1)
        } else if quote_closes_before {
            // "“C,” X said. “D.”": both quotations
            cover(toks, ba, content_after.1)
        } else {
            cover(toks, content_after.0, content_after.1)
        };
        return Some((
            speaker,
            content?,
            is_direct(toks, content_after.0, content_after.1),
        ));
    }
    if bb > ba && ss > 0 && matches!(toks[ss - 1].key.as_str(), "," | "\"" | "'") {
        return Some((speaker, cover(toks, ba, bb)?, is_direct(toks, ba, bb)));
    }
    // "“...?” Clinton said." split after the question mark
    let p = prev.filter(|p| ss == 0 && p.last().is_some_and(|t| is_quote(&t.key)))?;
    let (pa, pb) = trim_punct(p, 0, p.len());
    Some((speaker, cover(p, pa, pb)?, true))
}

/// "was endorsed (on Friday) by X": X speaks, about the subject. The speaker
/// and content of a passive cue at `i`; others unchanged.
fn passive_agent(
    pass: &Pass,
    i: usize,
    after: usize,
    speaker: Option<Span>,
    content: Span,
) -> (Option<Span>, Span) {
    let Pass {
        text, toks, lex, n, ..
    } = *pass;
    if !is_passive(text, toks, i, lex) {
        return (speaker, content);
    }
    let by = (after..(after + 3).min(n))
        .take_while(|&k| toks[k].kind() == TokenKind::Word)
        .find(|&k| lex.agent_markers.contains(&toks[k].key));
    let agent = by
        .and_then(|k| phrase_after(text, lex, toks, k + 1, 8))
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
}
