//! Entity resolution over `fixtures/aliases/pairs.jsonl`: each pair of names is
//! written into one sentence of a source and of a draft, in both directions.
//! A pair of one entity ("same": true) must give no entity finding about the
//! entity (a word the pair lists in "extra", another fact the draft adds such
//! as a state, may be reported); a pair of two must give one.

use serde_json::Value;

mod common;
use common::factdiff;

#[test]
fn alias_pairs_link_and_other_names_stay_apart() {
    let pairs = std::fs::read_to_string("fixtures/aliases/pairs.jsonl").unwrap();
    let dir = std::env::temp_dir().join(format!("factdiff-aliases-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (src, drf) = (dir.join("source.txt"), dir.join("draft.txt"));
    let sentence = |name: &str| {
        format!("On Monday, {name} said in a statement that the budget plan would pass the chamber this week.\n")
    };
    let mut wrong = Vec::new();
    for line in pairs.lines().filter(|l| !l.trim().is_empty()) {
        let p: Value = serde_json::from_str(line).unwrap();
        let (a, b) = (p["a"].as_str().unwrap(), p["b"].as_str().unwrap());
        let same = p["same"].as_bool().unwrap();
        for (draft_name, source_name) in [(a, b), (b, a)] {
            std::fs::write(&src, sentence(source_name)).unwrap();
            std::fs::write(&drf, sentence(draft_name)).unwrap();
            let out = factdiff(&[
                "compare",
                src.to_str().unwrap(),
                drf.to_str().unwrap(),
                "--format",
                "json",
                "--no-config",
            ]);
            let v: Value = serde_json::from_slice(&out.stdout).unwrap();
            // the draft name's words, as the messages print them, less the words
            // the pair lists as another fact the draft adds ("of Maine")
            let extra: Vec<&str> = p["extra"]
                .as_array()
                .map(|v| v.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let words: Vec<&str> = draft_name
                .split_whitespace()
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .filter(|w| !w.ends_with('.') && !w.starts_with('('))
                .filter(|w| !extra.contains(w))
                .collect();
            let about: Vec<String> = v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["rule"].as_str().unwrap().starts_with("entity"))
                .map(|f| f["message"].as_str().unwrap().to_string())
                .filter(|m| words.iter().any(|w| m.contains(w)))
                .collect();
            if same != about.is_empty() {
                wrong.push(format!(
                    "{}: draft {draft_name:?}, source {source_name:?}: {about:?}",
                    p["kind"]
                ));
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
