//! UD-style tokens of raw text, each a byte span of the original: punctuation
//! apart, clitics split (`do|n't`, `John|'s`, `we|'re`), hyphenated words split
//! as UD English EWT splits them, numbers, abbreviations and initials kept whole.

use crate::span::Span;

/// Abbreviations (lower case) that keep their period ("mr", "sept", "inc").
pub type Abbreviations = rustc_hash::FxHashSet<String>;

/// Clitics split off the end of a word, longest first (apostrophe or right quote).
const CLITICS: [&str; 8] = ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "'"];

/// The tokens of `span` of `text`.
pub fn tokenize(text: &str, span: Span, abbr: &Abbreviations) -> Vec<Span> {
    let mut out = Vec::new();
    let s = &text[span.start..span.end];
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        while i < s.len() {
            let c = s[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                break;
            }
            i += c.len_utf8();
        }
        chunk(s, start, i, abbr, &mut |a, b| {
            out.push(Span::new(span.start + a, span.start + b))
        });
    }
    out
}

fn is_word_char(c: char) -> bool {
    // a combining accent (text in decomposed form, NFD) belongs to its letter
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// Split one whitespace-free chunk `s[a..b]`.
fn chunk(
    s: &str,
    mut a: usize,
    mut b: usize,
    abbr: &Abbreviations,
    push: &mut dyn FnMut(usize, usize),
) {
    // leading punctuation, a run of one character at a time ("...", "--" stay whole)
    while a < b {
        let c = s[a..b].chars().next().unwrap_or('a');
        if is_word_char(c) {
            break;
        }
        // ".5" and "$5": a period before a digit belongs to the number
        let run = run_len(&s[a..b], c);
        push(a, a + run);
        a += run;
    }
    // trailing punctuation, collected from the end
    let mut tail: Vec<(usize, usize)> = Vec::new();
    while a < b {
        let c = s[a..b].chars().next_back().unwrap_or('a');
        if is_word_char(c) {
            break;
        }
        if c == '.' && keeps_period(&s[a..b - 1], abbr) {
            break;
        }
        let run = run_len_back(&s[a..b], c);
        tail.push((b - run, b));
        b -= run;
    }
    if a < b {
        core(s, a, b, push);
    }
    for (x, y) in tail.into_iter().rev() {
        push(x, y);
    }
}

/// Bytes of the run of `c` opening `s`.
fn run_len(s: &str, c: char) -> usize {
    s.chars().take_while(|&x| x == c).count() * c.len_utf8()
}

/// Bytes of the run of `c` closing `s`.
fn run_len_back(s: &str, c: char) -> usize {
    s.chars().rev().take_while(|&x| x == c).count() * c.len_utf8()
}

/// "U.S", "e.g", a single letter, or a listed abbreviation keeps its period.
fn keeps_period(word: &str, abbr: &Abbreviations) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    !word.is_empty()
        && word.chars().all(|c| c.is_alphabetic() || c == '.')
        && (letters == 1 || word.contains('.') || abbr.contains(&word.to_lowercase()))
}

/// A word with punctuation trimmed: clitics off its end, hyphens between words split.
fn core(s: &str, a: usize, b: usize, push: &mut dyn FnMut(usize, usize)) {
    let w = &s[a..b];
    let norm: String = w.replace('’', "'");
    let lower = norm.to_lowercase();
    for cl in CLITICS {
        if lower.len() > cl.len() && lower.ends_with(cl) {
            // the clitic's bytes in the original (a right quote is 3 bytes, "'" is 1)
            let chars = cl.chars().count();
            let split = w
                .char_indices()
                .rev()
                .nth(chars - 1)
                .map_or(w.len(), |(i, _)| i);
            let stem = &w[..split];
            // "'" alone only after an s ("students'"); n't after a letter
            let ok = match cl {
                "'" => stem.ends_with(['s', 'S']),
                _ => stem.chars().last().is_some_and(char::is_alphabetic),
            };
            if ok && !stem.is_empty() {
                hyphens(s, a, a + split, push);
                push(a + split, b);
                return;
            }
        }
    }
    hyphens(s, a, b, push);
}

/// Split at hyphens that join two alphabetic parts of two letters or more
/// ("Al-Zaman", "well-known"; not "e-mail" or "713-853-3989").
fn hyphens(s: &str, a: usize, b: usize, push: &mut dyn FnMut(usize, usize)) {
    let w = &s[a..b];
    let parts: Vec<&str> = w.split('-').collect();
    let splits = parts.len() > 1
        && parts
            .iter()
            .all(|p| p.chars().count() >= 2 && p.chars().all(char::is_alphabetic));
    if !splits {
        push(a, b);
        return;
    }
    let mut at = a;
    for (k, p) in parts.iter().enumerate() {
        if k > 0 {
            push(at, at + 1);
            at += 1;
        }
        push(at, at + p.len());
        at += p.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let abbr: rustc_hash::FxHashSet<String> =
            ["mr", "sept"].iter().map(|s| s.to_string()).collect();
        tokenize(s, Span::new(0, s.len()), &abbr)
            .into_iter()
            .map(|sp| &s[sp.start..sp.end])
            .collect()
    }

    #[test]
    fn ud_style_tokens() {
        assert_eq!(
            toks("Mr. Smith didn't say \"no\" (to U.S. officials)..."),
            [
                "Mr.",
                "Smith",
                "did",
                "n't",
                "say",
                "\"",
                "no",
                "\"",
                "(",
                "to",
                "U.S.",
                "officials",
                ")",
                "..."
            ]
        );
        assert_eq!(
            toks("It’s $5.5 billion, 20%."),
            ["It", "’s", "$", "5.5", "billion", ",", "20", "%", "."]
        );
        assert_eq!(
            toks("a well-known e-mail"),
            ["a", "well", "-", "known", "e-mail"]
        );
        assert_eq!(
            toks("the students' books"),
            ["the", "students", "'", "books"]
        );
    }

    #[test]
    fn spans_are_byte_ranges_of_the_original() {
        let s = "« Zoë’s »";
        for sp in tokenize(s, Span::new(0, s.len()), &rustc_hash::FxHashSet::default()) {
            assert!(s.is_char_boundary(sp.start) && s.is_char_boundary(sp.end));
        }
        assert_eq!(toks(s), ["«", "Zoë", "’s", "»"]);
    }
}
