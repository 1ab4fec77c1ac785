//! Putting one certificate onto domains across clouds: what is checked before anything is sent,
//! the requests each cloud needs, and how each cloud's answer becomes one outcome per target.

use serde_json::{json, Value};

use super::pem::{any_covers, key_matches, read_certificate, CertSummary, KeyMatch, PemError};
use super::times::iso_utc;

/// Where one certificate goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Volcengine { domain: String },
    Tencent { domain: String },
    Aliyun { site_id: Value },
}

impl Target {
    /// Reads `{ provider, domain }` or `{ provider: 'aliyun', siteId }`.
    pub fn parse(v: &Value) -> Result<Target, String> {
        let domain = || match v.get("domain").and_then(Value::as_str) {
            Some(d) if crate::validate::could_be_dns_name(d, 253) => Ok(d.to_ascii_lowercase()),
            _ => Err("a target of Volcengine or Tencent needs `domain`, a domain name".to_string()),
        };
        match v.get("provider").and_then(Value::as_str) {
            Some("volcengine") => Ok(Target::Volcengine { domain: domain()? }),
            Some("tencent") => Ok(Target::Tencent { domain: domain()? }),
            Some("aliyun") => match v.get("siteId") {
                Some(Value::Number(n)) if n.as_u64().is_some_and(|n| n >= 1) => {
                    Ok(Target::Aliyun { site_id: json!(n) })
                }
                Some(Value::String(s))
                    if !s.is_empty() && s.len() <= 19 && s.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    Ok(Target::Aliyun { site_id: json!(s) })
                }
                _ => Err("an aliyun target needs `siteId`, a positive integer".to_string()),
            },
            _ => Err("`provider` must be volcengine, tencent or aliyun".to_string()),
        }
    }

    pub fn provider(&self) -> &'static str {
        match self {
            Target::Volcengine { .. } => "volcengine",
            Target::Tencent { .. } => "tencent",
            Target::Aliyun { .. } => "aliyun",
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

/// What is wrong with sending the certificate to `target`, before anything is sent: a domain
/// the certificate does not cover. (An ESA site takes any certificate.)
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
    let infos: Vec<Value> = domains
        .iter()
        .map(|d| json!({ "DomainName": d, "Status": 1 }))
        .collect();
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
    let errors = answer
        .get("Errors")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    domains
        .iter()
        .map(|d| {
            if let Some(e) = errors
                .iter()
                .find(|e| e.get("DomainName").and_then(Value::as_str) == Some(d))
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
    fn targets_are_read_strictly() {
        assert_eq!(
            Target::parse(&json!({"provider": "volcengine", "domain": "Play.Example.com"})),
            Ok(Target::Volcengine {
                domain: "play.example.com".into()
            })
        );
        assert_eq!(
            Target::parse(&json!({"provider": "aliyun", "siteId": "9223372036854775807"})),
            Ok(Target::Aliyun {
                site_id: json!("9223372036854775807")
            })
        );
        for bad in [
            json!({"provider": "aliyun", "siteId": 0}),
            json!({"provider": "aliyun", "siteId": "12a"}),
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
    fn tencent_answers_become_one_outcome_per_domain() {
        let domains = vec![
            "a.example.com".to_string(),
            "b.example.com".into(),
            "c.example.com".into(),
        ];
        let answer = json!({
            "MismatchedDomainNames": ["b.example.com"],
            "Errors": [{"DomainName": "c.example.com", "Code": "ResourceNotFound.DomainNotExist", "Message": "no"}]
        });
        let out = tencent_outcomes(&answer, &domains);
        assert_eq!(out[0], Ok(()));
        assert_eq!(out[1].as_ref().unwrap_err().0, "MismatchedDomainName");
        assert_eq!(
            out[2].as_ref().unwrap_err().0,
            "ResourceNotFound.DomainNotExist"
        );
    }
}
