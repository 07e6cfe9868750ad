//! The pure state transition: `update(&mut State, Action)`. No I/O here.

use super::action::Action;
use super::library::Scope;
use super::panes::{Focus, list_height};
use super::search::Finder;
use super::state::{Bookmark, Match, Overlay, State, mark_beside, text_place};
use crate::core::layout::{Anchor, Item};
use crate::core::model::Span;
use crate::core::sanitize::sanitize_inline;
use crate::core::text::char_offset;

pub fn update(state: &mut State, action: Action) {
    apply(state, action);
    // Kept for the frame and the keys that follow.
    state.library.refresh_order(&state.articles);
}

fn apply(state: &mut State, action: Action) {
    // Any action but a resize or wheel turns a transient message off.
    if !matches!(
        action,
        Action::Resize(..) | Action::Wheel { .. } | Action::Drag { .. }
    ) {
        state.status = None;
    }
    if !matches!(action, Action::Bottom | Action::Resize(..)) {
        state.end_when_loaded = false;
    }
    if state.note_editor.is_some() && note_editor_action(state, &action) {
        state.refresh();
        return;
    }
    if state.prompt.is_some() && prompt_action(state, &action) {
        state.refresh();
        return;
    }
    let bookmarks_open = state.overlay == Some(Overlay::Bookmarks);
    if (bookmarks_open && bookmarks_action(state, &action))
        || overlay_action(state, &action)
        || library_action(state, &action)
    {
        state.refresh();
        return;
    }
    match action {
        Action::Resize(columns, rows) => resize(state, columns, rows),
        Action::ToggleLibrary => {
            state.library.shown = state.articles.len() > 1 && !state.library.shown;
            if state.articles.len() <= 1 {
                state.status = Some("Only one article is open".to_owned());
            }
        }
        Action::NextArticle => switch_article(state, 1),
        Action::PreviousArticle => switch_article(state, -1),
        Action::CycleSort => {}
        Action::ToggleScope => {
            state.library.scope = match state.library.scope {
                Scope::Article => Scope::Library,
                Scope::Library => Scope::Article,
            };
            state.library.ensure_merged(&state.articles);
            state.reader.glossary_selected = 0;
            state.reader.timeline_selected = 0;
            state.status = Some(match state.library.scope {
                Scope::Article => "Glossary and timeline: this article".to_owned(),
                Scope::Library => match state.articles.len() {
                    1 => "Glossary and timeline: the library (one article)".to_owned(),
                    n => format!("Glossary and timeline: all {n} articles"),
                },
            });
        }
        Action::EditNote => edit_note(state),
        Action::ShowLinks => {
            if state.article().meta.links.is_empty() {
                state.status = Some("This article has no links".to_owned());
            } else {
                state.overlay = Some(Overlay::Links(0));
            }
        }
        Action::ShowOutline => {
            if state.reader.headings.is_empty() {
                state.status = Some("This article has no headings".to_owned());
            } else {
                state.overlay = Some(Overlay::Outline(0));
            }
        }
        Action::Down => move_in_focus(state, 1),
        Action::Up => move_in_focus(state, -1),
        Action::PageDown => move_in_focus(state, page(state) as isize),
        Action::PageUp => move_in_focus(state, -(page(state) as isize)),
        Action::HalfPageDown => move_in_focus(state, (page(state) / 2).max(1) as isize),
        Action::HalfPageUp => move_in_focus(state, -((page(state) / 2).max(1) as isize)),
        Action::Top => match state.focus {
            Focus::Text => state.reader.anchor = Anchor::default(),
            Focus::Glossary => state.reader.glossary_selected = 0,
            Focus::Timeline => state.reader.timeline_selected = 0,
        },
        Action::Bottom => match state.focus {
            Focus::Text => {
                let height = state.text_viewport().1;
                let article = &state.articles[state.current];
                state.reader.anchor = state.reader.layout.last_anchor(article, height);
                if state.is_loading(state.current) {
                    state.end_when_loaded = true;
                    state.status = Some(
                        "End of what has loaded; the real end follows when it is in…".to_owned(),
                    );
                }
            }
            Focus::Glossary => {
                state.reader.glossary_selected = state.glossary_len().saturating_sub(1)
            }
            Focus::Timeline => {
                state.reader.timeline_selected = state.timeline_entries().len().saturating_sub(1)
            }
        },
        Action::NextHeading => heading(state, true),
        Action::PreviousHeading => heading(state, false),
        Action::NextTerm => term(state, true),
        Action::PreviousTerm => term(state, false),
        Action::FocusNext => state.focus = state.focus.next(),
        Action::FocusPrevious => state.focus = state.focus.previous(),
        Action::Activate => activate(state),
        Action::OpenNote => open_note(state),
        Action::ToggleAidOnly => {
            state.aid_only = !state.aid_only;
            let count = state.timeline_entries().len();
            state.reader.timeline_selected =
                state.reader.timeline_selected.min(count.saturating_sub(1));
            state.status = Some(
                if state.aid_only {
                    "Timeline: aid and commitments only"
                } else {
                    "Timeline: all events"
                }
                .to_owned(),
            );
        }
        Action::StartSearch => state.prompt = Some(String::new()),
        Action::SearchNext => search_step(state, true),
        Action::SearchPrevious => search_step(state, false),
        Action::ToggleHelp => {
            state.overlay = match state.overlay {
                Some(Overlay::Help(_)) => None,
                _ => Some(Overlay::Help(0)),
            }
        }
        Action::SetBookmark => set_bookmark(state),
        Action::ListBookmarks => {
            if state.reader.bookmarks.is_empty() {
                state.status = Some("No bookmarks yet: press m to set one".to_owned());
            } else {
                let count = state.reader.bookmarks.len();
                state.reader.bookmark_selected = state.reader.bookmark_selected.min(count - 1);
                state.overlay = Some(Overlay::Bookmarks);
            }
        }
        Action::Cancel => {
            if state.overlay.is_some() {
                state.overlay = None;
            } else {
                state.reader.highlight = None;
                state.search.current = None;
                state.reader.current_mark = None;
            }
        }
        Action::Quit => state.should_quit = true,
        Action::Wheel { column, row, lines } => wheel(state, column, row, lines),
        Action::Drag { column, row } => super::click::drag(state, column, row),
        Action::Click { column, row } => {
            // A second click on an entry follows it, as Enter does.
            if super::click::click(state, column, row) {
                apply(state, Action::Activate);
            }
        }
        Action::Input(_) | Action::DeleteBack | Action::Submit | Action::Paste(_) => {}
    }
    state.refresh();
}

