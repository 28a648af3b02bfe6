//! Networks as matrices: the fixed-height "canvas" the autoencoder reads and writes.
//! In: a network (`encode`) or a matrix from a decoder (`decode`); out: the other one.
//!
//! Layout (the 2024 paper's, generalised): `R` rows; one block per weight layer in in×out
//! orientation (row = source, column = target), `R` columns wide for hidden layers and 1 for
//! the output; optionally a bias column after each block (row `j` holds target `j`'s bias; the
//! output's bias is in row 0); optionally, after each hidden block, one column per activation
//! choice (a one-hot per neuron row: its activation, SWAT-NN style); then one mask column per
//! hidden layer (1 in row `i` when hidden neuron `i` exists). The `d` inputs sit centred in the
//! first block, rows `(R-d)/2 ..`.
//! With R = 7, d = 3 and no biases a depth-L canvas is 7 × (8L + 1): 7×9, 7×17, 7×25, 7×33.

use crate::mlp::{Activation, ActivationSet, Layer, Mlp};

/// A mask entry at or above this value marks a neuron as present (the decoder's binarisation).
pub const MASK_THRESHOLD: f32 = 0.5;

/// What a canvas is, without its numbers: height, inputs, depth, biases, hidden activation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CanvasSpec {
    /// `R`: the widest hidden layer a canvas can hold, and its number of rows.
    pub rows: usize,
    /// `d`: number of network inputs, at most `rows`.
    pub inputs: usize,
    /// `L`: number of hidden layers, at least 1.
    pub depth: usize,
    /// Whether each block is followed by a bias column.
    pub bias: bool,
    /// The one activation of every hidden neuron when `choices` has fewer than two members
    /// (the 2024 canvas does not record activations).
    pub activation: Activation,
    /// Per-neuron activation choices, recorded as one-hot columns when there are two or more.
    pub choices: ActivationSet,
    pub leaky_slope: f64,
}

/// Why a network cannot go on a canvas, or a canvas shape is impossible.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CanvasError {
    #[error("a canvas needs {0}")]
    Spec(String),
    #[error("the network does not fit the canvas: {0}")]
    DoesNotFit(String),
    #[error("canvas data has {found} values; a {rows}×{cols} canvas has {expected}")]
    DataLength {
        found: usize,
        rows: usize,
        cols: usize,
        expected: usize,
    },
    #[error("canvas value at row {row}, column {col} is not finite")]
    NonFinite { row: usize, col: usize },
}

impl CanvasSpec {
    /// The 2024 paper's canvas: R = 7, 3 inputs, no biases.
    pub fn paper(depth: usize, activation: Activation, leaky_slope: f64) -> CanvasSpec {
        CanvasSpec {
            rows: 7,
            inputs: 3,
            depth,
            bias: false,
            activation,
            choices: ActivationSet::NONE,
            leaky_slope,
        }
    }

    /// Number of one-hot activation columns after each hidden block (0 or `choices.len()`).
    pub fn choice_cols(&self) -> usize {
        if self.choices.len() >= 2 {
            self.choices.len()
        } else {
            0
        }
    }

    /// The activations a hidden neuron may have on this canvas.
    pub fn allowed(&self) -> Vec<Activation> {
        if self.choice_cols() > 0 {
            self.choices.list()
        } else {
            vec![self.activation]
        }
    }

    /// Width of hidden block `l`'s group of columns: weights, bias, activation choices.
    fn hidden_stride(&self) -> usize {
        self.rows + usize::from(self.bias) + self.choice_cols()
    }

    pub fn validate(&self) -> Result<(), CanvasError> {
        let fail = |s: String| Err(CanvasError::Spec(s));
        if self.rows == 0 {
            return fail("at least one row".into());
        }
        if self.inputs == 0 || self.inputs > self.rows {
            return fail(format!(
                "between 1 and {} inputs (its row count), not {}",
                self.rows, self.inputs
            ));
        }
        if self.depth == 0 {
            return fail("at least one hidden layer".into());
        }
        Ok(())
    }

    /// Number of columns: weight blocks, bias columns, activation columns, mask columns.
    pub fn cols(&self) -> usize {
        self.depth * self.hidden_stride() + 1 + usize::from(self.bias) + self.depth
    }

    /// First row of the inputs in block 0.
    pub fn input_offset(&self) -> usize {
        (self.rows - self.inputs) / 2
    }

    /// First column of weight block `l` (0 ..= depth; block `depth` is the output block).
    pub fn block_col(&self, l: usize) -> usize {
        l * self.hidden_stride()
    }

    /// Column holding the biases of block `l`'s targets, when the canvas has biases.
    pub fn bias_col(&self, l: usize) -> Option<usize> {
        let width = if l == self.depth { 1 } else { self.rows };
        self.bias.then(|| self.block_col(l) + width)
    }

