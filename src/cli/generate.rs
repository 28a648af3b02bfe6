//! `swat generate`: teacher datasets (`paper2024-target`), teacher networks (`paper2024`,
//! `swatnn2025`) and datasets of known two-input functions (`--function`).

use crate::bench::functions;
use crate::mlp::ActivationSet;
use crate::mlp::{Activation, Model, DEFAULT_LEAKY_SLOPE};
use crate::teacher::{
    self, grid, Paper2024, Paper2024Target, Stream, Swatnn2025, TargetDataset, TeacherError,
};
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Preset {
    /// One teacher (width --width, depth --depth, sparsity --sparsity) and a dataset drawn from it.
    #[value(name = "paper2024-target")]
    Paper2024Target,
    /// The autoencoder's training distribution: --batches batches of 32 teacher networks.
    #[value(name = "paper2024")]
    Paper2024,
    /// SWAT-NN's distribution (biases, per-neuron activations): --batches batches of 64.
    #[value(name = "swatnn2025")]
    Swatnn2025,
}

#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// Which teacher distribution to draw from.
    #[arg(long, value_enum, default_value = "paper2024-target")]
    preset: Preset,
    /// Hidden activation: sigmoid, tanh, leaky_relu or linear [default: sigmoid; swatnn2025
    /// draws sigmoid, tanh or leaky_relu per neuron unless this fixes one].
    #[arg(long, value_parser = super::parse_activation)]
    activation: Option<Activation>,
    /// Number of hidden layers (paper2024-target).
    #[arg(long, default_value_t = 2)]
    depth: usize,
    /// Share of weight positions left empty, in [0, 1) (paper2024-target).
    #[arg(long, default_value_t = 0.8)]
    sparsity: f64,
    /// Neurons per hidden layer (paper2024-target).
    #[arg(long, default_value_t = 5)]
    width: usize,
    /// Smallest hidden width drawn (paper2024).
    #[arg(long, default_value_t = 3)]
    min_width: usize,
    /// Largest hidden width drawn (paper2024).
    #[arg(long, default_value_t = 6)]
    max_width: usize,
    /// Batches of 32 networks to write (paper2024).
    #[arg(long, default_value_t = 1)]
    batches: usize,
    /// Number of network inputs [default: 3; 2 for swatnn2025].
    #[arg(long)]
    inputs: Option<usize>,
    /// Rows to generate: split 50% train, 30% valid, 20% test for paper2024-target (default
    /// 100000); 75% train, 25% test with --function (default 5000, as CORNN: 3750 / 1250).
    #[arg(long)]
    rows: Option<usize>,
    /// Instead of a teacher, a known two-input function on its standard domain: booth,
    /// matyas, himmelblau, or cornn/NAME for one of CORNN's 54 (e.g. "cornn/Ackley N.2").
    #[arg(long)]
    function: Option<String>,
    /// Slope of leaky-ReLU for negative inputs.
    #[arg(long, default_value_t = DEFAULT_LEAKY_SLOPE)]
    leaky_slope: f64,
    /// Kept weights are uniform in [-scale, scale) [default: 10; 5 for swatnn2025].
    #[arg(long)]
    weight_scale: Option<f64>,
    /// Seed of the generator; the same seed gives the same files on every machine.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Directory to write into (created if needed).
    #[arg(long)]
    out: PathBuf,
    /// Replace files of the same names already in --out (refused otherwise).
    #[arg(long)]
    overwrite: bool,
}

/// Refuses to replace files already in --out unless --overwrite says so; checks the folder can
/// be written. `files` are the names the command will write.
fn fresh(a: &GenerateArgs, files: &[String]) -> Result<()> {
    super::paths::writable_dir("--out", &a.out)?;
    let taken: Vec<&String> = files.iter().filter(|f| a.out.join(f).exists()).collect();
    if let (Some(first), false) = (taken.first(), a.overwrite) {
        anyhow::bail!(
            "--out {}: already holds {first}{}; pass --overwrite to replace, or choose another \
             folder",
            a.out.display(),
            match taken.len() {
                1 => String::new(),
                n => format!(" and {} more of the files this would write", n - 1),
            }
        );
    }
    Ok(())
}

