//! The `factdiff` command line: a thin layer over the library.

use clap::{Parser, Subcommand, ValueEnum};

/// mimalloc: the pipeline allocates many small strings; this allocator halves their cost.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use factdiff::ingest::{self, Format};
use factdiff::model::Severity;
use factdiff::report::CompareReport;
use factdiff::report::ExtractReport;
use factdiff::{Engine, Error, Rules};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Cross-check the claims of news articles: contradictions, omissions and
/// unsupported additions between a source and a draft.
#[derive(Parser, Debug)]
#[command(name = "factdiff", version, about, long_about = None)]
struct Cli {
    /// Folder of YAML rule files overriding the built-in ones, file by file.
    #[arg(long, global = true, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// When to colour the output (NO_COLOR is honoured with auto).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Largest input accepted, in bytes.
    #[arg(long, global = true, default_value_t = ingest::DEFAULT_MAX_BYTES, value_name = "BYTES")]
    max_bytes: usize,
    /// Largest number of sentences in one article.
    #[arg(long, global = true, default_value_t = factdiff::DEFAULT_MAX_SENTENCES, value_name = "N")]
    max_sentences: usize,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the document model of one article: blocks, sentences and claims.
    Extract {
        /// Article file, or `-` for standard input.
        file: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutFormat::Text)]
        format: OutFormat,
    },
    /// Compare drafts with their source and report disagreements.
    Compare {
        /// The source article.
        source: String,
        /// One or more drafts (one report each).
        #[arg(required = true)]
        drafts: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutFormat::Text)]
        format: OutFormat,
        /// Lowest severity that makes the exit code 1.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
        /// Write the report to this file instead of standard output.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Compare many pairs from a JSON Lines file; prints one result per line.
    Batch {
        /// Pairs file: {"id", "source", "draft"} or {"id", "source_path", "draft_path"} per line.
        pairs: String,
        /// Lowest severity that makes the exit code 1.
        #[arg(long, value_enum, default_value_t = FailOn::Never)]
        fail_on: FailOn,
        /// Worker threads (0: one per core).
        #[arg(long, short = 'j', default_value_t = 0)]
        jobs: usize,
    },
    /// Score findings against a labelled pairs file, or attributions with --attributions.
    Eval {
        /// Labelled pairs file (format A).
        pairs: Option<String>,
        /// Attribution file (format B) to score attribution extraction on.
        #[arg(long, value_name = "FILE")]
        attributions: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutFormat::Text)]
        format: OutFormat,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum OutFormat {
    Text,
    Json,
    Yaml,
    /// A self-contained page for a browser (compare only).
    Html,
}

/// One line of `batch` output.
#[derive(serde::Serialize)]
struct BatchLine<'a> {
    id: &'a str,
    result: &'a CompareReport,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn trips(self, s: Option<Severity>) -> bool {
        let Some(s) = s else { return false };
        match self {
            FailOn::Error => s >= Severity::Error,
            FailOn::Warning => s >= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn setup_color(choice: ColorChoice) {
    use std::io::IsTerminal;
    let on = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
        }
    };
    colored::control::set_override(on);
}

