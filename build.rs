//! Transcribes the platform clutter rules into Rust, and links the `gloss`
//! binary with packed relative relocations (DT_RELR) where the C library can
//! load them.
//!
//! The rules (`assets/platforms.toml`) are read by every plain-text parse,
//! the first screen's included: parsing their TOML at run time took 0.2–0.3
//! ms of it. Here they become static patterns, lowercased and split at
//! their wildcards, and a malformed file fails the build instead of the
//! first parse.
//!
//! A position-independent executable lists every pointer the loader must
//! adjust at start; gloss's dependencies hold about 39,000 (entity and atom
//! tables, vtables), a 0.9 MB table read at every start. Packed, it is 12 KB,
//! and a small article's reader peaks 1.3 MB lower (docs/PERFORMANCE.md).
//! glibc loads packed relocations from 2.36 on, and a linker that knows the
//! flag marks the binary as needing that version, so it is asked for only
//! when building for this same machine's glibc, 2.36 or newer. Linkers too
//! old for the flag ignore it with a warning.

use std::fmt::Write as _;
use std::process::Command;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    transcribe_platform_rules();
    let target = std::env::var("TARGET").unwrap_or_default();
    let host = std::env::var("HOST").unwrap_or_default();
    if target == host && target.ends_with("-linux-gnu") && glibc_loads_packed_relocations() {
        println!("cargo::rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// True when `getconf` reports glibc 2.36 or newer.
fn glibc_loads_packed_relocations() -> bool {
    let Ok(output) = Command::new("getconf").arg("GNU_LIBC_VERSION").output() else {
        return false;
    };
    // "glibc 2.36"
    let text = String::from_utf8_lossy(&output.stdout);
    let Some(version) = text.trim().strip_prefix("glibc ") else {
        return false;
    };
    let mut parts = version.split('.').map(|p| p.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(major), Some(minor)) => (major, minor) >= (2, 36),
        _ => false,
    }
}

/// The kinds of rule a platform may list (see the rules file's header).
const RULE_KINDS: [&str; 10] = [
    "signature",
    "header",
    "paid",
    "anywhere",
    "paywall",
    "footer",
    "end",
    "aside_start",
    "aside_end",
    "links",
];

/// Writes `platform_rules.rs` to `OUT_DIR`: one `Platform` expression per
/// `[[platform]]`, in file order, for `core::parse::rules`.
fn transcribe_platform_rules() {
    const PATH: &str = "assets/platforms.toml";
    println!("cargo::rerun-if-changed={PATH}");
    let text = std::fs::read_to_string(PATH).unwrap_or_else(|e| panic!("{PATH}: {e}"));
    let file: toml::Table = text.parse().unwrap_or_else(|e| panic!("{PATH}: {e}"));
    let platforms = match file.get("platform") {
        Some(toml::Value::Array(platforms)) => platforms,
        _ => panic!("{PATH}: no [[platform]] tables"),
    };
    let mut out = String::from("&[\n");
    for platform in platforms {
        let toml::Value::Table(platform) = platform else {
            panic!("{PATH}: a platform is not a table");
        };
        let name = match platform.get("name") {
            Some(toml::Value::String(name)) => name,
            _ => panic!("{PATH}: a platform without a name"),
        };
        if let Some(key) = platform
            .keys()
            .find(|k| *k != "name" && !RULE_KINDS.contains(&k.as_str()))
        {
            panic!("{PATH}: {name}: unknown rule kind {key:?}");
        }
        let _ = writeln!(out, "    Platform {{\n        name: {name:?},");
        for kind in RULE_KINDS {
            let patterns: Vec<&str> = match platform.get(kind) {
                None => Vec::new(),
                Some(toml::Value::Array(items)) => items
                    .iter()
                    .map(|item| {
                        item.as_str()
                            .unwrap_or_else(|| panic!("{PATH}: {name}.{kind}: not a string"))
                    })
                    .collect(),
                Some(_) => panic!("{PATH}: {name}.{kind}: not a list"),
            };
            let _ = writeln!(out, "        {kind}: &[");
            for source in patterns {
                // As `Pattern` reads it: lowercased, literal pieces between `*`s.
                let lower = source.to_lowercase();
                let pieces: Vec<&str> = lower.split('*').filter(|p| !p.is_empty()).collect();
                let _ = writeln!(
                    out,
                    "            Pattern {{ source: {source:?}, pieces: &{pieces:?}, \
                     anchored_start: {}, anchored_end: {} }},",
                    !lower.starts_with('*'),
                    !lower.ends_with('*'),
                );
            }
            let _ = writeln!(out, "        ],");
        }
        out.push_str("    },\n");
    }
    out.push_str("]\n");
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(std::path::Path::new(&dir).join("platform_rules.rs"), out)
        .expect("writing platform_rules.rs");
}
