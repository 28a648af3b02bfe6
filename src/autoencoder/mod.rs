//! The multi-scale functional autoencoder (DESIGN §1.3, §1.4): per-depth encoders into one
//! shared latent, per-depth decoders back to canvases, trained so that networks computing the
//! same function meet at the same point. burn types live here and in `search` only.

pub mod batch;
pub mod functional;

pub use batch::{Batch, Geometry};
pub use functional::{min_over_decoders, network_errors, run_decoded, ErrorScale, MaskMode};
