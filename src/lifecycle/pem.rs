//! Reading a PEM certificate chain and private key: the names a certificate covers, its validity,
//! and whether a key belongs to it. Used before a deploy sends anything, by the console's deploy
//! view, and by the emulator to learn what an uploaded certificate covers.

use der::asn1::{AnyRef, BitStringRef, GeneralizedTime, ObjectIdentifier, OctetStringRef, UtcTime};
use der::{Decode, Document, Reader, SliceReader, Tag, TagNumber};

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
    /// SHA-256 of the leaf's DER, lowercase hex: the certificate's identity on every cloud.
    pub fingerprint_sha256: String,
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
    let bad = |e: &dyn std::fmt::Display| PemError::BadCertificate(e.to_string());
    // Each `CERTIFICATE` block of the chain, decoded; the first is the leaf.
    let mut blocks = Vec::new();
    for part in pem.split_inclusive("-----END CERTIFICATE-----") {
        let Some(start) = part.find("-----BEGIN CERTIFICATE-----") else {
            continue;
        };
        let (label, der) = der::pem::decode_vec(&part.as_bytes()[start..]).map_err(|e| bad(&e))?;
        if label != "CERTIFICATE" {
            return Err(PemError::BadCertificate(format!("unexpected PEM label {label}")));
        }
        blocks.push(der);
    }
    let leaf = blocks.first().ok_or(PemError::NoCertificate)?;
    let parsed = parse_leaf(leaf).map_err(|e| bad(&e))?;
    let mut names = parsed.dns_names;
    if names.is_empty() {
        names.extend(parsed.common_name.iter().map(|c| c.to_ascii_lowercase()));
    }
    Ok(CertSummary {
        names,
        common_name: parsed.common_name,
        issuer: parsed.issuer_cn.unwrap_or_default(),
        not_before: parsed.not_before,
        not_after: parsed.not_after,
        chain_length: blocks.len(),
        fingerprint_sha256: sha256_hex(leaf),
        public_key: parsed.public_key,
    })
}

fn sha256_hex(der: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(der))
}

/// The SHA-256 fingerprint (lowercase hex) of the first certificate of `pem`, without reading
/// its fields: what a cloud serves is compared by it. `None` when there is no readable block.
pub fn leaf_fingerprint(pem: &str) -> Option<String> {
    let start = pem.find("-----BEGIN CERTIFICATE-----")?;
    let end = pem[start..].find("-----END CERTIFICATE-----")? + start + 25;
    let (label, der) = der::pem::decode_vec(&pem.as_bytes()[start..end]).ok()?;
    (label == "CERTIFICATE").then(|| sha256_hex(&der))
}

/// A fingerprint as clouds write it (`AB:CD…`, upper case) in the lowercase hex of ours.
pub fn normal_fingerprint(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_hexdigit()).map(|c| c.to_ascii_lowercase()).collect()
}

/// What a certificate's `TBSCertificate` (RFC 5280 §4.1) says that a deploy needs.
struct Leaf {
    common_name: Option<String>,
    issuer_cn: Option<String>,
    not_before: i64,
    not_after: i64,
    dns_names: Vec<String>,
    public_key: PublicKey,
}

const CONSTRUCTED_0: Tag = Tag::ContextSpecific { constructed: true, number: TagNumber::N0 };
const CONSTRUCTED_3: Tag = Tag::ContextSpecific { constructed: true, number: TagNumber::N3 };
/// `dNSName [2] IMPLICIT IA5String` of a `GeneralName`.
const DNS_NAME: Tag = Tag::ContextSpecific { constructed: false, number: TagNumber::N2 };

/// Walks the certificate with der's reader, reading only the fields a deploy needs (the
/// validity, the names, the public key) and stepping over the rest as opaque TLVs.
fn parse_leaf(bytes: &[u8]) -> der::Result<Leaf> {
    let mut reader = SliceReader::new(bytes)?;
    let leaf = reader.sequence(|cert| {
        let leaf = cert.sequence(|tbs| {
            if tbs.peek_tag()? == CONSTRUCTED_0 {
                AnyRef::decode(tbs)?; // version
            }
            AnyRef::decode(tbs)?; // serialNumber
            AnyRef::decode(tbs)?; // signature
            let issuer = AnyRef::decode(tbs)?;
            let (not_before, not_after) = tbs.sequence(|v| Ok((time(v)?, time(v)?)))?;
            let subject = AnyRef::decode(tbs)?;
            let spki = AnyRef::decode(tbs)?;
            let mut dns_names = Vec::new();
            while !tbs.is_finished() {
                let field = AnyRef::decode(tbs)?;
                if der::Tagged::tag(&field) == CONSTRUCTED_3 {
                    dns_names = subject_alt_dns_names(field.value())?;
                }
            }
            Ok(Leaf {
                common_name: common_name(subject.value())?,
                issuer_cn: common_name(issuer.value())?,
                not_before,
                not_after,
                dns_names,
                public_key: public_key(spki.value())?,
            })
        })?;
        AnyRef::decode(cert)?; // signatureAlgorithm
        AnyRef::decode(cert)?; // signatureValue
        Ok(leaf)
    })?;
    reader.finish(leaf)
}

