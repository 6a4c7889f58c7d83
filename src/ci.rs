//! Renderers for CI systems: GitHub workflow commands and SARIF 2.1.0.
//!
//! Both render the same [`CompareReport`] every other format renders.

use crate::model::Severity;
use crate::report::{CompareReport, FindingView};
use crate::span::SpanView;
use serde_json::{json, Value};

/// Escape a workflow-command message.
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow-command property value.
fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn gh_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

fn at(file: &str, s: &SpanView) -> String {
    format!("{file}:{}:{}", s.line, s.column)
}

/// The message of a finding for an annotation: what it is and where the source says it.
fn annotation_text(r: &CompareReport, f: &FindingView) -> String {
    let mut m = format!("{}: {}", f.kind.as_str(), f.message);
    if let Some(s) = f.source_spans.first() {
        m.push_str(&format!(" (source {})", at(r.source_of(f), s)));
    }
    m
}

/// The folder annotation paths are relative to: the repository root (the
/// nearest folder at or above `start` holding `.git`), else `fallback` (the
/// config's folder), else `start`. GitHub places an annotation on a file by
/// its path from the repository root.
pub fn annotation_root(
    start: &std::path::Path,
    fallback: Option<&std::path::Path>,
) -> std::path::PathBuf {
    let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
    crate::config::repository_root(&start).unwrap_or_else(|| {
        fallback
            .map(|f| std::fs::canonicalize(f).unwrap_or_else(|_| f.to_path_buf()))
            .unwrap_or(start)
    })
}

/// `path` relative to `root`, with forward slashes; unchanged when it is not
/// under `root` (or does not exist).
pub fn relative_to(path: &str, root: &std::path::Path) -> String {
    std::fs::canonicalize(path)
        .ok()
        .and_then(|p| {
            p.strip_prefix(root)
                .ok()
                .map(|r| r.to_string_lossy().replace('\\', "/"))
        })
        .unwrap_or_else(|| path.to_string())
}

/// A report whose file paths are relative to `root` (see [`annotation_root`]).
pub fn rooted(r: &CompareReport, root: &std::path::Path) -> CompareReport {
    let mut r = r.clone();
    r.draft = relative_to(&r.draft, root);
    r.source = relative_to(&r.source, root);
    for s in &mut r.sources {
        *s = relative_to(s, root);
    }
    r
}

/// GitHub Actions workflow commands, one `::error file=…::message` line per finding,
/// placed on the draft (line 1 for findings with no draft span, such as omissions).
pub fn github(r: &CompareReport) -> String {
    let mut o = String::new();
    for f in &r.findings {
        let place = match f.draft_spans.first() {
            Some(d) => format!(
                "line={},endLine={},col={},endColumn={}",
                d.line, d.end_line, d.column, d.end_column
            ),
            None => "line=1".to_string(),
        };
        o.push_str(&format!(
            "::{} file={},{},title={}::{}\n",
            gh_level(f.severity),
            gh_property(&r.draft),
            place,
            gh_property(&format!("factdiff {} ({})", f.rule, f.severity.as_str())),
            gh_data(&annotation_text(r, f))
        ));
    }
    if r.not_shown > 0 {
        o.push_str(&format!(
            "::notice file={},title=factdiff::{} more findings not shown (--max-findings)\n",
            gh_property(&r.draft),
            r.not_shown
        ));
    }
    o
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: forward slashes, spaces and `%` escaped.
fn uri(path: &str) -> String {
    path.replace('\\', "/")
        .replace('%', "%25")
        .replace(' ', "%20")
}

fn physical(file: &str, s: &SpanView) -> Value {
    json!({
        "artifactLocation": {"uri": uri(file)},
        "region": {
            "startLine": s.line,
            "startColumn": s.column,
            "endLine": s.end_line,
            "endColumn": s.end_column,
            "byteOffset": s.start,
            "byteLength": s.end - s.start,
            "snippet": {"text": s.text},
        }
    })
}

/// A SARIF 2.1.0 log with one run: every check as a rule (id, description, default
/// level), every finding as a result located on the draft with the source spans as
/// related locations.
pub fn sarif(reports: &[CompareReport], checks: &[crate::rules::CheckRule]) -> String {
    let rule_objs: Vec<Value> = checks
        .iter()
        .map(|c| {
            let level = sarif_level(c.severity);
            json!({
                "id": c.id,
                "name": c.id,
                "shortDescription": {"text": c.description},
                "fullDescription": {"text": c.description},
                "help": {"text": format!("{} ({}; default severity {}). Silence one with <!-- factdiff-disable-next-line {} --> in the draft.", c.description, c.kind, c.severity, c.id)},
                "defaultConfiguration": {"level": level},
                "properties": {"kind": c.kind},
            })
        })
        .collect();
    let mut results = Vec::new();
    for r in reports {
        for f in &r.findings {
            let location = match f.draft_spans.first() {
                Some(d) => physical(&r.draft, d),
                None => json!({
                    "artifactLocation": {"uri": uri(&r.draft)},
                    "region": {"startLine": 1, "startColumn": 1}
                }),
            };
            let related: Vec<Value> = f
                .source_spans
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    json!({
                        "id": i,
                        "physicalLocation": physical(r.source_of(f), s),
                        "message": {"text": format!("source: {}", s.text)},
                    })
                })
                .collect();
            let mut result = json!({
                "ruleId": f.rule,
                "level": sarif_level(f.severity),
                "message": {"text": annotation_text(r, f)},
                "locations": [{"physicalLocation": location}],
                "partialFingerprints": {"factdiffClaim/v1": crate::policy::fingerprint(f)},
                "properties": {"kind": f.kind.as_str()},
            });
            if let Some(i) = checks.iter().position(|c| c.id == f.rule) {
                result["ruleIndex"] = json!(i);
            }
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            results.push(result);
        }
    }
    let not_shown: usize = reports.iter().map(|r| r.not_shown).sum();
    let mut run = json!({
        "tool": {"driver": {
            "name": "factdiff",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": rule_objs,
        }},
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if not_shown > 0 {
        run["properties"] = json!({"notShown": not_shown});
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    });
    serde_json::to_string_pretty(&log).expect("SARIF serialises") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(gh_data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(gh_property("a:b,c"), "a%3Ab%2Cc");
    }
}
