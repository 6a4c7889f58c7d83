//! Reports: the serialisable views of extraction and comparison results that
//! every output format renders.

use crate::extract::entities::EntityKind;
use crate::extract::quantities::QuantityKind;
use crate::model::BlockKind;
use crate::span::{Span, SpanView};
use crate::Analysis;
use serde::Serialize;

/// Version of the JSON/YAML schemas; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// Version of the `extract` JSON/YAML shape: 2 added `syntax`, each sentence's
/// UD tokens with tag, lemma, head and relation.
pub const EXTRACT_SCHEMA_VERSION: u32 = 2;

/// One syntax token as printed: byte span, text, UPOS, lemma, head (1-based index
/// in its sentence, 0 for the root) and UD relation.
#[derive(Debug, Clone, Serialize)]
pub struct TokenView {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// The token as written.
    pub text: String,
    /// Universal part of speech.
    pub upos: &'static str,
    /// Lemma.
    pub lemma: String,
    /// Head token (1-based in the sentence; 0 is the root).
    pub head: usize,
    /// Dependency relation.
    pub deprel: String,
}

/// A block as printed.
#[derive(Debug, Serialize)]
pub struct BlockView {
    /// Structural role.
    pub kind: BlockKind,
    /// Content span.
    #[serde(flatten)]
    pub span: SpanView,
}

/// An entity as printed.
#[derive(Debug, Serialize)]
pub struct EntityView {
    /// Document-local id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: EntityKind,
    /// Role or title, if seen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Every mention.
    pub mentions: Vec<SpanView>,
}

/// A quantity as printed.
#[derive(Debug, Serialize)]
pub struct QuantityView {
    /// Where it is.
    #[serde(flatten)]
    pub span: SpanView,
    /// Normalised value: a number, `{"weekday"}` or `{"year", "month", "day"}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<crate::extract::quantities::Value>,
    /// Unit, currency or counted noun.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Kind.
    pub kind: QuantityKind,
}

/// The speaker of an attribution as printed.
#[derive(Debug, Serialize)]
pub struct SpeakerView {
    /// Where the speaker is named.
    #[serde(flatten)]
    pub span: SpanView,
    /// Entity id it resolves to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
}

/// An attribution as printed.
#[derive(Debug, Serialize)]
pub struct AttributionView {
    /// Speaker, or null when none is named.
    pub speaker: Option<SpeakerView>,
    /// Cue.
    pub cue: SpanView,
    /// Addressee, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub addressee: Option<SpanView>,
    /// Content.
    pub content: SpanView,
    /// Quotation or not.
    pub direct: bool,
    /// Found by the learned cue model rather than by a rule.
    pub learned: bool,
}

/// A list claim as printed.
#[derive(Debug, Serialize)]
pub struct ListView {
    /// How it was found.
    pub pattern: &'static str,
    /// Declaring head.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<SpanView>,
    /// Declared count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_count: Option<usize>,
    /// Owner.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<SpeakerView>,
    /// Items.
    pub items: Vec<SpanView>,
}

/// The document model printed by `factdiff extract`.
#[derive(Debug, Serialize)]
pub struct ExtractReport {
    /// Schema version.
    pub schema_version: u32,
    /// Path as given.
    pub file: String,
    /// Blocks.
    pub blocks: Vec<BlockView>,
    /// Lines dropped as furniture.
    pub dropped: Vec<SpanView>,
    /// Sentences.
    pub sentences: Vec<SpanView>,
    /// Entities.
    pub entities: Vec<EntityView>,
    /// Quantities.
    pub quantities: Vec<QuantityView>,
    /// Attributions.
    pub attributions: Vec<AttributionView>,
    /// Lists.
    pub lists: Vec<ListView>,
    /// Each sentence's syntax tokens, parallel to `sentences`.
    pub syntax: Vec<Vec<TokenView>>,
    /// Claim frames, one per clause, in text order.
    pub frames: Vec<FrameView>,
}

/// A participant of a claim frame as printed.
#[derive(Debug, Clone, Serialize)]
pub struct ParticipantView {
    /// Its relation to the predicate (`nsubj`, `obj`, `obl:in`, ...).
    pub role: String,
    /// The whole phrase.
    #[serde(flatten)]
    pub span: SpanView,
}

/// A claim frame as printed: predicate, lemma, polarity, modality, participants.
#[derive(Debug, Clone, Serialize)]
pub struct FrameView {
    /// The sentence it is in (index into `sentences`).
    pub sentence: usize,
    /// The predicate word.
    pub predicate: SpanView,
    /// Its lemma.
    pub lemma: String,
    /// The claim is negated.
    pub negated: bool,
    /// Modal auxiliaries ("will", "could").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub modal: Vec<String>,
    /// Subject, object and obliques.
    pub participants: Vec<ParticipantView>,
}

