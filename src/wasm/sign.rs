//! `signRequest`. The module takes its input as flat text only: the package's glue
//! (pkg-config/sign-fast.js) reads the JavaScript value, with every check of a hostile value,
//! and the module judges the strings it is given. So the signing entry point carries no reader
//! of JavaScript values (tests/js/entries.test.mjs checks), and both ways into `signRequest`
//! end in the same function here.

use wasm_bindgen::prelude::*;

use crate::credentials::Credentials;
use crate::error::SignError;
use crate::sign::{sign_prehashed, KeyCache, Query, Scheme, SignedRequest, SigningRequest};

thread_local! {
    /// Derived signing keys of this page or process, shared by every call.
    pub(crate) static KEY_CACHE: KeyCache = KeyCache::default();
}

// Its reader is the glue (pkg-config/sign-fast.js), which checks every field and turns it into
// the flat text `__signFlat` takes; like `SignedRequestOut`, which the glue builds from the
// module's answer, this model is the declaration of a value JavaScript handles.
/// What `signRequest` takes: the request, the credentials and the signing options.
#[allow(dead_code)] // its TypeScript interface is the type of what signRequest takes
#[derive(tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SignRequestInput {
    #[tsify(type = "SigningScheme")]
    pub scheme: Scheme,
    pub method: String,
    /// Host name or address with an optional port, e.g. `live.volcengineapi.com` or `127.0.0.1:8787`.
    pub host: String,
    /// Defaults to `/`.
    #[tsify(optional)]
    pub path: Option<String>,
    /// Decoded query pairs, in request order.
    #[tsify(optional, type = "[string, string][]")]
    pub query: Option<Vec<(String, String)>>,
    /// tc3 only: the query string exactly as it goes on the wire.
    #[tsify(optional)]
    pub raw_query: Option<String>,
    #[tsify(optional, type = "Record<string, string>")]
    pub headers: Option<Vec<(String, String)>>,
    /// A string is sent as its UTF-8 bytes.
    #[tsify(optional, type = "string | Uint8Array")]
    pub body: Option<Vec<u8>>,
    pub access_key_id: String,
    pub secret_access_key: String,
    #[tsify(optional)]
    pub session_token: Option<String>,
    #[tsify(optional)]
    pub region: Option<String>,
    #[tsify(optional)]
    pub service: Option<String>,
    /// Overrides the scheme's default header policy.
    #[tsify(optional)]
    pub signed_headers: Option<Vec<String>>,
    /// Signing time in epoch milliseconds; default: now.
    #[tsify(optional)]
    pub time: Option<f64>,
    /// acs3: the signature nonce; default: 32 random hex characters.
    #[tsify(optional)]
    pub nonce: Option<String>,
    /// Protocol of the returned URL; default `https`.
    #[tsify(optional, type = "\"https\" | \"http\"")]
    pub protocol: Option<String>,
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(buf: &mut [u8]);
}

/// The separator of the flat text's fields and of the answer's. A field may hold it only when
/// the text comes with the fields' lengths (the checked way); the answer's parts never do.
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

/// The fields of the flat text, in order, each followed by NUL. Without `lengths` a field ends
/// at the first NUL (the common shape, whose strings sign-fast.js has checked to hold none);
/// with them, after its length in UTF-16 units, so that a field may hold NUL (the checked way,
/// which takes any string).
struct FlatFields<'t> {
    rest: &'t str,
    lengths: Option<std::slice::Iter<'t, u32>>,
}

impl<'t> FlatFields<'t> {
    fn next(&mut self) -> Result<&'t str, SignError> {
        let split = match &mut self.lengths {
            None => self.rest.split_once(SEP),
            Some(lengths) => lengths
                .next()
                .and_then(|&units| split_utf16(self.rest, units))
                .and_then(|(field, rest)| Some((field, rest.strip_prefix(SEP)?))),
        };
        let (field, rest) =
            split.ok_or(SignError::InvalidInput("input", "the fields of a request"))?;
        self.rest = rest;
        Ok(field)
    }

    fn optional(&mut self, present: u32, bit: u32) -> Result<Option<&'t str>, SignError> {
        if present & bit == 0 {
            return Ok(None);
        }
        self.next().map(Some)
    }

    // Loops rather than `collect` into a `Result`: the same, in less code.
    fn pairs(&mut self, count: u32) -> Result<Vec<(String, String)>, SignError> {
        let mut out = Vec::new();
        for _ in 0..count {
            out.push((self.next()?.to_string(), self.next()?.to_string()));
        }
        Ok(out)
    }

    fn strings(&mut self, count: u32) -> Result<Vec<&'t str>, SignError> {
        let mut out = Vec::new();
        for _ in 0..count {
            out.push(self.next()?);
        }
        Ok(out)
    }
}