    /// Column of hidden layer `l`'s one-hot for its `c`-th activation choice.
    pub fn choice_col(&self, l: usize, c: usize) -> usize {
        self.block_col(l) + self.rows + usize::from(self.bias) + c
    }

    /// Activation of hidden neuron `row` of layer `l`, reading canvas values with `get(row,
    /// col)`: the choice with the largest one-hot entry (the first on a tie), or the only one.
    pub fn activation_of(
        &self,
        l: usize,
        row: usize,
        get: impl Fn(usize, usize) -> f32,
    ) -> Activation {
        let list = self.allowed();
        let mut best = 0;
        for c in 1..list.len() {
            if get(row, self.choice_col(l, c)) > get(row, self.choice_col(l, best)) {
                best = c;
            }
        }
        list[best]
    }

    /// Column of hidden layer `l`'s neuron mask (0 .. depth).
    pub fn mask_col(&self, l: usize) -> usize {
        self.cols() - self.depth + l
    }

    /// Row-major `rows × cols` flags: true on the weight and bias entries (what a search may
    /// change), false on activation-choice and mask columns.
    pub fn weight_entries(&self) -> Vec<bool> {
        let cols = self.cols();
        let mut w = vec![false; self.rows * cols];
        for r in 0..self.rows {
            for l in 0..=self.depth {
                let width = if l == self.depth { 1 } else { self.rows };
                for j in 0..width {
                    w[r * cols + self.block_col(l) + j] = true;
                }
                if let Some(bc) = self.bias_col(l) {
                    w[r * cols + bc] = true;
                }
            }
        }
        w
    }
}

/// A network drawn on a canvas: row-major `rows × cols` f32 values.
#[derive(Debug, Clone, PartialEq)]
pub struct Canvas {
    spec: CanvasSpec,
    data: Vec<f32>,
}

impl Canvas {
    /// Wraps decoder output (row-major) as a canvas of the given shape; values must be finite.
    pub fn from_data(spec: CanvasSpec, data: Vec<f32>) -> Result<Canvas, CanvasError> {
        spec.validate()?;
        let expected = spec.rows * spec.cols();
        if data.len() != expected {
            return Err(CanvasError::DataLength {
                found: data.len(),
                rows: spec.rows,
                cols: spec.cols(),
                expected,
            });
        }
        if let Some(k) = data.iter().position(|v| !v.is_finite()) {
            return Err(CanvasError::NonFinite {
                row: k / spec.cols(),
                col: k % spec.cols(),
            });
        }
        Ok(Canvas { spec, data })
    }

    /// Wraps a decoder's raw output, whose mask columns are logits: a neuron is present when
    /// its logit is positive (σ(logit) > 0.5, the paper's binarisation).
    pub fn from_decoder_output(
        spec: CanvasSpec,
        mut data: Vec<f32>,
    ) -> Result<Canvas, CanvasError> {
        let cols = spec.cols();
        for r in 0..spec.rows.min(data.len() / cols.max(1)) {
            for l in 0..spec.depth {
                let k = r * cols + spec.mask_col(l);
                data[k] = if data[k] > 0.0 { 1.0 } else { 0.0 };
            }
        }
        Canvas::from_data(spec, data)
    }

    pub fn spec(&self) -> &CanvasSpec {
        &self.spec
    }
    /// Row-major values.
    pub fn data(&self) -> &[f32] {
        &self.data
    }
    pub fn get(&self, row: usize, col: usize) -> f32 {
        self.data[row * self.spec.cols() + col]
    }
    fn set(&mut self, row: usize, col: usize, v: f32) {
        let cols = self.spec.cols();
        self.data[row * cols + col] = v;
    }