/// Names the command-line flag a generator setting came from.
fn flag(e: TeacherError) -> anyhow::Error {
    anyhow::anyhow!("--{}: {}", e.param, e.message)
}

pub fn run(a: &GenerateArgs) -> Result<()> {
    if a.inputs == Some(0) {
        return Err(flag(TeacherError {
            param: "inputs",
            message: "must be at least 1".into(),
        }));
    }
    if let Some(name) = &a.function {
        return run_function(a, name);
    }
    match a.preset {
        Preset::Paper2024Target => run_target(a),
        Preset::Paper2024 | Preset::Swatnn2025 => run_networks(a),
    }
}

fn run_target(a: &GenerateArgs) -> Result<()> {
    let preset = Paper2024Target {
        inputs: a.inputs.unwrap_or(3),
        width: a.width,
        depth: a.depth,
        sparsity: a.sparsity,
        activation: a.activation.unwrap_or(Activation::Sigmoid),
        leaky_slope: a.leaky_slope,
        weight_scale: a.weight_scale.unwrap_or(10.0),
    };
    let data = TargetDataset::generate(&preset, a.rows.unwrap_or(100_000), a.seed).map_err(flag)?;
    let names = ["train.csv", "valid.csv", "test.csv", "teacher.json"];
    fresh(a, &names.map(String::from))?;
    let files = data
        .write(&a.out)
        .with_context(|| format!("writing the dataset into {}", a.out.display()))?;
    let s = data.teacher.network.stats();
    println!(
        "teacher: {} hidden layer(s) of {} ({}), {} non-zero weights, {} live neurons",
        preset.depth, preset.width, preset.activation, s.nonzero_weights, s.active_neurons
    );
    for f in files {
        println!("wrote {}", f.display());
    }
    Ok(())
}

fn run_function(a: &GenerateArgs, name: &str) -> Result<()> {
    let Some(func) = functions::by_name(name) else {
        anyhow::bail!(
            "--function: unknown function `{name}` (known: {})",
            functions::names()
        );
    };
    let rows = a.rows.unwrap_or(5000);
    let train = rows * 3 / 4;
    if train == 0 || train == rows {
        anyhow::bail!("--rows: {rows} is too few to split 75/25 into train and test files");
    }
    fresh(a, &["train.csv".into(), "test.csv".into()])?;
    let d = func.dataset(rows, a.seed);
    std::fs::create_dir_all(&a.out).with_context(|| format!("creating {}", a.out.display()))?;
    for (file, range) in [("train.csv", 0..train), ("test.csv", train..rows)] {
        let path = a.out.join(file);
        let text = crate::data::csv_text(&d.inputs, &d.target, &d.x, &d.y, range);
        crate::io::write_atomic(&path, text.as_bytes())
            .with_context(|| format!("writing {}", path.display()))?;
        println!("wrote {}", path.display());
    }
    let [(a0, a1), (b0, b1)] = func.domain;
    println!(
        "{}: y = {}, x1 in [{a0}, {a1}), x2 in [{b0}, {b1}), {train} train and {} test rows",
        func.name,
        func.formula,
        rows - train
    );
    Ok(())
}

