//! The YAML rule files: typed, strict (unknown keys are errors), embedded in the
//! binary and overridable file by file with `--rules DIR`.

use crate::error::{Error, Result};
use crate::frozen::FrozenSet;
use crate::key::Key;
use regex::Regex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::path::Path;

/// A segmentation test case carried by a rule file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentCase {
    /// Input text.
    pub text: String,
    /// The sentences it must split into.
    pub sentences: Vec<String>,
}

/// `abbreviations.yaml`: what a period after a word means.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbbreviationsFile {
    /// Titles and honorifics: a name always follows, so never a sentence end.
    pub prepositive: Vec<String>,
    /// Abbreviations that end a sentence only when a sentence starter follows.
    pub ordinary: Vec<String>,
    /// Words that typically open a sentence (tell "in the U.S. How..." from "U.S. Government").
    pub sentence_starters: Vec<String>,
    /// Words a sentence holds at most: text with no sentence punctuation (a
    /// transcript, a run-on feed) is cut at a clause boundary (a comma,
    /// semicolon or colon) after half this many words, or at this many, so
    /// that no stage works on one unbounded sentence.
    #[serde(default = "default_max_sentence_words")]
    pub max_sentence_words: usize,
    /// Cases the segmenter must get right with these lists.
    #[serde(default)]
    pub tests: Vec<SegmentCase>,
}

fn default_max_sentence_words() -> usize {
    250
}

/// One pattern rule with an id.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternRule {
    /// Stable id, named in errors.
    pub id: String,
    /// Regular expression (Rust `regex` syntax).
    pub pattern: String,
}

/// `boilerplate.yaml`: page furniture that is not article content.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoilerplateFile {
    /// A line matching one of these (whole, after trimming) is dropped.
    pub drop_lines: Vec<PatternRule>,
    /// Text matching one of these at the start of a line is cut off the line.
    pub strip_prefixes: Vec<PatternRule>,
}

/// A set of words from a rules file, lower-cased as it is read, so that the
/// matchers use the file's own lists without a copy of each one. A token's
/// key is looked up by identity ([`Key`] is one per string), through the
/// set's words interned as keys when a key first asks.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(from = "Vec<String>")]
pub struct WordSet {
    words: HashSet<String>,
    keys: std::sync::OnceLock<KeySet>,
}

/// Interned keys, hashed by identity (their address), not by their text.
#[derive(Debug, Clone, Default)]
struct KeySet(hashbrown::HashTable<Key>);

impl KeySet {
    /// The keys of `words`, each interned.
    fn of(words: &HashSet<String>) -> KeySet {
        let mut keys = hashbrown::HashTable::with_capacity(words.len());
        for w in words {
            let k = Key::new(w);
            keys.insert_unique(Self::hash(k), k, |&k| Self::hash(k));
        }
        KeySet(keys)
    }

    fn hash(key: Key) -> u64 {
        use std::hash::Hasher;
        let mut h = rustc_hash::FxHasher::default();
        h.write_usize(key.id());
        h.finish()
    }

    fn contains(&self, key: Key) -> bool {
        self.0.find(Self::hash(key), |&k| k == key).is_some()
    }
}

impl PartialEq for WordSet {
    fn eq(&self, other: &Self) -> bool {
        self.words == other.words
    }
}

impl Eq for WordSet {}

impl From<Vec<String>> for WordSet {
    fn from(words: Vec<String>) -> Self {
        // a word already in lower-case ASCII (most are) is kept, not copied
        let lower = |w: String| {
            if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                w
            } else {
                w.to_lowercase()
            }
        };
        WordSet {
            words: words.into_iter().map(lower).collect(),
            keys: std::sync::OnceLock::new(),
        }
    }
}

/// What a [`WordSet`] can be asked for: a word's text, or a token's key.
pub trait SetWord {
    /// True when `set` holds this word.
    fn is_in(&self, set: &WordSet) -> bool;
}

impl SetWord for str {
    fn is_in(&self, set: &WordSet) -> bool {
        set.words.contains(self)
    }
}

impl SetWord for String {
    fn is_in(&self, set: &WordSet) -> bool {
        set.words.contains(self.as_str())
    }
}

impl SetWord for Key {
    fn is_in(&self, set: &WordSet) -> bool {
        set.keys
            .get_or_init(|| KeySet::of(&set.words))
            .contains(*self)
    }
}

impl<W: SetWord + ?Sized> SetWord for &W {
    fn is_in(&self, set: &WordSet) -> bool {
        (**self).is_in(set)
    }
}

impl WordSet {
    /// True when `word` (lower case) is in the set.
    pub fn contains<W: SetWord + ?Sized>(&self, word: &W) -> bool {
        word.is_in(self)
    }

    /// The words, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.words.iter()
    }

    /// True when `word` ends with one of the set's endings.
    pub fn ends(&self, word: &str) -> bool {
        self.words.iter().any(|e| word.ends_with(e.as_str()))
    }
}

/// `attribution.yaml`: the reporting lexicon. The attribution matcher reads these
/// word sets as they are (see `AttributionLexicon`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionFile {
    /// Reporting verbs in every inflection used ("said", "says", "told").
    pub verbs: WordSet,
    /// Reporting verbs that take an addressee object ("told Mr. Lavrov").
    pub addressee_verbs: WordSet,
    /// Verbs that are cues only before "that", a quote or a colon ("called", "found").
    pub needs_complement: WordSet,
    /// Reporting nouns that report after a possessive and before "that" or a
    /// preposition ("his criticism of the deal", "Trump's claim that C").
    pub nouns: WordSet,
    /// Multi-word cues that put the source after them ("according to").
    pub source_phrases: Vec<String>,
    /// Pronouns that may stand for a speaker named before.
    pub pronouns: WordSet,
    /// Possessive pronouns that may own a reporting noun ("his criticism of").
    #[serde(default)]
    pub possessive_pronouns: WordSet,
    /// Words that open a clause; the speaker phrase stops at one.
    pub clause_openers: WordSet,
    /// Lower-case words that may open an addressee phrase ("reporters", "him").
    pub addressee_starts: WordSet,
    /// Words after which a cue word is a noun ("their state", "a tweet").
    pub noun_markers: WordSet,
    /// Words cut from the front of a speaker phrase.
    pub speaker_leading_trim: WordSet,
    /// Pronouns that are generic, never a speaker of a verb of opinion ("you can say").
    pub generic_pronouns: WordSet,
    /// Pronouns for a group ("we", "they"): a speaker, but never one person named before.
    #[serde(default)]
    pub group_pronouns: WordSet,
    /// Words that cannot be a speaker even when they stand before a cue.
    pub non_speakers: WordSet,
    /// Nouns for documents and polls that "show" or "find" what they report.
    #[serde(default)]
    pub document_subjects: WordSet,
    /// Words that open the question after a sentence-initial question cue ("Asked whether").
    #[serde(default)]
    pub question_openers: WordSet,
    /// Cues that open a sentence with the question put to its subject ("Asked").
    #[serde(default)]
    pub question_cues: WordSet,
    /// Conjunctions joining a second verb to the sentence's subject ("and said").
    #[serde(default)]
    pub coordinators: WordSet,
    /// Adverbs that may stand between a coordinator and its cue ("and also said").
    #[serde(default)]
    pub cue_adverbs: WordSet,
    /// Prepositions before a cue in -ing whose subject is the sentence's ("by saying").
    #[serde(default)]
    pub gerund_openers: WordSet,
    /// Words that open an indirect question after a cue ("asked X how ...").
    #[serde(default)]
    pub indirect_question_words: WordSet,
    /// Words right after a cue word that make it no cue ("defends itself").
    #[serde(default)]
    pub not_after_cue: WordSet,
    /// Forms of "be" that make a cue after them passive ("was announced"): its
    /// subject is not the speaker; the speaker is the "by" phrase, if any.
    #[serde(default)]
    pub passive_auxiliaries: WordSet,
    /// Auxiliaries between an inserted clause's comma and its cue ("X, the founder
    /// of Y, has said"): the subject before the clause still speaks.
    #[serde(default)]
    pub comma_auxiliaries: WordSet,
    /// Words opening a colon lead that introduce no speaker ("Q:", "Contributing:",
    /// "Twitter:").
    #[serde(default)]
    pub not_speaker_leads: WordSet,
    /// Words before "to" after which a reporting verb still reports ("continued to
    /// criticize", "refused to say").
    #[serde(default)]
    pub infinitive_governors: WordSet,
    /// Adverbs that attribute their clause to unnamed sources ("reportedly").
    #[serde(default)]
    pub hearsay_adverbs: WordSet,
    /// Multi-word verbs that report where their first word alone does not
    /// ("points out", "shot back", "went on to say", "made it clear").
    #[serde(default)]
    pub verb_phrases: Vec<String>,
    /// Documents and words a sentence opening "In ...," reports from ("In a
    /// CNN poll, ...", "In a statement, ...").
    #[serde(default)]
    pub frame_nouns: WordSet,
    /// Words before a question cue that open its clause ("when asked whether C").
    #[serde(default)]
    pub question_leads: WordSet,
    /// Words that open a descriptor subject ("His chief aide ..., saying C").
    #[serde(default)]
    pub subject_determiners: WordSet,
    /// Words in -ly that are no adverbs ("family"): never skipped before a cue.
    #[serde(default)]
    pub not_adverbs: WordSet,
    /// Words that open a reported clause ("said that C").
    #[serde(default)]
    pub complementizers: WordSet,
    /// Relative pronouns: a clause they open ("X, who said") keeps X the speaker.
    #[serde(default)]
    pub relative_pronouns: WordSet,
    /// The infinitive marker ("refused to say").
    #[serde(default)]
    pub infinitive_markers: WordSet,
    /// Words that name the agent of a passive or the asker ("asked by X").
    #[serde(default)]
    pub agent_markers: WordSet,
    /// Prepositions opening a frame phrase ("In a statement, ...").
    #[serde(default)]
    pub frame_prepositions: WordSet,
    /// Words that negate a verb before a cue ("did not say").
    #[serde(default)]
    pub negation_words: WordSet,
    /// Conjunctions that join two phrases into one subject ("X and Y said").
    #[serde(default)]
    pub phrase_conjunctions: WordSet,
    /// Pronouns that stand for a thing, never a speaker named before ("it").
    #[serde(default)]
    pub impersonal_pronouns: WordSet,
    /// Possessives of a person ("his", "her"): they stand for one, as "he" does.
    #[serde(default)]
    pub personal_possessives: WordSet,
    /// Prepositions after a reporting noun that open what it reports ("criticism of").
    #[serde(default)]
    pub noun_prepositions: WordSet,
    /// Endings of past participles ("-ed").
    #[serde(default)]
    pub participle_endings: WordSet,
    /// Endings of gerunds and present participles ("-ing").
    #[serde(default)]
    pub gerund_endings: WordSet,
    /// Endings of adverbs ("-ly").
    #[serde(default)]
    pub adverb_endings: WordSet,
}

