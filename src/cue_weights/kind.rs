//! What a cue model feature is, from its name, and the hash a word-pair feature
//! is looked up by. Shared with `build.rs` (included by path), which stores
//! word pairs by this hash, so the two can never disagree.

/// The features that name one word, by the word's role: the token's own word,
/// the words one and two before and after it, and its word inside a rule cue.
pub const WORD_ROLES: [&str; 6] = ["w", "p1", "p2", "n1", "n2", "rc_w"];

/// The kind of a feature line of `rules/cue_model.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeatureKind {
    /// `@bias`, `@keep`, `@add`, or another `@` name (refused).
    Setting,
    /// A word in a role (`w=`, `p1=`, ...): the role's index in [`WORD_ROLES`].
    Word(usize),
    /// The last three characters (`suf=`).
    Suffix,
    /// A feature naming no word (`shape=C`, `rc`, ...).
    Flag,
    /// Any other: a word pair, read by [`hash`].
    Pair,
}

/// The kind of the feature `name`.
pub fn kind(name: &str) -> FeatureKind {
    if name.starts_with('@') {
        return FeatureKind::Setting;
    }
    if let Some(k) = WORD_ROLES
        .iter()
        .position(|r| name.strip_prefix(r).is_some_and(|w| w.starts_with('=')))
    {
        return FeatureKind::Word(k);
    }
    if name.starts_with("suf=") {
        FeatureKind::Suffix
    } else if !name.contains('=') || name.starts_with("shape=") {
        FeatureKind::Flag
    } else {
        FeatureKind::Pair
    }
}

/// The 64-bit hash a word-pair feature is looked up by: the frozen tables'
/// text hash (`build.rs` includes both files).
pub fn hash(feature: &str) -> u64 {
    crate::frozen::hash_text(feature)
}
