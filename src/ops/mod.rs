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

#[cfg(test)]
mod tests;
