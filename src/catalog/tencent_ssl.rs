//! Tencent Cloud SSL Certificates, API version 2019-12-05: the operations the certificate
//! lifecycle needs: listing, reading one (a deploy reads the chain of a copy), deleting.
//! Certificates uploaded to Tencent Cloud Live (`ModifyLiveDomainCertBindings`
//! with a key pair) are kept here: listed by `DescribeCertificates`, removed by
//! `DeleteCertificate`. `POST https://ssl.tencentcloudapi.com/` with `X-TC-Action` and
//! `X-TC-Version: 2019-12-05`, signed with TC3 for the service `ssl`.
//!
//! Sources: PyPI `tencentcloud-sdk-python-ssl` 3.1.145, `tencentcloud/ssl/v20191205/models.py`
//! (`DescribeCertificatesRequest`, `DescribeCertificatesResponse`, `Certificates`,
//! `DeleteCertificateRequest`, `DeleteCertificateResponse`, `DescribeCertificateDetailRequest`,
//! `DescribeCertificateDetailResponse`) and `ssl_client.py` (`_apiVersion`
//! `2019-12-05`, `_endpoint` `ssl.tencentcloudapi.com`, `_service` `ssl`).

use serde::{Deserialize, Serialize};

use super::model::{
    doc, revised, rule, Check::*, Danger, Kind, Level::*, Operation, PageStyle, Paging, Placement,
    Revision, Rule, MAX_PAGES,
};
use super::profile::TENCENT_SSL;

/// What this API's declarations share; each says only how it differs.
const BASE: Operation =
    Operation::of(Provider::Tencent, TENCENT_SSL.api_version, Placement::JsonBody)
        .in_product(&TENCENT_SSL);
use super::Provider;

const MISSING: &str = "MissingParameter";
const INVALID_TYPE: &str = "InvalidParameter";
const INVALID_VALUE: &str = "InvalidParameterValue";
const LIST_DOC: &str = "DescribeCertificatesRequest (tencentcloud-sdk-python-ssl models.py)";
const DELETE_DOC: &str = "DeleteCertificateRequest (tencentcloud-sdk-python-ssl models.py)";

/// Lists the account's certificates, `Limit` at a time from `Offset`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct DescribeCertificatesRequest {
    /// From 0 (default 0).
    pub offset: Option<i64>,
    /// 1 to 1000 (default 10).
    pub limit: Option<i64>,
    /// Fuzzy match on the id, the alias and the domain.
    pub search_key: Option<String>,
    #[cfg_attr(ts, tsify(type = "\"CA\" | \"SVR\""))]
    pub certificate_type: Option<String>,
    pub project_id: Option<i64>,
    #[cfg_attr(ts, tsify(type = "\"ASC\" | \"DESC\""))]
    pub expiration_sort: Option<String>,
    pub certificate_status: Option<Vec<i64>>,
    /// `upload` (uploaded certificates) or `buy` (bought from Tencent Cloud).
    #[cfg_attr(ts, tsify(type = "\"upload\" | \"buy\""))]
    pub filter_source: Option<String>,
    /// 1: only those expiring within 30 days.
    pub filter_expiring: Option<i64>,
    pub cert_ids: Option<Vec<String>>,
}

/// One certificate of the SSL service (the fields the lifecycle reads; the cloud sends more).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct SslCertificate {
    pub certificate_id: String,
    /// `upload` for uploaded certificates, else the CA.
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub certificate_type: String,
    /// The main name.
    #[serde(default)]
    pub domain: String,
    #[serde(default)]
    pub alias: String,
    /// 1 issued, 3 expired, … (see the SDK's `Certificates.Status`).
    #[serde(default)]
    pub status: i64,
    /// `Status` in words (Chinese): `证书已颁发`, `已过期`, …
    #[serde(default)]
    pub status_name: String,
    /// Beijing time (GMT+8), `YYYY-MM-DD HH:MM:SS`.
    #[serde(default)]
    pub cert_begin_time: String,
    #[serde(default)]
    pub cert_end_time: String,
    /// When it was added, Beijing time.
    #[serde(default)]
    pub insert_time: String,
    /// Every name the certificate covers, the main one included.
    #[serde(default)]
    pub subject_alt_name: Vec<String>,
    /// Expires within 30 days.
    #[serde(default)]
    pub is_expiring: bool,
    /// Whether it can be deployed to cloud resources.
    #[serde(default)]
    pub deployable: bool,
}

