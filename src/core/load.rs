//! From bytes to annotated articles: binary check, lossy decoding, the
//! sanitizer, format detection, parsing, glossary and timeline.

use crate::core::glossary::{self, lexicon::Lexicon};
use crate::core::model::{Article, Format, GlossaryEntry, TimelineEvent};
use crate::core::parse;
use crate::core::sanitize::{Decoding, sanitize, sanitize_bytes, sanitize_inline};
use crate::core::timeline;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

#[derive(Debug)]
pub enum LoadError {
    /// NUL bytes or mostly non-text: not an article; what it is, when its
    /// first bytes tell a kind of document ([`binary_kind`]).
    Binary(Option<&'static str>),
    /// gloss JSON that does not parse.
    BadExport(String),
    /// An EPUB whose archive or package cannot be read.
    BadBook(String),
    /// The input could not be read to its end.
    Read(std::io::Error),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Binary(None) => write!(f, "binary file, not an article"),
            LoadError::Binary(Some(kind)) => write!(f, "binary file ({kind}), not an article"),
            LoadError::BadExport(e) => write!(f, "not a valid gloss export: {e}"),
            LoadError::BadBook(e) => write!(f, "not a readable EPUB book: {e}"),
            LoadError::Read(e) => write!(f, "cannot read: {e}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// The shape of `gloss export`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Export {
    pub articles: Vec<Article>,
}

/// How much of the start of a file is inspected to tell text from binary.
const SNIFF_LEN: usize = 8192;

/// What a binary file is, for the documents people try to read that gloss
/// cannot: told by their first bytes, with what to do instead.
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("a PDF")
    } else if bytes.starts_with(b"bplist00") {
        Some("a Safari web archive; save the page as Page Source instead")
    } else if bytes.starts_with(b"PK\x03\x04") {
        // An EPUB is a zip too, but is read (`parse::epub`) before this.
        Some("a zip archive")
    } else {
        None
    }
}

/// True for data that is not text: a NUL byte, or mostly control bytes
/// (UTF-16, which has NULs, is text).
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if crate::core::sanitize::utf16_encoding(head).is_some() {
        return false;
    }
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    !head.is_empty() && control * 10 > head.len()
}

/// Reads articles from raw bytes, without glossary or timeline.
pub fn parse_bytes(bytes: &[u8], source: &str) -> Result<Vec<Article>, LoadError> {
    if is_book(bytes, source) {
        return parse_book(bytes, source);
    }
    if looks_binary(bytes) {
        return Err(LoadError::Binary(binary_kind(bytes)));
    }
    let (text, decoding) = sanitize_bytes(bytes);
    parse_text(text, decoding, source)
}

/// Like [`parse_bytes`], dropping the raw bytes as soon as they are
/// sanitized: on a large file this saves holding the input, its clean text
/// and its blocks at once.
pub fn parse_owned(bytes: Vec<u8>, source: &str) -> Result<Vec<Article>, LoadError> {
    if is_book(&bytes, source) {
        return parse_book(&bytes, source);
    }
    if looks_binary(&bytes) {
        return Err(LoadError::Binary(binary_kind(&bytes)));
    }
    let (text, decoding) = sanitize_bytes(&bytes);
    drop(bytes);
    parse_text(text, decoding, source)
}

/// Like [`parse_owned`] for a stream (a large file, standard input): read,
/// decoded and sanitized a chunk at a time, so its raw bytes are never held
/// whole; nor is a page too large for a tree, which is read as plain text
/// as it comes. `size` is the expected length.
pub fn parse_reader(
    reader: impl std::io::Read,
    size: usize,
    source: &str,
) -> Result<Vec<Article>, LoadError> {
    read_stream(
        reader,
        size,
        source,
        crate::core::parse::html::MAX_BYTES,
        1 << 20,
    )
}

/// How much of a page too large for a tree is read at a time.
const PAGE_CHUNK: usize = 64 << 10;

