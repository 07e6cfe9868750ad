//! Behaviour of the TIMEX3 tagger on hand-written sentences.
//! Anchor: Wednesday 2025-08-27 unless a test says otherwise.

use gloss::core::timeline::timex::{Timex, TimexType, tag};
use jiff::civil::{Date, date};

use TimexType::{Date as D, Duration as P, Set as S, Time as T};

const ANCHOR: Date = date(2025, 8, 27);

fn found(text: &str, anchor: Option<Date>) -> Vec<(String, TimexType, String)> {
    tag(text, anchor)
        .into_iter()
        .map(|t: Timex| (text[t.start..t.end].to_string(), t.kind, t.value))
        .collect()
}

/// Asserts the text holds exactly one expression with this extent, type and value.
#[track_caller]
fn one(text: &str, anchor: Option<Date>, surface: &str, kind: TimexType, value: &str) {
    let got = found(text, anchor);
    assert_eq!(
        got,
        vec![(surface.to_string(), kind, value.to_string())],
        "in {text:?}"
    );
}

#[track_caller]
fn anchored(text: &str, surface: &str, kind: TimexType, value: &str) {
    one(text, Some(ANCHOR), surface, kind, value);
}

#[track_caller]
fn unanchored(text: &str, surface: &str, kind: TimexType, value: &str) {
    one(text, None, surface, kind, value);
}

#[track_caller]
fn nothing(text: &str) {
    let got = found(text, Some(ANCHOR));
    assert!(got.is_empty(), "expected nothing in {text:?}, got {got:?}");
}

#[test]
fn absolute_dates_in_usual_forms() {
    anchored(
        "The treaty was signed Aug 27, 2025 in Geneva.",
        "Aug 27, 2025",
        D,
        "2025-08-27",
    );
    anchored(
        "It was signed on 27 August 2025.",
        "27 August 2025",
        D,
        "2025-08-27",
    );
    anchored(
        "Talks resumed in August 2025 after a pause.",
        "August 2025",
        D,
        "2025-08",
    );
    anchored(
        "The filing is dated 2025-08-27.",
        "2025-08-27",
        D,
        "2025-08-27",
    );
    anchored("Rents doubled during the 1990s.", "1990s", D, "199");
    anchored("Output should recover by mid-2024.", "mid-2024", D, "2024");
    anchored("The plant opened in early 2023.", "early 2023", D, "2023");
    anchored(
        "She left on September 3rd, 2019.",
        "September 3rd, 2019",
        D,
        "2019-09-03",
    );
    anchored(
        "The vote fell on 4/7/21 as planned.",
        "4/7/21",
        D,
        "2021-04-07",
    );
}

#[test]
fn years_in_context_are_the_year_only() {
    anchored("Prices rose in 2023 across the region.", "2023", D, "2023");
    anchored("He has led the party since 2022.", "2022", D, "2022");
    anchored("The fleet will be electric by 2030.", "2030", D, "2030");
    anchored("The 1991 agreement still stands.", "1991", D, "1991");
}

#[test]
fn spaced_punctuation_as_in_tokenized_corpora() {
    anchored("March 01 , 2008", "March 01 , 2008", D, "2008-03-01");
    anchored(
        "The ship docked on Aug. 27 near the port.",
        "Aug. 27",
        D,
        "2025-08-27",
    );
    anchored(
        "Markets closed at 16:08 UTC on the day .",
        "16:08 UTC",
        T,
        "2025-08-27T16:08Z",
    );
}

#[test]
fn month_and_day_without_year_take_the_nearest_year() {
    anchored(
        "The summit opens on September 12.",
        "September 12",
        D,
        "2025-09-12",
    );
    let a = Some(date(2010, 1, 25));
    one(
        "The first flight was on 11 December.",
        a,
        "11 December",
        D,
        "2009-12-11",
    );
    anchored("Sales fell in June.", "June", D, "2025-06");
}

