//! A token bucket that hands out reservations: each caller learns how long to wait for its turn,
//! so concurrent callers queue in order instead of racing.

/// The bucket a request draws from: one per cloud and access key, shared by every client of that
/// key in a page or process (the clouds count requests per key).
pub fn bucket_key(provider: crate::catalog::Provider, access_key_id: &str) -> String {
    format!("{}:{access_key_id}", provider.as_str())
}

/// The bucket and rate of one call of `op`: the client's own `rateLimit` when it set one, for all
/// its operations; else the operation's own rate class in a bucket of its own; else the cloud's
/// profile rate, shared by the key's operations.
pub fn plan(
    op: &crate::catalog::Operation,
    access_key_id: &str,
    client_rate: Option<f64>,
) -> (String, f64) {
    let key = bucket_key(op.provider, access_key_id);
    match (client_rate, op.rate_class) {
        (Some(rate), _) => (key, rate),
        (None, Some(rate)) => (format!("{key}:{}", op.action), rate),
        (None, None) => (key, op.provider.profile().default_rate),
    }
}

#[derive(Debug, Clone)]
pub struct TokenBucket {
    rate: f64,
    capacity: f64,
    tokens: f64,
    last_ms: f64,
}

impl TokenBucket {
    /// `rate` per second, a burst of `burst` (at least 1).
    pub fn new(rate: f64, burst: f64, now_ms: f64) -> TokenBucket {
        let capacity = burst.max(1.0);
        TokenBucket { rate, capacity, tokens: capacity, last_ms: now_ms }
    }

    pub fn rate(&self) -> f64 {
        self.rate
    }

    /// Changes the rate (clients of one key may be configured alike; the latest wins).
    pub fn set_rate(&mut self, rate: f64, burst: f64) {
        self.rate = rate;
        self.capacity = burst.max(1.0);
        self.tokens = self.tokens.min(self.capacity);
    }

    /// Takes one token and returns how many milliseconds the caller must wait before using it
    /// (0: now). Rate 0 or less means no limit.
    pub fn reserve(&mut self, now_ms: f64) -> f64 {
        if self.rate <= 0.0 {
            return 0.0;
        }
        let elapsed = (now_ms - self.last_ms).max(0.0);
        self.tokens = (self.tokens + elapsed * self.rate / 1000.0).min(self.capacity);
        self.last_ms = now_ms.max(self.last_ms);
        self.tokens -= 1.0;
        if self.tokens >= 0.0 {
            0.0
        } else {
            -self.tokens * 1000.0 / self.rate
        }
    }

    /// Takes a token if one is there now; else says how many milliseconds until one is, and takes
    /// nothing (a server refusing a request, where `reserve` queues a client's).
    pub fn try_take(&mut self, now_ms: f64) -> Result<(), f64> {
        if self.rate <= 0.0 {
            return Ok(());
        }
        let elapsed = (now_ms - self.last_ms).max(0.0);
        self.tokens = (self.tokens + elapsed * self.rate / 1000.0).min(self.capacity);
        self.last_ms = now_ms.max(self.last_ms);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err((1.0 - self.tokens) * 1000.0 / self.rate)
        }
    }

    /// Gives back a reservation that was not used (the call was cancelled while waiting).
    pub fn refund(&mut self) {
        self.tokens = (self.tokens + 1.0).min(self.capacity);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_draws_from_the_clients_the_operations_or_the_clouds_rate() {
        use crate::catalog::{volcengine_live::LIST_CERT_V2, Operation};
        assert_eq!(plan(&LIST_CERT_V2, "AK", None), ("volcengine:AK".into(), 10.0));
        assert_eq!(plan(&LIST_CERT_V2, "AK", Some(2.0)), ("volcengine:AK".into(), 2.0));
        let own = Operation { rate_class: Some(1.0), ..LIST_CERT_V2 };
        assert_eq!(plan(&own, "AK", None), ("volcengine:AK:ListCertV2".into(), 1.0));
        assert_eq!(plan(&own, "AK", Some(5.0)), ("volcengine:AK".into(), 5.0));
    }

    #[test]
    fn try_take_refuses_without_going_into_debt() {
        let mut b = TokenBucket::new(10.0, 10.0, 0.0);
        assert_eq!((0..10).filter(|_| b.try_take(0.0).is_ok()).count(), 10);
        assert_eq!(b.try_take(0.0), Err(100.0));
        assert_eq!(b.try_take(0.0), Err(100.0), "a refusal takes nothing");
        assert!(b.try_take(100.0).is_ok(), "refilled after 100 ms");
        let mut off = TokenBucket::new(0.0, 1.0, 0.0);
        assert!(off.try_take(0.0).is_ok(), "0 disables");
    }

    #[test]
    fn a_burst_then_even_spacing() {
        let mut b = TokenBucket::new(10.0, 1.0, 0.0);
        assert_eq!(b.reserve(0.0), 0.0);
        let waits: Vec<f64> = (0..4).map(|_| b.reserve(0.0)).collect();
        for (i, w) in waits.iter().enumerate() {
            assert!((w - 100.0 * (i as f64 + 1.0)).abs() < 1e-6, "{waits:?}");
        }
        // After the queue has drained, tokens come back at the rate.
        let mut b = TokenBucket::new(10.0, 1.0, 0.0);
        b.reserve(0.0);
        assert_eq!(b.reserve(100.0), 0.0);
        assert!((b.reserve(100.0) - 100.0).abs() < 1e-6);
    }

    #[test]
    fn zero_rate_is_unlimited_and_refunds_restore() {
        let mut b = TokenBucket::new(0.0, 1.0, 0.0);
        assert!((0..100).all(|_| b.reserve(0.0) == 0.0));
        let mut b = TokenBucket::new(1.0, 1.0, 0.0);
        b.reserve(0.0);
        assert!(b.reserve(0.0) > 0.0);
        b.refund();
        b.refund();
        assert_eq!(b.reserve(0.0), 0.0);
    }

    #[test]
    fn the_bound_holds_over_many_reservations() {
        // n reservations at rate r need at least (n - burst) / r seconds.
        let mut b = TokenBucket::new(20.0, 1.0, 0.0);
        let last = (0..1000).map(|_| b.reserve(0.0)).fold(0.0, f64::max);
        assert!((last - 999.0 * 50.0).abs() < 1e-3);
    }
}
