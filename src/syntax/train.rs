//! Training and scoring of the syntax model on CoNLL-U treebanks. The library
//! never prints: progress goes to a callback. Deterministic for a given seed.

use super::conllu::GoldSentence;
use super::lemma::Lemmatizer;
use super::parser::{self, GoldTree, Parser, Rng};
use super::tagger::{self, upos_index, Tagger, WordAtoms};
use super::weights::Perceptron;
use super::SyntaxModel;
use serde::Serialize;

/// Settings of one training run.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Seed of shuffling and exploration.
    pub seed: u64,
    /// Passes of the tagger over the data.
    pub tagger_epochs: usize,
    /// Passes of the parser over the data.
    pub parser_epochs: usize,
    /// Folds for jackknifed tags: the parser learns on tags the tagger predicted
    /// without having seen the sentence (0 or 1: gold tags).
    pub jackknife: usize,
    /// log2 of the tagger's hashed buckets.
    pub tagger_bits: u32,
    /// log2 of the transition classifier's buckets.
    pub parser_bits: u32,
    /// log2 of the labeler's buckets.
    pub labeler_bits: u32,
    /// Probability of following a wrong predicted transition while training.
    pub explore: f64,
    /// Times a word must be seen for the tagger to know its ambiguity class.
    pub class_min_count: usize,
    /// Times a (form, tag, relation) must be seen for its own lemma to be kept.
    pub relation_lemma_min_count: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            seed: 1,
            tagger_epochs: 10,
            parser_epochs: 15,
            jackknife: 4,
            tagger_bits: 17,
            parser_bits: 20,
            labeler_bits: 15,
            explore: 0.9,
            class_min_count: 3,
            relation_lemma_min_count: 3,
        }
    }
}

fn shuffled(n: usize, rng: &mut Rng) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
    v
}

type Tagged = (Vec<String>, Vec<u8>);

fn tagged(sents: &[GoldSentence]) -> Vec<Tagged> {
    sents
        .iter()
        .map(|s| {
            (
                s.words.iter().map(|w| w.form.clone()).collect(),
                s.words
                    .iter()
                    .map(|w| upos_index(&w.upos).unwrap_or(16))
                    .collect(),
            )
        })
        .collect()
}

fn train_tagger(
    data: &[Tagged],
    o: &TrainOptions,
    log: &mut dyn FnMut(String),
) -> Tagger<super::weights::Table> {
    let mut rng = Rng(o.seed.wrapping_mul(0x9e37_79b9) | 1);
    let dictionary = tagger::build_dictionary(data, 20, 0.97);
    let classes = tagger::build_classes(data, o.class_min_count);
    let mut p = Perceptron::new(o.tagger_bits, 17);
    for epoch in 0..o.tagger_epochs {
        let order = shuffled(data.len(), &mut rng);
        let (r, t) = tagger::train_epoch(&mut p, &dictionary, &classes, data, &order);
        log(format!(
            "tagger epoch {}: train accuracy {:.4}",
            epoch + 1,
            r as f64 / t.max(1) as f64
        ));
    }
    let rows = |table: Vec<(&str, u32)>| super::forms::WordValues::from_rows(table);
    Tagger {
        weights: p.averaged(),
        dictionary: rows(
            dictionary
                .iter()
                .map(|(k, &v)| (k.as_str(), u32::from(v)))
                .collect(),
        ),
        classes: rows(classes.iter().map(|(k, &v)| (k.as_str(), v)).collect()),
    }
}

