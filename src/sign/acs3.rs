//! Alibaba Cloud V3 `ACS3-HMAC-SHA256`: no scope and no key derivation; the nonce is signed so
//! that the server can refuse a replay.

use super::canonical::{canonical_request, hmac_sha256, select_signed, sha256_hex, CanonicalParts};
use super::utc::Utc;
use super::{SignedRequest, SigningRequest};
use crate::credentials::Credentials;
use crate::error::SignError;

pub(super) fn sign(
    creds: &Credentials,
    req: &SigningRequest<'_>,
    mut parts: CanonicalParts,
) -> Result<SignedRequest, SignError> {
    let nonce = req.nonce.ok_or(SignError::MissingField("nonce"))?;
    if nonce.is_empty() || nonce.len() > 64 || !nonce.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(SignError::InvalidNonce);
    }
    let time = Utc::from_millis(req.time_ms)?;
    let payload_hash = sha256_hex(req.body);

    let mut all = std::mem::take(&mut parts.headers);
    all.push(("host".into(), parts.host_header.clone()));
    all.push(("x-acs-date".into(), time.iso_date_time()));
    all.push(("x-acs-signature-nonce".into(), nonce.to_string()));
    all.push(("x-acs-content-sha256".into(), payload_hash.clone()));
    if let Some(token) = &creds.session_token {
        all.push(("x-acs-security-token".into(), token.expose().to_string()));
    }

    let signed = select_signed(&all, req.signed_headers, |name| {
        name == "host" || name == "content-type" || name.starts_with("x-acs-")
    })?;
    let (canonical, signed_names) =
        canonical_request(&parts, &signed, |v| v.to_string(), &payload_hash);

    let string_to_sign = format!("ACS3-HMAC-SHA256\n{}", sha256_hex(canonical.as_bytes()));
    let signature = hex::encode(hmac_sha256(
        creds.secret_access_key.expose().as_bytes(),
        string_to_sign.as_bytes(),
    ));
    let authorization = format!(
        "ACS3-HMAC-SHA256 Credential={},SignedHeaders={signed_names},Signature={signature}",
        creds.access_key_id
    );
    Ok(SignedRequest::assemble(
        parts,
        all,
        canonical,
        string_to_sign,
        signature,
        authorization,
    ))
}
