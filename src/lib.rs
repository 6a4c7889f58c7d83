//! factdiff: cross-check the claims of news articles against each other.
//!
//! The pipeline is a chain of stages over plain data: ingest → segment →
//! syntax → extract → align → compare → report. This crate never prints; the
//! `factdiff` binary is a thin layer over it. Most callers need only the facade
//! re-exported here: an [`Engine`] (rules and tables, built once) that analyses
//! articles and compares them, the one result type every output format renders
//! ([`CompareReport`]), the output [`Format`]s of the input, and the team's
//! [`Policy`] (severities, disabled rules, suppressions, baseline, `fail_on`).
//!
//! ```
//! use factdiff::{Engine, Format, Policy, Rules};
//!
//! let engine = Engine::new(Rules::builtin()?);
//! let source = engine.analyze(
//!     "source.txt",
//!     "The council approved the budget on Monday by 7 votes to 2.".into(),
//!     Format::Text,
//! )?;
//! let draft = engine.analyze(
//!     "draft.txt",
//!     "The council approved the budget on Monday by 9 votes to 2.".into(),
//!     Format::Text,
//! )?;
//! let mut report = engine.compare(&source, &draft);
//! let policy = Policy::default();
//! policy.apply(&mut report, &draft.doc.text);
//! assert!(report.findings.iter().any(|f| f.rule.as_str() == "quantity"));
//! assert!(policy.fails(report.max_severity()));
//! # Ok::<(), factdiff::Error>(())
//! ```
#![deny(missing_docs)]

mod align;
pub mod allocator;
mod analysis;
pub mod cases;
pub mod ci;
pub mod compare;
pub mod config;
mod cue_weights;
mod engine;
pub mod error;
pub mod eval;
mod exact;
pub mod extract;
pub mod frozen;
pub mod html;
pub mod ingest;
mod intern;
mod key;
pub mod line_set;
pub mod model;
mod multi;
pub mod policy;
pub mod report;
pub mod rules;
pub mod segment;
mod span;
mod squash;
mod stem;
pub mod syntax;
mod tokens;
mod word_tables;

pub use analysis::Analysis;
pub use engine::{document, Engine, DEFAULT_MAX_SENTENCES};
pub use error::{Error, Result};
pub use ingest::Format;
pub use model::{Document, FindingKind, RuleId, Severity};
pub use multi::CrossReport;
pub use policy::{Baseline, FailOn, Policy};
pub use report::{CompareReport, ExtractReport, ExtractStream, FindingView};
pub use rules::Rules;
pub use span::Span;
