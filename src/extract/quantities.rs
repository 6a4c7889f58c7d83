//! Quantities: numbers and number words, money, percentages, dates and
//! times, durations, ordinals and counted nouns, normalised to values.

use super::tokens::{Token, TokenKind};
use crate::rules::Rules;
use crate::span::Span;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;

/// What a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuantityKind {
    /// A bare number.
    Number,
    /// A number of things ("three points"); `unit` is the noun.
    Count,
    /// Money; `unit` is the currency code.
    Money,
    /// A percentage.
    Percent,
    /// A date or day ("Thursday", "Feb. 24, 2022", "2019").
    Date,
    /// A relative time or time span ("last month", "in months", "since the invasion").
    Time,
    /// A duration ("one year"); `unit` is the time unit.
    Duration,
    /// An ordinal ("third", "first time").
    Ordinal,
}

/// A quantity's value, typed: a number, a weekday, or a date in the parts it states.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// A number: a count, amount, percentage, duration or ordinal ("3.5 million").
    Number(f64),
    /// A weekday, 1 (Monday) to 7 (Sunday).
    Weekday {
        /// The day of the week, 1 to 7.
        weekday: u8,
    },
    /// A calendar date, with the parts it states ("July 17", "May 2019", "2014").
    Date {
        /// The year, where stated.
        #[serde(skip_serializing_if = "Option::is_none")]
        year: Option<u16>,
        /// The month, 1 to 12, where stated.
        #[serde(skip_serializing_if = "Option::is_none")]
        month: Option<u8>,
        /// The day of the month, where stated.
        #[serde(skip_serializing_if = "Option::is_none")]
        day: Option<u8>,
    },
}

impl Value {
    /// A year alone ("in 2014").
    pub fn year(y: u16) -> Value {
        Value::Date {
            year: Some(y),
            month: None,
            day: None,
        }
    }

    /// True for a date that states a year and nothing else.
    pub fn is_year(&self) -> bool {
        matches!(
            self,
            Value::Date {
                year: Some(_),
                month: None,
                day: None
            }
        )
    }

    /// The value as a number: a number's own, and a year alone's (a year is also
    /// a number: "in 2014" and "2014"); none for a weekday or a fuller date.
    pub fn as_number(&self) -> Option<f64> {
        match *self {
            Value::Number(x) => Some(x),
            Value::Date {
                year: Some(y),
                month: None,
                day: None,
            } => Some(y as f64),
            _ => None,
        }
    }
}

impl std::fmt::Display for Value {
    /// A number as Rust prints it; a date in ISO 8601 form with the parts it has
    /// ("2014-07-17", "2019-05", "--07-17", "2014"); a weekday as "weekday 4".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Value::Number(x) => write!(f, "{x}"),
            Value::Weekday { weekday } => write!(f, "weekday {weekday}"),
            Value::Date { year, month, day } => {
                match year {
                    Some(y) => write!(f, "{y:04}")?,
                    None => write!(f, "-")?,
                }
                if let Some(m) = month {
                    write!(f, "-{m:02}")?;
                }
                if let Some(d) = day {
                    write!(f, "-{d:02}")?;
                }
                Ok(())
            }
        }
    }
}

/// One quantity with its span and normalised value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The whole expression.
    #[serde(skip)]
    pub span: Span,
    /// Its value, where one exists.
    pub value: Option<Value>,
    /// Unit, currency, counted noun or time unit.
    pub unit: Option<String>,
    /// Kind.
    pub kind: QuantityKind,
}

/// Lookup tables built once from `rules/numbers.yaml`.
#[derive(Debug, Clone)]
pub struct NumberLexicon {
    words: HashMap<String, f64>,
    scales: HashMap<String, f64>,
    ordinals: HashMap<String, f64>,
    months: HashMap<String, u32>,
    weekdays: Vec<String>,
    /// Relative-time phrases by first word, longest first.
    relative: HashMap<String, Vec<Vec<String>>>,
    duration_units: HashSet<String>,
    /// Words that make a number joined to a unit of time an age ("old").
    age_words: crate::rules::WordSet,
    currencies: HashMap<String, String>,
    not_count: HashSet<String>,
    count_adjectives: HashSet<String>,
    weak_numbers: HashSet<String>,
    time_anchors: HashSet<String>,
    span_openers: crate::rules::WordSet,
    ambiguous_months: crate::rules::WordSet,
    ordinal_suffixes: crate::rules::WordSet,
    multiples: HashMap<String, f64>,
    /// Linking verbs that end an ordinal list item's lead-in.
    pub(crate) ordinal_item_links: crate::rules::WordSet,
    /// Complementizers skipped after an ordinal item's lead-in.
    pub(crate) ordinal_item_markers: crate::rules::WordSet,
    /// Percent words and phrases, split into lower-case words.
    percent_words: Vec<Vec<String>>,
}

