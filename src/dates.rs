//! Dates as authors write them and as pages show them.
//!
//! Front matter dates are naive local times in the site's time zone
//! (`2023-11-20 19:02:01`, `2023-11-20 19:02`, `2023-11-20`) or RFC 3339
//! timestamps with an offset. Everything downstream works with
//! [`jiff::Timestamp`]s and renders them in the site zone, so an article
//! written with `+00:00` still shows Seoul time on a Korean site.
//!
//! Machine-readable dates (HTML `datetime`, JSON-LD, feeds, sitemaps) need
//! an offset in whole minutes: RFC 3339 and RFC 822 have no seconds there.
//! Historic zone offsets do have them (Seoul before 1908 was +08:27:52), so
//! such instants are written in UTC instead ([`machine_zoned`]).

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

/// RFC 3339 with the numeric offset, as used in `datetime` attributes,
/// feeds and JSON-LD: `2023-11-20T19:02:01+09:00`.
pub const RFC3339: &str = "%Y-%m-%dT%H:%M:%S%:z";
/// RFC 822 as RSS wants it: `Mon, 20 Nov 2023 19:02:01 +0900`.
pub const RFC822: &str = "%a, %d %b %Y %H:%M:%S %z";
/// Years that every machine-readable date format can write (four digits).
const YEARS: std::ops::RangeInclusive<i16> = 1..=9999;

/// Parses a front matter date in the given zone.
pub fn parse_date(input: &str, tz: &TimeZone) -> Result<Timestamp, String> {
    let ts = parse_any_year(input, tz)?;
    let year = ts.to_zoned_datetime(TimeZone::UTC).year();
    if !YEARS.contains(&year) {
        return Err(format!(
            "`{input}` is outside the years 0001 to 9999 that feeds and sitemaps can carry"
        ));
    }
    Ok(ts)
}

fn parse_any_year(input: &str, tz: &TimeZone) -> Result<Timestamp, String> {
    let s = input.trim();
    let looks_zoned =
        s.contains('T') || s.ends_with('Z') || s.ends_with('z') || has_trailing_offset(s);
    if looks_zoned {
        return s
            .parse::<Timestamp>()
            .map_err(|e| format!("`{input}` is not a valid RFC 3339 date with an offset ({e})"));
    }
    let civil = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| DateTime::strptime(f, s).ok())
        .or_else(|| {
            Date::strptime("%Y-%m-%d", s)
                .ok()
                .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
        });
    let Some(civil) = civil else {
        return Err(format!(
            "`{input}` is not a date: write `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DD HH:MM`, `YYYY-MM-DD` or RFC 3339 like `2023-11-20T19:02:01+09:00`"
        ));
    };
    civil
        .to_zoned_datetime(tz.clone())
        .map(|z| z.timestamp())
        .map_err(|e| format!("`{input}` cannot be placed in the site time zone: {e}"))
}

/// Whether an author wrote a time (`2023-11-20 19:02`) rather than a day
/// alone (`2023-11-20`): a day alone is shown without a made-up `00:00`.
pub fn has_time(input: &str) -> bool {
    Date::strptime("%Y-%m-%d", input.trim()).is_err()
}

/// How a date is given to templates: RFC 3339, or `YYYY-MM-DD` when the
/// author wrote no time (HTML `datetime` takes both).
pub fn template_value(ts: Timestamp, with_time: bool, tz: &TimeZone) -> String {
    if with_time {
        rfc3339(ts, tz)
    } else {
        in_zone(ts, tz).strftime("%Y-%m-%d").to_string()
    }
}

fn has_trailing_offset(s: &str) -> bool {
    // `... 19:02:01+09:00` or `-0500`: a sign after the time part.
    s.get(10..)
        .and_then(|time| time.rfind(['+', '-']).map(|i| &time[i..]))
        .is_some_and(|offset| offset.len() >= 3)
}

/// The timestamp in the site zone.
pub fn in_zone(ts: Timestamp, tz: &TimeZone) -> ZonedDateTime {
    ts.to_zoned_datetime(tz.clone())
}

/// The timestamp in the site zone for machine-readable dates, or in UTC
/// where the zone's offset then had seconds.
pub fn machine_zoned(ts: Timestamp, tz: &TimeZone) -> ZonedDateTime {
    let zoned = in_zone(ts, tz);
    if zoned.offset().seconds() % 60 == 0 {
        zoned
    } else {
        ts.to_zoned_datetime(TimeZone::UTC)
    }
}

/// RFC 3339 in the site zone (see [`machine_zoned`]).
pub fn rfc3339(ts: Timestamp, tz: &TimeZone) -> String {
    machine_zoned(ts, tz).strftime(RFC3339).to_string()
}

/// RFC 822 in the site zone (see [`machine_zoned`]).
pub fn rfc822(ts: Timestamp, tz: &TimeZone) -> String {
    machine_zoned(ts, tz).strftime(RFC822).to_string()
}

/// Formats with a strftime pattern, reporting a bad pattern instead of panicking.
pub fn format(zdt: &ZonedDateTime, pattern: &str) -> Result<String, String> {
    jiff::fmt::strtime::format(pattern, zdt)
        .map_err(|e| format!("bad date format `{pattern}`: {e}"))
}

