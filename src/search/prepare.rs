//! A fit's data made ready for the search, and networks back in the user's units: scaled,
//! padded training and validation rows; a canvas as a compact network on the data's own
//! inputs; predictions and scores in the user's units. In: datasets and scaling; out: the
//! search's inputs and each depth's `DepthResult`.

use super::error::FitError;
use super::result::{DepthResult, StageScore};
use super::start::Origin;
use crate::autoencoder::data_fit::DataChunks;
use crate::autoencoder::Geometry;
use crate::canvas::Canvas;
use crate::data::{Dataset, Scaling};
use crate::metrics::{score, Scores};
use crate::mlp::{Layer, Mlp};

/// The datasets of a fit, in the user's units.
pub struct FitData<'a> {
    pub scaling: &'a Scaling,
    pub train: &'a Dataset,
    pub valid: &'a Dataset,
    pub test: Option<&'a Dataset>,
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

/// Each row's squared error in the user's units: what choosing between networks compares row
/// by row (`select::one_standard_error`).
pub(crate) fn squared_errors(net: &Mlp, scaling: &Scaling, set: &Dataset) -> Vec<f64> {
    predict(net, scaling, set)
        .iter()
        .zip(&set.y)
        .map(|(p, y)| (p - y) * (p - y))
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
        finalists: Vec::new(),
    }
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
