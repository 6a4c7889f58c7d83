//! Lists: align list claims by owner, then their items one to one.

use super::*;

/// The rules this family reports.
pub(super) const RULES: &[RuleId] = &[
    RuleId::ListItem,
    RuleId::ListCount,
    RuleId::ListItemMissing,
    RuleId::ListItemExtra,
];

/// Lists: align by owner, then items one to one. The omission family reads the
/// source items reported here from the sink, so it does not repeat them.
pub(super) fn check(cx: &Ctx, sink: &mut Sink) {
    let th = cx.rules.checks.thresholds.list_item_match;
    let d_lists: Vec<&ListClaim> = cx
        .draft
        .claims
        .lists
        .iter()
        .filter(|l| l.owner_entity.is_some() || l.declared_count.is_some())
        .collect();
    // draft lists that restate one list claim (same owner, head noun and count) form one group
    let mut groups: Vec<Vec<&ListClaim>> = Vec::new();
    let mut group_of: std::collections::HashMap<(Option<&String>, Option<&String>, usize), usize> =
        std::collections::HashMap::new();
    for l in d_lists {
        let key = (l.owner_entity.as_ref(), l.head_noun.as_ref(), l.items.len());
        match group_of.get(&key) {
            Some(&g) => groups[g].push(l),
            None => {
                group_of.insert(key, groups.len());
                groups.push(vec![l]);
            }
        }
    }
    if groups.is_empty() {
        return;
    }
    // source lists: their items' features computed once, and the sentence each starts in
    let src_lists: Vec<&ListClaim> = cx
        .source
        .claims
        .lists
        .iter()
        .filter(|l| l.pattern != "bullets")
        .collect();
    let src_items: Vec<Vec<Vec<String>>> = src_lists
        .iter()
        .map(|l| {
            l.items
                .iter()
                .map(|s| cx.item_features(cx.source, *s, false))
                .collect()
        })
        .collect();
    let src_list_sentence: Vec<usize> = src_lists
        .iter()
        .map(|l| {
            sentence_at(
                &cx.source.doc.sentences,
                l.items.first().map_or(0, |s| s.start),
            )
        })
        .collect();
    let src = SourceLists {
        lists: src_lists,
        items: src_items,
        sentence: src_list_sentence,
    };
    for group in groups {
        check_group(cx, sink, group, &src, th);
    }
}

/// The source's list claims as the draft's groups are matched against them.
struct SourceLists<'a> {
    lists: Vec<&'a ListClaim>,
    /// Each list's items' features, computed once.
    items: Vec<Vec<Vec<String>>>,
    /// The sentence each list starts in.
    sentence: Vec<usize>,
}

/// One group of draft lists: its source list, then items one to one, then counts.
/// Which items hold each feature.
fn feature_index(items: &[Vec<String>]) -> rustc_hash::FxHashMap<&str, Vec<usize>> {
    let mut index: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
    for (j, fs) in items.iter().enumerate() {
        for f in fs {
            index.entry(f.as_str()).or_default().push(j);
        }
    }
    index
}

/// The items sharing a feature with `item`, each once, in order.
fn candidates<'a>(
    index: &'a rustc_hash::FxHashMap<&str, Vec<usize>>,
    item: &[String],
) -> impl Iterator<Item = usize> + 'a {
    let mut js: Vec<usize> = item
        .iter()
        .filter_map(|f| index.get(f.as_str()))
        .flatten()
        .copied()
        .collect();
    js.sort_unstable();
    js.dedup();
    js.into_iter()
}