/// Train a model on `train`.
pub fn train(train: &[GoldSentence], o: &TrainOptions, log: &mut dyn FnMut(String)) -> SyntaxModel {
    let data = tagged(train);
    // tags the parser learns on: jackknifed, as it will see them
    let mut parse_tags: Vec<Vec<u8>> = data.iter().map(|(_, t)| t.clone()).collect();
    if o.jackknife > 1 {
        for fold in 0..o.jackknife {
            let rest: Vec<Tagged> = data
                .iter()
                .enumerate()
                .filter(|(i, _)| i % o.jackknife != fold)
                .map(|(_, d)| d.clone())
                .collect();
            let t = train_tagger(&rest, o, &mut |m| {
                log(format!("jackknife fold {}: {m}", fold + 1))
            });
            for (i, (forms, _)) in data
                .iter()
                .enumerate()
                .filter(|(i, _)| i % o.jackknife == fold)
            {
                let f: Vec<&str> = forms.iter().map(String::as_str).collect();
                let atoms: Vec<WordAtoms> = f.iter().map(|w| WordAtoms::new(w)).collect();
                parse_tags[i] = t.tag(&f, &atoms);
            }
        }
    }
    let tagger = train_tagger(&data, o, &mut |m| log(m));
    let mut lemmatizer = Lemmatizer::train(train.iter().flat_map(|s| {
        s.words.iter().map(|w| {
            (
                w.form.as_str(),
                upos_index(&w.upos).unwrap_or(16),
                w.lemma.as_str(),
            )
        })
    }));
    lemmatizer.learn_relations(
        train.iter().flat_map(|s| {
            s.words.iter().map(|w| {
                (
                    w.form.as_str(),
                    upos_index(&w.upos).unwrap_or(16),
                    w.deprel.as_str(),
                    w.lemma.as_str(),
                )
            })
        }),
        o.relation_lemma_min_count,
    );
    let mut labels: Vec<String> = train
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
        .collect();
    labels.sort();
    labels.dedup();
    let label_of = |l: &str| labels.binary_search_by(|x| x.as_str().cmp(l)).unwrap_or(0) as u8;
    let atoms: Vec<Vec<WordAtoms>> = data
        .iter()
        .map(|(f, _)| f.iter().map(|w| WordAtoms::new(w)).collect())
        .collect();
    let trees: Vec<GoldTree> = train
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_projective())
        .map(|(i, s)| GoldTree {
            x: parser::Sentence {
                words: &atoms[i],
                tags: &parse_tags[i],
            },
            heads: std::iter::once(usize::MAX)
                .chain(s.words.iter().map(|w| w.head))
                .collect(),
            labels: std::iter::once(0)
                .chain(s.words.iter().map(|w| label_of(&w.deprel)))
                .collect(),
        })
        .collect();
    log(format!(
        "parser: {} of {} sentences projective, {} labels",
        trees.len(),
        train.len(),
        labels.len()
    ));
    let mut rng = Rng(o.seed.wrapping_mul(0x2545_f491) | 1);
    let mut trans = Perceptron::new(o.parser_bits, 3);
    let mut labeler = Perceptron::new(o.labeler_bits, labels.len());
    for epoch in 0..o.parser_epochs {
        let order = shuffled(trees.len(), &mut rng);
        let explore = if epoch == 0 { 0.0 } else { o.explore };
        let (r, t) =
            parser::train_epoch(&mut trans, &mut labeler, &trees, &order, explore, &mut rng);
        log(format!(
            "parser epoch {}: train UAS (with exploration) {:.4}",
            epoch + 1,
            r as f64 / t.max(1) as f64
        ));
    }
    SyntaxModel {
        tagger,
        parser: Parser {
            transitions: trans.averaged(),
            labeler: labeler.averaged(),
        },
        lemmatizer,
        labels,
    }
}

/// Accuracy of a model on gold tokens, CoNLL 2018 style (punctuation counts).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ParseScores {
    /// Share of words with the gold UPOS.
    pub upos: f64,
    /// Share of words with the gold lemma.
    pub lemma: f64,
    /// Share of words with the gold head.
    pub uas: f64,
    /// Share of words with the gold head and label.
    pub las: f64,
    /// Words scored.
    pub tokens: usize,
    /// Words tagged, lemmatised and parsed per second of this run.
    pub tokens_per_second: f64,
}

/// Score `model` on `gold` sentences.
pub fn score(model: &SyntaxModel, gold: &[GoldSentence]) -> ParseScores {
    let (mut upos, mut lemma, mut uas, mut las, mut n) = (0, 0, 0, 0, 0);
    let start = std::time::Instant::now();
    let mut analyses = Vec::with_capacity(gold.len());
    for s in gold {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        analyses.push(model.analyze_words(&forms));
    }
    let secs = start.elapsed().as_secs_f64();
    for (s, a) in gold.iter().zip(&analyses) {
        for (i, w) in s.words.iter().enumerate() {
            n += 1;
            upos += (super::tagger::UPOS[a.tags[i] as usize] == w.upos) as usize;
            lemma += (a.lemmas[i] == w.lemma) as usize;
            let head = a.heads[i] == w.head;
            uas += head as usize;
            las += (head
                && model
                    .labels
                    .get(a.labels[i] as usize)
                    .is_some_and(|l| *l == w.deprel)) as usize;
        }
    }
    let f = |k: usize| k as f64 / n.max(1) as f64;
    ParseScores {
        upos: f(upos),
        lemma: f(lemma),
        uas: f(uas),
        las: f(las),
        tokens: n,
        tokens_per_second: if secs > 0.0 { n as f64 / secs } else { 0.0 },
    }
}
