//! Which operation a request names, its checks, and the dispatch to the cloud that carries it
//! out: a `match` on the catalog's `OpId` with no default arm, so that an operation added to the
//! catalog without its behaviour here does not compile.

use liveops::catalog::{aliyun_esa, tencent_live, volcengine_live};
use liveops::catalog::{Check, Contract, Kind, OpId, Operation};
use liveops::validate::{validate_operation, Locale};
use serde::Serialize;
use serde_json::Value;

use crate::answer::{error, ok, Answer, Ctx, Failure, Outcome};
use crate::refusals;
use crate::state::State;
use liveops::catalog::Provider as Cloud;

/// The operation this cloud names `action`, if the emulator serves it at that version.
pub fn operation(
    cloud: Cloud,
    action: &str,
    version: &str,
    contract: liveops::catalog::Contract,
) -> Result<&'static Operation, Failure> {
    let (provider_version, unknown) = match cloud {
        Cloud::Volcengine => (
            volcengine_live::VERSION,
            Failure::gateway(
                404,
                "InvalidActionOrVersion",
                100008,
                format!("Action {action} with Version {version} is not supported"),
            ),
        ),
        Cloud::Tencent => (
            tencent_live::VERSION,
            Failure::new(
                200,
                "InvalidAction",
                format!("The action {action} at version {version} does not exist"),
            ),
        ),
        Cloud::Aliyun => (
            aliyun_esa::VERSION,
            Failure::new(
                404,
                "InvalidAction.NotFound",
                format!("Specified api {action} is not found at version {version}"),
            ),
        ),
    };
    let _ = provider_version;
    // Each operation answers at its own version: Tencent's SSL operations at 2019-12-05 beside
    // the Live ones at 2018-08-01.
    match liveops::catalog::operation_as_of(cloud, action, contract) {
        Some(op) if op.version == version => Ok(op),
        _ => Err(unknown),
    }
}

/// Whether `service` names one of the cloud's services (its own, or a product's of its catalog).
pub fn is_service_of(cloud: Cloud, service: &str) -> bool {
    cloud.profile().service == service
        || liveops::catalog::OPERATIONS
            .iter()
            .any(|op| op.provider == cloud && op.product.is_some_and(|p| p.service == service))
}

/// The service an operation's signature must be scoped to: its product's, else the cloud's.
pub fn signing_service(op: &Operation) -> &'static str {
    op.product.map(|p| p.service).unwrap_or(op.provider.profile().service)
}

/// Checks `payload` with the library's own rule table: the first error is the cloud's answer.
pub fn validate(cloud: Cloud, op: &Operation, payload: &Value) -> Result<(), (Failure, String)> {
    let report = validate_operation(op, payload, Locale::En);
    let Some(first) = report.errors.first() else {
        return Ok(());
    };
    let rule = first.rule.map(|r| r.id()).unwrap_or_default();
    let code: &'static str = first.rule.map(|r| r.code).unwrap_or("InvalidParameter");
    let status = cloud.profile().error_status.unwrap_or(400);
    let message = if first.path.is_empty() {
        first.message.clone()
    } else {
        format!("{}: {}", first.path, first.message)
    };
    Err((Failure::new(status, code, message), rule))
}

/// What a handler of one operation is given beside its request.
pub(crate) struct At<'a> {
    pub state: &'a mut State,
    pub now: i64,
    /// The largest page this emulator serves (a fault setting), where the cloud's is larger.
    pub max_page: Option<u64>,
    /// The answer's `RequestId`: Tencent's and ESA's answer models carry it (the envelope writes
    /// the same one).
    pub request_id: &'a str,
}