impl NumberLexicon {
    /// Build the tables from the rules.
    pub fn new(rules: &Rules) -> Self {
        let n = &rules.numbers;
        let mut relative: Vec<Vec<String>> = n
            .relative_times
            .iter()
            .map(|r| r.split_whitespace().map(|w| w.to_lowercase()).collect())
            .collect();
        relative.sort_by_key(|r| std::cmp::Reverse(r.len()));
        NumberLexicon {
            words: n.words.clone(),
            scales: n.scales.clone(),
            ordinals: n.ordinals.clone(),
            months: n.months.clone(),
            weekdays: n.weekdays.clone(),
            relative: {
                let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::default();
                for r in relative {
                    by_first.entry(r[0].clone()).or_default().push(r);
                }
                by_first
            },
            duration_units: n.duration_units.iter().cloned().collect(),
            age_words: n.age_words.clone(),
            currencies: n.currencies.clone(),
            not_count: n.not_count_nouns.iter().cloned().collect(),
            count_adjectives: n.count_adjectives.iter().cloned().collect(),
            weak_numbers: n.weak_number_words.iter().cloned().collect(),
            time_anchors: n.time_anchors.iter().cloned().collect(),
            span_openers: n.span_openers.clone(),
            ambiguous_months: n.ambiguous_months.clone(),
            ordinal_suffixes: n.ordinal_suffixes.clone(),
            multiples: n.multiples.clone(),
            ordinal_item_links: n.ordinal_item_links.clone(),
            ordinal_item_markers: n.ordinal_item_markers.clone(),
            percent_words: n
                .percent_words
                .iter()
                .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
                .collect(),
        }
    }

    /// Value of a number word or hyphenated number word ("twenty-five").
    pub fn word_value(&self, key: &str) -> Option<f64> {
        if let Some(v) = self.words.get(key) {
            return Some(*v);
        }
        let (tens, ones) = key.split_once('-')?;
        let (a, b) = (self.words.get(tens)?, self.words.get(ones)?);
        (*a >= 20.0 && *b < 10.0).then_some(a + b)
    }
}

fn parse_digits(s: &str) -> Option<f64> {
    s.replace(',', "").parse::<f64>().ok()
}

/// A number glued to a word: "35million" → (35, "million"), "49g" → (49, "g"),
/// "1,100ft" → (1100, "ft").
fn glued(key: &str) -> Option<(f64, &str)> {
    let split = key.find(|c: char| c.is_ascii_alphabetic())?;
    let (num, rest) = key.split_at(split);
    if num.is_empty() || !rest.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    Some((parse_digits(num)?, rest))
}

/// Find the quantities in one sentence's tokens.
pub fn extract(text: &str, toks: &[Token], lex: &NumberLexicon) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((q, next)) = at(text, toks, i, lex) {
            out.push(q);
            i = next;
        } else {
            i += 1;
        }
    }
    out
}

/// The quantity that starts at token `i`, and the token after it: the first
/// reader in [`READERS`] that finds one.
fn at(text: &str, toks: &[Token], i: usize, lex: &NumberLexicon) -> Option<(Quantity, usize)> {
    READERS.iter().find_map(|read| read(text, toks, i, lex))
}

/// A reader of one form of quantity at a token.
type Reader = fn(&str, &[Token], usize, &NumberLexicon) -> Option<(Quantity, usize)>;

/// The readers, most specific first: a phrase or a date before the number in it.
const READERS: [Reader; 9] = [
    relative_time,
    since_anchor,
    weekday,
    month_date,
    money_symbol,
    ordinal_word,
    number_in_word,
    slashed_digits,
    plain_number,
];

