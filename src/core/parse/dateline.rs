//! Publication dates as bylines write them: "Aug 27, 2025", "27 August 2025",
//! "2025-08-27", "8 min read · Mar 3, 2024".

use jiff::civil::Date;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month name or its abbreviation ("Aug", "Aug.", "Sept").
pub fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() <= 4 && m.starts_with(&w)))
        .map(|i| i as i8 + 1)
}

/// `date` as "2025-03-03", as its `Display` writes it: the first use of
/// jiff's printer cost the first screen 13 µs.
pub fn date_text(date: Date) -> String {
    if (0..=9999).contains(&date.year()) {
        format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
    } else {
        date.to_string()
    }
}

/// Finds a full calendar date (day, month and year) in a short byline line.
pub fn find_date(line: &str) -> Option<Date> {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',' || c == '·' || c == '∙' || c == '|')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        if let Some(date) = iso_date(w).or_else(|| east_asian_date(w)) {
            return Some(date);
        }
        let Some(month) = month_number(w) else {
            continue;
        };
        // "Aug 27, 2025"
        if let (Some(d), Some(y)) = (words.get(i + 1), words.get(i + 2))
            && let (Some(day), Some(year)) = (day_number(d), year_number(y))
        {
            return Date::new(year, month, day).ok();
        }
        // "27 August 2025"
        if i > 0
            && let (Some(day), Some(y)) = (day_number(words[i - 1]), words.get(i + 1))
            && let Some(year) = year_number(y)
        {
            return Date::new(year, month, day).ok();
        }
    }
    None
}

/// "2025年8月27日" (Japanese and Chinese), "2025년 8월 27일" written
/// without spaces ("2025년8월27일"): year, month and day each followed by
/// its sign. Only a date that starts the word is read.
fn east_asian_date(word: &str) -> Option<Date> {
    let (year, rest) = word.split_once(['年', '년'])?;
    let (month, rest) = rest.split_once(['月', '월'])?;
    let (day, _) = rest.split_once(['日', '일'])?;
    let number = |digits: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse::<i16>().ok())
            .flatten()
    };
    let year = number(year, 4..=4)?;
    let month = i8::try_from(number(month, 1..=2)?).ok()?;
    let day = i8::try_from(number(day, 1..=2)?).ok()?;
    Date::new(year, month, day).ok()
}

fn iso_date(word: &str) -> Option<Date> {
    let b = word.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        word.parse().ok()
    } else {
        None
    }
}

fn day_number(word: &str) -> Option<i8> {
    let digits = word
        .trim_end_matches(['.'])
        .trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(word: &str) -> Option<i16> {
    let w = word.trim_end_matches('.');
    if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
        w.parse().ok().filter(|y| (1800..=2200).contains(y))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_jiff_writes_them() {
        for (y, m, d) in [
            (2025, 3, 3),
            (999, 12, 31),
            (0, 1, 1),
            (-44, 3, 15),
            (9999, 1, 9),
        ] {
            let date = Date::new(y, m, d).expect("a valid date");
            assert_eq!(date_text(date), date.to_string());
        }
    }

    #[test]
    fn byline_date_forms() {
        let d = |s: &str| find_date(s).map(date_text);
        assert_eq!(d("Aug 27, 2025").as_deref(), Some("2025-08-27"));
        assert_eq!(d("Sept. 3, 2024").as_deref(), Some("2024-09-03"));
        assert_eq!(d("5 March 2024").as_deref(), Some("2024-03-05"));
        assert_eq!(d("8 min read · Mar 3, 2024").as_deref(), Some("2024-03-03"));
        assert_eq!(d("2025-08-27").as_deref(), Some("2025-08-27"));
        assert_eq!(d("May I ask a question"), None);
        assert_eq!(d("Mar 3"), None);
        // East Asian dates, with the time after them.
        assert_eq!(d("2025年8月27日 07:12").as_deref(), Some("2025-08-27"));
        assert_eq!(d("2024년3월5일").as_deref(), Some("2024-03-05"));
        assert_eq!(d("2025年13月1日"), None);
        assert_eq!(d("平成7年1月17日"), None);
        assert_eq!(d("約2025年"), None);
    }
}
