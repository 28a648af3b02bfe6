//! Depth 0: the linear model (no hidden layer; still a sparse MLP), fitted by least squares on
//! the scaled training rows; inputs it does not need are dropped when the fit without them
//! is still exact (leave-one-out error at rounding level), never on noisy data.
//! In: the fit's data and settings; out: the depth's `DepthResult` with its two stages.

use super::error::FitError;
use super::prepare::{eval, result, FitData};
use super::result::{DepthResult, Stage, StageScore};
use super::select::variance;
use super::start::Origin;
use crate::metrics::score;
use crate::mlp::{Activation, Layer, Mlp, DEFAULT_LEAKY_SLOPE};

/// The row of the design matrix: the inputs `keep` of row `r`, then 1 for the intercept.
fn design_row(x: &[f64], d: usize, keep: &[usize], r: usize, row: &mut [f64]) {
    for (j, &c) in keep.iter().enumerate() {
        row[j] = x[r * d + c];
    }
    row[keep.len()] = 1.0;
}

/// The normal equations (XᵀX with a tiny ridge on the inputs, Xᵀy) of the columns `keep` with
/// an intercept; the ridge keeps collinear inputs solvable.
fn normal_equations(x: &[f64], y: &[f64], d: usize, keep: &[usize]) -> (Vec<f64>, Vec<f64>) {
    let k = keep.len() + 1;
    let mut a = vec![0.0; k * k];
    let mut b = vec![0.0; k];
    let mut row = vec![0.0; k];
    for (r, &t) in y.iter().enumerate() {
        design_row(x, d, keep, r, &mut row);
        for i in 0..k {
            b[i] += row[i] * t;
            for j in 0..k {
                a[i * k + j] += row[i] * row[j];
            }
        }
    }
    let ridge = 1e-9 * (1.0 + (0..k).map(|i| a[i * k + i]).sum::<f64>() / k as f64);
    for i in 0..k - 1 {
        a[i * k + i] += ridge;
    }
    (a, b)
}

/// Solves the least-squares problem on the columns `keep` of `x` (row-major, `d` per row)
/// with an intercept; returns (weights for all `d` inputs, zeros off `keep`; bias).
fn least_squares(x: &[f64], y: &[f64], d: usize, keep: &[usize]) -> (Vec<f64>, f64) {
    let k = keep.len() + 1;
    let (mut a, mut b) = normal_equations(x, y, d, keep);
    let solution = solve(&mut a, &mut b, k);
    let mut w = vec![0.0; d];
    for (j, &c) in keep.iter().enumerate() {
        w[c] = solution[j];
    }
    (w, solution[k - 1])
}

/// The leave-one-out MSE of that least-squares fit (see `leave_one_out_residuals`).
pub(crate) fn leave_one_out_mse(x: &[f64], y: &[f64], d: usize, keep: &[usize]) -> f64 {
    let r = leave_one_out_residuals(x, y, d, keep);
    r.iter().map(|e| e * e).sum::<f64>() / y.len().max(1) as f64
}

/// Each row's residual under the least-squares fit on the columns `keep` of every other row,
/// exactly and without refitting: its residual divided by 1 − its leverage (PRESS).
fn leave_one_out_residuals(x: &[f64], y: &[f64], d: usize, keep: &[usize]) -> Vec<f64> {
    let k = keep.len() + 1;
    let (a, _) = normal_equations(x, y, d, keep);
    let (w, bias) = least_squares(x, y, d, keep);
    // (XᵀX)⁻¹, a column at a time.
    let mut inverse = vec![0.0; k * k];
    for c in 0..k {
        let mut e = vec![0.0; k];
        e[c] = 1.0;
        let col = solve(&mut a.clone(), &mut e, k);
        for r in 0..k {
            inverse[r * k + c] = col[r];
        }
    }
    let mut row = vec![0.0; k];
    y.iter()
        .enumerate()
        .map(|(r, &t)| {
            design_row(x, d, keep, r, &mut row);
            let leverage: f64 = (0..k)
                .map(|i| row[i] * (0..k).map(|j| inverse[i * k + j] * row[j]).sum::<f64>())
                .sum();
            let fit = bias + keep.iter().map(|&c| w[c] * x[r * d + c]).sum::<f64>();
            // A row that alone fixes a weight (leverage 1) says nothing about the others.
            (t - fit) / (1.0 - leverage).max(1e-6)
        })
        .collect()
}

