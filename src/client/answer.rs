//! Reading each cloud's answers: the typed result on success, or a failure with the cloud's code,
//! message and request id, and whether retrying may help. Volcengine mixes statuses (`CommonErr`
//! with 200), Tencent always answers 200 with `Response.Error`, Alibaba answers 4xx/5xx with a flat
//! body. Anything that is not the cloud's JSON is `MalformedAnswer`, never a crash.

use serde_json::Value;

use crate::catalog::envelope::{self, Envelope};

use crate::catalog::Provider;

/// A failure answered by the cloud (or a gateway on its way).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiFailure {
    pub code: String,
    pub message: String,
    pub request_id: Option<String>,
    pub http_status: Option<u16>,
    pub retryable: bool,
    /// The answer says, in the cloud's own envelope, that the request was not carried out: a
    /// parameter, authentication or throttling refusal. False for anything that leaves the
    /// outcome open (an internal error, a gateway's page, a cut or empty answer), which a
    /// non-idempotent operation must never re-send blindly.
    pub refused: bool,
}

impl ApiFailure {
    /// A redirect answer (`status` is `None` where the runtime hides it, as browsers do). API
    /// calls never follow one: it would re-send the signed body and token to another origin.
    pub fn redirect(status: Option<u16>) -> ApiFailure {
        ApiFailure {
            code: "Redirected".into(),
            message: match status {
                Some(s) => format!("the server answered with a redirect (HTTP {s}); API calls do not follow redirects"),
                None => "the server answered with a redirect; API calls do not follow redirects".into(),
            },
            request_id: None,
            http_status: status,
            retryable: false,
            // The server that redirected did not carry the call out.
            refused: true,
        }
    }

    /// An answer whose body passed `limit` bytes: reading stopped there (memory stays bounded).
    /// Not a refusal: the server may have carried the call out before answering at such length.
    pub fn too_large(status: u16, limit: usize) -> ApiFailure {
        ApiFailure {
            code: "AnswerTooLarge".into(),
            message: format!(
                "the answer (HTTP {status}) is longer than {limit} bytes (the client's maxAnswerBytes); reading stopped there"
            ),
            request_id: None,
            http_status: Some(status),
            retryable: false,
            refused: false,
        }
    }
}

/// Whether `code` is a refusal before acting that is worth trying again: throttling, or a
/// service that says it is unavailable.
pub fn is_throttle_or_unavailable(code: &str) -> bool {
    code.contains("Throttling")
        || code.contains("FlowLimit")
        || code.starts_with("RequestLimitExceeded")
        || code == "LimitExceeded.RateLimitExceeded"
        || code == "ServiceUnavailable"
}

/// Whether an answer in the cloud's envelope says the request was not carried out.
fn refused(code: &str, status: u16, retryable: bool) -> bool {
    // A gateway or server that failed mid-way says nothing of what happened behind it; a nonce
    // seen before means an earlier copy of this very request arrived (a runtime resent it after a
    // broken connection), and that one may have been carried out.
    if matches!(status, 500 | 502 | 504) || code == NONCE_USED {
        return false;
    }
    !retryable || is_throttle_or_unavailable(code) || is_clock_skew(code)
}

/// Codes that report a clock too far from the server's (any cloud's, from its profile).
pub fn is_clock_skew(code: &str) -> bool {
    Provider::ALL.iter().any(|p| p.profile().skew_codes.contains(&code))
}

/// The code of a signature nonce the server saw before (the emulator's, and ESA's).
pub const NONCE_USED: &str = "SignatureNonceUsed";

/// Whether a failure with `code` and `status` may succeed when tried again (the cloud's profile).
/// A used nonce may: each attempt is signed anew, with a fresh nonce.
pub fn retryable(provider: Provider, code: &str, status: u16) -> bool {
    code == NONCE_USED || (provider.profile().retryable)(code, status)
}

/// Text from a server made safe to print and log: control characters (which could forge log
/// lines or terminal escapes) become `?`; line breaks stay in messages, not in codes and ids.
pub fn printable(text: &str, lines: bool) -> String {
    text.chars()
        .map(|c| if c.is_control() && !(lines && (c == '\n' || c == '\t')) { '?' } else { c })
        .collect()
}

fn malformed(provider: Provider, status: u16, what: &str) -> ApiFailure {
    ApiFailure {
        code: "MalformedAnswer".into(),
        message: format!("the answer (HTTP {status}) is not {}'s JSON: {what}", provider.as_str()),
        request_id: None,
        http_status: Some(status),
        retryable: status >= 500 || status == 429,
        refused: false,
    }
}

