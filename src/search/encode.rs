//! Starts encoded from the data (`--latent-init encode`): the data's function is estimated at
//! the autoencoder's probe points by nearest-neighbour averaging over the scaled training rows,
//! then read by an encoder of functions into latent codes where the search begins.
//! In: scaled rows and the probe points; out: codes `[restarts, latent]`.

use crate::autoencoder::step::to_host;
use crate::autoencoder::{Autoencoder, Geometry};
use burn::tensor::{Device, Tensor, TensorData};
use rayon::prelude::*;

/// Neighbours averaged for each restart in turn: the first a moderate smoother, then a sharper
/// and two smoother estimates, so the restarts begin at different readings of noisy data.
pub const NEIGHBOURS: [usize; 4] = [8, 3, 20, 50];

/// The data's function at every probe point, once per neighbour count in `ks`: the mean target
/// of the `k` training rows nearest to the point over the data's own `d` inputs (the probe's
/// other inputs are canvas padding, which the data never varies). `x` is row-major with
/// `stride ≥ d` columns, `probe` row-major with `probe_inputs ≥ d` columns. Returns one
/// `[P]` vector per entry of `ks` (each `k` capped at the number of rows).
pub fn probe_estimates(
    x: &[f32],
    y: &[f32],
    stride: usize,
    d: usize,
    probe: &[f64],
    probe_inputs: usize,
    ks: &[usize],
) -> Vec<Vec<f64>> {
    let n = y.len();
    let points = probe.len() / probe_inputs.max(1);
    if n == 0 || ks.is_empty() {
        return vec![vec![0.0; points]; ks.len()];
    }
    let kmax = ks.iter().copied().max().unwrap_or(1).clamp(1, n);
    let per_point: Vec<Vec<f64>> = (0..points)
        .into_par_iter()
        .map(|p| {
            let q = &probe[p * probe_inputs..p * probe_inputs + d];
            let mut dist: Vec<(f32, u32)> = (0..n)
                .map(|r| {
                    let row = &x[r * stride..r * stride + d];
                    let s: f32 = row
                        .iter()
                        .zip(q)
                        .map(|(a, b)| (a - *b as f32) * (a - *b as f32))
                        .sum();
                    (s, r as u32)
                })
                .collect();
            if kmax < n {
                dist.select_nth_unstable_by(kmax - 1, |a, b| a.0.total_cmp(&b.0));
                dist.truncate(kmax);
            }
            dist.sort_by(|a, b| a.0.total_cmp(&b.0));
            ks.iter()
                .map(|&k| {
                    let k = k.clamp(1, kmax);
                    dist[..k]
                        .iter()
                        .map(|&(_, r)| f64::from(y[r as usize]))
                        .sum::<f64>()
                        / k as f64
                })
                .collect()
        })
        .collect();
    (0..ks.len())
        .map(|j| per_point.iter().map(|v| v[j]).collect())
        .collect()
}

/// Latent codes of the data for `restarts` starts: restart `r` encodes the estimate with
/// `NEIGHBOURS[r % 4]` neighbours. `ae` must read functions; `probe` is the points it was
/// trained on (row-major, `geometry.inputs` columns).
#[allow(clippy::too_many_arguments)]
pub fn encoded_codes(
    ae: &Autoencoder,
    geometry: &Geometry,
    probe: &[f64],
    x: &[f32],
    y: &[f32],
    d: usize,
    restarts: usize,
) -> Vec<f32> {
    let ks: Vec<usize> = (0..restarts)
        .map(|r| NEIGHBOURS[r % NEIGHBOURS.len()])
        .collect();
    let est = probe_estimates(x, y, geometry.inputs, d, probe, geometry.inputs, &ks);
    encode_values(ae, geometry, &est)
}

/// The codes of functions given by their values at the probe points, `[n, latent]` row-major.
pub fn encode_values(ae: &Autoencoder, geometry: &Geometry, values: &[Vec<f64>]) -> Vec<f32> {
    let n = values.len();
    if n == 0 {
        return Vec::new();
    }
    let points = values[0].len();
    // The autoencoder's weights live on the autodiff device.
    let dev = Device::flex().autodiff();
    let flat: Vec<f32> = values.iter().flatten().map(|v| *v as f32).collect();
    let v = Tensor::<2>::from_data(TensorData::new(flat, [n, points]), &dev);
    let canvases = Tensor::<3>::zeros([n, geometry.rows, geometry.max_cols()], &dev);
    to_host(ae.encode(geometry, canvases, &[(1, 0, n)], v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_neighbours_average_the_closest_rows_over_the_data_inputs() {
        // Two inputs of data, three probe inputs: the third probe column must not matter.
        let x = [0.0f32, 0.0, 1.0, 1.0, -1.0, -1.0, 0.9, 0.9];
        let y = [0.0f32, 10.0, -10.0, 12.0];
        let probe = [0.95, 0.95, -1.0, 0.0, 0.1, 1.0, -0.9, -0.9, 0.3];
        let est = probe_estimates(&x, &y, 2, 2, &probe, 3, &[1, 2, 99]);
        assert_eq!(est[0], vec![10.0, 0.0, -10.0]);
        assert_eq!(est[1], vec![11.0, 6.0, -5.0]);
        // k beyond the rows is every row.
        assert_eq!(est[2], vec![3.0; 3]);
    }

    #[test]
    fn estimates_follow_a_smooth_function() {
        let mut rng = crate::teacher::rng(3);
        let xs = crate::teacher::uniform_points(&mut rng, 2000, 2);
        let x: Vec<f32> = xs.iter().map(|v| *v as f32).collect();
        let f = |a: f64, b: f64| a * a - 0.5 * b;
        let y: Vec<f32> = xs.chunks(2).map(|r| f(r[0], r[1]) as f32).collect();
        let probe = crate::teacher::grid(2, 7);
        let est = probe_estimates(&x, &y, 2, 2, &probe, 2, &[8]);
        let worst = probe
            .chunks(2)
            .zip(&est[0])
            .map(|(p, e)| (f(p[0], p[1]) - e).abs())
            .fold(0.0, f64::max);
        assert!(worst < 0.25, "largest error {worst}");
    }
}