/// `entities.yaml`: name detection, kinds and aliases.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntitiesFile {
    /// Titles that precede a person's name and are kept as the role.
    pub titles: Vec<String>,
    /// Honorifics ("Mr.") that mark the next name as a person.
    pub honorifics: Vec<String>,
    /// Words before a title that belong to the role ("Acting", "Former").
    #[serde(default)]
    pub title_modifiers: WordSet,
    /// Days named with their weekday ("Ash Wednesday"): the weekday is part of
    /// the name.
    #[serde(default)]
    pub day_names: Vec<String>,
    /// Head words that make a name an organisation.
    pub organization_words: Vec<String>,
    /// Words that make a name an organisation only when they end it
    /// ("Manchester United", not "United States").
    #[serde(default)]
    pub organization_end_words: Vec<String>,
    /// Head words that make a name a place.
    pub place_words: Vec<String>,
    /// Words that make a name a place when they open it ("Lake Eildon", "Mount Etna").
    #[serde(default)]
    pub place_first_words: Vec<String>,
    /// Lower-case endings joined to a name by a hyphen that are no part of it
    /// ("New York-based" names New York).
    #[serde(default)]
    pub name_suffixes: Vec<String>,
    /// Head words that make a name a named thing (treaty, agreement).
    pub thing_words: Vec<String>,
    /// Known places: countries, capitals, cities.
    pub places: Vec<String>,
    /// Demonym → place ("Russian" → "Russia").
    pub demonyms: HashMap<String, String>,
    /// Groups of names for one entity; the first is canonical.
    pub aliases: Vec<Vec<String>>,
    /// Capitalised words that are not names by themselves.
    pub not_names: Vec<String>,
    /// Lower-case words allowed inside a name ("of", "the").
    pub name_connectors: Vec<String>,
    /// Connectors that join two names into a list ("Mr. Smith and Ms. Jones"):
    /// a capitalised run splits there.
    #[serde(default)]
    pub name_coordinators: WordSet,
    /// Prepositions after a title that name its office ("Secretary of State") and,
    /// after a person's name, begin another name ("Mr. Smith of Texas").
    #[serde(default)]
    pub office_prepositions: WordSet,
    /// Articles a name may hold after a connector following an organisation's
    /// head word ("Association for the Advancement").
    #[serde(default)]
    pub name_articles: WordSet,
    /// Lower-case particles of personal names ("van" in "Robin van Persie"): a name
    /// of capitalised words and these is taken for a person's.
    #[serde(default)]
    pub person_particles: Vec<String>,
    /// Generational suffixes after a surname ("Jr.", "III"): not a part of the name.
    #[serde(default)]
    pub generational_suffixes: WordSet,
    /// Party initials of a party-state tag ("R" in "R-Ark."), with the party.
    #[serde(default)]
    pub party_initials: HashMap<String, String>,
    /// Party words that qualify a name as a title does ("Republican Donald
    /// Trump").
    #[serde(default)]
    pub party_words: Vec<String>,
    /// Prepositions that continue an organisation's name after its head word
    /// ("Committee on Intelligence").
    #[serde(default)]
    pub organization_prepositions: WordSet,
    /// Words that make an organisation a news outlet ("the Times"): an outlet
    /// reporting a statement is no other speaker of it.
    #[serde(default)]
    pub news_outlet_words: WordSet,
    /// State abbreviations of a party-state tag ("Ark" in "R-Ark."), with the state.
    #[serde(default)]
    pub state_abbreviations: HashMap<String, String>,
    /// Given names, separated by white space: a lone capitalised word that is one
    /// of them is taken for a person's name. Empty in the built-in file when
    /// `build.rs` froze them (`Rules::given_names`).
    #[serde(default)]
    pub given_names: String,
    /// Prepositions after which a given name names a place ("from Kent").
    #[serde(default)]
    pub place_prepositions: Vec<String>,
    /// Common lower-case words, separated by white space: a capitalised name made
    /// of one ("Real Madrid", "Middle East") is no person's name by its shape.
    /// Empty in the built-in file when `build.rs` froze them
    /// (`Rules::common_words`).
    #[serde(default)]
    pub common_words: String,
}

fn default_omission_frame_support() -> f64 {
    0.2
}

