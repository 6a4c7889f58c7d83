//! The syntax layer, between segment and extract: UD-style tokens of each
//! sentence with their part of speech (UPOS), lemma, head and dependency relation.
//!
//! The tagger, lemmatiser and parser are factdiff's own, trained from UD English
//! EWT (CC BY-SA 4.0) by `cargo run --release --example train_syntax`; the model
//! (`models/en.syntax`) is derived from that treebank and embedded in the binary.
//! Its weights are read in place, so loading costs little time and memory.

pub mod conllu;
pub mod forms;
pub mod lemma;
pub mod parser;
pub mod sentence_parser;
pub mod tagger;
pub mod tokenize;
pub mod train;
pub mod weights;

use crate::error::{Error, Result};
use crate::key::Key;
use crate::span::Span;
pub use sentence_parser::SentenceParser;
use std::borrow::Cow;
use tagger::{WordAtoms, UPOS};
use weights::Table;

/// One token of a parsed sentence. Offsets, head and tag are kept small: a
/// comparison keeps the parse of every sentence it reads (issue 25).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxToken {
    /// Bytes of the document text: first, and one past the last.
    start: u32,
    end: u32,
    /// Index of the head token in the sentence (1-based; 0 is the root).
    head: u32,
    /// Universal part of speech, as its index in [`UPOS`].
    tag: u8,
    /// Lemma, interned.
    pub lemma: Key,
    /// Dependency relation (UD v2 label), interned.
    pub deprel: Key,
}

impl SyntaxToken {
    /// A token at `span` tagged with the `tag`-th UPOS (`X` past the table),
    /// with its lemma, 1-based head and relation. Offsets are kept in 32
    /// bits: `Engine::analyze` refuses longer texts.
    pub fn new(span: Span, tag: u8, lemma: Key, head: usize, deprel: Key) -> Self {
        SyntaxToken {
            start: span.start as u32,
            end: span.end as u32,
            head: head as u32,
            tag: tag.min(UPOS.len() as u8 - 1),
            lemma,
            deprel,
        }
    }

    /// Bytes of the document text.
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    /// Universal part of speech.
    pub fn upos(&self) -> &'static str {
        UPOS[self.tag as usize]
    }

    /// Index of the head token in the sentence (1-based; 0 is the root).
    pub fn head(&self) -> usize {
        self.head as usize
    }
}

/// A trained model: tagger, parser and lemmatiser.
#[derive(Debug, Clone)]
pub struct SyntaxModel {
    /// Part-of-speech tagger.
    pub tagger: tagger::Tagger<Table>,
    /// Dependency parser.
    pub parser: parser::Parser<Table>,
    /// Lemmatiser.
    pub lemmatizer: lemma::Lemmatizer,
    /// Dependency labels by index.
    pub labels: Vec<String>,
}

const MAGIC: &[u8; 8] = b"FDSYNTX3";

/// The embedded model (empty when the crate was built before one was trained).
static EMBEDDED: &[u8] = include_bytes!("../../models/en.syntax");

/// A word of the model's tables: borrowed from the embedded model's bytes,
/// owned when a model is trained or read from a file.
pub type WordKey = Cow<'static, str>;

/// The head word of the words of a parsed sentence that `inside` picks: the
/// first of them whose own head is the root or a word outside them.
pub fn head_within(toks: &[SyntaxToken], inside: impl Fn(&SyntaxToken) -> bool) -> Option<usize> {
    toks.iter()
        .position(|t| inside(t) && (t.head() == 0 || !toks.get(t.head() - 1).is_some_and(&inside)))
}

/// The embedded model's word tables, frozen by `build.rs`: where the model's
/// dictionary, suffix rules, forms and weight tables start (u32 each), then
/// the frozen dictionary, classes and forms, then the lemmatiser's frozen
/// rules, exceptions and relation lemmas when build.rs could key them all
/// (each its length as u32, then its bytes).
static PREPARED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/syntax_tables.bin"));

/// The embedded model's word tables as `build.rs` froze them.
struct Prepared {
    dictionary: forms::WordValues,
    classes: forms::WordValues,
    forms: forms::FormTable,
    /// The lemmatiser's rules, exceptions and relation lemmas.
    lemmas: Option<lemma::FrozenLemmas>,
    /// Where the model's suffix rules start (after its classes).
    rules_at: usize,
    /// Where the model's forms start.
    forms_at: usize,
    /// Where the model's weight tables start (after its forms).
    tables_at: usize,
}

