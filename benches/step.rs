//! Autoencoder training-step speed: median milliseconds per step at batch 32 and networks per
//! second, for each architecture, on the paper2024 sigmoid stream and the 1000-point grid.
//! Run: `cargo bench --bench step` (add `-- STEPS` to change the number of timed steps).

use burn::optim::AdamConfig;
use burn::tensor::Device;
use std::time::Instant;
use swat::autoencoder::model::Autoencoder;
use swat::autoencoder::step::{
    functional_loss, probe_tensor, train_step, BatchTensors, LossConfig,
};
use swat::autoencoder::{Arch, Batch, ErrorScale, MaskMode, TrainConfig};
use swat::mlp::Activation;
use swat::teacher::{self, grid, Paper2024};

#[global_allocator]
static ALLOCATOR: swat::allocator::MiMalloc = swat::allocator::MiMalloc;

fn main() {
    swat::allocator::keep_freed_memory();
    let steps: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(30);
    let dev = Device::flex().autodiff();
    dev.seed(0);
    // The paper's canvas: 7 rows, 3 inputs, depths 1..=4, no biases, sigmoid.
    let geometry = TrainConfig::new(Arch::Fast, Activation::Sigmoid).geometry;
    let per_axis: usize = std::env::var("SWAT_BENCH_GRID")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let points = grid(3, per_axis);
    let probe: Vec<f32> = points.iter().map(|v| *v as f32).collect();
    let preset = Paper2024::new(Activation::Sigmoid);
    let mut rng = teacher::rng(0);
    let batches: Vec<BatchTensors> = (0..steps + 3)
        .map(|_| {
            let t = preset.batch(&mut rng).expect("preset is valid");
            let b = Batch::new(&geometry, &t, &points).expect("teachers fit the canvas");
            BatchTensors::new(&b, &geometry, &dev)
        })
        .collect();
    let config = LossConfig {
        masks: MaskMode::StraightThrough,
        scale: ErrorScale::Relative,
    };
    // Three configurations in one run: the fast architecture with the fused kernel (what
    // training uses) and with the tensor-op loss (the reference the kernel is tested against),
    // and the paper's architecture with the fused kernel.
    let probe_t = probe_tensor(&points, 3, &dev);
    let cases = [
        ("fast arch, fused-kernel loss", Arch::Fast, true),
        ("fast arch, tensor-op loss", Arch::Fast, false),
        ("paper arch, fused-kernel loss", Arch::Paper, true),
    ];
    // SWAT_BENCH_ONLY=paper (or any part of a case's name) runs just the matching cases.
    let only = std::env::var("SWAT_BENCH_ONLY").unwrap_or_default();
    for (name, arch, fused) in cases.into_iter().filter(|c| c.0.contains(only.as_str())) {
        let mut model = Autoencoder::new(&TrainConfig::new(arch, Activation::Sigmoid), &dev)
            .expect("architecture builds");
        let mut optim = AdamConfig::new().init();
        let mut times = Vec::with_capacity(steps);
        for (k, t) in batches.iter().enumerate() {
            let start = Instant::now();
            model = if fused {
                train_step(model, &mut optim, 1e-4, &geometry, t, &probe, config).0
            } else {
                let (loss, _) = functional_loss(&model, &geometry, t, &probe_t, config);
                model.step(&mut optim, 1e-4, loss.backward())
            };
            if k >= 3 {
                times.push(start.elapsed().as_secs_f64() * 1e3);
            }
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        println!(
            "{name}, {} parameters, batch 32, {} probe points: median {median:.1} ms/step \
             (min {:.1}, max {:.1}, {} steps), {:.0} networks/s",
            model.num_params(),
            points.len() / 3,
            times[0],
            times[times.len() - 1],
            times.len(),
            32.0 * 1e3 / median
        );
    }
}
