//! `swat fit`: a sparse network for a CSV table, one latent search per depth, a table of
//! results and the chosen model written as model.json.

use crate::autoencoder::Source;
use crate::data::{read_table_with, Dataset, ReadOptions};
use crate::estimator::{self, Bar, Fitted, Naming, Swat, SwatError, SwatParams, Tables};
use crate::mlp::Activation;
use crate::search::{Method as SearchMethod, PaperReadOut};
use anyhow::Result;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

mod account;
mod provenance;

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

/// Which iterate of the paper's search is read out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReadOut {
    /// The iterate of lowest loss, as the paper's code keeps it.
    LowestLoss,
    /// The last iterate, as the paper's code prints it.
    Last,
}

/// How data wider than every autoencoder's canvas is fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Wide {
    /// Rank the inputs by a dense network's permutation importance and fit the most
    /// important (as many as the widest canvas takes) with the autoencoders.
    Screen,
    /// swat's method from its random starts alone, on every input (slower on wide tables).
    RandomStarts,
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
    #[arg(long, default_value_t = estimator::params::VALID_FRACTION)]
    valid_fraction: f64,
    /// Choose between depths by k-fold cross-validation over the training rows, then fit the
    /// chosen depth again on all of them [default: 5 for tables under 500 rows, and for noisy ones under
    /// 10,000 (nearest neighbours and the linear model explain under half of the target's
    /// variance), without --valid; otherwise 1: one split, --valid-fraction; a table too small for 5 folds gets the linear model,
    /// scored by leave-one-out, unless --folds 1 asks for the split].
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
    /// Autoencoder checkpoint written by `swat train-ae`, or `bundled:NAME` for one bundled
    /// autoencoder (`swat3`, `swat7`, or their twins `swat3leaky` and `swat7leaky`, which
    /// decode leaky-ReLU networks); repeat it to search with several side by side
    /// (cross-validated small tables search the first that takes the data) [default: all
    /// four, each that takes the data (`swat7leaky` on 4 to 7 inputs), the better network
    /// kept].
    #[arg(long)]
    autoencoder: Vec<PathBuf>,
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
    /// Where the latent search begins [default: encode, with either method; an autoencoder
    /// that cannot encode data starts swat at prior and --method paper at uniform, the
    /// paper's z ~ U[0, 1); prior is for swat only].
    #[arg(long, value_enum)]
    latent_init: Option<LatentInit>,
    /// With --method paper: read out the search's iterate of lowest loss, or its last (the
    /// paper's printed result; a long search can end on a collapsed network).
    /// [default: lowest-loss]
    #[arg(long, value_enum)]
    read_out: Option<ReadOut>,
    /// With --method swat: random dense starts per depth, the control that shows whether the
    /// autoencoder's starts do better (0 turns it off).
    #[arg(long, default_value_t = estimator::params::RANDOM_STARTS)]
    random_starts: usize,
    /// With --method swat: the hidden activation of each random start in turn, comma-separated
    /// (sigmoid, tanh, leaky_relu, linear).
    #[arg(long, value_delimiter = ',', value_parser = super::parse_activation,
          default_values_t = estimator::params::RANDOM_ACTIVATIONS)]
    random_activations: Vec<Activation>,
    /// Multiplier of the sparsity terms (1 = the paper's weight).
    #[arg(long, default_value_t = estimator::params::SPARSITY)]
    sparsity: f64,
    /// With --method swat and --r2-slack 0: pruning stops before validation MSE exceeds
    /// (1 + this) × the fine-tuned network's (otherwise --r2-slack sets how much it may lose).
    #[arg(long, default_value_t = estimator::params::TOLERANCE)]
    tolerance: f64,
    /// Validation R² the answer may give up for a smaller network: pruning may lose this much
    /// (with 0, --tolerance rules it), and networks within this of the best R² (and within 10×
    /// its MSE) count as equally good, the smallest kept (across starts, depths and
    /// autoencoders; across depths and autoencoders so do those within one standard error of
    /// the best's MSE, their errors compared row by row).
    #[arg(long, default_value_t = estimator::params::R2_SLACK)]
    r2_slack: f64,
    #[arg(long, default_value_t = estimator::params::SEED)]
    seed: u64,
    /// Data with more inputs than any autoencoder takes: screen them for one, or fit them all
    /// from random starts [default: screen].
    #[arg(long, value_enum)]
    wide: Option<Wide>,
    /// Also write report.md and plots (predicted vs actual, search curves) into this directory.
    #[arg(long)]
    report: Option<PathBuf>,
}

