//! Dependency parsing: a greedy arc-hybrid transition parser (Kuhlmann et al.
//! 2011) scored by an averaged perceptron and trained with the dynamic oracle
//! of Goldberg & Nivre (2013); a second perceptron labels each arc as it is made.
//! Every word is shifted once and popped once, so parsing is linear in length.

use super::tagger::WordAtoms;
use super::weights::{best, feature, Perceptron, Scorer};

/// Push the next buffer word onto the stack.
pub const SHIFT: usize = 0;
/// Pop the stack top as a dependent of the buffer front.
pub const LEFT: usize = 1;
/// Pop the stack top as a dependent of the word under it.
pub const RIGHT: usize = 2;

const NONE: u64 = 0;
/// Children whose labels make a word's label-set feature.
const LABEL_SET_CHILDREN: usize = 8;
const ROOT_WORD: u64 = 0x5200_7700;
const ROOT_TAG: u64 = 30;

/// The words of one sentence as the parser reads them (word `i` is index `i - 1`).
pub struct Sentence<'a> {
    /// Hashed atoms of each word.
    pub words: &'a [WordAtoms],
    /// Tag of each word.
    pub tags: &'a [u8],
}

impl Sentence<'_> {
    fn len(&self) -> usize {
        self.words.len()
    }
    fn word(&self, i: usize) -> u64 {
        match i {
            0 => ROOT_WORD,
            usize::MAX => NONE,
            i => self.words[i - 1].lower,
        }
    }
    fn tag(&self, i: usize) -> u64 {
        match i {
            0 => ROOT_TAG,
            usize::MAX => NONE,
            i => self.tags[i - 1] as u64 + 1,
        }
    }
    fn suffix(&self, i: usize) -> u64 {
        match i {
            0 | usize::MAX => NONE,
            i => self.words[i - 1].suffix[2],
        }
    }
}

/// A parser configuration: the stack, the buffer (words `next..=n`) and the arcs so far.
pub struct State {
    n: usize,
    /// Stack, root (0) at the bottom.
    pub stack: Vec<usize>,
    /// The buffer front; the buffer is empty once it passes `n`.
    pub next: usize,
    /// Head of each word (index 0 unused); `usize::MAX` until attached.
    pub heads: Vec<usize>,
    /// Label of each word's arc.
    pub labels: Vec<u8>,
    lefts: Vec<Vec<usize>>,
    rights: Vec<Vec<usize>>,
}

impl State {
    /// The start: root on the stack, every word in the buffer.
    pub fn new(n: usize) -> Self {
        State {
            n,
            stack: vec![0],
            next: 1,
            heads: vec![usize::MAX; n + 1],
            labels: vec![0; n + 1],
            lefts: vec![Vec::new(); n + 1],
            rights: vec![Vec::new(); n + 1],
        }
    }

    /// Every word attached.
    pub fn done(&self) -> bool {
        self.next > self.n && self.stack.len() == 1
    }

    /// Whether `action` may be taken (the root takes one dependent, at the end).
    pub fn legal(&self, action: usize) -> bool {
        let buffer = self.next <= self.n;
        match action {
            SHIFT => buffer,
            LEFT => self.stack.len() >= 2 && buffer,
            _ => self.stack.len() >= 3 || (self.stack.len() == 2 && !buffer),
        }
    }

    fn s(&self, k: usize) -> usize {
        let l = self.stack.len();
        if k < l {
            self.stack[l - 1 - k]
        } else {
            usize::MAX
        }
    }

    fn b(&self, k: usize) -> usize {
        if self.next + k <= self.n {
            self.next + k
        } else {
            usize::MAX
        }
    }

    /// The (head, dependent) arc `action` would make.
    pub fn arc(&self, action: usize) -> Option<(usize, usize)> {
        match action {
            LEFT => Some((self.next, self.s(0))),
            RIGHT => Some((self.s(1), self.s(0))),
            _ => None,
        }
    }

    /// Take `action` (legal), labelling its arc `label`.
    pub fn apply(&mut self, action: usize, label: u8) {
        if let Some((h, d)) = self.arc(action) {
            self.stack.pop();
            self.heads[d] = h;
            self.labels[d] = label;
            if d < h {
                self.lefts[h].push(d);
            } else {
                self.rights[h].push(d);
            }
        } else {
            self.stack.push(self.next);
            self.next += 1;
        }
    }

