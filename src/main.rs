//! The `factdiff` command line: a thin layer over the library.

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

/// mimalloc: the pipeline allocates many small strings; this allocator halves their cost.
#[global_allocator]
static GLOBAL: factdiff::allocator::Mimalloc = factdiff::allocator::Mimalloc;

use factdiff::config::{Config, Job};
use factdiff::ingest::{self, Format};
use factdiff::policy::{self, Baseline, FailOn};
use factdiff::report::CompareReport;
use factdiff::report::{ExtractReport, ExtractStream};
use factdiff::{Analysis, Engine, Error, Rules, Severity};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Cross-check the claims of news articles: contradictions, omissions and
/// unsupported additions between a source and a draft.
#[derive(Parser, Debug)]
#[command(name = "factdiff", version, about, long_about = None)]
struct Cli {
    /// Folder of YAML rule files overriding the built-in ones, file by file.
    #[arg(long, global = true, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Configuration file (default: .factdiff.yaml in the working directory or above).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Ignore any .factdiff.yaml.
    #[arg(long, global = true)]
    no_config: bool,
    /// Read inputs as this format whatever their name says (md, txt, html); for `-`.
    #[arg(long, global = true, value_name = "EXT")]
    ext: Option<String>,
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

/// How a comparison is reported and when it fails; shared by `compare` and `check`.
#[derive(Args, Debug)]
struct ReportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutFormat::Text)]
    format: OutFormat,
    /// Lowest severity that makes the exit code 1 [default: error, or the config's fail_on].
    #[arg(long, value_parser = fail_on_parser())]
    fail_on: Option<FailOn>,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// List at most N findings per report (the summary and exit code still count all).
    #[arg(long, value_name = "N")]
    max_findings: Option<usize>,
    /// List only findings of this severity or over (the summary and exit code still count all) [default: info].
    #[arg(long, value_name = "SEVERITY", value_parser = ["error", "warning", "info"])]
    min_severity: Option<String>,
    /// Rules to leave out of the report and the exit code, besides the config's `disable`.
    #[arg(long, value_name = "RULE,...", value_delimiter = ',')]
    disable: Vec<String>,
    /// Opt-in rules to report (`word`), besides the config's `enable`.
    #[arg(long, value_name = "RULE,...", value_delimiter = ',')]
    enable: Vec<String>,
    /// Accept the findings recorded in this baseline file; fail only on new ones.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every current finding in this baseline file (exit code 0).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the document model of one article: blocks, sentences and claims.
    Extract {
        /// Article file, or `-` for standard input.
        file: String,
        /// Output format (text, json or yaml).
        #[arg(long, value_enum, default_value_t = OutFormat::Text)]
        format: OutFormat,
    },
    /// Compare drafts with their source (SOURCE DRAFT...), or one draft with
    /// several sources together (--sources A B --draft D).
    Compare {
        /// The source, then one or more drafts (one report each).
        #[arg(value_name = "SOURCE DRAFT")]
        paths: Vec<String>,
        /// Several sources checked together: a draft claim is supported if any supports it.
        #[arg(long, num_args = 1.., value_name = "FILE", requires = "draft")]
        sources: Vec<String>,
        /// The draft checked against --sources.
        #[arg(long, value_name = "FILE", requires = "sources")]
        draft: Option<String>,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Run every check the configuration file (.factdiff.yaml) names, or only
    /// the drafts named (the files a pull request changed).
    Check {
        /// Drafts to check (default: every draft the configuration names); each
        /// takes its sources from the `checks:` entry naming it, else from its
        /// front matter.
        files: Vec<String>,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Cross-outlet view of independent reports of one event: what they agree
    /// on and where one differs.
    Cross {
        /// Two or more articles.
        #[arg(required = true, num_args = 2..)]
        files: Vec<String>,
        /// Output format (text, json or yaml).
        #[arg(long, value_enum, default_value_t = OutFormat::Text)]
        format: OutFormat,
    },
    /// Compare many pairs from a JSON Lines file; prints one result per line.
    Batch {
        /// Pairs file: {"id", "source", "draft"} or {"id", "source_path", "draft_path"} per line.
        pairs: String,
        /// Lowest severity that makes the exit code 1.
        #[arg(long, value_parser = fail_on_parser(), default_value = "never")]
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
        /// CoNLL-U treebank to score the syntax model on, given its gold tokens
        /// (UPOS, lemma, UAS and LAS; punctuation counts).
        #[arg(long, value_name = "FILE.conllu")]
        parse: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutFormat::Text)]
        format: OutFormat,
    },
    /// List the finding rules, or validate a rules folder.
    Rules {
        #[command(subcommand)]
        action: RulesAction,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff); with --dir, write it and a page per command there.
    Man {
        /// Folder to write factdiff.1 and factdiff-COMMAND.1 into.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum RulesAction {
    /// Every finding rule: id, kind, severity in effect, description.
    List {
        /// Output format (text, json or yaml).
        #[arg(long, value_enum, default_value_t = OutFormat::Text)]
        format: OutFormat,
    },
    /// Validate a rules folder: every file parses, and the cases the files carry pass.
    Check {
        /// The folder.
        dir: PathBuf,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum OutFormat {
    Text,
    Json,
    Yaml,
    /// A self-contained page for a browser (compare and check).
    Html,
    /// GitHub Actions workflow commands (compare and check).
    Github,
    /// SARIF 2.1.0 (compare and check).
    Sarif,
    /// One JSON object per line.
    Jsonl,
}

/// One line of `batch` output.
#[derive(serde::Serialize)]
struct BatchLine<'a> {
    id: &'a str,
    result: &'a CompareReport,
}

/// `--fail-on`: the library's own threshold, with its names as the possible values.
fn fail_on_parser() -> impl clap::builder::TypedValueParser<Value = FailOn> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["error", "warning", "info", "never"])
        .map(|s| FailOn::parse(&s).unwrap_or_default())
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
        OutFormat::Jsonl => serde_json::to_string(value)
            .map(|s| s + "\n")
            .map_err(|e| Error::Usage(format!("cannot render JSON: {e}"))),
        OutFormat::Yaml => serde_yaml_ng::to_string(value)
            .map_err(|e| Error::Usage(format!("cannot render YAML: {e}"))),
        OutFormat::Html | OutFormat::Github | OutFormat::Sarif => Err(Error::Usage(format!(
            "--format {} is for compare and check; use text, json, jsonl or yaml here",
            format
                .to_possible_value()
                .map_or_else(|| "?".to_string(), |v| v.get_name().to_string())
        ))),
    }
}

