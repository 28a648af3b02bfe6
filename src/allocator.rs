//! The memory allocator swat's programs install: mimalloc, told never to hand freed memory back
//! to the operating system. Training frees and re-allocates the same large tensors every step;
//! returning them in between made the kernel zero fresh pages each time (about a fifth of a
//! paper-architecture step, BENCHMARKS.md).

pub use mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (position 15 of `mi_option_t` in both of the bundled
/// mimalloc versions); −1 turns purging off.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keep freed memory in the process for reuse. Call first thing in `main`.
pub fn keep_freed_memory() {
    // SAFETY: sets a process-wide integer option; called before any other thread exists.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}
