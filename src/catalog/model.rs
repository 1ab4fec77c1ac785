//! The vocabulary of the catalog: an operation's declaration, and its rule table (what a rule
//! checks, how bad a violation is, which code the cloud answers for it).

use serde::Serialize;

use super::Provider;

/// Documented rules are errors; inferred or unstable ones are warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

/// JSON types a field may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    String,
    Integer,
    Boolean,
    Array,
    Object,
    /// An object whose values are strings.
    StringMap,
    /// A 64-bit integer: a JSON number up to 2^53 - 1, or a decimal string.
    Int64,
}

impl Kind {
    /// As forms and generated types name it: `string`, `stringMap`, `int64`…
    pub fn name(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::Integer => "integer",
            Kind::Boolean => "boolean",
            Kind::Array => "array",
            Kind::Object => "object",
            Kind::StringMap => "stringMap",
            Kind::Int64 => "int64",
        }
    }
}

/// Character classes of name rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    /// `A-Z a-z 0-9`
    Alnum,
    /// `A-Z a-z 0-9 _ . -`
    AppName,
    /// `A-Z a-z 0-9 . -`
    Vhost,
    /// `A-Z a-z 0-9 _ -`
    ParamName,
}

impl Charset {
    pub fn allows(self, c: char) -> bool {
        c.is_ascii_alphanumeric()
            || match self {
                Charset::Alnum => false,
                Charset::AppName => matches!(c, '_' | '.' | '-'),
                Charset::Vhost => matches!(c, '.' | '-'),
                Charset::ParamName => matches!(c, '_' | '-'),
            }
    }

    /// As a regular-expression class, for messages and docs.
    pub fn class(self) -> &'static str {
        match self {
            Charset::Alnum => "[A-Za-z0-9]",
            Charset::AppName => "[A-Za-z0-9_.-]",
            Charset::Vhost => "[A-Za-z0-9.-]",
            Charset::ParamName => "[A-Za-z0-9_-]",
        }
    }
}

/// One thing a rule checks. Value checks ignore values of another JSON type (the `Type` rule
/// reports those), so the order of rules never matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// The field must be present and not null.
    Required,
    Type(Kind),
    /// A string must not be empty.
    NotEmpty,
    /// A string of `min..=max` characters, all from `set`.
    Chars {
        set: Charset,
        min: usize,
        max: usize,
    },
    /// A string whose characters all come from `set` (any length).
    OnlyChars(Charset),
    /// A string of at most this many characters.
    MaxChars(usize),
    /// A string, one of these.
    Enum(&'static [&'static str]),
    /// An integer in `min..=max`.
    IntRange {
        min: i64,
        max: i64,
    },
    /// An integer, one of these.
    IntEnum(&'static [i64]),
    /// An array of `min..=max` entries (`None`: no documented maximum).
    Items {
        min: usize,
        max: Option<usize>,
    },
    /// An object whose keys are among these.
    MapKeys(&'static [&'static str]),
    /// A domain name: dot-separated labels of letters, digits and hyphens, at most `max`
    /// characters; `wildcard` allows a leading `*.`; `unicode` allows non-ASCII letters (IDN).
    Domain {
        wildcard: bool,
        unicode: bool,
        max: usize,
    },
    /// A non-empty comma-separated list of domain names, each as `Domain`.
    DomainList {
        wildcard: bool,
        unicode: bool,
        max: usize,
    },
    /// An `Int64` that is at least 1.
    PositiveInt64,
    /// Exactly one of these fields (siblings of the rule's path, or root fields at `""`).
    ExactlyOne(&'static [&'static str]),
    /// When the field is given, the named sibling must be given too.
    Requires(&'static str),
    /// When any of these siblings is given, the field is ignored by the cloud.
    IgnoredWith(&'static str),
    /// An id, or else every field of a pair: `{ id, pair }` (siblings of the rule's path).
    IdOrPair {
        id: &'static str,
        pair: [&'static str; 2],
        /// Whether giving neither is an error (otherwise only a half pair is).
        required: bool,
    },
    /// A string that can be a DNS name at all: no spaces or URL punctuation, no empty label, labels
    /// of at most 63 bytes, at most `max` characters. Narrower policies are `Domain` rules.
    DnsName {
        max: usize,
    },
    /// PEM text: certificate blocks, or one private key that is not password-protected.
    Pem(PemKind),
    /// Required when the sibling `sibling` is the string `is`.
    RequiredWhen {
        sibling: &'static str,
        is: &'static str,
    },
    /// An integer that must be one of `allowed` when the sibling `sibling` is the string `is`.
    IntEnumWhen {
        sibling: &'static str,
        is: &'static str,
        allowed: &'static [i64],
    },
}

/// What a `Pem` field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PemKind {
    /// One or more `CERTIFICATE` blocks (leaf first, then its chain).
    Certificate,
    /// A `PRIVATE KEY`, `RSA PRIVATE KEY` or `EC PRIVATE KEY` block, not encrypted.
    PrivateKey,
}

impl Check {
    /// The variant's name, as rule ids and the docs show it.
    pub fn name(&self) -> &'static str {
        match self {
            Check::Required => "Required",
            Check::Type(_) => "Type",
            Check::NotEmpty => "NotEmpty",
            Check::Chars { .. } => "Chars",
            Check::OnlyChars(_) => "OnlyChars",
            Check::MaxChars(_) => "MaxChars",
            Check::Enum(_) => "Enum",
            Check::IntRange { .. } => "IntRange",
            Check::IntEnum(_) => "IntEnum",
            Check::Items { .. } => "Items",
            Check::MapKeys(_) => "MapKeys",
            Check::Domain { .. } => "Domain",
            Check::DomainList { .. } => "DomainList",
            Check::PositiveInt64 => "PositiveInt64",
            Check::ExactlyOne(_) => "ExactlyOne",
            Check::Requires(_) => "Requires",
            Check::IgnoredWith(_) => "IgnoredWith",
            Check::IdOrPair { .. } => "IdOrPair",
            Check::DnsName { .. } => "DnsName",
            Check::Pem(_) => "Pem",
            Check::RequiredWhen { .. } => "RequiredWhen",
            Check::IntEnumWhen { .. } => "IntEnumWhen",
        }
    }
}

