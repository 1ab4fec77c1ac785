//! `certificateInventory`, `deployCertificate` and `inspectCertificate`: the lifecycle core
//! (`crate::lifecycle`) driven over the caller's clients. Each request goes through a client's
//! `call`, so validation, signing, retries, rate limits and named errors are the client's.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect, JSON};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::AbortSignal;

use super::error::{config_error, named_error};
use super::input::{
    caller_options, field, is_options_object, snapshot, string_within, CallerOptions,
};
use super::output::to_js;
use super::timers::now_ms;
use crate::catalog::Provider;
use crate::error::ErrorName;
use crate::lifecycle::deploy::{self, Target};
use crate::lifecycle::engine::{CallFailure, Engine, FailKind, Fault, Limits, Problem};
use crate::lifecycle::inventory::InventoryEngine;

#[wasm_bindgen(typescript_custom_section)]
const TS_LIFECYCLE: &'static str = r#"
/** The clients a lifecycle function may use; a cloud without a client is left out. */
export interface LifecycleClients {
  volcengine?: VolcengineLive;
  tencent?: TencentLive;
  aliyun?: AliyunEsa;
}

export type CertificateState = "valid" | "expiring" | "expired" | "pending" | "failed";

/** One certificate on one cloud. */
export interface InventoryCertificate {
  provider: Provider;
  /** What the cloud's own operations take: Volcengine's ChainID, Tencent's certificate id, ESA's Id. */
  id: string;
  name: string;
  /** Names the certificate covers. */
  domains: string[];
  /** Where it is in use: domains (Volcengine, Tencent) or the site's name (ESA). */
  boundTo: string[];
  /** ISO 8601 UTC, or null where the cloud does not say. */
  notBefore: string | null;
  notAfter: string | null;
  /** Whole days until notAfter, negative once expired. */
  daysLeft: number | null;
  /** `expiring`: 30 days or fewer left. */
  state: CertificateState;
  /** SHA-256 of the leaf certificate (lowercase hex) where the cloud gives it (ESA; Tencent where its PEM was read), else null. */
  fingerprintSha256: string | null;
  /** ESA: the site (a decimal string beyond 2^53). */
  siteId?: number | string;
  /** The cloud's record as it came. */
  raw: unknown;
}

export interface InventoryError { provider: Provider; siteId?: number | string; error: LiveopsError }

export interface InventoryProgress { provider: Provider; action: Action; page: number; rows: number; total: number | null }

/**
 * Options of the lifecycle functions. A bare `AbortSignal` may be passed in their place; anything
 * else that is not an object rejects with a `ConfigError` (these functions never throw).
 */
export interface InventoryOptions {
  signal?: AbortSignal;
  /**
   * Calls in flight per cloud at most (1 to 100). Default: each cloud's documented rate, which
   * keeps it busy up to a one-second round trip; the clients' rate limits pace every call anyway.
   */
  concurrency?: number;
  onProgress?: (p: InventoryProgress) => void;
  /** The time states and days are judged at (default: now). */
  now?: Date | number;
}

export interface Inventory {
  /** Every certificate of every given cloud, soonest expiry first. */
  certificates: InventoryCertificate[];
    /**
   * One entry per cloud (or ESA site) that could not be listed, or whose listing contradicted
   * itself (`MalformedAnswer`, `PagingRepeats`, `PagingInconsistent`, `ListingTooLarge`,
   * `PageCapReached`); the others are still listed. Non-empty: the certificates are partial.
   */
  errors: InventoryError[];
}

export type DeployTarget =
  | { provider: "volcengine" | "tencent"; domain: string }
  | { provider: "aliyun"; siteId: number | string };

export interface DeployMaterial {
  /** PEM certificate chain, leaf first. */
  certificate: string;
  /** PEM private key (PKCS#8, PKCS#1 or SEC1), not password-protected. */
  privateKey: string;
  /** The name it is uploaded under (default: its first name and expiry date). */
  name?: string;
}

