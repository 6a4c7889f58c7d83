//! Train factdiff's tagger, lemmatiser and parser on UD English EWT and write
//! `models/en.syntax` (derived from UD English EWT, CC BY-SA 4.0).
//!
//! `cargo run --release --example train_syntax [-- TRAIN.conllu DEV.conllu OUT]`
//! (defaults: `../shared/data/ud/en_ewt-ud-{train,dev}.conllu`, `models/en.syntax`).
//! Deterministic: the same data and seed give the same bytes.

use factdiff::syntax::{conllu, train, SyntaxModel};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize, d: &str| args.get(i).cloned().unwrap_or_else(|| d.to_string());
    let (train_path, dev_path, out) = (
        arg(0, "../shared/data/ud/en_ewt-ud-train.conllu"),
        arg(1, "../shared/data/ud/en_ewt-ud-dev.conllu"),
        arg(2, "models/en.syntax"),
    );
    let read = |p: &str| {
        let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}"));
        conllu::parse(p, &text).unwrap_or_else(|e| panic!("{e}"))
    };
    let (tr, dev) = (read(&train_path), read(&dev_path));
    let mut opts = train::TrainOptions::default();
    if let Ok(v) = std::env::var("FACTDIFF_SYNTAX_EPOCHS") {
        opts.parser_epochs = v.parse().expect("FACTDIFF_SYNTAX_EPOCHS is a number");
    }
    if let Ok(v) = std::env::var("FACTDIFF_SYNTAX_JACKKNIFE") {
        opts.jackknife = v.parse().expect("FACTDIFF_SYNTAX_JACKKNIFE is a number");
    }
    let env = |k: &str| {
        std::env::var(k)
            .ok()
            .map(|v| v.parse::<u32>().expect("a number"))
    };
    if let Some(e) = env("FACTDIFF_SYNTAX_TAGGER_EPOCHS") {
        opts.tagger_epochs = e as usize;
    }
    if let Some(b) = env("FACTDIFF_SYNTAX_TAGGER_BITS") {
        opts.tagger_bits = b;
    }
    if let Some(b) = env("FACTDIFF_SYNTAX_PARSER_BITS") {
        opts.parser_bits = b;
    }
    if let Some(b) = env("FACTDIFF_SYNTAX_LABELER_BITS") {
        opts.labeler_bits = b;
    }
    if let Some(c) = env("FACTDIFF_SYNTAX_CLASS_MIN") {
        opts.class_min_count = c as usize;
    }
    if let Some(c) = env("FACTDIFF_SYNTAX_RELATION_LEMMA_MIN") {
        opts.relation_lemma_min_count = c as usize;
    }
    if let Ok(v) = std::env::var("FACTDIFF_SYNTAX_EXPLORE") {
        opts.explore = v.parse().expect("FACTDIFF_SYNTAX_EXPLORE is a fraction");
    }
    let start = std::time::Instant::now();
    let model = train::train(&tr, &opts, &mut |m| eprintln!("{m}"));
    let bytes = model.write();
    std::fs::write(&out, &bytes).unwrap_or_else(|e| panic!("{out}: {e}"));
    let reread =
        SyntaxModel::read(&out, std::borrow::Cow::Owned(bytes.clone())).expect("reads back");
    let s = train::score(&reread, &dev);
    eprintln!(
        "trained in {:.0} s; {} bytes; dev: UPOS {:.4} lemma {:.4} UAS {:.4} LAS {:.4} ({} tokens, {:.0} tokens/s)",
        start.elapsed().as_secs_f64(),
        bytes.len(),
        s.upos,
        s.lemma,
        s.uas,
        s.las,
        s.tokens,
        s.tokens_per_second
    );
}
