//! Named entities: capitalised runs split into role and name, typed by cue
//! words and gazetteers, and resolved into one entity per referent.

use super::tokens::{normalize, without_possessive, Token, TokenKind};
use crate::model::Document;
use crate::rules::Rules;
use crate::span::Span;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;

mod runs;
use runs::{
    inner_title, office_goes_on, opens_sentence_after_abbreviation, role_places, split_owned,
};

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation.
    Organization,
    /// A place.
    Place,
    /// Anything else: treaties, events, works, or unknown.
    Other,
}

/// One entity of a document with all its mentions.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Document-local id ("E1", ...).
    pub id: String,
    /// Display name: the longest name it was called, or the alias group's canonical name.
    pub name: String,
    /// Kind.
    pub kind: EntityKind,
    /// Role or title seen before a mention ("Secretary of State").
    pub role: Option<String>,
    /// Spans of every mention.
    pub mentions: Vec<Span>,
    /// Normalised name parts without initials ("antony", "blinken").
    pub parts: Vec<String>,
    /// Canonical key: alias group or joined parts.
    pub key: String,
    /// Every mention is a place inside another name's role ("California" in
    /// "California Democratic Rep. Maxine Waters"): it qualifies that name,
    /// which is what a check reports.
    pub only_in_roles: bool,
}

/// A mention before resolution.
#[derive(Debug, Clone)]
struct Mention {
    span: Span,
    kind: Option<EntityKind>,
    role: Option<String>,
    parts: Vec<String>,
    key: String,
    display: String,
    /// What this mention says of its entity's kind beyond `kind`.
    evidence: NameEvidence,
}

/// Letters of a name in capitals that may be an acronym, not a place of the
/// gazetteer written in capitals ("ABA", "NATO", "UNICEF").
const ACRONYM_MAX_LETTERS: usize = 6;

/// Lookup tables built once from the rules.
#[derive(Debug, Clone)]
pub struct EntityLexicon {
    titles: Vec<Vec<String>>,
    title_starts: HashSet<String>,
    title_ends: HashSet<String>,
    honorifics: HashSet<String>,
    org_words: HashSet<String>,
    org_end_words: HashSet<String>,
    place_words: HashSet<String>,
    place_first_words: HashSet<String>,
    name_suffixes: Vec<String>,
    thing_words: HashSet<String>,
    places: HashSet<String>,
    /// Place names of the gazetteer (`places.yaml`), squashed (shared with the rules).
    gazetteer: std::sync::Arc<crate::frozen::FrozenSet>,
    demonyms: HashMap<String, String>,
    alias_of: HashMap<String, String>,
    not_names: HashSet<String>,
    /// Number words and ordinals: "Fourteen others were convicted" opens with a number.
    number_words: HashSet<String>,
    connectors: HashSet<String>,
    coordinators: crate::rules::WordSet,
    office_prepositions: crate::rules::WordSet,
    /// Articles a name holds after a connector that follows an organisation's
    /// head word (`name_articles`).
    name_articles: crate::rules::WordSet,
    person_particles: HashSet<String>,
    given_names: std::sync::Arc<crate::frozen::FrozenSet>,
    place_prepositions: HashSet<String>,
    common_words: std::sync::Arc<crate::frozen::FrozenSet>,
    /// Party initials of party-state tags ("R" in "R-Ark."), as written.
    party_initials: HashSet<String>,
    generational_suffixes: crate::rules::WordSet,
    /// The states the abbreviations stand for, in lower case ("new york").
    states: HashSet<String>,
    /// Each state abbreviation as written, with its state ("Mo" → "Missouri").
    state_of: HashMap<String, String>,
    /// Weekday names (`numbers.yaml`), normalised: one that ends a capitalised
    /// run is when something happened, not a word of the name ("Hillary
    /// Clinton Wednesday").
    weekdays: HashSet<String>,
    /// Words before a title that belong to the role ("Acting", "Former").
    title_modifiers: crate::rules::WordSet,
    /// Prepositions that continue an organisation's name after its head word
    /// ("Committee on Intelligence").
    org_prepositions: crate::rules::WordSet,
    /// Days named with their weekday ("ash wednesday"), normalised words
    /// joined by a space.
    day_names: HashSet<String>,
}

pub use crate::squash::{push_squashed, squash};