export interface DeployOutcome {
  target: DeployTarget;
  status: "deployed" | "failed" | "notStarted";
  /** Volcengine ChainID, ESA certificate Id. */
  certificateId?: string;
  error?: LiveopsError;
}

export interface DeployOptions {
  signal?: AbortSignal;
  onProgress?: (p: { done: number; total: number; outcome: DeployOutcome }) => void;
  now?: Date | number;
}

/** What a PEM certificate says, and whether a key belongs to it. */
export interface CertificateSummary {
  names: string[];
  commonName: string | null;
  issuer: string;
  notBefore: string;
  notAfter: string;
  daysLeft: number;
  chainLength: number;
  /** null when no key was given; "cannotTell" when the key does not carry its public half. */
  keyMatches: boolean | "cannotTell" | null;
  /** The given domains the certificate does not cover. */
  notCovered: string[];
}
"#;

const MAX_PEM: u32 = 1 << 20;
const MAX_TARGETS: u32 = 10_000;

// ---------------------------------------------------------------- calling a client

/// `client.call(action, payload, { signal })`, awaited, as JSON.
async fn call(
    client: &JsValue,
    action: &str,
    payload: &Value,
    signal: &Option<AbortSignal>,
) -> Result<Value, JsValue> {
    let f: Function = Reflect::get(client, &"call".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| {
            config_error(
                "InvalidInput",
                "a client must be a VolcengineLive, TencentLive or AliyunEsa",
                "clients",
            )
        })?;
    let opts = Object::new();
    if let Some(s) = signal {
        let _ = Reflect::set(&opts, &"signal".into(), s);
    }
    let promise: Promise = f
        .call3(client, &action.into(), &to_js(payload), &opts)?
        .dyn_into()
        .map_err(|_| {
            config_error(
                "InvalidInput",
                "a client's call did not return a promise",
                "clients",
            )
        })?;
    let answer = JsFuture::from(promise).await?;
    let text = JSON::stringify(&answer)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn is_abort(e: &JsValue) -> bool {
    error_text(e, "name").as_deref() == Some("AbortError")
}

fn error_text(e: &JsValue, field: &str) -> Option<String> {
    Reflect::get(e, &field.into())
        .ok()
        .and_then(|n| n.as_string())
}

/// How a client's error ends a call of `op`, for the engine.
fn failure_of(op: &crate::catalog::Operation, e: JsValue) -> CallFailure<JsValue> {
    let name = error_text(&e, "name").unwrap_or_default();
    let code = error_text(&e, "code").unwrap_or_default();
    let status = Reflect::get(&e, &"httpStatus".into())
        .ok()
        .and_then(|s| s.as_f64())
        .filter(|s| (0.0..1000.0).contains(s))
        .map(|s| s as u16);
    CallFailure {
        kind: FailKind::of(op, &name, &code, status),
        error: e,
    }
}

/// The clients given, by cloud.
struct Clients([Option<JsValue>; 3]);

impl Clients {
    fn read(clients: &JsValue) -> Result<Clients, JsValue> {
        Ok(Clients([
            client_of(clients, "volcengine")?,
            client_of(clients, "tencent")?,
            client_of(clients, "aliyun")?,
        ]))
    }

    fn of(&self, p: Provider) -> Option<&JsValue> {
        let i = Provider::ALL.iter().position(|q| *q == p).unwrap_or(0);
        self.0[i].as_ref()
    }

    fn present(&self) -> Vec<Provider> {
        Provider::ALL
            .into_iter()
            .filter(|p| self.of(*p).is_some())
            .collect()
    }
}

/// Runs an engine: hands every request it allows to the client of its cloud (all in flight
/// together), feeds each answer back as it comes, and calls `after` after each answer (progress).
/// A caller's abort stops the engine from asking for more; calls in flight end with the signal.
async fn drive<G: Engine<JsValue>>(
    engine: &mut G,
    clients: &Clients,
    signal: &Option<AbortSignal>,
    mut after: impl FnMut(&mut G),
) {
    use futures_util::stream::{FuturesUnordered, StreamExt};
    // Declared before the calls that borrow it, so that it outlives them.
    let fanout = Fanout::new(signal.as_ref());
    let mut in_flight = FuturesUnordered::new();
    let mut stopped = false;
    loop {
        if !stopped && signal.as_ref().is_some_and(AbortSignal::aborted) {
            stopped = true;
            let reason = signal
                .as_ref()
                .map(lifecycle_abort)
                .unwrap_or(JsValue::UNDEFINED);
            engine.abort(reason);
        }
        while let Some(req) = engine.poll_request() {
            let client = clients.of(req.provider).cloned();
            let child = fanout.child();
            let fanout = &fanout;
            in_flight.push(async move {
                let child_signal = child.as_ref().map(|c| c.signal());
                let reply = match client {
                    Some(c) => call(&c, req.op.action, &req.payload, &child_signal)
                        .await
                        .map_err(|e| failure_of(req.op, e)),
                    None => Err(CallFailure {
                        kind: FailKind::Failed,
                        error: config_error("NoClient", "no client of this cloud", "clients"),
                    }),
                };
                fanout.release(&child);
                (req.id, reply)
            });
        }
        match in_flight.next().await {
            Some((id, reply)) => {
                engine.handle(id, reply);
                after(engine);
            }
            None => break,
        }
    }
}

/// The caller's signal, passed on to each call as a signal of its own: a run of hundreds of
/// calls adds one listener to the caller's signal, not one per call (Node warns of a leak past
/// ten listeners on one signal).
struct Fanout {
    caller: Option<AbortSignal>,
    children: Rc<RefCell<Vec<web_sys::AbortController>>>,
    on_abort: Option<Closure<dyn FnMut()>>,
}

impl Fanout {
    fn new(caller: Option<&AbortSignal>) -> Fanout {
        let children: Rc<RefCell<Vec<web_sys::AbortController>>> = Rc::default();
        let on_abort = caller.map(|s| {
            let c = children.clone();
            let f = Closure::<dyn FnMut()>::new(move || {
                for child in c.borrow_mut().drain(..) {
                    child.abort();
                }
            });
            let _ = s.add_event_listener_with_callback("abort", f.as_ref().unchecked_ref());
            f
        });
        Fanout {
            caller: caller.cloned(),
            children,
            on_abort,
        }
    }

    /// A controller for one call, aborted with the caller's signal until `release`d.
    fn child(&self) -> Option<web_sys::AbortController> {
        let caller = self.caller.as_ref()?;
        let child = web_sys::AbortController::new().ok()?;
        if caller.aborted() {
            child.abort();
        }
        self.children.borrow_mut().push(child.clone());
        Some(child)
    }

    /// The call of `child` ended.
    fn release(&self, child: &Option<web_sys::AbortController>) {
        if let Some(c) = child {
            let target: &JsValue = c.as_ref();
            self.children
                .borrow_mut()
                .retain(|x| !js_sys::Object::is(x.as_ref(), target));
        }
    }
}

impl Drop for Fanout {
    fn drop(&mut self) {
        if let (Some(s), Some(f)) = (&self.caller, &self.on_abort) {
            let _ = s.remove_event_listener_with_callback("abort", f.as_ref().unchecked_ref());
        }
    }
}

/// The error a lifecycle call rejects with when the caller aborts it before any client did.
fn lifecycle_abort(_signal: &AbortSignal) -> JsValue {
    named_error(
        ErrorName::Abort,
        "Aborted",
        "the call was aborted",
        &[
            ("provider", JsValue::NULL),
            ("requestId", JsValue::NULL),
            ("httpStatus", JsValue::NULL),
            ("retryable", false.into()),
        ],
    )
}

struct Ctx {
    signal: Option<AbortSignal>,
    on_progress: Option<Function>,
    /// Calls in flight per cloud at most (`concurrency`).
    limits: Limits,
}

impl Ctx {
    fn progress(&self, value: &JsValue) {
        if let Some(f) = &self.on_progress {
            // A throwing callback must not stop the work it watches.
            let _ = f.call1(&JsValue::NULL, value);
        }
    }
}

// ---------------------------------------------------------------- options

fn options_of(options: &JsValue, what: &str) -> Result<(Ctx, i64), JsValue> {
    let CallerOptions {
        obj: options,
        signal,
    } = caller_options(options, what)?;
    let read = |name: &'static str| {
        field(&options, name).map_err(|_| {
            config_error(
                "InvalidOption",
                &format!("{what}: option {name} cannot be read"),
                name,
            )
        })
    };
    let on_progress = match read("onProgress")? {
        None => None,
        Some(v) => Some(v.dyn_into::<Function>().map_err(|_| {
            config_error(
                "InvalidOption",
                &format!("{what}: option onProgress must be a function"),
                "onProgress",
            )
        })?),
    };
    let concurrency = match read("concurrency")? {
        None => None,
        Some(v) => match v.as_f64() {
            Some(n) if (1.0..=100.0).contains(&n) && n.fract() == 0.0 => Some(n as usize),
            _ => {
                return Err(config_error(
                    "InvalidOption",
                    &format!("{what}: option concurrency must be a whole number from 1 to 100"),
                    "concurrency",
                ))
            }
        },
    };
    let now_ms_value = match read("now")? {
        None => now_ms(),
        Some(v) => {
            let ms = match v.dyn_ref::<js_sys::Date>() {
                Some(d) => d.get_time(),
                None => v.as_f64().unwrap_or(f64::NAN),
            };
            // Years 1970 to 2200, as milliseconds.
            if !(0.0..=7_258_118_400_000.0).contains(&ms) {
                return Err(config_error(
                    "InvalidOption",
                    &format!("{what}: option now must be a Date or milliseconds since 1970"),
                    "now",
                ));
            }
            ms
        }
    };
    Ok((
        Ctx {
            signal,
            on_progress,
            limits: Limits::from_rates(concurrency),
        },
        (now_ms_value / 1000.0).floor() as i64,
    ))
}

