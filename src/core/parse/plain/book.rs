//! A Project Gutenberg ebook in plain text: a catalogue header (title,
//! author, release date) over the book, a START marker, the book with its
//! title page, an END marker, and the licence. Only the book is read; the
//! header fills the metadata, and the title page's lines that repeat the
//! title and author go, since the reader shows both above the text.
//!
//! Also the shapes of a book's text: its verse and italics (in a
//! Gutenberg book only), and its chapter lines and bracketed pictures and
//! notes, which read the same in any plain text.

use super::{MAX_HEADING_CHARS, indent_of, looks_like_heading};
use crate::core::model::Meta;
use std::ops::Range;

/// The START marker is this many lines down at most: older files open with
/// a few hundred lines of licence.
const MAX_PREAMBLE_LINES: usize = 1_000;
/// The END marker is this many lines from the end at most (the licence
/// under it is about 350), so a large book is not searched through.
const MAX_LICENCE_LINES: usize = 1_500;
/// The title page's paragraphs are among this many first ones.
const MAX_TITLE_PAGE_PARAGRAPHS: usize = 12;

/// The lines of the book itself, when `lines` (trimmed lines of `source`)
/// are a Project Gutenberg ebook; its catalogue header is read into `meta`.
pub(super) fn frame(source: &str, lines: &[&str], meta: &mut Meta) -> Option<Range<usize>> {
    let start = lines
        .iter()
        .take(MAX_PREAMBLE_LINES)
        .position(|l| is_marker(l, "START OF"))?;
    let tail_from = lines.len().saturating_sub(MAX_LICENCE_LINES).max(start + 1);
    let mut end = lines
        .get(tail_from..)
        .and_then(|tail| tail.iter().rposition(|l| is_marker(l, "END OF")))
        .map_or(lines.len(), |i| tail_from + i);
    // Older books close with "End of the Project Gutenberg EBook of …" over
    // the marker.
    if let Some(i) = lines[start + 1..end]
        .iter()
        .rev()
        .take(8)
        .position(|l| is_closing_line(l))
    {
        end -= i + 1;
    }
    read_catalogue(source, &lines[..start], meta);
    Some(skip_title_page(lines, start + 1, end, meta)..end)
}

/// "*** START OF THE PROJECT GUTENBERG EBOOK THE HARBOUR LETTERS ***" (or
/// "THIS", or with no space after the stars), and the END marker alike.
pub(crate) fn is_marker(line: &str, which: &str) -> bool {
    if !line.starts_with('*') || line.len() > 300 {
        return false;
    }
    let upper = line.to_ascii_uppercase();
    upper.contains("PROJECT GUTENBERG")
        && upper.split_once(which).is_some_and(|(before, after)| {
            before.trim_matches([' ', '*']).is_empty() && after.trim_start().starts_with("TH")
        })
}

pub(crate) fn is_closing_line(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    lower.starts_with("end of the project gutenberg")
        || lower.starts_with("end of project gutenberg")
}

/// Reads "Title:", "Author:", "Release date:" (its "[eBook #65012]" gives the
/// book's address) and "Original publication:" (its year is the book's
/// date; the release date is the ebook's, and would date the book's "in
/// April" in the wrong century). A field's value may go on over indented
/// lines.
fn read_catalogue(source: &str, preamble: &[&str], meta: &mut Meta) {
    let mut i = 0;
    while i < preamble.len() {
        let line = preamble[i];
        i += 1;
        let Some((key, first)) = line.split_once(':') else {
            continue;
        };
        let value = first.trim().to_owned();
        // "Title: Lanterns on the Mole" over "       A Harbour Chronicle".
        let mut more = Vec::new();
        while let Some(next) = preamble.get(i)
            && !next.is_empty()
            && indent_of(source, next) >= 4
        {
            more.push(*next);
            i += 1;
        }
        if value.is_empty() {
            continue;
        }
        match key.trim().to_ascii_lowercase().as_str() {
            "title" if meta.title.is_none() => {
                meta.title = Some(value);
                if !more.is_empty() {
                    meta.subtitle = Some(more.join(" "));
                }
            }
            "author" | "authors" if meta.author.is_none() => {
                more.insert(0, &value);
                meta.author = Some(more.join(", "));
            }
            // Older books give the number with the date of posting.
            "release date" | "release date (ebook)" | "posting date" => {
                if let Some(number) = ebook_number(&value) {
                    meta.url = Some(format!("https://www.gutenberg.org/ebooks/{number}"));
                }
            }
            "original publication" => meta.published = last_year(&value),
            _ => {}
        }
    }
}

