//! The glossary and timeline panes.

use super::theme::Theme;
use crate::app::State;
use crate::app::library::Scope;
use crate::app::lists::{GlossaryRow, TimelineRow, glossary_rows, shown_rows, timeline_rows};
use crate::app::panes::Focus;
use crate::core::model::{EntryKind, EntrySource, GlossaryEntry};
use crate::core::timeline::{dates::describe_event, event_label, shorten};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};
use std::borrow::Cow;

/// Draws a list inside a bordered pane, scrolled so the selected entry
/// shows. `rows` are cheap descriptions (`entry`, `R`) of the entries in
/// [`entry_window`](crate::app::lists::entry_window), from its start; only
/// those on screen are turned into text by `line`.
fn render_list<R>(
    area: Rect,
    buf: &mut Buffer,
    block: Block<'_>,
    rows: &[(Option<usize>, R)],
    selected: usize,
    style: Style,
    line: impl Fn(&R) -> Line<'static>,
) {
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let shown = shown_rows(rows, selected, inner.height as usize);
    for (y, (entry, row)) in rows[shown].iter().enumerate() {
        let area = Rect {
            y: inner.y + y as u16,
            height: 1,
            ..inner
        };
        buf.set_line(inner.x, area.y, &line(row), inner.width);
        if *entry == Some(selected) {
            buf.set_style(area, style);
        }
    }
}

fn pane_block(title: String, focused: bool, theme: Theme) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(Line::from(title).style(theme.border(focused)))
}

pub struct GlossaryPane<'a> {
    pub state: &'a State,
    pub theme: Theme,
}

impl Widget for &GlossaryPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let theme = self.theme;
        let focused = state.focus == Focus::Glossary;
        let visible = state.visible_blocks();
        let on_screen = |article: usize, block: u32| {
            article == state.current && visible.contains(&(block as usize))
        };
        // (entry, on screen, count label, name), for one row on screen.
        let item = |i: usize| -> (&GlossaryEntry, bool, String, Cow<'_, str>) {
            match state.library.scope {
                Scope::Article => {
                    let e = &state.article().glossary[i];
                    // Occurrences are in text order: a binary search keeps a
                    // term with 100,000 occurrences as cheap as one.
                    let first_on_screen = e
                        .occurrences
                        .partition_point(|o| (o.block as usize) < *visible.start());
                    let seen = e
                        .occurrences
                        .get(first_on_screen)
                        .is_some_and(|o| on_screen(state.current, o.block));
                    let name = crate::core::glossary::label(e, &state.article().blocks);
                    (e, seen, format!("  ×{}", e.occurrences.len()), name)
                }
                Scope::Library => {
                    let m = &state.library.merged_glossary[i];
                    let seen = m.sources.iter().any(|s| on_screen(s.article, s.span.block));
                    let articles = if m.articles == 1 {
                        "1 article".to_owned()
                    } else {
                        format!("{} articles", m.articles)
                    };
                    let written = m.sources.first().and_then(|s| {
                        let blocks = &state.articles.get(s.article)?.blocks;
                        crate::core::glossary::written_at(blocks, &s.span)
                    });
                    (
                        &m.entry,
                        seen,
                        format!("  ×{} in {articles}", m.sources.len()),
                        crate::core::glossary::label_as_written(&m.entry, written),
                    )
                }
            }
        };
        let count = state.glossary_len();
        let width = area.width.saturating_sub(4) as usize;
        let rows = glossary_rows(state, area.height as usize);
        let line = |row: &GlossaryRow| match *row {
            GlossaryRow::Term(i) => {
                let (entry, seen, count, name) = item(i);
                let marker = match (entry.source, entry.kind) {
                    (EntrySource::Article, EntryKind::Acronym) => "◆ ",
                    (EntrySource::Article, _) => "★ ",
                    (EntrySource::User, _) => "✎ ",
                    (EntrySource::Bundled, _) => "· ",
                };
                let term_style = if seen {
                    theme.on_screen()
                } else {
                    Style::new()
                };
                Line::from(vec![
                    Span::styled(marker, theme.dim()),
                    Span::styled(name.into_owned(), term_style),
                    Span::styled(count, theme.dim()),
                ])
            }
            GlossaryRow::Definition(i) => {
                let (entry, _, _, _) = item(i);
                Line::from(Span::styled(
                    format!("  {}", shorten(&entry.definition, width.max(4))),
                    theme.dim(),
                ))
            }
            GlossaryRow::Empty => {
                let text = if state.annotated > state.current {
                    "No glossary terms in this article"
                } else {
                    "Building the glossary…"
                };
                Line::from(Span::styled(text, theme.dim()))
            }
        };
        let scope = if state.library.scope == Scope::Library {
            ", library"
        } else {
            ""
        };
        let title = format!(" Glossary ({count}{scope}) — ★ defined here ");
        render_list(
            area,
            buf,
            pane_block(title, focused, theme),
            &rows,
            state.reader.glossary_selected,
            theme.selected(focused),
            line,
        );
    }
}

