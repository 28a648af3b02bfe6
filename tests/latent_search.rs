//! The paper's latent search moves z and t so that the loss falls, and keeps t in [0, 3];
//! it remembers each restart's read-out at its iterate of lowest loss.

use burn::tensor::Device;
use swat::autoencoder::{Arch, Autoencoder, FastConfig, TrainConfig};
use swat::mlp::Activation;
use swat::search::{LatentSearch, SearchConfig};
use swat::teacher::uniform_points;

/// Both tests seed the device's shared generator and then draw from it: run one at a time so
/// that each draws exactly what its seed gives.
static DEVICE_SEED: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn search_lowers_the_loss_and_bounds_the_threshold() {
    let _one_at_a_time = DEVICE_SEED.lock().unwrap_or_else(|e| e.into_inner());
    let dev = Device::flex().autodiff();
    dev.seed(5);
    let mut config = TrainConfig::new(Arch::Fast, Activation::Sigmoid);
    config.fast = FastConfig {
        hidden: 64,
        trunk: 32,
        latent: 16,
    };
    let ae = Autoencoder::new(&config, &dev).unwrap();
    let rows = 3000;
    let x64 = uniform_points(&mut swat::teacher::rng(1), rows, 3);
    let x: Vec<f32> = x64.iter().map(|v| *v as f32).collect();
    let y: Vec<f32> = (0..rows)
        .map(|r| (1.5 * x[3 * r] - x[3 * r + 2]).tanh() * 0.8)
        .collect();
    for depth in [1, 2] {
        let search_config = SearchConfig {
            restarts: 3,
            seed: 2,
            ..SearchConfig::default()
        };
        let mut s = LatentSearch::new(&ae, config.geometry, depth, &x, &y, search_config);
        let first = s.step();
        assert_eq!(first.loss.len(), 3);
        let mut last = first.clone();
        for _ in 0..60 {
            last = s.step();
            assert!(last.threshold.iter().all(|t| (0.0..=3.0).contains(t)));
            assert!(last.loss.iter().all(|l| l.is_finite()));
        }
        let (a, b): (f32, f32) = (first.mse.iter().sum(), last.mse.iter().sum());
        // An untrained decoder maps z to networks only loosely, so expect progress, not a fit.
        assert!(b < 0.85 * a, "depth {depth}: mse {a} -> {b}");
    }
}

#[test]
fn lowest_loss_read_out_is_the_iterate_whose_loss_was_lowest() {
    let _one_at_a_time = DEVICE_SEED.lock().unwrap_or_else(|e| e.into_inner());
    let dev = Device::flex().autodiff();
    dev.seed(7);
    let mut config = TrainConfig::new(Arch::Fast, Activation::Sigmoid);
    config.fast = FastConfig {
        hidden: 32,
        trunk: 16,
        latent: 8,
    };
    let ae = Autoencoder::new(&config, &dev).unwrap();
    let rows = 500;
    let x64 = uniform_points(&mut swat::teacher::rng(3), rows, 3);
    let x: Vec<f32> = x64.iter().map(|v| *v as f32).collect();
    let y: Vec<f32> = (0..rows).map(|r| (x[3 * r] * x[3 * r + 1]).sin()).collect();
    let search_config = SearchConfig {
        restarts: 2,
        seed: 4,
        // A large step makes the loss rise as well as fall, so the lowest is not the last.
        lr_z: 0.5,
        ..SearchConfig::default()
    };
    let mut s = LatentSearch::new(&ae, config.geometry, 2, &x, &y, search_config);
    s.keep_lowest_loss();
    // The read-out before a step is the one of the iterate that step scores.
    let mut best: Vec<(f32, Vec<f32>)> = Vec::new();
    let mut rose = false;
    let mut previous = [f32::INFINITY; 2];
    for _ in 0..40 {
        let before = s.read_out_canvases();
        let report = s.step();
        for k in 0..2 {
            rose |= report.loss[k] > previous[k];
            previous[k] = report.loss[k];
            if best.len() <= k {
                best.push((report.loss[k], before[k].clone()));
            } else if report.loss[k] < best[k].0 {
                best[k] = (report.loss[k], before[k].clone());
            }
        }
    }
    assert!(
        rose,
        "the loss never rose: the test would not tell lowest from last"
    );
    let kept = s.lowest_loss_canvases();
    for k in 0..2 {
        assert_eq!(kept[k], best[k].1, "restart {k}");
    }
    assert_ne!(
        kept,
        s.read_out_canvases(),
        "the last iterate's read-out differs"
    );
}