/// The prepared word tables, when `embedded` is the built-in model and its
/// dictionary starts at `at` as `build.rs` found it.
fn prepared(embedded: Option<&'static [u8]>, at: usize) -> Option<Prepared> {
    let embedded = embedded?;
    let offset = |k: usize| crate::frozen::u32_at(PREPARED, k * 4).map(|v| v as usize);
    let [dictionary_at, rules_at, forms_at, tables_at] =
        [offset(0)?, offset(1)?, offset(2)?, offset(3)?];
    if !std::ptr::eq(embedded, EMBEDDED) || dictionary_at != at || tables_at > embedded.len() {
        return None;
    }
    let mut blocks = crate::frozen::blocks(PREPARED.get(16..)?);
    let mut block = || blocks.next().map(Cow::Borrowed);
    Some(Prepared {
        dictionary: forms::WordValues::from_block(block()?)?,
        classes: forms::WordValues::from_block(block()?)?,
        forms: forms::FormTable::from_block(block()?)?,
        // the lemmatiser's tables, when build.rs froze them
        lemmas: (|| {
            Some(lemma::FrozenLemmas {
                rules: forms::FormTable::from_block(block()?)?,
                exceptions: forms::FormTable::from_block(block()?)?,
                relations: forms::FormTable::from_block(block()?)?,
            })
        })(),
        rules_at,
        forms_at,
        tables_at,
    })
}

/// The embedded model, read once.
pub fn model() -> Result<&'static SyntaxModel> {
    static MODEL: std::sync::OnceLock<std::result::Result<SyntaxModel, Error>> =
        std::sync::OnceLock::new();
    MODEL
        .get_or_init(|| SyntaxModel::read("models/en.syntax", Cow::Borrowed(EMBEDDED)))
        .as_ref()
        .map_err(Clone::clone)
}

/// The gold-token analysis of one sentence: tag, lemma, head and label of each word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordAnalysis {
    /// UPOS index of each word.
    pub tags: Vec<u8>,
    /// Lemma of each word.
    pub lemmas: Vec<String>,
    /// Head of each word (0: root).
    pub heads: Vec<usize>,
    /// Label index of each word.
    pub labels: Vec<u8>,
}

impl SyntaxModel {
    /// Tag, lemmatise and parse words already split into tokens.
    pub fn analyze_words(&self, forms: &[&str]) -> WordAnalysis {
        let atoms: Vec<WordAtoms> = forms.iter().map(|f| WordAtoms::new(f)).collect();
        let tags = self.tagger.tag(forms, &atoms);
        let (heads, labels) = self.parser.parse(&parser::Sentence {
            words: &atoms,
            tags: &tags,
        });
        let lemmas = forms
            .iter()
            .zip(&tags)
            .zip(&labels)
            .map(|((f, &t), &l)| {
                let rel = self.labels.get(l as usize).map_or("", String::as_str);
                self.lemmatizer.lemma_in(f, t, rel)
            })
            .collect();
        WordAnalysis {
            tags,
            lemmas,
            heads,
            labels,
        }
    }

    /// Tokenise `span` of `text` and analyse its tokens.
    pub fn analyze(
        &self,
        text: &str,
        span: Span,
        abbr: &tokenize::Abbreviations,
    ) -> Vec<SyntaxToken> {
        let spans = tokenize::tokenize(text, span, abbr);
        let forms: Vec<&str> = spans.iter().map(|s| s.text(text)).collect();
        let w = self.analyze_words(&forms);
        spans
            .into_iter()
            .enumerate()
            .map(|(i, span)| {
                SyntaxToken::new(
                    span,
                    w.tags[i],
                    Key::new(&w.lemmas[i]),
                    w.heads[i],
                    self.labels
                        .get(w.labels[i] as usize)
                        .map_or_else(Key::default, |l| Key::new(l)),
                )
            })
            .collect()
    }

