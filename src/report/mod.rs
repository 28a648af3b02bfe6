//! Human-facing output: plots (PNG) and, later, tables.
//! In: numbers from training or fitting; out: files.

pub mod plot;
