//! Keeping secrets out of what comes back. A server may echo the request in its answer (an error
//! message that quotes the body, a result that repeats a field): every secret the call sent (the
//! operation's secret fields, the secret key, the session token) is masked in every string of the
//! result and in the error's words before anything reaches the caller.

use std::borrow::Cow;

use serde_json::Value;

use super::FinalError;
use crate::catalog::{secret_values, Operation};
use crate::credentials::Credentials;

/// What replaces a secret.
pub const MASK: &str = "***";

/// Shorter pieces of a secret are not masked on their own: they would mangle ordinary words.
const MIN_PIECE: usize = 16;

/// The texts to mask for one call, longest first (so that a secret's whole value goes before its
/// pieces).
#[derive(Default)]
pub struct Secrets {
    texts: Vec<String>,
    /// Every run of `WINDOW` characters of the secrets' base64 bodies (PEM keys): a quote of the
    /// key however it was cut, escaped or encoded (`%2B`, `\n`) is found by its windows.
    windows: std::collections::HashSet<Vec<u8>>,
}

/// Characters of base64 in a row that count as a piece of a key: 15 bytes of key material.
const WINDOW: usize = 20;

fn is_b64(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'+' || c == b'/' || c == b'='
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secrets({} texts)", self.texts.len())
    }
}

impl Secrets {
    /// The secrets of a call of `op` with `payload` under `creds`.
    pub fn of(op: &Operation, payload: &Value, creds: &Credentials) -> Secrets {
        let mut s = Secrets::default();
        for value in secret_values(op, payload) {
            s.add(value);
        }
        s.add(creds.secret_access_key.expose());
        if let Some(token) = &creds.session_token {
            s.add(token.expose());
        }
        s.texts.sort_by_key(|t| std::cmp::Reverse(t.len()));
        s.texts.dedup();
        s
    }

    /// A secret, whole, and each line of it long enough to be its own (the base64 lines of a PEM
    /// key): a server may quote the key with its line breaks escaped (`\n` in JSON) or dropped.
    fn add(&mut self, value: &str) {
        if value.is_empty() {
            return;
        }
        self.texts.push(value.to_string());
        if value.contains('\n') {
            let mut body = Vec::new();
            for line in value.lines().map(str::trim) {
                if line.len() >= MIN_PIECE && !line.starts_with("-----") {
                    self.texts.push(line.to_string());
                }
                if !line.starts_with("-----") && !line.contains(':') {
                    body.extend(line.bytes().filter(|&c| is_b64(c)));
                }
            }
            for w in body.windows(WINDOW) {
                self.windows.insert(w.to_vec());
            }
        }
    }

