//! Scripted clouds for the engines' native tests: an estate of certificates, domains and sites
//! that answers the lifecycle's operations as the clouds do (paging by the declarations, totals,
//! writes that change the estate), with failures, repeated pages and aborts on request; and a
//! host that drives an engine, answering each batch of requests in a chosen order.

use std::collections::{HashMap, HashSet};

use serde_json::{json, Value};

use super::engine::{CallFailure, Engine, FailKind, Limits, Reply, Request};
use super::inventory::{Inventory, InventoryEngine};
use super::times::{iso_utc, plain, Zone};
use crate::catalog::{Paging, Provider};

/// Test certificates (tests/fixtures/certs): `*.example.com, example.com`, and `play.other.com`.
pub const EXAMPLE_CRT: &str = include_str!("../../tests/fixtures/certs/example.crt");
pub const EXAMPLE_KEY: &str = include_str!("../../tests/fixtures/certs/example.key");
pub const EC_CRT: &str = include_str!("../../tests/fixtures/certs/ec.crt");

const DAY: i64 = 86_400;

/// The clouds' state as their list operations show it.
#[derive(Debug, Clone, Default)]
pub struct Estate {
    /// `ListCertV2` rows; the PEM chain of each by `ChainID`.
    pub volc_certs: Vec<Value>,
    pub volc_pems: HashMap<String, String>,
    /// `ListDomainDetail` rows (`Domain`, `ChainID`).
    pub volc_domains: Vec<Value>,
    /// `DescribeLiveDomainCertBindings` rows; the PEM of each certificate by its key.
    pub tc_bindings: Vec<Value>,
    pub tc_pems: HashMap<String, String>,
    /// `DescribeCertificates` rows of the SSL service.
    pub ssl: Vec<Value>,
    /// `ListSites` rows; each site's `ListCertificates` rows by `SiteId`.
    pub sites: Vec<Value>,
    pub site_certs: HashMap<u64, Vec<Value>>,
    failing: HashSet<String>,
    failing_sites: HashSet<u64>,
    repeating_site: Option<(u64, u64)>,
    abort_at: Option<usize>,
    /// Writes that answer as cut off (`FailKind::Unknown`) but are carried out.
    pub cut_writes: HashSet<String>,
    /// Answers that lie: `esa-no-id` (SetCertificate succeeds without an Id and adds nothing),
    /// `tencent-noop` (ModifyLiveDomainCertBindings succeeds and changes nothing),
    /// `volc-wrong-chain` (CreateCert stores the upload but answers another chain's id).
    pub quirks: HashSet<&'static str>,
    /// Every call made, in order: its action and payload.
    pub calls: Vec<(String, Value)>,
    next_id: u64,
}

/// In which order a batch of requests is answered.
#[derive(Debug, Clone, Copy)]
pub enum Order {
    AsAsked,
    Reversed,
    /// A fixed shuffle from this seed.
    Shuffled(u64),
}

/// What a run of an engine saw.
pub struct Run<T> {
    pub inventory: T,
    /// Calls made in all.
    pub calls: usize,
    /// The most requests of each cloud (Volcengine, Tencent, ESA) in flight at once.
    pub most_in_flight: [usize; 3],
}

fn slot(p: Provider) -> usize {
    match p {
        Provider::Volcengine => 0,
        Provider::Tencent => 1,
        Provider::Aliyun => 2,
    }
}

/// The page of `rows` a payload asks for, as the declaration pages.
fn page_of(rows: &[Value], paging: &Paging, payload: &Value) -> Value {
    let size = payload.get(paging.size_field).and_then(Value::as_u64).unwrap_or(paging.size as u64)
        as usize;
    let start = match paging.style {
        crate::catalog::PageStyle::Number(f) => {
            (payload.get(f).and_then(Value::as_u64).unwrap_or(1).max(1) as usize - 1) * size
        }
        crate::catalog::PageStyle::Offset(f) => {
            payload.get(f).and_then(Value::as_u64).unwrap_or(0) as usize
        }
    };
    let items: Vec<Value> = rows.iter().skip(start).take(size).cloned().collect();
    let mut out = json!({ "RequestId": "req" });
    out[paging.list] = Value::Array(items);
    if let Some(t) = paging.total {
        out[t] = json!(rows.len());
    }
    out
}

