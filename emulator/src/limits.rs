//! Per-access-key token buckets and the ACS3 nonce cache. Time is passed in (milliseconds).

use std::collections::HashMap;

/// A token bucket per key: `rate` tokens a second, a burst of one second's worth.
#[derive(Debug, Default)]
pub struct Buckets {
    buckets: HashMap<String, (f64, i64)>,
}

impl Buckets {
    /// Takes a token for `key`, or says how long (ms) until one is there.
    pub fn take(&mut self, key: &str, rate: f64, now_ms: i64) -> Result<(), u64> {
        if rate <= 0.0 {
            return Ok(());
        }
        let capacity = rate.max(1.0);
        let (tokens, last) = self
            .buckets
            .entry(key.to_string())
            .or_insert((capacity, now_ms));
        let elapsed = (now_ms - *last).max(0) as f64 / 1000.0;
        *tokens = (*tokens + elapsed * rate).min(capacity);
        *last = now_ms;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err((((1.0 - *tokens) / rate) * 1000.0).ceil() as u64)
        }
    }
}

/// Nonces seen within the signature window; a second use is a replay.
#[derive(Debug, Default)]
pub struct Nonces {
    seen: HashMap<String, i64>,
}

const MAX_NONCES: usize = 200_000;

impl Nonces {
    /// Records `nonce` until `expires_ms`; false when it was already there.
    pub fn first_use(&mut self, nonce: &str, now_ms: i64, expires_ms: i64) -> bool {
        if self.seen.len() >= MAX_NONCES / 2 {
            self.seen.retain(|_, exp| *exp > now_ms);
        }
        if self.seen.len() >= MAX_NONCES {
            // Still full of live nonces: forget the oldest half rather than grow without bound.
            let mut expiries: Vec<i64> = self.seen.values().copied().collect();
            expiries.sort_unstable();
            let cut = expiries[expiries.len() / 2];
            self.seen.retain(|_, exp| *exp > cut);
        }
        match self.seen.get(nonce) {
            Some(exp) if *exp > now_ms => false,
            _ => {
                self.seen.insert(nonce.to_string(), expires_ms);
                true
            }
        }
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
        assert!(n.first_use("a", 0, 1000));
        assert!(!n.first_use("a", 500, 1500));
        assert!(
            n.first_use("a", 1001, 2000),
            "expired nonces may come again"
        );
    }
}
