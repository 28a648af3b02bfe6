//! `swat bench paper|cornn|merge`: runs a suite (or one shard of it) task by task, writing
//! results.csv after every task so an interrupted run resumes where it stopped, then the
//! report; `merge` joins shards' results and writes the report of the whole.

use crate::autoencoder::Source;
use crate::bench::{self, BenchConfig, Methods, Row, Shard, Suite};
use crate::io::write_atomic;
use crate::mlp::Model;
use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct BenchArgs {
    #[command(subcommand)]
    what: What,
}

#[derive(Subcommand, Debug)]
enum What {
    /// The paper's teacher tasks (sigmoid, leaky-ReLU, linear × depth 1–4 × sparsity 0.5, 0.8;
    /// width 5, 3 inputs, 100,000 rows split 50/30/20) and its sparsity-weight sweep.
    Paper(RunArgs),
    /// The 54 CORNN functions: 3,750 uniform training points (a fifth held out for
    /// validation) and 1,250 test points each.
    Cornn(RunArgs),
    /// Join the results of shards (their output folders or results.csv files) and write the
    /// report of the whole suite.
    Merge(MergeArgs),
}

#[derive(Args, Debug)]
struct RunArgs {
    /// A reduced run (a few small tasks, short searches) that finishes in minutes.
    #[arg(long)]
    quick: bool,
    /// Run only tasks k with k mod N = i (0 ≤ i < N), for array jobs; join with `merge`.
    #[arg(long, value_name = "i/N", value_parser = Shard::parse)]
    shard: Option<Shard>,
    /// Run only the tasks whose name contains one of these, comma-separated (`leaky_relu`,
    /// `d2-s0.8`, `sweep`); merge joins such runs like shards.
    #[arg(long, value_delimiter = ',', value_name = "PART")]
    tasks: Vec<String>,
    /// Output folder for results.csv, report.md, pictures and models [default: bench-SUITE].
    /// Rerunning into the same folder resumes: finished tasks are kept.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Seed of the task data and of every method.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Autoencoder checkpoint, or `bundled:NAME`; repeat it for several [default: each
    /// bundled one, as `fit`].
    #[arg(long)]
    autoencoder: Vec<PathBuf>,
    /// Methods to run, comma-separated: `swat` (its ablations and the baselines, which are
    /// sized by swat's answer, come with it) and `paper` (teacher tasks and the sweep).
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [BenchMethod::Swat, BenchMethod::Paper])]
    methods: Vec<BenchMethod>,
    /// Leave out the baselines that come with `swat` (dense networks, magnitude pruning, L1),
    /// for runs that compare swat's own starts (its ablation rows) and nothing else.
    #[arg(long)]
    no_baselines: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum BenchMethod {
    Swat,
    Paper,
}

#[derive(Args, Debug)]
struct MergeArgs {
    /// Shard output folders or results.csv files.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Folder for the joined results.csv, report.md and pictures.
    #[arg(long)]
    out: PathBuf,
}

pub fn run(a: &BenchArgs) -> Result<()> {
    match &a.what {
        What::Paper(r) => run_suite(Suite::Paper, r),
        What::Cornn(r) => run_suite(Suite::Cornn, r),
        What::Merge(m) => merge(m),
    }
}

