//! Everything that defines an autoencoder training run, stored in every checkpoint so a run
//! resumes exactly and a mismatched file is recognised.
//! In: command-line choices; out: a checked `TrainConfig` (serde, JSON in checkpoints).

use super::batch::Geometry;
use super::fast::FastConfig;
use super::step::LossConfig;
use crate::mlp::{Activation, ActivationSet};
use crate::teacher::{Paper2024, Stream, Swatnn2025, TeacherError};
use serde::{Deserialize, Serialize};

/// Which encoder-decoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Arch {
    /// An MLP encoder of the function's values at the probe points, the fast decoders (swat's
    /// default: DESIGN §1.7).
    Function,
    /// Per-depth MLP encoders and heads around a shared trunk.
    Fast,
    /// The 2024 paper's convolutional encoders and decoders.
    Paper,
}

impl Arch {
    pub fn name(self) -> &'static str {
        match self {
            Arch::Function => "function",
            Arch::Fast => "fast",
            Arch::Paper => "paper",
        }
    }
}

/// The teacher stream: a preset's name and settings (`paper2024`, `swatnn2025` or `swat2026`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeacherSettings {
    pub preset: String,
    pub min_width: usize,
    pub max_width: usize,
    pub depths: Vec<usize>,
    pub sparsities: Vec<f64>,
    pub weight_scale: f64,
    /// `swatnn2025`: probability that a hidden slot holds a neuron.
    #[serde(default = "one")]
    pub neuron_keep: f64,
    /// `swatnn2025`: biases are uniform in [−bias_scale, bias_scale].
    #[serde(default)]
    pub bias_scale: f64,
    /// `swat2026`: each teacher reads its first k inputs, k uniform in `min_inputs..=inputs`
    /// (0: every teacher reads all inputs).
    #[serde(default)]
    pub min_inputs: usize,
    /// `swatnn2025` and `swat2026`: parts per batch, each of one depth and sparsity (1: the whole
    /// batch, as SWAT-NN draws).
    #[serde(default = "one_group")]
    pub groups: usize,
    /// `swat2026`: every input a teacher reads has a path to its output, as in the paper.
    #[serde(default)]
    pub path: bool,
}

fn one_group() -> usize {
    1
}

fn one() -> f64 {
    1.0
}

impl TeacherSettings {
    pub fn paper2024() -> Self {
        let p = Paper2024::new(Activation::Sigmoid);
        TeacherSettings {
            preset: "paper2024".into(),
            min_width: p.min_width,
            max_width: p.max_width,
            depths: p.depths,
            sparsities: p.sparsities,
            weight_scale: p.weight_scale,
            neuron_keep: 1.0,
            bias_scale: 0.0,
            min_inputs: 0,
            groups: 1,
            path: false,
        }
    }

    pub fn swatnn2025() -> Self {
        let p = Swatnn2025::new();
        TeacherSettings {
            preset: "swatnn2025".into(),
            min_width: p.width,
            max_width: p.width,
            depths: p.depths,
            sparsities: p.sparsities,
            weight_scale: p.weight_scale,
            neuron_keep: p.neuron_keep,
            bias_scale: p.bias_scale,
            min_inputs: 0,
            groups: p.groups,
            path: p.path,
        }
    }

    /// swat's bundled-default distribution: SWAT-NN's kind of teacher (biases in [−1, 1], a
    /// per-neuron activation choice, weights in [−5, 5]), 8 slots wide each holding a neuron
    /// with probability 0.7, sparse as the paper's (0.5 to 0.9), reading between 1 and all 7
    /// inputs, each read input with a path to the output (as the paper's teachers); each batch
    /// mixes 4 depth and sparsity draws. (SWAT-NN's own nearly dense teachers, one depth per
    /// batch, did not train on two cores: runs/README.md.)
    pub fn swat2026() -> Self {
        TeacherSettings {
            preset: "swat2026".into(),
            min_width: 8,
            max_width: 8,
            min_inputs: 1,
            sparsities: vec![0.5, 0.7, 0.8, 0.9],
            neuron_keep: 0.7,
            groups: 4,
            path: true,
            ..TeacherSettings::swatnn2025()
        }
    }

