//! Volcengine Live, API version 2023-01-01: `UpdateAuthKey`, `ListCertV2`, `UnbindCert`.
//! `POST https://live.volcengineapi.com/?Action=…&Version=2023-01-01`, JSON body.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::model::{rule, Charset, Check::*, FieldDoc, Kind, Level::*, Operation, Placement, Rule};
use super::Provider;

pub const HOST: &str = super::profile::VOLCENGINE.default_host;
pub const VERSION: &str = super::profile::VOLCENGINE.api_version;
pub const SERVICE: &str = super::profile::VOLCENGINE.service;
pub const REGION: &str = "cn-north-1";

const MISSING: &str = "MissingParameter";
const INVALID: &str = "InvalidParam";

const UAK_DOC: &str = "UpdateAuthKey doc (2023-10, 2024-12)";
const DOMAIN_DOC: &str = "CreateDomainV2 doc: domain name rule";

// ---------------------------------------------------------------- UpdateAuthKey

/// Creates or fully overwrites the push or pull URL authentication of a domain or vhost.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct UpdateAuthKeyRequest {
    /// Domain space. Exactly one of `Vhost` and `Domain`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vhost: Option<String>,
    /// Push or pull domain. Exactly one of `Vhost` and `Domain`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Application name; empty or absent means every app.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app: Option<String>,
    /// `push` or `pull`.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "\"push\" | \"pull\""))]
    pub scene_type: String,
    /// 1 to 100 entries.
    pub auth_detail_list: Vec<AuthDetail>,
    /// Seconds, 60 to 2592000; default 604800.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_duration: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub push_pull_enable: Option<bool>,
}

impl fmt::Debug for UpdateAuthKeyRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UpdateAuthKeyRequest")
            .field("vhost", &self.vhost)
            .field("domain", &self.domain)
            .field("app", &self.app)
            .field("scene_type", &self.scene_type)
            .field("auth_detail_list", &self.auth_detail_list)
            .field("valid_duration", &self.valid_duration)
            .field("push_pull_enable", &self.push_pull_enable)
            .finish()
    }
}

/// One authentication key. `SecretKey` is a secret: `Debug` never shows it.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct AuthDetail {
    /// 1 to 100 letters or digits.
    pub secret_key: String,
    /// `md5` or `md5_custom`.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "\"md5\" | \"md5_custom\""))]
    pub encryption_algorithm: String,
    /// Renames the URL parameters: keys `volcSecret`, `volcTime`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(type = "{ volcSecret?: string; volcTime?: string }")
    )]
    pub auth_field: Option<BTreeMap<String, String>>,
    /// Fields hashed into the signature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypt_field: Option<Vec<String>>,
}

impl fmt::Debug for AuthDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthDetail")
            .field("secret_key", &"***")
            .field("encryption_algorithm", &self.encryption_algorithm)
            .field("auth_field", &self.auth_field)
            .field("encrypt_field", &self.encrypt_field)
            .finish()
    }
}

