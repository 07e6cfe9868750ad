//! What a click of the mouse's main button does: the term clicked in the
//! text opens its note (another word is selected, for a note of one's
//! own); an entry clicked in the glossary, timeline, library or a list
//! popup is selected and, clicked again, followed as `Enter` would; a
//! click beside a popup closes it; the text's scrollbar, clicked or
//! dragged, moves the view. The cells are found as the widgets draw
//! them, from the same layout, prefixes and list rows.

use super::lists::{
    entry_on_row, glossary_rows, library_rows, open_list_popup, popup_rows, timeline_rows,
};
use super::panes::{Focus, list_height, text_area};
use super::search::Finder;
use super::state::{Mark, Match, Overlay, State, marks_in};
use crate::core::layout::{Anchor, Item, Justify, Part, offset_at_column, prefix, str_width};
use ratatui::layout::{Position, Rect};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// What clicking the cell at `column`, `row` does; true if it was an entry
/// selected a second time, which the caller follows as `Enter` would.
pub fn click(state: &mut State, column: u16, row: u16) -> bool {
    // Typing goes on: a click does not take the prompt's or editor's place.
    if state.prompt.is_some() || state.note_editor.is_some() {
        return false;
    }
    if let Some((width, rows)) = open_list_popup(state) {
        return click_popup_list(state, width, rows, column, row);
    }
    if state.overlay.is_some() {
        state.overlay = None;
        return false;
    }
    if state.library.shown {
        return click_library(state, row);
    }
    let panes = state.panes();
    match panes.hit(column, row) {
        Some(Focus::Text) => {
            state.focus = Focus::Text;
            if on_scrollbar(state, column, row) {
                return false;
            }
            let Some(place) = text_position_at(state, column, row) else {
                return false;
            };
            if let Some(mark) = term_at(state, &place) {
                state.reader.current_mark = Some(mark);
                return true;
            }
            select_word(state, &place);
            false
        }
        Some(list) => {
            let area = match list {
                Focus::Glossary => panes.glossary,
                _ => panes.timeline,
            };
            let Some(area) = area else {
                return false;
            };
            let height = usize::from(area.height);
            // Only which entry each row is matters here.
            let (selected, rows): (usize, Vec<(Option<usize>, ())>) = match list {
                Focus::Glossary => (
                    state.reader.glossary_selected,
                    entries_of(glossary_rows(state, height)),
                ),
                _ => (
                    state.reader.timeline_selected,
                    entries_of(timeline_rows(state, height)),
                ),
            };
            let hit = row_in(area, row)
                .and_then(|y| entry_on_row(&rows, selected, list_height(Some(area)), y));
            select(state, list, hit)
        }
        None => false,
    }
}

/// A drag of the main button: only the text pane's scrollbar follows it.
pub fn drag(state: &mut State, column: u16, row: u16) {
    if state.overlay.is_none() && !state.library.shown && state.prompt.is_none() {
        on_scrollbar(state, column, row);
    }
}

/// A click or drag on the text pane's scrollbar (its right border) moves
/// the view to the same share of the document, as the bar's thumb shows
/// it; true if the cell was on the bar.
fn on_scrollbar(state: &mut State, column: u16, row: u16) -> bool {
    let Some(pane) = state.panes().text else {
        return false;
    };
    // The bar runs down the right border, between the corners.
    let track = pane.height.saturating_sub(2);
    let top = pane.y + 1;
    if column + 1 != pane.x + pane.width || row < top || row >= top + track || track < 2 {
        return false;
    }
    let height = state.text_viewport().1;
    let article = &state.articles[state.current];
    let reader = &mut state.reader;
    let last = reader.layout.item_count().saturating_sub(1);
    // Rounded to the nearest item, so the ends of the bar are the ends.
    let share = usize::from(row - top) * last;
    let item = (share + usize::from(track - 1) / 2) / usize::from(track - 1);
    let limit = reader.layout.last_anchor(article, height);
    reader.anchor = Anchor { item, row: 0 }.min(limit);
    true
}

/// A click on a list popup (outline, links, bookmarks): a row selects it,
/// the selected row again is followed, a click beside the popup closes
/// it.
fn click_popup_list(
    state: &mut State,
    width: u16,
    (count, selected): (usize, usize),
    column: u16,
    row: u16,
) -> bool {
    let screen = Rect::new(0, 0, state.size.0, state.size.1);
    let (popup, inner, shown) = popup_rows(screen, width, (count, selected));
    if !popup.contains(Position::new(column, row)) {
        state.overlay = None;
        return false;
    }
    // The border and the title row are no entry.
    let Some(i) = row
        .checked_sub(inner.y)
        .and_then(|y| shown.clone().nth(usize::from(y)))
    else {
        return false;
    };
    if i == selected {
        return true;
    }
    match state.overlay {
        Some(Overlay::Outline(_)) => state.overlay = Some(Overlay::Outline(i)),
        Some(Overlay::Links(_)) => state.overlay = Some(Overlay::Links(i)),
        Some(Overlay::Bookmarks) => state.reader.bookmark_selected = i,
        _ => {}
    }
    false
}

