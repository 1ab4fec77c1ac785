//! Canonicalization shared by the three schemes.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::error::SignError;

/// RFC 3986 unreserved characters: the only bytes strict percent-encoding leaves as they are.
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// Strict percent-encoding of the UTF-8 bytes with uppercase hex (`%20`, `%2A`, never `+`).
pub fn pct_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_pct(&mut out, s);
    out
}

/// `pct_encode` appended to `out`. A loop of its own rather than `percent-encoding`'s iterator:
/// the same bytes out, without the iterator and its 768-byte table in the signing module.
pub(crate) fn push_pct(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        if is_unreserved(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

/// Lowercase hex of SHA-256 over `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(64);
    push_sha256_hex(&mut out, bytes);
    out
}

/// 32 bytes as 64 lowercase hex digits.
pub(crate) fn hex32(bytes: &[u8; 32]) -> String {
    lower_hex(bytes)
}

/// Bytes as lowercase hex, written in one pass: `hex::encode` goes a character at a time
/// through an iterator, which shows in profiles of the wasm build, and `encode_to_slice` is
/// about 1 KB of the signing module for its checks.
pub(crate) fn lower_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::with_capacity(2 * bytes.len());
    for &b in bytes {
        out.push(HEX[usize::from(b >> 4)]);
        out.push(HEX[usize::from(b & 15)]);
    }
    // Cannot fail: every byte is an ASCII digit.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends the lowercase hex of SHA-256 over `bytes`: the string to sign's last line, written
/// in place (through a buffer on the stack) rather than as a string of its own.
pub(crate) fn push_sha256_hex(out: &mut String, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut digits = [0u8; 64];
    for (pair, &b) in digits.chunks_exact_mut(2).zip(digest.iter()) {
        pair[0] = HEX[usize::from(b >> 4)];
        pair[1] = HEX[usize::from(b & 15)];
    }
    // Cannot fail: every byte is an ASCII digit.
    out.push_str(std::str::from_utf8(&digits).unwrap_or_default());
}

pub(crate) fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    // HMAC takes keys of any length; the error case of `new_from_slice` cannot occur.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return [0; 32];
    };
    mac.update(msg);
    mac.finalize().into_bytes().into()
}

/// What `prepare` makes of a request before a scheme takes over.
pub(crate) struct CanonicalParts {
    pub method: String,
    /// The `host` header: the URL authority without the protocol's default port.
    pub host_header: String,
    /// Canonical URI, also the wire path.
    pub path: String,
    /// Canonical query, also the wire query.
    pub query: String,
    /// The caller's headers: lowercase names, trimmed values, signer-owned ones removed.
    pub headers: Vec<(String, String)>,
    pub url: String,
}

pub(crate) fn validate_method(method: &str) -> Result<String, SignError> {
    if method.is_empty() {
        return Err(SignError::MissingField("method"));
    }
    if method.len() > 16 || !method.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(SignError::InvalidMethod(super::truncate(method, 16)));
    }
    Ok(method.to_ascii_uppercase())
}

/// Checks a URL authority (`name`, `name:port`, `[v6]:port`) and returns the `host` header value.
pub(crate) fn validate_host(host: &str, secure: bool) -> Result<String, SignError> {
    if host.is_empty() {
        return Err(SignError::MissingField("host"));
    }
    let allowed =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b':' | b'[' | b']');
    if host.len() > 255 || !host.bytes().all(allowed) {
        return Err(SignError::InvalidHost(super::truncate(host, 60)));
    }
    let default_port = if secure { ":443" } else { ":80" };
    Ok(host.strip_suffix(default_port).unwrap_or(host).to_string())
}

/// Encodes each path segment strictly, keeping the `/` separators.
pub(crate) fn canonical_path(path: &str) -> Result<String, SignError> {
    if path.is_empty() {
        return Ok("/".to_string());
    }
    if !path.starts_with('/') || path.contains(['?', '#']) {
        return Err(SignError::InvalidPath);
    }
    let mut out = String::with_capacity(path.len());
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        push_pct(&mut out, segment);
    }
    Ok(out)
}

/// A raw (tc3) query string is used verbatim, so it must be something a URL can carry.
pub(crate) fn validate_raw_query(raw: &str) -> Result<String, SignError> {
    let raw = raw.strip_prefix('?').unwrap_or(raw);
    if !raw.bytes().all(|b| b.is_ascii_graphic() && b != b'#') {
        return Err(SignError::InvalidInput(
            "rawQuery",
            "an already-encoded query string (visible ASCII, no `#`)",
        ));
    }
    Ok(raw.to_string())
}

/// `PCT(key)=PCT(value)` joined by `&`, in the order given.
pub(crate) fn encode_pairs<'a>(pairs: impl Iterator<Item = &'a (String, String)>) -> String {
    let mut out = String::new();
    for (k, v) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        push_pct(&mut out, k);
        out.push('=');
        push_pct(&mut out, v);
    }
    out
}

/// Sorts pairs by their first string (a header's name, a query key), stably: equal names keep
/// their order. An insertion sort that finds each place by binary search: a request has a
/// handful of headers and query pairs, and this is a few hundred bytes of wasm where the
/// library's stable sort is about 4 KB for each type it sorts. Its worst case, the most entries
/// an input may have (10000) in reverse order, is n²/2 pointer moves: milliseconds.
pub(crate) fn sort_by_name(items: &mut [&(String, String)]) {
    for i in 1..items.len() {
        let item = items[i];
        let at = items[..i].partition_point(|p| p.0 <= item.0);
        items[at..=i].rotate_right(1);
    }
}

