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
    // Inline: asked once per character of every name a table checks.
    #[inline]
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
    /// Not idempotent when this field is given (it uploads something new each time), else so.
    UnlessGiven(&'static str),
}

impl Idempotence {
    /// Whether sending `payload` twice has the effect of sending it once.
    pub fn holds(self, payload: &serde_json::Value) -> bool {
        match self {
            Idempotence::Always => true,
            Idempotence::Never => false,
            Idempotence::WhenGiven(field) => given(payload, field),
            Idempotence::UnlessGiven(field) => !given(payload, field),
        }
    }
}

/// What calling an operation can do to the account: the console confirms every write and asks
/// twice (in a danger style, naming the resource) before a destructive one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Danger {
    /// Reads only.
    Read,
    /// Changes something that can be changed back (binds, uploads, updates).
    Write,
    /// Removes or switches off something in service (delete, unbind).
    Destructive,
    /// A write that is destructive when an entry of the array `path` (`DomainInfos[].Status`)
    /// has the integer `value` (Tencent's `Status: 0` switches HTTPS off).
    DestructiveWhen { path: &'static str, value: i64 },
}

impl Danger {
    /// As the console's catalog names it: `read`, `write`, `destructive`.
    pub fn name(self) -> &'static str {
        match self {
            Danger::Read => "read",
            Danger::Write | Danger::DestructiveWhen { .. } => "write",
            Danger::Destructive => "destructive",
        }
    }

    /// Whether sending `payload` removes or switches off something in service.
    pub fn destroys(self, payload: &serde_json::Value) -> bool {
        match self {
            Danger::Destructive => true,
            Danger::Read | Danger::Write => false,
            Danger::DestructiveWhen { path, value } => {
                let Some((array, field)) = path.split_once("[].") else {
                    return false;
                };
                payload.get(array).and_then(serde_json::Value::as_array).is_some_and(|items| {
                    items
                        .iter()
                        .any(|i| i.get(field).and_then(serde_json::Value::as_i64) == Some(value))
                })
            }
        }
    }
}

/// The most pages one listing reads where the cloud documents no highest page: a cloud that
/// never stops paging is cut off there, and says so.
pub const MAX_PAGES: u32 = 1000;

/// How a list operation pages: the engine of the lifecycle reads this, never an action name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub style: PageStyle,
    /// The field that sets the page size (`PageSize`, `Length`, `Limit`).
    pub size_field: &'static str,
    /// The page size asked for: the documented most where there is one.
    pub size: u32,
    /// The most pages one listing may read: the documented highest page number, else a cap of
    /// the engine's (a cloud that never stops paging is cut off there, as an error).
    pub max_pages: u32,
    /// Where the items are in the answer (`CertList`, `Sites`…).
    pub list: &'static str,
    /// Where the total number of items is, where the cloud gives one.
    pub total: Option<&'static str>,
    /// The field that identifies an item: an id seen twice in one listing is an error.
    pub item_id: &'static str,
}

/// Page by page number or by offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStyle {
    /// Pages numbered from 1 in this field.
    Number(&'static str),
    /// Items from this offset (from 0).
    Offset(&'static str),
}

impl Paging {
    /// The payload fields of page `n` (from 1).
    pub fn page_fields(&self, n: u32) -> [(&'static str, u64); 2] {
        let at = match self.style {
            PageStyle::Number(field) => (field, n as u64),
            PageStyle::Offset(field) => (field, (n as u64 - 1) * self.size as u64),
        };
        [at, (self.size_field, self.size as u64)]
    }

    /// The most items one listing reads.
    pub fn most_items(&self) -> u64 {
        self.size as u64 * self.max_pages as u64
    }
}

/// A product of a cloud with its own host, service and API version (Tencent's SSL certificate
/// service beside its Live API): the client signs and sends its operations there.
#[derive(Debug)]
pub struct Product {
    /// Its name for people (`Tencent Cloud SSL Certificates`).
    pub title: &'static str,
    /// The service name signatures are scoped to (`ssl`).
    pub service: &'static str,
    pub api_version: &'static str,
    pub host: &'static str,
    /// The host of the cloud's international site.
    pub intl_host: &'static str,
}

fn given(payload: &serde_json::Value, field: &str) -> bool {
    payload.get(field).is_some_and(|v| !v.is_null() && v.as_str() != Some(""))
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
    /// Fields of the answer whose values are secrets (a private key the cloud gives back): masked
    /// in what the client returns, so that they reach no page, log or table.
    pub answer_secret_fields: &'static [&'static str],
    /// Fields whose values span lines (PEM certificates and keys): kept byte for byte.
    pub multiline_fields: &'static [&'static str],
    /// What calling it can do: read, write, destructive.
    pub danger: Danger,
    /// How it pages, for a list operation.
    pub paging: Option<Paging>,
    /// The product it belongs to where that is not the cloud's main API (its own host, service
    /// and version); `None`: the cloud's profile.
    pub product: Option<&'static Product>,
}

