//! The certificate lifecycle as the emulated clouds carry it out: listings with each cloud's
//! paging and time layouts, uploads read from their PEM, bindings and deletions.

use liveops::lifecycle::times::{self, Zone};
use liveops::lifecycle::{read_certificate, KeyMatch};
use serde_json::{json, Value};

use crate::clouds::{text, Failure, MAX_CERTS};
use crate::state::{covers, AppliedCert, State, TencentCert, VolcCert};

type Outcome = Result<(Value, bool), Failure>;

const DAY: i64 = 86_400;

/// A number, or a numeric string (Tencent's own examples send `"PageSize": "10"`).
fn num(p: &Value, k: &str) -> Option<u64> {
    match p.get(k)? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn boolean(p: &Value, k: &str) -> Option<bool> {
    match p.get(k)? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// `rows[start..start+len]`, never overflowing on hostile numbers.
fn window<T: Clone>(rows: &[T], start: u64, len: u64) -> Vec<T> {
    let start = usize::try_from(start).unwrap_or(usize::MAX);
    let len = usize::try_from(len).unwrap_or(usize::MAX);
    rows.iter().skip(start).take(len).cloned().collect()
}

/// A page `num` (from 1) of `size` rows, clamped to the emulator's `max_page` when set.
fn page<T: Clone>(rows: &[T], num: u64, size: u64, max_page: Option<u64>) -> Vec<T> {
    let size = max_page.map_or(size, |m| size.min(m)).max(1);
    window(
        rows,
        num.max(1).saturating_sub(1).saturating_mul(size),
        size,
    )
}

/// An uploaded certificate and key, read as the cloud reads them: the names and dates of the
/// leaf; a key that does not belong to it is refused.
struct Upload {
    names: Vec<String>,
    not_before: i64,
    not_after: i64,
}

fn read_upload(cert: &str, key: &str, status: u16, code: &'static str) -> Result<Upload, Failure> {
    let summary = read_certificate(cert)
        .map_err(|e| Failure::new(status, code, format!("certificate: {e}")))?;
    match liveops::lifecycle::pem::key_matches(&summary, key) {
        Ok(KeyMatch::DoesNotMatch) => Err(Failure::new(
            status,
            code,
            "the private key does not match the certificate",
        )),
        Ok(_) => Ok(Upload {
            names: summary.names,
            not_before: summary.not_before,
            not_after: summary.not_after,
        }),
        Err(e) => Err(Failure::new(status, code, format!("private key: {e}"))),
    }
}

// ---------------------------------------------------------------- Volcengine

pub fn volc_create_cert(p: &Value, state: &mut State, now: i64) -> Outcome {
    let rsa = p.get("Rsa").cloned().unwrap_or(Value::Null);
    // The document's example spells PubKey/PriKey: both spellings are read.
    let pubkey = text(&rsa, "Pubkey").or(text(&rsa, "PubKey")).unwrap_or("");
    let prikey = text(&rsa, "Prikey").or(text(&rsa, "PriKey")).unwrap_or("");
    let up = read_upload(pubkey, prikey, 400, "InvalidParam")?;
    let volc = &mut state.volcengine;
    let name = text(p, "CertName").unwrap_or("").to_string();
    if let Some(chain) = text(p, "ChainID") {
        let Some(c) = volc.certs.iter_mut().find(|c| c.chain_id == chain) else {
            return Err(Failure::new(
                403,
                "RequestForbidden",
                format!("no certificate with chain id {chain} in this account"),
            ));
        };
        c.domains = up.names;
        c.not_before = up.not_before;
        c.not_after = up.not_after;
        c.pem = Some(pubkey.to_string());
        if !name.is_empty() {
            c.cert_name = name;
        }
        return Ok((json!({ "ChainID": chain, "UseWay": "https" }), true));
    }
    if volc.certs.len() >= MAX_CERTS {
        return Err(Failure::new(
            403,
            "RequestForbidden",
            "the emulator holds as many certificates as it allows",
        ));
    }
    let n = volc.certs.len() + 1;
    let id = format!("cert-up-{n}-{now}");
    let chain = format!("chain-{id}");
    volc.certs.push(VolcCert {
        cert_id: id,
        cert_name: if name.is_empty() {
            up.names.first().cloned().unwrap_or_default()
        } else {
            name
        },
        domains: up.names,
        chain_id: chain.clone(),
        not_before: up.not_before,
        not_after: up.not_after,
        available: true,
        created: now,
        project_name: text(p, "ProjectName").unwrap_or("default").into(),
        pem: Some(pubkey.to_string()),
    });
    Ok((json!({ "ChainID": chain, "UseWay": "https" }), true))
}

pub fn volc_delete_cert(p: &Value, state: &mut State) -> Outcome {
    let volc = &mut state.volcengine;
    let chain = text(p, "ChainID").unwrap_or("");
    let Some(i) = volc.certs.iter().position(|c| c.chain_id == chain) else {
        return Err(Failure::new(
            403,
            "RequestForbidden",
            format!("no certificate with chain id {chain} in this account"),
        ));
    };
    let cert_id = volc.certs[i].cert_id.clone();
    if let Some((d, _)) = volc
        .domains
        .iter()
        .find(|(_, d)| d.cert_id.as_deref() == Some(&cert_id))
    {
        return Err(Failure::new(
            400,
            "InvalidParam",
            format!("the certificate is bound to {d}: unbind it first"),
        ));
    }
    volc.certs.remove(i);
    Ok((Value::Null, true))
}

pub fn volc_describe_cert(p: &Value, state: &State, now: i64) -> Outcome {
    let volc = &state.volcengine;
    let cert = match (text(p, "CertID"), text(p, "ChainID")) {
        (Some(id), _) => volc.certs.iter().find(|c| c.cert_id == id),
        (None, Some(chain)) => volc.certs.iter().find(|c| c.chain_id == chain),
        _ => None,
    };
    let Some(c) = cert else {
        return Err(Failure::new(
            403,
            "RequestForbidden",
            "no such certificate in this account",
        ));
    };
    let bound: Vec<&String> = volc
        .domains
        .iter()
        .filter(|(_, d)| d.cert_id.as_deref() == Some(&c.cert_id))
        .map(|(name, _)| name)
        .collect();
    let chain: Vec<String> = c
        .pem
        .as_deref()
        .map(|pem| {
            pem.split_inclusive("-----END CERTIFICATE-----")
                .map(|b| b.trim().to_string())
                .filter(|b| b.starts_with("-----BEGIN"))
                .collect()
        })
        .unwrap_or_default();
    Ok((
        json!({
            "CertDomainList": bound,
            "CertName": c.cert_name,
            "ChainID": c.chain_id,
            "NotBefore": times::iso_utc(c.not_before),
            "NotAfter": times::iso_utc(c.not_after),
            "Status": liveops::ops::volcengine_live::CertStatus::at(c.not_after, now),
            "SSL": { "Chain": chain, "KeyType": "rsa" },
        }),
        false,
    ))
}

pub fn volc_list_domains(p: &Value, state: &State, max_page: Option<u64>) -> Outcome {
    let volc = &state.volcengine;
    let list = |k: &str| -> Option<Vec<Value>> { p.get(k).and_then(Value::as_array).cloned() };
    let names = list("DomainNameList");
    let types = list("DomainTypeList");
    let statuses = list("DomainStatusList");
    let vhosts = list("VhostList");
    let regions = list("DomainRegionList");
    let has = |l: &Option<Vec<Value>>, v: Value| {
        l.as_ref().is_none_or(|l| l.is_empty() || l.contains(&v))
    };
    let rows: Vec<Value> = volc
        .domains
        .iter()
        .map(|(name, d)| {
            let chain = d
                .cert_id
                .as_deref()
                .and_then(|id| volc.certs.iter().find(|c| c.cert_id == id));
            let kind = if d.kind == "push" { "push" } else { "pull-flv" };
            json!({
                "Domain": name,
                "Type": kind,
                "Vhost": d.vhost,
                "ChainID": chain.map(|c| c.chain_id.as_str()).unwrap_or(""),
                "CertDomain": chain.and_then(|c| c.domains.first()).map(String::as_str).unwrap_or(""),
                "CNAME": format!("{name}.volcgslb.com"),
                "CnameCheck": 1,
                "DomainCheck": 0,
                "ICPCheck": 1,
                "HTTP2": false,
                "Region": "cn",
                "Status": 0,
                "ProjectName": "default",
                "PushDomain": "",
                "CreateTime": "2025-06-01T00:00:00Z",
                "Tags": [],
            })
        })
        .filter(|r| {
            has(&names, r["Domain"].clone())
                && has(&types, r["Type"].clone())
                && has(&statuses, json!(0))
                && has(&vhosts, r["Vhost"].clone())
                && has(&regions, json!("cn"))
        })
        .collect();
    let total = rows.len();
    let rows = page(
        &rows,
        num(p, "PageNum").unwrap_or(1),
        num(p, "PageSize").unwrap_or(1000),
        max_page,
    );
    Ok((json!({ "Total": total, "DomainList": rows }), false))
}

// ---------------------------------------------------------------- Tencent

fn tencent_binding(
    name: &str,
    d: &crate::state::TencentDomain,
    id: &str,
    c: &TencentCert,
) -> Value {
    json!({
        "DomainName": name,
        "CertificateAlias": c.alias,
        "CertType": 0,
        "Status": if d.https { 1 } else { 0 },
        "CertExpireTime": times::plain(c.not_after, Zone::Beijing),
        "CertId": c.num,
        "CloudCertId": id,
        "UpdateTime": times::plain(c.created, Zone::Beijing),
    })
}

pub fn tc_bindings(p: &Value, state: &State, max_page: Option<u64>) -> Outcome {
    let tc = &state.tencent;
    let search = text(p, "DomainSearch");
    let exact = text(p, "DomainName");
    let mut rows: Vec<(i64, Value)> = tc
        .domains
        .iter()
        .filter(|(name, _)| {
            search.is_none_or(|s| name.contains(s)) && exact.is_none_or(|e| *name == e)
        })
        .filter_map(|(name, d)| {
            let id = d.cert_id.as_deref()?;
            let c = tc.certs.get(id)?;
            Some((c.not_after, tencent_binding(name, d, id, c)))
        })
        .collect();
    match text(p, "OrderBy") {
        Some("ExpireTimeAsc") => rows.sort_by_key(|(t, _)| *t),
        Some("ExpireTimeDesc") => rows.sort_by_key(|(t, _)| std::cmp::Reverse(*t)),
        _ => {}
    }
    let rows: Vec<Value> = rows.into_iter().map(|(_, v)| v).collect();
    let total = rows.len();
    let len = num(p, "Length").unwrap_or(50);
    let len = max_page.map_or(len, |m| len.min(m));
    let rows = window(&rows, num(p, "Offset").unwrap_or(0), len);
    Ok((
        json!({ "LiveDomainCertBindings": rows, "TotalNum": total }),
        false,
    ))
}

pub fn tc_domain_cert(p: &Value, state: &State) -> Outcome {
    let tc = &state.tencent;
    let name = text(p, "DomainName").unwrap_or("");
    let found = tc
        .domains
        .get(name)
        .and_then(|d| d.cert_id.as_deref())
        .and_then(|id| Some((id, tc.certs.get(id)?)));
    let Some((id, c)) = found else {
        return Err(Failure::new(
            200,
            "ResourceNotFound.CrtDomainNotFound",
            format!("no certificate information found for {name}"),
        ));
    };
    Ok((
        json!({ "DomainCertInfo": {
            "CertId": c.num,
            "CertName": c.alias,
            "Description": "",
            "CreateTime": times::plain(c.created, Zone::Beijing),
            "HttpsCrt": c.pem.clone().unwrap_or_default(),
            "CertType": 0,
            "CertExpireTime": times::plain(c.not_after, Zone::Beijing),
            "DomainName": name,
            "Status": 1,
            "CertDomains": c.domains,
            "CloudCertId": id,
        }}),
        false,
    ))
}

pub fn tc_domains(p: &Value, state: &State, max_page: Option<u64>) -> Outcome {
    let tc = &state.tencent;
    let prefix = text(p, "DomainPrefix");
    let rows: Vec<Value> = tc
        .domains
        .keys()
        .filter(|n| prefix.is_none_or(|pre| n.starts_with(pre)))
        .map(|n| {
            json!({
                "Name": n, "Type": 1, "Status": 1, "CreateTime": "2025-06-01 08:00:00", "BCName": 1,
                "TargetDomain": format!("{n}.livecdn.liveplay.myqcloud.com"), "PlayType": 1, "IsDelayLive": 0,
                "CurrentCName": format!("{n}.livecdn.liveplay.myqcloud.com"), "RentTag": 0,
                "RentExpireTime": "0000-00-00 00:00:00", "IsMiniProgramLive": 0,
            })
        })
        .filter(|r| {
            num(p, "DomainStatus").is_none_or(|s| r["Status"] == s)
                && num(p, "DomainType").is_none_or(|t| r["Type"] == t)
                && num(p, "PlayType").is_none_or(|t| r["PlayType"] == t)
                && num(p, "IsDelayLive").is_none_or(|t| r["IsDelayLive"] == t)
        })
        .collect();
    let total = rows.len();
    // PageSize outside 10–100 is clamped (whether the cloud refuses is not documented).
    let size = num(p, "PageSize").unwrap_or(10).clamp(10, 100);
    let rows = page(&rows, num(p, "PageNum").unwrap_or(1), size, max_page);
    Ok((
        json!({
            "AllCount": total, "DomainList": rows, "CreateLimitCount": 100usize.saturating_sub(total),
            "PlayTypeCount": [total, 0, 0],
        }),
        false,
    ))
}

/// `ModifyLiveDomainCertBindings` with a key pair: a new certificate read from its PEM.
pub fn tc_upload(
    p: &Value,
    tc: &mut crate::state::TencentState,
    now: i64,
) -> Result<String, Failure> {
    let cert = text(p, "CertificatePublicKey").unwrap_or("");
    let key = text(p, "CertificatePrivateKey").unwrap_or("");
    let up = read_upload(cert, key, 200, "InvalidParameterValue")?;
    if tc.certs.len() >= MAX_CERTS {
        return Err(Failure::new(
            200,
            "LimitExceeded",
            "the emulator holds as many certificates as it allows",
        ));
    }
    tc.next_cert = tc
        .next_cert
        .checked_add(1)
        .ok_or_else(|| Failure::new(500, "InternalError", "the emulator's id counter is spent"))?;
    let id = format!("cert-upload-{}", tc.next_cert);
    tc.certs.insert(
        id.clone(),
        TencentCert {
            domains: up.names,
            alias: text(p, "CertificateAlias").unwrap_or("uploaded").into(),
            num: tc.next_cert,
            not_after: up.not_after,
            created: now,
            pem: Some(cert.to_string()),
        },
    );
    Ok(id)
}

// ---------------------------------------------------------------- Tencent Cloud SSL Certificates

/// A Tencent certificate as the SSL service's `DescribeCertificates` lists it.
fn ssl_certificate(id: &str, c: &TencentCert, now: i64) -> Value {
    let status = if c.not_after <= now { 3 } else { 1 };
    json!({
        "CertificateId": id,
        "From": if c.pem.is_some() { "upload" } else { "trustasia" },
        "CertificateType": "SVR",
        "Domain": c.domains.first().cloned().unwrap_or_default(),
        "Alias": c.alias,
        "Status": status,
        "StatusName": if status == 3 { "已过期" } else { "证书已颁发" },
        "CertBeginTime": times::plain(c.created, Zone::Beijing),
        "CertEndTime": times::plain(c.not_after, Zone::Beijing),
        "InsertTime": times::plain(c.created, Zone::Beijing),
        "SubjectAltName": c.domains,
        "IsExpiring": c.not_after > now && c.not_after - now <= 30 * 86_400,
        "Deployable": true,
    })
}

/// `DescribeCertificates`: every certificate the account has (uploaded through Live included),
/// newest first, `Limit` (default 10, at most 1000) from `Offset`.
pub fn ssl_describe_certificates(
    p: &Value,
    state: &State,
    now: i64,
    max_page: Option<u64>,
) -> Outcome {
    let tc = &state.tencent;
    let search = text(p, "SearchKey");
    let ids: Option<Vec<&str>> = p
        .get("CertIds")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect());
    let uploaded_only = match text(p, "FilterSource") {
        Some("upload") => Some(true),
        Some("buy") => Some(false),
        _ => None,
    };
    let expiring_only = num(p, "FilterExpiring") == Some(1);
    let mut rows: Vec<(&String, &TencentCert)> = tc
        .certs
        .iter()
        .filter(|(id, c)| {
            search.is_none_or(|s| {
                id.contains(s) || c.alias.contains(s) || c.domains.iter().any(|d| d.contains(s))
            }) && ids.as_ref().is_none_or(|ids| ids.contains(&id.as_str()))
                && uploaded_only.is_none_or(|u| c.pem.is_some() == u)
                && (!expiring_only || (c.not_after > now && c.not_after - now <= 30 * 86_400))
        })
        .collect();
    match text(p, "ExpirationSort") {
        Some("ASC") => rows.sort_by_key(|(_, c)| c.not_after),
        Some("DESC") => rows.sort_by_key(|(_, c)| std::cmp::Reverse(c.not_after)),
        _ => rows.sort_by_key(|(_, c)| std::cmp::Reverse(c.created)),
    }
    let total = rows.len();
    let limit = num(p, "Limit").unwrap_or(10).min(1000);
    let limit = max_page.map_or(limit, |m| limit.min(m));
    let page = window(&rows, num(p, "Offset").unwrap_or(0), limit);
    let certs: Vec<Value> = page
        .into_iter()
        .map(|(id, c)| ssl_certificate(id, c, now))
        .collect();
    Ok((json!({ "TotalCount": total, "Certificates": certs }), false))
}

/// `DeleteCertificate` of the SSL service: refused while a live domain is bound to it (the
/// SDK's `FailedOperation.BoundResources`).
pub fn ssl_delete_certificate(p: &Value, state: &mut State) -> Outcome {
    let tc = &mut state.tencent;
    let id = text(p, "CertificateId").unwrap_or("");
    if !tc.certs.contains_key(id) {
        return Err(Failure::new(
            200,
            "FailedOperation.CertificateNotFound",
            format!("the certificate {id} does not exist"),
        ));
    }
    let bound: Vec<&String> = tc
        .domains
        .iter()
        .filter(|(_, d)| d.cert_id.as_deref() == Some(id))
        .map(|(name, _)| name)
        .collect();
    if let Some(first) = bound.first() {
        return Err(Failure::new(
            200,
            "FailedOperation.BoundResources",
            format!(
                "the certificate {id} is bound to {} live domain(s), {first} among them",
                bound.len()
            ),
        ));
    }
    tc.certs.remove(id);
    Ok((json!({ "DeleteResult": true }), true))
}

// ---------------------------------------------------------------- Alibaba Cloud ESA

/// A site id as the state keys it: decimal text without leading zeros.
pub fn site_key(p: &Value) -> String {
    match p.get("SiteId") {
        Some(Value::String(s)) => s.trim_start_matches('0').to_string(),
        Some(v) => v.to_string(),
        None => String::new(),
    }
}

fn site_of<'s>(p: &Value, state: &'s State) -> Result<(String, &'s crate::state::Site), Failure> {
    let id = site_key(p);
    match state.aliyun.sites.get(&id) {
        Some(s) => Ok((id, s)),
        None => Err(Failure::new(
            400,
            "SiteNotFound",
            "The specified site is not found.",
        )),
    }
}

