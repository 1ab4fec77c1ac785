//! Putting one certificate onto domains across clouds: what is checked before anything is sent,
//! the requests each cloud needs, and how each cloud's answer becomes one outcome per target.

use serde_json::{json, Value};

use super::pem::{any_covers, key_matches, read_certificate, CertSummary, KeyMatch, PemError};
use super::times::iso_utc;
use crate::catalog::Provider;

/// A domain of Volcengine or Tencent Live, or an ESA site by its id or its name.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    ts_full,
    derive(tsify::Tsify),
    tsify(rename = "DeployTarget"),
    serde(tag = "provider", rename_all = "lowercase")
)]
pub enum Target {
    Volcengine {
        domain: String,
    },
    Tencent {
        domain: String,
    },
    Aliyun {
        #[cfg_attr(ts_full, serde(flatten), tsify(type = "DeploySite"))]
        site: SiteRef,
    },
}

/// An ESA site, by its id or by its name.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(ts_full, derive(tsify::Tsify), tsify(rename = "DeploySite"))]
pub enum SiteRef {
    /// A number, or decimal text beyond 2^53.
    #[cfg_attr(ts_full, serde(rename = "siteId"))]
    Id(#[cfg_attr(ts_full, tsify(type = "number | string"))] Value),
    /// Its name (`example.com`; read lower-cased).
    #[cfg_attr(ts_full, serde(rename = "siteName"))]
    Name(String),
}

impl SiteRef {
    /// The id as decimal text.
    pub fn id_text(&self) -> Option<String> {
        match self {
            SiteRef::Id(Value::Number(n)) => Some(crate::catalog::decimal(n)),
            SiteRef::Id(Value::String(s)) => Some(s.trim_start_matches('0').to_string()),
            _ => None,
        }
    }
}

impl Target {
    /// Reads `{ provider, domain }`, or `{ provider: 'aliyun', siteId }` or `{ provider:
    /// 'aliyun', siteName }`.
    pub fn parse(v: &Value) -> Result<Target, String> {
        let domain = || match v.get("domain").and_then(Value::as_str) {
            Some(d) if crate::validate::could_be_dns_name(d, 253) => Ok(d.to_ascii_lowercase()),
            _ => Err("a target of Volcengine or Tencent needs `domain`, a domain name".to_string()),
        };
        match v.get("provider").and_then(Value::as_str) {
            Some("volcengine") => Ok(Target::Volcengine { domain: domain()? }),
            Some("tencent") => Ok(Target::Tencent { domain: domain()? }),
            Some("aliyun") => match (v.get("siteId"), v.get("siteName")) {
                (Some(Value::Number(n)), None) if n.as_u64().is_some_and(|n| n >= 1) => {
                    Ok(Target::Aliyun {
                        site: SiteRef::Id(json!(n)),
                    })
                }
                (Some(Value::String(s)), None)
                    if !s.is_empty()
                        && s.len() <= 19
                        && s.bytes().all(|b| b.is_ascii_digit())
                        && s.bytes().any(|b| b != b'0') =>
                {
                    Ok(Target::Aliyun {
                        site: SiteRef::Id(json!(s)),
                    })
                }
                (None, Some(Value::String(name))) if crate::validate::could_be_dns_name(name, 253) => {
                    Ok(Target::Aliyun {
                        site: SiteRef::Name(name.trim_end_matches('.').to_ascii_lowercase()),
                    })
                }
                _ => Err(
                    "an aliyun target needs `siteId`, a positive integer, or `siteName`, the site's name"
                        .to_string(),
                ),
            },
            _ => Err("`provider` must be volcengine, tencent or aliyun".to_string()),
        }
    }

    pub fn provider(&self) -> Provider {
        match self {
            Target::Volcengine { .. } => Provider::Volcengine,
            Target::Tencent { .. } => Provider::Tencent,
            Target::Aliyun { .. } => Provider::Aliyun,
        }
    }

