//! `signRequest`.

use wasm_bindgen::prelude::*;

use crate::error::ErrorName;

use super::input::*;
use crate::credentials::Credentials;
use crate::error::SignError;
use crate::sign::{sign, sign_prehashed, KeyCache, Query, Scheme, SignedRequest, SigningRequest};

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
///
/// The package's `signRequest` (pkg-config/sign-fast.js) calls `__signFlat` for inputs of the
/// common shape and this function (as `__signRequestChecked`, which builds the object) for every
/// other input, which it reads field by field with
/// every check of `input.rs`: both sign with the same core and answer the same errors.
///
/// Both answer in the same NUL-separated text (`flat_answer`), which sign-fast.js turns into the
/// result object: one crossing, and no JSON writer in the module (the signing entry point has
/// none).
#[wasm_bindgen(js_name = __signCheckedFlat)]
pub fn sign_request(
    #[wasm_bindgen(unchecked_param_type = "SignRequestInput")] input: JsValue,
) -> Result<String, JsValue> {
    Ok(sign_checked(&input)?)
}

fn sign_checked(input: &JsValue) -> Result<String, SignError> {
    let owned = OwnedRequest::read(input)?;
    let signed =
        KEY_CACHE.with(|cache| sign(owned.scheme, &owned.creds, &owned.request(), cache))?;
    // The answer is NUL-separated: a NUL in any part would shift every field after it. The
    // signer refuses NUL where it would be copied (header values, query, host), so this holds;
    // should it not, an error is better than a wrong result.
    let answer = flat_answer(&signed);
    let parts = 6 + 2 * signed.headers.len();
    if answer.split(SEP).count() != parts {
        return Err(SignError::InvalidInput(
            "input",
            "text without NUL characters",
        ));
    }
    Ok(answer)
}

/// A `SignRequestInput` read field by field, every value checked and copied once.
struct OwnedRequest {
    scheme: Scheme,
    creds: Credentials,
    method: String,
    host: String,
    path: String,
    pairs: Option<Vec<(String, String)>>,
    raw: Option<String>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    region: Option<String>,
    service: Option<String>,
    signed_headers: Option<Vec<String>>,
    protocol: Option<String>,
    time_ms: i64,
    nonce: Option<String>,
}

impl OwnedRequest {
    fn read(input: &JsValue) -> Result<OwnedRequest, SignError> {
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
        if pairs.is_some() && raw.is_some() {
            return Err(SignError::QueryConflict);
        }
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
        Ok(OwnedRequest {
            scheme,
            creds,
            method,
            host,
            path,
            pairs,
            raw,
            headers,
            body,
            region,
            service,
            signed_headers,
            protocol,
            time_ms,
            nonce,
        })
    }

    fn request(&self) -> SigningRequest<'_> {
        SigningRequest {
            method: &self.method,
            host: &self.host,
            path: &self.path,
            query: match (&self.pairs, &self.raw) {
                (_, Some(raw)) => Query::Raw(raw),
                (Some(p), None) => Query::Pairs(p),
                (None, None) => Query::Pairs(&[]),
            },
            headers: &self.headers,
            body: &self.body,
            protocol: self.protocol.as_deref().unwrap_or("https"),
            region: self.region.as_deref(),
            service: self.service.as_deref(),
            signed_headers: self.signed_headers.as_deref(),
            time_ms: self.time_ms,
            nonce: self.nonce.as_deref(),
        }
    }
}

/// The separator of the flat path's fields and answer: no input it is used for may contain it
/// (the JavaScript side sends such input the checked way).
const SEP: char = '\0';

/// Which optional fields the flat path's text holds (bits of its `present` argument); an absent
/// field takes no place in the text.
mod present {
    pub const RAW_QUERY: u32 = 1;
    pub const BODY_SHA256: u32 = 1 << 1;
    pub const SESSION_TOKEN: u32 = 1 << 2;
    pub const REGION: u32 = 1 << 3;
    pub const SERVICE: u32 = 1 << 4;
    pub const SIGNED_HEADERS: u32 = 1 << 5;
    pub const NONCE: u32 = 1 << 6;
}

/// The fields of the flat path's text, in order.
struct FlatFields<'t> {
    rest: &'t str,
}

impl<'t> FlatFields<'t> {
    fn next(&mut self) -> Result<&'t str, SignError> {
        let (field, rest) = self
            .rest
            .split_once(SEP)
            .ok_or(SignError::InvalidInput("input", "the fields of a request"))?;
        self.rest = rest;
        Ok(field)
    }

    fn optional(&mut self, present: u32, bit: u32) -> Result<Option<&'t str>, SignError> {
        if present & bit == 0 {
            return Ok(None);
        }
        self.next().map(Some)
    }

    fn pairs(&mut self, count: u32) -> Result<Vec<(String, String)>, SignError> {
        (0..count)
            .map(|_| Ok((self.next()?.to_string(), self.next()?.to_string())))
            .collect()
    }
}

/// `signRequest` for inputs of the common shape: every string field crosses the boundary in one
/// text (`scheme, method, host, path, query pairs…, rawQuery?, header pairs…, bodySha256?,
/// accessKeyId, secretAccessKey, sessionToken?, region?, service?, signedHeaders…, nonce?,
/// protocol`, each followed by NUL, then the text body, which may hold anything), with the list
/// lengths and the optional fields present given as numbers, and a long body as bytes. The answer
/// comes back as one string (`url`, `method`, `canonicalRequest`, `stringToSign`, `signature`,
/// `authorization`, then header names and values, separated by NUL). One text instead of a
/// string per field: each string costs an allocation call into the module and its own copy. The
/// JavaScript side has checked the types and sizes; the values are judged here exactly as on
/// the checked path.
#[wasm_bindgen(js_name = __signFlat)]
pub fn sign_flat(
    text: &str,
    query_pairs: u32,
    header_pairs: u32,
    signed_names: u32,
    present: u32,
    body_bytes: Option<Vec<u8>>,
    time_ms: f64,
) -> Result<String, JsValue> {
    let counts = [query_pairs, header_pairs, signed_names];
    Ok(sign_flat_text(
        text,
        counts,
        present,
        body_bytes.as_deref(),
        time_ms,
    )?)
}

