//! Patterns tested against a line: the drop-line set (which pattern matches
//! first) and the strip prefixes (where a match from the line's start ends).
//!
//! The built-in patterns are compiled by `build.rs` into sparse DFAs
//! (regex-automata's, serialized) that the program reads in place, checked as
//! they are read: compiling them into a `regex::RegexSet` and `Regex`es cost a
//! quarter of a small run's start-up instructions, and the Unicode classes of
//! `(?i)` a tenth of its page faults. A rules folder's own patterns are
//! compiled when read, as before; both forms answer alike.

use regex_automata::dfa::{sparse, Automaton};
use regex_automata::{Anchored, Input, PatternSet};

/// The built-in drop-line patterns as `build.rs` froze them
/// (`frozen::blocks`): their DFA, then each pattern; empty when it could not
/// freeze them.
static FROZEN_DROP_LINES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/drop_lines.bin"));

/// The built-in strip-prefix patterns as `build.rs` froze them: each pattern,
/// then its DFA; empty when it could not freeze them.
static FROZEN_PREFIXES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/strip_prefixes.bin"));

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
        let mut blocks = crate::frozen::blocks(FROZEN_DROP_LINES);
        if let Some(dfa) = blocks.next() {
            if same_patterns(patterns, blocks) {
                if let Some(dfa) = read_dfa(dfa) {
                    return Ok(LineSet::Frozen(dfa));
                }
            }
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

/// One pattern matched from a line's first byte; [`LinePrefix::end`]
/// answers as `Regex::find` does for a match that starts there.
#[derive(Debug, Clone)]
pub enum LinePrefix {
    /// A built-in pattern, read from the DFA `build.rs` froze.
    Frozen(Box<sparse::DFA<&'static [u8]>>),
    /// A pattern compiled when it was read.
    Compiled(regex::Regex),
}

impl LinePrefix {
    /// The frozen forms of `patterns` when they are the built-in strip
    /// prefixes, in their order.
    pub fn builtin<S: AsRef<str>>(patterns: &[S]) -> Option<Vec<LinePrefix>> {
        let mut blocks = crate::frozen::blocks(FROZEN_PREFIXES);
        let mut out = Vec::with_capacity(patterns.len());
        for p in patterns {
            if blocks.next()? != p.as_ref().as_bytes() {
                return None;
            }
            out.push(LinePrefix::Frozen(read_dfa(blocks.next()?)?));
        }
        blocks.next().is_none().then_some(out)
    }

    /// Where the match that starts at `text`'s first byte ends (the one
    /// `Regex::find` gives, leftmost-first), if one does.
    pub fn end(&self, text: &str) -> Option<usize> {
        match self {
            LinePrefix::Frozen(dfa) => {
                let input = Input::new(text).anchored(Anchored::Yes);
                dfa.try_search_fwd(&input).ok()?.map(|m| m.offset())
            }
            LinePrefix::Compiled(re) => re.find(text).filter(|m| m.start() == 0).map(|m| m.end()),
        }
    }
}

/// True when `frozen` holds exactly `patterns`, in order.
fn same_patterns<'b, S: AsRef<str>>(
    patterns: &[S],
    mut frozen: impl Iterator<Item = &'b [u8]>,
) -> bool {
    patterns
        .iter()
        .all(|p| frozen.next() == Some(p.as_ref().as_bytes()))
        && frozen.next().is_none()
}

/// A frozen DFA, checked as it is read: one of another byte order or version
/// is refused, and the patterns are compiled instead.
fn read_dfa(bytes: &'static [u8]) -> Option<Box<sparse::DFA<&'static [u8]>>> {
    sparse::DFA::from_bytes(bytes)
        .ok()
        .map(|(dfa, _)| Box::new(dfa))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in drop-line and strip-prefix patterns, as the rules file
    /// gives them.
    fn builtin_patterns() -> (Vec<String>, Vec<String>) {
        let file: crate::rules::BoilerplateFile =
            serde_yaml_ng::from_str(include_str!("../rules/boilerplate.yaml"))
                .expect("the built-in boilerplate rules parse");
        let of =
            |rules: Vec<crate::rules::PatternRule>| rules.into_iter().map(|r| r.pattern).collect();
        (of(file.drop_lines), of(file.strip_prefixes))
    }

    /// Every line of the fixtures, and lines of furniture and near-misses.
    fn lines() -> Vec<String> {
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
            "Be the first to comment The mayor said the bridge would reopen.",
            "BE FIRST TO COMMENT",
            "Maybe the first to comment",
            "The mayor would be the first to comment on it.",
        ] {
            lines.push(extra.to_string());
        }
        lines
    }

    #[test]
    fn the_builtin_patterns_are_read_frozen() {
        let (drop_lines, prefixes) = builtin_patterns();
        assert!(!drop_lines.is_empty() && !prefixes.is_empty());
        assert!(matches!(LineSet::new(&drop_lines), Ok(LineSet::Frozen(_))));
        let frozen = LinePrefix::builtin(&prefixes).expect("the built-in prefixes are frozen");
        assert!(frozen.iter().all(|p| matches!(p, LinePrefix::Frozen(_))));
        // a different list (one left out, or the order changed) is compiled
        assert!(matches!(
            LineSet::new(&drop_lines[1..]),
            Ok(LineSet::Compiled(_))
        ));
        let mut turned = drop_lines.clone();
        turned.reverse();
        assert!(matches!(LineSet::new(&turned), Ok(LineSet::Compiled(_))));
        assert!(LinePrefix::builtin(&[format!("{}x", prefixes[0])]).is_none());
        let mut more = prefixes.clone();
        more.push("(?i)^more".to_string());
        assert!(LinePrefix::builtin(&more).is_none());
    }

    #[test]
    fn the_frozen_set_answers_as_the_compiled_one() {
        let (patterns, _) = builtin_patterns();
        let frozen = LineSet::new(&patterns).unwrap();
        let compiled = LineSet::Compiled(regex::RegexSet::new(&patterns).unwrap());
        let mut hits = 0;
        for line in &lines() {
            let want = compiled.first_match(line);
            hits += usize::from(want.is_some());
            assert_eq!(frozen.first_match(line), want, "line {line:?}");
        }
        assert!(hits >= 8, "only {hits} lines matched a pattern");
    }

    #[test]
    fn the_frozen_prefixes_answer_as_the_compiled_ones() {
        let (_, patterns) = builtin_patterns();
        let frozen = LinePrefix::builtin(&patterns).unwrap();
        let mut hits = 0;
        for (pattern, prefix) in patterns.iter().zip(&frozen) {
            let compiled = LinePrefix::Compiled(regex::Regex::new(pattern).unwrap());
            for line in &lines() {
                let want = compiled.end(line);
                hits += usize::from(want.is_some());
                assert_eq!(prefix.end(line), want, "line {line:?}");
            }
        }
        assert!(hits >= 2, "only {hits} lines start with a prefix");
        // a compiled pattern whose first match starts later gives none
        let later = LinePrefix::Compiled(regex::Regex::new("first").unwrap());
        assert_eq!(later.end("be the first"), None);
        assert_eq!(later.end("first things"), Some(5));
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
