//! Scoring against labelled data: attribution extraction (PolNeAR format B)
//! and, in `eval_pairs`, compare findings (pairs format A).

use crate::ingest::Format;
use crate::span::Span;
use crate::Engine;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A gold byte span.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct GoldSpan {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// An edited pair's gold span, with the error type the pairs file gives it
/// (`note`, as BUMP's "Intrinsic Entity Error").
#[derive(Debug, Clone, Deserialize)]
pub struct PairSpan {
    /// The byte range.
    #[serde(flatten)]
    pub span: GoldSpan,
    /// The error type, when the file gives one.
    #[serde(default)]
    pub note: Option<String>,
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
        let Ok(a) = engine.analyze(&item.id, item.text, Format::Text) else {
            s.broken_lines.push(n + 1);
            continue;
        };
        let pred = &a.claims.attributions;
        let gold = &item.attributions;
        let pc: Vec<Span> = pred.iter().map(|x| x.cue).collect();
        let gc: Vec<Span> = gold.iter().map(|x| x.cue.into()).collect();
        s.cue.add(pc.len(), gc.len(), match_overlaps(&pc, &gc));
        let pt: Vec<Span> = pred.iter().map(|x| x.content).collect();
        let gt: Vec<Span> = gold.iter().map(|x| x.content.into()).collect();
        s.content.add(pt.len(), gt.len(), match_overlaps(&pt, &gt));
        let ps: Vec<Span> = pred.iter().filter_map(|x| x.speaker).collect();
        let gs: Vec<Span> = gold
            .iter()
            .filter_map(|x| x.source.map(Span::from))
            .collect();
        s.source.add(ps.len(), gs.len(), match_overlaps(&ps, &gs));
    }
    s.cue.finish();
    s.content.finish();
    s.source.finish();
    s
}

