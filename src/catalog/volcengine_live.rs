//! Volcengine Live, API version 2023-01-01: `UpdateAuthKey`, `ListCertV2`, `UnbindCert`.
//! `POST https://live.volcengineapi.com/?Action=…&Version=2023-01-01`, JSON body.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::{
    doc, revised, revised_docs, rule, Charset, Check::*, Danger, DocChange, FieldDoc, Idempotence,
    Kind, Level::*, Operation, PageStyle, Paging, PemKind, Place, Placement, Revision, Rule,
    MAX_PAGES,
};
use super::Provider;

pub const HOST: &str = super::profile::VOLCENGINE.default_host;
pub const VERSION: &str = super::profile::VOLCENGINE.api_version;

/// What this API's declarations share; each says only how it differs.
const BASE: Operation = Operation::of(Provider::Volcengine, VERSION, Placement::JsonBody);
pub const SERVICE: &str = super::profile::VOLCENGINE.service;
pub const REGION: &str = "cn-north-1";

const MISSING: &str = "MissingParameter";
const INVALID: &str = "InvalidParam";

const UAK_DOC: &str = "UpdateAuthKey doc (2023-10, 2024-12)";
const DOMAIN_DOC: &str = "CreateDomainV2 doc: domain name rule";

// ---------------------------------------------------------------- UpdateAuthKey

/// Creates or fully overwrites the push or pull URL authentication of a domain or vhost.
#[serde_with::skip_serializing_none]
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct UpdateAuthKeyRequest {
    /// Domain space. Exactly one of `Vhost` and `Domain`.
    pub vhost: Option<String>,
    /// Push or pull domain. Exactly one of `Vhost` and `Domain`.
    pub domain: Option<String>,
    /// Application name; empty or absent means every app.
    pub app: Option<String>,
    /// `push` or `pull`.
    #[cfg_attr(ts, tsify(type = "\"push\" | \"pull\""))]
    pub scene_type: String,
    /// 1 to 100 entries.
    pub auth_detail_list: Vec<AuthDetail>,
    /// Seconds, 60 to 2592000; default 604800.
    pub valid_duration: Option<i64>,
    pub push_pull_enable: Option<bool>,
}

crate::debug_from_declaration!(UpdateAuthKeyRequest => UPDATE_AUTH_KEY);

/// One authentication key. `SecretKey` is a secret: `Debug` never shows it.
#[serde_with::skip_serializing_none]
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct AuthDetail {
    /// 1 to 100 letters or digits.
    pub secret_key: String,
    /// `md5` or `md5_custom`.
    #[cfg_attr(ts, tsify(type = "\"md5\" | \"md5_custom\""))]
    pub encryption_algorithm: String,
    /// Renames the URL parameters: keys `volcSecret`, `volcTime`.
    #[cfg_attr(ts, tsify(type = "{ volcSecret?: string; volcTime?: string }"))]
    pub auth_field: Option<BTreeMap<String, String>>,
    /// Fields hashed into the signature.
    pub encrypt_field: Option<Vec<String>>,
}

crate::debug_from_declaration!(AuthDetail => UPDATE_AUTH_KEY at "AuthDetailList[]");

static UAK_FIELDS: [FieldDoc; 11] = [
    doc(
        "Vhost",
        "Domain space; exactly one of Vhost and Domain",
        "域名空间；Vhost 与 Domain 传且仅传一个",
    ),
    doc(
        "Domain",
        "Push or pull domain; exactly one of Vhost and Domain",
        "推流或拉流域名；Vhost 与 Domain 传且仅传一个",
    ),
    doc(
        "App",
        "Application name; empty or absent means every app",
        "应用名称；为空或不传表示所有应用",
    ),
    doc("SceneType", "push or pull", "push（推流）或 pull（拉流）"),
    doc("AuthDetailList", "Authentication keys, 1 to 100 entries", "鉴权配置，1 到 100 项"),
    doc(
        "AuthDetailList[].SecretKey",
        "Key: 1 to 100 letters or digits",
        "密钥：1 到 100 个字母或数字",
    ),
    doc("AuthDetailList[].EncryptionAlgorithm", "md5 or md5_custom", "md5 或 md5_custom"),
    doc(
        "AuthDetailList[].AuthField",
        "Renames the URL parameters volcSecret and volcTime",
        "自定义 URL 鉴权参数名（volcSecret、volcTime）",
    ),
    doc("AuthDetailList[].EncryptField", "Fields hashed into the signature", "参与签名的字段"),
    doc(
        "ValidDuration",
        "Validity in seconds, 60 to 2592000; default 604800",
        "有效时长（秒），60 到 2592000，默认 604800",
    ),
    doc(
        "PushPullEnable",
        "Enable authentication; on update, absent leaves it unchanged",
        "是否开启鉴权；更新时不传表示不变",
    ),
];

pub static UPDATE_AUTH_KEY: Operation = Operation {
    action: "UpdateAuthKey",
    summary: super::model::docs_only(
        "Create or fully overwrite the push/pull URL authentication of a domain or vhost.",
    ),
    rules: &UPDATE_AUTH_KEY_RULES,
    fields: &UAK_FIELDS,
    outcome_check: "read the domain's authentication settings (DescribeAuth)",
    secret_fields: &["AuthDetailList[].SecretKey"],
    danger: Danger::Write,
    ..BASE
};

