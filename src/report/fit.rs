//! The results of `swat fit` for people: the per-depth table (terminal and Markdown), the
//! predicted-vs-actual picture and the search curves.
//! In: a `FitResult` and the data it was scored on; out: text and files.

use super::plot::{line_chart, Chart, Series};
use crate::data::{Dataset, Scaling};
use crate::metrics::Scores;
use crate::search::FitResult;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const HEADER: [&str; 11] = [
    "depth",
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
];

/// One row of cells per depth.
pub fn rows(result: &FitResult) -> Vec<[String; 11]> {
    let e = |v: f64| format!("{v:.4e}");
    let opt = |s: Option<Scores>, g: fn(&Scores) -> f64, f: &dyn Fn(f64) -> String| {
        s.map_or("-".to_string(), |s| f(g(&s)))
    };
    result
        .depths
        .iter()
        .map(|r| {
            let widths: Vec<String> = r.stats.hidden_widths.iter().map(usize::to_string).collect();
            [
                r.depth.to_string(),
                if widths.is_empty() {
                    "-".into()
                } else {
                    widths.join("x")
                },
                r.stats.nonzero_weights.to_string(),
                r.stats.nonzero_params.to_string(),
                e(r.train.mse),
                e(r.valid.mse),
                opt(r.test, |s| s.mse, &e),
                format!("{:.4}", r.train.r2),
                format!("{:.4}", r.valid.r2),
                opt(r.test, |s| s.r2, &|v| format!("{v:.4}")),
                opt(r.test, |s| s.mpe, &e),
            ]
        })
        .collect()
}

/// The table with aligned columns, for a terminal.
pub fn table(result: &FitResult) -> String {
    let rows = rows(result);
    let widths: Vec<usize> = (0..11)
        .map(|c| {
            rows.iter()
                .map(|r| r[c].chars().count())
                .chain([HEADER[c].chars().count()])
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
    let mut t = line(&HEADER.map(str::to_string));
    t.push('\n');
    for r in &rows {
        t.push_str(&line(r));
        t.push('\n');
    }
    t
}

/// Writes `report.md`, `predicted_vs_actual.png` (the chosen network on `scored`, the test set
/// when there is one) and `search.png` into `dir`.
pub fn write(
    dir: &Path,
    result: &FitResult,
    scaling: &Scaling,
    scored: &Dataset,
    scored_name: &str,
    settings: &str,
) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let chosen = &result.depths[result.chosen];
    let mut md = String::from("# swat fit\n\n");
    let _ = writeln!(md, "{settings}\n");
    let _ = writeln!(md, "| {} |", HEADER.join(" | "));
    let _ = writeln!(md, "|{}", " --- |".repeat(HEADER.len()));
    for r in rows(result) {
        let _ = writeln!(md, "| {} |", r.join(" | "));
    }
    let _ = writeln!(
        md,
        "\nChosen: depth {} ({} non-zero weights, {} non-zero parameters): the lowest \
         validation MSE, or within 1% of it with fewer parameters.\n",
        chosen.depth, chosen.stats.nonzero_weights, chosen.stats.nonzero_params
    );
    md.push_str("![predicted vs actual](predicted_vs_actual.png)\n\n![search](search.png)\n");
    let report = dir.join("report.md");
    crate::io::write_atomic(&report, md.as_bytes())
        .map_err(|e| format!("{}: {e}", report.display()))?;

    let pred = chosen
        .network
        .forward(&scaling.inputs(&scored.x))
        .map_err(|e| e.to_string())?;
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
    Ok(vec![report, scatter, search])
}
