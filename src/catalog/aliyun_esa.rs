//! Alibaba Cloud ESA, API version 2024-09-10: `ApplyCertificate` (a free certificate).
//! RPC style: `POST https://esa.cn-hangzhou.aliyuncs.com/?SiteId=…&Domains=…&Type=…`, empty body.

use serde::{Deserialize, Serialize};

use super::model::{
    doc, rule, Check::*, Danger, Idempotence, Kind, Level::*, Operation, PageStyle, Paging,
    PemKind, Placement, Rule, MAX_PAGES,
};
use super::Provider;

pub const HOST: &str = super::profile::ALIYUN.default_host;
pub const VERSION: &str = super::profile::ALIYUN.api_version;

/// What this API's declarations share; each says only how it differs.
const BASE: Operation = Operation::of(Provider::Aliyun, VERSION, Placement::Query { json: &[] });

const DOC: &str = "ApplyCertificate doc (@alicloud/esa20240910 models)";

/// A site id: a number up to 2^53 - 1, or a decimal string for any int64.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
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
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ApplyCertificateRequest {
    pub site_id: SiteId,
    /// Comma-separated domain names.
    pub domains: String,
    /// `lets_encrypt`, `digicert_single` or `digicert_wildcard`.
    #[cfg_attr(ts, tsify(type = "\"lets_encrypt\" | \"digicert_single\" | \"digicert_wildcard\""))]
    pub r#type: Option<String>,
}

/// The answer (HTTP 200).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ApplyCertificateResponse {
    pub request_id: String,
    #[serde(default)]
    pub site_name: String,
    /// Equals the number of domains applied for.
    pub total_count: i64,
    /// One entry per domain applied for.
    pub result: Vec<AppliedCertificate>,
}

/// One domain's application.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct AppliedCertificate {
    pub domain: String,
    /// `Applying` right after the call.
    #[serde(default)]
    pub status: String,
    /// A string in the SDK, a number in one doc version: read as text either way.
    #[serde(deserialize_with = "string_or_number")]
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
        Either::N(n) => super::decimal(&n),
    })
}

/// The flat error body of a failed call (HTTP 4xx/5xx).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
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
    action: "ApplyCertificate",
    summary: super::model::docs_only("Apply for a free certificate for domains of an ESA site."),
    rules: &RULES,
    fields: &[
        doc("SiteId", "Site id (beyond 2^53, a decimal string)", "站点 ID（超过 2^53 时用十进制字符串）"),
        doc("Domains", "Comma-separated domain names", "以逗号分隔的域名列表"),
        doc("Type", "lets_encrypt, digicert_single or digicert_wildcard", "lets_encrypt、digicert_single 或 digicert_wildcard"),
    ],
    idempotent: Idempotence::Never,
    outcome_check: "list the site's certificates (ListCertificates, or the ESA console) and look for the domains before applying again",
    danger: Danger::Write,
    ..BASE
};

static RULES: [Rule; 8] = [
    rule("SiteId", Required, Error, "MissingSiteId", DOC),
    rule("SiteId", Type(Kind::Int64), Error, "InvalidParameter", DOC),
    rule("SiteId", PositiveInt64, Error, "InvalidParameter", "doc: int64 site id"),
    rule("Domains", Required, Error, "MissingDomains", DOC),
    rule("Domains", Type(Kind::String), Error, "InvalidParameter", DOC),
    rule(
        "Domains",
        DomainList { wildcard: true, unicode: true, max: 253 },
        Error,
        "InvalidParameter",
        "doc: comma-separated list; TotalCount equals its count",
    ),
    rule("Type", Type(Kind::String), Error, "InvalidParameter.Type", DOC),
    rule(
        "Type",
        Enum(&["lets_encrypt", "digicert_single", "digicert_wildcard"]),
        Error,
        "InvalidParameter.Type",
        DOC,
    ),
];

// ---------------------------------------------------------------- the certificate lifecycle

const SITES_DOC: &str = "ListSites doc and SDK models (lifecycle.md 3.2)";
const LIST_DOC: &str = "ListCertificates doc and SDK models (lifecycle.md 3.3)";
const GET_DOC: &str = "GetCertificate SDK models (lifecycle.md 3.4)";
const SET_DOC: &str = "SetCertificate doc and SDK models (lifecycle.md 3.5)";
const DELETE_DOC: &str = "DeleteCertificate doc and SDK models (lifecycle.md 3.6)";
const INVALID: &str = "InvalidParameter";

