//! The paper's own example: its teacher, in swat's model format, reproduces its test targets.
//! The data lives outside the repository (`../shared/data/paper-example`); without it this test
//! says so and passes.

mod common;

use swat::mlp::Model;

#[test]
fn teacher_reproduces_test_targets() {
    let dir = common::shared_data().join("paper-example");
    if !dir.join("teacher.json").exists() {
        println!(
            "SKIPPED: {} is absent; the paper-example check did not run",
            dir.display()
        );
        return;
    }
    let model = Model::load(dir.join("teacher.json")).expect("teacher.json loads");
    let s = model.stats();
    assert_eq!(s.nonzero_weights, 13);
    assert_eq!(model.network.hidden_widths(), vec![5, 5]);
    let compact = model.network.compact();
    assert!(compact.stats().nonzero_weights <= 13);

    let mut rdr = csv::Reader::from_path(dir.join("test.csv")).expect("test.csv opens");
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, ["x1", "x2", "x3", "y"]);
    let (mut x, mut y) = (Vec::new(), Vec::new());
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let v: Vec<f64> = rec.iter().map(|c| c.parse().unwrap()).collect();
        x.extend_from_slice(&v[..3]);
        y.push(v[3]);
    }
    assert_eq!(y.len(), 19_999);
    for net in [&model.network, &compact] {
        let pred = Model {
            network: net.clone(),
            ..model.clone()
        }
        .predict(&x)
        .unwrap();
        let worst = pred
            .iter()
            .zip(&y)
            .map(|(p, t)| (p - t).abs() / t.abs().max(1e-3))
            .fold(0.0f64, f64::max);
        assert!(worst <= 1e-5, "worst relative error {worst}");
    }
}
