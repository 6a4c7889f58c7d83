//! More than two articles: one draft checked against several sources, and a
//! cross-outlet view of independent reports of one event.

use crate::compare::{compare, FindingKind};
use crate::report::{CompareReport, FindingView, SCHEMA_VERSION};
use crate::rules::Rules;
use crate::span::{Span, SpanView};
use crate::Analysis;
use serde::Serialize;

/// True when `outer`'s first draft span holds `inner`'s.
fn draft_covers(outer: &FindingView, inner: &FindingView) -> bool {
    match (outer.draft_spans.first(), inner.draft_spans.first()) {
        (Some(o), Some(i)) => o.start <= i.start && i.end <= o.end,
        _ => false,
    }
}

/// Check a draft against several sources together. A draft claim is supported if
/// any source supports it, so an unsupported finding stays only when every source
/// reports the same span (or a wider one) unsupported; contradictions and
/// omissions are kept with the source they come from (`source_file`).
pub fn compare_sources(sources: &[&Analysis], draft: &Analysis, rules: &Rules) -> CompareReport {
    let reports: Vec<CompareReport> = sources
        .iter()
        .map(|s| CompareReport::new(s, draft, &compare(s, draft, rules)))
        .collect();
    let mut findings: Vec<(usize, FindingView)> = Vec::new();
    for (i, r) in reports.iter().enumerate() {
        for f in &r.findings {
            let keep = f.kind != FindingKind::Unsupported
                || reports.iter().enumerate().all(|(j, other)| {
                    j == i
                        || other
                            .findings
                            .iter()
                            .any(|g| g.kind == FindingKind::Unsupported && draft_covers(g, f))
                });
            // an unsupported span every source reports is reported once, from the first
            let first_reporter = f.kind != FindingKind::Unsupported
                || !reports[..i].iter().any(|other| {
                    other.findings.iter().any(|g| {
                        g.kind == FindingKind::Unsupported
                            && g.rule == f.rule
                            && g.draft_spans == f.draft_spans
                    })
                });
            if keep && first_reporter {
                let mut f = f.clone();
                if f.kind != FindingKind::Unsupported {
                    f.source_file = Some(r.source.clone());
                } else {
                    f.source_spans.clear();
                }
                findings.push((i, f));
            }
        }
    }
    findings.sort_by_key(|(i, f)| {
        (
            f.draft_spans.first().map_or(usize::MAX, |s| s.start),
            *i,
            f.source_spans.first().map_or(usize::MAX, |s| s.start),
            f.rule.as_str(),
        )
    });
    let findings: Vec<FindingView> = findings.into_iter().map(|(_, f)| f).collect();
    let mut out = reports
        .into_iter()
        .next()
        .expect("compare_sources needs at least one source");
    out.sources = sources.iter().map(|s| s.doc.path.clone()).collect();
    out.summary = crate::report::Summary::of(&findings);
    out.findings = findings;
    out
}

/// Where one article states a claim.
#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    /// The article.
    pub file: String,
    /// Its spans.
    pub spans: Vec<SpanView>,
    /// The sentence holding the first span, for a reader's context.
    pub sentence: String,
}

/// A claim two or more outlets state alike.
#[derive(Debug, Clone, Serialize)]
pub struct Agreement {
    /// How many outlets state it.
    pub outlets: usize,
    /// Each outlet's sentence(s), the first outlet's first.
    pub statements: Vec<Statement>,
}

/// A claim on which one outlet differs from one or more others.
#[derive(Debug, Clone, Serialize)]
pub struct Difference {
    /// Rule that found it (`quantity`, `speaker`, `list-item`, ...).
    pub rule: crate::model::RuleId,
    /// error | warning | info.
    pub severity: crate::model::Severity,
    /// What the outlet says against the others, one line.
    pub message: String,
    /// The outlet that differs and its spans.
    pub outlet: Statement,
    /// The outlets it differs from and their spans.
    pub others: Vec<Statement>,
}

