//! TIMEX3 value strings, anchored or with `X` placeholders.

use super::calendar::Ymd;
use super::lexicon::Unit;

/// Calendar granularity of a relative expression ("last week" → Week).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Period {
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

impl Period {
    pub fn of_unit(u: Unit) -> Option<Period> {
        Some(match u {
            Unit::Day => Period::Day,
            Unit::Week | Unit::Fortnight => Period::Week,
            Unit::Weekend => Period::Weekend,
            Unit::Month => Period::Month,
            Unit::Quarter => Period::Quarter,
            Unit::Year => Period::Year,
            Unit::Decade => Period::Decade,
            Unit::Century => Period::Century,
            Unit::Second | Unit::Minute | Unit::Hour => return None,
        })
    }
}

pub(super) fn ymd(d: Ymd) -> String {
    format!("{:04}-{:02}-{:02}", d.y, d.m, d.d)
}

pub(super) fn year(y: i32) -> String {
    format!("{y:04}")
}

pub(super) fn year_month(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

/// The period containing `anchor` shifted by `shift` periods.
pub(super) fn period(anchor: Option<Ymd>, p: Period, shift: i64) -> String {
    let Some(a) = anchor else {
        return match p {
            Period::Day => "XXXX-XX-XX",
            Period::Week => "XXXX-WXX",
            Period::Weekend => "XXXX-WXX-WE",
            Period::Month => "XXXX-XX",
            Period::Quarter => "XXXX-QX",
            Period::Half => "XXXX-HX",
            Period::Year => "XXXX",
            Period::Decade => "XXX",
            Period::Century => "XX",
        }
        .to_string();
    };
    match p {
        Period::Day => ymd(a.add_days(shift)),
        Period::Week | Period::Weekend => {
            let (y, w) = a.add_days(7 * shift).iso_week();
            if p == Period::Week {
                format!("{y:04}-W{w:02}")
            } else {
                format!("{y:04}-W{w:02}-WE")
            }
        }
        Period::Month => {
            let d = a.add_months(shift);
            year_month(d.y, d.m)
        }
        Period::Quarter => {
            let idx = a.y as i64 * 4 + (a.quarter() as i64 - 1) + shift;
            format!("{:04}-Q{}", idx.div_euclid(4), idx.rem_euclid(4) + 1)
        }
        Period::Half => {
            let idx = a.y as i64 * 2 + if a.m <= 6 { 0 } else { 1 } + shift;
            format!("{:04}-H{}", idx.div_euclid(2), idx.rem_euclid(2) + 1)
        }
        Period::Year => year(a.y + shift as i32),
        Period::Decade => format!("{:03}", a.y.div_euclid(10) as i64 + shift),
        Period::Century => format!("{:02}", a.y.div_euclid(100) as i64 + shift),
    }
}

/// Duration value: `amount` is a decimal number or `X`.
pub(super) fn duration(amount: &str, unit: Unit) -> String {
    let scaled = |factor: f64, suffix: &str, vague: &str| -> String {
        if amount == "X" {
            return vague.to_string();
        }
        match amount.parse::<f64>() {
            Ok(v) => format!("P{}{suffix}", trim_number(v * factor)),
            Err(_) => vague.to_string(),
        }
    };
    match unit {
        Unit::Second => format!("PT{amount}S"),
        Unit::Minute => format!("PT{amount}M"),
        Unit::Hour => format!("PT{amount}H"),
        Unit::Day => format!("P{amount}D"),
        Unit::Week => format!("P{amount}W"),
        Unit::Weekend => format!("P{amount}WE"),
        Unit::Fortnight => scaled(2.0, "W", "PXW"),
        Unit::Month => format!("P{amount}M"),
        Unit::Quarter => format!("P{amount}Q"),
        Unit::Year => format!("P{amount}Y"),
        Unit::Decade => scaled(10.0, "Y", "PXDE"),
        Unit::Century => scaled(100.0, "Y", "PXCE"),
    }
}

pub(super) fn trim_number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

pub(super) fn time_of_day(day: Option<Ymd>, h: u32, m: u32, utc: bool) -> String {
    let date = day.map(ymd).unwrap_or_else(|| "XXXX-XX-XX".to_string());
    format!("{date}T{h:02}:{m:02}{}", if utc { "Z" } else { "" })
}

pub(super) fn day_part(day: Option<Ymd>, part: u8) -> String {
    let date = day.map(ymd).unwrap_or_else(|| "XXXX-XX-XX".to_string());
    let code = ["MO", "AF", "EV", "NI"][part as usize & 3];
    format!("{date}T{code}")
}

pub(super) fn season_code(s: u8) -> &'static str {
    ["SP", "SU", "FA", "WI"][s as usize & 3]
}

/// Season index (0 spring … 3 winter) and its year for a date; January and
/// February belong to the winter that began the previous December.
pub(super) fn season_of(d: Ymd) -> (i32, u8) {
    match d.m {
        3..=5 => (d.y, 0),
        6..=8 => (d.y, 1),
        9..=11 => (d.y, 2),
        12 => (d.y, 3),
        _ => (d.y - 1, 3),
    }
}
