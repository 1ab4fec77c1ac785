//! The five operations, one module per cloud: typed models (serde; TypeScript via tsify), the rule
//! table that drives validation, docs and the emulator, and the facts of each API's envelope.

pub mod aliyun_esa;
pub mod stream_auth;
pub mod tencent_live;
pub mod volcengine_live;

use crate::validate::{Operation, Provider};

/// Every operation of the library, in the order of the docs.
pub static OPERATIONS: [&Operation; 5] = [
    &volcengine_live::UPDATE_AUTH_KEY,
    &volcengine_live::LIST_CERT_V2,
    &volcengine_live::UNBIND_CERT,
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
pub fn masked(op: &Operation, payload: &serde_json::Value) -> serde_json::Value {
    fn mask(v: &mut serde_json::Value, path: &[&str]) {
        let Some((head, rest)) = path.split_first() else {
            if v.is_string() {
                *v = serde_json::Value::String("***".into());
            }
            return;
        };
        let (name, every) = match head.strip_suffix("[]") {
            Some(name) => (name, true),
            None => (*head, false),
        };
        let Some(child) = v.get_mut(name) else { return };
        match (every, child) {
            (true, serde_json::Value::Array(items)) => items.iter_mut().for_each(|i| mask(i, rest)),
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

#[cfg(test)]
mod tests;
