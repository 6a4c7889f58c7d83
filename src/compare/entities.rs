//! Entities: draft names the source never mentions, and names swapped for another of the same kind.

use super::*;

/// The rules this family reports.
pub(super) const RULES: &[RuleId] = &[RuleId::Entity, RuleId::EntitySwap];

/// Names first, then the context around linked names.
pub(super) fn check(cx: &Ctx, sink: &mut Sink) {
    check_entities(cx, sink);
    check_entity_context(cx, sink);
}

/// True for a word common in lower case, an inflection of one, or a compound that
/// opens with one ("forecasters", "high-rollers", "engineer-turned-TV-host"; not
/// "al-Qaeda").
pub(super) fn is_common_word(rules: &Rules, word: &str) -> bool {
    let common = |w: &str| rules.common_words.contains(w);
    // a plural or an agent noun of a common word ("forecasters" of "forecast")
    let inflected = ["s", "es", "ers", "er"].iter().any(|suffix| {
        word.strip_suffix(suffix)
            .is_some_and(|w| w.len() >= 3 && common(w))
    });
    common(word)
        || inflected
        || word
            .split_once('-')
            .is_some_and(|(head, _)| head.chars().count() >= 3 && common(head))
}

pub(super) fn in_source_text(cx: &Ctx, name: &str) -> bool {
    cx.source_squashed().contains_words(name)
}

/// A text lower-cased with all but letters and digits dropped ("Coca-Cola" →
/// "cocacola"), and where its words began and ended: a name is looked up as whole
/// words of it, so that "Iran" is not found in "Israir and Arkia".
pub(super) struct SquashedText {
    text: String,
    /// For each byte offset of `text` (and its end), one bit: a word starts or
    /// ends there (see `is_bound`).
    bound: Vec<u64>,
    /// For a long text looked up often: the offsets where words start, sorted
    /// by the [`LOOKUP_KEY_BYTES`] that follow, so a name is found by binary
    /// search instead of a scan of the whole text.
    starts: Option<Vec<u32>>,
}

/// Squashed bytes from which a source's word starts are sorted for look-ups.
const LOOKUP_INDEX_MIN_BYTES: usize = 1 << 16;

/// Bytes of squashed text that order the word starts of an indexed
/// [`SquashedText`]; a longer name is looked up by a scan.
const LOOKUP_KEY_BYTES: usize = 64;

impl SquashedText {
    pub(super) fn new(text: &str) -> Self {
        let mut out = String::with_capacity(text.len());
        // a source is kept through the whole comparison: one bit an offset
        let mut bound: Vec<u64> = Vec::with_capacity(text.len() / 64 + 1);
        let mark = |bound: &mut Vec<u64>, at: usize| {
            if bound.len() <= at / 64 {
                bound.resize(at / 64 + 1, 0);
            }
            bound[at / 64] |= 1 << (at % 64);
        };
        mark(&mut bound, 0);
        let mut in_word = false;
        for c in text.chars() {
            let before = out.len();
            if !crate::extract::entities::push_squashed(&mut out, c) {
                if in_word {
                    in_word = false;
                    mark(&mut bound, out.len());
                }
                continue;
            }
            if !in_word {
                mark(&mut bound, before);
                in_word = true;
            }
        }
        mark(&mut bound, out.len());
        SquashedText {
            text: crate::exact::exact_string(out),
            bound: crate::exact::exact(bound),
            starts: None,
        }
    }

    /// The squashed text with its word starts sorted for many look-ups: the
    /// source of a comparison, where every draft name is looked up. A text
    /// under [`LOOKUP_INDEX_MIN_BYTES`] is scanned instead: sorting costs more
    /// than the few scans a short article's names need.
    pub(super) fn indexed(text: &str) -> Self {
        let mut s = Self::new(text);
        if s.text.len() < LOOKUP_INDEX_MIN_BYTES {
            return s;
        }
        let bytes = s.text.as_bytes();
        // a word starts at a bound that is followed by text
        // sorted by key, then position: by the key's first eight bytes as one
        // number first (zero past the text's end: a shorter key that ends
        // there sorts first, as it does byte by byte), the whole key only
        // where those agree
        let prefix = |at: usize| match bytes.get(at..at + 8) {
            // one load where eight bytes follow (nearly every word start)
            Some(eight) => u64::from_be_bytes(eight.try_into().expect("eight bytes")),
            None => {
                let mut head = [0u8; 8];
                head[..bytes.len() - at].copy_from_slice(&bytes[at..]);
                u64::from_be_bytes(head)
            }
        };
        // counted first: the list is made at its size, kept through the
        // comparison, and sorted in place
        let words = s
            .bound
            .iter()
            .map(|w| w.count_ones() as usize)
            .sum::<usize>();
        let mut starts: Vec<u32> = Vec::with_capacity(words);
        starts.extend((0..bytes.len() as u32).filter(|&at| s.is_bound(at as usize)));
        starts.sort_unstable_by(|&a, &b| {
            prefix(a as usize)
                .cmp(&prefix(b as usize))
                .then_with(|| s.key(a).cmp(s.key(b)))
                .then(a.cmp(&b))
        });
        s.starts = Some(starts);
        s
    }

    /// True when a word starts or ends at byte `at` of the squashed text.
    fn is_bound(&self, at: usize) -> bool {
        self.bound[at / 64] >> (at % 64) & 1 == 1
    }

    /// Whether the word starts are sorted for look-ups.
    #[cfg(test)]
    pub(super) fn is_indexed(&self) -> bool {
        self.starts.is_some()
    }

    /// The bytes that order a word start in the index.
    fn key(&self, at: u32) -> &[u8] {
        let at = at as usize;
        let end = (at + LOOKUP_KEY_BYTES).min(self.text.len());
        &self.text.as_bytes()[at..end]
    }