/// Typing, pasting and deleting in a one-line text field (the search prompt,
/// the note editor); true if `action` was one of those. Typed and pasted
/// text passes the sanitizer like all other text.
fn edit_line(text: &mut String, action: &Action) -> bool {
    match action {
        Action::Input(c) => append_inline(text, &c.to_string()),
        Action::Paste(pasted) => append_inline(text, pasted),
        Action::DeleteBack => {
            text.pop();
        }
        _ => return false,
    }
    true
}

/// Appends typed or pasted text to a one-line field, sanitized. Spaces at its
/// edges become one space between words: sanitizing a typed space alone gave
/// nothing, so no search or note could have two words. Submitting trims.
fn append_inline(text: &mut String, added: &str) {
    let clean = sanitize_inline(added);
    let space_before = added.starts_with(char::is_whitespace);
    let space_after = added.ends_with(char::is_whitespace) && !clean.is_empty();
    if space_before && !text.is_empty() && !text.ends_with(' ') {
        text.push(' ');
    }
    text.push_str(&clean);
    if space_after {
        text.push(' ');
    }
}

/// Handles an action while the search prompt is open; false if it is not a
/// prompt action (so it applies as usual).
fn prompt_action(state: &mut State, action: &Action) -> bool {
    let Some(prompt) = state.prompt.as_mut() else {
        return false;
    };
    if edit_line(prompt, action) {
        return true;
    }
    match action {
        Action::Cancel => state.prompt = None,
        Action::Submit => {
            let typed = sanitize_inline(prompt);
            let query = typed.to_lowercase();
            state.prompt = None;
            if query.is_empty() {
                return true;
            }
            state.search.finder = Finder::new(&query);
            state.search.typed = typed;
            state.search.current = None;
            if state.library.shown {
                find_title(state, true, true);
            } else {
                search_from_view(state);
            }
        }
        _ => return false,
    }
    true
}