/// The quantity over tokens `start..end`, and the token after it.
fn q(
    toks: &[Token],
    start: usize,
    end: usize,
    value: Option<Value>,
    unit: Option<String>,
    kind: QuantityKind,
) -> (Quantity, usize) {
    (
        Quantity {
            span: toks[start].span().cover(&toks[end - 1].span()),
            value,
            unit,
            kind,
        },
        end,
    )
}

/// A relative time or time span ("last week", "so far this year"): the longest phrase.
fn relative_time(
    _text: &str,
    toks: &[Token],
    i: usize,
    lex: &NumberLexicon,
) -> Option<(Quantity, usize)> {
    let t = &toks[i];
    let key = t.key.as_str();
    // relative times and time spans: longest phrase first
    for phrase in lex.relative.get(key).map(|v| v.as_slice()).unwrap_or(&[]) {
        if i + phrase.len() <= toks.len() && phrase.iter().zip(&toks[i..]).all(|(p, t)| *p == t.key)
        {
            return Some(q(
                toks,
                i,
                i + phrase.len(),
                None,
                Some(phrase.join(" ")),
                QuantityKind::Time,
            ));
        }
    }
    None
}

/// "since Moscow's invasion", "since the war began": a span from an event.
fn since_anchor(
    _text: &str,
    toks: &[Token],
    i: usize,
    lex: &NumberLexicon,
) -> Option<(Quantity, usize)> {
    let t = &toks[i];
    let key = t.key.as_str();
    // "since Moscow's invasion", "since the war began"
    if lex.span_openers.contains(key) {
        if let Some(off) = toks[i + 1..]
            .iter()
            .take(4)
            .position(|t| lex.time_anchors.contains(t.key.as_str()))
        {
            let end = i + 2 + off;
            let anchor = toks[end - 1].key;
            return Some(q(
                toks,
                i,
                end,
                None,
                Some(format!("since {anchor}")),
                QuantityKind::Time,
            ));
        }
    }
    None
}

/// A weekday ("Tuesday", "Tuesday's").
fn weekday(
    _text: &str,
    toks: &[Token],
    i: usize,
    lex: &NumberLexicon,
) -> Option<(Quantity, usize)> {
    let t = &toks[i];
    let key = t.key.as_str();
    if let Some(d) = lex
        .weekdays
        .iter()
        .position(|w| *w == super::tokens::without_possessive(key))
    {
        let weekday = Value::Weekday {
            weekday: d as u8 + 1,
        };
        return Some(q(toks, i, i + 1, Some(weekday), None, QuantityKind::Date));
    }
    None
}

/// A month with its day and year where they follow ("Jan. 5, 2014", "March 2019").
fn month_date(
    text: &str,
    toks: &[Token],
    i: usize,
    lex: &NumberLexicon,
) -> Option<(Quantity, usize)> {
    let t = &toks[i];
    let key = t.key.as_str();
    // month [day][, year]
    let month_key = key.trim_end_matches('.');
    if let Some(&m) = lex.months.get(month_key) {
        let capital = t.is_capitalized(text);
        let mut end = i + 1;
        if end < toks.len() && toks[end].key == "." {
            end += 1;
        }
        let day = toks
            .get(end)
            .filter(|x| x.kind() == TokenKind::Number)
            .and_then(|x| parse_digits(&x.key));
        if capital
            && (month_key.len() > 3 || day.is_some())
            && !(lex.ambiguous_months.contains(month_key) && day.is_none())
        {
            let (mut year, mut day_of_month) = (None, None);
            if let Some(d) = day.filter(|d| *d >= 1.0 && *d <= 31.0) {
                day_of_month = Some(d as u8);
                end += 1;
                if end + 1 < toks.len()
                    && toks[end].key == ","
                    && toks[end + 1].kind() == TokenKind::Number
                {
                    if let Some(y) =
                        parse_digits(&toks[end + 1].key).filter(|y| (1000.0..3000.0).contains(y))
                    {
                        year = Some(y as u16);
                        end += 2;
                    }
                }
            } else if let Some(y) = day.filter(|y| (1000.0..3000.0).contains(y)) {
                year = Some(y as u16);
                end += 1;
            } else {
                end = i + 1;
            }
            let date = Value::Date {
                year,
                month: Some(m as u8),
                day: day_of_month,
            };
            return Some(q(toks, i, end, Some(date), None, QuantityKind::Date));
        }
    }
    None
}