/// What the emulator does for one operation of the catalog: each cloud's module implements it
/// for the operation's type (`liveops::catalog::op::…`), beside the behaviour, reading the
/// catalog's request model and answering its answer model, so that the compiler holds what the
/// emulator answers to the types the TypeScript declarations are generated from. The dispatch
/// below is expanded from the catalog's list, so an operation without a handler does not compile.
pub(crate) trait Handle {
    /// The catalog's request model.
    type Request;
    /// The catalog's answer model: what goes in the cloud's envelope (`()` for none).
    type Answer: Serialize;
    /// Reads a validated payload under the contract its declaration belongs to (an operation
    /// that changed has a request model per contract).
    fn decode(payload: Value, contract: Contract) -> serde_json::Result<Self::Request>;
    fn handle(request: Self::Request, at: &mut At) -> Result<(Self::Answer, bool), Failure>;
}

/// `impl Handle` for some operations, one line each: the operation, its request and answer
/// models, and what carries it out:
/// `handlers! { VolcBindCert(BindCertRequest) -> () => |p, at| bind_cert(p, at.state); }`.
/// A request read otherwise than by serde names its reader:
/// `(Request, decoded by Request::decode)`.
macro_rules! handlers {
    ($($op:ident ($req:ty $(, decoded by $decode:path)?) -> $ans:ty => |$p:ident, $at:ident| $body:expr;)*) => {
        $(
            impl $crate::clouds::Handle for liveops::catalog::op::$op {
                type Request = $req;
                type Answer = $ans;

                fn decode(
                    payload: serde_json::Value,
                    contract: liveops::catalog::Contract,
                ) -> serde_json::Result<$req> {
                    $crate::clouds::handlers!(@decode payload, contract $(, $decode)?)
                }

                fn handle(
                    $p: $req,
                    $at: &mut $crate::clouds::At,
                ) -> Result<($ans, bool), $crate::answer::Failure> {
                    $body
                }
            }
        )*
    };
    (@decode $payload:ident, $contract:ident) => {{
        let _ = $contract;
        serde_json::from_value($payload)
    }};
    (@decode $payload:ident, $contract:ident, $decode:path) => {
        $decode($payload, $contract)
    };
}
pub(crate) use handlers;

/// Decodes the payload, runs the handler and writes its answer model as JSON.
fn run<H: Handle>(cloud: Cloud, op: &Operation, payload: &Value, at: &mut At) -> Outcome {
    let request = H::decode(as_models_read(op, payload), contract_of(op))
        .map_err(|e| refusals::undecodable(cloud, &e))?;
    let (answer, changed) = H::handle(request, at)?;
    let answer = serde_json::to_value(answer).map_err(|e| {
        Failure::new(500, "InternalError", format!("the answer cannot be written: {e}"))
    })?;
    Ok((answer, changed))
}

/// The contract a declaration belongs to: a revision's, else the default.
fn contract_of(op: &Operation) -> Contract {
    liveops::catalog::REVISIONS
        .iter()
        .find(|(_, revised)| std::ptr::eq(*revised, op))
        .map_or_else(Contract::default, |(contract, _)| *contract)
}

/// The payload with every integer field as a JSON integer: the rule tables accept an `Int64` as
/// decimal text (RPC parameters are all text; Tencent's examples send `"PageSize": "10"`) and any
/// integer as an integral float (`1e3`), which the models' `i64` fields do not read.
fn as_models_read(op: &Operation, payload: &Value) -> Value {
    let mut out = payload.clone();
    for rule in op.rules {
        if let Check::Type(Kind::Integer | Kind::Int64) = rule.check {
            let path: Vec<&str> = rule.path.split('.').collect();
            each_at(&mut out, &path, &mut |v| {
                if let Some(n) = integer(v) {
                    *v = Value::from(n);
                }
            });
        }
    }
    out
}

/// An `i64` written as decimal text or as an integral float; `None` for anything else (a JSON
/// integer already, or a value the models refuse).
fn integer(v: &Value) -> Option<i64> {
    match v {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            let f = n.as_f64()?;
            // The bounds are exact powers of two: every float in range converts without loss.
            (f.fract() == 0.0 && f >= -(2f64.powi(63)) && f < 2f64.powi(63)).then_some(f as i64)
        }
        _ => None,
    }
}

