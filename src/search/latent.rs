//! The paper's latent search for one depth, with several restarts run together: z (and a
//! magnitude threshold t per restart) move by Adam; each iteration decodes the weights, softly
//! masks small ones, fits the data and pays for weights above the threshold.
//! In: a frozen autoencoder, a depth, scaled data; out: per-iteration losses and canvases.

use crate::autoencoder::data_fit::{data_fit, DataChunks};
use crate::autoencoder::step::to_host;
use crate::autoencoder::{Autoencoder, Geometry, MaskMode};
use crate::canvas::{Canvas, CanvasError};
use crate::mlp::Mlp;
use burn::module::{Module, Param};
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::tensor::activation::sigmoid;
use burn::tensor::{Device, Tensor, TensorData};
use rand::RngExt;

/// Multiplier of the paper's sparsity terms.
pub const SPARSITY: f64 = 1.0;

/// Settings of the search (defaults: the paper's).
#[derive(Debug, Clone, PartialEq)]
pub struct SearchConfig {
    /// Independent starts searched together.
    pub restarts: usize,
    pub lr_z: f64,
    pub lr_t: f64,
    /// Multiplies the sparsity terms (1 = the paper's c = MSE₀ / 7000).
    pub sparsity: f64,
    pub seed: u64,
    /// Rows per iteration in chunks of 2048, cycling through the data (0: all rows, the
    /// paper's full batch).
    pub batch_chunks: usize,
    /// Starting points `[restarts, latent]` instead of the paper's z ~ U[0, 1).
    pub init: Option<Vec<f32>>,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            restarts: 1,
            lr_z: 0.1,
            lr_t: 0.01,
            sparsity: SPARSITY,
            seed: 0,
            batch_chunks: 0,
            init: None,
        }
    }
}

#[derive(Module, Debug)]
struct Latent {
    z: Param<Tensor<2>>,
}

#[derive(Module, Debug)]
struct Threshold {
    t: Param<Tensor<1>>,
}

/// One iteration's figures, per restart.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchReport {
    pub loss: Vec<f32>,
    pub mse: Vec<f32>,
    /// The smooth count Σ σ(10(|w| − t)) over the network's weights.
    pub soft_count: Vec<f32>,
    pub threshold: Vec<f32>,
}

/// A search in progress.
pub struct LatentSearch {
    ae: Autoencoder,
    geometry: Geometry,
    depth: usize,
    /// The minibatches, used in turn (one holding every row for a full batch).
    batches: Vec<DataChunks>,
    iteration: usize,
    latent: Option<Latent>,
    threshold: Option<Threshold>,
    opt_z: ModuleOptimizer,
    opt_t: ModuleOptimizer,
    config: SearchConfig,
    /// Per restart, c = MSE at the first iteration / 7000 × `sparsity`.
    c: Option<Vec<f32>>,
    /// `[1, R, C]`: 1 on weight and bias entries (softly thresholded), 0 on the rest.
    weight_cols: Tensor<3>,
    dev: Device,
    latent_size: usize,
    /// Per restart, the lowest loss so far and the read-out of that iterate, once asked for
    /// (`keep_lowest_loss`).
    lowest: Option<Vec<(f32, Vec<f32>)>>,
}

impl LatentSearch {
    /// Starts a search: z from `config.init` or ~ U[0, 1) per restart from `config.seed`, t = 0. `x` is row-major
    /// `[N, d]` and `y` `[N]`, both already scaled to [-1, 1].
    pub fn new(
        ae: &Autoencoder,
        geometry: Geometry,
        depth: usize,
        x: &[f32],
        y: &[f32],
        config: SearchConfig,
    ) -> LatentSearch {
        let dev = Device::flex().autodiff();
        let ae = ae.clone().no_grad();
        let latent_size = ae.latent_size();
        let mut rng = crate::teacher::rng(config.seed);
        let z0: Vec<f32> = match &config.init {
            Some(z) if z.len() == config.restarts * latent_size => z.clone(),
            _ => (0..config.restarts * latent_size)
                .map(|_| rng.random_range(0.0f32..1.0))
                .collect(),
        };
        let z = Tensor::<2>::from_data(TensorData::new(z0, [config.restarts, latent_size]), &dev);
        let t = Tensor::<1>::zeros([config.restarts], &dev);
        let spec = geometry.spec(depth);
        let cols = spec.cols();
        let w: Vec<f32> = spec
            .weight_entries()
            .iter()
            .map(|&e| if e { 1.0 } else { 0.0 })
            .collect();
        let weight_cols = Tensor::<3>::from_data(TensorData::new(w, [1, spec.rows, cols]), &dev);
        let all = DataChunks::new(x, y, geometry.inputs);
        let per = if config.batch_chunks == 0 {
            all.chunks().max(1)
        } else {
            config.batch_chunks.min(all.chunks().max(1))
        };
        let batches = if per >= all.chunks() {
            vec![all]
        } else {
            (0..all.chunks())
                .step_by(per)
                .map(|first| all.window(first, per))
                .collect()
        };
        LatentSearch {
            ae,
            geometry,
            depth,
            batches,
            iteration: 0,
            latent: Some(Latent {
                z: Param::from_tensor(z),
            }),
            threshold: Some(Threshold {
                t: Param::from_tensor(t),
            }),
            opt_z: AdamConfig::new().init(),
            opt_t: AdamConfig::new().init(),
            config,
            c: None,
            weight_cols,
            dev,
            latent_size,
            lowest: None,
        }
    }