/// Money written with a currency symbol: "$300", "£35million", "$5 billion".
fn money_symbol(
    _text: &str,
    toks: &[Token],
    i: usize,
    lex: &NumberLexicon,
) -> Option<(Quantity, usize)> {
    let t = &toks[i];
    let key = t.key.as_str();
    // money: currency symbol + number [scale]
    if let Some(cur) = lex.currencies.get(key) {
        // "£35million", "$300m"
        let glued_scale = toks
            .get(i + 1)
            .filter(|n| n.kind() == TokenKind::Word && n.span().start == t.span().end)
            .and_then(|n| glued(&n.key))
            .and_then(|(v, suffix)| Some(v * lex.scales.get(suffix)?));
        if let (TokenKind::Punct, Some(v)) = (t.kind(), glued_scale) {
            return Some(q(
                toks,
                i,
                i + 2,
                Some(Value::Number(v)),
                Some(cur.clone()),
                QuantityKind::Money,
            ));
        }
        if t.kind() == TokenKind::Punct
            && i + 1 < toks.len()
            && toks[i + 1].kind() == TokenKind::Number
        {
            let mut v = parse_digits(&toks[i + 1].key)?;
            let mut end = i + 2;
            if let Some(s) = toks.get(end).and_then(|x| lex.scales.get(x.key.as_str())) {
                v *= s;
                end += 1;
            }
            return Some(q(
                toks,
                i,
                end,
                Some(Value::Number(v)),
                Some(cur.clone()),
                QuantityKind::Money,
            ));
        }
    }
    None
}

/// An ordinal word: "third".
fn ordinal_word(
    _text: &str,
    toks: &[Token],
    i: usize,
    lex: &NumberLexicon,
) -> Option<(Quantity, usize)> {
    let t = &toks[i];
    let key = t.key.as_str();
    // ordinals
    if let Some(&v) = lex.ordinals.get(key) {
        if v > 0.0 {
            return Some(q(
                toks,
                i,
                i + 1,
                Some(Value::Number(v)),
                None,
                QuantityKind::Ordinal,
            ));
        }
    }
    None
}

/// A number inside a word: "21st", "19-year-old", "2.6m", "49g", "the 1940s".
fn number_in_word(
    _text: &str,
    toks: &[Token],
    i: usize,
    lex: &NumberLexicon,
) -> Option<(Quantity, usize)> {
    let t = &toks[i];
    let key = t.key.as_str();
    if t.kind() == TokenKind::Word {
        let digits: String = key.chars().take_while(|c| c.is_ascii_digit()).collect();
        let rest = &key[digits.len()..];
        if !digits.is_empty() && lex.ordinal_suffixes.contains(rest) {
            return Some(q(
                toks,
                i,
                i + 1,
                digits.parse().ok().map(Value::Number),
                None,
                QuantityKind::Ordinal,
            ));
        }
        // "19-year-old", "10-day"
        if !digits.is_empty() && rest.starts_with('-') {
            let unit = rest[1..].split('-').next().unwrap_or("").to_string();
            let kind = if lex.duration_units.contains(&unit) {
                QuantityKind::Duration
            } else {
                QuantityKind::Count
            };
            return Some(q(
                toks,
                i,
                i + 1,
                digits.parse().ok().map(Value::Number),
                Some(unit),
                kind,
            ));
        }
        // an age in words: "six-year-old", "twenty-five-year-old", "two-month-old"
        // (a number word joined to a unit of time and an age word; "a four-day
        // ordeal" or "a three-year deal" describe loosely and are left alone)
        if digits.is_empty() {
            let parts: Vec<&str> = key.split('-').collect();
            let number_then_unit = (1..parts.len().min(3)).find_map(|n| {
                let v = lex.word_value(&parts[..n].join("-"))?;
                (lex.duration_units.contains(parts[n])
                    && parts.get(n + 1).is_some_and(|w| lex.age_words.contains(w)))
                .then(|| (v, parts[n].to_string()))
            });
            if let Some((v, unit)) = number_then_unit {
                return Some(q(
                    toks,
                    i,
                    i + 1,
                    Some(Value::Number(v)),
                    Some(unit),
                    QuantityKind::Duration,
                ));
            }
        }
        // "2.6m" people, "49g" of fat, "1,100ft", "the 1940s": a number glued to
        // a scale or a unit
        if let Some((v, suffix)) = glued(key) {
            if let Some(scale) = lex.scales.get(suffix) {
                return Some(q(
                    toks,
                    i,
                    i + 1,
                    Some(Value::Number(v * scale)),
                    None,
                    QuantityKind::Number,
                ));
            }
            if suffix.len() <= 4 {
                // "the 60s" is the 1960s
                let v = if suffix == "s" && v < 100.0 && v % 10.0 == 0.0 {
                    1900.0 + v
                } else {
                    v
                };
                return Some(q(
                    toks,
                    i,
                    i + 1,
                    Some(Value::Number(v)),
                    Some(suffix.to_string()),
                    QuantityKind::Count,
                ));
            }
        }
    }
    None
}