/// How a site shows dates to readers: `full` on article pages, `short` in
/// lists, `day` for a date written without a time.
#[derive(Debug, Clone)]
pub struct DisplayFormats {
    pub tz: TimeZone,
    pub full: String,
    pub short: String,
    pub day: String,
}

impl DisplayFormats {
    /// The date as readers see it (the patterns were checked with the
    /// configuration, so formatting cannot fail).
    pub fn show(&self, ts: Timestamp, with_time: bool, short: bool) -> String {
        let pattern = match (with_time, short) {
            (false, _) => &self.day,
            (true, true) => &self.short,
            (true, false) => &self.full,
        };
        format(&in_zone(ts, &self.tz), pattern).unwrap_or_default()
    }
}

/// Formats a day with a strftime pattern.
pub fn format_civil(day: Date, pattern: &str) -> Result<String, String> {
    jiff::fmt::strtime::format(pattern, day)
        .map_err(|e| format!("bad date format `{pattern}`: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seoul() -> TimeZone {
        TimeZone::get("Asia/Seoul").unwrap()
    }

    #[test]
    fn naive_dates_are_in_the_site_zone() {
        let tz = seoul();
        let ts = parse_date("2023-11-20 19:02:01", &tz).unwrap();
        assert_eq!(rfc3339(ts, &tz), "2023-11-20T19:02:01+09:00");
        assert_eq!(ts.to_string(), "2023-11-20T10:02:01Z");
        let ts = parse_date("2023-11-20 19:02", &tz).unwrap();
        assert_eq!(rfc3339(ts, &tz), "2023-11-20T19:02:00+09:00");
        let ts = parse_date("2023-11-20", &tz).unwrap();
        assert_eq!(rfc3339(ts, &tz), "2023-11-20T00:00:00+09:00");
    }

    #[test]
    fn offsets_are_respected_and_shown_in_site_zone() {
        let tz = seoul();
        let ts = parse_date("2023-11-20T10:02:01Z", &tz).unwrap();
        assert_eq!(rfc3339(ts, &tz), "2023-11-20T19:02:01+09:00");
        let ts = parse_date("2023-11-20T05:02:01-05:00", &tz).unwrap();
        assert_eq!(rfc3339(ts, &tz), "2023-11-20T19:02:01+09:00");
    }

    #[test]
    fn bad_dates_say_what_to_write() {
        let tz = seoul();
        let err = parse_date("20 Nov 2023", &tz).unwrap_err();
        assert!(err.contains("YYYY-MM-DD"), "{err}");
        assert!(parse_date("2023-02-30", &tz).is_err());
        assert!(
            parse_date("2023-11-20T19:02:01", &tz).is_err(),
            "T form needs an offset"
        );
    }

    #[test]
    fn multi_byte_text_is_refused_not_sliced() {
        // Found by the property test: byte 10 fell inside `월`.
        let err = parse_date("2023년11월20일", &seoul()).unwrap_err();
        assert!(err.contains("YYYY-MM-DD"), "{err}");
        assert!(parse_date("ꡀ᨞0𞹾", &seoul()).is_err());
    }

    #[test]
    fn years_beyond_four_digits_are_refused() {
        let tz = seoul();
        assert!(parse_date("0000-12-31", &tz).is_err());
        assert!(parse_date("9999-12-31", &tz).is_ok());
        assert!(parse_date("-0001-01-01T00:00:00Z", &tz).is_err());
    }

    #[test]
    fn offsets_with_seconds_are_written_in_utc() {
        let tz = seoul();
        // Seoul kept local mean time, +08:27:52, until 1908.
        let ts = parse_date("1900-01-01 12:00", &tz).unwrap();
        assert_eq!(in_zone(ts, &tz).offset().seconds(), 8 * 3600 + 27 * 60 + 52);
        assert_eq!(rfc3339(ts, &tz), "1900-01-01T03:32:08+00:00");
        assert_eq!(rfc822(ts, &tz), "Mon, 01 Jan 1900 03:32:08 +0000");
        let modern = parse_date("2023-11-20 19:02:01", &tz).unwrap();
        assert_eq!(rfc822(modern, &tz), "Mon, 20 Nov 2023 19:02:01 +0900");
    }

    #[test]
    fn a_day_alone_has_no_time() {
        let tz = seoul();
        assert!(!has_time(" 2024-02-14 "));
        assert!(has_time("2024-02-14 00:00"));
        assert!(has_time("2024-02-14T09:00:00+09:00"));
        let ts = parse_date("2024-02-14", &tz).unwrap();
        assert_eq!(template_value(ts, false, &tz), "2024-02-14");
        assert_eq!(template_value(ts, true, &tz), "2024-02-14T00:00:00+09:00");
    }

    #[test]
    fn format_uses_strftime() {
        let tz = seoul();
        let z = in_zone(parse_date("2023-11-20 19:02:01", &tz).unwrap(), &tz);
        assert_eq!(
            format(&z, "%Y.%m.%d %H:%M:%S").unwrap(),
            "2023.11.20 19:02:01"
        );
        assert!(format(&z, "%Q%").is_err());
    }
}
