//! Data wider than every autoencoder's canvas: swat's method from its random dense starts alone
//! (fine-tune, shrink and prune, selection as usual), on a canvas as wide as the data.
//! In: the data and the fit's settings; out: a `FitResult` with no latent search in it.

use super::config::{FitConfig, Method};
use super::control::Progress;
use super::error::FitError;
use super::fit::fit_with;
use super::prepare::FitData;
use super::result::FitResult;
use crate::autoencoder::Geometry;
use crate::mlp::{Activation, ActivationSet, DEFAULT_LEAKY_SLOPE};

/// Hidden slots per layer of the random-start canvas: as many as the data has inputs, and at
/// least the bundled 7-input canvas's 8, so narrow data gets the same room it would have there.
pub const MIN_ROWS: usize = 8;
/// The deepest network the random-start canvas holds, as the bundled canvases do.
pub const MAX_DEPTH: usize = 4;

/// The canvas random starts are drawn on for `inputs` columns: biases, sigmoid by default (each
/// random start takes its activation from `FitConfig::random_activations`).
pub fn geometry(inputs: usize) -> Geometry {
    Geometry {
        rows: inputs.max(MIN_ROWS),
        inputs,
        max_depth: MAX_DEPTH,
        bias: true,
        activation: Activation::Sigmoid,
        choices: ActivationSet::NONE,
        leaky_slope: DEFAULT_LEAKY_SLOPE,
    }
}

/// swat's method without an autoencoder: random starts only.
pub fn fit_random_only(
    data: &FitData,
    config: &FitConfig,
    progress: &Progress,
) -> Result<FitResult, FitError> {
    if config.method != Method::Swat || config.random_starts == 0 {
        return Err(FitError::NoAutoencoder);
    }
    let mut cfg = config.clone();
    cfg.search.restarts = 0;
    cfg.prior = None;
    cfg.probe = None;
    let geometry = geometry(data.train.inputs.len());
    fit_with(None, geometry, data, &cfg, progress)
}