/// Render a table of precision/recall/F1 rows.
pub fn prf_table(rows: &[(&str, Prf)]) -> String {
    let mut o = format!(
        "{:<10} {:>9} {:>6} {:>8} {:>9} {:>7} {:>6}\n",
        "field", "predicted", "gold", "matched", "precision", "recall", "F1"
    );
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

    #[test]
    fn a_flag_shared_with_a_consistent_sibling_says_nothing_of_the_edit() {
        let key = |rule: &str, text: &str| (rule.to_string(), vec![text.to_string()]);
        let pair = |source: u64, inconsistent: bool, flags: Vec<FlagKey>| PairFlags {
            source,
            inconsistent,
            flags,
        };
        let pairs = vec![
            pair(1, false, vec![key("entity", "Paul Grant")]),
            // flagged only for what the consistent draft of source 1 is flagged for
            pair(1, true, vec![key("entity", "Paul Grant")]),
            // flagged for its own edit as well
            pair(
                1,
                true,
                vec![key("entity", "Paul Grant"), key("date", "Tuesday")],
            ),
            // no consistent draft of source 2 in the file: not counted
            pair(2, true, vec![key("date", "Tuesday")]),
        ];
        assert_eq!(beyond_siblings(&pairs), (2, 1));
    }

    #[test]
    fn a_flagged_consistent_pair_naming_what_the_source_lacks_is_counted() {
        let engine = Engine::new(crate::rules::Rules::builtin().unwrap());
        let src = "The mayor of Leeds opened the new bridge on Monday, the council said.";
        let lines = [
            serde_json::json!({"id": "a", "source": src, "label": "consistent",
                "draft": "The mayor of Leeds opened the new bridge on Monday with Paul Grant."}),
            serde_json::json!({"id": "b", "source": src, "label": "consistent",
                "draft": "The mayor of Leeds opened the new bridge on Monday."}),
        ];
        let jsonl: String = lines.iter().map(|l| format!("{l}\n")).collect();
        let s = eval_pairs(&engine, &jsonl);
        assert_eq!((s.false_positive, s.consistent_flagged_absent), (1, 1));
    }

    #[test]
    fn pairs_sharing_a_source_get_the_reports_they_get_alone() {
        let engine = Engine::new(crate::rules::Rules::builtin().unwrap());
        let policy = crate::policy::Policy::default();
        let src = "The mayor of Leeds opened the new bridge on Monday, the council said.";
        let lines = [
            serde_json::json!({"id": "a", "source": src,
                "draft": "The mayor of Leeds opened the new bridge on Friday."}),
            serde_json::json!({"id": "b", "source": src,
                "draft": "The mayor of York opened the new bridge on Monday."}),
            serde_json::json!({"id": "c", "source": "The bridge cost 5 million pounds.",
                "draft": "The bridge cost 6 million pounds."}),
        ];
        let jsonl: String = lines.iter().map(|l| format!("{l}\n")).collect();
        let run = BatchRun {
            engine: &engine,
            policy: &policy,
            max_bytes: usize::MAX,
            jobs: 1,
        };
        for r in run.collect(&jsonl) {
            let (item, report) = r.outcome.unwrap();
            let alone = run_pair(&engine, &policy, &item, usize::MAX).unwrap();
            // each report names its own pair, though "b" reads "a"'s analysis
            assert_eq!(report.source, format!("{}:source", item.id));
            assert_eq!(
                serde_json::to_string(&report).unwrap(),
                serde_json::to_string(&alone).unwrap()
            );
        }
    }

    #[test]
    fn a_source_cache_gives_one_analysis_per_text_and_format() {
        let engine = Engine::new(crate::rules::Rules::builtin().unwrap());
        let cache = SourceCache::default();
        let text = "The bridge opened on Monday.".to_string();
        let get = |t: &str, f: Format| {
            cache
                .get_or_make(f, t.to_string(), |t| engine.analyze("x", t, f))
                .unwrap()
        };
        let a = get(&text, Format::Text);
        assert!(std::sync::Arc::ptr_eq(&a, &get(&text, Format::Text)));
        assert!(!std::sync::Arc::ptr_eq(&a, &get(&text, Format::Markdown)));
        assert!(!std::sync::Arc::ptr_eq(
            &a,
            &get("The bridge closed.", Format::Text)
        ));
    }

    #[test]
    fn edited_pairs_are_scored_per_error_type_of_their_gold_span() {
        let engine = Engine::new(crate::rules::Rules::builtin().unwrap());
        let src = "The mayor of Leeds opened the new bridge on Monday, the council said.";
        let span = |d: &str, w: &str, note: &str| {
            let start = d.find(w).unwrap();
            serde_json::json!([{"start": start, "end": start + w.len(), "note": note}])
        };
        let edited = "The mayor of Leeds opened the new bridge on Friday, the council said.";
        let invented = "The mayor of Leeds opened the new bridge on Monday with Paul Grant.";
        let lines = [
            serde_json::json!({"id": "a", "source": src, "draft": edited, "label": "inconsistent",
                "spans": span(edited, "Friday", "Circumstance")}),
            serde_json::json!({"id": "b", "source": src, "draft": invented, "label": "inconsistent",
                "spans": span(invented, "Paul Grant", "Entity")}),
            serde_json::json!({"id": "c", "source": src, "draft": src, "label": "inconsistent",
                "spans": span(src, "Leeds", "Entity")}),
        ];
        let jsonl: String = lines.iter().map(|l| format!("{l}\n")).collect();
        let s = eval_pairs(&engine, &jsonl);
        let got: Vec<(&str, usize, usize, usize)> = s
            .by_error_type
            .iter()
            .map(|t| (t.error_type.as_str(), t.pairs, t.caught, t.on_gold_span))
            .collect();
        // the changed weekday fails the gate on its span; the invented name is
        // flagged on its span as a warning; the unchanged draft is flagged nowhere
        assert_eq!(got, [("Circumstance", 1, 1, 1), ("Entity", 2, 0, 1)]);
    }
}

