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

/// Enters raw mode, the alternate screen, mouse capture and bracketed paste.
pub fn enter() -> io::Result<Tui> {
    install_panic_hook();
    enter_modes()?;
    Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
        FRAME_CHUNK,
        io::stdout(),
    )))
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
    terminal.clear()
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
