//! Claim frames: one per clause, read from the syntax layer. A frame holds the
//! predicate (its lemma, polarity and modal auxiliaries) and its participants
//! (subject, object, obliques with their preposition) as spans of the text.
//! They are the unit the alignment of issue 10 will compare; for now `extract`
//! shows them.

use crate::span::Span;
use crate::syntax::SyntaxToken;

/// One participant of a clause: its role and the words that fill it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// The UD relation to the predicate (`nsubj`, `obj`, `obl`, ...), with the
    /// preposition of an oblique (`obl:in`).
    pub role: String,
    /// The participant's head word.
    pub head: Span,
    /// The whole phrase: the head and every word that depends on it.
    pub span: Span,
}

/// One clause's claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The sentence it is in.
    pub sentence: usize,
    /// The predicate word.
    pub predicate: Span,
    /// Its lemma.
    pub lemma: String,
    /// Negated ("did not approve", "never approved").
    pub negated: bool,
    /// Lemmas of its modal auxiliaries ("will", "could"): a future, hedged or
    /// conditional claim.
    pub modal: Vec<String>,
    /// Its participants, in text order.
    pub participants: Vec<Participant>,
}

/// Relations that make a participant.
const CORE: [&str; 7] = ["nsubj", "nsubj:pass", "obj", "iobj", "obl", "csubj", "expl"];

/// The words a frame needs from the rules: negators and modal auxiliaries.
pub struct FrameWords<'a> {
    /// Words that negate the predicate they depend on.
    pub negators: &'a [String],
    /// Auxiliaries that make a claim future, hedged or conditional.
    pub modals: &'a [String],
}

impl<'a> FrameWords<'a> {
    /// The words `rules/checks.yaml` gives: negators and modal auxiliaries.
    pub fn from_rules(rules: &'a crate::rules::Rules) -> Self {
        FrameWords {
            negators: &rules.checks.negators,
            modals: &rules.checks.modal_auxiliaries,
        }
    }
}

/// The frames of one parsed sentence. Linear in its length but for sorting.
pub fn frames(text: &str, sentence: usize, toks: &[SyntaxToken], words: &FrameWords) -> Vec<Frame> {
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); toks.len()];
    for (k, t) in toks.iter().enumerate() {
        if (1..=toks.len()).contains(&t.head()) {
            kids[t.head() - 1].push(k);
        }
    }
    let spans = subtree_spans(toks);
    let lower = |t: &SyntaxToken| t.span().text(text).to_lowercase();
    let negator = |t: &SyntaxToken| words.negators.iter().any(|n| *n == lower(t));
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        // a clause's predicate: a verb, or a word another joins with a copula
        let copular = kids[i].iter().any(|&c| toks[c].deprel == "cop");
        if t.upos() != "VERB" && !copular {
            continue;
        }
        let mut participants = Vec::new();
        let (mut negated, mut modal) = (false, Vec::new());
        for &k in &kids[i] {
            let c = &toks[k];
            let base = c.deprel.split(':').next().unwrap_or("");
            if matches!(base, "advmod" | "det" | "aux" | "cc") && negator(c) {
                negated = true;
            }
            if c.deprel == "aux"
                && words
                    .modals
                    .iter()
                    .any(|m| *m == c.lemma.as_str().to_lowercase())
            {
                modal.push(c.lemma.as_str().to_lowercase());
            }
            if CORE.contains(&c.deprel.as_str()) || base == "obl" {
                let mut role = c.deprel.to_string();
                if base == "obl" {
                    if let Some(&case) = kids[k].iter().find(|&&g| toks[g].deprel == "case") {
                        role = format!("obl:{}", lower(&toks[case]));
                    }
                }
                // a negating determiner of a participant ("no bills") negates the claim
                if kids[k]
                    .iter()
                    .any(|&g| toks[g].deprel == "det" && negator(&toks[g]))
                {
                    negated = true;
                }
                participants.push(Participant {
                    role,
                    head: c.span(),
                    span: spans[k],
                });
            }
        }
        out.push(Frame {
            sentence,
            predicate: t.span(),
            lemma: t.lemma.to_string(),
            negated,
            modal,
            participants,
        });
    }
    out
}

/// Each word's subtree: its span covered with every word that depends on it,
/// directly or not. Deepest words first, each covering its head.
fn subtree_spans(toks: &[SyntaxToken]) -> Vec<Span> {
    let n = toks.len();
    let mut depth = vec![usize::MAX; n];
    let mut on_path = vec![false; n];
    for start in 0..n {
        // climb until a word of known depth (or the root), then fill the path
        let mut path = Vec::new();
        let mut at = start;
        while depth[at] == usize::MAX {
            path.push(at);
            on_path[at] = true;
            match toks[at].head() {
                h if (1..=n).contains(&h) && !on_path[h - 1] => at = h - 1,
                _ => break,
            }
        }
        for &p in &path {
            on_path[p] = false;
        }
        let mut d = if depth[at] == usize::MAX {
            0
        } else {
            depth[at] + 1
        };
        for &p in path.iter().rev() {
            if depth[p] == usize::MAX {
                depth[p] = d;
                d += 1;
            }
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(depth[k]));
    let mut spans: Vec<Span> = toks.iter().map(|t| t.span()).collect();
    for k in order {
        if let Some(h) = toks[k].head().checked_sub(1).filter(|&h| h < n) {
            spans[h] = spans[h].cover(&spans[k]);
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames_of(s: &str) -> Vec<Frame> {
        let m = crate::syntax::model().unwrap();
        let toks = m.analyze(s, Span::new(0, s.len()), &rustc_hash::FxHashSet::default());
        let negators = [
            "not".to_string(),
            "n't".to_string(),
            "never".to_string(),
            "no".to_string(),
        ];
        let modals = ["will".to_string(), "could".to_string(), "would".to_string()];
        frames(
            s,
            0,
            &toks,
            &FrameWords {
                negators: &negators,
                modals: &modals,
            },
        )
    }

    #[test]
    fn a_clause_with_its_subject_object_and_oblique() {
        let s = "The council approved seven bills in March.";
        let f = frames_of(s);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].lemma, "approve");
        assert!(!f[0].negated);
        let roles: Vec<(&str, &str)> = f[0]
            .participants
            .iter()
            .map(|p| (p.role.as_str(), p.span.text(s)))
            .collect();
        assert_eq!(
            roles,
            [
                ("nsubj", "The council"),
                ("obj", "seven bills"),
                ("obl:in", "in March")
            ]
        );
    }

    #[test]
    fn negation_and_modality_belong_to_their_own_clause() {
        let s = "Officials said the council will not approve the bills.";
        let f = frames_of(s);
        let say = f.iter().find(|x| x.lemma == "say").unwrap();
        let approve = f.iter().find(|x| x.lemma == "approve").unwrap();
        assert!(!say.negated && say.modal.is_empty());
        assert!(approve.negated);
        assert_eq!(approve.modal, ["will"]);
    }
}
