//! Reading a PEM certificate chain and private key: the names a certificate covers, its validity,
//! and whether a key belongs to it. Used before a deploy sends anything, by the console's deploy
//! view, and by the emulator to learn what an uploaded certificate covers.

use der::{Decode, Document};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::SubjectAltName;
use x509_cert::Certificate;

/// Why a certificate or key cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PemError {
    #[error("no PEM certificate found (-----BEGIN CERTIFICATE-----)")]
    NoCertificate,
    #[error("the certificate cannot be read: {0}")]
    BadCertificate(String),
    #[error("no PEM private key found (-----BEGIN PRIVATE KEY-----)")]
    NoKey,
    #[error("the private key is password-protected: the clouds take an unencrypted key")]
    EncryptedKey,
    #[error("the private key cannot be read: {0}")]
    BadKey(String),
}

impl PemError {
    /// A stable code for errors in JavaScript.
    pub fn code(&self) -> &'static str {
        match self {
            PemError::NoCertificate | PemError::BadCertificate(_) => "InvalidCertificate",
            PemError::NoKey | PemError::BadKey(_) => "InvalidPrivateKey",
            PemError::EncryptedKey => "EncryptedPrivateKey",
        }
    }
}

/// What the leaf certificate of a chain says.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CertSummary {
    /// DNS names of the subject alternative names, else the common name.
    pub names: Vec<String>,
    pub common_name: Option<String>,
    pub issuer: String,
    /// Unix seconds.
    pub not_before: i64,
    pub not_after: i64,
    /// Certificates in the chain (leaf first).
    pub chain_length: usize,
    #[serde(skip)]
    public_key: PublicKey,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum PublicKey {
    Rsa {
        modulus: Vec<u8>,
        exponent: Vec<u8>,
    },
    /// The encoded point of an EC key (or any other key's raw bits).
    Raw(Vec<u8>),
}

/// Reads the chain in `pem`: its first certificate is the leaf.
pub fn read_certificate(pem: &str) -> Result<CertSummary, PemError> {
    if !pem.contains("-----BEGIN CERTIFICATE-----") {
        return Err(PemError::NoCertificate);
    }
    let chain = Certificate::load_pem_chain(pem.trim().as_bytes())
        .map_err(|e| PemError::BadCertificate(e.to_string()))?;
    let leaf = chain.first().ok_or(PemError::NoCertificate)?;
    let tbs = &leaf.tbs_certificate;
    let common_name = tbs
        .subject
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find_map(|atv| {
            (atv.oid == const_oid::db::rfc4519::CN)
                .then(|| directory_string(&atv.value))
                .flatten()
        });
    let mut names: Vec<String> = tbs
        .extensions
        .iter()
        .flatten()
        .filter(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_SUBJECT_ALT_NAME)
        .filter_map(|e| SubjectAltName::from_der(e.extn_value.as_bytes()).ok())
        .flat_map(|san| san.0)
        .filter_map(|n| match n {
            GeneralName::DnsName(d) => Some(d.to_string().to_ascii_lowercase()),
            _ => None,
        })
        .collect();
    if names.is_empty() {
        names.extend(common_name.iter().map(|c| c.to_ascii_lowercase()));
    }
    let spki = &tbs.subject_public_key_info;
    let bits = spki.subject_public_key.raw_bytes();
    let public_key = match pkcs1::RsaPublicKey::from_der(bits) {
        Ok(rsa) if spki.algorithm.oid == const_oid::db::rfc5912::RSA_ENCRYPTION => PublicKey::Rsa {
            modulus: rsa.modulus.as_bytes().to_vec(),
            exponent: rsa.public_exponent.as_bytes().to_vec(),
        },
        _ => PublicKey::Raw(bits.to_vec()),
    };
    let issuer = tbs
        .issuer
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find_map(|atv| {
            (atv.oid == const_oid::db::rfc4519::CN)
                .then(|| directory_string(&atv.value))
                .flatten()
        })
        .unwrap_or_default();
    let seconds = |t: x509_cert::time::Time| t.to_unix_duration().as_secs() as i64;
    Ok(CertSummary {
        names,
        common_name,
        issuer,
        not_before: seconds(tbs.validity.not_before),
        not_after: seconds(tbs.validity.not_after),
        chain_length: chain.len(),
        public_key,
    })
}

