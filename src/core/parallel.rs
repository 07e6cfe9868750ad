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
