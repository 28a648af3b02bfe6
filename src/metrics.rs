//! Error figures reported for a fitted network: MSE, R² and the paper's median percentage error.
//! In: predictions and targets (same units); out: `Scores`.

use serde::Serialize;

/// How well predictions match targets.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    pub mse: f64,
    /// 1 − SSE / SST (can be negative; NaN for a constant target).
    pub r2: f64,
    /// The paper's metric: median over rows of |prediction − target| / |target|, over the rows
    /// whose target is not 0 (a percentage of 0 is not defined); NaN when every target is 0.
    pub mpe: f64,
}

/// The median of the finite values (NaN when there are none).
pub fn median(mut v: Vec<f64>) -> f64 {
    v.retain(|x| x.is_finite());
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        0.5 * (v[n / 2 - 1] + v[n / 2])
    }
}

pub fn score(pred: &[f64], y: &[f64]) -> Scores {
    let n = y.len() as f64;
    let mean = y.iter().sum::<f64>() / n;
    let sse: f64 = pred.iter().zip(y).map(|(p, t)| (p - t) * (p - t)).sum();
    let sst: f64 = y.iter().map(|t| (t - mean) * (t - mean)).sum();
    // Tables of counts often hold zeros; divided by the smallest float, one zero target made
    // the median about 1e307 (`fair`, where most targets are 0).
    let mpe = median(
        pred.iter()
            .zip(y)
            .filter(|(_, t)| **t != 0.0)
            .map(|(p, t)| (p - t).abs() / t.abs())
            .collect(),
    );
    Scores {
        mse: sse / n,
        r2: if sst > 0.0 { 1.0 - sse / sst } else { f64::NAN },
        mpe,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_skip_what_is_not_finite() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), 2.5);
        assert!(median(vec![]).is_nan());
        assert_eq!(median(vec![f64::NAN, 1.0]), 1.0);
    }

    #[test]
    fn known_values() {
        let s = score(&[1.0, 2.0, 3.0, 4.0], &[1.0, 2.0, 3.0, 4.0]);
        assert_eq!((s.mse, s.r2, s.mpe), (0.0, 1.0, 0.0));
        let s = score(&[2.0, 2.0, 2.0], &[1.0, 2.0, 3.0]);
        assert!((s.mse - 2.0 / 3.0).abs() < 1e-15);
        assert!((s.r2 - 0.0).abs() < 1e-15);
        // |1/1|, 0, |1/3| → median 1/3.
        assert!((s.mpe - 1.0 / 3.0).abs() < 1e-15);
        let s = score(&[0.0, 0.0], &[1.0, -1.0]);
        assert_eq!((s.mse, s.r2, s.mpe), (1.0, 0.0, 1.0));
    }

    #[test]
    fn rows_whose_target_is_zero_have_no_percentage_error() {
        // |1 − 2| / 2 and |3 − 4| / 4 → median 0.375; the zero target's row is left out.
        let s = score(&[1.0, 0.5, 3.0], &[2.0, 0.0, 4.0]);
        assert!((s.mpe - 0.375).abs() < 1e-15, "{}", s.mpe);
        assert!(score(&[0.1, 0.2], &[0.0, 0.0]).mpe.is_nan());
    }
}
