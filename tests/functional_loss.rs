//! The batched functional loss agrees with the plain-Rust network, and its gradient with
//! finite differences.

mod common;

use burn::tensor::{Device, Tensor, TensorData};
use common::random_network;
use swat::autoencoder::{
    min_over_decoders, network_errors, run_decoded, ErrorScale, Geometry, MaskMode,
};
use swat::canvas::Canvas;
use swat::mlp::{Activation, ActivationSet, Mlp};
use swat::teacher::{grid, uniform_points};

fn geometry(bias: bool, activation: Activation) -> Geometry {
    Geometry {
        rows: 7,
        inputs: 3,
        max_depth: 4,
        bias,
        activation,
        choices: ActivationSet::NONE,
        leaky_slope: 0.1,
    }
}

/// Canvas values with the mask columns turned into decoder logits (present → +4, absent → −4).
fn as_decoder_output(g: &Geometry, depth: usize, net: &Mlp) -> Vec<f32> {
    let spec = g.spec(depth);
    let c = Canvas::encode(spec, net).unwrap();
    let cols = spec.cols();
    let mut v = c.data().to_vec();
    for r in 0..spec.rows {
        for l in 0..depth {
            let k = r * cols + spec.mask_col(l);
            v[k] = if v[k] >= 0.5 { 4.0 } else { -4.0 };
        }
    }
    v
}

fn probe(dev: &Device, points: &[f64]) -> Tensor<2> {
    let p: Vec<f32> = points.iter().map(|v| *v as f32).collect();
    Tensor::from_data(TensorData::new(p, [points.len() / 3, 3]), dev)
}

#[test]
fn decoded_outputs_match_the_plain_network() {
    let dev = Device::flex();
    let points = grid(3, 6);
    for bias in [false, true] {
        // `None`: a different activation per neuron, recorded in one-hot columns.
        for act in [
            Some(Activation::Sigmoid),
            Some(Activation::LeakyRelu),
            Some(Activation::Tanh),
            None,
        ] {
            let mut g = geometry(bias, act.unwrap_or(Activation::Sigmoid));
            if act.is_none() {
                g.choices = ActivationSet::of(&Activation::ALL);
            }
            for depth in 1..=4 {
                let nets: Vec<Mlp> = (0..5)
                    .map(|s| {
                        let widths: Vec<usize> = (0..depth).map(|l| 1 + (s + l * 3) % 7).collect();
                        random_network(s as u64 * 31 + depth as u64, 3, &widths, 0.6, bias, act)
                    })
                    .collect();
                let cols = g.spec(depth).cols();
                let flat: Vec<f32> = nets
                    .iter()
                    .flat_map(|n| as_decoder_output(&g, depth, n))
                    .collect();
                let decoded =
                    Tensor::<3>::from_data(TensorData::new(flat, [nets.len(), 7, cols]), &dev);
                let out = run_decoded(&g, depth, decoded, probe(&dev, &points), MaskMode::Hard);
                let got: Vec<f32> = out.into_data().try_into_vec::<f32>().unwrap();
                for (k, n) in nets.iter().enumerate() {
                    let want = n.forward(&points).unwrap();
                    let scale = want.iter().fold(1.0f64, |m, v| m.max(v.abs()));
                    for (p, w) in want.iter().enumerate() {
                        let diff = (f64::from(got[k * want.len() + p]) - w).abs() / scale;
                        assert!(
                            diff < 1e-4,
                            "depth {depth} {act:?} bias {bias} net {k}: {diff}"
                        );
                    }
                }
            }
        }
    }
}

