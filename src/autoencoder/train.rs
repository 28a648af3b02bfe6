//! The training run: a seeded teacher stream, Adam with the paper's step decay, validation on a
//! fixed held-out set, and checkpoints from which a run resumes exactly where it stopped.
//! In: a `TrainConfig` or a `Checkpoint`; out: steps, validation reports, checkpoints.

use super::batch::Batch;
use super::checkpoint::{Checkpoint, CheckpointMeta};
use super::config::{ConfigError, TrainConfig};
use super::model::{Autoencoder, WeightsError};
use super::step::{to_host, train_step, BatchTensors};
use super::validate::{score, ValidReport};
use crate::teacher::{self, Teacher};
use burn::optim::grad_clipping::GradientClippingConfig;
use burn::optim::{AdamConfig, ModuleOptimizer};
use burn::tensor::{Bytes, Device};

/// Why training cannot start or go on.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Model(#[from] WeightsError),
    /// A teacher did not fit the canvas.
    #[error(transparent)]
    Canvas(crate::canvas::CanvasError),
    #[error("checkpoint weights do not fit: {0}")]
    Weights(WeightsError),
    /// burn's optimiser store refused the state.
    #[error("checkpoint optimiser state: {0}")]
    Optimiser(String),
    #[error("the loss became {loss} at step {step}; the model was not updated with it")]
    NonFinite { step: u64, loss: f32 },
}

/// A training run in progress.
pub struct Trainer {
    config: TrainConfig,
    dev: Device,
    model: Option<Autoencoder>,
    optim: ModuleOptimizer,
    step: u64,
    wall_seconds: f64,
    probe: Vec<f64>,
    probe_f32: Vec<f32>,
    valid: Vec<BatchTensors>,
    /// Held-out generic functions (only for an encoder that reads functions).
    valid_generic: Vec<BatchTensors>,
    last_valid: Option<ValidReport>,
}

/// Mixed into the seeds of the generic-function streams, so they never repeat the teachers'.
const GENERIC_SALT: u64 = 0x6765_6e65_7269_6321;

fn optimizer(config: &TrainConfig) -> ModuleOptimizer {
    AdamConfig::new()
        .with_grad_clipping(
            config
                .grad_clip
                .map(|c| GradientClippingConfig::Norm(c as f32)),
        )
        .init()
}

impl Trainer {
    /// A new run: the device generator is seeded with `config.seed` before weights are drawn.
    pub fn new(config: TrainConfig) -> Result<Trainer, TrainError> {
        config.validate()?;
        let dev = Device::flex().autodiff();
        dev.seed(config.seed);
        let model = Autoencoder::new(&config, &dev)?;
        Trainer::assemble(config, dev, model, None, 0, 0.0, None)
    }

    /// Continues the run a checkpoint recorded: same weights, optimiser moments, step and
    /// teacher-stream position. A weights-only checkpoint gives a fresh optimiser: fine for
    /// using the autoencoder, not for continuing its training exactly.
    pub fn resume(ckpt: &Checkpoint) -> Result<Trainer, TrainError> {
        let config = ckpt.meta.config.clone();
        config.validate()?;
        let dev = Device::flex().autodiff();
        dev.seed(config.seed);
        let fresh = Autoencoder::new(&config, &dev)?;
        // Weights first: loading them restores the parameter ids the optimiser state is keyed by.
        let model = fresh.load_bytes(&ckpt.model).map_err(TrainError::Weights)?;
        Trainer::assemble(
            config,
            dev,
            model,
            Some(ckpt.optim.as_slice()).filter(|o| !o.is_empty()),
            ckpt.meta.step,
            ckpt.meta.wall_seconds,
            ckpt.meta.last_valid.clone(),
        )
    }

