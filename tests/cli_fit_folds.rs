//! How `swat fit` validates by default: k-fold cross-validation on small tables and on
//! larger noisy ones, one split otherwise, and the refusals of impossible fold counts.

mod common;

use common::{fit_stdout, swat};
use swat::mlp::Model;

#[test]
fn small_noisy_tables_are_chosen_by_cross_validation() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("small.csv");
    // 60 rows of y = 2a − 3b + 1 with noise of a fifth of the signal's spread: a 20% split
    // would choose on 12 rows.
    let x = swat::teacher::uniform_points(&mut swat::teacher::rng(21), 60, 2);
    let noise = |i: usize| ((i * 2_654_435_761) % 1000) as f64 / 1000.0 - 0.5;
    let y: Vec<f64> = x
        .chunks(2)
        .enumerate()
        .map(|(i, r)| 2.0 * r[0] - 3.0 * r[1] + 1.0 + 0.6 * noise(i))
        .collect();
    let names: Vec<String> = ["a", "b"].map(String::from).to_vec();
    std::fs::write(&table, swat::data::csv_text(&names, "y", &x, &y, 0..60)).unwrap();
    let model_path = dir.path().join("m.json");
    let stdout = fit_stdout(&table, &model_path, &["--iterations", "30"]);
    assert!(
        stdout.contains("5-fold cross-validation over all 60 rows"),
        "{stdout}"
    );
    let model = Model::load(&model_path).unwrap();
    assert_eq!(model.provenance["folds"], 5);
    // Linear data, chosen on every row: the linear model, not a network fitted to the noise.
    assert_eq!(model.provenance["chosen_depth"], 0, "{stdout}");
    let v = model.provenance["valid_scores"]["r2"].as_f64().unwrap();
    assert!(v > 0.9, "cross-validated R² {v}");
    // One split on request; --folds with a validation table or with too few rows is refused.
    swat()
        .arg("fit")
        .arg(&table)
        .args([
            "--folds",
            "1",
            "--iterations",
            "30",
            "--depths",
            "0,1",
            "--out",
        ])
        .arg(&model_path)
        .assert()
        .success();
    assert_eq!(Model::load(&model_path).unwrap().provenance["folds"], 1);
    for (args, says) in [
        (vec!["--folds", "0"], "--folds: must be at least 1"),
        (vec!["--folds", "3", "--valid"], "cannot go with --valid"),
        (vec!["--folds", "30"], "60 rows make 30 folds of 2 held-out"),
    ] {
        let mut cmd = swat();
        cmd.arg("fit").arg(&table).args(&args);
        if args.contains(&"--valid") {
            cmd.arg(&table);
        }
        let e = cmd
            .arg("--out")
            .arg(dir.path().join("x.json"))
            .output()
            .unwrap();
        assert!(!e.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&e.stderr);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
}

#[test]
fn larger_noisy_tables_are_chosen_by_cross_validation_too() {
    let dir = tempfile::tempdir().unwrap();
    // 800 rows whose inputs explain little of the target (a weak bump under noise four times
    // its size): one 20% split would choose on 160 rows whose noise outweighs the candidates'
    // differences. The same rows without the noise keep one split.
    let x = swat::teacher::uniform_points(&mut swat::teacher::rng(5), 800, 2);
    let noise = |i: usize| ((i * 2_654_435_761) % 1000) as f64 / 250.0 - 2.0;
    let names: Vec<String> = ["a", "b"].map(String::from).to_vec();
    for (noisy, folds) in [(true, 5), (false, 1)] {
        let y: Vec<f64> = x
            .chunks(2)
            .enumerate()
            .map(|(i, r)| (-(r[0] * r[0] + r[1] * r[1])).exp() + if noisy { noise(i) } else { 0.0 })
            .collect();
        let table = dir.path().join("t.csv");
        std::fs::write(&table, swat::data::csv_text(&names, "y", &x, &y, 0..800)).unwrap();
        let model_path = dir.path().join("m.json");
        let stdout = fit_stdout(
            &table,
            &model_path,
            &["--iterations", "30", "--depths", "0,1"],
        );
        assert_eq!(
            Model::load(&model_path).unwrap().provenance["folds"],
            folds,
            "{stdout}"
        );
        assert_eq!(
            stdout.contains("the default for noisy tables below 10000 rows"),
            noisy,
            "{stdout}"
        );
    }
}
