//! The five operations as the clouds carry them out, and each cloud's success and error envelopes.

use liveops::catalog::envelope;
use liveops::ops::volcengine_live::CertStatus;
use liveops::ops::{aliyun_esa, tencent_live, volcengine_live};
use liveops::validate::{validate_operation, Locale, Operation};
use serde_json::{json, Map, Value};

use crate::state::{AppliedCert, AuthConfig, State};
use crate::Cloud;

/// What the emulator answers: status, JSON body, the error code (empty on success) and headers.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub body: Value,
    pub code: String,
    pub headers: Vec<(&'static str, String)>,
    /// The state changed and must be saved.
    pub changed: bool,
}

/// Per-request facts the envelopes repeat.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub request_id: String,
    pub action: String,
    pub version: String,
}

impl Ctx {
    fn meta(&self) -> envelope::Meta<'_> {
        envelope::Meta {
            request_id: &self.request_id,
            action: &self.action,
            version: &self.version,
        }
    }
}

/// A failure, before it is put in a cloud's envelope.
#[derive(Debug, Clone)]
pub struct Failure {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    /// Volcengine gateway errors carry a numeric code too.
    pub code_n: Option<i64>,
}

impl Failure {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Failure {
        Failure {
            status,
            code,
            message: message.into(),
            code_n: None,
        }
    }

    pub fn gateway(
        status: u16,
        code: &'static str,
        code_n: i64,
        message: impl Into<String>,
    ) -> Failure {
        Failure {
            status,
            code,
            message: message.into(),
            code_n: Some(code_n),
        }
    }
}

/// The failure in `cloud`'s error envelope: Volcengine `ResponseMetadata.Error` with its status,
/// Tencent `Response.Error` always with HTTP 200, Alibaba a flat body with its status.
pub fn error(cloud: Cloud, ctx: &Ctx, f: Failure) -> Answer {
    let body = envelope::write_error(cloud, &ctx.meta(), f.code, &f.message, f.code_n);
    // Tencent answers every error with HTTP 200.
    let status = if cloud == Cloud::Tencent {
        200
    } else {
        f.status
    };
    Answer {
        status,
        body,
        code: f.code.to_string(),
        headers: Vec::new(),
        changed: false,
    }
}

fn ok(cloud: Cloud, ctx: &Ctx, result: Value, changed: bool) -> Answer {
    let body = envelope::write_ok(cloud, &ctx.meta(), result);
    Answer {
        status: 200,
        body,
        code: String::new(),
        headers: Vec::new(),
        changed,
    }
}

/// The operation this cloud names `action`, if the emulator serves it at that version.
pub fn operation(
    cloud: Cloud,
    action: &str,
    version: &str,
    contract: liveops::catalog::Contract,
) -> Result<&'static Operation, Failure> {
    let (provider_version, unknown) = match cloud {
        Cloud::Volcengine => (
            volcengine_live::VERSION,
            Failure::gateway(
                404,
                "InvalidActionOrVersion",
                100008,
                format!("Action {action} with Version {version} is not supported"),
            ),
        ),
        Cloud::Tencent => (
            tencent_live::VERSION,
            Failure::new(
                200,
                "InvalidAction",
                format!("The action {action} at version {version} does not exist"),
            ),
        ),
        Cloud::Aliyun => (
            aliyun_esa::VERSION,
            Failure::new(
                404,
                "InvalidAction.NotFound",
                format!("Specified api {action} is not found at version {version}"),
            ),
        ),
    };
    let _ = provider_version;
    // Each operation answers at its own version: Tencent's SSL operations at 2019-12-05 beside
    // the Live ones at 2018-08-01.
    match liveops::catalog::operation_as_of(cloud, action, contract) {
        Some(op) if op.version == version => Ok(op),
        _ => Err(unknown),
    }
}

/// Whether `service` names one of the cloud's services (its own, or a product's of its catalog).
pub fn is_service_of(cloud: Cloud, service: &str) -> bool {
    cloud.profile().service == service
        || liveops::catalog::OPERATIONS
            .iter()
            .any(|op| op.provider == cloud && op.product.is_some_and(|p| p.service == service))
}