    /// The `k`-th outermost left (or right) child of `h`.
    fn child(&self, h: usize, left: bool, k: usize) -> usize {
        if h == usize::MAX {
            return usize::MAX;
        }
        // left children arrive nearest first, right children leftmost first:
        // the outermost is the last pushed either way
        let v = if left {
            &self.lefts[h]
        } else {
            &self.rights[h]
        };
        v.len().checked_sub(k + 1).map_or(usize::MAX, |i| v[i])
    }

    fn label(&self, d: usize) -> u64 {
        if d == usize::MAX || d == 0 {
            NONE
        } else {
            self.labels[d] as u64 + 1
        }
    }

    fn valency(&self, h: usize, left: bool) -> u64 {
        if h == usize::MAX {
            return 99;
        }
        (if left {
            &self.lefts[h]
        } else {
            &self.rights[h]
        })
        .len() as u64
    }

    fn label_set(&self, h: usize, left: bool) -> u64 {
        if h == usize::MAX {
            return NONE;
        }
        // the outermost few: a word with thousands of children costs no more
        // (sorted in place: this runs several times per transition)
        let mut v = [0u64; LABEL_SET_CHILDREN];
        let mut n = 0;
        let children = if left {
            &self.lefts[h]
        } else {
            &self.rights[h]
        };
        for (slot, &d) in v.iter_mut().zip(children.iter().rev()) {
            *slot = self.labels[d] as u64;
            n += 1;
        }
        let v = &mut v[..n];
        v.sort_unstable();
        let mut h = 0x1234;
        for (k, &l) in v.iter().enumerate() {
            // each label once
            if k == 0 || v[k - 1] != l {
                h = super::weights::mix(h, l);
            }
        }
        h
    }

    /// The cost of `action` under the dynamic oracle: gold arcs it makes unreachable.
    pub fn cost(&self, action: usize, gold: &[usize]) -> usize {
        let s0 = self.s(0);
        let in_buffer = |i: usize| i != usize::MAX && i >= self.next && i <= self.n && i != 0;
        let deps_in_buffer = |h: usize| (self.next..=self.n).filter(|&d| gold[d] == h).count();
        match action {
            SHIFT => {
                let b0 = self.next;
                let below = &self.stack[..self.stack.len() - 1];
                let head_lost = below.contains(&gold[b0]) as usize;
                let deps_lost = self
                    .stack
                    .iter()
                    .filter(|&&s| s != 0 && gold[s] == b0)
                    .count();
                head_lost + deps_lost
            }
            LEFT => {
                let h = gold[s0];
                let head_lost = (h != self.next && (h == self.s(1) || in_buffer(h))) as usize;
                head_lost + deps_in_buffer(s0)
            }
            _ => {
                let h = gold[s0];
                let head_lost = in_buffer(h) as usize;
                head_lost + deps_in_buffer(s0)
            }
        }
    }
}

fn dist(a: usize, b: usize) -> u64 {
    if a == usize::MAX || b == usize::MAX {
        return 0;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => d as u64,
        5..=7 => 5,
        _ => 6,
    }
}

