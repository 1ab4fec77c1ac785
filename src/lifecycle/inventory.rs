//! Every certificate on every cloud, in one shape: how each cloud's answers are read, how their
//! states map to one state, and the engine that lists them (`InventoryEngine`), sans-IO: it says
//! which requests to make, the host makes them through its clients and hands the answers back.
//!
//! Per cloud: Volcengine lists its certificates and its domains side by side (the domains tell
//! where each certificate is bound); Tencent lists the domains' bindings beside the certificates
//! of its SSL service (which holds every uploaded certificate, bound or not) and asks
//! `DescribeLiveDomainCert` only for the bound certificates the SSL service does not list; ESA
//! lists its sites, then every site's certificates. The clouds run side by side; one that fails
//! is an entry in `errors` and hides nothing of the others.

use std::collections::{HashMap, HashSet, VecDeque};

use serde::Serialize;
use serde_json::Value;

use super::engine::{
    CallFailure, Engine, FailKind, Limits, Problem, Reply, Request, RequestId, Scheduler,
};
use super::listing::Listing;
use super::pem::{leaf_fingerprint, normal_fingerprint};
use super::times::{iso_utc, parse, Zone};
use crate::catalog::{aliyun_esa, tencent_live, tencent_ssl, volcengine_live, Provider};

const DAY: i64 = 86_400;
/// Days left at or below which a certificate is `expiring`.
pub const EXPIRING_DAYS: i64 = 30;

/// One state across the clouds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(ts_full, derive(tsify::Tsify), tsify(rename = "CertificateState", missing_as_null))]
#[serde(rename_all = "lowercase")]
pub enum State {
    Valid,
    Expiring,
    Expired,
    Pending,
    Failed,
}

/// One certificate on one cloud, as the inventory lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(ts_full, derive(tsify::Tsify), tsify(rename = "InventoryCertificate", missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct InventoryCert {
    #[cfg_attr(ts_full, tsify(type = "Provider"))]
    pub provider: &'static str,
    /// What the cloud's own operations take: Volcengine's chain id, Tencent's certificate id,
    /// ESA's certificate id.
    pub id: String,
    pub name: String,
    /// Names the certificate covers.
    pub domains: Vec<String>,
    /// Where it is in use: domains (Volcengine, Tencent) or the site (ESA).
    pub bound_to: Vec<String>,
    /// ISO 8601 UTC, or null where the cloud does not say.
    pub not_before: Option<String>,
    pub not_after: Option<String>,
    /// Whole days until `notAfter` (negative once expired), rounded down.
    pub days_left: Option<i64>,
    /// `expiring`: 30 days or fewer left.
    #[cfg_attr(ts_full, tsify(type = "CertificateState"))]
    pub state: State,
    /// SHA-256 of the leaf (lowercase hex), where the cloud gives it (ESA; Tencent where its PEM
    /// was read).
    pub fingerprint_sha256: Option<String>,
    /// ESA: the site (a decimal string beyond 2^53).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(ts_full, tsify(type = "number | string"))]
    pub site_id: Option<Value>,
    /// The cloud's record as it came.
    #[cfg_attr(ts_full, tsify(type = "unknown"))]
    pub raw: Value,
}

/// `state` from the cloud's word where it has one that time cannot tell (pending, failed), else
/// from the expiry seen at `now`.
fn state_of(cloud_status: &str, not_after: Option<i64>, now: i64) -> State {
    match cloud_status {
        "Applying" => return State::Pending,
        "ApplyFailed" | "Canceled" => return State::Failed,
        _ => {}
    }
    match not_after {
        Some(t) if t <= now => State::Expired,
        Some(t) if t - now <= EXPIRING_DAYS * DAY => State::Expiring,
        Some(_) => State::Valid,
        None => match cloud_status {
            "Expire" | "Expired" => State::Expired,
            "30days" | "15days" | "7days" | "1days" | "Expiring" => State::Expiring,
            _ => State::Valid,
        },
    }
}

fn days_left(not_after: Option<i64>, now: i64) -> Option<i64> {
    not_after.map(|t| (t - now).div_euclid(DAY))
}

pub(super) fn text<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

pub(super) fn texts(v: &Value, k: &str) -> Vec<String> {
    v.get(k)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default()
}

/// Decimal text of a string or number field (ids).
pub(super) fn id_text(v: &Value, k: &str) -> String {
    match v.get(k) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => crate::catalog::decimal(n),
        _ => String::new(),
    }
}