impl Estate {
    /// An estate of about `domains` domains over the three clouds, `sites` ESA sites and about
    /// `certs` certificates (a third per cloud).
    pub fn generated(domains: usize, sites: usize, certs: usize) -> Estate {
        let mut e = Estate::default();
        let base = 1_800_000_000i64;
        let per = (certs / 3).max(1);
        for i in 0..per.min(certs) {
            let chain = format!("chain-{i}");
            e.volc_certs.push(json!({
                "CertID": format!("cert-{i}"), "ChainID": chain, "CertName": format!("v{i}"),
                "CertDomainList": [format!("*.v{i}.example.com")],
                "NotBefore": iso_utc(base - 90 * DAY), "NotAfter": iso_utc(base + (i as i64) * 3600),
                "Status": "OK",
            }));
        }
        for i in 0..domains / 3 {
            let chain = if e.volc_certs.is_empty() || i % 4 == 3 {
                String::new()
            } else {
                format!("chain-{}", i % e.volc_certs.len())
            };
            e.volc_domains
                .push(json!({ "Domain": format!("d{i}.v.example.com"), "ChainID": chain }));
        }
        for i in 0..domains / 3 {
            let n = i % per;
            // Half of the certificates are the SSL service's, half the live service's own.
            let (key, cloud) = if n % 2 == 0 {
                (format!("tc-{n}"), format!("tc-{n}"))
            } else {
                (format!("{}", 1000 + n), String::new())
            };
            e.tc_bindings.push(json!({
                "DomainName": format!("d{i}.t.example.com"), "CertificateAlias": format!("t{n}"),
                "CertId": if cloud.is_empty() { 1000 + n as i64 } else { 0 }, "CloudCertId": cloud,
                "CertExpireTime": plain(base + n as i64 * 3600, Zone::Beijing), "Status": 1,
            }));
            let _ = key;
        }
        if certs > 0 {
            for n in (0..per).step_by(2) {
                e.ssl.push(json!({
                    "CertificateId": format!("tc-{n}"), "Alias": format!("t{n}"), "CertificateType": "SVR",
                    "SubjectAltName": [format!("*.t{n}.example.com")], "Status": 1,
                    "CertBeginTime": plain(base - 90 * DAY, Zone::Beijing),
                    "CertEndTime": plain(base + n as i64 * 3600, Zone::Beijing),
                }));
            }
            // One the live service does not use.
            e.ssl.push(json!({
                "CertificateId": "tc-spare", "Alias": "spare", "CertificateType": "SVR",
                "SubjectAltName": ["spare.example.com"], "Status": 1,
                "CertEndTime": plain(base, Zone::Beijing),
            }));
        }
        for s in 1..=sites as u64 {
            e.sites.push(json!({ "SiteId": s, "SiteName": format!("s{s}.example.org") }));
            let n = per / sites.max(1);
            let rows = (0..n)
                .map(|i| json!({
                    "Id": format!("{s}-{i}"), "Name": format!("e{i}"), "SAN": format!("w{i}.s{s}.example.org"),
                    "Status": "OK", "Type": "upload",
                    "NotBefore": plain(base - 90 * DAY, Zone::Utc), "NotAfter": plain(base + i as i64 * 60, Zone::Utc),
                    "FingerprintSha256": format!("{:064x}", s * 1_000_000 + i as u64),
                }))
                .collect();
            e.site_certs.insert(s, rows);
        }
        e
    }

