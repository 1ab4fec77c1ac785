//! `runBatch`: bulk work with bounded concurrency, progress, and cancellation. Every item ends
//! in exactly one outcome: succeeded, failed, or not started; none is lost or run twice.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Function, Promise};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{AbortController, AbortSignal};

use super::error::config_error;
use super::input::{caller_options, field, opt_number, snapshot, CallerOptions};
use super::output::{to_js, to_js_holding, Held};

// The one declaration no model gives: a generic function (the types of `items` and of what `fn`
// resolves with flow into the outcomes), which wasm-bindgen cannot declare. It overloads the
// export below.
#[wasm_bindgen(typescript_custom_section)]
const TS_BATCH: &'static str = r#"
export function runBatch<T, R>(
  items: readonly T[],
  fn: (item: T, index: number, context: BatchContext) => Promise<R> | R,
  options?: BatchOptions,
): Promise<BatchOutcome<T, R>[]>;
"#;

#[wasm_bindgen]
extern "C" {
    /// `Promise.resolve`, which throws for a promise whose `constructor` getter throws.
    #[wasm_bindgen(catch, js_namespace = Promise, js_name = resolve)]
    fn resolve_catching(v: &JsValue) -> Result<Promise, JsValue>;
}

/// How one item ended (`T`: the items, `R`: what `fn` resolves with).
#[derive(Serialize, tsify::Tsify)]
#[serde(tag = "status", rename_all = "camelCase")]
pub enum BatchOutcome<T, R> {
    Succeeded {
        index: u32,
        item: T,
        result: R,
    },
    /// `fn` threw, or its promise rejected.
    Failed {
        index: u32,
        item: T,
        #[tsify(type = "unknown")]
        error: Held,
    },
    /// The batch was aborted before it came to the item.
    NotStarted {
        index: u32,
        item: T,
    },
}

/// What `onProgress` is handed after each item.
#[derive(Serialize, tsify::Tsify)]
pub struct BatchProgress {
    /// Items finished, succeeded or failed.
    pub done: u32,
    pub failed: u32,
    pub total: u32,
}

/// The third argument of `fn`.
#[derive(Serialize, tsify::Tsify)]
pub struct BatchContext {
    /// The batch's signal (the caller's, or one of its own).
    #[tsify(type = "AbortSignal")]
    pub signal: Held,
}

// As read: the defaults filled in.
#[derive(tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct BatchOptions {
    /// Items in flight at once (default 4). The clients' rate limiter still paces the calls.
    #[tsify(optional)]
    pub concurrency: usize,
    #[tsify(optional, type = "(progress: BatchProgress) => void")]
    pub on_progress: Option<Function>,
    /// Stops starting new items; it is also handed to `fn`, to abort calls in flight.
    #[tsify(optional, type = "AbortSignal")]
    pub signal: AbortSignal,
}

impl BatchOptions {
    /// Reads `options` as callers pass it (nothing, an object, a bare `AbortSignal`); what cannot
    /// be honoured is a `ConfigError` naming the option.
    fn read(options: &JsValue) -> Result<BatchOptions, JsValue> {
        let CallerOptions { obj: options, signal } = caller_options(options, "runBatch")?;
        let concurrency = match opt_number(&options, "concurrency").map_err(unreadable)? {
            None => 4,
            Some(n) if (1.0..=1000.0).contains(&n) && n.fract() == 0.0 => n as usize,
            Some(_) => {
                return Err(config_error(
                    "InvalidOption",
                    "runBatch: option concurrency must be a whole number from 1 to 1000",
                    "concurrency",
                ))
            }
        };
        let on_progress = match field(&options, "onProgress").map_err(unreadable)? {
            None => None,
            Some(v) => Some(v.dyn_into::<Function>().map_err(|_| {
                config_error(
                    "InvalidOption",
                    "runBatch: option onProgress must be a function",
                    "onProgress",
                )
            })?),
        };
        Ok(BatchOptions { concurrency, on_progress, signal: signal.map_or_else(own_signal, Ok)? })
    }
}

/// An option that cannot be read (a throwing getter, a Proxy) as a `ConfigError`.
fn unreadable(e: crate::error::SignError) -> JsValue {
    match e {
        crate::error::SignError::InvalidInput(name, _) => {
            config_error("InvalidOption", &format!("runBatch: option {name} cannot be read"), name)
        }
        other => config_error(other.code(), &other.to_string(), "options"),
    }
}

/// A signal for a batch the caller gave none: `fn` is always handed one.
fn own_signal() -> Result<AbortSignal, JsValue> {
    AbortController::new()
        .map(|c| c.signal())
        .map_err(|_| config_error("Unavailable", "runBatch: AbortController is missing", "signal"))
}

