//! Every input format of the loader (Markdown, HTML, RSS/Atom, JSON Feed or a
//! gloss export, plain text), chosen by the first byte, then the reader state
//! built from the result, driven by a few actions and rendered.
#![no_main]

mod common;

use gloss::app::{Action, State, update};
use gloss::core::load::load_bytes;
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const NAMES: [&str; 5] = ["fuzz.md", "fuzz.html", "fuzz.xml", "fuzz.json", "fuzz.txt"];

fn action(byte: u8) -> Action {
    match byte % 8 {
        0 => Action::Down,
        1 => Action::PageDown,
        2 => Action::Bottom,
        3 => Action::Top,
        4 => Action::NextTerm,
        5 => Action::PreviousTerm,
        6 => Action::FocusNext,
        _ => Action::Activate,
    }
}

// Input layout: `[format, width, height, actions, actions, document…]`.
// Each action byte holds two actions (low nibble, then high nibble; 8..=15
// is no action). A header keeps the document's own first bytes (`{`, `<`)
// from fixing the terminal size.
fuzz_target!(|data: &[u8]| {
    if data.len() > 64 * 1024 {
        return;
    }
    let Some((header, rest)) = data.split_first_chunk::<5>() else {
        return;
    };
    let [kind, width, height, act1, act2] = *header;
    let name = NAMES[usize::from(kind) % NAMES.len()];
    let Ok(articles) = load_bytes(rest, name, &[]) else {
        return;
    };
    common::assert_clean(&articles);

    let w = 1 + u16::from(width % 120);
    let h = 1 + u16::from(height % 40);
    let mut state = State::new(articles, Default::default(), Default::default());
    update(&mut state, Action::Resize(w, h));
    for nibble in [act1 & 15, act1 >> 4, act2 & 15, act2 >> 4] {
        if nibble < 8 {
            update(&mut state, action(nibble));
        }
    }
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| f.render_widget(&state, f.area())).unwrap();
});
