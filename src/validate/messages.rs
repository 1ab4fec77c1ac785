//! What a violation says, in English and Chinese. Messages name the field, never its value (a
//! value may be a secret key).

use crate::catalog::{Charset, Kind};

/// Message language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(ts, derive(tsify::Tsify), serde(rename_all = "lowercase"))]
pub enum Locale {
    #[default]
    En,
    Zh,
}

impl Locale {
    /// `zh`, `zh-CN`, `zh-Hans` … are Chinese; anything else English.
    pub fn parse(s: &str) -> Locale {
        if s.eq_ignore_ascii_case("zh") || s.to_ascii_lowercase().starts_with("zh-") {
            Locale::Zh
        } else {
            Locale::En
        }
    }
}

/// Why a value fails, with what the message needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Missing,
    WrongType(Kind),
    Empty,
    BadChars { set: Charset, min: usize, max: usize },
    TooLong(usize),
    BadCharset(Charset),
    NotInEnum(&'static [&'static str]),
    OutOfRange { min: i64, max: i64 },
    NotInIntEnum(&'static [i64]),
    TooFewItems(usize),
    TooManyItems(usize),
    BadMapKey(&'static [&'static str]),
    BadDomain { max: usize, wildcard: bool },
    BadDomainList { max: usize, wildcard: bool },
    NotADnsName { max: usize },
    NotPositive,
    UnsafeInteger,
    NotPemCertificate,
    MissingWhen { sibling: &'static str, is: &'static str },
    NotPemKey,
    EncryptedKey,
    NotInIntEnumWhen { sibling: &'static str, is: &'static str, allowed: &'static [i64] },
    NoneOf(&'static [&'static str]),
    MoreThanOne(&'static [&'static str]),
    NeedsSibling(&'static str),
    IdOrPairMissing { id: &'static str, pair: [&'static str; 2] },
    PairIncomplete(&'static str),
    Ignored(&'static str),
    UnknownField,
    NotAnObject,
    Unparsable,
    UnknownProvider,
    UnknownAction,
    UnknownContract,
    TooManyIssues(usize),
}

fn kind_en(k: Kind) -> &'static str {
    match k {
        Kind::String => "a string",
        Kind::Integer => "an integer",
        Kind::Boolean => "true or false",
        Kind::Array => "an array",
        Kind::Object => "an object",
        Kind::StringMap => "an object of string values",
        Kind::Int64 => "an integer (a decimal string beyond 2^53)",
    }
}

fn kind_zh(k: Kind) -> &'static str {
    match k {
        Kind::String => "字符串",
        Kind::Integer => "整数",
        Kind::Boolean => "布尔值（true 或 false）",
        Kind::Array => "数组",
        Kind::Object => "对象",
        Kind::StringMap => "值为字符串的对象",
        Kind::Int64 => "整数（超过 2^53 时用十进制字符串）",
    }
}

fn list<T: std::fmt::Display>(items: &[T]) -> String {
    items.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ")
}