/// One line of a pairs file (format A, or with paths instead of texts).
#[derive(Debug, Clone, Deserialize)]
pub struct PairItem {
    /// Item id.
    pub id: String,
    /// Source text.
    pub source: Option<String>,
    /// Draft text.
    pub draft: Option<String>,
    /// Source file, instead of `source`.
    pub source_path: Option<String>,
    /// Draft file, instead of `draft`.
    pub draft_path: Option<String>,
    /// Gold label: consistent | inconsistent.
    pub label: Option<String>,
    /// Gold draft spans.
    #[serde(default)]
    pub spans: Vec<PairSpan>,
}

/// Analyses of source texts that several pairs of one batch share (BUMP edits
/// one reference summary of an article many times): a source is read once and
/// its analysis, whose parses fill in as checks ask, serves every pair with
/// the same text and format. The oldest go first once the texts held pass
/// [`SOURCE_CACHE_BYTES`]. An analysis is the same whichever pair made it, so
/// reports do not change.
#[derive(Default)]
pub struct SourceCache {
    held: std::sync::Mutex<SourceCacheEntries>,
}

/// The cached analyses with the text and format each was made from, oldest
/// first, and the bytes of text they hold.
#[derive(Default)]
struct SourceCacheEntries {
    entries: std::collections::VecDeque<(Format, String, std::sync::Arc<crate::Analysis>)>,
    bytes: usize,
}

/// Source text a [`SourceCache`] holds at most. An analysis takes about 20
/// times its text (the 100 BASIL articles: 0.5 MB of text, 11 MB held), so
/// this keeps a batch's peak some 20 MB above one pair's, whatever its size.
const SOURCE_CACHE_BYTES: usize = 1 << 20;

