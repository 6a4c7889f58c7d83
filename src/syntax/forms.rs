//! The lemmatiser's table of forms (form → the tags it was seen with, its
//! usual lemma) as a frozen table ([`crate::frozen`]): `build.rs` prepares the
//! built-in model's (it includes this file by path) and the program reads it in
//! place, so start-up neither checks nor files twenty thousand forms; a model
//! read from a file or trained is frozen the same way at run time.
//!
//! Layout: a text table of the forms, sorted, with three values each (the
//! tags as a bit set, the start and end of the usual lemma in the text that
//! follows), then the lemmas' text.
//!
//! The tagger's two word tables (its dictionary, form → tag, and its
//! ambiguity classes, lower-case form → tag set) are frozen the same way, as
//! [`WordValues`]: a text table with one value a word.

use crate::frozen::{write_text_table, Table};
use std::borrow::Cow;

/// The frozen bytes of `rows` (form, tags, usual lemma): distinct forms,
/// sorted by form.
pub fn freeze(rows: &[(&str, u32, &str)]) -> Vec<u8> {
    let mut lemmas = String::new();
    let mut values = Vec::with_capacity(rows.len() * 3);
    for (_, tags, lemma) in rows {
        let start = lemmas.len() as u32;
        lemmas.push_str(lemma);
        values.extend([*tags, start, lemmas.len() as u32]);
    }
    let keys: Vec<&str> = rows.iter().map(|r| r.0).collect();
    let mut out = Vec::new();
    write_text_table(&mut out, &keys, &values);
    out.extend_from_slice(lemmas.as_bytes());
    out
}

/// Form → (the tags it was seen with as a bit set, its most frequent lemma).
#[derive(Debug, Clone, Default)]
pub struct FormTable {
    block: Cow<'static, [u8]>,
    /// The table and where the lemmas' text starts (none when empty).
    table: Option<(Table, usize)>,
}

impl FormTable {
    /// The table of a block [`freeze`] wrote; `None` when the bytes hold none.
    pub fn from_block(block: Cow<'static, [u8]>) -> Option<FormTable> {
        let (table, lemmas) = Table::read(&block, 0, true, 3)?;
        Some(FormTable {
            table: Some((table, lemmas)),
            block,
        })
    }

    /// The table of `rows` (form, tags, usual lemma), forms distinct.
    pub fn from_rows(mut rows: Vec<(&str, u32, &str)>) -> FormTable {
        rows.sort_unstable_by(|a, b| a.0.cmp(b.0));
        FormTable::from_block(Cow::Owned(freeze(&rows))).unwrap_or_default()
    }

    /// The tags `form` was seen with (a bit set) and its row, when known.
    pub fn tags(&self, form: &str) -> Option<(u32, usize)> {
        let (t, _) = self.table.as_ref()?;
        let row = t.text_row(&self.block, form)?;
        Some((t.value(&self.block, row, 0), row))
    }

    /// The usual lemma of the form of `row`.
    pub fn usual(&self, row: usize) -> Option<&str> {
        let (t, lemmas) = self.table.as_ref()?;
        let [_, start, end] = t.values::<3>(&self.block, row);
        let text = self
            .block
            .get(lemmas + start as usize..lemmas + end as usize)?;
        std::str::from_utf8(text).ok()
    }

    /// Every (form, tags, usual lemma), sorted by form.
    pub fn rows(&self) -> impl Iterator<Item = (&str, u32, &str)> {
        let n = self.table.as_ref().map_or(0, |(t, _)| t.rows());
        (0..n).filter_map(|row| {
            let (t, _) = self.table.as_ref()?;
            let form = std::str::from_utf8(t.key(&self.block, row)?).ok()?;
            Some((form, t.value(&self.block, row, 0), self.usual(row)?))
        })
    }

    /// The number of forms.
    pub fn len(&self) -> usize {
        self.table.as_ref().map_or(0, |(t, _)| t.rows())
    }

    /// True when no form is known.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl FormTable {
    /// The value and text of `key` (a form's tags and usual lemma; for the
    /// lemmatiser's other tables, see [`rule_key`]), when known.
    pub fn get(&self, key: &str) -> Option<(u32, &str)> {
        self.get_bytes(key.as_bytes())
    }

