//! One training step of the autoencoder: batch → tensors → encode → decode with every depth →
//! functional loss (minimum over decoders) → Adam.
//! In: a `Batch` and the probe points; out: the updated model and the step's loss.

use super::batch::{Batch, Geometry};
use super::functional::{min_over_decoders, network_errors, run_decoded, ErrorScale, MaskMode};
use super::kernel::{fused_loss, FusedLoss};
use super::model::Autoencoder;
use burn::optim::ModuleOptimizer;
use burn::tensor::{Device, Tensor, TensorData};

/// A batch on a device, sorted so each depth's networks are contiguous.
pub struct BatchTensors {
    pub canvases: Tensor<3>,
    pub targets: Tensor<2>,
    /// The same targets on the host, for the fused kernel.
    pub host_targets: Vec<f32>,
    /// (depth, first row, rows) for each depth present, in batch order.
    pub groups: Vec<(usize, usize, usize)>,
}

impl BatchTensors {
    pub fn new(batch: &Batch, geometry: &Geometry, dev: &Device) -> Self {
        let (r, c) = (geometry.rows, geometry.max_cols());
        let mut order: Vec<usize> = (0..batch.size).collect();
        order.sort_by_key(|&k| batch.depths[k]);
        let mut canvases = Vec::with_capacity(batch.canvases.len());
        let mut targets = Vec::with_capacity(batch.targets.len());
        let mut groups: Vec<(usize, usize, usize)> = Vec::new();
        for (row, &k) in order.iter().enumerate() {
            canvases.extend_from_slice(&batch.canvases[k * r * c..(k + 1) * r * c]);
            targets.extend_from_slice(&batch.targets[k * batch.points..(k + 1) * batch.points]);
            match groups.last_mut() {
                Some(g) if g.0 == batch.depths[k] => g.2 += 1,
                _ => groups.push((batch.depths[k], row, 1)),
            }
        }
        BatchTensors {
            canvases: Tensor::from_data(TensorData::new(canvases, [batch.size, r, c]), dev),
            targets: Tensor::from_data(
                TensorData::new(targets.clone(), [batch.size, batch.points]),
                dev,
            ),
            host_targets: targets,
            groups,
        }
    }

    /// The batch's latent codes: of its canvases or of its functions, whichever `model` reads.
    pub fn encode(&self, model: &Autoencoder, geometry: &Geometry) -> Tensor<2> {
        model.encode(
            geometry,
            self.canvases.clone(),
            &self.groups,
            self.targets.clone(),
        )
    }
}

/// The probe points `[P, d]` on a device.
pub fn probe_tensor(points: &[f64], inputs: usize, dev: &Device) -> Tensor<2> {
    let p: Vec<f32> = points.iter().map(|v| *v as f32).collect();
    Tensor::from_data(TensorData::new(p, [points.len() / inputs, inputs]), dev)
}

/// Settings of the functional loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LossConfig {
    pub masks: MaskMode,
    pub scale: ErrorScale,
}

/// The batch loss and each network's best error over decoders `[B]` (batch order of `t`).
pub fn functional_loss(
    model: &Autoencoder,
    geometry: &Geometry,
    t: &BatchTensors,
    probe: &Tensor<2>,
    config: LossConfig,
) -> (Tensor<1>, Tensor<1>) {
    let z = t.encode(model, geometry);
    let decoded = model.decode(geometry, z);
    let errors = decoded
        .into_iter()
        .enumerate()
        .map(|(k, canvas)| {
            let out = run_decoded(geometry, k + 1, canvas, probe.clone(), config.masks);
            network_errors(out, t.targets.clone(), config.scale)
        })
        .collect();
    min_over_decoders(errors)
}

/// One Adam step; returns the updated model and the loss before the step. When the loss is
/// not finite the model comes back unchanged (the caller decides to stop).
///
/// The functional loss and its gradient with respect to the decoded canvases come from the fused
/// kernel; autodiff then carries that gradient through the decoder and encoder by
/// back-propagating the surrogate Σ canvas ⊙ gradient, which has exactly that gradient.
pub fn train_step(
    model: Autoencoder,
    optim: &mut ModuleOptimizer,
    lr: f64,
    geometry: &Geometry,
    t: &BatchTensors,
    probe: &[f32],
    config: LossConfig,
) -> (Autoencoder, FusedLoss) {
    let z = t.encode(&model, geometry);
    let decoded = model.decode(geometry, z);
    let host: Vec<Vec<f32>> = decoded.iter().map(|c| to_host(c.clone())).collect();
    let fused = fused_loss(
        geometry,
        &host,
        probe,
        &t.host_targets,
        config.masks,
        config.scale,
    );
    let mut fused = fused;
    if fused.grads.iter().flatten().any(|g| !g.is_finite()) {
        // An overflowing gradient would poison the weights; report it as a non-finite loss.
        fused.loss = f32::NAN;
    }
    if !fused.loss.is_finite() {
        return (model, fused);
    }
    let surrogate = decoded
        .into_iter()
        .zip(&fused.grads)
        .map(|(c, g)| {
            let shape = c.shape();
            let g = Tensor::<3>::from_data(TensorData::new(g.clone(), shape), &c.device());
            (c * g).sum()
        })
        .reduce(|a, b| a + b)
        .expect("at least one decoder");
    (model.step(optim, lr, surrogate.backward()), fused)
}

/// A tensor's values on the host.
pub fn to_host<const D: usize>(t: Tensor<D>) -> Vec<f32> {
    t.into_data()
        .try_into_vec::<f32>()
        .expect("autoencoder tensors are f32")
}