/// "March 3, 2021 [eBook #65012]": `65012`.
fn ebook_number(value: &str) -> Option<&str> {
    let (_, after) = value.split_once('#')?;
    let digits = after.trim_start();
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    (end > 0).then(|| &digits[..end])
}

/// The last four-digit year in "London: Harwood and Sons, 1898.".
fn last_year(value: &str) -> Option<String> {
    value
        .split(|c: char| !c.is_ascii_digit())
        .filter(|digits| digits.len() == 4)
        .filter_map(|digits| {
            digits
                .parse::<u16>()
                .ok()
                .filter(|y| (1000..=2100).contains(y))
        })
        .next_back()
        .map(|year| year.to_string())
}

/// The first line of the book past its title page: paragraphs that only
/// repeat the title (or part of it), "by", the author, or credit the
/// volunteers who produced the ebook.
fn skip_title_page(lines: &[&str], from: usize, end: usize, meta: &Meta) -> usize {
    let title = [&meta.title, &meta.subtitle]
        .iter()
        .filter_map(|t| t.as_deref().map(folded))
        .collect::<Vec<_>>()
        .join(" ");
    let author = meta.author.as_deref().map(folded).unwrap_or_default();
    let repeats = |text: &str| {
        let text = folded(text);
        text == "by"
            || text.len() >= 3 && format!(" {title} ").contains(&format!(" {text} "))
            || !author.is_empty()
                && (text == author || text.strip_prefix("by ") == Some(author.as_str()))
            || [
                "produced by",
                "e-text prepared by",
                "etext prepared by",
                "this ebook was produced by",
                "this etext was produced by",
                "transcribed from",
            ]
            .iter()
            .any(|lead| text.starts_with(lead))
    };
    let mut at = from;
    for _ in 0..MAX_TITLE_PAGE_PARAGRAPHS {
        while at < end && lines[at].is_empty() {
            at += 1;
        }
        let paragraph_end = lines[at..end]
            .iter()
            .position(|l| l.is_empty())
            .map_or(end, |n| at + n);
        let paragraph = &lines[at..paragraph_end];
        if at == end || !repeats(&paragraph.join(" ")) && !is_imprint(paragraph) {
            break;
        }
        at = paragraph_end;
    }
    at
}

/// "LONDON" / "HARWOOD AND SONS, PUBLISHERS" / "1898": a few lines in
/// capitals, the last a year.
fn is_imprint(paragraph: &[&str]) -> bool {
    paragraph.len() <= 4
        && paragraph.last().is_some_and(|year| {
            let year = year.trim_end_matches('.');
            year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())
        })
        && !paragraph
            .iter()
            .any(|line| line.chars().any(char::is_lowercase))
}

