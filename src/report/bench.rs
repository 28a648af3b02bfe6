//! The report of `swat bench`: per-method medians, the suite's own tables and targets, a
//! Pareto picture of error against size, and (paper suite) the paper-style figures.
//! In: result rows (and the models a run saved); out: Markdown text and PNG files.

use super::error::ReportError;
use super::origin::{chosen, origin_section};
use super::plot::{line_chart, Chart, Series};
use super::surface::{surface_pair, Surface, Truth};
use super::sweep::{self, in_sweep, sweep_section};
use crate::bench::Row;
use crate::metrics::median;
use crate::mlp::Model;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Methods in report order (others follow alphabetically).
const ORDER: [&str; 10] = [
    "swat",
    "swat-decoded-only",
    "swat-random-only",
    "swat-encoded",
    "paper",
    "dense-1x10",
    "dense-3x10",
    "dense-5x10",
    "magnitude-prune",
    "l1-threshold",
];

/// The answer rows (one per task and method; sweep rows excluded), grouped by method.
fn answers(rows: &[Row]) -> Vec<(String, Vec<&Row>)> {
    let mut by: BTreeMap<String, Vec<&Row>> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.chosen && !in_sweep(r)) {
        by.entry(r.method.clone()).or_default().push(r);
    }
    let rank = |m: &str| ORDER.iter().position(|o| *o == m).unwrap_or(ORDER.len());
    let mut v: Vec<(String, Vec<&Row>)> = by.into_iter().collect();
    v.sort_by(|a, b| (rank(&a.0), &a.0).cmp(&(rank(&b.0), &b.0)));
    v
}

fn sci(v: f64) -> String {
    if v.is_finite() {
        format!("{v:.3e}")
    } else {
        "–".into()
    }
}

/// The Markdown report; `preamble` says how the rows were made.
pub fn markdown(rows: &[Row], preamble: &str) -> String {
    let mut s = String::new();
    let suite = rows.first().map_or("", |r| r.suite.as_str());
    let tasks = rows
        .iter()
        .map(|r| r.index)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let _ = writeln!(s, "# swat bench {suite}\n\n{preamble}\n\n{tasks} tasks.\n");
    s.push_str("## Methods (medians over tasks)\n\n");
    s.push_str(
        "Seconds are a method's own time on a task, summed over its depths. Depths, \
         autoencoders and methods run side by side on the cores, so these add up to more than \
         the run's wall time.\n\n",
    );
    s.push_str("| method | tasks | test MSE (scaled) | non-zero params | active neurons | test R² | test MPE % | seconds |\n");
    s.push_str("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (m, rs) in answers(rows) {
        let col = |f: fn(&Row) -> f64| median(rs.iter().map(|r| f(r)).collect());
        let secs: f64 = median(rows_seconds(rows, &m));
        let _ = writeln!(
            s,
            "| {m} | {} | {} | {:.0} | {:.0} | {:.4} | {:.2} | {} |",
            rs.len(),
            sci(col(|r| r.test_mse_scaled)),
            col(|r| r.nonzero_params as f64),
            col(|r| r.active_neurons as f64),
            col(|r| r.test_r2),
            col(|r| r.test_mpe_percent),
            if secs.is_finite() {
                format!("{secs:.1}")
            } else {
                "(in swat's)".into()
            },
        );
    }
    s.push('\n');
    origin_section(&mut s, rows);
    match suite {
        "cornn" => cornn_section(&mut s, rows),
        "paper" => paper_section(&mut s, rows),
        _ => {}
    }
    s
}

/// Per task, the time of a method: all its depths' times summed.
fn rows_seconds(rows: &[Row], method: &str) -> Vec<f64> {
    let mut by: BTreeMap<usize, f64> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.method == method && !in_sweep(r)) {
        match r.seconds {
            Some(t) => *by.entry(r.index).or_insert(0.0) += t,
            None => return Vec::new(),
        }
    }
    by.into_values().collect()
}

/// The times of every method on task `index`, summed.
fn task_seconds(rows: &[Row], index: usize) -> f64 {
    rows.iter()
        .filter(|r| r.index == index)
        .filter_map(|r| r.seconds)
        .sum()
}

