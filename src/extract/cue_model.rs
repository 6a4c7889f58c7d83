//! A learned second opinion on attribution cues: a logistic model over the words
//! around each token and the rule extractor's own marks, trained on PolNeAR's
//! train split (`tools/train_cue_model.py`) and stored as plain weights in
//! `rules/cue_model.tsv`. It drops rule attributions whose cue it finds unlikely
//! and proposes cues the rules miss ("officials think", "she supports").

use super::attributions::Attribution;
use super::tokens::{Token, TokenKind};

pub use crate::cue_weights::CueModel;
use crate::cue_weights::{hash, WORD_ROLES};
use crate::rules::WordSet;

impl CueModel {
    /// The probability that each token of a sentence belongs to a cue.
    pub fn score(
        &self,
        text: &str,
        toks: &[Token],
        rule: &[&Attribution],
        in_quote: bool,
        complementizers: &WordSet,
    ) -> Vec<f32> {
        const NONE: [f32; WORD_ROLES.len()] = [0.0; WORD_ROLES.len()];
        // each token's word looked up once; its neighbours read it by index
        let entries: Vec<[f32; WORD_ROLES.len()]> = toks
            .iter()
            .map(|t| self.word(t.key.as_str()).unwrap_or(NONE))
            .collect();
        let before = self.word(SENTENCE_START).unwrap_or(NONE);
        let after = self.word(SENTENCE_END).unwrap_or(NONE);
        let entry = |j: isize| {
            if j < 0 {
                &before
            } else {
                entries.get(j as usize).unwrap_or(&after)
            }
        };
        // the weights of the features naming no word, looked up once
        let flag_weights = FLAG_NAMES.map(|name| self.flag(name).unwrap_or(0.0));
        let mut sums = vec![self.bias(); toks.len()];
        let mut buf = String::new();
        for_each_feature(text, toks, rule, in_quote, complementizers, |i, f| {
            // a missing weight adds 0, which leaves a sum as it was
            sums[i] += match f {
                Feature::Word(role, j) => entry(j)[role],
                Feature::Suffix(s) => self.suffix(s).unwrap_or(0.0),
                Feature::Flag(flag) => flag_weights[flag as usize],
                f @ Feature::Pair(..) => {
                    buf.clear();
                    f.write(toks, &mut buf);
                    self.pair(hash(&buf)).unwrap_or(0.0)
                }
            };
        });
        sums.into_iter().map(|z| 1.0 / (1.0 + (-z).exp())).collect()
    }
}

/// The word before a sentence's first token.
const SENTENCE_START: &str = "<s>";
/// The word after a sentence's last token.
const SENTENCE_END: &str = "</s>";

/// One feature of a token, named without formatting it: scoring reads its
/// weight from a table, training writes it out as text.
#[derive(Debug, Clone, Copy)]
enum Feature<'a> {
    /// The word of token `j` (or the sentence's start or end past its ends) in
    /// the role `WORD_ROLES[role]`.
    Word(usize, isize),
    /// `pw` (the word before and this one) or `wn` (this one and the next),
    /// of tokens `j` and `j + 1`.
    Pair(&'static str, isize),
    /// The token's last three characters.
    Suffix(&'a str),
    /// A feature naming no word (`shape=C`, `rc`, `inq`, ...).
    Flag(Flag),
}

/// The features naming no word, in the order of [`FLAG_NAMES`].
#[derive(Debug, Clone, Copy)]
enum Flag {
    ShapeCapitalised,
    ShapeLowerCase,
    ShapeNumber,
    ShapePunctuation,
    InRuleCue,
    InRuleContent,
    InRuleSpeaker,
    InQuotation,
    SentenceQuotes,
    SentenceHasRule,
    AfterCapitalised,
    First,
    ComplementizerNext,
}

/// The names of the [`Flag`] features in the weights file.
const FLAG_NAMES: [&str; 13] = [
    "shape=C", "shape=l", "shape=d", "shape=p", "rc", "rt", "rs", "inq", "sq", "srule", "pcap",
    "first", "nthat",
];

impl Feature<'_> {
    /// The feature's text, as the weights file names it.
    fn write(&self, toks: &[Token], out: &mut String) {
        let key = |j: isize| -> &str {
            if j < 0 {
                SENTENCE_START
            } else {
                toks.get(j as usize)
                    .map_or(SENTENCE_END, |t| t.key.as_str())
            }
        };
        // pieces pushed, not formatted: word pairs are written for every token
        let pieces: [&str; 5] = match *self {
            Feature::Word(role, j) => [WORD_ROLES[role], "=", key(j), "", ""],
            Feature::Pair(name, j) => [name, "=", key(j), "_", key(j + 1)],
            Feature::Suffix(s) => ["suf=", s, "", "", ""],
            Feature::Flag(flag) => [FLAG_NAMES[flag as usize], "", "", "", ""],
        };
        for piece in pieces {
            out.push_str(piece);
        }
    }
}

