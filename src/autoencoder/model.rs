//! The autoencoder of either architecture behind one type: encode, decode, parameter count,
//! weights to and from bytes.
//! In: canvases grouped by depth (weights-reading archs) or function values (`function`), or
//! latents; out: latents or per-depth decoded canvases.

use super::batch::Geometry;
use super::config::{Arch, TrainConfig};
use super::fast::FastAutoencoder;
use super::function::FunctionAutoencoder;
use super::paper::PaperAutoencoder;
use burn::module::{Module, ModuleVisitor, Param};
use burn::optim::{GradientsParams, ModuleOptimizer};
use burn::store::ModuleRecord;
use burn::tensor::{Bytes, Device, Gradients, Tensor};

/// Why an autoencoder cannot be built, or its weights written or read.
#[derive(Debug, thiserror::Error)]
pub enum WeightsError {
    #[error("the paper architecture needs 7-row canvases (these have {0})")]
    PaperRows(usize),
    /// burn's record store refused the weights (another architecture or size).
    #[error("{0}")]
    Record(String),
}

/// An encoder-decoder of one of the supported architectures.
#[derive(Debug, Clone)]
pub enum Autoencoder {
    Fast(FastAutoencoder),
    Paper(PaperAutoencoder),
    Function(FunctionAutoencoder),
}

impl Autoencoder {
    /// A freshly initialised autoencoder (weights drawn from the device's seeded generator).
    pub fn new(config: &TrainConfig, dev: &Device) -> Result<Self, WeightsError> {
        match config.arch {
            Arch::Fast => Ok(Autoencoder::Fast(FastAutoencoder::new(
                &config.geometry,
                &config.fast,
                dev,
            ))),
            Arch::Function => Ok(Autoencoder::Function(FunctionAutoencoder::new(
                &config.geometry,
                &config.fast,
                config.probe_count(),
                dev,
            ))),
            Arch::Paper => {
                if config.geometry.rows != 7 {
                    return Err(WeightsError::PaperRows(config.geometry.rows));
                }
                Ok(Autoencoder::Paper(PaperAutoencoder::new(
                    &config.geometry,
                    dev,
                )))
            }
        }
    }

    pub fn arch(&self) -> Arch {
        match self {
            Autoencoder::Fast(_) => Arch::Fast,
            Autoencoder::Paper(_) => Arch::Paper,
            Autoencoder::Function(_) => Arch::Function,
        }
    }

    /// Whether the encoder reads the function's values (and so can encode data).
    pub fn reads_functions(&self) -> bool {
        matches!(self, Autoencoder::Function(_))
    }

    /// Encodes a depth-sorted batch: the weights-reading architectures read `canvases`
    /// `[B, R, C_max]` in `groups` (depth, start, len); `function` reads `values` `[B, P]`, the
    /// functions at the probe points. Each ignores what it does not read.
    pub fn encode(
        &self,
        geometry: &Geometry,
        canvases: Tensor<3>,
        groups: &[(usize, usize, usize)],
        values: Tensor<2>,
    ) -> Tensor<2> {
        match self {
            Autoencoder::Fast(m) => m.encode(geometry, canvases, groups),
            Autoencoder::Paper(m) => m.encode(geometry, canvases, groups),
            Autoencoder::Function(m) => m.encode(values),
        }
    }

    pub fn decode(&self, geometry: &Geometry, z: Tensor<2>) -> Vec<Tensor<3>> {
        match self {
            Autoencoder::Fast(m) => m.decode(geometry, z),
            Autoencoder::Paper(m) => m.decode(geometry, z),
            Autoencoder::Function(m) => m.decode(geometry, z),
        }
    }

    /// Size of the latent z.
    pub fn latent_size(&self) -> usize {
        match self {
            Autoencoder::Fast(m) => m.latent_size(),
            Autoencoder::Paper(_) => 128,
            Autoencoder::Function(m) => m.latent_size(),
        }
    }

    /// The same autoencoder with its weights frozen (no gradients kept for them), for search.
    pub fn no_grad(self) -> Self {
        match self {
            Autoencoder::Fast(m) => Autoencoder::Fast(m.no_grad()),
            Autoencoder::Paper(m) => Autoencoder::Paper(m.no_grad()),
            Autoencoder::Function(m) => Autoencoder::Function(m.no_grad()),
        }
    }

    pub fn num_params(&self) -> usize {
        match self {
            Autoencoder::Fast(m) => m.num_params(),
            Autoencoder::Paper(m) => m.num_params(),
            Autoencoder::Function(m) => m.num_params(),
        }
    }

    /// Every weight, in the module's visiting order: a comparable view of the model that,
    /// unlike the saved bytes, does not include the run-specific parameter ids.
    pub fn parameters(&self) -> Vec<f32> {
        struct Collect(Vec<f32>);
        impl ModuleVisitor for Collect {
            fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
                self.0.extend(super::step::to_host(param.val()));
            }
        }
        let mut c = Collect(Vec::new());
        match self {
            Autoencoder::Fast(m) => m.visit(&mut c),
            Autoencoder::Paper(m) => m.visit(&mut c),
            Autoencoder::Function(m) => m.visit(&mut c),
        }
        c.0
    }

    /// One optimiser step with the gradients of a backward pass.
    pub fn step(self, optim: &mut ModuleOptimizer, lr: f64, grads: Gradients) -> Self {
        match self {
            Autoencoder::Fast(m) => {
                let g = GradientsParams::from_grads(grads, &m);
                Autoencoder::Fast(optim.step(lr, m, g))
            }
            Autoencoder::Paper(m) => {
                let g = GradientsParams::from_grads(grads, &m);
                Autoencoder::Paper(optim.step(lr, m, g))
            }
            Autoencoder::Function(m) => {
                let g = GradientsParams::from_grads(grads, &m);
                Autoencoder::Function(optim.step(lr, m, g))
            }
        }
    }

    /// The weights as a burnpack byte buffer.
    pub fn to_bytes(&self) -> Result<Vec<u8>, WeightsError> {
        let rec = match self {
            Autoencoder::Fast(m) => m.clone().into_record(),
            Autoencoder::Paper(m) => m.clone().into_record(),
            Autoencoder::Function(m) => m.clone().into_record(),
        };
        rec.into_bytes()
            .map(|b| b.to_vec())
            .map_err(|e| WeightsError::Record(e.to_string()))
    }

    /// Loads weights written by `to_bytes` into this (freshly built) autoencoder. Fails when the
    /// shapes or names differ, i.e. the bytes belong to another architecture or size.
    pub fn load_bytes(self, bytes: &[u8]) -> Result<Self, WeightsError> {
        let record = |e: &dyn std::fmt::Display| WeightsError::Record(e.to_string());
        let rec = ModuleRecord::from_bytes(Bytes::from_bytes_vec(bytes.to_vec()))
            .map_err(|e| record(&e))?;
        match self {
            Autoencoder::Fast(m) => m
                .try_load_record(rec)
                .map(Autoencoder::Fast)
                .map_err(|e| record(&e)),
            Autoencoder::Paper(m) => m
                .try_load_record(rec)
                .map(Autoencoder::Paper)
                .map_err(|e| record(&e)),
            Autoencoder::Function(m) => m
                .try_load_record(rec)
                .map(Autoencoder::Function)
                .map_err(|e| record(&e)),
        }
    }
}