    /// The model file's bytes.
    pub fn write(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        let put_str = |out: &mut Vec<u8>, s: &str| {
            out.extend_from_slice(&(s.len() as u32).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
        };
        out.extend_from_slice(&(self.labels.len() as u32).to_le_bytes());
        for l in &self.labels {
            put_str(&mut out, l);
        }
        // both word tables are kept sorted by word
        let dict: Vec<(&str, u32)> = self.tagger.dictionary.rows().collect();
        out.extend_from_slice(&(dict.len() as u32).to_le_bytes());
        for (f, t) in dict {
            put_str(&mut out, f);
            out.push(t as u8);
        }
        let classes: Vec<(&str, u32)> = self.tagger.classes.rows().collect();
        out.extend_from_slice(&(classes.len() as u32).to_le_bytes());
        for (f, c) in classes {
            put_str(&mut out, f);
            out.extend_from_slice(&c.to_le_bytes());
        }
        // the lemmatiser's tables, from its maps or as frozen, sorted by key
        let lem = &self.lemmatizer;
        let mut rules: Vec<(u8, &str, bool, u8, &str)> = match &lem.frozen {
            Some(f) => f
                .rules
                .rows()
                .filter_map(|(key, edit, append)| {
                    let (tag, end) = forms::split_rule_key(key)?;
                    let (lower, strip) = forms::edit_of(edit);
                    Some((tag, end, lower, strip, append))
                })
                .collect(),
            None => lem
                .rules
                .iter()
                .map(|((tag, end), e)| (*tag, end.as_ref(), e.lower, e.strip, e.append.as_ref()))
                .collect(),
        };
        rules.sort();
        out.extend_from_slice(&(rules.len() as u32).to_le_bytes());
        for (tag, end, lower, strip, append) in rules {
            out.push(tag);
            put_str(&mut out, end);
            out.push(lower as u8);
            out.push(strip);
            put_str(&mut out, append);
        }
        let mut exc: Vec<(&str, u8, &str)> = match &lem.frozen {
            Some(f) => f
                .exceptions
                .rows()
                .filter_map(|(key, _, lemma)| {
                    let (form, tag, _) = forms::split_form_key(key)?;
                    Some((form, tag, lemma))
                })
                .collect(),
            None => lem
                .exceptions
                .iter()
                .map(|((form, tag), lemma)| (form.as_ref(), *tag, lemma.as_ref()))
                .collect(),
        };
        exc.sort();
        out.extend_from_slice(&(exc.len() as u32).to_le_bytes());
        for (form, tag, lemma) in exc {
            put_str(&mut out, form);
            out.push(tag);
            put_str(&mut out, lemma);
        }
        let mut rel: Vec<(&str, u8, &str, &str)> = match &lem.frozen {
            Some(f) => f
                .relations
                .rows()
                .filter_map(|(key, _, lemma)| {
                    let (form, tag, deprel) = forms::split_form_key(key)?;
                    Some((form, tag, deprel, lemma))
                })
                .collect(),
            None => lem
                .by_relation
                .iter()
                .map(|((form, tag, deprel), lemma)| {
                    (form.as_ref(), *tag, deprel.as_ref(), lemma.as_ref())
                })
                .collect(),
        };
        rel.sort();
        out.extend_from_slice(&(rel.len() as u32).to_le_bytes());
        for (form, tag, deprel, lemma) in rel {
            put_str(&mut out, form);
            out.push(tag);
            put_str(&mut out, deprel);
            put_str(&mut out, lemma);
        }
        // sorted by form, as the table keeps them
        out.extend_from_slice(&(self.lemmatizer.forms.len() as u32).to_le_bytes());
        for (form, tags, lemma) in self.lemmatizer.forms.rows() {
            put_str(&mut out, form);
            out.extend_from_slice(&tags.to_le_bytes());
            put_str(&mut out, lemma);
        }
        for t in [
            &self.tagger.weights,
            &self.parser.transitions,
            &self.parser.labeler,
        ] {
            t.write(&mut out);
        }
        out
    }

    /// Read a model file's bytes; `name` names it in errors.
    pub fn read(name: &str, bytes: Cow<'static, [u8]>) -> Result<SyntaxModel> {
        let bad = |why: &str| Error::Input {
            path: name.to_string(),
            reason: format!("not a factdiff syntax model: {why}"),
        };
        if bytes.is_empty() {
            return Err(bad(
                "it is empty (train one with `cargo run --release --example train_syntax`)",
            ));
        }
        // from the embedded model, words are borrowed, not copied
        let embedded: Option<&'static [u8]> = match &bytes {
            Cow::Borrowed(b) => Some(b),
            Cow::Owned(_) => None,
        };
        let mut r = Reader {
            b: &bytes,
            at: 0,
            embedded,
        };
        if r.take(8).ok_or_else(|| bad("too short"))? != MAGIC {
            return Err(bad("wrong magic bytes"));
        }
        let short = || bad("cut short");
        let nl = r.u32().ok_or_else(short)?;
        let mut labels = Vec::new();
        for _ in 0..nl {
            labels.push(r.string().ok_or_else(short)?);
        }
        // each table sized once from its count, bounded by the bytes left (a
        // damaged count cannot ask for more than the file could hold)
        // the built-in model's word tables are frozen by build.rs: read in place
        let prepared = prepared(embedded, r.at);
        let (dictionary, classes) = match &prepared {
            Some(p) => {
                r.at = p.rules_at;
                (p.dictionary.clone(), p.classes.clone())
            }
            None => {
                let n = r.u32().ok_or_else(short)?;
                let mut rows = Vec::with_capacity(r.at_most(n, 6));
                for _ in 0..n {
                    let f = r.word().ok_or_else(short)?;
                    rows.push((f, u32::from(r.u8().ok_or_else(short)?)));
                }
                let n = r.u32().ok_or_else(short)?;
                let mut class_rows = Vec::with_capacity(r.at_most(n, 9));
                for _ in 0..n {
                    let f = r.word().ok_or_else(short)?;
                    class_rows.push((f, r.u32().ok_or_else(short)?));
                }
                let frozen = |rows: &[(WordKey, u32)]| {
                    forms::WordValues::from_rows(
                        rows.iter().map(|(f, v)| (f.as_ref(), *v)).collect(),
                    )
                };
                (frozen(&rows), frozen(&class_rows))
            }
        };
        let mut lem = lemma::Lemmatizer::default();
        // the built-in model's rules, exceptions and relation lemmas are
        // frozen by build.rs: read in place, the maps left empty
        match prepared
            .as_ref()
            .and_then(|p| Some((p.lemmas.clone()?, p.forms_at)))
        {
            Some((frozen, forms_at)) => {
                lem.frozen = Some(frozen);
                r.at = forms_at;
            }
            None => read_lemma_maps(&mut r, &mut lem).ok_or_else(short)?,
        }
        // the built-in model's forms are frozen by build.rs: read in place
        match prepared.filter(|p| p.forms_at == r.at) {
            Some(p) => {
                lem.forms = p.forms;
                r.at = p.tables_at;
            }
            None => {
                let n = r.u32().ok_or_else(short)?;
                let mut rows = Vec::with_capacity(r.at_most(n, 13));
                for _ in 0..n {
                    let form = r.word().ok_or_else(short)?;
                    let tags = r.u32().ok_or_else(short)?;
                    rows.push((form, tags, r.word().ok_or_else(short)?));
                }
                lem.forms = forms::FormTable::from_rows(
                    rows.iter()
                        .map(|(f, t, l)| (f.as_ref(), *t, l.as_ref()))
                        .collect(),
                );
            }
        }
        let mut tables = Vec::new();
        for _ in 0..3 {
            let bits = r.u32().ok_or_else(short)?;
            let classes = r.u32().ok_or_else(short)? as usize;
            let scale = f32::from_le_bytes(
                r.take(4)
                    .ok_or_else(short)?
                    .try_into()
                    .map_err(|_| short())?,
            );
            let len = (1usize << bits.min(31)) * classes * 2;
            let start = r.at;
            r.take(len).ok_or_else(short)?;
            let data = match &bytes {
                Cow::Borrowed(b) => Cow::Borrowed(&b[start..start + len]),
                Cow::Owned(b) => Cow::Owned(b[start..start + len].to_vec()),
            };
            tables.push(
                Table::from_parts(bits, classes, scale, data)
                    .ok_or_else(|| bad("a weight table does not fit"))?,
            );
        }
        let labeler = tables.pop().ok_or_else(short)?;
        let transitions = tables.pop().ok_or_else(short)?;
        let weights = tables.pop().ok_or_else(short)?;
        Ok(SyntaxModel {
            tagger: tagger::Tagger {
                weights,
                dictionary,
                classes,
            },
            parser: parser::Parser {
                transitions,
                labeler,
            },
            lemmatizer: lem,
            labels,
        })
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
    /// The same bytes when they live as long as the program (the embedded
    /// model): words are then borrowed from them.
    embedded: Option<&'static [u8]>,
}

/// The lemmatiser's rules, exceptions and relation lemmas as the model's bytes
/// hold them, filed in its maps; `None` when the bytes are cut short.
fn read_lemma_maps(r: &mut Reader, lem: &mut lemma::Lemmatizer) -> Option<()> {
    let n = r.u32()?;
    lem.rules.reserve(r.at_most(n, 11));
    for _ in 0..n {
        let tag = r.u8()?;
        let end = r.word()?;
        let lower = r.u8()? == 1;
        let strip = r.u8()?;
        let append = r.word()?;
        lem.rules.insert(
            (tag, end),
            lemma::Edit {
                lower,
                strip,
                append,
            },
        );
    }
    let n = r.u32()?;
    lem.exceptions.reserve(r.at_most(n, 9));
    for _ in 0..n {
        let form = r.word()?;
        let tag = r.u8()?;
        lem.exceptions.insert((form, tag), r.word()?);
    }
    let n = r.u32()?;
    lem.by_relation.reserve(r.at_most(n, 13));
    for _ in 0..n {
        let form = r.word()?;
        let tag = r.u8()?;
        let deprel = r.word()?;
        lem.by_relation.insert((form, tag, deprel), r.word()?);
    }
    Some(())
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    /// `n` entries of at least `bytes` bytes each, at most as many as the
    /// bytes left could hold.
    fn at_most(&self, n: u32, bytes: usize) -> usize {
        (n as usize).min(self.b.len().saturating_sub(self.at) / bytes)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn string(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    /// A string as a [`WordKey`]: borrowed from the embedded model, else owned.
    fn word(&mut self) -> Option<WordKey> {
        let n = self.u32()? as usize;
        let start = self.at;
        let bytes = self.take(n)?;
        match self.embedded {
            Some(all) => std::str::from_utf8(all.get(start..start + n)?)
                .ok()
                .map(Cow::Borrowed),
            None => String::from_utf8(bytes.to_vec()).ok().map(Cow::Owned),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_models_prepared_word_tables_are_the_ones_it_holds() {
        // build.rs froze the word tables, and the model reads them in place ...
        let kept = model().expect("the built-in syntax model");
        let at = crate::frozen::u32_at(PREPARED, 0).unwrap() as usize;
        let p = prepared(Some(EMBEDDED), at).expect("build.rs prepared the word tables");
        assert!(p.forms.len() > 1000 && p.dictionary.rows().count() > 100);
        // ... which are the tables of the model's own bytes, read one by one
        let read = SyntaxModel::read("en.syntax", Cow::Owned(EMBEDDED.to_vec())).unwrap();
        assert!(read
            .lemmatizer
            .forms
            .rows()
            .eq(kept.lemmatizer.forms.rows()));
        assert!(read
            .tagger
            .dictionary
            .rows()
            .eq(kept.tagger.dictionary.rows()));
        assert!(read.tagger.classes.rows().eq(kept.tagger.classes.rows()));
        assert!(read.tagger.classes.rows().eq(p.classes.rows()));
        let rows: Vec<_> = read.lemmatizer.forms.rows().collect();
        assert!(p.forms.rows().eq(rows.iter().copied()));
        // and a model written again reads back the same
        let again = SyntaxModel::read("again", Cow::Owned(kept.write())).unwrap();
        assert!(again
            .lemmatizer
            .forms
            .rows()
            .eq(kept.lemmatizer.forms.rows()));
        assert!(again
            .tagger
            .dictionary
            .rows()
            .eq(kept.tagger.dictionary.rows()));
        assert_eq!(kept.write(), EMBEDDED);
    }

    #[test]
    fn the_frozen_lemma_tables_give_the_lemmas_the_model_s_maps_give() {
        // the built-in model reads its rules, exceptions and relation lemmas
        // frozen, its maps left empty ...
        let kept = model().expect("the built-in syntax model");
        let frozen = kept
            .lemmatizer
            .frozen
            .as_ref()
            .expect("build.rs froze them");
        assert!(kept.lemmatizer.rules.is_empty() && kept.lemmatizer.exceptions.is_empty());
        assert!(frozen.rules.len() > 100 && frozen.exceptions.len() > 100);
        // ... and a copy of its bytes, read into the maps, lemmatises alike:
        // every exception, relation lemma and rule of the maps is met
        let read = SyntaxModel::read("en.syntax", Cow::Owned(EMBEDDED.to_vec())).unwrap();
        let (k, r) = (&kept.lemmatizer, &read.lemmatizer);
        assert!(r.frozen.is_none() && r.rules.len() == frozen.rules.len());
        for (form, tag) in r.exceptions.keys() {
            assert_eq!(k.lemma(form, *tag), r.lemma(form, *tag), "{form} {tag}");
        }
        assert_eq!(r.by_relation.len(), frozen.relations.len());
        for (form, tag, deprel) in r.by_relation.keys() {
            assert_eq!(
                k.lemma_in(form, *tag, deprel),
                r.lemma_in(form, *tag, deprel),
                "{form} {tag} {deprel}"
            );
        }
        for (tag, end) in r.rules.keys() {
            for word in [format!("x{end}"), format!("Ab{end}"), end.to_string()] {
                assert_eq!(k.lemma(&word, *tag), r.lemma(&word, *tag), "{word} {tag}");
            }
        }
        // a word no table holds falls through alike
        assert_eq!(k.lemma_in("Zyxq", 3, "obj"), r.lemma_in("Zyxq", 3, "obj"));
    }
}
