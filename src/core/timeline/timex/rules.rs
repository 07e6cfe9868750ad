//! Recognition rules. Each rule starts at a head token (a number, a month,
//! "last", "the", ...) and returns the token span and value it covers; the
//! scanner then widens the span to the left for modifiers ("early", "almost",
//! "the end of") that are cheaper to check after the fact than to trigger on.

use super::Discourse;
use super::Timex;
use super::TimexType;
use super::calendar::{self, Ymd};
use super::lexicon::{Feast, Lex, Unit};
use super::tokens::{Tok, TokKind};
use super::values::{self, Period};

pub(super) struct Hit {
    pub first: usize,
    pub last: usize,
    pub kind: TimexType,
    pub value: String,
    /// The day this expression pins down, for clock times later in the sentence.
    pub day: Option<Ymd>,
}

impl Hit {
    fn new(first: usize, last: usize, kind: TimexType, value: String) -> Hit {
        Hit {
            first,
            last,
            kind,
            value,
            day: None,
        }
    }

    fn date(first: usize, last: usize, value: String) -> Hit {
        Hit::new(first, last, TimexType::Date, value)
    }

    fn with_day(mut self, day: Option<Ymd>) -> Hit {
        self.day = day;
        self
    }
}

/// A quantity before a unit: "three", "2.5", "a few".
struct Qty {
    /// Decimal text or "X".
    amount: String,
    /// Whole value when known, for "two years ago".
    whole: Option<i64>,
    /// Index just after the quantity.
    next: usize,
}

pub(super) struct Scanner<'a> {
    text: &'a str,
    t: &'a [Tok],
    anchor: Option<Ymd>,
    discourse: &'a mut Discourse,
    /// Latest day-precision date in the current sentence: "Tuesday ... at 18:00".
    sentence_day: Option<Ymd>,
}