/// [`parse_reader`], reading `chunk` bytes at a time and a page whole only
/// while its clean text is no more than `tree_max` bytes.
fn read_stream(
    mut reader: impl std::io::Read,
    size: usize,
    source: &str,
    tree_max: usize,
    chunk: usize,
) -> Result<Vec<Article>, LoadError> {
    use crate::core::sanitize::StreamSanitizer;
    use std::io::Read;
    let mut head = Vec::with_capacity(SNIFF_LEN);
    (&mut reader)
        .take(SNIFF_LEN as u64)
        .read_to_end(&mut head)
        .map_err(LoadError::Read)?;
    // A book is a zip archive, read whole: its index is at its end.
    if is_book(&head, source) {
        let mut bytes = head;
        reader.read_to_end(&mut bytes).map_err(LoadError::Read)?;
        return parse_book(&bytes, source);
    }
    if looks_binary(&head) {
        return Err(LoadError::Binary(binary_kind(&head)));
    }
    // Another encoding than UTF-8 is decoded whole (such files are small).
    if crate::core::sanitize::may_not_be_utf8(&head) {
        let mut bytes = head;
        reader.read_to_end(&mut bytes).map_err(LoadError::Read)?;
        return parse_owned(bytes, source);
    }
    let mut reader = head.as_slice().chain(reader);
    let mut stream = StreamSanitizer::default();
    let mut read = |text: &mut String, chunk: usize| {
        stream
            .read_chunk(&mut reader, chunk, text)
            .map_err(LoadError::Read)
    };
    let mut text = String::with_capacity(size);
    let mut more = read_to_tell_format(&mut text, |text| read(text, chunk))?;
    let mut page = None;
    if parse::detect_format(&text, Some(source)) == Format::Html {
        while more && text.len() <= tree_max {
            more = read(&mut text, chunk)?;
        }
        if text.len() > tree_max {
            page = Some(read_large_page(text, more, size, chunk, &mut read)?);
            text = String::new();
        }
    }
    if page.is_none() && more && size >= WRITE_AHEAD_MIN {
        text = read_rest_on_touched_pages(text, size, |piece| read(piece, chunk))?;
    } else if page.is_none() {
        while more {
            more = read(&mut text, chunk)?;
        }
    }
    match page {
        Some(page) => Ok(articles_from(
            vec![page],
            Format::Html,
            Decoding::utf8(stream.lossy()),
            source,
        )),
        None => parse_text(text, Decoding::utf8(stream.lossy()), source),
    }
}

/// From this expected size the rest of a text is read into pages another
/// core touches first ([`crate::core::parallel::write_on_touched_pages`]).
/// Not below: the head's reservation, freed then, would raise glibc's
/// line between heap and mapped memory up to its size (it does for
/// mappings up to 32 MB), and later allocations kept on the heap left a
/// 20 MB text's dump 4.5 MB larger, a 19 MB log of escape sequences 12 MB.
const WRITE_AHEAD_MIN: usize = 32 << 20;

/// `head` and the rest of a text (`read` appends a piece of it, false once
/// it has ended), `size` bytes or so in all, joined in memory whose pages
/// another thread touches ahead of the writer.
fn read_rest_on_touched_pages(
    head: String,
    size: usize,
    mut read: impl FnMut(&mut String) -> Result<bool, LoadError>,
) -> Result<String, LoadError> {
    let bytes = crate::core::parallel::write_on_touched_pages(size, move |write| {
        write(head.as_bytes());
        drop(head);
        let mut piece = String::new();
        let mut more = true;
        while more {
            piece.clear();
            more = read(&mut piece)?;
            write(piece.as_bytes());
        }
        Ok(())
    })?;
    // Whole strings joined.
    Ok(String::from_utf8(bytes).expect("text joined from whole strings"))
}

/// The rest of a page too large for a tree, read as plain text as it
/// comes: `pending` is its clean text so far, `more` whether the input goes
/// on, and `read` appends up to so many bytes more of it (false once it
/// has ended), here at most `chunk`.
fn read_large_page(
    mut pending: String,
    mut more: bool,
    size: usize,
    chunk: usize,
    mut read: impl FnMut(&mut String, usize) -> Result<bool, LoadError>,
) -> Result<(crate::core::model::Meta, Vec<crate::core::model::Block>), LoadError> {
    let mut page = crate::core::parse::html::PageAsText::with_capacity(size);
    // What the last push left: pushed again only once the text has doubled,
    // so a script of many megabytes is not scanned over and over.
    let mut left = 0;
    loop {
        if !more || pending.len() >= 2 * left {
            let used = page.push(&pending, !more);
            pending.drain(..used);
            // The head, read whole up to the tree's limit, is not kept as room.
            if pending.capacity() > 4 * PAGE_CHUNK.max(pending.len()) {
                pending.shrink_to_fit();
            }
            left = pending.len();
        }
        if !more {
            return Ok(page.finish());
        }
        // Small reads: each one's text is held three times over (read, its
        // markup's text, clean), 3.6 MB more in reads of 1 MB.
        more = read(&mut pending, chunk.min(PAGE_CHUNK))?;
    }
}

