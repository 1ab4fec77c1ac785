//! Tencent Cloud Live, API version 2018-08-01: `ModifyLiveDomainCertBindings`.
//! `POST https://live.tencentcloudapi.com/` with `X-TC-Action`/`X-TC-Version`, JSON body.

use serde::{Deserialize, Serialize};

use super::model::{
    doc, rule, Check::*, Danger, Idempotence, Kind, Level::*, Operation, PageStyle, Paging,
    Placement, Rule, MAX_PAGES,
};
use super::Provider;

pub const HOST: &str = super::profile::TENCENT.default_host;
pub const VERSION: &str = super::profile::TENCENT.api_version;

/// What this API's declarations share; each says only how it differs.
const BASE: Operation = Operation::of(Provider::Tencent, VERSION, Placement::JsonBody);
pub const SERVICE: &str = super::profile::TENCENT.service;

const MISSING: &str = "MissingParameter";
const INVALID_TYPE: &str = "InvalidParameter";
const INVALID_VALUE: &str = "InvalidParameterValue";
const DOC: &str = "ModifyLiveDomainCertBindings doc (live_models)";

/// Binds one certificate to many playback domains and turns HTTPS on or off for each.
#[serde_with::skip_serializing_none]
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ModifyLiveDomainCertBindingsRequest {
    /// At least one domain.
    pub domain_infos: Vec<LiveCertDomainInfo>,
    /// A Tencent Cloud SSL certificate id; or else the key pair.
    pub cloud_cert_id: Option<String>,
    /// PEM certificate; goes with `CertificatePrivateKey`.
    pub certificate_public_key: Option<String>,
    /// PEM private key (a secret: `Debug` never shows it).
    pub certificate_private_key: Option<String>,
    /// Name of a newly uploaded certificate.
    pub certificate_alias: Option<String>,
}

crate::debug_from_declaration!(ModifyLiveDomainCertBindingsRequest => MODIFY_LIVE_DOMAIN_CERT_BINDINGS);

/// One playback domain and what to do with HTTPS on it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct LiveCertDomainInfo {
    pub domain_name: String,
    /// `1` enable HTTPS, `0` disable, `-1` keep unchanged.
    #[cfg_attr(ts, tsify(type = "1 | 0 | -1"))]
    pub status: i64,
}

/// The answer: per-domain failures arrive inside a successful response.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ModifyLiveDomainCertBindingsResponse {
    pub request_id: String,
    /// Domains that do not match the certificate.
    #[serde(default)]
    pub mismatched_domain_names: Vec<String>,
    /// Domains whose binding failed.
    #[serde(default)]
    pub errors: Vec<BatchDomainOperateError>,
}

/// One failed domain.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct BatchDomainOperateError {
    pub domain_name: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub message: String,
}

/// `Response.Error` of a failed call (always HTTP 200).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct TencentError {
    pub code: String,
    #[serde(default)]
    pub message: String,
}

pub static MODIFY_LIVE_DOMAIN_CERT_BINDINGS: Operation = Operation {
    action: "ModifyLiveDomainCertBindings",
    summary: super::model::docs_only(
        "Bind one certificate to many playback domains and turn HTTPS on or off for each.",
    ),
    rules: &RULES,
    fields: &[
        doc(
            "DomainInfos",
            "Playback domains, at least one",
            "播放域名列表，至少一项",
        ),
        doc("DomainInfos[].DomainName", "Playback domain", "播放域名"),
        doc(
            "DomainInfos[].Status",
            "1 enable HTTPS, 0 disable, -1 keep unchanged",
            "1 开启 HTTPS，0 关闭，-1 保持不变",
        ),
        doc(
            "CloudCertId",
            "Tencent Cloud SSL certificate id (or give the key pair)",
            "腾讯云 SSL 证书 ID（或传入证书公私钥）",
        ),
        doc(
            "CertificatePublicKey",
            "PEM certificate, with CertificatePrivateKey",
            "证书公钥（PEM），与私钥一起传",
        ),
        doc(
            "CertificatePrivateKey",
            "PEM private key, with CertificatePublicKey",
            "证书私钥（PEM），与公钥一起传",
        ),
        doc(
            "CertificateAlias",
            "Name of a newly uploaded certificate",
            "新上传证书的备注名",
        ),
    ],
    // With a key pair each call uploads a new certificate to the SSL service: never re-sent
    // after an outcome that may have been carried out.
    idempotent: Idempotence::UnlessGiven("CertificatePublicKey"),
    outcome_check: "describe the domains' certificate bindings (DescribeLiveDomainCertBindings) before uploading again",
    secret_fields: &["CertificatePrivateKey"],
    multiline_fields: &["CertificatePublicKey", "CertificatePrivateKey"],
    danger: Danger::DestructiveWhen {
        path: "DomainInfos[].Status",
        value: 0,
    },
    ..BASE
};

