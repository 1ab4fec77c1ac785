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

/// Declares `ErrorName` and `ts_error_names!()` (the TypeScript union of the names, a literal)
/// from one list.
macro_rules! error_names {
    ($(#[$doc0:meta])* $v0:ident => $js0:literal, $( $(#[$doc:meta])* $variant:ident => $js:literal ),* $(,)?) => {
        /// The `name` of every `Error` the JavaScript API throws or rejects with: one list, so that
        /// no name is spelled twice (the TypeScript declarations take theirs from it).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum ErrorName {
            $(#[$doc0])* $v0,
            $( $(#[$doc])* $variant ),*
        }

        impl ErrorName {
            pub const ALL: [ErrorName; [$js0, $($js),*].len()] = [ErrorName::$v0, $(ErrorName::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    ErrorName::$v0 => $js0,
                    $(ErrorName::$variant => $js),*
                }
            }
        }

        /// `"ValidationError" | "ApiError" | …`: the names as a TypeScript union, for the
        /// declarations' custom sections (`concat!` takes it).
        #[allow(unused_macros)]
        macro_rules! ts_error_names {
            () => { concat!("\"", $js0, "\"" $(, " | \"", $js, "\"")*) };
        }
        #[allow(unused_imports)]
        pub(crate) use ts_error_names;
    };
}

error_names! {
    /// A payload the cloud would refuse (with the full report).
    Validation => "ValidationError",
    /// The cloud (or a server on its way) answered with an error.
    Api => "ApiError",
    /// No usable answer: the connection failed or the answer broke off.
    Network => "NetworkError",
    /// No answer in time.
    Timeout => "TimeoutError",
    /// The caller aborted.
    Abort => "AbortError",
    /// `signRequest` or `signStreamUrl` input that cannot be signed.
    Signing => "SigningError",
    /// An option (or argument) that cannot be honoured.
    Config => "ConfigError",
}
