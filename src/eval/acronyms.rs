//! Scores acronym extraction on BioC-style pair corpora.