/// The service an operation's signature must be scoped to: its product's, else the cloud's.
pub fn signing_service(op: &Operation) -> &'static str {
    op.product
        .map(|p| p.service)
        .unwrap_or(op.provider.profile().service)
}

/// Checks `payload` with the library's own rule table: the first error is the cloud's answer.
pub fn validate(cloud: Cloud, op: &Operation, payload: &Value) -> Result<(), (Failure, String)> {
    let report = validate_operation(op, payload, Locale::En);
    let Some(first) = report.errors.first() else {
        return Ok(());
    };
    let rule = first.rule.map(|r| r.id()).unwrap_or_default();
    let code: &'static str = first.rule.map(|r| r.code).unwrap_or("InvalidParameter");
    let status = match cloud {
        Cloud::Tencent => 200,
        _ => 400,
    };
    let message = if first.path.is_empty() {
        first.message.clone()
    } else {
        format!("{}: {}", first.path, first.message)
    };
    Err((Failure::new(status, code, message), rule))
}

/// Runs a validated operation against the state.
pub fn apply(
    cloud: Cloud,
    ctx: &Ctx,
    op: &Operation,
    payload: &Value,
    state: &mut State,
    now: i64,
    max_page: Option<u64>,
) -> Answer {
    use crate::lifecycle as l;
    let outcome = match op.action {
        "UpdateAuthKey" => update_auth_key(payload, state),
        "ListCertV2" => list_cert_v2(payload, state, now, max_page),
        "UnbindCert" => unbind_cert(payload, state),
        "BindCert" => bind_cert(payload, state),
        "CreateCert" => l::volc_create_cert(payload, state, now),
        "DeleteCert" => l::volc_delete_cert(payload, state),
        "DescribeCertDetailSecretV2" => l::volc_describe_cert(payload, state, now),
        "ListDomainDetail" => l::volc_list_domains(payload, state, max_page),
        "ModifyLiveDomainCertBindings" => modify_cert_bindings(payload, state, now),
        "DescribeLiveDomainCertBindings" => l::tc_bindings(payload, state, max_page),
        "DescribeLiveDomainCert" => l::tc_domain_cert(payload, state),
        "DescribeLiveDomains" => l::tc_domains(payload, state, max_page),
        "ApplyCertificate" => apply_certificate(payload, state, now),
        "ListSites" => l::esa_list_sites(payload, state, max_page),
        "ListCertificates" => l::esa_list_certificates(payload, state, now, max_page),
        "GetCertificate" => l::esa_get_certificate(payload, state, now),
        "SetCertificate" => l::esa_set_certificate(payload, state, now),
        "DeleteCertificate" if cloud == Cloud::Tencent => l::ssl_delete_certificate(payload, state),
        "DescribeCertificates" => l::ssl_describe_certificates(payload, state, now, max_page),
        "DeleteCertificate" => l::esa_delete_certificate(payload, state),
        _ => Err(Failure::new(500, "InternalError", "unhandled action")),
    };
    match outcome {
        Ok((result, changed)) => ok(cloud, ctx, result, changed),
        Err(f) => error(cloud, ctx, f),
    }
}

type Outcome = Result<(Value, bool), Failure>;

/// A non-empty string field of a payload.
pub(crate) fn text<'a>(p: &'a Value, k: &str) -> Option<&'a str> {
    p.get(k).and_then(Value::as_str).filter(|s| !s.is_empty())
}