impl ExtractReport {
    /// Build the printable model of an analysis (`rules` give the negators and
    /// modal auxiliaries of its claim frames).
    pub fn new(a: &Analysis, rules: &crate::rules::Rules) -> Self {
        let words = crate::extract::frames::FrameWords::from_rules(rules);
        let n = a.doc.sentences.len();
        let syntax = (0..n).map(|i| token_views(a, a.syntax(i))).collect();
        let frames = (0..n)
            .flat_map(|i| frame_views(a, a.frames(i, &words)))
            .collect();
        ExtractReport {
            syntax,
            frames,
            ..ExtractReport::without_syntax(a)
        }
    }

    /// The report with its `syntax` and `frames` left empty.
    fn without_syntax(a: &Analysis) -> Self {
        let doc = &a.doc;
        let v = |s: Span| SpanView::new(s, &doc.text, &doc.lines);
        let c = &a.claims;
        ExtractReport {
            schema_version: EXTRACT_SCHEMA_VERSION,
            syntax: Vec::new(),
            frames: Vec::new(),
            file: doc.path.clone(),
            blocks: doc
                .blocks
                .iter()
                .map(|b| BlockView {
                    kind: b.kind,
                    span: v(b.span),
                })
                .collect(),
            dropped: doc.dropped.iter().map(|d| v(d.span)).collect(),
            sentences: doc.sentences.iter().map(|s| v(s.span)).collect(),
            entities: c
                .entities
                .iter()
                .map(|e| EntityView {
                    id: e.id.clone(),
                    name: e.name.clone(),
                    kind: e.kind,
                    role: e.role.clone(),
                    mentions: e.mentions.iter().map(|m| v(*m)).collect(),
                })
                .collect(),
            quantities: c
                .quantities
                .iter()
                .flatten()
                .map(|q| QuantityView {
                    span: v(q.span),
                    value: q.value,
                    unit: q.unit.clone(),
                    kind: q.kind,
                })
                .collect(),
            attributions: c
                .attributions
                .iter()
                .map(|at| AttributionView {
                    speaker: at.speaker.map(|s| SpeakerView {
                        span: v(s),
                        entity: at.speaker_entity.clone(),
                    }),
                    cue: v(at.cue),
                    addressee: at.addressee.map(v),
                    content: v(at.content),
                    direct: at.direct,
                    learned: at.learned,
                })
                .collect(),
            lists: c
                .lists
                .iter()
                .map(|l| ListView {
                    pattern: l.pattern,
                    head: l.head.map(v),
                    declared_count: l.declared_count,
                    owner: l.owner.map(|s| SpeakerView {
                        span: v(s),
                        entity: l.owner_entity.clone(),
                    }),
                    items: l.items.iter().map(|i| v(*i)).collect(),
                })
                .collect(),
        }
    }

    /// A readable listing for a person.
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let mut o = String::new();
        let at = |s: &SpanView| format!("{}:{}", s.line, s.column);
        let _ = writeln!(o, "file: {}", self.file);
        let _ = writeln!(o, "\nsentences ({}):", self.sentences.len());
        for s in &self.sentences {
            let _ = writeln!(o, "  {:>7}  {}", at(s), s.text.replace('\n', " "));
        }
        let _ = writeln!(o, "\nentities ({}):", self.entities.len());
        for e in &self.entities {
            let role = e
                .role
                .as_ref()
                .map(|r| format!(" [{r}]"))
                .unwrap_or_default();
            let ms: Vec<String> = e
                .mentions
                .iter()
                .map(|m| format!("{} {}", at(m), m.text))
                .collect();
            let _ = writeln!(
                o,
                "  {} {:?} {}{}: {}",
                e.id,
                e.kind,
                e.name,
                role,
                ms.join("; ")
            );
        }
        let _ = writeln!(o, "\nquantities ({}):", self.quantities.len());
        for q in &self.quantities {
            let val = q.value.map(|v| format!(" = {v}")).unwrap_or_default();
            let unit = q
                .unit
                .as_ref()
                .map(|u| format!(" ({u})"))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "  {:>7}  {:?} {}{}{}",
                at(&q.span),
                q.kind,
                q.span.text,
                val,
                unit
            );
        }
        let _ = writeln!(o, "\nattributions ({}):", self.attributions.len());
        for a in &self.attributions {
            let sp = a
                .speaker
                .as_ref()
                .map_or("(none)".to_string(), |s| s.span.text.clone());
            let to = a
                .addressee
                .as_ref()
                .map(|s| format!(" → {}", s.text))
                .unwrap_or_default();
            let kind = match (a.direct, a.learned) {
                (true, false) => "direct",
                (false, false) => "indirect",
                (true, true) => "direct, learned cue",
                (false, true) => "indirect, learned cue",
            };
            let _ = writeln!(
                o,
                "  {:>7}  {} [{}]{} ({kind}): {}",
                at(&a.cue),
                sp,
                a.cue.text,
                to,
                a.content.text.replace('\n', " ")
            );
        }
        let _ = writeln!(o, "\nlists ({}):", self.lists.len());
        for l in &self.lists {
            let head = l.head.as_ref().map(|h| h.text.clone()).unwrap_or_default();
            let owner = l
                .owner
                .as_ref()
                .map(|h| format!(" by {}", h.span.text))
                .unwrap_or_default();
            let count = l
                .declared_count
                .map(|c| format!(" declared {c}"))
                .unwrap_or_default();
            let _ = writeln!(o, "  {} list \"{}\"{}{}:", l.pattern, head, owner, count);
            for (i, it) in l.items.iter().enumerate() {
                let _ = writeln!(o, "    {}. {:>7}  {}", i + 1, at(it), it.text);
            }
        }
        o
    }
}

