//! Timeline: time expressions and the dated events built on them.

pub mod timex;
