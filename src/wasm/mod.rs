//! The JavaScript edge: converts JS values to the core's types and back, maps errors to named JS
//! `Error`s. No logic of its own.
//!
//! Each entry point of the package is a module of its own, built from this crate: everything (no
//! entry feature), `liveops/sign` (feature `entry-sign`: signing and the canonical request) and
//! `liveops/validate` (feature `entry-validate`: validation, no network). An entry compiles only
//! the bindings of its job, so the code of the others is not in its module.
#![cfg_attr(
    any(feature = "entry-sign", feature = "entry-validate"),
    allow(dead_code, unused_imports)
)]

#[cfg(not(any(feature = "entry-sign", feature = "entry-validate")))]
mod batch;
#[cfg(not(any(feature = "entry-sign", feature = "entry-validate")))]
mod bench;
#[cfg(not(any(feature = "entry-sign", feature = "entry-validate")))]
mod client;
mod error;
// The readers of JavaScript values: the signing entry point has none (its glue reads the input).
#[cfg(not(feature = "entry-sign"))]
mod input;
#[cfg(not(any(feature = "entry-sign", feature = "entry-validate")))]
mod lifecycle;
mod output;
#[cfg(not(feature = "entry-validate"))]
mod sign;
#[cfg(not(any(feature = "entry-sign", feature = "entry-validate")))]
mod stream_url;
#[cfg(not(any(feature = "entry-sign", feature = "entry-validate")))]
mod timers;
#[cfg(not(feature = "entry-sign"))]
mod validate;

#[cfg(all(feature = "entry-sign", feature = "entry-validate"))]
compile_error!("one entry feature at a time: entry-sign or entry-validate");

// The module's allocator: talc, not the standard library's dlmalloc. Measured on `liveops/sign`:
// 2.4 KB less gzip (dlmalloc was 7 KB of a 65 KB module), and allocation is a tenth of a
// signature's time in the module's profile. Single-threaded, as every build of this crate is.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
