//! Each operation's effect on the emulated state, and validation with the library's rule tables:
//! the emulator refuses exactly what the library refuses.

mod common;

use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn update_auth_key_overwrites_and_keeps_push_pull_enable_when_absent() {
    let emu = start(unlimited()).await;
    let entry = |k: &str| json!({"SecretKey": k, "EncryptionAlgorithm": "md5"});
    let create = json!({"Domain": "push.example.com", "SceneType": "push", "AuthDetailList": [entry("abc1"), entry("abc2")]});
    assert_eq!(send(&emu, &volc("UpdateAuthKey", &create)).await.status, 200);
    let s = state(&emu).await;
    let cfg = &s["volcengine"]["auth"]["push.example.com||push"];
    assert_eq!(cfg["push_pull_enable"], false, "create: default false");
    assert_eq!(cfg["valid_duration"], 604800);
    assert_eq!(cfg["auth_detail_list"].as_array().unwrap().len(), 2);
    assert_eq!(cfg["auth_detail_list"][0]["SecretKey"], "***", "the state endpoint hides keys");

    let enable = json!({"Domain": "push.example.com", "SceneType": "push", "AuthDetailList": [entry("k3")], "ValidDuration": 60, "PushPullEnable": true});
    assert_eq!(send(&emu, &volc("UpdateAuthKey", &enable)).await.status, 200);
    let absent =
        json!({"Domain": "push.example.com", "SceneType": "push", "AuthDetailList": [entry("k4")]});
    assert_eq!(send(&emu, &volc("UpdateAuthKey", &absent)).await.status, 200);
    let s = state(&emu).await;
    let cfg = &s["volcengine"]["auth"]["push.example.com||push"];
    assert_eq!(cfg["push_pull_enable"], true, "update without PushPullEnable leaves it");
    assert_eq!(cfg["valid_duration"], 604800, "full overwrite: ValidDuration back to its default");
    assert_eq!(cfg["auth_detail_list"].as_array().unwrap().len(), 1);

    let vhost = json!({"Vhost": "vhost.example.com", "App": "live", "SceneType": "pull", "AuthDetailList": [entry("v1")]});
    assert_eq!(send(&emu, &volc("UpdateAuthKey", &vhost)).await.status, 200);
    assert!(state(&emu).await["volcengine"]["auth"]["vhost.example.com|live|pull"].is_object());

    let missing = send(&emu, &volc("UpdateAuthKey", &json!({"Domain": "nope.example.com", "SceneType": "push", "AuthDetailList": [entry("a")]}))).await;
    assert_eq!((missing.status, missing.code()), (404, "ResourceNotFound.Domain"));
}

/// Under the 2025-09 contract the request is the 2025 model: a domain only (an `App` sent is not
/// one of its fields, so it does not pick the configuration), `AuthType` kept with each key, and
/// `ValidDuration` 0 when absent, as that contract documents.
#[tokio::test]
async fn update_auth_key_under_the_2025_contract_reads_the_2025_request() {
    let emu = start(liveops_emulator::Config {
        contract: liveops::catalog::Contract::V2025_09,
        ..unlimited()
    })
    .await;
    let p = json!({"Domain": "push.example.com", "App": "live", "SceneType": "push", "TimeStampBase": 10,
        "AuthDetailList": [{"SecretKey": "abc1", "EncryptionAlgorithm": "md5", "AuthType": "TypeC"}]});
    let a = send(&emu, &volc("UpdateAuthKey", &p)).await;
    assert_eq!(a.status, 200, "{}", a.json);
    let s = state(&emu).await;
    let auth = s["volcengine"]["auth"].as_object().unwrap();
    let keys: Vec<&String> = auth.keys().collect();
    assert_eq!(keys, ["push.example.com||push"], "no App in this contract");
    let cfg = &auth["push.example.com||push"];
    assert_eq!(cfg["valid_duration"], 0, "the 2025 default");
    assert_eq!(cfg["auth_detail_list"][0]["AuthType"], "TypeC");
}

