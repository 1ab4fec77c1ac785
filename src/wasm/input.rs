//! Reading JavaScript values without trusting them. Every read that can run user code (a getter,
//! a Proxy trap, a revoked Proxy) goes through an import that catches what it throws; every length
//! is checked before anything is sized from it; arrays are copied once (a snapshot) so that code
//! run meanwhile cannot grow them under us; strings are measured before they are copied into wasm
//! memory. Errors name the field and never echo its value (it may be a secret).

use js_sys::{Array, JsString, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::SignError;

/// The longest string read from JavaScript, in UTF-16 units, except bodies.
pub(crate) const MAX_TEXT: u32 = 1 << 20;
/// The longest body read from JavaScript, in bytes or UTF-16 units.
pub(crate) const MAX_BODY: u32 = 32 << 20;
/// The most entries of an array or object read from JavaScript (query pairs, headers…).
pub(crate) const MAX_ENTRIES: u32 = 10_000;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array_catching(v: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = entries)]
    fn entries_catching(v: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["Array", "prototype", "slice"], js_name = call)]
    fn slice_catching(v: &JsValue, start: u32, end: u32) -> Result<Array, JsValue>;
    /// True only for genuine typed arrays and DataViews: a Proxy cannot pretend.
    #[wasm_bindgen(js_namespace = ArrayBuffer, js_name = isView)]
    fn is_view(v: &JsValue) -> bool;
    #[wasm_bindgen(js_name = Uint8Array)]
    type FreshBytes;
    /// A copy of a typed array's bytes (throws, caught, on a detached buffer).
    #[wasm_bindgen(catch, constructor, js_class = "Uint8Array")]
    fn new(src: &JsValue) -> Result<FreshBytes, JsValue>;
    #[wasm_bindgen(js_name = TextEncoder)]
    type Utf8Encoder;
    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Utf8Encoder;
    /// `encodeInto(text, dest)`: UTF-8 written straight into `dest`; returns `{ read, written }`.
    #[wasm_bindgen(method, js_class = "TextEncoder", js_name = encodeInto)]
    fn encode_into(this: &Utf8Encoder, text: &JsString, dest: &mut [u8]) -> EncodeIntoResult;

    type EncodeIntoResult;
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeIntoResult) -> u32;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeIntoResult) -> u32;
}

thread_local! {
    static UTF8: Utf8Encoder = Utf8Encoder::new();
}

/// `obj[name]`, with `None` for `undefined` and `null`. A getter or Proxy that throws is an error
/// naming the field.
pub(crate) fn field(obj: &JsValue, name: &'static str) -> Result<Option<JsValue>, SignError> {
    if !obj.is_object() && !obj.is_function() {
        return Ok(None);
    }
    match Reflect::get(obj, &JsValue::from_str(name)) {
        Ok(v) if v.is_undefined() || v.is_null() => Ok(None),
        Ok(v) => Ok(Some(v)),
        Err(_) => Err(SignError::InvalidInput(name, "a readable value (reading it threw)")),
    }
}

/// A JS string of at most `max` UTF-16 units, copied into Rust.
pub(crate) fn string_within(v: &JsValue, max: u32) -> Option<Result<String, ()>> {
    let s = v.dyn_ref::<JsString>()?;
    if s.length() > max {
        return Some(Err(()));
    }
    Some(s.as_string().ok_or(()))
}

/// A long JS string of at most `max` UTF-16 units, copied into Rust by the engine's own UTF-8
/// encoder, written straight into the module's memory. For texts of kilobytes (a payload's
/// JSON): the glue's transfer of `String` goes a character at a time for ASCII, about four
/// times slower at 15 KB. A lone surrogate in the string becomes U+FFFD (a payload's JSON has
/// none: `JSON.stringify` escapes them as `\uD800`, which the JSON parser then refuses).
pub(crate) fn long_string_within(v: &JsValue, max: u32) -> Option<Result<String, ()>> {
    let s = v.dyn_ref::<JsString>()?;
    if s.length() > max {
        return Some(Err(()));
    }
    // First a byte per UTF-16 unit, which holds all of an ASCII text (JSON mostly is); then, if
    // the encoder stopped short (at a whole character), the rest at most 3 bytes per unit. One
    // buffer of 3 bytes per unit from the start would take 24 MiB of the module's memory for a
    // payload of 8 MiB, which a wasm memory never gives back.
    let units = s.length();
    let mut bytes = vec![0u8; units as usize];
    let first = UTF8.with(|e| e.encode_into(s, &mut bytes));
    let (mut read, mut written) = (first.read(), first.written() as usize);
    if read < units {
        let rest = s.slice(read, units);
        bytes.resize(written + (units - read) as usize * 3, 0);
        let more = UTF8.with(|e| e.encode_into(&rest, &mut bytes[written..]));
        read += more.read();
        written += more.written() as usize;
    }
    if read != units {
        return Some(Err(()));
    }
    bytes.truncate(written);
    Some(String::from_utf8(bytes).map_err(|_| ()))
}

