//! Tuning aid: the most frequent lemma errors of a model on a CoNLL-U file.
//! `cargo run --release --example lemma_errors -- MODEL FILE.conllu`
use factdiff::syntax::{conllu, tagger::UPOS, SyntaxModel};
fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let m = SyntaxModel::read(
        &a[0],
        std::borrow::Cow::Owned(std::fs::read(&a[0]).unwrap()),
    )
    .unwrap();
    let gold = conllu::parse(&a[1], &std::fs::read_to_string(&a[1]).unwrap()).unwrap();
    let mut errs: std::collections::BTreeMap<String, usize> = Default::default();
    for s in &gold {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let r = m.analyze_words(&forms);
        for (i, w) in s.words.iter().enumerate() {
            if r.lemmas[i] != w.lemma {
                let key = format!(
                    "{} {}/{} -> {} (gold {})",
                    w.form, UPOS[r.tags[i] as usize], w.upos, r.lemmas[i], w.lemma
                );
                *errs.entry(key).or_default() += 1;
            }
        }
    }
    let mut v: Vec<_> = errs.into_iter().collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1));
    for (k, n) in v.iter().take(40) {
        println!("{n} {k}");
    }
}
