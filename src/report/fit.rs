//! The results of `swat fit` for people: the per-depth table (terminal and Markdown), the
//! predicted-vs-actual picture and the search curves.
//! In: a `FitResult` and the data it was scored on; out: text and files.

use super::error::ReportError;
use super::plot::{line_chart, Chart, Series};
use crate::data::{Dataset, Scaling};
use crate::metrics::Scores;
use crate::search::{FitResult, Origin, Stage};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const HEADER: [&str; 14] = [
    "depth",
    "start",
    "widths",
    "weights",
    "params",
    "train MSE",
    "valid MSE",
    "test MSE",
    "train R²",
    "valid R²",
    "test R²",
    "test MPE",
    "search its",
    "time",
];

const STAGES_HEADER: [&str; 7] = [
    "depth",
    "start",
    "stage",
    "widths",
    "weights",
    "params",
    "valid R²",
];

fn widths_cell(w: &[usize]) -> String {
    if w.is_empty() {
        "-".into()
    } else {
        w.iter().map(usize::to_string).collect::<Vec<_>>().join("x")
    }
}

/// One row of cells per depth.
pub fn rows(result: &FitResult) -> Vec<Vec<String>> {
    let e = |v: f64| format!("{v:.4e}");
    let opt = |s: Option<Scores>, g: fn(&Scores) -> f64, f: &dyn Fn(f64) -> String| {
        s.map_or("-".to_string(), |s| f(g(&s)))
    };
    result
        .depths
        .iter()
        .map(|r| {
            vec![
                r.depth.to_string(),
                r.origin.to_string(),
                widths_cell(&r.stats.hidden_widths),
                r.stats.nonzero_weights.to_string(),
                r.stats.nonzero_params.to_string(),
                e(r.train.mse),
                e(r.valid.mse),
                opt(r.test, |s| s.mse, &e),
                format!("{:.4}", r.train.r2),
                format!("{:.4}", r.valid.r2),
                opt(r.test, |s| s.r2, &|v| format!("{v:.4}")),
                // Not defined when every test target is 0.
                opt(r.test, |s| s.mpe, &|v| {
                    if v.is_finite() {
                        e(v)
                    } else {
                        "n/a".into()
                    }
                }),
                r.iterations.to_string(),
                format!("{:.1} s", r.seconds),
            ]
        })
        .collect()
}

/// One row per stage of every depth's finalists: the best decoded start and the best random
/// start of each activation.
pub fn stage_rows(result: &FitResult) -> Vec<Vec<String>> {
    result
        .depths
        .iter()
        .flat_map(|r| {
            r.stages.iter().map(move |s| {
                let stage = match (s.stage, s.origin.is_decoded()) {
                    (Stage::Start, true) => "paper read-out".to_string(),
                    (Stage::Start, false) => "as drawn".to_string(),
                    (other, _) => other.to_string(),
                };
                vec![
                    r.depth.to_string(),
                    s.origin.to_string(),
                    stage,
                    widths_cell(&s.stats.hidden_widths),
                    s.stats.nonzero_weights.to_string(),
                    s.stats.nonzero_params.to_string(),
                    format!("{:.4}", s.valid.r2),
                ]
            })
        })
        .collect()
}

