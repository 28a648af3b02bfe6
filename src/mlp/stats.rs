//! Counts that say how small a network is.
//! In: a network; out: non-zero weights and parameters, live neurons, widths, multiply-adds.

use super::Mlp;

/// Size figures of a network, as stored in a model file's `stats`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    /// Weights that are not zero.
    pub nonzero_weights: usize,
    /// Non-zero weights plus non-zero biases.
    pub nonzero_params: usize,
    /// Hidden neurons on an input-to-output path: those `compact` keeps.
    pub active_neurons: usize,
    /// Physical widths of the hidden layers.
    pub hidden_widths: Vec<usize>,
    /// Multiply-adds per row when only non-zero weights are evaluated (as `forward` does).
    pub multiply_adds: usize,
    /// Multiply-adds per row of a dense evaluation of the same layer shapes.
    pub dense_multiply_adds: usize,
}

impl Mlp {
    pub fn stats(&self) -> Stats {
        let nz = |v: &[f64]| v.iter().filter(|x| **x != 0.0).count();
        let nonzero_weights: usize = self.layers.iter().map(|l| nz(&l.weights)).sum();
        let nonzero_biases: usize = self.layers.iter().map(|l| nz(&l.biases)).sum();
        let live = self.liveness();
        Stats {
            nonzero_weights,
            nonzero_params: nonzero_weights + nonzero_biases,
            active_neurons: live.live.iter().flatten().filter(|x| **x).count(),
            hidden_widths: self.hidden_widths(),
            multiply_adds: nonzero_weights,
            dense_multiply_adds: self.layers.iter().map(|l| l.inputs * l.outputs).sum(),
        }
    }
}