/// The features of every token of a sentence, as strings (for training).
pub fn features(
    text: &str,
    toks: &[Token],
    rule: &[&Attribution],
    in_quote: bool,
    complementizers: &WordSet,
) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new(); toks.len()];
    for_each_feature(text, toks, rule, in_quote, complementizers, |i, f| {
        let mut s = String::new();
        f.write(toks, &mut s);
        out[i].push(s)
    });
    out
}

/// Call `emit(token, feature)` for each feature of each token, in a fixed order
/// (scores add up in it). The rule marks say whether the token lies in a rule
/// attribution's cue, content or speaker; `complementizers` ("that") mark a
/// clause that may follow a cue.
fn for_each_feature(
    text: &str,
    toks: &[Token],
    rule: &[&Attribution],
    in_quote: bool,
    complementizers: &WordSet,
    mut emit: impl FnMut(usize, Feature),
) {
    let n = toks.len();
    // which tokens each kind of rule span overlaps, by a sweep over the spans
    // (linear in tokens plus spans, however many attributions a sentence has)
    let covered = |pick: &dyn Fn(&Attribution) -> Option<crate::span::Span>| -> Vec<bool> {
        let mut starts = vec![0i32; n + 1];
        for s in rule.iter().filter_map(|a| pick(a)) {
            // the tokens overlapping s: ending after its start, starting before its end
            let lo = toks.partition_point(|t| t.span().end <= s.start);
            let hi = toks.partition_point(|t| t.span().start < s.end);
            if lo < hi {
                starts[lo] += 1;
                starts[hi] -= 1;
            }
        }
        let mut depth = 0;
        starts[..n]
            .iter()
            .map(|d| {
                depth += d;
                depth > 0
            })
            .collect()
    };
    let (cue_marks, content_marks, speaker_marks) = (
        covered(&|a| Some(a.cue)),
        covered(&|a| Some(a.content)),
        covered(&|a| a.speaker),
    );
    let has_quote = toks.iter().any(|t| t.key == "\"");
    let mut quoted = in_quote;
    for i in 0..n {
        let t = &toks[i];
        if t.key == "\"" {
            quoted = match t.span().text(text) {
                "\u{201c}" => true,
                "\u{201d}" => false,
                _ => !quoted,
            };
        }
        let j = i as isize;
        let w = t.key.as_str();
        let mut f = |feature| emit(i, feature);
        f(Feature::Word(0, j));
        f(Feature::Word(1, j - 1));
        f(Feature::Word(2, j - 2));
        f(Feature::Word(3, j + 1));
        f(Feature::Word(4, j + 2));
        f(Feature::Pair("pw", j - 1));
        f(Feature::Pair("wn", j));
        let tail = w.char_indices().rev().nth(2).map_or(0, |(k, _)| k);
        f(Feature::Suffix(&w[tail..]));
        f(Feature::Flag(match t.kind() {
            TokenKind::Word if t.is_capitalized(text) => Flag::ShapeCapitalised,
            TokenKind::Word => Flag::ShapeLowerCase,
            TokenKind::Number => Flag::ShapeNumber,
            TokenKind::Punct => Flag::ShapePunctuation,
        }));
        if cue_marks[i] {
            f(Feature::Flag(Flag::InRuleCue));
            f(Feature::Word(5, j));
        }
        if content_marks[i] {
            f(Feature::Flag(Flag::InRuleContent));
        }
        if speaker_marks[i] {
            f(Feature::Flag(Flag::InRuleSpeaker));
        }
        if quoted {
            f(Feature::Flag(Flag::InQuotation));
        }
        if has_quote {
            f(Feature::Flag(Flag::SentenceQuotes));
        }
        if !rule.is_empty() {
            f(Feature::Flag(Flag::SentenceHasRule));
        }
        if i > 0 && toks[i - 1].is_capitalized(text) {
            f(Feature::Flag(Flag::AfterCapitalised));
        }
        if i == 0 {
            f(Feature::Flag(Flag::First));
        }
        if toks[i + 1..n.min(i + 4)]
            .iter()
            .any(|t| complementizers.contains(&t.key))
        {
            f(Feature::Flag(Flag::ComplementizerNext));
        }
    }
}

