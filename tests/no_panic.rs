//! Never a panic on input: arbitrary strings and bytes into every entry point of the core that
//! takes outside input (a panic in wasm would kill the module for the whole page).

use std::collections::BTreeMap;

use liveops::catalog::Provider;
use liveops::client::{parse_answer, Endpoint};
use liveops::sign::stream_url::{sign_stream_url, StreamUrlInput};
use liveops::validate::{validate_json, Locale};
use liveops::{sign, Credentials, KeyCache, Query, Scheme, SigningRequest};
use proptest::prelude::*;

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,30}",
        "[ -~]{0,30}",
        Just(String::new()),
        Just("live.volcengineapi.com:443".to_string()),
        Just("/a b/%zz?".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn signing_returns_a_result_for_any_input(
        scheme in 0..3usize,
        method in any_text(),
        host in any_text(),
        path in any_text(),
        raw in proptest::option::of(any_text()),
        pairs in proptest::collection::vec((any_text(), any_text()), 0..4),
        headers in proptest::collection::vec((any_text(), any_text()), 0..4),
        body in proptest::collection::vec(any::<u8>(), 0..64),
        signed in proptest::option::of(proptest::collection::vec(any_text(), 0..3)),
        time in any::<i64>(),
        nonce in proptest::option::of(any_text()),
        region in proptest::option::of(any_text()),
        key in any_text(),
        secret in any_text(),
        token in proptest::option::of(any_text()),
    ) {
        let scheme = [Scheme::Volcengine, Scheme::Tc3, Scheme::Acs3][scheme];
        let Ok(creds) = Credentials::new(key, secret, token) else { return Ok(()) };
        let signed_refs: Option<Vec<&str>> =
            signed.as_ref().map(|list| list.iter().map(String::as_str).collect());
        let req = SigningRequest {
            method: &method,
            host: &host,
            path: &path,
            query: match &raw { Some(r) => Query::Raw(r), None => Query::Pairs(&pairs) },
            headers: &headers,
            body: &body,
            protocol: "https",
            region: region.as_deref(),
            service: None,
            signed_headers: signed_refs.as_deref(),
            time_ms: time,
            nonce: nonce.as_deref(),
        };
        if let Ok(out) = sign(scheme, &creds, &req, &KeyCache::default()) {
            prop_assert!(out.authorization.starts_with(scheme.algorithm()));
        }
    }

    #[test]
    fn answers_of_any_shape_are_read_or_refused(status in any::<u16>(), body in prop_oneof!["\\PC{0,200}", "[{}\\[\\]\":,a-zA-Z0-9 ]{0,120}"]) {
        for provider in Provider::ALL {
            let _ = parse_answer(provider, status, &body);
        }
    }

    #[test]
    fn endpoints_and_json_payloads_of_any_text(text in "\\PC{0,80}") {
        let _ = Endpoint::parse(Some(&text), "live.volcengineapi.com");
        for (p, a) in [("volcengine", "UpdateAuthKey"), ("tencent", "ModifyLiveDomainCertBindings"), ("aliyun", "ApplyCertificate")] {
            let r = validate_json(p, a, &text, Locale::Zh);
            match serde_json::from_str::<serde_json::Value>(&text) {
                // Text that is JSON is judged as that value; any other text is one error.
                Ok(v) => prop_assert_eq!(&r, &liveops::validate::validate(p, a, &v, Locale::Zh)),
                Err(_) => {
                    prop_assert!(!r.ok);
                    prop_assert_eq!(r.errors.len(), 1);
                    prop_assert_eq!(r.errors[0].code.as_str(), "InvalidPayload");
                }
            }
        }
    }

    #[test]
    fn stream_urls_from_any_input(domain in any_text(), app in any_text(), stream in any_text(), key in any_text(), t in any::<i64>(), k in any_text(), v in any_text()) {
        let auth_field = BTreeMap::from([(k, v)]);
        let _ = sign_stream_url(&StreamUrlInput {
            protocol: "rtmp", domain: &domain, app: &app, stream: &stream, suffix: "", secret_key: &key, expires_at: t, auth_field: &auth_field,
        });
    }
}
