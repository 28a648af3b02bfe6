//! The affine maps between the user's units and the [-1, 1] range the networks work in.
//! In: training inputs and targets; out: per-column min/max, applied forwards and back.

use super::Dataset;
use crate::mlp::{InputScaling, Mlp, Model, OutputScaling};

/// Scaling fitted on training data: each input and the target map min → −1, max → 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Scaling {
    pub input: InputScaling,
    pub output: OutputScaling,
}

/// The smallest and largest of `values` (∞ and −∞ when there are none).
pub(crate) fn min_max(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    })
}

fn range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = min_max(values);
    // A constant column carries no information; give it a unit range so it maps to −1.
    if hi > lo {
        (lo, hi)
    } else {
        (lo, lo + 1.0)
    }
}

impl Scaling {
    pub fn fit(data: &Dataset) -> Scaling {
        let d = data.inputs.len();
        let (min, max) = (0..d)
            .map(|c| range(data.x.iter().skip(c).step_by(d).copied()))
            .unzip();
        let (lo, hi) = range(data.y.iter().copied());
        Scaling {
            input: InputScaling { min, max },
            output: OutputScaling { min: lo, max: hi },
        }
    }

    /// Inputs in [-1, 1] (row-major, as `data.x`).
    pub fn inputs(&self, x: &[f64]) -> Vec<f64> {
        let d = self.input.min.len();
        x.iter()
            .enumerate()
            .map(|(k, v)| {
                let (lo, hi) = (self.input.min[k % d], self.input.max[k % d]);
                2.0 * (v - lo) / (hi - lo) - 1.0
            })
            .collect()
    }

    /// Targets in [-1, 1].
    pub fn targets(&self, y: &[f64]) -> Vec<f64> {
        let (lo, hi) = (self.output.min, self.output.max);
        y.iter().map(|v| 2.0 * (v - lo) / (hi - lo) - 1.0).collect()
    }

    /// `network` (on scaled inputs and target) as a model of `data`'s columns in its units.
    pub fn model(&self, network: Mlp, data: &Dataset) -> Model {
        let mut m = Model::identity(network);
        m.inputs = data.inputs.clone();
        m.target = data.target.clone();
        m.input_scaling = self.input.clone();
        m.output_scaling = self.output;
        m
    }

    /// A scaled prediction back in the user's units.
    pub fn untarget(&self, s: f64) -> f64 {
        (s + 1.0) * 0.5 * (self.output.max - self.output.min) + self.output.min
    }
}