/// `UTCTime` or `GeneralizedTime`, as Unix seconds.
fn time<'a, R: Reader<'a>>(r: &mut R) -> der::Result<i64> {
    let seconds = if r.peek_tag()? == Tag::UtcTime {
        UtcTime::decode(r)?.to_unix_duration()
    } else {
        GeneralizedTime::decode(r)?.to_unix_duration()
    };
    Ok(seconds.as_secs() as i64)
}

/// The common name of a `Name` (the contents of its `SEQUENCE OF RelativeDistinguishedName`).
fn common_name(name: &[u8]) -> der::Result<Option<String>> {
    let mut rdns = SliceReader::new(name)?;
    let mut found = None;
    while !rdns.is_finished() {
        let rdn = AnyRef::decode(&mut rdns)?; // SET OF AttributeTypeAndValue
        let mut atvs = SliceReader::new(rdn.value())?;
        while !atvs.is_finished() {
            atvs.sequence(|atv| {
                let oid = ObjectIdentifier::decode(atv)?;
                let value = AnyRef::decode(atv)?;
                if oid == const_oid::db::rfc4519::CN && found.is_none() {
                    found = directory_string(value);
                }
                Ok(())
            })?;
        }
    }
    Ok(found)
}

fn directory_string(any: AnyRef<'_>) -> Option<String> {
    use der::asn1::{PrintableStringRef, TeletexStringRef, Utf8StringRef};
    Utf8StringRef::try_from(any)
        .map(|s| s.to_string())
        .or_else(|_| PrintableStringRef::try_from(any).map(|s| s.to_string()))
        .or_else(|_| TeletexStringRef::try_from(any).map(|s| s.to_string()))
        .ok()
}

/// The DNS names of the subjectAltName extension, from the contents of `[3] Extensions`.
fn subject_alt_dns_names(explicit: &[u8]) -> der::Result<Vec<String>> {
    let mut names = Vec::new();
    let mut outer = SliceReader::new(explicit)?;
    outer.sequence(|exts| {
        while !exts.is_finished() {
            exts.sequence(|ext| {
                let oid = ObjectIdentifier::decode(ext)?;
                if ext.peek_tag()? == Tag::Boolean {
                    bool::decode(ext)?; // critical
                }
                let value = OctetStringRef::decode(ext)?;
                if oid == const_oid::db::rfc5280::ID_CE_SUBJECT_ALT_NAME {
                    let mut san = SliceReader::new(value.as_bytes())?;
                    san.sequence(|general_names| {
                        while !general_names.is_finished() {
                            let name = AnyRef::decode(general_names)?;
                            if der::Tagged::tag(&name) == DNS_NAME {
                                if let Ok(text) = std::str::from_utf8(name.value()) {
                                    names.push(text.to_ascii_lowercase());
                                }
                            }
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(names)
}

/// The public key of a `SubjectPublicKeyInfo` (its contents): RSA's modulus and exponent, or the
/// raw key bits of any other algorithm (an EC point).
fn public_key(spki: &[u8]) -> der::Result<PublicKey> {
    let mut r = SliceReader::new(spki)?;
    let oid = r.sequence(|alg| {
        let oid = ObjectIdentifier::decode(alg)?;
        if !alg.is_finished() {
            AnyRef::decode(alg)?; // parameters
        }
        Ok(oid)
    })?;
    let bits = BitStringRef::decode(&mut r)?;
    let raw = bits.raw_bytes();
    Ok(match pkcs1::RsaPublicKey::from_der(raw) {
        Ok(rsa) if oid == const_oid::db::rfc5912::RSA_ENCRYPTION => PublicKey::Rsa {
            modulus: rsa.modulus.as_bytes().to_vec(),
            exponent: rsa.public_exponent.as_bytes().to_vec(),
        },
        _ => PublicKey::Raw(raw.to_vec()),
    })
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
