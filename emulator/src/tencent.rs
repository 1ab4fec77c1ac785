//! Tencent Cloud as the emulator carries it out: Live's domains and certificate bindings
//! (`ModifyLiveDomainCertBindings` uploads into the SSL service), and the SSL certificate
//! service's listing and deletion.

use liveops::lifecycle::times::{self, Zone};
use serde_json::{json, Value};

use crate::answer::{num, page, read_upload, text, window, Failure, Outcome, MAX_CERTS};
use crate::state::{covers, State, TencentCert};

// What this cloud does for each of its operations (`clouds::Handle`).
crate::clouds::handlers! {
    TcModifyLiveDomainCertBindings => |p, at| modify_cert_bindings(p, at.state, at.now);
    TcDescribeLiveDomainCertBindings => |p, at| tc_bindings(p, at.state, at.max_page);
    TcDescribeLiveDomainCert => |p, at| tc_domain_cert(p, at.state);
    TcDescribeLiveDomains => |p, at| tc_domains(p, at.state, at.max_page);
    TcSslDescribeCertificates => |p, at| ssl_describe_certificates(p, at.state, at.now, at.max_page);
    TcSslDeleteCertificate => |p, at| ssl_delete_certificate(p, at.state);
    TcSslDescribeCertificateDetail => |p, at| ssl_describe_certificate_detail(p, at.state, at.now);
}

pub(crate) fn modify_cert_bindings(p: &Value, state: &mut State, now: i64) -> Outcome {
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
        None => tc_upload(p, tc, now)?,
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
        if !tencent_covers(&names, name) {
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
pub(crate) fn update_https_only(p: &Value, tc: &mut crate::state::TencentState) -> (Value, bool) {
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

pub(crate) fn tencent_binding(
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

pub(crate) fn tc_bindings(p: &Value, state: &State, max_page: Option<u64>) -> Outcome {
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

pub(crate) fn tc_domain_cert(p: &Value, state: &State) -> Outcome {
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

pub(crate) fn tc_domains(p: &Value, state: &State, max_page: Option<u64>) -> Outcome {
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
pub(crate) fn tc_upload(
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

/// Whether any name of a Tencent certificate covers `domain` (none known: it covers all).
pub(crate) fn tencent_covers(names: &[String], domain: &str) -> bool {
    names.is_empty() || names.iter().any(|n| covers(n, domain))
}

/// A Tencent certificate as the SSL service's `DescribeCertificates` lists it.
pub(crate) fn ssl_certificate(id: &str, c: &TencentCert, now: i64) -> Value {
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
pub(crate) fn ssl_describe_certificates(
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
pub(crate) fn ssl_delete_certificate(p: &Value, state: &mut State) -> Outcome {
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

/// `DescribeCertificateDetail`: one certificate of the SSL service, its chain among the rest
/// (the emulator keeps no private keys, which the cloud may also answer as null).
pub(crate) fn ssl_describe_certificate_detail(p: &Value, state: &State, now: i64) -> Outcome {
    let id = text(p, "CertificateId").unwrap_or("");
    let Some(c) = state.tencent.certs.get(id) else {
        return Err(Failure::new(
            200,
            "FailedOperation.CertificateNotFound",
            format!("the certificate {id} does not exist"),
        ));
    };
    let mut detail = ssl_certificate(id, c, now);
    detail["CertificatePublicKey"] = c.pem.clone().map_or(Value::Null, Value::String);
    detail["CertificatePrivateKey"] = Value::Null;
    Ok((detail, false))
}
