//! Errors of the signing core. Every variant has a stable code; no message ever carries a secret
//! or a header value (a value may be a token).

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SignError {
    #[error("`{0}` is required")]
    MissingField(&'static str),
    #[error("unknown signing scheme `{0}`: expected volcengine, tc3 or acs3")]
    UnknownScheme(String),
    #[error("invalid HTTP method `{0}`: expected a token such as GET or POST")]
    InvalidMethod(String),
    #[error("invalid host `{0}`: expected a host name or address, optionally with :port")]
    InvalidHost(String),
    #[error("invalid path: it must start with `/` and contain no `?` or `#`")]
    InvalidPath,
    #[error("invalid header name `{0}`")]
    InvalidHeaderName(String),
    #[error("invalid value for header `{0}`: only visible ASCII, space and tab are allowed")]
    InvalidHeaderValue(String),
    #[error("header `{0}` is given more than once")]
    DuplicateHeader(String),
    #[error("header `{0}` is to be signed but the request does not carry it")]
    MissingSignedHeader(String),
    #[error("give either `query` or `rawQuery`, not both")]
    QueryConflict,
    #[error("`rawQuery` is only for the tc3 scheme; give decoded `query` pairs instead")]
    RawQueryUnsupported,
    #[error("invalid signing time: expected epoch milliseconds between 1970 and 9999")]
    InvalidTime,
    #[error("invalid {0}: only letters, digits, `-`, `_` and `.` are allowed")]
    InvalidScopePart(&'static str),
    #[error("invalid nonce: expected 1 to 64 visible ASCII characters")]
    InvalidNonce,
    #[error("invalid access key id: expected 1 to 256 visible ASCII characters")]
    InvalidAccessKeyId,
    #[error("the secret access key is empty")]
    EmptySecret,
    #[error("invalid {0}: expected {1}")]
    InvalidInput(&'static str, &'static str),
}

impl SignError {
    /// A stable, machine-readable code, the same in Rust and JavaScript.
    pub fn code(&self) -> &'static str {
        match self {
            SignError::MissingField(_) => "MissingField",
            SignError::UnknownScheme(_) => "UnknownScheme",
            SignError::InvalidMethod(_) => "InvalidMethod",
            SignError::InvalidHost(_) => "InvalidHost",
            SignError::InvalidPath => "InvalidPath",
            SignError::InvalidHeaderName(_) => "InvalidHeaderName",
            SignError::InvalidHeaderValue(_) => "InvalidHeaderValue",
            SignError::DuplicateHeader(_) => "DuplicateHeader",
            SignError::MissingSignedHeader(_) => "MissingSignedHeader",
            SignError::QueryConflict => "QueryConflict",
            SignError::RawQueryUnsupported => "RawQueryUnsupported",
            SignError::InvalidTime => "InvalidTime",
            SignError::InvalidScopePart(_) => "InvalidScope",
            SignError::InvalidNonce => "InvalidNonce",
            SignError::InvalidAccessKeyId => "InvalidAccessKeyId",
            SignError::EmptySecret => "MissingSecret",
            SignError::InvalidInput(..) => "InvalidInput",
        }
    }
}

/// The `name` of every `Error` the JavaScript API throws or rejects with: one list, so that no
/// name is spelled twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorName {
    /// A payload the cloud would refuse (with the full report).
    Validation,
    /// The cloud (or a server on its way) answered with an error.
    Api,
    /// No usable answer: the connection failed or the answer broke off.
    Network,
    /// No answer in time.
    Timeout,
    /// The caller aborted.
    Abort,
    /// `signRequest` or `signStreamUrl` input that cannot be signed.
    Signing,
    /// An option (or argument) that cannot be honoured.
    Config,
}

impl ErrorName {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorName::Validation => "ValidationError",
            ErrorName::Api => "ApiError",
            ErrorName::Network => "NetworkError",
            ErrorName::Timeout => "TimeoutError",
            ErrorName::Abort => "AbortError",
            ErrorName::Signing => "SigningError",
            ErrorName::Config => "ConfigError",
        }
    }
}
