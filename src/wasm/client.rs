//! `VolcengineLive`, `TencentLive`, `AliyunEsa`: validate, sign, pace, send with fetch
//! (gloo-net), read the answer, retry where safe. The decisions are the core's (`crate::client`);
//! this module only moves values between them and JavaScript.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use gloo_net::http::{Method, RequestBuilder};
use js_sys::{Function, Reflect, Uint8Array};
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::error::ErrorName;
use wasm_bindgen_futures::future_to_promise;
use web_sys::AbortSignal;
use web_sys::{RequestRedirect, ResponseType};

use super::error::{config_error, error_with};
use super::input::{empty_object, field, is_options_object, opt_number, opt_string, req_string};
use super::sign::{random_nonce, KEY_CACHE};
use super::timers::{now_ms, sleep, Cut, Deadline};
use super::validate::{checked_payload, locale_of};
use crate::catalog::{Operation, Provider};
use crate::client::rate::plan;
use crate::client::retry::retry_after_ms;
use crate::client::{
    build_request, Attempts, Endpoint, FinalError, Next, Outcome, RetryPolicy, Secrets, SkewClock,
    TokenBucket,
};
use crate::credentials::Credentials;
use crate::sign::{sign, Query, Scheme, SigningRequest};
use crate::validate::{Locale, Report};

thread_local! {
    /// One bucket per provider and access key, shared by every client of this page or process.
    static BUCKETS: RefCell<HashMap<String, TokenBucket>> = RefCell::new(HashMap::new());
}

// What no model gives: an interface that extends `Error` (a model declares only its own fields,
// here `ConfigErrorFields` and `LiveopsErrorFields`; `name` narrows Error's, which only an
// interface of its own can).
#[wasm_bindgen(typescript_custom_section)]
const TS_CLIENT: &'static str = concat!(
    r#"
/** An option (or argument) that cannot be honoured: thrown by constructors and `runBatch`. */
export interface ConfigError extends Error, ConfigErrorFields {
  name: "ConfigError";
}

/** Every failure of a client call is an `Error` with these fields. */
export interface LiveopsError extends Error, LiveopsErrorFields {
  name: "#,
    crate::error::ts_error_names!(),
    r#";
}

"#
);

// The options of a client's constructor, as read: the defaults filled in.
#[derive(tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ClientOptions {
    pub access_key_id: String,
    pub secret_access_key: String,
    /// STS token of temporary credentials.
    #[tsify(optional)]
    pub session_token: Option<String>,
    /// Replaces the cloud's scheme, host and port: `http://127.0.0.1:8787` (the emulator, a test
    /// server). With a path, a forwarding server: `http://127.0.0.1:8787/forward/live.volcengineapi.com`
    /// (requests are then signed for the host the path ends with).
    #[tsify(optional)]
    pub endpoint: Option<String>,
    /// Volcengine signing region (default cn-north-1); Tencent X-TC-Region; Alibaba ESA host region (default cn-hangzhou).
    #[tsify(optional)]
    pub region: Option<String>,
    /// The cloud's site: `cn` (default) or `intl`, the international site (Tencent
    /// `live.intl.tencentcloudapi.com` and `ssl.intl.tencentcloudapi.com`, ESA
    /// `esa.ap-southeast-1.aliyuncs.com`). Volcengine has none here: `intl` is a `ConfigError`.
    #[tsify(optional, type = "\"cn\" | \"intl\"")]
    pub site: crate::catalog::Site,
    /// Retries of retryable failures (default 3).
    #[tsify(optional)]
    pub max_retries: u32,
    /// Milliseconds per attempt, the whole answer included (default 10000).
    #[tsify(optional)]
    pub timeout: f64,
    /// The longest answer body read, in bytes (default 8388608, 8 MiB; 1024 to 268435456). A longer
    /// answer stops being read there and the call fails with `ApiError` `AnswerTooLarge` (for a call
    /// that is not idempotent, `OutcomeUnknown`).
    #[tsify(optional)]
    pub max_answer_bytes: usize,
    /// Requests per second for this access key, shared by all its clients (default: Volcengine 10, Tencent 20, Alibaba 20; 0: none).
    #[tsify(optional)]
    pub rate_limit: Option<f64>,
    /// Rule set of operations that changed: `2023-10` (default) or `2025-09` (Volcengine UpdateAuthKey of 2025-09-29).
    #[tsify(optional, type = "Contract")]
    pub contract: crate::catalog::Contract,
    /// Called before each attempt with what was signed (never a secret).
    #[tsify(optional, type = "(info: DebugInfo) => void")]
    pub debug: Option<Function>,
}