/// `numbers.yaml`: number words and the vocabulary of time.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumbersFile {
    /// Words for single numbers ("three" → 3, "dozen" → 12).
    pub words: HashMap<String, f64>,
    /// Multipliers ("million" → 1e6).
    pub scales: HashMap<String, f64>,
    /// Ordinal words ("third" → 3).
    pub ordinals: HashMap<String, f64>,
    /// Month names and abbreviations → month number.
    pub months: HashMap<String, u32>,
    /// Weekday names.
    pub weekdays: Vec<String>,
    /// Relative time expressions ("last month", "yesterday").
    pub relative_times: Vec<String>,
    /// Relative times placed in the calendar ("last month": "month before"):
    /// a unit and the positions in it, or "recent" for a vague past span.
    #[serde(default)]
    pub time_frames: HashMap<String, String>,
    /// Duration units ("year", "months").
    pub duration_units: Vec<String>,
    /// Words that make a number joined to a unit of time an age
    /// ("six-year-old"): such a compound in words is read as its number.
    #[serde(default)]
    pub age_words: WordSet,
    /// Days in one of each calendar unit, so "two weeks" and "14 days" compare equal.
    #[serde(default)]
    pub unit_days: HashMap<String, f64>,
    /// Number words for a vague amount, with the least value they admit and
    /// the value they stay under ("dozens": 24 to 100): such an amount holds
    /// any exact value in that range.
    #[serde(default)]
    pub vague_amounts: HashMap<String, [f64; 2]>,
    /// Currency symbols and words → code.
    pub currencies: HashMap<String, String>,
    /// Events that anchor "since ..." time spans.
    pub time_anchors: Vec<String>,
    /// Number words that count only before a scale ("a million").
    pub weak_number_words: Vec<String>,
    /// Words that never are counted nouns after a number.
    pub not_count_nouns: Vec<String>,
    /// Adjectives that may stand between a number and its counted noun ("40 new teachers").
    #[serde(default)]
    pub count_adjectives: Vec<String>,
    /// Words that open a time span up to an anchor ("since the invasion").
    #[serde(default)]
    pub span_openers: WordSet,
    /// Words and dashes that join the two years of a range ("1996 to 2007",
    /// "1993-1996").
    #[serde(default)]
    pub range_joiners: WordSet,
    /// Words that open a range of two years, with the word that then joins
    /// them ("between 2001 and 2004").
    #[serde(default)]
    pub range_openers: HashMap<String, String>,
    /// Month names that are also common words: a month only with a day after it ("May 5").
    #[serde(default)]
    pub ambiguous_months: WordSet,
    /// Endings of ordinals written in digits ("21st", "3rd").
    #[serde(default)]
    pub ordinal_suffixes: WordSet,
    /// Linking verbs that end the lead-in of an ordinal list item ("The first point was C").
    #[serde(default)]
    pub ordinal_item_links: WordSet,
    /// Complementizers skipped after an ordinal item's lead-in ("was that C").
    #[serde(default)]
    pub ordinal_item_markers: WordSet,
    /// Words that multiply the number before them, besides the scales ("a dozen eggs").
    #[serde(default)]
    pub multiples: HashMap<String, f64>,
    /// Words and phrases after a number that make it a percentage ("%", "percent", "per cent").
    #[serde(default)]
    pub percent_words: Vec<String>,
}

/// One check (finding rule) with its default severity.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRule {
    /// Rule id as printed in findings.
    pub id: crate::model::RuleId,
    /// contradiction | omission | unsupported.
    pub kind: crate::model::FindingKind,
    /// error | warning | info.
    pub severity: crate::model::Severity,
    /// One line for `rules list` and SARIF help.
    pub description: String,
    /// Reported only when a config's `enable:` or `--enable` names it: a rule
    /// too often wrong on real text to be on by default.
    #[serde(default, skip_serializing_if = "is_false")]
    pub opt_in: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Tunable numbers of alignment and comparison.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// Jaro-Winkler similarity above which two name tokens are one spelling.
    pub name_similarity: f64,
    /// Weighted word overlap above which a draft sentence counts as supported.
    pub sentence_support: f64,
    /// Overlap above which two list items are the same item.
    pub list_item_match: f64,
    /// Overlap under which a source sentence counts as omitted.
    pub omission_support: f64,
    /// Overlap from which an omitted-looking source sentence is parsed, to
    /// see whether a draft sentence states one of its claims in fewer words.
    #[serde(default = "default_omission_frame_support")]
    pub omission_frame_support: f64,
    /// Salience at or above which an omission is a warning, not info.
    pub omission_warning_salience: f64,
    /// Salient omissions listed one by one, the most salient first; the rest
    /// of them are one finding that counts them, so a short summary of a long
    /// article reads as a list an editor can work through.
    pub omissions_listed: usize,
    /// Support a draft sentence needs before a place or organisation in it counts
    /// as swapped for another (people need only `sentence_support`), and wording
    /// support before a number differing there counts although another sentence
    /// states the draft's number.
    pub swap_support: f64,
    /// Support by wording alone (names and numbers left out) at which a sentence
    /// naming another entity than its source sentence counts as a swap.
    pub wording_swap_support: f64,
    /// Relative difference within which an approximate draft number ("almost
    /// £550bn") agrees with a source number (£547bn).
    #[serde(default = "default_approximate_within")]
    pub approximate_within: f64,
    /// Share below its number that an approximation from below ("almost two
    /// weeks", `approximators_below`) reaches: "almost two weeks" holds 12 days.
    #[serde(default = "default_approximate_below")]
    pub approximate_below: f64,
    /// Support at or above which an aligned sentence states the draft's claim
    /// itself: a number differing there contradicts it. Under it, the two
    /// numbers must also belong to one event (one predicate, one counted thing,
    /// or clauses naming something alike) to contradict.
    #[serde(default = "default_same_claim_support")]
    pub same_claim_support: f64,
    /// Support each of two outlets' sentences must give the other, each the
    /// other's best support, for `cross` to list them as one claim stated alike.
    #[serde(default = "default_stated_alike_support")]
    pub stated_alike_support: f64,
    /// The alignment gate (issue 20): when two claims are one claim, so that a
    /// difference between them is a contradiction.
    #[serde(default)]
    pub alignment: AlignmentThresholds,
}

/// `thresholds.alignment`: what makes a draft claim and a source claim one
/// claim (`Basis::aligned` in the compare stage).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlignmentThresholds {
    /// Support at which a draft sentence restates its source sentence nearly
    /// word for word: a copy with one fact edited is aligned whatever the
    /// parse finds.
    pub restated: f64,
    /// Support, the differing words left out, at which a draft sentence is
    /// the source sentence but for what it changes: a short sentence whose one
    /// value is edited weighs that value too much for `restated`.
    pub restated_beside: f64,
    /// Words and names a draft sentence needs to restate a source sentence:
    /// any long sentence covers "This is not just about Donald Trump".
    pub restated_min_words: usize,
    /// Support, the differing words left out, at which the one clause of a
    /// draft sentence that holds them restates the source sentence, where the
    /// sentence joins several claims ("X, and Y"): each clause is then weighed
    /// as a sentence of its own.
    #[serde(default = "default_restated_clause")]
    pub restated_clause: f64,
    /// Participants alike (by head or by name) that make two clauses one
    /// event whatever their predicates: "their homes in the Tagus valley".
    pub participants_alike: usize,
}

impl Default for AlignmentThresholds {
    fn default() -> Self {
        AlignmentThresholds {
            restated: 0.55,
            restated_beside: 0.8,
            restated_min_words: 4,
            restated_clause: default_restated_clause(),
            participants_alike: 2,
        }
    }
}

fn default_restated_clause() -> f64 {
    0.8
}

fn default_stated_alike_support() -> f64 {
    0.5
}

fn default_approximate_within() -> f64 {
    0.1
}

fn default_approximate_below() -> f64 {
    0.15
}

fn default_same_claim_support() -> f64 {
    0.4
}

/// What makes an omitted source sentence salient, and how much.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SalienceWeights {
    /// Early in the article (scaled by position).
    pub position: f64,
    /// Names a person of the headline or first paragraph.
    pub lead_person: f64,
    /// Holds a quotation.
    pub quote: f64,
    /// States a number, amount, percentage or duration.
    pub number: f64,
    /// States a demand or obligation.
    pub demand: f64,
    /// Attributes a statement to someone.
    pub attribution: f64,
}

