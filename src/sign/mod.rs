//! Request signing for the three schemes, sans-IO: the caller passes the time and the nonce, and
//! gets back the headers to send, the wire URL and every intermediate (canonical request, string
//! to sign, signature), so that a signature mismatch can be explained.
//!
//! The algorithm of each scheme lives in its own module; what the schemes share (percent-encoding,
//! header normalization, the canonical request's shape, the signing-key cache) lives here.

mod acs3;
mod canonical;
mod key_cache;
mod pipeline;
pub mod stream_url;
mod tc3;
mod utc;
mod volcengine;

use std::str::FromStr;

#[cfg(all(target_arch = "wasm32", not(feature = "entry-validate")))]
pub(crate) use canonical::lower_hex;
pub use canonical::{pct_encode, sha256_hex};

/// `k=v&…` with both sides percent-encoded as the signers encode query strings: a form body whose
/// bytes are exactly those hashed into the signature.
pub fn form_encode(pairs: &[(String, String)]) -> String {
    canonical::encode_pairs(pairs.iter())
}
pub use key_cache::KeyCache;

use crate::credentials::Credentials;
use crate::error::SignError;
use canonical::{normalize_headers, validate_host, validate_method, CanonicalParts};

/// The three signing schemes, named as in the JavaScript API (`SigningScheme`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify::Tsify),
    tsify(rename = "SigningScheme"),
    serde(rename_all = "lowercase")
)]
pub enum Scheme {
    /// Volcengine `HMAC-SHA256`.
    Volcengine,
    /// Tencent Cloud API 3.0 `TC3-HMAC-SHA256`.
    Tc3,
    /// Alibaba Cloud V3 `ACS3-HMAC-SHA256`.
    Acs3,
}

impl Scheme {
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Volcengine => "volcengine",
            Scheme::Tc3 => "tc3",
            Scheme::Acs3 => "acs3",
        }
    }

    /// Every scheme.
    pub const ALL: [Scheme; 3] = [Scheme::Volcengine, Scheme::Tc3, Scheme::Acs3];

    /// The header that carries an STS session token (the scheme's settings hold it).
    pub fn token_header(self) -> &'static str {
        self.settings().token_header
    }

    /// Whether a signature needs a nonce (ACS3's `x-acs-signature-nonce`).
    pub fn needs_nonce(self) -> bool {
        matches!(self, Scheme::Acs3)
    }

    fn settings(self) -> &'static pipeline::Settings {
        match self {
            Scheme::Volcengine => &volcengine::SETTINGS,
            Scheme::Tc3 => &tc3::SETTINGS,
            Scheme::Acs3 => &acs3::SETTINGS,
        }
    }

    /// The algorithm name that opens the `Authorization` header.
    pub fn algorithm(self) -> &'static str {
        match self {
            Scheme::Volcengine => "HMAC-SHA256",
            Scheme::Tc3 => "TC3-HMAC-SHA256",
            Scheme::Acs3 => "ACS3-HMAC-SHA256",
        }
    }
}

impl FromStr for Scheme {
    type Err = SignError;
    fn from_str(s: &str) -> Result<Self, SignError> {
        match s {
            "volcengine" => Ok(Scheme::Volcengine),
            "tc3" => Ok(Scheme::Tc3),
            "acs3" => Ok(Scheme::Acs3),
            other => Err(SignError::UnknownScheme(truncate(other, 40))),
        }
    }
}

/// The query of a request: decoded pairs in request order, or (tc3 only) the exact wire string.
#[derive(Debug, Clone, Copy)]
pub enum Query<'a> {
    Pairs(&'a [(String, String)]),
    Raw(&'a str),
}

/// Everything that determines a signature except the credentials.
#[derive(Debug, Clone, Copy)]
pub struct SigningRequest<'a> {
    pub method: &'a str,
    /// Host name or address with an optional port, as in the URL.
    pub host: &'a str,
    /// `/` for every API of this library.
    pub path: &'a str,
    pub query: Query<'a>,
    /// Headers the caller sends (any case); host and the signer's own headers are set by the signer.
    pub headers: &'a [(String, String)],
    /// Exactly the bytes that go on the wire.
    pub body: &'a [u8],
    /// `https` (default) or `http`, for the wire URL only.
    pub protocol: &'a str,
    pub region: Option<&'a str>,
    pub service: Option<&'a str>,
    /// Overrides the scheme's default header policy.
    pub signed_headers: Option<&'a [&'a str]>,
    /// Signing time in epoch milliseconds.
    pub time_ms: i64,
    /// ACS3 only: the `x-acs-signature-nonce`.
    pub nonce: Option<&'a str>,
}

impl<'a> SigningRequest<'a> {
    /// A request with an empty query, no headers and no body.
    pub fn new(method: &'a str, host: &'a str, time_ms: i64) -> Self {
        SigningRequest {
            method,
            host,
            path: "/",
            query: Query::Pairs(&[]),
            headers: &[],
            body: &[],
            protocol: "https",
            region: None,
            service: None,
            signed_headers: None,
            time_ms,
            nonce: None,
        }
    }
}