/// Per-call options. A bare `AbortSignal` may be passed in their place (it is taken as
/// `{ signal }`); anything else that is not an object rejects with a `ConfigError`.
#[derive(tsify::Tsify)]
pub struct CallOptions {
    /// Aborts the call, including a pending retry or rate-limit wait.
    #[tsify(optional, type = "AbortSignal")]
    pub signal: Option<AbortSignal>,
    /// The language of a ValidationError's messages (default "en").
    #[tsify(optional, type = "Locale")]
    pub locale: Locale,
}

#[derive(tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PreviewOptions {
    /// Show secret fields of the body (`SecretKey`, `CertificatePrivateKey`) instead of `***`.
    #[tsify(optional)]
    pub reveal_secrets: bool,
}

/// The fields of every failure of a client call, besides `name` and `message` (`LiveopsError`).
#[derive(serde::Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct LiveopsErrorFields<'a> {
    #[tsify(type = "Provider")]
    pub provider: &'a str,
    #[tsify(type = "Action")]
    pub action: Option<&'a str>,
    /// The cloud's code (`SignatureDoesNotMatch`, `RequestLimitExceeded`…) or ours (`NetworkError`, `NotForwarded`, `Timeout`, `Aborted`, `OutcomeUnknown`, `MalformedAnswer`, `HttpError`, `Redirected`).
    pub code: &'a str,
    pub request_id: Option<&'a str>,
    pub http_status: Option<u16>,
    /// Whether trying again later may succeed.
    pub retryable: bool,
    /// ValidationError: the full report.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(type = "ValidationReport")]
    pub report: Option<&'a Report>,
}

/// The longest answer body a client reads by default: 8 MiB, far above any page of the catalog's
/// operations (a page of 1000 Volcengine domains is about 1 MB).
const DEFAULT_MAX_ANSWER_BYTES: f64 = 8.0 * 1024.0 * 1024.0;
/// The most `maxAnswerBytes` may be (256 MiB).
const MAX_ANSWER_BYTES: f64 = 256.0 * 1024.0 * 1024.0;

/// The longest per-attempt timeout a client accepts (10 minutes).
const MAX_TIMEOUT_MS: f64 = 600_000.0;

/// What every client holds. Secrets live in `Credentials` (redacted, zeroed on drop).
struct ClientCore {
    provider: Provider,
    /// The rule set of operations that changed (UpdateAuthKey 2025-09).
    contract: crate::catalog::Contract,
    creds: Credentials,
    endpoint: Endpoint,
    /// The cloud's own host (where no endpoint replaces it).
    cloud_host: String,
    /// China or the international site: which host a product's operations go to.
    site: crate::catalog::Site,
    region: Option<String>,
    policy: RetryPolicy,
    timeout_ms: f64,
    /// The longest answer body read, in bytes (`maxAnswerBytes`).
    max_answer_bytes: usize,
    /// The client's own `rateLimit`, if it set one (else each operation's or the cloud's rate).
    rate: Option<f64>,
    debug: Option<Function>,
    /// Server clock minus local clock, learnt from a time-skew answer (bounded, never sticky).
    skew: Cell<SkewClock>,
}

impl Drop for ClientCore {
    /// A client that goes (`free()`, `using`, or collected) takes its derived keys with it.
    fn drop(&mut self) {
        KEY_CACHE.with(|cache| cache.forget(&self.creds.secret_access_key));
    }
}

/// A numeric option: absent gives `default`; present must be a number `ok` accepts, else a
/// `ConfigError` naming the option and what it takes.
fn number_option(
    options: &JsValue,
    name: &'static str,
    default: f64,
    ok: fn(f64) -> bool,
    expected: &str,
) -> Result<f64, JsValue> {
    let refuse =
        || config_error("InvalidOption", &format!("option {name} must be {expected}"), name);
    match opt_number(options, name) {
        Ok(None) => Ok(default),
        Ok(Some(n)) if ok(n) => Ok(n),
        _ => Err(refuse()),
    }
}

