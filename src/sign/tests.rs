//! Unit tests of each canonicalization step; the known-answer vectors are in `tests/vectors.rs`.

use super::canonical::*;
use super::*;
use crate::credentials::Credentials;

fn creds() -> Credentials {
    Credentials::new("AKIDEXAMPLE", "secretExample", None).unwrap()
}

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn percent_encoding_is_strict_rfc3986() {
    assert_eq!(pct_encode("AZaz09-_.~"), "AZaz09-_.~");
    assert_eq!(pct_encode("a b"), "a%20b");
    assert_eq!(pct_encode("*"), "%2A");
    assert_eq!(pct_encode("+/=&?#%"), "%2B%2F%3D%26%3F%23%25");
    assert_eq!(pct_encode("直播"), "%E7%9B%B4%E6%92%AD");
    assert_eq!(pct_encode("é😀"), "%C3%A9%F0%9F%98%80");
    assert_eq!(pct_encode(""), "");
}

#[test]
fn query_sorts_by_encoded_key_and_keeps_repeated_keys_in_order() {
    let q = pairs(&[("b", "2"), ("a", "z"), ("B", "x"), ("a", "y"), ("a b", "1")]);
    assert_eq!(sorted_query(&q), "B=x&a=z&a=y&a%20b=1&b=2");
    assert_eq!(sorted_query(&[]), "");
    assert_eq!(sorted_query(&pairs(&[("Empty", "")])), "Empty=");
}

#[test]
fn tc3_keeps_the_callers_query_order_and_raw_strings() {
    let q = pairs(&[("z", "1 2"), ("a", "*")]);
    let req = SigningRequest {
        query: Query::Pairs(&q),
        ..SigningRequest::new("GET", "live.tencentcloudapi.com", 0)
    };
    let s = sign(Scheme::Tc3, &creds(), &req, &KeyCache::default()).unwrap();
    assert_eq!(s.url, "https://live.tencentcloudapi.com/?z=1%202&a=%2A");
    assert!(s.canonical_request.starts_with("GET\n/\nz=1%202&a=%2A\n"));

    let req = SigningRequest {
        query: Query::Raw("b=a+b&a=%2a"),
        ..SigningRequest::new("GET", "live.tencentcloudapi.com", 0)
    };
    let s = sign(Scheme::Tc3, &creds(), &req, &KeyCache::default()).unwrap();
    assert_eq!(s.url, "https://live.tencentcloudapi.com/?b=a+b&a=%2a");
    assert!(s.canonical_request.starts_with("GET\n/\nb=a+b&a=%2a\n"));
}

#[test]
fn raw_query_is_refused_outside_tc3() {
    for scheme in [Scheme::Volcengine, Scheme::Acs3] {
        let req = SigningRequest {
            query: Query::Raw("a=1"),
            nonce: Some("n"),
            ..SigningRequest::new("GET", "h.example.com", 0)
        };
        let err = sign(scheme, &creds(), &req, &KeyCache::default()).unwrap_err();
        assert_eq!(err.code(), "RawQueryUnsupported");
    }
}

#[test]
fn headers_are_lowercased_trimmed_and_validated() {
    let h = pairs(&[("Content-Type", "  application/json\t"), ("X-Custom", "A  B")]);
    let n = normalize_headers(&h, &["host"]).unwrap();
    assert_eq!(n, pairs(&[("content-type", "application/json"), ("x-custom", "A  B")]));

    let bad_name = pairs(&[("bad name", "v")]);
    assert_eq!(normalize_headers(&bad_name, &[]).unwrap_err().code(), "InvalidHeaderName");
    for value in ["a\r\nb", "line\n", "nul\0", "直播"] {
        let bad = pairs(&[("x-a", value)]);
        let err = normalize_headers(&bad, &[]).unwrap_err();
        assert_eq!(err.code(), "InvalidHeaderValue");
        assert!(!err.to_string().contains(value), "the value is never echoed");
    }
    let dup = pairs(&[("X-A", "1"), ("x-a", "2")]);
    assert_eq!(normalize_headers(&dup, &[]).unwrap_err().code(), "DuplicateHeader");
    // Headers the signer owns are replaced, not duplicated.
    let owned = pairs(&[("Host", "evil.example.com"), ("X-Date", "x")]);
    assert!(normalize_headers(&owned, &["host", "x-date"]).unwrap().is_empty());
}

