//! The operations of the catalog under their historical path, and the stream URL signer (a tool
//! beside the API operations, not an API call).

pub mod stream_auth;

pub use crate::catalog::{
    aliyun_esa, masked, operation, tencent_live, volcengine_live, OPERATIONS,
};

#[cfg(test)]
mod tests;