    /// True when `name`, squashed, stands in the text from a word's start to a word's end.
    pub(super) fn contains_words(&self, name: &str) -> bool {
        let n = crate::extract::entities::squash(name);
        if n.is_empty() {
            return false;
        }
        match &self.starts {
            Some(starts) if n.len() <= LOOKUP_KEY_BYTES => {
                let n = n.as_bytes();
                let from = starts.partition_point(|&at| self.key(at) < n);
                starts[from..]
                    .iter()
                    .take_while(|&&at| self.key(at).starts_with(n))
                    .any(|&at| self.is_bound(at as usize + n.len()))
            }
            _ => memchr::memmem::find_iter(self.text.as_bytes(), n.as_bytes())
                .any(|at| self.is_bound(at) && self.is_bound(at + n.len())),
        }
    }
}

/// True when a name word of the draft misspells one of the source's ("Toyko" for
/// "Tokyo"): one letter changed, added, dropped or two swapped, in a word long
/// enough that this is no other name ("Iran", "Iraq").
pub(super) fn misspells_source_name(cx: &Ctx, part: &str) -> bool {
    part.chars().count() >= 5 && cx.source_name_words().one_edit_from(part)
}

/// The words of the source's names, filed under themselves and each form with
/// one letter dropped: two words one edit apart (a letter changed, added,
/// dropped, or two swapped) share such a form, so a word's near spellings are
/// found by a few look-ups instead of a scan of every name (as SymSpell does).
pub(super) struct NameWords {
    words: Vec<String>,
    by_form: rustc_hash::FxHashMap<String, Vec<usize>>,
}

use crate::align::one_letter_dropped;