pub static UPDATE_AUTH_KEY: Operation = Operation {
    provider: Provider::Volcengine,
    action: "UpdateAuthKey",
    version: VERSION,
    summary: "Create or fully overwrite the push/pull URL authentication of a domain or vhost.",
    rules: &UPDATE_AUTH_KEY_RULES,
    fields: &[
        FieldDoc {
            path: "Vhost",
            en: "Domain space; exactly one of Vhost and Domain",
            zh: "域名空间；Vhost 与 Domain 传且仅传一个",
        },
        FieldDoc {
            path: "Domain",
            en: "Push or pull domain; exactly one of Vhost and Domain",
            zh: "推流或拉流域名；Vhost 与 Domain 传且仅传一个",
        },
        FieldDoc {
            path: "App",
            en: "Application name; empty or absent means every app",
            zh: "应用名称；为空或不传表示所有应用",
        },
        FieldDoc {
            path: "SceneType",
            en: "push or pull",
            zh: "push（推流）或 pull（拉流）",
        },
        FieldDoc {
            path: "AuthDetailList",
            en: "Authentication keys, 1 to 100 entries",
            zh: "鉴权配置，1 到 100 项",
        },
        FieldDoc {
            path: "AuthDetailList[].SecretKey",
            en: "Key: 1 to 100 letters or digits",
            zh: "密钥：1 到 100 个字母或数字",
        },
        FieldDoc {
            path: "AuthDetailList[].EncryptionAlgorithm",
            en: "md5 or md5_custom",
            zh: "md5 或 md5_custom",
        },
        FieldDoc {
            path: "AuthDetailList[].AuthField",
            en: "Renames the URL parameters volcSecret and volcTime",
            zh: "自定义 URL 鉴权参数名（volcSecret、volcTime）",
        },
        FieldDoc {
            path: "AuthDetailList[].EncryptField",
            en: "Fields hashed into the signature",
            zh: "参与签名的字段",
        },
        FieldDoc {
            path: "ValidDuration",
            en: "Validity in seconds, 60 to 2592000; default 604800",
            zh: "有效时长（秒），60 到 2592000，默认 604800",
        },
        FieldDoc {
            path: "PushPullEnable",
            en: "Enable authentication; on update, absent leaves it unchanged",
            zh: "是否开启鉴权；更新时不传表示不变",
        },
    ],
    method: "POST",
    placement: Placement::JsonBody,
    rate_class: None,
    idempotent: true,
    outcome_check: "read the domain's authentication settings (DescribeAuth)",
    secret_fields: &["AuthDetailList[].SecretKey"],
    multiline_fields: &[],
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
    rule(
        "Domain",
        Domain {
            wildcard: false,
            unicode: false,
            max: 60,
        },
        Error,
        INVALID,
        DOMAIN_DOC,
    ),
    rule("App", Type(Kind::String), Error, INVALID, UAK_DOC),
    rule(
        "App",
        Chars {
            set: Charset::AppName,
            min: 0,
            max: 30,
        },
        Error,
        INVALID,
        "UpdateAuthKey doc: ^[A-Za-z0-9_.-]{1,30}$; empty means all apps",
    ),
    rule("SceneType", Required, Error, MISSING, UAK_DOC),
    rule("SceneType", Type(Kind::String), Error, INVALID, UAK_DOC),
    rule(
        "SceneType",
        Enum(&["push", "pull"]),
        Error,
        INVALID,
        UAK_DOC,
    ),
    rule("AuthDetailList", Required, Error, MISSING, UAK_DOC),
    rule("AuthDetailList", Type(Kind::Array), Error, INVALID, UAK_DOC),
    rule(
        "AuthDetailList",
        Items {
            min: 1,
            max: Some(100),
        },
        Error,
        INVALID,
        "UpdateAuthKey doc: at most 100 entries",
    ),
    rule(
        "AuthDetailList[]",
        Type(Kind::Object),
        Error,
        INVALID,
        UAK_DOC,
    ),
    rule(
        "AuthDetailList[].SecretKey",
        Required,
        Error,
        MISSING,
        UAK_DOC,
    ),
    rule(
        "AuthDetailList[].SecretKey",
        Type(Kind::String),
        Error,
        INVALID,
        UAK_DOC,
    ),
    rule(
        "AuthDetailList[].SecretKey",
        Chars {
            set: Charset::Alnum,
            min: 1,
            max: 100,
        },
        Error,
        INVALID,
        "UpdateAuthKey doc: ^[A-Za-z0-9]{1,100}$",
    ),
    rule(
        "AuthDetailList[].EncryptionAlgorithm",
        Required,
        Error,
        MISSING,
        UAK_DOC,
    ),
    rule(
        "AuthDetailList[].EncryptionAlgorithm",
        Type(Kind::String),
        Error,
        INVALID,
        UAK_DOC,
    ),
    rule(
        "AuthDetailList[].EncryptionAlgorithm",
        Enum(&["md5", "md5_custom"]),
        Error,
        INVALID,
        UAK_DOC,
    ),
    rule(
        "AuthDetailList[].AuthField",
        Type(Kind::StringMap),
        Error,
        INVALID,
        UAK_DOC,
    ),
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
    rule(
        "AuthDetailList[].EncryptField[]",
        Type(Kind::String),
        Error,
        INVALID,
        UAK_DOC,
    ),
    rule(
        "ValidDuration",
        Type(Kind::Integer),
        Error,
        INVALID,
        UAK_DOC,
    ),
    rule(
        "ValidDuration",
        IntRange {
            min: 60,
            max: 2_592_000,
        },
        Error,
        INVALID,
        "UpdateAuthKey doc: [60, 2592000] seconds",
    ),
    rule(
        "PushPullEnable",
        Type(Kind::Boolean),
        Error,
        INVALID,
        UAK_DOC,
    ),
];

// ---------------------------------------------------------------- ListCertV2

const LIST_DOC: &str = "ListCertV2 doc";