/// Every answer reads back into the catalog's answer model and writes the same JSON again: the
/// models the TypeScript types come from hold every field the emulator sends, and read it.
#[tokio::test]
async fn answers_read_back_into_their_models() {
    use liveops::catalog::{aliyun_esa as esa, tencent_live as tl, tencent_ssl as ssl};
    use liveops::catalog::{volcengine_live as vl, Provider};
    fn reads_back<T: serde::de::DeserializeOwned + serde::Serialize>(what: &str, v: &Value) {
        let model: T =
            serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{what}: {e}: {v}"));
        assert_eq!(&serde_json::to_value(model).unwrap(), v, "{what}");
    }
    let emu = start(unlimited()).await;
    let by_name = |provider: Provider, action: &str| {
        *liveops::catalog::OPERATIONS
            .iter()
            .find(|o| o.provider == provider && o.action == action)
            .unwrap()
    };
    let call = |provider, action: &str, p: Value| from_library(by_name(provider, action), &p);
    let ok = |a: &Answer| assert_eq!((a.status, a.code()), (200, ""), "{}", a.json);

    let a = send(&emu, &volc("ListCertV2", &json!({}))).await;
    reads_back::<vl::ListCertV2Result>("ListCertV2", &a.json["Result"]);
    let chain = a.json["Result"]["CertList"][0]["ChainID"].clone();
    let a = send(&emu, &volc("DescribeCertDetailSecretV2", &json!({"ChainID": chain}))).await;
    reads_back::<vl::CertDetail>("DescribeCertDetailSecretV2", &a.json["Result"]);
    let a = send(&emu, &volc("ListDomainDetail", &json!({"PageNum": 1, "PageSize": 10}))).await;
    reads_back::<vl::ListDomainDetailResult>("ListDomainDetail", &a.json["Result"]);
    let upload = json!({"Rsa": {"Pubkey": fixture("example.crt"), "Prikey": fixture("example.key")}, "UseWay": "https"});
    let a = send(&emu, &volc("CreateCert", &upload)).await;
    reads_back::<vl::CreateCertResult>("CreateCert", &a.json["Result"]);

    let a = send(&emu, &tencent("DescribeLiveDomains", &json!({}))).await;
    reads_back::<tl::DescribeLiveDomainsResponse>("DescribeLiveDomains", &a.json["Response"]);
    let pair = json!({"DomainInfos": [{"DomainName": "play.example.com", "Status": 1}, {"DomainName": "nope.example.com", "Status": 1}],
        "CertificatePublicKey": fixture("example.crt"), "CertificatePrivateKey": fixture("example.key")});
    let a = send(&emu, &tencent("ModifyLiveDomainCertBindings", &pair)).await;
    ok(&a);
    reads_back::<tl::ModifyLiveDomainCertBindingsResponse>("Modify", &a.json["Response"]);
    let a = send(&emu, &tencent("DescribeLiveDomainCertBindings", &json!({}))).await;
    reads_back::<tl::DescribeLiveDomainCertBindingsResponse>("Bindings", &a.json["Response"]);
    let one = json!({"DomainName": "play.example.com"});
    let a = send(&emu, &tencent("DescribeLiveDomainCert", &one)).await;
    ok(&a);
    reads_back::<tl::DescribeLiveDomainCertResponse>("DomainCert", &a.json["Response"]);
    let a = send(&emu, &call(Provider::Tencent, "DescribeCertificates", json!({}))).await;
    reads_back::<ssl::DescribeCertificatesResponse>("Certificates", &a.json["Response"]);
    // The one just uploaded (with its PEM) and those of the seed (without).
    let certs = a.json["Response"]["Certificates"].as_array().unwrap();
    for c in certs {
        let p = json!({ "CertificateId": c["CertificateId"] });
        let a = send(&emu, &call(Provider::Tencent, "DescribeCertificateDetail", p)).await;
        ok(&a);
        reads_back::<ssl::DescribeCertificateDetailResponse>("Detail", &a.json["Response"]);
    }
    let uploaded = certs.iter().find(|c| c["From"] == "upload").unwrap();
    let unbound = json!({"CertificateId": uploaded["CertificateId"]});
    let p = json!({"DomainInfos": [{"DomainName": "play.example.com", "Status": 1}], "CloudCertId": "cert-example"});
    ok(&send(&emu, &tencent("ModifyLiveDomainCertBindings", &p)).await);
    let a = send(&emu, &call(Provider::Tencent, "DeleteCertificate", unbound)).await;
    ok(&a);
    reads_back::<ssl::DeleteSslCertificateResponse>("DeleteCertificate", &a.json["Response"]);

    let a = send(&emu, &call(Provider::Aliyun, "ListSites", json!({}))).await;
    reads_back::<esa::ListSitesResponse>("ListSites", &a.json);
    let site = a.json["Sites"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["Status"] == "active")
        .unwrap()
        .clone();
    let (id, name) = (site["SiteId"].clone(), site["SiteName"].as_str().unwrap());
    let p = json!({"SiteId": id, "Domains": format!("new.{name}")});
    let a = send(&emu, &call(Provider::Aliyun, "ApplyCertificate", p)).await;
    ok(&a);
    reads_back::<esa::ApplyCertificateResponse>("ApplyCertificate", &a.json);
    let p = json!({"SiteId": id, "Type": "upload", "Name": "mine", "Certificate": fixture("example.crt"), "PrivateKey": fixture("example.key")});
    let a = send(&emu, &call(Provider::Aliyun, "SetCertificate", p)).await;
    ok(&a);
    reads_back::<esa::SetCertificateResponse>("SetCertificate", &a.json);
    let uploaded = a.json["Id"].clone();
    let a = send(&emu, &call(Provider::Aliyun, "ListCertificates", json!({"SiteId": id}))).await;
    reads_back::<esa::ListCertificatesResponse>("ListCertificates", &a.json);
    for c in a.json["Result"].as_array().unwrap() {
        let p = json!({"SiteId": id, "Id": c["Id"]});
        let a = send(&emu, &call(Provider::Aliyun, "GetCertificate", p)).await;
        reads_back::<esa::GetCertificateResponse>("GetCertificate", &a.json);
    }
    let p = json!({"SiteId": id, "Id": uploaded});
    let a = send(&emu, &call(Provider::Aliyun, "DeleteCertificate", p)).await;
    ok(&a);
    reads_back::<esa::DeleteCertificateResponse>("DeleteCertificate", &a.json);
}

