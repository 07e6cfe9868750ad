//! Email messages (a newsletter as delivered, saved as `.eml`) and pages
//! saved as one file (`.mhtml`, as Chromium's "Webpage, Single File" writes
//! them): both are MIME, read with mail-parser. The message's HTML body, or
//! its text body when it has none, is read as a page or as pasted text, and
//! its headers fill in what that leaves unsaid.

use super::rules::{MAX_CLUTTER_LINE, Pattern, only_counts_and, platforms};
use super::sink::renumber;
use super::{html, plain};
use crate::core::model::{Block, BlockKind, Meta};
use crate::core::prose::Prose;
use crate::core::sanitize::{sanitize, sanitize_inline};
use mail_parser::{Encoding, Message, MessageParser, MessagePart, MimeHeaders, PartType};

/// True when the text opens with a MIME header block: `Name: value` lines
/// (or their indented continuations) up to a blank line, among them
/// `MIME-Version` and `Content-Type`. A pasted email's "From:" and
/// "Subject:" lines alone are not enough: every saved message and page
/// declares its MIME version.
pub(crate) fn looks_like_message(head: &str) -> bool {
    let head = without_emlx_frame(head);
    let mut mime_version = false;
    let mut content_type = false;
    for line in head.lines() {
        if line.trim().is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((name, _)) = line.split_once(':') else {
            return false;
        };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic()) {
            return false;
        }
        mime_version |= name.eq_ignore_ascii_case("MIME-Version");
        content_type |= name.eq_ignore_ascii_case("Content-Type");
    }
    mime_version && content_type
}

/// The part a reader reads: the HTML body, or the text body when there is
/// none.
fn body_part<'a>(message: &'a Message<'a>) -> Option<&'a MessagePart<'a>> {
    message.html_part(0).or_else(|| message.text_part(0))
}

/// The body's text as the reader reads it. A part sent as it is (7bit,
/// 8bit, binary) was decoded with the whole file already; mail-parser would
/// decode that text again by the part's charset ("café" in Latin-1 came out
/// "cafÃ©"), so its text is taken from the message as given. Quoted-printable
/// and base64 parts are ASCII in the file and are mail-parser's to decode.
fn body_text<'a>(message: &'a Message<'a>, source: &'a str) -> Option<(&'a str, bool)> {
    let part = body_part(message)?;
    let (decoded, is_html) = match &part.body {
        PartType::Html(page) => (page.as_ref(), true),
        PartType::Text(text) => (text.as_ref(), false),
        _ => return None,
    };
    let as_given = (part.encoding == Encoding::None)
        .then(|| source.get(part.offset_body as usize..part.offset_end as usize))
        .flatten();
    Some((as_given.unwrap_or(decoded), is_html))
}

/// The prose of the message's body (what `gloss terms` and `gloss timex`
/// read): offsets count the characters of the decoded body, since those of
/// its quoted-printable or base64 form mean nothing to a reader.
pub fn prose(text: &str) -> Prose {
    let text = without_emlx_frame(text);
    let source = bounded(text).0;
    let message = MessageParser::default().parse(source.as_bytes());
    match message.as_ref().and_then(|m| body_text(m, source)) {
        Some((page, true)) => html::page_prose(&sanitize(page)),
        Some((text, false)) => Prose::verbatim(&sanitize(text)),
        None => Prose::verbatim(text),
    }
}

/// The message's body read as a page (or as text), with the metadata its
/// headers give where the body gives none: the subject as the title, the
/// sender as the publication ("Ann Lee from The Harbour Desk": author and
/// publication), the date sent as the date (not for a saved page, whose date
/// is when it was saved), the page's address for a saved page.
pub fn parse(text: &str) -> (Meta, Vec<Block>) {
    let text = without_emlx_frame(text);
    let (bounded, cut) = bounded(text);
    let Some(message) = MessageParser::default().parse(bounded.as_bytes()) else {
        return plain::parse(text.to_owned());
    };
    let saved_page = message.header_raw("Snapshot-Content-Location").is_some()
        || message
            .from()
            .and_then(|from| from.first())
            .is_some_and(|sender| {
                // Chromium's "<Saved by Blink>" is an address to mail-parser.
                [sender.name(), sender.address()]
                    .into_iter()
                    .flatten()
                    .any(|s| s.starts_with("Saved by"))
            });
    let body = body_part(&message);
    let (mut meta, mut blocks) = match body_text(&message, bounded) {
        Some((page, true)) => html::parse_owned(sanitize(page)),
        Some((text, false)) => plain::parse(sanitize(text)),
        None => (Meta::default(), Vec::new()),
    };
    if !saved_page {
        drop_email_clutter(&mut blocks);
        subtitle_under_title(&mut meta, &mut blocks);
    }
    let clean = |s: &str| Some(sanitize_inline(s)).filter(|s| !s.trim().is_empty());
    if meta.title.is_none() {
        meta.title = message.subject().and_then(clean);
    }
    if meta.url.is_none() {
        let page_url = message
            .header_raw("Snapshot-Content-Location")
            .map(str::trim)
            .or_else(|| body.and_then(|part| part.content_location()));
        meta.url = page_url
            .filter(|url| url.starts_with("http://") || url.starts_with("https://"))
            .and_then(clean);
    }
    if !saved_page {
        let sender = message.from().and_then(|from| from.first()?.name());
        if let Some(sender) = sender.and_then(clean) {
            let (author, publication) = sender_byline(&sender);
            if meta.author.is_none() {
                meta.author = author.map(str::to_owned);
            }
            if meta.publication.is_none() {
                meta.publication = Some(publication.to_owned());
            }
        }
        if meta.published.is_none() {
            // mail-parser reads "31 Feb" as given: only a real day is a date.
            meta.published = message
                .date()
                .and_then(|d| {
                    let year = i16::try_from(d.year).ok()?;
                    jiff::civil::Date::new(year, d.month as i8, d.day as i8).ok()
                })
                .map(|d| d.to_string());
        }
    }
    if cut {
        meta.notices.push(format!(
            "the message has more than {MAX_PARTS} parts: only the first were read"
        ));
    }
    (meta, blocks)
}

