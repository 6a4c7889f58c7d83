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

/// Frozen hash tables in bytes: the code the library reads them with.
#[path = "src/frozen.rs"]
#[allow(dead_code)]
mod frozen;

/// The syntax model's word tables: the code the library reads them with.
#[path = "src/syntax/forms.rs"]
#[allow(dead_code)]
mod forms;

/// The name keys the gazetteer is frozen by (`word_tables` reads it).
#[path = "src/squash.rs"]
#[allow(dead_code)]
mod squash;

/// The light stemmer the antonym table is keyed with.
#[path = "src/stem.rs"]
#[allow(dead_code)]
mod stem;

/// The antonym and nickname tables: the code the library reads them with.
#[path = "src/word_tables.rs"]
#[allow(dead_code)]
mod word_tables;

/// The cue model's compiler and block layout: the file the library reads the
/// block with.
#[path = "src/cue_weights/frozen.rs"]
#[allow(dead_code)]
mod cue_frozen;

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
    // blocks of frozen tables, each file's blocks in the order the program
    // reads them: the entity word lists (given names, common words, the
    // places gazetteer squashed), the antonym and nickname tables
    let mut word_lists = [Vec::new(), Vec::new(), Vec::new()];
    let mut word_tables = [Vec::new(), Vec::new()];
    for name in names {
        let path = format!("rules/{name}");
        println!("cargo:rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut value: serde_json::Value =
            serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let text_of = |key: &str| value.get(key).and_then(|v| v.as_str()).unwrap_or_default();
        let pairs_of = |key: &str| {
            word_tables::word_pairs(text_of(key))
                .unwrap_or_else(|(line, text)| panic!("{path}: key `{key}`, line {line}: `{text}`"))
        };
        // keys whose frozen form the program reads instead of their text
        // (their text is left empty in the JSON)
        let mut frozen_keys: Vec<&str> = Vec::new();
        if name == "entities.yaml" {
            for (k, key) in ["given_names", "common_words"].into_iter().enumerate() {
                word_lists[k] = frozen_word_list(text_of(key));
                if !word_lists[k].is_empty() {
                    frozen_keys.push(key);
                }
            }
        }
        if name == "places.yaml" {
            word_lists[2] = word_tables::freeze_gazetteer(text_of("names"));
            if !word_lists[2].is_empty() {
                frozen_keys.push("names");
            }
        }
        if name == "boilerplate.yaml" {
            let patterns = |key: &str| -> Vec<&str> {
                value
                    .get(key)
                    .and_then(|v| v.as_array())
                    .map(|rules| {
                        rules
                            .iter()
                            .filter_map(|r| r.get("pattern")?.as_str())
                            .collect()
                    })
                    .unwrap_or_default()
            };
            write_blocks(
                &out.join("drop_lines.bin"),
                &frozen_drop_lines(&patterns("drop_lines")),
            );
            write_blocks(
                &out.join("strip_prefixes.bin"),
                &frozen_prefixes(&patterns("strip_prefixes")),
            );
        }
        if name == "antonyms.yaml" {
            let mut pairs = pairs_of("pairs");
            pairs.extend(pairs_of("news_pairs"));
            word_tables[0] = word_tables::Antonyms::freeze(&pairs_of("forms"), &pairs);
        }
        // the program keys nicknames with `tokens::normalize`: for ASCII text,
        // lower case
        if name == "nicknames.yaml" && text_of("names").is_ascii() {
            word_tables[1] =
                word_tables::Nicknames::freeze(text_of("names"), str::to_ascii_lowercase);
        }
        // (emptied, not removed: the file's shape stays the one a folder's
        // own must have)
        if let Some(map) = value.as_object_mut() {
            for key in frozen_keys {
                map.insert(key.to_string(), serde_json::Value::String(String::new()));
            }
        }
        let json = serde_json::to_string(&value).expect("JSON of a YAML value");
        std::fs::write(out.join(format!("{name}.json")), json).expect("writes OUT_DIR");
    }
    write_blocks(&out.join("entity_word_lists.bin"), &word_lists);
    write_blocks(&out.join("word_tables.bin"), &word_tables);
    let path = "rules/cue_model.tsv";
    println!("cargo:rerun-if-changed={path}");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let block =
        cue_frozen::compile(&text).unwrap_or_else(|e| panic!("{path}:{}: {}", e.line, e.why));
    std::fs::write(out.join("cue_model.bin"), block).expect("writes OUT_DIR");
    let path = "models/en.syntax";
    println!("cargo:rerun-if-changed={path}");
    let model = std::fs::read(path).unwrap_or_default();
    std::fs::write(
        out.join("syntax_tables.bin"),
        prepared_syntax_tables(&model),
    )
    .expect("writes OUT_DIR");
    println!("cargo:rerun-if-changed=build.rs");
}

