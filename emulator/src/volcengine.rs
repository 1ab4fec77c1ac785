//! Volcengine Live as the emulator carries it out: URL authentication keys, certificates
//! (`CreateCert`, `ListCertV2`, `DescribeCertDetailSecretV2`, `DeleteCert`) and their bindings.

use liveops::catalog::volcengine_live::{
    BindCertRequest, CertDetail, CertInfo, CertSsl, CertStatus, CreateCertRequest,
    CreateCertResult, DeleteCertRequest, DescribeCertDetailSecretV2Request, DomainDetail,
    ExpirationInfo, ListCertV2Request, ListCertV2Result, ListDomainDetailRequest,
    ListDomainDetailResult, UnbindCertRequest, UpdateAuthKey2025Request, UpdateAuthKeyRequest,
};
use liveops::catalog::Contract;
use liveops::lifecycle::times;
use serde_json::Value;

use crate::answer::{count_of, page, read_upload, rfc3339, Failure, MAX_CERTS};
use crate::state::{AuthConfig, State, VolcCert};

// What this cloud does for each of its operations (`clouds::Handle`). Operations whose answer
// has no `Result` answer `()`.
crate::clouds::handlers! {
    VolcUpdateAuthKey(AuthKeyUpdate, decoded by AuthKeyUpdate::decode) -> () => |p, at| update_auth_key(p, at.state);
    VolcListCertV2(ListCertV2Request) -> ListCertV2Result => |p, at| list_cert_v2(p, at.state, at.now, at.max_page);
    VolcUnbindCert(UnbindCertRequest) -> () => |p, at| unbind_cert(p, at.state);
    VolcBindCert(BindCertRequest) -> () => |p, at| bind_cert(p, at.state);
    VolcCreateCert(CreateCertRequest) -> CreateCertResult => |p, at| create_cert(p, at.state, at.now);
    VolcDeleteCert(DeleteCertRequest) -> () => |p, at| delete_cert(p, at.state);
    VolcDescribeCertDetailSecretV2(DescribeCertDetailSecretV2Request) -> CertDetail => |p, at| describe_cert(p, at.state, at.now);
    VolcListDomainDetail(ListDomainDetailRequest) -> ListDomainDetailResult => |p, at| list_domains(p, at.state, at.max_page);
}

type Done<T> = Result<(T, bool), Failure>;

/// An `UpdateAuthKey` request under the contract the emulator serves (`--contract`): the
/// 2025-09 one has no `Vhost` or `App`, and an `AuthType` in each key.
pub(crate) enum AuthKeyUpdate {
    V2023(UpdateAuthKeyRequest),
    V2025(UpdateAuthKey2025Request),
}

impl AuthKeyUpdate {
    fn decode(payload: Value, contract: Contract) -> serde_json::Result<AuthKeyUpdate> {
        Ok(match contract {
            Contract::V2023_10 => AuthKeyUpdate::V2023(serde_json::from_value(payload)?),
            Contract::V2025_09 => AuthKeyUpdate::V2025(serde_json::from_value(payload)?),
        })
    }
}

/// A non-empty string: the clouds treat an empty optional field as absent.
fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

/// What an `UpdateAuthKey` request says, whichever its contract.
struct AuthKeys<'a> {
    domain: Option<&'a str>,
    vhost: Option<&'a str>,
    app: &'a str,
    scene: &'a str,
    /// `AuthDetailList` as the model writes it, keys included.
    keys: Value,
    valid_duration: i64,
    push_pull_enable: Option<bool>,
}

impl AuthKeyUpdate {
    fn keys(&self) -> AuthKeys<'_> {
        // The models' entries hold strings, maps of strings and lists of strings: they always
        // convert.
        fn list<T: serde::Serialize>(entries: &[T]) -> Value {
            serde_json::to_value(entries).unwrap_or_default()
        }
        match self {
            AuthKeyUpdate::V2023(r) => AuthKeys {
                domain: given(&r.domain),
                vhost: given(&r.vhost),
                app: r.app.as_deref().unwrap_or(""),
                scene: &r.scene_type,
                keys: list(&r.auth_detail_list),
                valid_duration: r.valid_duration.unwrap_or(604_800),
                push_pull_enable: r.push_pull_enable,
            },
            // No vhost or app in this contract, and the documented default duration is 0.
            AuthKeyUpdate::V2025(r) => AuthKeys {
                domain: Some(&r.domain),
                vhost: None,
                app: "",
                scene: &r.scene_type,
                keys: list(&r.auth_detail_list),
                valid_duration: r.valid_duration.unwrap_or(0),
                push_pull_enable: r.push_pull_enable,
            },
        }
    }
}

