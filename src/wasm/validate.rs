//! `validate`: a report, never a throw.

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;

use crate::validate::{validate_json, Issue, Locale, Report};

#[wasm_bindgen(typescript_custom_section)]
const TS_VALIDATE: &'static str = r#"
export type Provider = "volcengine" | "tencent" | "aliyun";
export type Action = "UpdateAuthKey" | "ListCertV2" | "UnbindCert" | "ModifyLiveDomainCertBindings" | "ApplyCertificate";

export interface ValidationIssue {
  /** The field as a user writes it (`AuthDetailList[3].SecretKey`); `""` is the payload. */
  path: string;
  /** The cloud's own code for the mistake where documented (`InvalidParam`, `MissingSiteId`…), else ours. */
  code: string;
  message: string;
}

export interface ValidationReport {
  /** No errors (warnings allowed). */
  ok: boolean;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}

export interface ValidateOptions {
  locale?: "en" | "zh";
}
"#;

/// Validates `payload` with the rules the cloud applies to `action`. Never throws: an unknown
/// provider or action, or a payload that is not JSON, is a report with `ok: false`.
#[wasm_bindgen(js_name = validate, unchecked_return_type = "ValidationReport")]
pub fn validate_js(
    #[wasm_bindgen(unchecked_param_type = "Provider | string")] provider: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Action | string")] action: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] payload: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] options: JsValue,
) -> JsValue {
    report_to_js(&validate_value(&provider, &action, &payload, &options))
}

pub(crate) fn locale_of(options: &JsValue) -> Locale {
    if !options.is_object() {
        return Locale::En;
    }
    Reflect::get(options, &"locale".into())
        .ok()
        .and_then(|l| l.as_string())
        .map(|l| Locale::parse(&l))
        .unwrap_or_default()
}

/// A payload checked against `op`: its JSON value when the report has no errors.
pub(crate) fn checked_payload(
    op: &crate::validate::Operation,
    payload: &JsValue,
    locale: Locale,
) -> Result<serde_json::Value, Report> {
    let text = payload_json(payload).unwrap_or_default();
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(v) => {
            let report = crate::validate::validate_operation(op, &v, locale);
            if report.ok {
                Ok(v)
            } else {
                Err(report)
            }
        }
        Err(_) => Err(validate_json(
            op.provider.as_str(),
            op.action,
            &text,
            locale,
        )),
    }
}

pub(crate) fn validate_value(
    provider: &JsValue,
    action: &JsValue,
    payload: &JsValue,
    options: &JsValue,
) -> Report {
    let provider = provider.as_string().unwrap_or_default();
    let action = action.as_string().unwrap_or_default();
    let text = payload_json(payload).unwrap_or_default();
    validate_json(&provider, &action, &text, locale_of(options))
}

/// The payload as JSON text. BigInt values become decimal strings (how an int64 beyond 2^53 is
/// sent); cycles and other unserializable values give `None`, which the validator reports.
fn payload_json(payload: &JsValue) -> Option<String> {
    if payload.is_undefined() {
        return None;
    }
    if let Ok(s) = JSON::stringify(payload) {
        return s.as_string();
    }
    let replacer =
        Closure::<dyn Fn(JsValue, JsValue) -> JsValue>::new(|_key: JsValue, value: JsValue| {
            match value.dyn_ref::<js_sys::BigInt>() {
                Some(big) => big.to_string(10).map(JsValue::from).unwrap_or(value),
                None => value,
            }
        });
    JSON::stringify_with_replacer(payload, replacer.as_ref().unchecked_ref())
        .ok()
        .and_then(|s| s.as_string())
}

fn issues_to_js(issues: &[Issue]) -> Array {
    issues
        .iter()
        .map(|i| {
            let o = Object::new();
            let _ = Reflect::set(&o, &"path".into(), &i.path.as_str().into());
            let _ = Reflect::set(&o, &"code".into(), &i.code.as_str().into());
            let _ = Reflect::set(&o, &"message".into(), &i.message.as_str().into());
            JsValue::from(o)
        })
        .collect()
}

pub(crate) fn report_to_js(r: &Report) -> JsValue {
    let o = Object::new();
    let _ = Reflect::set(&o, &"ok".into(), &r.ok.into());
    let _ = Reflect::set(&o, &"errors".into(), &issues_to_js(&r.errors));
    let _ = Reflect::set(&o, &"warnings".into(), &issues_to_js(&r.warnings));
    o.into()
}
