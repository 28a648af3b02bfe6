//! How much of a table's target its inputs explain, estimated before any fit and cheaply: the
//! better of two out-of-sample R²s, nearest-neighbour averaging and the linear model, both left
//! one row out. It says when a table is noisy. In: a dataset; out: an R².

use super::linear_depth::leave_one_out_mse;
use super::select::variance;
use crate::data::Dataset;
use rayon::prelude::*;

/// Rows the estimate reads at most, evenly spread over the table: the nearest-neighbour part
/// costs rows² distances.
pub const SIGNAL_ROWS: usize = 2000;
/// Neighbours averaged for each row's estimate.
pub const SIGNAL_NEIGHBOURS: usize = 5;

/// The larger of the leave-one-out R² of `SIGNAL_NEIGHBOURS`-nearest-neighbour averaging
/// (inputs standardised) and of the least-squares linear model, on at most `SIGNAL_ROWS` rows
/// spread evenly over `data`. Noiseless smooth functions of up to 7 inputs score 0.8–0.99 on a
/// few hundred rows; a table whose target the inputs barely predict scores near 0 (`fair`,
/// BENCHMARKS.md "Noisy tables are chosen on folds"). 0 when the target does not vary.
pub fn explained(data: &Dataset) -> f64 {
    let (n, d) = (data.rows(), data.inputs.len());
    let m = n.min(SIGNAL_ROWS);
    if m < SIGNAL_NEIGHBOURS + 2 || d == 0 {
        return 0.0;
    }
    let rows: Vec<usize> = (0..m).map(|i| i * (n - 1) / (m - 1).max(1)).collect();
    let sample = data.subset(&rows);
    let var = variance(&sample.y);
    if var <= 0.0 || !var.is_finite() {
        return 0.0;
    }
    let x = standardised(&sample.x, d);
    let neighbours = neighbours_mse(&x, &sample.y, d, SIGNAL_NEIGHBOURS);
    let linear = leave_one_out_mse(&x, &sample.y, d, &(0..d).collect::<Vec<_>>());
    let r2 = 1.0 - neighbours.min(linear) / var;
    if r2.is_finite() {
        r2
    } else {
        0.0
    }
}

/// Each column of `x` (row-major, `d` per row) minus its mean, over its standard deviation
/// (constant columns become 0).
fn standardised(x: &[f64], d: usize) -> Vec<f64> {
    let n = (x.len() / d.max(1)).max(1) as f64;
    let mut out = x.to_vec();
    for c in 0..d {
        let mean = x.iter().skip(c).step_by(d).sum::<f64>() / n;
        let sd = (x
            .iter()
            .skip(c)
            .step_by(d)
            .map(|v| (v - mean) * (v - mean))
            .sum::<f64>()
            / n)
            .sqrt();
        for v in out.iter_mut().skip(c).step_by(d) {
            *v = if sd > 0.0 { (*v - mean) / sd } else { 0.0 };
        }
    }
    out
}

/// The MSE of predicting each row by the mean target of its `k` nearest other rows.
fn neighbours_mse(x: &[f64], y: &[f64], d: usize, k: usize) -> f64 {
    let n = y.len();
    let k = k.min(n - 1).max(1);
    let se: f64 = (0..n)
        .into_par_iter()
        .map(|r| {
            let row = &x[r * d..(r + 1) * d];
            let mut dist: Vec<(f64, usize)> = (0..n)
                .filter(|&o| o != r)
                .map(|o| {
                    let s = x[o * d..(o + 1) * d]
                        .iter()
                        .zip(row)
                        .map(|(a, b)| (a - b) * (a - b))
                        .sum::<f64>();
                    (s, o)
                })
                .collect();
            dist.select_nth_unstable_by(k - 1, |a, b| a.0.total_cmp(&b.0));
            let guess = dist[..k].iter().map(|&(_, o)| y[o]).sum::<f64>() / k as f64;
            (y[r] - guess) * (y[r] - guess)
        })
        .sum();
    se / n as f64
}

#[cfg(test)]
mod tests {
    use super::explained;
    use crate::data::Dataset;

    fn table(n: usize, noise: f64, f: impl Fn(f64, f64) -> f64) -> Dataset {
        let mut rng = crate::teacher::rng(7);
        let (mut x, mut y) = (Vec::new(), Vec::new());
        for _ in 0..n {
            let (a, b): (f64, f64) = (
                rand::RngExt::random_range(&mut rng, -1.0..1.0),
                rand::RngExt::random_range(&mut rng, -1.0..1.0),
            );
            let e: f64 = rand::RngExt::random_range(&mut rng, -1.0..1.0);
            x.extend([a, b]);
            y.push(f(a, b) + noise * e);
        }
        Dataset {
            inputs: vec!["a".into(), "b".into()],
            target: "y".into(),
            x,
            y,
        }
    }

    #[test]
    fn a_smooth_function_is_explained_and_noise_is_not() {
        let smooth = explained(&table(800, 0.0, |a, b| (3.0 * a).sin() * b + b * b));
        assert!(smooth > 0.9, "{smooth}");
        // Linear data: the linear model explains it all, whatever the neighbours say.
        let linear = explained(&table(800, 0.0, |a, b| 2.0 * a - b));
        assert!(linear > 0.999, "{linear}");
        // A weak signal under noise ten times its size.
        let noisy = explained(&table(800, 3.0, |a, b| (3.0 * a).sin() * b));
        assert!(noisy < 0.2, "{noisy}");
        // A constant target explains nothing, without dividing by zero.
        assert_eq!(explained(&table(50, 0.0, |_, _| 1.5)), 0.0);
    }
}