/// Words of the top line that label a new bookmark.
const LABEL_WORDS: usize = 6;

fn set_bookmark(state: &mut State) {
    let position = state.position();
    let reader = &state.reader;
    if reader.bookmarks.iter().any(|b| b.position() == position) {
        state.status = Some("Already bookmarked here".to_owned());
        return;
    }
    let words: Vec<&str> = state
        .top_line_text()
        .unwrap_or_default()
        .split_whitespace()
        .take(LABEL_WORDS)
        .collect();
    let label = if words.is_empty() {
        state
            .article()
            .meta
            .title
            .clone()
            .unwrap_or_else(|| "Start".to_owned())
    } else {
        words.join(" ")
    };
    let bookmarks = &mut state.reader.bookmarks;
    let at = bookmarks.partition_point(|b| b.position() < position);
    bookmarks.insert(
        at,
        Bookmark {
            block: position.block,
            offset: position.offset,
            label: label.clone(),
        },
    );
    state.reader.bookmark_selected = at;
    state.status = Some(format!("Bookmarked: {label} — ' lists bookmarks"));
}

/// Keys while the bookmarks popup is open; false lets the action apply as usual.
fn bookmarks_action(state: &mut State, action: &Action) -> bool {
    let count = state.reader.bookmarks.len();
    let selected = &mut state.reader.bookmark_selected;
    match action {
        Action::Down => *selected = step(*selected, 1, count),
        Action::Up => *selected = step(*selected, -1, count),
        Action::Top => *selected = 0,
        Action::Bottom => *selected = count.saturating_sub(1),
        Action::ListBookmarks | Action::Cancel => state.overlay = None,
        Action::Activate => {
            state.overlay = None;
            if let Some(mark) = state.reader.bookmarks.get(*selected).cloned() {
                state.go_to(mark.position());
                state.status = Some(format!("Bookmark: {}", mark.label));
            }
        }
        _ => return false,
    }
    true
}

fn resize(state: &mut State, columns: u16, rows: u16) {
    // Keep the reading position: remember the text offset at the top row and
    // find it again after rewrapping.
    let top = top_position(state);
    state.size = (columns, rows);
    let (width, _) = state.text_viewport();
    let article = &state.articles[state.current];
    let reader = &mut state.reader;
    reader.layout.set_width(width);
    if let Some((item, byte)) = top {
        reader.anchor = Anchor {
            item,
            row: reader.layout.row_of_byte(article, item, byte),
        };
    }
}

/// The item and byte offset of the text at the top of the view.
fn top_position(state: &State) -> Option<(usize, usize)> {
    let row = state.reader.visible.first()?;
    let lines = state.reader.layout.cached_lines(row.item)?;
    let byte = row
        .line
        .and_then(|l| lines.get(l))
        .map_or(0, |l| l.range.start as usize);
    Some((row.item, byte))
}

fn page(state: &State) -> usize {
    match state.focus {
        Focus::Text => state.text_viewport().1.saturating_sub(1).max(1),
        Focus::Glossary => list_height(state.panes().glossary),
        Focus::Timeline => list_height(state.panes().timeline),
    }
}

fn move_in_focus(state: &mut State, delta: isize) {
    match state.focus {
        Focus::Text => scroll_text(state, delta),
        Focus::Glossary => {
            let len = state.glossary_len();
            state.reader.glossary_selected = step(state.reader.glossary_selected, delta, len);
        }
        Focus::Timeline => {
            let len = state.timeline_entries().len();
            state.reader.timeline_selected = step(state.reader.timeline_selected, delta, len);
        }
    }
}

fn step(current: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    current.saturating_add_signed(delta).min(len - 1)
}

fn scroll_text(state: &mut State, delta: isize) {
    let height = state.text_viewport().1;
    let article = &state.articles[state.current];
    let reader = &mut state.reader;
    reader.anchor = if delta >= 0 {
        reader
            .layout
            .scroll_down(article, reader.anchor, delta as usize, height)
    } else {
        reader
            .layout
            .scroll_up(article, reader.anchor, delta.unsigned_abs())
    };
}