static UPDATE_AUTH_KEY_RULES: [Rule; 28] = [
    rule(
        "",
        ExactlyOne(&["Vhost", "Domain"]),
        Error,
        INVALID,
        "UpdateAuthKey doc: 参数 Domain 和 Vhost 传且仅传一个",
    ),
    rule("Vhost", Type(Kind::String), Error, INVALID, UAK_DOC),
    rule(
        "Vhost",
        OnlyChars(Charset::Vhost),
        Error,
        INVALID,
        "UpdateAuthKey doc: letters, digits, hyphen; dots from every example",
    ),
    rule(
        "Vhost",
        MaxChars(60),
        Warning,
        INVALID,
        "inferred: no length documented; domain limit of CreateDomainV2",
    ),
    rule("Domain", Type(Kind::String), Error, INVALID, UAK_DOC),
    rule("Domain", Domain { wildcard: false, unicode: false, max: 60 }, Error, INVALID, DOMAIN_DOC),
    rule("App", Type(Kind::String), Error, INVALID, UAK_DOC),
    rule(
        "App",
        Chars { set: Charset::AppName, min: 0, max: 30 },
        Error,
        INVALID,
        "UpdateAuthKey doc: ^[A-Za-z0-9_.-]{1,30}$; empty means all apps",
    ),
    rule("SceneType", Required, Error, MISSING, UAK_DOC),
    rule("SceneType", Type(Kind::String), Error, INVALID, UAK_DOC),
    rule("SceneType", Enum(&["push", "pull"]), Error, INVALID, UAK_DOC),
    rule("AuthDetailList", Required, Error, MISSING, UAK_DOC),
    rule("AuthDetailList", Type(Kind::Array), Error, INVALID, UAK_DOC),
    rule(
        "AuthDetailList",
        Items { min: 1, max: Some(100) },
        Error,
        INVALID,
        "UpdateAuthKey doc: at most 100 entries",
    ),
    rule("AuthDetailList[]", Type(Kind::Object), Error, INVALID, UAK_DOC),
    rule("AuthDetailList[].SecretKey", Required, Error, MISSING, UAK_DOC),
    rule("AuthDetailList[].SecretKey", Type(Kind::String), Error, INVALID, UAK_DOC),
    rule(
        "AuthDetailList[].SecretKey",
        Chars { set: Charset::Alnum, min: 1, max: 100 },
        Error,
        INVALID,
        "UpdateAuthKey doc: ^[A-Za-z0-9]{1,100}$",
    ),
    rule("AuthDetailList[].EncryptionAlgorithm", Required, Error, MISSING, UAK_DOC),
    rule("AuthDetailList[].EncryptionAlgorithm", Type(Kind::String), Error, INVALID, UAK_DOC),
    rule(
        "AuthDetailList[].EncryptionAlgorithm",
        Enum(&["md5", "md5_custom"]),
        Error,
        INVALID,
        UAK_DOC,
    ),
    rule("AuthDetailList[].AuthField", Type(Kind::StringMap), Error, INVALID, UAK_DOC),
    rule(
        "AuthDetailList[].AuthField",
        MapKeys(&["volcSecret", "volcTime"]),
        Error,
        INVALID,
        UAK_DOC,
    ),
    rule(
        "AuthDetailList[].EncryptField",
        Type(Kind::Array),
        Error,
        INVALID,
        "UpdateAuthKey doc: allowed values not published, not enforced",
    ),
    rule("AuthDetailList[].EncryptField[]", Type(Kind::String), Error, INVALID, UAK_DOC),
    rule("ValidDuration", Type(Kind::Integer), Error, INVALID, UAK_DOC),
    rule(
        "ValidDuration",
        IntRange { min: 60, max: 2_592_000 },
        Error,
        INVALID,
        "UpdateAuthKey doc: [60, 2592000] seconds",
    ),
    rule("PushPullEnable", Type(Kind::Boolean), Error, INVALID, UAK_DOC),
];

// ---------------------------------------------------------------- ListCertV2

const LIST_DOC: &str = "ListCertV2 doc";

/// Lists HTTPS certificates.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ListCertV2Request {
    /// Default true: enabled certificates.
    pub available: Option<bool>,
    /// Default false; true lists expired certificates. Must come with `Available`.
    pub expiring: Option<bool>,
    /// Exact match.
    pub domain: Option<String>,
    /// Keyword, fuzzy match.
    pub cert_name: Option<String>,
    pub page_num: Option<i64>,
    pub page_size: Option<i64>,
    pub project_name: Option<String>,
}

/// A certificate's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
pub enum CertStatus {
    #[serde(rename = "OK")]
    Ok,
    #[serde(rename = "30days")]
    Days30,
    #[serde(rename = "15days")]
    Days15,
    #[serde(rename = "7days")]
    Days7,
    #[serde(rename = "1days")]
    Days1,
    #[serde(rename = "Expire")]
    Expire,
}

impl CertStatus {
    /// The status the cloud reports for a certificate that expires at `not_after` (Unix
    /// seconds), seen at `now`.
    pub fn at(not_after: i64, now: i64) -> CertStatus {
        let left = not_after - now;
        const DAY: i64 = 86_400;
        if left <= 0 {
            CertStatus::Expire
        } else if left <= DAY {
            CertStatus::Days1
        } else if left <= 7 * DAY {
            CertStatus::Days7
        } else if left <= 15 * DAY {
            CertStatus::Days15
        } else if left <= 30 * DAY {
            CertStatus::Days30
        } else {
            CertStatus::Ok
        }
    }
}

