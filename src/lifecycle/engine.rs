//! What the lifecycle's engines share: the requests they ask the host to make, the host's answers,
//! how a failed call is judged, and the scheduler that keeps each cloud's calls in flight up to a
//! limit. An engine never sends anything itself and has no clock: the host (the wasm edge, a
//! test) takes requests with `poll_request`, makes them through the clients (where validation,
//! signing, rate limits and retries live) and hands each answer back, in any order, with
//! `handle`.

use std::collections::VecDeque;

use serde_json::Value;

use crate::catalog::{Danger, Operation, Provider};
use crate::error::ErrorName;

/// Names one request of an engine.
pub type RequestId = u64;

/// One call the engine wants made, through the host's client of `provider`.
#[derive(Debug, Clone)]
pub struct Request {
    pub id: RequestId,
    pub provider: Provider,
    pub op: &'static Operation,
    pub payload: Value,
}

impl Request {
    /// Whether it changes anything at the cloud.
    pub fn is_write(&self) -> bool {
        self.op.danger != Danger::Read
    }
}

/// How a failed call ended, as far as an engine cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailKind {
    /// Refused, or failed before anything was carried out.
    Failed,
    /// A write that may have been carried out: it timed out, was cut off or aborted on its way,
    /// or the answer was not the cloud's refusal. Running the deploy again settles it.
    Unknown,
    /// The caller aborted a read.
    Aborted,
}

impl FailKind {
    /// Judges a client's named error (`name`, `code`, `httpStatus`) of a call of `op`.
    pub fn of(op: &Operation, name: &str, code: &str, http_status: Option<u16>) -> FailKind {
        let write = op.danger != Danger::Read;
        if code == crate::client::outcome::OUTCOME_UNKNOWN {
            return FailKind::Unknown;
        }
        if !write {
            return if name == ErrorName::Abort.as_str() {
                FailKind::Aborted
            } else {
                FailKind::Failed
            };
        }
        // A write the client gave up on without a refusal from the cloud may have been done.
        let unanswered = name == ErrorName::Abort.as_str()
            || name == ErrorName::Timeout.as_str()
            || name == ErrorName::Network.as_str() && code != "NotForwarded";
        let not_a_refusal = matches!(code, "MalformedAnswer" | "HttpError" | "AnswerTooLarge")
            || http_status.is_some_and(|s| s >= 500);
        if unanswered || not_a_refusal {
            FailKind::Unknown
        } else {
            FailKind::Failed
        }
    }
}

/// A failed call as the host reports it: how it ended and the client's own error (`E`: a
/// JavaScript `Error` at the wasm edge, a string in tests), handed back untouched in the results.
#[derive(Debug, Clone, PartialEq)]
pub struct CallFailure<E> {
    pub kind: FailKind,
    pub error: E,
}

/// The host's answer to one request.
pub type Reply<E> = Result<Value, CallFailure<E>>;

/// An error of the engine's own (a listing that contradicts itself, a target it refuses), with
/// the fields of the library's named errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub name: ErrorName,
    pub code: &'static str,
    pub message: String,
    pub provider: Provider,
    pub action: Option<&'static str>,
    pub request_id: Option<String>,
    pub http_status: Option<u16>,
}

impl Fault {
    /// A fault in what a cloud answered to `op` (HTTP 200: the cloud did answer).
    pub fn answer(op: &Operation, code: &'static str, message: String, answer: &Value) -> Fault {
        Fault {
            name: ErrorName::Api,
            code,
            message,
            provider: op.provider,
            action: Some(op.action),
            request_id: request_id(answer),
            http_status: Some(200),
        }
    }

    /// A refusal before anything is sent (a target not covered, not found, no client).
    pub fn refusal(provider: Provider, code: &'static str, message: String) -> Fault {
        Fault {
            name: ErrorName::Validation,
            code,
            message,
            provider,
            action: None,
            request_id: None,
            http_status: None,
        }
    }
}

/// The `RequestId` of a client's result (every cloud's result carries one).
pub fn request_id(answer: &Value) -> Option<String> {
    answer.get("RequestId").and_then(Value::as_str).map(str::to_string)
}

/// What went wrong: a client's error, or the engine's own.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem<E> {
    Call(E),
    Own(Fault),
}

impl<E> Problem<E> {
    /// The engine's own fault, if it is one.
    pub fn fault(&self) -> Option<&Fault> {
        match self {
            Problem::Own(f) => Some(f),
            Problem::Call(_) => None,
        }
    }
}

fn slot(p: Provider) -> usize {
    match p {
        Provider::Volcengine => 0,
        Provider::Tencent => 1,
        Provider::Aliyun => 2,
    }
}

/// Calls in flight per cloud. The default keeps each cloud's documented rate busy up to a
/// round trip of one second (rate × 1 s); the clients' token buckets still pace every request,
/// so a higher limit never throttles, it only waits in the bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits([usize; 3]);

impl Limits {
    /// The clouds' documented rates as calls in flight, each capped by `cap` when given.
    pub fn from_rates(cap: Option<usize>) -> Limits {
        let mut out = [1; 3];
        for p in Provider::ALL {
            let rate = p.profile().default_rate.ceil().max(1.0) as usize;
            out[slot(p)] = cap.map_or(rate, |c| rate.min(c.max(1)));
        }
        Limits(out)
    }

    /// The same limit for every cloud.
    pub fn each(n: usize) -> Limits {
        Limits([n.max(1); 3])
    }

    pub fn of(&self, p: Provider) -> usize {
        self.0[slot(p)]
    }
}

