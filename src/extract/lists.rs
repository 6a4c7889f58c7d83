//! Enumerations (list claims): "three points: A, B, and C", "that A; that B;
//! and that C", "The first was... The second was...", and bullet lists.

use super::attributions::Attribution;
use super::entities::{Entity, EntityKind};
use super::quantities::{Quantity, QuantityKind};
use super::tokens::Token;
use crate::model::{BlockKind, Document};
use crate::span::Span;

/// One list claim.
#[derive(Debug, Clone, PartialEq)]
pub struct ListClaim {
    /// The head that declares the list ("three points"), if any.
    pub head: Option<Span>,
    /// The counted noun's stem ("point"), if any.
    pub head_noun: Option<String>,
    /// The declared count, if stated.
    pub declared_count: Option<usize>,
    /// Whose list it is: the speaker or subject's words.
    pub owner: Option<Span>,
    /// The owner's entity id, where it resolves.
    pub owner_entity: Option<String>,
    /// The items, in order.
    pub items: Vec<Span>,
    /// How it was found: colon, complement, ordinal or bullets.
    pub pattern: &'static str,
}

/// Everything list detection needs from the earlier stages.
pub struct ListInput<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Tokens per sentence.
    pub tokens: &'a [Vec<Token>],
    /// Quantities per sentence.
    pub quantities: &'a [Vec<Quantity>],
    /// All attributions.
    pub attributions: &'a [Attribution],
    /// All entities.
    pub entities: &'a [Entity],
    /// Their mentions, sorted.
    pub index: &'a super::entities::MentionIndex,
    /// Number tables (ordinals and the words of an ordinal item's lead-in).
    pub numbers: &'a super::quantities::NumberLexicon,
}

fn owner_before(input: &ListInput, pos: usize, sentence: Span) -> Option<(Span, String)> {
    input
        .index
        .within(Span::new(sentence.start, pos.min(sentence.end)))
        .filter(|(_, e)| input.entities[*e].kind == EntityKind::Person)
        .last()
        .map(|(m, e)| (m, input.entities[e].id.clone()))
}