    /// [`FormTable::get`] of the key whose bytes are `key`.
    pub fn get_bytes(&self, key: &[u8]) -> Option<(u32, &str)> {
        let (t, _) = self.table.as_ref()?;
        let row = t.bytes_row(&self.block, key)?;
        Some((t.value(&self.block, row, 0), self.usual(row)?))
    }
}

/// A lemmatiser rule's key in its frozen table: its tag, then the word
/// ending. A tag is its UPOS index written as one byte, so the key is UTF-8
/// only for tags under 128 (`None` past them). Keys of the three tables sort
/// as the tuples they stand for: a tag is one byte, and the NUL that ends a
/// form sorts before any character a longer form goes on with.
pub fn rule_key<'a>(tag: &'a u8, ending: &'a str) -> Option<[&'a str; 4]> {
    Some([tag_text(tag)?, ending, "", ""])
}

/// An exception's key (form, tag): the form, a NUL, the tag ([`rule_key`]).
pub fn exception_key<'a>(form: &'a str, tag: &'a u8) -> Option<[&'a str; 4]> {
    Some([form, "\0", tag_text(tag)?, ""])
}

/// A relation lemma's key (form, tag, relation): the form, a NUL, the tag and
/// the relation ([`rule_key`]).
pub fn relation_key<'a>(form: &'a str, tag: &'a u8, relation: &'a str) -> Option<[&'a str; 4]> {
    Some([form, "\0", tag_text(tag)?, relation])
}

/// A lemmatiser rule's edit as the one value of its frozen row: the
/// lower-case bit, then the characters dropped.
pub fn edit_value(lower: bool, strip: u8) -> u32 {
    u32::from(lower) | u32::from(strip) << 1
}

/// The (lower-case, characters dropped) of a rule's [`edit_value`].
pub fn edit_of(value: u32) -> (bool, u8) {
    (value & 1 == 1, (value >> 1) as u8)
}

/// A tag as the one-byte text of its index (tags under 128).
fn tag_text(tag: &u8) -> Option<&str> {
    std::str::from_utf8(std::slice::from_ref(tag)).ok()
}

/// The parts of a lemmatiser key taken apart again: (tag, the rest) of a
/// rule's; (form, tag, the rest) of an exception's or relation lemma's.
pub fn split_rule_key(key: &str) -> Option<(u8, &str)> {
    let (&tag, _) = key.as_bytes().split_first()?;
    Some((tag, key.get(1..)?))
}

/// [`split_rule_key`] for a key that starts with a form and a NUL.
pub fn split_form_key(key: &str) -> Option<(&str, u8, &str)> {
    let (form, rest) = key.split_once('\0')?;
    let (tag, rest) = split_rule_key(rest)?;
    Some((form, tag, rest))
}

/// Word → one number, frozen: the tagger's dictionary (form → tag) and
/// ambiguity classes (lower-case form → tag set).
#[derive(Debug, Clone, Default)]
pub struct WordValues {
    block: Cow<'static, [u8]>,
    table: Option<Table>,
}

impl WordValues {
    /// The frozen bytes of `rows` (word, value): distinct words, sorted.
    pub fn freeze(rows: &[(&str, u32)]) -> Vec<u8> {
        let keys: Vec<&str> = rows.iter().map(|r| r.0).collect();
        let values: Vec<u32> = rows.iter().map(|r| r.1).collect();
        let mut out = Vec::new();
        write_text_table(&mut out, &keys, &values);
        out
    }

    /// The table of a block [`WordValues::freeze`] wrote; `None` unless the
    /// bytes hold one whole.
    pub fn from_block(block: Cow<'static, [u8]>) -> Option<WordValues> {
        let (table, end) = Table::read(&block, 0, true, 1)?;
        (end == block.len()).then_some(WordValues {
            table: Some(table),
            block,
        })
    }

    /// The table of `rows` (word, value), words distinct.
    pub fn from_rows(mut rows: Vec<(&str, u32)>) -> WordValues {
        rows.sort_unstable();
        WordValues::from_block(Cow::Owned(WordValues::freeze(&rows))).unwrap_or_default()
    }