/// The client of `name` in `clients`, if given.
fn client_of(clients: &JsValue, name: &'static str) -> Result<Option<JsValue>, JsValue> {
    if !is_options_object(clients) {
        return Err(config_error(
            "InvalidInput",
            "clients must be an object: { volcengine?, tencent?, aliyun? }",
            "clients",
        ));
    }
    let c = field(clients, name).map_err(|_| {
        config_error(
            "InvalidInput",
            &format!("clients.{name} cannot be read"),
            name,
        )
    })?;
    match c {
        Some(c)
            if Reflect::get(&c, &"call".into())
                .map(|f| f.is_function())
                .unwrap_or(false) =>
        {
            Ok(Some(c))
        }
        Some(_) => Err(config_error(
            "InvalidInput",
            &format!("clients.{name} must be a client of that cloud"),
            name,
        )),
        None => Ok(None),
    }
}

/// A promise of `work`, or one rejected with the error of setting it up: a bad argument rejects
/// like any other failure, so that a caller's `.catch` sees it.
fn promise_of<F>(setup: Result<F, JsValue>) -> Promise
where
    F: std::future::Future<Output = Result<JsValue, JsValue>> + 'static,
{
    match setup {
        Ok(work) => future_to_promise(work),
        Err(e) => Promise::reject(&e),
    }
}

