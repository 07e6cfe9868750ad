//! Which entry each row of a list shows: the glossary and timeline panes and
//! the library. The widgets draw these rows and a click looks its entry up
//! in them, so the two always agree. Scrolling is stateless: a list starts
//! as late as needed to show the selected entry's last row.

use super::library::{Scope, SortBy};
use super::panes::centred;
use super::state::{Overlay, State};
use ratatui::layout::Rect;
use std::ops::Range;

/// The entries whose rows can be on screen in a pane `height` rows tall
/// with entry `selected` of `len` selected. Every entry takes at least one
/// row, so the view (which ends at the selected entry, or starts at the top)
/// lies within `height` entries either side: only those are turned into rows,
/// so a timeline of 100,000 events costs a screen, not a pass over the list.
pub fn entry_window(selected: usize, len: usize, height: usize) -> Range<usize> {
    if selected >= len {
        return 0..len.min(height);
    }
    let start = selected.saturating_sub(height);
    start..(selected + height + 1).min(len)
}

/// Which of `rows` are on screen in `height` rows with entry `selected`.
pub fn shown_rows<R>(rows: &[(Option<usize>, R)], selected: usize, height: usize) -> Range<usize> {
    let last_selected = rows
        .iter()
        .rposition(|(e, _)| *e == Some(selected))
        .unwrap_or(0);
    let offset = (last_selected + 1).saturating_sub(height);
    offset..(offset + height).min(rows.len())
}

/// The entry drawn on row `y` of a list `height` rows tall (both inside
/// the pane's border), if that row is one of an entry's.
pub fn entry_on_row<R>(
    rows: &[(Option<usize>, R)],
    selected: usize,
    height: usize,
    y: usize,
) -> Option<usize> {
    let shown = shown_rows(rows, selected, height);
    rows[shown].get(y).and_then(|(entry, _)| *entry)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlossaryRow {
    Term(usize),
    Definition(usize),
    /// The pane's one row when it has no entries.
    Empty,
}

/// The glossary pane's rows that can be on screen in a pane `height` rows
/// tall: two for each entry, its term and its definition.
pub fn glossary_rows(state: &State, height: usize) -> Vec<(Option<usize>, GlossaryRow)> {
    let window = entry_window(state.reader.glossary_selected, state.glossary_len(), height);
    let mut rows: Vec<_> = window
        .flat_map(|i| {
            [
                (Some(i), GlossaryRow::Term(i)),
                (Some(i), GlossaryRow::Definition(i)),
            ]
        })
        .collect();
    if rows.is_empty() {
        rows.push((None, GlossaryRow::Empty));
    }
    rows
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineRow {
    /// The year heading before entry `n` of the shown list.
    Year(usize),
    Date(usize),
    Label(usize),
    /// The pane's one row when it has no entries.
    Empty,
}

/// The timeline pane's rows that can be on screen in a pane `height` rows
/// tall: a year heading where the year changes, then a date row and a
/// label row for each entry.
pub fn timeline_rows(state: &State, height: usize) -> Vec<(Option<usize>, TimelineRow)> {
    let entries = state.timeline_entries();
    let year = |n: usize| {
        let i = entries.get(n)?;
        let event = match state.library.scope {
            Scope::Article => state.article().timeline.get(i),
            Scope::Library => state.library.merged_timeline.get(i).map(|m| &m.event),
        };
        event?.sort_key.map(|d| d.year())
    };
    let window = entry_window(state.reader.timeline_selected, entries.len(), height);
    let mut rows = Vec::with_capacity(window.len() * 3);
    for n in window {
        if n == 0 || year(n) != year(n - 1) {
            rows.push((None, TimelineRow::Year(n)));
        }
        rows.push((Some(n), TimelineRow::Date(n)));
        rows.push((Some(n), TimelineRow::Label(n)));
    }
    if rows.is_empty() {
        rows.push((None, TimelineRow::Empty));
    }
    rows
}

/// The library's rows: `(Some(position in the order), article)` for an
/// article, `(None, article)` for the heading of the section `article`
/// opens. Feed items are grouped under their feed's title when the
/// library is in the order things were opened; articles opened after a
/// feed get a heading of their own, not the feed's.
pub fn library_rows(state: &State) -> Vec<(Option<usize>, usize)> {
    let library = &state.library;
    let order = library.order(&state.articles);
    let mut rows = Vec::with_capacity(order.len() + 4);
    let mut section: Option<&str> = None;
    for (position, &a) in order.iter().enumerate() {
        let this = state.articles[a].meta.section.as_deref();
        if library.sort == SortBy::Opened
            && this != section
            && (this.is_some() || section.is_some())
        {
            rows.push((None, a));
        }
        section = this;
        rows.push((Some(position), a));
    }
    rows
}

/// Widths of the list popups, in columns.
pub const OUTLINE_WIDTH: u16 = 64;
pub const LINKS_WIDTH: u16 = 90;
pub const BOOKMARKS_WIDTH: u16 = 64;

/// A list popup of `count` rows with `selected` selected, `width` columns
/// wide, over `screen`: the popup's box, the area its rows are drawn in
/// (inside the border, a column in from each side) and the rows shown
/// there, scrolled so the selected one shows.
pub fn popup_rows(
    screen: Rect,
    width: u16,
    (count, selected): (usize, usize),
) -> (Rect, Rect, Range<usize>) {
    let rect = centred(screen, width, u16::try_from(count + 2).unwrap_or(u16::MAX));
    let inner = Rect {
        x: rect.x.saturating_add(2),
        y: rect.y.saturating_add(1),
        width: rect.width.saturating_sub(4),
        height: rect.height.saturating_sub(2),
    };
    let height = usize::from(inner.height.max(1));
    let offset = (selected + 1).saturating_sub(height);
    (rect, inner, offset..count.min(offset + height))
}

/// The list popup open, if one is: its width, and its rows' count and
/// selection.
pub fn open_list_popup(state: &State) -> Option<(u16, (usize, usize))> {
    match state.overlay.as_ref()? {
        &Overlay::Outline(selected) => {
            Some((OUTLINE_WIDTH, (state.reader.headings.len(), selected)))
        }
        &Overlay::Links(selected) => {
            Some((LINKS_WIDTH, (state.article().meta.links.len(), selected)))
        }
        Overlay::Bookmarks => Some((
            BOOKMARKS_WIDTH,
            (state.reader.bookmarks.len(), state.reader.bookmark_selected),
        )),
        Overlay::Help(_) | Overlay::Note(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows as the timeline builds them: a header before some entries.
    fn rows(entries: Range<usize>, header: &[bool]) -> Vec<(Option<usize>, usize)> {
        let mut out = Vec::new();
        for n in entries {
            if header[n] {
                out.push((None, n));
            }
            out.push((Some(n), n));
            out.push((Some(n), n));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_window_shows_what_the_whole_list_would(
            header in proptest::collection::vec(proptest::bool::ANY, 0..60),
            selected in 0usize..70,
            height in 1usize..30,
        ) {
            let len = header.len();
            let all = rows(0..len, &header);
            let window = rows(entry_window(selected, len, height), &header);
            let expected = &all[shown_rows(&all, selected, height)];
            let got = &window[shown_rows(&window, selected, height)];
            proptest::prop_assert_eq!(got, expected);
        }
    }
}