fn http_error(provider: Provider, status: u16, request_id: Option<String>) -> ApiFailure {
    ApiFailure {
        code: "HttpError".into(),
        message: format!("HTTP {status} without an error code"),
        request_id,
        http_status: Some(status),
        retryable: retryable(provider, "", status),
        refused: false,
    }
}

fn failure(
    provider: Provider,
    status: u16,
    code: String,
    message: String,
    request_id: Option<String>,
) -> ApiFailure {
    let retryable = retryable(provider, &code, status);
    ApiFailure {
        refused: refused(&code, status, retryable),
        retryable,
        code: printable(&code, false),
        message: printable(&message, true),
        request_id: request_id.map(|r| printable(&r, false)),
        http_status: Some(status),
    }
}

/// The operation's result (always with `RequestId`) or the failure the answer reports. The
/// envelope is read by `catalog::envelope`; what the status adds is judged here.
/// Integers beyond 2^53 − 1 (ESA site ids can be any int64) become decimal strings, as requests
/// take them: a JavaScript number would round them to another id.
fn exact_integers(v: &mut Value, depth: usize) {
    const SAFE: u64 = (1 << 53) - 1;
    match v {
        Value::Number(n)
            if n.as_u64().is_some_and(|u| u > SAFE)
                || n.as_i64().is_some_and(|i| i < -(SAFE as i64)) =>
        {
            *v = Value::String(crate::catalog::decimal(n));
        }
        // The parser's own limit bounds nesting; this guards the recursion regardless.
        Value::Array(items) if depth < 128 => {
            items.iter_mut().for_each(|i| exact_integers(i, depth + 1))
        }
        Value::Object(o) if depth < 128 => {
            o.values_mut().for_each(|i| exact_integers(i, depth + 1))
        }
        _ => {}
    }
}

