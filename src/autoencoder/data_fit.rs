//! A sparse network's fit to data rows through the fused kernel: the mean squared error of a
//! batch of same-depth canvases and its gradient, parallel over networks and row chunks. The
//! latent search, the fine-tune and sparsifying all step on it.
//! In: canvases `[K, R, C]` and the data's row chunks; out: each network's MSE and d MSE / d canvas.

use super::batch::Geometry;
pub use super::chunks::DataChunks;
use super::functional::MaskMode;
use super::kernel::{backward, forward, MAX_ROWS};
use rayon::prelude::*;

/// The data fit of a batch of same-depth networks (restarts of a latent search).
#[derive(Debug, Clone)]
pub struct DataFit {
    /// `[K]`: each network's mean squared error over the rows.
    pub mse: Vec<f32>,
    /// `[K, R, C]`: d (Σ_k mse_k) / d canvas.
    pub grads: Vec<f32>,
}

/// Mean squared error of each depth-`depth` network on `canvases` (`[K, R, C]`, mask columns as
/// logits) over all rows of `data`, without gradients; parallel over networks and row chunks.
pub fn data_mse(
    geometry: &Geometry,
    depth: usize,
    canvases: &[f32],
    data: &DataChunks,
    masks: MaskMode,
) -> Vec<f32> {
    over_chunks(geometry, depth, canvases, data, masks, Wanted::Nothing).mse
}

/// The outputs of one depth-`depth` network (`canvas`, mask columns as logits) on every row of
/// `data`, in row order.
pub fn outputs(geometry: &Geometry, depth: usize, canvas: &[f32], data: &DataChunks) -> Vec<f32> {
    let spec = geometry.spec(depth);
    (0..data.chunks())
        .into_par_iter()
        .map(|c| {
            let (cols, y) = data.chunk(c);
            forward(geometry, &spec, canvas, cols, y, 1.0, MaskMode::Hard, true).out
        })
        .collect::<Vec<_>>()
        .concat()
}

/// Mean squared error of each depth-`depth` network on `canvases` (`[K, R, C]`, mask columns as
/// logits) over all rows of `data`, and its gradient; parallel over networks and row chunks.
pub fn data_fit(
    geometry: &Geometry,
    depth: usize,
    canvases: &[f32],
    data: &DataChunks,
    masks: MaskMode,
) -> DataFit {
    over_chunks(geometry, depth, canvases, data, masks, Wanted::Every)
}

/// `data_fit` with hard masks for callers that never move an entry that is exactly zero (the
/// fine-tune and sparsifying of a fixed pattern): those entries get gradient 0, and neurons
/// with no path of non-zero weights to the output are skipped, which makes a pruned
/// network's step several times cheaper. Every non-zero entry's gradient is `data_fit`'s.
pub fn data_fit_live(
    geometry: &Geometry,
    depth: usize,
    canvases: &[f32],
    data: &DataChunks,
) -> DataFit {
    over_chunks(
        geometry,
        depth,
        canvases,
        data,
        MaskMode::Hard,
        Wanted::Live,
    )
}

/// Which gradient `over_chunks` computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wanted {
    /// None: the errors alone.
    Nothing,
    /// Every entry's.
    Every,
    /// The non-zero entries' (see `data_fit_live`).
    Live,
}

/// Every (network, chunk) pair as one parallel task; the gradient as `wanted` says (`grads`
/// is empty for `Wanted::Nothing`).
fn over_chunks(
    geometry: &Geometry,
    depth: usize,
    canvases: &[f32],
    data: &DataChunks,
    masks: MaskMode,
    wanted: Wanted,
) -> DataFit {
    let grad = wanted != Wanted::Nothing;
    assert!(
        geometry.rows <= MAX_ROWS,
        "too many canvas rows for the fused kernel"
    );
    let spec = geometry.spec(depth);
    let size = spec.rows * spec.cols();
    let k = canvases.len() / size;
    let scale = 2.0 / data.rows as f32;
    let parts: Vec<(usize, f32, Vec<f32>)> = (0..k)
        .flat_map(|n| (0..data.chunks()).map(move |c| (n, c)))
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(n, c)| {
            let canvas = &canvases[n * size..(n + 1) * size];
            let (cols, y) = data.chunk(c);
            let skip = wanted != Wanted::Every;
            let pass = forward(geometry, &spec, canvas, cols, y, 1.0, masks, skip);
            let g = if grad {
                backward(geometry, &spec, cols, y, scale, &pass, masks)
            } else {
                Vec::new()
            };
            (n, pass.sse, g)
        })
        .collect();
    let mut mse = vec![0.0f32; k];
    let mut grads = vec![0.0f32; if grad { k * size } else { 0 }];
    for (n, sse, g) in parts {
        mse[n] += sse / data.rows as f32;
        if grad {
            for (a, b) in grads[n * size..(n + 1) * size].iter_mut().zip(&g) {
                *a += b;
            }
        }
    }
    DataFit { mse, grads }
}
