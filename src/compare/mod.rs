//! Comparison: turn an alignment into findings — contradictions, omissions
//! and unsupported additions — each with its rule, severity and spans.
//!
//! The checks are grouped in claim families, one file each, that list the
//! [`RuleId`]s they report. They run from one table ([`FAMILIES`]) in a fixed
//! order; a family that depends on earlier findings asks the [`Sink`] for them.
//! Adding a check: a function in its family's file (or a new family file and a
//! table row), a `RuleId` variant, and its entry in `rules/checks.yaml`.

mod attributions;
mod basis;
mod clauses;
mod entities;
mod frame_align;
mod lists;
mod omissions;
mod polarity;
mod pronouns;
mod quantities;
mod quotes;
mod roles;
mod sentences;
mod source_words;

use entities::SquashedText;

use crate::align::{align_with, Alignment, LinkIndex, SourceFeatures};
use crate::extract::entities::EntityKind;
use crate::extract::lists::ListClaim;
use crate::extract::quantities::{Quantity, QuantityKind, Value};
use crate::extract::tokens::{stem, TokenKind};
use crate::model::{BlockKind, Severity};
use crate::rules::Rules;
use crate::span::Span;
use crate::Analysis;
use rustc_hash::FxHashSet as HashSet;

pub use crate::model::{FindingKind, RuleId};
pub use basis::Basis;

/// One disagreement between source and draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Kind.
    pub kind: FindingKind,
    /// The rule that found it.
    pub rule: RuleId,
    /// Severity (the rule's default unless overridden).
    pub severity: Severity,
    /// One line saying what each side says.
    pub message: String,
    /// Spans in the source.
    pub source_spans: Vec<Span>,
    /// Spans in the draft.
    pub draft_spans: Vec<Span>,
    /// Why the two sides were paired, when the finding has both.
    pub basis: Option<Basis>,
}

/// The result of comparing one draft with one source.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Findings in report order.
    pub findings: Vec<Finding>,
}

struct Ctx<'a> {
    source: &'a Analysis,
    draft: &'a Analysis,
    al: &'a Alignment,
    rules: &'a Rules,
    /// The rules' word lists as the checks read them (stop words, negators,
    /// idioms, negating phrases, approximators, demand words).
    words: &'a crate::rules::CheckWords,
    /// Per source sentence, whether it holds a negator, read when first asked.
    source_negating: Vec<std::cell::OnceCell<bool>>,
    /// The entity rules' titles of two words or more, as word keys, built when
    /// first asked.
    long_titles: std::cell::OnceCell<Vec<Vec<String>>>,
}

/// Indexes the checks build of one analysis, kept with it ([`Analysis`]'s
/// `indexes`): a source read against several drafts (`batch`, `check`, a
/// `compare` with many drafts) builds each once, not once per draft. Each is
/// made from its analysis alone, never from the other side, and from no rules
/// but the stop words the content features record (a comparison with others
/// makes its own), so a kept one is the one a comparison would build. A clone
/// of an analysis starts with none (they are built again when asked).
#[derive(Default)]
pub struct DocIndexes {
    words: std::sync::OnceLock<source_words::SourceWords>,
    squashed: std::sync::OnceLock<SquashedText>,
    name_words: std::sync::OnceLock<entities::NameWords>,
    quotes: std::sync::OnceLock<Vec<crate::extract::quotes::Quotation>>,
    links: std::sync::OnceLock<LinkIndex>,
    features: std::sync::OnceLock<std::sync::Arc<SourceFeatures>>,
}

impl DocIndexes {
    /// Where each word key and stem of `a` stands.
    fn words(&self, a: &Analysis) -> &source_words::SourceWords {
        self.words
            .get_or_init(|| source_words::SourceWords::new(&a.claims.tokens))
    }

    /// The text of `a` squashed, its word starts sorted when it is long.
    fn squashed(&self, a: &Analysis) -> &SquashedText {
        self.squashed
            .get_or_init(|| SquashedText::indexed(&a.doc.text))
    }

