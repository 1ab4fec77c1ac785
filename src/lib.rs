//! liveops: request signing, payload validation and API calls for the live-streaming and edge
//! APIs of Volcengine, Tencent Cloud and Alibaba Cloud.
//!
//! The core (everything outside `wasm`) is plain, deterministic Rust: clocks, nonces and I/O are
//! passed in, so it builds and tests natively. The `wasm` module is the thin JavaScript edge.

pub mod catalog;
pub mod client;
pub mod credentials;
pub mod error;
pub mod lifecycle;
pub mod profiles;
pub mod sign;
pub mod validate;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use credentials::{Credentials, Secret};
pub use error::SignError;
pub use sign::{sign, KeyCache, Query, Scheme, SignedRequest, SigningRequest};
pub use validate::{validate, validate_json, Issue, Locale, Report};
