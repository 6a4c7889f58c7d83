//! The passes of attribution extraction, one function each, in the order
//! `extract` runs them over a sentence: colon leads, a colon lead in the
//! sentence before, "Asked whether", "when asked", "according to", verb cues
//! (in `verb_cues.rs`), reporting nouns, hearsay adverbs and frame nouns.

use super::helpers::*;
use super::*;

/// colon leads: "PENCE: Well, look, ..." / "Poll: Voters abandon ..."
pub(super) fn colon_leads(pass: &Pass, found: &mut Found) {
    let Pass {
        text, toks, lex, n, ..
    } = *pass;
    let out = &mut found.out;
    if let Some(colon) = toks.iter().position(|t| t.key == ":") {
        let lead = &toks[..colon];
        if (1..=5).contains(&lead.len())
            && lead[0].is_capitalized(text)
            && lead.last().is_some_and(|t| t.kind() == TokenKind::Word)
            && lead
                .iter()
                .enumerate()
                .all(|(j, t)| t.kind() == TokenKind::Word || abbrev_dot(text, lead, j))
            && lead.iter().filter(|t| t.is_capitalized(text)).count() * 2
                >= lead.iter().filter(|t| t.kind() == TokenKind::Word).count()
            && !lex.not_names.contains(&lead[0].key)
            && !lex.not_speaker_leads.contains(&lead[0].key)
            && n > colon + 2
            && !lead.iter().any(|t| lex.verbs.contains(&t.key))
        {
            let speaker = cover(toks, 0, colon).expect("non-empty");
            let (ca, cb) = trim_punct(toks, colon + 1, n);
            // "Clinton: 547." is a tally, not a statement
            let says_words = toks[ca..cb].iter().any(|t| t.kind() == TokenKind::Word);
            if let Some(content) = cover(toks, ca, cb).filter(|_| says_words) {
                out.push(pass.attribution(
                    Some(speaker),
                    toks[colon].span(),
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
                out.push(pass.attribution(speaker, toks[colon].span(), None, content, true));
            }
        }
    }
}

/// a lead ending in a colon, its quotation in the next sentence:
/// "He then listed the qualities a nominee needs:" / "“In the piece I wrote, ...”"
pub(super) fn colon_lead_before(pass: &Pass, found: &mut Found) {
    let Pass {
        text,
        toks,
        prev,
        lex,
        n,
        ..
    } = *pass;
    let out = &mut found.out;
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
                out.push(pass.attribution(speaker, p[colon].span(), None, content, true));
            }
        }
    }
}

/// "Asked whether C, 75 percent said ...": a question put to the main clause's subject
pub(super) fn asked_whether(pass: &Pass, found: &mut Found) {
    let Pass {
        text, toks, lex, n, ..
    } = *pass;
    let out = &mut found.out;
    let used_cue = &mut found.used_cue;
    if n > 4
        && lex.question_cues.contains(&toks[0].key)
        && lex.question_openers.contains(&toks[1].key)
    {
        if let Some(comma) = toks.iter().position(|t| t.key == ",") {
            let (ca, cb) = trim_punct(toks, 1, comma);
            let speaker = phrase_after(text, lex, toks, comma + 1, 6)
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
                used_cue.push(toks[0].span());
                out.push(pass.attribution(
                    speaker,
                    toks[0].span(),
                    None,
                    content,
                    is_direct(toks, ca, cb),
                ));
            }
        }
    }
}

