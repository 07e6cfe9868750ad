//! Synthetic long documents for benchmarks: the bundled sample articles
//! repeated, as one pasted post, Markdown, HTML or an RSS feed (an item
//! per repetition) of a requested size.

use crate::cli::sources::BUNDLED;
use crate::core::load::parse_bytes;
use crate::core::model::BlockKind;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SynthFormat {
    Text,
    Markdown,
    Html,
    /// RSS 2.0, each repetition an item whose description is escaped HTML.
    Feed,
}

/// A document of at least `bytes` bytes (and at most one article more).
pub fn generate(bytes: usize, format: SynthFormat) -> String {
    let articles: Vec<_> = BUNDLED
        .iter()
        .map(|(name, text)| {
            parse_bytes(text.as_bytes(), name)
                .expect("bundled samples parse")
                .remove(0)
        })
        .collect();
    let mut out = String::with_capacity(bytes + 64 * 1024);
    let first = &articles[0].meta;
    let title = first.title.as_deref().unwrap_or("Untitled");
    match format {
        SynthFormat::Text => {
            let publication = first.publication.as_deref().unwrap_or("Sample Weekly");
            let author = first.author.as_deref().unwrap_or("A. Writer");
            let _ = write!(
                out,
                "{publication}\n\n{publication}\n\n{title}\n\nA long read\n\n{author}'s avatar\n{author}\nAug 27, 2025\n∙ Paid\n12\n3\n4\nShare\n\n"
            );
        }
        SynthFormat::Markdown => {
            let _ = write!(out, "---\ntitle: {title}\ndate: 2025-08-27\n---\n\n");
        }
        SynthFormat::Html => {
            let _ = writeln!(
                out,
                "<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            );
        }
        SynthFormat::Feed => {
            let publication = first.publication.as_deref().unwrap_or("Sample Weekly");
            let _ = writeln!(
                out,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\
                 <title>{}</title><link>https://example.org</link><description>News</description>",
                escape(publication)
            );
        }
    }
    let mut part = 0;
    while out.len() < bytes {
        part += 1;
        let article = &articles[part % articles.len()];
        let heading = format!(
            "Part {part}: {}",
            article.meta.title.as_deref().unwrap_or("More")
        );
        if format == SynthFormat::Feed {
            let _ = write!(
                out,
                "<item><title>{}</title><link>https://example.org/p/{part}</link>\
                 <guid>https://example.org/p/{part}</guid>\
                 <pubDate>Wed, 27 Aug 2025 07:00:00 GMT</pubDate><description>",
                escape(&heading)
            );
        } else {
            push_block(&mut out, format, &BlockKind::Heading { level: 2 }, &heading);
        }
        for block in article.blocks.iter() {
            push_block(&mut out, format, &block.kind, &block.text);
        }
        if format == SynthFormat::Feed {
            out.push_str("</description></item>\n");
        }
    }
    match format {
        SynthFormat::Html => out.push_str("</article></body></html>\n"),
        SynthFormat::Feed => out.push_str("</channel></rss>\n"),
        SynthFormat::Text | SynthFormat::Markdown => {}
    }
    out
}

/// An EPUB book of at least `bytes` bytes of XHTML: the HTML document of
/// that size, a chapter per part. Stored uncompressed, so the file is as
/// large as its text (a test of a large book needs a large file).
pub fn generate_book(bytes: usize) -> Vec<u8> {
    let html = generate(bytes, SynthFormat::Html);
    let body = html
        .split_once("</h1>")
        .map_or(html.as_str(), |(_, rest)| rest)
        .trim_end_matches("</article></body></html>\n");
    let mut files = vec![(
        "META-INF/container.xml".to_owned(),
        CONTAINER.as_bytes().to_vec(),
    )];
    let (mut manifest, mut spine) = (String::new(), String::new());
    // A chapter per part, whose own headings stay inside it.
    for (n, part) in body
        .split("<h2>Part ")
        .filter(|p| !p.trim().is_empty())
        .enumerate()
    {
        let _ = write!(
            manifest,
            "<item id=\"c{n}\" href=\"c{n}.xhtml\" media-type=\"application/xhtml+xml\"/>"
        );
        let _ = write!(spine, "<itemref idref=\"c{n}\"/>");
        let chapter = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">\
             <head><title>{n}</title></head><body><h2>Part {part}</body></html>\n"
        );
        files.push((format!("OEBPS/c{n}.xhtml"), chapter.into_bytes()));
    }
    let package = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\">\
         <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>A Long Book</dc:title>\
         <dc:creator>A. Writer</dc:creator><dc:date>2025-08-27</dc:date></metadata>\
         <manifest>{manifest}</manifest><spine>{spine}</spine></package>\n"
    );
    files.push(("OEBPS/content.opf".to_owned(), package.into_bytes()));
    zip_book(&files, false)
}

