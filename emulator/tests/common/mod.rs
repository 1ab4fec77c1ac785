//! Test harness: an emulator on 127.0.0.1 in this process, and requests signed by the library.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use liveops::{sign, Credentials, KeyCache, Query, Scheme, SigningRequest};
use liveops_emulator::config::{DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY};
use liveops_emulator::{App, Config};
use serde_json::Value;

pub struct Emulator {
    pub base: String,
    pub host: String,
    pub app: Arc<App>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub fn quiet() -> Config {
    Config { quiet: true, listen: "127.0.0.1:0".parse().unwrap(), ..Config::default() }
}

/// No rate limits: for tests that send many requests and are not about throttling.
pub fn unlimited() -> Config {
    Config {
        rates: liveops_emulator::config::RateLimits { volcengine: 0.0, tencent: 0.0, aliyun: 0.0 },
        ..quiet()
    }
}

pub async fn start(config: Config) -> Emulator {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let host = listener.local_addr().unwrap().to_string();
    let app = App::new(config).unwrap();
    let serving = app.clone();
    let task = tokio::spawn(async move {
        let _ = liveops_emulator::serve(serving, listener).await;
    });
    Emulator { base: format!("http://{host}"), host, app, task }
}

pub fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as i64
}

/// A request as a client builds it before signing.
#[derive(Clone)]
pub struct Call {
    pub scheme: Scheme,
    pub method: &'static str,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub time_ms: i64,
    pub nonce: String,
    pub secret: String,
    pub access_key_id: String,
    /// The service the signature is scoped to, where the host does not tell it.
    pub service: Option<&'static str>,
}

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn base_call(scheme: Scheme) -> Call {
    Call {
        scheme,
        method: "POST",
        query: Vec::new(),
        headers: Vec::new(),
        body: Vec::new(),
        time_ms: now_ms(),
        nonce: format!("{:032x}", rand_nonce()),
        secret: DEMO_SECRET_ACCESS_KEY.into(),
        access_key_id: DEMO_ACCESS_KEY_ID.into(),
        service: None,
    }
}

fn rand_nonce() -> u128 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(1);
    ((now_ms() as u128) << 64) | N.fetch_add(1, Ordering::Relaxed) as u128
}

pub fn volc(action: &str, body: &Value) -> Call {
    Call {
        query: pairs(&[("Action", action), ("Version", "2023-01-01")]),
        headers: pairs(&[("Content-Type", "application/json")]),
        body: serde_json::to_vec(body).unwrap(),
        ..base_call(Scheme::Volcengine)
    }
}

pub fn tencent(action: &str, body: &Value) -> Call {
    Call {
        headers: pairs(&[
            ("Content-Type", "application/json"),
            ("X-TC-Action", action),
            ("X-TC-Version", "2018-08-01"),
        ]),
        body: serde_json::to_vec(body).unwrap(),
        ..base_call(Scheme::Tc3)
    }
}

pub fn aliyun(action: &str, params: &[(&str, &str)]) -> Call {
    Call {
        query: pairs(params),
        headers: pairs(&[("x-acs-action", action), ("x-acs-version", "2024-09-10")]),
        ..base_call(Scheme::Acs3)
    }
}

/// A call exactly as the library builds it for `op` (method, query, headers, body).
pub fn from_library(op: &liveops::catalog::Operation, payload: &Value) -> Call {
    let out = liveops::client::build_request(op, payload, None);
    let scheme = op.provider.profile().scheme;
    Call {
        method: out.method,
        query: out.query,
        headers: out.headers,
        body: out.body,
        service: op.product.map(|p| p.service),
        ..base_call(scheme)
    }
}

pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub json: Value,
}

impl Answer {
    /// The cloud's error code wherever its envelope keeps it ("" on success).
    pub fn code(&self) -> &str {
        self.json
            .pointer("/ResponseMetadata/Error/Code")
            .or_else(|| self.json.pointer("/Response/Error/Code"))
            .or_else(|| self.json.get("Code"))
            .and_then(Value::as_str)
            .unwrap_or("")
    }
}

/// Signs `call` for `host` and returns the URL and headers to send.
pub fn signed(call: &Call, host: &str) -> (String, Vec<(String, String)>) {
    let creds = Credentials::new(call.access_key_id.clone(), call.secret.clone(), None).unwrap();
    let req = SigningRequest {
        method: call.method,
        host,
        path: "/",
        query: Query::Pairs(&call.query),
        headers: &call.headers,
        body: &call.body,
        protocol: "http",
        region: None,
        service: call.service,
        signed_headers: None,
        time_ms: call.time_ms,
        nonce: Some(&call.nonce),
    };
    let s = sign(call.scheme, &creds, &req, &KeyCache::default()).unwrap();
    (s.url, s.headers.into_iter().filter(|(n, _)| n != "host").collect())
}

pub async fn send_raw(
    url: &str,
    headers: &[(String, String)],
    method: &str,
    body: Vec<u8>,
) -> Answer {
    let client = reqwest::Client::new();
    let mut rb = client.request(method.parse().unwrap(), url).body(body);
    for (n, v) in headers {
        rb = rb.header(n, v);
    }
    let res = rb.send().await.unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let text = res.text().await.unwrap();
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    Answer { status, headers, json }
}

pub async fn send(emu: &Emulator, call: &Call) -> Answer {
    let (url, headers) = signed(call, &emu.host);
    send_raw(&url, &headers, call.method, call.body.clone()).await
}

pub async fn state(emu: &Emulator) -> Value {
    let text =
        reqwest::get(format!("{}/_emulator/state", emu.base)).await.unwrap().text().await.unwrap();
    serde_json::from_str(&text).unwrap()
}
