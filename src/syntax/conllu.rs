//! A strict reader of CoNLL-U (Universal Dependencies) files: the gold tokens,
//! lemmas, tags and trees the syntax layer learns from and is scored on.
//! Multiword-token ranges (`1-2`) and empty nodes (`8.1`) are skipped; every
//! malformed line is an error naming `file:line`.

use crate::error::{Error, Result};

/// One word of a gold sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldWord {
    /// The word as written.
    pub form: String,
    /// Its lemma.
    pub lemma: String,
    /// Its universal part of speech.
    pub upos: String,
    /// Index of its head (1-based; 0 is the root).
    pub head: usize,
    /// Its dependency relation (UD v2 label, subtype included).
    pub deprel: String,
}

/// One gold sentence, words in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoldSentence {
    /// The words; word `i` has id `i + 1`.
    pub words: Vec<GoldWord>,
}

impl GoldSentence {
    /// True when no two arcs cross (the transition system builds only such trees).
    pub fn is_projective(&self) -> bool {
        let arcs: Vec<(usize, usize)> = self
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let (a, b) = (i + 1, w.head);
                (a.min(b), a.max(b))
            })
            .collect();
        arcs.iter().all(|&(a, b)| {
            arcs.iter()
                .all(|&(c, d)| !((a < c && c < b && b < d) || (c < a && a < d && d < b)))
        })
    }
}

/// Parse CoNLL-U text; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<Vec<GoldSentence>> {
    let bad = |line: usize, why: String| Error::Input {
        path: format!("{file}:{line}"),
        reason: why,
    };
    let mut out = Vec::new();
    let mut cur = GoldSentence::default();
    let mut first_line = 0;
    for (n, line) in text.lines().enumerate() {
        let n = n + 1;
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                check_tree(&cur).map_err(|why| bad(first_line, why))?;
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(bad(
                n,
                format!("has {} tab-separated columns, CoNLL-U needs 10", cols.len()),
            ));
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            continue;
        }
        let id: usize = id
            .parse()
            .map_err(|_| bad(n, format!("ID `{id}` is not a whole number")))?;
        if id != cur.words.len() + 1 {
            return Err(bad(
                n,
                format!("ID {id} is out of order (expected {})", cur.words.len() + 1),
            ));
        }
        if cur.words.is_empty() {
            first_line = n;
        }
        let head: usize = cols[6]
            .parse()
            .map_err(|_| bad(n, format!("HEAD `{}` is not a whole number", cols[6])))?;
        cur.words.push(GoldWord {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            head,
            deprel: cols[7].to_string(),
        });
    }
    if !cur.words.is_empty() {
        check_tree(&cur).map_err(|why| bad(first_line, why))?;
        out.push(cur);
    }
    Ok(out)
}

/// Heads in range and no cycle.
fn check_tree(s: &GoldSentence) -> std::result::Result<(), String> {
    let n = s.words.len();
    for (i, w) in s.words.iter().enumerate() {
        if w.head > n {
            return Err(format!(
                "the sentence starting here: word {} has head {}, past its {n} words",
                i + 1,
                w.head
            ));
        }
    }
    for start in 1..=n {
        let (mut at, mut steps) = (start, 0);
        while at != 0 {
            at = s.words[at - 1].head;
            steps += 1;
            if steps > n {
                return Err(format!(
                    "the sentence starting here: word {start}'s heads form a cycle"
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "# text = He left.\n1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn reads_words_and_skips_ranges() {
        let text = GOOD.replace("1\tHe", "1-2\tHeleft\t_\t_\t_\t_\t_\t_\t_\t_\n1\tHe");
        let s = parse("x.conllu", &text).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words[1].lemma, "leave");
        assert_eq!(s[0].words[0].head, 2);
        assert!(s[0].is_projective());
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let short = GOOD.replace("\t_\t2\tnsubj\t_\t_", "\t_\t2\tnsubj");
        let e = parse("x.conllu", &short).unwrap_err().to_string();
        assert!(e.starts_with("x.conllu:2:") && e.contains("columns"), "{e}");
        let head = GOOD.replace("\t2\tnsubj", "\tX\tnsubj");
        let e = parse("x.conllu", &head).unwrap_err().to_string();
        assert!(e.starts_with("x.conllu:2:") && e.contains("HEAD"), "{e}");
        let cycle = GOOD.replace("\t0\troot", "\t1\troot");
        let e = parse("x.conllu", &cycle).unwrap_err().to_string();
        assert!(e.starts_with("x.conllu:2:") && e.contains("cycle"), "{e}");
    }
}