/// Like [`parse_reader`] for a file, which can be read twice: a large
/// Markdown file is parsed a piece at a time as it is read, so its text is
/// never held whole beside its blocks (100 MB of Markdown peaked at 250 MB
/// parsed whole).
pub fn parse_file(
    mut file: std::fs::File,
    size: usize,
    source: &str,
) -> Result<Vec<Article>, LoadError> {
    use std::io::{Read, Seek};
    // A book is read from the file where its entries lie, not streamed.
    let mut magic = Vec::with_capacity(64);
    (&mut file)
        .take(64)
        .read_to_end(&mut magic)
        .map_err(LoadError::Read)?;
    file.rewind().map_err(LoadError::Read)?;
    if is_book(&magic, source) {
        // Buffered: the archive's index is read a field at a time.
        let file = std::io::BufReader::new(file);
        return parse_book_beginning(file, source, usize::MAX).map(|(book, _)| vec![book]);
    }
    if size >= PIECEWISE_MARKDOWN
        && let Some(article) = parse_in_pieces(&mut file, source, MARKDOWN_PIECE)?
    {
        return Ok(vec![article]);
    }
    file.rewind().map_err(LoadError::Read)?;
    parse_reader(file, size, source)
}

/// Markdown files from this size are parsed a piece at a time.
const PIECEWISE_MARKDOWN: usize = 8 << 20;
/// About how much text a piece holds. Small pieces come and go inside the
/// heap: pieces of 4 MB, each allocated and freed on its own, left the
/// reader of 100 MB holding 9 MB more that the allocator did not give back.
const MARKDOWN_PIECE: usize = 64 << 10;

/// How many pieces' block text a Markdown document read in pieces moves
/// into one buffer ([`crate::core::parse::markdown::PieceParser::share_texts`]):
/// 1 MB, large enough to be a mapping of its own, outside the heap. Shared
/// every piece, the buffers and the strings freed between them left the
/// dump of 100 MB 5 MB larger instead of smaller.
const SHARED_PIECES: usize = 16;

/// A large file parsed as it is read, when its format allows: Markdown that
/// can be cut ([`parse_markdown_in_pieces`]). None leaves it to
/// [`parse_reader`].
fn parse_in_pieces(
    file: &mut std::fs::File,
    source: &str,
    piece: usize,
) -> Result<Option<Article>, LoadError> {
    // Read a piece at a time at most (a test's pieces are small).
    let chunk = piece.clamp(1, 1 << 20);
    let Some(head) = read_head(file, source, chunk)? else {
        return Ok(None);
    };
    match head.format {
        Format::Markdown => parse_markdown_in_pieces(file, head, source, chunk, piece),
        _ => Ok(None),
    }
}

/// The clean text of a file's start, read a chunk at a time until its
/// format can be told as it would be from the whole text.
struct Head {
    format: Format,
    stream: crate::core::sanitize::StreamSanitizer,
    text: String,
    /// Whether the file goes on after `text`.
    more: bool,
}

/// [`Head`] of a file; None for one that is binary or declares a legacy
/// encoding (such files are read whole).
fn read_head(
    file: &mut std::fs::File,
    source: &str,
    chunk: usize,
) -> Result<Option<Head>, LoadError> {
    use std::io::{Read, Seek};
    let mut sniffed = Vec::with_capacity(SNIFF_LEN);
    (&mut *file)
        .take(SNIFF_LEN as u64)
        .read_to_end(&mut sniffed)
        .map_err(LoadError::Read)?;
    if looks_binary(&sniffed) || crate::core::sanitize::may_not_be_utf8(&sniffed) {
        return Ok(None);
    }
    file.rewind().map_err(LoadError::Read)?;
    let mut stream = crate::core::sanitize::StreamSanitizer::default();
    let mut text = String::new();
    let more = read_to_tell_format(&mut text, |text| {
        stream
            .read_chunk(&mut *file, chunk, text)
            .map_err(LoadError::Read)
    })?;
    Ok(Some(Head {
        format: parse::detect_format(&text, Some(source)),
        stream,
        text,
        more,
    }))
}