/// One certificate of `ListCertV2`. Every field but the newer `CreateTime` and `ProjectName` is
/// documented as always present.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct CertInfo {
    #[serde(rename = "CertID")]
    pub cert_id: String,
    pub cert_name: String,
    pub cert_domain_list: Vec<String>,
    #[serde(rename = "ChainID")]
    pub chain_id: String,
    /// The chain id in Volcengine's Certificate Center.
    #[serde(rename = "ChainIDVolc")]
    pub chain_id_volc: String,
    /// RFC 3339, UTC.
    pub not_before: String,
    /// RFC 3339, UTC.
    pub not_after: String,
    pub status: CertStatus,
    /// Newer answers: when the certificate was added.
    pub create_time: Option<String>,
    pub project_name: Option<String>,
}

/// The `Result` of `ListCertV2`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ListCertV2Result {
    #[serde(default)]
    pub cert_list: Vec<CertInfo>,
    pub total: Option<i64>,
    /// Counts over this query (newer answers).
    pub expiration_info: Option<ExpirationInfo>,
}

/// `ExpirationInfo` of `ListCertV2`: counts over the query.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ExpirationInfo {
    /// Valid.
    pub active_num: i64,
    /// Expiring within a month.
    pub closing_expire_num: i64,
    /// Expired.
    pub expire_num: i64,
}

pub static LIST_CERT_V2: Operation = Operation {
    action: "ListCertV2",
    summary: super::model::docs_only("List HTTPS certificates, with their expiry status."),
    rules: &LIST_CERT_V2_RULES,
    fields: &[
        doc(
            "Available",
            "true (default): enabled certificates; false: disabled ones",
            "true（默认）：可用证书；false：不可用证书",
        ),
        doc(
            "Expiring",
            "true: expired certificates (default false); pass with Available",
            "true：过期证书（默认 false）；须与 Available 一起传",
        ),
        doc("Domain", "Exact domain match", "域名精确匹配"),
        doc("CertName", "Certificate name keyword (fuzzy)", "证书名称关键词（模糊匹配）"),
        doc(
            "PageNum",
            "Page number; omit PageNum and PageSize to get every certificate",
            "页码；PageNum 与 PageSize 都不传时返回全部证书",
        ),
        doc(
            "PageSize",
            "Page size; omit PageNum and PageSize to get every certificate",
            "每页数量；PageNum 与 PageSize 都不传时返回全部证书",
        ),
        doc("ProjectName", "Only certificates of this project", "仅该项目的证书"),
    ],
    outcome_check: "list the certificates again",
    paging: Some(Paging {
        style: PageStyle::Number("PageNum"),
        size_field: "PageSize",
        // No maximum documented: the size the newer SDK examples use.
        size: 100,
        max_pages: MAX_PAGES,
        list: "CertList",
        total: Some("Total"),
        item_id: "ChainID",
    }),
    ..BASE
};

static LIST_CERT_V2_RULES: [Rule; 12] = [
    rule(
        "PageNum",
        Requires("PageSize"),
        Warning,
        INVALID,
        "inferred: paging with only one of PageNum and PageSize is not documented",
    ),
    rule(
        "PageSize",
        Requires("PageNum"),
        Warning,
        INVALID,
        "inferred: paging with only one of PageNum and PageSize is not documented",
    ),
    rule("Available", Type(Kind::Boolean), Error, INVALID, LIST_DOC),
    rule("Expiring", Type(Kind::Boolean), Error, INVALID, LIST_DOC),
    rule(
        "Expiring",
        Requires("Available"),
        Error,
        INVALID,
        "ListCertV2 doc: Expiring must be passed together with Available",
    ),
    rule("Domain", Type(Kind::String), Error, INVALID, LIST_DOC),
    rule("CertName", Type(Kind::String), Error, INVALID, LIST_DOC),
    rule("PageNum", Type(Kind::Integer), Error, INVALID, "newer SDK models: PageNum"),
    rule(
        "PageNum",
        IntRange { min: 1, max: i64::MAX },
        Error,
        INVALID,
        "newer SDK models: PageNum",
    ),
    rule("PageSize", Type(Kind::Integer), Error, INVALID, "newer SDK models: PageSize"),
    rule(
        "PageSize",
        IntRange { min: 1, max: 1000 },
        Warning,
        INVALID,
        "inferred: newer SDK models, no limit documented",
    ),
    rule("ProjectName", Type(Kind::String), Error, INVALID, "newer SDK models: ProjectName"),
];

// ---------------------------------------------------------------- UnbindCert

/// Unbinds the HTTPS certificate of a domain.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct UnbindCertRequest {
    pub domain: String,
}

pub static UNBIND_CERT: Operation = Operation {
    action: "UnbindCert",
    summary: super::model::docs_only("Unbind the HTTPS certificate from a domain."),
    rules: &UNBIND_CERT_RULES,
    fields: &[doc("Domain", "The domain to unbind the certificate from", "要解绑证书的域名")],
    outcome_check: "list the certificates (ListCertV2) and check the domain",
    danger: Danger::Destructive,
    ..BASE
};

static UNBIND_CERT_RULES: [Rule; 3] = [
    rule("Domain", Required, Error, MISSING, "UnbindCert doc"),
    rule("Domain", Type(Kind::String), Error, INVALID, "UnbindCert doc"),
    rule("Domain", Domain { wildcard: false, unicode: false, max: 60 }, Error, INVALID, DOMAIN_DOC),
];

// ---------------------------------------------------------------- BindCert