    /// Certificates an inventory of this estate lists.
    pub fn certificate_count(&self) -> usize {
        let bound: HashSet<String> =
            self.tc_bindings.iter().map(super::inventory::tencent_cert_key).collect();
        let spare = self
            .ssl
            .iter()
            .filter(|c| !bound.contains(c["CertificateId"].as_str().unwrap_or("")))
            .count();
        self.volc_certs.len()
            + bound.len()
            + spare
            + self.site_certs.values().map(Vec::len).sum::<usize>()
    }

    /// The calls an inventory makes: one per page of each listing, and one per bound Tencent
    /// certificate that the SSL service does not list.
    pub fn pages_to_read(&self) -> usize {
        use crate::catalog::{aliyun_esa, tencent_live, tencent_ssl, volcengine_live};
        let pages = |n: usize, op: &crate::catalog::Operation| {
            n.div_ceil(op.paging.unwrap().size as usize).max(1)
        };
        let ssl_ids: HashSet<&str> =
            self.ssl.iter().filter_map(|c| c["CertificateId"].as_str()).collect();
        let bound: HashSet<String> =
            self.tc_bindings.iter().map(super::inventory::tencent_cert_key).collect();
        let details = bound.iter().filter(|k| !ssl_ids.contains(k.as_str())).count();
        pages(self.volc_certs.len(), &volcengine_live::LIST_CERT_V2)
            + pages(self.volc_domains.len(), &volcengine_live::LIST_DOMAIN_DETAIL)
            + pages(self.tc_bindings.len(), &tencent_live::DESCRIBE_LIVE_DOMAIN_CERT_BINDINGS)
            + pages(self.ssl.len(), &tencent_ssl::DESCRIBE_CERTIFICATES)
            + details
            + pages(self.sites.len(), &aliyun_esa::LIST_SITES)
            + self
                .site_certs
                .values()
                .map(|c| pages(c.len(), &aliyun_esa::LIST_CERTIFICATES))
                .sum::<usize>()
    }

    pub fn fail_action(&mut self, action: &str) {
        self.failing.insert(action.to_string());
    }

    pub fn fail_site(&mut self, site: u64) {
        self.failing_sites.insert(site);
    }

    /// Site `site` answers every page with its first page of 100 certificates and a total of
    /// `total`.
    pub fn repeat_pages_of_site(&mut self, site: u64, total: u64) {
        let rows = (0..100)
            .map(|i| json!({"Id": format!("r{i}"), "SAN": "a.example.org", "NotAfter": "2030-01-01 00:00:00"}))
            .collect();
        self.site_certs.insert(site, rows);
        self.repeating_site = Some((site, total));
    }

    /// The `n`th call (from 1) answers as aborted by the caller.
    pub fn abort_at_call(&mut self, n: usize) {
        self.abort_at = Some(n);
    }