/// The names of an ESA certificate's `SAN` (comma-separated).
pub(super) fn san_names(c: &Value) -> Vec<String> {
    text(c, "SAN").split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// What one certificate row says, before it is judged at `now`.
struct Row {
    provider: Provider,
    id: String,
    name: String,
    domains: Vec<String>,
    bound_to: Vec<String>,
    not_before: Option<i64>,
    not_after: Option<i64>,
    status: String,
    fingerprint: Option<String>,
}

impl Row {
    fn judged(self, now: i64, raw: Value) -> InventoryCert {
        InventoryCert {
            provider: self.provider.as_str(),
            id: self.id,
            name: self.name,
            domains: self.domains,
            bound_to: self.bound_to,
            not_before: self.not_before.map(iso_utc),
            not_after: self.not_after.map(iso_utc),
            days_left: days_left(self.not_after, now),
            state: state_of(&self.status, self.not_after, now),
            fingerprint_sha256: self.fingerprint,
            site_id: None,
            raw,
        }
    }
}

// ---------------------------------------------------------------- each cloud's rows

/// Volcengine: `ListCertV2` rows; bound domains from `ListDomainDetail` rows (by chain id).
pub fn volcengine(certs: Vec<Value>, domains: &[Value], now: i64) -> Vec<InventoryCert> {
    let mut bound: HashMap<&str, Vec<String>> = HashMap::new();
    for d in domains {
        let chain = text(d, "ChainID");
        if !chain.is_empty() {
            bound.entry(chain).or_default().push(text(d, "Domain").to_string());
        }
    }
    certs
        .into_iter()
        .map(|c| {
            let chain = text(&c, "ChainID");
            let row = Row {
                provider: Provider::Volcengine,
                id: if chain.is_empty() {
                    text(&c, "CertID").to_string()
                } else {
                    chain.to_string()
                },
                name: text(&c, "CertName").to_string(),
                domains: texts(&c, "CertDomainList"),
                bound_to: bound.get(chain).cloned().unwrap_or_default(),
                not_before: parse(text(&c, "NotBefore"), Zone::Utc),
                not_after: parse(text(&c, "NotAfter"), Zone::Utc),
                status: text(&c, "Status").to_string(),
                fingerprint: None,
            };
            row.judged(now, c)
        })
        .collect()
}

/// The key that groups Tencent bindings into certificates: the SSL id, else the live cert id.
pub fn tencent_cert_key(binding: &Value) -> String {
    match text(binding, "CloudCertId") {
        "" => id_text(binding, "CertId"),
        id => id.to_string(),
    }
}

/// Tencent bindings grouped by certificate, in the order of first appearance.
pub(super) fn tencent_groups(bindings: &[Value]) -> Vec<(String, Vec<&Value>)> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<(String, Vec<&Value>)> = Vec::new();
    for b in bindings {
        let key = tencent_cert_key(b);
        match index.get(&key) {
            Some(&i) => groups[i].1.push(b),
            None => {
                index.insert(key.clone(), groups.len());
                groups.push((key, vec![b]));
            }
        }
    }
    groups
}

/// What `DescribeLiveDomainCert` told of one certificate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TencentDetail {
    pub names: Vec<String>,
    pub fingerprint: Option<String>,
    pub cloud_cert_id: String,
}

impl TencentDetail {
    pub fn from_answer(answer: &Value) -> TencentDetail {
        let info = &answer["DomainCertInfo"];
        TencentDetail {
            names: texts(info, "CertDomains"),
            fingerprint: leaf_fingerprint(text(info, "HttpsCrt")),
            cloud_cert_id: text(info, "CloudCertId").to_string(),
        }
    }
}

/// The state word of an SSL service status (`Certificates.Status`): under review or being issued
/// is pending; failed, cancelled, revoked or refunded is failed; the rest is judged by time.
fn ssl_status(status: i64) -> &'static str {
    match status {
        0 | 4 | 5 | 6 | 8 | 9 | 11 | 12 | 13 | 15 => "Applying",
        2 | 7 | 10 | 14 => "Canceled",
        _ => "",
    }
}