/// Binds a certificate (by its chain id) to a domain, optionally turning HTTPS on.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct BindCertRequest {
    /// The certificate's chain id, from ListCertV2.
    #[serde(rename = "ChainID")]
    pub chain_id: String,
    pub domain: String,
    /// Default false: binding alone does not turn HTTPS on.
    #[serde(rename = "HTTPS")]
    pub https: Option<bool>,
    #[serde(rename = "HTTP2")]
    pub http2: Option<bool>,
    /// Default `TLSv1.2`.
    #[serde(rename = "MinTLSVersion")]
    pub min_tls_version: Option<TlsVersion>,
    #[serde(rename = "MaxTLSVersion")]
    pub max_tls_version: Option<TlsVersion>,
}

/// A TLS version a domain may serve (the rule table's `TLS_VERSIONS`, in the same order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
pub enum TlsVersion {
    #[serde(rename = "TLSv1.0")]
    V1_0,
    #[serde(rename = "TLSv1.1")]
    V1_1,
    #[serde(rename = "TLSv1.2")]
    V1_2,
    #[serde(rename = "TLSv1.3")]
    V1_3,
}

/// What a Volcengine write without a `Result` gives back: the request's id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct RequestIdResult {
    pub request_id: String,
}

/// What `listCertV2` gives back: the answer's `Result` with the request's id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ListCertV2Answer {
    #[serde(flatten)]
    pub result: ListCertV2Result,
    pub request_id: String,
}

const BIND_DOC: &str = "BindCert doc and Go SDK BindCertBody (lifecycle.md 1.3)";
pub(crate) const TLS_VERSIONS: &[&str] = &["TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"];

pub static BIND_CERT: Operation = Operation {
    action: "BindCert",
    summary: super::model::docs_only("Bind a certificate to a domain, and turn HTTPS on or off."),
    rules: &BIND_CERT_RULES,
    fields: &[
        doc("ChainID", "The certificate's chain id (ListCertV2)", "证书链 ID（见 ListCertV2）"),
        doc("Domain", "The domain to bind the certificate to", "要绑定证书的域名"),
        doc("HTTPS", "Turn HTTPS on (default false)", "是否开启 HTTPS（默认 false）"),
        doc("HTTP2", "Turn HTTP/2 on (default false)", "是否开启 HTTP/2（默认 false）"),
        doc(
            "MinTLSVersion",
            "Lowest TLS version (default TLSv1.2)",
            "最低 TLS 版本（默认 TLSv1.2）",
        ),
        doc("MaxTLSVersion", "Highest TLS version", "最高 TLS 版本"),
    ],
    // Binding the same certificate to the same domain twice leaves one binding.
    outcome_check: "list the domain's certificate (ListCertV2 with Domain)",
    danger: Danger::Write,
    ..BASE
};

static BIND_CERT_RULES: [Rule; 12] = [
    rule("ChainID", Required, Error, MISSING, BIND_DOC),
    rule("ChainID", Type(Kind::String), Error, INVALID, BIND_DOC),
    rule("ChainID", NotEmpty, Error, INVALID, BIND_DOC),
    rule("Domain", Required, Error, MISSING, BIND_DOC),
    rule("Domain", Type(Kind::String), Error, INVALID, BIND_DOC),
    rule("Domain", Domain { wildcard: false, unicode: false, max: 60 }, Error, INVALID, DOMAIN_DOC),
    rule("HTTPS", Type(Kind::Boolean), Error, INVALID, BIND_DOC),
    rule("HTTP2", Type(Kind::Boolean), Error, INVALID, BIND_DOC),
    rule("MinTLSVersion", Enum(TLS_VERSIONS), Error, INVALID, BIND_DOC),
    rule("MaxTLSVersion", Enum(TLS_VERSIONS), Error, INVALID, BIND_DOC),
    rule("MinTLSVersion", Type(Kind::String), Error, INVALID, BIND_DOC),
    rule("MaxTLSVersion", Type(Kind::String), Error, INVALID, BIND_DOC),
];

// ---------------------------------------------------------------- answers

/// `ResponseMetadata` of every Volcengine answer.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ResponseMetadata {
    /// Some doc examples spell it `RequestID`: both are read.
    #[serde(alias = "RequestID", default)]
    pub request_id: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub service: String,
    #[serde(default)]
    pub region: String,
    pub error: Option<VolcError>,
}

/// `ResponseMetadata.Error`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct VolcError {
    pub code: String,
    #[serde(default)]
    pub message: String,
    /// Gateway errors add a numeric code.
    pub code_n: Option<i64>,
}

// ---------------------------------------------------------------- the certificate lifecycle

const CREATE_DOC: &str = "CreateCert doc and Go SDK CreateCertBody (lifecycle.md 1.2)";
const DELETE_DOC: &str = "DeleteCert doc and Go SDK DeleteCertBody (lifecycle.md 1.4)";
const SECRET_DOC: &str = "DescribeCertDetailSecretV2 doc and Go SDK (lifecycle.md 1.5)";
const DOMAINS_DOC: &str = "ListDomainDetail doc and Go SDK ListDomainDetailBody (lifecycle.md 1.6)";

/// Uploads a certificate and its key (or replaces one, with `ChainID`).
#[serde_with::skip_serializing_none]
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct CreateCertRequest {
    pub rsa: CertKeyPair,
    /// `https`, the only use accepted.
    #[cfg_attr(ts, tsify(type = "\"https\""))]
    pub use_way: String,
    pub cert_name: Option<String>,
    /// Required when the call updates an existing certificate.
    #[serde(rename = "ChainID")]
    pub chain_id: Option<String>,
    pub project_name: Option<String>,
}