/// `text` cut after its first `units` UTF-16 units (a JavaScript string's length), or `None`
/// when it is shorter or the cut falls inside a character. (The glue sends a lone surrogate as
/// U+FFFD, one unit either way; the NUL after each field keeps two halves from pairing up.)
fn split_utf16(text: &str, units: u32) -> Option<(&str, &str)> {
    let mut left = units as usize;
    let mut end = 0;
    for c in text.chars() {
        if left == 0 {
            break;
        }
        left = left.checked_sub(c.len_utf16())?;
        end += c.len_utf8();
    }
    if left != 0 {
        return None;
    }
    text.split_at_checked(end)
}

/// `signRequest`, both ways in: every string field crosses the boundary in one text (`scheme,
/// method, host, path, query pairs…, rawQuery?, header pairs…, bodySha256?, accessKeyId,
/// secretAccessKey, sessionToken?, region?, service?, signedHeaders…, nonce?, protocol`, each
/// followed by NUL, then the text body, which may hold anything), with the list lengths and the
/// optional fields present given as numbers, a long body as bytes and, for text whose fields may
/// hold NUL, the fields' lengths. The answer comes back as one string (`url`, `method`,
/// `canonicalRequest`, `stringToSign`, `signature`, `authorization`, then header names and
/// values, separated by NUL), or a refusal as NUL, its code, NUL and its message, which the glue
/// throws as a `SigningError` (`error_answer`). One text instead of a string per field: each
/// string costs an allocation call into the module and its own copy. The glue has checked the
/// types and sizes (and is the only caller: this export stays inside it); the values are judged
/// here.
#[wasm_bindgen(js_name = __signFlat)]
#[allow(clippy::too_many_arguments)] // one crossing: each argument is a number or one buffer
pub fn sign_flat(
    text: &str,
    query_pairs: u32,
    header_pairs: u32,
    signed_names: u32,
    present: u32,
    body_bytes: Option<Vec<u8>>,
    time_ms: f64,
    field_lengths: Option<Vec<u32>>,
) -> String {
    let fields = FlatFields { rest: text, lengths: field_lengths.as_deref().map(<[u32]>::iter) };
    let counts = [query_pairs, header_pairs, signed_names];
    sign_flat_text(fields, counts, present, body_bytes.as_deref(), time_ms)
        .unwrap_or_else(|e| error_answer(&e))
}

fn sign_flat_text(
    mut f: FlatFields<'_>,
    [query_pairs, header_pairs, signed_names]: [u32; 3],
    present: u32,
    body_bytes: Option<&[u8]>,
    time_ms: f64,
) -> Result<String, SignError> {
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
    let signed =
        if present & present::SIGNED_HEADERS != 0 { Some(f.strings(signed_names)?) } else { None };
    let nonce = f.optional(present, present::NONCE)?;
    let protocol = f.next()?;
    let body_text = f.rest;

    let creds =
        Credentials::new(access_key_id, secret_access_key, session_token.map(str::to_string))?;
    // (Both `query` and `rawQuery` given: the glue refuses that, `QueryConflict`.)
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
    // Text without lengths has no NUL in any field (the glue checked), so none in the answer.
    match f.lengths {
        Some(_) => checked_answer(&s),
        None => Ok(flat_answer(&s)),
    }
}

/// A refusal as the answer: NUL, the code, NUL, the message (an answer proper opens with its
/// URL). The glue makes the `SigningError` of it, as it makes its own: so errors cross as text,
/// and the signing module builds no JavaScript object (nor carries the code to).
fn error_answer(e: &SignError) -> String {
    ["\0", e.code(), "\0", &e.message()].concat()
}

/// The answer, sure to split into its parts, for text whose fields may hold NUL. A NUL in any
/// part would shift every field after it; the signer refuses NUL wherever it would be copied
/// (header values, query, host), so this holds, and should it not, an error is better than a
/// wrong result.
fn checked_answer(s: &SignedRequest) -> Result<String, SignError> {
    let answer = flat_answer(s);
    let separators = 5 + 2 * s.headers.len();
    if answer.bytes().filter(|&b| b == SEP as u8).count() != separators {
        return Err(SignError::InvalidInput("input", "text without NUL characters"));
    }
    Ok(answer)
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
    for part in
        [&s.url, &s.method, &s.canonical_request, &s.string_to_sign, &s.signature, &s.authorization]
    {
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

/// Forgets (and zeroes) every signing key derived in this page or process. Keys are also
/// forgotten when the client that used them is freed (`client.free()`, `using`).
#[wasm_bindgen(js_name = clearKeyCache)]
pub fn clear_key_cache() {
    KEY_CACHE.with(KeyCache::clear);
}

pub(crate) fn random_nonce() -> String {
    let mut bytes = [0u8; 16];
    get_random_values(&mut bytes);
    crate::sign::lower_hex(&bytes)
}

/// What `signRequest` returns (its TypeScript interface, `SignedRequest`, is generated from this
/// type; the glue builds it from the module's text answer).
#[allow(dead_code)] // its TypeScript interface is the type of what signRequest returns
#[derive(serde::Serialize, tsify::Tsify)]
#[tsify(rename = "SignedRequest")]
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
