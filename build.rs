//! Links the `gloss` binary with packed relative relocations (DT_RELR) where
//! the C library can load them.
//!
//! A position-independent executable lists every pointer the loader must
//! adjust at start; gloss's dependencies hold about 39,000 (entity and atom
//! tables, vtables), a 0.9 MB table read at every start. Packed, it is 12 KB,
//! and a small article's reader peaks 1.3 MB lower (docs/PERFORMANCE.md).
//! glibc loads packed relocations from 2.36 on, and a linker that knows the
//! flag marks the binary as needing that version, so it is asked for only
//! when building for this same machine's glibc, 2.36 or newer. Linkers too
//! old for the flag ignore it with a warning.

use std::process::Command;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
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