impl SourceCache {
    /// The analysis of `text` read as `format`, from the cache or made by `make`.
    fn get_or_make(
        &self,
        format: Format,
        text: String,
        make: impl FnOnce(String) -> crate::Result<crate::Analysis>,
    ) -> crate::Result<std::sync::Arc<crate::Analysis>> {
        let found = |held: &SourceCacheEntries, text: &str| {
            held.entries
                .iter()
                .find(|(f, t, _)| *f == format && t == text)
                .map(|(_, _, a)| a.clone())
        };
        if let Some(a) = found(&self.lock(), &text) {
            return Ok(a);
        }
        // made outside the lock: another worker may make the same one meanwhile,
        // which costs time, not correctness
        let made = std::sync::Arc::new(make(text.clone())?);
        let mut held = self.lock();
        if let Some(a) = found(&held, &text) {
            return Ok(a);
        }
        held.bytes += text.len();
        held.entries.push_back((format, text, made.clone()));
        while held.bytes > SOURCE_CACHE_BYTES && held.entries.len() > 1 {
            if let Some((_, old, _)) = held.entries.pop_front() {
                held.bytes -= old.len();
            }
        }
        Ok(made)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, SourceCacheEntries> {
        // a worker that panicked leaves whole entries behind: still usable
        self.held.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Compare one pair; texts come from the line or from the named files.
pub fn run_pair(
    engine: &Engine,
    policy: &crate::policy::Policy,
    item: &PairItem,
    max_bytes: usize,
) -> crate::Result<crate::report::CompareReport> {
    run_pair_cached(engine, policy, item, max_bytes, None)
}

/// [`run_pair`], reading the source's analysis from `cache` when a pair before
/// had the same source text.
fn run_pair_cached(
    engine: &Engine,
    policy: &crate::policy::Policy,
    item: &PairItem,
    max_bytes: usize,
    cache: Option<&SourceCache>,
) -> crate::Result<crate::report::CompareReport> {
    let load = |text: &Option<String>,
                path: &Option<String>,
                what: &str|
     -> crate::Result<(String, String)> {
        match (text, path) {
            (Some(t), _) => {
                // inline text meets the checks a file does: the size limit,
                // no NUL byte, some article text
                let name = format!("{}:{what}", item.id);
                let text = crate::ingest::decode(&name, t.clone().into_bytes(), max_bytes)?;
                Ok((name, text))
            }
            (None, Some(p)) => Ok((p.clone(), crate::ingest::read_path(p, max_bytes)?)),
            (None, None) => Err(crate::Error::Usage(format!(
                "pair {}: no {what} or {what}_path",
                item.id
            ))),
        }
    };
    let (sp, st) = load(&item.source, &item.source_path, "source")?;
    let (dp, dt) = load(&item.draft, &item.draft_path, "draft")?;
    let format = Format::from_path(&sp);
    let s = match cache {
        Some(c) => c.get_or_make(format, st, |t| engine.analyze(&sp, t, format))?,
        None => std::sync::Arc::new(engine.analyze(&sp, st, format)?),
    };
    let d = engine.analyze(&dp, dt, Format::from_path(&dp))?;
    let mut report = engine.compare(&s, &d);
    // a cached analysis may carry the name another pair gave the same text
    report.source = sp;
    policy.apply(&mut report, d.doc.as_read());
    policy.cut(&mut report);
    Ok(report)
}

/// The outcome of one line of a pairs file.
pub struct BatchResult {
    /// 1-based line number in the pairs file.
    pub line: usize,
    /// The parsed item (when the line parsed) and its report or error.
    pub outcome: crate::Result<(PairItem, crate::report::CompareReport)>,
}

/// Lines compared in parallel before their results are handed on; bounds memory.
const BATCH_CHUNK: usize = 1024;

/// One run of many pairs: the engine, the policy every report gets, the input
/// size limit and the number of worker threads (0: one per core).
#[derive(Clone, Copy)]
pub struct BatchRun<'a> {
    /// Rules and lookup tables.
    pub engine: &'a Engine,
    /// Applied to every report, as `compare` applies it.
    pub policy: &'a crate::policy::Policy,
    /// Largest article read from a path.
    pub max_bytes: usize,
    /// Worker threads; 0 is one per core.
    pub jobs: usize,
}

impl BatchRun<'_> {
    /// Run every non-blank line of a pairs file in parallel, handing results to
    /// `each` in input order, a chunk at a time so that memory stays bounded
    /// however long the file is.
    pub fn for_each(
        &self,
        jsonl: &str,
        mut each: impl FnMut(BatchResult) -> crate::Result<()>,
    ) -> crate::Result<()> {
        use rayon::prelude::*;
        let lines: Vec<(usize, &str)> = jsonl
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(n, l)| (n + 1, l))
            .collect();
        let cache = SourceCache::default();
        let run_line = |&(line, text): &(usize, &str)| -> BatchResult {
            let outcome = serde_json::from_str::<PairItem>(text)
                .map_err(|e| crate::Error::Usage(format!("not a pair: {e}")))
                .and_then(|item| {
                    run_pair_cached(
                        self.engine,
                        self.policy,
                        &item,
                        self.max_bytes,
                        Some(&cache),
                    )
                    .map(|r| (item, r))
                });
            BatchResult { line, outcome }
        };
        if self.jobs == 1 {
            // one worker is this thread: no pool to start, no hand-over to wait on
            for item in &lines {
                each(run_line(item))?;
            }
            return Ok(());
        }
        let run_chunk = |chunk: &[(usize, &str)]| -> Vec<BatchResult> {
            chunk.par_iter().map(run_line).collect()
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.jobs)
            .build()
            .map_err(|e| crate::Error::Usage(format!("cannot start worker threads: {e}")))?;
        for chunk in lines.chunks(BATCH_CHUNK) {
            for r in pool.install(|| run_chunk(chunk)) {
                each(r)?;
            }
        }
        Ok(())
    }

    /// Run every line of a pairs file and collect the results in input order.
    pub fn collect(&self, jsonl: &str) -> Vec<BatchResult> {
        let mut out = Vec::new();
        // the callback never fails, so neither does the walk (but for the pool)
        let _ = self.for_each(jsonl, |r| {
            out.push(r);
            Ok(())
        });
        out
    }
}

