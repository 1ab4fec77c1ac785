//! A local emulator of Volcengine Live, Tencent Cloud Live and Alibaba Cloud ESA, for the demo and
//! the tests: one port, the clouds told apart by their signature scheme and headers, every
//! signature verified, payloads validated with the library's own rule tables, state kept in
//! memory or in a file, rate limits and fault injection. (Forwarding to the real clouds is the
//! package's `liveops forward`.)

mod aliyun;
pub mod answer;
pub mod auth;
pub mod clouds;
pub mod config;
mod faults;
pub mod limits;
mod refusals;
pub mod state;
mod tencent;
mod ui;
mod volcengine;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State as AxumState};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{any, get};
use axum::Router;
use liveops::KeyCache;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use answer::{Answer, Ctx, Failure};
pub use config::Config;
use state::State;

/// Which cloud a request is for: the library's `Provider`, whose profile holds the cloud's facts.
pub use liveops::catalog::Provider as Cloud;

/// The cloud of a request: by signature scheme first, then by the cloud's own headers or query.
fn identify(headers: &HeaderMap, query: &str) -> Option<Cloud> {
    let auth = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or("");
    let signed_by = |c: Cloud| auth.starts_with(c.profile().scheme.algorithm());
    // TC3-HMAC-SHA256 and ACS3-HMAC-SHA256 both end in HMAC-SHA256: the longer names first.
    if signed_by(Cloud::Tencent) || headers.contains_key("x-tc-action") {
        Some(Cloud::Tencent)
    } else if signed_by(Cloud::Aliyun) || headers.contains_key("x-acs-action") {
        Some(Cloud::Aliyun)
    } else if signed_by(Cloud::Volcengine)
        || form_urlencoded::parse(query.as_bytes()).any(|(k, _)| k == "Action")
    {
        Some(Cloud::Volcengine)
    } else {
        None
    }
}

/// Everything a request handler shares.
pub struct App {
    pub config: Config,
    pub state: Mutex<State>,
    buckets: Mutex<limits::Buckets>,
    nonces: Mutex<limits::Nonces>,
    rng: Mutex<StdRng>,
    keys: KeyCache,
    /// Numbers the state snapshots, and the newest written.
    versions: std::sync::atomic::AtomicU64,
    written: Mutex<u64>,
}

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// Client-supplied text as it may go into a log line: no control characters (no forged lines,
/// no terminal escapes), no spaces (fields stay apart), at most 64 characters.
pub fn log_safe(text: &str) -> String {
    let mut out: String = text
        .chars()
        .take(64)
        .flat_map(|c| match c {
            ' ' => "\\x20".chars().collect::<Vec<_>>(),
            c if c.is_ascii_graphic() && c != '\\' => vec![c],
            c => c.escape_default().collect(),
        })
        .collect();
    if text.chars().nth(64).is_some() {
        out.push('…');
    }
    if out.is_empty() {
        out.push('-');
    }
    out
}

/// One request's log line: cloud, action, status, code, time. Every field but the status and
/// the time may come from the client and is made log-safe.
pub fn log_line(cloud: &str, action: &str, status: u16, code: &str, ms: f64) -> String {
    format!("{} {} {status} {} {ms:.1}ms", log_safe(cloud), log_safe(action), log_safe(code))
}

impl App {
    pub fn new(config: Config) -> Result<Arc<App>, String> {
        let now = now_ms() / 1000;
        let state = match (config.estate, &config.state_file) {
            (Some(n), None) => State::generated(n, now),
            (Some(_), Some(_)) => return Err("--estate and --state cannot be used together".into()),
            (None, path) => State::load_or_seed(path.as_deref(), now)?,
        };
        let rng = match config.faults.seed {
            Some(seed) => StdRng::seed_from_u64(seed),
            None => StdRng::from_os_rng(),
        };
        Ok(Arc::new(App {
            config,
            state: Mutex::new(state),
            buckets: Mutex::default(),
            nonces: Mutex::default(),
            rng: Mutex::new(rng),
            keys: KeyCache::default(),
            versions: std::sync::atomic::AtomicU64::new(0),
            written: Mutex::new(0),
        }))
    }

