//! `--arch fast`: the paper's multi-scale shape sized for two CPU cores. Per-depth MLP
//! encoders over the flattened canvas → shared trunk → latent z; shared trunk → per-depth
//! linear heads emitting canvases. In: canvases grouped by depth; out: z `[B, latent]` and one
//! decoded canvas tensor `[B, R, C_L]` per depth.

use super::batch::Geometry;
use burn::module::{Module, Param};
use burn::nn::{Initializer, Linear, LinearConfig};
use burn::tensor::activation::leaky_relu;
use burn::tensor::{Device, Tensor};

/// Sizes of the fast autoencoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FastConfig {
    /// Width of the per-depth encoder and head layers next to the canvas.
    pub hidden: usize,
    /// Width of the shared trunk between `hidden` and the latent.
    pub trunk: usize,
    pub latent: usize,
}

impl Default for FastConfig {
    fn default() -> Self {
        FastConfig {
            hidden: 512,
            trunk: 256,
            latent: 128,
        }
    }
}

/// Slope of the leaky ReLUs between layers.
pub(super) const SLOPE: f64 = 0.01;

#[derive(Module, Debug)]
pub struct FastAutoencoder {
    /// One per depth 1 ..= max_depth: `R·C_L → hidden`.
    encoders: Vec<Linear>,
    /// `hidden → trunk → latent`.
    encode_trunk: Vec<Linear>,
    /// `latent → trunk → hidden`.
    decode_trunk: Vec<Linear>,
    /// One per depth: `hidden → R·C_L`.
    heads: Vec<Linear>,
}

/// Xavier-uniform weights and zero biases, as the paper initialises.
pub(super) fn linear(i: usize, o: usize, dev: &Device) -> Linear {
    let mut l = LinearConfig::new(i, o)
        .with_initializer(Initializer::XavierUniform { gain: 1.0 })
        .init(dev);
    l.bias = Some(Param::from_tensor(Tensor::zeros([o], dev)));
    l
}

impl FastAutoencoder {
    pub fn new(geometry: &Geometry, config: &FastConfig, dev: &Device) -> Self {
        let size = |depth: usize| geometry.rows * geometry.spec(depth).cols();
        let depths = 1..=geometry.max_depth;
        FastAutoencoder {
            encoders: depths
                .clone()
                .map(|d| linear(size(d), config.hidden, dev))
                .collect(),
            encode_trunk: vec![
                linear(config.hidden, config.trunk, dev),
                linear(config.trunk, config.latent, dev),
            ],
            decode_trunk: vec![
                linear(config.latent, config.trunk, dev),
                linear(config.trunk, config.hidden, dev),
            ],
            heads: depths
                .map(|d| linear(config.hidden, size(d), dev))
                .collect(),
        }
    }

    /// Size of the latent z.
    pub fn latent_size(&self) -> usize {
        self.encode_trunk[1].weight.dims()[1]
    }

    /// Encodes canvases `[B, R, C_max]` whose rows `start .. start + len` of each group in
    /// `groups` (depth, start, len) are networks of that depth; groups must tile the batch in
    /// order. Returns z `[B, latent]`.
    pub fn encode(
        &self,
        geometry: &Geometry,
        canvases: Tensor<3>,
        groups: &[(usize, usize, usize)],
    ) -> Tensor<2> {
        let r = geometry.rows;
        let parts: Vec<Tensor<2>> = groups
            .iter()
            .map(|&(depth, start, len)| {
                let cols = geometry.spec(depth).cols();
                let x = geometry
                    .group(&canvases, depth, start, len)
                    .reshape([len, r * cols]);
                leaky_relu(self.encoders[depth - 1].forward(x), SLOPE)
            })
            .collect();
        let mut h = Tensor::cat(parts, 0);
        h = leaky_relu(self.encode_trunk[0].forward(h), SLOPE);
        // The latent itself is left linear: the search moves freely in it.
        self.encode_trunk[1].forward(h)
    }

    /// Decodes z `[B, latent]` with every depth's head: one `[B, R, C_L]` tensor per depth.
    pub fn decode(&self, geometry: &Geometry, z: Tensor<2>) -> Vec<Tensor<3>> {
        decode_heads(&self.decode_trunk, &self.heads, geometry, z)
    }
}

/// The shared decoder trunk, then every depth's head: one `[B, R, C_L]` tensor per depth.
pub(super) fn decode_heads(
    trunk: &[Linear],
    heads: &[Linear],
    geometry: &Geometry,
    z: Tensor<2>,
) -> Vec<Tensor<3>> {
    let [b, _] = z.dims();
    let h = trunk.iter().fold(z, |h, l| leaky_relu(l.forward(h), SLOPE));
    heads
        .iter()
        .enumerate()
        .map(|(k, head)| {
            let cols = geometry.spec(k + 1).cols();
            head.forward(h.clone()).reshape([b, geometry.rows, cols])
        })
        .collect()
}
