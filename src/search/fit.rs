//! Fitting a dataset: per depth, candidate networks from the latent search (and, by default,
//! random dense starts as a control), refined and scored in the user's units; then one network
//! is chosen across depths. In: a frozen autoencoder and train/valid(/test) data; out: results.

use super::latent::SearchConfig;
use super::refine::RefineConfig;
use super::start::Origin;
use crate::autoencoder::kernel::DataChunks;
use crate::autoencoder::{Autoencoder, Geometry};
use crate::canvas::Canvas;
use crate::canvas::CanvasError;
use crate::data::{Dataset, Scaling};
use crate::metrics::{score, Scores};
use crate::mlp::{Activation, Layer, Mlp, Stats};
use rayon::prelude::*;
use std::fmt;

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
}

impl FitConfig {
    /// The defaults of `swat fit` for `method`.
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
            search: SearchConfig {
                restarts: if swat { 4 } else { 1 },
                batch_chunks: if swat { 4 } else { 0 },
                ..SearchConfig::default()
            },
            random_starts: if swat { 2 } else { 0 },
            random_activations: RANDOM_ACTIVATIONS.to_vec(),
            check_every: 100,
            patience: 5,
            refine: RefineConfig::default(),
            prior: None,
            probe: None,
        }
    }
}

/// A stage of refinement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The start as it came: the paper's read-out for a decoded start, the draw for a random one.
    Start,
    /// A start encoded from the data, decoded at its first code before any search.
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
}

/// Every depth's result and the index of the chosen one.
#[derive(Debug, Clone)]
pub struct FitResult {
    pub depths: Vec<DepthResult>,
    pub chosen: usize,
    /// `Some(k)`: every depth's `valid` scores are k-fold cross-validation over all the rows
    /// given (`folds::fit_each_folds`), and its network is one fold's; `None`: one split.
    pub folds: Option<usize>,
}

/// Why a fit cannot run.
#[derive(Debug, thiserror::Error)]
pub enum FitError {
    #[error("{0}")]
    Canvas(#[from] CanvasError),
    #[error("{0}")]
    Network(#[from] crate::mlp::MlpError),
    #[error(
        "the data has {data} inputs but the autoencoder's canvas takes at most {canvas}; train \
         one with more input rows (swat train-ae) and pass it with --autoencoder"
    )]
    TooManyInputs { data: usize, canvas: usize },
    #[error("--depths: depth {0} is outside the autoencoder's 1..={1} (and 0, the linear model, with --method swat)")]
    Depth(usize, usize),
    #[error("--restarts and --random-starts: at least one start per depth is needed")]
    NoStarts,
    #[error("--method paper needs an autoencoder whose canvas takes the data's inputs")]
    NoAutoencoder,
}

/// Validation MSEs within this share of the lowest count as equal; the smaller network wins.
pub const TIE: f64 = 0.01;
/// By default, so do validation R² within this of the best (what matters once every fit is near
/// perfect): a user of swat wants the small network that explains nearly as much. On Himmelblau
/// 0.001 kept 108 parameters at test R² 0.998, 0.005 keeps 27 at 0.995 (BENCHMARKS.md).
pub const R2_SLACK: f64 = 0.005;
/// ...but never one whose validation MSE is more than this many times the lowest (about 3× the
/// RMS error): near a perfect fit the R² slack alone let Booth trade 36× the error for one
/// parameter, and a leaky-ReLU teacher's exact 5-weight network lose to an R² 0.9999 one with
/// 4 weights and 85% median error.
pub const MSE_RATIO: f64 = 10.0;

/// Fewest training rows (after any validation split) a fit accepts: fewer cannot pin down
/// even a depth-1 network with one neuron per input and say anything about its error.
pub const MIN_TRAIN_ROWS: usize = 10;
/// Fewest validation rows: R² needs a spread of targets, selection needs more than one row.
pub const MIN_VALID_ROWS: usize = 3;

/// The datasets of a fit, in the user's units.
pub struct FitData<'a> {
    pub scaling: &'a Scaling,
    pub train: &'a Dataset,
    pub valid: &'a Dataset,
    pub test: Option<&'a Dataset>,
}