    fn request_id(&self) -> String {
        let mut rng = self.rng.lock().unwrap_or_else(|e| e.into_inner());
        let a: u64 = rng.random();
        let b: u64 = rng.random();
        format!(
            "{:08X}-{:04X}-{:04X}-{:04X}-{:012X}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xffff,
            b >> 48,
            b & 0xffff_ffff_ffff
        )
    }

    fn draw(&self) -> f64 {
        self.rng.lock().unwrap_or_else(|e| e.into_inner()).random::<f64>()
    }

    fn log(&self, cloud: &str, action: &str, status: u16, code: &str, started: Instant) {
        if !self.config.quiet {
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            let code = if code.is_empty() { "-" } else { code };
            println!("{}", log_line(cloud, action, status, code, ms));
        }
    }

    /// A numbered copy of the state to write, taken under the state's lock (cheap); the write
    /// itself happens after the lock is released (`write_state`).
    fn snapshot(&self, state: &State) -> Option<(u64, Vec<u8>)> {
        self.config.state_file.as_ref()?;
        let version = self.versions.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        serde_json::to_vec_pretty(state).ok().map(|b| (version, b))
    }

    /// Writes a snapshot unless a newer one was written already (writes may finish out of order).
    fn write_state(&self, (version, bytes): (u64, Vec<u8>)) {
        let Some(path) = &self.config.state_file else {
            return;
        };
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        if *written >= version {
            return;
        }
        match state::write_atomically(path, &bytes) {
            Ok(()) => *written = version,
            Err(e) => eprintln!("state file {}: {e}", path.display()),
        }
    }
}

/// The router: the API at `/`, the state at `/_emulator/state`,
/// the package at `/pkg/`, the admin UI everywhere else; CORS on everything.
pub fn router(app: Arc<App>) -> Router {
    let pkg = tower_http::services::ServeDir::new(&app.config.pkg_dir);
    let compressed = || tower_http::compression::CompressionLayer::new().gzip(true).br(true);
    Router::new()
        .route("/", any(root))
        .route("/_emulator/state", get(state_dump))
        .route("/_emulator/health", get(|| async { "ok" }))
        .route(
            "/_emulator/demo.js",
            get(|| async { ([("content-type", "text/javascript")], ui::DEMO_JS) }),
        )
        .nest_service("/pkg", tower::ServiceBuilder::new().layer(compressed()).service(pkg))
        .fallback_service(
            tower::ServiceBuilder::new()
                .layer(compressed())
                .layer(middleware::from_fn(ui::cache_policy))
                .service(ui::service(&app.config)),
        )
        .layer(middleware::from_fn(html_policy))
        .layer(cors_layer())
        .layer(middleware::from_fn(cors_defaults))
        .with_state(app)
}

/// The most connections served at once; more are closed as they arrive.
pub const MAX_CONNECTIONS: usize = 512;

/// Serves until the process ends: a connection cap, header and body timeouts, so that half-sent
/// requests and idle connections cannot hold the emulator.
pub async fn serve(app: Arc<App>, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    let header_timeout = app.config.header_timeout;
    let service = router(app.clone())
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(app.config.body_timeout));
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of descriptors or a reset before accept: wait a little, keep serving.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let service = hyper_util::service::TowerToHyperService::new(service.clone());
        tokio::spawn(async move {
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(hyper_util::rt::TokioTimer::new()).header_read_timeout(header_timeout);
            let io = hyper_util::rt::TokioIo::new(stream);
            let _ = http.serve_connection(io, service).await;
            drop(slot);
        });
    }
}

/// Answer headers a browser page may read.
const EXPOSED: [&str; 7] = [
    "Date",
    "Retry-After",
    "x-acs-retry-after",
    "X-Request-Id",
    "x-acs-request-id",
    "X-Tc-Requestid",
    "x-liveops-rule",
];

