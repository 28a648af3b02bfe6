//! What a running fit tells its caller: nothing (`Silent`), or a terminal progress bar on
//! standard error (`Bar`, what `swat fit` and the Python package's `verbose` show).
//! In: the search's iteration counts from several threads; out: the bar.

use indicatif::{ProgressBar, ProgressStyle};

/// What a running fit reports. Depths run side by side: it is called from several threads.
pub trait Progress: Sync {
    /// Before the work: how many search iterations it plans at most.
    fn start(&self, _iterations: u64) {}
    /// A depth, what it is doing, and search iterations done since the last call.
    fn advance(&self, _depth: usize, _what: &'static str, _iterations: usize) {}
}

/// Reports nothing.
pub struct Silent;
impl Progress for Silent {}

/// A bar of search iterations with the elapsed time, an estimate of what is left and what
/// the latest depth is doing. Clear it with `finish` when the fit returns.
pub struct Bar(ProgressBar);

impl Bar {
    pub fn new() -> Bar {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(
                "{elapsed_precise} [{bar:30}] {pos}/{len} iterations, ETA {eta} | {msg}",
            )
            .expect("a valid template")
            .progress_chars("=> "),
        );
        Bar(bar)
    }

    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl Default for Bar {
    fn default() -> Bar {
        Bar::new()
    }
}

impl Progress for Bar {
    fn start(&self, iterations: u64) {
        self.0.set_length(iterations);
    }
    fn advance(&self, depth: usize, what: &'static str, n: usize) {
        self.0.set_message(format!("depth {depth}: {what}"));
        self.0.inc(n as u64);
    }
}
