//! One name for a condition the models repeat: `ts`, set when the TypeScript types are made
//! (the wasm build of an entry point that has them: every one but `liveops/sign`, whose module
//! carries no model types). `#[cfg_attr(ts, derive(tsify::Tsify))]` reads better, forty times
//! over, than the condition spelled out. `ts_full`: the same for the types of the full entry
//! alone (the lifecycle's, the clients'), which the other entries' declarations would only clutter.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(ts)");
    println!("cargo::rustc-check-cfg=cfg(ts_full)");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    let sign_only = std::env::var_os("CARGO_FEATURE_ENTRY_SIGN").is_some();
    let validate_only = std::env::var_os("CARGO_FEATURE_ENTRY_VALIDATE").is_some();
    if wasm && !sign_only {
        println!("cargo::rustc-cfg=ts");
    }
    if wasm && !sign_only && !validate_only {
        println!("cargo::rustc-cfg=ts_full");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
