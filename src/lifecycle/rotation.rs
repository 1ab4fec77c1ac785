//! The decisions of a rotation, as pure functions of an inventory: where a renewed certificate
//! goes (`replace_targets`: every domain and site that now serves a certificate covering one of
//! its names and expiring sooner), and which certificates may be deleted afterwards
//! (`prune_candidates`: never one that is bound, nor one the last deploy put in place).

use std::collections::HashSet;

use serde::Serialize;
use serde_json::{json, Value};

use super::deploy::within_site;
use super::inventory::{text, texts as strings};
use super::pem::{covers, CertSummary};
use super::times::{parse, Zone};

/// Whether two certificate names can name the same host (equal, or one's wildcard covers the other).
fn overlap(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b) || covers(a, b) || covers(b, a)
}

/// The deploy targets that a rotation to `cert` replaces: every domain (Volcengine, Tencent) and
/// ESA site serving a certificate of `certificates` (an inventory's, as JSON) that covers one of
/// `cert`'s names and expires before it, where `cert` covers that domain or lies within that
/// site. In inventory order, each target once. An ESA site keeps its older certificates after a
/// deploy (they still count against its quota until pruned), so a site already holding `cert`
/// (by its SHA-256) is not a target: a rotation run again finds nothing left to replace.
pub fn replace_targets(certificates: &[Value], cert: &CertSummary) -> Vec<Value> {
    let holding: HashSet<String> = certificates
        .iter()
        .filter(|c| text(c, "provider") == "aliyun")
        .filter(|c| text(c, "fingerprintSha256").eq_ignore_ascii_case(&cert.fingerprint_sha256))
        .filter_map(|c| c.get("siteId").map(Value::to_string))
        .collect();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for c in certificates {
        let names = strings(c, "domains");
        if !names.iter().any(|n| cert.names.iter().any(|m| overlap(n, m))) {
            continue;
        }
        let sooner = parse(text(c, "notAfter"), Zone::Utc).is_some_and(|t| t < cert.not_after);
        if !sooner {
            continue;
        }
        let provider = text(c, "provider");
        let mut push = |target: Value| {
            if seen.insert(target.to_string()) {
                out.push(target);
            }
        };
        match provider {
            "volcengine" | "tencent" => {
                for d in strings(c, "boundTo") {
                    if super::pem::any_covers(&cert.names, &d) {
                        push(json!({ "provider": provider, "domain": d.to_ascii_lowercase() }));
                    }
                }
            }
            "aliyun" => {
                let site = strings(c, "boundTo").into_iter().next().unwrap_or_default();
                let covered = cert.names.iter().any(|n| within_site(n, &site));
                let id = c.get("siteId").filter(|id| !holding.contains(&id.to_string()));
                if let (Some(id), true) = (id, covered) {
                    push(json!({ "provider": "aliyun", "siteId": id }));
                }
            }
            _ => {}
        }
    }
    out
}

/// What a prune may delete.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PruneRules {
    /// Also certificates that have not expired but serve nothing: bound nowhere (Volcengine,
    /// Tencent), or on an ESA site another certificate covering all their names outlives.
    pub unbound: bool,
    /// Ids and SHA-256 fingerprints never to delete (what the last deploy put in place).
    pub keep: Vec<String>,
}

/// A certificate a prune would delete, and the call that deletes it (through the cloud's client).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(ts_full, derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct PruneCandidate {
    #[cfg_attr(ts_full, tsify(type = "Provider"))]
    pub provider: String,
    pub id: String,
    pub name: String,
    pub not_after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(ts_full, tsify(type = "number | string"))]
    pub site_id: Option<Value>,
    /// `expired`; or `unused`: bound nowhere, or on an ESA site outlived by another that covers
    /// its names.
    #[cfg_attr(ts_full, tsify(type = "\"expired\" | \"unused\""))]
    pub reason: &'static str,
    /// The operation that deletes it, and its payload.
    #[cfg_attr(ts_full, tsify(type = "Action"))]
    pub action: &'static str,
    #[cfg_attr(ts_full, tsify(type = "Record<string, unknown>"))]
    pub payload: Value,
}

