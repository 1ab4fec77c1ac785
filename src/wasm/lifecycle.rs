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

use super::client::{failure_with, LiveopsErrorFields};
use super::error::{config_error, named_error};
use super::input::{
    caller_options, field, is_options_object, snapshot, string_within, CallerOptions,
};
use super::output::{to_js, to_js_holding, Held, ViaJson};
use super::timers::now_ms;
use crate::catalog::Provider;
use crate::error::ErrorName;
use crate::lifecycle::converge::{
    DeployEngine, Expected, Material, Mode, Outcome, Served, Status, Step, StepAction,
};
use crate::lifecycle::deploy::{self, Target};
use crate::lifecycle::engine::{CallFailure, Engine, FailKind, Fault, Limits, Problem};
use crate::lifecycle::inventory::{InventoryCert, InventoryEngine};
use serde::Serialize;

// ---------------------------------------------------------------- models

/// The clients a lifecycle function may use; a cloud without a client is left out.
#[derive(tsify::Tsify)]
pub struct LifecycleClients {
    #[tsify(optional, type = "VolcengineLive")]
    pub volcengine: Option<JsValue>,
    #[tsify(optional, type = "TencentLive")]
    pub tencent: Option<JsValue>,
    #[tsify(optional, type = "AliyunEsa")]
    pub aliyun: Option<JsValue>,
}

/// Options of the lifecycle functions. A bare `AbortSignal` may be passed in their place; anything
/// else that is not an object rejects with a `ConfigError` (these functions never throw).
#[derive(tsify::Tsify)]
pub struct LifecycleOptions {
    #[tsify(optional, type = "AbortSignal")]
    pub signal: Option<AbortSignal>,
    /// Calls in flight per cloud at most (1 to 100). Default: each cloud's documented rate, which
    /// keeps it busy up to a one-second round trip; the clients' rate limits pace every call anyway.
    #[tsify(optional)]
    pub concurrency: Option<usize>,
    /// The time states, days and expiry are judged at (default: now).
    // Held as seconds since 1970.
    #[tsify(optional, type = "Date | number")]
    pub now: i64,
}

#[derive(tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct InventoryOptions {
    #[serde(flatten)]
    pub lifecycle: LifecycleOptions,
    #[tsify(optional, type = "(p: InventoryProgress) => void")]
    pub on_progress: Option<Function>,
}

#[derive(tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct DeployOptions {
    #[serde(flatten)]
    pub lifecycle: LifecycleOptions,
    #[tsify(optional, type = "(p: DeployProgress) => void")]
    pub on_progress: Option<Function>,
    /// A plan from `planDeployment` for the same certificate and targets: the deploy carries it out,
    /// and rejects with `ValidationError` `PlanOutdated` (nothing sent) when a cloud changed since
    /// in a way the plan did not foresee (a target that became `unchanged` is no change).
    #[tsify(optional, type = "DeploymentPlan")]
    pub plan: Option<JsValue>,
}

/// The options of `inspectCertificate`.
#[derive(tsify::Tsify)]
pub struct InspectOptions {
    #[tsify(optional, type = "Date | number")]
    pub now: i64,
    /// ESA sites by name: covered when one of the certificate's names lies within the site.
    #[tsify(optional, type = "readonly string[]")]
    pub sites: Vec<String>,
}

#[derive(tsify::Tsify)]
pub struct PruneOptions {
    /// Also certificates that have not expired but serve nothing.
    #[tsify(optional)]
    pub unbound: bool,
    /// Ids and SHA-256 fingerprints never to delete (what the last deploy put in place).
    #[tsify(optional, type = "readonly string[]")]
    pub keep: Vec<String>,
    #[tsify(optional, type = "Date | number")]
    pub now: i64,
}

#[derive(tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct DeployMaterial {
    /// PEM certificate chain, leaf first.
    pub certificate: String,
    /// PEM private key (PKCS#8, PKCS#1 or SEC1), not password-protected.
    pub private_key: String,
    /// The name it is uploaded under (default: its first name and expiry date).
    #[tsify(optional)]
    pub name: Option<String>,
}

