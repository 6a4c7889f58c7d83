//! Ingestion and segmentation of arbitrary bytes: no panic, exact spans.
#![no_main]
use factdiff::ingest::{decode, Format};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn rules() -> &'static factdiff::Rules {
    static R: OnceLock<factdiff::Rules> = OnceLock::new();
    R.get_or_init(|| factdiff::Rules::builtin().expect("rules"))
}

fuzz_target!(|data: &[u8]| {
    let rules = rules();
    for format in [Format::Text, Format::Markdown] {
        let Ok(text) = decode("fuzz", data.to_vec(), 1 << 20) else {
            return;
        };
        let doc = factdiff::document("fuzz", text, format, rules);
        for s in &doc.sentences {
            assert!(s.span.end <= doc.text.len());
            assert!(
                doc.text.is_char_boundary(s.span.start) && doc.text.is_char_boundary(s.span.end)
            );
        }
    }
});