/// One row of a rule table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The field: `ValidDuration`, `AuthDetailList[].SecretKey` (`[]`: every entry); `""` is the
    /// payload itself.
    pub path: &'static str,
    pub check: Check,
    pub level: Level,
    /// What the cloud answers for this mistake where its docs tell, else a stable code of ours.
    pub code: &'static str,
    /// Where the rule comes from.
    pub source: &'static str,
}

impl Rule {
    /// `path:Check`, unique within a table (`AuthDetailList[].SecretKey:Chars`).
    pub fn id(&self) -> String {
        format!("{}:{}", self.path, self.check.name())
    }
}

/// A field's description for the rules reference and generated docs.
#[derive(Debug, Clone, Copy)]
pub struct FieldDoc {
    pub path: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
}

/// Where an operation's payload travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// A JSON body (`content-type: application/json`).
    JsonBody,
    /// RPC-style query parameters (`Key.1`, `Key.Sub`), no body; the `json` fields travel as one
    /// parameter holding their JSON text (ESA `ListSites` `TagFilter`).
    Query { json: &'static [&'static str] },
    /// RPC-style parameters as a form body (`application/x-www-form-urlencoded`), except the
    /// `query` fields, which go in the query (ESA `SetCertificate` `KeyServerId`).
    FormBody { query: &'static [&'static str] },
}

/// Whether sending an operation twice has the effect of sending it once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idempotence {
    Always,
    /// Each call may add something (an order, a certificate).
    Never,
    /// Idempotent when this field is given (it names what to replace), else not.
    WhenGiven(&'static str),
}

impl Idempotence {
    /// Whether sending `payload` twice has the effect of sending it once.
    pub fn holds(self, payload: &serde_json::Value) -> bool {
        match self {
            Idempotence::Always => true,
            Idempotence::Never => false,
            Idempotence::WhenGiven(field) => payload
                .get(field)
                .is_some_and(|v| !v.is_null() && v.as_str() != Some("")),
        }
    }
}

/// An operation: its identity, its rule table and its field docs.
#[derive(Debug)]
pub struct Operation {
    pub provider: Provider,
    pub action: &'static str,
    pub version: &'static str,
    pub summary: &'static str,
    pub rules: &'static [Rule],
    pub fields: &'static [FieldDoc],
    /// The HTTP method (`POST`, or `GET` for some RPC reads).
    pub method: &'static str,
    /// Where the payload goes.
    pub placement: Placement,
    /// Requests per second this operation allows per access key, where the cloud sets it apart
    /// from its profile's rate (a client's own `rateLimit` still wins).
    pub rate_class: Option<f64>,
    /// Whether sending it twice has the effect of sending it once. A non-idempotent operation is
    /// never re-sent after an outcome that may have been carried out (see `client::retry`).
    pub idempotent: Idempotence,
    /// How a user finds out whether a call whose outcome is unknown was carried out.
    pub outcome_check: &'static str,
    /// Fields whose values are secrets (`AuthDetailList[].SecretKey`): masked in previews.
    pub secret_fields: &'static [&'static str],
    /// Fields whose values span lines (PEM certificates and keys): kept byte for byte.
    pub multiline_fields: &'static [&'static str],
}

impl Operation {
    /// Every field path the table knows, in table order, without repeats.
    pub fn field_paths(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for rule in self.rules {
            if !rule.path.is_empty() && !out.contains(&rule.path) {
                out.push(rule.path);
            }
        }
        out
    }
}

/// Text that only the generated docs and the console's catalog read (rule sources, field
/// descriptions, summaries): left out of the shipped wasm, which never shows it. Evaluated at
/// compile time, so the literal is not in the module's data at all.
pub const fn docs_only(text: &'static str) -> &'static str {
    if cfg!(target_arch = "wasm32") {
        ""
    } else {
        text
    }
}

/// Builds a field description: `doc(path, en, zh)`.
pub const fn doc(path: &'static str, en: &'static str, zh: &'static str) -> FieldDoc {
    FieldDoc {
        path,
        en: docs_only(en),
        zh: docs_only(zh),
    }
}

/// Builds a rule row: `rule(path, check, level, code, source)`.
pub const fn rule(
    path: &'static str,
    check: Check,
    level: Level,
    code: &'static str,
    source: &'static str,
) -> Rule {
    Rule {
        path,
        check,
        level,
        code,
        source: docs_only(source),
    }
}
