//! The folder of a `swat train-ae` run: log rows (appended at checkpoints), the checkpoint
//! itself, and the curves drawn from the log. In: a trainer and pending rows; out: `log.csv`,
//! `checkpoint.swatae`, `loss.png`, `r2.png`, all written atomically.

use crate::autoencoder::{Trainer, ValidReport};
use crate::report::plot::{line_chart, Chart, Series};
use anyhow::{Context, Result};
use std::fmt::Write as _;
use std::path::Path;

pub const CHECKPOINT: &str = "checkpoint.swatae";
pub const LOG: &str = "log.csv";
pub const LOG_HEADER: &str = "step,wall_s,lr,train_loss,valid_median_relative_mse,valid_median_r2_non_flat,valid_share_r2_ge_0_9,valid_mpe,generic_median_relative_mse,generic_median_r2,generic_share_r2_ge_0_9\n";

pub fn log_row(
    rows: &mut String,
    step: u64,
    wall: f64,
    lr: f64,
    loss: f32,
    v: Option<&ValidReport>,
    generic: Option<&ValidReport>,
) {
    let _ = write!(rows, "{step},{wall:.1},{lr:e},{loss}");
    match v {
        Some(v) => {
            let _ = write!(
                rows,
                ",{},{},{},{}",
                v.median_relative_mse, v.median_r2_non_flat, v.share_r2_ge_0_9, v.mpe
            );
        }
        None => rows.push_str(",,,,"),
    }
    match generic {
        Some(g) => {
            let _ = writeln!(
                rows,
                ",{},{},{}",
                g.median_relative_mse, g.median_r2_non_flat, g.share_r2_ge_0_9
            );
        }
        None => rows.push_str(",,,\n"),
    }
}

/// Appends pending log rows, writes the checkpoint, then redraws the curves.
pub fn save(trainer: &Trainer, dir: &Path, rows: &mut String) -> Result<()> {
    flush_log(dir, rows)?;
    trainer.checkpoint()?.save(&dir.join(CHECKPOINT))?;
    plot_log(dir).with_context(|| format!("drawing the curves in {}", dir.display()))
}

pub fn flush_log(dir: &Path, rows: &mut String) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let path = dir.join(LOG);
    let mut text = std::fs::read_to_string(&path).unwrap_or_else(|_| LOG_HEADER.to_string());
    text.push_str(rows);
    crate::io::write_atomic(&path, text.as_bytes())
        .with_context(|| format!("writing {}", path.display()))?;
    rows.clear();
    Ok(())
}

/// Removes temporary files a killed run left half-written (they are never read).
pub fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(".swat-tmp-") || name.ends_with(".tmp.png") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Drops log rows after `step`: a resumed run repeats the steps after its last checkpoint.
pub fn truncate_log(path: &Path, step: u64) -> Result<()> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(());
    };
    let mut kept = String::from(LOG_HEADER);
    for line in text.lines().skip(1) {
        let s: Option<u64> = line.split(',').next().and_then(|v| v.parse().ok());
        if s.is_some_and(|s| s <= step) {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    crate::io::write_atomic(path, kept.as_bytes())
        .with_context(|| format!("writing {}", path.display()))
}

fn plot_log(dir: &Path) -> Result<()> {
    let text = std::fs::read_to_string(dir.join(LOG))?;
    let mut loss = Vec::new();
    let mut rel = Vec::new();
    let mut r2 = Vec::new();
    let mut share = Vec::new();
    let mut generic = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let num = |k: usize| f.get(k).and_then(|v| v.parse::<f64>().ok());
        let Some(step) = num(0) else { continue };
        if let Some(v) = num(3) {
            loss.push((step, v));
        }
        if let Some(v) = num(4) {
            rel.push((step, v));
        }
        if let Some(v) = num(5) {
            r2.push((step, v));
        }
        if let Some(v) = num(6) {
            share.push((step, v));
        }
        if let Some(v) = num(9) {
            generic.push((step, v));
        }
    }
    let series = Series::line;
    line_chart(
        &dir.join("loss.png"),
        &Chart {
            title: "Autoencoder loss",
            x_label: "step",
            y_label: "loss",
            log_y: true,
        },
        &[
            series("training loss", loss),
            series("held-out median relative MSE", rel),
        ],
    )?;
    line_chart(
        &dir.join("r2.png"),
        &Chart {
            title: "Held-out reconstruction (non-flat teachers; generic functions)",
            x_label: "step",
            y_label: "R²",
            log_y: false,
        },
        &[
            series("median R²", r2),
            series("share with R² ≥ 0.9", share),
            series("generic functions: median R²", generic),
        ],
    )
    .map_err(Into::into)
}
