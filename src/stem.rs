//! The light stemmer content words are matched by. A file of its own, free of
//! the crate's types: `build.rs` includes it by path to key the antonym table
//! it freezes as the program keys words.

/// `s` without a possessive "'s" or "’s".
pub fn without_possessive(s: &str) -> &str {
    s.strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .unwrap_or(s)
}

/// A light stem for matching content words across inflections ("points" → "point").
pub fn stem(key: &str) -> String {
    let k = without_possessive(key).trim_end_matches('\'');
    // characters, counted only as far as the rules need (at most 7)
    let n = k.chars().take(8).count();
    if n <= 3 {
        return k.to_string();
    }
    for (suf, rep, min) in [
        ("ies", "y", 5),
        ("ied", "y", 5),
        ("ing", "", 6),
        ("edly", "", 7),
        ("ly", "", 6),
        ("ed", "", 5),
        ("es", "", 6),
        ("s", "", 4),
        ("e", "", 5),
    ] {
        if n >= min && k.ends_with(suf) && !(suf == "s" && k.ends_with("ss")) {
            let mut out = String::with_capacity(k.len());
            out.push_str(&k[..k.len() - suf.len()]);
            out.push_str(rep);
            return out;
        }
    }
    k.to_string()
}