/// Tencent: bound certificates from the bindings (their names from the SSL service, else from
/// `details`), then the SSL service's server certificates bound to no domain.
pub fn tencent(
    bindings: &[Value],
    ssl: &[Value],
    details: &HashMap<String, TencentDetail>,
    now: i64,
) -> Vec<InventoryCert> {
    let by_id: HashMap<&str, &Value> = ssl.iter().map(|c| (text(c, "CertificateId"), c)).collect();
    let groups = tencent_groups(bindings);
    let bound_keys: HashSet<&str> = groups.iter().map(|(k, _)| k.as_str()).collect();
    let mut out = Vec::with_capacity(groups.len());
    for (key, group) in &groups {
        let first = group[0];
        let in_ssl = by_id.get(key.as_str());
        let detail = details.get(key);
        let names = match (in_ssl, detail) {
            (Some(c), _) => texts(c, "SubjectAltName"),
            (None, Some(d)) => d.names.clone(),
            (None, None) => Vec::new(),
        };
        let row = Row {
            provider: Provider::Tencent,
            id: key.clone(),
            name: text(first, "CertificateAlias").to_string(),
            domains: names,
            bound_to: group.iter().map(|b| text(b, "DomainName").to_string()).collect(),
            not_before: in_ssl.and_then(|c| parse(text(c, "CertBeginTime"), Zone::Beijing)),
            not_after: parse(text(first, "CertExpireTime"), Zone::Beijing),
            status: String::new(),
            fingerprint: detail.and_then(|d| d.fingerprint.clone()),
        };
        out.push(row.judged(now, Value::Array(group.iter().map(|b| (*b).clone()).collect())));
    }
    for c in ssl {
        let id = text(c, "CertificateId");
        let server = matches!(text(c, "CertificateType"), "" | "SVR");
        if bound_keys.contains(id) || !server {
            continue;
        }
        let status = ssl_status(c.get("Status").and_then(Value::as_i64).unwrap_or(1)).to_string();
        let row = Row {
            provider: Provider::Tencent,
            id: id.to_string(),
            name: text(c, "Alias").to_string(),
            domains: texts(c, "SubjectAltName"),
            bound_to: Vec::new(),
            not_before: parse(text(c, "CertBeginTime"), Zone::Beijing),
            not_after: parse(text(c, "CertEndTime"), Zone::Beijing),
            status,
            fingerprint: None,
        };
        out.push(row.judged(now, c.clone()));
    }
    out
}

/// ESA: one site's `ListCertificates` rows.
pub fn aliyun(site: &Value, certs: Vec<Value>, now: i64) -> Vec<InventoryCert> {
    let site_name = text(site, "SiteName").to_string();
    certs
        .into_iter()
        .map(|c| {
            let status = text(&c, "Status").to_string();
            let fingerprint =
                Some(normal_fingerprint(text(&c, "FingerprintSha256"))).filter(|f| f.len() == 64);
            let row = Row {
                provider: Provider::Aliyun,
                id: id_text(&c, "Id"),
                name: text(&c, "Name").to_string(),
                domains: san_names(&c),
                bound_to: vec![site_name.clone()],
                not_before: parse(text(&c, "NotBefore"), Zone::Utc),
                not_after: parse(text(&c, "NotAfter"), Zone::Utc),
                status,
                fingerprint,
            };
            let mut e = row.judged(now, c);
            e.site_id = site.get("SiteId").cloned();
            e
        })
        .collect()
}

// ---------------------------------------------------------------- the engine

/// A cloud (or one ESA site) that could not be listed.
#[derive(Debug, Clone, PartialEq)]
pub struct InventoryError<E> {
    pub provider: Provider,
    pub site_id: Option<Value>,
    pub problem: Problem<E>,
    /// Where it goes in the list: the site's place among the cloud's sites.
    pub(crate) rank: usize,
}

/// A page of a listing was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(ts_full, derive(tsify::Tsify), tsify(rename = "InventoryProgress", missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    #[cfg_attr(ts_full, tsify(type = "Provider"))]
    pub provider: &'static str,
    #[cfg_attr(ts_full, tsify(type = "Action"))]
    pub action: &'static str,
    /// Pages of this listing read so far.
    pub page: u32,
    pub rows: u64,
    pub total: Option<u64>,
}

