//! Synthetic long documents for benchmarks: the bundled sample articles
//! repeated, as one pasted post, Markdown or HTML of a requested size.

use crate::cli::sources::BUNDLED;
use crate::core::load::parse_bytes;
use crate::core::model::BlockKind;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SynthFormat {
    Text,
    Markdown,
    Html,
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
    }
    let mut part = 0;
    while out.len() < bytes {
        part += 1;
        let article = &articles[part % articles.len()];
        let heading = format!(
            "Part {part}: {}",
            article.meta.title.as_deref().unwrap_or("More")
        );
        push_block(&mut out, format, &BlockKind::Heading { level: 2 }, &heading);
        for block in article.blocks.iter() {
            push_block(&mut out, format, &block.kind, &block.text);
        }
    }
    if format == SynthFormat::Html {
        out.push_str("</article></body></html>\n");
    }
    out
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
