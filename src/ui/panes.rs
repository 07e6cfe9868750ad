//! The glossary and timeline panes.

use super::theme::Theme;
use crate::app::State;
use crate::app::library::Scope;
use crate::app::panes::Focus;
use crate::core::model::{EntryKind, EntrySource, GlossaryEntry};
use crate::core::timeline::{dates::describe_event, shorten};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

/// One list row: its text spans and which entry it belongs to.
struct ListRow {
    line: Line<'static>,
    entry: Option<usize>,
}

/// Draws rows inside a bordered pane, scrolled so the selected entry shows.
fn render_list(
    area: Rect,
    buf: &mut Buffer,
    block: Block<'_>,
    rows: Vec<ListRow>,
    selected: usize,
    style: Style,
) {
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let height = inner.height as usize;
    // Stateless scrolling: the view starts as late as needed to show the
    // selected entry's last row.
    let last_selected = rows
        .iter()
        .rposition(|r| r.entry == Some(selected))
        .unwrap_or(0);
    let offset = (last_selected + 1).saturating_sub(height);
    for (y, row) in rows.iter().skip(offset).take(height).enumerate() {
        let area = Rect {
            y: inner.y + y as u16,
            height: 1,
            ..inner
        };
        buf.set_line(inner.x, area.y, &row.line, inner.width);
        if row.entry == Some(selected) {
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
        // (entry, on screen, count label) for the article, or merged for the library.
        let items: Vec<(&GlossaryEntry, bool, String)> = match state.library.scope {
            Scope::Article => state
                .article()
                .glossary
                .iter()
                .map(|e| {
                    let seen = e
                        .occurrences
                        .iter()
                        .any(|o| on_screen(state.current, o.block));
                    (e, seen, format!("  ×{}", e.occurrences.len()))
                })
                .collect(),
            Scope::Library => state
                .library
                .merged_glossary
                .iter()
                .map(|m| {
                    let seen = m.sources.iter().any(|s| on_screen(s.article, s.span.block));
                    let articles = if m.articles == 1 {
                        "1 article".to_owned()
                    } else {
                        format!("{} articles", m.articles)
                    };
                    (
                        &m.entry,
                        seen,
                        format!("  ×{} in {articles}", m.sources.len()),
                    )
                })
                .collect(),
        };
        let width = area.width.saturating_sub(4) as usize;
        let mut rows = Vec::new();
        for (i, (entry, seen, count)) in items.iter().enumerate() {
            let marker = match (entry.source, entry.kind) {
                (EntrySource::Article, EntryKind::Acronym) => "◆ ",
                (EntrySource::Article, _) => "★ ",
                (EntrySource::User, _) => "✎ ",
                (EntrySource::Bundled, _) => "· ",
            };
            let term_style = if *seen {
                theme.on_screen()
            } else {
                Style::new()
            };
            rows.push(ListRow {
                line: Line::from(vec![
                    Span::styled(marker, theme.dim()),
                    Span::styled(entry.term.clone(), term_style),
                    Span::styled(count.clone(), theme.dim()),
                ]),
                entry: Some(i),
            });
            rows.push(ListRow {
                line: Line::from(Span::styled(
                    format!("  {}", shorten(&entry.definition, width.max(4))),
                    theme.dim(),
                )),
                entry: Some(i),
            });
        }
        if rows.is_empty() {
            rows.push(ListRow {
                line: Line::from(Span::styled(
                    "No glossary terms in this article",
                    theme.dim(),
                )),
                entry: None,
            });
        }
        let scope = if state.library.scope == Scope::Library {
            ", library"
        } else {
            ""
        };
        let title = format!(" Glossary ({}{scope}) — ★ defined here ", items.len());
        render_list(
            area,
            buf,
            pane_block(title, focused, theme),
            rows,
            state.reader.glossary_selected,
            theme.selected(focused),
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
        let mut rows = Vec::new();
        let mut year: Option<String> = None;
        for (n, &i) in entries.iter().enumerate() {
            let (event, sources) = match state.library.scope {
                Scope::Article => (&state.article().timeline[i], 1),
                Scope::Library => {
                    let m = &state.library.merged_timeline[i];
                    (&m.event, m.sources.len())
                }
            };
            let this_year = event
                .sort_key
                .as_deref()
                .and_then(|k| k.get(..4))
                .unwrap_or("undated")
                .to_owned();
            if year.as_deref() != Some(this_year.as_str()) {
                rows.push(ListRow {
                    line: Line::from(Span::styled(this_year.clone(), theme.year())),
                    entry: None,
                });
                year = Some(this_year);
            }
            let on_screen = state.library.scope == Scope::Article
                && visible.contains(&(event.source.block as usize));
            let date_style = if on_screen {
                theme.on_screen()
            } else {
                Style::new()
            };
            let date = describe_event(event);
            rows.push(ListRow {
                line: Line::from(vec![
                    Span::styled(format!("  {date}"), date_style),
                    Span::styled(format!("  {}", event.class.label()), theme.dim()),
                    Span::styled(
                        if sources > 1 {
                            format!("  ({sources} sources)")
                        } else {
                            String::new()
                        },
                        theme.dim(),
                    ),
                ]),
                entry: Some(n),
            });
            rows.push(ListRow {
                line: Line::from(format!(
                    "    {}",
                    shorten(&event.label, width.saturating_sub(2).max(4))
                )),
                entry: Some(n),
            });
        }
        if rows.is_empty() {
            let text = if state.aid_only {
                "No aid events (press a for all)"
            } else {
                "No dated events in this article"
            };
            rows.push(ListRow {
                line: Line::from(Span::styled(text, theme.dim())),
                entry: None,
            });
        }
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
            rows,
            state.reader.timeline_selected,
            theme.selected(focused),
        );
    }
}