fn render<T: serde::Serialize>(
    value: &T,
    format: OutFormat,
    text: impl FnOnce() -> String,
) -> Result<String, Error> {
    match format {
        OutFormat::Text => Ok(text()),
        OutFormat::Json => serde_json::to_string_pretty(value)
            .map(|s| s + "\n")
            .map_err(|e| Error::Usage(format!("cannot render JSON: {e}"))),
        OutFormat::Yaml => serde_yaml_ng::to_string(value)
            .map_err(|e| Error::Usage(format!("cannot render YAML: {e}"))),
        OutFormat::Html => Err(Error::Usage(
            "--format html is for compare; use text, json or yaml here".into(),
        )),
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    setup_color(cli.color);
    let rules = Rules::load(cli.rules.as_deref())?;
    let mut engine = Engine::new(rules);
    engine.max_sentences = cli.max_sentences;
    match cli.command {
        Command::Extract { file, format } => {
            let text = ingest::read_path(&file, cli.max_bytes)?;
            let a = engine.analyze(&file, text, Format::from_path(&file))?;
            let report = ExtractReport::new(&a);
            print!("{}", render(&report, format, || report.to_text())?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Compare {
            source,
            drafts,
            format,
            fail_on,
            output,
        } => {
            if output.is_some() && drafts.len() > 1 {
                return Err(Error::Usage(
                    "--output takes one draft; run compare once per draft".into(),
                ));
            }
            let st = ingest::read_path(&source, cli.max_bytes)?;
            let s = engine.analyze(&source, st, Format::from_path(&source))?;
            let mut worst = None;
            for d in &drafts {
                let dt = ingest::read_path(d, cli.max_bytes)?;
                let da = engine.analyze(d, dt, Format::from_path(d))?;
                let c = factdiff::compare::compare(&s, &da, &engine.rules);
                let report = CompareReport::new(&s, &da, &c);
                worst = worst.max(report.max_severity());
                let out = if format == OutFormat::Html {
                    factdiff::html::render(&s, &da, &report)
                } else {
                    render(&report, format, || report.to_text())?
                };
                match &output {
                    Some(path) => std::fs::write(path, out).map_err(|e| {
                        Error::Usage(format!("{}: cannot write: {e}", path.display()))
                    })?,
                    None => print!("{out}"),
                }
            }
            Ok(if fail_on.trips(worst) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Batch {
            pairs,
            fail_on,
            jobs,
        } => {
            let data = ingest::read_path(&pairs, usize::MAX)?;
            let mut broken = false;
            let mut worst = None;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let write_err = |e: std::io::Error| Error::Usage(format!("cannot write: {e}"));
            factdiff::eval::for_each_in_batch(&engine, &data, cli.max_bytes, jobs, |r| {
                match r.outcome {
                    Ok((item, report)) => {
                        worst = worst.max(report.max_severity());
                        let line = BatchLine {
                            id: &item.id,
                            result: &report,
                        };
                        serde_json::to_writer(&mut out, &line).map_err(|e| write_err(e.into()))?;
                        writeln!(out).map_err(write_err)?;
                    }
                    Err(e) => {
                        broken = true;
                        eprintln!("factdiff: {pairs}:{}: {e}", r.line);
                    }
                }
                Ok(())
            })?;
            out.flush()
                .map_err(|e| Error::Usage(format!("cannot write: {e}")))?;
            Ok(if broken {
                ExitCode::from(2)
            } else if fail_on.trips(worst) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Eval {
            pairs,
            attributions,
            format,
        } => {
            if let Some(path) = pairs {
                let data = ingest::read_path(&path, usize::MAX)?;
                let s = factdiff::eval::eval_pairs(&engine, &data);
                let out = render(&s, format, || {
                    format!("eval: {path}\n{}", factdiff::eval::pair_table(&s))
                })?;
                print!("{out}");
                for l in &s.broken_lines {
                    eprintln!("factdiff: {path}:{l}: not a valid pair line (skipped)");
                }
                return Ok(if s.broken_lines.is_empty() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(2)
                });
            }
            let Some(path) = attributions else {
                return Err(Error::Usage(
                    "eval needs a pairs file or --attributions FILE".into(),
                ));
            };
            let data = ingest::read_path(&path, usize::MAX)?;
            let s = factdiff::eval::eval_attributions(&engine, &data);
            let out = render(&s, format, || {
                let mut o = format!("attributions: {} articles from {path}\n", s.articles);
                o.push_str(&factdiff::eval::prf_table(&[
                    ("cue", s.cue),
                    ("content", s.content),
                    ("source", s.source),
                ]));
                o
            })?;
            print!("{out}");
            for l in &s.broken_lines {
                eprintln!("factdiff: {path}:{l}: not a valid attribution line (skipped)");
            }
            Ok(if s.broken_lines.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            })
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("factdiff: error: {e}");
            ExitCode::from(2)
        }
    }
}