/// Gaussian elimination with partial pivoting on a k×k system (k is at most the input count
/// plus one); a singular pivot leaves that unknown at 0.
fn solve(a: &mut [f64], b: &mut [f64], k: usize) -> Vec<f64> {
    for col in 0..k {
        let pivot = (col..k)
            .max_by(|&p, &q| a[p * k + col].abs().total_cmp(&a[q * k + col].abs()))
            .unwrap_or(col);
        if pivot != col {
            for j in 0..k {
                a.swap(col * k + j, pivot * k + j);
            }
            b.swap(col, pivot);
        }
        let p = a[col * k + col];
        if p.abs() < 1e-300 {
            continue;
        }
        for r in col + 1..k {
            let f = a[r * k + col] / p;
            if f != 0.0 {
                for j in col..k {
                    a[r * k + j] -= f * a[col * k + j];
                }
                b[r] -= f * b[col];
            }
        }
    }
    let mut x = vec![0.0; k];
    for i in (0..k).rev() {
        let p = a[i * k + i];
        if p.abs() < 1e-300 {
            continue;
        }
        let s: f64 = (i + 1..k).map(|j| a[i * k + j] * x[j]).sum();
        x[i] = (b[i] - s) / p;
    }
    x
}

/// The linear network on scaled inputs and target.
fn linear(w: Vec<f64>, bias: f64) -> Result<Mlp, FitError> {
    let d = w.len();
    let layer = Layer::new(
        d,
        1,
        w,
        Some(vec![bias]),
        vec![Activation::Linear],
        DEFAULT_LEAKY_SLOPE,
    )?;
    Ok(Mlp::new(vec![layer])?)
}

/// The linear model at depth 0 (see the module comment).
pub(crate) fn linear_depth(data: &FitData) -> Result<DepthResult, FitError> {
    let started = std::time::Instant::now();
    let d = data.train.inputs.len();
    let x = data.scaling.inputs(&data.train.x);
    let y = data.scaling.targets(&data.train.y);
    // Thinned on the training rows' leave-one-out error, not on the validation rows: on a
    // small noisy table a few validation rows let inputs go that the model needs (diabetes:
    // 1 of 10 inputs kept, test R² 0.23 against 0.36 with all), and the validation rows stay
    // unseen for the choice between depths.
    let loo = |keep: &[usize]| leave_one_out_mse(&x, &y, d, keep);
    let fitted = |keep: &[usize]| -> Result<Mlp, FitError> {
        let (w, b) = least_squares(&x, &y, d, keep);
        linear(w, b)
    };
    let mut keep: Vec<usize> = (0..d).collect();
    let full = fitted(&keep)?;
    // Only inputs an exact fit never used go. On small noisy tables any looser rule chose
    // inputs on noise: with an R² slack of 0.005 scotland (19 rows) kept 1 of 7 inputs at test
    // R² 0.32 against 0.42 with all, and "no worse left-out error" still cost stackloss and
    // copper 0.05–0.4 of test R² (BENCHMARKS.md, "Small tables").
    let exact = 1e-10 * variance(&y);
    // Backward elimination: drop the input whose loss costs least while the rule allows.
    while !keep.is_empty() {
        let mut trial: Option<(usize, f64)> = None;
        for i in 0..keep.len() {
            let mut fewer = keep.clone();
            fewer.remove(i);
            let e = loo(&fewer);
            if trial.is_none_or(|t| e < t.1) {
                trial = Some((i, e));
            }
        }
        match trial {
            Some((i, e)) if e <= exact => {
                keep.remove(i);
            }
            _ => break,
        }
    }
    let best = fitted(&keep)?;
    let stage = |stage, net: &Mlp| StageScore {
        origin: Origin::LeastSquares,
        stage,
        stats: net.stats(),
        valid: eval(net, data.scaling, data.valid),
        test: data.test.map(|t| eval(net, data.scaling, t)),
    };
    let stages = vec![stage(Stage::FineTune, &full), stage(Stage::Sparsify, &best)];
    Ok(result(
        0,
        best,
        Origin::LeastSquares,
        data,
        started,
        (0, Vec::new()),
        stages,
    ))
}