    /// The stream for batches of `batch` networks. `paper2024`: 4 depth draws × `batch / 4`
    /// sparsity draws; `swatnn2025` and `swat2026`: one depth and sparsity per batch.
    pub fn preset(&self, geometry: &Geometry, batch: usize) -> Result<Stream, ConfigError> {
        match self.preset.as_str() {
            "paper2024" => Ok(Stream::Paper2024(self.paper2024_preset(geometry, batch))),
            "swatnn2025" | "swat2026" => Ok(Stream::Swatnn2025(Swatnn2025 {
                inputs: geometry.inputs,
                min_inputs: if self.min_inputs == 0 {
                    geometry.inputs
                } else {
                    self.min_inputs
                },
                width: self.max_width,
                depths: self.depths.clone(),
                sparsities: self.sparsities.clone(),
                batch,
                neuron_keep: self.neuron_keep,
                activations: if geometry.choices.is_empty() {
                    ActivationSet::of(&[geometry.activation])
                } else {
                    geometry.choices
                },
                leaky_slope: geometry.leaky_slope,
                weight_scale: self.weight_scale,
                bias_scale: self.bias_scale,
                groups: self.groups,
                path: self.path,
            })),
            other => Err(ConfigError {
                flag: "preset",
                message: format!(
                    "unknown teacher preset `{other}` (paper2024, swatnn2025, swat2026)"
                ),
            }),
        }
    }

    fn paper2024_preset(&self, geometry: &Geometry, batch: usize) -> Paper2024 {
        Paper2024 {
            inputs: geometry.inputs,
            min_width: self.min_width,
            max_width: self.max_width,
            depths: self.depths.clone(),
            sparsities: self.sparsities.clone(),
            depth_draws: 4,
            sparsity_draws: batch / 4,
            activation: geometry.activation,
            leaky_slope: geometry.leaky_slope,
            weight_scale: self.weight_scale,
        }
    }
}

/// The share of generic functions in swat's own autoencoders' batches (`TrainConfig::swat`).
pub const GENERIC_SHARE: f64 = 0.5;

/// One training run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainConfig {
    pub arch: Arch,
    pub fast: FastConfig,
    pub geometry: Geometry,
    pub teachers: TeacherSettings,
    pub loss: LossConfig,
    /// Networks per step; a multiple of 4 (4 depth draws × batch/4 sparsity draws).
    pub batch: usize,
    pub seed: u64,
    pub lr: f64,
    /// Steps in one epoch (the paper: 150,001 batches).
    pub epoch_steps: u64,
    /// The learning rate halves every this many epochs (the paper: 2).
    pub halve_every_epochs: u64,
    /// Per-parameter gradient-norm clipping; none when absent.
    pub grad_clip: Option<f64>,
    /// Probe points per input axis: the grid `linspace(-1, 1, n)^d` (the paper: 10).
    pub probe_per_axis: usize,
    /// When not 0, probe on this many points drawn uniformly from [−1, 1)^d instead of the grid
    /// (a grid is too large in many dimensions); drawn from `valid_seed`.
    #[serde(default)]
    pub probe_points: usize,
    /// Seed and size of the fixed held-out teacher set.
    pub valid_seed: u64,
    pub valid_teachers: usize,
    /// Share of each batch that is generic random functions (`teacher::GenericFunctions`)
    /// instead of teacher networks; only an encoder that reads functions can take them.
    #[serde(default)]
    pub generic_share: f64,
}

/// A configuration that cannot train; `flag` names the command-line flag.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("--{flag}: {message}")]
pub struct ConfigError {
    pub flag: &'static str,
    pub message: String,
}

impl From<TeacherError> for ConfigError {
    fn from(e: TeacherError) -> Self {
        ConfigError {
            flag: e.param,
            message: e.message,
        }
    }
}

