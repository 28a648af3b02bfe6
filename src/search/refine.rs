//! After read-out: the refinement's settings, and the fine-tune of the surviving weights with
//! the sparsity pattern fixed (Adam on minibatches, early-stopped on validation error) that
//! `sparsify` then builds on. In: a read-out canvas and train/valid data; out: a more accurate one.

use super::control::Stop;
use crate::autoencoder::data_fit::{data_fit_live, data_mse, DataChunks};
use crate::autoencoder::{Geometry, MaskMode};

/// With `r2_slack` 0: how much (relatively) pruning may raise the validation MSE.
pub const TOLERANCE: f64 = 0.1;

/// Settings of the refinement.
#[derive(Debug, Clone, PartialEq)]
pub struct RefineConfig {
    /// Adam learning rate on the weights (scaled units).
    pub lr: f32,
    /// Most steps of the short fine-tune that screens every start, and of the full one that
    /// the best start of each kind then gets.
    pub screen_steps: usize,
    pub steps: usize,
    /// Most steps of the shrinking path (L1 with a rising weight).
    pub shrink_steps: usize,
    /// Most steps and the learning rate of the fine-tune after each pruning round: the weights
    /// are already tuned, and a fresh Adam at `lr` would first throw them off.
    pub prune_steps: usize,
    pub prune_lr: f32,
    /// Validate every this many steps; after `patience` validations without improvement, go
    /// on from the best point with the learning rate × 0.3, at most `lr_cuts` times, then stop.
    pub check_every: usize,
    pub patience: usize,
    pub lr_cuts: usize,
    /// Rows per fine-tuning step, in data chunks of 2048 rows (minibatch Adam). One chunk:
    /// fine-tunes and pruning take most of a fit on large tables (with the search's smaller
    /// minibatch, the paper example 1.6× faster: BENCHMARKS.md, "Minibatches").
    pub batch_chunks: usize,
    /// Share of the remaining weights removed per pruning round (at least one).
    pub prune_fraction: f64,
    /// Once pruning is down to single weights, how many of the least harmful it tries in turn
    /// before it stops: the weight whose removal alone hurts least is not always the one the
    /// retuned network can best do without (decoded starts' large weights above all).
    pub prune_tries: usize,
    /// Sparsifying continues while the validation MSE stays within `r2_slack` × the variance
    /// of the validation targets of the fine-tuned network's (an R² loss of at most
    /// `r2_slack`); with `r2_slack` 0, within (1 + tolerance) × it (see `allowance`).
    pub tolerance: f64,
    pub r2_slack: f64,
}

impl Default for RefineConfig {
    fn default() -> Self {
        RefineConfig {
            lr: 0.03,
            screen_steps: 500,
            steps: 6000,
            shrink_steps: 3000,
            prune_steps: 400,
            prune_lr: 0.002,
            check_every: 25,
            patience: 8,
            lr_cuts: 2,
            batch_chunks: 1,
            prune_fraction: 0.1,
            prune_tries: 3,
            tolerance: TOLERANCE,
            r2_slack: super::select::R2_SLACK,
        }
    }
}

impl RefineConfig {
    /// How much validation MSE sparsifying may add to `mse`, for targets of `variance`: an R²
    /// loss of `r2_slack`, or with no slack, `tolerance` × `mse`. The larger of the two used to
    /// count, but `tolerance` × `mse` is the larger only below R² 0.95, where it let
    /// noisy tables lose 0.05 of R² to pruning (BENCHMARKS.md, "Small tables").
    pub fn allowance(&self, mse: f64, variance: f64) -> f64 {
        if self.r2_slack > 0.0 {
            self.r2_slack * variance
        } else {
            self.tolerance * mse
        }
    }
}

pub(crate) fn valid_mse(g: &Geometry, depth: usize, canvas: &[f32], valid: &DataChunks) -> f32 {
    data_mse(g, depth, canvas, valid, MaskMode::Hard)[0]
}

/// Adam state for one canvas, moving only the entries marked free.
pub(crate) struct Adam {
    m: Vec<f32>,
    v: Vec<f32>,
    step: i32,
}

