//! `swat fit` end to end with a small autoencoder trained in the test, and its refusals.

mod common;

use common::{example, fit_stdout, swat};
use swat::data::{read_table, Dataset};
use swat::metrics::score;
use swat::mlp::Model;

#[test]
fn fit_writes_a_model_whose_scores_reproduce() {
    let dir = tempfile::tempdir().unwrap();
    let run = dir.path().join("ae");
    swat()
        .args([
            "train-ae", "--steps", "3", "--hidden", "32", "--trunk", "16", "--latent", "8",
        ])
        .args(["--probe-per-axis", "3", "--valid-teachers", "32", "--out"])
        .arg(&run)
        .assert()
        .success();
    let model_path = dir.path().join("model.json");
    let out = swat()
        .args(["fit", &example("train.csv"), "--test", &example("test.csv")])
        .args([
            "--iterations",
            "20",
            "--depths",
            "1,2",
            "--restarts",
            "2",
            "--autoencoder",
        ])
        .arg(run.join("checkpoint.swatae"))
        .arg("--out")
        .arg(&model_path)
        .arg("--report")
        .arg(dir.path().join("report"))
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("chosen: depth"), "{stdout}");
    // The default method shows every stage of both kinds of start, and which kind won.
    for stage in [
        "paper read-out",
        "as drawn",
        "+ fine-tune",
        "+ sparsify",
        "of 2 depths against the random-start control",
    ] {
        assert!(stdout.contains(stage), "{stage} missing:\n{stdout}");
    }
    for f in [
        "report.md",
        "predicted_vs_actual.png",
        "search.png",
        "surface.png",
    ] {
        assert!(dir.path().join("report").join(f).exists(), "{f} missing");
    }
    let md = std::fs::read_to_string(dir.path().join("report/report.md")).unwrap();
    assert!(
        md.contains("| depth | start | widths |")
            && md.contains("Chosen: depth")
            && md.contains("paper read-out")
            && md.contains("+ sparsify"),
        "{md}"
    );
    let model = Model::load(&model_path).unwrap();
    assert_eq!(model.inputs, vec!["x1", "x2", "x3"]);
    assert_eq!(model.target, "y");
    // The recorded test R² is what the model file gives on the test table.
    let test =
        Dataset::from_table(&read_table(example("test.csv").as_ref()).unwrap(), None, 7).unwrap();
    let pred = model.predict(&test.x).unwrap();
    let s = score(&pred, &test.y);
    let recorded = model.provenance["test_scores"]["r2"].as_f64().unwrap();
    assert!((s.r2 - recorded).abs() < 1e-9, "{} vs {recorded}", s.r2);
}

#[test]
fn fit_refuses_bad_requests_clearly() {
    let e = swat()
        .args(["fit", &example("train.csv"), "--autoencoder", "nope.swatae"])
        .output()
        .unwrap();
    let e = String::from_utf8(e.stderr).unwrap();
    assert!(e.contains("nope.swatae"), "{e}");
    let e = swat()
        .args(["fit", &example("train.csv"), "--restarts", "0"])
        .args(["--random-starts", "0"])
        .output()
        .unwrap();
    let e = String::from_utf8(e.stderr).unwrap();
    assert!(
        e.contains("--restarts") && e.contains("--random-starts"),
        "{e}"
    );
    let e = swat()
        .args(["fit", &example("train.csv"), "--method", "paper"])
        .args(["--restarts", "0"])
        .output()
        .unwrap();
    let e = String::from_utf8(e.stderr).unwrap();
    assert!(e.contains("--restarts"), "{e}");
    let e = swat()
        .args(["fit", &example("train.csv"), "--valid-fraction", "1.5"])
        .output()
        .unwrap();
    let e = String::from_utf8(e.stderr).unwrap();
    assert!(e.contains("--valid-fraction"), "{e}");
    let e = swat()
        .args(["fit", &example("train.csv"), "--r2-slack", "1.5"])
        .output()
        .unwrap();
    assert!(!e.status.success());
    let e = String::from_utf8(e.stderr).unwrap();
    assert!(e.contains("--r2-slack"), "{e}");
    let e = swat()
        .args([
            "fit",
            &example("train.csv"),
            "--random-activations",
            "sigmoid,relu",
        ])
        .output()
        .unwrap();
    assert!(!e.status.success());
    let e = String::from_utf8(e.stderr).unwrap();
    assert!(
        e.contains("--random-activations") && e.contains("relu"),
        "{e}"
    );
}