crate::debug_from_declaration!(CreateCertRequest => CREATE_CERT);

/// A PEM certificate chain and its private key. `Prikey` is a secret: `Debug` never shows it.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct CertKeyPair {
    /// PEM certificate, leaf first, then intermediates and root.
    pub pubkey: String,
    /// PEM private key, not password-protected.
    pub prikey: String,
}

crate::debug_from_declaration!(CertKeyPair => CREATE_CERT at "Rsa");

/// The `Result` of `CreateCert`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct CreateCertResult {
    #[serde(rename = "ChainID", default)]
    pub chain_id: String,
    pub domain: Option<String>,
    pub use_way: Option<String>,
}

pub static CREATE_CERT: Operation = Operation {
    action: "CreateCert",
    summary: super::model::docs_only(
        "Upload a certificate and its private key (or replace one, with ChainID).",
    ),
    rules: &CREATE_CERT_RULES,
    fields: &[
        doc("Rsa", "The certificate and its key", "证书与私钥"),
        doc(
            "Rsa.Pubkey",
            "PEM certificate: leaf first, then intermediates and root",
            "PEM 证书：依次为服务器证书、中间证书、根证书",
        ),
        doc("Rsa.Prikey", "PEM private key, not password-protected", "PEM 私钥，不能有密码保护"),
        doc("UseWay", "https (the only use accepted)", "https（目前仅支持此值）"),
        doc("CertName", "Certificate name", "证书名称"),
        doc(
            "ChainID",
            "Chain id of the certificate to replace (updates only)",
            "要更新的证书链 ID（仅更新时传）",
        ),
        doc("ProjectName", "Project (default: default)", "所属项目（默认 default）"),
    ],
    // Each call without ChainID adds a certificate: never sent twice blindly.
    idempotent: Idempotence::Never,
    outcome_check: "list the certificates (ListCertV2 with CertName) before uploading again",
    secret_fields: &["Rsa.Prikey"],
    multiline_fields: &["Rsa.Pubkey", "Rsa.Prikey"],
    danger: Danger::Write,
    ..BASE
};

static CREATE_CERT_RULES: [Rule; 16] = [
    rule("Rsa", Required, Error, MISSING, CREATE_DOC),
    rule("Rsa", Type(Kind::Object), Error, INVALID, CREATE_DOC),
    rule("Rsa.Pubkey", Required, Error, MISSING, CREATE_DOC),
    rule("Rsa.Pubkey", Type(Kind::String), Error, INVALID, CREATE_DOC),
    rule("Rsa.Pubkey", Pem(PemKind::Certificate), Error, INVALID, CREATE_DOC),
    rule("Rsa.Prikey", Required, Error, MISSING, CREATE_DOC),
    rule("Rsa.Prikey", Type(Kind::String), Error, INVALID, CREATE_DOC),
    rule(
        "Rsa.Prikey",
        Pem(PemKind::PrivateKey),
        Error,
        INVALID,
        "CreateCert doc: the key must not be password-protected",
    ),
    rule("UseWay", Required, Error, MISSING, CREATE_DOC),
    rule("UseWay", Type(Kind::String), Error, INVALID, CREATE_DOC),
    rule("UseWay", Enum(&["https"]), Error, INVALID, CREATE_DOC),
    rule("CertName", Type(Kind::String), Error, INVALID, CREATE_DOC),
    rule("ChainID", Type(Kind::String), Error, INVALID, CREATE_DOC),
    rule("ChainID", NotEmpty, Error, INVALID, CREATE_DOC),
    rule("ProjectName", Type(Kind::String), Error, INVALID, CREATE_DOC),
    rule("ProjectName", NotEmpty, Warning, INVALID, "inferred: default is `default`"),
];

/// Deletes a certificate by its chain id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
pub struct DeleteCertRequest {
    #[serde(rename = "ChainID")]
    pub chain_id: String,
}

pub static DELETE_CERT: Operation = Operation {
    action: "DeleteCert",
    summary: super::model::docs_only("Delete a certificate."),
    rules: &DELETE_CERT_RULES,
    fields: &[doc("ChainID", "Chain id of the certificate to delete", "要删除的证书链 ID")],
    outcome_check: "list the certificates (ListCertV2)",
    danger: Danger::Destructive,
    ..BASE
};

static DELETE_CERT_RULES: [Rule; 3] = [
    rule("ChainID", Required, Error, MISSING, DELETE_DOC),
    rule("ChainID", Type(Kind::String), Error, INVALID, DELETE_DOC),
    rule("ChainID", NotEmpty, Error, INVALID, DELETE_DOC),
];

/// One certificate in full, by `CertID` or `ChainID` (exactly one).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
pub struct DescribeCertDetailSecretV2Request {
    #[serde(rename = "CertID")]
    pub cert_id: Option<String>,
    #[serde(rename = "ChainID")]
    pub chain_id: Option<String>,
}

/// The `Result` of `DescribeCertDetailSecretV2` (no private key is returned).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct CertDetail {
    /// The domains the certificate is bound to.
    pub cert_domain_list: Vec<String>,
    pub cert_name: String,
    #[serde(rename = "ChainID")]
    pub chain_id: String,
    /// RFC 3339, UTC.
    pub not_before: String,
    /// RFC 3339, UTC.
    pub not_after: String,
    pub status: CertStatus,
    #[serde(rename = "SSL")]
    pub ssl: Option<CertSsl>,
}