/// Feature hashes of a configuration for choosing the next transition.
pub fn transition_features(x: &Sentence, st: &State, out: &mut Vec<u64>) {
    let (s0, s1, s2, b0, b1, b2) = (st.s(0), st.s(1), st.s(2), st.b(0), st.b(1), st.b(2));
    let (s0l, s0l2, s0r, s0r2) = (
        st.child(s0, true, 0),
        st.child(s0, true, 1),
        st.child(s0, false, 0),
        st.child(s0, false, 1),
    );
    let (s1l, s1r, b0l, b0l2) = (
        st.child(s1, true, 0),
        st.child(s1, false, 0),
        st.child(b0, true, 0),
        st.child(b0, true, 1),
    );
    // each atom read once: the templates below share them
    let w_s0 = x.word(s0);
    let t_s0 = x.tag(s0);
    let w_s1 = x.word(s1);
    let t_s1 = x.tag(s1);
    let t_s2 = x.tag(s2);
    let w_b0 = x.word(b0);
    let t_b0 = x.tag(b0);
    let w_b1 = x.word(b1);
    let t_b1 = x.tag(b1);
    let w_b2 = x.word(b2);
    let t_b2 = x.tag(b2);
    let w_s0l = x.word(s0l);
    let t_s0l = x.tag(s0l);
    let l_s0l = st.label(s0l);
    let t_s0l2 = x.tag(s0l2);
    let l_s0l2 = st.label(s0l2);
    let w_s0r = x.word(s0r);
    let t_s0r = x.tag(s0r);
    let l_s0r = st.label(s0r);
    let t_s0r2 = x.tag(s0r2);
    let l_s0r2 = st.label(s0r2);
    let t_s1l = x.tag(s1l);
    let l_s1l = st.label(s1l);
    let t_s1r = x.tag(s1r);
    let l_s1r = st.label(s1r);
    let w_b0l = x.word(b0l);
    let t_b0l = x.tag(b0l);
    let l_b0l = st.label(b0l);
    let t_b0l2 = x.tag(b0l2);
    let l_b0l2 = st.label(b0l2);
    let d = dist(s0, b0);
    out.clear();
    out.extend_from_slice(&[
        feature(1, &[]),
        feature(2, &[w_s0]),
        feature(3, &[t_s0]),
        feature(4, &[w_s0, t_s0]),
        feature(5, &[w_s1]),
        feature(6, &[t_s1]),
        feature(7, &[w_s1, t_s1]),
        feature(8, &[w_b0]),
        feature(9, &[t_b0]),
        feature(10, &[w_b0, t_b0]),
        feature(11, &[w_b1]),
        feature(12, &[t_b1]),
        feature(13, &[w_b1, t_b1]),
        feature(14, &[t_b2]),
        feature(15, &[t_s2]),
        feature(16, &[w_s0, t_s0, w_b0, t_b0]),
        feature(17, &[w_s0, t_s0, w_b0]),
        feature(18, &[w_s0, w_b0, t_b0]),
        feature(19, &[w_s0, t_s0, t_b0]),
        feature(20, &[t_s0, w_b0, t_b0]),
        feature(21, &[w_s0, w_b0]),
        feature(22, &[t_s0, t_b0]),
        feature(23, &[t_b0, t_b1]),
        feature(24, &[w_s1, w_s0]),
        feature(25, &[t_s1, t_s0]),
        feature(26, &[t_s1, t_b0]),
        feature(27, &[w_s1, w_b0]),
        feature(28, &[t_b0, t_b1, t_b2]),
        feature(29, &[t_s0, t_b0, t_b1]),
        feature(30, &[t_s1, t_s0, t_b0]),
        feature(31, &[t_s0, t_s0l, t_b0]),
        feature(32, &[t_s0, t_s0r, t_b0]),
        feature(33, &[t_s0, t_b0, t_b0l]),
        feature(34, &[t_s1, t_s1l, t_s0]),
        feature(35, &[t_s1, t_s1r, t_s0]),
        feature(36, &[t_s2, t_s1, t_s0]),
        feature(37, &[t_s0, t_s0l, t_s0l2]),
        feature(38, &[t_s0, t_s0r, t_s0r2]),
        feature(39, &[t_b0, t_b0l, t_b0l2]),
        feature(40, &[d, w_s0]),
        feature(41, &[d, t_s0]),
        feature(42, &[d, w_b0]),
        feature(43, &[d, t_b0]),
        feature(44, &[d, t_s0, t_b0]),
        feature(45, &[dist(s1, s0), t_s1, t_s0]),
        feature(46, &[st.valency(s0, true), w_s0]),
        feature(47, &[st.valency(s0, true), t_s0]),
        feature(48, &[st.valency(s0, false), w_s0]),
        feature(49, &[st.valency(s0, false), t_s0]),
        feature(50, &[st.valency(b0, true), w_b0]),
        feature(51, &[st.valency(b0, true), t_b0]),
        feature(52, &[st.valency(s1, false), t_s1]),
        feature(53, &[st.label_set(s0, true), t_s0]),
        feature(54, &[st.label_set(s0, false), t_s0]),
        feature(55, &[st.label_set(b0, true), t_b0]),
        feature(56, &[w_s0l, t_s0l, l_s0l]),
        feature(57, &[w_s0r, t_s0r, l_s0r]),
        feature(58, &[w_b0l, t_b0l, l_b0l]),
        feature(59, &[l_s0l, l_s0l2, t_s0]),
        feature(60, &[l_s0r, l_s0r2, t_s0]),
        feature(61, &[l_b0l, l_b0l2, t_b0]),
        feature(62, &[l_s1l, l_s1r, t_s1]),
        feature(63, &[x.suffix(s0), t_b0]),
        feature(64, &[t_s0, x.suffix(b0)]),
        feature(65, &[w_b2]),
        feature(66, &[t_s1, t_s0, t_b0, t_b1]),
        feature(67, &[w_b0, w_b1]),
        feature(68, &[w_s0, t_b0, t_b1]),
        feature(69, &[t_s0, w_b0, t_b1]),
        feature(70, &[w_s0, w_s0r, t_b0]),
        feature(71, &[w_s0, w_b0l, t_b0]),
        feature(72, &[t_s0, w_b1]),
        feature(73, &[x.suffix(b0), x.suffix(b1)]),
        feature(74, &[w_s1, t_s0, t_b0]),
        feature(75, &[d, w_s0, w_b0]),
    ]);
}

