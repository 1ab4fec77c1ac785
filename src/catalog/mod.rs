//! The catalog: one profile per cloud (`profile`) and one declaration per operation (a module per
//! cloud API), in the vocabulary of `model`. Validation, the clients, the generated docs and
//! TypeScript types, the emulator and the console read it; it depends on nothing but the signing
//! schemes.
//!
//! Adding an operation: declare it in its cloud API's module (fields, rules, answer model, how it
//! differs from the module's `BASE`) with its line in that module's list (its client method and
//! TypeScript types come from that line), teach the emulator its behaviour (the compiler asks for
//! it), and test it: CONTRIBUTING.md has the steps.

pub mod aliyun_esa;
pub mod envelope;
pub mod model;
pub mod profile;
pub mod spec;
pub mod tencent_live;
pub mod tencent_ssl;
#[cfg(test)]
mod tests;
pub mod volcengine_live;

pub use model::{
    doc, rule, Charset, Check, Danger, FieldDoc, Idempotence, Kind, Level, Operation, PageStyle,
    Paging, PemKind, Placement, Product, Rule, MAX_PAGES,
};
pub use profile::{CloudProfile, Provider, Site};

use serde_json::Value;

/// The one list of operations, in the order of the docs, gathered from each API's module (its
/// `__…_operations!`, beside its declarations). Each entry: the operation's name (a
/// variant of [`OpId`]), the client class and the JS and Rust names of its method, its declaration,
/// and the TypeScript types of its payload and answer. Whatever needs one item per operation
/// expands this list: [`OPERATIONS`], [`OpId`] and the marker types of [`op`] here, the client
/// methods of the wasm layer, the emulator's dispatch (over its handlers, so that an operation
/// without its behaviour there does not compile).
///
/// Docs on an entry are `#[doc = "…"]` attributes: wasm-bindgen copies `///` comments passed
/// through a macro into the `.d.ts` as raw-string tokens (`r" …`).
///
/// `$then` is a macro taking the entries as
/// `$(#[doc])* Id: Class.jsName / rust_name = module::DECLARATION ("Request" -> "Promise<Answer>")`.
#[macro_export]
macro_rules! for_each_operation {
    ($then:ident) => {
        $crate::__chain_operations! { $then []
            __volcengine_live_operations
            __tencent_live_operations
            __tencent_ssl_operations
            __aliyun_esa_operations
        }
    };
}

/// Gathers the APIs' lists, one after the other, then hands the whole to `$then`.
#[doc(hidden)]
#[macro_export]
macro_rules! __chain_operations {
    ($then:ident [$($done:tt)*]) => {
        $then! { $($done)* }
    };
    ($then:ident [$($done:tt)*] $next:ident $($rest:ident)*) => {
        $crate::$next! { @append $then [$($done)*] $($rest)* }
    };
}

#[doc = "`OPERATIONS` and `OpId` from the list."]
macro_rules! catalog_of {
    ($( $(#[$doc:meta])* $id:ident : $class:ident . $js:ident / $rust:ident = $module:ident :: $decl:ident ($req:literal -> $ret:literal) ),* $(,)?) => {
        /// Every operation of the library, in the order of the docs.
        pub static OPERATIONS: [&Operation; [$(stringify!($id)),*].len()] = [$(&$module::$decl),*];

        /// One type per operation, for what must be written for each one beside its behaviour
        /// (the emulator's handlers, `impl Handle for op::VolcListCertV2`): where the list is
        /// expanded over those impls, an operation without one does not compile.
        pub mod op {
            $(
                #[derive(Debug, Clone, Copy)]
                pub struct $id;

                impl $id {
                    pub const ID: super::OpId = super::OpId::$id;
                }
            )*
        }

        /// An operation by name: a `match` on it names every operation, so code that must handle
        /// each one (the emulator's dispatch) does not compile when one is missing.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum OpId {
            $($id),*
        }

        impl OpId {
            /// Every operation, in the order of [`OPERATIONS`].
            pub const ALL: [OpId; [$(stringify!($id)),*].len()] = [$(OpId::$id),*];

            /// The declaration (the default contract's).
            pub fn operation(self) -> &'static Operation {
                match self {
                    $(OpId::$id => &$module::$decl),*
                }
            }

            /// The client method's name in JavaScript (`unbindCert`).
            pub fn js_name(self) -> &'static str {
                match self {
                    $(OpId::$id => stringify!($js)),*
                }
            }

            /// The TypeScript types of its payload and of its answer.
            pub fn ts_types(self) -> (&'static str, &'static str) {
                match self {
                    $(OpId::$id => ($req, $ret)),*
                }
            }
        }
    };
}