/// "9/11", "24/7", "3/4": digits joined by a slash are a date, a rate or a
/// fraction, never two numbers; "m/d" with a plausible month and day is a date.
fn slashed_digits(
    _text: &str,
    toks: &[Token],
    i: usize,
    _lex: &NumberLexicon,
) -> Option<(Quantity, usize)> {
    let t = &toks[i];
    let key = t.key.as_str();
    // "9/11", "24/7", "3/4": digits joined by a slash are a date, a rate or a
    // fraction, never two numbers; "m/d" with a plausible month and day is a date
    if t.kind() == TokenKind::Number
        && toks
            .get(i + 1)
            .is_some_and(|s| s.key == "/" && s.span().start == t.span().end)
        && toks
            .get(i + 2)
            .is_some_and(|n| n.kind() == TokenKind::Number && n.span().start == t.span().end + 1)
    {
        let (a, b) = (parse_digits(key), parse_digits(&toks[i + 2].key));
        let date = match (a, b) {
            (Some(m), Some(d)) if (1.0..=12.0).contains(&m) && (1.0..=31.0).contains(&d) => {
                Some(Value::Date {
                    year: None,
                    month: Some(m as u8),
                    day: Some(d as u8),
                })
            }
            _ => None,
        };
        let kind = if date.is_some() {
            QuantityKind::Date
        } else {
            QuantityKind::Number
        };
        return Some(q(toks, i, i + 3, date, None, kind));
    }
    None
}