pub(crate) fn update_auth_key(p: AuthKeyUpdate, state: &mut State) -> Done<()> {
    let p = p.keys();
    let volc = &mut state.volcengine;
    let target = match (p.domain, p.vhost) {
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
    let key = format!("{target}|{}|{}", p.app, p.scene);
    // Absent PushPullEnable: false on create, unchanged on update.
    let enable = p
        .push_pull_enable
        .or_else(|| volc.auth.get(&key).map(|c| c.push_pull_enable))
        .unwrap_or(false);
    let config = AuthConfig {
        auth_detail_list: p.keys,
        valid_duration: p.valid_duration,
        push_pull_enable: enable,
    };
    volc.auth.insert(key, config);
    Ok(((), true))
}

/// `CertList[]` of `ListCertV2`: one certificate as the cloud lists it at `now`.
fn cert_info(c: &VolcCert, now: i64) -> CertInfo {
    CertInfo {
        cert_id: c.cert_id.clone(),
        cert_name: c.cert_name.clone(),
        cert_domain_list: c.domains.clone(),
        chain_id: c.chain_id.clone(),
        chain_id_volc: format!("volc-{}", c.chain_id),
        not_before: rfc3339(c.not_before),
        not_after: rfc3339(c.not_after),
        status: CertStatus::at(c.not_after, now),
        create_time: Some(rfc3339(c.created)),
        project_name: Some(c.project_name.clone()),
    }
}

pub(crate) fn list_cert_v2(
    p: ListCertV2Request,
    state: &State,
    now: i64,
    max_page: Option<u64>,
) -> Done<ListCertV2Result> {
    let available = p.available;
    // Expiring is honoured only together with Available, as the SDK does.
    let expiring = available.and(p.expiring).unwrap_or(false);
    let domain = given(&p.domain);
    let name = given(&p.cert_name).map(str::to_lowercase);
    let project = given(&p.project_name);
    let volc = &state.volcengine;
    let matching: Vec<CertInfo> = volc
        .certs
        .iter()
        .filter(|c| c.available == available.unwrap_or(true))
        .filter(|c| !expiring || CertStatus::at(c.not_after, now) == CertStatus::Expire)
        .filter(|c| {
            domain.is_none_or(|d| {
                c.domains.iter().any(|x| x == d)
                    || volc.domains.get(d).is_some_and(|b| b.cert_id.as_deref() == Some(&c.cert_id))
            })
        })
        .filter(|c| name.as_deref().is_none_or(|n| c.cert_name.to_lowercase().contains(n)))
        .filter(|c| project.is_none_or(|pn| c.project_name == pn))
        .map(|c| cert_info(c, now))
        .collect();
    let count = |s: CertStatus| matching.iter().filter(|c| c.status == s).count();
    let expire = count(CertStatus::Expire);
    let active = count(CertStatus::Ok);
    let closing = matching.len() - expire - active;
    let total = matching.len();
    let page = match (p.page_num, p.page_size) {
        (Some(num), Some(size)) if size > 0 => {
            // Validated: both at least 1.
            let (num, size) = (num.unsigned_abs(), size.unsigned_abs());
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
        ListCertV2Result {
            cert_list: page,
            total: Some(count_of(total)),
            expiration_info: Some(ExpirationInfo {
                active_num: count_of(active),
                closing_expire_num: count_of(closing),
                expire_num: count_of(expire),
            }),
        },
        false,
    ))
}

pub(crate) fn unbind_cert(p: UnbindCertRequest, state: &mut State) -> Done<()> {
    let domain = p.domain;
    match state.volcengine.domains.get_mut(&domain) {
        Some(d) => {
            let changed = d.cert_id.take().is_some();
            Ok(((), changed))
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
pub(crate) fn bind_cert(p: BindCertRequest, state: &mut State) -> Done<()> {
    let volc = &mut state.volcengine;
    let chain = p.chain_id;
    let Some(cert) = volc.certs.iter().find(|c| c.chain_id == chain) else {
        return Err(Failure::new(
            403,
            "RequestForbidden",
            format!("no certificate with chain id {chain} in this account"),
        ));
    };
    let cert_id = cert.cert_id.clone();
    let domain = p.domain;
    let Some(d) = volc.domains.get_mut(&domain) else {
        return Err(Failure::new(
            404,
            "ResourceNotFound.Domain",
            format!("domain {domain} does not exist"),
        ));
    };
    let https = p.https.unwrap_or(false);
    let changed = d.cert_id.as_deref() != Some(cert_id.as_str()) || d.https != https;
    d.cert_id = Some(cert_id);
    d.https = https;
    Ok(((), changed))
}

pub(crate) fn create_cert(
    p: CreateCertRequest,
    state: &mut State,
    now: i64,
) -> Done<CreateCertResult> {
    let pubkey = p.rsa.pubkey;
    let up = read_upload(&pubkey, &p.rsa.prikey, 400, "InvalidParam")?;
    let volc = &mut state.volcengine;
    let name = p.cert_name.unwrap_or_default();
    let created = |chain: String| CreateCertResult {
        chain_id: chain,
        domain: None,
        use_way: Some("https".into()),
    };
    if let Some(chain) = given(&p.chain_id) {
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
        c.pem = Some(pubkey);
        if !name.is_empty() {
            c.cert_name = name;
        }
        return Ok((created(chain.to_string()), true));
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
        project_name: given(&p.project_name).unwrap_or("default").into(),
        pem: Some(pubkey),
    });
    Ok((created(chain), true))
}

pub(crate) fn delete_cert(p: DeleteCertRequest, state: &mut State) -> Done<()> {
    let volc = &mut state.volcengine;
    let chain = p.chain_id;
    let Some(i) = volc.certs.iter().position(|c| c.chain_id == chain) else {
        return Err(Failure::new(
            403,
            "RequestForbidden",
            format!("no certificate with chain id {chain} in this account"),
        ));
    };
    let cert_id = volc.certs[i].cert_id.clone();
    if let Some((d, _)) = volc.domains.iter().find(|(_, d)| d.cert_id.as_deref() == Some(&cert_id))
    {
        return Err(Failure::new(
            400,
            "InvalidParam",
            format!("the certificate is bound to {d}: unbind it first"),
        ));
    }
    volc.certs.remove(i);
    Ok(((), true))
}

pub(crate) fn describe_cert(
    p: DescribeCertDetailSecretV2Request,
    state: &State,
    now: i64,
) -> Done<CertDetail> {
    let volc = &state.volcengine;
    let cert = match (given(&p.cert_id), given(&p.chain_id)) {
        (Some(id), _) => volc.certs.iter().find(|c| c.cert_id == id),
        (None, Some(chain)) => volc.certs.iter().find(|c| c.chain_id == chain),
        _ => None,
    };
    let Some(c) = cert else {
        return Err(Failure::new(403, "RequestForbidden", "no such certificate in this account"));
    };
    let bound: Vec<String> = volc
        .domains
        .iter()
        .filter(|(_, d)| d.cert_id.as_deref() == Some(&c.cert_id))
        .map(|(name, _)| name.clone())
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
        CertDetail {
            cert_domain_list: bound,
            cert_name: c.cert_name.clone(),
            chain_id: c.chain_id.clone(),
            not_before: times::iso_utc(c.not_before),
            not_after: times::iso_utc(c.not_after),
            status: CertStatus::at(c.not_after, now),
            ssl: Some(CertSsl { chain, key_type: "rsa".into() }),
        },
        false,
    ))
}

/// `DomainList[]` of `ListDomainDetail`: one domain with its bound certificate.
fn domain_detail(name: &str, d: &crate::state::VolcDomain, certs: &[VolcCert]) -> DomainDetail {
    let bound = d.cert_id.as_deref().and_then(|id| certs.iter().find(|c| c.cert_id == id));
    // The state's pull domains are all served as FLV (which covers RTMP and HLS too).
    let kind = if d.kind == "push" { "push" } else { "pull-flv" };
    DomainDetail {
        domain: name.to_string(),
        chain_id: bound.map(|c| c.chain_id.clone()).unwrap_or_default(),
        cert_domain: bound.and_then(|c| c.domains.first()).cloned().unwrap_or_default(),
        cname: format!("{name}.volcgslb.com"),
        cname_check: 1,
        domain_check: 0,
        icp_check: 1,
        status: 0,
        r#type: kind.into(),
        vhost: d.vhost.clone(),
        region: "cn".into(),
        http2: false,
        create_time: "2025-06-01T00:00:00Z".into(),
        project_name: "default".into(),
        push_domain: String::new(),
        tags: Vec::new(),
    }
}

pub(crate) fn list_domains(
    p: ListDomainDetailRequest,
    state: &State,
    max_page: Option<u64>,
) -> Done<ListDomainDetailResult> {
    let volc = &state.volcengine;
    // An absent or empty filter lets everything through.
    fn has<T: PartialEq>(filter: &Option<Vec<T>>, v: &T) -> bool {
        filter.as_ref().is_none_or(|l| l.is_empty() || l.contains(v))
    }
    let rows: Vec<DomainDetail> = volc
        .domains
        .iter()
        .map(|(name, d)| domain_detail(name, d, &volc.certs))
        .filter(|r| {
            has(&p.domain_name_list, &r.domain)
                && has(&p.domain_type_list, &r.r#type)
                && has(&p.domain_status_list, &r.status)
                && has(&p.vhost_list, &r.vhost)
                && has(&p.domain_region_list, &r.region)
        })
        .collect();
    let total = count_of(rows.len());
    // Validated: both from 1 to 1000.
    let rows = page(&rows, p.page_num.unsigned_abs(), p.page_size.unsigned_abs(), max_page);
    Ok((ListDomainDetailResult { total, domain_list: rows }, false))
}