#[test]
fn predict_and_show_a_model_file() {
    let dir = tempfile::tempdir().unwrap();
    let teacher = example("teacher.json");
    let out = dir.path().join("pred.csv");
    swat()
        .args(["predict", &teacher, &example("test.csv"), "--out"])
        .arg(&out)
        .assert()
        .success();
    let t = read_table(&out).unwrap();
    assert_eq!(t.columns, vec!["x1", "x2", "x3", "y_predicted"]);
    let truth = read_table(example("test.csv").as_ref()).unwrap();
    assert_eq!(t.rows, truth.rows);
    // The teacher generated these targets, so its predictions reproduce them.
    for (p, y) in t.column(3).iter().zip(truth.column(3)) {
        assert!((p - y).abs() <= 1e-9 * y.abs().max(1.0), "{p} vs {y}");
    }
    // Columns are matched by name, whatever their order; a missing one is named.
    let shuffled = dir.path().join("shuffled.csv");
    std::fs::write(&shuffled, "y,x3,x1,x2\n0,0.5,0.1,-0.2\n").unwrap();
    let a = swat()
        .args(["predict", &teacher])
        .arg(&shuffled)
        .output()
        .unwrap();
    let line = String::from_utf8(a.stdout).unwrap();
    let model = Model::load(&teacher).unwrap();
    let want = model.predict(&[0.1, -0.2, 0.5]).unwrap()[0];
    assert!(
        line.lines().nth(1).unwrap().ends_with(&format!(",{want}")),
        "{line}"
    );
    let missing = dir.path().join("missing.csv");
    std::fs::write(&missing, "x1,x2\n1,2\n").unwrap();
    let e = swat()
        .args(["predict", &teacher])
        .arg(&missing)
        .output()
        .unwrap();
    let e = String::from_utf8(e.stderr).unwrap();
    assert!(e.contains("no column named \"x3\""), "{e}");

    let shown = swat().args(["show", &teacher]).output().unwrap();
    let text = String::from_utf8(shown.stdout).unwrap();
    assert!(text.contains("13 non-zero weights"), "{text}");
    assert!(text.contains("out = "), "{text}");
    let graph = swat().args(["show", "--dot", &teacher]).output().unwrap();
    let g = String::from_utf8(graph.stdout).unwrap();
    assert!(
        g.starts_with("digraph swat {") && g.matches(" -> ").count() == 13,
        "{g}"
    );
    let svg_path = dir.path().join("net.svg");
    swat()
        .args(["show", &teacher, "--svg"])
        .arg(&svg_path)
        .assert()
        .success();
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("<line ").count(), 13);
}

/// A table with `d` inputs: y = Σ sin(k·x_k) on a seeded uniform sample.
fn wide_table(path: &std::path::Path, d: usize, rows: usize) {
    let x = swat::teacher::uniform_points(&mut swat::teacher::rng(11), rows, d);
    let names: Vec<String> = (1..=d).map(|i| format!("x{i}")).collect();
    let y: Vec<f64> = x
        .chunks(d)
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(k, v)| ((k + 1) as f64 * v).sin())
                .sum()
        })
        .collect();
    std::fs::write(path, swat::data::csv_text(&names, "y", &x, &y, 0..rows)).unwrap();
}

#[test]
fn bundled_autoencoders_take_up_to_seven_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let five = dir.path().join("five.csv");
    wide_table(&five, 5, 600);
    let model_path = dir.path().join("m.json");
    // A short fit of `table` with `flags`: the model's list of autoencoders tried.
    let tried = |table: &std::path::Path, flags: &[&str]| {
        swat()
            .arg("fit")
            .arg(table)
            .args(["--iterations", "20", "--depths", "1", "--restarts", "1"])
            .args(flags)
            .arg("--out")
            .arg(&model_path)
            .assert()
            .success();
        Model::load(&model_path).unwrap()
    };
    let model = tried(&five, &[]);
    assert_eq!(model.inputs.len(), 5);
    // Only the 7-input canvases take five columns.
    assert_eq!(
        model.provenance["autoencoders_tried"],
        serde_json::json!(["bundled swat7", "bundled swat7leaky"])
    );
    let kept = model.provenance["autoencoder"]["file"].as_str();
    assert!(
        matches!(kept, Some("bundled swat7" | "bundled swat7leaky")),
        "{kept:?}"
    );

    // Three columns: every bundled autoencoder takes them; the default searches all but
    // `swat7leaky`, which it keeps for data wider than `swat3leaky`'s canvas.
    let three = dir.path().join("three.csv");
    wide_table(&three, 3, 400);
    assert_eq!(
        tried(&three, &["--folds", "1"]).provenance["autoencoders_tried"],
        serde_json::json!(["bundled swat3", "bundled swat7", "bundled swat3leaky"])
    );

    // One bundled autoencoder by name, on any data its canvas takes; an unknown name lists
    // the bundled ones.
    assert_eq!(
        tried(&three, &["--autoencoder", "bundled:swat7"]).provenance["autoencoders_tried"],
        serde_json::json!(["bundled swat7"])
    );
    assert_eq!(
        tried(&three, &["--autoencoder", "bundled:swat7leaky"]).provenance["autoencoders_tried"],
        serde_json::json!(["bundled swat7leaky"])
    );
    let e = swat()
        .arg("fit")
        .arg(&three)
        .args(["--autoencoder", "bundled:nope"])
        .output()
        .unwrap();
    let msg = String::from_utf8_lossy(&e.stderr);
    assert!(!e.status.success() && msg.contains("swat3, swat7"), "{msg}");

    // Wider than every canvas: the paper's method (and swat without random starts) cannot
    // search; swat's method runs from its random starts alone.
    let eight = dir.path().join("eight.csv");
    wide_table(&eight, 8, 50);
    for flags in [&["--method", "paper"][..], &["--random-starts", "0"]] {
        let e = swat().arg("fit").arg(&eight).args(flags).output().unwrap();
        assert!(!e.status.success());
        let msg = String::from_utf8_lossy(&e.stderr);
        assert!(
            msg.contains("at most 7") && msg.contains("8 input"),
            "{msg}"
        );
    }
}

