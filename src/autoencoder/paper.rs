//! `--arch paper`: the 2024 paper's convolutional multi-scale autoencoder, layer for layer
//! (DESIGN §1.3). Four depth encoders (conv + residual blocks) → one 6144-wide slot per depth,
//! zero where inactive → 512 → 256 → 128 (z) → 256 → 512 → 6144 → four depth decoders (conv,
//! transposed conv, residual blocks, linear head) → one `[B, 7, 8L + 1]` canvas per depth.
//! Differences from the original: whole batches instead of one network at a time, and the
//! two BatchNorm layers per residual block that the original defines but never uses are left out.

use super::batch::Geometry;
use burn::module::{Module, Param};
use burn::nn::conv::{Conv2d, Conv2dConfig, ConvTranspose2d, ConvTranspose2dConfig};
use burn::nn::{BatchNorm, BatchNormConfig, Initializer, Linear, LinearConfig, PaddingConfig2d};
use burn::tensor::activation::relu;
use burn::tensor::{Device, Tensor};

const SLOPE: f64 = 0.01;
const XAVIER: Initializer = Initializer::XavierUniform { gain: 1.0 };

/// Leaky ReLU spelled as `(1 − s)·relu(x) + s·x`: the same function, but its gradient is a few
/// element-wise passes, where burn's `leaky_relu` is differentiated through boolean masks and
/// `mask_where` (measured: the spelled-out form makes a paper-architecture step faster).
fn lrelu<const D: usize>(x: Tensor<D>) -> Tensor<D> {
    relu(x.clone()).mul_scalar(1.0 - SLOPE) + x.mul_scalar(SLOPE)
}

/// A k×k convolution with Xavier weights and zero bias, padding (k-1)/2.
fn conv(cin: usize, cout: usize, k: usize, stride: usize, dev: &Device) -> Conv2d {
    let p = (k - 1) / 2;
    let mut c = Conv2dConfig::new([cin, cout], [k, k])
        .with_stride([stride, stride])
        .with_padding(PaddingConfig2d::Explicit(p, p, p, p))
        .with_initializer(XAVIER)
        .init(dev);
    c.bias = Some(Param::from_tensor(Tensor::zeros([cout], dev)));
    c
}

/// 3×3 transposed convolution, stride 2, padding 1, output padding 1: doubles height and width.
fn up(cin: usize, cout: usize, dev: &Device) -> ConvTranspose2d {
    // burn's transposed convolution gives its initialiser no fan-out, so Xavier's bound
    // √(6 / (fan_in + fan_out)) is spelled out (fans as PyTorch computes them: channels × 3 × 3).
    let bound = (6.0 / ((cin + cout) * 9) as f64).sqrt();
    let mut c = ConvTranspose2dConfig::new([cin, cout], [3, 3])
        .with_stride([2, 2])
        .with_padding([1, 1])
        .with_padding_out([1, 1])
        .with_initializer(Initializer::Uniform {
            min: -bound,
            max: bound,
        })
        .init(dev);
    c.bias = Some(Param::from_tensor(Tensor::zeros([cout], dev)));
    c
}

fn linear(i: usize, o: usize, dev: &Device) -> Linear {
    let mut l = LinearConfig::new(i, o).with_initializer(XAVIER).init(dev);
    l.bias = Some(Param::from_tensor(Tensor::zeros([o], dev)));
    l
}

/// conv3×3 (stride s) → LReLU → conv3×3, plus a shortcut (1×1 conv + BatchNorm when the shape
/// changes, else identity), then LReLU.
#[derive(Module, Debug)]
pub struct ResidualBlock {
    conv1: Conv2d,
    conv2: Conv2d,
    shortcut: Option<Conv2d>,
    norm: Option<BatchNorm>,
}

impl ResidualBlock {
    fn new(cin: usize, cout: usize, stride: usize, dev: &Device) -> Self {
        let changes = stride != 1 || cin != cout;
        ResidualBlock {
            conv1: conv(cin, cout, 3, stride, dev),
            conv2: conv(cout, cout, 3, 1, dev),
            shortcut: changes.then(|| conv(cin, cout, 1, stride, dev)),
            norm: changes.then(|| BatchNormConfig::new(cout).init(dev)),
        }
    }

    fn forward(&self, x: Tensor<4>) -> Tensor<4> {
        let identity = match (&self.shortcut, &self.norm) {
            (Some(c), Some(n)) => n.forward(c.forward(x.clone())),
            _ => x.clone(),
        };
        let out = self.conv2.forward(lrelu(self.conv1.forward(x)));
        lrelu(out + identity)
    }
}

/// One depth's encoder: `[n, 1, 7, W]` → `[n, 128 · 2 · ⌈W/4⌉]`.
#[derive(Module, Debug)]
pub struct DepthEncoder {
    conv: Conv2d,
    blocks: Vec<ResidualBlock>,
}

impl DepthEncoder {
    fn new(dev: &Device) -> Self {
        DepthEncoder {
            conv: conv(1, 32, 3, 1, dev),
            blocks: vec![
                ResidualBlock::new(32, 64, 2, dev),
                ResidualBlock::new(64, 128, 2, dev),
                ResidualBlock::new(128, 128, 1, dev),
            ],
        }
    }

    fn forward(&self, x: Tensor<4>) -> Tensor<2> {
        let mut h = lrelu(self.conv.forward(x));
        for b in &self.blocks {
            h = b.forward(h);
        }
        let [n, c, hh, w] = h.dims();
        h.reshape([n, c * hh * w])
    }
}