fn update_auth_key(p: &Value, state: &mut State) -> Outcome {
    let volc = &mut state.volcengine;
    let target = match (text(p, "Domain"), text(p, "Vhost")) {
        (Some(d), _) if volc.domains.contains_key(d) => d.to_string(),
        (Some(d), _) => {
            return Err(Failure::new(
                404,
                "ResourceNotFound.Domain",
                format!("domain {d} does not exist"),
            ))
        }
        (None, Some(v)) if volc.vhosts.iter().any(|x| x == v) => v.to_string(),
        (None, Some(v)) => {
            return Err(Failure::new(
                404,
                "ResourceNotFound.Vhost",
                format!("vhost {v} does not exist"),
            ))
        }
        (None, None) => return Err(Failure::new(400, "InvalidParam", "give Domain or Vhost")),
    };
    let app = text(p, "App").unwrap_or("");
    let scene = text(p, "SceneType").unwrap_or("push");
    let key = format!("{target}|{app}|{scene}");
    // Absent PushPullEnable: false on create, unchanged on update.
    let enable = p
        .get("PushPullEnable")
        .and_then(Value::as_bool)
        .or_else(|| volc.auth.get(&key).map(|c| c.push_pull_enable))
        .unwrap_or(false);
    let config = AuthConfig {
        auth_detail_list: p.get("AuthDetailList").cloned().unwrap_or(Value::Null),
        valid_duration: p
            .get("ValidDuration")
            .and_then(Value::as_i64)
            .unwrap_or(604_800),
        push_pull_enable: enable,
    };
    volc.auth.insert(key, config);
    Ok((Value::Null, true))
}

fn rfc3339(t: i64) -> String {
    liveops::lifecycle::times::iso_utc(t)
}

fn list_cert_v2(p: &Value, state: &State, now: i64, max_page: Option<u64>) -> Outcome {
    let available = p.get("Available").and_then(Value::as_bool);
    // Expiring is honoured only together with Available, as the SDK does.
    let expiring = available
        .and(p.get("Expiring").and_then(Value::as_bool))
        .unwrap_or(false);
    let domain = text(p, "Domain");
    let name = text(p, "CertName").map(str::to_lowercase);
    let volc = &state.volcengine;
    let matching: Vec<Value> = volc
        .certs
        .iter()
        .filter(|c| c.available == available.unwrap_or(true))
        .filter(|c| !expiring || CertStatus::at(c.not_after, now) == CertStatus::Expire)
        .filter(|c| {
            domain.is_none_or(|d| {
                c.domains.iter().any(|x| x == d)
                    || volc
                        .domains
                        .get(d)
                        .is_some_and(|b| b.cert_id.as_deref() == Some(&c.cert_id))
            })
        })
        .filter(|c| {
            name.as_deref()
                .is_none_or(|n| c.cert_name.to_lowercase().contains(n))
        })
        .map(|c| {
            json!({
                "CertID": c.cert_id,
                "CertName": c.cert_name,
                "CertDomainList": c.domains,
                "ChainID": c.chain_id,
                "NotBefore": rfc3339(c.not_before),
                "NotAfter": rfc3339(c.not_after),
                "Status": CertStatus::at(c.not_after, now),
                "ChainIDVolc": format!("volc-{}", c.chain_id),
                "CreateTime": rfc3339(c.created),
                "ProjectName": c.project_name,
            })
        })
        .filter(|c| text(p, "ProjectName").is_none_or(|pn| c["ProjectName"] == pn))
        .collect();
    let status_of = |c: &Value| c["Status"].as_str().unwrap_or("").to_string();
    let expire = matching.iter().filter(|c| status_of(c) == "Expire").count();
    let active = matching.iter().filter(|c| status_of(c) == "OK").count();
    let closing = matching.len() - expire - active;
    let total = matching.len();
    let page = match (
        p.get("PageNum").and_then(Value::as_u64),
        p.get("PageSize").and_then(Value::as_u64),
    ) {
        (Some(num), Some(size)) if size > 0 => {
            let size = max_page.map_or(size, |m| size.min(m));
            // Client numbers: a page past the end is empty, never an overflow.
            let start = (num.max(1) - 1)
                .checked_mul(size)
                .and_then(|s| usize::try_from(s).ok())
                .unwrap_or(usize::MAX);
            matching
                .into_iter()
                .skip(start)
                .take(usize::try_from(size).unwrap_or(usize::MAX))
                .collect()
        }
        _ => matching,
    };
    Ok((
        json!({
            "CertList": page,
            "Total": total,
            "ExpirationInfo": { "ActiveNum": active, "ClosingExpireNum": closing, "ExpireNum": expire },
        }),
        false,
    ))
}

