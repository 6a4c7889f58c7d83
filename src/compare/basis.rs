//! Why a finding's two sides were paired: how much of the draft sentence the
//! source sentence supports, the words and names they share, and the claim-frame
//! slots (predicate, participants, counted thing) that match. Every finding with
//! spans on both sides carries one, so an editor can judge the pairing itself.

use crate::extract::tokens::{stem, TokenKind};
use crate::span::Span;
use rustc_hash::FxHashSet as HashSet;

use super::{clauses, sentence_at, Ctx};

/// Shared words listed at most, heaviest first.
const SHARED_MAX: usize = 8;

/// Why the two sides of a finding were held together.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Basis {
    /// What paired them: `sentence` (the sentences share words), `list` (one
    /// list claim: the same speaker and head) or `quotation` (the quotations
    /// share their words).
    pub by: &'static str,
    /// Weighted share of the draft sentence's words and names found in the
    /// source sentence (0..1, two decimals).
    pub support: f64,
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
}

impl Basis {
    /// One line for a person: "support 0.52; shares medicare, billion; predicate cut".
    pub fn line(&self) -> String {
        let mut parts = vec![
            format!("by {}", self.by),
            format!("support {:.2}", self.support),
        ];
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
        _ => "sentence",
    };
    let si = sentence_at(&cx.source.doc.sentences, source.start);
    let di = sentence_at(&cx.draft.doc.sentences, draft.start);
    let (sf, df) = (&cx.al.source_features[si], &cx.al.draft_features[di]);
    let in_source: HashSet<&str> = sf.iter().map(String::as_str).collect();
    let support = (cx.al.coverage(df, &in_source) * 100.0).round() / 100.0;
    let mut shared: Vec<(&String, f64)> = df
        .iter()
        .filter(|f| in_source.contains(f.as_str()))
        .map(|f| (f, cx.al.weight(f)))
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
    let predicate = match (
        clauses::event_of(cx.rules, cx.source, source),
        clauses::event_of(cx.rules, cx.draft, draft),
    ) {
        (Some(a), Some(b)) if super::stem(&a) == super::stem(&b) => Some(b),
        _ => None,
    };
    let participants = match (
        clauses::clause_participants(cx.source, source),
        clauses::clause_participants(cx.draft, draft),
    ) {
        (Some(s), Some(d)) => clauses::participants_in_common(&d, &s),
        _ => Vec::new(),
    };
    let counted = alike(
        &clauses::counted_things(cx.draft, draft),
        &clauses::counted_things(cx.source, source),
    );
    Basis {
        by,
        support,
        shared,
        predicate,
        participants,
        counted,
    }
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
        .filter(|t| t.kind != TokenKind::Punct)
        .find(|t| stem(&t.key) == feature)
        .map_or_else(|| feature.to_string(), |t| t.key.clone())
}
