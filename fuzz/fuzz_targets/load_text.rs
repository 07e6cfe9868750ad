//! The plain-text path of the loader (binary check, lossy decoding, sanitizer,
//! pasted-post parser, glossary and timeline) on arbitrary bytes.
#![no_main]

mod common;

use gloss::core::glossary::lexicon::bundled;
use gloss::core::load::load_bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The bundled lexicon only every other input: matching it is the slow part.
    let lexicons = if data.len() % 2 == 0 {
        vec![bundled()]
    } else {
        vec![]
    };
    if let Ok(articles) = load_bytes(data, "fuzz.txt", &lexicons) {
        common::assert_clean(&articles);
    }
});