/// Loss of a two-decoder batch as a function of the decoded canvases, on `dev`.
fn loss_of(
    g: &Geometry,
    d1: Vec<f32>,
    d2: Vec<f32>,
    b: usize,
    targets: &[f32],
    points: &[f64],
    dev: &Device,
) -> (Tensor<1>, Tensor<3>, Tensor<3>) {
    let t1 = Tensor::<3>::from_data(TensorData::new(d1, [b, 7, g.spec(1).cols()]), dev);
    let t2 = Tensor::<3>::from_data(TensorData::new(d2, [b, 7, g.spec(2).cols()]), dev);
    let (t1, t2) = if dev.is_autodiff() {
        (t1.require_grad(), t2.require_grad())
    } else {
        (t1, t2)
    };
    let y = Tensor::<2>::from_data(
        TensorData::new(targets.to_vec(), [b, points.len() / 3]),
        dev,
    );
    let e1 = network_errors(
        run_decoded(g, 1, t1.clone(), probe(dev, points), MaskMode::Hard),
        y.clone(),
        ErrorScale::Relative,
    );
    let e2 = network_errors(
        run_decoded(g, 2, t2.clone(), probe(dev, points), MaskMode::Hard),
        y,
        ErrorScale::Relative,
    );
    (min_over_decoders(vec![e1, e2]).0, t1, t2)
}

#[test]
fn gradient_matches_finite_differences() {
    let g = geometry(true, Activation::Tanh);
    let b: usize = 3;
    let points = uniform_points(&mut swat::teacher::rng(1), 40, 3);
    let mut rng_nets = (0..b).map(|s| {
        (
            random_network(100 + s as u64, 3, &[4], 0.8, true, Some(Activation::Tanh)),
            random_network(
                200 + s as u64,
                3,
                &[3, 5],
                0.8,
                true,
                Some(Activation::Tanh),
            ),
        )
    });
    let (mut d1, mut d2) = (Vec::new(), Vec::new());
    for _ in 0..b {
        let (a, c) = rng_nets.next().unwrap();
        // Smaller weights keep tanh away from saturation, where f32 differences lose precision.
        d1.extend(as_decoder_output(&g, 1, &a).iter().map(|v| v * 0.15));
        d2.extend(as_decoder_output(&g, 2, &c).iter().map(|v| v * 0.15));
    }
    // Keep masks decisive after the scaling.
    for (d, depth) in [(&mut d1, 1usize), (&mut d2, 2usize)] {
        let spec = g.spec(depth);
        for (k, v) in d.iter_mut().enumerate() {
            if k % spec.cols() >= spec.mask_col(0) {
                *v = if *v > 0.0 { 4.0 } else { -4.0 };
            }
        }
    }
    let targets: Vec<f32> = (0..b * 40).map(|k| ((k as f32) * 0.37).sin()).collect();

    let ad = Device::flex().autodiff();
    let (loss, t1, t2) = loss_of(&g, d1.clone(), d2.clone(), b, &targets, &points, &ad);
    let grads = loss.backward();
    let g1: Vec<f32> = t1
        .grad(&grads)
        .unwrap()
        .into_data()
        .try_into_vec::<f32>()
        .unwrap();
    let g2: Vec<f32> = t2
        .grad(&grads)
        .unwrap()
        .into_data()
        .try_into_vec::<f32>()
        .unwrap();

    let plain = Device::flex();
    let eval = |a: &[f32], c: &[f32]| -> f64 {
        let (l, _, _) = loss_of(&g, a.to_vec(), c.to_vec(), b, &targets, &points, &plain);
        f64::from(l.into_scalar::<f32>())
    };
    let eps = 1e-2f32;
    let mut checked = 0;
    let mut nonzero = 0;
    for (which, grad) in [(0usize, &g1), (1usize, &g2)] {
        let base = if which == 0 { &d1 } else { &d2 };
        for k in (0..base.len()).step_by(7) {
            let (mut up, mut down) = (base.clone(), base.clone());
            up[k] += eps;
            down[k] -= eps;
            let fd = if which == 0 {
                (eval(&up, &d2) - eval(&down, &d2)) / (2.0 * f64::from(eps))
            } else {
                (eval(&d1, &up) - eval(&d1, &down)) / (2.0 * f64::from(eps))
            };
            let an = f64::from(grad[k]);
            assert!(
                (fd - an).abs() <= 2e-3 + 2e-2 * an.abs().max(fd.abs()),
                "decoder {which} entry {k}: finite difference {fd}, autodiff {an}"
            );
            checked += 1;
            if an.abs() > 1e-4 {
                nonzero += 1;
            }
        }
    }
    assert!(
        checked > 40 && nonzero > 10,
        "checked {checked}, non-zero {nonzero}"
    );
}

