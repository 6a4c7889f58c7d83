//! The config file and a draft's front matter on arbitrary text: each is
//! accepted or refused with an error, never a panic or a hang.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = factdiff::config::Config::from_text(std::path::Path::new("fuzz.yaml"), text);
    let _ = factdiff::config::front_matter_sources_in("fuzz.md", text);
});