    /// From now on, remember each restart's iterate of lowest loss and its read-out (the
    /// paper's code keeps the same: its `best_loss`, `best_original`, `best_t`).
    pub fn keep_lowest_loss(&mut self) {
        self.lowest.get_or_insert_with(Vec::new);
    }

    /// Each restart's read-out at its iterate of lowest loss (after `keep_lowest_loss` and at
    /// least one step), else the current one.
    pub fn lowest_loss_canvases(&self) -> Vec<Vec<f32>> {
        match &self.lowest {
            Some(kept) if kept.len() == self.config.restarts => {
                kept.iter().map(|(_, c)| c.clone()).collect()
            }
            _ => self.read_out_canvases(),
        }
    }

    pub fn latent_size(&self) -> usize {
        self.latent_size
    }

    /// One iteration: decode, soft-mask, fit, penalise, step z and t; t is kept in [0, 3].
    pub fn step(&mut self) -> SearchReport {
        let latent = self.latent.take().expect("latent present between steps");
        let threshold = self
            .threshold
            .take()
            .expect("threshold present between steps");
        let k = self.config.restarts;
        let decoded = self.ae.decode(&self.geometry, latent.z.val());
        let w = decoded[self.depth - 1].clone();
        let t = threshold.t.val().reshape([k, 1, 1]);
        let t_before: Vec<f32> = if self.lowest.is_some() {
            to_host(threshold.t.val())
        } else {
            Vec::new()
        };
        let wc = self.weight_cols.clone();
        let absw = w.clone().abs();
        // ŵ = w ⊙ σ(100(|w| − t)) on weights and biases; mask and choice columns pass as they are.
        let keep =
            sigmoid((absw.clone() - t.clone()) * 100.0) * wc.clone() + (wc.clone() * -1.0 + 1.0);
        let w_hat = w.clone() * keep;
        let host: Vec<f32> = to_host(w_hat.clone());
        let fit = data_fit(
            &self.geometry,
            self.depth,
            &host,
            &self.batches[self.iteration % self.batches.len()],
            MaskMode::Hard,
        );
        let structure = self.structure(&w);
        let soft_count = (sigmoid((absw.clone() - t) * 10.0) * structure.clone()).sum_dims(&[1, 2]);
        let l1 = (absw * structure).sum_dims(&[1, 2]);
        let c = self
            .c
            .get_or_insert_with(|| {
                fit.mse
                    .iter()
                    .map(|m| m / 7000.0 * self.config.sparsity as f32)
                    .collect()
            })
            .clone();
        let c_t = Tensor::<1>::from_data(TensorData::new(c.clone(), [k]), &self.dev);
        let penalty = (soft_count.clone().reshape([k]) * 0.5 + l1.reshape([k]) * 0.1) * c_t;
        let shape = w_hat.shape();
        let g = Tensor::<3>::from_data(TensorData::new(fit.grads.clone(), shape), &self.dev);
        let surrogate = (w_hat * g).sum() + penalty.clone().sum();
        let mut grads = surrogate.backward();
        let gz = GradientsParams::from_module(&mut grads, &latent);
        let gt = GradientsParams::from_module(&mut grads, &threshold);
        let latent = self.opt_z.step(self.config.lr_z, latent, gz);
        let threshold = self.opt_t.step(self.config.lr_t, threshold, gt);
        let threshold = Threshold {
            t: threshold
                .t
                .map(|t| t.clamp(0.0, 3.0).detach().require_grad()),
        };
        let pen: Vec<f32> = to_host(penalty);
        let loss: Vec<f32> = fit.mse.iter().zip(&pen).map(|(m, p)| m + p).collect();
        if self.lowest.is_some() {
            self.remember_lowest(&loss, &to_host(w), &t_before);
        }
        let report = SearchReport {
            loss,
            mse: fit.mse,
            soft_count: to_host(soft_count),
            threshold: to_host(threshold.t.val()),
        };
        self.latent = Some(latent);
        self.threshold = Some(threshold);
        self.iteration += 1;
        report
    }