fn entries_of<R>(rows: Vec<(Option<usize>, R)>) -> Vec<(Option<usize>, ())> {
    rows.into_iter().map(|(entry, _)| (entry, ())).collect()
}

/// The row inside `pane`'s border that screen row `row` is, if it is one.
fn row_in(pane: Rect, row: u16) -> Option<usize> {
    let inner_top = pane.y + 1;
    (row >= inner_top && row + 1 < pane.y + pane.height).then(|| usize::from(row - inner_top))
}

/// Focuses list `pane` and selects `entry`; true if it was already the
/// selected entry of the focused pane (a second click).
fn select(state: &mut State, pane: Focus, entry: Option<usize>) -> bool {
    let was_focused = state.focus == pane;
    state.focus = pane;
    let Some(entry) = entry else {
        return false;
    };
    let selected = match pane {
        Focus::Glossary => &mut state.reader.glossary_selected,
        Focus::Timeline => &mut state.reader.timeline_selected,
        Focus::Text => return false,
    };
    let again = was_focused && *selected == entry;
    *selected = entry;
    again
}

/// Selects the library row clicked; true if it was already selected.
fn click_library(state: &mut State, row: u16) -> bool {
    // The list fills the screen but its last row (the status line), inside
    // a border.
    let list = Rect {
        height: state.size.1.saturating_sub(1),
        ..Rect::new(0, 0, state.size.0, state.size.1)
    };
    let rows = library_rows(state);
    let selected = state.library.selected;
    let Some(position) =
        row_in(list, row).and_then(|y| entry_on_row(&rows, selected, list_height(Some(list)), y))
    else {
        return false;
    };
    state.library.selected = position;
    position == selected
}

/// The glossary term at a place in the text, if any.
fn term_at(state: &State, place: &TextPlace) -> Option<Mark> {
    marks_in(state.article(), place.block..place.block + 1)
        .into_iter()
        .find(|m| (m.start as usize..m.end as usize).contains(&place.at))
}

/// Selects the word at `place` as a search match is selected: marked, found
/// again with `n`, and the word `e` writes a note on.
fn select_word(state: &mut State, place: &TextPlace) {
    let text = &state.article().blocks[place.block].text;
    // Lines break between words, so the word is within the line.
    let line = &text[place.line.clone()];
    let Some((start, word)) = line
        .split_word_bound_indices()
        .map(|(i, w)| (place.line.start + i, w))
        .find(|&(i, w)| (i..i + w.len()).contains(&place.at))
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
    else {
        return;
    };
    let word = word.to_owned();
    state.search.finder = Finder::new(&word.to_lowercase());
    state.search.current = Some(Match {
        block: place.block,
        start,
        end: start + word.len(),
    });
    // A term chosen earlier with t/T would take the note instead.
    state.reader.current_mark = None;
    state.status = Some(format!("“{word}”: e writes a note on it, n finds it again"));
    state.search.typed = word;
}

/// Where in the text a cell is: a byte of a block, and the line drawn
/// there.
pub struct TextPlace {
    pub block: usize,
    pub at: usize,
    pub line: Range<usize>,
}

/// The block and byte of the text drawn at the cell, if text is drawn
/// there (not a prefix, a margin or the header).
pub fn text_position_at(state: &State, column: u16, row: u16) -> Option<TextPlace> {
    let area = text_area(state.panes().text?, state.settings.max_width);
    if !area.contains(Position::new(column, row)) {
        return None;
    }
    let reader = &state.reader;
    let shown = reader.visible.get(usize::from(row - area.y))?;
    let Item::Block(block) = reader.layout.item(shown.item) else {
        return None;
    };
    // Rows on screen were laid out by the last update.
    let lines = reader.layout.cached_lines(shown.item)?;
    let index = shown.line?;
    let line = lines.get(index)?;
    if line.part != Part::Text {
        return None;
    }
    let crate::core::model::Block { text, kind, .. } = state.article().blocks.get(block)?;
    let range = line.range.start as usize..line.range.end as usize;
    let column = usize::from(column - area.x).checked_sub(str_width(&prefix(kind, line)))?;
    let justify = state
        .justify_width(block, lines, index)
        .map(|width| Justify::new(&text[range.clone()], range.start, width));
    let at = offset_at_column(text, range.clone(), column, justify.as_ref())?;
    Some(TextPlace {
        block,
        at,
        line: range,
    })
}
