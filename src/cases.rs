//! Behaviour as data: the case files of `rules/cases/`, run by `cargo test` and
//! by `factdiff rules check DIR`, as ast-grep and harper run the cases beside
//! their rules.
//!
//! - `compare.yaml`: a source and a draft; the warning- and error-severity
//!   findings must include every `expect` entry (a rule, and text its message
//!   contains), no `reject` rule, and with `none: true` nothing at all.
//! - `attribution.yaml`: one sentence; its attributions (in cue order) must
//!   number `count` when given, and each `expect` entry must match the
//!   attribution at `index`, or the one whose cue is `cue`, in every field it gives.

use crate::error::{Error, Result};
use crate::extract::attributions::{self, AttributionLexicon, SentenceTokens};
use crate::extract::entities::MentionIndex;
use crate::model::{RuleId, Severity};
use crate::rules::parse_yaml;
use crate::span::Span;
use crate::{Engine, Format};
use serde::Deserialize;

/// The case files built in, by name.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("compare.yaml", include_str!("../rules/cases/compare.yaml")),
    (
        "attribution.yaml",
        include_str!("../rules/cases/attribution.yaml"),
    ),
];

/// A finding a compare case expects, or rejects.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingCase {
    /// The rule.
    pub rule: RuleId,
    /// Text the finding's message contains.
    #[serde(default)]
    pub message: Option<String>,
}

/// One compare case.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareCase {
    /// What it shows.
    pub name: String,
    /// Why, where the name is not enough.
    #[serde(default)]
    pub note: Option<String>,
    /// The source text.
    pub source: String,
    /// The draft text.
    pub draft: String,
    /// No warning or error at all.
    #[serde(default)]
    pub none: bool,
    /// Findings that must be there.
    #[serde(default)]
    pub expect: Vec<FindingCase>,
    /// Rules that must not report.
    #[serde(default)]
    pub reject: Vec<FindingCase>,
}

fn some<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> std::result::Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// One attribution an attribution case expects; a field left out is not checked,
/// `speaker: null` means no speaker.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionExpect {
    /// Which attribution, in cue order.
    #[serde(default)]
    pub index: Option<usize>,
    /// The speaker's text.
    #[serde(default, deserialize_with = "some")]
    pub speaker: Option<Option<String>>,
    /// The cue's text.
    #[serde(default)]
    pub cue: Option<String>,
    /// The addressee's text.
    #[serde(default, deserialize_with = "some")]
    pub addressee: Option<Option<String>>,
    /// The content's text.
    #[serde(default)]
    pub content: Option<String>,
    /// A direct quotation.
    #[serde(default)]
    pub direct: Option<bool>,
}

/// One attribution case: a sentence and what its attributions must be.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionCase {
    /// The sentence.
    pub sentence: String,
    /// How many attributions it has.
    #[serde(default)]
    pub count: Option<usize>,
    /// Attributions that must be there.
    #[serde(default)]
    pub expect: Vec<AttributionExpect>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File<T> {
    cases: Vec<T>,
}

/// A case that does not hold: its file, name and what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFailure {
    /// The case file.
    pub file: String,
    /// The case.
    pub name: String,
    /// What differs.
    pub why: String,
}

/// Cases run and the ones that failed.
#[derive(Debug, Clone, Default)]
pub struct CaseRun {
    /// Cases run.
    pub cases: usize,
    /// Those that did not hold.
    pub failures: Vec<CaseFailure>,
}

/// Run the compare cases of `text` (the file `file`) with `engine`.
pub fn run_compare(engine: &Engine, file: &str, text: &str) -> Result<CaseRun> {
    let parsed: File<CompareCase> = parse_yaml(file, text)?;
    let mut run = CaseRun::default();
    for c in &parsed.cases {
        run.cases += 1;
        let found = flags(engine, &c.source, &c.draft)?;
        let matches = |e: &FindingCase, (r, m): &(RuleId, String)| {
            *r == e.rule && e.message.as_ref().is_none_or(|t| m.contains(t.as_str()))
        };
        let mut why = Vec::new();
        if c.none && !found.is_empty() {
            why.push("expected no finding".to_string());
        }
        for e in &c.expect {
            if !found.iter().any(|f| matches(e, f)) {
                why.push(format!("expected {}{}", e.rule, quoted(&e.message)));
            }
        }
        for e in &c.reject {
            if found.iter().any(|f| matches(e, f)) {
                why.push(format!("rejected {}{}", e.rule, quoted(&e.message)));
            }
        }
        if !why.is_empty() {
            run.failures.push(CaseFailure {
                file: file.to_string(),
                name: c.name.clone(),
                why: format!("{}; found {found:?}", why.join(", ")),
            });
        }
    }
    Ok(run)
}

fn quoted(m: &Option<String>) -> String {
    m.as_ref()
        .map(|t| format!(" with {t:?}"))
        .unwrap_or_default()
}

/// An attribution as text: speaker, cue, addressee, content, direct.
pub(crate) type AttributionRow = (Option<String>, String, Option<String>, String, bool);