#[test]
fn relative_expressions_anchor_on_the_publication_date() {
    anchored(
        "Ministers met this week to agree the plan.",
        "this week",
        D,
        "2025-W35",
    );
    anchored("Inflation slowed last month.", "last month", D, "2025-07");
    anchored(
        "Sales in the current quarter should recover.",
        "the current quarter",
        D,
        "2025-Q3",
    );
    anchored(
        "Losses in the current year will narrow.",
        "the current year",
        D,
        "2025",
    );
    anchored("The bill passed yesterday.", "yesterday", D, "2025-08-26");
    anchored(
        "Shares rose today in early trading.",
        "today",
        D,
        "2025-08-27",
    );
    anchored("The court ruled on Tuesday.", "Tuesday", D, "2025-08-26");
    anchored("The court will rule on Friday.", "Friday", D, "2025-08-29");
    // News announces in the present what is to come; the noun looks back.
    anchored("Talks resume on Thursday.", "Thursday", D, "2025-08-28");
    anchored("The court rules Monday.", "Monday", D, "2025-09-01");
    anchored("The vote on Friday was close.", "Friday", D, "2025-08-22");
    anchored("Talks resumed on Thursday.", "Thursday", D, "2025-08-21");
    anchored("The mine closed two years ago.", "two years ago", D, "2023");
    anchored(
        "The firm was bought earlier this year.",
        "earlier this year",
        D,
        "2025",
    );
    anchored("Work will start next spring.", "next spring", D, "2026-SP");
    anchored("Growth slowed last year.", "last year", D, "2024");
    anchored("A review is due next month.", "next month", D, "2025-09");
    anchored(
        "Profits fell in the first quarter of 2024.",
        "the first quarter of 2024",
        D,
        "2024-Q1",
    );
    anchored(
        "Profits fell in the second quarter.",
        "the second quarter",
        D,
        "2025-Q2",
    );
    anchored(
        "Talks stalled this weekend.",
        "this weekend",
        D,
        "2025-W35-WE",
    );
    anchored(
        "Deliveries slipped to the end of next year.",
        "the end of next year",
        D,
        "2026",
    );
    anchored(
        "The rally faded last Friday.",
        "last Friday",
        D,
        "2025-08-22",
    );
    anchored("Polls open next Tuesday.", "next Tuesday", D, "2025-09-02");
    anchored(
        "Fighting resumed this morning.",
        "this morning",
        T,
        "2025-08-27TMO",
    );
    anchored(
        "The plant reopened in the summer of 2021.",
        "summer of 2021",
        D,
        "2021-SU",
    );
}

#[test]
fn relative_expressions_without_anchor_keep_placeholders() {
    unanchored("The bill passed yesterday.", "yesterday", D, "XXXX-XX-XX");
    unanchored("Ministers met this week.", "this week", D, "XXXX-WXX");
    unanchored("Inflation slowed last month.", "last month", D, "XXXX-XX");
    unanchored("The court ruled on Tuesday.", "Tuesday", D, "XXXX-WXX-2");
    unanchored(
        "The summit opens on September 12.",
        "September 12",
        D,
        "XXXX-09-12",
    );
    unanchored("Growth slowed last year.", "last year", D, "XXXX");
    unanchored("Work will start next winter.", "next winter", D, "XXXX-WI");
    unanchored("The mine closed two years ago.", "two years ago", D, "XXXX");
    // Absolute dates need no anchor.
    unanchored(
        "It was signed on 27 August 2025.",
        "27 August 2025",
        D,
        "2025-08-27",
    );
}

#[test]
fn reference_words() {
    anchored("The store is now closed.", "now", D, "PRESENT_REF");
    anchored("He recently moved to Paris.", "recently", D, "PAST_REF");
    anchored(
        "More recently, the port added a berth.",
        "More recently",
        D,
        "PAST_REF",
    );
    anchored(
        "Prices may rise in the future.",
        "the future",
        D,
        "FUTURE_REF",
    );
}

