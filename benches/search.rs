//! Latent-search speed: median milliseconds per iteration on 50,000 rows × 3 inputs for each
//! depth, with 1 restart (the paper's search) and 8 restarts searched together.
//! Run: `cargo bench --bench search` (add `-- ITERATIONS`). The autoencoder is freshly
//! initialised (speed does not depend on its training) unless SWAT_BENCH_AE names a
//! checkpoint written by `swat train-ae`.

use burn::tensor::Device;
use std::time::Instant;
use swat::autoencoder::{Arch, Autoencoder, Checkpoint, TrainConfig, Trainer};
use swat::mlp::Activation;
use swat::search::{LatentSearch, SearchConfig};
use swat::teacher::{uniform_points, Paper2024Target};

#[global_allocator]
static ALLOCATOR: swat::allocator::MiMalloc = swat::allocator::MiMalloc;

fn main() {
    swat::allocator::keep_freed_memory();
    let iterations: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(20);
    let (ae, geometry) = match std::env::var_os("SWAT_BENCH_AE") {
        Some(path) => {
            let ckpt = Checkpoint::load(std::path::Path::new(&path)).expect("checkpoint loads");
            let t = Trainer::resume(&ckpt).expect("checkpoint resumes");
            (t.model().clone(), t.config().geometry)
        }
        None => {
            let dev = Device::flex().autodiff();
            dev.seed(0);
            let c = TrainConfig::new(Arch::Fast, Activation::Sigmoid);
            (Autoencoder::new(&c, &dev).expect("builds"), c.geometry)
        }
    };
    // The paper's kind of data: a width-5 sigmoid teacher, 50,000 uniform rows.
    let teacher = Paper2024Target::new(Activation::Sigmoid, 2, 0.7)
        .draw(&mut swat::teacher::rng(1))
        .expect("valid preset");
    let rows = 50_000;
    let x64 = uniform_points(&mut swat::teacher::rng(2), rows, 3);
    let y64 = teacher.network.forward(&x64).expect("3 inputs");
    let (lo, hi) = y64
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
    let x: Vec<f32> = x64.iter().map(|v| *v as f32).collect();
    let y: Vec<f32> = y64
        .iter()
        .map(|v| (2.0 * (v - lo) / (hi - lo) - 1.0) as f32)
        .collect();
    for restarts in [1, 8] {
        for depth in 1..=4 {
            let config = SearchConfig {
                restarts,
                ..SearchConfig::default()
            };
            let mut s = LatentSearch::new(&ae, geometry, depth, &x, &y, config);
            let mut times = Vec::with_capacity(iterations);
            for k in 0..iterations + 2 {
                let start = Instant::now();
                s.step();
                if k >= 2 {
                    times.push(start.elapsed().as_secs_f64() * 1e3);
                }
            }
            times.sort_by(f64::total_cmp);
            println!(
                "latent search, depth {depth}, {restarts} restart(s), {rows} rows: median {:.1} ms/iteration (min {:.1}, max {:.1})",
                times[times.len() / 2],
                times[0],
                times[times.len() - 1]
            );
        }
    }
}