impl ClientOptions {
    /// Reads a constructor's options; what cannot be honoured is a `ConfigError` naming the
    /// option and what it takes.
    fn read(options: &JsValue) -> Result<ClientOptions, JsValue> {
        if !is_options_object(options) {
            return Err(config_error(
                "InvalidInput",
                "options must be an object with accessKeyId and secretAccessKey",
                "options",
            ));
        }
        let access_key_id = req_string(options, "accessKeyId").map_err(option_error)?;
        let secret_access_key = req_string(options, "secretAccessKey").map_err(option_error)?;
        let session_token = opt_string(options, "sessionToken").map_err(option_error)?;
        let region = opt_string(options, "region").map_err(option_error)?;
        let site = match opt_string(options, "site").map_err(option_error)?.as_deref() {
            None => crate::catalog::Site::Cn,
            Some(s) => crate::catalog::Site::parse(s).ok_or_else(|| {
                config_error("InvalidOption", "option site must be \"cn\" or \"intl\"", "site")
            })?,
        };
        let endpoint = opt_string(options, "endpoint").map_err(option_error)?;
        let max_retries = number_option(
            options,
            "maxRetries",
            3.0,
            |n| (0.0..=20.0).contains(&n) && n.fract() == 0.0,
            "a whole number from 0 to 20",
        )? as u32;
        let timeout = number_option(
            options,
            "timeout",
            10_000.0,
            |n| (1.0..=MAX_TIMEOUT_MS).contains(&n),
            "milliseconds from 1 to 600000",
        )?;
        let max_answer_bytes = number_option(
            options,
            "maxAnswerBytes",
            DEFAULT_MAX_ANSWER_BYTES,
            |n| (1024.0..=MAX_ANSWER_BYTES).contains(&n) && n.fract() == 0.0,
            "a whole number of bytes from 1024 to 268435456",
        )? as usize;
        // A rate below one request in 1000 s would need waits longer than timers can hold.
        let rate_limit = match field(options, "rateLimit").map_err(option_error)? {
            None => None,
            Some(_) => Some(number_option(
                options,
                "rateLimit",
                0.0,
                |n| n == 0.0 || (0.001..=10_000.0).contains(&n),
                "0 (no limit) or requests per second from 0.001 to 10000",
            )?),
        };
        let debug = match field(options, "debug").map_err(option_error)? {
            None => None,
            Some(f) => Some(f.dyn_into::<Function>().map_err(|_| {
                config_error("InvalidOption", "option debug must be a function", "debug")
            })?),
        };
        let contract = super::validate::contract_of(options).ok_or_else(|| {
            config_error(
                "InvalidOption",
                "option contract must be \"2023-10\" or \"2025-09\"",
                "contract",
            )
        })?;
        Ok(ClientOptions {
            access_key_id,
            secret_access_key,
            session_token,
            endpoint,
            region,
            site,
            max_retries,
            timeout,
            max_answer_bytes,
            rate_limit,
            contract,
            debug,
        })
    }
}

/// A bad option (or credential) as a `ConfigError` naming it.
fn option_error(e: crate::error::SignError) -> JsValue {
    let option = match e {
        crate::error::SignError::MissingField(f) | crate::error::SignError::InvalidInput(f, _) => f,
        _ => "options",
    };
    config_error(e.code(), &e.to_string(), option)
}

impl ClientCore {
    fn from_options(provider: Provider, options: ClientOptions) -> Result<ClientCore, JsValue> {
        let creds = Credentials::new(
            options.access_key_id,
            options.secret_access_key,
            options.session_token,
        )
        .map_err(option_error)?;
        let region = options.region.filter(|r| !r.is_empty());
        let site = options.site;
        let cloud_host =
            provider.profile().site_host(site, region.as_deref()).ok_or_else(|| {
                config_error(
                    "InvalidOption",
                    &format!(
                        "{} has no international site here (site: \"intl\")",
                        provider.as_str()
                    ),
                    "site",
                )
            })?;
        let endpoint = Endpoint::parse(options.endpoint.as_deref(), &cloud_host)
            .map_err(|m| config_error("InvalidEndpoint", &m, "endpoint"))?;
        Ok(ClientCore {
            provider,
            contract: options.contract,
            creds,
            endpoint,
            cloud_host,
            site,
            region,
            policy: RetryPolicy { max_retries: options.max_retries, ..RetryPolicy::default() },
            timeout_ms: options.timeout,
            max_answer_bytes: options.max_answer_bytes,
            rate: options.rate_limit,
            debug: options.debug,
            skew: Cell::new(SkewClock::default()),
        })
    }

    fn scheme(&self) -> Scheme {
        self.provider.profile().scheme
    }

    /// Milliseconds to wait for this key's next turn at `op`.
    fn reserve(&self, op: &Operation) -> f64 {
        let (key, rate) = plan(op, &self.creds.access_key_id, self.rate);
        let now = now_ms();
        BUCKETS.with(|b| {
            let mut buckets = b.borrow_mut();
            let bucket = buckets.entry(key).or_insert_with(|| TokenBucket::new(rate, 1.0, now));
            if bucket.rate() != rate {
                bucket.set_rate(rate, 1.0);
            }
            bucket.reserve(now)
        })
    }