/// Appends clean text to `text` with `read` (false once the input has
/// ended) until there is enough of it to tell the format as from the whole
/// text; returns whether the input goes on.
fn read_to_tell_format(
    text: &mut String,
    mut read: impl FnMut(&mut String) -> Result<bool, LoadError>,
) -> Result<bool, LoadError> {
    let mut more = true;
    while more && text.trim_start().len() < 2 * parse::DETECT_LEN {
        more = read(text)?;
    }
    Ok(more)
}

/// A Markdown file parsed in pieces, read a second time after `head`: None
/// when it holds a link reference definition (a link before a cut could not
/// see one after it).
fn parse_markdown_in_pieces(
    file: &mut std::fs::File,
    head: Head,
    source: &str,
    chunk: usize,
    piece: usize,
) -> Result<Option<Article>, LoadError> {
    use crate::core::parse::markdown::PieceParser;
    use std::io::Seek;
    let Head {
        mut stream,
        mut text,
        mut more,
        ..
    } = head;
    // A first pass for reference definitions ("[1]: https://…"), on the
    // clean text as the parser would see it.
    let mut seen = text.contains("]:");
    while more && !seen {
        let bracket = text.ends_with(']');
        text.clear();
        more = stream
            .read_chunk(file, chunk, &mut text)
            .map_err(LoadError::Read)?;
        seen = text.contains("]:") || (bracket && text.starts_with(':'));
    }
    if seen {
        return Ok(None);
    }
    file.rewind().map_err(LoadError::Read)?;
    // The text is read and cut on a thread of its own while the pieces are
    // parsed here: finding the cuts is a parse of its own.
    let (send, pieces) = std::sync::mpsc::sync_channel::<String>(1);
    let (parsed, lossy) = crate::core::parallel::both(
        || {
            let mut parser = PieceParser::default();
            let mut unshared = 0;
            for text in pieces {
                parser.push(&text);
                unshared += text.len();
                if unshared >= SHARED_PIECES * piece {
                    parser.share_texts();
                    unshared = 0;
                }
            }
            parser.share_texts();
            parser.finish()
        },
        move || cut_markdown(file, chunk, piece, send),
    );
    let lossy = lossy.map_err(LoadError::Read)?;
    let mut articles = articles_from(
        vec![parsed],
        Format::Markdown,
        Decoding::utf8(lossy),
        source,
    );
    Ok(articles.pop())
}

/// Reads and sanitizes a Markdown file a chunk at a time and sends it on in
/// pieces cut before headings ([`crate::core::parse::markdown::last_heading_cut`]), the last piece
/// reaching the end. Returns whether bytes had to be replaced.
fn cut_markdown(
    file: &mut std::fs::File,
    chunk: usize,
    piece: usize,
    send: std::sync::mpsc::SyncSender<String>,
) -> std::io::Result<bool> {
    use crate::core::parse::markdown::{last_heading_cut, opens_front_matter, split_front_matter};
    use crate::core::sanitize::StreamSanitizer;
    let mut stream = StreamSanitizer::default();
    let mut pending = String::new();
    let mut cut_before = false;
    // Where a cut was last looked for and not found: looked for again only
    // once the text has doubled, so a document without headings is not
    // parsed over and over.
    let mut tried_at = 0;
    while stream.read_chunk(file, chunk, &mut pending)? {
        if pending.len() < piece.max(2 * tried_at) {
            continue;
        }
        let lines_end = pending.rfind('\n').map_or(0, |at| at + 1);
        // The cuts are found in the Markdown the parser reads: after any
        // front matter, which is not Markdown (its lines could open an HTML
        // block that the body never sees).
        let body = if cut_before {
            0
        } else {
            match split_front_matter(&pending) {
                Some((_, body)) => pending.len() - body.len(),
                // Not closed yet: wait for more.
                None if opens_front_matter(&pending) => {
                    tried_at = pending.len();
                    continue;
                }
                None => 0,
            }
        };
        let found = pending.get(body..lines_end).and_then(last_heading_cut);
        match found.map(|at| body + at) {
            Some(cut) => {
                let rest = pending.split_off(cut);
                if send.send(std::mem::replace(&mut pending, rest)).is_err() {
                    // The parser is gone (it panicked): nothing more to do.
                    return Ok(stream.lossy());
                }
                cut_before = true;
                tried_at = 0;
            }
            None => tried_at = pending.len(),
        }
    }
    send.send(pending).ok();
    Ok(stream.lossy())
}

