//! Property tests over random networks: canvas round trip, compaction, model-file round trip.

mod common;

use common::random_network;
use proptest::prelude::*;
use swat::canvas::{Canvas, CanvasSpec};
use swat::mlp::{Activation, ActivationSet, Mlp, Model};
use swat::teacher::uniform_points;

fn shape() -> impl Strategy<Value = (usize, Vec<usize>)> {
    (1usize..=7, prop::collection::vec(1usize..=7, 1..=4))
}

fn max_rel_diff(a: &Mlp, b: &Mlp, seed: u64) -> f64 {
    let x = uniform_points(&mut swat::teacher::rng(seed), 257, a.inputs());
    let (ya, yb) = (a.forward(&x).unwrap(), b.forward(&x).unwrap());
    let scale = ya.iter().fold(1.0f64, |m, v| m.max(v.abs()));
    ya.iter()
        .zip(&yb)
        .map(|(p, q)| (p - q).abs())
        .fold(0.0, f64::max)
        / scale
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn canvas_round_trip_is_exact(
        seed in any::<u64>(),
        (d, widths) in shape(),
        density in 0.0f64..=1.0,
        rows in 7usize..=9,
        bias in any::<bool>(),
        act in prop::sample::select(Activation::ALL.to_vec()),
        per_neuron in any::<bool>(),
    ) {
        let d = d.min(rows);
        // Either one activation for the whole canvas, or any mix recorded in one-hot columns.
        let (mixed, choices) = if per_neuron {
            (None, ActivationSet::of(&Activation::ALL))
        } else {
            (Some(act), ActivationSet::NONE)
        };
        let net = random_network(seed, d, &widths, density, bias, mixed);
        let spec = CanvasSpec {
            rows,
            inputs: d,
            depth: widths.len(),
            bias,
            activation: act,
            choices,
            leaky_slope: 0.1,
        };
        let canvas = Canvas::encode(spec, &net).unwrap();
        prop_assert_eq!(canvas.data().len(), rows * spec.cols());
        prop_assert_eq!(canvas.decode(), net);
    }

    #[test]
    fn compact_preserves_outputs_and_never_grows(
        seed in any::<u64>(),
        (d, widths) in shape(),
        density in 0.0f64..=1.0,
        bias in any::<bool>(),
    ) {
        let net = random_network(seed, d, &widths, density, bias, None);
        let c = net.compact();
        prop_assert!(max_rel_diff(&net, &c, seed) <= 1e-6);
        let (s, t) = (net.stats(), c.stats());
        prop_assert!(t.nonzero_weights <= s.nonzero_weights);
        prop_assert!(t.nonzero_params <= s.nonzero_params);
        prop_assert_eq!(t.active_neurons, s.active_neurons);
        prop_assert!(t.multiply_adds <= s.multiply_adds);
        prop_assert!(t.dense_multiply_adds <= s.dense_multiply_adds);
        prop_assert!(t.hidden_widths.len() <= s.hidden_widths.len());
        prop_assert!(t.hidden_widths.iter().zip(&s.hidden_widths).all(|(a, b)| a <= b));
        // Compacted means every hidden neuron is live, and compacting again changes nothing.
        prop_assert_eq!(t.active_neurons, t.hidden_widths.iter().sum::<usize>());
        prop_assert_eq!(c.compact(), c);
    }

    #[test]
    fn model_json_round_trip_is_exact(
        seed in any::<u64>(),
        (d, widths) in shape(),
        density in 0.0f64..=1.0,
        bias in any::<bool>(),
        lo in -1e6f64..1e6,
        span in 1e-3f64..1e6,
    ) {
        let net = random_network(seed, d, &widths, density, bias, None);
        let mut m = Model::identity(net);
        m.input_scaling.min = vec![lo; d];
        m.input_scaling.max = vec![lo + span; d];
        m.output_scaling.min = -lo;
        m.output_scaling.max = -lo + span * 0.5;
        m.provenance.insert("seed".into(), seed.into());
        let text = m.to_json();
        let back = Model::from_json(&text).unwrap();
        prop_assert_eq!(&back, &m);
        prop_assert_eq!(back.to_json(), text);
    }
}