/// What the inventory found.
#[derive(Debug, Clone, PartialEq)]
pub struct Inventory<E> {
    /// Every certificate, soonest expiry first (those without a date last).
    pub certificates: Vec<InventoryCert>,
    pub errors: Vec<InventoryError<E>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route {
    VolcCerts(u32),
    VolcDomains(u32),
    TcBindings(u32),
    TcSsl(u32),
    /// `DescribeLiveDomainCert` for the certificate of this key.
    TcDetail(usize),
    EsaSites(u32),
    /// A page of site `i`'s certificates.
    EsaCerts(usize, u32),
}

struct VolcInv {
    certs: Listing,
    domains: Listing,
    settled: bool,
}

struct TencentInv<E> {
    bindings: Listing,
    ssl: Listing,
    /// Set once both listings are read: the bindings and the SSL rows.
    read: Option<(Vec<Value>, Vec<Value>)>,
    /// Why the SSL service could not be listed (reported unless the bindings failed too).
    ssl_error: Option<Problem<E>>,
    /// Keys asked for with `DescribeLiveDomainCert`.
    keys: Vec<String>,
    details: HashMap<String, TencentDetail>,
    pending: usize,
    settled: bool,
}

struct EsaInv {
    sites: Listing,
    site_rows: Vec<Value>,
    listings: Vec<Option<Listing>>,
    pending: usize,
    listed: bool,
}

/// The inventory as a state machine: `poll_request` for what to send, `handle` for each answer
/// (in any order), `poll_progress` for what to show, and `finish` once `is_done`.
pub struct InventoryEngine<E> {
    now: i64,
    sched: Scheduler,
    routes: HashMap<RequestId, (Provider, Route)>,
    volc: Option<VolcInv>,
    tencent: Option<TencentInv<E>>,
    aliyun: Option<EsaInv>,
    certificates: Vec<InventoryCert>,
    errors: Vec<InventoryError<E>>,
    progress: VecDeque<Progress>,
    aborted: Option<E>,
}

fn listing(op: &'static crate::catalog::Operation, base: Value) -> Listing {
    Listing::new(op, base).expect("the lifecycle's list operations declare their paging")
}

impl<E: Clone> InventoryEngine<E> {
    /// An inventory of the clouds in `clouds` (those with a client), judged at `now` (Unix
    /// seconds), with at most `limits` calls in flight per cloud.
    pub fn new(clouds: &[Provider], limits: Limits, now: i64) -> InventoryEngine<E> {
        let mut e = InventoryEngine {
            now,
            sched: Scheduler::new(limits),
            routes: HashMap::new(),
            volc: None,
            tencent: None,
            aliyun: None,
            certificates: Vec::new(),
            errors: Vec::new(),
            progress: VecDeque::new(),
            aborted: None,
        };
        if clouds.contains(&Provider::Volcengine) {
            let mut v = VolcInv {
                certs: listing(&volcengine_live::LIST_CERT_V2, Value::Null),
                domains: listing(&volcengine_live::LIST_DOMAIN_DETAIL, Value::Null),
                settled: false,
            };
            let (c, d) = (v.certs.start(), v.domains.start());
            e.send(&volcengine_live::LIST_CERT_V2, c, Route::VolcCerts);
            e.send(&volcengine_live::LIST_DOMAIN_DETAIL, d, Route::VolcDomains);
            e.volc = Some(v);
        }
        if clouds.contains(&Provider::Tencent) {
            let mut t = TencentInv {
                bindings: listing(&tencent_live::DESCRIBE_LIVE_DOMAIN_CERT_BINDINGS, Value::Null),
                ssl: listing(&tencent_ssl::DESCRIBE_CERTIFICATES, Value::Null),
                read: None,
                ssl_error: None,
                keys: Vec::new(),
                details: HashMap::new(),
                pending: 0,
                settled: false,
            };
            let (b, s) = (t.bindings.start(), t.ssl.start());
            e.send(&tencent_live::DESCRIBE_LIVE_DOMAIN_CERT_BINDINGS, b, Route::TcBindings);
            e.send(&tencent_ssl::DESCRIBE_CERTIFICATES, s, Route::TcSsl);
            e.tencent = Some(t);
        }
        if clouds.contains(&Provider::Aliyun) {
            let mut a = EsaInv {
                sites: listing(&aliyun_esa::LIST_SITES, Value::Null),
                site_rows: Vec::new(),
                listings: Vec::new(),
                pending: 0,
                listed: false,
            };
            let s = a.sites.start();
            e.send(&aliyun_esa::LIST_SITES, s, Route::EsaSites);
            e.aliyun = Some(a);
        }
        e
    }

    fn send(
        &mut self,
        op: &'static crate::catalog::Operation,
        pages: Vec<(u32, Value)>,
        route: impl Fn(u32) -> Route,
    ) {
        for (n, payload) in pages {
            let id = self.sched.push(op, payload);
            self.routes.insert(id, (op.provider, route(n)));
        }
    }

    /// The next progress report, if any.
    pub fn poll_progress(&mut self) -> Option<Progress> {
        self.progress.pop_front()
    }

    fn report(&mut self, provider: Provider, l: &Listing) {
        let (page, rows, total) = l.progress();
        self.progress.push_back(Progress {
            provider: provider.as_str(),
            action: l.op().action,
            page,
            rows,
            total,
        });
    }

    fn fail(&mut self, provider: Provider, site_id: Option<Value>, problem: Problem<E>) {
        self.fail_ranked(provider, site_id, problem, 0);
    }

    fn fail_ranked(
        &mut self,
        provider: Provider,
        site_id: Option<Value>,
        problem: Problem<E>,
        rank: usize,
    ) {
        self.errors.push(InventoryError { provider, site_id, problem, rank });
    }

    fn on_reply(&mut self, id: RequestId, reply: Reply<E>) {
        let Some((provider, route)) = self.routes.remove(&id) else {
            return;
        };
        self.sched.answered(provider);
        if let Err(CallFailure { kind: FailKind::Aborted, error }) = &reply {
            self.stop(error.clone());
            return;
        }
        if self.aborted.is_some() {
            return;
        }
        match route {
            Route::VolcCerts(n) | Route::VolcDomains(n) => self.volc_page(route, n, reply),
            Route::TcBindings(n) | Route::TcSsl(n) => self.tencent_page(route, n, reply),
            Route::TcDetail(i) => self.tencent_detail(i, reply),
            Route::EsaSites(n) => self.esa_sites_page(n, reply),
            Route::EsaCerts(i, n) => self.esa_certs_page(i, n, reply),
        }
    }

