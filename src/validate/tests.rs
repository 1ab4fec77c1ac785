//! Validation: every rule of every table accepted and rejected (cases shared with the Node tests
//! in `tests/validation/cases.json`), and the report's behaviour on hostile input.

use super::*;
use proptest::prelude::*;
use serde_json::json;

pub(super) fn cases() -> Vec<Value> {
    let text = include_str!("../../tests/validation/cases.json");
    serde_json::from_str::<Value>(text).unwrap().as_array().unwrap().clone()
}

/// RFC 7386 JSON merge patch: `null` removes a key.
pub(super) fn merge(base: &Value, patch: &Value) -> Value {
    match (base, patch) {
        (Value::Object(b), Value::Object(p)) => {
            let mut out = b.clone();
            for (k, v) in p {
                if v.is_null() {
                    out.remove(k);
                } else {
                    out.insert(k.clone(), v.clone());
                }
            }
            Value::Object(out)
        }
        (_, p) => p.clone(),
    }
}

#[test]
fn every_rule_is_accepted_and_rejected_as_its_cases_say() {
    let mut covered: Vec<(String, String)> = Vec::new();
    for group in cases() {
        let provider = group["provider"].as_str().unwrap();
        let action = group["action"].as_str().unwrap();
        let contract = group["contract"].as_str().unwrap_or("2023-10");
        let contract = Contract::parse(contract).unwrap();
        let validate =
            |p: &str, a: &str, v: &Value, l: Locale| validate_as_of(p, a, v, l, contract);
        let key = format!("{action}@{}", contract.as_str());
        let base = &group["base"];
        let base_report = validate(provider, action, base, Locale::En);
        assert!(
            base_report.ok && base_report.warnings.is_empty(),
            "{action}: base payload is clean: {base_report:?}"
        );
        for case in group["cases"].as_array().unwrap() {
            let rule_id = case["rule"].as_str().unwrap();
            let from_rule = |i: &Issue| i.rule.map(|r| r.id()).as_deref() == Some(rule_id);
            if let Some(accept) = case.get("accept") {
                let r = validate(provider, action, &merge(base, accept), Locale::En);
                assert!(r.ok, "{action} {rule_id}: accepted case has errors: {:?}", r.errors);
                assert!(
                    !r.warnings.iter().any(from_rule),
                    "{action} {rule_id}: accepted case warns"
                );
                covered.push((key.clone(), format!("{rule_id}+")));
            }
            if let Some(reject) = case.get("reject") {
                let r = validate(provider, action, &merge(base, reject), Locale::En);
                let path = case["path"].as_str().unwrap();
                let code = case["code"].as_str().unwrap();
                let hit =
                    r.errors.iter().chain(&r.warnings).find(|i| from_rule(i) && i.path == path);
                let hit = hit
                    .unwrap_or_else(|| panic!("{action} {rule_id}: no issue at {path:?}: {r:?}"));
                assert_eq!(hit.code, code, "{action} {rule_id}");
                let level = hit.rule.unwrap().level;
                let listed_in = if r.errors.contains(hit) { Level::Error } else { Level::Warning };
                assert_eq!(level, listed_in, "{action} {rule_id}: listed by its level");
                covered.push((key.clone(), format!("{rule_id}-")));
            }
        }
    }
    let every = crate::catalog::OPERATIONS
        .iter()
        .map(|op| (Contract::default(), *op))
        .chain(crate::catalog::REVISIONS.iter().copied());
    for (contract, op) in every {
        for rule in op.rules {
            for sign in ["+", "-"] {
                let key = format!("{}@{}", op.action, contract.as_str());
                let want = (key, format!("{}{sign}", rule.id()));
                assert!(
                    covered.contains(&want),
                    "no {} case for {} {}",
                    if sign == "+" { "accepted" } else { "rejected" },
                    op.action,
                    rule.id()
                );
            }
        }
    }
}

