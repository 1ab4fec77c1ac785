//! Every type that can hold a secret is formatted with `Debug` (plain and pretty), and no secret
//! appears: secret keys, session tokens, private keys and authentication keys.

use std::collections::BTreeMap;

use liveops::catalog::tencent_live::{LiveCertDomainInfo, ModifyLiveDomainCertBindingsRequest};
use liveops::catalog::volcengine_live::{AuthDetail, UpdateAuthKeyRequest};
use liveops::client::{build_request, Endpoint};
use liveops::sign::stream_url::StreamUrlInput;
use liveops::{sign, Credentials, KeyCache, Query, Scheme, SigningRequest};
use serde_json::json;

const SECRET: &str = "SECRET-KEY-must-not-leak-0001";
const TOKEN: &str = "STS-TOKEN-must-not-leak-0002";
const PRIVATE_KEY: &str = "-----BEGIN PRIVATE KEY-----MUST-NOT-LEAK-0003";
const AUTH_KEY: &str = "AUTHKEYmustnotleak0004";

fn assert_clean(what: &str, shown: &str) {
    for secret in [SECRET, TOKEN, PRIVATE_KEY, AUTH_KEY, "MUST-NOT-LEAK", "mustnotleak"] {
        assert!(!shown.contains(secret), "{what} shows a secret: {shown}");
    }
}

fn check(what: &str, v: &impl std::fmt::Debug) {
    assert_clean(what, &format!("{v:?}"));
    assert_clean(what, &format!("{v:#?}"));
}

#[test]
fn no_debug_output_shows_a_secret() {
    let creds = Credentials::new("AKID", SECRET, Some(TOKEN.into())).unwrap();
    check("Credentials", &creds);

    let cache = KeyCache::default();
    let headers = vec![("content-type".to_string(), "application/json".to_string())];
    let body = json!({ "CertificatePrivateKey": PRIVATE_KEY }).to_string();
    for scheme in [Scheme::Volcengine, Scheme::Tc3, Scheme::Acs3] {
        let req = SigningRequest {
            method: "POST",
            host: "example.com",
            path: "/",
            query: Query::Pairs(&[]),
            headers: &headers,
            body: body.as_bytes(),
            protocol: "https",
            region: None,
            service: Some("live"),
            signed_headers: None,
            time_ms: 1_700_000_000_000,
            nonce: Some("nonce"),
        };
        let signed = sign(scheme, &creds, &req, &cache).unwrap();
        assert!(signed.headers.iter().any(|(_, v)| v == TOKEN), "the token is on the wire");
        check("SignedRequest", &signed);
    }
    check("KeyCache", &cache);

    let tencent = ModifyLiveDomainCertBindingsRequest {
        domain_infos: vec![LiveCertDomainInfo { domain_name: "a.example.com".into(), status: 1 }],
        certificate_private_key: Some(PRIVATE_KEY.into()),
        ..Default::default()
    };
    check("ModifyLiveDomainCertBindingsRequest", &tencent);
    let payload = serde_json::to_value(&tencent).unwrap();
    let out = build_request(
        &liveops::catalog::tencent_live::MODIFY_LIVE_DOMAIN_CERT_BINDINGS,
        &payload,
        None,
    );
    assert!(String::from_utf8_lossy(&out.body).contains(PRIVATE_KEY));
    check("OutgoingRequest", &out);

    let entry: AuthDetail =
        serde_json::from_value(json!({ "SecretKey": AUTH_KEY, "EncryptionAlgorithm": "md5" }))
            .unwrap();
    check("AuthDetail", &entry);
    assert!(format!("{entry:?}").contains("\"EncryptionAlgorithm\":\"md5\""));
    let update = UpdateAuthKeyRequest { auth_detail_list: vec![entry], ..Default::default() };
    check("UpdateAuthKeyRequest", &update);
    let volc_out = build_request(
        &liveops::catalog::volcengine_live::UPDATE_AUTH_KEY,
        &serde_json::to_value(&update).unwrap(),
        None,
    );
    check("OutgoingRequest (UpdateAuthKey)", &volc_out);

    let fields = BTreeMap::new();
    let stream = StreamUrlInput {
        protocol: "rtmp",
        domain: "push.example.com",
        app: "live",
        stream: "s",
        suffix: "",
        secret_key: AUTH_KEY,
        expires_at: 1,
        auth_field: &fields,
    };
    check("StreamUrlInput", &stream);
    check("Endpoint", &Endpoint::parse(None, "live.volcengineapi.com").unwrap());
}

#[test]
fn the_lifecycle_models_never_show_a_private_key() {
    use liveops::catalog::aliyun_esa::SetCertificateRequest;
    use liveops::catalog::volcengine_live::{
        AuthDetail2025, CreateCertRequest, UpdateAuthKey2025Request,
    };

    let create: CreateCertRequest = serde_json::from_value(
        json!({ "Rsa": { "Pubkey": "-----BEGIN CERTIFICATE-----", "Prikey": PRIVATE_KEY }, "UseWay": "https" }),
    )
    .unwrap();
    check("CreateCertRequest", &create);
    check("CertKeyPair", &create.rsa);
    // What the declaration does not call secret is still shown: a PEM field as its length.
    let shown = format!("{create:?}");
    assert!(shown.contains("\"UseWay\":\"https\""), "{shown}");
    assert!(shown.contains("\"Pubkey\":\"<27 bytes>\""), "{shown}");
    let out = build_request(
        &liveops::catalog::volcengine_live::CREATE_CERT,
        &serde_json::to_value(&create).unwrap(),
        None,
    );
    assert!(String::from_utf8_lossy(&out.body).contains(PRIVATE_KEY), "the key is sent");
    check("OutgoingRequest (CreateCert)", &out);

    let set: SetCertificateRequest = serde_json::from_value(json!({
        "SiteId": 1, "Type": "upload", "Name": "n", "Certificate": "c", "PrivateKey": PRIVATE_KEY
    }))
    .unwrap();
    check("SetCertificateRequest", &set);
    let form = build_request(
        &liveops::catalog::aliyun_esa::SET_CERTIFICATE,
        &serde_json::to_value(&set).unwrap(),
        None,
    );
    check("OutgoingRequest (SetCertificate)", &form);

    let entry: AuthDetail2025 = serde_json::from_value(
        json!({ "SecretKey": AUTH_KEY, "EncryptionAlgorithm": "md5", "AuthType": "TypeC" }),
    )
    .unwrap();
    check("AuthDetail2025", &entry);
    let uak = UpdateAuthKey2025Request { auth_detail_list: vec![entry], ..Default::default() };
    check("UpdateAuthKey2025Request", &uak);

    // Errors about a key never quote it.
    let err = liveops::lifecycle::deploy::check_material("not a pem", PRIVATE_KEY, 0).unwrap_err();
    check("Refusal", &err);
    assert_clean("Refusal message", &err.to_string());
    let cert = include_str!("fixtures/certs/example.crt");
    let err = liveops::lifecycle::deploy::check_material(
        cert,
        &format!("{PRIVATE_KEY}\n-----END PRIVATE KEY-----"),
        0,
    )
    .unwrap_err();
    assert_clean("key error", &err.to_string());
    check("key error", &err);
}