/// The answer of `DescribeCertificates`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct DescribeCertificatesResponse {
    pub total_count: i64,
    pub certificates: Vec<SslCertificate>,
    pub request_id: String,
}

pub static DESCRIBE_CERTIFICATES: Operation = Operation {
    action: "DescribeCertificates",
    summary: super::model::docs_only(
        "List the certificates of Tencent Cloud SSL Certificates (uploaded ones included), a page at a time.",
    ),
    rules: &LIST_RULES,
    fields: &[
        doc("Offset", "From 0 (default 0)", "分页偏移量，从 0 开始（默认 0）"),
        doc(
            "Limit",
            "1 to 1000 per page (default 10)",
            "每页数量，1 到 1000（默认 10）",
        ),
        doc(
            "SearchKey",
            "Matches the id, alias or domain",
            "模糊匹配证书 ID、备注名称、证书域名",
        ),
        doc(
            "CertificateType",
            "CA client certificates, SVR server certificates",
            "CA 客户端证书，SVR 服务器证书",
        ),
        doc("ProjectId", "Project id", "项目 ID"),
        doc(
            "ExpirationSort",
            "Sort by expiry: ASC or DESC",
            "按到期时间排序：ASC 或 DESC",
        ),
        doc("CertificateStatus", "Statuses to list", "证书状态"),
        doc(
            "FilterSource",
            "upload: uploaded, buy: bought from Tencent Cloud",
            "upload：上传证书，buy：腾讯云证书",
        ),
        doc(
            "FilterExpiring",
            "1: only those expiring soon",
            "1：只看即将过期的证书",
        ),
        doc("CertIds", "Only these certificate ids", "只看这些证书 ID"),
    ],
    outcome_check: "call it again",
    paging: Some(Paging {
        style: PageStyle::Offset("Offset"),
        size_field: "Limit",
        // Documented: at most 1000 ("如超过1000按1000处理").
        size: 1000,
        max_pages: MAX_PAGES,
        list: "Certificates",
        total: Some("TotalCount"),
        item_id: "CertificateId",
    }),
    ..BASE
};

static LIST_RULES: [Rule; 19] = [
    rule("Offset", Type(Kind::Int64), Error, INVALID_TYPE, LIST_DOC),
    rule("Offset", IntRange { min: 0, max: i64::MAX }, Error, INVALID_VALUE, LIST_DOC),
    rule("Limit", Type(Kind::Int64), Error, INVALID_TYPE, LIST_DOC),
    rule(
        "Limit",
        IntRange { min: 1, max: 1000 },
        Warning,
        INVALID_VALUE,
        "doc: at most 1000, more is read as 1000",
    ),
    rule("SearchKey", Type(Kind::String), Error, INVALID_TYPE, LIST_DOC),
    rule("CertificateType", Type(Kind::String), Error, INVALID_TYPE, LIST_DOC),
    rule("CertificateType", Enum(&["CA", "SVR"]), Error, INVALID_VALUE, LIST_DOC),
    rule("ProjectId", Type(Kind::Int64), Error, INVALID_TYPE, LIST_DOC),
    rule("ExpirationSort", Type(Kind::String), Error, INVALID_TYPE, LIST_DOC),
    rule("ExpirationSort", Enum(&["ASC", "DESC"]), Error, INVALID_VALUE, LIST_DOC),
    rule("CertificateStatus", Type(Kind::Array), Error, INVALID_TYPE, LIST_DOC),
    rule("CertificateStatus[]", Type(Kind::Int64), Error, INVALID_TYPE, LIST_DOC),
    rule(
        "CertificateStatus[]",
        IntRange { min: 0, max: 15 },
        Error,
        INVALID_VALUE,
        "SDK: statuses 0 to 15",
    ),
    rule("FilterSource", Type(Kind::String), Error, INVALID_TYPE, LIST_DOC),
    rule("FilterSource", Enum(&["upload", "buy"]), Error, INVALID_VALUE, LIST_DOC),
    rule("FilterExpiring", Type(Kind::Int64), Error, INVALID_TYPE, LIST_DOC),
    rule("FilterExpiring", IntEnum(&[0, 1]), Error, INVALID_VALUE, LIST_DOC),
    rule("CertIds", Type(Kind::Array), Error, INVALID_TYPE, LIST_DOC),
    rule("CertIds[]", Type(Kind::String), Error, INVALID_TYPE, LIST_DOC),
];