    /// A page of a listing: more pages to ask for, or the call's error kept.
    fn page_of(
        sched_and_routes: (&mut Scheduler, &mut HashMap<RequestId, (Provider, Route)>),
        l: &mut Listing,
        n: u32,
        reply: Reply<E>,
        route: impl Fn(u32) -> Route,
    ) -> Option<E> {
        let (sched, routes) = sched_and_routes;
        match reply {
            Ok(answer) => {
                for (m, payload) in l.on_page(n, answer) {
                    let id = sched.push(l.op(), payload);
                    routes.insert(id, (l.op().provider, route(m)));
                }
                None
            }
            Err(f) => {
                l.abandon();
                Some(f.error)
            }
        }
    }

    fn volc_page(&mut self, route: Route, n: u32, reply: Reply<E>) {
        let Some(mut v) = self.volc.take() else {
            return;
        };
        let failed = match route {
            Route::VolcCerts(_) => Self::page_of(
                (&mut self.sched, &mut self.routes),
                &mut v.certs,
                n,
                reply,
                Route::VolcCerts,
            ),
            _ => Self::page_of(
                (&mut self.sched, &mut self.routes),
                &mut v.domains,
                n,
                reply,
                Route::VolcDomains,
            ),
        };
        let l = if matches!(route, Route::VolcCerts(_)) { &v.certs } else { &v.domains };
        self.report(Provider::Volcengine, l);
        if let Some(e) = failed {
            if !v.settled {
                v.settled = true;
                self.fail(Provider::Volcengine, None, Problem::Call(e));
            }
        }
        if !v.settled && v.certs.is_finished() && v.domains.is_finished() {
            v.settled = true;
            let VolcInv { certs, domains, .. } = v;
            match (certs.finish(), domains.finish()) {
                (Ok(c), Ok(d)) => {
                    let now = self.now;
                    self.certificates.extend(volcengine(c, &d, now));
                }
                (Err(f), _) | (_, Err(f)) => self.fail(Provider::Volcengine, None, Problem::Own(f)),
            }
            return;
        }
        self.volc = Some(v);
    }

    fn tencent_page(&mut self, route: Route, n: u32, reply: Reply<E>) {
        let Some(mut t) = self.tencent.take() else {
            return;
        };
        let is_bindings = matches!(route, Route::TcBindings(_));
        let failed = if is_bindings {
            Self::page_of(
                (&mut self.sched, &mut self.routes),
                &mut t.bindings,
                n,
                reply,
                Route::TcBindings,
            )
        } else {
            Self::page_of((&mut self.sched, &mut self.routes), &mut t.ssl, n, reply, Route::TcSsl)
        };
        self.report(Provider::Tencent, if is_bindings { &t.bindings } else { &t.ssl });
        if let Some(e) = failed {
            if is_bindings && !t.settled {
                t.settled = true;
                self.fail(Provider::Tencent, None, Problem::Call(e));
            } else if !is_bindings {
                // Without the SSL service the bound certificates are still listed.
                t.ssl_error.get_or_insert(Problem::Call(e));
            }
        }
        if t.settled || t.read.is_some() || !t.bindings.is_finished() || !t.ssl.is_finished() {
            self.tencent = Some(t);
            return;
        }
        let ssl_abandoned = t.ssl.is_abandoned();
        let bindings = match std::mem::replace(
            &mut t.bindings,
            listing(&tencent_live::DESCRIBE_LIVE_DOMAIN_CERT_BINDINGS, Value::Null),
        )
        .finish()
        {
            Ok(b) => b,
            Err(f) => {
                self.fail(Provider::Tencent, None, Problem::Own(f));
                return;
            }
        };
        let ssl_listing = std::mem::replace(
            &mut t.ssl,
            listing(&tencent_ssl::DESCRIBE_CERTIFICATES, Value::Null),
        );
        let ssl = if ssl_abandoned {
            Vec::new()
        } else {
            match ssl_listing.finish() {
                Ok(s) => s,
                Err(f) => {
                    t.ssl_error.get_or_insert(Problem::Own(f));
                    Vec::new()
                }
            }
        };
        // Bound certificates the SSL service does not list: their names from one of their domains.
        let in_ssl: HashSet<&str> = ssl.iter().map(|c| text(c, "CertificateId")).collect();
        for (key, group) in tencent_groups(&bindings) {
            if in_ssl.contains(key.as_str()) {
                continue;
            }
            let payload = serde_json::json!({ "DomainName": text(group[0], "DomainName") });
            let id = self.sched.push(&tencent_live::DESCRIBE_LIVE_DOMAIN_CERT, payload);
            self.routes.insert(id, (Provider::Tencent, Route::TcDetail(t.keys.len())));
            t.keys.push(key);
            t.pending += 1;
        }
        if let Some(problem) = t.ssl_error.take() {
            self.fail(Provider::Tencent, None, problem);
        }
        t.read = Some((bindings, ssl));
        self.tencent_settle(t);
    }