/// The files of a cloud CLI's configuration, as text.
#[derive(tsify::Tsify)]
pub struct CloudProfileFiles {
    /// tccli: `~/.tccli/NAME.credential`; aliyun: `~/.aliyun/config.json`; ve: `~/.volcengine/config.json`.
    pub main: String,
    /// tccli only: `~/.tccli/NAME.configure` (region, endpoints).
    #[tsify(optional)]
    pub configure: Option<String>,
}

/// What a profile gives a client: pass it into the client's options.
#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CloudProfileCredentials<'a> {
    pub access_key_id: &'a str,
    pub secret_access_key: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_token: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<&'a str>,
    #[tsify(type = "\"cn\" | \"intl\"")]
    pub site: &'a str,
}

/// A cloud (or ESA site) the inventory could not list.
#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct InventoryError {
    #[tsify(type = "Provider")]
    pub provider: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(type = "number | string")]
    pub site_id: Option<ViaJson<Value>>,
    #[tsify(type = "LiveopsError")]
    pub error: Held,
}

#[derive(Serialize, tsify::Tsify)]
pub struct Inventory {
    /// Every certificate of every given cloud, soonest expiry first.
    #[tsify(type = "InventoryCertificate[]")]
    pub certificates: ViaJson<Vec<InventoryCert>>,
    /// One entry per cloud (or ESA site) that could not be listed, or whose listing contradicted
    /// itself (`MalformedAnswer`, `PagingRepeats`, `PagingInconsistent`, `ListingTooLarge`,
    /// `PageCapReached`); the others are still listed. Non-empty: the certificates are partial.
    pub errors: Vec<InventoryError>,
}

#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct DeployOutcome<'a> {
    #[tsify(type = "DeployTarget")]
    pub target: Held,
    #[tsify(type = "DeployStatus")]
    pub status: Status,
    /// The certificate it serves (or would): Volcengine ChainID, Tencent CloudCertId, ESA Id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_id: Option<&'a str>,
    /// What it served before, where the deploy changed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(type = "ServedCertificate")]
    pub replaced: Option<&'a Served>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(type = "LiveopsError")]
    pub error: Option<Held>,
}

/// What `onProgress` of `deployCertificate` is handed as each target settles.
#[derive(Serialize, tsify::Tsify)]
pub struct DeployProgress<'a> {
    pub done: usize,
    pub total: u32,
    pub outcome: DeployOutcome<'a>,
}

#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct PlanStep<'a> {
    #[tsify(type = "DeployTarget")]
    pub target: Held,
    #[tsify(type = "PlanAction")]
    pub action: StepAction,
    /// `unchanged`: the certificate in place; `bind`: the one that will be bound.
    pub certificate_id: Option<&'a str>,
    /// What the target serves now (what a deploy replaces), where the cloud tells it.
    #[tsify(type = "ServedCertificate | null")]
    pub current: Option<&'a Served>,
    /// ESA: the site's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_name: Option<&'a str>,
    /// `refuse`: why (`NotCovered`, `NotFound`, `NoClient`, `InvalidTarget`, or the read that failed).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(type = "LiveopsError")]
    pub error: Option<Held>,
}

/// The certificate a plan is for.
#[derive(Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PlannedCertificate {
    pub fingerprint_sha256: String,
    pub names: Vec<String>,
    pub not_after: String,
}

#[derive(Serialize, tsify::Tsify)]
pub struct DeploymentPlan<'a> {
    pub certificate: PlannedCertificate,
    /// One step per target, in order.
    pub steps: Vec<PlanStep<'a>>,
}

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
    let promise: Promise =
        f.call3(client, &action.into(), &to_js(payload), &opts)?.dyn_into().map_err(|_| {
            config_error("InvalidInput", "a client's call did not return a promise", "clients")
        })?;
    let answer = JsFuture::from(promise).await?;
    let text = JSON::stringify(&answer).ok().and_then(|s| s.as_string()).unwrap_or_default();
    Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn error_text(e: &JsValue, field: &str) -> Option<String> {
    Reflect::get(e, &field.into()).ok().and_then(|n| n.as_string())
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
    CallFailure { kind: FailKind::of(op, &name, &code, status), error: e }
}