/// A tag to filter sites by.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct TagFilter {
    pub key: String,
    pub value: Option<String>,
}

/// Lists the account's sites, a page at a time (a `GET`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ListSitesRequest {
    pub site_name: Option<String>,
    #[cfg_attr(ts, tsify(type = "\"prefix\" | \"suffix\" | \"exact\" | \"fuzzy\""))]
    pub site_search_type: Option<String>,
    pub page_number: Option<i64>,
    /// 1 to 500, default 500.
    pub page_size: Option<i64>,
    /// Sent as one query parameter holding this list's JSON.
    pub tag_filter: Option<Vec<TagFilter>>,
    pub resource_group_id: Option<String>,
    pub status: Option<String>,
    pub only_enterprise: Option<bool>,
    pub plan_subscribe_type: Option<String>,
    pub coverage: Option<String>,
    pub access_type: Option<String>,
    pub order_by: Option<String>,
}

/// One site of `ListSites`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct SiteInfo {
    pub site_id: SiteId,
    pub site_name: String,
    /// `pending`, `active`, `offline`, `moved`.
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub access_type: String,
    #[serde(default)]
    pub coverage: String,
    /// The CNAME suffix of a site connected by CNAME.
    #[serde(default)]
    pub cname_zone: String,
    /// ISO 8601 UTC.
    #[serde(default)]
    pub create_time: String,
    /// ISO 8601 UTC.
    #[serde(default)]
    pub update_time: String,
    /// ISO 8601 UTC.
    #[serde(default)]
    pub visit_time: String,
    /// The plan instance the site belongs to.
    #[serde(default)]
    pub instance_id: String,
    /// Comma-separated name servers (NS access).
    #[serde(default)]
    pub name_server_list: String,
    #[serde(default)]
    pub plan_name: String,
    #[serde(default)]
    pub plan_spec_name: String,
    #[serde(default)]
    pub resource_group_id: String,
    /// The site's tags, by key.
    #[serde(default)]
    #[cfg_attr(ts, tsify(type = "Record<string, unknown>"))]
    pub tags: serde_json::Map<String, serde_json::Value>,
    /// The TXT record that proves ownership (CNAME access).
    #[serde(default)]
    pub verify_code: String,
}

impl Default for SiteId {
    fn default() -> Self {
        SiteId::Number(0)
    }
}

/// The answer of `ListSites`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ListSitesResponse {
    pub request_id: String,
    #[serde(default)]
    pub page_number: i64,
    #[serde(default)]
    pub page_size: i64,
    /// Every site the query matches, over all pages.
    pub total_count: i64,
    /// This page of them.
    pub sites: Vec<SiteInfo>,
}

const SITE_STATUS: &[&str] = &["pending", "active", "offline", "moved"];

pub static LIST_SITES: Operation = Operation {
    action: "ListSites",
    summary: super::model::docs_only("List the account's ESA sites, a page at a time."),
    rules: &SITES_RULES,
    fields: &[
        doc("SiteName", "Site name to search for", "要搜索的站点名"),
        doc(
            "SiteSearchType",
            "prefix, suffix, exact (default) or fuzzy",
            "prefix、suffix、exact（默认）或 fuzzy",
        ),
        doc("PageNumber", "Page number, from 1", "页码，从 1 开始"),
        doc("PageSize", "Page size, 1 to 500 (default 500)", "每页数量，1 到 500（默认 500）"),
        doc("TagFilter", "Tags to filter by", "按标签过滤"),
        doc("TagFilter[].Key", "Tag key", "标签键"),
        doc("TagFilter[].Value", "Tag value", "标签值"),
        doc("ResourceGroupId", "Resource group", "资源组"),
        doc("Status", "pending, active, offline or moved", "pending、active、offline 或 moved"),
        doc("OnlyEnterprise", "Only Enterprise plan sites", "仅企业版站点"),
        doc(
            "PlanSubscribeType",
            "basicplan, standardplan, advancedplan or enterpriseplan",
            "basicplan、standardplan、advancedplan 或 enterpriseplan",
        ),
        doc("Coverage", "domestic, global or overseas", "domestic、global 或 overseas"),
        doc("AccessType", "NS or CNAME", "NS 或 CNAME"),
        doc("OrderBy", "gmtCreate or visitTime", "gmtCreate 或 visitTime"),
    ],
    method: "GET",
    placement: Placement::Query { json: &["TagFilter"] },
    outcome_check: "call it again",
    paging: Some(Paging {
        style: PageStyle::Number("PageNumber"),
        size_field: "PageSize",
        // Documented: 1 to 500.
        size: 500,
        max_pages: MAX_PAGES,
        list: "Sites",
        total: Some("TotalCount"),
        item_id: "SiteId",
    }),
    ..BASE
};

