//! Volcengine's standard md5 URL authentication for push and pull URLs (console docs):
//! `volcTime` is the expiry as Unix seconds and `volcSecret = MD5("/{App}/{Stream}{SecretKey}{volcTime}")`;
//! an UpdateAuthKey `AuthField` renames the two query parameters.

use std::collections::BTreeMap;

use md5::{Digest, Md5};

use crate::catalog::Charset;
use crate::validate::is_domain;

/// What a signed stream URL is made from (`StreamUrlInput` of `signStreamUrl`, which reads it
/// from JavaScript field by field).
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(ts_full, derive(tsify::Tsify), serde(rename_all = "camelCase"))]
pub struct StreamUrlInput<'a> {
    /// URL scheme: `rtmp` (default), `http`, `https`, `srt`, `rtmps`, …
    #[cfg_attr(ts_full, tsify(optional))]
    pub protocol: &'a str,
    pub domain: &'a str,
    pub app: &'a str,
    pub stream: &'a str,
    /// Appended to the path, not signed: `.flv`, `.m3u8`, or empty.
    #[cfg_attr(ts_full, tsify(optional))]
    pub suffix: &'a str,
    pub secret_key: &'a str,
    /// Expiry, Unix seconds.
    pub expires_at: i64,
    /// UpdateAuthKey's `AuthField`: renames `volcSecret` / `volcTime`.
    #[cfg_attr(ts_full, tsify(optional, type = "{ volcSecret?: string; volcTime?: string }"))]
    pub auth_field: &'a BTreeMap<String, String>,
}

impl std::fmt::Debug for StreamUrlInput<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamUrlInput")
            .field("protocol", &self.protocol)
            .field("domain", &self.domain)
            .field("app", &self.app)
            .field("stream", &self.stream)
            .field("suffix", &self.suffix)
            .field("secret_key", &"***")
            .field("expires_at", &self.expires_at)
            .field("auth_field", &self.auth_field)
            .finish()
    }
}

/// Why a stream URL cannot be signed. Messages name the field, never the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamUrlError {
    pub field: &'static str,
    pub message: &'static str,
}

fn check(ok: bool, field: &'static str, message: &'static str) -> Result<(), StreamUrlError> {
    if ok {
        Ok(())
    } else {
        Err(StreamUrlError { field, message })
    }
}

fn param_name<'a>(auth_field: &'a BTreeMap<String, String>, key: &'a str) -> &'a str {
    auth_field.get(key).map(String::as_str).filter(|s| !s.is_empty()).unwrap_or(key)
}

/// The signed URL.
pub fn sign_stream_url(input: &StreamUrlInput<'_>) -> Result<String, StreamUrlError> {
    let name_ok =
        |s: &str| !s.is_empty() && s.len() <= 100 && s.chars().all(|c| Charset::AppName.allows(c));
    check(
        !input.protocol.is_empty() && input.protocol.chars().all(|c| c.is_ascii_lowercase()),
        "protocol",
        "a lowercase URL scheme such as rtmp or https",
    )?;
    check(is_domain(input.domain, false, false, 253), "Domain", "a domain name")?;
    check(name_ok(input.app), "App", "letters, digits, _ . -")?;
    check(name_ok(input.stream), "Stream", "letters, digits, _ . -")?;
    check(
        input.suffix.is_empty()
            || (input.suffix.starts_with('.')
                && input.suffix[1..].chars().all(|c| c.is_ascii_alphanumeric())),
        "suffix",
        "empty, or a dot and letters such as .flv",
    )?;
    check(
        !input.secret_key.is_empty()
            && input.secret_key.len() <= 100
            && input.secret_key.chars().all(|c| c.is_ascii_alphanumeric()),
        "SecretKey",
        "1 to 100 letters or digits",
    )?;
    check(input.expires_at > 0, "expiresAt", "a future Unix time in seconds")?;
    let param_ok = |s: &str| s.chars().all(|c| Charset::ParamName.allows(c));
    check(
        input.auth_field.keys().all(|k| k == "volcSecret" || k == "volcTime"),
        "AuthField",
        "keys volcSecret and volcTime only",
    )?;
    check(
        input.auth_field.values().all(|v| param_ok(v)),
        "AuthField",
        "parameter names of letters, digits, _ and -",
    )?;

    let time = input.expires_at.to_string();
    let mut hasher = Md5::new();
    hasher.update(format!("/{}/{}", input.app, input.stream));
    hasher.update(input.secret_key);
    hasher.update(&time);
    let secret = hex::encode(hasher.finalize());
    Ok(format!(
        "{}://{}/{}/{}{}?{}={time}&{}={secret}",
        input.protocol,
        input.domain,
        input.app,
        input.stream,
        input.suffix,
        param_name(input.auth_field, "volcTime"),
        param_name(input.auth_field, "volcSecret"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(auth_field: &'a BTreeMap<String, String>) -> StreamUrlInput<'a> {
        StreamUrlInput {
            protocol: "rtmp",
            domain: "push.example.com",
            app: "live",
            stream: "livestream",
            suffix: "",
            secret_key: "A1B2C3d4e5f6",
            expires_at: 1_653_632_422,
            auth_field,
        }
    }

    #[test]
    fn the_documented_example() {
        let none = BTreeMap::new();
        assert_eq!(
            sign_stream_url(&input(&none)).unwrap(),
            "rtmp://push.example.com/live/livestream?volcTime=1653632422&volcSecret=e5bb77201cbaa2f9ccdd316fcda4c212"
        );
    }

    #[test]
    fn auth_field_renames_the_parameters_and_suffixes_are_not_hashed() {
        let renamed = BTreeMap::from([
            ("volcSecret".to_string(), "sign".to_string()),
            ("volcTime".to_string(), "expire".to_string()),
        ]);
        let flv = StreamUrlInput { protocol: "https", suffix: ".flv", ..input(&renamed) };
        assert_eq!(
            sign_stream_url(&flv).unwrap(),
            "https://push.example.com/live/livestream.flv?expire=1653632422&sign=e5bb77201cbaa2f9ccdd316fcda4c212"
        );
    }

    #[test]
    fn bad_input_names_the_field_never_the_key() {
        let none = BTreeMap::new();
        for (bad, field) in [
            (StreamUrlInput { secret_key: "no-dash!", ..input(&none) }, "SecretKey"),
            (StreamUrlInput { app: "a/b", ..input(&none) }, "App"),
            (StreamUrlInput { domain: "bad..domain", ..input(&none) }, "Domain"),
            (StreamUrlInput { expires_at: 0, ..input(&none) }, "expiresAt"),
            (StreamUrlInput { protocol: "RTMP", ..input(&none) }, "protocol"),
        ] {
            let e = sign_stream_url(&bad).unwrap_err();
            assert_eq!(e.field, field);
            assert!(!e.message.contains("no-dash"));
        }
        let bad_map = BTreeMap::from([("other".to_string(), "x".to_string())]);
        assert_eq!(sign_stream_url(&input(&bad_map)).unwrap_err().field, "AuthField");
    }
}
