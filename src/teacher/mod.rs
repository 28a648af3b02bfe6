//! Random sparse teacher networks, reproducible from a seed on every machine (ChaCha8).
//! In: a preset's settings and a seed; out: networks (`Teacher`) and input sets to run them on.
//!
//! `paper2024` is the autoencoder's training distribution (DESIGN §1.2); `paper2024-target` the
//! single teachers behind the paper's test datasets (§1.5); `swatnn2025` SWAT-NN's distribution
//! with biases and per-neuron activations (§1.6).

mod dataset;
mod generic;
mod inputs;
mod presets;
mod swatnn;

pub use dataset::{split_sizes, TargetDataset, SPLIT_NAMES};
pub use generic::{Family, GenericFunctions};
pub use inputs::{grid, uniform_points};
pub use presets::{Paper2024, Paper2024Target};
pub use swatnn::Swatnn2025;

use crate::mlp::{Activation, Layer, Mlp};
use rand::seq::index;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// The generator every teacher draw uses: portable and stable across platforms.
pub type TeacherRng = ChaCha8Rng;

/// A seeded teacher generator.
pub fn rng(seed: u64) -> TeacherRng {
    rand::SeedableRng::seed_from_u64(seed)
}

/// A batch-drawing teacher preset.
pub enum Stream {
    Paper2024(Paper2024),
    Swatnn2025(Swatnn2025),
}

impl Stream {
    pub fn batch(&self, rng: &mut TeacherRng) -> Result<Vec<Teacher>, TeacherError> {
        match self {
            Stream::Paper2024(p) => p.batch(rng),
            Stream::Swatnn2025(p) => p.batch(rng),
        }
    }

    pub fn validate(&self) -> Result<(), TeacherError> {
        match self {
            Stream::Paper2024(p) => p.validate(),
            Stream::Swatnn2025(p) => p.validate(),
        }
    }
}

/// One drawn network and the settings it was drawn with.
#[derive(Debug, Clone, PartialEq)]
pub struct Teacher {
    pub network: Mlp,
    pub sparsity: f64,
}

impl Teacher {
    pub fn depth(&self) -> usize {
        self.network.depth()
    }
}

/// A setting no teacher can be drawn with. `param` is the setting's name (as on the command line).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{param}: {message}")]
pub struct TeacherError {
    pub param: &'static str,
    pub message: String,
}

pub(crate) fn invalid<T>(param: &'static str, message: String) -> Result<T, TeacherError> {
    Err(TeacherError { param, message })
}

/// A preset reading its first k of `inputs` inputs, k from `min_inputs`: at least one input, and
/// `min_inputs` in 1..=inputs; `flags` name the two settings in errors.
pub(crate) fn check_inputs(
    inputs: usize,
    min_inputs: usize,
    flags: (&'static str, &'static str),
) -> Result<(), TeacherError> {
    if inputs == 0 {
        return invalid(flags.0, "must be at least 1".into());
    }
    if min_inputs == 0 || min_inputs > inputs {
        return invalid(flags.1, format!("{min_inputs} is outside 1..={inputs}"));
    }
    Ok(())
}

/// Depth and sparsity choices a batch preset draws from: non-empty, depths ≥ 1, rates in [0, 1).
pub(crate) fn check_choices(depths: &[usize], sparsities: &[f64]) -> Result<(), TeacherError> {
    if depths.is_empty() || depths.contains(&0) {
        return invalid("depth", "choices must be non-empty and at least 1".into());
    }
    if sparsities.is_empty() || sparsities.iter().any(|s| !(0.0..1.0).contains(s)) {
        return invalid(
            "sparsity",
            "choices must be non-empty, each in [0, 1)".into(),
        );
    }
    Ok(())
}

/// Edge counts of a network shape: every weight position, and the guaranteed path's length.
pub fn edge_counts(inputs: usize, widths: &[usize]) -> (usize, usize) {
    let mut sizes = vec![inputs];
    sizes.extend_from_slice(widths);
    sizes.push(1);
    let total = sizes.windows(2).map(|w| w[0] * w[1]).sum();
    (total, inputs + widths.len())
}