static SITES_RULES: [Rule; 24] = [
    rule("SiteName", Type(Kind::String), Error, INVALID, SITES_DOC),
    rule("SiteSearchType", Type(Kind::String), Error, INVALID, SITES_DOC),
    rule(
        "SiteSearchType",
        Enum(&["prefix", "suffix", "exact", "fuzzy"]),
        Error,
        INVALID,
        SITES_DOC,
    ),
    rule("PageNumber", Type(Kind::Int64), Error, INVALID, SITES_DOC),
    rule("PageNumber", IntRange { min: 1, max: i64::MAX }, Error, INVALID, SITES_DOC),
    rule("PageSize", Type(Kind::Int64), Error, INVALID, SITES_DOC),
    rule("PageSize", IntRange { min: 1, max: 500 }, Error, INVALID, SITES_DOC),
    rule("TagFilter", Type(Kind::Array), Error, INVALID, SITES_DOC),
    rule("TagFilter[]", Type(Kind::Object), Error, INVALID, SITES_DOC),
    rule("TagFilter[].Key", Required, Error, INVALID, "inferred: a tag filter names its key"),
    rule("TagFilter[].Key", Type(Kind::String), Error, INVALID, SITES_DOC),
    rule("TagFilter[].Value", Type(Kind::String), Error, INVALID, SITES_DOC),
    rule("ResourceGroupId", Type(Kind::String), Error, INVALID, SITES_DOC),
    rule("Status", Type(Kind::String), Error, INVALID, SITES_DOC),
    rule(
        "Status",
        Enum(SITE_STATUS),
        Warning,
        INVALID,
        "inferred: the values of the answer; the request's enum is not restated",
    ),
    rule("OnlyEnterprise", Type(Kind::Boolean), Error, INVALID, SITES_DOC),
    rule("PlanSubscribeType", Type(Kind::String), Error, INVALID, SITES_DOC),
    rule(
        "PlanSubscribeType",
        Enum(&["basicplan", "standardplan", "advancedplan", "enterpriseplan"]),
        Error,
        INVALID,
        SITES_DOC,
    ),
    rule("Coverage", Type(Kind::String), Error, INVALID, SITES_DOC),
    rule("Coverage", Enum(&["domestic", "global", "overseas"]), Error, INVALID, SITES_DOC),
    rule("AccessType", Type(Kind::String), Error, INVALID, SITES_DOC),
    rule("AccessType", Enum(&["NS", "CNAME"]), Error, INVALID, SITES_DOC),
    rule("OrderBy", Type(Kind::String), Error, INVALID, SITES_DOC),
    rule("OrderBy", Enum(&["gmtCreate", "visitTime"]), Error, INVALID, SITES_DOC),
];

/// Lists the certificates of one site, a page at a time.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ListCertificatesRequest {
    pub site_id: SiteId,
    pub keyword: Option<String>,
    pub valid_only: Option<bool>,
    pub page_number: Option<i64>,
    pub page_size: Option<i64>,
}

/// One certificate of a site (`ListCertificates` `Result[]`, `GetCertificate` `Result`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct EsaCertificate {
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
    /// The id in SSL Certificates Service of a `cas` certificate; empty for others.
    #[serde(default)]
    pub cas_id: String,
    #[serde(default)]
    pub name: String,
    /// `cas`, `upload`, `free`, `keyless`.
    #[serde(default)]
    pub r#type: String,
    /// `OK`, `Expired`, `Expiring`, `Issued`, `Applying`, `ApplyFailed`, `Canceled`.
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub common_name: String,
    /// Comma-separated names.
    #[serde(rename = "SAN", default)]
    pub san: String,
    /// `YYYY-MM-DD HH:MM:SS`, UTC.
    #[serde(default)]
    pub not_before: String,
    /// `YYYY-MM-DD HH:MM:SS`, UTC.
    #[serde(default)]
    pub not_after: String,
    #[serde(default)]
    pub issuer: String,
    /// The issuer's common name.
    #[serde(rename = "IssuerCN", default)]
    pub issuer_cn: String,
    /// SHA-256 of the leaf, hex.
    #[serde(default)]
    pub fingerprint_sha256: String,
    #[serde(default)]
    pub serial_number: String,
    /// The key's algorithm: `RSA`, `ECDSA`…
    #[serde(default)]
    pub pub_alg: String,
    /// The signature's algorithm: `SHA256-RSA`…
    #[serde(default)]
    pub sig_alg: String,
    /// `YYYY-MM-DD HH:MM:SS`, UTC.
    #[serde(default)]
    pub create_time: String,
    /// `YYYY-MM-DD HH:MM:SS`, UTC.
    #[serde(default)]
    pub update_time: String,
    /// `cn-hangzhou` or `ap-southeast-1`.
    #[serde(default)]
    pub region: String,
    /// A free certificate's application error code (0: none).
    #[serde(default)]
    pub apply_code: i64,
    /// A free certificate's application message (`canceled`…).
    #[serde(default)]
    pub apply_message: String,
    /// The domain-control checks of a free certificate being applied for.
    #[serde(rename = "DCV", default)]
    pub dcv: Vec<DomainControlCheck>,
}

