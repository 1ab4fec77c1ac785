//! When to retry: exponential backoff with full jitter on retryable failures, the server's
//! `Retry-After` honoured, at most `max_retries`, and never a blind retry of a non-idempotent
//! call whose outcome is unknown.

use super::answer::ApiFailure;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    pub max_retries: u32,
    /// First backoff ceiling.
    pub base_ms: f64,
    /// Largest backoff ceiling.
    pub cap_ms: f64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_ms: 200.0,
            cap_ms: 20_000.0,
        }
    }
}

/// What went wrong with one attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// No usable answer: refused, reset, cut off. The request may have reached the server.
    Network,
    /// No answer in time. The request may have reached the server.
    Timeout,
    /// The cloud answered with an error.
    Api(ApiFailure),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Decision {
    Retry {
        delay_ms: f64,
    },
    GiveUp,
    /// A non-idempotent call failed after it may have been carried out: report, do not retry.
    OutcomeUnknown,
}

/// The backoff ceiling after `retries` retries: `min(cap, base * 2^retries)`; the delay is a
/// uniform draw below it (full jitter), `rand01` in [0, 1).
pub fn backoff_ms(policy: &RetryPolicy, retries: u32, rand01: f64) -> f64 {
    let ceiling = (policy.base_ms * 2f64.powi(retries.min(30) as i32)).min(policy.cap_ms);
    ceiling * rand01.clamp(0.0, 1.0)
}

/// Decides after a failed attempt. `retries` is how many retries were made so far;
/// `retry_after_ms` is the server's hint (`Retry-After`, `x-acs-retry-after`).
pub fn decide(
    policy: &RetryPolicy,
    retries: u32,
    idempotent: bool,
    failure: &Failure,
    retry_after_ms: Option<f64>,
    rand01: f64,
) -> Decision {
    let retryable = match failure {
        Failure::Network | Failure::Timeout if !idempotent => return Decision::OutcomeUnknown,
        Failure::Network | Failure::Timeout => true,
        Failure::Api(f) => f.retryable,
    };
    if !retryable || retries >= policy.max_retries {
        return Decision::GiveUp;
    }
    let jittered = backoff_ms(policy, retries, rand01);
    // The server's hint is a floor (capped: a hint of an hour is not waited out here).
    let delay_ms = match retry_after_ms {
        Some(hint) if hint.is_finite() && hint > 0.0 => jittered.max(hint.min(60_000.0)),
        _ => jittered,
    };
    Decision::Retry { delay_ms }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(retryable: bool) -> Failure {
        Failure::Api(ApiFailure {
            code: "X".into(),
            message: String::new(),
            request_id: None,
            http_status: Some(500),
            retryable,
        })
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy::default();
        assert_eq!(backoff_ms(&p, 0, 0.999_999).round(), 200.0);
        assert_eq!(backoff_ms(&p, 3, 0.999_999).round(), 1600.0);
        assert_eq!(backoff_ms(&p, 20, 0.999_999).round(), 20_000.0);
        assert_eq!(backoff_ms(&p, 5, 0.0), 0.0);
        assert_eq!(backoff_ms(&p, 2, 0.5), 400.0);
    }

    #[test]
    fn retries_only_what_is_retryable_and_only_so_often() {
        let p = RetryPolicy::default();
        assert!(matches!(
            decide(&p, 0, true, &api(true), None, 0.5),
            Decision::Retry { .. }
        ));
        assert_eq!(
            decide(&p, 0, true, &api(false), None, 0.5),
            Decision::GiveUp
        );
        assert_eq!(decide(&p, 3, true, &api(true), None, 0.5), Decision::GiveUp);
        assert!(matches!(
            decide(&p, 2, true, &Failure::Timeout, None, 0.5),
            Decision::Retry { .. }
        ));
        let none = RetryPolicy {
            max_retries: 0,
            ..p
        };
        assert_eq!(
            decide(&none, 0, true, &Failure::Network, None, 0.5),
            Decision::GiveUp
        );
    }

    #[test]
    fn a_non_idempotent_call_is_never_retried_blindly() {
        let p = RetryPolicy::default();
        assert_eq!(
            decide(&p, 0, false, &Failure::Timeout, None, 0.5),
            Decision::OutcomeUnknown
        );
        assert_eq!(
            decide(&p, 0, false, &Failure::Network, None, 0.5),
            Decision::OutcomeUnknown
        );
        // An error answer means the server refused: that is safe to retry.
        assert!(matches!(
            decide(&p, 0, false, &api(true), None, 0.5),
            Decision::Retry { .. }
        ));
    }

    #[test]
    fn retry_after_is_a_floor() {
        let p = RetryPolicy::default();
        assert_eq!(
            decide(&p, 0, true, &api(true), Some(1500.0), 0.5),
            Decision::Retry { delay_ms: 1500.0 }
        );
        assert_eq!(
            decide(&p, 0, true, &api(true), Some(1e9), 0.5),
            Decision::Retry { delay_ms: 60_000.0 }
        );
        assert_eq!(
            decide(&p, 0, true, &api(true), Some(f64::NAN), 0.5),
            Decision::Retry { delay_ms: 100.0 }
        );
    }
}
