//! What a fit found: per depth its network, scores and history, per start and stage the
//! scores the reports print, and the chosen depth. In: the depths' searches; out: the
//! results that the front door, the reports and the benchmarks read.

use super::start::Origin;
use crate::metrics::Scores;
use crate::mlp::{Mlp, Stats};
use std::fmt;

/// A stage of refinement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The start as it came: the paper's read-out for a decoded start, the draw for a random one.
    Start,
    /// A start encoded from the data, decoded at its first code before any search (its
    /// output's scale and offset fitted to the training rows: `calibrate`).
    Encoded,
    /// After fine-tuning the non-zero weights with the sparsity pattern fixed.
    FineTune,
    /// After prune-and-retrain.
    Sparsify,
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stage::Encoded => "encoded",
            Stage::Start => "start",
            Stage::FineTune => "+ fine-tune",
            Stage::Sparsify => "+ sparsify",
        })
    }
}

/// One start after one stage, scored on the validation rows.
#[derive(Debug, Clone)]
pub struct StageScore {
    pub origin: Origin,
    pub stage: Stage,
    pub stats: Stats,
    pub valid: Scores,
    /// On the test rows, when there are any (never used for choosing).
    pub test: Option<Scores>,
}

/// What one depth's search found.
#[derive(Debug, Clone)]
pub struct DepthResult {
    pub depth: usize,
    /// Compacted, on scaled inputs and target.
    pub network: Mlp,
    /// Where the chosen network started.
    pub origin: Origin,
    pub stats: Stats,
    pub train: Scores,
    pub valid: Scores,
    pub test: Option<Scores>,
    pub seconds: f64,
    /// Latent-search iterations run.
    pub iterations: usize,
    /// (iteration, loss, data MSE in scaled units) of the best restart during the search.
    pub history: Vec<(usize, f32, f32)>,
    /// `Swat`: each stage of the finalists: the best decoded start, the best random start of
    /// each activation.
    pub stages: Vec<StageScore>,
    /// `Swat`: the finalists' pruned networks (compact, scaled units), among which `network`
    /// was picked: what a fit that shares its random starts picks from again.
    pub finalists: Vec<Finalist>,
}

/// One finalist of a depth: a start's best network after fine-tuning and pruning.
#[derive(Debug, Clone)]
pub struct Finalist {
    pub origin: Origin,
    pub network: Mlp,
    /// On the validation rows, in the user's units.
    pub valid: Scores,
}

/// Every depth's result and the index of the chosen one.
#[derive(Debug, Clone)]
pub struct FitResult {
    pub depths: Vec<DepthResult>,
    pub chosen: usize,
    /// `Some(k)`: every depth's `valid` scores are k-fold cross-validation over all the rows
    /// given (`folds::fit_each_folds`), and its network is one fold's; `None`: one split.
    pub folds: Option<usize>,
    /// Each depth's squared errors (user's units) on the rows that chose between them: with
    /// folds every held-out row, in the folds' row order; with one split the validation rows.
    /// Either order is the same for every fit of the same rows with the same seed: what
    /// choosing between such fits compares row by row (`select::one_standard_error`). `None`
    /// where no rows were held out (the linear model by leave-one-out, a benchmark's control).
    pub held_out: Option<Vec<Vec<f64>>>,
}