/// An engine's own fault as a named JavaScript error.
fn fault_to_js(f: &Fault) -> JsValue {
    named_error(
        f.name,
        f.code,
        &f.message,
        &[
            ("provider", f.provider.as_str().into()),
            (
                "action",
                f.action.map(JsValue::from).unwrap_or(JsValue::NULL),
            ),
            (
                "requestId",
                f.request_id
                    .as_deref()
                    .map(JsValue::from)
                    .unwrap_or(JsValue::NULL),
            ),
            (
                "httpStatus",
                f.http_status
                    .map(|s| JsValue::from(s as f64))
                    .unwrap_or(JsValue::NULL),
            ),
            ("retryable", false.into()),
        ],
    )
}

fn problem_to_js(p: &Problem<JsValue>) -> JsValue {
    match p {
        Problem::Call(e) => e.clone(),
        Problem::Own(f) => fault_to_js(f),
    }
}

// ---------------------------------------------------------------- inventory

/// Lists every certificate on every cloud given a client: all pages, every ESA site, the
/// clouds side by side and each cloud's calls in flight together up to its rate. A cloud that
/// fails adds to `errors` without hiding the others; an abort rejects with `AbortError`.
#[wasm_bindgen(js_name = certificateInventory, unchecked_return_type = "Promise<Inventory>")]
pub fn certificate_inventory(
    #[wasm_bindgen(unchecked_param_type = "LifecycleClients")] clients: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "InventoryOptions | AbortSignal")]
    options: JsValue,
) -> Promise {
    promise_of(start_inventory(clients, options))
}

