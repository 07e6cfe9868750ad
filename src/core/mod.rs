//! The pure core: no terminal dependency anywhere below this module.

pub mod glossary;
pub mod model;
pub mod sanitize;
pub mod timeline;