type Outcome = BatchOutcome<Held, Held>;

struct Batch {
    items: Array,
    f: Function,
    on_progress: Option<Function>,
    signal: AbortSignal,
    next: Cell<usize>,
    done: Cell<u32>,
    failed: Cell<u32>,
    outcomes: RefCell<Vec<Option<Outcome>>>,
}

impl Batch {
    fn progress(&self) {
        let Some(cb) = &self.on_progress else { return };
        let p = to_js(&BatchProgress {
            done: self.done.get(),
            failed: self.failed.get(),
            total: self.items.length(),
        });
        // A throwing progress callback must not stop the batch.
        let _ = cb.call1(&JsValue::NULL, &p);
    }

    /// Takes items one at a time until none are left or the batch is aborted.
    async fn worker(self: Rc<Self>) {
        loop {
            if self.signal.aborted() {
                return;
            }
            let index = self.next.get();
            if index >= self.outcomes.borrow().len() {
                return;
            }
            self.next.set(index + 1);
            let item = self.items.get(index as u32);
            // A context of its own per call: what one call does to it, another does not see.
            let context = to_js_holding(&BatchContext { signal: Held(self.signal.clone().into()) });
            // fn may return a value, a promise, or throw: all become an outcome.
            let settled = match self
                .f
                .call3(&JsValue::NULL, &item, &(index as f64).into(), &context)
                .and_then(|v| resolve_catching(&v))
            {
                Ok(p) => JsFuture::from(p).await,
                Err(e) => Err(e),
            };
            let (index, item) = (index as u32, Held(item));
            let o = match settled {
                Ok(result) => Outcome::Succeeded { index, item, result: Held(result) },
                Err(error) => {
                    self.failed.set(self.failed.get() + 1);
                    Outcome::Failed { index, item, error: Held(error) }
                }
            };
            if let Some(slot) = self.outcomes.borrow_mut().get_mut(index as usize) {
                *slot = Some(o);
            }
            self.done.set(self.done.get() + 1);
            self.progress();
        }
    }

    /// One outcome per item, in item order: those never reached are `notStarted`.
    fn outcomes(&self) -> Vec<Outcome> {
        let taken = self.outcomes.take();
        taken
            .into_iter()
            .enumerate()
            .map(|(index, o)| {
                o.unwrap_or_else(|| Outcome::NotStarted {
                    index: index as u32,
                    item: Held(self.items.get(index as u32)),
                })
            })
            .collect()
    }
}

/// The most items one batch takes.
const MAX_ITEMS: u32 = 1_000_000;

/// Runs `fn(item, index, { signal })` for every item, at most `concurrency` at once. Resolves with
/// one outcome per item, in item order; never rejects for an item's failure. The items are read
/// once, at the start: `fn` may change the array without changing the batch.
#[wasm_bindgen(js_name = runBatch, unchecked_return_type = "Promise<BatchOutcome<unknown, unknown>[]>")]
pub fn run_batch(
    #[wasm_bindgen(unchecked_param_type = "readonly unknown[]")] items: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "(item: any, index: number, context: BatchContext) => unknown"
    )]
    f: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "BatchOptions")] options: JsValue,
) -> Promise {
    // A bad argument rejects the promise like any other failure: a caller's `.catch` sees it.
    match start_batch(items, f, options) {
        Ok(p) => p,
        Err(e) => Promise::reject(&e),
    }
}

fn start_batch(items: JsValue, f: JsValue, options: JsValue) -> Result<Promise, JsValue> {
    let items = match snapshot(&items, MAX_ITEMS) {
        Some(Ok(items)) => items,
        _ => {
            return Err(config_error(
                "InvalidInput",
                "runBatch: items must be an array of at most 1000000 items",
                "items",
            ))
        }
    };
    let f: Function = f
        .dyn_into()
        .map_err(|_| config_error("InvalidInput", "runBatch: fn must be a function", "fn"))?;
    let BatchOptions { concurrency, on_progress, signal } = BatchOptions::read(&options)?;
    let total = items.length() as usize;
    let batch = Rc::new(Batch {
        items,
        f,
        on_progress,
        signal,
        next: Cell::new(0),
        done: Cell::new(0),
        failed: Cell::new(0),
        outcomes: RefCell::new((0..total).map(|_| None).collect()),
    });
    Ok(future_to_promise(async move {
        let workers: Vec<_> =
            (0..concurrency.min(total.max(1))).map(|_| batch.clone().worker()).collect();
        futures_util::future::join_all(workers).await;
        Ok(to_js_holding(&batch.outcomes()))
    }))
}
