//! Putting one certificate onto domains and sites across clouds so that it converges: the engine
//! first reads what each target serves now, finds the same certificate (by the SHA-256 of its
//! leaf) where the cloud already has it, and plans per target: `unchanged` (it serves it),
//! `bind` (the cloud has it: bind that one), `upload` (upload once, then bind), or `refuse`. A
//! plan writes nothing; a deploy carries one out. Running a deploy again after any failure,
//! timeout or unknown outcome sends only what is missing, and a second identical run no write.
//!
//! Per cloud:
//! - Volcengine: `ListDomainDetail` (what each domain serves) and `ListCertV2` side by side;
//!   candidates with the same names and expiry are confirmed by `DescribeCertDetailSecretV2`
//!   (`SSL.Chain[0]`); `CreateCert` once, then `BindCert` per domain, all in flight together.
//! - Tencent: `DescribeLiveDomainCertBindings`; candidates with the same expiry are confirmed by
//!   `DescribeLiveDomainCert` (`HttpsCrt`); `ModifyLiveDomainCertBindings` by `CloudCertId`, or
//!   an upload with the first domains, whose new id is then read back and bound to the rest.
//! - ESA: `ListSites` (names, for the site's coverage) and each target site's
//!   `ListCertificates` (`FingerprintSha256`); `SetCertificate` per site.
//!
//! Like the inventory, the engine is sans-IO: the host makes its requests through its clients.

use std::collections::{HashMap, VecDeque};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::deploy::{
    aliyun_set, site_problem, target_problem, tencent_outcomes, volcengine_bind, volcengine_create,
    SiteRef, Target,
};
use super::engine::{
    CallFailure, Engine, FailKind, Fault, Limits, Problem, Reply, Request, RequestId, Scheduler,
};
use super::inventory::{id_text, san_names, tencent_cert_key, text, texts, TencentDetail};
use super::listing::Listing;
use super::pem::{covers, leaf_fingerprint, normal_fingerprint, read_certificate, CertSummary};
use super::times::{iso_utc, parse, Zone};
use crate::catalog::{aliyun_esa, tencent_live, tencent_ssl, volcengine_live, Operation, Provider};
use crate::error::ErrorName;

/// Domains per `ModifyLiveDomainCertBindings` call: no maximum is documented; this keeps each
/// request small.
pub const TENCENT_CHUNK: usize = 100;

/// What a deploy does to one target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(ts_full, derive(tsify::Tsify), tsify(rename = "PlanAction", missing_as_null))]
#[serde(rename_all = "camelCase")]
pub enum StepAction {
    /// It serves the certificate already: nothing is sent.
    Unchanged,
    /// The cloud has the certificate: that one is bound (no upload).
    Bind,
    /// Uploaded once for the cloud, then bound.
    Upload,
    /// Not covered, not found, no client, or what it serves could not be read: nothing is sent.
    Refuse,
}

/// A certificate a target serves, as its cloud names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(ts_full, derive(tsify::Tsify), tsify(rename = "ServedCertificate", missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct Served {
    pub id: String,
    /// ISO 8601 UTC, where the cloud tells it.
    pub not_after: Option<String>,
}

/// The plan for one target.
#[derive(Debug, Clone, PartialEq)]
pub struct Step<E> {
    pub action: StepAction,
    /// `unchanged`: the certificate in place; `bind`: the one to bind.
    pub certificate_id: Option<String>,
    /// What it serves now, where the cloud tells it.
    pub current: Option<Served>,
    /// ESA: the site's name.
    pub site_name: Option<String>,
    /// `refuse`: why.
    pub problem: Option<Problem<E>>,
}

impl<E> Step<E> {
    fn refused(problem: Problem<E>) -> Step<E> {
        Step {
            action: StepAction::Refuse,
            certificate_id: None,
            current: None,
            site_name: None,
            problem: Some(problem),
        }
    }
}

/// How a deploy ended for one target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(ts_full, derive(tsify::Tsify), tsify(rename = "DeployStatus", missing_as_null))]
#[serde(rename_all = "camelCase")]
pub enum Status {
    /// Written now.
    Deployed,
    /// It served the certificate already: nothing was sent.
    Unchanged,
    /// Refused or failed: nothing changed.
    Failed,
    /// A write was cut off, timed out or aborted on its way and may have been carried out: run
    /// the same deploy again to settle it (it converges).
    Unknown,
    /// An abort came first: nothing was sent for it.
    NotStarted,
}

/// The outcome of one target.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome<E> {
    pub status: Status,
    /// The certificate it serves now (or would have): Volcengine's `ChainID`, Tencent's
    /// `CloudCertId`, ESA's `Id`.
    pub certificate_id: Option<String>,
    /// What it served before, where it changed.
    pub replaced: Option<Served>,
    pub problem: Option<Problem<E>>,
}

/// A step of an earlier plan, as the caller hands it back to `deployCertificate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub action: StepAction,
    pub certificate_id: Option<String>,
}

/// A target whose step now differs from the plan's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub index: usize,
    pub planned: StepAction,
    pub now: StepAction,
}

/// What the engine is asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Read and plan; write nothing.
    Plan,
    /// Plan, then write; with `expected`, refuse (nothing sent) when the plan changed.
    Deploy { expected: Option<Vec<Expected>> },
}