#[test]
fn tables_wider_than_every_canvas_are_screened_or_fit_from_random_starts() {
    let dir = tempfile::tempdir().unwrap();
    let wide = dir.path().join("wide.csv");
    // Twelve inputs, four of them used: a bowl, a ramp and an interaction.
    let d = 12;
    let x = swat::teacher::uniform_points(&mut swat::teacher::rng(5), 300, d);
    let y: Vec<f64> = x
        .chunks(d)
        .map(|r| r[0] * r[0] + 0.5 * r[1] - 0.3 * r[2] * r[3])
        .collect();
    let names: Vec<String> = (1..=d).map(|i| format!("x{i}")).collect();
    std::fs::write(&wide, swat::data::csv_text(&names, "y", &x, &y, 0..300)).unwrap();
    let model_path = dir.path().join("m.json");
    let fit = |extra: &[&str]| {
        let args = [&["--iterations", "20", "--depths", "1,2"], extra].concat();
        fit_stdout(&wide, &model_path, &args)
    };

    // By default the inputs are screened, and a bundled canvas takes those that matter.
    let stdout = fit(&[]);
    assert!(stdout.contains("a canvas took the"), "{stdout}");
    let model = Model::load(&model_path).unwrap();
    assert_eq!(model.inputs.len(), 12);
    let screened = &model.provenance["screened_inputs"];
    assert_eq!(screened["inputs"], 12);
    let kept: Vec<&str> = screened["kept"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(kept.len() <= 7, "{kept:?}");
    for used in ["x1", "x2", "x3", "x4"] {
        assert!(kept.contains(&used), "{used} not kept: {kept:?}");
    }
    let uses = model.network.used_inputs();
    for (name, u) in model.inputs.iter().zip(uses) {
        assert!(
            !u || kept.contains(&name.as_str()),
            "{name} used but not kept"
        );
    }
    assert!(!model.provenance["autoencoder"].is_null());
    let v = model.provenance["valid_scores"]["r2"].as_f64().unwrap();
    assert!(v > 0.8, "validation R² {v}");
    // Predictions of the spread network read the whole row (its columns in the file's order).
    let row: Vec<f64> = x[..d].to_vec();
    let p = model.predict(&row).unwrap()[0];
    assert!((p - y[0]).abs() < 0.25, "{p} against {}", y[0]);

    let stdout = fit(&["--wide", "random-starts"]);
    assert!(
        stdout.contains("random starts alone") && stdout.contains("inputs used:"),
        "{stdout}"
    );
    let model = Model::load(&model_path).unwrap();
    assert_eq!(model.inputs.len(), 12);
    assert_eq!(
        model.provenance["autoencoders_tried"],
        serde_json::json!([swat::search::RANDOM_ONLY])
    );
    assert!(model.provenance["autoencoder"].is_null());
    assert_eq!(model.provenance["latent_init"], "none");
    let v = model.provenance["valid_scores"]["r2"].as_f64().unwrap();
    assert!(v > 0.8, "validation R² {v}");
}

#[test]
fn depth_zero_answers_linear_data_with_the_linear_model() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("lin.csv");
    // y = 3 a − b / 2 + 1 exactly (c unused): the linear model, without c.
    let d = 3;
    let x = swat::teacher::uniform_points(&mut swat::teacher::rng(9), 300, d);
    let y: Vec<f64> = x.chunks(d).map(|r| 3.0 * r[0] - 0.5 * r[1] + 1.0).collect();
    let names: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
    std::fs::write(&table, swat::data::csv_text(&names, "y", &x, &y, 0..300)).unwrap();
    let model_path = dir.path().join("m.json");
    swat()
        .arg("fit")
        .arg(&table)
        .args(["--depths", "0,1", "--iterations", "20", "--out"])
        .arg(&model_path)
        .assert()
        .success();
    let model = Model::load(&model_path).unwrap();
    assert_eq!(model.network.depth(), 0);
    assert_eq!(model.provenance["chosen_start"], "least squares");
    let s = model.network.stats();
    assert_eq!((s.nonzero_weights, s.nonzero_params), (2, 3), "{s:?}");
    assert_eq!(model.network.used_inputs(), vec![true, true, false]);
    let p = model.predict(&[0.5, -0.5, 0.9]).unwrap()[0];
    assert!((p - 2.75).abs() < 1e-6, "{p}");
    // The paper's method has no depth 0.
    let e = swat()
        .arg("fit")
        .arg(&table)
        .args(["--method", "paper", "--depths", "0"])
        .output()
        .unwrap();
    assert!(!e.status.success());
    assert!(String::from_utf8_lossy(&e.stderr).contains("--depths"));
}