/// The requests an engine wants made, one queue per cloud, handed out while that cloud has
/// fewer calls in flight than its limit; the clouds take turns, so that none waits behind another.
#[derive(Debug)]
pub struct Scheduler {
    next_id: RequestId,
    queues: [VecDeque<Request>; 3],
    in_flight: [usize; 3],
    limits: Limits,
    turn: usize,
    stopped: bool,
}

impl Scheduler {
    pub fn new(limits: Limits) -> Scheduler {
        Scheduler {
            next_id: 1,
            queues: Default::default(),
            in_flight: [0; 3],
            limits,
            turn: 0,
            stopped: false,
        }
    }

    /// Queues a call of `op` with `payload`; its id comes back with the answer.
    pub fn push(&mut self, op: &'static Operation, payload: Value) -> RequestId {
        let id = self.next_id;
        self.next_id += 1;
        self.queues[slot(op.provider)].push_back(Request {
            id,
            provider: op.provider,
            op,
            payload,
        });
        id
    }

    /// The next request that may be sent now, if any.
    pub fn poll(&mut self) -> Option<Request> {
        if self.stopped {
            return None;
        }
        for i in 0..3 {
            let s = (self.turn + i) % 3;
            let p = Provider::ALL[s];
            if self.in_flight[s] < self.limits.of(p) {
                if let Some(r) = self.queues[s].pop_front() {
                    self.in_flight[s] += 1;
                    self.turn = (s + 1) % 3;
                    return Some(r);
                }
            }
        }
        None
    }

    /// One request of `provider` was answered.
    pub fn answered(&mut self, provider: Provider) {
        let s = slot(provider);
        self.in_flight[s] = self.in_flight[s].saturating_sub(1);
    }

    /// Stops handing out requests: what was queued is dropped and returned.
    pub fn stop(&mut self) -> Vec<Request> {
        self.stopped = true;
        self.queues.iter_mut().flat_map(|q| q.drain(..)).collect()
    }

    pub fn is_stopped(&self) -> bool {
        self.stopped
    }

    /// Calls handed out and not yet answered.
    pub fn in_flight(&self) -> usize {
        self.in_flight.iter().sum()
    }

    /// Nothing queued, nothing in flight.
    pub fn is_idle(&self) -> bool {
        self.in_flight() == 0 && self.queues.iter().all(VecDeque::is_empty)
    }
}

/// What the host drives: the inventory and the deploy engines both.
pub trait Engine<E> {
    /// The next request to make now, if any.
    fn poll_request(&mut self) -> Option<Request>;
    /// The answer to request `id` (in any order).
    fn handle(&mut self, id: RequestId, reply: Reply<E>);
    /// The caller aborted: nothing more is asked for.
    fn abort(&mut self, error: E);
    /// Nothing left to ask for and nothing in flight.
    fn is_done(&self) -> bool;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{aliyun_esa, tencent_live, volcengine_live};

    #[test]
    fn each_cloud_keeps_its_own_limit_and_the_clouds_take_turns() {
        let mut s = Scheduler::new(Limits::each(2));
        for _ in 0..3 {
            s.push(&volcengine_live::LIST_CERT_V2, Value::Null);
            s.push(&aliyun_esa::LIST_SITES, Value::Null);
        }
        s.push(&tencent_live::DESCRIBE_LIVE_DOMAINS, Value::Null);
        let order: Vec<Provider> = std::iter::from_fn(|| s.poll()).map(|r| r.provider).collect();
        assert_eq!(
            order,
            [
                Provider::Volcengine,
                Provider::Tencent,
                Provider::Aliyun,
                Provider::Volcengine,
                Provider::Aliyun
            ]
        );
        assert_eq!(s.in_flight(), 5);
        s.answered(Provider::Aliyun);
        assert_eq!(s.poll().map(|r| r.provider), Some(Provider::Aliyun));
        assert!(s.poll().is_none());
        assert_eq!(s.stop().len(), 1, "the third Volcengine request was still queued");
        assert!(s.poll().is_none());
    }

    #[test]
    fn default_limits_follow_the_documented_rates() {
        let l = Limits::from_rates(None);
        assert_eq!(l.of(Provider::Volcengine), 10);
        assert_eq!(l.of(Provider::Tencent), 20);
        assert_eq!(Limits::from_rates(Some(4)).of(Provider::Tencent), 4);
        assert_eq!(Limits::from_rates(Some(0)).of(Provider::Aliyun), 1);
    }

    #[test]
    fn a_write_cut_off_or_answered_ambiguously_is_unknown_a_refusal_failed() {
        let bind = &volcengine_live::BIND_CERT;
        let list = &volcengine_live::LIST_CERT_V2;
        assert_eq!(FailKind::of(bind, "AbortError", "Aborted", None), FailKind::Unknown);
        assert_eq!(FailKind::of(bind, "TimeoutError", "Timeout", None), FailKind::Unknown);
        assert_eq!(FailKind::of(bind, "ApiError", "InternalError", Some(502)), FailKind::Unknown);
        assert_eq!(FailKind::of(bind, "ApiError", "MalformedAnswer", Some(200)), FailKind::Unknown);
        assert_eq!(FailKind::of(bind, "ApiError", "InvalidParam", Some(400)), FailKind::Failed);
        assert_eq!(FailKind::of(bind, "NetworkError", "NotForwarded", None), FailKind::Failed);
        assert_eq!(FailKind::of(bind, "ValidationError", "InvalidParam", None), FailKind::Failed);
        assert_eq!(
            FailKind::of(&aliyun_esa::SET_CERTIFICATE, "ApiError", "OutcomeUnknown", Some(502)),
            FailKind::Unknown
        );
        assert_eq!(FailKind::of(list, "AbortError", "Aborted", None), FailKind::Aborted);
        assert_eq!(FailKind::of(list, "TimeoutError", "Timeout", None), FailKind::Failed);
    }
}
