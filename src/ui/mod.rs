//! Widgets. Each renders from `&State` and nothing else; all text they draw
//! came through the core's sanitizer.

mod library;
mod panes;
mod text;
mod theme;

use crate::app::State;
use crate::app::lists::{BOOKMARKS_WIDTH, popup_rows};
use crate::app::state::Overlay;
use crate::core::layout::wrap;
use crate::core::model::{EntryKind, EntrySource};
use panes::{GlossaryPane, TimelinePane};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};
use text::TextPane;
pub use theme::Theme;

impl Widget for &State {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = Theme {
            color: !self.settings.no_color,
            underline_terms: self.settings.underline_terms,
            palette: self.settings.palette,
        };
        // Laid out in the frame's own area, not the size the state last
        // heard of: the two differ for one frame after a shrink.
        let panes = self.panes_in(area);
        if self.library.shown {
            let main = Rect {
                height: area.height.saturating_sub(1),
                ..area
            };
            (&library::LibraryView { state: self, theme }).render(main, buf);
            (&StatusLine { state: self, theme }).render(panes.status, buf);
            // Help is the one overlay the library opens (the others are
            // about the article it hides).
            if let Some(Overlay::Help(top)) = self.overlay {
                (&Help {
                    state: self,
                    theme,
                    top,
                })
                    .render(area, buf);
            }
            return;
        }
        if let Some(r) = panes.text {
            (&TextPane { state: self, theme }).render(r, buf);
        }
        if let Some(r) = panes.glossary {
            (&GlossaryPane { state: self, theme }).render(r, buf);
        }
        if let Some(r) = panes.timeline {
            (&TimelinePane { state: self, theme }).render(r, buf);
        }
        (&StatusLine { state: self, theme }).render(panes.status, buf);
        if let Some((term, text)) = &self.note_editor {
            (&NoteEditor { term, text, theme }).render(area, buf);
            return;
        }
        match self.overlay {
            Some(Overlay::Help(top)) => (&Help {
                state: self,
                theme,
                top,
            })
                .render(area, buf),
            Some(Overlay::Note(entry)) => (&NotePopup {
                state: self,
                theme,
                entry,
            })
                .render(area, buf),
            Some(Overlay::Outline(selected)) => (&library::OutlinePopup {
                state: self,
                theme,
                selected,
            })
                .render(area, buf),
            Some(Overlay::Links(selected)) => (&library::LinksPopup {
                state: self,
                theme,
                selected,
            })
                .render(area, buf),
            Some(Overlay::Bookmarks) => (&BookmarksPopup { state: self, theme }).render(area, buf),
            None => {}
        }
    }
}

struct StatusLine<'a> {
    state: &'a State,
    theme: Theme,
}

impl Widget for &StatusLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        use crate::core::layout::str_width;
        let state = self.state;
        buf.set_style(area, self.theme.status());
        let width = usize::from(area.width);
        // The library covers the panes: where the selection is in the list,
        // not in the article behind it, and no pane keys that it refuses.
        let (progress, focus, tabs) = if state.library.shown {
            let count = state.articles.len();
            let at = (state.library.selected + 1).min(count);
            (format!(" {at} of {count} "), "│ Library ".to_owned(), "")
        } else {
            let tabs = if state.panes().wide {
                ""
            } else {
                "│ Tab: text/glossary/timeline "
            };
            (
                format!(" {}% ", state.progress()),
                format!("│ {} ", state.focus.name()),
                tabs,
            )
        };
        // The right side, fullest first; parts drop from the left as the
        // line narrows, the percentage last.
        let rights = [
            format!("{progress}{focus}{tabs}│ ? help "),
            format!("{progress}{focus}│ ? help "),
            format!("{progress}{focus}"),
            progress.clone(),
            String::new(),
        ];
        let fits = |right: &String, left: usize| str_width(right) + left <= width;
        let (left, right) = match (&state.prompt, &state.status) {
            // What is being typed stays in view: the right side gives way,
            // and a prompt longer than the line shows its end.
            (Some(prompt), _) => {
                let left = format!(" /{prompt}█");
                let right = rights.iter().find(|r| fits(r, str_width(&left)));
                let right = right.map_or("", String::as_str);
                let room = width - str_width(right);
                let left = if str_width(&left) > room {
                    format!(" …{}", tail_of(&left, room.saturating_sub(2)))
                } else {
                    left
                };
                (left, right)
            }
            (None, Some(message)) => {
                let left = format!(" {message}");
                let right = rights.iter().find(|r| fits(r, str_width(&left)));
                (left, right.map_or("", String::as_str))
            }
            (None, None) => {
                let right = rights
                    .iter()
                    .find(|r| fits(r, 0))
                    .map_or("", String::as_str);
                let room = (width - str_width(right)).saturating_sub(2);
                // Over the library, the selected article's whole title (its
                // row may cut it), not the one hidden behind the list.
                let shown = if state.library.shown {
                    let order = state.library.order(&state.articles);
                    order
                        .get(state.library.selected)
                        .map_or(state.article(), |&a| &state.articles[a])
                } else {
                    state.article()
                };
                let title = shorten_to(shown.meta.display_title(), room);
                (format!(" {title} "), right)
            }
        };
        let right_width = str_width(right) as u16;
        let left_width = area.width.saturating_sub(right_width);
        buf.set_line(area.x, area.y, &Line::from(left), left_width);
        if right_width > 0 {
            buf.set_line(area.x + left_width, area.y, &Line::from(right), right_width);
        }
    }
}