/// Lists HTTPS certificates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ListCertV2Request {
    /// Default true: enabled certificates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available: Option<bool>,
    /// Default false; true lists expired certificates. Must come with `Available`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiring: Option<bool>,
    /// Exact match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Keyword, fuzzy match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cert_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_num: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_name: Option<String>,
}

/// A certificate's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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

/// One certificate of `ListCertV2`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct CertInfo {
    #[serde(rename = "CertID")]
    pub cert_id: String,
    #[serde(default)]
    pub cert_name: String,
    #[serde(default)]
    pub cert_domain_list: Vec<String>,
    #[serde(rename = "ChainID", default)]
    pub chain_id: String,
    #[serde(
        rename = "ChainIDVolc",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub chain_id_volc: Option<String>,
    /// RFC 3339, UTC.
    #[serde(default)]
    pub not_before: String,
    /// RFC 3339, UTC.
    #[serde(default)]
    pub not_after: String,
    pub status: CertStatus,
}

/// The `Result` of `ListCertV2`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ListCertV2Result {
    #[serde(default)]
    pub cert_list: Vec<CertInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
}

pub static LIST_CERT_V2: Operation = Operation {
    provider: Provider::Volcengine,
    action: "ListCertV2",
    version: VERSION,
    summary: "List HTTPS certificates, with their expiry status.",
    rules: &LIST_CERT_V2_RULES,
    fields: &[
        FieldDoc {
            path: "Available",
            en: "true (default): enabled certificates; false: disabled ones",
            zh: "true（默认）：可用证书；false：不可用证书",
        },
        FieldDoc {
            path: "Expiring",
            en: "true: expired certificates (default false); pass with Available",
            zh: "true：过期证书（默认 false）；须与 Available 一起传",
        },
        FieldDoc {
            path: "Domain",
            en: "Exact domain match",
            zh: "域名精确匹配",
        },
        FieldDoc {
            path: "CertName",
            en: "Certificate name keyword (fuzzy)",
            zh: "证书名称关键词（模糊匹配）",
        },
        FieldDoc {
            path: "PageNum",
            en: "Page number (newer API models)",
            zh: "页码（新版接口）",
        },
        FieldDoc {
            path: "PageSize",
            en: "Page size (newer API models)",
            zh: "每页数量（新版接口）",
        },
        FieldDoc {
            path: "ProjectName",
            en: "Project name (newer API models)",
            zh: "项目名称（新版接口）",
        },
    ],
    method: "POST",
    placement: Placement::JsonBody,
    rate_class: None,
    idempotent: true,
    outcome_check: "list the certificates again",
    secret_fields: &[],
    multiline_fields: &[],
};

static LIST_CERT_V2_RULES: [Rule; 10] = [
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
    rule(
        "PageNum",
        Type(Kind::Integer),
        Error,
        INVALID,
        "newer SDK models: PageNum",
    ),
    rule(
        "PageNum",
        IntRange {
            min: 1,
            max: i64::MAX,
        },
        Error,
        INVALID,
        "newer SDK models: PageNum",
    ),
    rule(
        "PageSize",
        Type(Kind::Integer),
        Error,
        INVALID,
        "newer SDK models: PageSize",
    ),
    rule(
        "PageSize",
        IntRange { min: 1, max: 1000 },
        Warning,
        INVALID,
        "inferred: newer SDK models, no limit documented",
    ),
    rule(
        "ProjectName",
        Type(Kind::String),
        Error,
        INVALID,
        "newer SDK models: ProjectName",
    ),
];

// ---------------------------------------------------------------- UnbindCert

/// Unbinds the HTTPS certificate of a domain.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct UnbindCertRequest {
    pub domain: String,
}

pub static UNBIND_CERT: Operation = Operation {
    provider: Provider::Volcengine,
    action: "UnbindCert",
    version: VERSION,
    summary: "Unbind the HTTPS certificate from a domain.",
    rules: &UNBIND_CERT_RULES,
    fields: &[FieldDoc {
        path: "Domain",
        en: "The domain to unbind the certificate from",
        zh: "要解绑证书的域名",
    }],
    method: "POST",
    placement: Placement::JsonBody,
    rate_class: None,
    idempotent: true,
    outcome_check: "list the certificates (ListCertV2) and check the domain",
    secret_fields: &[],
    multiline_fields: &[],
};

static UNBIND_CERT_RULES: [Rule; 3] = [
    rule("Domain", Required, Error, MISSING, "UnbindCert doc"),
    rule(
        "Domain",
        Type(Kind::String),
        Error,
        INVALID,
        "UnbindCert doc",
    ),
    rule(
        "Domain",
        Domain {
            wildcard: false,
            unicode: false,
            max: 60,
        },
        Error,
        INVALID,
        DOMAIN_DOC,
    ),
];

