//! Terminal events to actions: through the keymap, or into the search prompt
//! while it is open.

use super::action::Action;
use super::state::State;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

/// Lines one wheel notch scrolls.
const WHEEL_LINES: i16 = 3;

pub fn translate(state: &State, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            if state.prompt.is_some() || state.note_editor.is_some() {
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                return match key.code {
                    KeyCode::Enter => Some(Action::Submit),
                    KeyCode::Esc => Some(Action::Cancel),
                    KeyCode::Backspace => Some(Action::DeleteBack),
                    KeyCode::Char('c') if ctrl => Some(Action::Cancel),
                    KeyCode::Char(c) if !ctrl => Some(Action::Input(c)),
                    _ => None,
                };
            }
            state.keymap.action_for(key)
        }
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Action::Wheel {
                column: mouse.column,
                row: mouse.row,
                lines: WHEEL_LINES,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel {
                column: mouse.column,
                row: mouse.row,
                lines: -WHEEL_LINES,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::Drag(MouseButton::Left) => Some(Action::Drag {
                column: mouse.column,
                row: mouse.row,
            }),
            _ => None,
        },
        Event::Resize(columns, rows) => Some(Action::Resize(*columns, *rows)),
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        _ => None,
    }
}
