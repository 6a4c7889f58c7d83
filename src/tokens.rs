//! Tokens of a sentence with normalised keys (quotes, dashes, case) and stems.

pub use crate::key::Key;
use crate::span::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with inner dots, apostrophes or hyphens ("U.S.", "don't", "G-20").
    Word,
    /// Digits with separators ("1,500", "3.5", "$100").
    Number,
    /// Any other single character.
    Punct,
}

/// The bits of `Token::end_and_kind` that hold the end offset.
const END_MASK: u32 = (1 << 30) - 1;

/// A token: where it is, what it is, and its comparison key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// First byte in the original text (32 bits: a token is kept for every
    /// word of a document, so its size counts many times over).
    start: u32,
    /// One past its last byte in the low 30 bits, its kind in the top two.
    end_and_kind: u32,
    /// Normalised key: lower case, straight quotes, ASCII hyphen; interned
    /// (the token is 16 bytes in all).
    pub key: Key,
}

impl Token {
    /// A token of `kind` at `span` with comparison key `key`. Offsets are
    /// kept in 30 bits: `Engine::analyze` refuses longer texts
    /// (`ingest::TEXT_MAX_BYTES`).
    pub fn new(span: Span, kind: TokenKind, key: Key) -> Self {
        let kind_bits = match kind {
            TokenKind::Word => 0,
            TokenKind::Number => 1,
            TokenKind::Punct => 2,
        };
        Token {
            start: span.start as u32,
            end_and_kind: (span.end as u32 & END_MASK) | (kind_bits << 30),
            key,
        }
    }

    /// Byte span in the original text.
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, (self.end_and_kind & END_MASK) as usize)
    }

    /// Kind of token.
    pub fn kind(&self) -> TokenKind {
        match self.end_and_kind >> 30 {
            0 => TokenKind::Word,
            1 => TokenKind::Number,
            _ => TokenKind::Punct,
        }
    }

    /// The token's original text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span().text(text)
    }

    /// True for a word whose first letter is upper case.
    pub fn is_capitalized(&self, text: &str) -> bool {
        self.kind() == TokenKind::Word
            && self
                .text(text)
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase())
    }
}

/// A letter, digit, or an accent combining with the letter before it (text in
/// decomposed form, NFD, as macOS often copies it: "Rene\u{301}e").
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// A word with its accents taken off ("raúl" → "raul"): one name however an
/// outlet writes its accents. Borrowed when the word is ASCII.
pub fn unaccented(word: &str) -> std::borrow::Cow<'_, str> {
    if word.is_ascii() {
        return std::borrow::Cow::Borrowed(word);
    }
    use unicode_normalization::UnicodeNormalization;
    std::borrow::Cow::Owned(
        word.nfd()
            .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
            .collect(),
    )
}

/// A token's key as [`normalize`] makes it, lower-cased on the stack when
/// short and ASCII, as nearly every word is: a document holds one key per token.
fn normalized_key(s: &str) -> Key {
    if s.is_ascii() {
        let mut buf = [0u8; 32];
        match buf.get_mut(..s.len()) {
            Some(short) => {
                short.copy_from_slice(s.as_bytes());
                short.make_ascii_lowercase();
                Key::new(std::str::from_utf8(short).unwrap_or(s))
            }
            None => Key::new(&s.to_ascii_lowercase()),
        }
    } else {
        Key::new(&normalize(s))
    }
}

