//! Training runs resume exactly; checkpoints are self-checking; a diverging run stops cleanly.
//! One test function: burn's device generator is process-wide, so runs must not interleave.

use swat::autoencoder::{
    Arch, Checkpoint, FastConfig, FormatError, TrainConfig, TrainError, Trainer,
};
use swat::mlp::Activation;

fn small_config() -> TrainConfig {
    let mut c = TrainConfig::new(Arch::Fast, Activation::Sigmoid);
    c.fast = FastConfig {
        hidden: 64,
        trunk: 32,
        latent: 16,
    };
    c.batch = 8;
    c.probe_per_axis = 4;
    c.valid_teachers = 16;
    c.lr = 1e-3;
    c.epoch_steps = 2; // the learning rate halves during the test
    c.halve_every_epochs = 1;
    c.seed = 11;
    c
}

#[test]
fn resume_checkpoints_and_divergence() {
    // Uninterrupted: 6 steps.
    let mut a = Trainer::new(small_config()).unwrap();
    let losses_a: Vec<f32> = (0..6).map(|_| a.step().unwrap()).collect();
    let weights_a = a.model().parameters();

    // Interrupted after 3 steps, through a file on disk, then 3 more.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ae.ckpt");
    let mut b = Trainer::new(small_config()).unwrap();
    let mut losses_b: Vec<f32> = (0..3).map(|_| b.step().unwrap()).collect();
    b.validate();
    b.checkpoint().unwrap().save(&path).unwrap();
    drop(b);
    let ckpt = Checkpoint::load(&path).unwrap();
    assert_eq!(ckpt.meta.step, 3);
    assert!(ckpt.meta.last_valid.is_some());
    let mut b = Trainer::resume(&ckpt).unwrap();
    losses_b.extend((0..3).map(|_| b.step().unwrap()));
    let weights_b = b.model().parameters();

    assert_eq!(losses_a, losses_b, "same losses step by step");
    assert!(weights_a.len() > 1000);
    let same = weights_a
        .iter()
        .zip(&weights_b)
        .all(|(x, y)| x.to_bits() == y.to_bits());
    assert!(same, "bit-identical weights after resuming");
    // One more step each: identical weights after it mean the Adam moments resumed too.
    a.step().unwrap();
    b.step().unwrap();
    assert!(
        a.model().parameters() == b.model().parameters(),
        "optimiser state resumed"
    );

    // A validation report has sensible ranges.
    let r = a.validate();
    assert_eq!(r.teachers, 16);
    assert!(r.median_relative_mse.is_finite() && r.median_relative_mse >= 0.0);
    assert!((0.0..=1.0).contains(&r.share_r2_ge_0_9));

    // Corruption and truncation are caught by the checksum; other files by the magic.
    let bytes = std::fs::read(&path).unwrap();
    let mut flipped = bytes.clone();
    flipped[bytes.len() / 2] ^= 0x40;
    let e = Checkpoint::from_bytes(&flipped).unwrap_err();
    assert!(matches!(e, FormatError::Checksum), "{e}");
    assert!(e.to_string().contains("checksum"), "{e}");
    let e = Checkpoint::from_bytes(&bytes[..bytes.len() - 100]).unwrap_err();
    assert!(
        matches!(e, FormatError::Checksum | FormatError::Truncated(_)),
        "{e}"
    );
    let e = Checkpoint::from_bytes(b"{\"format\": \"swat-mlp\"}").unwrap_err();
    assert!(matches!(e, FormatError::Magic), "{e}");
    assert!(
        e.to_string().contains("not a swat autoencoder checkpoint"),
        "{e}"
    );

    // A checkpoint of one size does not load as another.
    let mut other = ckpt.clone();
    other.meta.config.fast.hidden = 32;
    let e = Trainer::resume(&other).err().expect("shape mismatch");
    assert!(
        e.to_string().contains("checkpoint weights do not fit"),
        "{e}"
    );

    // A non-finite loss stops the run with a clear error and leaves the model untouched.
    // Teachers whose outputs overflow f32 make the loss non-finite.
    let mut c = small_config();
    c.geometry.activation = Activation::Linear;
    c.teachers.weight_scale = 1e30;
    let mut d = Trainer::new(c).unwrap();
    let mut stopped = None;
    for _ in 0..20 {
        match d.step() {
            Ok(_) => {}
            Err(e) => {
                stopped = Some(e);
                break;
            }
        }
    }
    match stopped {
        Some(e @ TrainError::NonFinite { step, .. }) => {
            assert_eq!(d.steps_done(), step);
            assert!(e.to_string().contains("not updated"), "{e}");
        }
        other => panic!("expected a non-finite loss, got {other:?}"),
    }
}
