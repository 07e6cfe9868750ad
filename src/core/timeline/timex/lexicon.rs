//! The closed vocabulary of time expressions. Every word token is looked up
//! once while tokenizing; almost all words miss, so the miss path is a
//! first-letter/length mask test followed, rarely, by a binary search.

use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// Holidays whose one-word names are in the vocabulary; those named with
/// "Day" ("Boxing Day") are read from the word before "Day".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Feast {
    Halloween,
    Easter,
    Thanksgiving,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lex {
    None,
    /// Month number and whether the form is an abbreviation ("Aug").
    Month(u8, bool),
    /// ISO weekday, 1 = Monday.
    Weekday(u8),
    /// Unit and whether plural.
    Unit(Unit, bool),
    /// Spelled cardinal ("three", "twenty").
    Cardinal(u32),
    /// "a", "an".
    Article,
    /// "several", "few", "many", "some", "couple": quantity unknown.
    Vague,
    Half,
    And,
    Of,
    The,
    This,
    That,
    Same,
    Last,
    Next,
    Past,
    Previous,
    Coming,
    Following,
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    /// Words that mean the present moment ("now", "currently").
    Present,
    Recently,
    Recent,
    Ago,
    Earlier,
    Later,
    Early,
    Late,
    Mid,
    Soon,
    Future,
    Term,
    Season(u8),
    /// Part of day with its TIMEX3 code: 0 MO, 1 AF, 2 EV, 3 NI.
    DayPart(u8),
    /// "weekly", "daily", "annual": a set with that period.
    Periodic(Unit),
    Every,
    Per,
    /// Spelled ordinal ("first", "fourth", "final" = 4 for quarters).
    Ordinal(u8),
    Fiscal,
    Noon,
    Midnight,
    Am,
    Pm,
    /// Time zone; `true` for UTC/GMT, which give a `Z` suffix.
    Zone(bool),
    /// A year-taking preposition: "in 2023", "since 2022", "by 2030".
    YearPrep,
    /// Modifier included in a duration's extent: "almost", "nearly", "over".
    Approx,
    /// Adjective allowed between a number and its unit: "six straight days".
    UnitAdj,
    /// Words after which a number is an identifier, not a year: "page 2022".
    NumberLabel,
    /// Future-tense cues used to resolve bare weekdays.
    FutureCue,
    /// Boundary nouns in "the end of 2024", "the start of this year".
    Edge,
    Christmas,
    /// A holiday named by one word ("Easter", "Thanksgiving").
    Feast(Feast),
    Eve,
    Ends,
    Over,
    Within,
    For,
    Other,
}

