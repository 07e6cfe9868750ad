//! A Project Gutenberg ebook in plain text: a catalogue header (title,
//! author, release date) over the book, a START marker, the book with its
//! title page, an END marker, and the licence. Only the book is read; the
//! header fills the metadata, and the title page's lines that repeat the
//! title and author go, since the reader shows both above the text.

use super::indent_of;
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
fn is_marker(line: &str, which: &str) -> bool {
    if !line.starts_with('*') || line.len() > 300 {
        return false;
    }
    let upper = line.to_ascii_uppercase();
    upper.contains("PROJECT GUTENBERG")
        && upper.split_once(which).is_some_and(|(before, after)| {
            before.trim_matches([' ', '*']).is_empty() && after.trim_start().starts_with("TH")
        })
}

fn is_closing_line(line: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

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
