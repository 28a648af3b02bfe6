//! Bad and odd input, table-driven, across every command: each case runs the binary in a fresh
//! folder and asserts no panic, the right exit, a message naming the file / flag / column, every
//! input byte-identical afterwards and, on failure, nothing left behind. The counts it prints
//! are the reliability section of BENCHMARKS.md.

#[path = "../common/mod.rs"]
mod common;

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;
use std::time::Duration;

/// What a case must end in.
enum Expect {
    /// A non-zero exit whose message holds each of these.
    Fails(&'static [&'static str]),
    /// Exit 0, then this check of the folder and output.
    Works(fn(&Path, &Output) -> Result<(), String>),
}

struct Case {
    name: &'static str,
    /// Arguments, split on spaces; they run in the case's folder.
    args: &'static str,
    /// Extra files for the case (the shared fixtures are already there).
    setup: fn(&Path),
    expect: Expect,
    /// Files the command is asked to replace (`--overwrite`).
    may_change: &'static [&'static str],
}

fn example(f: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/sigmoid-depth2")
        .join(f)
}

/// The first `n` data rows of a shipped example file, with its header.
fn head(file: &str, n: usize) -> String {
    let text = std::fs::read_to_string(example(file)).unwrap();
    let mut s: String = text.lines().take(n + 1).collect::<Vec<_>>().join("\n");
    s.push('\n');
    s
}

/// Shared fixtures: a small table (train / valid / test), a model file and a tiny resumable
/// autoencoder run.
fn fixtures() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::write(p.join("train.csv"), head("train.csv", 120)).unwrap();
        std::fs::write(p.join("valid.csv"), head("valid.csv", 40)).unwrap();
        std::fs::write(p.join("test.csv"), head("test.csv", 40)).unwrap();
        std::fs::copy(example("teacher.json"), p.join("model.json")).unwrap();
        Command::cargo_bin("swat")
            .unwrap()
            .args(["train-ae", "--steps", "2", "--valid-every", "2", "--out"])
            .arg(p.join("run"))
            .args(common::TINY_AE)
            .assert()
            .success();
        for f in ["loss.png", "r2.png"] {
            let _ = std::fs::remove_file(p.join("run").join(f));
        }
        dir
    })
    .path()
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            if meta.is_dir() {
                stack.push(p);
            } else if meta.is_file() {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            } else {
                out.insert(p.strip_prefix(dir).unwrap().to_path_buf(), Vec::new());
            }
        }
    }
    out
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// A table of `n` rows of y = f(x1, x2) on a grid-like spread of inputs.
fn table(n: usize, f: fn(f64, f64) -> f64) -> String {
    let mut s = String::from("x1,x2,y\n");
    for i in 0..n {
        let x1 = ((i * 37) % 101) as f64 / 50.0 - 1.0;
        let x2 = ((i * 53) % 97) as f64 / 48.0 - 1.0;
        s.push_str(&format!("{x1},{x2},{}\n", f(x1, x2)));
    }
    s
}

fn bowl(a: f64, b: f64) -> f64 {
    a * a + 0.5 * b
}

/// A model file with its JSON changed by `edit`.
fn model_with(dir: &Path, name: &str, edit: fn(&mut serde_json::Value)) {
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(example("teacher.json")).unwrap()).unwrap();
    edit(&mut v);
    write(dir, name, &serde_json::to_string_pretty(&v).unwrap());
}

fn none(_: &Path) {}

/// A quick fit's flags, appended by cases that are expected to finish.
macro_rules! quick {
    ($s:literal) => {
        concat!(
            $s,
            " --iterations 5 --depths 1 --restarts 1 --random-starts 1"
        )
    };
}

fn wrote(dir: &Path, out: &Output, file: &str) -> Result<(), String> {
    if !dir.join(file).exists() {
        return Err(format!(
            "{file} missing; stdout {}",
            String::from_utf8_lossy(&out.stdout)
        ));
    }
    Ok(())
}

