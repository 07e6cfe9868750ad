//! Everything that can happen to the reader, as data.

use serde::{Deserialize, Serialize};

/// An action. Key bindings map to the variants that have a name in the config
/// (`scroll_down`, `next_heading`, …); the rest come from the terminal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Line down in the text, or the next entry in a list pane.
    Down,
    Up,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    NextHeading,
    PreviousHeading,
    NextTerm,
    PreviousTerm,
    FocusNext,
    FocusPrevious,
    /// Jump to the selected entry's source (or next occurrence); in the text,
    /// open the current term's note.
    Activate,
    /// Show the note of the selected or current term as a popup.
    OpenNote,
    ToggleAidOnly,
    StartSearch,
    SearchNext,
    SearchPrevious,
    ToggleHelp,
    /// Show the library list, or go back to the article.
    ToggleLibrary,
    NextArticle,
    PreviousArticle,
    /// Library order: as opened, newest first, by title.
    CycleSort,
    /// Side panes: this article, or the whole library merged.
    ToggleScope,
    /// The article's headings, to jump to one.
    ShowOutline,
    /// The article's links, numbered; `Enter` opens one in the browser.
    ShowLinks,
    /// Write or change your own note on the selected or current term (or the
    /// search match); it applies to every article.
    EditNote,
    /// Bookmark the line at the top of the view.
    SetBookmark,
    /// Show the bookmarks popup (`Enter` jumps to the selected one).
    ListBookmarks,
    /// Close a popup, the help or the search prompt.
    Cancel,
    Quit,
    /// The terminal changed size (columns, rows).
    #[serde(skip)]
    Resize(u16, u16),
    /// Mouse wheel at a cell: positive `lines` scrolls down.
    #[serde(skip)]
    Wheel {
        column: u16,
        row: u16,
        lines: i16,
    },
    /// The main mouse button pressed at a cell.
    #[serde(skip)]
    Click {
        column: u16,
        row: u16,
    },
    /// The mouse moved to a cell with the main button held.
    #[serde(skip)]
    Drag {
        column: u16,
        row: u16,
    },
    /// A character typed into a prompt.
    #[serde(skip)]
    Input(char),
    /// Backspace in a prompt.
    #[serde(skip)]
    DeleteBack,
    /// Enter in a prompt.
    #[serde(skip)]
    Submit,
    /// Text pasted into the terminal.
    #[serde(skip)]
    Paste(String),
}

impl Action {
    /// One line for the help overlay.
    pub fn describe(&self) -> &'static str {
        match self {
            Action::Down => "line down / next entry",
            Action::Up => "line up / previous entry",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::HalfPageDown => "half page down",
            Action::HalfPageUp => "half page up",
            Action::Top => "go to the top",
            Action::Bottom => "go to the end",
            Action::NextHeading => "next heading",
            Action::PreviousHeading => "previous heading",
            Action::NextTerm => "next glossary term in the text",
            Action::PreviousTerm => "previous glossary term in the text",
            Action::FocusNext => "focus next pane",
            Action::FocusPrevious => "focus previous pane",
            Action::Activate => "jump to source / next occurrence; note of current term",
            Action::OpenNote => "show the note of the selected term",
            Action::ToggleAidOnly => "timeline: all events / aid only",
            Action::StartSearch => "search the text (in the library: titles, authors)",
            Action::SearchNext => "next match",
            Action::SearchPrevious => "previous match",
            Action::ToggleHelp => "this help",
            Action::ToggleLibrary => "library of open articles / back to the article",
            Action::NextArticle => "next article",
            Action::PreviousArticle => "previous article",
            Action::CycleSort => "library: sort as opened / newest first / by title",
            Action::ToggleScope => "glossary and timeline: this article / whole library",
            Action::ShowOutline => "outline: the article's headings",
            Action::ShowLinks => "links in the article (Enter opens in the browser)",
            Action::EditNote => "your own note on the selected term or search match",
            Action::SetBookmark => "bookmark the top line",
            Action::ListBookmarks => "list bookmarks (Enter jumps)",
            Action::Cancel => "close popup / search",
            Action::Quit => "quit",
            _ => "",
        }
    }
}
