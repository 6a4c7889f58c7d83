//! Why a finding's two sides were paired: how much of the draft sentence the
//! source sentence supports, the words and names they share, and the claim-frame
//! slots (predicate, participants, counted thing, the noun a word is said of)
//! that match. Every finding with spans on both sides carries one, so an
//! editor can judge the pairing itself, and [`Basis::aligned`] decides from it
//! whether a difference is a contradiction or a claim of another event.

use crate::extract::tokens::TokenKind;
use crate::span::Span;
use rustc_hash::FxHashSet as HashSet;

use super::{clauses, sentence_at, Ctx};

/// Shared words listed at most, heaviest first.
const SHARED_MAX: usize = 8;

/// Why the two sides of a finding were held together.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Basis {
    /// What paired them: `sentence` (the sentences share words), `list` (one
    /// list claim: the same speaker and head), `quotation` (the quotations
    /// share their words) or `frame` (one predicate with both core
    /// participants alike).
    pub by: &'static str,
    /// Weighted share of the draft sentence's words and names found in the
    /// source sentence (0..1, two decimals).
    pub support: f64,
    /// Weighted share of the draft sentence's words and names found in the
    /// source sentence, the draft's differing words left out: how far the two
    /// agree beside what they dispute.
    pub support_beside: f64,
    /// Words (lower case) and names both sentences have, rarest first.
    pub shared: Vec<String>,
    /// The predicate lemma both sides' claims hang from, when the parse finds
    /// one and it is the same.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    /// Participants of the two clauses that are alike (draft lemmas).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<String>,
    /// What both quantities count (draft lemmas), when the parse links them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub counted: Vec<String>,
    /// The noun both sides' differing words are said of: one they modify
    /// ("said of area": "the private living area" / "the public living area"),
    /// or the head of the participant that holds them ("said of cover": "the
    /// cover of the Post on May 29").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slot: Option<String>,
    /// Participants of the two clauses named alike (draft names), whatever
    /// their predicates: two of them ("the United States and Russia ... on
    /// Thursday") make one event.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub named: Vec<String>,
    /// The two clauses name people or bodies and none of them alike: a
    /// counted thing or a modified noun alone is then two claims.
    #[serde(skip)]
    pub names_apart: bool,
    /// The differing words modify two other nouns ("his older brother" /
    /// "his younger sister"): they are said of two things, so two claims
    /// however alike their sentences.
    #[serde(skip)]
    pub nouns_apart: bool,
    /// How many words and names the draft sentence has.
    #[serde(skip)]
    pub draft_words: usize,
    /// Where the draft sentence joins several claims: weighted share of the
    /// words and names of the one claim that holds the differing words, those
    /// words left out, found in the source sentence (0..1, two decimals): how
    /// far that claim agrees with the source beside what it disputes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub support_clause: Option<f64>,
    /// How many words and names that claim has beside the differing words.
    #[serde(skip)]
    pub clause_words: usize,
}

impl Basis {
    /// True when the two sides are one claim (issue 20), so that a difference
    /// between them is a contradiction. Never when the differing words modify
    /// two other nouns. Otherwise when the draft sentence (four words or
    /// more) restates the source sentence; or the two clauses have a
    /// participant in common (alike by head or by name) and one more slot: the
    /// predicate or the counted thing; or two participants in common; or the
    /// differing words are said of one noun in clauses that name no one apart;
    /// or the values count one thing in sentences whose support reaches
    /// `thresholds.same_claim_support`, naming no one apart
    /// ("more than two inches of rain in half an hour" / "more than three
    /// inches of rain in less than half an hour").
    pub fn aligned(&self, th: &crate::rules::Thresholds) -> bool {
        if self.nouns_apart {
            return false;
        }
        let gate = &th.alignment;
        let in_common = !self.participants.is_empty() || !self.named.is_empty();
        let restated = self.draft_words >= gate.restated_min_words
            && (self.support >= gate.restated || self.support_beside >= gate.restated_beside)
            || self.clause_words >= gate.restated_min_words
                && self
                    .support_clause
                    .is_some_and(|s| s >= gate.restated_clause);
        restated
            || (in_common && (self.predicate.is_some() || !self.counted.is_empty()))
            || (!self.counted.is_empty()
                && self.support >= th.same_claim_support
                && !self.names_apart)
            || self.participants.len() + self.named.len() >= gate.participants_alike
            || (!self.names_apart && self.slot.is_some())
    }

