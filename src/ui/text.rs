//! The text pane: only the visible rows, each drawn from the core's layout.

use super::theme::Theme;
use crate::app::State;
use crate::app::panes::{Focus, text_area};
use crate::app::state::{Mark, marks_in};
use crate::core::layout::{Extra, Item, Justify, Line as LayoutLine, Part, Row, prefix};
use crate::core::model::BlockKind;
use crate::core::text::byte_offset;
use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

pub struct TextPane<'a> {
    pub state: &'a State,
    pub theme: Theme,
}

impl Widget for &TextPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let theme = self.theme;
        let focused = state.focus == Focus::Text;
        // Cut with an ellipsis, so a cut title does not read as a whole one;
        // the border's corners and a space each side take four columns.
        let title = super::shorten_to(
            state.article().meta.display_title(),
            usize::from(area.width.saturating_sub(4)),
        );
        Block::new()
            .borders(Borders::ALL)
            .border_style(theme.border(focused))
            .title(Line::from(format!(" {title} ")).style(theme.border(focused)))
            .render(area, buf);

        let text = text_area(area, state.settings.max_width);
        // The terms of the blocks on screen, found once per frame.
        let visible = state.visible_blocks();
        let marks = marks_in(state.article(), *visible.start()..*visible.end() + 1);
        for (y, row) in state
            .reader
            .visible
            .iter()
            .enumerate()
            .take(text.height as usize)
        {
            let line = self.row_line(row, &marks);
            buf.set_line(text.x, text.y + y as u16, &line, text.width);
        }

        let count = state.reader.layout.item_count();
        if count > 1 && area.height > 2 {
            let mut scrollbar =
                ScrollbarState::new(count.saturating_sub(1)).position(state.reader.anchor.item);
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .render(area.inner(Margin::new(0, 1)), buf, &mut scrollbar);
        }
    }
}

impl TextPane<'_> {
    fn row_line(&self, row: &Row, marks: &[Mark]) -> Line<'static> {
        let state = self.state;
        let reader = &state.reader;
        let Some(line_index) = row.line else {
            return Line::default();
        };
        // Rows on screen were laid out by `update`; compute as a fallback only.
        let computed;
        let lines = match reader.layout.cached_lines(row.item) {
            Some(lines) => lines,
            None => {
                computed = reader.layout.compute(state.article(), row.item);
                &computed[..]
            }
        };
        let Some(line) = lines.get(line_index) else {
            return Line::default();
        };
        match reader.layout.item(row.item) {
            Item::Block(b) => {
                let justify_to = state.justify_width(b, lines, line_index);
                self.block_line(b, line, justify_to, marks)
            }
            other => {
                let (extra, _) = reader
                    .layout
                    .extra(other)
                    .expect("header and trailer items exist");
                let text = reader.layout.text(state.article(), row.item, Part::Text);
                let slice = &text[line.range.start as usize..line.range.end as usize];
                let style = match extra {
                    Extra::Title => self.theme.title(),
                    Extra::Subtitle => self.theme.subtitle(),
                    Extra::Byline => self.theme.byline(),
                    Extra::Notice => self.theme.notice(),
                    Extra::Paywall => self.theme.paywall(),
                };
                Line::from(Span::styled(slice.to_owned(), style))
            }
        }
    }

    /// A line of block `b`; with `justify_to`, spaces are widened so the line
    /// fills that many columns.
    fn block_line(
        &self,
        b: usize,
        line: &LayoutLine,
        justify_to: Option<usize>,
        marks: &[Mark],
    ) -> Line<'static> {
        let state = self.state;
        let theme = self.theme;
        let block = &state.article().blocks[b];
        let (base, prefix_style) = decoration(&block.kind, line, theme);
        let mut spans = vec![Span::styled(prefix(&block.kind, line), prefix_style)];
        let (start, end) = (line.range.start as usize, line.range.end as usize);
        match line.part {
            Part::Credit | Part::License => {
                let item = state.reader.layout.item_of_block(b);
                let text = state.reader.layout.text(state.article(), item, line.part);
                spans.push(Span::styled(text[start..end].to_owned(), theme.credit()));
            }
            Part::Text => {
                let text = &block.text;
                let spaces = justify_to.map(|width| Justify::new(&text[start..end], start, width));
                let piece = |a: usize, b: usize| match &spaces {
                    Some(j) => j.widen(text, a, b),
                    None => text[a..b].to_owned(),
                };
                let overlays = self.overlays(b, text, start, end, marks);
                let mut at = start;
                for (s, e, style) in overlays {
                    if s > at {
                        spans.push(Span::styled(piece(at, s), base));
                    }
                    spans.push(Span::styled(piece(s, e), base.patch(style)));
                    at = e;
                }
                if at < end {
                    spans.push(Span::styled(piece(at, end), base));
                }
            }
        }
        Line::from(spans)
    }

    /// Styled ranges inside `start..end` of block `b`: glossary marks, the
    /// highlighted sentence, search matches; later layers win, no overlaps.
    fn overlays(
        &self,
        b: usize,
        text: &str,
        start: usize,
        end: usize,
        marks: &[Mark],
    ) -> Vec<(usize, usize, Style)> {
        let state = self.state;
        let theme = self.theme;
        let reader = &state.reader;
        let mut layers: Vec<(usize, usize, Style)> = Vec::new();
        let first = marks.partition_point(|m| (m.block as usize) < b);
        for mark in marks[first..].iter().take_while(|m| m.block as usize == b) {
            let style = if reader.current_mark == Some(*mark) {
                theme.current_term()
            } else {
                theme.term()
            };
            layers.push((mark.start as usize, mark.end as usize, style));
        }
        if let Some(h) = reader.highlight.filter(|h| h.block as usize == b) {
            let (hs, he) = (
                byte_offset(text, h.start as usize),
                byte_offset(text, h.end as usize),
            );
            layers.push((hs, he, theme.highlight()));
        }
        if !state.search.finder.query().is_empty() {
            for (s, e) in state.search.finder.all(&text[start..end]) {
                layers.push((start + s, start + e, theme.search_match()));
            }
            // The current match stands out from the others (a later layer
            // wins): with every match alike, `n` to a match already on
            // screen changed nothing.
            if let Some(m) = state.search.current.filter(|m| m.block == b)
                && m.start < end
                && m.end > start
            {
                layers.push((m.start.max(start), m.end.min(end), theme.current_match()));
            }
        }
        flatten(layers, start, end)
    }
}

