//! The sparse network in plain Rust: layers of in×out weights, biases and per-neuron activations.
//! In: weights from a canvas, a teacher draw or a model file; out: predictions (`forward`),
//! a physically smaller equivalent network (`compact`) and its counts (`stats`).
//! Usable without the training stack.

mod activation;
mod compact;
mod forward;
mod json;
mod spread;
mod stats;

pub use activation::{Activation, ActivationSet, UnknownActivation, DEFAULT_LEAKY_SLOPE};
pub use json::{InputScaling, Model, ModelError, OutputScaling, FORMAT, VERSION};
pub use stats::Stats;

/// A structural problem with a network: shapes that do not chain, values that are not finite.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MlpError {
    #[error("a network needs at least one layer")]
    NoLayers,
    #[error("layer {layer}: {what}")]
    Layer { layer: usize, what: String },
    #[error("layer {layer} takes {expected} inputs but layer {prev} gives {found} outputs")]
    Chain {
        layer: usize,
        prev: usize,
        expected: usize,
        found: usize,
    },
    #[error("the output layer must be linear, but neuron {neuron} is {activation}")]
    OutputNotLinear {
        neuron: usize,
        activation: Activation,
    },
    #[error("input has {found} values, which is not a whole number of rows of {inputs} inputs")]
    InputShape { found: usize, inputs: usize },
}

/// One fully connected layer: `inputs × outputs` weights (row = source, column = target),
/// one bias and one activation per output neuron.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    inputs: usize,
    outputs: usize,
    weights: Vec<f64>,
    biases: Vec<f64>,
    activations: Vec<Activation>,
    leaky_slope: f64,
}

impl Layer {
    /// Builds a layer from row-major `inputs × outputs` weights. `biases` may be `None` (all zero).
    /// The `layer` number only labels errors. Errors on wrong lengths or non-finite values.
    pub fn new(
        inputs: usize,
        outputs: usize,
        weights: Vec<f64>,
        biases: Option<Vec<f64>>,
        activations: Vec<Activation>,
        leaky_slope: f64,
    ) -> Result<Layer, MlpError> {
        let biases = biases.unwrap_or_else(|| vec![0.0; outputs]);
        let fail = |what: String| Err(MlpError::Layer { layer: 0, what });
        if inputs == 0 {
            return fail("has no inputs".into());
        }
        if outputs == 0 {
            return fail("has no neurons".into());
        }
        if weights.len() != inputs * outputs {
            return fail(format!(
                "{} weights given for {inputs} inputs × {outputs} outputs",
                weights.len()
            ));
        }
        if biases.len() != outputs {
            return fail(format!("{} biases for {outputs} neurons", biases.len()));
        }
        if activations.len() != outputs {
            return fail(format!(
                "{} activations for {outputs} neurons",
                activations.len()
            ));
        }
        if let Some(k) = weights.iter().position(|w| !w.is_finite()) {
            return fail(format!(
                "weight [{}][{}] is not finite",
                k / outputs,
                k % outputs
            ));
        }
        if let Some(j) = biases.iter().position(|b| !b.is_finite()) {
            return fail(format!("bias [{j}] is not finite"));
        }
        if !leaky_slope.is_finite() {
            return fail("leaky_slope is not finite".into());
        }
        // The slope only matters to leaky-ReLU neurons; a fixed value elsewhere keeps equal
        // layers equal after a trip through a file that omits it.
        let leaky_slope = if activations.contains(&Activation::LeakyRelu) {
            leaky_slope
        } else {
            DEFAULT_LEAKY_SLOPE
        };
        Ok(Layer {
            inputs,
            outputs,
            weights,
            biases,
            activations,
            leaky_slope,
        })
    }

    pub fn inputs(&self) -> usize {
        self.inputs
    }
    pub fn outputs(&self) -> usize {
        self.outputs
    }
    /// Row-major `inputs × outputs` weights.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }
    /// The weight from source `i` to target `j`.
    pub fn weight(&self, i: usize, j: usize) -> f64 {
        self.weights[i * self.outputs + j]
    }
    pub fn biases(&self) -> &[f64] {
        &self.biases
    }
    pub fn activations(&self) -> &[Activation] {
        &self.activations
    }
    pub fn leaky_slope(&self) -> f64 {
        self.leaky_slope
    }
    /// True when any neuron uses leaky-ReLU, so the slope matters.
    pub fn uses_leaky_slope(&self) -> bool {
        self.activations.contains(&Activation::LeakyRelu)
    }
}

/// A multilayer perceptron: hidden layers with any activations, then a linear output layer.
#[derive(Debug, Clone, PartialEq)]
pub struct Mlp {
    layers: Vec<Layer>,
}

impl Mlp {
    /// Checks that the layers chain (each takes the previous one's outputs) and that the last
    /// layer is linear.
    pub fn new(layers: Vec<Layer>) -> Result<Mlp, MlpError> {
        let last = layers.last().ok_or(MlpError::NoLayers)?;
        for k in 1..layers.len() {
            if layers[k].inputs != layers[k - 1].outputs {
                return Err(MlpError::Chain {
                    layer: k + 1,
                    prev: k,
                    expected: layers[k].inputs,
                    found: layers[k - 1].outputs,
                });
            }
        }
        if let Some(neuron) = last
            .activations
            .iter()
            .position(|a| *a != Activation::Linear)
        {
            return Err(MlpError::OutputNotLinear {
                neuron,
                activation: last.activations[neuron],
            });
        }
        Ok(Mlp { layers })
    }

    /// A network that outputs `values` whatever its `inputs` inputs are: one linear layer with
    /// zero weights. This is what a network with no input-to-output path compacts to.
    pub fn constant(inputs: usize, values: &[f64]) -> Result<Mlp, MlpError> {
        let layer = Layer::new(
            inputs,
            values.len(),
            vec![0.0; inputs * values.len()],
            Some(values.to_vec()),
            vec![Activation::Linear; values.len()],
            DEFAULT_LEAKY_SLOPE,
        )
        .map_err(|e| relabel(e, 1))?;
        Mlp::new(vec![layer])
    }

    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }
    pub fn inputs(&self) -> usize {
        self.layers[0].inputs
    }
    pub fn outputs(&self) -> usize {
        self.layers[self.layers.len() - 1].outputs
    }
    /// Number of hidden layers.
    pub fn depth(&self) -> usize {
        self.layers.len() - 1
    }
    /// Physical widths of the hidden layers (including neurons that may be dead).
    pub fn hidden_widths(&self) -> Vec<usize> {
        self.layers[..self.depth()]
            .iter()
            .map(|l| l.outputs)
            .collect()
    }
}

/// Gives a layer-level error the layer's 1-based position.
pub(crate) fn relabel(e: MlpError, layer: usize) -> MlpError {
    match e {
        MlpError::Layer { what, .. } => MlpError::Layer { layer, what },
        other => other,
    }
}

#[cfg(test)]
pub(crate) mod tests;
