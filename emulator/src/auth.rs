//! Signature verification for the three schemes: the request is signed again with the library's
//! own signing core, using the signed header list, scope and time the client declared, and the
//! signatures are compared.

use liveops::{sign, Credentials, KeyCache, Query, Scheme, SigningRequest};
use subtle::ConstantTimeEq;
use time::format_description::well_known::Iso8601;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

use liveops::catalog::Provider as Cloud;

/// What arrived, as the verifier needs it.
pub struct Incoming<'a> {
    pub method: &'a str,
    pub host: &'a str,
    pub path: &'a str,
    pub raw_query: &'a str,
    /// Lowercase names.
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

impl Incoming<'_> {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// Why a request was refused; each cloud answers with its own code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthError {
    /// No Authorization header, or one of another scheme.
    Missing,
    /// The Authorization header or the time header cannot be read.
    Malformed(&'static str),
    UnknownKey,
    /// The signing time is outside the window.
    Expired,
    /// ACS3 nonce seen before.
    Replay,
    /// Too many live nonces to remember one more: refused, to be retried.
    NoncesFull,
    /// The signature differs; carries the server's string to sign (no secret in it).
    Mismatch {
        string_to_sign: String,
    },
}

/// The verified caller.
#[derive(Debug)]
pub struct Verified {
    pub access_key_id: String,
    /// The service the signature is scoped to (Volcengine, Tencent): `live`, `ssl`.
    pub service: Option<String>,
}

pub struct Keys<'a> {
    pub access_key_id: &'a str,
    pub secret_access_key: &'a str,
}

/// Seconds a signature stays valid either side of the server's clock.
pub fn window_seconds(cloud: Cloud) -> i64 {
    cloud.profile().signature_window_s
}

struct Authorization<'a> {
    access_key_id: &'a str,
    scope: Vec<&'a str>,
    signed_headers: Vec<String>,
    signature: &'a str,
}

fn parse_authorization<'a>(cloud: Cloud, value: &'a str) -> Result<Authorization<'a>, AuthError> {
    let algorithm = cloud.profile().scheme.algorithm();
    let rest = value
        .strip_prefix(algorithm)
        .and_then(|r| r.strip_prefix(' '))
        .ok_or(AuthError::Missing)?;
    let (mut credential, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        match part.trim().split_once('=') {
            Some(("Credential", v)) => credential = Some(v),
            Some(("SignedHeaders", v)) => signed = Some(v),
            Some(("Signature", v)) => signature = Some(v),
            _ => return Err(AuthError::Malformed("Authorization")),
        }
    }
    let (credential, signed, signature) = match (credential, signed, signature) {
        (Some(c), Some(s), Some(g)) => (c, s, g),
        _ => return Err(AuthError::Malformed("Authorization")),
    };
    let mut parts = credential.split('/');
    let access_key_id =
        parts.next().filter(|s| !s.is_empty()).ok_or(AuthError::Malformed("Credential"))?;
    let scope: Vec<&str> = parts.collect();
    let scope_len = match cloud {
        Cloud::Volcengine => 4,
        Cloud::Tencent => 3,
        Cloud::Aliyun => 0,
    };
    if scope.len() != scope_len {
        return Err(AuthError::Malformed("Credential"));
    }
    let signed_headers: Vec<String> = signed.split(';').map(str::to_string).collect();
    // A signature must bind the time (Volcengine: the Node SDK signs no host) or the host.
    let required = match cloud {
        Cloud::Volcengine => "x-date",
        _ => "host",
    };
    if !signed_headers.iter().any(|h| h == required) {
        return Err(AuthError::Malformed("SignedHeaders"));
    }
    Ok(Authorization { access_key_id, scope, signed_headers, signature })
}