#[test]
fn paper_canvas_widths() {
    for (depth, cols) in [(1, 9), (2, 17), (3, 25), (4, 33)] {
        let spec = CanvasSpec::paper(depth, Activation::Sigmoid, 0.01);
        assert_eq!(spec.cols(), cols);
        assert_eq!(spec.input_offset(), 2);
    }
}

#[test]
fn paper_canvas_layout_by_hand() {
    // 3 inputs → 2 → 1, no biases: inputs in rows 2..5 of block 0; mask column 8.
    let net = random_network(5, 3, &[2], 1.0, false, Some(Activation::Sigmoid));
    let c = Canvas::encode(CanvasSpec::paper(1, Activation::Sigmoid, 0.01), &net).unwrap();
    let l = &net.layers();
    for i in 0..3 {
        for j in 0..2 {
            assert_eq!(f64::from(c.get(2 + i, j)), l[0].weight(i, j));
        }
    }
    assert_eq!(f64::from(c.get(0, 7)), l[1].weight(0, 0));
    assert_eq!(f64::from(c.get(1, 7)), l[1].weight(1, 0));
    let mask: Vec<f32> = (0..7).map(|r| c.get(r, 8)).collect();
    assert_eq!(mask, vec![1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
    let nonzero = c.data().iter().filter(|v| **v != 0.0).count();
    assert_eq!(nonzero, 6 + 2 + 2);
}

#[test]
fn decode_uses_any_mask_rows_and_ignores_padding() {
    let spec = CanvasSpec::paper(1, Activation::Linear, 0.01);
    let mut data = vec![0.0f32; 7 * 9];
    let at = |r: usize, c: usize| r * 9 + c;
    data[at(2, 3)] = 2.0; // x1 → hidden row 3
    data[at(0, 3)] = 99.0; // padding row: ignored
    data[at(2, 4)] = 5.0; // into a masked-out neuron: ignored
    data[at(3, 7)] = -1.5; // hidden row 3 → output
    data[at(3, 8)] = 0.9; // mask: row 3 present
    data[at(4, 8)] = 0.2; // below threshold: absent
    let net = Canvas::from_data(spec, data).unwrap().decode();
    assert_eq!(net.hidden_widths(), vec![1]);
    assert_eq!(net.forward_row(&[1.0, 7.0, 7.0]).unwrap(), vec![-3.0]);
}

#[test]
fn decode_of_an_empty_layer_is_the_remaining_constant() {
    let spec = CanvasSpec::paper(2, Activation::Sigmoid, 0.01);
    let mut data = vec![0.0f32; 7 * 17];
    let at = |r: usize, c: usize| r * 17 + c;
    data[at(0, 16)] = 1.0; // layer 2 has neuron 0; layer 1 has none
    data[at(0, 14)] = 4.0; // its output weight
    let net = Canvas::from_data(spec, data).unwrap().decode();
    // Neuron 0 of layer 2 sees nothing: sigmoid(0) = 0.5, times 4.
    assert_eq!(net.forward_row(&[0.1, 0.2, 0.3]).unwrap(), vec![2.0]);
}

#[test]
fn canvas_rejects_what_does_not_fit() {
    let spec = CanvasSpec::paper(1, Activation::Sigmoid, 0.01);
    let wide = random_network(1, 3, &[8], 1.0, false, Some(Activation::Sigmoid));
    let e = Canvas::encode(spec, &wide).unwrap_err().to_string();
    assert!(e.contains("hidden layer 1 has 8 neurons"), "{e}");
    let biased = random_network(1, 3, &[4], 1.0, true, Some(Activation::Sigmoid));
    let e = Canvas::encode(spec, &biased).unwrap_err().to_string();
    assert!(e.contains("biases"), "{e}");
    let tanh = random_network(1, 3, &[4], 1.0, false, Some(Activation::Tanh));
    let e = Canvas::encode(spec, &tanh).unwrap_err().to_string();
    assert!(e.contains("uses tanh"), "{e}");
    let e = Canvas::from_data(spec, vec![0.0; 10])
        .unwrap_err()
        .to_string();
    assert!(e.contains("7×9 canvas has 63"), "{e}");
    let e = Canvas::from_data(spec, vec![f32::NAN; 63])
        .unwrap_err()
        .to_string();
    assert!(e.contains("row 0, column 0 is not finite"), "{e}");
}