/// Browsers may call from any origin (keys are the caller's own): tower-http's `CorsLayer`
/// answers preflights and sets the headers, mirroring the page's origin and requested headers.
fn cors_layer() -> tower_http::cors::CorsLayer {
    use tower_http::cors::{AllowHeaders, AllowOrigin, CorsLayer};
    CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers(AllowHeaders::mirror_request())
        .expose_headers(
            EXPOSED
                .iter()
                .filter_map(|h| axum::http::HeaderName::from_bytes(h.as_bytes()).ok())
                .collect::<Vec<_>>(),
        )
        .max_age(Duration::from_secs(600))
}

/// A preflight needs no body: 204, as the clouds' gateways answer it; and an answer to a client
/// that sent no `Origin` (a script, an SDK) may be read by anyone.
async fn cors_defaults(req: Request, next: Next) -> Response {
    let preflight = req.method() == Method::OPTIONS;
    let mut res = next.run(req).await;
    if preflight && res.status() == StatusCode::OK {
        *res.status_mut() = StatusCode::NO_CONTENT;
    }
    let h = res.headers_mut();
    h.entry("access-control-allow-origin").or_insert(HeaderValue::from_static("*"));
    // The same list as the layer's, in the headers' usual spelling.
    if let Ok(exposed) = HeaderValue::from_str(&EXPOSED.join(", ")) {
        h.insert("access-control-expose-headers", exposed);
    }
    res
}

/// Every HTML answer, however it is served (`/`, `/index.html`, a fallback), carries the CSP.
async fn html_policy(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let html = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html {
        let h = res.headers_mut();
        h.insert("content-security-policy", HeaderValue::from_static(ui::CSP));
        h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    }
    res
}

async fn state_dump(AxumState(app): AxumState<Arc<App>>) -> Response {
    let state = app.state.lock().unwrap_or_else(|e| e.into_inner());
    json_response(200, &state.redacted(), &[])
}

fn json_response(status: u16, body: &Value, headers: &[(&'static str, String)]) -> Response {
    let mut res = Response::new(Body::from(body.to_string()));
    *res.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = res.headers_mut();
    h.insert("content-type", HeaderValue::from_static("application/json; charset=utf-8"));
    for (name, value) in headers {
        if let Ok(v) = HeaderValue::from_str(value) {
            h.insert(*name, v);
        }
    }
    res
}

/// `/`: an API call when it carries a cloud's headers, else the admin UI.
async fn root(AxumState(app): AxumState<Arc<App>>, req: Request) -> Response {
    let query = req.uri().query().unwrap_or("").to_string();
    match identify(req.headers(), &query) {
        Some(cloud) => api(app, cloud, req).await,
        None if req.method() == Method::GET => ui::index(&app.config).await,
        None => json_response(
            400,
            &json!({ "Message": "not a Volcengine, Tencent Cloud or Alibaba Cloud request" }),
            &[],
        ),
    }
}

/// Bodies above this are refused (every operation's payload is far smaller).
const MAX_BODY: usize = 4 << 20;

async fn api(app: Arc<App>, cloud: Cloud, req: Request) -> Response {
    let started = Instant::now();
    let (parts, body) = req.into_parts();
    let query = parts.uri.query().unwrap_or("").to_string();
    let header =
        |n: &str| parts.headers.get(n).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let params: Vec<(String, String)> =
        form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let param =
        |n: &str| params.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone()).unwrap_or_default();
    let (action, version) = match cloud {
        Cloud::Volcengine => (param("Action"), param("Version")),
        Cloud::Tencent => (header("x-tc-action"), header("x-tc-version")),
        Cloud::Aliyun => (header("x-acs-action"), header("x-acs-version")),
    };
    let ctx = Ctx { request_id: app.request_id(), action: action.clone(), version };
    let body = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(_) => {
            let a = answer::error(
                cloud,
                &ctx,
                Failure::new(413, "RequestTooLarge", "the body is too large"),
            );
            return finish(&app, cloud, &ctx, a, started);
        }
    };

    // The cloud's round trip, when one is set: every API answer waits for it.
    if app.config.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(app.config.latency_ms)).await;
    }
    // Faults that strike before the request is looked at.
    let faults = app.config.faults.clone();
    if faults.slow > 0.0 && app.draw() < faults.slow {
        tokio::time::sleep(Duration::from_millis(faults.slow_ms)).await;
    }
    if let Some(answer) = faults::injected_failure(&app, cloud, &ctx) {
        return finish(&app, cloud, &ctx, answer, started);
    }
    if faults.malformed > 0.0 && app.draw() < faults.malformed {
        app.log(cloud.as_str(), &action, 200, "(malformed)", started);
        return faults::malformed(&app);
    }

    let answer = handle(&app, cloud, &ctx, &parts, &query, &params, &body);
    if faults.drop > 0.0 && app.draw() < faults.drop {
        app.log(cloud.as_str(), &action, answer.status, "(dropped)", started);
        return faults::dropped();
    }
    finish(&app, cloud, &ctx, answer, started)
}

