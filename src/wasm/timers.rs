//! Waiting in JavaScript's event loop: abortable sleeps and per-attempt deadlines, with every
//! timer cleared and listener removed afterwards (no leaks, no late calls into freed closures).

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// The longest delay `setTimeout` honours; a longer one fires at once. Options are checked
/// against far smaller bounds; this keeps any computed wait from collapsing to zero.
const MAX_TIMER_MS: f64 = 2_147_483_647.0;

fn timer_ms(ms: f64) -> f64 {
    if ms.is_nan() {
        0.0
    } else {
        ms.clamp(0.0, MAX_TIMER_MS)
    }
}

pub(crate) fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Resolves after `ms`, or fails at once when `signal` aborts (`Err(())`).
pub(crate) async fn sleep(ms: f64, signal: Option<&AbortSignal>) -> Result<(), ()> {
    if signal.is_some_and(AbortSignal::aborted) {
        return Err(());
    }
    let mut settle: Option<(Function, Function)> = None;
    let promise = Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    let Some((resolve, reject)) = settle else {
        return Err(());
    };
    let on_timer = Closure::<dyn FnMut()>::new(move || {
        let _ = resolve.call0(&JsValue::UNDEFINED);
    });
    let on_abort = Closure::<dyn FnMut()>::new(move || {
        let _ = reject.call0(&JsValue::UNDEFINED);
    });
    let timer = set_timeout(on_timer.as_ref().unchecked_ref(), timer_ms(ms));
    if let Some(s) = signal {
        let _ = s.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
    }
    let outcome = JsFuture::from(promise).await;
    clear_timeout(&timer);
    if let Some(s) = signal {
        let _ = s.remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
    }
    outcome.map(|_| ()).map_err(|_| ())
}

/// Why an attempt's controller was aborted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cut {
    None,
    Timeout,
    Caller,
}

/// An `AbortController` for one attempt, aborted by the caller's signal or after `timeout_ms`.
pub(crate) struct Deadline {
    controller: AbortController,
    /// Resolves when the attempt is cut (never rejects: nothing is left unhandled).
    cut_promise: Promise,
    cut: Rc<Cell<Cut>>,
    timer: JsValue,
    on_timer: Closure<dyn FnMut()>,
    on_abort: Closure<dyn FnMut()>,
    caller: Option<AbortSignal>,
}

impl Deadline {
    pub(crate) fn start(
        timeout_ms: f64,
        caller: Option<&AbortSignal>,
    ) -> Result<Deadline, JsValue> {
        let controller = AbortController::new()?;
        let cut = Rc::new(Cell::new(Cut::None));
        let mut settle: Option<Function> = None;
        let cut_promise = Promise::new(&mut |resolve, _| settle = Some(resolve));
        let resolve = settle.ok_or(JsValue::UNDEFINED)?;
        let (c1, k1, r1) = (controller.clone(), cut.clone(), resolve.clone());
        let on_timer = Closure::<dyn FnMut()>::new(move || {
            if k1.get() == Cut::None {
                k1.set(Cut::Timeout);
            }
            c1.abort();
            let _ = r1.call0(&JsValue::UNDEFINED);
        });
        let (c2, k2, r2) = (controller.clone(), cut.clone(), resolve);
        let on_abort = Closure::<dyn FnMut()>::new(move || {
            if k2.get() == Cut::None {
                k2.set(Cut::Caller);
            }
            c2.abort();
            let _ = r2.call0(&JsValue::UNDEFINED);
        });
        let timer = set_timeout(on_timer.as_ref().unchecked_ref(), timer_ms(timeout_ms));
        if let Some(s) = caller {
            let _ = s.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
            if s.aborted() {
                cut.set(Cut::Caller);
                controller.abort();
                on_abort
                    .as_ref()
                    .unchecked_ref::<Function>()
                    .call0(&JsValue::UNDEFINED)?;
            }
        }
        Ok(Deadline {
            controller,
            cut_promise,
            cut,
            timer,
            on_timer,
            on_abort,
            caller: caller.cloned(),
        })
    }

    pub(crate) fn signal(&self) -> AbortSignal {
        self.controller.signal()
    }

    pub(crate) fn cut(&self) -> Cut {
        self.cut.get()
    }

    /// Resolves when the attempt is cut, by its timer or by the caller: raced against each read of
    /// an answer's body, so that the timeout covers the whole answer even where a runtime does not
    /// end a body stream on abort.
    pub(crate) fn when_cut(&self) -> JsFuture {
        JsFuture::from(self.cut_promise.clone())
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let Some(s) = &self.caller {
            let _ = s.remove_event_listener_with_callback(
                "abort",
                self.on_abort.as_ref().unchecked_ref(),
            );
        }
        let _ = &self.on_timer;
    }
}
