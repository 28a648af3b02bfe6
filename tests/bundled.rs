//! The bundled autoencoders load from the binary and still score what MODEL_CARD.md records on
//! their held-out teachers, so a corrupted, truncated, stale or swapped file is caught.

use swat::autoencoder::{bundled, Arch, Trainer};

/// MODEL_CARD.md, "Held-out reconstruction": (name, canvas inputs, median relative MSE, median
/// R² over non-flat teachers) each bundled file must reproduce.
const RECORDED: [(&str, usize, f64, f64); 4] = [
    ("bundled swat3", 3, 0.0024, 0.9794),
    ("bundled swat7", 7, 0.0088, 0.9140),
    ("bundled swat3leaky", 3, 0.0343, 0.9382),
    ("bundled swat7leaky", 7, 0.0447, 0.9243),
];

#[test]
fn bundled_autoencoders_reproduce_their_recorded_scores() {
    assert_eq!(bundled::BUNDLED.len(), RECORDED.len());
    for (b, &(name, inputs, rel, r2)) in bundled::BUNDLED.iter().zip(&RECORDED) {
        assert_eq!(b.name, name);
        let ckpt = b
            .checkpoint()
            .expect("the bundled file loads and its checksum matches");
        assert!(
            !ckpt.resumable(),
            "{name}: the bundle should hold weights only"
        );
        assert_eq!(ckpt.meta.config.geometry.inputs, inputs, "{name}");
        assert_eq!(b.inputs, inputs, "{name}");
        let mut trainer = Trainer::resume(&ckpt).expect("its weights fit its architecture");
        let r = trainer.validate();
        println!("{name}: {r:?}");
        assert!(
            (r.median_relative_mse - rel).abs() <= 5e-4,
            "{name}: median relative MSE {} (recorded {rel})",
            r.median_relative_mse
        );
        assert!(
            (r.median_r2_non_flat - r2).abs() <= 5e-4,
            "{name}: median non-flat R² {} (recorded {r2})",
            r.median_r2_non_flat
        );
    }
    // Every one reads the function and writes networks with biases (DESIGN §2.3).
    for b in &bundled::BUNDLED {
        let ckpt = b.checkpoint().unwrap();
        assert!(ckpt.meta.config.geometry.bias, "{}", b.name);
        assert_eq!(ckpt.meta.config.arch, Arch::Function, "{}", b.name);
    }
    let widest = bundled::BUNDLED.iter().map(|b| b.inputs).max();
    assert_eq!(widest, Some(7));
}

/// Each family of generic random functions (the bundles' other training half), drawn afresh
/// from a seed no training used, as the 3-input bundle reconstructs them: the evidence on
/// whether sigmoid decoders also write piecewise-linear shapes (BENCHMARKS.md).
#[test]
fn the_three_input_bundle_reconstructs_every_generic_family() {
    use swat::teacher::Family;
    let b = &bundled::BUNDLED[0];
    let ckpt = b.checkpoint().unwrap();
    let trainer = Trainer::resume(&ckpt).unwrap();
    let generic = trainer.config().generic();
    let mut rng = swat::teacher::rng(777_001);
    let mut by_family: Vec<(Family, Vec<Vec<f64>>)> = Vec::new();
    while by_family.len() < 7 || by_family.iter().any(|(_, v)| v.len() < 64) {
        let (values, family, _) = generic.draw(&mut rng, trainer.probe());
        match by_family.iter_mut().find(|(f, _)| *f == family) {
            Some((_, v)) if v.len() < 64 => v.push(values),
            Some(_) => {}
            None => by_family.push((family, vec![values])),
        }
    }
    for (family, functions) in &by_family {
        let r = trainer
            .score_functions(functions)
            .unwrap()
            .expect("reads functions");
        println!(
            "{family:?}: median R² {:.3}, share ≥ 0.9 {:.3} ({} non-flat of {})",
            r.median_r2_non_flat,
            r.share_r2_ge_0_9,
            r.non_flat,
            functions.len()
        );
        assert!(
            r.median_r2_non_flat >= 0.8,
            "{family:?}: median R² {}",
            r.median_r2_non_flat
        );
    }
}