    /// Draws `net` on a canvas: hidden layer `l`'s neurons use its first rows, in order.
    /// Weights are stored as f32, so the round trip is exact for f32-representable weights.
    pub fn encode(spec: CanvasSpec, net: &Mlp) -> Result<Canvas, CanvasError> {
        spec.validate()?;
        let fail = |s: String| Err(CanvasError::DoesNotFit(s));
        if net.inputs() != spec.inputs {
            return fail(format!(
                "{} inputs, canvas takes {}",
                net.inputs(),
                spec.inputs
            ));
        }
        if net.depth() != spec.depth {
            return fail(format!(
                "{} hidden layers, canvas holds {}",
                net.depth(),
                spec.depth
            ));
        }
        if net.outputs() != 1 {
            return fail(format!("{} outputs, canvas holds 1", net.outputs()));
        }
        for (l, w) in net.hidden_widths().into_iter().enumerate() {
            if w > spec.rows {
                return fail(format!(
                    "hidden layer {} has {w} neurons, canvas rows hold {}",
                    l + 1,
                    spec.rows
                ));
            }
        }
        let allowed = spec.allowed();
        for (k, layer) in net.layers()[..spec.depth].iter().enumerate() {
            if let Some(a) = layer.activations().iter().find(|a| !allowed.contains(a)) {
                let names: Vec<&str> = allowed.iter().map(|a| a.name()).collect();
                return fail(format!(
                    "hidden layer {} uses {a}; this canvas holds only {} neurons",
                    k + 1,
                    names.join(", ")
                ));
            }
            if layer.uses_leaky_slope() && layer.leaky_slope() != spec.leaky_slope {
                return fail(format!(
                    "hidden layer {} has leaky slope {}, canvas {}",
                    k + 1,
                    layer.leaky_slope(),
                    spec.leaky_slope
                ));
            }
        }
        if !spec.bias
            && net
                .layers()
                .iter()
                .any(|l| l.biases().iter().any(|b| *b != 0.0))
        {
            return fail("it has biases and the canvas has no bias columns".into());
        }
        let mut c = Canvas {
            spec,
            data: vec![0.0; spec.rows * spec.cols()],
        };
        for (l, layer) in net.layers().iter().enumerate() {
            let row0 = if l == 0 { spec.input_offset() } else { 0 };
            let col0 = spec.block_col(l);
            for i in 0..layer.inputs() {
                for j in 0..layer.outputs() {
                    c.set(row0 + i, col0 + j, layer.weight(i, j) as f32);
                }
            }
            if let Some(bc) = spec.bias_col(l) {
                for (j, b) in layer.biases().iter().enumerate() {
                    c.set(j, bc, *b as f32);
                }
            }
            if l < spec.depth {
                for i in 0..layer.outputs() {
                    c.set(i, spec.mask_col(l), 1.0);
                    if spec.choice_cols() > 0 {
                        let a = layer.activations()[i];
                        let k = spec.choices.position(a).expect("checked above");
                        c.set(i, spec.choice_col(l, k), 1.0);
                    }
                }
            }
        }
        Ok(c)
    }

    /// The network this canvas describes. Hidden neurons are the rows whose mask entry is at
    /// least `MASK_THRESHOLD` (any rows, not only a prefix); everything in the rows and columns
    /// of absent neurons, and in the padding rows around the inputs, is ignored. A hidden layer
    /// with no neuron leaves no input-to-output path: the result is the constant network that
    /// the rest of the canvas computes.
    pub fn decode(&self) -> Mlp {
        let s = &self.spec;
        let active: Vec<Vec<usize>> = (0..s.depth)
            .map(|l| {
                (0..s.rows)
                    .filter(|&i| self.get(i, s.mask_col(l)) >= MASK_THRESHOLD)
                    .collect()
            })
            .collect();
        let off = s.input_offset();
        let sources = |l: usize| -> Vec<usize> {
            if l == 0 {
                (off..off + s.inputs).collect()
            } else {
                active[l - 1].clone()
            }
        };
        let targets = |l: usize| -> Vec<usize> {
            if l == s.depth {
                vec![0]
            } else {
                active[l].clone()
            }
        };
        let bias_of = |l: usize, j: usize| -> f64 {
            s.bias_col(l).map_or(0.0, |bc| f64::from(self.get(j, bc)))
        };
        let act_of = |l: usize, j: usize| {
            if l == s.depth {
                Activation::Linear
            } else {
                s.activation_of(l, j, |r, c| self.get(r, c))
            }
        };
        if let Some(empty) = active.iter().position(Vec::is_empty) {
            // Layers after the empty one see no signal: only their biases propagate.
            let mut values: Vec<f64> = Vec::new();
            let mut prev_rows: Vec<usize> = Vec::new();
            for l in empty..=s.depth {
                let cols = targets(l);
                values = cols
                    .iter()
                    .map(|&j| {
                        let pre = bias_of(l, j)
                            + prev_rows
                                .iter()
                                .zip(&values)
                                .map(|(&i, v)| v * f64::from(self.get(i, s.block_col(l) + j)))
                                .sum::<f64>();
                        act_of(l, j).apply(pre, s.leaky_slope)
                    })
                    .collect();
                prev_rows = cols;
            }
            return Mlp::constant(s.inputs, &values).expect("a constant network is valid");
        }
        let layers = (0..=s.depth)
            .map(|l| {
                let (rows, cols) = (sources(l), targets(l));
                let col0 = s.block_col(l);
                let weights = rows
                    .iter()
                    .flat_map(|&i| cols.iter().map(move |&j| f64::from(self.get(i, col0 + j))))
                    .collect();
                let biases = cols.iter().map(|&j| bias_of(l, j)).collect();
                Layer::new(
                    rows.len(),
                    cols.len(),
                    weights,
                    Some(biases),
                    cols.iter().map(|&j| act_of(l, j)).collect(),
                    s.leaky_slope,
                )
            })
            .collect::<Result<Vec<_>, _>>()
            .expect("canvas values are finite (checked on construction)");
        Mlp::new(layers).expect("decoded layers chain")
    }
}
