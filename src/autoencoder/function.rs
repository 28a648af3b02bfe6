//! `--arch function`: an encoder that reads the function instead of the network. It sees the
//! training function's values at the probe points (standardised, with its mean and spread), so
//! it needs no canvas and can encode any function, a user's data included; the decoder is the
//! fast architecture's shared trunk and per-depth heads. In: values `[B, P]`; out: z and canvases.

use super::batch::Geometry;
use super::fast::{decode_heads, linear, FastConfig, SLOPE};
use burn::module::Module;
use burn::nn::Linear;
use burn::tensor::activation::leaky_relu;
use burn::tensor::{Device, Tensor};

/// The spread below which a function counts as flat: its standardised values are not blown up.
pub const STD_FLOOR: f32 = 1e-3;

#[derive(Module, Debug)]
pub struct FunctionAutoencoder {
    /// `P + 2 → hidden → trunk → latent`.
    encoder: Vec<Linear>,
    /// `latent → trunk → hidden`.
    decode_trunk: Vec<Linear>,
    /// One per depth: `hidden → R·C_L`.
    heads: Vec<Linear>,
}

/// What the encoder reads of a function's values `[B, P]`: the values standardised, then the
/// mean / 10 and the log of the standard deviation, so the code knows the function's level and
/// scale as well as its shape (`[B, P + 2]`).
pub fn features(values: Tensor<2>) -> Tensor<2> {
    let mean = values.clone().mean_dim(1);
    let centred = values - mean.clone();
    let std = centred
        .clone()
        .square()
        .mean_dim(1)
        .sqrt()
        .clamp_min(STD_FLOOR);
    let shape = centred / std.clone();
    Tensor::cat(vec![shape, mean / 10.0, std.log()], 1)
}

impl FunctionAutoencoder {
    /// A fresh autoencoder for functions sampled at `points` probe points.
    pub fn new(geometry: &Geometry, config: &FastConfig, points: usize, dev: &Device) -> Self {
        let size = |depth: usize| geometry.rows * geometry.spec(depth).cols();
        FunctionAutoencoder {
            encoder: vec![
                linear(points + 2, config.hidden, dev),
                linear(config.hidden, config.trunk, dev),
                linear(config.trunk, config.latent, dev),
            ],
            decode_trunk: vec![
                linear(config.latent, config.trunk, dev),
                linear(config.trunk, config.hidden, dev),
            ],
            heads: (1..=geometry.max_depth)
                .map(|d| linear(config.hidden, size(d), dev))
                .collect(),
        }
    }

    pub fn latent_size(&self) -> usize {
        self.encoder[2].weight.dims()[1]
    }

    /// Encodes functions given by their values at the probe points, `[B, P]` → `[B, latent]`.
    pub fn encode(&self, values: Tensor<2>) -> Tensor<2> {
        let mut h = features(values);
        for (k, l) in self.encoder.iter().enumerate() {
            h = l.forward(h);
            // The latent itself is left linear, as in the fast architecture.
            if k + 1 < self.encoder.len() {
                h = leaky_relu(h, SLOPE);
            }
        }
        h
    }

    pub fn decode(&self, geometry: &Geometry, z: Tensor<2>) -> Vec<Tensor<3>> {
        decode_heads(&self.decode_trunk, &self.heads, geometry, z)
    }
}