/// Resolves overlapping styled ranges into disjoint ones clipped to `start..end`,
/// patching later layers over earlier ones.
fn flatten(
    layers: Vec<(usize, usize, Style)>,
    start: usize,
    end: usize,
) -> Vec<(usize, usize, Style)> {
    let mut cuts: Vec<usize> = vec![start, end];
    for &(s, e, _) in &layers {
        cuts.extend([s.clamp(start, end), e.clamp(start, end)]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<(usize, usize, Style)> = Vec::new();
    for pair in cuts.windows(2) {
        let (s, e) = (pair[0], pair[1]);
        let mut style: Option<Style> = None;
        for &(ls, le, lstyle) in &layers {
            if ls <= s && e <= le {
                style = Some(style.unwrap_or_default().patch(lstyle));
            }
        }
        if let Some(style) = style {
            match out.last_mut() {
                Some(last) if last.1 == s && last.2 == style => last.1 = e,
                _ => out.push((s, e, style)),
            }
        }
    }
    out
}

/// Base style and prefix style for a line of a block.
fn decoration(kind: &BlockKind, line: &LayoutLine, theme: Theme) -> (Style, Style) {
    match (kind, line.part) {
        (BlockKind::Caption(_), Part::Credit | Part::License) => (theme.credit(), theme.credit()),
        (BlockKind::Heading { .. }, _) => (theme.heading(), theme.heading()),
        (BlockKind::Paragraph, _) => (theme.text(), Style::new()),
        (BlockKind::Caption(_), _) => (theme.caption(), theme.caption()),
        (BlockKind::Note, _) => (theme.note(), theme.note_bar()),
        (BlockKind::Quote, _) => (theme.quote(), theme.dim()),
        (BlockKind::Code, _) => (theme.code(), theme.code()),
        (BlockKind::ListItem { .. }, _) => (theme.text(), theme.dim()),
    }
}
