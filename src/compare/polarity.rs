//! Polarity: a negation added or dropped, or a word swapped for its antonym, in an aligned claim.

use super::*;
use crate::key::Key;

/// The rules this family reports.
pub(super) const RULES: &[RuleId] = &[RuleId::Negation, RuleId::Antonym];

/// In each closely supported draft sentence: a negation added or dropped against
/// its source sentences, and a word swapped for its antonym.
pub(super) fn check(cx: &Ctx, sink: &mut Sink) {
    let mut found = Vec::new();
    // a negation in a draft quotation that no source sentence has is the quoted
    // speaker's claim, which the draft reports but does not make (the
    // quotation checks compare it with the source's quotations)
    let quoted = |w: Span| quotation_at(cx.draft_quotes(), w).is_some_and(|q| q.span.contains(&w));
    // and so is a flip of a word the source states outside any quotation: the
    // quoted speaker's claim against the source's own
    let source_quoted =
        |w: Span| quotation_at(cx.source_quotes(), w).is_some_and(|q| q.span.overlaps(&w));
    for di in closely_supported(cx) {
        let sup = &cx.al.draft_support[di];
        // a flip of a quoted word against a quoted word is the quotation
        // checks' to find: they compare the two quotations word for word (a
        // draft quotation that stops before the source's "no deal" flips
        // nothing)
        let (mut flips, mut quoted_flips): (Vec<_>, Vec<_>) =
            polarity_flips(cx, di, &sup.sentences)
                .into_iter()
                .filter(|&(src, drf)| !(quoted(drf) && source_quoted(src)))
                .partition(|&(_, drf)| !quoted(drf));
        // a negation the draft inserts where no supporting sentence has any
        let source_negates = sup.sentences.iter().any(|&si| {
            let toks = &cx.source.claims.tokens[si];
            (0..toks.len()).any(|k| negates(cx, toks, k))
        });
        if flips.is_empty() && quoted_flips.is_empty() && !source_negates && sup.score >= 0.6 {
            let d = &cx.draft.claims.tokens[di];
            let negated_here = negated_words(cx, d);
            if let Some(k) = (0..d.len()).find(|&k| {
                negates(cx, d, k)
                    && scope_in_sources(cx, d, k, &sup.sentences)
                    && !negated_elsewhere(cx, d, k)
                    && !negated_here
                        .iter()
                        .any(|&(n, w)| n == k && source_negates_alike(cx, d, w))
                    && !negated_here
                        .iter()
                        .any(|&(n, w)| n == k && said_in_other_mode(cx, d, w, &sup.sentences))
            }) {
                let source = cx.source.doc.sentences[sup.sentences[0]].span;
                if quoted(d[k].span()) {
                    quoted_flips.push((source, d[k].span()));
                } else {
                    flips.push((source, d[k].span()));
                }
            }
        }
        let mut swaps = antonym_swaps(cx, di, &sup.sentences);
        if swaps.is_empty() {
            swaps = antonyms_elsewhere(cx, di);
        }
        for (src, drf) in swaps {
            found.push((
                RuleId::Antonym,
                format!(
                    "opposite words: source \"{}\", draft \"{}\"",
                    cx.st(src),
                    cx.dt(drf)
                ),
                vec![src],
                vec![drf],
            ));
        }
        let polarity_differs = |src: Span, drf: Span| {
            format!(
                "polarity differs: source \"{}\", draft \"{}\"",
                src.text(&cx.source.doc.text),
                cx.dt(drf)
            )
        };
        for (src, drf) in flips {
            found.push((
                RuleId::Negation,
                polarity_differs(src, drf),
                vec![src],
                vec![drf],
            ));
        }
        for (src, drf) in quoted_flips {
            found.push((
                RuleId::OtherEvent,
                format!(
                    "{}, but inside the draft's quotation: the quoted speaker's claim, not the draft's",
                    polarity_differs(src, drf)
                ),
                vec![src],
                vec![drf],
            ));
        }
    }
    sink.push_all(found);
}

/// The first of `quotes` (in text order) that ends after `w` starts: the one
/// that may hold it.
fn quotation_at(
    quotes: &[crate::extract::quotes::Quotation],
    w: Span,
) -> Option<&crate::extract::quotes::Quotation> {
    quotes.get(quotes.partition_point(|q| q.span.end <= w.start))
}