impl LifecycleClients {
    fn read(clients: &JsValue) -> Result<LifecycleClients, JsValue> {
        Ok(LifecycleClients {
            volcengine: client_of(clients, "volcengine")?,
            tencent: client_of(clients, "tencent")?,
            aliyun: client_of(clients, "aliyun")?,
        })
    }

    fn of(&self, p: Provider) -> Option<&JsValue> {
        match p {
            Provider::Volcengine => self.volcengine.as_ref(),
            Provider::Tencent => self.tencent.as_ref(),
            Provider::Aliyun => self.aliyun.as_ref(),
        }
    }

    fn present(&self) -> Vec<Provider> {
        Provider::ALL.into_iter().filter(|p| self.of(*p).is_some()).collect()
    }
}

/// Runs an engine: hands every request it allows to the client of its cloud (all in flight
/// together), feeds each answer back as it comes, and calls `after` after each answer (progress).
/// A caller's abort stops the engine from asking for more; calls in flight end with the signal.
async fn drive<G: Engine<JsValue>>(
    engine: &mut G,
    clients: &LifecycleClients,
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
            let reason = signal.as_ref().map(lifecycle_abort).unwrap_or(JsValue::UNDEFINED);
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
    // What settled without a call (refused targets of a deploy that sends nothing).
    after(engine);
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
        Fanout { caller: caller.cloned(), children, on_abort }
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
            self.children.borrow_mut().retain(|x| !js_sys::Object::is(x.as_ref(), target));
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
    fn new(options: LifecycleOptions, on_progress: Option<Function>) -> Ctx {
        Ctx { signal: options.signal, on_progress, limits: Limits::from_rates(options.concurrency) }
    }

    fn progress(&self, value: &JsValue) {
        if let Some(f) = &self.on_progress {
            // A throwing callback must not stop the work it watches.
            let _ = f.call1(&JsValue::NULL, value);
        }
    }
}

// ---------------------------------------------------------------- options

/// The latest `now` an option may be: the year 2200, as milliseconds.
const LAST_NOW_MS: f64 = 7_258_118_400_000.0;

impl InventoryOptions {
    /// Reads what every lifecycle function takes (`signal`, `concurrency`, `now`) and
    /// `onProgress`, which all of them check; also hands back the options object, for the fields
    /// of the function's own.
    fn read(options: &JsValue, what: &str) -> Result<(InventoryOptions, JsValue), JsValue> {
        let CallerOptions { obj: options, signal } = caller_options(options, what)?;
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
        let concurrency = read("concurrency")?.map(|v| concurrency_of(&v, what)).transpose()?;
        let now = match read("now")? {
            None => now_ms(),
            Some(v) => now_of(&v, what)?,
        };
        let read = InventoryOptions {
            lifecycle: LifecycleOptions { signal, concurrency, now: (now / 1000.0).floor() as i64 },
            on_progress,
        };
        Ok((read, options))
    }
}

/// `concurrency`: a whole number from 1 to 100.
fn concurrency_of(v: &JsValue, what: &str) -> Result<usize, JsValue> {
    match v.as_f64() {
        Some(n) if (1.0..=100.0).contains(&n) && n.fract() == 0.0 => Ok(n as usize),
        _ => Err(config_error(
            "InvalidOption",
            &format!("{what}: option concurrency must be a whole number from 1 to 100"),
            "concurrency",
        )),
    }
}

/// `now` as milliseconds: a `Date` or a number, from 1970 to 2200.
fn now_of(v: &JsValue, what: &str) -> Result<f64, JsValue> {
    let ms = match v.dyn_ref::<js_sys::Date>() {
        Some(d) => d.get_time(),
        None => v.as_f64().unwrap_or(f64::NAN),
    };
    if (0.0..=LAST_NOW_MS).contains(&ms) {
        Ok(ms)
    } else {
        Err(config_error(
            "InvalidOption",
            &format!("{what}: option now must be a Date or milliseconds since 1970"),
            "now",
        ))
    }
}

impl DeployOptions {
    fn read(options: &JsValue, what: &str) -> Result<DeployOptions, JsValue> {
        let (common, obj) = InventoryOptions::read(options, what)?;
        Ok(DeployOptions {
            lifecycle: common.lifecycle,
            on_progress: common.on_progress,
            // Read as it is: a plan that is not one is a `PlanMismatch` of `expected_of`.
            plan: field(&obj, "plan").ok().flatten(),
        })
    }
}

