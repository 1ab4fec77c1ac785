//! `__benchSignLoop`, for `npm run bench` only (the full package): the signature's own cost,
//! without the boundary's.

use wasm_bindgen::prelude::*;

use super::input::*;
use super::sign::{random_nonce, KEY_CACHE};
use crate::credentials::Credentials;
use crate::error::SignError;
use crate::sign::{sign_prehashed, Query, Scheme, SigningRequest};

/// For `npm run bench` only: reads the request once (the checked way), then signs it `times`
/// times inside the module, so that a benchmark can tell the signature's own cost from the
/// boundary's (the time of a `signRequest` call minus this, per signature). With `bodySha256`
/// the body's hash is taken as given, as `signRequest` does on Node. Returns the last signature.
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
    let names: Option<Vec<&str>> =
        owned.signed_headers.as_ref().map(|list| list.iter().map(String::as_str).collect());
    let req = SigningRequest { signed_headers: names.as_deref(), ..owned.request() };
    let mut last = String::new();
    for _ in 0..times.min(1_000_000) {
        last = KEY_CACHE
            .with(|cache| {
                sign_prehashed(owned.scheme, &owned.creds, &req, cache, body_sha256.as_deref())
            })?
            .signature;
    }
    Ok(last)
}

/// A `SignRequestInput` read field by field with the checks of `input.rs`, every value copied
/// once. The benchmark's only: `signRequest` reads its input in the glue (pkg-config/sign-fast.js)
/// and hands the module flat text.
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
            // Borrowed names: the caller sets them from `self.signed_headers`.
            signed_headers: None,
            time_ms: self.time_ms,
            nonce: self.nonce.as_deref(),
        }
    }
}
