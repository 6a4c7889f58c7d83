//! Write the cue model's training data: for each token of each article of an
//! attribution file (format B), whether it lies in a gold cue and its features as
//! the rules alone see them. `tools/train_cue_model.py` reads this output.
//!
//! Usage: cargo run --release --example cue_features -- FILE.attrib.jsonl > OUT.tsv

use factdiff::eval::AttributionItem;
use factdiff::extract::{attributions, cue_model};
use factdiff::ingest::Format;
use factdiff::rules::Rules;
use factdiff::Engine;
use factdiff::Span;
use std::io::{BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: cue_features FILE.attrib.jsonl")?;
    let mut engine = Engine::new(Rules::builtin()?);
    engine.lexicons.cue_model = None;
    let out = std::io::stdout();
    let mut out = BufWriter::new(out.lock());
    for (n, line) in std::fs::read_to_string(&path)?.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let item: AttributionItem = serde_json::from_str(line)?;
        let gold: Vec<Span> = item
            .attributions
            .iter()
            .map(|g| Span::new(g.cue.start, g.cue.end))
            .collect();
        let a = engine.analyze(&item.id, item.text, Format::Text)?;
        let (doc, claims) = (&a.doc, &a.claims);
        let in_quote = attributions::open_quotes(&doc.text, &doc.sentences, &claims.tokens);
        for (s, toks) in claims.tokens.iter().enumerate() {
            let rule: Vec<_> = claims
                .attributions
                .iter()
                .filter(|x| x.sentence == s)
                .collect();
            let feats = cue_model::features(
                &doc.text,
                toks,
                &rule,
                in_quote[s],
                &engine.rules.attribution.complementizers,
            );
            for (t, f) in toks.iter().zip(feats) {
                let label = gold.iter().any(|g| g.overlaps(&t.span())) as u8;
                writeln!(out, "{label}\t{n}\t{}", f.join(" "))?;
            }
        }
    }
    Ok(())
}
