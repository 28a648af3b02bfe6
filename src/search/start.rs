//! Where a depth's candidate networks start: decoded from the autoencoder by the latent search
//! (the method's own starts), or drawn at random as dense networks (the control that shows
//! whether the autoencoder earns its place). In: a geometry, a depth, scaled data; out: canvases.

use super::calibrate::calibrate;
use super::control::Stop;
use super::latent::{LatentSearch, SearchConfig};
use crate::autoencoder::data_fit::{data_mse, DataChunks};
use crate::autoencoder::step::to_host;
use crate::autoencoder::{Autoencoder, Geometry, MaskMode};
use crate::mlp::Activation;
use burn::tensor::{Device, Tensor, TensorData};
use rand::RngExt;
use std::fmt;

/// The kind and index of a start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// Restart `k` of the latent search, read out the paper's way.
    Decoded(usize),
    /// Random dense network `k`, its hidden neurons all of one activation (`None`: each
    /// neuron drew its own from the canvas's choices).
    Random(usize, Option<Activation>),
    /// Depth 0: the linear model, fitted by least squares (no start to search from).
    LeastSquares,
}

impl Origin {
    pub fn is_decoded(self) -> bool {
        matches!(self, Origin::Decoded(_))
    }

    /// The start without its index: decoded, or random with its activation.
    pub fn kind(self) -> Option<Option<Activation>> {
        match self {
            Origin::Decoded(_) => None,
            Origin::Random(_, a) => Some(a),
            Origin::LeastSquares => Some(Some(Activation::Linear)),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Decoded(k) => write!(f, "decoded #{k}"),
            Origin::Random(k, Some(a)) => write!(f, "random #{k} ({})", a.name()),
            Origin::Random(k, None) => write!(f, "random #{k}"),
            Origin::LeastSquares => f.write_str("least squares"),
        }
    }
}

/// A candidate canvas (mask columns as logits, like a decoder's output) and the geometry that
/// reads it: the autoencoder's for a decoded start; for a random one, the same layout with the
/// start's own activation.
#[derive(Debug, Clone, PartialEq)]
pub struct Start {
    pub origin: Origin,
    pub geometry: Geometry,
    pub canvas: Vec<f32>,
    /// A decoded start encoded from the data: the network decoded at its first code, before
    /// any search.
    pub encoded: Option<Vec<f32>>,
}

