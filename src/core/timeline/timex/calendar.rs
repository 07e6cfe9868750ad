//! Small proleptic-Gregorian helpers on day numbers. Kept local (rather than
//! going through jiff spans) because every relative expression needs a few of
//! these and they must never fail or allocate.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Ymd {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

impl Ymd {
    pub fn from_date(d: jiff::civil::Date) -> Ymd {
        Ymd {
            y: d.year() as i32,
            m: d.month() as u32,
            d: d.day() as u32,
        }
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        days_from_civil(self.y, self.m, self.d)
    }

    pub fn from_days(z: i64) -> Ymd {
        civil_from_days(z)
    }

    pub fn add_days(self, n: i64) -> Ymd {
        Ymd::from_days(self.days() + n)
    }

    /// ISO weekday, 1 = Monday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        ((self.days() + 3).rem_euclid(7) + 1) as u32
    }

    /// ISO week-numbering year and week.
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.add_days(4 - self.weekday() as i64);
        let jan1 = days_from_civil(thursday.y, 1, 1);
        let week = (thursday.days() - jan1) / 7 + 1;
        (thursday.y, week as u32)
    }

    pub fn quarter(self) -> u32 {
        (self.m - 1) / 3 + 1
    }

    /// Adds months, clamping the day to the target month's length.
    pub fn add_months(self, n: i64) -> Ymd {
        let total = self.y as i64 * 12 + (self.m as i64 - 1) + n;
        let y = total.div_euclid(12) as i32;
        let m = total.rem_euclid(12) as u32 + 1;
        Ymd {
            y,
            m,
            d: self.d.min(days_in_month(y, m)),
        }
    }
}

/// Easter Sunday of the Gregorian year (the anonymous Gregorian
/// algorithm, as Meeus gives it).
pub(super) fn easter(y: i32) -> Ymd {
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Ymd {
        y,
        m: month as u32,
        d: day as u32,
    }
}

/// The United States' Thanksgiving: the fourth Thursday of November.
pub(super) fn thanksgiving(y: i32) -> Ymd {
    let first = Ymd { y, m: 11, d: 1 };
    let to_thursday = (4 + 7 - first.weekday() as i64) % 7;
    first.add_days(to_thursday + 21)
}

pub(super) fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub(super) fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

pub(super) fn valid(y: i32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

// Howard Hinnant's civil-from-days algorithms.
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y as i64 - 1 } else { y as i64 };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> Ymd {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    Ymd {
        y: (if m <= 2 { y + 1 } else { y }) as i32,
        m,
        d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_and_thanksgiving_fall_on_their_days() {
        let ymd = |d: Ymd| (d.y, d.m, d.d);
        assert_eq!(ymd(easter(2000)), (2000, 4, 23));
        assert_eq!(ymd(easter(2024)), (2024, 3, 31));
        assert_eq!(ymd(easter(2025)), (2025, 4, 20));
        assert_eq!(ymd(easter(2038)), (2038, 4, 25));
        assert_eq!(ymd(easter(2285)), (2285, 3, 22));
        assert_eq!(ymd(thanksgiving(2024)), (2024, 11, 28));
        assert_eq!(ymd(thanksgiving(2025)), (2025, 11, 27));
        assert_eq!(ymd(thanksgiving(2026)), (2026, 11, 26));
        for y in 1900..2100 {
            assert_eq!(easter(y).weekday(), 7, "{y}");
            assert_eq!(thanksgiving(y).weekday(), 4, "{y}");
        }
    }

    #[test]
    fn round_trip_and_weeks() {
        let d = Ymd {
            y: 2025,
            m: 8,
            d: 27,
        };
        assert_eq!(Ymd::from_days(d.days()), d);
        assert_eq!(d.weekday(), 3);
        assert_eq!(d.iso_week(), (2025, 35));
        assert_eq!(
            Ymd {
                y: 2010,
                m: 1,
                d: 25
            }
            .iso_week(),
            (2010, 4)
        );
        assert_eq!(
            Ymd {
                y: 2021,
                m: 1,
                d: 1
            }
            .iso_week(),
            (2020, 53)
        );
        assert_eq!(
            Ymd {
                y: 2024,
                m: 3,
                d: 31
            }
            .add_months(-1),
            Ymd {
                y: 2024,
                m: 2,
                d: 29
            }
        );
    }
}
