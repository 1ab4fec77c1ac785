//! The rules reference (`docs/rules.md`), generated from the rule tables so that it cannot drift:
//! a test compares the file with this output.

use std::fmt::Write;

use crate::catalog::OPERATIONS;
use crate::catalog::{Check, Kind, Level, Operation};

fn kind(k: Kind) -> &'static str {
    match k {
        Kind::StringMap => "object of strings",
        Kind::Int64 => "int64 (number ≤ 2^53-1, or decimal string)",
        other => other.name(),
    }
}

fn quoted<T: std::fmt::Display>(items: &[T]) -> String {
    items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
}

fn domain_extras(wildcard: bool, unicode: bool) -> String {
    let mut out = String::new();
    if wildcard {
        out.push_str("; `*.` prefix allowed");
    }
    if unicode {
        out.push_str("; non-ASCII letters allowed");
    }
    out
}

/// The rule in words.
pub fn describe(check: &Check) -> String {
    match *check {
        Check::Required => "required".into(),
        Check::Type(k) => format!("type: {}", kind(k)),
        Check::NotEmpty => "not empty".into(),
        Check::Chars { set, min, max } => format!("`^{}{{{min},{max}}}$`", set.class()),
        Check::OnlyChars(set) => format!("characters from `{}`", set.class()),
        Check::MaxChars(max) => format!("at most {max} characters"),
        Check::Enum(v) => format!("one of {}", quoted(v)),
        Check::IntRange { min, max } if max == i64::MAX => format!("integer ≥ {min}"),
        Check::IntRange { min, max } => format!("integer in [{min}, {max}]"),
        Check::IntEnum(v) => format!("one of {}", quoted(v)),
        Check::Items {
            min,
            max: Some(max),
        } => format!("{min} to {max} entries"),
        Check::Items { min, max: None } => format!("at least {min} entries"),
        Check::MapKeys(v) => format!("keys among {}", quoted(v)),
        Check::Domain {
            wildcard,
            unicode,
            max,
        } => format!(
            "domain name: dot-separated labels of letters, digits, hyphens; ≤ {max} chars{}",
            domain_extras(wildcard, unicode)
        ),
        Check::DomainList {
            wildcard,
            unicode,
            max,
        } => format!(
            "non-empty comma-separated domain names, each ≤ {max} chars{}",
            domain_extras(wildcard, unicode)
        ),
        Check::PositiveInt64 => {
            "≥ 1; a number above 2^53-1 must be sent as a decimal string".into()
        }
        Check::ExactlyOne(v) => format!("exactly one of {}", quoted(v)),
        Check::Requires(other) => format!("needs `{other}`"),
        Check::IgnoredWith(other) => format!("ignored when `{other}` is given"),
        Check::IdOrPair { id, pair, required } => format!(
            "`{id}`, or both `{}` and `{}`{} (a half pair is an error)",
            pair[0],
            pair[1],
            if required { "" } else { ", or neither" }
        ),
        Check::Pem(crate::catalog::PemKind::Certificate) => {
            "PEM certificate (`-----BEGIN CERTIFICATE-----`), leaf first".into()
        }
        Check::Pem(crate::catalog::PemKind::PrivateKey) => {
            "PEM private key (PKCS#8, PKCS#1 or SEC1), not password-protected".into()
        }
        Check::RequiredWhen { sibling, is } => format!("required when `{sibling}` is `{is}`"),
        Check::IntEnumWhen {
            sibling,
            is,
            allowed,
        } => format!("one of {} when `{sibling}` is `{is}`", quoted(allowed)),
        Check::DnsName { max } => format!(
            "can be a DNS name: no spaces, scheme or path, no empty label, labels ≤ 63 bytes, ≤ {max} characters"
        ),
    }
}

fn operation(out: &mut String, op: &Operation, contract: Option<crate::catalog::Contract>) {
    let heading = match contract {
        Some(c) => format!(" — contract {}", c.as_str()),
        None => String::new(),
    };
    let _ = writeln!(out, "## {} {} ({}){heading}\n", op.provider.as_str(), op.action, op.version);
    let _ = writeln!(out, "{}\n", op.summary);
    let _ = writeln!(out, "| field | description | 说明 |\n|---|---|---|");
    for f in op.fields {
        let _ = writeln!(out, "| `{}` | {} | {} |", f.path, f.en, f.zh);
    }
    let _ = writeln!(out, "\n| field | rule | level | code | source |\n|---|---|---|---|---|");
    for r in op.rules {
        let path =
            if r.path.is_empty() { "(payload)".to_string() } else { format!("`{}`", r.path) };
        let level = match r.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        let _ = writeln!(
            out,
            "| {path} | {} | {level} | `{}` | {} |",
            describe(&r.check),
            r.code,
            r.source
        );
    }
    out.push('\n');
}