    /// One line for a person: "support 0.52; shares medicare, billion; predicate cut".
    pub fn line(&self) -> String {
        let mut parts = vec![
            format!("by {}", self.by),
            format!("support {:.2}", self.support),
        ];
        if let Some(s) = self.support_clause {
            parts.push(format!("its clause {s:.2}"));
        }
        if !self.shared.is_empty() {
            parts.push(format!("shares {}", self.shared.join(", ")));
        }
        if let Some(p) = &self.predicate {
            parts.push(format!("predicate {p}"));
        }
        if !self.participants.is_empty() {
            parts.push(format!("participants {}", self.participants.join(", ")));
        }
        if !self.counted.is_empty() {
            parts.push(format!("counting {}", self.counted.join(", ")));
        }
        if let Some(s) = &self.slot {
            parts.push(s.clone());
        }
        if !self.named.is_empty() {
            parts.push(format!("named {}", self.named.join(", ")));
        }
        parts.join("; ")
    }
}

/// The basis of pairing the source words at `source` with the draft words at
/// `draft`, read from the sentences that hold them.
pub(super) fn basis(cx: &Ctx, rule: crate::model::RuleId, source: Span, draft: Span) -> Basis {
    use crate::model::RuleId as R;
    let by = match rule {
        R::ListItem | R::ListCount => "list",
        R::QuoteAltered | R::QuoteSpeaker => "quotation",
        R::RoleSwap => "frame",
        _ => "sentence",
    };
    let si = sentence_at(&cx.source.doc.sentences, source.start);
    let di = sentence_at(&cx.draft.doc.sentences, draft.start);
    let (sf, df) = (&cx.al.source_features[si], &cx.al.draft_features[di]);
    let in_source: HashSet<&str> = cx.al.names(sf).collect();
    let df: Vec<&str> = cx.al.names(df).collect();
    let support = (cx.al.coverage(&df, &in_source) * 100.0).round() / 100.0;
    // the rest of the draft sentence, the draft's differing words left out:
    // how far the sentences agree beside what they dispute
    let disputed: HashSet<String> = disputed_features(cx.draft, di, draft)
        .chain(
            cx.draft
                .claims
                .index
                .within(draft)
                .map(|(_, i)| format!("@{}", cx.draft_entity_key(i))),
        )
        .collect();
    let rest: Vec<&str> = df
        .iter()
        .filter(|f| !disputed.contains(**f))
        .copied()
        .collect();
    let support_beside = (cx.al.coverage(&rest, &in_source) * 100.0).round() / 100.0;
    let draft_words = df.len();
    // a sentence joining several claims: the one holding the draft's words
    let clause: Option<Vec<String>> = (by == "sentence")
        .then(|| clauses::joined_claim(cx.draft, draft))
        .flatten()
        .map(|spans| {
            let inside = |x: &Span| spans.iter().any(|s| s.overlaps(x));
            let mut f: Vec<String> = cx.draft.claims.tokens[di]
                .iter()
                .filter(|t| {
                    t.kind() != TokenKind::Punct
                        && !cx.words.stop.contains(&t.key)
                        && inside(&t.span())
                })
                .map(|t| t.key.stem().as_str().to_owned())
                .chain(
                    cx.draft
                        .claims
                        .index
                        .within(cx.draft.doc.sentences[di].span)
                        .filter(|(m, _)| inside(m))
                        .map(|(_, i)| format!("@{}", cx.draft_entity_key(i))),
                )
                .filter(|f| !disputed.contains(f.as_str()))
                .collect();
            f.sort();
            f.dedup();
            f
        });
    let support_clause = clause
        .as_ref()
        .filter(|f| !f.is_empty())
        .map(|f| (cx.al.coverage(f, &in_source) * 100.0).round() / 100.0);
    let clause_words = clause.as_ref().map_or(0, Vec::len);
    let mut shared: Vec<(&str, f64)> = df
        .iter()
        .filter(|f| in_source.contains(**f))
        .map(|f| (*f, cx.al.weight(f)))
        .collect();
    shared.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let names: Vec<String> = shared
        .iter()
        .filter(|(f, _)| f.starts_with('@'))
        .map(|(f, _)| shown(cx, si, di, f))
        .collect();
    // a word of a shared name is not listed again ("ukraine" beside "Ukraine")
    let in_a_name = |w: &str| {
        names
            .iter()
            .any(|n| super::name_words(n).iter().any(|x| x == w))
    };
    let shared = shared
        .iter()
        .map(|(f, _)| shown(cx, si, di, f))
        .filter(|w| names.contains(w) || !in_a_name(w))
        .take(SHARED_MAX)
        .collect();
    // the slots as the checks read them: one predicate stem, participants that
    // may be one
    let (source_slot, draft_slot) = (
        clauses::frame_slot(cx.rules, cx.source, source),
        clauses::frame_slot(cx.rules, cx.draft, draft),
    );
    let predicate = match (source_slot.predicate, draft_slot.predicate) {
        (Some(a), Some(b)) if super::stem(&a) == super::stem(&b) => Some(b),
        // the differing words are the predicates themselves: one predicate,
        // negated or not, or a listed pair of opposites ("lost" / "won")
        _ => match (
            clauses::own_predicate(cx.source, source),
            clauses::own_predicate(cx.draft, draft),
        ) {
            (Some(a), Some(b)) if rule == R::Antonym && a != b => Some(format!("{a} / {b}")),
            (Some(a), Some(b)) if super::stem(&a) == super::stem(&b) => Some(b),
            _ => None,
        },
    };
    let (participants, named) = match (
        clauses::frame_participants(cx.source, source),
        clauses::frame_participants(cx.draft, draft),
    ) {
        (Some(s), Some(d)) => {
            let by_head = clauses::participants_in_common(&d, &s);
            let named = clauses::named_in_common(&d, &s, &by_head);
            (by_head, named)
        }
        _ => (Vec::new(), Vec::new()),
    };
    let counted = alike(
        &clauses::counted_things(cx.draft, draft),
        &clauses::counted_things(cx.source, source),
    );
    let modified = (
        clauses::modified_noun(cx.source, source),
        clauses::modified_noun(cx.draft, draft),
    );
    let nouns_apart = matches!(&modified, (Some(s), Some(d)) if super::stem(s) != super::stem(d));
    let slot = match (
        modified.0.or(source_slot.noun),
        modified.1.or(draft_slot.noun),
    ) {
        (Some(s), Some(d)) if super::stem(&s) == super::stem(&d) => Some(format!("said of {d}")),
        _ => None,
    };
    let names_apart = clauses::other_names(clauses::WordPair::of(cx, source, draft));
    Basis {
        by,
        support,
        support_beside,
        shared,
        predicate,
        participants,
        counted,
        slot,
        named,
        names_apart,
        nouns_apart,
        draft_words,
        support_clause,
        clause_words,
    }
}