pub(crate) fn opt_string(obj: &JsValue, name: &'static str) -> Result<Option<String>, SignError> {
    match field(obj, name)? {
        None => Ok(None),
        Some(v) => match string_within(&v, MAX_TEXT) {
            Some(Ok(s)) => Ok(Some(s)),
            Some(Err(())) => Err(SignError::InvalidInput(name, "a string of at most 1 MiB")),
            None => Err(SignError::InvalidInput(name, "a string")),
        },
    }
}

pub(crate) fn req_string(obj: &JsValue, name: &'static str) -> Result<String, SignError> {
    opt_string(obj, name)?.ok_or(SignError::MissingField(name))
}

/// A number (finite or not: callers check their own range).
pub(crate) fn opt_number(obj: &JsValue, name: &'static str) -> Result<Option<f64>, SignError> {
    match field(obj, name)? {
        None => Ok(None),
        Some(v) => v.as_f64().map(Some).ok_or(SignError::InvalidInput(name, "a number")),
    }
}

/// A copy of the array `v` (at most `max` entries), read once: later changes to `v`, getters and
/// Proxy traps cannot reach the copy. `None` when `v` is not an array.
pub(crate) fn snapshot(v: &JsValue, max: u32) -> Option<Result<Array, ()>> {
    match is_array_catching(v) {
        Ok(true) => {}
        Ok(false) => return None,
        Err(_) => return Some(Err(())),
    }
    let len = match Reflect::get(v, &JsValue::from_str("length")).map(|l| l.as_f64()) {
        Ok(Some(n)) if n >= 0.0 && n <= max as f64 && n.fract() == 0.0 => n as u32,
        _ => return Some(Err(())),
    };
    Some(slice_catching(v, 0, len).map_err(|_| ()).and_then(|copy| {
        // A Proxy can report one length and hand over another.
        if copy.length() == len {
            Ok(copy)
        } else {
            Err(())
        }
    }))
}

fn array_field(
    obj: &JsValue,
    name: &'static str,
    shape: &'static str,
) -> Result<Option<Array>, SignError> {
    let Some(v) = field(obj, name)? else {
        return Ok(None);
    };
    match snapshot(&v, MAX_ENTRIES) {
        Some(Ok(a)) => Ok(Some(a)),
        _ => Err(SignError::InvalidInput(name, shape)),
    }
}

/// `[string, string][]`, at most `MAX_ENTRIES` pairs.
pub(crate) fn opt_pairs(
    obj: &JsValue,
    name: &'static str,
) -> Result<Option<Vec<(String, String)>>, SignError> {
    const SHAPE: &str = "an array of at most 10000 [key, value] string pairs";
    let Some(arr) = array_field(obj, name, SHAPE)? else {
        return Ok(None);
    };
    let mut out = Vec::with_capacity(arr.length() as usize);
    for item in arr.iter() {
        let pair = match snapshot(&item, 2) {
            Some(Ok(p)) if p.length() == 2 => p,
            _ => return Err(SignError::InvalidInput(name, SHAPE)),
        };
        match (string_within(&pair.get(0), MAX_TEXT), string_within(&pair.get(1), MAX_TEXT)) {
            (Some(Ok(k)), Some(Ok(v))) => out.push((k, v)),
            _ => return Err(SignError::InvalidInput(name, SHAPE)),
        }
    }
    Ok(Some(out))
}

/// `Record<string, string>`, in the object's own key order, at most `MAX_ENTRIES` entries.
pub(crate) fn opt_record(
    obj: &JsValue,
    name: &'static str,
) -> Result<Vec<(String, String)>, SignError> {
    const SHAPE: &str = "an object of at most 10000 string values";
    let Some(v) = field(obj, name)? else {
        return Ok(Vec::new());
    };
    if !v.is_object() || !matches!(is_array_catching(&v), Ok(false)) {
        return Err(SignError::InvalidInput(name, SHAPE));
    }
    let entries = entries_catching(&v).map_err(|_| SignError::InvalidInput(name, SHAPE))?;
    if entries.length() > MAX_ENTRIES {
        return Err(SignError::InvalidInput(name, SHAPE));
    }
    let mut out = Vec::with_capacity(entries.length() as usize);
    for entry in entries.iter() {
        // `Object.entries` makes fresh two-element arrays of plain values.
        let entry: Array = entry.unchecked_into();
        match (string_within(&entry.get(0), MAX_TEXT), string_within(&entry.get(1), MAX_TEXT)) {
            (Some(Ok(k)), Some(Ok(v))) => out.push((k, v)),
            _ => return Err(SignError::InvalidInput(name, SHAPE)),
        }
    }
    Ok(out)
}