/// A site id as the answer writes it: a number (a long), as the cloud does.
fn site_id_json(id: &str) -> Value {
    id.parse::<u64>()
        .map(Value::from)
        .unwrap_or_else(|_| json!(id))
}

fn esa_status(c: &AppliedCert, now: i64) -> &str {
    match c.status.as_str() {
        "Applying" | "ApplyFailed" | "Canceled" => &c.status,
        _ if c.not_after <= now => "Expired",
        _ if c.not_after - now <= 30 * DAY => "Expiring",
        "Issued" => "Issued",
        _ => "OK",
    }
}

/// The SHA-256 of the leaf, as ESA lists it (hex): of the PEM uploaded, else (a certificate of
/// the demo data, which has no PEM) a stand-in made from its id.
fn esa_fingerprint(c: &AppliedCert) -> String {
    match c
        .pem
        .as_deref()
        .and_then(liveops::lifecycle::pem::leaf_fingerprint)
    {
        Some(f) => f.to_uppercase(),
        None if c.not_after == 0 => String::new(),
        None => {
            use sha2::Digest;
            hex::encode_upper(sha2::Sha256::digest(format!("liveops-emulator:{}", c.id)))
        }
    }
}

fn esa_cert(c: &AppliedCert, now: i64) -> Value {
    let t = |x: i64| {
        if x == 0 {
            String::new()
        } else {
            times::plain(x, Zone::Utc)
        }
    };
    json!({
        "Id": c.id, "CasId": "", "Name": c.name, "Type": if c.cert_type == "upload" || c.cert_type == "cas" { c.cert_type.as_str() } else { "free" },
        "Status": esa_status(c, now), "CommonName": c.domain, "SAN": c.names.join(","),
        "NotBefore": t(c.not_before), "NotAfter": t(c.not_after), "CreateTime": times::plain(c.created, Zone::Utc), "UpdateTime": times::plain(c.created, Zone::Utc),
        "Issuer": if c.cert_type == "upload" { "" } else { "Let's Encrypt" }, "IssuerCN": "", "FingerprintSha256": esa_fingerprint(c), "SerialNumber": "",
        "PubAlg": "RSA", "SigAlg": "SHA256-RSA", "Region": "cn-hangzhou", "ApplyCode": 0, "ApplyMessage": "", "DCV": [],
    })
}

