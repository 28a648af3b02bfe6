//! `swatnn2025`: the teacher distribution of SWAT-NN (2025): fixed-width layers whose neurons
//! are each present with probability ½, biases, and a random activation per neuron.
//! In: settings and a generator; out: batches of teachers sharing one depth and sparsity.

use super::{invalid, Teacher, TeacherError, TeacherRng};
use crate::mlp::{Activation, ActivationSet, Layer, Mlp, DEFAULT_LEAKY_SLOPE};
use rand::seq::IndexedRandom;
use rand::RngExt;

/// SWAT-NN's teachers. Per batch one depth and one sparsity are drawn; per network each hidden
/// slot holds a neuron with probability `neuron_keep` (redrawn if a layer comes out empty — the
/// original then collapses to its biases, which a canvas of that depth cannot hold), each
/// neuron draws its activation from `activations`, each weight is kept with probability
/// 1 − sparsity (no guaranteed path) and drawn from U[−weight_scale, weight_scale], and every
/// neuron and the output get a bias from U[−bias_scale, bias_scale].
/// With `min_inputs` below `inputs` (swat's `swat2026` use), each network reads only its first
/// k inputs, k uniform in `min_inputs..=inputs`, so functions of fewer variables are drawn too.
#[derive(Debug, Clone, PartialEq)]
pub struct Swatnn2025 {
    pub inputs: usize,
    pub min_inputs: usize,
    pub width: usize,
    pub depths: Vec<usize>,
    pub sparsities: Vec<f64>,
    pub batch: usize,
    pub neuron_keep: f64,
    pub activations: ActivationSet,
    pub leaky_slope: f64,
    pub weight_scale: f64,
    pub bias_scale: f64,
    /// Each batch is `groups` equal parts, each with its own depth and sparsity (SWAT-NN: 1,
    /// the whole batch one depth and sparsity).
    pub groups: usize,
    /// Guarantee every input read a path to the output (swat2026; SWAT-NN: no).
    pub path: bool,
}

impl Swatnn2025 {
    pub fn new() -> Self {
        Swatnn2025 {
            inputs: 2,
            min_inputs: 2,
            width: 7,
            depths: vec![1, 2, 3, 4],
            sparsities: vec![0.0, 0.2, 0.4],
            batch: 64,
            neuron_keep: 0.5,
            activations: ActivationSet::of(&[
                Activation::Sigmoid,
                Activation::Tanh,
                Activation::LeakyRelu,
            ]),
            leaky_slope: DEFAULT_LEAKY_SLOPE,
            weight_scale: 5.0,
            bias_scale: 1.0,
            groups: 1,
            path: false,
        }
    }

    pub fn validate(&self) -> Result<(), TeacherError> {
        super::check_inputs(self.inputs, self.min_inputs, ("inputs", "min-inputs"))?;
        if self.width == 0 {
            return invalid("width", "must be at least 1".into());
        }
        super::check_choices(&self.depths, &self.sparsities)?;
        if !(self.neuron_keep > 0.0 && self.neuron_keep <= 1.0) {
            return invalid(
                "neuron-keep",
                format!("{} is outside (0, 1]", self.neuron_keep),
            );
        }
        if self.activations.is_empty() {
            return invalid("activation", "needs at least one choice".into());
        }
        if self.batch == 0 {
            return invalid("batch", "must be at least 1".into());
        }
        Ok(())
    }

    /// Draws one batch: `groups` parts of `batch / groups` networks, each part of one depth and
    /// sparsity (the last part takes any remainder).
    pub fn batch(&self, rng: &mut TeacherRng) -> Result<Vec<Teacher>, TeacherError> {
        self.validate()?;
        let groups = self.groups.clamp(1, self.batch.max(1));
        let mut out = Vec::with_capacity(self.batch);
        for g in 0..groups {
            let depth = *self.depths.choose(rng).expect("non-empty");
            let sparsity = *self.sparsities.choose(rng).expect("non-empty");
            let n = if g + 1 == groups {
                self.batch - out.len()
            } else {
                self.batch / groups
            };
            for _ in 0..n {
                out.push(Teacher {
                    network: self.network(rng, depth, sparsity),
                    sparsity,
                });
            }
        }
        Ok(out)
    }

    fn network(&self, rng: &mut TeacherRng, depth: usize, sparsity: f64) -> Mlp {
        let choices = self.activations.list();
        // Drawn only when there is a choice, so the plain SWAT-NN stream is unchanged.
        let used = if self.min_inputs < self.inputs {
            rng.random_range(self.min_inputs..=self.inputs)
        } else {
            self.inputs
        };
        let mut sizes = vec![self.inputs];
        for _ in 0..depth {
            let n = loop {
                let n = (0..self.width)
                    .filter(|_| rng.random_bool(self.neuron_keep))
                    .count();
                if n > 0 {
                    break n;
                }
            };
            sizes.push(n);
        }
        sizes.push(1);
        let uniform = |rng: &mut TeacherRng, scale: f64| -> f64 {
            if scale > 0.0 {
                f64::from(rng.random_range(-(scale as f32)..(scale as f32)))
            } else {
                0.0
            }
        };
        // Row-major in × out per layer: index / n_out is the source.
        let mut weights: Vec<Vec<f64>> = (0..sizes.len() - 1)
            .map(|l| {
                let (n_in, n_out) = (sizes[l], sizes[l + 1]);
                (0..n_in * n_out)
                    .map(|k| {
                        if l == 0 && k / n_out >= used {
                            0.0
                        } else if rng.random_bool(1.0 - sparsity) {
                            uniform(rng, self.weight_scale)
                        } else {
                            0.0
                        }
                    })
                    .collect()
            })
            .collect();
        if self.path {
            // As the paper's teachers: every input read reaches the output through one random
            // neuron per hidden layer, so sparse teachers are not mostly constant.
            for i in 0..used {
                let mut from = i;
                for l in 0..sizes.len() - 1 {
                    let n_out = sizes[l + 1];
                    let to = rng.random_range(0..n_out);
                    let w = &mut weights[l][from * n_out + to];
                    while *w == 0.0 {
                        *w = uniform(rng, self.weight_scale);
                    }
                    from = to;
                }
            }
        }
        let layers = weights
            .into_iter()
            .enumerate()
            .map(|(l, weights)| {
                let n_out = sizes[l + 1];
                let last = l + 2 == sizes.len();
                let biases = (0..n_out).map(|_| uniform(rng, self.bias_scale)).collect();
                let acts = (0..n_out)
                    .map(|_| {
                        if last {
                            Activation::Linear
                        } else {
                            *choices.choose(rng).expect("non-empty")
                        }
                    })
                    .collect();
                Layer::new(
                    sizes[l],
                    n_out,
                    weights,
                    Some(biases),
                    acts,
                    self.leaky_slope,
                )
                .expect("teacher layers are well formed")
            })
            .collect::<Vec<_>>();
        Mlp::new(layers).expect("teacher layers chain")
    }
}

impl Default for Swatnn2025 {
    fn default() -> Self {
        Swatnn2025::new()
    }
}
