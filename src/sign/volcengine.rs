//! Volcengine `HMAC-SHA256` (a SigV4 variant): scope `ShortDate/Region/Service/request`, key
//! derived from the bare secret.

use super::canonical::{
    canonical_request, hmac_sha256, scope_part, select_signed, service_from_host, sha256_hex,
    CanonicalParts,
};
use super::utc::Utc;
use super::{KeyCache, Scheme, SignedRequest, SigningRequest};
use crate::credentials::Credentials;
use crate::error::SignError;

const DEFAULT_REGION: &str = "cn-north-1";
const DEFAULT_SERVICE: &str = "live";

pub(super) fn sign(
    creds: &Credentials,
    req: &SigningRequest<'_>,
    mut parts: CanonicalParts,
    cache: &KeyCache,
) -> Result<SignedRequest, SignError> {
    let region = req.region.unwrap_or(DEFAULT_REGION);
    let service = req
        .service
        .or_else(|| service_from_host(req.host, ".volcengineapi.com"))
        .unwrap_or(DEFAULT_SERVICE);
    scope_part(region, "region")?;
    scope_part(service, "service")?;
    let time = Utc::from_millis(req.time_ms)?;
    let x_date = time.compact_date_time();
    let short_date = time.compact_date();
    let payload_hash = sha256_hex(req.body);

    // The content hash is sent whenever it is signed (always, under the default policy).
    let send_content_hash = req.signed_headers.is_none_or(|names| {
        names
            .iter()
            .any(|n| n.trim().eq_ignore_ascii_case("x-content-sha256"))
    });

    let mut all = std::mem::take(&mut parts.headers);
    all.push(("host".into(), parts.host_header.clone()));
    all.push(("x-date".into(), x_date.clone()));
    if send_content_hash {
        all.push(("x-content-sha256".into(), payload_hash.clone()));
    }
    if let Some(token) = &creds.session_token {
        all.push(("x-security-token".into(), token.expose().to_string()));
    }

    let signed = select_signed(&all, req.signed_headers, |name| {
        matches!(
            name,
            "content-type" | "host" | "x-content-sha256" | "x-date" | "x-security-token"
        )
    })?;
    let (canonical, signed_names) =
        canonical_request(&parts, &signed, |v| v.to_string(), &payload_hash);

    let scope = format!("{short_date}/{region}/{service}/request");
    let string_to_sign = format!(
        "HMAC-SHA256\n{x_date}\n{scope}\n{}",
        sha256_hex(canonical.as_bytes())
    );
    let key = cache.get_or_derive(Scheme::Volcengine, &creds.secret_access_key, &scope, || {
        let k_date = hmac_sha256(
            creds.secret_access_key.expose().as_bytes(),
            short_date.as_bytes(),
        );
        let k_region = hmac_sha256(&k_date, region.as_bytes());
        let k_service = hmac_sha256(&k_region, service.as_bytes());
        hmac_sha256(&k_service, b"request")
    });
    let signature = hex::encode(hmac_sha256(&key[..], string_to_sign.as_bytes()));
    let authorization = format!(
        "HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed_names}, Signature={signature}",
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