// ---------------------------------------------------------------- BindCert

/// Binds a certificate (by its chain id) to a domain, optionally turning HTTPS on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct BindCertRequest {
    /// The certificate's chain id, from ListCertV2.
    #[serde(rename = "ChainID")]
    pub chain_id: String,
    pub domain: String,
    /// Default false: binding alone does not turn HTTPS on.
    #[serde(rename = "HTTPS", default, skip_serializing_if = "Option::is_none")]
    pub https: Option<bool>,
    #[serde(rename = "HTTP2", default, skip_serializing_if = "Option::is_none")]
    pub http2: Option<bool>,
    /// Default `TLSv1.2`.
    #[serde(
        rename = "MinTLSVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "TlsVersion"))]
    pub min_tls_version: Option<String>,
    #[serde(
        rename = "MaxTLSVersion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "TlsVersion"))]
    pub max_tls_version: Option<String>,
}

const BIND_DOC: &str = "BindCert doc and Go SDK BindCertBody (lifecycle.md 1.3)";
const TLS_VERSIONS: &[&str] = &["TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"];

pub static BIND_CERT: Operation = Operation {
    provider: Provider::Volcengine,
    action: "BindCert",
    version: VERSION,
    summary: "Bind a certificate to a domain, and turn HTTPS on or off.",
    rules: &BIND_CERT_RULES,
    fields: &[
        FieldDoc {
            path: "ChainID",
            en: "The certificate's chain id (ListCertV2)",
            zh: "证书链 ID（见 ListCertV2）",
        },
        FieldDoc {
            path: "Domain",
            en: "The domain to bind the certificate to",
            zh: "要绑定证书的域名",
        },
        FieldDoc {
            path: "HTTPS",
            en: "Turn HTTPS on (default false)",
            zh: "是否开启 HTTPS（默认 false）",
        },
        FieldDoc {
            path: "HTTP2",
            en: "Turn HTTP/2 on (default false)",
            zh: "是否开启 HTTP/2（默认 false）",
        },
        FieldDoc {
            path: "MinTLSVersion",
            en: "Lowest TLS version (default TLSv1.2)",
            zh: "最低 TLS 版本（默认 TLSv1.2）",
        },
        FieldDoc {
            path: "MaxTLSVersion",
            en: "Highest TLS version",
            zh: "最高 TLS 版本",
        },
    ],
    // Binding the same certificate to the same domain twice leaves one binding.
    method: "POST",
    placement: Placement::JsonBody,
    rate_class: None,
    idempotent: true,
    outcome_check: "list the domain's certificate (ListCertV2 with Domain)",
    secret_fields: &[],
    multiline_fields: &[],
};

static BIND_CERT_RULES: [Rule; 12] = [
    rule("ChainID", Required, Error, MISSING, BIND_DOC),
    rule("ChainID", Type(Kind::String), Error, INVALID, BIND_DOC),
    rule("ChainID", NotEmpty, Error, INVALID, BIND_DOC),
    rule("Domain", Required, Error, MISSING, BIND_DOC),
    rule("Domain", Type(Kind::String), Error, INVALID, BIND_DOC),
    rule(
        "Domain",
        Domain {
            wildcard: false,
            unicode: false,
            max: 60,
        },
        Error,
        INVALID,
        DOMAIN_DOC,
    ),
    rule("HTTPS", Type(Kind::Boolean), Error, INVALID, BIND_DOC),
    rule("HTTP2", Type(Kind::Boolean), Error, INVALID, BIND_DOC),
    rule(
        "MinTLSVersion",
        Enum(TLS_VERSIONS),
        Error,
        INVALID,
        BIND_DOC,
    ),
    rule(
        "MaxTLSVersion",
        Enum(TLS_VERSIONS),
        Error,
        INVALID,
        BIND_DOC,
    ),
    rule(
        "MinTLSVersion",
        Type(Kind::String),
        Error,
        INVALID,
        BIND_DOC,
    ),
    rule(
        "MaxTLSVersion",
        Type(Kind::String),
        Error,
        INVALID,
        BIND_DOC,
    ),
];

// ---------------------------------------------------------------- answers

/// `ResponseMetadata` of every Volcengine answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<VolcError>,
}

/// `ResponseMetadata.Error`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct VolcError {
    pub code: String,
    #[serde(default)]
    pub message: String,
    /// Gateway errors add a numeric code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_n: Option<i64>,
}
