//! What every emulated cloud shares: the answer and its envelope, failures, and the readers of
//! pages and uploads that the clouds' handlers use.

use liveops::catalog::envelope;
use liveops::lifecycle::{read_certificate, KeyMatch};
use serde_json::Value;

use liveops::catalog::Provider as Cloud;

/// What the emulator answers: status, JSON body, the error code (empty on success) and headers.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub body: Value,
    pub code: String,
    pub headers: Vec<(&'static str, String)>,
    /// The state changed and must be saved.
    pub changed: bool,
}

/// Per-request facts the envelopes repeat.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub request_id: String,
    pub action: String,
    pub version: String,
}

impl Ctx {
    fn meta(&self) -> envelope::Meta<'_> {
        envelope::Meta {
            request_id: &self.request_id,
            action: &self.action,
            version: &self.version,
        }
    }
}

/// A failure, before it is put in a cloud's envelope.
#[derive(Debug, Clone)]
pub struct Failure {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    /// Volcengine gateway errors carry a numeric code too.
    pub code_n: Option<i64>,
}

impl Failure {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Failure {
        Failure { status, code, message: message.into(), code_n: None }
    }

    pub fn gateway(
        status: u16,
        code: &'static str,
        code_n: i64,
        message: impl Into<String>,
    ) -> Failure {
        Failure { status, code, message: message.into(), code_n: Some(code_n) }
    }
}

/// The failure in `cloud`'s error envelope: Volcengine `ResponseMetadata.Error` with its status,
/// Tencent `Response.Error` always with HTTP 200, Alibaba a flat body with its status.
pub fn error(cloud: Cloud, ctx: &Ctx, f: Failure) -> Answer {
    let body = envelope::write_error(cloud, &ctx.meta(), f.code, &f.message, f.code_n);
    // Tencent answers every error with HTTP 200 (its profile says so).
    let status = cloud.profile().error_status.unwrap_or(f.status);
    Answer { status, body, code: f.code.to_string(), headers: Vec::new(), changed: false }
}

pub(crate) fn ok(cloud: Cloud, ctx: &Ctx, result: Value, changed: bool) -> Answer {
    let body = envelope::write_ok(cloud, &ctx.meta(), result);
    Answer { status: 200, body, code: String::new(), headers: Vec::new(), changed }
}

pub(crate) type Outcome = Result<(Value, bool), Failure>;

/// The most certificates the emulator keeps per cloud: state grows no further.
pub const MAX_CERTS: usize = 10_000;

pub(crate) fn id_space_spent() -> Failure {
    Failure::new(500, "InternalError", "the emulator's id counter is spent")
}

pub(crate) const DAY: i64 = 86_400;

/// `rows[start..start+len]`, never overflowing on hostile numbers.
pub(crate) fn window<T: Clone>(rows: &[T], start: u64, len: u64) -> Vec<T> {
    let start = usize::try_from(start).unwrap_or(usize::MAX);
    let len = usize::try_from(len).unwrap_or(usize::MAX);
    rows.iter().skip(start).take(len).cloned().collect()
}

/// A page `num` (from 1) of `size` rows, clamped to the emulator's `max_page` when set.
pub(crate) fn page<T: Clone>(rows: &[T], num: u64, size: u64, max_page: Option<u64>) -> Vec<T> {
    let size = max_page.map_or(size, |m| size.min(m)).max(1);
    window(rows, num.max(1).saturating_sub(1).saturating_mul(size), size)
}

/// An uploaded certificate and key, read as the cloud reads them: the names and dates of the
/// leaf; a key that does not belong to it is refused.
pub(crate) struct Upload {
    pub(crate) names: Vec<String>,
    pub(crate) not_before: i64,
    pub(crate) not_after: i64,
}

pub(crate) fn read_upload(
    cert: &str,
    key: &str,
    status: u16,
    code: &'static str,
) -> Result<Upload, Failure> {
    let summary = read_certificate(cert)
        .map_err(|e| Failure::new(status, code, format!("certificate: {e}")))?;
    match liveops::lifecycle::pem::key_matches(&summary, key) {
        Ok(KeyMatch::DoesNotMatch) => {
            Err(Failure::new(status, code, "the private key does not match the certificate"))
        }
        Ok(_) => Ok(Upload {
            names: summary.names,
            not_before: summary.not_before,
            not_after: summary.not_after,
        }),
        Err(e) => Err(Failure::new(status, code, format!("private key: {e}"))),
    }
}

pub(crate) fn rfc3339(t: i64) -> String {
    liveops::lifecycle::times::iso_utc(t)
}

/// A count as the models type it.
pub(crate) fn count_of(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