fn wheel(state: &mut State, column: u16, row: u16, lines: i16) {
    let Some(pane) = state.panes().hit(column, row) else {
        return;
    };
    let saved = state.focus;
    state.focus = pane;
    move_in_focus(state, lines as isize);
    state.focus = saved;
}

fn heading(state: &mut State, forward: bool) {
    let reader = &state.reader;
    let current = match reader.layout.item(reader.anchor.item) {
        Item::Block(b) => Some(b),
        Item::Header(_) => None,
        Item::Trailer(_) => Some(usize::MAX),
    };
    let target = if forward {
        reader
            .headings
            .iter()
            .find(|&&h| current.is_none_or(|c| h > c))
            .copied()
    } else {
        let at_top_of_block = reader.anchor.row == 0;
        reader
            .headings
            .iter()
            .rev()
            .find(|&&h| current.is_some_and(|c| h < c || (h == c && !at_top_of_block)))
            .copied()
    };
    match target {
        Some(block) => goto_heading(state, block),
        None if !forward => state.reader.anchor = Anchor::default(),
        None => state.status = Some("No more headings".to_owned()),
    }
}

/// `t` / `T`: the next or previous marked term after the current one (or the
/// top of the view), shown and highlighted.
fn term(state: &mut State, forward: bool) {
    let article = state.article();
    if article.glossary.iter().all(|e| e.occurrences.is_empty()) {
        state.status = Some("No glossary terms in this article".to_owned());
        return;
    }
    // From the selected term, or else from the top of the view.
    let selected = state.reader.current_mark.and_then(|m| {
        let text = &article.blocks.get(m.block as usize)?.text;
        let start = (m.start as usize).min(text.len());
        Some(text_place(m.block, char_offset(text, start) as u32))
    });
    let place = selected.unwrap_or_else(|| {
        let top = text_place(*state.visible_blocks().start() as u32, 0);
        if forward { top - 1 } else { top }
    });
    let next = mark_beside(article, place, forward);
    let Some(mark) = next else {
        state.status = Some(
            if forward {
                "No more terms below"
            } else {
                "No more terms above"
            }
            .to_owned(),
        );
        return;
    };
    state.reader.current_mark = Some(mark);
    let text = &state.article().blocks[mark.block as usize].text;
    let span = Span {
        block: mark.block,
        start: char_offset(text, mark.start as usize) as u32,
        end: char_offset(text, mark.end as usize) as u32,
    };
    show_span(state, span);
    let entry = &state.article().glossary[mark.entry as usize];
    state.status = Some(format!("{} — press Enter for its note", entry.term));
}

fn activate(state: &mut State) {
    match state.focus {
        Focus::Text => {
            if state.reader.current_mark.is_some() {
                open_note(state);
            }
        }
        Focus::Glossary if state.library.scope == Scope::Library => {
            let selected = state.reader.glossary_selected;
            let Some(merged) = state.library.merged_glossary.get(selected) else {
                return;
            };
            let count = merged.sources.len();
            if count == 0 {
                return;
            }
            let n = state.library.merged_cursor[selected] % count;
            let source = merged.sources[n];
            let term = merged.entry.term.clone();
            state.library.merged_cursor[selected] = (n + 1) % count;
            if source.article != state.current {
                state.open_article(source.article);
            }
            show_span(state, source.span);
            state.status = Some(format!(
                "{term}: occurrence {} of {count} in the library",
                n + 1
            ));
            show_text_if_alone(state);
        }
        Focus::Timeline if state.library.scope == Scope::Library => {
            let Some(i) = state.timeline_entries().get(state.reader.timeline_selected) else {
                return;
            };
            let Some(&source) = state.library.merged_timeline[i].sources.first() else {
                return;
            };
            if source.article != state.current {
                state.open_article(source.article);
            }
            show_span(state, source.span);
            show_text_if_alone(state);
        }
        Focus::Glossary => {
            let selected = state.reader.glossary_selected;
            let Some(entry) = state.article().glossary.get(selected) else {
                return;
            };
            let count = entry.occurrences.len();
            if count == 0 {
                return;
            }
            let n = state.reader.glossary_cursor[selected] % count;
            let span = entry.occurrences[n];
            let term = entry.term.clone();
            state.reader.glossary_cursor[selected] = (n + 1) % count;
            show_span(state, span);
            state.status = Some(format!("{term}: occurrence {} of {count}", n + 1));
            show_text_if_alone(state);
        }
        Focus::Timeline => {
            if let Some(span) = state.selected_event().map(|e| e.source) {
                show_span(state, span);
                show_text_if_alone(state);
            }
        }
    }
}

