//! The typed models and the rule tables describe the same fields, and whatever the tables accept
//! the models can hold: neither can drift from the other.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::aliyun_esa::*;
use super::tencent_live::*;
use super::volcengine_live::*;
use super::*;
use crate::validate::{validate_operation, Locale};

fn is_string_map(op: &Operation, path: &str) -> bool {
    op.rules.iter().any(|r| r.path == path && r.check == Check::Type(Kind::StringMap))
}

fn model_paths(op: &Operation, v: &Value, prefix: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(o) if prefix.is_empty() || !is_string_map(op, prefix) => {
            for (k, child) in o {
                let p = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                out.push(p.clone());
                model_paths(op, child, &p, out);
            }
        }
        Value::Array(items) => {
            let p = format!("{prefix}[]");
            out.push(p.clone());
            if let Some(first) = items.first() {
                model_paths(op, first, &p, out);
            }
        }
        _ => {}
    }
}

fn same_fields<T: Serialize>(op: &Operation, full: &T) {
    let mut from_model = Vec::new();
    model_paths(op, &serde_json::to_value(full).unwrap(), "", &mut from_model);
    from_model.sort();
    from_model.dedup();
    let mut from_table: Vec<String> = op.field_paths().iter().map(|s| s.to_string()).collect();
    from_table.sort();
    assert_eq!(from_model, from_table, "{}: model fields and rule table differ", op.action);
    // Every documented field has a description in both languages.
    for path in &from_table {
        let doc = op.fields.iter().find(|d| d.path == *path || format!("{}[]", d.path) == *path);
        let is_item = path.ends_with("[]");
        assert!(doc.is_some() || is_item, "{}: no FieldDoc for {path}", op.action);
    }
}

#[test]
fn models_and_rule_tables_name_the_same_fields() {
    let detail = AuthDetail {
        secret_key: "abc".into(),
        encryption_algorithm: "md5".into(),
        auth_field: Some(BTreeMap::from([("volcSecret".into(), "sign".into())])),
        encrypt_field: Some(vec!["path".into()]),
    };
    same_fields(
        &volcengine_live::UPDATE_AUTH_KEY,
        &UpdateAuthKeyRequest {
            vhost: Some("v".into()),
            domain: Some("d".into()),
            app: Some("a".into()),
            scene_type: "push".into(),
            auth_detail_list: vec![detail],
            valid_duration: Some(60),
            push_pull_enable: Some(true),
        },
    );
    same_fields(
        &volcengine_live::LIST_CERT_V2,
        &ListCertV2Request {
            available: Some(true),
            expiring: Some(true),
            domain: Some("d".into()),
            cert_name: Some("n".into()),
            page_num: Some(1),
            page_size: Some(1),
            project_name: Some("p".into()),
        },
    );
    same_fields(&volcengine_live::UNBIND_CERT, &UnbindCertRequest { domain: "d".into() });
    same_fields(
        &tencent_live::MODIFY_LIVE_DOMAIN_CERT_BINDINGS,
        &ModifyLiveDomainCertBindingsRequest {
            domain_infos: vec![LiveCertDomainInfo { domain_name: "d".into(), status: 1 }],
            cloud_cert_id: Some("c".into()),
            certificate_public_key: Some("p".into()),
            certificate_private_key: Some("k".into()),
            certificate_alias: Some("a".into()),
        },
    );
    same_fields(
        &aliyun_esa::APPLY_CERTIFICATE,
        &ApplyCertificateRequest {
            site_id: SiteId::Number(1),
            domains: "a.example.com".into(),
            r#type: Some("lets_encrypt".into()),
        },
    );
}

fn accepted_payloads_fit<T: DeserializeOwned>(action: &str) {
    let cases: Value =
        serde_json::from_str(include_str!("../../tests/validation/cases.json")).unwrap();
    let group = cases.as_array().unwrap().iter().find(|g| g["action"] == action).unwrap();
    let op = OPERATIONS.iter().find(|o| o.action == action).unwrap();
    let base = group["base"].as_object().unwrap();
    for case in group["cases"].as_array().unwrap() {
        let Some(accept) = case.get("accept") else {
            continue;
        };
        let mut payload = base.clone();
        for (k, v) in accept.as_object().unwrap() {
            if v.is_null() {
                payload.remove(k);
            } else {
                payload.insert(k.clone(), v.clone());
            }
        }
        let payload = Value::Object(payload);
        assert!(validate_operation(op, &payload, Locale::En).ok);
        if let Err(e) = serde_json::from_value::<T>(payload.clone()) {
            panic!("{action}: accepted payload does not fit the model: {e}: {payload}");
        }
    }
}

