//! The client's logic, sans-IO: building each operation's request, reading each cloud's answers,
//! deciding on retries, pacing by token bucket, and correcting clock skew. Time and randomness are
//! passed in; the fetch transport that uses all this lives in `crate::wasm::client`.

pub mod answer;
pub mod attempt;
pub mod outcome;
pub mod rate;
pub mod redact;
pub mod request;
pub mod retry;
pub mod skew;

pub use answer::{parse_answer, ApiFailure};
pub use attempt::{Attempts, Next, Outcome};
pub use outcome::{final_error, FinalError, FinalKind};
pub use rate::TokenBucket;
pub use redact::Secrets;
pub use request::{build_request, Endpoint, OutgoingRequest};
pub use retry::{decide, outcome_open, Decision, Failure, RetryPolicy};
pub use skew::{clock_offset, SkewClock};

use crate::catalog::Provider;

/// The documented client-side rate, in requests per second and access key (the cloud's profile).
pub fn default_rate(provider: Provider) -> f64 {
    provider.profile().default_rate
}