/// The one writer of standard output. A closed pipe (`factdiff ... | head`) ends
/// output quietly: the run goes on to the exit code it would have had, as ripgrep does.
struct Stdout {
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    closed: bool,
}

impl Stdout {
    fn new() -> Self {
        Stdout {
            out: std::io::BufWriter::new(std::io::stdout().lock()),
            closed: false,
        }
    }

    /// Write `bytes`; after the reader has gone, nothing more is written.
    fn write(&mut self, bytes: &[u8]) -> Result<(), Error> {
        if self.closed {
            return Ok(());
        }
        let r = self.out.write_all(bytes);
        self.check(r)
    }

    /// Flush what is buffered.
    fn flush(&mut self) -> Result<(), Error> {
        if self.closed {
            return Ok(());
        }
        let r = self.out.flush();
        self.check(r)
    }

    fn check(&mut self, r: std::io::Result<()>) -> Result<(), Error> {
        match r {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            r => r.map_err(|e| Error::Usage(format!("cannot write: {e}"))),
        }
    }
}

/// Standard output as a writer for a serializer: once the reader has gone,
/// what is written is dropped and the run goes on.
impl std::io::Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        Stdout::write(self, buf).map_err(std::io::Error::other)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Stdout::flush(self).map_err(std::io::Error::other)
    }
}

/// Serialise `value` into `w` as JSON, pretty or one line for `jsonl`, then a
/// newline: the bytes [`render`] gives.
fn json_into<W: std::io::Write, T: serde::Serialize>(
    w: &mut W,
    value: &T,
    format: OutFormat,
) -> serde_json::Result<()> {
    if format == OutFormat::Jsonl {
        serde_json::to_writer(&mut *w, value)?;
    } else {
        serde_json::to_writer_pretty(&mut *w, value)?;
    }
    w.write_all(b"\n").map_err(serde_json::Error::io)
}

/// Write `value` as JSON (pretty, or one line for `jsonl`) straight to standard
/// output, with the same bytes [`render`] gives.
fn stream_json<T: serde::Serialize>(value: &T, format: OutFormat) -> Result<(), Error> {
    let mut out = Stdout::new();
    // the serializer writes a few bytes at a time: gathered here first, they
    // reach the closed-pipe check in large pieces
    let mut gathered = std::io::BufWriter::with_capacity(1 << 16, &mut out);
    json_into(&mut gathered, value, format)
        .and_then(|()| std::io::Write::flush(&mut gathered).map_err(serde_json::Error::io))
        .map_err(|e| Error::Usage(format!("cannot render JSON: {e}")))?;
    drop(gathered);
    out.flush()
}