/// How many edges a teacher keeps: `int(total × (1 − sparsity))` computed in f64 exactly as the
/// paper's code does (so 1 − 0.9 = 0.0999…98 makes a whole product one short), or the path if
/// that is larger.
pub fn kept_edges(total: usize, path: usize, sparsity: f64) -> usize {
    ((total as f64 * (1.0 - sparsity)) as usize).max(path)
}

/// Draws one teacher: a path from every input through one random neuron per hidden layer to
/// the output, then uniformly random extra edges (pooled over all layers, output included) until
/// `kept_edges` exist; kept weights uniform in [−scale, scale], never exactly zero; no biases.
pub fn draw_network(
    rng: &mut TeacherRng,
    inputs: usize,
    widths: &[usize],
    sparsity: f64,
    activation: Activation,
    leaky_slope: f64,
    weight_scale: f64,
) -> Result<Mlp, TeacherError> {
    if inputs == 0 {
        return invalid("inputs", "must be at least 1".into());
    }
    if widths.is_empty() {
        return invalid("depth", "must be at least 1".into());
    }
    if widths.contains(&0) {
        return invalid("width", "every hidden layer needs at least 1 neuron".into());
    }
    if !(0.0..1.0).contains(&sparsity) {
        return invalid("sparsity", format!("{sparsity} is outside [0, 1)"));
    }
    if !(weight_scale.is_finite() && weight_scale > 0.0) {
        return invalid("weight-scale", format!("{weight_scale} must be positive"));
    }
    if !leaky_slope.is_finite() {
        return invalid("leaky-slope", format!("{leaky_slope} is not finite"));
    }
    let mut sizes = vec![inputs];
    sizes.extend_from_slice(widths);
    sizes.push(1);
    // One flat 0/1 mask over every weight position, layer after layer.
    let offsets: Vec<usize> = sizes
        .windows(2)
        .scan(0, |acc, w| {
            let o = *acc;
            *acc += w[0] * w[1];
            Some(o)
        })
        .collect();
    let (total, path_len) = edge_counts(inputs, widths);
    let mut keep = vec![false; total];
    let pos = |layer: usize, i: usize, j: usize| offsets[layer] + i * sizes[layer + 1] + j;
    let mut node = rng.random_range(0..widths[0] as u32) as usize;
    for i in 0..inputs {
        keep[pos(0, i, node)] = true;
    }
    for (l, &w) in widths.iter().enumerate().skip(1) {
        let next = rng.random_range(0..w as u32) as usize;
        keep[pos(l, node, next)] = true;
        node = next;
    }
    keep[pos(widths.len(), node, 0)] = true;
    let target = kept_edges(total, path_len, sparsity);
    let free: Vec<usize> = (0..total).filter(|&k| !keep[k]).collect();
    for k in index::sample(rng, free.len(), target - path_len) {
        keep[free[k]] = true;
    }
    let mut layers = Vec::with_capacity(sizes.len() - 1);
    for l in 0..sizes.len() - 1 {
        let (n_in, n_out) = (sizes[l], sizes[l + 1]);
        let weights = (0..n_in * n_out)
            .map(|k| {
                if keep[offsets[l] + k] {
                    nonzero_uniform(rng, weight_scale)
                } else {
                    0.0
                }
            })
            .collect();
        let act = if l + 1 == sizes.len() - 1 {
            Activation::Linear
        } else {
            activation
        };
        let layer = Layer::new(n_in, n_out, weights, None, vec![act; n_out], leaky_slope)
            .expect("teacher layers are well formed");
        layers.push(layer);
    }
    Ok(Mlp::new(layers).expect("teacher layers chain"))
}

/// Uniform in [−scale, scale), drawn in f32 like the paper's code, redrawn on an exact zero so
/// that a kept edge is always a non-zero weight.
fn nonzero_uniform(rng: &mut TeacherRng, scale: f64) -> f64 {
    let s = scale as f32;
    loop {
        let w: f32 = rng.random_range(-s..s);
        if w != 0.0 {
            return f64::from(w);
        }
    }
}
