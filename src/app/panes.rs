//! Where each pane goes for a terminal size: shared by `update` (page sizes,
//! wrap width, mouse hits) and the widgets (drawing), so both always agree.

use ratatui::layout::Rect;

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
        // Plain arithmetic rather than ratatui's `Layout`: its constraint
        // solver took 0.2 ms of the first frame for three splits this
        // simple. A test checks both give the same rectangles.
        let [main, status] = split_bottom_row(area);
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
            let [text, right] = split_right_column(main, width);
            panes.text = Some(text);
            for (i, pane) in shown.iter().enumerate() {
                let rect = Some(stacked_row(right, i, shown.len()));
                match pane {
                    Focus::Glossary => panes.glossary = rect,
                    Focus::Timeline => panes.timeline = rect,
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

/// A centred box of at most `width` × `height` cells: where a popup goes.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
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

/// `area` less its last row, and that row (empty when `area` is).
fn split_bottom_row(area: Rect) -> [Rect; 2] {
    let status_height = area.height.min(1);
    let main = Rect {
        height: area.height - status_height,
        ..area
    };
    let status = Rect {
        y: area.y + main.height,
        height: status_height,
        ..area
    };
    [main, status]
}

/// `area` less a column of `width` on its right, and that column (as wide
/// as `area` at most).
fn split_right_column(area: Rect, width: u16) -> [Rect; 2] {
    let width = width.min(area.width);
    let left = Rect {
        width: area.width - width,
        ..area
    };
    let right = Rect {
        x: area.x + left.width,
        width,
        ..area
    };
    [left, right]
}

/// Row `i` of `count` equal rows of `area`, rounding each boundary to the
/// nearest row, halves down the screen.
fn stacked_row(area: Rect, i: usize, count: usize) -> Rect {
    let boundary = |k: usize| {
        let rows = (usize::from(area.height) * k * 2 + count) / (count * 2);
        area.y + rows as u16
    };
    let (top, bottom) = (boundary(i), boundary(i + 1));
    Rect {
        y: top,
        height: bottom - top,
        ..area
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::{Constraint, Layout};

    /// The arithmetic gives what ratatui's `Layout` would: the panes were
    /// laid out with it before.
    #[test]
    fn the_splits_match_ratatuis_layout() {
        for (x, y) in [(0, 0), (3, 2)] {
            for height in 0..90 {
                for width in [0, 1, 35, 36, 37, 64, 65, 109, 110, 120, 168, 250] {
                    let area = Rect::new(x, y, width, height);
                    let [main, status] =
                        Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
                    assert_eq!(split_bottom_row(area), [main, status], "{area:?}");
                    let column = (width * 38 / 100).clamp(36, 64);
                    let [text, right] =
                        Layout::horizontal([Constraint::Min(0), Constraint::Length(column)])
                            .areas(main);
                    assert_eq!(split_right_column(main, column), [text, right], "{area:?}");
                    for count in 1..=3 {
                        let rows =
                            Layout::vertical(vec![Constraint::Ratio(1, count); count as usize])
                                .split(right);
                        for (i, row) in rows.iter().enumerate() {
                            assert_eq!(
                                stacked_row(right, i, count as usize),
                                *row,
                                "row {i} of {count} in {right:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}
