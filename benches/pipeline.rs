//! Benchmarks: extract and compare on the founding example, compare on long
//! articles (1×, 4×, 16× to check scaling), batch throughput on BUMP pairs, and
//! the syntax layer's tokens per second. Criterion reports the median among
//! its estimates; `bench/run.sh` gives whole-process medians.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use factdiff::ingest::Format;
use factdiff::{compare::compare, Engine, Rules};
use std::hint::black_box;
use std::path::Path;

/// The same allocator as the `factdiff` binary.
#[global_allocator]
static GLOBAL: factdiff::allocator::Mimalloc = factdiff::allocator::Mimalloc;

const SRC: &str = include_str!("../fixtures/blinken-lavrov/source.txt");
const DRAFT: &str = include_str!("../fixtures/blinken-lavrov/draft.txt");

/// About `bytes` of real article text: BASIL articles when ../shared/data is
/// there, the founding source repeated otherwise.
fn long_article(bytes: usize) -> String {
    let basil = Path::new("../shared/data/basil.articles.jsonl");
    let mut pieces: Vec<String> = Vec::new();
    if let Ok(data) = std::fs::read_to_string(basil) {
        for line in data.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(t) = v["text"].as_str() {
                    pieces.push(t.to_string());
                }
            }
        }
    }
    if pieces.is_empty() {
        pieces.push(SRC.to_string());
    }
    let mut out = String::new();
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(&pieces[i % pieces.len()]);
        out.push_str("\n\n");
        i += 1;
    }
    out
}

fn founding(c: &mut Criterion) {
    let engine = Engine::new(Rules::builtin().expect("rules"));
    c.bench_function("extract/founding-source", |b| {
        b.iter(|| {
            engine
                .analyze("source.txt", black_box(SRC.to_string()), Format::Text)
                .expect("analysed")
        })
    });
    c.bench_function("compare/founding-example", |b| {
        b.iter(|| {
            let s = engine
                .analyze("source.txt", black_box(SRC.to_string()), Format::Text)
                .expect("analysed");
            let d = engine
                .analyze("draft.txt", black_box(DRAFT.to_string()), Format::Text)
                .expect("analysed");
            compare(&s, &d, &engine.rules)
        })
    });
}

fn scaling(c: &mut Criterion) {
    let engine = Engine::new(Rules::builtin().expect("rules"));
    let mut g = c.benchmark_group("compare/long-article");
    g.sample_size(10);
    let base = 100 * 1024 / 16;
    for factor in [1usize, 4, 16] {
        let text = long_article(base * factor);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{factor}x")),
            &text,
            |b, text| {
                b.iter(|| {
                    let s = engine
                        .analyze("long.txt", text.clone(), Format::Text)
                        .expect("analysed");
                    let d = engine
                        .analyze("draft.txt", DRAFT.to_string(), Format::Text)
                        .expect("analysed");
                    compare(&s, &d, &engine.rules)
                })
            },
        );
    }
    g.finish();
}

fn batch(c: &mut Criterion) {
    let path = Path::new("../shared/data/bump.dev.pairs.jsonl");
    let Ok(data) = std::fs::read_to_string(path) else {
        eprintln!("skipped batch bench: {} is absent", path.display());
        return;
    };
    let engine = Engine::new(Rules::builtin().expect("rules"));
    let n = data.lines().filter(|l| !l.trim().is_empty()).count();
    let mut g = c.benchmark_group("batch/bump-dev");
    g.sample_size(10);
    g.throughput(Throughput::Elements(n as u64));
    for jobs in [1usize, 2] {
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{jobs}-threads")),
            &jobs,
            |b, &jobs| {
                let policy = factdiff::policy::Policy::default();
                let run = factdiff::eval::BatchRun {
                    engine: &engine,
                    policy: &policy,
                    max_bytes: usize::MAX,
                    jobs,
                };
                b.iter(|| run.collect(&data))
            },
        );
    }
    g.finish();
}

/// The syntax layer alone: tag, lemmatise and parse the founding source's
/// sentences, split into words by whitespace (tokens per second).
fn syntax(c: &mut Criterion) {
    let model = factdiff::syntax::model().expect("syntax model");
    let sentences: Vec<Vec<&str>> = SRC
        .split(". ")
        .map(|s| s.split_whitespace().collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect();
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    let mut g = c.benchmark_group("syntax");
    g.throughput(Throughput::Elements(tokens as u64));
    g.bench_function("parse", |b| {
        b.iter(|| {
            for words in &sentences {
                black_box(model.analyze_words(black_box(words)));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, founding, scaling, batch, syntax);
criterion_main!(benches);
