//! What a practitioner would use instead of swat, trained on the same rows with the same seeds:
//! dense MLPs by Adam at CORNN's sizes (1×10, 3×10, 5×10), magnitude pruning of the best dense
//! net down to swat's size with fine-tuning, and L1-regularised training then thresholding.
//! In: scaled train/valid chunks; out: canvases on a 10-wide tanh geometry, ready to score.

use crate::autoencoder::data_fit::{data_fit, DataChunks};
use crate::autoencoder::{Geometry, MaskMode};
use crate::mlp::{Activation, ActivationSet, DEFAULT_LEAKY_SLOPE};
use crate::search::refine::{count, live, minibatches, Adam, RefineConfig, Tuning};
use crate::search::start::random_starts;

/// Neurons per hidden layer of the dense baselines (CORNN's).
pub const WIDTH: usize = 10;
/// Hidden layers of the dense baselines: 41, 261 and 481 parameters with 2 inputs.
pub const DENSE_DEPTHS: [usize; 3] = [1, 3, 5];

/// The canvas geometry the baselines train on: `inputs` inputs, 10 rows, biases, tanh.
pub fn geometry(inputs: usize) -> Geometry {
    Geometry {
        rows: WIDTH,
        inputs,
        max_depth: *DENSE_DEPTHS.iter().max().expect("non-empty"),
        bias: true,
        activation: Activation::Tanh,
        choices: ActivationSet::NONE,
        leaky_slope: DEFAULT_LEAKY_SLOPE,
    }
}

/// How the baselines train.
#[derive(Debug, Clone, PartialEq)]
pub struct BaselineConfig {
    /// Adam from a Xavier start: at most `steps` steps at `tune.lr`, early-stopped on the
    /// validation rows with learning-rate cuts on plateaus (`RefineConfig`).
    pub tune: RefineConfig,
    pub steps: usize,
    /// Magnitude pruning: rounds (each removes the smallest weights and biases, then
    /// fine-tunes `tune.prune_steps` steps at `tune.prune_lr`).
    pub prune_rounds: usize,
    /// L1: the penalty weights tried (on the MSE in scaled units); the weights are trained
    /// `steps` steps, the last fifth at a tenth of the rate, then entries below `threshold`
    /// are zeroed.
    pub l1: Vec<f32>,
    pub threshold: f32,
}

impl BaselineConfig {
    pub fn new(quick: bool) -> BaselineConfig {
        BaselineConfig {
            tune: RefineConfig {
                lr: 0.01,
                check_every: 50,
                patience: 10,
                lr_cuts: 3,
                prune_steps: if quick { 200 } else { 1000 },
                prune_lr: 0.003,
                // The dense baselines keep the 4,096-row minibatches their figures were
                // measured with (swat's own refinement now takes 2,048).
                batch_chunks: 2,
                ..RefineConfig::default()
            },
            steps: if quick { 1000 } else { 6000 },
            prune_rounds: if quick { 2 } else { 5 },
            l1: vec![1e-4, 1e-3, 1e-2],
            threshold: 1e-2,
        }
    }
}

/// A dense net of `depth` hidden layers trained by Adam; returns its canvas.
pub fn dense(
    g: &Geometry,
    depth: usize,
    train: &DataChunks,
    valid: &DataChunks,
    cfg: &BaselineConfig,
    seed: u64,
) -> Vec<f32> {
    let start = start(g, depth, seed);
    let free = live(&start, &g.spec(depth).weight_entries());
    tuning(g, depth, train, valid, cfg)
        .fine_tune(&start, &free, cfg.steps, cfg.tune.lr)
        .0
}

fn tuning<'a>(
    g: &'a Geometry,
    depth: usize,
    train: &'a DataChunks,
    valid: &'a DataChunks,
    cfg: &'a BaselineConfig,
) -> Tuning<'a> {
    Tuning {
        geometry: g,
        depth,
        train,
        valid,
        cfg: &cfg.tune,
        stop: None,
    }
}

fn start(g: &Geometry, depth: usize, seed: u64) -> Vec<f32> {
    random_starts(g, depth, g.inputs, 1, &[], seed)
        .pop()
        .expect("one start")
        .canvas
}