#[test]
fn masks_learn_only_with_straight_through() {
    let g = geometry(false, Activation::Sigmoid);
    let net = random_network(3, 3, &[4, 4], 1.0, false, Some(Activation::Sigmoid));
    let dec = as_decoder_output(&g, 2, &net);
    let points = grid(3, 4);
    let ad = Device::flex().autodiff();
    let cols = g.spec(2).cols();
    let mask_grad = |mode: MaskMode| -> f32 {
        let t =
            Tensor::<3>::from_data(TensorData::new(dec.clone(), [1, 7, cols]), &ad).require_grad();
        let out = run_decoded(&g, 2, t.clone(), probe(&ad, &points), mode);
        let grads = out.sum().backward();
        let gv: Vec<f32> = t
            .grad(&grads)
            .unwrap()
            .into_data()
            .try_into_vec::<f32>()
            .unwrap();
        (0..7)
            .map(|r| gv[r * cols + g.spec(2).mask_col(0)].abs())
            .sum()
    };
    assert_eq!(mask_grad(MaskMode::Hard), 0.0);
    assert!(mask_grad(MaskMode::StraightThrough) > 0.0);
}

/// Random decoder output: weights and biases of both signs, mask logits on both sides of 0.
fn random_decoded(seed: u64, b: usize, g: &Geometry, depth: usize) -> Vec<f32> {
    use rand::RngExt;
    let mut rng = swat::teacher::rng(seed);
    let spec = g.spec(depth);
    (0..b * spec.rows * spec.cols())
        .map(|k| {
            if k % spec.cols() >= spec.mask_col(0) {
                rng.random_range(-3.0f32..3.0)
            } else {
                rng.random_range(-1.5f32..1.5)
            }
        })
        .collect()
}

#[test]
fn fused_kernel_matches_the_tensor_loss_and_gradient() {
    use swat::autoencoder::kernel::fused_loss;
    let b = 6;
    let points = uniform_points(&mut swat::teacher::rng(8), 50, 3);
    let probe_f32: Vec<f32> = points.iter().map(|v| *v as f32).collect();
    let targets: Vec<f32> = (0..b * 50)
        .map(|k| ((k as f32) * 0.21).cos() * 2.0)
        .collect();
    let ad = Device::flex().autodiff();
    for (case, (bias, act, masks, scale)) in [
        (
            true,
            Activation::Linear,
            MaskMode::StraightThrough,
            ErrorScale::Relative,
        ),
        (false, Activation::Sigmoid, MaskMode::Hard, ErrorScale::Mse),
        (
            true,
            Activation::Tanh,
            MaskMode::StraightThrough,
            ErrorScale::Relative,
        ),
        (
            true,
            Activation::LeakyRelu,
            MaskMode::StraightThrough,
            ErrorScale::Mse,
        ),
        (
            false,
            Activation::Linear,
            MaskMode::Hard,
            ErrorScale::Relative,
        ),
        (
            true,
            Activation::Sigmoid,
            MaskMode::StraightThrough,
            ErrorScale::Variance,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let mut g = geometry(bias, act);
        if case == 0 {
            // Per-neuron activations: the largest of each neuron's one-hot entries chooses.
            g.choices =
                ActivationSet::of(&[Activation::Sigmoid, Activation::Tanh, Activation::LeakyRelu]);
        }
        let decoded: Vec<Vec<f32>> = (1..=4)
            .map(|depth| random_decoded(case as u64 * 10 + depth as u64, b, &g, depth))
            .collect();
        let fused = fused_loss(&g, &decoded, &probe_f32, &targets, masks, scale);

        let leaves: Vec<Tensor<3>> = decoded
            .iter()
            .enumerate()
            .map(|(k, v)| {
                let cols = g.spec(k + 1).cols();
                Tensor::<3>::from_data(TensorData::new(v.clone(), [b, 7, cols]), &ad).require_grad()
            })
            .collect();
        let y = Tensor::<2>::from_data(TensorData::new(targets.clone(), [b, 50]), &ad);
        let errors = leaves
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let out = run_decoded(&g, k + 1, t.clone(), probe(&ad, &points), masks);
                network_errors(out, y.clone(), scale)
            })
            .collect();
        let (loss, best) = min_over_decoders(errors);
        let best: Vec<f32> = best.into_data().try_into_vec::<f32>().unwrap();
        let want = loss.clone().into_scalar::<f32>();
        assert!(
            (fused.loss - want).abs() <= 1e-4 * want.abs().max(1e-3),
            "case {case}: {} vs {want}",
            fused.loss
        );
        for (a, w) in fused.best.iter().zip(&best) {
            assert!(
                (a - w).abs() <= 1e-4 * w.abs().max(1e-3),
                "case {case}: {a} vs {w}"
            );
        }
        let grads = loss.backward();
        for (k, t) in leaves.iter().enumerate() {
            let want: Vec<f32> = t
                .grad(&grads)
                .unwrap()
                .into_data()
                .try_into_vec::<f32>()
                .unwrap();
            let scale_g = want.iter().fold(1e-6f32, |m, v| m.max(v.abs()));
            for (i, (a, w)) in fused.grads[k].iter().zip(&want).enumerate() {
                assert!(
                    (a - w).abs() <= 1e-3 * scale_g,
                    "case {case} depth {} entry {i}: fused {a}, autodiff {w}",
                    k + 1
                );
            }
        }
        assert!(fused.winner.iter().all(|w| (1..=4).contains(w)));
    }
}

