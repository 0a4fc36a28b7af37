//! Small helpers over the seeded random source.
//!
//! Every random stream is a `ChaCha8Rng` seeded from the generation seed and
//! a fixed stream number, so that one region's choices do not shift when
//! another region draws more or fewer numbers.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::days::Day;

/// The random stream `stream` of a seed.
pub(crate) fn stream(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

/// `expected` rounded down or up at random, so that sums over many regions
/// keep the expected total: 2.3 is 2 seven times in ten and 3 three times.
pub(crate) fn round_count(rng: &mut impl Rng, expected: f64) -> u32 {
    let whole = expected.floor();
    let extra = if rng.random::<f64>() < expected - whole { 1.0 } else { 0.0 };
    (whole + extra).max(0.0) as u32
}

/// A day in `lo..=hi`; `lo` when the range is empty.
pub(crate) fn day_between(rng: &mut impl Rng, lo: Day, hi: Day) -> Day {
    if hi <= lo { lo } else { rng.random_range(lo..=hi) }
}

/// A whole number of days with an exponential distribution of the given mean.
pub(crate) fn exponential_days(rng: &mut impl Rng, mean: f64) -> Day {
    let uniform: f64 = rng.random_range(f64::EPSILON..1.0);
    (-uniform.ln() * mean).round() as Day
}

/// An item chosen with probability proportional to its weight.
pub(crate) fn weighted<T: Copy>(rng: &mut impl Rng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, weight)| weight).sum();
    let mut pick = rng.random_range(0..total);
    for (item, weight) in items {
        if pick < *weight {
            return *item;
        }
        pick -= weight;
    }
    items[items.len() - 1].0
}

/// A uniformly chosen element of a non-empty slice.
pub(crate) fn pick<'a, T>(rng: &mut impl Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_keeps_the_expected_total() {
        let mut rng = stream(1, 1);
        let total: u32 = (0..10_000).map(|_| round_count(&mut rng, 2.3)).sum();
        assert!((22_500..23_500).contains(&total), "{total}");
    }

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let draw = |seed, number| stream(seed, number).random::<u64>();
        assert_eq!(draw(7, 3), draw(7, 3));
        assert_ne!(draw(7, 3), draw(7, 4));
        assert_ne!(draw(7, 3), draw(8, 3));
    }

    #[test]
    fn weighted_choice_respects_zero_weights() {
        let mut rng = stream(1, 2);
        for _ in 0..1000 {
            assert_ne!(weighted(&mut rng, &[('a', 0), ('b', 3), ('c', 1)]), 'a');
        }
    }
}
