//! Tencent Cloud as the emulator carries it out: Live's domains and certificate bindings
//! (`ModifyLiveDomainCertBindings` uploads into the SSL service), and the SSL certificate
//! service's listing and deletion.

use liveops::catalog::tencent_live::{
    BatchDomainOperateError, DescribeLiveDomainCertBindingsRequest,
    DescribeLiveDomainCertBindingsResponse, DescribeLiveDomainCertRequest,
    DescribeLiveDomainCertResponse, DescribeLiveDomainsRequest, DescribeLiveDomainsResponse,
    DomainCertInfo, LiveCertDomainInfo, LiveDomainCertBinding, LiveDomainInfo,
    ModifyLiveDomainCertBindingsRequest, ModifyLiveDomainCertBindingsResponse,
};
use liveops::catalog::tencent_ssl::{
    DeleteSslCertificateRequest, DeleteSslCertificateResponse, DescribeCertificateDetailRequest,
    DescribeCertificateDetailResponse, DescribeCertificatesRequest, DescribeCertificatesResponse,
    SslCertificate,
};
use liveops::lifecycle::times::{self, Zone};

use crate::answer::{count_of, page, read_upload, window, Failure, MAX_CERTS};
use crate::state::{covers, State, TencentCert, TencentDomain, TencentState};

// What this cloud does for each of its operations (`clouds::Handle`). Its answer models carry
// the `RequestId`.
crate::clouds::handlers! {
    TcModifyLiveDomainCertBindings(ModifyLiveDomainCertBindingsRequest) -> ModifyLiveDomainCertBindingsResponse
        => |p, at| modify_cert_bindings(p, at.state, at.now, at.request_id);
    TcDescribeLiveDomainCertBindings(DescribeLiveDomainCertBindingsRequest) -> DescribeLiveDomainCertBindingsResponse
        => |p, at| tc_bindings(p, at.state, at.max_page, at.request_id);
    TcDescribeLiveDomainCert(DescribeLiveDomainCertRequest) -> DescribeLiveDomainCertResponse
        => |p, at| tc_domain_cert(p, at.state, at.request_id);
    TcDescribeLiveDomains(DescribeLiveDomainsRequest) -> DescribeLiveDomainsResponse
        => |p, at| tc_domains(p, at.state, at.max_page, at.request_id);
    TcSslDescribeCertificates(DescribeCertificatesRequest) -> DescribeCertificatesResponse
        => |p, at| ssl_describe_certificates(p, at.state, at.now, at.max_page, at.request_id);
    TcSslDeleteCertificate(DeleteSslCertificateRequest) -> DeleteSslCertificateResponse
        => |p, at| ssl_delete_certificate(p, at.state, at.request_id);
    TcSslDescribeCertificateDetail(DescribeCertificateDetailRequest) -> DescribeCertificateDetailResponse
        => |p, at| ssl_describe_certificate_detail(p, at.state, at.now, at.request_id);
}

type Done<T> = Result<(T, bool), Failure>;

/// A non-empty string: the cloud treats an empty optional field as absent.
fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

/// A count or an offset sent as a number: validated as an integer, and never negative where
/// it means a position (a negative one reads as absent).
fn position(n: Option<i64>) -> Option<u64> {
    n.and_then(|n| u64::try_from(n).ok())
}

fn domain_error(name: &str, code: &str, message: &str) -> BatchDomainOperateError {
    BatchDomainOperateError {
        domain_name: name.to_string(),
        code: code.into(),
        message: message.into(),
    }
}

