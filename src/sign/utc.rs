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
        format!(
            "{:04}{:02}{:02}",
            self.dt.year(),
            u8::from(self.dt.month()),
            self.dt.day()
        )
    }

    /// `YYYYMMDDTHHMMSSZ` (Volcengine `X-Date`).
    pub fn compact_date_time(&self) -> String {
        format!(
            "{}T{:02}{:02}{:02}Z",
            self.compact_date(),
            self.dt.hour(),
            self.dt.minute(),
            self.dt.second()
        )
    }

    /// `YYYY-MM-DD` (Tencent credential scope).
    pub fn iso_date(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.dt.year(),
            u8::from(self.dt.month()),
            self.dt.day()
        )
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` (Alibaba `x-acs-date`).
    pub fn iso_date_time(&self) -> String {
        format!(
            "{}T{:02}:{:02}:{:02}Z",
            self.iso_date(),
            self.dt.hour(),
            self.dt.minute(),
            self.dt.second()
        )
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
        let next = Utc::from_millis(1_767_225_600_000).unwrap();
        assert_eq!(next.iso_date(), "2026-01-01");
    }

    #[test]
    fn out_of_range_times_are_errors() {
        assert_eq!(Utc::from_millis(-1).err(), Some(SignError::InvalidTime));
        assert_eq!(
            Utc::from_millis(i64::MAX).err(),
            Some(SignError::InvalidTime)
        );
        assert_eq!(
            Utc::from_millis(253_402_300_800_000).err(),
            Some(SignError::InvalidTime)
        );
        assert!(Utc::from_millis(253_402_300_799_000).is_ok());
    }
}
