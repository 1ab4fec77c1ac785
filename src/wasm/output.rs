//! The one way values leave the module: a serde type, written as JSON text and parsed by the
//! engine in one crossing (cheaper than setting each field from Rust, and the shape is the serde
//! type's, which the TypeScript declarations describe). Values that hold JavaScript objects
//! (a batch's items and results, a caller's deploy targets, `Error`s) cannot be JSON: their
//! models are serialized straight into JavaScript values (`to_js_holding`), the objects passed
//! through as they are (`Held`).

use js_sys::JSON;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// `value` as a JavaScript value (`null` should it not serialize, which no type here can fail).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    serde_json::to_string(value)
        .ok()
        .and_then(|text| JSON::parse(&text).ok())
        .unwrap_or(JsValue::NULL)
}

/// `value`, a model holding JavaScript objects, as a JavaScript value: as `to_js` would write it
/// (`None` is `null`, maps are objects) with each `Held` value the very object it holds. `null`
/// should it not serialize; a number beyond 2^53 would not, so such data (a cloud's raw record)
/// stays with `to_js`.
pub(crate) fn to_js_holding<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

/// A JavaScript value inside a model, handed back as it is (not copied, not converted). It only
/// serializes through `to_js_holding`.
#[derive(Clone, Debug)]
pub struct Held(pub JsValue);

impl Serialize for Held {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        serde_wasm_bindgen::preserve::serialize(&self.0, ser)
    }
}

/// A value of a held model written through JSON (`to_js`) all the same: data that may hold numbers
/// beyond 2^53 (a cloud's raw record), which JSON parses as the engine does and `to_js_holding`
/// refuses.
pub struct ViaJson<T>(pub T);

impl<T: Serialize> Serialize for ViaJson<T> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        serde_wasm_bindgen::preserve::serialize(&to_js(&self.0), ser)
    }
}

/// Header pairs written as one object, in their order (a map type would sort them).
pub(crate) struct PairsAsMap<'a>(pub &'a [(String, String)]);

impl Serialize for PairsAsMap<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}