/// The end of `text` that fits in `width` display columns.
fn tail_of(text: &str, width: usize) -> &str {
    let mut used = 0;
    let mut start = text.len();
    for (at, g) in unicode_segmentation::UnicodeSegmentation::grapheme_indices(text, true).rev() {
        used += unicode_width::UnicodeWidthStr::width(g);
        if used > width {
            break;
        }
        start = at;
    }
    &text[start..]
}

/// A centred box of at most `width` × `height` cells, cleared.
fn popup_area(area: Rect, width: u16, height: u16, buf: &mut Buffer) -> Rect {
    let rect = crate::app::panes::centred(area, width, height);
    Clear.render(rect, buf);
    rect
}

/// A bordered popup of at most `width` × `height` cells with `title`; returns
/// the area inside, one column in from each side.
fn framed_popup(
    area: Rect,
    buf: &mut Buffer,
    size: (u16, u16),
    title: Line<'_>,
    theme: Theme,
) -> Rect {
    let rect = popup_area(area, size.0, size.1, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(title);
    let inner = block.inner(rect);
    block.render(rect, buf);
    Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    }
}

/// A popup listing `count` rows with one selected, scrolled so it shows; `line`
/// draws row `i` for a given width. Laid out by [`popup_rows`], as clicks
/// on it are.
fn popup_list(
    area: Rect,
    buf: &mut Buffer,
    width: u16,
    title: &str,
    (count, selected): (usize, usize),
    theme: Theme,
    line: impl Fn(usize, usize) -> Line<'static>,
) {
    let (rect, inner, shown) = popup_rows(area, width, (count, selected));
    Clear.render(rect, buf);
    Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Line::from(title.to_owned()))
        .render(rect, buf);
    for (y, row) in (inner.y..).zip(shown) {
        buf.set_line(inner.x, y, &line(row, inner.width as usize), inner.width);
        if row == selected {
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

/// Writes `text` wrapped by the core's layout into `area`, from row `y`;
/// returns the next free row.
fn put_wrapped(buf: &mut Buffer, area: Rect, mut y: u16, text: &str, style: Style) -> u16 {
    for range in wrap(text, area.width.max(1) as usize) {
        if y >= area.y + area.height {
            break;
        }
        let slice = &text[range.start as usize..range.end as usize];
        buf.set_line(
            area.x,
            y,
            &Line::from(Span::styled(slice.to_owned(), style)),
            area.width,
        );
        y += 1;
    }
    y
}

/// Cuts `text` to `width` display columns, with an ellipsis when cut.
fn shorten_to(text: &str, width: usize) -> String {
    if crate::core::layout::str_width(text) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(text, true) {
        let w = unicode_width::UnicodeWidthStr::width(g);
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

struct NoteEditor<'a> {
    term: &'a str,
    text: &'a str,
    theme: Theme,
}

impl Widget for &NoteEditor<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let title = Line::from(format!(" Your note on {} ", self.term)).style(self.theme.title());
        let inner = framed_popup(area, buf, (70, 9), title, self.theme);
        let hint = "Enter saves (for every article) · Esc cancels · empty removes the note";
        let y = put_wrapped(buf, inner, inner.y, hint, self.theme.dim());
        put_wrapped(buf, inner, y + 1, &format!("{}█", self.text), Style::new());
    }
}

struct Help<'a> {
    state: &'a State,
    theme: Theme,
    /// The first binding shown (the list scrolls when it does not fit).
    top: usize,
}

/// Below the help's key list: what no binding says. Ctrl-z is not a
/// binding (the terminal's own suspend key), so it is named here.
const HELP_HINT: &str = "Mouse wheel scrolls the pane under the pointer. A click on a term opens \
                         its note, on another word selects it (for e); on an entry selects it, \
                         clicked again follows it. In a list pane, j/k select. Ctrl-z suspends \
                         to the shell (fg comes back).";