/// Pairs encoded, then sorted by encoded key; the sort is stable, so repeated keys keep the
/// request's order.
pub(crate) fn sorted_query(pairs: &[(String, String)]) -> String {
    let encoded: Vec<(String, String)> =
        pairs.iter().map(|(k, v)| (pct_encode(k), pct_encode(v))).collect();
    let mut sorted: Vec<&(String, String)> = encoded.iter().collect();
    sort_by_name(&mut sorted);
    let mut out = String::with_capacity(encoded.iter().map(|(k, v)| k.len() + v.len() + 2).sum());
    for (k, v) in sorted {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    out
}

pub(crate) fn wire_url(secure: bool, host: &str, path: &str, query: &str) -> String {
    let protocol = if secure { "https://" } else { "http://" };
    let mut url = String::with_capacity(protocol.len() + host.len() + path.len() + query.len() + 1);
    url.push_str(protocol);
    url.push_str(host);
    url.push_str(path);
    if !query.is_empty() {
        url.push('?');
        url.push_str(query);
    }
    url
}

fn is_token_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Lower-cases names, trims values, rejects what `fetch` or HTTP would refuse, and drops the
/// headers the signer sets itself.
pub(crate) fn normalize_headers(
    headers: &[(String, String)],
    signer_owned: &[&str],
) -> Result<Vec<(String, String)>, SignError> {
    let mut out: Vec<(String, String)> = Vec::with_capacity(headers.len() + 6);
    for (name, value) in headers {
        if name.is_empty() || name.len() > 128 || !name.bytes().all(is_token_char) {
            return Err(SignError::InvalidHeaderName(super::truncate(name, 40)));
        }
        let name = name.to_ascii_lowercase();
        if !value.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b)) {
            return Err(SignError::InvalidHeaderValue(name));
        }
        if signer_owned.contains(&name.as_str()) {
            continue;
        }
        if out.iter().any(|(n, _)| *n == name) {
            return Err(SignError::DuplicateHeader(name));
        }
        // The value holds no ASCII whitespace but space and tab (checked above): `trim_ascii`
        // trims exactly those, with less code than a pattern of two characters.
        out.push((name, value.trim_ascii().to_string()));
    }
    Ok(out)
}

/// The headers to sign, sorted by name: an explicit list (each must be present), or the scheme's
/// default policy applied to every header of the request.
pub(crate) fn select_signed<'h>(
    all: &'h [(String, String)],
    explicit: Option<&[&str]>,
    default_policy: impl Fn(&str) -> bool,
) -> Result<Vec<&'h (String, String)>, SignError> {
    let mut chosen: Vec<&(String, String)> = match explicit {
        Some(names) => {
            let mut chosen = Vec::with_capacity(names.len());
            for name in names {
                // Names in `all` are lowercase already: compared without a lowercase copy of
                // each listed name (an allocation per name, in the profile of every signature).
                let name = name.trim();
                match all.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
                    Some(h) => {
                        if !chosen.iter().any(|c: &&(String, String)| c.0 == h.0) {
                            chosen.push(h)
                        }
                    }
                    None => {
                        let name = name.to_ascii_lowercase();
                        return Err(SignError::MissingSignedHeader(super::truncate(&name, 40)));
                    }
                }
            }
            chosen
        }
        None => all.iter().filter(|(n, _)| default_policy(n)).collect(),
    };
    sort_by_name(&mut chosen);
    Ok(chosen)
}

/// The canonical request as text, and its `SignedHeaders` line:
/// `Method \n URI \n Query \n Headers \n SignedHeaders \n PayloadHash`, where each signed header
/// line is `name:value\n` with the value as the scheme writes it (`header_value` appends it).
/// Written into one buffer sized up front: `format!` and a `String` per line cost more than the
/// hashing in the wasm build's profile.
pub(crate) fn canonical_request(
    parts: &CanonicalParts,
    signed: &[&(String, String)],
    header_value: fn(&str, &mut String),
    payload_hash: &str,
) -> (String, String) {
    let mut signed_names = String::with_capacity(signed.iter().map(|(n, _)| n.len() + 1).sum());
    for (i, (name, _)) in signed.iter().enumerate() {
        if i > 0 {
            signed_names.push(';');
        }
        signed_names.push_str(name);
    }
    let headers_len: usize = signed.iter().map(|(n, v)| n.len() + v.len() + 2).sum();
    let mut out = String::with_capacity(
        parts.method.len()
            + parts.path.len()
            + parts.query.len()
            + headers_len
            + signed_names.len()
            + payload_hash.len()
            + 5,
    );
    for line in [&parts.method, &parts.path, &parts.query] {
        out.push_str(line);
        out.push('\n');
    }
    for (name, value) in signed {
        out.push_str(name);
        out.push(':');
        header_value(value, &mut out);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&signed_names);
    out.push('\n');
    out.push_str(payload_hash);
    (out, signed_names)
}

/// Checks a region or service name before it goes into a credential scope.
pub(crate) fn scope_part(value: &str, what: &'static str) -> Result<(), SignError> {
    let ok = !value.is_empty()
        && value.len() <= 64
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(SignError::InvalidScopePart(what))
    }
}

/// The first DNS label of a cloud host (`live.volcengineapi.com` → `live`), when it is one.
pub(crate) fn service_from_host<'h>(host: &'h str, cloud_suffix: &str) -> Option<&'h str> {
    let name = host.split(':').next()?;
    if !name.ends_with(cloud_suffix) {
        return None;
    }
    name.split('.').next().filter(|s| !s.is_empty())
}
