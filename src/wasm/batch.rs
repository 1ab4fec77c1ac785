//! `runBatch`: bulk work with bounded concurrency, progress, and cancellation. Every item ends
//! in exactly one outcome: succeeded, failed, or not started; none is lost or run twice.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use web_sys::{AbortController, AbortSignal};

use super::error::config_error;
use super::input::{caller_options, field, opt_number, snapshot, CallerOptions};

#[wasm_bindgen(typescript_custom_section)]
const TS_BATCH: &'static str = r#"
export interface BatchProgress {
  /** Items finished, succeeded or failed. */
  done: number;
  failed: number;
  total: number;
}

export interface BatchOptions {
  /** Items in flight at once (default 4). The clients' rate limiter still paces the calls. */
  concurrency?: number;
  onProgress?: (progress: BatchProgress) => void;
  /** Stops starting new items; it is also handed to `fn`, to abort calls in flight. */
  signal?: AbortSignal;
}

export type BatchOutcome<T, R> =
  | { index: number; item: T; status: "succeeded"; result: R }
  | { index: number; item: T; status: "failed"; error: unknown }
  | { index: number; item: T; status: "notStarted" };

export function runBatch<T, R>(
  items: readonly T[],
  fn: (item: T, index: number, context: { signal: AbortSignal }) => Promise<R> | R,
  options?: BatchOptions,
): Promise<BatchOutcome<T, R>[]>;
"#;

#[wasm_bindgen]
extern "C" {
    /// `Promise.resolve`, which throws for a promise whose `constructor` getter throws.
    #[wasm_bindgen(catch, js_namespace = Promise, js_name = resolve)]
    fn resolve_catching(v: &JsValue) -> Result<Promise, JsValue>;
}

fn outcome(index: usize, item: &JsValue, status: &str, key: Option<(&str, &JsValue)>) -> JsValue {
    let o = Object::new();
    let _ = Reflect::set(&o, &"index".into(), &(index as f64).into());
    let _ = Reflect::set(&o, &"item".into(), item);
    let _ = Reflect::set(&o, &"status".into(), &status.into());
    if let Some((k, v)) = key {
        let _ = Reflect::set(&o, &k.into(), v);
    }
    o.into()
}

struct Batch {
    items: Array,
    f: Function,
    on_progress: Option<Function>,
    signal: AbortSignal,
    next: Cell<usize>,
    done: Cell<usize>,
    failed: Cell<usize>,
    outcomes: RefCell<Vec<Option<JsValue>>>,
}

impl Batch {
    fn progress(&self) {
        let Some(cb) = &self.on_progress else { return };
        let p = Object::new();
        let _ = Reflect::set(&p, &"done".into(), &(self.done.get() as f64).into());
        let _ = Reflect::set(&p, &"failed".into(), &(self.failed.get() as f64).into());
        let _ = Reflect::set(&p, &"total".into(), &(self.items.length() as f64).into());
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
            let ctx = Object::new();
            let _ = Reflect::set(&ctx, &"signal".into(), &self.signal);
            // fn may return a value, a promise, or throw: all become an outcome.
            let settled = match self
                .f
                .call3(&JsValue::NULL, &item, &(index as f64).into(), &ctx)
                .and_then(|v| resolve_catching(&v))
            {
                Ok(p) => JsFuture::from(p).await,
                Err(e) => Err(e),
            };
            let o = match settled {
                Ok(result) => outcome(index, &item, "succeeded", Some(("result", &result))),
                Err(error) => {
                    self.failed.set(self.failed.get() + 1);
                    outcome(index, &item, "failed", Some(("error", &error)))
                }
            };
            if let Some(slot) = self.outcomes.borrow_mut().get_mut(index) {
                *slot = Some(o);
            }
            self.done.set(self.done.get() + 1);
            self.progress();
        }
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
        unchecked_param_type = "(item: any, index: number, context: { signal: AbortSignal }) => unknown"
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
    let option = |e: crate::error::SignError| match e {
        crate::error::SignError::InvalidInput(name, _) => config_error(
            "InvalidOption",
            &format!("runBatch: option {name} cannot be read"),
            name,
        ),
        other => config_error(other.code(), &other.to_string(), "options"),
    };
    let CallerOptions {
        obj: options,
        signal,
    } = caller_options(&options, "runBatch")?;
    let concurrency = match opt_number(&options, "concurrency").map_err(option)? {
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
    let on_progress = match field(&options, "onProgress").map_err(option)? {
        None => None,
        Some(v) => Some(v.dyn_into::<Function>().map_err(|_| {
            config_error(
                "InvalidOption",
                "runBatch: option onProgress must be a function",
                "onProgress",
            )
        })?),
    };
    let signal = match signal {
        Some(s) => s,
        None => AbortController::new()
            .map_err(|_| {
                config_error(
                    "Unavailable",
                    "runBatch: AbortController is missing",
                    "signal",
                )
            })?
            .signal(),
    };
    let total = items.length() as usize;
    let batch = Rc::new(Batch {
        items,
        f,
        on_progress,
        signal,
        next: Cell::new(0),
        done: Cell::new(0),
        failed: Cell::new(0),
        outcomes: RefCell::new(vec![None; total]),
    });
    Ok(future_to_promise(async move {
        let workers: Vec<_> = (0..concurrency.min(total.max(1)))
            .map(|_| batch.clone().worker())
            .collect();
        futures_util::future::join_all(workers).await;
        let out = Array::new();
        let outcomes = batch.outcomes.borrow();
        for (index, o) in outcomes.iter().enumerate() {
            match o {
                Some(o) => out.push(o),
                None => out.push(&outcome(
                    index,
                    &batch.items.get(index as u32),
                    "notStarted",
                    None,
                )),
            };
        }
        Ok(out.into())
    }))
}
