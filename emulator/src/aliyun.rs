//! Alibaba Cloud ESA as the emulator carries it out: sites, and each site's certificates
//! (`ApplyCertificate`, `SetCertificate`, `ListCertificates`, `GetCertificate`,
//! `DeleteCertificate`) with the fingerprints and statuses the cloud reports.

use liveops::catalog::aliyun_esa::{
    AppliedCertificate, ApplyCertificateRequest, ApplyCertificateResponse,
    DeleteCertificateRequest, DeleteCertificateResponse, EsaCertificate, GetCertificateRequest,
    GetCertificateResponse, ListCertificatesRequest, ListCertificatesResponse, ListSitesRequest,
    ListSitesResponse, SetCertificateRequest, SetCertificateResponse, SiteId, SiteInfo,
};
use liveops::lifecycle::times::{self, Zone};

use crate::answer::{count_of, id_space_spent, page, read_upload, Failure, Upload, DAY, MAX_CERTS};
use crate::state::{AppliedCert, Site, State};

// What this cloud does for each of its operations (`clouds::Handle`). Its answer models carry
// the `RequestId`.
crate::clouds::handlers! {
    EsaApplyCertificate(ApplyCertificateRequest) -> ApplyCertificateResponse
        => |p, at| apply_certificate(p, at.state, at.now, at.request_id);
    EsaListSites(ListSitesRequest) -> ListSitesResponse
        => |p, at| list_sites(p, at.state, at.max_page, at.request_id);
    EsaListCertificates(ListCertificatesRequest) -> ListCertificatesResponse
        => |p, at| list_certificates(p, at.state, at.now, at.max_page, at.request_id);
    EsaGetCertificate(GetCertificateRequest) -> GetCertificateResponse
        => |p, at| get_certificate(p, at.state, at.now, at.request_id);
    EsaSetCertificate(SetCertificateRequest) -> SetCertificateResponse
        => |p, at| set_certificate(p, at.state, at.now, at.request_id);
    EsaDeleteCertificate(DeleteCertificateRequest) -> DeleteCertificateResponse
        => |p, at| delete_certificate(p, at.state, at.request_id);
}

type Done<T> = Result<(T, bool), Failure>;

/// A non-empty string: the cloud treats an empty optional field as absent.
fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

/// A page number or size as sent; a negative one reads as absent.
fn position(n: Option<i64>) -> Option<u64> {
    n.and_then(|n| u64::try_from(n).ok())
}