/// Whether these bytes (a file's whole or its beginning) are an EPUB book.
pub fn is_book(bytes: &[u8], source: &str) -> bool {
    parse::epub::is_epub(bytes, Some(source))
}

/// An EPUB book: one article, its chapters in reading order.
fn parse_book(bytes: &[u8], source: &str) -> Result<Vec<Article>, LoadError> {
    parse_book_beginning(std::io::Cursor::new(bytes), source, usize::MAX)
        .map(|(book, _)| vec![book])
}

/// A book's chapters up to the one that brings its text to `text_len`
/// bytes (all of them with `usize::MAX`), and whether that was the whole
/// book. From a file, only the archive's index and the chapters read are
/// read: a 64 MB book showed its first screen in 116 ms read whole first.
pub fn parse_book_beginning(
    archive: impl std::io::Read + std::io::Seek,
    source: &str,
    text_len: usize,
) -> Result<(Article, bool), LoadError> {
    let (meta, blocks, whole) =
        parse::epub::parse_beginning(archive, text_len).map_err(LoadError::BadBook)?;
    let mut articles = articles_from(
        vec![(meta, blocks)],
        Format::Epub,
        Decoding::utf8(false),
        source,
    );
    Ok((articles.remove(0), whole))
}

fn parse_text(text: String, decoding: Decoding, source: &str) -> Result<Vec<Article>, LoadError> {
    let format = parse::detect_format(&text, Some(source));
    Ok(match format {
        Format::GlossJson => with_notices(from_export(&text)?, decoding),
        // A feed gives one article per item.
        _ => articles_from(parse::parse_all(text, format), format, decoding, source),
    })
}

/// Articles made of what a parser gave.
fn articles_from(
    parsed: Vec<(crate::core::model::Meta, Vec<crate::core::model::Block>)>,
    format: Format,
    decoding: Decoding,
    source: &str,
) -> Vec<Article> {
    let articles = parsed
        .into_iter()
        .map(|(mut meta, blocks)| {
            meta.format = format;
            meta.source = Some(sanitize_inline(source));
            Article {
                meta,
                blocks: blocks.into(),
                ..Article::default()
            }
        })
        .collect();
    with_notices(articles, decoding)
}

/// Articles with the notices their reading calls for: a guessed encoding,
/// replaced bytes, no text.
fn with_notices(mut articles: Vec<Article>, decoding: Decoding) -> Vec<Article> {
    let guessed = decoding
        .encoding
        .filter(|found| found.guessed)
        .map(|found| format!("not UTF-8: read as {} (a guess)", found.encoding.name()));
    let replaced = decoding.replaced.then(|| {
        let name = decoding
            .encoding
            .map_or("UTF-8", |found| found.encoding.name());
        format!("invalid {name} was replaced")
    });
    for article in &mut articles {
        article
            .meta
            .notices
            .extend(guessed.iter().chain(&replaced).cloned());
        if article.blocks.is_empty() {
            article
                .meta
                .notices
                .push("empty article: no text found".to_owned());
        }
    }
    articles
}

/// Adds the glossary and timeline to a parsed article.
pub fn annotate(article: &mut Article, lexicons: &[&Lexicon]) {
    let (glossary, timeline) = annotations(article, lexicons);
    article.glossary = glossary;
    article.timeline = timeline;
}

/// The glossary and timeline of a parsed article, built from its text alone:
/// a caller may show the text while they are made.
pub fn annotations(
    article: &Article,
    lexicons: &[&Lexicon],
) -> (Vec<GlossaryEntry>, Vec<TimelineEvent>) {
    let blocks = &article.blocks;
    if !is_large(article) {
        return (glossary::build(blocks, lexicons), timeline_of(article));
    }
    // The two are independent and about equally costly: on two cores a
    // large document is annotated in about half the time.
    crate::core::parallel::both(
        || glossary::build(blocks, lexicons),
        || timeline_of(article),
    )
}