const ENTRIES: &[(&str, Lex)] = {
    use super::lexicon::Unit as U;
    use Lex::*;
    &[
        ("january", Month(1, false)),
        ("jan", Month(1, true)),
        ("february", Month(2, false)),
        ("feb", Month(2, true)),
        ("march", Month(3, false)),
        ("mar", Month(3, true)),
        ("april", Month(4, false)),
        ("apr", Month(4, true)),
        ("may", Month(5, false)),
        ("june", Month(6, false)),
        ("jun", Month(6, true)),
        ("july", Month(7, false)),
        ("jul", Month(7, true)),
        ("august", Month(8, false)),
        ("aug", Month(8, true)),
        ("september", Month(9, false)),
        ("sep", Month(9, true)),
        ("sept", Month(9, true)),
        ("october", Month(10, false)),
        ("oct", Month(10, true)),
        ("november", Month(11, false)),
        ("nov", Month(11, true)),
        ("december", Month(12, false)),
        ("dec", Month(12, true)),
        ("monday", Weekday(1)),
        ("tuesday", Weekday(2)),
        ("wednesday", Weekday(3)),
        ("thursday", Weekday(4)),
        ("friday", Weekday(5)),
        ("saturday", Weekday(6)),
        ("sunday", Weekday(7)),
        ("second", Unit(U::Second, false)),
        ("seconds", Unit(U::Second, true)),
        ("minute", Unit(U::Minute, false)),
        ("minutes", Unit(U::Minute, true)),
        ("hour", Unit(U::Hour, false)),
        ("hours", Unit(U::Hour, true)),
        ("day", Unit(U::Day, false)),
        ("days", Unit(U::Day, true)),
        ("week", Unit(U::Week, false)),
        ("weeks", Unit(U::Week, true)),
        ("weekend", Unit(U::Weekend, false)),
        ("weekends", Unit(U::Weekend, true)),
        ("fortnight", Unit(U::Fortnight, false)),
        ("month", Unit(U::Month, false)),
        ("months", Unit(U::Month, true)),
        ("quarter", Unit(U::Quarter, false)),
        ("quarters", Unit(U::Quarter, true)),
        ("year", Unit(U::Year, false)),
        ("years", Unit(U::Year, true)),
        ("decade", Unit(U::Decade, false)),
        ("decades", Unit(U::Decade, true)),
        ("century", Unit(U::Century, false)),
        ("centuries", Unit(U::Century, true)),
        ("one", Cardinal(1)),
        ("two", Cardinal(2)),
        ("three", Cardinal(3)),
        ("four", Cardinal(4)),
        ("five", Cardinal(5)),
        ("six", Cardinal(6)),
        ("seven", Cardinal(7)),
        ("eight", Cardinal(8)),
        ("nine", Cardinal(9)),
        ("ten", Cardinal(10)),
        ("eleven", Cardinal(11)),
        ("twelve", Cardinal(12)),
        ("thirteen", Cardinal(13)),
        ("fourteen", Cardinal(14)),
        ("fifteen", Cardinal(15)),
        ("sixteen", Cardinal(16)),
        ("seventeen", Cardinal(17)),
        ("eighteen", Cardinal(18)),
        ("nineteen", Cardinal(19)),
        ("twenty", Cardinal(20)),
        ("thirty", Cardinal(30)),
        ("forty", Cardinal(40)),
        ("fifty", Cardinal(50)),
        ("sixty", Cardinal(60)),
        ("seventy", Cardinal(70)),
        ("eighty", Cardinal(80)),
        ("ninety", Cardinal(90)),
        ("hundred", Cardinal(100)),
        ("dozen", Cardinal(12)),
        ("single", Cardinal(1)),
        ("a", Article),
        ("an", Article),
        ("several", Vague),
        ("few", Vague),
        ("many", Vague),
        ("some", Vague),
        ("couple", Vague),
        ("half", Half),
        ("and", And),
        ("of", Of),
        ("the", The),
        ("this", This),
        ("that", That),
        ("same", Same),
        ("last", Last),
        ("next", Next),
        ("past", Past),
        ("previous", Previous),
        ("prior", Previous),
        ("coming", Coming),
        ("following", Following),
        ("today", Today),
        ("yesterday", Yesterday),
        ("tomorrow", Tomorrow),
        ("tonight", Tonight),
        ("now", Present),
        ("currently", Present),
        ("nowadays", Present),
        ("presently", Present),
        ("recently", Recently),
        ("recent", Recent),
        ("ago", Ago),
        ("earlier", Earlier),
        ("later", Later),
        ("early", Early),
        ("late", Late),
        ("mid", Mid),
        ("soon", Soon),
        ("future", Future),
        ("term", Term),
        ("spring", Season(0)),
        ("summer", Season(1)),
        ("autumn", Season(2)),
        ("fall", Season(2)),
        ("winter", Season(3)),
        ("morning", DayPart(0)),
        ("afternoon", DayPart(1)),
        ("evening", DayPart(2)),
        ("night", DayPart(3)),
        ("hourly", Periodic(U::Hour)),
        ("daily", Periodic(U::Day)),
        ("weekly", Periodic(U::Week)),
        ("monthly", Periodic(U::Month)),
        ("quarterly", Periodic(U::Quarter)),
        ("annual", Periodic(U::Year)),
        ("annually", Periodic(U::Year)),
        ("yearly", Periodic(U::Year)),
        ("every", Every),
        ("each", Every),
        ("per", Per),
        ("first", Ordinal(1)),
        ("second", Ordinal(2)),
        ("third", Ordinal(3)),
        ("fourth", Ordinal(4)),
        ("final", Ordinal(4)),
        ("fiscal", Fiscal),
        ("financial", Fiscal),
        ("noon", Noon),
        ("midday", Noon),
        ("midnight", Midnight),
        ("am", Am),
        ("pm", Pm),
        ("utc", Zone(true)),
        ("gmt", Zone(true)),
        ("et", Zone(false)),
        ("est", Zone(false)),
        ("edt", Zone(false)),
        ("ct", Zone(false)),
        ("cst", Zone(false)),
        ("cdt", Zone(false)),
        ("mst", Zone(false)),
        ("mdt", Zone(false)),
        ("pt", Zone(false)),
        ("pst", Zone(false)),
        ("pdt", Zone(false)),
        ("bst", Zone(false)),
        ("cet", Zone(false)),
        ("cest", Zone(false)),
        ("jst", Zone(false)),
        ("aest", Zone(false)),
        ("in", YearPrep),
        ("since", YearPrep),
        ("by", YearPrep),
        ("until", YearPrep),
        ("till", YearPrep),
        ("from", YearPrep),
        ("during", YearPrep),
        ("through", YearPrep),
        ("throughout", YearPrep),
        ("before", YearPrep),
        ("after", YearPrep),
        ("between", YearPrep),
        ("circa", YearPrep),
        ("around", Approx),
        ("about", Approx),
        ("almost", Approx),
        ("nearly", Approx),
        ("approximately", Approx),
        ("roughly", Approx),
        ("straight", UnitAdj),
        ("consecutive", UnitAdj),
        ("successive", UnitAdj),
        ("trading", UnitAdj),
        ("business", UnitAdj),
        ("working", UnitAdj),
        ("full", UnitAdj),
        ("more", UnitAdj),
        ("additional", UnitAdj),
        ("calendar", UnitAdj),
        ("page", NumberLabel),
        ("pages", NumberLabel),
        ("pp", NumberLabel),
        ("no", NumberLabel),
        ("nos", NumberLabel),
        ("number", NumberLabel),
        ("route", NumberLabel),
        ("highway", NumberLabel),
        ("interstate", NumberLabel),
        ("flight", NumberLabel),
        ("model", NumberLabel),
        ("version", NumberLabel),
        ("windows", NumberLabel),
        ("office", NumberLabel),
        ("room", NumberLabel),
        ("suite", NumberLabel),
        ("boeing", NumberLabel),
        ("airbus", NumberLabel),
        ("platform", NumberLabel),
        ("gate", NumberLabel),
        ("exit", NumberLabel),
        ("section", NumberLabel),
        ("article", NumberLabel),
        ("chapter", NumberLabel),
        ("item", NumberLabel),
        ("code", NumberLabel),
        ("resolution", NumberLabel),
        ("box", NumberLabel),
        ("unit", NumberLabel),
        ("vol", NumberLabel),
        ("volume", NumberLabel),
        ("issue", NumberLabel),
        ("tel", NumberLabel),
        ("phone", NumberLabel),
        ("fax", NumberLabel),
        ("call", NumberLabel),
        ("dial", NumberLabel),
        ("pin", NumberLabel),
        ("bus", NumberLabel),
        ("channel", NumberLabel),
        ("type", NumberLabel),
        ("will", FutureCue),
        ("shall", FutureCue),
        ("should", FutureCue),
        ("ll", FutureCue),
        ("wo", FutureCue),
        ("scheduled", FutureCue),
        ("slated", FutureCue),
        ("upcoming", FutureCue),
        ("due", FutureCue),
        ("expected", FutureCue),
        ("end", Edge),
        ("beginning", Edge),
        ("start", Edge),
        ("middle", Edge),
        ("rest", Edge),
        ("remainder", Edge),
        ("course", Edge),
        ("christmas", Christmas),
        ("halloween", Feast(super::lexicon::Feast::Halloween)),
        ("easter", Feast(super::lexicon::Feast::Easter)),
        ("thanksgiving", Feast(super::lexicon::Feast::Thanksgiving)),
        ("eve", Eve),
        ("ended", Ends),
        ("ending", Ends),
        ("ends", Ends),
        ("finish", Ends),
        ("finished", Ends),
        ("close", Ends),
        ("closed", Ends),
        ("over", Over),
        ("within", Within),
        ("for", For),
        ("other", Other),
    ]
};