impl TrainConfig {
    /// SWAT-NN's teacher distribution: 2 inputs, biases, a sigmoid / tanh / leaky-ReLU choice
    /// per neuron, batches of 64, probed on a 32 × 32 grid.
    pub fn swatnn2025(arch: Arch) -> Self {
        let mut c = TrainConfig::new(arch, Activation::Sigmoid);
        let p = Swatnn2025::new();
        c.geometry.inputs = p.inputs;
        c.geometry.bias = true;
        c.geometry.choices = p.activations;
        c.teachers = TeacherSettings::swatnn2025();
        c.batch = p.batch;
        c.probe_per_axis = 32;
        c
    }

    /// swat's bundled-default distribution (`TeacherSettings::swat2026`): canvases of 8 rows
    /// taking up to 7 inputs, biases, a sigmoid / tanh / leaky-ReLU choice per neuron, batches
    /// of 64, probed on 1024 uniform points.
    pub fn swat2026(arch: Arch) -> Self {
        let mut c = TrainConfig::swatnn2025(arch);
        c.geometry.rows = 8;
        c.geometry.inputs = 7;
        c.teachers = TeacherSettings::swat2026();
        c.probe_points = 1024;
        c
    }

    /// swat's own autoencoders (DESIGN §1.7): the `swat2026` teachers with biases and sigmoid
    /// neurons on a canvas of `inputs` inputs (7 rows up to 3 inputs, probed on the paper's
    /// 10-per-axis grid; 8 rows and 1024 uniform probe points above), read by `arch`, with half
    /// of every batch generic random functions when the encoder reads functions.
    pub fn swat(arch: Arch, inputs: usize) -> Self {
        let mut c = TrainConfig::swat2026(arch);
        c.geometry.activation = Activation::Sigmoid;
        c.geometry.choices = ActivationSet::NONE;
        c.geometry.inputs = inputs;
        if inputs <= 3 {
            c.geometry.rows = 7;
            c.teachers.min_width = 7;
            c.teachers.max_width = 7;
            c.probe_points = 0;
            c.probe_per_axis = 10;
        }
        if arch == Arch::Function {
            c.generic_share = GENERIC_SHARE;
        }
        c
    }

    /// Number of probe points.
    pub fn probe_count(&self) -> usize {
        if self.probe_points > 0 {
            self.probe_points
        } else {
            self.probe_per_axis.pow(self.geometry.inputs as u32)
        }
    }

    /// Generic functions in each training batch.
    pub fn generic_per_batch(&self) -> usize {
        (self.batch as f64 * self.generic_share).round() as usize
    }

    /// Teacher networks in each training batch.
    pub fn teacher_batch(&self) -> usize {
        self.batch - self.generic_per_batch()
    }

    /// The generic functions' distribution: of the inputs the teachers read.
    pub fn generic(&self) -> crate::teacher::GenericFunctions {
        crate::teacher::GenericFunctions {
            inputs: self.geometry.inputs,
            min_inputs: if self.teachers.min_inputs == 0 {
                self.geometry.inputs
            } else {
                self.teachers.min_inputs
            },
        }
    }

    /// The probe inputs, row-major `[P, inputs]`.
    pub fn probe(&self) -> Vec<f64> {
        if self.probe_points > 0 {
            crate::teacher::uniform_points(
                &mut crate::teacher::rng(self.valid_seed ^ 0x9e37_79b9),
                self.probe_points,
                self.geometry.inputs,
            )
        } else {
            crate::teacher::grid(self.geometry.inputs, self.probe_per_axis)
        }
    }

