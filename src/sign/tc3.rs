//! Tencent Cloud `TC3-HMAC-SHA256`: the settings of the shared pipeline. Scope
//! `{yyyy-mm-dd}/{service}/tc3_request`; the key is derived from `TC3` + secret through the date,
//! service and `tc3_request`; `x-tc-timestamp` is added; header values are lower-cased in the
//! canonical request, and only `content-type` and `host` are signed by default.

use super::canonical::{hmac_sha256, scope_part, service_from_host};
use super::pipeline::{Context, Settings};
use super::Scheme;

const DEFAULT_SERVICE: &str = "live";

pub(super) const SETTINGS: Settings = Settings {
    scheme: Scheme::Tc3,
    context: |req, time, payload_hash| {
        let service = req
            .service
            .or_else(|| service_from_host(req.host, ".tencentcloudapi.com"))
            .unwrap_or(DEFAULT_SERVICE);
        scope_part(service, "service")?;
        let mut scope = time.iso_date();
        for part in ["/", service, "/tc3_request"] {
            scope.push_str(part);
        }
        Ok(Context { time, payload_hash, scope: Some(scope), nonce: None })
    },
    added_headers: |ctx, _| vec![("x-tc-timestamp".to_string(), ctx.time.unix_seconds_text())],
    token_header: "x-tc-token",
    signed_by_default: |name| matches!(name, "content-type" | "host"),
    // Header values are visible ASCII by now (`normalize_headers`).
    canonical_value: |v, out| out.extend(v.bytes().map(|b| char::from(b.to_ascii_lowercase()))),
    string_to_sign_lines: |ctx, out| {
        out.push_str(&ctx.time.unix_seconds_text());
        out.push('\n');
        out.push_str(ctx.scope.as_deref().unwrap_or_default());
        out.push('\n');
    },
    derive_key: Some(|secret, ctx| {
        let scope = ctx.scope.as_deref().unwrap_or_default();
        let mut parts = scope.split('/');
        let (date, service) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
        let prefixed = zeroize::Zeroizing::new(["TC3", secret].concat());
        let k_date = hmac_sha256(prefixed.as_bytes(), date.as_bytes());
        let k_service = hmac_sha256(&k_date, service.as_bytes());
        hmac_sha256(&k_service, b"tc3_request")
    }),
    authorization_separator: ", ",
};