fn start_inventory(
    clients: JsValue,
    options: JsValue,
) -> Result<impl std::future::Future<Output = Result<JsValue, JsValue>>, JsValue> {
    let clients = Clients::read(&clients)?;
    let (ctx, now) = options_of(&options, "certificateInventory")?;
    Ok(async move {
        let mut engine: InventoryEngine<JsValue> =
            InventoryEngine::new(&clients.present(), ctx.limits, now);
        drive(&mut engine, &clients, &ctx.signal, |e| {
            while let Some(p) = e.poll_progress() {
                ctx.progress(&to_js(&p));
            }
        })
        .await;
        let inv = engine.finish()?;
        let errors = Array::new();
        for e in &inv.errors {
            let o = Object::new();
            let _ = Reflect::set(&o, &"provider".into(), &e.provider.as_str().into());
            if let Some(site) = &e.site_id {
                let _ = Reflect::set(&o, &"siteId".into(), &to_js(site));
            }
            let _ = Reflect::set(&o, &"error".into(), &problem_to_js(&e.problem));
            errors.push(&o);
        }
        let out = Object::new();
        Reflect::set(&out, &"certificates".into(), &to_js(&inv.certificates))?;
        Reflect::set(&out, &"errors".into(), &errors)?;
        Ok(out.into())
    })
}

// ---------------------------------------------------------------- deploy

struct Deploy {
    ctx: Ctx,
    targets: Array,
    outcomes: RefCell<Vec<Option<JsValue>>>,
    done: std::cell::Cell<usize>,
    cert: String,
    key: String,
    name: String,
}

impl Deploy {
    fn aborted(&self) -> bool {
        self.ctx.signal.as_ref().is_some_and(AbortSignal::aborted)
    }

    fn settle(
        &self,
        index: usize,
        status: &str,
        certificate_id: Option<&str>,
        error: Option<&JsValue>,
    ) {
        let o = Object::new();
        let _ = Reflect::set(&o, &"target".into(), &self.targets.get(index as u32));
        let _ = Reflect::set(&o, &"status".into(), &status.into());
        if let Some(id) = certificate_id {
            let _ = Reflect::set(&o, &"certificateId".into(), &id.into());
        }
        if let Some(e) = error {
            let _ = Reflect::set(&o, &"error".into(), e);
        }
        let mut outcomes = self.outcomes.borrow_mut();
        if outcomes[index].is_some() {
            return;
        }
        outcomes[index] = Some(o.clone().into());
        drop(outcomes);
        self.done.set(self.done.get() + 1);
        let p = Object::new();
        let _ = Reflect::set(&p, &"done".into(), &(self.done.get() as f64).into());
        let _ = Reflect::set(&p, &"total".into(), &(self.targets.length() as f64).into());
        let _ = Reflect::set(&p, &"outcome".into(), &o);
        self.ctx.progress(&p.into());
    }