/// The README's table of operations: one row per API (a cloud's, or a product's of its own), its
/// operations in the order of the docs, a later contract named where an operation has one.
pub fn operations_table() -> String {
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    for op in OPERATIONS {
        let api = match op.product {
            Some(p) => format!("{} {}", p.title, p.api_version),
            None => format!("{} {}", op.provider.profile().title, op.version),
        };
        let contracts: Vec<&str> = crate::catalog::REVISIONS
            .iter()
            .filter(|(_, r)| r.provider == op.provider && r.action == op.action)
            .map(|(c, _)| c.as_str())
            .collect();
        let name = if contracts.is_empty() {
            format!("`{}`", op.action)
        } else {
            let default = crate::catalog::Contract::default().as_str();
            format!("`{}` (contracts {default} and {})", op.action, contracts.join(", "))
        };
        match rows.iter_mut().find(|(a, _)| *a == api) {
            Some((_, names)) => names.push(name),
            None => rows.push((api, vec![name])),
        }
    }
    let mut out = String::from("| API | operations |\n|---|---|\n");
    for (api, names) in rows {
        out.push_str(&format!("| {api} | {} |\n", names.join(", ")));
    }
    out
}

/// The whole reference, Markdown.
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Validation rules\n\n\
         Generated from the rule tables in `src/catalog/` (a test fails when this file and the tables differ;\n\
         `LIVEOPS_BLESS=1 cargo test --test docs` rewrites it). `validate(provider, action, payload)` and the\n\
         emulator apply exactly these rules. Documented rules are errors; inferred or unstable ones are\n\
         warnings. Every report also warns of unknown fields (`UnknownField`); a payload that is not a JSON\n\
         object is `InvalidPayload`; an unknown provider or action is `UnknownProvider` / `UnknownAction`.\n\
         Paths use `[]` for every entry of an array; reports name the entry: `AuthDetailList[3].SecretKey`.\n\n",
    );
    for op in OPERATIONS {
        operation(&mut out, op, None);
    }
    out.push_str(
        "# Later contracts\n\n\
         Where a cloud changed an operation, its newer rules are a contract chosen by name:\n\
         `validate(provider, action, payload, { contract: '2025-09' })`, the client option\n\
         `contract: '2025-09'`, the emulator's `--contract 2025-09` and the console's contract choice.\n\
         The default is `2023-10`, the rules above.\n\n",
    );
    for (contract, op) in crate::catalog::REVISIONS {
        operation(&mut out, op, Some(contract));
    }
    out.push_str(LENIENT_READINGS);
    out
}

/// Facts the sources leave open, and the reading the rules and the emulator take.
const LENIENT_READINGS: &str = "\
# Not determined: the readings taken

Where the clouds' documents and SDKs leave a fact open, the library takes the lenient reading (a
warning, or no rule) and the emulator does the same:

- Volcengine error tables are known only for DeleteCert and UnbindCert (and cut off); the other
  operations are assumed to answer the same codes. `DescribeCertDetailSecretV2` with both or neither
  of `CertID`/`ChainID` is refused as `InvalidParam` (the code is a guess).
- Volcengine `ListCertV2`: no maximum `PageSize` is documented (above 1000 warns); paging with only one
  of `PageNum`/`PageSize` warns; `CertList[].CreateTime` is read as RFC 3339 like the other times;
  without either paging field every certificate comes back.
- Volcengine `CreateCert`: the request example spells `PubKey`/`PriKey`, the table and SDK
  `Pubkey`/`Prikey`; the library sends `Pubkey`/`Prikey` and the emulator accepts both.
- Volcengine `BindCert`: `MinTLSVersion` above `MaxTLSVersion` is not checked (not documented).
- Tencent `DescribeLiveDomainCert` `Status`: its values are not documented and are not interpreted;
  the certificate's state comes from `CertExpireTime`. Both layouts of Tencent times are read
  (`YYYY-MM-DD HH:MM:SS` Beijing time, and RFC 3339).
- Tencent `DescribeLiveDomainCertBindings` `Length`: no maximum documented, none enforced.
  `DescribeLiveDomains` `PageSize` outside 10–100 only warns (refused or clamped is not documented);
  numbers given as decimal strings (as the official example does) are accepted.
- Alibaba ESA: no error codes for `ListSites`, `ListCertificates`, `GetCertificate`; the emulator
  answers `SiteNotFound`, `Certificate.NotFound` and `InvalidParameter` as the other operations do.
  No rate limits are documented: the profile's 20 requests/s applies. `ListCertificates` paging has no
  documented default or maximum (above 500 warns). `NotAfter` is read as `YYYY-MM-DD HH:MM:SS` UTC
  or as RFC 3339. `ListSites` `Status` values beyond the four of the answer warn.
";
