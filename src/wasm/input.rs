//! Reading fields of a plain JS object, with errors that name the field and never echo its value
//! (it may be a secret).

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use crate::error::SignError;

pub(crate) fn field(obj: &JsValue, name: &'static str) -> Option<JsValue> {
    Reflect::get(obj, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

pub(crate) fn opt_string(obj: &JsValue, name: &'static str) -> Result<Option<String>, SignError> {
    match field(obj, name) {
        None => Ok(None),
        Some(v) => v
            .as_string()
            .map(Some)
            .ok_or(SignError::InvalidInput(name, "a string")),
    }
}

pub(crate) fn req_string(obj: &JsValue, name: &'static str) -> Result<String, SignError> {
    opt_string(obj, name)?.ok_or(SignError::MissingField(name))
}

pub(crate) fn opt_number(obj: &JsValue, name: &'static str) -> Result<Option<f64>, SignError> {
    match field(obj, name) {
        None => Ok(None),
        Some(v) => v
            .as_f64()
            .map(Some)
            .ok_or(SignError::InvalidInput(name, "a number")),
    }
}

/// `[string, string][]`.
pub(crate) fn opt_pairs(
    obj: &JsValue,
    name: &'static str,
) -> Result<Option<Vec<(String, String)>>, SignError> {
    let Some(v) = field(obj, name) else {
        return Ok(None);
    };
    const SHAPE: &str = "an array of [key, value] string pairs";
    let arr: Array = v
        .dyn_into()
        .map_err(|_| SignError::InvalidInput(name, SHAPE))?;
    let mut out = Vec::with_capacity(arr.length() as usize);
    for item in arr.iter() {
        let pair: Array = item
            .dyn_into()
            .map_err(|_| SignError::InvalidInput(name, SHAPE))?;
        if pair.length() != 2 {
            return Err(SignError::InvalidInput(name, SHAPE));
        }
        let k = pair.get(0).as_string();
        let v = pair.get(1).as_string();
        match (k, v) {
            (Some(k), Some(v)) => out.push((k, v)),
            _ => return Err(SignError::InvalidInput(name, SHAPE)),
        }
    }
    Ok(Some(out))
}

/// `Record<string, string>`, in the object's own key order.
pub(crate) fn opt_record(
    obj: &JsValue,
    name: &'static str,
) -> Result<Vec<(String, String)>, SignError> {
    let Some(v) = field(obj, name) else {
        return Ok(Vec::new());
    };
    const SHAPE: &str = "an object of string values";
    if !v.is_object() || Array::is_array(&v) {
        return Err(SignError::InvalidInput(name, SHAPE));
    }
    let entries = Object::entries(v.unchecked_ref());
    let mut out = Vec::with_capacity(entries.length() as usize);
    for entry in entries.iter() {
        let entry: Array = entry.unchecked_into();
        match (entry.get(0).as_string(), entry.get(1).as_string()) {
            (Some(k), Some(v)) => out.push((k, v)),
            _ => return Err(SignError::InvalidInput(name, SHAPE)),
        }
    }
    Ok(out)
}

/// `string[]`.
pub(crate) fn opt_strings(
    obj: &JsValue,
    name: &'static str,
) -> Result<Option<Vec<String>>, SignError> {
    let Some(v) = field(obj, name) else {
        return Ok(None);
    };
    const SHAPE: &str = "an array of strings";
    let arr: Array = v
        .dyn_into()
        .map_err(|_| SignError::InvalidInput(name, SHAPE))?;
    arr.iter()
        .map(|s| s.as_string().ok_or(SignError::InvalidInput(name, SHAPE)))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// A body given as a string (sent as UTF-8) or as bytes.
pub(crate) fn opt_body(obj: &JsValue, name: &'static str) -> Result<Vec<u8>, SignError> {
    let Some(v) = field(obj, name) else {
        return Ok(Vec::new());
    };
    if let Some(s) = v.as_string() {
        return Ok(s.into_bytes());
    }
    if let Some(bytes) = v.dyn_ref::<Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    Err(SignError::InvalidInput(name, "a string or a Uint8Array"))
}