fn predictions_finite(dir: &Path, file: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(dir.join(file)).map_err(|e| e.to_string())?;
    for line in text.lines().skip(1) {
        for cell in line.split(',') {
            let v: f64 = cell.parse().map_err(|_| format!("{cell:?} in {file}"))?;
            if !v.is_finite() || cell.len() > 30 {
                return Err(format!("{cell:?} in {file}"));
            }
        }
    }
    Ok(())
}

fn case(name: &'static str, args: &'static str, setup: fn(&Path), expect: Expect) -> Case {
    Case {
        name,
        args,
        setup,
        expect,
        may_change: &[],
    }
}

mod fit_flags;
mod fit_tables;
mod model_files;
mod other_commands;

fn cases() -> Vec<Case> {
    let mut all = fit_tables::cases();
    all.extend(fit_flags::cases());
    all.extend(model_files::cases());
    all.extend(other_commands::cases());
    all
}

/// A clause (text between ": ") said twice in one message, as a wrapped error that quotes
/// its cause would.
fn repeated_part(message: &str) -> Option<String> {
    let parts: Vec<&str> = message.split(": ").map(str::trim).collect();
    parts
        .iter()
        .enumerate()
        .find(|(k, p)| p.len() > 12 && parts[..*k].contains(p))
        .map(|(_, p)| p.to_string())
}

#[test]
fn a_repeated_clause_is_found() {
    assert!(
        repeated_part("a.json: No such file or directory: No such file or directory").is_some()
    );
    assert!(repeated_part("--out x is the same file as TRAIN x: choose another").is_none());
}

/// Runs one case; returns what went wrong and whether it was a panic or lost data.
fn run(case: &Case) -> (Vec<String>, bool, bool, bool) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let fx = fixtures();
    for f in ["train.csv", "valid.csv", "test.csv", "model.json"] {
        std::fs::copy(fx.join(f), d.join(f)).unwrap();
    }
    std::fs::create_dir(d.join("run")).unwrap();
    for f in ["checkpoint.swatae", "log.csv"] {
        std::fs::copy(fx.join("run").join(f), d.join("run").join(f)).unwrap();
    }
    (case.setup)(d);
    let before = snapshot(d);
    let out = Command::cargo_bin("swat")
        .unwrap()
        .current_dir(d)
        .args(case.args.split(' '))
        .timeout(Duration::from_secs(300))
        .output()
        .unwrap();
    let after = snapshot(d);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let mut problems = Vec::new();
    let panicked = stderr.contains("panicked") || out.status.code() == Some(101);
    if panicked {
        problems.push(format!("panicked: {stderr}"));
    }
    let mut lost = false;
    for (path, bytes) in &before {
        if case.may_change.iter().any(|m| Path::new(m) == path) {
            continue;
        }
        match after.get(path) {
            Some(b) if b == bytes => {}
            _ => {
                lost = true;
                problems.push(format!("{} was changed or removed", path.display()));
            }
        }
    }
    let mut wrong_exit = false;
    match &case.expect {
        Expect::Fails(needles) => {
            if out.status.success() {
                wrong_exit = true;
                problems.push("exited 0".into());
            }
            for n in *needles {
                if !stderr.contains(n) {
                    problems.push(format!("message lacks {n:?}"));
                }
            }
            if stderr.len() > 2000 {
                problems.push(format!("message of {} bytes", stderr.len()));
            }
            if stderr.matches("error:").count() > 1 {
                problems.push("more than one error message".into());
            }
            if let Some(part) = repeated_part(&stderr) {
                problems.push(format!("the message repeats {part:?}"));
            }
            let new: Vec<_> = after.keys().filter(|k| !before.contains_key(*k)).collect();
            if !new.is_empty() {
                problems.push(format!("left behind {new:?}"));
            }
            if !problems.is_empty() {
                problems.push(format!("stderr: {stderr}"));
            }
        }
        Expect::Works(check) => {
            if !out.status.success() {
                wrong_exit = true;
                problems.push(format!("failed: {stderr}"));
            } else if let Err(e) = check(d, &out) {
                problems.push(e);
            }
            if after
                .keys()
                .any(|k| k.to_string_lossy().contains(".swat-tmp-"))
            {
                problems.push("a temporary file was left behind".into());
            }
        }
    }
    (problems, panicked, lost, wrong_exit)
}

