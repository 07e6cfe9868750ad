//! The sanitizer: nothing forbidden survives, a second pass changes nothing,
//! and feeding the input in two chunks gives the same output.
#![no_main]

use gloss::core::sanitize::{Sanitizer, is_forbidden, sanitize, sanitize_inline};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let once = sanitize(&input);
    assert!(!once.chars().any(is_forbidden), "{once:?}");
    assert_eq!(sanitize(&once), once, "not idempotent");

    let inline = sanitize_inline(&input);
    assert!(!inline.contains('\n') && !inline.chars().any(is_forbidden));
    assert_eq!(sanitize_inline(&inline), inline);

    // Split at a char boundary chosen by the first byte.
    let cut = data.first().map_or(0, |&b| b as usize % (input.len() + 1));
    let cut = (0..=cut)
        .rev()
        .find(|&i| input.is_char_boundary(i))
        .unwrap_or(0);
    let mut s = Sanitizer::new();
    let mut out = String::new();
    s.push(&input[..cut], &mut out);
    s.push(&input[cut..], &mut out);
    s.finish(&mut out);
    assert_eq!(out, once, "chunking changed the output");
});