pub(crate) fn modify_cert_bindings(
    p: ModifyLiveDomainCertBindingsRequest,
    state: &mut State,
    now: i64,
    request_id: &str,
) -> Done<ModifyLiveDomainCertBindingsResponse> {
    let tc = &mut state.tencent;
    let cert_id = match given(&p.cloud_cert_id) {
        Some(id) if tc.certs.contains_key(id) => id.to_string(),
        Some(id) => {
            return Err(Failure::new(
                200,
                "FailedOperation.CertificateNotFound",
                format!("certificate {id} does not exist"),
            ));
        }
        None if given(&p.certificate_public_key).is_none() => {
            // Neither an id nor a key pair: only the HTTPS state of bound domains changes.
            return Ok(update_https_only(&p.domain_infos, tc, request_id));
        }
        // A new certificate, read from the key pair's PEM.
        None => tc_upload(&p, tc, now)?,
    };
    let names = tc.certs.get(&cert_id).map(|c| c.domains.clone()).unwrap_or_default();
    let mut mismatched = Vec::new();
    let mut errors = Vec::new();
    for info in &p.domain_infos {
        let name = info.domain_name.as_str();
        let Some(domain) = tc.domains.get_mut(name) else {
            errors.push(domain_error(
                name,
                "ResourceNotFound.DomainNotExist",
                "domain does not exist",
            ));
            continue;
        };
        if !tencent_covers(&names, name) {
            mismatched.push(name.to_string());
            continue;
        }
        domain.cert_id = Some(cert_id.clone());
        match info.status {
            1 => domain.https = true,
            0 => domain.https = false,
            _ => {}
        }
    }
    Ok((
        ModifyLiveDomainCertBindingsResponse {
            request_id: request_id.into(),
            mismatched_domain_names: mismatched,
            errors,
        },
        true,
    ))
}