    fn refund(&self, op: &Operation) {
        let (key, _) = plan(op, &self.creds.access_key_id, self.rate);
        BUCKETS.with(|b| {
            if let Some(bucket) = b.borrow_mut().get_mut(&key) {
                bucket.refund();
            }
        });
    }
}

/// What a failure knows of the cloud's answer, if one came.
#[derive(Clone, Copy)]
struct Answered<'a> {
    request_id: Option<&'a str>,
    status: Option<u16>,
    retryable: bool,
}

const UNANSWERED: Answered<'static> = Answered { request_id: None, status: None, retryable: false };

/// The error fields every failure carries.
fn failure_error(
    name: ErrorName,
    code: &str,
    message: &str,
    core: &ClientCore,
    op: &Operation,
    answered: Answered<'_>,
) -> JsValue {
    failure_with(name, message, &failure_fields(code, core, op, answered))
}

fn failure_fields<'a>(
    code: &'a str,
    core: &ClientCore,
    op: &'a Operation,
    answered: Answered<'a>,
) -> LiveopsErrorFields<'a> {
    LiveopsErrorFields {
        provider: core.provider.as_str(),
        action: Some(op.action),
        code,
        request_id: answered.request_id,
        http_status: answered.status,
        retryable: answered.retryable,
        report: None,
    }
}

/// An `Error` named `name` carrying `fields` (a `LiveopsError`).
pub(super) fn failure_with(name: ErrorName, message: &str, fields: &LiveopsErrorFields) -> JsValue {
    error_with(name, message, &super::output::to_js(fields))
}

fn validation_error(core: &ClientCore, op: &Operation, report: &Report) -> JsValue {
    let first = report.errors.first();
    let code = first.map(|e| e.code.as_str()).unwrap_or("InvalidPayload");
    let mut message = match first {
        Some(e) if !e.path.is_empty() => format!("{}: {}", e.path, e.message),
        Some(e) => e.message.clone(),
        None => "invalid payload".into(),
    };
    if report.errors.len() > 1 {
        message.push_str(&format!(" (and {} more)", report.errors.len() - 1));
    }
    let fields =
        LiveopsErrorFields { report: Some(report), ..failure_fields(code, core, op, UNANSWERED) };
    failure_with(ErrorName::Validation, &message, &fields)
}

fn abort_error(core: &ClientCore, op: &Operation) -> JsValue {
    failure_error(ErrorName::Abort, "Aborted", "the call was aborted", core, op, UNANSWERED)
}

/// An answer that arrived: status, the headers the client uses, and the body.
struct Arrived {
    status: u16,
    date: Option<String>,
    retry_after_ms: Option<f64>,
    body: String,
}

/// Why no answer could be read, or the answer that must not be read as one.
enum Unanswered {
    /// The attempt's controller was cut (by the deadline, the caller) or the network failed.
    Cut(Cut),
    /// A redirect (`None`: the runtime hides its status, as browsers do).
    Redirect(Option<u16>),
    /// A forwarding server says it could not reach the cloud: nothing was sent there.
    NotForwarded,
    /// An answer (this HTTP status) longer than the client's `maxAnswerBytes`.
    TooLarge(u16),
}

/// The forwarding server's word on a failure of its own (`x-liveops-forward`): `not-sent` when
/// it could not connect to the cloud, `sent` when the request may have reached it.
const FORWARD_HEADER: &str = "x-liveops-forward";

/// One attempt on the wire. Redirects are not followed: they would re-send the signed body and
/// the session token to wherever the server points.
async fn send_once(
    url: &str,
    method: &str,
    headers: &[(String, String)],
    body: &[u8],
    timeout_ms: f64,
    max_answer_bytes: usize,
    caller: Option<&AbortSignal>,
) -> Result<Arrived, Unanswered> {
    let deadline = Deadline::start(timeout_ms, caller).map_err(|_| Unanswered::Cut(Cut::None))?;
    let signal = deadline.signal();
    let method = if method == "GET" { Method::GET } else { Method::POST };
    let mut rb = RequestBuilder::new(url)
        .method(method)
        .redirect(RequestRedirect::Manual)
        .abort_signal(Some(&signal));
    for (name, value) in headers {
        // fetch sets Host from the URL; browsers refuse to let scripts set it.
        if name != "host" {
            rb = rb.header(name, value);
        }
    }
    let request = if body.is_empty() { rb.build() } else { rb.body(Uint8Array::from(body)) };
    let request = request.map_err(|_| Unanswered::Cut(deadline.cut()))?;
    let response = match request.send().await {
        Ok(r) => r,
        Err(_) => return Err(Unanswered::Cut(deadline.cut())),
    };
    let status = response.status();
    if response.type_() == ResponseType::Opaqueredirect {
        return Err(Unanswered::Redirect(None));
    }
    if (300..400).contains(&status) {
        return Err(Unanswered::Redirect(Some(status)));
    }
    let h = response.headers();
    if h.get(FORWARD_HEADER).as_deref() == Some("not-sent") {
        return Err(Unanswered::NotForwarded);
    }
    let date = h.get("date");
    let retry_after = retry_after_ms(
        h.get("x-acs-retry-after").as_deref(),
        h.get("retry-after").as_deref(),
        now_ms() as i64,
    );
    match read_body(&response, max_answer_bytes, &deadline).await {
        Ok(body) => Ok(Arrived { status, date, retry_after_ms: retry_after, body }),
        Err(BodyCut::TooLarge) => Err(Unanswered::TooLarge(status)),
        Err(BodyCut::Broken) => Err(Unanswered::Cut(deadline.cut())),
    }
}