    /// `text` with every run of base64 (decoding `%2B`, `%2F`, `%3D`, and stepping over line
    /// breaks, escaped or encoded) that holds a piece of a key masked.
    fn scrub_pieces(&self, text: &str) -> Option<String> {
        if self.windows.is_empty() {
            return None;
        }
        let b = text.as_bytes();
        // The decoded characters of base64 and the byte span of each in `text`.
        let mut chars: Vec<(u8, usize, usize)> = Vec::new();
        let mut covered: Vec<(usize, usize)> = Vec::new();
        let flush = |chars: &mut Vec<(u8, usize, usize)>, covered: &mut Vec<(usize, usize)>| {
            if chars.len() >= WINDOW {
                let decoded: Vec<u8> = chars.iter().map(|c| c.0).collect();
                let mut i = 0;
                while i + WINDOW <= decoded.len() {
                    if self.windows.contains(&decoded[i..i + WINDOW]) {
                        covered.push((chars[i].1, chars[i + WINDOW - 1].2));
                    }
                    i += 1;
                }
            }
            chars.clear();
        };
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            let pct = |hex: &[u8]| -> Option<u8> {
                match hex {
                    [b'2', b'B' | b'b'] => Some(b'+'),
                    [b'2', b'F' | b'f'] => Some(b'/'),
                    [b'3', b'D' | b'd'] => Some(b'='),
                    _ => None,
                }
            };
            if is_b64(c) {
                chars.push((c, i, i + 1));
                i += 1;
            } else if c == b'%' && i + 3 <= b.len() && pct(&b[i + 1..i + 3]).is_some() {
                chars.push((pct(&b[i + 1..i + 3]).unwrap_or(b'+'), i, i + 3));
                i += 3;
            } else if c == b'\n' || c == b'\r' {
                i += 1; // a line break inside a quoted key
            } else if c == b'\\' && matches!(b.get(i + 1), Some(b'n' | b'r')) {
                i += 2; // an escaped line break
            } else if c == b'%'
                && (b[i..].starts_with(b"%0A")
                    || b[i..].starts_with(b"%0a")
                    || b[i..].starts_with(b"%0D")
                    || b[i..].starts_with(b"%0d"))
            {
                i += 3;
            } else {
                flush(&mut chars, &mut covered);
                i += 1;
            }
        }
        flush(&mut chars, &mut covered);
        if covered.is_empty() {
            return None;
        }
        covered.sort_unstable();
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for (a, z) in covered {
            match spans.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(z),
                _ => spans.push((a, z)),
            }
        }
        for (a, z) in spans {
            out.push_str(&text[at..a]);
            out.push_str(MASK);
            at = z;
        }
        out.push_str(&text[at..]);
        Some(out)
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// `text` with every secret masked, and every piece of a key however it was quoted.
    pub fn scrub<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let mut out = Cow::Borrowed(text);
        for secret in &self.texts {
            if out.contains(secret.as_str()) {
                out = Cow::Owned(out.replace(secret.as_str(), MASK));
            }
        }
        match self.scrub_pieces(&out) {
            Some(clean) => Cow::Owned(clean),
            None => out,
        }
    }

    /// Every string of `v` (keys included) with every secret masked.
    pub fn scrub_value(&self, v: &mut Value) {
        if self.is_empty() {
            return;
        }
        match v {
            Value::String(s) => {
                if let Cow::Owned(clean) = self.scrub(s) {
                    *s = clean;
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|i| self.scrub_value(i)),
            Value::Object(map) => {
                let dirty: Vec<String> = map
                    .keys()
                    .filter(|k| matches!(self.scrub(k), Cow::Owned(_)))
                    .cloned()
                    .collect();
                for key in dirty {
                    if let Some(value) = map.remove(&key) {
                        map.insert(self.scrub(&key).into_owned(), value);
                    }
                }
                map.values_mut().for_each(|i| self.scrub_value(i));
            }
            _ => {}
        }
    }

    /// The error's code, words and request id with every secret masked.
    pub fn scrub_error(&self, e: &mut FinalError) {
        for text in [&mut e.code, &mut e.message] {
            if let Cow::Owned(clean) = self.scrub(text) {
                *text = clean;
            }
        }
        if let Some(id) = &mut e.request_id {
            if let Cow::Owned(clean) = self.scrub(id) {
                *id = clean;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Provider;
    use crate::catalog::{
        aliyun_esa::SET_CERTIFICATE, tencent_live::MODIFY_LIVE_DOMAIN_CERT_BINDINGS,
    };
    use crate::client::parse_answer;
    use crate::error::ErrorName;
    use serde_json::json;

    const KEY: &str = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\nq8vJk2kD0aP4n1rXoZ9Qm3uF0lQ2sBv1xY5eZtq8w4nA==\n-----END PRIVATE KEY-----\n";

    fn creds() -> Credentials {
        Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG", Some("tok-123456".to_string()))
            .unwrap()
    }

    #[test]
    fn a_server_that_quotes_the_key_in_its_error_gets_it_masked() {
        let payload = json!({ "SiteId": 1, "Type": "upload", "Name": "n", "Certificate": "C", "PrivateKey": KEY });
        let secrets = Secrets::of(&SET_CERTIFICATE, &payload, &creds());
        // The body as the server read it, quoted with JSON escapes: the line breaks are `\n`.
        let echoed = format!("bad request: {}", serde_json::to_string(&payload).unwrap());
        let body =
            json!({ "Code": "InvalidParameter", "Message": echoed, "RequestId": "r" }).to_string();
        let failure = parse_answer(Provider::Aliyun, 400, &body).unwrap_err();
        let mut e = FinalError {
            name: ErrorName::Api,
            code: failure.code,
            message: failure.message,
            request_id: failure.request_id,
            http_status: failure.http_status,
            retryable: false,
        };
        assert!(e.message.contains("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7"));
        secrets.scrub_error(&mut e);
        for line in KEY.lines().filter(|l| !l.starts_with("-----")) {
            assert!(!e.message.contains(line), "{}", e.message);
        }
        assert!(e.message.contains(MASK));
        assert!(e.message.starts_with("bad request: "));
    }

    #[test]
    fn a_key_quoted_url_encoded_cut_short_or_run_on_is_masked_too() {
        let key = crate::lifecycle::scripted::EXAMPLE_KEY;
        let payload = json!({ "SiteId": 1, "Type": "upload", "Name": "n", "Certificate": "C", "PrivateKey": key });
        let secrets = Secrets::of(&SET_CERTIFICATE, &payload, &creds());
        let body: String = key.lines().filter(|l| !l.starts_with("-----")).collect();
        let form: String = form_urlencoded(key);
        let cases = [
            format!("bad form body: PrivateKey={form}&Name=n"),
            format!("cut: {}", &key[40..200]),
            format!("run on: {body}"),
            format!("middle of a line: x{}y", &body[100..160]),
        ];
        for text in cases {
            let clean = secrets.scrub(&text).into_owned();
            // No run of 20 characters of the key's body survives.
            for w in body.as_bytes().windows(20) {
                let w = std::str::from_utf8(w).unwrap();
                assert!(
                    !clean
                        .replace("%2B", "+")
                        .replace("%2F", "/")
                        .replace("%3D", "=")
                        .replace("%0A", "")
                        .contains(w),
                    "{clean}"
                );
            }
            assert!(clean.contains(MASK), "{clean}");
        }
        // Ordinary words are left alone.
        assert_eq!(
            secrets.scrub("Certificate.StatusError: The status of the certificate is invalid."),
            "Certificate.StatusError: The status of the certificate is invalid."
        );
    }

    fn form_urlencoded(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                    (b as char).to_string()
                }
                b' ' => "+".into(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    }

    #[test]
    fn every_string_of_a_result_is_scrubbed_and_the_keys_and_token_too() {
        let payload = json!({ "DomainInfos": [{"DomainName": "a.example.com", "Status": 1}], "CertificatePublicKey": "C", "CertificatePrivateKey": KEY });
        let secrets = Secrets::of(&MODIFY_LIVE_DOMAIN_CERT_BINDINGS, &payload, &creds());
        let mut result = json!({
            "Echo": KEY,
            "Nested": [{"Deep": format!("token tok-123456 and secret wJalrXUtnFEMI/K7MDENG")}],
            "Plain": "a.example.com",
        });
        secrets.scrub_value(&mut result);
        let text = result.to_string();
        assert!(!text.contains("MIIEvQ"), "{text}");
        assert!(!text.contains("tok-123456"), "{text}");
        assert!(!text.contains("wJalrXUtnFEMI"), "{text}");
        assert_eq!(result["Plain"], "a.example.com");
        assert_eq!(result["Echo"], MASK);
    }

    #[test]
    fn a_call_without_secret_fields_still_masks_the_credentials_only() {
        let secrets = Secrets::of(&SET_CERTIFICATE, &json!({"SiteId": 1, "Type": "cas"}), &creds());
        assert_eq!(secrets.scrub("nothing secret here"), "nothing secret here");
        assert!(matches!(secrets.scrub("nothing secret here"), Cow::Borrowed(_)));
        assert_eq!(secrets.scrub("x wJalrXUtnFEMI/K7MDENG y"), "x *** y");
    }
}
