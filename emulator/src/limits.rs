//! Per-access-key token buckets and the ACS3 nonce cache. Time is passed in (milliseconds).

use std::collections::{BTreeSet, HashMap};

use liveops::client::TokenBucket;

/// A token bucket per key (the library's own `TokenBucket`): `rate` tokens a second, a burst of
/// one second's worth.
#[derive(Debug, Default)]
pub struct Buckets {
    buckets: HashMap<String, TokenBucket>,
}

impl Buckets {
    /// Takes a token for `key`, or says how long (ms) until one is there.
    pub fn take(&mut self, key: &str, rate: f64, now_ms: i64) -> Result<(), u64> {
        let now = now_ms as f64;
        let bucket = self
            .buckets
            .entry(key.to_string())
            .or_insert_with(|| TokenBucket::new(rate, rate, now));
        if bucket.rate() != rate {
            bucket.set_rate(rate, rate);
        }
        bucket.try_take(now).map_err(|ms| ms.ceil() as u64)
    }
}

/// Nonces seen within the signature window; a second use is a replay. A nonce is forgotten only
/// when its signature's window has passed, never to make room: when the cache is full of live
/// nonces, new ones are refused (the caller answers "unavailable, retry") instead.
#[derive(Debug, Default)]
pub struct Nonces {
    seen: HashMap<String, i64>,
    by_expiry: BTreeSet<(i64, String)>,
}

/// How many live nonces are kept at most (a few hundred requests a second over a 15-minute
/// window).
pub const MAX_NONCES: usize = 200_000;

/// What became of a nonce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NonceUse {
    First,
    Replay,
    /// The cache is full of live nonces: the request is refused, nothing is recorded.
    Full,
}

impl Nonces {
    /// Records `nonce` until `expires_ms`.
    pub fn first_use(&mut self, nonce: &str, now_ms: i64, expires_ms: i64) -> NonceUse {
        while let Some(first) = self.by_expiry.first() {
            if first.0 > now_ms {
                break;
            }
            if let Some((_, n)) = self.by_expiry.pop_first() {
                self.seen.remove(&n);
            }
        }
        if self.seen.contains_key(nonce) {
            return NonceUse::Replay;
        }
        if self.seen.len() >= MAX_NONCES {
            return NonceUse::Full;
        }
        self.seen.insert(nonce.to_string(), expires_ms);
        self.by_expiry.insert((expires_ms, nonce.to_string()));
        NonceUse::First
    }

    pub fn len(&self) -> usize {
        self.seen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_allow_the_rate_and_refill() {
        let mut b = Buckets::default();
        let ok = (0..10).filter(|_| b.take("k", 10.0, 0).is_ok()).count();
        assert_eq!(ok, 10);
        let wait = b.take("k", 10.0, 0).unwrap_err();
        assert_eq!(wait, 100);
        assert!(b.take("other", 10.0, 0).is_ok(), "keys are separate");
        assert!(b.take("k", 10.0, 100).is_ok(), "refilled after 100 ms");
        assert!(b.take("k", 0.0, 100).is_ok(), "0 disables");
    }

    #[test]
    fn nonces_are_single_use_within_their_window() {
        let mut n = Nonces::default();
        assert_eq!(n.first_use("a", 0, 1000), NonceUse::First);
        assert_eq!(n.first_use("a", 500, 1500), NonceUse::Replay);
        assert_eq!(n.first_use("a", 1001, 2000), NonceUse::First, "expired nonces may come again");
    }

    #[test]
    fn a_full_cache_refuses_rather_than_forgets() {
        let mut n = Nonces::default();
        for i in 0..MAX_NONCES {
            assert_eq!(n.first_use(&i.to_string(), 0, 900_000), NonceUse::First);
        }
        assert_eq!(n.first_use("new", 1, 900_001), NonceUse::Full);
        // The very first nonce is still remembered however many came after it.
        assert_eq!(n.first_use("0", 2, 900_002), NonceUse::Replay);
        assert_eq!(n.len(), MAX_NONCES);
        // Once the window has passed, they are evicted by time and new ones are taken.
        assert_eq!(n.first_use("new", 900_000, 1_800_000), NonceUse::First);
        assert_eq!(n.len(), 1);
    }
}