/// Why an answer's body was not read to its end.
enum BodyCut {
    /// It passed the client's `maxAnswerBytes`: reading stopped there, the stream was cancelled.
    TooLarge,
    /// The stream broke off, or the attempt was cut (timer or caller).
    Broken,
}

/// Cancels a body stream. The promise `cancel()` returns rejects when the stream had already
/// failed (an abort errors it): that rejection is caught here, or Node would report it unhandled.
fn cancel_quietly(reader: &web_sys::ReadableStreamDefaultReader) {
    let ignore = Closure::once_into_js(|_: JsValue| {});
    let cancelled = reader.cancel();
    if let Ok(catch) = Reflect::get(&cancelled, &"catch".into()) {
        if let Some(catch) = catch.dyn_ref::<Function>() {
            let _ = catch.call1(&cancelled, &ignore);
        }
    }
}

/// The body, read chunk by chunk up to `limit` bytes, each read raced against the attempt's
/// deadline: an answer that never ends costs at most `limit` bytes of memory and the timeout.
async fn read_body(
    response: &gloo_net::http::Response,
    limit: usize,
    deadline: &Deadline,
) -> Result<String, BodyCut> {
    use futures_util::future::{select, Either};
    let Some(stream) = response.body() else {
        return Ok(String::new());
    };
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut bytes: Vec<u8> = Vec::new();
    let mut cut = deadline.when_cut();
    loop {
        let read = wasm_bindgen_futures::JsFuture::from(reader.read());
        let chunk = match select(read, &mut cut).await {
            Either::Left((Ok(chunk), _)) => chunk,
            Either::Left((Err(_), _)) | Either::Right(_) => {
                cancel_quietly(&reader);
                return Err(BodyCut::Broken);
            }
        };
        if Reflect::get(&chunk, &"done".into()).map(|d| d.is_truthy()).unwrap_or(true) {
            break;
        }
        let value = Reflect::get(&chunk, &"value".into()).unwrap_or(JsValue::UNDEFINED);
        let Some(part) = value.dyn_ref::<Uint8Array>() else {
            cancel_quietly(&reader);
            return Err(BodyCut::Broken);
        };
        let len = part.length() as usize;
        if bytes.len() + len > limit {
            // Cancelling tells the runtime to stop receiving: nothing more is buffered.
            cancel_quietly(&reader);
            return Err(BodyCut::TooLarge);
        }
        let start = bytes.len();
        bytes.resize(start + len, 0);
        part.copy_to(&mut bytes[start..]);
    }
    // As `Response.text()` decodes: invalid UTF-8 becomes U+FFFD.
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

fn redact(text: &str, token: Option<&str>) -> String {
    match token.filter(|t| !t.is_empty()) {
        Some(t) => text.replace(t, "***"),
        None => text.to_string(),
    }
}

/// What the `debug` callback is handed before each attempt (never a secret).
#[derive(serde::Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct DebugInfo<'a> {
    #[tsify(type = "Provider")]
    pub provider: &'a str,
    #[tsify(type = "Action")]
    pub action: &'a str,
    /// 1 for the first attempt.
    pub attempt: u32,
    pub method: &'a str,
    pub url: &'a str,
    /// The session token masked.
    pub canonical_request: String,
    pub string_to_sign: &'a str,
    pub authorization: &'a str,
}

