//! ONNX export: tract loads the file and computes what swat's own forward pass computes.

mod common;

use swat::mlp::{Activation, InputScaling, Model, OutputScaling};
use tract_onnx::prelude::*;

fn run_onnx(bytes: &[u8], x: &[f32], d: usize) -> Vec<f32> {
    let rows = x.len() / d;
    let plan = tract_onnx::onnx()
        .model_for_read(&mut std::io::Cursor::new(bytes))
        .unwrap()
        .with_input_fact(0, f32::fact([rows, d]).into())
        .unwrap()
        .into_optimized()
        .unwrap()
        .into_runnable()
        .unwrap();
    let input = tract_ndarray::Array2::from_shape_vec((rows, d), x.to_vec()).unwrap();
    let out = plan.run(tvec!(input.into_tensor().into())).unwrap();
    out[0]
        .to_plain_array_view::<f32>()
        .unwrap()
        .iter()
        .copied()
        .collect()
}

#[test]
fn exported_models_match_swat() {
    // Uniform and mixed activations, biases, scaling, depths 0..3.
    let cases: Vec<(u64, Vec<usize>, Option<Activation>)> = vec![
        (1, vec![4], Some(Activation::Sigmoid)),
        (2, vec![3, 5], None),
        (3, vec![6, 2, 3], Some(Activation::LeakyRelu)),
        (4, vec![5, 5], Some(Activation::Tanh)),
        // No hidden layer: the linear model of depth 0.
        (5, vec![], Some(Activation::Linear)),
    ];
    for (seed, widths, act) in cases {
        let net = common::random_network(seed, 3, &widths, 0.7, true, act);
        let mut model = Model::identity(net);
        model.input_scaling = InputScaling {
            min: vec![-5.0, 0.0, 100.0],
            max: vec![5.0, 2.0, 300.0],
        };
        model.output_scaling = OutputScaling {
            min: -40.0,
            max: 60.0,
        };
        let xs = swat::teacher::uniform_points(&mut swat::teacher::rng(seed), 64, 3);
        let raw: Vec<f64> = xs
            .chunks(3)
            .flat_map(|r| [r[0] * 5.0, r[1] + 1.0, 200.0 + 100.0 * r[2]])
            .collect();
        let want = model.predict(&raw).unwrap();
        let x32: Vec<f32> = raw.iter().map(|v| *v as f32).collect();
        let got = run_onnx(&swat::export::onnx(&model), &x32, 3);
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(&want) {
            assert!(
                (f64::from(*g) - w).abs() <= 1e-3 * w.abs().max(1.0),
                "seed {seed}: {g} vs {w}"
            );
        }
    }
}

#[test]
fn the_paper_teacher_exports() {
    let path = common::shared_data().join("paper-example/teacher.json");
    if !path.exists() {
        println!("SKIPPED: {} is absent", path.display());
        return;
    }
    let model = Model::load(&path).unwrap();
    let x = [0.1f32, -0.4, 0.7, -0.9, 0.2, 0.3];
    let got = run_onnx(&swat::export::onnx(&model), &x, 3);
    let want = model
        .predict(&x.iter().map(|v| f64::from(*v)).collect::<Vec<_>>())
        .unwrap();
    for (g, w) in got.iter().zip(&want) {
        assert!(
            (f64::from(*g) - w).abs() <= 1e-4 * w.abs().max(1.0),
            "{g} vs {w}"
        );
    }
}

#[test]
fn swat_export_writes_a_loadable_file() {
    let dir = tempfile::tempdir().unwrap();
    let teacher = common::example("teacher.json");
    let out = dir.path().join("m.onnx");
    assert_cmd::Command::cargo_bin("swat")
        .unwrap()
        .args(["export", &teacher, "--onnx"])
        .arg(&out)
        .assert()
        .success();
    let model = Model::load(&teacher).unwrap();
    let got = run_onnx(&std::fs::read(&out).unwrap(), &[0.3, -0.2, 0.9], 3);
    let want = model.predict(&[0.3, -0.2, 0.9]).unwrap()[0];
    assert!((f64::from(got[0]) - want).abs() <= 1e-4 * want.abs().max(1.0));
    let e = assert_cmd::Command::cargo_bin("swat")
        .unwrap()
        .args(["export", &teacher])
        .output()
        .unwrap();
    assert!(String::from_utf8(e.stderr).unwrap().contains("--onnx"));
}