fn cornn_section(s: &mut String, rows: &[Row]) {
    let swat = answers(rows)
        .into_iter()
        .find(|(m, _)| m == "swat")
        .map(|x| x.1)
        .unwrap_or_default();
    let (mut wins, mut n) = (0, 0);
    for r in &swat {
        if let Some(d) = chosen(rows, r.index, "dense-1x10") {
            n += 1;
            if r.test_mse_scaled <= d.test_mse_scaled {
                wins += 1;
            }
        }
    }
    let med = |m: &str, f: fn(&Row) -> f64| {
        median(
            rows.iter()
                .filter(|r| r.method == m && r.chosen)
                .map(f)
                .collect(),
        )
    };
    let (sm, dm) = (
        med("swat", |r| r.test_mse_scaled),
        med("dense-1x10", |r| r.test_mse_scaled),
    );
    let sp = med("swat", |r| r.nonzero_params as f64);
    // A run without the baselines (`--no-baselines`) has nothing to compare with.
    let (against, per_function) = if n == 0 {
        (
            format!(
                "swat {}, no dense 1×10 baseline in this run (target not judged)",
                sci(sm)
            ),
            String::new(),
        )
    } else {
        (
            format!(
                "swat {} vs dense 1×10 Adam {} — {}",
                sci(sm),
                sci(dm),
                if sm <= dm { "met" } else { "not met" }
            ),
            format!(" swat's test MSE is at most the dense 1×10's on {wins} of {n} functions."),
        )
    };
    let _ = writeln!(
        s,
        "## Target\n\nMedian test MSE (scaled targets): {against}; median non-zero parameters of \
         swat {sp:.0} (target ≤ 41: {}).{per_function}\n",
        if sp <= 41.0 { "met" } else { "not met" },
    );
    s.push_str("## Per function (test MSE on scaled targets / non-zero parameters)\n\n");
    let methods: Vec<String> = answers(rows).into_iter().map(|x| x.0).collect();
    let _ = writeln!(s, "| function | {} | seconds |", methods.join(" | "));
    let _ = writeln!(s, "| --- |{} --- |", " --- |".repeat(methods.len()));
    let mut index: Vec<(usize, &str)> = rows.iter().map(|r| (r.index, r.task.as_str())).collect();
    index.dedup();
    index.sort();
    index.dedup();
    for (i, name) in index {
        let cells: Vec<String> = methods
            .iter()
            .map(|m| {
                chosen(rows, i, m).map_or("–".into(), |r| {
                    format!("{} / {}", sci(r.test_mse_scaled), r.nonzero_params)
                })
            })
            .collect();
        let _ = writeln!(
            s,
            "| {name} | {} | {:.0} |",
            cells.join(" | "),
            task_seconds(rows, i)
        );
    }
    s.push('\n');
}