fn report_debug(
    core: &ClientCore,
    op: &Operation,
    attempt: u32,
    url: &str,
    signed: &crate::sign::SignedRequest,
) {
    let Some(callback) = &core.debug else { return };
    let token = core.creds.session_token.as_ref().map(|t| t.expose());
    let info = super::output::to_js(&DebugInfo {
        provider: core.provider.as_str(),
        action: op.action,
        attempt,
        method: &signed.method,
        url,
        canonical_request: redact(&signed.canonical_request, token),
        string_to_sign: &signed.string_to_sign,
        authorization: &signed.authorization,
    });
    // A throwing callback must not break the call.
    let _ = callback.call1(&JsValue::NULL, &info);
}

/// Validate, then attempt until success, a final failure, or the caller aborts. What comes after
/// each attempt is the core's decision (`crate::client::Attempts`); this loop sends and waits.
async fn call(
    core: Rc<ClientCore>,
    op: &'static Operation,
    payload: JsValue,
    opts: JsValue,
) -> Result<JsValue, JsValue> {
    let CallOptions { signal, locale } = CallOptions::read(&opts, &core, op)?;
    if signal.as_ref().is_some_and(AbortSignal::aborted) {
        return Err(abort_error(&core, op));
    }
    let payload: Value =
        checked_payload(op, &payload, locale).map_err(|r| validation_error(&core, op, &r))?;
    let outgoing = build_request(op, &payload, core.region.as_deref());
    // What this call sent that must never come back: a server may quote it.
    let secrets = Secrets::of(op, &payload, &core.creds);
    let mut attempts = Attempts::new(op, core.policy, core.timeout_ms).for_payload(&payload);
    let mut attempt = 0u32;
    loop {
        attempt += 1;
        let wait = core.reserve(op);
        if wait > 0.0 && sleep(wait, signal.as_ref()).await.is_err() {
            core.refund(op);
            return Err(abort_error(&core, op));
        }
        let (signed, url) = sign_attempt(&core, op, &outgoing)?;
        report_debug(&core, op, attempt, &url, &signed);
        let sent = send_once(
            &url,
            &signed.method,
            &signed.headers,
            &outgoing.body,
            core.timeout_ms,
            core.max_answer_bytes,
            signal.as_ref(),
        )
        .await;
        let outcome = match &sent {
            Ok(a) => Outcome::Answered {
                status: a.status,
                date: a.date.as_deref(),
                retry_after_ms: a.retry_after_ms,
                body: &a.body,
            },
            Err(Unanswered::Cut(Cut::Caller)) => Outcome::AbortedInFlight,
            Err(Unanswered::Cut(Cut::Timeout)) => Outcome::TimedOut,
            Err(Unanswered::Cut(Cut::None)) => Outcome::NetworkFailed,
            Err(Unanswered::NotForwarded) => Outcome::NotForwarded,
            Err(Unanswered::TooLarge(status)) => {
                Outcome::TooLarge { status: *status, limit: core.max_answer_bytes }
            }
            Err(Unanswered::Redirect(status)) => Outcome::Redirected(*status),
        };
        let mut skew = core.skew.get();
        let next = attempts.after(outcome, &mut skew, now_ms() as i64, js_sys::Math::random());
        core.skew.set(skew);
        match next {
            Next::Done(mut result) => {
                crate::catalog::mask_answer(op, &mut result);
                secrets.scrub_value(&mut result);
                return Ok(super::output::to_js(&result));
            }
            Next::SignAgain => {}
            Next::RetryAfter(delay_ms) => {
                if sleep(delay_ms, signal.as_ref()).await.is_err() {
                    return Err(abort_error(&core, op));
                }
            }
            Next::Aborted => return Err(abort_error(&core, op)),
            Next::Fail(mut e) => {
                secrets.scrub_error(&mut e);
                return Err(final_to_js(&core, op, e));
            }
        }
    }
}

impl CallOptions {
    /// Reads a call's options (nothing, an object, a bare `AbortSignal`): a `ConfigError` that
    /// says which client and operation refused them, like every other failure does.
    fn read(options: &JsValue, core: &ClientCore, op: &Operation) -> Result<CallOptions, JsValue> {
        let super::input::CallerOptions { obj, signal } =
            super::input::caller_options(options, op.action).inspect_err(|e| {
                let _ = Reflect::set(e, &"provider".into(), &core.provider.as_str().into());
                let _ = Reflect::set(e, &"action".into(), &op.action.into());
            })?;
        Ok(CallOptions { signal, locale: locale_of(&obj) })
    }
}