/// One depth's decoder: `[n, 128, 2, w′]` → `[n, 7, W]`.
#[derive(Module, Debug)]
pub struct DepthDecoder {
    conv_in: Conv2d,
    block1: ResidualBlock,
    up1: ConvTranspose2d,
    block2: ResidualBlock,
    up2: ConvTranspose2d,
    block3: ResidualBlock,
    conv_out: Conv2d,
    head: Vec<Linear>,
}

impl DepthDecoder {
    fn new(w_small: usize, rows: usize, cols: usize, dev: &Device) -> Self {
        DepthDecoder {
            conv_in: conv(128, 64, 3, 1, dev),
            block1: ResidualBlock::new(64, 64, 1, dev),
            up1: up(64, 64, dev),
            block2: ResidualBlock::new(64, 32, 1, dev),
            up2: up(32, 32, dev),
            block3: ResidualBlock::new(32, 1, 1, dev),
            conv_out: conv(1, 1, 3, 1, dev),
            head: vec![
                linear(32 * w_small, 512, dev),
                linear(512, 256, dev),
                linear(256, rows * cols, dev),
            ],
        }
    }

    fn forward(&self, x: Tensor<4>, rows: usize, cols: usize) -> Tensor<3> {
        let h = lrelu(self.conv_in.forward(x));
        let h = self.block1.forward(h);
        let h = lrelu(self.up1.forward(h));
        let h = self.block2.forward(h);
        let h = lrelu(self.up2.forward(h));
        let h = self.block3.forward(h);
        let h = self.conv_out.forward(h);
        let [n, c, hh, w] = h.dims();
        let mut f = h.reshape([n, c * hh * w]);
        f = lrelu(self.head[0].forward(f));
        f = lrelu(self.head[1].forward(f));
        self.head[2].forward(f).reshape([n, rows, cols])
    }
}

#[derive(Module, Debug)]
pub struct PaperAutoencoder {
    encoders: Vec<DepthEncoder>,
    encode_mlp: Vec<Linear>,
    decode_mlp: Vec<Linear>,
    decoders: Vec<DepthDecoder>,
}

/// Width after two stride-2 convolutions: ⌈W/4⌉ (9 → 3, 17 → 5, 25 → 7, 33 → 9).
fn small_width(cols: usize) -> usize {
    cols.div_ceil(4)
}

impl PaperAutoencoder {
    /// The paper's network for canvases of `geometry` (the paper: R = 7, depths 1..=4).
    pub fn new(geometry: &Geometry, dev: &Device) -> Self {
        let depths = 1..=geometry.max_depth;
        let flat: usize = depths.clone().map(|d| slot(geometry, d)).sum();
        PaperAutoencoder {
            encoders: depths.clone().map(|_| DepthEncoder::new(dev)).collect(),
            encode_mlp: vec![
                linear(flat, 512, dev),
                linear(512, 256, dev),
                linear(256, 128, dev),
            ],
            decode_mlp: vec![
                linear(128, 256, dev),
                linear(256, 512, dev),
                linear(512, flat, dev),
            ],
            decoders: depths
                .map(|d| {
                    let cols = geometry.spec(d).cols();
                    DepthDecoder::new(small_width(cols), geometry.rows, cols, dev)
                })
                .collect(),
        }
    }

    /// Encodes depth-grouped canvases (see `FastAutoencoder::encode`) to z `[B, 128]`.
    pub fn encode(
        &self,
        geometry: &Geometry,
        canvases: Tensor<3>,
        groups: &[(usize, usize, usize)],
    ) -> Tensor<2> {
        let r = geometry.rows;
        // The first shared layer sees a 6144-wide vector that is zero outside the network's own
        // depth slot, so only that slot's rows of its weight matter: multiplying by them alone
        // gives the same result and gradients at a quarter of the cost.
        let first = &self.encode_mlp[0];
        let weight = first.weight.val();
        let parts: Vec<Tensor<2>> = groups
            .iter()
            .map(|&(depth, start, len)| {
                let cols = geometry.spec(depth).cols();
                let x = geometry
                    .group(&canvases, depth, start, len)
                    .reshape([len, 1, r, cols]);
                let own = self.encoders[depth - 1].forward(x);
                let offset: usize = (1..depth).map(|d| slot(geometry, d)).sum();
                let rows = weight.clone().narrow(0, offset, slot(geometry, depth));
                own.matmul(rows)
            })
            .collect();
        let mut h = Tensor::cat(parts, 0);
        if let Some(b) = &first.bias {
            h = h + b.val().unsqueeze::<2>();
        }
        h = lrelu(h);
        for l in &self.encode_mlp[1..] {
            h = lrelu(l.forward(h));
        }
        h
    }

    /// Decodes z `[B, 128]` with every depth's decoder: one `[B, R, C_L]` tensor per depth.
    pub fn decode(&self, geometry: &Geometry, z: Tensor<2>) -> Vec<Tensor<3>> {
        let [b, _] = z.dims();
        let mut h = lrelu(self.decode_mlp[0].forward(z));
        h = lrelu(self.decode_mlp[1].forward(h));
        let h = self.decode_mlp[2].forward(h);
        let mut offset = 0;
        self.decoders
            .iter()
            .enumerate()
            .map(|(k, dec)| {
                let depth = k + 1;
                let cols = geometry.spec(depth).cols();
                let size = slot(geometry, depth);
                let chunk = h.clone().narrow(1, offset, size);
                offset += size;
                let x = chunk.reshape([b, 128, 2, small_width(cols)]);
                dec.forward(x, geometry.rows, cols)
            })
            .collect()
    }
}

/// Size of depth `d`'s slot in the shared 6144-wide vector: 128 channels × 2 × ⌈W/4⌉.
fn slot(geometry: &Geometry, d: usize) -> usize {
    128 * geometry.rows.div_ceil(4) * small_width(geometry.spec(d).cols())
}