    async fn volcengine(&self, client: &JsValue, items: &[(usize, String)]) {
        if items.is_empty() || self.aborted() {
            return;
        }
        let created = call(
            client,
            "CreateCert",
            &deploy::volcengine_create(&self.cert, &self.key, &self.name),
            &self.ctx.signal,
        )
        .await;
        let chain = match created {
            Ok(a) => a
                .get("ChainID")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            Err(e) => {
                // Not sent again (not idempotent): every domain of this cloud shares the failure.
                for (i, _) in items {
                    self.settle(*i, "failed", None, Some(&e));
                }
                return;
            }
        };
        for (i, domain) in items {
            if self.aborted() {
                return;
            }
            match call(
                client,
                "BindCert",
                &deploy::volcengine_bind(&chain, domain),
                &self.ctx.signal,
            )
            .await
            {
                Ok(_) => self.settle(*i, "deployed", Some(&chain), None),
                Err(e) => self.settle(*i, "failed", Some(&chain), Some(&e)),
            }
        }
    }

    async fn tencent(&self, client: &JsValue, items: &[(usize, String)]) {
        if items.is_empty() || self.aborted() {
            return;
        }
        let domains: Vec<String> = items.iter().map(|(_, d)| d.clone()).collect();
        let payload = deploy::tencent_bind(&domains, &self.cert, &self.key, &self.name);
        match call(
            client,
            "ModifyLiveDomainCertBindings",
            &payload,
            &self.ctx.signal,
        )
        .await
        {
            Ok(answer) => {
                for ((i, _), outcome) in items
                    .iter()
                    .zip(deploy::tencent_outcomes(&answer, &domains))
                {
                    match outcome {
                        Ok(()) => self.settle(*i, "deployed", None, None),
                        Err((code, message)) => {
                            let e = named_error(
                                ErrorName::Api,
                                &code,
                                &message,
                                &[
                                    ("provider", "tencent".into()),
                                    ("action", "ModifyLiveDomainCertBindings".into()),
                                    (
                                        "requestId",
                                        answer
                                            .get("RequestId")
                                            .and_then(Value::as_str)
                                            .map(JsValue::from)
                                            .unwrap_or(JsValue::NULL),
                                    ),
                                    ("httpStatus", 200.into()),
                                    ("retryable", false.into()),
                                ],
                            );
                            self.settle(*i, "failed", None, Some(&e));
                        }
                    }
                }
            }
            Err(e) => {
                for (i, _) in items {
                    self.settle(*i, "failed", None, Some(&e));
                }
            }
        }
    }

    async fn aliyun(&self, client: &JsValue, items: &[(usize, Value)]) {
        for (i, site) in items {
            if self.aborted() {
                return;
            }
            let payload = deploy::aliyun_set(site, &self.cert, &self.key, &self.name);
            match call(client, "SetCertificate", &payload, &self.ctx.signal).await {
                Ok(a) => {
                    let id = match a.get("Id") {
                        Some(Value::String(s)) => s.clone(),
                        Some(v) => v.to_string(),
                        None => String::new(),
                    };
                    self.settle(*i, "deployed", Some(&id), None)
                }
                Err(e) => self.settle(*i, "failed", None, Some(&e)),
            }
        }
    }
}

/// A `ValidationError` of the deploy itself (nothing sent for it).
fn deploy_error(code: &str, message: &str, provider: Option<&str>) -> JsValue {
    named_error(
        ErrorName::Validation,
        code,
        message,
        &[
            (
                "provider",
                provider.map(JsValue::from).unwrap_or(JsValue::NULL),
            ),
            ("requestId", JsValue::NULL),
            ("httpStatus", JsValue::NULL),
            ("retryable", false.into()),
        ],
    )
}

