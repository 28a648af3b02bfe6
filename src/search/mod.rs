//! Latent search: training a network for a dataset by gradient descent on the autoencoder's
//! embedding (DESIGN §1.5). In: a frozen autoencoder and scaled data; out: decoded networks.
//! burn types stay inside this module and `autoencoder`.

mod calibrate;
pub mod config;
pub mod control;
pub mod encode;
pub mod error;
pub mod fit;
pub mod folds;
pub mod latent;
pub(crate) mod linear_depth;
mod paper_depth;
pub mod prepare;
pub mod random_only;
pub mod refine;
pub mod result;
pub mod screen;
pub mod select;
pub mod several;
pub mod shared;
pub mod signal;
pub mod sparsify;
pub mod start;
mod swat_depth;

pub use config::{FitConfig, Method, PaperReadOut};
pub use control::{Progress, Stop};
pub use error::FitError;
pub use fit::fit;
pub use folds::{default_folds, fit_each_folds, FoldData};
pub use latent::{LatentSearch, SearchConfig, SearchReport};
pub use prepare::FitData;
pub use refine::RefineConfig;
pub use result::{DepthResult, FitResult, Stage, StageScore};
pub use select::pick;
pub use several::{first_taking, fit_each, Candidate, Tried, RANDOM_ONLY};
pub use sparsify::{refine, sparsify, Refined};
pub use start::{Init, Origin};