/// The message inside Apple Mail's `.emlx` frame: a first line giving the
/// message's length in bytes, and a property list after the message. Other
/// text is returned whole.
fn without_emlx_frame(text: &str) -> &str {
    let Some((count, rest)) = text.split_once('\n') else {
        return text;
    };
    let count = count.trim();
    if count.is_empty() || count.len() > 12 || !count.bytes().all(|b| b.is_ascii_digit()) {
        return text;
    }
    // The length counts the bytes as stored, line ends and all, which the
    // sanitizer has changed: the property list's start is what ends the
    // message (the last one: an XHTML body may hold another).
    match rest.rfind("\n<?xml version=") {
        Some(plist) => &rest[..plist + 1],
        None => rest,
    }
}

/// How many parts of a message are read. A saved page has a few hundred
/// (its images and styles), an email a handful; each part read costs about
/// 700 bytes, so a message of 200,000 tiny parts (7.8 MB) peaked at 144 MB.
const MAX_PARTS: usize = 10_000;

/// The message up to its part [`MAX_PARTS`] + 1, told by lines starting
/// "--" (every part's boundary line does, and few other lines), and whether
/// it was cut.
fn bounded(text: &str) -> (&str, bool) {
    let cut = memchr::memmem::find_iter(text.as_bytes(), b"\n--")
        .nth(MAX_PARTS)
        .map(|at| at + 1);
    match cut {
        Some(at) => (&text[..at], true),
        None => (text, false),
    }
}

/// A newsletter's sender name as a byline: "Ann Lee from The Harbour Desk"
/// (as Substack and others send) is an author and a publication, any other
/// name the publication's.
pub(crate) fn sender_byline(sender: &str) -> (Option<&str>, &str) {
    match sender.split_once(" from ") {
        Some((author, publication)) => (Some(author.trim()), publication.trim()),
        None => (None, sender.trim()),
    }
}

/// An email's own clutter around the post, by the platforms' rules
/// (`assets/platforms.toml`), which a page's reader leaves: its first lines'
/// "View in browser" and the like (any platform's header lines), and its
/// end from the first line that starts a footer ("You are receiving this
/// because…"), with any footer lines left before it.
fn drop_email_clutter(blocks: &mut Vec<Block>) {
    /// An email's header lines stand within its first blocks.
    const HEAD_BLOCKS: usize = 4;
    let rules = platforms();
    let header: Vec<&Pattern> = rules
        .iter()
        .flat_map(|p| p.header.iter().chain(p.signature))
        .collect();
    let end: Vec<&Pattern> = rules.iter().flat_map(|p| p.end).collect();
    let footer: Vec<&Pattern> = rules.iter().flat_map(|p| p.footer).collect();
    let matching = |patterns: &[&Pattern], block: &Block| {
        let line = matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading { .. })
            && block.text.len() <= MAX_CLUTTER_LINE;
        line && {
            let lower = block.text.trim().to_lowercase();
            patterns.iter().any(|p| p.matches_lower(&lower))
        }
    };
    // A newsletter's like, comment and share buttons, and their counts.
    blocks.retain(|b| b.kind != BlockKind::Paragraph || !is_buttons_and_counts(&b.text));
    let lead = blocks
        .iter()
        .take(HEAD_BLOCKS)
        .take_while(|b| matching(&header, b))
        .count();
    blocks.drain(..lead);
    // Not the first block: a post may open on a line a footer could.
    if let Some(at) = blocks.iter().skip(1).position(|b| matching(&end, b)) {
        blocks.truncate(at + 1);
    }
    while blocks.len() > 1 && blocks.last().is_some_and(|b| matching(&footer, b)) {
        blocks.pop();
    }
    renumber(blocks);
}

/// "41 6 3 Share", "Like Comment Restack": a newsletter's buttons and their
/// counts, which an email sets around the post as links.
fn is_buttons_and_counts(text: &str) -> bool {
    only_counts_and(
        text,
        &[
            "like", "likes", "comment", "comments", "restack", "restacks", "share", "reply",
            "forward",
        ],
    )
}

/// A newsletter's subtitle set as a heading right under the title (the
/// email's first block, a paragraph after it): a phrase of five words or
/// more, where a section's heading is shorter ("What changes").
fn subtitle_under_title(meta: &mut Meta, blocks: &mut Vec<Block>) {
    let first_is_subtitle = meta.subtitle.is_none()
        && blocks.first().is_some_and(|b| {
            b.kind.is_heading()
                && b.text.split_whitespace().count() >= 5
                && !b.text.trim_end().ends_with(':')
        })
        && blocks.get(1).is_some_and(|b| !b.kind.is_heading());
    if first_is_subtitle {
        meta.subtitle = Some(blocks.remove(0).text.as_str().to_owned());
        renumber(blocks);
    }
}
