//! Prepare the built-in rules at compile time, so that a run does not parse
//! their text at every start: each YAML rule file becomes JSON (read many times
//! faster, into the same types), and the cue model's `feature<TAB>weight` lines
//! become one block of frozen hash tables (`src/cue_weights/frozen.rs`) that
//! the program reads in place: no number is parsed and no table built at
//! start-up. Files given with `--rules DIR` are still read as text.

use std::path::Path;

/// What a cue model feature is, and the hash of a word pair: the file the
/// library reads them by.
#[path = "src/cue_weights/kind.rs"]
#[allow(dead_code)]
mod kind;

/// The cue model's compiler and block layout: the file the library reads the
/// block with.
#[path = "src/cue_weights/frozen.rs"]
#[allow(dead_code)]
mod frozen;

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
    let block = frozen::compile(&text).unwrap_or_else(|e| panic!("{path}:{}: {}", e.line, e.why));
    std::fs::write(out.join("cue_model.bin"), block).expect("writes OUT_DIR");
    println!("cargo:rerun-if-changed=build.rs");
}
