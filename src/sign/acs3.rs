//! Alibaba Cloud `ACS3-HMAC-SHA256`: the settings of the shared pipeline. No scope: the secret
//! signs the string to sign directly; `x-acs-date`, `x-acs-signature-nonce` and
//! `x-acs-content-sha256` are added, and every `x-acs-*` header is signed by default.

use super::pipeline::{Context, Settings};
use super::Scheme;
use crate::error::SignError;

pub(super) const SETTINGS: Settings = Settings {
    scheme: Scheme::Acs3,
    context: |req, time, payload_hash| {
        let nonce = req.nonce.ok_or(SignError::MissingField("nonce"))?;
        if nonce.is_empty() || nonce.len() > 64 || !nonce.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(SignError::InvalidNonce);
        }
        Ok(Context { time, payload_hash, scope: None, nonce: Some(nonce) })
    },
    added_headers: |ctx, _| {
        vec![
            ("x-acs-date".to_string(), ctx.time.iso_date_time()),
            ("x-acs-signature-nonce".to_string(), ctx.nonce.unwrap_or_default().to_string()),
            ("x-acs-content-sha256".to_string(), ctx.payload_hash.clone()),
        ]
    },
    token_header: "x-acs-security-token",
    signed_by_default: |name| {
        name == "host" || name == "content-type" || name.starts_with("x-acs-")
    },
    canonical_value: |v, out| out.push_str(v),
    string_to_sign_lines: |_, _| {},
    derive_key: None,
    authorization_separator: ",",
};
