//! `swat fit`: a sparse network for a CSV table, one latent search per depth, a table of
//! results and the chosen model written as model.json.

use crate::data::{read_table_with, Dataset, ReadOptions, Scaling};
use crate::mlp::{Activation, InputScaling, Model};
use crate::search::{
    fit_each, fit_each_folds, FitConfig, FitData, FoldData, Method as SearchMethod,
};
use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;

mod provenance;
mod rows;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Method {
    /// swat's method: decoded starts (the latent search, stopped early on validation error)
    /// and random dense starts side by side, each fine-tuned, the best of each kind (decoded;
    /// random, per activation) pruned while the validation error stays within --tolerance.
    Swat,
    /// The 2024 paper's latent search and read-out, exactly.
    Paper,
}

impl Method {
    fn name(self) -> &'static str {
        match self {
            Method::Swat => "swat",
            Method::Paper => "paper",
        }
    }
}

/// Where the default method's latent search starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LatentInit {
    /// At the codes of the data's own function (estimated at the autoencoder's probe points
    /// by nearest-neighbour averaging), read by its encoder; an autoencoder whose encoder reads
    /// networks, not functions, starts as with `prior`.
    Encode,
    /// At the codes of about 256 teachers from the autoencoder's own training distribution
    /// whose decoded networks fit the data best.
    Prior,
    /// The paper's z ~ U[0, 1).
    Uniform,
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
    /// Choose between candidates by k-fold cross-validation over the training rows, then keep
    /// one fold's network [default: 5 for tables under 500 rows without --valid, otherwise 1:
    /// one split, --valid-fraction].
    #[arg(long, value_name = "K")]
    folds: Option<usize>,
    /// Columns to leave out of every table (ids, text, anything not an input or the target),
    /// comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "COL,...")]
    ignore: Vec<String>,
    /// Drop rows with a missing cell (empty, NA, N/A, NaN, ?) instead of refusing the table;
    /// the count is printed.
    #[arg(long)]
    drop_missing: bool,
    /// Test table, scored but never used for choosing.
    #[arg(long)]
    test: Option<PathBuf>,
    /// Where to write the chosen model.
    #[arg(long, default_value = "model.json")]
    out: PathBuf,
    /// Autoencoder checkpoint written by `swat train-ae`, or `bundled:swat3` /
    /// `bundled:swat7` for one bundled autoencoder [default: each bundled one that takes the
    /// data, the better network kept].
    #[arg(long)]
    autoencoder: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "swat")]
    method: Method,
    /// Latent-search iterations per depth: exactly this many with --method paper (default
    /// 30001, the paper's), at most this many with swat (default 2000; it stops early).
    #[arg(long)]
    iterations: Option<usize>,
    /// Depths to search, comma-separated; 0 is the linear model (no hidden layer, least
    /// squares, thinned like the others), with --method swat.
    /// [default: 0,1,2,3,4 with swat, 1,2,3,4 with --method paper]
    #[arg(long, value_delimiter = ',')]
    depths: Option<Vec<usize>>,
    /// Decoded starts per depth, searched together [default: 4 with swat, 1 with paper].
    #[arg(long)]
    restarts: Option<usize>,
    /// Where the latent search begins [default: encode with swat, uniform (the paper's) with
    /// --method paper; prior is for swat only].
    #[arg(long, value_enum)]
    latent_init: Option<LatentInit>,
    /// With --method swat: random dense starts per depth, the control that shows whether the
    /// autoencoder's starts do better (0 turns it off).
    #[arg(long, default_value_t = 2)]
    random_starts: usize,
    /// With --method swat: the hidden activation of each random start in turn, comma-separated
    /// (sigmoid, tanh, leaky_relu, linear).
    #[arg(long, value_delimiter = ',', value_parser = super::parse_activation,
          default_value = "sigmoid,leaky_relu")]
    random_activations: Vec<Activation>,
    /// Multiplier of the sparsity terms (1 = the paper's weight).
    #[arg(long, default_value_t = 1.0)]
    sparsity: f64,
    /// With --method swat and --r2-slack 0: pruning stops before validation MSE exceeds
    /// (1 + this) × the fine-tuned network's (otherwise --r2-slack sets how much it may lose).
    #[arg(long, default_value_t = 0.1)]
    tolerance: f64,
    /// Validation R² the answer may give up for a smaller network: pruning may lose this much
    /// (with 0, --tolerance rules it), and networks within this of the best R² (and within 10× its MSE) count
    /// as equally good, the smallest kept (across starts, depths and autoencoders).
    #[arg(long, default_value_t = crate::search::fit::R2_SLACK)]
    r2_slack: f64,
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Also write report.md and plots (predicted vs actual, search curves) into this directory.
    #[arg(long)]
    report: Option<PathBuf>,
}