fn sign_flat_text(
    text: &str,
    [query_pairs, header_pairs, signed_names]: [u32; 3],
    present: u32,
    body_bytes: Option<&[u8]>,
    time_ms: f64,
) -> Result<String, SignError> {
    let mut f = FlatFields { rest: text };
    let scheme: Scheme = f.next()?.parse()?;
    let (method, host, path) = (f.next()?, f.next()?, f.next()?);
    let pairs = f.pairs(query_pairs)?;
    let raw_query = f.optional(present, present::RAW_QUERY)?;
    let headers = f.pairs(header_pairs)?;
    let body_sha256 = f.optional(present, present::BODY_SHA256)?;
    let (access_key_id, secret_access_key) = (f.next()?, f.next()?);
    let session_token = f.optional(present, present::SESSION_TOKEN)?;
    let region = f.optional(present, present::REGION)?;
    let service = f.optional(present, present::SERVICE)?;
    let signed: Option<Vec<String>> = if present & present::SIGNED_HEADERS != 0 {
        Some(
            (0..signed_names)
                .map(|_| f.next().map(str::to_string))
                .collect::<Result<_, _>>()?,
        )
    } else {
        None
    };
    let nonce = f.optional(present, present::NONCE)?;
    let protocol = f.next()?;
    let body_text = f.rest;

    let creds = Credentials::new(
        access_key_id,
        secret_access_key,
        session_token.map(str::to_string),
    )?;
    // (Both `query` and `rawQuery` given: the JavaScript side sends that the checked way.)
    let query = match raw_query {
        Some(raw) => Query::Raw(raw),
        None => Query::Pairs(&pairs),
    };
    if !(0.0..1e15).contains(&time_ms) {
        return Err(SignError::InvalidTime);
    }
    let random;
    let nonce = match nonce {
        Some(n) => Some(n),
        None if scheme == Scheme::Acs3 => {
            random = random_nonce();
            Some(random.as_str())
        }
        None => None,
    };
    // A long text body arrives already encoded (as bytes), or only as its hash (Node); a short
    // one as the end of the text.
    let body = body_bytes.unwrap_or(body_text.as_bytes());
    let req = SigningRequest {
        method,
        host,
        path,
        query,
        headers: &headers,
        body,
        protocol,
        region,
        service,
        signed_headers: signed.as_deref(),
        time_ms: time_ms.floor() as i64,
        nonce,
    };
    let s = KEY_CACHE.with(|cache| sign_prehashed(scheme, &creds, &req, cache, body_sha256))?;
    Ok(flat_answer(&s))
}

/// The signed request as the NUL-separated answer of `__signFlat`.
fn flat_answer(s: &SignedRequest) -> String {
    let headers_len: usize = s.headers.iter().map(|(n, v)| n.len() + v.len() + 2).sum();
    let mut out = String::with_capacity(
        s.url.len()
            + s.canonical_request.len()
            + s.string_to_sign.len()
            + s.signature.len()
            + 2 * s.authorization.len()
            + headers_len
            + 16,
    );
    for part in [
        &s.url,
        &s.method,
        &s.canonical_request,
        &s.string_to_sign,
        &s.signature,
        &s.authorization,
    ] {
        out.push_str(part);
        out.push(SEP);
    }
    for (name, value) in &s.headers {
        out.push_str(name);
        out.push(SEP);
        out.push_str(value);
        out.push(SEP);
    }
    out.pop();
    out
}

/// For `npm run bench` only: reads the request once (the checked way), then signs it `times`
/// times inside the module, so that a benchmark can tell the signature's own cost from the
/// boundary's (the time of a `signRequest` call minus this, per signature). With `bodySha256`
/// the body's hash is taken as given, as `signRequest` does on Node. Returns the last signature.
#[cfg(not(feature = "entry-sign"))]
#[wasm_bindgen(js_name = __benchSignLoop)]
pub fn bench_sign_loop(
    #[wasm_bindgen(unchecked_param_type = "SignRequestInput")] input: JsValue,
    times: u32,
    #[wasm_bindgen(unchecked_optional_param_type = "string")] body_sha256: JsValue,
) -> Result<String, JsValue> {
    let owned = OwnedRequest::read(&input)?;
    let body_sha256 = match string_within(&body_sha256, 64) {
        Some(Ok(h)) => Some(h),
        Some(Err(())) => return Err(SignError::InvalidInput("bodySha256", "64 hex digits").into()),
        None => None,
    };
    let req = owned.request();
    let mut last = String::new();
    for _ in 0..times.min(1_000_000) {
        last = KEY_CACHE
            .with(|cache| {
                sign_prehashed(
                    owned.scheme,
                    &owned.creds,
                    &req,
                    cache,
                    body_sha256.as_deref(),
                )
            })?
            .signature;
    }
    Ok(last)
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
#[allow(dead_code)] // its TypeScript interface is the type of what signRequest returns
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

#[cfg(not(feature = "entry-sign"))]
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
#[cfg(not(feature = "entry-sign"))]
#[wasm_bindgen(js_name = signStreamUrl)]
pub fn sign_stream_url(
    #[wasm_bindgen(unchecked_param_type = "StreamUrlInput")] input: JsValue,
) -> Result<String, JsValue> {
    use crate::sign::stream_url::{sign_stream_url, StreamUrlInput};
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
