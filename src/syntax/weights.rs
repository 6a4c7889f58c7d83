//! Hashed linear models: feature hashing, the averaged perceptron that trains
//! them, and the compact quantised table that the committed model stores.
//!
//! A feature is a 64-bit hash of a template id and its atoms (word hashes, tag
//! ids, ...); its bucket is the hash modulo a power of two, so no vocabulary is
//! stored and unseen words cost nothing.

use std::borrow::Cow;

/// 64-bit FNV-1a of `s`: stable across builds and platforms.
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Combine two hashes (splitmix64 finaliser over their mix).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let mut z = a
        .rotate_left(5)
        .wrapping_add(b)
        .wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The hash of template `t` over `atoms`.
#[inline]
pub fn feature(t: u64, atoms: &[u64]) -> u64 {
    atoms
        .iter()
        .fold(mix(t, 0x51_7cc1_b727_220a), |h, &a| mix(h, a))
}

/// Anything that scores hashed features into one score per class.
pub trait Scorer {
    /// A class's score: what [`best`] compares.
    type Score: Copy + Default + PartialOrd;
    /// Number of classes.
    fn classes(&self) -> usize;
    /// Add each feature's weights to `out` (one slot per class).
    fn add_scores(&self, feats: &[u64], out: &mut [Self::Score]);
}

/// The index of the highest score among `allowed` classes (the first on a tie).
pub fn best<T: Copy + PartialOrd>(scores: &[T], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (c, &s) in scores.iter().enumerate() {
        if allowed(c) && best.is_none_or(|b| s > scores[b]) {
            best = Some(c);
        }
    }
    best
}

/// An averaged perceptron over `2^bits` hashed buckets (training only).
pub struct Perceptron {
    bits: u32,
    classes: usize,
    weights: Vec<f32>,
    totals: Vec<f32>,
    stamps: Vec<u32>,
    time: u32,
}

impl Perceptron {
    /// All weights zero.
    pub fn new(bits: u32, classes: usize) -> Self {
        let n = (1usize << bits) * classes;
        Perceptron {
            bits,
            classes,
            weights: vec![0.0; n],
            totals: vec![0.0; n],
            stamps: vec![0; n],
            time: 0,
        }
    }

    #[inline]
    fn row(&self, f: u64) -> usize {
        (f & ((1u64 << self.bits) - 1)) as usize * self.classes
    }

    /// One training example seen (the clock of the averaging).
    pub fn tick(&mut self) {
        self.time += 1;
    }

    fn bump(&mut self, i: usize, by: f32) {
        self.totals[i] += (self.time - self.stamps[i]) as f32 * self.weights[i];
        self.stamps[i] = self.time;
        self.weights[i] += by;
    }

    /// Reward `truth` and penalise `guess` on `feats` (nothing when they agree).
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in feats {
            let r = self.row(f);
            self.bump(r + truth, 1.0);
            self.bump(r + guess, -1.0);
        }
    }

    /// The averaged weights, quantised into a [`Table`].
    pub fn averaged(&self) -> Table {
        let t = self.time.max(1) as f32;
        let avg: Vec<f32> = (0..self.weights.len())
            .map(|i| (self.totals[i] + (self.time - self.stamps[i]) as f32 * self.weights[i]) / t)
            .collect();
        Table::quantise(self.bits, self.classes, &avg)
    }
}

impl Scorer for Perceptron {
    type Score = f32;

    fn classes(&self) -> usize {
        self.classes
    }

    fn add_scores(&self, feats: &[u64], out: &mut [f32]) {
        for &f in feats {
            let r = self.row(f);
            for (o, w) in out.iter_mut().zip(&self.weights[r..r + self.classes]) {
                *o += w;
            }
        }
    }
}

/// Weights as 16-bit integers times one scale, little-endian bytes: read in place
/// from the model embedded in the binary, so loading costs nothing.
#[derive(Debug, Clone)]
pub struct Table {
    bits: u32,
    classes: usize,
    scale: f32,
    data: Cow<'static, [u8]>,
}

impl Table {
    /// Quantise `weights` (`2^bits` rows of `classes`).
    pub fn quantise(bits: u32, classes: usize, weights: &[f32]) -> Table {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut data = Vec::with_capacity(weights.len() * 2);
        for w in weights {
            let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
            data.extend_from_slice(&q.to_le_bytes());
        }
        Table {
            bits,
            classes,
            scale,
            data: Cow::Owned(data),
        }
    }

    /// A table over bytes written by [`Table::write`]; `None` when they do not fit.
    pub fn from_parts(
        bits: u32,
        classes: usize,
        scale: f32,
        data: Cow<'static, [u8]>,
    ) -> Option<Self> {
        (bits < 32 && data.len() == (1usize << bits) * classes * 2).then_some(Table {
            bits,
            classes,
            scale,
            data,
        })
    }

    /// Append the header fields and the weights to `out`.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&self.data);
    }
}

