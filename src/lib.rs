//! gloss: a terminal reader for long-form news and analysis.
//!
//! - [`core`]: the article model, parsers, the sanitizer, glossary, timeline and
//!   layout. Pure: no terminal types.
//! - [`app`]: reader state, actions and the pure `update` function, keymap.
//! - [`ui`]: ratatui widgets that render `&State`.
//! - [`cli`]: arguments, the event loop and the terminal's lifecycle.
//! - [`eval`]: scoring the extractors on annotated corpora.

// Untrusted text is parsed here: memory safety rests on the compiler alone.
#![forbid(unsafe_code)]

pub mod app;
pub mod cli;
pub mod core;
pub mod eval;
pub mod ui;