/// `checks.yaml`: every finding rule and the thresholds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecksFile {
    /// The finding rules.
    pub checks: Vec<CheckRule>,
    /// The thresholds.
    pub thresholds: Thresholds,
    /// Weights of an omitted sentence's salience (0..1).
    pub salience: SalienceWeights,
    /// Words ignored when comparing content.
    pub stopwords: Vec<String>,
    /// Polarity words.
    pub negators: Vec<String>,
    /// Two-word phrases that start with a negator but do not negate ("no doubt").
    #[serde(default)]
    pub negation_idioms: Vec<String>,
    /// Two-word phrases whose first word negates only before the second ("yet to").
    #[serde(default)]
    pub negating_phrases: Vec<String>,
    /// Pronouns that need a named antecedent before them ("she", "they").
    #[serde(default)]
    pub anaphoric_pronouns: Vec<String>,
    /// Pronouns grouped by gender ([he, him, his], [she, her, hers]).
    #[serde(default)]
    pub pronoun_genders: Vec<Vec<String>>,
    /// First-person pronouns: a source sentence with one may speak of its speaker,
    /// whom the draft reports in the third person, of a gender it does not say.
    #[serde(default)]
    pub first_person_pronouns: Vec<String>,
    /// Parts of speech (UD tags) that no word of a name has: a capitalised word
    /// the tagger reads as one of these ("I'd", "Frankly", "Yeah") names nothing.
    #[serde(default)]
    pub not_name_tags: Vec<String>,
    /// Parts of speech that a name of one word has not: a lone capitalised
    /// word (not written in capitals) that the tagger reads as one of these
    /// and that news text writes in lower case too (`common_words`: "Budget",
    /// "Democratic") names nothing, though a longer name may have such words
    /// ("Equal Rights Amendment").
    #[serde(default)]
    pub not_lone_name_tags: Vec<String>,
    /// Determiners of a noun phrase that names a kind, not one entity: a
    /// name heading such a phrase ("a Christian", "another leading Dem")
    /// stands for any member of a group.
    #[serde(default)]
    pub kind_determiners: Vec<String>,
    /// Parts of speech (UD) of the word after a name that end its noun phrase:
    /// punctuation and function words. A name before any other word
    /// qualifies that word ("a Fox News host").
    #[serde(default)]
    pub kind_phrase_ends: Vec<String>,
    /// Auxiliaries that make a clause's claim future, hedged or conditional
    /// ("will", "could"): a claim frame records them as its modality.
    #[serde(default)]
    pub modal_auxiliaries: Vec<String>,
    /// Predicates whose two core participants may trade places without
    /// changing the claim ("Smith met Jones" is "Jones met Smith"): no
    /// `role-swap` for them.
    #[serde(default)]
    pub reciprocal_predicates: Vec<String>,
    /// Prepositions that mark a passive clause's agent ("beaten by the
    /// Jets"): the role check reads such a clause the other way round.
    #[serde(default)]
    pub passive_agent_markers: Vec<String>,
    /// Dependency relations (UD v2) in which a name acts: the subject of an
    /// active clause, a passive clause's agent. A capital acting so stands for
    /// its country's government ("Moscow said").
    #[serde(default)]
    pub agent_relations: Vec<String>,
    /// Parts of speech (UD) that may head a speaker phrase: a phrase the
    /// attribution reader put before a cue with none of them ("In", "has
    /// further") is no speaker.
    #[serde(default)]
    pub speaker_head_tags: Vec<String>,
    /// Parts of speech (UD) of a clause's verbs: a speaker phrase holding one
    /// ("held a press conference to further") is a clause, no speaker.
    #[serde(default)]
    pub clause_verb_tags: Vec<String>,
    /// Relations (UD) of a relative clause to the noun it qualifies: a
    /// pronoun subject of such a clause ("Kennedy, who said") stands for that
    /// noun.
    #[serde(default)]
    pub relative_clause_relations: Vec<String>,
    /// Demand/obligation words (omission salience).
    pub demand_words: Vec<String>,
    /// Words that make the number after them approximate ("almost £550bn"): it
    /// agrees with a source number within `thresholds.approximate_within`.
    #[serde(default)]
    pub approximators: Vec<String>,
    /// Approximators whose number is a bound nearly reached from below
    /// ("almost", "nearly"): the value lies under it, within
    /// `thresholds.approximate_below`.
    #[serde(default)]
    pub approximators_below: Vec<String>,
    /// Approximators that bound a number without saying how far ("more than",
    /// "up to"): a value past the bound is no value near it.
    #[serde(default)]
    pub approximator_bounds: Vec<String>,
    /// Nouns an ordinal ranks occasions of ("the second time in a week",
    /// "for the first time in years"): each counts within a window of its
    /// own, so two such ranks are no contradiction.
    #[serde(default)]
    pub occasion_nouns: Vec<String>,
    /// Endings of contractions with the words they stand for ("'re": are):
    /// a quotation that writes one out is worded alike.
    #[serde(default)]
    pub contraction_endings: std::collections::BTreeMap<String, Vec<String>>,
    /// Whole words and symbols with the words they stand for ("won't": will
    /// not, "&": and).
    #[serde(default)]
    pub written_out: std::collections::BTreeMap<String, Vec<String>>,
}

/// `antonyms.yaml`: word pairs of opposite meaning ("increase decrease").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AntonymsFile {
    /// One pair per line: two words separated by a space.
    pub pairs: String,
    /// Irregular inflections, one "form base" per line ("won win").
    #[serde(default)]
    pub forms: String,
    /// Hand-written pairs WordNet does not link ("decline increase"), same format.
    #[serde(default)]
    pub news_pairs: String,
}

/// `nicknames.yaml`: given names and their nicknames, one name a line.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NicknamesFile {
    /// One line per given name: the name, then its nicknames ("robert bob rob").
    pub names: String,
}

/// `places.yaml`: the place gazetteer, one place name a line (built from
/// GeoNames by `tools/places.py`), beside the hand-kept `places` of
/// `entities.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacesFile {
    /// One place name a line ("San Diego"). Empty in the built-in file, whose
    /// names `build.rs` freezes (`Rules::gazetteer`).
    pub names: String,
    /// Each country's capital with its country ("Moscow: Russia"): a capital
    /// that acts in a sentence stands for its country's government.
    #[serde(default)]
    pub capitals: std::collections::BTreeMap<String, String>,
}

pub use crate::word_tables::{Antonyms, Nicknames};

/// All rules, parsed and validated, with lookup tables built once.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Raw abbreviation lists.
    pub abbreviations: AbbreviationsFile,
    /// Lower-cased prepositive abbreviations.
    pub prepositive: HashSet<String>,
    /// Lower-cased ordinary abbreviations.
    pub ordinary: HashSet<String>,
    /// Sentence starters, as written.
    pub sentence_starters: HashSet<String>,
    /// The ids of the page-furniture rules that drop a whole line, in the
    /// order of `drop_line_set`'s patterns.
    pub drop_line_ids: Vec<String>,
    /// All drop-line patterns in one set, so a line is scanned once (each is
    /// compiled alone only to name the one that fails); the built-in ones
    /// are read as `build.rs` froze them.
    pub drop_line_set: crate::line_set::LineSet,
    /// Page-furniture rules that cut a prefix, by id; the built-in ones are
    /// read as `build.rs` froze them.
    pub strip_prefixes: Vec<(String, crate::line_set::LinePrefix)>,
    /// Attribution lexicon (shared with the extractor's lexicon, not copied).
    pub attribution: std::sync::Arc<AttributionFile>,
    /// Entity lexicon.
    pub entities: EntitiesFile,
    /// `entities.common_words` as a set, normalised: words common in lower case
    /// (shared with the entity lexicon).
    pub common_words: std::sync::Arc<FrozenSet>,
    /// `entities.given_names` as a set, normalised (shared with the entity lexicon).
    pub given_names: std::sync::Arc<FrozenSet>,
    /// Number lexicon.
    pub numbers: NumbersFile,
    /// `numbers.yaml` `time_frames`, read once: each relative time's place in
    /// the calendar.
    pub time_frames: HashMap<String, TimeFrame>,
    /// Checks and thresholds.
    pub checks: ChecksFile,
    /// Antonym pairs.
    pub antonyms: Antonyms,
    /// Given names and their nicknames (`nicknames.yaml`).
    pub nicknames: Nicknames,
    /// Place names of the gazetteer (`places.yaml`), squashed
    /// (`extract::entities::squash`; shared with the entity lexicon).
    pub gazetteer: std::sync::Arc<FrozenSet>,
    /// Each capital's entity key with its country's (`places.yaml` `capitals`,
    /// a country named by its alias group's canonical name): "moscow" →
    /// "russia", "washington" → "unitedstates".
    pub capital_of: HashMap<String, String>,
    /// Learned weights that check and extend the attribution cues.
    pub cue_model: std::sync::Arc<crate::cue_weights::CueModel>,
    /// The checks' word lists as the comparison reads them, made when first
    /// asked ([`Rules::check_words`]).
    check_words: std::sync::OnceLock<std::sync::Arc<CheckWords>>,
}