static RULES: [Rule; 19] = [
    rule("DomainInfos", Required, Error, MISSING, DOC),
    rule("DomainInfos", Type(Kind::Array), Error, INVALID_TYPE, DOC),
    rule(
        "DomainInfos",
        Items { min: 1, max: None },
        Error,
        INVALID_VALUE,
        "doc: non-empty; no documented maximum",
    ),
    rule(
        "DomainInfos[]",
        Type(Kind::Object),
        Error,
        INVALID_TYPE,
        DOC,
    ),
    rule("DomainInfos[].DomainName", Required, Error, MISSING, DOC),
    rule(
        "DomainInfos[].DomainName",
        Type(Kind::String),
        Error,
        INVALID_TYPE,
        DOC,
    ),
    rule(
        "DomainInfos[].DomainName",
        DnsName { max: 253 },
        Error,
        INVALID_VALUE,
        "RFC 1035: a string that cannot be a DNS name is refused",
    ),
    rule(
        "DomainInfos[].DomainName",
        Domain {
            wildcard: false,
            unicode: false,
            max: 253,
        },
        Warning,
        INVALID_VALUE,
        "inferred: DNS name rule",
    ),
    rule("DomainInfos[].Status", Required, Error, MISSING, DOC),
    rule(
        "DomainInfos[].Status",
        Type(Kind::Integer),
        Error,
        INVALID_TYPE,
        DOC,
    ),
    rule(
        "DomainInfos[].Status",
        IntEnum(&[-1, 0, 1]),
        Error,
        INVALID_VALUE,
        "doc: 1 enable, 0 disable, -1 unchanged",
    ),
    rule("CloudCertId", Type(Kind::String), Error, INVALID_TYPE, DOC),
    rule(
        "CertificatePublicKey",
        Type(Kind::String),
        Error,
        INVALID_TYPE,
        DOC,
    ),
    rule(
        "CertificatePrivateKey",
        Type(Kind::String),
        Error,
        INVALID_TYPE,
        DOC,
    ),
    rule(
        "CertificateAlias",
        Type(Kind::String),
        Error,
        INVALID_TYPE,
        DOC,
    ),
    rule(
        "",
        IdOrPair {
            id: "CloudCertId",
            pair: ["CertificatePublicKey", "CertificatePrivateKey"],
            required: false,
        },
        Error,
        MISSING,
        "doc: CloudCertId, or the key pair, or neither (then only the HTTPS state of a bound domain changes)",
    ),
    rule(
        "CertificatePublicKey",
        IgnoredWith("CloudCertId"),
        Warning,
        "IgnoredField",
        "doc: with CloudCertId the keys are ignored",
    ),
    rule(
        "CertificatePrivateKey",
        IgnoredWith("CloudCertId"),
        Warning,
        "IgnoredField",
        "doc: with CloudCertId the keys are ignored",
    ),
    rule(
        "CertificateAlias",
        IgnoredWith("CloudCertId"),
        Warning,
        "IgnoredField",
        "doc: only used when a new certificate is uploaded",
    ),
];

// ---------------------------------------------------------------- the certificate lifecycle

const BINDINGS_DOC: &str = "DescribeLiveDomainCertBindings doc and api.json (lifecycle.md 2.2)";
const CERT_DOC: &str = "DescribeLiveDomainCert doc and api.json (lifecycle.md 2.3)";
const DOMAINS_DOC: &str = "DescribeLiveDomains doc and api.json (lifecycle.md 2.4)";

