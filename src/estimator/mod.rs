//! The library's front door: settings with their defaults (`SwatParams`, checked once into a
//! `Swat`), a fit of a table or of plain arrays, and the fitted model with everything the fit
//! found (`Fitted`). In: datasets in the user's units; out: a `Fitted` that predicts, saves
//! model.json, exports ONNX and says how it was made.
//!
//! ```
//! use swat::{Dataset, Swat};
//! // y = 2·x1 − x2 on a grid of 60 points.
//! let x: Vec<f64> = (0..60).flat_map(|i| [(i % 10) as f64, (i / 10) as f64]).collect();
//! let y: Vec<f64> = x.chunks(2).map(|r| 2.0 * r[0] - r[1]).collect();
//! let data = Dataset::from_arrays("grid", vec!["x1".into(), "x2".into()], "y".into(), x, y)?;
//! // A quick fit: the linear model and one hidden layer, short searches.
//! let swat = Swat::params()
//!     .depths(vec![0, 1])
//!     .iterations(50)
//!     .restarts(1)
//!     .random_starts(1)
//!     .seed(1)
//!     .check()?;
//! let fitted = swat.fit(&data)?;
//! let p = fitted.predict(&[3.0, 1.0])?;
//! assert!((p[0] - 5.0).abs() < 0.05, "{p:?}");
//! assert_eq!(fitted.model.inputs, ["x1", "x2"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod fitted;
pub mod params;
mod progress;
mod provenance;
pub mod rows;
mod screened;
mod tiny;

pub use crate::search::PaperReadOut;
pub use fitted::{Attempt, AutoencoderInfo, Fitted};
pub use params::{LatentInit, ParamError, SwatParams, Wide};
pub use progress::{Bar, Progress, Silent};
pub use provenance::{method_name, random_names};
pub use screened::{Screened, LINEAR_ON_EVERY_INPUT};
pub use tiny::TOO_FEW_ROWS;

use crate::autoencoder::load::{self, LoadError, Loaded};
use crate::autoencoder::TrainError;
use crate::data::{DataError, Dataset, Scaling};
use crate::search::{
    fit_each, fit_each_folds, FitConfig, FitData, FitError, FoldData, Method, Stop, RANDOM_ONLY,
};

/// Why a fit did not give a model.
#[derive(Debug, thiserror::Error)]
pub enum SwatError {
    #[error(transparent)]
    Params(#[from] ParamError),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Data(#[from] DataError),
    #[error(transparent)]
    Fit(#[from] FitError),
    #[error("the autoencoder's prior: {0}")]
    Prior(#[from] TrainError),
    /// Too few rows for the validation the settings ask for.
    #[error("{0}")]
    Rows(String),
    #[error("{table}: its input columns {theirs} differ from the training data's {ours}")]
    Columns {
        table: String,
        theirs: String,
        ours: String,
    },
    #[error(
        "the chosen network's errors are not finite numbers (validation MSE {mse}, R² {r2}): \
         no model"
    )]
    NonFinite { mse: f64, r2: f64 },
}

/// How messages name a setting: by its command-line flag (`--valid-fraction`), or by its name
/// in `SwatParams` (`valid_fraction`, what the Python package takes too).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Naming {
    Flags,
    #[default]
    Params,
}

/// The rows of a fit, with the names messages give them.
#[derive(Debug, Clone, Copy)]
pub struct Tables<'a> {
    pub train: &'a Dataset,
    /// A file's path, or `"X"` for arrays.
    pub train_name: &'a str,
    /// A validation table and its name; without one, a share of the training rows (or
    /// k-fold cross-validation on small tables).
    pub valid: Option<(&'a Dataset, &'a str)>,
    /// Scored, never used for choosing.
    pub test: Option<(&'a Dataset, &'a str)>,
    pub naming: Naming,
}

impl<'a> Tables<'a> {
    /// Only training rows.
    pub fn train(train: &'a Dataset, name: &'a str) -> Tables<'a> {
        Tables {
            train,
            train_name: name,
            valid: None,
            test: None,
            naming: Naming::Params,
        }
    }

    /// How messages name `setting` (a `SwatParams` field, or `valid`).
    pub(crate) fn setting(&self, setting: &str) -> String {
        match self.naming {
            Naming::Flags => format!("--{}", setting.replace('_', "-")),
            Naming::Params => setting.to_string(),
        }
    }
}

/// The entry point: `Swat::params()` gives the defaults.
#[derive(Debug, Clone)]
pub struct Swat {
    params: SwatParams,
    config: FitConfig,
    init: LatentInit,
}

impl Swat {
    /// Default settings, to adjust with `SwatParams`' setters and then `check`.
    pub fn params() -> SwatParams {
        SwatParams::default()
    }

    /// The settings this was checked from.
    pub fn settings(&self) -> &SwatParams {
        &self.params
    }

    /// The search's own settings, every default resolved.
    pub fn config(&self) -> &FitConfig {
        &self.config
    }

    pub fn latent_init(&self) -> LatentInit {
        self.init
    }

    /// A handle that stops this `Swat`'s running fits from another thread: they end early
    /// with `FitError::Stopped`. Clones of a `Swat` share it; `check` makes a fresh one.
    pub fn stop_handle(&self) -> Stop {
        self.config.stop.clone()
    }