/// The alignment features (word stems) of the words of sentence `k` of `a`
/// inside `span`.
fn disputed_features(
    a: &crate::Analysis,
    k: usize,
    span: Span,
) -> impl Iterator<Item = String> + '_ {
    a.claims.tokens[k]
        .iter()
        .filter(move |t| t.kind() != TokenKind::Punct && t.span().overlaps(&span))
        .map(|t| t.key.stem().as_str().to_owned())
}

/// The lemmas of `draft` that one of `source` has, or has the stem of.
fn alike(draft: &[String], source: &[String]) -> Vec<String> {
    let mut out: Vec<String> = draft
        .iter()
        .filter(|d| clauses::any_alike(std::slice::from_ref(d), source))
        .cloned()
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A feature as a person reads it: an entity key as the source's name for it,
/// a stem as the first draft word of sentence `di` with that stem.
fn shown(cx: &Ctx, si: usize, di: usize, feature: &str) -> String {
    if let Some(key) = feature.strip_prefix('@') {
        let sentence = cx.source.doc.sentences[si].span;
        return cx
            .source
            .claims
            .index
            .within(sentence)
            .map(|(_, i)| &cx.source.claims.entities[i])
            .find(|e| e.key == key)
            .map_or_else(|| key.to_string(), |e| e.name.clone());
    }
    cx.draft.claims.tokens[di]
        .iter()
        .filter(|t| t.kind() != TokenKind::Punct)
        .find(|t| t.key.stem() == feature)
        .map_or_else(|| feature.to_string(), |t| t.key.to_string())
}

#[cfg(test)]
mod tests {
    use super::Basis;

    /// The thresholds `rules/checks.yaml` sets.
    fn th() -> crate::rules::Thresholds {
        crate::rules::Rules::builtin().unwrap().checks.thresholds
    }

    /// A basis of two sentences that share words but no frame slot.
    fn loose() -> Basis {
        Basis {
            by: "sentence",
            support: 0.3,
            support_beside: 0.35,
            shared: vec!["vote".into()],
            predicate: None,
            participants: Vec::new(),
            counted: Vec::new(),
            slot: None,
            named: Vec::new(),
            names_apart: false,
            nouns_apart: false,
            draft_words: 8,
            support_clause: None,
            clause_words: 0,
        }
    }

    #[test]
    fn a_clause_restating_the_source_aligns_in_a_sentence_of_several_claims() {
        // "the race takes place Monday, and the sentencing phase ends Tuesday":
        // the whole sentence is half supported, its second claim wholly
        let joined = Basis {
            support: 0.45,
            support_clause: Some(0.9),
            clause_words: 5,
            ..loose()
        };
        assert!(joined.aligned(&th()));
        // a short or weakly supported clause is no restatement
        assert!(!Basis {
            clause_words: 2,
            ..joined.clone()
        }
        .aligned(&th()));
        assert!(!Basis {
            support_clause: Some(0.5),
            ..joined
        }
        .aligned(&th()));
    }

    #[test]
    fn shared_words_alone_do_not_align_two_claims() {
        assert!(!loose().aligned(&th()));
        // one slot without a participant in common is not enough either
        let counted = Basis {
            counted: vec!["vote".into()],
            ..loose()
        };
        assert!(!counted.aligned(&th()));
        let predicate = Basis {
            predicate: Some("raise".into()),
            ..loose()
        };
        assert!(!predicate.aligned(&th()));
    }

    #[test]
    fn one_counted_thing_in_sentences_of_one_claim_aligns() {
        let counted = Basis {
            counted: vec!["rain".into()],
            support: 0.45,
            ..loose()
        };
        assert!(counted.aligned(&th()));
        // less support, or other people named, and it is two claims
        assert!(!Basis {
            support: 0.3,
            ..counted.clone()
        }
        .aligned(&th()));
        assert!(!Basis {
            names_apart: true,
            ..counted
        }
        .aligned(&th()));
    }

    #[test]
    fn a_participant_in_common_and_one_more_slot_align() {
        for b in [
            Basis {
                predicate: Some("raise".into()),
                participants: vec!["campaign".into()],
                ..loose()
            },
            Basis {
                counted: vec!["indictment".into()],
                named: vec!["hunter".into()],
                ..loose()
            },
        ] {
            assert!(b.aligned(&th()), "{b:?}");
        }
        // the role a date or number fills ("on Wednesday" / "on Thursday") is
        // no slot: most dates are the obliques of some predicate
        let one = Basis {
            participants: vec!["sanders".into()],
            ..loose()
        };
        assert!(!one.aligned(&th()));
        let two = Basis {
            participants: vec!["home".into()],
            named: vec!["tagus".into()],
            ..loose()
        };
        assert!(two.aligned(&th()));
    }

    #[test]
    fn a_restated_sentence_aligns_and_a_noun_is_vetoed_by_other_names() {
        assert!(Basis {
            support: 0.6,
            ..loose()
        }
        .aligned(&th()));
        // "effective Feb. 28" / "effective December 31": alike but for the value
        assert!(Basis {
            support_beside: 0.9,
            ..loose()
        }
        .aligned(&th()));
        // a sentence of three words is covered by any long one
        assert!(!Basis {
            support: 1.0,
            draft_words: 3,
            ..loose()
        }
        .aligned(&th()));
        let said_of = Basis {
            slot: Some("said of cover".into()),
            ..loose()
        };
        assert!(said_of.aligned(&th()));
        assert!(!Basis {
            names_apart: true,
            ..said_of
        }
        .aligned(&th()));
    }
}
