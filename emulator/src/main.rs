//! `liveops-emulator`: the three clouds on one local port.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;
use liveops_emulator::config::{Faults, RateLimits, DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY};
use liveops_emulator::{serve, App, Config};

/// A local emulator of Volcengine Live (2023-01-01), Tencent Cloud Live (2018-08-01) and Alibaba
/// Cloud ESA (2024-09-10): signatures verified, payloads validated, state kept, faults injected.
/// No `Debug`: the arguments hold the secret.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8787")]
    listen: SocketAddr,
    /// The access key id accepted by all three clouds.
    #[arg(long, default_value = DEMO_ACCESS_KEY_ID)]
    access_key_id: String,
    /// Its secret (also read from LIVEOPS_EMULATOR_SECRET).
    #[arg(long, env = "LIVEOPS_EMULATOR_SECRET", default_value = DEMO_SECRET_ACCESS_KEY, hide_default_value = true, hide_env_values = true)]
    secret_access_key: String,
    /// Keep the state in this JSON file across restarts (written atomically).
    #[arg(long)]
    state: Option<PathBuf>,
    /// Fraction (0..1) of requests answered with a 5xx / internal error.
    #[arg(long, default_value_t = 0.0)]
    fault_5xx: f64,
    /// Fraction of requests answered with the cloud's throttling error.
    #[arg(long, default_value_t = 0.0)]
    fault_throttle: f64,
    /// Fraction of requests answered with Volcengine's CommonErr (HTTP 200).
    #[arg(long, default_value_t = 0.0)]
    fault_commonerr: f64,
    /// Fraction of requests answered slowly (see --slow-ms).
    #[arg(long, default_value_t = 0.0)]
    fault_slow: f64,
    /// Delay of a slow answer, in milliseconds.
    #[arg(long, default_value_t = 3000)]
    slow_ms: u64,
    /// Fraction of requests whose connection is cut after the server acted.
    #[arg(long, default_value_t = 0.0)]
    fault_drop: f64,
    /// Fraction of requests answered with a body that is not the cloud's JSON.
    #[arg(long, default_value_t = 0.0)]
    fault_malformed: f64,
    /// Seed for the fault draws: the same seed gives the same faults.
    #[arg(long)]
    seed: Option<u64>,
    /// Requests per second and access key for Volcengine (0: no limit).
    #[arg(long, default_value_t = 10.0)]
    rate_volcengine: f64,
    /// Requests per second and access key for Tencent Cloud (0: no limit).
    #[arg(long, default_value_t = 20.0)]
    rate_tencent: f64,
    /// Requests per second and access key for Alibaba Cloud (0: no limit).
    #[arg(long, default_value_t = 20.0)]
    rate_aliyun: f64,
    /// The built admin UI.
    #[arg(long, default_value = "www/dist")]
    www: PathBuf,
    /// The built npm package, served at /pkg/.
    #[arg(long, default_value = "pkg")]
    pkg: PathBuf,
    /// No log line per request.
    #[arg(long)]
    quiet: bool,
    /// Rule set of operations that changed: 2023-10 (default) or 2025-09 (UpdateAuthKey).
    #[arg(long, default_value = "2023-10", value_parser = ["2023-10", "2025-09"])]
    contract: String,
    /// Listings answer at most this many rows a page (to exercise paging).
    #[arg(long)]
    max_page_size: Option<u64>,
    /// Answer every API request after this many milliseconds: a cloud's round trip, fixed.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=60_000))]
    latency_ms: u64,
    /// Start with a generated estate of this many domains over the three clouds (with a
    /// certificate per ten domains and an ESA site per thirty), not the demo data alone.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    estate: Option<u64>,
}

fn fraction(name: &str, v: f64) -> f64 {
    if !(0.0..=1.0).contains(&v) {
        eprintln!("--{name} must be between 0 and 1");
        std::process::exit(2);
    }
    v
}

#[tokio::main]
async fn main() {
    let a = Args::parse();
    let config = Config {
        listen: a.listen,
        access_key_id: a.access_key_id,
        secret_access_key: liveops::Secret::new(a.secret_access_key),
        state_file: a.state,
        faults: Faults {
            server_error: fraction("fault-5xx", a.fault_5xx),
            throttle: fraction("fault-throttle", a.fault_throttle),
            common_err: fraction("fault-commonerr", a.fault_commonerr),
            slow: fraction("fault-slow", a.fault_slow),
            slow_ms: a.slow_ms,
            drop: fraction("fault-drop", a.fault_drop),
            malformed: fraction("fault-malformed", a.fault_malformed),
            seed: a.seed,
        },
        rates: RateLimits {
            volcengine: a.rate_volcengine,
            tencent: a.rate_tencent,
            aliyun: a.rate_aliyun,
        },
        www_dir: a.www,
        pkg_dir: a.pkg,
        quiet: a.quiet,
        contract: liveops::catalog::Contract::parse(&a.contract).unwrap_or_default(),
        max_page_size: a.max_page_size.filter(|&n| n > 0),
        latency_ms: a.latency_ms,
        estate: a.estate.map(|n| n as usize),
        ..Config::default()
    };
    let listener = match tokio::net::TcpListener::bind(config.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on {}: {e}", config.listen);
            std::process::exit(1);
        }
    };
    let addr = listener.local_addr().map(|a| a.to_string()).unwrap_or_default();
    let demo_keys = config.access_key_id == DEMO_ACCESS_KEY_ID
        && config.secret_access_key.expose() == DEMO_SECRET_ACCESS_KEY;
    let app = match App::new(config) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    println!("liveops emulator listening on http://{addr}");
    println!("  admin UI:          http://{addr}/");
    println!("  access key id:     {}", app.config.access_key_id);
    if demo_keys {
        // The documented demo secret only; a secret given on the command line is never printed.
        println!("  secret access key: {DEMO_SECRET_ACCESS_KEY} (demo)");
    }
    let server = serve(app, listener);
    tokio::select! {
        r = server => if let Err(e) = r { eprintln!("server error: {e}"); std::process::exit(1) },
        _ = tokio::signal::ctrl_c() => {}
    }
}
