//! Screening the inputs of data wider than every canvas: one dense network on all the inputs,
//! fine-tuned as swat's random starts are, then each input's permutation importance on the
//! validation rows. In: the data and the fit's settings; out: the inputs ranked, and those a
//! canvas of `keep` inputs should take.

use super::config::FitConfig;
use super::error::FitError;
use super::prepare::{network, FitData, Scaled};
use super::random_only;
use super::refine::{live, Tuning};
use super::sparsify::shrunk;
use super::start::random_starts;
use crate::metrics::score;
use crate::mlp::Mlp;
use rand::seq::SliceRandom;
use rayon::prelude::*;

/// Depth of the screening network: one hidden layer as wide as the data already models
/// products and bumps, and keeps the screen a few seconds long.
pub const DEPTH: usize = 1;
/// Shuffles of each input column; their mean is its importance.
pub const SHUFFLES: usize = 3;
/// The least validation R² an input must carry (its shuffle's mean loss) to be kept: below it,
/// the network is as good without the input, and the canvas's slot is better left empty.
pub const MIN_IMPORTANCE: f64 = 1e-3;

/// What the screen found.
#[derive(Debug, Clone, PartialEq)]
pub struct Screening {
    /// Every input's importance (validation R² lost when it is shuffled), in input order.
    pub importance: Vec<f64>,
    /// The inputs kept, in input order: the most important, at most `keep`, each above
    /// `MIN_IMPORTANCE` (at least one).
    pub kept: Vec<usize>,
    /// Validation R² of the screening network on every input.
    pub valid_r2: f64,
}

/// Ranks the inputs of `data` and keeps at most `keep` of them (see `Screening`).
pub fn screen(data: &FitData, keep: usize, config: &FitConfig) -> Result<Screening, FitError> {
    let d = data.train.inputs.len();
    let geometry = random_only::geometry(d);
    let scaled = Scaled::new(data, d);
    let seed = config.search.seed;
    let activations = match config.random_activations.as_slice() {
        [] => vec![geometry.activation],
        list => list.to_vec(),
    };
    let weights = geometry.spec(DEPTH).weight_entries();
    // One network per activation of the random starts, side by side; the better one ranks.
    let nets = activations
        .par_iter()
        .map(|&a| {
            let start = random_starts(&geometry, DEPTH, d, 1, &[a], seed)
                .pop()
                .ok_or(FitError::NoStarts)?;
            let tuning = Tuning {
                geometry: &start.geometry,
                depth: DEPTH,
                train: &scaled.train,
                valid: &scaled.valid,
                cfg: &config.refine,
                stop: Some(&config.stop),
            };
            let (tuned, e) = tuning.fine_tune(
                &start.canvas,
                &live(&start.canvas, &weights),
                config.refine.steps,
                config.refine.lr,
            );
            // Dense on every input, the network fits noise in the unused ones (on 32 inputs
            // and 480 rows it missed a product of two); the shrinking path zeroes most of
            // those weights, and the survivors fit what is left.
            let (tuned, _) = shrunk(&tuning, &tuned, e, &weights);
            network(&start.geometry, DEPTH, d, &tuned)
        })
        .collect::<Result<Vec<Mlp>, FitError>>()?;
    if config.stop.requested() {
        return Err(FitError::Stopped);
    }
    let x = data.scaling.inputs(&data.valid.x);
    let y = data.scaling.targets(&data.valid.y);
    let (net, valid_r2) = nets
        .into_iter()
        .map(|n| {
            let r = r2(&n, &x, &y);
            (n, r)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .ok_or(FitError::NoStarts)?;
    let importance = permutation_importance(&net, &x, &y, d, seed);
    Ok(Screening {
        kept: keep_most(&importance, keep),
        valid_r2,
        importance,
    })
}

/// R² of `net` on scaled rows.
fn r2(net: &Mlp, x: &[f64], y: &[f64]) -> f64 {
    score(&net.forward(x).expect("input count checked"), y).r2
}

/// Per input: the mean validation R² lost over `SHUFFLES` shuffles of its column.
fn permutation_importance(net: &Mlp, x: &[f64], y: &[f64], d: usize, seed: u64) -> Vec<f64> {
    let base = r2(net, x, y);
    let mut rng = crate::teacher::rng(seed ^ 0x5c4e_e11e);
    let n = y.len();
    (0..d)
        .map(|c| {
            let mut lost = 0.0;
            for _ in 0..SHUFFLES {
                let mut order: Vec<usize> = (0..n).collect();
                order.shuffle(&mut rng);
                let mut shuffled = x.to_vec();
                for (r, &from) in order.iter().enumerate() {
                    shuffled[r * d + c] = x[from * d + c];
                }
                lost += base - r2(net, &shuffled, y);
            }
            lost / SHUFFLES as f64
        })
        .collect()
}

/// The indices of the at most `keep` largest importances above `MIN_IMPORTANCE` (the largest
/// one in any case), in input order.
pub fn keep_most(importance: &[f64], keep: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..importance.len()).collect();
    order.sort_by(|&a, &b| importance[b].total_cmp(&importance[a]).then(a.cmp(&b)));
    let mut kept: Vec<usize> = order
        .iter()
        .enumerate()
        .filter(|(rank, &c)| *rank == 0 || importance[c] > MIN_IMPORTANCE)
        .map(|(_, &c)| c)
        .take(keep.max(1))
        .collect();
    kept.sort_unstable();
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_largest_above_the_floor_in_input_order() {
        let imp = [0.2, 0.0, 0.5, 1e-4, 0.05, 0.3];
        assert_eq!(keep_most(&imp, 3), vec![0, 2, 5]);
        assert_eq!(keep_most(&imp, 7), vec![0, 2, 4, 5]);
        // Nothing above the floor: the best one still goes in.
        assert_eq!(keep_most(&[1e-5, 2e-5, -0.01], 7), vec![1]);
    }
}
