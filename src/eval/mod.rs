//! Evaluation of the extractors on the development corpora.

pub mod acronyms;
pub mod synth;
pub mod timex;