impl InspectOptions {
    fn read(options: &JsValue) -> Result<InspectOptions, JsValue> {
        let (common, obj) = InventoryOptions::read(options, "inspectCertificate")?;
        Ok(InspectOptions {
            now: common.lifecycle.now,
            sites: string_list(
                &obj,
                "sites",
                253,
                "inspectCertificate: option sites must be an array of site names",
            )?,
        })
    }
}

impl PruneOptions {
    fn read(options: &JsValue) -> Result<PruneOptions, JsValue> {
        let (common, obj) = InventoryOptions::read(options, "pruneCandidates")?;
        Ok(PruneOptions {
            unbound: matches!(field(&obj, "unbound"), Ok(Some(v)) if v.as_bool() == Some(true)),
            keep: string_list(
                &obj,
                "keep",
                256,
                "pruneCandidates: option keep must be an array of ids and fingerprints",
            )?,
            now: common.lifecycle.now,
        })
    }
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
        config_error("InvalidInput", &format!("clients.{name} cannot be read"), name)
    })?;
    match c {
        Some(c) if Reflect::get(&c, &"call".into()).map(|f| f.is_function()).unwrap_or(false) => {
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
    let fields = LiveopsErrorFields {
        provider: f.provider.as_str(),
        action: f.action,
        code: f.code,
        request_id: f.request_id.as_deref(),
        http_status: f.http_status,
        retryable: false,
        report: None,
    };
    failure_with(f.name, &f.message, &fields)
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
    let clients = LifecycleClients::read(&clients)?;
    let (options, _) = InventoryOptions::read(&options, "certificateInventory")?;
    let now = options.lifecycle.now;
    let ctx = Ctx::new(options.lifecycle, options.on_progress);
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
        let errors = inv
            .errors
            .iter()
            .map(|e| InventoryError {
                provider: e.provider.as_str(),
                site_id: e.site_id.clone().map(ViaJson),
                error: Held(problem_to_js(&e.problem)),
            })
            .collect();
        Ok(to_js_holding(&Inventory { certificates: ViaJson(inv.certificates), errors }))
    })
}

// ---------------------------------------------------------------- plan and deploy

/// A `ValidationError` of the deploy itself (nothing sent for it).
fn deploy_error(code: &str, message: &str, provider: Option<&str>) -> JsValue {
    named_error(
        ErrorName::Validation,
        code,
        message,
        &[
            ("provider", provider.map(JsValue::from).unwrap_or(JsValue::NULL)),
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
        _ => Err(config_error("InvalidInput", &format!("{name} is required (PEM text)"), name)),
    }
}

impl DeployMaterial {
    fn read(material: &JsValue) -> Result<DeployMaterial, JsValue> {
        if !is_options_object(material) {
            return Err(config_error(
                "InvalidInput",
                "the certificate must be { certificate, privateKey, name? }",
                "certificate",
            ));
        }
        let certificate = pem_text(material, "certificate")?;
        let private_key = pem_text(material, "privateKey")?;
        let name = match field(material, "name") {
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
        Ok(DeployMaterial { certificate, private_key, name })
    }
}

/// The certificate, its key and its name, checked against each other and the clock.
fn material_of(material: DeployMaterial, now: i64) -> Result<Material, JsValue> {
    let DeployMaterial { certificate, private_key, name } = material;
    let summary = deploy::check_material(&certificate, &private_key, now)
        .map_err(|e| deploy_error(e.code(), &e.to_string(), None))?;
    Ok(Material {
        name: name.unwrap_or_else(|| deploy::default_name(&summary)),
        certificate,
        private_key,
        summary,
    })
}

/// The targets as given (copied once) and each one read, or why it cannot be.
fn targets_of(targets: &JsValue) -> Result<(Array, Vec<Result<Target, Fault>>), JsValue> {
    let given = match snapshot(targets, MAX_TARGETS) {
        Some(Ok(t)) => t,
        _ => {
            return Err(config_error(
                "InvalidInput",
                "targets must be an array of at most 10000 targets",
                "targets",
            ))
        }
    };
    let read = (0..given.length())
        .map(|i| {
            let text =
                JSON::stringify(&given.get(i)).ok().and_then(|s| s.as_string()).unwrap_or_default();
            serde_json::from_str::<Value>(&text)
                .map_err(|e| e.to_string())
                .and_then(|v| Target::parse(&v))
                .map_err(|why| {
                    let provider = JSON::parse(&text)
                        .ok()
                        .and_then(|v| error_text(&v, "provider"))
                        .and_then(|p| Provider::parse(&p))
                        .unwrap_or(Provider::Volcengine);
                    let mut f = Fault::refusal(provider, "InvalidTarget", why);
                    f.name = ErrorName::Validation;
                    f
                })
        })
        .collect();
    Ok((given, read))
}

fn plan_step<'a>(target: JsValue, step: &'a Step<JsValue>) -> PlanStep<'a> {
    PlanStep {
        target: Held(target),
        action: step.action,
        certificate_id: step.certificate_id.as_deref(),
        current: step.current.as_ref(),
        site_name: step.site_name.as_deref(),
        error: step.problem.as_ref().map(|p| Held(problem_to_js(p))),
    }
}

