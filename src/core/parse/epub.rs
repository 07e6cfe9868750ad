//! EPUB books: a zip archive of XHTML chapters, read in the order of the
//! package's spine, with the package's title, creators, publisher and date.
//!
//! The archive is untrusted like any article: every read is bounded (one
//! chapter, the whole book, the number of chapters), so a zip bomb or a
//! spine naming one chapter a million times costs no more than a large
//! book, and every chapter's text enters through the sanitizer.

use super::html;
use super::sink::{Sink, drop_platform_clutter, inline, iso_date, number_footnotes};
use crate::core::model::{Block, Meta};
use crate::core::sanitize::sanitize_bytes;
use quick_xml::events::{BytesStart, Event};
use std::io::{Read, Seek};

/// Most bytes one entry may inflate to.
const MAX_ENTRY: u64 = 64 << 20;
/// Most bytes the whole book may inflate to (the largest books, the
/// complete works of an author, are some tens of megabytes of XHTML).
const MAX_BOOK: u64 = 256 << 20;
/// Most chapters read.
const MAX_CHAPTERS: usize = 10_000;
/// The longest description taken for a subtitle.
const MAX_SUBTITLE: usize = 200;

/// True for the bytes of an EPUB: a zip whose first entry is the stored
/// `mimetype` file the format requires, or any zip named `.epub` (some
/// tools store the entries in another order).
pub fn is_epub(bytes: &[u8], name: Option<&str>) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && (bytes.get(30..58) == Some(b"mimetypeapplication/epub+zip")
            || name.is_some_and(|n| n.to_ascii_lowercase().ends_with(".epub")))
}

/// Why a book could not be read.
pub type Error = String;

/// The book's metadata and its chapters' blocks, one after another, from a
/// file or the bytes of one, up to the chapter that brings the text to
/// `text_len` bytes (`usize::MAX`: all of them), the beginning a reader
/// shows while the rest loads. Only the archive's index and the entries
/// read come off the disk. The flag says whether the whole book was read.
pub fn parse_beginning(
    archive: impl Read + Seek,
    text_len: usize,
) -> Result<(Meta, Vec<Block>, bool), Error> {
    let mut book = Book::open(archive)?;
    let container = book.read("META-INF/container.xml")?;
    let package_path =
        package_path(&container).ok_or("META-INF/container.xml names no package document")?;
    let package = Package::read(&book.read(&package_path)?);
    let base = match package_path.rfind('/') {
        Some(at) => &package_path[..=at],
        None => "",
    };
    let mut sink = Sink::default();
    let mut chapters = 0;
    let mut read = 0;
    let mut whole = true;
    let mut too_many = false;
    for item in package.reading_order() {
        if chapters == MAX_CHAPTERS {
            too_many = true;
            break;
        }
        if read >= text_len {
            whole = false;
            break;
        }
        let path = resolve(base, &item.href);
        // A chapter the spine names but the archive lacks is skipped, as a
        // reading system does.
        let Ok(xhtml) = book.read(&path) else {
            continue;
        };
        let before = sink.blocks.len();
        html::chapter_to_blocks(&xhtml, &mut sink);
        read += sink.blocks[before..]
            .iter()
            .map(|b| b.text.len())
            .sum::<usize>();
        chapters += 1;
    }
    if chapters == 0 {
        return Err("the book has no chapter to read".to_owned());
    }
    let mut meta = package.meta;
    // A chapter's links to another chapter or a note mean nothing here.
    sink.links
        .retain(|l| l.url.starts_with("http://") || l.url.starts_with("https://"));
    meta.links = sink.links;
    let mut blocks = sink.blocks;
    drop_platform_clutter(&mut meta, &mut blocks);
    drop_gutenberg_frame(&mut blocks);
    drop_title_page(&meta, &mut blocks);
    number_footnotes(&mut blocks);
    if book.cut_short {
        meta.notices.push(format!(
            "the book inflates to more than {} MB: only its beginning was read",
            MAX_BOOK >> 20
        ));
    }
    if too_many {
        meta.notices.push(format!(
            "the book has more than {MAX_CHAPTERS} chapters: only the first were read"
        ));
    }
    if book.oversized > 0 {
        meta.notices.push(format!(
            "{} of the book's files inflate to more than {} MB each and were skipped",
            book.oversized,
            MAX_ENTRY >> 20
        ));
    }
    Ok((meta, blocks, whole))
}

/// The archive, and how much of it has been inflated so far.
struct Book<R> {
    zip: zip::ZipArchive<R>,
    inflated: u64,
    /// The book's budget ran out before its end.
    cut_short: bool,
    /// Entries skipped for inflating past [`MAX_ENTRY`].
    oversized: usize,
}

impl<R: Read + Seek> Book<R> {
    fn open(archive: R) -> Result<Self, Error> {
        let zip = zip::ZipArchive::new(archive).map_err(|e| e.to_string())?;
        Ok(Book {
            zip,
            inflated: 0,
            cut_short: false,
            oversized: 0,
        })
    }