/// Lowercase words with single spaces, without the punctuation around them.
fn folded(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

// Shapes books have, read in any plain text: chapter lines, a picture's
// or a note's bracketed label; and, in a book only, verse and italics.

/// A book's lines that stay lines: verse, a table of contents, the address
/// over a letter. Every line is indented (by a space at least), and none
/// after the first starts in lower case as a sentence running on over an
/// indented quotation's lines does; or, indented or not, three or more
/// chapter lines in a row ("CHAPTER I.  Down to the Quay"), a table of
/// contents. An illustration's caption ("[Illustration: …]") is prose, and
/// "CHAPTER II." centred over its title a heading.
pub(super) fn is_verse(source: &str, group: &[&str]) -> bool {
    if group.len() < 2 || group[0].starts_with('[') {
        return false;
    }
    if group.len() >= 3 && group.iter().all(|l| chapter_heading(l).is_some()) {
        return true;
    }
    !(group.len() == 2 && chapter_heading(group[0]) == Some(Chapter::Untitled))
        && group.iter().all(|l| indent_of(source, l) >= 1)
        && !group[1..].iter().any(|l| l.starts_with(char::is_lowercase))
}

/// Takes out of `text`, in place, the underscores a book's text marks
/// italics with ("_The Times_,", "(_sic_)"): one that opens a word, after
/// any opening punctuation, or closes one, before any closing punctuation.
/// Returns the length of what is left and how many underscores were taken
/// from before `cut`.
pub(super) fn unmark_italics(text: &mut [u8], cut: usize) -> (usize, usize) {
    if memchr::memchr(b'_', text).is_none() {
        return (text.len(), 0);
    }
    let is_space = |b: u8| b == b' ' || b == b'\n';
    // Quotes may be curly: “ ” ‘ ’ are three bytes each.
    let opening = |b: u8| matches!(b, b'(' | b'[' | b'"' | b'\'');
    let closing_len = |rest: &[u8]| match rest {
        [
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b')' | b']' | b'"' | b'\'',
            ..,
        ] => 1,
        [0xE2, 0x80, 0x9D | 0x99, ..] => 3,
        _ => 0,
    };
    let is_mark = |i: usize| {
        let mut before = i;
        loop {
            if before > 0 && opening(text[before - 1]) {
                before -= 1;
            } else if let [.., 0xE2, 0x80, 0x9C | 0x98] = text[..before] {
                before -= 3;
            } else {
                break;
            }
        }
        let opens = (before == 0 || is_space(text[before - 1]))
            && text.get(i + 1).is_some_and(|&b| !is_space(b) && b != b'_');
        let mut after = i + 1;
        while let n @ 1.. = closing_len(&text[after..]) {
            after += n;
            // "_The Times_’s": a possessive's s closes the word too.
            if text[after - 1] == b'\'' || text[after - 1] == 0x99 {
                after += usize::from(text.get(after) == Some(&b's'));
            }
        }
        let closes = (after == text.len() || is_space(text[after]))
            && i > 0
            && !is_space(text[i - 1])
            && text[i - 1] != b'_';
        opens || closes
    };
    let marks: Vec<usize> = memchr::memchr_iter(b'_', text)
        .filter(|&i| is_mark(i))
        .collect();
    let before_cut = marks.iter().filter(|&&i| i < cut).count();
    let mut kept = 0;
    let mut marks = marks.into_iter().peekable();
    for i in 0..text.len() {
        if marks.next_if_eq(&i).is_some() {
            continue;
        }
        text[kept] = text[i];
        kept += 1;
    }
    (kept, before_cut)
}

/// What a line that opens a chapter gives of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Chapter {
    /// "CHAPTER I.", "Book Two", "XIV.": the title may follow on the next line.
    Untitled,
    /// "Chapter 3: The Crossing".
    Titled,
}

/// The words that open a chapter's heading, with its number after them.
const CHAPTER_WORDS: [&str; 7] = [
    "chapter", "book", "part", "volume", "stave", "canto", "letter",
];

