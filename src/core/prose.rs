//! The prose of a marked-up input (a page, a feed, a Markdown document) as
//! one text, with where each of its characters stands in the input.
//!
//! `gloss terms` and `gloss timex` report character offsets into the input
//! as given, but read its text as the reader does: markup dropped (so
//! "<b>N</b>ATO" is one word), entities decoded ("R&amp;D" is "R&D"), blocks
//! apart. A [`Prose`] is that text and the map back.

use std::ops::Range;

/// A text drawn from an input, and a map from its characters to the input's.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    text: String,
    /// Character count of `text`.
    chars: usize,
    /// In text order, each starting where the one before ends.
    pieces: Vec<Piece>,
}

/// A stretch of the text and the stretch of the input it came from.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// The text's character offset where the piece starts.
    at: usize,
    /// The input's character offset where its source starts.
    source: usize,
    /// How many characters of the input it came from.
    source_len: usize,
    /// Each character is the input's character at the same place
    /// (otherwise the piece stands for its whole source: a decoded entity,
    /// a break put for a tag).
    verbatim: bool,
}

impl Prose {
    /// The input itself: a text with no markup maps to itself.
    pub fn verbatim(input: &str) -> Prose {
        let mut prose = Prose::default();
        prose.push_verbatim(input, 0);
        prose
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Appends `text`, which the input holds as it is from character
    /// offset `source` on.
    pub fn push_verbatim(&mut self, text: &str, source: usize) {
        let len = text.chars().count();
        if len == 0 {
            return;
        }
        // One piece for a run the input holds unbroken.
        if let Some(last) = self.pieces.last_mut()
            && last.verbatim
            && last.source + last.source_len == source
        {
            last.source_len += len;
        } else {
            self.pieces.push(Piece {
                at: self.chars,
                source,
                source_len: len,
                verbatim: true,
            });
        }
        self.text.push_str(text);
        self.chars += len;
    }

    /// Appends `text` standing for the input's characters `source` as a
    /// whole: a decoded entity, or a break put where a tag was.
    pub fn push_standing_for(&mut self, text: &str, source: Range<usize>) {
        let len = text.chars().count();
        if len == 0 {
            return;
        }
        self.pieces.push(Piece {
            at: self.chars,
            source: source.start,
            source_len: source.len(),
            verbatim: false,
        });
        self.text.push_str(text);
        self.chars += len;
    }

    /// Appends another prose of the same input.
    pub fn append(&mut self, other: Prose) {
        let shift = self.chars;
        self.pieces.extend(other.pieces.into_iter().map(|p| Piece {
            at: p.at + shift,
            ..p
        }));
        self.text.push_str(&other.text);
        self.chars += other.chars;
    }

    /// Ends the block the text is in: a blank line, standing for nothing
    /// (where the last character came from), put once between two blocks
    /// and not before the first.
    pub fn push_break(&mut self) {
        if self.text.is_empty() || self.text.ends_with("\n\n") {
            return;
        }
        let end = self.pieces.last().map_or(0, |p| p.source + p.source_len);
        self.pieces.push(Piece {
            at: self.chars,
            source: end,
            source_len: 0,
            verbatim: false,
        });
        self.text.push_str("\n\n");
        self.chars += 2;
    }

    /// This prose, read from `outer`'s text, as read from `outer`'s input:
    /// the page in a feed item, escaped in its XML, is read in two steps,
    /// and its characters are placed in the feed.
    pub fn read_from(self, outer: &Prose) -> Prose {
        let mut pieces = Vec::with_capacity(self.pieces.len());
        for piece in &self.pieces {
            if !piece.verbatim {
                let source = piece.source..piece.source + piece.source_len;
                let source = outer.source_range(source);
                pieces.push(Piece {
                    at: piece.at,
                    source: source.start,
                    source_len: source.len(),
                    verbatim: false,
                });
                continue;
            }
            // A verbatim run is placed piece by piece of `outer` it spans.
            let (mut at, mut from, end) = (piece.at, piece.source, piece.source + piece.source_len);
            while from < end {
                let i = outer.pieces.partition_point(|p| p.at <= from) - 1;
                let over = outer.pieces[i];
                let over_end = outer.pieces.get(i + 1).map_or(outer.chars, |p| p.at);
                let take = end.min(over_end) - from;
                pieces.push(if over.verbatim {
                    Piece {
                        at,
                        source: over.source + (from - over.at),
                        source_len: take,
                        verbatim: true,
                    }
                } else {
                    Piece { at, ..over }
                });
                at += take;
                from += take;
            }
        }
        Prose { pieces, ..self }
    }

    /// The input's character range that the text's characters `range`
    /// came from: from where the first came from to the end of where the
    /// last did. An empty range maps to an empty range.
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.source_of(range.start).start;
        if range.is_empty() {
            return start..start;
        }
        start..self.source_of(range.end - 1).end.max(start)
    }

