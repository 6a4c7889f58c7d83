//! The `factdiff` command line: a thin layer over the library.

use clap::{Parser, Subcommand, ValueEnum};
use factdiff::ingest::{self, Format};
use factdiff::report::ExtractReport;
use factdiff::{Engine, Error, Rules};
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
    /// Score extraction against labelled data.
    Eval {
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
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal(),
    };
    colored::control::set_override(on);
}

fn render<T: serde::Serialize>(value: &T, format: OutFormat, text: impl FnOnce() -> String) -> Result<String, Error> {
    match format {
        OutFormat::Text => Ok(text()),
        OutFormat::Json => serde_json::to_string_pretty(value)
            .map(|s| s + "\n")
            .map_err(|e| Error::Usage(format!("cannot render JSON: {e}"))),
        OutFormat::Yaml => serde_yaml_ng::to_string(value).map_err(|e| Error::Usage(format!("cannot render YAML: {e}"))),
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    setup_color(cli.color);
    let rules = Rules::load(cli.rules.as_deref())?;
    let engine = Engine::new(rules);
    match cli.command {
        Command::Extract { file, format } => {
            let text = ingest::read_path(&file, cli.max_bytes)?;
            let a = engine.analyze(&file, text, Format::from_path(&file));
            let report = ExtractReport::new(&a);
            print!("{}", render(&report, format, || report.to_text())?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { attributions, format } => {
            let Some(path) = attributions else {
                return Err(Error::Usage("eval needs --attributions FILE".into()));
            };
            let data = ingest::read_path(&path, usize::MAX)?;
            let s = factdiff::eval::eval_attributions(&engine, &data);
            let out = render(&s, format, || {
                let mut o = format!("attributions: {} articles from {path}\n", s.articles);
                o.push_str(&factdiff::eval::prf_table(&[("cue", s.cue), ("content", s.content), ("source", s.source)]));
                o
            })?;
            print!("{out}");
            for l in &s.broken_lines {
                eprintln!("factdiff: {path}:{l}: not a valid attribution line (skipped)");
            }
            Ok(if s.broken_lines.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) })
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