/// On a terminal too narrow for panes side by side, the list covers the
/// text, so a jump from it would not be seen: the text is shown, and the
/// status line says how to go back to the list (its place is kept).
fn show_text_if_alone(state: &mut State) {
    if state.panes().wide || state.focus == Focus::Text {
        return;
    }
    let back = match state.focus {
        Focus::Glossary => "Tab: back to the glossary",
        _ => "Backtab: back to the timeline",
    };
    state.focus = Focus::Text;
    state.status = Some(match state.status.take() {
        Some(status) => format!("{status} · {back}"),
        None => back.to_owned(),
    });
}

fn open_note(state: &mut State) {
    let entry = match state.focus {
        Focus::Glossary if state.library.scope == Scope::Library => {
            let selected = state.reader.glossary_selected;
            let term = state
                .library
                .merged_glossary
                .get(selected)
                .map(|m| m.entry.term.to_lowercase());
            term.and_then(|t| {
                state
                    .article()
                    .glossary
                    .iter()
                    .position(|e| e.term.to_lowercase() == t)
            })
        }
        Focus::Glossary => Some(state.reader.glossary_selected),
        _ => state.reader.current_mark.map(|m| m.entry as usize),
    };
    if let Some(entry) = entry.filter(|&e| e < state.article().glossary.len()) {
        state.overlay = Some(Overlay::Note(entry));
    }
}

/// Scrolls so that `span` is on screen (a third of the way down when it was
/// not) and highlights it.
fn show_span(state: &mut State, span: Span) {
    let height = state.text_viewport().1;
    let article = &state.articles[state.current];
    let Some(block) = article.blocks.get(span.block as usize) else {
        return;
    };
    let reader = &mut state.reader;
    let item = reader.layout.item_of_block(span.block as usize);
    let byte = block.text.byte_offset(span.start as usize);
    let row = reader.layout.row_of_byte(article, item, byte);
    let target = Anchor { item, row };
    let on_screen = reader
        .visible
        .iter()
        .any(|r| r.item == item && r.line == Some(row));
    if !on_screen {
        let above = reader.layout.scroll_up(article, target, height / 3);
        let limit = reader.layout.last_anchor(article, height);
        reader.anchor = above.min(limit);
    }
    reader.highlight = Some(span);
}

/// First match at or after the top of the view, wrapping around.
fn search_from_view(state: &mut State) {
    let start_block = *state.visible_blocks().start();
    let found = find_forward(state, start_block, 0);
    let wrapped = found.is_none();
    let found = found.or_else(|| find_forward(state, 0, 0));
    goto_match(state, found, wrapped.then_some("the top"));
}

fn search_step(state: &mut State, forward: bool) {
    if state.search.finder.query().is_empty() {
        state.status = Some("No search yet: press / to search".to_owned());
        return;
    }
    // Past the last match the search goes round, and says so, as less and
    // vim do: otherwise `n` seems to jump back for no reason.
    let (found, wrapped_to) = match (state.search.current, forward) {
        (Some(m), true) => match find_forward(state, m.block, m.start + 1) {
            Some(found) => (Some(found), None),
            None => (find_forward(state, 0, 0), Some("the top")),
        },
        (Some(m), false) => match find_backward(state, m.block, m.start) {
            Some(found) => (Some(found), None),
            None => {
                let last = state.article().blocks.len();
                let found = find_backward(state, last.saturating_sub(1), usize::MAX);
                (found, Some("the end"))
            }
        },
        (None, _) => {
            search_from_view(state);
            return;
        }
    };
    goto_match(state, found, wrapped_to);
}