/// What a fit reports while it runs: a depth, what it is doing, and search iterations done
/// since the last report. Depths run side by side, so it is called from several threads.
pub type Progress<'p> = dyn Fn(usize, &'static str, usize) + Sync + 'p;

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
    let mut results = config
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
    })
}

/// Training and validation rows scaled to [-1, 1], inputs padded to the canvas's count.
pub(crate) struct Scaled {
    pub(crate) x: Vec<f32>,
    pub(crate) y: Vec<f32>,
    pub(crate) train: DataChunks,
    pub(crate) valid: DataChunks,
    /// The data's own latent codes `[restarts, latent]`, one per restart, when the fit starts
    /// from them (`FitConfig::probe` with an encoder of functions).
    pub(crate) codes: Option<Vec<f32>>,
}

impl Scaled {
    pub(crate) fn new(data: &FitData, canvas_inputs: usize) -> Scaled {
        let d = data.train.inputs.len();
        let prep = |set: &Dataset| -> (Vec<f32>, Vec<f32>) {
            let x = padded(&data.scaling.inputs(&set.x), d, canvas_inputs);
            let y = data
                .scaling
                .targets(&set.y)
                .iter()
                .map(|v| *v as f32)
                .collect();
            (x, y)
        };
        let (x, y) = prep(data.train);
        let (vx, vy) = prep(data.valid);
        Scaled {
            train: DataChunks::new(&x, &y, canvas_inputs),
            valid: DataChunks::new(&vx, &vy, canvas_inputs),
            x,
            y,
            codes: None,
        }
    }
}

/// A depth's canvas as a compact network on the data's own inputs.
pub(crate) fn network(
    geometry: &Geometry,
    depth: usize,
    d: usize,
    canvas: &[f32],
) -> Result<Mlp, FitError> {
    let spec = geometry.spec(depth);
    Ok(restrict_inputs(
        &Canvas::from_decoder_output(spec, canvas.to_vec())?
            .decode()
            .compact(),
        d,
    ))
}

/// Predictions in the user's units.
pub(crate) fn predict(net: &Mlp, scaling: &Scaling, set: &Dataset) -> Vec<f64> {
    net.forward(&scaling.inputs(&set.x))
        .expect("input count checked")
        .iter()
        .map(|s| scaling.untarget(*s))
        .collect()
}

/// Scores in the user's units.
pub(crate) fn eval(net: &Mlp, scaling: &Scaling, set: &Dataset) -> Scores {
    score(&predict(net, scaling, set), &set.y)
}

pub(crate) fn result(
    depth: usize,
    network: Mlp,
    origin: Origin,
    data: &FitData,
    started: std::time::Instant,
    (iterations, history): (usize, Vec<(usize, f32, f32)>),
    stages: Vec<StageScore>,
) -> DepthResult {
    DepthResult {
        depth,
        stats: network.stats(),
        train: eval(&network, data.scaling, data.train),
        valid: eval(&network, data.scaling, data.valid),
        test: data.test.map(|t| eval(&network, data.scaling, t)),
        network,
        origin,
        seconds: started.elapsed().as_secs_f64(),
        iterations,
        history,
        stages,
    }
}

/// Among `(validation MSE, non-zero parameters)` candidates, those whose MSE is within `TIE` of
/// the lowest, or within `r2_slack` × `variance` of it (an R² within `r2_slack` of the best) and
/// at most `MSE_RATIO` times it, count as equal; of those the smallest wins, then the more
/// accurate, then the earliest.
pub fn pick(candidates: &[(f64, usize)], variance: f64, r2_slack: f64) -> usize {
    let best = candidates.iter().map(|c| c.0).fold(f64::INFINITY, f64::min);
    let limit = (best * (1.0 + TIE)).max((best + r2_slack * variance).min(best * MSE_RATIO));
    (0..candidates.len())
        .filter(|&k| candidates[k].0 <= limit)
        .min_by(|&a, &b| {
            let (x, y) = (candidates[a], candidates[b]);
            x.1.cmp(&y.1).then(x.0.total_cmp(&y.0)).then(a.cmp(&b))
        })
        .unwrap_or(0)
}

