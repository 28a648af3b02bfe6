//! Latent search: training a network for a dataset by gradient descent on the autoencoder's
//! embedding (DESIGN §1.5). In: a frozen autoencoder and scaled data; out: decoded networks.
//! burn types stay inside this module and `autoencoder`.

pub mod encode;
pub mod fit;
pub mod folds;
pub mod latent;
mod linear_depth;
mod paper_depth;
pub mod random_only;
pub mod refine;
pub mod several;
pub mod sparsify;
pub mod start;
mod swat_depth;

pub use fit::{
    fit, pick, DepthResult, FitConfig, FitData, FitError, FitResult, Method, Stage, StageScore,
};
pub use folds::{default_folds, fit_each_folds, FoldData};
pub use latent::{LatentSearch, SearchConfig, SearchReport};
pub use refine::{refine, RefineConfig, Refined};
pub use several::{first_taking, fit_each, Candidate, Tried, RANDOM_ONLY};
pub use sparsify::sparsify;
pub use start::{Init, Origin};
