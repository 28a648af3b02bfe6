//! Fitting with several autoencoders (swat bundles one per canvas): every one whose canvas
//! takes the data is searched, and the network the choice between depths prefers across them
//! is kept; data wider than every canvas is fitted from random starts alone. Autoencoders of one canvas draw the
//! same random starts, so those are tuned and pruned once (`shared`).
//! In: candidates (autoencoder, geometry, prior) and the data; out: every fit and the winner.

use super::config::FitConfig;
use super::control::Progress;
use super::error::FitError;
use super::fit::{finish, fit_depths};
use super::prepare::FitData;
use super::result::FitResult;
use super::select::{choose_paired, pick, variance, within_rows};
use super::shared;
use crate::autoencoder::load::Loaded;
use crate::autoencoder::{Autoencoder, Geometry, TrainError};
use rayon::prelude::*;

/// One autoencoder to search with.
pub struct Candidate<'a> {
    pub name: String,
    pub ae: &'a Autoencoder,
    pub geometry: Geometry,
    /// Its teachers' latent codes for `--latent-init prior` (see `FitConfig::prior`).
    pub prior: Option<Vec<f32>>,
    /// Its probe points, for starts encoded from the data (see `FitConfig::probe`).
    pub probe: Option<Vec<f64>>,
    /// The fewest data columns it is searched on (`Loaded::searched_from`).
    pub searched_from: usize,
}

impl Candidate<'_> {
    /// Whether it is searched on data with `inputs` columns: its canvas takes them, and it is
    /// meant for that many.
    pub fn takes(&self, inputs: usize) -> bool {
        searched_on(self.geometry.inputs, self.searched_from, inputs)
    }
}

/// Whether an autoencoder whose canvas takes `canvas` columns, searched from `from` columns
/// on, is searched on data with `inputs` columns.
fn searched_on(canvas: usize, from: usize, inputs: usize) -> bool {
    canvas >= inputs && inputs >= from
}

/// Search candidates for data with `inputs` columns (0: for any data, as a benchmark's tasks
/// differ; `Candidate::takes` decides per table): each loaded autoencoder searched on that
/// many: with `encode`, the probe points an encoder of functions reads the data at; otherwise
/// its prior when `prior_seed` is given.
pub fn candidates(
    loaded: &[Loaded],
    inputs: usize,
    prior_seed: Option<u64>,
    encode: bool,
) -> Result<Vec<Candidate<'_>>, TrainError> {
    loaded
        .iter()
        .filter(|l| inputs == 0 || searched_on(l.inputs(), l.searched_from, inputs))
        .map(|l| {
            let encodes = encode && l.reads_functions();
            Ok(Candidate {
                name: l.name.clone(),
                ae: l.trainer.model(),
                geometry: l.trainer.config().geometry,
                // A search that starts at the data's own codes never reads the prior, and
                // computing it (decoding 256 teachers) takes seconds.
                prior: prior_seed
                    .filter(|_| !encodes)
                    .map(|seed| l.prior(seed))
                    .transpose()?,
                probe: encodes.then(|| l.trainer.probe().to_vec()),
                searched_from: l.searched_from,
            })
        })
        .collect()
}

/// How reports name the fit made without an autoencoder (data wider than every canvas).
pub const RANDOM_ONLY: &str = "none (random starts only)";

/// One candidate's fit.
pub struct Tried {
    /// Index into the candidates; `None`: no canvas took the data, random starts only.
    pub candidate: Option<usize>,
    pub result: FitResult,
}

impl Tried {
    /// The autoencoder's name, or `RANDOM_ONLY`.
    pub fn name<'c>(&self, candidates: &'c [Candidate]) -> &'c str {
        self.candidate
            .map_or(RANDOM_ONLY, |k| candidates[k].name.as_str())
    }
}