/// The message for `problem` at the field named `field` (its last path segment).
pub fn message(problem: Problem, field: &str, locale: Locale) -> String {
    use Problem::*;
    let f = if field.is_empty() { "payload" } else { field };
    match locale {
        Locale::En => match problem {
            Missing => format!("{f} is required"),
            WrongType(k) => format!("{f} must be {}", kind_en(k)),
            Empty => format!("{f} must not be empty"),
            BadChars { set, min, max } => format!(
                "{f} must be {min} to {max} characters from {}",
                set.class()
            ),
            TooLong(max) => format!("{f} should be at most {max} characters"),
            BadCharset(set) => format!("{f} may contain only characters from {}", set.class()),
            NotInEnum(v) => format!("{f} must be one of: {}", list(v)),
            OutOfRange { min, max } => format!("{f} must be an integer from {min} to {max}"),
            NotInIntEnum(v) => format!("{f} must be one of: {}", list(v)),
            TooFewItems(min) => format!("{f} needs at least {min} entries"),
            TooManyItems(max) => format!("{f} takes at most {max} entries"),
            BadMapKey(v) => format!("{f} keys must be among: {}", list(v)),
            BadDomain { max, wildcard } => format!(
                "{f} must be a domain name of at most {max} characters: labels of letters, digits and hyphens separated by dots{}",
                if wildcard { ", optionally starting with *." } else { "" }
            ),
            BadDomainList { max, wildcard } => format!(
                "{f} must be a comma-separated list of domain names, each at most {max} characters{}",
                if wildcard { " (a leading *. is allowed)" } else { "" }
            ),
            NotADnsName { max } => format!(
                "{f} cannot be a domain name: no spaces, scheme or path, no empty label, no label starting or ending with a hyphen, labels of at most 63 characters, at most {max} in all"
            ),
            NotPositive => format!("{f} must be a positive integer"),
            NotPemCertificate => {
                format!("{f} must be a PEM certificate (-----BEGIN CERTIFICATE-----)")
            }
            MissingWhen { sibling, is } => format!("{f} is required when {sibling} is {is}"),
            NotPemKey => format!("{f} must be a PEM private key (-----BEGIN PRIVATE KEY-----)"),
            EncryptedKey => format!("{f} must not be a password-protected (encrypted) key"),
            NotInIntEnumWhen { sibling, is, allowed } => {
                format!("{f} must be {} when {sibling} is {is}", list(allowed))
            }
            UnsafeInteger => format!(
                "{f} is beyond 2^53 and loses precision as a number: pass it as a decimal string"
            ),
            NoneOf(v) => format!("give exactly one of: {}", list(v)),
            MoreThanOne(v) => format!("{f}: give exactly one of {}, not several", list(v)),
            NeedsSibling(other) => format!("{f} must be given together with {other}"),
            IdOrPairMissing { id, pair } => format!(
                "give {id}, or both {} and {}",
                pair[0], pair[1]
            ),
            PairIncomplete(other) => format!("{f} is required when {other} is given"),
            Ignored(other) => format!("{f} is ignored when {other} is given"),
            UnknownField => format!("{f} is not a field of this action and will be ignored or refused"),
            NotAnObject => "the payload must be a JSON object".to_string(),
            Unparsable => "the payload is not valid JSON (or nests too deeply, or exceeds 8 MiB)".to_string(),
            UnknownProvider => "unknown provider: expected volcengine, tencent or aliyun".to_string(),
            UnknownAction => "unknown action for this provider".to_string(),
            UnknownContract => "unknown contract: use 2023-10 or 2025-09".to_string(),
            TooManyIssues(n) => format!("more than {n} problems: only the first are listed"),
        },
        Locale::Zh => match problem {
            Missing => format!("缺少必填参数 {f}"),
            WrongType(k) => format!("{f} 必须是{}", kind_zh(k)),
            Empty => format!("{f} 不能为空"),
            BadChars { set, min, max } => {
                format!("{f} 须为 {min} 到 {max} 个字符，只能包含 {}", set.class())
            }
            TooLong(max) => format!("{f} 建议不超过 {max} 个字符"),
            BadCharset(set) => format!("{f} 只能包含 {} 中的字符", set.class()),
            NotInEnum(v) => format!("{f} 取值须为以下之一：{}", list(v)),
            OutOfRange { min, max } => format!("{f} 须为 {min} 到 {max} 之间的整数"),
            NotInIntEnum(v) => format!("{f} 取值须为以下之一：{}", list(v)),
            TooFewItems(min) => format!("{f} 至少需要 {min} 项"),
            TooManyItems(max) => format!("{f} 最多 {max} 项"),
            BadMapKey(v) => format!("{f} 的键只能是：{}", list(v)),
            BadDomain { max, wildcard } => format!(
                "{f} 须为不超过 {max} 个字符的域名：由字母、数字和连字符组成、以点分隔的标签{}",
                if wildcard { "，可以 *. 开头" } else { "" }
            ),
            BadDomainList { max, wildcard } => format!(
                "{f} 须为以逗号分隔的域名列表，每个域名不超过 {max} 个字符{}",
                if wildcard { "（可以 *. 开头）" } else { "" }
            ),
            NotADnsName { max } => format!(
                "{f} 不可能是域名：不能含空格、协议或路径，标签不能为空、不能以连字符开头或结尾且不超过 63 个字符，总长不超过 {max} 个字符"
            ),
            NotPositive => format!("{f} 须为正整数"),
            NotPemCertificate => format!("{f} 须为 PEM 格式的证书（-----BEGIN CERTIFICATE-----）"),
            MissingWhen { sibling, is } => format!("{sibling} 为 {is} 时必须传入 {f}"),
            NotPemKey => format!("{f} 须为 PEM 格式的私钥（-----BEGIN PRIVATE KEY-----）"),
            EncryptedKey => format!("{f} 不能是加密（有密码保护）的私钥"),
            NotInIntEnumWhen { sibling, is, allowed } => {
                format!("{sibling} 为 {is} 时，{f} 须为 {}", list(allowed))
            }
            UnsafeInteger => format!("{f} 超过 2^53，作为数字会丢失精度：请以十进制字符串传入"),
            NoneOf(v) => format!("以下参数须传且仅传一个：{}", list(v)),
            MoreThanOne(v) => format!("{f}：{} 只能传一个", list(v)),
            NeedsSibling(other) => format!("{f} 须与 {other} 一起传入"),
            IdOrPairMissing { id, pair } => {
                format!("请传入 {id}，或同时传入 {} 和 {}", pair[0], pair[1])
            }
            PairIncomplete(other) => format!("传入 {other} 时必须同时传入 {f}"),
            Ignored(other) => format!("传入 {other} 时 {f} 会被忽略"),
            UnknownField => format!("{f} 不是该接口的参数，会被忽略或拒绝"),
            NotAnObject => "请求参数必须是 JSON 对象".to_string(),
            Unparsable => "请求参数不是合法的 JSON（或嵌套过深、超过 8 MiB）".to_string(),
            UnknownProvider => "未知的云厂商：应为 volcengine、tencent 或 aliyun".to_string(),
            UnknownAction => "该云厂商没有此接口".to_string(),
            UnknownContract => "未知的接口契约：应为 2023-10 或 2025-09".to_string(),
            TooManyIssues(n) => format!("问题超过 {n} 个：只列出前面的部分"),
        },
    }
}