/// Split a span at top-level separators into trimmed item spans, dropping
/// leading "and", "or" and "that".
fn split_items(text: &str, span: Span, sep: char) -> Vec<Span> {
    let s = span.text(text);
    let mut items = Vec::new();
    let mut start = 0;
    let mut in_quote = false;
    for (i, c) in s.char_indices() {
        match c {
            '“' => in_quote = true,
            '”' => in_quote = false,
            '"' => in_quote = !in_quote,
            c if c == sep && !in_quote => {
                items.push((start, i));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    items.push((start, s.len()));
    let mut out = Vec::new();
    for (a, b) in items {
        let mut sp = Span::new(span.start + a, span.start + b).trim(text);
        loop {
            let t = sp.text(text);
            let lower = t.to_lowercase();
            let cut = ["and ", "or ", "that "]
                .iter()
                .find(|p| lower.starts_with(*p))
                .map(|p| p.len());
            match cut {
                Some(n) => sp = Span::new(sp.start + n, sp.end).trim(text),
                None => break,
            }
        }
        let t = sp.text(text);
        let trimmed = t.trim_end_matches(['.', ';', ',']);
        sp = Span::new(sp.start, sp.start + trimmed.len());
        if !sp.is_empty() {
            out.push(sp);
        }
    }
    out
}

/// Split a comma list whose last item may follow "and"/"or" ("A, B and C").
fn split_comma_list(text: &str, span: Span) -> Vec<Span> {
    let mut items = split_items(text, span, ',');
    if items.len() >= 2 {
        let last = *items.last().expect("non-empty");
        let t = last.text(text);
        if let Some(p) = t.rfind(" and ").or_else(|| t.rfind(" or ")) {
            let sep_len = if t[p..].starts_with(" and ") { 5 } else { 4 };
            items.pop();
            items.push(Span::new(last.start, last.start + p).trim(text));
            items.push(Span::new(last.start + p + sep_len, last.end).trim(text));
        }
    }
    items
}

/// Find the list claims of a document: colon lists and complements, ordinal
/// sequences across sentences, and bullet lists.
pub fn extract(input: &ListInput) -> Vec<ListClaim> {
    let mut out = Vec::new();
    colon_lists(input, &mut out);
    ordinal_lists(input, &mut out);
    bullet_lists(input, &mut out);
    out.sort_by_key(|l| l.items.first().map(|s| s.start));
    out
}

/// Colon lists with a declared count, and "that A; that B" complements.
fn colon_lists(input: &ListInput, out: &mut Vec<ListClaim>) {
    let doc = input.doc;
    let text = &doc.text;
    for (si, sent) in doc.sentences.iter().enumerate() {
        let s = sent.span.text(text);
        if let Some(colon) = s.find(':') {
            let colon_abs = sent.span.start + colon;
            let count = input.quantities[si]
                .iter()
                .rfind(|q| q.kind == QuantityKind::Count && q.span.end <= colon_abs);
            let body = Span::new(colon_abs + 1, sent.span.end).trim(text);
            let sep = if body.text(text).contains(';') {
                ';'
            } else {
                ','
            };
            let items = if sep == ';' {
                split_items(text, body, ';')
            } else {
                split_comma_list(text, body)
            };
            if let Some(q) = count {
                if items.len() >= 2 {
                    let owner = owner_before(input, q.span.start, sent.span);
                    out.push(ListClaim {
                        head: Some(q.span),
                        head_noun: q.unit.clone(),
                        declared_count: q.value.and_then(|v| v.as_number()).map(|v| v as usize),
                        owner: owner.as_ref().map(|o| o.0),
                        owner_entity: owner.map(|o| o.1),
                        items,
                        pattern: "colon",
                    });
                    continue;
                }
            }
        }
        let first = input.attributions.partition_point(|a| a.sentence < si);
        for a in input.attributions[first..]
            .iter()
            .take_while(|a| a.sentence == si)
        {
            let c = a.content.text(text);
            if c.contains("; that ") || c.contains("; and that ") {
                let items = split_items(text, a.content, ';');
                if items.len() >= 2 {
                    out.push(ListClaim {
                        head: None,
                        head_noun: None,
                        declared_count: None,
                        owner: a.speaker,
                        owner_entity: a.speaker_entity.clone(),
                        items,
                        pattern: "complement",
                    });
                }
            }
        }
    }
}

/// Ordinal sequences across sentences: "The first was ... The second was ...".
fn ordinal_lists(input: &ListInput, out: &mut Vec<ListClaim>) {
    let doc = input.doc;
    let text = &doc.text;
    let ordinal_at = |si: usize| -> Option<(usize, usize)> {
        let toks = &input.tokens[si];
        let q = input.quantities[si].first()?;
        if q.kind != QuantityKind::Ordinal {
            return None;
        }
        let pos = toks
            .iter()
            .position(|t| t.span() == q.span || q.span.contains(&t.span()))?;
        (pos <= 1).then(|| {
            (
                q.value.and_then(|v| v.as_number()).unwrap_or(0.0) as usize,
                pos,
            )
        })
    };
    let mut si = 0;
    while si < doc.sentences.len() {
        if ordinal_at(si).map(|o| o.0) != Some(1) {
            si += 1;
            continue;
        }
        let mut run = vec![si];
        while let Some(next) = run.last().map(|l| l + 1) {
            if next < doc.sentences.len() && ordinal_at(next).map(|o| o.0) == Some(run.len() + 1) {
                run.push(next);
            } else {
                break;
            }
        }
        if run.len() >= 2 {
            let items: Vec<Span> = run
                .iter()
                .map(|&r| {
                    let toks = &input.tokens[r];
                    let (_, pos) = ordinal_at(r).expect("checked");
                    // skip "The first (point) was (that)"
                    let ends_lead = |k: &str| {
                        input.numbers.ordinal_item_links.contains(k) || matches!(k, "," | ":" | "-")
                    };
                    let mut k = pos + 1;
                    while k < toks.len() && k <= pos + 4 && !ends_lead(&toks[k].key) {
                        k += 1;
                    }
                    if k < toks.len() && ends_lead(&toks[k].key) {
                        k += 1;
                    }
                    if k < toks.len() && input.numbers.ordinal_item_markers.contains(&toks[k].key) {
                        k += 1;
                    }
                    let end = doc.sentences[r].span.end;
                    let sp = Span::new(toks.get(k).map_or(end, |t| t.span().start), end);
                    let t = sp.text(text).trim_end_matches(['.', ';']);
                    Span::new(sp.start, sp.start + t.len())
                })
                .collect();
            // the declaring count: nearest count in the two sentences before
            let first = run[0];
            let declared = (first.saturating_sub(2)..first).rev().find_map(|p| {
                input.quantities[p]
                    .iter()
                    .rev()
                    .find(|q| q.kind == QuantityKind::Count)
                    .map(|q| (p, q))
            });
            let owner = declared
                .and_then(|(p, q)| owner_before(input, q.span.start, doc.sentences[p].span));
            out.push(ListClaim {
                head: declared.map(|(_, q)| q.span),
                head_noun: declared.and_then(|(_, q)| q.unit.clone()),
                declared_count: declared
                    .and_then(|(_, q)| q.value.and_then(|v| v.as_number()))
                    .map(|v| v as usize),
                owner: owner.as_ref().map(|o| o.0),
                owner_entity: owner.map(|o| o.1),
                items,
                pattern: "ordinal",
            });
        }
        si = run.last().expect("non-empty") + 1;
    }
}

/// Bullet lists: runs of bullet blocks, headed by a heading just before.
fn bullet_lists(input: &ListInput, out: &mut Vec<ListClaim>) {
    let doc = input.doc;
    let mut bi = 0;
    while bi < doc.blocks.len() {
        if doc.blocks[bi].kind != BlockKind::Bullet {
            bi += 1;
            continue;
        }
        let start = bi;
        while bi < doc.blocks.len() && doc.blocks[bi].kind == BlockKind::Bullet {
            bi += 1;
        }
        if bi - start >= 2 {
            let head = (start > 0 && doc.blocks[start - 1].kind == BlockKind::Heading)
                .then(|| doc.blocks[start - 1].span);
            out.push(ListClaim {
                head,
                head_noun: None,
                declared_count: None,
                owner: None,
                owner_entity: None,
                items: doc.blocks[start..bi].iter().map(|b| b.span).collect(),
                pattern: "bullets",
            });
        }
    }
}