fn unbind_cert(p: &Value, state: &mut State) -> Outcome {
    let domain = text(p, "Domain").unwrap_or("");
    match state.volcengine.domains.get_mut(domain) {
        Some(d) => {
            let changed = d.cert_id.take().is_some();
            Ok((Value::Null, changed))
        }
        None => Err(Failure::new(
            404,
            "ResourceNotFound.Domain",
            format!("domain {domain} does not exist"),
        )),
    }
}

/// BindCert: the certificate with this chain id goes onto the domain; HTTPS as asked (off unless
/// `HTTPS: true`). An unknown chain id is a resource the account does not have (403).
fn bind_cert(p: &Value, state: &mut State) -> Outcome {
    let volc = &mut state.volcengine;
    let chain = text(p, "ChainID").unwrap_or("");
    let Some(cert) = volc.certs.iter().find(|c| c.chain_id == chain) else {
        return Err(Failure::new(
            403,
            "RequestForbidden",
            format!("no certificate with chain id {chain} in this account"),
        ));
    };
    let cert_id = cert.cert_id.clone();
    let domain = text(p, "Domain").unwrap_or("");
    let Some(d) = volc.domains.get_mut(domain) else {
        return Err(Failure::new(
            404,
            "ResourceNotFound.Domain",
            format!("domain {domain} does not exist"),
        ));
    };
    let https = p.get("HTTPS").and_then(Value::as_bool).unwrap_or(false);
    let changed = d.cert_id.as_deref() != Some(cert_id.as_str()) || d.https != https;
    d.cert_id = Some(cert_id);
    d.https = https;
    Ok((Value::Null, changed))
}

fn modify_cert_bindings(p: &Value, state: &mut State, now: i64) -> Outcome {
    let tc = &mut state.tencent;
    let cert_id = match text(p, "CloudCertId") {
        Some(id) if tc.certs.contains_key(id) => id.to_string(),
        Some(id) => {
            return Err(Failure::new(
                200,
                "FailedOperation.CertificateNotFound",
                format!("certificate {id} does not exist"),
            ));
        }
        None if text(p, "CertificatePublicKey").is_none() => {
            // Neither an id nor a key pair: only the HTTPS state of bound domains changes.
            return Ok(update_https_only(p, tc));
        }
        // A new certificate, read from the key pair's PEM.
        None => crate::lifecycle::tc_upload(p, tc, now)?,
    };
    let names = tc
        .certs
        .get(&cert_id)
        .map(|c| c.domains.clone())
        .unwrap_or_default();
    let mut mismatched = Vec::new();
    let mut errors = Vec::new();
    let infos = p
        .get("DomainInfos")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for info in &infos {
        let name = info.get("DomainName").and_then(Value::as_str).unwrap_or("");
        let status = info.get("Status").and_then(Value::as_i64).unwrap_or(-1);
        let Some(domain) = tc.domains.get_mut(name) else {
            errors.push(json!({ "DomainName": name, "Code": "ResourceNotFound.DomainNotExist", "Message": "domain does not exist" }));
            continue;
        };
        if !crate::lifecycle::tencent_covers(&names, name) {
            mismatched.push(json!(name));
            continue;
        }
        domain.cert_id = Some(cert_id.clone());
        match status {
            1 => domain.https = true,
            0 => domain.https = false,
            _ => {}
        }
    }
    Ok((
        json!({ "MismatchedDomainNames": mismatched, "Errors": errors }),
        true,
    ))
}

