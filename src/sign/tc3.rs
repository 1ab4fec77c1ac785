//! Tencent Cloud API 3.0 `TC3-HMAC-SHA256`: scope `Date/Service/tc3_request`, header values
//! lower-cased, the query taken exactly as sent, and the STS token sent but not signed.

use super::canonical::{
    canonical_request, hmac_sha256, scope_part, select_signed, service_from_host, sha256_hex,
    CanonicalParts,
};
use super::utc::Utc;
use super::{KeyCache, Scheme, SignedRequest, SigningRequest};
use crate::credentials::Credentials;
use crate::error::SignError;

const DEFAULT_SERVICE: &str = "live";

pub(super) fn sign(
    creds: &Credentials,
    req: &SigningRequest<'_>,
    mut parts: CanonicalParts,
    cache: &KeyCache,
) -> Result<SignedRequest, SignError> {
    let service = req
        .service
        .or_else(|| service_from_host(req.host, ".tencentcloudapi.com"))
        .unwrap_or(DEFAULT_SERVICE);
    scope_part(service, "service")?;
    let time = Utc::from_millis(req.time_ms)?;
    let timestamp = time.unix_seconds.to_string();
    let date = time.iso_date();
    let payload_hash = sha256_hex(req.body);

    let mut all = std::mem::take(&mut parts.headers);
    all.push(("host".into(), parts.host_header.clone()));
    all.push(("x-tc-timestamp".into(), timestamp.clone()));
    if let Some(token) = &creds.session_token {
        all.push(("x-tc-token".into(), token.expose().to_string()));
    }

    let signed = select_signed(&all, req.signed_headers, |name| {
        matches!(name, "content-type" | "host")
    })?;
    let (canonical, signed_names) =
        canonical_request(&parts, &signed, |v| v.to_ascii_lowercase(), &payload_hash);

    let scope = format!("{date}/{service}/tc3_request");
    let string_to_sign = format!(
        "TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{}",
        sha256_hex(canonical.as_bytes())
    );
    let key = cache.get_or_derive(Scheme::Tc3, &creds.secret_access_key, &scope, || {
        let prefixed = zeroize::Zeroizing::new(format!("TC3{}", creds.secret_access_key.expose()));
        let k_date = hmac_sha256(prefixed.as_bytes(), date.as_bytes());
        let k_service = hmac_sha256(&k_date, service.as_bytes());
        hmac_sha256(&k_service, b"tc3_request")
    });
    let signature = hex::encode(hmac_sha256(&key[..], string_to_sign.as_bytes()));
    let authorization = format!(
        "TC3-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed_names}, Signature={signature}",
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