#[test]
fn durations() {
    anchored("They signed a 10-year lease.", "10-year", P, "P10Y");
    anchored("The strike lasted three months.", "three months", P, "P3M");
    anchored("Prices have not moved in a decade.", "a decade", P, "P10Y");
    anchored(
        "The jet is almost two and a half years late.",
        "almost two and a half years",
        P,
        "P2.5Y",
    );
    anchored(
        "Shares fell for six straight days.",
        "six straight days",
        P,
        "P6D",
    );
    anchored("The flight took 12 hours.", "12 hours", P, "PT12H");
    anchored(
        "Cuts are planned over the next four years.",
        // "over" is the preposition here, as TimeML leaves prepositions
        // out; in "over a decade" it means more than one and belongs.
        "the next four years",
        P,
        "P4Y",
    );
    anchored("The job took several years.", "several years", P, "PXY");
    anchored(
        "The engine ran for thirty minutes.",
        "thirty minutes",
        P,
        "PT30M",
    );
    anchored("It took twenty-five years.", "twenty-five years", P, "P25Y");
}

#[test]
fn sets() {
    anchored("The fair is held every year.", "every year", S, "P1Y");
    anchored("The paper appears weekly.", "weekly", S, "P1W");
    anchored("The plant builds 15 a year.", "a year", S, "P1Y");
    anchored("Staff meet every Monday.", "every Monday", S, "XXXX-WXX-1");
    anchored("The ice melts every July.", "every July", S, "XXXX-07");
    // A month said to recur is a set, not the last or next one.
    assert_eq!(
        found("Convoys usually sail from July to November.", Some(ANCHOR)),
        [
            ("July".to_string(), S, "XXXX-07".to_string()),
            ("November".to_string(), S, "XXXX-11".to_string()),
        ]
    );
    anchored(
        "Talks typically resume in January.",
        "January",
        S,
        "XXXX-01",
    );
    // Without the habit, the month is placed as before.
    anchored("Convoys sailed in July.", "July", D, "2025-07");
}

#[test]
fn clock_times() {
    anchored(
        "The launch came at 18:00 UTC.",
        "18:00 UTC",
        T,
        "2025-08-27T18:00Z",
    );
    anchored(
        "Polls close at 8 p.m. tonight.",
        "8 p.m. tonight",
        T,
        "2025-08-27T20:00",
    );
    anchored("The raid began at 3am.", "3am", T, "2025-08-27T03:00");
    // A clock time takes the day named earlier in the sentence.
    let got = found("The jet flew on Tuesday at 18:00 UTC.", Some(ANCHOR));
    assert_eq!(got[1].2, "2025-08-26T18:00Z");
    // Noon and midnight take the day named after them, as clock times do.
    let got = found("The law took effect at midnight on Sunday.", Some(ANCHOR));
    assert_eq!(
        got[0],
        ("midnight".to_string(), T, "2025-08-24T24:00".to_string())
    );
    assert_eq!(got[1], ("Sunday".to_string(), D, "2025-08-24".to_string()));
    let got = found("The ministers met at noon on 4 April 2025.", Some(ANCHOR));
    assert_eq!(got[0].2, "2025-04-04T12:00");
    anchored("Trading resumed at noon.", "noon", T, "2025-08-27T12:00");
    unanchored(
        "The launch came at 18:00 UTC.",
        "18:00 UTC",
        T,
        "XXXX-XX-XXT18:00Z",
    );
}

#[test]
fn several_expressions_in_one_sentence() {
    let got = found(
        "In 2019 the firm grew, and by June 2021 it had doubled; it plans another rise next year.",
        Some(ANCHOR),
    );
    let values: Vec<&str> = got.iter().map(|g| g.2.as_str()).collect();
    assert_eq!(values, ["2019", "2021-06", "2026"]);
}

#[test]
fn byte_offsets_survive_non_ascii_text() {
    let text = "Café owners — in Zürich — reopened on 3 März? No: on 3 May 2024.";
    let got = tag(text, Some(ANCHOR));
    assert_eq!(got.len(), 1);
    assert_eq!(&text[got[0].start..got[0].end], "3 May 2024");
    // Curly apostrophes and dashes are handled like ASCII ones.
    let got = found("The ’90s boom and mid–2024 slump.", Some(ANCHOR));
    assert_eq!(got[0], ("’90s".to_string(), D, "199".to_string()));
    assert_eq!(got[1], ("mid–2024".to_string(), D, "2024".to_string()));
}