impl Adam {
    pub(crate) fn new(len: usize) -> Adam {
        Adam {
            m: vec![0.0; len],
            v: vec![0.0; len],
            step: 0,
        }
    }

    pub(crate) fn update(&mut self, w: &mut [f32], grads: &[f32], free: &[bool], lr: f32) {
        let (b1, b2, eps) = (0.9f32, 0.999f32, 1e-8f32);
        self.step += 1;
        let (c1, c2) = (1.0 - b1.powi(self.step), 1.0 - b2.powi(self.step));
        for k in 0..w.len() {
            if !free[k] {
                continue;
            }
            let g = grads[k];
            self.m[k] = b1 * self.m[k] + (1.0 - b1) * g;
            self.v[k] = b2 * self.v[k] + (1.0 - b2) * g * g;
            w[k] -= lr * (self.m[k] / c1) / ((self.v[k] / c2).sqrt() + eps);
        }
    }
}

/// The training rows as minibatches of `batch_chunks` chunks, used in turn.
pub(crate) fn minibatches(train: &DataChunks, batch_chunks: usize) -> Vec<DataChunks> {
    let per_step = batch_chunks.max(1).min(train.chunks().max(1));
    (0..train.chunks())
        .step_by(per_step)
        .map(|first| train.window(first, per_step))
        .collect()
}

/// What every fine-tune of one depth's network shares: the canvas geometry and depth, the
/// training and validation rows, and the settings.
pub struct Tuning<'a> {
    pub geometry: &'a Geometry,
    pub depth: usize,
    pub train: &'a DataChunks,
    pub valid: &'a DataChunks,
    pub cfg: &'a RefineConfig,
    /// A fit's stop request: the fine-tune ends at once, keeping its best point.
    pub stop: Option<&'a Stop>,
}

impl Tuning<'_> {
    /// Whether the fit was asked to stop: every loop over steps ends at once.
    pub fn stopped(&self) -> bool {
        self.stop.is_some_and(Stop::requested)
    }

    /// Validation MSE (scaled units) of `canvas`.
    pub fn valid_mse(&self, canvas: &[f32]) -> f32 {
        valid_mse(self.geometry, self.depth, canvas, self.valid)
    }

    /// Adam (learning rate `lr`) on the entries where `free` is true for at most `steps` steps,
    /// early-stopped on the validation rows; returns the canvas that validated best and its
    /// validation MSE (scaled units).
    pub fn fine_tune(
        &self,
        canvas: &[f32],
        free: &[bool],
        steps: usize,
        lr: f32,
    ) -> (Vec<f32>, f32) {
        let mut w = canvas.to_vec();
        let mut adam = Adam::new(w.len());
        let mut best = (w.clone(), self.valid_mse(&w));
        let (mut stale, mut lr, mut cuts) = (0, lr, 0);
        let batches = minibatches(self.train, self.cfg.batch_chunks);
        for step in 1..=steps {
            if self.stopped() {
                break;
            }
            let fit = data_fit_live(
                self.geometry,
                self.depth,
                &w,
                &batches[(step - 1) % batches.len()],
            );
            adam.update(&mut w, &fit.grads, free, lr);
            if step % self.cfg.check_every == 0 {
                let e = self.valid_mse(&w);
                if e < best.1 {
                    best = (w.clone(), e);
                    stale = 0;
                } else {
                    stale += 1;
                    if stale >= self.cfg.patience {
                        // A plateau: go on from the best point with smaller steps, a few times.
                        if cuts == self.cfg.lr_cuts {
                            break;
                        }
                        (cuts, stale, lr) = (cuts + 1, 0, lr * 0.3);
                        w.copy_from_slice(&best.0);
                    }
                }
            }
        }
        best
    }
}

/// The entries of `canvas` that are weights (per `weights`) and not zero: what may still move.
pub fn live(canvas: &[f32], weights: &[bool]) -> Vec<bool> {
    canvas
        .iter()
        .zip(weights)
        .map(|(v, w)| *w && *v != 0.0)
        .collect()
}

/// How many entries of `canvas` are live (see `live`).
pub(crate) fn count(canvas: &[f32], weights: &[bool]) -> usize {
    live(canvas, weights).iter().filter(|f| **f).count()
}