/// `--latent-init`, or the method's default.
fn latent_init(a: &FitArgs) -> LatentInit {
    a.latent_init.unwrap_or(match a.method {
        Method::Swat => LatentInit::Encode,
        Method::Paper => LatentInit::Uniform,
    })
}

/// Where the search began, as the provenance records it: an autoencoder that cannot encode
/// data starts swat at its prior and the paper's method at z ~ U[0, 1).
fn init_name(init: LatentInit, reads_functions: bool, swat: bool) -> &'static str {
    match init {
        LatentInit::Encode if reads_functions => "encode",
        LatentInit::Encode | LatentInit::Prior if swat => "prior",
        _ => "uniform",
    }
}

pub fn run(a: &FitArgs) -> Result<()> {
    if !(a.valid_fraction > 0.0 && a.valid_fraction < 1.0) {
        bail!("--valid-fraction: {} is outside (0, 1)", a.valid_fraction);
    }
    let method = match a.method {
        Method::Swat => SearchMethod::Swat,
        Method::Paper => SearchMethod::Paper,
    };
    let mut config = FitConfig::new(method);
    if let Some(depths) = &a.depths {
        config.depths.clone_from(depths);
    }
    if let Some(n) = a.iterations {
        if n == 0 {
            bail!("--iterations: must be at least 1");
        }
        config.iterations = n;
    }
    if let Some(k) = a.restarts {
        config.search.restarts = k;
    }
    if a.method == Method::Paper && config.search.restarts == 0 {
        bail!("--restarts: --method paper needs at least 1");
    }
    if a.method == Method::Swat {
        config.random_starts = a.random_starts;
        config.random_activations.clone_from(&a.random_activations);
        if config.search.restarts + config.random_starts == 0 {
            bail!("--restarts and --random-starts: at least one start per depth is needed");
        }
    }
    if !(a.tolerance.is_finite() && a.tolerance >= 0.0) {
        bail!("--tolerance: {} must be a number ≥ 0", a.tolerance);
    }
    if !(a.r2_slack.is_finite() && (0.0..1.0).contains(&a.r2_slack)) {
        bail!("--r2-slack: {} must be a number in [0, 1)", a.r2_slack);
    }
    if !(a.sparsity.is_finite() && a.sparsity >= 0.0) {
        bail!("--sparsity: {} must be a number ≥ 0", a.sparsity);
    }
    check_paths(a)?;
    let loaded = super::autoencoder::load(&a.autoencoder)?;
    let widest = super::autoencoder::max_inputs(&loaded);

    let options = ReadOptions {
        ignore: a.ignore.clone(),
        drop_missing: a.drop_missing,
    };
    // swat's random starts need no canvas: with them, any width fits (random starts only when
    // the data is wider than every autoencoder).
    let widest = if a.method == Method::Swat && a.random_starts > 0 {
        usize::MAX
    } else {
        widest
    };
    let table = read(&a.train, &options)?;
    let all = Dataset::from_table(&table, a.target.as_deref(), widest)?;
    let folds = rows::folds(a, all.rows())?;
    // Cross-validated, every row trains and validates (`search::folds`).
    let (train, valid) = match &a.valid {
        Some(p) => (all, matched(&read(p, &options)?, &a.target, widest)?),
        None if folds > 1 => (all.clone(), all),
        None => all.split(a.valid_fraction, a.seed),
    };
    let test = match &a.test {
        Some(p) => Some(matched(&read(p, &options)?, &a.target, widest)?),
        None => None,
    };
    let others = [
        (a.valid.as_ref().map(|p| ("--valid", p)), Some(&valid)),
        (a.test.as_ref().map(|p| ("--test", p)), test.as_ref()),
    ];
    for (file, other) in others {
        if let (Some((flag, path)), Some(other)) = (file, other) {
            if other.inputs != train.inputs {
                bail!(
                    "{flag} {}: its input columns {} differ from the training table's {}",
                    path.display(),
                    other.inputs.join(", "),
                    train.inputs.join(", ")
                );
            }
        }
    }
    rows::enough_rows(a, &train, &valid, folds)?;
    let scaling = Scaling::fit(&train);
    // With the prior, about 256 teachers: enough variety that a few fit any smooth data roughly.
    let swat = a.method == Method::Swat;
    let init = latent_init(a);
    if !swat && init == LatentInit::Prior {
        bail!("--latent-init prior: only with --method swat (the paper's method starts at z ~ U[0, 1), or at the data's code with encode)");
    }
    let prior = (swat && init != LatentInit::Uniform).then_some(a.seed);
    let encode = init == LatentInit::Encode;
    let candidates = super::autoencoder::candidates(&loaded, train.inputs.len(), prior, encode)?;
    config.search.sparsity = a.sparsity;
    config.search.seed = a.seed;
    config.refine.tolerance = a.tolerance;
    config.refine.r2_slack = a.r2_slack;
    let total = if folds > 1 {
        crate::search::folds::progress_total(&config, folds)
    } else {
        config.iterations * config.depths.len() * candidates.len().max(1)
    };
    let bar = ProgressBar::new(total as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{elapsed_precise} [{bar:30}] {pos}/{len} iterations, ETA {eta} | {msg}",
        )
        .expect("valid template")
        .progress_chars("=> "),
    );
    let progress = |depth: usize, what: &str, n: usize| {
        bar.set_message(format!("depth {depth}: {what}"));
        bar.inc(n as u64);
    };
    let (tried, best) = if folds > 1 {
        let data = FoldData {
            scaling: &scaling,
            all: &train,
            test: test.as_ref(),
            valid_fraction: a.valid_fraction,
        };
        fit_each_folds(&candidates, &data, &config, folds, a.seed, &progress)?
    } else {
        let data = FitData {
            scaling: &scaling,
            train: &train,
            valid: &valid,
            test: test.as_ref(),
        };
        fit_each(&candidates, &data, &config, &progress)?
    };
    bar.finish_and_clear();
    if folds > 1 {
        println!(
            "chosen by {folds}-fold cross-validation over all {} rows (the default below {} \
             rows; --folds 1 for one split): each fold fitted on its other rows (holding out \
             --valid-fraction of them for its own choices) and predicted its held-out rows; the \
             validation scores are those predictions together, and a depth within one \
             standard error (over the folds) of the best one's MSE counts as equally good. The \
             chosen depth was then fitted again on all the rows; the other depths show one \
             fold's network\n",
            train.rows(),
            crate::search::folds::FOLDS_BELOW_ROWS,
        );
    }

    let result = &tried[best].result;
    // `None`: the data is wider than every autoencoder's canvas; random starts only.
    let ae = tried[best]
        .candidate
        .and_then(|k| loaded.iter().find(|l| l.name == candidates[k].name));
    if ae.is_none() {
        println!(
            "the data has {} inputs, more than any autoencoder here takes ({}): no latent \
             search; swat's method ran from its random starts alone\n",
            train.inputs.len(),
            super::autoencoder::max_inputs(&loaded)
        );
    }
    if tried.len() > 1 {
        for t in &tried {
            let c = &t.result.depths[t.result.chosen];
            println!(
                "{}: depth {}, {} non-zero parameters, valid MSE {:.4e}, valid R² {:.4}",
                t.name(&candidates),
                c.depth,
                c.stats.nonzero_params,
                c.valid.mse,
                c.valid.r2
            );
        }
        println!(
            "kept the network of the {} autoencoder\n",
            tried[best].name(&candidates)
        );
    }
    print!("{}", crate::report::fit::table(result));
    if a.method == Method::Swat {
        println!();
        print!("{}", crate::report::fit::stages_table(result));
    }
    if let Some(v) = crate::report::fit::verdict(result) {
        println!("{v}");
    }
    let chosen = &result.depths[result.chosen];
    println!(
        "chosen: depth {} from the {} start ({} non-zero weights, {} non-zero parameters): the \
         smallest network validating within 1% (MSE) of the best, or within {} (R², --r2-slack) \
         and {}× (MSE)",
        chosen.depth,
        chosen.origin,
        chosen.stats.nonzero_weights,
        chosen.stats.nonzero_params,
        a.r2_slack,
        crate::search::fit::MSE_RATIO
    );
    if chosen.origin == crate::search::Origin::LeastSquares {
        println!(
            "the linear model was then fitted again on the training and validation rows \
             together; its validation scores are those from before"
        );
    }
    let scores = [Some(&chosen.valid), chosen.test.as_ref()];
    if scores
        .iter()
        .flatten()
        .any(|s| !(s.mse.is_finite() && s.r2.is_finite()))
    {
        bail!(
            "the chosen network's errors are not finite numbers (validation MSE {}, R² {}): \
             nothing was written",
            chosen.valid.mse,
            chosen.valid.r2
        );
    }
    if chosen.valid.r2 < 0.0 {
        eprintln!(
            "warning: the chosen network validates worse than predicting the mean (validation \
             R² {:.3} on {} rows); with this little or this noisy data, treat it with care",
            chosen.valid.r2,
            valid.rows()
        );
    }
    let mut model = Model::identity(chosen.network.clone());
    model.inputs = train.inputs.clone();
    model.target = train.target.clone();
    model.input_scaling = InputScaling {
        min: scaling.input.min.clone(),
        max: scaling.input.max.clone(),
    };
    model.output_scaling = scaling.output;
    model.provenance = provenance::record(a, &config, &tried, &candidates, ae, chosen, folds);
    println!("{}", crate::report::show::inputs_used(&model));
    model.save(&a.out)?;
    println!("wrote {}", a.out.display());
    if let Some(dir) = &a.report {
        let (scored, name) = match &test {
            Some(t) => (t, "test rows".to_string()),
            None if folds > 1 => (
                &valid,
                format!(
                    "all rows ({:.0}% of them trained the final network)",
                    100.0 * (1.0 - a.valid_fraction)
                ),
            ),
            None => (&valid, "validation rows".to_string()),
        };
        let settings = provenance::settings(a, &config, &train.target, ae, folds);
        let files =
            crate::report::fit::write(dir, result, &scaling, scored, &name, &settings, a.r2_slack)
                .map_err(anyhow::Error::msg)?;
        for f in files {
            println!("wrote {}", f.display());
        }
    }
    Ok(())
}