impl EntityLexicon {
    /// Build the tables from `rules/entities.yaml`.
    pub fn new(rules: &Rules) -> Self {
        let e = &rules.entities;
        let mut titles: Vec<Vec<String>> = e
            .titles
            .iter()
            .map(|t| t.split_whitespace().map(normalize).collect())
            .collect();
        // an abbreviated title is one token with its period or two without
        // ("Gen." where the tokenizer splits it off): match both
        let bare: Vec<Vec<String>> = titles
            .iter()
            .filter(|t| t.iter().any(|w| w.len() > 1 && w.ends_with('.')))
            .map(|t| {
                t.iter()
                    .map(|w| w.trim_end_matches('.').to_string())
                    .collect()
            })
            .collect();
        titles.extend(bare);
        titles.sort();
        titles.dedup();
        titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let mut alias_of = HashMap::default();
        for group in &e.aliases {
            if let Some(canon) = group.first() {
                for a in group {
                    alias_of.insert(squash(a), canon.clone());
                }
            }
        }
        let set = |v: &[String]| v.iter().map(|x| normalize(x)).collect::<HashSet<_>>();
        EntityLexicon {
            title_starts: titles.iter().filter_map(|t| t.first().cloned()).collect(),
            title_ends: titles.iter().filter_map(|t| t.last().cloned()).collect(),
            titles,
            honorifics: set(&e.honorifics),
            org_words: set(&e.organization_words),
            org_end_words: set(&e.organization_end_words),
            place_words: set(&e.place_words),
            place_first_words: set(&e.place_first_words),
            name_suffixes: e.name_suffixes.iter().map(|x| normalize(x)).collect(),
            thing_words: set(&e.thing_words),
            places: e.places.iter().map(|p| squash(p)).collect(),
            gazetteer: rules.gazetteer.clone(),
            demonyms: e
                .demonyms
                .iter()
                .map(|(k, v)| (normalize(k), v.clone()))
                .collect(),
            alias_of,
            not_names: set(&e.not_names),
            number_words: rules
                .numbers
                .words
                .keys()
                .chain(rules.numbers.ordinals.keys())
                .map(|w| normalize(w))
                .collect(),
            connectors: set(&e.name_connectors),
            coordinators: e.name_coordinators.clone(),
            office_prepositions: e.office_prepositions.clone(),
            name_articles: e.name_articles.clone(),
            person_particles: set(&e.person_particles),
            given_names: rules.given_names.clone(),
            place_prepositions: set(&e.place_prepositions),
            common_words: rules.common_words.clone(),
            generational_suffixes: e.generational_suffixes.clone(),
            states: e
                .state_abbreviations
                .values()
                .map(|v| normalize(v))
                .collect(),
            party_initials: e.party_initials.keys().cloned().collect(),
            state_of: e.state_abbreviations.clone(),
            weekdays: set(&rules.numbers.weekdays),
            title_modifiers: e.title_modifiers.clone(),
            org_prepositions: e.organization_prepositions.clone(),
            day_names: e
                .day_names
                .iter()
                .map(|d| {
                    d.split_whitespace()
                        .map(normalize)
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect(),
        }
    }

    /// The canonical name of an alias ("U.S." → "United States"), if it is one.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.alias_of.get(&squash(name)).map(|s| s.as_str())
    }

    /// True when `name` is a known place or an alias of one. A name in
    /// capitals is found in the gazetteer only when it is long enough to be no
    /// acronym ("WASHINGTON" in a dateline is a place; "ABA" is not Aba).
    pub fn is_place(&self, name: &str) -> bool {
        let key = squash(name);
        let acronym = name.chars().filter(|c| c.is_alphabetic()).count() <= ACRONYM_MAX_LETTERS
            && !name.chars().any(char::is_lowercase);
        self.places.contains(&key)
            || (!acronym && self.gazetteer.contains(&key))
            || self
                .alias_of
                .get(&key)
                .is_some_and(|c| self.places.contains(&squash(c)))
    }

    /// Kind from the head words of a name.
    fn kind_of(&self, words: &[&str]) -> Option<EntityKind> {
        let name = words.join(" ");
        let keys: Vec<String> = words
            .iter()
            .map(|w| normalize(without_possessive(w)))
            .collect();
        if keys.iter().any(|k| self.thing_words.contains(k)) {
            return Some(EntityKind::Other);
        }
        if keys.iter().any(|k| self.org_words.contains(k))
            || (keys.len() > 1 && keys.last().is_some_and(|k| self.org_end_words.contains(k)))
        {
            return Some(EntityKind::Organization);
        }
        if self.is_place(&name)
            || keys.last().is_some_and(|k| self.place_words.contains(k))
            || (keys.len() > 1 && self.place_first_words.contains(&keys[0]))
        {
            return Some(EntityKind::Place);
        }
        if let Some(c) = self.canonical(&name) {
            if self.is_place(c) {
                return Some(EntityKind::Place);
            }
            return Some(EntityKind::Organization);
        }
        None
    }

    /// True for a party-state tag ("R-Ark.", "D-Md", "R-Texas", "I-VT"): a
    /// party and a state, no entity.
    fn is_party_state_tag(&self, name: &str) -> bool {
        name.split_once('-').is_some_and(|(party, state)| {
            self.party_initials.contains(party)
                && self.state_of.contains_key(state.trim_end_matches('.'))
        })
    }

    /// Length of the longest title at the start of `keys`.
    fn title_len<S: AsRef<str>>(&self, keys: &[S]) -> usize {
        let Some(first) = keys.first() else { return 0 };
        if !self.title_starts.contains(first.as_ref()) {
            return 0;
        }
        self.titles
            .iter()
            .find(|t| keys.len() >= t.len() && t.iter().zip(keys).all(|(a, b)| a == b.as_ref()))
            .map_or(0, |t| t.len())
    }
}

fn is_initial(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase())
}

fn strip_possessive(text: &str, span: Span) -> Span {
    let t = span.text(text);
    for suf in ["'s", "’s", "'", "’"] {
        if t.len() > suf.len() && t.ends_with(suf) {
            return Span::new(span.start, span.end - suf.len());
        }
    }
    span
}

/// The name without a hyphenated lower-case ending that describes something else
/// ("New York-based" → "New York").
fn strip_name_suffix(text: &str, span: Span, suffixes: &[String]) -> Span {
    let t = span.text(text);
    match t.rsplit_once('-') {
        Some((name, suffix)) if !name.is_empty() && suffixes.iter().any(|s| s == suffix) => {
            Span::new(span.start, span.start + name.len())
        }
        _ => span,
    }
}