fn run_suite(suite: Suite, a: &RunArgs) -> Result<()> {
    let shard = a.shard.unwrap_or(Shard::ALL);
    let out = a
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("bench-{}", suite.name())));
    let loaded = crate::autoencoder::load(&Source::from_paths(&a.autoencoder))?;
    let mut cfg = BenchConfig::new(a.quick, a.seed);
    cfg.methods = Methods {
        swat: a.methods.contains(&BenchMethod::Swat),
        paper: a.methods.contains(&BenchMethod::Paper),
        baselines: !a.no_baselines,
    };
    if cfg.methods.paper && !cfg.methods.swat && suite == Suite::Cornn {
        bail!("--methods paper: the paper's method runs on the paper suite's teacher tasks only");
    }
    // Whatever changes swat's answers belongs here, so a folder never mixes two methods' rows.
    let mut settings = json!({
        "suite": suite.name(),
        "quick": a.quick,
        "seed": a.seed,
        "shard": format!("{}/{}", shard.index, shard.count),
        "autoencoders": loaded
            .iter()
            .map(|l| format!("{} (CRC {})", l.file, l.crc32()))
            .collect::<Vec<_>>(),
        "swat_version": env!("CARGO_PKG_VERSION"),
        "methods": a.methods.iter().map(|m| format!("{m:?}").to_lowercase()).collect::<Vec<_>>(),
        "paper_latent_init": format!("{:?}", cfg.paper_init).to_lowercase(),
        "random_start_activations": cfg
            .swat
            .random_activations
            .iter()
            .map(|x| x.name())
            .collect::<Vec<_>>(),
    });
    if !a.tasks.is_empty() {
        settings["tasks"] = json!(a.tasks);
    }
    if a.no_baselines {
        settings["baselines"] = json!(false);
    }
    let all_tasks = bench::tasks(suite, a.quick, a.seed);
    if let Some(p) = a
        .tasks
        .iter()
        .find(|p| !all_tasks.iter().any(|t| t.name.contains(p.as_str())))
    {
        bail!(
            "--tasks {p}: no task of the {} suite{} has it in its name",
            suite.name(),
            if a.quick { " (--quick)" } else { "" }
        );
    }
    let wanted = |name: &str| a.tasks.is_empty() || a.tasks.iter().any(|p| name.contains(p));
    super::paths::writable_dir("--out", &out)?;
    std::fs::create_dir_all(out.join("models"))
        .with_context(|| format!("creating {}", out.display()))?;
    super::train_log::remove_stale_temporaries(&out);
    // Every finished task is already in results.csv (written atomically), so Ctrl-C, SIGTERM and
    // SIGHUP only lose the task in progress; say how to go on and exit non-zero.
    {
        let folder = out.clone();
        let _ = ctrlc::set_handler(move || {
            eprintln!(
                "\ninterrupted: finished tasks are kept in {}; rerun the same command to resume",
                folder.join("results.csv").display()
            );
            std::process::exit(130);
        });
    }
    let settings_path = out.join("run.json");
    let mut rows: Vec<Row> = Vec::new();
    if settings_path.exists() {
        let before: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(&settings_path)
                .with_context(|| format!("reading {}", settings_path.display()))?,
        )
        .with_context(|| format!("{}: not JSON", settings_path.display()))?;
        if before != settings {
            bail!(
                "--out {}: holds a run with other settings ({before}); use a fresh folder",
                out.display()
            );
        }
        let csv = out.join("results.csv");
        if csv.exists() {
            rows = bench::read_csv(&csv)?;
        }
    } else {
        write_atomic(&settings_path, format!("{settings:#}\n").as_bytes())?;
    }
    let candidates = crate::search::several::candidates(&loaded, 0, Some(a.seed), true)?;
    let todo: Vec<_> = all_tasks
        .into_iter()
        .filter(|t| shard.holds(t) && wanted(&t.name) && !rows.iter().any(|r| r.index == t.index))
        .collect();
    let done = rows
        .iter()
        .map(|r| r.index)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    if done > 0 {
        println!(
            "resuming {}: {done} task(s) done, {} to go",
            out.display(),
            todo.len()
        );
    }
    let bar = ProgressBar::new(todo.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len} tasks | {msg}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    for spec in todo {
        let task = spec.build()?;
        let name = spec.name.clone();
        let outcome = bench::run_task(&candidates, suite, &task, &cfg, &mut |what| {
            bar.set_message(format!("{name}: {what}"))
        })?;
        let models = out.join("models");
        if let Some(t) = &task.teacher {
            Model::identity(t.clone()).save(models.join(format!("{name}-teacher.json")))?;
        }
        for (method, m) in &outcome.models {
            m.save(models.join(format!("{name}-{method}.json")))?;
        }
        rows.extend(outcome.rows);
        rows.sort_by(|x, y| (x.index, &x.method, x.depth).cmp(&(y.index, &y.method, y.depth)));
        write_atomic(&out.join("results.csv"), bench::to_csv(&rows).as_bytes())?;
        bar.inc(1);
    }
    bar.finish_and_clear();
    if !out.join("results.csv").exists() {
        // Nothing ran (a shard or `--tasks` left no task): the report still names its rows.
        write_atomic(&out.join("results.csv"), bench::to_csv(&rows).as_bytes())?;
    }
    let preamble = format!(
        "`swat bench {}{}{}{}{}{}` (seed {}), autoencoders {}.",
        suite.name(),
        if a.quick { " --quick" } else { "" },
        if a.no_baselines {
            " --no-baselines"
        } else {
            ""
        },
        if cfg.methods.swat && cfg.methods.paper {
            String::new()
        } else {
            format!(
                " --methods {}",
                settings["methods"].as_array().map_or(String::new(), |m| {
                    m.iter()
                        .filter_map(|v| v.as_str())
                        .collect::<Vec<_>>()
                        .join(",")
                })
            )
        },
        if shard.count > 1 {
            format!(" --shard {}/{}", shard.index, shard.count)
        } else {
            String::new()
        },
        if a.tasks.is_empty() {
            String::new()
        } else {
            format!(" --tasks {}", a.tasks.join(","))
        },
        a.seed,
        loaded
            .iter()
            .map(|l| format!("{} (CRC {})", l.file, l.crc32()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    report(&out, &rows, &preamble, &[out.join("models")])
}

fn report(out: &Path, rows: &[Row], preamble: &str, models: &[PathBuf]) -> Result<()> {
    let seconds: f64 = rows.iter().filter_map(|r| r.seconds).sum();
    let preamble = format!("{preamble} Time of all methods, summed: {seconds:.0} s.");
    let text = crate::report::bench::markdown(rows, &preamble);
    let md = out.join("report.md");
    write_atomic(&md, text.as_bytes())?;
    let mut files = vec![out.join("results.csv"), md];
    files.extend(crate::report::bench::pictures(out, rows, models)?);
    // The method medians, as the report opens with them.
    let summary: String = text
        .lines()
        .skip_while(|l| !l.starts_with("## Methods"))
        .take_while(|l| !l.starts_with("## Per"))
        .collect::<Vec<_>>()
        .join("\n");
    println!("{summary}");
    for f in files {
        println!("wrote {}", f.display());
    }
    Ok(())
}

fn merge(a: &MergeArgs) -> Result<()> {
    let mut csvs = Vec::new();
    let mut models = Vec::new();
    for p in &a.inputs {
        let (csv, dir) = if p.is_dir() {
            (p.join("results.csv"), p.clone())
        } else {
            (
                p.clone(),
                p.parent().map_or(PathBuf::from("."), Path::to_path_buf),
            )
        };
        if !csv.exists() {
            bail!("{}: no results.csv there", p.display());
        }
        csvs.push(csv);
        models.push(dir.join("models"));
    }
    let rows = bench::merge(&csvs)?;
    let suites: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.suite.as_str()).collect();
    if suites.len() > 1 {
        bail!("the inputs mix suites ({suites:?}); merge one suite at a time");
    }
    std::fs::create_dir_all(&a.out).with_context(|| format!("creating {}", a.out.display()))?;
    // The merged folder's run.json lists each input's settings, so that it never keeps a
    // stale one from an earlier run in the same folder.
    let mut merged = Vec::new();
    for (csv, dir) in csvs.iter().zip(&models) {
        let run = dir.parent().map(|d| d.join("run.json"));
        let settings = match run.as_ref().filter(|r| r.exists()) {
            Some(r) => serde_json::from_str::<serde_json::Value>(
                &std::fs::read_to_string(r).with_context(|| format!("reading {}", r.display()))?,
            )
            .with_context(|| format!("{}: not JSON", r.display()))?,
            None => serde_json::Value::Null,
        };
        merged.push(json!({"results": csv.display().to_string(), "settings": settings}));
    }
    write_atomic(
        &a.out.join("run.json"),
        format!("{:#}\n", json!({ "merged": merged })).as_bytes(),
    )?;
    write_atomic(&a.out.join("results.csv"), bench::to_csv(&rows).as_bytes())?;
    let preamble = format!("Merged from {} result file(s).", csvs.len());
    report(&a.out, &rows, &preamble, &models)
}