    fn assemble(
        config: TrainConfig,
        dev: Device,
        model: Autoencoder,
        optim_state: Option<&[u8]>,
        step: u64,
        wall_seconds: f64,
        last_valid: Option<ValidReport>,
    ) -> Result<Trainer, TrainError> {
        let mut optim = optimizer(&config);
        if let Some(bytes) = optim_state {
            optim = optim
                .from_bytes(Bytes::from_bytes_vec(bytes.to_vec()))
                .map_err(|e| TrainError::Optimiser(e.to_string()))?;
        }
        let probe = config.probe();
        let probe_f32 = probe.iter().map(|v| *v as f32).collect();
        let preset = config.teachers.preset(&config.geometry, config.batch)?;
        let mut rng = teacher::rng(config.valid_seed);
        let mut valid = Vec::new();
        for _ in 0..config.valid_teachers / config.batch {
            let t = preset.batch(&mut rng).map_err(ConfigError::from)?;
            let b = Batch::new(&config.geometry, &t, &probe)
                .map_err(|e| TrainError::Optimiser(e.to_string()))?;
            valid.push(BatchTensors::new(&b, &config.geometry, &dev));
        }
        let mut valid_generic = Vec::new();
        if config.arch == super::Arch::Function {
            let generic = config.generic();
            let mut rng = teacher::rng(config.valid_seed ^ GENERIC_SALT);
            for _ in 0..config.valid_teachers / config.batch {
                let mut b = Batch::new(&config.geometry, &[], &probe)
                    .map_err(|e| TrainError::Optimiser(e.to_string()))?;
                b.push_functions(
                    &config.geometry,
                    &generic.batch(&mut rng, &probe, config.batch),
                );
                valid_generic.push(BatchTensors::new(&b, &config.geometry, &dev));
            }
        }
        Ok(Trainer {
            config,
            dev,
            model: Some(model),
            optim,
            step,
            wall_seconds,
            probe,
            probe_f32,
            valid,
            valid_generic,
            last_valid,
        })
    }

    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    /// Latent codes of `batches` batches of fresh teachers from the run's own distribution
    /// (drawn from `seed`): points where the decoders were trained, `[n, latent]` row-major.
    pub fn prior_latents(&self, batches: usize, seed: u64) -> Result<Vec<f32>, TrainError> {
        let g = self.config.geometry;
        let preset = self.config.teachers.preset(&g, self.config.batch)?;
        let mut rng = teacher::rng(seed);
        let mut z = Vec::new();
        for _ in 0..batches {
            let t = preset.batch(&mut rng).map_err(ConfigError::from)?;
            let b = Batch::new(&g, &t, &self.probe).map_err(TrainError::Canvas)?;
            let bt = BatchTensors::new(&b, &g, &self.dev);
            z.extend(to_host(bt.encode(self.model(), &g).detach()));
        }
        Ok(z)
    }
    /// Steps completed.
    pub fn steps_done(&self) -> u64 {
        self.step
    }
    pub fn wall_seconds(&self) -> f64 {
        self.wall_seconds
    }
    pub fn last_valid(&self) -> Option<&ValidReport> {
        self.last_valid.as_ref()
    }
    pub fn model(&self) -> &Autoencoder {
        self.model.as_ref().expect("model present between steps")
    }

    /// The teachers of step `step`: a pure function of the seed and the step, so a resumed run
    /// sees exactly the batches the uninterrupted run would have.
    pub fn batch_teachers(&self, step: u64) -> Result<Vec<Teacher>, TrainError> {
        let mut rng = teacher::rng(self.config.seed);
        rng.set_stream(step);
        let preset = self
            .config
            .teachers
            .preset(&self.config.geometry, self.config.teacher_batch())?;
        Ok(preset.batch(&mut rng).map_err(ConfigError::from)?)
    }

    /// The generic functions of step `step` (values at the probe points), likewise a pure
    /// function of the seed and the step.
    pub fn batch_functions(&self, step: u64) -> Vec<Vec<f64>> {
        let n = self.config.generic_per_batch();
        if n == 0 {
            return Vec::new();
        }
        let mut rng = teacher::rng(self.config.seed ^ GENERIC_SALT);
        rng.set_stream(step);
        self.config.generic().batch(&mut rng, &self.probe, n)
    }