    fn new_id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}-new-{}", self.next_id)
    }

    /// The estate's answer to one request, as the cloud gives it.
    pub fn answer(&mut self, req: &Request) -> Reply<String> {
        self.calls.push((req.op.action.to_string(), req.payload.clone()));
        let fail = |kind, what: &str| Err(CallFailure { kind, error: what.to_string() });
        if self.abort_at == Some(self.calls.len()) {
            return fail(FailKind::Aborted, "aborted");
        }
        let action = req.op.action;
        if self.failing.contains(action) {
            return fail(FailKind::Failed, &format!("{action} failed"));
        }
        let p = &req.payload;
        let site = p.get("SiteId").and_then(Value::as_u64).unwrap_or(0);
        let answer = match (req.provider, action) {
            (_, _) if req.op.paging.is_some() => {
                let paging = req.op.paging.unwrap();
                let rows: &[Value] = match action {
                    "ListCertV2" => &self.volc_certs,
                    "ListDomainDetail" => &self.volc_domains,
                    "DescribeLiveDomainCertBindings" => &self.tc_bindings,
                    "DescribeCertificates" => &self.ssl,
                    "ListSites" => &self.sites,
                    "ListCertificates" => {
                        if self.failing_sites.contains(&site) {
                            return fail(FailKind::Failed, &format!("site {site} failed"));
                        }
                        if let Some((s, total)) = self.repeating_site.filter(|(s, _)| *s == site) {
                            let _ = s;
                            let rows = self.site_certs[&site].clone();
                            return Ok(
                                json!({"RequestId": "req", "TotalCount": total, "Result": rows}),
                            );
                        }
                        self.site_certs.get(&site).map(Vec::as_slice).unwrap_or_default()
                    }
                    _ => &[],
                };
                page_of(rows, &paging, p)
            }
            (_, "DescribeCertDetailSecretV2") => {
                let chain = p["ChainID"].as_str().unwrap_or("");
                let row = self
                    .volc_certs
                    .iter()
                    .find(|c| c["ChainID"] == chain)
                    .cloned()
                    .unwrap_or(Value::Null);
                let pem = self.volc_pems.get(chain).cloned().unwrap_or_default();
                let mut out = row;
                out["SSL"] = json!({ "Chain": pem.split_inclusive("-----END CERTIFICATE-----\n").map(str::to_string).collect::<Vec<_>>(), "KeyType": "rsa" });
                out
            }
            (_, "DescribeLiveDomainCert") => {
                let domain = p["DomainName"].as_str().unwrap_or("");
                let Some(b) = self.tc_bindings.iter().find(|b| b["DomainName"] == domain).cloned()
                else {
                    return fail(FailKind::Failed, "ResourceNotFound.CrtDomainNotFound");
                };
                let key = super::inventory::tencent_cert_key(&b);
                json!({ "DomainCertInfo": {
                    "CertId": b["CertId"], "CloudCertId": b["CloudCertId"], "DomainName": domain,
                    "CertDomains": [format!("name-of-{key}")], "HttpsCrt": self.tc_pems.get(&key).cloned().unwrap_or_default(),
                    "CertExpireTime": b["CertExpireTime"],
                }})
            }
            (_, "DescribeCertificateDetail") => {
                let id = p["CertificateId"].as_str().unwrap_or("");
                let Some(row) = self.ssl.iter().find(|c| c["CertificateId"] == id).cloned() else {
                    return fail(FailKind::Failed, "FailedOperation.CertificateNotFound");
                };
                let mut out = row;
                out["CertificatePublicKey"] =
                    self.tc_pems.get(id).cloned().map_or(Value::Null, Value::String);
                out
            }
            _ => return self.write(req),
        };
        Ok(answer)
    }

    /// A write, carried out on the estate.
    fn write(&mut self, req: &Request) -> Reply<String> {
        let p = &req.payload;
        let action = req.op.action;
        let cut = self.cut_writes.contains(action);
        match action {
            "SetCertificate" if self.quirks.contains("esa-no-id") => {
                return Ok(json!({ "RequestId": "req" }))
            }
            "ModifyLiveDomainCertBindings" if self.quirks.contains("tencent-noop") => {
                return Ok(json!({ "RequestId": "req", "MismatchedDomainNames": [], "Errors": [] }))
            }
            _ => {}
        }
        let answer = match action {
            "CreateCert" => {
                let chain = self.new_id("chain");
                let pem = p["Rsa"]["Pubkey"].as_str().unwrap_or("").to_string();
                let summary = super::pem::read_certificate(&pem).ok();
                self.volc_certs.push(json!({
                    "CertID": chain.replace("chain", "cert"), "ChainID": chain, "CertName": p["CertName"],
                    "CertDomainList": summary.as_ref().map(|s| s.names.clone()).unwrap_or_default(),
                    "NotAfter": summary.as_ref().map(|s| iso_utc(s.not_after)), "Status": "OK",
                }));
                self.volc_pems.insert(chain.clone(), pem);
                if self.quirks.contains("volc-wrong-chain") {
                    return Ok(json!({ "RequestId": "req", "ChainID": "chain-old" }));
                }
                json!({ "RequestId": "req", "ChainID": chain })
            }
            "BindCert" => {
                let domain = p["Domain"].as_str().unwrap_or("");
                match self.volc_domains.iter_mut().find(|d| d["Domain"] == domain) {
                    Some(d) => d["ChainID"] = p["ChainID"].clone(),
                    None => {
                        return Err(CallFailure {
                            kind: FailKind::Failed,
                            error: "InvalidParam".into(),
                        })
                    }
                }
                json!({ "RequestId": "req" })
            }
            "ModifyLiveDomainCertBindings" => {
                let key = match p.get("CloudCertId").and_then(Value::as_str) {
                    Some(id) => id.to_string(),
                    None => {
                        let id = self.new_id("tc");
                        let pem = p["CertificatePublicKey"].as_str().unwrap_or("").to_string();
                        let summary = super::pem::read_certificate(&pem).ok();
                        self.ssl.push(json!({
                            "CertificateId": id, "Alias": p["CertificateAlias"], "CertificateType": "SVR",
                            "SubjectAltName": summary.as_ref().map(|s| s.names.clone()).unwrap_or_default(),
                            "CertEndTime": summary.as_ref().map(|s| plain(s.not_after, Zone::Beijing)),
                            "Status": 1,
                        }));
                        self.tc_pems.insert(id.clone(), pem);
                        id
                    }
                };
                let expiry = self
                    .ssl
                    .iter()
                    .find(|c| c["CertificateId"] == key.as_str())
                    .map(|c| c["CertEndTime"].clone())
                    .unwrap_or(Value::Null);
                for info in p["DomainInfos"].as_array().cloned().unwrap_or_default() {
                    let domain = info["DomainName"].as_str().unwrap_or("").to_string();
                    let row = json!({
                        "DomainName": domain, "CertificateAlias": "x", "CertId": 0, "CloudCertId": key,
                        "CertExpireTime": expiry, "Status": info["Status"],
                    });
                    match self.tc_bindings.iter_mut().find(|b| b["DomainName"] == domain.as_str()) {
                        Some(b) => *b = row,
                        None => self.tc_bindings.push(row),
                    }
                }
                json!({ "RequestId": "req", "MismatchedDomainNames": [], "Errors": [] })
            }
            "SetCertificate" => {
                let site = p["SiteId"]
                    .as_u64()
                    .or_else(|| p["SiteId"].as_str().and_then(|s| s.parse().ok()))
                    .unwrap_or(0);
                let id = self.new_id("esa");
                let pem = p["Certificate"].as_str().unwrap_or("");
                let summary = super::pem::read_certificate(pem).ok();
                self.site_certs.entry(site).or_default().push(json!({
                    "Id": id, "Name": p["Name"], "Type": "upload", "Status": "OK",
                    "SAN": summary.as_ref().map(|s| s.names.join(",")).unwrap_or_default(),
                    "NotAfter": summary.as_ref().map(|s| plain(s.not_after, Zone::Utc)),
                    "FingerprintSha256": summary.as_ref().map(|s| s.fingerprint_sha256.to_uppercase()),
                }));
                json!({ "RequestId": "req", "Id": id })
            }
            other => {
                return Err(CallFailure {
                    kind: FailKind::Failed,
                    error: format!("{other}: not scripted"),
                })
            }
        };
        if cut {
            return Err(CallFailure {
                kind: FailKind::Unknown,
                error: format!("{action} cut off"),
            });
        }
        Ok(answer)
    }

    /// The writes among the calls made.
    pub fn writes(&self) -> Vec<&(String, Value)> {
        self.calls
            .iter()
            .filter(|(a, _)| {
                crate::catalog::Provider::ALL.iter().any(|p| {
                    crate::catalog::operation(*p, a)
                        .is_some_and(|op| op.danger != crate::catalog::Danger::Read)
                })
            })
            .collect()
    }
}

