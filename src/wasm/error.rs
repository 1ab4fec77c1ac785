//! Errors that cross into JavaScript as real `Error` objects with a stable `name` and `code`.

use js_sys::{Error, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::output::to_js;

use crate::error::{ErrorName, SignError};

/// An `Error` named `name`, with `code` and any extra fields set on it.
pub(crate) fn named_error(
    name: ErrorName,
    code: &str,
    message: &str,
    fields: &[(&str, JsValue)],
) -> JsValue {
    let err = Error::new(message);
    err.set_name(name.as_str());
    let obj: &JsValue = err.as_ref();
    let _ = Reflect::set(obj, &"code".into(), &code.into());
    for (key, value) in fields {
        let _ = Reflect::set(obj, &(*key).into(), value);
    }
    err.into()
}

impl From<SignError> for JsValue {
    fn from(e: SignError) -> JsValue {
        named_error(ErrorName::Signing, e.code(), &e.message(), &[])
    }
}

/// An `Error` named `name` with the fields of `fields` (an object: a model written by `to_js`).
pub(crate) fn error_with(name: ErrorName, message: &str, fields: &JsValue) -> JsValue {
    let err = Error::new(message);
    err.set_name(name.as_str());
    Object::assign(err.as_ref(), fields.unchecked_ref());
    err.into()
}

/// The fields of a `ConfigError`, besides `name` and `message`.
#[derive(serde::Serialize)]
#[cfg_attr(ts_full, derive(tsify::Tsify))]
pub struct ConfigErrorFields<'a> {
    pub code: &'a str,
    /// The option at fault (`rateLimit`, `endpoint`, `items`…).
    pub option: &'a str,
}

/// A `ConfigError`: an option (or argument) that cannot be honoured, named in `option`.
pub(crate) fn config_error(code: &str, message: &str, option: &str) -> JsValue {
    error_with(ErrorName::Config, message, &to_js(&ConfigErrorFields { code, option }))
}