    /// What names the same target twice: the cloud and the domain (or the site).
    pub fn key(&self) -> String {
        match self {
            Target::Volcengine { domain } => format!("volcengine:{domain}"),
            Target::Tencent { domain } => format!("tencent:{domain}"),
            Target::Aliyun { site: SiteRef::Name(n) } => format!("aliyun:name:{n}"),
            Target::Aliyun { site } => format!("aliyun:id:{}", site.id_text().unwrap_or_default()),
        }
    }
}

/// Why nothing is sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error(transparent)]
    Pem(#[from] PemError),
    #[error("the private key does not belong to the certificate")]
    KeyMismatch,
    #[error("the certificate expired on {0}")]
    Expired(String),
}

impl Refusal {
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Pem(e) => e.code(),
            Refusal::KeyMismatch => "KeyMismatch",
            Refusal::Expired(_) => "CertificateExpired",
        }
    }
}

/// The certificate, read and checked against its key and the clock: the leaf's summary.
pub fn check_material(cert_pem: &str, key_pem: &str, now: i64) -> Result<CertSummary, Refusal> {
    let cert = read_certificate(cert_pem)?;
    if key_matches(&cert, key_pem)? == KeyMatch::DoesNotMatch {
        return Err(Refusal::KeyMismatch);
    }
    if cert.not_after <= now {
        return Err(Refusal::Expired(iso_utc(cert.not_after)));
    }
    Ok(cert)
}

/// What is wrong with sending the certificate to a Volcengine or Tencent `target`, before
/// anything is sent: a domain the certificate does not cover. (An ESA site is checked once its
/// name is known: `site_problem`.)
pub fn target_problem(cert: &CertSummary, target: &Target) -> Option<String> {
    match target {
        Target::Volcengine { domain } | Target::Tencent { domain }
            if !any_covers(&cert.names, domain) =>
        {
            Some(format!(
                "the certificate does not cover {domain} (it covers {})",
                cert.names.join(", ")
            ))
        }
        _ => None,
    }
}

/// Whether `name` (`www.example.com`, `*.example.com`) lies within the site `site`
/// (`example.com`): the site serves it.
pub fn within_site(name: &str, site: &str) -> bool {
    let name = name.strip_prefix("*.").unwrap_or(name).trim_end_matches('.');
    let site = site.trim_end_matches('.');
    name.eq_ignore_ascii_case(site)
        || name.len() > site.len()
            && name.is_char_boundary(name.len() - site.len() - 1)
            && name[name.len() - site.len()..].eq_ignore_ascii_case(site)
            && name.as_bytes()[name.len() - site.len() - 1] == b'.'
}

/// What is wrong with sending the certificate to the ESA site `site`: none of its names lies
/// within the site, so the site would serve none of them.
pub fn site_problem(cert: &CertSummary, site: &str) -> Option<String> {
    (!cert.names.iter().any(|n| within_site(n, site))).then(|| {
        format!(
            "none of the certificate's names ({}) lies within the site {site}",
            cert.names.join(", ")
        )
    })
}

/// The name a certificate is uploaded under when none is given: `example.com-2027-01-31`.
pub fn default_name(cert: &CertSummary) -> String {
    let first = cert
        .names
        .first()
        .or(cert.common_name.as_ref())
        .map(|n| n.replace('*', "wildcard"))
        .unwrap_or_else(|| "certificate".into());
    format!("{first}-{}", &iso_utc(cert.not_after)[..10])
}

pub fn volcengine_create(cert_pem: &str, key_pem: &str, name: &str) -> Value {
    json!({ "Rsa": { "Pubkey": cert_pem, "Prikey": key_pem }, "UseWay": "https", "CertName": name })
}

pub fn volcengine_bind(chain_id: &str, domain: &str) -> Value {
    json!({ "ChainID": chain_id, "Domain": domain, "HTTPS": true })
}