/// Drives `engine` against `estate`: each round takes every request the engine hands out (they
/// are in flight together) and answers them in `order`.
pub fn drive<E: Engine<String>>(
    engine: &mut E,
    estate: &mut Estate,
    order: Order,
) -> (usize, [usize; 3]) {
    let mut most = [0usize; 3];
    let mut seed = match order {
        Order::Shuffled(s) => s,
        _ => 0,
    };
    let before = estate.calls.len();
    for _round in 0..100_000 {
        let mut batch = Vec::new();
        while let Some(r) = engine.poll_request() {
            batch.push(r);
        }
        if batch.is_empty() {
            break;
        }
        let mut per = [0usize; 3];
        for r in &batch {
            per[slot(r.provider)] += 1;
        }
        for i in 0..3 {
            most[i] = most[i].max(per[i]);
        }
        match order {
            Order::AsAsked => {}
            Order::Reversed => batch.reverse(),
            Order::Shuffled(_) => {
                for i in (1..batch.len()).rev() {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    batch.swap(i, (seed >> 33) as usize % (i + 1));
                }
            }
        }
        for r in batch {
            let reply = estate.answer(&r);
            engine.handle(r.id, reply);
        }
    }
    assert!(engine.is_done(), "the engine ended with requests left");
    (estate.calls.len() - before, most)
}