/// Calls `f` on each value at `path` (`DomainInfos[].Status`: every entry's).
fn each_at(v: &mut Value, path: &[&str], f: &mut dyn FnMut(&mut Value)) {
    let Some((head, rest)) = path.split_first() else {
        return f(v);
    };
    let (name, every) = match head.strip_suffix("[]") {
        Some(name) => (name, true),
        None => (*head, false),
    };
    match (every, v.get_mut(name)) {
        (true, Some(Value::Array(items))) => items.iter_mut().for_each(|i| each_at(i, rest, f)),
        (false, Some(child)) => each_at(child, rest, f),
        _ => {}
    }
}

#[doc = "The dispatch, from the catalog's list."]
macro_rules! dispatch {
    ($( $(#[$doc:meta])* $id:ident : $class:ident . $js:ident / $rust:ident = $module:ident :: $decl:ident ($req:literal -> $ret:literal) ),* $(,)?) => {
        fn handle(id: OpId, cloud: Cloud, op: &Operation, payload: &Value, at: &mut At) -> Outcome {
            match id {
                $(OpId::$id => run::<liveops::catalog::op::$id>(cloud, op, payload, at)),*
            }
        }
    };
}
liveops::for_each_operation!(dispatch);

/// Runs a validated operation against the state: each cloud's module carries it out.
pub fn apply(
    cloud: Cloud,
    ctx: &Ctx,
    op: &Operation,
    payload: &Value,
    state: &mut State,
    now: i64,
    max_page: Option<u64>,
) -> Answer {
    let Some(id) = op.id() else {
        return error(
            cloud,
            ctx,
            Failure::new(500, "InternalError", "an operation outside the catalog"),
        );
    };
    let mut at = At { state, now, max_page, request_id: &ctx.request_id };
    match handle(id, cloud, op, payload, &mut at) {
        Ok((result, changed)) => ok(cloud, ctx, result, changed),
        Err(f) => error(cloud, ctx, f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The last segment of a type's path: `ListCertV2Result`.
    fn name_of<T>() -> &'static str {
        let full = std::any::type_name::<T>();
        full.rsplit("::").next().unwrap_or(full)
    }

    /// The TypeScript names a handler's model stands for, where they are not its own.
    fn ts_names(rust: &'static str) -> &'static [&'static str] {
        match rust {
            // Either contract's request (`AuthKeyUpdate`).
            "AuthKeyUpdate" => &["UpdateAuthKeyRequest", "UpdateAuthKey2025Request"],
            // No `Result`: the client answers the RequestId alone.
            "()" => &["RequestIdResult"],
            // `ListCertV2Answer` is `ListCertV2Result & { RequestId: string }`.
            "ListCertV2Result" => &["ListCertV2Answer"],
            _ => &[],
        }
    }

    fn names_in(rust: &'static str, ts: &str) -> bool {
        let own = [rust];
        let names = match ts_names(rust) {
            [] => &own[..],
            names => names,
        };
        names.iter().all(|n| ts.split(|c: char| !c.is_ascii_alphanumeric()).any(|word| word == *n))
    }

    macro_rules! models_match_the_list {
        ($( $(#[$doc:meta])* $id:ident : $class:ident . $js:ident / $rust:ident = $module:ident :: $decl:ident ($req:literal -> $ret:literal) ),* $(,)?) => {
            /// Each handler's request and answer models are the ones the catalog's list gives the
            /// operation's TypeScript types from: what the compiler holds the emulator to is
            /// what the client's declarations promise.
            #[test]
            fn handlers_answer_the_models_the_declarations_name() {
                $(
                    let request = name_of::<<liveops::catalog::op::$id as Handle>::Request>();
                    let answer = name_of::<<liveops::catalog::op::$id as Handle>::Answer>();
                    assert!(names_in(request, $req), "{}: {request} is not {}", stringify!($id), $req);
                    assert!(names_in(answer, $ret), "{}: {answer} is not {}", stringify!($id), $ret);
                )*
            }
        };
    }
    liveops::for_each_operation!(models_match_the_list);
}