/// The rule attributions the model keeps, and the ones it adds where the rules
/// found no cue, sentence by sentence in cue order.
pub fn revise(
    doc_text: &str,
    input: &[super::attributions::SentenceTokens],
    rule: Vec<Attribution>,
    model: &CueModel,
    lex: &super::attributions::AttributionLexicon,
    entities: &[super::entities::Entity],
    index: &super::entities::MentionIndex,
) -> Vec<Attribution> {
    let mut out = Vec::with_capacity(rule.len());
    // the rule attributions come in sentence order: walk them alongside
    let mut next = 0;
    for s in input {
        let first = next + rule[next..].partition_point(|a| a.sentence < s.index);
        next = first + rule[first..].partition_point(|a| a.sentence == s.index);
        let mine: Vec<&Attribution> = rule[first..next].iter().collect();
        let toks = s.tokens;
        let p = model.score(doc_text, toks, &mine, s.in_quote, &lex.complementizers);
        // the best score of the tokens overlapping a span, found by binary search
        let best = |span: crate::span::Span| {
            let lo = toks.partition_point(|t| t.span().end <= span.start);
            let hi = toks.partition_point(|t| t.span().start < span.end);
            p[lo..hi.max(lo)].iter().copied().fold(0.0f32, f32::max)
        };
        let start = out.len();
        out.extend(
            mine.iter()
                .filter(|a| best(a.cue) >= model.keep)
                .map(|a| (*a).clone()),
        );
        for (a, b) in runs(&p, model.add) {
            let span = toks[a].span().cover(&toks[b - 1].span());
            // the rule cues come sorted: the first ending after the run's start
            let k = mine.partition_point(|r| r.cue.end <= span.start);
            if mine[k..]
                .iter()
                .take_while(|r| r.cue.start < span.end)
                .any(|r| r.cue.overlaps(&span))
            {
                continue;
            }
            if let Some(found) =
                super::attributions::from_learned_cue(doc_text, *s, (a, b), lex, entities, index)
            {
                out.push(found);
            }
        }
        out[start..].sort_by_key(|a| (a.cue.start, a.cue.end));
    }
    out
}

