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

/// One listener per caller's `AbortSignal`, however many calls watch it: each call subscribes a
/// function, the one listener calls them all. Node warns of a leak past ten listeners on a signal
/// (`MaxListenersExceededWarning`), and one signal across many concurrent calls is the common
/// case (`runBatch`, a page's "Cancel"). The listener goes when its last subscriber does.
struct Hub {
    signal: AbortSignal,
    subscribers: js_sys::Set,
    listener: Closure<dyn FnMut()>,
}

thread_local! {
    /// Signal → its hub's slot (a number), weakly: a signal that goes, goes.
    static HUB_OF: js_sys::WeakMap = js_sys::WeakMap::new();
    static HUBS: std::cell::RefCell<Vec<Option<Hub>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Calls `f` when `signal` aborts, until the subscription is dropped.
pub(crate) struct Subscription {
    slot: usize,
    f: JsValue,
}

pub(crate) fn when_aborted(signal: &AbortSignal, f: &Function) -> Subscription {
    let key: &js_sys::Object = signal.unchecked_ref();
    let slot = HUB_OF.with(|m| m.get(key).as_f64()).map(|n| n as usize);
    let slot = match slot {
        Some(slot) => slot,
        None => HUBS.with(|hubs| {
            let mut hubs = hubs.borrow_mut();
            let subscribers = js_sys::Set::new(&JsValue::UNDEFINED);
            let all = subscribers.clone();
            let listener = Closure::<dyn FnMut()>::new(move || {
                // A snapshot: a subscriber may unsubscribe while it is called.
                for f in js_sys::Array::from(&all).iter() {
                    if let Some(f) = f.dyn_ref::<Function>() {
                        let _ = f.call0(&JsValue::UNDEFINED);
                    }
                }
            });
            let _ =
                signal.add_event_listener_with_callback("abort", listener.as_ref().unchecked_ref());
            let hub = Hub { signal: signal.clone(), subscribers, listener };
            let slot = match hubs.iter().position(Option::is_none) {
                Some(free) => {
                    hubs[free] = Some(hub);
                    free
                }
                None => {
                    hubs.push(Some(hub));
                    hubs.len() - 1
                }
            };
            HUB_OF.with(|m| m.set(key, &JsValue::from(slot as f64)));
            slot
        }),
    };
    HUBS.with(|hubs| {
        if let Some(Some(hub)) = hubs.borrow().get(slot) {
            hub.subscribers.add(f);
        }
    });
    Subscription { slot, f: f.clone().into() }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        HUBS.with(|hubs| {
            let mut hubs = hubs.borrow_mut();
            let empty = match hubs.get(self.slot) {
                Some(Some(hub)) => {
                    hub.subscribers.delete(&self.f);
                    hub.subscribers.size() == 0
                }
                _ => false,
            };
            if empty {
                if let Some(hub) = hubs[self.slot].take() {
                    let _ = hub.signal.remove_event_listener_with_callback(
                        "abort",
                        hub.listener.as_ref().unchecked_ref(),
                    );
                    HUB_OF.with(|m| m.delete(hub.signal.unchecked_ref()));
                }
            }
        });
    }
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
    let subscription = signal.map(|s| when_aborted(s, on_abort.as_ref().unchecked_ref()));
    let outcome = JsFuture::from(promise).await;
    clear_timeout(&timer);
    drop(subscription);
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
    /// Dropped before `on_abort` (fields drop in order): the hub never calls a freed closure.
    subscription: Option<Subscription>,
    on_abort: Closure<dyn FnMut()>,
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
        let subscription = caller.map(|s| when_aborted(s, on_abort.as_ref().unchecked_ref()));
        if let Some(s) = caller {
            if s.aborted() {
                cut.set(Cut::Caller);
                controller.abort();
                on_abort.as_ref().unchecked_ref::<Function>().call0(&JsValue::UNDEFINED)?;
            }
        }
        Ok(Deadline { controller, cut_promise, cut, timer, on_timer, subscription, on_abort })
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
        self.subscription.take();
        let _ = (&self.on_timer, &self.on_abort);
    }
}
