//! A running fit's link to its caller: progress reports out, and a stop request in (made
//! from another thread, as the Python package's Ctrl-C does: the search loops see it and end
//! early, and the fit returns `FitError::Stopped` instead of a result).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// What a fit reports while it runs: a depth, what it is doing, and search iterations done
/// since the last report. Depths run side by side, so it is called from several threads.
pub type Progress<'p> = dyn Fn(usize, &'static str, usize) + Sync + 'p;

/// A stop request. Clones share one flag. A fresh one is never set.
#[derive(Debug, Clone, Default)]
pub struct Stop(Arc<AtomicBool>);

impl Stop {
    pub fn request(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn requested(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Settings compare equal whatever their stop flags: the flag is not a setting.
impl PartialEq for Stop {
    fn eq(&self, _: &Stop) -> bool {
        true
    }
}
