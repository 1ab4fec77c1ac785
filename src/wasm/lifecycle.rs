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
use crate::lifecycle::converge::{
    DeployEngine, Expected, Material, Mode, Outcome, Served, Step, StepAction,
};
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

export interface InventoryError { provider: Provider; siteId?: number | string; error: LiveopsError }

/**
 * Options of the lifecycle functions. A bare `AbortSignal` may be passed in their place; anything
 * else that is not an object rejects with a `ConfigError` (these functions never throw).
 */
export interface LifecycleOptions {
  signal?: AbortSignal;
  /**
   * Calls in flight per cloud at most (1 to 100). Default: each cloud's documented rate, which
   * keeps it busy up to a one-second round trip; the clients' rate limits pace every call anyway.
   */
  concurrency?: number;
  /** The time states, days and expiry are judged at (default: now). */
  now?: Date | number;
}

export interface InventoryOptions extends LifecycleOptions {
  onProgress?: (p: InventoryProgress) => void;
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

/** A domain of Volcengine or Tencent Live, or an ESA site by its id or its name. */
export type DeployTarget =
  | { provider: "volcengine" | "tencent"; domain: string }
  | { provider: "aliyun"; siteId: number | string }
  | { provider: "aliyun"; siteName: string };

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
  status: DeployStatus;
  /** The certificate it serves (or would): Volcengine ChainID, Tencent CloudCertId, ESA Id. */
  certificateId?: string;
  /** What it served before, where the deploy changed it. */
  replaced?: ServedCertificate | null;
  error?: LiveopsError;
}

export interface PlanStep {
  target: DeployTarget;
  action: PlanAction;
  /** `unchanged`: the certificate in place; `bind`: the one that will be bound. */
  certificateId: string | null;
  /** What the target serves now (what a deploy replaces), where the cloud tells it. */
  current: ServedCertificate | null;
  /** ESA: the site's name. */
  siteName?: string;
  /** `refuse`: why (`NotCovered`, `NotFound`, `NoClient`, `InvalidTarget`, or the read that failed). */
  error?: LiveopsError;
}

export interface DeploymentPlan {
  certificate: { fingerprintSha256: string; names: string[]; notAfter: string };
  /** One step per target, in order. */
  steps: PlanStep[];
}

