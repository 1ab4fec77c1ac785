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
pub mod tencent_ssl;
pub mod volcengine_live;

pub use model::{
    doc, rule, Charset, Check, Danger, FieldDoc, Idempotence, Kind, Level, Operation, PageStyle,
    Paging, PemKind, Placement, Product, Rule, MAX_PAGES,
};
pub use profile::{CloudProfile, Provider, Site};

use serde_json::Value;

/// Every operation of the library, in the order of the docs.
pub static OPERATIONS: [&Operation; 20] = [
    &volcengine_live::UPDATE_AUTH_KEY,
    &volcengine_live::LIST_CERT_V2,
    &volcengine_live::UNBIND_CERT,
    &volcengine_live::BIND_CERT,
    &volcengine_live::CREATE_CERT,
    &volcengine_live::DELETE_CERT,
    &volcengine_live::DESCRIBE_CERT_DETAIL_SECRET_V2,
    &volcengine_live::LIST_DOMAIN_DETAIL,
    &tencent_live::MODIFY_LIVE_DOMAIN_CERT_BINDINGS,
    &tencent_live::DESCRIBE_LIVE_DOMAIN_CERT_BINDINGS,
    &tencent_live::DESCRIBE_LIVE_DOMAIN_CERT,
    &tencent_live::DESCRIBE_LIVE_DOMAINS,
    &tencent_ssl::DESCRIBE_CERTIFICATES,
    &tencent_ssl::DELETE_CERTIFICATE,
    &aliyun_esa::APPLY_CERTIFICATE,
    &aliyun_esa::LIST_SITES,
    &aliyun_esa::LIST_CERTIFICATES,
    &aliyun_esa::GET_CERTIFICATE,
    &aliyun_esa::SET_CERTIFICATE,
    &aliyun_esa::DELETE_CERTIFICATE,
];

/// The contract a rule set follows where an operation changed: `2023-10` (the default, the seed
/// documents) or `2025-09` (Volcengine's UpdateAuthKey of 2025-09-29).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Contract {
    #[default]
    V2023_10,
    V2025_09,
}

impl Contract {
    pub const ALL: [Contract; 2] = [Contract::V2023_10, Contract::V2025_09];

    pub fn parse(s: &str) -> Option<Contract> {
        match s {
            "2023-10" => Some(Contract::V2023_10),
            "2025-09" => Some(Contract::V2025_09),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Contract::V2023_10 => "2023-10",
            Contract::V2025_09 => "2025-09",
        }
    }
}

/// Operations whose rules changed, by the contract that changed them.
pub static REVISIONS: [(Contract, &Operation); 1] =
    [(Contract::V2025_09, &volcengine_live::UPDATE_AUTH_KEY_2025)];

/// The operation named `action` of `provider` as `contract` has it.
pub fn operation_as_of(
    provider: Provider,
    action: &str,
    contract: Contract,
) -> Option<&'static Operation> {
    REVISIONS
        .iter()
        .find(|(c, op)| *c == contract && op.provider == provider && op.action == action)
        .map(|(_, op)| *op)
        .or_else(|| operation(provider, action))
}

/// A JSON number as decimal text, through serde_json's writer: `Number`'s `Display` would pull
/// core's float formatting into the module for the numbers that are floats.
pub fn decimal(n: &serde_json::Number) -> String {
    serde_json::to_string(n).unwrap_or_default()
}

/// The operation named `action` of `provider`.
pub fn operation(provider: Provider, action: &str) -> Option<&'static Operation> {
    OPERATIONS
        .iter()
        .copied()
        .find(|op| op.provider == provider && op.action == action)
}

/// The values of `op`'s secret fields in `payload` (every entry of a `[]` path).
pub fn secret_values<'p>(op: &Operation, payload: &'p Value) -> Vec<&'p str> {
    fn collect<'p>(v: &'p Value, path: &[&str], out: &mut Vec<&'p str>) {
        let Some((head, rest)) = path.split_first() else {
            if let Some(s) = v.as_str() {
                out.push(s);
            }
            return;
        };
        let (name, every) = match head.strip_suffix("[]") {
            Some(name) => (name, true),
            None => (*head, false),
        };
        match (every, v.get(name)) {
            (true, Some(Value::Array(items))) => items.iter().for_each(|i| collect(i, rest, out)),
            (false, Some(child)) => collect(child, rest, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for path in op.secret_fields {
        collect(payload, &path.split('.').collect::<Vec<_>>(), &mut out);
    }
    out
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
