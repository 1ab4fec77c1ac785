//! The signing core natively: the reference for the wasm figures of `npm run bench`.
//! Same request as the Node benchmark: POST with about 1 KB of JSON.

use criterion::{criterion_group, criterion_main, Criterion};
use liveops::validate::{validate, Locale};
use liveops::{sign, Credentials, KeyCache, Query, Scheme, SigningRequest};
use serde_json::json;
use std::hint::black_box;

fn body() -> Vec<u8> {
    let entries: Vec<_> = (0..8)
        .map(|i| json!({"SecretKey": format!("abcdef0123456789{i}"), "EncryptionAlgorithm": "md5", "AuthField": {"volcSecret": "sign", "volcTime": "expire"}}))
        .collect();
    serde_json::to_vec(&json!({"Domain": "push.example.com", "SceneType": "push", "AuthDetailList": entries, "ValidDuration": 3600})).unwrap()
}

fn signing(c: &mut Criterion) {
    let body = body();
    let creds =
        Credentials::new("AKLTEXAMPLEACCESSKEYID", "exampleSecretAccessKey0000000000", None)
            .unwrap();
    let query = vec![
        ("Action".to_string(), "UpdateAuthKey".to_string()),
        ("Version".to_string(), "2023-01-01".to_string()),
    ];
    let headers = vec![("content-type".to_string(), "application/json".to_string())];
    let cache = KeyCache::default();
    for (scheme, host) in [
        (Scheme::Volcengine, "live.volcengineapi.com"),
        (Scheme::Tc3, "live.tencentcloudapi.com"),
        (Scheme::Acs3, "esa.cn-hangzhou.aliyuncs.com"),
    ] {
        let req = SigningRequest {
            query: Query::Pairs(&query),
            headers: &headers,
            body: &body,
            nonce: Some("3156853299f313e23d1673dc12e1703d"),
            ..SigningRequest::new("POST", host, 1_741_939_750_000)
        };
        c.bench_function(&format!("sign/{}", scheme.as_str()), |b| {
            b.iter(|| sign(black_box(scheme), &creds, black_box(&req), &cache).unwrap())
        });
    }
    let uncached = KeyCache::with_capacity(0);
    let req = SigningRequest {
        query: Query::Pairs(&query),
        headers: &headers,
        body: &body,
        ..SigningRequest::new("POST", "live.volcengineapi.com", 1_741_939_750_000)
    };
    c.bench_function("sign/volcengine-no-key-cache", |b| {
        b.iter(|| sign(Scheme::Volcengine, &creds, black_box(&req), &uncached).unwrap())
    });
}

fn validation(c: &mut Criterion) {
    let entry = json!({"SecretKey": "abcdef0123456789", "EncryptionAlgorithm": "md5_custom", "AuthField": {"volcSecret": "sign", "volcTime": "expire"}, "EncryptField": ["path", "time"]});
    let payload = json!({"Vhost": "push.example.com", "App": "live", "SceneType": "push", "AuthDetailList": vec![entry; 100], "ValidDuration": 2592000, "PushPullEnable": true});
    c.bench_function("validate/UpdateAuthKey-100", |b| {
        b.iter(|| {
            assert!(validate("volcengine", "UpdateAuthKey", black_box(&payload), Locale::En).ok)
        })
    });
}

/// From JSON text, as the wasm build validates (the text is what crosses the boundary): the
/// parse into a tree is part of the cost.
fn validation_from_text(c: &mut Criterion) {
    let entry = json!({"SecretKey": "abcdef0123456789", "EncryptionAlgorithm": "md5_custom", "AuthField": {"volcSecret": "sign", "volcTime": "expire"}, "EncryptField": ["path", "time"]});
    let payload = json!({"Vhost": "push.example.com", "App": "live", "SceneType": "push", "AuthDetailList": vec![entry; 100], "ValidDuration": 2592000, "PushPullEnable": true});
    let text = payload.to_string();
    c.bench_function("validate/UpdateAuthKey-100-from-text", |b| {
        b.iter(|| {
            assert!(
                liveops::validate::validate_json(
                    "volcengine",
                    "UpdateAuthKey",
                    black_box(&text),
                    Locale::En
                )
                .ok
            )
        })
    });
    c.bench_function("parse/UpdateAuthKey-100-text", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&text)).unwrap())
    });
}

criterion_group!(benches, signing, validation, validation_from_text);
criterion_main!(benches);
