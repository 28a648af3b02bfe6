//! Compaction: the physically smallest network that computes the same function.
//! In: any network; out: a network holding only neurons on an input-to-output path, with the
//! constant outputs of input-free neurons folded into the next layer's biases.

use super::{relabel, Layer, Mlp};

/// Which hidden neurons matter, and what the input-free ones output.
pub(crate) struct Liveness {
    /// Per hidden layer: does a path of non-zero weights reach this neuron from an input?
    pub from_input: Vec<Vec<bool>>,
    /// Per hidden layer: is the neuron on an input-to-output path (kept by `compact`)?
    pub live: Vec<Vec<bool>>,
    /// Per layer (hidden and output): the constant output of neurons not reached from an input.
    pub constant: Vec<Vec<f64>>,
}

impl Mlp {
    /// Per input: whether a path of non-zero weights leads from it to the output. A pruned
    /// network often leaves inputs out; that is feature selection, and users want to see it.
    pub fn used_inputs(&self) -> Vec<bool> {
        let first = &self.layers[0];
        let live = self.liveness();
        (0..first.inputs)
            .map(|i| {
                (0..first.outputs)
                    .any(|j| first.weight(i, j) != 0.0 && (self.depth() == 0 || live.live[0][j]))
            })
            .collect()
    }

    pub(crate) fn liveness(&self) -> Liveness {
        let n = self.layers.len();
        let mut from_input: Vec<Vec<bool>> = Vec::with_capacity(n);
        let mut constant: Vec<Vec<f64>> = Vec::with_capacity(n);
        for (k, l) in self.layers.iter().enumerate() {
            let src_reached = |i: usize| k == 0 || from_input[k - 1][i];
            let mut reached = vec![false; l.outputs];
            let mut value = vec![0.0; l.outputs];
            for j in 0..l.outputs {
                reached[j] = (0..l.inputs).any(|i| l.weight(i, j) != 0.0 && src_reached(i));
                if !reached[j] {
                    // Every non-zero weight into j comes from a constant neuron.
                    let pre = l.biases[j]
                        + (0..l.inputs)
                            .filter(|&i| l.weight(i, j) != 0.0)
                            .map(|i| constant[k - 1][i] * l.weight(i, j))
                            .sum::<f64>();
                    value[j] = l.activations[j].apply(pre, l.leaky_slope);
                }
            }
            from_input.push(reached);
            constant.push(value);
        }
        // Backwards: a neuron is live when it is reached from an input and feeds a live neuron
        // (the output neurons count as live).
        let depth = n - 1;
        let mut live: Vec<Vec<bool>> = vec![Vec::new(); depth];
        for k in (0..depth).rev() {
            let next = &self.layers[k + 1];
            live[k] = (0..self.layers[k].outputs)
                .map(|i| {
                    from_input[k][i]
                        && (0..next.outputs)
                            .any(|j| next.weight(i, j) != 0.0 && (k + 1 == depth || live[k + 1][j]))
                })
                .collect();
        }
        from_input.truncate(depth);
        Liveness {
            from_input,
            live,
            constant,
        }
    }

    /// Removes every hidden neuron with no path from an input or to the output, with all weights
    /// into or out of it. A neuron no input reaches outputs a constant; its contribution moves
    /// into the biases of the neurons it feeds, so the function is unchanged. A network with no
    /// input-to-output path becomes a single linear layer of zero weights and the constant output.
    pub fn compact(&self) -> Mlp {
        let live = self.liveness();
        let depth = self.depth();
        let out_layer = &self.layers[depth];
        if live.live.iter().any(|l| !l.contains(&true)) {
            // Nothing reaches the output from an input, so every output neuron is constant.
            return Mlp::constant(self.inputs(), &live.constant[depth])
                .expect("a constant network built from a valid network is valid");
        }
        let kept: Vec<Vec<usize>> = (0..=depth)
            .map(|k| match k {
                _ if k == depth => (0..out_layer.outputs).collect(),
                _ => (0..self.layers[k].outputs)
                    .filter(|&i| live.live[k][i])
                    .collect(),
            })
            .collect();
        let mut layers = Vec::with_capacity(depth + 1);
        for (k, l) in self.layers.iter().enumerate() {
            let rows: Vec<usize> = if k == 0 {
                (0..l.inputs).collect()
            } else {
                kept[k - 1].clone()
            };
            let cols = &kept[k];
            let weights: Vec<f64> = rows
                .iter()
                .flat_map(|&i| cols.iter().map(move |&j| l.weight(i, j)))
                .collect();
            let biases: Vec<f64> = cols
                .iter()
                .map(|&j| {
                    let folded: f64 = if k == 0 {
                        0.0
                    } else {
                        (0..l.inputs)
                            .filter(|&i| !live.from_input[k - 1][i] && l.weight(i, j) != 0.0)
                            .map(|i| live.constant[k - 1][i] * l.weight(i, j))
                            .sum()
                    };
                    l.biases[j] + folded
                })
                .collect();
            let activations = cols.iter().map(|&j| l.activations[j]).collect();
            let layer = Layer::new(
                rows.len(),
                cols.len(),
                weights,
                Some(biases),
                activations,
                l.leaky_slope,
            )
            .map_err(|e| relabel(e, k + 1))
            .expect("a sub-network of a valid network is valid");
            layers.push(layer);
        }
        Mlp::new(layers).expect("a sub-network of a valid network chains")
    }
}
