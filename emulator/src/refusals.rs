//! Each cloud's answer to a request whose signature is refused: its code, status and words.

use crate::answer::Failure;
use crate::auth;
use liveops::catalog::Provider as Cloud;

pub(crate) fn auth_failure(cloud: Cloud, e: &auth::AuthError) -> Failure {
    use auth::AuthError::*;
    match (cloud, e) {
        (Cloud::Volcengine, Missing | Malformed(_)) => {
            Failure::gateway(401, "InvalidAuthorization", 100001, describe(e))
        }
        (Cloud::Tencent, Missing | Malformed(_)) => {
            Failure::new(200, "AuthFailure.InvalidAuthorization", describe(e))
        }
        (Cloud::Aliyun, Missing | Malformed(_)) => {
            Failure::new(400, "IncompleteSignature", describe(e))
        }
        (Cloud::Volcengine, UnknownKey) => {
            Failure::gateway(401, "InvalidAccessKey", 100009, describe(e))
        }
        (Cloud::Tencent, UnknownKey) => {
            Failure::new(200, "AuthFailure.SecretIdNotFound", describe(e))
        }
        (Cloud::Aliyun, UnknownKey) => {
            Failure::new(404, "InvalidAccessKeyId.NotFound", describe(e))
        }
        // A signature outside the window is refused with the code the client's profile knows as
        // clock skew (which it corrects and retries): one home for that code.
        (Cloud::Volcengine, Expired) => {
            Failure::gateway(400, skew_code(cloud), 100006, describe(e))
        }
        (Cloud::Tencent, Expired) => Failure::new(200, skew_code(cloud), describe(e)),
        (Cloud::Aliyun, Expired) => Failure::new(403, skew_code(cloud), describe(e)),
        (_, Replay) => Failure::new(400, "SignatureNonceUsed", describe(e)),
        (_, NoncesFull) => Failure::new(503, "ServiceUnavailable", describe(e)),
        (Cloud::Volcengine, Mismatch { .. }) => {
            Failure::gateway(401, "SignatureDoesNotMatch", 100010, describe(e))
        }
        (Cloud::Tencent, Mismatch { .. }) => {
            Failure::new(200, "AuthFailure.SignatureFailure", describe(e))
        }
        (Cloud::Aliyun, Mismatch { .. }) => Failure::new(400, "SignatureDoesNotMatch", describe(e)),
    }
}

fn describe(e: &auth::AuthError) -> String {
    use auth::AuthError::*;
    match e {
        Missing => "the request carries no Authorization header of this cloud's scheme".into(),
        Malformed(what) => format!("cannot read {what}"),
        UnknownKey => "the access key id does not exist".into(),
        Expired => "the signing time is outside the allowed window: check the clock".into(),
        Replay => "the signature nonce was used before".into(),
        NoncesFull => "too many requests within the signature window: try again later".into(),
        Mismatch { string_to_sign } => format!(
            "the request signature does not match the server's calculation; server string to sign: {}",
            string_to_sign.replace('\n', "\\n")
        ),
    }
}

/// A signature scoped to another service than the operation's (an SSL operation signed for `live`):
/// the cloud computes its own signature over its own service, so it cannot match.
pub(crate) fn wrong_service(cloud: Cloud, signed: &str, wanted: &str) -> Failure {
    let words = format!(
        "the signature is scoped to the service {signed}, but this operation belongs to {wanted}"
    );
    match cloud {
        Cloud::Tencent => Failure::new(200, "AuthFailure.SignatureFailure", words),
        Cloud::Volcengine => Failure::gateway(401, "SignatureDoesNotMatch", 100010, words),
        Cloud::Aliyun => Failure::new(400, "SignatureDoesNotMatch", words),
    }
}

/// The code with which `cloud` refuses a signature outside its window: its profile's first
/// clock-skew code.
fn skew_code(cloud: Cloud) -> &'static str {
    cloud.profile().skew_codes[0]
}

/// A payload that passed the rule table but that the request model cannot read: the rules and
/// the model disagree (a bug of the catalog), answered as the cloud answers a bad parameter.
pub(crate) fn undecodable(cloud: Cloud, e: &serde_json::Error) -> Failure {
    let words = format!("a parameter cannot be read: {e}");
    match cloud {
        Cloud::Volcengine => Failure::new(400, "InvalidParam", words),
        Cloud::Tencent => Failure::new(200, "InvalidParameter", words),
        Cloud::Aliyun => Failure::new(400, "InvalidParameter", words),
    }
}
