//! Fine-tuning step speed: median milliseconds of one data-fit gradient on a minibatch of
//! 4,096 rows × 3 inputs (two data chunks), for a 7-row sigmoid canvas at
//! each depth, dense and pruned to a share of its weights, with `data_fit` (every entry's
//! gradient) and `data_fit_live` (what the fine-tune and sparsifying use).
//! Run: `cargo bench --bench tune` (add `-- STEPS`).

use rand::RngExt;
use std::time::Instant;
use swat::autoencoder::data_fit::{data_fit, data_fit_live, DataChunks};
use swat::autoencoder::{Geometry, MaskMode};
use swat::mlp::{Activation, ActivationSet};
use swat::teacher::uniform_points;

#[global_allocator]
static ALLOCATOR: swat::allocator::MiMalloc = swat::allocator::MiMalloc;

fn median_ms(steps: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..steps + 2)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e3
        })
        .skip(2)
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    swat::allocator::keep_freed_memory();
    let steps: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(200);
    let g = Geometry {
        rows: 7,
        inputs: 3,
        max_depth: 4,
        bias: true,
        activation: Activation::Sigmoid,
        choices: ActivationSet::NONE,
        leaky_slope: 0.01,
    };
    let rows = 4096;
    let x: Vec<f32> = uniform_points(&mut swat::teacher::rng(3), rows, 3)
        .iter()
        .map(|v| *v as f32)
        .collect();
    let y: Vec<f32> = (0..rows).map(|r| (r as f32 * 0.01).sin()).collect();
    let batch = DataChunks::new(&x, &y, 3);
    let mut rng = swat::teacher::rng(4);
    for depth in 1..=4 {
        let spec = g.spec(depth);
        let weights = spec.weight_entries();
        let dense: Vec<f32> = (0..spec.rows * spec.cols())
            .map(|k| {
                if weights[k] {
                    rng.random_range(-1.5f32..1.5)
                } else {
                    4.0 // every neuron present
                }
            })
            .collect();
        for keep in [1.0f32, 0.25, 0.1] {
            let canvas: Vec<f32> = dense
                .iter()
                .zip(&weights)
                .map(|(v, w)| {
                    if *w && rng.random_range(0.0f32..1.0) >= keep {
                        0.0
                    } else {
                        *v
                    }
                })
                .collect();
            let every = median_ms(steps, || {
                std::hint::black_box(data_fit(&g, depth, &canvas, &batch, MaskMode::Hard));
            });
            let live = median_ms(steps, || {
                std::hint::black_box(data_fit_live(&g, depth, &canvas, &batch));
            });
            println!(
                "fine-tune step, depth {depth}, {:>3.0}% of weights kept, {rows} rows: data_fit {every:.3} ms, data_fit_live {live:.3} ms ({:.2}x)",
                keep * 100.0,
                every / live
            );
        }
    }
}