/// Deletes one certificate of the SSL service by its id.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct DeleteSslCertificateRequest {
    pub certificate_id: String,
    /// Check the cloud resources bound to it first (the deletion then runs as a task).
    pub is_check_resource: Option<bool>,
}

/// The answer of Tencent's `DeleteCertificate`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct DeleteSslCertificateResponse {
    /// Whether it was deleted.
    pub delete_result: bool,
    /// The task of a deletion with `IsCheckResource`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_id: Option<String>,
    pub request_id: String,
}

pub static DELETE_CERTIFICATE: Operation = Operation {
    action: "DeleteCertificate",
    summary: super::model::docs_only(
        "Delete a certificate of Tencent Cloud SSL Certificates (one bound to no resource).",
    ),
    rules: &DELETE_RULES,
    fields: &[
        doc("CertificateId", "The certificate's id", "证书 ID"),
        doc(
            "IsCheckResource",
            "Check its bound cloud resources first (then it runs as a task)",
            "删除前检查证书关联的云资源（检查时删除异步执行）",
        ),
    ],
    outcome_check: "list the certificates (DescribeCertificates)",
    danger: Danger::Destructive,
    ..BASE
};

static DELETE_RULES: [Rule; 4] = [
    rule("CertificateId", Required, Error, MISSING, DELETE_DOC),
    rule("CertificateId", Type(Kind::String), Error, INVALID_TYPE, DELETE_DOC),
    rule("CertificateId", NotEmpty, Error, INVALID_VALUE, DELETE_DOC),
    rule("IsCheckResource", Type(Kind::Boolean), Error, INVALID_TYPE, DELETE_DOC),
];

const DETAIL_DOC: &str = "DescribeCertificateDetailRequest (tencentcloud-sdk-python-ssl models.py)";

/// Reads one certificate of the SSL service: its PEM among the rest.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct DescribeCertificateDetailRequest {
    pub certificate_id: String,
}

