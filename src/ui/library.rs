//! The library list and the outline popup.

use super::theme::Theme;
use super::{popup_list, shorten_to};
use crate::app::State;
use crate::app::lists::{LINKS_WIDTH, OUTLINE_WIDTH};
use crate::core::timeline::dates::describe_published;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

/// The heading over articles that are not items of a feed, when they follow one.
const OTHER_ARTICLES: &str = "Other articles";

pub struct LibraryView<'a> {
    pub state: &'a State,
    pub theme: Theme,
}

impl Widget for &LibraryView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let theme = self.theme;
        let library = &state.library;
        let order = library.order(&state.articles);
        let title = format!(
            " Library: {} articles, {} — Enter open · s sort · w merged glossary/timeline · L back ",
            order.len(),
            library.sort.name()
        );
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.border(true))
            .title(Line::from(title).style(theme.border(true)));
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.width < 4 || inner.height == 0 {
            return;
        }
        let width = inner.width as usize;
        let date_width = 13;
        let meta_width = (width / 3).min(32);
        let title_width = width.saturating_sub(date_width + meta_width + 12).max(8);
        let height = inner.height as usize;
        let rows = crate::app::lists::library_rows(state);
        let shown = crate::app::lists::shown_rows(&rows, library.selected, height);
        for (row, &(position, a)) in rows[shown].iter().enumerate() {
            let y = inner.y + row as u16;
            let Some(position) = position else {
                let title = state.articles[a]
                    .meta
                    .section
                    .as_deref()
                    .unwrap_or(OTHER_ARTICLES);
                buf.set_line(
                    inner.x,
                    y,
                    &Line::from(Span::styled(format!("▸ {title}"), theme.year())),
                    inner.width,
                );
                continue;
            };
            let article = &state.articles[a];
            let meta = &article.meta;
            let read = library.read.get(a).copied().unwrap_or(false);
            let progress = library.progress.get(a).copied().unwrap_or(0);
            let marker = if read {
                "✓ "
            } else if progress > 0 {
                "◐ "
            } else {
                "● "
            };
            // A file still being read says so where its source will show.
            let source = if crate::app::state::is_placeholder(article) {
                crate::app::state::STILL_BEING_READ
            } else {
                meta.section
                    .as_deref()
                    .or(meta.publication.as_deref())
                    .or(meta.author.as_deref())
                    .unwrap_or("")
            };
            let date = meta
                .published
                .as_deref()
                .map(describe_published)
                .unwrap_or_default();
            let line = Line::from(vec![
                Span::styled(marker, theme.heading()),
                Span::raw(format!(
                    "{:<title_width$}  ",
                    shorten_to(meta.display_title(), title_width)
                )),
                Span::styled(
                    format!("{:<meta_width$}  ", shorten_to(source, meta_width)),
                    theme.dim(),
                ),
                Span::styled(format!("{date:<date_width$}"), theme.dim()),
                Span::raw(format!("{progress:>4}%")),
            ]);
            buf.set_line(inner.x, y, &line, inner.width);
            if position == library.selected {
                buf.set_style(
                    Rect {
                        y,
                        height: 1,
                        ..inner
                    },
                    theme.selected(true),
                );
            }
        }
    }
}

pub struct OutlinePopup<'a> {
    pub state: &'a State,
    pub theme: Theme,
    pub selected: usize,
}

impl Widget for &OutlinePopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let headings = &state.reader.headings;
        let title = " Outline — Enter jumps, Esc closes ";
        popup_list(
            area,
            buf,
            OUTLINE_WIDTH,
            title,
            (headings.len(), self.selected),
            self.theme,
            |i, width| Line::from(shorten_to(&state.article().blocks[headings[i]].text, width)),
        );
    }
}

pub struct LinksPopup<'a> {
    pub state: &'a State,
    pub theme: Theme,
    pub selected: usize,
}

impl Widget for &LinksPopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let links = &self.state.article().meta.links;
        let theme = self.theme;
        let title = " Links — Enter opens in the browser, Esc closes ";
        popup_list(
            area,
            buf,
            LINKS_WIDTH,
            title,
            (links.len(), self.selected),
            theme,
            |i, width| {
                let link = &links[i];
                let number = format!("{:>3}. ", i + 1);
                let text = shorten_to(&link.text, (width / 2).max(8));
                let url = shorten_to(
                    &link.url,
                    width.saturating_sub(number.len() + text.chars().count() + 3),
                );
                Line::from(vec![
                    Span::styled(number, theme.dim()),
                    Span::raw(text),
                    Span::styled(format!(" — {url}"), theme.dim()),
                ])
            },
        );
    }
}