/// Where the decoded starts' latent search begins.
#[derive(Debug, Clone, Copy)]
pub enum Init<'a> {
    /// The paper's z ~ U[0, 1) (or `SearchConfig::init` when set).
    Uniform,
    /// At the codes `[n, latent]` of the autoencoder's own teachers whose decoded networks fit
    /// the first training rows best.
    Prior(&'a [f32]),
    /// At the data's own codes `[restarts, latent]` (`encode::encoded_codes`): the decoded
    /// networks there also compete as they are, before any search.
    Encode(&'a [f32]),
}

/// A mask logit that marks a neuron present with room to spare.
const PRESENT: f32 = 10.0;

/// `count` dense networks of `depth` hidden layers, every neuron present, weights drawn
/// Xavier-uniform for the scaled data; only the first `inputs` input rows get weights (the
/// rest are padding). Biases start small (U[−0.1, 0.1]); with activation choices each neuron
/// draws one, unless `activations` names one the canvas can choose. Start `k` has
/// `activations[k % len]` in every hidden neuron (the geometry's own when `activations` is
/// empty): data from a piecewise-linear process is fitted exactly, and with fewer weights, by a
/// leaky-ReLU network than by any sigmoid one.
pub fn random_starts(
    geometry: &Geometry,
    depth: usize,
    inputs: usize,
    count: usize,
    activations: &[Activation],
    seed: u64,
) -> Vec<Start> {
    let spec = geometry.spec(depth);
    let (rows, cols) = (spec.rows, spec.cols());
    let choices = spec.choice_cols();
    let mut rng = crate::teacher::rng(seed);
    (0..count)
        .map(|k| {
            let wanted = match activations {
                [] => geometry.activation,
                list => list[k % list.len()],
            };
            // With choice columns the one-hot decides; a choice the canvas lacks means a draw.
            let fixed = if choices > 0 {
                spec.choices.position(wanted).map(|p| (wanted, p))
            } else {
                Some((wanted, 0))
            };
            let mut c = vec![0.0f32; rows * cols];
            for l in 0..=depth {
                let (sources, fan_in) = if l == 0 {
                    (spec.input_offset()..spec.input_offset() + inputs, inputs)
                } else {
                    (0..rows, rows)
                };
                let targets = if l == depth { 1 } else { rows };
                let bound = (6.0 / (fan_in + targets) as f32).sqrt();
                for r in sources {
                    for j in 0..targets {
                        c[r * cols + spec.block_col(l) + j] = rng.random_range(-bound..bound);
                    }
                }
                // Small non-zero biases: refinement only moves non-zero entries, and a net
                // without biases computes only odd functions when its activations are odd.
                if let Some(bc) = spec.bias_col(l) {
                    for r in 0..targets {
                        c[r * cols + bc] = rng.random_range(-0.1..0.1);
                    }
                }
                if l < depth {
                    for r in 0..rows {
                        c[r * cols + spec.mask_col(l)] = PRESENT;
                        if choices > 0 {
                            let pick = match fixed {
                                Some((_, p)) => p,
                                None => rng.random_range(0..choices),
                            };
                            c[r * cols + spec.choice_col(l, pick)] = 1.0;
                        }
                    }
                }
            }
            Start {
                origin: Origin::Random(k, fixed.map(|f| f.0)),
                geometry: Geometry {
                    activation: if choices > 0 {
                        geometry.activation
                    } else {
                        wanted
                    },
                    ..*geometry
                },
                canvas: c,
                encoded: None,
            }
        })
        .collect()
}

/// How the decoded starts' latent search stops early.
#[derive(Debug, Clone, PartialEq)]
pub struct EarlyStop {
    /// Most iterations.
    pub iterations: usize,
    /// Read out and validate every this many iterations.
    pub check_every: usize,
    /// Stop after this many checks in which no restart's read-out validated better.
    pub patience: usize,
    /// Stop at once when requested.
    pub stop: Stop,
}

/// The decoded starts of one depth and how their search went.
pub struct DecodedStarts {
    /// Per restart, the read-out that validated best during the search.
    pub starts: Vec<Start>,
    pub iterations: usize,
    /// (iteration, loss, data MSE) of the restart with the lowest loss, about 200 points.
    pub history: Vec<(usize, f32, f32)>,
}

/// Runs the latent search with `search.restarts` restarts, reading each restart out the paper's
/// way every `stop.check_every` iterations, its output's scale and offset fitted to the first
/// 4,096 training rows (`calibrate`), and keeping its best-validating read-out.
/// `progress` receives the number of iterations just run.
/// `init` says where the restarts begin (`Init`). A start encoded from the data also competes
/// as it was decoded, before any search, and keeps that network as `Start::encoded`.
#[allow(clippy::too_many_arguments)]
pub fn decoded_starts(
    ae: &Autoencoder,
    geometry: Geometry,
    depth: usize,
    x: &[f32],
    y: &[f32],
    valid: &DataChunks,
    search: &SearchConfig,
    init: Init,
    stop: &EarlyStop,
    mut progress: impl FnMut(usize),
) -> DecodedStarts {
    let mut search = search.clone();
    let mut best: Vec<(f32, Vec<f32>)> = vec![(f32::INFINITY, Vec::new()); search.restarts];
    let mut encoded: Vec<Option<Vec<f32>>> = vec![None; search.restarts];
    let first = DataChunks::new(x, y, geometry.inputs).window(0, 2);
    // Judged and kept at the height that fits the data (see `calibrate`).
    let calibrated = |canvases: Vec<Vec<f32>>| -> Vec<Vec<f32>> {
        canvases
            .iter()
            .map(|c| calibrate(&geometry, depth, c, &first))
            .collect()
    };
    match init {
        Init::Uniform => {}
        Init::Prior(p) => {
            search.init = Some(best_codes(ae, geometry, depth, p, &first, search.restarts));
        }
        Init::Encode(z) => {
            let canvases = calibrated(decode_codes(ae, geometry, depth, z));
            let mse = data_mse(&geometry, depth, &canvases.concat(), valid, MaskMode::Hard);
            for (k, c) in canvases.into_iter().enumerate() {
                best[k] = (mse[k], c.clone());
                encoded[k] = Some(c);
            }
            search.init = Some(z.to_vec());
        }
    }
    let mut s = LatentSearch::new(ae, geometry, depth, x, y, search.clone());
    let mut history = Vec::new();
    let mut stale = 0;
    let (mut done, mut reported) = (0, 0);
    let every = stop.check_every.max(1);
    while done < stop.iterations && !stop.stop.requested() {
        let report = s.step();
        done += 1;
        if done % (stop.iterations / 200).max(1) == 0 || done == 1 {
            let k = (0..report.loss.len())
                .min_by(|&a, &b| report.loss[a].total_cmp(&report.loss[b]))
                .unwrap_or(0);
            history.push((done, report.loss[k], report.mse[k]));
        }
        if done % every == 0 || done == stop.iterations {
            progress(done - reported);
            reported = done;
            let canvases = calibrated(s.read_out_canvases());
            let mse = data_mse(&geometry, depth, &canvases.concat(), valid, MaskMode::Hard);
            let mut improved = false;
            for (k, c) in canvases.into_iter().enumerate() {
                if mse[k] < best[k].0 || best[k].1.is_empty() {
                    improved |= mse[k] < best[k].0 * 0.999;
                    best[k] = (mse[k], c);
                }
            }
            stale = if improved { 0 } else { stale + 1 };
            if stale >= stop.patience {
                break;
            }
        }
    }
    DecodedStarts {
        starts: best
            .into_iter()
            .enumerate()
            .zip(encoded)
            .map(|((k, (_, canvas)), encoded)| Start {
                origin: Origin::Decoded(k),
                geometry,
                canvas,
                encoded,
            })
            .collect(),
        iterations: done,
        history,
    }
}

/// The depth-`depth` canvases decoded from codes `[n, latent]`, one per code.
fn decode_codes(
    ae: &Autoencoder,
    geometry: Geometry,
    depth: usize,
    codes: &[f32],
) -> Vec<Vec<f32>> {
    let latent = ae.latent_size();
    let n = codes.len() / latent.max(1);
    if n == 0 {
        return Vec::new();
    }
    let z = Tensor::<2>::from_data(
        TensorData::new(codes[..n * latent].to_vec(), [n, latent]),
        &Device::flex().autodiff(),
    );
    let flat = to_host(ae.decode(&geometry, z)[depth - 1].clone());
    let size = flat.len() / n;
    flat.chunks(size).map(<[f32]>::to_vec).collect()
}

/// The `k` codes of `codes` (`[n, latent]`) whose decoded depth-`depth` networks fit `data`
/// best, `[k, latent]` (repeating the best when there are fewer than `k`).
fn best_codes(
    ae: &Autoencoder,
    geometry: Geometry,
    depth: usize,
    codes: &[f32],
    data: &DataChunks,
    k: usize,
) -> Vec<f32> {
    let latent = ae.latent_size();
    let n = codes.len() / latent.max(1);
    if n == 0 {
        return Vec::new();
    }
    let dev = Device::flex().autodiff();
    let z = Tensor::<2>::from_data(
        TensorData::new(codes[..n * latent].to_vec(), [n, latent]),
        &dev,
    );
    let decoded = to_host(ae.decode(&geometry, z)[depth - 1].clone());
    let mse = data_mse(&geometry, depth, &decoded, data, MaskMode::Hard);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| mse[a].total_cmp(&mse[b]));
    (0..k)
        .flat_map(|j| {
            let c = order[j.min(n - 1)];
            codes[c * latent..(c + 1) * latent].iter().copied()
        })
        .collect()
}