/// Magnitude pruning of a trained canvas to at most `target` non-zero weights and biases, in
/// `prune_rounds` geometric steps, each removing the smallest entries of every layer alike and
/// followed by a fine-tune of the survivors.
pub fn magnitude_prune(
    g: &Geometry,
    depth: usize,
    canvas: &[f32],
    target: usize,
    train: &DataChunks,
    valid: &DataChunks,
    cfg: &BaselineConfig,
) -> Vec<f32> {
    let spec = g.spec(depth);
    let weights = spec.weight_entries();
    let first = count(canvas, &weights);
    let target = target.max(1);
    let mut current = canvas.to_vec();
    if target >= first {
        return current;
    }
    let rounds = cfg.prune_rounds.max(1);
    let t = tuning(g, depth, train, valid, cfg);
    for round in 1..=rounds {
        let keep = if round == rounds {
            target
        } else {
            let share = (target as f64 / first as f64).powf(round as f64 / rounds as f64);
            ((first as f64 * share).round() as usize).max(target)
        };
        let free = live(&current, &weights);
        // Layer by layer, each keeping the same share (at least one entry): global ranking
        // empties whole layers of a deep net, which no fine-tune recovers from.
        let mut layers: Vec<Vec<usize>> = vec![Vec::new(); depth + 1];
        for k in (0..current.len()).filter(|&k| free[k]) {
            layers[layer_of(&spec, k)].push(k);
        }
        let live_now: usize = layers.iter().map(Vec::len).sum();
        let mut quota: Vec<usize> = layers
            .iter()
            .map(|l| {
                let q = (l.len() as f64 * keep as f64 / live_now as f64).round() as usize;
                q.clamp(usize::from(!l.is_empty()), l.len())
            })
            .collect();
        while quota.iter().sum::<usize>() > keep {
            let Some(big) = (0..quota.len())
                .filter(|&l| quota[l] > 1)
                .max_by_key(|&l| quota[l])
            else {
                break;
            };
            quota[big] -= 1;
        }
        for (entries, q) in layers.iter_mut().zip(&quota) {
            entries.sort_by(|&a, &b| current[b].abs().total_cmp(&current[a].abs()));
            for &k in &entries[*q..] {
                current[k] = 0.0;
            }
        }
        current = t
            .fine_tune(
                &current,
                &live(&current, &weights),
                cfg.tune.prune_steps,
                cfg.tune.prune_lr,
            )
            .0;
    }
    current
}

/// The layer (0 ..= depth, the output last) a canvas entry's weight or bias belongs to.
fn layer_of(spec: &crate::canvas::CanvasSpec, k: usize) -> usize {
    let col = k % spec.cols();
    (1..=spec.depth)
        .take_while(|&l| spec.block_col(l) <= col)
        .last()
        .unwrap_or(0)
}

/// Adam on MSE + `lambda` · Σ|w| over weights and biases from the dense start of `seed`, then
/// entries below `threshold` set to zero (no fine-tune afterwards: the baseline as commonly
/// practised).
pub fn l1_threshold(
    g: &Geometry,
    depth: usize,
    train: &DataChunks,
    cfg: &BaselineConfig,
    lambda: f32,
    seed: u64,
) -> Vec<f32> {
    let mut w = start(g, depth, seed);
    let free = live(&w, &g.spec(depth).weight_entries());
    let mut adam = Adam::new(w.len());
    let batches = minibatches(train, cfg.tune.batch_chunks);
    let slow_from = cfg.steps * 4 / 5;
    for step in 1..=cfg.steps {
        let mut grads = data_fit(
            g,
            depth,
            &w,
            &batches[(step - 1) % batches.len()],
            MaskMode::Hard,
        )
        .grads;
        for k in 0..w.len() {
            if free[k] {
                grads[k] += lambda * w[k].signum();
            }
        }
        let lr = if step > slow_from {
            cfg.tune.lr * 0.1
        } else {
            cfg.tune.lr
        };
        adam.update(&mut w, &grads, &free, lr);
    }
    for k in 0..w.len() {
        if free[k] && w[k].abs() < cfg.threshold {
            w[k] = 0.0;
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::refine::valid_mse;

    /// y = sin(2x1) · x2 on a small grid: smooth, learnable by a small tanh net.
    fn data(n: usize) -> DataChunks {
        let mut x = Vec::new();
        let mut y = Vec::new();
        for i in 0..n {
            for j in 0..n {
                let (a, b) = (
                    -1.0 + 2.0 * i as f32 / (n - 1) as f32,
                    -1.0 + 2.0 * j as f32 / (n - 1) as f32,
                );
                x.extend([a, b]);
                y.push((2.0 * a).sin() * b);
            }
        }
        DataChunks::new(&x, &y, 2)
    }

    #[test]
    fn dense_learns_and_pruning_and_l1_cut_parameters() {
        let (train, valid) = (data(30), data(17));
        let g = geometry(2);
        let mut cfg = BaselineConfig::new(true);
        cfg.steps = 1500;
        let variance = valid.target_variance() as f32;
        let net = dense(&g, 1, &train, &valid, &cfg, 3);
        let e = valid_mse(&g, 1, &net, &valid);
        assert!(
            e < 0.05 * variance,
            "dense 1×10: MSE {e}, variance {variance}"
        );
        let weights = g.spec(1).weight_entries();
        assert_eq!(count(&net, &weights), 41);
        let pruned = magnitude_prune(&g, 1, &net, 20, &train, &valid, &cfg);
        assert!(count(&pruned, &weights) <= 20);
        assert!(valid_mse(&g, 1, &pruned, &valid) < variance);
        // A deep net pruned hard still has every layer.
        let deep = dense(&g, 3, &train, &valid, &cfg, 4);
        let pruned = magnitude_prune(&g, 3, &deep, 25, &train, &valid, &cfg);
        let spec = g.spec(3);
        let free = live(&pruned, &spec.weight_entries());
        assert!(free.iter().filter(|f| **f).count() <= 25);
        for layer in 0..=3 {
            assert!(
                (0..pruned.len()).any(|k| free[k] && layer_of(&spec, k) == layer),
                "layer {layer} emptied"
            );
        }
        let strong = l1_threshold(&g, 1, &train, &cfg, 1e-2, 3);
        let weak = l1_threshold(&g, 1, &train, &cfg, 1e-5, 3);
        assert!(count(&strong, &weights) < count(&weak, &weights));
    }
}