/// Find the entity mentions of every sentence and resolve them into entities.
pub fn extract(doc: &Document, sent_tokens: &[Vec<Token>], lex: &EntityLexicon) -> Vec<Entity> {
    let text = &doc.text;
    let lower_words: HashSet<&str> = sent_tokens
        .iter()
        .flatten()
        .filter(|t| t.kind() == TokenKind::Word)
        .map(|t| t.text(text))
        .filter(|w| w.chars().next().is_some_and(|c| c.is_lowercase()))
        .collect();
    let mut mentions = Vec::new();
    let mut headline = Vec::new();
    for (si, toks) in sent_tokens.iter().enumerate() {
        if is_title_case(text, toks) {
            headline.push(si);
        } else {
            mentions.extend(sentence_mentions(text, toks, lex, &lower_words));
        }
    }
    // In a Title Case headline capitals say nothing: take single words that name
    // something the body names, or that the gazetteers know.
    let known: HashSet<String> = mentions
        .iter()
        .flat_map(|m| m.parts.iter().cloned())
        .collect();
    for si in headline {
        for t in &sent_tokens[si] {
            if !t.is_capitalized(text) {
                continue;
            }
            if let Some(m) = mention(text, &[t], lex, false, &lower_words) {
                let gazetteer = lex.canonical(t.text(text)).is_some()
                    || lex.is_place(t.text(text))
                    || lex.demonyms.contains_key(t.key.as_str());
                if gazetteer || m.parts.iter().all(|p| known.contains(p)) {
                    mentions.push(m);
                }
            }
        }
    }
    mentions.sort_by_key(|m| m.span);
    resolve(mentions)
}

/// True for a headline-style sentence where most words are capitalised.
fn is_title_case(text: &str, toks: &[Token]) -> bool {
    let words: Vec<&Token> = toks
        .iter()
        .filter(|t| t.kind() == TokenKind::Word)
        .collect();
    let caps = words.iter().filter(|t| t.is_capitalized(text)).count();
    words.len() >= 4 && caps * 10 >= words.len() * 7
}

fn sentence_mentions(
    text: &str,
    toks: &[Token],
    lex: &EntityLexicon,
    lower_words: &HashSet<&str>,
) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].is_capitalized(text) {
            i += 1;
            continue;
        }
        // the run of capitalised words, with connectors and numbers after "of"
        let mut j = i + 1;
        while j < toks.len() {
            let t = &toks[j];
            // a capitalised word, or the period of an initial inside a name ("J.")
            // (or of a title written short that opens the name: "Atty." in
            // "Atty. Gen. Eric Holder")
            let initial_dot = t.key == "."
                && toks[j - 1].is_capitalized(text)
                && (toks[j - 1].key.chars().count() <= 3
                    || (j - 1 == i && lex.title_starts.contains(&format!("{}.", toks[j - 1].key))))
                && toks.get(j + 1).is_some_and(|n| n.is_capitalized(text));
            if (t.is_capitalized(text) && !opens_sentence_after_abbreviation(text, toks, j, lex))
                || initial_dot
            {
                j += 1;
            } else if lex.connectors.contains(t.key.as_str())
                && j + 1 < toks.len()
                && (toks[j + 1].is_capitalized(text)
                    || (lex.office_prepositions.contains(&t.key)
                        && toks[j + 1].kind() == TokenKind::Number
                        // "Group of 20", but not "in February of 21 counts":
                        // words that are no names take no number
                        && toks[i..j].iter().any(|w| !lex.not_names.contains(w.key.as_str()))))
            {
                j += 2;
            } else if lex.org_prepositions.contains(&t.key)
                && lex.org_words.contains(toks[j - 1].key.as_str())
                && toks.get(j + 1).is_some_and(|n| {
                    n.is_capitalized(text) && !lex.not_names.contains(n.key.as_str())
                })
            {
                // "Committee on Intelligence", "Council on Foreign Relations";
                // not "Senate on Tuesday"
                j += 2;
            } else if lex.connectors.contains(t.key.as_str())
                && lex.org_words.contains(toks[j - 1].key.as_str())
                && toks
                    .get(j + 1)
                    .is_some_and(|n| lex.name_articles.contains(&n.key))
                && toks.get(j + 2).is_some_and(|n| n.is_capitalized(text))
            {
                // a connector and an article after an organisation's head word
                // ("National Association for the Advancement of Colored People",
                // "Department of the Interior")
                j += 3;
            } else {
                break;
            }
        }
        // a lower-case head word of a named thing ("the Minsk agreements")
        if j < toks.len()
            && !toks[j].is_capitalized(text)
            && lex.thing_words.contains(toks[j].key.as_str())
            && toks[j].key.chars().all(|c| c.is_lowercase())
        {
            j += 1;
        }
        let run: Vec<&Token> = toks[i..j].iter().collect();
        let after_abbreviation = i > 0 && opens_sentence_after_abbreviation(text, toks, i, lex);
        // a lone common word opening a sentence is no name ("Previously,")
        if after_abbreviation && j == i + 1 {
            i = j;
            continue;
        }
        let at_sentence_start =
            i == 0 || (i == 1 && toks[0].kind() == TokenKind::Punct) || after_abbreviation;
        // "from Kent", "in Tyler": a given name after a place preposition names a place
        let after_place_word = i > 0 && lex.place_prepositions.contains(toks[i - 1].key.as_str());
        for piece in split_owned(text, &run, lex) {
            if let Some(mut m) = mention(
                text,
                &piece,
                lex,
                at_sentence_start && piece[0].span() == toks[i].span(),
                lower_words,
            ) {
                m.evidence.after_place_word = after_place_word && piece[0].span() == toks[i].span();
                if m.role.is_some() {
                    out.extend(role_places(text, &piece, m.span.start, lex, lower_words));
                }
                out.push(m);
            }
        }
        i = j;
    }
    out
}