#[test]
fn data_fit_matches_the_tensor_loss_over_many_chunks() {
    use swat::autoencoder::data_fit::{data_fit, DataChunks};
    let g = {
        let mut g = geometry(true, Activation::Tanh);
        g.choices = ActivationSet::of(&[Activation::Sigmoid, Activation::Tanh]);
        g
    };
    let depth = 2;
    let k = 3;
    let rows = 5000; // three chunks, the last one partial
    let points = uniform_points(&mut swat::teacher::rng(21), rows, 3);
    let x: Vec<f32> = points.iter().map(|v| *v as f32).collect();
    let y: Vec<f32> = (0..rows).map(|r| (r as f32 * 0.013).sin()).collect();
    let canvases = random_decoded(77, k, &g, depth);
    for masks in [MaskMode::Hard, MaskMode::StraightThrough] {
        let fit = data_fit(&g, depth, &canvases, &DataChunks::new(&x, &y, 3), masks);
        let ad = Device::flex().autodiff();
        let cols = g.spec(depth).cols();
        let t = Tensor::<3>::from_data(TensorData::new(canvases.clone(), [k, 7, cols]), &ad)
            .require_grad();
        let out = run_decoded(&g, depth, t.clone(), probe(&ad, &points), masks);
        let target = Tensor::<2>::from_data(TensorData::new(y.clone(), [1, rows]), &ad);
        let mse = (out - target).square().mean_dim(1).reshape([k]);
        let want: Vec<f32> = mse.clone().into_data().try_into_vec::<f32>().unwrap();
        for (a, w) in fit.mse.iter().zip(&want) {
            assert!((a - w).abs() <= 1e-4 * w.abs().max(1e-3), "mse {a} vs {w}");
        }
        let grads = mse.sum().backward();
        let gw: Vec<f32> = t
            .grad(&grads)
            .unwrap()
            .into_data()
            .try_into_vec::<f32>()
            .unwrap();
        let scale = gw.iter().fold(1e-6f32, |m, v| m.max(v.abs()));
        for (i, (a, w)) in fit.grads.iter().zip(&gw).enumerate() {
            assert!(
                (a - w).abs() <= 1e-3 * scale,
                "{masks:?} entry {i}: {a} vs {w}"
            );
        }
    }
}

