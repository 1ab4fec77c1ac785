//! Rate limits, every fault type, reproducible faults, the state file across restarts, and the
//! forwarding allowlist. Loops are bounded in count; everything stays on 127.0.0.1.

mod common;

use std::time::{Duration, Instant};

use common::*;
use liveops_emulator::config::{Faults, RateLimits};
use liveops_emulator::Config;
use serde_json::json;

#[tokio::test]
async fn each_cloud_throttles_at_its_rate_with_its_own_answer() {
    let emu = start(Config {
        rates: RateLimits { volcengine: 10.0, tencent: 20.0, aliyun: 5.0 },
        ..quiet()
    })
    .await;
    // 30 requests back to back: the burst is one second's worth, then the rate refills it.
    let started = Instant::now();
    let mut volc_ok = 0;
    let mut volc_throttled = None;
    for _ in 0..30 {
        let a = send(&emu, &volc("ListCertV2", &json!({}))).await;
        match a.status {
            200 => volc_ok += 1,
            _ => volc_throttled = Some(a),
        }
    }
    let refilled = (started.elapsed().as_secs_f64() * 10.0).ceil() as usize;
    assert!(
        volc_ok >= 10 && volc_ok <= 10 + refilled,
        "10 of 30 pass, plus what {refilled} refills allow: {volc_ok}"
    );
    let t = volc_throttled.unwrap();
    assert_eq!((t.status, t.code()), (429, "FlowLimitExceeded"));
    assert!(t.headers.contains_key("retry-after"));

    let started = Instant::now();
    let mut tc_ok = 0;
    let mut tc_code = String::new();
    for _ in 0..40 {
        let a = send(&emu, &tencent("ModifyLiveDomainCertBindings", &json!({"DomainInfos": [{"DomainName": "play01.example.com", "Status": -1}], "CloudCertId": "cert-example"}))).await;
        if a.code().is_empty() {
            tc_ok += 1
        } else {
            tc_code = a.code().to_string()
        }
    }
    let refilled = (started.elapsed().as_secs_f64() * 20.0).ceil() as usize;
    assert!(
        tc_ok >= 20 && tc_ok <= 20 + refilled,
        "20 of 40 pass, plus what {refilled} refills allow: {tc_ok}"
    );
    assert_eq!(tc_code, "RequestLimitExceeded");

    let mut ali = None;
    for i in 0..12 {
        let a = send(
            &emu,
            &aliyun(
                "ApplyCertificate",
                &[("SiteId", "42"), ("Domains", &format!("d{i}.example.com"))],
            ),
        )
        .await;
        if a.code().starts_with("Throttling") {
            ali = Some(a);
        }
    }
    let a = ali.expect("Alibaba throttled");
    assert_eq!((a.status, a.code()), (400, "Throttling.User"));
    assert!(a.headers["x-acs-retry-after"].to_str().unwrap().parse::<u64>().unwrap() > 0);
}

fn faulty(f: Faults) -> Config {
    Config { faults: Faults { slow_ms: 300, ..f }, ..unlimited() }
}

#[tokio::test]
async fn server_errors_throttling_and_common_err() {
    let emu = start(faulty(Faults { server_error: 1.0, ..Faults::default() })).await;
    let v = send(&emu, &volc("ListCertV2", &json!({}))).await;
    assert_eq!((v.status, v.code()), (500, "InternalError"));
    let a =
        send(&emu, &aliyun("ApplyCertificate", &[("SiteId", "1"), ("Domains", "a.example.com")]))
            .await;
    assert_eq!((a.status, a.code()), (503, "ServiceUnavailable"));
    let t = send(&emu, &tencent("ModifyLiveDomainCertBindings", &json!({}))).await;
    assert_eq!((t.status, t.code()), (200, "InternalError"));

    let emu = start(faulty(Faults { throttle: 1.0, ..Faults::default() })).await;
    assert_eq!(send(&emu, &volc("ListCertV2", &json!({}))).await.code(), "FlowLimitExceeded");

    let emu = start(faulty(Faults { common_err: 1.0, ..Faults::default() })).await;
    let c = send(&emu, &volc("UnbindCert", &json!({"Domain": "play01.example.com"}))).await;
    assert_eq!((c.status, c.code()), (200, "CommonErr"), "CommonErr comes with HTTP 200");
    assert_eq!(
        state(&emu).await["volcengine"]["domains"]["play01.example.com"]["cert_id"],
        "cert-ok",
        "nothing was done"
    );
}

