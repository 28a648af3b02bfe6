//! The functional loss and its gradient as one fused plain-Rust kernel: the hot path of
//! autoencoder training. Per-op overhead makes the tensor version (`functional`) slow for
//! thousands of 7-wide networks, so here each network runs as tight loops, one rayon task each.
//! In: decoded canvases per depth `[B, R, C_L]`, probe `[P, d]`, targets `[B, P]`;
//! out: the loss, each network's best error and winning depth, and d loss / d canvas.

use super::batch::Geometry;
use super::functional::{ErrorScale, MaskMode, RELATIVE_FLOOR};
use crate::canvas::CanvasSpec;
use crate::mlp::Activation;
use rayon::prelude::*;

/// The fused loss of a batch.
#[derive(Debug, Clone)]
pub struct FusedLoss {
    /// Mean over the batch of each network's smallest error over decoders.
    pub loss: f32,
    /// `[B]`: each network's smallest error.
    pub best: Vec<f32>,
    /// `[B]`: the depth whose decoder gave it.
    pub winner: Vec<usize>,
    /// Per depth, `[B, R, C_L]`: the gradient of `loss` with respect to the decoded canvas.
    pub grads: Vec<Vec<f32>>,
}

/// Widest canvas the kernel's stack buffers hold.
pub const MAX_ROWS: usize = 32;

/// One decoded network's forward pass, kept for the backward pass.
struct Pass {
    /// Per hidden layer, `[P, R]` pre-activations and masked activations.
    pre: Vec<Vec<f32>>,
    post: Vec<Vec<f32>>,
    out: Vec<f32>,
    mask: Vec<Vec<f32>>,
    sig: Vec<Vec<f32>>,
    error: f32,
}

/// Computes the loss of `run_decoded` + `network_errors` + `min_over_decoders`, and its gradient.
pub fn fused_loss(
    geometry: &Geometry,
    decoded: &[Vec<f32>],
    probe: &[f32],
    targets: &[f32],
    masks: MaskMode,
    scale: ErrorScale,
) -> FusedLoss {
    assert!(
        geometry.rows <= MAX_ROWS,
        "canvases of more than {MAX_ROWS} rows are not supported by the fused kernel"
    );
    let depths = decoded.len();
    let d = geometry.inputs;
    let points = probe.len() / d;
    let b = targets.len() / points;
    let specs: Vec<CanvasSpec> = (1..=depths).map(|l| geometry.spec(l)).collect();
    let per_net: Vec<(f32, usize, Vec<f32>)> = (0..b)
        .into_par_iter()
        .map(|n| {
            let y = &targets[n * points..(n + 1) * points];
            let norm = match scale {
                ErrorScale::Mse => 1.0,
                ErrorScale::Relative => {
                    y.iter().map(|v| v * v).sum::<f32>() / points as f32 + RELATIVE_FLOOR
                }
            };
            let mut best: Option<(usize, Pass)> = None;
            for (k, spec) in specs.iter().enumerate() {
                let size = spec.rows * spec.cols();
                let canvas = &decoded[k][n * size..(n + 1) * size];
                let pass = forward(geometry, spec, canvas, probe, y, norm);
                if best.as_ref().is_none_or(|(_, p)| pass.error < p.error) {
                    best = Some((k, pass));
                }
            }
            let (k, pass) = best.expect("at least one decoder");
            let spec = &specs[k];
            let size = spec.rows * spec.cols();
            let canvas = &decoded[k][n * size..(n + 1) * size];
            let grad = backward(geometry, spec, canvas, probe, y, norm, &pass, masks, b);
            (pass.error, k, grad)
        })
        .collect();
    let mut grads: Vec<Vec<f32>> = decoded.iter().map(|v| vec![0.0; v.len()]).collect();
    let mut best = Vec::with_capacity(b);
    let mut winner = Vec::with_capacity(b);
    for (n, (err, k, g)) in per_net.into_iter().enumerate() {
        let size = g.len();
        grads[k][n * size..(n + 1) * size].copy_from_slice(&g);
        best.push(err);
        winner.push(k + 1);
    }
    FusedLoss {
        loss: best.iter().sum::<f32>() / b as f32,
        best,
        winner,
        grads,
    }
}

fn act(a: Activation, slope: f32, x: f32) -> f32 {
    a.apply(x, slope)
}

/// d act / d pre, written in terms of the pre-activation.
fn act_grad(a: Activation, slope: f32, pre: f32) -> f32 {
    match a {
        Activation::Sigmoid => {
            let s = a.apply(pre, slope);
            s * (1.0 - s)
        }
        Activation::Tanh => {
            let t = pre.tanh();
            1.0 - t * t
        }
        Activation::LeakyRelu => {
            if pre >= 0.0 {
                1.0
            } else {
                slope
            }
        }
        Activation::Linear => 1.0,
    }
}

/// Where a block-`l` weight from source `i` to target `j` sits in the canvas.
fn w_at(spec: &CanvasSpec, l: usize, i: usize, j: usize) -> usize {
    let row = if l == 0 { spec.input_offset() + i } else { i };
    row * spec.cols() + spec.block_col(l) + j
}