/// The word lists of the checks in the forms a comparison reads them: lower
/// case, as sets or split phrases. Made once for the rules and kept with them
/// ([`Rules::check_words`]), not again for every draft (they were 3% of a
/// pair's cost).
#[derive(Debug, Clone)]
pub struct CheckWords {
    /// `checks.stopwords`.
    pub stop: WordSet,
    /// `checks.negators`.
    pub negators: WordSet,
    /// `checks.demand_words`.
    pub demand: WordSet,
    /// `checks.negation_idioms`, split into words ("no doubt" → no, doubt).
    pub idioms: Vec<Vec<String>>,
    /// `checks.negating_phrases` as (word, next word) pairs ("yet to").
    pub negating_phrases: Vec<(String, String)>,
    /// `checks.approximators`, split into words ("more than" → more, than).
    pub approximators: Vec<Vec<String>>,
    /// The stems of the day and month names (`numbers.weekdays`, `months`).
    pub calendar: HashSet<String>,
    /// The lists these were made from, to tell whether the rules changed since.
    made_from: CheckWordLists,
}

/// The rules' lists [`CheckWords`] are made from, as they were.
#[derive(Debug, Clone, PartialEq)]
struct CheckWordLists {
    checks: [Vec<String>; 6],
    weekdays: Vec<String>,
    months: HashMap<String, u32>,
}

impl CheckWordLists {
    /// The lists of `rules`, borrowed.
    fn of(rules: &Rules) -> ([&Vec<String>; 6], &Vec<String>, &HashMap<String, u32>) {
        let c = &rules.checks;
        (
            [
                &c.stopwords,
                &c.negators,
                &c.demand_words,
                &c.negation_idioms,
                &c.negating_phrases,
                &c.approximators,
            ],
            &rules.numbers.weekdays,
            &rules.numbers.months,
        )
    }
}

impl CheckWords {
    /// The word lists of `rules`.
    fn new(rules: &Rules) -> CheckWords {
        let c = &rules.checks;
        let phrases = |v: &[String]| -> Vec<Vec<String>> {
            v.iter()
                .map(|a| a.split_whitespace().map(str::to_lowercase).collect())
                .collect()
        };
        CheckWords {
            stop: WordSet::from(c.stopwords.clone()),
            negators: WordSet::from(c.negators.clone()),
            demand: WordSet::from(c.demand_words.clone()),
            idioms: phrases(&c.negation_idioms),
            negating_phrases: c
                .negating_phrases
                .iter()
                .filter_map(|p| {
                    let (a, b) = p.split_once(' ')?;
                    Some((a.to_lowercase(), b.trim().to_lowercase()))
                })
                .collect(),
            approximators: phrases(&c.approximators),
            calendar: (rules.numbers.weekdays.iter())
                .chain(rules.numbers.months.keys())
                .map(|w| crate::stem::stem(&w.to_lowercase()))
                .collect(),
            made_from: {
                let (checks, weekdays, months) = CheckWordLists::of(rules);
                CheckWordLists {
                    checks: checks.map(Clone::clone),
                    weekdays: weekdays.clone(),
                    months: months.clone(),
                }
            },
        }
    }

    /// True when these were made from the lists `rules` hold now.
    fn made_from(&self, rules: &Rules) -> bool {
        let (checks, weekdays, months) = CheckWordLists::of(rules);
        let was = &self.made_from;
        was.checks.iter().zip(checks).all(|(a, b)| a == b)
            && was.weekdays == *weekdays
            && was.months == *months
    }
}

/// The words of a white-space separated list, normalised, as one shared set;
/// `prepared` is the set `build.rs` froze of the built-in list (empty when it
/// could not: a word needing more than ASCII lower case).
fn normalized_words(list: &str, prepared: Option<&'static [u8]>) -> std::sync::Arc<FrozenSet> {
    if let Some(set) = prepared.and_then(|b| FrozenSet::from_block(std::borrow::Cow::Borrowed(b))) {
        return std::sync::Arc::new(set);
    }
    let words: Vec<String> = list
        .split_whitespace()
        .map(crate::tokens::normalize)
        .collect();
    std::sync::Arc::new(FrozenSet::new(words.iter().map(String::as_str).collect()))
}

/// The built-in word lists frozen by `build.rs`: `entities.yaml`'s given
/// names and common words, then `places.yaml`'s gazetteer squashed (each
/// block's length as u32, then the block).
static PREPARED_WORD_LISTS: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/entity_word_lists.bin"));

/// The `k`-th block of `blocks` (`frozen::write_blocks`), as `build.rs`
/// writes them; none when it is empty or missing.
fn prepared_block(blocks: &'static [u8], k: usize) -> Option<&'static [u8]> {
    crate::frozen::blocks(blocks)
        .nth(k)
        .filter(|block| !block.is_empty())
}

/// The `k`-th frozen word list of [`PREPARED_WORD_LISTS`] (none when empty).
fn prepared_word_list(k: usize) -> Option<&'static [u8]> {
    prepared_block(PREPARED_WORD_LISTS, k)
}

/// `(name, its JSON)` for each named built-in rule file, as `build.rs` writes it.
macro_rules! compiled {
    ($($name:literal),*) => {
        &[$(($name, include_str!(concat!(env!("OUT_DIR"), "/", $name, ".json")))),*]
    };
}

/// The built-in YAML rule files as JSON, prepared from them by `build.rs`:
/// read into the same types, many times faster than YAML.
const COMPILED: &[(&str, &str)] = compiled!(
    "abbreviations.yaml",
    "boilerplate.yaml",
    "attribution.yaml",
    "entities.yaml",
    "numbers.yaml",
    "nicknames.yaml",
    "places.yaml",
    "checks.yaml",
    "antonyms.yaml"
);

/// The rule files factdiff reads, by file name: every one is built in,
/// prepared by `build.rs`, and a rules folder may replace any of them.
pub fn rule_files() -> impl Iterator<Item = &'static str> {
    COMPILED
        .iter()
        .map(|(name, _)| *name)
        .chain(std::iter::once(CUE_MODEL_FILE))
}

/// The cue model's file name.
const CUE_MODEL_FILE: &str = "cue_model.tsv";

/// The built-in cue model compiled by `build.rs` into its frozen tables
/// (`cue_weights::frozen`), read in place.
static CUE_MODEL_BLOCK: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/cue_model.bin"));

/// The built-in cue model, read in place from the block `build.rs` compiled.
fn builtin_cue_model() -> crate::cue_weights::CueModel {
    crate::cue_weights::CueModel::from_block(std::borrow::Cow::Borrowed(CUE_MODEL_BLOCK))
        .expect("build.rs compiles the cue model with cue_weights::frozen")
}

/// The file `name` of the rules folder `dir`, when it has one: its path and text.
fn read_folder_file(dir: Option<&Path>, name: &str) -> Result<Option<(String, String)>> {
    let Some(p) = dir.map(|d| d.join(name)).filter(|p| p.exists()) else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(&p).map_err(|e| Error::Rules {
        file: p.display().to_string(),
        message: format!("cannot read: {e}"),
    })?;
    Ok(Some((p.display().to_string(), text)))
}

/// The rule file `name`, from `dir` when it has one (YAML, checked strictly),
/// else built in (its JSON form): the name errors give it, and its contents.
fn load_rule_file<T: DeserializeOwned>(dir: Option<&Path>, name: &str) -> Result<(String, T)> {
    if let Some((file, text)) = read_folder_file(dir, name)? {
        let value = parse_yaml(&file, &text)?;
        return Ok((file, value));
    }
    let file = format!("rules/{name} (built in)");
    let json = COMPILED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .ok_or_else(|| Error::Usage(format!("no built-in rule file {name}")))?;
    let value = serde_json::from_str(json).map_err(|e| Error::Rules {
        file: file.clone(),
        message: e.to_string(),
    })?;
    Ok((file, value))
}

