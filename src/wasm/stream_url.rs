//! `signStreamUrl`: push and pull URLs signed with Volcengine's md5 URL authentication (the full
//! package only: `liveops/sign` signs API requests).

use wasm_bindgen::prelude::*;

use super::input::*;
use crate::error::{ErrorName, SignError};

/// A push or pull URL signed with Volcengine's md5 URL authentication. Throws a `SigningError`
/// (code `InvalidStreamUrlInput`, with `field`) on bad input; the key is never in a message.
#[wasm_bindgen(js_name = signStreamUrl)]
pub fn sign_stream_url(
    #[wasm_bindgen(unchecked_param_type = "StreamUrlInput")] input: JsValue,
) -> Result<String, JsValue> {
    use crate::sign::stream_url::{sign_stream_url, StreamUrlInput};
    if !input.is_object() {
        return Err(SignError::InvalidInput("input", "an object").into());
    }
    let protocol = opt_string(&input, "protocol")?.unwrap_or_else(|| "rtmp".into());
    let domain = req_string(&input, "domain")?;
    let app = req_string(&input, "app")?;
    let stream = req_string(&input, "stream")?;
    let suffix = opt_string(&input, "suffix")?.unwrap_or_default();
    let secret_key = req_string(&input, "secretKey")?;
    let expires_at =
        opt_number(&input, "expiresAt")?.ok_or(SignError::MissingField("expiresAt"))?;
    let auth_field = opt_record(&input, "authField")?.into_iter().collect();
    let args = StreamUrlInput {
        protocol: &protocol,
        domain: &domain,
        app: &app,
        stream: &stream,
        suffix: &suffix,
        secret_key: &secret_key,
        expires_at: if expires_at.is_finite() && expires_at < 1e13 {
            expires_at.floor() as i64
        } else {
            0
        },
        auth_field: &auth_field,
    };
    sign_stream_url(&args).map_err(|e| {
        super::error::named_error(
            ErrorName::Signing,
            "InvalidStreamUrlInput",
            &format!("{}: expected {}", e.field, e.message),
            &[("field", e.field.into())],
        )
    })
}
