//! Tuning aid: a model's most frequent tag confusions on a CoNLL-U file, and
//! its parser's UAS and LAS when given the gold tags (how much tagging costs).
//! `cargo run --release --example parse_diagnostics -- MODEL FILE.conllu`
use factdiff::syntax::{conllu, parser, tagger, SyntaxModel};
use std::collections::BTreeMap;

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let (Some(model), Some(file)) = (a.first(), a.get(1)) else {
        eprintln!("usage: parse_diagnostics MODEL FILE.conllu");
        std::process::exit(2);
    };
    let bytes = std::fs::read(model).unwrap_or_else(|e| panic!("{model}: {e}"));
    let m = SyntaxModel::read(model, std::borrow::Cow::Owned(bytes)).unwrap();
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let gold = conllu::parse(file, &text).unwrap();
    let (mut uas, mut las, mut n) = (0, 0, 0);
    let mut confusions: BTreeMap<(String, &str), usize> = BTreeMap::new();
    for s in &gold {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let atoms: Vec<tagger::WordAtoms> =
            forms.iter().map(|f| tagger::WordAtoms::new(f)).collect();
        let tags: Vec<u8> = s
            .words
            .iter()
            .map(|w| tagger::upos_index(&w.upos).unwrap_or(16))
            .collect();
        let (heads, labels) = m.parser.parse(&parser::Sentence {
            words: &atoms,
            tags: &tags,
        });
        let predicted = m.analyze_words(&forms);
        for (i, w) in s.words.iter().enumerate() {
            n += 1;
            if heads[i] == w.head {
                uas += 1;
                las += (m.labels[labels[i] as usize] == w.deprel) as usize;
            }
            let p = tagger::UPOS[predicted.tags[i] as usize];
            if p != w.upos {
                *confusions.entry((w.upos.clone(), p)).or_default() += 1;
            }
        }
    }
    let mut v: Vec<_> = confusions.into_iter().collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1));
    for ((g, p), k) in v.iter().take(20) {
        println!("{k} gold {g} tagged {p}");
    }
    let f = |k: usize| k as f64 / n.max(1) as f64;
    println!("with gold tags: UAS {:.4} LAS {:.4}", f(uas), f(las));
}
