//! Clock-skew correction: when a cloud refuses a signature for its time, the server's `Date`
//! tells how far the local clock is off, and later signatures add that offset. An offset is
//! accepted only from a skew refusal, only within `MAX_OFFSET_MS`, is kept per client, and is
//! measured again from every later answer that carries a `Date`, so a wrong one never sticks.

/// The largest offset a client adopts: a day either way. A clock further off is broken, and a
/// `Date` further off (`Fri, 31 Dec 9999 …`) is a hostile or broken server.
pub const MAX_OFFSET_MS: i64 = 24 * 3600 * 1000;

/// The latest signing time the signers accept (9999-12-31T23:59:59.999Z).
const LAST_SIGNABLE_MS: i64 = 253_402_300_799_999;

/// The server's clock minus the local one (ms), if `date_header` is an HTTP date.
pub fn clock_offset(date_header: &str, local_now_ms: i64) -> Option<i64> {
    let t = httpdate::parse_http_date(date_header).ok()?;
    let server_ms =
        i64::try_from(t.duration_since(std::time::UNIX_EPOCH).ok()?.as_millis()).ok()?;
    server_ms.checked_sub(local_now_ms)
}

/// One client's learned offset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SkewClock {
    offset_ms: i64,
}

impl SkewClock {
    pub fn offset_ms(&self) -> i64 {
        self.offset_ms
    }

    /// The time to sign with: local time plus the offset, or local time alone should the sum
    /// leave what a signature can carry (a call is never refused for a learned offset).
    pub fn signing_time(&self, local_now_ms: i64) -> i64 {
        match local_now_ms.checked_add(self.offset_ms) {
            Some(t) if (0..=LAST_SIGNABLE_MS).contains(&t) => t,
            _ => local_now_ms,
        }
    }

    /// After a skew refusal: adopts the offset the answer's `Date` shows. True when the offset
    /// changed, so that signing again may help.
    pub fn learn_from_refusal(&mut self, date: Option<&str>, local_now_ms: i64) -> bool {
        match date.and_then(|d| clock_offset(d, local_now_ms)) {
            Some(offset) if offset.abs() <= MAX_OFFSET_MS && offset != self.offset_ms => {
                self.offset_ms = offset;
                true
            }
            _ => false,
        }
    }

    /// After any other answer: a learned offset is measured again (the server's clock may have
    /// been wrong, or the local one corrected); one out of bounds is dropped.
    pub fn observe(&mut self, date: Option<&str>, local_now_ms: i64) {
        if self.offset_ms == 0 {
            return;
        }
        if let Some(offset) = date.and_then(|d| clock_offset(d, local_now_ms)) {
            self.offset_ms = if offset.abs() <= MAX_OFFSET_MS { offset } else { 0 };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Sun, 06 Nov 1994 08:49:37 GMT
    const T: i64 = 784_111_777_000;
    const D: &str = "Sun, 06 Nov 1994 08:49:37 GMT";

    #[test]
    fn clock_offset_from_a_date_header() {
        assert_eq!(clock_offset(D, T - 5_000), Some(5_000));
        assert_eq!(clock_offset("yesterday", 0), None);
        assert_eq!(clock_offset(D, i64::MIN), None, "no overflow");
    }

    #[test]
    fn an_offset_within_the_bound_is_learned_from_a_refusal() {
        let mut c = SkewClock::default();
        assert!(c.learn_from_refusal(Some(D), T - 3_600_000));
        assert_eq!(c.offset_ms(), 3_600_000);
        assert_eq!(c.signing_time(T - 3_600_000), T);
        assert!(!c.learn_from_refusal(Some(D), T - 3_600_000), "no change: nothing new to try");
        assert!(!c.learn_from_refusal(None, T), "no Date: nothing learned");
        assert!(!c.learn_from_refusal(Some("garbage"), T));
    }

    #[test]
    fn a_hostile_date_is_never_adopted() {
        let mut c = SkewClock::default();
        let now = 1_764_000_000_000;
        assert!(!c.learn_from_refusal(Some("Fri, 31 Dec 9999 23:59:59 GMT"), now));
        assert!(!c.learn_from_refusal(Some("Thu, 01 Jan 1970 00:00:00 GMT"), now));
        assert_eq!(c.offset_ms(), 0);
        assert_eq!(c.signing_time(now), now);
        // Just past a day either way is refused, just within is accepted.
        assert!(!c.learn_from_refusal(Some(D), T - MAX_OFFSET_MS - 1_000));
        assert!(c.learn_from_refusal(Some(D), T + MAX_OFFSET_MS));
    }

    #[test]
    fn a_learned_offset_is_corrected_by_later_answers() {
        let mut c = SkewClock::default();
        assert!(c.learn_from_refusal(Some(D), T - 7_200_000));
        c.observe(Some(D), T - 60_000);
        assert_eq!(c.offset_ms(), 60_000, "measured again");
        c.observe(Some("Fri, 31 Dec 9999 23:59:59 GMT"), T);
        assert_eq!(c.offset_ms(), 0, "an absurd Date drops the offset");
        c.observe(Some(D), T - 60_000);
        assert_eq!(c.offset_ms(), 0, "without a refusal nothing is learned");
    }

    #[test]
    fn signing_time_never_leaves_what_a_signature_can_carry() {
        let c = SkewClock { offset_ms: MAX_OFFSET_MS };
        assert_eq!(c.signing_time(LAST_SIGNABLE_MS), LAST_SIGNABLE_MS);
        assert_eq!(c.signing_time(i64::MAX), i64::MAX, "no overflow");
        let back = SkewClock { offset_ms: -MAX_OFFSET_MS };
        assert_eq!(back.signing_time(1_000), 1_000);
    }
}
