//! Making a fine-tuned network sparse within a validation-error budget: first a shrinking path
//! (Adam with an L1 pull whose strength rises, exact zeros by soft-thresholding: the paper's
//! sparsity pressure carried on in weight space), then prune-and-retrain of single weights.
//! In: a tuned canvas, its validation MSE, train/valid data; out: a smaller canvas. `refine`
//! runs the whole refinement: fine-tune, then sparsify.

use super::refine::{count, live, minibatches, Adam, RefineConfig, Tuning};
use crate::autoencoder::data_fit::{data_fit_live, data_mse, DataChunks};
use crate::autoencoder::{Geometry, MaskMode};

/// The largest validation MSE a sparser network may have (see `RefineConfig::tolerance`).
fn budget(tuned: f32, valid: &DataChunks, cfg: &RefineConfig) -> f32 {
    let t = f64::from(tuned);
    (t + cfg.allowance(t, valid.target_variance())) as f32
}

/// Shrinks, re-tunes the survivors, then prunes; returns the canvas and its validation MSE.
pub fn sparsify(t: &Tuning, canvas: &[f32], tuned: f32, weights: &[bool]) -> (Vec<f32>, f32) {
    let limit = budget(tuned, t.valid, t.cfg);
    let (current, error) = shrink_and_tune(t, canvas, tuned, weights, limit);
    prune(t, &current, error, weights, limit)
}

/// The shrinking path alone, its survivors re-tuned: the canvas and its validation MSE (the
/// start's, if no sparser canvas kept within the budget).
pub(crate) fn shrunk(t: &Tuning, canvas: &[f32], tuned: f32, weights: &[bool]) -> (Vec<f32>, f32) {
    shrink_and_tune(t, canvas, tuned, weights, budget(tuned, t.valid, t.cfg))
}

fn shrink_and_tune(
    t: &Tuning,
    canvas: &[f32],
    tuned: f32,
    weights: &[bool],
    limit: f32,
) -> (Vec<f32>, f32) {
    if let Some(shrunk) = shrink(t, canvas, weights, limit) {
        // The L1 pull leaves the survivors too small; tune them free of it.
        let (c, e) = t.fine_tune(
            &shrunk,
            &live(&shrunk, weights),
            t.cfg.steps,
            t.cfg.prune_lr,
        );
        if e <= limit {
            return (c, e);
        }
    }
    (canvas.to_vec(), tuned)
}

/// Adam on the data error while every weight is pulled toward zero by `lr · ρ` per step
/// (soft-thresholding, so weights reach exactly zero), ρ rising from 1% by 10% per check.
/// Returns the sparsest canvas seen whose validation MSE is within `limit`, if sparser than
/// the start.
fn shrink(t: &Tuning, canvas: &[f32], weights: &[bool], limit: f32) -> Option<Vec<f32>> {
    let cfg = t.cfg;
    let mut w = canvas.to_vec();
    let mut adam = Adam::new(w.len());
    let batches = minibatches(t.train, cfg.batch_chunks);
    let lr = cfg.prune_lr;
    let mut rho = 0.01f32;
    let mut best: Option<(usize, Vec<f32>)> = None;
    let start = count(canvas, weights);
    let mut over = 0;
    for step in 1..=cfg.shrink_steps {
        if t.stopped() {
            break;
        }
        let fit = data_fit_live(
            t.geometry,
            t.depth,
            &w,
            &batches[(step - 1) % batches.len()],
        );
        let free = live(&w, weights);
        adam.update(&mut w, &fit.grads, &free, lr);
        let pull = lr * rho;
        for k in 0..w.len() {
            if free[k] {
                w[k] = w[k].signum() * (w[k].abs() - pull).max(0.0);
            }
        }
        if step % cfg.check_every == 0 {
            rho *= 1.1;
            let n = count(&w, weights);
            if t.valid_mse(&w) <= limit {
                over = 0;
                if n < best.as_ref().map_or(start, |b| b.0) {
                    best = Some((n, w.clone()));
                }
            } else {
                // Past the budget for good once the pull keeps it there.
                over += 1;
                if over >= cfg.patience || n <= 1 {
                    break;
                }
            }
        }
    }
    best.map(|b| b.1)
}