    /// The name words of `a` filed for near-spelling look-ups.
    fn name_words(&self, a: &Analysis) -> &entities::NameWords {
        self.name_words
            .get_or_init(|| entities::NameWords::new(&a.claims.entities))
    }

    /// The entities of `a` filed for linking a draft's to them.
    fn links(&self, a: &Analysis) -> &LinkIndex {
        self.links
            .get_or_init(|| LinkIndex::new(&a.claims.entities))
    }

    /// The content features of `a`'s sentences with `stopwords` left out: the
    /// kept ones when they were made with the same stop words (the rules of
    /// one engine always give the same), else new ones.
    fn features(
        &self,
        a: &Analysis,
        stopwords: &[String],
        stop: &crate::rules::WordSet,
    ) -> std::sync::Arc<SourceFeatures> {
        let kept = self
            .features
            .get_or_init(|| std::sync::Arc::new(SourceFeatures::new(a, stopwords, stop)));
        if kept.made_with(stopwords) {
            kept.clone()
        } else {
            std::sync::Arc::new(SourceFeatures::new(a, stopwords, stop))
        }
    }

    /// The quotations of `a`, in text order.
    fn quotes(&self, a: &Analysis) -> &[crate::extract::quotes::Quotation] {
        self.quotes
            .get_or_init(|| crate::extract::quotes::quotations(&a.doc, &a.claims.tokens))
    }
}

impl Clone for DocIndexes {
    fn clone(&self) -> Self {
        DocIndexes::default()
    }
}

impl std::fmt::Debug for DocIndexes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocIndexes").finish_non_exhaustive()
    }
}

/// Where the families put their findings. A later family reads earlier ones
/// only through [`Sink::so_far`], never through hidden state.
struct Sink<'a> {
    rules: &'a Rules,
    /// The rules of the family running now: it may report only these.
    family: &'static [RuleId],
    out: Vec<Finding>,
}

impl Sink<'_> {
    /// Every finding the families before this one reported, in report order so far.
    fn so_far(&self) -> &[Finding] {
        &self.out
    }

    fn push_all(&mut self, found: Vec<Pending>) {
        for (rule, msg, s, d) in found {
            self.push(rule, msg, s, d);
        }
    }

    fn push(
        &mut self,
        rule: RuleId,
        message: String,
        source_spans: Vec<Span>,
        draft_spans: Vec<Span>,
    ) {
        debug_assert!(
            self.family.contains(&rule) || SHARED_RULES.contains(&rule),
            "{rule} is reported by a family that does not list it"
        );
        let Some(check) = self.rules.check(rule) else {
            return;
        };
        let (kind, severity) = (check.kind, check.severity);
        // quoted spans may hold line breaks or runs of blanks: one line, single spaces
        let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
        self.out.push(Finding {
            kind,
            rule,
            severity,
            message,
            source_spans,
            draft_spans,
            basis: None,
        });
    }
}

/// One claim family: the rules it reports and the check that finds them.
struct Family {
    /// Every rule the family reports.
    rules: &'static [RuleId],
    /// Reads the context, and earlier findings through the sink; pushes its own.
    check: fn(&Ctx, &mut Sink),
}

/// Rules any family may report, as none owns them: `other-event`, a
/// family's difference that the parse puts in another event
/// ([`difference_or_other_event`]).
const SHARED_RULES: [RuleId; 1] = [RuleId::OtherEvent];