pub fn tencent_bind(domains: &[String], cert_pem: &str, key_pem: &str, name: &str) -> Value {
    let infos: Vec<Value> =
        domains.iter().map(|d| json!({ "DomainName": d, "Status": 1 })).collect();
    json!({
        "DomainInfos": infos,
        "CertificatePublicKey": cert_pem,
        "CertificatePrivateKey": key_pem,
        "CertificateAlias": name,
    })
}

/// Each domain's outcome in a `ModifyLiveDomainCertBindings` answer: `Ok` or `(code, message)`.
pub fn tencent_outcomes(answer: &Value, domains: &[String]) -> Vec<Result<(), (String, String)>> {
    let mismatched: Vec<&str> = answer
        .get("MismatchedDomainNames")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let errors =
        answer.get("Errors").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    domains
        .iter()
        .map(|d| {
            if let Some(e) =
                errors.iter().find(|e| e.get("DomainName").and_then(Value::as_str) == Some(d))
            {
                let text = |k| e.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                return Err((text("Code"), text("Message")));
            }
            if mismatched.contains(&d.as_str()) {
                return Err((
                    "MismatchedDomainName".into(),
                    format!("Tencent Cloud found that the certificate does not match {d}"),
                ));
            }
            Ok(())
        })
        .collect()
}