#[test]
fn every_operation_has_a_group_in_the_shared_corpus() {
    // The corpus (tests/validation/cases.json) is what the JS, Python and browser runs check too:
    // an operation without a group there would be checked natively only.
    let groups: Vec<(String, String)> = cases()
        .iter()
        .map(|g| {
            (
                g["provider"].as_str().unwrap_or("").to_string(),
                g["action"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    for op in crate::catalog::OPERATIONS {
        let key = (op.provider.as_str().to_string(), op.action.to_string());
        assert!(
            groups.contains(&key),
            "no group for {} {} in tests/validation/cases.json",
            key.0,
            key.1
        );
    }
}

#[test]
fn rule_ids_are_unique_within_a_table() {
    for op in crate::catalog::OPERATIONS {
        let mut ids: Vec<String> = op.rules.iter().map(Rule::id).collect();
        ids.sort();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "{}", op.action);
    }
}

fn uak(entries: usize) -> Value {
    let item = json!({"SecretKey": "abc123", "EncryptionAlgorithm": "md5_custom",
        "AuthField": {"volcSecret": "sign", "volcTime": "t"}, "EncryptField": ["path", "time"]});
    json!({"Vhost": "push.example.com", "App": "live", "SceneType": "push",
        "AuthDetailList": vec![item; entries], "ValidDuration": 2592000, "PushPullEnable": true})
}

#[test]
fn a_hundred_entries_pass_and_a_hundred_and_one_fail_at_auth_detail_list() {
    let ok = validate("volcengine", "UpdateAuthKey", &uak(100), Locale::En);
    assert!(ok.ok && ok.warnings.is_empty(), "{ok:?}");
    let bad = validate("volcengine", "UpdateAuthKey", &uak(101), Locale::En);
    assert!(!bad.ok);
    assert_eq!(bad.errors.len(), 1);
    assert_eq!(bad.errors[0].path, "AuthDetailList");
    assert_eq!(bad.errors[0].code, "InvalidParam");
}

#[test]
fn unknown_fields_warn_at_every_level() {
    let mut p = uak(2);
    p["Extra"] = json!(1);
    p["AuthDetailList"][1]["Typo"] = json!("x");
    let r = validate("volcengine", "UpdateAuthKey", &p, Locale::En);
    assert!(r.ok);
    let mut found: Vec<(&str, &str)> =
        r.warnings.iter().map(|w| (w.path.as_str(), w.code.as_str())).collect();
    found.sort();
    assert_eq!(found, [("AuthDetailList[1].Typo", "UnknownField"), ("Extra", "UnknownField")]);
    assert_eq!(r.warnings.len(), 2);
}

#[test]
fn unknown_provider_or_action_is_a_report_not_a_panic() {
    let r = validate("aws", "UpdateAuthKey", &json!({}), Locale::En);
    assert!(!r.ok);
    assert_eq!(r.errors[0].code, "UnknownProvider");
    let r = validate("tencent", "UpdateAuthKey", &json!({}), Locale::Zh);
    assert_eq!(r.errors[0].code, "UnknownAction");
    assert!(r.errors[0].message.contains("接口"));
    let r = validate_json("volcengine", "Nope", "{not json", Locale::En);
    assert_eq!(r.errors[0].code, "UnknownAction");
}

#[test]
fn non_objects_and_garbage_are_invalid_payloads() {
    for v in [json!(null), json!(1), json!("x"), json!([1, 2]), json!(true)] {
        for op in crate::catalog::OPERATIONS {
            let r = validate(op.provider.as_str(), op.action, &v, Locale::En);
            assert!(!r.ok);
            assert_eq!(r.errors[0].code, "InvalidPayload");
            assert_eq!(r.errors[0].path, "");
        }
    }
    let r = validate_json("aliyun", "ApplyCertificate", "{\"SiteId\": 1,", Locale::En);
    assert_eq!(r.errors[0].code, "InvalidPayload");
}

#[test]
fn deep_nesting_is_refused_without_recursing() {
    let deep_text = format!("{{\"x\":{}1{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let r = validate_json("volcengine", "UpdateAuthKey", &deep_text, Locale::En);
    assert_eq!(r.errors[0].code, "InvalidPayload");
    // Built in memory (past serde_json's parser limit): still a report.
    let mut v = json!(1);
    for _ in 0..200 {
        v = json!([v]);
    }
    let r = validate("volcengine", "UpdateAuthKey", &json!({"AuthDetailList": v}), Locale::En);
    assert_eq!(r.errors[0].code, "InvalidPayload");
}

#[test]
fn huge_arrays_and_strings_give_bounded_reports() {
    let many = json!({"SceneType": "push", "Domain": "a.example.com",
        "AuthDetailList": vec![json!({"SecretKey": "bad key!", "EncryptionAlgorithm": "x"}); 200_000]});
    let r = validate("volcengine", "UpdateAuthKey", &many, Locale::En);
    assert!(!r.ok);
    assert_eq!(r.errors.len(), MAX_ISSUES + 1);
    assert_eq!(r.errors.last().unwrap().code, "TooManyIssues");
    assert!(r.errors.iter().any(|e| e.path == "AuthDetailList"));

    let mb = "a".repeat(4 << 20);
    let big = json!({"SceneType": mb, "Domain": mb, "App": mb, "Vhost": mb,
        "AuthDetailList": [{"SecretKey": mb, "EncryptionAlgorithm": mb}], "Other": mb});
    let r = validate("volcengine", "UpdateAuthKey", &big, Locale::En);
    assert!(!r.ok);
    for issue in r.errors.iter().chain(&r.warnings) {
        assert!(issue.message.len() < 400, "messages never echo values");
    }
}

#[test]
fn secret_values_never_appear_in_messages() {
    let secret = "SuperSecretKeyValue99";
    let p = json!({"Domain": "a.example.com", "SceneType": "push",
        "AuthDetailList": [{"SecretKey": format!("{secret}!"), "EncryptionAlgorithm": "md5"}]});
    let r = validate("volcengine", "UpdateAuthKey", &p, Locale::En);
    assert_eq!(r.errors.len(), 1);
    assert!(!r.errors[0].message.contains(secret));
    let t = json!({"DomainInfos": [{"DomainName": "a.example.com", "Status": 1}], "CertificatePrivateKey": secret});
    let r = validate("tencent", "ModifyLiveDomainCertBindings", &t, Locale::Zh);
    assert_eq!(r.errors[0].path, "CertificatePublicKey");
    assert!(r.errors.iter().all(|e| !e.message.contains(secret)));
}

#[test]
fn messages_exist_in_english_and_chinese_for_every_problem() {
    let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for p in Problem::examples() {
        let en = message(p, "Field", Locale::En);
        let zh = message(p, "Field", Locale::Zh);
        assert!(!en.is_empty() && !zh.is_empty());
        assert!(!cjk(&en), "{p:?}: {en}");
        assert!(cjk(&zh), "{p:?}: {zh}");
    }
    // And every code each table can answer with, in both languages, from real reports.
    for group in cases() {
        let provider = group["provider"].as_str().unwrap();
        let action = group["action"].as_str().unwrap();
        for case in group["cases"].as_array().unwrap() {
            if let Some(reject) = case.get("reject") {
                let p = merge(&group["base"], reject);
                let en = validate(provider, action, &p, Locale::En);
                let zh = validate(provider, action, &p, Locale::Zh);
                assert_eq!(en.errors.len(), zh.errors.len());
                for (e, z) in
                    en.errors.iter().chain(&en.warnings).zip(zh.errors.iter().chain(&zh.warnings))
                {
                    assert_eq!((&e.path, &e.code), (&z.path, &z.code));
                    assert!(!cjk(&e.message) || e.path.contains(|c: char| !c.is_ascii()));
                    assert!(cjk(&z.message), "{}: {}", z.code, z.message);
                }
            }
        }
    }
}

#[test]
fn locale_parsing() {
    assert_eq!(Locale::parse("zh"), Locale::Zh);
    assert_eq!(Locale::parse("zh-CN"), Locale::Zh);
    assert_eq!(Locale::parse("en"), Locale::En);
    assert_eq!(Locale::parse("fr"), Locale::En);
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        "\\PC{0,40}".prop_map(Value::String),
        prop_oneof![Just("push"), Just("md5"), Just("a.example.com"), Just("60"), Just("")]
            .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        let keys = prop_oneof![
            Just("Vhost".to_string()),
            Just("Domain".to_string()),
            Just("App".to_string()),
            Just("SceneType".to_string()),
            Just("AuthDetailList".to_string()),
            Just("SecretKey".to_string()),
            Just("EncryptionAlgorithm".to_string()),
            Just("AuthField".to_string()),
            Just("ValidDuration".to_string()),
            Just("DomainInfos".to_string()),
            Just("DomainName".to_string()),
            Just("Status".to_string()),
            Just("CloudCertId".to_string()),
            Just("SiteId".to_string()),
            Just("Domains".to_string()),
            Just("Type".to_string()),
            Just("Expiring".to_string()),
            "\\PC{0,8}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map(keys, inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// `AuthDetailList[3].SecretKey` → `AuthDetailList[].SecretKey`: the rule-table form of a path.
fn pattern(path: &str) -> String {
    let mut out = String::new();
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            c => out.push(c),
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_json_yields_a_consistent_report(v in arb_json()) {
        for op in crate::catalog::OPERATIONS {
            for locale in [Locale::En, Locale::Zh] {
                let r = validate(op.provider.as_str(), op.action, &v, locale);
                prop_assert!(r.errors.len() <= MAX_ISSUES + 1);
                let Some(obj) = v.as_object() else {
                    // Anything but an object is one error about the payload itself.
                    prop_assert_eq!(r.errors.len(), 1);
                    prop_assert_eq!(r.errors[0].code.as_str(), "InvalidPayload");
                    continue;
                };
                for issue in r.errors.iter().chain(&r.warnings) {
                    match issue.rule {
                        // A rule's issue sits at the rule's field (or, for rules about the
                        // payload as a whole, at the payload or one of its fields).
                        Some(rule) => prop_assert!(
                            pattern(&issue.path).starts_with(rule.path),
                            "{} reported at {} by {}", op.action, issue.path, rule.id()
                        ),
                        // An issue of no rule is a field the payload has and the table does not.
                        None if issue.code == "UnknownField" => {
                            let under = |k: &String| issue.path == *k || issue.path.starts_with(&format!("{k}.")) || issue.path.starts_with(&format!("{k}["));
                            prop_assert!(obj.keys().any(under), "{}: {} is not in the payload", op.action, issue.path);
                        }
                        None => prop_assert_eq!(issue.code.as_str(), "TooManyIssues"),
                    }
                }
                // A required root field that is missing is always an error, with the rule's code.
                for rule in op.rules.iter().filter(|r| matches!(r.check, Check::Required) && !r.path.contains(['.', '['])) {
                    if obj.get(rule.path).is_none_or(Value::is_null) {
                        prop_assert!(!r.ok);
                        prop_assert!(r.errors.iter().any(|e| e.path == rule.path && e.code == rule.code), "{}: missing {} not reported", op.action, rule.path);
                    }
                }
                let text = serde_json::to_string(&v).unwrap();
                prop_assert_eq!(&validate_json(op.provider.as_str(), op.action, &text, locale), &r);
                prop_assert_eq!(&reference::validate_operation(op, &v, locale), &r);
            }
        }
    }
}

#[test]
fn a_fractional_number_stays_fractional_through_json_text() {
    // Found by the property test: without exact float parsing, this text read back as an integer.
    let text = r#"{"SiteId": -1854567929763711.8, "Domains": "a.example.com"}"#;
    let v: Value = serde_json::from_str(text).unwrap();
    let r = validate_json("aliyun", "ApplyCertificate", text, Locale::En);
    assert_eq!(r, validate("aliyun", "ApplyCertificate", &v, Locale::En));
    assert_eq!(r.errors[0].rule.unwrap().check, Check::Type(Kind::Int64));
}

#[test]
fn a_declaration_copied_with_other_fields_or_rules_of_its_own_is_judged_by_its_rules() {
    use crate::catalog::volcengine_live::UPDATE_AUTH_KEY;
    let empty = json!({});
    let original = validate_operation(&UPDATE_AUTH_KEY, &empty, Locale::En);
    assert!(!original.ok);
    // A copy shares the table: the same report.
    let copy = Operation { method: "GET", ..UPDATE_AUTH_KEY };
    assert_eq!(validate_operation(&copy, &empty, Locale::En), original);
    // A table of its own (one rule of the original): that rule and no other.
    let rules: &'static [Rule] = Box::leak(Box::new([UPDATE_AUTH_KEY
        .rules
        .iter()
        .find(|r| r.path == "SceneType" && matches!(r.check, Check::Required))
        .copied()
        .expect("UpdateAuthKey requires SceneType")]));
    let own = Operation { rules, ..UPDATE_AUTH_KEY };
    let report = validate_operation(&own, &empty, Locale::En);
    assert_eq!(report.errors.iter().map(|e| e.path.as_str()).collect::<Vec<_>>(), ["SceneType"]);
    assert!(validate_operation(&own, &json!({"SceneType": "push"}), Locale::En).ok);
}