/// `SSL` of a certificate's detail: the PEM chain and the key type.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct CertSsl {
    /// PEM certificates: the leaf, then its intermediates and root.
    pub chain: Vec<String>,
    /// `rsa` unless the key is another kind.
    pub key_type: String,
}

pub static DESCRIBE_CERT_DETAIL_SECRET_V2: Operation = Operation {
    action: "DescribeCertDetailSecretV2",
    summary: super::model::docs_only(
        "Read one certificate in full: its domains, dates and PEM chain.",
    ),
    rules: &DESCRIBE_CERT_RULES,
    fields: &[
        doc(
            "CertID",
            "Certificate id; exactly one of CertID and ChainID",
            "证书 ID；CertID 与 ChainID 传且仅传一个",
        ),
        doc(
            "ChainID",
            "Chain id; exactly one of CertID and ChainID",
            "证书链 ID；CertID 与 ChainID 传且仅传一个",
        ),
    ],
    outcome_check: "call it again",
    ..BASE
};

static DESCRIBE_CERT_RULES: [Rule; 3] = [
    rule(
        "",
        ExactlyOne(&["CertID", "ChainID"]),
        Error,
        INVALID,
        "DescribeCertDetailSecretV2 doc: 传且仅传一个; the code is inferred",
    ),
    rule("CertID", Type(Kind::String), Error, INVALID, SECRET_DOC),
    rule("ChainID", Type(Kind::String), Error, INVALID, SECRET_DOC),
];

/// Lists domains with their state and bound certificate, a page at a time.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ListDomainDetailRequest {
    /// 1 to 1000.
    pub page_num: i64,
    /// 1 to 1000.
    pub page_size: i64,
    pub domain_name_list: Option<Vec<String>>,
    #[cfg_attr(ts, tsify(type = "(\"cn\" | \"cn-global\" | \"cn-oversea\")[]"))]
    pub domain_region_list: Option<Vec<String>>,
    /// 0 normal, 1 in review, 2 disabled, 3 deleted, 4 rejected, 5 suspended for arrears, 6 blocked.
    pub domain_status_list: Option<Vec<i64>>,
    #[cfg_attr(ts, tsify(type = "(\"push\" | \"pull-flv\")[]"))]
    pub domain_type_list: Option<Vec<String>>,
    pub vhost_list: Option<Vec<String>>,
}

/// One domain of `ListDomainDetail`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct DomainDetail {
    pub domain: String,
    /// The bound certificate's chain id; empty when none is bound.
    #[serde(rename = "ChainID")]
    pub chain_id: String,
    /// The name the bound certificate covers (may be a wildcard); empty when none is bound.
    pub cert_domain: String,
    #[serde(rename = "CNAME")]
    pub cname: String,
    /// 0 the CNAME is not set, 1 set.
    pub cname_check: i64,
    /// 0 normal, 1 being configured (usable), 2 unavailable.
    pub domain_check: i64,
    /// 1 ICP filing found, 2 none.
    #[serde(rename = "ICPCheck")]
    pub icp_check: i64,
    /// 0 normal, 1 in review, 2 disabled, 3 deleted, 4 rejected, 5 suspended for arrears, 6 blocked.
    pub status: i64,
    /// `push` or `pull-flv` (which serves RTMP, FLV and HLS).
    #[cfg_attr(ts, tsify(type = "\"push\" | \"pull-flv\""))]
    pub r#type: String,
    pub vhost: String,
    /// `cn`, `cn-global` or `cn-oversea`.
    pub region: String,
    #[serde(rename = "HTTP2")]
    pub http2: bool,
    /// RFC 3339, UTC.
    pub create_time: String,
    pub project_name: String,
    /// The push domain bound to this pull domain; empty when none is.
    pub push_domain: String,
    pub tags: Vec<DomainTag>,
}

/// A tag of a domain (`ListDomainDetail` `DomainList[].Tags[]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct DomainTag {
    /// `System` or `Custom`.
    #[cfg_attr(ts, tsify(type = "\"System\" | \"Custom\""))]
    pub category: String,
    pub key: String,
    pub value: String,
}

/// The `Result` of `ListDomainDetail`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ListDomainDetailResult {
    /// Every domain the query matches, over all pages.
    pub total: i64,
    #[serde(default)]
    pub domain_list: Vec<DomainDetail>,
}

pub static LIST_DOMAIN_DETAIL: Operation = Operation {
    action: "ListDomainDetail",
    summary: super::model::docs_only(
        "List domains with their state and bound certificate, a page at a time.",
    ),
    rules: &LIST_DOMAIN_RULES,
    fields: &[
        doc("PageNum", "Page number, 1 to 1000", "页码，1 到 1000"),
        doc("PageSize", "Page size, 1 to 1000", "每页数量，1 到 1000"),
        doc("DomainNameList", "Only these domains", "仅这些域名"),
        doc("DomainRegionList", "cn, cn-global or cn-oversea", "cn、cn-global 或 cn-oversea"),
        doc(
            "DomainStatusList",
            "0 normal, 1 in review, 2 disabled, 3 deleted, 4 rejected, 5 arrears, 6 no ICP filing",
            "0 正常，1 审核中，2 禁用，3 删除，4 审核被驳回，5 欠费关停，6 未备案被封禁",
        ),
        doc("DomainTypeList", "push or pull-flv", "push 或 pull-flv"),
        doc("VhostList", "Only these domain spaces", "仅这些域名空间"),
    ],
    outcome_check: "call it again",
    paging: Some(Paging {
        style: PageStyle::Number("PageNum"),
        size_field: "PageSize",
        size: 1000,
        // Documented: PageNum 1 to 1000.
        max_pages: 1000,
        list: "DomainList",
        total: Some("Total"),
        item_id: "Domain",
    }),
    ..BASE
};