#[test]
fn activation_choices_learn_through_straight_through() {
    use swat::autoencoder::kernel::fused_loss;
    let mut g = geometry(true, Activation::Sigmoid);
    g.choices = ActivationSet::of(&[Activation::Sigmoid, Activation::Tanh, Activation::LeakyRelu]);
    let points = uniform_points(&mut swat::teacher::rng(5), 30, 3);
    let probe_f32: Vec<f32> = points.iter().map(|v| *v as f32).collect();
    let targets: Vec<f32> = (0..30).map(|k| ((k as f32) * 0.3).sin()).collect();
    let dec = random_decoded(77, 1, &g, 1);
    let spec = g.spec(1);
    let choice_grad = |grad: &[f32]| -> f32 {
        (0..7)
            .flat_map(|r| (0..3).map(move |c| (r, c)))
            .map(|(r, c)| grad[r * spec.cols() + spec.choice_col(0, c)].abs())
            .sum()
    };
    let fused = fused_loss(
        &g,
        std::slice::from_ref(&dec),
        &probe_f32,
        &targets,
        MaskMode::Hard,
        ErrorScale::Mse,
    );
    assert!(choice_grad(&fused.grads[0]) > 1e-4, "fused kernel");
    let ad = Device::flex().autodiff();
    let t = Tensor::<3>::from_data(TensorData::new(dec, [1, 7, spec.cols()]), &ad).require_grad();
    let y = Tensor::<2>::from_data(TensorData::new(targets, [1, 30]), &ad);
    let out = run_decoded(&g, 1, t.clone(), probe(&ad, &points), MaskMode::Hard);
    let grads = network_errors(out, y, ErrorScale::Mse).sum().backward();
    let gv: Vec<f32> = t
        .grad(&grads)
        .unwrap()
        .into_data()
        .try_into_vec::<f32>()
        .unwrap();
    assert!(choice_grad(&gv) > 1e-4, "tensor path");
}

#[test]
fn data_fit_live_agrees_with_data_fit_on_every_entry_a_fine_tune_moves() {
    use rand::RngExt;
    use swat::autoencoder::data_fit::{data_fit, data_fit_live, DataChunks};
    let rows = 3000; // two chunks, the last one partial
    let points = uniform_points(&mut swat::teacher::rng(31), rows, 3);
    let x: Vec<f32> = points.iter().map(|v| *v as f32).collect();
    let y: Vec<f32> = (0..rows).map(|r| (r as f32 * 0.011).cos()).collect();
    let data = DataChunks::new(&x, &y, 3);
    let mut rng = swat::teacher::rng(32);
    let mut skipped_some = false;
    for (case, (bias, act, depth)) in [
        (true, Activation::Sigmoid, 1),
        (true, Activation::Sigmoid, 3),
        (false, Activation::LeakyRelu, 2),
        (true, Activation::Tanh, 4),
    ]
    .into_iter()
    .enumerate()
    {
        let g = geometry(bias, act);
        let spec = g.spec(depth);
        let weights = spec.weight_entries();
        let k = 3;
        let mut canvases = random_decoded(90 + case as u64, k, &g, depth);
        // A pruned pattern: most weights exactly zero, so some neurons lose every path to the
        // output (the live kernel skips those).
        for (i, v) in canvases.iter_mut().enumerate() {
            if weights[i % weights.len()] && rng.random_range(0.0f32..1.0) < 0.6 {
                *v = 0.0;
            }
        }
        let full = data_fit(&g, depth, &canvases, &data, MaskMode::Hard);
        let live = data_fit_live(&g, depth, &canvases, &data);
        assert_eq!(full.mse, live.mse, "case {case}");
        for (i, (a, b)) in full.grads.iter().zip(&live.grads).enumerate() {
            let frozen = weights[i % weights.len()] && canvases[i] == 0.0;
            skipped_some |= frozen && *a != 0.0 && *b == 0.0;
            assert!(
                a == b || (frozen && *b == 0.0),
                "case {case} entry {i}: data_fit {a}, data_fit_live {b}"
            );
        }
    }
    // The test means something only if the live kernel left out gradients data_fit gives.
    assert!(skipped_some);
}
