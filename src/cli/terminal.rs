//! The terminal's lifecycle: enter raw mode and the alternate screen, and put
//! everything back exactly once, whether gloss quits, panics or is signalled.

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::{self, BufWriter, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};

pub type Tui = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// How much of a frame is gathered before it is written. The backend
/// writes each cell on its own, which straight to standard output costs a
/// lock and a newline scan per cell; chunks this small still put the first
/// rows on screen while the rest of the frame is encoded.
const FRAME_CHUNK: usize = 2048;

/// True while the terminal is in gloss's modes; restore happens once per entry.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// A terminal for gloss's frames, not yet in any of its modes. Its two
/// frame buffers are fresh memory (about 0.2 ms of page faults at 120x40),
/// so the reader prepares it on another thread while it parses.
pub fn prepare() -> io::Result<Tui> {
    Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
        FRAME_CHUNK,
        io::stdout(),
    )))
}

/// Enters raw mode, the alternate screen, mouse capture and bracketed paste.
pub fn enter(prepared: Tui) -> io::Result<Tui> {
    install_panic_hook();
    enter_modes()?;
    Ok(prepared)
}

fn enter_modes() -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        Hide
    )
}

/// Leaves every mode `enter` set, once: later calls do nothing. Errors are
/// ignored because this also runs while panicking.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = execute!(
            io::stdout(),
            DisableBracketedPaste,
            DisableMouseCapture,
            LeaveAlternateScreen,
            Show
        );
        let _ = disable_raw_mode();
    }
}

/// Ctrl-Z: give the terminal back, stop, and take it again on `fg`.
#[cfg(unix)]
pub fn suspend(terminal: &mut Tui) -> io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    // Execution continues here after SIGCONT.
    enter_modes()?;
    repaint_all(terminal)
}

/// Clears the screen and makes the next frame draw every cell, for a
/// terminal whose screen someone else used meanwhile. `Terminal::clear`
/// would ask the terminal where its cursor is, and the input thread, blocked
/// reading keys, takes the answer: gloss then gave up after two seconds
/// ("the cursor position could not be read"). Resizing a full-screen
/// terminal to its size does the same without asking.
pub fn repaint_all<B: ratatui::backend::Backend>(
    terminal: &mut Terminal<B>,
) -> Result<(), B::Error> {
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

#[cfg(not(unix))]
pub fn suspend(_terminal: &mut Tui) -> io::Result<()> {
    Ok(())
}

fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Restore first so the panic message lands on the normal screen.
        restore();
        previous(info);
        // Best effort: keep the reading position the panic would lose.
        super::store::save_on_panic();
    }));
}

#[cfg(test)]
mod tests {
    use super::repaint_all;
    use ratatui::Terminal;
    use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
    use ratatui::buffer::{Buffer, Cell};
    use ratatui::layout::{Position, Size};
    use ratatui::widgets::Paragraph;

    /// A terminal that cannot answer where its cursor is, as when another
    /// thread is reading the terminal's input.
    struct NoCursorQuery(TestBackend);

    impl Backend for NoCursorQuery {
        type Error = std::io::Error;
        fn draw<'a, I: Iterator<Item = (u16, u16, &'a Cell)>>(
            &mut self,
            content: I,
        ) -> std::io::Result<()> {
            self.0.draw(content).map_err(std::io::Error::other)
        }
        fn hide_cursor(&mut self) -> std::io::Result<()> {
            self.0.hide_cursor().map_err(std::io::Error::other)
        }
        fn show_cursor(&mut self) -> std::io::Result<()> {
            self.0.show_cursor().map_err(std::io::Error::other)
        }
        fn get_cursor_position(&mut self) -> std::io::Result<Position> {
            Err(std::io::Error::other(
                "the cursor position could not be read",
            ))
        }
        fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> std::io::Result<()> {
            self.0
                .set_cursor_position(position)
                .map_err(std::io::Error::other)
        }
        fn clear(&mut self) -> std::io::Result<()> {
            self.0.clear().map_err(std::io::Error::other)
        }
        fn clear_region(&mut self, clear_type: ClearType) -> std::io::Result<()> {
            self.0
                .clear_region(clear_type)
                .map_err(std::io::Error::other)
        }
        fn size(&self) -> std::io::Result<Size> {
            self.0.size().map_err(std::io::Error::other)
        }
        fn window_size(&mut self) -> std::io::Result<WindowSize> {
            self.0.window_size().map_err(std::io::Error::other)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.0.flush().map_err(std::io::Error::other)
        }
    }

    #[test]
    fn repainting_after_a_suspend_never_asks_for_the_cursor_and_redraws_every_cell() {
        let mut terminal = Terminal::new(NoCursorQuery(TestBackend::new(12, 2))).unwrap();
        let frame = |terminal: &mut Terminal<NoCursorQuery>| {
            terminal
                .draw(|f| f.render_widget(Paragraph::new("gloss"), f.area()))
                .unwrap();
        };
        frame(&mut terminal);
        // The shell wrote over the screen while gloss was stopped.
        terminal.backend_mut().0.clear().unwrap();
        repaint_all(&mut terminal).unwrap();
        frame(&mut terminal);
        let mut expected = Buffer::with_lines(["gloss", ""]);
        expected.resize(ratatui::layout::Rect::new(0, 0, 12, 2));
        terminal.backend().0.assert_buffer(&expected);
    }
}
