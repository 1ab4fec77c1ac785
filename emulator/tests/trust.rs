//! The emulator against hostile clients and as the clouds' SDKs see it: client numbers that
//! would overflow, half-sent requests, forged log lines, the CSP on every page, each cloud's exact
//! `Content-Type`, secrets in `Debug`, and the documented answers of ModifyLiveDomainCertBindings.
//! (The forwarder's word on whether a request reached the cloud: tests/js/forward.test.mjs.)

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::*;
use liveops_emulator::Config;
use serde_json::json;

/// Reads until the server closes the connection; how long that took, or `None` past `limit`.
fn closed_within(mut stream: TcpStream, limit: Duration) -> Option<Duration> {
    let began = Instant::now();
    stream.set_read_timeout(Some(limit)).unwrap();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return Some(began.elapsed()),
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return Some(began.elapsed())
            }
            Err(_) => return None,
        }
    }
}

fn short_timeouts() -> Config {
    Config {
        header_timeout: Duration::from_millis(600),
        body_timeout: Duration::from_millis(600),
        ..quiet()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn half_sent_requests_and_idle_connections_are_closed() {
    let emu = start(short_timeouts()).await;
    let host = emu.host.clone();
    tokio::task::spawn_blocking(move || {
        let limit = Duration::from_secs(5);
        // Connected, nothing sent.
        let idle = TcpStream::connect(&host).unwrap();
        assert!(closed_within(idle, limit).is_some(), "an idle connection is closed");
        // Half the headers.
        let mut half = TcpStream::connect(&host).unwrap();
        half.write_all(b"POST / HTTP/1.1\r\nHost: x\r\nX-TC-Action: Mod").unwrap();
        assert!(closed_within(half, limit).is_some(), "half-sent headers are cut off");
        // Headers, then half the body it announced.
        let mut body = TcpStream::connect(&host).unwrap();
        body.write_all(b"POST / HTTP/1.1\r\nHost: x\r\nX-TC-Action: ModifyLiveDomainCertBindings\r\nContent-Length: 100\r\n\r\n{\"Domain").unwrap();
        assert!(closed_within(body, limit).is_some(), "a half-sent body is cut off");
    })
    .await
    .unwrap();
    // And the emulator still serves.
    let ok = send(&emu, &volc("ListCertV2", &json!({}))).await;
    assert_eq!(ok.status, 200);
}

#[tokio::test]
async fn client_numbers_never_overflow() {
    let emu = start(unlimited()).await;
    // A timestamp whose difference from now overflows i64 arithmetic.
    let call = tencent(
        "ModifyLiveDomainCertBindings",
        &json!({"DomainInfos": [{"DomainName": "play01.example.com", "Status": 1}], "CloudCertId": "cert-example"}),
    );
    let (url, mut headers) = signed(&call, &emu.host);
    for (n, v) in headers.iter_mut() {
        if n == "x-tc-timestamp" {
            *v = "-9223372036854775".into();
        }
    }
    let a = send_raw(&url, &headers, "POST", call.body.clone()).await;
    assert_eq!((a.status, a.code()), (200, "AuthFailure.SignatureExpire"), "{}", a.json);
    let huge = volc("ListCertV2", &json!({"PageNum": i64::MAX, "PageSize": i64::MAX}));
    let a = send(&emu, &huge).await;
    assert_eq!(a.status, 200, "{}", a.json);
    assert_eq!(a.json["Result"]["CertList"], json!([]));
}

#[test]
fn client_strings_cannot_forge_log_lines() {
    let line = liveops_emulator::log_line(
        "volcengine",
        "\u{1b}[2J\nforged 200 - 1.0ms",
        400,
        "Bad Code",
        1.25,
    );
    assert!(!line.contains('\n') && !line.contains('\u{1b}'), "{line}");
    assert_eq!(line.split(' ').count(), 5, "five fields, whatever the client sent: {line}");
    assert!(line.starts_with("volcengine \\u{1b}[2J\\nforged\\x20200"), "{line}");
    let long = liveops_emulator::log_safe(&"A".repeat(500));
    assert!(long.chars().count() <= 65);
    assert_eq!(liveops_emulator::log_safe(""), "-");
}

#[tokio::test]
async fn every_html_answer_carries_the_csp() {
    let www = tempfile::tempdir().unwrap();
    std::fs::write(www.path().join("index.html"), "<!doctype html><title>t</title>").unwrap();
    let emu = start(Config { www_dir: www.path().to_path_buf(), ..quiet() }).await;
    for path in ["/", "/index.html"] {
        let r = reqwest::get(format!("{}{path}", emu.base)).await.unwrap();
        let csp = r
            .headers()
            .get("content-security-policy")
            .unwrap_or_else(|| panic!("{path} has no CSP"))
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'self'"),
            "{path}: {csp}"
        );
    }
}

#[tokio::test]
async fn each_cloud_answers_with_its_exact_content_type() {
    let emu = start(unlimited()).await;
    let ok_and_refused = [
        (volc("ListCertV2", &json!({})), "application/json; charset=utf-8"),
        (
            volc("UnbindCert", &json!({"Domain": "nope.example.com"})),
            "application/json; charset=utf-8",
        ),
        (
            tencent(
                "ModifyLiveDomainCertBindings",
                &json!({"DomainInfos": [{"DomainName": "play02.example.com", "Status": 1}], "CloudCertId": "cert-example"}),
            ),
            "application/json",
        ),
        (tencent("ModifyLiveDomainCertBindings", &json!({"DomainInfos": []})), "application/json"),
        (
            aliyun("ApplyCertificate", &[("SiteId", "42"), ("Domains", "a.example.com")]),
            "application/json;charset=utf-8",
        ),
    ];
    for (call, expected) in ok_and_refused {
        let a = send(&emu, &call).await;
        assert_eq!(a.headers["content-type"], expected, "{}", a.json);
    }
}

#[tokio::test]
async fn tencent_without_a_certificate_changes_only_the_https_state_of_bound_domains() {
    let emu = start(unlimited()).await;
    let bind = tencent(
        "ModifyLiveDomainCertBindings",
        &json!({"DomainInfos": [{"DomainName": "play05.example.com", "Status": 1}], "CloudCertId": "cert-example"}),
    );
    assert_eq!(send(&emu, &bind).await.code(), "");
    let only_https = tencent(
        "ModifyLiveDomainCertBindings",
        &json!({"DomainInfos": [{"DomainName": "play05.example.com", "Status": 0}, {"DomainName": "play06.example.com", "Status": 1}]}),
    );
    let a = send(&emu, &only_https).await;
    assert_eq!(a.code(), "", "{}", a.json);
    assert_eq!(
        a.json["Response"]["Errors"],
        json!([{"DomainName": "play06.example.com", "Code": "FailedOperation.CertificateNotFound", "Message": "no certificate is bound to this domain: give CloudCertId or the key pair"}])
    );
    let s = state(&emu).await;
    let d = &s["tencent"]["domains"]["play05.example.com"];
    assert_eq!((d["cert_id"].as_str(), d["https"].as_bool()), (Some("cert-example"), Some(false)));
    assert_eq!(s["tencent"]["domains"]["play06.example.com"]["cert_id"], serde_json::Value::Null);

    let unknown = tencent(
        "ModifyLiveDomainCertBindings",
        &json!({"DomainInfos": [{"DomainName": "play05.example.com", "Status": 1}], "CloudCertId": "cert-nope"}),
    );
    assert_eq!(send(&emu, &unknown).await.code(), "FailedOperation.CertificateNotFound");
}

#[test]
fn the_config_never_shows_its_secret() {
    let config = Config {
        secret_access_key: liveops::Secret::new("emulator-secret-must-not-leak"),
        ..Config::default()
    };
    for shown in [format!("{config:?}"), format!("{config:#?}")] {
        assert!(!shown.contains("must-not-leak"), "{shown}");
    }
}

#[tokio::test]
async fn a_nonce_is_recorded_only_for_a_verified_request() {
    let emu = start(unlimited()).await;
    let call = aliyun(
        "ApplyCertificate",
        &[("SiteId", "1234567890123"), ("Domains", "nonce.example.com")],
    );
    // Someone who knows the nonce but not the secret cannot burn it.
    let forged = Call { secret: "not-the-secret".into(), ..call.clone() };
    assert_eq!(send(&emu, &forged).await.code(), "SignatureDoesNotMatch");
    let real = send(&emu, &call).await;
    assert_eq!((real.status, real.code()), (200, ""), "{}", real.json);
    assert_eq!(send(&emu, &call).await.code(), "SignatureNonceUsed");
}
