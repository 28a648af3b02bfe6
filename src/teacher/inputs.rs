//! Input sets teachers are run on.
//! Out: row-major `rows × d` points — the paper's regular grid, or uniform random points.

use super::TeacherRng;
use rand::RngExt;

/// All points of `linspace(-1, 1, per_axis)^d`, first input varying slowest (numpy's
/// `meshgrid(indexing="ij")` then flatten, as in the paper). With d = 3 and 10 per axis this is
/// the paper's 1000-point probe set.
pub fn grid(d: usize, per_axis: usize) -> Vec<f64> {
    let axis: Vec<f64> = match per_axis {
        0 => Vec::new(),
        1 => vec![-1.0],
        n => (0..n)
            .map(|k| -1.0 + 2.0 * k as f64 / (n - 1) as f64)
            .collect(),
    };
    let rows = per_axis.pow(d as u32);
    let mut out = Vec::with_capacity(rows * d);
    for r in 0..rows {
        for c in 0..d {
            let stride = per_axis.pow((d - 1 - c) as u32);
            out.push(axis[(r / stride) % per_axis]);
        }
    }
    out
}

/// `rows` points with every coordinate uniform in [−1, 1).
pub fn uniform_points(rng: &mut TeacherRng, rows: usize, d: usize) -> Vec<f64> {
    (0..rows * d).map(|_| rng.random_range(-1.0..1.0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_grid_order_and_values() {
        let g = grid(3, 10);
        assert_eq!(g.len(), 3000);
        assert_eq!(&g[..3], &[-1.0, -1.0, -1.0]);
        // Third input varies fastest.
        assert!((g[3 + 2] - (-1.0 + 2.0 / 9.0)).abs() < 1e-15);
        assert_eq!(g[3], -1.0);
        assert_eq!(&g[2997..], &[1.0, 1.0, 1.0]);
        // First input changes every 100 rows.
        assert_eq!(g[99 * 3], -1.0);
        assert!((g[100 * 3] - (-1.0 + 2.0 / 9.0)).abs() < 1e-15);
    }

    #[test]
    fn uniform_points_in_range_and_seeded() {
        let a = uniform_points(&mut crate::teacher::rng(3), 500, 2);
        let b = uniform_points(&mut crate::teacher::rng(3), 500, 2);
        assert_eq!(a, b);
        assert!(a.iter().all(|v| (-1.0..1.0).contains(v)));
        let mean = a.iter().sum::<f64>() / a.len() as f64;
        assert!(mean.abs() < 0.1, "mean {mean}");
    }
}
