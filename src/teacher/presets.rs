//! The paper's two teacher distributions as named presets.
//! In: settings (defaults are the paper's) and a generator; out: teachers.

use super::{draw_network, invalid, Teacher, TeacherError, TeacherRng};
use crate::mlp::{Activation, DEFAULT_LEAKY_SLOPE};
use rand::seq::IndexedRandom;
use rand::RngExt;

/// `paper2024`: the autoencoder's training stream. Each batch draws `sparsity_draws` rates and
/// then `depth_draws` depths (with replacement); each depth draw gets one set of hidden widths,
/// shared by its networks; the batch is every (depth, rate) pair, depth-major: 4 × 8 = 32.
#[derive(Debug, Clone, PartialEq)]
pub struct Paper2024 {
    pub inputs: usize,
    /// Hidden widths are drawn uniformly from `min_width ..= max_width`. The paper's code draws
    /// 3..=6 (`numpy.random.randint(3, 7)`), though its comment says 7.
    pub min_width: usize,
    pub max_width: usize,
    pub depths: Vec<usize>,
    pub sparsities: Vec<f64>,
    pub depth_draws: usize,
    pub sparsity_draws: usize,
    pub activation: Activation,
    /// The paper's code uses 0.1 for autoencoder teachers and 0.01 for test-data teachers;
    /// swat defaults to 0.01 everywhere and records the value used.
    pub leaky_slope: f64,
    pub weight_scale: f64,
}

impl Paper2024 {
    pub fn new(activation: Activation) -> Self {
        Paper2024 {
            inputs: 3,
            min_width: 3,
            max_width: 6,
            depths: vec![1, 2, 3, 4],
            sparsities: vec![0.5, 0.7, 0.8, 0.9],
            depth_draws: 4,
            sparsity_draws: 8,
            activation,
            leaky_slope: DEFAULT_LEAKY_SLOPE,
            weight_scale: 10.0,
        }
    }

    pub fn batch_size(&self) -> usize {
        self.depth_draws * self.sparsity_draws
    }

    pub fn validate(&self) -> Result<(), TeacherError> {
        if self.min_width == 0 || self.min_width > self.max_width {
            return invalid(
                "width",
                format!(
                    "range {}..={} must be non-empty and start at 1 or more",
                    self.min_width, self.max_width
                ),
            );
        }
        super::check_choices(&self.depths, &self.sparsities)?;
        if self.depth_draws == 0 || self.sparsity_draws == 0 {
            return invalid(
                "batch",
                "needs at least one depth and one sparsity draw".into(),
            );
        }
        Ok(())
    }

    /// Draws one batch of `batch_size()` teachers.
    pub fn batch(&self, rng: &mut TeacherRng) -> Result<Vec<Teacher>, TeacherError> {
        self.validate()?;
        let rates: Vec<f64> = (0..self.sparsity_draws)
            .map(|_| *self.sparsities.choose(rng).expect("non-empty"))
            .collect();
        let depths: Vec<usize> = (0..self.depth_draws)
            .map(|_| *self.depths.choose(rng).expect("non-empty"))
            .collect();
        let mut out = Vec::with_capacity(self.batch_size());
        for depth in depths {
            let widths: Vec<usize> = (0..depth)
                .map(|_| rng.random_range(self.min_width as u32..=self.max_width as u32) as usize)
                .collect();
            for &sparsity in &rates {
                let network = draw_network(
                    rng,
                    self.inputs,
                    &widths,
                    sparsity,
                    self.activation,
                    self.leaky_slope,
                    self.weight_scale,
                )?;
                out.push(Teacher { network, sparsity });
            }
        }
        Ok(out)
    }
}

/// `paper2024-target`: one teacher of fixed width, depth and sparsity, as behind the paper's
/// test datasets (3 inputs, width 5).
#[derive(Debug, Clone, PartialEq)]
pub struct Paper2024Target {
    pub inputs: usize,
    pub width: usize,
    pub depth: usize,
    pub sparsity: f64,
    pub activation: Activation,
    pub leaky_slope: f64,
    pub weight_scale: f64,
}

impl Paper2024Target {
    pub fn new(activation: Activation, depth: usize, sparsity: f64) -> Self {
        Paper2024Target {
            inputs: 3,
            width: 5,
            depth,
            sparsity,
            activation,
            leaky_slope: DEFAULT_LEAKY_SLOPE,
            weight_scale: 10.0,
        }
    }

    /// Draws the teacher. (The paper's code never puts a layer's last neuron on the guaranteed
    /// path, an off-by-one; here every neuron can be on it.)
    pub fn draw(&self, rng: &mut TeacherRng) -> Result<Teacher, TeacherError> {
        if self.depth == 0 {
            return invalid("depth", "must be at least 1".into());
        }
        if self.width == 0 {
            return invalid("width", "must be at least 1".into());
        }
        let network = draw_network(
            rng,
            self.inputs,
            &vec![self.width; self.depth],
            self.sparsity,
            self.activation,
            self.leaky_slope,
            self.weight_scale,
        )?;
        Ok(Teacher {
            network,
            sparsity: self.sparsity,
        })
    }
}
