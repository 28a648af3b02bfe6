//! The bundled default autoencoder loads from the binary and still scores what MODEL_CARD.md
//! records on its held-out teachers, so a corrupted, truncated or swapped file is caught.

use swat::autoencoder::{bundled, Trainer};

/// MODEL_CARD.md, "Held-out reconstruction": the figures this file must reproduce.
const MEDIAN_RELATIVE_MSE: f64 = 0.0466;
const MEDIAN_R2_NON_FLAT: f64 = 0.6715;

#[test]
fn bundled_autoencoder_reproduces_its_recorded_scores() {
    let ckpt = bundled::checkpoint().expect("the bundled file loads and its checksum matches");
    assert!(!ckpt.resumable(), "the bundle should hold weights only");
    let mut trainer = Trainer::resume(&ckpt).expect("its weights fit its architecture");
    let r = trainer.validate();
    println!("{r:?}");
    assert!(
        (r.median_relative_mse - MEDIAN_RELATIVE_MSE).abs() <= 5e-4,
        "median relative MSE {} (recorded {MEDIAN_RELATIVE_MSE})",
        r.median_relative_mse
    );
    assert!(
        (r.median_r2_non_flat - MEDIAN_R2_NON_FLAT).abs() <= 5e-4,
        "median non-flat R² {} (recorded {MEDIAN_R2_NON_FLAT})",
        r.median_r2_non_flat
    );
}