/// Feature hashes for labelling the arc `head → dep` (the dependent's subtree is complete).
pub fn label_features(x: &Sentence, st: &State, head: usize, dep: usize, out: &mut Vec<u64>) {
    let w = |i| x.word(i);
    let t = |i| x.tag(i);
    let dir = (dep < head) as u64;
    let dd = dist(head, dep);
    let before = |i: usize| if i > 1 { i - 1 } else { usize::MAX };
    let after = |i: usize| if i < x.len() { i + 1 } else { usize::MAX };
    out.clear();
    out.extend_from_slice(&[
        feature(101, &[]),
        feature(102, &[t(dep)]),
        feature(103, &[w(dep)]),
        feature(104, &[t(head)]),
        feature(105, &[w(head)]),
        feature(106, &[t(head), t(dep)]),
        feature(107, &[w(head), t(dep)]),
        feature(108, &[t(head), w(dep)]),
        feature(109, &[w(head), w(dep)]),
        feature(110, &[dir, t(head), t(dep)]),
        feature(111, &[dd, dir, t(head), t(dep)]),
        feature(112, &[dir, t(dep)]),
        feature(113, &[dir, w(dep)]),
        feature(114, &[t(before(dep)), t(dep)]),
        feature(115, &[t(dep), t(after(dep))]),
        feature(116, &[t(before(head)), t(head), t(dep)]),
        feature(117, &[t(head), t(after(head)), t(dep)]),
        feature(118, &[x.suffix(dep), t(dep)]),
        feature(119, &[dir, w(dep), t(head)]),
        feature(
            120,
            &[st.label_set(dep, true), st.label_set(dep, false), t(dep)],
        ),
        feature(121, &[w(dep), t(dep), dir, t(head)]),
    ]);
    let children = st.lefts[dep].iter().chain(&st.rights[dep]).take(8);
    for &c in children {
        out.push(feature(122, &[st.label(c), t(dep)]));
        out.push(feature(123, &[st.label(c), w(c)]));
        out.push(feature(124, &[st.label(c), w(c), dir]));
    }
}

/// A parser: transition weights and label weights, with the label names.
#[derive(Debug, Clone)]
pub struct Parser<S> {
    /// Scores of SHIFT, LEFT, RIGHT.
    pub transitions: S,
    /// Scores of each label.
    pub labeler: S,
}

impl<S: Scorer> Parser<S> {
    /// Head (0 = root) and label index of each word.
    pub fn parse(&self, x: &Sentence) -> (Vec<usize>, Vec<u8>) {
        let mut st = State::new(x.len());
        let mut feats = Vec::with_capacity(80);
        let mut scores = [S::Score::default(); 3];
        let mut lscores = vec![S::Score::default(); self.labeler.classes()];
        while !st.done() {
            // where one transition is legal (the first shift, the last
            // reductions) there is nothing to choose: no features, no scores
            let mut legal = [SHIFT, LEFT, RIGHT].into_iter().filter(|&a| st.legal(a));
            let a = match (legal.next(), legal.next()) {
                (None, _) => break,
                (Some(only), None) => only,
                _ => {
                    transition_features(x, &st, &mut feats);
                    scores.fill(S::Score::default());
                    self.transitions.add_scores(&feats, &mut scores);
                    let Some(a) = best(&scores, |a| st.legal(a)) else {
                        break;
                    };
                    a
                }
            };
            let label = match st.arc(a) {
                Some((h, d)) => {
                    label_features(x, &st, h, d, &mut feats);
                    lscores.fill(S::Score::default());
                    self.labeler.add_scores(&feats, &mut lscores);
                    best(&lscores, |_| true).unwrap_or(0) as u8
                }
                None => 0,
            };
            st.apply(a, label);
        }
        (st.heads[1..].to_vec(), st.labels[1..].to_vec())
    }
}

