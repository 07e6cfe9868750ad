//! The state-file loader on arbitrary bytes: it must never panic, and a file it
//! accepts must survive a write and a read unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(state) = gloss::cli::store::parse(data) {
        let written = serde_json::to_vec(&state).expect("a parsed state serializes");
        let again = gloss::cli::store::parse(&written).expect("a written state parses");
        assert_eq!(serde_json::to_value(&state).unwrap(), serde_json::to_value(&again).unwrap());
    }
});
