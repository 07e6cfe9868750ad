//! Parsers, one per input format, all producing [`Meta`] plus [`Block`]s from
//! already-sanitized text.

pub mod dateline;
pub mod plain;
pub mod rules;

use crate::core::model::{Block, Format, Meta};

/// Guesses the format from the content; the file name is only a tie-breaker.
pub fn detect_format(text: &str, name: Option<&str>) -> Format {
    let head = text.trim_start();
    if head.starts_with('{') && head.contains("\"articles\"") && head.contains("\"blocks\"") {
        return Format::GlossJson;
    }
    let _ = name;
    Format::PlainText
}

/// Parses sanitized text of a known format into metadata and blocks.
pub fn parse(text: &str, format: Format) -> (Meta, Vec<Block>) {
    // Markdown, HTML and feeds get their own parsers; until then, plain text.
    let (mut meta, blocks) = plain::parse(text);
    meta.format = format;
    (meta, blocks)
}