/// The families in the order they run. Order matters only where a family reads
/// earlier findings: attributions read entities and quotations (a quotation
/// given to another speaker is reported once, as `quote-speaker`), sentences
/// read every family before them, omissions read lists.
const FAMILIES: [Family; 10] = [
    Family {
        rules: lists::RULES,
        check: lists::check,
    },
    Family {
        rules: entities::RULES,
        check: entities::check,
    },
    Family {
        rules: quantities::RULES,
        check: quantities::check,
    },
    Family {
        rules: quotes::RULES,
        check: quotes::check,
    },
    Family {
        rules: attributions::RULES,
        check: attributions::check,
    },
    Family {
        rules: sentences::RULES,
        check: sentences::check,
    },
    Family {
        rules: polarity::RULES,
        check: polarity::check,
    },
    Family {
        rules: roles::RULES,
        check: roles::check,
    },
    Family {
        rules: pronouns::RULES,
        check: pronouns::check,
    },
    Family {
        rules: omissions::RULES,
        check: omissions::check,
    },
];

/// A finding not yet pushed: rule id, message, source spans, draft spans.
type Pending = (RuleId, String, Vec<Span>, Vec<Span>);

fn cx_text(a: &Analysis, sp: Span) -> &str {
    sp.text(&a.doc.text)
}

/// `s` with its white space collapsed, cut to `max` characters with an
/// ellipsis when longer.
fn short(s: &str, max: usize) -> String {
    // its words joined by single spaces, read only until they pass `max`
    // characters (a sentence may run long)
    let mut out = String::with_capacity(s.len().min(4 * max + 4));
    let mut chars = 0;
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += word.chars().count();
        if chars > max {
            // the first max - 1 characters, and the ellipsis
            let cut = (out.char_indices())
                .nth(max.saturating_sub(1))
                .map_or(out.len(), |(at, _)| at);
            out.truncate(cut);
            out.push('…');
            return out;
        }
    }
    out
}

impl Ctx<'_> {
    fn st(&self, s: Span) -> &str {
        s.text(&self.source.doc.text)
    }

    fn dt(&self, s: Span) -> &str {
        s.text(&self.draft.doc.text)
    }

    fn item_features(&self, a: &Analysis, span: Span, linked: bool) -> Vec<String> {
        let text = &a.doc.text;
        // an item's first words say what it is: a claim running to the end of a
        // very long line ("He said \"" thousands of times) is read no further, so
        // the cost stays linear in the number of items
        let mut end = span.end.min(span.start + ITEM_BYTES_MAX);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let span = Span::new(span.start, end);
        let toks = crate::extract::tokens::tokenize(text, span);
        let mut f: Vec<String> = toks
            .iter()
            .filter(|t| t.kind() != TokenKind::Punct && !self.words.stop.contains(&t.key))
            .map(|t| t.key.stem().as_str().to_owned())
            .collect();
        for (_, i) in a.claims.index.within(span) {
            let key = if linked {
                self.draft_entity_key(i)
            } else {
                &a.claims.entities[i].key
            };
            f.push(format!("@{key}"));
        }
        f.sort();
        f.dedup();
        f
    }

    /// The source's words indexed by key and stem (built once, on first use).
    fn source_words(&self) -> &source_words::SourceWords {
        self.source.indexes.words(self.source)
    }

    /// The source's name words filed for near-spelling look-ups (built once).
    fn source_name_words(&self) -> &entities::NameWords {
        self.source.indexes.name_words(self.source)
    }

    /// The source text squashed for name look-ups (built once).
    fn source_squashed(&self) -> &SquashedText {
        self.source.indexes.squashed(self.source)
    }

    /// The draft's quotations, in text order (found once, on first use).
    fn draft_quotes(&self) -> &[crate::extract::quotes::Quotation] {
        self.draft.indexes.quotes(self.draft)
    }

    /// Whether source sentence `si` has a token (as the parse would cut it)
    /// that the frames read as a negator: only such a sentence can have a
    /// negated frame, so the others need no parse to tell. The text is asked
    /// first: a sentence without a negator anywhere in it, even inside another
    /// word ("no" in "know"), has no such token.
    fn source_may_negate(&self, si: usize) -> bool {
        *self.source_negating[si].get_or_init(|| {
            let span = self.source.doc.sentences[si].span;
            let text = &self.source.doc.text;
            let negators = &self.rules.checks.negators;
            let lower = span.text(text).to_lowercase();
            negators.iter().any(|n| lower.contains(n.as_str()))
                && self.source.parser.words(text, span).iter().any(|w| {
                    let word = w.text(text).to_lowercase();
                    negators.contains(&word)
                })
        })
    }

    /// The entity rules' titles of two words or more ("minority leader"), as
    /// word keys.
    fn long_titles(&self) -> &[Vec<String>] {
        self.long_titles.get_or_init(|| {
            self.rules
                .entities
                .titles
                .iter()
                .map(|t| {
                    t.split_whitespace()
                        .map(crate::extract::tokens::normalize)
                        .collect::<Vec<_>>()
                })
                .filter(|words| words.len() >= 2)
                .collect()
        })
    }

    /// The source's quotations, in order, found when the polarity check first
    /// asks and kept with the source for the next draft (the quotation check
    /// finds its own and drops them after: on a long source they weigh much,
    /// and most comparisons never ask here).
    fn source_quotes(&self) -> &[crate::extract::quotes::Quotation] {
        self.source.indexes.quotes(self.source)
    }

    /// The key of draft entity `i` as the alignment reads it: its source
    /// entity's when linked, else its own.
    fn draft_entity_key(&self, i: usize) -> &str {
        match self.al.entity_links.get(i).copied().flatten() {
            Some(s) => &self.source.claims.entities[s].key,
            None => &self.draft.claims.entities[i].key,
        }
    }

    /// Symmetric similarity of two spans' features: shared weight over the smaller side.
    fn similarity(&self, a: &[String], b: &[String]) -> f64 {
        let sa: HashSet<&str> = a.iter().map(|s| s.as_str()).collect();
        let sb: HashSet<&str> = b.iter().map(|s| s.as_str()).collect();
        (self.al.coverage(a, &sb) + self.al.coverage(b, &sa)) / 2.0
    }
}

