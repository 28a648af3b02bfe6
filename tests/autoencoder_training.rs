//! The fast autoencoder learns: a few steps on one fixed batch lower the functional loss.

use burn::optim::AdamConfig;
use burn::tensor::Device;
use swat::autoencoder::model::Autoencoder;
use swat::autoencoder::step::{train_step, BatchTensors, LossConfig};
use swat::autoencoder::{
    Arch, Batch, ErrorScale, FastAutoencoder, FastConfig, MaskMode, TrainConfig,
};
use swat::mlp::Activation;
use swat::teacher::{self, grid, Paper2024};

#[test]
fn loss_falls_on_a_fixed_batch() {
    let dev = Device::flex().autodiff();
    dev.seed(1);
    // The paper's canvas: 7 rows, 3 inputs, depths 1..=4, no biases, sigmoid.
    let geometry = TrainConfig::new(Arch::Fast, Activation::Sigmoid).geometry;
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
