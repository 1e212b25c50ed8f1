//! The game's only source of randomness: one seed, ChaCha8 throughout. The world stream drives
//! operations, detection and perception and lives in the game state. A computer seat's choice draws
//! from dice derived afresh from (seed, turn, seat, purpose), never from a stream carried between
//! turns: a save need not hold them, so resuming at any turn, or a computer taking over a seat,
//! changes no other draw.

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

    /// Dice for one decision, derived from the game seed, the turn, the seat and a purpose tag.
    /// The inputs are mixed (SplitMix64 finaliser) into a fresh ChaCha8 seed, so neighbouring
    /// turns or seats give unrelated streams.
    pub fn derived(seed: u64, turn: u32, seat: u32, purpose: Purpose) -> Self {
        let mut h = mix(seed ^ 0x6261_636b_6368_616e);
        h = mix(h ^ u64::from(turn));
        h = mix(h ^ u64::from(seat));
        h = mix(h ^ purpose as u64);
        Dice::new(h, purpose as u64)
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

/// What derived dice are for; each purpose gets its own stream. Values are fixed forever: saves
/// depend on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u64)]
pub enum Purpose {
    /// A computer seat deciding its orders.
    Decision = 1,
    /// A scenario's `Chance` condition.
    Chance = 2,
}

/// The SplitMix64 finaliser: a bijective 64-bit mix.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_dice_depend_on_every_input_and_nothing_else() {
        let draw = |seed, turn, seat| -> Vec<u32> {
            let mut d = Dice::derived(seed, turn, seat, Purpose::Decision);
            (0..8).map(|_| d.between(0, 999)).collect()
        };
        assert_eq!(draw(42, 3, 1), draw(42, 3, 1));
        assert_ne!(draw(42, 3, 1), draw(43, 3, 1));
        assert_ne!(draw(42, 3, 1), draw(42, 4, 1));
        assert_ne!(draw(42, 3, 1), draw(42, 3, 2));
        assert_eq!(draw(42, 3, 1), DERIVED_GOLDEN);
    }

    /// Golden values for derived dice, as for the stream below.
    const DERIVED_GOLDEN: [u32; 8] = [73, 9, 302, 213, 635, 631, 808, 141];

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