pub fn parse_answer(provider: Provider, status: u16, body: &str) -> Result<Value, ApiFailure> {
    let json: Value = match serde_json::from_str(body) {
        Ok(v) => v,
        Err(_) if body.trim().is_empty() => return Err(malformed(provider, status, "empty body")),
        Err(_) => return Err(malformed(provider, status, "not JSON (or cut short)")),
    };
    match envelope::read(provider, status, &json) {
        Ok(Envelope::Error { request_id, code, message }) => {
            Err(failure(provider, status, code, message, request_id))
        }
        Ok(Envelope::Ok { request_id, .. }) if !(200..300).contains(&status) => {
            Err(http_error(provider, status, request_id))
        }
        Ok(Envelope::Ok { request_id, mut result }) => {
            result.insert("RequestId".into(), request_id.map(Value::String).unwrap_or(Value::Null));
            let mut result = Value::Object(result);
            exact_integers(&mut result, 0);
            Ok(result)
        }
        // A gateway's page in place of Tencent's envelope (Tencent's own answers are all 200).
        Err(_) if provider == Provider::Tencent && status != 200 => {
            Err(http_error(provider, status, None))
        }
        Err(what) => Err(malformed(provider, status, what)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn volcengine_answers() {
        let ok = r#"{"ResponseMetadata":{"RequestId":"r1","Action":"ListCertV2"},"Result":{"CertList":[]}}"#;
        assert_eq!(
            parse_answer(Provider::Volcengine, 200, ok).unwrap(),
            json!({"CertList": [], "RequestId": "r1"})
        );
        let no_result = r#"{"ResponseMetadata":{"RequestID":"r2"}}"#;
        assert_eq!(
            parse_answer(Provider::Volcengine, 200, no_result).unwrap(),
            json!({"RequestId": "r2"})
        );
        let common = r#"{"ResponseMetadata":{"RequestId":"r3","Error":{"Code":"CommonErr","Message":"busy"}}}"#;
        let f = parse_answer(Provider::Volcengine, 200, common).unwrap_err();
        assert_eq!((f.code.as_str(), f.http_status, f.retryable), ("CommonErr", Some(200), true));
        assert_eq!(f.request_id.as_deref(), Some("r3"));
        let sig =
            r#"{"ResponseMetadata":{"Error":{"Code":"SignatureDoesNotMatch","CodeN":100010}}}"#;
        assert!(!parse_answer(Provider::Volcengine, 401, sig).unwrap_err().retryable);
        let param = r#"{"ResponseMetadata":{"Error":{"Code":"InvalidParam.Domain"}}}"#;
        assert!(!parse_answer(Provider::Volcengine, 400, param).unwrap_err().retryable);
        let flow = r#"{"ResponseMetadata":{"Error":{"Code":"AccountFlowLimitExceeded"}}}"#;
        assert!(parse_answer(Provider::Volcengine, 429, flow).unwrap_err().retryable);
    }

    #[test]
    fn tencent_answers() {
        let ok = r#"{"Response":{"RequestId":"t1","MismatchedDomainNames":["a"],"Errors":[]}}"#;
        assert_eq!(
            parse_answer(Provider::Tencent, 200, ok).unwrap()["MismatchedDomainNames"],
            json!(["a"])
        );
        let limited = r#"{"Response":{"RequestId":"t2","Error":{"Code":"RequestLimitExceeded","Message":"slow down"}}}"#;
        let f = parse_answer(Provider::Tencent, 200, limited).unwrap_err();
        assert!(f.retryable && f.request_id.as_deref() == Some("t2"));
        for code in [
            "LimitExceeded",
            "AuthFailure.SignatureFailure",
            "InvalidParameterValue",
            "FailedOperation.CertificateExpired",
        ] {
            let body =
                json!({"Response": {"Error": {"Code": code, "Message": ""}, "RequestId": "x"}})
                    .to_string();
            assert!(!parse_answer(Provider::Tencent, 200, &body).unwrap_err().retryable, "{code}");
        }
        let gateway = parse_answer(Provider::Tencent, 502, "<html>bad gateway</html>").unwrap_err();
        assert_eq!((gateway.code.as_str(), gateway.retryable), ("MalformedAnswer", true));
    }

    #[test]
    fn aliyun_answers() {
        let ok = r#"{"RequestId":"a1","SiteName":"s","TotalCount":1,"Result":[]}"#;
        assert_eq!(parse_answer(Provider::Aliyun, 200, ok).unwrap()["TotalCount"], 1);
        let throttled = r#"{"RequestId":"a2","HostId":"h","Code":"Throttling.User","Message":"m","Recommend":"r"}"#;
        let f = parse_answer(Provider::Aliyun, 400, throttled).unwrap_err();
        assert_eq!(
            (f.code.as_str(), f.retryable, f.http_status),
            ("Throttling.User", true, Some(400))
        );
        let missing = r#"{"RequestId":"a3","Code":"MissingSiteId","Message":"m"}"#;
        assert!(!parse_answer(Provider::Aliyun, 400, missing).unwrap_err().retryable);
        assert!(
            parse_answer(Provider::Aliyun, 503, r#"{"Code":"ServiceUnavailable"}"#)
                .unwrap_err()
                .retryable
        );
    }

    #[test]
    fn anything_else_is_malformed_not_a_crash() {
        for p in Provider::ALL {
            for (status, body) in [
                (200, ""),
                (200, "{\"Resp"),
                (200, "<html></html>"),
                (200, "[]"),
                (200, "null"),
                (500, "oops"),
            ] {
                let f = parse_answer(p, status, body).unwrap_err();
                assert!(
                    f.code == "MalformedAnswer" || f.code == "HttpError",
                    "{p:?} {body}: {f:?}"
                );
            }
        }
    }

    #[test]
    fn skew_codes() {
        assert!(is_clock_skew("InvalidTimestamp"));
        assert!(is_clock_skew("AuthFailure.SignatureExpire"));
        assert!(is_clock_skew("Unauthorized.InvalidTime"));
        assert!(!is_clock_skew("SignatureDoesNotMatch"));
    }
}

#[cfg(test)]
mod exact_integer_tests {
    use super::*;

    #[test]
    fn integers_beyond_two_to_the_53_arrive_as_text() {
        let body = r#"{"RequestId":"r","Sites":[{"SiteId":9223372036854775807,"Small":9007199254740991,"Neg":-9007199254740993}]}"#;
        let v = parse_answer(Provider::Aliyun, 200, body).unwrap();
        assert_eq!(v["Sites"][0]["SiteId"], "9223372036854775807");
        assert_eq!(v["Sites"][0]["Small"], 9007199254740991u64);
        assert_eq!(v["Sites"][0]["Neg"], "-9007199254740993");
    }

    #[test]
    fn a_used_nonce_is_tried_again_but_leaves_a_paid_order_open_and_server_words_are_printable() {
        let f = parse_answer(
            Provider::Aliyun,
            400,
            r#"{"Code":"SignatureNonceUsed","Message":"nonce used","RequestId":"r"}"#,
        )
        .unwrap_err();
        assert!(f.retryable && !f.refused, "{f:?}");
        let evil = parse_answer(Provider::Aliyun, 400, "{\"Code\":\"Bad\\u001b[31m\\nInjected\",\"Message\":\"a\\nb\\u0000c\",\"RequestId\":\"r\\r\\nX-Forged: 1\"}").unwrap_err();
        assert_eq!(evil.code, "Bad?[31m?Injected");
        assert_eq!(evil.message, "a\nb?c");
        assert_eq!(evil.request_id.as_deref(), Some("r??X-Forged: 1"));
    }
}
