//! A set of patterns tested together against a line: which matches first.
//!
//! The built-in drop-line patterns are compiled by `build.rs` into a sparse
//! DFA (regex-automata's, serialized) that the program reads in place: the
//! `regex::RegexSet` they would otherwise be compiled into costs a quarter of
//! a small run's start-up. A rules folder's own patterns are compiled when
//! read, into a `RegexSet`, as before; both answer alike.

use regex_automata::dfa::{sparse, Automaton};
use regex_automata::{Input, PatternSet};

/// The built-in drop-line patterns as `build.rs` froze them, each after its
/// length (u32, little-endian; empty when it could not freeze them).
static FROZEN_PATTERNS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/drop_lines.patterns"));

/// Their sparse DFA, little-endian (empty when it could not freeze them).
static FROZEN_DFA: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/drop_lines.dfa"));

/// Patterns searched together; [`LineSet::first_match`] answers as
/// `RegexSet::matches(..).into_iter().next()` does.
#[derive(Debug, Clone)]
pub enum LineSet {
    /// The built-in patterns, read from the DFA `build.rs` froze.
    Frozen(Box<sparse::DFA<&'static [u8]>>),
    /// Patterns compiled when they were read.
    Compiled(regex::RegexSet),
}

impl LineSet {
    /// The set of `patterns`: the frozen one when they are the built-in
    /// patterns, in their order, else compiled (the error is the regex
    /// crate's, for the caller to name the file).
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Result<LineSet, regex::Error> {
        if let Some(dfa) = frozen_for(patterns) {
            return Ok(LineSet::Frozen(Box::new(dfa)));
        }
        regex::RegexSet::new(patterns.iter().map(AsRef::as_ref)).map(LineSet::Compiled)
    }

    /// The number of the first pattern (in the order given) that matches
    /// anywhere in `text`.
    pub fn first_match(&self, text: &str) -> Option<usize> {
        match self {
            LineSet::Frozen(dfa) => {
                let mut hits = PatternSet::new(dfa.pattern_len());
                // a DFA built without Unicode word boundaries has no quit
                // bytes: its search cannot fail
                dfa.try_which_overlapping_matches(&Input::new(text), &mut hits)
                    .ok()?;
                hits.iter().next().map(|p| p.as_usize())
            }
            LineSet::Compiled(set) => set.matches(text).into_iter().next(),
        }
    }
}

/// The frozen DFA when `patterns` are the ones it was built from.
fn frozen_for<S: AsRef<str>>(patterns: &[S]) -> Option<sparse::DFA<&'static [u8]>> {
    if FROZEN_DFA.is_empty() {
        return None;
    }
    let mut rest = FROZEN_PATTERNS;
    for p in patterns {
        let p = p.as_ref().as_bytes();
        let (len, tail) = rest.split_at_checked(4)?;
        let (head, tail) = tail.split_at_checked(p.len())?;
        if len != (p.len() as u32).to_le_bytes() || head != p {
            return None;
        }
        rest = tail;
    }
    if !rest.is_empty() {
        return None;
    }
    // checked as it is read: a DFA of another byte order or version is
    // refused, and the patterns are compiled instead
    let (dfa, _) = sparse::DFA::from_bytes(FROZEN_DFA).ok()?;
    Some(dfa)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin_patterns() -> Vec<String> {
        let file: crate::rules::BoilerplateFile =
            serde_yaml_ng::from_str(include_str!("../rules/boilerplate.yaml"))
                .expect("the built-in boilerplate rules parse");
        file.drop_lines.into_iter().map(|r| r.pattern).collect()
    }

    #[test]
    fn the_builtin_patterns_are_read_frozen() {
        let patterns = builtin_patterns();
        assert!(!patterns.is_empty());
        assert!(matches!(LineSet::new(&patterns), Ok(LineSet::Frozen(_))));
        // a different list (one left out, or the order changed) is compiled
        assert!(matches!(
            LineSet::new(&patterns[1..]),
            Ok(LineSet::Compiled(_))
        ));
        let mut turned = patterns.clone();
        turned.reverse();
        assert!(matches!(LineSet::new(&turned), Ok(LineSet::Compiled(_))));
    }

    #[test]
    fn the_frozen_set_answers_as_the_compiled_one() {
        let patterns = builtin_patterns();
        let frozen = LineSet::new(&patterns).unwrap();
        let compiled = LineSet::Compiled(regex::RegexSet::new(&patterns).unwrap());
        // every line of the fixtures, and lines of furniture and near-misses
        let mut lines: Vec<String> = Vec::new();
        for entry in walk(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")) {
            if let Ok(text) = std::fs::read_to_string(&entry) {
                lines.extend(text.lines().map(|l| l.trim().to_string()));
            }
        }
        for extra in [
            "Share this article",
            "SHARE",
            "ſhare",
            "12 comments",
            "www.example.co.uk/news/today",
            "https://example.org",
            "example dot com",
            "Here's what you need to know:",
            "Here's what you need to know.",
            "• • •",
            "<!-- byline -->",
            "Photo: John Smith/Getty Images",
            "Photo: John Smith",
            "",
            "Sign up for our newsletter today",
        ] {
            lines.push(extra.to_string());
        }
        let mut hits = 0;
        for line in &lines {
            let want = compiled.first_match(line);
            hits += usize::from(want.is_some());
            assert_eq!(frozen.first_match(line), want, "line {line:?}");
        }
        assert!(hits >= 8, "only {hits} lines matched a pattern");
    }

    fn walk(dir: std::path::PathBuf) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return out;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                out.extend(walk(p));
            } else {
                out.push(p);
            }
        }
        out
    }
}