#[tokio::test]
async fn list_cert_v2_reports_every_status_and_filters() {
    let emu = start(unlimited()).await;
    let all = send(&emu, &volc("ListCertV2", &json!({}))).await;
    assert_eq!(all.status, 200);
    let list = all.json["Result"]["CertList"].as_array().unwrap();
    let mut statuses: Vec<&str> = list.iter().map(|c| c["Status"].as_str().unwrap()).collect();
    statuses.sort();
    assert_eq!(statuses, ["15days", "1days", "30days", "7days", "Expire", "OK"]);
    for c in list {
        assert!(c["NotAfter"].as_str().unwrap().ends_with('Z'));
        // The answer parses into the library's typed model.
        serde_json::from_value::<liveops::catalog::volcengine_live::CertInfo>(c.clone()).unwrap();
    }
    let expired =
        send(&emu, &volc("ListCertV2", &json!({"Available": true, "Expiring": true}))).await;
    let ids: Vec<&str> = expired.json["Result"]["CertList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["CertID"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["cert-expired"]);
    let disabled = send(&emu, &volc("ListCertV2", &json!({"Available": false}))).await;
    assert_eq!(disabled.json["Result"]["Total"], 1);
    let by_name = send(&emu, &volc("ListCertV2", &json!({"CertName": "PUSH"}))).await;
    assert_eq!(by_name.json["Result"]["CertList"][0]["CertID"], "cert-15d");
    let by_domain = send(&emu, &volc("ListCertV2", &json!({"Domain": "play05.example.com"}))).await;
    assert_eq!(by_domain.json["Result"]["CertList"][0]["CertID"], "cert-ok");
}

#[tokio::test]
async fn unbind_cert_removes_the_binding() {
    let emu = start(unlimited()).await;
    assert_eq!(
        state(&emu).await["volcengine"]["domains"]["play07.example.com"]["cert_id"],
        "cert-ok"
    );
    let r = send(&emu, &volc("UnbindCert", &json!({"Domain": "play07.example.com"}))).await;
    assert_eq!(r.status, 200);
    assert!(r.json.get("Result").is_none());
    assert_eq!(
        state(&emu).await["volcengine"]["domains"]["play07.example.com"]["cert_id"],
        Value::Null
    );
    let again = send(&emu, &volc("UnbindCert", &json!({"Domain": "play07.example.com"}))).await;
    assert_eq!(again.status, 200, "unbinding an unbound domain succeeds");
    let missing = send(&emu, &volc("UnbindCert", &json!({"Domain": "missing.example.com"}))).await;
    assert_eq!((missing.status, missing.code()), (404, "ResourceNotFound.Domain"));
}

#[tokio::test]
async fn modify_cert_bindings_binds_and_reports_per_domain_failures() {
    let emu = start(unlimited()).await;
    let body = json!({
        "DomainInfos": [
            {"DomainName": "play01.example.com", "Status": 1},
            {"DomainName": "play.other.com", "Status": 1},
            {"DomainName": "unknown.example.com", "Status": 0},
            {"DomainName": "play02.example.com", "Status": -1}
        ],
        "CloudCertId": "cert-example"
    });
    let r = send(&emu, &tencent("ModifyLiveDomainCertBindings", &body)).await;
    assert_eq!(r.code(), "");
    let resp = &r.json["Response"];
    assert_eq!(resp["MismatchedDomainNames"], json!(["play.other.com"]));
    assert_eq!(resp["Errors"][0]["DomainName"], "unknown.example.com");
    assert_eq!(resp["Errors"][0]["Code"], "ResourceNotFound.DomainNotExist");
    let typed: liveops::catalog::tencent_live::ModifyLiveDomainCertBindingsResponse =
        serde_json::from_value(resp.clone()).unwrap();
    assert_eq!(typed.errors.len(), 1);
    let s = state(&emu).await;
    assert_eq!(
        s["tencent"]["domains"]["play01.example.com"],
        json!({"cert_id": "cert-example", "https": true})
    );
    assert_eq!(
        s["tencent"]["domains"]["play02.example.com"],
        json!({"cert_id": "cert-example", "https": false})
    );
    // A certificate that does not cover a domain leaves the domain's own binding as it was.
    assert_eq!(s["tencent"]["domains"]["play.other.com"]["cert_id"], "cert-other");

    let upload = json!({"DomainInfos": [{"DomainName": "play03.example.com", "Status": 1}],
        "CertificatePublicKey": fixture("example.crt"), "CertificatePrivateKey": fixture("example.key"), "CertificateAlias": "mine"});
    assert_eq!(send(&emu, &tencent("ModifyLiveDomainCertBindings", &upload)).await.code(), "");
    let s = state(&emu).await;
    assert_eq!(s["tencent"]["domains"]["play03.example.com"]["cert_id"], "cert-upload-105");
    // Names and expiry are read from the uploaded PEM.
    assert_eq!(
        s["tencent"]["certs"]["cert-upload-105"]["domains"],
        json!(["*.example.com", "example.com"])
    );
    // A key that is not the certificate's is refused.
    let wrong = json!({"DomainInfos": [{"DomainName": "play04.example.com", "Status": 1}],
        "CertificatePublicKey": fixture("example.crt"), "CertificatePrivateKey": fixture("other-rsa.key")});
    let r = send(&emu, &tencent("ModifyLiveDomainCertBindings", &wrong)).await;
    assert_eq!(r.code(), "InvalidParameterValue", "{}", r.json);
    assert!(!s.to_string().contains("PRIVATE KEY-----"), "the private key is not stored");

    let missing_cert = send(&emu, &tencent("ModifyLiveDomainCertBindings", &json!({"DomainInfos": [{"DomainName": "play01.example.com", "Status": 1}], "CloudCertId": "cert-nope"}))).await;
    assert_eq!(missing_cert.code(), "FailedOperation.CertificateNotFound");
}

#[tokio::test]
async fn apply_certificate_creates_applying_certificates_once_per_domain() {
    let emu = start(unlimited()).await;
    let r = send(
        &emu,
        &aliyun(
            "ApplyCertificate",
            &[
                ("SiteId", "1234567890123"),
                ("Domains", "www.example.com,img.example.com"),
                ("Type", "lets_encrypt"),
            ],
        ),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.json);
    assert_eq!(r.json["SiteName"], "example.com");
    assert_eq!(r.json["TotalCount"], 2);
    assert_eq!(r.json["Result"][0]["Status"], "Applying");
    assert!(r.json["RequestId"].is_string());
    let typed: liveops::catalog::aliyun_esa::ApplyCertificateResponse =
        serde_json::from_value(r.json.clone()).unwrap();
    assert_eq!(typed.result.len(), 2);

    let again = send(
        &emu,
        &aliyun("ApplyCertificate", &[("SiteId", "1234567890123"), ("Domains", "img.example.com")]),
    )
    .await;
    assert_eq!((again.status, again.code()), (400, "InvalidParameter.Domains"));
    let big = send(
        &emu,
        &aliyun(
            "ApplyCertificate",
            &[("SiteId", "9223372036854775807"), ("Domains", "a.big.example.org")],
        ),
    )
    .await;
    assert_eq!(big.status, 200, "an id beyond 2^53 as text");
    let none =
        send(&emu, &aliyun("ApplyCertificate", &[("SiteId", "42"), ("Domains", "a.example.com")]))
            .await;
    assert_eq!((none.status, none.code()), (404, "SiteNotFound"));
    let inactive = send(
        &emu,
        &aliyun("ApplyCertificate", &[("SiteId", "9876543210"), ("Domains", "a.inactive.com")]),
    )
    .await;
    assert_eq!(inactive.code(), "SiteNotActivated");
    let wildcard = send(
        &emu,
        &aliyun(
            "ApplyCertificate",
            &[
                ("SiteId", "2233445566"),
                ("Domains", "*.cname-site.com"),
                ("Type", "digicert_wildcard"),
            ],
        ),
    )
    .await;
    assert_eq!(wildcard.code(), "InvalidParameter.Type", "wildcards need NS access");
}

fn merge(base: &Value, patch: &Value) -> Value {
    let mut out = base.as_object().unwrap().clone();
    for (k, v) in patch.as_object().unwrap() {
        if v.is_null() {
            out.remove(k);
        } else {
            out.insert(k.clone(), v.clone());
        }
    }
    Value::Object(out)
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../tests/fixtures/certs/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[allow(dead_code)]
fn esa_params(p: &Value) -> Vec<(String, String)> {
    p.as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().map(String::from).unwrap_or_else(|| v.to_string())))
        .collect()
}