fn deploy_outcome<'a>(target: JsValue, out: &'a Outcome<JsValue>) -> DeployOutcome<'a> {
    DeployOutcome {
        target: Held(target),
        status: out.status,
        certificate_id: out.certificate_id.as_deref(),
        replaced: out.replaced.as_ref(),
        error: out.problem.as_ref().map(|p| Held(problem_to_js(p))),
    }
}

/// The steps of a plan handed back in `{ plan }`: for the same certificate, one per target.
fn expected_of(
    plan: &JsValue,
    material: &Material,
    targets: usize,
) -> Result<Vec<Expected>, JsValue> {
    let text = JSON::stringify(plan).ok().and_then(|s| s.as_string()).unwrap_or_default();
    let bad = |why: &str| deploy_error("PlanMismatch", why, None);
    let v: Value = serde_json::from_str(&text)
        .map_err(|_| bad("plan must be what planDeployment resolved with"))?;
    let fingerprint = v["certificate"]["fingerprintSha256"].as_str().unwrap_or("");
    if fingerprint != material.summary.fingerprint_sha256 {
        return Err(bad("the plan is of another certificate"));
    }
    let steps = v["steps"].as_array().ok_or_else(|| bad("plan.steps is missing"))?;
    if steps.len() != targets {
        return Err(bad(&format!("the plan has {} steps for {targets} targets", steps.len())));
    }
    steps
        .iter()
        .map(|s| {
            let action = serde_json::from_value::<StepAction>(s["action"].clone())
                .map_err(|_| bad("a step's action must be unchanged, bind, upload or refuse"))?;
            Ok(Expected { action, certificate_id: s["certificateId"].as_str().map(str::to_string) })
        })
        .collect()
}

/// What `planDeployment` and `deployCertificate` read before anything is sent.
struct Prepared {
    clients: LifecycleClients,
    ctx: Ctx,
    material: Material,
    given: Array,
    targets: Vec<Result<Target, Fault>>,
    plan: Option<JsValue>,
}

fn prepare(
    clients: &JsValue,
    material: &JsValue,
    targets: &JsValue,
    options: &JsValue,
    what: &str,
) -> Result<Prepared, JsValue> {
    let clients = LifecycleClients::read(clients)?;
    let options = DeployOptions::read(options, what)?;
    let now = options.lifecycle.now;
    let (given, targets) = targets_of(targets)?;
    let material = material_of(DeployMaterial::read(material)?, now)?;
    Ok(Prepared {
        clients,
        ctx: Ctx::new(options.lifecycle, options.on_progress),
        material,
        given,
        targets,
        plan: options.plan,
    })
}

fn planned_certificate(material: &Material) -> PlannedCertificate {
    let summary = &material.summary;
    PlannedCertificate {
        fingerprint_sha256: summary.fingerprint_sha256.clone(),
        names: summary.names.clone(),
        not_after: crate::lifecycle::times::iso_utc(summary.not_after),
    }
}