/// The timeline of a parsed article, dated from its publication day.
pub fn timeline_of(article: &Article) -> Vec<TimelineEvent> {
    let published = article
        .meta
        .published
        .as_deref()
        .and_then(|d| d.get(..10)?.parse().ok());
    timeline::build(&article.blocks, published)
}

/// Whether an article is large enough that annotating it on other threads,
/// beside other work, saves more than starting them costs.
pub fn is_large(article: &Article) -> bool {
    // Counted only up to the threshold: a command asks this more than once
    // of each article, and the whole count of 100 MB read every block.
    let mut len = 0;
    article.blocks.iter().any(|block| {
        len += block.text.len();
        len >= PARALLEL_ANNOTATION
    })
}

/// Text size from which the glossary and timeline are built on two threads;
/// below it a thread costs more than it saves.
const PARALLEL_ANNOTATION: usize = 256 * 1024;

/// Reads and annotates, as the command line and the reader need it.
pub fn load_bytes(
    bytes: &[u8],
    source: &str,
    lexicons: &[&Lexicon],
) -> Result<Vec<Article>, LoadError> {
    let mut articles = parse_bytes(bytes, source)?;
    for article in &mut articles {
        annotate(article, lexicons);
    }
    Ok(articles)
}

/// gloss's own export: untrusted like any input, so every string is sanitized
/// again after JSON unescaping (`\u001b` would otherwise come back as ESC).
fn from_export(text: &str) -> Result<Vec<Article>, LoadError> {
    let export: Export =
        serde_json::from_str(text).map_err(|e| LoadError::BadExport(e.to_string()))?;
    Ok(export.articles.into_iter().map(resanitize).collect())
}