static LIST_DOMAIN_RULES: [Rule; 19] = [
    rule("PageNum", Required, Error, MISSING, DOMAINS_DOC),
    rule("PageNum", Type(Kind::Integer), Error, INVALID, DOMAINS_DOC),
    rule("PageNum", IntRange { min: 1, max: 1000 }, Error, INVALID, DOMAINS_DOC),
    rule("PageSize", Required, Error, MISSING, DOMAINS_DOC),
    rule("PageSize", Type(Kind::Integer), Error, INVALID, DOMAINS_DOC),
    rule("PageSize", IntRange { min: 1, max: 1000 }, Error, INVALID, DOMAINS_DOC),
    rule("DomainNameList", Type(Kind::Array), Error, INVALID, DOMAINS_DOC),
    rule("DomainNameList[]", Type(Kind::String), Error, INVALID, DOMAINS_DOC),
    rule("DomainRegionList", Type(Kind::Array), Error, INVALID, DOMAINS_DOC),
    rule("DomainRegionList[]", Type(Kind::String), Error, INVALID, DOMAINS_DOC),
    rule(
        "DomainRegionList[]",
        Enum(&["cn", "cn-global", "cn-oversea"]),
        Error,
        INVALID,
        DOMAINS_DOC,
    ),
    rule("DomainStatusList", Type(Kind::Array), Error, INVALID, DOMAINS_DOC),
    rule("DomainStatusList[]", Type(Kind::Integer), Error, INVALID, DOMAINS_DOC),
    rule("DomainStatusList[]", IntEnum(&[0, 1, 2, 3, 4, 5, 6]), Error, INVALID, DOMAINS_DOC),
    rule("DomainTypeList", Type(Kind::Array), Error, INVALID, DOMAINS_DOC),
    rule("DomainTypeList[]", Type(Kind::String), Error, INVALID, DOMAINS_DOC),
    rule("DomainTypeList[]", Enum(&["push", "pull-flv"]), Error, INVALID, DOMAINS_DOC),
    rule("VhostList", Type(Kind::Array), Error, INVALID, DOMAINS_DOC),
    rule("VhostList[]", Type(Kind::String), Error, INVALID, DOMAINS_DOC),
];

// ---------------------------------------------------------------- UpdateAuthKey, contract 2025-09

const UAK25_DOC: &str = "UpdateAuthKey doc (2025-09-29) and current SDK";

/// `UpdateAuthKey` as the 2025-09 contract has it: no `Vhost` or `App`, `Domain` required,
/// `AuthType` in each entry, `TimeStampBase`, `ValidDuration` from 0.
#[serde_with::skip_serializing_none]
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct UpdateAuthKey2025Request {
    pub domain: String,
    #[cfg_attr(ts, tsify(type = "\"push\" | \"pull\""))]
    pub scene_type: String,
    pub auth_detail_list: Vec<AuthDetail2025>,
    /// Seconds, 0 to 2592000; default 0.
    pub valid_duration: Option<i64>,
    /// Radix of the URL's timestamp: 2, 8, 10 or 16 (10 for push).
    #[cfg_attr(ts, tsify(type = "2 | 8 | 10 | 16"))]
    pub time_stamp_base: Option<i64>,
    pub push_pull_enable: Option<bool>,
}

crate::debug_from_declaration!(UpdateAuthKey2025Request => UPDATE_AUTH_KEY_2025);

/// One key of the 2025-09 contract. `SecretKey` is a secret: `Debug` never shows it.
#[serde_with::skip_serializing_none]
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct AuthDetail2025 {
    pub secret_key: String,
    #[cfg_attr(ts, tsify(type = "\"md5\" | \"md5_custom\""))]
    pub encryption_algorithm: String,
    /// `TypeC`, the only type documented.
    #[cfg_attr(ts, tsify(type = "\"TypeC\" | (string & {})"))]
    pub auth_type: String,
    #[cfg_attr(ts, tsify(type = "{ volcSecret?: string; volcTime?: string }"))]
    pub auth_field: Option<BTreeMap<String, String>>,
    pub encrypt_field: Option<Vec<String>>,
}

crate::debug_from_declaration!(AuthDetail2025 => UPDATE_AUTH_KEY_2025 at "AuthDetailList[]");

/// The 2025-09 contract's field docs, as what it changes in the 2023-10 ones.
static UAK25_FIELDS: [FieldDoc; 11] = revised_docs(
    &UAK_FIELDS,
    &[
        DocChange::Drop("Vhost"),
        DocChange::Drop("App"),
        DocChange::Set(doc("Domain", "Push or pull domain", "推流或拉流域名")),
        DocChange::After(
            "AuthDetailList[].EncryptionAlgorithm",
            doc("AuthDetailList[].AuthType", "Authentication type: TypeC", "鉴权类型：TypeC"),
        ),
        DocChange::Set(doc(
            "ValidDuration",
            "Validity in seconds, 0 to 2592000; default 0",
            "有效时长（秒），0 到 2592000，默认 0",
        )),
        DocChange::After(
            "ValidDuration",
            doc(
                "TimeStampBase",
                "Radix of the URL timestamp: 2, 8, 10 or 16; 10 for push",
                "时间戳进制：2、8、10 或 16；推流固定为 10",
            ),
        ),
        DocChange::Set(doc("PushPullEnable", "Enable authentication", "是否开启鉴权")),
    ],
);

