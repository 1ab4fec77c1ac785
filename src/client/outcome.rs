//! How a call ends when it does not succeed: the error's name, code and words, decided here (not
//! in the JavaScript edge) so that they are the same everywhere and tested natively.

use super::retry::Failure;
use crate::catalog::Operation;
use crate::error::ErrorName;

/// Why the client stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinalKind {
    /// Not retryable, or retries spent.
    GaveUp,
    /// A non-idempotent call failed in a way that leaves open whether it was carried out.
    OutcomeUnknown,
    /// A non-idempotent call was aborted by the caller while its request was on its way.
    AbortedInFlight,
}

/// The error a failed call rejects with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinalError {
    /// The JavaScript `Error.name`.
    pub name: ErrorName,
    pub code: String,
    pub message: String,
    pub request_id: Option<String>,
    pub http_status: Option<u16>,
    pub retryable: bool,
}

/// The code of every error that leaves a non-idempotent call's outcome open.
pub const OUTCOME_UNKNOWN: &str = "OutcomeUnknown";

fn unknown_words(op: &Operation, what_happened: &str) -> String {
    format!(
        "{what_happened}; {} may have been carried out, so it was not sent again (it is not idempotent): {}",
        op.action, op.outcome_check
    )
}

/// The final error for `failure`.
pub fn final_error(
    failure: &Failure,
    kind: FinalKind,
    op: &Operation,
    timeout_ms: f64,
) -> FinalError {
    let bare = |name: ErrorName, code: &str, message: String, retryable: bool| FinalError {
        name,
        code: code.into(),
        message,
        request_id: None,
        http_status: None,
        retryable,
    };
    let open = kind != FinalKind::GaveUp;
    match (failure, kind) {
        (_, FinalKind::AbortedInFlight) => bare(
            ErrorName::Abort,
            OUTCOME_UNKNOWN,
            unknown_words(op, "the call was aborted while its request was on its way"),
            false,
        ),
        (Failure::Api(f), _) if open => FinalError {
            name: ErrorName::Api,
            code: OUTCOME_UNKNOWN.into(),
            message: unknown_words(
                op,
                &match f.http_status {
                    Some(s) => {
                        format!("the answer (HTTP {s}, {}) is not the cloud's refusal", f.code)
                    }
                    None => format!("the answer ({}) is not the cloud's refusal", f.code),
                },
            ),
            request_id: f.request_id.clone(),
            http_status: f.http_status,
            retryable: false,
        },
        (Failure::Api(f), _) => FinalError {
            name: ErrorName::Api,
            code: f.code.clone(),
            message: f.message.clone(),
            request_id: f.request_id.clone(),
            http_status: f.http_status,
            retryable: f.retryable,
        },
        (Failure::Timeout, _) if open => bare(
            ErrorName::Timeout,
            OUTCOME_UNKNOWN,
            unknown_words(op, "no answer came in time"),
            false,
        ),
        (Failure::Network, _) if open => bare(
            ErrorName::Network,
            OUTCOME_UNKNOWN,
            unknown_words(op, "the connection failed before the answer was read"),
            false,
        ),
        (Failure::Timeout, _) => bare(
            ErrorName::Timeout,
            "Timeout",
            format!("no answer within {} ms", timeout_ms as u64),
            true,
        ),
        (Failure::Network, _) => bare(
            ErrorName::Network,
            "NetworkError",
            "the request could not be sent or its answer could not be read".into(),
            true,
        ),
        (Failure::NotSent, _) => bare(
            ErrorName::Network,
            "NotForwarded",
            "the forwarding server could not reach the cloud; the request was not sent there"
                .into(),
            true,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Provider;
    use crate::catalog::{aliyun_esa::APPLY_CERTIFICATE, volcengine_live::LIST_CERT_V2};
    use crate::client::parse_answer;

    #[test]
    fn an_unknown_outcome_says_how_to_check() {
        let f = Failure::Api(
            parse_answer(Provider::Aliyun, 502, "<html>502 Bad Gateway</html>").unwrap_err(),
        );
        let e = final_error(&f, FinalKind::OutcomeUnknown, &APPLY_CERTIFICATE, 10_000.0);
        assert_eq!(
            (e.name, e.code.as_str(), e.http_status, e.retryable),
            (ErrorName::Api, "OutcomeUnknown", Some(502), false)
        );
        assert!(e.message.contains("ListCertificates"), "{}", e.message);
        assert!(
            !e.message.contains("again first"),
            "the check reads as one sentence: {}",
            e.message
        );
        assert!(e.message.contains("ApplyCertificate"));
        for (failure, name) in
            [(Failure::Timeout, ErrorName::Timeout), (Failure::Network, ErrorName::Network)]
        {
            let e = final_error(&failure, FinalKind::OutcomeUnknown, &APPLY_CERTIFICATE, 1.0);
            assert_eq!((e.name, e.code.as_str(), e.retryable), (name, "OutcomeUnknown", false));
            assert!(e.message.contains("ListCertificates"));
        }
        let aborted =
            final_error(&Failure::Network, FinalKind::AbortedInFlight, &APPLY_CERTIFICATE, 1.0);
        assert_eq!((aborted.name, aborted.code.as_str()), (ErrorName::Abort, "OutcomeUnknown"));
    }

    #[test]
    fn a_plain_failure_keeps_the_clouds_words() {
        let f = Failure::Api(
            parse_answer(Provider::Volcengine, 400, r#"{"ResponseMetadata":{"RequestId":"r","Error":{"Code":"InvalidParam","Message":"bad"}}}"#).unwrap_err(),
        );
        let e = final_error(&f, FinalKind::GaveUp, &LIST_CERT_V2, 1.0);
        assert_eq!(
            (e.name, e.code.as_str(), e.message.as_str(), e.request_id.as_deref()),
            (ErrorName::Api, "InvalidParam", "bad", Some("r"))
        );
        let t = final_error(&Failure::Timeout, FinalKind::GaveUp, &LIST_CERT_V2, 2500.0);
        assert_eq!(
            (t.code.as_str(), t.message.as_str(), t.retryable),
            ("Timeout", "no answer within 2500 ms", true)
        );
        let n = final_error(&Failure::NotSent, FinalKind::GaveUp, &LIST_CERT_V2, 1.0);
        assert_eq!((n.name, n.code.as_str()), (ErrorName::Network, "NotForwarded"));
    }
}