impl Widget for &Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let bindings = self.state.keymap.describe();
        // The hint below the list, wrapped as it will be drawn: the popup's
        // width less its border and a margin.
        let hint_width = usize::from(area.width.min(100).saturating_sub(3)).max(1);
        let hint_rows = wrap(HELP_HINT, hint_width).len() as u16;
        let rect = popup_area(area, 100, bindings.len() as u16 + 3 + hint_rows, buf);
        // The border, a blank row and the hint are not the list's.
        let rows = (rect.height.saturating_sub(3 + hint_rows) as usize).max(1);
        let top = self.top.min(bindings.len().saturating_sub(rows));
        let shown = top..(top + rows).min(bindings.len());
        let title = if shown.len() < bindings.len() {
            format!(
                " Keys {}–{} of {} — j/k scroll · Esc closes ",
                shown.start + 1,
                shown.end,
                bindings.len()
            )
        } else {
            " Keys — Esc or ? to close ".to_owned()
        };
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(self.theme.border(true))
            .title(title);
        let inner = block.inner(rect);
        block.render(rect, buf);
        let key_width = bindings
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0)
            + 2;
        let mut y = inner.y;
        for (keys, action) in &bindings[shown] {
            // A screen too short for even one row inside the frame.
            if y >= inner.bottom() {
                break;
            }
            let line = Line::from(vec![
                Span::styled(format!("{keys:<key_width$}"), self.theme.heading()),
                Span::raw(action.describe()),
            ]);
            buf.set_line(inner.x + 1, y, &line, inner.width.saturating_sub(1));
            y += 1;
        }
        put_wrapped(
            buf,
            Rect {
                x: inner.x + 1,
                width: inner.width.saturating_sub(1),
                ..inner
            },
            y + 1,
            HELP_HINT,
            self.theme.dim(),
        );
    }
}

struct NotePopup<'a> {
    state: &'a State,
    theme: Theme,
    entry: usize,
}

impl Widget for &NotePopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        const WIDTH: u16 = 64;
        let Some(entry) = self.state.article().glossary.get(self.entry) else {
            return;
        };
        let paragraphs = self.paragraphs(entry);
        // Sized to what it says: a one-line note is a small box, a long one
        // as tall as the screen allows, with "…" where it is cut.
        let text_width = usize::from(WIDTH.min(area.width).saturating_sub(4)).max(1);
        let lines = paragraphs
            .iter()
            .map(|(text, _)| wrap(text, text_width).len())
            .sum::<usize>()
            + paragraphs.len().saturating_sub(1);
        let height = u16::try_from(lines + 2).unwrap_or(u16::MAX);
        let label = crate::core::glossary::label(entry, &self.state.article().blocks);
        let title = Line::from(format!(" {label} ")).style(self.theme.title());
        let inner = framed_popup(area, buf, (WIDTH, height), title, self.theme);
        let mut y = inner.y;
        for (i, (text, style)) in paragraphs.iter().enumerate() {
            y = put_wrapped(buf, inner, y + u16::from(i > 0), text, *style);
        }
        if lines > usize::from(inner.height) && inner.width > 0 && inner.height > 0 {
            buf.set_string(inner.right() - 1, inner.bottom() - 1, "…", self.theme.dim());
        }
    }
}

impl NotePopup<'_> {
    /// What the popup says about `entry`, paragraph by paragraph: where the
    /// note comes from, the note, its other names, the articles that use it
    /// (in the library's view) and the notes it overrides.
    fn paragraphs(&self, entry: &crate::core::model::GlossaryEntry) -> Vec<(String, Style)> {
        let source = match (entry.source, entry.kind) {
            (EntrySource::Article, EntryKind::Acronym) => "acronym defined in this article",
            (EntrySource::Article, _) => "defined in this article",
            (EntrySource::Bundled, _) => "gloss glossary",
            (EntrySource::User, _) => "your note",
        };
        let uses = entry.occurrences.len();
        let mut paragraphs = vec![
            (
                format!(
                    "{source} · used {uses} time{}",
                    if uses == 1 { "" } else { "s" }
                ),
                self.theme.dim(),
            ),
            (entry.definition.clone(), Style::new()),
        ];
        if !entry.aliases.is_empty() {
            paragraphs.push((
                format!("Also: {}", entry.aliases.join(", ")),
                self.theme.dim(),
            ));
        }
        if self.state.library.scope == crate::app::library::Scope::Library {
            // The whole library's view: which articles use the term.
            let key = entry.term.to_lowercase();
            if let Some(merged) = self
                .state
                .library
                .merged_glossary
                .iter()
                .find(|m| m.entry.term.to_lowercase() == key)
            {
                let mut titles: Vec<&str> = Vec::new();
                for source in &merged.sources {
                    let title = self.state.articles[source.article].meta.display_title();
                    if !titles.contains(&title) {
                        titles.push(title);
                    }
                }
                paragraphs.push((format!("In: {}", titles.join(" · ")), self.theme.dim()));
            }
        }
        for other in &entry.see_also {
            let label = other.source.see_also_label();
            paragraphs.push((format!("{label}: {}", other.definition), self.theme.dim()));
        }
        paragraphs
    }
}

struct BookmarksPopup<'a> {
    state: &'a State,
    theme: Theme,
}

impl Widget for &BookmarksPopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let reader = &self.state.reader;
        let title = " Bookmarks — Enter jumps, Esc closes ";
        let rows = (reader.bookmarks.len(), reader.bookmark_selected);
        popup_list(
            area,
            buf,
            BOOKMARKS_WIDTH,
            title,
            rows,
            self.theme,
            |i, _| Line::from(reader.bookmarks[i].label.clone()),
        );
    }
}
