//! Scoring against labelled data: attribution extraction (PolNeAR format B)
//! and, in `eval_pairs`, compare findings (pairs format A).

use crate::ingest::Format;
use crate::span::Span;
use crate::Engine;
use serde::{Deserialize, Serialize};

/// A gold byte span.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct GoldSpan {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl From<GoldSpan> for Span {
    fn from(g: GoldSpan) -> Span {
        Span::new(g.start, g.end)
    }
}

/// A gold attribution.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldAttribution {
    /// The source, or null.
    pub source: Option<GoldSpan>,
    /// The cue.
    pub cue: GoldSpan,
    /// The content (discontinuous parts merged).
    pub content: GoldSpan,
}

/// One line of an attribution file.
#[derive(Debug, Clone, Deserialize)]
pub struct AttributionItem {
    /// Item id.
    pub id: String,
    /// Article text.
    pub text: String,
    /// Gold attributions.
    pub attributions: Vec<GoldAttribution>,
}

/// Precision, recall and F1 of one field.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Prf {
    /// Predicted spans.
    pub predicted: usize,
    /// Gold spans.
    pub gold: usize,
    /// One-to-one overlapping pairs.
    pub matched: usize,
    /// matched / predicted.
    pub precision: f64,
    /// matched / gold.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
}

impl Prf {
    fn add(&mut self, predicted: usize, gold: usize, matched: usize) {
        self.predicted += predicted;
        self.gold += gold;
        self.matched += matched;
    }

    fn finish(&mut self) {
        self.precision = ratio(self.matched, self.predicted);
        self.recall = ratio(self.matched, self.gold);
        self.f1 = if self.precision + self.recall > 0.0 {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        } else {
            0.0
        };
    }
}

/// `a / b`, or 0 when `b` is 0.
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Count one-to-one overlapping pairs, greedily by largest overlap.
pub fn match_overlaps(pred: &[Span], gold: &[Span]) -> usize {
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (i, p) in pred.iter().enumerate() {
        for (j, g) in gold.iter().enumerate() {
            if p.overlaps(g) {
                let ov = p.end.min(g.end) - p.start.max(g.start);
                pairs.push((ov, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_p = vec![false; pred.len()];
    let mut used_g = vec![false; gold.len()];
    let mut n = 0;
    for (_, i, j) in pairs {
        if !used_p[i] && !used_g[j] {
            used_p[i] = true;
            used_g[j] = true;
            n += 1;
        }
    }
    n
}

/// Scores of attribution extraction.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AttributionScores {
    /// Articles read.
    pub articles: usize,
    /// Lines that could not be parsed, by line number.
    pub broken_lines: Vec<usize>,
    /// Cue scores.
    pub cue: Prf,
    /// Content scores.
    pub content: Prf,
    /// Source scores.
    pub source: Prf,
}

/// Score attribution extraction over a format-B JSON Lines text.
pub fn eval_attributions(engine: &Engine, jsonl: &str) -> AttributionScores {
    let mut s = AttributionScores::default();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let item: AttributionItem = match serde_json::from_str(line) {
            Ok(i) => i,
            Err(_) => {
                s.broken_lines.push(n + 1);
                continue;
            }
        };
        s.articles += 1;
        let a = engine.analyze(&item.id, item.text, Format::Text);
        let pred = &a.claims.attributions;
        let gold = &item.attributions;
        let pc: Vec<Span> = pred.iter().map(|x| x.cue).collect();
        let gc: Vec<Span> = gold.iter().map(|x| x.cue.into()).collect();
        s.cue.add(pc.len(), gc.len(), match_overlaps(&pc, &gc));
        let pt: Vec<Span> = pred.iter().map(|x| x.content).collect();
        let gt: Vec<Span> = gold.iter().map(|x| x.content.into()).collect();
        s.content.add(pt.len(), gt.len(), match_overlaps(&pt, &gt));
        let ps: Vec<Span> = pred.iter().filter_map(|x| x.speaker).collect();
        let gs: Vec<Span> = gold.iter().filter_map(|x| x.source.map(Span::from)).collect();
        s.source.add(ps.len(), gs.len(), match_overlaps(&ps, &gs));
    }
    s.cue.finish();
    s.content.finish();
    s.source.finish();
    s
}

/// Render a table of precision/recall/F1 rows.
pub fn prf_table(rows: &[(&str, Prf)]) -> String {
    let mut o = format!("{:<10} {:>9} {:>6} {:>8} {:>9} {:>7} {:>6}\n", "field", "predicted", "gold", "matched", "precision", "recall", "F1");
    for (name, p) in rows {
        o.push_str(&format!(
            "{:<10} {:>9} {:>6} {:>8} {:>9.3} {:>7.3} {:>6.3}\n",
            name, p.predicted, p.gold, p.matched, p.precision, p.recall, p.f1
        ));
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlaps_match_one_to_one() {
        let p = [Span::new(0, 5), Span::new(3, 8)];
        let g = [Span::new(4, 6)];
        assert_eq!(match_overlaps(&p, &g), 1);
        assert_eq!(match_overlaps(&p, &[]), 0);
    }
}