/// The linear model on every training row of a table too small to validate a network,
/// scored as leave-one-out cross-validation: its validation scores are those of each row
/// predicted by the fit on all the others (`data.valid` is not read).
pub(crate) fn linear_left_out(data: &FitData) -> Result<DepthResult, FitError> {
    let mut r = linear_depth(&FitData {
        valid: data.train,
        ..*data
    })?;
    let d = data.train.inputs.len();
    let x = data.scaling.inputs(&data.train.x);
    let y = data.scaling.targets(&data.train.y);
    let left_out = |keep: &[usize]| {
        let p: Vec<f64> = leave_one_out_residuals(&x, &y, d, keep)
            .iter()
            .zip(&y)
            .map(|(e, t)| data.scaling.untarget(t - e))
            .collect();
        score(&p, &data.train.y)
    };
    let used = r.network.used_inputs();
    r.valid = left_out(&(0..d).filter(|&c| used[c]).collect::<Vec<_>>());
    // The stages: every input (least squares), then those the thinning kept (the answer).
    let every: Vec<usize> = (0..d).collect();
    if let [full, thinned] = r.stages.as_mut_slice() {
        full.valid = left_out(&every);
        thinned.valid = r.valid;
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn least_squares_recovers_a_plane_and_ignores_a_duplicate_column() {
        // y = 2 a − b + 0.5, with c a copy of a (collinear).
        let rows: Vec<[f64; 3]> = (0..40)
            .map(|i| {
                let a = (i as f64 * 0.37).sin();
                let b = (i as f64 * 0.91).cos();
                [a, b, a]
            })
            .collect();
        let x: Vec<f64> = rows.iter().flatten().copied().collect();
        let y: Vec<f64> = rows.iter().map(|r| 2.0 * r[0] - r[1] + 0.5).collect();
        let (w, b) = least_squares(&x, &y, 3, &[0, 1]);
        assert!((w[0] - 2.0).abs() < 1e-6 && (w[1] + 1.0).abs() < 1e-6 && w[2] == 0.0);
        assert!((b - 0.5).abs() < 1e-6);
        let (w, _) = least_squares(&x, &y, 3, &[0, 1, 2]);
        assert!((w[0] + w[2] - 2.0).abs() < 1e-5, "{w:?}");
    }

    #[test]
    fn leave_one_out_error_matches_refitting_without_each_row() {
        let rows: Vec<[f64; 2]> = (0..25)
            .map(|i| [(i as f64 * 0.37).sin(), (i as f64 * 1.3).cos()])
            .collect();
        let x: Vec<f64> = rows.iter().flatten().copied().collect();
        let y: Vec<f64> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| r[0] - 2.0 * r[1] + 0.3 * ((i * 7) % 5) as f64)
            .collect();
        let mut by_refit = 0.0;
        for out in 0..25 {
            let keep: Vec<usize> = (0..25).filter(|&r| r != out).collect();
            let xs: Vec<f64> = keep.iter().flat_map(|&r| rows[r]).collect();
            let ys: Vec<f64> = keep.iter().map(|&r| y[r]).collect();
            let (w, b) = least_squares(&xs, &ys, 2, &[0, 1]);
            let e = y[out] - (b + w[0] * rows[out][0] + w[1] * rows[out][1]);
            by_refit += e * e / 25.0;
        }
        let exact = leave_one_out_mse(&x, &y, 2, &[0, 1]);
        assert!(
            (exact - by_refit).abs() < 1e-6 * by_refit,
            "{exact} vs {by_refit}"
        );
    }
}