fn paper_section(s: &mut String, rows: &[Row]) {
    s.push_str("## Target\n\n");
    let mut teacher_tasks = false;
    for (method, label) in [("swat", "swat (default method)"), ("paper", "paper method")] {
        let answers: Vec<&Row> = rows
            .iter()
            .filter(|r| r.method == method && r.chosen && !in_sweep(r))
            .collect();
        if answers.is_empty() {
            continue;
        }
        teacher_tasks = true;
        let excess = median(
            answers
                .iter()
                .filter_map(|r| {
                    r.teacher_nonzero_weights
                        .map(|t| r.nonzero_weights as f64 - t as f64)
                })
                .collect(),
        );
        let mpe = median(answers.iter().map(|r| r.test_mpe_percent).collect());
        let verdict = |ok: bool| if ok { "met" } else { "not met" };
        let _ = writeln!(
            s,
            "- {label}, {} task{}: median of (found − teacher) non-zero weights {excess:+.1} \
             (target ≤ 0: {}); median test MPE {mpe:.2}% (target ≤ 5%: {}).",
            answers.len(),
            if answers.len() == 1 { "" } else { "s" },
            verdict(excess <= 0.0),
            verdict(mpe <= 5.0),
        );
    }
    if !teacher_tasks {
        s.push_str("No teacher tasks in these results.\n");
        sweep_section(s, rows);
        s.push('\n');
        return;
    }
    s.push_str("\nThe targets are the default method's; the paper method's figures are for comparison.\n\n");
    by_activation(s, rows);
    s.push_str(
        "## Per task\n\nNon-zero weights per searched depth (d1/d2/…, the chosen one in bold), \
         test MPE and R² of the chosen network.\n\n",
    );
    s.push_str("| task | teacher weights | swat weights | swat MPE % | swat R² | paper weights | paper MPE % | paper R² | seconds |\n");
    s.push_str("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    let mut tasks: Vec<(usize, &str)> = rows
        .iter()
        .filter(|r| !in_sweep(r))
        .map(|r| (r.index, r.task.as_str()))
        .collect();
    tasks.sort();
    tasks.dedup();
    for (i, name) in tasks {
        let per = |m: &str| -> (String, String, String) {
            let mut rs: Vec<&Row> = rows
                .iter()
                .filter(|r| r.index == i && r.method == m)
                .collect();
            rs.sort_by_key(|r| r.depth);
            let w = rs
                .iter()
                .map(|r| {
                    if r.chosen {
                        format!("**{}**", r.nonzero_weights)
                    } else {
                        r.nonzero_weights.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("/");
            match rs.iter().find(|r| r.chosen) {
                Some(c) => (
                    w,
                    format!("{:.2}", c.test_mpe_percent),
                    format!("{:.4}", c.test_r2),
                ),
                None => ("–".into(), "–".into(), "–".into()),
            }
        };
        let teacher = rows
            .iter()
            .find(|r| r.index == i)
            .and_then(|r| r.teacher_nonzero_weights)
            .map_or("–".into(), |t| t.to_string());
        let (sw, sm, sr) = per("swat");
        let (pw, pm, pr) = per("paper");
        let _ = writeln!(
            s,
            "| {name} | {teacher} | {sw} | {sm} | {sr} | {pw} | {pm} | {pr} | {:.0} |",
            task_seconds(rows, i)
        );
    }
    sweep_section(s, rows);
    s.push('\n');
}

/// Medians per teacher activation (the task name's first part): where each method does well.
fn by_activation(s: &mut String, rows: &[Row]) {
    let mut acts: Vec<&str> = Vec::new();
    for r in rows.iter().filter(|r| !in_sweep(r)) {
        match r.task.split('-').next() {
            Some(a) if !acts.contains(&a) => acts.push(a),
            _ => {}
        }
    }
    s.push_str(
        "By teacher activation (medians of the chosen networks: found − teacher non-zero \
         weights, test MPE %):\n\n| teacher | tasks | swat weights − teacher | swat MPE % | \
         paper weights − teacher | paper MPE % |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for act in acts {
        let of = |m: &str| -> Vec<&Row> {
            rows.iter()
                .filter(|r| r.chosen && r.method == m && !in_sweep(r))
                .filter(|r| r.task.split('-').next() == Some(act))
                .collect()
        };
        let cells = |rs: &[&Row]| -> (String, String) {
            if rs.is_empty() {
                return ("–".into(), "–".into());
            }
            let excess = median(
                rs.iter()
                    .filter_map(|r| {
                        let t = r.teacher_nonzero_weights?;
                        Some(r.nonzero_weights as f64 - t as f64)
                    })
                    .collect(),
            );
            let mpe = median(rs.iter().map(|r| r.test_mpe_percent).collect());
            (format!("{excess:+.1}"), format!("{mpe:.2}"))
        };
        let (swat, paper) = (of("swat"), of("paper"));
        let (sw, sm) = cells(&swat);
        let (pw, pm) = cells(&paper);
        let _ = writeln!(s, "| {act} | {} | {sw} | {sm} | {pw} | {pm} |", swat.len());
    }
    s.push('\n');
}

/// Draws the pictures into `dir`: the Pareto charts, and for the paper suite the sweep and the
/// teacher-vs-found surfaces of models found under `models` (any of the given folders).
pub fn pictures(dir: &Path, rows: &[Row], models: &[PathBuf]) -> Result<Vec<PathBuf>, ReportError> {
    let mut files = Vec::new();
    let groups = answers(rows);
    let point = |r: &Row| ((r.nonzero_params.max(1) as f64).log10(), r.test_mse_scaled);
    let all: Vec<Series> = groups
        .iter()
        .map(|(m, rs)| Series::dots(m, rs.iter().map(|r| point(r)).collect()))
        .collect();
    let medians: Vec<Series> = groups
        .iter()
        .map(|(m, rs)| {
            let x = median(rs.iter().map(|r| point(r).0).collect());
            let y = median(rs.iter().map(|r| r.test_mse_scaled).collect());
            Series::dots(m, vec![(x, y)])
        })
        .collect();
    for (name, series, title) in [
        (
            "pareto.png",
            &medians,
            "Error against size: each method's medians",
        ),
        ("pareto-tasks.png", &all, "Error against size: every task"),
    ] {
        let path = dir.join(name);
        line_chart(
            &path,
            &Chart {
                title,
                x_label: "log10 non-zero parameters",
                y_label: "log10 test MSE (scaled targets)",
                log_y: true,
            },
            series,
        )?;
        files.push(path);
    }
    files.extend(sweep::picture(dir, rows)?);
    files.extend(surfaces(dir, rows, models)?);
    Ok(files)
}

/// Teacher against found network for the sigmoid, sparsity-0.5 tasks of depths 1–4.
fn surfaces(dir: &Path, rows: &[Row], models: &[PathBuf]) -> Result<Vec<PathBuf>, ReportError> {
    let mut files = Vec::new();
    let find = |name: &str| models.iter().map(|d| d.join(name)).find(|p| p.exists());
    let mut names: Vec<&str> = rows
        .iter()
        .filter(|r| r.task.starts_with("sigmoid-") && r.task.ends_with("-s0.5"))
        .map(|r| r.task.as_str())
        .collect();
    names.dedup();
    names.sort();
    names.dedup();
    for task in names {
        let Some(teacher) = find(&format!("{task}-teacher.json")) else {
            continue;
        };
        let teacher = Model::load(&teacher)?;
        for method in ["swat", "paper"] {
            let Some(found) = find(&format!("{task}-{method}.json")) else {
                continue;
            };
            let found = Model::load(&found)?;
            let at = |m: &Model, a: f64, b: f64| m.predict(&[a, b, 0.5]).map_or(f64::NAN, |v| v[0]);
            let truth = |a: f64, b: f64| at(&teacher, a, b);
            let path = dir.join(format!("surface-{task}-{method}.png"));
            let title = format!("{task}: teacher (left) and {method}'s network (right)");
            surface_pair(
                &path,
                &Surface {
                    title: &title,
                    slice: "x3 fixed at 0.5",
                    a_label: "x1",
                    b_label: "x2",
                    a: -1.0..1.0,
                    b: -1.0..1.0,
                },
                &Truth::Function(&truth),
                &|a, b| at(&found, a, b),
            )?;
            files.push(path);
        }
    }
    Ok(files)
}
