//! Glossary: terms the article defines, acronyms, bundled and user entries.

pub mod acronym;