/// "1 error", "2 errors": a count with its noun in the right number.
/// `n` with its noun in the number it takes: "1 error", "2 errors".
pub(crate) fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Counts of findings by kind and severity.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    /// Contradictions.
    pub contradiction: usize,
    /// Omissions.
    pub omission: usize,
    /// Unsupported additions.
    pub unsupported: usize,
    /// Errors.
    pub error: usize,
    /// Warnings.
    pub warning: usize,
    /// Infos.
    pub info: usize,
}

impl Summary {
    /// Add another report's counts.
    pub fn add(&mut self, other: &Summary) {
        self.contradiction += other.contradiction;
        self.omission += other.omission;
        self.unsupported += other.unsupported;
        self.error += other.error;
        self.warning += other.warning;
        self.info += other.info;
    }
}

/// The reports of one run over several drafts as one JSON or YAML document:
/// each draft's report, and the counts over all of them.
#[derive(Debug, Clone, Serialize)]
pub struct RunReport<'a> {
    /// Version of this output's shape (the reports' own).
    pub schema_version: u32,
    /// One report per draft, in the order the drafts were given.
    pub reports: &'a [CompareReport],
    /// Counts over all reports.
    pub summary: Summary,
}

impl Summary {
    /// One line of counts: "1 contradiction, 2 omissions, 0 unsupported (1
    /// error, 2 warnings, 0 info)".
    pub fn line(&self) -> String {
        format!(
            "{}, {}, {} unsupported ({}, {}, {} info)",
            counted(self.contradiction, "contradiction", "contradictions"),
            counted(self.omission, "omission", "omissions"),
            self.unsupported,
            counted(self.error, "error", "errors"),
            counted(self.warning, "warning", "warnings"),
            self.info
        )
    }
}

impl<'a> RunReport<'a> {
    /// The grand total of a run over several drafts, one line: how many drafts,
    /// how many of them fail (`failing`, as the policy judges), and the counts.
    pub fn total_line(&self, failing: usize) -> String {
        format!(
            "total: {}, {} failing: {}",
            counted(self.reports.len(), "draft", "drafts"),
            failing,
            self.summary.line()
        )
    }

    /// The run of `reports`.
    pub fn new(reports: &'a [CompareReport]) -> Self {
        let mut summary = Summary::default();
        for r in reports {
            summary.add(&r.summary);
        }
        RunReport {
            schema_version: SCHEMA_VERSION,
            reports,
            summary,
        }
    }
}

/// A finding as printed.
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    /// contradiction | omission | unsupported.
    pub kind: crate::compare::FindingKind,
    /// Rule id.
    pub rule: crate::model::RuleId,
    /// error | warning | info.
    pub severity: crate::model::Severity,
    /// One line for a person.
    pub message: String,
    /// Which source the source spans are in, when a draft is checked against several.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_file: Option<String>,
    /// Spans in the source.
    pub source_spans: Vec<SpanView>,
    /// Spans in the draft.
    pub draft_spans: Vec<SpanView>,
    /// For an unsupported finding of one span shorter than its sentence: the
    /// draft sentence it stands in, which the text report shows it inside.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft_sentence: Option<SpanView>,
    /// Why the two sides were paired (support, shared words, matching frame
    /// slots), when the finding has both.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aligned: Option<crate::compare::Basis>,
}