    /// Loads the autoencoders the settings name (`SwatParams::autoencoder`).
    pub fn autoencoders(&self) -> Result<Vec<Loaded>, LoadError> {
        load::load(&self.params.autoencoder)
    }

    /// The most input columns a fit with `loaded` takes: any number with swat's random
    /// starts (data wider than every canvas is fitted from them alone), otherwise the widest
    /// canvas.
    pub fn widest(&self, loaded: &[Loaded]) -> usize {
        if self.params.method == Method::Swat && self.params.random_starts > 0 {
            usize::MAX
        } else {
            load::max_inputs(loaded)
        }
    }

    /// Fits `train` with the settings' autoencoders, silently.
    pub fn fit(&self, train: &Dataset) -> Result<Fitted, SwatError> {
        let loaded = self.autoencoders()?;
        self.fit_with(&loaded, &Tables::train(train, "the training data"), &Silent)
    }

    /// Fits `tables` with autoencoders already loaded.
    pub fn fit_with(
        &self,
        loaded: &[Loaded],
        tables: &Tables,
        progress: &dyn Progress,
    ) -> Result<Fitted, SwatError> {
        let p = &self.params;
        let widest = self.widest(loaded);
        let d = tables.train.inputs.len();
        if d > widest {
            return Err(FitError::TooManyInputs {
                data: d,
                canvas: widest,
            }
            .into());
        }
        for (other, name) in [tables.valid, tables.test].into_iter().flatten() {
            if other.inputs != tables.train.inputs {
                return Err(SwatError::Columns {
                    table: name.to_string(),
                    theirs: other.inputs.join(", "),
                    ours: tables.train.inputs.join(", "),
                });
            }
        }
        let swat = p.method == Method::Swat;
        // The linear model alone needs no canvas, at any width.
        let canvas_needed = self.config.depths.iter().any(|&l| l > 0);
        if d > load::max_inputs(loaded)
            && swat
            && p.wide == Wide::Screen
            && !loaded.is_empty()
            && canvas_needed
        {
            return screened::fit(self, loaded, tables, progress);
        }
        let (folds, explained) = rows::folds(p.folds, tables, p.valid_fraction)?;
        if tiny::applies(self, tables) {
            return Ok(tiny::fit(self, loaded, tables)?);
        }
        // Cross-validated, every row trains and validates (`search::folds`).
        let (train, valid) = rows::split(
            tables.train,
            tables.valid.map(|v| v.0),
            folds,
            p.valid_fraction,
            p.seed,
        );
        rows::enough(tables, &train, &valid, folds, p.valid_fraction)?;
        let scaling = Scaling::fit(&train);
        let prior = (swat && self.init != LatentInit::Uniform).then_some(p.seed);
        let encode = self.init == LatentInit::Encode;
        let candidates = crate::search::several::candidates(loaded, d, prior, encode)?;
        let total = if folds > 1 {
            crate::search::folds::progress_total(&self.config, folds)
        } else {
            self.config.iterations * self.config.depths.len() * candidates.len().max(1)
        };
        progress.start(total as u64);
        let report = |depth: usize, what: &'static str, n: usize| progress.advance(depth, what, n);
        let test = tables.test.map(|t| t.0);
        let (tried, best) = if folds > 1 {
            let data = FoldData {
                scaling: &scaling,
                all: &train,
                test,
                valid_fraction: p.valid_fraction,
            };
            fit_each_folds(&candidates, &data, &self.config, folds, p.seed, &report)?
        } else {
            let data = FitData {
                scaling: &scaling,
                train: &train,
                valid: &valid,
                test,
            };
            fit_each(&candidates, &data, &self.config, &report)?
        };
        let ae = tried[best]
            .candidate
            .and_then(|k| loaded.iter().find(|l| l.name == candidates[k].name));
        let attempts: Vec<Attempt> = tried
            .into_iter()
            .map(|t| Attempt {
                autoencoder: t
                    .candidate
                    .map_or(RANDOM_ONLY.to_string(), |k| candidates[k].name.clone()),
                result: t.result,
            })
            .collect();
        let result = &attempts[best].result;
        let chosen = &result.depths[result.chosen];
        let scores = [Some(&chosen.valid), chosen.test.as_ref()];
        if scores
            .iter()
            .flatten()
            .any(|s| !(s.mse.is_finite() && s.r2.is_finite()))
        {
            return Err(SwatError::NonFinite {
                mse: chosen.valid.mse,
                r2: chosen.valid.r2,
            });
        }
        let autoencoder = ae.map(|l| AutoencoderInfo::of(l, self.init, p.method));
        let mut model = scaling.model(chosen.network.clone(), &train);
        model.provenance = provenance::record(self, &attempts, autoencoder.as_ref(), chosen, folds);
        Ok(Fitted {
            model,
            attempts,
            best,
            autoencoder,
            folds,
            scaling,
            valid_rows: valid.rows(),
            widest_canvas: load::max_inputs(loaded),
            screened: None,
            leave_one_out: false,
            explained,
            settings: self.clone(),
        })
    }
}