#[test]
fn negatives_are_not_tagged() {
    nothing("Two F-16 jets escorted the plane.");
    nothing("Traffic on Route 66 was light.");
    nothing("The chart is on page 2022 of the report.");
    nothing("Officials counted 1,500 drones.");
    nothing("May I ask a question?");
    nothing("Police found a 9mm round at the scene.");
    nothing("The army moved 10,000 troops north.");
    nothing("Cases of COVID-19 rose again.");
    nothing("The Boeing 747 is being retired.");
    nothing("Many offices still run Windows 2000 machines.");
    nothing("Call the hotline on 555-2012 or (212) 555-2019.");
    nothing("The thread is at forum.example/showthread.php?threadid=1972 still.");
    nothing("The current week of the trial was quiet.");
    nothing("The number is 020 7946 2001.");
    nothing("The army sent 2000 troops to the border.");
    nothing("He scored 2050 points in his career.");
    nothing("Read the Sunday Times for details.");
    nothing("Summer camps were cancelled.");
    nothing("The current account deficit grew.");
    nothing("We march at dawn.");
    nothing("width (string) -- the screen's width in pixels (default: \"1920\")");
    nothing("They read “1984” on the flight home.");
}

#[test]
fn empty_and_odd_inputs() {
    assert!(tag("", Some(ANCHOR)).is_empty());
    assert!(tag("\n\n   \t", None).is_empty());
    assert!(tag("2025", None).len() <= 1);
    // Truncated expressions at the end of the text must not panic.
    for text in [
        "Aug.",
        "on 12:",
        "27 of",
        "the first",
        "two and a",
        "'",
        "the",
        "3 p.",
        "every",
        "later",
        "It happened earlier",
        "8 p.m. (GMT",
        "a year and a",
    ] {
        let _ = tag(text, Some(ANCHOR));
    }
}

#[test]
fn more_relative_and_vague_forms() {
    anchored("Prices fell over the past year.", "the past year", P, "P1Y");
    anchored(
        "The plant has run over a decade.",
        "over a decade",
        P,
        "P10Y",
    );
    anchored("Rates rose in recent weeks.", "recent weeks", D, "PAST_REF");
    anchored("The mill closed decades ago.", "decades ago", D, "PAST_REF");
    anchored(
        "The line took a year and a half to build.",
        "a year and a half",
        P,
        "P1.5Y",
    );
    anchored("Shares slid late last year.", "late last year", D, "2024");
    anchored("Output peaked in the mid-1990s.", "mid-1990s", D, "199");
    anchored(
        "Shares rallied later in the day.",
        "later in the day",
        D,
        "2025-08-27",
    );
    anchored(
        "Profits doubled in fiscal 2024.",
        "fiscal 2024",
        D,
        "FY2024",
    );
    anchored("Sales rose in Q2.", "Q2", D, "2025-Q2");
    anchored(
        "Results for the second half of 2024 were weak.",
        "the second half of 2024",
        D,
        "2024-H2",
    );
    anchored(
        "The exchange stays closed until Friday.",
        "Friday",
        D,
        "2025-08-29",
    );
    anchored(
        "It happened late in the 20th century.",
        "20th century",
        D,
        "19",
    );
    nothing("The fund lost a quarter of its value.");
}

#[test]
fn christmas_is_a_day_and_takes_a_year_that_follows() {
    // A story of August: the last Christmas, unless a year is given.
    anchored(
        "The cable failed on Christmas Day.",
        "Christmas Day",
        D,
        "2024-12-25",
    );
    anchored(
        "The cable failed on Christmas Day 2023.",
        "Christmas Day 2023",
        D,
        "2023-12-25",
    );
    anchored(
        "Sales fell at Christmas 2022.",
        "Christmas 2022",
        D,
        "2022-12-25",
    );
    anchored(
        "They met on Christmas Eve, 2021.",
        "Christmas Eve, 2021",
        D,
        "2021-12-24",
    );
    nothing("Christmas sales rose.");
}