/// The runs of consecutive tokens scoring at least `threshold`, as token ranges.
pub fn runs(scores: &[f32], threshold: f32) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &p) in scores.iter().chain(std::iter::once(&0.0)).enumerate() {
        match (p >= threshold, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;
    use crate::span::Span;

    /// The built-in complementizers.
    fn that() -> WordSet {
        crate::rules::Rules::builtin()
            .expect("built-in rules")
            .attribution
            .complementizers
            .clone()
    }

    #[test]
    fn weights_parse_and_a_bad_line_names_its_number() {
        let m = CueModel::parse(
            "m.tsv",
            "# c\n@bias\t-2\n@keep\t0.3\nw=said\t4.5\npw=he_said\t1.5\n",
        )
        .unwrap();
        assert_eq!(m.keep, 0.3);
        let own_word = WORD_ROLES.iter().position(|r| *r == "w").unwrap();
        assert_eq!(m.word("said").unwrap()[own_word], 4.5);
        assert_eq!(m.pair(hash("pw=he_said")), Some(1.5));
        assert_eq!(m.pair(hash("w=said")), None);
        let e = CueModel::parse("m.tsv", "@bias\t-2\nw=said 4.5\n").unwrap_err();
        assert!(
            e.to_string().contains("m.tsv") && e.to_string().contains("line 2"),
            "{e}"
        );
        assert!(CueModel::parse("m.tsv", "@bais\t1\n").is_err());
        assert!(CueModel::parse("m.tsv", "w=a\tx\n").is_err());
    }

    #[test]
    fn a_weighted_word_scores_over_its_neighbours() {
        let m = CueModel::parse("m", "@bias\t-3\nw=thinks\t5\n").unwrap();
        let text = "She thinks so.";
        let toks = tokenize(text, Span::new(0, text.len()));
        let p = m.score(text, &toks, &[], false, &that());
        assert!(p[1] > 0.8 && p[0] < 0.1 && p[2] < 0.1, "{p:?}");
        assert_eq!(runs(&p, 0.5), vec![(1, 2)]);
    }

    #[test]
    fn features_see_the_rule_marks_and_quotes() {
        let text = "“Yes,” he said.";
        let toks = tokenize(text, Span::new(0, text.len()));
        let a = Attribution {
            speaker: Some(toks[4].span()),
            speaker_entity: None,
            cue: toks[5].span(),
            addressee: None,
            content: toks[1].span(),
            direct: true,
            sentence: 0,
            learned: false,
        };
        let f = features(text, &toks, &[&a], false, &that());
        assert!(f[5].contains(&"rc_w=said".to_string()));
        assert!(f[4].contains(&"rs".to_string()) && f[1].contains(&"rt".to_string()));
        assert!(f[1].contains(&"inq".to_string()) && !f[5].contains(&"inq".to_string()));
    }

    fn learned(text: &str, (a, b): (usize, usize)) -> Option<(Option<String>, String, String)> {
        let rules = crate::rules::Rules::builtin().unwrap();
        let lex = super::super::attributions::AttributionLexicon::new(&rules);
        let toks = tokenize(text, Span::new(0, text.len()));
        let s = super::super::attributions::SentenceTokens {
            index: 0,
            tokens: &toks,
            prev: None,
            in_quote: false,
        };
        let idx = super::super::entities::MentionIndex::default();
        let at = super::super::attributions::from_learned_cue(text, s, (a, b), &lex, &[], &idx)?;
        Some((
            at.speaker.map(|x| x.text(text).to_string()),
            at.cue.text(text).to_string(),
            at.content.text(text).to_string(),
        ))
    }

    #[test]
    fn a_learned_cue_takes_the_phrase_before_and_the_clause_after() {
        let (speaker, cue, content) =
            learned("Most voters support a ban on the sale of guns.", (2, 3)).unwrap();
        assert_eq!(speaker.as_deref(), Some("Most voters"));
        assert_eq!(cue, "support");
        assert_eq!(content, "a ban on the sale of guns");
        // nothing after the cue: the content is what comes before its speaker
        let (speaker, _, content) =
            learned("The deal is dead, officials believe.", (6, 7)).unwrap();
        assert_eq!(speaker.as_deref(), Some("officials"));
        assert_eq!(content, "The deal is dead");
    }

    #[test]
    fn the_shipped_model_finds_a_cue_the_rules_miss_and_keeps_said() {
        let engine = crate::Engine::new(crate::rules::Rules::builtin().unwrap());
        let text = "Many Republicans think the party has lost its way. The mayor said the road will reopen.";
        let a = engine
            .analyze("t", text.to_string(), crate::ingest::Format::Text)
            .unwrap();
        let cues: Vec<(&str, bool)> = a
            .claims
            .attributions
            .iter()
            .map(|x| (x.cue.text(text), x.learned))
            .collect();
        assert_eq!(cues, vec![("think", true), ("said", false)]);
        let mut rules_only = crate::Engine::new(crate::rules::Rules::builtin().unwrap());
        rules_only.lexicons.cue_model = None;
        let b = rules_only
            .analyze("t", text.to_string(), crate::ingest::Format::Text)
            .unwrap();
        assert_eq!(b.claims.attributions.len(), 1);
    }
}