for_each_operation!(catalog_of);

impl Operation {
    /// Which operation this declaration is (a revision under another contract is the same one).
    pub fn id(&self) -> Option<OpId> {
        OpId::ALL.into_iter().find(|id| {
            let op = id.operation();
            op.provider == self.provider && op.action == self.action && op.version == self.version
        })
    }
}

/// An operation's name, as `validate` and `call` take it. In the package's declarations the
/// build writes every operation of the catalog in its place (from `www/src/catalog.json`).
#[cfg_attr(ts, tsify::declare)]
pub type Action = String;

/// The contract a rule set follows where an operation changed: `2023-10` (the default, the seed
/// documents) or `2025-09` (Volcengine's UpdateAuthKey of 2025-09-29).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(ts, derive(tsify::Tsify))]
pub enum Contract {
    #[default]
    #[cfg_attr(ts, serde(rename = "2023-10"))]
    V2023_10,
    #[cfg_attr(ts, serde(rename = "2025-09"))]
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
    OPERATIONS.iter().copied().find(|op| op.provider == provider && op.action == action)
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

/// Replaces the string at `path` (each entry of a `[]` step) with `***`.
fn mask(v: &mut Value, path: &[&str]) {
    replace(v, path, &|_| "***".into());
}

/// Replaces the string at `path` (each entry of a `[]` step) with what `with` makes of it.
fn replace(v: &mut Value, path: &[&str], with: &dyn Fn(&str) -> String) {
    let Some((head, rest)) = path.split_first() else {
        if let Some(s) = v.as_str() {
            *v = Value::String(with(s));
        }
        return;
    };
    let (name, every) = match head.strip_suffix("[]") {
        Some(name) => (name, true),
        None => (*head, false),
    };
    let Some(child) = v.get_mut(name) else { return };
    match (every, child) {
        (true, Value::Array(items)) => items.iter_mut().for_each(|i| replace(i, rest, with)),
        (true, _) => {}
        (false, child) => replace(child, rest, with),
    }
}

/// `payload` with every secret field of `op` replaced by `***`: what a preview may show.
pub fn masked(op: &Operation, payload: &Value) -> Value {
    let mut out = payload.clone();
    for path in op.secret_fields {
        mask(&mut out, &path.split('.').collect::<Vec<_>>());
    }
    out
}

/// Masks, in an answer of `op`, every field its declaration names as a secret of the answer.
pub fn mask_answer(op: &Operation, answer: &mut Value) {
    for path in op.answer_secret_fields {
        mask(answer, &path.split('.').collect::<Vec<_>>());
    }
}

/// `Debug` of a request model from its operation's declaration: the model as the cloud reads it
/// (its JSON), each field the declaration names secret shown as `***` and each multi-line (PEM)
/// field as its length, so that what `Debug` hides is what the declaration says is secret, with
/// no list kept beside it. `at` is where the model sits in a payload: `""` for the payload itself,
/// `AuthDetailList[]` for one of its entries.
pub fn debug_declared<T: serde::Serialize>(
    f: &mut core::fmt::Formatter<'_>,
    name: &str,
    model: &T,
    op: &Operation,
    at: &str,
) -> core::fmt::Result {
    let mut shown = serde_json::to_value(model).unwrap_or(Value::Null);
    let relative = |path: &'static str| -> Option<&'static str> {
        if at.is_empty() {
            return Some(path);
        }
        path.strip_prefix(at)?.strip_prefix('.')
    };
    for path in op.multiline_fields.iter().copied().filter_map(relative) {
        replace(&mut shown, &path.split('.').collect::<Vec<_>>(), &|s| {
            format!("<{} bytes>", s.len())
        });
    }
    for path in op.secret_fields.iter().copied().filter_map(relative) {
        mask(&mut shown, &path.split('.').collect::<Vec<_>>());
    }
    write!(f, "{name} {shown}")
}

/// `impl Debug` for a request model from its declaration ([`debug_declared`]):
/// `debug_from_declaration!(AuthDetail => UPDATE_AUTH_KEY at "AuthDetailList[]")`.
#[macro_export]
macro_rules! debug_from_declaration {
    ($ty:ident => $op:ident $(at $at:literal)?) => {
        impl core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                $crate::catalog::debug_declared(f, stringify!($ty), self, &$op, concat!("" $(, $at)?))
            }
        }
    };
}
