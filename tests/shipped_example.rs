//! The shipped example is what `swat generate` makes from the settings recorded in it.

use swat::mlp::{Activation, Model};
use swat::teacher::{Paper2024Target, TargetDataset};

#[test]
fn example_regenerates_from_its_provenance() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sigmoid-depth2");
    let shipped = Model::load(dir.join("teacher.json")).unwrap();
    let p = &shipped.provenance;
    let preset = Paper2024Target {
        inputs: p["inputs"].as_u64().unwrap() as usize,
        width: p["width"].as_u64().unwrap() as usize,
        depth: p["depth"].as_u64().unwrap() as usize,
        sparsity: p["sparsity"].as_f64().unwrap(),
        activation: p["activation"]
            .as_str()
            .unwrap()
            .parse::<Activation>()
            .unwrap(),
        leaky_slope: p["leaky_slope"].as_f64().unwrap(),
        weight_scale: p["weight_scale"].as_f64().unwrap(),
    };
    let rows = p["rows"].as_u64().unwrap() as usize;
    let data = TargetDataset::generate(&preset, rows, p["seed"].as_u64().unwrap()).unwrap();
    assert_eq!(data.teacher.network, shipped.network);

    let mut x = Vec::new();
    let mut y = Vec::new();
    for split in ["train", "valid", "test"] {
        let mut rdr = csv::Reader::from_path(dir.join(format!("{split}.csv"))).unwrap();
        for rec in rdr.records() {
            let v: Vec<f64> = rec.unwrap().iter().map(|c| c.parse().unwrap()).collect();
            x.extend_from_slice(&v[..3]);
            y.push(v[3]);
        }
    }
    assert_eq!(x, data.x);
    assert_eq!(y.len(), data.y.len());
    for (a, b) in y.iter().zip(&data.y) {
        assert!((a - b).abs() <= 1e-12 * b.abs().max(1.0), "{a} vs {b}");
    }
}