    fn tencent_detail(&mut self, i: usize, reply: Reply<E>) {
        let Some(mut t) = self.tencent.take() else {
            return;
        };
        t.pending = t.pending.saturating_sub(1);
        // Without its names a certificate is still listed (its domains left empty).
        if let (Ok(answer), Some(key)) = (reply, t.keys.get(i)) {
            t.details.insert(key.clone(), TencentDetail::from_answer(&answer));
        }
        self.tencent_settle(t);
    }

    fn tencent_settle(&mut self, mut t: TencentInv<E>) {
        if t.pending > 0 || t.settled {
            self.tencent = Some(t);
            return;
        }
        t.settled = true;
        if let Some((bindings, ssl)) = t.read.take() {
            let now = self.now;
            self.certificates.extend(tencent(&bindings, &ssl, &t.details, now));
        }
    }

    fn esa_sites_page(&mut self, n: u32, reply: Reply<E>) {
        let Some(mut a) = self.aliyun.take() else {
            return;
        };
        let failed = Self::page_of(
            (&mut self.sched, &mut self.routes),
            &mut a.sites,
            n,
            reply,
            Route::EsaSites,
        );
        self.report(Provider::Aliyun, &a.sites);
        if let Some(e) = failed {
            a.listed = true;
            self.fail(Provider::Aliyun, None, Problem::Call(e));
        }
        if a.listed || !a.sites.is_finished() {
            self.aliyun = Some(a);
            return;
        }
        a.listed = true;
        let sites = std::mem::replace(&mut a.sites, listing(&aliyun_esa::LIST_SITES, Value::Null));
        match sites.finish() {
            Ok(rows) => {
                for (i, site) in rows.iter().enumerate() {
                    let base = serde_json::json!({ "SiteId": site.get("SiteId").cloned().unwrap_or(Value::Null) });
                    let mut l = listing(&aliyun_esa::LIST_CERTIFICATES, base);
                    let first = l.start();
                    self.send(&aliyun_esa::LIST_CERTIFICATES, first, |m| Route::EsaCerts(i, m));
                    a.listings.push(Some(l));
                    a.pending += 1;
                }
                a.site_rows = rows;
            }
            Err(f) => self.fail(Provider::Aliyun, None, Problem::Own(f)),
        }
        self.aliyun = Some(a);
    }

    fn esa_certs_page(&mut self, i: usize, n: u32, reply: Reply<E>) {
        let Some(mut a) = self.aliyun.take() else {
            return;
        };
        let Some(mut l) = a.listings.get_mut(i).and_then(Option::take) else {
            self.aliyun = Some(a);
            return;
        };
        let failed = Self::page_of((&mut self.sched, &mut self.routes), &mut l, n, reply, |m| {
            Route::EsaCerts(i, m)
        });
        self.report(Provider::Aliyun, &l);
        let site = a.site_rows.get(i).cloned().unwrap_or(Value::Null);
        let site_id = site.get("SiteId").cloned();
        if let Some(e) = failed {
            // One site that cannot be listed does not hide the others.
            a.pending = a.pending.saturating_sub(1);
            self.fail_ranked(Provider::Aliyun, site_id, Problem::Call(e), i + 1);
            self.aliyun = Some(a);
            return;
        }
        if !l.is_finished() {
            a.listings[i] = Some(l);
            self.aliyun = Some(a);
            return;
        }
        a.pending = a.pending.saturating_sub(1);
        match l.finish() {
            Ok(rows) => {
                let now = self.now;
                self.certificates.extend(aliyun(&site, rows, now));
            }
            Err(f) => self.fail_ranked(Provider::Aliyun, site_id, Problem::Own(f), i + 1),
        }
        self.aliyun = Some(a);
    }

    /// Stops: nothing more is asked for, and `finish` gives `error`.
    fn stop(&mut self, error: E) {
        self.sched.stop();
        self.aborted.get_or_insert(error);
    }