pub fn esa_list_sites(p: &Value, state: &State, max_page: Option<u64>) -> Outcome {
    let name = text(p, "SiteName");
    let how = text(p, "SiteSearchType").unwrap_or("exact");
    let status = text(p, "Status");
    let rows: Vec<Value> = state
        .aliyun
        .sites
        .iter()
        .filter(|(_, s)| {
            name.is_none_or(|n| match how {
                "prefix" => s.name.starts_with(n),
                "suffix" => s.name.ends_with(n),
                "fuzzy" => s.name.contains(n),
                _ => s.name == n,
            })
        })
        .map(|(id, s)| {
            json!({
                "SiteId": site_id_json(id), "SiteName": s.name, "Status": if s.active { "active" } else { "pending" },
                "AccessType": s.access_type, "Coverage": "domestic", "CnameZone": "", "CreateTime": "2025-06-01T00:00:00Z",
                "UpdateTime": "2025-06-01T00:00:00Z", "VisitTime": "2025-06-01T00:00:00Z", "InstanceId": "esa-site-demo",
                "NameServerList": "", "PlanName": "basic", "PlanSpecName": "basic", "ResourceGroupId": "", "Tags": {}, "VerifyCode": "",
            })
        })
        .filter(|r| status.is_none_or(|st| r["Status"] == st))
        .collect();
    let total = rows.len();
    let number = num(p, "PageNumber").unwrap_or(1);
    let size = num(p, "PageSize").unwrap_or(500);
    let rows = page(&rows, number, size, max_page);
    Ok((
        json!({ "PageNumber": number, "PageSize": size, "TotalCount": total, "Sites": rows }),
        false,
    ))
}