fn pem_text(material: &JsValue, name: &'static str) -> Result<String, JsValue> {
    match field(material, name) {
        Ok(Some(v)) => match string_within(&v, MAX_PEM) {
            Some(Ok(s)) => Ok(s),
            _ => Err(config_error(
                "InvalidInput",
                &format!("{name} must be PEM text of at most 1 MiB"),
                name,
            )),
        },
        _ => Err(config_error(
            "InvalidInput",
            &format!("{name} is required (PEM text)"),
            name,
        )),
    }
}

/// Puts one certificate onto domains and sites across clouds. Checks first, sending nothing if
/// the key is not the certificate's, either cannot be read, or the certificate has expired; a
/// domain it does not cover fails alone. Resolves with one outcome per target, in order.
#[wasm_bindgen(js_name = deployCertificate, unchecked_return_type = "Promise<DeployOutcome[]>")]
pub fn deploy_certificate(
    #[wasm_bindgen(unchecked_param_type = "LifecycleClients")] clients: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DeployMaterial")] material: JsValue,
    #[wasm_bindgen(unchecked_param_type = "readonly DeployTarget[]")] targets: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DeployOptions")] options: JsValue,
) -> Result<Promise, JsValue> {
    let clients_of = [
        client_of(&clients, "volcengine")?,
        client_of(&clients, "tencent")?,
        client_of(&clients, "aliyun")?,
    ];
    if !is_options_object(&material) {
        return Err(config_error(
            "InvalidInput",
            "the certificate must be { certificate, privateKey, name? }",
            "certificate",
        ));
    }
    let cert = pem_text(&material, "certificate")?;
    let key = pem_text(&material, "privateKey")?;
    let name = match field(&material, "name") {
        Ok(Some(v)) => match string_within(&v, 256) {
            Some(Ok(s)) if !s.is_empty() => Some(s),
            _ => {
                return Err(config_error(
                    "InvalidInput",
                    "name must be text of 1 to 256 characters",
                    "name",
                ))
            }
        },
        _ => None,
    };
    let targets = match snapshot(&targets, MAX_TARGETS) {
        Some(Ok(t)) => t,
        _ => {
            return Err(config_error(
                "InvalidInput",
                "targets must be an array of at most 10000 targets",
                "targets",
            ))
        }
    };
    let (ctx, now) = options_of(&options, "deployCertificate")?;
    let summary = deploy::check_material(&cert, &key, now)
        .map_err(|e| deploy_error(e.code(), &e.to_string(), None))?;
    let name = name.unwrap_or_else(|| deploy::default_name(&summary));
    let total = targets.length() as usize;
    let job = Rc::new(Deploy {
        ctx,
        targets,
        outcomes: RefCell::new(vec![None; total]),
        done: std::cell::Cell::new(0),
        cert,
        key,
        name,
    });
    let mut volc = Vec::new();
    let mut tencent = Vec::new();
    let mut aliyun = Vec::new();
    for i in 0..total {
        let raw = job.targets.get(i as u32);
        let text = JSON::stringify(&raw)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        let target = serde_json::from_str::<Value>(&text)
            .map_err(|e| e.to_string())
            .and_then(|v| Target::parse(&v));
        let target = match target {
            Ok(t) => t,
            Err(why) => {
                job.settle(
                    i,
                    "failed",
                    None,
                    Some(&deploy_error("InvalidTarget", &why, None)),
                );
                continue;
            }
        };
        let slot = match &target {
            Target::Volcengine { .. } => 0,
            Target::Tencent { .. } => 1,
            Target::Aliyun { .. } => 2,
        };
        if clients_of[slot].is_none() {
            let why = format!("no {} client was given", target.provider());
            job.settle(
                i,
                "failed",
                None,
                Some(&deploy_error("NoClient", &why, Some(target.provider()))),
            );
            continue;
        }
        if let Some(why) = deploy::target_problem(&summary, &target) {
            job.settle(
                i,
                "failed",
                None,
                Some(&deploy_error("NotCovered", &why, Some(target.provider()))),
            );
            continue;
        }
        match target {
            Target::Volcengine { domain } => volc.push((i, domain)),
            Target::Tencent { domain } => tencent.push((i, domain)),
            Target::Aliyun { site_id } => aliyun.push((i, site_id)),
        }
    }
    let [c_volc, c_tencent, c_aliyun] = clients_of;
    Ok(future_to_promise(async move {
        let none = JsValue::UNDEFINED;
        futures_util::future::join3(
            job.volcengine(c_volc.as_ref().unwrap_or(&none), &volc),
            job.tencent(c_tencent.as_ref().unwrap_or(&none), &tencent),
            job.aliyun(c_aliyun.as_ref().unwrap_or(&none), &aliyun),
        )
        .await;
        // What never started (an abort came first) says so: none is lost, none doubled.
        for i in 0..total {
            if job.outcomes.borrow()[i].is_none() {
                job.settle(i, "notStarted", None, None);
            }
        }
        let out = Array::new();
        for o in job.outcomes.borrow().iter() {
            out.push(o.as_ref().unwrap_or(&JsValue::NULL));
        }
        Ok(out.into())
    }))
}