/// The certificate and key, checked (`check_material`), and the name it is uploaded under.
#[derive(Debug, Clone)]
pub struct Material {
    pub certificate: String,
    pub private_key: String,
    pub name: String,
    pub summary: CertSummary,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Route {
    VolcDomains(u32),
    VolcCerts(u32),
    VolcDescribe(String),
    VolcCreate,
    /// Reading back the chain `CreateCert` named, before anything is bound to it.
    VolcVerify(String),
    VolcBind(usize),
    TcBindings(u32),
    TcDescribe(String),
    /// Binding these targets; `true` when the call uploads the certificate.
    TcModify(Vec<usize>, bool),
    /// Reading back the id of the certificate just uploaded (from this domain).
    TcLearn(String),
    /// A page of the SSL service's certificates (copies bound to no domain are only there).
    TcSsl(u32),
    /// The chain of one of them, to compare its leaf's SHA-256.
    TcSslDetail(String),
    EsaSites(u32),
    EsaCerts(usize, u32),
    EsaSet(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Reading,
    Confirming,
    Planned,
    Writing,
    Done,
}

/// Per cloud: its targets (indices of canonical targets) and where it stands.
struct Cloud {
    targets: Vec<usize>,
    phase: Phase,
    /// Requests of this cloud not yet answered in the current phase.
    pending: usize,
    /// A read failed: the cloud's targets fail with it.
    read_failed: bool,
}

impl Cloud {
    fn new() -> Cloud {
        Cloud { targets: Vec::new(), phase: Phase::Done, pending: 0, read_failed: false }
    }
}

#[derive(Default)]
struct VolcState {
    domains: Option<Listing>,
    certs: Option<Listing>,
    /// Domain → chain id it serves ("" for none).
    serving: HashMap<String, String>,
    /// Chain id → its expiry (ISO).
    expiry: HashMap<String, Option<String>>,
    matched: Option<String>,
    /// The chain uploaded by this run.
    created: Option<String>,
    /// Targets waiting for `CreateCert`.
    waiting: Vec<usize>,
}

#[derive(Default)]
struct TencentState {
    bindings: Option<Listing>,
    /// The SSL service's certificates: a copy uploaded before and bound nowhere now is reused
    /// from there. Reading them is optional: an account whose keys may not read the SSL service
    /// deploys as before (by upload).
    ssl: Option<Listing>,
    /// Domain → (certificate key, CloudCertId, HTTPS on, expiry ISO).
    serving: HashMap<String, (String, String, bool, Option<String>)>,
    /// Key → one of its domains (for `DescribeLiveDomainCert`).
    sample: HashMap<String, String>,
    /// The certificate's key and `CloudCertId` where the cloud has it.
    matched: Option<(String, String)>,
    /// Upload targets not in the first call, waiting for the new id.
    waiting: Vec<usize>,
    learned: Option<String>,
    /// Targets of the uploading call (their certificate id is the learnt one).
    uploaded: Vec<usize>,
}

#[derive(Default)]
struct EsaState {
    sites: Option<Listing>,
    /// Canonical target → the site it resolved to (index into `site_rows`).
    site_of: HashMap<usize, usize>,
    site_rows: Vec<Value>,
    listings: HashMap<usize, Listing>,
    /// Site index → its certificates.
    certs: HashMap<usize, Vec<Value>>,
}

/// A deploy (or a plan) as a state machine: `poll_request`, `handle`, `poll_settled` for each
/// target's outcome as it comes, and `finish` (or `finish_plan`) once `is_done`.
pub struct DeployEngine<E> {
    material: Material,
    targets: Vec<Option<Target>>,
    /// The first target with the same key: duplicates share its outcome.
    canonical: Vec<usize>,
    mode: Mode,
    sched: Scheduler,
    routes: HashMap<RequestId, Route>,
    clouds: [Cloud; 3],
    volc: VolcState,
    tencent: TencentState,
    esa: EsaState,
    steps: Vec<Option<Step<E>>>,
    outcomes: Vec<Option<Outcome<E>>>,
    settled: VecDeque<usize>,
    changes: Vec<Change>,
    aborted: bool,
    writing_started: bool,
    /// Targets a write was handed out for: without an outcome at the end, theirs is unknown.
    sent: std::collections::HashSet<usize>,
}

fn slot(p: Provider) -> usize {
    match p {
        Provider::Volcengine => 0,
        Provider::Tencent => 1,
        Provider::Aliyun => 2,
    }
}

/// The most copies of the SSL service a deploy reads the chain of (those with its expiry, bound
/// to no domain): enough for every leftover of earlier runs, bounded whatever the list holds.
const MAX_UNBOUND_COPIES: usize = 20;

fn listing(op: &'static Operation, base: Value) -> Listing {
    Listing::new(op, base).expect("the lifecycle's list operations declare their paging")
}

/// The same names, whatever their order and case.
fn same_names(a: &[String], b: &[String]) -> bool {
    let norm = |v: &[String]| {
        let mut s: Vec<String> = v.iter().map(|n| n.to_ascii_lowercase()).collect();
        s.sort();
        s.dedup();
        s
    };
    norm(a) == norm(b)
}

impl<E: Clone> DeployEngine<E> {
    /// A deploy of `material` to `targets` (each read already, or the reason it cannot be) with
    /// the clients of `clouds`, at most `limits` calls in flight per cloud.
    pub fn new(
        material: Material,
        targets: Vec<Result<Target, Fault>>,
        clouds: &[Provider],
        limits: Limits,
        mode: Mode,
    ) -> DeployEngine<E> {
        let n = targets.len();
        let mut e = DeployEngine {
            material,
            targets: Vec::with_capacity(n),
            canonical: Vec::with_capacity(n),
            mode,
            sched: Scheduler::new(limits),
            routes: HashMap::new(),
            clouds: [Cloud::new(), Cloud::new(), Cloud::new()],
            volc: VolcState::default(),
            tencent: TencentState::default(),
            esa: EsaState::default(),
            steps: vec![None; n],
            outcomes: vec![None; n],
            settled: VecDeque::new(),
            changes: Vec::new(),
            aborted: false,
            writing_started: false,
            sent: std::collections::HashSet::new(),
        };
        let mut first_of: HashMap<String, usize> = HashMap::new();
        for (i, t) in targets.into_iter().enumerate() {
            match t {
                Err(fault) => {
                    e.targets.push(None);
                    e.canonical.push(i);
                    e.refuse(i, Problem::Own(fault));
                }
                Ok(t) => {
                    let c = *first_of.entry(t.key()).or_insert(i);
                    e.canonical.push(c);
                    e.targets.push(Some(t));
                }
            }
        }
        for i in 0..n {
            let Some(t) = e.targets[i].clone() else {
                continue;
            };
            if e.canonical[i] != i {
                continue;
            }
            let p = t.provider();
            if !clouds.contains(&p) {
                let why = format!("no {} client was given", p.as_str());
                e.refuse(i, Problem::Own(Fault::refusal(p, "NoClient", why)));
                continue;
            }
            if let Some(why) = target_problem(&e.material.summary, &t) {
                e.refuse(i, Problem::Own(Fault::refusal(p, "NotCovered", why)));
                continue;
            }
            e.clouds[slot(p)].targets.push(i);
        }
        e.start_reads();
        e
    }

    fn push(&mut self, op: &'static Operation, payload: Value, route: Route) {
        let id = self.sched.push(op, payload);
        self.routes.insert(id, route);
        self.clouds[slot(op.provider)].pending += 1;
    }

    fn push_pages(
        &mut self,
        op: &'static Operation,
        pages: Vec<(u32, Value)>,
        route: impl Fn(u32) -> Route,
    ) {
        for (n, payload) in pages {
            self.push(op, payload, route(n));
        }
    }

    fn start_reads(&mut self) {
        if !self.clouds[0].targets.is_empty() {
            self.clouds[0].phase = Phase::Reading;
            let mut d = listing(&volcengine_live::LIST_DOMAIN_DETAIL, Value::Null);
            let mut c = listing(&volcengine_live::LIST_CERT_V2, Value::Null);
            let (dp, cp) = (d.start(), c.start());
            self.push_pages(&volcengine_live::LIST_DOMAIN_DETAIL, dp, Route::VolcDomains);
            self.push_pages(&volcengine_live::LIST_CERT_V2, cp, Route::VolcCerts);
            self.volc.domains = Some(d);
            self.volc.certs = Some(c);
        }
        if !self.clouds[1].targets.is_empty() {
            self.clouds[1].phase = Phase::Reading;
            let mut b = listing(&tencent_live::DESCRIBE_LIVE_DOMAIN_CERT_BINDINGS, Value::Null);
            let bp = b.start();
            self.push_pages(
                &tencent_live::DESCRIBE_LIVE_DOMAIN_CERT_BINDINGS,
                bp,
                Route::TcBindings,
            );
            self.tencent.bindings = Some(b);
            let mut ssl = listing(&tencent_ssl::DESCRIBE_CERTIFICATES, Value::Null);
            let sp = ssl.start();
            self.push_pages(&tencent_ssl::DESCRIBE_CERTIFICATES, sp, Route::TcSsl);
            self.tencent.ssl = Some(ssl);
        }
        if !self.clouds[2].targets.is_empty() {
            self.clouds[2].phase = Phase::Reading;
            let mut s = listing(&aliyun_esa::LIST_SITES, Value::Null);
            let sp = s.start();
            self.push_pages(&aliyun_esa::LIST_SITES, sp, Route::EsaSites);
            self.esa.sites = Some(s);
        }
        self.maybe_write();
    }

    // ------------------------------------------------------------ settling

    fn refuse(&mut self, i: usize, problem: Problem<E>) {
        self.steps[i] = Some(Step::refused(problem));
    }

    fn settle(&mut self, i: usize, outcome: Outcome<E>) {
        if self.outcomes[i].is_some() {
            return;
        }
        self.outcomes[i] = Some(outcome);
        self.settled.push_back(i);
    }

    fn step(&self, i: usize) -> Option<&Step<E>> {
        self.steps[i].as_ref()
    }

    fn current_of(&self, i: usize) -> Option<Served> {
        self.step(i).and_then(|s| s.current.clone())
    }

    fn deployed(&mut self, i: usize, id: Option<String>) {
        let replaced = self.current_of(i).filter(|c| Some(&c.id) != id.as_ref());
        self.settle(
            i,
            Outcome { status: Status::Deployed, certificate_id: id, replaced, problem: None },
        );
    }

    fn failed_call(&mut self, i: usize, f: CallFailure<E>, id: Option<String>) {
        let status = match f.kind {
            FailKind::Unknown => Status::Unknown,
            FailKind::Failed => Status::Failed,
            // A read aborted: nothing was written for it.
            FailKind::Aborted => Status::NotStarted,
        };
        self.settle(
            i,
            Outcome {
                status,
                certificate_id: id,
                replaced: None,
                problem: Some(Problem::Call(f.error)),
            },
        );
    }

    fn failed_own(&mut self, i: usize, fault: Fault) {
        self.settle(
            i,
            Outcome {
                status: Status::Failed,
                certificate_id: None,
                replaced: None,
                problem: Some(Problem::Own(fault)),
            },
        );
    }

    /// The next target whose outcome was settled (duplicates of it too), if any.
    pub fn poll_settled(&mut self) -> Option<usize> {
        self.settled.pop_front()
    }

    /// Targets settled so far, out of all.
    pub fn progress(&self) -> (usize, usize) {
        let done =
            (0..self.targets.len()).filter(|&i| self.outcomes[self.canonical[i]].is_some()).count();
        (done, self.targets.len())
    }

    /// The indices of `i` and of its duplicates.
    pub fn same_as(&self, i: usize) -> Vec<usize> {
        (0..self.canonical.len()).filter(|&j| self.canonical[j] == i).collect()
    }

    // ------------------------------------------------------------ the reads

    fn read_failed(&mut self, p: Provider, problem: Problem<E>) {
        let c = &mut self.clouds[slot(p)];
        if c.read_failed {
            return;
        }
        c.read_failed = true;
        for i in c.targets.clone() {
            if self.steps[i].is_none() {
                self.steps[i] = Some(Step::refused(problem.clone()));
            }
        }
    }

    fn page(
        &mut self,
        p: Provider,
        which: fn(&mut Self) -> &mut Option<Listing>,
        n: u32,
        reply: Reply<E>,
        route: fn(u32) -> Route,
    ) -> bool {
        let Some(mut l) = which(self).take() else {
            return false;
        };
        match reply {
            Ok(answer) => {
                let op = l.op();
                let more = l.on_page(n, answer);
                self.push_pages(op, more, route);
            }
            Err(f) => {
                l.abandon();
                self.read_failed(p, Problem::Call(f.error));
            }
        }
        let done = l.is_finished();
        *which(self) = Some(l);
        done
    }

    fn on_volc_listing(&mut self) {
        let both = self.volc.domains.as_ref().is_some_and(Listing::is_finished)
            && self.volc.certs.as_ref().is_some_and(Listing::is_finished);
        if !both || self.clouds[0].phase != Phase::Reading {
            return;
        }
        self.clouds[0].phase = Phase::Confirming;
        if self.clouds[0].read_failed {
            return self.plan_cloud(Provider::Volcengine);
        }
        let (Some(d), Some(c)) = (self.volc.domains.take(), self.volc.certs.take()) else {
            return;
        };
        let (domains, certs) = match (d.finish(), c.finish()) {
            (Ok(d), Ok(c)) => (d, c),
            (Err(f), _) | (_, Err(f)) => {
                self.read_failed(Provider::Volcengine, Problem::Own(f));
                return self.plan_cloud(Provider::Volcengine);
            }
        };
        for row in &domains {
            self.volc
                .serving
                .insert(text(row, "Domain").to_ascii_lowercase(), text(row, "ChainID").to_string());
        }
        let names = &self.material.summary.names;
        let not_after = self.material.summary.not_after;
        let mut candidates = Vec::new();
        for row in &certs {
            let chain = text(row, "ChainID").to_string();
            let expiry = parse(text(row, "NotAfter"), Zone::Utc);
            let listed = texts(row, "CertDomainList");
            if expiry == Some(not_after) && (listed.is_empty() || same_names(&listed, names)) {
                candidates.push(chain.clone());
            }
            self.volc.expiry.insert(chain, expiry.map(iso_utc));
        }
        for chain in candidates {
            self.push(
                &volcengine_live::DESCRIBE_CERT_DETAIL_SECRET_V2,
                json!({ "ChainID": chain }),
                Route::VolcDescribe(chain),
            );
        }
        self.after_confirm(Provider::Volcengine);
    }

    fn on_tencent_listing(&mut self) {
        let ssl_done = self.tencent.ssl.as_ref().is_none_or(Listing::is_finished);
        if !ssl_done
            || !self.tencent.bindings.as_ref().is_some_and(Listing::is_finished)
            || self.clouds[1].phase != Phase::Reading
        {
            return;
        }
        self.clouds[1].phase = Phase::Confirming;
        if self.clouds[1].read_failed {
            return self.plan_cloud(Provider::Tencent);
        }
        let Some(b) = self.tencent.bindings.take() else {
            return;
        };
        let rows = match b.finish() {
            Ok(r) => r,
            Err(f) => {
                self.read_failed(Provider::Tencent, Problem::Own(f));
                return self.plan_cloud(Provider::Tencent);
            }
        };
        let not_after = self.material.summary.not_after;
        let mut candidates: Vec<(String, String)> = Vec::new();
        for row in &rows {
            let key = tencent_cert_key(row);
            let domain = text(row, "DomainName").to_ascii_lowercase();
            let expiry = parse(text(row, "CertExpireTime"), Zone::Beijing);
            let https = row.get("Status").and_then(Value::as_i64) == Some(1);
            let cloud_id = text(row, "CloudCertId").to_string();
            if expiry == Some(not_after) && !self.tencent.sample.contains_key(&key) {
                candidates.push((key.clone(), domain.clone()));
            }
            self.tencent.sample.entry(key.clone()).or_insert_with(|| domain.clone());
            self.tencent.serving.insert(domain, (key, cloud_id, https, expiry.map(iso_utc)));
        }
        for (key, domain) in candidates {
            self.push(
                &tencent_live::DESCRIBE_LIVE_DOMAIN_CERT,
                json!({ "DomainName": domain }),
                Route::TcDescribe(key),
            );
        }
        // Copies bound to no domain: those of the same expiry, their chain read to compare.
        let unbound: Vec<String> = self
            .tencent
            .ssl
            .take()
            .and_then(|l| l.finish().ok())
            .unwrap_or_default()
            .iter()
            .filter(|r| parse(text(r, "CertEndTime"), Zone::Beijing) == Some(not_after))
            .map(|r| text(r, "CertificateId").to_string())
            .filter(|id| !id.is_empty() && !self.tencent.sample.contains_key(id))
            .take(MAX_UNBOUND_COPIES)
            .collect();
        for id in unbound {
            self.push(
                &tencent_ssl::DESCRIBE_CERTIFICATE_DETAIL,
                json!({ "CertificateId": id }),
                Route::TcSslDetail(id),
            );
        }
        self.after_confirm(Provider::Tencent);
    }

    fn on_esa_sites(&mut self) {
        if !self.esa.sites.as_ref().is_some_and(Listing::is_finished)
            || self.clouds[2].phase != Phase::Reading
        {
            return;
        }
        if self.clouds[2].read_failed {
            self.clouds[2].phase = Phase::Confirming;
            return self.plan_cloud(Provider::Aliyun);
        }
        let Some(s) = self.esa.sites.take() else {
            return;
        };
        let rows = match s.finish() {
            Ok(r) => r,
            Err(f) => {
                self.clouds[2].phase = Phase::Confirming;
                self.read_failed(Provider::Aliyun, Problem::Own(f));
                return self.plan_cloud(Provider::Aliyun);
            }
        };
        let by_id: HashMap<String, usize> =
            rows.iter().enumerate().map(|(k, r)| (id_text(r, "SiteId"), k)).collect();
        let by_name: HashMap<String, usize> = rows
            .iter()
            .enumerate()
            .map(|(k, r)| (text(r, "SiteName").to_ascii_lowercase(), k))
            .collect();
        let mut wanted: Vec<usize> = Vec::new();
        for i in self.clouds[2].targets.clone() {
            let Some(Target::Aliyun { site }) = self.targets[i].clone() else {
                continue;
            };
            let found = match &site {
                SiteRef::Name(n) => by_name.get(n).copied(),
                other => other.id_text().and_then(|id| by_id.get(&id).copied()),
            };
            let Some(k) = found else {
                let what = match &site {
                    SiteRef::Name(n) => format!("no ESA site is named {n}"),
                    other => {
                        format!("no ESA site has the id {}", other.id_text().unwrap_or_default())
                    }
                };
                self.refuse(i, Problem::Own(Fault::refusal(Provider::Aliyun, "NotFound", what)));
                continue;
            };
            let name = text(&rows[k], "SiteName").to_string();
            if let Some(why) = site_problem(&self.material.summary, &name) {
                self.refuse(i, Problem::Own(Fault::refusal(Provider::Aliyun, "NotCovered", why)));
                continue;
            }
            self.esa.site_of.insert(i, k);
            if !wanted.contains(&k) {
                wanted.push(k);
            }
        }
        self.esa.site_rows = rows;
        self.clouds[2].phase = Phase::Confirming;
        for k in wanted {
            let id = self.esa.site_rows[k].get("SiteId").cloned().unwrap_or(Value::Null);
            let mut l = listing(&aliyun_esa::LIST_CERTIFICATES, json!({ "SiteId": id }));
            let first = l.start();
            for (n, payload) in first {
                self.push(&aliyun_esa::LIST_CERTIFICATES, payload, Route::EsaCerts(k, n));
            }
            self.esa.listings.insert(k, l);
        }
        self.after_confirm(Provider::Aliyun);
    }

    fn esa_page(&mut self, k: usize, n: u32, reply: Reply<E>) {
        let Some(mut l) = self.esa.listings.remove(&k) else {
            return;
        };
        match reply {
            Ok(answer) => {
                let more = l.on_page(n, answer);
                for (m, payload) in more {
                    self.push(&aliyun_esa::LIST_CERTIFICATES, payload, Route::EsaCerts(k, m));
                }
            }
            Err(f) => {
                l.abandon();
                self.esa_site_failed(k, Problem::Call(f.error));
            }
        }
        if !l.is_finished() {
            self.esa.listings.insert(k, l);
            return;
        }
        if l.is_abandoned() {
            return;
        }
        match l.finish() {
            Ok(rows) => {
                self.esa.certs.insert(k, rows);
            }
            Err(f) => self.esa_site_failed(k, Problem::Own(f)),
        }
    }

    /// A site whose certificates could not be read: its targets are refused, the others go on.
    fn esa_site_failed(&mut self, k: usize, problem: Problem<E>) {
        let targets: Vec<usize> =
            self.esa.site_of.iter().filter(|(_, s)| **s == k).map(|(i, _)| *i).collect();
        for i in targets {
            if self.steps[i].is_none() {
                self.steps[i] = Some(Step::refused(problem.clone()));
            }
        }
    }

    /// A confirming read answered: plan the cloud once none is left.
    fn after_confirm(&mut self, p: Provider) {
        let c = &self.clouds[slot(p)];
        if c.phase == Phase::Confirming && c.pending == 0 {
            self.plan_cloud(p);
        }
    }

    // ------------------------------------------------------------ planning

    fn plan_cloud(&mut self, p: Provider) {
        if self.clouds[slot(p)].phase == Phase::Planned
            || self.clouds[slot(p)].phase == Phase::Writing
        {
            return;
        }
        self.clouds[slot(p)].phase = Phase::Planned;
        for i in self.clouds[slot(p)].targets.clone() {
            if self.steps[i].is_some() {
                continue;
            }
            let step = match p {
                Provider::Volcengine => self.volc_step(i),
                Provider::Tencent => self.tencent_step(i),
                Provider::Aliyun => self.esa_step(i),
            };
            self.steps[i] = Some(step);
        }
        self.maybe_write();
    }

    fn domain_of(&self, i: usize) -> String {
        match &self.targets[i] {
            Some(Target::Volcengine { domain }) | Some(Target::Tencent { domain }) => {
                domain.clone()
            }
            _ => String::new(),
        }
    }

    fn volc_step(&self, i: usize) -> Step<E> {
        let domain = self.domain_of(i);
        let Some(chain) = self.volc.serving.get(&domain) else {
            let why = format!("{domain} is not a domain of this Volcengine Live account");
            return Step::refused(Problem::Own(Fault::refusal(
                Provider::Volcengine,
                "NotFound",
                why,
            )));
        };
        let current = (!chain.is_empty()).then(|| Served {
            id: chain.clone(),
            not_after: self.volc.expiry.get(chain).cloned().flatten(),
        });
        let (action, id) = match &self.volc.matched {
            Some(m) if m == chain => (StepAction::Unchanged, Some(m.clone())),
            Some(m) => (StepAction::Bind, Some(m.clone())),
            None => (StepAction::Upload, None),
        };
        Step { action, certificate_id: id, current, site_name: None, problem: None }
    }

    fn tencent_step(&self, i: usize) -> Step<E> {
        let domain = self.domain_of(i);
        let serving = self.tencent.serving.get(&domain);
        let current = serving.map(|(key, cloud, _, expiry)| Served {
            id: if cloud.is_empty() { key.clone() } else { cloud.clone() },
            not_after: expiry.clone(),
        });
        let (action, id) = match (&self.tencent.matched, serving) {
            (Some((mk, cid)), Some((key, _, true, _))) if mk == key => {
                (StepAction::Unchanged, Some(if cid.is_empty() { mk.clone() } else { cid.clone() }))
            }
            (Some((_, cid)), _) if !cid.is_empty() => (StepAction::Bind, Some(cid.clone())),
            _ => (StepAction::Upload, None),
        };
        Step { action, certificate_id: id, current, site_name: None, problem: None }
    }

    fn esa_step(&self, i: usize) -> Step<E> {
        let Some(&k) = self.esa.site_of.get(&i) else {
            let why = "the site could not be read".to_string();
            return Step::refused(Problem::Own(Fault::refusal(Provider::Aliyun, "NotFound", why)));
        };
        let site_name = text(&self.esa.site_rows[k], "SiteName").to_string();
        let ours = &self.material.summary.fingerprint_sha256;
        let names = &self.material.summary.names;
        let certs = self.esa.certs.get(&k).map(Vec::as_slice).unwrap_or_default();
        let same = certs.iter().find(|c| normal_fingerprint(text(c, "FingerprintSha256")) == *ours);
        // What serves the names now: the latest other certificate that covers one of them.
        let current = certs
            .iter()
            .filter(|c| normal_fingerprint(text(c, "FingerprintSha256")) != *ours)
            .filter(|c| {
                san_names(c).iter().any(|s| {
                    names.iter().any(|n| s.eq_ignore_ascii_case(n) || covers(s, n) || covers(n, s))
                })
            })
            .filter_map(|c| parse(text(c, "NotAfter"), Zone::Utc).map(|t| (t, c)))
            .max_by_key(|(t, _)| *t)
            .map(|(t, c)| Served { id: id_text(c, "Id"), not_after: Some(iso_utc(t)) });
        let (action, id) = match same {
            Some(c) => (StepAction::Unchanged, Some(id_text(c, "Id"))),
            None => (StepAction::Upload, None),
        };
        Step { action, certificate_id: id, current, site_name: Some(site_name), problem: None }
    }

    // ------------------------------------------------------------ writing

    fn all_planned(&self) -> bool {
        self.clouds.iter().all(|c| {
            c.targets.is_empty() || matches!(c.phase, Phase::Planned | Phase::Writing | Phase::Done)
        })
    }

    /// Starts the writes of every planned cloud: at once without a plan to check; with one, once
    /// every cloud is planned and nothing changed (else nothing is written at all).
    fn maybe_write(&mut self) {
        let expected = match &self.mode {
            Mode::Plan => return,
            Mode::Deploy { expected } => expected.clone(),
        };
        if self.aborted {
            return;
        }
        if let Some(expected) = expected {
            if !self.all_planned() || self.writing_started {
                return;
            }
            self.writing_started = true;
            self.changes = self.compare(&expected);
            if !self.changes.is_empty() {
                self.sched.stop();
                return;
            }
        }
        for p in Provider::ALL {
            if self.clouds[slot(p)].phase == Phase::Planned {
                self.clouds[slot(p)].phase = Phase::Writing;
                match p {
                    Provider::Volcengine => self.volc_write(),
                    Provider::Tencent => self.tencent_write(),
                    Provider::Aliyun => self.esa_write(),
                }
            }
        }
        self.settle_without_writes();
    }

    fn compare(&self, expected: &[Expected]) -> Vec<Change> {
        let mut out = Vec::new();
        for i in 0..self.targets.len() {
            let c = self.canonical[i];
            let Some(now) = self.step(c) else { continue };
            let Some(planned) = expected.get(i) else {
                continue;
            };
            let fine = now.action == StepAction::Unchanged
                || now.action == planned.action
                    && (now.action != StepAction::Bind
                        || now.certificate_id == planned.certificate_id);
            if !fine {
                out.push(Change { index: i, planned: planned.action, now: now.action });
            }
        }
        out
    }

    /// Targets that need no write settle at once: every refused one, and the unchanged ones of
    /// the clouds now writing.
    fn settle_without_writes(&mut self) {
        for i in 0..self.targets.len() {
            if self.canonical[i] != i || self.outcomes[i].is_some() {
                continue;
            }
            let Some(step) = self.steps[i].clone() else {
                continue;
            };
            let writing = self.targets[i]
                .as_ref()
                .is_some_and(|t| self.clouds[slot(t.provider())].phase == Phase::Writing);
            let status = match step.action {
                StepAction::Refuse => Status::Failed,
                StepAction::Unchanged if writing => Status::Unchanged,
                _ => continue,
            };
            self.settle(
                i,
                Outcome {
                    status,
                    certificate_id: step.certificate_id,
                    replaced: None,
                    problem: step.problem,
                },
            );
        }
    }

    fn targets_doing(&self, p: Provider, action: StepAction) -> Vec<usize> {
        self.clouds[slot(p)]
            .targets
            .iter()
            .copied()
            .filter(|&i| self.step(i).is_some_and(|s| s.action == action))
            .collect()
    }

    fn volc_write(&mut self) {
        for i in self.targets_doing(Provider::Volcengine, StepAction::Bind) {
            let chain = self.step(i).and_then(|s| s.certificate_id.clone()).unwrap_or_default();
            self.push(
                &volcengine_live::BIND_CERT,
                volcengine_bind(&chain, &self.domain_of(i)),
                Route::VolcBind(i),
            );
        }
        let uploads = self.targets_doing(Provider::Volcengine, StepAction::Upload);
        if !uploads.is_empty() {
            let m = &self.material;
            let payload = volcengine_create(&m.certificate, &m.private_key, &m.name);
            self.push(&volcengine_live::CREATE_CERT, payload, Route::VolcCreate);
            self.volc.waiting = uploads;
        }
    }

    fn tencent_write(&mut self) {
        let binds = self.targets_doing(Provider::Tencent, StepAction::Bind);
        if let Some(id) =
            binds.first().and_then(|&i| self.step(i)).and_then(|s| s.certificate_id.clone())
        {
            self.tencent_bind_chunks(&binds, &id);
        }
        let uploads = self.targets_doing(Provider::Tencent, StepAction::Upload);
        if uploads.is_empty() {
            return;
        }
        let (first, rest) = uploads.split_at(uploads.len().min(TENCENT_CHUNK));
        let domains: Vec<String> = first.iter().map(|&i| self.domain_of(i)).collect();
        let m = &self.material;
        let payload =
            super::deploy::tencent_bind(&domains, &m.certificate, &m.private_key, &m.name);
        self.push(
            &tencent_live::MODIFY_LIVE_DOMAIN_CERT_BINDINGS,
            payload,
            Route::TcModify(first.to_vec(), true),
        );
        self.tencent.uploaded = first.to_vec();
        self.tencent.waiting = rest.to_vec();
    }

    fn tencent_bind_chunks(&mut self, targets: &[usize], cloud_id: &str) {
        for chunk in targets.chunks(TENCENT_CHUNK) {
            let infos: Vec<Value> = chunk
                .iter()
                .map(|&i| json!({ "DomainName": self.domain_of(i), "Status": 1 }))
                .collect();
            let payload = json!({ "DomainInfos": infos, "CloudCertId": cloud_id });
            self.push(
                &tencent_live::MODIFY_LIVE_DOMAIN_CERT_BINDINGS,
                payload,
                Route::TcModify(chunk.to_vec(), false),
            );
        }
    }

    /// One upload per site, however many targets name it (by id and by name).
    fn esa_write(&mut self) {
        let mut sites: Vec<usize> = Vec::new();
        for i in self.targets_doing(Provider::Aliyun, StepAction::Upload) {
            if let Some(&k) = self.esa.site_of.get(&i) {
                if !sites.contains(&k) {
                    sites.push(k);
                }
            }
        }
        for k in sites {
            let site = self.esa.site_rows[k].get("SiteId").cloned().unwrap_or(Value::Null);
            let m = &self.material;
            let payload = aliyun_set(&site, &m.certificate, &m.private_key, &m.name);
            self.push(&aliyun_esa::SET_CERTIFICATE, payload, Route::EsaSet(k));
        }
    }

    /// The targets that upload to site `k`.
    fn esa_uploads_to(&self, k: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .targets_doing(Provider::Aliyun, StepAction::Upload)
            .into_iter()
            .filter(|i| self.esa.site_of.get(i) == Some(&k))
            .collect();
        out.sort_unstable();
        out
    }

    /// Targets waiting on a write that did not happen: nothing was sent for them.
    fn not_sent(&mut self, targets: &[usize], p: Provider, why: &str) {
        for &i in targets {
            let fault = Fault {
                name: ErrorName::Api,
                code: "NotSent",
                message: format!(
                    "{why}: nothing was sent for {}; running the deploy again sends it",
                    self.domain_of(i)
                ),
                provider: p,
                action: None,
                request_id: None,
                http_status: None,
            };
            self.failed_own(i, fault);
        }
    }

    fn on_volc_created(&mut self, reply: Reply<E>) {
        let waiting = std::mem::take(&mut self.volc.waiting);
        match reply {
            Ok(answer) => {
                match answer.get("ChainID").and_then(Value::as_str).filter(|c| !c.is_empty()) {
                    Some(chain) => {
                        // Bound only once the chain is read back as this certificate: an answer naming
                        // another one would otherwise bind that one everywhere.
                        self.volc.waiting = waiting;
                        self.push(
                            &volcengine_live::DESCRIBE_CERT_DETAIL_SECRET_V2,
                            json!({ "ChainID": chain }),
                            Route::VolcVerify(chain.to_string()),
                        );
                    }
                    None => {
                        // Uploaded, but its id was not in the answer: the next run finds it.
                        let fault = Fault::answer(
                        &volcengine_live::CREATE_CERT,
                        "MalformedAnswer",
                        "CreateCert answered without a ChainID; the certificate may have been uploaded: run the deploy again".into(),
                        &answer,
                    );
                        for i in waiting {
                            let mut f = fault.clone();
                            f.message.clone_from(&fault.message);
                            self.settle(
                                i,
                                Outcome {
                                    status: Status::Unknown,
                                    certificate_id: None,
                                    replaced: None,
                                    problem: Some(Problem::Own(f)),
                                },
                            );
                        }
                    }
                }
            }
            Err(f) => {
                for i in waiting {
                    self.failed_call(i, f.clone(), None);
                }
            }
        }
    }

    fn on_volc_verified(&mut self, chain: String, reply: Reply<E>) {
        let waiting = std::mem::take(&mut self.volc.waiting);
        let ours = self.material.summary.fingerprint_sha256.clone();
        let leaf = reply
            .as_ref()
            .ok()
            .map(|a| a["SSL"]["Chain"].get(0).and_then(Value::as_str).and_then(leaf_fingerprint));
        if let Some(Some(f)) = leaf.filter(|f| f.as_deref() == Some(ours.as_str())) {
            let _ = f;
            self.volc.created = Some(chain.clone());
            for i in waiting {
                let payload = volcengine_bind(&chain, &self.domain_of(i));
                self.push(&volcengine_live::BIND_CERT, payload, Route::VolcBind(i));
            }
            return;
        }
        let why = match &reply {
            Ok(_) => format!(
                "CreateCert answered the ChainID {chain}, which does not hold this certificate"
            ),
            Err(_) => {
                format!("CreateCert answered the ChainID {chain}, which could not be read back")
            }
        };
        let fault = Fault {
            name: ErrorName::Api,
            code: "MalformedAnswer",
            message: format!("{why}; nothing was bound to it: run the deploy again"),
            provider: Provider::Volcengine,
            action: Some("CreateCert"),
            request_id: None,
            http_status: None,
        };
        for i in waiting {
            self.unknown_own(i, fault.clone());
        }
    }

    /// An outcome that may have been carried out, by the engine's own reckoning.
    fn unknown_own(&mut self, i: usize, fault: Fault) {
        self.settle(
            i,
            Outcome {
                status: Status::Unknown,
                certificate_id: None,
                replaced: None,
                problem: Some(Problem::Own(fault)),
            },
        );
    }

    fn on_volc_bound(&mut self, i: usize, reply: Reply<E>) {
        let chain = match self.step(i).map(|s| s.action) {
            Some(StepAction::Bind) => self.step(i).and_then(|s| s.certificate_id.clone()),
            _ => self.volc.created.clone(),
        };
        match reply {
            Ok(_) => self.deployed(i, chain),
            Err(f) => self.failed_call(i, f, chain),
        }
    }

    fn on_tencent_modified(&mut self, targets: Vec<usize>, upload: bool, reply: Reply<E>) {
        let domains: Vec<String> = targets.iter().map(|&i| self.domain_of(i)).collect();
        // Bound by id: the existing certificate's, or the one this run uploaded and read back.
        let cloud_id = if upload {
            None
        } else {
            targets
                .first()
                .and_then(|&i| self.step(i))
                .and_then(|s| s.certificate_id.clone())
                .or_else(|| self.tencent.learned.clone())
        };
        match reply {
            Ok(answer) => {
                let mut first_ok = None;
                for ((&i, d), result) in
                    targets.iter().zip(&domains).zip(tencent_outcomes(&answer, &domains))
                {
                    match result {
                        Ok(()) if upload => {
                            first_ok.get_or_insert(d.clone());
                        }
                        Ok(()) => self.deployed(i, cloud_id.clone()),
                        Err((code, message)) => {
                            let fault = Fault {
                                name: ErrorName::Api,
                                code: static_code(&code),
                                message: if message.is_empty() {
                                    code.clone()
                                } else {
                                    format!("{code}: {message}")
                                },
                                provider: Provider::Tencent,
                                action: Some("ModifyLiveDomainCertBindings"),
                                request_id: super::engine::request_id(&answer),
                                http_status: Some(200),
                            };
                            self.failed_own(i, fault);
                        }
                    }
                }
                if upload {
                    match first_ok {
                        // The new certificate's id, read back from a domain that serves it now.
                        Some(d) => self.push(
                            &tencent_live::DESCRIBE_LIVE_DOMAIN_CERT,
                            json!({ "DomainName": d }),
                            Route::TcLearn(d.clone()),
                        ),
                        None => {
                            let rest = std::mem::take(&mut self.tencent.waiting);
                            self.not_sent(
                                &rest,
                                Provider::Tencent,
                                "no domain took the uploaded certificate",
                            );
                        }
                    }
                }
            }
            Err(f) => {
                for &i in &targets {
                    self.failed_call(i, f.clone(), cloud_id.clone());
                }
                if upload {
                    let rest = std::mem::take(&mut self.tencent.waiting);
                    self.not_sent(
                        &rest,
                        Provider::Tencent,
                        "the upload with the first domains did not succeed",
                    );
                }
            }
        }
    }

    fn on_tencent_learned(&mut self, reply: Reply<E>) {
        let detail = reply.as_ref().ok().map(TencentDetail::from_answer);
        // The domain read back must serve the certificate just uploaded: an answer of success
        // that changed nothing is not a deploy.
        let ours = self.material.summary.fingerprint_sha256.as_str();
        if detail.as_ref().is_some_and(|d| d.fingerprint.as_deref() != Some(ours)) {
            let fault = Fault {
                name: ErrorName::Api,
                code: "MalformedAnswer",
                message: "ModifyLiveDomainCertBindings answered success, but the domain read back does not serve the uploaded certificate: run the deploy again".into(),
                provider: Provider::Tencent,
                action: Some("ModifyLiveDomainCertBindings"),
                request_id: None,
                http_status: None,
            };
            for i in self.tencent.uploaded.clone() {
                if self.outcomes[i].is_none() {
                    self.unknown_own(i, fault.clone());
                }
            }
            let rest = std::mem::take(&mut self.tencent.waiting);
            self.not_sent(
                &rest,
                Provider::Tencent,
                "the uploaded certificate was not found where it was bound",
            );
            return;
        }
        let id = detail.as_ref().map(|d| d.cloud_cert_id.clone()).filter(|id| !id.is_empty());
        // The uploading call's domains that took the certificate are deployed, with its id.
        for i in self.tencent.uploaded.clone() {
            if self.outcomes[i].is_none() {
                self.deployed(i, id.clone());
            }
        }
        let rest = std::mem::take(&mut self.tencent.waiting);
        match id {
            Some(id) => {
                self.tencent.learned = Some(id.clone());
                self.tencent_bind_chunks(&rest, &id);
            }
            None => self.not_sent(
                &rest,
                Provider::Tencent,
                "the id of the uploaded certificate could not be read back",
            ),
        }
    }

    fn on_esa_set(&mut self, k: usize, reply: Reply<E>) {
        let targets = self.esa_uploads_to(k);
        match reply {
            Ok(answer) => match Some(id_text(&answer, "Id")).filter(|s| !s.is_empty()) {
                Some(id) => {
                    for i in targets {
                        self.deployed(i, Some(id.clone()));
                    }
                }
                // A success without the new certificate's id proves nothing was added.
                None => {
                    let fault = Fault::answer(
                        &aliyun_esa::SET_CERTIFICATE,
                        "MalformedAnswer",
                        "SetCertificate answered without the certificate's Id; it may have been uploaded: run the deploy again".into(),
                        &answer,
                    );
                    for i in targets {
                        self.unknown_own(i, fault.clone());
                    }
                }
            },
            Err(f) => {
                for i in targets {
                    self.failed_call(i, f.clone(), None);
                }
            }
        }
    }

    // ------------------------------------------------------------ answers

    fn on_reply(&mut self, id: RequestId, reply: Reply<E>) {
        let Some(route) = self.routes.remove(&id) else {
            return;
        };
        let p = route_provider(&route);
        self.sched.answered(p);
        let c = &mut self.clouds[slot(p)];
        c.pending = c.pending.saturating_sub(1);
        if self.aborted {
            // Only writes in flight still count: their outcome is open.
            return self.after_abort(route, reply);
        }
        if let Err(CallFailure { kind: FailKind::Aborted, .. }) = &reply {
            self.stop();
            return self.after_abort(route, reply);
        }
        match route {
            Route::VolcDomains(n) => {
                self.page(
                    Provider::Volcengine,
                    |e| &mut e.volc.domains,
                    n,
                    reply,
                    Route::VolcDomains,
                );
                self.on_volc_listing();
            }
            Route::VolcCerts(n) => {
                self.page(Provider::Volcengine, |e| &mut e.volc.certs, n, reply, Route::VolcCerts);
                self.on_volc_listing();
            }
            Route::VolcDescribe(chain) => {
                if let Ok(answer) = &reply {
                    let leaf = answer["SSL"]["Chain"].get(0).and_then(Value::as_str).unwrap_or("");
                    if leaf_fingerprint(leaf).as_deref()
                        == Some(self.material.summary.fingerprint_sha256.as_str())
                    {
                        self.volc.matched.get_or_insert(chain);
                    }
                }
                // A candidate that cannot be confirmed is not the same certificate: at worst a
                // second copy is uploaded, never a wrong one bound.
                self.after_confirm(Provider::Volcengine);
            }
            Route::VolcCreate => self.on_volc_created(reply),
            Route::VolcVerify(chain) => self.on_volc_verified(chain, reply),
            Route::VolcBind(i) => self.on_volc_bound(i, reply),
            Route::TcBindings(n) => {
                self.page(
                    Provider::Tencent,
                    |e| &mut e.tencent.bindings,
                    n,
                    reply,
                    Route::TcBindings,
                );
                self.on_tencent_listing();
            }
            Route::TcDescribe(key) => {
                if let Ok(answer) = &reply {
                    let d = TencentDetail::from_answer(answer);
                    if d.fingerprint.as_deref()
                        == Some(self.material.summary.fingerprint_sha256.as_str())
                    {
                        self.tencent.matched.get_or_insert((key, d.cloud_cert_id));
                    }
                }
                self.after_confirm(Provider::Tencent);
            }
            Route::TcModify(targets, upload) => self.on_tencent_modified(targets, upload, reply),
            Route::TcLearn(_) => self.on_tencent_learned(reply),
            Route::TcSsl(n) => {
                if let Some(mut l) = self.tencent.ssl.take() {
                    match reply {
                        Ok(answer) => {
                            let more = l.on_page(n, answer);
                            self.push_pages(
                                &tencent_ssl::DESCRIBE_CERTIFICATES,
                                more,
                                Route::TcSsl,
                            );
                        }
                        // Not the deploy's to fail: without the list, it uploads as before.
                        Err(_) => l.abandon(),
                    }
                    self.tencent.ssl = Some(l);
                }
                self.on_tencent_listing();
            }
            Route::TcSslDetail(id) => {
                let ours = &self.material.summary.fingerprint_sha256;
                let same = reply
                    .as_ref()
                    .ok()
                    .and_then(|a| a.get("CertificatePublicKey"))
                    .and_then(Value::as_str)
                    .and_then(|pem| read_certificate(pem).ok())
                    .is_some_and(|c| c.fingerprint_sha256 == *ours);
                if same {
                    self.tencent.matched.get_or_insert((id.clone(), id));
                }
                self.after_confirm(Provider::Tencent);
            }
            Route::EsaSites(n) => {
                self.page(Provider::Aliyun, |e| &mut e.esa.sites, n, reply, Route::EsaSites);
                self.on_esa_sites();
            }
            Route::EsaCerts(k, n) => {
                self.esa_page(k, n, reply);
                self.after_confirm(Provider::Aliyun);
            }
            Route::EsaSet(i) => self.on_esa_set(i, reply),
        }
        self.finish_clouds();
    }

    /// Once the caller aborted: a write in flight ends `unknown` (or as it answered); the rest
    /// will be `notStarted`.
    fn after_abort(&mut self, route: Route, reply: Reply<E>) {
        match route {
            Route::VolcCreate => {
                let waiting = std::mem::take(&mut self.volc.waiting);
                if let Err(f) = reply {
                    for i in waiting {
                        self.failed_call(
                            i,
                            CallFailure { kind: FailKind::Unknown, error: f.error.clone() },
                            None,
                        );
                    }
                }
            }
            Route::VolcBind(i) => match reply {
                Ok(_) => {
                    let id = self
                        .step(i)
                        .and_then(|s| s.certificate_id.clone())
                        .or(self.volc.created.clone());
                    self.deployed(i, id)
                }
                Err(f) => self.failed_call(
                    i,
                    CallFailure { kind: FailKind::Unknown, error: f.error },
                    None,
                ),
            },
            Route::EsaSet(k) => match reply {
                Ok(answer) => self.on_esa_set(k, Ok(answer)),
                Err(f) => {
                    self.on_esa_set(k, Err(CallFailure { kind: FailKind::Unknown, error: f.error }))
                }
            },
            // The upload was answered; the abort came while its id was read back.
            Route::TcLearn(_) => {
                let id = reply
                    .as_ref()
                    .ok()
                    .map(TencentDetail::from_answer)
                    .map(|d| d.cloud_cert_id)
                    .filter(|id| !id.is_empty());
                for i in self.tencent.uploaded.clone() {
                    if self.outcomes[i].is_none() {
                        self.deployed(i, id.clone());
                    }
                }
            }
            Route::TcModify(targets, _) => match reply {
                Ok(answer) => {
                    let domains: Vec<String> = targets.iter().map(|&i| self.domain_of(i)).collect();
                    for (&i, r) in targets.iter().zip(tencent_outcomes(&answer, &domains)) {
                        if r.is_ok() {
                            let id = self.step(i).and_then(|s| s.certificate_id.clone());
                            self.deployed(i, id);
                        }
                    }
                }
                Err(f) => {
                    for &i in &targets {
                        self.failed_call(
                            i,
                            CallFailure { kind: FailKind::Unknown, error: f.error.clone() },
                            None,
                        );
                    }
                }
            },
            _ => {}
        }
    }

    fn stop(&mut self) {
        self.aborted = true;
        self.sched.stop();
    }

    fn finish_clouds(&mut self) {
        for c in &mut self.clouds {
            if c.phase == Phase::Writing && c.pending == 0 {
                c.phase = Phase::Done;
            }
        }
    }

    /// One step per target (duplicates share theirs). Call once `is_done`, in `Mode::Plan`.
    pub fn finish_plan(self) -> Vec<Step<E>> {
        (0..self.targets.len())
            .map(|i| {
                self.steps[self.canonical[i]].clone().unwrap_or_else(|| {
                    Step::refused(Problem::Own(Fault::refusal(
                        self.targets[i].as_ref().map_or(Provider::Volcengine, Target::provider),
                        "Aborted",
                        "the plan was aborted before this target was read".into(),
                    )))
                })
            })
            .collect()
    }

    /// The plan, if the engine planned every target (for showing after a deploy).
    pub fn step_of(&self, i: usize) -> Option<&Step<E>> {
        self.steps.get(self.canonical[i]).and_then(Option::as_ref)
    }

    /// The targets whose step changed since the plan handed in: the deploy wrote nothing.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// The outcome of target `i` so far.
    pub fn outcome(&self, i: usize) -> Option<&Outcome<E>> {
        self.outcomes.get(self.canonical[i]).and_then(Option::as_ref)
    }

    /// One outcome per target, in order. Call once `is_done`. A target whose write was sent and
    /// whose outcome was never read is `unknown`; one for which nothing was sent, `notStarted`.
    pub fn finish(self) -> Vec<Outcome<E>> {
        (0..self.targets.len())
            .map(|i| {
                let c = self.canonical[i];
                self.outcomes[c].clone().unwrap_or_else(|| self.unsettled(c))
            })
            .collect()
    }

    fn unsettled(&self, c: usize) -> Outcome<E> {
        if !self.sent.contains(&c) {
            return Outcome {
                status: Status::NotStarted,
                certificate_id: None,
                replaced: None,
                problem: None,
            };
        }
        let provider = self.targets[c].as_ref().map_or(Provider::Volcengine, Target::provider);
        Outcome {
            status: Status::Unknown,
            certificate_id: None,
            replaced: None,
            problem: Some(Problem::Own(Fault {
                name: ErrorName::Abort,
                code: crate::client::outcome::OUTCOME_UNKNOWN,
                message: "a write for it was sent and the run ended before its outcome was read: run the deploy again".into(),
                provider,
                action: None,
                request_id: None,
                http_status: None,
            })),
        }
    }
}

/// A Tencent per-domain code as a `&'static str` where it is one the library knows; the words
/// keep the cloud's own.
fn static_code(code: &str) -> &'static str {
    match code {
        "MismatchedDomainName" => "MismatchedDomainName",
        "ResourceNotFound.DomainNotExist" => "ResourceNotFound.DomainNotExist",
        _ => "DomainFailed",
    }
}

fn route_provider(r: &Route) -> Provider {
    match r {
        Route::VolcDomains(_)
        | Route::VolcCerts(_)
        | Route::VolcDescribe(_)
        | Route::VolcCreate
        | Route::VolcVerify(_)
        | Route::VolcBind(_) => Provider::Volcengine,
        Route::TcBindings(_)
        | Route::TcDescribe(_)
        | Route::TcModify(..)
        | Route::TcLearn(_)
        | Route::TcSsl(_)
        | Route::TcSslDetail(_) => Provider::Tencent,
        Route::EsaSites(_) | Route::EsaCerts(..) | Route::EsaSet(_) => Provider::Aliyun,
    }
}

impl<E: Clone> Engine<E> for DeployEngine<E> {
    fn poll_request(&mut self) -> Option<Request> {
        let r = self.sched.poll()?;
        if r.is_write() {
            let sent: Vec<usize> = match self.routes.get(&r.id) {
                // An upload alone changes no target (CreateCert binds nothing): not counted.
                Some(Route::VolcBind(i)) => vec![*i],
                Some(Route::TcModify(t, _)) => t.clone(),
                Some(Route::EsaSet(k)) => self.esa_uploads_to(*k),
                _ => Vec::new(),
            };
            self.sent.extend(sent);
        }
        Some(r)
    }

