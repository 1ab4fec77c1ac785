//! The certificate lifecycle across clouds, as plain functions: reading certificates and keys
//! (`pem`), the clouds' time strings (`times`), one inventory shape and paging (`inventory`), and
//! the checks, requests and outcomes of a deploy (`deploy`). `wasm::lifecycle` sends the requests.

pub mod converge;
pub mod deploy;
pub mod engine;
pub mod inventory;
pub mod listing;
pub mod pem;
pub mod rotation;
#[cfg(test)]
pub(crate) mod scripted;
pub mod times;

pub use pem::{covers, read_certificate, CertSummary, KeyMatch, PemError};