    /// The paper's read-out of every restart: weights and biases below the restart's threshold
    /// become zero, absent neurons go, and the network is compacted.
    pub fn read_out(&self) -> Result<Vec<Mlp>, CanvasError> {
        let spec = self.geometry.spec(self.depth);
        self.read_out_canvases()
            .into_iter()
            .map(|data| Ok(Canvas::from_decoder_output(spec, data)?.decode().compact()))
            .collect()
    }

    /// The thresholded canvases of the read-out (mask columns still logits), one per restart.
    pub fn read_out_canvases(&self) -> Vec<Vec<f32>> {
        let latent = self.latent.as_ref().expect("latent present between steps");
        let threshold = self
            .threshold
            .as_ref()
            .expect("threshold present between steps");
        let decoded = self.ae.decode(&self.geometry, latent.z.val().detach());
        let w = to_host(decoded[self.depth - 1].clone());
        let t = to_host(threshold.t.val());
        self.thresholded(&w, &t)
    }

    /// Per restart, the decoded canvas with weights and biases below its threshold zeroed.
    fn thresholded(&self, w: &[f32], t: &[f32]) -> Vec<Vec<f32>> {
        let cols = self.weight_entries();
        let size = cols.len();
        (0..self.config.restarts)
            .map(|k| {
                w[k * size..(k + 1) * size]
                    .iter()
                    .zip(&cols)
                    .map(|(v, c)| if *c && v.abs() < t[k] { 0.0 } else { *v })
                    .collect()
            })
            .collect()
    }

    /// Keeps the read-out of every restart whose `loss` (at decoded weights `w` and
    /// thresholds `t`, before this step's update) is its lowest yet.
    fn remember_lowest(&mut self, loss: &[f32], w: &[f32], t: &[f32]) {
        let canvases = self.thresholded(w, t);
        let kept = self.lowest.get_or_insert_with(Vec::new);
        if kept.is_empty() {
            *kept = loss.iter().copied().zip(canvases).collect();
            return;
        }
        for ((best, canvas), (&l, c)) in kept.iter_mut().zip(loss.iter().zip(canvases)) {
            // A NaN loss is never the lowest.
            if l < *best || (best.is_nan() && !l.is_nan()) {
                (*best, *canvas) = (l, c);
            }
        }
    }

    /// Which canvas entries are weights or biases (the rest are activation and mask columns).
    pub fn weight_entries(&self) -> Vec<bool> {
        self.geometry.spec(self.depth).weight_entries()
    }

    /// `[K, R, C]`: 1 on the weight and bias entries that belong to the decoded network (rows
    /// of present sources, columns of present targets, inputs only in their rows), else 0.
    fn structure(&self, w: &Tensor<3>) -> Tensor<3> {
        let spec = self.geometry.spec(self.depth);
        let [k, r, _] = w.dims();
        let present = sigmoid(w.clone().narrow(2, spec.mask_col(0), self.depth))
            .greater_elem(0.5)
            .float()
            .detach();
        let mut inputs = vec![0.0f32; r];
        for v in inputs
            .iter_mut()
            .skip(spec.input_offset())
            .take(spec.inputs)
        {
            *v = 1.0;
        }
        let input_rows =
            Tensor::<3>::from_data(TensorData::new(inputs, [1, r, 1]), &self.dev).expand([k, r, 1]);
        let mut parts: Vec<Tensor<3>> = Vec::new();
        for l in 0..=self.depth {
            let rows = if l == 0 {
                input_rows.clone()
            } else {
                present.clone().narrow(2, l - 1, 1)
            };
            let cols = if l == self.depth {
                Tensor::<3>::ones([k, 1, 1], &self.dev)
            } else {
                present.clone().narrow(2, l, 1).swap_dims(1, 2)
            };
            parts.push(rows.matmul(cols));
            if spec.bias {
                let b = if l == self.depth {
                    let mut first = vec![0.0f32; r];
                    first[0] = 1.0;
                    Tensor::<3>::from_data(TensorData::new(first, [1, r, 1]), &self.dev)
                        .expand([k, r, 1])
                } else {
                    present.clone().narrow(2, l, 1)
                };
                parts.push(b);
            }
            if l < self.depth && spec.choice_cols() > 0 {
                parts.push(Tensor::zeros([k, r, spec.choice_cols()], &self.dev));
            }
        }
        parts.push(Tensor::zeros([k, r, self.depth], &self.dev));
        Tensor::cat(parts, 2)
    }
}
