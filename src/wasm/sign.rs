//! `signRequest`.

use wasm_bindgen::prelude::*;

use crate::error::ErrorName;

use super::input::*;
use crate::credentials::Credentials;
use crate::error::SignError;
use crate::sign::{sign, KeyCache, Query, Scheme, SignedRequest, SigningRequest};

thread_local! {
    /// Derived signing keys of this page or process, shared by every call.
    pub(crate) static KEY_CACHE: KeyCache = KeyCache::default();
}

#[wasm_bindgen(typescript_custom_section)]
const TS_SIGN: &'static str = r#"
export type SigningScheme = "volcengine" | "tc3" | "acs3";

export interface SignRequestInput {
  scheme: SigningScheme;
  method: string;
  /** Host name or address with an optional port, e.g. `live.volcengineapi.com` or `127.0.0.1:8787`. */
  host: string;
  /** Defaults to `/`. */
  path?: string;
  /** Decoded query pairs, in request order. */
  query?: [string, string][];
  /** tc3 only: the query string exactly as it goes on the wire. */
  rawQuery?: string;
  headers?: Record<string, string>;
  /** A string is sent as its UTF-8 bytes. */
  body?: string | Uint8Array;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region?: string;
  service?: string;
  /** Overrides the scheme's default header policy. */
  signedHeaders?: string[];
  /** Signing time in epoch milliseconds; default: now. */
  time?: number;
  /** acs3: the signature nonce; default: 32 random hex characters. */
  nonce?: string;
  /** Protocol of the returned URL; default `https`. */
  protocol?: "https" | "http";
}
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(buf: &mut [u8]);
}

/// Signs a request with the scheme's algorithm. Throws an `Error` named `SigningError` (with a
/// stable `code`) on bad input; the message never contains a secret.
#[wasm_bindgen(js_name = signRequest, unchecked_return_type = "SignedRequest")]
pub fn sign_request(
    #[wasm_bindgen(unchecked_param_type = "SignRequestInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    Ok(sign_js(&input)?)
}

fn sign_js(input: &JsValue) -> Result<JsValue, SignError> {
    if !input.is_object() {
        return Err(SignError::InvalidInput("input", "an object"));
    }
    let scheme: Scheme = req_string(input, "scheme")?.parse()?;
    let creds = Credentials::new(
        req_string(input, "accessKeyId")?,
        req_string(input, "secretAccessKey")?,
        opt_string(input, "sessionToken")?,
    )?;
    let method = req_string(input, "method")?;
    let host = req_string(input, "host")?;
    let path = opt_string(input, "path")?.unwrap_or_else(|| "/".into());
    let pairs = opt_pairs(input, "query")?;
    let raw = opt_string(input, "rawQuery")?;
    let query = match (&pairs, &raw) {
        (Some(_), Some(_)) => return Err(SignError::QueryConflict),
        (_, Some(raw)) => Query::Raw(raw),
        (Some(p), None) => Query::Pairs(p),
        (None, None) => Query::Pairs(&[]),
    };
    let headers = opt_record(input, "headers")?;
    let body = opt_body(input, "body")?;
    let region = opt_string(input, "region")?;
    let service = opt_string(input, "service")?;
    let signed_headers = opt_strings(input, "signedHeaders")?;
    let protocol = opt_string(input, "protocol")?;
    let time_ms = match opt_number(input, "time")? {
        Some(t) if (0.0..1e15).contains(&t) => t.floor() as i64,
        Some(_) => return Err(SignError::InvalidTime),
        None => js_sys::Date::now() as i64,
    };
    let nonce = match opt_string(input, "nonce")? {
        Some(n) => Some(n),
        None if scheme == Scheme::Acs3 => Some(random_nonce()),
        None => None,
    };
    let req = SigningRequest {
        method: &method,
        host: &host,
        path: &path,
        query,
        headers: &headers,
        body: &body,
        protocol: protocol.as_deref().unwrap_or("https"),
        region: region.as_deref(),
        service: service.as_deref(),
        signed_headers: signed_headers.as_deref(),
        time_ms,
        nonce: nonce.as_deref(),
    };
    let signed = KEY_CACHE.with(|cache| sign(scheme, &creds, &req, cache))?;
    Ok(to_js(signed))
}

