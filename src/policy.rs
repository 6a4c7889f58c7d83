//! Policy applied to a comparison before it is reported, the same for every
//! command (`compare`, `check`, `batch`): severity overrides and disabled rules
//! from the config, inline suppression comments in the draft, a baseline of
//! accepted findings, the display cut (`max_findings`) and the failure
//! threshold (`fail_on`).
//!
//! Everything acts on [`CompareReport`] so it sees exactly what a reader sees.

use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::{RuleId, Severity};
use crate::report::{CompareReport, FindingView, Summary};
use crate::rules::{CheckRule, Rules};
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The severity at which findings fail a run (`--fail-on`, the config's `fail_on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FailOn {
    /// An error fails the run.
    #[default]
    Error,
    /// A warning or an error fails the run.
    Warning,
    /// Any finding fails the run.
    Info,
    /// Nothing fails the run.
    Never,
}

impl FailOn {
    /// Parse `error`, `warning`, `info` or `never`.
    pub fn parse(s: &str) -> Option<FailOn> {
        match s {
            "error" => Some(FailOn::Error),
            "warning" => Some(FailOn::Warning),
            "info" => Some(FailOn::Info),
            "never" => Some(FailOn::Never),
            _ => None,
        }
    }

    /// The name `parse` reads.
    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Error => "error",
            FailOn::Warning => "warning",
            FailOn::Info => "info",
            FailOn::Never => "never",
        }
    }

    /// True when a run whose worst finding is `worst` fails.
    pub fn trips(self, worst: Option<Severity>) -> bool {
        let Some(s) = worst else { return false };
        match self {
            FailOn::Error => s >= Severity::Error,
            FailOn::Warning => s >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

/// What a team decided about findings: which rules report and how loudly,
/// which findings are accepted, how many are listed and what fails a run.
/// Built from the config (and the command line) and applied by every command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Severity by rule, overriding `checks.yaml`'s default.
    pub severity: BTreeMap<RuleId, Severity>,
    /// Rules that never report.
    pub disable: BTreeSet<RuleId>,
    /// Opt-in rules that report (`enable:`, `--enable`).
    pub enable: BTreeSet<RuleId>,
    /// Honour `factdiff-disable` comments in the draft.
    pub suppressions: bool,
    /// Accepted findings, dropped from reports.
    pub baseline: Option<Baseline>,
    /// Most findings listed per report (the summary still counts all).
    pub max_findings: Option<usize>,
    /// The least severity listed (`--min-severity`; the summary still counts all).
    pub min_severity: Option<Severity>,
    /// The severity that fails a run.
    pub fail_on: FailOn,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            severity: BTreeMap::new(),
            disable: BTreeSet::new(),
            enable: BTreeSet::new(),
            suppressions: true,
            baseline: None,
            max_findings: None,
            min_severity: None,
            fail_on: FailOn::Error,
        }
    }
}

impl Policy {
    /// The policy a config sets (`severity`, `disable`, `fail_on`, `max_findings`);
    /// the default without one. An unknown rule id is an error naming the file and key.
    /// The baseline is read by the caller, which knows where it lives.
    pub fn from_config(config: Option<&Config>) -> Result<Policy> {
        let mut policy = Policy::default();
        let Some(c) = config else {
            return Ok(policy);
        };
        let name = c.path.display().to_string();
        let known = |id: &str, key: &str| -> Result<RuleId> {
            RuleId::parse(id).ok_or_else(|| Error::Rules {
                file: name.clone(),
                message: format!("key `{key}`: no rule `{id}` (see `factdiff rules list`)"),
            })
        };
        for id in &c.file.disable {
            policy.disable.insert(known(id, "disable")?);
        }
        for id in &c.file.enable {
            policy.enable.insert(known(id, "enable")?);
        }
        for (id, sev) in &c.file.severity {
            let rule = known(id, &format!("severity.{id}"))?;
            let sev = Severity::parse(sev).ok_or_else(|| Error::Rules {
                file: name.clone(),
                message: format!("key `severity.{id}`: `{sev}` is not error, warning or info"),
            })?;
            policy.severity.insert(rule, sev);
        }
        if let Some(f) = c.file.fail_on.as_deref() {
            policy.fail_on = FailOn::parse(f).ok_or_else(|| Error::Rules {
                file: name.clone(),
                message: format!("key `fail_on`: `{f}` is not error, warning, info or never"),
            })?;
        }
        policy.max_findings = c.file.max_findings;
        Ok(policy)
    }

