//! The pure core: no terminal dependency anywhere below this module.

pub mod glossary;
pub mod layout;
pub mod library;
pub mod load;
pub mod model;
pub mod parallel;
pub mod parse;
pub mod prose;
pub mod sanitize;
pub mod text;
pub mod timeline;