export interface DeployOptions extends LifecycleOptions {
  onProgress?: (p: { done: number; total: number; outcome: DeployOutcome }) => void;
  /**
   * A plan from `planDeployment` for the same certificate and targets: the deploy carries it out,
   * and rejects with `ValidationError` `PlanOutdated` (nothing sent) when a cloud changed since
   * in a way the plan did not foresee (a target that became `unchanged` is no change).
   */
  plan?: DeploymentPlan;
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

// ---------------------------------------------------------------- plan and deploy

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

/// The certificate, its key and its name, read and checked against each other and the clock.
fn material_of(material: &JsValue, now: i64) -> Result<Material, JsValue> {
    if !is_options_object(material) {
        return Err(config_error(
            "InvalidInput",
            "the certificate must be { certificate, privateKey, name? }",
            "certificate",
        ));
    }
    let cert = pem_text(material, "certificate")?;
    let key = pem_text(material, "privateKey")?;
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
    let summary = deploy::check_material(&cert, &key, now)
        .map_err(|e| deploy_error(e.code(), &e.to_string(), None))?;
    Ok(Material {
        name: name.unwrap_or_else(|| deploy::default_name(&summary)),
        certificate: cert,
        private_key: key,
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
            let text = JSON::stringify(&given.get(i))
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default();
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

fn served_to_js(s: &Option<Served>) -> JsValue {
    match s {
        Some(s) => to_js(s),
        None => JsValue::NULL,
    }
}

fn step_to_js(target: &JsValue, step: &Step<JsValue>) -> JsValue {
    let o = Object::new();
    let _ = Reflect::set(&o, &"target".into(), target);
    let _ = Reflect::set(&o, &"action".into(), &to_js(&step.action));
    let _ = Reflect::set(
        &o,
        &"certificateId".into(),
        &step
            .certificate_id
            .as_deref()
            .map(JsValue::from)
            .unwrap_or(JsValue::NULL),
    );
    let _ = Reflect::set(&o, &"current".into(), &served_to_js(&step.current));
    if let Some(name) = &step.site_name {
        let _ = Reflect::set(&o, &"siteName".into(), &name.into());
    }
    if let Some(p) = &step.problem {
        let _ = Reflect::set(&o, &"error".into(), &problem_to_js(p));
    }
    o.into()
}

fn outcome_to_js(target: &JsValue, out: &Outcome<JsValue>) -> JsValue {
    let o = Object::new();
    let _ = Reflect::set(&o, &"target".into(), target);
    let _ = Reflect::set(&o, &"status".into(), &to_js(&out.status));
    if let Some(id) = &out.certificate_id {
        let _ = Reflect::set(&o, &"certificateId".into(), &id.into());
    }
    if out.replaced.is_some() {
        let _ = Reflect::set(&o, &"replaced".into(), &served_to_js(&out.replaced));
    }
    if let Some(p) = &out.problem {
        let _ = Reflect::set(&o, &"error".into(), &problem_to_js(p));
    }
    o.into()
}

/// The steps of a plan handed back in `{ plan }`: for the same certificate, one per target.
fn expected_of(
    plan: &JsValue,
    material: &Material,
    targets: usize,
) -> Result<Vec<Expected>, JsValue> {
    let text = JSON::stringify(plan)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    let bad = |why: &str| deploy_error("PlanMismatch", why, None);
    let v: Value = serde_json::from_str(&text)
        .map_err(|_| bad("plan must be what planDeployment resolved with"))?;
    let fingerprint = v["certificate"]["fingerprintSha256"].as_str().unwrap_or("");
    if fingerprint != material.summary.fingerprint_sha256 {
        return Err(bad("the plan is of another certificate"));
    }
    let steps = v["steps"]
        .as_array()
        .ok_or_else(|| bad("plan.steps is missing"))?;
    if steps.len() != targets {
        return Err(bad(&format!(
            "the plan has {} steps for {targets} targets",
            steps.len()
        )));
    }
    steps
        .iter()
        .map(|s| {
            let action = serde_json::from_value::<StepAction>(s["action"].clone())
                .map_err(|_| bad("a step's action must be unchanged, bind, upload or refuse"))?;
            Ok(Expected {
                action,
                certificate_id: s["certificateId"].as_str().map(str::to_string),
            })
        })
        .collect()
}

/// What `planDeployment` and `deployCertificate` read before anything is sent.
struct Prepared {
    clients: Clients,
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
    let clients = Clients::read(clients)?;
    let (ctx, now) = options_of(options, what)?;
    let (given, targets) = targets_of(targets)?;
    let material = material_of(material, now)?;
    let plan = match caller_options(options, what).map(|o| field(&o.obj, "plan")) {
        Ok(Ok(p)) => p,
        _ => None,
    };
    Ok(Prepared {
        clients,
        ctx,
        material,
        given,
        targets,
        plan,
    })
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
    promise_of(
        prepare(&clients, &material, &targets, &options, "planDeployment").map(|p| async move {
            let Prepared {
                clients,
                ctx,
                material,
                given,
                targets,
                ..
            } = p;
            let certificate = json!({
                "fingerprintSha256": material.summary.fingerprint_sha256,
                "names": material.summary.names,
                "notAfter": crate::lifecycle::times::iso_utc(material.summary.not_after),
            });
            let mut engine: DeployEngine<JsValue> = DeployEngine::new(
                material,
                targets,
                &clients.present(),
                ctx.limits,
                Mode::Plan,
            );
            drive(&mut engine, &clients, &ctx.signal, |_| {}).await;
            if ctx.signal.as_ref().is_some_and(AbortSignal::aborted) {
                return Err(lifecycle_abort(ctx.signal.as_ref().unwrap()));
            }
            let steps = Array::new();
            for (i, step) in engine.finish_plan().iter().enumerate() {
                steps.push(&step_to_js(&given.get(i as u32), step));
            }
            let out = Object::new();
            Reflect::set(&out, &"certificate".into(), &to_js(&certificate))?;
            Reflect::set(&out, &"steps".into(), &steps)?;
            Ok(out.into())
        }),
    )
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
        let Prepared {
            clients,
            ctx,
            material,
            given,
            targets,
            ..
        } = p;
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
                        let p = Object::new();
                        let _ = Reflect::set(&p, &"done".into(), &(done as f64).into());
                        let _ = Reflect::set(&p, &"total".into(), &(total as f64).into());
                        let _ = Reflect::set(
                            &p,
                            &"outcome".into(),
                            &outcome_to_js(&given.get(j as u32), out),
                        );
                        ctx.progress(&p.into());
                    }
                }
            }
        })
        .await;
        let changes = engine.changes().to_vec();
        if !changes.is_empty() {
            let list: Vec<String> = changes
                .iter()
                .take(5)
                .map(|c| {
                    format!(
                        "target {}: planned {:?}, now {:?}",
                        c.index, c.planned, c.now
                    )
                    .to_lowercase()
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
            for c in &changes {
                arr.push(&to_js(
                    &json!({ "index": c.index, "planned": c.planned, "now": c.now }),
                ));
            }
            let _ = Reflect::set(&e, &"changes".into(), &arr);
            return Err(e);
        }
        let out = Array::new();
        for (i, o) in engine.finish().iter().enumerate() {
            out.push(&outcome_to_js(&given.get(i as u32), o));
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
    #[wasm_bindgen(
        unchecked_optional_param_type = "{ now?: Date | number; sites?: readonly string[] }"
    )]
    options: JsValue,
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
    // ESA sites by name: covered when one of the certificate's names lies within the site.
    let sites = string_list(
        &options,
        "sites",
        253,
        "inspectCertificate: option sites must be an array of site names",
    )?;
    Ok(to_js(&deploy::inspect(&summary, key, &wanted, &sites, now)))
}

