//! The multi-scale functional autoencoder (DESIGN §1.3, §1.4, §1.7): an encoder of networks
//! (per depth) or of functions into one shared latent, per-depth decoders back to canvases,
//! trained so that networks computing the same function meet at the same point. burn types
//! live here and in `search` only.

pub mod batch;
pub mod bundled;
pub mod checkpoint;
mod chunks;
pub mod config;
pub mod data_fit;
pub mod fast;
pub mod function;
pub mod functional;
pub mod kernel;
pub mod load;
mod logistic;
pub mod model;
pub mod paper;
pub mod step;
pub mod train;
pub mod validate;

pub use batch::{Batch, Geometry};
pub use checkpoint::{Checkpoint, CheckpointError, FormatError};
pub use config::{Arch, ConfigError, TrainConfig};
pub use fast::{FastAutoencoder, FastConfig};
pub use function::FunctionAutoencoder;
pub use functional::{min_over_decoders, network_errors, run_decoded, ErrorScale, MaskMode};
pub use load::{load, Loaded, Source};
pub use model::{Autoencoder, WeightsError};
pub use paper::PaperAutoencoder;
pub use train::{TrainError, Trainer};
pub use validate::ValidReport;