fn mention(
    text: &str,
    run: &[&Token],
    lex: &EntityLexicon,
    sentence_start: bool,
    lower_words: &HashSet<&str>,
) -> Option<Mention> {
    let mut k = 0;
    // leading words that are not names ("The", "During", weekdays)
    while k < run.len()
        && lex.not_names.contains(run[k].key.as_str())
        && !lex.honorifics.contains(run[k].key.as_str())
    {
        k += 1;
    }
    let mut person = false;
    let mut role_words: Vec<&str> = Vec::new();
    // words before a title that belong to the role ("Acting Secretary of
    // Defense"): taken into it when a title follows them
    let modifiers = run[k..]
        .iter()
        .take_while(|t| lex.title_modifiers.contains(&t.key))
        .count();
    if modifiers > 0 && k + modifiers < run.len() {
        let rest: Vec<&str> = run[k + modifiers..]
            .iter()
            .map(|t| t.key.as_str())
            .collect();
        let tl = lex.title_len(&rest);
        if tl > 0 && !office_goes_on(&rest, tl, lex) {
            role_words.extend(run[k..k + modifiers].iter().map(|t| t.text(text)));
            k += modifiers;
        }
    }
    // a demonym or country before a title is part of the role ("Russian Foreign Minister")
    let keys: Vec<&str> = run[k..].iter().map(|t| t.key.as_str()).collect();
    let lead = if !keys.is_empty()
        && (lex.demonyms.contains_key(keys[0]) || lex.canonical(keys[0]).is_some())
    {
        1
    } else {
        0
    };
    let tl = lex.title_len(&keys[lead.min(keys.len())..]);
    // a title opening an organisation's name is none ("Justice Department")
    let names_body = keys.last().is_some_and(|w| lex.org_words.contains(*w));
    // a title that goes on with a connector names an office whose end the
    // words do not show ("Assistant Secretary for Diplomatic Security
    // Charlene Lamb"): the run stays whole
    let office_unbounded = office_goes_on(&keys[lead.min(keys.len())..], tl, lex);
    if tl > 0 && !names_body && !office_unbounded {
        role_words.extend(run[k..k + lead + tl].iter().map(|t| t.text(text)));
        k += lead + tl;
        person = true;
        // titles one after another ("Lt. Gov.", "Prosecutor General")
        loop {
            let keys: Vec<&str> = run[k..].iter().map(|t| t.key.as_str()).collect();
            let more = lex.title_len(&keys);
            if more == 0 || more == keys.len() {
                break;
            }
            role_words.extend(run[k..k + more].iter().map(|t| t.text(text)));
            k += more;
        }
    }
    // a title inside the run, after the body or place that gives it, with a
    // name after it: "House Judiciary Committee Chairman Jerrold Nadler"
    if !person {
        if let Some((m, t)) = inner_title(&run[k..], lex) {
            role_words.extend(run[k..k + m + t].iter().map(|t| t.text(text)));
            k += m + t;
            person = true;
        }
    }
    while k < run.len() && (lex.honorifics.contains(run[k].key.as_str()) || run[k].key == ".") {
        person |= run[k].key != ".";
        k += 1;
    }
    let mut end = run.len();
    while end > k && lex.connectors.contains(run[end - 1].key.as_str()) {
        end -= 1;
    }
    // a weekday after a name says when ("Hillary Clinton Wednesday",
    // "Twitter Sunday"), unless the two make a listed day's name ("Ash
    // Wednesday", "Super Tuesday")
    while end > k + 1
        && lex.weekdays.contains(run[end - 1].key.as_str())
        && !lex
            .day_names
            .contains(&format!("{} {}", run[end - 2].key, run[end - 1].key))
    {
        end -= 1;
    }
    if k >= end {
        return None;
    }
    let name_toks = &run[k..end];
    let span = strip_name_suffix(
        text,
        strip_possessive(
            text,
            name_toks[0]
                .span()
                .cover(&name_toks[name_toks.len() - 1].span()),
        ),
        &lex.name_suffixes,
    );
    let words: Vec<&str> = span.text(text).split_whitespace().collect();
    if words.len() == 1 && lex.is_party_state_tag(words[0]) {
        return None;
    }
    if words.len() == 1 && !person {
        let w = words[0];
        // a number word, or two joined ("Forty-two"), is no name
        let number = normalize(w)
            .split('-')
            .all(|p| lex.number_words.contains(p));
        if lex.not_names.contains(&normalize(w)) || number {
            return None;
        }
        // a capitalised common word opening a sentence is not a name
        if sentence_start && role_words.is_empty() && lower_words.contains(normalize(w).as_str()) {
            return None;
        }
        if w.chars().count() < 2 {
            return None;
        }
    }
    let display = words.join(" ");
    let mut kind = if person {
        Some(EntityKind::Person)
    } else {
        lex.kind_of(&words)
    };
    let mut key_name = display.clone();
    let mut state_abbreviation = false;
    if words.len() == 1 {
        if let Some(place) = lex.demonyms.get(&normalize(words[0])) {
            key_name = place.clone();
            kind = Some(EntityKind::Place);
        }
        // "Kansas City, Mo.", "Columbia, S.C.": a state as the AP abbreviates
        // it, with its period (after the word, or its last inside it)
        if text[span.end..].starts_with('.') || (words[0].ends_with('.') && words[0].len() > 2) {
            if let Some(state) = lex.state_of.get(words[0].trim_end_matches('.')) {
                key_name = state.clone();
                kind = Some(EntityKind::Place);
                state_abbreviation = true;
            }
        }
    }
    if let Some(c) = lex.canonical(&key_name) {
        key_name = c.to_string();
    }
    let mut parts: Vec<String> = key_name
        .split_whitespace()
        .filter(|w| !is_initial(w))
        .map(|w| normalize(without_possessive(w)))
        .filter(|w| !lex.connectors.contains(w))
        .collect();
    // "Holder Jr.": the surname is the last part
    if parts.len() >= 2
        && parts
            .last()
            .is_some_and(|w| lex.generational_suffixes.contains(w))
    {
        parts.pop();
    }
    if parts.is_empty() {
        return None;
    }
    let by_given_name =
        kind.is_none() && words.len() == 1 && lex.given_names.contains(&normalize(words[0]));
    // two or three capitalised words: a person's name when the first is a given
    // name ("Danielle Page") or none is a common word, place or demonym ("Alexei
    // Navalny"); otherwise ("Pan Macmillan", "Real Madrid") only once the last
    // word alone names it later
    let person_shaped = kind.is_none()
        && (2..=3).contains(&parts.len())
        && words.iter().all(|w| {
            if lex.person_particles.contains(*w) {
                return true;
            }
            let mut cs = w.chars();
            cs.next().is_some_and(|c| c.is_uppercase())
                && cs.all(|c| c.is_lowercase() || c == '.' || c == '-' || c == '\'')
        });
    if person_shaped
        && (lex.given_names.contains(&normalize(words[0]))
            || words.iter().all(|w| {
                let k = normalize(without_possessive(w));
                !lex.common_words.contains(&k) && !lex.is_place(w) && !lex.demonyms.contains_key(&k)
            }))
    {
        kind = Some(EntityKind::Person);
    }
    Some(Mention {
        span,
        kind,
        role: if role_words.is_empty() {
            None
        } else {
            Some(role_words.join(" "))
        },
        key: squash(&parts.join(" ")),
        parts,
        display: if key_name != display && (state_abbreviation || lex.canonical(&display).is_some())
        {
            key_name
        } else {
            display
        },
        evidence: NameEvidence {
            by_given_name,
            after_place_word: false,
            person_shaped: person_shaped && kind.is_none(),
            in_role: false,
        },
    })
}