/// Fits with every candidate whose canvas takes the data's inputs; returns the fits and the
/// position (in the returned list) of the one whose chosen network validates best, the
/// smaller winning ties (`best_of`).
pub fn fit_each(
    candidates: &[Candidate],
    data: &FitData,
    config: &FitConfig,
    progress: &Progress,
) -> Result<(Vec<Tried>, usize), FitError> {
    let d = data.train.inputs.len();
    let taking: Vec<usize> = (0..candidates.len())
        .filter(|&k| candidates[k].takes(d))
        .collect();
    let geometries: Vec<Geometry> = taking.iter().map(|&k| candidates[k].geometry).collect();
    let sources = shared::sources(&geometries, config);
    // Side by side, like the depths within each fit; gathered in candidate order. A fit whose
    // random starts an earlier one draws searches its decoded starts alone and takes them after.
    let mut depths = taking
        .par_iter()
        .zip(&sources)
        .map(|(&k, source)| {
            let c = &candidates[k];
            let mut cfg = config.clone();
            if config.prior.is_none() {
                cfg.prior = c.prior.clone();
            }
            if config.probe.is_none() {
                cfg.probe = c.probe.clone();
            }
            if source.is_some() {
                cfg.random_starts = 0;
            }
            fit_depths(Some(c.ae), c.geometry, data, &cfg, progress)
        })
        .collect::<Result<Vec<_>, FitError>>()?;
    for (k, source) in sources.iter().enumerate() {
        if let Some(j) = *source {
            let (from, into) = depths.split_at_mut(k);
            shared::take_random(&mut into[0], &from[j], data, config.refine.r2_slack);
        }
    }
    let tried = taking
        .iter()
        .zip(depths)
        .map(|(&k, results)| {
            Ok(Tried {
                candidate: Some(k),
                result: finish(results, data, config)?,
            })
        })
        .collect::<Result<Vec<_>, FitError>>()?;
    let tried = if tried.is_empty() {
        match super::random_only::fit_random_only(data, config, progress) {
            Ok(result) => vec![Tried {
                candidate: None,
                result,
            }],
            // Without random starts (or with the paper's method) the canvas's limit stands.
            Err(_) => {
                return Err(first_taking(candidates, d)
                    .err()
                    .unwrap_or(FitError::NoAutoencoder))
            }
        }
    } else {
        tried
    };
    let best = best_of(&tried, data, config.refine.r2_slack);
    Ok((tried, best))
}

/// Of fits of the same rows, the one whose chosen network the rule that chose each fit's
/// depth prefers (`select::one_standard_error` on the rows they were validated on, paired
/// row by row); by validation MSE and size alone (`pick`) where a fit kept no row errors.
fn best_of(tried: &[Tried], data: &FitData, r2_slack: f64) -> usize {
    fn chosen(t: &Tried) -> &crate::search::DepthResult {
        &t.result.depths[t.result.chosen]
    }
    let sizes: Vec<usize> = tried
        .iter()
        .map(|t| chosen(t).stats.nonzero_params)
        .collect();
    let errors: Option<Vec<Vec<f64>>> = tried
        .iter()
        .map(|t| Some(t.result.held_out.as_ref()?[t.result.chosen].clone()))
        .collect();
    let var = variance(&data.valid.y);
    match errors {
        Some(e) if e.iter().all(|r| r.len() == data.valid.rows()) => {
            choose_paired(&e, &sizes, data.train.rows(), var, r2_slack)
        }
        _ => pick(
            &within_rows(
                &tried
                    .iter()
                    .zip(&sizes)
                    .map(|(t, &p)| (chosen(t).valid.mse, p))
                    .collect::<Vec<_>>(),
                data.train.rows(),
            ),
            var,
            r2_slack,
        ),
    }
}

/// The first candidate searched on `inputs` columns, or the error that says how many the
/// widest canvas takes.
pub fn first_taking<'a, 'b>(
    candidates: &'b [Candidate<'a>],
    inputs: usize,
) -> Result<&'b Candidate<'a>, FitError> {
    candidates
        .iter()
        .find(|c| c.takes(inputs))
        .ok_or(FitError::TooManyInputs {
            data: inputs,
            canvas: candidates
                .iter()
                .map(|c| c.geometry.inputs)
                .max()
                .unwrap_or(0),
        })
}
