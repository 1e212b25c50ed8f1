//! The game's only source of randomness: one seed, two ChaCha8 streams. The world stream drives
//! operations, detection and perception; the counterpart stream drives computer seats' choices, so
//! changing a counterpart's logic does not shift the world's dice.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[derive(Clone, Debug)]
pub struct Dice {
    rng: ChaCha8Rng,
}

impl Dice {
    pub fn new(seed: u64, stream: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream);
        Dice { rng }
    }

    /// True with probability `p` (clamped to [0, 1]).
    #[inline]
    pub fn chance(&mut self, p: f64) -> bool {
        if p <= 0.0 {
            false
        } else if p >= 1.0 {
            true
        } else {
            self.rng.random_bool(p)
        }
    }

    /// Uniform in [0, 1).
    #[inline]
    pub fn unit(&mut self) -> f64 {
        self.rng.random::<f64>()
    }

    /// Uniform in `lo..=hi`.
    #[inline]
    pub fn between(&mut self, lo: u32, hi: u32) -> u32 {
        self.rng.random_range(lo..=hi)
    }

    /// An index drawn with the given non-negative weights; the last index if all are zero.
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        if total <= 0.0 {
            return weights.len().saturating_sub(1);
        }
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Golden values: a rand or rand_chacha upgrade that changes them would break old saves.
    #[test]
    fn the_stream_is_stable() {
        let mut d = Dice::new(42, 0);
        let draws: Vec<u32> = (0..5).map(|_| d.between(0, 999)).collect();
        let mut again = Dice::new(42, 0);
        let redraw: Vec<u32> = (0..5).map(|_| again.between(0, 999)).collect();
        assert_eq!(draws, redraw);
        let other: Vec<u32> = {
            let mut o = Dice::new(42, 1);
            (0..5).map(|_| o.between(0, 999)).collect()
        };
        assert_ne!(draws, other, "streams must differ");
        assert_eq!(draws, GOLDEN);
    }

    const GOLDEN: [u32; 5] = [224, 681, 146, 950, 772];

    #[test]
    fn weighted_respects_zero_weights() {
        let mut d = Dice::new(1, 0);
        for _ in 0..200 {
            assert_eq!(d.weighted(&[0.0, 1.0, 0.0]), 1);
        }
    }
}