    /// The base that `swat train-ae` starts from: the paper's canvas (7 rows, 3 inputs, depths
    /// 1–4, no biases), teachers (`paper2024`), batch, learning rate 1e-4 and schedule, with
    /// swat's loss (straight-through masks, relative error, gradient clipping 1.0). It is not
    /// the paper's own training (hard masks, plain MSE, no clipping), which `train-ae --arch
    /// paper` sets on top, as it sets each architecture's learning rate and the preset's canvas.
    pub fn new(arch: Arch, activation: Activation) -> Self {
        TrainConfig {
            arch,
            fast: FastConfig::default(),
            geometry: Geometry {
                rows: 7,
                inputs: 3,
                max_depth: 4,
                bias: false,
                activation,
                choices: ActivationSet::NONE,
                leaky_slope: crate::mlp::DEFAULT_LEAKY_SLOPE,
            },
            teachers: TeacherSettings::paper2024(),
            loss: LossConfig {
                masks: super::MaskMode::StraightThrough,
                scale: super::ErrorScale::Relative,
            },
            batch: 32,
            seed: 0,
            lr: 1e-4,
            epoch_steps: 150_001,
            halve_every_epochs: 2,
            grad_clip: Some(1.0),
            probe_per_axis: 10,
            probe_points: 0,
            valid_seed: 2024,
            valid_teachers: 256,
            generic_share: 0.0,
        }
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        let fail = |flag: &'static str, message: String| Err(ConfigError { flag, message });
        let paper = self.teachers.preset == "paper2024";
        if self.batch == 0 || (paper && self.batch % 4 != 0) {
            return fail(
                "batch",
                format!(
                    "{} is not a positive multiple of 4 (each batch is 4 depth draws × batch/4 \
                     sparsity draws)",
                    self.batch
                ),
            );
        }
        if !(0.0..1.0).contains(&self.generic_share) {
            return fail(
                "generic-share",
                format!("{} is outside [0, 1)", self.generic_share),
            );
        }
        if self.generic_share > 0.0 && self.arch != Arch::Function {
            return fail(
                "generic-share",
                format!(
                    "generic functions have no network to encode: only --arch function reads \
                     functions (this run: --arch {})",
                    self.arch.name()
                ),
            );
        }
        let teachers = self.teacher_batch();
        if teachers == 0 || (paper && teachers % 4 != 0) {
            return fail(
                "generic-share",
                format!(
                    "leaves {teachers} teachers in a batch of {}; they must be a positive \
                     multiple of {}",
                    self.batch,
                    if paper { 4 } else { 1 }
                ),
            );
        }
        if !(self.lr.is_finite() && self.lr > 0.0) {
            return fail("lr", format!("{} must be a positive number", self.lr));
        }
        if self.epoch_steps == 0 {
            return fail("epoch-steps", "must be at least 1".into());
        }
        if self.halve_every_epochs == 0 {
            return fail("halve-every-epochs", "must be at least 1".into());
        }
        if let Some(c) = self.grad_clip {
            if !(c.is_finite() && c > 0.0) {
                return fail("grad-clip", format!("{c} must be a positive number"));
            }
        }
        if self.probe_per_axis < 2 {
            return fail("probe-per-axis", "must be at least 2".into());
        }
        if self.valid_teachers == 0 || self.valid_teachers % self.batch != 0 {
            return fail(
                "valid-teachers",
                format!(
                    "{} must be a positive multiple of the batch ({})",
                    self.valid_teachers, self.batch
                ),
            );
        }
        if self.geometry.max_depth < *self.teachers.depths.iter().max().unwrap_or(&0) {
            return fail("depth", "teachers deeper than the canvas".into());
        }
        if self.geometry.rows < self.teachers.max_width {
            return fail("max-width", "teachers wider than the canvas".into());
        }
        if self.teachers.bias_scale != 0.0 && !self.geometry.bias {
            return fail(
                "preset",
                "teachers with biases need a canvas with bias columns".into(),
            );
        }
        if self.geometry.rows > super::kernel::MAX_ROWS {
            return fail(
                "rows",
                format!("at most {} canvas rows", super::kernel::MAX_ROWS),
            );
        }
        self.geometry.spec(1).validate().map_err(|e| ConfigError {
            flag: "inputs",
            message: e.to_string(),
        })?;
        if self.generic_share > 0.0 {
            self.generic().validate().map_err(ConfigError::from)?;
        }
        self.teachers
            .preset(&self.geometry, teachers)?
            .validate()
            .map_err(ConfigError::from)
    }

    /// Learning rate at `step`: halved every `halve_every_epochs × epoch_steps` steps.
    pub fn lr_at(&self, step: u64) -> f64 {
        let halvings = step / (self.epoch_steps * self.halve_every_epochs);
        self.lr * 0.5f64.powi(halvings.min(1000) as i32)
    }
}