/// Bytes of a claim item (an attribution's content, a list item) read for its
/// features: more than any sentence of ordinary news text.
const ITEM_BYTES_MAX: usize = 2_000;

/// Compare a draft with its source.
pub fn compare(source: &Analysis, draft: &Analysis, rules: &Rules) -> Comparison {
    let words = rules.check_words();
    let al = align_with(
        source,
        draft,
        rules,
        &words,
        source.indexes.links(source),
        source
            .indexes
            .features(source, &rules.checks.stopwords, &words.stop),
    );
    let cx = Ctx {
        source,
        draft,
        al: &al,
        rules,
        words: &words,
        source_negating: vec![std::cell::OnceCell::new(); source.doc.sentences.len()],
        long_titles: std::cell::OnceCell::new(),
    };
    let mut sink = Sink {
        rules,
        family: &[],
        out: Vec::new(),
    };
    for family in &FAMILIES {
        sink.family = family.rules;
        (family.check)(&cx, &mut sink);
    }
    let mut findings = sink.out;
    findings.retain_mut(|f| {
        if let (Some(&s), Some(&d)) = (f.source_spans.first(), f.draft_spans.first()) {
            f.basis = Some(basis::basis(&cx, f.rule, s, d));
        }
        unaligned_to_other_event(rules, f)
    });
    // most severe first, then by position: a cut keeps what fails the run
    findings.sort_by_key(|f| {
        (
            std::cmp::Reverse(f.severity),
            f.draft_spans.first().map_or(usize::MAX, |s| s.start),
            f.source_spans.first().map_or(usize::MAX, |s| s.start),
            f.rule.as_str(),
        )
    });
    findings.dedup_by(|a, b| {
        a.rule == b.rule && a.draft_spans == b.draft_spans && a.source_spans == b.source_spans
    });
    Comparison { findings }
}