/// The result of `factdiff compare`, rendered by every output format.
#[derive(Debug, Clone, Serialize)]
pub struct CompareReport {
    /// Schema version.
    pub schema_version: u32,
    /// Source path (the first source when there are several).
    pub source: String,
    /// Every source path, when the draft is checked against several.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// Draft path.
    pub draft: String,
    /// Counts of the findings reported (after suppressions and baseline; before
    /// `--max-findings` cuts the list).
    pub summary: Summary,
    /// Findings in report order.
    pub findings: Vec<FindingView>,
    /// Findings silenced by `factdiff-disable` comments in the draft.
    #[serde(skip_serializing_if = "is_zero")]
    pub suppressed: usize,
    /// Findings accepted by the baseline file.
    #[serde(skip_serializing_if = "is_zero")]
    pub baselined: usize,
    /// Findings counted in the summary but cut from the list by `--max-findings`.
    #[serde(skip_serializing_if = "is_zero")]
    pub not_shown: usize,
    /// Findings counted in the summary but left out of the list by `--min-severity`.
    #[serde(skip_serializing_if = "is_zero")]
    pub below_min_severity: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    /// Count `findings` by kind and severity.
    pub fn of(findings: &[FindingView]) -> Summary {
        use crate::compare::FindingKind as K;
        use crate::model::Severity as S;
        let mut summary = Summary::default();
        for f in findings {
            match f.kind {
                K::Contradiction => summary.contradiction += 1,
                K::Omission => summary.omission += 1,
                K::Unsupported => summary.unsupported += 1,
            }
            match f.severity {
                S::Error => summary.error += 1,
                S::Warning => summary.warning += 1,
                S::Info => summary.info += 1,
            }
        }
        summary
    }
}

impl CompareReport {
    /// Build the printable result of a comparison.
    pub fn new(source: &Analysis, draft: &Analysis, c: &crate::compare::Comparison) -> Self {
        let sv = |s: &Span| SpanView::new(*s, &source.doc.text, &source.doc.lines);
        let dv = |s: &Span| SpanView::new(*s, &draft.doc.text, &draft.doc.lines);
        let sentence_of = |f: &crate::compare::Finding| {
            let [span] = f.draft_spans[..] else {
                return None;
            };
            if f.kind != crate::compare::FindingKind::Unsupported {
                return None;
            }
            let sentences = &draft.doc.sentences;
            let sentence = sentences
                .get(crate::compare::sentence_at(sentences, span.start))?
                .span;
            (sentence.contains(&span) && sentence != span).then(|| dv(&sentence))
        };
        let findings: Vec<FindingView> = c
            .findings
            .iter()
            .map(|f| FindingView {
                kind: f.kind,
                rule: f.rule,
                severity: f.severity,
                message: f.message.clone(),
                source_file: None,
                source_spans: f.source_spans.iter().map(sv).collect(),
                draft_spans: f.draft_spans.iter().map(dv).collect(),
                draft_sentence: sentence_of(f),
                aligned: f.basis.clone(),
            })
            .collect();
        CompareReport {
            schema_version: SCHEMA_VERSION,
            source: source.doc.path.clone(),
            sources: Vec::new(),
            draft: draft.doc.path.clone(),
            summary: Summary::of(&findings),
            findings,
            suppressed: 0,
            baselined: 0,
            not_shown: 0,
            below_min_severity: 0,
        }
    }

    /// Drop the findings `keep` refuses; returns how many went. The summary follows.
    pub fn retain(&mut self, keep: impl FnMut(&FindingView) -> bool) -> usize {
        let before = self.findings.len();
        self.findings.retain(keep);
        self.summary = Summary::of(&self.findings);
        before - self.findings.len()
    }

    /// Leave findings under `min` out of the list (`--min-severity`); the
    /// summary and the exit code still count them.
    pub fn hide_below(&mut self, min: crate::model::Severity) {
        let before = self.findings.len();
        self.findings.retain(|f| f.severity >= min);
        self.below_min_severity += before - self.findings.len();
    }

    /// Keep the first `max` findings for display (`--max-findings`); the summary
    /// still counts all of them and `not_shown` says how many were cut.
    pub fn truncate(&mut self, max: usize) {
        self.order_by_severity();
        if self.findings.len() > max {
            self.not_shown += self.findings.len() - max;
            self.findings.truncate(max);
        }
    }

