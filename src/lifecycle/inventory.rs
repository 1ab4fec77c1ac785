//! Every certificate on every cloud, in one shape: how each cloud's answers are read, how their
//! states map to one state, and which page comes next. The wasm edge sends the requests.

use serde::Serialize;
use serde_json::{json, Value};

use super::times::{iso_utc, parse, Zone};
use crate::catalog::Provider;

const DAY: i64 = 86_400;
/// Days left at or below which a certificate is `expiring`.
pub const EXPIRING_DAYS: i64 = 30;
/// Pages read per listing at most: a cloud that never stops paging is cut off here.
pub const MAX_PAGES: u32 = 1000;

/// One state across the clouds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Valid,
    Expiring,
    Expired,
    Pending,
    Failed,
}

/// One certificate, as the inventory lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InventoryCert {
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
    pub state: State,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site_id: Option<Value>,
    /// The cloud's record as it came.
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

fn text<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn texts(v: &Value, k: &str) -> Vec<String> {
    v.get(k)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Decimal text of a string or number field (ids).
fn id_text(v: &Value, k: &str) -> String {
    match v.get(k) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => crate::catalog::decimal(n),
        _ => String::new(),
    }
}

#[allow(clippy::too_many_arguments)] // one argument per column of the inventory row
fn entry(
    provider: Provider,
    id: String,
    name: String,
    domains: Vec<String>,
    bound_to: Vec<String>,
    times: (Option<i64>, Option<i64>),
    status: &str,
    now: i64,
    raw: &Value,
) -> InventoryCert {
    let (not_before, not_after) = times;
    InventoryCert {
        provider: provider.as_str(),
        id,
        name,
        domains,
        bound_to,
        not_before: not_before.map(iso_utc),
        not_after: not_after.map(iso_utc),
        days_left: days_left(not_after, now),
        state: state_of(status, not_after, now),
        site_id: None,
        raw: raw.clone(),
    }
}

// ---------------------------------------------------------------- paging

/// The first page's payload of a listing.
pub fn first_page(action: &str) -> Value {
    page(action, 1)
}

/// The payload of page `n` (from 1) of a listing.
fn page(action: &str, n: u32) -> Value {
    match action {
        "ListCertV2" => json!({ "PageNum": n, "PageSize": 100 }),
        "ListDomainDetail" => json!({ "PageNum": n, "PageSize": 1000 }),
        // Offset paging: 50 rows a page.
        "DescribeLiveDomainCertBindings" => json!({ "Offset": (n - 1) * 50, "Length": 50 }),
        "ListSites" => json!({ "PageNumber": n, "PageSize": 500 }),
        "ListCertificates" => json!({ "PageNumber": n, "PageSize": 100 }),
        _ => json!({}),
    }
}

/// The rows of a listing's answer, and its total where the cloud gives one.
pub fn rows<'a>(action: &str, answer: &'a Value) -> (&'a [Value], Option<u64>) {
    let (list, total) = match action {
        "ListCertV2" => ("CertList", "Total"),
        "ListDomainDetail" => ("DomainList", "Total"),
        "DescribeLiveDomainCertBindings" => ("LiveDomainCertBindings", "TotalNum"),
        "ListSites" => ("Sites", "TotalCount"),
        "ListCertificates" => ("Result", "TotalCount"),
        _ => ("", ""),
    };
    let items = answer
        .get(list)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    (items, answer.get(total).and_then(Value::as_u64))
}

/// After page `n` gave `got` rows (`seen` in all so far): the next page's payload, or `None`.
/// Stops at the total, at an empty or short page, and after `MAX_PAGES`.
pub fn next_page(action: &str, n: u32, got: usize, seen: u64, total: Option<u64>) -> Option<Value> {
    let size = match action {
        "ListCertV2" | "ListCertificates" => 100,
        "ListDomainDetail" => 1000,
        "DescribeLiveDomainCertBindings" => 50,
        "ListSites" => 500,
        _ => return None,
    };
    let more = match total {
        Some(t) => seen < t,
        None => got >= size,
    };
    (got > 0 && more && n < MAX_PAGES).then(|| {
        let mut p = page(action, n + 1);
        // Tencent pages by offset: continue from the rows seen.
        if action == "DescribeLiveDomainCertBindings" {
            p["Offset"] = json!(seen);
        }
        p
    })
}