    /// An entry's text, decoded and sanitized; an error for a missing entry,
    /// one too large, or one past the book's budget.
    fn read(&mut self, path: &str) -> Result<String, Error> {
        let left = MAX_BOOK.saturating_sub(self.inflated);
        if left == 0 {
            self.cut_short = true;
            return Err("the book's budget is spent".to_owned());
        }
        let entry = self.zip.by_name(path).map_err(|e| format!("{path}: {e}"))?;
        let limit = MAX_ENTRY.min(left);
        let mut bytes = Vec::new();
        entry
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{path}: {e}"))?;
        self.inflated += bytes.len() as u64;
        if bytes.len() as u64 > limit {
            if limit < MAX_ENTRY {
                self.cut_short = true;
            } else {
                self.oversized += 1;
            }
            return Err(format!("{path}: more than {} MB", limit >> 20));
        }
        Ok(sanitize_bytes(&bytes).0)
    }
}

/// The package document's path, from `META-INF/container.xml`: its first
/// `<rootfile full-path="…">`.
fn package_path(container: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(container);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().into_inner() == "rootfile" => {
                return attribute(&e, "full-path").filter(|p| !p.is_empty());
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// What the package document says: the metadata, the manifest's
/// documents, and the spine's order.
#[derive(Default)]
struct Package {
    meta: Meta,
    /// Manifest items: id, href, media type, properties.
    items: Vec<Item>,
    /// The spine's item ids, in reading order.
    spine: Vec<String>,
}

struct Item {
    id: String,
    href: String,
    media_type: String,
    properties: String,
}

impl Package {
    fn read(opf: &str) -> Package {
        let mut package = Package::default();
        let mut reader = quick_xml::Reader::from_str(opf);
        let mut creators = Vec::new();
        // The Dublin Core element whose text comes next.
        let mut open: Option<String> = None;
        let mut text = String::new();
        // A malformed package gives what was read before the fault.
        while let Ok(event) = reader.read_event() {
            match event {
                Event::Start(e) if is_dublin_core(&e) => {
                    open = Some(e.local_name().into_inner().to_owned());
                    text.clear();
                }
                Event::Text(t) if open.is_some() => text.push_str(&t.xml10_content()),
                Event::GeneralRef(r) if open.is_some() => {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        text.push(c);
                    } else {
                        text.push_str(match r.xml10_content().as_ref() {
                            "amp" => "&",
                            "lt" => "<",
                            "gt" => ">",
                            "quot" => "\"",
                            "apos" => "'",
                            _ => "",
                        });
                    }
                }
                Event::End(e) if open.as_deref() == Some(e.local_name().into_inner()) => {
                    let value = inline(Some(&text));
                    match (open.take().as_deref(), value) {
                        (Some("title"), Some(v)) if package.meta.title.is_none() => {
                            package.meta.title = Some(v);
                        }
                        (Some("creator"), Some(v)) => creators.push(v),
                        // A one-line summary, as Standard Ebooks writes it,
                        // is a subtitle; a publisher's blurb (paragraphs,
                        // often escaped markup) is not.
                        (Some("description"), Some(v))
                            if package.meta.subtitle.is_none()
                                && v.chars().count() <= MAX_SUBTITLE
                                && !v.contains('<') =>
                        {
                            package.meta.subtitle = Some(v);
                        }
                        (Some("publisher"), Some(v)) if package.meta.publication.is_none() => {
                            package.meta.publication = Some(v);
                        }
                        (Some("date"), Some(v)) if package.meta.published.is_none() => {
                            package.meta.published = book_date(&v);
                        }
                        (Some("source" | "identifier"), Some(v))
                            if package.meta.url.is_none()
                                && (v.starts_with("http://") || v.starts_with("https://")) =>
                        {
                            package.meta.url = Some(v);
                        }
                        _ => {}
                    }
                }
                Event::Start(e) | Event::Empty(e) => match e.local_name().into_inner() {
                    "item" => {
                        let get = |name: &str| attribute(&e, name).unwrap_or_default();
                        package.items.push(Item {
                            id: get("id"),
                            href: get("href"),
                            media_type: get("media-type"),
                            properties: get("properties"),
                        });
                    }
                    "itemref" => {
                        // Items out of the reading order ("linear=no":
                        // notes, answers) are still part of the book.
                        if let Some(id) = attribute(&e, "idref") {
                            package.spine.push(id);
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        if !creators.is_empty() {
            package.meta.author = Some(creators.join(", "));
        }
        package
    }

    /// The spine's documents that are chapters: XHTML (or HTML), not the
    /// navigation document, whose table of contents the outline replaces.
    fn reading_order(&self) -> impl Iterator<Item = &Item> {
        // By id: a manifest and a spine of many thousands would take their
        // product in time searched one by one.
        let by_id: std::collections::HashMap<&str, &Item> = self
            .items
            .iter()
            .rev()
            .map(|i| (i.id.as_str(), i))
            .collect();
        self.spine.iter().filter_map(move |id| {
            let item = *by_id.get(id.as_str())?;
            let chapter = matches!(
                item.media_type.as_str(),
                "application/xhtml+xml" | "text/html" | ""
            ) && !item.properties.split_whitespace().any(|p| p == "nav");
            chapter.then_some(item)
        })
    }
}

/// `dc:title`, `dc:creator` and the other Dublin Core elements of the
/// metadata, by their local names.
fn is_dublin_core(e: &BytesStart<'_>) -> bool {
    matches!(
        e.local_name().into_inner(),
        "title" | "creator" | "publisher" | "date" | "source" | "identifier" | "description"
    ) && e.name().into_inner().starts_with("dc:")
}

/// An attribute's value, unescaped.
fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let attr = e
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == name)?;
    attr.normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .ok()
        .map(|v| v.into_owned())
}

/// A book's date as `dc:date` gives it: a day, or a year alone.
fn book_date(raw: &str) -> Option<String> {
    let year = raw
        .get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()));
    match year {
        Some(year) if raw.len() == 4 || raw.as_bytes().get(4) == Some(&b'-') && raw.len() == 7 => {
            Some(year.to_owned())
        }
        _ => iso_date(raw),
    }
}

/// A manifest's `href` as a path in the archive: relative to the package
/// document's folder, percent-decoded, `..` resolved.
fn resolve(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or_default();
    let decoded = percent_encoding::percent_decode_str(href).decode_utf8_lossy();
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

/// An older Project Gutenberg book carries its catalogue, licence and
/// "*** START OF …" / "*** END OF …" markers as text in its first and last
/// chapters (newer ones in sections removed before, see
/// `html::chapter_to_blocks`): the book is what lies between the markers.
fn drop_gutenberg_frame(blocks: &mut Vec<Block>) {
    use super::plain::book::{is_closing_line, is_marker};
    let holds = |b: &Block, which: &str| b.text.lines().any(|l| is_marker(l.trim(), which));
    let Some(start) = blocks.iter().take(200).position(|b| holds(b, "START OF")) else {
        return;
    };
    let mut end = blocks
        .iter()
        .rposition(|b| holds(b, "END OF"))
        .filter(|&end| end > start)
        .unwrap_or(blocks.len());
    // "End of the Project Gutenberg EBook of …" just before the marker.
    if end > start + 1 && is_closing_line(blocks[end - 1].text.trim()) {
        end -= 1;
    }
    blocks.truncate(end);
    blocks.drain(..=start);
    super::sink::renumber(blocks);
}

/// The title page most books open with: a first chapter that only repeats
/// the title and the author (and the publisher's name) before the text.
fn drop_title_page(meta: &Meta, blocks: &mut Vec<Block>) {
    let says_only_metadata = |b: &Block| {
        let text = b.text.trim();
        [&meta.title, &meta.author, &meta.publication]
            .iter()
            .any(|m| m.as_deref().is_some_and(|m| m.eq_ignore_ascii_case(text)))
            || text.eq_ignore_ascii_case("by")
    };
    let opening = blocks.iter().take_while(|b| says_only_metadata(b)).count();
    if opening > 0 && opening < blocks.len() {
        blocks.drain(..opening);
        super::sink::renumber(blocks);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_path_is_resolved_against_the_package() {
        assert_eq!(
            resolve("OEBPS/", "text/ch%201.xhtml"),
            "OEBPS/text/ch 1.xhtml"
        );
        assert_eq!(
            resolve("OEBPS/text/", "../images/a.xhtml#x"),
            "OEBPS/images/a.xhtml"
        );
        assert_eq!(resolve("", "ch1.xhtml"), "ch1.xhtml");
        // No climbing out of the archive's root.
        assert_eq!(resolve("", "../../ch1.xhtml"), "ch1.xhtml");
    }

    #[test]
    fn a_short_description_is_a_subtitle_and_a_blurb_is_not() {
        let opf = |description: &str| {
            format!(
                "<package><metadata xmlns:dc=\"d\"><dc:title>T</dc:title>\
                 <dc:description>{description}</dc:description></metadata></package>"
            )
        };
        let short = Package::read(&opf("A pilot's life on a stormy coast."));
        assert_eq!(
            short.meta.subtitle.as_deref(),
            Some("A pilot's life on a stormy coast.")
        );
        let blurb = Package::read(&opf(&"A gripping tale. ".repeat(20)));
        assert_eq!(blurb.meta.subtitle, None);
        let markup = Package::read(&opf("&lt;p&gt;A gripping tale.&lt;/p&gt;"));
        assert_eq!(markup.meta.subtitle, None);
    }

    #[test]
    fn a_book_date_is_a_day_or_a_year() {
        assert_eq!(book_date("1851").as_deref(), Some("1851"));
        assert_eq!(book_date("1851-10").as_deref(), Some("1851"));
        assert_eq!(book_date("2016-05-20").as_deref(), Some("2016-05-20"));
        assert_eq!(
            book_date("2016-05-20T00:00:00Z").as_deref(),
            Some("2016-05-20T00:00:00Z")
        );
        assert_eq!(book_date("unknown"), None);
    }
}