    /// Order the findings most severe first (error, warning, info), keeping
    /// their order within a severity: a cut then keeps the most severe, and
    /// every format lists them alike.
    pub fn order_by_severity(&mut self) {
        self.findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    }

    /// The file a finding's source spans are in.
    pub fn source_of<'a>(&'a self, f: &'a FindingView) -> &'a str {
        f.source_file.as_deref().unwrap_or(&self.source)
    }

    /// Highest severity among the findings counted in the summary, if any.
    pub fn max_severity(&self) -> Option<crate::model::Severity> {
        use crate::model::Severity as S;
        let s = &self.summary;
        [
            (s.error, S::Error),
            (s.warning, S::Warning),
            (s.info, S::Info),
        ]
        .into_iter()
        .find(|(n, _)| *n > 0)
        .map(|(_, sev)| sev)
    }

    /// The diff-style report at [`TEXT_WIDTH`] columns; colour follows
    /// `colored`'s global switch.
    pub fn to_text(&self) -> String {
        self.to_text_width(TEXT_WIDTH)
    }

    /// The diff-style report, claim lines wrapped to `width` columns (the
    /// terminal's, when the CLI prints to one).
    pub fn to_text_width(&self, width: usize) -> String {
        use colored::Colorize;
        use std::fmt::Write;
        let mut o = String::new();
        let against = if self.sources.is_empty() {
            self.source.clone()
        } else {
            self.sources.join(", ")
        };
        // a clean draft is one line
        if self.findings.is_empty()
            && self.not_shown == 0
            && self.below_min_severity == 0
            && self.suppressed == 0
            && self.baselined == 0
        {
            let _ = writeln!(
                o,
                "{} {} against {}: no findings",
                "clean:".green().bold(),
                self.draft,
                against
            );
            return o;
        }
        let header = if self.sources.is_empty() {
            format!("--- source: {}", self.source)
        } else {
            format!("--- sources: {}", self.sources.join(", "))
        };
        let _ = writeln!(o, "{}", header.bold());
        let _ = writeln!(o, "{}", format!("+++ draft:  {}", self.draft).bold());
        for f in &self.findings {
            let sev = match f.severity {
                crate::model::Severity::Error => "error".red().bold(),
                crate::model::Severity::Warning => "warning".yellow().bold(),
                crate::model::Severity::Info => "info".blue().bold(),
            };
            let _ = writeln!(
                o,
                "\n{}[{}] {}: {}",
                sev,
                f.rule,
                f.kind.as_str(),
                f.message
            );
            let loc = |file: &str, s: &[SpanView]| {
                s.first().map(|x| format!("{file}:{}:{}", x.line, x.column))
            };
            let locs: Vec<String> = [
                loc(self.source_of(f), &f.source_spans),
                loc(&self.draft, &f.draft_spans),
            ]
            .into_iter()
            .flatten()
            .collect();
            // both sides on one line when they fit the width, else a line each
            let joined = locs.join("  ");
            if joined.chars().count() + CLAIM_INDENT + 2 <= width {
                let _ = writeln!(o, "  {} {joined}", "-->".cyan());
            } else {
                for l in &locs {
                    let _ = writeln!(o, "  {} {l}", "-->".cyan());
                }
            }
            let sw: Vec<String> = f.source_spans.iter().map(|s| s.text.clone()).collect();
            let dw: Vec<String> = f.draft_spans.iter().map(|s| s.text.clone()).collect();
            let (sl, dl) = word_diff(&sw.join(" … "), &dw.join(" … "), width);
            if !sw.is_empty() {
                let _ = writeln!(o, "  {} {}", "-".red(), sl);
            }
            if let (Some(sentence), [span]) = (&f.draft_sentence, &f.draft_spans[..]) {
                let _ = writeln!(
                    o,
                    "  {} {}",
                    "+".green(),
                    in_sentence(sentence, span, width)
                );
            } else if !dw.is_empty() {
                let _ = writeln!(o, "  {} {}", "+".green(), dl);
            }
            if let Some(b) = &f.aligned {
                let line = format!("aligned: {}", b.line());
                let pieces: Vec<(usize, String)> = line
                    .split(' ')
                    .map(|w| (w.chars().count(), w.to_string()))
                    .collect();
                let wrapped = wrap(&pieces, width.saturating_sub(CLAIM_INDENT).max(20));
                let _ = writeln!(o, "  {} {wrapped}", "=".cyan());
            }
        }
        if self.not_shown > 0 {
            let _ = writeln!(
                o,
                "\n... {} not shown (--max-findings)",
                counted(self.not_shown, "more finding", "more findings")
            );
        }
        if self.below_min_severity > 0 {
            let _ = writeln!(
                o,
                "\n... {} under --min-severity not shown",
                counted(self.below_min_severity, "finding", "findings")
            );
        }
        let _ = writeln!(o, "\nsummary: {}", self.summary.line());
        for (n, what) in [
            (self.suppressed, "silenced by factdiff-disable comments"),
            (self.baselined, "accepted by the baseline"),
        ] {
            if n > 0 {
                let _ = writeln!(o, "{} {what}", counted(n, "more finding", "more findings"));
            }
        }
        o
    }
}

