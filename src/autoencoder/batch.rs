//! A batch of teachers laid out for the autoencoder: canvases padded to the widest depth,
//! each network's depth, and the teachers' outputs on the probe inputs.
//! In: teachers from `teacher`, a canvas geometry and probe points; out: flat f32 arrays.

use crate::canvas::{Canvas, CanvasError, CanvasSpec};
use crate::mlp::ActivationSet;
use crate::teacher::Teacher;

/// The geometry every canvas of an autoencoder shares: rows, inputs, biases, activation,
/// and the depths it has a decoder for (1 ..= `max_depth`).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Geometry {
    pub rows: usize,
    pub inputs: usize,
    pub max_depth: usize,
    pub bias: bool,
    pub activation: crate::mlp::Activation,
    /// Per-neuron activation choices recorded on the canvas (empty: every neuron uses
    /// `activation`).
    #[serde(default, skip_serializing_if = "no_choices")]
    pub choices: ActivationSet,
    pub leaky_slope: f64,
}

fn no_choices(s: &ActivationSet) -> bool {
    s.is_empty()
}

impl Geometry {
    pub fn spec(&self, depth: usize) -> CanvasSpec {
        CanvasSpec {
            rows: self.rows,
            inputs: self.inputs,
            depth,
            bias: self.bias,
            activation: self.activation,
            choices: self.choices,
            leaky_slope: self.leaky_slope,
        }
    }

    /// The canvases of one depth group, `start .. start + len` of a depth-sorted batch
    /// `[B, R, C_max]`, cut to that depth's own columns: `[len, R, C_L]`.
    pub fn group(
        &self,
        canvases: &burn::tensor::Tensor<3>,
        depth: usize,
        start: usize,
        len: usize,
    ) -> burn::tensor::Tensor<3> {
        canvases
            .clone()
            .narrow(0, start, len)
            .narrow(2, 0, self.spec(depth).cols())
    }

    /// Columns of the widest canvas (depth `max_depth`); shallower ones are zero-padded to it.
    pub fn max_cols(&self) -> usize {
        self.spec(self.max_depth).cols()
    }
}

/// Teachers ready for a training or validation step.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    pub size: usize,
    /// `[size, rows, max_cols]`, row-major; columns past a network's own width are zero.
    pub canvases: Vec<f32>,
    /// Hidden layers of each network (1 ..= max_depth).
    pub depths: Vec<usize>,
    /// `[size, points]`: each teacher's output on every probe point.
    pub targets: Vec<f32>,
    pub points: usize,
}

impl Batch {
    /// Draws every teacher on its canvas and runs it on `probe` (row-major, `inputs` columns).
    pub fn new(
        geometry: &Geometry,
        teachers: &[Teacher],
        probe: &[f64],
    ) -> Result<Batch, CanvasError> {
        let (rows, cmax) = (geometry.rows, geometry.max_cols());
        let points = probe.len() / geometry.inputs;
        let mut canvases = vec![0.0f32; teachers.len() * rows * cmax];
        let mut targets = Vec::with_capacity(teachers.len() * points);
        let mut depths = Vec::with_capacity(teachers.len());
        for (b, t) in teachers.iter().enumerate() {
            let spec = geometry.spec(t.depth());
            let c = Canvas::encode(spec, &t.network)?;
            let cols = spec.cols();
            for r in 0..rows {
                let dst = (b * rows + r) * cmax;
                canvases[dst..dst + cols].copy_from_slice(&c.data()[r * cols..(r + 1) * cols]);
            }
            let y = t
                .network
                .forward(probe)
                .expect("probe has the teacher's inputs");
            targets.extend(y.iter().map(|&v| v as f32));
            depths.push(t.depth());
        }
        Ok(Batch {
            size: teachers.len(),
            canvases,
            depths,
            targets,
            points,
        })
    }

    /// Appends functions given only by their values at the probe points (generic functions, or
    /// a user's data): they have no network, so their canvases are zero and their depth is 1.
    /// Only an encoder that reads functions learns anything from them.
    pub fn push_functions(&mut self, geometry: &Geometry, values: &[Vec<f64>]) {
        for v in values {
            assert_eq!(v.len(), self.points, "one value per probe point");
            self.canvases.extend(std::iter::repeat_n(
                0.0,
                geometry.rows * geometry.max_cols(),
            ));
            self.targets.extend(v.iter().map(|&y| y as f32));
            self.depths.push(1);
            self.size += 1;
        }
    }
}