/// A plain number (digits or number words, with a scale), read as a year, a
/// percent, money, a duration, a count of the noun after it, or a bare number.
fn plain_number(
    text: &str,
    toks: &[Token],
    i: usize,
    lex: &NumberLexicon,
) -> Option<(Quantity, usize)> {
    let t = &toks[i];
    let key = t.key.as_str();
    // plain numbers: digits or number words, with scale
    let mut value = if t.kind() == TokenKind::Number {
        parse_digits(key)?
    } else {
        lex.word_value(key)?
    };
    let weak = lex.weak_numbers.contains(key);
    let mut end = i + 1;
    while let Some(s) = toks.get(end).and_then(|x| {
        lex.scales
            .get(x.key.as_str())
            .or_else(|| lex.multiples.get(x.key.as_str()))
    }) {
        value *= s;
        end += 1;
    }
    if weak && end == i + 1 {
        return None;
    }
    // years
    if t.kind() == TokenKind::Number
        && end == i + 1
        && !key.contains(['.', ','])
        && (1800.0..2100.0).contains(&value)
    {
        let prev = i.checked_sub(1).map(|p| toks[p].key.as_str());
        if !matches!(prev, Some("$") | Some("€") | Some("£")) {
            return Some(q(
                toks,
                i,
                end,
                Some(Value::year(value as u16)),
                None,
                QuantityKind::Date,
            ));
        }
    }
    let value = Value::Number(value);
    if let Some(next) = toks.get(end) {
        // "%", "percent", "per cent": the longest phrase that follows
        let percent = lex
            .percent_words
            .iter()
            .filter(|p| {
                !p.is_empty()
                    && p.iter()
                        .enumerate()
                        .all(|(k, w)| toks.get(end + k).is_some_and(|t| t.key == *w))
            })
            .map(Vec::len)
            .max();
        if let Some(len) = percent {
            return Some(q(
                toks,
                i,
                end + len,
                Some(value),
                None,
                QuantityKind::Percent,
            ));
        }
        if let Some(cur) = lex.currencies.get(next.key.as_str()) {
            if next.kind() == TokenKind::Word {
                return Some(q(
                    toks,
                    i,
                    end + 1,
                    Some(value),
                    Some(cur.clone()),
                    QuantityKind::Money,
                ));
            }
        }
        if lex.duration_units.contains(next.key.as_str()) {
            return Some(q(
                toks,
                i,
                end + 1,
                Some(value),
                Some(next.key.to_string()),
                QuantityKind::Duration,
            ));
        }
        let is_noun = |t: &Token| {
            t.kind() == TokenKind::Word
                && !lex.not_count.contains(t.key.as_str())
                && !t.is_capitalized(text)
                && lex.word_value(&t.key).is_none()
        };
        // adjectives and a name may stand between the number and its noun ("40 new
        // teachers", "three Premier League wins", "four straight wins")
        let modifier = |t: &Token| {
            t.kind() == TokenKind::Word
                && (lex.count_adjectives.contains(t.key.as_str())
                    || (t.is_capitalized(text) && lex.word_value(&t.key).is_none()))
        };
        let mut k = end;
        while k < end + COUNT_MODIFIERS_MAX && toks.get(k).is_some_and(modifier) {
            k += 1;
        }
        if k > end {
            if let Some(noun) = toks.get(k).filter(|t| is_noun(t)) {
                return Some(q(
                    toks,
                    i,
                    k + 1,
                    Some(value),
                    Some(noun.key.to_string()),
                    QuantityKind::Count,
                ));
            }
        }
        if next.kind() == TokenKind::Word
            && !lex.not_count.contains(next.key.as_str())
            && !next.is_capitalized(text)
            && lex.word_value(&next.key).is_none()
        {
            return Some(q(
                toks,
                i,
                end + 1,
                Some(value),
                Some(next.key.to_string()),
                QuantityKind::Count,
            ));
        }
    }
    Some(q(toks, i, end, Some(value), None, QuantityKind::Number))
}