/// "CHAPTER I.", "Chapter 12: The Crossing", "BOOK TWO", "Letter 4", or a
/// Roman number alone ("XIV."): a book's chapter heading, which may end in
/// a full stop. "Part 2 of the plan is due." is a sentence.
pub(super) fn chapter_heading(text: &str) -> Option<Chapter> {
    if text.len() > MAX_HEADING_CHARS * 4 || !text.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let mut words = text.split_whitespace();
    let first = words.next()?;
    // "PREFACE.", "Epilogue": a part of a book with no number.
    if words.clone().next().is_none()
        && BOOK_PARTS
            .iter()
            .any(|part| first.trim_end_matches('.').eq_ignore_ascii_case(part))
    {
        return Some(Chapter::Titled);
    }
    if is_roman_number(first.trim_end_matches('.')) {
        return (words.next().is_none()).then_some(Chapter::Untitled);
    }
    if !CHAPTER_WORDS.iter().any(|w| first.eq_ignore_ascii_case(w)) {
        return None;
    }
    let number = words.next()?.trim_end_matches(['.', ':', ',']);
    let is_number = is_roman_number(number)
        || number.len() <= 3 && number.bytes().all(|b| b.is_ascii_digit())
        || NUMBER_WORDS.iter().any(|w| number.eq_ignore_ascii_case(w));
    if !is_number {
        return None;
    }
    let rest: Vec<&str> = words.collect();
    match rest.first() {
        None => Some(Chapter::Untitled),
        Some(title)
            if !title.starts_with(char::is_lowercase)
                && rest.len() <= 12
                && text.chars().count() <= MAX_HEADING_CHARS =>
        {
            Some(Chapter::Titled)
        }
        Some(_) => None,
    }
}

/// The parts of a book that have a name but no number.
const BOOK_PARTS: [&str; 12] = [
    "preface",
    "foreword",
    "introduction",
    "prologue",
    "epilogue",
    "afterword",
    "postscript",
    "appendix",
    "contents",
    "dedication",
    "footnotes",
    "glossary",
];

/// Chapters counted in words.
const NUMBER_WORDS: [&str; 32] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "last",
    "the",
];

/// "XIV", "iv": a Roman number up to 399, written as numbers are ("CIVIL"
/// and "LIVID" are words).
pub(super) fn is_roman_number(word: &str) -> bool {
    const DIGITS: [(&str, u32); 9] = [
        ("C", 100),
        ("XC", 90),
        ("L", 50),
        ("XL", 40),
        ("X", 10),
        ("IX", 9),
        ("V", 5),
        ("IV", 4),
        ("I", 1),
    ];
    if !(1..=12).contains(&word.len())
        || !(word.bytes().all(|b| b"IVXLC".contains(&b))
            || word.bytes().all(|b| b"ivxlc".contains(&b)))
    {
        return false;
    }
    let upper = word.to_ascii_uppercase();
    let value = {
        let mut rest = upper.as_str();
        let mut value = 0;
        while let Some((digit, n)) = DIGITS.iter().find(|(d, _)| rest.starts_with(d)) {
            rest = &rest[digit.len()..];
            value += n;
        }
        value
    };
    // Written back the way numbers are, it must read the same.
    let mut canonical = String::new();
    let mut left = value;
    for (digit, n) in DIGITS {
        while left >= n {
            canonical.push_str(digit);
            left -= n;
        }
    }
    value > 0 && value < 400 && canonical == upper
}

/// The line under a chapter's number that names it: short, and a heading
/// or written in capitals ("THE PILOT'S HOUSE.").
pub(super) fn is_chapter_title(text: &str) -> bool {
    chapter_heading(text).is_none()
        && text.chars().count() <= MAX_HEADING_CHARS
        && text.split_whitespace().count() <= 12
        && (looks_like_heading(text)
            || text.chars().any(char::is_uppercase) && !text.chars().any(char::is_lowercase))
}

/// The labels of a book's bracketed pictures and notes.
pub(super) const BRACKETED_LABELS: [&str; 4] = [
    "Illustration",
    "Footnote",
    "Transcriber's Note",
    "Transcriber\u{2019}s Note",
];