/// Deepest nesting of YAML collections factdiff reads: far deeper than any
/// config, rules file or front matter, and shallow enough that a hostile
/// document ("[[[[..." 100,000 deep) is refused at once instead of parsed for
/// seconds.
pub const YAML_DEPTH_MAX: usize = 64;

/// The first line nesting flow collections (`[`, `{`) deeper than `max`, if any.
/// Quoted strings and comments are skipped.
fn too_deep(text: &str, max: usize) -> Option<usize> {
    let (mut depth, mut line) = (0usize, 1usize);
    let mut quote: Option<char> = None;
    let mut comment = false;
    let mut prev = ' ';
    for c in text.chars() {
        if c == '\n' {
            line += 1;
            comment = false;
        } else if comment {
        } else if let Some(q) = quote {
            if c == q && prev != '\\' {
                quote = None;
            }
        } else {
            match c {
                '"' | '\'' => quote = Some(c),
                '#' if prev.is_whitespace() => comment = true,
                '[' | '{' => {
                    depth += 1;
                    if depth > max {
                        return Some(line);
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        prev = c;
    }
    None
}

/// Parse one YAML document into `T`, naming file, line, column and key on error.
/// Collections nested deeper than [`YAML_DEPTH_MAX`] are refused before parsing.
pub fn parse_yaml<T: DeserializeOwned>(file: &str, text: &str) -> Result<T> {
    if let Some(line) = too_deep(text, YAML_DEPTH_MAX) {
        return Err(Error::Rules {
            file: file.to_string(),
            message: format!("line {line}: collections nested more than {YAML_DEPTH_MAX} deep"),
        });
    }
    serde_yaml_ng::from_str(text).map_err(|e| {
        let loc = e
            .location()
            .map(|l| format!("line {}, column {}: ", l.line(), l.column()))
            .unwrap_or_default();
        Error::Rules {
            file: file.to_string(),
            message: format!("{loc}{e}"),
        }
    })
}

fn compile(file: &str, rules: &[PatternRule]) -> Result<Vec<(String, Regex)>> {
    rules
        .iter()
        .map(|r| {
            Regex::new(&r.pattern)
                .map(|re| (r.id.clone(), re))
                .map_err(|e| Error::Rules {
                    file: file.to_string(),
                    // the regex error spans several lines (pattern, caret, reason): one
                    message: format!(
                        "rule `{}`: pattern does not compile: {}",
                        r.id,
                        e.to_string()
                            .lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty())
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                })
        })
        .collect()
}

/// The strip-prefix rules by id: frozen when they are the built-in ones,
/// else compiled (an error names the rule whose pattern fails).
fn strip_prefixes(
    file: &str,
    rules: &[PatternRule],
) -> Result<Vec<(String, crate::line_set::LinePrefix)>> {
    let patterns: Vec<&str> = rules.iter().map(|r| r.pattern.as_str()).collect();
    let prefixes = match crate::line_set::LinePrefix::builtin(&patterns) {
        Some(frozen) => frozen,
        None => compile(file, rules)?
            .into_iter()
            .map(|(_, re)| crate::line_set::LinePrefix::Compiled(re))
            .collect(),
    };
    Ok(rules.iter().map(|r| r.id.clone()).zip(prefixes).collect())
}

fn lower_set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| w.to_lowercase()).collect()
}

/// The word pairs of a `|` block, one pair per line; a line that is not two
/// words is an error naming the key and its line in the block.
fn word_pairs<'a>(file: &str, key: &str, block: &'a str) -> Result<Vec<(&'a str, &'a str)>> {
    crate::word_tables::word_pairs(block).map_err(|(line, text)| Error::Rules {
        file: file.to_string(),
        message: format!("key `{key}`, line {line} of the block: expected two words, got `{text}`"),
    })
}

/// Both directions of every antonym pair, keyed by the stem of the base form.
fn antonym_table(file: &str, raw: &AntonymsFile) -> Result<Antonyms> {
    let forms = word_pairs(file, "forms", &raw.forms)?;
    let mut pairs = word_pairs(file, "pairs", &raw.pairs)?;
    pairs.extend(word_pairs(file, "news_pairs", &raw.news_pairs)?);
    let block = Antonyms::freeze(&forms, &pairs);
    Ok(Antonyms::read(std::borrow::Cow::Owned(block)).unwrap_or_default())
}

/// The built-in antonym and nickname tables, frozen by `build.rs` (each
/// block's length as u32, then the block; the nicknames' block is empty when
/// the list is not ASCII: the program then keys it itself).
static PREPARED_WORD_TABLES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/word_tables.bin"));

/// The `k`-th block of [`PREPARED_WORD_TABLES`]: 0 the antonyms, 1 the
/// nicknames (none when empty).
fn prepared_word_table(k: usize) -> Option<std::borrow::Cow<'static, [u8]>> {
    prepared_block(PREPARED_WORD_TABLES, k).map(std::borrow::Cow::Borrowed)
}

/// A relative time placed in the calendar (`numbers.yaml` `time_frames`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeFrame {
    /// 0 day, 1 week, 2 month, 3 year; `None` for a vague past span ("recently").
    pub unit: Option<u8>,
    /// Bits of the positions it may take in its unit: 1 before (the last one),
    /// 2 earlier (this one, before now), 4 later (this one, after now), 8 after.
    pub positions: u8,
}

