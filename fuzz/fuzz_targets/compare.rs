//! Comparison of two arbitrary documents: no panic; a document compared with
//! itself has no finding.
#![no_main]
use factdiff::ingest::{decode, Format};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn engine() -> &'static factdiff::Engine {
    static E: OnceLock<factdiff::Engine> = OnceLock::new();
    E.get_or_init(|| factdiff::Engine::new(factdiff::Rules::builtin().expect("rules")))
}

fuzz_target!(|data: &[u8]| {
    let cut = data
        .iter()
        .position(|&b| b == 0xff)
        .unwrap_or(data.len() / 2);
    let (a, b) = data.split_at(cut);
    let b = b.get(1..).unwrap_or(&[]);
    let (Ok(ta), Ok(tb)) = (
        decode("a", a.to_vec(), 1 << 20),
        decode("b", b.to_vec(), 1 << 20),
    ) else {
        return;
    };
    let e = engine();
    let (Ok(sa), Ok(sb)) = (
        e.analyze("a", ta.clone(), Format::Text),
        e.analyze("b", tb, Format::Text),
    ) else {
        return;
    };
    let c = factdiff::compare::compare(&sa, &sb, &e.rules);
    let r = factdiff::report::CompareReport::new(&sa, &sb, &c);
    let _ = r.to_text();
    let _ = factdiff::html::render(&sa, &sb, &r);
    let same = e.analyze("a", ta, Format::Text).expect("analysed");
    assert!(factdiff::compare::compare(&sa, &same, &e.rules)
        .findings
        .is_empty());
});
