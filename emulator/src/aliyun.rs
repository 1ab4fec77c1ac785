//! Alibaba Cloud ESA as the emulator carries it out: sites, and each site's certificates
//! (`ApplyCertificate`, `SetCertificate`, `ListCertificates`, `GetCertificate`,
//! `DeleteCertificate`) with the fingerprints and statuses the cloud reports.

use liveops::lifecycle::times::{self, Zone};
use serde_json::{json, Map, Value};

use crate::answer::{
    boolean, id_space_spent, num, page, read_upload, text, Failure, Outcome, Upload, DAY, MAX_CERTS,
};
use crate::state::{AppliedCert, State};

// What this cloud does for each of its operations (`clouds::Handle`).
crate::clouds::handlers! {
    EsaApplyCertificate => |p, at| apply_certificate(p, at.state, at.now);
    EsaListSites => |p, at| list_sites(p, at.state, at.max_page);
    EsaListCertificates => |p, at| list_certificates(p, at.state, at.now, at.max_page);
    EsaGetCertificate => |p, at| get_certificate(p, at.state, at.now);
    EsaSetCertificate => |p, at| set_certificate(p, at.state, at.now);
    EsaDeleteCertificate => |p, at| delete_certificate(p, at.state);
}

pub(crate) fn apply_certificate(p: &Value, state: &mut State, now: i64) -> Outcome {
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

/// A site id as the state keys it: decimal text without leading zeros.
pub(crate) fn site_key(p: &Value) -> String {
    match p.get("SiteId") {
        Some(Value::String(s)) => s.trim_start_matches('0').to_string(),
        Some(v) => v.to_string(),
        None => String::new(),
    }
}

pub(crate) fn site_of<'s>(
    p: &Value,
    state: &'s State,
) -> Result<(String, &'s crate::state::Site), Failure> {
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
pub(crate) fn site_id_json(id: &str) -> Value {
    id.parse::<u64>()
        .map(Value::from)
        .unwrap_or_else(|_| json!(id))
}

pub(crate) fn esa_status(c: &AppliedCert, now: i64) -> &str {
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
pub(crate) fn esa_fingerprint(c: &AppliedCert) -> String {
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

pub(crate) fn esa_cert(c: &AppliedCert, now: i64) -> Value {
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

pub(crate) fn list_sites(p: &Value, state: &State, max_page: Option<u64>) -> Outcome {
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

pub(crate) fn list_certificates(
    p: &Value,
    state: &State,
    now: i64,
    max_page: Option<u64>,
) -> Outcome {
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

pub(crate) fn get_certificate(p: &Value, state: &State, now: i64) -> Outcome {
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

pub(crate) fn set_certificate(p: &Value, state: &mut State, now: i64) -> Outcome {
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

pub(crate) fn delete_certificate(p: &Value, state: &mut State) -> Outcome {
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