/// `META-INF/container.xml` naming `OEBPS/content.opf`.
const CONTAINER: &str = "<?xml version=\"1.0\"?>\n<container version=\"1.0\" \
     xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles>\
     <rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>\
     </rootfiles></container>\n";

/// An EPUB's files (path, bytes) zipped after the `mimetype` entry the
/// format puts first and stores uncompressed; the others deflated or not.
pub fn zip_book(files: &[(String, Vec<u8>)], deflated: bool) -> Vec<u8> {
    use std::io::Write as _;
    use zip::write::SimpleFileOptions;
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let rest = if deflated {
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)
    } else {
        stored
    };
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut add = |name: &str, bytes: &[u8], options| {
        zip.start_file(name, options).expect("a zip in memory");
        zip.write_all(bytes).expect("a zip in memory");
    };
    add("mimetype", b"application/epub+zip", stored);
    for (name, bytes) in files.iter().filter(|(name, _)| name != "mimetype") {
        add(name, bytes, rest);
    }
    zip.finish().expect("a zip in memory").into_inner()
}

fn push_block(out: &mut String, format: SynthFormat, kind: &BlockKind, text: &str) {
    let _ = match (format, kind) {
        (SynthFormat::Text, _) => write!(out, "{text}\n\n"),
        (SynthFormat::Markdown, BlockKind::Heading { .. }) => write!(out, "## {text}\n\n"),
        (SynthFormat::Markdown, BlockKind::ListItem { .. }) => write!(out, "- {text}\n\n"),
        (SynthFormat::Markdown, BlockKind::Quote) => write!(out, "> {text}\n\n"),
        (SynthFormat::Markdown, _) => write!(out, "{text}\n\n"),
        (SynthFormat::Html, BlockKind::Heading { .. }) => {
            writeln!(out, "<h2>{}</h2>", escape(text))
        }
        (SynthFormat::Html, _) => writeln!(out, "<p>{}</p>", escape(text)),
        // HTML within XML text: escaped twice.
        (SynthFormat::Feed, _) => write!(out, "{}", escape(&format!("<p>{}</p>", escape(text)))),
    };
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_feed_reads_as_one_article_per_part() {
        let feed = generate(100_000, SynthFormat::Feed);
        assert!(feed.len() >= 100_000);
        let items = parse_bytes(feed.as_bytes(), "synth.xml").unwrap();
        let parts = feed.matches("<item>").count();
        assert!(parts > 10);
        assert_eq!(items.len(), parts);
        assert!(items.iter().all(|item| {
            item.meta.format == crate::core::model::Format::Feed
                && item
                    .meta
                    .title
                    .as_deref()
                    .is_some_and(|t| t.starts_with("Part "))
                && item.blocks.len() > 3
        }));
    }

    #[test]
    fn a_generated_book_reads_as_one_article_a_chapter_per_part() {
        let book = generate_book(300_000);
        assert!(book.len() >= 300_000);
        let article = parse_bytes(&book, "synth.epub").unwrap().remove(0);
        assert_eq!(article.meta.format, crate::core::model::Format::Epub);
        assert_eq!(article.meta.title.as_deref(), Some("A Long Book"));
        let parts = article
            .blocks
            .iter()
            .filter(|b| b.kind.is_heading() && b.text.starts_with("Part "))
            .count();
        assert!(parts > 10, "{parts}");
    }

    #[test]
    fn reaches_the_requested_size_and_parses() {
        let doc = generate(200_000, SynthFormat::Text);
        assert!(doc.len() >= 200_000);
        let article = parse_bytes(doc.as_bytes(), "synth").unwrap().remove(0);
        assert_eq!(article.meta.published.as_deref(), Some("2025-08-27"));
        assert!(
            article
                .blocks
                .iter()
                .filter(|b| b.kind.is_heading())
                .count()
                > 5
        );
    }
}
