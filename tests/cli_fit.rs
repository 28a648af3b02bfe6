//! `swat fit` end to end with a small autoencoder trained in the test, and its refusals.

use assert_cmd::Command;
use swat::data::{read_table, Dataset};
use swat::metrics::score;
use swat::mlp::Model;

fn swat() -> Command {
    Command::cargo_bin("swat").unwrap()
}

fn example(name: &str) -> String {
    format!(
        "{}/examples/sigmoid-depth2/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn fit_writes_a_model_whose_scores_reproduce() {
    let dir = tempfile::tempdir().unwrap();
    let run = dir.path().join("ae");
    swat()
        .args([
            "train-ae", "--steps", "3", "--hidden", "32", "--trunk", "16", "--latent", "8",
        ])
        .args(["--probe-per-axis", "3", "--valid-teachers", "32", "--out"])
        .arg(&run)
        .assert()
        .success();
    let model_path = dir.path().join("model.json");
    let out = swat()
        .args(["fit", &example("train.csv"), "--test", &example("test.csv")])
        .args([
            "--iterations",
            "20",
            "--depths",
            "1,2",
            "--restarts",
            "2",
            "--autoencoder",
        ])
        .arg(run.join("checkpoint.swatae"))
        .arg("--out")
        .arg(&model_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("chosen: depth"), "{stdout}");
    let model = Model::load(&model_path).unwrap();
    assert_eq!(model.inputs, vec!["x1", "x2", "x3"]);
    assert_eq!(model.target, "y");
    // The recorded test R² is what the model file gives on the test table.
    let test =
        Dataset::from_table(&read_table(example("test.csv").as_ref()).unwrap(), None, 7).unwrap();
    let pred = model.predict(&test.x).unwrap();
    let s = score(&pred, &test.y);
    let recorded = model.provenance["test_scores"]["r2"].as_f64().unwrap();
    assert!((s.r2 - recorded).abs() < 1e-9, "{} vs {recorded}", s.r2);
}

#[test]
fn fit_refuses_bad_requests_clearly() {
    let e = swat()
        .args(["fit", &example("train.csv")])
        .output()
        .unwrap();
    let e = String::from_utf8(e.stderr).unwrap();
    assert!(
        e.contains("--autoencoder") && e.contains("swat train-ae"),
        "{e}"
    );
    let e = swat()
        .args(["fit", &example("train.csv"), "--autoencoder", "nope.swatae"])
        .output()
        .unwrap();
    let e = String::from_utf8(e.stderr).unwrap();
    assert!(e.contains("nope.swatae"), "{e}");
    let e = swat()
        .args(["fit", &example("train.csv"), "--valid-fraction", "1.5"])
        .output()
        .unwrap();
    let e = String::from_utf8(e.stderr).unwrap();
    assert!(e.contains("--valid-fraction"), "{e}");
}
