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

/// Dense parameters per training row above which a depth of the random-start canvas is not
/// worth searching where it competes beside other candidates: no network with more non-zero
/// parameters than training rows is chosen (`select::affordable`), and pruning took about half
/// of a dense random start's weights at most on noisy tables (star98, 18 inputs: 361 → 157 at
/// depth 1, 703 → 526 at depth 2), so a canvas with more than twice the rows' parameters ends
/// unchoosable, after most of the fit's time.
pub const MAX_DENSE_PARAMS_PER_ROW: f64 = 2.0;

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

/// Of `depths`, those worth searching from random starts on `inputs` columns and `rows` training
/// rows: the linear model (depth 0) always, deeper ones while the dense canvas has at most
/// `MAX_DENSE_PARAMS_PER_ROW` parameters per row.
pub fn worth_searching(depths: &[usize], inputs: usize, rows: usize) -> Vec<usize> {
    let geometry = geometry(inputs);
    depths
        .iter()
        .copied()
        .filter(|&depth| {
            let dense = match depth {
                0 => 0,
                _ => geometry
                    .spec(depth)
                    .weight_entries()
                    .iter()
                    .filter(|&&w| w)
                    .count(),
            };
            dense as f64 <= rows as f64 * MAX_DENSE_PARAMS_PER_ROW
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_wide_canvases_are_left_out_on_few_rows() {
        // 18 inputs: a dense depth-1 network has 18·18 weights and 18 + 1 biases (and the
        // canvas's one output column), depth 2 another 18·18 + 18.
        let all = [0, 1, 2, 3, 4];
        assert_eq!(worth_searching(&all, 18, 227), vec![0, 1]);
        assert_eq!(worth_searching(&all, 18, 100), vec![0]);
        // Enough rows: every depth.
        assert_eq!(worth_searching(&all, 18, 5000), all.to_vec());
        assert_eq!(worth_searching(&[2, 3], 3, 1000), vec![2, 3]);
    }
}
