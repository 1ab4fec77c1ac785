//! Every scheme's signatures accepted, and refused when tampered with, signed with the wrong
//! secret, expired, or (Alibaba) replayed, each with the cloud's own answer.

mod common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn volcengine_signatures() {
    let emu = start(quiet()).await;
    let call = volc("UnbindCert", &json!({"Domain": "play01.example.com"}));
    let ok = send(&emu, &call).await;
    assert_eq!((ok.status, ok.code()), (200, ""), "{}", ok.json);
    assert_eq!(ok.json["ResponseMetadata"]["Action"], "UnbindCert");
    assert!(ok.json["ResponseMetadata"]["RequestId"].as_str().unwrap().len() > 10);

    // Tampered body: signed one domain, sent another.
    let (url, headers) = signed(&call, &emu.host);
    let tampered =
        send_raw(&url, &headers, "POST", br#"{"Domain":"play02.example.com"}"#.to_vec()).await;
    assert_eq!((tampered.status, tampered.code()), (401, "SignatureDoesNotMatch"));
    assert_eq!(tampered.json["ResponseMetadata"]["Error"]["CodeN"], 100010);
    assert!(tampered.json["ResponseMetadata"]["Error"]["Message"]
        .as_str()
        .unwrap()
        .contains("HMAC-SHA256\\n"));

    let wrong = send(&emu, &Call { secret: "not-the-secret".into(), ..call.clone() }).await;
    assert_eq!((wrong.status, wrong.code()), (401, "SignatureDoesNotMatch"));
    assert!(!wrong.json.to_string().contains("not-the-secret"));

    let expired = send(&emu, &Call { time_ms: now_ms() - 901_000, ..call.clone() }).await;
    assert_eq!((expired.status, expired.code()), (400, "InvalidTimestamp"));
    let inside = send(&emu, &Call { time_ms: now_ms() - 880_000, ..call.clone() }).await;
    assert_eq!(inside.status, 200, "within the 900 s window");

    let unknown =
        send(&emu, &Call { access_key_id: "AKLTSOMEONEELSE".into(), ..call.clone() }).await;
    assert_eq!((unknown.status, unknown.code()), (401, "InvalidAccessKey"));

    let unsigned = send_raw(
        &url,
        &[("content-type".into(), "application/json".into())],
        "POST",
        call.body.clone(),
    )
    .await;
    assert_eq!((unsigned.status, unsigned.code()), (401, "InvalidAuthorization"));
}

#[tokio::test]
async fn tencent_signatures() {
    let emu = start(quiet()).await;
    let call = tencent(
        "ModifyLiveDomainCertBindings",
        &json!({"DomainInfos": [{"DomainName": "play01.example.com", "Status": 1}], "CloudCertId": "cert-example"}),
    );
    let ok = send(&emu, &call).await;
    assert_eq!((ok.status, ok.code()), (200, ""), "{}", ok.json);
    assert!(ok.json["Response"]["RequestId"].is_string());

    let (url, headers) = signed(&call, &emu.host);
    let tampered = send_raw(&url, &headers, "POST", br#"{"DomainInfos":[]}"#.to_vec()).await;
    assert_eq!(
        (tampered.status, tampered.code()),
        (200, "AuthFailure.SignatureFailure"),
        "errors come with HTTP 200"
    );

    let wrong = send(&emu, &Call { secret: "wrong".into(), ..call.clone() }).await;
    assert_eq!(wrong.code(), "AuthFailure.SignatureFailure");

    let expired = send(&emu, &Call { time_ms: now_ms() - 301_000, ..call.clone() }).await;
    assert_eq!(expired.code(), "AuthFailure.SignatureExpire");
    let future = send(&emu, &Call { time_ms: now_ms() + 301_000, ..call.clone() }).await;
    assert_eq!(future.code(), "AuthFailure.SignatureExpire", "±5 minutes");

    let unknown = send(&emu, &Call { access_key_id: "AKIDSOMEONE".into(), ..call.clone() }).await;
    assert_eq!(unknown.code(), "AuthFailure.SecretIdNotFound");
}

#[tokio::test]
async fn aliyun_signatures() {
    let emu = start(quiet()).await;
    let call =
        aliyun("ApplyCertificate", &[("SiteId", "1234567890123"), ("Domains", "sig.example.com")]);
    let ok = send(&emu, &call).await;
    assert_eq!((ok.status, ok.code()), (200, ""), "{}", ok.json);

    let replay = send(&emu, &call).await;
    assert_eq!((replay.status, replay.code()), (400, "SignatureNonceUsed"));

    let (url, headers) = signed(
        &aliyun("ApplyCertificate", &[("SiteId", "1234567890123"), ("Domains", "a.example.com")]),
        &emu.host,
    );
    let tampered_url = url.replace("a.example.com", "b.example.com");
    let tampered = send_raw(&tampered_url, &headers, "POST", Vec::new()).await;
    assert_eq!((tampered.status, tampered.code()), (400, "SignatureDoesNotMatch"));
    assert!(tampered.json["HostId"].is_string() && tampered.json["Recommend"].is_string());

    let fresh = |c: &Call| Call { nonce: format!("{}x", c.nonce), ..c.clone() };
    let wrong = send(&emu, &Call { secret: "wrong".into(), ..fresh(&call) }).await;
    assert_eq!((wrong.status, wrong.code()), (400, "SignatureDoesNotMatch"));

    let expired = send(&emu, &Call { time_ms: now_ms() - 901_000, ..fresh(&fresh(&call)) }).await;
    assert_eq!((expired.status, expired.code()), (403, "Unauthorized.InvalidTime"));
}

#[tokio::test]
async fn preflight_and_cors_headers() {
    let emu = start(quiet()).await;
    let res = reqwest::Client::new()
        .request(reqwest::Method::OPTIONS, format!("{}/", emu.base))
        .header("origin", "http://localhost:5173")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization,content-type,x-date,x-content-sha256",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 204);
    let h = res.headers();
    assert_eq!(h["access-control-allow-origin"], "http://localhost:5173");
    assert!(h["access-control-allow-headers"].to_str().unwrap().contains("x-content-sha256"));
    assert!(h["access-control-allow-methods"].to_str().unwrap().contains("POST"));

    let ok = send(&emu, &volc("ListCertV2", &json!({}))).await;
    assert_eq!(ok.headers["access-control-allow-origin"], "*");
    assert!(ok.headers["access-control-expose-headers"].to_str().unwrap().contains("Date"));
}
