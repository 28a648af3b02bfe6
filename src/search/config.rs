//! A fit's settings: the method, the depths and budgets, the starts, refinement, the
//! autoencoder's prior and probe points, and the fewest rows a fit accepts. In: defaults or a
//! caller's choices; out: a `FitConfig` every stage of the search reads.

use super::control::Stop;
use super::latent::SearchConfig;
use super::refine::RefineConfig;
use crate::mlp::Activation;

/// How each depth's network is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The 2024 paper's search for a fixed number of iterations and its read-out, nothing more.
    Paper,
    /// swat's default: the latent search stopped early on validation error, random dense
    /// starts beside the decoded ones, fine-tuning of every start, then prune-and-retrain of the
    /// best start of each kind within a validation budget.
    Swat,
}

/// Which iterate of the paper's search is read out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaperReadOut {
    /// The iterate of lowest loss (data error plus sparsity terms), as the paper's code keeps
    /// it. Long searches can leave a good network for a flat one and never return: on a
    /// depth-1 sigmoid teacher the loss sat near 10⁻³·⁵ for 20,000 iterations, then jumped
    /// to a dead network's (BENCHMARKS.md, "The paper's method from the data's code").
    LowestLoss,
    /// The last iterate, as the paper's code prints it.
    Last,
}

impl PaperReadOut {
    /// The name the command line, model.json and the Python package use.
    pub fn name(self) -> &'static str {
        match self {
            PaperReadOut::LowestLoss => "lowest-loss",
            PaperReadOut::Last => "last",
        }
    }
}

/// swat's random dense starts per depth beside the decoded ones (the control).
pub const RANDOM_STARTS: usize = 2;

/// The random starts' activations by default: one network of the autoencoders' sigmoid, one of
/// leaky-ReLU (piecewise-linear data: BENCHMARKS.md, "Random starts of two activations").
pub const RANDOM_ACTIVATIONS: [Activation; 2] = [Activation::Sigmoid, Activation::LeakyRelu];

/// Settings of a fit.
#[derive(Debug, Clone, PartialEq)]
pub struct FitConfig {
    pub depths: Vec<usize>,
    pub method: Method,
    /// Search iterations per depth: exactly this many for `Paper`, at most this many for `Swat`.
    pub iterations: usize,
    /// `Paper`: which iterate is read out.
    pub paper_read_out: PaperReadOut,
    /// The latent search; `restarts` is the number of decoded starts.
    pub search: SearchConfig,
    /// `Swat`: random dense starts per depth (0 turns the control off).
    pub random_starts: usize,
    /// `Swat`: the hidden activation of each random start in turn (empty: the autoencoder's).
    pub random_activations: Vec<Activation>,
    /// `Swat`: validate the search's read-outs every this many iterations; stop after
    /// `patience` checks without improvement.
    pub check_every: usize,
    pub patience: usize,
    /// `Swat`: fine-tuning and pruning.
    pub refine: RefineConfig,
    /// `Swat`: latent codes `[n, latent]` of teachers from the autoencoder's own distribution
    /// (`Trainer::prior_latents`); the decoded starts begin at those that fit the data best.
    /// Without them, the paper's z ~ U[0, 1).
    pub prior: Option<Vec<f32>>,
    /// `Swat`: the autoencoder's probe points (row-major, the canvas's inputs). Set, and with
    /// an encoder that reads functions, the decoded starts begin at the codes of the data's own
    /// function estimated there (`--latent-init encode`); this comes before `prior`.
    pub probe: Option<Vec<f64>>,
    /// Set from another thread, the fit ends early with `FitError::Stopped`.
    pub stop: Stop,
}

impl FitConfig {
    /// The search's defaults for `method`. `swat fit`'s settings are these plus what the
    /// front door adds per autoencoder (its prior or probe points, `autoencoder::load::
    /// candidates`): build them with `Swat::params()`, not by hand.
    pub fn new(method: Method) -> FitConfig {
        let swat = method == Method::Swat;
        FitConfig {
            // Depth 0 (the linear model) competes by default; the paper's method has none.
            depths: if swat {
                vec![0, 1, 2, 3, 4]
            } else {
                vec![1, 2, 3, 4]
            },
            method,
            iterations: if swat { 2000 } else { 30_001 },
            paper_read_out: PaperReadOut::LowestLoss,
            search: SearchConfig {
                restarts: if swat { 4 } else { 1 },
                // 4,096 rows per iteration: a start for the fine-tune needs no more, and
                // large tables pay for every row (BENCHMARKS.md, "Minibatches").
                batch_chunks: if swat { 2 } else { 0 },
                ..SearchConfig::default()
            },
            random_starts: if swat { RANDOM_STARTS } else { 0 },
            random_activations: RANDOM_ACTIVATIONS.to_vec(),
            check_every: 100,
            patience: 5,
            refine: RefineConfig::default(),
            prior: None,
            probe: None,
            stop: Stop::default(),
        }
    }
}

/// Fewest training rows (after any validation split) a fit accepts: fewer cannot pin down
/// even a depth-1 network with one neuron per input and say anything about its error.
pub const MIN_TRAIN_ROWS: usize = 10;
/// Fewest validation rows: R² needs a spread of targets, selection needs more than one row.
pub const MIN_VALID_ROWS: usize = 3;
