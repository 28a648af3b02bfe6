//! Fitting a dataset with the paper's method: a latent search per depth, the paper's read-out,
//! scores in the user's units, and the choice of one network across depths.
//! In: a frozen autoencoder and train/valid(/test) datasets; out: per-depth results.

use super::latent::{LatentSearch, SearchConfig};
use super::refine::{refine, RefineConfig};
use crate::autoencoder::kernel::DataChunks;
use crate::autoencoder::{Autoencoder, Geometry};
use crate::canvas::Canvas;
use crate::canvas::CanvasError;
use crate::data::{Dataset, Scaling};
use crate::metrics::{score, Scores};
use crate::mlp::{Layer, Mlp, Stats};

/// Settings of a fit.
#[derive(Debug, Clone, PartialEq)]
pub struct FitConfig {
    pub depths: Vec<usize>,
    pub iterations: usize,
    pub search: SearchConfig,
    /// After the paper's read-out: fine-tune, then prune against the validation error.
    pub refine: Option<RefineConfig>,
}

/// What one depth's search found.
#[derive(Debug, Clone)]
pub struct DepthResult {
    pub depth: usize,
    /// Compacted, on scaled inputs and target.
    pub network: Mlp,
    pub stats: Stats,
    pub train: Scores,
    pub valid: Scores,
    pub test: Option<Scores>,
    pub seconds: f64,
    /// (iteration, loss, data MSE in scaled units) of the best restart during the search.
    pub history: Vec<(usize, f32, f32)>,
}

/// Every depth's result and the index of the chosen one.
#[derive(Debug, Clone)]
pub struct FitResult {
    pub depths: Vec<DepthResult>,
    pub chosen: usize,
}

/// Why a fit cannot run.
#[derive(Debug, thiserror::Error)]
pub enum FitError {
    #[error("{0}")]
    Canvas(#[from] CanvasError),
    #[error(
        "the data has {data} inputs but the autoencoder's canvas takes at most {canvas}; train \
         one with more input rows (swat train-ae) and pass it with --autoencoder"
    )]
    TooManyInputs { data: usize, canvas: usize },
    #[error("--depths: depth {0} is outside the autoencoder's 1..={1}")]
    Depth(usize, usize),
}

/// Validation MSEs within this share of the best count as equal; the smaller network wins.
pub const TIE: f64 = 0.01;

/// The datasets of a fit, in the user's units.
pub struct FitData<'a> {
    pub scaling: &'a Scaling,
    pub train: &'a Dataset,
    pub valid: &'a Dataset,
    pub test: Option<&'a Dataset>,
}

/// Runs the search at every depth and picks the network with the lowest validation MSE, or,
/// among those within `TIE` of it, the one with the fewest non-zero parameters.
pub fn fit_paper(
    ae: &Autoencoder,
    geometry: Geometry,
    data: &FitData,
    config: &FitConfig,
    mut progress: impl FnMut(usize, usize),
) -> Result<FitResult, FitError> {
    let (scaling, train, valid, test) = (data.scaling, data.train, data.valid, data.test);
    let d = train.inputs.len();
    if d > geometry.inputs {
        return Err(FitError::TooManyInputs {
            data: d,
            canvas: geometry.inputs,
        });
    }
    if let Some(&bad) = config
        .depths
        .iter()
        .find(|&&l| l == 0 || l > geometry.max_depth)
    {
        return Err(FitError::Depth(bad, geometry.max_depth));
    }
    let x = padded(&scaling.inputs(&train.x), d, geometry.inputs);
    let y: Vec<f32> = scaling
        .targets(&train.y)
        .iter()
        .map(|v| *v as f32)
        .collect();
    let valid_chunks = DataChunks::new(
        &padded(&scaling.inputs(&valid.x), d, geometry.inputs),
        &scaling
            .targets(&valid.y)
            .iter()
            .map(|v| *v as f32)
            .collect::<Vec<_>>(),
        geometry.inputs,
    );
    let mut results = Vec::new();
    for &depth in &config.depths {
        let started = std::time::Instant::now();
        let mut search = LatentSearch::new(ae, geometry, depth, &x, &y, config.search.clone());
        let mut history = Vec::new();
        for it in 0..config.iterations {
            let report = search.step();
            // The best restart's loss and data error, about 200 points per curve.
            if it % (config.iterations / 200).max(1) == 0 || it + 1 == config.iterations {
                let best = (0..report.loss.len())
                    .min_by(|&a, &b| report.loss[a].total_cmp(&report.loss[b]))
                    .unwrap_or(0);
                history.push((it + 1, report.loss[best], report.mse[best]));
            }
            progress(depth, it + 1);
        }
        let spec = geometry.spec(depth);
        let mut canvases = search.read_out_canvases();
        if let Some(cfg) = &config.refine {
            let weights = search.weight_entries();
            let train_chunks = DataChunks::new(&x, &y, geometry.inputs);
            canvases = canvases
                .iter()
                .map(|c| {
                    refine(
                        &geometry,
                        depth,
                        c,
                        &weights,
                        &train_chunks,
                        &valid_chunks,
                        cfg,
                    )
                    .canvas
                })
                .collect();
        }
        let nets = canvases
            .into_iter()
            .map(|c| {
                Ok(restrict_inputs(
                    &Canvas::from_decoder_output(spec, c)?.decode().compact(),
                    d,
                ))
            })
            .collect::<Result<Vec<Mlp>, CanvasError>>()?;
        // With several restarts, keep the one that validates best.
        let eval = |n: &Mlp, data: &Dataset| -> Scores {
            let pred = n
                .forward(&scaling.inputs(&data.x))
                .expect("input count checked");
            let pred: Vec<f64> = pred.iter().map(|s| scaling.untarget(*s)).collect();
            score(&pred, &data.y)
        };
        let best = nets
            .into_iter()
            .map(|n| {
                let v = eval(&n, valid);
                (n, v)
            })
            .min_by(|a, b| a.1.mse.total_cmp(&b.1.mse))
            .expect("at least one restart");
        let (network, valid_scores) = best;
        results.push(DepthResult {
            depth,
            stats: network.stats(),
            train: eval(&network, train),
            valid: valid_scores,
            test: test.map(|t| eval(&network, t)),
            network,
            seconds: started.elapsed().as_secs_f64(),
            history,
        });
    }
    let chosen = choose(&results);
    Ok(FitResult {
        depths: results,
        chosen,
    })
}

fn choose(results: &[DepthResult]) -> usize {
    let best = results
        .iter()
        .map(|r| r.valid.mse)
        .fold(f64::INFINITY, f64::min);
    (0..results.len())
        .filter(|&k| results[k].valid.mse <= best * (1.0 + TIE))
        .min_by_key(|&k| (results[k].stats.nonzero_params, k))
        .unwrap_or(0)
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