/// `string[]`, at most `MAX_ENTRIES` entries.
pub(crate) fn opt_strings(
    obj: &JsValue,
    name: &'static str,
) -> Result<Option<Vec<String>>, SignError> {
    const SHAPE: &str = "an array of at most 10000 strings";
    let Some(arr) = array_field(obj, name, SHAPE)? else {
        return Ok(None);
    };
    arr.iter()
        .map(|s| match string_within(&s, MAX_TEXT) {
            Some(Ok(s)) => Ok(s),
            _ => Err(SignError::InvalidInput(name, SHAPE)),
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// A body given as a string (sent as UTF-8) or as bytes, at most 32 MiB.
pub(crate) fn opt_body(obj: &JsValue, name: &'static str) -> Result<Vec<u8>, SignError> {
    const SHAPE: &str = "a string or a Uint8Array of at most 32 MiB";
    let Some(v) = field(obj, name)? else {
        return Ok(Vec::new());
    };
    if let Some(s) = string_within(&v, MAX_BODY) {
        return s.map(String::into_bytes).map_err(|_| SignError::InvalidInput(name, SHAPE));
    }
    if !is_view(&v) || !v.has_type::<Uint8Array>() {
        return Err(SignError::InvalidInput(name, SHAPE));
    }
    let declared = Reflect::get(&v, &JsValue::from_str("byteLength")).map(|n| n.as_f64());
    if !matches!(declared, Ok(Some(n)) if n <= MAX_BODY as f64) {
        return Err(SignError::InvalidInput(name, SHAPE));
    }
    let copy: Uint8Array =
        FreshBytes::new(&v).map_err(|_| SignError::InvalidInput(name, SHAPE))?.unchecked_into();
    if copy.length() > MAX_BODY {
        return Err(SignError::InvalidInput(name, SHAPE));
    }
    Ok(copy.to_vec())
}

/// Whether `v` is a plain object (not an array, not a function): what options must be.
pub(crate) fn is_options_object(v: &JsValue) -> bool {
    v.is_object() && matches!(is_array_catching(v), Ok(false))
}

/// An empty object, for optional payloads left out.
pub(crate) fn empty_object() -> JsValue {
    Object::new().into()
}

/// An options argument as callers pass it: left out (`undefined`, `null`), an object, or a bare
/// `AbortSignal`, which is taken as `{ signal }` (passing the signal itself is a common slip, and
/// ignoring it would silently lose the cancellation).
pub(crate) struct CallerOptions {
    /// The options object (an empty one when left out or when a bare signal was given).
    pub obj: JsValue,
    pub signal: Option<web_sys::AbortSignal>,
}

/// Reads `options` for `what` (`runBatch`, `certificateInventory`…): anything but an object, a
/// bare signal or nothing is a `ConfigError` (`InvalidOption`), as is a `signal` that is not an
/// `AbortSignal` or cannot be read.
pub(crate) fn caller_options(options: &JsValue, what: &str) -> Result<CallerOptions, JsValue> {
    use super::error::config_error;
    if options.is_undefined() || options.is_null() {
        return Ok(CallerOptions { obj: empty_object(), signal: None });
    }
    if let Some(signal) = options.dyn_ref::<web_sys::AbortSignal>() {
        return Ok(CallerOptions { obj: empty_object(), signal: Some(signal.clone()) });
    }
    if !is_options_object(options) {
        return Err(config_error(
            "InvalidOption",
            &format!("{what}: options must be an object (or an AbortSignal)"),
            "options",
        ));
    }
    let signal = match field(options, "signal") {
        Err(_) => {
            return Err(config_error(
                "InvalidOption",
                &format!("{what}: option signal cannot be read"),
                "signal",
            ))
        }
        Ok(None) => None,
        Ok(Some(v)) => Some(v.dyn_into::<web_sys::AbortSignal>().map_err(|_| {
            config_error(
                "InvalidOption",
                &format!("{what}: option signal must be an AbortSignal"),
                "signal",
            )
        })?),
    };
    Ok(CallerOptions { obj: options.clone(), signal })
}
