//! Human-facing output: plots (PNG) and descriptions of models.
//! In: numbers from training or fitting; out: files.

pub mod plot;
pub mod show;
