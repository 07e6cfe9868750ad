//! Work on more than one core: two pieces of a large document at once, or
//! the many small files of a directory.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

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

/// `f` of every item, in the items' order, on as many threads as the
/// machine has cores (this one among them), each taking the next item when
/// it is done with one: a directory of saved pages varies from a few
/// kilobytes to a few hundred. Fewer than two items are done here, with no
/// thread started. A panic of `f` is raised again here.
pub fn map_in_order<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    // Asked only with work to share: the answer costs a dozen system calls
    // (cgroup files), a tenth of a millisecond before a single file's first
    // frame.
    if items.len() < 2 {
        return items.into_iter().map(f).collect();
    }
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let threads = cores.min(items.len());
    if threads < 2 {
        return items.into_iter().map(f).collect();
    }
    let count = items.len();
    let items: Vec<Mutex<Option<T>>> = items.into_iter().map(|i| Mutex::new(Some(i))).collect();
    let results: Vec<Mutex<Option<R>>> = (0..count).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = items.get(i) else { break };
            let item = lock(slot).take().expect("each item is taken once");
            let result = f(item);
            *lock(&results[i]) = Some(result);
        }
    };
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        work();
        for helper in helpers {
            if let Err(panic) = helper.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
    results
        .into_iter()
        .map(|r| {
            r.into_inner()
                .unwrap_or_else(PoisonError::into_inner)
                .expect("every item was done")
        })
        .collect()
}

/// A slot's lock; a panic elsewhere cannot leave a slot half written.
fn lock<T>(slot: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    slot.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The bytes `fill` writes through the function it is given, in order,
/// into a buffer of `capacity` bytes (more goes on after it) whose pages
/// another thread touches ahead of the writer. The first touch of a page
/// costs the kernel a fault and a page of zeroes: for the 100 MB text of a
/// large file that was a third of reading it, on one core while the other
/// waited.
pub fn write_on_touched_pages<E>(
    capacity: usize,
    fill: impl FnOnce(&mut dyn FnMut(&[u8])) -> Result<(), E>,
) -> Result<Vec<u8>, E> {
    // Zeroed memory this large comes fresh from the kernel, untouched.
    let mut buffer = vec![0u8; capacity];
    let mut overflow = Vec::new();
    let mut in_buffer = 0;
    let filled = std::thread::scope(|scope| {
        // At most a few pieces ahead: where the text comes out shorter
        // than expected, few pages are touched for nothing.
        let (touched, receiver) = std::sync::mpsc::sync_channel::<&mut [u8]>(PIECES_AHEAD);
        let pieces = buffer.chunks_mut(TOUCHED_PIECE);
        scope.spawn(move || {
            for piece in pieces {
                // Every page holds the start of one of these.
                for page in piece.chunks_mut(PAGE) {
                    page[0] = 0;
                }
                if touched.send(piece).is_err() {
                    break; // the writer is done
                }
            }
        });
        let mut piece: &mut [u8] = &mut [];
        let mut at = 0;
        let mut write = |mut bytes: &[u8]| {
            while !bytes.is_empty() {
                if at == piece.len() {
                    let Ok(next) = receiver.recv() else {
                        overflow.extend_from_slice(bytes);
                        return;
                    };
                    (piece, at) = (next, 0);
                }
                let n = bytes.len().min(piece.len() - at);
                piece[at..at + n].copy_from_slice(&bytes[..n]);
                (at, in_buffer, bytes) = (at + n, in_buffer + n, &bytes[n..]);
            }
        };
        // The receiver goes with `write`, which stops the toucher early.
        fill(&mut write)
    });
    filled?;
    buffer.truncate(in_buffer);
    buffer.extend_from_slice(&overflow);
    buffer.shrink_to_fit();
    Ok(buffer)
}

/// How much of the buffer is handed to the writer at a time.
const TOUCHED_PIECE: usize = 256 << 10;
/// How many touched pieces may wait for the writer (4 MB).
const PIECES_AHEAD: usize = 16;
/// The smallest page size of the machines gloss runs on.
const PAGE: usize = 4096;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn written(capacity: usize, writes: &[Vec<u8>]) -> Vec<u8> {
        write_on_touched_pages::<()>(capacity, |write| {
            for bytes in writes {
                write(bytes);
            }
            Ok(())
        })
        .expect("no error")
    }

    #[test]
    fn writes_across_pieces_and_past_the_capacity_come_out_in_order() {
        let writes: Vec<Vec<u8>> = (0..40u8)
            .map(|i| vec![i; 20_000 + usize::from(i) * 3])
            .collect();
        let whole = writes.concat();
        for capacity in [
            0,
            1,
            TOUCHED_PIECE - 1,
            TOUCHED_PIECE,
            3 * TOUCHED_PIECE + 5,
        ] {
            assert_eq!(written(capacity, &writes), whole, "capacity {capacity}");
        }
    }

    #[test]
    fn items_are_mapped_in_their_order_whatever_finishes_first() {
        // Uneven work, so the threads finish out of order.
        let items: Vec<u64> = (0..200).collect();
        let mapped = map_in_order(items.clone(), |i| {
            std::hint::black_box((0..(i * 7919) % 5000).sum::<u64>());
            i * i
        });
        assert_eq!(mapped, items.iter().map(|i| i * i).collect::<Vec<_>>());
        assert_eq!(map_in_order(Vec::<u8>::new(), |i| i), Vec::<u8>::new());
        assert_eq!(map_in_order(vec!["one"], str::len), vec![3]);
    }

    #[test]
    #[should_panic(expected = "item 7")]
    fn a_panic_while_mapping_is_raised_again() {
        map_in_order((0..20).collect(), |i: u32| {
            assert!(i != 7, "item 7");
            i
        });
    }

    #[test]
    fn an_error_of_the_writer_is_returned() {
        let failed = write_on_touched_pages(10 * TOUCHED_PIECE, |write| {
            write(b"some");
            Err("read failed")
        });
        assert_eq!(failed, Err("read failed"));
    }

    proptest! {
        #[test]
        fn anything_written_comes_out_whole(
            writes in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..3000), 0..20),
            capacity in 0usize..40_000,
        ) {
            prop_assert_eq!(written(capacity, &writes), writes.concat());
        }
    }
}