const MAX_LEN: usize = 16;
/// Open-addressing table size: a power of two well above the entry count so
/// probes are short.
const SLOTS: usize = 1024;

struct Table {
    /// Packed lower-cased word per slot; 0 marks an empty slot.
    keys: Box<[u128; SLOTS]>,
    lexes: Box<[Lex; SLOTS]>,
    /// Bit `len` of `mask[ends(word)]` is set when some word has that
    /// first and last letter and that length: most words of a text are
    /// turned away here, before they are packed and hashed.
    mask: Box<[u32; 1024]>,
}

/// A word's first and last byte, ASCII case folded, in ten bits.
#[inline]
fn ends(word: &[u8]) -> usize {
    let fold = |b: u8| usize::from((b | 0x20) & 31);
    fold(word[0]) << 5 | fold(word[word.len() - 1])
}

#[inline]
fn pack(word: &[u8]) -> u128 {
    let mut k: u128 = 0;
    for &c in word {
        k = (k << 8) | (c | 0x20) as u128;
    }
    k | ((word.len() as u128) << 124)
}

#[inline]
fn slot(key: u128) -> usize {
    let h = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) as usize
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut keys = Box::new([0u128; SLOTS]);
        let mut lexes = Box::new([Lex::None; SLOTS]);
        let mut mask = Box::new([0u32; 1024]);
        for &(w, lex) in ENTRIES {
            let key = pack(w.as_bytes());
            let mut s = slot(key);
            // "second" is both a unit and an ordinal; the first entry (the
            // unit) is kept and rules check the ordinal use themselves.
            while keys[s] != 0 && keys[s] != key {
                s = (s + 1) % SLOTS;
            }
            if keys[s] == key {
                continue;
            }
            keys[s] = key;
            lexes[s] = lex;
            mask[ends(w.as_bytes())] |= 1 << w.len();
        }
        Table { keys, lexes, mask }
    })
}