/// `ModifyLiveDomainCertBindings` with neither `CloudCertId` nor a key pair: each domain keeps
/// its certificate and only turns HTTPS on or off; a domain with none bound is a per-domain error.
pub(crate) fn update_https_only(
    infos: &[LiveCertDomainInfo],
    tc: &mut TencentState,
    request_id: &str,
) -> (ModifyLiveDomainCertBindingsResponse, bool) {
    let mut errors = Vec::new();
    let mut changed = false;
    for info in infos {
        let name = info.domain_name.as_str();
        match tc.domains.get_mut(name) {
            None => errors.push(domain_error(
                name,
                "ResourceNotFound.DomainNotExist",
                "domain does not exist",
            )),
            Some(d) if d.cert_id.is_none() => errors.push(domain_error(
                name,
                "FailedOperation.CertificateNotFound",
                "no certificate is bound to this domain: give CloudCertId or the key pair",
            )),
            Some(d) => {
                let https = match info.status {
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
        ModifyLiveDomainCertBindingsResponse {
            request_id: request_id.into(),
            mismatched_domain_names: Vec::new(),
            errors,
        },
        changed,
    )
}

pub(crate) fn tencent_binding(
    name: &str,
    d: &TencentDomain,
    id: &str,
    c: &TencentCert,
) -> LiveDomainCertBinding {
    LiveDomainCertBinding {
        domain_name: name.to_string(),
        certificate_alias: c.alias.clone(),
        cert_type: 0,
        status: if d.https { 1 } else { 0 },
        cert_expire_time: times::plain(c.not_after, Zone::Beijing),
        cert_id: cert_num(c),
        cloud_cert_id: id.to_string(),
        update_time: Some(times::plain(c.created, Zone::Beijing)),
    }
}

/// The live service's numeric id of a certificate, as the models type it.
fn cert_num(c: &TencentCert) -> i64 {
    i64::try_from(c.num).unwrap_or(i64::MAX)
}

pub(crate) fn tc_bindings(
    p: DescribeLiveDomainCertBindingsRequest,
    state: &State,
    max_page: Option<u64>,
    request_id: &str,
) -> Done<DescribeLiveDomainCertBindingsResponse> {
    let tc = &state.tencent;
    let search = given(&p.domain_search);
    let exact = given(&p.domain_name);
    let mut rows: Vec<(i64, LiveDomainCertBinding)> = tc
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
    match given(&p.order_by) {
        Some("ExpireTimeAsc") => rows.sort_by_key(|(t, _)| *t),
        Some("ExpireTimeDesc") => rows.sort_by_key(|(t, _)| std::cmp::Reverse(*t)),
        _ => {}
    }
    let rows: Vec<LiveDomainCertBinding> = rows.into_iter().map(|(_, v)| v).collect();
    let total = count_of(rows.len());
    let len = position(p.length).unwrap_or(50);
    let len = max_page.map_or(len, |m| len.min(m));
    let rows = window(&rows, position(p.offset).unwrap_or(0), len);
    Ok((
        DescribeLiveDomainCertBindingsResponse {
            live_domain_cert_bindings: rows,
            total_num: total,
            request_id: request_id.into(),
        },
        false,
    ))
}

pub(crate) fn tc_domain_cert(
    p: DescribeLiveDomainCertRequest,
    state: &State,
    request_id: &str,
) -> Done<DescribeLiveDomainCertResponse> {
    let tc = &state.tencent;
    let name = p.domain_name;
    let found = tc
        .domains
        .get(&name)
        .and_then(|d| d.cert_id.as_deref())
        .and_then(|id| Some((id, tc.certs.get(id)?)));
    let Some((id, c)) = found else {
        return Err(Failure::new(
            200,
            "ResourceNotFound.CrtDomainNotFound",
            format!("no certificate information found for {name}"),
        ));
    };
    let info = DomainCertInfo {
        cert_id: cert_num(c),
        cert_name: c.alias.clone(),
        description: String::new(),
        create_time: times::plain(c.created, Zone::Beijing),
        https_crt: c.pem.clone().unwrap_or_default(),
        cert_type: 0,
        cert_expire_time: times::plain(c.not_after, Zone::Beijing),
        status: 1,
        cert_domains: c.domains.clone(),
        cloud_cert_id: id.to_string(),
        domain_name: name,
    };
    Ok((
        DescribeLiveDomainCertResponse { domain_cert_info: info, request_id: request_id.into() },
        false,
    ))
}

/// `DomainList[]` of `DescribeLiveDomains`: every domain of the state is an enabled playback
/// domain of mainland China.
fn live_domain(name: &str) -> LiveDomainInfo {
    let cname = format!("{name}.livecdn.liveplay.myqcloud.com");
    LiveDomainInfo {
        name: name.to_string(),
        r#type: 1,
        status: 1,
        create_time: "2025-06-01 08:00:00".into(),
        bc_name: 1,
        target_domain: cname.clone(),
        play_type: 1,
        is_delay_live: 0,
        current_c_name: cname,
        rent_tag: 0,
        rent_expire_time: "0000-00-00 00:00:00".into(),
        is_mini_program_live: 0,
    }
}

pub(crate) fn tc_domains(
    p: DescribeLiveDomainsRequest,
    state: &State,
    max_page: Option<u64>,
    request_id: &str,
) -> Done<DescribeLiveDomainsResponse> {
    let tc = &state.tencent;
    let prefix = given(&p.domain_prefix);
    let rows: Vec<LiveDomainInfo> = tc
        .domains
        .keys()
        .filter(|n| prefix.is_none_or(|pre| n.starts_with(pre)))
        .map(|n| live_domain(n))
        .filter(|r| {
            p.domain_status.is_none_or(|s| r.status == s)
                && p.domain_type.is_none_or(|t| r.r#type == t)
                && p.play_type.is_none_or(|t| r.play_type == t)
                && p.is_delay_live.is_none_or(|t| r.is_delay_live == t)
        })
        .collect();
    let total = rows.len();
    // PageSize outside 10–100 is clamped (whether the cloud refuses is not documented).
    let size = position(p.page_size).unwrap_or(10).clamp(10, 100);
    let rows = page(&rows, position(p.page_num).unwrap_or(1), size, max_page);
    Ok((
        DescribeLiveDomainsResponse {
            all_count: count_of(total),
            domain_list: rows,
            create_limit_count: Some(count_of(100usize.saturating_sub(total))),
            play_type_count: Some(vec![count_of(total), 0, 0]),
            request_id: request_id.into(),
        },
        false,
    ))
}

/// `ModifyLiveDomainCertBindings` with a key pair: a new certificate read from its PEM.
pub(crate) fn tc_upload(
    p: &ModifyLiveDomainCertBindingsRequest,
    tc: &mut TencentState,
    now: i64,
) -> Result<String, Failure> {
    let cert = p.certificate_public_key.as_deref().unwrap_or("");
    let key = p.certificate_private_key.as_deref().unwrap_or("");
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
            alias: given(&p.certificate_alias).unwrap_or("uploaded").into(),
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
pub(crate) fn ssl_certificate(id: &str, c: &TencentCert, now: i64) -> SslCertificate {
    let status = if c.not_after <= now { 3 } else { 1 };
    SslCertificate {
        certificate_id: id.to_string(),
        from: if c.pem.is_some() { "upload" } else { "trustasia" }.into(),
        certificate_type: "SVR".into(),
        domain: c.domains.first().cloned().unwrap_or_default(),
        alias: c.alias.clone(),
        status,
        status_name: if status == 3 { "已过期" } else { "证书已颁发" }.into(),
        cert_begin_time: times::plain(c.created, Zone::Beijing),
        cert_end_time: times::plain(c.not_after, Zone::Beijing),
        insert_time: times::plain(c.created, Zone::Beijing),
        subject_alt_name: c.domains.clone(),
        is_expiring: c.not_after > now && c.not_after - now <= 30 * 86_400,
        deployable: true,
    }
}

/// `DescribeCertificates`: every certificate the account has (uploaded through Live included),
/// newest first, `Limit` (default 10, at most 1000) from `Offset`.
pub(crate) fn ssl_describe_certificates(
    p: DescribeCertificatesRequest,
    state: &State,
    now: i64,
    max_page: Option<u64>,
    request_id: &str,
) -> Done<DescribeCertificatesResponse> {
    let tc = &state.tencent;
    let search = given(&p.search_key);
    let ids = p.cert_ids.as_deref();
    let uploaded_only = match given(&p.filter_source) {
        Some("upload") => Some(true),
        Some("buy") => Some(false),
        _ => None,
    };
    let expiring_only = p.filter_expiring == Some(1);
    let mut rows: Vec<(&String, &TencentCert)> = tc
        .certs
        .iter()
        .filter(|(id, c)| {
            search.is_none_or(|s| {
                id.contains(s) || c.alias.contains(s) || c.domains.iter().any(|d| d.contains(s))
            }) && ids.is_none_or(|ids| ids.contains(id))
                && uploaded_only.is_none_or(|u| c.pem.is_some() == u)
                && (!expiring_only || (c.not_after > now && c.not_after - now <= 30 * 86_400))
        })
        .collect();
    match given(&p.expiration_sort) {
        Some("ASC") => rows.sort_by_key(|(_, c)| c.not_after),
        Some("DESC") => rows.sort_by_key(|(_, c)| std::cmp::Reverse(c.not_after)),
        _ => rows.sort_by_key(|(_, c)| std::cmp::Reverse(c.created)),
    }
    let total = rows.len();
    let limit = position(p.limit).unwrap_or(10).min(1000);
    let limit = max_page.map_or(limit, |m| limit.min(m));
    let page = window(&rows, position(p.offset).unwrap_or(0), limit);
    let certs: Vec<SslCertificate> =
        page.into_iter().map(|(id, c)| ssl_certificate(id, c, now)).collect();
    Ok((
        DescribeCertificatesResponse {
            total_count: count_of(total),
            certificates: certs,
            request_id: request_id.into(),
        },
        false,
    ))
}

/// `DeleteCertificate` of the SSL service: refused while a live domain is bound to it (the
/// SDK's `FailedOperation.BoundResources`).
pub(crate) fn ssl_delete_certificate(
    p: DeleteSslCertificateRequest,
    state: &mut State,
    request_id: &str,
) -> Done<DeleteSslCertificateResponse> {
    let tc = &mut state.tencent;
    let id = p.certificate_id.as_str();
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
    Ok((
        DeleteSslCertificateResponse {
            delete_result: true,
            task_id: None,
            request_id: request_id.into(),
        },
        true,
    ))
}

/// `DescribeCertificateDetail`: one certificate of the SSL service, its chain among the rest
/// (the emulator keeps no private keys, which the cloud may also answer as null).
pub(crate) fn ssl_describe_certificate_detail(
    p: DescribeCertificateDetailRequest,
    state: &State,
    now: i64,
    request_id: &str,
) -> Done<DescribeCertificateDetailResponse> {
    let id = p.certificate_id.as_str();
    let Some(c) = state.tencent.certs.get(id) else {
        return Err(Failure::new(
            200,
            "FailedOperation.CertificateNotFound",
            format!("the certificate {id} does not exist"),
        ));
    };
    let listed = ssl_certificate(id, c, now);
    Ok((
        DescribeCertificateDetailResponse {
            certificate_id: Some(listed.certificate_id),
            from: Some(listed.from),
            certificate_type: Some(listed.certificate_type),
            domain: Some(listed.domain),
            alias: Some(listed.alias),
            status: Some(listed.status),
            status_name: Some(listed.status_name),
            subject_alt_name: Some(listed.subject_alt_name),
            cert_begin_time: Some(listed.cert_begin_time),
            cert_end_time: Some(listed.cert_end_time),
            insert_time: Some(listed.insert_time),
            is_expiring: Some(listed.is_expiring),
            deployable: Some(listed.deployable),
            certificate_public_key: c.pem.clone(),
            certificate_private_key: None,
            cert_fingerprint: None,
            request_id: request_id.into(),
        },
        false,
    ))
}