/// Scores of compare findings against labelled pairs.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PairScores {
    /// Pairs scored.
    pub pairs: usize,
    /// Lines that could not be parsed or run, by line number.
    pub broken_lines: Vec<usize>,
    /// Inconsistent pairs flagged.
    pub true_positive: usize,
    /// Consistent pairs flagged.
    pub false_positive: usize,
    /// Consistent pairs not flagged.
    pub true_negative: usize,
    /// Inconsistent pairs not flagged.
    pub false_negative: usize,
    /// Response-level precision.
    pub precision: f64,
    /// Response-level recall.
    pub recall: f64,
    /// Response-level F1.
    pub f1: f64,
    /// Mean of recall on each class.
    pub balanced_accuracy: f64,
    /// Flagged draft spans that overlap a gold span, over flagged spans (pairs with gold spans only).
    pub span_precision: f64,
    /// Gold spans overlapped by a flagged span, over gold spans.
    pub span_recall: f64,
    /// Consistent pairs flagged for a name, number or attribution whose words never
    /// occur in the source text (case aside): the label says consistent, yet the
    /// source does not state it (pairs with inline source text only).
    pub consistent_flagged_absent: usize,
    /// Inconsistent pairs whose source also has a consistent draft in the file.
    pub with_consistent_sibling: usize,
    /// Of those, the pairs flagged for something (rule and draft text) that no
    /// consistent draft of the same source is flagged for: where datasets edit one
    /// reference many times (BUMP), a flag the reference shares says nothing of the edit.
    pub flagged_beyond_sibling: usize,
    /// Flagging findings per rule on consistent pairs (false alarms), most first.
    pub false_alarms_by_rule: Vec<(String, usize)>,
    /// Flagging findings per rule on inconsistent pairs.
    pub flags_by_rule: Vec<(String, usize)>,
    /// Per error type of the gold spans (their `note`): how many edited pairs,
    /// how many an error-severity finding fails (the CI gate), and how many a
    /// warning or error flags on the gold span.
    pub by_error_type: Vec<ErrorTypeScores>,
}

/// The CI view of the edited pairs of one error type.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ErrorTypeScores {
    /// The error type, as the gold spans' `note` gives it.
    pub error_type: String,
    /// Edited pairs with a gold span of that type.
    pub pairs: usize,
    /// Of those, the pairs with an error-severity finding (not an omission).
    pub caught: usize,
    /// Of those, the pairs with a warning or error on a gold span.
    pub on_gold_span: usize,
}

/// True for a finding that flags a draft: unsupported or contradiction, warning or error.
pub fn flags(f: &crate::report::FindingView) -> bool {
    f.kind != crate::compare::FindingKind::Omission && f.severity >= crate::model::Severity::Warning
}

/// True when `f` flags a name, number or attribution whose text the source never
/// uses, case aside: an unsupported claim a reader can verify with a text search.
fn absent_from(source: &str, f: &crate::report::FindingView) -> bool {
    matches!(
        f.rule.as_str(),
        "entity" | "quantity-unsupported" | "attribution"
    ) && f.draft_spans.first().is_some_and(|d| {
        let needle = d.text.trim().to_lowercase();
        !needle.is_empty() && !source.to_lowercase().contains(&needle)
    })
}