/// `ModifyLiveDomainCertBindings` with neither `CloudCertId` nor a key pair: each domain keeps
/// its certificate and only turns HTTPS on or off; a domain with none bound is a per-domain error.
fn update_https_only(p: &Value, tc: &mut crate::state::TencentState) -> (Value, bool) {
    let mut errors = Vec::new();
    let mut changed = false;
    for info in p
        .get("DomainInfos")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        let name = info.get("DomainName").and_then(Value::as_str).unwrap_or("");
        let status = info.get("Status").and_then(Value::as_i64).unwrap_or(-1);
        match tc.domains.get_mut(name) {
            None => errors.push(json!({ "DomainName": name, "Code": "ResourceNotFound.DomainNotExist", "Message": "domain does not exist" })),
            Some(d) if d.cert_id.is_none() => errors.push(json!({ "DomainName": name, "Code": "FailedOperation.CertificateNotFound", "Message": "no certificate is bound to this domain: give CloudCertId or the key pair" })),
            Some(d) => {
                let https = match status {
                    1 => true,
                    0 => false,
                    _ => d.https,
                };
                changed |= https != d.https;
                d.https = https;
            }
        }
    }
    (
        json!({ "MismatchedDomainNames": [], "Errors": errors }),
        changed,
    )
}

/// The most certificates the emulator keeps per cloud: state grows no further.
pub const MAX_CERTS: usize = 10_000;

fn id_space_spent() -> Failure {
    Failure::new(500, "InternalError", "the emulator's id counter is spent")
}

fn apply_certificate(p: &Value, state: &mut State, now: i64) -> Outcome {
    let ali = &mut state.aliyun;
    let site_id = match p.get("SiteId") {
        Some(Value::String(s)) => s.trim_start_matches('0').to_string(),
        Some(v) => v.to_string(),
        None => String::new(),
    };
    let Some(site) = ali.sites.get(&site_id).cloned() else {
        return Err(Failure::new(
            404,
            "SiteNotFound",
            format!("site {site_id} does not exist"),
        ));
    };
    if !site.active {
        return Err(Failure::new(
            400,
            "SiteNotActivated",
            "the site is not activated",
        ));
    }
    let cert_type = text(p, "Type").unwrap_or("lets_encrypt");
    if cert_type == "digicert_wildcard" && site.access_type != "NS" {
        return Err(Failure::new(
            400,
            "InvalidParameter.Type",
            "a wildcard certificate needs the site connected by NS",
        ));
    }
    let domains: Vec<String> = text(p, "Domains")
        .unwrap_or("")
        .split(',')
        .map(|d| d.trim().to_string())
        .collect();
    for d in &domains {
        let bare = d.strip_prefix("*.").unwrap_or(d);
        if bare != site.name && !bare.ends_with(&format!(".{}", site.name)) {
            return Err(Failure::new(
                400,
                "InvalidParameter.Domains",
                format!("{d} does not belong to site {}", site.name),
            ));
        }
        if ali
            .certificates
            .iter()
            .any(|c| c.site_id == site_id && &c.domain == d)
        {
            return Err(Failure::new(
                400,
                "InvalidParameter.Domains",
                format!("a certificate for {d} was already applied for"),
            ));
        }
    }
    if ali.certificates.len().saturating_add(domains.len()) > MAX_CERTS {
        return Err(Failure::new(
            403,
            "QuotaExceeded",
            "the emulator holds as many certificates as it allows",
        ));
    }
    let mut result = Vec::new();
    for d in domains {
        let id = ali.next_id.to_string();
        ali.next_id = ali.next_id.checked_add(1).ok_or_else(id_space_spent)?;
        result.push(json!({ "Domain": d, "Status": "Applying", "Id": id }));
        ali.certificates.push(AppliedCert {
            id,
            site_id: site_id.clone(),
            name: d.clone(),
            names: vec![d.clone()],
            domain: d,
            status: "Applying".into(),
            cert_type: cert_type.into(),
            not_before: 0,
            not_after: 0,
            created: now,
            pem: None,
        });
    }
    let mut out = Map::new();
    out.insert("SiteName".into(), json!(site.name));
    out.insert("TotalCount".into(), json!(result.len()));
    out.insert("Result".into(), Value::Array(result));
    Ok((Value::Object(out), true))
}
