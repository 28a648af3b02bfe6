//! The paper suite's sparsity-weight sweep in the bench report: which rows belong to it, its
//! table (per weight, each method's non-zero weights, MPE and R²) and its picture.
//! In: result rows; out: Markdown text and `sweep.png`.

use super::error::ReportError;
use super::plot::{line_chart, Chart, Series};
use crate::bench::Row;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Whether `r` belongs to the paper suite's sparsity-weight sweep (kept out of the
/// per-method medians and the targets: its tasks share one teacher).
pub fn in_sweep(r: &Row) -> bool {
    r.task.starts_with("sweep-")
}

/// The sweep's weight, from its task name `sweep-xW`.
fn sweep_weight(r: &Row) -> Option<f64> {
    r.task.strip_prefix("sweep-x")?.parse().ok()
}

/// The sweep's methods, in table and picture order, with what each is.
const SWEEP_METHODS: [(&str, &str); 3] = [
    ("paper", "paper method"),
    ("swat-read-out", "swat's latent search, read out"),
    ("swat", "swat (answer)"),
];

/// The sparsity-weight sweep: per weight, each method's non-zero weights, test MPE and R².
pub fn sweep_section(s: &mut String, rows: &[Row]) {
    let mut weights: Vec<f64> = rows.iter().filter_map(sweep_weight).collect();
    if weights.is_empty() {
        return;
    }
    weights.sort_by(f64::total_cmp);
    weights.dedup();
    s.push_str(
        "\n## Sparsity weight sweep (depth 2, one 14-weight teacher, the first autoencoder)\n\n\
         Per method: non-zero weights / test MPE % / test R². `swat-read-out` is swat's latent \
         search read out the paper's way at its best-validating iterate, before fine-tuning and \
         pruning; `swat` is the answer (which may come from a random start).\n\n\
         | sparsity weight |",
    );
    for (_, label) in SWEEP_METHODS {
        let _ = write!(s, " {label} |");
    }
    s.push_str("\n| --- | --- | --- | --- |\n");
    for w in weights {
        let _ = write!(s, "| x{w} |");
        for (m, _) in SWEEP_METHODS {
            match rows
                .iter()
                .find(|r| r.chosen && r.method == m && sweep_weight(r) == Some(w))
            {
                Some(r) => {
                    let _ = write!(
                        s,
                        " {} / {:.2} / {:.4} |",
                        r.nonzero_weights, r.test_mpe_percent, r.test_r2
                    );
                }
                None => s.push_str(" – |"),
            }
        }
        s.push('\n');
    }
}

/// Draws `sweep.png` into `dir` when `rows` hold sweep points: non-zero weights against the
/// weight, one line per method and the teacher's count.
pub fn picture(dir: &Path, rows: &[Row]) -> Result<Option<PathBuf>, ReportError> {
    let sweep: Vec<Series> = SWEEP_METHODS
        .iter()
        .map(|(m, label)| {
            let mut points: Vec<(f64, f64)> = rows
                .iter()
                .filter(|r| r.chosen && r.method == *m)
                .filter_map(|r| Some((sweep_weight(r)?.log2(), r.nonzero_weights as f64)))
                .collect();
            points.sort_by(|a, b| a.0.total_cmp(&b.0));
            Series::line(label, points)
        })
        .filter(|s| !s.points.is_empty())
        .collect();
    if sweep.is_empty() {
        return Ok(None);
    }
    let path = dir.join("sweep.png");
    let teacher = rows
        .iter()
        .find(|r| in_sweep(r))
        .and_then(|r| r.teacher_nonzero_weights)
        .unwrap_or(0) as f64;
    let span = sweep.iter().flat_map(|s| s.points.iter().map(|p| p.0));
    let (lo, hi) = span.fold((f64::MAX, f64::MIN), |(l, h), v| (l.min(v), h.max(v)));
    let mut series = sweep;
    series.push(Series::line("teacher", vec![(lo, teacher), (hi, teacher)]));
    line_chart(
        &path,
        &Chart {
            title: "Non-zero weights against the sparsity weight (depth 2)",
            x_label: "log2 sparsity weight (× the paper's)",
            y_label: "non-zero weights",
            log_y: false,
        },
        &series,
    )?;
    Ok(Some(path))
}