pub fn aliyun_set(site_id: &Value, cert_pem: &str, key_pem: &str, name: &str) -> Value {
    json!({
        "SiteId": site_id,
        "Type": "upload",
        "Name": name,
        "Certificate": cert_pem,
        "PrivateKey": key_pem,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inspection_says_what_is_not_covered_and_how_the_key_compared() {
        use crate::lifecycle::scripted::{EXAMPLE_CRT, EXAMPLE_KEY};
        let cert = read_certificate(EXAMPLE_CRT).unwrap();
        let key = key_matches(&cert, EXAMPLE_KEY).unwrap();
        let domains = ["a.example.com".to_string(), "play.other.com".to_string()];
        let sites = ["example.com".to_string(), "other.net".to_string()];
        let day_before_expiry = cert.not_after - 86_400;
        let seen = inspect(&cert, Some(key), &domains, &sites, day_before_expiry);
        assert_eq!(seen.not_covered, ["play.other.com"]);
        assert_eq!(seen.sites_not_covered, ["other.net"]);
        assert_eq!(seen.days_left, 1);
        let js = serde_json::to_value(&seen).unwrap();
        assert_eq!(js["keyMatches"], json!(true));
        assert_eq!(js["notAfter"], json!(iso_utc(cert.not_after)));
        let none =
            serde_json::to_value(inspect(&cert, None, &[], &[], cert.not_after + 1)).unwrap();
        assert_eq!(none["keyMatches"], json!(null));
        assert_eq!(none["daysLeft"], json!(-1));
        let cannot = serde_json::to_value(KeyVerdict(KeyMatch::CannotTell)).unwrap();
        assert_eq!(cannot, json!("cannotTell"));
    }

    #[test]
    fn targets_are_read_strictly() {
        assert_eq!(
            Target::parse(&json!({"provider": "volcengine", "domain": "Play.Example.com"})),
            Ok(Target::Volcengine { domain: "play.example.com".into() })
        );
        assert_eq!(
            Target::parse(&json!({"provider": "aliyun", "siteId": "9223372036854775807"})),
            Ok(Target::Aliyun { site: SiteRef::Id(json!("9223372036854775807")) })
        );
        assert_eq!(
            Target::parse(&json!({"provider": "aliyun", "siteName": "Example.COM."})),
            Ok(Target::Aliyun { site: SiteRef::Name("example.com".into()) })
        );
        for bad in [
            json!({"provider": "aliyun", "siteId": 0}),
            json!({"provider": "aliyun", "siteId": "12a"}),
            json!({"provider": "aliyun", "siteId": "000"}),
            json!({"provider": "aliyun", "siteId": 1, "siteName": "a.com"}),
            json!({"provider": "aliyun", "siteName": "-a.com"}),
            json!({"provider": "aliyun", "domain": "a.com"}),
            json!({"provider": "tencent", "domain": "https://a.com/"}),
            json!({"provider": "tencent"}),
            json!({"provider": "aws", "domain": "a.com"}),
            json!("volcengine"),
        ] {
            assert!(Target::parse(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_name_lies_within_a_site_when_it_is_the_site_or_below_it() {
        assert!(within_site("example.com", "example.com"));
        assert!(within_site("*.example.com", "example.com"));
        assert!(within_site("a.b.Example.com", "example.COM"));
        assert!(!within_site("badexample.com", "example.com"));
        assert!(!within_site("example.com", "www.example.com"));
        assert!(!within_site("example.org", "example.com"));
        assert!(!within_site("é.com", "xample.com"));
    }

    #[test]
    fn tencent_answers_become_one_outcome_per_domain() {
        let domains =
            vec!["a.example.com".to_string(), "b.example.com".into(), "c.example.com".into()];
        let answer = json!({
            "MismatchedDomainNames": ["b.example.com"],
            "Errors": [{"DomainName": "c.example.com", "Code": "ResourceNotFound.DomainNotExist", "Message": "no"}]
        });
        let out = tencent_outcomes(&answer, &domains);
        assert_eq!(out[0], Ok(()));
        assert_eq!(out[1].as_ref().unwrap_err().0, "MismatchedDomainName");
        assert_eq!(out[2].as_ref().unwrap_err().0, "ResourceNotFound.DomainNotExist");
    }
}

/// What a PEM certificate says, and whether a key belongs to it: what
/// `inspectCertificate` returns before a deploy, so that an operator sees what will go out.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(ts_full, derive(tsify::Tsify), tsify(rename = "CertificateSummary", missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct Inspection {
    pub names: Vec<String>,
    pub common_name: Option<String>,
    pub issuer: String,
    /// ISO 8601 UTC.
    pub not_before: String,
    pub not_after: String,
    /// Whole days until `notAfter`, negative once expired.
    pub days_left: i64,
    pub chain_length: usize,
    /// null when no key was given; "cannotTell" when the key does not carry its public half.
    #[cfg_attr(ts_full, tsify(type = "boolean | \"cannotTell\" | null"))]
    pub key_matches: Option<KeyVerdict>,
    /// The given domains the certificate does not cover.
    pub not_covered: Vec<String>,
    /// The given ESA sites (by name) within which none of its names lies.
    pub sites_not_covered: Vec<String>,
    /// SHA-256 of the leaf (lowercase hex): its identity on every cloud.
    pub fingerprint_sha256: String,
}

/// [`KeyMatch`] as JavaScript reads it: `true`, `false` or `"cannotTell"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyVerdict(pub KeyMatch);

impl serde::Serialize for KeyVerdict {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            KeyMatch::Matches => ser.serialize_bool(true),
            KeyMatch::DoesNotMatch => ser.serialize_bool(false),
            KeyMatch::CannotTell => ser.serialize_str("cannotTell"),
        }
    }
}

/// The inspection of `cert` at `now` (Unix seconds): `key` is how the private key compared, where
/// one was given; `domains` and `sites` are what the operator means to deploy it to.
pub fn inspect(
    cert: &CertSummary,
    key: Option<KeyMatch>,
    domains: &[String],
    sites: &[String],
    now: i64,
) -> Inspection {
    Inspection {
        names: cert.names.clone(),
        common_name: cert.common_name.clone(),
        issuer: cert.issuer.clone(),
        not_before: iso_utc(cert.not_before),
        not_after: iso_utc(cert.not_after),
        days_left: (cert.not_after - now).div_euclid(86_400),
        chain_length: cert.chain_length,
        key_matches: key.map(KeyVerdict),
        not_covered: domains.iter().filter(|d| !any_covers(&cert.names, d)).cloned().collect(),
        sites_not_covered: sites
            .iter()
            .filter(|s| site_problem(cert, s).is_some())
            .cloned()
            .collect(),
        fingerprint_sha256: cert.fingerprint_sha256.clone(),
    }
}
