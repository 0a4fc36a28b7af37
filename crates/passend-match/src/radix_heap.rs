//! A monotone priority queue for Dijkstra with integer distances.
//!
//! Dijkstra pops distances in non-decreasing order, so an item only needs to
//! be placed in the bucket of the highest bit where its key differs from the
//! last popped key: pushing is O(1) and each item moves down at most 64
//! times. On these searches it beats a binary heap of `(i64, u32)` pairs,
//! whose sift-downs dominated the profile.

const BUCKETS: usize = 65;

#[derive(Debug, Clone)]
pub(crate) struct RadixHeap {
    last: u64,
    len: usize,
    buckets: Vec<Vec<(u64, u32)>>,
}

impl RadixHeap {
    pub(crate) fn new() -> Self {
        Self { last: 0, len: 0, buckets: vec![Vec::new(); BUCKETS] }
    }

    pub(crate) fn clear(&mut self) {
        for bucket in &mut self.buckets {
            bucket.clear();
        }
        self.last = 0;
        self.len = 0;
    }

    fn bucket(&self, key: u64) -> usize {
        (u64::BITS - (key ^ self.last).leading_zeros()) as usize
    }

    /// Pushes `value` at `key`; `key` must not be below the last popped key
    /// (true for Dijkstra with non-negative reduced costs).
    pub(crate) fn push(&mut self, key: u64, value: u32) {
        debug_assert!(key >= self.last, "radix heap keys must not decrease");
        let bucket = self.bucket(key);
        self.buckets[bucket].push((key, value));
        self.len += 1;
    }

    pub(crate) fn pop(&mut self) -> Option<(u64, u32)> {
        if self.len == 0 {
            return None;
        }
        if self.buckets[0].is_empty() {
            let index = self.buckets.iter().position(|bucket| !bucket.is_empty())?;
            let items = std::mem::take(&mut self.buckets[index]);
            self.last = items.iter().map(|&(key, _)| key).min()?;
            for &(key, value) in &items {
                let bucket = self.bucket(key);
                self.buckets[bucket].push((key, value));
            }
            // Keep the emptied vector's allocation for later.
            let mut items = items;
            items.clear();
            if self.buckets[index].is_empty() {
                self.buckets[index] = items;
            }
        }
        self.len -= 1;
        self.buckets[0].pop()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_in_key_order_while_pushing_monotonically() {
        let mut heap = RadixHeap::new();
        for (key, value) in [(5u64, 0u32), (3, 1), (9, 2), (3, 3), (1 << 40, 4)] {
            heap.push(key, value);
        }
        let mut popped = Vec::new();
        while let Some((key, value)) = heap.pop() {
            popped.push(key);
            if value == 0 {
                heap.push(7, 5);
                heap.push(5, 6);
            }
        }
        assert_eq!(popped, vec![3, 3, 5, 5, 7, 9, 1 << 40]);
        heap.clear();
        assert_eq!(heap.pop(), None);
    }
}
