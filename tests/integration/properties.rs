//! Property tests: any input gives `Ok` or a structured error, never a
//! panic; whatever becomes a path stays inside the output.

use proptest::prelude::*;

use byline::dates::parse_date;

fn seoul() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get("Asia/Seoul").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_date_text_parses_or_is_refused(text in "\\PC{0,24}") {
        let _ = parse_date(&text, &seoul());
    }
}
