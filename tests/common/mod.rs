//! Helpers shared by the integration tests: random networks of every shape swat must handle.
#![allow(dead_code)]

use rand::seq::IndexedRandom;
use rand::RngExt;
use swat::mlp::{Activation, Layer, Mlp};
use swat::teacher::TeacherRng;

/// The path of a file of the shipped example (`examples/sigmoid-depth2`).
pub fn example(name: &str) -> String {
    format!(
        "{}/examples/sigmoid-depth2/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// `swat train-ae` flags of an autoencoder small enough to train for a few steps in a test.
pub const TINY_AE: &[&str] = &[
    "--hidden",
    "16",
    "--trunk",
    "8",
    "--latent",
    "4",
    "--probe-per-axis",
    "3",
    "--batch",
    "8",
    "--valid-teachers",
    "8",
];

/// A random network: each weight kept with probability `density`, f32-representable values,
/// optionally random biases and a random activation per hidden neuron. Dead neurons, neurons
/// with no inputs and pathless networks all occur.
pub fn random_network(
    seed: u64,
    inputs: usize,
    widths: &[usize],
    density: f64,
    biases: bool,
    mixed: Option<Activation>,
) -> Mlp {
    let mut rng: TeacherRng = swat::teacher::rng(seed);
    let mut sizes = vec![inputs];
    sizes.extend_from_slice(widths);
    sizes.push(1);
    let layers = (0..sizes.len() - 1)
        .map(|l| {
            let (i, o) = (sizes[l], sizes[l + 1]);
            let last = l + 2 == sizes.len();
            let w = (0..i * o)
                .map(|_| {
                    if rng.random_bool(density) {
                        f64::from(rng.random_range(-10.0f32..10.0))
                    } else {
                        0.0
                    }
                })
                .collect();
            let b = biases.then(|| {
                (0..o)
                    .map(|_| f64::from(rng.random_range(-1.0f32..1.0)))
                    .collect()
            });
            let acts = (0..o)
                .map(|_| match (last, mixed) {
                    (true, _) => Activation::Linear,
                    (false, Some(a)) => a,
                    (false, None) => *Activation::ALL.choose(&mut rng).unwrap(),
                })
                .collect();
            Layer::new(i, o, w, b, acts, 0.1).unwrap()
        })
        .collect();
    Mlp::new(layers).unwrap()
}

/// The shared data folder (`../shared/data` beside the repository), or `SWAT_DATA_DIR`.
pub fn shared_data() -> std::path::PathBuf {
    match std::env::var_os("SWAT_DATA_DIR") {
        Some(p) => p.into(),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"),
    }
}

/// The `swat` binary of this build.
pub fn swat() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("swat").unwrap()
}

/// Runs `swat args` expecting failure; returns its standard error.
pub fn stderr_of(args: &[&str]) -> String {
    let out = swat().args(args).output().unwrap();
    assert!(!out.status.success(), "swat {args:?} should fail");
    String::from_utf8(out.stderr).unwrap()
}

/// `swat fit TABLE ARGS --out MODEL`, which must succeed; its standard output.
pub fn fit_stdout(table: &std::path::Path, model: &std::path::Path, args: &[&str]) -> String {
    let out = swat()
        .arg("fit")
        .arg(table)
        .args(args)
        .arg("--out")
        .arg(model)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
