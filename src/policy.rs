//! Policy applied to a comparison before it is reported: inline suppression
//! comments in the draft and a baseline of accepted findings.
//!
//! Both act on [`CompareReport`] so they see exactly what a reader sees.

use crate::error::{Error, Result};
use crate::report::{CompareReport, FindingView};
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// A region of the draft where some (or all) rules are silenced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// Bytes of the draft the region covers.
    pub span: Span,
    /// Rule ids silenced; empty means every rule.
    pub rules: Vec<String>,
    /// True when the region runs to the end of the draft (no `factdiff-enable`):
    /// it also silences findings that have no draft span, such as omissions.
    pub to_end: bool,
}

impl Suppression {
    fn covers(&self, f: &FindingView) -> bool {
        let rule_ok = self.rules.is_empty() || self.rules.iter().any(|r| r == f.rule.as_str());
        if !rule_ok {
            return false;
        }
        match f.draft_spans.first() {
            Some(d) => {
                self.span.start <= d.start && d.start < self.span.end.max(self.span.start + 1)
            }
            None => self.to_end,
        }
    }
}

/// Find `<!-- factdiff-disable [rule ...] -->` … `<!-- factdiff-enable -->` regions
/// and `<!-- factdiff-disable-next-line [rule ...] -->` lines in a draft.
pub fn suppressions(text: &str) -> Vec<Suppression> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Vec<String>)> = None;
    let mut from = 0;
    while let Some(i) = text[from..].find("<!--") {
        let start = from + i;
        let Some(j) = text[start..].find("-->") else {
            break;
        };
        let end = start + j + 3;
        from = end;
        let body = text[start + 4..start + j].trim();
        let mut words = body.split_whitespace();
        let directive = words.next().unwrap_or("");
        let rules: Vec<String> = words.map(str::to_string).collect();
        match directive {
            "factdiff-disable" => {
                if let Some((s, r)) = open.take() {
                    out.push(Suppression {
                        span: Span::new(s, start),
                        rules: r,
                        to_end: false,
                    });
                }
                open = Some((end, rules));
            }
            "factdiff-enable" => {
                if let Some((s, r)) = open.take() {
                    out.push(Suppression {
                        span: Span::new(s, start),
                        rules: r,
                        to_end: false,
                    });
                }
            }
            "factdiff-disable-next-line" => {
                if let Some(line) = next_nonblank_line(text, end) {
                    out.push(Suppression {
                        span: line,
                        rules,
                        to_end: false,
                    });
                }
            }
            _ => {}
        }
    }
    if let Some((s, r)) = open {
        out.push(Suppression {
            span: Span::new(s, text.len()),
            rules: r,
            to_end: true,
        });
    }
    out
}

/// The first line after the line holding `offset` that has any text.
fn next_nonblank_line(text: &str, offset: usize) -> Option<Span> {
    let rest_start = offset + text[offset..].find('\n')? + 1;
    let mut at = rest_start;
    for line in text[rest_start..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if !content.trim().is_empty() {
            return Some(Span::new(at, at + content.len()));
        }
        at += line.len();
    }
    None
}

/// Drop the findings the draft's suppression comments silence; counts them in `suppressed`.
pub fn apply_suppressions(report: &mut CompareReport, regions: &[Suppression]) {
    if regions.is_empty() {
        return;
    }
    let n = report.retain(|f| !regions.iter().any(|r| r.covers(f)));
    report.suppressed += n;
}

