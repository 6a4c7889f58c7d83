//! A token's comparison key, interned for the life of the process: eight
//! bytes in each token instead of a sixteen-byte string. A document keeps a token
//! for every word it has, so on a long document the keys weighed more than
//! the text; the distinct keys are few (a news article's vocabulary) and are
//! kept once, as a compiler keeps its symbols.
//!
//! Two keys are equal exactly when their strings are (one copy per string),
//! so they compare as references; they hash and order as their strings do.

use crate::intern::hash;
use std::cell::RefCell;
use std::sync::{Mutex, OnceLock};

/// An interned key: a reference to the one copy of its string kept for the
/// life of the process (a thin reference, eight bytes).
#[derive(Clone, Copy)]
pub struct Key(&'static Entry);

/// What the process keeps of each key: its string, and its stem once asked
/// (checks stem the same words of a document again and again).
struct Entry {
    text: &'static str,
    stem: OnceLock<Key>,
}

/// Keys hashed by their strings (eight bytes an entry).
type Keys = hashbrown::HashTable<Key>;

/// Every key interned so far.
static KEYS: Mutex<Keys> = Mutex::new(hashbrown::HashTable::new());

thread_local! {
    /// This thread's look-ups so far: most keys are found here, without the
    /// lock that other threads share.
    static SEEN: RefCell<Keys> = const { RefCell::new(hashbrown::HashTable::new()) };
}

/// The key of `s` in `keys`, added by `make` when absent.
fn find_or_add(keys: &mut Keys, s: &str, make: impl FnOnce() -> Key) -> Key {
    let h = hash(s);
    match keys.find(h, |k| k.0.text == s) {
        Some(&k) => k,
        None => *keys.insert_unique(h, make(), |k| hash(k.0.text)).get(),
    }
}

impl Key {
    /// The key of `s`, interned when new.
    pub fn new(s: &str) -> Key {
        SEEN.with(|seen| find_or_add(&mut seen.borrow_mut(), s, || Self::intern(s)))
    }

    /// The process-wide key of `s`, made under the lock when new.
    fn intern(s: &str) -> Key {
        let mut keys = KEYS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        find_or_add(&mut keys, s, || {
            let text: &'static str = Box::leak(Box::<str>::from(s));
            Key(Box::leak(Box::new(Entry {
                text,
                stem: OnceLock::new(),
            })))
        })
    }

    /// The key's string.
    pub fn as_str(&self) -> &'static str {
        self.0.text
    }

    /// The key's identity: equal for equal keys, different for different
    /// ones (for tables that hash keys by identity, not by text).
    pub fn id(self) -> usize {
        std::ptr::from_ref(self.0) as usize
    }

    /// The key of the string's light stem ([`crate::stem::stem`]), made once
    /// per key for the life of the process.
    pub fn stem(self) -> Key {
        *self
            .0
            .stem
            .get_or_init(|| Key::new(&crate::stem::stem(self.as_str())))
    }
}

impl PartialEq for Key {
    /// One key per string: the same key, the same string.
    fn eq(&self, other: &Key) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Key {}

impl Default for Key {
    /// The empty key.
    fn default() -> Key {
        Key::new("")
    }
}

impl std::ops::Deref for Key {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Key {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        match self == other {
            true => std::cmp::Ordering::Equal,
            false => self.as_str().cmp(other.as_str()),
        }
    }
}

impl PartialEq<str> for Key {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Key {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Key> for str {
    fn eq(&self, other: &Key) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Key> for &str {
    fn eq(&self, other: &Key) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Key> for String {
    fn eq(&self, other: &Key) -> bool {
        self == other.as_str()
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for Key {
    fn from(s: &str) -> Key {
        Key::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_key_per_string_round_trips_and_orders_as_strings() {
        let a = Key::new("said");
        let b = Key::new(&String::from("said"));
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "said");
        assert!(a == "said");
        assert!("said" == a);
        let c = Key::new("Ünïcode ключ");
        assert_ne!(a, c);
        assert_eq!(&*c, "Ünïcode ключ");
        assert!(Key::new("apple") < Key::new("banana"));
        assert_eq!(format!("{a} {a:?}"), "said \"said\"");
        assert_eq!(Key::new(""), "");
        assert_eq!(Key::new("points").stem(), Key::new("point").stem());
        assert_eq!(
            Key::new("points").stem().as_str(),
            crate::stem::stem("points")
        );
    }

    #[test]
    fn threads_share_the_ids() {
        let words: Vec<String> = (0..20_000).map(|n| format!("key-test-word-{n}")).collect();
        let ids = |words: &[String]| words.iter().map(|w| Key::new(w)).collect::<Vec<_>>();
        let (here, there) = std::thread::scope(|s| {
            let other = s.spawn(|| ids(&words));
            (ids(&words), other.join().unwrap())
        });
        assert_eq!(here, there);
        for (w, k) in words.iter().zip(&here) {
            assert_eq!(k.as_str(), w);
        }
    }
}
