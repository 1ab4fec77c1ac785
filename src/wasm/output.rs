//! The one way values leave the module: a serde type, written as JSON text and parsed by the
//! engine in one crossing (cheaper than setting each field from Rust, and the shape is the serde
//! type's, which the TypeScript declarations describe). Values that hold JavaScript objects
//! (a batch's items and results) are the exception and are built in place.

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

/// Header pairs written as one object, in their order (a map type would sort them).
pub(crate) struct PairsAsMap<'a>(pub &'a [(String, String)]);

impl Serialize for PairsAsMap<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}
