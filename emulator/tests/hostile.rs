//! The verifier never panics, whatever a request carries: arbitrary Authorization, time and nonce
//! headers, queries and bodies are refused with an error.

use liveops::KeyCache;
use liveops_emulator::auth::{verify, Incoming, Keys};
use liveops_emulator::Cloud;
use proptest::prelude::*;

fn header_value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~]{0,60}",
        "(HMAC-SHA256|TC3-HMAC-SHA256|ACS3-HMAC-SHA256) Credential=[A-Za-z0-9/]{0,30}, ?SignedHeaders=[a-z;-]{0,30}, ?Signature=[0-9a-f]{0,64}",
        "[0-9]{0,20}",
        "20[0-9]{6}T[0-9]{6}Z",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn any_request_is_verified_or_refused(
        auth in header_value(),
        date in header_value(),
        other in proptest::collection::vec(("[a-z-]{1,20}", header_value()), 0..4),
        query in "[ -~]{0,40}",
        body in proptest::collection::vec(any::<u8>(), 0..40),
        host in "[ -~]{0,30}",
    ) {
        let mut headers = vec![
            ("authorization".to_string(), auth),
            ("x-date".to_string(), date.clone()),
            ("x-tc-timestamp".to_string(), date.clone()),
            ("x-acs-date".to_string(), date),
        ];
        headers.extend(other);
        let req = Incoming { method: "POST", host: &host, path: "/", raw_query: &query, headers: &headers, body: &body };
        let keys = Keys { access_key_id: "AK", secret_access_key: "SK" };
        for cloud in [Cloud::Volcengine, Cloud::Tencent, Cloud::Aliyun] {
            prop_assert!(verify(cloud, &req, &keys, 1_700_000_000_000, &KeyCache::default(), |_, _| liveops_emulator::limits::NonceUse::First).is_err());
        }
    }
}
