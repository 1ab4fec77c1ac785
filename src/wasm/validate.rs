//! `validate`: a report, never a throw.

use js_sys::JSON;
use wasm_bindgen::prelude::*;

use super::input::{field, long_string_within, string_within};
use crate::catalog::Contract;
use crate::validate::{validate_json_as_of, validate_json_operation, Locale, Problem, Report};

// As read: a locale it does not know is the default one; a contract it does not know is `None`,
// which `validate` reports.
#[cfg_attr(ts, derive(tsify::Tsify))]
pub struct ValidateOptions {
    #[cfg_attr(ts, tsify(optional, type = "Locale"))]
    pub locale: Locale,
    #[cfg_attr(ts, tsify(optional, type = "Contract"))]
    pub contract: Option<Contract>,
}

impl ValidateOptions {
    pub(crate) fn read(options: &JsValue) -> ValidateOptions {
        ValidateOptions { locale: locale_of(options), contract: contract_of(options) }
    }
}

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

/// The `contract` option: absent is the default; anything but a known contract is `None`.
pub(crate) fn contract_of(options: &JsValue) -> Option<Contract> {
    match field(options, "contract") {
        Ok(None) => Some(Contract::default()),
        Ok(Some(c)) => match string_within(&c, 16) {
            Some(Ok(c)) => Contract::parse(&c),
            _ => None,
        },
        Err(_) => None,
    }
}

pub(crate) fn locale_of(options: &JsValue) -> Locale {
    match field(options, "locale") {
        Ok(Some(l)) => match string_within(&l, 16) {
            Some(Ok(l)) => Locale::parse(&l),
            _ => Locale::En,
        },
        _ => Locale::En,
    }
}

/// The largest payload validated or sent, as JSON text (every operation's is far smaller).
const MAX_PAYLOAD_JSON: u32 = 8 << 20;

/// A short name (provider, action) or `""`: a long or non-string value matches nothing.
fn name_of(v: &JsValue) -> String {
    match string_within(v, 64) {
        Some(Ok(s)) => s,
        _ => String::new(),
    }
}

/// A payload checked against `op`: its JSON value when the report has no errors.
pub(crate) fn checked_payload(
    op: &crate::catalog::Operation,
    payload: &JsValue,
    locale: Locale,
) -> Result<serde_json::Value, Report> {
    let text = payload_json(payload).unwrap_or_default();
    let report = validate_json_operation(op, &text, locale);
    if !report.ok {
        return Err(report);
    }
    // Parsed text that passed the rules: it parses as a `Value` too (the same parser).
    serde_json::from_str(&text)
        .map_err(|_| Report::single("InvalidPayload", Problem::Unparsable, locale))
}

pub(crate) fn validate_value(
    provider: &JsValue,
    action: &JsValue,
    payload: &JsValue,
    options: &JsValue,
) -> Report {
    let provider = name_of(provider);
    let action = name_of(action);
    let ValidateOptions { locale, contract } = ValidateOptions::read(options);
    let Some(contract) = contract else {
        return Report::single("UnknownContract", Problem::UnknownContract, locale);
    };
    let text = payload_json(payload).unwrap_or_default();
    validate_json_as_of(&provider, &action, &text, locale, contract)
}

/// The payload as JSON text. BigInt values become decimal strings (how an int64 beyond 2^53 is
/// sent); cycles and other unserializable values give `None`, which the validator reports.
fn payload_json(payload: &JsValue) -> Option<String> {
    if payload.is_undefined() {
        return None;
    }
    let failure = match JSON::stringify(payload) {
        Ok(s) => return long_string_within(&s, MAX_PAYLOAD_JSON).and_then(Result::ok),
        Err(e) => e,
    };
    // Only a BigInt is worth a second, slower pass; anything else (a cycle, a throwing getter,
    // a string too long) fails the same way again.
    let bigint = failure.has_type::<js_sys::TypeError>()
        && js_sys::Reflect::get(&failure, &"message".into())
            .ok()
            .and_then(|m| string_within(&m, 1024).and_then(Result::ok))
            .is_some_and(|m| m.contains("BigInt"));
    if !bigint {
        return None;
    }
    // The replacer gives up past a bound (an exception ends `JSON.stringify` at once), so a
    // huge sparse array cannot keep it busy for billions of calls.
    let calls = std::cell::Cell::new(0u32);
    let replacer = Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(
        move |_key: JsValue, value: JsValue| {
            calls.set(calls.get().saturating_add(1));
            if calls.get() > MAX_REPLACER_CALLS {
                return Err(JsValue::from_str("payload too large"));
            }
            Ok(match value.dyn_ref::<js_sys::BigInt>() {
                Some(big) => big.to_string(10).map(JsValue::from).unwrap_or(value),
                None => value,
            })
        },
    );
    JSON::stringify_with_replacer(payload, replacer.as_ref().unchecked_ref())
        .ok()
        .and_then(|s| long_string_within(&s, MAX_PAYLOAD_JSON).and_then(Result::ok))
}

/// How many values the BigInt-aware pass looks at before it gives up.
const MAX_REPLACER_CALLS: u32 = 1_000_000;

pub(crate) fn report_to_js(r: &Report) -> JsValue {
    super::output::to_js(r)
}

/// Every official API host of the three clouds (their profiles): what a forwarding server may
/// reach, and nothing else.
#[wasm_bindgen(js_name = officialHosts, unchecked_return_type = "string[]")]
pub fn official_hosts() -> JsValue {
    let hosts: Vec<&str> = crate::catalog::Provider::ALL
        .iter()
        .flat_map(|p| p.profile().official_hosts.iter().copied())
        .collect();
    super::output::to_js(&hosts)
}
