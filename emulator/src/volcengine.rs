//! Volcengine Live as the emulator carries it out: URL authentication keys, certificates
//! (`CreateCert`, `ListCertV2`, `DescribeCertDetailSecretV2`, `DeleteCert`) and their bindings.

use liveops::catalog::volcengine_live::CertStatus;
use liveops::lifecycle::times;
use serde_json::{json, Value};

use crate::answer::{num, page, read_upload, rfc3339, text, Failure, Outcome, MAX_CERTS};
use crate::state::{AuthConfig, State, VolcCert};

// What this cloud does for each of its operations (`clouds::Handle`).
crate::clouds::handlers! {
    VolcUpdateAuthKey => |p, at| update_auth_key(p, at.state);
    VolcListCertV2 => |p, at| list_cert_v2(p, at.state, at.now, at.max_page);
    VolcUnbindCert => |p, at| unbind_cert(p, at.state);
    VolcBindCert => |p, at| bind_cert(p, at.state);
    VolcCreateCert => |p, at| create_cert(p, at.state, at.now);
    VolcDeleteCert => |p, at| delete_cert(p, at.state);
    VolcDescribeCertDetailSecretV2 => |p, at| describe_cert(p, at.state, at.now);
    VolcListDomainDetail => |p, at| list_domains(p, at.state, at.max_page);
}

pub(crate) fn update_auth_key(p: &Value, state: &mut State) -> Outcome {
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

pub(crate) fn list_cert_v2(p: &Value, state: &State, now: i64, max_page: Option<u64>) -> Outcome {
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

pub(crate) fn unbind_cert(p: &Value, state: &mut State) -> Outcome {
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
pub(crate) fn bind_cert(p: &Value, state: &mut State) -> Outcome {
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

pub(crate) fn create_cert(p: &Value, state: &mut State, now: i64) -> Outcome {
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

pub(crate) fn delete_cert(p: &Value, state: &mut State) -> Outcome {
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

pub(crate) fn describe_cert(p: &Value, state: &State, now: i64) -> Outcome {
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
            "Status": liveops::catalog::volcengine_live::CertStatus::at(c.not_after, now),
            "SSL": { "Chain": chain, "KeyType": "rsa" },
        }),
        false,
    ))
}

pub(crate) fn list_domains(p: &Value, state: &State, max_page: Option<u64>) -> Outcome {
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
