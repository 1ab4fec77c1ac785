//! Fault injection: server errors, throttling and `CommonErr` by the configured fractions, and
//! each cloud's throttling answer; answers that are not the cloud's JSON, and connections cut
//! after the server acted.

use axum::body::{Body, Bytes};
use axum::http::HeaderValue;
use axum::response::Response;

use crate::answer::{self, Answer, Ctx, Failure};
use crate::{App, Cloud};

/// Server errors, throttling and `CommonErr` by the configured fractions.
pub(crate) fn injected_failure(app: &App, cloud: Cloud, ctx: &Ctx) -> Option<Answer> {
    let f = &app.config.faults;
    if f.server_error > 0.0 && app.draw() < f.server_error {
        return Some(answer::error(cloud, ctx, internal_error(cloud)));
    }
    if f.throttle > 0.0 && app.draw() < f.throttle {
        return Some(throttled(cloud, ctx, 200));
    }
    if f.common_err > 0.0 && app.draw() < f.common_err {
        let failure = match cloud {
            Cloud::Volcengine => Failure::new(200, "CommonErr", "a transient error: retry"),
            _ => internal_error(cloud),
        };
        return Some(answer::error(cloud, ctx, failure));
    }
    None
}

fn internal_error(cloud: Cloud) -> Failure {
    match cloud {
        Cloud::Volcengine => Failure::new(500, "InternalError", "an internal error occurred"),
        Cloud::Tencent => Failure::new(200, "InternalError", "an internal error occurred"),
        Cloud::Aliyun => Failure::new(503, "ServiceUnavailable", "the service is unavailable"),
    }
}

/// Each cloud's throttling answer, with its retry hint. Volcengine documents no throttling code:
/// `FlowLimitExceeded` (ours) has the shape its clients retry on (`*FlowLimit*`, HTTP 429).
pub(crate) fn throttled(cloud: Cloud, ctx: &Ctx, wait_ms: u64) -> Answer {
    let mut a = match cloud {
        Cloud::Volcengine => answer::error(
            cloud,
            ctx,
            Failure::new(
                429,
                "FlowLimitExceeded",
                "request rate exceeds the limit of this account",
            ),
        ),
        Cloud::Tencent => answer::error(
            cloud,
            ctx,
            Failure::new(
                200,
                "RequestLimitExceeded",
                "request rate exceeds the limit of this account",
            ),
        ),
        Cloud::Aliyun => answer::error(
            cloud,
            ctx,
            Failure::new(400, "Throttling.User", "request was denied due to user flow control"),
        ),
    };
    match cloud {
        Cloud::Aliyun => a.headers.push(("x-acs-retry-after", wait_ms.to_string())),
        _ => a.headers.push(("retry-after", wait_ms.div_ceil(1000).max(1).to_string())),
    }
    a
}

pub(crate) fn malformed(app: &App) -> Response {
    let pick = app.draw();
    let (body, ct) = if pick < 0.34 {
        ("{\"ResponseMetadata\":{\"RequestId\":\"trunc", "application/json")
    } else if pick < 0.67 {
        ("<html><body>502 Bad Gateway</body></html>", "text/html")
    } else {
        ("", "application/json")
    };
    let mut res = Response::new(Body::from(body));
    res.headers_mut().insert("content-type", HeaderValue::from_static(ct));
    res
}

/// Headers, then a body that breaks off: the client loses the connection after the server acted.
pub(crate) fn dropped() -> Response {
    let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
        Ok(Bytes::from_static(b"{\"Resp")),
        Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "dropped by fault injection")),
    ];
    let mut res = Response::new(Body::from_stream(futures_util::stream::iter(chunks)));
    res.headers_mut().insert("content-type", HeaderValue::from_static("application/json"));
    res
}