pub(super) fn is_negator<W>(cx: &Ctx, key: &W) -> bool
where
    W: crate::rules::SetWord + AsRef<str> + ?Sized,
{
    cx.words.negators.contains(key) || key.as_ref().ends_with("n't")
}

/// True when token `i` negates: a negator not opening an idiom ("no doubt").
pub(super) fn negates(cx: &Ctx, toks: &[crate::extract::tokens::Token], i: usize) -> bool {
    let next_is = |pairs: &[(String, String)]| {
        toks.get(i + 1)
            .is_some_and(|n| pairs.iter().any(|(a, b)| *a == toks[i].key && *b == n.key))
    };
    (is_negator(cx, &toks[i].key) || next_is(&cx.words.negating_phrases))
        && !opens_idiom(cx, toks, i)
}

/// True when the words from `i` on are a negation idiom ("not only", "not the
/// only"), or a negating phrase's words are followed by the rest of one ("far
/// from the only": "far from" negates "the only", which is the idiom).
fn opens_idiom(cx: &Ctx, toks: &[crate::extract::tokens::Token], i: usize) -> bool {
    cx.words.idioms.iter().any(|idiom| {
        idiom.len() <= toks.len() - i && idiom.iter().zip(&toks[i..]).all(|(w, t)| *w == t.key)
    })
}

/// Negated content words of a sentence: (negator index, index of the word it scopes over).
pub(super) fn negated_words(
    cx: &Ctx,
    toks: &[crate::extract::tokens::Token],
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 0..toks.len() {
        if !negates(cx, toks, i) {
            continue;
        }
        if let Some(off) = toks[i + 1..]
            .iter()
            .take(NEGATION_REACH)
            .position(|w| w.kind() != TokenKind::Word || !cx.words.stop.contains(&w.key))
            .filter(|&off| {
                let w = &toks[i + 1 + off];
                w.kind() == TokenKind::Word && !is_negator(cx, &w.key)
            })
            .or_else(|| {
                toks[i + 1..].iter().take(3).position(|w| {
                    w.kind() == TokenKind::Word
                        && !cx.words.stop.contains(&w.key)
                        && !is_negator(cx, &w.key)
                })
            })
        {
            out.push((i, i + 1 + off));
        }
    }
    out
}

/// True when a content word the negator at `k` scopes over (within
/// [`NEGATION_REACH`] tokens) is in a supporting source sentence: the negated
/// claim is one the source makes. "didn't review it" aligned to a sentence that
/// never mentions a review is another claim, not a flipped one.
pub(super) fn scope_in_sources(
    cx: &Ctx,
    toks: &[crate::extract::tokens::Token],
    k: usize,
    sources: &[usize],
) -> bool {
    toks[k + 1..]
        .iter()
        .take(NEGATION_REACH)
        .take_while(|t| t.kind() == TokenKind::Word)
        .filter(|t| !cx.words.stop.contains(&t.key) && !is_negator(cx, &t.key))
        .any(|t| {
            let st = t.key.stem();
            sources.iter().any(|&si| {
                cx.source.claims.tokens[si]
                    .iter()
                    .any(|s| s.key.stem() == st)
            })
        })
}

/// True when some source sentence puts the same negator before a word the draft's
/// negator at `k` scopes over: "without model permission" where the source has
/// "without her permission" in a sentence the alignment did not pick.
pub(super) fn negated_elsewhere(
    cx: &Ctx,
    toks: &[crate::extract::tokens::Token],
    k: usize,
) -> bool {
    let words = cx.source_words();
    // stems the source never has cannot be found after its negators
    let scope: Vec<u32> = toks[k + 1..]
        .iter()
        .take(NEGATION_REACH)
        .take_while(|t| t.kind() == TokenKind::Word)
        .filter(|t| !cx.words.stop.contains(&t.key) && !is_negator(cx, &t.key))
        .filter_map(|t| words.stem_id(&t.key.stem()))
        .collect();
    !scope.is_empty()
        && words.positions(&toks[k].key).any(|(si, j)| {
            words.stems(si)[j + 1..]
                .iter()
                .take(NEGATION_REACH)
                .any(|id| scope.contains(id))
        })
}