/// Lists the domains that have a certificate bound, `Length` at a time from `Offset`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct DescribeLiveDomainCertBindingsRequest {
    pub domain_search: Option<String>,
    /// From 0 (default 0).
    pub offset: Option<i64>,
    /// Default 50.
    pub length: Option<i64>,
    pub domain_name: Option<String>,
    #[cfg_attr(ts, tsify(type = "\"ExpireTimeAsc\" | \"ExpireTimeDesc\""))]
    pub order_by: Option<String>,
}

/// One bound domain.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct LiveDomainCertBinding {
    pub domain_name: String,
    /// The certificate's name.
    pub certificate_alias: String,
    /// 0 own certificate, 1 hosted by Tencent Cloud SSL.
    pub cert_type: i64,
    /// HTTPS state: 1 on, 0 off (not the certificate's state).
    pub status: i64,
    /// Beijing time (UTC+8), `YYYY-MM-DD HH:MM:SS`.
    pub cert_expire_time: String,
    pub cert_id: i64,
    pub cloud_cert_id: String,
    /// When the binding last changed, Beijing time; the cloud may answer null.
    #[serde(default)]
    pub update_time: Option<String>,
}

/// The answer of `DescribeLiveDomainCertBindings`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct DescribeLiveDomainCertBindingsResponse {
    /// The domains that have a certificate bound, this page of them.
    pub live_domain_cert_bindings: Vec<LiveDomainCertBinding>,
    /// Every bound domain the query matches, over all pages.
    pub total_num: i64,
    pub request_id: String,
}

pub static DESCRIBE_LIVE_DOMAIN_CERT_BINDINGS: Operation = Operation {
    action: "DescribeLiveDomainCertBindings",
    summary: super::model::docs_only(
        "List the domains that have a certificate bound, with its expiry and HTTPS state.",
    ),
    rules: &BINDINGS_RULES,
    fields: &[
        doc("DomainSearch", "Part of a domain name", "域名关键词"),
        doc("Offset", "Rows to skip, from 0", "偏移量，从 0 开始"),
        doc("Length", "Rows to return (default 50)", "返回条数（默认 50）"),
        doc("DomainName", "Exactly this domain", "指定域名"),
        doc("OrderBy", "ExpireTimeAsc or ExpireTimeDesc", "ExpireTimeAsc 或 ExpireTimeDesc"),
    ],
    rate_class: Some(20.0),
    outcome_check: "call it again",
    paging: Some(Paging {
        style: PageStyle::Offset("Offset"),
        size_field: "Length",
        // The documented default; no maximum is documented.
        size: 50,
        max_pages: MAX_PAGES,
        list: "LiveDomainCertBindings",
        total: Some("TotalNum"),
        item_id: "DomainName",
    }),
    ..BASE
};

static BINDINGS_RULES: [Rule; 9] = [
    rule("DomainSearch", Type(Kind::String), Error, INVALID_TYPE, BINDINGS_DOC),
    rule("Offset", Type(Kind::Int64), Error, INVALID_TYPE, BINDINGS_DOC),
    rule("Offset", IntRange { min: 0, max: i64::MAX }, Error, INVALID_VALUE, BINDINGS_DOC),
    rule("Length", Type(Kind::Int64), Error, INVALID_TYPE, BINDINGS_DOC),
    rule(
        "Length",
        IntRange { min: 1, max: i64::MAX },
        Error,
        INVALID_VALUE,
        "inferred: no maximum documented",
    ),
    rule("DomainName", Type(Kind::String), Error, INVALID_TYPE, BINDINGS_DOC),
    rule("DomainName", DnsName { max: 253 }, Error, INVALID_VALUE, BINDINGS_DOC),
    rule("OrderBy", Type(Kind::String), Error, INVALID_TYPE, BINDINGS_DOC),
    rule("OrderBy", Enum(&["ExpireTimeAsc", "ExpireTimeDesc"]), Error, INVALID_VALUE, BINDINGS_DOC),
];

/// The certificate of one playback domain.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct DescribeLiveDomainCertRequest {
    pub domain_name: String,
}