impl TimeFrame {
    const UNITS: [&'static str; 4] = ["day", "week", "month", "year"];
    const POSITIONS: [&'static str; 4] = ["before", "earlier", "later", "after"];

    /// Read "month before" or "recent"; `None` when it is neither.
    pub fn parse(text: &str) -> Option<TimeFrame> {
        let mut words = text.split_whitespace();
        let first = words.next()?;
        if first == "recent" {
            return words.next().is_none().then_some(TimeFrame {
                unit: None,
                positions: 0b0011,
            });
        }
        let unit = Self::UNITS.iter().position(|u| *u == first)? as u8;
        let mut positions = 0u8;
        for w in words {
            positions |= 1 << Self::POSITIONS.iter().position(|p| *p == w)?;
        }
        (positions != 0).then_some(TimeFrame {
            unit: Some(unit),
            positions,
        })
    }

    /// The positions in a coarser unit that a time at these positions of a
    /// finer unit may take: last week may fall in last month or early in this one.
    fn in_coarser(self) -> u8 {
        let mut out = 0;
        if self.positions & 0b0011 != 0 {
            out |= 0b0011;
        }
        if self.positions & 0b1100 != 0 {
            out |= 0b1100;
        }
        out
    }

    /// True when the two times may name one time ("last month" and "this
    /// year"; not "this week" and "next week", nor "earlier" and "later this year").
    pub fn may_meet(self, other: TimeFrame) -> bool {
        match (self.unit, other.unit) {
            (Some(a), Some(b)) if a == b => self.positions & other.positions != 0,
            (Some(a), Some(b)) => {
                let (fine, coarse) = if a < b { (self, other) } else { (other, self) };
                fine.in_coarser() & coarse.positions != 0
            }
            _ => self.in_coarser() & other.in_coarser() != 0,
        }
    }
}

/// Every [`crate::model::RuleId`] must be described exactly once in `checks.yaml`;
/// an id the enum lacks is already refused by serde.
fn check_catalogue(file: &str, checks: &[CheckRule]) -> Result<()> {
    for id in crate::model::RuleId::ALL {
        let n = checks.iter().filter(|c| c.id == id).count();
        if n != 1 {
            let what = if n == 0 {
                "is missing"
            } else {
                "is described more than once"
            };
            return Err(Error::Rules {
                file: file.to_string(),
                message: format!("key `checks`: check `{id}` {what}"),
            });
        }
    }
    Ok(())
}

impl Rules {
    /// The built-in rules.
    pub fn builtin() -> Result<Rules> {
        Rules::load(None)
    }

    /// Rules from `dir` where it has a file, built-in ones otherwise.
    pub fn load(dir: Option<&Path>) -> Result<Rules> {
        if let Some(d) = dir {
            if !d.is_dir() {
                return Err(Error::Usage(format!(
                    "{}: rules directory does not exist",
                    d.display()
                )));
            }
        }
        let (_, abbreviations): (_, AbbreviationsFile) = load_rule_file(dir, "abbreviations.yaml")?;
        let (bf, boilerplate): (_, BoilerplateFile) = load_rule_file(dir, "boilerplate.yaml")?;
        let (_, attribution): (_, AttributionFile) = load_rule_file(dir, "attribution.yaml")?;
        let (_, entities): (_, EntitiesFile) = load_rule_file(dir, "entities.yaml")?;
        // the built-in lists and tables were frozen by build.rs (and their text
        // left empty in the built-in files); a folder's own are read here
        let in_folder = |name: &str| dir.is_some_and(|d| d.join(name).exists());
        let builtin_lists = !in_folder("entities.yaml");
        let (_, places): (_, PlacesFile) = load_rule_file(dir, "places.yaml")?;
        let squash = crate::extract::entities::squash;
        // each alias's key with its group's canonical name's (the first alias
        // of a key wins, as the entity lexicon reads them)
        let mut canonical_key: HashMap<String, String> = HashMap::default();
        for group in &entities.aliases {
            if let Some(first) = group.first() {
                for a in group {
                    canonical_key
                        .entry(squash(a))
                        .or_insert_with(|| squash(first));
                }
            }
        }
        let entity_key = |name: &str| {
            let key = squash(name);
            canonical_key.get(&key).cloned().unwrap_or(key)
        };
        let capital_of = places
            .capitals
            .iter()
            .map(|(capital, country)| (entity_key(capital), entity_key(country)))
            .collect();
        // the built-in gazetteer was frozen by build.rs (and its text left empty)
        let builtin_places = (!in_folder("places.yaml"))
            .then(|| prepared_word_list(2))
            .flatten();
        let gazetteer = std::sync::Arc::new(match builtin_places {
            Some(block) => FrozenSet::from_block(std::borrow::Cow::Borrowed(block))
                .expect("build.rs freezes the gazetteer"),
            None => FrozenSet::from_block(std::borrow::Cow::Owned(
                crate::word_tables::freeze_gazetteer(&places.names),
            ))
            .unwrap_or_default(),
        });
        let (f, numbers): (_, NumbersFile) = load_rule_file(dir, "numbers.yaml")?;
        let mut time_frames = HashMap::default();
        for (phrase, frame) in &numbers.time_frames {
            let Some(parsed) = TimeFrame::parse(frame) else {
                return Err(Error::Rules {
                    file: f.clone(),
                    message: format!(
                        "key `time_frames`: `{phrase}: {frame}` is no unit (day, week, month, \
                         year) with positions (before, earlier, later, after), nor `recent`"
                    ),
                });
            };
            time_frames.insert(phrase.clone(), parsed);
        }
        let (cf, checks): (_, ChecksFile) = load_rule_file(dir, "checks.yaml")?;
        check_catalogue(&cf, &checks.checks)?;
        // the built-in tables were frozen by build.rs; a folder's own are read here
        let nicknames = match prepared_word_table(1).filter(|_| !in_folder("nicknames.yaml")) {
            Some(block) => Nicknames::read(block).expect("build.rs freezes the nicknames"),
            None => {
                let file = load_rule_file::<NicknamesFile>(dir, "nicknames.yaml")?.1;
                let block = Nicknames::freeze(&file.names, crate::tokens::normalize);
                Nicknames::read(std::borrow::Cow::Owned(block)).unwrap_or_default()
            }
        };
        let antonyms = match prepared_word_table(0).filter(|_| !in_folder("antonyms.yaml")) {
            Some(block) => Antonyms::read(block).expect("build.rs freezes the antonyms"),
            None => {
                let (af, antonym_file): (_, AntonymsFile) = load_rule_file(dir, "antonyms.yaml")?;
                antonym_table(&af, &antonym_file)?
            }
        };
        let cue_model = std::sync::Arc::new(match read_folder_file(dir, CUE_MODEL_FILE)? {
            Some((mf, t)) => crate::cue_weights::CueModel::parse(&mf, &t)?,
            None => builtin_cue_model(),
        });
        let drop_line_set = match crate::line_set::LineSet::new(
            &boilerplate
                .drop_lines
                .iter()
                .map(|r| r.pattern.as_str())
                .collect::<Vec<_>>(),
        ) {
            Ok(set) => set,
            Err(e) => {
                // the rule whose pattern fails, when one does alone
                compile(&bf, &boilerplate.drop_lines)?;
                return Err(Error::Rules {
                    file: bf.clone(),
                    message: format!("drop_lines do not compile together: {e}"),
                });
            }
        };
        Ok(Rules {
            prepositive: lower_set(&abbreviations.prepositive),
            ordinary: lower_set(&abbreviations.ordinary),
            sentence_starters: abbreviations.sentence_starters.iter().cloned().collect(),
            drop_line_set,
            drop_line_ids: boilerplate
                .drop_lines
                .iter()
                .map(|r| r.id.clone())
                .collect(),
            strip_prefixes: strip_prefixes(&bf, &boilerplate.strip_prefixes)?,
            abbreviations,
            attribution: std::sync::Arc::new(attribution),
            given_names: normalized_words(
                &entities.given_names,
                builtin_lists.then(|| prepared_word_list(0)).flatten(),
            ),
            common_words: normalized_words(
                &entities.common_words,
                builtin_lists.then(|| prepared_word_list(1)).flatten(),
            ),
            entities,
            numbers,
            time_frames,
            checks,
            antonyms,
            nicknames,
            gazetteer,
            capital_of,
            cue_model,
            check_words: std::sync::OnceLock::new(),
        })
    }

    /// The checks' word lists as a comparison reads them: made once and kept;
    /// made afresh (and not kept) when a list has changed since.
    pub fn check_words(&self) -> std::sync::Arc<CheckWords> {
        let kept = self
            .check_words
            .get_or_init(|| std::sync::Arc::new(CheckWords::new(self)));
        if kept.made_from(self) {
            kept.clone()
        } else {
            std::sync::Arc::new(CheckWords::new(self))
        }
    }

    /// The check with this id, if any (none once a config has disabled it).
    pub fn check(&self, id: crate::model::RuleId) -> Option<&CheckRule> {
        self.checks.checks.iter().find(|c| c.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of the rule file `name` in the repository's `rules/`.
    fn rule_text(name: &str) -> String {
        let path = format!("{}/rules/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn the_compiled_rules_hold_what_the_rule_files_say() {
        // every YAML file's JSON form, as build.rs wrote it, has its contents
        // but the word lists build.rs froze instead (left empty)
        for (name, json) in COMPILED {
            let mut from_yaml: serde_json::Value =
                serde_yaml_ng::from_str(&rule_text(name)).unwrap();
            let frozen: &[&str] = match *name {
                "entities.yaml" => &["given_names", "common_words"],
                "places.yaml" => &["names"],
                _ => &[],
            };
            for key in frozen {
                from_yaml[*key] = serde_json::Value::String(String::new());
            }
            let from_json: serde_json::Value = serde_json::from_str(json).unwrap();
            assert_eq!(from_yaml, from_json, "{name}");
        }
        // every YAML file of the folder is compiled
        let on_disk = std::fs::read_dir(format!("{}/rules", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".yaml"))
            .count();
        assert_eq!(COMPILED.len(), on_disk, "a rule file is not compiled");
        // the entity word lists build.rs froze are the lists the text gives
        let entities: EntitiesFile =
            parse_yaml("entities.yaml", &rule_text("entities.yaml")).unwrap();
        for (k, list) in [&entities.given_names, &entities.common_words]
            .into_iter()
            .enumerate()
        {
            let words: Vec<String> = list
                .split_whitespace()
                .map(crate::tokens::normalize)
                .collect();
            let frozen = FrozenSet::freeze(words.iter().map(String::as_str).collect());
            assert_eq!(prepared_word_list(k), Some(frozen.as_slice()), "list {k}");
        }
        // and the gazetteer, squashed as the program squashes names
        let places: PlacesFile = parse_yaml("places.yaml", &rule_text("places.yaml")).unwrap();
        let keys: Vec<String> = places
            .names
            .lines()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(crate::extract::entities::squash)
            .collect();
        let frozen = FrozenSet::freeze(keys.iter().map(String::as_str).collect());
        assert_eq!(prepared_word_list(2), Some(frozen.as_slice()), "gazetteer");
        // the antonym and nickname tables build.rs froze are the ones the
        // program freezes from the same files
        let (af, antonyms): (_, AntonymsFile) = load_rule_file(None, "antonyms.yaml").unwrap();
        let forms = word_pairs(&af, "forms", &antonyms.forms).unwrap();
        let mut pairs = word_pairs(&af, "pairs", &antonyms.pairs).unwrap();
        pairs.extend(word_pairs(&af, "news_pairs", &antonyms.news_pairs).unwrap());
        assert_eq!(
            prepared_word_table(0).as_deref(),
            Some(Antonyms::freeze(&forms, &pairs).as_slice())
        );
        let (_, nicknames): (_, NicknamesFile) = load_rule_file(None, "nicknames.yaml").unwrap();
        assert_eq!(
            prepared_word_table(1).as_deref(),
            Some(Nicknames::freeze(&nicknames.names, crate::tokens::normalize).as_slice())
        );
        // the cue model's compiled block is the one its text gives
        assert_eq!(
            builtin_cue_model(),
            crate::cue_weights::CueModel::parse(CUE_MODEL_FILE, &rule_text(CUE_MODEL_FILE))
                .unwrap()
        );
    }

    #[test]
    fn a_folders_own_word_tables_replace_the_frozen_built_in_ones() {
        let dir = std::env::temp_dir().join(format!("factdiff-tables-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
        write(
            "antonyms.yaml",
            "pairs: |\n  zorp blick\nforms: |\n  zorped zorp\n",
        );
        write("nicknames.yaml", "names: |\n  Zebulon Zeb\n");
        write("places.yaml", "names: |\n  Zorp-ville\n  São Zé\n");
        let rules = Rules::load(Some(&dir)).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        let a = &rules.antonyms;
        assert!(a.are_opposite(&a.key("zorped"), &a.key("blicks")));
        assert!(
            !a.has_opposites(&a.key("increase")),
            "the built-in pairs are replaced"
        );
        assert!(rules.nicknames.are_related("zeb", "zebulon"));
        assert!(!rules.nicknames.is_given_name("bob"));
        assert!(rules.gazetteer.contains("zorpville") && rules.gazetteer.contains("sãozé"));
        assert!(!rules.gazetteer.contains("sandiego"));
        // and the built-in ones are the frozen tables
        let builtin = Rules::load(None).unwrap();
        assert!(builtin.nicknames.are_related("bob", "robert"));
        assert!(builtin.gazetteer.contains("sandiego"));
        let a = &builtin.antonyms;
        assert!(a.are_opposite(&a.key("increase"), &a.key("decrease")));
    }

    #[test]
    fn check_words_are_kept_until_a_list_changes() {
        let mut rules = Rules::load(None).unwrap();
        let first = rules.check_words();
        assert!(std::sync::Arc::ptr_eq(&first, &rules.check_words()));
        assert!(first.stop.contains("the") && !first.negators.contains("zzyzx"));
        // a caller that changes a list after the first comparison is served
        // words made from the list as it is now
        rules.checks.negators.push("Zzyzx".into());
        let changed = rules.check_words();
        assert!(!std::sync::Arc::ptr_eq(&first, &changed));
        assert!(changed.negators.contains("zzyzx"));
        rules.numbers.weekdays.push("Caturday".into());
        assert!(rules.check_words().calendar.contains("caturday"));
    }

    #[test]
    fn time_frames_meet_only_where_the_calendar_lets_them() {
        let t = |s: &str| TimeFrame::parse(s).unwrap();
        let (this_week, next_week, today) = (
            t("week earlier later"),
            t("week after"),
            t("day earlier later"),
        );
        assert!(!this_week.may_meet(next_week));
        assert!(today.may_meet(this_week));
        assert!(!today.may_meet(t("day before")));
        assert!(t("month before").may_meet(t("year earlier later")));
        assert!(!t("year earlier").may_meet(t("year later")));
        assert!(t("recent").may_meet(t("week before")));
        assert!(!t("recent").may_meet(t("week after")));
        for bad in ["fortnight before", "week", "week soon", "recent past", ""] {
            assert!(TimeFrame::parse(bad).is_none(), "{bad}");
        }
        // every frame the built-in rules give reads
        let rules = Rules::builtin().unwrap();
        assert!(rules.numbers.time_frames.len() > 20);
    }

    #[test]
    fn deeply_nested_yaml_is_refused_before_parsing() {
        let deep = format!("checks: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let e = parse_yaml::<serde_yaml_ng::Value>("deep.yaml", &deep).unwrap_err();
        assert!(e.to_string().contains("nested more than 64 deep"), "{e}");
        // brackets inside quotes and comments do not count
        let fine = format!(
            "a: \"{}\" # {}\nb: [[1], {{c: 2}}]\n",
            "[".repeat(100),
            "{".repeat(100)
        );
        assert!(parse_yaml::<serde_yaml_ng::Value>("fine.yaml", &fine).is_ok());
    }

    #[test]
    fn builtin_rules_load() {
        Rules::builtin().unwrap();
    }

    #[test]
    fn checks_yaml_and_rule_ids_must_agree() {
        let text = rule_text("checks.yaml");
        let checks = |t: &str| parse_yaml::<ChecksFile>("checks.yaml", t);
        let full = checks(&text).unwrap();
        check_catalogue("checks.yaml", &full.checks).unwrap();
        // a check the enum has but the file lacks is refused by name
        let e = check_catalogue("checks.yaml", &full.checks[1..])
            .unwrap_err()
            .to_string();
        assert!(e.contains("list-item") && e.contains("missing"), "{e}");
        // a check the file has but the enum lacks is refused with its line
        let e = checks(&text.replace("{id: word,", "{id: wordy,"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("checks.yaml") && e.contains("wordy"), "{e}");
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let err = parse_yaml::<Thresholds>("x.yaml", "name_similarity: 0.9\nbogus_key: 1\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("x.yaml"), "{err}");
        assert!(err.contains("line 2"), "{err}");
        assert!(err.contains("bogus_key"), "{err}");
    }

    #[test]
    fn bad_regex_names_rule_id() {
        let dir = std::env::temp_dir().join(format!("factdiff-rules-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("boilerplate.yaml"),
            "drop_lines:\n  - id: broken-one\n    pattern: '(['\nstrip_prefixes: []\n",
        )
        .unwrap();
        let err = Rules::load(Some(&dir)).unwrap_err().to_string();
        std::fs::remove_dir_all(&dir).ok();
        assert!(err.contains("broken-one"), "{err}");
        assert!(err.contains("boilerplate.yaml"), "{err}");
    }

    #[test]
    fn antonym_pairs_are_two_words_a_line() {
        let raw = AntonymsFile {
            pairs: "increase decrease\nwin lose\n".into(),
            forms: "won win\n".into(),
            news_pairs: "decline increase\n".into(),
        };
        let table = antonym_table("a.yaml", &raw).unwrap();
        assert_eq!(table.key("won"), table.key("win"));
        assert!(table.are_opposite(&table.key("won"), &table.key("lose")));
        assert!(table.are_opposite(&table.key("decreased"), &table.key("increase")));
        assert!(table.has_opposites(&table.key("decreased")));
        assert!(!table.has_opposites("table"));
        assert!(table.are_opposite(&table.key("declined"), &table.key("increases")));
        let bad = AntonymsFile {
            pairs: "increase decrease\nwin\n".into(),
            forms: String::new(),
            news_pairs: String::new(),
        };
        let err = antonym_table("a.yaml", &bad).unwrap_err().to_string();
        assert!(
            err.contains("a.yaml") && err.contains("pairs") && err.contains("line 2"),
            "{err}"
        );
    }
}
