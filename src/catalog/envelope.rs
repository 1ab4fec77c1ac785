//! Each cloud's answer envelope, described once: how the client reads an answer and how the
//! emulator writes one, with the typed structs of the cloud modules (`ResponseMetadata` and
//! `VolcError`, `TencentError`, `AliyunError`).
//!
//! Volcengine: `{"ResponseMetadata": {RequestId, Action, Version, Service, Region, Error?}, "Result"?}`.
//! Tencent: `{"Response": {…result, RequestId, Error?}}`, always HTTP 200.
//! Alibaba: the result with `RequestId` on success; a flat `{RequestId, HostId, Code, Message,
//! Recommend}` with a 4xx/5xx status on failure.

use serde_json::{json, Map, Value};

use super::aliyun_esa::AliyunError;
use super::tencent_live::TencentError;
use super::volcengine_live::{ResponseMetadata, VolcError};
use super::Provider;

/// What an envelope says.
#[derive(Debug, Clone, PartialEq)]
pub enum Envelope {
    /// The result, without the envelope (`RequestId` is kept apart).
    Ok { request_id: Option<String>, result: Map<String, Value> },
    /// The cloud's refusal.
    Error { request_id: Option<String>, code: String, message: String },
}

/// The per-request facts an answer repeats.
#[derive(Debug, Clone, Copy)]
pub struct Meta<'a> {
    pub request_id: &'a str,
    pub action: &'a str,
    pub version: &'a str,
}

fn text(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).map(String::from)
}

/// An error object's `{Code, Message}` (the `VolcError`, `TencentError` and `AliyunError` fields),
/// read by name rather than through serde: the same fields, at a fraction of the module's size.
fn error_object(request_id: Option<String>, err: &Value) -> Envelope {
    Envelope::Error {
        request_id,
        code: text(err.get("Code")).unwrap_or_else(|| "UnknownError".into()),
        message: text(err.get("Message")).unwrap_or_default(),
    }
}

/// Reads `json` as `provider`'s envelope; `Err` names what is missing. A 2xx Alibaba body is the
/// result whatever it holds.
pub fn read(provider: Provider, status: u16, json: &Value) -> Result<Envelope, &'static str> {
    match provider {
        Provider::Volcengine => {
            let meta = json
                .get("ResponseMetadata")
                .filter(|m| m.is_object())
                .ok_or("no ResponseMetadata")?;
            let request_id = text(meta.get("RequestId").or_else(|| meta.get("RequestID")));
            if let Some(err) = meta.get("Error").filter(|e| !e.is_null()) {
                return Ok(error_object(request_id, err));
            }
            let result = match json.get("Result") {
                Some(Value::Object(o)) => o.clone(),
                None | Some(Value::Null) => Map::new(),
                Some(_) => return Err("Result is not an object"),
            };
            Ok(Envelope::Ok { request_id, result })
        }
        Provider::Tencent => {
            let response = json.get("Response").and_then(Value::as_object).ok_or("no Response")?;
            let request_id = text(response.get("RequestId"));
            if let Some(err) = response.get("Error").filter(|e| !e.is_null()) {
                let err: TencentError =
                    serde_json::from_value(err.clone()).unwrap_or(TencentError {
                        code: "UnknownError".into(),
                        message: text(err.get("Message")).unwrap_or_default(),
                    });
                return Ok(Envelope::Error { request_id, code: err.code, message: err.message });
            }
            let mut result = response.clone();
            result.remove("RequestId");
            Ok(Envelope::Ok { request_id, result })
        }
        Provider::Aliyun => {
            let obj = json.as_object().ok_or("not an object")?;
            let request_id = text(obj.get("RequestId"));
            if !(200..300).contains(&status) && obj.get("Code").is_some_and(Value::is_string) {
                return Ok(error_object(request_id, json));
            }
            let mut result = obj.clone();
            result.remove("RequestId");
            Ok(Envelope::Ok { request_id, result })
        }
    }
}

