//! `swat fit`: a sparse network for a CSV table, one latent search per depth, a table of
//! results and the chosen model written as model.json.

use crate::autoencoder::{Checkpoint, Trainer};
use crate::data::{read_table, Dataset, Scaling};
use crate::mlp::{InputScaling, Model};
use crate::search::{fit_paper, FitConfig, FitData, RefineConfig, SearchConfig};
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Method {
    /// The 2024 paper's latent search and read-out, exactly.
    Paper,
    /// The paper's search and read-out, then fine-tuning of the surviving weights and
    /// magnitude pruning while the validation error stays within --tolerance.
    Refine,
}

#[derive(Args, Debug)]
pub struct FitArgs {
    /// Training table (CSV with a header row; tab-separated also accepted).
    train: PathBuf,
    /// Target column [default: the last column].
    #[arg(long)]
    target: Option<String>,
    /// Validation table [default: a share of the training rows, --valid-fraction].
    #[arg(long)]
    valid: Option<PathBuf>,
    /// Share of training rows held out for validation when --valid is not given.
    #[arg(long, default_value_t = 0.2)]
    valid_fraction: f64,
    /// Test table, scored but never used for choosing.
    #[arg(long)]
    test: Option<PathBuf>,
    /// Where to write the chosen model.
    #[arg(long, default_value = "model.json")]
    out: PathBuf,
    /// Autoencoder checkpoint written by `swat train-ae` (required until a default is bundled).
    #[arg(long)]
    autoencoder: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "paper")]
    method: Method,
    /// Search iterations per depth (the paper: 30001).
    #[arg(long, default_value_t = 30_001)]
    iterations: usize,
    /// Depths to search, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "1,2,3,4")]
    depths: Vec<usize>,
    /// Starts per depth searched together; the one that validates best is kept.
    #[arg(long, default_value_t = 1)]
    restarts: usize,
    /// Multiplier of the sparsity terms (1 = the paper's weight).
    #[arg(long, default_value_t = 1.0)]
    sparsity: f64,
    /// With --method refine: pruning stops before validation MSE exceeds (1 + this) × the
    /// fine-tuned network's.
    #[arg(long, default_value_t = 0.1)]
    tolerance: f64,
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Also write report.md and plots (predicted vs actual, search curves) into this directory.
    #[arg(long)]
    report: Option<PathBuf>,
}