fn forward(
    g: &Geometry,
    spec: &CanvasSpec,
    c: &[f32],
    probe: &[f32],
    y: &[f32],
    norm: f32,
) -> Pass {
    let (r, d, depth, cols) = (spec.rows, spec.inputs, spec.depth, spec.cols());
    let points = y.len();
    let slope = g.leaky_slope as f32;
    let bias = |l: usize, j: usize| spec.bias_col(l).map_or(0.0, |bc| c[j * cols + bc]);
    let mut sig = Vec::with_capacity(depth);
    let mut mask = Vec::with_capacity(depth);
    for l in 0..depth {
        let s: Vec<f32> = (0..r)
            .map(|i| Activation::Sigmoid.apply(c[i * cols + spec.mask_col(l)], 1.0))
            .collect();
        mask.push(
            s.iter()
                .map(|v| if *v > 0.5 { 1.0 } else { 0.0 })
                .collect::<Vec<f32>>(),
        );
        sig.push(s);
    }
    // Weights and biases copied out of the canvas once, so the point loop reads contiguous data.
    let weights: Vec<Vec<f32>> = (0..=depth)
        .map(|l| {
            let (n_in, n_out) = (if l == 0 { d } else { r }, if l == depth { 1 } else { r });
            (0..n_in)
                .flat_map(|i| (0..n_out).map(move |j| (i, j)))
                .map(|(i, j)| c[w_at(spec, l, i, j)])
                .collect()
        })
        .collect();
    let biases: Vec<Vec<f32>> = (0..=depth)
        .map(|l| {
            (0..if l == depth { 1 } else { r })
                .map(|j| bias(l, j))
                .collect()
        })
        .collect();
    let mut pre = vec![vec![0.0f32; points * r]; depth];
    let mut post = vec![vec![0.0f32; points * r]; depth];
    let mut out = vec![0.0f32; points];
    for l in 0..depth {
        let n_in = if l == 0 { d } else { r };
        let (w, bl, m) = (&weights[l], &biases[l], &mask[l]);
        for p in 0..points {
            let x: &[f32] = if l == 0 {
                &probe[p * d..(p + 1) * d]
            } else {
                &post[l - 1][p * r..(p + 1) * r]
            };
            // Absent neurons are computed too: the straight-through mask gradient needs them.
            let mut s = [0.0f32; MAX_ROWS];
            s[..r].copy_from_slice(bl);
            for (i, xi) in x.iter().enumerate().take(n_in) {
                for j in 0..r {
                    s[j] += xi * w[i * r + j];
                }
            }
            pre[l][p * r..(p + 1) * r].copy_from_slice(&s[..r]);
            for j in 0..r {
                s[j] = act(g.activation, slope, s[j]) * m[j];
            }
            post[l][p * r..(p + 1) * r].copy_from_slice(&s[..r]);
        }
    }
    let (w, b0) = (&weights[depth], biases[depth][0]);
    for (p, o) in out.iter_mut().enumerate() {
        let h = &post[depth - 1][p * r..(p + 1) * r];
        *o = b0 + h.iter().zip(w).map(|(a, b)| a * b).sum::<f32>();
    }
    let mse = out
        .iter()
        .zip(y)
        .map(|(o, t)| (o - t) * (o - t))
        .sum::<f32>()
        / points as f32;
    Pass {
        pre,
        post,
        out,
        mask,
        sig,
        error: mse / norm,
    }
}

#[allow(clippy::too_many_arguments)]
fn backward(
    g: &Geometry,
    spec: &CanvasSpec,
    c: &[f32],
    probe: &[f32],
    y: &[f32],
    norm: f32,
    pass: &Pass,
    masks: MaskMode,
    batch: usize,
) -> Vec<f32> {
    let (r, d, depth, cols) = (spec.rows, spec.inputs, spec.depth, spec.cols());
    let points = y.len();
    let slope = g.leaky_slope as f32;
    let mut grad = vec![0.0f32; r * cols];
    let k = 2.0 / (points as f32 * norm * batch as f32);
    // g_h: d loss / d (masked activation) of the current layer, [P, R].
    let mut g_h = vec![0.0f32; points * r];
    let mut g_bias_out = 0.0f32;
    for p in 0..points {
        let go = k * (pass.out[p] - y[p]);
        g_bias_out += go;
        for i in 0..r {
            grad[w_at(spec, depth, i, 0)] += go * pass.post[depth - 1][p * r + i];
            g_h[p * r + i] = go * c[w_at(spec, depth, i, 0)];
        }
    }
    if let Some(bc) = spec.bias_col(depth) {
        grad[bc] += g_bias_out;
    }
    for l in (0..depth).rev() {
        let n_in = if l == 0 { d } else { r };
        let mut g_prev = vec![0.0f32; points * n_in];
        let mut g_mask = vec![0.0f32; r];
        for p in 0..points {
            for j in 0..r {
                let gh = g_h[p * r + j];
                let pre = pass.pre[l][p * r + j];
                if masks == MaskMode::StraightThrough {
                    g_mask[j] += gh * act(g.activation, slope, pre);
                }
                if pass.mask[l][j] == 0.0 {
                    continue;
                }
                let gp = gh * act_grad(g.activation, slope, pre);
                if let Some(bc) = spec.bias_col(l) {
                    grad[j * cols + bc] += gp;
                }
                for i in 0..n_in {
                    let x = if l == 0 {
                        probe[p * d + i]
                    } else {
                        pass.post[l - 1][p * r + i]
                    };
                    let at = w_at(spec, l, i, j);
                    grad[at] += x * gp;
                    g_prev[p * n_in + i] += c[at] * gp;
                }
            }
        }
        if masks == MaskMode::StraightThrough {
            for j in 0..r {
                let s = pass.sig[l][j];
                grad[j * cols + spec.mask_col(l)] += g_mask[j] * s * (1.0 - s);
            }
        }
        g_h = g_prev;
    }
    grad
}