/// The cross-outlet view printed by `factdiff cross`.
#[derive(Debug, Clone, Serialize)]
pub struct CrossReport {
    /// Schema version.
    pub schema_version: u32,
    /// The outlets, in the order given.
    pub outlets: Vec<String>,
    /// Claims stated alike by two or more outlets (and contradicted by none).
    pub agreed: Vec<Agreement>,
    /// Claims where an outlet differs.
    pub differences: Vec<Difference>,
}

/// Another outlet and the sentences of it that support a sentence.
type Supporters = (usize, Vec<usize>);

fn view(a: &Analysis, spans: &[Span]) -> Statement {
    let sentence = spans
        .first()
        .and_then(|s| {
            let k = crate::compare::sentence_at(&a.doc.sentences, s.start);
            a.doc.sentences.get(k)
        })
        .map(|s| {
            s.span
                .text(&a.doc.text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    Statement {
        file: a.doc.path.clone(),
        sentence,
        spans: spans
            .iter()
            .map(|s| SpanView::new(*s, &a.doc.text, &a.doc.lines))
            .collect(),
    }
}

/// Compare every pair of outlets: the claims they agree on, and their contradictions
/// grouped so that an outlet differing from several others is one entry.
pub fn cross(outlets: &[&Analysis], rules: &Rules) -> CrossReport {
    let (pairwise, support, contradicted) = pairwise_findings(outlets, rules);
    CrossReport {
        schema_version: SCHEMA_VERSION,
        outlets: outlets.iter().map(|o| o.doc.path.clone()).collect(),
        agreed: agreements(outlets, &support, &contradicted),
        differences: differences(outlets, &pairwise),
    }
}

/// A contradiction between two outlets: (outlet i, its spans, outlet j, its spans, finding).
type Pairwise = (usize, Vec<Span>, usize, Vec<Span>, crate::compare::Finding);

/// The contradictions of every pair; per outlet and sentence, its supporters in
/// the other outlets; per outlet and sentence, whether another contradicts it.
type PairwiseFindings = (Vec<Pairwise>, Vec<Vec<Vec<Supporters>>>, Vec<Vec<bool>>);

/// Every pair of outlets compared: their contradictions, and for each outlet's
/// sentence the other outlets' sentences that support it and whether any
/// contradicts it.
fn pairwise_findings(outlets: &[&Analysis], rules: &Rules) -> PairwiseFindings {
    let n = outlets.len();
    let th = rules.checks.thresholds.stated_alike_support;
    // pairwise contradictions: (outlet i, its spans, outlet j, its spans, finding)
    let mut pairwise: Vec<Pairwise> = Vec::new();
    // for each outlet and sentence: the sentences of other outlets supporting it
    let mut support: Vec<Vec<Vec<Supporters>>> = outlets
        .iter()
        .map(|o| vec![Vec::new(); o.doc.sentences.len()])
        .collect();
    let mut contradicted: Vec<Vec<bool>> = outlets
        .iter()
        .map(|o| vec![false; o.doc.sentences.len()])
        .collect();
    for i in 0..n {
        for j in i + 1..n {
            let al = crate::align::align(outlets[i], outlets[j], rules);
            // two sentences state one claim alike when each is the other's
            // support, each supporting the other at `stated_alike_support`
            for (k, s) in al.source_support.iter().enumerate() {
                let [m] = s.sentences[..] else {
                    continue;
                };
                let back = &al.draft_support[m];
                if s.score >= th && back.score >= th && back.sentences == [k] {
                    support[i][k].push((j, vec![m]));
                    support[j][m].push((i, vec![k]));
                }
            }
            for f in compare(outlets[i], outlets[j], rules).findings {
                // a difference between claims that are not aligned is no
                // contradiction, but the two sentences are not stated alike
                // either
                let unaligned = f.rule == crate::model::RuleId::OtherEvent;
                if f.kind != FindingKind::Contradiction && !unaligned {
                    continue;
                }
                for (o, spans) in [(i, &f.source_spans), (j, &f.draft_spans)] {
                    for sp in spans {
                        let k = crate::compare::sentence_at(&outlets[o].doc.sentences, sp.start);
                        if let Some(c) = contradicted[o].get_mut(k) {
                            *c = true;
                        }
                    }
                }
                if !unaligned {
                    pairwise.push((i, f.source_spans.clone(), j, f.draft_spans.clone(), f));
                }
            }
        }
    }
    (pairwise, support, contradicted)
}

/// Claims stated alike: each sentence once, from the first outlet stating it.
fn agreements(
    outlets: &[&Analysis],
    support: &[Vec<Vec<Supporters>>],
    contradicted: &[Vec<bool>],
) -> Vec<Agreement> {
    let n = outlets.len();
    // agreements: each sentence once, from the first outlet stating it
    let mut used: Vec<Vec<bool>> = outlets
        .iter()
        .map(|o| vec![false; o.doc.sentences.len()])
        .collect();
    let mut agreed = Vec::new();
    for i in 0..n {
        for k in 0..outlets[i].doc.sentences.len() {
            if used[i][k] || contradicted[i][k] || support[i][k].is_empty() {
                continue;
            }
            let mut others: Vec<Supporters> = support[i][k]
                .iter()
                .filter(|(j, ss)| ss.iter().all(|&s| !used[*j][s] && !contradicted[*j][s]))
                .cloned()
                .collect();
            if others.is_empty() {
                continue;
            }
            others.sort();
            used[i][k] = true;
            let mut statements = vec![view(outlets[i], &[outlets[i].doc.sentences[k].span])];
            for (j, ss) in &others {
                let spans: Vec<Span> = ss
                    .iter()
                    .map(|&s| {
                        used[*j][s] = true;
                        outlets[*j].doc.sentences[s].span
                    })
                    .collect();
                statements.push(view(outlets[*j], &spans));
            }
            agreed.push(Agreement {
                outlets: statements.len(),
                statements,
            });
        }
    }
    agreed.sort_by_key(|a| std::cmp::Reverse(a.outlets));
    agreed
}

/// Differences: an outlet span contradicted by several others is one entry.
fn differences(outlets: &[&Analysis], pairwise: &[Pairwise]) -> Vec<Difference> {
    // differences: an outlet span contradicted by several others is one entry
    let mut taken = vec![false; pairwise.len()];
    let mut differences = Vec::new();
    for a in 0..pairwise.len() {
        if taken[a] {
            continue;
        }
        let (i, ref si, j, ref sj, ref f) = pairwise[a];
        // the side shared with other pairwise findings of the same rule is the odd one out
        let shares = |o: usize, spans: &Vec<Span>| -> Vec<usize> {
            (0..pairwise.len())
                .filter(|&b| {
                    !taken[b] && pairwise[b].4.rule == f.rule && {
                        let p = &pairwise[b];
                        (p.0 == o && &p.1 == spans) || (p.2 == o && &p.3 == spans)
                    }
                })
                .collect()
        };
        let with_i = shares(i, si);
        let with_j = shares(j, sj);
        let (odd, odd_spans, group) = if with_j.len() > with_i.len() {
            (j, sj.clone(), with_j)
        } else {
            (i, si.clone(), with_i)
        };
        let mut others = Vec::new();
        for &b in &group {
            taken[b] = true;
            let p = &pairwise[b];
            let (o, spans) = if p.0 == odd && p.1 == odd_spans {
                (p.2, &p.3)
            } else {
                (p.0, &p.1)
            };
            others.push(view(outlets[o], spans));
        }
        let outlet = view(outlets[odd], &odd_spans);
        let said = |s: &Statement| {
            let t: Vec<&str> = s.spans.iter().map(|v| v.text.as_str()).collect();
            t.join(" … ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        // each other outlet's own value; outlets that agree with each other share one
        let values: Vec<String> = others.iter().map(said).collect();
        let against = if values.windows(2).all(|w| w[0] == w[1]) {
            // one outlet saying it twice is named once
            let mut files: Vec<&str> = others.iter().map(|s| s.file.as_str()).collect();
            files.dedup();
            format!(
                "{} {} \"{}\"",
                files.join(", "),
                if files.len() > 1 { "say" } else { "says" },
                values.first().cloned().unwrap_or_default()
            )
        } else {
            others
                .iter()
                .zip(&values)
                .map(|(s, v)| format!("{} says \"{v}\"", s.file))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let message = format!("{} says \"{}\" where {against}", outlet.file, said(&outlet));
        differences.push(Difference {
            rule: f.rule,
            severity: f.severity,
            message,
            outlet,
            others,
        });
    }
    differences
}

impl CrossReport {
    /// A readable listing: differences first, then agreed claims.
    pub fn to_text(&self) -> String {
        use colored::Colorize;
        use std::fmt::Write;
        let at = |s: &Statement| {
            s.spans.first().map_or(s.file.clone(), |v| {
                format!("{}:{}:{}", s.file, v.line, v.column)
            })
        };
        let text = |s: &Statement| {
            s.spans
                .iter()
                .map(|v| v.text.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join(" … ")
        };
        let mut o = String::new();
        let _ = writeln!(
            o,
            "{}",
            format!("outlets: {}", self.outlets.join(", ")).bold()
        );
        let _ = writeln!(o, "\ndifferences ({}):", self.differences.len());
        for d in &self.differences {
            let _ = writeln!(o, "\n{}[{}] {}", "differs".red().bold(), d.rule, d.message);
            let _ = writeln!(o, "  {} {}", "*".red(), at(&d.outlet));
            let _ = writeln!(o, "    {}", d.outlet.sentence);
            for s in &d.others {
                let _ = writeln!(o, "  {} {}", "=".green(), at(s));
                let _ = writeln!(o, "    {}", s.sentence);
            }
        }
        let _ = writeln!(o, "\nagreed ({}):", self.agreed.len());
        for a in &self.agreed {
            let first = &a.statements[0];
            let _ = writeln!(
                o,
                "\n  {}/{} outlets  {}",
                a.outlets,
                self.outlets.len(),
                text(first)
            );
            for s in &a.statements {
                let _ = writeln!(o, "    {}", at(s));
            }
        }
        let _ = writeln!(
            o,
            "\nsummary: {} outlets, {} differences, {} agreed claims",
            self.outlets.len(),
            self.differences.len(),
            self.agreed.len()
        );
        o
    }
}

#[cfg(test)]
mod tests {
    use crate::{ingest::Format, Engine, Rules};

    /// The agreed claims of `cross` over the texts, each as its statements' texts.
    fn agreed(texts: &[&str]) -> Vec<Vec<String>> {
        let engine = Engine::new(Rules::builtin().unwrap());
        let outlets: Vec<_> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                engine
                    .analyze(&format!("o{i}.txt"), t.to_string(), Format::Text)
                    .unwrap()
            })
            .collect();
        let refs: Vec<_> = outlets.iter().collect();
        engine
            .cross(&refs)
            .agreed
            .iter()
            .map(|a| {
                a.statements
                    .iter()
                    .map(|s| s.spans[0].text.clone())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn stated_alike_needs_two_sentences_that_restate_each_other() {
        let a = "The city council approved the new budget for the harbour on Monday. \
                 Protesters gathered outside the town hall in the rain. \
                 Fishermen said the harbour dredging must begin before the winter storms hit the coast.";
        let b = "On Monday the city council approved a new budget for the harbour. \
                 The mayor said the harbour dredging would begin in March after a vote of the council.";
        let found = agreed(&[a, b]);
        // the restated sentence is one claim stated alike
        assert!(
            found
                .iter()
                .any(|s| s.iter().any(|t| t.contains("approved"))),
            "{found:?}"
        );
        // two claims sharing a few words ("harbour dredging would begin" in March,
        // "must begin" before the storms) are no agreement
        assert!(
            found.iter().all(|s| s.iter().all(|t| !t.contains("March"))),
            "{found:?}"
        );
        assert_eq!(found.len(), 1, "{found:?}");
    }
}