/// Forgets (and zeroes) every signing key derived in this page or process. Keys are also
/// forgotten when the client that used them is freed (`client.free()`, `using`).
#[wasm_bindgen(js_name = clearKeyCache)]
pub fn clear_key_cache() {
    KEY_CACHE.with(KeyCache::clear);
}

pub(crate) fn random_nonce() -> String {
    let mut bytes = [0u8; 16];
    get_random_values(&mut bytes);
    hex::encode(bytes)
}

/// What `signRequest` returns (its TypeScript interface is generated from this type).
#[derive(serde::Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SignedRequestOut<'a> {
    pub url: &'a str,
    pub method: &'a str,
    /// Every header to send (lowercase names), `host` and `authorization` included.
    #[tsify(type = "Record<string, string>")]
    pub headers: super::output::PairsAsMap<'a>,
    pub canonical_request: &'a str,
    pub string_to_sign: &'a str,
    pub signature: &'a str,
    pub authorization: &'a str,
}

#[wasm_bindgen(typescript_custom_section)]
const TS_SIGNED: &'static str = r#"
/** What `signRequest` returns. */
export type SignedRequest = SignedRequestOut;
"#;

/// The result, in one crossing of the boundary (`super::output`).
pub(crate) fn to_js(s: SignedRequest) -> JsValue {
    super::output::to_js(&SignedRequestOut {
        url: &s.url,
        method: &s.method,
        headers: super::output::PairsAsMap(&s.headers),
        canonical_request: &s.canonical_request,
        string_to_sign: &s.string_to_sign,
        signature: &s.signature,
        authorization: &s.authorization,
    })
}

#[wasm_bindgen(typescript_custom_section)]
const TS_STREAM: &'static str = r#"
export interface StreamUrlInput {
  /** URL scheme: rtmp (default), http, https, srt… */
  protocol?: string;
  domain: string;
  app: string;
  stream: string;
  /** Appended to the path, not signed: ".flv", ".m3u8"… */
  suffix?: string;
  secretKey: string;
  /** Expiry, Unix seconds. */
  expiresAt: number;
  /** UpdateAuthKey AuthField: renames volcSecret / volcTime. */
  authField?: { volcSecret?: string; volcTime?: string };
}
"#;

/// A push or pull URL signed with Volcengine's md5 URL authentication. Throws a `SigningError`
/// (code `InvalidStreamUrlInput`, with `field`) on bad input; the key is never in a message.
#[wasm_bindgen(js_name = signStreamUrl)]
pub fn sign_stream_url(
    #[wasm_bindgen(unchecked_param_type = "StreamUrlInput")] input: JsValue,
) -> Result<String, JsValue> {
    use crate::ops::stream_auth::{sign_stream_url, StreamUrlInput};
    if !input.is_object() {
        return Err(SignError::InvalidInput("input", "an object").into());
    }
    let protocol = opt_string(&input, "protocol")?.unwrap_or_else(|| "rtmp".into());
    let domain = req_string(&input, "domain")?;
    let app = req_string(&input, "app")?;
    let stream = req_string(&input, "stream")?;
    let suffix = opt_string(&input, "suffix")?.unwrap_or_default();
    let secret_key = req_string(&input, "secretKey")?;
    let expires_at =
        opt_number(&input, "expiresAt")?.ok_or(SignError::MissingField("expiresAt"))?;
    let auth_field = opt_record(&input, "authField")?.into_iter().collect();
    let args = StreamUrlInput {
        protocol: &protocol,
        domain: &domain,
        app: &app,
        stream: &stream,
        suffix: &suffix,
        secret_key: &secret_key,
        expires_at: if expires_at.is_finite() && expires_at < 1e13 {
            expires_at.floor() as i64
        } else {
            0
        },
        auth_field: &auth_field,
    };
    sign_stream_url(&args).map_err(|e| {
        super::error::named_error(
            ErrorName::Signing,
            "InvalidStreamUrlInput",
            &format!("{}: expected {}", e.field, e.message),
            &[("field", e.field.into())],
        )
    })
}
