//! From bytes to annotated articles: binary check, lossy decoding, the
//! sanitizer, format detection, parsing, glossary and timeline.

use crate::core::glossary::{self, lexicon::Lexicon};
use crate::core::model::{Article, Format, GlossaryEntry, TimelineEvent, text_len};
use crate::core::parse;
use crate::core::sanitize::{sanitize, sanitize_bytes, sanitize_inline, sanitize_reader};
use crate::core::timeline;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

#[derive(Debug)]
pub enum LoadError {
    /// NUL bytes or mostly non-text: not an article.
    Binary,
    /// gloss JSON that does not parse.
    BadExport(String),
    /// The input could not be read to its end.
    Read(std::io::Error),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Binary => write!(f, "binary file, not an article"),
            LoadError::BadExport(e) => write!(f, "not a valid gloss export: {e}"),
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

/// True for data that is not text: a NUL byte, or mostly control bytes.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
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
    if looks_binary(bytes) {
        return Err(LoadError::Binary);
    }
    let (text, lossy) = sanitize_bytes(bytes);
    parse_text(text, lossy, source)
}

/// Like [`parse_bytes`], dropping the raw bytes as soon as they are
/// sanitized: on a large file this saves holding the input, its clean text
/// and its blocks at once.
pub fn parse_owned(bytes: Vec<u8>, source: &str) -> Result<Vec<Article>, LoadError> {
    if looks_binary(&bytes) {
        return Err(LoadError::Binary);
    }
    let (text, lossy) = sanitize_bytes(&bytes);
    drop(bytes);
    parse_text(text, lossy, source)
}

/// Like [`parse_owned`] for a stream (a large file): read, decoded and
/// sanitized a chunk at a time, so its raw bytes are never held whole.
/// `size` is the expected length.
pub fn parse_reader(
    mut reader: impl std::io::Read,
    size: usize,
    source: &str,
) -> Result<Vec<Article>, LoadError> {
    use std::io::Read;
    let mut head = Vec::with_capacity(SNIFF_LEN);
    (&mut reader)
        .take(SNIFF_LEN as u64)
        .read_to_end(&mut head)
        .map_err(LoadError::Read)?;
    if looks_binary(&head) {
        return Err(LoadError::Binary);
    }
    // A declared legacy encoding is decoded whole (such files are small).
    if crate::core::sanitize::declared_encoding(&head).is_some() {
        let mut bytes = head;
        reader.read_to_end(&mut bytes).map_err(LoadError::Read)?;
        return parse_owned(bytes, source);
    }
    let (text, lossy) = sanitize_reader(head.chain(reader), size).map_err(LoadError::Read)?;
    parse_text(text, lossy, source)
}

fn parse_text(text: String, lossy: bool, source: &str) -> Result<Vec<Article>, LoadError> {
    let format = parse::detect_format(&text, Some(source));
    let mut articles = match format {
        Format::GlossJson => from_export(&text)?,
        // A feed gives one article per item.
        _ => parse::parse_all(text, format)
            .into_iter()
            .map(|(mut meta, blocks)| {
                meta.source = Some(sanitize_inline(source));
                Article {
                    meta,
                    blocks: blocks.into(),
                    ..Article::default()
                }
            })
            .collect(),
    };
    for article in &mut articles {
        if lossy {
            article
                .meta
                .notices
                .push("invalid UTF-8 was replaced".to_owned());
        }
        if article.blocks.is_empty() {
            article
                .meta
                .notices
                .push("empty article: no text found".to_owned());
        }
    }
    Ok(articles)
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
    let published = article
        .meta
        .published
        .as_deref()
        .and_then(|d| d.get(..10)?.parse().ok());
    let blocks = &article.blocks;
    if !is_large(article) {
        return (
            glossary::build(blocks, lexicons),
            timeline::build(blocks, published),
        );
    }
    // The two are independent and about equally costly: on two cores a
    // large document is annotated in about half the time.
    let (glossary, timeline) = std::thread::scope(|scope| {
        let timeline = scope.spawn(|| timeline::build(blocks, published));
        let glossary = glossary::build(blocks, lexicons);
        (glossary, timeline.join())
    });
    match timeline {
        Ok(timeline) => (glossary, timeline),
        // Re-raise a panic of the timeline thread as this thread's own.
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Whether an article is large enough that annotating it on other threads,
/// beside other work, saves more than starting them costs.
pub fn is_large(article: &Article) -> bool {
    text_len(&article.blocks) >= PARALLEL_ANNOTATION
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