pub struct TimelinePane<'a> {
    pub state: &'a State,
    pub theme: Theme,
}

impl Widget for &TimelinePane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let theme = self.theme;
        let focused = state.focus == Focus::Timeline;
        let entries = state.timeline_entries();
        let visible = state.visible_blocks();
        let width = area.width.saturating_sub(4) as usize;
        // An entry's event, how many articles report it, and the blocks of
        // the (first) article it is from, for its label.
        let event = |n: usize| {
            let i = entries.get(n).expect("rows come from the entries");
            match state.library.scope {
                Scope::Article => (&state.article().timeline[i], 1, &state.article().blocks),
                Scope::Library => {
                    let m = &state.library.merged_timeline[i];
                    let blocks = &state.articles[m.sources[0].article].blocks;
                    (&m.event, m.sources.len(), blocks)
                }
            }
        };
        let year_heading = |n: usize| {
            let year = event(n).0.sort_key.map(|d| d.year());
            year.map_or("undated".to_owned(), |y| format!("{y:04}"))
        };
        let rows = timeline_rows(state, area.height as usize);
        let line = |row: &TimelineRow| match *row {
            TimelineRow::Year(n) => Line::from(Span::styled(year_heading(n), theme.year())),
            TimelineRow::Date(n) => {
                let (e, sources, _) = event(n);
                let seen = state.library.scope == Scope::Article
                    && visible.contains(&(e.source.block as usize));
                let date_style = if seen {
                    theme.on_screen()
                } else {
                    Style::new()
                };
                let date = format!("  {}", describe_event(e));
                let mut rest = format!("  {}", e.class.label());
                if sources > 1 {
                    rest.push_str(&format!("  ({sources} sources)"));
                }
                // Ended with an ellipsis, not cut mid-word by the pane's edge.
                let room = (width + 2).saturating_sub(date.chars().count());
                if rest.chars().count() > room {
                    rest = shorten(&rest, room.saturating_sub(1));
                }
                Line::from(vec![
                    Span::styled(date, date_style),
                    Span::styled(rest, theme.dim()),
                ])
            }
            TimelineRow::Label(n) => {
                let (e, _, blocks) = event(n);
                let label = event_label(e, blocks);
                Line::from(format!(
                    "    {}",
                    shorten(&label, width.saturating_sub(2).max(4))
                ))
            }
            TimelineRow::Empty => {
                let text = if state.annotated <= state.current {
                    "Building the timeline…"
                } else if state.aid_only {
                    "No aid events (press a for all)"
                } else {
                    "No dated events in this article"
                };
                Line::from(Span::styled(text, theme.dim()))
            }
        };
        let filter = if state.aid_only { "aid only" } else { "all" };
        let scope = if state.library.scope == Scope::Library {
            ", library"
        } else {
            ""
        };
        let title = format!(" Timeline ({}, {filter}{scope}) ", entries.len());
        render_list(
            area,
            buf,
            pane_block(title, focused, theme),
            &rows,
            state.reader.timeline_selected,
            theme.selected(focused),
            line,
        );
    }
}