/// Cells with aligned columns, for a terminal.
fn aligned(header: &[&str], rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            rows.iter()
                .map(|r| r[c].chars().count())
                .chain([header[c].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| -> String {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(c, s)| format!("{s:>w$}", w = widths[c]))
            .collect();
        parts.join("  ")
    };
    let mut t = line(&header.iter().map(|h| h.to_string()).collect::<Vec<_>>());
    t.push('\n');
    for r in rows {
        t.push_str(&line(r));
        t.push('\n');
    }
    t
}

fn markdown(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut md = format!(
        "| {} |\n|{}\n",
        header.join(" | "),
        " --- |".repeat(header.len())
    );
    for r in rows {
        let _ = writeln!(md, "| {} |", r.join(" | "));
    }
    md
}

/// The per-depth table, for a terminal.
pub fn table(result: &FitResult) -> String {
    aligned(&HEADER, &rows(result))
}

/// At how many depths a decoded start beat the random control, of those that had both kinds
/// (None when none had).
pub fn decoded_wins(result: &FitResult) -> Option<(usize, usize)> {
    let both: Vec<_> = result
        .depths
        .iter()
        .filter(|r| {
            r.stages.iter().any(|s| s.origin.is_decoded())
                && r.stages.iter().any(|s| !s.origin.is_decoded())
        })
        .collect();
    let won = both.iter().filter(|r| r.origin.is_decoded()).count();
    (!both.is_empty()).then_some((won, both.len()))
}

/// One line on whether the autoencoder earned its place: at how many depths a decoded start
/// beat the random control (None when no depth had both kinds).
pub fn verdict(result: &FitResult) -> Option<String> {
    let (won, of) = decoded_wins(result)?;
    let chosen = &result.depths[result.chosen];
    Some(format!(
        "decoded starts (the autoencoder's) won {won} of {of} depths against the random-start \
         control; the chosen network came from a {}",
        match chosen.origin {
            Origin::Decoded(_) => "decoded start",
            Origin::Random(..) => "random start",
            Origin::LeastSquares => "least-squares fit (depth 0, the linear model)",
        }
    ))
}

/// The stages table (paper read-out, + fine-tune, + sparsify, for each kind of start).
pub fn stages_table(result: &FitResult) -> String {
    aligned(&STAGES_HEADER, &stage_rows(result))
}

/// Every file `write` may put in its folder.
pub const FILES: [&str; 4] = [
    "report.md",
    "predicted_vs_actual.png",
    "search.png",
    "surface.png",
];

/// Writes `report.md`, `predicted_vs_actual.png` (the chosen network on `scored`, the test set
/// when there is one), `search.png` and, for two or three inputs, `surface.png` into `dir`.
pub fn write(
    dir: &Path,
    result: &FitResult,
    scaling: &Scaling,
    scored: &Dataset,
    scored_name: &str,
    settings: &str,
    r2_slack: f64,
) -> Result<Vec<PathBuf>, ReportError> {
    std::fs::create_dir_all(dir).map_err(ReportError::io(dir))?;
    let chosen = &result.depths[result.chosen];
    let mut md = String::from("# swat fit\n\n");
    let _ = writeln!(md, "{settings}\n");
    md.push_str(&markdown(&HEADER, &rows(result)));
    let _ = writeln!(
        md,
        "\nChosen: depth {} ({} non-zero weights, {} non-zero parameters, from the {} start): \
         the fewest non-zero parameters among the networks whose validation MSE is above the \
         lowest by at most one standard error (the two networks' errors compared row by row), \
         1%, or {r2_slack} of R² (--r2-slack), and at most {}× the lowest. Within a depth, the \
         finalists (decoded; random, per activation) are compared by validation MSE and size \
         alone: within 1%, or {r2_slack} of R² and {}× the MSE.\n",
        chosen.depth,
        chosen.stats.nonzero_weights,
        chosen.stats.nonzero_params,
        chosen.origin,
        crate::search::select::MSE_RATIO,
        crate::search::select::MSE_RATIO
    );
    if let Some(v) = verdict(result) {
        let _ = writeln!(md, "In short: {v}.\n");
    }
    let stages = stage_rows(result);
    if !stages.is_empty() {
        md.push_str(
            "Each stage of the best decoded start (the autoencoder's) and the best random \
             start (the control), scored on the validation rows:\n\n",
        );
        md.push_str(&markdown(&STAGES_HEADER, &stages));
        md.push('\n');
    }
    md.push_str("![predicted vs actual](predicted_vs_actual.png)\n\n![search](search.png)\n");
    let surface_wanted = (2..=3).contains(&scored.inputs.len());
    if surface_wanted {
        md.push_str("\n![surface: data and model](surface.png)\n");
    }
    let report = dir.join("report.md");
    crate::io::write_atomic(&report, md.as_bytes()).map_err(ReportError::io(&report))?;

    let pred = chosen.network.forward(&scaling.inputs(&scored.x))?;
    let pairs: Vec<(f64, f64)> = scored
        .y
        .iter()
        .zip(&pred)
        .map(|(t, p)| (*t, scaling.untarget(*p)))
        .take(5000)
        .collect();
    let (lo, hi) = scored
        .y
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
    let scatter = dir.join("predicted_vs_actual.png");
    line_chart(
        &scatter,
        &Chart {
            title: &format!("Chosen network (depth {}) on {scored_name}", chosen.depth),
            x_label: &format!("actual {}", scored.target),
            y_label: "predicted",
            log_y: false,
        },
        &[
            Series::dots(scored_name, pairs),
            Series::line("perfect", vec![(lo, lo), (hi, hi)]),
        ],
    )?;
    let curves: Vec<Series> = result
        .depths
        .iter()
        .map(|r| {
            Series::line(
                &format!("depth {}", r.depth),
                r.history
                    .iter()
                    .map(|(i, l, _)| (*i as f64, f64::from(*l)))
                    .collect(),
            )
        })
        .collect();
    let search = dir.join("search.png");
    line_chart(
        &search,
        &Chart {
            title: "Latent search: loss of the best restart",
            x_label: "iteration",
            y_label: "loss",
            log_y: true,
        },
        &curves,
    )?;
    let mut files = vec![report, scatter, search];
    if surface_wanted {
        let path = dir.join("surface.png");
        surface(&path, &chosen.network, scaling, scored, scored_name)?;
        files.push(path);
    }
    Ok(files)
}

/// The chosen network over the first two inputs with the third (if any) at the middle of its
/// training range, beside the `scored` rows that lie near that slice.
fn surface(
    path: &Path,
    net: &crate::mlp::Mlp,
    scaling: &Scaling,
    scored: &Dataset,
    scored_name: &str,
) -> Result<(), ReportError> {
    let d = scored.inputs.len();
    let (min, max) = (&scaling.input.min, &scaling.input.max);
    let mid: Vec<f64> = (0..d).map(|i| (min[i] + max[i]) / 2.0).collect();
    let model = |a: f64, b: f64| -> f64 {
        let mut x = mid.clone();
        x[0] = a;
        x[1] = b;
        net.forward(&scaling.inputs(&x))
            .map(|p| scaling.untarget(p[0]))
            .unwrap_or(f64::NAN)
    };
    // Rows within 5% of the range of the held input's middle (every row with two inputs).
    let near = |row: &[f64]| (2..d).all(|i| (row[i] - mid[i]).abs() <= 0.05 * (max[i] - min[i]));
    let points: Vec<[f64; 3]> = scored
        .x
        .chunks(d)
        .zip(&scored.y)
        .filter(|(row, _)| near(row))
        .map(|(row, y)| [row[0], row[1], *y])
        .take(3000)
        .collect();
    let slice = if d == 3 {
        format!(
            "{held} held at {:.4}; data: the {} {scored_name} with {held} within 5% of its \
             range of that value",
            mid[2],
            points.len(),
            held = scored.inputs[2],
        )
    } else {
        format!("data: {} {scored_name}", points.len())
    };
    super::surface::surface_pair(
        path,
        &super::surface::Surface {
            title: &format!(
                "{} over {} and {}",
                scored.target, scored.inputs[0], scored.inputs[1]
            ),
            slice: &slice,
            a_label: &scored.inputs[0],
            b_label: &scored.inputs[1],
            a: min[0]..max[0],
            b: min[1]..max[1],
        },
        &super::surface::Truth::Points(points),
        &model,
    )
}
