//! Strings kept once each in one buffer, each named by a dense id: an index
//! over a long document keys its lists by these ids instead of owning a
//! `String` per key (a heap block, a header and a hash entry each), which
//! weighed more than the text itself.

use std::hash::BuildHasher;

/// Distinct strings with dense ids (0, 1, … in the order first seen).
#[derive(Debug, Default, Clone)]
pub(crate) struct Interner {
    /// Every string, one after another.
    text: String,
    /// Where each string ends in `text`; the one before ends where it starts.
    ends: Vec<u32>,
    /// The ids, hashed by their strings.
    table: hashbrown::HashTable<u32>,
}

/// The hash both intern tables file a string under (this one's and
/// [`crate::key::Key`]'s).
pub(crate) fn hash(s: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(s)
}

impl Interner {
    /// The id of `s`, added when new.
    pub(crate) fn id(&mut self, s: &str) -> u32 {
        let h = hash(s);
        if let Some(&id) = self
            .table
            .find(h, |&id| name_of(&self.text, &self.ends, id) == s)
        {
            return id;
        }
        let id = self.ends.len() as u32;
        self.text.push_str(s);
        self.ends.push(self.text.len() as u32);
        let (text, ends) = (&self.text, &self.ends);
        self.table
            .insert_unique(h, id, |&other| hash(name_of(text, ends, other)));
        id
    }

    /// The id of `s`, when it was added.
    pub(crate) fn get(&self, s: &str) -> Option<u32> {
        self.table.find(hash(s), |&id| self.name(id) == s).copied()
    }

    /// The string with id `id`.
    pub(crate) fn name(&self, id: u32) -> &str {
        name_of(&self.text, &self.ends, id)
    }

    /// How many strings it holds.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }
}

fn name_of<'t>(text: &'t str, ends: &[u32], id: u32) -> &'t str {
    let end = ends[id as usize] as usize;
    let start = match id {
        0 => 0,
        _ => ends[id as usize - 1] as usize,
    };
    &text[start..end]
}

/// Lists of numbers, one per id, in one buffer: list `k` is
/// `items[starts[k]..starts[k + 1]]`. Built by counting first, so there is no
/// spare capacity and no heap block per list.
#[derive(Debug, Default, Clone)]
pub(crate) struct Runs {
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl Runs {
    /// The lists `visit` gives, one (list id, item) at a time, each list's
    /// items in the order given; `lists` is one more than the largest list
    /// id. `visit` is called twice: once to count, once to fill.
    pub(crate) fn from_visits(lists: usize, visit: impl Fn(&mut dyn FnMut(u32, u32))) -> Self {
        let mut starts = vec![0u32; lists + 1];
        visit(&mut |list, _| starts[list as usize + 1] += 1);
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        let mut fill = starts.clone();
        let mut items = vec![0u32; starts[lists] as usize];
        visit(&mut |list, item| {
            let at = &mut fill[list as usize];
            items[*at as usize] = item;
            *at += 1;
        });
        Runs { starts, items }
    }

    /// List `k` (empty past the last).
    pub(crate) fn get(&self, k: u32) -> &[u32] {
        let k = k as usize;
        if k + 1 >= self.starts.len() {
            return &[];
        }
        &self.items[self.starts[k] as usize..self.starts[k + 1] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_dense_in_first_seen_order_and_names_round_trip() {
        let mut i = Interner::default();
        let words = ["said", "the", "", "said", "Ünïcode", "the", "a"];
        let ids: Vec<u32> = words.iter().map(|w| i.id(w)).collect();
        assert_eq!(ids, [0, 1, 2, 0, 3, 1, 4]);
        assert_eq!(i.len(), 5);
        for (w, id) in words.iter().zip(&ids) {
            assert_eq!(i.name(*id), *w);
            assert_eq!(i.get(w), Some(*id));
        }
        assert_eq!(i.get("absent"), None);
    }

    #[test]
    fn many_strings_survive_table_growth() {
        let mut i = Interner::default();
        for n in 0..5000 {
            assert_eq!(i.id(&format!("w{n}")), n);
        }
        for n in (0..5000).rev() {
            assert_eq!(i.get(&format!("w{n}")), Some(n));
            assert_eq!(i.name(n), format!("w{n}"));
        }
    }

    #[test]
    fn runs_hold_each_list_in_given_order() {
        let entries = [(2u32, 7u32), (0, 1), (2, 3), (0, 9), (4, 4)];
        let runs = Runs::from_visits(5, |emit| {
            for &(list, item) in &entries {
                emit(list, item)
            }
        });
        assert_eq!(runs.get(0), [1, 9]);
        assert_eq!(runs.get(1), [] as [u32; 0]);
        assert_eq!(runs.get(2), [7, 3]);
        assert_eq!(runs.get(3), [] as [u32; 0]);
        assert_eq!(runs.get(4), [4]);
        assert_eq!(runs.get(5), [] as [u32; 0]);
        assert!(Runs::default().get(0).is_empty());
    }
}
