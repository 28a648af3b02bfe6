//! After read-out: fine-tune the surviving weights with the sparsity pattern fixed, then prune
//! the smallest weights and fine-tune again while the validation error stays within a budget.
//! In: a read-out canvas and train/valid data; out: a smaller or more accurate canvas.

use crate::autoencoder::kernel::{data_fit, DataChunks};
use crate::autoencoder::{Geometry, MaskMode};

/// Settings of the refinement.
#[derive(Debug, Clone, PartialEq)]
pub struct RefineConfig {
    /// Adam learning rate on the weights (scaled units).
    pub lr: f32,
    /// Most full-batch steps per fine-tune.
    pub steps: usize,
    /// Validate every this many steps; stop after `patience` validations without improvement.
    pub check_every: usize,
    pub patience: usize,
    /// Rows per fine-tuning step, in data chunks of 2048 rows (minibatch Adam).
    pub batch_chunks: usize,
    /// Share of the remaining weights removed per pruning round (at least one).
    pub prune_fraction: f64,
    /// Pruning continues while the validation MSE stays within (1 + tolerance) × the
    /// fine-tuned network's.
    pub tolerance: f64,
}

impl Default for RefineConfig {
    fn default() -> Self {
        RefineConfig {
            lr: 0.01,
            steps: 1500,
            check_every: 25,
            patience: 8,
            batch_chunks: 2,
            prune_fraction: 0.1,
            tolerance: 0.1,
        }
    }
}

/// What refinement did to one network.
#[derive(Debug, Clone, PartialEq)]
pub struct Refined {
    pub canvas: Vec<f32>,
    /// Validation MSE (scaled units) after the first fine-tune, and at the end.
    pub tuned_valid: f32,
    pub final_valid: f32,
    pub weights_before: usize,
    pub weights_after: usize,
}

fn valid_mse(g: &Geometry, depth: usize, canvas: &[f32], valid: &DataChunks) -> f32 {
    data_fit(g, depth, canvas, valid, MaskMode::Hard).mse[0]
}

/// Adam on the entries where `free` is true; returns the canvas that validated best.
fn fine_tune(
    g: &Geometry,
    depth: usize,
    canvas: &[f32],
    free: &[bool],
    train: &DataChunks,
    valid: &DataChunks,
    cfg: &RefineConfig,
) -> (Vec<f32>, f32) {
    let mut w = canvas.to_vec();
    let (mut m, mut v) = (vec![0.0f32; w.len()], vec![0.0f32; w.len()]);
    let (b1, b2, eps) = (0.9f32, 0.999f32, 1e-8f32);
    let mut best = (w.clone(), valid_mse(g, depth, &w, valid));
    let mut stale = 0;
    // Minibatches of `batch_chunks` chunks, cycling through the training rows.
    let per_step = cfg.batch_chunks.max(1).min(train.chunks());
    let windows: Vec<DataChunks> = (0..train.chunks())
        .step_by(per_step)
        .map(|first| train.window(first, per_step))
        .collect();
    for step in 1..=cfg.steps {
        let batch = &windows[(step - 1) % windows.len()];
        let fit = data_fit(g, depth, &w, batch, MaskMode::Hard);
        let (c1, c2) = (1.0 - b1.powi(step as i32), 1.0 - b2.powi(step as i32));
        for k in 0..w.len() {
            if !free[k] {
                continue;
            }
            let gk = fit.grads[k];
            m[k] = b1 * m[k] + (1.0 - b1) * gk;
            v[k] = b2 * v[k] + (1.0 - b2) * gk * gk;
            w[k] -= cfg.lr * (m[k] / c1) / ((v[k] / c2).sqrt() + eps);
        }
        if step % cfg.check_every == 0 {
            let e = valid_mse(g, depth, &w, valid);
            if e < best.1 {
                best = (w.clone(), e);
                stale = 0;
            } else {
                stale += 1;
                if stale >= cfg.patience {
                    break;
                }
            }
        }
    }
    best
}

/// Fine-tunes the non-zero weights of `canvas` (entries marked in `weights`), then prunes.
pub fn refine(
    g: &Geometry,
    depth: usize,
    canvas: &[f32],
    weights: &[bool],
    train: &DataChunks,
    valid: &DataChunks,
    cfg: &RefineConfig,
) -> Refined {
    let live = |c: &[f32]| -> Vec<bool> {
        c.iter()
            .zip(weights)
            .map(|(v, w)| *w && *v != 0.0)
            .collect()
    };
    let free = live(canvas);
    let weights_before = free.iter().filter(|f| **f).count();
    let (mut current, tuned) = fine_tune(g, depth, canvas, &free, train, valid, cfg);
    let budget = tuned * (1.0 + cfg.tolerance as f32);
    let mut current_valid = tuned;
    let mut step_size: Option<usize> = None;
    loop {
        let free = live(&current);
        let mut order: Vec<usize> = (0..current.len()).filter(|&k| free[k]).collect();
        if order.len() <= 1 {
            break;
        }
        order.sort_by(|&a, &b| current[a].abs().total_cmp(&current[b].abs()));
        let n = step_size
            .unwrap_or(((order.len() as f64 * cfg.prune_fraction) as usize).max(1))
            .min(order.len() - 1);
        let mut trial = current.clone();
        for &k in &order[..n] {
            trial[k] = 0.0;
        }
        let (tuned_trial, e) = fine_tune(g, depth, &trial, &live(&trial), train, valid, cfg);
        if e <= budget {
            current = tuned_trial;
            current_valid = e;
        } else if n > 1 {
            // Too much at once: go on one weight at a time.
            step_size = Some(1);
        } else {
            break;
        }
    }
    let weights_after = live(&current).iter().filter(|f| **f).count();
    Refined {
        canvas: current,
        tuned_valid: tuned,
        final_valid: current_valid,
        weights_before,
        weights_after,
    }
}
