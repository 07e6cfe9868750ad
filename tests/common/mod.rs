//! Setups shared by more than one test binary.

use gloss::app::state::Settings;
use gloss::app::{Action, State, keymap::Keymap, update};
use gloss::core::glossary::lexicon::bundled;
use gloss::core::load::load_bytes;

/// Every sample article open at 120×40, the glossary pane focused on the
/// library's merged list.
pub fn library_glossary_of_every_sample() -> State {
    let mut articles = Vec::new();
    for (name, text) in gloss::cli::sources::BUNDLED {
        articles.extend(load_bytes(text.as_bytes(), name, &[bundled()]).unwrap());
    }
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(120, 40));
    update(&mut state, Action::Cancel);
    update(&mut state, Action::ToggleScope);
    update(&mut state, Action::FocusNext);
    state
}