#[test]
fn tc3_lowercases_signed_header_values_and_others_keep_case() {
    let h = pairs(&[("Content-Type", "Application/JSON"), ("X-Acs-Action", "ApplyCertificate")]);
    let req = SigningRequest {
        headers: &h,
        nonce: Some("n"),
        ..SigningRequest::new("POST", "x.example.com", 0)
    };
    let tc3 = sign(Scheme::Tc3, &creds(), &req, &KeyCache::default()).unwrap();
    assert!(tc3.canonical_request.contains("\ncontent-type:application/json\n"));
    let acs3 = sign(Scheme::Acs3, &creds(), &req, &KeyCache::default()).unwrap();
    assert!(acs3.canonical_request.contains("\ncontent-type:Application/JSON\n"));
    assert!(acs3.canonical_request.contains("\nx-acs-action:ApplyCertificate\n"));
    // The wire keeps what the caller gave.
    assert_eq!(tc3.header("content-type"), Some("Application/JSON"));
}

#[test]
fn default_ports_are_left_out_of_the_host_header() {
    assert_eq!(validate_host("a.example.com:443", true).unwrap(), "a.example.com");
    assert_eq!(validate_host("a.example.com:80", false).unwrap(), "a.example.com");
    assert_eq!(validate_host("127.0.0.1:8787", false).unwrap(), "127.0.0.1:8787");
    assert_eq!(validate_host("[::1]:8787", false).unwrap(), "[::1]:8787");
    for bad in ["", "a b", "a/b", "a@b", "é.com"] {
        assert!(validate_host(bad, true).is_err(), "{bad:?}");
    }
}

#[test]
fn empty_body_hashes_to_the_well_known_value() {
    let req = SigningRequest::new("POST", "live.volcengineapi.com", 0);
    let s = sign(Scheme::Volcengine, &creds(), &req, &KeyCache::default()).unwrap();
    let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    assert_eq!(s.header("x-content-sha256"), Some(empty));
    assert!(s.canonical_request.ends_with(empty));
}

#[test]
fn a_signing_time_of_23_59_59z_uses_that_day_everywhere() {
    let t = 1_767_225_599_000; // 2025-12-31T23:59:59Z
    let c = creds();
    let cache = KeyCache::default();
    let volc = sign(
        Scheme::Volcengine,
        &c,
        &SigningRequest::new("GET", "live.volcengineapi.com", t),
        &cache,
    )
    .unwrap();
    assert_eq!(volc.header("x-date"), Some("20251231T235959Z"));
    assert!(volc.authorization.contains("/20251231/cn-north-1/live/request,"));
    let tc3 =
        sign(Scheme::Tc3, &c, &SigningRequest::new("POST", "live.tencentcloudapi.com", t), &cache)
            .unwrap();
    assert_eq!(tc3.header("x-tc-timestamp"), Some("1767225599"));
    assert!(tc3.string_to_sign.contains("\n2025-12-31/live/tc3_request\n"));
    let acs3 = sign(
        Scheme::Acs3,
        &c,
        &SigningRequest {
            nonce: Some("abc"),
            ..SigningRequest::new("POST", "esa.cn-hangzhou.aliyuncs.com", t)
        },
        &cache,
    )
    .unwrap();
    assert_eq!(acs3.header("x-acs-date"), Some("2025-12-31T23:59:59Z"));
}

#[test]
fn the_key_cache_changes_nothing_but_speed() {
    let c = creds();
    let other = Credentials::new("AKIDEXAMPLE", "anotherSecret", None).unwrap();
    for scheme in Scheme::ALL {
        let req = SigningRequest {
            nonce: Some("3156853299f313e23d1673dc12e1703d"),
            ..SigningRequest::new("POST", "live.tencentcloudapi.com", 1_700_000_000_000)
        };
        let cold = sign(scheme, &c, &req, &KeyCache::with_capacity(0)).unwrap();
        let cache = KeyCache::default();
        let first = sign(scheme, &c, &req, &cache).unwrap();
        // ACS3 signs with the secret itself: nothing to derive, nothing cached.
        let cached = usize::from(scheme != Scheme::Acs3);
        assert_eq!(cache.len(), cached, "{scheme:?}: a derived key is cached");
        let warm = sign(scheme, &c, &req, &cache).unwrap();
        assert_eq!(cold, first, "{scheme:?}");
        assert_eq!(first, warm, "{scheme:?}");
        // A different secret with the same scope must not reuse the cached key.
        let third = sign(scheme, &other, &req, &cache).unwrap();
        assert_ne!(third.signature, warm.signature, "{scheme:?}");
        assert_eq!(third, sign(scheme, &other, &req, &KeyCache::with_capacity(0)).unwrap());
        // Nor a cache of another scheme's key for the same secret.
        let next = Scheme::ALL[(scheme as usize + 1) % 3];
        sign(next, &c, &req, &cache).unwrap();
        assert_eq!(sign(scheme, &c, &req, &cache).unwrap(), cold, "{scheme:?} after {next:?}");
    }
}

