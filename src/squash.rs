//! The key names are looked up by. A file of its own, free of the crate's
//! types: `build.rs` includes it by path to freeze the place gazetteer keyed
//! as the program keys names.

/// Key of a name for alias lookup: lower case without dots, hyphens or spaces.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_squashed(&mut out, c);
    }
    out
}

/// Append `c` to a squashed text, lower-cased, if it is a letter or digit; false
/// (and nothing appended) for any other character.
#[inline]
pub fn push_squashed(out: &mut String, c: char) -> bool {
    if c.is_ascii_alphanumeric() {
        out.push(c.to_ascii_lowercase());
    } else if c.is_ascii() {
        // ASCII punctuation and spaces: no letter, and no accent to compose
        return false;
    } else if c.is_alphanumeric() {
        // a letter with an accent, composed or not, squashes to its composed
        // form: "é" whether written as one character or as "e" and U+0301
        out.extend(c.to_lowercase());
    } else if unicode_normalization::char::is_combining_mark(c) {
        // an accent that composes with no letter before it is no letter
        let Some(last) = out.pop() else {
            return false;
        };
        let Some(composed) = unicode_normalization::char::compose(last, c) else {
            out.push(last);
            return false;
        };
        out.push(composed);
    } else {
        return false;
    }
    true
}