/// One domain-control check of a free certificate (`DCV[]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct DomainControlCheck {
    #[serde(default)]
    pub id: String,
    /// `DNS` or `HTTP`.
    #[serde(default)]
    pub r#type: String,
    /// The TXT record's name (DNS) or the URL (HTTP).
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub value: String,
    /// `pending`…
    #[serde(default)]
    pub status: String,
}

/// The answer of `ListCertificates`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct ListCertificatesResponse {
    pub request_id: String,
    #[serde(default)]
    pub site_id: SiteId,
    #[serde(default)]
    pub site_name: String,
    #[serde(default)]
    pub page_number: i64,
    #[serde(default)]
    pub page_size: i64,
    /// Every certificate the query matches, over all pages.
    pub total_count: i64,
    /// This page of them.
    pub result: Vec<EsaCertificate>,
}

pub static LIST_CERTIFICATES: Operation = Operation {
    action: "ListCertificates",
    summary: super::model::docs_only("List the certificates of an ESA site, a page at a time."),
    rules: &LIST_RULES,
    fields: &[
        doc("SiteId", "Site id (ListSites)", "站点 ID（见 ListSites）"),
        doc("Keyword", "Search keyword", "搜索关键词"),
        doc("ValidOnly", "Only valid certificates", "仅有效证书"),
        doc("PageNumber", "Page number, from 1", "页码，从 1 开始"),
        doc("PageSize", "Page size", "每页数量"),
    ],
    outcome_check: "call it again",
    paging: Some(Paging {
        style: PageStyle::Number("PageNumber"),
        size_field: "PageSize",
        // No maximum documented.
        size: 100,
        max_pages: MAX_PAGES,
        list: "Result",
        total: Some("TotalCount"),
        item_id: "Id",
    }),
    ..BASE
};

static LIST_RULES: [Rule; 10] = [
    rule("SiteId", Required, Error, "MissingSiteId", LIST_DOC),
    rule("SiteId", Type(Kind::Int64), Error, INVALID, LIST_DOC),
    rule("SiteId", PositiveInt64, Error, INVALID, LIST_DOC),
    rule("Keyword", Type(Kind::String), Error, INVALID, LIST_DOC),
    rule("ValidOnly", Type(Kind::Boolean), Error, INVALID, LIST_DOC),
    rule("PageNumber", Type(Kind::Int64), Error, INVALID, LIST_DOC),
    rule("PageNumber", IntRange { min: 1, max: i64::MAX }, Error, INVALID, LIST_DOC),
    rule("PageSize", Type(Kind::Int64), Error, INVALID, LIST_DOC),
    rule("PageSize", PositiveInt64, Error, INVALID, LIST_DOC),
    rule(
        "PageSize",
        IntRange { min: 1, max: 500 },
        Warning,
        INVALID,
        "inferred: no maximum documented; ListSites allows 500",
    ),
];

/// One certificate of a site, with its PEM.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct GetCertificateRequest {
    pub site_id: SiteId,
    pub id: String,
}

/// The answer of `GetCertificate` (no private key).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct GetCertificateResponse {
    pub request_id: String,
    #[serde(default)]
    pub site_id: SiteId,
    #[serde(default)]
    pub site_name: String,
    /// The certificate's status, as `Result.Status`.
    #[serde(default)]
    pub status: String,
    /// The certificate PEM.
    #[serde(default)]
    pub certificate: String,
    pub result: EsaCertificate,
}