/// Normalise a piece of text into a key: lower case, straight quotes and
/// apostrophes, ASCII dashes, and accents composed (NFC), so that a word keys
/// the same whichever Unicode form it is written in.
pub fn normalize(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    if s.chars()
        .any(unicode_normalization::char::is_combining_mark)
    {
        use unicode_normalization::UnicodeNormalization;
        let composed: String = s.nfc().collect();
        if composed != s {
            return normalize(&composed);
        }
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '’' | '‘' | '`' | '´' => out.push('\''),
            '“' | '”' | '„' | '«' | '»' => out.push('"'),
            '–' | '—' | '‐' | '‑' | '−' => out.push('-'),
            '\u{a0}' | '\u{2009}' | '\u{202f}' => out.push(' '),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn is_inner_joiner(c: char) -> bool {
    matches!(c, '.' | '\'' | '’' | '-' | '‐' | '‑' | '&')
}

/// Split `span` of `text` into tokens.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let s = span.text(text);
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let n = chars.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let (b, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c.is_alphanumeric() {
            let mut j = i + 1;
            let mut has_alpha = c.is_alphabetic();
            loop {
                if j < n && is_word_char(chars[j].1) {
                    has_alpha |= chars[j].1.is_alphabetic();
                    j += 1;
                } else if (j + 1 < n
                    && is_inner_joiner(chars[j].1)
                    && chars[j + 1].1.is_alphanumeric())
                    || (j + 3 < n
                        && chars[j].1 == ','
                        && !has_alpha
                        && chars[j + 1..j + 4].iter().all(|c| c.1.is_ascii_digit()))
                {
                    j += 2;
                } else {
                    break;
                }
            }
            // keep the final period of a dotted acronym ("U.S.") with the word
            if j < n && chars[j].1 == '.' && s[b..byte(&chars, j, s)].contains('.') && has_alpha {
                let part_lens_ok = s[b..byte(&chars, j, s)]
                    .split('.')
                    .all(|p| p.chars().count() == 1);
                if part_lens_ok {
                    j += 1;
                }
            }
            kind = if has_alpha {
                TokenKind::Word
            } else {
                TokenKind::Number
            };
            i = j;
        } else {
            kind = TokenKind::Punct;
            i += 1;
            // two apostrophes are one double quote mark (''Yes,'' he said)
            if is_apostrophe(c) && i < n && is_apostrophe(chars[i].1) {
                i += 1;
            }
        }
        let sp = Span::new(span.start + chars[start].0, span.start + byte(&chars, i, s));
        let key = if i - start == 2 && kind == TokenKind::Punct {
            Key::new("\"")
        } else {
            normalized_key(sp.text(text))
        };
        out.push(Token::new(sp, kind, key));
    }
    // a document keeps every sentence's tokens: no room to grow
    crate::exact::exact(out)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`')
}

fn byte(chars: &[(usize, char)], i: usize, s: &str) -> usize {
    if i < chars.len() {
        chars[i].0
    } else {
        s.len()
    }
}

pub use crate::stem::{stem, without_possessive};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_small_and_keeps_its_span_and_kind() {
        // every word of a document is kept as a token: its size is memory
        // many times over (issue 25)
        assert!(
            std::mem::size_of::<Token>() <= 16,
            "{}",
            std::mem::size_of::<Token>()
        );
        let t = Token::new(Span::new(7, 12), TokenKind::Word, "hello".into());
        assert_eq!(t.span(), Span::new(7, 12));
        assert_eq!(t.kind(), TokenKind::Word);
        let end = Span::new(0, crate::ingest::TEXT_MAX_BYTES);
        for kind in [TokenKind::Word, TokenKind::Number, TokenKind::Punct] {
            let t = Token::new(end, kind, "x".into());
            assert_eq!((t.span(), t.kind()), (end, kind));
        }
    }

    #[test]
    fn keys_are_lower_case_inline_or_not() {
        let text = "The SENATOR’S Interdisciplinarity Übermensch";
        let keys: Vec<String> = tokenize(text, Span::new(0, text.len()))
            .iter()
            .map(|t| t.key.to_string())
            .collect();
        assert_eq!(
            keys,
            ["the", "senator's", "interdisciplinarity", "übermensch"]
        );
    }

    #[test]
    fn two_apostrophes_are_one_double_quote() {
        let t = "''My advice was no,'' he recalled.";
        let toks = tokenize(t, Span::new(0, t.len()));
        assert_eq!(toks[0].text(t), "''");
        assert_eq!(toks[0].key, "\"");
        assert_eq!(toks[6].text(t), "''");
        assert_eq!(toks[6].key, "\"");
    }

    #[test]
    fn tokens_keep_acronyms_numbers_and_hyphenated_words() {
        let t = "The U.S. paid $1,500.50 to G-20’s envoy.";
        let toks: Vec<String> = tokenize(t, Span::new(0, t.len()))
            .iter()
            .map(|x| x.text(t).to_string())
            .collect();
        assert_eq!(
            toks,
            vec!["The", "U.S.", "paid", "$", "1,500.50", "to", "G-20’s", "envoy", "."]
        );
        assert_eq!(normalize("G-20’s “Hi”"), "g-20's \"hi\"");
    }

    #[test]
    fn stems_join_inflections() {
        assert_eq!(stem("points"), stem("point"));
        assert_eq!(stem("requested"), stem("requests"));
        assert_eq!(stem("countries"), stem("country"));
        assert_eq!(stem("blocking"), stem("blocked"));
    }
}
