//! Certificates and keys read from real PEM files (tests/fixtures/certs), and the deploy checks.

use liveops::lifecycle::deploy::{check_material, default_name, target_problem, Refusal, Target};
use liveops::lifecycle::{covers, read_certificate, KeyMatch};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/certs/{name}", env!("CARGO_MANIFEST_DIR")))
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
    assert_eq!(check_material(&crt, &fixture("other-rsa.key"), NOW), Err(Refusal::KeyMismatch));
    assert_eq!(
        check_material(&crt, &fixture("encrypted.key"), NOW).unwrap_err().code(),
        "EncryptedPrivateKey"
    );
    assert_eq!(
        check_material(&crt, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", NOW)
            .unwrap_err()
            .code(),
        "InvalidPrivateKey"
    );
    assert_eq!(
        check_material("not a pem", &fixture("example.key"), NOW).unwrap_err().code(),
        "InvalidCertificate"
    );
    let broken = crt.replace("MII", "MIJ");
    assert_eq!(
        check_material(&broken, &fixture("example.key"), NOW).unwrap_err().code(),
        "InvalidCertificate"
    );
    let far = NOW + 20 * 365 * 86_400;
    assert_eq!(
        check_material(&crt, &fixture("example.key"), far).unwrap_err().code(),
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
    assert!(why.contains("a.b.example.com") && why.contains("*.example.com"), "{why}");
    use liveops::lifecycle::deploy::{site_problem, SiteRef};
    assert!(target_problem(&cert, &Target::Aliyun { site: SiteRef::Id(1.into()) }).is_none());
    // An ESA site is covered when one of the names lies within it.
    assert!(site_problem(&cert, "example.com").is_none());
    let why = site_problem(&cert, "example.org").unwrap();
    assert!(why.contains("example.org") && why.contains("*.example.com"), "{why}");
}

mod hostile_der {
    use super::fixture;
    use liveops::lifecycle::read_certificate;
    use proptest::prelude::*;

    /// DER bytes as a PEM `CERTIFICATE` block (standard base64, 64 columns).
    fn armour(der: &[u8]) -> String {
        const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut text = String::new();
        for chunk in der.chunks(3) {
            let n =
                chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
            for i in 0..4 {
                text.push(if i <= chunk.len() {
                    B64[(n >> (18 - 6 * i) & 63) as usize] as char
                } else {
                    '='
                });
            }
        }
        let lines: Vec<&str> =
            text.as_bytes().chunks(64).map(|l| std::str::from_utf8(l).unwrap()).collect();
        format!("-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n", lines.join("\n"))
    }

    /// The DER of the fixture certificate (its base64 lines decoded).
    fn fixture_der() -> Vec<u8> {
        let pem = fixture("example.crt");
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        let mut out = Vec::new();
        let value = |c: u8| match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            _ => 63,
        };
        let bytes: Vec<u8> = body.bytes().filter(|&c| c != b'=').map(value).collect();
        for chunk in bytes.chunks(4) {
            let n =
                chunk.iter().enumerate().fold(0u32, |n, (i, v)| n | (*v as u32) << (18 - 6 * i));
            for i in 0..chunk.len().saturating_sub(1) {
                out.push((n >> (16 - 8 * i)) as u8);
            }
        }
        out
    }

    #[test]
    fn the_armour_round_trips() {
        let der = fixture_der();
        assert_eq!(
            read_certificate(&armour(&der)).unwrap().names,
            ["*.example.com", "example.com"]
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Any bytes in the armour: a summary or an error, never a panic.
        #[test]
        fn arbitrary_der_is_an_error_not_a_panic(der in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = read_certificate(&armour(&der));
        }

        /// A real certificate with bytes changed, cut short or lengthened: never a panic.
        #[test]
        fn damaged_certificates_are_errors_not_panics(
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
            cut in any::<prop::sample::Index>(),
        ) {
            let mut der = fixture_der();
            for (at, byte) in edits {
                let i = at.index(der.len());
                der[i] = byte;
            }
            let _ = read_certificate(&armour(&der));
            let end = cut.index(der.len());
            let _ = read_certificate(&armour(&der[..end]));
        }
    }
}

/// The fingerprints OpenSSL gives for the fixtures (`openssl x509 -noout -fingerprint -sha256`).
#[test]
fn fingerprints_are_sha256_of_the_leaf_as_openssl_computes_it() {
    use liveops::lifecycle::pem::{leaf_fingerprint, normal_fingerprint};
    let openssl_example = "75123e598c2fdfca18a9ec3d26ec669a884ad2136dab27bfe082419e4df6cb2f";
    let openssl_ec = normal_fingerprint(
        "9F:05:0E:EE:34:4C:F8:BC:94:E6:A1:47:6C:C9:9B:71:43:40:46:24:B9:DB:86:A6:F2:80:CF:D2:EE:38:DF:6B",
    );
    assert_eq!(
        read_certificate(&fixture("example.crt")).unwrap().fingerprint_sha256,
        openssl_example
    );
    assert_eq!(read_certificate(&fixture("ec.crt")).unwrap().fingerprint_sha256, openssl_ec);
    // Of a chain, the leaf's; from a cloud's PEM without reading its fields.
    let chain = format!("{}{}", fixture("ec.crt"), fixture("example.crt"));
    assert_eq!(read_certificate(&chain).unwrap().fingerprint_sha256, openssl_ec);
    assert_eq!(leaf_fingerprint(&chain).as_deref(), Some(openssl_ec.as_str()));
    assert_eq!(leaf_fingerprint("no pem here"), None);
    assert_eq!(
        leaf_fingerprint("-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----"),
        None
    );
}
