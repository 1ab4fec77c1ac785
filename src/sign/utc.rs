//! The signing instant in the three textual forms the schemes use; all come from one instant, in UTC.

use time::OffsetDateTime;

use crate::error::SignError;

pub(crate) struct Utc {
    pub unix_seconds: i64,
    dt: OffsetDateTime,
}

impl Utc {
    pub fn from_millis(time_ms: i64) -> Result<Utc, SignError> {
        let unix_seconds = time_ms.div_euclid(1000);
        let dt = OffsetDateTime::from_unix_timestamp(unix_seconds)
            .map_err(|_| SignError::InvalidTime)?;
        if unix_seconds < 0 || dt.year() > 9999 {
            return Err(SignError::InvalidTime);
        }
        Ok(Utc { unix_seconds, dt })
    }

    /// `YYYYMMDD` (Volcengine short date).
    pub fn compact_date(&self) -> String {
        let mut out = String::with_capacity(8);
        self.push_date(&mut out, "");
        out
    }

    /// `YYYYMMDDTHHMMSSZ` (Volcengine `X-Date`).
    pub fn compact_date_time(&self) -> String {
        let mut out = String::with_capacity(16);
        self.push_date(&mut out, "");
        self.push_time(&mut out, "");
        out
    }

    /// `YYYY-MM-DD` (Tencent credential scope).
    pub fn iso_date(&self) -> String {
        let mut out = String::with_capacity(10);
        self.push_date(&mut out, "-");
        out
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` (Alibaba `x-acs-date`).
    pub fn iso_date_time(&self) -> String {
        let mut out = String::with_capacity(20);
        self.push_date(&mut out, "-");
        self.push_time(&mut out, ":");
        out
    }

    /// `unix_seconds` in decimal (Tencent `X-TC-Timestamp`).
    pub fn unix_seconds_text(&self) -> String {
        // Not negative: `from_millis` refuses times before 1970.
        let n = self.unix_seconds.unsigned_abs();
        let mut out = String::with_capacity(12);
        push_digits(&mut out, n, n.checked_ilog10().unwrap_or(0) + 1);
        out
    }

    // Digits are written directly: these run on every signature, `format!` with widths costs
    // more than the rest of the date handling in the wasm build, and the signing entry point
    // carries no formatting code of its own.
    fn push_date(&self, out: &mut String, sep: &str) {
        push_digits(out, self.dt.year().unsigned_abs().into(), 4);
        out.push_str(sep);
        push_digits(out, u8::from(self.dt.month()).into(), 2);
        out.push_str(sep);
        push_digits(out, self.dt.day().into(), 2);
    }

    fn push_time(&self, out: &mut String, sep: &str) {
        out.push('T');
        push_digits(out, self.dt.hour().into(), 2);
        out.push_str(sep);
        push_digits(out, self.dt.minute().into(), 2);
        out.push_str(sep);
        push_digits(out, self.dt.second().into(), 2);
        out.push('Z');
    }
}

/// The last `width` decimal digits of `n`, zero-padded.
fn push_digits(out: &mut String, n: u64, width: u32) {
    for place in (0..width).rev() {
        let digit = (n / 10u64.pow(place)) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_second_of_a_day_stays_on_that_day() {
        // 2025-12-31T23:59:59.999Z
        let t = Utc::from_millis(1_767_225_599_999).unwrap();
        assert_eq!(t.compact_date_time(), "20251231T235959Z");
        assert_eq!(t.iso_date(), "2025-12-31");
        assert_eq!(t.iso_date_time(), "2025-12-31T23:59:59Z");
        assert_eq!(t.unix_seconds, 1_767_225_599);
        assert_eq!(t.unix_seconds_text(), "1767225599");
        assert_eq!(Utc::from_millis(999).unwrap().unix_seconds_text(), "0");
        assert_eq!(Utc::from_millis(10_000).unwrap().unix_seconds_text(), "10");
        let next = Utc::from_millis(1_767_225_600_000).unwrap();
        assert_eq!(next.iso_date(), "2026-01-01");
    }

    #[test]
    fn out_of_range_times_are_errors() {
        assert_eq!(Utc::from_millis(-1).err(), Some(SignError::InvalidTime));
        assert_eq!(Utc::from_millis(i64::MAX).err(), Some(SignError::InvalidTime));
        assert_eq!(Utc::from_millis(253_402_300_800_000).err(), Some(SignError::InvalidTime));
        assert!(Utc::from_millis(253_402_300_799_000).is_ok());
    }
}
