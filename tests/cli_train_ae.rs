//! `swat train-ae` end to end: a tiny run, kill -9 during checkpoint writes, resume, refusals.

mod common;

use common::*;
use std::path::Path;
use std::time::Duration;
use swat::autoencoder::Checkpoint;
use swat::mlp::Activation;

fn log_steps(dir: &Path) -> Vec<u64> {
    std::fs::read_to_string(dir.join("log.csv"))
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn a_tiny_run_writes_its_files_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run");
    swat()
        .args([
            "train-ae",
            "--steps",
            "6",
            "--valid-every",
            "3",
            "--log-every",
            "2",
            "--out",
        ])
        .arg(&out)
        .args(common::TINY_AE)
        .assert()
        .success();
    for f in ["checkpoint.swatae", "log.csv", "loss.png", "r2.png"] {
        assert!(out.join(f).exists(), "{f} missing");
    }
    assert_eq!(log_steps(&out), vec![2, 3, 4, 6]);
    let ckpt = Checkpoint::load(&out.join("checkpoint.swatae")).unwrap();
    assert_eq!(ckpt.meta.step, 6);
    assert_eq!(ckpt.meta.config.batch, 8);
    assert_eq!(ckpt.meta.config.arch.name(), "function");
    assert_eq!(ckpt.meta.config.generic_per_batch(), 4);
    swat()
        .args(["train-ae", "--steps", "8", "--log-every", "2", "--resume"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(
        Checkpoint::load(&out.join("checkpoint.swatae"))
            .unwrap()
            .meta
            .step,
        8
    );
    assert_eq!(log_steps(&out), vec![2, 3, 4, 6, 8]);
    // A resumed run must be told how far to go.
    let e = stderr_of(&["train-ae", "--resume", out.to_str().unwrap()]);
    assert!(e.contains("--steps") && e.contains("at step 8"), "{e}");
    // A new run refuses to overwrite one.
    let e = stderr_of(&["train-ae", "--steps", "1", "--out", out.to_str().unwrap()]);
    assert!(
        e.contains("already holds a run") && e.contains("--resume"),
        "{e}"
    );
}

#[test]
fn both_presets_and_architectures_train() {
    let dir = tempfile::tempdir().unwrap();
    for (k, extra) in [
        &[
            "--preset",
            "swatnn2025",
            "--batch",
            "8",
            "--valid-teachers",
            "8",
        ][..],
        &["--arch", "paper", "--batch", "4", "--valid-teachers", "4"][..],
        &[
            "--arch",
            "function",
            "--preset",
            "swat",
            "--activation",
            "sigmoid,leaky_relu",
            "--batch",
            "8",
            "--valid-teachers",
            "8",
        ][..],
    ]
    .iter()
    .enumerate()
    {
        let out = dir.path().join(format!("run{k}"));
        swat()
            .args(["train-ae", "--steps", "2", "--valid-every", "2", "--out"])
            .arg(&out)
            .args(["--probe-per-axis", "3"])
            .args(*extra)
            .assert()
            .success();
        let c = Checkpoint::load(&out.join("checkpoint.swatae")).unwrap();
        assert_eq!(c.meta.step, 2);
        assert!(c.meta.last_valid.is_some());
        if k == 2 {
            // Every neuron chooses between the two; a fit can read the canvas.
            let choices = c.meta.config.geometry.choices;
            assert_eq!(choices.list(), [Activation::Sigmoid, Activation::LeakyRelu]);
        }
    }
}

#[test]
fn kill_during_checkpoint_writes_never_leaves_a_bad_checkpoint() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("run");
    let bin = assert_cmd::cargo::cargo_bin("swat");
    for round in 0..6u64 {
        let mut cmd = std::process::Command::new(&bin);
        cmd.arg("train-ae").args([
            "--steps",
            "1000000",
            "--checkpoint-every",
            "1",
            "--valid-every",
            "1000000",
        ]);
        if round == 0 {
            cmd.arg("--out").arg(&out).args(common::TINY_AE);
        } else {
            cmd.arg("--resume").arg(&out);
        }
        let mut child = cmd
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Checkpoints are written every step; stop at varied moments within a write cycle.
        std::thread::sleep(Duration::from_millis(400 + 97 * round));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        if out.join("checkpoint.swatae").exists() {
            let c = Checkpoint::load(&out.join("checkpoint.swatae"))
                .unwrap_or_else(|e| panic!("round {round}: {e}"));
            assert!(c.meta.step >= 1);
        } else {
            assert_eq!(round, 0, "a checkpoint, once written, is never removed");
        }
    }
    assert!(
        Checkpoint::load(&out.join("checkpoint.swatae"))
            .unwrap()
            .meta
            .step
            > 1
    );
}

#[test]
fn impossible_configurations_name_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    let o = out.to_str().unwrap();
    let e = stderr_of(&[
        "train-ae",
        "--arch",
        "fast",
        "--generic-share",
        "0.5",
        "--out",
        o,
    ]);
    assert!(
        e.contains("--generic-share") && e.contains("--arch function"),
        "{e}"
    );
    let e = stderr_of(&["train-ae", "--generic-share", "1", "--out", o]);
    assert!(e.contains("--generic-share"), "{e}");
    let e = stderr_of(&["train-ae", "--batch", "0", "--out", o]);
    assert!(e.contains("--batch"), "{e}");
    let e = stderr_of(&["train-ae", "--batch", "6", "--out", o]);
    assert!(e.contains("--batch") && e.contains("multiple of 4"), "{e}");
    let e = stderr_of(&["train-ae", "--arch", "resnet", "--out", o]);
    assert!(e.contains("--arch") && e.contains("resnet"), "{e}");
    let e = stderr_of(&["train-ae", "--lr=-1", "--out", o]);
    assert!(e.contains("--lr"), "{e}");
    let e = stderr_of(&[
        "train-ae",
        "--preset",
        "paper2024",
        "--activation",
        "sigmoid,tanh",
        "--out",
        o,
    ]);
    assert!(e.contains("--activation") && e.contains("paper2024"), "{e}");
    let e = stderr_of(&["train-ae", "--valid-teachers", "10", "--out", o]);
    assert!(e.contains("--valid-teachers"), "{e}");
    let e = stderr_of(&["train-ae", "--hidden", "0", "--out", o]);
    assert!(e.contains("--hidden"), "{e}");
    let e = stderr_of(&["train-ae", "--steps", "5"]);
    assert!(e.contains("--out") || e.contains("--resume"), "{e}");
    let e = stderr_of(&["train-ae", "--resume", o, "--batch", "8"]);
    assert!(
        e.contains("--batch") && e.contains("cannot be used with"),
        "{e}"
    );
    let e = stderr_of(&["train-ae", "--resume", o]);
    assert!(e.contains("checkpoint.swatae"), "{e}");
    // A file that is not a checkpoint.
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("checkpoint.swatae"), b"hello").unwrap();
    let e = stderr_of(&["train-ae", "--resume", o]);
    assert!(e.contains("not a swat autoencoder checkpoint"), "{e}");
}