// ---------------------------------------------------------------- inspect

/// Reads a PEM certificate (and, if given, its key and the domains it should cover): what a
/// console shows before a deploy. Throws a `ValidationError` if the certificate cannot be read.
#[wasm_bindgen(js_name = inspectCertificate, unchecked_return_type = "CertificateSummary")]
pub fn inspect_certificate(
    certificate: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] private_key: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "readonly string[]")] domains: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ now?: Date | number }")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let cert = match string_within(&certificate, MAX_PEM) {
        Some(Ok(s)) => s,
        _ => {
            return Err(config_error(
                "InvalidInput",
                "certificate must be PEM text of at most 1 MiB",
                "certificate",
            ))
        }
    };
    let (_, now) = options_of(&options, "inspectCertificate")?;
    let summary = crate::lifecycle::read_certificate(&cert)
        .map_err(|e| deploy_error(e.code(), &e.to_string(), None))?;
    let key_matches = if private_key.is_undefined() || private_key.is_null() {
        json!(null)
    } else {
        let key = match string_within(&private_key, MAX_PEM) {
            Some(Ok(s)) => s,
            _ => {
                return Err(config_error(
                    "InvalidInput",
                    "privateKey must be PEM text of at most 1 MiB",
                    "privateKey",
                ))
            }
        };
        match crate::lifecycle::pem::key_matches(&summary, &key) {
            Ok(crate::lifecycle::KeyMatch::Matches) => json!(true),
            Ok(crate::lifecycle::KeyMatch::DoesNotMatch) => json!(false),
            Ok(crate::lifecycle::KeyMatch::CannotTell) => json!("cannotTell"),
            Err(e) => return Err(deploy_error(e.code(), &e.to_string(), None)),
        }
    };
    let wanted: Vec<String> = if domains.is_undefined() || domains.is_null() {
        Vec::new()
    } else {
        match snapshot(&domains, MAX_TARGETS) {
            Some(Ok(a)) => a
                .iter()
                .filter_map(|d| string_within(&d, 253).and_then(Result::ok))
                .collect(),
            _ => {
                return Err(config_error(
                    "InvalidInput",
                    "domains must be an array of domain names",
                    "domains",
                ))
            }
        }
    };
    let not_covered: Vec<&String> = wanted
        .iter()
        .filter(|d| !crate::lifecycle::pem::any_covers(&summary.names, d))
        .collect();
    use crate::lifecycle::times::iso_utc;
    Ok(to_js(&json!({
        "names": summary.names,
        "commonName": summary.common_name,
        "issuer": summary.issuer,
        "notBefore": iso_utc(summary.not_before),
        "notAfter": iso_utc(summary.not_after),
        "daysLeft": (summary.not_after - now).div_euclid(86_400),
        "chainLength": summary.chain_length,
        "keyMatches": key_matches,
        "notCovered": not_covered,
    })))
}