    /// Disable the rules `ids` names (from `--disable`), besides the config's.
    /// An unknown id is a usage error naming it.
    pub fn disable_rules<S: AsRef<str>>(&mut self, ids: &[S]) -> Result<()> {
        self.disable.extend(rule_ids(ids, "--disable")?);
        Ok(())
    }

    /// Enable the opt-in rules `ids` names (from `--enable`), besides the
    /// config's. An unknown id is a usage error naming it.
    pub fn enable_rules<S: AsRef<str>>(&mut self, ids: &[S]) -> Result<()> {
        self.enable.extend(rule_ids(ids, "--enable")?);
        Ok(())
    }

    /// Leave out the opt-in rules of `rules` (`opt_in: true` in `checks.yaml`)
    /// that `enable` does not name. Every command calls it once the policy is
    /// complete.
    pub fn settle_opt_in(&mut self, rules: &Rules) {
        for c in &rules.checks.checks {
            if c.opt_in && !self.enable.contains(&c.id) {
                self.disable.insert(c.id);
            }
        }
    }

    /// The checks in effect: disabled ones left out, severities overridden.
    pub fn checks(&self, rules: &Rules) -> Vec<CheckRule> {
        rules
            .checks
            .checks
            .iter()
            .filter(|c| !self.disable.contains(&c.id))
            .map(|c| CheckRule {
                severity: self.severity.get(&c.id).copied().unwrap_or(c.severity),
                ..c.clone()
            })
            .collect()
    }

    /// Apply the policy to one report of `draft_text`: disabled rules dropped,
    /// severities overridden, suppression comments and the baseline honoured.
    /// The display cut is [`Policy::cut`], kept apart so a baseline can be written
    /// from the whole report.
    pub fn apply(&self, report: &mut CompareReport, draft_text: &str) {
        if !self.disable.is_empty() {
            report.retain(|f| !self.disable.contains(&f.rule));
        }
        if !self.severity.is_empty() {
            for f in &mut report.findings {
                if let Some(s) = self.severity.get(&f.rule) {
                    f.severity = *s;
                }
            }
            report.summary = Summary::of(&report.findings);
        }
        if self.suppressions {
            apply_suppressions(report, &suppressions(draft_text));
        }
        if let Some(b) = &self.baseline {
            b.apply(report);
        }
        // a severity override may have moved a finding's rank
        report.order_by_severity();
    }

    /// Cut the listed findings to those at `min_severity` or over, then to
    /// `max_findings` (the summary still counts all).
    pub fn cut(&self, report: &mut CompareReport) {
        if let Some(min) = self.min_severity {
            report.hide_below(min);
        }
        if let Some(n) = self.max_findings {
            report.truncate(n);
        }
    }

    /// True when a run whose worst finding is `worst` fails.
    pub fn fails(&self, worst: Option<Severity>) -> bool {
        self.fail_on.trips(worst)
    }
}

/// The rules `ids` names on the command line (`flag`); an unknown id is a
/// usage error naming it.
fn rule_ids<S: AsRef<str>>(ids: &[S], flag: &str) -> Result<Vec<RuleId>> {
    ids.iter()
        .map(|id| {
            let id = id.as_ref().trim();
            RuleId::parse(id).ok_or_else(|| {
                Error::Usage(format!(
                    "{flag}: no rule `{id}` (see `factdiff rules list`)"
                ))
            })
        })
        .collect()
}

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

/// Every closed `<!-- ... -->` comment of `text`: where it starts, where it
/// ends (after `-->`), and what it says.
fn comments(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let start = from + text[from..].find("<!--")?;
        let j = text[start..].find("-->")?;
        from = start + j + 3;
        Some((start, from, &text[start + 4..start + j]))
    })
}

/// The directives factdiff reads in comments.
const DIRECTIVES: [&str; 4] = [
    "factdiff-disable",
    "factdiff-enable",
    "factdiff-disable-line",
    "factdiff-disable-next-line",
];

