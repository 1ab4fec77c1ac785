//! The client's logic, sans-IO: building each operation's request, reading each cloud's answers,
//! deciding on retries, pacing by token bucket, and correcting clock skew. Time and randomness are
//! passed in; the fetch transport that uses all this lives in `crate::wasm::client`.

pub mod answer;
pub mod rate;
pub mod request;
pub mod retry;

pub use answer::{parse_answer, ApiFailure};
pub use rate::TokenBucket;
pub use request::{build_request, Endpoint, OutgoingRequest};
pub use retry::{decide, Decision, Failure, RetryPolicy};

use crate::validate::Provider;

/// Whether calling the operation twice has the effect of calling it once. Only those are retried
/// after a failure whose outcome is unknown.
pub fn idempotent(action: &str) -> bool {
    action != "ApplyCertificate"
}

/// The documented client-side rate, in requests per second and access key.
pub fn default_rate(provider: Provider) -> f64 {
    match provider {
        Provider::Volcengine => 10.0,
        Provider::Tencent => 20.0,
        // No documented limit; a conservative pace that can be changed per client.
        Provider::Aliyun => 20.0,
    }
}

/// The clock offset (server minus local, ms) an answer's `Date` header shows, if it parses.
pub fn clock_offset(date_header: &str, local_now_ms: i64) -> Option<i64> {
    let t = httpdate::parse_http_date(date_header).ok()?;
    let server_ms = t.duration_since(std::time::UNIX_EPOCH).ok()?.as_millis() as i64;
    Some(server_ms - local_now_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_offset_from_a_date_header() {
        // Sun, 06 Nov 1994 08:49:37 GMT = 784111777 s
        assert_eq!(
            clock_offset("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777_000 - 5_000),
            Some(5_000)
        );
        assert_eq!(clock_offset("yesterday", 0), None);
    }

    #[test]
    fn only_apply_certificate_is_not_idempotent() {
        for a in [
            "UpdateAuthKey",
            "ListCertV2",
            "UnbindCert",
            "ModifyLiveDomainCertBindings",
        ] {
            assert!(idempotent(a));
        }
        assert!(!idempotent("ApplyCertificate"));
    }
}
