//! The functional loss: decoded canvases run as networks on the probe inputs, all networks of
//! a batch at once, compared with the teachers' outputs (DESIGN §1.4).
//! In: a decoder's canvases `[B, R, C_L]` and probe points `[P, d]`; out: outputs `[B, P]`,
//! per-network errors `[B]`, and the batch loss (minimum over decoders, mean over the batch).

use super::batch::Geometry;
use crate::mlp::Activation;
use burn::tensor::activation::{leaky_relu, sigmoid, softmax};
use burn::tensor::Tensor;

/// How the neuron-mask columns of a decoded canvas become masks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MaskMode {
    /// σ(logit) > 0.5 → 1, else 0, with no gradient (the paper).
    Hard,
    /// The hard mask forward, the gradient of σ(logit) backward (straight-through), so the
    /// mask columns learn from the functional loss too.
    StraightThrough,
}

/// Runs every decoded network of depth `depth` on the probe points.
/// `decoded` is `[B, R, C_L]` with mask columns as logits; `probe` is `[P, d]`. Returns `[B, P]`.
/// Padding rows around the inputs and the rows and columns of absent neurons are ignored,
/// exactly as `Canvas::decode` does, so this agrees with the plain-Rust network.
pub fn run_decoded(
    geometry: &Geometry,
    depth: usize,
    decoded: Tensor<3>,
    probe: Tensor<2>,
    masks: MaskMode,
) -> Tensor<2> {
    let spec = geometry.spec(depth);
    let [b, r, _] = decoded.dims();
    let [p, d] = probe.dims();
    let logits = decoded.clone().narrow(2, spec.mask_col(0), depth);
    let soft = sigmoid(logits);
    let hard = soft.clone().greater_elem(0.5).float().detach();
    let mask = match masks {
        MaskMode::Hard => hard,
        MaskMode::StraightThrough => hard + soft.clone() - soft.detach(),
    };
    let mut h: Tensor<3> = probe.unsqueeze::<3>();
    for l in 0..=depth {
        let out_w = if l == depth { 1 } else { r };
        let mut w = decoded.clone().narrow(2, spec.block_col(l), out_w);
        if l == 0 {
            w = w.narrow(1, spec.input_offset(), d);
        }
        let mut a = h.matmul(w);
        if let Some(bc) = spec.bias_col(l) {
            let bias = decoded.clone().narrow(2, bc, 1);
            let bias = if l == depth {
                bias.narrow(1, 0, 1)
            } else {
                bias
            };
            a = a + bias.swap_dims(1, 2);
        }
        if l == depth {
            return a.reshape([b, p]);
        }
        let act = if spec.choice_cols() == 0 {
            apply(geometry.activation, geometry.leaky_slope, a)
        } else {
            // Each neuron uses the choice with the largest one-hot entry; the gradient reaches
            // the entries through their softmax (straight-through), or the decoder could never
            // learn which activation a neuron has.
            let entries = decoded
                .clone()
                .narrow(2, spec.choice_col(l, 0), spec.choice_cols());
            let choice = entries.clone().argmax(2);
            let soft = softmax(entries, 2);
            spec.choices
                .list()
                .into_iter()
                .enumerate()
                .map(|(c, f)| {
                    let hard = choice.clone().equal_elem(c as i64).float();
                    let s = soft.clone().narrow(2, c, 1);
                    let sel = (hard + s.clone() - s.detach()).swap_dims(1, 2);
                    apply(f, geometry.leaky_slope, a.clone()) * sel
                })
                .reduce(|x, y| x + y)
                .expect("at least two choices")
        };
        h = act * mask.clone().narrow(2, l, 1).swap_dims(1, 2);
    }
    unreachable!("the loop returns at the output layer")
}

fn apply(activation: Activation, slope: f64, x: Tensor<3>) -> Tensor<3> {
    match activation {
        Activation::Sigmoid => sigmoid(x),
        Activation::Tanh => x.tanh(),
        Activation::LeakyRelu => leaky_relu(x, slope),
        Activation::Linear => x,
    }
}

/// How the error of one decoded network is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorScale {
    /// Mean squared error (the paper).
    Mse,
    /// MSE divided by the teacher's mean square output (plus a small floor), so teachers with
    /// large outputs do not drown the others.
    Relative,
    /// MSE divided by the variance of the teacher's outputs plus a tenth of their mean square
    /// (and a small floor): the shape of the function counts, not mostly its offset, which
    /// dominates the mean square of biased teachers; nearly flat teachers still weigh no more
    /// than under `Relative` × 10.
    Variance,
}

/// Per-network error `[B]` between outputs `[B, P]` and targets `[B, P]`.
pub fn network_errors(outputs: Tensor<2>, targets: Tensor<2>, scale: ErrorScale) -> Tensor<1> {
    let [b, _] = targets.dims();
    let mse = (outputs - targets.clone()).square().mean_dim(1);
    let err = match scale {
        ErrorScale::Mse => mse,
        ErrorScale::Relative => mse / (targets.square().mean_dim(1) + RELATIVE_FLOOR),
        ErrorScale::Variance => {
            let centred = targets.clone() - targets.clone().mean_dim(1);
            let square = targets.square().mean_dim(1);
            mse / (centred.square().mean_dim(1) + square * MEAN_SQUARE_SHARE + RELATIVE_FLOOR)
        }
    };
    err.reshape([b])
}

/// Added to the mean square in `ErrorScale::Relative` so an all-zero teacher does not divide by 0.
pub const RELATIVE_FLOOR: f32 = 1e-3;

/// The share of the mean square added to the variance in `ErrorScale::Variance`.
pub const MEAN_SQUARE_SHARE: f32 = 0.1;

/// The paper's loss: for each network the smallest error over all decoders, then the mean.
/// `errors` holds one `[B]` tensor per decoder. Also returns which decoder won each network.
pub fn min_over_decoders(errors: Vec<Tensor<1>>) -> (Tensor<1>, Tensor<1>) {
    let all: Tensor<2> = Tensor::stack(errors, 1);
    let best = all.min_dim(1);
    let [b, _] = best.dims();
    let best = best.reshape([b]);
    (best.clone().mean(), best)
}
