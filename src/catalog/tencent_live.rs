//! Tencent Cloud Live, API version 2018-08-01: `ModifyLiveDomainCertBindings`.
//! `POST https://live.tencentcloudapi.com/` with `X-TC-Action`/`X-TC-Version`, JSON body.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::model::{rule, Check::*, FieldDoc, Kind, Level::*, Operation, Placement, Rule};
use super::Provider;

pub const HOST: &str = super::profile::TENCENT.default_host;
pub const VERSION: &str = super::profile::TENCENT.api_version;
pub const SERVICE: &str = super::profile::TENCENT.service;

const MISSING: &str = "MissingParameter";
const INVALID_TYPE: &str = "InvalidParameter";
const INVALID_VALUE: &str = "InvalidParameterValue";
const DOC: &str = "ModifyLiveDomainCertBindings doc (live_models)";

/// Binds one certificate to many playback domains and turns HTTPS on or off for each.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ModifyLiveDomainCertBindingsRequest {
    /// At least one domain.
    pub domain_infos: Vec<LiveCertDomainInfo>,
    /// A Tencent Cloud SSL certificate id; or else the key pair.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud_cert_id: Option<String>,
    /// PEM certificate; goes with `CertificatePrivateKey`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_public_key: Option<String>,
    /// PEM private key (a secret: `Debug` never shows it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_private_key: Option<String>,
    /// Name of a newly uploaded certificate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_alias: Option<String>,
}

impl fmt::Debug for ModifyLiveDomainCertBindingsRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ModifyLiveDomainCertBindingsRequest")
            .field("domain_infos", &self.domain_infos)
            .field("cloud_cert_id", &self.cloud_cert_id)
            .field(
                "certificate_public_key",
                &self.certificate_public_key.as_ref().map(|_| "…"),
            )
            .field(
                "certificate_private_key",
                &self.certificate_private_key.as_ref().map(|_| "***"),
            )
            .field("certificate_alias", &self.certificate_alias)
            .finish()
    }
}

/// One playback domain and what to do with HTTPS on it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct LiveCertDomainInfo {
    pub domain_name: String,
    /// `1` enable HTTPS, `0` disable, `-1` keep unchanged.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "1 | 0 | -1"))]
    pub status: i64,
}

/// The answer: per-domain failures arrive inside a successful response.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ModifyLiveDomainCertBindingsResponse {
    #[serde(default)]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct TencentError {
    pub code: String,
    #[serde(default)]
    pub message: String,
}

pub static MODIFY_LIVE_DOMAIN_CERT_BINDINGS: Operation = Operation {
    provider: Provider::Tencent,
    action: "ModifyLiveDomainCertBindings",
    version: VERSION,
    summary: "Bind one certificate to many playback domains and turn HTTPS on or off for each.",
    rules: &RULES,
    fields: &[
        FieldDoc {
            path: "DomainInfos",
            en: "Playback domains, at least one",
            zh: "播放域名列表，至少一项",
        },
        FieldDoc {
            path: "DomainInfos[].DomainName",
            en: "Playback domain",
            zh: "播放域名",
        },
        FieldDoc {
            path: "DomainInfos[].Status",
            en: "1 enable HTTPS, 0 disable, -1 keep unchanged",
            zh: "1 开启 HTTPS，0 关闭，-1 保持不变",
        },
        FieldDoc {
            path: "CloudCertId",
            en: "Tencent Cloud SSL certificate id (or give the key pair)",
            zh: "腾讯云 SSL 证书 ID（或传入证书公私钥）",
        },
        FieldDoc {
            path: "CertificatePublicKey",
            en: "PEM certificate, with CertificatePrivateKey",
            zh: "证书公钥（PEM），与私钥一起传",
        },
        FieldDoc {
            path: "CertificatePrivateKey",
            en: "PEM private key, with CertificatePublicKey",
            zh: "证书私钥（PEM），与公钥一起传",
        },
        FieldDoc {
            path: "CertificateAlias",
            en: "Name of a newly uploaded certificate",
            zh: "新上传证书的备注名",
        },
    ],
    method: "POST",
    placement: Placement::JsonBody,
    rate_class: None,
    idempotent: true,
    outcome_check: "describe the domains' certificate bindings (DescribeLiveDomainCertBindings)",
    secret_fields: &["CertificatePrivateKey"],
    multiline_fields: &["CertificatePublicKey", "CertificatePrivateKey"],
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