fn choose(results: &[DepthResult], variance: f64, r2_slack: f64, rows: usize) -> usize {
    pick(
        &within_rows(
            &results
                .iter()
                .map(|r| (r.valid.mse, r.stats.nonzero_params))
                .collect::<Vec<_>>(),
            rows,
        ),
        variance,
        r2_slack,
    )
}

/// A network with more non-zero parameters than training rows can pass through every row,
/// noise and all; it is chosen only when no candidate is within this many parameters per
/// training row (stackloss, 15 training rows: 257 parameters chosen on 3 validation rows,
/// test R² 0.22 where the linear model has 0.74; BENCHMARKS.md "Small tables").
pub const MAX_PARAMS_PER_ROW: f64 = 1.0;

/// Whether a network of `params` non-zero parameters may be chosen on `rows` training rows.
pub fn affordable(params: usize, rows: usize) -> bool {
    params as f64 <= rows as f64 * MAX_PARAMS_PER_ROW
}

/// `candidates` (validation MSE, non-zero parameters) with those `affordable` rules out made
/// unpickable (MSE ∞), unless that leaves none.
pub(crate) fn within_rows(candidates: &[(f64, usize)], rows: usize) -> Vec<(f64, usize)> {
    if !candidates.iter().any(|c| affordable(c.1, rows)) {
        return candidates.to_vec();
    }
    candidates
        .iter()
        .map(|&(mse, p)| {
            (
                if affordable(p, rows) {
                    mse
                } else {
                    f64::INFINITY
                },
                p,
            )
        })
        .collect()
}

pub(crate) fn variance(y: &[f64]) -> f64 {
    let n = y.len().max(1) as f64;
    let mean = y.iter().sum::<f64>() / n;
    y.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n
}

/// Row-major inputs with zero columns appended up to the canvas's input count (f32).
fn padded(x: &[f64], d: usize, canvas: usize) -> Vec<f32> {
    x.chunks(d)
        .flat_map(|row| {
            row.iter()
                .map(|v| *v as f32)
                .chain(std::iter::repeat_n(0.0, canvas - d))
        })
        .collect()
}

/// The network with only its first `d` inputs: the others were always zero, so their weights
/// never mattered.
fn restrict_inputs(net: &Mlp, d: usize) -> Mlp {
    if net.inputs() == d {
        return net.clone();
    }
    let mut layers = net.layers().to_vec();
    let first = &layers[0];
    let o = first.outputs();
    layers[0] = Layer::new(
        d,
        o,
        first.weights()[..d * o].to_vec(),
        Some(first.biases().to_vec()),
        first.activations().to_vec(),
        first.leaky_slope(),
    )
    .expect("a sub-layer of a valid layer is valid");
    Mlp::new(layers).expect("layers still chain").compact()
}

#[cfg(test)]
mod tests {
    use super::pick;

    #[test]
    fn pick_prefers_the_smallest_of_the_equally_good() {
        // Within 1% of the lowest MSE: the smaller network wins.
        assert_eq!(pick(&[(1.0, 50), (1.005, 20), (1.5, 5)], 0.0, 0.001), 1);
        // 2% worse is not equal when the R² slack is nothing...
        assert_eq!(pick(&[(1.0, 50), (1.02, 20)], 0.0, 0.001), 0);
        // ...but is when it costs less than 0.001 of R² (variance 100: slack 0.1 in MSE).
        assert_eq!(pick(&[(1.0, 50), (1.02, 20), (1.2, 5)], 100.0, 0.001), 1);
        // A larger slack lets the smallest win.
        assert_eq!(pick(&[(1.0, 50), (1.02, 20), (1.2, 5)], 100.0, 0.01), 2);
        // Equal size: the more accurate, then the earlier candidate.
        // Never more than MSE_RATIO times the lowest MSE, whatever the slack: a near-exact fit
        // is not traded for a merely good one.
        assert_eq!(pick(&[(1e-9, 6), (0.04, 5)], 10.0, 0.005), 0);
        assert_eq!(pick(&[(1.0, 50), (9.0, 20), (11.0, 5)], 1e4, 0.01), 1);
        assert_eq!(pick(&[(1.0, 7), (1.0, 7)], 0.0, 0.001), 0);
        assert_eq!(pick(&[(1.005, 7), (1.0, 7)], 0.0, 0.001), 1);
    }
}