/// Reads what each target serves now and says per target what a deploy would do (`unchanged`,
/// `bind` an existing certificate, `upload` and bind, or `refuse`) and what it replaces. Writes
/// nothing. Rejects (never throws) on bad arguments.
#[wasm_bindgen(js_name = planDeployment, unchecked_return_type = "Promise<DeploymentPlan>")]
pub fn plan_deployment(
    #[wasm_bindgen(unchecked_param_type = "LifecycleClients")] clients: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DeployMaterial")] material: JsValue,
    #[wasm_bindgen(unchecked_param_type = "readonly DeployTarget[]")] targets: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LifecycleOptions | AbortSignal")]
    options: JsValue,
) -> Promise {
    promise_of(prepare(&clients, &material, &targets, &options, "planDeployment").map(
        |p| async move {
            let Prepared { clients, ctx, material, given, targets, .. } = p;
            let certificate = planned_certificate(&material);
            let mut engine: DeployEngine<JsValue> =
                DeployEngine::new(material, targets, &clients.present(), ctx.limits, Mode::Plan);
            drive(&mut engine, &clients, &ctx.signal, |_| {}).await;
            if let Some(signal) = ctx.signal.as_ref().filter(|s| s.aborted()) {
                return Err(lifecycle_abort(signal));
            }
            let steps = engine.finish_plan();
            let steps = steps
                .iter()
                .enumerate()
                .map(|(i, step)| plan_step(given.get(i as u32), step))
                .collect();
            Ok(to_js_holding(&DeploymentPlan { certificate, steps }))
        },
    ))
}

/// The `ValidationError` `PlanOutdated` of a deploy whose plan no longer holds: the targets that
/// changed, in its words and in `changes`.
fn plan_outdated(changes: &[crate::lifecycle::converge::Change]) -> JsValue {
    let list: Vec<String> = changes
        .iter()
        .take(5)
        .map(|c| {
            format!("target {}: planned {:?}, now {:?}", c.index, c.planned, c.now).to_lowercase()
        })
        .collect();
    let e = deploy_error(
        "PlanOutdated",
        &format!(
            "{} target(s) changed since the plan ({}{}); nothing was sent: plan again",
            changes.len(),
            list.join("; "),
            if changes.len() > 5 { "; …" } else { "" }
        ),
        None,
    );
    let arr = Array::new();
    for c in changes {
        arr.push(&to_js(&json!({ "index": c.index, "planned": c.planned, "now": c.now })));
    }
    let _ = Reflect::set(&e, &"changes".into(), &arr);
    e
}