/// The result of signing: what to send, and how the signature was reached.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedRequest {
    /// The wire URL; its query string is exactly the canonical one (tc3: the raw one).
    pub url: String,
    pub method: String,
    /// Every header to send (lowercase names), `host` and `authorization` included. A browser
    /// cannot set `host`: fetch derives it from the URL.
    pub headers: Vec<(String, String)>,
    pub canonical_request: String,
    pub string_to_sign: String,
    pub signature: String,
    pub authorization: String,
}

/// Headers that carry a session token (each scheme's): their values never reach `Debug`.
fn is_token_header(name: &str) -> bool {
    Scheme::ALL.iter().any(|s| s.token_header() == name)
}

fn redact_token_lines(canonical: &str) -> String {
    canonical
        .split('\n')
        .map(|line| match line.split_once(':') {
            Some((name, _)) if is_token_header(name) => format!("{name}:***"),
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl std::fmt::Debug for SignedRequest {
    /// Everything but the session token, which may sit in a header and the canonical request.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| {
                let shown = if is_token_header(n) { "***" } else { v.as_str() };
                (n.as_str(), shown)
            })
            .collect();
        f.debug_struct("SignedRequest")
            .field("url", &self.url)
            .field("method", &self.method)
            .field("headers", &headers)
            .field("canonical_request", &redact_token_lines(&self.canonical_request))
            .field("string_to_sign", &self.string_to_sign)
            .field("signature", &self.signature)
            .field("authorization", &self.authorization)
            .finish()
    }
}

impl SignedRequest {
    /// The last step of every scheme: `authorization` joins the headers to send.
    fn assemble(
        parts: CanonicalParts,
        mut headers: Vec<(String, String)>,
        canonical_request: String,
        string_to_sign: String,
        signature: String,
        authorization: String,
    ) -> SignedRequest {
        headers.push(("authorization".into(), authorization.clone()));
        SignedRequest {
            url: parts.url,
            method: parts.method,
            headers,
            canonical_request,
            string_to_sign,
            signature,
            authorization,
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// Signs `req` with `creds` under `scheme`. Derived signing keys are kept in `cache`.
pub fn sign(
    scheme: Scheme,
    creds: &Credentials,
    req: &SigningRequest<'_>,
    cache: &KeyCache,
) -> Result<SignedRequest, SignError> {
    sign_prehashed(scheme, creds, req, cache, None)
}

/// `sign` with the body's SHA-256 given as 64 lowercase hex digits (a host that hashes faster,
/// such as Node's OpenSSL): `req.body` is then not read. The result is the same as `sign` of the
/// body itself.
pub fn sign_prehashed(
    scheme: Scheme,
    creds: &Credentials,
    req: &SigningRequest<'_>,
    cache: &KeyCache,
    body_sha256_hex: Option<&str>,
) -> Result<SignedRequest, SignError> {
    if let Some(h) = body_sha256_hex {
        if h.len() != 64 || !h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return Err(SignError::InvalidInput("body", "a SHA-256 of 64 lowercase hex digits"));
        }
    }
    let parts = prepare(scheme, req)?;
    pipeline::sign_with(scheme.settings(), creds, req, parts, cache, body_sha256_hex)
}

/// The scheme-independent part: checks the input and canonicalizes method, host, path, query
/// and the caller's headers.
fn prepare(scheme: Scheme, req: &SigningRequest<'_>) -> Result<CanonicalParts, SignError> {
    let method = validate_method(req.method)?;
    let secure = match req.protocol {
        "https" | "" => true,
        "http" => false,
        _ => return Err(SignError::InvalidInput("protocol", "`https` or `http`")),
    };
    let host_header = validate_host(req.host, secure)?;
    let path = canonical::canonical_path(req.path)?;
    let query = match (scheme, req.query) {
        (Scheme::Tc3, Query::Raw(raw)) => canonical::validate_raw_query(raw)?,
        (_, Query::Raw(_)) => return Err(SignError::RawQueryUnsupported),
        // Tencent checks the query string exactly as sent: keep the caller's order.
        (Scheme::Tc3, Query::Pairs(pairs)) => canonical::encode_pairs(pairs.iter()),
        (Scheme::Volcengine, Query::Pairs(pairs)) => canonical::sorted_query(pairs),
        (Scheme::Acs3, Query::Pairs(pairs)) => canonical::sorted_query(pairs),
    };
    let headers = normalize_headers(req.headers, signer_owned(scheme))?;
    let url = canonical::wire_url(secure, req.host, &path, &query);
    Ok(CanonicalParts { method, host_header, path, query, headers, url })
}

/// Headers the signer sets itself; a caller's copy of one is replaced, not sent twice.
fn signer_owned(scheme: Scheme) -> &'static [&'static str] {
    match scheme {
        Scheme::Volcengine => {
            &["host", "authorization", "x-date", "x-content-sha256", "x-security-token"]
        }
        Scheme::Tc3 => &["host", "authorization", "x-tc-timestamp", "x-tc-token"],
        Scheme::Acs3 => &[
            "host",
            "authorization",
            "x-acs-date",
            "x-acs-signature-nonce",
            "x-acs-content-sha256",
            "x-acs-security-token",
        ],
    }
}

/// Cuts user input echoed in an error message to a readable length. (`get`, not indexing: the
/// cut is at a character boundary anyway, and indexing would bring in the panic's formatting.)
pub(crate) fn truncate(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars).and_then(|(i, _)| s.get(..i)) {
        Some(head) => [head, "…"].concat(),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests;