    fn handle(&mut self, id: RequestId, reply: Reply<E>) {
        self.on_reply(id, reply);
    }

    fn abort(&mut self, _error: E) {
        self.stop();
    }

    fn is_done(&self) -> bool {
        self.sched.in_flight() == 0 && (self.sched.is_stopped() || self.sched.is_idle())
    }
}

/// Whether every target of a plan is one a deploy leaves alone (a second run of the same deploy).
pub fn converged<E>(steps: &[Step<E>]) -> bool {
    steps.iter().all(|s| s.action == StepAction::Unchanged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::deploy::{check_material, default_name};
    use crate::lifecycle::scripted::{
        deploy_estate, drive, Estate, Order, EXAMPLE_CRT, EXAMPLE_KEY,
    };

    const NOW: i64 = 1_796_000_000; // 2026-11-30

    fn material() -> Material {
        let summary = check_material(EXAMPLE_CRT, EXAMPLE_KEY, NOW).unwrap();
        Material {
            certificate: EXAMPLE_CRT.into(),
            private_key: EXAMPLE_KEY.into(),
            name: default_name(&summary),
            summary,
        }
    }

    fn targets(n: usize) -> Vec<Result<Target, Fault>> {
        let mut t = Vec::new();
        for i in 0..n {
            t.push(Ok(Target::Volcengine { domain: format!("v{i}.example.com") }));
            t.push(Ok(Target::Tencent { domain: format!("t{i}.example.com") }));
        }
        t.push(Ok(Target::Aliyun { site: SiteRef::Id(json!(1)) }));
        t
    }

    struct Ran {
        outcomes: Vec<Outcome<String>>,
        calls: usize,
        most: [usize; 3],
    }

    fn deploy(
        estate: &mut Estate,
        t: Vec<Result<Target, Fault>>,
        order: Order,
        expected: Option<Vec<Expected>>,
    ) -> Ran {
        let mut e = DeployEngine::new(
            material(),
            t,
            &Provider::ALL,
            Limits::from_rates(None),
            Mode::Deploy { expected },
        );
        let (calls, most) = drive(&mut e, estate, order);
        Ran { outcomes: e.finish(), calls, most }
    }

    fn plan(estate: &mut Estate, t: Vec<Result<Target, Fault>>) -> (Vec<Step<String>>, usize) {
        let mut e =
            DeployEngine::new(material(), t, &Provider::ALL, Limits::from_rates(None), Mode::Plan);
        let (calls, _) = drive(&mut e, estate, Order::AsAsked);
        (e.finish_plan(), calls)
    }

    fn count(estate: &Estate, action: &str) -> usize {
        estate.calls.iter().filter(|(a, _)| a == action).count()
    }

    fn statuses(o: &[Outcome<String>]) -> Vec<Status> {
        o.iter().map(|o| o.status).collect()
    }

    #[test]
    fn a_first_deploy_uploads_once_per_cloud_and_binds_every_target_naming_what_it_replaced() {
        let mut estate = deploy_estate(150);
        let ran = deploy(&mut estate, targets(150), Order::AsAsked, None);
        assert!(
            ran.outcomes.iter().all(|o| o.status == Status::Deployed),
            "{:?}",
            ran.outcomes.iter().find(|o| o.status != Status::Deployed)
        );
        assert_eq!(count(&estate, "CreateCert"), 1);
        assert_eq!(count(&estate, "BindCert"), 150);
        // Tencent: one upload with the first 100 domains, the new id read back, the other 50 bound to it.
        let modifies: Vec<&Value> = estate
            .calls
            .iter()
            .filter(|(a, _)| a == "ModifyLiveDomainCertBindings")
            .map(|(_, p)| p)
            .collect();
        assert_eq!(modifies.len(), 2);
        assert_eq!(modifies[0]["DomainInfos"].as_array().unwrap().len(), 100);
        assert!(modifies[0].get("CertificatePrivateKey").is_some());
        assert_eq!(modifies[1]["DomainInfos"].as_array().unwrap().len(), 50);
        assert!(modifies[1].get("CertificatePrivateKey").is_none());
        assert_eq!(count(&estate, "SetCertificate"), 1);
        // Every target names its certificate and what it replaced.
        let v = &ran.outcomes[0];
        assert!(v.certificate_id.as_deref().unwrap().starts_with("chain-new"));
        assert_eq!(
            v.replaced,
            Some(Served { id: "chain-old".into(), not_after: Some("2026-06-01T00:00:00Z".into()) })
        );
        let t = &ran.outcomes[1];
        assert!(t.certificate_id.as_deref().unwrap().starts_with("tc-new"));
        assert_eq!(t.replaced.as_ref().map(|r| r.id.as_str()), Some("tc-old"));
        let last_tencent = &ran.outcomes[2 * 149 + 1];
        assert_eq!(
            last_tencent.certificate_id, t.certificate_id,
            "bound to the uploaded one, not uploaded again"
        );
        let esa = ran.outcomes.last().unwrap();
        assert!(esa.certificate_id.as_deref().unwrap().starts_with("esa-new"));
        assert_eq!(esa.replaced.as_ref().map(|r| r.id.as_str()), Some("esa-old"));
        // Each cloud's calls in flight together, up to its limit.
        assert_eq!(ran.most[0], 10);
    }

    #[test]
    fn a_second_identical_run_sends_no_write_and_says_unchanged() {
        let mut estate = deploy_estate(30);
        deploy(&mut estate, targets(30), Order::AsAsked, None);
        let writes = estate.writes().len();
        let (steps, _) = plan(&mut estate, targets(30));
        assert!(converged(&steps), "{:?}", steps.iter().map(|s| s.action).collect::<Vec<_>>());
        let again = deploy(&mut estate, targets(30), Order::Reversed, None);
        assert_eq!(estate.writes().len(), writes, "no write the second time");
        assert!(again.outcomes.iter().all(|o| o.status == Status::Unchanged));
        assert!(again.outcomes.iter().all(|o| o.certificate_id.is_some()));
    }

    #[test]
    fn a_tencent_copy_bound_to_no_domain_is_bound_again_not_uploaded_a_second_time() {
        let tencent = |n: usize| -> Vec<Result<Target, Fault>> {
            (0..n).map(|i| Ok(Target::Tencent { domain: format!("t{i}.example.com") })).collect()
        };
        let mut estate = deploy_estate(3);
        deploy(&mut estate, tencent(3), Order::AsAsked, None);
        assert_eq!(count(&estate, "ModifyLiveDomainCertBindings"), 1);
        let uploaded = estate.ssl.last().unwrap()["CertificateId"].clone();
        // Someone binds every domain back to the old certificate: the copy is bound nowhere now,
        // and only the SSL service still lists it.
        for b in estate.tc_bindings.iter_mut() {
            b["CloudCertId"] = json!("tc-old");
            b["CertExpireTime"] = json!("2026-06-01 08:00:00");
        }
        let (steps, _) = plan(&mut estate, tencent(3));
        assert!(
            steps.iter().all(|s| s.action == StepAction::Bind
                && s.certificate_id.as_ref().map(|id| json!(id)) == Some(uploaded.clone())),
            "{:?}",
            steps.iter().map(|s| (s.action, s.certificate_id.clone())).collect::<Vec<_>>()
        );
        let again = deploy(&mut estate, tencent(3), Order::Reversed, None);
        assert!(again.outcomes.iter().all(|o| o.status == Status::Deployed));
        let uploads = estate
            .calls
            .iter()
            .filter(|(a, p)| {
                a == "ModifyLiveDomainCertBindings" && p.get("CertificatePublicKey").is_some()
            })
            .count();
        assert_eq!(uploads, 1, "the copy the SSL service had was bound, not uploaded again");
        assert_eq!(
            count(&estate, "DescribeCertificateDetail"),
            2,
            "its chain read, in the plan and the deploy"
        );
    }

    #[test]
    fn keys_that_may_not_read_the_ssl_service_still_deploy_to_tencent_by_upload() {
        let mut estate = deploy_estate(2);
        estate.fail_action("DescribeCertificates");
        let t: Vec<Result<Target, Fault>> =
            (0..2).map(|i| Ok(Target::Tencent { domain: format!("t{i}.example.com") })).collect();
        let ran = deploy(&mut estate, t, Order::AsAsked, None);
        assert!(
            ran.outcomes.iter().all(|o| o.status == Status::Deployed),
            "{:?}",
            statuses(&ran.outcomes)
        );
        assert_eq!(count(&estate, "ModifyLiveDomainCertBindings"), 1);
    }

    #[test]
    fn a_run_cut_off_is_settled_by_running_it_again_which_sends_only_what_is_missing() {
        let mut estate = deploy_estate(5);
        estate.cut_writes.insert("CreateCert".into());
        estate.cut_writes.insert("SetCertificate".into());
        let first = deploy(&mut estate, targets(5), Order::AsAsked, None);
        let volc: Vec<Status> =
            first.outcomes.iter().step_by(2).take(5).map(|o| o.status).collect();
        assert_eq!(
            volc,
            vec![Status::Unknown; 5],
            "CreateCert was cut off: its domains are unknown"
        );
        assert_eq!(first.outcomes.last().unwrap().status, Status::Unknown);
        assert_eq!(first.outcomes[1].status, Status::Deployed, "Tencent went on");
        estate.cut_writes.clear();
        let again = deploy(&mut estate, targets(5), Order::Shuffled(3), None);
        assert!(again
            .outcomes
            .iter()
            .all(|o| matches!(o.status, Status::Deployed | Status::Unchanged)));
        // The upload that was carried out is found and bound: no second upload anywhere.
        assert_eq!(count(&estate, "CreateCert"), 1);
        assert_eq!(count(&estate, "SetCertificate"), 1);
        assert_eq!(again.outcomes.last().unwrap().status, Status::Unchanged);
        assert_eq!(
            statuses(&again.outcomes[..1]),
            [Status::Deployed],
            "bound to the uploaded chain"
        );
        assert_eq!(
            count(&estate, "DescribeCertDetailSecretV2"),
            1,
            "the candidate confirmed by its chain"
        );
    }

    #[test]
    fn a_plan_writes_nothing_and_says_per_target_what_a_deploy_would_do() {
        let mut estate = deploy_estate(3);
        let mut t = targets(3);
        t.push(Ok(Target::Aliyun { site: SiteRef::Name("other.org".into()) }));
        t.push(Ok(Target::Volcengine { domain: "ghost.example.com".into() }));
        t.push(Ok(Target::Tencent { domain: "play.other.com".into() }));
        let (steps, _) = plan(&mut estate, t);
        assert!(estate.writes().is_empty());
        assert_eq!(steps[0].action, StepAction::Upload);
        assert_eq!(steps[0].current.as_ref().unwrap().id, "chain-old");
        assert_eq!(steps[1].action, StepAction::Upload);
        assert_eq!(steps[6].action, StepAction::Upload);
        assert_eq!(steps[6].site_name.as_deref(), Some("example.com"));
        let refusal = |i: usize| steps[i].problem.as_ref().and_then(Problem::fault).map(|f| f.code);
        assert_eq!(
            (steps[7].action, refusal(7)),
            (StepAction::Refuse, Some("NotCovered")),
            "other.org is not covered"
        );
        assert_eq!((steps[8].action, refusal(8)), (StepAction::Refuse, Some("NotFound")));
        assert_eq!((steps[9].action, refusal(9)), (StepAction::Refuse, Some("NotCovered")));
        // After a deploy of the first two targets only, the others bind what is there now.
        deploy(&mut estate, targets(3).into_iter().take(2).collect(), Order::AsAsked, None);
        let (after, _) = plan(&mut estate, targets(3));
        assert_eq!(after[0].action, StepAction::Unchanged);
        assert_eq!(after[2].action, StepAction::Bind, "v1 binds the chain v0 got");
        assert_eq!(after[2].certificate_id, after[0].certificate_id);
        assert_eq!(after[3].action, StepAction::Bind);
    }

    #[test]
    fn a_plan_that_no_longer_holds_is_refused_with_nothing_sent() {
        let mut estate = deploy_estate(4);
        let (steps, _) = plan(&mut estate, targets(4));
        let expected: Vec<Expected> = steps
            .iter()
            .map(|s| Expected { action: s.action, certificate_id: s.certificate_id.clone() })
            .collect();
        // Meanwhile someone deletes the old certificate's binding on v0 and binds another's id.
        deploy(
            &mut estate,
            vec![Ok(Target::Volcengine { domain: "v0.example.com".into() })],
            Order::AsAsked,
            None,
        );
        let writes = estate.writes().len();
        let mut e: DeployEngine<String> = DeployEngine::new(
            material(),
            targets(4),
            &Provider::ALL,
            Limits::from_rates(None),
            Mode::Deploy { expected: Some(expected.clone()) },
        );
        drive(&mut e, &mut estate, Order::AsAsked);
        let changes = e.changes().to_vec();
        assert_eq!(estate.writes().len(), writes, "nothing sent");
        // v1..v3 would now bind the chain v0 got instead of uploading: not what the plan said.
        assert_eq!(changes.len(), 3);
        assert!(changes
            .iter()
            .all(|c| c.planned == StepAction::Upload && c.now == StepAction::Bind));
        // A target that became unchanged is no change: a fresh plan carries out.
        let (fresh, _) = plan(&mut estate, targets(4));
        let expected: Vec<Expected> = fresh
            .iter()
            .map(|s| Expected { action: s.action, certificate_id: s.certificate_id.clone() })
            .collect();
        let ran = deploy(&mut estate, targets(4), Order::AsAsked, Some(expected));
        assert!(ran
            .outcomes
            .iter()
            .all(|o| matches!(o.status, Status::Deployed | Status::Unchanged)));
    }

    #[test]
    fn outcomes_are_the_same_whatever_the_order_of_the_answers() {
        let run = |order| {
            let mut estate = deploy_estate(40);
            let r = deploy(&mut estate, targets(40), order, None);
            r.outcomes.iter().map(|o| (o.status, o.replaced.clone())).collect::<Vec<_>>()
        };
        let a = run(Order::AsAsked);
        assert_eq!(a, run(Order::Reversed));
        assert_eq!(a, run(Order::Shuffled(11)));
    }

    #[test]
    fn an_abort_during_the_writes_leaves_writes_in_flight_unknown_and_the_rest_not_started() {
        let mut estate = deploy_estate(30);
        // Reads: 2 Volcengine, 1 Tencent, 2 ESA, the candidates none: the abort comes with the writes.
        estate.abort_at_call(8);
        let ran = deploy(&mut estate, targets(30), Order::AsAsked, None);
        let s = statuses(&ran.outcomes);
        assert!(s.contains(&Status::NotStarted), "{s:?}");
        assert!(!s.contains(&Status::Failed), "{s:?}");
        for o in &ran.outcomes {
            if o.status == Status::NotStarted {
                assert!(o.problem.is_none());
            }
        }
        let sent_after = estate.calls.len();
        assert!(sent_after <= ran.calls + 1);
        // Running it again settles everything.
        let again = deploy(&mut estate, targets(30), Order::AsAsked, None);
        assert!(
            again.outcomes.iter().all(|o| matches!(o.status, Status::Deployed | Status::Unchanged)),
            "{:?}",
            statuses(&again.outcomes)
        );
        assert_eq!(count(&estate, "SetCertificate"), 1);
    }

    #[test]
    fn duplicate_targets_share_one_write_and_one_outcome() {
        let mut estate = deploy_estate(2);
        let t = vec![
            Ok(Target::Aliyun { site: SiteRef::Id(json!(1)) }),
            Ok(Target::Aliyun { site: SiteRef::Name("example.com".into()) }),
            Ok(Target::Volcengine { domain: "v0.example.com".into() }),
            Ok(Target::Volcengine { domain: "v0.example.com".into() }),
        ];
        let ran = deploy(&mut estate, t, Order::AsAsked, None);
        assert!(ran.outcomes.iter().all(|o| o.status == Status::Deployed));
        assert_eq!(count(&estate, "SetCertificate"), 1);
        assert_eq!(count(&estate, "BindCert"), 1);
        assert_eq!(ran.outcomes[0].certificate_id, ran.outcomes[1].certificate_id);
    }

    #[test]
    fn a_cloud_whose_reads_fail_writes_nothing_and_the_others_deploy() {
        let mut estate = deploy_estate(3);
        estate.fail_action("ListDomainDetail");
        let ran = deploy(&mut estate, targets(3), Order::AsAsked, None);
        let volc: Vec<Status> = ran.outcomes.iter().step_by(2).take(3).map(|o| o.status).collect();
        assert_eq!(volc, vec![Status::Failed; 3]);
        assert_eq!(ran.outcomes[0].problem, Some(Problem::Call("ListDomainDetail failed".into())));
        assert_eq!(count(&estate, "CreateCert"), 0);
        assert_eq!(ran.outcomes[1].status, Status::Deployed);
    }

    #[test]
    fn answers_of_success_without_evidence_are_unknown_and_nothing_wrong_is_bound() {
        for quirk in ["esa-no-id", "tencent-noop", "volc-wrong-chain"] {
            let mut estate = deploy_estate(2);
            estate.quirks.insert(quirk);
            let ran = deploy(&mut estate, targets(2), Order::AsAsked, None);
            let s = statuses(&ran.outcomes);
            let (lying, others): (Vec<usize>, Vec<usize>) = match quirk {
                "esa-no-id" => (vec![4], vec![0, 1, 2, 3]),
                "tencent-noop" => (vec![1, 3], vec![0, 2, 4]),
                _ => (vec![0, 2], vec![1, 3, 4]),
            };
            for i in lying {
                assert_eq!(s[i], Status::Unknown, "{quirk}: {s:?}");
                assert_eq!(
                    ran.outcomes[i].problem.as_ref().and_then(Problem::fault).map(|f| f.code),
                    Some("MalformedAnswer"),
                    "{quirk}"
                );
            }
            for i in others {
                assert_eq!(s[i], Status::Deployed, "{quirk}: {s:?}");
            }
            if quirk == "volc-wrong-chain" {
                assert_eq!(
                    count(&estate, "BindCert"),
                    0,
                    "nothing bound to a chain that is not this certificate"
                );
            }
        }
    }

    #[test]
    fn an_abort_while_a_tencent_upload_is_read_back_is_deployed_never_not_started() {
        let mut estate = deploy_estate(3);
        // Reads: 2 Volcengine, 1 Tencent, 2 ESA; writes: CreateCert, Modify, SetCertificate; then
        // the read-backs: the Tencent one (call 10) is aborted.
        let mut e = DeployEngine::new(
            material(),
            targets(3),
            &Provider::ALL,
            Limits::from_rates(None),
            Mode::Deploy { expected: None },
        );
        let abort_at =
            |estate: &Estate| estate.calls.iter().any(|(a, _)| a == "DescribeLiveDomainCert");
        // Drive by hand: abort when the Tencent read-back is asked for.
        loop {
            let mut batch = Vec::new();
            while let Some(r) = e.poll_request() {
                batch.push(r);
            }
            if batch.is_empty() {
                break;
            }
            for r in batch {
                let reply = estate.answer(&r);
                let reply = if abort_at(&estate) && r.op.action == "DescribeLiveDomainCert" {
                    Err(CallFailure { kind: FailKind::Aborted, error: "aborted".to_string() })
                } else {
                    reply
                };
                e.handle(r.id, reply);
            }
        }
        let out = e.finish();
        for i in [1, 3, 5] {
            assert_eq!(out[i].status, Status::Deployed, "tencent target {i}: {:?}", out[i].status);
        }
        assert!(out.iter().all(|o| o.status != Status::NotStarted || o.problem.is_none()));
    }
}
