//! A network of a few inputs read as one of more: its inputs placed among others it does not
//! use (a fit on screened columns, as a model of the whole table). In: a network and where
//! each of its inputs sits; out: the same function of the wider input.

use super::{Layer, Mlp};

impl Mlp {
    /// The network on `total` inputs, its own input `i` at position `at[i]`; the other inputs
    /// get zero weights. `at` must be as long as the network's inputs, within `total` and
    /// without repeats (it panics otherwise: callers build it from their own column choice).
    pub fn spread_inputs(&self, at: &[usize], total: usize) -> Mlp {
        let first = &self.layers[0];
        assert_eq!(at.len(), first.inputs, "one position per input");
        let o = first.outputs;
        let mut weights = vec![0.0; total * o];
        for (i, &p) in at.iter().enumerate() {
            assert!(p < total, "position {p} of {total} inputs");
            weights[p * o..(p + 1) * o].copy_from_slice(&first.weights[i * o..(i + 1) * o]);
        }
        let mut layers = self.layers.clone();
        layers[0] = Layer {
            inputs: total,
            weights,
            ..first.clone()
        };
        Mlp::new(layers).expect("only the first layer's inputs changed")
    }
}

#[cfg(test)]
mod tests {
    use crate::mlp::{Activation, Layer, Mlp, DEFAULT_LEAKY_SLOPE};

    #[test]
    fn spread_network_computes_the_same_function_and_uses_only_its_inputs() {
        let hidden = Layer::new(
            2,
            2,
            vec![0.5, -1.0, 2.0, 0.25],
            Some(vec![0.1, -0.2]),
            vec![Activation::Sigmoid; 2],
            DEFAULT_LEAKY_SLOPE,
        )
        .unwrap();
        let out = Layer::new(
            2,
            1,
            vec![1.5, -0.5],
            Some(vec![0.3]),
            vec![Activation::Linear],
            DEFAULT_LEAKY_SLOPE,
        )
        .unwrap();
        let net = Mlp::new(vec![hidden, out]).unwrap();
        let wide = net.spread_inputs(&[3, 1], 5);
        assert_eq!(wide.inputs(), 5);
        assert_eq!(wide.used_inputs(), [false, true, false, true, false]);
        assert_eq!(wide.stats().nonzero_params, net.stats().nonzero_params);
        let (a, b) = (0.7, -0.4);
        let narrow = net.forward(&[a, b]).unwrap();
        let spread = wide.forward(&[9.0, b, -3.0, a, 4.0]).unwrap();
        assert_eq!(narrow, spread);
    }
}