/// Write `value` as JSON (pretty, or one line for JSONL) to the `--output`
/// file, else to standard output, as it is rendered: the same bytes as
/// [`render`] gives, never held whole.
fn write_json<T: serde::Serialize>(
    path: Option<&PathBuf>,
    value: &T,
    format: OutFormat,
) -> Result<(), Error> {
    let Some(p) = path else {
        return stream_json(value, format);
    };
    let cannot =
        |e: &dyn std::fmt::Display| Error::Usage(format!("{}: cannot write: {e}", p.display()));
    let file = std::fs::File::create(p).map_err(|e| cannot(&e))?;
    let mut w = std::io::BufWriter::new(file);
    json_into(&mut w, value, format).map_err(|e| cannot(&e))?;
    std::io::Write::flush(&mut w).map_err(|e| cannot(&e))
}

/// Write `text` to standard output through [`Stdout`].
fn emit(text: &str) -> Result<(), Error> {
    let mut out = Stdout::new();
    out.write(text.as_bytes())?;
    out.flush()
}

/// Write `text` to the `--output` file, else to standard output through [`emit`].
fn write_out(path: Option<&PathBuf>, text: &str) -> Result<(), Error> {
    match path {
        Some(p) => std::fs::write(p, text)
            .map_err(|e| Error::Usage(format!("{}: cannot write: {e}", p.display()))),
        None => emit(text),
    }
}

fn exit_for(fail: bool) -> ExitCode {
    if fail {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The configuration in effect: `--config`, else the nearest .factdiff.yaml, unless `--no-config`.
fn find_config(cli: &Cli) -> Result<Option<Config>, Error> {
    if cli.no_config {
        return Ok(None);
    }
    let path = match &cli.config {
        Some(p) => {
            if !p.is_file() {
                let why = if p.is_dir() {
                    "is a directory; give the config file itself (.factdiff.yaml)"
                } else if p.exists() {
                    "is not a regular file (a pipe or a device); give a config file"
                } else {
                    "no such config file"
                };
                return Err(Error::Usage(format!("{}: {why}", p.display())));
            }
            Some(p.clone())
        }
        None => std::env::current_dir()
            .ok()
            .and_then(|d| factdiff::config::discover(&d))
            .map(|p| PathBuf::from(factdiff::config::tidy(&p))),
    };
    path.map(|p| Config::load(&p)).transpose()
}

/// The engine: rules from `--rules`, else the config's folder, else built in.
/// It lives until the process ends, which frees its tables at once: dropping
/// them one by one was 3% of a small compare's instructions.
fn engine(cli: &Cli, config: Option<&Config>) -> Result<&'static Engine, Error> {
    let dir = cli
        .rules
        .clone()
        .or_else(|| config.and_then(Config::rules_dir));
    let rules = Rules::load(dir.as_deref())?;
    let mut engine = Engine::new(rules);
    engine.max_sentences = cli.max_sentences;
    Ok(Box::leak(Box::new(engine)))
}

/// Reads and analyses articles, each path once.
struct Reader<'a> {
    engine: &'a Engine,
    max_bytes: usize,
    ext: Option<Format>,
    cache: std::collections::HashMap<String, std::rc::Rc<Analysis>>,
    /// Reads still to come of each path, when the jobs are known
    /// ([`Reader::expect`]): an analysis is kept only until its last read, so
    /// a run over many drafts does not hold them all (issue 25).
    reads_left: std::collections::HashMap<String, usize>,
}

impl<'a> Reader<'a> {
    fn new(engine: &'a Engine, cli: &Cli, ext: Option<Format>) -> Self {
        Reader {
            engine,
            max_bytes: cli.max_bytes,
            ext,
            cache: Default::default(),
            reads_left: Default::default(),
        }
    }

    /// Count the reads `jobs` will make of each path.
    fn expect(&mut self, jobs: &[Job]) {
        for job in jobs {
            for path in job.sources.iter().chain([&job.draft]) {
                *self.reads_left.entry(path.clone()).or_default() += 1;
            }
        }
    }