pub fn esa_list_certificates(p: &Value, state: &State, now: i64, max_page: Option<u64>) -> Outcome {
    let (id, site) = site_of(p, state)?;
    let keyword = text(p, "Keyword");
    let valid_only = boolean(p, "ValidOnly").unwrap_or(false);
    let rows: Vec<Value> = state
        .aliyun
        .certificates
        .iter()
        .filter(|c| c.site_id == id)
        .filter(|c| {
            keyword.is_none_or(|k| c.name.contains(k) || c.names.iter().any(|n| n.contains(k)))
        })
        .map(|c| esa_cert(c, now))
        .filter(|c| {
            !valid_only || matches!(c["Status"].as_str(), Some("OK" | "Expiring" | "Issued"))
        })
        .collect();
    let total = rows.len();
    let number = num(p, "PageNumber").unwrap_or(1);
    let size = num(p, "PageSize").unwrap_or(20);
    let rows = page(&rows, number, size, max_page);
    Ok((
        json!({ "SiteId": site_id_json(&id), "SiteName": site.name, "PageNumber": number, "PageSize": size, "TotalCount": total, "Result": rows }),
        false,
    ))
}

pub fn esa_get_certificate(p: &Value, state: &State, now: i64) -> Outcome {
    let (id, site) = site_of(p, state)?;
    let cert_id = text(p, "Id").unwrap_or("");
    let Some(c) = state
        .aliyun
        .certificates
        .iter()
        .find(|c| c.site_id == id && c.id == cert_id)
    else {
        return Err(Failure::new(
            400,
            "Certificate.NotFound",
            "The certificate does not exist.",
        ));
    };
    let body = esa_cert(c, now);
    Ok((
        json!({ "SiteId": site_id_json(&id), "SiteName": site.name, "Status": body["Status"], "Certificate": c.pem.clone().unwrap_or_default(), "Result": body }),
        false,
    ))
}