#[test]
fn explicit_signed_headers_must_be_present() {
    let list = ["host", "x-missing"];
    let req = SigningRequest {
        signed_headers: Some(&list),
        ..SigningRequest::new("GET", "live.volcengineapi.com", 0)
    };
    let err = sign(Scheme::Volcengine, &creds(), &req, &KeyCache::default()).unwrap_err();
    assert_eq!(err, SignError::MissingSignedHeader("x-missing".into()));
}

#[test]
fn volcengine_sends_the_content_hash_only_when_signed() {
    let list = ["host", "x-date"];
    let req = SigningRequest {
        signed_headers: Some(&list),
        ..SigningRequest::new("GET", "live.volcengineapi.com", 0)
    };
    let s = sign(Scheme::Volcengine, &creds(), &req, &KeyCache::default()).unwrap();
    assert_eq!(s.header("x-content-sha256"), None);
    assert!(s.authorization.contains("SignedHeaders=host;x-date,"));
}

#[test]
fn session_tokens_are_signed_except_for_tc3() {
    let c = Credentials::new("AK", "SK", Some("TOKEN123".into())).unwrap();
    let cache = KeyCache::default();
    let req =
        SigningRequest { nonce: Some("n"), ..SigningRequest::new("POST", "h.example.com", 0) };
    let volc = sign(Scheme::Volcengine, &c, &req, &cache).unwrap();
    assert_eq!(volc.header("x-security-token"), Some("TOKEN123"));
    assert!(volc.authorization.contains(";x-security-token,"));
    let tc3 = sign(Scheme::Tc3, &c, &req, &cache).unwrap();
    assert_eq!(tc3.header("x-tc-token"), Some("TOKEN123"));
    assert!(!tc3.authorization.contains("x-tc-token"));
    let acs3 = sign(Scheme::Acs3, &c, &req, &cache).unwrap();
    assert_eq!(acs3.header("x-acs-security-token"), Some("TOKEN123"));
    assert!(acs3.authorization.contains("x-acs-security-token"));
}

#[test]
fn bad_input_is_an_error_with_a_code_and_never_a_secret() {
    let c = creds();
    let cache = KeyCache::default();
    let cases: Vec<(SigningRequest, Scheme, &str)> = vec![
        (SigningRequest::new("", "h.com", 0), Scheme::Tc3, "MissingField"),
        (SigningRequest::new("GE T", "h.com", 0), Scheme::Tc3, "InvalidMethod"),
        (SigningRequest::new("GET", "", 0), Scheme::Tc3, "MissingField"),
        (SigningRequest::new("GET", "h.com", -5), Scheme::Tc3, "InvalidTime"),
        (
            SigningRequest { path: "nope", ..SigningRequest::new("GET", "h.com", 0) },
            Scheme::Tc3,
            "InvalidPath",
        ),
        (SigningRequest::new("GET", "h.com", 0), Scheme::Acs3, "MissingField"),
        (
            SigningRequest { nonce: Some("a b"), ..SigningRequest::new("GET", "h.com", 0) },
            Scheme::Acs3,
            "InvalidNonce",
        ),
        (
            SigningRequest { region: Some("cn/north"), ..SigningRequest::new("GET", "h.com", 0) },
            Scheme::Volcengine,
            "InvalidScope",
        ),
        (
            SigningRequest { protocol: "ftp", ..SigningRequest::new("GET", "h.com", 0) },
            Scheme::Volcengine,
            "InvalidInput",
        ),
    ];
    for (req, scheme, code) in cases {
        let err = sign(scheme, &c, &req, &cache).unwrap_err();
        assert_eq!(err.code(), code, "{req:?}");
        assert!(!err.to_string().contains("secretExample"));
    }
    assert_eq!("sigv4".parse::<Scheme>().unwrap_err().code(), "UnknownScheme");
}

#[test]
fn paths_are_encoded_per_segment() {
    assert_eq!(canonical_path("").unwrap(), "/");
    assert_eq!(canonical_path("/").unwrap(), "/");
    assert_eq!(canonical_path("/a b/c*").unwrap(), "/a%20b/c%2A");
}