    fn read(&mut self, path: &str) -> Result<std::rc::Rc<Analysis>, Error> {
        // the last read expected of this path: nothing keeps it after
        let last = self.reads_left.get_mut(path).is_some_and(|n| {
            *n = n.saturating_sub(1);
            *n == 0
        });
        if let Some(a) = self.cache.get(path) {
            let a = a.clone();
            if last {
                self.cache.remove(path);
            }
            return Ok(a);
        }
        let text = ingest::read_path(path, self.max_bytes)?;
        let format = self.ext.unwrap_or_else(|| Format::from_path(path));
        let a = std::rc::Rc::new(self.engine.analyze(path, text, format)?);
        if path != "-" && !last {
            self.cache.insert(path.to_string(), a.clone());
        }
        Ok(a)
    }
}

/// Compare each job, apply suppressions and the baseline, and print every report.
fn run_jobs(
    reader: &mut Reader,
    jobs: &[Job],
    args: &ReportArgs,
    config: Option<&Config>,
) -> Result<ExitCode, Error> {
    let mut policy = policy::Policy::from_config(config)?;
    policy.disable_rules(&args.disable)?;
    policy.enable_rules(&args.enable)?;
    policy.settle_opt_in(&reader.engine.rules);
    policy.min_severity = args.min_severity.as_deref().and_then(Severity::parse);
    if let Some(f) = args.fail_on {
        policy.fail_on = f;
    }
    if args.max_findings.is_some() {
        policy.max_findings = args.max_findings;
    }
    let baseline_path = args.baseline.clone().or_else(|| {
        let c = config?;
        let p = PathBuf::from(c.resolve(c.file.baseline.as_deref()?));
        if !p.exists() && args.write_baseline.is_none() {
            eprintln!(
                "factdiff: {}: baseline {} does not exist yet (write it with --write-baseline)",
                c.path.display(),
                p.display()
            );
            return None;
        }
        Some(p)
    });
    policy.baseline = match &baseline_path {
        Some(p) if args.write_baseline.is_none() => {
            let name = p.display().to_string();
            let text = ingest::read_path(&name, ingest::DATA_MAX_BYTES)?;
            Some(Baseline::parse(&name, &text)?)
        }
        _ => None,
    };
    let several = jobs.len() > 1;
    let mut reports = Vec::new();
    let mut out = String::new();
    // one report's JSON goes out as it is rendered, never held as a string
    // (a draft of many claims renders to many times its size)
    let streamed = !several && matches!(args.format, OutFormat::Json | OutFormat::Jsonl);
    let mut worst = None;
    let mut failing = 0;
    // annotations land on a file by its path from the repository root
    let root = matches!(args.format, OutFormat::Github | OutFormat::Sarif).then(|| {
        let config_dir = config.and_then(|c| c.path.parent().map(Path::to_path_buf));
        factdiff::ci::annotation_root(Path::new("."), config_dir.as_deref())
    });
    let mut all_for_baseline = Vec::new();
    // the HTML page shows every draft beside its sources: kept to the end
    let mut pages = Vec::new();
    reader.expect(jobs);
    for job in jobs {
        let sources = job
            .sources
            .iter()
            .map(|s| reader.read(s))
            .collect::<Result<Vec<_>, _>>()?;
        let draft = reader.read(&job.draft)?;
        let engine = reader.engine;
        let mut report = if sources.len() == 1 {
            engine.compare(&sources[0], &draft)
        } else {
            let all: Vec<&Analysis> = sources.iter().map(|s| s.as_ref()).collect();
            engine.compare_sources(&all, &draft)
        };
        if policy.suppressions {
            for (line, why) in factdiff::policy::directive_problems(draft.doc.as_read()) {
                eprintln!("factdiff: warning: {}:{line}: {why}", job.draft);
            }
        }
        policy.apply(&mut report, draft.doc.as_read());
        if args.write_baseline.is_some() {
            all_for_baseline.push(report.clone());
        }
        worst = worst.max(report.max_severity());
        let fails = policy.fails(report.max_severity());
        failing += fails as usize;
        policy.cut(&mut report);
        if let Some(root) = &root {
            report = factdiff::ci::rooted(&report, root);
        }
        if args.format == OutFormat::Html {
            pages.push((sources, draft, report, fails));
            continue;
        }
        // the report holds what it prints: the analyses go before it is rendered
        drop((sources, draft));
        match args.format {
            // kept above for the page
            OutFormat::Html => {}
            OutFormat::Github => out.push_str(&factdiff::ci::github(&report)),
            OutFormat::Sarif => {}
            // several drafts: one document for the run, below
            OutFormat::Json if several => {}
            f @ (OutFormat::Json | OutFormat::Jsonl) if streamed => {
                write_json(args.output.as_ref(), &report, f)?
            }
            OutFormat::Yaml if several => {
                out.push_str("---\n");
                out.push_str(&render(&report, OutFormat::Yaml, String::new)?);
            }
            f => {
                let text = render(&report, f, || report.to_text_width(text_width()))?;
                // the first report is the output so far: moved, not copied
                if out.is_empty() {
                    out = text;
                } else {
                    out.push_str(&text);
                }
            }
        }
        reports.push(report);
    }
    if args.format == OutFormat::Html {
        let entries: Vec<factdiff::html::Entry> = pages
            .iter()
            .map(|(sources, draft, report, fails)| factdiff::html::Entry {
                sources: sources.iter().map(|s| s.as_ref()).collect(),
                draft,
                report,
                fails: *fails,
            })
            .collect();
        out = factdiff::html::render_page(&entries, policy.fail_on.as_str());
    }
    if args.format == OutFormat::Sarif {
        out = factdiff::ci::sarif(&reports, &policy.checks(&reader.engine.rules));
    }
    if args.format == OutFormat::Text && several {
        out.push_str(&format!(
            "\n{}\n",
            factdiff::report::RunReport::new(&reports).total_line(failing)
        ));
    }
    if args.format == OutFormat::Json && several {
        out = render(
            &factdiff::report::RunReport::new(&reports),
            OutFormat::Json,
            String::new,
        )?;
    }
    if !streamed {
        write_out(args.output.as_ref(), &out)?;
    }
    if let Some(p) = &args.write_baseline {
        let b = Baseline::from_reports(&all_for_baseline);
        std::fs::write(p, b.to_json())
            .map_err(|e| Error::Usage(format!("{}: cannot write baseline: {e}", p.display())))?;
        let n = b.findings.len();
        eprintln!(
            "factdiff: wrote {n} {} to baseline {}",
            if n == 1 { "finding" } else { "findings" },
            p.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    Ok(exit_for(policy.fails(worst)))
}

fn parse_ext(ext: Option<&str>) -> Result<Option<Format>, Error> {
    ext.map(|e| {
        Format::from_ext(e.trim_start_matches('.'))
            .ok_or_else(|| Error::Usage(format!("--ext {e}: not one of md, txt, html")))
    })
    .transpose()
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    setup_color(cli.color);
    let ext = parse_ext(cli.ext.as_deref())?;
    match &cli.command {
        Command::Extract { file, format } => {
            let engine = engine(&cli, None)?;
            let text = ingest::read_path(file, cli.max_bytes)?;
            let format_in = ext.unwrap_or_else(|| Format::from_path(file));
            let a = engine.analyze(file, text, format_in)?;
            match format {
                // JSON is written as it is made: no copy of a large document's
                // parse or token views in memory (issue 25)
                OutFormat::Json | OutFormat::Jsonl => {
                    stream_json(&ExtractStream::new(&a, &engine.rules), *format)?
                }
                _ => {
                    let report = ExtractReport::new(&a, &engine.rules);
                    emit(&render(&report, *format, || report.to_text())?)?
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Compare {
            paths,
            sources,
            draft,
            report,
        } => cmd_compare(&cli, ext, paths, sources, draft, report),
        Command::Check { files, report } => {
            let Some(config) = find_config(&cli)? else {
                return Err(Error::Usage(
                    "check: no .factdiff.yaml in the working directory or above; give --config FILE"
                        .into(),
                ));
            };
            let engine = engine(&cli, Some(&config))?;
            let (jobs, problems) = if files.is_empty() {
                config.jobs()?
            } else {
                config.jobs_for(files)?
            };
            if jobs.is_empty() && problems.is_empty() {
                return Err(Error::Usage(format!(
                    "{}: `checks:` names no draft",
                    config.path.display()
                )));
            }
            let mut reader = Reader::new(engine, &cli, ext);
            let code = if jobs.is_empty() {
                ExitCode::SUCCESS
            } else {
                run_jobs(&mut reader, &jobs, report, Some(&config))?
            };
            // a draft with no source found is reported after the others were checked
            for p in &problems {
                eprintln!("factdiff: error: {p}");
            }
            Ok(if problems.is_empty() {
                code
            } else {
                ExitCode::from(2)
            })
        }
        Command::Cross { files, format } => {
            let config = find_config(&cli)?;
            let engine = engine(&cli, config.as_ref())?;
            let mut reader = Reader::new(engine, &cli, ext);
            let outlets = files
                .iter()
                .map(|f| reader.read(f))
                .collect::<Result<Vec<_>, _>>()?;
            let outlets: Vec<&Analysis> = outlets.iter().map(|a| a.as_ref()).collect();
            let report = engine.cross(&outlets);
            emit(&render(&report, *format, || report.to_text())?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Batch {
            pairs,
            fail_on,
            jobs,
        } => cmd_batch(&cli, pairs, fail_on, jobs),
        Command::Eval {
            pairs,
            attributions,
            parse,
            format,
        } => cmd_eval(&cli, pairs, attributions, parse, format),
        Command::Rules { action } => match action {
            RulesAction::List { format } => {
                let config = find_config(&cli)?;
                let engine = engine(&cli, config.as_ref())?;
                let policy = policy::Policy::from_config(config.as_ref())?;
                let list = &policy.checks(&engine.rules);
                let out = render(list, *format, || {
                    let mut o = String::new();
                    for c in list {
                        let off = c.opt_in && !policy.enable.contains(&c.id);
                        o.push_str(&format!(
                            "{:<20} {:<14} {:<8} {}{}\n",
                            c.id,
                            c.kind,
                            c.severity,
                            c.description,
                            if off {
                                " (opt-in, off: `enable: [id]` or --enable id)"
                            } else {
                                ""
                            }
                        ));
                    }
                    o
                })?;
                emit(&out)?;
                Ok(ExitCode::SUCCESS)
            }
            RulesAction::Check { dir } => rules_check(dir),
        },
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut cmd, "factdiff", &mut out);
            write_out(None, &String::from_utf8_lossy(&out))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man { dir } => {
            // the pages list the commands, each with a page of its own ("help" has none)
            let main = Cli::command().disable_help_subcommand(true);
            let Some(dir) = dir else {
                write_out(None, &man_page(main, MAN_SECTIONS)?)?;
                return Ok(ExitCode::SUCCESS);
            };
            let write = |name: &str, page: String| {
                let path = dir.join(format!("{name}.1"));
                std::fs::write(&path, page)
                    .map_err(|e| Error::Usage(format!("{}: cannot write: {e}", path.display())))
            };
            write("factdiff", man_page(main.clone(), MAN_SECTIONS)?)?;
            for sub in main.get_subcommands() {
                let name = format!("factdiff-{}", sub.get_name());
                let page = man_page(sub.clone().display_name(name.clone()), MAN_SEE_ALSO)?;
                write(&name, page)?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The roff of one man page: clap's sections, then `extra` (raw roff), then the version.
fn man_page(cmd: clap::Command, extra: &str) -> Result<String, Error> {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    let fail = |e: std::io::Error| Error::Usage(format!("cannot render the man page: {e}"));
    man.render_title(&mut out).map_err(fail)?;
    man.render_name_section(&mut out).map_err(fail)?;
    man.render_synopsis_section(&mut out).map_err(fail)?;
    man.render_description_section(&mut out).map_err(fail)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out).map_err(fail)?;
    }
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut out).map_err(fail)?;
    }
    out.extend_from_slice(extra.as_bytes());
    if cmd.get_version().is_some() {
        man.render_version_section(&mut out).map_err(fail)?;
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The sections of factdiff(1) that clap does not write.
const MAN_SECTIONS: &str = r#".SH "EXIT STATUS"
.TP
0
No finding at or over the threshold (\-\-fail\-on, default error, or the config's fail_on).
.TP
1
Findings at or over the threshold.
.TP
2
A usage or input error: one line on standard error names the file, line and key where they exist.
.SH EXAMPLES
.TP
factdiff compare source.txt draft.txt
Report the draft's contradictions, omissions and unsupported additions against its source.
.TP
factdiff compare source.txt draft.txt \-\-format github \-\-min\-severity warning
Annotations for a pull request, errors and warnings only.
.TP
factdiff check \-\-format sarif \-o factdiff.sarif
Check every draft the configuration names; write SARIF for code scanning.
.TP
factdiff cross nyt.txt fox.txt wapo.txt
What several outlets' reports of one event state alike and where they differ.
.SH FILES
.TP
\&.factdiff.yaml
The configuration, found in the working directory or above (\-\-config, \-\-no\-config): drafts and their sources, severities, disabled rules, fail_on, max_findings, baseline.
.SH "SEE ALSO"
factdiff\-compare(1), factdiff\-check(1), factdiff\-cross(1), factdiff\-extract(1), factdiff\-batch(1), factdiff\-eval(1), factdiff\-rules(1)
"#;

/// The last section of each command's page.
const MAN_SEE_ALSO: &str = r#".SH "EXIT STATUS"
0 clean; 1 findings at or over the threshold; 2 usage or input error (see factdiff(1)).
.SH "SEE ALSO"
factdiff(1)
"#;

/// `batch`: every pair of a pairs file, one JSON line each, in input order.
/// Most worker threads `batch -j` starts: far more than cores, few enough that
/// starting them costs nothing.
const MAX_JOBS: usize = 256;

fn cmd_batch(cli: &Cli, pairs: &String, fail_on: &FailOn, jobs: &usize) -> Result<ExitCode, Error> {
    if *jobs > MAX_JOBS {
        return Err(Error::Usage(format!(
            "-j {jobs}: at most {MAX_JOBS} worker threads (0: one per core)"
        )));
    }
    let config = find_config(cli)?;
    let engine = engine(cli, config.as_ref())?;
    let mut policy = policy::Policy::from_config(config.as_ref())?;
    policy.settle_opt_in(&engine.rules);
    policy.fail_on = *fail_on;
    let data = ingest::read_path(pairs, ingest::DATA_MAX_BYTES)?;
    let total = data.lines().filter(|l| !l.trim().is_empty()).count();
    let progress = progress_bar(total as u64);
    let mut broken = false;
    let mut worst = None;
    let mut out = Stdout::new();
    let write_err = |e: serde_json::Error| Error::Usage(format!("cannot write: {e}"));
    let mut line_bytes = Vec::new();
    let batch = factdiff::eval::BatchRun {
        engine,
        policy: &policy,
        max_bytes: cli.max_bytes,
        jobs: *jobs,
    };
    batch.for_each(&data, |r| {
        progress.inc(1);
        match r.outcome {
            Ok((item, report)) => {
                worst = worst.max(report.max_severity());
                let line = BatchLine {
                    id: &item.id,
                    result: &report,
                };
                // one buffer for every line: it grows to the longest once
                line_bytes.clear();
                serde_json::to_writer(&mut line_bytes, &line).map_err(write_err)?;
                line_bytes.push(b'\n');
                out.write(&line_bytes)?;
            }
            Err(e) => {
                broken = true;
                progress.suspend(|| eprintln!("factdiff: {pairs}:{}: {e}", r.line));
            }
        }
        Ok(())
    })?;
    progress.finish_and_clear();
    out.flush()?;
    Ok(if broken {
        ExitCode::from(2)
    } else {
        exit_for(policy.fails(worst))
    })
}

/// `eval`: score findings, attributions or the syntax model against labelled data.
fn cmd_eval(
    cli: &Cli,
    pairs: &Option<String>,
    attributions: &Option<String>,
    parse: &Option<String>,
    format: &OutFormat,
) -> Result<ExitCode, Error> {
    if let Some(path) = parse {
        let text = ingest::read_path(path, ingest::DATA_MAX_BYTES)?;
        let gold = factdiff::syntax::conllu::parse(path, &text)?;
        let s = factdiff::syntax::train::score(factdiff::syntax::model()?, &gold);
        emit(&render(&s, *format, || {
            format!(
                "parse: {path}\nUPOS {:.4}  lemma {:.4}  UAS {:.4}  LAS {:.4}  ({} tokens, {:.0} tokens/s)\n",
                s.upos, s.lemma, s.uas, s.las, s.tokens, s.tokens_per_second
            )
        })?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let engine = engine(cli, None)?;
    if let Some(path) = pairs {
        let data = ingest::read_path(path, ingest::DATA_MAX_BYTES)?;
        let s = factdiff::eval::eval_pairs(engine, &data);
        let out = render(&s, *format, || {
            format!("eval: {path}\n{}", factdiff::eval::pair_table(&s))
        })?;
        emit(&out)?;
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
    let data = ingest::read_path(path, ingest::DATA_MAX_BYTES)?;
    let s = factdiff::eval::eval_attributions(engine, &data);
    let out = render(&s, *format, || {
        let mut o = format!("attributions: {} articles from {path}\n", s.articles);
        o.push_str(&factdiff::eval::prf_table(&[
            ("cue", s.cue),
            ("content", s.content),
            ("source", s.source),
        ]));
        o
    })?;
    emit(&out)?;
    for l in &s.broken_lines {
        eprintln!("factdiff: {path}:{l}: not a valid attribution line (skipped)");
    }
    Ok(if s.broken_lines.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// `compare`: each draft against its source, or one draft against several sources.
fn cmd_compare(
    cli: &Cli,
    ext: Option<Format>,
    paths: &[String],
    sources: &[String],
    draft: &Option<String>,
    report: &ReportArgs,
) -> Result<ExitCode, Error> {
    let jobs: Vec<Job> = match draft {
        Some(d) => {
            if !paths.is_empty() {
                return Err(Error::Usage(
                    "give either SOURCE DRAFT... or --sources ... --draft D, not both".into(),
                ));
            }
            vec![Job {
                sources: sources.to_vec(),
                draft: d.clone(),
            }]
        }
        None => {
            if paths.len() < 2 {
                return Err(Error::Usage(
                    "compare needs a SOURCE and at least one DRAFT".into(),
                ));
            }
            paths[1..]
                .iter()
                .map(|d| Job {
                    sources: vec![paths[0].clone()],
                    draft: d.clone(),
                })
                .collect()
        }
    };
    let stdin_uses = paths
        .iter()
        .chain(sources)
        .chain(draft.iter())
        .filter(|p| *p == "-")
        .count();
    if stdin_uses > 1 {
        return Err(Error::Usage(
            "`-` (standard input) is given more than once; standard input can be read only once"
                .into(),
        ));
    }
    let config = find_config(cli)?;
    let engine = engine(cli, config.as_ref())?;
    let mut reader = Reader::new(engine, cli, ext);
    run_jobs(&mut reader, &jobs, report, config.as_ref())
}

/// `rules check DIR`: every file parses (unknown files named), and the carried cases pass.
fn rules_check(dir: &std::path::Path) -> Result<ExitCode, Error> {
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{}: not a rules directory",
            dir.display()
        )));
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::Usage(format!("{}: cannot read: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x == "yaml" || x == "yml" || x == "tsv")
        })
        .collect();
    entries.sort();
    let known: Vec<&str> = factdiff::rules::rule_files().collect();
    for p in &entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !known.contains(&name) {
            return Err(Error::Rules {
                file: p.display().to_string(),
                message: format!(
                    "not a rule file factdiff reads (known: {})",
                    known.join(", ")
                ),
            });
        }
    }
    let rules = Rules::load(Some(dir))?;
    let failures = factdiff::segment::failing_cases(&rules);
    let mut out = String::new();
    for f in &failures {
        out.push_str(&format!(
            "case failed: {:?}\n  expected: {:?}\n  got:      {:?}\n",
            f.text, f.expected, f.got
        ));
    }
    let segment_cases = rules.abbreviations.tests.len();
    let checks = rules.checks.checks.len();
    let engine = Engine::new(rules);
    let behaviour = factdiff::cases::run_all(&engine, Some(dir))?;
    for f in &behaviour.failures {
        out.push_str(&format!(
            "case failed: {}: {}\n  {}\n",
            f.file, f.name, f.why
        ));
    }
    let cases = segment_cases + behaviour.cases;
    let failed = failures.len() + behaviour.failures.len();
    out.push_str(&format!(
        "{}: {} rule files read ({} from the folder, the rest built in), {} checks, {} of {} carried cases pass\n",
        dir.display(),
        known.len(),
        entries.len(),
        checks,
        cases - failed,
        cases
    ));
    emit(&out)?;
    Ok(exit_for(failed > 0))
}

/// A progress bar on standard error when it is a terminal and not in CI; hidden otherwise.
fn progress_bar(total: u64) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pairs  {per_sec}  eta {eta}")
    {
        bar.set_style(style);
    }
    bar
}

/// Columns the text report wraps to: the terminal's when standard output is
/// one, else [`report::TEXT_WIDTH`].
fn text_width() -> usize {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return factdiff::report::TEXT_WIDTH;
    }
    console::Term::stdout()
        .size_checked()
        .map_or(factdiff::report::TEXT_WIDTH, |(_, cols)| usize::from(cols))
}

/// mimalloc's number for its option `mi_option_purge_delay` (its `mimalloc.h`,
/// the same in versions 2 and 3): how long freed memory stays committed
/// before it is given back to the system.
const MIMALLOC_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory is given back after 10 ms (the value mimalloc documents), not
/// the second mimalloc 3 waits: a comparison frees much of what it builds, and
/// held for a second it was a tenth of a 15 MB compare's peak (290 → 265 MB)
/// and made the peak hang on timing (40,000 short sentences: 187 → 151 MB).
/// CPU time is unchanged within the noise of interleaved runs.
fn give_back_freed_memory_soon() {
    // SAFETY: `mi_option_set` stores one integer in mimalloc's option table
    // (an atomic write); it takes no pointer and may be called at any time.
    unsafe { libmimalloc_sys::mi_option_set(MIMALLOC_PURGE_DELAY, 10) };
}

fn main() -> ExitCode {
    give_back_freed_memory_soon();
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