    /// The probe points, row-major `[P, inputs]`.
    pub fn probe(&self) -> &[f64] {
        &self.probe
    }

    /// Runs one step and returns its loss (before the update).
    pub fn step(&mut self) -> Result<f32, TrainError> {
        let started = std::time::Instant::now();
        let teachers = self.batch_teachers(self.step)?;
        let g = self.config.geometry;
        let mut batch = Batch::new(&g, &teachers, &self.probe).map_err(TrainError::Canvas)?;
        batch.push_functions(&g, &self.batch_functions(self.step));
        let t = BatchTensors::new(&batch, &g, &self.dev);
        let lr = self.config.lr_at(self.step);
        let model = self.model.take().expect("model present between steps");
        let (model, fused) = train_step(
            model,
            &mut self.optim,
            lr,
            &g,
            &t,
            &self.probe_f32,
            self.config.loss,
        );
        self.model = Some(model);
        if !fused.loss.is_finite() {
            return Err(TrainError::NonFinite {
                step: self.step,
                loss: fused.loss,
            });
        }
        self.step += 1;
        self.wall_seconds += started.elapsed().as_secs_f64();
        Ok(fused.loss)
    }

    /// Scores the model on the held-out teachers (no gradients are kept).
    pub fn validate(&mut self) -> ValidReport {
        let started = std::time::Instant::now();
        let report = self.score_set(&self.valid);
        self.wall_seconds += started.elapsed().as_secs_f64();
        self.last_valid = Some(report.clone());
        report
    }

    /// Scores the model on the held-out generic functions, when its encoder reads functions.
    pub fn validate_generic(&mut self) -> Option<ValidReport> {
        if self.valid_generic.is_empty() {
            return None;
        }
        let started = std::time::Instant::now();
        let report = self.score_set(&self.valid_generic);
        self.wall_seconds += started.elapsed().as_secs_f64();
        Some(report)
    }

    /// Scores the model on functions given by their values at the probe points (each as
    /// `GenericFunctions::draw` gives them): encoded, decoded at every depth, the best depth
    /// compared with the function. `None` for an encoder that reads networks, not functions.
    pub fn score_functions(
        &self,
        functions: &[Vec<f64>],
    ) -> Result<Option<ValidReport>, TrainError> {
        if !self.model().reads_functions() || functions.is_empty() {
            return Ok(None);
        }
        let g = self.config.geometry;
        let mut set = Vec::new();
        for chunk in functions.chunks(self.config.batch) {
            let mut b = Batch::new(&g, &[], &self.probe).map_err(TrainError::Canvas)?;
            b.push_functions(&g, chunk);
            set.push(BatchTensors::new(&b, &g, &self.dev));
        }
        Ok(Some(self.score_set(&set)))
    }

    fn score_set(&self, set: &[BatchTensors]) -> ValidReport {
        let g = self.config.geometry;
        let model = self.model();
        let mut decoded: Vec<Vec<f32>> = vec![Vec::new(); g.max_depth];
        let mut targets = Vec::new();
        for t in set {
            let z = t.encode(model, &g).detach();
            for (k, c) in model.decode(&g, z).into_iter().enumerate() {
                decoded[k].extend(to_host(c));
            }
            targets.extend_from_slice(&t.host_targets);
        }
        score(&g, &decoded, &self.probe, &targets)
    }

    /// The run's state as a checkpoint.
    pub fn checkpoint(&self) -> Result<Checkpoint, TrainError> {
        let model = self.model();
        Ok(Checkpoint {
            meta: CheckpointMeta {
                swat_version: env!("CARGO_PKG_VERSION").to_string(),
                config: self.config.clone(),
                step: self.step,
                wall_seconds: self.wall_seconds,
                num_params: model.num_params(),
                last_valid: self.last_valid.clone(),
            },
            model: model.to_bytes()?,
            optim: self
                .optim
                .into_bytes()
                .map_err(|e| TrainError::Optimiser(e.to_string()))?
                .to_vec(),
        })
    }
}
