//! The bundled autoencoders load from the binary and still score what MODEL_CARD.md records on
//! their held-out teachers, so a corrupted, truncated, stale or swapped file is caught.

use swat::autoencoder::{bundled, Trainer};

/// MODEL_CARD.md, "Held-out reconstruction": (name, canvas inputs, median relative MSE, median
/// R² over non-flat teachers) each bundled file must reproduce.
const RECORDED: [(&str, usize, f64, f64); 2] = [
    ("bundled sigmoid3", 3, 0.0466, 0.6715),
    ("bundled swat2026", 7, 0.0609, 0.4522),
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
    // The 7-input canvas has biases: the default accepts what DESIGN §2.3 asks.
    let wide = bundled::BUNDLED[1].checkpoint().unwrap();
    assert!(wide.meta.config.geometry.bias);
    assert_eq!(bundled::max_inputs(), 7);
}
