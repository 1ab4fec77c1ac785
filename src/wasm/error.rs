//! Errors that cross into JavaScript as real `Error` objects with a stable `name` and `code`.

use js_sys::{Error, Reflect};
use wasm_bindgen::JsValue;

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

/// A `ConfigError`: an option (or argument) that cannot be honoured, named in `option`.
pub(crate) fn config_error(code: &str, message: &str, option: &str) -> JsValue {
    named_error(
        ErrorName::Config,
        code,
        message,
        &[("option", option.into())],
    )
}