/// Every accepted case of the library passes the emulator's validation, and every rejected case
/// is refused by the same rule with the same code.
#[tokio::test]
async fn the_emulator_refuses_exactly_what_the_library_refuses() {
    let emu = start(unlimited()).await;
    let cases: Value =
        serde_json::from_str(include_str!("../../tests/validation/cases.json")).unwrap();
    let mut checked = 0;
    for group in cases.as_array().unwrap() {
        let action = group["action"].as_str().unwrap();
        // Later contracts have their own emulator (`--contract`): see contracts.rs.
        if group.get("contract").is_some() {
            continue;
        }
        let provider =
            liveops::catalog::Provider::parse(group["provider"].as_str().unwrap()).unwrap();
        let op = liveops::catalog::operation(provider, action).unwrap();
        for case in group["cases"].as_array().unwrap() {
            for (kind, payload) in [("accept", case.get("accept")), ("reject", case.get("reject"))]
            {
                let Some(patch) = payload else { continue };
                let payload = merge(&group["base"], patch);
                // Built as the library builds it: each operation's method and placement.
                // (RPC parameters are text: a list or object where text belongs goes as its JSON.)
                let wire = match (provider, &payload) {
                    (liveops::catalog::Provider::Aliyun, Value::Object(o)) => Value::Object(
                        o.iter()
                            .map(|(k, v)| match v {
                                Value::Array(_) | Value::Object(_) => {
                                    (k.clone(), Value::String(v.to_string()))
                                }
                                _ => (k.clone(), v.clone()),
                            })
                            .collect(),
                    ),
                    _ => payload.clone(),
                };
                let call = from_library(op, &wire);
                // RPC parameters are text: a number or boolean where a string belongs is the same
                // text on the wire, so only the library can refuse it.
                if kind == "reject" && provider == liveops::catalog::Provider::Aliyun {
                    let rule_id = case["rule"].as_str().unwrap();
                    let path = rule_id.strip_suffix(":Type").unwrap_or("");
                    let string_field = op.rules.iter().any(|r| {
                        r.path == path
                            && r.check
                                == liveops::catalog::Check::Type(liveops::catalog::Kind::String)
                    });
                    if string_field
                        && matches!(patch.get(path), Some(Value::Number(_) | Value::Bool(_)))
                    {
                        continue;
                    }
                }
                // A lossy number cannot reach the wire (the client refuses it): skip that case here.
                if kind == "reject" && payload["SiteId"].as_u64().is_some_and(|n| n > (1 << 53)) {
                    continue;
                }
                let a = send(&emu, &call).await;
                let rule = a.headers.get("x-liveops-rule").map(|v| v.to_str().unwrap().to_string());
                // What the library itself says of this payload.
                let report = liveops::validate::validate(
                    group["provider"].as_str().unwrap(),
                    action,
                    &payload,
                    liveops::Locale::En,
                );
                if report.ok {
                    assert_eq!(
                        rule, None,
                        "{action} {}: accepted by the library, refused by the emulator: {}",
                        case["rule"], a.json
                    );
                    // What the rules accept, the request model reads (the words of
                    // `refusals::undecodable`).
                    assert!(
                        !a.json.to_string().contains("a parameter cannot be read"),
                        "{action} {}: accepted by the rules, unreadable by the model: {}",
                        case["rule"],
                        a.json
                    );
                } else {
                    assert_eq!(
                        kind, "reject",
                        "{action} {}: the library refuses an accepted case",
                        case["rule"]
                    );
                    let first = &report.errors[0];
                    assert!(
                        rule.is_some(),
                        "{action} {}: the emulator accepts what the library refuses",
                        case["rule"]
                    );
                    if group["provider"] != "aliyun" {
                        // (ESA parameters travel as query text, where a bad number fails as a type.)
                        assert_eq!(
                            rule.as_deref(),
                            first.rule.map(|r| r.id()).as_deref(),
                            "{action} {}: same rule",
                            case["rule"]
                        );
                    }
                    assert_eq!(a.code(), first.code, "{action} {}", case["rule"]);
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 140, "checked {checked}");
}

#[tokio::test]
async fn unknown_actions_and_versions_answer_as_the_clouds_do() {
    let emu = start(unlimited()).await;
    let v = send(&emu, &volc("DeleteDomain", &json!({}))).await;
    assert_eq!((v.status, v.code()), (404, "InvalidActionOrVersion"));
    let mut wrong_version = volc("ListCertV2", &json!({}));
    wrong_version.query[1].1 = "2020-01-01".into();
    assert_eq!(send(&emu, &wrong_version).await.code(), "InvalidActionOrVersion");
    let t = send(&emu, &tencent("DescribeLiveStreamState", &json!({}))).await;
    assert_eq!((t.status, t.code()), (200, "InvalidAction"));
    let a = send(&emu, &aliyun("ListRecords", &[])).await;
    assert_eq!((a.status, a.code()), (404, "InvalidAction.NotFound"));
    let mut bad_json = volc("UnbindCert", &json!({}));
    bad_json.body = b"{not json".to_vec();
    assert_eq!(send(&emu, &bad_json).await.code(), "InvalidParam");
}

#[tokio::test]
async fn bind_cert_binds_by_chain_id_and_sets_https() {
    let emu = start(unlimited()).await;
    let bind = |domain: &str, chain: &str, https: bool| {
        volc(
            "BindCert",
            &json!({"ChainID": chain, "Domain": domain, "HTTPS": https, "MinTLSVersion": "TLSv1.2"}),
        )
    };
    let ok = send(&emu, &bind("play12.example.com", "chain-cert-30d", true)).await;
    assert_eq!((ok.status, ok.code()), (200, ""), "{}", ok.json);
    let d = &state(&emu).await["volcengine"]["domains"]["play12.example.com"];
    assert_eq!((d["cert_id"].as_str(), d["https"].as_bool()), (Some("cert-30d"), Some(true)));
    let unknown = send(&emu, &bind("play12.example.com", "chain-nope", true)).await;
    assert_eq!((unknown.status, unknown.code()), (403, "RequestForbidden"));
    let missing = send(&emu, &bind("nope.example.com", "chain-cert-30d", false)).await;
    assert_eq!((missing.status, missing.code()), (404, "ResourceNotFound.Domain"));
    let invalid = send(&emu, &volc("BindCert", &json!({"Domain": "play12.example.com"}))).await;
    assert_eq!((invalid.status, invalid.code()), (400, "MissingParameter"));
}

#[tokio::test]
async fn tencent_ssl_lists_every_certificate_and_deletes_only_one_bound_nowhere() {
    use liveops::catalog::tencent_ssl::{DELETE_CERTIFICATE, DESCRIBE_CERTIFICATES};
    let emu = start(unlimited()).await;
    let s = state(&emu).await;
    let all = s["tencent"]["certs"].as_object().unwrap().len();
    let list = send(&emu, &from_library(&DESCRIBE_CERTIFICATES, &json!({"Limit": 1000}))).await;
    assert_eq!(list.code(), "", "{}", list.json);
    let resp = &list.json["Response"];
    assert_eq!(resp["TotalCount"], all);
    let typed: liveops::catalog::tencent_ssl::DescribeCertificatesResponse =
        serde_json::from_value(resp.clone()).unwrap();
    assert_eq!(typed.certificates.len(), all);
    let spare = typed.certificates.iter().find(|c| c.certificate_id == "cert-spare").unwrap();
    assert_eq!(spare.subject_alt_name, ["spare.example.com"]);
    assert_eq!(spare.status, 1);
    // Pages by Offset/Limit.
    let page =
        send(&emu, &from_library(&DESCRIBE_CERTIFICATES, &json!({"Offset": 1, "Limit": 2}))).await;
    assert_eq!(page.json["Response"]["Certificates"].as_array().unwrap().len(), 2);
    assert_eq!(page.json["Response"]["TotalCount"], all);

    let bound =
        send(&emu, &from_library(&DELETE_CERTIFICATE, &json!({"CertificateId": "cert-example"})))
            .await;
    assert_eq!(bound.code(), "FailedOperation.BoundResources");
    let unknown =
        send(&emu, &from_library(&DELETE_CERTIFICATE, &json!({"CertificateId": "nope"}))).await;
    assert_eq!(unknown.code(), "FailedOperation.CertificateNotFound");
    let gone =
        send(&emu, &from_library(&DELETE_CERTIFICATE, &json!({"CertificateId": "cert-spare"})))
            .await;
    assert_eq!(gone.code(), "");
    assert_eq!(gone.json["Response"]["DeleteResult"], true);
    assert!(state(&emu).await["tencent"]["certs"].get("cert-spare").is_none());

    // Signed for Tencent's `live` service, an SSL operation is refused as the cloud would.
    let mut wrong = from_library(&DESCRIBE_CERTIFICATES, &json!({}));
    wrong.service = Some("live");
    assert_eq!(send(&emu, &wrong).await.code(), "AuthFailure.SignatureFailure");
}

#[tokio::test]
async fn esa_lists_the_sha256_fingerprint_of_what_was_uploaded() {
    use liveops::catalog::aliyun_esa::{LIST_CERTIFICATES, SET_CERTIFICATE};
    let emu = start(unlimited()).await;
    let set = json!({"SiteId": 1234567890123u64, "Type": "upload", "Name": "mine",
        "Certificate": fixture("example.crt"), "PrivateKey": fixture("example.key")});
    let r = send(&emu, &from_library(&SET_CERTIFICATE, &set)).await;
    assert_eq!(r.code(), "", "{}", r.json);
    let id = r.json["Id"].as_str().unwrap().to_string();
    let list = send(
        &emu,
        &from_library(&LIST_CERTIFICATES, &json!({"SiteId": 1234567890123u64, "PageSize": 100})),
    )
    .await;
    let row = list.json["Result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["Id"] == id.as_str())
        .unwrap()
        .clone();
    // `openssl x509 -noout -fingerprint -sha256` of the fixture (tests/lifecycle.rs).
    assert_eq!(
        row["FingerprintSha256"].as_str().unwrap().to_lowercase(),
        "75123e598c2fdfca18a9ec3d26ec669a884ad2136dab27bfe082419e4df6cb2f"
    );
    // Every other certificate has one too, 64 hex digits (free ones being applied for, none yet).
    for c in list.json["Result"].as_array().unwrap() {
        let f = c["FingerprintSha256"].as_str().unwrap();
        assert!(f.is_empty() && c["Status"] == "Applying" || f.len() == 64, "{c}");
    }
}

#[tokio::test]
async fn latency_holds_every_answer_and_a_generated_estate_is_listed() {
    use liveops::catalog::volcengine_live::LIST_DOMAIN_DETAIL;
    let emu =
        start(liveops_emulator::Config { latency_ms: 150, estate: Some(3_000), ..unlimited() })
            .await;
    let started = std::time::Instant::now();
    let r = send(&emu, &from_library(&LIST_DOMAIN_DETAIL, &json!({"PageNum": 1, "PageSize": 10})))
        .await;
    assert!(started.elapsed() >= std::time::Duration::from_millis(150), "{:?}", started.elapsed());
    assert_eq!(r.code(), "");
    // 1000 generated Volcengine domains beside the demo data's 32.
    assert_eq!(r.json["Result"]["Total"], 1032);
    let s = state(&emu).await;
    assert_eq!(s["aliyun"]["sites"].as_object().unwrap().len(), 4 + 100);
    assert_eq!(s["tencent"]["domains"]["t999.example.com"]["cert_id"], "tc-g99");
}