/// The certificates of `certificates` (an inventory's, as JSON) a prune may delete at `now`:
/// expired ones bound nowhere (ESA: expired ones of each site, which still count against its
/// quota), and with `rules.unbound` the unused ones too. Never one bound to a domain, one that is
/// pending or failed, or one `rules.keep` names.
pub fn prune_candidates(
    certificates: &[Value],
    rules: &PruneRules,
    now: i64,
) -> Vec<PruneCandidate> {
    let keep: HashSet<&str> = rules.keep.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    for c in certificates {
        let provider = text(c, "provider");
        let id = text(c, "id");
        let state = text(c, "state");
        let fingerprint = text(c, "fingerprintSha256");
        if id.is_empty()
            || keep.contains(id)
            || (!fingerprint.is_empty() && keep.contains(fingerprint))
        {
            continue;
        }
        if state == "pending" || state == "failed" {
            continue;
        }
        let expired =
            parse(text(c, "notAfter"), Zone::Utc).is_some_and(|t| t <= now) || state == "expired";
        let reason = match provider {
            "volcengine" | "tencent" => {
                if !strings(c, "boundTo").is_empty() {
                    continue;
                }
                if expired {
                    "expired"
                } else if rules.unbound {
                    "unused"
                } else {
                    continue;
                }
            }
            "aliyun" => {
                if expired {
                    "expired"
                } else if rules.unbound && outlived_on_site(c, certificates) {
                    "unused"
                } else {
                    continue;
                }
            }
            _ => continue,
        };
        let (action, payload) = match provider {
            "volcengine" => ("DeleteCert", json!({ "ChainID": id })),
            // Only the SSL service's certificates are bound nowhere: deleted there.
            "tencent" => ("DeleteCertificate", json!({ "CertificateId": id })),
            _ => (
                "DeleteCertificate",
                json!({ "SiteId": c.get("siteId").cloned().unwrap_or(Value::Null), "Id": id }),
            ),
        };
        out.push(PruneCandidate {
            provider: provider.to_string(),
            id: id.to_string(),
            name: text(c, "name").to_string(),
            not_after: c.get("notAfter").and_then(Value::as_str).map(str::to_string),
            site_id: c.get("siteId").cloned(),
            reason,
            action,
            payload,
        });
    }
    out
}

