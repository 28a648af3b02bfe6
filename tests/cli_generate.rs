//! `swat generate` end to end: the files it writes, and its refusals of impossible requests.

mod common;

use common::*;
use swat::mlp::Model;

/// A depth-3 leaky-ReLU teacher dataset of 1,000 rows, seed 4.
fn generate_leaky_into(out: &std::path::Path) {
    swat()
        .args([
            "generate",
            "--depth",
            "3",
            "--sparsity",
            "0.5",
            "--rows",
            "1000",
        ])
        .args(["--activation", "leaky_relu", "--seed", "4", "--out"])
        .arg(out)
        .assert()
        .success();
}

#[test]
fn writes_a_dataset_that_its_teacher_explains() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("data");
    generate_leaky_into(&out);
    let teacher = Model::load(out.join("teacher.json")).unwrap();
    assert_eq!(teacher.network.hidden_widths(), vec![5, 5, 5]);
    assert_eq!(teacher.provenance["seed"], 4);
    assert_eq!(teacher.provenance["leaky_slope"], 0.01);
    let mut rows = 0;
    for (name, n) in [("train", 500), ("valid", 300), ("test", 200)] {
        let mut rdr = csv::Reader::from_path(out.join(format!("{name}.csv"))).unwrap();
        assert_eq!(rdr.headers().unwrap(), vec!["x1", "x2", "x3", "y"]);
        let recs: Vec<Vec<f64>> = rdr
            .records()
            .map(|r| r.unwrap().iter().map(|c| c.parse().unwrap()).collect())
            .collect();
        assert_eq!(recs.len(), n);
        for r in &recs {
            assert!(r[..3].iter().all(|v| (-1.0..1.0).contains(v)));
            let exact = teacher.network.forward(&r[..3]).unwrap()[0];
            assert_eq!(exact, r[3], "CSV targets are written exactly");
            let p = teacher.predict(&r[..3]).unwrap()[0];
            assert!((p - r[3]).abs() <= 1e-12 * r[3].abs().max(1.0));
        }
        rows += recs.len();
    }
    assert_eq!(rows, 1000);
    // Same seed, same bytes.
    let again = dir.path().join("again");
    generate_leaky_into(&again);
    for f in ["train.csv", "valid.csv", "test.csv", "teacher.json"] {
        assert_eq!(
            std::fs::read(out.join(f)).unwrap(),
            std::fs::read(again.join(f)).unwrap()
        );
    }
}

#[test]
fn writes_a_batch_of_paper2024_networks() {
    let dir = tempfile::tempdir().unwrap();
    swat()
        .args([
            "generate",
            "--preset",
            "paper2024",
            "--batches",
            "2",
            "--seed",
            "1",
            "--out",
        ])
        .arg(dir.path())
        .assert()
        .success();
    let index = std::fs::read_to_string(dir.path().join("teachers.csv")).unwrap();
    assert_eq!(index.lines().count(), 1 + 64);
    let m = Model::load(dir.path().join("teacher-00064.json")).unwrap();
    assert!((1..=4).contains(&m.network.depth()));
}

#[test]
fn impossible_requests_name_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let e = stderr_of(&["generate", "--sparsity", "1.0", "--out", out]);
    assert!(
        e.contains("--sparsity") && e.contains("outside [0, 1)"),
        "{e}"
    );
    let e = stderr_of(&["generate", "--sparsity=-0.1", "--out", out]);
    assert!(e.contains("--sparsity"), "{e}");
    let e = stderr_of(&["generate", "--depth", "0", "--out", out]);
    assert!(e.contains("--depth"), "{e}");
    let e = stderr_of(&["generate", "--width", "0", "--out", out]);
    assert!(e.contains("--width"), "{e}");
    let e = stderr_of(&["generate", "--rows", "3", "--out", out]);
    assert!(e.contains("--rows") && e.contains("too few"), "{e}");
    let e = stderr_of(&["generate", "--activation", "relu6", "--out", out]);
    assert!(e.contains("--activation") && e.contains("relu6"), "{e}");
    let e = stderr_of(&["generate", "--depth", "two", "--out", out]);
    assert!(e.contains("--depth"), "{e}");
    let e = stderr_of(&["generate", "--inputs", "0", "--out", out]);
    assert!(e.contains("--inputs"), "{e}");
    // Nothing was written by any refused request.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