pub fn run(a: &FitArgs) -> Result<()> {
    if !(a.valid_fraction > 0.0 && a.valid_fraction < 1.0) {
        bail!("--valid-fraction: {} is outside (0, 1)", a.valid_fraction);
    }
    if a.iterations == 0 {
        bail!("--iterations: must be at least 1");
    }
    if a.restarts == 0 {
        bail!("--restarts: must be at least 1");
    }
    if !(a.tolerance.is_finite() && a.tolerance >= 0.0) {
        bail!("--tolerance: {} must be a number ≥ 0", a.tolerance);
    }
    if !(a.sparsity.is_finite() && a.sparsity >= 0.0) {
        bail!("--sparsity: {} must be a number ≥ 0", a.sparsity);
    }
    let Some(ae_path) = &a.autoencoder else {
        bail!(
            "--autoencoder: no default autoencoder is bundled yet; train one with \
             `swat train-ae --out DIR` and pass DIR/checkpoint.swatae"
        );
    };
    let ckpt = Checkpoint::load(ae_path)?;
    let trainer =
        Trainer::resume(&ckpt).with_context(|| format!("loading {}", ae_path.display()))?;
    let geometry = trainer.config().geometry;
    let ae = trainer.model().clone();

    let table = read_table(&a.train)?;
    let all = Dataset::from_table(&table, a.target.as_deref(), geometry.inputs)?;
    let (train, valid) = match &a.valid {
        Some(p) => (all, matched(&read_table(p)?, &a.target, geometry.inputs)?),
        None => all.split(a.valid_fraction, a.seed),
    };
    let test = match &a.test {
        Some(p) => Some(matched(&read_table(p)?, &a.target, geometry.inputs)?),
        None => None,
    };
    for other in [Some(&valid), test.as_ref()].into_iter().flatten() {
        if other.inputs != train.inputs {
            bail!(
                "the validation/test columns {:?} differ from the training columns {:?}",
                other.inputs,
                train.inputs
            );
        }
    }
    let scaling = Scaling::fit(&train);
    let config = FitConfig {
        depths: a.depths.clone(),
        iterations: a.iterations,
        search: SearchConfig {
            restarts: a.restarts,
            sparsity: a.sparsity,
            seed: a.seed,
            ..SearchConfig::default()
        },
        refine: (a.method == Method::Refine).then(|| RefineConfig {
            tolerance: a.tolerance,
            ..RefineConfig::default()
        }),
    };
    let bar = ProgressBar::new((a.iterations * a.depths.len()) as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{elapsed_precise} [{bar:30}] {pos}/{len} iterations, ETA {eta} | {msg}",
        )
        .expect("valid template")
        .progress_chars("=> "),
    );
    let data = FitData {
        scaling: &scaling,
        train: &train,
        valid: &valid,
        test: test.as_ref(),
    };
    let result = fit_paper(&ae, geometry, &data, &config, |depth, _| {
        bar.set_message(format!("depth {depth}"));
        bar.inc(1);
    })?;
    bar.finish_and_clear();

    print!("{}", crate::report::fit::table(&result));
    let chosen = &result.depths[result.chosen];
    println!(
        "chosen: depth {} ({} non-zero weights, {} non-zero parameters), lowest validation MSE \
         or within 1% of it with fewer parameters",
        chosen.depth, chosen.stats.nonzero_weights, chosen.stats.nonzero_params
    );
    let mut model = Model::identity(chosen.network.clone());
    model.inputs = train.inputs.clone();
    model.target = train.target.clone();
    model.input_scaling = InputScaling {
        min: scaling.input.min.clone(),
        max: scaling.input.max.clone(),
    };
    model.output_scaling = scaling.output;
    let ae_bytes =
        std::fs::read(ae_path).with_context(|| format!("reading {}", ae_path.display()))?;
    if let serde_json::Value::Object(map) = serde_json::json!({
        "swat_version": env!("CARGO_PKG_VERSION"),
        "method": match a.method {
            Method::Paper => "paper",
            Method::Refine => "refine",
        },
        "tolerance": (a.method == Method::Refine).then_some(a.tolerance),
        "seed": a.seed,
        "iterations": a.iterations,
        "restarts": a.restarts,
        "sparsity": a.sparsity,
        "depths": a.depths,
        "chosen_depth": chosen.depth,
        "autoencoder": {
            "file": ae_path.file_name().map(|f| f.to_string_lossy().into_owned()),
            "crc32": format!("{:08x}", crc32fast::hash(&ae_bytes)),
            "step": ckpt.meta.step,
            "arch": ckpt.meta.config.arch.name(),
        },
        "train_file": a.train.file_name().map(|f| f.to_string_lossy().into_owned()),
        "valid_scores": chosen.valid,
        "test_scores": chosen.test,
    }) {
        model.provenance = map;
    }
    model.save(&a.out)?;
    println!("wrote {}", a.out.display());
    if let Some(dir) = &a.report {
        let (scored, name) = match &test {
            Some(t) => (t, "test rows"),
            None => (&valid, "validation rows"),
        };
        let settings = format!(
            "`{}` → `{}`; method {}, {} iterations per depth, {} restart(s), sparsity weight ×{}, seed {}; autoencoder `{}` (step {}).",
            a.train.display(),
            train.target,
            match a.method {
                Method::Paper => "paper",
                Method::Refine => "refine",
            },
            a.iterations,
            a.restarts,
            a.sparsity,
            a.seed,
            ae_path.display(),
            ckpt.meta.step
        );
        let files = crate::report::fit::write(dir, &result, &scaling, scored, name, &settings)
            .map_err(anyhow::Error::msg)?;
        for f in files {
            println!("wrote {}", f.display());
        }
    }
    Ok(())
}

/// A validation or test table with the training target.
fn matched(table: &crate::data::Table, target: &Option<String>, max: usize) -> Result<Dataset> {
    Ok(Dataset::from_table(table, target.as_deref(), max)?)
}