/// Signs one attempt (now, corrected for skew; a fresh nonce) and resolves the URL to fetch.
fn sign_attempt(
    core: &ClientCore,
    op: &Operation,
    outgoing: &crate::client::OutgoingRequest,
) -> Result<(crate::sign::SignedRequest, String), JsValue> {
    let profile = core.provider.profile();
    let nonce = profile.needs_nonce().then(random_nonce);
    let time_ms = core.skew.get().signing_time(now_ms().floor() as i64);
    // An operation of another product of the cloud (Tencent SSL) has its own host and service.
    let product_endpoint;
    let endpoint = match op.product {
        Some(product) => {
            let host = match core.site {
                crate::catalog::Site::Cn => product.host,
                crate::catalog::Site::Intl => product.intl_host,
            };
            product_endpoint = core.endpoint.for_product(&core.cloud_host, host);
            &product_endpoint
        }
        None => &core.endpoint,
    };
    let req = SigningRequest {
        method: outgoing.method,
        host: &endpoint.signing_host,
        path: "/",
        query: Query::Pairs(&outgoing.query),
        headers: &outgoing.headers,
        body: &outgoing.body,
        protocol: endpoint.signing_protocol(),
        region: if profile.region_signs { core.region.as_deref() } else { None },
        service: op.product.map(|p| p.service),
        signed_headers: None,
        time_ms,
        nonce: nonce.as_deref(),
    };
    let signed =
        KEY_CACHE.with(|cache| sign(core.scheme(), &core.creds, &req, cache)).map_err(|e| {
            failure_error(ErrorName::Signing, e.code(), &e.to_string(), core, op, UNANSWERED)
        })?;
    let url = endpoint.fetch_url(&signed.url);
    Ok((signed, url))
}

/// The operation of this client's cloud named `action`, or a `ValidationError` (`UnknownAction`).
fn operation_named(core: &ClientCore, action: &JsValue) -> Result<&'static Operation, JsValue> {
    let action = match super::input::string_within(action, 64) {
        Some(Ok(a)) => a,
        _ => String::new(),
    };
    crate::catalog::operation_as_of(core.provider, &action, core.contract).ok_or_else(|| {
        let fields = LiveopsErrorFields {
            provider: core.provider.as_str(),
            action: Some(&action),
            code: "UnknownAction",
            request_id: None,
            http_status: None,
            retryable: false,
            report: None,
        };
        failure_with(ErrorName::Validation, "unknown action for this cloud", &fields)
    })
}

fn call_by_name(
    core: &Rc<ClientCore>,
    action: &JsValue,
    payload: JsValue,
    options: JsValue,
) -> js_sys::Promise {
    match operation_named(core, action) {
        Ok(op) => {
            let payload = if payload.is_undefined() { empty_object() } else { payload };
            start(core, op, payload, options)
        }
        Err(e) => js_sys::Promise::reject(&e),
    }
}

/// What `call` would send now, without sending it: for request previews in a console.
fn preview(
    core: &ClientCore,
    action: &JsValue,
    payload: &JsValue,
    options: &JsValue,
) -> Result<JsValue, JsValue> {
    let PreviewOptions { reveal_secrets: reveal } = PreviewOptions::read(options);
    let op = operation_named(core, action)?;
    let payload: Value = checked_payload(op, payload, crate::validate::Locale::En)
        .map_err(|r| validation_error(core, op, &r))?;
    let outgoing = build_request(op, &payload, core.region.as_deref());
    let (signed, url) = sign_attempt(core, op, &outgoing)?;
    let token = core.creds.session_token.as_ref().map(|t| t.expose());
    let headers: Vec<(String, String)> =
        signed.headers.iter().map(|(name, value)| (name.clone(), redact(value, token))).collect();
    // The signature covers the real body; what is shown masks its secrets unless revealed.
    let shown = if reveal {
        outgoing.body.clone()
    } else {
        build_request(op, &crate::catalog::masked(op, &payload), core.region.as_deref()).body
    };
    Ok(super::output::to_js(&RequestPreview {
        method: &signed.method,
        url: &url,
        headers: super::output::PairsAsMap(&headers),
        body: String::from_utf8_lossy(&shown).into_owned(),
        canonical_request: redact(&signed.canonical_request, token),
        string_to_sign: &signed.string_to_sign,
        authorization: &signed.authorization,
    }))
}

impl PreviewOptions {
    /// `revealSecrets` is on only when it is `true`; anything else leaves the secrets masked.
    fn read(options: &JsValue) -> PreviewOptions {
        PreviewOptions {
            reveal_secrets: matches!(field(options, "revealSecrets"), Ok(Some(v)) if v.as_bool() == Some(true)),
        }
    }
}