impl<'a> Scanner<'a> {
    pub fn new(
        text: &'a str,
        t: &'a [Tok],
        anchor: Option<Ymd>,
        discourse: &'a mut Discourse,
    ) -> Scanner<'a> {
        Scanner {
            text,
            t,
            anchor,
            discourse,
            sentence_day: None,
        }
    }

    pub fn run(&mut self, out: &mut Vec<Timex>) {
        let n = self.t.len();
        let mut i = 0;
        let mut floor = 0;
        while i < n {
            let tok = self.t[i];
            if tok.newline_before
                || (i > 0 && matches!(self.t[i - 1].punct, b'.' | b'!' | b'?') && tok.capital)
            {
                self.sentence_day = None;
            }
            // Cheap trigger test: most tokens are plain words outside the lexicon.
            let trigger = match tok.kind {
                // Not `!=`: the derived comparison of a `Lex` is a call,
                // made for every word.
                TokKind::Word => !matches!(tok.lex, Lex::None),
                TokKind::Num | TokKind::Alnum => true,
                TokKind::Punct => tok.punct == b'\'',
            };
            if trigger && let Some(h) = self.at(i) {
                let h = self.widen(h, floor);
                out.push(Timex {
                    start: self.t[h.first].start,
                    end: self.t[h.last].end,
                    kind: h.kind,
                    value: h.value,
                });
                if h.day.is_some() {
                    self.sentence_day = h.day;
                }
                if h.kind == TimexType::Date
                    && let Some(y) = (h.first..=h.last).find_map(|j| self.year_at(j))
                {
                    self.discourse.last_year = Some(y);
                }
                i = h.last + 1;
                floor = i;
                continue;
            }
            i += 1;
        }
    }

    // ---- token helpers -------------------------------------------------

    fn lex(&self, j: usize) -> Lex {
        self.t.get(j).map_or(Lex::None, |t| t.lex)
    }

    fn prev_lex(&self, j: usize) -> Lex {
        if j == 0 { Lex::None } else { self.lex(j - 1) }
    }

    fn punct(&self, j: usize, c: u8) -> bool {
        self.t.get(j).is_some_and(|t| t.is_punct(c))
    }

    /// Token `j` exists and touches the token before it.
    fn attached(&self, j: usize) -> bool {
        self.t.get(j).is_some_and(|t| !t.space_before)
    }

    fn num(&self, j: usize) -> Option<u32> {
        self.t.get(j).and_then(|t| t.num)
    }

    fn ndigits(&self, j: usize) -> u8 {
        self.t.get(j).map_or(0, |t| t.ndigits)
    }

    fn word(&self, j: usize) -> &'a str {
        self.t.get(j).map_or("", |t| &self.text[t.start..t.end])
    }

    fn word_is(&self, j: usize, w: &str) -> bool {
        self.word(j).eq_ignore_ascii_case(w)
    }

    /// Whether a word saying "as a rule" comes within the three words
    /// before token `i` ("usually from July", "normally in May"), with no
    /// punctuation between, or `i` ends a range whose start has one.
    fn habitual_before(&self, i: usize) -> bool {
        const HABITUAL: &[&str] = &[
            "usually",
            "typically",
            "normally",
            "generally",
            "traditionally",
            "customarily",
        ];
        let said = (i.saturating_sub(3)..i)
            .rev()
            .take_while(|&k| self.t.get(k).is_some_and(|t| t.kind == TokKind::Word))
            .any(|k| HABITUAL.iter().any(|h| self.word_is(k, h)));
        // "usually from July to November": the range's end, too.
        said || (i >= 2
            && ["to", "until", "through"]
                .iter()
                .any(|w| self.word_is(i - 1, w))
            && matches!(self.lex(i - 2), Lex::Month(..))
            && self.habitual_before(i - 2))
    }

    fn capital(&self, j: usize) -> bool {
        self.t.get(j).is_some_and(|t| t.capital)
    }

    fn is_word(&self, j: usize) -> bool {
        self.t.get(j).is_some_and(|t| t.kind == TokKind::Word)
    }

    fn is_ordinal_word(&self, j: usize) -> Option<u8> {
        match self.lex(j) {
            Lex::Ordinal(n) => Some(n),
            Lex::Unit(Unit::Second, false) => Some(2),
            _ => None,
        }
    }

    /// A four-digit year token (1000–2999) at `j`.
    fn year_at(&self, j: usize) -> Option<i32> {
        if self.ndigits(j) == 4 {
            let y = self.num(j)? as i32;
            if (1000..3000).contains(&y) {
                return Some(y);
            }
        }
        None
    }

    /// A day of month at `j`: "27", "01" or "27th".
    fn day_at(&self, j: usize) -> Option<u32> {
        let t = self.t.get(j)?;
        match t.kind {
            TokKind::Num if t.ndigits <= 2 => t.num.filter(|d| (1..=31).contains(d)),
            TokKind::Alnum => {
                let w = self.word(j).as_bytes();
                let digits = w.iter().take_while(|c| c.is_ascii_digit()).count();
                if !(1..=2).contains(&digits) {
                    return None;
                }
                let suffix = w[digits..].to_ascii_lowercase();
                if !matches!(suffix.as_slice(), b"st" | b"nd" | b"rd" | b"th") {
                    return None;
                }
                let d: u32 = std::str::from_utf8(&w[..digits]).ok()?.parse().ok()?;
                (1..=31).contains(&d).then_some(d)
            }
            _ => None,
        }
    }

    /// Capitalised month name (with an optional period after an
    /// abbreviation); returns the month, whether abbreviated, and the next index.
    fn month_at(&self, j: usize) -> Option<(u32, bool, usize)> {
        if let Lex::Month(m, abbr) = self.lex(j) {
            if !self.capital(j) {
                return None;
            }
            let next = if abbr && self.punct(j + 1, b'.') && self.attached(j + 1) {
                j + 2
            } else {
                j + 1
            };
            return Some((m as u32, abbr, next));
        }
        None
    }

    /// True when a sentence-level future cue ("will", "scheduled") is near `i`.
    fn future_context(&self, i: usize) -> bool {
        let mut j = i;
        let mut steps = 0;
        while j > 0 && steps < 10 {
            j -= 1;
            steps += 1;
            let t = &self.t[j];
            if t.kind == TokKind::Punct && matches!(t.punct, b'.' | b'!' | b'?' | b';') {
                break;
            }
            // "should have closed in October" looks back.
            let cue = t.lex == Lex::FutureCue && !self.word_is(j + 1, "have");
            if cue || (self.word_is(j, "set") && self.word_is(j + 1, "to")) {
                return true;
            }
            if t.newline_before {
                break;
            }
        }
        // "closed until Friday", "by Friday": a deadline still ahead.
        if ["until", "till", "by"]
            .iter()
            .any(|w| self.word_is(i.wrapping_sub(1), w))
        {
            return true;
        }
        (i + 1..(i + 3).min(self.t.len())).any(|k| self.lex(k) == Lex::FutureCue)
    }

    // ---- dispatch ------------------------------------------------------

    fn at(&self, i: usize) -> Option<Hit> {
        let tok = *self.t.get(i)?;
        match tok.kind {
            TokKind::Num => self
                .iso_date(i)
                .or_else(|| self.numeric_date(i))
                .or_else(|| self.clock(i))
                .or_else(|| self.day_month(i))
                .or_else(|| self.quantity_unit(i))
                .or_else(|| self.bare_year(i)),
            TokKind::Alnum => self.alnum(i),
            TokKind::Punct => self.apostrophe_year(i),
            TokKind::Word => match tok.lex {
                Lex::Month(..) => self.month(i),
                Lex::Weekday(_) => self.weekday(i),
                Lex::Cardinal(_) | Lex::Article | Lex::Vague | Lex::Half => self.quantity_unit(i),
                Lex::Ordinal(_) => self.ordinal_period(i),
                Lex::Unit(Unit::Second, false) => self.ordinal_period(i),
                Lex::Unit(u, true) => self.bare_plural_unit(i, u),
                Lex::This | Lex::Last | Lex::Next => self.relative(i),
                Lex::That => self.that_year(i),
                Lex::The => self.the(i),
                Lex::Today | Lex::Yesterday | Lex::Tomorrow | Lex::Tonight => self.deictic(i),
                Lex::Present
                | Lex::Recently
                | Lex::Recent
                | Lex::Soon
                | Lex::Earlier
                | Lex::Later => self.reference(i),
                Lex::Season(_) => self.season(i),
                Lex::Periodic(u) => self.periodic(i, u),
                Lex::Every | Lex::Per => self.every(i),
                Lex::Fiscal => self.fiscal(i),
                Lex::Noon | Lex::Midnight => self.noon(i),
                Lex::Christmas => self.christmas(i),
                Lex::Feast(feast) => self.feast(i, feast),
                Lex::Unit(Unit::Year | Unit::Day, false) if tok.capital => self.named_day(i),
                Lex::Over => self.over_the_years(i),
                Lex::YearPrep => self.in_future(i),
                _ => None,
            },
        }
    }

    /// Widens a hit leftwards over modifiers, never into an earlier hit.
    fn widen(&self, mut h: Hit, floor: usize) -> Hit {
        loop {
            let f = h.first;
            if f <= floor {
                return h;
            }
            let p = self.lex(f - 1);
            match h.kind {
                // "over a decade" is more than one; in "over the next four
                // years" the word is a preposition, outside the expression.
                TimexType::Duration
                    if p == Lex::Approx || (p == Lex::Over && !self.word_is(f, "the")) =>
                {
                    h.first = f - 1;
                    continue;
                }
                TimexType::Date if !h.value.ends_with("_REF") => {
                    // "early 2023", "mid-2024", "late May"
                    if matches!(p, Lex::Early | Lex::Late | Lex::Mid) {
                        h.first = f - 1;
                        continue;
                    }
                    if self.punct(f - 1, b'-')
                        && self.attached(f)
                        && f >= 2 + floor
                        && matches!(self.lex(f - 2), Lex::Early | Lex::Late | Lex::Mid)
                    {
                        h.first = f - 2;
                        continue;
                    }
                    // "earlier this year", "later today"
                    if matches!(p, Lex::Earlier | Lex::Later)
                        && matches!(
                            self.lex(f),
                            Lex::This | Lex::That | Lex::Today | Lex::Tomorrow
                        )
                    {
                        h.first = f - 1;
                        continue;
                    }
                    // "the end of last year", "the start of 2024"
                    if p == Lex::Of && f >= 2 + floor && self.lex(f - 2) == Lex::Edge {
                        h.first = if f >= 3 + floor && self.lex(f - 3) == Lex::The {
                            f - 3
                        } else {
                            f - 2
                        };
                        continue;
                    }
                    return h;
                }
                _ => return h,
            }
        }
    }

    // ---- numeric forms -------------------------------------------------

    /// "2025-08-27", "2025/08/27".
    fn iso_date(&self, i: usize) -> Option<Hit> {
        let y = self.year_at(i)?;
        let sep = self.t.get(i + 1)?.punct;
        if !matches!(sep, b'-' | b'/') || !self.attached(i + 1) {
            return None;
        }
        if !(self.attached(i + 2) && self.ndigits(i + 2) == 2) {
            return None;
        }
        if !(self.punct(i + 3, sep) && self.attached(i + 3) && self.attached(i + 4)) {
            return None;
        }
        let (m, d) = (self.num(i + 2)?, self.num(i + 4)?);
        if self.ndigits(i + 4) != 2 || !calendar::valid(y, m, d) {
            return None;
        }
        let day = Ymd { y, m, d };
        Some(Hit::date(i, i + 4, values::ymd(day)).with_day(Some(day)))
    }

    /// "7/8/07", "12/25/2024" (US order unless the first number cannot be a month).
    fn numeric_date(&self, i: usize) -> Option<Hit> {
        let a = self.num(i)?;
        if self.ndigits(i) > 2 || !self.punct(i + 1, b'/') || !self.attached(i + 1) {
            return None;
        }
        if !(self.attached(i + 2) && self.ndigits(i + 2) <= 2 && self.ndigits(i + 2) > 0) {
            return None;
        }
        if !(self.punct(i + 3, b'/') && self.attached(i + 3) && self.attached(i + 4)) {
            return None;
        }
        let b = self.num(i + 2)?;
        let yd = self.ndigits(i + 4);
        let mut y = self.num(i + 4)? as i32;
        if yd == 2 {
            let pivot = self.anchor.map_or(2030, |a| a.y + 10) % 100;
            y += if y <= pivot { 2000 } else { 1900 };
        } else if yd != 4 {
            return None;
        }
        // A following "/n" makes it a fraction list or an identifier.
        if self.punct(i + 5, b'/') && self.attached(i + 5) {
            return None;
        }
        let (m, d) = if a > 12 { (b, a) } else { (a, b) };
        if !calendar::valid(y, m, d) {
            return None;
        }
        let day = Ymd { y, m, d };
        Some(Hit::date(i, i + 4, values::ymd(day)).with_day(Some(day)))
    }

    /// Clock times: "18:00 UTC", "3 p.m.", "0800 GMT", "12:00 UTC Monday".
    fn clock(&self, i: usize) -> Option<Hit> {
        let h = self.num(i)?;
        let mut min = 0;
        let mut j = i + 1;
        let mut explicit = false;
        if self.ndigits(i) <= 2 && self.punct(j, b':') && self.attached(j) && self.attached(j + 1) {
            if self.ndigits(j + 1) != 2 {
                return None;
            }
            min = self.num(j + 1)?;
            j += 2;
            if self.punct(j, b':') && self.attached(j) && self.ndigits(j + 1) == 2 {
                j += 2;
            }
        } else if self.ndigits(i) == 4 {
            // Military style only when a zone follows: "0800 UTC".
            if !matches!(self.lex(j), Lex::Zone(_)) {
                return None;
            }
            min = h % 100;
            let hh = h / 100;
            if hh > 24 || min > 59 {
                return None;
            }
            return self.clock_tail(i, j, hh, min);
        } else if self.ndigits(i) > 2 {
            return None;
        } else {
            explicit = true; // needs am/pm below
        }
        if h > 24 || min > 59 {
            return None;
        }
        let (h, next, meridiem) = self.meridiem(j, h);
        if explicit && !meridiem {
            return None;
        }
        let zone = matches!(self.lex(next), Lex::Zone(_));
        if !meridiem && !zone {
            // Bare "3:16" is a score or a verse unless the context says clock.
            let p = self.prev_lex(i);
            let clockish = matches!(p, Lex::YearPrep | Lex::Approx)
                || self.word_is(i.wrapping_sub(1), "at")
                || self.word_is(i.wrapping_sub(1), "to");
            if !clockish {
                return None;
            }
        }
        self.clock_tail(i, next, h, min)
    }

    /// "+8", "-05:00" after a zone name; returns the index after it.
    fn zone_offset(&self, j: usize) -> Option<usize> {
        let sign = self.t.get(j)?.punct;
        if !matches!(sign, b'+' | b'-') || self.ndigits(j + 1) == 0 || self.ndigits(j + 1) > 4 {
            return None;
        }
        if self.punct(j + 2, b':') && self.ndigits(j + 3) == 2 {
            return Some(j + 4);
        }
        Some(j + 2)
    }

    /// Optional "a.m."/"pm" after a clock; returns 24-hour hour and next index.
    fn meridiem(&self, j: usize, h: u32) -> (u32, usize, bool) {
        let (pm, next) = match self.lex(j) {
            Lex::Am => (false, j + 1),
            Lex::Pm => (true, j + 1),
            _ => {
                let w = self.word(j);
                let dotted = (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("p"))
                    && self.punct(j + 1, b'.')
                    && self.word_is(j + 2, "m")
                    && self.attached(j + 1)
                    && self.attached(j + 2);
                if !dotted || h > 12 {
                    return (h, j, false);
                }
                let end = if self.punct(j + 3, b'.') && self.attached(j + 3) {
                    j + 4
                } else {
                    j + 3
                };
                (w.eq_ignore_ascii_case("p"), end)
            }
        };
        if h > 12 || h == 0 {
            return (h, j, false);
        }
        let h24 = match (pm, h) {
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, 12) => 0,
            (false, h) => h,
        };
        (h24, next, true)
    }

    fn clock_tail(&self, i: usize, mut j: usize, h: u32, min: u32) -> Option<Hit> {
        let mut utc = false;
        if let Lex::Zone(z) = self.lex(j) {
            utc = z;
            j += 1;
            // "GMT +8": an offset, so the clock is local, not UTC.
            if z && let Some(after) = self.zone_offset(j) {
                utc = false;
                j = after;
            }
        } else if self.word_is(j, "local") && self.word_is(j + 1, "time") {
            j += 2;
        } else if self.punct(j, b'(') && matches!(self.lex(j + 1), Lex::Zone(_)) {
            // "6:40 p.m. ( GMT +8 )"
            let k = self.zone_offset(j + 2).unwrap_or(j + 2);
            if self.punct(k, b')') {
                j = k + 1;
            }
        }
        let mut day = self.sentence_day.or(self.anchor);
        // "12:00 UTC Monday", "16:00 UTC today"
        match self.lex(j) {
            Lex::Today | Lex::Yesterday | Lex::Tomorrow | Lex::Tonight => {
                day = self.deictic_day(self.lex(j));
                j += 1;
            }
            Lex::Weekday(w) if self.capital(j) => {
                day = self.resolve_weekday(j, w as u32);
                j += 1;
            }
            _ => {
                if let Some(d) = self.day_named_after(j) {
                    day = Some(d);
                }
            }
        }
        let value = values::time_of_day(day, h, min, utc);
        Some(Hit::new(i, j - 1, TimexType::Time, value))
    }

    /// The day a date right after token `j` names ("at 16:15 UTC , June
    /// 1st", "at midnight on Sunday"): it dates the time of day before it,
    /// and stays an expression of its own.
    fn day_named_after(&self, j: usize) -> Option<Ymd> {
        let k = if self.punct(j, b',') || self.word_is(j, "on") {
            j + 1
        } else {
            j
        };
        let later = match self.lex(k) {
            Lex::Month(..) => self.month(k),
            Lex::Weekday(_) => self.weekday(k),
            _ => self.day_at(k).and_then(|_| self.day_month(k)),
        };
        later.and_then(|h| h.day)
    }

    /// "27 August 2025", "11 December", "1st of June".
    fn day_month(&self, i: usize) -> Option<Hit> {
        let d = self.day_at(i)?;
        // "28-30 March 2000", "12 to 14 June": a span of days is one
        // expression, dated by its first day.
        let mut j = self.later_day(i, d).map_or(i + 1, |end| end + 1);
        if self.lex(j) == Lex::Of {
            j += 1;
        }
        let (m, _, next) = self.month_at(j)?;
        let mut k = next;
        if self.punct(k, b',') {
            k += 1;
        }
        if let Some(y) = self.year_at(k)
            && calendar::valid(y, m, d)
        {
            let day = Ymd { y, m, d };
            return Some(Hit::date(i, k, values::ymd(day)).with_day(Some(day)));
        }
        // "31 January – 2 February 1996": a span across months.
        if self.punct(next, b'-')
            && let Some(d2) = self.day_at(next + 1)
            && let Some((m2, _, after)) = self.month_at(next + 2)
            && let Some(day) = self.span_start(m, d, m2, d2, after)
        {
            return Some(
                Hit::date(i, self.year_index(after), values::ymd(day)).with_day(Some(day)),
            );
        }
        self.month_day_value(i, next - 1, m, d)
    }

    /// The index of the second day in "28-30", "12 to 14" after the day `d`
    /// at `i`, when it is a later day.
    fn later_day(&self, i: usize, d: u32) -> Option<usize> {
        let joined = self.punct(i + 1, b'-') || self.word_is(i + 1, "to");
        let d2 = self.day_at(i + 2)?;
        (joined && d2 > d && self.t[i + 2].kind == self.t[i].kind).then_some(i + 2)
    }

    /// The year token after a span's last month and day, comma skipped.
    fn year_index(&self, after: usize) -> usize {
        if self.punct(after, b',') {
            after + 1
        } else {
            after
        }
    }

    /// The first day of a span from month `m` day `d` to month `m2` day
    /// `d2` whose year follows at `after`: a span over New Year starts in
    /// the year before.
    fn span_start(&self, m: u32, d: u32, m2: u32, d2: u32, after: usize) -> Option<Ymd> {
        let y2 = self.year_at(self.year_index(after))?;
        let y = if m > m2 { y2 - 1 } else { y2 };
        (m != m2 && calendar::valid(y, m, d) && calendar::valid(y2, m2, d2)).then_some(Ymd {
            y,
            m,
            d,
        })
    }

    fn month_day_value(&self, first: usize, last: usize, m: u32, d: u32) -> Option<Hit> {
        if d > calendar::days_in_month(2000, m) {
            return None;
        }
        match self.anchor {
            Some(a) => {
                let mut day = closest_year(a, m, d)?;
                // News looks back: a date months ahead needs a future cue.
                if day.days() - a.days() > 60 && !self.future_context(first) {
                    day = Ymd {
                        y: day.y - 1,
                        ..day
                    };
                    if !calendar::valid(day.y, m, d) {
                        return None;
                    }
                }
                Some(Hit::date(first, last, values::ymd(day)).with_day(Some(day)))
            }
            None => Some(Hit::date(first, last, format!("XXXX-{m:02}-{d:02}"))),
        }
    }

    /// Number of a duration or "N units ago".
    fn quantity(&self, i: usize) -> Option<Qty> {
        let t = self.t.get(i)?;
        match t.kind {
            TokKind::Num => {
                let raw = self.word(i);
                // "1,500" is a count; "2.5" is a fraction.
                let clean: String = raw.chars().filter(|&c| c != ',').collect();
                let v: f64 = clean.parse().ok()?;
                if i > 0
                    && self.t[i - 1].kind == TokKind::Punct
                    && matches!(self.t[i - 1].punct, b'$' | b'#' | b'-' | b'.' | b'/' | b':')
                    && self.attached(i)
                {
                    return None;
                }
                let mut amount = values::trim_number(v);
                let mut next = i + 1;
                if let Some(half) = self.and_a_half(next) {
                    amount = values::trim_number(v + 0.5);
                    next = half;
                }
                Some(Qty {
                    whole: (v.fract() == 0.0 && amount.find('.').is_none()).then_some(v as i64),
                    amount,
                    next,
                })
            }
            TokKind::Word => match t.lex {
                Lex::Cardinal(c) => {
                    let mut v = c as i64;
                    let mut next = i + 1;
                    // "twenty-five", "twenty five"
                    if c >= 20
                        && c % 10 == 0
                        && c < 100
                        && let Some((u, after)) = self.units_digit(next)
                    {
                        v += u;
                        next = after;
                    }
                    if let Some(half) = self.and_a_half(next) {
                        return Some(Qty {
                            amount: format!("{v}.5"),
                            whole: None,
                            next: half,
                        });
                    }
                    Some(Qty {
                        amount: v.to_string(),
                        whole: Some(v),
                        next,
                    })
                }
                Lex::Article => {
                    // "a few days", "a couple of weeks", "a year"
                    let j = i + 1;
                    if self.lex(j) == Lex::Vague {
                        let mut next = j + 1;
                        if self.word_is(j, "couple") && self.lex(next) == Lex::Of {
                            next += 1;
                        }
                        return Some(Qty {
                            amount: "X".into(),
                            whole: None,
                            next,
                        });
                    }
                    if matches!(self.lex(j), Lex::Cardinal(100) | Lex::Cardinal(12)) {
                        return None; // "a hundred years", "a dozen" are rare; keep it simple
                    }
                    let next = j;
                    if let Some(half) = self.and_a_half(next) {
                        return Some(Qty {
                            amount: "1.5".into(),
                            whole: None,
                            next: half,
                        });
                    }
                    Some(Qty {
                        amount: "1".into(),
                        whole: Some(1),
                        next,
                    })
                }
                Lex::Vague => {
                    let mut next = i + 1;
                    if self.word_is(i, "couple") {
                        if self.lex(next) != Lex::Of {
                            return None;
                        }
                        next += 1;
                    }
                    Some(Qty {
                        amount: "X".into(),
                        whole: None,
                        next,
                    })
                }
                Lex::Half => {
                    // "half a year"
                    if self.lex(i + 1) == Lex::Article {
                        return Some(Qty {
                            amount: "0.5".into(),
                            whole: None,
                            next: i + 2,
                        });
                    }
                    None
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// The units word of "twenty-five" / "twenty five" at `j`.
    fn units_digit(&self, j: usize) -> Option<(i64, usize)> {
        let k = if self.punct(j, b'-') && self.attached(j) && self.attached(j + 1) {
            j + 1
        } else {
            j
        };
        match self.lex(k) {
            Lex::Cardinal(u) if u < 10 => Some((u as i64, k + 1)),
            _ => None,
        }
    }

    /// "and a half" after a quantity; returns the index after it.
    fn and_a_half(&self, j: usize) -> Option<usize> {
        (self.lex(j) == Lex::And && self.lex(j + 1) == Lex::Article && self.lex(j + 2) == Lex::Half)
            .then_some(j + 3)
    }

    /// "three months", "10-year", "six straight days", "two years ago", "15 a year".
    fn quantity_unit(&self, i: usize) -> Option<Hit> {
        let q = self.quantity(i)?;
        let mut j = q.next;
        let hyphen = self.punct(j, b'-') && self.attached(j) && self.attached(j + 1);
        if hyphen {
            j += 1;
        } else {
            while self.lex(j) == Lex::UnitAdj && j < q.next + 2 {
                j += 1;
            }
        }
        let Lex::Unit(unit, plural) = self.lex(j) else {
            return None;
        };
        // "a years" is not English; a singular unit after a plural number
        // ("two year") appears mostly in compounds, which are fine.
        let article = self.lex(i) == Lex::Article;
        if article && plural {
            return None;
        }
        // "a quarter of the dealers": a fraction, not three months.
        if unit == Unit::Quarter
            && !hyphen
            && (self.lex(j + 1) == Lex::Of
                || (article && (self.punct(j + 1, b',') || self.punct(j + 1, b'%'))))
        {
            return None;
        }
        if q.amount == "X" && !plural {
            return None;
        }
        // "15 a year", "$ 40 billion a year", "twice a day": a rate, i.e. a set.
        if article && i > 0 && self.is_rate_quantity(i - 1) && self.lex(j + 1) != Lex::Ago {
            return Some(Hit::new(i, j, TimexType::Set, values::duration("1", unit)));
        }
        // A bare number directly followed by "second" is "2 second-place
        // finishes" as often as a duration; require plural or hyphen there.
        if unit == Unit::Second && !plural && !hyphen {
            return None;
        }
        let mut last = j;
        // "decades-long"
        let mut first = i;
        if self.punct(j + 1, b'-') && self.attached(j + 1) && self.word_is(j + 2, "long") {
            last = j + 2;
            if article {
                first = j; // "a decade-long war"
            }
        }
        // "a year and a half"
        let mut amount = q.amount.clone();
        if last == j
            && let Some(after) = self.and_a_half(j + 1)
            && let Ok(v) = amount.parse::<f64>()
        {
            amount = values::trim_number(v + 0.5);
            last = after - 1;
        }
        if last == j && self.lex(j + 1) == Lex::Ago {
            return Some(self.ago(i, j + 1, &q, unit));
        }
        Some(Hit::new(
            first,
            last,
            TimexType::Duration,
            values::duration(&amount, unit),
        ))
    }

    fn is_rate_quantity(&self, j: usize) -> bool {
        let t = self.t[j];
        match t.kind {
            TokKind::Num => true,
            TokKind::Punct => t.punct == b'%',
            TokKind::Word => {
                matches!(t.lex, Lex::Cardinal(_))
                    || matches!(
                        self.word(j).to_ascii_lowercase().as_str(),
                        "million"
                            | "billion"
                            | "trillion"
                            | "thousand"
                            | "percent"
                            | "times"
                            | "once"
                            | "twice"
                            | "thrice"
                            | "bn"
                            | "m"
                    )
            }
            TokKind::Alnum => true,
        }
    }

    fn ago(&self, first: usize, last: usize, q: &Qty, unit: Unit) -> Hit {
        let value = match (self.anchor, q.whole) {
            (Some(a), Some(n)) => match unit {
                Unit::Year => values::year(a.y - n as i32),
                Unit::Decade => values::year(a.y - 10 * n as i32),
                Unit::Century => values::year(a.y - 100 * n as i32),
                Unit::Month => {
                    let d = a.add_months(-n);
                    values::year_month(d.y, d.m)
                }
                Unit::Quarter => values::period(Some(a), Period::Quarter, -n),
                Unit::Week | Unit::Weekend => values::ymd(a.add_days(-7 * n)),
                Unit::Fortnight => values::ymd(a.add_days(-14 * n)),
                Unit::Day => values::ymd(a.add_days(-n)),
                Unit::Hour | Unit::Minute | Unit::Second => values::ymd(a),
            },
            (None, Some(_)) => match unit {
                Unit::Year | Unit::Decade | Unit::Century => "XXXX".into(),
                Unit::Month => "XXXX-XX".into(),
                Unit::Quarter => "XXXX-QX".into(),
                _ => "XXXX-XX-XX".into(),
            },
            (_, None) => "PAST_REF".into(),
        };
        Hit::date(first, last, value)
    }

    /// "years" alone after "for"/"in"/"within": "for years", "within minutes".
    fn bare_plural_unit(&self, i: usize, u: Unit) -> Option<Hit> {
        // "years ago", "decades ago"
        if self.lex(i + 1) == Lex::Ago {
            return Some(Hit::date(i, i + 1, "PAST_REF".into()));
        }
        let long = self.punct(i + 1, b'-') && self.attached(i + 1) && self.word_is(i + 2, "long");
        if long {
            return Some(Hit::new(
                i,
                i + 2,
                TimexType::Duration,
                values::duration("X", u),
            ));
        }
        // "in just minutes"
        let mut p = i;
        if self.prev_lex(p) == Lex::Approx || self.word_is(p.wrapping_sub(1), "just") {
            p -= 1;
        }
        let lead = matches!(self.prev_lex(p), Lex::For | Lex::Within)
            || self.word_is(p.wrapping_sub(1), "in");
        if !lead {
            return None;
        }
        // "in years past" fine; "in days of old" too rare to matter.
        if self.lex(i + 1) == Lex::Of {
            return None;
        }
        Some(Hit::new(
            i,
            i,
            TimexType::Duration,
            values::duration("X", u),
        ))
    }

    /// A four-digit year standing on its own: "in 2023", "the 1991 agreement".
    fn bare_year(&self, i: usize) -> Option<Hit> {
        let y = self.year_at(i)?;
        let p = self.prev_lex(i);
        let strong = matches!(
            p,
            Lex::YearPrep
                | Lex::Early
                | Lex::Late
                | Lex::Mid
                | Lex::Of
                | Lex::Month(..)
                | Lex::Season(_)
        ) || (i > 0
            && self.t[i - 1].is_punct(b'-')
            && i >= 2
            && matches!(self.lex(i - 2), Lex::Mid | Lex::Early | Lex::Late))
            || self.word_is(i.wrapping_sub(1), "year");
        // "from 1914 to 1918", "between 1939 and 1945": the second of two
        // years; after a number that is no year ("between 0 and 1000",
        // "from 10 to 2000") it is a number too.
        let joined =
            self.word_is(i.wrapping_sub(1), "to") || self.word_is(i.wrapping_sub(1), "and");
        let after_number = i >= 2 && self.t[i - 2].kind == TokKind::Num;
        if joined && after_number && self.year_at(i - 2).is_none() {
            return None;
        }
        let strong = strong || (joined && after_number);
        if !((1900..=2099).contains(&y) || strong && (1000..1900).contains(&y)) {
            return None;
        }
        // A number in quotation marks is a value or a title, not a year:
        // `(default: "1920")` in a reference page, the novel "1984".
        if !strong
            && self.punct(i.wrapping_sub(1), b'"')
            && self.attached(i)
            && self.punct(i + 1, b'"')
            && self.attached(i + 1)
        {
            return None;
        }
        if i > 0 {
            let pt = self.t[i - 1];
            match pt.kind {
                TokKind::Punct => match pt.punct {
                    b'$' | b'#' | b'+' | b'(' if pt.punct != b'(' || self.digits_before(i - 1) => {
                        return None;
                    }
                    // A value in an address or setting: "?threadid=1972".
                    b'=' if self.attached(i) => return None,
                    // "555-2012": part of a phone or serial number unless a year range.
                    b'-' | b'.' | b'/' | b':' => {
                        if i >= 2 && self.t[i - 2].kind == TokKind::Num {
                            let range = self.year_at(i - 2).is_some() && pt.punct == b'-';
                            if !range {
                                return None;
                            }
                        }
                        if i >= 2 && self.t[i - 2].kind == TokKind::Alnum && self.attached(i) {
                            return None; // "COVID-2019"-like identifiers
                        }
                        if pt.punct == b'-'
                            && self.attached(i)
                            && i >= 2
                            && self.t[i - 2].kind == TokKind::Word
                            && self.attached(i - 1)
                            && !matches!(
                                self.lex(i - 2),
                                Lex::Mid | Lex::Early | Lex::Late | Lex::Month(..)
                            )
                        {
                            return None; // "F-2000", "Su-2024"
                        }
                    }
                    _ => {}
                },
                TokKind::Num => return None,
                TokKind::Alnum => return None,
                TokKind::Word => {
                    if pt.lex == Lex::NumberLabel {
                        return None;
                    }
                }
            }
        }
        if let Some(nt) = self.t.get(i + 1) {
            match nt.kind {
                TokKind::Punct => match nt.punct {
                    b'%' => return None,
                    b'.' | b',' | b':' | b'/'
                        if !nt.space_before
                            && self.attached(i + 2)
                            && self.t.get(i + 2).is_some_and(|t| t.kind == TokKind::Num) =>
                    {
                        return None;
                    }
                    b'-' if !nt.space_before && self.attached(i + 2) => {
                        if let Some(t2) = self.t.get(i + 2)
                            && t2.kind == TokKind::Num
                            && !matches!(t2.ndigits, 2 | 4)
                        {
                            return None;
                        }
                    }
                    _ => {}
                },
                TokKind::Num => return None,
                TokKind::Word => {
                    let w = &self.text.as_bytes()[nt.start..nt.end];
                    // Measures ("2000 km") and index names ("Russell 2000 Index").
                    if super::lexicon::is_measure_word(w) || w == b"Index" {
                        return None;
                    }
                    // "2000 troops" without a determiner is a count, not a year.
                    if !strong
                        && !nt.capital
                        && w.len() > 3
                        && w.ends_with(b"s")
                        && !w.ends_with(b"ss")
                        && !self.determiner_before(i)
                    {
                        return None;
                    }
                }
                TokKind::Alnum => {}
            }
        }
        // "the 1980's", "late 1980 's"
        if y % 10 == 0
            && self.punct(i + 1, b'\'')
            && self.word_is(i + 2, "s")
            && self.attached(i + 2)
            && (self.attached(i + 1) || matches!(p, Lex::The | Lex::Early | Lex::Late | Lex::Mid))
        {
            return Some(Hit::date(i, i + 2, format!("{:03}", y / 10)));
        }
        Some(Hit::date(i, i, values::year(y)))
    }

    fn digits_before(&self, j: usize) -> bool {
        j > 0 && self.t[j - 1].kind == TokKind::Num
    }

    fn determiner_before(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        if self.t[i - 1].is_punct(b'\'') {
            return true; // "Boeing 's 2008 results"
        }
        self.lex(i - 1) == Lex::The
            || matches!(
                self.word(i - 1).to_ascii_lowercase().as_str(),
                "its" | "their" | "his" | "her" | "our" | "s" | "that" | "whose"
            )
    }

    /// "'82", "'90s".
    fn apostrophe_year(&self, i: usize) -> Option<Hit> {
        if !self.attached(i + 1) {
            return None;
        }
        let t = self.t.get(i + 1)?;
        let two = |n: u32| -> i32 {
            let pivot = self.anchor.map_or(30, |a| (a.y + 10) % 100) as u32;
            if n <= pivot {
                2000 + n as i32
            } else {
                1900 + n as i32
            }
        };
        match t.kind {
            TokKind::Num if t.ndigits == 2 => {
                let p = self.prev_lex(i);
                if !matches!(p, Lex::YearPrep | Lex::Of | Lex::Month(..) | Lex::Season(_)) {
                    return None;
                }
                Some(Hit::date(i, i + 1, values::year(two(t.num?))))
            }
            TokKind::Alnum => {
                let w = self.word(i + 1);
                let b = w.as_bytes();
                if b.len() == 3 && b[0].is_ascii_digit() && b[1] == b'0' && (b[2] | 0x20) == b's' {
                    let y = two((b[0] - b'0') as u32 * 10);
                    return Some(Hit::date(i, i + 1, format!("{:03}", y / 10)));
                }
                None
            }
            _ => None,
        }
    }

    /// Mixed letter-digit tokens: "1990s", "27th", "3pm", "Q3", "FY2009", "21st century".
    fn alnum(&self, i: usize) -> Option<Hit> {
        let w = self.word(i);
        let b = w.as_bytes();
        let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
        let lower = w.to_ascii_lowercase();
        if digits > 0 {
            let n: u32 = w[..digits].parse().ok()?;
            let suffix = &lower[digits..];
            match suffix {
                "s" if digits == 4 && n.is_multiple_of(10) && (1000..2100).contains(&n) => {
                    return Some(Hit::date(i, i, format!("{:03}", n / 10)));
                }
                // "'90s" arrives via the apostrophe; "KC-30s" is a name.
                "s" if digits == 2 && n.is_multiple_of(10) && !self.attached(i) => {
                    let pivot = self.anchor.map_or(30, |a| (a.y + 10) % 100) as u32;
                    let y = if n <= pivot { 2000 + n } else { 1900 + n };
                    return Some(Hit::date(i, i, format!("{:03}", y / 10)));
                }
                "st" | "nd" | "rd" | "th" => {
                    if matches!(self.lex(i + 1), Lex::Unit(Unit::Century, false)) {
                        return Some(Hit::date(i, i + 1, format!("{:02}", n.saturating_sub(1))));
                    }
                    return self.day_month(i);
                }
                "am" | "pm" if digits <= 2 && (1..=12).contains(&n) => {
                    let h = match (suffix, n) {
                        ("am", 12) => 0,
                        ("pm", 12) => 12,
                        ("pm", h) => h + 12,
                        (_, h) => h,
                    };
                    return self.clock_tail(i, i + 1, h, 0);
                }
                "q" if digits == 1 && (1..=4).contains(&n) => {
                    return self.quarter_value(i, i, n, Period::Quarter);
                }
                _ => return None,
            }
        }
        // Letter-led: Q3, H1, FY2009.
        if (lower.len() == 2)
            && (b[0] | 0x20 == b'q' || b[0] | 0x20 == b'h')
            && b[0].is_ascii_uppercase()
        {
            let n = (b[1] as char).to_digit(10)?;
            let (max, p) = if b[0] | 0x20 == b'q' {
                (4, Period::Quarter)
            } else {
                (2, Period::Half)
            };
            if !(1..=max).contains(&n) {
                return None;
            }
            return self.quarter_value(i, i, n, p);
        }
        if lower.starts_with("fy") && b[0] == b'F' {
            let rest = &lower[2..];
            let y: i32 = rest.parse().ok()?;
            let y = match rest.len() {
                4 => y,
                2 => 2000 + y,
                _ => return None,
            };
            return Some(Hit::date(i, i, format!("FY{y:04}")));
        }
        None
    }

    /// Quarter or half with an optional explicit year after `last`.
    fn quarter_value(&self, first: usize, last: usize, n: u32, p: Period) -> Option<Hit> {
        let code = if p == Period::Quarter { 'Q' } else { 'H' };
        let mut j = last + 1;
        let of = self.lex(j) == Lex::Of;
        if of {
            j += 1;
        }
        if let Some(y) = self.year_at(j) {
            return Some(Hit::date(first, j, format!("{y:04}-{code}{n}")));
        }
        if of && self.lex(j + 1) == Lex::Unit(Unit::Year, false) {
            let shift = match self.lex(j) {
                Lex::This => Some(0),
                Lex::Last | Lex::Previous | Lex::Past => Some(-1),
                Lex::Next | Lex::Following | Lex::Coming => Some(1),
                _ => None,
            };
            if let Some(s) = shift {
                let value = match self.anchor {
                    Some(a) => format!("{:04}-{code}{n}", a.y + s),
                    None => format!("XXXX-{code}{n}"),
                };
                return Some(Hit::date(first, j + 1, value));
            }
        }
        let value = match self.anchor {
            Some(a) => {
                let cur = if p == Period::Quarter {
                    a.quarter()
                } else if a.m <= 6 {
                    1
                } else {
                    2
                };
                let y = self.year_by_tense(first, a.y, n, cur);
                format!("{y:04}-{code}{n}")
            }
            None => format!("XXXX-{code}{n}"),
        };
        Some(Hit::date(first, last, value))
    }

    // ---- word-led forms ------------------------------------------------

    /// "Aug 27, 2025", "August 2025", "August" in context.
    fn month(&self, i: usize) -> Option<Hit> {
        let (m, abbr, j) = self.month_at(i)?;
        // Month Day [, Year]
        if let Some(d) = self.day_at(j) {
            // "Jan 31 - Feb 2, 1996": a span across months, dated by its start.
            if self.punct(j + 1, b'-')
                && let Some((m2, _, next)) = self.month_at(j + 2)
                && let Some(d2) = self.day_at(next)
                && let Some(day) = self.span_start(m, d, m2, d2, next + 1)
            {
                let last = self.year_index(next + 1);
                return Some(Hit::date(i, last, values::ymd(day)).with_day(Some(day)));
            }
            // "June 12-14, 2023": a span of days, dated by its first.
            let after = self.later_day(j, d).map_or(j + 1, |end| end + 1);
            // "June 3:00" or "May 5-3 win" style numbers are not days.
            let clockish = self.punct(after, b':') && self.attached(after);
            if !clockish {
                let mut k = after;
                if self.punct(k, b',') {
                    k += 1;
                }
                if let Some(y) = self.year_at(k)
                    && calendar::valid(y, m, d)
                {
                    let day = Ymd { y, m, d };
                    return Some(Hit::date(i, k, values::ymd(day)).with_day(Some(day)));
                }
                return self.month_day_value(i, after - 1, m, d);
            }
        }
        // Month [,|of] Year
        let mut k = j;
        if self.punct(k, b',') || self.lex(k) == Lex::Of {
            k += 1;
        }
        if let Some(y) = self.year_at(k)
            && (1000..2100).contains(&y)
        {
            return Some(Hit::date(i, k, values::year_month(y, m)));
        }
        if abbr {
            return None;
        }
        // Month alone: "May" and "March" are common words, so they need a
        // clearly temporal word before them; others just must not start a name.
        let p = self.prev_lex(i);
        let context = matches!(
            p,
            Lex::YearPrep
                | Lex::Early
                | Lex::Late
                | Lex::Mid
                | Lex::Of
                | Lex::Last
                | Lex::Next
                | Lex::This
        ) || self.word_is(i.wrapping_sub(1), "until")
            || (i >= 2
                && self.punct(i - 1, b'-')
                && matches!(self.lex(i - 2), Lex::Mid | Lex::Early | Lex::Late));
        if matches!(m, 3 | 5) && !context {
            return None;
        }
        if !context {
            // "April Smith", "August Rush".
            if self.capital(j) && self.is_word(j) {
                return None;
            }
            if i == 0 || self.t[i].newline_before {
                return None;
            }
        }
        if matches!(m, 5)
            && self.t.get(j).is_some_and(|t| {
                t.kind == TokKind::Word
                    && matches!(self.word(j), "I" | "we" | "you" | "be" | "have" | "not")
            })
        {
            return None;
        }
        // "usually from July to November": a month of every year, which
        // recurs (a set, as "every June" is) rather than happening once.
        if self.habitual_before(i) {
            return Some(Hit::new(i, i, TimexType::Set, format!("XXXX-{m:02}")));
        }
        // "October of next year": the year phrase is its own expression but
        // decides which October.
        if let Some(y) = self.of_that_year(j) {
            return Some(Hit::date(i, i, values::year_month(y, m)));
        }
        let value = match (self.anchor, self.of_relative_year(j)) {
            (Some(a), Some(shift)) => values::year_month(a.y + shift, m),
            (Some(a), None) => values::year_month(self.year_by_tense(i, a.y, m, a.m), m),
            (None, _) => format!("XXXX-{m:02}"),
        };
        Some(Hit::date(i, i, value))
    }

    /// Year of a period numbered `n` in its year (a month, a quarter) when no
    /// year is given: the coming one under a future cue, else the latest one
    /// not after the anchor's own period `cur`.
    fn year_by_tense(&self, i: usize, anchor_year: i32, n: u32, cur: u32) -> i32 {
        if self.future_context(i) {
            if n >= cur {
                anchor_year
            } else {
                anchor_year + 1
            }
        } else if n <= cur {
            anchor_year
        } else {
            anchor_year - 1
        }
    }

    /// "of next year" / "of last year" / "of this year" at `j`: the year shift.
    fn of_relative_year(&self, j: usize) -> Option<i32> {
        // "September last year" has no "of".
        let j = if self.lex(j) == Lex::Of {
            j
        } else {
            j.wrapping_sub(1)
        };
        if self.lex(j + 2) != Lex::Unit(Unit::Year, false) {
            return None;
        }
        match self.lex(j + 1) {
            Lex::This => Some(0),
            Lex::Last | Lex::Previous => Some(-1),
            Lex::Next | Lex::Following => Some(1),
            _ => None,
        }
    }

    /// "(of) that year" at `j`, after a month: the year the text last named.
    fn of_that_year(&self, j: usize) -> Option<i32> {
        let j = if self.lex(j) == Lex::Of { j + 1 } else { j };
        if self.lex(j) == Lex::That && self.lex(j + 1) == Lex::Unit(Unit::Year, false) {
            self.discourse.last_year
        } else {
            None
        }
    }

    /// "that year", "the same year": the year the text last named. Without
    /// one it is no date this tagger can give.
    fn that_year(&self, i: usize) -> Option<Hit> {
        let j = i + 1;
        if self.lex(j) != Lex::Unit(Unit::Year, false) {
            return None;
        }
        let y = self.discourse.last_year?;
        Some(Hit::date(i, j, format!("{y:04}")))
    }

    /// "Talks resume on Thursday", "The court rules Monday": a verb of
    /// schedules in the present tense just before the weekday puts it ahead,
    /// as news announces what is to come. Not the noun ("the vote on
    /// Friday", "his visit Monday").
    fn scheduled_present(&self, i: usize) -> bool {
        const VERBS: &[&str] = &[
            "resume",
            "resumes",
            "meet",
            "meets",
            "begin",
            "begins",
            "start",
            "starts",
            "open",
            "opens",
            "vote",
            "votes",
            "arrive",
            "arrives",
            "visit",
            "visits",
            "travel",
            "travels",
            "return",
            "returns",
            "launch",
            "launches",
            "hold",
            "holds",
            "host",
            "hosts",
            "convene",
            "convenes",
            "close",
            "closes",
            "end",
            "ends",
            "rule",
            "rules",
            "decide",
            "decides",
            "testify",
            "testifies",
        ];
        const DETERMINERS: &[&str] = &[
            "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that",
            "s",
        ];
        let Some(mut verb) = i.checked_sub(1) else {
            return false;
        };
        if self.word_is(verb, "on") {
            let Some(before) = verb.checked_sub(1) else {
                return false;
            };
            verb = before;
        }
        VERBS.iter().any(|v| self.word_is(verb, v))
            && !verb
                .checked_sub(1)
                .is_some_and(|d| DETERMINERS.iter().any(|w| self.word_is(d, w)))
    }

    /// Resolves a bare weekday to a date: the most recent one (news reports
    /// the past) unless a future cue is near or a verb of schedules in the
    /// present tense comes just before it.
    fn resolve_weekday(&self, i: usize, w: u32) -> Option<Ymd> {
        let a = self.anchor?;
        let aw = a.weekday() as i64;
        let w = w as i64;
        let delta = if self.future_context(i) || self.scheduled_present(i) {
            (w - aw).rem_euclid(7)
        } else {
            -((aw - w).rem_euclid(7))
        };
        Some(a.add_days(delta))
    }

    fn weekday(&self, i: usize) -> Option<Hit> {
        let Lex::Weekday(w) = self.lex(i) else {
            return None;
        };
        if !self.capital(i) {
            return None;
        }
        let mut j = i + 1;
        // "Monday, August 25, 2025" / "Wednesday 27 August"
        let k = if self.punct(j, b',') { j + 1 } else { j };
        if self.month_at(k).is_some()
            && let Some(h) = self.month(k)
            && h.day.is_some()
        {
            return Some(Hit { first: i, ..h });
        }
        if self.day_at(k).is_some()
            && let Some(h) = self.day_month(k)
        {
            return Some(Hit { first: i, ..h });
        }
        // Newspapers and shows: "Sunday Times", "Saturday Night Live".
        if self.capital(j)
            && matches!(
                self.word(j),
                "Times"
                    | "Telegraph"
                    | "Mirror"
                    | "Express"
                    | "Herald"
                    | "Post"
                    | "Night"
                    | "School"
                    | "Independent"
                    | "People"
                    | "Sport"
            )
        {
            return None;
        }
        let day = self.resolve_weekday(i, w as u32);
        // Named days: "Black Monday", "Good Friday", "Super Tuesday".
        let first = if i > 0
            && self.capital(i - 1)
            && matches!(
                self.word(i - 1),
                "Black" | "Good" | "Cyber" | "Super" | "Easter" | "Ash" | "Holy" | "Bloody"
            ) {
            i - 1
        } else {
            i
        };
        if let Lex::DayPart(part) = self.lex(j) {
            j += 1;
            return Some(Hit::new(
                i,
                j - 1,
                TimexType::Time,
                values::day_part(day, part),
            ));
        }
        let value = match day {
            Some(d) => values::ymd(d),
            None => format!("XXXX-WXX-{w}"),
        };
        Some(Hit::date(first, i, value).with_day(day))
    }

    fn deictic_day(&self, lex: Lex) -> Option<Ymd> {
        let a = self.anchor?;
        Some(match lex {
            Lex::Yesterday => a.add_days(-1),
            Lex::Tomorrow => a.add_days(1),
            _ => a,
        })
    }

    /// "today", "yesterday morning", "tonight".
    fn deictic(&self, i: usize) -> Option<Hit> {
        let lex = self.lex(i);
        let day = self.deictic_day(lex);
        if lex == Lex::Tonight {
            return Some(Hit::new(i, i, TimexType::Time, values::day_part(day, 3)));
        }
        if let Lex::DayPart(part) = self.lex(i + 1) {
            return Some(Hit::new(
                i,
                i + 1,
                TimexType::Time,
                values::day_part(day, part),
            ));
        }
        let value = day.map_or_else(|| "XXXX-XX-XX".to_string(), values::ymd);
        Some(Hit::date(i, i, value).with_day(day))
    }

    /// "this week", "last month", "next spring", "last Tuesday", "last two years".
    fn relative(&self, i: usize) -> Option<Hit> {
        let shift: i64 = match self.lex(i) {
            Lex::This => 0,
            Lex::Last => -1,
            Lex::Next => 1,
            _ => return None,
        };
        let j = i + 1;
        match self.lex(j) {
            Lex::Unit(u, false) => {
                let p = Period::of_unit(u)?;
                // "last day of", "this week's" are fine; "the last year of" is not ours.
                if p == Period::Day {
                    return None;
                }
                let value = values::period(self.anchor, p, shift);
                let day = None;
                Some(Hit::date(i, j, value).with_day(day))
            }
            Lex::Weekday(w) if self.capital(j) => {
                let w = w as i64;
                let value = match self.anchor {
                    Some(a) => {
                        let aw = a.weekday() as i64;
                        let delta = match shift {
                            0 => w - aw,
                            -1 => -((aw - w - 1).rem_euclid(7) + 1),
                            _ => (w - aw - 1).rem_euclid(7) + 1,
                        };
                        let d = a.add_days(delta);
                        if let Lex::DayPart(part) = self.lex(j + 1) {
                            return Some(Hit::new(
                                i,
                                j + 1,
                                TimexType::Time,
                                values::day_part(Some(d), part),
                            ));
                        }
                        return Some(Hit::date(i, j, values::ymd(d)).with_day(Some(d)));
                    }
                    None => format!("XXXX-WXX-{w}"),
                };
                Some(Hit::date(i, j, value))
            }
            Lex::Month(m, false) if self.capital(j) => {
                let m = m as u32;
                let value = match self.anchor {
                    Some(a) => {
                        let y = match shift {
                            0 => a.y,
                            -1 if m < a.m => a.y,
                            -1 => a.y - 1,
                            _ if m > a.m => a.y,
                            _ => a.y + 1,
                        };
                        values::year_month(y, m)
                    }
                    None => format!("XXXX-{m:02}"),
                };
                Some(Hit::date(i, j, value))
            }
            Lex::Season(s) => {
                if s == 2 && self.word_is(j, "fall") && shift == 0 && self.lex(j + 1) == Lex::Of {
                    return None;
                }
                let value = match self.anchor {
                    Some(a) => {
                        let (ay, cur) = values::season_of(a);
                        let y = match shift {
                            0 => ay,
                            -1 if s < cur => ay,
                            -1 => ay - 1,
                            _ if s > cur => ay,
                            _ => ay + 1,
                        };
                        format!("{y:04}-{}", values::season_code(s))
                    }
                    None => format!("XXXX-{}", values::season_code(s)),
                };
                Some(Hit::date(i, j, value))
            }
            Lex::DayPart(part) => {
                let day = match (shift, self.anchor) {
                    (-1, Some(a)) if part == 3 => Some(a.add_days(-1)),
                    (0, a) => a,
                    _ => return None,
                };
                Some(Hit::new(i, j, TimexType::Time, values::day_part(day, part)))
            }
            Lex::Cardinal(_) | Lex::Vague | Lex::Half | Lex::None
                if !matches!(self.lex(j), Lex::None)
                    || self.t.get(j).is_some_and(|t| t.kind == TokKind::Num) =>
            {
                let h = self.quantity_unit(j)?;
                if h.kind != TimexType::Duration {
                    return None;
                }
                // "talks last 48 hours": without a preposition "last" is a verb.
                let verb = shift == -1
                    && !(matches!(
                        self.prev_lex(i),
                        Lex::YearPrep | Lex::For | Lex::Within | Lex::Over
                    ) || self.word_is(i.wrapping_sub(1), "in"));
                Some(if verb { h } else { Hit { first: i, ..h } })
            }
            _ => None,
        }
    }

    /// Phrases led by "the".
    fn the(&self, i: usize) -> Option<Hit> {
        let j = i + 1;
        if let Some(h) = self.week_of_month(i) {
            return Some(h);
        }
        match self.lex(j) {
            // "the same year": the year last named.
            Lex::Same if self.lex(j + 1) == Lex::Unit(Unit::Year, false) => {
                self.that_year(j).map(|h| Hit { first: i, ..h })
            }
            // "the past five years", "the next six months", "the previous year"
            Lex::Past | Lex::Last | Lex::Next | Lex::Coming | Lex::Following | Lex::Previous => {
                let k = j + 1;
                match self.lex(k) {
                    Lex::Unit(u, false) => {
                        if self.lex(k + 1) == Lex::Of {
                            return None; // "the last week of March"
                        }
                        let shift = match self.lex(j) {
                            Lex::Previous => -1,
                            Lex::Following => 1,
                            Lex::Last | Lex::Past if u == Unit::Quarter => -1,
                            Lex::Next | Lex::Coming if u == Unit::Quarter => 1,
                            _ => {
                                return Some(Hit::new(
                                    i,
                                    k,
                                    TimexType::Duration,
                                    values::duration("1", u),
                                ));
                            }
                        };
                        let p = Period::of_unit(u)?;
                        Some(Hit::date(i, k, values::period(self.anchor, p, shift)))
                    }
                    Lex::Unit(u, true) => Some(Hit::new(
                        i,
                        k,
                        TimexType::Duration,
                        values::duration("X", u),
                    )),
                    _ => self
                        .quantity_unit(k)
                        .filter(|h| h.kind == TimexType::Duration)
                        .map(|h| Hit { first: i, ..h }),
                }
                .or_else(|| {
                    (self.lex(j) == Lex::Past && !matches!(self.lex(j + 1), Lex::Unit(..)))
                        .then(|| Hit::date(i, j, "PAST_REF".into()))
                })
            }
            Lex::Ordinal(_) | Lex::Unit(Unit::Second, false) => {
                let h = self.ordinal_period(j)?;
                Some(Hit { first: i, ..h })
            }
            Lex::Future => Some(Hit::date(i, j, "FUTURE_REF".into())),
            Lex::Unit(Unit::Weekend, false) => Some(Hit::date(
                i,
                j,
                values::period(self.anchor, Period::Weekend, 0),
            )),
            // "the beginning of the year", "the end of the month"
            Lex::Unit(u, false)
                if u != Unit::Day
                    && i >= 2
                    && self.prev_lex(i) == Lex::Of
                    && self.lex(i - 2) == Lex::Edge =>
            {
                let p = Period::of_unit(u)?;
                Some(Hit::date(i, j, values::period(self.anchor, p, 0)))
            }
            // "on the same day"
            _ if self.word_is(j, "same") && self.lex(j + 1) == Lex::Unit(Unit::Day, false) => {
                let day = self.sentence_day.or(self.anchor);
                let value = day.map_or_else(|| "XXXX-XX-XX".into(), values::ymd);
                Some(Hit::date(i, j + 1, value))
            }
            // "ended the day", "for the day": markets report on the anchor day.
            Lex::Unit(Unit::Day, false) => {
                let p = self.prev_lex(i);
                let edge_of = p == Lex::Of && i >= 2 && self.lex(i - 2) == Lex::Edge;
                let ok = edge_of
                    || matches!(p, Lex::Ends | Lex::For | Lex::Edge)
                    || self.word_is(i.wrapping_sub(1), "in")
                    || self.word_is(i.wrapping_sub(1), "during");
                if !ok || i == 0 {
                    return None;
                }
                if matches!(self.lex(j + 1), Lex::Of | Lex::YearPrep)
                    || matches!(
                        self.word(j + 1),
                        "that" | "when" | "he" | "she" | "they" | "it"
                    )
                {
                    return None;
                }
                let day = self.sentence_day.or(self.anchor);
                let value = day.map_or_else(|| "XXXX-XX-XX".into(), values::ymd);
                Some(Hit::date(i, j, value))
            }
            // "the current quarter": the one the anchor is in.
            // (The unit is tested first: "the" is the commonest word.)
            Lex::None
                if matches!(self.lex(j + 1), Lex::Unit(u, false) if u != Unit::Day)
                    && self.lex(j + 2) != Lex::Of
                    && self.word_is(j, "current") =>
            {
                let Lex::Unit(u, _) = self.lex(j + 1) else {
                    return None;
                };
                let p = Period::of_unit(u)?;
                Some(Hit::date(i, j + 1, values::period(self.anchor, p, 0)))
            }
            // "for the time being"
            _ if self.word_is(j, "time") && self.word_is(j + 1, "being") => {
                Some(Hit::date(i, j + 1, "PRESENT_REF".into()))
            }
            _ => {
                // "the near term", "the long term"
                if self.lex(j + 1) == Lex::Term
                    && matches!(self.word(j), "near" | "long" | "short" | "longer")
                {
                    return Some(Hit::date(i, j + 1, "FUTURE_REF".into()));
                }
                None
            }
        }
    }

    /// "first quarter [of 2009]", "third-quarter", "second half of 2024".
    fn ordinal_period(&self, i: usize) -> Option<Hit> {
        let n = self.is_ordinal_word(i)? as u32;
        let mut j = i + 1;
        if self.punct(j, b'-') && self.attached(j) && self.attached(j + 1) {
            j += 1;
        }
        match self.lex(j) {
            Lex::Unit(Unit::Quarter, false) if (1..=4).contains(&n) => {
                self.quarter_value(i, j, n, Period::Quarter)
            }
            Lex::Half if (1..=2).contains(&n) => self.quarter_value(i, j, n, Period::Half),
            _ => None,
        }
    }

    /// "the last week of March", "the first weekend of May 2024": the ISO
    /// week holding that month's first (second, …, last) Thursday, as the
    /// ISO calendar counts a week to the month that holds most of it.
    fn week_of_month(&self, i: usize) -> Option<Hit> {
        let j = i + 1;
        let n = match self.lex(j) {
            Lex::Last => None,
            _ if self.word_is(j, "final") => None,
            _ => Some(self.is_ordinal_word(j).filter(|n| (1..=4).contains(n))?),
        };
        let k = j + 1;
        let weekend = match self.lex(k) {
            Lex::Unit(Unit::Week, false) => false,
            Lex::Unit(Unit::Weekend, false) => true,
            _ => return None,
        };
        if self.lex(k + 1) != Lex::Of || !matches!(self.lex(k + 2), Lex::Month(..)) {
            return None;
        }
        let month = self.month(k + 2)?;
        // A month with a day ("the last week of March 3") is another reading.
        if month.day.is_some() {
            return None;
        }
        let value = match month.value.split_once('-') {
            Some((y, m)) if y != "XXXX" => {
                let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
                let first = Ymd { y, m, d: 1 };
                // Days from the 1st to the month's first Thursday.
                let to_thursday = (4 + 7 - first.weekday() as i64) % 7;
                let thursday = match n {
                    Some(n) => first.add_days(to_thursday + 7 * (n as i64 - 1)),
                    None => {
                        let last = Ymd {
                            y,
                            m,
                            d: calendar::days_in_month(y, m),
                        };
                        last.add_days(-((last.weekday() as i64 + 7 - 4) % 7))
                    }
                };
                let (wy, w) = thursday.iso_week();
                format!("{wy:04}-W{w:02}")
            }
            _ => "XXXX-WXX".to_owned(),
        };
        let value = if weekend { value + "-WE" } else { value };
        Some(Hit::date(i, month.last, value))
    }

    /// PRESENT_REF / PAST_REF / FUTURE_REF words, and "earlier"/"later" that
    /// lead a date ("later this year").
    fn reference(&self, i: usize) -> Option<Hit> {
        let lex = self.lex(i);
        let next_hyphen = self.punct(i + 1, b'-') && self.attached(i + 1);
        if next_hyphen {
            return None; // "now-defunct", "soon-to-be"
        }
        match lex {
            Lex::Present => {
                if self.word_is(i, "now") && self.word_is(i + 1, "that") {
                    return None;
                }
                Some(Hit::date(i, i, "PRESENT_REF".into()))
            }
            // "more recently", "most recently": the degree is part of it.
            Lex::Recently
                if ["more", "most"]
                    .iter()
                    .any(|w| self.word_is(i.wrapping_sub(1), w)) =>
            {
                Some(Hit::date(i - 1, i, "PAST_REF".into()))
            }
            Lex::Recently => Some(Hit::date(i, i, "PAST_REF".into())),
            Lex::Recent => {
                if let Lex::Unit(_, true) = self.lex(i + 1) {
                    return Some(Hit::date(i, i + 1, "PAST_REF".into()));
                }
                if self.word_is(i.wrapping_sub(1), "most") {
                    return None;
                }
                Some(Hit::date(i, i, "PAST_REF".into()))
            }
            Lex::Soon => {
                if self.word_is(i + 1, "after") || self.word_is(i + 1, "as") {
                    return None;
                }
                let first = if self.word_is(i.wrapping_sub(1), "very") {
                    i - 1
                } else {
                    i
                };
                Some(Hit::date(first, i, "FUTURE_REF".into()))
            }
            Lex::Earlier | Lex::Later => {
                // Checked before recursing so "later later later …" stays linear.
                if matches!(
                    self.lex(i + 1),
                    Lex::This | Lex::That | Lex::Today | Lex::Tomorrow
                ) && let Some(h) = self.at(i + 1)
                    && h.kind != TimexType::Duration
                    && h.first == i + 1
                {
                    return Some(Hit { first: i, ..h });
                }
                // "later in the day/week/year"
                if self.word_is(i + 1, "in")
                    && self.lex(i + 2) == Lex::The
                    && let Lex::Unit(u, false) = self.lex(i + 3)
                    && let Some(p) = Period::of_unit(u)
                {
                    return Some(Hit::date(i, i + 3, values::period(self.anchor, p, 0)));
                }
                if self.word_is(i + 1, "than") || self.word_is(i + 1, "on") {
                    return None;
                }
                // Bare "earlier" is mostly discourse ("as reported earlier").
                if lex == Lex::Earlier {
                    return None;
                }
                Some(Hit::date(i, i, "FUTURE_REF".into()))
            }
            _ => None,
        }
    }

    /// "spring", "summer 2024", "the fall of 2008".
    fn season(&self, i: usize) -> Option<Hit> {
        let Lex::Season(s) = self.lex(i) else {
            return None;
        };
        let mut j = i + 1;
        if self.lex(j) == Lex::Of {
            j += 1;
        }
        if let Some(y) = self.year_at(j) {
            return Some(Hit::date(
                i,
                j,
                format!("{y:04}-{}", values::season_code(s)),
            ));
        }
        let p = self.prev_lex(i);
        let is_fall = self.word_is(i, "fall");
        // "the fall of Rome", "the spring of discontent"
        if self.lex(i + 1) == Lex::Of {
            return None;
        }
        // "the Arab Spring": a capitalised word before makes it a name.
        if self.capital(i)
            && i > 0
            && self.capital(i - 1)
            && self.is_word(i - 1)
            && self.lex(i - 1) == Lex::None
        {
            return None;
        }
        let context = if is_fall {
            matches!(p, Lex::Early | Lex::Late | Lex::Mid)
                || (p == Lex::The && matches!(self.prev_lex(i - 1), Lex::YearPrep))
        } else {
            matches!(
                p,
                Lex::YearPrep | Lex::Early | Lex::Late | Lex::Mid | Lex::The | Lex::Of
            ) || self.t.get(i + 1).is_none_or(|t| t.kind == TokKind::Punct)
        };
        // "pay for itself in a single winter", "every spring": a length of
        // time or a recurrence, not a date.
        let counted = [
            "a", "an", "one", "single", "each", "every", "another", "any",
        ]
        .iter()
        .any(|w| self.word_is(i.wrapping_sub(1), w));
        if !context || counted {
            return None;
        }
        // "summer camp", "winter storm": a noun after means an attribute.
        if let Some(t) = self.t.get(i + 1)
            && t.kind == TokKind::Word
            && !t.capital
            && t.lex == Lex::None
            && !is_fall
        {
            let w = self.word(i + 1);
            if !matches!(
                w,
                "when"
                    | "as"
                    | "and"
                    | "or"
                    | "but"
                    | "that"
                    | "is"
                    | "was"
                    | "will"
                    | "has"
                    | "had"
                    | "saw"
                    | "brought"
            ) {
                return None;
            }
        }
        // As a bare month: the latest such season, or under a future cue
        // the coming one ("in the autumn" of a March story is last autumn).
        let value = match self.anchor {
            Some(a) => {
                let (ay, cur) = values::season_of(a);
                let y = self.year_by_tense(i, ay, u32::from(s), u32::from(cur));
                format!("{y:04}-{}", values::season_code(s))
            }
            None => format!("XXXX-{}", values::season_code(s)),
        };
        Some(Hit::date(i, i, value))
    }

    /// "weekly", "annual".
    fn periodic(&self, i: usize, u: Unit) -> Option<Hit> {
        if self.punct(i + 1, b'-') && self.attached(i + 1) {
            return None;
        }
        // "China Daily", "Daily Mail": part of a name.
        if self.capital(i)
            && ((i > 0
                && self.capital(i - 1)
                && self.is_word(i - 1)
                && self.lex(i - 1) == Lex::None)
                || (self.capital(i + 1) && self.is_word(i + 1)))
        {
            return None;
        }
        // "annual profit" is an amount over one year (a duration); "annual
        // conference" recurs (a set).
        if u == Unit::Year
            && matches!(
                self.word(i + 1),
                "profit"
                    | "profits"
                    | "loss"
                    | "losses"
                    | "revenue"
                    | "revenues"
                    | "sales"
                    | "income"
                    | "earnings"
                    | "rate"
                    | "growth"
                    | "budget"
                    | "output"
                    | "production"
                    | "salary"
                    | "turnover"
                    | "inflation"
                    | "deficit"
            )
        {
            return Some(Hit::new(
                i,
                i,
                TimexType::Duration,
                values::duration("1", u),
            ));
        }
        Some(Hit::new(i, i, TimexType::Set, values::duration("1", u)))
    }

    /// "every year", "each month", "every two weeks", "every Monday", "every
    /// July", "per year".
    fn every(&self, i: usize) -> Option<Hit> {
        let j = i + 1;
        match self.lex(j) {
            Lex::Unit(u, false) => Some(Hit::new(i, j, TimexType::Set, values::duration("1", u))),
            Lex::Weekday(w) if self.lex(i) == Lex::Every && self.capital(j) => {
                Some(Hit::new(i, j, TimexType::Set, format!("XXXX-WXX-{w}")))
            }
            // "every July", "each November".
            Lex::Month(m, false) if self.lex(i) == Lex::Every && self.capital(j) => {
                Some(Hit::new(i, j, TimexType::Set, format!("XXXX-{m:02}")))
            }
            Lex::Other if self.lex(i) == Lex::Every => match self.lex(j + 1) {
                Lex::Unit(u, false) => {
                    Some(Hit::new(i, j + 1, TimexType::Set, values::duration("2", u)))
                }
                _ => None,
            },
            _ if self.word_is(i, "every") => {
                let q = self.quantity(j)?;
                match self.lex(q.next) {
                    Lex::Unit(u, true) if q.amount != "X" => Some(Hit::new(
                        i,
                        q.next,
                        TimexType::Set,
                        values::duration(&q.amount, u),
                    )),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// "fiscal 2009", "fiscal year 2009".
    fn fiscal(&self, i: usize) -> Option<Hit> {
        let mut j = i + 1;
        if self.lex(j) == Lex::Unit(Unit::Year, false) {
            j += 1;
        }
        let y = self.year_at(j)?;
        Some(Hit::date(i, j, format!("FY{y:04}")))
    }

    fn noon(&self, i: usize) -> Option<Hit> {
        let (h, m) = if self.lex(i) == Lex::Noon {
            (12, 0)
        } else {
            (24, 0)
        };
        let day = self
            .day_named_after(i + 1)
            .or(self.sentence_day)
            .or(self.anchor);
        Some(Hit::new(
            i,
            i,
            TimexType::Time,
            values::time_of_day(day, h, m, false),
        ))
    }

    /// "Christmas", "Christmas Eve", "Christmas Day".
    fn christmas(&self, i: usize) -> Option<Hit> {
        if !self.capital(i) {
            return None;
        }
        let (d, last) = if self.lex(i + 1) == Lex::Eve {
            (24, i + 1)
        } else if self.word_is(i + 1, "day") && self.capital(i + 1) {
            (25, i + 1)
        } else {
            (25, i)
        };
        // "Christmas sales", "Christmas tree": only the day itself is a date.
        if last == i && self.names_a_thing(i + 1) {
            return None;
        }
        self.holiday(i, last, |y| Some(Ymd { y, m: 12, d }))
    }

    /// "Easter", "Easter Monday", "Thanksgiving", "Halloween 2023"; not
    /// "Easter eggs" or "Easter Island".
    fn feast(&self, i: usize, feast: Feast) -> Option<Hit> {
        if !self.capital(i) || self.names_a_thing(i + 1) {
            return None;
        }
        let easter_and = |shift: i64| move |y| Some(calendar::easter(y).add_days(shift));
        match feast {
            Feast::Easter if self.word_is(i + 1, "monday") => self.holiday(i, i + 1, easter_and(1)),
            Feast::Easter if self.word_is(i + 1, "sunday") => self.holiday(i, i + 1, easter_and(0)),
            Feast::Thanksgiving if self.word_is(i + 1, "day") => {
                self.holiday(i, i + 1, |y| Some(calendar::thanksgiving(y)))
            }
            // "Easter Island", "Easter Rising": a name, not the day.
            _ if self.capital(i + 1) && self.year_at(i + 1).is_none() => None,
            Feast::Easter => self.holiday(i, i, easter_and(0)),
            Feast::Thanksgiving => self.holiday(i, i, |y| Some(calendar::thanksgiving(y))),
            Feast::Halloween => self.holiday(i, i, |y| Some(Ymd { y, m: 10, d: 31 })),
        }
    }

    /// Holidays named with a capitalised "Day" or "Year", read from that
    /// word back: "New Year", "New Year's Day", "New Year's Eve", "Boxing
    /// Day", "Valentine's Day", "Armistice Day", "Bastille Day". Not
    /// "Independence Day" or "Victory Day", whose date depends on the
    /// country.
    fn named_day(&self, i: usize) -> Option<Hit> {
        // "Valentine's Day": the name, then the apostrophe and "s".
        let possessive = i >= 3 && self.punct(i - 2, b'\'') && self.word_is(i - 1, "s");
        let name = if possessive { i - 3 } else { i.checked_sub(1)? };
        if !self.capital(name) {
            return None;
        }
        if self.lex(i) == Lex::Unit(Unit::Year, false) {
            if possessive || !self.word_is(name, "new") {
                return None;
            }
            // "New Year's Day", "New Year's Eve": the possessive after "Year".
            let owns = self.punct(i + 1, b'\'') && self.word_is(i + 2, "s");
            return if owns && self.lex(i + 3) == Lex::Eve {
                self.holiday(name, i + 3, |y| Some(Ymd { y, m: 12, d: 31 }))
            } else if owns && self.word_is(i + 3, "day") {
                self.holiday(name, i + 3, |y| Some(Ymd { y, m: 1, d: 1 }))
            } else if !owns && !self.names_a_thing(i + 1) {
                self.holiday(name, i, |y| Some(Ymd { y, m: 1, d: 1 }))
            } else {
                None
            };
        }
        let (m, d) = match self.word(name).to_ascii_lowercase().as_str() {
            "boxing" if !possessive => (12, 26),
            "valentine" if possessive => (2, 14),
            "armistice" | "remembrance" if !possessive => (11, 11),
            "bastille" if !possessive => (7, 14),
            _ => return None,
        };
        self.holiday(name, i, move |y| Some(Ymd { y, m, d }))
    }

    /// Whether the word at `j` names a thing the holiday word before it
    /// qualifies ("Christmas sales", "Easter eggs"): a lowercase word
    /// outside the time vocabulary.
    fn names_a_thing(&self, j: usize) -> bool {
        self.t
            .get(j)
            .is_some_and(|t| t.kind == TokKind::Word && !t.capital && t.lex == Lex::None)
    }

    /// A holiday from token `first` to `last`, its date in a year given by
    /// `day_in`: that year's when a year follows ("Christmas Day 2024",
    /// "Easter, 2023"), else the one nearest the anchor, or the one before
    /// when that is months ahead with no future cue (news looks back).
    fn holiday(
        &self,
        first: usize,
        last: usize,
        day_in: impl Fn(i32) -> Option<Ymd>,
    ) -> Option<Hit> {
        let year_at = if self.punct(last + 1, b',') {
            last + 2
        } else {
            last + 1
        };
        if let Some(y) = self.year_at(year_at) {
            let day = day_in(y)?;
            return Some(Hit::date(first, year_at, values::ymd(day)).with_day(Some(day)));
        }
        let Some(a) = self.anchor else {
            // A fixed day is the same every year; a movable feast is not.
            let (one, other) = (day_in(2001)?, day_in(2002)?);
            return ((one.m, one.d) == (other.m, other.d))
                .then(|| Hit::date(first, last, format!("XXXX-{:02}-{:02}", one.m, one.d)));
        };
        let mut day = [a.y - 1, a.y, a.y + 1]
            .into_iter()
            .filter_map(&day_in)
            .min_by_key(|d| (d.days() - a.days()).abs())?;
        if day.days() - a.days() > 60 && !self.future_context(first) {
            day = day_in(day.y - 1)?;
        }
        Some(Hit::date(first, last, values::ymd(day)).with_day(Some(day)))
    }

    /// "over the years", "over the past decade" is handled by "the".
    fn over_the_years(&self, i: usize) -> Option<Hit> {
        if self.lex(i + 1) != Lex::The {
            return None;
        }
        match self.lex(i + 2) {
            Lex::Unit(u, true) => Some(Hit::new(
                i,
                i + 2,
                TimexType::Duration,
                values::duration("X", u),
            )),
            _ => None,
        }
    }

    /// "in future", "in the future" is handled by "the".
    fn in_future(&self, i: usize) -> Option<Hit> {
        if self.word_is(i, "in") && self.lex(i + 1) == Lex::Future {
            return Some(Hit::date(i + 1, i + 1, "FUTURE_REF".into()));
        }
        None
    }
}

/// The date with month `m` and day `d` nearest to the anchor (within a year).
fn closest_year(a: Ymd, m: u32, d: u32) -> Option<Ymd> {
    let mut best: Option<(i64, Ymd)> = None;
    for y in [a.y - 1, a.y, a.y + 1] {
        if !calendar::valid(y, m, d) {
            continue;
        }
        let c = Ymd { y, m, d };
        let dist = (c.days() - a.days()).abs();
        if best.is_none_or(|(bd, _)| dist < bd) {
            best = Some((dist, c));
        }
    }
    best.map(|(_, c)| c)
}