#[test]
fn what_the_tables_accept_the_models_hold() {
    accepted_payloads_fit::<UpdateAuthKeyRequest>("UpdateAuthKey");
    accepted_payloads_fit::<ListCertV2Request>("ListCertV2");
    accepted_payloads_fit::<UnbindCertRequest>("UnbindCert");
    accepted_payloads_fit::<ModifyLiveDomainCertBindingsRequest>("ModifyLiveDomainCertBindings");
    accepted_payloads_fit::<ApplyCertificateRequest>("ApplyCertificate");
}

#[test]
fn debug_output_hides_secret_fields() {
    let d = AuthDetail {
        secret_key: "S3cretKey".into(),
        encryption_algorithm: "md5".into(),
        ..Default::default()
    };
    assert!(!format!("{d:?}").contains("S3cretKey"));
    let t = ModifyLiveDomainCertBindingsRequest {
        certificate_private_key: Some("-----BEGIN PRIVATE KEY-----abc".into()),
        ..Default::default()
    };
    assert!(!format!("{t:?}").contains("PRIVATE"));
}

#[test]
fn cert_status_thresholds() {
    let day = 86_400;
    assert_eq!(CertStatus::at(100 * day, 0), CertStatus::Ok);
    assert_eq!(CertStatus::at(30 * day, 0), CertStatus::Days30);
    assert_eq!(CertStatus::at(15 * day, 0), CertStatus::Days15);
    assert_eq!(CertStatus::at(7 * day, 0), CertStatus::Days7);
    assert_eq!(CertStatus::at(day, 0), CertStatus::Days1);
    assert_eq!(CertStatus::at(0, 0), CertStatus::Expire);
    let json =
        serde_json::to_string(&[CertStatus::Days30, CertStatus::Ok, CertStatus::Expire]).unwrap();
    assert_eq!(json, r#"["30days","OK","Expire"]"#);
}

#[test]
fn answers_parse_with_their_documented_variants() {
    let m: ResponseMetadata =
        serde_json::from_str(r#"{"RequestID":"r1","Action":"UnbindCert"}"#).unwrap();
    assert_eq!(m.request_id, "r1");
    let a: ApplyCertificateResponse = serde_json::from_str(
        r#"{"RequestId":"x","SiteName":"s","TotalCount":2,"Result":[{"Domain":"a","Status":"Applying","Id":123},{"Domain":"b","Status":"Applying","Id":"456"}]}"#,
    )
    .unwrap();
    assert_eq!(a.result[0].id, "123");
    assert_eq!(a.result[1].id, "456");
}

#[test]
fn previews_mask_every_declared_secret() {
    use serde_json::json;
    let p = json!({"Domain": "d", "AuthDetailList": [{"SecretKey": "s3cret1"}, {"SecretKey": "s3cret2"}, 5]});
    let m = super::masked(&super::volcengine_live::UPDATE_AUTH_KEY, &p);
    assert_eq!(m["AuthDetailList"][0]["SecretKey"], "***");
    assert_eq!(m["AuthDetailList"][1]["SecretKey"], "***");
    assert_eq!(m["Domain"], "d");
    let t = json!({"DomainInfos": [], "CertificatePrivateKey": "-----BEGIN PRIVATE KEY-----", "CertificatePublicKey": "pub"});
    let m = super::masked(&super::tencent_live::MODIFY_LIVE_DOMAIN_CERT_BINDINGS, &t);
    assert_eq!(
        (m["CertificatePrivateKey"].as_str(), m["CertificatePublicKey"].as_str()),
        (Some("***"), Some("pub"))
    );
}

#[test]
fn a_private_key_in_an_answer_is_masked_where_the_declaration_says_so() {
    let op = &crate::catalog::tencent_ssl::DESCRIBE_CERTIFICATE_DETAIL;
    let mut answer = serde_json::json!({"CertificateId": "c", "CertificatePublicKey": "-----BEGIN CERTIFICATE-----", "CertificatePrivateKey": "-----BEGIN PRIVATE KEY-----\nMIIE", "RequestId": "r"});
    crate::catalog::mask_answer(op, &mut answer);
    assert_eq!(answer["CertificatePrivateKey"], "***");
    assert_eq!(answer["CertificatePublicKey"], "-----BEGIN CERTIFICATE-----");
    // A null (the cloud may answer one) stays null.
    let mut none = serde_json::json!({"CertificatePrivateKey": null});
    crate::catalog::mask_answer(op, &mut none);
    assert!(none["CertificatePrivateKey"].is_null());
}

#[test]
fn idempotency_is_declared_per_operation() {
    let not: Vec<&str> = super::OPERATIONS
        .iter()
        .filter(|op| op.idempotent != crate::catalog::Idempotence::Always)
        .map(|op| op.action)
        .collect();
    assert_eq!(
        not,
        ["CreateCert", "ModifyLiveDomainCertBindings", "ApplyCertificate", "SetCertificate"]
    );
    // A Tencent binding change that uploads a certificate (its PEM in the payload) adds one to
    // the SSL service each time; one that names a certificate id only rebinds.
    let bind = &crate::catalog::tencent_live::MODIFY_LIVE_DOMAIN_CERT_BINDINGS.idempotent;
    assert!(bind.holds(&serde_json::json!({"DomainInfos": [], "CloudCertId": "c"})));
    assert!(
        !bind.holds(&serde_json::json!({"DomainInfos": [], "CertificatePublicKey": "-----BEGIN"}))
    );
    // SetCertificate replaces when it names the certificate, and adds one when it does not.
    let set = &crate::catalog::aliyun_esa::SET_CERTIFICATE.idempotent;
    assert!(set.holds(&serde_json::json!({"SiteId": 1, "Id": "1000001"})));
    assert!(!set.holds(&serde_json::json!({"SiteId": 1})));
    assert!(!set.holds(&serde_json::json!({"SiteId": 1, "Id": ""})));
    assert!(super::OPERATIONS.iter().all(|op| !op.outcome_check.is_empty()));
}

/// Every operation says what it does and how to check an unknown outcome, and documents each
/// field its rules know, in English and Chinese (the console's forms and docs/rules.md show them);
/// no doc names a field the rules do not know.
#[test]
fn every_operation_documents_itself_and_each_of_its_fields() {
    let every = OPERATIONS.iter().copied().chain(REVISIONS.iter().map(|(_, op)| *op));
    let mut missing = Vec::new();
    for op in every {
        let name = format!("{} {}", op.provider.as_str(), op.action);
        if op.summary.is_empty() {
            missing.push(format!("{name}: no summary"));
        }
        if op.outcome_check.is_empty() {
            missing.push(format!("{name}: no outcome check"));
        }
        let paths = op.field_paths();
        for path in &paths {
            // A rule on every entry of a list (`DomainInfos[]`) is documented by the list's doc.
            let documented = path.strip_suffix("[]").unwrap_or(path);
            match op.fields.iter().find(|d| d.path == documented) {
                Some(d) if !d.en.is_empty() && !d.zh.is_empty() => {}
                Some(_) => {
                    missing.push(format!("{name}: {path} lacks its English or Chinese text"))
                }
                None => missing.push(format!("{name}: {path} has no doc")),
            }
        }
        for d in op.fields {
            if !paths.contains(&d.path) {
                missing
                    .push(format!("{name}: a doc for {}, a field its rules do not know", d.path));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The TLS versions the model (and so the TypeScript type) names are the ones the rules accept.
#[test]
fn the_tls_version_model_names_what_the_rules_accept() {
    use super::volcengine_live::{TlsVersion, TLS_VERSIONS};
    let named: Vec<String> =
        [TlsVersion::V1_0, TlsVersion::V1_1, TlsVersion::V1_2, TlsVersion::V1_3]
            .iter()
            .map(|v| serde_json::to_value(v).unwrap().as_str().unwrap().to_string())
            .collect();
    assert_eq!(named, TLS_VERSIONS);
}