pub static UPDATE_AUTH_KEY_2025: Operation = Operation {
    action: "UpdateAuthKey",
    summary:
        "Create or fully overwrite the push/pull URL authentication of a domain (contract 2025-09).",
    rules: &UPDATE_AUTH_KEY_2025_RULES,
    fields: &UAK25_FIELDS,
    outcome_check: "read the domain's authentication settings (DescribeAuth)",
    secret_fields: &["AuthDetailList[].SecretKey"],
    danger: Danger::Write,
    ..BASE
};

/// The 2025-09 contract's rules, as what it changes in the 2023-10 table: `Vhost` and `App` are
/// gone with their one-of rule, `Domain` is required, each key has an `AuthType`,
/// `ValidDuration` starts at 0, and `TimeStampBase` is new. Every other rule is the 2023 one.
static UPDATE_AUTH_KEY_2025_RULES: [Rule; 29] = revised(
    &UPDATE_AUTH_KEY_RULES,
    (UAK_DOC, UAK25_DOC),
    &[
        Revision::Drop(""),
        Revision::Drop("Vhost"),
        Revision::Drop("App"),
        Revision::Insert(
            Place::Before("Domain"),
            &[rule("Domain", Required, Error, MISSING, UAK25_DOC)],
        ),
        Revision::Insert(
            Place::After("AuthDetailList[].EncryptionAlgorithm"),
            &[
                rule("AuthDetailList[].AuthType", Required, Error, MISSING, UAK25_DOC),
                rule("AuthDetailList[].AuthType", Type(Kind::String), Error, INVALID, UAK25_DOC),
                rule(
                    "AuthDetailList[].AuthType",
                    Enum(&["TypeC"]),
                    Warning,
                    INVALID,
                    "UpdateAuthKey doc (2025-09-29): only TypeC is documented",
                ),
            ],
        ),
        Revision::Drop("ValidDuration"),
        Revision::Insert(
            Place::After("ValidDuration"),
            &[
                rule("ValidDuration", Type(Kind::Integer), Error, INVALID, UAK25_DOC),
                rule(
                    "ValidDuration",
                    IntRange { min: 0, max: 2_592_000 },
                    Error,
                    INVALID,
                    "UpdateAuthKey doc (2025-09-29): [0, 2592000] seconds",
                ),
                rule("TimeStampBase", Type(Kind::Integer), Error, INVALID, UAK25_DOC),
                rule("TimeStampBase", IntEnum(&[2, 8, 10, 16]), Error, INVALID, UAK25_DOC),
                rule(
                    "TimeStampBase",
                    IntEnumWhen { sibling: "SceneType", is: "push", allowed: &[10] },
                    Error,
                    INVALID,
                    "UpdateAuthKey doc (2025-09-29): fixed to 10 for push",
                ),
            ],
        ),
    ],
);

/// This API's operations, one line each, in the order of the docs: its part of
/// [`for_each_operation!`](crate::for_each_operation), which names the fields of a line.
#[doc(hidden)]
#[macro_export]
macro_rules! __volcengine_live_operations {
    (@append $then:ident [$($done:tt)*] $($rest:ident)*) => {
        $crate::__chain_operations! { $then [$($done)*
    #[doc = "With the client's `contract: '2025-09'`, the 2025 rules (`UpdateAuthKey2025Request`)."]
    VolcUpdateAuthKey: VolcengineLive.updateAuthKey / update_auth_key = volcengine_live::UPDATE_AUTH_KEY
        ("UpdateAuthKeyRequest | UpdateAuthKey2025Request" -> "Promise<RequestIdResult>"),
    VolcListCertV2: VolcengineLive.listCertV2 / list_cert_v2 = volcengine_live::LIST_CERT_V2
        ("ListCertV2Request" -> "Promise<ListCertV2Answer>"),
    VolcUnbindCert: VolcengineLive.unbindCert / unbind_cert = volcengine_live::UNBIND_CERT
        ("UnbindCertRequest" -> "Promise<RequestIdResult>"),
    VolcBindCert: VolcengineLive.bindCert / bind_cert = volcengine_live::BIND_CERT
        ("BindCertRequest" -> "Promise<RequestIdResult>"),
    #[doc = "Not idempotent: a call whose outcome is unknown is not sent again."]
    VolcCreateCert: VolcengineLive.createCert / create_cert = volcengine_live::CREATE_CERT
        ("CreateCertRequest" -> "Promise<CreateCertResult & { RequestId: string }>"),
    VolcDeleteCert: VolcengineLive.deleteCert / delete_cert = volcengine_live::DELETE_CERT
        ("DeleteCertRequest" -> "Promise<RequestIdResult>"),
    VolcDescribeCertDetailSecretV2: VolcengineLive.describeCertDetailSecretV2 / describe_cert_detail_secret_v2 = volcengine_live::DESCRIBE_CERT_DETAIL_SECRET_V2
        ("DescribeCertDetailSecretV2Request" -> "Promise<CertDetail & { RequestId: string }>"),
    VolcListDomainDetail: VolcengineLive.listDomainDetail / list_domain_detail = volcengine_live::LIST_DOMAIN_DETAIL
        ("ListDomainDetailRequest" -> "Promise<ListDomainDetailResult & { RequestId: string }>"),
        ] $($rest)* }
    };
}