// ---------------------------------------------------------------- rotation and accounts

#[wasm_bindgen(typescript_custom_section)]
const TS_ROTATION: &'static str = r#"
export interface PruneOptions {
  /** Also certificates that have not expired but serve nothing. */
  unbound?: boolean;
  /** Ids and SHA-256 fingerprints never to delete (what the last deploy put in place). */
  keep?: readonly string[];
  now?: Date | number;
}

/** The files of a cloud CLI's configuration, as text. */
export interface CloudProfileFiles {
  /** tccli: `~/.tccli/NAME.credential`; aliyun: `~/.aliyun/config.json`; ve: `~/.volcengine/config.json`. */
  main: string;
  /** tccli only: `~/.tccli/NAME.configure` (region, endpoints). */
  configure?: string;
}

/** What a profile gives a client: pass it into the client's options. */
export interface CloudProfileCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region?: string;
  site: "cn" | "intl";
}
"#;

fn certificates_of(v: &JsValue) -> Result<Vec<Value>, JsValue> {
    let bad = || {
        config_error(
            "InvalidInput",
            "give an inventory ({ certificates }) or its certificates",
            "inventory",
        )
    };
    let text = JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(bad)?;
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
    Ok(to_js(&crate::lifecycle::rotation::replace_targets(
        &certs, &summary,
    )))
}

/// The certificates of `inventory` a prune may delete: expired ones bound nowhere (ESA: expired
/// ones of each site), and with `unbound` the unused ones; never a bound one, nor one `keep` names.
#[wasm_bindgen(js_name = pruneCandidates, unchecked_return_type = "PruneCandidate[]")]
pub fn prune_candidates(
    #[wasm_bindgen(unchecked_param_type = "Inventory | InventoryCertificate[]")] inventory: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PruneOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let certs = certificates_of(&inventory)?;
    let (_, now) = options_of(&options, "pruneCandidates")?;
    let unbound = matches!(field(&options, "unbound"), Ok(Some(v)) if v.as_bool() == Some(true));
    let keep = string_list(
        &options,
        "keep",
        256,
        "pruneCandidates: option keep must be an array of ids and fingerprints",
    )?;
    let rules = crate::lifecycle::rotation::PruneRules { unbound, keep };
    Ok(to_js(&crate::lifecycle::rotation::prune_candidates(
        &certs, &rules, now,
    )))
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
    let read = |name: &'static str| -> Result<Option<String>, JsValue> {
        match field(&files, name) {
            Ok(None) => Ok(None),
            Ok(Some(v)) => match string_within(&v, MAX_PEM) {
                Some(Ok(s)) => Ok(Some(s)),
                _ => Err(config_error(
                    "InvalidInput",
                    &format!("files.{name} must be text of at most 1 MiB"),
                    name,
                )),
            },
            Err(_) => Err(config_error(
                "InvalidInput",
                &format!("files.{name} cannot be read"),
                name,
            )),
        }
    };
    let main = read("main")?
        .ok_or_else(|| config_error("InvalidInput", "files.main is required", "main"))?;
    let configure = read("configure")?;
    let name = if profile.is_undefined() || profile.is_null() {
        None
    } else {
        Some(
            string_within(&profile, 128)
                .and_then(Result::ok)
                .ok_or_else(|| config_error("InvalidInput", "profile must be a name", "profile"))?,
        )
    };
    let p = crate::profiles::read(provider, name.as_deref(), &main, configure.as_deref())
        .map_err(|e| config_error(e.code(), &e.to_string(), "profile"))?;
    let out = Object::new();
    let _ = Reflect::set(
        &out,
        &"accessKeyId".into(),
        &p.access_key_id.as_str().into(),
    );
    let _ = Reflect::set(
        &out,
        &"secretAccessKey".into(),
        &p.secret_access_key.as_str().into(),
    );
    if let Some(t) = &p.session_token {
        let _ = Reflect::set(&out, &"sessionToken".into(), &t.as_str().into());
    }
    if let Some(r) = &p.region {
        let _ = Reflect::set(&out, &"region".into(), &r.as_str().into());
    }
    let _ = Reflect::set(&out, &"site".into(), &p.site.as_str().into());
    Ok(out.into())
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
            Some(Ok(a)) => Ok(a
                .iter()
                .filter_map(|s| string_within(&s, max).and_then(Result::ok))
                .collect()),
            _ => Err(config_error("InvalidOption", words, key)),
        },
        _ => Ok(Vec::new()),
    }
}