impl FitArgs {
    /// The front door's settings from the flags; unset flags keep the library's defaults.
    fn params(&self) -> SwatParams {
        let mut p = Swat::params()
            .method(match self.method {
                Method::Swat => SearchMethod::Swat,
                Method::Paper => SearchMethod::Paper,
            })
            .random_starts(self.random_starts)
            .random_activations(self.random_activations.clone())
            .sparsity(self.sparsity)
            .tolerance(self.tolerance)
            .r2_slack(self.r2_slack)
            .valid_fraction(self.valid_fraction)
            .seed(self.seed);
        p.depths.clone_from(&self.depths);
        p.iterations = self.iterations;
        p.restarts = self.restarts;
        p.folds = self.folds;
        p.latent_init = self.latent_init.map(|l| match l {
            LatentInit::Encode => estimator::LatentInit::Encode,
            LatentInit::Prior => estimator::LatentInit::Prior,
            LatentInit::Uniform => estimator::LatentInit::Uniform,
        });
        p.read_out = self.read_out.map(|r| match r {
            ReadOut::LowestLoss => PaperReadOut::LowestLoss,
            ReadOut::Last => PaperReadOut::Last,
        });
        if !self.autoencoder.is_empty() {
            p.autoencoder = Source::from_paths(&self.autoencoder);
        }
        if let Some(w) = self.wide {
            p.wide = match w {
                Wide::Screen => estimator::Wide::Screen,
                Wide::RandomStarts => estimator::Wide::RandomStarts,
            };
        }
        p
    }
}

/// A library error as the command line says it: settings by their flags.
fn flagged(e: SwatError) -> anyhow::Error {
    match e {
        SwatError::Params(p) => anyhow::anyhow!("{}: {}", p.flags(), p.problem),
        e => e.into(),
    }
}

pub fn run(a: &FitArgs) -> Result<()> {
    let swat = a.params().check().map_err(|e| flagged(e.into()))?;
    check_paths(a)?;
    let loaded = swat.autoencoders()?;
    let widest = swat.widest(&loaded);
    let options = ReadOptions {
        ignore: a.ignore.clone(),
        drop_missing: a.drop_missing,
    };
    let train = Dataset::from_table(&read(&a.train, &options)?, a.target.as_deref(), widest)?;
    let other = |p: &Option<PathBuf>| -> Result<Option<(Dataset, String)>> {
        Ok(match p {
            Some(p) => Some((
                Dataset::from_table(&read(p, &options)?, a.target.as_deref(), widest)?,
                p.display().to_string(),
            )),
            None => None,
        })
    };
    let (valid, test) = (other(&a.valid)?, other(&a.test)?);
    let names = (
        a.train.display().to_string(),
        valid.as_ref().map(|v| format!("--valid {}", v.1)),
        test.as_ref().map(|t| format!("--test {}", t.1)),
    );
    let tables = Tables {
        train: &train,
        train_name: &names.0,
        valid: valid
            .as_ref()
            .map(|v| (&v.0, names.1.as_deref().unwrap_or(""))),
        test: test
            .as_ref()
            .map(|t| (&t.0, names.2.as_deref().unwrap_or(""))),
        naming: Naming::Flags,
    };
    let bar = Bar::new();
    let fitted = swat.fit_with(&loaded, &tables, &bar);
    bar.finish();
    let mut fitted = fitted.map_err(flagged)?;
    account::validation(a, &fitted, &train);
    account::paths(&fitted, &train);
    let result = fitted.result();
    print!("{}", crate::report::fit::table(result));
    if a.method == Method::Swat {
        println!();
        print!("{}", crate::report::fit::stages_table(result));
    }
    if let Some(v) = crate::report::fit::verdict(result) {
        println!("{v}");
    }
    account::choice(a, &fitted);
    provenance::add_files(a, &mut fitted.model.provenance);
    println!("{}", crate::report::show::inputs_used(&fitted.model));
    fitted.save(&a.out)?;
    println!("wrote {}", a.out.display());
    if let Some(dir) = &a.report {
        write_report(
            a,
            &fitted,
            dir,
            &train,
            valid.as_ref().map(|v| &v.0),
            test.as_ref().map(|t| &t.0),
        )?;
    }
    Ok(())
}

/// report.md and its plots, scored on the test rows when there are any.
fn write_report(
    a: &FitArgs,
    fitted: &Fitted,
    dir: &std::path::Path,
    train: &Dataset,
    valid: Option<&Dataset>,
    test: Option<&Dataset>,
) -> Result<()> {
    // Without a validation table, the validation rows are the split's (or, with folds, all).
    let (_, valid) = estimator::rows::split(train, valid, fitted.folds, a.valid_fraction, a.seed);
    let (scored, name) = match test {
        Some(t) => (t, "test rows".to_string()),
        None if fitted.leave_one_out => (&valid, "all rows (each trained the model)".to_string()),
        None if fitted.folds > 1 => (
            &valid,
            format!(
                "all rows ({:.0}% of them trained the final network)",
                100.0 * (1.0 - a.valid_fraction)
            ),
        ),
        None => (&valid, "validation rows".to_string()),
    };
    let settings = provenance::settings(a, fitted, &train.target);
    let files = crate::report::fit::write(
        dir,
        fitted.result(),
        &fitted.scaling,
        scored,
        &name,
        &settings,
        a.r2_slack,
    )?;
    for f in files {
        println!("wrote {}", f.display());
    }
    Ok(())
}

/// The progress bar, fed by the fit.
/// Refuses, before any work, an output that is one of the inputs or cannot be written.
fn check_paths(a: &FitArgs) -> Result<()> {
    let mut inputs = vec![("TRAIN", a.train.as_path())];
    for (flag, p) in [("--valid", &a.valid), ("--test", &a.test)] {
        if let Some(p) = p {
            inputs.push((flag, p.as_path()));
        }
    }
    inputs.extend(a.autoencoder.iter().map(|p| ("--autoencoder", p.as_path())));
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
