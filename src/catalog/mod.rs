//! The catalog: one profile per cloud (`profile`) and one declaration per operation (a module per
//! cloud API), in the vocabulary of `model`. Validation, the clients, the generated docs and
//! TypeScript types, the emulator and the console read it; it depends on nothing but the signing
//! schemes.
//!
//! Adding an operation: declare it in its cloud's module (fields, rules, answer model, whether it
//! is idempotent), list it in `OPERATIONS`, teach the emulator its behaviour, and test it.

pub mod aliyun_esa;
pub mod envelope;
pub mod model;
pub mod profile;
pub mod spec;
pub mod tencent_live;
pub mod volcengine_live;

pub use model::{rule, Charset, Check, FieldDoc, Kind, Level, Operation, Placement, Rule};
pub use profile::{CloudProfile, Provider};

use serde_json::Value;

/// Every operation of the library, in the order of the docs.
pub static OPERATIONS: [&Operation; 6] = [
    &volcengine_live::UPDATE_AUTH_KEY,
    &volcengine_live::LIST_CERT_V2,
    &volcengine_live::UNBIND_CERT,
    &volcengine_live::BIND_CERT,
    &tencent_live::MODIFY_LIVE_DOMAIN_CERT_BINDINGS,
    &aliyun_esa::APPLY_CERTIFICATE,
];

/// The operation named `action` of `provider`.
pub fn operation(provider: Provider, action: &str) -> Option<&'static Operation> {
    OPERATIONS
        .iter()
        .copied()
        .find(|op| op.provider == provider && op.action == action)
}

/// `payload` with every secret field of `op` replaced by `***`: what a preview may show.
pub fn masked(op: &Operation, payload: &Value) -> Value {
    fn mask(v: &mut Value, path: &[&str]) {
        let Some((head, rest)) = path.split_first() else {
            if v.is_string() {
                *v = Value::String("***".into());
            }
            return;
        };
        let (name, every) = match head.strip_suffix("[]") {
            Some(name) => (name, true),
            None => (*head, false),
        };
        let Some(child) = v.get_mut(name) else { return };
        match (every, child) {
            (true, Value::Array(items)) => items.iter_mut().for_each(|i| mask(i, rest)),
            (true, _) => {}
            (false, child) => mask(child, rest),
        }
    }
    let mut out = payload.clone();
    for path in op.secret_fields {
        mask(&mut out, &path.split('.').collect::<Vec<_>>());
    }
    out
}