/// True when a supporting source sentence uses the draft word at `w` in a
/// clause of other modality: "could have sentenced her with the possibility of
/// release" against "sentenced with no possibility of parole".
fn said_in_other_mode(
    cx: &Ctx,
    d: &[crate::extract::tokens::Token],
    w: usize,
    sources: &[usize],
) -> bool {
    let ws = d[w].key.stem();
    sources.iter().any(|&si| {
        cx.source.claims.tokens[si]
            .iter()
            .filter(|t| t.kind() == TokenKind::Word && t.key.stem() == ws)
            .any(|t| {
                let words = clauses::WordPair::of(cx, t.span(), d[w].span());
                clauses::other_modality(cx.rules, words)
            })
    })
}

/// True when the source negates the draft's predicate at `w` of the same thing
/// in some sentence, maybe one the alignment did not pick ("never offered
/// Sestak" where it has "did not offer Mr. Sestak"). Only sentences using the
/// word are parsed.
fn source_negates_alike(cx: &Ctx, d: &[crate::extract::tokens::Token], w: usize) -> bool {
    let using_word = cx.source_words().sentences_with_word(&d[w].key.stem());
    clauses::negated_alike(
        cx,
        cx.draft,
        d[w].span(),
        using_word.iter().map(|&si| si as usize),
    )
}

/// Tokens a negator reaches over when all between are function words
/// ("nor must it be seen").
pub(super) const NEGATION_REACH: usize = 5;

/// True when the token at `j` has a negator within the three tokens before it,
/// or further back over function words only.
pub(super) fn negated_at(cx: &Ctx, toks: &[crate::extract::tokens::Token], j: usize) -> bool {
    if (j.saturating_sub(3)..j).any(|i| negates(cx, toks, i)) {
        return true;
    }
    for i in (j.saturating_sub(NEGATION_REACH)..j).rev() {
        if negates(cx, toks, i) {
            return true;
        }
        if toks[i].kind() != TokenKind::Word || !cx.words.stop.contains(&toks[i].key) {
            return false;
        }
    }
    false
}

/// True unless the parse shows the source word and the draft word, one stem,
/// in two claims: clauses about different things, of other modality, or one
/// a noun and the other a verb.
fn one_claim(cx: &Ctx, source_word: Span, draft_word: Span) -> bool {
    let words = clauses::WordPair::of(cx, source_word, draft_word);
    !clauses::about_different_things(words)
        && !clauses::other_modality(cx.rules, words)
        && !clauses::noun_and_verb(words)
}

/// True when the parse shows the clause of the word at `word` negated by an
/// argument ("done nothing wrong", "No one ... is above"): see
/// [`clauses::negated_by_argument`].
fn negated_by_argument(cx: &Ctx, a: &Analysis, word: Span) -> bool {
    clauses::negated_by_argument(a, word, |w| is_negator(cx, w))
}

/// True when a negating verb of the sentence reaches the token at `j` through
/// its complement, however deep: "failed to produce a shred of evidence that
/// his views ever affected his work" does not state that they affected it.
fn negated_by_verb(
    cx: &Ctx,
    a: &Analysis,
    toks: &[crate::extract::tokens::Token],
    j: usize,
) -> bool {
    toks.iter().enumerate().any(|(n, t)| {
        n != j
            && is_negator(cx, &t.key)
            && clauses::is_verb(a, t.span())
            && !clauses::outside_negation(a, t.span(), toks[j].span())
    })
}

