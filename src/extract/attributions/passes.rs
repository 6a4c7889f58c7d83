//! The passes of attribution extraction, one function each, in the order
//! `extract` runs them over a sentence: colon leads, a colon lead in the
//! sentence before, "Asked whether", "when asked", "according to", verb cues,
//! reporting nouns, hearsay adverbs and frame nouns.

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
                out.push(pass.attribution(
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
                out.push(pass.attribution(speaker, toks[colon].span, None, content, true));
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
                out.push(pass.attribution(speaker, p[colon].span, None, content, true));
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
                used_cue.push(toks[0].span);
                out.push(pass.attribution(
                    speaker,
                    toks[0].span,
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
        text,
        toks,
        in_quote,
        lex,
        n,
        ..
    } = *pass;
    let out = &mut found.out;
    let used_cue = &mut found.used_cue;
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
            out.push(pass.attribution(
                asker.and_then(|(a, b)| cover(toks, a, b)),
                toks[i].span,
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
        text,
        toks,
        in_quote,
        lex,
        n,
        ..
    } = *pass;
    let out = &mut found.out;
    let used_cue = &mut found.used_cue;
    for i in 0..n {
        for p in &lex.phrases {
            if i + p.len() <= n
                && p.iter().zip(&toks[i..]).all(|(w, t)| *w == t.key)
                && !quote_state(text, &toks[..i], in_quote)
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

/// a Title Case headline capitalises its verbs: "Sanders Says He Will Win"
pub(super) fn verb_cues(pass: &Pass, found: &mut Found) {
    let Pass {
        text,
        toks,
        prev,
        in_quote,
        lex,
        n,
        ..
    } = *pass;
    let out = &mut found.out;
    let used_cue = &mut found.used_cue;
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
            && toks
                .get(i + 1)
                .is_some_and(|t| lex.infinitive_markers.contains(&t.key))
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
            && (lex.infinitive_markers.contains(&toks[i - 1].key)
                || (lex.noun_markers.contains(&toks[i - 1].key)
                    && !(lex.gerund_endings.ends(key)
                        && lex.gerund_openers.contains(&toks[i - 1].key))))
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
                    || lex.relative_pronouns.contains(&last.key)
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
                    && phrase_after(text, lex, toks, after, 10)
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
        let participle_clause = lex.gerund_endings.ends(key)
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
            if marker.is_some_and(|m| lex.complementizers.contains(m) || matches!(m, ":" | ",")) {
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
            let Some(subject) = pass.subject_before(j - 1) else {
                continue;
            };
            speaker = Some(subject);
            content_span = cover(toks, content_after.0, content_after.1);
            direct = is_direct(toks, content_after.0, content_after.1);
        } else if j > 0
            && lex.gerund_endings.ends(key)
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
            let Some(subject) = earlier.or_else(|| pass.subject_before(i)) else {
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
            let Some(subject) = named.or_else(|| pass.subject_before(i)) else {
                continue;
            };
            speaker = Some(subject);
            content_span = cover(toks, content_after.0, content_after.1);
            direct = is_direct(toks, content_after.0, content_after.1);
        } else if i > 0 && matches!(toks[i - 1].key.as_str(), "," | "\"" | "'") {
            // "\"C,\" said X"
            let Some((ss, se)) = phrase_after(text, lex, toks, after, 10) else {
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
        } else {
            (speaker, content)
        };
        out.push(pass.attribution(speaker, cue, addressee, content, direct));
    }
}

/// "his criticism of the deal", "Trump's claim that C": a reporting noun after a
/// possessive, whose owner speaks
pub(super) fn reporting_nouns(pass: &Pass, found: &mut Found) {
    let Pass {
        text,
        toks,
        in_quote,
        lex,
        n,
        ..
    } = *pass;
    let out = &mut found.out;
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
        let end = if lex.complementizers.contains(marker) {
            n
        } else {
            phrase_after(text, lex, toks, start, 12).map_or(start, |(_, e)| e)
        };
        let (ca, cb) = trim_punct(toks, start, end);
        if let Some(content) = cover(toks, ca, cb) {
            out.push(pass.attribution(
                cover(toks, sa, sb),
                toks[i].span,
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
    let Pass {
        text,
        toks,
        in_quote,
        lex,
        n,
        ..
    } = *pass;
    let out = &mut found.out;
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
            out.push(pass.attribution(None, toks[i].span, None, content, is_direct(toks, ca, cb)));
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
                toks[0].span,
                None,
                content,
                is_direct(toks, ca, cb),
            ));
        }
    }
}