/// Shows `found`, or says nothing was; `wrapped_to` names where the search
/// went round to.
fn goto_match(state: &mut State, found: Option<Match>, wrapped_to: Option<&str>) {
    let query = &state.search.typed;
    match found {
        Some(m) => {
            let position = match_position(state, m).map(|(n, of)| format!(" — {n} of {of}"));
            let status = match wrapped_to {
                Some(place) => format!(
                    "/{query}{} — search went round to {place}",
                    position.unwrap_or_default()
                ),
                None => format!("/{query}{}", position.unwrap_or_default()),
            };
            state.search.current = Some(m);
            let text = &state.article().blocks[m.block].text;
            let span = Span {
                block: m.block as u32,
                start: char_offset(text, m.start) as u32,
                end: char_offset(text, m.end) as u32,
            };
            show_span(state, span);
            state.reader.highlight = None;
            state.status = Some(status);
        }
        None => state.status = Some(format!("Not found: {query}")),
    }
}

/// The largest article whose matches are counted for the status line
/// ("3 of 12"): counting reads the whole text at every `n` or `N`, which
/// must stay well inside a frame (at 500 KB, counting "the" made `n` take
/// 1.4 ms instead of 0.7 on the pty); a larger one shows the query alone.
const COUNTED_TEXT: usize = 256 * 1024;

/// Which match `m` is, and of how many, in a small enough article.
fn match_position(state: &State, m: Match) -> Option<(usize, usize)> {
    let blocks = &state.article().blocks;
    // Summed only as far as the limit: a 100 MB document's 400,000 blocks
    // are not walked at every `n`.
    blocks.iter().try_fold(0, |sum, b| {
        Some(sum + b.text.len()).filter(|&s| s <= COUNTED_TEXT)
    })?;
    let finder = &state.search.finder;
    let (mut before, mut total) = (0, 0);
    for (i, block) in blocks.iter().enumerate() {
        let at = match i.cmp(&m.block) {
            std::cmp::Ordering::Less => usize::MAX,
            std::cmp::Ordering::Equal => m.start,
            std::cmp::Ordering::Greater => 0,
        };
        let (earlier, all) = finder.count(&block.text, at);
        before += earlier;
        total += all;
    }
    Some((before + 1, total))
}

fn find_forward(state: &State, block: usize, from: usize) -> Option<Match> {
    let finder = &state.search.finder;
    state
        .article()
        .blocks
        .iter()
        .enumerate()
        .skip(block)
        .find_map(|(i, b)| {
            let from = if i == block { from } else { 0 };
            finder.first_from(&b.text, from).map(|(s, e)| Match {
                block: i,
                start: s,
                end: e,
            })
        })
}

fn find_backward(state: &State, block: usize, before: usize) -> Option<Match> {
    let finder = &state.search.finder;
    let blocks = &state.article().blocks;
    (0..=block.min(blocks.len().saturating_sub(1)))
        .rev()
        .find_map(|i| {
            let before = if i == block { before } else { usize::MAX };
            finder
                .last_before(&blocks[i].text, before)
                .map(|(s, e)| Match {
                    block: i,
                    start: s,
                    end: e,
                })
        })
}

/// Keys while a popup that takes them (the outline) is open; true if handled.
fn overlay_action(state: &mut State, action: &Action) -> bool {
    match state.overlay {
        Some(Overlay::Help(top)) => help_action(state, action, top),
        Some(Overlay::Outline(selected)) => outline_action(state, action, selected),
        Some(Overlay::Links(selected)) => links_action(state, action, selected),
        _ => false,
    }
}

/// Scrolls the key list: on a small terminal (80×24) it is longer than the
/// screen.
fn help_action(state: &mut State, action: &Action, top: usize) -> bool {
    const PAGE: isize = 10;
    let count = state.keymap.describe().len();
    let top = match action {
        Action::Down => step(top, 1, count),
        Action::Up => step(top, -1, count),
        Action::PageDown | Action::HalfPageDown => step(top, PAGE, count),
        Action::PageUp | Action::HalfPageUp => step(top, -PAGE, count),
        Action::Top => 0,
        Action::Bottom => count.saturating_sub(1),
        Action::Cancel => {
            state.overlay = None;
            return true;
        }
        Action::Quit => {
            state.should_quit = true;
            return true;
        }
        _ => return false,
    };
    state.overlay = Some(Overlay::Help(top));
    true
}