pub static GET_CERTIFICATE: Operation = Operation {
    action: "GetCertificate",
    summary: super::model::docs_only("Read one certificate of an ESA site, with its PEM."),
    rules: &GET_RULES,
    fields: &[
        doc("SiteId", "Site id", "站点 ID"),
        doc("Id", "Certificate id (ListCertificates)", "证书 ID（见 ListCertificates）"),
    ],
    outcome_check: "call it again",
    ..BASE
};

static GET_RULES: [Rule; 6] = [
    rule("SiteId", Required, Error, "MissingSiteId", GET_DOC),
    rule("SiteId", Type(Kind::Int64), Error, INVALID, GET_DOC),
    rule("SiteId", PositiveInt64, Error, INVALID, GET_DOC),
    rule("Id", Required, Error, "MissingId", GET_DOC),
    rule("Id", Type(Kind::String), Error, INVALID, GET_DOC),
    rule("Id", NotEmpty, Error, INVALID, GET_DOC),
];

/// Adds a certificate to a site, or replaces one (`Id`). A form body, except `KeyServerId`.
#[serde_with::skip_serializing_none]
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct SetCertificateRequest {
    pub site_id: SiteId,
    #[cfg_attr(ts, tsify(type = "\"cas\" | \"upload\" | \"keyless\""))]
    pub r#type: String,
    /// Required with `upload`.
    pub name: Option<String>,
    /// PEM; required with `upload`.
    pub certificate: Option<String>,
    /// PEM; required with `upload`. A secret.
    pub private_key: Option<String>,
    /// Required with `cas`.
    pub cas_id: Option<SiteId>,
    /// Required with `cas`: `cn-hangzhou` or `ap-southeast-1`.
    pub region: Option<String>,
    /// The certificate to replace (not a free one).
    pub id: Option<String>,
    pub key_server_id: Option<String>,
}

crate::debug_from_declaration!(SetCertificateRequest => SET_CERTIFICATE);

/// The answer of `SetCertificate`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct SetCertificateResponse {
    pub request_id: String,
    /// The certificate's id: the new one's, or the one replaced.
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
}

pub static SET_CERTIFICATE: Operation = Operation {
    action: "SetCertificate",
    summary: super::model::docs_only("Add a certificate to an ESA site (upload or from SSL Certificates Service), or replace one."),
    rules: &SET_RULES,
    fields: &[
        doc("SiteId", "Site id", "站点 ID"),
        doc("Type", "upload, cas or keyless", "upload（上传）、cas（云证书）或 keyless"),
        doc("Name", "Certificate name (upload)", "证书名称（上传时必填）"),
        doc("Certificate", "PEM certificate (upload)", "PEM 证书（上传时必填）"),
        doc("PrivateKey", "PEM private key (upload)", "PEM 私钥（上传时必填）"),
        doc("CasId", "SSL Certificates Service id (cas)", "云证书 ID（cas 时必填）"),
        doc("Region", "cn-hangzhou or ap-southeast-1 (cas)", "cn-hangzhou 或 ap-southeast-1（cas 时必填）"),
        doc("Id", "Certificate to replace (not a free one)", "要更新的证书 ID（免费证书不可）"),
        doc("KeyServerId", "Key server (keyless)", "Key Server ID（keyless 时）"),
    ],
    placement: Placement::FormBody { query: &["KeyServerId", "SecurityToken"] },
    // Without Id each call adds a certificate; with Id it replaces that one.
    idempotent: Idempotence::WhenGiven("Id"),
    outcome_check: "list the site's certificates (ListCertificates with Keyword) before uploading again",
    secret_fields: &["PrivateKey"],
    multiline_fields: &["Certificate", "PrivateKey"],
    danger: Danger::Write,
    ..BASE
};

