//! Which operation a request names, its checks, and the dispatch to the cloud that carries it
//! out: a `match` on the catalog's `OpId` with no default arm, so that an operation added to the
//! catalog without its behaviour here does not compile.

use liveops::catalog::OpId;
use liveops::catalog::Operation;
use liveops::catalog::{aliyun_esa, tencent_live, volcengine_live};
use liveops::validate::{validate_operation, Locale};
use serde_json::Value;

use crate::answer::{error, ok, Answer, Ctx, Failure, Outcome};
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
    op.product
        .map(|p| p.service)
        .unwrap_or(op.provider.profile().service)
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

/// What a handler of one operation is given beside its payload.
pub(crate) struct At<'a> {
    pub state: &'a mut State,
    pub now: i64,
    /// The largest page this emulator serves (a fault setting), where the cloud's is larger.
    pub max_page: Option<u64>,
}

/// What the emulator does for one operation of the catalog: each cloud's module implements it
/// for the operation's type (`liveops::catalog::op::…`), beside the behaviour. The dispatch below
/// is expanded from the catalog's list, so an operation without a handler does not compile.
pub(crate) trait Handle {
    fn handle(payload: &Value, at: &mut At) -> Outcome;
}

/// `impl Handle` for some operations, one line each:
/// `handlers! { VolcBindCert => |p, at| bind_cert(p, at.state); }`.
macro_rules! handlers {
    ($($op:ident => |$p:ident, $at:ident| $body:expr;)*) => {
        $(
            impl $crate::clouds::Handle for liveops::catalog::op::$op {
                fn handle($p: &serde_json::Value, $at: &mut $crate::clouds::At) -> $crate::answer::Outcome {
                    $body
                }
            }
        )*
    };
}
pub(crate) use handlers;

#[doc = "The dispatch, from the catalog's list."]
macro_rules! dispatch {
    ($( $(#[$doc:meta])* $id:ident : $class:ident . $js:ident / $rust:ident = $module:ident :: $decl:ident ($req:literal -> $ret:literal) ),* $(,)?) => {
        fn handle(id: OpId, payload: &Value, at: &mut At) -> Outcome {
            match id {
                $(OpId::$id => <liveops::catalog::op::$id as Handle>::handle(payload, at)),*
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
    let mut at = At {
        state,
        now,
        max_page,
    };
    match handle(id, payload, &mut at) {
        Ok((result, changed)) => ok(cloud, ctx, result, changed),
        Err(f) => error(cloud, ctx, f),
    }
}