/// Looks a word up case-insensitively (ASCII letters only: `| 0x20` folds
/// case, and words with other bytes cannot be in the table).
#[inline]
pub(super) fn lookup(word: &[u8]) -> Lex {
    if word.len() > MAX_LEN {
        return Lex::None;
    }
    let t = table();
    if t.mask[ends(word)] & (1 << word.len()) == 0 {
        return Lex::None;
    }
    let key = pack(word);
    let mut s = slot(key);
    loop {
        let k = t.keys[s];
        if k == key {
            return t.lexes[s];
        }
        if k == 0 {
            return Lex::None;
        }
        s = (s + 1) % SLOTS;
    }
}

/// Words that are not in the vocabulary but matter as units after a bare
/// number ("a 9mm round" is one token already; "2000 km" is not).
pub(super) fn is_measure_word(word: &[u8]) -> bool {
    matches!(
        word.to_ascii_lowercase().as_slice(),
        b"mm"
            | b"cm"
            | b"km"
            | b"m"
            | b"kg"
            | b"g"
            | b"lb"
            | b"lbs"
            | b"ft"
            | b"feet"
            | b"miles"
            | b"hp"
            | b"cc"
            | b"mph"
            | b"kph"
            | b"rpm"
            | b"mhz"
            | b"ghz"
            | b"gb"
            | b"mb"
            | b"tb"
            | b"kw"
            | b"mw"
            | b"tons"
            | b"tonnes"
            | b"metres"
            | b"meters"
            | b"points"
            | b"percent"
            | b"per"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_found_in_any_ascii_case() {
        for &(word, _) in ENTRIES {
            for written in [
                word.to_owned(),
                word.to_ascii_uppercase(),
                capitalised(word),
            ] {
                assert_ne!(lookup(written.as_bytes()), Lex::None, "{written}");
            }
        }
    }

    #[test]
    fn other_words_are_not() {
        for word in [
            "marc",
            "marches",
            "mays",
            "yesterdays",
            "x",
            "tuesdayy",
            "q",
        ] {
            assert_eq!(lookup(word.as_bytes()), Lex::None, "{word}");
        }
    }

    fn capitalised(word: &str) -> String {
        let mut out = word.to_owned();
        out[..1].make_ascii_uppercase();
        out
    }
}
