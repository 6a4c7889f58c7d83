//! Claim extraction of arbitrary text: no panic, every span exact.
#![no_main]
use factdiff::ingest::{decode, Format};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn engine() -> &'static factdiff::Engine {
    static E: OnceLock<factdiff::Engine> = OnceLock::new();
    E.get_or_init(|| factdiff::Engine::new(factdiff::Rules::builtin().expect("rules")))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode("fuzz", data.to_vec(), 1 << 20) else {
        return;
    };
    // the first byte picks the reader, so HTML masking is fuzzed too
    let format = match data.first().map(|b| b % 3) {
        Some(0) => Format::Html,
        Some(1) => Format::Markdown,
        _ => Format::Text,
    };
    let len = text.len();
    let Ok(a) = engine().analyze("fuzz", text, format) else {
        return;
    };
    assert_eq!(a.doc.text.len(), len, "the reader kept every byte offset");
    let t = &a.doc.text;
    let ok = |s: factdiff::Span| {
        s.end <= t.len() && t.is_char_boundary(s.start) && t.is_char_boundary(s.end)
    };
    assert!(a
        .claims
        .entities
        .iter()
        .flat_map(|e| e.mentions.iter())
        .all(|m| ok(*m)));
    assert!(a.claims.quantities.iter().flatten().all(|q| ok(q.span)));
    assert!(a
        .claims
        .attributions
        .iter()
        .all(|x| ok(x.cue) && ok(x.content)));
    assert!(a
        .claims
        .lists
        .iter()
        .flat_map(|l| l.items.iter())
        .all(|s| ok(*s)));
    let _ = factdiff::report::ExtractReport::new(&a).to_text();
});
