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
            for line in value.lines().map(str::trim) {
                if line.len() >= MIN_PIECE && !line.starts_with("-----") {
                    self.texts.push(line.to_string());
                }
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// `text` with every secret masked.
    pub fn scrub<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let mut out = Cow::Borrowed(text);
        for secret in &self.texts {
            if out.contains(secret.as_str()) {
                out = Cow::Owned(out.replace(secret.as_str(), MASK));
            }
        }
        out
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
        Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG",
            Some("tok-123456".to_string()),
        )
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
        assert!(e
            .message
            .contains("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7"));
        secrets.scrub_error(&mut e);
        for line in KEY.lines().filter(|l| !l.starts_with("-----")) {
            assert!(!e.message.contains(line), "{}", e.message);
        }
        assert!(e.message.contains(MASK));
        assert!(e.message.starts_with("bad request: "));
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
        let secrets = Secrets::of(
            &SET_CERTIFICATE,
            &json!({"SiteId": 1, "Type": "cas"}),
            &creds(),
        );
        assert_eq!(secrets.scrub("nothing secret here"), "nothing secret here");
        assert!(matches!(
            secrets.scrub("nothing secret here"),
            Cow::Borrowed(_)
        ));
        assert_eq!(secrets.scrub("x wJalrXUtnFEMI/K7MDENG y"), "x *** y");
    }
}
