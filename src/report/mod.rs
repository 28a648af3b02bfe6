//! Human-facing output: plots (PNG) and descriptions of models.
//! In: numbers from training or fitting; out: files.

pub mod bench;
pub mod error;
pub mod fit;
pub mod origin;
pub mod plot;
pub mod show;
pub mod surface;
pub mod sweep;

pub use error::ReportError;