/// Whether another certificate of the same ESA site covers all of `c`'s names and expires later.
fn outlived_on_site(c: &Value, all: &[Value]) -> bool {
    let names = strings(c, "domains");
    let until = parse(text(c, "notAfter"), Zone::Utc);
    let (Some(site), Some(until)) = (c.get("siteId"), until) else {
        return false;
    };
    !names.is_empty()
        && all.iter().any(|o| {
            o.get("siteId") == Some(site)
                && text(o, "id") != text(c, "id")
                && text(o, "state") != "pending"
                && text(o, "state") != "failed"
                && parse(text(o, "notAfter"), Zone::Utc).is_some_and(|t| t > until)
                && {
                    let theirs = strings(o, "domains");
                    names.iter().all(|n| {
                        super::pem::any_covers(&theirs, n)
                            || theirs.iter().any(|t| t.eq_ignore_ascii_case(n))
                    })
                }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::read_certificate;
    use crate::lifecycle::scripted::EXAMPLE_CRT;

    const NOW: i64 = 1_796_000_000; // 2026-11-30

    fn inventory() -> Vec<Value> {
        vec![
            json!({"provider": "volcengine", "id": "chain-old", "name": "old", "domains": ["*.example.com"], "boundTo": ["play.example.com", "a.b.example.com"], "notAfter": "2026-12-20T00:00:00Z", "state": "expiring"}),
            json!({"provider": "tencent", "id": "tc-old", "name": "old", "domains": ["example.com"], "boundTo": ["example.com"], "notAfter": "2026-12-01T00:00:00Z", "state": "expiring"}),
            json!({"provider": "tencent", "id": "tc-other", "name": "other", "domains": ["other.com"], "boundTo": ["other.com"], "notAfter": "2026-12-01T00:00:00Z", "state": "expiring"}),
            json!({"provider": "tencent", "id": "tc-spare", "name": "spare", "domains": ["spare.example.com"], "boundTo": [], "notAfter": "2026-01-01T00:00:00Z", "state": "expired"}),
            json!({"provider": "tencent", "id": "tc-unused", "name": "unused", "domains": ["x.example.com"], "boundTo": [], "notAfter": "2027-06-01T00:00:00Z", "state": "valid"}),
            json!({"provider": "aliyun", "id": "1", "name": "site old", "domains": ["www.example.com"], "boundTo": ["example.com"], "siteId": 42, "notAfter": "2026-12-10T00:00:00Z", "state": "expiring"}),
            json!({"provider": "aliyun", "id": "2", "name": "newer", "domains": ["*.example.com"], "boundTo": ["example.com"], "siteId": 42, "notAfter": "2036-01-01T00:00:00Z", "state": "valid"}),
            json!({"provider": "aliyun", "id": "3", "name": "gone", "domains": ["old.example.com"], "boundTo": ["example.com"], "siteId": 42, "notAfter": "2025-01-01T00:00:00Z", "state": "expired"}),
            json!({"provider": "aliyun", "id": "4", "name": "other site", "domains": ["www.example.org"], "boundTo": ["example.org"], "siteId": 43, "notAfter": "2026-12-10T00:00:00Z", "state": "expiring"}),
            json!({"provider": "volcengine", "id": "chain-newer", "name": "newer", "domains": ["*.example.com"], "boundTo": ["live.example.com"], "notAfter": "2040-01-01T00:00:00Z", "state": "valid"}),
        ]
    }

    #[test]
    fn a_rotation_replaces_what_serves_an_older_certificate_of_the_same_names_where_the_new_one_covers(
    ) {
        let cert = read_certificate(EXAMPLE_CRT).unwrap(); // *.example.com, example.com, until 2036
        let targets = replace_targets(&inventory(), &cert);
        assert_eq!(
            targets,
            vec![
                json!({"provider": "volcengine", "domain": "play.example.com"}),
                json!({"provider": "tencent", "domain": "example.com"}),
                json!({"provider": "aliyun", "siteId": 42}),
            ],
            "a.b.example.com is not covered (one label), other.com shares no name, example.org is another site, a later certificate is not replaced"
        );
    }

    #[test]
    fn an_esa_site_that_already_holds_the_certificate_is_not_replaced_again() {
        let cert = read_certificate(EXAMPLE_CRT).unwrap();
        let mut inv = inventory();
        inv.push(json!({"provider": "aliyun", "id": "9", "name": "the new one", "domains": ["*.example.com"], "boundTo": ["example.com"], "siteId": 42, "notAfter": "2036-01-01T00:00:00Z", "state": "valid", "fingerprintSha256": cert.fingerprint_sha256.to_uppercase()}));
        let targets = replace_targets(&inv, &cert);
        assert!(!targets.iter().any(|t| t["provider"] == "aliyun"), "{targets:?}");
        assert_eq!(targets.len(), 2, "the domains still serving the old one remain targets");
    }

    #[test]
    fn a_prune_deletes_only_what_is_bound_nowhere_and_expired_unless_asked_for_more() {
        let inv = inventory();
        let ids = |c: Vec<PruneCandidate>| {
            c.into_iter().map(|c| (c.provider, c.id, c.reason)).collect::<Vec<_>>()
        };
        let plain = prune_candidates(&inv, &PruneRules::default(), NOW);
        assert_eq!(
            ids(plain.clone()),
            vec![
                ("tencent".to_string(), "tc-spare".to_string(), "expired"),
                ("aliyun".into(), "3".into(), "expired")
            ]
        );
        assert_eq!(plain[0].action, "DeleteCertificate");
        assert_eq!(plain[0].payload, json!({"CertificateId": "tc-spare"}));
        assert_eq!(plain[1].payload, json!({"SiteId": 42, "Id": "3"}));
        let more = prune_candidates(&inv, &PruneRules { unbound: true, keep: vec![] }, NOW);
        assert_eq!(
            ids(more),
            vec![
                ("tencent".to_string(), "tc-spare".to_string(), "expired"),
                ("tencent".into(), "tc-unused".into(), "unused"),
                ("aliyun".into(), "1".into(), "unused"),
                ("aliyun".into(), "3".into(), "expired"),
            ]
        );
        // What the last deploy put in place is kept, by id or by fingerprint.
        let kept = prune_candidates(
            &inv,
            &PruneRules { unbound: true, keep: vec!["tc-unused".into(), "1".into()] },
            NOW,
        );
        assert_eq!(kept.len(), 2);
        // A bound certificate is never a candidate, expired or not.
        let bound = json!({"provider": "volcengine", "id": "c", "domains": [], "boundTo": ["a.example.com"], "notAfter": "2020-01-01T00:00:00Z", "state": "expired"});
        assert!(
            prune_candidates(&[bound], &PruneRules { unbound: true, keep: vec![] }, NOW).is_empty()
        );
    }
}