/// `DomainCertInfo` of `DescribeLiveDomainCert`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct DomainCertInfo {
    pub cert_id: i64,
    pub cert_name: String,
    pub description: String,
    /// Beijing time.
    pub create_time: String,
    /// The certificate PEM.
    pub https_crt: String,
    /// 0 added by the user, 1 hosted by Tencent Cloud.
    pub cert_type: i64,
    /// Beijing time.
    pub cert_expire_time: String,
    pub domain_name: String,
    /// Undocumented values (examples show 1).
    pub status: i64,
    /// Names in the certificate.
    pub cert_domains: Vec<String>,
    pub cloud_cert_id: String,
}

/// The answer of `DescribeLiveDomainCert`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct DescribeLiveDomainCertResponse {
    pub domain_cert_info: DomainCertInfo,
    pub request_id: String,
}

pub static DESCRIBE_LIVE_DOMAIN_CERT: Operation = Operation {
    action: "DescribeLiveDomainCert",
    summary: super::model::docs_only(
        "Read the certificate of one playback domain: names, expiry, PEM.",
    ),
    rules: &CERT_RULES,
    fields: &[doc("DomainName", "Playback domain", "播放域名")],
    rate_class: Some(500.0),
    outcome_check: "call it again",
    ..BASE
};

static CERT_RULES: [Rule; 3] = [
    rule("DomainName", Required, Error, MISSING, CERT_DOC),
    rule("DomainName", Type(Kind::String), Error, INVALID_TYPE, CERT_DOC),
    rule("DomainName", DnsName { max: 253 }, Error, INVALID_VALUE, CERT_DOC),
];

/// Lists the account's live domains, a page at a time.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct DescribeLiveDomainsRequest {
    /// 0 disabled, 1 enabled.
    pub domain_status: Option<i64>,
    /// 0 push, 1 playback.
    pub domain_type: Option<i64>,
    /// 10 to 100, default 10.
    pub page_size: Option<i64>,
    /// 1 to 100000, default 1.
    pub page_num: Option<i64>,
    pub is_delay_live: Option<i64>,
    pub domain_prefix: Option<String>,
    /// With `DomainType` 1: 1 mainland China, 2 global, 3 outside the mainland.
    pub play_type: Option<i64>,
}

/// One domain of `DescribeLiveDomains`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct LiveDomainInfo {
    pub name: String,
    /// 0 push, 1 playback.
    pub r#type: i64,
    /// 0 disabled, 1 enabled.
    pub status: i64,
    /// Beijing time.
    pub create_time: String,
    /// 0 or 1: whether the domain has a CNAME to the fixed-rule domain.
    #[serde(rename = "BCName")]
    pub bc_name: i64,
    /// The CNAME target.
    pub target_domain: String,
    /// With `Type` 1: 1 mainland China, 2 global, 3 outside the mainland.
    pub play_type: i64,
    /// 0 standard live, 1 LCB (slow) live.
    pub is_delay_live: i64,
    /// The CNAME in use.
    pub current_c_name: String,
    /// Obsolete.
    pub rent_tag: i64,
    /// Obsolete; `0000-00-00 00:00:00` when never rented.
    pub rent_expire_time: String,
    /// 0 standard, 1 mini-program live.
    pub is_mini_program_live: i64,
}

/// The answer of `DescribeLiveDomains`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct DescribeLiveDomainsResponse {
    /// Every domain the query matches, over all pages.
    pub all_count: i64,
    pub domain_list: Vec<LiveDomainInfo>,
    /// How many more domains the account may add (the doc page says it may be null).
    #[serde(default)]
    pub create_limit_count: Option<i64>,
    /// Enabled playback domains by region: mainland China, global, outside the mainland (the
    /// doc page says it may be null).
    #[serde(default)]
    pub play_type_count: Option<Vec<i64>>,
    pub request_id: String,
}

pub static DESCRIBE_LIVE_DOMAINS: Operation = Operation {
    action: "DescribeLiveDomains",
    summary: super::model::docs_only("List the account's live domains, a page at a time."),
    rules: &DOMAINS_RULES,
    fields: &[
        doc("DomainStatus", "0 disabled, 1 enabled", "0 停用，1 启用"),
        doc("DomainType", "0 push, 1 playback", "0 推流域名，1 播放域名"),
        doc("PageSize", "10 to 100 (default 10)", "10 到 100（默认 10）"),
        doc("PageNum", "1 to 100000 (default 1)", "1 到 100000（默认 1）"),
        doc("IsDelayLive", "0 standard live, 1 slow live", "0 普通直播，1 慢直播"),
        doc("DomainPrefix", "Domain prefix", "域名前缀"),
        doc(
            "PlayType",
            "With DomainType 1: 1 mainland, 2 global, 3 outside the mainland",
            "DomainType 为 1 时：1 国内，2 全球，3 境外",
        ),
    ],
    rate_class: Some(200.0),
    outcome_check: "call it again",
    ..BASE
};

