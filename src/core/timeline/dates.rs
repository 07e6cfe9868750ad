//! TIMEX3 values as timeline dates: precision, first day, and how to show them.

use crate::core::model::Precision;
use jiff::civil::{Date, ISOWeekDate, Weekday};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventDate {
    pub precision: Precision,
    /// The first day the value covers; `None` for unanchored values.
    pub first_day: Option<Date>,
}

impl EventDate {
    /// Reads a TIMEX3 DATE value. `open_ended` marks "since …" dates.
    /// Returns `None` for values that place nothing in time (`PRESENT_REF`).
    pub fn from_timex(value: &str, open_ended: bool) -> Option<EventDate> {
        if value.ends_with("_REF") {
            return None;
        }
        if value.starts_with('X') {
            return Some(EventDate {
                precision: Precision::Unanchored,
                first_day: None,
            });
        }
        let (precision, first_day) = parse(value)?;
        Some(EventDate {
            precision: if open_ended {
                Precision::OpenEnded
            } else {
                precision
            },
            first_day: Some(first_day),
        })
    }
}

fn parse(value: &str) -> Option<(Precision, Date)> {
    let value = value.split('T').next()?;
    let parts: Vec<&str> = value.split('-').collect();
    let year_part = parts[0];
    // "199" or "199X": a decade.
    if (year_part.len() == 3 && year_part.bytes().all(|b| b.is_ascii_digit()))
        || (year_part.len() == 4
            && year_part.ends_with('X')
            && year_part[..3].bytes().all(|b| b.is_ascii_digit()))
    {
        let decade: i16 = year_part[..3].parse().ok()?;
        return Some((Precision::Decade, Date::new(decade * 10, 1, 1).ok()?));
    }
    let year: i16 = year_part.parse().ok()?;
    match parts.get(1) {
        None => Some((Precision::Year, Date::new(year, 1, 1).ok()?)),
        // "2023-W35"; winter, "2023-WI", is a season.
        Some(p) if p.starts_with('W') && *p != "WI" => {
            let week: i8 = p[1..].parse().ok()?;
            let day = ISOWeekDate::new(year, week, Weekday::Monday).ok()?.date();
            Some((Precision::Week, day))
        }
        Some(p) if p.starts_with('Q') => {
            let quarter: i8 = p[1..].parse().ok()?;
            Some((
                Precision::Quarter,
                Date::new(year, (quarter - 1) * 3 + 1, 1).ok()?,
            ))
        }
        Some(&season @ ("SP" | "SU" | "FA" | "WI")) => {
            let month = match season {
                "SP" => 3,
                "SU" => 6,
                "FA" => 9,
                _ => 12,
            };
            Some((Precision::Season, Date::new(year, month, 1).ok()?))
        }
        Some(&("H1" | "H2")) => Some((
            Precision::Range,
            Date::new(year, if parts[1] == "H1" { 1 } else { 7 }, 1).ok()?,
        )),
        Some(month) => {
            let month: i8 = month.parse().ok()?;
            match parts.get(2) {
                Some(day) => Some((
                    Precision::Day,
                    Date::new(year, month, day.parse().ok()?).ok()?,
                )),
                None => Some((Precision::Month, Date::new(year, month, 1).ok()?)),
            }
        }
    }
}

const MONTH_ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date at its true precision: "2023", "Aug 2025, week 35", "Jun 6, 2025",
/// "since 2022", "summer 2025", "1990s".
pub fn describe(value: &str, precision: Precision) -> String {
    if precision == Precision::OpenEnded {
        let inner = parse(value).map(|(p, _)| p).unwrap_or(Precision::Year);
        return format!("since {}", describe(value, inner));
    }
    if precision == Precision::Unanchored || value.starts_with('X') {
        return "undated".to_owned();
    }
    let Some((_, first)) = parse(value) else {
        return value.to_owned();
    };
    let month = MONTH_ABBR[first.month() as usize - 1];
    match precision {
        Precision::Day => format!("{month} {}, {}", first.day(), first.year()),
        Precision::Week => {
            let week = value
                .split("-W")
                .nth(1)
                .unwrap_or("?")
                .trim_start_matches('0');
            // Weeks are shown in the month most of their days fall in.
            let thursday = first
                .checked_add(jiff::Span::new().days(3))
                .unwrap_or(first);
            format!(
                "{} {}, week {week}",
                MONTH_ABBR[thursday.month() as usize - 1],
                thursday.year()
            )
        }
        Precision::Month => format!("{month} {}", first.year()),
        Precision::Season => {
            let season = match first.month() {
                3 => "spring",
                6 => "summer",
                9 => "autumn",
                _ => "winter",
            };
            format!("{season} {}", first.year())
        }
        Precision::Quarter => format!("Q{} {}", (first.month() - 1) / 3 + 1, first.year()),
        Precision::Year => first.year().to_string(),
        Precision::Decade => format!("{}s", first.year()),
        Precision::Range => value.to_owned(),
        Precision::OpenEnded | Precision::Unanchored => unreachable!("handled above"),
    }
}

/// A publication date ("2025-08-27", or a date-time) for a byline: "Aug 27, 2025".
pub fn describe_published(value: &str) -> String {
    match value.get(..10).and_then(|d| d.parse::<Date>().ok()) {
        Some(d) => format!(
            "{} {}, {}",
            MONTH_ABBR[d.month() as usize - 1],
            d.day(),
            d.year()
        ),
        None => value.to_owned(),
    }
}

/// How a timeline entry's date reads: its true precision, or for a relative
/// expression with no publication date to anchor it, the expression itself.
pub fn describe_event(event: &crate::core::model::TimelineEvent) -> String {
    let date = if event.precision == Precision::Unanchored {
        format!("“{}” (no date)", event.expression())
    } else {
        describe(event.value(), event.precision)
    };
    if event.inferred {
        format!("{date} (inferred)")
    } else {
        date
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_follows_the_value() {
        let p = |v: &str| EventDate::from_timex(v, false).map(|d| d.precision);
        assert_eq!(p("2025-08-27"), Some(Precision::Day));
        assert_eq!(p("2025-W35"), Some(Precision::Week));
        assert_eq!(p("2025-08"), Some(Precision::Month));
        assert_eq!(p("2023"), Some(Precision::Year));
        assert_eq!(p("199X"), Some(Precision::Decade));
        assert_eq!(p("2025-Q3"), Some(Precision::Quarter));
        // Every season, winter ("WI") too, which is no week.
        for season in ["SP", "SU", "FA", "WI"] {
            assert_eq!(
                p(&format!("2025-{season}")),
                Some(Precision::Season),
                "{season}"
            );
        }
        assert_eq!(p("XXXX-WXX"), Some(Precision::Unanchored));
        assert_eq!(p("PRESENT_REF"), None);
    }

    #[test]
    fn descriptions_show_true_precision() {
        assert_eq!(describe("2023", Precision::Year), "2023");
        assert_eq!(describe("2025-W35", Precision::Week), "Aug 2025, week 35");
        assert_eq!(describe("2022", Precision::OpenEnded), "since 2022");
        assert_eq!(describe("2025-06-06", Precision::Day), "Jun 6, 2025");
        assert_eq!(describe("199X", Precision::Decade), "1990s");
        assert_eq!(describe("2025-SU", Precision::Season), "summer 2025");
        assert_eq!(describe("2025-WI", Precision::Season), "winter 2025");
    }

    #[test]
    fn week_first_day_is_monday() {
        let d = EventDate::from_timex("2025-W35", false).unwrap();
        assert_eq!(d.first_day.unwrap().to_string(), "2025-08-25");
    }
}
