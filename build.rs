//! Prepare the built-in rules at compile time, so that a run does not parse
//! their text at every start: each YAML rule file becomes JSON (read many times
//! faster, into the same types), and the cue model's `feature<TAB>weight` lines
//! become binary records (name length, name, weight bits; word pairs as their
//! hash and weight bits), so no number is parsed and no name hashed at
//! start-up. Files given with `--rules DIR` are still read as text.

use std::path::Path;

/// What a cue model feature is, and the hash of a word pair: the file the
/// library reads them by.
#[path = "src/cue_weights/kind.rs"]
#[allow(dead_code)]
mod kind;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    // every YAML file of the rules folder (its test cases live in a subfolder)
    println!("cargo:rerun-if-changed=rules");
    let mut names: Vec<String> = std::fs::read_dir("rules")
        .expect("the rules folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    for name in names {
        let path = format!("rules/{name}");
        println!("cargo:rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let value: serde_json::Value =
            serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let json = serde_json::to_string(&value).expect("JSON of a YAML value");
        std::fs::write(out.join(format!("{name}.json")), json).expect("writes OUT_DIR");
    }
    let path = "rules/cue_model.tsv";
    println!("cargo:rerun-if-changed={path}");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut records = Vec::with_capacity(text.len());
    // how many words and suffixes have weights, so the reader sizes its
    // tables once: the first 8 bytes
    let (mut words, mut suffixes) = (std::collections::HashSet::new(), 0u32);
    // the names of the features but word pairs, one after another: text the
    // program borrows without checking it again
    let mut names = String::new();
    let mut pairs = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, value) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("{path}:{}: expected `feature<TAB>weight`", n + 1));
        let value: f32 = value
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{path}:{}: the weight is not a number", n + 1));
        if kind::kind(name) == kind::FeatureKind::Pair {
            pairs.extend_from_slice(&kind::hash(name).to_le_bytes());
            pairs.extend_from_slice(&value.to_bits().to_le_bytes());
            continue;
        }
        let len = u16::try_from(name.len())
            .ok()
            .filter(|&l| l < u16::MAX)
            .expect("a feature name under 64 KiB");
        match kind::kind(name) {
            kind::FeatureKind::Word(role) => {
                words.insert(&name[kind::WORD_ROLES[role].len() + 1..]);
            }
            kind::FeatureKind::Suffix => suffixes += 1,
            _ => {}
        }
        records.extend_from_slice(&len.to_le_bytes());
        names.push_str(name);
        records.extend_from_slice(&value.to_bits().to_le_bytes());
    }
    // the mark that word pairs follow (`cue_weights::PAIRS_FOLLOW`)
    records.extend_from_slice(&u16::MAX.to_le_bytes());
    records.extend_from_slice(&pairs);
    let counts = [words.len() as u32, suffixes]
        .map(u32::to_le_bytes)
        .concat();
    records.splice(0..0, counts);
    std::fs::write(out.join("cue_model.bin"), records).expect("writes OUT_DIR");
    std::fs::write(out.join("cue_model_names.txt"), names).expect("writes OUT_DIR");
    println!("cargo:rerun-if-changed=build.rs");
}
