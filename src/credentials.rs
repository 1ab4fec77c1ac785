//! Credentials. Secrets are wrapped so that they never reach `Debug` output, logs or error
//! messages, and are zeroed when dropped.

use std::fmt;
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

use crate::error::SignError;

/// A secret string (secret access key, session token). `Debug` prints `Secret(***)`; there is no
/// `Display`. The bytes are zeroed on drop.
#[derive(Clone)]
pub struct Secret(String);

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for the few places that must use it (key derivation, a signed header).
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Equality in time independent of where the first difference is.
    pub fn ct_eq(&self, other: &Secret) -> bool {
        self.0.as_bytes().ct_eq(other.0.as_bytes()).into()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// An access key pair with an optional STS session token.
#[derive(Clone)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: Secret,
    pub session_token: Option<Secret>,
}

impl Credentials {
    /// Checks the parts that go on the wire; an empty session token counts as none.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Result<Self, SignError> {
        let access_key_id = access_key_id.into();
        if access_key_id.is_empty() {
            return Err(SignError::MissingField("accessKeyId"));
        }
        if access_key_id.len() > 256 || !access_key_id.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(SignError::InvalidAccessKeyId);
        }
        let secret_access_key = Secret::new(secret_access_key);
        if secret_access_key.is_empty() {
            return Err(SignError::EmptySecret);
        }
        let session_token = session_token.filter(|t| !t.is_empty()).map(Secret::new);
        if let Some(token) = &session_token {
            if !token.expose().bytes().all(|b| b.is_ascii_graphic()) {
                return Err(SignError::InvalidInput(
                    "sessionToken",
                    "visible ASCII characters only",
                ));
            }
        }
        Ok(Credentials { access_key_id, secret_access_key, session_token })
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &self.secret_access_key)
            .field("session_token", &self.session_token.as_ref().map(|_| "***"))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_secrets() {
        let c = Credentials::new("AKID", "s3cr3t-value", Some("tok-value".into())).unwrap();
        let shown = format!("{c:?} {:?}", c.secret_access_key);
        assert!(shown.contains("AKID"));
        assert!(!shown.contains("s3cr3t-value"));
        assert!(!shown.contains("tok-value"));
    }

    #[test]
    fn empty_token_is_none_and_empty_secret_is_refused() {
        let c = Credentials::new("AKID", "s", Some(String::new())).unwrap();
        assert!(c.session_token.is_none());
        assert_eq!(Credentials::new("AKID", "", None).unwrap_err().code(), "MissingSecret");
        assert_eq!(Credentials::new("", "s", None).unwrap_err().code(), "MissingField");
        assert_eq!(Credentials::new("AK ID", "s", None).unwrap_err().code(), "InvalidAccessKeyId");
    }

    #[test]
    fn constant_time_equality() {
        assert!(Secret::new("abc").ct_eq(&Secret::new("abc")));
        assert!(!Secret::new("abc").ct_eq(&Secret::new("abd")));
        assert!(!Secret::new("abc").ct_eq(&Secret::new("abcd")));
    }
}
