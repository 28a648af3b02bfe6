//! Refinement after read-out: fine-tuning recovers accuracy, pruning removes needless weights.

use swat::autoencoder::data_fit::{data_fit, DataChunks};
use swat::autoencoder::{Arch, MaskMode, TrainConfig};
use swat::canvas::Canvas;
use swat::mlp::{Activation, Layer, Mlp};
use swat::search::start::random_starts;
use swat::search::{refine, RefineConfig};
use swat::teacher::uniform_points;

/// 3,000 training and 1,000 validation rows of `truth` at uniform points of 3 inputs.
fn samples(truth: &Mlp, seed: u64) -> (DataChunks, DataChunks) {
    let xs = uniform_points(&mut swat::teacher::rng(seed), 4000, 3);
    let ys = truth.forward(&xs).unwrap();
    let x: Vec<f32> = xs.iter().map(|v| *v as f32).collect();
    let y: Vec<f32> = ys.iter().map(|v| *v as f32).collect();
    (
        DataChunks::new(&x[..9000], &y[..3000], 3),
        DataChunks::new(&x[9000..], &y[3000..], 3),
    )
}

#[test]
fn refine_recovers_a_perturbed_network_and_drops_useless_weights() {
    let g = TrainConfig::new(Arch::Fast, Activation::Sigmoid).geometry;
    // Truth: y = 2·σ(3·x1 − 2·x2) − 1.
    let l1 = Layer::new(
        3,
        2,
        vec![3.0, 0.0, -2.0, 0.0, 0.0, 0.0],
        None,
        vec![Activation::Sigmoid; 2],
        0.01,
    )
    .unwrap();
    let l2 = Layer::new(2, 1, vec![2.0, 0.0], None, vec![Activation::Linear], 0.01).unwrap();
    let truth = Mlp::new(vec![l1, l2]).unwrap();
    let (train, valid) = samples(&truth, 1);
    // A read-out that is close but wrong, with two small useless weights.
    let l1 = Layer::new(
        3,
        2,
        vec![2.5, 0.05, -1.6, 0.0, 0.0, -0.04],
        None,
        vec![Activation::Sigmoid; 2],
        0.01,
    )
    .unwrap();
    let l2 = Layer::new(2, 1, vec![1.7, 0.03], None, vec![Activation::Linear], 0.01).unwrap();
    let start = Mlp::new(vec![l1, l2]).unwrap();
    let spec = g.spec(1);
    let mut canvas = Canvas::encode(spec, &start).unwrap().data().to_vec();
    // Decoder outputs carry mask logits, not 0/1.
    for r in 0..7 {
        let k = r * spec.cols() + spec.mask_col(0);
        canvas[k] = if canvas[k] > 0.5 { 5.0 } else { -5.0 };
    }
    let weights: Vec<bool> = (0..canvas.len())
        .map(|k| k % spec.cols() < spec.mask_col(0))
        .collect();
    let before = data_fit(&g, 1, &canvas, &valid, MaskMode::Hard).mse[0];
    let r = refine(
        &g,
        1,
        &canvas,
        &weights,
        &train,
        &valid,
        &RefineConfig::default(),
    );
    assert_eq!(r.weights_before, 6);
    assert!(
        r.tuned_valid < 0.05 * before,
        "fine-tune: {before} -> {}",
        r.tuned_valid
    );
    assert!(
        r.weights_after <= 4,
        "pruning kept {} weights",
        r.weights_after
    );
    assert!(r.final_valid <= r.tuned_valid * 1.1 + 1e-9);
}

/// A dense random start on a 9-weight truth: pruning one weight at a time stalls above the truth
/// when it only ever tries the weight whose removal alone hurts least, and reaches the truth's
/// size when it tries the next ones too (`RefineConfig::prune_tries`).
#[test]
fn pruning_tries_the_next_weights_before_it_stops() {
    let g = TrainConfig::new(Arch::Fast, Activation::Sigmoid).geometry;
    let l1 = Layer::new(
        3,
        3,
        vec![3.0, 0.0, 4.0, -2.0, 5.0, 0.0, 0.0, -3.0, 2.0],
        None,
        vec![Activation::Sigmoid; 3],
        0.01,
    )
    .unwrap();
    let l2 = Layer::new(
        3,
        1,
        vec![2.0, -1.5, 1.0],
        None,
        vec![Activation::Linear],
        0.01,
    )
    .unwrap();
    let truth = Mlp::new(vec![l1, l2]).unwrap();
    let weights = g.spec(1).weight_entries();
    for seed in [1u64, 2] {
        let (train, valid) = samples(&truth, seed);
        let start = &random_starts(&g, 1, 3, 1, &[], seed)[0].canvas;
        let pruned = |prune_tries| {
            let cfg = RefineConfig {
                prune_tries,
                ..RefineConfig::default()
            };
            refine(&g, 1, start, &weights, &train, &valid, &cfg)
        };
        let (first_only, default) = (pruned(1), pruned(RefineConfig::default().prune_tries));
        assert!(
            first_only.weights_after > 9,
            "seed {seed}: trying the least harmful weight alone reached {} weights",
            first_only.weights_after
        );
        assert_eq!(default.weights_after, 9, "seed {seed}");
        let budget = default.tuned_valid as f64 + 0.005 * valid.target_variance();
        assert!(f64::from(default.final_valid) <= budget, "seed {seed}");
    }
}