#[tokio::test]
async fn slow_dropped_and_malformed_answers() {
    let emu = start(faulty(Faults { slow: 1.0, ..Faults::default() })).await;
    let started = Instant::now();
    assert_eq!(send(&emu, &volc("ListCertV2", &json!({}))).await.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(300), "the answer was held back");

    let emu = start(faulty(Faults { drop: 1.0, ..Faults::default() })).await;
    let call = volc("UnbindCert", &json!({"Domain": "play02.example.com"}));
    let (url, headers) = signed(&call, &emu.host);
    let client = reqwest::Client::new();
    let mut rb = client.post(&url).body(call.body.clone());
    for (n, v) in &headers {
        rb = rb.header(n, v);
    }
    let outcome = match rb.send().await {
        Ok(res) => res.text().await.map(|_| ()),
        Err(e) => Err(e),
    };
    assert!(outcome.is_err(), "the connection breaks off");
    assert_eq!(
        state(&emu).await["volcengine"]["domains"]["play02.example.com"]["cert_id"],
        serde_json::Value::Null,
        "but the server acted"
    );

    let emu = start(faulty(Faults { malformed: 1.0, seed: Some(7), ..Faults::default() })).await;
    for _ in 0..6 {
        let a = send(&emu, &volc("ListCertV2", &json!({}))).await;
        assert_eq!(a.status, 200);
        assert!(a.json.is_null(), "not the cloud's JSON");
    }
}

#[tokio::test]
async fn a_seed_makes_faults_reproducible() {
    async fn outcomes(seed: u64) -> Vec<u16> {
        let emu =
            start(faulty(Faults { server_error: 0.5, seed: Some(seed), ..Faults::default() }))
                .await;
        let mut out = Vec::new();
        for _ in 0..20 {
            out.push(send(&emu, &volc("ListCertV2", &json!({}))).await.status);
        }
        out
    }
    let a = outcomes(42).await;
    assert_eq!(a, outcomes(42).await);
    assert!(a.contains(&200) && a.contains(&500), "{a:?}");
    assert_ne!(a, outcomes(43).await);
}

#[tokio::test]
async fn the_state_file_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("state.json");
    let config = Config { state_file: Some(file.clone()), ..quiet() };
    {
        let emu = start(config.clone()).await;
        assert_eq!(
            send(&emu, &volc("UnbindCert", &json!({"Domain": "play09.example.com"}))).await.status,
            200
        );
        let a = send(
            &emu,
            &aliyun(
                "ApplyCertificate",
                &[("SiteId", "1234567890123"), ("Domains", "kept.example.com")],
            ),
        )
        .await;
        assert_eq!(a.status, 200);
    }
    let on_disk: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(
        on_disk["volcengine"]["domains"]["play09.example.com"]["cert_id"],
        serde_json::Value::Null
    );
    let emu = start(config).await;
    let s = state(&emu).await;
    assert_eq!(
        s["volcengine"]["domains"]["play09.example.com"]["cert_id"],
        serde_json::Value::Null
    );
    assert!(s["aliyun"]["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["domain"] == "kept.example.com"));
    let again = send(
        &emu,
        &aliyun(
            "ApplyCertificate",
            &[("SiteId", "1234567890123"), ("Domains", "kept.example.com")],
        ),
    )
    .await;
    assert_eq!(again.code(), "InvalidParameter.Domains", "the application was remembered");
    // Only the state file is in its folder: no temporary file left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