/// Columns the text report wraps to when it does not know the terminal's.
pub const TEXT_WIDTH: usize = 100;

/// Indent of a claim line ("  - ") and of its continuation lines.
const CLAIM_INDENT: usize = 4;

/// Mark the words each side has that the other lacks, a run of adjacent ones as
/// one change (`[-May 29, 1943-]` and `{+June 1, 1944+}`, or red and green when
/// colour is on, as `git diff --word-diff` does), wrapped to `width` columns
/// counted in visible characters.
fn word_diff(source: &str, draft: &str, width: usize) -> (String, String) {
    use colored::Colorize;
    let key =
        |w: &str| crate::extract::tokens::normalize(w.trim_matches(|c: char| !c.is_alphanumeric()));
    let sk: std::collections::HashSet<String> = source.split_whitespace().map(key).collect();
    let dk: std::collections::HashSet<String> = draft.split_whitespace().map(key).collect();
    let both = !source.is_empty() && !draft.is_empty();
    let colour = colored::control::SHOULD_COLORIZE.should_colorize();
    let mark = |text: &str, other: &std::collections::HashSet<String>, del: bool| -> String {
        let words: Vec<&str> = text.split_whitespace().collect();
        let changed: Vec<bool> = words
            .iter()
            .map(|w| both && !other.contains(&key(w)))
            .collect();
        let (open, close) = if del { ("[-", "-]") } else { ("{+", "+}") };
        // (visible width, rendered) of each word, markers around each run
        let pieces: Vec<(usize, String)> = words
            .iter()
            .enumerate()
            .map(|(k, w)| {
                let len = w.chars().count();
                if !changed[k] {
                    (len, w.to_string())
                } else if colour {
                    let c = if del {
                        w.red().bold()
                    } else {
                        w.green().bold()
                    };
                    (len, c.to_string())
                } else {
                    let first = k == 0 || !changed[k - 1];
                    let last = k + 1 == words.len() || !changed[k + 1];
                    let text = format!(
                        "{}{w}{}",
                        if first { open } else { "" },
                        if last { close } else { "" }
                    );
                    (text.chars().count(), text)
                }
            })
            .collect();
        wrap(&pieces, width.saturating_sub(CLAIM_INDENT).max(20))
    };
    (mark(source, &dk, true), mark(draft, &sk, false))
}

/// Words of a sentence kept on each side of a span shown inside it; more are
/// cut to "…".
const CONTEXT_WORDS: usize = 12;

