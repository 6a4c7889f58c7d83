//! The antonym and nickname tables and the place gazetteer, frozen in bytes (`frozen.rs`) and read in
//! place. `build.rs` freezes the built-in ones with this very file (it
//! includes it by path), so a run builds no table for them at start-up (they
//! were a third of a small compare's instructions); a rules folder's own are
//! frozen when read.

use crate::frozen::{self, Table};
use std::borrow::Cow;

/// Keys, each with a run of related keys: a frozen text table whose two
/// values are the run (first, end) in the list of key rows that follows it
/// (its length as u32, then the rows, u32 each).
#[derive(Debug, Clone, Default)]
pub struct Relation {
    block: Cow<'static, [u8]>,
    table: Option<Table>,
    /// Where the list of related rows starts in `block`.
    list: usize,
    /// The number of rows in the list.
    list_len: usize,
}

impl Relation {
    /// The bytes of the relation of `pairs` (key, a key related to it); the
    /// `more_keys` are keys too, whether related to any or not.
    pub fn freeze(pairs: &[(&str, &str)], more_keys: &[&str]) -> Vec<u8> {
        let mut keys: Vec<&str> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
        keys.extend_from_slice(more_keys);
        keys.sort_unstable();
        keys.dedup();
        let row = |k: &str| keys.binary_search(&k).unwrap_or_default() as u32;
        let mut rows: Vec<(u32, u32)> = pairs.iter().map(|&(a, b)| (row(a), row(b))).collect();
        rows.sort_unstable();
        rows.dedup();
        // each key's run in the list: rows are sorted by key
        let mut runs = vec![0u32; keys.len() * 2];
        let mut from = 0;
        for (i, &(key, _)) in rows.iter().enumerate() {
            if rows.get(i + 1).is_none_or(|next| next.0 != key) {
                runs[key as usize * 2] = from as u32;
                runs[key as usize * 2 + 1] = i as u32 + 1;
                from = i + 1;
            }
        }
        let mut out = Vec::new();
        frozen::write_text_table(&mut out, &keys, &runs);
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (_, related) in rows {
            out.extend_from_slice(&related.to_le_bytes());
        }
        out
    }

    /// The relation in bytes [`Relation::freeze`] wrote, with where they end;
    /// `None` unless they hold one whole.
    pub fn read(block: Cow<'static, [u8]>, at: usize) -> Option<(Relation, usize)> {
        let (table, list_at) = Table::read(&block, at, true, 2)?;
        let list_len = frozen::u32_at(&block, list_at)? as usize;
        let list = list_at + 4;
        let end = list.checked_add(list_len.checked_mul(4)?)?;
        (end <= block.len()).then_some((
            Relation {
                block,
                table: Some(table),
                list,
                list_len,
            },
            end,
        ))
    }

    /// The relation of `pairs`, frozen now.
    #[cfg(test)]
    pub fn new(pairs: &[(&str, &str)], more_keys: &[&str]) -> Relation {
        let bytes = Relation::freeze(pairs, more_keys);
        Relation::read(Cow::Owned(bytes), 0)
            .map(|(r, _)| r)
            .unwrap_or_default()
    }

    fn row(&self, key: &str) -> Option<usize> {
        self.table.as_ref()?.text_row(&self.block, key)
    }

    /// The rows related to the key in `row`.
    fn related_rows(&self, row: usize) -> impl Iterator<Item = usize> + '_ {
        let (from, to) = match &self.table {
            Some(t) => {
                let [from, to] = t.values::<2>(&self.block, row);
                (from as usize, (to as usize).min(self.list_len))
            }
            None => (0, 0),
        };
        (from..to.max(from))
            .filter_map(|i| frozen::u32_at(&self.block, self.list + i * 4).map(|r| r as usize))
    }

    /// True when `key` is a key.
    pub fn contains(&self, key: &str) -> bool {
        self.row(key).is_some()
    }

    /// True when some key is related to `key`.
    pub fn has_related(&self, key: &str) -> bool {
        self.row(key)
            .is_some_and(|r| self.related_rows(r).next().is_some())
    }

    /// True when `b` is related to `a`.
    pub fn are_related(&self, a: &str, b: &str) -> bool {
        match (self.row(a), self.row(b)) {
            (Some(a), Some(b)) => self.related_rows(a).any(|r| r == b),
            _ => false,
        }
    }

    /// The first key (in text order) related to `key`, if any.
    pub fn first_related(&self, key: &str) -> Option<&str> {
        let table = self.table.as_ref()?;
        let row = self.related_rows(self.row(key)?).next()?;
        std::str::from_utf8(table.key(&self.block, row)?).ok()
    }
}

