//! Reconstruction quality on a fixed held-out set of teachers: how well the best decoder
//! reproduces each teacher's function on the probe grid.
//! In: decoded canvases for the held-out teachers; out: the paper's MPE, relative MSE and R².

use super::batch::Geometry;
use crate::canvas::Canvas;
use crate::metrics::median;
use serde::{Deserialize, Serialize};

/// A teacher counts as non-flat when its output variance is at least this share of its mean
/// square; R² is reported over non-flat teachers only (R² of a near-constant is meaningless).
pub const NON_FLAT: f64 = 0.05;

/// Held-out figures after some training.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValidReport {
    pub teachers: usize,
    /// Median over teachers of MSE / mean square of the teacher's outputs (best decoder).
    pub median_relative_mse: f64,
    /// The paper's MPE: mean over teachers of the median over points of |pred − y| / |y|.
    pub mpe: f64,
    pub non_flat: usize,
    /// Median R² between teacher and best decoded outputs, over non-flat teachers.
    pub median_r2_non_flat: f64,
    /// Share of non-flat teachers with R² ≥ 0.9.
    pub share_r2_ge_0_9: f64,
}

/// Scores decoded canvases against teachers. `decoded[k]` holds depth `k + 1`'s canvases
/// `[B, R, C]` (mask columns as logits); `targets` `[B, P]`; `probe` `[P, d]`.
pub fn score(
    geometry: &Geometry,
    decoded: &[Vec<f32>],
    probe: &[f64],
    targets: &[f32],
) -> ValidReport {
    let points = probe.len() / geometry.inputs;
    let b = targets.len() / points;
    let mut rel = Vec::with_capacity(b);
    let mut mpes = Vec::with_capacity(b);
    let mut r2 = Vec::new();
    for n in 0..b {
        let y: Vec<f64> = targets[n * points..(n + 1) * points]
            .iter()
            .map(|v| f64::from(*v))
            .collect();
        let mut best: Option<(f64, Vec<f64>)> = None;
        for (k, all) in decoded.iter().enumerate() {
            let spec = geometry.spec(k + 1);
            let size = spec.rows * spec.cols();
            let canvas = Canvas::from_decoder_output(spec, all[n * size..(n + 1) * size].to_vec());
            let Ok(canvas) = canvas else {
                continue; // a non-finite decoder output never wins
            };
            let out = canvas
                .decode()
                .forward(probe)
                .expect("probe has the canvas inputs");
            let sse: f64 = out.iter().zip(&y).map(|(o, t)| (o - t) * (o - t)).sum();
            if best.as_ref().is_none_or(|(e, _)| sse < *e) {
                best = Some((sse, out));
            }
        }
        let n_f = points as f64;
        let mean = y.iter().sum::<f64>() / n_f;
        let ms = y.iter().map(|v| v * v).sum::<f64>() / n_f;
        let sst: f64 = y.iter().map(|v| (v - mean) * (v - mean)).sum();
        let Some((sse, out)) = best else {
            rel.push(f64::INFINITY);
            mpes.push(f64::INFINITY);
            continue;
        };
        rel.push(sse / n_f / ms.max(1e-12));
        let pe: Vec<f64> = out
            .iter()
            .zip(&y)
            .map(|(o, t)| (o - t).abs() / t.abs().max(1e-12))
            .collect();
        mpes.push(median(pe));
        if sst / n_f >= NON_FLAT * ms {
            r2.push(1.0 - sse / sst);
        }
    }
    let non_flat = r2.len();
    let share = r2.iter().filter(|v| **v >= 0.9).count() as f64 / non_flat.max(1) as f64;
    ValidReport {
        teachers: b,
        median_relative_mse: median(rel),
        mpe: mpes.iter().sum::<f64>() / b as f64,
        non_flat,
        median_r2_non_flat: median(r2),
        share_r2_ge_0_9: share,
    }
}