/// Run every pair of a pairs file and score it against the labels.
pub fn eval_pairs(engine: &Engine, jsonl: &str) -> PairScores {
    use std::collections::BTreeMap;
    let mut s = PairScores::default();
    let (mut span_pred, mut span_pred_hit, mut span_gold, mut span_gold_hit) =
        (0usize, 0usize, 0usize, 0usize);
    let mut fa: BTreeMap<String, usize> = BTreeMap::new();
    let mut fl: BTreeMap<String, usize> = BTreeMap::new();
    let mut types: BTreeMap<String, ErrorTypeScores> = BTreeMap::new();
    // per pair: its source, whether it is inconsistent, and what flags it (rule, draft texts)
    let mut flag_keys: Vec<PairFlags> = Vec::new();
    let policy = crate::policy::Policy::default();
    let run = BatchRun {
        engine,
        policy: &policy,
        max_bytes: usize::MAX,
        jobs: 0,
    };
    for r in run.collect(jsonl) {
        let Ok((item, report)) = r.outcome else {
            s.broken_lines.push(r.line);
            continue;
        };
        let Some(label) = item.label.as_deref() else {
            continue;
        };
        s.pairs += 1;
        let flagging: Vec<&crate::report::FindingView> =
            report.findings.iter().filter(|f| flags(f)).collect();
        let flagged = !flagging.is_empty();
        let gold_bad = label == "inconsistent";
        match (gold_bad, flagged) {
            (true, true) => s.true_positive += 1,
            (true, false) => s.false_negative += 1,
            (false, true) => s.false_positive += 1,
            (false, false) => s.true_negative += 1,
        }
        if !gold_bad && flagged {
            if let Some(source) = item.source.as_deref() {
                if flagging.iter().any(|f| absent_from(source, f)) {
                    s.consistent_flagged_absent += 1;
                }
            }
        }
        // pairs of one source are told by a hash of its text (or path): no copy
        // of every article is kept
        let source_key = item
            .source
            .as_deref()
            .or(item.source_path.as_deref())
            .map(|t| {
                use std::hash::{Hash, Hasher};
                let mut h = std::collections::hash_map::DefaultHasher::new();
                t.hash(&mut h);
                h.finish()
            });
        if let Some(key) = source_key {
            let keys = flagging
                .iter()
                .map(|f| {
                    let texts = f.draft_spans.iter().map(|d| d.text.clone()).collect();
                    (f.rule.as_str().to_string(), texts)
                })
                .collect();
            flag_keys.push(PairFlags {
                source: key,
                inconsistent: gold_bad,
                flags: keys,
            });
        }
        for f in &flagging {
            *(if gold_bad { &mut fl } else { &mut fa })
                .entry(f.rule.as_str().to_string())
                .or_default() += 1;
        }
        if gold_bad && !item.spans.is_empty() {
            let pred: Vec<Span> = flagging
                .iter()
                .flat_map(|f| f.draft_spans.iter().map(|v| Span::new(v.start, v.end)))
                .collect();
            let gold: Vec<Span> = item.spans.iter().map(|g| Span::from(g.span)).collect();
            if let Some(note) = item.spans.iter().find_map(|g| g.note.as_ref()) {
                let t = types
                    .entry(note.clone())
                    .or_insert_with(|| ErrorTypeScores {
                        error_type: note.clone(),
                        ..Default::default()
                    });
                t.pairs += 1;
                t.caught += usize::from(report.findings.iter().any(|f| {
                    f.kind != crate::compare::FindingKind::Omission
                        && f.severity == crate::model::Severity::Error
                }));
                t.on_gold_span +=
                    usize::from(pred.iter().any(|p| gold.iter().any(|g| g.overlaps(p))));
            }
            span_pred += pred.len();
            span_pred_hit += pred
                .iter()
                .filter(|p| gold.iter().any(|g| g.overlaps(p)))
                .count();
            span_gold += gold.len();
            span_gold_hit += gold
                .iter()
                .filter(|g| pred.iter().any(|p| p.overlaps(g)))
                .count();
        }
    }
    (s.with_consistent_sibling, s.flagged_beyond_sibling) = beyond_siblings(&flag_keys);
    s.precision = ratio(s.true_positive, s.true_positive + s.false_positive);
    s.recall = ratio(s.true_positive, s.true_positive + s.false_negative);
    s.f1 = if s.precision + s.recall > 0.0 {
        2.0 * s.precision * s.recall / (s.precision + s.recall)
    } else {
        0.0
    };
    let tnr = ratio(s.true_negative, s.true_negative + s.false_positive);
    s.balanced_accuracy = (s.recall + tnr) / 2.0;
    s.span_precision = ratio(span_pred_hit, span_pred);
    s.span_recall = ratio(span_gold_hit, span_gold);
    let sorted = |m: BTreeMap<String, usize>| {
        let mut v: Vec<(String, usize)> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    };
    s.false_alarms_by_rule = sorted(fa);
    s.flags_by_rule = sorted(fl);
    s.by_error_type = types.into_values().collect();
    s
}