/// The word pairs of a block, one pair per line (blank lines skipped); a line
/// that is not two words is an error: its number in the block (from 1) and
/// its text.
pub fn word_pairs(block: &str) -> Result<Vec<(&str, &str)>, (usize, &str)> {
    let mut out = Vec::new();
    for (n, line) in block.lines().enumerate() {
        let mut words = line.split_whitespace();
        match (words.next(), words.next(), words.next()) {
            (None, _, _) => {}
            (Some(a), Some(b), None) => out.push((a, b)),
            _ => return Err((n + 1, line.trim())),
        }
    }
    Ok(out)
}

/// The place gazetteer's names, one a line, as the bytes of a frozen set of
/// their keys (names keyed as the entity lexicon keys them: `squash`).
pub fn freeze_gazetteer(names: &str) -> Vec<u8> {
    let keys: Vec<String> = names
        .lines()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(crate::squash::squash)
        .collect();
    frozen::FrozenSet::freeze(keys.iter().map(String::as_str).collect())
}

/// Antonym look-up by stem, irregular forms mapped to their base first.
#[derive(Debug, Clone, Default)]
pub struct Antonyms {
    /// Each irregular form (lower case) with its base ("won" → "win").
    forms: Relation,
    /// Each key (the stem of a base form) with its opposite keys.
    opposites: Relation,
}

impl Antonyms {
    /// The bytes of the table: irregular `forms` (form, base; a later line
    /// wins over an earlier one for the same form), and `pairs` of opposite
    /// words, either way round. Words are lower-cased here.
    pub fn freeze(forms: &[(&str, &str)], pairs: &[(&str, &str)]) -> Vec<u8> {
        let lower: Vec<(String, String)> = forms
            .iter()
            .map(|(f, b)| (f.to_lowercase(), b.to_lowercase()))
            .collect();
        // the last base of each form
        let mut seen = std::collections::HashSet::new();
        let last: Vec<(&str, &str)> = lower
            .iter()
            .rev()
            .filter(|(f, _)| seen.insert(f.as_str()))
            .map(|(f, b)| (f.as_str(), b.as_str()))
            .collect();
        let bases: Vec<&str> = last.iter().map(|&(_, b)| b).collect();
        let form_block = Relation::freeze(&last, &bases);
        let forms_only = Relation::read(Cow::Owned(form_block.clone()), 0)
            .map(|(r, _)| r)
            .unwrap_or_default();
        let key = |w: &str| stem_of_base(&forms_only, &w.to_lowercase());
        let keyed: Vec<(String, String)> = pairs
            .iter()
            .map(|(a, b)| (key(a), key(b)))
            .filter(|(a, b)| a != b)
            .collect();
        let both_ways: Vec<(&str, &str)> = keyed
            .iter()
            .flat_map(|(a, b)| [(a.as_str(), b.as_str()), (b.as_str(), a.as_str())])
            .collect();
        let mut out = Vec::new();
        out.extend_from_slice(&(form_block.len() as u32).to_le_bytes());
        out.extend_from_slice(&form_block);
        out.extend_from_slice(&Relation::freeze(&both_ways, &[]));
        out
    }

    /// The table in bytes [`Antonyms::freeze`] wrote; `None` unless they
    /// hold one whole.
    pub fn read(block: Cow<'static, [u8]>) -> Option<Antonyms> {
        let forms_len = frozen::u32_at(&block, 0)? as usize;
        let (forms, forms_end) = Relation::read(block.clone(), 4)?;
        if forms_end != 4 + forms_len {
            return None;
        }
        let (opposites, end) = Relation::read(block, forms_end)?;
        (end == opposites.block.len()).then_some(Antonyms { forms, opposites })
    }

    /// The comparison key of a lower-cased word: the stem of its base form.
    pub fn key(&self, word: &str) -> String {
        stem_of_base(&self.forms, word)
    }

    /// The base form the table lists for `word` ("won" → "win"), if any.
    pub fn base(&self, word: &str) -> Option<&str> {
        self.forms.first_related(word)
    }

    /// True when some word is opposite to the word with key `key`.
    pub fn has_opposites(&self, key: &str) -> bool {
        self.opposites.has_related(key)
    }

    /// True when the words with keys `a` and `b` are opposites.
    pub fn are_opposite(&self, a: &str, b: &str) -> bool {
        self.opposites.are_related(a, b)
    }
}

/// The stem of `word`'s base form (itself unless `forms` lists it).
fn stem_of_base(forms: &Relation, word: &str) -> String {
    crate::stem::stem(forms.first_related(word).unwrap_or(word))
}

