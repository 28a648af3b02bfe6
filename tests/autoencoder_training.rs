//! The fast autoencoder learns: a few steps on one fixed batch lower the functional loss.

use burn::optim::AdamConfig;
use burn::tensor::Device;
use swat::autoencoder::model::Autoencoder;
use swat::autoencoder::step::{train_step, BatchTensors, LossConfig};
use swat::autoencoder::{Batch, ErrorScale, FastAutoencoder, FastConfig, Geometry, MaskMode};
use swat::mlp::{Activation, ActivationSet};
use swat::teacher::{self, grid, Paper2024};

#[test]
fn loss_falls_on_a_fixed_batch() {
    let dev = Device::flex().autodiff();
    dev.seed(1);
    let geometry = Geometry {
        rows: 7,
        inputs: 3,
        max_depth: 4,
        bias: false,
        activation: Activation::Sigmoid,
        choices: ActivationSet::NONE,
        leaky_slope: 0.01,
    };
    let points = grid(3, 5);
    let probe: Vec<f32> = points.iter().map(|v| *v as f32).collect();
    let teachers = Paper2024::new(Activation::Sigmoid)
        .batch(&mut teacher::rng(3))
        .unwrap();
    let batch = Batch::new(&geometry, &teachers, &points).unwrap();
    let t = BatchTensors::new(&batch, &geometry, &dev);
    let config = LossConfig {
        masks: MaskMode::StraightThrough,
        scale: ErrorScale::Relative,
    };
    let small = FastConfig {
        hidden: 128,
        trunk: 64,
        latent: 32,
    };
    let mut model = Autoencoder::Fast(FastAutoencoder::new(&geometry, &small, &dev));
    let mut optim = AdamConfig::new().init();
    let mut losses = Vec::new();
    for _ in 0..60 {
        let (m, fused) = train_step(model, &mut optim, 1e-3, &geometry, &t, &probe, config);
        model = m;
        assert!(fused.loss.is_finite());
        losses.push(fused.loss);
    }
    let first = losses[0];
    let last = losses[losses.len() - 5..].iter().sum::<f32>() / 5.0;
    println!("loss {first} -> {last}");
    assert!(last < 0.5 * first, "loss {first} -> {last}");
}