/// What flags a draft: a rule and the draft texts it points at (not their offsets,
/// which an edit elsewhere in the draft moves).
type FlagKey = (String, Vec<String>);

/// One scored pair, as `beyond_siblings` needs it.
struct PairFlags {
    /// A hash of the source text (or path): pairs with the same one are siblings.
    source: u64,
    /// The gold label says inconsistent.
    inconsistent: bool,
    /// What flags the draft.
    flags: Vec<FlagKey>,
}

/// Inconsistent pairs with a consistent sibling (a consistent pair of the same
/// source), and how many of them are flagged for something no sibling is.
fn beyond_siblings(pairs: &[PairFlags]) -> (usize, usize) {
    let mut sibling_flags: HashMap<u64, HashSet<&FlagKey>> = HashMap::new();
    for p in pairs.iter().filter(|p| !p.inconsistent) {
        sibling_flags
            .entry(p.source)
            .or_default()
            .extend(p.flags.iter());
    }
    let (mut with, mut beyond) = (0, 0);
    for p in pairs.iter().filter(|p| p.inconsistent) {
        let Some(shared) = sibling_flags.get(&p.source) else {
            continue;
        };
        with += 1;
        beyond += usize::from(p.flags.iter().any(|k| !shared.contains(k)));
    }
    (with, beyond)
}

/// A table of the pair scores for a person.
pub fn pair_table(s: &PairScores) -> String {
    let mut o = String::new();
    o.push_str(&format!(
        "pairs: {}  (TP {}  FP {}  TN {}  FN {})\n",
        s.pairs, s.true_positive, s.false_positive, s.true_negative, s.false_negative
    ));
    o.push_str(&format!(
        "response  precision {:.3}  recall {:.3}  F1 {:.3}  balanced accuracy {:.3}\n",
        s.precision, s.recall, s.f1, s.balanced_accuracy
    ));
    o.push_str(&format!(
        "span      precision {:.3}  recall {:.3}\n",
        s.span_precision, s.span_recall
    ));
    o.push_str(&format!(
        "flagged consistent pairs naming what the source text lacks: {} of {}\n",
        s.consistent_flagged_absent, s.false_positive
    ));
    if s.with_consistent_sibling > 0 {
        o.push_str(&format!(
            "inconsistent pairs flagged beyond what a consistent draft of their source is: {} of {} ({:.3})\n",
            s.flagged_beyond_sibling,
            s.with_consistent_sibling,
            ratio(s.flagged_beyond_sibling, s.with_consistent_sibling)
        ));
    }
    let fmt = |v: &[(String, usize)]| {
        v.iter()
            .map(|(r, n)| format!("{r} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    o.push_str(&format!(
        "flags on consistent pairs by rule:   {}\n",
        fmt(&s.false_alarms_by_rule)
    ));
    o.push_str(&format!(
        "flags on inconsistent pairs by rule: {}\n",
        fmt(&s.flags_by_rule)
    ));
    if !s.by_error_type.is_empty() {
        o.push_str("by error type (edited pairs; failed by an error; flagged on the gold span):\n");
        for t in &s.by_error_type {
            o.push_str(&format!(
                "  {:<32} {:>4}  caught {:.3}  on gold span {:.3}\n",
                t.error_type,
                t.pairs,
                ratio(t.caught, t.pairs),
                ratio(t.on_gold_span, t.pairs)
            ));
        }
    }
    o
}