/// Polarity flips between a draft sentence and its supporting source sentences,
/// anchored on a content word both sides use: (source span, draft span).
pub(super) fn polarity_flips(cx: &Ctx, di: usize, sources: &[usize]) -> Vec<(Span, Span)> {
    let d = &cx.draft.claims.tokens[di];
    let mut out = Vec::new();
    // the draft negates a word the source states plainly
    for (n, w) in negated_words(cx, d) {
        let ws = d[w].key.stem();
        if negated_elsewhere(cx, d, n)
            || clauses::outside_negation(cx.draft, d[n].span(), d[w].span())
            || source_negates_alike(cx, d, w)
        {
            continue;
        }
        for &si in sources {
            let s = &cx.source.claims.tokens[si];
            let plain: Vec<usize> = (0..s.len()).filter(|&j| s[j].key.stem() == ws).collect();
            if !plain.is_empty()
                && plain.iter().all(|&j| !negated_at(cx, s, j))
                && !negated_by_argument(cx, cx.source, s[plain[0]].span())
                && !negated_by_verb(cx, cx.source, s, plain[0])
                && !clauses::in_negated_clause(cx.rules, cx.source, s[plain[0]].span())
                && one_claim(cx, s[plain[0]].span(), d[w].span())
            {
                out.push((s[plain[0]].span(), d[n].span().cover(&d[w].span())));
            }
        }
    }
    // the source negates a word the draft states plainly
    for &si in sources {
        let s = &cx.source.claims.tokens[si];
        for (n, w) in negated_words(cx, s) {
            if clauses::outside_negation(cx.source, s[n].span(), s[w].span()) {
                continue;
            }
            let ws = s[w].key.stem();
            let plain: Vec<usize> = (0..d.len()).filter(|&j| d[j].key.stem() == ws).collect();
            if !plain.is_empty()
                && plain.iter().all(|&j| !negated_at(cx, d, j))
                && !negated_by_argument(cx, cx.draft, d[plain[0]].span())
                && one_claim(cx, s[w].span(), d[plain[0]].span())
            {
                out.push((s[n].span().cover(&s[w].span()), d[plain[0]].span()));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Draft words whose antonym a supporting source sentence uses instead, with
/// the same polarity on both sides: (source span, draft span).
pub(super) fn antonym_swaps(cx: &Ctx, di: usize, sources: &[usize]) -> Vec<(Span, Span)> {
    let d = &cx.draft.claims.tokens[di];
    let antonyms = &cx.rules.antonyms;
    let draft_stems: Vec<Key> = d.iter().map(|t| antonym_key(antonyms, t.key)).collect();
    let source_stems: Vec<Vec<Key>> = sources
        .iter()
        .map(|&si| {
            cx.source.claims.tokens[si]
                .iter()
                .map(|t| antonym_key(antonyms, t.key))
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    for (j, t) in d.iter().enumerate() {
        if t.kind() != TokenKind::Word || cx.words.stop.contains(&t.key) {
            continue;
        }
        if !antonyms.has_opposites(&draft_stems[j]) || in_title(cx, d, j) {
            continue;
        }
        if source_stems.iter().flatten().any(|s| *s == draft_stems[j]) {
            continue;
        }
        let swap = sources.iter().zip(&source_stems).find_map(|(&si, stems)| {
            let s = &cx.source.claims.tokens[si];
            stems.iter().enumerate().find_map(|(k, st)| {
                (antonyms.are_opposite(&draft_stems[j], st)
                    && !draft_stems.contains(st)
                    && !in_title(cx, s, k)
                    && negated_at(cx, d, j) == negated_at(cx, s, k))
                .then_some(s[k].span())
            })
        });
        // asked last: it reads the whole source
        if let Some(src) = swap.filter(|_| !stated_alike_elsewhere(cx, d, j, draft_stems[j])) {
            out.push((src, t.span()));
        }
    }
    out
}

/// True when the word at `j`, with the words beside it, is a title of the
/// entity rules of two words or more ("Senate minority leader", "Lieutenant
/// Governor"): a role's name, not a claim its word could oppose ("a majority of
/// the public").
fn in_title(cx: &Ctx, toks: &[crate::extract::tokens::Token], j: usize) -> bool {
    cx.long_titles().iter().any(|words| {
        (0..words.len().min(j + 1)).any(|at| {
            words
                .iter()
                .enumerate()
                .all(|(i, w)| toks.get(j - at + i).is_some_and(|t| t.key == *w))
        })
    })
}

/// True when some source sentence uses the draft word at `j` (by its antonym key)
/// next to a content word that stands next to it in the draft too: the source
/// says it as well, elsewhere ("deserved win" where one sentence has "deserved to
/// lose" of one side and another "deserved to win" of the other).
pub(super) fn stated_alike_elsewhere(
    cx: &Ctx,
    d: &[crate::extract::tokens::Token],
    j: usize,
    key: Key,
) -> bool {
    let content = |t: &crate::extract::tokens::Token| {
        t.kind() == TokenKind::Word && !cx.words.stop.contains(&t.key)
    };
    let near = |toks: &[crate::extract::tokens::Token], at: usize| -> Vec<Key> {
        let lo = at.saturating_sub(ALIKE_WINDOW);
        let hi = (at + ALIKE_WINDOW + 1).min(toks.len());
        (lo..hi)
            .filter(|&k| k != at && content(&toks[k]))
            .map(|k| toks[k].key.stem())
            .collect()
    };
    let mine = near(d, j);
    if mine.is_empty() {
        return false;
    }
    let antonyms = &cx.rules.antonyms;
    cx.source.claims.tokens.iter().any(|s| {
        (0..s.len()).any(|k| {
            s[k].kind() == TokenKind::Word
                && antonym_key(antonyms, s[k].key) == key
                && negated_at(cx, s, k) == negated_at(cx, d, j)
                && near(s, k).iter().any(|w| mine.contains(w))
        })
    })
}

/// The antonym table's comparison key of a token's key (as
/// [`crate::word_tables::Antonyms::key`]), with the stem each key keeps.
fn antonym_key(antonyms: &crate::word_tables::Antonyms, key: Key) -> Key {
    match antonyms.base(key.as_str()) {
        Some(base) => Key::new(base).stem(),
        None => key.stem(),
    }
}

/// Tokens on either side of a word that make its local wording.
pub(super) const ALIKE_WINDOW: usize = 2;

/// Draft words the source never uses whose antonym it uses, with the same
/// polarity, in a sentence naming something the draft sentence names ("Tate and
/// his sister" where the source only says "Tate ... with his brother"):
/// (source span, draft span).
pub(super) fn antonyms_elsewhere(cx: &Ctx, di: usize) -> Vec<(Span, Span)> {
    let d = &cx.draft.claims.tokens[di];
    let antonyms = &cx.rules.antonyms;
    // a word with an antonym that the source never uses
    let draft_keys: Vec<Key> = d.iter().map(|t| antonym_key(antonyms, t.key)).collect();
    let words: Vec<(usize, &Key)> = d
        .iter()
        .enumerate()
        .filter(|(j, t)| {
            t.kind() == TokenKind::Word
                && !cx.words.stop.contains(&t.key)
                && !cx.al.source_has(&t.key.stem())
                && antonyms.has_opposites(&draft_keys[*j])
                && !in_title(cx, d, *j)
        })
        .map(|(j, _)| (j, &draft_keys[j]))
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    // the source sentences naming something this sentence names
    let names: Vec<&str> = cx
        .al
        .names(&cx.al.draft_features[di])
        .filter(|x| x.starts_with('@'))
        .collect();
    let related = cx
        .al
        .source_features
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            names.iter().any(|n| {
                f.binary_search_by(|&x| cx.al.feature_name(x).cmp(n))
                    .is_ok()
            })
        })
        .map(|(si, _)| si);
    // the draft's mentions of those names, by the source key they link to
    let draft_sentence = cx.draft.doc.sentences[di].span;
    let draft_mentions: Vec<(Span, &str)> = cx
        .draft
        .claims
        .index
        .within(draft_sentence)
        .map(|(m, i)| (m, cx.draft_entity_key(i)))
        .collect();
    // both words are said of one participant: each stands in the clause of a
    // mention of a name both sentences have ("Tate and his sister" / "Tate ...
    // with his brother"), not in another clause of the sentence
    let of_one_participant = |si: usize, k: usize, j: usize| {
        let s = &cx.source.claims.tokens[si];
        let source_sentence = cx.source.doc.sentences[si].span;
        // a personal pronoun in either word's clause may stand for the name
        let by_pronoun = |a: &Analysis, w: Span| {
            clauses::clause_pronouns(a, w)
                .iter()
                .any(|p| cx.is_pronoun(p.text(&a.doc.text), false))
        };
        if by_pronoun(cx.source, s[k].span()) || by_pronoun(cx.draft, d[j].span()) {
            return true;
        }
        cx.source
            .claims
            .index
            .within(source_sentence)
            .any(|(sm, i)| {
                let key = &cx.source.claims.entities[i].key;
                clauses::same_clause(cx.source, s[k].span(), sm) != Some(false)
                    && draft_mentions.iter().any(|(dm, dkey)| {
                        dkey == key
                            && clauses::same_clause(cx.draft, d[j].span(), *dm) != Some(false)
                    })
            })
    };
    let mut out: Vec<(Span, Span)> = Vec::new();
    for si in related {
        let s = &cx.source.claims.tokens[si];
        for (k, st) in s.iter().enumerate() {
            if st.kind() != TokenKind::Word {
                continue;
            }
            let key = antonym_key(antonyms, st.key);
            for &(j, word) in &words {
                if antonyms.are_opposite(word, &key)
                    && !draft_keys.contains(&key)
                    && !in_title(cx, s, k)
                    && negated_at(cx, d, j) == negated_at(cx, s, k)
                    && !out.iter().any(|(_, dspan)| *dspan == d[j].span())
                    && of_one_participant(si, k, j)
                {
                    out.push((st.span(), d[j].span()));
                }
            }
        }
    }
    out
}
