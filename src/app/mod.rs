//! Reader state, the actions that change it, and the pure `update` function.

pub mod action;
pub mod click;
pub mod input;
pub mod keymap;
pub mod library;
pub mod lists;
pub mod panes;
pub mod search;
pub mod state;
pub mod update;

pub use action::Action;
pub use state::State;
pub use update::update;