static DOMAINS_RULES: [Rule; 14] = [
    rule("DomainStatus", Type(Kind::Int64), Error, INVALID_TYPE, DOMAINS_DOC),
    rule("DomainStatus", IntEnum(&[0, 1]), Error, INVALID_VALUE, DOMAINS_DOC),
    rule("DomainType", Type(Kind::Int64), Error, INVALID_TYPE, DOMAINS_DOC),
    rule("DomainType", IntEnum(&[0, 1]), Error, INVALID_VALUE, DOMAINS_DOC),
    rule("PageSize", Type(Kind::Int64), Error, INVALID_TYPE, DOMAINS_DOC),
    rule(
        "PageSize",
        IntRange { min: 10, max: 100 },
        Warning,
        INVALID_VALUE,
        "doc: 10 to 100; whether the server refuses or clamps is not documented",
    ),
    rule("PageNum", Type(Kind::Int64), Error, INVALID_TYPE, DOMAINS_DOC),
    rule("PageNum", IntRange { min: 1, max: 100_000 }, Error, INVALID_VALUE, DOMAINS_DOC),
    rule("IsDelayLive", Type(Kind::Int64), Error, INVALID_TYPE, DOMAINS_DOC),
    rule("IsDelayLive", IntEnum(&[0, 1]), Error, INVALID_VALUE, DOMAINS_DOC),
    rule("DomainPrefix", Type(Kind::String), Error, INVALID_TYPE, DOMAINS_DOC),
    rule("PlayType", Type(Kind::Int64), Error, INVALID_TYPE, DOMAINS_DOC),
    rule("PlayType", IntEnum(&[1, 2, 3]), Error, INVALID_VALUE, DOMAINS_DOC),
    rule(
        "PlayType",
        Requires("DomainType"),
        Warning,
        INVALID_VALUE,
        "doc: PlayType has a meaning only with DomainType 1",
    ),
];

/// This API's operations, one line each, in the order of the docs: its part of
/// [`for_each_operation!`](crate::for_each_operation), which names the fields of a line.
#[doc(hidden)]
#[macro_export]
macro_rules! __tencent_live_operations {
    (@append $then:ident [$($done:tt)*] $($rest:ident)*) => {
        $crate::__chain_operations! { $then [$($done)*
    #[doc = "Per-domain failures (`Errors`, `MismatchedDomainNames`) are part of the result."]
    TcModifyLiveDomainCertBindings: TencentLive.modifyLiveDomainCertBindings / modify_live_domain_cert_bindings = tencent_live::MODIFY_LIVE_DOMAIN_CERT_BINDINGS
        ("ModifyLiveDomainCertBindingsRequest" -> "Promise<ModifyLiveDomainCertBindingsResponse>"),
    TcDescribeLiveDomainCertBindings: TencentLive.describeLiveDomainCertBindings / describe_live_domain_cert_bindings = tencent_live::DESCRIBE_LIVE_DOMAIN_CERT_BINDINGS
        ("DescribeLiveDomainCertBindingsRequest" -> "Promise<DescribeLiveDomainCertBindingsResponse>"),
    TcDescribeLiveDomainCert: TencentLive.describeLiveDomainCert / describe_live_domain_cert = tencent_live::DESCRIBE_LIVE_DOMAIN_CERT
        ("DescribeLiveDomainCertRequest" -> "Promise<DescribeLiveDomainCertResponse>"),
    TcDescribeLiveDomains: TencentLive.describeLiveDomains / describe_live_domains = tencent_live::DESCRIBE_LIVE_DOMAINS
        ("DescribeLiveDomainsRequest" -> "Promise<DescribeLiveDomainsResponse>"),
        ] $($rest)* }
    };
}
