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
        RetryPolicy { max_retries: 3, base_ms: 200.0, cap_ms: 20_000.0 }
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
    /// Known not to have reached the cloud (a forwarding server says it could not connect).
    NotSent,
}

/// Whether the server may have carried out the request despite the failure: no answer, or an
/// answer that is not the cloud's own refusal (a gateway page, an internal error, a cut body).
pub fn outcome_open(failure: &Failure) -> bool {
    match failure {
        Failure::Network | Failure::Timeout => true,
        Failure::NotSent => false,
        Failure::Api(f) => !f.refused,
    }
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

/// The server's retry hint in milliseconds: Alibaba's `x-acs-retry-after` (ms), else
/// `Retry-After` as seconds or as an HTTP date. Nonsense (negative, not finite) is no hint.
pub fn retry_after_ms(
    x_acs_retry_after: Option<&str>,
    retry_after: Option<&str>,
    local_now_ms: i64,
) -> Option<f64> {
    let sane = |ms: f64| (ms.is_finite() && ms >= 0.0).then_some(ms);
    if let Some(ms) = x_acs_retry_after.and_then(|v| v.trim().parse::<f64>().ok()) {
        return sane(ms);
    }
    let v = retry_after?.trim();
    if let Ok(seconds) = v.parse::<f64>() {
        return sane(seconds * 1000.0);
    }
    super::skew::clock_offset(v, local_now_ms).map(|ms| ms.max(0) as f64)
}

/// The backoff ceiling after `retries` retries: `min(cap, base * 2^retries)`; the delay is a
/// uniform draw below it (full jitter), `rand01` in [0, 1).
pub fn backoff_ms(policy: &RetryPolicy, retries: u32, rand01: f64) -> f64 {
    let ceiling = (policy.base_ms * 2f64.powi(retries.min(30) as i32)).min(policy.cap_ms);
    ceiling * rand01.clamp(0.0, 1.0)
}

/// The longest wait a server's retry hint may ask for (20 s, the longest backoff): longer, the call
/// gives up at once instead (a hint of an hour would hold every attempt's caller).
pub const MAX_HINT_MS: f64 = 20_000.0;

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
    if !idempotent && outcome_open(failure) {
        return Decision::OutcomeUnknown;
    }
    let retryable = match failure {
        Failure::Network | Failure::Timeout | Failure::NotSent => true,
        Failure::Api(f) => f.retryable,
    };
    if !retryable || retries >= policy.max_retries {
        return Decision::GiveUp;
    }
    let jittered = backoff_ms(policy, retries, rand01);
    // The server's hint is a floor. A server that asks for a longer wait than the client ever
    // waits between attempts is not waited out here: the call fails at once, retryable, and the
    // caller tries again when it sees fit.
    let delay_ms = match retry_after_ms {
        Some(hint) if hint.is_finite() && hint > MAX_HINT_MS => return Decision::GiveUp,
        Some(hint) if hint.is_finite() && hint > 0.0 => jittered.max(hint),
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
            refused: true,
        })
    }

    fn answer(provider: crate::catalog::Provider, status: u16, body: &str) -> Failure {
        Failure::Api(crate::client::parse_answer(provider, status, body).unwrap_err())
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
        assert!(matches!(decide(&p, 0, true, &api(true), None, 0.5), Decision::Retry { .. }));
        assert_eq!(decide(&p, 0, true, &api(false), None, 0.5), Decision::GiveUp);
        assert_eq!(decide(&p, 3, true, &api(true), None, 0.5), Decision::GiveUp);
        assert!(matches!(
            decide(&p, 2, true, &Failure::Timeout, None, 0.5),
            Decision::Retry { .. }
        ));
        let none = RetryPolicy { max_retries: 0, ..p };
        assert_eq!(decide(&none, 0, true, &Failure::Network, None, 0.5), Decision::GiveUp);
    }

    #[test]
    fn a_non_idempotent_call_is_never_retried_blindly() {
        let p = RetryPolicy::default();
        assert_eq!(decide(&p, 0, false, &Failure::Timeout, None, 0.5), Decision::OutcomeUnknown);
        assert_eq!(decide(&p, 0, false, &Failure::Network, None, 0.5), Decision::OutcomeUnknown);
        // An error answer means the server refused: that is safe to retry.
        assert!(matches!(decide(&p, 0, false, &api(true), None, 0.5), Decision::Retry { .. }));
    }

    #[test]
    fn a_non_idempotent_call_is_retried_only_after_the_clouds_own_refusal() {
        use crate::catalog::Provider::*;
        let p = RetryPolicy::default();
        let unknown = [
            answer(Aliyun, 502, "<html><body>502 Bad Gateway</body></html>"),
            answer(Aliyun, 504, ""),
            answer(Aliyun, 500, r#"{"RequestId":"r","Code":"InternalError","Message":"m"}"#),
            answer(
                Tencent,
                200,
                r#"{"Response":{"RequestId":"t","Error":{"Code":"InternalError","Message":"m"}}}"#,
            ),
            answer(
                Volcengine,
                200,
                r#"{"ResponseMetadata":{"RequestId":"v","Error":{"Code":"CommonErr"}}}"#,
            ),
            answer(Volcengine, 503, "Service Unavailable"),
        ];
        for f in &unknown {
            assert_eq!(decide(&p, 0, false, f, None, 0.5), Decision::OutcomeUnknown, "{f:?}");
            // The same answers are retried for an idempotent operation.
            assert!(matches!(decide(&p, 0, true, f, None, 0.5), Decision::Retry { .. }), "{f:?}");
        }
        // A cut answer at HTTP 200 is not retried at all, and a paid order is reported as open.
        let cut = answer(Aliyun, 200, r#"{"Req"#);
        assert_eq!(decide(&p, 0, false, &cut, None, 0.5), Decision::OutcomeUnknown);
        let refusals = [
            answer(Aliyun, 400, r#"{"RequestId":"r","Code":"Throttling.User","Message":"m"}"#),
            answer(Aliyun, 503, r#"{"RequestId":"r","Code":"ServiceUnavailable","Message":"m"}"#),
            answer(
                Tencent,
                200,
                r#"{"Response":{"RequestId":"t","Error":{"Code":"RequestLimitExceeded","Message":"m"}}}"#,
            ),
        ];
        for f in &refusals {
            assert!(matches!(decide(&p, 0, false, f, None, 0.5), Decision::Retry { .. }), "{f:?}");
        }
        let final_refusal =
            answer(Aliyun, 400, r#"{"RequestId":"r","Code":"InvalidParameter","Message":"m"}"#);
        assert_eq!(decide(&p, 0, false, &final_refusal, None, 0.5), Decision::GiveUp);
        // Known not to have been sent: safe to send, whatever the operation.
        assert!(matches!(
            decide(&p, 0, false, &Failure::NotSent, None, 0.5),
            Decision::Retry { .. }
        ));
        let redirect = Failure::Api(ApiFailure::redirect(Some(307)));
        assert_eq!(decide(&p, 0, false, &redirect, None, 0.5), Decision::GiveUp);
        assert_eq!(decide(&p, 0, true, &redirect, None, 0.5), Decision::GiveUp);
    }

    #[test]
    fn retry_hints_are_read_and_nonsense_ignored() {
        assert_eq!(retry_after_ms(Some("700"), Some("5"), 0), Some(700.0));
        assert_eq!(retry_after_ms(None, Some(" 2 "), 0), Some(2000.0));
        assert_eq!(retry_after_ms(None, Some("-1"), 0), None);
        assert_eq!(retry_after_ms(None, Some("1e308"), 0), None);
        assert_eq!(retry_after_ms(Some("NaN"), None, 0), None);
        assert_eq!(
            retry_after_ms(None, Some("Sun, 06 Nov 1994 08:49:37 GMT"), 784_111_777_000 - 3_000),
            Some(3000.0)
        );
        assert_eq!(
            retry_after_ms(None, Some("Sun, 06 Nov 1994 08:49:37 GMT"), i64::MAX),
            Some(0.0)
        );
        assert_eq!(retry_after_ms(None, None, 0), None);
    }

    #[test]
    fn retry_after_is_a_floor() {
        let p = RetryPolicy::default();
        assert_eq!(
            decide(&p, 0, true, &api(true), Some(1500.0), 0.5),
            Decision::Retry { delay_ms: 1500.0 }
        );
        assert_eq!(
            decide(&p, 0, true, &api(true), Some(20_000.0), 0.5),
            Decision::Retry { delay_ms: 20_000.0 }
        );
        // Longer than the client ever waits: given up at once, not held for a minute.
        assert_eq!(decide(&p, 0, true, &api(true), Some(1e9), 0.5), Decision::GiveUp);
        assert_eq!(
            decide(&p, 0, true, &api(true), Some(f64::NAN), 0.5),
            Decision::Retry { delay_ms: 100.0 }
        );
    }
}