    /// Where the text's character `at` came from; past the end, the end of
    /// the input read.
    fn source_of(&self, at: usize) -> Range<usize> {
        let i = self.pieces.partition_point(|p| p.at <= at);
        let Some(piece) = i.checked_sub(1).map(|i| self.pieces[i]) else {
            return 0..0;
        };
        let piece_end = piece.source + piece.source_len;
        if at >= self.chars {
            return piece_end..piece_end;
        }
        if piece.verbatim {
            let source = piece.source + (at - piece.at);
            source..source + 1
        } else {
            piece.source..piece_end
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Input "a<b>c</b>&amp;d": text "ac&d".
    fn sample() -> Prose {
        let mut prose = Prose::default();
        prose.push_verbatim("a", 0);
        prose.push_verbatim("c", 4);
        prose.push_standing_for("&", 9..14);
        prose.push_verbatim("d", 14);
        prose
    }

    #[test]
    fn characters_map_to_where_the_input_has_them() {
        let prose = sample();
        assert_eq!(prose.text(), "ac&d");
        assert_eq!(prose.source_range(0..1), 0..1);
        assert_eq!(prose.source_range(1..2), 4..5);
        // A decoded entity stands for the whole reference.
        assert_eq!(prose.source_range(2..3), 9..14);
        // A range runs from its first character's source to its last's end.
        assert_eq!(prose.source_range(0..2), 0..5);
        assert_eq!(prose.source_range(1..4), 4..15);
        assert_eq!(prose.source_range(2..2), 9..9);
        assert_eq!(prose.source_range(4..4), 15..15);
    }

    /// "&lt;b&gt;N&lt;/b&gt;ATO R&amp;amp;D", read as XML and then as HTML.
    #[test]
    fn prose_read_from_prose_maps_to_the_first_input() {
        let input = "&lt;b&gt;N&lt;/b&gt;ATO R&amp;amp;D";
        let mut xml = Prose::default();
        xml.push_standing_for("<", 0..4);
        xml.push_verbatim("b", 4);
        xml.push_standing_for(">", 5..9);
        xml.push_verbatim("N", 9);
        xml.push_standing_for("<", 10..14);
        xml.push_verbatim("/b", 14);
        xml.push_standing_for(">", 16..20);
        xml.push_verbatim("ATO R", 20);
        xml.push_standing_for("&", 25..30);
        xml.push_verbatim("amp;D", 30);
        assert_eq!(xml.text(), "<b>N</b>ATO R&amp;D");
        let mut html = Prose::default();
        html.push_verbatim("N", 3);
        html.push_verbatim("ATO R", 8);
        html.push_standing_for("&", 13..18);
        html.push_verbatim("D", 18);
        let prose = html.read_from(&xml);
        assert_eq!(prose.text(), "NATO R&D");
        let chars: Vec<char> = input.chars().collect();
        let source =
            |range: Range<usize>| -> String { chars[prose.source_range(range)].iter().collect() };
        assert_eq!(source(0..4), "N&lt;/b&gt;ATO");
        assert_eq!(source(1..4), "ATO");
        assert_eq!(source(5..8), "R&amp;amp;D");
        assert_eq!(source(6..7), "&amp;amp;");
    }

    #[test]
    fn verbatim_runs_that_touch_are_one_piece() {
        let mut prose = Prose::default();
        prose.push_verbatim("Jap", 10);
        prose.push_verbatim("an’s", 13);
        assert_eq!(prose.pieces.len(), 1);
        assert_eq!(prose.source_range(3..7), 13..17);
        assert_eq!(Prose::verbatim("Tokyo").source_range(1..3), 1..3);
    }
}
