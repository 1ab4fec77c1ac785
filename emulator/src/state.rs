//! The emulated clouds' resources: seeded on first start, changed by the operations, and (with
//! `--state FILE`) kept across restarts, written atomically.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

const DAY: i64 = 86_400;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub volcengine: VolcState,
    pub tencent: TencentState,
    pub aliyun: AliyunState,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VolcState {
    /// Domain → its vhost, type and bound certificate.
    pub domains: BTreeMap<String, VolcDomain>,
    pub vhosts: Vec<String>,
    pub certs: Vec<VolcCert>,
    /// `target|app|scene` → the stored authentication (full overwrite on every update).
    pub auth: BTreeMap<String, AuthConfig>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VolcDomain {
    pub vhost: String,
    /// `push` or `pull`.
    pub kind: String,
    pub cert_id: Option<String>,
    /// HTTPS on (BindCert `HTTPS`); older state files have none: off.
    #[serde(default)]
    pub https: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VolcCert {
    pub cert_id: String,
    pub cert_name: String,
    pub domains: Vec<String>,
    pub chain_id: String,
    /// Unix seconds.
    pub not_before: i64,
    pub not_after: i64,
    pub available: bool,
    /// Unix seconds.
    #[serde(default)]
    pub created: i64,
    #[serde(default = "default_project")]
    pub project_name: String,
    /// The PEM chain of an uploaded certificate (seeded ones have none).
    #[serde(default)]
    pub pem: Option<String>,
}

fn default_project() -> String {
    "default".into()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthConfig {
    /// As sent (`AuthDetailList`), keys included: this is the emulated cloud's own storage.
    pub auth_detail_list: Value,
    pub valid_duration: i64,
    pub push_pull_enable: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TencentState {
    pub domains: BTreeMap<String, TencentDomain>,
    pub certs: BTreeMap<String, TencentCert>,
    pub next_cert: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TencentDomain {
    pub cert_id: Option<String>,
    pub https: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TencentCert {
    /// Names the certificate covers (`*.example.com` covers one label). Empty: unknown.
    pub domains: Vec<String>,
    pub alias: String,
    /// The live service's numeric id (`CertId`).
    #[serde(default)]
    pub num: u64,
    /// Unix seconds.
    #[serde(default)]
    pub not_after: i64,
    #[serde(default)]
    pub created: i64,
    #[serde(default)]
    pub pem: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AliyunState {
    /// Site id (decimal text) → site.
    pub sites: BTreeMap<String, Site>,
    pub certificates: Vec<AppliedCert>,
    pub next_id: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Site {
    pub name: String,
    pub active: bool,
    /// `NS` or `CNAME`.
    pub access_type: String,
}

/// A certificate of an ESA site: applied for (free), uploaded, or from SSL Certificates Service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppliedCert {
    pub id: String,
    pub site_id: String,
    /// The name applied for; for an upload, its first name.
    pub domain: String,
    /// `Applying`, `Issued`, `ApplyFailed`, `Canceled`, or (judged from the expiry) `OK`.
    pub status: String,
    /// `lets_encrypt`… for free ones; `upload`, `cas`, `keyless`.
    pub cert_type: String,
    #[serde(default)]
    pub name: String,
    /// Names covered (the SAN list).
    #[serde(default)]
    pub names: Vec<String>,
    /// Unix seconds; 0 while a free certificate is being applied for.
    #[serde(default)]
    pub not_before: i64,
    #[serde(default)]
    pub not_after: i64,
    #[serde(default)]
    pub created: i64,
    #[serde(default)]
    pub pem: Option<String>,
}

impl State {
    /// The demo data: certificates whose expiry dates exercise every `Status`, bound domains for
    /// bulk work, and ESA sites of each kind (active NS, active CNAME, inactive, an id beyond 2^53).
    pub fn seed(now: i64) -> State {
        let mut volc =
            VolcState { vhosts: vec!["vhost.example.com".into()], ..VolcState::default() };
        let cert =
            |id: &str, name: &str, domains: &[&str], days_left: i64, available: bool| VolcCert {
                cert_id: id.into(),
                cert_name: name.into(),
                domains: domains.iter().map(|d| d.to_string()).collect(),
                chain_id: format!("chain-{id}"),
                not_before: now - 90 * DAY,
                not_after: now + days_left * DAY - if days_left == 1 { DAY / 2 } else { 0 },
                available,
                created: now - 90 * DAY,
                project_name: "default".into(),
                pem: None,
            };
        volc.certs = vec![
            cert("cert-ok", "example wildcard", &["*.example.com", "example.com"], 200, true),
            cert("cert-30d", "play 30 days", &["play.example.com"], 20, true),
            cert("cert-15d", "push 15 days", &["push.example.com"], 10, true),
            cert("cert-7d", "backup 7 days", &["backup.example.com"], 5, true),
            cert("cert-1d", "edge 1 day", &["edge.example.com"], 1, true),
            cert("cert-expired", "old expired", &["old.example.com"], -3, true),
            cert("cert-disabled", "disabled cert", &["disabled.example.com"], 100, false),
        ];
        for (name, kind) in [("push.example.com", "push"), ("play.example.com", "pull")] {
            volc.domains.insert(
                name.into(),
                VolcDomain {
                    vhost: "vhost.example.com".into(),
                    kind: kind.into(),
                    cert_id: Some("cert-ok".into()),
                    https: true,
                },
            );
        }
        for i in 1..=30 {
            volc.domains.insert(
                format!("play{i:02}.example.com"),
                VolcDomain {
                    vhost: "vhost.example.com".into(),
                    kind: "pull".into(),
                    cert_id: Some("cert-ok".into()),
                    https: true,
                },
            );
        }

        let mut tencent = TencentState::default();
        let tc = |domains: &[&str], alias: &str, num: u64, days_left: i64| TencentCert {
            domains: domains.iter().map(|d| d.to_string()).collect(),
            alias: alias.into(),
            num,
            not_after: now + days_left * DAY,
            created: now - 60 * DAY,
            pem: None,
        };
        tencent.certs.insert(
            "cert-example".into(),
            tc(&["*.example.com", "example.com"], "example", 101, 200),
        );
        tencent
            .certs
            .insert("cert-other".into(), tc(&["other.com", "*.other.com"], "other", 102, 6));
        tencent.certs.insert("cert-old".into(), tc(&["*.example.com"], "old example", 103, -10));
        // Uploaded once, bound to no domain: the SSL service lists it, the bindings do not.
        tencent.certs.insert("cert-spare".into(), tc(&["spare.example.com"], "spare", 104, 90));
        tencent.next_cert = 104;
        tencent.domains.insert("play.example.com".into(), TencentDomain::default());
        tencent.domains.insert(
            "play.other.com".into(),
            TencentDomain { cert_id: Some("cert-other".into()), https: true },
        );
        for i in 1..=60 {
            // play41–60 keep an expired certificate; play31–40 the valid one; the rest none.
            let cert_id = match i {
                31..=40 => Some("cert-example".to_string()),
                41..=60 => Some("cert-old".to_string()),
                _ => None,
            };
            tencent.domains.insert(
                format!("play{i:02}.example.com"),
                TencentDomain { https: cert_id.is_some(), cert_id },
            );
        }

        let mut aliyun = AliyunState::default();
        let site = |name: &str, active: bool, access: &str| Site {
            name: name.into(),
            active,
            access_type: access.into(),
        };
        aliyun.sites.insert("1234567890123".into(), site("example.com", true, "NS"));
        aliyun.sites.insert("2233445566".into(), site("cname-site.com", true, "CNAME"));
        aliyun.sites.insert("9876543210".into(), site("inactive.com", false, "NS"));
        aliyun.sites.insert("9223372036854775807".into(), site("big.example.org", true, "NS"));
        let esa =
            |id: u64, site: &str, name: &str, status: &str, kind: &str, days_left: Option<i64>| {
                AppliedCert {
                    id: id.to_string(),
                    site_id: site.into(),
                    domain: name.into(),
                    status: status.into(),
                    cert_type: kind.into(),
                    name: name.into(),
                    names: vec![name.to_string()],
                    not_before: days_left.map_or(0, |_| now - 60 * DAY),
                    not_after: days_left.map_or(0, |d| now + d * DAY),
                    created: now - 60 * DAY,
                    pem: None,
                }
            };
        aliyun.certificates = vec![
            esa(900001, "1234567890123", "shop.example.com", "OK", "upload", Some(300)),
            esa(900002, "1234567890123", "api.example.com", "OK", "free", Some(25)),
            esa(900003, "1234567890123", "cdn.example.com", "Applying", "lets_encrypt", None),
            esa(900004, "2233445566", "www.cname-site.com", "OK", "upload", Some(-2)),
            esa(900005, "2233445566", "old.cname-site.com", "ApplyFailed", "lets_encrypt", None),
        ];
        aliyun.next_id = 1_000_001;

        State { volcengine: volc, tencent, aliyun }
    }

    /// Reads `path`, or seeds a new state when there is no such file.
    /// A large estate for scale runs: `domains` domains split over the three clouds, a
    /// certificate for every ten domains (all `*.example.com`, expiring over the next year), and an
    /// ESA site for every thirty domains with three certificates each; the demo data besides.
    pub fn generated(domains: usize, now: i64) -> State {
        let mut s = State::seed(now);
        let per = domains / 3;
        let groups = per.div_ceil(10).max(1);
        let expiry = |k: usize| now + 30 * DAY + (k as i64 * 331 % 365) * DAY;
        for k in 0..groups {
            let id = format!("cert-g{k}");
            s.volcengine.certs.push(VolcCert {
                cert_id: id.clone(),
                cert_name: format!("group {k}"),
                domains: vec!["*.example.com".into()],
                chain_id: format!("chain-{id}"),
                not_before: now - 90 * DAY,
                not_after: expiry(k),
                available: true,
                created: now - 90 * DAY,
                project_name: "default".into(),
                pem: None,
            });
            s.tencent.certs.insert(
                format!("tc-g{k}"),
                TencentCert {
                    domains: vec!["*.example.com".into()],
                    alias: format!("group {k}"),
                    num: 10_000 + k as u64,
                    not_after: expiry(k),
                    created: now - 90 * DAY,
                    pem: None,
                },
            );
        }
        for i in 0..per {
            s.volcengine.domains.insert(
                format!("v{i}.example.com"),
                VolcDomain {
                    vhost: "vhost.example.com".into(),
                    kind: "pull".into(),
                    cert_id: Some(format!("cert-g{}", i / 10)),
                    https: true,
                },
            );
            s.tencent.domains.insert(
                format!("t{i}.example.com"),
                TencentDomain { cert_id: Some(format!("tc-g{}", i / 10)), https: true },
            );
        }
        for k in 0..domains.div_ceil(30) {
            let site = format!("{}", 5_000_000 + k);
            s.aliyun.sites.insert(
                site.clone(),
                Site {
                    name: format!("site{k}.example.net"),
                    active: true,
                    access_type: "NS".into(),
                },
            );
            for j in 0..3 {
                s.aliyun.next_id += 1;
                s.aliyun.certificates.push(AppliedCert {
                    id: s.aliyun.next_id.to_string(),
                    site_id: site.clone(),
                    domain: format!("w{j}.site{k}.example.net"),
                    status: "OK".into(),
                    cert_type: "upload".into(),
                    name: format!("w{j}"),
                    names: vec![format!("w{j}.site{k}.example.net")],
                    not_before: now - 90 * DAY,
                    not_after: expiry(k + j),
                    created: now - 90 * DAY,
                    pem: None,
                });
            }
        }
        s
    }

    pub fn load_or_seed(path: Option<&Path>, now: i64) -> Result<State, String> {
        let Some(path) = path else {
            return Ok(State::seed(now));
        };
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| format!("{}: not a state file: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State::seed(now)),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// Writes the whole state to a temporary file beside `path`, syncs it, and renames it over
    /// `path`: a crash mid-write leaves the old file intact.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        write_atomically(path, &serde_json::to_vec_pretty(self)?)
    }

    /// The state as the admin endpoint shows it: stored authentication keys hidden.
    pub fn redacted(&self) -> Value {
        let mut v = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Some(auth) = v.pointer_mut("/volcengine/auth").and_then(Value::as_object_mut) {
            for config in auth.values_mut() {
                if let Some(list) = config.get_mut("auth_detail_list").and_then(Value::as_array_mut)
                {
                    for entry in list {
                        if let Some(key) = entry.get_mut("SecretKey") {
                            *key = Value::String("***".into());
                        }
                    }
                }
            }
        }
        v
    }
}

/// Does the certificate name `pattern` (`*.example.com` or exact) cover `domain`? The library's
/// rule, so that the emulator and a deploy's check agree.
pub use liveops::lifecycle::covers;

/// Writes `json` to `path` through a temporary file in the same folder: a reader sees the old
/// file or the new one, never half of one.
pub fn write_atomically(path: &Path, json: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(json)?;
    tmp.write_all(b"\n")?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_cover_one_label() {
        assert!(covers("*.example.com", "play.example.com"));
        assert!(!covers("*.example.com", "a.b.example.com"));
        assert!(!covers("*.example.com", "example.com"));
        assert!(covers("example.com", "EXAMPLE.com"));
    }

    #[test]
    fn save_is_atomic_and_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let s = State::seed(1_700_000_000);
        s.save(&path).unwrap();
        assert_eq!(State::load_or_seed(Some(&path), 0).unwrap(), s);
        // No temporary file is left beside it.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        std::fs::write(&path, b"{ broken").unwrap();
        assert!(
            State::load_or_seed(Some(&path), 0).is_err(),
            "a corrupt file is reported, not replaced"
        );
    }
}