/// A request as a client would send it now (session token and the body's secrets masked).
#[derive(serde::Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RequestPreview<'a> {
    pub method: &'a str,
    pub url: &'a str,
    #[tsify(type = "Record<string, string>")]
    pub headers: super::output::PairsAsMap<'a>,
    pub body: String,
    pub canonical_request: String,
    pub string_to_sign: &'a str,
    pub authorization: &'a str,
}

fn final_to_js(core: &ClientCore, op: &Operation, e: FinalError) -> JsValue {
    failure_error(
        e.name,
        &e.code,
        &e.message,
        core,
        op,
        Answered {
            request_id: e.request_id.as_deref(),
            status: e.http_status,
            retryable: e.retryable,
        },
    )
}

fn start(
    core: &Rc<ClientCore>,
    op: &'static Operation,
    payload: JsValue,
    opts: JsValue,
) -> js_sys::Promise {
    let core = core.clone();
    // The client's contract picks the rule set of an operation that changed.
    let op = crate::catalog::operation_as_of(op.provider, op.action, core.contract).unwrap_or(op);
    future_to_promise(call(core, op, payload, opts))
}

/// A client class: the struct, its constructor and `preview`; each class adds its operations.
macro_rules! client_class {
    ($(#[$doc:meta])* $name:ident, $provider:expr) => {
        $(#[$doc])*
        #[wasm_bindgen]
        pub struct $name {
            core: Rc<ClientCore>,
        }

        #[wasm_bindgen]
        impl $name {
            #[wasm_bindgen(constructor)]
            pub fn new(#[wasm_bindgen(unchecked_param_type = "ClientOptions")] options: JsValue) -> Result<$name, JsValue> {
                Ok($name { core: Rc::new(ClientCore::from_options($provider, ClientOptions::read(&options)?)?) })
            }

            /// Calls `action` by its API name: the same as the named method (`call('UnbindCert', p)`
            /// is `unbindCert(p)`). An action this cloud does not have rejects with a
            /// `ValidationError` (`UnknownAction`).
            #[wasm_bindgen(unchecked_return_type = "Promise<any>")]
            pub fn call(
                &self,
                #[wasm_bindgen(unchecked_param_type = "Action")] action: JsValue,
                #[wasm_bindgen(unchecked_optional_param_type = "unknown")] payload: JsValue,
                #[wasm_bindgen(unchecked_optional_param_type = "CallOptions | AbortSignal")] options: JsValue,
            ) -> js_sys::Promise {
                call_by_name(&self.core, &action, payload, options)
            }

            /// The request that `action` with `payload` would send now: validated, built and signed, not sent.
            #[wasm_bindgen(unchecked_return_type = "RequestPreview")]
            pub fn preview(
                &self,
                #[wasm_bindgen(unchecked_param_type = "Action")] action: JsValue,
                payload: JsValue,
                #[wasm_bindgen(unchecked_optional_param_type = "PreviewOptions")] options: JsValue,
            ) -> Result<JsValue, JsValue> {
                preview(&self.core, &action, &payload, &options)
            }
        }
    };
}

client_class!(
    #[doc = "Volcengine Live (2023-01-01): URL authentication and the certificate lifecycle."]
    VolcengineLive,
    Provider::Volcengine
);
client_class!(
    #[doc = "Tencent Cloud Live (2018-08-01): certificate bindings and domains."]
    TencentLive,
    Provider::Tencent
);
client_class!(
    #[doc = "Alibaba Cloud ESA (2024-09-10): sites and certificates (`applyCertificate` and"]
    #[doc = "`setCertificate` without `Id` are not idempotent: never retried blindly)."]
    AliyunEsa,
    Provider::Aliyun
);

/// The client methods, one per operation of the catalog's list (`for_each_operation!`, where each
/// line names the class, the method and its TypeScript types): a method is never missing or
/// spelled apart from its declaration.
macro_rules! client_methods {
    ($( $(#[$doc:meta])* $id:ident : $class:ident . $js:ident / $rust:ident = $module:ident :: $decl:ident ($req:literal -> $ret:literal) ),* $(,)?) => {
        $(
            #[wasm_bindgen]
            impl $class {
                $(#[$doc])*
                #[wasm_bindgen(js_name = $js, unchecked_return_type = $ret)]
                pub fn $rust(
                    &self,
                    #[wasm_bindgen(unchecked_optional_param_type = $req)] payload: JsValue,
                    #[wasm_bindgen(unchecked_optional_param_type = "CallOptions | AbortSignal")] options: JsValue,
                ) -> js_sys::Promise {
                    let payload = if payload.is_undefined() { empty_object() } else { payload };
                    start(&self.core, &crate::catalog::$module::$decl, payload, options)
                }
            }
        )*
    };
}

crate::for_each_operation!(client_methods);