/// A stable fingerprint of a finding: its rule and the normalised text of its
/// spans on both sides, never line numbers, so it survives unrelated edits.
pub fn fingerprint(f: &FindingView) -> String {
    let norm = |spans: &[crate::span::SpanView]| -> String {
        spans
            .iter()
            .map(|s| s.text.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let key = format!(
        "{}\u{1f}{}\u{1f}{}",
        f.rule,
        norm(&f.source_spans),
        norm(&f.draft_spans)
    );
    // FNV-1a, 64 bits: stable across builds and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// One accepted finding in a baseline file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    /// [`fingerprint`] of the finding.
    pub fingerprint: String,
    /// Rule id (for people reading the file).
    pub rule: String,
    /// The draft this entry was taken from.
    pub draft: String,
    /// The finding's message when it was accepted (for people reading the file).
    pub message: String,
}

/// Findings a team has accepted: `--write-baseline` writes one, `--baseline` reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Format version of the file.
    pub baseline_version: u32,
    /// Accepted findings.
    pub findings: Vec<BaselineEntry>,
}

impl Baseline {
    /// A baseline accepting every finding of `reports`, including those cut for display.
    pub fn from_reports<'a>(reports: impl IntoIterator<Item = &'a CompareReport>) -> Baseline {
        let mut findings: Vec<BaselineEntry> = Vec::new();
        for r in reports {
            for f in &r.findings {
                findings.push(BaselineEntry {
                    fingerprint: fingerprint(f),
                    rule: f.rule.as_str().to_string(),
                    draft: r.draft.clone(),
                    message: f.message.clone(),
                });
            }
        }
        Baseline {
            baseline_version: 1,
            findings,
        }
    }

    /// Parse a baseline file's text; errors name the file, line and key.
    pub fn parse(path: &str, text: &str) -> Result<Baseline> {
        let b: Baseline = serde_json::from_str(text).map_err(|e| Error::Input {
            path: path.to_string(),
            reason: format!(
                "not a factdiff baseline: line {}, column {}: {e}",
                e.line(),
                e.column()
            ),
        })?;
        if b.baseline_version != 1 {
            return Err(Error::Input {
                path: path.to_string(),
                reason: format!(
                    "baseline_version {} is not supported (1 is)",
                    b.baseline_version
                ),
            });
        }
        Ok(b)
    }

    /// The file's text: pretty JSON, entries in report order.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("baseline serialises") + "\n"
    }

    /// Drop from `report` the findings this baseline accepts, each entry at most once;
    /// counts them in `baselined`.
    pub fn apply(&self, report: &mut CompareReport) {
        let mut left: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        // the same draft may be named from another working directory ("drafts/a.md",
        // "../drafts/a.md"): entries match on the file name
        let name = |p: &str| std::path::Path::new(p).file_name().map(|n| n.to_owned());
        let this = name(&report.draft);
        for e in self.findings.iter().filter(|e| name(&e.draft) == this) {
            *left.entry(e.fingerprint.as_str()).or_default() += 1;
        }
        if left.is_empty() {
            return;
        }
        let n = report.retain(|f| {
            let fp = fingerprint(f);
            match left.get_mut(fp.as_str()) {
                Some(k) if *k > 0 => {
                    *k -= 1;
                    false
                }
                _ => true,
            }
        });
        report.baselined += n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_and_next_line() {
        let t = "A.\n<!-- factdiff-disable entity -->\nB.\n<!-- factdiff-enable -->\nC.\n<!-- factdiff-disable-next-line -->\n\nD.\nE.\n";
        let s = suppressions(t);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].rules, vec!["entity".to_string()]);
        assert!(s[0].span.text(t).contains("B."));
        assert!(!s[0].span.text(t).contains("C."));
        assert_eq!(s[1].span.text(t), "D.");
        assert!(s[1].rules.is_empty());
        assert!(!s[1].to_end);
    }

    #[test]
    fn unclosed_disable_runs_to_end() {
        let t = "A.\n<!-- factdiff-disable omission -->\nB.\n";
        let s = suppressions(t);
        assert_eq!(s.len(), 1);
        assert!(s[0].to_end);
        assert_eq!(s[0].span.end, t.len());
    }

    #[test]
    fn other_comments_are_ignored() {
        assert!(suppressions("<!-- a note -->\ntext <!-- unclosed").is_empty());
    }

    #[test]
    fn bad_baseline_names_file_and_line() {
        let e = Baseline::parse("b.json", "{\n \"baseline_version\": 1,\n \"bogus\": 2 }")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("b.json") && e.contains("line 3") && e.contains("bogus"),
            "{e}"
        );
    }
}
