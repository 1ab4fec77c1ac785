//! Volcengine `HMAC-SHA256`: the settings of the shared pipeline. Scope
//! `{yyyymmdd}/{region}/{service}/request`; the key is derived from the secret through the date,
//! region, service and `request`; `x-date` and `x-content-sha256` are added and signed.

use super::canonical::{hmac_sha256, scope_part, service_from_host};
use super::pipeline::{Context, Settings};
use super::Scheme;

const DEFAULT_REGION: &str = "cn-north-1";
const DEFAULT_SERVICE: &str = "live";

pub(super) const SETTINGS: Settings = Settings {
    scheme: Scheme::Volcengine,
    context: |req, time, payload_hash| {
        let region = req.region.unwrap_or(DEFAULT_REGION);
        let service = req
            .service
            .or_else(|| service_from_host(req.host, ".volcengineapi.com"))
            .unwrap_or(DEFAULT_SERVICE);
        scope_part(region, "region")?;
        scope_part(service, "service")?;
        let mut scope = time.compact_date();
        for part in ["/", region, "/", service, "/request"] {
            scope.push_str(part);
        }
        Ok(Context { time, payload_hash, scope: Some(scope), nonce: None })
    },
    added_headers: |ctx, req| {
        let mut h = vec![("x-date".to_string(), ctx.time.compact_date_time())];
        // The hash header is sent unless the caller's signed list leaves it out (the Node SDK).
        let send_hash = req.signed_headers.is_none_or(|names| {
            names.iter().any(|n| n.trim().eq_ignore_ascii_case("x-content-sha256"))
        });
        if send_hash {
            h.push(("x-content-sha256".to_string(), ctx.payload_hash.clone()));
        }
        h
    },
    token_header: "x-security-token",
    signed_by_default: |name| {
        matches!(name, "content-type" | "host" | "x-content-sha256" | "x-date" | "x-security-token")
    },
    canonical_value: |v, out| out.push_str(v),
    string_to_sign_lines: |ctx, out| {
        out.push_str(&ctx.time.compact_date_time());
        out.push('\n');
        out.push_str(ctx.scope.as_deref().unwrap_or_default());
        out.push('\n');
    },
    derive_key: Some(|secret, ctx| {
        // The scope is `date/region/service/request`: the key walks the same parts.
        let scope = ctx.scope.as_deref().unwrap_or_default();
        let mut parts = scope.split('/');
        let (date, region, service) = (
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        );
        let k_date = hmac_sha256(secret.as_bytes(), date.as_bytes());
        let k_region = hmac_sha256(&k_date, region.as_bytes());
        let k_service = hmac_sha256(&k_region, service.as_bytes());
        hmac_sha256(&k_service, b"request")
    }),
    authorization_separator: ", ",
};