    /// The value of `word`, when known.
    pub fn get(&self, word: &str) -> Option<u32> {
        let t = self.table.as_ref()?;
        Some(t.value(&self.block, t.text_row(&self.block, word)?, 0))
    }

    /// Every (word, value), in the order frozen (sorted by word).
    pub fn rows(&self) -> impl Iterator<Item = (&str, u32)> {
        let n = self.table.as_ref().map_or(0, Table::rows);
        (0..n).filter_map(|row| {
            let t = self.table.as_ref()?;
            let word = std::str::from_utf8(t.key(&self.block, row)?).ok()?;
            Some((word, t.value(&self.block, row, 0)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lemma_keys_sort_as_their_tuples_and_split_back() {
        let tags = [0u8, 3, 15, 16];
        let words = ["", "a", "ab", "abc", "b", "é", "ab-c"];
        let mut pairs: Vec<(&str, u8)> = Vec::new();
        for w in words {
            for t in &tags {
                pairs.push((w, *t));
            }
        }
        let key = |p: Option<[&str; 4]>| p.unwrap().concat();
        // exceptions (form, tag): the keys' order is the tuples' order
        let mut by_tuple = pairs.clone();
        by_tuple.sort();
        let mut by_key = pairs.clone();
        by_key.sort_by_key(|(w, t)| key(exception_key(w, t)));
        assert_eq!(by_tuple, by_key);
        // rules (tag, ending) likewise, and relations (form, tag, relation)
        let mut rules: Vec<(u8, &str)> = pairs.iter().map(|&(w, t)| (t, w)).collect();
        let mut rules_by_key = rules.clone();
        rules.sort();
        rules_by_key.sort_by_key(|(t, w)| key(rule_key(t, w)));
        assert_eq!(rules, rules_by_key);
        let mut rel: Vec<(&str, u8, &str)> = pairs.iter().map(|&(w, t)| (w, t, "obj")).collect();
        rel.extend(pairs.iter().map(|&(w, t)| (w, t, "nmod:poss")));
        let mut rel_by_key = rel.clone();
        rel.sort();
        rel_by_key.sort_by_key(|(w, t, r)| key(relation_key(w, t, r)));
        assert_eq!(rel, rel_by_key);
        // and each key splits back into its parts
        for (w, t) in pairs {
            assert_eq!(split_rule_key(&key(rule_key(&t, w))), Some((t, w)));
            assert_eq!(split_form_key(&key(exception_key(w, &t))), Some((w, t, "")));
            assert_eq!(
                split_form_key(&key(relation_key(w, &t, "obj"))),
                Some((w, t, "obj"))
            );
        }
        assert!(rule_key(&200, "s").is_none());
    }

    #[test]
    fn forms_are_found_with_their_tags_and_lemma() {
        let t = FormTable::from_rows(vec![("went", 1 << 15, "go"), ("best", 1, "good")]);
        let (tags, row) = t.tags("went").unwrap();
        assert_eq!((tags, t.usual(row)), (1 << 15, Some("go")));
        assert_eq!(t.tags("go"), None);
        let rows: Vec<_> = t.rows().collect();
        assert_eq!(rows, [("best", 1, "good"), ("went", 1 << 15, "go")]);
        assert!(FormTable::default().tags("went").is_none());
    }

    #[test]
    fn words_are_found_with_their_values_and_damage_is_refused() {
        let t = WordValues::from_rows(vec![("the", 5), ("a", 5), ("run", 1 << 15)]);
        assert_eq!(
            (t.get("the"), t.get("run"), t.get("ran")),
            (Some(5), Some(1 << 15), None)
        );
        let rows: Vec<_> = t.rows().collect();
        assert_eq!(rows, [("a", 5), ("run", 1 << 15), ("the", 5)]);
        let bytes = WordValues::freeze(&rows);
        for cut in 0..bytes.len() {
            assert!(WordValues::from_block(Cow::Owned(bytes[..cut].to_vec())).is_none());
        }
        assert_eq!(WordValues::default().get("the"), None);
    }
}
