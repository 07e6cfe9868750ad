//! The `gloss` binary: everything lives in the library; see `gloss::cli`.

fn main() -> std::process::ExitCode {
    pin_mmap_threshold();
    gloss::cli::main()
}

/// glibc raises its line between heap and mapped memory to the size of any
/// mapped block freed (up to 32 MB), and what is allocated after that stays
/// on the heap, where freed memory is not given back: a large document's
/// temporary lists left the reader of a 100 MB page 5 MB larger at its
/// peak (145 MB instead of 139; docs/PERFORMANCE.md). Setting the line, at
/// glibc's own default, also stops it moving.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn pin_mmap_threshold() {
    const DEFAULT_MMAP_THRESHOLD: libc::c_int = 128 * 1024;
    // SAFETY: mallopt changes one setting of the allocator and touches no
    // memory of ours; it is called before any other thread exists. (The
    // library forbids unsafe code; this is the binary's only call.)
    let pinned = unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, DEFAULT_MMAP_THRESHOLD) };
    debug_assert_eq!(pinned, 1, "glibc accepts the setting");
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn pin_mmap_threshold() {}
