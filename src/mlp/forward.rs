//! Batched forward pass of the sparse network.
//! In: row-major `rows × inputs` values (f32 or f64); out: row-major `rows × outputs` predictions.

use super::{Mlp, MlpError};
use num_traits::Float;
use rayon::prelude::*;

/// Rows per parallel task: big enough that thread hand-off costs little next to the arithmetic.
const CHUNK_ROWS: usize = 2048;

impl Mlp {
    /// Runs the network on every row of `x` (row-major, `inputs()` values per row).
    /// Computes in `T`; weights are converted to `T` once per call.
    pub fn forward<T: Float + Send + Sync>(&self, x: &[T]) -> Result<Vec<T>, MlpError> {
        let d = self.inputs();
        if x.len() % d != 0 {
            return Err(MlpError::InputShape {
                found: x.len(),
                inputs: d,
            });
        }
        let rows = x.len() / d;
        let layers = self.typed_layers::<T>();
        let widest = self
            .layers
            .iter()
            .map(|l| l.outputs)
            .max()
            .unwrap_or(1)
            .max(d);
        let out_w = self.outputs();
        let mut out = vec![T::zero(); rows * out_w];
        out.par_chunks_mut(CHUNK_ROWS * out_w)
            .zip(x.par_chunks(CHUNK_ROWS * d))
            .for_each(|(o, xi)| {
                let mut a = vec![T::zero(); widest];
                let mut b = vec![T::zero(); widest];
                for (row_in, row_out) in xi.chunks_exact(d).zip(o.chunks_exact_mut(out_w)) {
                    a[..d].copy_from_slice(row_in);
                    for l in &layers {
                        l.apply(&a[..l.inputs], &mut b[..l.outputs]);
                        std::mem::swap(&mut a, &mut b);
                    }
                    row_out.copy_from_slice(&a[..out_w]);
                }
            });
        Ok(out)
    }

    /// Runs the network on one row.
    pub fn forward_row(&self, x: &[f64]) -> Result<Vec<f64>, MlpError> {
        if x.len() != self.inputs() {
            return Err(MlpError::InputShape {
                found: x.len(),
                inputs: self.inputs(),
            });
        }
        self.forward(x)
    }

    fn typed_layers<T: Float>(&self) -> Vec<TypedLayer<T>> {
        let cast = |v: f64| T::from(v).unwrap_or_else(T::nan);
        self.layers
            .iter()
            .map(|l| TypedLayer {
                inputs: l.inputs,
                outputs: l.outputs,
                // Only non-zero weights are visited, so a sparse network costs its live edges.
                edges: (0..l.outputs)
                    .map(|j| {
                        (0..l.inputs)
                            .filter(|&i| l.weight(i, j) != 0.0)
                            .map(|i| (i, cast(l.weight(i, j))))
                            .collect()
                    })
                    .collect(),
                biases: l.biases.iter().map(|&b| cast(b)).collect(),
                activations: l.activations.clone(),
                slope: cast(l.leaky_slope),
            })
            .collect()
    }
}

struct TypedLayer<T> {
    inputs: usize,
    outputs: usize,
    /// Per target neuron, its incoming (source, weight) pairs.
    edges: Vec<Vec<(usize, T)>>,
    biases: Vec<T>,
    activations: Vec<super::Activation>,
    slope: T,
}

impl<T: Float> TypedLayer<T> {
    #[inline]
    fn apply(&self, x: &[T], y: &mut [T]) {
        for (j, yj) in y.iter_mut().enumerate() {
            let mut s = self.biases[j];
            for &(i, w) in &self.edges[j] {
                s = s + x[i] * w;
            }
            *yj = self.activations[j].apply(s, self.slope);
        }
    }
}