/// Gold data of one training sentence.
pub struct GoldTree<'a> {
    /// The sentence.
    pub x: Sentence<'a>,
    /// Gold head of each word, index 0 unused.
    pub heads: Vec<usize>,
    /// Gold label of each word, index 0 unused.
    pub labels: Vec<u8>,
}

/// A small deterministic random stream (xorshift) for exploration and shuffling.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A fraction in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One training pass over projective gold trees. `explore`: the probability of
/// following the model's own (wrong) choice, so it learns to recover from errors.
/// The labeler learns from gold arcs with gold-subtree features. Returns
/// (correct heads, words).
pub fn train_epoch(
    trans: &mut Perceptron,
    labeler: &mut Perceptron,
    trees: &[GoldTree],
    order: &[usize],
    explore: f64,
    rng: &mut Rng,
) -> (usize, usize) {
    let (mut right, mut total) = (0, 0);
    let mut feats = Vec::with_capacity(80);
    let mut lscores = vec![0f32; labeler.classes()];
    for &k in order {
        let g = &trees[k];
        // labels on the gold tree: every arc with the dependent's gold subtree
        let mut gst = State::new(g.x.len());
        // children in the order the parser attaches them (see `State::child`)
        for d in 1..=g.x.len() {
            let h = g.heads[d];
            gst.heads[d] = h;
            gst.labels[d] = g.labels[d];
            if d > h {
                gst.rights[h].push(d);
            }
        }
        for d in (1..=g.x.len()).rev() {
            if d < g.heads[d] {
                gst.lefts[g.heads[d]].push(d);
            }
        }
        for d in 1..=g.x.len() {
            label_features(&g.x, &gst, g.heads[d], d, &mut feats);
            lscores.fill(0.0);
            labeler.add_scores(&feats, &mut lscores);
            let guess = best(&lscores, |_| true).unwrap_or(0);
            labeler.update(&feats, g.labels[d] as usize, guess);
            labeler.tick();
        }
        // transitions with the dynamic oracle
        let mut st = State::new(g.x.len());
        while !st.done() {
            transition_features(&g.x, &st, &mut feats);
            let mut scores = [0f32; 3];
            trans.add_scores(&feats, &mut scores);
            let legal: Vec<usize> = (0..3).filter(|&a| st.legal(a)).collect();
            let costs: Vec<usize> = (0..3)
                .map(|a| {
                    if st.legal(a) {
                        st.cost(a, &g.heads)
                    } else {
                        usize::MAX
                    }
                })
                .collect();
            let min_cost = legal.iter().map(|&a| costs[a]).min().unwrap_or(0);
            let Some(guess) = best(&scores, |a| st.legal(a)) else {
                break;
            };
            let Some(truth) = best(&scores, |a| st.legal(a) && costs[a] == min_cost) else {
                break;
            };
            trans.update(&feats, truth, guess);
            trans.tick();
            let take = if costs[guess] == min_cost || rng.unit() < explore {
                guess
            } else {
                truth
            };
            let label = st.arc(take).map_or(0, |(_, d)| g.labels[d]);
            st.apply(take, label);
        }
        for d in 1..=g.x.len() {
            right += (st.heads[d] == g.heads[d]) as usize;
            total += 1;
        }
    }
    (right, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Follow the zero-cost transitions alone: the oracle must rebuild the gold tree.
    fn oracle_rebuilds(heads: &[usize]) {
        let n = heads.len() - 1;
        let mut st = State::new(n);
        let mut steps = 0;
        while !st.done() {
            let a = (0..3)
                .find(|&a| st.legal(a) && st.cost(a, heads) == 0)
                .expect("a zero-cost transition");
            st.apply(a, 0);
            steps += 1;
        }
        assert_eq!(steps, 2 * n);
        assert_eq!(&st.heads[1..], &heads[1..]);
    }

    #[test]
    fn the_oracle_reproduces_projective_gold_trees() {
        // "He left ." ; a right-branching chain ; a tree with left and right children
        oracle_rebuilds(&[usize::MAX, 2, 0, 2]);
        oracle_rebuilds(&[usize::MAX, 0, 1, 2, 3, 4]);
        oracle_rebuilds(&[usize::MAX, 3, 3, 0, 5, 3, 3]);
        oracle_rebuilds(&[usize::MAX, 2, 7, 4, 2, 7, 7, 0, 9, 7, 7]);
    }
}