pub fn esa_set_certificate(p: &Value, state: &mut State, now: i64) -> Outcome {
    let (site_id, _) = site_of(p, state)?;
    let kind = text(p, "Type").unwrap_or("upload");
    let up = match kind {
        "upload" => read_upload(
            text(p, "Certificate").unwrap_or(""),
            text(p, "PrivateKey").unwrap_or(""),
            400,
            "Certificate.Invalid",
        )?,
        // A certificate from SSL Certificates Service: the emulator has none to read.
        _ => Upload {
            names: Vec::new(),
            not_before: now,
            not_after: now + 365 * DAY,
        },
    };
    let ali = &mut state.aliyun;
    let name = text(p, "Name").unwrap_or("").to_string();
    if let Some(id) = text(p, "Id") {
        let Some(c) = ali
            .certificates
            .iter_mut()
            .find(|c| c.site_id == site_id && c.id == id)
        else {
            return Err(Failure::new(
                400,
                "Certificate.NotFound",
                "The certificate does not exist.",
            ));
        };
        if !matches!(c.cert_type.as_str(), "upload" | "cas") {
            return Err(Failure::new(
                400,
                "Certificate.StatusError",
                "The status of the certificate is invalid.",
            ));
        }
        c.names = up.names;
        c.not_before = up.not_before;
        c.not_after = up.not_after;
        c.pem = text(p, "Certificate").map(str::to_string);
        if !name.is_empty() {
            c.name = name;
        }
        return Ok((json!({ "Id": id }), true));
    }
    if ali.certificates.len() >= MAX_CERTS {
        return Err(Failure::new(
            403,
            "QuotaExceeded",
            "the emulator holds as many certificates as it allows",
        ));
    }
    let id = ali.next_id.to_string();
    ali.next_id = ali
        .next_id
        .checked_add(1)
        .ok_or_else(|| Failure::new(500, "InternalError", "the emulator's id counter is spent"))?;
    ali.certificates.push(AppliedCert {
        id: id.clone(),
        site_id,
        domain: up.names.first().cloned().unwrap_or_default(),
        status: "OK".into(),
        cert_type: kind.into(),
        name,
        names: up.names,
        not_before: up.not_before,
        not_after: up.not_after,
        created: now,
        pem: text(p, "Certificate").map(str::to_string),
    });
    Ok((json!({ "Id": id }), true))
}

pub fn esa_delete_certificate(p: &Value, state: &mut State) -> Outcome {
    let (site_id, site) = site_of(p, state)?;
    let site_name = site.name.clone();
    let cert_id = text(p, "Id").unwrap_or("").to_string();
    let ali = &mut state.aliyun;
    let Some(i) = ali
        .certificates
        .iter()
        .position(|c| c.site_id == site_id && c.id == cert_id)
    else {
        return Err(Failure::new(
            400,
            "Certificate.NotFound",
            "The certificate does not exist.",
        ));
    };
    if ali.certificates[i].status == "Applying" {
        return Err(Failure::new(
            400,
            "Certificate.StatusError",
            "The status of the certificate is invalid.",
        ));
    }
    ali.certificates.remove(i);
    Ok((
        json!({ "Id": cert_id, "SiteId": site_id_json(&site_id), "SiteName": site_name }),
        true,
    ))
}

/// Whether any name of a Tencent certificate covers `domain` (none known: it covers all).
pub fn tencent_covers(names: &[String], domain: &str) -> bool {
    names.is_empty() || names.iter().any(|n| covers(n, domain))
}