fn links_action(state: &mut State, action: &Action, selected: usize) -> bool {
    let count = state.article().meta.links.len();
    match action {
        Action::Down => state.overlay = Some(Overlay::Links(step(selected, 1, count))),
        Action::Up => state.overlay = Some(Overlay::Links(step(selected, -1, count))),
        Action::Top => state.overlay = Some(Overlay::Links(0)),
        Action::Bottom => state.overlay = Some(Overlay::Links(count.saturating_sub(1))),
        Action::Activate => {
            if let Some(url) = state
                .article()
                .meta
                .links
                .get(selected)
                .map(|l| l.url.clone())
            {
                state.status = Some(format!("Opening {url}"));
                state.open_url = Some(url);
            }
        }
        Action::Cancel | Action::ShowLinks => state.overlay = None,
        Action::Quit => state.should_quit = true,
        _ => return false,
    }
    true
}

fn outline_action(state: &mut State, action: &Action, selected: usize) -> bool {
    let count = state.reader.headings.len();
    match action {
        Action::Down => state.overlay = Some(Overlay::Outline(step(selected, 1, count))),
        Action::Up => state.overlay = Some(Overlay::Outline(step(selected, -1, count))),
        Action::Top => state.overlay = Some(Overlay::Outline(0)),
        Action::Bottom => state.overlay = Some(Overlay::Outline(count.saturating_sub(1))),
        Action::Activate => {
            state.overlay = None;
            if let Some(&block) = state.reader.headings.get(selected) {
                goto_heading(state, block);
            }
        }
        Action::Cancel | Action::ShowOutline => state.overlay = None,
        Action::Quit => state.should_quit = true,
        _ => return false,
    }
    true
}

/// Keys while the library list fills the screen; true if handled.
fn library_action(state: &mut State, action: &Action) -> bool {
    if !state.library.shown {
        return false;
    }
    let count = state.articles.len();
    let selected = state.library.selected;
    match action {
        Action::Down => state.library.selected = step(selected, 1, count),
        Action::Up => state.library.selected = step(selected, -1, count),
        Action::PageDown | Action::HalfPageDown => {
            state.library.selected = step(selected, 10, count)
        }
        Action::PageUp | Action::HalfPageUp => state.library.selected = step(selected, -10, count),
        Action::Top => state.library.selected = 0,
        Action::Bottom => state.library.selected = count.saturating_sub(1),
        // The list covers the panes: the wheel moves through it, never the
        // article hidden behind.
        Action::Wheel { lines, .. } => {
            state.library.selected = step(selected, *lines as isize, count)
        }
        Action::CycleSort => {
            // Keep the same article selected across the re-sort.
            let article = state.library.order(&state.articles)[selected];
            state.library.sort = state.library.sort.next();
            let order = state.library.order(&state.articles);
            state.library.selected = order.iter().position(|&a| a == article).unwrap_or(0);
            state.status = Some(format!("Library sorted {}", state.library.sort.name()));
        }
        Action::Activate => {
            let article = state.library.order(&state.articles)[selected];
            state.open_article(article);
        }
        Action::ToggleLibrary | Action::Cancel => state.library.shown = false,
        Action::SearchNext => find_title(state, true, false),
        Action::SearchPrevious => find_title(state, false, false),
        // Keys about the article the list hides: acted on there unseen, a
        // note editor would take the next keys typed into the list.
        Action::NextHeading
        | Action::PreviousHeading
        | Action::NextTerm
        | Action::PreviousTerm
        | Action::FocusNext
        | Action::FocusPrevious
        | Action::OpenNote
        | Action::ToggleAidOnly
        | Action::ShowOutline
        | Action::ShowLinks
        | Action::EditNote
        | Action::SetBookmark
        | Action::ListBookmarks => {
            state.status = Some("Open an article first: Enter".to_owned());
        }
        _ => return false,
    }
    true
}

