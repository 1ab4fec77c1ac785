//! Forward mode: `/forward/{host}/…` passes a request signed for an official cloud host through
//! to that host unchanged, so that a browser console can reach the clouds despite CORS. Only the
//! official hosts are allowed (no open proxy), and nothing of the request is stored.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::json;

use crate::App;

/// Whether `host` is an official API host of one of the clouds (their profiles list them).
pub fn allowed(host: &str) -> bool {
    liveops::catalog::Provider::ALL
        .iter()
        .any(|p| p.profile().official_hosts.contains(&host))
}

/// Request headers that belong to the browser's hop, not to the signed request.
const DROPPED: &[&str] = &[
    "host",
    "connection",
    "content-length",
    "origin",
    "referer",
    "cookie",
    "accept-encoding",
    "transfer-encoding",
    "keep-alive",
    "upgrade",
    "te",
    "trailer",
    "proxy-authorization",
];

/// Answer headers worth passing back.
const KEPT: &[&str] = &[
    "content-type",
    "date",
    "retry-after",
    "x-acs-retry-after",
    "x-request-id",
    "x-acs-request-id",
    "x-tc-requestid",
];

fn refuse(status: u16, message: &str) -> Response {
    let mut res = Response::new(Body::from(json!({ "Message": message }).to_string()));
    *res.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::FORBIDDEN);
    res.headers_mut()
        .insert("content-type", HeaderValue::from_static("application/json"));
    res
}

pub async fn forward(
    State(app): State<Arc<App>>,
    Path(rest): Path<String>,
    req: Request,
) -> Response {
    let started = Instant::now();
    if !app.config.forward {
        return refuse(404, "forwarding is off: start the emulator with --forward");
    }
    let (host, path) = rest.split_once('/').unwrap_or((rest.as_str(), ""));
    if !allowed(host) {
        return refuse(403, "only the official API hosts of Volcengine Live, Tencent Cloud Live and Alibaba Cloud ESA can be reached");
    }
    let base = app
        .config
        .forward_upstream
        .clone()
        .unwrap_or_else(|| format!("https://{host}"));
    let mut url = format!("{base}/{path}");
    if let Some(q) = req.uri().query() {
        url.push('?');
        url.push_str(q);
    }
    let method = req.method().clone();
    let mut headers = reqwest::header::HeaderMap::new();
    for (name, value) in req.headers() {
        let n = name.as_str();
        if DROPPED.contains(&n) || n.starts_with("sec-") || n.starts_with("access-control-") {
            continue;
        }
        headers.append(name.clone(), value.clone());
    }
    if let Ok(h) = HeaderValue::from_str(host) {
        headers.insert("host", h);
    }
    let body = match axum::body::to_bytes(req.into_body(), 4 << 20).await {
        Ok(b) => b,
        Err(_) => return refuse(413, "the body is too large"),
    };
    let upstream = app
        .http
        .request(method, &url)
        .headers(headers)
        .body(body)
        .send()
        .await;
    let res = match upstream {
        Ok(r) => r,
        // No connection was made: the cloud never saw the request, a client may send it again.
        Err(e) if e.is_connect() => {
            app.log("forward", host, 502, "UpstreamUnreachable", started);
            return unforwarded(
                502,
                NOT_SENT,
                "the cloud could not be reached; the request was not sent",
            );
        }
        Err(_) => {
            app.log("forward", host, 504, "UpstreamNoAnswer", started);
            return unforwarded(504, SENT, "the request was sent to the cloud but no answer came: it may have been carried out");
        }
    };
    let status = res.status().as_u16();
    let mut out = Response::builder().status(status);
    for (name, value) in res.headers() {
        if KEPT.contains(&name.as_str()) {
            out = out.header(name, value);
        }
    }
    let Ok(bytes) = res.bytes().await else {
        app.log("forward", host, 502, "UpstreamCut", started);
        return unforwarded(
            502,
            SENT,
            "the cloud's answer broke off: the request may have been carried out",
        );
    };
    app.log("forward", host, status, "", started);
    out.body(Body::from(bytes))
        .unwrap_or_else(|_| refuse(502, "bad upstream answer"))
}

/// `x-liveops-forward` on the forwarder's own failures: whether the request reached the cloud.
pub const FORWARD_HEADER: &str = "x-liveops-forward";
/// Nothing reached the cloud.
pub const NOT_SENT: &str = "not-sent";
/// The request reached (or may have reached) the cloud; its outcome is unknown.
pub const SENT: &str = "sent";

fn unforwarded(status: u16, sent: &'static str, message: &str) -> Response {
    let mut res = refuse(status, message);
    res.headers_mut()
        .insert(FORWARD_HEADER, HeaderValue::from_static(sent));
    res
}