/// The signing time the client declared, in epoch milliseconds.
fn declared_time(cloud: Cloud, req: &Incoming<'_>) -> Result<i64, AuthError> {
    let seconds = match cloud {
        Cloud::Volcengine => {
            let v = req.header("x-date").ok_or(AuthError::Malformed("X-Date"))?;
            let fmt = format_description!("[year][month][day]T[hour][minute][second]Z");
            PrimitiveDateTime::parse(v, &fmt)
                .map_err(|_| AuthError::Malformed("X-Date"))?
                .assume_utc()
                .unix_timestamp()
        }
        Cloud::Tencent => req
            .header("x-tc-timestamp")
            .and_then(|v| v.parse::<i64>().ok())
            .ok_or(AuthError::Malformed("X-TC-Timestamp"))?,
        Cloud::Aliyun => {
            let v = req.header("x-acs-date").ok_or(AuthError::Malformed("x-acs-date"))?;
            OffsetDateTime::parse(v, &Iso8601::DEFAULT)
                .map_err(|_| AuthError::Malformed("x-acs-date"))?
                .unix_timestamp()
        }
    };
    seconds.checked_mul(1000).ok_or(AuthError::Malformed("time"))
}

/// Verifies `req` for `cloud`. `first_nonce_use` records an ACS3 nonce and says whether it is new.
pub fn verify(
    cloud: Cloud,
    req: &Incoming<'_>,
    keys: &Keys<'_>,
    now_ms: i64,
    cache: &KeyCache,
    first_nonce_use: impl FnOnce(&str, i64) -> crate::limits::NonceUse,
) -> Result<Verified, AuthError> {
    let auth = parse_authorization(cloud, req.header("authorization").ok_or(AuthError::Missing)?)?;
    if auth.access_key_id != keys.access_key_id {
        return Err(AuthError::UnknownKey);
    }
    let time_ms = declared_time(cloud, req)?;
    let window_ms = window_seconds(cloud) * 1000;
    // Client-supplied numbers: no arithmetic on them that can overflow.
    if now_ms.abs_diff(time_ms) > window_ms.unsigned_abs() {
        return Err(AuthError::Expired);
    }
    let token = req.header(cloud.profile().token_header());
    let creds =
        Credentials::new(auth.access_key_id, keys.secret_access_key, token.map(String::from))
            .map_err(|_| AuthError::Malformed("credentials"))?;
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(req.raw_query.as_bytes()).into_owned().collect();
    let nonce = req.header("x-acs-signature-nonce");
    let (scheme, query, region, service) = match cloud {
        Cloud::Volcengine => {
            (Scheme::Volcengine, Query::Pairs(&pairs), Some(auth.scope[1]), Some(auth.scope[2]))
        }
        Cloud::Tencent => (Scheme::Tc3, Query::Raw(req.raw_query), None, Some(auth.scope[1])),
        Cloud::Aliyun => (Scheme::Acs3, Query::Pairs(&pairs), None, None),
    };
    let signed_headers: Vec<&str> = auth.signed_headers.iter().map(String::as_str).collect();
    let expected = |host: &str| {
        let input = SigningRequest {
            method: req.method,
            host,
            path: req.path,
            query,
            headers: req.headers,
            body: req.body,
            protocol: "https",
            region,
            service,
            signed_headers: Some(&signed_headers),
            time_ms,
            nonce,
        };
        sign(scheme, &creds, &input, cache).map_err(|_| AuthError::Malformed("request"))
    };
    let mut signed = expected(req.host)?;
    if cloud == Cloud::Tencent && !same(&signed.signature, auth.signature) {
        // Tencent's SDKs sign the host name without the port; on a local port both are accepted.
        if let Some((name, _port)) = req.host.rsplit_once(':') {
            if let Ok(again) = expected(name) {
                if same(&again.signature, auth.signature) {
                    signed = again;
                }
            }
        }
    }
    if !same(&signed.signature, auth.signature) {
        return Err(AuthError::Mismatch { string_to_sign: signed.string_to_sign });
    }
    if cloud == Cloud::Aliyun {
        let nonce = nonce.ok_or(AuthError::Malformed("x-acs-signature-nonce"))?;
        match first_nonce_use(
            &format!("{}:{nonce}", auth.access_key_id),
            time_ms.saturating_add(window_ms),
        ) {
            crate::limits::NonceUse::First => {}
            crate::limits::NonceUse::Replay => return Err(AuthError::Replay),
            crate::limits::NonceUse::Full => return Err(AuthError::NoncesFull),
        }
    }
    Ok(Verified {
        access_key_id: auth.access_key_id.to_string(),
        service: match cloud {
            Cloud::Volcengine => auth.scope.get(2).map(|s| s.to_string()),
            Cloud::Tencent => auth.scope.get(1).map(|s| s.to_string()),
            Cloud::Aliyun => None,
        },
    })
}

fn same(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}