#[test]
fn holidays_are_days_fixed_or_movable() {
    anchored(
        "Markets shut on New Year's Day.",
        "New Year's Day",
        D,
        "2025-01-01",
    );
    anchored(
        "The attack came on New Year's Eve.",
        "New Year's Eve",
        D,
        "2024-12-31",
    );
    anchored(
        "Prices rose over the New Year.",
        "New Year",
        D,
        "2025-01-01",
    );
    anchored("Boxing Day sales were weak.", "Boxing Day", D, "2024-12-26");
    anchored(
        "On Valentine's Day the shop sold out.",
        "Valentine's Day",
        D,
        "2025-02-14",
    );
    anchored(
        "Armistice Day was marked in Paris.",
        "Armistice Day",
        D,
        "2024-11-11",
    );
    anchored(
        "They paraded on Bastille Day.",
        "Bastille Day",
        D,
        "2025-07-14",
    );
    // Movable feasts, computed for the year.
    anchored("Shops were busy at Easter.", "Easter", D, "2025-04-20");
    anchored("They met at Easter 2024.", "Easter 2024", D, "2024-03-31");
    anchored(
        "Ferries stopped on Easter Monday.",
        "Easter Monday",
        D,
        "2025-04-21",
    );
    anchored(
        "Traffic peaked on Thanksgiving Day.",
        "Thanksgiving Day",
        D,
        "2024-11-28",
    );
    // Names and things, not days; a day that depends on the country.
    nothing("Easter Island lies far away.");
    nothing("Easter eggs cost more.");
    nothing("The new year brought calm.");
    nothing("The Independence Day parade was cancelled.");
    // With no anchor a fixed day has no year, and a movable one no date.
    unanchored(
        "Markets shut on New Year's Day.",
        "New Year's Day",
        D,
        "XXXX-01-01",
    );
    assert!(found("Shops were busy at Easter.", None).is_empty());
}

#[test]
fn month_without_year_follows_tense() {
    // Anchor in August: a past-tense June is this year's, a future one next year's.
    anchored("Sales fell in October.", "October", D, "2024-10");
    anchored("The plant will reopen in June.", "June", D, "2026-06");
    anchored("The sale should close in October.", "October", D, "2025-10");
    anchored("The sale should have closed in June.", "June", D, "2025-06");
    let got = found("Dealers close after October of next year.", Some(ANCHOR));
    assert_eq!(got[0], ("October".to_string(), D, "2026-10".to_string()));
    assert_eq!(got[1], ("next year".to_string(), D, "2026".to_string()));
}

#[test]
fn season_without_year_follows_tense() {
    // A February story: last autumn is the past one, the coming summer next.
    let february = Some(date(2025, 2, 11));
    one(
        "Waiting times have doubled since the autumn.",
        february,
        "autumn",
        D,
        "2024-FA",
    );
    one(
        "The terminal will reopen in the summer.",
        february,
        "summer",
        D,
        "2025-SU",
    );
    // January and February belong to the winter that began in December.
    one(
        "Prices rose in the winter.",
        Some(date(2025, 1, 20)),
        "winter",
        D,
        "2024-WI",
    );
    // Anchored in August: this year's spring, and next year's winter ahead.
    anchored("The plant closed in the spring.", "spring", D, "2025-SP");
    anchored(
        "The plant will reopen in the winter.",
        "winter",
        D,
        "2025-WI",
    );
}

#[test]
fn names_that_look_like_seasons_or_years() {
    nothing("The Arab Spring changed the region.");
    nothing("Historians study the fall of Rome.");
    // A counted season is a length of time or a habit, not a date.
    nothing("The link would pay for itself in a single winter.");
    nothing("Ferries are laid up each winter.");
    nothing("The Russell 2000 Index slipped.");
}

#[test]
fn decades_with_apostrophes_and_names() {
    anchored("Prices soared in the 1980's.", "1980's", D, "198");
    nothing("The KC-30s are based on the A330.");
    nothing("The China Daily newspaper reported it.");
    let got = found("Sales hit a high in September last year.", Some(ANCHOR));
    assert_eq!(got[0], ("September".to_string(), D, "2024-09".to_string()));
    assert_eq!(got[1], ("last year".to_string(), D, "2024".to_string()));
}

