//! Choosing among equally good networks: the smallest of those whose validation error is
//! within a tie, or an R² slack, of the best (`pick`), or, where each row's error is known,
//! within one paired standard error too (`one_standard_error`), never one with more parameters
//! than training rows while a smaller one exists. In: (validation MSE, size) pairs or row
//! errors; out: the index chosen.

use super::result::Finalist;

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

/// Of candidates given by their squared errors on the same held-out rows and their sizes,
/// the smallest that is as good as the lowest-MSE one can be told apart from: its MSE is
/// above the lowest by at most one standard error of the row-by-row differences (paired, so
/// rows that are hard for every candidate do not widen it), or by `pick`'s tie and R² slack,
/// and never more than `MSE_RATIO` times it; only `allowed` ones count. Ties go to the lower
/// MSE, then the earlier.
pub(crate) fn one_standard_error(
    errors: &[Vec<f64>],
    sizes: &[usize],
    allowed: &[bool],
    var: f64,
    slack: f64,
) -> usize {
    let mean = |e: &[f64]| e.iter().sum::<f64>() / e.len().max(1) as f64;
    let mse: Vec<f64> = errors.iter().map(|e| mean(e)).collect();
    let best = (0..mse.len())
        .filter(|&j| allowed[j])
        .min_by(|&a, &b| mse[a].total_cmp(&mse[b]).then(a.cmp(&b)))
        .unwrap_or(0);
    let equal = |j: usize| {
        let diff: Vec<f64> = errors[j]
            .iter()
            .zip(&errors[best])
            .map(|(a, b)| a - b)
            .collect();
        let n = diff.len() as f64;
        let m = mean(&diff);
        let se = if n > 1.0 {
            (diff.iter().map(|d| (d - m) * (d - m)).sum::<f64>() / (n - 1.0) / n).sqrt()
        } else {
            0.0
        };
        let allowed = se.max(slack * var).max(TIE * mse[best]);
        mse[j] <= mse[best] + allowed && mse[j] <= mse[best] * MSE_RATIO
    };
    (0..mse.len())
        .filter(|&j| j == best || (allowed[j] && equal(j)))
        .min_by(|&a, &b| {
            sizes[a]
                .cmp(&sizes[b])
                .then(mse[a].total_cmp(&mse[b]))
                .then(a.cmp(&b))
        })
        .unwrap_or(best)
}

/// `one_standard_error` among candidates any of which may be chosen on `rows` training rows
/// when `affordable` allows it, or all of them when it allows none (as `within_rows`).
pub(crate) fn choose_paired(
    errors: &[Vec<f64>],
    sizes: &[usize],
    rows: usize,
    variance: f64,
    r2_slack: f64,
) -> usize {
    let allowed: Vec<bool> = if sizes.iter().any(|&p| affordable(p, rows)) {
        sizes.iter().map(|&p| affordable(p, rows)).collect()
    } else {
        vec![true; sizes.len()]
    };
    one_standard_error(errors, sizes, &allowed, variance, r2_slack)
}

pub(crate) fn variance(y: &[f64]) -> f64 {
    let n = y.len().max(1) as f64;
    let mean = y.iter().sum::<f64>() / n;
    y.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n
}

#[cfg(test)]
mod tests {
    use super::{one_standard_error, pick};

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

    #[test]
    fn the_smallest_candidate_within_a_paired_standard_error_wins() {
        // Candidate 1 is better than 0 on every row by a steady 0.1: told apart, it wins.
        let ok = [true, true];
        let rows = |f: &dyn Fn(usize) -> f64| (0..50).map(f).collect::<Vec<f64>>();
        let base = rows(&|i| 1.0 + (i % 7) as f64);
        let steady = rows(&|i| base[i] - 0.1);
        assert_eq!(
            one_standard_error(&[base.clone(), steady.clone()], &[3, 30], &ok, 10.0, 0.0),
            1
        );
        // The same mean gain from rows that swing ±2 around it: within the noise, the
        // smaller one stays.
        let noisy = rows(&|i| base[i] - if i % 2 == 0 { 2.1 } else { -1.9 });
        assert_eq!(
            one_standard_error(&[base.clone(), noisy], &[3, 30], &ok, 10.0, 0.0),
            0
        );
        // Equal sizes: the lower MSE.
        assert_eq!(
            one_standard_error(&[base.clone(), steady.clone()], &[5, 5], &ok, 10.0, 0.0),
            1
        );
        // A candidate not allowed (too many parameters for the rows) is never chosen.
        assert_eq!(
            one_standard_error(&[base, steady], &[3, 30], &[true, false], 10.0, 0.0),
            0
        );
    }
}