/// The answer of Tencent's `DescribeCertificateDetail`, the fields the lifecycle reads (the
/// cloud documents each as possibly null). `CertificatePrivateKey` is the cloud's to give; the
/// library never asks for it and a deploy reads only the public half.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(ts, derive(tsify::Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct DescribeCertificateDetailResponse {
    #[serde(default)]
    pub certificate_id: Option<String>,
    /// `upload` for uploaded certificates, else the CA.
    #[serde(default)]
    pub from: Option<String>,
    /// `SVR` (a server certificate) or `CA`.
    #[serde(default)]
    pub certificate_type: Option<String>,
    /// The main name (the others are in `SubjectAltName`).
    #[serde(default)]
    pub domain: Option<String>,
    #[serde(default)]
    pub alias: Option<String>,
    /// 1 issued, 3 expired, … (as `DescribeCertificates` has it).
    #[serde(default)]
    pub status: Option<i64>,
    /// `Status` in words (Chinese).
    #[serde(default)]
    pub status_name: Option<String>,
    #[serde(default)]
    pub subject_alt_name: Option<Vec<String>>,
    /// `YYYY-MM-DD HH:MM:SS`, Beijing time.
    #[serde(default)]
    pub cert_begin_time: Option<String>,
    /// `YYYY-MM-DD HH:MM:SS`, Beijing time.
    #[serde(default)]
    pub cert_end_time: Option<String>,
    /// When it was added, Beijing time.
    #[serde(default)]
    pub insert_time: Option<String>,
    /// Expires within 30 days.
    #[serde(default)]
    pub is_expiring: Option<bool>,
    /// Whether it can be deployed to cloud resources.
    #[serde(default)]
    pub deployable: Option<bool>,
    /// The certificate chain, PEM.
    #[serde(default)]
    pub certificate_public_key: Option<String>,
    /// The private key of an uploaded certificate (a secret: `Debug` never shows it).
    #[serde(default)]
    pub certificate_private_key: Option<String>,
    /// SHA-1 of the signing certificate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cert_fingerprint: Option<String>,
    pub request_id: String,
}

impl std::fmt::Debug for DescribeCertificateDetailResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DescribeCertificateDetailResponse")
            .field("certificate_id", &self.certificate_id)
            .field("domain", &self.domain)
            .field("cert_end_time", &self.cert_end_time)
            .field("certificate_private_key", &self.certificate_private_key.as_ref().map(|_| "***"))
            .field("request_id", &self.request_id)
            .finish_non_exhaustive()
    }
}

pub static DESCRIBE_CERTIFICATE_DETAIL: Operation = Operation {
    action: "DescribeCertificateDetail",
    summary: super::model::docs_only(
        "Read one certificate of Tencent Cloud SSL Certificates (its chain, names and expiry).",
    ),
    rules: &DETAIL_RULES,
    fields: &[doc("CertificateId", "The certificate's id", "证书 ID")],
    outcome_check: "call it again",
    answer_secret_fields: &["CertificatePrivateKey"],
    ..BASE
};

/// `DescribeCertificateDetail` takes the id as `DeleteCertificate` does, and nothing else.
static DETAIL_RULES: [Rule; 3] =
    revised(&DELETE_RULES, (DELETE_DOC, DETAIL_DOC), &[Revision::Drop("IsCheckResource")]);

/// This API's operations, one line each, in the order of the docs: its part of
/// [`for_each_operation!`](crate::for_each_operation), which names the fields of a line.
#[doc(hidden)]
#[macro_export]
macro_rules! __tencent_ssl_operations {
    (@append $then:ident [$($done:tt)*] $($rest:ident)*) => {
        $crate::__chain_operations! { $then [$($done)*
    #[doc = "Tencent Cloud SSL Certificates (2019-12-05, `ssl.tencentcloudapi.com`): where uploaded certificates are kept."]
    TcSslDescribeCertificates: TencentLive.describeCertificates / describe_certificates = tencent_ssl::DESCRIBE_CERTIFICATES
        ("DescribeCertificatesRequest" -> "Promise<DescribeCertificatesResponse>"),
    #[doc = "Tencent Cloud SSL Certificates: one certificate, its chain (`CertificatePublicKey`) among the rest."]
    TcSslDescribeCertificateDetail: TencentLive.describeCertificateDetail / describe_certificate_detail = tencent_ssl::DESCRIBE_CERTIFICATE_DETAIL
        ("DescribeCertificateDetailRequest" -> "Promise<DescribeCertificateDetailResponse>"),
    #[doc = "Tencent Cloud SSL Certificates: deletes a certificate bound to no resource."]
    TcSslDeleteCertificate: TencentLive.deleteCertificate / delete_certificate = tencent_ssl::DELETE_CERTIFICATE
        ("DeleteSslCertificateRequest" -> "Promise<DeleteSslCertificateResponse>"),
        ] $($rest)* }
    };
}
