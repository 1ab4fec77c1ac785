//! Errors of the signing core. Every variant has a stable code; no message ever carries a secret
//! or a header value (a value may be a token).

/// A signing error. Its message (`message`, also its `Display`) is built from static text and
/// the variant's value by appending, not with `format!`: the signing entry point (`liveops/sign`)
/// carries no formatting code of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignError {
    MissingField(&'static str),
    UnknownScheme(String),
    InvalidMethod(String),
    InvalidHost(String),
    InvalidPath,
    InvalidHeaderName(String),
    InvalidHeaderValue(String),
    DuplicateHeader(String),
    MissingSignedHeader(String),
    QueryConflict,
    RawQueryUnsupported,
    InvalidTime,
    InvalidScopePart(&'static str),
    InvalidNonce,
    InvalidAccessKeyId,
    EmptySecret,
    InvalidInput(&'static str, &'static str),
}

impl std::fmt::Display for SignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for SignError {}

impl SignError {
    /// The message, in English; never a secret or a header value.
    pub fn message(&self) -> String {
        use SignError::*;
        match self {
            MissingField(field) => ["`", field, "` is required"].concat(),
            UnknownScheme(s) => {
                ["unknown signing scheme `", s, "`: expected volcengine, tc3 or acs3"].concat()
            }
            InvalidMethod(m) => {
                ["invalid HTTP method `", m, "`: expected a token such as GET or POST"].concat()
            }
            InvalidHost(h) => {
                ["invalid host `", h, "`: expected a host name or address, optionally with :port"]
                    .concat()
            }
            InvalidPath => "invalid path: it must start with `/` and contain no `?` or `#`".into(),
            InvalidHeaderName(n) => ["invalid header name `", n, "`"].concat(),
            InvalidHeaderValue(n) => [
                "invalid value for header `",
                n,
                "`: only visible ASCII, space and tab are allowed",
            ]
            .concat(),
            DuplicateHeader(n) => ["header `", n, "` is given more than once"].concat(),
            MissingSignedHeader(n) => {
                ["header `", n, "` is to be signed but the request does not carry it"].concat()
            }
            QueryConflict => "give either `query` or `rawQuery`, not both".into(),
            RawQueryUnsupported => {
                "`rawQuery` is only for the tc3 scheme; give decoded `query` pairs instead".into()
            }
            InvalidTime => {
                "invalid signing time: expected epoch milliseconds between 1970 and 9999".into()
            }
            InvalidScopePart(what) => {
                ["invalid ", what, ": only letters, digits, `-`, `_` and `.` are allowed"].concat()
            }
            InvalidNonce => "invalid nonce: expected 1 to 64 visible ASCII characters".into(),
            InvalidAccessKeyId => {
                "invalid access key id: expected 1 to 256 visible ASCII characters".into()
            }
            EmptySecret => "the secret access key is empty".into(),
            InvalidInput(field, shape) => ["invalid ", field, ": expected ", shape].concat(),
        }
    }

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

#[cfg(test)]
mod tests {
    use super::SignError::*;

    /// The messages as they have always read (JavaScript callers may show or match them).
    #[test]
    fn messages() {
        let cases = [
            (MissingField("host"), "`host` is required"),
            (
                UnknownScheme("x".into()),
                "unknown signing scheme `x`: expected volcengine, tc3 or acs3",
            ),
            (
                InvalidMethod("G T".into()),
                "invalid HTTP method `G T`: expected a token such as GET or POST",
            ),
            (
                InvalidHost("a b".into()),
                "invalid host `a b`: expected a host name or address, optionally with :port",
            ),
            (InvalidPath, "invalid path: it must start with `/` and contain no `?` or `#`"),
            (InvalidHeaderName("a b".into()), "invalid header name `a b`"),
            (
                InvalidHeaderValue("x-a".into()),
                "invalid value for header `x-a`: only visible ASCII, space and tab are allowed",
            ),
            (DuplicateHeader("x-a".into()), "header `x-a` is given more than once"),
            (
                MissingSignedHeader("x-a".into()),
                "header `x-a` is to be signed but the request does not carry it",
            ),
            (QueryConflict, "give either `query` or `rawQuery`, not both"),
            (
                RawQueryUnsupported,
                "`rawQuery` is only for the tc3 scheme; give decoded `query` pairs instead",
            ),
            (
                InvalidTime,
                "invalid signing time: expected epoch milliseconds between 1970 and 9999",
            ),
            (
                InvalidScopePart("region"),
                "invalid region: only letters, digits, `-`, `_` and `.` are allowed",
            ),
            (InvalidNonce, "invalid nonce: expected 1 to 64 visible ASCII characters"),
            (
                InvalidAccessKeyId,
                "invalid access key id: expected 1 to 256 visible ASCII characters",
            ),
            (EmptySecret, "the secret access key is empty"),
            (InvalidInput("body", "bytes"), "invalid body: expected bytes"),
        ];
        for (error, message) in cases {
            assert_eq!(error.message(), message);
            assert_eq!(error.to_string(), message);
        }
    }
}
