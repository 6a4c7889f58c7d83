//! Splitting a run of capitalised words into the names it holds: titles
//! inside the run, possessives, offices that go on before a name, and the
//! places a role names ("California Democratic Rep. Maxine Waters").

use super::*;

/// Most words of a place's name inside a role.
pub(super) const ROLE_PLACE_MAX_WORDS: usize = 3;

/// The places a role before a name gives ("California" in "California
/// Democratic Rep. Maxine Waters"): mentions of those places, as the words
/// would be alone.
pub(super) fn role_places(
    text: &str,
    piece: &[&Token],
    name_start: usize,
    lex: &EntityLexicon,
    lower_words: &HashSet<&str>,
) -> Vec<Mention> {
    let role: Vec<&Token> = piece
        .iter()
        .filter(|t| t.span().end <= name_start)
        .copied()
        .collect();
    let mut out = Vec::new();
    let mut s = 0;
    while s < role.len() {
        let place = (1..=ROLE_PLACE_MAX_WORDS.min(role.len() - s))
            .rev()
            .find(|&n| {
                let words: Vec<&str> = role[s..s + n].iter().map(|t| t.text(text)).collect();
                lex.is_place(&words.join(" "))
            });
        match place
            .and_then(|n| Some((n, mention(text, &role[s..s + n], lex, false, lower_words)?)))
        {
            Some((n, mut m)) if m.kind == Some(EntityKind::Place) => {
                m.evidence.in_role = true;
                out.push(m);
                s += n;
            }
            _ => s += 1,
        }
    }
    out
}

/// True when the capitalised word at `j` opens a sentence the segmenter did not
/// split off: the word before ends with a period ("El Al. Previously, ..."), is no
/// title, honorific, initial or known name ("U.S."), and this word is a common word that heads no
/// organisation or place ("Previously", but not "U.S. Army").
pub(super) fn opens_sentence_after_abbreviation(
    text: &str,
    toks: &[Token],
    j: usize,
    lex: &EntityLexicon,
) -> bool {
    // the word that ends with the period: one token ("Al.") or two ("Al", ".")
    let prev = &toks[j - 1];
    let word = if prev.key == "." && j >= 2 && toks[j - 2].span().end == prev.span().start {
        &toks[j - 2]
    } else if prev.text(text).ends_with('.') {
        prev
    } else {
        return false;
    };
    let key = &toks[j].key;
    let bare = word.key.trim_end_matches('.');
    word.kind() == TokenKind::Word
        && !is_initial(word.text(text))
        && bare.chars().count() > 1
        && !lex.title_starts.contains(word.key.as_str())
        && !lex.title_starts.contains(bare)
        && !lex.honorifics.contains(word.key.as_str())
        && !lex.honorifics.contains(bare)
        && lex.canonical(word.text(text)).is_none()
        && !lex.is_place(word.text(text))
        && lex.common_words.contains(key.as_str())
        && !lex.org_words.contains(key.as_str())
        && !lex.place_words.contains(key.as_str())
        && !lex.thing_words.contains(key.as_str())
}

/// Words after a title's connector from which the office may go on before
/// the name ("for Diplomatic Security Charlene Lamb").
pub(super) const OFFICE_AND_NAME_MIN_WORDS: usize = 3;

/// True when the title of `tl` words opening `keys` goes on with a connector
/// other than an office preposition into an office whose end the words do
/// not show, an office and a name after it ("Assistant Secretary for
/// Diplomatic Security Charlene Lamb"; not "Reps for Griffin"). An office
/// preposition ("Secretary of State") is the title list's and
/// [`split_run`]'s business.
pub(super) fn office_goes_on(keys: &[&str], tl: usize, lex: &EntityLexicon) -> bool {
    keys.get(tl).is_some_and(|w| {
        !lex.office_prepositions.contains(w)
            && lex.connectors.contains(*w)
            && keys.len() - tl > OFFICE_AND_NAME_MIN_WORDS
    })
}

/// Most words of a person's name after a title inside a run.
pub(super) const NAME_AFTER_TITLE_MAX: usize = 3;

/// Where a title stands inside `run` (not at its start) with only a person's
/// name after it: its position and length. The name is one to
/// [`NAME_AFTER_TITLE_MAX`] capitalised words, none a connector or a word of an
/// organisation or place ("Senate Democratic Leader Chuck Schumer", but not
/// "Justice Department" or "Chief of Staff").
pub(super) fn inner_title(run: &[&Token], lex: &EntityLexicon) -> Option<(usize, usize)> {
    let keys: Vec<&str> = run.iter().map(|t| t.key.as_str()).collect();
    (1..keys.len()).find_map(|m| {
        let t = lex.title_len(&keys[m..]);
        let mut after = (m + t).min(keys.len());
        while after < keys.len() && keys[after] == "." {
            after += 1;
        }
        let name = &keys[after..];
        // a title word after a given name is a surname ("Martin Luther King Jr.")
        let after_given_name = lex.given_names.contains(keys[m - 1]);
        let is_name = t > 0
            && !after_given_name
            && (1..=NAME_AFTER_TITLE_MAX).contains(&name.len())
            && !name.iter().all(|w| lex.generational_suffixes.contains(w))
            && name.iter().all(|w| {
                !lex.connectors.contains(*w)
                    && !lex.org_words.contains(*w)
                    && !lex.place_words.contains(*w)
                    && !lex.title_starts.contains(*w)
                    && !lex.weekdays.contains(*w)
            });
        is_name.then_some((m, t))
    })
}