impl NameWords {
    /// File every name word of `entities`.
    pub(super) fn new(entities: &[crate::extract::entities::Entity]) -> Self {
        let mut words: Vec<String> = entities.iter().flat_map(|e| e.parts.clone()).collect();
        words.sort_unstable();
        words.dedup();
        let mut by_form: rustc_hash::FxHashMap<String, Vec<usize>> = Default::default();
        for (i, w) in words.iter().enumerate() {
            for form in one_letter_dropped(w) {
                let list = by_form.entry(form).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        NameWords { words, by_form }
    }

    /// True when a name word with the same first letter is one edit from `part`.
    pub(super) fn one_edit_from(&self, part: &str) -> bool {
        one_letter_dropped(part).any(|form| {
            self.by_form.get(&form).into_iter().flatten().any(|&i| {
                let p = &self.words[i];
                p.chars().next() == part.chars().next() && strsim::osa_distance(p, part) == 1
            })
        })
    }
}

/// Entities of the draft the source never mentions; entities swapped in aligned sentences.
/// True when two names share a word or are spelt nearly alike: not two
/// different entities for a swap.
pub(super) fn related(
    a: &crate::extract::entities::Entity,
    b: &crate::extract::entities::Entity,
    th: f64,
) -> bool {
    a.parts.iter().any(|p| b.parts.contains(p)) || strsim::jaro_winkler(&a.key, &b.key) >= th
}

/// True when the tagger reads every word of `mention` as a part of speech no
/// name has (`not_name_tags`: "I'd", "Frankly", "Yeah"): its capitals alone
/// make it no name.
pub(super) fn tagged_no_name(cx: &Ctx, a: &Analysis, mention: Span) -> bool {
    let k = sentence_at(&a.doc.sentences, mention.start);
    let checks = &cx.rules.checks;
    let words: Vec<&crate::syntax::SyntaxToken> = a
        .syntax(k)
        .iter()
        .filter(|t| t.span().overlaps(&mention))
        .collect();
    let in_capitals = |t: &crate::syntax::SyntaxToken| {
        let text = t.span().text(&a.doc.text);
        text.chars().filter(|c| c.is_alphabetic()).count() > 1
            && !text.chars().any(|c| c.is_lowercase())
    };
    let lone = match words.as_slice() {
        [t] if !in_capitals(t) => {
            checks.not_lone_name_tags.iter().any(|n| n == t.upos())
                && is_common_word(cx.rules, &t.span().text(&a.doc.text).to_lowercase())
        }
        _ => false,
    };
    lone || (!words.is_empty()
        && words
            .iter()
            .all(|t| checks.not_name_tags.iter().any(|n| n == t.upos())))
}

/// True when `mention` heads a noun phrase that names a kind, not one entity:
/// its determiner is one of `kind_determiners` ("a Christian", "a Midwestern
/// Democrat", "another leading Dem"), and nothing follows it in the phrase:
/// "an Obama speech" is headed by "speech". Not a name in capitals, nor an
/// organisation's (the caller's test): those name one body.
fn names_a_kind(cx: &Ctx, a: &Analysis, mention: Span) -> bool {
    let toks = a.syntax(sentence_at(&a.doc.sentences, mention.start));
    let inside = |t: &crate::syntax::SyntaxToken| t.span().overlaps(&mention);
    // the mention's head word: inside it, its own head outside
    let head = crate::syntax::head_within(toks, inside);
    // and ends it: the next word is punctuation or a function word
    // (`kind_phrase_ends`); a name before a word of content qualifies that
    // ("a Fox News host", "a Freedom of Information Act lawsuit"), however
    // the parser attaches it
    let checks = &cx.rules.checks;
    // (a closing quotation mark aside: "an “America’s Next Top Model”
    // challenge")
    let quote_mark = |t: &&crate::syntax::SyntaxToken| {
        crate::tokens::normalize(t.span().text(&a.doc.text))
            .chars()
            .all(|c| c == '"' || c == '\'')
    };
    let ends_phrase = toks
        .iter()
        .filter(|t| t.span().start >= mention.end)
        .find(|t| !quote_mark(t))
        .is_none_or(|t| checks.kind_phrase_ends.iter().any(|e| e == t.upos()));
    // a name in capitals is a body's or a product's ("a new NBC poll", "an AR-15")
    let text = mention.text(&a.doc.text);
    let in_capitals = !text.chars().any(char::is_lowercase);
    ends_phrase
        && !in_capitals
        && head.is_some_and(|h| {
            toks.iter().any(|t| {
                t.head() == h + 1
                    && t.deprel == "det"
                    && checks
                        .kind_determiners
                        .contains(&t.span().text(&a.doc.text).to_lowercase())
            })
        })
}

pub(super) fn check_entities(cx: &Ctx, sink: &mut Sink) {
    unsupported_names(cx, sink);
    swapped_names(cx, sink);
}

/// Draft names the source never mentions, or that add a part to a linked name.
fn unsupported_names(cx: &Ctx, sink: &mut Sink) {
    let sentences = &cx.draft.doc.sentences;
    let dtext = &cx.draft.doc.text;
    // a lone capitalised common word that only ever opens a sentence ("Prosecutors
    // said", "Flights to ...") and no gazetteer or cue word made a person, place or
    // organisation is most likely no name ("Pittsburgh was hit" is one)
    let only_sentence_initial = |e: &crate::extract::entities::Entity| {
        e.kind == EntityKind::Other
            && e.parts.iter().all(|p| is_common_word(cx.rules, p))
            && e.mentions.iter().all(|m| {
                let t = m.text(dtext);
                let k = sentence_at(sentences, m.start);
                let before = &dtext[sentences[k].span.start..m.start];
                !t.contains(char::is_whitespace) && before.chars().all(|c| !c.is_alphanumeric())
            })
    };
    // words of a title ("Rep.", "CEO"), names of places ("U.S.", "Arkansas")
    // and parties ("Republican") qualify a name the source has ("North
    // Carolina Rep. Bob Etheridge", "U.S. Supreme Court"): as added parts they
    // name no other entity (built when a part first asks)
    let squash = crate::extract::entities::squash;
    let qualifiers: std::cell::OnceCell<HashSet<String>> = std::cell::OnceCell::new();
    let is_qualifier = |part: &str| {
        qualifiers
            .get_or_init(|| {
                cx.rules
                    .entities
                    .titles
                    .iter()
                    .flat_map(|t| t.split_whitespace())
                    .chain(cx.rules.entities.places.iter().map(String::as_str))
                    .chain(
                        cx.rules
                            .entities
                            .aliases
                            .iter()
                            .flatten()
                            .map(String::as_str),
                    )
                    .chain(
                        cx.rules
                            .entities
                            .state_abbreviations
                            .values()
                            .map(String::as_str),
                    )
                    .chain(cx.rules.entities.party_words.iter().map(String::as_str))
                    .map(squash)
                    .collect()
            })
            .contains(&squash(part))
    };
    // each way of writing a name with a listed alias ("U.S.", "United
    // States", "GOP"), and whether it may lead a name the source has: a
    // place's name qualifies one ("U.S. House of Representatives" for the
    // House), a body's only when the source names that body in some way
    // ("United Nations Commission" is not the source's "EU Commission")
    // (built when an unlinked name first asks)
    let alias_leads: std::cell::OnceCell<rustc_hash::FxHashMap<String, bool>> =
        std::cell::OnceCell::new();
    let alias_leads = || {
        alias_leads.get_or_init(|| {
            let places = &cx.rules.entities.places;
            cx.rules
                .entities
                .aliases
                .iter()
                .flat_map(|group| {
                    let leads = group.first().is_some_and(|name| places.contains(name))
                        || group.iter().any(|a| in_source_text(cx, a));
                    group.iter().map(move |a| (squash(a), leads))
                })
                .collect()
        })
    };
    for (i, e) in cx.draft.claims.entities.iter().enumerate() {
        // a place only ever qualifying another name's role: that name is the claim
        if e.only_in_roles {
            continue;
        }
        // linked by a part of its name: a part the source never uses is the draft's
        // own ("Ryanair Aberdeen" linked to "Aberdeen")
        if let Some(s) = cx.al.entity_links[i] {
            let source_parts = &cx.source.claims.entities[s].parts;
            let added: Vec<&String> = e
                .parts
                .iter()
                .filter(|p| {
                    !source_parts.contains(p)
                        && !source_parts.iter().any(|q| {
                            crate::align::abbreviates(p, q)
                                || cx.rules.nicknames.are_related(p, q)
                                || crate::tokens::unaccented(p) == crate::tokens::unaccented(q)
                        })
                        && !is_common_word(cx.rules, p)
                        && !is_qualifier(p)
                        // a compound's last part heads it ("Co-Chairwoman")
                        && !p.rsplit_once('-').is_some_and(|(_, last)| is_qualifier(last))
                        && !in_source_text(cx, p)
                        && !misspells_source_name(cx, p)
                })
                .collect();
            // the full name of a person the source names by surname alone ("Donald
            // Trump" for "Trump", a person or a name of no known kind): given names
            // before the surname, as the census and nickname lists know them
            // ("Newt Gingrich"), add no claim, nor does the one word before it
            // when both names are people's ("Barack Obama"; not "Ryanair
            // Aberdeen"); nor do middle names of a person the source names by
            // given name and surname ("Benjamin Todd Jealous" for "Ben Jealous")
            let source_e = &cx.source.claims.entities[s];
            let given_names = added.iter().all(|p| {
                cx.rules.given_names.contains(p.as_str()) || cx.rules.nicknames.is_given_name(p)
            });
            let fuller_name = matches!(source_e.kind, EntityKind::Person | EntityKind::Other)
                && e.parts.last() == source_e.parts.last()
                && if source_e.parts.len() == 1 {
                    given_names
                        || (e.kind == EntityKind::Person
                            && source_e.kind == EntityKind::Person
                            && e.parts.len() == 2)
                } else {
                    given_names && !added.contains(&&e.parts[0])
                };
            // "IRS" for "Internal Revenue Service": the initials of the source's name
            let initials = crate::align::initialism_of(e, source_e);
            if !added.is_empty() && !fuller_name && !initials && !in_source_text(cx, &e.name) {
                // as the draft writes them
                let added: Vec<&str> = e
                    .name
                    .split_whitespace()
                    .filter(|w| {
                        let key = crate::extract::tokens::normalize(
                            crate::extract::tokens::without_possessive(w),
                        );
                        added.contains(&&key)
                    })
                    .collect();
                sink.push(
                    RuleId::Entity,
                    format!(
                        "{}: \"{}\" is not in the source, which names {}",
                        e.name,
                        added.join(" "),
                        cx.source.claims.entities[s].name
                    ),
                    vec![cx.source.claims.entities[s].mentions[0]],
                    e.mentions.clone(),
                );
            }
            continue;
        }
        // a listed alias leading the name ("U.S." in "U.S. Central Command",
        // "United States" in "United States Constitution") may be written
        // otherwise in the source, or left out: the words after it are looked up
        let naming: &[String] = (1..e.parts.len())
            .rev()
            .find(|&n| alias_leads().get(&squash(&e.parts[..n].join(" "))) == Some(&true))
            .map_or(&e.parts, |n| &e.parts[n..]);
        // members named by a plural the source writes in the singular
        // ("Republicans" where the source has "Republican leaders"); not a
        // person's name ("Williams" is no plural of "William")
        let singular = |m: &Span| {
            let t = m.text(dtext);
            e.kind != EntityKind::Person
                && !t.contains(char::is_whitespace)
                && t.strip_suffix('s').is_some_and(|w| in_source_text(cx, w))
        };
        // a body or group named with its words inflected otherwise, in the
        // same order ("Tea Parties" / "Tea Party", "Republican" / "Republicans")
        let inflected = || {
            e.kind != EntityKind::Person && {
                let stems: Vec<String> = e
                    .name
                    .split_whitespace()
                    .map(|w| stem(&crate::extract::tokens::normalize(w)))
                    .collect();
                cx.source_words().has_stem_run(&stems)
            }
        };
        if in_source_text(cx, &e.name)
            || e.parts
                .iter()
                .all(|p| in_source_text(cx, p) || misspells_source_name(cx, p))
            || (!naming.is_empty()
                && naming.len() < e.parts.len()
                && naming.iter().all(|p| in_source_text(cx, p)))
            || e.mentions.iter().all(singular)
            || inflected()
            || party_and_state_tagged(cx, &e.parts)
            || joins_source_names(cx, &e.name)
            || only_sentence_initial(e)
            || (e.kind == EntityKind::Other
                && e.mentions.iter().all(|&m| tagged_no_name(cx, cx.draft, m)))
            || (e.kind != EntityKind::Organization
                && e.mentions.iter().all(|&m| names_a_kind(cx, cx.draft, m)))
        {
            continue;
        }
        // a person the source does not name, sharing a surname with one it
        // does: the draft gives someone the wrong given name, or names another
        // member of the family ("Terry Arias" where the source has "Jodi Arias")
        // in a claim aligned with one of the source's; elsewhere it is only a
        // name the source does not have (outlets name the family of the people
        // they report on: "Melania Trump" beside "Donald Trump")
        let aligned_namesake = namesake(cx, e).filter(|&(_, sm)| {
            let m = e.mentions[0];
            clauses::events_apart(cx.rules, clauses::WordPair::of(cx, sm, m)).is_none()
                && super::basis::basis(cx, RuleId::EntitySwap, sm, m)
                    .aligned(&cx.rules.checks.thresholds)
        });
        if let Some((o, sm)) = aligned_namesake.or_else(|| stands_for(cx, e)) {
            let message = format!(
                "draft names {} where the source names {}",
                e.name, cx.source.claims.entities[o].name
            );
            sink.push(RuleId::EntitySwap, message, vec![sm], e.mentions.clone());
            continue;
        }
        // one finding per entity, however often the draft names it
        let times = match e.mentions.len() {
            1 => String::new(),
            n => format!(" ({n} mentions)"),
        };
        sink.push(
            RuleId::Entity,
            format!(
                "{} ({}) is not in the source{times}",
                e.name,
                format!("{:?}", e.kind).to_lowercase()
            ),
            vec![],
            e.mentions.clone(),
        );
    }
}

/// The source entity that the draft entity `e`, which the source never names,
/// stands in place of: in a draft sentence that restates source sentences (as
/// `swapped_names` reads a swap of two source names), an entity of its kind
/// that they name and the draft never does, nor any name like it; the two
/// mentions aligned as one claim ([`super::basis::Basis::aligned`]) of one
/// event. The source entity, and its mention there. The supports and their
/// floors are `swapped_names`' ([`least_swap_support`]).
fn stands_for(cx: &Ctx, e: &crate::extract::entities::Entity) -> Option<(usize, Span)> {
    let th = &cx.rules.checks.thresholds;
    let least = least_swap_support(e.kind, th)?;
    let m = *e.mentions.first()?;
    let di = sentence_at(&cx.draft.doc.sentences, m.start);
    let sentences = [
        (
            &cx.al.draft_support[di],
            th.sentence_support.max(0.5).max(least),
        ),
        (
            &cx.al.draft_wording_support[di],
            th.wording_swap_support.max(least),
        ),
    ]
    .into_iter()
    .filter(|(sup, least)| sup.score >= *least)
    .flat_map(|(sup, _)| sup.sentences.iter().copied());
    let linked_anywhere = |x: usize| cx.al.entity_links.contains(&Some(x));
    sentences
        .flat_map(|si| {
            cx.source
                .claims
                .index
                .within(cx.source.doc.sentences[si].span)
        })
        .find(|&(sm, o)| {
            let other = &cx.source.claims.entities[o];
            other.kind == e.kind
                && !linked_anywhere(o)
                && !cx
                    .draft
                    .claims
                    .entities
                    .iter()
                    .any(|d| related(d, other, th.name_similarity))
                && clauses::events_apart(cx.rules, clauses::WordPair::of(cx, sm, m)).is_none()
                && super::basis::basis(cx, RuleId::EntitySwap, sm, m).aligned(th)
        })
        .map(|(sm, o)| (o, sm))
}

/// The least support of a restating sentence at which a name of `kind` may
/// stand for another: people swap at a plain alignment (no more asked),
/// places and organisations, named in passing far more often, only in a
/// sentence that closely restates the source (`swap_support`), names of no
/// known kind never.
fn least_swap_support(kind: EntityKind, th: &crate::rules::Thresholds) -> Option<f64> {
    match kind {
        EntityKind::Person => Some(0.0),
        EntityKind::Place | EntityKind::Organization => Some(th.swap_support),
        EntityKind::Other => None,
    }
}

/// A source person of two names or more whose surname the draft person `e`
/// (two names or more, linked to no source entity) has with another given
/// name (accents aside), neither a nickname of the other nor its initial: the
/// source entity, and its mention in a sentence supporting the draft's first
/// mention (else its first mention).
fn namesake(cx: &Ctx, e: &crate::extract::entities::Entity) -> Option<(usize, Span)> {
    if e.kind != EntityKind::Person || e.parts.len() < 2 {
        return None;
    }
    let (first, last) = (e.parts.first()?, e.parts.last()?);
    // a name with its accents or without is one name ("Raúl" / "Raul")
    use crate::tokens::unaccented;
    let (first_bare, last_bare) = (unaccented(first), unaccented(last));
    let o = cx.source.claims.entities.iter().position(|o| {
        o.kind == EntityKind::Person
            && o.parts.len() >= 2
            && o.parts.last().is_some_and(|l| unaccented(l) == last_bare)
            && o.parts.first().is_some_and(|f| {
                unaccented(f) != first_bare
                    && !crate::align::abbreviates(f, first)
                    && !crate::align::abbreviates(first, f)
                    && !cx.rules.nicknames.are_related(f, first)
            })
    })?;
    let di = sentence_at(&cx.draft.doc.sentences, e.mentions[0].start);
    let supporting: Vec<Span> = cx.al.draft_support[di]
        .sentences
        .iter()
        .map(|&si| cx.source.doc.sentences[si].span)
        .collect();
    let mentions = &cx.source.claims.entities[o].mentions;
    let sm = mentions
        .iter()
        .find(|m| supporting.iter().any(|s| s.contains(m)))
        .unwrap_or(&mentions[0]);
    Some((o, *sm))
}

/// True when `name` joins names by hyphens and the source names each of them
/// ("Trump-Russia investigation", "Romney-Ryan ticket"): no new entity.
fn joins_source_names(cx: &Ctx, name: &str) -> bool {
    name.contains('-')
        && name
            .split('-')
            .map(str::trim)
            .all(|p| !p.is_empty() && in_source_text(cx, p))
}

/// True when a name's parts are a party and a state ("Republican of
/// Tennessee") that the source writes as a party-state tag ("(R-Tenn.)",
/// "R-TN"): the party's initial and one of the state's abbreviations.
fn party_and_state_tagged(cx: &Ctx, parts: &[String]) -> bool {
    let Some((party, state)) = parts.split_first().filter(|(_, s)| !s.is_empty()) else {
        return false;
    };
    let entities = &cx.rules.entities;
    let squash = crate::extract::entities::squash;
    let state = squash(&state.join(" "));
    entities
        .party_initials
        .iter()
        .filter(|(_, name)| squash(name) == squash(party))
        .any(|(initial, _)| {
            entities
                .state_abbreviations
                .iter()
                .filter(|(_, name)| squash(name) == state)
                .any(|(abbreviation, _)| in_source_text(cx, &format!("{initial} {abbreviation}")))
        })
}

/// The alignment features of draft sentence `di` outside its names: its
/// words, names, numbers and the words inside names left out.
fn wording_outside_names(cx: &Ctx, di: usize) -> Vec<String> {
    let names: Vec<Span> = cx
        .draft
        .claims
        .index
        .within(cx.draft.doc.sentences[di].span)
        .map(|(m, _)| m)
        .collect();
    let mut out: Vec<String> = cx.draft.claims.tokens[di]
        .iter()
        .filter(|t| t.kind() != TokenKind::Punct && !cx.words.stop.contains(&t.key))
        .filter(|t| !names.iter().any(|m| m.contains(&t.span())))
        .map(|t| t.key.stem().as_str().to_owned())
        .filter(|f| !crate::align::is_name_or_number(f))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Names swapped for another of the same kind in an aligned sentence.
fn swapped_names(cx: &Ctx, sink: &mut Sink) {
    let linked_anywhere: HashSet<usize> = cx.al.entity_links.iter().flatten().copied().collect();
    // per source entity, whether it is related to some draft name: computed once, when
    // a swap first asks
    let mut related_to_draft: Vec<Option<bool>> = vec![None; cx.source.claims.entities.len()];
    let th = cx.rules.checks.thresholds.sentence_support;
    // swaps: an aligned sentence names a linked entity the supporting source sentences do not,
    // while those name another entity of the same kind the draft sentence lacks. Aligned
    // by all words, and by wording alone (names and numbers left out, so the swapped
    // name cannot pull the alignment towards the sentence it comes from)
    let supports = cx
        .al
        .draft_support
        .iter()
        .enumerate()
        .map(|(di, s)| (di, s, th.max(0.5), false))
        .chain(
            cx.al
                .draft_wording_support
                .iter()
                .enumerate()
                .map(|(di, s)| {
                    (
                        di,
                        s,
                        cx.rules.checks.thresholds.wording_swap_support,
                        false,
                    )
                }),
        );
    // and by the one sentence of a pair that alone holds the draft's wording
    // outside its names: "Justin Rose carded a 71 in the first round" copies
    // "Tiger Woods carded a 71 in the first round", even where the pair's
    // other sentence ("Justin Rose finished five under") joins it for a word
    // and so names the draft's person
    let copied: Vec<(usize, crate::align::Support)> = cx
        .al
        .draft_wording_support
        .iter()
        .enumerate()
        .filter(|(_, s)| s.sentences.len() > 1)
        .filter_map(|(di, s)| {
            let wording = wording_outside_names(cx, di);
            s.sentences.iter().find_map(|&si| {
                let theirs: HashSet<&str> = cx.al.names(&cx.al.source_features[si]).collect();
                let score = cx.al.coverage(&wording, &theirs);
                (score >= cx.rules.checks.thresholds.wording_swap_support).then(|| {
                    let sup = crate::align::Support {
                        score,
                        sentences: vec![si],
                    };
                    (di, sup)
                })
            })
        })
        .collect();
    let supports = supports.chain(copied.iter().map(|(di, s)| {
        (
            *di,
            s,
            cx.rules.checks.thresholds.wording_swap_support,
            true,
        )
    }));
    for (di, sup, min_score, copied) in supports {
        if sup.score < min_score || sup.sentences.is_empty() {
            continue;
        }
        let dspan = cx.draft.doc.sentences[di].span;
        let src_spans: Vec<Span> = sup
            .sentences
            .iter()
            .map(|&s| cx.source.doc.sentences[s].span)
            .collect();
        let mut src_ents: Vec<usize> = src_spans
            .iter()
            .flat_map(|s| cx.source.claims.index.within(*s))
            .map(|(_, e)| e)
            .collect();
        src_ents.sort_unstable();
        src_ents.dedup();
        // each draft entity named in this sentence, with its first mention here
        let mut here: Vec<(usize, Span)> = Vec::new();
        for (m, e) in cx.draft.claims.index.within(dspan) {
            if !here.iter().any(|(x, _)| *x == e) {
                here.push((e, m));
            }
        }
        here.sort_unstable();
        let draft_linked: Vec<usize> = here
            .iter()
            .filter_map(|(i, _)| cx.al.entity_links[*i])
            .collect();
        for &(i, m) in &here {
            let e = &cx.draft.claims.entities[i];
            let Some(s) = cx.al.entity_links[i] else {
                continue;
            };
            let close_enough = least_swap_support(e.kind, &cx.rules.checks.thresholds)
                .is_some_and(|least| sup.score >= least);
            if src_ents.contains(&s) || !close_enough {
                continue;
            }
            // a name that shares a word with the draft's or spells it nearly alike
            // ("Manchester United's Premier League", "Paelo Way") is no other entity,
            // nor one so related to any name of the draft ("Pete Evan" for "Pete Evans")
            let other = src_ents.iter().find(|&&x| {
                let o = &cx.source.claims.entities[x];
                o.kind == e.kind
                    && !draft_linked.contains(&x)
                    && !linked_anywhere.contains(&x)
                    && !*related_to_draft[x].get_or_insert_with(|| {
                        cx.draft
                            .claims
                            .entities
                            .iter()
                            .any(|d| related(d, o, cx.rules.checks.thresholds.name_similarity))
                    })
            });
            // the draft's name written inside a longer name there ("Texas" in "on
            // the Texas Gulf Coast", "Obama" in "the Obama family's"): the source
            // sentence names it too
            let written_there = || {
                src_spans
                    .iter()
                    .any(|s| SquashedText::new(s.text(&cx.source.doc.text)).contains_words(&e.name))
            };
            if let Some(&o) = other.filter(|_| !written_there()) {
                let se = &cx.source.claims.entities[o];
                let sm = se
                    .mentions
                    .iter()
                    .find(|m| src_spans.iter().any(|s| s.contains(m)))
                    .copied()
                    .unwrap_or(se.mentions[0]);
                let message = format!("draft names {} where the source says {}", e.name, se.name);
                let (rule, message, s, d) =
                    difference_or_other_event(cx, RuleId::EntitySwap, message, sm, m);
                // a sentence found only as the copied one reports an aligned
                // swap; of another event it says nothing
                let aligned = || {
                    rule == RuleId::EntitySwap
                        && super::basis::basis(cx, rule, sm, m).aligned(&cx.rules.checks.thresholds)
                };
                if !copied || aligned() {
                    sink.push(rule, message, s, d);
                }
            }
        }
    }
}

/// A name moved into another's statement: the draft sentence's wording is found
/// in a source sentence about someone else, while no sentence about the name
/// (or just after one, where a pronoun stands for it) says anything like it
/// ("Mike Ford will join Bath" where the source has "Jeff Williams … Bath at the
/// end of the season" and Ford only as the coach who spoke).
pub(super) fn check_entity_context(cx: &Ctx, sink: &mut Sink) {
    // source sentences with the same features score alike: each such class
    // is scored once, and stands for its first sentence (text that repeats
    // itself costs what its distinct sentences cost)
    let mut class_of_features: rustc_hash::FxHashMap<&[u32], usize> = Default::default();
    let mut first_of_class: Vec<usize> = Vec::new();
    let class_of: Vec<usize> = cx
        .al
        .source_features
        .iter()
        .enumerate()
        .map(|(k, fs)| {
            *class_of_features.entry(fs.as_slice()).or_insert_with(|| {
                first_of_class.push(k);
                first_of_class.len() - 1
            })
        })
        .collect();
    // the classes holding each feature (by feature id), filed when a draft
    // sentence first asks
    let mut postings: Option<crate::intern::Runs> = None;
    let n_source = first_of_class.len();
    // source sentences naming each source entity
    let mut named_in: Vec<Vec<usize>> = vec![Vec::new(); cx.source.claims.entities.len()];
    for (k, sent) in cx.source.doc.sentences.iter().enumerate() {
        for (_, e) in cx.source.claims.index.within(sent.span) {
            if named_in[e].last() != Some(&k) {
                named_in[e].push(k);
            }
        }
    }
    // whether each source sentence names a person: a pronoun in the sentence after
    // a name stands for that name only when the sentence names no one else
    let names_person: Vec<bool> = cx
        .source
        .doc
        .sentences
        .iter()
        .map(|sent| {
            cx.source
                .claims
                .index
                .within(sent.span)
                .any(|(_, e)| cx.source.claims.entities[e].kind == EntityKind::Person)
        })
        .collect();
    let mut found = Vec::new();
    // per source entity, the classes of the sentences about it (see below)
    let mut about_classes: Vec<Option<Vec<usize>>> = vec![None; cx.source.claims.entities.len()];
    // per-sentence sums, zero between draft sentences, and the sentences touched
    let mut cover = vec![0.0; n_source];
    let mut is_touched = vec![false; n_source];
    let mut touched: Vec<usize> = Vec::new();
    for (di, sent) in cx.draft.doc.sentences.iter().enumerate() {
        // only a sentence naming a linked person, place or organisation can swap one
        if !cx.draft.claims.index.within(sent.span).any(|(_, e)| {
            cx.al.entity_links[e].is_some() && cx.draft.claims.entities[e].kind != EntityKind::Other
        }) {
            continue;
        }
        let name_words: HashSet<String> = cx
            .draft
            .claims
            .index
            .within(sent.span)
            .flat_map(|(_, e)| cx.draft.claims.entities[e].parts.iter().map(|p| stem(p)))
            .collect();
        let wording: Vec<u32> = cx.al.draft_features[di]
            .iter()
            .copied()
            .filter(|&id| {
                let f = cx.al.feature_name(id);
                !crate::align::is_name_or_number(f) && !name_words.contains(f)
            })
            .collect();
        if wording.len() < CONTEXT_MIN_WORDS {
            continue;
        }
        // weighted share of the wording each source sentence that can matter
        // holds (`add_covers` tells which can)
        clear_covers((&mut cover, &mut is_touched, &mut touched));
        let postings = postings.get_or_insert_with(|| {
            crate::intern::Runs::from_visits(cx.al.weights.len(), |emit| {
                for (c, &k) in first_of_class.iter().enumerate() {
                    for &f in &cx.al.source_features[k] {
                        emit(f, c as u32);
                    }
                }
            })
        });
        let mut total = 0.0;
        for &f in &wording {
            total += cx.al.weights[f as usize];
        }
        // first the classes that may be the best: a best holds the floor's share
        add_covers(
            (&wording, &cx.al.weights, postings, total),
            CONTEXT_MIN_COVER,
            (&mut cover, &mut is_touched, &mut touched),
        );
        let share = |c: f64| if total > 0.0 { c / total } else { c };
        let mut best_at: Option<(usize, f64)> = None;
        for &k in touched.iter().map(|&class| &first_of_class[class]) {
            let c = share(cover[class_of[k]]);
            let better = best_at.is_none_or(|(bk, b)| {
                c.partial_cmp(&b)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(bk.cmp(&k))
                    .is_gt()
            });
            if better {
                best_at = Some((k, c));
            }
        }
        let Some((best_k, best)) = best_at else {
            continue;
        };
        if best < CONTEXT_MIN_COVER {
            continue;
        }
        let in_draft_sentence: Vec<usize> = cx
            .draft
            .claims
            .index
            .within(sent.span)
            .filter_map(|(_, e)| cx.al.entity_links[e])
            .collect();
        // the best sentence grounds the sentence when it names one of its people
        // ("Kunis and Kutcher respond" for "Kutcher responded")
        let bspan = cx.source.doc.sentences[best_k].span;
        if cx.source.claims.index.within(bspan).any(|(_, o)| {
            cx.source.claims.entities[o].kind == EntityKind::Person
                && in_draft_sentence.contains(&o)
        }) {
            continue;
        }
        let mut seen = Vec::new();
        // the classes about a name matter down to half the best's share: they
        // are added when a name first asks (the search for the best kept only
        // those that can hold the floor's share)
        let mut widened = false;
        for (m, e) in cx.draft.claims.index.within(sent.span) {
            let de = &cx.draft.claims.entities[e];
            let Some(s) = cx.al.entity_links[e] else {
                continue;
            };
            // a name of no known kind may be anything: no swap to tell; nor may a
            // name that only describes another ("The Crystal Palace winger")
            if de.kind == EntityKind::Other
                || seen.contains(&e)
                || describes_a_noun(&cx.draft.doc.text, m, &cx.words.stop)
            {
                continue;
            }
            seen.push(e);
            // the classes of the sentences about it, each once (filed when the
            // entity first asks: a name a long source repeats in every part
            // would otherwise cost its mentions for each draft sentence)
            let classes = about_classes[s].get_or_insert_with(|| {
                let mut v: Vec<usize> = named_in[s]
                    .iter()
                    .flat_map(|&k| {
                        let next = k + 1 < class_of.len() && !names_person[k + 1];
                        k..k + 1 + usize::from(next)
                    })
                    .map(|k| class_of[k])
                    .collect();
                v.sort_unstable();
                v.dedup();
                v
            });
            let wider = best * CONTEXT_RATIO;
            if !widened && wider < CONTEXT_MIN_COVER {
                widened = true;
                clear_covers((&mut cover, &mut is_touched, &mut touched));
                add_covers(
                    (&wording, &cx.al.weights, postings, total),
                    wider,
                    (&mut cover, &mut is_touched, &mut touched),
                );
            }
            let about = classes.iter().map(|&c| share(cover[c])).fold(0.0, f64::max);
            if about > wider {
                continue;
            }
            let other = cx.source.claims.index.within(bspan).find(|&(_, o)| {
                let oe = &cx.source.claims.entities[o];
                oe.kind == de.kind
                    && !in_draft_sentence.contains(&o)
                    && !related(de, oe, cx.rules.checks.thresholds.name_similarity)
            });
            // the draft's name written inside a longer name of that sentence
            let written_there =
                || SquashedText::new(bspan.text(&cx.source.doc.text)).contains_words(&de.name);
            if let Some((om, o)) = other.filter(|_| !written_there()) {
                let message = format!(
                    "draft says of {} what the source says of {}",
                    de.name, cx.source.claims.entities[o].name
                );
                found.push(difference_or_other_event(
                    cx,
                    RuleId::EntitySwap,
                    message,
                    om,
                    m,
                ));
            }
        }
    }
    sink.push_all(found);
}

/// Covers of one draft sentence back to zero, and no class touched.
fn clear_covers((cover, is_touched, touched): (&mut [f64], &mut [bool], &mut Vec<usize>)) {
    for k in touched.drain(..) {
        cover[k] = 0.0;
        is_touched[k] = false;
    }
}

/// The weighted cover of a draft sentence's `wording` (feature ids in order,
/// with their `weights`, the source classes holding each in `postings`,
/// weighing `total` together) in each source sentence class that can hold
/// `negligible` of it or more, added to `cover` and each such class marked
/// in `is_touched` and listed in `touched`.
///
/// The features in most classes (the common words) are set aside while their
/// weight stays under `negligible` of the total: a class that holds none of
/// the rest holds less than that share, and is left out. The common words'
/// postings are the long ones, so a long source no longer costs them for
/// every draft sentence (that walk grew with the product of the two sizes).
/// [`check_entity_context`] asks first for the classes that may be the best
/// (at the floor's share), then, when a name needs them, for those down to
/// half the best's share. The classes kept get every feature's weight they
/// hold, added in the order of `wording` as a walk over every posting would
/// add them: the same sums to the bit, however many are kept.
fn add_covers(
    (wording, weights, postings, total): (&[u32], &[f64], &crate::intern::Runs, f64),
    negligible: f64,
    (cover, is_touched, touched): (&mut [f64], &mut [bool], &mut Vec<usize>),
) {
    // longest postings first, set aside while their weight stays negligible
    // (a margin for the rounding of sums taken in another order)
    let mut by_length: Vec<usize> = (0..wording.len()).collect();
    by_length.sort_by_key(|&i| (std::cmp::Reverse(postings.get(wording[i]).len()), i));
    let mut common = vec![false; wording.len()];
    let mut set_aside = 0.0;
    for &i in &by_length {
        let w = weights[wording[i] as usize];
        if (set_aside + w) * (1.0 + 1e-9) >= negligible * total {
            break;
        }
        set_aside += w;
        common[i] = true;
    }
    // the classes that hold a feature not set aside
    for (i, &f) in wording.iter().enumerate() {
        if !common[i] {
            for &k in postings.get(f) {
                let k = k as usize;
                if !is_touched[k] {
                    is_touched[k] = true;
                    touched.push(k);
                }
            }
        }
    }
    // their covers, feature by feature in order
    for (i, &f) in wording.iter().enumerate() {
        let w = weights[f as usize];
        let list = postings.get(f);
        if !common[i] || list.len() <= touched.len() * 8 {
            for &k in list {
                if is_touched[k as usize] {
                    cover[k as usize] += w;
                }
            }
        } else {
            for &k in touched.iter() {
                if list.binary_search(&(k as u32)).is_ok() {
                    cover[k] += w;
                }
            }
        }
    }
}

/// True when the name at `m` modifies the word after it, a content word, after
/// an article: "the Crystal Palace winger" speaks of a winger, not of the club
/// ("the EU Commission are" does speak of the Commission).
pub(super) fn describes_a_noun(text: &str, m: Span, stop: &crate::rules::WordSet) -> bool {
    let before = text[..m.start].trim_end();
    let article = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an"));
    let next: String = text[m.end..]
        .strip_prefix(' ')
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    article && next.starts_with(char::is_lowercase) && !stop.contains(&next)
}

/// Content words a draft sentence needs before its wording can point to one source sentence.
pub(super) const CONTEXT_MIN_WORDS: usize = 3;
/// Share of that wording the best source sentence must hold.
pub(super) const CONTEXT_MIN_COVER: f64 = 0.4;
/// The sentences about the draft's name must hold less than this share of the best's cover.
pub(super) const CONTEXT_RATIO: f64 = 0.5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_left_out_are_negligible_and_those_kept_are_the_full_walks_to_the_bit() {
        // sentences drawing words from a skewed vocabulary (a few common words
        // in most of them), covers by a walk over every posting against
        // `add_covers`
        let mut rng = crate::syntax::parser::Rng(11);
        let (mut left_out, mut kept) = (0, 0);
        for round in 0..40 {
            let (classes, vocabulary) = (50 + round * 10, 400u64);
            let sentences: Vec<Vec<u32>> = (0..classes)
                .map(|_| {
                    let mut f: Vec<u32> = (0..12)
                        .map(|_| {
                            let u = rng.unit();
                            ((u * u * u) * vocabulary as f64) as u32
                        })
                        .collect();
                    f.sort_unstable();
                    f.dedup();
                    f
                })
                .collect();
            let postings = crate::intern::Runs::from_visits(vocabulary as usize, |emit| {
                for (c, f) in sentences.iter().enumerate() {
                    for &id in f {
                        emit(id, c as u32);
                    }
                }
            });
            let weights: Vec<f64> = (0..vocabulary as u32)
                .map(|id| {
                    let df = postings.get(id).len() as f64;
                    ((classes as f64 + 1.0) / (df + 0.5)).ln().max(0.1)
                })
                .collect();
            let mut wording: Vec<u32> = (0..3 + round % 15)
                .map(|_| (rng.unit().powi(2) * vocabulary as f64) as u32)
                .collect();
            // a draft sentence's features are distinct
            wording.sort_unstable();
            wording.dedup();
            let mut total = 0.0;
            for &f in &wording {
                total += weights[f as usize];
            }
            let mut full = vec![0.0; classes];
            for &f in &wording {
                for &k in postings.get(f) {
                    full[k as usize] += weights[f as usize];
                }
            }
            // the floor's share, and the least the names' check asks
            for negligible in [CONTEXT_MIN_COVER, CONTEXT_MIN_COVER * CONTEXT_RATIO] {
                let (mut cover, mut seen, mut touched) =
                    (vec![0.0; classes], vec![false; classes], vec![]);
                add_covers(
                    (&wording, &weights, &postings, total),
                    negligible,
                    (&mut cover, &mut seen, &mut touched),
                );
                for k in 0..classes {
                    if seen[k] {
                        kept += 1;
                        assert_eq!(cover[k].to_bits(), full[k].to_bits(), "round {round}");
                    } else if full[k] > 0.0 {
                        left_out += 1;
                        assert!(full[k] / total < negligible, "round {round}, class {k}");
                        assert_eq!(cover[k], 0.0);
                    }
                }
                assert!(touched.iter().all(|&k| seen[k]));
                // cleared, nothing is left
                clear_covers((&mut cover, &mut seen, &mut touched));
                assert!(cover.iter().all(|&c| c == 0.0) && !seen.contains(&true));
            }
        }
        // both kinds met: classes holding only common words, and kept ones
        assert!(
            left_out > 100 && kept > 100,
            "{left_out} left out, {kept} kept"
        );
    }
}
