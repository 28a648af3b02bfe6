//! Hand-checked cases for the network, compaction, counts and the model file.

use super::*;

/// 2 inputs → 2 sigmoid → 1 linear, with one bias.
pub(crate) fn small() -> Mlp {
    let l1 = Layer::new(
        2,
        2,
        vec![1.0, -2.0, 0.5, 0.0],
        Some(vec![0.0, 0.25]),
        vec![Activation::Sigmoid; 2],
        DEFAULT_LEAKY_SLOPE,
    )
    .unwrap();
    let l2 = Layer::new(2, 1, vec![3.0, -1.0], None, vec![Activation::Linear], 0.01).unwrap();
    Mlp::new(vec![l1, l2]).unwrap()
}

fn sig(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

#[test]
fn forward_matches_hand_computation() {
    let net = small();
    let x = [0.3, -0.7, 1.0, 2.0];
    let y = net.forward(&x).unwrap();
    let want = |a: f64, b: f64| 3.0 * sig(a + 0.5 * b) - sig(-2.0 * a + 0.25);
    assert!((y[0] - want(0.3, -0.7)).abs() < 1e-15);
    assert!((y[1] - want(1.0, 2.0)).abs() < 1e-15);
    let y32 = net.forward(&[0.3f32, -0.7]).unwrap();
    assert!((f64::from(y32[0]) - y[0]).abs() < 1e-6);
    assert!(matches!(
        net.forward(&[1.0, 2.0, 3.0]),
        Err(MlpError::InputShape {
            found: 3,
            inputs: 2
        })
    ));
}

#[test]
fn forward_is_the_same_in_parallel_chunks() {
    let net = small();
    let x: Vec<f64> = (0..20_000).map(|k| (k as f64 * 0.37).sin()).collect();
    let all = net.forward(&x).unwrap();
    for r in [0, 2047, 2048, 9_999] {
        let one = net.forward_row(&x[2 * r..2 * r + 2]).unwrap();
        assert_eq!(one[0], all[r]);
    }
}

#[test]
fn construction_rejects_bad_shapes() {
    let e = Layer::new(2, 2, vec![1.0; 3], None, vec![Activation::Linear; 2], 0.01).unwrap_err();
    assert!(
        e.to_string()
            .contains("3 weights given for 2 inputs × 2 outputs"),
        "{e}"
    );
    let e = Layer::new(1, 1, vec![f64::NAN], None, vec![Activation::Linear], 0.01).unwrap_err();
    assert!(e.to_string().contains("not finite"), "{e}");
    let a = Layer::new(2, 3, vec![1.0; 6], None, vec![Activation::Tanh; 3], 0.01).unwrap();
    let b = Layer::new(2, 1, vec![1.0; 2], None, vec![Activation::Linear], 0.01).unwrap();
    let e = Mlp::new(vec![a.clone(), b]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "layer 2 takes 2 inputs but layer 1 gives 3 outputs"
    );
    let e = Mlp::new(vec![a]).unwrap_err();
    assert!(e.to_string().contains("output layer must be linear"), "{e}");
    assert_eq!(Mlp::new(vec![]).unwrap_err(), MlpError::NoLayers);
}

#[test]
fn compact_folds_a_constant_neuron_into_biases() {
    // Hidden neuron 1 has no incoming weight: it outputs sigmoid(0.5) whatever the input.
    // Hidden neuron 2 is reached but feeds nothing.
    let l1 = Layer::new(
        1,
        3,
        vec![2.0, 0.0, -1.0],
        Some(vec![0.0, 0.5, 0.0]),
        vec![Activation::Sigmoid; 3],
        0.01,
    )
    .unwrap();
    let l2 = Layer::new(
        3,
        1,
        vec![1.0, 4.0, 0.0],
        None,
        vec![Activation::Linear],
        0.01,
    )
    .unwrap();
    let net = Mlp::new(vec![l1, l2]).unwrap();
    let c = net.compact();
    assert_eq!(c.hidden_widths(), vec![1]);
    assert_eq!(c.layers()[1].biases(), &[4.0 * sig(0.5)]);
    let x = [-1.0, 0.0, 0.4, 3.0];
    let (a, b): (Vec<f64>, Vec<f64>) = (net.forward(&x).unwrap(), c.forward(&x).unwrap());
    for (p, q) in a.iter().zip(&b) {
        assert!((p - q).abs() < 1e-12);
    }
    let (s, t) = (net.stats(), c.stats());
    assert_eq!((s.nonzero_weights, s.active_neurons), (4, 1));
    assert_eq!(
        (t.nonzero_weights, t.nonzero_params, t.active_neurons),
        (2, 3, 1)
    );
    assert!(t.nonzero_params <= s.nonzero_params);
}

#[test]
fn compact_of_a_pathless_network_is_its_constant() {
    let l1 = Layer::new(
        2,
        1,
        vec![0.0, 0.0],
        Some(vec![1.0]),
        vec![Activation::Tanh],
        0.01,
    )
    .unwrap();
    let l2 = Layer::new(
        1,
        1,
        vec![2.0],
        Some(vec![-0.5]),
        vec![Activation::Linear],
        0.01,
    )
    .unwrap();
    let net = Mlp::new(vec![l1, l2]).unwrap();
    let c = net.compact();
    assert_eq!(c.depth(), 0);
    assert_eq!(c.inputs(), 2);
    let want = 2.0 * 1f64.tanh() - 0.5;
    assert!((c.forward_row(&[0.3, 0.9]).unwrap()[0] - want).abs() < 1e-15);
    assert_eq!(c.stats().nonzero_weights, 0);
    assert_eq!(net.stats().active_neurons, 0);
}

#[test]
fn model_json_round_trip_and_stats() {
    let mut m = Model::identity(small());
    m.provenance.insert("seed".into(), 7.into());
    let text = m.to_json();
    let back = Model::from_json(&text).unwrap();
    assert_eq!(back, m);
    assert_eq!(back.to_json(), text);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["stats"]["nonzero_weights"], 5);
    assert_eq!(v["stats"]["nonzero_params"], 6);
    assert_eq!(v["stats"]["hidden_widths"], serde_json::json!([2]));
}

