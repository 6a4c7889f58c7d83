//! Sentence segmentation tuned for news: abbreviations, initials, acronyms,
//! numbers, quotations, ellipses and inline lists, with word lists from
//! `rules/abbreviations.yaml`.

use crate::model::{Block, Sentence};
use crate::rules::Rules;
use crate::span::Span;

const TERMINATORS: &[char] = &['.', '?', '!', '…'];
const CLOSERS: &[char] = &['"', '”', '’', '\'', ')', ']', '»'];
const OPENERS: &[char] = &['"', '“', '‘', '\'', '[', '«'];
const INLINE_BULLETS: &[char] = &['•', '⁃'];

/// Split every block of a document into sentences.
pub fn sentences(text: &str, blocks: &[Block], rules: &Rules) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (bi, b) in blocks.iter().enumerate() {
        for span in split(text, b.span, rules) {
            out.push(Sentence { span, block: bi });
        }
    }
    out
}

/// A list marker ("1.", "2)", "b.", "3.)") at the start of `token`: its label.
fn list_marker(token: &str) -> Option<String> {
    let token = token.trim_start_matches(INLINE_BULLETS);
    let label_len = token.bytes().take_while(|b| b.is_ascii_digit()).count();
    let label_len = if label_len == 0 {
        let first = token.chars().next()?;
        if first.is_ascii_lowercase() {
            1
        } else {
            return None;
        }
    } else if label_len > 2 {
        return None;
    } else {
        label_len
    };
    let rest = &token[label_len..];
    if rest == "." || rest == ")" || rest == ".)" {
        Some(token[..label_len].to_string())
    } else {
        None
    }
}

/// The label that follows `label` in a list ("1" → "2", "a" → "b").
fn next_label(label: &str) -> Option<String> {
    if let Ok(n) = label.parse::<u32>() {
        return Some((n + 1).to_string());
    }
    let c = label.chars().next()?;
    char::from_u32(c as u32 + 1).map(|n| n.to_string())
}

fn is_acronym(word: &str) -> bool {
    // "U.S", "a.m", "E.U" (the final period is the terminator itself)
    let parts: Vec<&str> = word.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(|c| c.is_alphabetic()))
}

/// Where the word ending at byte `end` starts: after the last space before it,
/// never before the current sentence's start (`floor`, a glued boundary).
fn word_start(s: &str, end: usize, floor: usize) -> usize {
    s[..end]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8())
        .max(floor)
}