pub(crate) fn apply_certificate(
    p: ApplyCertificateRequest,
    state: &mut State,
    now: i64,
    request_id: &str,
) -> Done<ApplyCertificateResponse> {
    let ali = &mut state.aliyun;
    let site_id = site_key(&p.site_id);
    let Some(site) = ali.sites.get(&site_id).cloned() else {
        return Err(Failure::new(404, "SiteNotFound", format!("site {site_id} does not exist")));
    };
    if !site.active {
        return Err(Failure::new(400, "SiteNotActivated", "the site is not activated"));
    }
    let cert_type = given(&p.r#type).unwrap_or("lets_encrypt");
    if cert_type == "digicert_wildcard" && site.access_type != "NS" {
        return Err(Failure::new(
            400,
            "InvalidParameter.Type",
            "a wildcard certificate needs the site connected by NS",
        ));
    }
    let domains: Vec<String> = p.domains.split(',').map(|d| d.trim().to_string()).collect();
    for d in &domains {
        let bare = d.strip_prefix("*.").unwrap_or(d);
        if bare != site.name && !bare.ends_with(&format!(".{}", site.name)) {
            return Err(Failure::new(
                400,
                "InvalidParameter.Domains",
                format!("{d} does not belong to site {}", site.name),
            ));
        }
        if ali.certificates.iter().any(|c| c.site_id == site_id && &c.domain == d) {
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
        result.push(AppliedCertificate {
            domain: d.clone(),
            status: "Applying".into(),
            id: id.clone(),
        });
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
    Ok((
        ApplyCertificateResponse {
            request_id: request_id.into(),
            site_name: site.name,
            total_count: count_of(result.len()),
            result,
        },
        true,
    ))
}

/// A site id as the state keys it: decimal text without leading zeros.
pub(crate) fn site_key(id: &SiteId) -> String {
    match id {
        SiteId::Number(n) => n.to_string(),
        SiteId::Text(s) => s.trim_start_matches('0').to_string(),
    }
}

pub(crate) fn site_of<'s>(id: &SiteId, state: &'s State) -> Result<(String, &'s Site), Failure> {
    let id = site_key(id);
    match state.aliyun.sites.get(&id) {
        Some(s) => Ok((id, s)),
        None => Err(Failure::new(400, "SiteNotFound", "The specified site is not found.")),
    }
}

/// A site id as the answer writes it: a number (a long), as the cloud does.
pub(crate) fn site_id_of(id: &str) -> SiteId {
    id.parse::<i64>().map_or_else(|_| SiteId::Text(id.to_string()), SiteId::Number)
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
    match c.pem.as_deref().and_then(liveops::lifecycle::pem::leaf_fingerprint) {
        Some(f) => f.to_uppercase(),
        None if c.not_after == 0 => String::new(),
        None => {
            use sha2::Digest;
            hex::encode_upper(sha2::Sha256::digest(format!("liveops-emulator:{}", c.id)))
        }
    }
}

pub(crate) fn esa_cert(c: &AppliedCert, now: i64) -> EsaCertificate {
    // A free certificate still being applied for has no dates yet.
    let t = |x: i64| {
        if x == 0 {
            String::new()
        } else {
            times::plain(x, Zone::Utc)
        }
    };
    let kind = match c.cert_type.as_str() {
        "upload" | "cas" => c.cert_type.as_str(),
        _ => "free",
    };
    EsaCertificate {
        id: c.id.clone(),
        cas_id: String::new(),
        name: c.name.clone(),
        r#type: kind.into(),
        status: esa_status(c, now).into(),
        common_name: c.domain.clone(),
        san: c.names.join(","),
        not_before: t(c.not_before),
        not_after: t(c.not_after),
        issuer: if c.cert_type == "upload" { "" } else { "Let's Encrypt" }.into(),
        issuer_cn: String::new(),
        fingerprint_sha256: esa_fingerprint(c),
        serial_number: String::new(),
        pub_alg: "RSA".into(),
        sig_alg: "SHA256-RSA".into(),
        create_time: times::plain(c.created, Zone::Utc),
        update_time: times::plain(c.created, Zone::Utc),
        region: "cn-hangzhou".into(),
        apply_code: 0,
        apply_message: String::new(),
        dcv: Vec::new(),
    }
}

/// `Sites[]` of `ListSites`: one site of the state, on the basic plan.
fn site_info(id: &str, s: &Site) -> SiteInfo {
    let at = "2025-06-01T00:00:00Z";
    SiteInfo {
        site_id: site_id_of(id),
        site_name: s.name.clone(),
        status: if s.active { "active" } else { "pending" }.into(),
        access_type: s.access_type.clone(),
        coverage: "domestic".into(),
        cname_zone: String::new(),
        create_time: at.into(),
        update_time: at.into(),
        visit_time: at.into(),
        instance_id: "esa-site-demo".into(),
        name_server_list: String::new(),
        plan_name: "basic".into(),
        plan_spec_name: "basic".into(),
        resource_group_id: String::new(),
        tags: serde_json::Map::new(),
        verify_code: String::new(),
    }
}

pub(crate) fn list_sites(
    p: ListSitesRequest,
    state: &State,
    max_page: Option<u64>,
    request_id: &str,
) -> Done<ListSitesResponse> {
    let name = given(&p.site_name);
    let how = given(&p.site_search_type).unwrap_or("exact");
    let status = given(&p.status);
    let rows: Vec<SiteInfo> = state
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
        .map(|(id, s)| site_info(id, s))
        .filter(|r| status.is_none_or(|st| r.status == st))
        .collect();
    let total = rows.len();
    let number = position(p.page_number).unwrap_or(1);
    let size = position(p.page_size).unwrap_or(500);
    let rows = page(&rows, number, size, max_page);
    Ok((
        ListSitesResponse {
            request_id: request_id.into(),
            page_number: number_of(number),
            page_size: number_of(size),
            total_count: count_of(total),
            sites: rows,
        },
        false,
    ))
}

/// A page number or size as the answer echoes it.
fn number_of(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

pub(crate) fn list_certificates(
    p: ListCertificatesRequest,
    state: &State,
    now: i64,
    max_page: Option<u64>,
    request_id: &str,
) -> Done<ListCertificatesResponse> {
    let (id, site) = site_of(&p.site_id, state)?;
    let keyword = given(&p.keyword);
    let valid_only = p.valid_only.unwrap_or(false);
    let rows: Vec<EsaCertificate> = state
        .aliyun
        .certificates
        .iter()
        .filter(|c| c.site_id == id)
        .filter(|c| {
            keyword.is_none_or(|k| c.name.contains(k) || c.names.iter().any(|n| n.contains(k)))
        })
        .map(|c| esa_cert(c, now))
        .filter(|c| !valid_only || matches!(c.status.as_str(), "OK" | "Expiring" | "Issued"))
        .collect();
    let total = rows.len();
    let number = position(p.page_number).unwrap_or(1);
    let size = position(p.page_size).unwrap_or(20);
    let rows = page(&rows, number, size, max_page);
    Ok((
        ListCertificatesResponse {
            request_id: request_id.into(),
            site_id: site_id_of(&id),
            site_name: site.name.clone(),
            page_number: number_of(number),
            page_size: number_of(size),
            total_count: count_of(total),
            result: rows,
        },
        false,
    ))
}

pub(crate) fn get_certificate(
    p: GetCertificateRequest,
    state: &State,
    now: i64,
    request_id: &str,
) -> Done<GetCertificateResponse> {
    let (id, site) = site_of(&p.site_id, state)?;
    let Some(c) = state.aliyun.certificates.iter().find(|c| c.site_id == id && c.id == p.id) else {
        return Err(Failure::new(400, "Certificate.NotFound", "The certificate does not exist."));
    };
    let body = esa_cert(c, now);
    Ok((
        GetCertificateResponse {
            request_id: request_id.into(),
            site_id: site_id_of(&id),
            site_name: site.name.clone(),
            status: body.status.clone(),
            certificate: c.pem.clone().unwrap_or_default(),
            result: body,
        },
        false,
    ))
}

pub(crate) fn set_certificate(
    p: SetCertificateRequest,
    state: &mut State,
    now: i64,
    request_id: &str,
) -> Done<SetCertificateResponse> {
    let (site_id, _) = site_of(&p.site_id, state)?;
    let certificate = given(&p.certificate);
    let up = match p.r#type.as_str() {
        "upload" => read_upload(
            certificate.unwrap_or(""),
            p.private_key.as_deref().unwrap_or(""),
            400,
            "Certificate.Invalid",
        )?,
        // A certificate from SSL Certificates Service: the emulator has none to read.
        _ => Upload { names: Vec::new(), not_before: now, not_after: now + 365 * DAY },
    };
    let ali = &mut state.aliyun;
    let name = p.name.clone().unwrap_or_default();
    let answer = |id: String| SetCertificateResponse { request_id: request_id.into(), id };
    if let Some(id) = given(&p.id) {
        let Some(c) = ali.certificates.iter_mut().find(|c| c.site_id == site_id && c.id == id)
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
        c.pem = certificate.map(str::to_string);
        if !name.is_empty() {
            c.name = name;
        }
        return Ok((answer(id.to_string()), true));
    }
    if ali.certificates.len() >= MAX_CERTS {
        return Err(Failure::new(
            403,
            "QuotaExceeded",
            "the emulator holds as many certificates as it allows",
        ));
    }
    let id = ali.next_id.to_string();
    ali.next_id = ali.next_id.checked_add(1).ok_or_else(id_space_spent)?;
    ali.certificates.push(AppliedCert {
        id: id.clone(),
        site_id,
        domain: up.names.first().cloned().unwrap_or_default(),
        status: "OK".into(),
        cert_type: p.r#type.clone(),
        name,
        names: up.names,
        not_before: up.not_before,
        not_after: up.not_after,
        created: now,
        pem: certificate.map(str::to_string),
    });
    Ok((answer(id), true))
}

pub(crate) fn delete_certificate(
    p: DeleteCertificateRequest,
    state: &mut State,
    request_id: &str,
) -> Done<DeleteCertificateResponse> {
    let (site_id, site) = site_of(&p.site_id, state)?;
    let site_name = site.name.clone();
    let cert_id = p.id;
    let ali = &mut state.aliyun;
    let Some(i) = ali.certificates.iter().position(|c| c.site_id == site_id && c.id == cert_id)
    else {
        return Err(Failure::new(400, "Certificate.NotFound", "The certificate does not exist."));
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
        DeleteCertificateResponse {
            request_id: request_id.into(),
            id: cert_id,
            site_id: site_id_of(&site_id),
            site_name,
        },
        true,
    ))
}