#[test]
fn quarters_as_durations_and_fractions() {
    anchored(
        "The economy shrank for two consecutive quarters, data showed.",
        "two consecutive quarters",
        P,
        "P2Q",
    );
    nothing("Three quarters of voters agreed.");
    anchored(
        "Rates will stay low for the time being.",
        "the time being",
        D,
        "PRESENT_REF",
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    /// Any input: no panic, spans are ordered, in bounds and on char boundaries.
    #[test]
    fn spans_are_valid_on_arbitrary_text(text in "\\PC{0,200}") {
        for anchor in [Some(ANCHOR), None] {
            let mut last_end = 0;
            for t in tag(&text, anchor) {
                proptest::prop_assert!(t.start < t.end && t.end <= text.len());
                proptest::prop_assert!(t.start >= last_end);
                proptest::prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
                proptest::prop_assert!(!t.value.is_empty());
                last_end = t.end;
            }
        }
    }

    /// Text built from date-like pieces exercises the rules' look-ahead at edges.
    #[test]
    fn spans_are_valid_on_date_like_text(
        words in proptest::collection::vec(
            proptest::sample::select(vec![
                "the", "last", "next", "this", "May", "March", "2024", "1990s", "'", "90s", "-", ",",
                ".", ":", "/", "12", "3", "p", "m", "a", "year", "years", "ago", "of", "quarter",
                "first", "Monday", "in", "early", "mid", "and", "half", "every", "UTC", "fiscal",
                "Q3", "27th", "’", "–", "\n", "twenty", "five", "Christmas", "Eve", "the day",
            ]),
            0..40,
        ),
        glue in proptest::collection::vec(proptest::sample::select(vec!["", " "]), 40),
    ) {
        let mut text = String::new();
        for (w, g) in words.iter().zip(glue.iter()) {
            text.push_str(w);
            text.push_str(g);
        }
        for anchor in [Some(ANCHOR), Some(date(2000, 1, 1)), None] {
            let mut last_end = 0;
            for t in tag(&text, anchor) {
                proptest::prop_assert!(t.start < t.end && t.end <= text.len());
                proptest::prop_assert!(t.start >= last_end);
                proptest::prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
                last_end = t.end;
            }
        }
    }
}

#[test]
fn verb_last_and_far_month_days() {
    anchored("The talks last 48 hours.", "48 hours", P, "PT48H");
    anchored(
        "Rain fell in the last 48 hours.",
        "the last 48 hours",
        P,
        "PT48H",
    );
    anchored("It was a decade-long war.", "decade-long", P, "P10Y");
    // Months ahead with no future cue: the past occurrence.
    anchored(
        "Leaders met on 23 January in Davos.",
        "23 January",
        D,
        "2025-01-23",
    );
    anchored(
        "Leaders will meet on 23 January in Davos.",
        "23 January",
        D,
        "2026-01-23",
    );
}

#[test]
fn clock_time_zone_annotations() {
    anchored(
        "It landed at 6:40 p.m. ( GMT +8 ) on time.",
        "6:40 p.m. ( GMT +8 )",
        T,
        "2025-08-27T18:40",
    );
    anchored(
        "It landed at 6:40 p.m. (GMT+8).",
        "6:40 p.m. (GMT+8)",
        T,
        "2025-08-27T18:40",
    );
    anchored(
        "Polls close at 8 p.m. local time.",
        "8 p.m. local time",
        T,
        "2025-08-27T20:00",
    );
}

#[test]
fn long_runs_of_trigger_words_do_not_recurse_deeply() {
    let text = "later ".repeat(200_000);
    assert_eq!(tag(&text, Some(ANCHOR)).len(), 200_000);
    let text = "the ".repeat(100_000) + &"in 2024 ".repeat(100_000);
    assert_eq!(tag(&text, None).len(), 100_000);
}

#[test]
fn annual_amounts_are_durations_annual_events_are_sets() {
    anchored("The firm posted its first annual loss.", "annual", P, "P1Y");
    anchored(
        "Delegates met at the annual conference.",
        "annual",
        S,
        "P1Y",
    );
}

#[test]
fn clock_time_takes_a_following_date() {
    let got = found(
        "The firm filed at 16:15 UTC, June 1st, in New York.",
        Some(ANCHOR),
    );
    assert_eq!(
        got[0],
        ("16:15 UTC".to_string(), T, "2025-06-01T16:15Z".to_string())
    );
    assert_eq!(
        got[1],
        ("June 1st".to_string(), D, "2025-06-01".to_string())
    );
}

/// "that year" and "the same year" mean the year the text last named, not
/// the publication year; with no year named before, they are no date.
#[test]
fn that_year_refers_back_to_the_last_year_named() {
    let text = "The war began on February 24, 2022. In early March of that year \
                the ministry sent vests. Later that year it sent drones, and in \
                the same year talks began.";
    assert_eq!(
        found(text, Some(ANCHOR)),
        vec![
            ("February 24, 2022".into(), D, "2022-02-24".into()),
            ("early March".into(), D, "2022-03".into()),
            ("that year".into(), D, "2022".into()),
            ("Later that year".into(), D, "2022".into()),
            ("the same year".into(), D, "2022".into()),
        ]
    );
    // The latest year named wins, and a month without "that year" still
    // follows the publication date.
    assert_eq!(
        found(
            "Talks began in 2019 and ended in 2021. That year also saw a vote in June.",
            Some(ANCHOR)
        ),
        vec![
            ("2019".into(), D, "2019".into()),
            ("2021".into(), D, "2021".into()),
            ("That year".into(), D, "2021".into()),
            ("June".into(), D, "2025-06".into()),
        ]
    );
    nothing("That year was hard for everyone.");
    // Other uses of the words are not dates.
    nothing("He said that years of talks had passed.");
    anchored(
        "Both sides met on the same day.",
        "the same day",
        D,
        "2025-08-27",
    );
}

#[test]
fn a_span_of_days_is_one_date_at_its_first_day() {
    unanchored(
        "Ministers met in Riga on 28-30 March 2000.",
        "28-30 March 2000",
        D,
        "2000-03-28",
    );
    unanchored(
        "The forum ran 12–14 June 2023 in Vilnius.",
        "12–14 June 2023",
        D,
        "2023-06-12",
    );
    unanchored(
        "Leaders gathered June 12-14, 2023, in the capital.",
        "June 12-14, 2023",
        D,
        "2023-06-12",
    );
    anchored(
        "The talks run from 12 to 14 June.",
        "12 to 14 June",
        D,
        "2025-06-12",
    );
}

#[test]
fn a_span_across_months_starts_in_its_first_month() {
    unanchored(
        "The conference ran Jan 31 - Feb 2, 1996.",
        "Jan 31 - Feb 2, 1996",
        D,
        "1996-01-31",
    );
    // Over New Year the span starts in the year before the one written.
    unanchored(
        "The fair runs 30 December – 2 January 2024.",
        "30 December – 2 January 2024",
        D,
        "2023-12-30",
    );
}

#[test]
fn scores_and_falling_numbers_are_no_span() {
    // A second number lower than the first is a score, not a later day.
    unanchored(
        "The Giants won May 5-3 in extra innings.",
        "May 5",
        D,
        "XXXX-05-05",
    );
    nothing("Prices rose 10-12 percent.");
}

#[test]
fn a_number_range_is_no_year() {
    nothing("Pick an integer between 0 and 1000 and another one.");
    nothing("Counts went from 10 to 2000 overnight.");
    let years = found("The war lasted from 1914 to 1918.", None);
    let values: Vec<&str> = years.iter().map(|(_, _, v)| v.as_str()).collect();
    assert_eq!(values, ["1914", "1918"]);
    let years = found("Trade fell between 1300 and 1350.", None);
    let values: Vec<&str> = years.iter().map(|(_, _, v)| v.as_str()).collect();
    assert_eq!(values, ["1300", "1350"]);
}

#[test]
fn a_week_of_a_month_is_the_iso_week_of_its_thursday() {
    // The ISO week that holds the month's last (first, second) Thursday.
    anchored(
        "Sales picked up in the last week of March.",
        "the last week of March",
        D,
        "2025-W13",
    );
    anchored(
        "Talks resume in the first week of May 2024.",
        "the first week of May 2024",
        D,
        "2024-W18",
    );
    anchored(
        "The fleet sails in the second week of June.",
        "the second week of June",
        D,
        "2025-W24",
    );
    anchored(
        "Crowds filled the port on the final weekend of July.",
        "the final weekend of July",
        D,
        "2025-W31-WE",
    );
    unanchored(
        "Sales picked up in the last week of March.",
        "the last week of March",
        D,
        "XXXX-WXX",
    );
}
