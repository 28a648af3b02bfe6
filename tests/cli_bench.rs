//! `swat bench` end to end with the bundled autoencoder: a quick CORNN run split into two
//! shards and merged, resuming, and its refusals; one shard of the quick paper suite.

mod common;

use common::swat;
use swat::bench::read_csv;

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn quick_cornn_in_two_shards_merges_into_one_report() {
    let dir = tempfile::tempdir().unwrap();
    let shard = |i: usize| dir.path().join(format!("shard-{i}"));
    for i in 0..2 {
        swat()
            .args([
                "bench",
                "cornn",
                "--quick",
                "--shard",
                &format!("{i}/2"),
                "--out",
            ])
            .arg(shard(i))
            .assert()
            .success();
    }
    // Booth, Himmelblau, Matyas: shard 0 holds tasks 0 and 2, shard 1 task 1.
    let first = read_csv(&shard(0).join("results.csv")).unwrap();
    let tasks: std::collections::BTreeSet<&str> = first.iter().map(|r| r.task.as_str()).collect();
    assert_eq!(tasks.len(), 2, "{tasks:?}");
    for method in [
        "swat",
        "swat-decoded-only",
        "swat-random-only",
        "dense-1x10",
        "dense-3x10",
        "dense-5x10",
        "magnitude-prune",
        "l1-threshold",
    ] {
        let chosen: Vec<_> = first
            .iter()
            .filter(|r| r.method == method && r.chosen)
            .collect();
        assert_eq!(chosen.len(), 2, "{method}: one answer per task");
        for r in chosen {
            assert!(r.test_mse_scaled.is_finite() && r.test_mse_scaled >= 0.0);
            assert!(r.nonzero_params <= 481, "{method}: {}", r.nonzero_params);
        }
    }
    // Dense sizes are CORNN's: 41, 261 and 481 parameters with 2 inputs (before any weight
    // happens to be exactly zero).
    for (m, n) in [("dense-1x10", 41), ("dense-3x10", 261), ("dense-5x10", 481)] {
        assert!(first
            .iter()
            .filter(|r| r.method == m)
            .all(|r| r.nonzero_params <= n && r.nonzero_params > n / 2));
    }

    // Rerunning a finished shard resumes with nothing to do; other settings are refused.
    let again = swat()
        .args(["bench", "cornn", "--quick", "--shard", "0/2", "--out"])
        .arg(shard(0))
        .output()
        .unwrap();
    assert!(again.status.success());
    assert!(
        stdout(&again).contains("2 task(s) done, 0 to go"),
        "{}",
        stdout(&again)
    );
    let other = swat()
        .args([
            "bench", "cornn", "--quick", "--seed", "1", "--shard", "0/2", "--out",
        ])
        .arg(shard(0))
        .output()
        .unwrap();
    assert!(!other.status.success());
    assert!(String::from_utf8_lossy(&other.stderr).contains("other settings"));

    // `--tasks` keeps only the named tasks: shard 1 holds Himmelblau alone, so `--tasks Booth`
    // leaves it nothing to fit; a part no task has is refused.
    let filtered = dir.path().join("booth-only");
    swat()
        .args([
            "bench", "cornn", "--quick", "--shard", "1/2", "--tasks", "Booth", "--out",
        ])
        .arg(&filtered)
        .assert()
        .success();
    assert!(read_csv(&filtered.join("results.csv")).unwrap().is_empty());
    let unknown = swat()
        .args([
            "bench",
            "cornn",
            "--quick",
            "--tasks",
            "Booth,nope",
            "--out",
        ])
        .arg(dir.path().join("unknown"))
        .output()
        .unwrap();
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("--tasks nope"));

    let merged = dir.path().join("all");
    swat()
        .args(["bench", "merge"])
        .arg(shard(0))
        .arg(shard(1).join("results.csv"))
        .arg("--out")
        .arg(&merged)
        .assert()
        .success();
    let rows = read_csv(&merged.join("results.csv")).unwrap();
    let tasks: std::collections::BTreeSet<usize> = rows.iter().map(|r| r.index).collect();
    assert_eq!(tasks.into_iter().collect::<Vec<_>>(), vec![0, 1, 2]);
    let report = std::fs::read_to_string(merged.join("report.md")).unwrap();
    assert!(report.contains("## Target") && report.contains("| Himmelblau |"));
    assert!(merged.join("pareto.png").exists());
    // Its run.json names both inputs with their settings (their shards).
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(merged.join("run.json")).unwrap()).unwrap();
    let shards: Vec<&str> = run["merged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["settings"]["shard"].as_str().unwrap())
        .collect();
    assert_eq!(shards, ["0/2", "1/2"]);
    // The same shard twice is refused, naming the file.
    let twice = swat()
        .args(["bench", "merge"])
        .arg(shard(0))
        .arg(shard(0))
        .arg("--out")
        .arg(dir.path().join("bad"))
        .output()
        .unwrap();
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("results.csv"));
}