fn directory_string(any: &der::Any) -> Option<String> {
    use der::asn1::{PrintableStringRef, TeletexStringRef, Utf8StringRef};
    let any = der::AnyRef::from(any);
    Utf8StringRef::try_from(any)
        .map(|s| s.to_string())
        .or_else(|_| PrintableStringRef::try_from(any).map(|s| s.to_string()))
        .or_else(|_| TeletexStringRef::try_from(any).map(|s| s.to_string()))
        .ok()
}

/// Whether the key belongs to the certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMatch {
    Matches,
    DoesNotMatch,
    /// The key does not carry its public half (an EC key without it, another algorithm): the
    /// cloud checks it.
    CannotTell,
}

/// Reads `key_pem` (PKCS#8, PKCS#1 or SEC1) and compares its public half with `cert`'s.
pub fn key_matches(cert: &CertSummary, key_pem: &str) -> Result<KeyMatch, PemError> {
    if key_pem.contains("ENCRYPTED") {
        return Err(PemError::EncryptedKey);
    }
    if !key_pem.contains("PRIVATE KEY-----") {
        return Err(PemError::NoKey);
    }
    let (label, doc) =
        Document::from_pem(key_pem.trim()).map_err(|e| PemError::BadKey(e.to_string()))?;
    let bytes = doc.as_bytes();
    let bad = |e: der::Error| PemError::BadKey(e.to_string());
    let ours = match label {
        "RSA PRIVATE KEY" => rsa_key(bytes).map_err(bad)?,
        "EC PRIVATE KEY" => ec_key(bytes).map_err(bad)?,
        "PRIVATE KEY" => {
            let info = pkcs8::PrivateKeyInfo::from_der(bytes).map_err(bad)?;
            if info.algorithm.oid == const_oid::db::rfc5912::RSA_ENCRYPTION {
                rsa_key(info.private_key).map_err(bad)?
            } else if info.algorithm.oid == const_oid::db::rfc5912::ID_EC_PUBLIC_KEY {
                match ec_key(info.private_key).map_err(bad)? {
                    None => info.public_key.map(|p| PublicKey::Raw(p.to_vec())),
                    some => some,
                }
            } else {
                info.public_key.map(|p| PublicKey::Raw(p.to_vec()))
            }
        }
        other => return Err(PemError::BadKey(format!("unexpected PEM label {other}"))),
    };
    Ok(match ours {
        None => KeyMatch::CannotTell,
        Some(k) if k == cert.public_key => KeyMatch::Matches,
        Some(_) => KeyMatch::DoesNotMatch,
    })
}

fn rsa_key(der: &[u8]) -> der::Result<Option<PublicKey>> {
    let k = pkcs1::RsaPrivateKey::from_der(der)?;
    Ok(Some(PublicKey::Rsa {
        modulus: k.modulus.as_bytes().to_vec(),
        exponent: k.public_exponent.as_bytes().to_vec(),
    }))
}

fn ec_key(der: &[u8]) -> der::Result<Option<PublicKey>> {
    let k = sec1::EcPrivateKey::from_der(der)?;
    Ok(k.public_key.map(|p| PublicKey::Raw(p.to_vec())))
}

/// Does the certificate name `pattern` (`*.example.com` or exact) cover `domain`? A wildcard
/// covers exactly one label (RFC 6125): not the bare domain, not two labels.
pub fn covers(pattern: &str, domain: &str) -> bool {
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    match pattern.strip_prefix("*.") {
        Some(base) => domain
            .len()
            .checked_sub(base.len())
            .filter(|&cut| domain.is_char_boundary(cut))
            .filter(|&cut| domain[cut..].eq_ignore_ascii_case(base))
            .and_then(|cut| domain[..cut].strip_suffix('.'))
            .is_some_and(|label| !label.is_empty() && !label.contains('.')),
        None => pattern.eq_ignore_ascii_case(domain),
    }
}

/// Whether any of `names` covers `domain`.
pub fn any_covers(names: &[String], domain: &str) -> bool {
    names.iter().any(|n| covers(n, domain))
}