fn finish(app: &App, cloud: Cloud, ctx: &Ctx, answer: Answer, started: Instant) -> Response {
    app.log(cloud.as_str(), &ctx.action, answer.status, &answer.code, started);
    let mut res = json_response(answer.status, &answer.body, &answer.headers);
    res.headers_mut().insert("content-type", HeaderValue::from_static(cloud.answer_content_type()));
    res
}

/// Verification, rate limit, validation and the operation itself.
fn handle(
    app: &App,
    cloud: Cloud,
    ctx: &Ctx,
    parts: &axum::http::request::Parts,
    query: &str,
    params: &[(String, String)],
    body: &Bytes,
) -> Answer {
    let headers: Vec<(String, String)> = header_pairs(&parts.headers);
    let host = parts.headers.get("host").and_then(|v| v.to_str().ok()).unwrap_or("");
    let incoming = auth::Incoming {
        method: parts.method.as_str(),
        host,
        path: parts.uri.path(),
        raw_query: query,
        headers: &headers,
        body,
    };
    let keys = auth::Keys {
        access_key_id: &app.config.access_key_id,
        secret_access_key: app.config.secret_access_key.expose(),
    };
    let now = now_ms();
    let verified = auth::verify(cloud, &incoming, &keys, now, &app.keys, |nonce, expires| {
        app.nonces.lock().unwrap_or_else(|e| e.into_inner()).first_use(nonce, now, expires)
    });
    let caller = match verified {
        Ok(v) => v,
        Err(e) => return answer::error(cloud, ctx, refusals::auth_failure(cloud, &e)),
    };

    let rate = match cloud {
        Cloud::Volcengine => app.config.rates.volcengine,
        Cloud::Tencent => app.config.rates.tencent,
        Cloud::Aliyun => app.config.rates.aliyun,
    };
    let bucket = liveops::client::rate::bucket_key(cloud, &caller.access_key_id);
    if let Err(wait) =
        app.buckets.lock().unwrap_or_else(|e| e.into_inner()).take(&bucket, rate, now)
    {
        return faults::throttled(cloud, ctx, wait);
    }

    if cloud == Cloud::Volcengine && (ctx.action.is_empty() || ctx.version.is_empty()) {
        return answer::error(
            cloud,
            ctx,
            Failure::gateway(
                400,
                "MissingParameter",
                100002,
                "Action and Version are required in the query",
            ),
        );
    }
    let op = match clouds::operation(cloud, &ctx.action, &ctx.version, app.config.contract) {
        Ok(op) => op,
        Err(f) => return answer::error(cloud, ctx, f),
    };
    // A signature scoped to another of the cloud's services (an SSL operation signed for `live`)
    // cannot be the cloud's; an SDK pointed at a local address scopes to what the address gives
    // (`127`), and that is accepted as any local endpoint's.
    if let Some(signed) = caller.service.as_deref() {
        let wanted = clouds::signing_service(op);
        if signed != wanted && clouds::is_service_of(cloud, signed) {
            let f = refusals::wrong_service(cloud, signed, wanted);
            return answer::error(cloud, ctx, f);
        }
    }
    let payload = match payload(cloud, op, params, body) {
        Ok(p) => p,
        Err(f) => return answer::error(cloud, ctx, f),
    };
    if let Err((f, rule)) = clouds::validate(cloud, op, &payload) {
        // Which rule of the library's table refused it: a debugging aid for clients.
        let mut a = answer::error(cloud, ctx, f);
        a.headers.push(("x-liveops-rule", rule));
        return a;
    }
    let (answer, snapshot) = {
        let mut state = app.state.lock().unwrap_or_else(|e| e.into_inner());
        let answer = clouds::apply(
            cloud,
            ctx,
            op,
            &payload,
            &mut state,
            now / 1000,
            app.config.max_page_size,
        );
        let snapshot = answer.changed.then(|| app.snapshot(&state)).flatten();
        (answer, snapshot)
    };
    if let Some(snapshot) = snapshot {
        app.write_state(snapshot);
    }
    answer
}