/// "[Illustration: A harbour at dusk.]": the label ("Illustration", one of
/// `labels`) and what follows it, without the colon and the closing bracket.
pub(super) fn bracketed_label<'t>(
    text: &'t str,
    labels: &[&'static str],
) -> Option<(&'static str, &'t str)> {
    let inner = text.strip_prefix('[')?.strip_suffix(']')?;
    labels.iter().find_map(|&label| {
        let head = inner.get(..label.len())?;
        if !head.eq_ignore_ascii_case(label) {
            return None;
        }
        let rest = &inner[label.len()..];
        if !rest.is_empty() && !rest.starts_with([':', '.', ' ']) {
            return None;
        }
        Some((label, rest.trim_start_matches([':', '.', ' ']).trim_end()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_that_stay_lines_are_told_from_prose_and_headings() {
        let verse = |text: &str| {
            let lines: Vec<&str> = text.split('\n').map(str::trim).collect();
            is_verse(text, &lines)
        };
        assert!(verse(" Lights along the water,\n Red for the harbour."));
        assert!(verse(
            "CHAPTER I. Down to the Quay\nCHAPTER II. The Pool of Tide\nCHAPTER III. Fog"
        ));
        assert!(!verse("   CHAPTER II.\n   WINTER PACKETS."));
        assert!(!verse("    The pier was built\n    in the summer of 1902."));
        assert!(!verse("The pier was built\nIn the summer."));
        assert!(!verse("    [Illustration: The pier\n    At dusk.]"));
    }

    #[test]
    fn a_books_italic_marks_go_and_other_underscores_stay() {
        let unmarked = |text: &str, cut: usize| {
            let mut bytes = text.as_bytes().to_vec();
            let (kept, before_cut) = unmark_italics(&mut bytes, cut);
            (
                String::from_utf8(bytes[..kept].to_vec()).unwrap(),
                before_cut,
            )
        };
        assert_eq!(
            unmarked(
                "He read _The Times_, (_sic_) and \u{201c}_Punch_\u{201d}.",
                12
            ),
            (
                "He read The Times, (sic) and \u{201c}Punch\u{201d}.".to_owned(),
                1
            )
        );
        assert_eq!(
            unmarked("_Lights along_\nthe _water_’s edge", 99),
            ("Lights along\nthe water’s edge".to_owned(), 4)
        );
        for kept in ["snake_case stays", "__init__ and ___", "a _ b"] {
            assert_eq!(unmarked(kept, 0), (kept.to_owned(), 0));
        }
    }

    #[test]
    fn chapter_lines_are_told_from_sentences_and_words() {
        for (line, chapter) in [
            ("CHAPTER I.", Some(Chapter::Untitled)),
            ("Chapter 12", Some(Chapter::Untitled)),
            ("BOOK TWO", Some(Chapter::Untitled)),
            ("Letter 4", Some(Chapter::Untitled)),
            ("XIV.", Some(Chapter::Untitled)),
            ("Chapter iv", Some(Chapter::Untitled)),
            ("iv", None),
            ("Chapter 3: The Crossing", Some(Chapter::Titled)),
            (
                "CHAPTER XXIV. IN WHICH THE PACKET SAILS",
                Some(Chapter::Titled),
            ),
            ("Part 2 of the plan was never built.", None),
            ("Part of the plan.", None),
            ("Book early.", None),
            ("chapter 3", None),
            ("CIVIL.", None),
            ("LIVID", None),
            ("IIII.", None),
            ("VX", None),
            ("XIV. The bridge", None),
            ("PREFACE.", Some(Chapter::Titled)),
            ("Epilogue", Some(Chapter::Titled)),
            ("Preface to the second edition was cut.", None),
        ] {
            assert_eq!(chapter_heading(line), chapter, "{line}");
        }
    }

    #[test]
    fn markers_are_told_in_every_spelling_and_nothing_else_is() {
        for line in [
            "*** START OF THE PROJECT GUTENBERG EBOOK THE HARBOUR LETTERS ***",
            "*** START OF THIS PROJECT GUTENBERG EBOOK LANTERNS ON THE MOLE ***",
            "***START OF THE PROJECT GUTENBERG EBOOK 1342***",
            "*** start of the project gutenberg ebook a tale ***",
        ] {
            assert!(is_marker(line, "START OF"), "{line}");
            assert!(!is_marker(line, "END OF"), "{line}");
        }
        for line in [
            "*END*THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS*Ver.04.29.93*END*",
            "The Project Gutenberg EBook of Lanterns on the Mole",
            "START OF THE PROJECT GUTENBERG EBOOK, said the note",
            "*** The start of the project was slow; Gutenberg's press was not ***",
        ] {
            assert!(!is_marker(line, "START OF"), "{line}");
        }
        assert!(is_marker(
            "*** END OF THE PROJECT GUTENBERG EBOOK THE HARBOUR LETTERS ***",
            "END OF"
        ));
    }

    #[test]
    fn the_catalogue_gives_title_author_address_and_original_year() {
        let source = "Title: Lanterns on the Mole\n       A Harbour Chronicle\n\nAuthor: Harriet Vane Colby\n\n\
            Release Date: June 12, 2009 [EBook #29143]\nMost recently updated: May 1, 2023\n\n\
            Original publication: Edinburgh: Carrick and Lyle, 1904\n\nLanguage: English\n";
        let lines: Vec<&str> = source.split('\n').map(str::trim).collect();
        let mut meta = Meta::default();
        read_catalogue(source, &lines, &mut meta);
        assert_eq!(meta.title.as_deref(), Some("Lanterns on the Mole"));
        assert_eq!(meta.subtitle.as_deref(), Some("A Harbour Chronicle"));
        assert_eq!(meta.author.as_deref(), Some("Harriet Vane Colby"));
        assert_eq!(
            meta.url.as_deref(),
            Some("https://www.gutenberg.org/ebooks/29143")
        );
        assert_eq!(meta.published.as_deref(), Some("1904"));
        // The release date is the ebook's, not the book's.
        let lines = ["Release date: March 3, 2021 [eBook #65012]"];
        let mut meta = Meta::default();
        read_catalogue(lines[0], &lines, &mut meta);
        assert_eq!(meta.published, None);
        let lines = ["Posting Date: August 26, 2008 [EBook #1342]"];
        let mut meta = Meta::default();
        read_catalogue(lines[0], &lines, &mut meta);
        assert_eq!(
            meta.url.as_deref(),
            Some("https://www.gutenberg.org/ebooks/1342")
        );
        assert_eq!(last_year("no year, 12345 or 987"), None);
        assert_eq!(ebook_number("June 12, 2009 [EBook #]"), None);
    }

    #[test]
    fn the_title_page_goes_up_to_the_first_line_of_the_book() {
        let source = "*** START OF THE PROJECT GUTENBERG EBOOK THE CROSSING ***\n\n\
            Produced by a team of volunteers.\n\n   THE\n   CROSSING\n\n   BY\n\n   ANN LEE\n\n\
            LONDON\nHARWOOD AND SONS\n1898\n\nTo my mother.\n\nCHAPTER I.\n\nIt began in the harbour.\n\n\
            *** END OF THE PROJECT GUTENBERG EBOOK THE CROSSING ***\n\nThe licence.\n";
        let text = format!("Title: The Crossing\nAuthor: Ann Lee\n\n{source}");
        let lines: Vec<&str> = text.split('\n').map(str::trim).collect();
        let mut meta = Meta::default();
        let body = frame(&text, &lines, &mut meta).expect("a book");
        assert_eq!(lines[body.start], "To my mother.");
        assert_eq!(lines[body.end - 2], "It began in the harbour.");
        assert!(!lines[body].contains(&"The licence."));
    }
}