fn check_group(cx: &Ctx, sink: &mut Sink, group: Vec<&ListClaim>, src: &SourceLists, th: f64) {
    let (src_lists, src_items, src_list_sentence) = (&src.lists, &src.items, &src.sentence);
    let dl = group[0];
    let owner_src = dl.owner_entity.as_ref().and_then(|id| {
        let di = cx.draft.claims.entity_index(id)?;
        cx.al.entity_links[di].map(|s| cx.source.claims.entities[s].id.clone())
    });
    let d_items: Vec<Vec<String>> = dl
        .items
        .iter()
        .map(|s| cx.item_features(cx.draft, *s, true))
        .collect();
    // the source list: same owner, else the most similar list among those in the
    // sentences that support the draft list's sentences (never all pairs of lists)
    let near: HashSet<usize> = group
        .iter()
        .flat_map(|l| l.items.iter())
        .map(|it| sentence_at(&cx.draft.doc.sentences, it.start))
        .flat_map(|di| {
            [&cx.al.draft_support[di], &cx.al.draft_wording_support[di]]
                .into_iter()
                .flat_map(|s| s.sentences.iter().copied())
        })
        .collect();
    let mut best: Option<(f64, usize)> = None;
    // one owner's lists of other things ("one immediate advantage", "three other
    // candidates") are two claims: the owner alone pairs them only when their
    // head nouns are alike or unknown
    let heads_alike = |sl: &ListClaim| match (dl.head_noun.as_deref(), sl.head_noun.as_deref()) {
        (Some(a), Some(b)) => stem(&a.to_lowercase()) == stem(&b.to_lowercase()),
        _ => true,
    };
    for (li, sl) in src_lists.iter().enumerate() {
        let same_owner = owner_src.is_some() && sl.owner_entity == owner_src && heads_alike(sl);
        if !same_owner && !near.contains(&src_list_sentence[li]) {
            continue;
        }
        let s_items = &src_items[li];
        // only items sharing a feature can be alike (similarity 0 otherwise):
        // each draft item meets its candidates, never every source item
        let index = feature_index(s_items);
        let sim: f64 = d_items
            .iter()
            .map(|d| {
                candidates(&index, d)
                    .map(|j| cx.similarity(d, &s_items[j]))
                    .fold(0.0, f64::max)
            })
            .sum::<f64>()
            / d_items.len().max(1) as f64;
        let score = sim + if same_owner { 1.0 } else { 0.0 };
        if (same_owner || sim >= 0.5) && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, li));
        }
    }
    let Some((_, li)) = best else { return };
    let sl = src_lists[li];
    let s_items = &src_items[li];
    // the pairs that can match (a pair under the threshold never does): items
    // sharing a feature, or written with the same words, even when those carry
    // no content word; each item's text normalised once
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    let norm = |a: &Analysis, sp: Span| crate::extract::tokens::normalize(cx_text(a, sp));
    let s_norm: Vec<String> = sl.items.iter().map(|&sp| norm(cx.source, sp)).collect();
    let mut by_words: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
    for (j, n) in s_norm.iter().enumerate() {
        by_words.entry(n.as_str()).or_default().push(j);
    }
    let index = feature_index(s_items);
    for (i, d) in d_items.iter().enumerate() {
        let d_norm = norm(cx.draft, dl.items[i]);
        let mut js: Vec<usize> = candidates(&index, d).collect();
        js.extend(by_words.get(d_norm.as_str()).into_iter().flatten());
        js.sort_unstable();
        js.dedup();
        for j in js {
            let same = d_norm == s_norm[j];
            pairs.push((
                if same {
                    1.0
                } else {
                    cx.similarity(d, &s_items[j])
                },
                i,
                j,
            ));
        }
    }
    pairs.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    let mut d_used = vec![false; d_items.len()];
    let mut s_used = vec![false; s_items.len()];
    for (sim, i, j) in pairs {
        if sim >= th && !d_used[i] && !s_used[j] {
            d_used[i] = true;
            s_used[j] = true;
        }
    }
    let owner_name = dl
        .owner
        .map(|o| cx.dt(o).to_string())
        .unwrap_or_else(|| "the".into());
    let head = dl
        .head
        .map(|h| format!("\"{}\"", cx.dt(h)))
        .unwrap_or_else(|| "list".into());
    let d_free: Vec<usize> = (0..d_items.len()).filter(|&i| !d_used[i]).collect();
    let s_free: Vec<usize> = (0..s_items.len()).filter(|&j| !s_used[j]).collect();
    let spans_of = |i: usize| {
        group
            .iter()
            .filter_map(|l| l.items.get(i).copied())
            .collect::<Vec<Span>>()
    };
    for (k, &i) in d_free.iter().enumerate() {
        if let Some(&j) = s_free.get(k) {
            sink.push(
                RuleId::ListItem,
                format!(
                    "item {} of {}'s {} differs: source \"{}\", draft \"{}\"",
                    i + 1,
                    owner_name,
                    head,
                    short(cx.st(sl.items[j]), 60),
                    short(cx.dt(dl.items[i]), 60)
                ),
                vec![sl.items[j]],
                spans_of(i),
            );
        } else {
            sink.push(
                RuleId::ListItemExtra,
                format!(
                    "draft adds item {} to {}'s {}: \"{}\"",
                    i + 1,
                    owner_name,
                    head,
                    short(cx.dt(dl.items[i]), 60)
                ),
                vec![],
                spans_of(i),
            );
        }
    }
    for &j in s_free.iter().skip(d_free.len()) {
        sink.push(
            RuleId::ListItemMissing,
            format!(
                "draft drops item {} of the source list: \"{}\"",
                j + 1,
                short(cx.st(sl.items[j]), 70)
            ),
            vec![sl.items[j]],
            vec![],
        );
    }
    let source_count = sl.declared_count.unwrap_or(sl.items.len());
    if let Some(dc) = dl.declared_count {
        if dc != source_count {
            sink.push(
                RuleId::ListCount,
                format!("draft declares {dc} items, source lists {source_count}"),
                sl.items.clone(),
                dl.head.into_iter().collect(),
            );
        }
    }
}
