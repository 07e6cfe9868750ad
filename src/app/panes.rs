//! Where each pane goes for a terminal size: shared by `update` (page sizes,
//! wrap width, mouse hits) and the widgets (drawing), so both always agree.

use ratatui::layout::{Constraint, Layout, Rect};

/// Terminals at least this wide show text, glossary and timeline side by side.
pub const WIDE_COLUMNS: u16 = 110;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Focus {
    #[default]
    Text,
    Glossary,
    Timeline,
}

impl Focus {
    pub fn next(self) -> Focus {
        match self {
            Focus::Text => Focus::Glossary,
            Focus::Glossary => Focus::Timeline,
            Focus::Timeline => Focus::Text,
        }
    }

    pub fn previous(self) -> Focus {
        self.next().next()
    }

    pub fn name(self) -> &'static str {
        match self {
            Focus::Text => "Text",
            Focus::Glossary => "Glossary",
            Focus::Timeline => "Timeline",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    /// The text pane including its border.
    pub text: Option<Rect>,
    pub glossary: Option<Rect>,
    pub timeline: Option<Rect>,
    pub status: Rect,
    /// All three panes are on screen at once.
    pub wide: bool,
}

impl Panes {
    /// Wide terminals: text left, glossary above timeline right. Narrow ones:
    /// the focused pane fills the screen.
    /// Wide terminals: text left, the shown side panes (`side`: glossary and
    /// timeline by default) stacked on the right. Narrow ones: the focused pane
    /// fills the screen.
    pub fn compute(area: Rect, focus: Focus, side: &[Focus]) -> Panes {
        let [main, status] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
        let shows = |f: Focus| side.contains(&f) || focus == f;
        let shown: Vec<Focus> = [Focus::Glossary, Focus::Timeline]
            .into_iter()
            .filter(|&f| shows(f))
            .collect();
        if area.width >= WIDE_COLUMNS {
            let mut panes = Panes {
                status,
                wide: true,
                text: Some(main),
                ..Panes::default()
            };
            if shown.is_empty() {
                return panes;
            }
            let width = (area.width * 38 / 100).clamp(36, 64);
            let [text, right] =
                Layout::horizontal([Constraint::Min(0), Constraint::Length(width)]).areas(main);
            panes.text = Some(text);
            let rows =
                Layout::vertical(vec![Constraint::Ratio(1, shown.len() as u32); shown.len()])
                    .split(right);
            for (pane, rect) in shown.iter().zip(rows.iter()) {
                match pane {
                    Focus::Glossary => panes.glossary = Some(*rect),
                    Focus::Timeline => panes.timeline = Some(*rect),
                    Focus::Text => {}
                }
            }
            panes
        } else {
            let mut panes = Panes {
                status,
                ..Panes::default()
            };
            match focus {
                Focus::Text => panes.text = Some(main),
                Focus::Glossary => panes.glossary = Some(main),
                Focus::Timeline => panes.timeline = Some(main),
            }
            panes
        }
    }

    /// The pane under a screen cell.
    pub fn hit(&self, column: u16, row: u16) -> Option<Focus> {
        let inside = |r: Option<Rect>| {
            r.is_some_and(|r| r.contains(ratatui::layout::Position { x: column, y: row }))
        };
        if inside(self.text) {
            Some(Focus::Text)
        } else if inside(self.glossary) {
            Some(Focus::Glossary)
        } else if inside(self.timeline) {
            Some(Focus::Timeline)
        } else {
            None
        }
    }
}

/// The text area inside the text pane: borders off, a column for the scrollbar,
/// and the reading measure centred.
pub fn text_area(pane: Rect, max_width: usize) -> Rect {
    let inner = Rect {
        x: pane.x.saturating_add(1),
        y: pane.y.saturating_add(1),
        width: pane.width.saturating_sub(3),
        height: pane.height.saturating_sub(2),
    };
    let width = (inner.width as usize).min(max_width.max(1)) as u16;
    let margin = (inner.width - width) / 2;
    Rect {
        x: inner.x + margin,
        width,
        ..inner
    }
}

/// The rows inside a list pane's border.
pub fn list_height(pane: Option<Rect>) -> usize {
    pane.map_or(10, |p| p.height.saturating_sub(2) as usize)
        .max(1)
}