/// In the library, a search selects the next (or previous) article whose
/// title has the query, from the selected one (`inclusive`: a new search may
/// stop on it), wrapping around.
fn find_title(state: &mut State, forward: bool, inclusive: bool) {
    let query = state.search.typed.clone();
    if query.is_empty() {
        state.status = Some("No search yet: press / to search".to_owned());
        return;
    }
    let order = state.library.order(&state.articles);
    let count = order.len();
    let selected = state.library.selected;
    let first = usize::from(!inclusive);
    let found = (first..first + count)
        .map(|k| {
            if forward {
                (selected + k) % count
            } else {
                (selected + count * 2 - k) % count
            }
        })
        .find(|&row| {
            let meta = &state.articles[order[row]].meta;
            // What the library row shows of an article, and its byline.
            let fields = [
                Some(meta.display_title()),
                meta.subtitle.as_deref(),
                meta.author.as_deref(),
                meta.publication.as_deref(),
                meta.section.as_deref(),
            ];
            fields
                .into_iter()
                .flatten()
                .any(|field| state.search.finder.first_from(field, 0).is_some())
        });
    state.status = Some(match found {
        Some(row) => {
            state.library.selected = row;
            format!("Article matches “{query}”")
        }
        None => format!("No article title, author or publication contains “{query}”"),
    });
}

fn switch_article(state: &mut State, delta: isize) {
    let order = state.library.order(&state.articles).into_owned();
    let Some(position) = order.iter().position(|&a| a == state.current) else {
        return;
    };
    let target = position.saturating_add_signed(delta);
    match order.get(target) {
        Some(&article) if target != position => {
            state.library.selected = target;
            state.open_article(article);
            let title = state.article().meta.display_title().to_owned();
            state.status = Some(format!(
                "Article {} of {}: {title}",
                target + 1,
                order.len()
            ));
        }
        _ => {
            state.status = Some(
                if delta > 0 {
                    "This is the last article"
                } else {
                    "This is the first article"
                }
                .to_owned(),
            )
        }
    }
}

fn goto_heading(state: &mut State, block: usize) {
    let height = state.text_viewport().1;
    let article = &state.articles[state.current];
    let reader = &mut state.reader;
    let item = reader.layout.item_of_block(block);
    let limit = reader.layout.last_anchor(article, height);
    reader.anchor = Anchor { item, row: 0 }.min(limit);
}

/// `e`: the term to annotate is the selected glossary entry, the current term
/// in the text, or else the current search match.
fn edit_note(state: &mut State) {
    let entry_term = |i: usize| state.article().glossary.get(i).map(|e| e.term.clone());
    let term = match state.focus {
        Focus::Glossary if state.library.scope == Scope::Library => state
            .library
            .merged_glossary
            .get(state.reader.glossary_selected)
            .map(|m| m.entry.term.clone()),
        Focus::Glossary => entry_term(state.reader.glossary_selected),
        _ => state
            .reader
            .current_mark
            .and_then(|m| entry_term(m.entry as usize))
            .or_else(|| {
                let m = state.search.current?;
                Some(state.article().blocks[m.block].text[m.start..m.end].to_owned())
            }),
    };
    let Some(term) = term else {
        state.status = Some(
            "Select a term (glossary pane, t/T, or a search match) to write a note".to_owned(),
        );
        return;
    };
    let current = state
        .user_notes
        .entries
        .iter()
        .find(|e| e.term.eq_ignore_ascii_case(&term))
        .map(|e| e.definition.clone())
        .unwrap_or_default();
    state.note_editor = Some((term, current));
}

fn note_editor_action(state: &mut State, action: &Action) -> bool {
    let Some((term, text)) = state.note_editor.as_mut() else {
        return false;
    };
    if edit_line(text, action) {
        return true;
    }
    match action {
        Action::Cancel => state.note_editor = None,
        Action::Submit => {
            let (term, text) = (term.clone(), sanitize_inline(text));
            state.note_editor = None;
            state.set_user_note(&term, &text);
            state.status = Some(if text.is_empty() {
                format!("Note on {term} removed")
            } else {
                format!("Note on {term} saved for every article")
            });
        }
        // The text behind the editor is laid out for the new size.
        Action::Resize(..) => return false,
        _ => return true,
    }
    true
}