/// The draft sentence `sentence` with `span` in it marked as added (`{+…+}`,
/// or green when colour is on), at most [`CONTEXT_WORDS`] words on each side,
/// wrapped to `width` columns.
fn in_sentence(sentence: &SpanView, span: &SpanView, width: usize) -> String {
    use colored::Colorize;
    let text = &sentence.text;
    let cut = |at: usize| {
        let mut at = at.saturating_sub(sentence.start).min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let (a, b) = (cut(span.start), cut(span.end));
    let plain = |w: &str| (w.chars().count(), w.to_string());
    let mut before: Vec<&str> = text[..a].split_whitespace().collect();
    let mut after: Vec<&str> = text[b..].split_whitespace().collect();
    // words written against the span ("(", "," or "'s") stay joined to it
    let glued_before = match text[..a].ends_with(char::is_whitespace) {
        false => before.pop().unwrap_or(""),
        true => "",
    };
    let glued_after = match text[b..].starts_with(char::is_whitespace) || after.is_empty() {
        false => after.remove(0),
        true => "",
    };
    let mut pieces: Vec<(usize, String)> = Vec::new();
    if before.len() > CONTEXT_WORDS {
        pieces.push(plain("…"));
    }
    let from = before.len().saturating_sub(CONTEXT_WORDS);
    pieces.extend(before[from..].iter().map(|w| plain(w)));
    let marked = text[a..b].split_whitespace().collect::<Vec<_>>().join(" ");
    // with colour the span is green; without, it is marked as word_diff marks it
    let (shown, markers) = if colored::control::SHOULD_COLORIZE.should_colorize() {
        (marked.green().bold().to_string(), 0)
    } else {
        (format!("{{+{marked}+}}"), "{++}".len())
    };
    let visible = glued_before.chars().count()
        + marked.chars().count()
        + glued_after.chars().count()
        + markers;
    pieces.push((visible, format!("{glued_before}{shown}{glued_after}")));
    pieces.extend(after.iter().take(CONTEXT_WORDS).map(|w| plain(w)));
    if after.len() > CONTEXT_WORDS {
        pieces.push(plain("…"));
    }
    wrap(&pieces, width.saturating_sub(CLAIM_INDENT).max(20))
}

/// Join the pieces (visible width, rendered text) with spaces, breaking lines
/// before `width` visible columns; continuation lines are indented.
fn wrap(pieces: &[(usize, String)], width: usize) -> String {
    let mut out = String::new();
    let mut col = 0;
    for (len, w) in pieces {
        if col > 0 && col + 1 + len > width {
            out.push_str("\n    ");
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(w);
        col += len;
    }
    out
}

/// One sentence's syntax tokens as printed.
fn token_views(a: &Analysis, tokens: &[crate::syntax::SyntaxToken]) -> Vec<TokenView> {
    tokens
        .iter()
        .map(|t| TokenView {
            start: t.span().start,
            end: t.span().end,
            text: t.span().text(&a.doc.text).to_string(),
            upos: t.upos(),
            lemma: t.lemma.to_string(),
            head: t.head(),
            deprel: t.deprel.to_string(),
        })
        .collect()
}

/// Claim frames as printed.
fn frame_views(a: &Analysis, frames: &[crate::extract::frames::Frame]) -> Vec<FrameView> {
    let v = |s: Span| SpanView::new(s, &a.doc.text, &a.doc.lines);
    frames
        .iter()
        .map(|f| FrameView {
            sentence: f.sentence,
            predicate: v(f.predicate),
            lemma: f.lemma.clone(),
            negated: f.negated,
            modal: f.modal.clone(),
            participants: f
                .participants
                .iter()
                .map(|p| ParticipantView {
                    role: p.role.clone(),
                    span: v(p.span),
                })
                .collect(),
        })
        .collect()
}

/// The `extract` report in the shape of [`ExtractReport`], serialised as it is
/// made: each sentence's syntax tokens are parsed, printed and dropped in
/// turn, so a long document's parse and token views are never held whole
/// (issue 25). Its JSON is byte for byte that of [`ExtractReport::new`].
pub struct ExtractStream<'a> {
    analysis: &'a Analysis,
    words: crate::extract::frames::FrameWords<'a>,
    rest: ExtractReport,
}

impl<'a> ExtractStream<'a> {
    /// The report of `a`, to serialise.
    pub fn new(a: &'a Analysis, rules: &'a crate::rules::Rules) -> Self {
        ExtractStream {
            analysis: a,
            words: crate::extract::frames::FrameWords::from_rules(rules),
            rest: ExtractReport::without_syntax(a),
        }
    }
}

impl Serialize for ExtractStream<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (a, r) = (self.analysis, &self.rest);
        let n = a.doc.sentences.len();
        // the syntax of each sentence, its frames kept on the way (they are
        // printed after all the syntax)
        let syntax = Lazy(|| {
            (0..n).map(|i| {
                let tokens = a.syntax_once(i);
                a.frames_from(i, &tokens, &self.words);
                token_views(a, &tokens)
            })
        });
        let frames = Lazy(|| (0..n).flat_map(|i| frame_views(a, a.frames(i, &self.words))));
        let mut st = serializer.serialize_struct("ExtractReport", 11)?;
        st.serialize_field("schema_version", &r.schema_version)?;
        st.serialize_field("file", &r.file)?;
        st.serialize_field("blocks", &r.blocks)?;
        st.serialize_field("dropped", &r.dropped)?;
        st.serialize_field("sentences", &r.sentences)?;
        st.serialize_field("entities", &r.entities)?;
        st.serialize_field("quantities", &r.quantities)?;
        st.serialize_field("attributions", &r.attributions)?;
        st.serialize_field("lists", &r.lists)?;
        st.serialize_field("syntax", &syntax)?;
        st.serialize_field("frames", &frames)?;
        st.end()
    }
}