impl Operation {
    /// The shape most of an API's declarations share, for `..BASE` in each: a `POST` that reads,
    /// safe to send again, with no secret, multi-line or paged field and the cloud's own rate.
    /// A declaration names its action, summary, rules, docs and outcome check, and only the rest
    /// where it differs, so that what sets an operation apart is what its declaration shows.
    pub const fn of(provider: Provider, version: &'static str, placement: Placement) -> Operation {
        Operation {
            provider,
            action: "",
            version,
            summary: "",
            rules: &[],
            fields: &[],
            method: "POST",
            placement,
            rate_class: None,
            idempotent: Idempotence::Always,
            outcome_check: "",
            secret_fields: &[],
            answer_secret_fields: &[],
            multiline_fields: &[],
            danger: Danger::Read,
            paging: None,
            product: None,
        }
    }

    /// The same shape for an API of a product of its own (its host, service and version).
    pub const fn in_product(self, product: &'static Product) -> Operation {
        Operation { product: Some(product), ..self }
    }

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
    FieldDoc { path, en: docs_only(en), zh: docs_only(zh) }
}

/// Builds a rule row: `rule(path, check, level, code, source)`.
pub const fn rule(
    path: &'static str,
    check: Check,
    level: Level,
    code: &'static str,
    source: &'static str,
) -> Rule {
    Rule { path, check, level, code, source: docs_only(source) }
}