#[cfg(test)]
impl Problem {
    /// One of each variant, for the message-coverage test.
    pub fn examples() -> Vec<Problem> {
        use Problem::*;
        vec![
            Missing,
            WrongType(Kind::Int64),
            Empty,
            BadChars { set: Charset::Alnum, min: 1, max: 100 },
            TooLong(60),
            BadCharset(Charset::Vhost),
            NotInEnum(&["push", "pull"]),
            OutOfRange { min: 60, max: 2_592_000 },
            NotInIntEnum(&[-1, 0, 1]),
            TooFewItems(1),
            TooManyItems(100),
            BadMapKey(&["volcSecret", "volcTime"]),
            BadDomain { max: 60, wildcard: false },
            BadDomainList { max: 253, wildcard: true },
            NotADnsName { max: 253 },
            NotPositive,
            UnsafeInteger,
            NotPemCertificate,
            MissingWhen { sibling: "Type", is: "upload" },
            NotPemKey,
            EncryptedKey,
            NotInIntEnumWhen { sibling: "SceneType", is: "push", allowed: &[10] },
            NoneOf(&["Vhost", "Domain"]),
            MoreThanOne(&["Vhost", "Domain"]),
            NeedsSibling("Available"),
            IdOrPairMissing { id: "CloudCertId", pair: ["A", "B"] },
            PairIncomplete("CertificatePublicKey"),
            Ignored("CloudCertId"),
            UnknownField,
            NotAnObject,
            Unparsable,
            UnknownProvider,
            UnknownAction,
            UnknownContract,
            TooManyIssues(100),
        ]
    }
}
