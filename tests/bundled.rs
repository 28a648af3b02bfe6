//! The bundled autoencoders load from the binary and still score what MODEL_CARD.md records on
//! their held-out teachers, so a corrupted, truncated, stale or swapped file is caught.

use swat::autoencoder::{bundled, Arch, Trainer};

/// MODEL_CARD.md, "Held-out reconstruction": (name, canvas inputs, median relative MSE, median
/// R² over non-flat teachers) each bundled file must reproduce.
const RECORDED: [(&str, usize, f64, f64); 2] = [
    ("bundled swat3", 3, 0.0024, 0.9794),
    ("bundled swat7", 7, 0.0088, 0.9140),
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
    // Both read the function and write networks with biases (DESIGN §2.3).
    for b in &bundled::BUNDLED {
        let ckpt = b.checkpoint().unwrap();
        assert!(ckpt.meta.config.geometry.bias, "{}", b.name);
        assert_eq!(ckpt.meta.config.arch, Arch::Function, "{}", b.name);
    }
    assert_eq!(bundled::max_inputs(), 7);
}