/// A sequence serialised from the items its function makes, as they come.
struct Lazy<F>(F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The visible width of each line of `text`, colour escapes left out.
    fn visible_widths(text: &str) -> Vec<usize> {
        let plain = regex::Regex::new("\x1b\\[[0-9;]*m")
            .unwrap()
            .replace_all(text, "");
        plain.lines().map(|l| l.chars().count()).collect()
    }

    #[test]
    fn the_streamed_extract_json_is_the_report_json() {
        let engine = crate::Engine::new(crate::Rules::builtin().unwrap());
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/blinken-lavrov/source.txt"
        ))
        .unwrap();
        let a = engine
            .analyze("source.txt", text, crate::ingest::Format::Text)
            .unwrap();
        let whole = serde_json::to_string_pretty(&ExtractReport::new(&a, &engine.rules)).unwrap();
        // a fresh analysis, so that the stream parses every sentence itself
        let b = engine
            .analyze(
                "source.txt",
                a.doc.text.clone(),
                crate::ingest::Format::Text,
            )
            .unwrap();
        let streamed =
            serde_json::to_string_pretty(&ExtractStream::new(&b, &engine.rules)).unwrap();
        assert!(whole.contains("\"deprel\"") && whole.contains("\"predicate\""));
        assert_eq!(streamed, whole);
    }

    /// `colored`'s switch is global: tests that set it take turns.
    static COLOUR: std::sync::Mutex<()> = std::sync::Mutex::new(());

    #[test]
    fn an_unsupported_span_is_shown_inside_its_sentence() {
        let _turn = COLOUR.lock().unwrap_or_else(|e| e.into_inner());
        colored::control::set_override(false);
        let text = "Officials met in New Delhi, a city of millions, on Monday.";
        let lines = crate::span::LineIndex::new(text);
        let view = |a: usize, b: usize| SpanView::new(Span::new(a, b), text, &lines);
        let delhi = text.find("New Delhi").unwrap();
        let sentence = view(0, text.len());
        assert_eq!(
            in_sentence(&sentence, &view(delhi, delhi + 9), 100),
            "Officials met in {+New Delhi+}, a city of millions, on Monday."
        );
        // long sentences keep a few words on each side
        let long = format!(
            "{} {text} {}",
            "one two".repeat(20),
            "three four".repeat(20)
        );
        let lines = crate::span::LineIndex::new(&long);
        let at = long.find("New Delhi").unwrap();
        let shown = in_sentence(
            &SpanView::new(Span::new(0, long.len()), &long, &lines),
            &SpanView::new(Span::new(at, at + 9), &long, &lines),
            100,
        );
        assert!(shown.starts_with("… ") && shown.ends_with(" …"), "{shown}");
        assert!(shown.contains("{+New Delhi+},"), "{shown}");
        // with colour the span is green and counts its visible width only
        colored::control::set_override(true);
        let coloured = in_sentence(&sentence, &view(delhi, delhi + 9), 100);
        colored::control::unset_override();
        assert!(coloured.contains('\x1b'), "{coloured}");
    }

    #[test]
    fn a_run_of_changed_words_is_one_change() {
        let _turn = COLOUR.lock().unwrap_or_else(|e| e.into_inner());
        colored::control::set_override(false);
        let (s, d) = word_diff(
            "posed for the cover on May 29, 1943 in Arlington",
            "posed for the cover on June 1, 1944 in Arlington",
            100,
        );
        assert_eq!(s, "posed for the cover on [-May 29, 1943-] in Arlington");
        assert_eq!(d, "posed for the cover on {+June 1, 1944+} in Arlington");
        colored::control::unset_override();
    }

    #[test]
    fn lines_wrap_at_the_width_in_visible_characters() {
        let long = "the council approved a budget ".repeat(12);
        let other = "the mayor rejected a plan ".repeat(12);
        let _turn = COLOUR.lock().unwrap_or_else(|e| e.into_inner());
        for colour in [false, true] {
            colored::control::set_override(colour);
            for width in [60, 100] {
                let (s, d) = word_diff(&long, &other, width);
                for w in visible_widths(&s).into_iter().chain(visible_widths(&d)) {
                    assert!(w <= width, "{w} > {width} (colour {colour})");
                }
                // and the lines are filled, not cut at a third of the width
                assert!(visible_widths(&s)[0] > width / 2, "{s}");
            }
        }
        colored::control::unset_override();
    }

    #[test]
    fn counts_take_the_number_of_their_noun() {
        assert_eq!(counted(1, "error", "errors"), "1 error");
        assert_eq!(counted(0, "error", "errors"), "0 errors");
        assert_eq!(counted(2, "error", "errors"), "2 errors");
    }
}
