//! Styles, in one place, with a colourless variant for `NO_COLOR`.

use crate::app::state::Palette;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
    pub underline_terms: bool,
    /// The configurable colours (`[theme]` in the config file).
    pub palette: Palette,
}

impl Theme {
    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// Body text.
    pub fn text(&self) -> Style {
        // `Reset` leaves the style untouched so cells merge as before.
        if self.palette.text == Color::Reset {
            Style::new()
        } else {
            self.fg(self.palette.text)
        }
    }
    pub fn title(&self) -> Style {
        self.fg(self.palette.accent).add_modifier(Modifier::BOLD)
    }
    pub fn subtitle(&self) -> Style {
        Style::new().add_modifier(Modifier::ITALIC)
    }
    pub fn byline(&self) -> Style {
        self.fg(Color::Gray).add_modifier(Modifier::DIM)
    }
    pub fn notice(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::ITALIC)
    }
    pub fn heading(&self) -> Style {
        self.fg(self.palette.heading).add_modifier(Modifier::BOLD)
    }
    pub fn caption(&self) -> Style {
        self.fg(Color::Gray).add_modifier(Modifier::ITALIC)
    }
    pub fn credit(&self) -> Style {
        self.fg(Color::DarkGray).add_modifier(Modifier::ITALIC)
    }
    pub fn note(&self) -> Style {
        self.fg(Color::LightGreen)
    }
    pub fn note_bar(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }
    pub fn quote(&self) -> Style {
        Style::new().add_modifier(Modifier::ITALIC)
    }
    pub fn code(&self) -> Style {
        self.fg(Color::LightMagenta)
    }
    pub fn paywall(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }
    pub fn term(&self) -> Style {
        let style = self.fg(self.palette.term);
        if self.underline_terms || !self.color {
            style.add_modifier(Modifier::UNDERLINED)
        } else {
            style
        }
    }
    pub fn current_term(&self) -> Style {
        self.term().add_modifier(Modifier::REVERSED)
    }
    pub fn highlight(&self) -> Style {
        if self.color {
            Style::new().bg(self.palette.highlight)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }
    pub fn search_match(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(self.palette.search)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }
    /// The match `n` and `N` went to, apart from the others on screen.
    pub fn current_match(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(self.palette.current_match)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED)
        }
    }
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::LightCyan).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::DarkGray)
        }
    }
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }
    pub fn on_screen(&self) -> Style {
        self.fg(self.palette.accent).add_modifier(Modifier::BOLD)
    }
    pub fn dim(&self) -> Style {
        self.fg(Color::Gray).add_modifier(Modifier::DIM)
    }
    pub fn year(&self) -> Style {
        self.fg(Color::LightCyan).add_modifier(Modifier::BOLD)
    }
    pub fn status(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Gray)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }
}