// ---------------------------------------------------------------- each cloud

/// Volcengine: `ListCertV2` rows, bound domains from `ListDomainDetail` rows (by chain id).
pub fn volcengine(certs: &[Value], domains: &[Value], now: i64) -> Vec<InventoryCert> {
    certs
        .iter()
        .map(|c| {
            let chain = text(c, "ChainID");
            let bound: Vec<String> = domains
                .iter()
                .filter(|d| !chain.is_empty() && text(d, "ChainID") == chain)
                .map(|d| text(d, "Domain").to_string())
                .collect();
            let times = (
                parse(text(c, "NotBefore"), Zone::Utc),
                parse(text(c, "NotAfter"), Zone::Utc),
            );
            let id = if chain.is_empty() {
                text(c, "CertID")
            } else {
                chain
            };
            entry(
                Provider::Volcengine,
                id.to_string(),
                text(c, "CertName").to_string(),
                texts(c, "CertDomainList"),
                bound,
                times,
                text(c, "Status"),
                now,
                c,
            )
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

/// Tencent: `DescribeLiveDomainCertBindings` rows grouped by certificate; `names` gives each
/// certificate's names (from `DescribeLiveDomainCert`), by the key of `tencent_cert_key`.
pub fn tencent(
    bindings: &[Value],
    names: &dyn Fn(&str) -> Option<Vec<String>>,
    now: i64,
) -> Vec<InventoryCert> {
    let mut keys: Vec<String> = Vec::new();
    for b in bindings {
        let k = tencent_cert_key(b);
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys.into_iter()
        .map(|key| {
            let group: Vec<&Value> = bindings
                .iter()
                .filter(|b| tencent_cert_key(b) == key)
                .collect();
            let first = group[0];
            let not_after = parse(text(first, "CertExpireTime"), Zone::Beijing);
            let bound = group
                .iter()
                .map(|b| text(b, "DomainName").to_string())
                .collect();
            entry(
                Provider::Tencent,
                key.clone(),
                text(first, "CertificateAlias").to_string(),
                names(&key).unwrap_or_default(),
                bound,
                (None, not_after),
                "",
                now,
                &Value::Array(group.into_iter().cloned().collect()),
            )
        })
        .collect()
}

/// ESA: one site's `ListCertificates` rows.
pub fn aliyun(site: &Value, certs: &[Value], now: i64) -> Vec<InventoryCert> {
    let site_name = text(site, "SiteName").to_string();
    certs
        .iter()
        .map(|c| {
            let domains = text(c, "SAN")
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            let times = (
                parse(text(c, "NotBefore"), Zone::Utc),
                parse(text(c, "NotAfter"), Zone::Utc),
            );
            let mut e = entry(
                Provider::Aliyun,
                id_text(c, "Id"),
                text(c, "Name").to_string(),
                domains,
                vec![site_name.clone()],
                times,
                text(c, "Status"),
                now,
                c,
            );
            e.site_id = site.get("SiteId").cloned();
            e
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_790_000_000; // 2026-09-21T14:13:20Z

    #[test]
    fn states_come_from_the_expiry_and_the_clouds_words() {
        assert_eq!(state_of("OK", Some(NOW + 31 * DAY), NOW), State::Valid);
        assert_eq!(state_of("OK", Some(NOW + 30 * DAY), NOW), State::Expiring);
        assert_eq!(state_of("30days", Some(NOW + 1), NOW), State::Expiring);
        assert_eq!(state_of("OK", Some(NOW), NOW), State::Expired);
        assert_eq!(state_of("Applying", None, NOW), State::Pending);
        assert_eq!(
            state_of("ApplyFailed", Some(NOW + 90 * DAY), NOW),
            State::Failed
        );
        assert_eq!(state_of("Canceled", None, NOW), State::Failed);
        assert_eq!(state_of("Expire", None, NOW), State::Expired);
        assert_eq!(state_of("7days", None, NOW), State::Expiring);
        assert_eq!(days_left(Some(NOW + DAY + 5), NOW), Some(1));
        assert_eq!(days_left(Some(NOW - 5), NOW), Some(-1));
    }

    #[test]
    fn tencent_times_are_beijing_and_bindings_group_by_certificate() {
        let rows = vec![
            json!({"DomainName": "a.example.com", "CertificateAlias": "ex", "CertId": 7, "CloudCertId": "c-1", "CertExpireTime": "2026-10-01 08:00:00", "Status": 1}),
            json!({"DomainName": "b.example.com", "CertificateAlias": "ex", "CertId": 7, "CloudCertId": "c-1", "CertExpireTime": "2026-10-01 08:00:00", "Status": 0}),
            json!({"DomainName": "c.other.com", "CertificateAlias": "own", "CertId": 9, "CloudCertId": "", "CertExpireTime": "2026-09-01 00:00:00", "Status": 1}),
        ];
        let names = |k: &str| (k == "c-1").then(|| vec!["*.example.com".to_string()]);
        let inv = tencent(&rows, &names, NOW);
        assert_eq!(inv.len(), 2);
        assert_eq!(inv[0].id, "c-1");
        assert_eq!(inv[0].bound_to, ["a.example.com", "b.example.com"]);
        assert_eq!(inv[0].not_after.as_deref(), Some("2026-10-01T00:00:00Z"));
        assert_eq!(inv[0].domains, ["*.example.com"]);
        assert_eq!(inv[0].state, State::Expiring);
        assert_eq!(inv[1].id, "9");
        assert_eq!(inv[1].state, State::Expired);
        assert_eq!(inv[1].days_left, Some(-21));
    }

    #[test]
    fn esa_times_are_utc_and_sans_split() {
        let site = json!({"SiteId": 42, "SiteName": "example.com"});
        let rows = vec![
            json!({"Id": 1000001, "Name": "www", "SAN": "www.example.com, example.com", "Status": "OK", "NotBefore": "2026-01-01 00:00:00", "NotAfter": "2027-01-01 00:00:00"}),
        ];
        let inv = aliyun(&site, &rows, NOW);
        assert_eq!(inv[0].id, "1000001");
        assert_eq!(inv[0].domains, ["www.example.com", "example.com"]);
        assert_eq!(inv[0].not_after.as_deref(), Some("2027-01-01T00:00:00Z"));
        assert_eq!(inv[0].site_id, Some(json!(42)));
        assert_eq!(inv[0].bound_to, ["example.com"]);
    }

    #[test]
    fn volcengine_bound_domains_come_from_the_domain_list() {
        let certs = vec![
            json!({"CertID": "cert-1", "ChainID": "chain-1", "CertName": "n", "CertDomainList": ["*.example.com"], "NotBefore": "2026-01-01T00:00:00Z", "NotAfter": "2026-09-25T00:00:00Z", "Status": "7days"}),
        ];
        let domains = vec![
            json!({"Domain": "play.example.com", "ChainID": "chain-1"}),
            json!({"Domain": "push.example.com", "ChainID": ""}),
        ];
        let inv = volcengine(&certs, &domains, NOW);
        assert_eq!(inv[0].id, "chain-1");
        assert_eq!(inv[0].bound_to, ["play.example.com"]);
        assert_eq!(inv[0].days_left, Some(3));
        assert_eq!(inv[0].state, State::Expiring);
    }

    #[test]
    fn paging_stops_at_the_total_at_a_short_page_and_at_the_cap() {
        assert_eq!(
            next_page("ListCertV2", 1, 100, 100, Some(250)),
            Some(json!({"PageNum": 2, "PageSize": 100}))
        );
        assert_eq!(next_page("ListCertV2", 3, 50, 250, Some(250)), None);
        // A total that lies (more than is ever sent) ends at an empty page.
        assert_eq!(next_page("ListCertV2", 4, 0, 250, Some(9999)), None);
        // Without a total, a short page is the last.
        assert_eq!(next_page("ListCertificates", 1, 99, 99, None), None);
        assert_eq!(
            next_page("DescribeLiveDomainCertBindings", 2, 50, 100, Some(120)),
            Some(json!({"Offset": 100, "Length": 50}))
        );
        assert_eq!(
            next_page("ListSites", MAX_PAGES, 500, 500, Some(u64::MAX)),
            None
        );
    }
}
