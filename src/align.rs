//! Alignment: link entities across the two documents and find, for every
//! sentence, the sentences of the other document that support it.

use crate::extract::entities::Entity;
use crate::extract::tokens::{stem, TokenKind};
use crate::rules::Rules;
use crate::span::Span;
use crate::Analysis;
use std::collections::{HashMap, HashSet};

/// Content features of one sentence: stems and entity keys, deduplicated.
pub type Features = Vec<String>;

/// Where a sentence of one side finds support on the other side.
#[derive(Debug, Clone, Default)]
pub struct Support {
    /// Weighted share of the sentence's features found there (0..1).
    pub score: f64,
    /// The supporting sentence indices (one, or two together).
    pub sentences: Vec<usize>,
}

/// The alignment of a source and a draft.
#[derive(Debug, Clone)]
pub struct Alignment {
    /// For each draft entity, the index of its source entity.
    pub entity_links: Vec<Option<usize>>,
    /// Features of each source sentence.
    pub source_features: Vec<Features>,
    /// Features of each draft sentence.
    pub draft_features: Vec<Features>,
    /// Support of each draft sentence in the source.
    pub draft_support: Vec<Support>,
    /// Support of each source sentence in the draft.
    pub source_support: Vec<Support>,
    /// Inverse document frequency of each feature over both sides.
    pub weights: HashMap<String, f64>,
    /// Every stem and entity key of the source.
    pub source_vocabulary: HashSet<String>,
}

/// Candidates scored per sentence at most; bounds alignment to O(n·k).
const MAX_CANDIDATES: usize = 50;

/// True when two entities of the two sides name the same referent.
pub fn same_entity(d: &Entity, s: &Entity, threshold: f64) -> bool {
    if d.key == s.key {
        return true;
    }
    let (short, long) = if d.parts.len() <= s.parts.len() {
        (&d.parts, &s.parts)
    } else {
        (&s.parts, &d.parts)
    };
    if !short.is_empty() && short.last() == long.last() && short.iter().all(|p| long.contains(p)) {
        return true;
    }
    if d.parts.len() == s.parts.len() && !d.parts.is_empty() {
        return d
            .parts
            .iter()
            .zip(&s.parts)
            .all(|(a, b)| a == b || (a.len() > 3 && strsim::jaro_winkler(a, b) >= threshold));
    }
    false
}

/// Link each draft entity to a source entity: exact key first, then name logic.
pub fn link_entities(source: &[Entity], draft: &[Entity], threshold: f64) -> Vec<Option<usize>> {
    draft
        .iter()
        .map(|d| {
            source
                .iter()
                .position(|s| s.key == d.key)
                .or_else(|| source.iter().position(|s| same_entity(d, s, threshold)))
        })
        .collect()
}

/// The content features of every sentence of `a`; entity mentions add the
/// key given by `entity_key`.
pub fn features(
    a: &Analysis,
    stop: &HashSet<String>,
    entity_key: &dyn Fn(usize) -> String,
) -> Vec<Features> {
    let mentions: Vec<(Span, usize)> = a
        .claims
        .entities
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.mentions.iter().map(move |m| (*m, i)))
        .collect();
    a.doc
        .sentences
        .iter()
        .zip(&a.claims.tokens)
        .map(|(s, toks)| {
            let mut f: Vec<String> = toks
                .iter()
                .filter(|t| t.kind != TokenKind::Punct && !stop.contains(&t.key))
                .map(|t| stem(&t.key))
                .collect();
            for (m, i) in &mentions {
                if s.span.contains(m) {
                    f.push(format!("@{}", entity_key(*i)));
                }
            }
            f.sort();
            f.dedup();
            f
        })
        .collect()
}

fn idf(all: &[&Features]) -> HashMap<String, f64> {
    let mut df: HashMap<&str, usize> = HashMap::new();
    for f in all {
        for x in f.iter() {
            *df.entry(x.as_str()).or_default() += 1;
        }
    }
    let n = all.len() as f64;
    df.into_iter()
        .map(|(k, d)| (k.to_string(), ((n + 1.0) / (d as f64 + 0.5)).ln().max(0.1)))
        .collect()
}