/// An inventory of `estate` at `now`.
pub fn run(
    estate: &Estate,
    order: Order,
    limits: Limits,
    now: i64,
) -> Run<Result<Inventory<String>, String>> {
    let mut estate = estate.clone();
    let mut engine = InventoryEngine::new(&Provider::ALL, limits, now);
    let (calls, most_in_flight) = drive(&mut engine, &mut estate, order);
    Run { inventory: engine.finish(), calls, most_in_flight }
}

/// An estate for deploys of `EXAMPLE_CRT` (`*.example.com`, `example.com`): `n` Volcengine
/// domains `v{i}.example.com` and `n` Tencent domains `t{i}.example.com` serving an older
/// certificate, and ESA sites `example.com` (1, with an older certificate), `other.org` (2) and
/// `example.net` (3).
pub fn deploy_estate(n: usize) -> Estate {
    let mut e = Estate::default();
    let old = "2026-06-01T00:00:00Z";
    e.volc_certs.push(json!({"CertID": "cert-old", "ChainID": "chain-old", "CertName": "old", "CertDomainList": ["*.example.com", "example.com"], "NotAfter": old, "Status": "OK"}));
    e.volc_pems.insert("chain-old".into(), EC_CRT.into());
    for i in 0..n {
        e.volc_domains.push(json!({"Domain": format!("v{i}.example.com"), "ChainID": "chain-old"}));
        e.tc_bindings.push(json!({"DomainName": format!("t{i}.example.com"), "CertificateAlias": "old", "CertId": 0, "CloudCertId": "tc-old", "CertExpireTime": "2026-06-01 08:00:00", "Status": 1}));
    }
    e.tc_pems.insert("tc-old".into(), EC_CRT.into());
    e.ssl.push(json!({"CertificateId": "tc-old", "Alias": "old", "CertificateType": "SVR", "SubjectAltName": ["*.example.com"], "CertEndTime": "2026-06-01 08:00:00", "Status": 1}));
    for (id, name) in [(1u64, "example.com"), (2, "other.org"), (3, "example.net")] {
        e.sites.push(json!({"SiteId": id, "SiteName": name}));
        e.site_certs.insert(id, Vec::new());
    }
    e.site_certs.get_mut(&1).unwrap().push(json!({"Id": "esa-old", "Name": "old", "Type": "upload", "Status": "OK", "SAN": "*.example.com,example.com", "NotAfter": "2026-06-01 00:00:00", "FingerprintSha256": "AB"}));
    e
}