/// Given names and their nicknames, looked up in both directions.
#[derive(Debug, Clone, Default)]
pub struct Nicknames {
    /// Each given name with its nicknames, and each nickname with its names.
    related: Relation,
}

impl Nicknames {
    /// The bytes of the table of `names`, one line per given name: the name,
    /// then its nicknames ("robert bob rob"), each keyed by `normalize`.
    pub fn freeze(names: &str, normalize: impl Fn(&str) -> String) -> Vec<u8> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for line in names.lines() {
            let mut words = line.split_whitespace().map(&normalize);
            let Some(name) = words.next() else { continue };
            for nick in words {
                pairs.push((name.clone(), nick.clone()));
                pairs.push((nick, name.clone()));
            }
        }
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        Relation::freeze(&pairs, &[])
    }

    /// The table in bytes [`Nicknames::freeze`] wrote; `None` unless they
    /// hold one whole.
    pub fn read(block: Cow<'static, [u8]>) -> Option<Nicknames> {
        let len = block.len();
        let (related, end) = Relation::read(block, 0)?;
        (end == len).then_some(Nicknames { related })
    }

    /// True when the list knows `name` (lower case) as a given name or as a
    /// nickname of one ("newt").
    pub fn is_given_name(&self, name: &str) -> bool {
        self.related.contains(name)
    }

    /// True when one of two lower-case given names is a nickname of the other
    /// ("bob", "robert"); two nicknames of one name are not linked ("bob", "bill").
    pub fn are_related(&self, a: &str, b: &str) -> bool {
        self.related.are_related(a, b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relation_finds_each_related_key_and_no_other() {
        let r = Relation::new(&[("a", "b"), ("a", "c"), ("c", "a")], &["d"]);
        assert!(r.are_related("a", "b") && r.are_related("a", "c") && r.are_related("c", "a"));
        assert!(!r.are_related("b", "a") && !r.are_related("a", "d") && !r.are_related("x", "a"));
        assert!(r.contains("d") && !r.has_related("d") && r.has_related("a"));
        assert_eq!(r.first_related("a"), Some("b"));
        assert_eq!(r.first_related("d"), None);
        // an empty relation reads back and holds nothing
        let empty = Relation::new(&[], &[]);
        assert!(!empty.contains("a") && !empty.are_related("a", "b"));
    }

    #[test]
    fn damaged_bytes_are_refused_not_read() {
        let bytes = Relation::freeze(&[("a", "b")], &[]);
        for cut in 0..bytes.len() {
            assert!(
                Relation::read(Cow::Owned(bytes[..cut].to_vec()), 0).is_none(),
                "{cut}"
            );
        }
        assert!(Antonyms::read(Cow::Owned(bytes)).is_none());
    }

    #[test]
    fn antonyms_meet_through_forms_and_stems_either_way() {
        let table = Antonyms::read(Cow::Owned(Antonyms::freeze(
            &[("Won", "win"), ("lost", "lose")],
            &[("win", "lose"), ("rises", "falls"), ("same", "same")],
        )))
        .unwrap();
        let (won, lost) = (table.key("won"), table.key("lost"));
        assert!(table.are_opposite(&won, &lost) && table.are_opposite(&lost, &won));
        assert!(table.are_opposite(&table.key("rise"), &table.key("fall")));
        assert!(!table.has_opposites(&table.key("same")));
        assert!(!table.are_opposite(&won, &table.key("fall")));
    }

    #[test]
    fn a_later_form_line_wins() {
        let table = Antonyms::read(Cow::Owned(Antonyms::freeze(
            &[("left", "leave"), ("left", "right")],
            &[],
        )))
        .unwrap();
        assert_eq!(table.key("left"), "right");
    }

    #[test]
    fn nicknames_link_a_name_and_its_nicknames_not_two_nicknames() {
        let names = Nicknames::read(Cow::Owned(Nicknames::freeze(
            "robert bob rob\nwilliam bill\nalone\n",
            str::to_ascii_lowercase,
        )))
        .unwrap();
        assert!(names.are_related("bob", "robert") && names.are_related("robert", "rob"));
        assert!(!names.are_related("bob", "rob") && !names.are_related("bob", "bill"));
        assert!(names.is_given_name("bill") && !names.is_given_name("alone"));
    }

    #[test]
    fn word_pairs_name_the_line_that_is_not_two_words() {
        assert_eq!(word_pairs("a b\n\nc d\n"), Ok(vec![("a", "b"), ("c", "d")]));
        assert_eq!(word_pairs("a b\nc d e\n"), Err((2, "c d e")));
    }
}