/// "when asked (by X) whether C": a question put to someone, no speaker named
/// but the asker after "by"
pub(super) fn when_asked(pass: &Pass, found: &mut Found) {
    let Pass {
        text, toks, lex, n, ..
    } = *pass;
    let out = &mut found.out;
    let used_cue = &mut found.used_cue;
    for i in 0..n.saturating_sub(2) {
        if !lex.question_cues.contains(&toks[i].key)
            || !(i == 0 || lex.question_leads.contains(&toks[i - 1].key))
            || used_cue.iter().any(|u| u.overlaps(&toks[i].span()))
            || pass.quoted[i]
        {
            continue;
        }
        // skip an adverb, the asker ("by Stephanopoulos") or where ("on Fox News")
        // "asked whether C", and "asked to respond": a request is put as a question
        let opens = |t: &Token| {
            lex.question_openers.contains(&t.key) || lex.infinitive_markers.contains(&t.key)
        };
        let mut k = i + 1;
        let mut asker = None;
        while k < n && k - i <= 6 && !opens(&toks[k]) {
            if matches!(toks[k].key.as_str(), "," | "." | ";" | "\"") {
                break;
            }
            if lex.agent_markers.contains(&toks[k].key) && asker.is_none() {
                asker = phrase_after(text, lex, toks, k + 1, 4).map(|(a, b)| {
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
        let skippable = |t: &Token| t.kind() == TokenKind::Word && !lex.verbs.contains(&t.key);
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
            used_cue.push(toks[i].span());
            out.push(pass.attribution(
                asker.and_then(|(a, b)| cover(toks, a, b)),
                toks[i].span(),
                None,
                content,
                is_direct(toks, ca, cb),
            ));
        }
    }
}

/// "according to X, C" and "C, according to X"
pub(super) fn according_to(pass: &Pass, found: &mut Found) {
    let Pass {
        text, toks, lex, n, ..
    } = *pass;
    let out = &mut found.out;
    let used_cue = &mut found.used_cue;
    for i in 0..n {
        for p in &lex.phrases {
            if i + p.len() <= n
                && p.iter().zip(&toks[i..]).all(|(w, t)| *w == t.key)
                && !pass.quoted[i]
            {
                let cue = cover(toks, i, i + p.len()).expect("non-empty phrase");
                let Some((ss, se)) = phrase_after(text, lex, toks, i + p.len(), 12) else {
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
                out.push(pass.attribution(
                    Some(speaker),
                    cue,
                    None,
                    content,
                    is_direct(toks, ca, cb),
                ));
            }
        }
    }
}

/// "his criticism of the deal", "Trump's claim that C": a reporting noun after a
/// possessive, whose owner speaks
pub(super) fn reporting_nouns(pass: &Pass, found: &mut Found) {
    let Pass {
        text, toks, lex, n, ..
    } = *pass;
    let out = &mut found.out;
    for i in 1..n.saturating_sub(2) {
        if !lex.nouns.contains(&toks[i].key)
            || out
                .iter()
                .any(|a: &Attribution| a.cue.overlaps(&toks[i].span()))
            || pass.quoted[i]
        {
            continue;
        }
        let marker = toks[i + 1].key.as_str();
        if !(lex.complementizers.contains(marker)
            || lex.speaker_leading_trim.contains(marker)
            || lex.noun_prepositions.contains(marker))
        {
            continue;
        }
        // the owner: a possessive pronoun, or a name in 's, maybe one adjective between
        let owner_at = |k: usize| -> Option<(usize, usize)> {
            if lex.possessive_pronouns.contains(&toks[k].key) {
                return Some((k, k + 1));
            }
            let t = toks[k].span().text(text);
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
                && toks[i - 1].kind() == TokenKind::Word
                && !toks[i - 1].is_capitalized(text)
                && !lex.nouns.contains(&toks[i - 1].key))
            .then(|| owner_at(i - 2))
            .flatten()
        });
        let Some((sa, sb)) = owner else {
            continue;
        };
        let start = i + 2;
        let end = if lex.complementizers.contains(marker) {
            n
        } else {
            phrase_after(text, lex, toks, start, 12).map_or(start, |(_, e)| e)
        };
        let (ca, cb) = trim_punct(toks, start, end);
        if let Some(content) = cover(toks, ca, cb) {
            out.push(pass.attribution(
                cover(toks, sa, sb),
                toks[i].span(),
                None,
                content,
                is_direct(toks, ca, cb),
            ));
        }
    }
}

/// "The club is reportedly spending $1.5 million": an adverb of hearsay
/// attributes its clause to sources it does not name
pub(super) fn hearsay_adverbs(pass: &Pass, found: &mut Found) {
    let Pass { toks, lex, n, .. } = *pass;
    let out = &mut found.out;
    for i in 0..n {
        if !lex.hearsay_adverbs.contains(&toks[i].key)
            || toks[i + 1..]
                .iter()
                .take(2)
                .any(|t| lex.verbs.contains(&t.key))
            || out
                .iter()
                .any(|a: &Attribution| a.cue.overlaps(&toks[i].span()))
            || pass.quoted[i]
        {
            continue;
        }
        let start = toks[..i]
            .iter()
            .rposition(|t| matches!(t.key.as_str(), ";" | ":"))
            .map_or(0, |k| k + 1);
        let (ca, cb) = trim_punct(toks, start, n);
        if let Some(content) = cover(toks, ca, cb).filter(|_| cb > ca + 2) {
            out.push(pass.attribution(
                None,
                toks[i].span(),
                None,
                content,
                is_direct(toks, ca, cb),
            ));
        }
    }
}

/// "In a CNN poll released Monday, 50 percent back Trump": the document the
/// sentence reports from, when no verb in it reports
pub(super) fn frame_nouns(pass: &Pass, found: &mut Found) {
    let Pass { toks, lex, n, .. } = *pass;
    let out = &mut found.out;
    if let Some(comma) = frame_comma(toks, lex).filter(|_| out.is_empty()) {
        let (ca, cb) = trim_punct(toks, comma + 1, n);
        if let (Some(source), Some(content)) = (cover(toks, 1, comma), cover(toks, ca, cb)) {
            out.push(pass.attribution(
                Some(source),
                toks[0].span(),
                None,
                content,
                is_direct(toks, ca, cb),
            ));
        }
    }
}