/// Weighted share of `of`'s features found in `in_`.
pub fn coverage(of: &[String], in_: &HashSet<&str>, w: &HashMap<String, f64>) -> f64 {
    let total: f64 = of.iter().map(|f| w.get(f).copied().unwrap_or(1.0)).sum();
    if total == 0.0 {
        return 0.0;
    }
    let hit: f64 = of
        .iter()
        .filter(|f| in_.contains(f.as_str()))
        .map(|f| w.get(f).copied().unwrap_or(1.0))
        .sum();
    hit / total
}

/// Best support of each sentence of `from` among the sentences of `to`.
fn supports(from: &[Features], to: &[Features], w: &HashMap<String, f64>) -> Vec<Support> {
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, f) in to.iter().enumerate() {
        for x in f {
            index.entry(x.as_str()).or_default().push(i);
        }
    }
    from.iter()
        .map(|f| {
            // candidates: sentences sharing the rarest features first
            let mut feats: Vec<&String> = f.iter().collect();
            feats.sort_by(|a, b| {
                w.get(*b)
                    .partial_cmp(&w.get(*a))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            let mut cands: Vec<usize> = Vec::new();
            for x in feats {
                for &i in index.get(x.as_str()).map(|v| v.as_slice()).unwrap_or(&[]) {
                    if !cands.contains(&i) && cands.len() < MAX_CANDIDATES {
                        cands.push(i);
                    }
                }
            }
            let mut scored: Vec<(f64, usize)> = cands
                .iter()
                .map(|&i| {
                    let set: HashSet<&str> = to[i].iter().map(|s| s.as_str()).collect();
                    (coverage(f, &set, w), i)
                })
                .collect();
            scored.sort_by(|a, b| {
                b.0.partial_cmp(&a.0)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(a.1.cmp(&b.1))
            });
            let mut best = Support::default();
            if let Some(&(s, i)) = scored.first() {
                best = Support {
                    score: s,
                    sentences: vec![i],
                };
            }
            // two sentences together
            let top: Vec<usize> = scored.iter().take(5).map(|x| x.1).collect();
            for (k, &a) in top.iter().enumerate() {
                for &b in &top[k + 1..] {
                    let set: HashSet<&str> =
                        to[a].iter().chain(&to[b]).map(|s| s.as_str()).collect();
                    let s = coverage(f, &set, w);
                    if s > best.score + 0.15 {
                        best = Support {
                            score: s,
                            sentences: vec![a.min(b), a.max(b)],
                        };
                    }
                }
            }
            best
        })
        .collect()
}

/// Align `source` and `draft`.
pub fn align(source: &Analysis, draft: &Analysis, rules: &Rules) -> Alignment {
    let th = &rules.checks.thresholds;
    let stop: HashSet<String> = rules
        .checks
        .stopwords
        .iter()
        .map(|s| s.to_lowercase())
        .collect();
    let links = link_entities(
        &source.claims.entities,
        &draft.claims.entities,
        th.name_similarity,
    );
    let s_ent = &source.claims.entities;
    let d_ent = &draft.claims.entities;
    let source_features = features(source, &stop, &|i| s_ent[i].key.clone());
    let draft_features = features(draft, &stop, &|i| match links[i] {
        Some(s) => s_ent[s].key.clone(),
        None => d_ent[i].key.clone(),
    });
    let all: Vec<&Features> = source_features.iter().chain(&draft_features).collect();
    let weights = idf(&all);
    let mut draft_support = supports(&draft_features, &source_features, &weights);
    let mut source_support = supports(&source_features, &draft_features, &weights);
    // a sentence the other side has word for word is supported by exactly that sentence
    let key = |a: &Analysis, i: usize| {
        crate::extract::tokens::normalize(a.doc.sentences[i].span.text(&a.doc.text))
    };
    let mut src_index: HashMap<String, usize> = HashMap::new();
    for i in (0..source.doc.sentences.len()).rev() {
        src_index.insert(key(source, i), i);
    }
    for (di, sup) in draft_support.iter_mut().enumerate() {
        if let Some(&si) = src_index.get(&key(draft, di)) {
            *sup = Support {
                score: 1.0,
                sentences: vec![si],
            };
            source_support[si] = Support {
                score: 1.0,
                sentences: vec![di],
            };
        }
    }
    let source_vocabulary = source_features.iter().flatten().cloned().collect();
    Alignment {
        entity_links: links,
        source_features,
        draft_features,
        draft_support,
        source_support,
        weights,
        source_vocabulary,
    }
}