/// Words (adjectives, a name) that may stand between a number and the noun it counts.
const COUNT_MODIFIERS_MAX: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn quants(s: &str) -> Vec<(String, Option<Value>, Option<String>, QuantityKind)> {
        let rules = Rules::builtin().unwrap();
        let lex = NumberLexicon::new(&rules);
        let toks = tokenize(s, Span::new(0, s.len()));
        extract(s, &toks, &lex)
            .into_iter()
            .map(|q| (q.span.text(s).to_string(), q.value, q.unit, q.kind))
            .collect()
    }

    #[test]
    fn a_name_or_adjectives_between_a_number_and_its_noun() {
        let q = quants("Leicester made it three Premier League wins, then four straight wins.");
        let counted: Vec<(Option<Value>, Option<String>)> =
            q.iter().map(|(_, v, u, _)| (*v, u.clone())).collect();
        assert!(
            counted.contains(&(Some(Value::Number(3.0)), Some("wins".into()))),
            "{q:?}"
        );
        assert!(
            counted.contains(&(Some(Value::Number(4.0)), Some("wins".into()))),
            "{q:?}"
        );
        // a capitalised word counted itself stays a bare number
        let q = quants("Two Americans were hurt.");
        assert!(
            q.iter().all(|(_, _, u, _)| u.as_deref() != Some("were")),
            "{q:?}"
        );
    }

    #[test]
    fn slashed_digits_are_one_quantity() {
        let q = quants("After 9/11 the office ran 24/7 and 40 new teachers came.");
        assert_eq!(
            q[0],
            (
                "9/11".to_string(),
                Some(Value::Date {
                    year: None,
                    month: Some(9),
                    day: Some(11)
                }),
                None,
                QuantityKind::Date
            )
        );
        assert_eq!(q[1], ("24/7".to_string(), None, None, QuantityKind::Number));
        assert_eq!(
            q[2],
            (
                "40 new teachers".to_string(),
                Some(Value::Number(40.0)),
                Some("teachers".to_string()),
                QuantityKind::Count
            )
        );
        assert_eq!(q.len(), 3);
    }

    #[test]
    fn counts_durations_times_and_days() {
        let q = quants("Blinken made three points on Thursday, one year after the invasion, their first meeting in months.");
        assert_eq!(
            q[0],
            (
                "three points".into(),
                Some(Value::Number(3.0)),
                Some("points".into()),
                QuantityKind::Count
            )
        );
        assert_eq!(
            q[1],
            (
                "Thursday".into(),
                Some(Value::Weekday { weekday: 4 }),
                None,
                QuantityKind::Date
            )
        );
        assert_eq!(
            q[2],
            (
                "one year".into(),
                Some(Value::Number(1.0)),
                Some("year".into()),
                QuantityKind::Duration
            )
        );
        assert_eq!(q[3].3, QuantityKind::Ordinal);
        assert_eq!(
            q[4],
            (
                "in months".into(),
                None,
                Some("in months".into()),
                QuantityKind::Time
            )
        );
    }

    #[test]
    fn money_percent_dates_and_words() {
        let q = quants("It cost $1.5 million, up 12% since Feb. 24, 2022, and twenty-five people and a dozen cars.");
        assert_eq!(
            q[0],
            (
                "$1.5 million".into(),
                Some(Value::Number(1_500_000.0)),
                Some("USD".into()),
                QuantityKind::Money
            )
        );
        assert_eq!(
            q[1],
            (
                "12%".into(),
                Some(Value::Number(12.0)),
                None,
                QuantityKind::Percent
            )
        );
        assert_eq!(
            q[2],
            (
                "Feb. 24, 2022".into(),
                Some(Value::Date {
                    year: Some(2022),
                    month: Some(2),
                    day: Some(24)
                }),
                None,
                QuantityKind::Date
            )
        );
        assert_eq!(
            q[3],
            (
                "twenty-five people".into(),
                Some(Value::Number(25.0)),
                Some("people".into()),
                QuantityKind::Count
            )
        );
        assert_eq!(
            q[4],
            (
                "a dozen cars".into(),
                Some(Value::Number(12.0)),
                Some("cars".into()),
                QuantityKind::Count
            )
        );
    }

    #[test]
    fn ages_and_years() {
        let q = quants("The 19-year-old won in 1943 with 5 votes.");
        assert_eq!(
            q[0],
            (
                "19-year-old".into(),
                Some(Value::Number(19.0)),
                Some("year".into()),
                QuantityKind::Duration
            )
        );
        assert_eq!(
            q[1],
            (
                "1943".into(),
                Some(Value::year(1943)),
                None,
                QuantityKind::Date
            )
        );
        assert_eq!(
            q[2],
            (
                "5 votes".into(),
                Some(Value::Number(5.0)),
                Some("votes".into()),
                QuantityKind::Count
            )
        );
    }

    #[test]
    fn numbers_glued_to_a_scale_or_a_unit() {
        let q = quants("It cost £35million, with 2.6m viewers, 49g of fat at 1,100ft in the 60s.");
        assert_eq!(
            q[0],
            (
                "£35million".into(),
                Some(Value::Number(35_000_000.0)),
                Some("GBP".into()),
                QuantityKind::Money
            )
        );
        assert_eq!(
            q[1],
            (
                "2.6m".into(),
                Some(Value::Number(2_600_000.0)),
                None,
                QuantityKind::Number
            )
        );
        assert_eq!(
            q[2],
            (
                "49g".into(),
                Some(Value::Number(49.0)),
                Some("g".into()),
                QuantityKind::Count
            )
        );
        assert_eq!(
            q[3],
            (
                "1,100ft".into(),
                Some(Value::Number(1100.0)),
                Some("ft".into()),
                QuantityKind::Count
            )
        );
        assert_eq!(
            q[4],
            (
                "60s".into(),
                Some(Value::Number(1960.0)),
                Some("s".into()),
                QuantityKind::Count
            )
        );
    }
}
