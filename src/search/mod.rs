//! Latent search: training a network for a dataset by gradient descent on the autoencoder's
//! embedding (DESIGN §1.5). In: a frozen autoencoder and scaled data; out: decoded networks.
//! burn types stay inside this module and `autoencoder`.

pub mod fit;
pub mod latent;
pub mod refine;

pub use fit::{fit_paper, DepthResult, FitConfig, FitData, FitError, FitResult};
pub use latent::{LatentSearch, SearchConfig, SearchReport};
pub use refine::{refine, RefineConfig, Refined};