fn run_networks(a: &GenerateArgs) -> Result<()> {
    let (stream, preset_name, inputs, scale, widths) = match a.preset {
        Preset::Swatnn2025 => {
            let mut p = Swatnn2025::new();
            p.inputs = a.inputs.unwrap_or(p.inputs);
            p.weight_scale = a.weight_scale.unwrap_or(p.weight_scale);
            p.leaky_slope = a.leaky_slope;
            if let Some(act) = a.activation {
                p.activations = ActivationSet::of(&[act]);
            }
            let (scale, width) = (p.weight_scale, p.width);
            (
                Stream::Swatnn2025(p),
                "swatnn2025",
                a.inputs.unwrap_or(2),
                scale,
                [width, width],
            )
        }
        _ => {
            if a.min_width == 0 || a.min_width > a.max_width {
                anyhow::bail!(
                    "--min-width {} and --max-width {}: need 1 ≤ --min-width ≤ --max-width",
                    a.min_width,
                    a.max_width
                );
            }
            let act = a.activation.unwrap_or(Activation::Sigmoid);
            let p = Paper2024 {
                inputs: a.inputs.unwrap_or(3),
                min_width: a.min_width,
                max_width: a.max_width,
                activation: act,
                leaky_slope: a.leaky_slope,
                weight_scale: a.weight_scale.unwrap_or(10.0),
                ..Paper2024::new(act)
            };
            let scale = p.weight_scale;
            (
                Stream::Paper2024(p),
                "paper2024",
                a.inputs.unwrap_or(3),
                scale,
                [a.min_width, a.max_width],
            )
        }
    };
    if a.batches == 0 {
        return Err(flag(TeacherError {
            param: "batches",
            message: "must be at least 1".into(),
        }));
    }
    let per_batch = stream.batch(&mut teacher::rng(a.seed)).map_err(flag)?.len();
    let mut names: Vec<String> = (1..=a.batches * per_batch)
        .map(|n| format!("teacher-{n:05}.json"))
        .collect();
    names.push("teachers.csv".into());
    fresh(a, &names)?;
    std::fs::create_dir_all(&a.out).with_context(|| format!("creating {}", a.out.display()))?;
    let mut rng = teacher::rng(a.seed);
    let probe = grid(inputs, 10);
    let mut index = String::from(
        "file,batch,depth,sparsity,hidden_widths,nonzero_weights,active_neurons,grid_variance_ratio\n",
    );
    let mut n = 0;
    let mut ratios = Vec::new();
    for b in 0..a.batches {
        for t in stream.batch(&mut rng).map_err(flag)? {
            n += 1;
            let name = format!("teacher-{n:05}.json");
            let mut model = Model::identity(t.network.clone());
            model.provenance = serde_json::json!({
                "generator": "swat generate",
                "swat_version": env!("CARGO_PKG_VERSION"),
                "preset": preset_name,
                "seed": a.seed,
                "index": n,
                "sparsity": t.sparsity,
                "activation": a.activation.map_or("per preset", |x| x.name()),
                "leaky_slope": a.leaky_slope,
                "weight_scale": scale,
                "inputs": inputs,
                "widths": widths,
            })
            .as_object()
            .cloned()
            .unwrap_or_default();
            let path = a.out.join(&name);
            model
                .save(&path)
                .with_context(|| format!("writing {}", path.display()))?;
            let y = t
                .network
                .forward(&probe)
                .expect("grid has the teacher's width");
            let s = t.network.stats();
            ratios.push(variance_ratio(&y));
            let widths: Vec<String> = s.hidden_widths.iter().map(usize::to_string).collect();
            let _ = writeln!(
                index,
                "{name},{b},{},{},{},{},{},{}",
                t.depth(),
                t.sparsity,
                widths.join("x"),
                s.nonzero_weights,
                s.active_neurons,
                ratios[ratios.len() - 1]
            );
        }
    }
    let path = a.out.join("teachers.csv");
    crate::io::write_atomic(&path, index.as_bytes())
        .with_context(|| format!("writing {}", path.display()))?;
    println!(
        "wrote {n} teacher networks and their index {}",
        path.display()
    );
    ratios.sort_by(f64::total_cmp);
    let share = |t: f64| ratios.iter().filter(|r| **r < t).count() as f64 / n as f64;
    println!(
        "output variance / mean square on the {}-point grid: median {:.3}; share below 0.01 \
         (nearly constant): {:.3}; below 0.05: {:.3}",
        probe.len() / inputs,
        ratios[n / 2],
        share(0.01),
        share(0.05)
    );
    Ok(())
}

/// Variance over mean square of a teacher's outputs: near 0 for a nearly constant teacher.
fn variance_ratio(y: &[f64]) -> f64 {
    let n = y.len() as f64;
    let mean = y.iter().sum::<f64>() / n;
    let ms = y.iter().map(|v| v * v).sum::<f64>() / n;
    if ms == 0.0 {
        return 0.0;
    }
    (ms - mean * mean).max(0.0) / ms
}
