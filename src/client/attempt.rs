//! One call as a state machine, sans-IO: after each attempt the transport reports what happened,
//! and this decides what comes next (done, sign again for a corrected clock, retry after a wait,
//! or fail with which error). The JavaScript edge only sends, waits and reports.

use serde_json::Value;

use super::answer::{is_clock_skew, parse_answer, ApiFailure};
use super::outcome::{final_error, FinalError, FinalKind};
use super::retry::{decide, Decision, Failure, RetryPolicy};
use super::skew::SkewClock;
use crate::catalog::Operation;

/// What one attempt on the wire came to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome<'a> {
    /// An answer arrived in full.
    Answered { status: u16, date: Option<&'a str>, retry_after_ms: Option<f64>, body: &'a str },
    /// An answer whose body passed `limit` bytes: reading stopped there.
    TooLarge { status: u16, limit: usize },
    /// No answer in time (the headers or the whole body).
    TimedOut,
    /// The connection failed, or the answer broke off.
    NetworkFailed,
    /// The caller aborted while the request was on its way.
    AbortedInFlight,
    /// A forwarding server says nothing reached the cloud.
    NotForwarded,
    /// A redirect (`None`: the runtime hides the status).
    Redirected(Option<u16>),
}

/// What the transport does next.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    /// The operation's result.
    Done(Value),
    /// The clock was corrected: sign and send again at once.
    SignAgain,
    /// Wait this long, then sign and send again.
    RetryAfter(f64),
    /// The call fails with this error.
    Fail(FinalError),
    /// The caller aborted before anything could have been carried out.
    Aborted,
}

/// The state of one call across its attempts.
#[derive(Debug)]
pub struct Attempts<'o> {
    op: &'o Operation,
    policy: RetryPolicy,
    timeout_ms: f64,
    retries: u32,
    skew_corrected: bool,
    /// Whether this call may be sent again after an outcome that may have been carried out.
    idempotent: bool,
}

impl<'o> Attempts<'o> {
    pub fn new(op: &'o Operation, policy: RetryPolicy, timeout_ms: f64) -> Self {
        Attempts {
            op,
            policy,
            timeout_ms,
            retries: 0,
            skew_corrected: false,
            idempotent: op.idempotent == crate::catalog::Idempotence::Always,
        }
    }

    /// Judges idempotency for this payload (`SetCertificate` with an `Id` replaces, without adds).
    pub fn for_payload(mut self, payload: &serde_json::Value) -> Self {
        self.idempotent = self.op.idempotent.holds(payload);
        self
    }

    /// Retries made so far.
    pub fn retries(&self) -> u32 {
        self.retries
    }

    /// Decides after one attempt. `skew` is the client's clock correction (learned from a skew
    /// refusal, measured again from other answers); `rand01` draws the backoff jitter.
    pub fn after(
        &mut self,
        outcome: Outcome<'_>,
        skew: &mut SkewClock,
        local_now_ms: i64,
        rand01: f64,
    ) -> Next {
        let (failure, hint) = match outcome {
            Outcome::Answered { status, date, retry_after_ms, body } => {
                match parse_answer(self.op.provider, status, body) {
                    Ok(result) => {
                        skew.observe(date, local_now_ms);
                        return Next::Done(result);
                    }
                    Err(f) if is_clock_skew(&f.code) => {
                        // The server's clock is the one that counts: correct it and try once more.
                        if !self.skew_corrected && skew.learn_from_refusal(date, local_now_ms) {
                            self.skew_corrected = true;
                            return Next::SignAgain;
                        }
                        (Failure::Api(f), retry_after_ms)
                    }
                    Err(f) => {
                        skew.observe(date, local_now_ms);
                        (Failure::Api(f), retry_after_ms)
                    }
                }
            }
            Outcome::AbortedInFlight if self.idempotent => return Next::Aborted,
            Outcome::AbortedInFlight => {
                return Next::Fail(self.fail(&Failure::Network, FinalKind::AbortedInFlight))
            }
            Outcome::TooLarge { status, limit } => {
                (Failure::Api(ApiFailure::too_large(status, limit)), None)
            }
            Outcome::TimedOut => (Failure::Timeout, None),
            Outcome::NetworkFailed => (Failure::Network, None),
            Outcome::NotForwarded => (Failure::NotSent, None),
            Outcome::Redirected(status) => (Failure::Api(ApiFailure::redirect(status)), None),
        };
        match decide(&self.policy, self.retries, self.idempotent, &failure, hint, rand01) {
            Decision::Retry { delay_ms } => {
                self.retries += 1;
                Next::RetryAfter(delay_ms)
            }
            Decision::GiveUp => Next::Fail(self.fail(&failure, FinalKind::GaveUp)),
            Decision::OutcomeUnknown => Next::Fail(self.fail(&failure, FinalKind::OutcomeUnknown)),
        }
    }

