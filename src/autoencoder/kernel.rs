//! The functional loss and its gradient as one fused plain-Rust kernel: the hot path of
//! autoencoder training. Per-op overhead makes the tensor version (`functional`) slow for
//! thousands of 7-wide networks, so here each network runs as tight loops, one rayon task each.
//! In: decoded canvases per depth `[B, R, C_L]`, probe `[P, d]`, targets `[B, P]`;
//! out: the loss, each network's best error and winning depth, and d loss / d canvas.

use super::batch::Geometry;
use super::functional::{ErrorScale, MaskMode, MEAN_SQUARE_SHARE, RELATIVE_FLOOR};
use super::logistic;
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

/// One decoded network's forward pass, kept for the backward pass. Activations are stored
/// neuron-major (`[R][P]`) so every inner loop runs over points and vectorises.
pub(super) struct Pass {
    /// Per hidden layer, `[R · P]` pre-activations and masked activations.
    pre: Vec<Vec<f32>>,
    post: Vec<Vec<f32>>,
    pub(super) out: Vec<f32>,
    /// Per layer, weights `[n_in · R]` (row = source) copied out of the canvas; index `depth`
    /// is the output layer (`[R]`).
    weights: Vec<Vec<f32>>,
    mask: Vec<Vec<f32>>,
    sig: Vec<Vec<f32>>,
    /// Per hidden layer, each neuron's activation.
    acts: Vec<Vec<Activation>>,
    /// Per hidden layer, `[R · C]`: the softmax of each neuron's activation-choice entries
    /// (empty without choices), for the straight-through gradient to those entries.
    soft: Vec<Vec<f32>>,
    /// Per hidden layer, whether each neuron reaches the output through non-zero weights
    /// (empty when every neuron was computed).
    needed: Vec<Vec<bool>>,
    /// Sum of squared errors over the points.
    pub(super) sse: f32,
    /// `sse / points / norm`.
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
    // Probe columns: input i at all points, contiguous.
    let columns: Vec<f32> = (0..d)
        .flat_map(|i| (0..points).map(move |p| probe[p * d + i]))
        .collect();
    let specs: Vec<CanvasSpec> = (1..=depths).map(|l| geometry.spec(l)).collect();
    let per_net: Vec<(f32, usize, Vec<f32>)> = (0..b)
        .into_par_iter()
        .map(|n| {
            let y = &targets[n * points..(n + 1) * points];
            let norm = match scale {
                ErrorScale::Mse => 1.0,
                ErrorScale::Relative => dot(y, y) / points as f32 + RELATIVE_FLOOR,
                ErrorScale::Variance => {
                    let mean = y.iter().sum::<f32>() / points as f32;
                    y.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / points as f32
                        + MEAN_SQUARE_SHARE * dot(y, y) / points as f32
                        + RELATIVE_FLOOR
                }
            };
            let mut best: Option<(usize, Pass)> = None;
            for (k, spec) in specs.iter().enumerate() {
                let size = spec.rows * spec.cols();
                let canvas = &decoded[k][n * size..(n + 1) * size];
                let pass = forward(geometry, spec, canvas, &columns, y, norm, masks, false);
                if best.as_ref().is_none_or(|(_, p)| pass.error < p.error) {
                    best = Some((k, pass));
                }
            }
            let (k, pass) = best.expect("at least one decoder");
            let scale = 2.0 / (points as f32 * norm * b as f32);
            let grad = backward(geometry, &specs[k], &columns, y, scale, &pass, masks);
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

/// Σ a·b with eight independent accumulators, so the compiler can vectorise it while the
/// summation order stays fixed (results are reproducible run to run).
#[inline]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0.0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    let mut s = acc.iter().sum::<f32>();
    for (x, y) in ra.iter().zip(rb) {
        s += x * y;
    }
    s
}

/// y += a·x.
#[inline]
fn axpy(a: f32, x: &[f32], y: &mut [f32]) {
    for (yv, xv) in y.iter_mut().zip(x) {
        *yv += a * xv;
    }
}

/// Where a block-`l` weight from source `i` to target `j` sits in the canvas.
fn w_at(spec: &CanvasSpec, l: usize, i: usize, j: usize) -> usize {
    let row = if l == 0 { spec.input_offset() + i } else { i };
    row * spec.cols() + spec.block_col(l) + j
}

/// The input of layer `l` for source `i`: a probe column or a hidden activation row.
#[inline]
fn source<'a>(
    columns: &'a [f32],
    post: &'a [Vec<f32>],
    l: usize,
    i: usize,
    points: usize,
) -> &'a [f32] {
    if l == 0 {
        &columns[i * points..(i + 1) * points]
    } else {
        &post[l - 1][i * points..(i + 1) * points]
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn forward(
    g: &Geometry,
    spec: &CanvasSpec,
    c: &[f32],
    columns: &[f32],
    y: &[f32],
    norm: f32,
    masks: MaskMode,
    skip: bool,
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
    let acts: Vec<Vec<Activation>> = (0..depth)
        .map(|l| {
            (0..r)
                .map(|j| spec.activation_of(l, j, |row, col| c[row * cols + col]))
                .collect()
        })
        .collect();
    let n_choices = spec.choice_cols();
    let soft: Vec<Vec<f32>> = (0..depth)
        .map(|l| {
            (0..if n_choices > 0 { r } else { 0 })
                .flat_map(|j| {
                    let q: Vec<f32> = (0..n_choices)
                        .map(|ch| c[j * cols + spec.choice_col(l, ch)])
                        .collect();
                    let top = q.iter().fold(f32::NEG_INFINITY, |m, v| m.max(*v));
                    let e: Vec<f32> = q.iter().map(|v| (v - top).exp()).collect();
                    let total: f32 = e.iter().sum();
                    e.into_iter().map(move |v| v / total)
                })
                .collect()
        })
        .collect();
    let needed = if skip {
        reaching(&weights, &mask, r, depth)
    } else {
        Vec::new()
    };
    let mut pre = vec![vec![0.0f32; points * r]; depth];
    let mut post = vec![vec![0.0f32; points * r]; depth];
    for l in 0..depth {
        let n_in = if l == 0 { d } else { r };
        for j in 0..r {
            // An absent neuron's pre-activation matters only to the straight-through gradient.
            if mask[l][j] == 0.0 && masks == MaskMode::Hard {
                continue;
            }
            // A neuron that cannot reach the output changes neither the output nor the
            // gradient of a non-zero entry.
            if skip && !needed[l][j] {
                continue;
            }
            let mut s = vec![biases[l][j]; points];
            for i in 0..n_in {
                let w = weights[l][i * r + j];
                if w != 0.0 {
                    axpy(w, source(columns, &post, l, i, points), &mut s);
                }
            }
            let m = mask[l][j];
            let a = &mut post[l][j * points..(j + 1) * points];
            if m != 0.0 {
                match acts[l][j] {
                    // The one activation of the bundles, in a loop that vectorises.
                    Activation::Sigmoid => {
                        for (o, v) in a.iter_mut().zip(&s) {
                            *o = logistic::sigmoid(*v);
                        }
                    }
                    act => {
                        for (o, v) in a.iter_mut().zip(&s) {
                            *o = act.apply(*v, slope);
                        }
                    }
                }
            }
            pre[l][j * points..(j + 1) * points].copy_from_slice(&s);
        }
    }
    let mut out = vec![biases[depth][0]; points];
    for j in 0..r {
        let w = weights[depth][j];
        if w != 0.0 && mask[depth - 1][j] != 0.0 {
            axpy(w, &post[depth - 1][j * points..(j + 1) * points], &mut out);
        }
    }
    let mut sse = 0.0f32;
    for (o, t) in out.iter().zip(y) {
        sse += (o - t) * (o - t);
    }
    Pass {
        pre,
        post,
        out,
        weights,
        mask,
        sig,
        acts,
        soft,
        needed,
        sse,
        error: sse / points as f32 / norm,
    }
}

/// Per hidden layer, whether each neuron is present and has a path of non-zero weights
/// through present neurons to the output.
fn reaching(weights: &[Vec<f32>], mask: &[Vec<f32>], r: usize, depth: usize) -> Vec<Vec<bool>> {
    let mut needed = vec![vec![false; r]; depth];
    for l in (0..depth).rev() {
        for j in 0..r {
            needed[l][j] = mask[l][j] != 0.0
                && if l + 1 == depth {
                    weights[depth][j] != 0.0
                } else {
                    (0..r).any(|k| needed[l + 1][k] && weights[l + 1][j * r + k] != 0.0)
                };
        }
    }
    needed
}

/// d act / d pre for a present neuron, from its pre-activation and its activation `a`.
#[inline]
fn act_grad(activation: Activation, slope: f32, pre: f32, a: f32) -> f32 {
    match activation {
        Activation::Sigmoid => a * (1.0 - a),
        Activation::Tanh => 1.0 - a * a,
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

/// Gradient of `k · sse` with respect to the canvas (`k` folds in the mean and any scale).
pub(super) fn backward(
    g: &Geometry,
    spec: &CanvasSpec,
    columns: &[f32],
    y: &[f32],
    k: f32,
    pass: &Pass,
    masks: MaskMode,
) -> Vec<f32> {
    let (r, d, depth, cols) = (spec.rows, spec.inputs, spec.depth, spec.cols());
    // A forward pass that skipped unneeded neurons serves `data_fit_live`: zero entries frozen.
    let live_only = !pass.needed.is_empty();
    let points = y.len();
    let slope = g.leaky_slope as f32;
    let mut grad = vec![0.0f32; r * cols];
    let g_out: Vec<f32> = pass.out.iter().zip(y).map(|(o, t)| k * (o - t)).collect();
    if let Some(bc) = spec.bias_col(depth) {
        grad[bc] += g_out.iter().sum::<f32>();
    }
    // g_h: d loss / d (masked activation) of the current layer, neuron-major [R · P].
    let mut g_h = vec![0.0f32; points * r];
    for j in 0..r {
        let w = pass.weights[depth][j];
        if live_only && w == 0.0 {
            continue;
        }
        let h = &pass.post[depth - 1][j * points..(j + 1) * points];
        grad[w_at(spec, depth, j, 0)] += dot(&g_out, h);
        for (gv, go) in g_h[j * points..(j + 1) * points].iter_mut().zip(&g_out) {
            *gv = go * w;
        }
    }
    let mut g_pre = vec![0.0f32; points];
    for l in (0..depth).rev() {
        let n_in = if l == 0 { d } else { r };
        let mut g_prev = vec![0.0f32; if l == 0 { 0 } else { points * n_in }];
        for j in 0..r {
            let gh = &g_h[j * points..(j + 1) * points];
            let pre = &pass.pre[l][j * points..(j + 1) * points];
            if masks == MaskMode::StraightThrough {
                // d loss / d mask = Σ g_h · act(pre), for present and absent neurons alike.
                let mut gm = 0.0f32;
                if pass.mask[l][j] != 0.0 {
                    gm = dot(gh, &pass.post[l][j * points..(j + 1) * points]);
                } else {
                    for (gv, pv) in gh.iter().zip(pre) {
                        gm += gv * pass.acts[l][j].apply(*pv, slope);
                    }
                }
                let s = pass.sig[l][j];
                grad[j * cols + spec.mask_col(l)] += gm * s * (1.0 - s);
            }
            if pass.mask[l][j] == 0.0 || (live_only && !pass.needed[l][j]) {
                continue;
            }
            let a = &pass.post[l][j * points..(j + 1) * points];
            let n_choices = spec.choice_cols();
            if n_choices > 0 {
                // Straight-through choice: d loss / d entry_c = s_c (G_c − Σ s·G), where G_c is
                // the loss's slope along "this neuron switches to activation c".
                let soft = &pass.soft[l][j * n_choices..(j + 1) * n_choices];
                let along: Vec<f32> = spec
                    .allowed()
                    .into_iter()
                    .map(|f| {
                        if f == pass.acts[l][j] {
                            dot(gh, a)
                        } else {
                            gh.iter()
                                .zip(pre)
                                .map(|(gv, pv)| gv * f.apply(*pv, slope))
                                .sum()
                        }
                    })
                    .collect();
                let mean: f32 = soft.iter().zip(&along).map(|(s, g)| s * g).sum();
                for (ch, (s, g)) in soft.iter().zip(&along).enumerate() {
                    grad[j * cols + spec.choice_col(l, ch)] += s * (g - mean);
                }
            }
            for p in 0..points {
                g_pre[p] = gh[p] * act_grad(pass.acts[l][j], slope, pre[p], a[p]);
            }
            if let Some(bc) = spec.bias_col(l) {
                grad[j * cols + bc] += g_pre.iter().sum::<f32>();
            }
            for i in 0..n_in {
                let w = pass.weights[l][i * r + j];
                if live_only && w == 0.0 {
                    continue;
                }
                let x = source(columns, &pass.post, l, i, points);
                grad[w_at(spec, l, i, j)] += dot(x, &g_pre);
                if l > 0 {
                    axpy(w, &g_pre, &mut g_prev[i * points..(i + 1) * points]);
                }
            }
        }
        g_h = g_prev;
    }
    grad
}