/// The drop-line patterns' blocks for `src/line_set.rs`: their sparse DFA (all
/// of them together, every pattern that matches reported), then each pattern;
/// none when the DFA cannot be built (the program then compiles them).
fn frozen_drop_lines(patterns: &[&str]) -> Vec<Vec<u8>> {
    let kind = regex_automata::MatchKind::All;
    let start = regex_automata::dfa::StartKind::Unanchored;
    match frozen_dfa(patterns, kind, start) {
        Some(dfa) if !patterns.is_empty() => std::iter::once(dfa)
            .chain(patterns.iter().map(|p| p.as_bytes().to_vec()))
            .collect(),
        _ => Vec::new(),
    }
}

/// The strip-prefix patterns' blocks for `src/line_set.rs`: each pattern, then
/// its sparse DFA (searched from the line's first byte, leftmost-first as a
/// `Regex` finds); none when one cannot be built.
fn frozen_prefixes(patterns: &[&str]) -> Vec<Vec<u8>> {
    let kind = regex_automata::MatchKind::LeftmostFirst;
    let start = regex_automata::dfa::StartKind::Anchored;
    let mut blocks = Vec::new();
    for p in patterns {
        let Some(dfa) = frozen_dfa(&[p], kind, start) else {
            return Vec::new();
        };
        blocks.push(p.as_bytes().to_vec());
        blocks.push(dfa);
    }
    blocks
}

/// The sparse DFA of `patterns`, little-endian, as regex-automata reads it
/// back; `None` when it cannot be built (a Unicode word boundary, or too
/// large).
fn frozen_dfa(
    patterns: &[&str],
    kind: regex_automata::MatchKind,
    start: regex_automata::dfa::StartKind,
) -> Option<Vec<u8>> {
    use regex_automata::dfa::dense;
    let config = dense::Config::new()
        .match_kind(kind)
        .start_kind(start)
        .minimize(true)
        .dfa_size_limit(Some(16 << 20))
        .determinize_size_limit(Some(16 << 20));
    let dfa = dense::Builder::new()
        .configure(config)
        .build_many(patterns)
        .ok()?;
    Some(dfa.to_sparse().ok()?.to_bytes_little_endian())
}