/// Puts one certificate onto domains and sites across clouds, converging: a target that serves
/// it already is `unchanged` (no write); one whose cloud has it is bound to that one; otherwise
/// it is uploaded once per cloud and bound. Checks first, sending nothing if the key is not the
/// certificate's, either cannot be read, or the certificate has expired. With `{ plan }` (from
/// `planDeployment`) it carries out that plan, and rejects with `ValidationError`
/// `PlanOutdated` (nothing sent) when a cloud has changed since in a way the plan did not
/// foresee. Resolves with one outcome per target, in order; rejects, never throws.
#[wasm_bindgen(js_name = deployCertificate, unchecked_return_type = "Promise<DeployOutcome[]>")]
pub fn deploy_certificate(
    #[wasm_bindgen(unchecked_param_type = "LifecycleClients")] clients: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DeployMaterial")] material: JsValue,
    #[wasm_bindgen(unchecked_param_type = "readonly DeployTarget[]")] targets: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DeployOptions | AbortSignal")] options: JsValue,
) -> Promise {
    let prepared =
        prepare(&clients, &material, &targets, &options, "deployCertificate").and_then(|p| {
            let expected = match &p.plan {
                Some(plan) => Some(expected_of(plan, &p.material, p.targets.len())?),
                None => None,
            };
            Ok((p, expected))
        });
    promise_of(prepared.map(|(p, expected)| async move {
        let Prepared { clients, ctx, material, given, targets, .. } = p;
        let mut engine: DeployEngine<JsValue> = DeployEngine::new(
            material,
            targets,
            &clients.present(),
            ctx.limits,
            Mode::Deploy { expected },
        );
        let total = given.length();
        let mut done = 0usize;
        drive(&mut engine, &clients, &ctx.signal, |e| {
            while let Some(i) = e.poll_settled() {
                for j in e.same_as(i) {
                    done += 1;
                    if let Some(out) = e.outcome(j) {
                        ctx.progress(&to_js_holding(&DeployProgress {
                            done,
                            total,
                            outcome: deploy_outcome(given.get(j as u32), out),
                        }));
                    }
                }
            }
        })
        .await;
        if !engine.changes().is_empty() {
            return Err(plan_outdated(engine.changes()));
        }
        let outcomes = engine.finish();
        let outcomes: Vec<DeployOutcome> = outcomes
            .iter()
            .enumerate()
            .map(|(i, o)| deploy_outcome(given.get(i as u32), o))
            .collect();
        Ok(to_js_holding(&outcomes))
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
    #[wasm_bindgen(unchecked_optional_param_type = "InspectOptions")] options: JsValue,
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
    let InspectOptions { now, sites } = InspectOptions::read(&options)?;
    let summary = crate::lifecycle::read_certificate(&cert)
        .map_err(|e| deploy_error(e.code(), &e.to_string(), None))?;
    let key = if private_key.is_undefined() || private_key.is_null() {
        None
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
        Some(
            crate::lifecycle::pem::key_matches(&summary, &key)
                .map_err(|e| deploy_error(e.code(), &e.to_string(), None))?,
        )
    };
    let wanted: Vec<String> = if domains.is_undefined() || domains.is_null() {
        Vec::new()
    } else {
        match snapshot(&domains, MAX_TARGETS) {
            Some(Ok(a)) => {
                a.iter().filter_map(|d| string_within(&d, 253).and_then(Result::ok)).collect()
            }
            _ => {
                return Err(config_error(
                    "InvalidInput",
                    "domains must be an array of domain names",
                    "domains",
                ))
            }
        }
    };
    Ok(to_js(&deploy::inspect(&summary, key, &wanted, &sites, now)))
}

// ---------------------------------------------------------------- rotation and accounts

fn certificates_of(v: &JsValue) -> Result<Vec<Value>, JsValue> {
    let bad = || {
        config_error(
            "InvalidInput",
            "give an inventory ({ certificates }) or its certificates",
            "inventory",
        )
    };
    let text = JSON::stringify(v).ok().and_then(|s| s.as_string()).ok_or_else(bad)?;
    let parsed: Value = serde_json::from_str(&text).map_err(|_| bad())?;
    match parsed {
        Value::Array(a) => Ok(a),
        Value::Object(mut o) => match o.remove("certificates") {
            Some(Value::Array(a)) => Ok(a),
            _ => Err(bad()),
        },
        _ => Err(bad()),
    }
}

/// The deploy targets a rotation to `certificate` replaces: every domain and ESA site of
/// `inventory` that now serves a certificate covering one of its names and expiring sooner, where
/// the new certificate covers that domain or lies within that site.
#[wasm_bindgen(js_name = replaceTargets, unchecked_return_type = "DeployTarget[]")]
pub fn replace_targets(
    #[wasm_bindgen(unchecked_param_type = "Inventory | InventoryCertificate[]")] inventory: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] certificate: JsValue,
) -> Result<JsValue, JsValue> {
    let certs = certificates_of(&inventory)?;
    let pem = match string_within(&certificate, MAX_PEM) {
        Some(Ok(s)) => s,
        _ => {
            return Err(config_error(
                "InvalidInput",
                "certificate must be PEM text of at most 1 MiB",
                "certificate",
            ))
        }
    };
    let summary = crate::lifecycle::read_certificate(&pem)
        .map_err(|e| deploy_error(e.code(), &e.to_string(), None))?;
    Ok(to_js(&crate::lifecycle::rotation::replace_targets(&certs, &summary)))
}

/// The certificates of `inventory` a prune may delete: expired ones bound nowhere (ESA: expired
/// ones of each site), and with `unbound` the unused ones; never a bound one, nor one `keep` names.
#[wasm_bindgen(js_name = pruneCandidates, unchecked_return_type = "PruneCandidate[]")]
pub fn prune_candidates(
    #[wasm_bindgen(unchecked_param_type = "Inventory | InventoryCertificate[]")] inventory: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PruneOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let certs = certificates_of(&inventory)?;
    let PruneOptions { unbound, keep, now } = PruneOptions::read(&options)?;
    let rules = crate::lifecycle::rotation::PruneRules { unbound, keep };
    Ok(to_js(&crate::lifecycle::rotation::prune_candidates(&certs, &rules, now)))
}

/// Credentials from a cloud CLI's own configuration (tccli, aliyun, ve), given the files' text:
/// the options a client takes. A profile that does not exist, or whose mode needs more than keys
/// (a RAM role, SSO), is a `ConfigError` naming it; the words never hold a secret.
#[wasm_bindgen(js_name = readCloudProfile, unchecked_return_type = "CloudProfileCredentials")]
pub fn read_cloud_profile(
    #[wasm_bindgen(unchecked_param_type = "Provider")] provider: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CloudProfileFiles")] files: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] profile: JsValue,
) -> Result<JsValue, JsValue> {
    let provider = string_within(&provider, 32)
        .and_then(Result::ok)
        .and_then(|p| Provider::parse(&p))
        .ok_or_else(|| {
            config_error(
                "InvalidInput",
                "provider must be volcengine, tencent or aliyun",
                "provider",
            )
        })?;
    let files = CloudProfileFiles::read(&files)?;
    let name = if profile.is_undefined() || profile.is_null() {
        None
    } else {
        Some(
            string_within(&profile, 128)
                .and_then(Result::ok)
                .ok_or_else(|| config_error("InvalidInput", "profile must be a name", "profile"))?,
        )
    };
    let p =
        crate::profiles::read(provider, name.as_deref(), &files.main, files.configure.as_deref())
            .map_err(|e| config_error(e.code(), &e.to_string(), "profile"))?;
    // Straight into JavaScript strings: no JSON text holding the secret is left in wasm memory.
    Ok(to_js_holding(&CloudProfileCredentials {
        access_key_id: &p.access_key_id,
        secret_access_key: &p.secret_access_key,
        session_token: p.session_token.as_deref(),
        region: p.region.as_deref(),
        site: p.site.as_str(),
    }))
}

impl CloudProfileFiles {
    fn read(files: &JsValue) -> Result<CloudProfileFiles, JsValue> {
        let text = |name: &'static str| -> Result<Option<String>, JsValue> {
            match field(files, name) {
                Ok(None) => Ok(None),
                Ok(Some(v)) => match string_within(&v, MAX_PEM) {
                    Some(Ok(s)) => Ok(Some(s)),
                    _ => Err(config_error(
                        "InvalidInput",
                        &format!("files.{name} must be text of at most 1 MiB"),
                        name,
                    )),
                },
                Err(_) => {
                    Err(config_error("InvalidInput", &format!("files.{name} cannot be read"), name))
                }
            }
        };
        let main = text("main")?
            .ok_or_else(|| config_error("InvalidInput", "files.main is required", "main"))?;
        Ok(CloudProfileFiles { main, configure: text("configure")? })
    }
}

/// The days before its expiry from which a certificate is `expiring` (the inventory's rule, for
/// consoles that judge other listings the same way).
#[wasm_bindgen(js_name = expiringDays)]
pub fn expiring_days() -> u32 {
    crate::lifecycle::inventory::EXPIRING_DAYS as u32
}

/// The option `key` of `options` as a list of strings of at most `max` characters (longer ones
/// and non-strings are left out); absent: empty; not an array: a `ConfigError` with `words`.
fn string_list(
    options: &JsValue,
    key: &'static str,
    max: u32,
    words: &str,
) -> Result<Vec<String>, JsValue> {
    match field(options, key) {
        Ok(Some(v)) => match snapshot(&v, MAX_TARGETS) {
            Some(Ok(a)) => {
                Ok(a.iter().filter_map(|s| string_within(&s, max).and_then(Result::ok)).collect())
            }
            _ => Err(config_error("InvalidOption", words, key)),
        },
        _ => Ok(Vec::new()),
    }
}