#[test]
fn quick_paper_shard_fits_a_teacher_task_and_a_sweep_point() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("paper");
    swat()
        .args(["bench", "paper", "--quick", "--shard", "0/3", "--out"])
        .arg(&out)
        .assert()
        .success();
    let rows = read_csv(&out.join("results.csv")).unwrap();
    // Tasks 0 (sigmoid, depth 2) and 3 (the sweep at the paper's weight).
    let teacher: Vec<_> = rows.iter().filter(|r| r.index == 0).collect();
    assert!(teacher.iter().all(|r| r.teacher_nonzero_weights.is_some()));
    for m in ["swat", "paper"] {
        assert_eq!(
            teacher.iter().filter(|r| r.method == m && r.chosen).count(),
            1,
            "{m}"
        );
        assert!(out
            .join(format!("models/sigmoid-d2-s0.5-{m}.json"))
            .exists());
    }
    // The sweep point: the paper method, swat's answer and its latent search's read-out, each
    // at depth 2 with one answer.
    let sweep: Vec<_> = rows.iter().filter(|r| r.index == 3).collect();
    let mut methods: Vec<&str> = sweep.iter().map(|r| r.method.as_str()).collect();
    methods.sort();
    assert_eq!(methods, ["paper", "swat", "swat-read-out"]);
    for r in &sweep {
        assert_eq!((r.depth, r.chosen), (2, true), "{}", r.method);
        assert_eq!(r.teacher_nonzero_weights, Some(14));
    }
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(report.contains("Sparsity weight sweep"));
    assert!(report.contains("| x1 |"), "{report}");
    // The sweep's swat answer is not a teacher task's: the target counts one task.
    assert!(
        report.contains("swat (default method), 1 task:"),
        "{report}"
    );
    assert!(report.contains("| sigmoid | 1 |"), "{report}");
    assert!(out.join("surface-sigmoid-d2-s0.5-swat.png").exists());
    assert!(out.join("sweep.png").exists());
}

#[test]
fn paper_method_alone_runs_from_the_datas_code_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("paper-only");
    swat()
        .args([
            "bench",
            "paper",
            "--quick",
            "--methods",
            "paper",
            "--shard",
            "0/3",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let rows = read_csv(&out.join("results.csv")).unwrap();
    // The teacher task and the sweep point, the paper's method alone.
    let tasks: std::collections::BTreeSet<usize> = rows.iter().map(|r| r.index).collect();
    assert_eq!(tasks, [0, 3].into_iter().collect());
    assert!(rows.iter().all(|r| r.method == "paper"), "{rows:?}");
    assert_eq!(rows.iter().filter(|r| r.chosen).count(), 2);
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(run["methods"], serde_json::json!(["paper"]));
    assert_eq!(run["paper_latent_init"], "encode");
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(report.contains("--methods paper"), "{report}");

    // The same folder with both methods is another run: refused, not mixed.
    let mixed = swat()
        .args(["bench", "paper", "--quick", "--shard", "0/3", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(!mixed.status.success());
    // The paper's method has no CORNN tasks to run.
    let cornn = swat()
        .args(["bench", "cornn", "--quick", "--methods", "paper", "--out"])
        .arg(dir.path().join("cornn"))
        .output()
        .unwrap();
    assert!(!cornn.status.success());
    assert!(String::from_utf8_lossy(&cornn.stderr).contains("--methods paper"));
}

#[test]
fn no_baselines_keeps_swat_and_its_ablations_only() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ablation");
    let args = ["bench", "cornn", "--quick", "--tasks", "Booth", "--out"];
    swat()
        .args(args)
        .arg(&out)
        .arg("--no-baselines")
        .assert()
        .success();
    let rows = read_csv(&out.join("results.csv")).unwrap();
    let methods: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r.method.as_str()).collect();
    assert_eq!(
        methods.into_iter().collect::<Vec<_>>(),
        [
            "swat",
            "swat-decoded-only",
            "swat-encoded",
            "swat-random-only"
        ],
    );
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(report.contains("--no-baselines"), "{report}");
    // Without the dense baseline the target is not judged, rather than reported as missed.
    assert!(report.contains("target not judged"), "{report}");
    assert!(!report.contains("— not met"), "{report}");
    // The folder's rows lack the baselines, so resuming it with them is another setting.
    let with = swat().args(args).arg(&out).output().unwrap();
    assert!(!with.status.success());
    assert!(String::from_utf8_lossy(&with.stderr).contains("other settings"));
}