    /// The inventory, or the abort's error.
    pub fn finish(mut self) -> Result<Inventory<E>, E> {
        if let Some(e) = self.aborted {
            return Err(e);
        }
        // Soonest expiry first; certificates without a date (pending) last.
        // Ties in a fixed order (cloud, site, id): the same whatever order the answers came in.
        let order = |p: &str| Provider::ALL.iter().position(|q| q.as_str() == p).unwrap_or(0);
        self.certificates.sort_by(|a, b| {
            let key = |c: &InventoryCert| {
                (
                    c.not_after.is_none(),
                    c.not_after.clone(),
                    order(c.provider),
                    c.site_id.as_ref().map(Value::to_string),
                    c.id.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
        self.errors.sort_by_key(|e| (order(e.provider.as_str()), e.rank));
        Ok(Inventory { certificates: self.certificates, errors: self.errors })
    }
}

impl<E: Clone> Engine<E> for InventoryEngine<E> {
    fn poll_request(&mut self) -> Option<Request> {
        self.sched.poll()
    }

    fn handle(&mut self, id: RequestId, reply: Reply<E>) {
        self.on_reply(id, reply);
    }

    fn abort(&mut self, error: E) {
        self.stop(error);
    }

    fn is_done(&self) -> bool {
        self.sched.is_idle() || (self.aborted.is_some() && self.sched.in_flight() == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::scripted::{run, Estate, Order};
    use serde_json::json;

    const NOW: i64 = 1_790_000_000; // 2026-09-21T14:13:20Z

    #[test]
    fn states_come_from_the_expiry_and_the_clouds_words() {
        assert_eq!(state_of("OK", Some(NOW + 31 * DAY), NOW), State::Valid);
        assert_eq!(state_of("OK", Some(NOW + 30 * DAY), NOW), State::Expiring);
        assert_eq!(state_of("30days", Some(NOW + 1), NOW), State::Expiring);
        assert_eq!(state_of("OK", Some(NOW), NOW), State::Expired);
        assert_eq!(state_of("Applying", None, NOW), State::Pending);
        assert_eq!(state_of("ApplyFailed", Some(NOW + 90 * DAY), NOW), State::Failed);
        assert_eq!(state_of("Canceled", None, NOW), State::Failed);
        assert_eq!(state_of("Expire", None, NOW), State::Expired);
        assert_eq!(state_of("7days", None, NOW), State::Expiring);
        assert_eq!(days_left(Some(NOW + DAY + 5), NOW), Some(1));
        assert_eq!(days_left(Some(NOW - 5), NOW), Some(-1));
    }

    #[test]
    fn tencent_groups_bindings_lists_unbound_ssl_certificates_and_reads_beijing_times() {
        let rows = vec![
            json!({"DomainName": "a.example.com", "CertificateAlias": "ex", "CertId": 7, "CloudCertId": "c-1", "CertExpireTime": "2026-10-01 08:00:00", "Status": 1}),
            json!({"DomainName": "b.example.com", "CertificateAlias": "ex", "CertId": 7, "CloudCertId": "c-1", "CertExpireTime": "2026-10-01 08:00:00", "Status": 0}),
            json!({"DomainName": "c.other.com", "CertificateAlias": "own", "CertId": 9, "CloudCertId": "", "CertExpireTime": "2026-09-01 00:00:00", "Status": 1}),
        ];
        let ssl = vec![
            json!({"CertificateId": "c-1", "Alias": "ex", "SubjectAltName": ["*.example.com"], "CertBeginTime": "2026-01-01 08:00:00", "CertEndTime": "2026-10-01 08:00:00", "Status": 1, "CertificateType": "SVR"}),
            json!({"CertificateId": "c-2", "Alias": "spare", "SubjectAltName": ["x.example.com"], "CertEndTime": "2027-01-01 08:00:00", "Status": 1, "CertificateType": "SVR"}),
            json!({"CertificateId": "c-3", "Alias": "client", "SubjectAltName": [], "CertEndTime": "2027-01-01 08:00:00", "Status": 1, "CertificateType": "CA"}),
        ];
        let mut details = HashMap::new();
        details.insert(
            "9".to_string(),
            TencentDetail {
                names: vec!["c.other.com".into()],
                fingerprint: Some("ab".into()),
                cloud_cert_id: String::new(),
            },
        );
        let inv = tencent(&rows, &ssl, &details, NOW);
        assert_eq!(inv.len(), 3, "two bound, one spare; the client certificate is left out");
        assert_eq!(inv[0].id, "c-1");
        assert_eq!(inv[0].bound_to, ["a.example.com", "b.example.com"]);
        assert_eq!(inv[0].not_after.as_deref(), Some("2026-10-01T00:00:00Z"));
        assert_eq!(inv[0].not_before.as_deref(), Some("2026-01-01T00:00:00Z"));
        assert_eq!(inv[0].domains, ["*.example.com"]);
        assert_eq!(inv[0].state, State::Expiring);
        assert_eq!(inv[1].id, "9");
        assert_eq!(inv[1].domains, ["c.other.com"]);
        assert_eq!(inv[1].fingerprint_sha256.as_deref(), Some("ab"));
        assert_eq!(inv[1].state, State::Expired);
        assert_eq!(inv[2].id, "c-2");
        assert!(inv[2].bound_to.is_empty());
        assert_eq!(inv[2].not_after.as_deref(), Some("2027-01-01T00:00:00Z"));
    }

    #[test]
    fn every_page_of_every_cloud_in_any_order_gives_the_same_inventory() {
        let estate = Estate::generated(2_300, 7, 240);
        let in_order = run(&estate, Order::AsAsked, Limits::from_rates(None), NOW);
        let reversed = run(&estate, Order::Reversed, Limits::from_rates(None), NOW);
        let shuffled = run(&estate, Order::Shuffled(7), Limits::each(3), NOW);
        let inv = in_order.inventory.unwrap();
        assert!(inv.errors.is_empty(), "{:?}", inv.errors);
        assert_eq!(inv.certificates.len(), estate.certificate_count());
        assert!(inv == reversed.inventory.unwrap(), "answers in reverse give another inventory");
        assert!(inv == shuffled.inventory.unwrap(), "shuffled answers give another inventory");
        // Sorted by expiry.
        let dates: Vec<_> = inv.certificates.iter().map(|c| c.not_after.clone()).collect();
        let mut sorted = dates.clone();
        sorted.sort_by(|a, b| (a.is_none(), a).cmp(&(b.is_none(), b)));
        assert_eq!(dates, sorted);
        // ESA certificates carry their fingerprints and their site.
        let esa = inv.certificates.iter().find(|c| c.provider == "aliyun").unwrap();
        assert_eq!(esa.fingerprint_sha256.as_ref().map(String::len), Some(64));
        assert!(esa.site_id.is_some());
        // Bound Volcengine certificates name their domains.
        assert!(inv
            .certificates
            .iter()
            .any(|c| c.provider == "volcengine" && !c.bound_to.is_empty()));
    }

    #[test]
    fn pages_after_a_first_one_with_a_total_are_in_flight_together_up_to_each_clouds_limit() {
        // Volcengine: 1000 certificates (10 pages); Tencent: 1666 bindings (34 pages); ESA: 40 sites.
        let estate = Estate::generated(5_000, 40, 3_000);
        let out = run(&estate, Order::AsAsked, Limits::from_rates(None), NOW);
        assert!(out.inventory.unwrap().errors.is_empty());
        assert_eq!(out.most_in_flight, [10, 20, 20], "each cloud up to its limit");
        let capped = run(&estate, Order::AsAsked, Limits::from_rates(Some(3)), NOW);
        assert_eq!(capped.most_in_flight, [3, 3, 3], "the concurrency option caps it");
        // Each listing asks for each of its pages once: no more calls than pages.
        let pages = estate.pages_to_read();
        assert_eq!(out.calls, pages, "one call per page, plus Tencent's own certificates");
    }

    #[test]
    fn a_cloud_or_a_site_that_fails_is_an_error_and_the_others_still_list() {
        let mut estate = Estate::generated(300, 3, 30);
        estate.fail_action("ListCertV2");
        estate.fail_site(2);
        let inv = run(&estate, Order::Reversed, Limits::from_rates(None), NOW).inventory.unwrap();
        assert_eq!(inv.errors.len(), 2);
        assert_eq!(inv.errors[0].provider, Provider::Volcengine);
        assert_eq!(inv.errors[0].problem, Problem::Call("ListCertV2 failed".to_string()));
        assert_eq!(inv.errors[1].provider, Provider::Aliyun);
        assert_eq!(inv.errors[1].site_id, Some(json!(2)));
        assert!(inv.certificates.iter().any(|c| c.provider == "tencent"));
        assert!(inv.certificates.iter().any(|c| c.provider == "aliyun"));
        assert!(!inv.certificates.iter().any(|c| c.provider == "volcengine"));
        assert!(!inv.certificates.iter().any(|c| c.site_id == Some(json!(2))));
    }

    #[test]
    fn a_site_whose_pages_repeat_is_that_sites_error_never_a_thousand_copies() {
        let mut estate = Estate::generated(0, 3, 0);
        estate.repeat_pages_of_site(1, 100_000);
        let inv = run(&estate, Order::AsAsked, Limits::from_rates(None), NOW).inventory.unwrap();
        assert_eq!(inv.errors.len(), 1);
        assert_eq!(inv.errors[0].site_id, Some(json!(1)));
        let fault = inv.errors[0].problem.fault().unwrap();
        assert_eq!(fault.code, "PagingRepeats");
        assert!(inv.certificates.iter().all(|c| c.site_id != Some(json!(1))));
    }

    #[test]
    fn an_abort_ends_the_inventory_with_its_error_and_nothing_more_is_asked() {
        let mut estate = Estate::generated(3_000, 5, 50);
        estate.abort_at_call(4);
        let out = run(&estate, Order::AsAsked, Limits::from_rates(None), NOW);
        assert_eq!(out.inventory.unwrap_err(), "aborted");
        assert!(out.calls < 10, "{} calls", out.calls);
    }
}