/// Refuses, before any work, an output that is one of the inputs or cannot be written.
fn check_paths(a: &FitArgs) -> Result<()> {
    let mut inputs = vec![("TRAIN", a.train.as_path())];
    for (flag, p) in [
        ("--valid", &a.valid),
        ("--test", &a.test),
        ("--autoencoder", &a.autoencoder),
    ] {
        if let Some(p) = p {
            inputs.push((flag, p.as_path()));
        }
    }
    let report: Vec<PathBuf> = a
        .report
        .iter()
        .flat_map(|d| crate::report::fit::FILES.map(|f| d.join(f)))
        .collect();
    let mut outputs = vec![("--out", a.out.as_path())];
    outputs.extend(report.iter().map(|p| ("--report", p.as_path())));
    super::paths::distinct(&inputs, &outputs)?;
    super::paths::writable_file("--out", &a.out)?;
    if let Some(dir) = &a.report {
        super::paths::writable_dir("--report", dir)?;
    }
    Ok(())
}

/// Reads a table with the user's column and missing-cell options; says how many rows it
/// dropped.
fn read(path: &std::path::Path, options: &ReadOptions) -> Result<crate::data::Table> {
    let r = read_table_with(path, options)?;
    if r.dropped_rows > 0 {
        eprintln!(
            "{}: dropped {} of {} rows with a missing cell (--drop-missing)",
            path.display(),
            r.dropped_rows,
            r.dropped_rows + r.table.rows
        );
    }
    Ok(r.table)
}

/// A validation or test table with the training target.
fn matched(table: &crate::data::Table, target: &Option<String>, max: usize) -> Result<Dataset> {
    Ok(Dataset::from_table(table, target.as_deref(), max)?)
}

/// The random starts' activations by name, as the provenance and the report give them.
fn random_names(config: &FitConfig) -> Vec<&'static str> {
    config.random_activations.iter().map(|x| x.name()).collect()
}
