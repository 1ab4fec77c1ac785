//! One signing pipeline for the three schemes, in the manner of smithy-rs `aws-sigv4`'s
//! `SigningSettings`: a settings value per scheme says what differs (its headers, which headers
//! it signs by default, how header values enter the canonical request, its scope, its key and its
//! Authorization layout); the steps are the same for all:
//!
//! headers → signed set → canonical request → string to sign → key → signature → authorization.

use super::canonical::{
    canonical_request, hmac_sha256, push_sha256_hex, select_signed, sha256_hex, CanonicalParts,
};
use super::utc::Utc;
use super::{KeyCache, Scheme, SignedRequest, SigningRequest};
use crate::credentials::Credentials;
use crate::error::SignError;

/// SHA-256 of no bytes, in lowercase hex.
const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// What one signature is computed from, once the scheme has checked its own inputs.
pub(super) struct Context<'r> {
    pub time: Utc,
    pub payload_hash: String,
    /// The credential scope (`20250101/cn-north-1/live/request`), for schemes that have one.
    pub scope: Option<String>,
    pub nonce: Option<&'r str>,
}

/// Everything that differs between the schemes.
pub(super) struct Settings {
    pub scheme: Scheme,
    /// Checks the scheme's own inputs (region, service, nonce) and computes the scope.
    pub context: for<'r> fn(&SigningRequest<'r>, Utc, String) -> Result<Context<'r>, SignError>,
    /// The headers the scheme adds to the caller's (time, content hash, nonce), before the token.
    pub added_headers: fn(&Context<'_>, &SigningRequest<'_>) -> Vec<(String, String)>,
    /// The header that carries the session token.
    pub token_header: &'static str,
    /// The headers signed when the caller does not list them.
    pub signed_by_default: fn(&str) -> bool,
    /// How a header value enters the canonical request (appended to it).
    pub canonical_value: fn(&str, &mut String),
    /// The lines of the string to sign between the algorithm and the canonical request's hash,
    /// each appended with its `\n`.
    pub string_to_sign_lines: fn(&Context<'_>, &mut String),
    /// The signing key: derived from the secret and the scope (cached), or the secret itself.
    pub derive_key: Option<fn(secret: &str, ctx: &Context<'_>) -> [u8; 32]>,
    /// Between the Authorization header's parts: `", "` or `","`.
    pub authorization_separator: &'static str,
}

/// Signs `req` as `settings` say. `parts` is the scheme-independent canonical form.
pub(super) fn sign_with(
    settings: &Settings,
    creds: &Credentials,
    req: &SigningRequest<'_>,
    mut parts: CanonicalParts,
    cache: &KeyCache,
    body_sha256_hex: Option<&str>,
) -> Result<SignedRequest, SignError> {
    let time = Utc::from_millis(req.time_ms)?;
    let body_hash = match body_sha256_hex {
        Some(h) => h.to_string(),
        // GETs and empty POSTs: the hash of nothing is a constant (one SHA-256 block saved).
        None if req.body.is_empty() => EMPTY_SHA256.to_string(),
        None => sha256_hex(req.body),
    };
    let ctx = (settings.context)(req, time, body_hash)?;

    let mut all = std::mem::take(&mut parts.headers);
    all.push(("host".into(), std::mem::take(&mut parts.host_header)));
    all.extend((settings.added_headers)(&ctx, req));
    if let Some(token) = &creds.session_token {
        all.push((settings.token_header.into(), token.expose().to_string()));
    }

    let signed = select_signed(&all, req.signed_headers, settings.signed_by_default)?;
    let (canonical, signed_names) =
        canonical_request(&parts, &signed, settings.canonical_value, &ctx.payload_hash);

    let algorithm = settings.scheme.algorithm();
    let mut string_to_sign = String::with_capacity(algorithm.len() + 160);
    string_to_sign.push_str(algorithm);
    string_to_sign.push('\n');
    (settings.string_to_sign_lines)(&ctx, &mut string_to_sign);
    push_sha256_hex(&mut string_to_sign, canonical.as_bytes());

    let secret = creds.secret_access_key.expose();
    let signature = match (settings.derive_key, &ctx.scope) {
        (Some(derive), Some(scope)) => {
            let key = cache.get_or_derive(settings.scheme, &creds.secret_access_key, scope, || {
                derive(secret, &ctx)
            });
            hmac_sha256(&key[..], string_to_sign.as_bytes())
        }
        _ => hmac_sha256(secret.as_bytes(), string_to_sign.as_bytes()),
    };
    let signature = super::canonical::hex32(&signature);

    let authorization = authorization(settings, creds, &ctx, &signed_names, &signature);
    Ok(SignedRequest::assemble(parts, all, canonical, string_to_sign, signature, authorization))
}

/// `ALGORITHM Credential=AK[/scope], SignedHeaders=…, Signature=…` (the separator is the scheme's).
fn authorization(
    settings: &Settings,
    creds: &Credentials,
    ctx: &Context<'_>,
    signed_names: &str,
    signature: &str,
) -> String {
    let algorithm = settings.scheme.algorithm();
    let sep = settings.authorization_separator;
    let scope = ctx.scope.as_deref().unwrap_or_default();
    let mut out = String::with_capacity(
        algorithm.len()
            + creds.access_key_id.len()
            + scope.len()
            + signed_names.len()
            + signature.len()
            + 48,
    );
    for part in [algorithm, " Credential=", &creds.access_key_id] {
        out.push_str(part);
    }
    if ctx.scope.is_some() {
        out.push('/');
        out.push_str(scope);
    }
    for part in [sep, "SignedHeaders=", signed_names, sep, "Signature=", signature] {
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_empty_body_constant_is_the_hash_of_nothing() {
        assert_eq!(super::EMPTY_SHA256, super::sha256_hex(b""));
    }
}