static SET_RULES: [Rule; 21] = [
    rule("SiteId", Required, Error, "MissingSiteId", SET_DOC),
    rule("SiteId", Type(Kind::Int64), Error, INVALID, SET_DOC),
    rule("SiteId", PositiveInt64, Error, INVALID, SET_DOC),
    rule("Type", Required, Error, "MissingType", SET_DOC),
    rule("Type", Type(Kind::String), Error, INVALID, SET_DOC),
    rule("Type", Enum(&["cas", "upload", "keyless"]), Error, INVALID, SET_DOC),
    rule("Name", Type(Kind::String), Error, INVALID, SET_DOC),
    rule("Name", RequiredWhen { sibling: "Type", is: "upload" }, Error, INVALID, SET_DOC),
    rule("Certificate", Type(Kind::String), Error, INVALID, SET_DOC),
    rule("Certificate", RequiredWhen { sibling: "Type", is: "upload" }, Error, INVALID, SET_DOC),
    rule("Certificate", Pem(PemKind::Certificate), Error, INVALID, SET_DOC),
    rule("PrivateKey", Type(Kind::String), Error, INVALID, SET_DOC),
    rule("PrivateKey", RequiredWhen { sibling: "Type", is: "upload" }, Error, INVALID, SET_DOC),
    rule("PrivateKey", Pem(PemKind::PrivateKey), Error, INVALID, SET_DOC),
    rule("CasId", Type(Kind::Int64), Error, INVALID, SET_DOC),
    rule("CasId", RequiredWhen { sibling: "Type", is: "cas" }, Error, INVALID, SET_DOC),
    rule("Region", Type(Kind::String), Error, INVALID, SET_DOC),
    rule("Region", RequiredWhen { sibling: "Type", is: "cas" }, Error, INVALID, SET_DOC),
    rule("Region", Enum(&["cn-hangzhou", "ap-southeast-1"]), Error, INVALID, SET_DOC),
    rule("Id", Type(Kind::String), Error, INVALID, SET_DOC),
    rule("KeyServerId", Type(Kind::String), Error, INVALID, SET_DOC),
];

/// Deletes a certificate of a site (a `GET`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct DeleteCertificateRequest {
    pub site_id: SiteId,
    pub id: String,
}

/// The answer of `DeleteCertificate`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct DeleteCertificateResponse {
    pub request_id: String,
    /// The deleted certificate's id.
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
    pub site_id: SiteId,
    pub site_name: String,
}

pub static DELETE_CERTIFICATE: Operation = Operation {
    action: "DeleteCertificate",
    summary: super::model::docs_only("Delete a certificate of an ESA site."),
    rules: &DELETE_RULES,
    fields: &[doc("SiteId", "Site id", "站点 ID"), doc("Id", "Certificate id", "证书 ID")],
    method: "GET",
    outcome_check: "list the site's certificates (ListCertificates)",
    danger: Danger::Destructive,
    ..BASE
};

static DELETE_RULES: [Rule; 6] = [
    rule("SiteId", Required, Error, "MissingSiteId", DELETE_DOC),
    rule("SiteId", Type(Kind::Int64), Error, INVALID, DELETE_DOC),
    rule("SiteId", PositiveInt64, Error, INVALID, DELETE_DOC),
    rule("Id", Required, Error, "MissingId", DELETE_DOC),
    rule("Id", Type(Kind::String), Error, INVALID, DELETE_DOC),
    rule("Id", NotEmpty, Error, INVALID, DELETE_DOC),
];

/// This API's operations, one line each, in the order of the docs: its part of
/// [`for_each_operation!`](crate::for_each_operation), which names the fields of a line.
#[doc(hidden)]
#[macro_export]
macro_rules! __aliyun_esa_operations {
    (@append $then:ident [$($done:tt)*] $($rest:ident)*) => {
        $crate::__chain_operations! { $then [$($done)*
    #[doc = "Not idempotent: a call whose outcome is unknown is not sent again."]
    EsaApplyCertificate: AliyunEsa.applyCertificate / apply_certificate = aliyun_esa::APPLY_CERTIFICATE
        ("ApplyCertificateRequest" -> "Promise<ApplyCertificateResponse>"),
    EsaListSites: AliyunEsa.listSites / list_sites = aliyun_esa::LIST_SITES
        ("ListSitesRequest" -> "Promise<ListSitesResponse>"),
    EsaListCertificates: AliyunEsa.listCertificates / list_certificates = aliyun_esa::LIST_CERTIFICATES
        ("ListCertificatesRequest" -> "Promise<ListCertificatesResponse>"),
    EsaGetCertificate: AliyunEsa.getCertificate / get_certificate = aliyun_esa::GET_CERTIFICATE
        ("GetCertificateRequest" -> "Promise<GetCertificateResponse>"),
    #[doc = "Without `Id` not idempotent: a call whose outcome is unknown is not sent again."]
    EsaSetCertificate: AliyunEsa.setCertificate / set_certificate = aliyun_esa::SET_CERTIFICATE
        ("SetCertificateRequest" -> "Promise<SetCertificateResponse>"),
    EsaDeleteCertificate: AliyunEsa.deleteCertificate / delete_certificate = aliyun_esa::DELETE_CERTIFICATE
        ("DeleteCertificateRequest" -> "Promise<DeleteCertificateResponse>"),
        ] $($rest)* }
    };
}
