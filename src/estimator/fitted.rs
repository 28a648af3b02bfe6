//! A fitted model and the evidence behind it: every autoencoder's fit, per depth and per
//! stage, the one kept, and how it was chosen. In: a finished fit; out: predictions,
//! model.json, ONNX, and the results the reports print.

use super::LatentInit;
use crate::autoencoder::load::Loaded;
use crate::data::Scaling;
use crate::mlp::{MlpError, Model, ModelError};
use crate::search::{DepthResult, FitResult, Method};
use std::path::Path;

/// One autoencoder's fit (or the fit from random starts alone).
#[derive(Debug, Clone)]
pub struct Attempt {
    /// The autoencoder's name, or `search::RANDOM_ONLY`.
    pub autoencoder: String,
    pub result: FitResult,
}

/// The autoencoder whose network was kept, as the provenance records it.
#[derive(Debug, Clone, PartialEq)]
pub struct AutoencoderInfo {
    pub name: String,
    /// The file's name without directories (a bundled one: its name).
    pub file: String,
    pub crc32: String,
    pub step: u64,
    pub arch: &'static str,
    /// Where its latent search began: `encode`, `prior` or `uniform`.
    pub init: &'static str,
}

impl AutoencoderInfo {
    pub(super) fn of(l: &Loaded, init: LatentInit, method: Method) -> AutoencoderInfo {
        AutoencoderInfo {
            name: l.name.clone(),
            file: l.file.clone(),
            crc32: l.crc32(),
            step: l.checkpoint.meta.step,
            arch: l.checkpoint.meta.config.arch.name(),
            init: init.effective(l.reads_functions(), method),
        }
    }
}

/// What `Swat::fit` gives back.
#[derive(Debug, Clone)]
pub struct Fitted {
    /// The chosen network in the user's units, with its provenance.
    pub model: Model,
    /// Every autoencoder's fit, in the order they were tried.
    pub attempts: Vec<Attempt>,
    /// The attempt whose network was kept.
    pub best: usize,
    /// `None`: the data is wider than every canvas; random starts only.
    pub autoencoder: Option<AutoencoderInfo>,
    /// 1: one validation split; more: chosen by that many-fold cross-validation (as many as
    /// rows: `leave_one_out`).
    pub folds: usize,
    /// The table was too small to validate a network: the linear model on every row, its
    /// validation scores by leave-one-out.
    pub leave_one_out: bool,
    /// Where the default fold count read it: how much of the target the inputs explain before
    /// any fit (`search::signal::explained`; tables of 500 to 9,999 rows).
    pub explained: Option<f64>,
    /// Fitted on the training rows; maps the user's units to the networks' [-1, 1].
    pub scaling: Scaling,
    /// Rows the validation scores come from.
    pub valid_rows: usize,
    /// The widest canvas among the autoencoders loaded.
    pub widest_canvas: usize,
    /// Data wider than every canvas, screened (`Wide::Screen`): what the screen kept.
    pub screened: Option<super::Screened>,
    /// The settings it was fitted with.
    pub settings: super::Swat,
}

impl Fitted {
    /// The kept attempt's per-depth results.
    pub fn result(&self) -> &FitResult {
        &self.attempts[self.best].result
    }

    /// The chosen depth's result.
    pub fn chosen(&self) -> &DepthResult {
        let r = self.result();
        &r.depths[r.chosen]
    }

    /// Predictions for row-major inputs in the user's units (as many per row as the data had).
    pub fn predict(&self, x: &[f64]) -> Result<Vec<f64>, MlpError> {
        self.model.predict(x)
    }

    /// Writes model.json atomically (a temporary file, then a rename).
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), ModelError> {
        self.model.save(path)
    }

    /// The model as an ONNX graph (the bytes of a `.onnx` file).
    pub fn to_onnx(&self) -> Vec<u8> {
        crate::export::onnx(&self.model)
    }

    /// How the model was made (also in model.json).
    pub fn provenance(&self) -> &serde_json::Map<String, serde_json::Value> {
        &self.model.provenance
    }
}