/// True when the word at `k` of a run's piece is a possessive ("Hutchison's",
/// "Obamas'") whose owner is a name: the words before it, when more than one
/// ("White House's"), or a word that is no common word ("Children's Hospital"
/// stays one name). A place's possessive locates the name after it ("Chon
/// Buri's Banglamung district", "New York City's Roosevelt Island" name one
/// place): see [`owner_is_place`].
pub(super) fn owning_name(piece: &[&Token], k: usize, lex: &EntityLexicon) -> bool {
    possessive_owner(&piece[k].key)
        .is_some_and(|o| !o.is_empty() && (k > 0 || !lex.common_words.contains(o)))
}

/// The owner a possessive word names ("Hutchison" of "Hutchison's", "Obamas"
/// of "Obamas'"); `None` for a word that is no possessive.
pub(super) fn possessive_owner(word: &str) -> Option<&str> {
    let owner = without_possessive(word);
    if owner.len() < word.len() {
        return Some(owner);
    }
    word.strip_suffix('\'').or_else(|| word.strip_suffix('’'))
}

/// True when the piece of a run ending at `k` names a place ([`owning_name`]).
pub(super) fn owner_is_place(piece: &[&Token], k: usize, text: &str, lex: &EntityLexicon) -> bool {
    let first = piece[..=k]
        .iter()
        .rposition(|t| lex.connectors.contains(t.key.as_str()))
        .map_or(0, |c| c + 1);
    let words: Vec<&str> = piece[first..=k]
        .iter()
        .map(|t| possessive_owner(t.text(text)).unwrap_or(t.text(text)))
        .collect();
    lex.is_place(&words.join(" "))
}

/// Split a capitalised run at "and", and at "of" after a person's name.
pub(super) fn split_run<'a>(run: &[&'a Token], lex: &EntityLexicon) -> Vec<Vec<&'a Token>> {
    let mut pieces: Vec<Vec<&Token>> = vec![Vec::new()];
    for (k, t) in run.iter().enumerate() {
        let cur = pieces.last().expect("non-empty");
        let title = if lex.office_prepositions.contains(&t.key) {
            lex.title_len(&cur.iter().map(|x| x.key.as_str()).collect::<Vec<_>>())
        } else {
            0
        };
        // "Angus King of Maine", "X of Texas": a name of two words or more, no
        // organisation's or place's, then a state
        let state_after = || {
            let rest: Vec<&str> = run[k + 1..].iter().map(|x| x.key.as_str()).collect();
            lex.states.contains(&rest.join(" "))
        };
        let person_before = cur
            .iter()
            .any(|x: &&Token| lex.honorifics.contains(x.key.as_str()))
            || (title > 0 && cur.len() > title);
        let person_of_state = lex.office_prepositions.contains(&t.key)
            && cur.len() >= 2
            && cur.iter().all(|x| {
                !lex.org_words.contains(x.key.as_str()) && !lex.place_words.contains(x.key.as_str())
            })
            && state_after();
        let splits = lex.coordinators.contains(&t.key)
            || (lex.office_prepositions.contains(&t.key)
                && person_before
                && cur
                    .last()
                    .is_some_and(|x| !lex.title_ends.contains(x.key.as_str())))
            || person_of_state
            || (k > 0 && lex.honorifics.contains(t.key.as_str()));
        if splits {
            pieces.push(Vec::new());
            if lex.coordinators.contains(&t.key) || lex.office_prepositions.contains(&t.key) {
                continue;
            }
        }
        pieces.last_mut().expect("non-empty").push(*t);
    }
    pieces.into_iter().filter(|p| !p.is_empty()).collect()
}

/// [`split_run`], then split after a name that owns what follows: a
/// lower-case noun, which is no name ("Hutchison's plan"), or another name of
/// two words or more shaped as a person's or a body's ("MSNBC's Luke Russert",
/// "Georgetown's Public Policy Institute"). Other capitalised words after a
/// possessive may be the name's own ("Victoria's Secret Angels", "Palermo's
/// Dybala"): the run stays whole.
pub(super) fn split_owned<'a>(
    text: &str,
    run: &[&'a Token],
    lex: &EntityLexicon,
) -> Vec<Vec<&'a Token>> {
    let mut out = Vec::new();
    for piece in split_run(run, lex) {
        let Some(k) = (0..piece.len()).find(|&k| owning_name(&piece, k, lex)) else {
            out.push(piece);
            continue;
        };
        let owned = &piece[k + 1..];
        let lower = owned.len() == 1 && !owned[0].is_capitalized(text);
        // a name of its own: a person's shape (its first word no common word)
        // or a body's ("Public Policy Institute"), not a brand's words
        // ("Victoria's Secret Angels")
        let named = owned.len() >= 2
            && (!lex.common_words.contains(owned[0].key.as_str())
                || owned.iter().any(|t| lex.org_words.contains(t.key.as_str())));
        if owned.is_empty() || !(lower || named) || owner_is_place(&piece, k, text, lex) {
            out.push(piece);
            continue;
        }
        out.push(piece[..=k].to_vec());
        if !lower {
            out.extend(split_owned(text, owned, lex));
        }
    }
    out
}
