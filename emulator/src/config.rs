//! The emulator's settings, from the command line or from tests.

use std::net::SocketAddr;
use std::path::PathBuf;

/// Demo credentials, accepted by default for all three clouds (documented in the README).
pub const DEMO_ACCESS_KEY_ID: &str = "AKLTLIVEOPSDEMO0000000000";
pub const DEMO_SECRET_ACCESS_KEY: &str = "liveopsDemoSecretKey000000000000";

/// Fractions (0..=1) of requests that meet each fault.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faults {
    /// An HTTP 5xx / internal error in the cloud's envelope.
    pub server_error: f64,
    /// The cloud's throttling answer.
    pub throttle: f64,
    /// Volcengine `CommonErr` with HTTP 200 (other clouds: an internal error).
    pub common_err: f64,
    /// A slow answer (`slow_ms`).
    pub slow: f64,
    pub slow_ms: u64,
    /// The connection is cut after the request was processed (the outcome is unknown to the client).
    pub drop: f64,
    /// HTTP 200 with a body that is not the cloud's JSON (truncated, HTML or empty).
    pub malformed: f64,
    /// Makes the faults reproducible.
    pub seed: Option<u64>,
}

impl Faults {
    pub fn any(&self) -> bool {
        self.server_error + self.throttle + self.common_err + self.slow + self.drop + self.malformed
            > 0.0
    }
}

/// Requests per second and access key; 0 turns a limit off.
#[derive(Debug, Clone, PartialEq)]
pub struct RateLimits {
    pub volcengine: f64,
    pub tencent: f64,
    pub aliyun: f64,
}

impl Default for RateLimits {
    /// The documented rates: Volcengine 10/s, Tencent 20/s; Alibaba documents none (20/s here).
    fn default() -> Self {
        RateLimits { volcengine: 10.0, tencent: 20.0, aliyun: 20.0 }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub access_key_id: String,
    /// The secret of `access_key_id` (`Debug` shows `Secret(***)`).
    pub secret_access_key: liveops::Secret,
    pub state_file: Option<PathBuf>,
    pub faults: Faults,
    pub rates: RateLimits,
    /// The admin UI (`www/dist`), served at `/`.
    pub www_dir: PathBuf,
    /// The npm package (`pkg/`), served at `/pkg/`.
    pub pkg_dir: PathBuf,
    /// No request log lines.
    pub quiet: bool,
    /// A client must send a request's headers within this time (also an idle connection's next
    /// request), else its connection is closed.
    pub header_timeout: std::time::Duration,
    /// A request's body must arrive within this time.
    pub body_timeout: std::time::Duration,
    /// Which rule set an operation that changed follows (UpdateAuthKey 2025-09).
    pub contract: liveops::catalog::Contract,
    /// Listings answer at most this many rows a page, whatever the request asks (paging tests).
    pub max_page_size: Option<u64>,
    /// Every API request is answered after this many milliseconds (a cloud's round trip).
    pub latency_ms: u64,
    /// Start with a generated estate of this many domains instead of the demo data.
    pub estate: Option<usize>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8787)),
            access_key_id: DEMO_ACCESS_KEY_ID.into(),
            secret_access_key: liveops::Secret::new(DEMO_SECRET_ACCESS_KEY),
            state_file: None,
            faults: Faults { slow_ms: 3000, ..Faults::default() },
            rates: RateLimits::default(),
            www_dir: PathBuf::from("www/dist"),
            pkg_dir: PathBuf::from("pkg"),
            quiet: false,
            header_timeout: std::time::Duration::from_secs(5),
            body_timeout: std::time::Duration::from_secs(10),
            contract: liveops::catalog::Contract::default(),
            max_page_size: None,
            latency_ms: 0,
            estate: None,
        }
    }
}