/// Where `Revision::Insert` puts its rules: before the first or after the last rule of a path.
#[derive(Debug, Clone, Copy)]
pub enum Place {
    Before(&'static str),
    After(&'static str),
}

/// One change of a later contract to a rule table.
#[derive(Debug, Clone, Copy)]
pub enum Revision {
    /// Every rule of this path goes (the field is gone, or all its rules change).
    Drop(&'static str),
    /// These rules come in at that place.
    Insert(Place, &'static [Rule]),
}

const fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// `base` changed by `changes`, at compile time: a later contract's table declared as what it
/// changes. A rule it keeps that cites `sources.0` (the earlier document) cites `sources.1`
/// (the later one, which states it again); other sources stay. `N` is the result's length; a wrong `N` (or a place whose path `base` lacks) fails to
/// compile, since the table is a `static`.
pub const fn revised<const N: usize>(
    base: &[Rule],
    sources: (&'static str, &'static str),
    changes: &[Revision],
) -> [Rule; N] {
    let mut out = [base[0]; N];
    let mut n = 0;
    let mut placed = 0;
    let mut i = 0;
    while i < base.len() {
        let mut r = base[i];
        if same_text(r.source, docs_only(sources.0)) {
            r.source = docs_only(sources.1);
        }
        let first = i == 0 || !same_text(base[i - 1].path, r.path);
        let last = i + 1 == base.len() || !same_text(base[i + 1].path, r.path);
        let mut dropped = false;
        let mut c = 0;
        while c < changes.len() {
            match changes[c] {
                Revision::Drop(p) if same_text(p, r.path) => dropped = true,
                Revision::Insert(Place::Before(p), rules) if first && same_text(p, r.path) => {
                    push_all(&mut out, &mut n, rules);
                    placed += 1;
                }
                _ => {}
            }
            c += 1;
        }
        if !dropped {
            push_all(&mut out, &mut n, &[r]);
        }
        let mut c = 0;
        while c < changes.len() {
            if let Revision::Insert(Place::After(p), rules) = changes[c] {
                if last && same_text(p, r.path) {
                    push_all(&mut out, &mut n, rules);
                    placed += 1;
                }
            }
            c += 1;
        }
        i += 1;
    }
    let mut inserts = 0;
    let mut c = 0;
    while c < changes.len() {
        if let Revision::Insert(..) = changes[c] {
            inserts += 1;
        }
        c += 1;
    }
    assert!(placed == inserts, "an insertion's place names a path the table lacks");
    assert!(n == N, "N is not the revised table's length");
    out
}

/// Appends `rules` to `out` at `n` (a compile-time error when they do not fit).
const fn push_all<const N: usize>(out: &mut [Rule; N], n: &mut usize, rules: &[Rule]) {
    let mut k = 0;
    while k < rules.len() {
        assert!(*n < N, "N is not the revised table's length");
        out[*n] = rules[k];
        *n += 1;
        k += 1;
    }
}

/// How a later contract's field docs differ from the earlier one's.
#[derive(Debug, Clone, Copy)]
pub enum DocChange {
    /// The field is gone.
    Drop(&'static str),
    /// The field's text changed (the doc's path names it).
    Set(FieldDoc),
    /// A new field, after the one named.
    After(&'static str, FieldDoc),
}

/// `base` changed by `changes`, at compile time, as [`revised`] does for rules: every change must
/// name a field `base` has, and `N` must be the result's length, or the `static` fails to compile.
pub const fn revised_docs<const N: usize>(
    base: &[FieldDoc],
    changes: &[DocChange],
) -> [FieldDoc; N] {
    let mut out = [base[0]; N];
    let (mut n, mut applied, mut i) = (0, 0, 0);
    while i < base.len() {
        let mut kept = Some(base[i]);
        let mut after: Option<FieldDoc> = None;
        let mut c = 0;
        while c < changes.len() {
            match changes[c] {
                DocChange::Drop(p) if same_text(p, base[i].path) => {
                    kept = None;
                    applied += 1;
                }
                DocChange::Set(d) if same_text(d.path, base[i].path) => {
                    kept = Some(d);
                    applied += 1;
                }
                DocChange::After(p, d) if same_text(p, base[i].path) => {
                    assert!(after.is_none(), "two fields after one");
                    after = Some(d);
                    applied += 1;
                }
                _ => {}
            }
            c += 1;
        }
        if let Some(d) = kept {
            assert!(n < N, "N is not the revised docs' length");
            out[n] = d;
            n += 1;
        }
        if let Some(d) = after {
            assert!(n < N, "N is not the revised docs' length");
            out[n] = d;
            n += 1;
        }
        i += 1;
    }
    assert!(applied == changes.len(), "a change names a field the docs lack");
    assert!(n == N, "N is not the revised docs' length");
    out
}

#[cfg(test)]
mod revision_tests {
    use super::*;

    const A: Rule = rule("A", Check::Required, Level::Error, "X", "");
    const B: Rule = rule("B", Check::Required, Level::Error, "X", "");
    const B2: Rule = rule("B", Check::NotEmpty, Level::Error, "X", "");
    const C: Rule = rule("C", Check::Required, Level::Error, "X", "");

    #[test]
    fn revised_docs_drop_set_and_insert_in_place() {
        let base = [doc("A", "a", "甲"), doc("B", "b", "乙"), doc("C", "c", "丙")];
        let out: [FieldDoc; 3] = revised_docs(
            &base,
            &[
                DocChange::Drop("A"),
                DocChange::Set(doc("B", "b2", "乙2")),
                DocChange::After("B", doc("B2", "new", "新")),
            ],
        );
        let paths: Vec<_> = out.iter().map(|d| d.path).collect();
        assert_eq!(paths, ["B", "B2", "C"]);
        assert_eq!(out[0].en, docs_only("b2"));
    }

    #[test]
    #[should_panic(expected = "a change names a field the docs lack")]
    fn revised_docs_refuse_a_change_to_a_field_that_is_not_there() {
        let base = [doc("A", "a", "甲")];
        let _: [FieldDoc; 1] = revised_docs(&base, &[DocChange::Drop("Z")]);
    }

    #[test]
    fn a_revision_drops_paths_and_inserts_before_the_first_or_after_the_last_rule_of_a_path() {
        let base = [A, B, B2, C];
        let out: [Rule; 5] = revised(
            &base,
            ("", ""),
            &[
                Revision::Drop("A"),
                Revision::Insert(Place::Before("B"), &[C]),
                Revision::Insert(Place::After("B"), &[A]),
            ],
        );
        assert_eq!(out.map(|r| r.path), ["C", "B", "B", "A", "C"]);
        assert_eq!(out[1].check, Check::Required);
        assert_eq!(out[2].check, Check::NotEmpty);
    }

    #[test]
    #[should_panic(expected = "a path the table lacks")]
    fn a_place_the_table_lacks_is_refused() {
        let _: [Rule; 2] = revised(&[A, B], ("", ""), &[Revision::Insert(Place::After("Z"), &[])]);
    }

    #[test]
    #[should_panic(expected = "N is not")]
    fn a_wrong_length_is_refused() {
        let _: [Rule; 3] = revised(&[A, B], ("", ""), &[Revision::Drop("A")]);
    }

    #[test]
    fn the_2025_contract_is_the_2023_table_changed() {
        use crate::catalog::volcengine_live::{UPDATE_AUTH_KEY, UPDATE_AUTH_KEY_2025};
        let paths = |op: &Operation| op.rules.iter().map(|r| r.path).collect::<Vec<_>>();
        let new = paths(&UPDATE_AUTH_KEY_2025);
        assert!(!new.iter().any(|p| *p == "Vhost" || *p == "App" || p.is_empty()));
        let first = UPDATE_AUTH_KEY_2025.rules[0];
        assert_eq!((first.path, first.check), ("Domain", Check::Required));
        // What did not change is the 2023 rule itself (citing the 2025 document where it cited
        // the 2023 one).
        let same = |a: &Rule, b: &Rule| {
            (a.path, a.check, a.level, a.code) == (b.path, b.check, b.level, b.code)
        };
        let kept = UPDATE_AUTH_KEY
            .rules
            .iter()
            .filter(|r| !matches!(r.path, "" | "Vhost" | "App" | "ValidDuration"));
        assert!(kept.clone().all(|r| UPDATE_AUTH_KEY_2025.rules.iter().any(|n| same(n, r))));
        assert_eq!(new.len(), kept.count() + 9);
    }
}
