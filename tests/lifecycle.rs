//! Certificates and keys read from real PEM files (tests/fixtures/certs), and the deploy checks.

use liveops::lifecycle::deploy::{check_material, default_name, target_problem, Refusal, Target};
use liveops::lifecycle::{covers, read_certificate, KeyMatch};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/certs/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

const NOW: i64 = 1_796_000_000; // 2026-11-30

#[test]
fn names_and_dates_come_from_the_leaf() {
    let cert = read_certificate(&fixture("example.crt")).unwrap();
    assert_eq!(cert.names, ["*.example.com", "example.com"]);
    assert_eq!(cert.common_name.as_deref(), Some("example.com"));
    assert!(cert.not_after > NOW + 3000 * 86_400 && cert.not_before < cert.not_after);
    // Without subject alternative names the common name is the name.
    let ec = read_certificate(&fixture("ec.crt")).unwrap();
    assert_eq!(ec.names, ["play.other.com"]);
    // A chain: the first certificate is the leaf.
    let chain = format!("{}{}", fixture("example.crt"), fixture("ec.crt"));
    let c = read_certificate(&chain).unwrap();
    assert_eq!((c.names.len(), c.chain_length), (2, 2));
    assert_eq!(
        default_name(&cert),
        format!(
            "wildcard.example.com-{}",
            &liveops::lifecycle::times::iso_utc(cert.not_after)[..10]
        )
    );
}

#[test]
fn keys_of_every_encoding_are_matched_to_their_certificate() {
    let cert = read_certificate(&fixture("example.crt")).unwrap();
    let ec = read_certificate(&fixture("ec.crt")).unwrap();
    let m = |c, k: &str| liveops::lifecycle::pem::key_matches(c, &fixture(k)).unwrap();
    assert_eq!(m(&cert, "example.key"), KeyMatch::Matches);
    assert_eq!(m(&cert, "example-pkcs1.key"), KeyMatch::Matches);
    assert_eq!(m(&cert, "other-rsa.key"), KeyMatch::DoesNotMatch);
    assert_eq!(m(&cert, "ec.key"), KeyMatch::DoesNotMatch);
    assert_eq!(m(&ec, "ec.key"), KeyMatch::Matches);
    assert_eq!(m(&ec, "ec-sec1.key"), KeyMatch::Matches);
    assert_eq!(m(&ec, "example.key"), KeyMatch::DoesNotMatch);
}

#[test]
fn nothing_is_sent_with_a_wrong_encrypted_or_unreadable_key_or_an_expired_certificate() {
    let crt = fixture("example.crt");
    assert!(check_material(&crt, &fixture("example.key"), NOW).is_ok());
    assert_eq!(
        check_material(&crt, &fixture("other-rsa.key"), NOW),
        Err(Refusal::KeyMismatch)
    );
    assert_eq!(
        check_material(&crt, &fixture("encrypted.key"), NOW)
            .unwrap_err()
            .code(),
        "EncryptedPrivateKey"
    );
    assert_eq!(
        check_material(
            &crt,
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
            NOW
        )
        .unwrap_err()
        .code(),
        "InvalidPrivateKey"
    );
    assert_eq!(
        check_material("not a pem", &fixture("example.key"), NOW)
            .unwrap_err()
            .code(),
        "InvalidCertificate"
    );
    let broken = crt.replace("MII", "MIJ");
    assert_eq!(
        check_material(&broken, &fixture("example.key"), NOW)
            .unwrap_err()
            .code(),
        "InvalidCertificate"
    );
    let far = NOW + 20 * 365 * 86_400;
    assert_eq!(
        check_material(&crt, &fixture("example.key"), far)
            .unwrap_err()
            .code(),
        "CertificateExpired"
    );
}

#[test]
fn coverage_follows_wildcard_rules() {
    assert!(covers("*.example.com", "play.example.com"));
    assert!(covers("*.example.com", "PLAY.example.com."));
    assert!(!covers("*.example.com", "a.b.example.com"));
    assert!(!covers("*.example.com", "example.com"));
    assert!(!covers("*.example.com", "playexample.com"));
    assert!(!covers("*.example.com", "é.example.co"));
    assert!(covers("example.com", "EXAMPLE.com"));
    let cert = read_certificate(&fixture("example.crt")).unwrap();
    let t = |d: &str| Target::Tencent { domain: d.into() };
    assert!(target_problem(&cert, &t("play.example.com")).is_none());
    assert!(target_problem(&cert, &t("example.com")).is_none());
    let why = target_problem(&cert, &t("a.b.example.com")).unwrap();
    assert!(
        why.contains("a.b.example.com") && why.contains("*.example.com"),
        "{why}"
    );
    assert!(target_problem(&cert, &Target::Aliyun { site_id: 1.into() }).is_none());
}