/// The success envelope of `provider` around `result` (an object, or null for none).
pub fn write_ok(provider: Provider, meta: &Meta<'_>, result: Value) -> Value {
    let with_id = |result: Value| {
        let mut r = result.as_object().cloned().unwrap_or_default();
        r.insert("RequestId".into(), json!(meta.request_id));
        Value::Object(r)
    };
    match provider {
        Provider::Volcengine => {
            let mut b = json!({ "ResponseMetadata": volc_meta(meta, None) });
            if !result.is_null() {
                b["Result"] = result;
            }
            b
        }
        Provider::Tencent => json!({ "Response": with_id(result) }),
        Provider::Aliyun => with_id(result),
    }
}

/// The error envelope of `provider`. (`code_n`: Volcengine's gateway adds a numeric code.)
pub fn write_error(
    provider: Provider,
    meta: &Meta<'_>,
    code: &str,
    message: &str,
    code_n: Option<i64>,
) -> Value {
    match provider {
        Provider::Volcengine => {
            let error = VolcError { code: code.into(), message: message.into(), code_n };
            json!({ "ResponseMetadata": volc_meta(meta, Some(error)) })
        }
        Provider::Tencent => {
            let error = TencentError { code: code.into(), message: message.into() };
            json!({ "Response": { "Error": error, "RequestId": meta.request_id } })
        }
        Provider::Aliyun => serde_json::to_value(AliyunError {
            request_id: meta.request_id.into(),
            host_id: provider.profile().default_host.into(),
            code: code.into(),
            message: message.into(),
            recommend: format!("https://api.aliyun.com/troubleshoot?q={code}&product=ESA"),
        })
        .unwrap_or(Value::Null),
    }
}

fn volc_meta(meta: &Meta<'_>, error: Option<VolcError>) -> Value {
    let profile = Provider::Volcengine.profile();
    serde_json::to_value(ResponseMetadata {
        request_id: meta.request_id.into(),
        action: meta.action.into(),
        version: meta.version.into(),
        service: profile.service.into(),
        region: super::volcengine_live::REGION.into(),
        error,
    })
    .unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    const META: Meta<'static> =
        Meta { request_id: "req-1", action: "UnbindCert", version: "2023-01-01" };

    #[test]
    fn what_is_written_reads_back() {
        for provider in Provider::ALL {
            let ok = write_ok(provider, &META, json!({ "Total": 1 }));
            assert_eq!(
                read(provider, 200, &ok),
                Ok(Envelope::Ok {
                    request_id: Some("req-1".into()),
                    result: json!({ "Total": 1 }).as_object().unwrap().clone(),
                }),
                "{provider:?}"
            );
            let err = write_error(provider, &META, "Throttling.User", "slow down", Some(7));
            assert_eq!(
                read(provider, 400, &err),
                Ok(Envelope::Error {
                    request_id: Some("req-1".into()),
                    code: "Throttling.User".into(),
                    message: "slow down".into(),
                }),
                "{provider:?}"
            );
        }
    }

    #[test]
    fn each_cloud_has_its_shape() {
        let v = write_error(Provider::Volcengine, &META, "InvalidParam", "m", Some(100010));
        assert_eq!(v["ResponseMetadata"]["Error"]["CodeN"], 100010);
        assert_eq!(v["ResponseMetadata"]["Service"], "live");
        let t = write_error(Provider::Tencent, &META, "InternalError", "m", None);
        assert_eq!(t["Response"]["Error"]["Code"], "InternalError");
        let a = write_error(Provider::Aliyun, &META, "SiteNotFound", "m", None);
        assert_eq!(
            (a["HostId"].as_str(), a["Code"].as_str()),
            (Some("esa.cn-hangzhou.aliyuncs.com"), Some("SiteNotFound"))
        );
        assert_eq!(write_ok(Provider::Volcengine, &META, Value::Null).get("Result"), None);
    }
}