/// Prune-and-retrain: remove the live weights whose removal alone hurts the training error
/// least and fine-tune the rest, while the validation MSE stays within `limit`. A round that
/// breaks the budget is retried with half as many weights removed; once down to one weight,
/// the next least harmful ones are tried in turn (`prune_tries` in all), and pruning ends when
/// none of them can go.
fn prune(t: &Tuning, canvas: &[f32], error: f32, weights: &[bool], limit: f32) -> (Vec<f32>, f32) {
    // A few training chunks on which to rank the weights (not the validation rows, which
    // judge the result).
    let cfg = t.cfg;
    let probe = &t.train.window(0, cfg.batch_chunks.max(1));
    let (mut current, mut current_valid) = (canvas.to_vec(), error);
    let mut step_size: Option<usize> = None;
    loop {
        let free = live(&current, weights);
        let entries: Vec<usize> = (0..current.len()).filter(|&k| free[k]).collect();
        if entries.len() <= 1 || t.stopped() {
            break;
        }
        let harm = removal_harm(t.geometry, t.depth, &current, &entries, probe);
        let mut ranked: Vec<usize> = (0..entries.len()).collect();
        ranked.sort_by(|&a, &b| harm[a].total_cmp(&harm[b]));
        let n = step_size
            .unwrap_or(((entries.len() as f64 * cfg.prune_fraction) as usize).max(1))
            .min(entries.len() - 1);
        let (tuned_trial, e) = without(
            t,
            &current,
            weights,
            &entries,
            &ranked[..n],
            cfg.prune_steps,
        );
        if e <= limit {
            (current, current_valid) = (tuned_trial, e);
        } else if n > 1 {
            step_size = Some(n / 2);
        } else {
            // The alternates get half the retune: most of them fail, and a fit's time is
            // mostly pruning once the network is small.
            let alternate = ranked
                .iter()
                .take(cfg.prune_tries)
                .skip(1)
                .map(|&k| without(t, &current, weights, &entries, &[k], cfg.prune_steps / 2))
                .find(|(_, e)| *e <= limit);
            match alternate {
                Some(found) => (current, current_valid) = found,
                None => break,
            }
        }
    }
    (current, current_valid)
}

/// `canvas` with the entries `entries[k]` for `k` in `removed` set to zero, its live weights
/// (per `weights`) fine-tuned `steps` steps: the canvas and its validation MSE.
fn without(
    t: &Tuning,
    canvas: &[f32],
    weights: &[bool],
    entries: &[usize],
    removed: &[usize],
    steps: usize,
) -> (Vec<f32>, f32) {
    let mut trial = canvas.to_vec();
    for &k in removed {
        trial[entries[k]] = 0.0;
    }
    t.fine_tune(&trial, &live(&trial, weights), steps, t.cfg.prune_lr)
}

/// For each entry in `entries`, the MSE on `data` of `canvas` with that entry set to zero.
fn removal_harm(
    g: &Geometry,
    depth: usize,
    canvas: &[f32],
    entries: &[usize],
    data: &DataChunks,
) -> Vec<f32> {
    let mut batch = Vec::with_capacity(entries.len() * canvas.len());
    for &k in entries {
        let start = batch.len();
        batch.extend_from_slice(canvas);
        batch[start + k] = 0.0;
    }
    data_mse(g, depth, &batch, data, MaskMode::Hard)
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

/// Fine-tunes the non-zero weights of `canvas` (entries marked in `weights`), then sparsifies.
pub fn refine(
    g: &Geometry,
    depth: usize,
    canvas: &[f32],
    weights: &[bool],
    train: &DataChunks,
    valid: &DataChunks,
    cfg: &RefineConfig,
) -> Refined {
    let free = live(canvas, weights);
    let weights_before = free.iter().filter(|f| **f).count();
    let t = Tuning {
        geometry: g,
        depth,
        train,
        valid,
        cfg,
        stop: None,
    };
    let (tuned_canvas, tuned) = t.fine_tune(canvas, &free, cfg.steps, cfg.lr);
    let (canvas, final_valid) = sparsify(&t, &tuned_canvas, tuned, weights);
    let weights_after = live(&canvas, weights).iter().filter(|f| **f).count();
    Refined {
        canvas,
        tuned_valid: tuned,
        final_valid,
        weights_before,
        weights_after,
    }
}