#[test]
fn model_scaling_maps_user_units() {
    // Identity network on one input: prediction = input after scaling round trip.
    let l = Layer::new(1, 1, vec![1.0], None, vec![Activation::Linear], 0.01).unwrap();
    let mut m = Model::identity(Mlp::new(vec![l]).unwrap());
    m.input_scaling = InputScaling {
        min: vec![0.0],
        max: vec![10.0],
    };
    m.output_scaling = OutputScaling {
        min: 100.0,
        max: 200.0,
    };
    // x = 10 → +1 → y = 200; x = 5 → 0 → 150.
    assert_eq!(m.predict(&[10.0, 5.0]).unwrap(), vec![200.0, 150.0]);
}

fn load_err(text: &str) -> String {
    Model::from_json(text).unwrap_err().to_string()
}

#[test]
fn model_file_errors_name_the_problem() {
    let good = Model::identity(small()).to_json();
    let e = load_err(&good[..good.len() / 2]);
    assert!(e.contains("EOF while parsing") && e.contains("line"), "{e}");
    let e = load_err(&good.replace("\"swat-mlp\"", "\"onnx\""));
    assert!(
        e.contains("not a swat model file") && e.contains("onnx"),
        "{e}"
    );
    let e = load_err(&good.replace("\"version\": 1", "\"version\": 2"));
    assert!(e.contains("unsupported swat model version 2"), "{e}");
    let e = load_err("{\"layers\": []}");
    assert!(e.contains("\"format\" is missing"), "{e}");
    let e = load_err(&good.replace("\"nonzero_weights\": 5", "\"nonzero_weights\": 4"));
    assert!(
        e.contains("stats.nonzero_weights is 4 but the layers have 5"),
        "{e}"
    );
    let e = load_err(&good.replace("\"x2\"", "\"x2\", \"x3\""));
    assert!(
        e.contains("\"inputs\" names 3 columns but layer 1 has 2 rows"),
        "{e}"
    );
    let e = load_err(&good.replacen("\"sigmoid\",", "", 1));
    assert!(
        e.contains("layer 1: weights row 0 has 2 entries, but the layer has 1"),
        "{e}"
    );
    let e = load_err(&good.replace("\"biases\"", "\"biasses\""));
    assert!(
        e.contains("unknown field `biasses`") && e.contains("line"),
        "{e}"
    );
    let e = load_err(&good.replace("\"linear\"", "\"relu\""));
    assert!(e.contains("unknown variant `relu`"), "{e}");
}

#[test]
fn load_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.json");
    std::fs::write(
        &path,
        "{\"format\": \"swat-mlp\", \"version\": 1, \"inputs\": [",
    )
    .unwrap();
    let e = Model::load(&path).unwrap_err().to_string();
    assert!(
        e.starts_with(&path.display().to_string()) && e.contains("EOF"),
        "{e}"
    );
    let e = Model::load(dir.path().join("missing.json"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("missing.json"), "{e}");
}

#[test]
fn used_inputs_follow_paths_to_the_output() {
    assert_eq!(small().used_inputs(), vec![true, true]);
    // Input 1 has no weight; input 2 feeds only hidden neuron 1, which feeds nothing.
    let l1 = Layer::new(
        3,
        2,
        vec![1.0, 0.0, 0.0, 0.0, 0.0, 2.0],
        None,
        vec![Activation::Sigmoid; 2],
        0.01,
    )
    .unwrap();
    let l2 = Layer::new(2, 1, vec![1.5, 0.0], None, vec![Activation::Linear], 0.01).unwrap();
    let net = Mlp::new(vec![l1, l2]).unwrap();
    assert_eq!(net.used_inputs(), vec![true, false, false]);
}