/// The syntax model's word tables, frozen (`src/syntax/forms.rs`): where the
/// model's dictionary, suffix rules, forms and weight tables start (u32
/// each), then its dictionary, classes and forms frozen, then (when every tag
/// has a key) the lemmatiser's rules, exceptions and relation lemmas frozen
/// (each table its length as u32, then its bytes); only zero offsets when the model is empty or not one
/// this walk reads (the program then reads the tables from the model itself).
/// The walk follows `SyntaxModel::read`: labels, dictionary, classes, suffix
/// rules, exceptions, relation lemmas, forms.
fn prepared_syntax_tables(b: &[u8]) -> Vec<u8> {
    let walk = || -> Option<([usize; 4], Vec<Vec<u8>>)> {
        let mut r = Walk { b, at: 0 };
        if r.skip(8)? != b"FDSYNTX3" {
            return None;
        }
        for _ in 0..r.u32()? {
            r.string()?;
        }
        let dictionary_at = r.at;
        let mut dictionary = Vec::new();
        for _ in 0..r.u32()? {
            let word = r.string()?;
            dictionary.push((word, u32::from(r.skip(1)?[0])));
        }
        let mut classes = Vec::new();
        for _ in 0..r.u32()? {
            let word = r.string()?;
            classes.push((word, r.u32()?));
        }
        let rules_at = r.at;
        // the lemmatiser's rules, exceptions and relation lemmas keyed as
        // forms.rs keys them (a tag of 128 or more has no key: none frozen)
        let key = |parts: Option<[&str; 4]>| parts.map(|p| p.concat());
        let mut lemma_rules = Vec::new();
        for _ in 0..r.u32()? {
            let tag = r.skip(1)?[0];
            let end = r.string()?;
            let flags = r.skip(2)?;
            let edit = forms::edit_value(flags[0] == 1, flags[1]);
            lemma_rules.push((key(forms::rule_key(&tag, end)), edit, r.string()?));
        }
        let mut exceptions = Vec::new();
        for _ in 0..r.u32()? {
            let form = r.string()?;
            let tag = r.skip(1)?[0];
            exceptions.push((key(forms::exception_key(form, &tag)), 0, r.string()?));
        }
        let mut relations = Vec::new();
        for _ in 0..r.u32()? {
            let form = r.string()?;
            let tag = r.skip(1)?[0];
            let deprel = r.string()?;
            relations.push((key(forms::relation_key(form, &tag, deprel)), 0, r.string()?));
        }
        let frozen_lemmas = |mut rows: Vec<(Option<String>, u32, &str)>| -> Option<Vec<u8>> {
            rows.sort_unstable();
            let rows: Vec<(&str, u32, &str)> = rows
                .iter()
                .map(|(k, v, t)| Some((k.as_deref()?, *v, *t)))
                .collect::<Option<_>>()?;
            Some(forms::freeze(&rows))
        };
        let lemma_tables: Option<[Vec<u8>; 3]> = (|| {
            Some([
                frozen_lemmas(lemma_rules)?,
                frozen_lemmas(exceptions)?,
                frozen_lemmas(relations)?,
            ])
        })();
        let forms_at = r.at;
        let mut rows = Vec::new();
        for _ in 0..r.u32()? {
            let form = r.string()?;
            let tags = r.u32()?;
            rows.push((form, tags, r.string()?));
        }
        rows.sort_unstable_by(|a, b| a.0.cmp(b.0));
        dictionary.sort_unstable();
        classes.sort_unstable();
        let mut tables = vec![
            forms::WordValues::freeze(&dictionary),
            forms::WordValues::freeze(&classes),
            forms::freeze(&rows),
        ];
        tables.extend(lemma_tables.into_iter().flatten());
        Some(([dictionary_at, rules_at, forms_at, r.at], tables))
    };
    let mut out = Vec::new();
    match walk() {
        Some((offsets, tables)) => {
            for at in offsets {
                out.extend_from_slice(&(at as u32).to_le_bytes());
            }
            frozen::write_blocks(&mut out, &tables);
        }
        None => out.extend_from_slice(&[0; 16]),
    }
    out
}

/// A cursor over the syntax model's bytes.
struct Walk<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Walk<'a> {
    fn skip(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        self.skip(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn string(&mut self) -> Option<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.skip(n)?).ok()
    }
}

/// Write `blocks` to `path` (`frozen::write_blocks`).
fn write_blocks(path: &Path, blocks: &[Vec<u8>]) {
    let mut bytes = Vec::new();
    frozen::write_blocks(&mut bytes, blocks);
    std::fs::write(path, bytes).expect("writes OUT_DIR");
}

/// A white-space separated word list as a frozen set of its words in lower
/// case (`frozen::FrozenSet`), as the program's `tokens::normalize` keys them;
/// empty when a word is not ASCII (the program then normalises the list
/// itself).
fn frozen_word_list(list: &str) -> Vec<u8> {
    if !list.is_ascii() {
        return Vec::new();
    }
    let words: Vec<String> = list
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    frozen::FrozenSet::freeze(words.iter().map(String::as_str).collect())
}