/// Contradiction rules whose two sides are paired by the sentences they stand
/// in, so that the pairing itself must show one event.
const FRAME_RULES: [RuleId; 8] = [
    RuleId::Quantity,
    RuleId::Date,
    RuleId::TimeSpan,
    RuleId::EntitySwap,
    RuleId::Negation,
    RuleId::Antonym,
    RuleId::Pronoun,
    RuleId::Speaker,
];

/// A contradiction between claims that are not aligned ([`basis::Basis::aligned`])
/// becomes `other-event` (issue 20: a difference between unaligned statements
/// is never a contradiction). False when the finding is to be dropped: the
/// rules have no `other-event` check to report it by.
fn unaligned_to_other_event(rules: &Rules, f: &mut Finding) -> bool {
    let Some(b) = &f.basis else { return true };
    if !FRAME_RULES.contains(&f.rule) || b.aligned(&rules.checks.thresholds) {
        return true;
    }
    let Some(check) = rules.check(RuleId::OtherEvent) else {
        return false;
    };
    f.message = format!("{}, but the two claims are not aligned", f.message);
    f.rule = RuleId::OtherEvent;
    f.kind = check.kind;
    f.severity = check.severity;
    true
}

/// A draft sentence that states a claim: not a heading, with at least three content features.
fn is_claim_sentence(cx: &Ctx, di: usize) -> bool {
    let sent = &cx.draft.doc.sentences[di];
    cx.draft.doc.blocks[sent.block].kind != BlockKind::Heading
        && cx.al.draft_features[di].len() >= 3
}

/// True when a sentence asks rather than states: it ends with a question mark
/// (closing quotation marks and brackets aside). A question claims nothing
/// that a source could contradict ("And who sucked as much as the other side?").
fn is_question(tokens: &[crate::extract::tokens::Token]) -> bool {
    tokens
        .iter()
        .rev()
        .find(|t| !matches!(t.key.as_str(), "\"" | "'" | ")" | "]"))
        .is_some_and(|t| t.key == "?")
}

/// Support at which a draft sentence is read word by word against its source sentences.
const CLOSE_SUPPORT: f64 = 0.5;

/// Draft claim sentences supported closely enough (over the support threshold and
/// [`CLOSE_SUPPORT`]) that their words, polarity and pronouns are compared with
/// the source sentences that support them; questions aside (one claims nothing
/// to contradict, though it may still be reported as unsupported).
fn closely_supported<'c>(cx: &'c Ctx) -> impl Iterator<Item = usize> + 'c {
    let th = cx.rules.checks.thresholds.sentence_support;
    (0..cx.draft.doc.sentences.len()).filter(move |&di| {
        let score = cx.al.draft_support[di].score;
        is_claim_sentence(cx, di)
            && !is_question(&cx.draft.claims.tokens[di])
            && score >= th
            && score >= CLOSE_SUPPORT
    })
}

/// The words of a name, lower case, stripped of punctuation ("Mrs. Clinton" →
/// "mrs", "clinton").
fn name_words(t: &str) -> Vec<String> {
    t.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// True when two names share a word: they may be one person ("Clinton", "Mrs.
/// Clinton").
fn share_a_word(a: &str, b: &str) -> bool {
    let a = name_words(a);
    name_words(b).iter().any(|w| a.contains(w))
}

impl Ctx<'_> {
    /// True when `t` is a personal pronoun (or, with `possessive`, a possessive
    /// one) of the attribution rules: who it stands for is a guess.
    fn is_pronoun(&self, t: &str, possessive: bool) -> bool {
        let a = &self.rules.attribution;
        a.pronouns.iter().any(|p| p.eq_ignore_ascii_case(t))
            || (possessive
                && a.possessive_pronouns
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(t)))
    }
}

/// True when the name at `span` is a possessor ("Trump Jr.'s attorney, Alan
/// Futerfas, said"): the one who speaks is someone else, on their behalf.
fn is_possessor(text: &str, span: Span) -> bool {
    let after = &text[span.end..];
    let after = after.strip_prefix('.').unwrap_or(after);
    ["'s", "\u{2019}s", "'", "\u{2019}"]
        .iter()
        .any(|p| after.starts_with(p))
}