/// True when a period between `word` and the capital `next` with no space ends a
/// sentence: a number, or a word ending in two lower-case letters that is no
/// abbreviation ("longer.MSCI's"), not an initialism ("U.S.Army") nor a web address.
fn glued_sentences(word: &str, next: char, rules: &Rules) -> bool {
    let lower_end = word
        .chars()
        .rev()
        .take(2)
        .filter(|c| c.is_lowercase())
        .count()
        == 2;
    // a number ends a sentence too: "since Jan. 18.Japan's", "down 0.27%.Australia's"
    let number = word.chars().any(|c| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%'));
    let lw = word.to_lowercase();
    next.is_uppercase()
        && (number
            || (lower_end
                && !word.contains(['.', '/', '@'])
                && !rules.prepositive.contains(&lw)
                && !rules.ordinary.contains(&lw)))
}

/// Split the text of `span` into trimmed sentence spans.
pub fn split(text: &str, span: Span, rules: &Rules) -> Vec<Span> {
    let s = span.text(text);
    // offsets in 32 bits (`Engine::analyze` refuses longer texts): a long
    // paragraph's list costs 8 bytes a character, not 16
    let chars: Vec<(u32, char)> = s.char_indices().map(|(b, c)| (b as u32, c)).collect();
    let n = chars.len();
    let byte_at = |i: usize| if i < n { chars[i].0 as usize } else { s.len() };
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    let mut sent_start = 0usize;
    let mut expect_marker: Option<String> = None;
    let blank_so_far = |from: usize, to: usize| {
        s[from..to]
            .trim_matches(|c: char| c.is_whitespace() || INLINE_BULLETS.contains(&c))
            .is_empty()
    };
    let mut i = 0;
    while i < n {
        let (bi, c) = (chars[i].0 as usize, chars[i].1);
        let at_token_start = i == 0 || chars[i - 1].1.is_whitespace();
        if INLINE_BULLETS.contains(&c) && !blank_so_far(sent_start, bi) {
            bounds.push((sent_start, bi));
            sent_start = bi;
        }
        if at_token_start {
            let tok_end = s[bi..]
                .find(char::is_whitespace)
                .map_or(s.len(), |e| bi + e);
            if let Some(label) = list_marker(&s[bi..tok_end]) {
                if blank_so_far(sent_start, bi) {
                    expect_marker = next_label(&label);
                } else if expect_marker.as_deref() == Some(label.as_str()) {
                    bounds.push((sent_start, bi));
                    sent_start = bi;
                    expect_marker = next_label(&label);
                }
            }
        }
        if !TERMINATORS.contains(&c) {
            i += 1;
            continue;
        }
        // the run of terminators, including spaced ellipses ". . ."
        let mut j = i;
        while j < n {
            if TERMINATORS.contains(&chars[j].1) {
                j += 1;
            } else if chars[j].1 == ' ' && j + 1 < n && chars[j + 1].1 == '.' {
                j += 2;
            } else {
                break;
            }
        }
        let run = &s[bi..byte_at(j)];
        let mut after = j;
        while after < n && CLOSERS.contains(&chars[after].1) {
            after += 1;
        }
        if after >= n {
            break;
        }
        if !chars[after].1.is_whitespace() {
            // two sentences glued without a space: "for longer.MSCI's index fell",
            // "a client note.\"It concerns ..." (text pasted from a feed)
            let word_start = word_start(s, bi, sent_start);
            // a straight quote after the period opens the next sentence's quotation
            let at = if after > j && chars[j].1 == '"' {
                j
            } else {
                after
            };
            // the rest of the token: an address goes on ("Jane.Doe@example.com")
            let rest = s[byte_at(after)..]
                .split(char::is_whitespace)
                .next()
                .unwrap_or("");
            if run == "."
                && !rest.contains(['@', '/'])
                && glued_sentences(&s[word_start..bi], chars[after].1, rules)
            {
                bounds.push((sent_start, byte_at(at)));
                sent_start = byte_at(at);
                expect_marker = None;
            }
            i = after.max(i + 1);
            continue;
        }
        let mut k = after;
        while k < n && chars[k].1.is_whitespace() {
            k += 1;
        }
        if k >= n {
            break;
        }
        let nc = chars[k].1;
        let next_word: &str = {
            let from = byte_at(k);
            let to = s[from..]
                .find(char::is_whitespace)
                .map_or(s.len(), |e| from + e);
            s[from..to].trim_end_matches(|c: char| !c.is_alphanumeric())
        };
        let word_start = word_start(s, bi, sent_start);
        let word = s[word_start..bi].trim_start_matches(|c: char| {
            OPENERS.contains(&c) || c == '(' || INLINE_BULLETS.contains(&c)
        });
        let starts_sentence = nc.is_uppercase() || nc.is_ascii_digit() || OPENERS.contains(&nc);
        let boundary = if run == "." {
            let lw = word.to_lowercase();
            let single = word.chars().count() == 1;
            if (list_marker(&format!("{word}.")).is_some() && blank_so_far(sent_start, word_start))
                || rules.prepositive.contains(&lw)
            {
                false
            } else if single && word.chars().all(|c| c.is_uppercase()) {
                // an initial, unless the pronoun "I" ends a clause ("you and I. Did ...")
                let prev = s[..word_start].trim_end();
                let prev_word = prev.rsplit(char::is_whitespace).next().unwrap_or("");
                word == "I"
                    && prev_word.chars().next().is_some_and(|c| c.is_lowercase())
                    && starts_sentence
            } else if single && word.chars().all(|c| c.is_lowercase()) {
                false
            } else if is_acronym(word) || rules.ordinary.contains(&lw) {
                rules.sentence_starters.contains(next_word)
            } else {
                starts_sentence
            }
        } else if run.contains('?') || run.contains('!') {
            starts_sentence
        } else {
            // an ellipsis ends a sentence only before a capital that is not "I"
            nc.is_uppercase() && next_word != "I"
        };
        if boundary {
            bounds.push((sent_start, byte_at(after)));
            sent_start = byte_at(k);
            expect_marker = None;
        }
        i = after;
    }
    bounds.push((sent_start, s.len()));
    bounds
        .into_iter()
        .map(|(a, b)| Span::new(span.start + a, span.start + b).trim(text))
        .filter(|sp| !sp.is_empty())
        .flat_map(|sp| bounded(text, sp, rules.abbreviations.max_sentence_words))
        .collect()
}

/// Characters that end a clause inside a sentence: a long run-on sentence is
/// cut after a word ending with one.
const CLAUSE_ENDS: &[char] = &[',', ';', ':'];

/// `sentence` cut into pieces of at most `max_words` words: after the first
/// word ending a clause past half of them, or at `max_words`. A sentence
/// within the bound is returned whole.
fn bounded(text: &str, sentence: Span, max_words: usize) -> Vec<Span> {
    let s = sentence.text(text);
    let max_words = max_words.max(2);
    // cheap test first: few spaces, few words
    if s.split_whitespace().nth(max_words).is_none() {
        return vec![sentence];
    }
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut words = 0usize;
    let mut in_word = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if in_word {
                words += 1;
                in_word = false;
                let prev = s[..i].chars().next_back();
                let clause_end = prev.is_some_and(|p| CLAUSE_ENDS.contains(&p));
                if (clause_end && words >= max_words / 2) || words >= max_words {
                    out.push(Span::new(sentence.start + start, sentence.start + i).trim(text));
                    start = i;
                    words = 0;
                }
            }
        } else {
            in_word = true;
        }
    }
    out.push(Span::new(sentence.start + start, sentence.end).trim(text));
    out.retain(|sp| !sp.is_empty());
    out
}