/// Group mentions into entities: same key, or a surname/short form of a longer name.
/// What a mention, and then all mentions of an entity, say of its kind.
#[derive(Debug, Clone, Copy)]
struct NameEvidence {
    /// A lone word of no kind that is a known given name: a person, unless some
    /// mention of the entity reads as a place.
    by_given_name: bool,
    /// Right after a place preposition ("from Kent").
    after_place_word: bool,
    /// Shaped like a person's name, but with no known given name first (for an
    /// entity: its first mention).
    person_shaped: bool,
    /// A place inside a role before a name (for an entity: every mention).
    in_role: bool,
}

fn resolve(mentions: Vec<Mention>) -> Vec<Entity> {
    let mut entities: Vec<Entity> = Vec::new();
    // look-ups by key and by last name part keep resolution near-linear
    let mut by_key: HashMap<String, usize> = HashMap::default();
    let mut by_last: HashMap<String, Vec<usize>> = HashMap::default();
    // people by given name: "Hattie" after "Hattie Gladwell", when one person has it
    let mut by_first: HashMap<String, Vec<usize>> = HashMap::default();
    let mut evidence: Vec<NameEvidence> = Vec::new();
    for m in mentions {
        let given_name = || {
            if m.parts.len() != 1 || m.kind.is_some_and(|k| k != EntityKind::Person) {
                return None;
            }
            match by_first.get(&m.parts[0])?.as_slice() {
                [i] => Some(*i),
                _ => None,
            }
        };
        let found = by_key.get(&m.key).copied().or_else(|| {
            let cands = m.parts.last().and_then(|l| by_last.get(l))?;
            cands.iter().copied().find(|&i| {
                let e = &entities[i];
                let (short, long) = if m.parts.len() < e.parts.len() {
                    (&m.parts, &e.parts)
                } else {
                    (&e.parts, &m.parts)
                };
                // a place name is a person's surname ("Jordan" after "Chris
                // Jordan") unless a place preposition stands before it
                let surname_of_person = e.kind == EntityKind::Person
                    && m.parts.len() == 1
                    && !m.evidence.after_place_word;
                e.kind != EntityKind::Place
                    && (m.kind != Some(EntityKind::Place) || surname_of_person)
                    && short.len() < long.len()
                    && short.iter().all(|p| long.contains(p))
                    && short.last() == long.last()
            })
        });
        let found = found.or_else(given_name);
        match found {
            Some(i) => {
                // "Brathwaite" after "Kraigg Brathwaite": a surname alone
                if m.parts.len() == 1
                    && entities[i].parts.len() > 1
                    && entities[i].parts.last() == m.parts.last()
                    && evidence[i].person_shaped
                    && entities[i].kind == EntityKind::Other
                {
                    entities[i].kind = EntityKind::Person;
                }
                evidence[i].by_given_name |= m.evidence.by_given_name;
                evidence[i].after_place_word |= m.evidence.after_place_word;
                evidence[i].in_role &= m.evidence.in_role;
                by_key.entry(m.key.clone()).or_insert(i);
                let e = &mut entities[i];
                e.mentions.push(m.span);
                if e.role.is_none() {
                    e.role = m.role;
                }
                if let Some(k) = m.kind {
                    if e.kind == EntityKind::Other || k == EntityKind::Person {
                        e.kind = k;
                    }
                }
                if m.parts.len() > e.parts.len() {
                    e.parts = m.parts;
                    e.name = m.display;
                    e.key = m.key;
                }
                if e.kind == EntityKind::Person && e.parts.len() >= 2 {
                    let firsts = by_first.entry(e.parts[0].clone()).or_default();
                    if !firsts.contains(&i) {
                        firsts.push(i);
                    }
                }
            }
            None => {
                let i = entities.len();
                evidence.push(m.evidence);
                by_key.insert(m.key.clone(), i);
                if let Some(l) = m.parts.last() {
                    by_last.entry(l.clone()).or_default().push(i);
                }
                if m.kind == Some(EntityKind::Person) && m.parts.len() >= 2 {
                    by_first.entry(m.parts[0].clone()).or_default().push(i);
                }
                entities.push(Entity {
                    id: String::new(),
                    name: m.display,
                    kind: m.kind.unwrap_or(EntityKind::Other),
                    role: m.role,
                    mentions: vec![m.span],
                    parts: m.parts,
                    key: m.key,
                    only_in_roles: false,
                });
            }
        }
    }
    // a document keeps its entities whole: no room to grow
    let mut entities = crate::exact::exact(entities);
    for (i, e) in entities.iter_mut().enumerate() {
        e.id = format!("E{}", i + 1);
        e.mentions.sort();
        e.mentions = crate::exact::exact(std::mem::take(&mut e.mentions));
        e.only_in_roles = evidence[i].in_role;
        if e.kind == EntityKind::Other && evidence[i].by_given_name && !evidence[i].after_place_word
        {
            e.kind = EntityKind::Person;
        }
    }
    entities
}

