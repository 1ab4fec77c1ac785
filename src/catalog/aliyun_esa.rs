//! Alibaba Cloud ESA, API version 2024-09-10: `ApplyCertificate` (a free certificate).
//! RPC style: `POST https://esa.cn-hangzhou.aliyuncs.com/?SiteId=…&Domains=…&Type=…`, empty body.

use serde::{Deserialize, Serialize};

use super::model::{rule, Check::*, FieldDoc, Kind, Level::*, Operation, Placement, Rule};
use super::Provider;

pub const HOST: &str = super::profile::ALIYUN.default_host;
pub const VERSION: &str = super::profile::ALIYUN.api_version;

const DOC: &str = "ApplyCertificate doc (@alicloud/esa20240910 models)";

/// A site id: a number up to 2^53 - 1, or a decimal string for any int64.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum SiteId {
    Number(i64),
    Text(String),
}

impl SiteId {
    /// As sent on the wire: decimal text.
    pub fn to_decimal(&self) -> String {
        match self {
            SiteId::Number(n) => n.to_string(),
            SiteId::Text(s) => s.clone(),
        }
    }
}

/// Applies for a free certificate for some domains of a site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ApplyCertificateRequest {
    pub site_id: SiteId,
    /// Comma-separated domain names.
    pub domains: String,
    /// `lets_encrypt`, `digicert_single` or `digicert_wildcard`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(type = "\"lets_encrypt\" | \"digicert_single\" | \"digicert_wildcard\"")
    )]
    pub r#type: Option<String>,
}

/// The answer (HTTP 200).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ApplyCertificateResponse {
    #[serde(default)]
    pub request_id: String,
    #[serde(default)]
    pub site_name: String,
    /// Equals the number of domains applied for.
    #[serde(default)]
    pub total_count: i64,
    #[serde(default)]
    pub result: Vec<AppliedCertificate>,
}

/// One domain's application.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct AppliedCertificate {
    pub domain: String,
    /// `Applying` right after the call.
    #[serde(default)]
    pub status: String,
    /// A string in the SDK, a number in one doc version: read as text either way.
    #[serde(default, deserialize_with = "string_or_number")]
    pub id: String,
}

fn string_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        S(String),
        N(serde_json::Number),
    }
    Ok(match Either::deserialize(d)? {
        Either::S(s) => s,
        Either::N(n) => n.to_string(),
    })
}

/// The flat error body of a failed call (HTTP 4xx/5xx).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct AliyunError {
    #[serde(default)]
    pub request_id: String,
    #[serde(default)]
    pub host_id: String,
    pub code: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub recommend: String,
}

pub static APPLY_CERTIFICATE: Operation = Operation {
    provider: Provider::Aliyun,
    action: "ApplyCertificate",
    version: VERSION,
    summary: "Apply for a free certificate for domains of an ESA site.",
    rules: &RULES,
    fields: &[
        FieldDoc {
            path: "SiteId",
            en: "Site id (beyond 2^53, a decimal string)",
            zh: "站点 ID（超过 2^53 时用十进制字符串）",
        },
        FieldDoc {
            path: "Domains",
            en: "Comma-separated domain names",
            zh: "以逗号分隔的域名列表",
        },
        FieldDoc {
            path: "Type",
            en: "lets_encrypt, digicert_single or digicert_wildcard",
            zh: "lets_encrypt、digicert_single 或 digicert_wildcard",
        },
    ],
    method: "POST",
    placement: Placement::Query,
    rate_class: None,
    idempotent: false,
    outcome_check: "list the site's certificates (ListCertificates, or the ESA console) and look for the domains before applying again",
    secret_fields: &[],
    multiline_fields: &[],
};

static RULES: [Rule; 8] = [
    rule("SiteId", Required, Error, "MissingSiteId", DOC),
    rule("SiteId", Type(Kind::Int64), Error, "InvalidParameter", DOC),
    rule(
        "SiteId",
        PositiveInt64,
        Error,
        "InvalidParameter",
        "doc: int64 site id",
    ),
    rule("Domains", Required, Error, "MissingDomains", DOC),
    rule(
        "Domains",
        Type(Kind::String),
        Error,
        "InvalidParameter",
        DOC,
    ),
    rule(
        "Domains",
        DomainList {
            wildcard: true,
            unicode: true,
            max: 253,
        },
        Error,
        "InvalidParameter",
        "doc: comma-separated list; TotalCount equals its count",
    ),
    rule(
        "Type",
        Type(Kind::String),
        Error,
        "InvalidParameter.Type",
        DOC,
    ),
    rule(
        "Type",
        Enum(&["lets_encrypt", "digicert_single", "digicert_wildcard"]),
        Error,
        "InvalidParameter.Type",
        DOC,
    ),
];