#[test]
fn bad_and_odd_input_is_refused_clearly_and_never_costs_data() {
    let cases = cases();
    assert!(cases.len() >= 100, "{} cases", cases.len());
    let (mut panics, mut lost, mut wrong, mut failed) = (0, 0, 0, Vec::new());
    for case in &cases {
        let (problems, p, l, w) = run(case);
        panics += p as usize;
        lost += l as usize;
        wrong += w as usize;
        if !problems.is_empty() {
            failed.push(format!(
                "{} (`swat {}`):\n  {}",
                case.name,
                case.args,
                problems.join("\n  ")
            ));
        }
    }
    println!(
        "{} cases: {panics} panics, {lost} with data lost, {wrong} with the wrong exit, {} failing",
        cases.len(),
        failed.len()
    );
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[cfg(unix)]
#[test]
fn sigterm_stops_train_ae_with_a_checkpoint_that_resumes_step_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let (cut, straight) = (dir.path().join("cut"), dir.path().join("straight"));
    let bin = assert_cmd::cargo::cargo_bin("swat");
    let mut child = std::process::Command::new(&bin)
        .args(["train-ae", "--steps", "1000000", "--checkpoint-every", "5"])
        .args(["--valid-every", "1000000", "--out"])
        .arg(&cut)
        .args(common::TINY_AE)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until it is training (its first checkpoint is there), then ask it to stop as
    // `timeout` would.
    let started = std::time::Instant::now();
    while !cut.join("checkpoint.swatae").exists() {
        assert!(started.elapsed() < Duration::from_secs(120), "no progress");
        std::thread::sleep(Duration::from_millis(50));
    }
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "SIGTERM exits like Ctrl-C");
    let ckpt = swat::autoencoder::Checkpoint::load(&cut.join("checkpoint.swatae"))
        .expect("SIGTERM writes the checkpoint");
    let n = ckpt.meta.step;
    assert!(n >= 5, "stopped at step {n}");
    assert!(std::fs::read_dir(&cut)
        .unwrap()
        .flatten()
        .all(|e| !e.file_name().to_string_lossy().starts_with(".swat-tmp-")));
    let total = (n + 3).to_string();
    Command::cargo_bin("swat")
        .unwrap()
        .args(["train-ae", "--resume"])
        .arg(&cut)
        .args(["--steps", &total])
        .assert()
        .success();
    Command::cargo_bin("swat")
        .unwrap()
        .args([
            "train-ae",
            "--steps",
            &total,
            "--checkpoint-every",
            "1000000",
        ])
        .args(["--valid-every", "1000000", "--out"])
        .arg(&straight)
        .args(common::TINY_AE)
        .assert()
        .success();
    let a = swat::autoencoder::Checkpoint::load(&cut.join("checkpoint.swatae")).unwrap();
    let b = swat::autoencoder::Checkpoint::load(&straight.join("checkpoint.swatae")).unwrap();
    assert_eq!(a.meta.step, b.meta.step);
    // Parameters, not record bytes: a record also holds per-process parameter ids.
    let weights = |c: &swat::autoencoder::Checkpoint| {
        swat::autoencoder::Trainer::resume(c)
            .unwrap()
            .model()
            .parameters()
    };
    assert!(
        weights(&a) == weights(&b),
        "interrupted at step {n} and resumed, the run differs from one that never stopped"
    );
}