/// Every mention of every entity, sorted by position, for range look-ups.
#[derive(Debug, Clone, Default)]
pub struct MentionIndex {
    /// (mention span, index into the entity list), sorted by span.
    pub mentions: Vec<(Span, usize)>,
}

impl MentionIndex {
    /// Index the mentions of `entities`.
    pub fn new(entities: &[Entity]) -> Self {
        let mut mentions: Vec<(Span, usize)> = entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.mentions.iter().map(move |m| (*m, i)))
            .collect();
        mentions.sort();
        MentionIndex { mentions }
    }

    /// Mentions that lie inside `span`, in order.
    pub fn within(&self, span: Span) -> impl Iterator<Item = (Span, usize)> + '_ {
        let from = self.mentions.partition_point(|(m, _)| m.start < span.start);
        self.mentions[from..]
            .iter()
            .take_while(move |(m, _)| m.start < span.end)
            .filter(move |(m, _)| span.contains(m))
            .copied()
    }

    /// True when some mention shares a byte with `span`.
    pub fn overlaps(&self, span: Span) -> bool {
        let to = self.mentions.partition_point(|(m, _)| m.start < span.end);
        self.mentions[..to]
            .iter()
            .rev()
            .take_while(|(m, _)| m.start + 256 >= span.start)
            .any(|(m, _)| m.overlaps(&span))
    }

    /// The last mention ending at or before `pos` whose entity passes `keep`.
    pub fn last_before(&self, pos: usize, keep: impl Fn(usize) -> bool) -> Option<(Span, usize)> {
        let to = self.mentions.partition_point(|(m, _)| m.start < pos);
        self.mentions[..to]
            .iter()
            .rev()
            .find(|(m, e)| m.end <= pos && keep(*e))
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use crate::ingest::Format;
    use crate::rules::Rules;
    use crate::Engine;

    fn entities(text: &str) -> Vec<super::Entity> {
        let engine = Engine::new(Rules::builtin().unwrap());
        let a = engine.analyze("t", text.into(), Format::Text).unwrap();
        a.claims.entities
    }

    fn entity_names(text: &str) -> Vec<(String, usize)> {
        entities(text)
            .into_iter()
            .map(|e| (e.name, e.mentions.len()))
            .collect()
    }

    fn names(text: &str) -> Vec<String> {
        entities(text).into_iter().map(|e| e.name).collect()
    }

    fn names_and_roles(text: &str) -> Vec<(String, Option<String>)> {
        entities(text)
            .into_iter()
            .map(|e| (e.name, e.role))
            .collect()
    }

    #[test]
    fn a_title_inside_a_run_makes_the_words_before_it_the_role() {
        let e = names_and_roles(
            "In a letter sent late on a rainy evening, the House Judiciary Committee Chairman Jerrold Nadler said it was wrong.",
        );
        assert_eq!(
            e,
            vec![(
                "Jerrold Nadler".to_string(),
                Some("House Judiciary Committee Chairman".to_string())
            )]
        );
        // a title opening a body's name, and one with no name after it, make no person
        let e = names_and_roles(
            "He said the officials at the Justice Department had met the chairman.",
        );
        assert_eq!(e, vec![("Justice Department".to_string(), None)]);
    }

    #[test]
    fn a_place_in_a_role_is_a_mention_that_only_qualifies_the_name() {
        let e = entities(
            "The packages were addressed to California Democratic Rep. Maxine Waters, officials said.",
        );
        let got: Vec<(&str, bool)> = e
            .iter()
            .map(|e| (e.name.as_str(), e.only_in_roles))
            .collect();
        assert_eq!(got, [("California", true), ("Maxine Waters", false)]);
        // a title after a given name is a surname's word, not a role
        let e = names_and_roles("They said the Rev. Martin Luther King Jr. had marched there.");
        assert_eq!(
            e,
            [("Martin Luther King Jr".to_string(), Some("Rev".to_string()))]
        );
    }

    #[test]
    fn a_preposition_after_a_bodys_head_word_continues_its_name() {
        assert_eq!(
            names("As a member of the Senate Select Committee on Intelligence, he spoke at the Council on Foreign Relations."),
            ["Senate Select Committee on Intelligence", "Council on Foreign Relations"]
        );
        // not before a weekday
        assert_eq!(
            names("He said the Senate on Tuesday passed it."),
            ["Senate"]
        );
    }

    #[test]
    fn a_possessive_ends_a_name_before_a_noun_or_another_name() {
        assert_eq!(
            names("She said that MSNBC's Luke Russert had read Hutchison's plan and the Children's Hospital report."),
            ["MSNBC", "Luke Russert", "Hutchison", "Children's Hospital"]
        );
        // an owner of several words is a name, though its last word is common
        assert_eq!(
            names("She said that the White House's plan was new."),
            ["White House"]
        );
        // one capitalised word after a possessive may be the name's own
        assert_eq!(
            names("She said that they shopped at Victoria's Secret on the way."),
            ["Victoria's Secret"]
        );
    }

    #[test]
    fn a_weekday_after_a_name_of_two_words_is_no_part_of_it() {
        let names = names(
            "Trump criticized Hillary Clinton Wednesday, days after he went missing on Ash Wednesday.",
        );
        assert!(names.contains(&"Hillary Clinton".to_string()), "{names:?}");
        assert!(names.contains(&"Ash Wednesday".to_string()), "{names:?}");
    }

    #[test]
    fn a_number_word_opening_a_sentence_is_no_name() {
        assert!(entity_names("Fourteen others were convicted.").is_empty());
    }

    #[test]
    fn a_month_takes_no_number_after_of_into_a_name() {
        assert!(entity_names("He was convicted in May of 21 counts of theft.").is_empty());
        let e = entity_names("The Group of 20 met in February.");
        assert_eq!(e, vec![("Group of 20".to_string(), 1)]);
    }

    #[test]
    fn a_given_name_alone_is_the_person_who_has_it() {
        let e = entity_names(
            "Hattie Gladwell was fitted with a bag. Hattie was admitted to hospital in May.",
        );
        assert_eq!(e, vec![("Hattie Gladwell".to_string(), 2)]);
        // two people share it: no telling which
        let e = entity_names("Kate Upton met Kate Moss in Paris on Monday. Kate smiled at them.");
        assert!(e.iter().any(|(n, c)| n == "Kate" && *c == 1), "{e:?}");
    }

    fn entity_kinds(text: &str) -> Vec<(String, super::EntityKind)> {
        entities(text)
            .into_iter()
            .map(|e| (e.name, e.kind))
            .collect()
    }

    #[test]
    fn place_words_opening_or_ending_a_name_make_it_a_place() {
        use super::EntityKind::Place;
        let kinds =
            entity_kinds("Luke went missing from the Candlebark Campground near Lake Eildon.");
        assert!(
            kinds.contains(&("Candlebark Campground".into(), Place)),
            "{kinds:?}"
        );
        assert!(kinds.contains(&("Lake Eildon".into(), Place)), "{kinds:?}");
    }

    #[test]
    fn the_gazetteer_types_places_that_look_like_people() {
        use super::EntityKind::{Person, Place};
        let kinds = entity_kinds("Officers flew from San Diego to Des Moines on Friday.");
        assert!(kinds.contains(&("San Diego".into(), Place)), "{kinds:?}");
        assert!(kinds.contains(&("Des Moines".into(), Place)), "{kinds:?}");
        // an acronym is not a gazetteer place written in capitals (Aba, Nigeria)
        let kinds = entity_kinds("The ruling angered the ABA, its president said.");
        assert!(!kinds.iter().any(|(_, k)| *k == Place), "{kinds:?}");
        // a place name standing for a person's surname is that person
        let ents = entities(
            "Chris Jordan had Devon Smith caught behind. Jordan celebrates his first wicket.",
        );
        let jordan = ents
            .iter()
            .find(|e| e.name == "Chris Jordan")
            .expect("Chris Jordan");
        assert_eq!(jordan.kind, Person);
        assert_eq!(jordan.mentions.len(), 2, "{ents:?}");
    }

    #[test]
    fn an_organisation_name_holds_a_connector_and_an_article() {
        let names: Vec<String> = entity_kinds(
            "Delegates of the National Association for the Advancement of Colored People \
             met the Department of the Interior on Tuesday.",
        )
        .into_iter()
        .map(|(n, _)| n)
        .collect();
        assert!(
            names.contains(&"National Association for the Advancement of Colored People".into()),
            "{names:?}"
        );
        assert!(
            names.contains(&"Department of the Interior".into()),
            "{names:?}"
        );
        // not after a word that heads no organisation
        assert!(
            !names.iter().any(|n| n.starts_with("Delegates of")),
            "{names:?}"
        );
    }

    #[test]
    fn a_plural_title_is_no_name() {
        let names: Vec<String> = entity_kinds(
            "Sens. John McCain and Lindsey Graham met with voters on Monday in Phoenix.",
        )
        .into_iter()
        .map(|(n, _)| n)
        .collect();
        assert!(
            !names
                .iter()
                .any(|n| n.starts_with("Sens") || n.starts_with("Reps")),
            "{names:?}"
        );
        assert!(names.contains(&"John McCain".to_string()), "{names:?}");
    }

    #[test]
    fn a_hyphenated_ending_is_no_part_of_the_name() {
        let kinds = entity_kinds("New York-based writer Danielle Page asked every cabbie.");
        assert!(
            kinds.contains(&("New York".into(), super::EntityKind::Place)),
            "{kinds:?}"
        );
        // a hyphen inside a name stays
        let names = entity_names("Jean-Paul Sartre wrote it in Paris.");
        assert!(
            names.iter().any(|(n, _)| n == "Jean-Paul Sartre"),
            "{names:?}"
        );
    }

    #[test]
    fn a_lone_given_name_is_a_person_unless_it_names_a_place() {
        use super::EntityKind::{Other, Person};
        let k =
            entity_kinds("The drivers spoke to her. Carl, 44, encouraged singletons to go out.");
        assert_eq!(k, vec![("Carl".to_string(), Person)]);
        // a name also in common use is no evidence ("Mark", "May")
        let k = entity_kinds("The drivers spoke to her. Later, Mark said it was over.");
        assert_eq!(k, vec![("Mark".to_string(), Other)]);
        // one mention after a place preposition makes every mention a place's
        let k = entity_kinds("She lives in Gravesend, Kent. The family from Kent booked a trip.");
        assert!(k.contains(&("Kent".to_string(), Other)), "{k:?}");
    }

    #[test]
    fn a_generational_suffix_and_a_state_after_the_name_are_no_name_parts() {
        let ents = entities(
            "On Monday the attorney general Eric H. Holder Jr. spoke to the senator \
             Angus King of Maine about the bill at the University of Maine.",
        );
        let parts = |name: &str| {
            ents.iter()
                .find(|e| e.name.starts_with(name))
                .map(|e| e.parts.clone())
        };
        assert_eq!(
            parts("Eric"),
            Some(vec!["eric".to_string(), "holder".to_string()])
        );
        assert_eq!(
            parts("Angus King"),
            Some(vec!["angus".to_string(), "king".to_string()])
        );
        assert!(ents.iter().any(|e| e.name == "Maine"));
        assert!(ents.iter().any(|e| e.name == "University of Maine"));
    }

    #[test]
    fn party_state_tags_name_no_entity() {
        let text = "On Monday the senator Tom Cotton (R-Ark.) spoke in the chamber about the \
                    bill, and the congressman Steny Hoyer, D-Md., said little, as did Ted Cruz, \
                    R-Texas, and a man from the R-Corp plant.";
        let names: Vec<String> = entity_kinds(text).into_iter().map(|(n, _)| n).collect();
        for tag in ["R-Ark", "D-Md", "R-Texas"] {
            assert!(!names.iter().any(|n| n.starts_with(tag)), "{names:?}");
        }
        for name in ["Tom Cotton", "Steny Hoyer", "Ted Cruz", "R-Corp"] {
            assert!(names.iter().any(|n| n == name), "{name}: {names:?}");
        }
        // a state as the AP abbreviates it, with its period, is the state
        let kinds = entity_kinds("The shooting in Ferguson, Mo., drew crowds on Monday night.");
        assert!(
            kinds.contains(&("Missouri".into(), super::EntityKind::Place)),
            "{kinds:?}"
        );
    }

    #[test]
    fn a_sentence_the_segmenter_joined_after_an_abbreviation_ends_the_name() {
        let names = |text: &str| -> Vec<String> {
            entity_kinds(text).into_iter().map(|(n, _)| n).collect()
        };
        // "Al." ends the sentence; "Previously" opens the next one
        let found = names(
            "Oman opened its airspace to all carriers but El Al. Previously, flights took longer.",
        );
        assert!(found.iter().any(|n| n.starts_with("El Al")), "{found:?}");
        assert!(!found.iter().any(|n| n.contains("Previously")), "{found:?}");
        // a known name or a title before the period keeps the run whole
        let found = names("He studied at the U.S. Naval War College. Gen. Flynn spoke.");
        assert!(
            found.iter().any(|n| n == "U.S. Naval War College"),
            "{found:?}"
        );
        assert!(found.iter().any(|n| n == "Flynn"), "{found:?}");
    }

    #[test]
    fn capitalised_common_words_are_no_persons_name() {
        use super::EntityKind::{Other, Person};
        let kind = |text: &str, name: &str| {
            entity_kinds(text)
                .into_iter()
                .find(|(n, _)| n == name)
                .map(|(_, k)| k)
        };
        let text = "He joined Real Madrid last year. Alexei Navalny was jailed.";
        assert_eq!(kind(text, "Alexei Navalny"), Some(Person));
        assert_ne!(kind(text, "Real Madrid"), Some(Person));
        assert_eq!(
            kind("Rain fell on Middle East cities.", "Middle East"),
            Some(Other)
        );
        // "Grant" is a common word: the surname alone later makes it a person's name
        let text = "The winger Grant Holt turned down a deal.";
        assert_eq!(kind(text, "Grant Holt"), Some(Other));
        let text = "The winger Grant Holt turned down a deal. Holt wants to leave.";
        assert_eq!(kind(text, "Grant Holt"), Some(Person));
    }
}
