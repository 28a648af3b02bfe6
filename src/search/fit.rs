//! Fitting a dataset: per depth, candidate networks from the latent search (and, by default,
//! random dense starts as a control), refined and scored in the user's units; then one network
//! is chosen across depths. In: a frozen autoencoder and train/valid(/test) data; out: results.

use super::config::{FitConfig, Method};
use super::control::Progress;
use super::error::FitError;
use super::prepare::{FitData, Scaled};
use super::result::{DepthResult, FitResult};
use super::select::{choose, variance};
use super::start::Origin;
use crate::autoencoder::{Autoencoder, Geometry};
use rayon::prelude::*;

/// Fits every depth of `config.depths` and chooses the network with the fewest non-zero
/// parameters among those that validate as well as the best (see `pick`).
pub fn fit(
    ae: &Autoencoder,
    geometry: Geometry,
    data: &FitData,
    config: &FitConfig,
    progress: &Progress,
) -> Result<FitResult, FitError> {
    fit_with(Some(ae), geometry, data, config, progress)
}

/// `fit`, or without an autoencoder (`None`) swat's method from its random starts alone.
pub(crate) fn fit_with(
    ae: Option<&Autoencoder>,
    geometry: Geometry,
    data: &FitData,
    config: &FitConfig,
    progress: &Progress,
) -> Result<FitResult, FitError> {
    let results = fit_depths(ae, geometry, data, config, progress)?;
    finish(results, data, config)
}

/// Every depth's search, before one is chosen (`finish`).
pub(crate) fn fit_depths(
    ae: Option<&Autoencoder>,
    geometry: Geometry,
    data: &FitData,
    config: &FitConfig,
    progress: &Progress,
) -> Result<Vec<DepthResult>, FitError> {
    let d = data.train.inputs.len();
    if d > geometry.inputs {
        return Err(FitError::TooManyInputs {
            data: d,
            canvas: geometry.inputs,
        });
    }
    if let Some(&bad) = config
        .depths
        .iter()
        .find(|&&l| (l == 0 && config.method == Method::Paper) || l > geometry.max_depth)
    {
        return Err(FitError::Depth(bad, geometry.max_depth));
    }
    let random = if config.method == Method::Swat {
        config.random_starts
    } else {
        0
    };
    if config.search.restarts + random == 0 {
        return Err(FitError::NoStarts);
    }
    let mut scaled = Scaled::new(data, geometry.inputs);
    // The data's codes are the same at every depth: encode them once.
    if let (Some(probe), Some(ae)) = (&config.probe, ae.filter(|ae| ae.reads_functions())) {
        scaled.codes = Some(super::encode::encoded_codes(
            ae,
            &geometry,
            probe,
            &scaled.x,
            &scaled.y,
            d,
            config.search.restarts,
        ));
    }
    // Depths are independent and each seeds its own draws, so running them side by side keeps
    // runs exact; it fills the cores that one small depth leaves idle.
    let results = config
        .depths
        .par_iter()
        .map(|&depth| match config.method {
            Method::Swat if depth == 0 => super::linear_depth::linear_depth(data),
            Method::Paper => super::paper_depth::paper_depth(
                ae.ok_or(FitError::NoAutoencoder)?,
                geometry,
                depth,
                data,
                &scaled,
                config,
                progress,
            ),
            Method::Swat => {
                super::swat_depth::swat_depth(ae, geometry, depth, data, &scaled, config, progress)
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    // A stopped search ends early with whatever it had: not a result.
    if config.stop.requested() {
        return Err(FitError::Stopped);
    }
    Ok(results)
}

/// The depths' results with the one chosen across them (`choose`); a chosen linear model is
/// fitted again on the training and validation rows together.
pub(crate) fn finish(
    mut results: Vec<DepthResult>,
    data: &FitData,
    config: &FitConfig,
) -> Result<FitResult, FitError> {
    let chosen = choose(
        &results,
        variance(&data.valid.y),
        config.refine.r2_slack,
        data.train.rows(),
    );
    // Once chosen, the linear model has no use for the validation rows but as more data: it
    // is fitted again on the training and validation rows together (on stackloss's 15 rows,
    // 12 or 15 is the difference). Its validation scores stay those of the split.
    if results[chosen].origin == Origin::LeastSquares {
        let every = data.train.joined(data.valid);
        let again = super::linear_depth::linear_depth(&FitData {
            train: &every,
            ..*data
        })?;
        let r = &mut results[chosen];
        (r.network, r.stats, r.train, r.test) =
            (again.network, again.stats, again.train, again.test);
    }
    Ok(FitResult {
        depths: results,
        chosen,
        folds: None,
        held_out: None,
    })
}