/// (rule, message) of every warning or error comparing a source and a draft text.
pub(crate) fn flags(engine: &Engine, source: &str, draft: &str) -> Result<Vec<(RuleId, String)>> {
    let s = engine.analyze("source", source.to_string(), Format::Text)?;
    let d = engine.analyze("draft", draft.to_string(), Format::Text)?;
    Ok(crate::compare::compare(&s, &d, &engine.rules)
        .findings
        .into_iter()
        .filter(|f| f.severity > Severity::Info)
        .map(|f| (f.rule, f.message))
        .collect())
}

/// The attributions of one sentence read on its own (no entities), as text.
pub(crate) fn attribution_rows(lex: &AttributionLexicon, s: &str) -> Vec<AttributionRow> {
    let toks = crate::extract::tokens::tokenize(s, Span::new(0, s.len()));
    let input = SentenceTokens {
        index: 0,
        tokens: &toks,
        prev: None,
        in_quote: false,
    };
    let txt = |sp: Option<Span>| sp.map(|x| x.text(s).to_string());
    attributions::extract(s, input, lex, &[], &MentionIndex::default())
        .into_iter()
        .map(|a| {
            (
                txt(a.speaker),
                a.cue.text(s).to_string(),
                txt(a.addressee),
                a.content.text(s).to_string(),
                a.direct,
            )
        })
        .collect()
}

/// Run the attribution cases of `text` (the file `file`) with `engine`'s lexicon.
pub fn run_attribution(engine: &Engine, file: &str, text: &str) -> Result<CaseRun> {
    let parsed: File<AttributionCase> = parse_yaml(file, text)?;
    let lex: &AttributionLexicon = &engine.lexicons.attribution;
    let mut run = CaseRun::default();
    for c in &parsed.cases {
        run.cases += 1;
        let s = c.sentence.as_str();
        let got = attribution_rows(lex, s);
        let mut why = Vec::new();
        if let Some(n) = c.count {
            if got.len() != n {
                why.push(format!("expected {n} attributions"));
            }
        }
        for e in &c.expect {
            let at = match (e.index, &e.cue) {
                (Some(i), _) => got.get(i),
                (None, Some(cue)) => got.iter().find(|g| &g.1 == cue),
                (None, None) => got.first(),
            };
            let ok = at.is_some_and(|g| {
                e.speaker.as_ref().is_none_or(|x| *x == g.0)
                    && e.cue.as_ref().is_none_or(|x| *x == g.1)
                    && e.addressee.as_ref().is_none_or(|x| *x == g.2)
                    && e.content.as_ref().is_none_or(|x| *x == g.3)
                    && e.direct.is_none_or(|x| x == g.4)
            });
            if !ok {
                why.push(format!("expected {e:?}"));
            }
        }
        if !why.is_empty() {
            run.failures.push(CaseFailure {
                file: file.to_string(),
                name: s.to_string(),
                why: format!("{}; got {got:?}", why.join(", ")),
            });
        }
    }
    Ok(run)
}

/// Run every case file: those of `dir/cases/` when it has any, else the built-in ones.
pub fn run_all(engine: &Engine, dir: Option<&std::path::Path>) -> Result<CaseRun> {
    let mut total = CaseRun::default();
    for (name, builtin) in EMBEDDED {
        let (file, text) = match dir.map(|d| d.join("cases").join(name)) {
            Some(p) if p.is_file() => {
                let t = std::fs::read_to_string(&p).map_err(|e| Error::Rules {
                    file: p.display().to_string(),
                    message: format!("cannot read: {e}"),
                })?;
                (p.display().to_string(), t)
            }
            _ => (format!("rules/cases/{name}"), builtin.to_string()),
        };
        let run = if *name == "compare.yaml" {
            run_compare(engine, &file, &text)?
        } else {
            run_attribution(engine, &file, &text)?
        };
        total.cases += run.cases;
        total.failures.extend(run.failures);
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_case_holds() {
        let engine = Engine::new(crate::Rules::builtin().unwrap());
        let run = run_all(&engine, None).unwrap();
        assert!(run.cases > 50, "{} cases", run.cases);
        assert!(run.failures.is_empty(), "{:#?}", run.failures);
    }

    #[test]
    fn a_case_that_does_not_hold_is_reported() {
        let engine = Engine::new(crate::Rules::builtin().unwrap());
        let text = "cases:\n  - name: a changed number\n    source: \"Police arrested three men on Monday.\"\n    draft: \"Police arrested four men on Monday.\"\n    none: true\n";
        let run = run_compare(&engine, "c.yaml", text).unwrap();
        assert_eq!(run.failures.len(), 1);
        assert!(run.failures[0].why.contains("expected no finding"));
        let bad =
            run_compare(&engine, "c.yaml", "cases:\n  - name: x\n    sourc: a\n").unwrap_err();
        assert!(bad.to_string().contains("c.yaml"), "{bad}");
    }
}