/// Index of the sentence holding byte `pos`: the last one starting at or before
/// A difference `rule` found between the source word `source` and the draft
/// word `draft` (a swapped name, an opposite word), or, when the parse puts the
/// two in clauses of other events, the same difference as `other-event`: an
/// unsupported claim, not a contradiction (issue 20: a difference between
/// unaligned statements is never a contradiction).
fn difference_or_other_event(
    cx: &Ctx,
    rule: RuleId,
    message: String,
    source: Span,
    draft: Span,
) -> Pending {
    let words = clauses::WordPair::of(cx, source, draft);
    match clauses::events_apart(cx.rules, words) {
        Some((s, d)) => (
            RuleId::OtherEvent,
            format!(
                "{message}, but of another event (source \"{s}\", draft \"{d}\", nothing in common)"
            ),
            vec![source],
            vec![draft],
        ),
        None => (rule, message, vec![source], vec![draft]),
    }
}

/// it (0 if none does).
pub fn sentence_at(sentences: &[crate::model::Sentence], pos: usize) -> usize {
    sentences
        .partition_point(|s| s.span.start <= pos)
        .saturating_sub(1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_rule_belongs_to_exactly_one_family_or_is_shared() {
        for rule in super::RuleId::ALL {
            let n = super::FAMILIES
                .iter()
                .filter(|f| f.rules.contains(&rule))
                .count();
            let shared = usize::from(super::SHARED_RULES.contains(&rule));
            assert_eq!(n + shared, 1, "{rule} is listed by {n} families");
        }
    }

    use crate::model::RuleId;
    use crate::{Engine, Rules};

    /// (rule, message) of every warning or error comparing `source` and `draft`.
    fn flags(source: &str, draft: &str) -> Vec<(RuleId, String)> {
        let engine = Engine::new(Rules::builtin().unwrap());
        crate::cases::flags(&engine, source, draft).unwrap()
    }

    /// `text` analysed by `engine`.
    fn analyzed(engine: &Engine, text: &str) -> crate::Analysis {
        let format = crate::ingest::Format::Text;
        engine.analyze("a.txt", text.to_string(), format).unwrap()
    }

    #[test]
    fn a_source_read_against_several_drafts_gives_each_the_findings_of_a_fresh_one() {
        let engine = Engine::new(Rules::builtin().unwrap());
        let read = |text: &str| analyzed(&engine, text);
        let src = "Mayor Ann Ruiz said on Monday that the city would spend $4 million \
                   on 12 new parks. \"We will not wait,\" she said.";
        let drafts = [
            "Mayor Ann Ruiz said the city would spend $5 million on 12 new parks.",
            "Mayor Anne Ruiz said \"we will wait\" before the city spends $4 million.",
            "Ruiz, the mayor, said on Tuesday the city would not build new parks.",
        ];
        let kept = read(src);
        let mut found = 0;
        for d in drafts {
            let draft = read(d);
            let with_kept = super::compare(&kept, &draft, &engine.rules);
            let fresh = super::compare(&read(src), &draft, &engine.rules);
            found += fresh.findings.len();
            assert_eq!(
                format!("{:?}", with_kept.findings),
                format!("{:?}", fresh.findings),
                "{d}"
            );
        }
        assert!(found >= drafts.len(), "{found} findings");
    }

    #[test]
    fn kept_source_features_serve_only_the_stop_words_they_were_made_with() {
        let engine = Engine::new(Rules::builtin().unwrap());
        let source = analyzed(&engine, "The mayor opened the park on Monday.");
        let stop = &engine.rules.checks.stopwords;
        let stop_set = crate::rules::WordSet::from(stop.clone());
        let kept = source.indexes.features(&source, stop, &stop_set);
        assert!(std::sync::Arc::ptr_eq(
            &kept,
            &source.indexes.features(&source, stop, &stop_set)
        ));
        let mut fewer = stop.clone();
        assert!(fewer.iter().any(|w| w == "the"), "'the' is a stop word");
        fewer.retain(|w| w != "the");
        let other =
            source
                .indexes
                .features(&source, &fewer, &crate::rules::WordSet::from(fewer.clone()));
        assert!(!std::sync::Arc::ptr_eq(&kept, &other));
        assert!(other.made_with(&fewer) && !other.made_with(stop));
        // "the" is a feature of the sentence only without it as a stop word
        let draft = analyzed(&engine, "The park opened.");
        let mut rules = engine.rules.clone();
        let words = rules.check_words();
        let al = super::align_with(
            &source,
            &draft,
            &rules,
            &words,
            source.indexes.links(&source),
            kept,
        );
        assert!(!al.source_has("the"));
        rules.checks.stopwords = fewer;
        let al = super::align_with(
            &source,
            &draft,
            &rules,
            &rules.check_words(),
            source.indexes.links(&source),
            other,
        );
        assert!(al.source_has("the") && al.source_has("park"));
    }

    #[test]
    fn short_text_collapses_space_and_cuts_at_the_limit_with_an_ellipsis() {
        assert_eq!(super::short("  a  b\nc ", 5), "a b c");
        assert_eq!(super::short("a b cd", 5), "a b …");
        assert_eq!(super::short("éé éé", 5), "éé éé");
        assert_eq!(super::short("éé ééé", 5), "éé é…");
        assert_eq!(super::short("", 5), "");
    }

    #[test]
    fn a_sentence_worded_as_one_of_the_source_is_supported_by_the_first_such() {
        let engine = Engine::new(Rules::builtin().unwrap());
        let source = analyzed(
            &engine,
            "The mayor opened the park. The dog ran home. The dog ran home.",
        );
        let draft = analyzed(&engine, "The dog ran home. The mayor opened the old park.");
        let stop = &engine.rules.checks.stopwords;
        let al = super::align_with(
            &source,
            &draft,
            &engine.rules,
            &engine.rules.check_words(),
            source.indexes.links(&source),
            source
                .indexes
                .features(&source, stop, &engine.rules.check_words().stop),
        );
        assert_eq!(al.draft_support[0].sentences, [1]);
        assert_eq!(al.draft_support[0].score, 1.0);
        assert_eq!(al.source_support[1].sentences, [0]);
        // one word apart is no same wording
        assert!(al.draft_support[1].score < 1.0, "{:?}", al.draft_support[1]);
    }

    #[test]
    fn a_capitalised_word_the_tagger_reads_as_no_name_is_no_entity() {
        let src = "The council approved the plan on Monday after a long debate.";
        for draft in [
            "The council approved the plan on Monday, I'd say, after a long debate.",
            "We've heard the council approved the plan on Monday after a long debate.",
        ] {
            let f = flags(src, draft);
            assert!(
                f.iter().all(|(r, _)| *r != RuleId::Entity),
                "{draft}: {f:?}"
            );
        }
        // a name stays one
        let f = flags(
            src,
            "The council approved the plan on Monday after a long debate, Smithers said.",
        );
        assert!(
            f.iter()
                .any(|(r, m)| *r != RuleId::Sentence && m.contains("Smithers")),
            "{f:?}"
        );
    }

    #[test]
    fn near_spellings_of_name_words_are_found_as_a_scan_finds_them() {
        let entity = |name: &str| crate::extract::entities::Entity {
            id: "E1".into(),
            name: name.into(),
            kind: crate::extract::entities::EntityKind::Person,
            role: None,
            mentions: vec![],
            parts: name.split(' ').map(str::to_lowercase).collect(),
            key: name.to_lowercase(),
            only_in_roles: false,
        };
        let source = [
            entity("Tokyo Shinjuku"),
            entity("Renée Müller"),
            entity("Sergey"),
        ];
        let words = super::entities::NameWords::new(&source);
        let scan = |part: &str| {
            source.iter().flat_map(|e| &e.parts).any(|p| {
                p.chars().next() == part.chars().next() && strsim::osa_distance(p, part) == 1
            })
        };
        for part in [
            "toyko", "tokyo", "tokio", "tokyoo", "tokyo", "okyo", "shinjuko", "shinjku",
            "shnijuku", "renee", "renée", "rené", "müler", "muller", "sergei", "sergye", "segrey",
            "sregey",
        ] {
            assert_eq!(words.one_edit_from(part), scan(part), "{part}");
        }
        assert!(words.one_edit_from("toyko") && words.one_edit_from("müler"));
    }

    #[test]
    fn a_name_is_looked_up_as_whole_words_of_the_source() {
        let source = "Israir and Arkia fly to Eilat; Coca-Cola's focus.";
        // the scan and the sorted index of word starts give the same answers
        // (the index is built for long texts only)
        let long = format!("{source} {}", "Lorem ipsum dolor. ".repeat(5_000));
        let indexed = super::SquashedText::indexed(&long);
        assert!(indexed.is_indexed());
        for text in [super::SquashedText::new(source), indexed] {
            assert!(!text.contains_words("Iran"));
            assert!(!text.contains_words("US"));
            assert!(!text.contains_words("Eila"));
            assert!(text.contains_words("Arkia"));
            assert!(text.contains_words("CocaCola"));
            assert!(text.contains_words("Coca-Cola"));
            assert!(text.contains_words("Israir and"));
            assert!(text.contains_words("focus"));
            assert!(!text.contains_words(&"Eilat Coca ".repeat(20)));
        }
    }

    #[test]
    fn a_name_containing_the_drafts_is_no_swap() {
        let src = "Victoria's Secret Dream Angels walked the runway in New York on Tuesday night. \
                   Victoria's Secret sold out its autumn line.";
        let f = flags(
            src,
            "Victoria's Secret walked the runway in New York on Tuesday night.",
        );
        assert!(f.iter().all(|(r, _)| *r != RuleId::EntitySwap), "{f:?}");
        let f = flags(
            src,
            "Calvin Klein walked the runway in New York on Tuesday night.",
        );
        assert!(!f.is_empty(), "{f:?}");
    }

    #[test]
    fn an_approximate_number_agrees_with_a_close_one() {
        let src = "Britain's richest 1,000 people are worth £547billion, up from £258billion.";
        let f = flags(src, "The richest 1,000 people are worth almost £550bn.");
        assert!(
            f.iter().all(|(r, _)| !r.as_str().starts_with("quantity")),
            "{f:?}"
        );
        let f = flags(src, "The richest 1,000 people are worth £550bn.");
        assert!(
            f.iter().any(|(r, _)| r.as_str().starts_with("quantity")),
            "{f:?}"
        );
        // a glued unit compares like a spaced one
        let f = flags(
            "The salad contains 46.5g of fat, more than a burger.",
            "The salad contains 49g of fat, more than a burger.",
        );
        assert!(f.iter().any(|(r, _)| *r == RuleId::Quantity), "{f:?}");
    }

    #[test]
    fn a_bound_the_source_already_approximates_is_not_moved() {
        let src = "They lived more than 540 million years ago and used them for food. \
                   Lingula appeared 500 million years ago.";
        let f = flags(
            src,
            "They lived more than 500 million years ago and used them for food.",
        );
        assert!(f.iter().any(|(r, _)| *r == RuleId::Quantity), "{f:?}");
        let f = flags(
            src,
            "They lived more than 540 million years ago and used them for food.",
        );
        assert!(
            f.iter().all(|(r, _)| !r.as_str().starts_with("quantity")),
            "{f:?}"
        );
    }
}
