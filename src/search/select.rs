//! Choosing among equally good networks: the smallest of those whose validation error is
//! within a tie, or an R² slack, of the best, never one with more parameters than training
//! rows while a smaller one exists. In: (validation MSE, size) pairs; out: the index chosen.

use super::result::{DepthResult, Finalist};

/// Validation MSEs within this share of the lowest count as equal; the smaller network wins.
pub const TIE: f64 = 0.01;
/// By default, so do validation R² within this of the best (what matters once every fit is near
/// perfect): a user of swat wants the small network that explains nearly as much. On Himmelblau
/// 0.001 kept 108 parameters at test R² 0.998, 0.005 keeps 27 at 0.995 (BENCHMARKS.md).
pub const R2_SLACK: f64 = 0.005;
/// ...but never one whose validation MSE is more than this many times the lowest (about 3× the
/// RMS error): near a perfect fit the R² slack alone let Booth trade 36× the error for one
/// parameter, and a leaky-ReLU teacher's exact 5-weight network lose to an R² 0.9999 one with
/// 4 weights and 85% median error.
pub const MSE_RATIO: f64 = 10.0;

/// Among `(validation MSE, non-zero parameters)` candidates, those whose MSE is within `TIE` of
/// the lowest, or within `r2_slack` × `variance` of it (an R² within `r2_slack` of the best) and
/// at most `MSE_RATIO` times it, count as equal; of those the smallest wins, then the more
/// accurate, then the earliest.
pub fn pick(candidates: &[(f64, usize)], variance: f64, r2_slack: f64) -> usize {
    let best = candidates.iter().map(|c| c.0).fold(f64::INFINITY, f64::min);
    let limit = (best * (1.0 + TIE)).max((best + r2_slack * variance).min(best * MSE_RATIO));
    (0..candidates.len())
        .filter(|&k| candidates[k].0 <= limit)
        .min_by(|&a, &b| {
            let (x, y) = (candidates[a], candidates[b]);
            x.1.cmp(&y.1).then(x.0.total_cmp(&y.0)).then(a.cmp(&b))
        })
        .unwrap_or(0)
}

/// Which of a depth's finalists is its network: `pick` on their validation MSE and size.
pub(crate) fn pick_finalist(finalists: &[Finalist], variance: f64, r2_slack: f64) -> usize {
    pick(
        &finalists
            .iter()
            .map(|f| (f.valid.mse, f.network.stats().nonzero_params))
            .collect::<Vec<_>>(),
        variance,
        r2_slack,
    )
}

pub(crate) fn choose(results: &[DepthResult], variance: f64, r2_slack: f64, rows: usize) -> usize {
    pick(
        &within_rows(
            &results
                .iter()
                .map(|r| (r.valid.mse, r.stats.nonzero_params))
                .collect::<Vec<_>>(),
            rows,
        ),
        variance,
        r2_slack,
    )
}

/// A network with more non-zero parameters than training rows can pass through every row,
/// noise and all; it is chosen only when no candidate is within this many parameters per
/// training row (stackloss, 15 training rows: 257 parameters chosen on 3 validation rows,
/// test R² 0.22 where the linear model has 0.74; BENCHMARKS.md "Small tables").
pub const MAX_PARAMS_PER_ROW: f64 = 1.0;

/// Whether a network of `params` non-zero parameters may be chosen on `rows` training rows.
pub fn affordable(params: usize, rows: usize) -> bool {
    params as f64 <= rows as f64 * MAX_PARAMS_PER_ROW
}

/// `candidates` (validation MSE, non-zero parameters) with those `affordable` rules out made
/// unpickable (MSE ∞), unless that leaves none.
pub(crate) fn within_rows(candidates: &[(f64, usize)], rows: usize) -> Vec<(f64, usize)> {
    if !candidates.iter().any(|c| affordable(c.1, rows)) {
        return candidates.to_vec();
    }
    candidates
        .iter()
        .map(|&(mse, p)| {
            (
                if affordable(p, rows) {
                    mse
                } else {
                    f64::INFINITY
                },
                p,
            )
        })
        .collect()
}

pub(crate) fn variance(y: &[f64]) -> f64 {
    let n = y.len().max(1) as f64;
    let mean = y.iter().sum::<f64>() / n;
    y.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n
}

#[cfg(test)]
mod tests {
    use super::pick;

    #[test]
    fn pick_prefers_the_smallest_of_the_equally_good() {
        // Within 1% of the lowest MSE: the smaller network wins.
        assert_eq!(pick(&[(1.0, 50), (1.005, 20), (1.5, 5)], 0.0, 0.001), 1);
        // 2% worse is not equal when the R² slack is nothing...
        assert_eq!(pick(&[(1.0, 50), (1.02, 20)], 0.0, 0.001), 0);
        // ...but is when it costs less than 0.001 of R² (variance 100: slack 0.1 in MSE).
        assert_eq!(pick(&[(1.0, 50), (1.02, 20), (1.2, 5)], 100.0, 0.001), 1);
        // A larger slack lets the smallest win.
        assert_eq!(pick(&[(1.0, 50), (1.02, 20), (1.2, 5)], 100.0, 0.01), 2);
        // Equal size: the more accurate, then the earlier candidate.
        // Never more than MSE_RATIO times the lowest MSE, whatever the slack: a near-exact fit
        // is not traded for a merely good one.
        assert_eq!(pick(&[(1e-9, 6), (0.04, 5)], 10.0, 0.005), 0);
        assert_eq!(pick(&[(1.0, 50), (9.0, 20), (11.0, 5)], 1e4, 0.01), 1);
        assert_eq!(pick(&[(1.0, 7), (1.0, 7)], 0.0, 0.001), 0);
        assert_eq!(pick(&[(1.005, 7), (1.0, 7)], 0.0, 0.001), 1);
    }
}
