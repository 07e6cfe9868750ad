//! Two pieces of work on two cores, for the few steps of a large document
//! that split in two.

/// `first()` on this thread and `second()` on another, at once; a panic of
/// the other thread is raised again here, as this thread's own.
pub fn both<A, B: Send>(first: impl FnOnce() -> A, second: impl FnOnce() -> B + Send) -> (A, B) {
    let (a, b) = std::thread::scope(|scope| {
        let second = scope.spawn(second);
        (first(), second.join())
    });
    (
        a,
        b.unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
    )
}