    fn fail(&self, failure: &Failure, kind: FinalKind) -> FinalError {
        final_error(failure, kind, self.op, self.timeout_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{aliyun_esa::APPLY_CERTIFICATE, volcengine_live::UNBIND_CERT};

    const NOW: i64 = 784_111_777_000; // Sun, 06 Nov 1994 08:49:37 GMT

    fn answered(status: u16, body: &str) -> Outcome<'_> {
        Outcome::Answered { status, date: None, retry_after_ms: None, body }
    }

    fn code(next: &Next) -> &str {
        match next {
            Next::Fail(e) => &e.code,
            _ => "",
        }
    }

    #[test]
    fn success_is_done_with_the_request_id() {
        let mut a = Attempts::new(&UNBIND_CERT, RetryPolicy::default(), 1000.0);
        let next = a.after(
            answered(200, r#"{"ResponseMetadata":{"RequestId":"r1"}}"#),
            &mut SkewClock::default(),
            NOW,
            0.5,
        );
        assert_eq!(next, Next::Done(serde_json::json!({"RequestId": "r1"})));
    }

    #[test]
    fn a_tencent_binding_that_uploads_a_key_pair_is_never_sent_twice_one_by_id_is_retried() {
        use crate::catalog::tencent_live::MODIFY_LIVE_DOMAIN_CERT_BINDINGS as MODIFY;
        let upload = serde_json::json!({"DomainInfos": [{"DomainName": "a.example.com", "Status": 1}],
            "CertificatePublicKey": "C", "CertificatePrivateKey": "K"});
        let mut a = Attempts::new(&MODIFY, RetryPolicy::default(), 1000.0).for_payload(&upload);
        assert_eq!(
            code(&a.after(Outcome::NetworkFailed, &mut SkewClock::default(), NOW, 0.5)),
            "OutcomeUnknown"
        );
        let by_id = serde_json::json!({"DomainInfos": [{"DomainName": "a.example.com", "Status": 1}], "CloudCertId": "c"});
        let mut b = Attempts::new(&MODIFY, RetryPolicy::default(), 1000.0).for_payload(&by_id);
        assert!(matches!(
            b.after(Outcome::NetworkFailed, &mut SkewClock::default(), NOW, 0.5),
            Next::RetryAfter(_)
        ));
    }

    #[test]
    fn an_answer_too_long_to_read_is_never_retried_and_leaves_a_paid_order_open() {
        let big = Outcome::TooLarge { status: 200, limit: 1024 };
        let mut read = Attempts::new(&UNBIND_CERT, RetryPolicy::default(), 1000.0);
        let next = read.after(big, &mut SkewClock::default(), NOW, 0.5);
        assert_eq!(code(&next), "AnswerTooLarge");
        assert_eq!(read.retries(), 0);
        let mut paid = Attempts::new(&APPLY_CERTIFICATE, RetryPolicy::default(), 1000.0);
        assert_eq!(code(&paid.after(big, &mut SkewClock::default(), NOW, 0.5)), "OutcomeUnknown");
    }

    #[test]
    fn a_paid_order_fails_after_one_ambiguous_answer_an_idempotent_call_retries() {
        let html = answered(502, "<html>Bad Gateway</html>");
        let mut paid = Attempts::new(&APPLY_CERTIFICATE, RetryPolicy::default(), 1000.0);
        let next = paid.after(html, &mut SkewClock::default(), NOW, 0.5);
        assert_eq!(code(&next), "OutcomeUnknown");
        let mut unbind = Attempts::new(&UNBIND_CERT, RetryPolicy::default(), 1000.0);
        assert!(matches!(
            unbind.after(html, &mut SkewClock::default(), NOW, 0.5),
            Next::RetryAfter(_)
        ));
        assert_eq!(unbind.retries(), 1);
        for outcome in [Outcome::TimedOut, Outcome::NetworkFailed] {
            let mut a = Attempts::new(&APPLY_CERTIFICATE, RetryPolicy::default(), 1000.0);
            assert_eq!(
                code(&a.after(outcome, &mut SkewClock::default(), NOW, 0.5)),
                "OutcomeUnknown"
            );
        }
    }

    #[test]
    fn aborts_in_flight_differ_by_idempotency() {
        let mut paid = Attempts::new(&APPLY_CERTIFICATE, RetryPolicy::default(), 1000.0);
        let next = paid.after(Outcome::AbortedInFlight, &mut SkewClock::default(), NOW, 0.5);
        assert!(
            matches!(&next, Next::Fail(e) if e.name == crate::error::ErrorName::Abort && e.code == "OutcomeUnknown")
        );
        let mut unbind = Attempts::new(&UNBIND_CERT, RetryPolicy::default(), 1000.0);
        assert_eq!(
            unbind.after(Outcome::AbortedInFlight, &mut SkewClock::default(), NOW, 0.5),
            Next::Aborted
        );
    }

    #[test]
    fn retries_stop_at_the_policy() {
        let policy = RetryPolicy { max_retries: 2, ..RetryPolicy::default() };
        let mut a = Attempts::new(&UNBIND_CERT, policy, 1000.0);
        let busy = r#"{"ResponseMetadata":{"RequestId":"r","Error":{"Code":"CommonErr"}}}"#;
        let mut skew = SkewClock::default();
        assert!(matches!(a.after(answered(200, busy), &mut skew, NOW, 0.5), Next::RetryAfter(_)));
        assert!(matches!(a.after(answered(200, busy), &mut skew, NOW, 0.5), Next::RetryAfter(_)));
        assert_eq!(code(&a.after(answered(200, busy), &mut skew, NOW, 0.5)), "CommonErr");
    }

    #[test]
    fn a_skew_refusal_signs_again_once_and_a_hostile_date_never() {
        let refused = r#"{"ResponseMetadata":{"RequestId":"r","Error":{"Code":"InvalidTimestamp","CodeN":100006}}}"#;
        let skewed = |date| Outcome::Answered {
            status: 400,
            date: Some(date),
            retry_after_ms: None,
            body: refused,
        };
        let mut skew = SkewClock::default();
        let mut a = Attempts::new(&UNBIND_CERT, RetryPolicy::default(), 1000.0);
        assert_eq!(
            a.after(skewed("Sun, 06 Nov 1994 09:49:37 GMT"), &mut skew, NOW, 0.5),
            Next::SignAgain
        );
        assert_eq!(skew.offset_ms(), 3_600_000);
        assert_eq!(
            code(&a.after(skewed("Sun, 06 Nov 1994 10:49:37 GMT"), &mut skew, NOW, 0.5)),
            "InvalidTimestamp",
            "corrected once"
        );
        let mut fresh = SkewClock::default();
        let mut b = Attempts::new(&UNBIND_CERT, RetryPolicy::default(), 1000.0);
        assert_eq!(
            code(&b.after(skewed("Fri, 31 Dec 9999 23:59:59 GMT"), &mut fresh, NOW, 0.5)),
            "InvalidTimestamp"
        );
        assert_eq!(fresh.offset_ms(), 0);
    }

    #[test]
    fn forwarder_and_redirect_answers() {
        let mut paid = Attempts::new(&APPLY_CERTIFICATE, RetryPolicy::default(), 1000.0);
        assert!(matches!(
            paid.after(Outcome::NotForwarded, &mut SkewClock::default(), NOW, 0.5),
            Next::RetryAfter(_)
        ));
        assert_eq!(
            code(&paid.after(Outcome::Redirected(Some(307)), &mut SkewClock::default(), NOW, 0.5)),
            "Redirected"
        );
    }
}
