//! `swat fit --method paper` end to end: where its search starts, which iterate it reads out,
//! what model.json records of both, and the refusals of `--read-out`.

mod common;

use common::{example, swat};
use swat::mlp::Model;

#[test]
fn paper_method_starts_at_the_datas_code_and_records_its_read_out() {
    let dir = tempfile::tempdir().unwrap();
    let model_path = dir.path().join("m.json");
    let fit = |extra: &[&str]| {
        swat()
            .args(["fit", &example("train.csv"), "--method", "paper"])
            .args(["--autoencoder", "bundled:swat3", "--iterations", "30"])
            .args(["--depths", "1", "--out"])
            .arg(&model_path)
            .args(extra)
            .assert()
            .success();
        Model::load(&model_path).unwrap().provenance
    };
    let p = fit(&[]);
    assert_eq!(p["method"], "paper");
    assert_eq!(p["latent_init"], "encode");
    assert_eq!(p["read_out"], "lowest-loss");
    // The paper's own start and printed read-out, on request.
    let p = fit(&["--latent-init", "uniform", "--read-out", "last"]);
    assert_eq!(p["latent_init"], "uniform");
    assert_eq!(p["read_out"], "last");
    for bad in [
        &["--read-out", "best"][..],
        &["--method", "swat", "--read-out", "last"],
    ] {
        let e = swat()
            .args(["fit", &example("train.csv")])
            .args(bad)
            .output()
            .unwrap();
        assert!(!e.status.success());
        assert!(String::from_utf8_lossy(&e.stderr).contains("--read-out"));
    }
}
