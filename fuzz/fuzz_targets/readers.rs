//! The Markdown and HTML readers on arbitrary text: no panic, the same length
//! and line breaks (every span still points into the file), blocks inside it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let masked = factdiff::ingest::markdown::mask(text);
    assert_eq!(masked.len(), text.len(), "Markdown masking keeps every byte offset");
    assert!(masked
        .bytes()
        .zip(text.bytes())
        .all(|(m, t)| (m == b'\n') == (t == b'\n')));
    let (read, blocks) = factdiff::ingest::html::read(text);
    assert_eq!(read.len(), text.len(), "the HTML reader keeps every byte offset");
    assert!(blocks
        .iter()
        .all(|b| b.span.start <= b.span.end && b.span.end <= read.len()));
});