/// A table scores in its own units: the 16-bit weights summed as integers,
/// before the one positive scale that would multiply every class alike. The
/// sums are exact (75 features of at most 32,767 fit 32 bits many times
/// over), so the best class is the one the real weights give, and the same
/// however the additions are ordered or vectorised.
impl Scorer for Table {
    type Score = i32;

    fn classes(&self) -> usize {
        self.classes
    }

    #[inline]
    fn add_scores(&self, feats: &[u64], out: &mut [i32]) {
        if let [a, b, c] = out {
            // three classes (the parser's transitions): rows of a known width
            let mut acc = [*a, *b, *c];
            for &f in feats {
                let r = self.row_start(f);
                for (acc, b) in acc.iter_mut().zip(self.data[r..r + 6].chunks_exact(2)) {
                    *acc += i32::from(i16::from_le_bytes([b[0], b[1]]));
                }
            }
            [*a, *b, *c] = acc;
            return;
        }
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2, checked just above
            unsafe { self.add_rows_avx2(feats, out) };
            return;
        }
        self.add_rows(feats, out);
    }
}

impl Table {
    /// Where the row of feature `f` starts in the bytes (its bucket's).
    #[inline(always)]
    fn row_start(&self, f: u64) -> usize {
        (f & ((1u64 << self.bits) - 1)) as usize * self.classes * 2
    }

    /// Add the rows of `feats` to `out`, class by class.
    #[inline(always)]
    fn add_rows(&self, feats: &[u64], out: &mut [i32]) {
        for &f in feats {
            let r = self.row_start(f);
            let row = &self.data[r..r + self.classes * 2];
            for (o, b) in out.iter_mut().zip(row.chunks_exact(2)) {
                *o += i32::from(i16::from_le_bytes([b[0], b[1]]));
            }
        }
    }

    /// [`Table::add_rows`] compiled for AVX2: eight classes an instruction
    /// instead of four. Integer sums, so the same sums whatever the width.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn add_rows_avx2(&self, feats: &[u64], out: &mut [i32]) {
        self.add_rows(feats, out);
    }

    /// The weights of `feats` summed in the model's real units (the scaled
    /// sums the integer scores stand for).
    #[cfg(test)]
    fn real_sums(&self, feats: &[u64]) -> Vec<f64> {
        let mut out = vec![0f64; self.classes];
        for &f in feats {
            let r = self.row_start(f);
            for (o, b) in out
                .iter_mut()
                .zip(self.data[r..r + self.classes * 2].chunks_exact(2))
            {
                *o += f64::from(i16::from_le_bytes([b[0], b[1]])) * f64::from(self.scale);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_of_summing_rows_gives_the_same_scores_and_the_real_best() {
        // a table of awkward weights, read by three and by many classes: each
        // path gives the plain loop's sums, and the best of them is the best
        // of the real (scaled) weights
        let mut rng = crate::syntax::parser::Rng(7);
        for classes in [3usize, 5, 37, 50] {
            let weights: Vec<f32> = (0..(1usize << 6) * classes)
                .map(|_| (rng.unit() as f32 - 0.5) * 3.7e-3)
                .collect();
            let t = Table::quantise(6, classes, &weights);
            for _ in 0..20 {
                let feats: Vec<u64> = (0..90).map(|_| rng.next_u64()).collect();
                let mut plain = vec![0i32; classes];
                t.add_rows(&feats, &mut plain);
                let mut chosen = vec![0i32; classes];
                t.add_scores(&feats, &mut chosen);
                assert_eq!(plain, chosen, "{classes} classes");
                #[cfg(target_arch = "x86_64")]
                if std::is_x86_feature_detected!("avx2") {
                    let mut wide = vec![0i32; classes];
                    // SAFETY: the processor has AVX2, checked just above
                    unsafe { t.add_rows_avx2(&feats, &mut wide) };
                    assert_eq!(plain, wide, "{classes} classes, AVX2");
                }
                let real = t.real_sums(&feats);
                let top = real.iter().cloned().fold(f64::MIN, f64::max);
                let b = best(&chosen, |_| true).unwrap();
                assert_eq!(real[b], top, "{classes} classes");
            }
        }
    }

    #[test]
    fn a_perceptron_learns_a_separable_rule_and_its_table_agrees() {
        // class = which of two atoms is present
        let mut p = Perceptron::new(8, 2);
        let ex = |c: u64| vec![feature(1, &[c]), feature(2, &[])];
        for _ in 0..5 {
            for c in 0..2u64 {
                let mut s = [0.0; 2];
                p.add_scores(&ex(c), &mut s);
                let guess = best(&s, |_| true).unwrap();
                p.update(&ex(c), c as usize, guess);
                p.tick();
            }
        }
        let t = p.averaged();
        for c in 0..2u64 {
            let mut s = [0; 2];
            t.add_scores(&ex(c), &mut s);
            assert_eq!(best(&s, |_| true), Some(c as usize));
        }
    }
}
