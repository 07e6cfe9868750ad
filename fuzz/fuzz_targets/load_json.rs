//! The gloss JSON path of the loader: either the bytes as they are (to find
//! parser edge cases) or a well-formed export whose strings come from the input
//! (to reach resanitizing with hostile content).
#![no_main]

mod common;

use gloss::core::load::load_bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode % 2 == 0 {
        let text = String::from_utf8_lossy(rest);
        let mut parts = text.splitn(3, '\u{1}');
        let title = parts.next().unwrap_or_default();
        let credit = parts.next().unwrap_or_default();
        let body = parts.next().unwrap_or_default();
        serde_json::to_vec(&serde_json::json!({
            "articles": [{
                "meta": { "title": title, "author": credit, "notices": [body] },
                "blocks": [
                    { "id": 9, "kind": "paragraph", "text": body },
                    { "id": 9, "kind": "caption", "text": title, "credit": credit },
                    { "id": 0, "kind": "list_item", "number": mode, "depth": mode, "text": body },
                ],
            }]
        }))
        .expect("json")
    } else {
        rest.to_vec()
    };
    if let Ok(articles) = load_bytes(&bytes, "fuzz.json", &[]) {
        common::assert_clean(&articles);
    }
});