/// RPC parameters arrive as text: booleans become booleans and fields sent as JSON text
/// (`TagFilter`) their value again, as the declaration types them; anything unreadable stays
/// text, for validation to refuse.
fn typed(op: &liveops::catalog::Operation, mut payload: Value) -> Value {
    use liveops::catalog::{Check, Kind};
    let Some(obj) = payload.as_object_mut() else {
        return payload;
    };
    for rule in op.rules {
        let Check::Type(kind) = rule.check else {
            continue;
        };
        let Some(Value::String(text)) = obj.get(rule.path) else {
            continue;
        };
        let value = match kind {
            // The official Python SDK writes Python's own `True`/`False`.
            Kind::Boolean if text.eq_ignore_ascii_case("true") => Some(Value::Bool(true)),
            Kind::Boolean if text.eq_ignore_ascii_case("false") => Some(Value::Bool(false)),
            Kind::Array | Kind::Object => serde_json::from_str(text).ok(),
            _ => None,
        };
        if let Some(v) = value {
            obj.insert(rule.path.to_string(), v);
        }
    }
    payload
}

/// Lowercase names; repeated headers joined with `, ` as HTTP allows.
fn header_pairs(map: &HeaderMap) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (name, value) in map {
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        match out.iter_mut().find(|(n, _)| n == name.as_str()) {
            Some((_, v)) => {
                v.push_str(", ");
                v.push_str(&value);
            }
            None => out.push((name.as_str().to_string(), value)),
        }
    }
    out
}

/// The payload where the operation's declaration places it: a JSON body, the query (RPC style),
/// or a form body; RPC parameters arrive as text.
fn payload(
    cloud: Cloud,
    op: &liveops::catalog::Operation,
    params: &[(String, String)],
    body: &Bytes,
) -> Result<Value, Failure> {
    use liveops::catalog::Placement;
    let texts = |pairs: Vec<(String, String)>| {
        Value::Object(pairs.into_iter().map(|(k, v)| (k, Value::String(v))).collect())
    };
    match op.placement {
        Placement::Query { .. } => Ok(typed(op, texts(params.to_vec()))),
        Placement::FormBody { .. } => {
            let mut pairs: Vec<(String, String)> =
                form_urlencoded::parse(body).into_owned().collect();
            pairs.extend(params.iter().cloned());
            Ok(typed(op, texts(pairs)))
        }
        Placement::JsonBody if body.is_empty() => Ok(json!({})),
        Placement::JsonBody => serde_json::from_slice(body).map_err(|_| {
            let (status, code) = match cloud {
                Cloud::Tencent => (200, "InvalidParameter"),
                _ => (400, "InvalidParam"),
            };
            Failure::new(status, code, "the request body is not valid JSON")
        }),
    }
}
