//! The clouds' time strings, read exactly: RFC 3339 (`Z` or an offset), and the space-separated
//! `YYYY-MM-DD HH:MM:SS` that Tencent writes in Beijing time (UTC+8) and ESA in UTC.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// What offset a time without one is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Utc,
    /// Beijing time, UTC+8 (Tencent).
    Beijing,
}

/// Unix seconds of `s`, or `None` for an empty, zero (`0000-00-00 00:00:00`) or unreadable time.
pub fn parse(s: &str, zone: Zone) -> Option<i64> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 19 || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok()).flatten()
    };
    if b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let date = Date::from_calendar_date(
        num(0..4)? as i32,
        Month::try_from(num(5..7)? as u8).ok()?,
        num(8..10)? as u8,
    )
    .ok()?;
    let time = Time::from_hms(num(11..13)? as u8, num(14..16)? as u8, num(17..19)? as u8).ok()?;
    // Fractions of a second are dropped; then `Z`, an offset, or nothing.
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        rest = &frac[digits..];
    }
    let offset = match rest {
        "" => match zone {
            Zone::Utc => UtcOffset::UTC,
            Zone::Beijing => UtcOffset::from_hms(8, 0, 0).ok()?,
        },
        "Z" | "z" => UtcOffset::UTC,
        o if o.len() == 6 && matches!(&o[..1], "+" | "-") && &o[3..4] == ":" => {
            let sign = if o.starts_with('-') { -1 } else { 1 };
            let two = |p: &str| -> Option<i8> {
                p.bytes().all(|c| c.is_ascii_digit()).then(|| p.parse().ok()).flatten()
            };
            let h = two(&o[1..3])?;
            let m = two(&o[4..6])?;
            UtcOffset::from_hms(sign * h, sign * m, 0).ok()?
        }
        _ => return None,
    };
    Some(PrimitiveDateTime::new(date, time).assume_offset(offset).unix_timestamp())
}

/// `2026-11-29T08:00:00Z`.
pub fn iso_utc(t: i64) -> String {
    layout(t, 0, 'T', "Z")
}

/// `2026-11-29 16:00:00`: the space-separated layout, in `zone` (Tencent writes Beijing time,
/// ESA UTC).
pub fn plain(t: i64, zone: Zone) -> String {
    let hours = match zone {
        Zone::Utc => 0,
        Zone::Beijing => 8,
    };
    layout(t, hours, ' ', "")
}

/// Unix seconds `t` shifted by `hours`, as `YYYY-MM-DD{sep}HH:MM:SS{suffix}`; empty if out of range.
fn layout(t: i64, hours: i64, sep: char, suffix: &str) -> String {
    let Some(d) =
        t.checked_add(hours * 3600).and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok())
    else {
        return String::new();
    };
    format!(
        "{:04}-{:02}-{:02}{sep}{:02}:{:02}:{:02}{suffix}",
        d.year(),
        d.month() as u8,
        d.day(),
        d.hour(),
        d.minute(),
        d.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clouds_layouts_read_exactly() {
        let utc = parse("2024-08-18T07:19:00Z", Zone::Utc).unwrap();
        assert_eq!(iso_utc(utc), "2024-08-18T07:19:00Z");
        // Tencent: Beijing time, eight hours ahead of UTC.
        let bj = parse("2024-04-17 11:55:21", Zone::Beijing).unwrap();
        assert_eq!(iso_utc(bj), "2024-04-17T03:55:21Z");
        // ESA: the same layout in UTC.
        assert_eq!(
            iso_utc(parse("2024-03-31 02:08:00", Zone::Utc).unwrap()),
            "2024-03-31T02:08:00Z"
        );
        // An explicit zone wins over the cloud's default, and crosses midnight.
        assert_eq!(
            iso_utc(parse("2018-11-30T15:50:12Z", Zone::Beijing).unwrap()),
            "2018-11-30T15:50:12Z"
        );
        assert_eq!(
            iso_utc(parse("2024-01-01T01:00:00+08:00", Zone::Utc).unwrap()),
            "2023-12-31T17:00:00Z"
        );
        assert_eq!(
            iso_utc(parse("2024-01-01T01:00:00.123-02:30", Zone::Utc).unwrap()),
            "2024-01-01T03:30:00Z"
        );
        assert_eq!(
            iso_utc(parse("2024-02-29 23:59:59", Zone::Beijing).unwrap()),
            "2024-02-29T15:59:59Z"
        );
        // Written back in each cloud's layout, the same text.
        for (text, zone) in
            [("2024-04-17 11:55:21", Zone::Beijing), ("2024-03-31 02:08:00", Zone::Utc)]
        {
            assert_eq!(plain(parse(text, zone).unwrap(), zone), text);
        }
    }

    #[test]
    fn absent_and_broken_times_are_none() {
        for s in [
            "",
            "0000-00-00 00:00:00",
            "2024-02-30 00:00:00",
            "2024-13-01T00:00:00Z",
            "2024-01-01",
            "2024-01-01T25:00:00Z",
            "2024-01-01T00:00:00+8",
            "2024-01-01T00:00:00Zjunk",
            "yyyy-mm-ddThh:mm:ssZ",
            "２０２４-01-01T00:00:00Z",
        ] {
            assert_eq!(parse(s, Zone::Utc), None, "{s:?}");
        }
    }
}