fn resanitize(mut a: Article) -> Article {
    let m = &mut a.meta;
    for field in [
        &mut m.publication,
        &mut m.title,
        &mut m.subtitle,
        &mut m.author,
        &mut m.published,
        &mut m.source,
        &mut m.url,
        &mut m.section,
    ]
    .into_iter()
    .flatten()
    {
        *field = sanitize_inline(field);
    }
    m.notices = m.notices.iter().map(|n| sanitize_inline(n)).collect();
    for link in &mut m.links {
        link.text = sanitize_inline(&link.text);
        link.url = sanitize_inline(&link.url);
    }
    // Freshly deserialized: the blocks are not shared yet, so this does not copy.
    for (i, block) in Arc::make_mut(&mut a.blocks).iter_mut().enumerate() {
        block.id = i as u32;
        block.text = sanitize(&block.text).into();
        if let crate::core::model::BlockKind::Caption(a) = &mut block.kind {
            for field in [&mut a.credit, &mut a.license].into_iter().flatten() {
                *field = sanitize_inline(field);
            }
        }
    }
    // Derived data is rebuilt from the text, never trusted from the file.
    a.glossary.clear();
    a.timeline.clear();
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` in a file of its own, named `name`, in the system's temporary
    /// folder.
    fn file_holding(text: impl AsRef<[u8]>, name: &str) -> std::path::PathBuf {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("gloss-{}-{n}-{name}", std::process::id()));
        std::fs::write(&path, text).expect("the temporary folder is writable");
        path
    }

    fn in_pieces(text: &str, name: &str, piece: usize) -> Option<Article> {
        let path = file_holding(text, name);
        let mut file = std::fs::File::open(&path).expect("just written");
        let article = parse_in_pieces(&mut file, name, piece).expect("reads");
        std::fs::remove_file(path).ok();
        article
    }

    /// Markdown where a cut in the wrong place would show: headings in code,
    /// in an HTML comment and in front matter, lists and quotes running up
    /// to headings, setext headings, a table, a title heading.
    const TRICKY: &str = "---\ntitle: Cables\n\n# a YAML comment\n---\n\n\
        # Cables\n\nIntro with *emphasis* and a [link](https://example.org/a).\n\n\
        ## One\n\n- item one\n- item two\n\n  continued\n## Two\n\n> quoted\n> more\n\n\
        # Three\n\n```\ncode\n\n# not a heading\n```\n\n## Four\n\n<!--\n\n# hidden\n\n-->\n\n\
        Setext\n======\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n### Five\n\n~~~~\n~~~\n\n# still code\n~~~~\n\
        \n## Six\n\n1. first\n\n   # in the item\n\n2. second\n\n# Seven\n\nLast words.\n";

    #[test]
    fn markdown_read_in_pieces_reads_as_read_whole() {
        let note = include_str!("../../tests/fixtures/formats/note.md");
        let readme = include_str!("../../assets/articles/README.md");
        let no_front = TRICKY.split_once("---\n\n").expect("front matter").1;
        // Front matter that would open an HTML block if it were Markdown:
        // the body's "</pre>" opens one of its own, holding the headings.
        let pre = format!(
            "---\n<pre>\n---\n# Heading\n</pre>\n{}",
            "# Heading\n".repeat(12)
        );
        for text in [TRICKY, no_front, &pre, note, readme] {
            let whole = parse_bytes(text.as_bytes(), "doc.md")
                .expect("parses")
                .remove(0);
            for piece in [1, 2, 5, 17, 64, 300, 1 << 20] {
                let pieces = in_pieces(text, "doc.md", piece).expect("Markdown that can be cut");
                assert_eq!(pieces, whole, "in pieces of {piece}: {text:?}");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// Any mix of Markdown's block openers and closers reads the same in
        /// pieces as whole.
        #[test]
        fn any_markdown_reads_the_same_in_pieces(
            lines in proptest::collection::vec(
                proptest::sample::select(&[
                    "# Heading\n", "## Part\n", "text *em* here\n", "\n", "\n", "```\n", "~~~\n",
                    "- item\n", "  indented\n", "    code\n", "> quote\n", "> # quoted\n",
                    "<!--\n", "-->\n", "<div>\n", "</div>\n", "<pre>\n", "</pre>\n", "| a | b |\n",
                    "|---|---|\n", "===\n", "---\n", "1. one\n", "Title: x\n", "#not heading\n",
                    "<script>\n", "</script>\n", "<?x\n", "?>\n", "<![CDATA[\n", "]]>\n",
                    "   # spaced\n", "#\n", "####### seven\n", "* * *\n", "+ plus\n", "> > deep\n",
                    "> [!NOTE]\n", "text\\\n", "<details>\n", "````\n", "   ```\n", "\t# tab\n",
                ][..]),
                0..40,
            ),
            piece in 1usize..40,
        ) {
            let text = lines.concat();
            let whole = parse_bytes(text.as_bytes(), "doc.md").expect("parses").remove(0);
            let pieces = in_pieces(&text, "doc.md", piece).expect("Markdown without definitions");
            proptest::prop_assert_eq!(pieces, whole, "{:?}", text);
        }
    }

    #[test]
    fn a_link_reference_definition_keeps_the_document_whole() {
        let text = "# Notes\n\nSee [the report][1].\n\n## Later\n\n[1]: https://example.org/r\n";
        assert_eq!(in_pieces(text, "doc.md", 8), None);
        // Even one the sanitizer makes, by dropping an invisible character.
        let hidden = text.replace("]:", "]\u{200b}:");
        assert_eq!(in_pieces(&hidden, "doc.md", 8), None);
    }

    #[test]
    fn a_text_read_onto_touched_pages_reads_as_read_whole() {
        // Tabs widen the text past the size the reader expects, CRLF and
        // invalid UTF-8 narrow it, and chunks cut characters.
        let mut bytes = b"Convoys\r\n\r\nThe first left\ton 3 May 2023.\r\n".to_vec();
        // Long enough to go on past the head read to tell the format.
        for i in 0..6000 {
            bytes.extend_from_slice(
                format!("\n\t\tItem {i}:\tcaf\u{e9} \u{2014} on time.\n").as_bytes(),
            );
            bytes.extend_from_slice(b"\xff\n");
        }
        assert!(bytes.len() > 2 * parse::DETECT_LEN + 10_000);
        let whole = parse_bytes(&bytes, "notes.txt").expect("parses");
        for size in [WRITE_AHEAD_MIN, bytes.len().max(WRITE_AHEAD_MIN) * 2] {
            for chunk in [1, 7, 1000, 1 << 20] {
                let read =
                    read_stream(bytes.as_slice(), size, "notes.txt", 0, chunk).expect("reads");
                assert_eq!(read, whole, "size {size}, chunks of {chunk}");
            }
        }
    }

    #[test]
    fn an_article_is_large_from_so_much_text_in_all() {
        let with_paragraphs = |lens: &[usize]| Article {
            blocks: lens
                .iter()
                .enumerate()
                .map(|(id, &len)| crate::core::model::Block {
                    id: id as u32,
                    kind: crate::core::model::BlockKind::Paragraph,
                    text: "x".repeat(len).into(),
                })
                .collect::<Vec<_>>()
                .into(),
            ..Article::default()
        };
        let half = PARALLEL_ANNOTATION / 2;
        assert!(!is_large(&with_paragraphs(&[])));
        assert!(!is_large(&with_paragraphs(&[half, half - 1])));
        assert!(is_large(&with_paragraphs(&[half, 1, half - 1])));
        assert!(is_large(&with_paragraphs(&[PARALLEL_ANNOTATION, 5])));
    }

    /// A page read by [`read_stream`] in chunks of `chunk` bytes, as a tree
    /// only up to `tree_max` bytes of clean text.
    fn streamed(bytes: &[u8], tree_max: usize, chunk: usize) -> Article {
        read_stream(bytes, bytes.len(), "page.html", tree_max, chunk)
            .expect("reads")
            .remove(0)
    }

    #[test]
    fn a_large_page_read_in_chunks_reads_as_read_whole() {
        let page = include_str!("../../tests/fixtures/formats/news-jsonld.html");
        // Invalid UTF-8, an escape sequence spelt as entities and one
        // written out, a script cut by every chunk size tried, and enough
        // paragraphs to be read past the format's sniffing.
        let cut = page
            .find("<p>Premiums")
            .expect("the fixture's fourth paragraph");
        let mut bytes = page.as_bytes()[..cut].to_vec();
        bytes.extend_from_slice(
            b"<p>\xff bad &#27;]52;c;eA==&#7; \x1b[31mred</p><script>x</script><p>Cut.</p>",
        );
        for i in 0..4_000 {
            let paragraph = format!("<p>Convoy {i} left &amp; <b>returned</b> on time.</p>\n");
            bytes.extend_from_slice(paragraph.as_bytes());
        }
        bytes.extend_from_slice(&page.as_bytes()[cut..]);
        // Whole only past the head read to tell the format.
        let past_head = 2 * parse::DETECT_LEN + 10_000;
        assert!(bytes.len() > past_head + 10_000);
        let whole = {
            let (text, lossy) = crate::core::sanitize::sanitize_bytes(&bytes);
            let mut page = crate::core::parse::html::PageAsText::default();
            page.push(&text, true);
            articles_from(vec![page.finish()], Format::Html, lossy, "page.html").remove(0)
        };
        let notice = |n: &str| whole.meta.notices.iter().any(|x| x.contains(n));
        assert!(notice("read as plain text") && notice("invalid UTF-8"));
        let inserted = whole
            .blocks
            .iter()
            .find(|b| b.text.contains("bad"))
            .expect("the paragraph added");
        assert_eq!(inserted.text.as_str(), "\u{fffd} bad red");
        for chunk in [1, 3, 64, 1000, 1 << 20] {
            for tree_max in [0, past_head] {
                assert_eq!(
                    streamed(&bytes, tree_max, chunk),
                    whole,
                    "chunks of {chunk}, tree up to {tree_max}"
                );
            }
        }
        // Small enough for a tree once clean: read as any page.
        let tree = parse_bytes(&bytes, "page.html").expect("parses").remove(0);
        assert_ne!(tree, whole);
        assert_eq!(streamed(&bytes, bytes.len(), 1000), tree);
    }

    #[test]
    fn other_formats_are_left_to_the_whole_reader() {
        let text = "Plain words.\n\nMore plain words.\n";
        assert_eq!(in_pieces(text, "doc.txt", 8), None);
        assert_eq!(
            in_pieces("<html><body><p>Hi</p></body></html>", "page.html", 8),
            None
        );
    }
}
