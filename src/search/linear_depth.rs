//! Depth 0: the linear model (no hidden layer; still a sparse MLP), fitted by least squares on
//! the scaled training rows, then thinned input by input while validation allows, by the rule
//! the other depths prune with (`--tolerance`, `--r2-slack`).
//! In: the fit's data and settings; out: the depth's `DepthResult` with its two stages.

use super::fit::{
    eval, result, variance, DepthResult, FitConfig, FitData, FitError, Stage, StageScore,
};
use super::start::Origin;
use crate::mlp::{Activation, Layer, Mlp, DEFAULT_LEAKY_SLOPE};

/// Solves the least-squares problem on the columns `keep` of `x` (row-major, `d` per row)
/// with an intercept; returns (weights for all `d` inputs, zeros off `keep`; bias). A tiny
/// ridge keeps collinear inputs solvable.
fn least_squares(x: &[f64], y: &[f64], d: usize, keep: &[usize]) -> (Vec<f64>, f64) {
    let k = keep.len() + 1;
    let mut a = vec![0.0; k * k];
    let mut b = vec![0.0; k];
    let mut row = vec![0.0; k];
    for (r, &t) in y.iter().enumerate() {
        for (j, &c) in keep.iter().enumerate() {
            row[j] = x[r * d + c];
        }
        row[k - 1] = 1.0;
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
    let solution = solve(&mut a, &mut b, k);
    let mut w = vec![0.0; d];
    for (j, &c) in keep.iter().enumerate() {
        w[c] = solution[j];
    }
    (w, solution[k - 1])
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
pub(crate) fn linear_depth(data: &FitData, config: &FitConfig) -> Result<DepthResult, FitError> {
    let started = std::time::Instant::now();
    let d = data.train.inputs.len();
    let x = data.scaling.inputs(&data.train.x);
    let y = data.scaling.targets(&data.train.y);
    let fitted = |keep: &[usize]| -> Result<(Mlp, f64), FitError> {
        let (w, b) = least_squares(&x, &y, d, keep);
        let net = linear(w, b)?;
        let mse = eval(&net, data.scaling, data.valid).mse;
        Ok((net, mse))
    };
    let mut keep: Vec<usize> = (0..d).collect();
    let (full, full_mse) = fitted(&keep)?;
    let limit = full_mse
        + config
            .refine
            .allowance(full_mse, variance(&data.valid.y));
    let mut best = full.clone();
    // Backward elimination: drop the input whose loss costs least while the rule allows.
    while !keep.is_empty() {
        let mut trial: Option<(usize, Mlp, f64)> = None;
        for (i, _) in keep.iter().enumerate() {
            let mut fewer = keep.clone();
            fewer.remove(i);
            let (net, mse) = fitted(&fewer)?;
            if trial.as_ref().is_none_or(|t| mse < t.2) {
                trial = Some((i, net, mse));
            }
        }
        match trial {
            Some((i, net, mse)) if mse <= limit => {
                keep.remove(i);
                best = net;
            }
            _ => break,
        }
    }
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
}