/// A segmentation case of a rule file that the segmenter gets wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFailure {
    /// The case's input.
    pub text: String,
    /// What the rule file says it splits into.
    pub expected: Vec<String>,
    /// What the segmenter made of it.
    pub got: Vec<String>,
}

/// Run the test cases the rule files carry (`abbreviations.yaml` `tests:`).
pub fn failing_cases(rules: &Rules) -> Vec<CaseFailure> {
    rules
        .abbreviations
        .tests
        .iter()
        .filter_map(|case| {
            let got: Vec<String> = split(&case.text, Span::new(0, case.text.len()), rules)
                .iter()
                .map(|s| s.text(&case.text).to_string())
                .collect();
            (got != case.sentences).then(|| CaseFailure {
                text: case.text.clone(),
                expected: case.sentences.clone(),
                got,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(text: &str) -> Vec<String> {
        let rules = Rules::builtin().unwrap();
        split(text, Span::new(0, text.len()), &rules)
            .iter()
            .map(|s| s.text(text).to_string())
            .collect()
    }

    #[test]
    fn a_sentence_with_no_end_is_cut_at_clauses_within_the_bound() {
        let rules = Rules::builtin().unwrap();
        let max = rules.abbreviations.max_sentence_words;
        // a run-on text of 3 * max words, with a comma after word max / 2 + 10
        let words: Vec<String> = (0..3 * max)
            .map(|i| {
                if i == max / 2 + 10 {
                    "clause,".to_string()
                } else {
                    "word".to_string()
                }
            })
            .collect();
        let text = words.join(" ");
        let pieces = seg(&text);
        let counts: Vec<usize> = pieces
            .iter()
            .map(|p| p.split_whitespace().count())
            .collect();
        assert!(counts.iter().all(|&n| n <= max), "{counts:?}");
        assert_eq!(counts[0], max / 2 + 11, "cut after the comma");
        assert_eq!(counts.iter().sum::<usize>(), 3 * max);
        // a sentence within the bound stays whole
        assert_eq!(
            seg("One short sentence, with a comma, stays whole."),
            ["One short sentence, with a comma, stays whole."]
        );
    }

    #[test]
    fn rule_file_cases_pass() {
        let rules = Rules::builtin().unwrap();
        assert!(!rules.abbreviations.tests.is_empty());
        assert_eq!(failing_cases(&rules), vec![]);
    }

    #[test]
    fn honorifics_initials_and_acronyms_do_not_split() {
        assert_eq!(
            seg("Secretary of State Antony J. Blinken met Sergey V. Lavrov and Mr. Blinken left the U.S. embassy."),
            vec!["Secretary of State Antony J. Blinken met Sergey V. Lavrov and Mr. Blinken left the U.S. embassy."]
        );
        assert_eq!(
            seg("Dr. Smith, Gen. Milley, Sen. Cruz and Gov. Abbott met at St. Paul's. They ate."),
            vec![
                "Dr. Smith, Gen. Milley, Sen. Cruz and Gov. Abbott met at St. Paul's.",
                "They ate."
            ]
        );
        assert_eq!(
            seg("He works for Acme Inc. and Bell Co. in town."),
            vec!["He works for Acme Inc. and Bell Co. in town."]
        );
        assert_eq!(
            seg("John Smith Jr. The case ended."),
            vec!["John Smith Jr.", "The case ended."]
        );
    }

    #[test]
    fn sentences_glued_without_a_space() {
        assert_eq!(
            seg("Rates stay high for longer.MSCI's index fell 0.27%.Australia's index rose."),
            vec![
                "Rates stay high for longer.",
                "MSCI's index fell 0.27%.",
                "Australia's index rose."
            ]
        );
        // a straight quote after the period opens the next quotation
        assert_eq!(
            seg("They wrote in a note.\"It concerns us,\" said Kerry Craig."),
            vec![
                "They wrote in a note.",
                "\"It concerns us,\" said Kerry Craig."
            ]
        );
        // initialisms, abbreviations and addresses stay whole
        assert_eq!(
            seg("The U.S.Army and Mr.Smith met at Breitbart.com today."),
            vec!["The U.S.Army and Mr.Smith met at Breitbart.com today."]
        );
    }

    #[test]
    fn quotes_money_urls_and_ellipses() {
        assert_eq!(
            seg("\"We will win,\" she said. \"Never.\" She left."),
            vec!["\"We will win,\" she said.", "\"Never.\"", "She left."]
        );
        assert_eq!(
            seg("“This is great.” she said."),
            vec!["“This is great.” she said."]
        );
        assert_eq!(
            seg("It cost $100.00. It rose 1.5 percent."),
            vec!["It cost $100.00.", "It rose 1.5 percent."]
        );
        assert_eq!(
            seg("See www.example.com/a.html for more. Mail a.b@c.org today."),
            vec![
                "See www.example.com/a.html for more.",
                "Mail a.b@c.org today."
            ]
        );
        assert_eq!(
            seg("Wait... what? Really?! Yes."),
            vec!["Wait... what?", "Really?!", "Yes."]
        );
        assert_eq!(
            seg("He left at 5 p.m. on Friday. It rained."),
            vec!["He left at 5 p.m. on Friday.", "It rained."]
        );
        assert_eq!(
            seg("It ended at 5 p.m. The next day was calm."),
            vec!["It ended at 5 p.m.", "The next day was calm."]
        );
    }

    /// The English "golden rules" of rule-based sentence boundary detection.
    const GOLDEN: &[(&str, &[&str])] = &[
        ("Hello World. My name is Jonas.", &["Hello World.", "My name is Jonas."]),
        ("What is your name? My name is Jonas.", &["What is your name?", "My name is Jonas."]),
        ("There it is! I found it.", &["There it is!", "I found it."]),
        ("My name is Jonas E. Smith.", &["My name is Jonas E. Smith."]),
        ("Please turn to p. 55.", &["Please turn to p. 55."]),
        ("Were Jane and co. at the party?", &["Were Jane and co. at the party?"]),
        ("They closed the deal with Pitt, Briggs & Co. at noon.", &["They closed the deal with Pitt, Briggs & Co. at noon."]),
        ("Let's ask Jane and co. They should know.", &["Let's ask Jane and co.", "They should know."]),
        ("They closed the deal with Pitt, Briggs & Co. It closed yesterday.", &["They closed the deal with Pitt, Briggs & Co.", "It closed yesterday."]),
        ("I can see Mt. Fuji from here.", &["I can see Mt. Fuji from here."]),
        ("St. Michael's Church is on 5th st. near the light.", &["St. Michael's Church is on 5th st. near the light."]),
        ("That is JFK Jr.'s book.", &["That is JFK Jr.'s book."]),
        ("I visited the U.S.A. last year.", &["I visited the U.S.A. last year."]),
        ("I live in the E.U. How about you?", &["I live in the E.U.", "How about you?"]),
        ("I live in the U.S. How about you?", &["I live in the U.S.", "How about you?"]),
        ("I work for the U.S. Government in Virginia.", &["I work for the U.S. Government in Virginia."]),
        ("I have lived in the U.S. for 20 years.", &["I have lived in the U.S. for 20 years."]),
        ("At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.", &["At 5 a.m. Mr. Smith went to the bank.", "He left the bank at 6 P.M.", "Mr. Smith then went to the store."]),
        ("She has $100.00 in her bag.", &["She has $100.00 in her bag."]),
        ("She has $100.00. It is in her bag.", &["She has $100.00.", "It is in her bag."]),
        ("He teaches science (He previously worked for 5 years as an engineer.) at the local University.", &["He teaches science (He previously worked for 5 years as an engineer.) at the local University."]),
        ("Her email is Jane.Doe@example.com. I sent her an email.", &["Her email is Jane.Doe@example.com.", "I sent her an email."]),
        ("The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.", &["The site is: https://www.example.50.com/new-site/awesome_content.html.", "Please check it out."]),
        ("She turned to him, 'This is great.' she said.", &["She turned to him, 'This is great.' she said."]),
        ("She turned to him, \"This is great.\" she said.", &["She turned to him, \"This is great.\" she said."]),
        ("She turned to him, \"This is great.\" She held the book out to show him.", &["She turned to him, \"This is great.\"", "She held the book out to show him."]),
        ("Hello!! Long time no see.", &["Hello!!", "Long time no see."]),
        ("Hello?? Who is there?", &["Hello??", "Who is there?"]),
        ("Hello!? Is that you?", &["Hello!?", "Is that you?"]),
        ("Hello?! Is that you?", &["Hello?!", "Is that you?"]),
        ("1.) The first item 2.) The second item", &["1.) The first item", "2.) The second item"]),
        ("1.) The first item. 2.) The second item.", &["1.) The first item.", "2.) The second item."]),
        ("1) The first item 2) The second item", &["1) The first item", "2) The second item"]),
        ("1) The first item. 2) The second item.", &["1) The first item.", "2) The second item."]),
        ("1. The first item 2. The second item", &["1. The first item", "2. The second item"]),
        ("1. The first item. 2. The second item.", &["1. The first item.", "2. The second item."]),
        ("• 9. The first item • 10. The second item", &["• 9. The first item", "• 10. The second item"]),
        ("⁃9. The first item ⁃10. The second item", &["⁃9. The first item", "⁃10. The second item"]),
        ("a. The first item b. The second item c. The third list item", &["a. The first item", "b. The second item", "c. The third list item"]),
        ("You can find it at N°. 1026.253.553. That is where the treasure is.", &["You can find it at N°. 1026.253.553.", "That is where the treasure is."]),
        ("She works at Yahoo! in the accounting department.", &["She works at Yahoo! in the accounting department."]),
        ("We make a good team, you and I. Did you see Albert I. Jones yesterday?", &["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"]),
        ("Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”", &["Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”"]),
        ("\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55).", &["\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55)."]),
        ("If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . . Next sentence.", &["If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . .", "Next sentence."]),
        ("I never meant that.... She left the store.", &["I never meant that....", "She left the store."]),
        ("I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.", &["I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it."]),
        ("One further habit which was somewhat weakened . . . was that of combining words into self-standing units. . . . The same tendency held true.", &["One further habit which was somewhat weakened . . . was that of combining words into self-standing units. . . .", "The same tendency held true."]),
    ];

    #[test]
    fn golden_rules() {
        let mut failed = Vec::new();
        for (text, want) in GOLDEN {
            let got = seg(text);
            if got != *want {
                failed.push(format!("{text:?}\n  got {got:?}"));
            }
        }
        let passed = GOLDEN.len() - failed.len();
        eprintln!("golden rules: {passed}/{} passed", GOLDEN.len());
        for f in &failed {
            eprintln!("FAIL {f}");
        }
        // Measured: all but the a.m./P.M. case (which needs to know that "Mr. Smith"
        // after "a.m." continues one sentence and after "P.M." starts one).
        assert!(failed.len() <= 1, "{failed:#?}");
    }
}