/// Comments that look like directives but are none, so silence nothing: a
/// misspelt directive (`factdiff-disabel`) or an unknown rule id (`quantiy`).
/// Each is (line, what is wrong), for a warning naming file:line.
pub fn directive_problems(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    // lines counted as the comments come, once over the text
    let (mut line, mut counted) = (1, 0);
    for (start, _, body) in comments(text) {
        let mut words = body.split_whitespace();
        let directive = words.next().unwrap_or("");
        if !directive.to_lowercase().starts_with("factdiff") {
            continue;
        }
        line += text[counted..start].matches('\n').count();
        counted = start;
        if !DIRECTIVES.contains(&directive) {
            out.push((
                line,
                format!(
                    "`{directive}` is no directive (use {}); it silences nothing",
                    DIRECTIVES.join(", ")
                ),
            ));
            continue;
        }
        for rule in words {
            if RuleId::parse(rule).is_none() {
                out.push((
                    line,
                    format!("`{directive}` names no rule `{rule}` (see `factdiff rules list`)"),
                ));
            }
        }
    }
    out
}

/// Find `<!-- factdiff-disable [rule ...] -->` … `<!-- factdiff-enable -->` regions
/// and `<!-- factdiff-disable-next-line [rule ...] -->` lines in a draft.
pub fn suppressions(text: &str) -> Vec<Suppression> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Vec<String>)> = None;
    for (start, end, body) in comments(text) {
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
            "factdiff-disable-line" => {
                // the line the comment stands on, text beside it included
                let from = text[..start].rfind('\n').map_or(0, |k| k + 1);
                let to = text[end..].find('\n').map_or(text.len(), |k| end + k);
                out.push(Suppression {
                    span: Span::new(from, to),
                    rules,
                    to_end: false,
                });
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

    #[test]
    fn a_misspelt_directive_or_rule_is_reported_with_its_line() {
        let text = "One.\n<!-- factdiff-disabel quantity -->\nTwo. <!-- factdiff-disable-line quantiy entity -->\n<!-- an ordinary comment -->\n";
        let p = directive_problems(text);
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[0].0, 2);
        assert!(p[0].1.contains("`factdiff-disabel` is no directive"));
        assert_eq!(p[1].0, 3);
        assert!(p[1].1.contains("no rule `quantiy`"));
    }

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
    fn config_overrides_apply_and_unknown_ids_are_refused() {
        use crate::config::ConfigFile;
        let rules = Rules::builtin().unwrap();
        let c = Config {
            path: std::path::PathBuf::from("x/.factdiff.yaml"),
            file: ConfigFile {
                disable: vec!["word".into()],
                severity: [("entity".to_string(), "error".to_string())].into(),
                fail_on: Some("warning".into()),
                ..ConfigFile::default()
            },
        };
        let p = Policy::from_config(Some(&c)).unwrap();
        let checks = p.checks(&rules);
        assert!(checks.iter().all(|c| c.id != RuleId::Word));
        let entity = checks.iter().find(|c| c.id == RuleId::Entity).unwrap();
        assert_eq!(entity.severity, Severity::Error);
        assert_eq!(p.fail_on, FailOn::Warning);
        let bad = Config {
            file: ConfigFile {
                disable: vec!["no-such-rule".into()],
                ..ConfigFile::default()
            },
            ..c
        };
        let e = Policy::from_config(Some(&bad)).unwrap_err().to_string();
        assert!(e.contains("no-such-rule") && e.contains("disable"), "{e}");
    }

    #[test]
    fn policy_drops_disabled_rules_and_overrides_severity() {
        use crate::report::FindingView;
        let finding = |rule, severity| FindingView {
            kind: crate::model::FindingKind::Unsupported,
            rule,
            severity,
            message: String::new(),
            source_file: None,
            source_spans: vec![],
            draft_spans: vec![],
            draft_sentence: None,
            aligned: None,
        };
        let mut report = CompareReport {
            schema_version: 1,
            source: "s".into(),
            sources: vec![],
            draft: "d".into(),
            summary: Summary::default(),
            findings: vec![
                finding(RuleId::Word, Severity::Info),
                finding(RuleId::Entity, Severity::Warning),
            ],
            suppressed: 0,
            baselined: 0,
            not_shown: 0,
            below_min_severity: 0,
        };
        let policy = Policy {
            disable: [RuleId::Word].into(),
            severity: [(RuleId::Entity, Severity::Error)].into(),
            ..Policy::default()
        };
        assert!(!policy.fails(Some(Severity::Warning)));
        policy.apply(&mut report, "no directives here");
        assert_eq!(report.findings.len(), 1);
        assert_eq!(report.findings[0].severity, Severity::Error);
        assert_eq!(report.summary.error, 1);
        assert!(policy.fails(report.max_severity()));
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
