//! `swat train-ae`: trains an autoencoder with a progress bar, a CSV log, PNG curves and
//! checkpoints (every N steps, at the end, and on Ctrl-C); `--resume DIR` continues a run.

use crate::autoencoder::functional::{ErrorScale, MaskMode};
use crate::autoencoder::{Arch, Checkpoint, FastConfig, TrainConfig, TrainError, Trainer};
use crate::mlp::{Activation, DEFAULT_LEAKY_SLOPE};
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use super::train_log::{
    flush_log, log_row, remove_stale_temporaries, save, truncate_log, CHECKPOINT, LOG, LOG_HEADER,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ArchArg {
    /// An encoder that reads the function at the probe points, the fast decoders (DESIGN §1.7).
    Function,
    /// Per-depth MLP encoders of the canvas and heads around a shared trunk.
    Fast,
    /// The 2024 paper's convolutional network, layer for layer.
    Paper,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PresetArg {
    Paper2024,
    Swatnn2025,
    Swat2026,
    /// swat's own bundles: swat2026's teachers with sigmoid neurons on a canvas of --inputs
    /// inputs (7 rows and the paper's grid up to 3 inputs, 8 rows and 1024 points above).
    Swat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MasksArg {
    /// Binarised masks with no gradient (the paper).
    Hard,
    /// Binarised forward, sigmoid gradient backward.
    StraightThrough,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LossArg {
    /// Mean squared error (the paper).
    Mse,
    /// MSE over the teacher's mean square output.
    Relative,
    /// MSE over the variance of the teacher's outputs (its shape, not its offset).
    Variance,
}

#[derive(Args, Debug)]
pub struct TrainAeArgs {
    /// Directory for the checkpoint, log and plots of a new run (created if needed).
    #[arg(long, required_unless_present = "resume", conflicts_with = "resume")]
    out: Option<PathBuf>,
    /// Continue the run in this directory from its checkpoint (its settings are kept).
    #[arg(long, value_name = "DIR")]
    resume: Option<PathBuf>,
    /// Stop when this many steps are done in total.
    /// [default: 20000 for a new run; a resumed run needs --steps or --minutes]
    #[arg(long)]
    steps: Option<u64>,
    /// With --resume: write the run's checkpoint without its optimiser state to this file (what
    /// `swat fit --autoencoder` needs, and what swat bundles) instead of training.
    #[arg(long, requires = "resume")]
    export_weights: Option<PathBuf>,
    /// Also stop (with a checkpoint) after this many minutes of this invocation.
    #[arg(long)]
    minutes: Option<f64>,
    /// Write a checkpoint every this many steps.
    #[arg(long, default_value_t = 500)]
    checkpoint_every: u64,
    /// Score the held-out teachers every this many steps.
    #[arg(long, default_value_t = 1000)]
    valid_every: u64,
    /// Write a log row every this many steps.
    #[arg(long, default_value_t = 100)]
    log_every: u64,
    #[arg(
        long,
        value_enum,
        default_value = "function",
        conflicts_with = "resume"
    )]
    arch: ArchArg,
    /// Share of every batch that is generic random functions (random Fourier features,
    /// quadratic forms, products, bumps, kinks, ridges) instead of teacher networks; needs
    /// --arch function [default: 0.5 with function, 0 otherwise].
    #[arg(long, conflicts_with = "resume")]
    generic_share: Option<f64>,
    /// With --preset swat: the canvas's input count (1 to 7).
    #[arg(long, default_value_t = 3, conflicts_with = "resume")]
    inputs: usize,
    /// Teacher distribution: the paper's (3 inputs, no biases, one activation), SWAT-NN's
    /// (2 inputs, biases, a sigmoid / tanh / leaky-ReLU choice per neuron), or swat2026 (the
    /// bundled 7-input autoencoder's: sparse teachers with biases on 8-row canvases reading 1
    /// to 7 inputs, a path per read input, 4 depth/sparsity draws per batch).
    #[arg(
        long,
        value_enum,
        default_value = "paper2024",
        conflicts_with = "resume"
    )]
    preset: PresetArg,
    /// Hidden activation of the teachers and decoded networks; several, comma-separated, give
    /// every neuron a choice among them (not with paper2024, whose canvas has no choice
    /// columns) [default: sigmoid; with swatnn2025 and swat2026 a sigmoid / tanh / leaky-ReLU
    /// choice].
    #[arg(long, value_parser = super::parse_activation, value_delimiter = ',', conflicts_with = "resume")]
    activation: Vec<Activation>,
    #[arg(long, default_value_t = DEFAULT_LEAKY_SLOPE, conflicts_with = "resume")]
    leaky_slope: f64,
    /// Networks per step [default: 32 for paper2024 (a multiple of 4), 64 for the others].
    #[arg(long, conflicts_with = "resume")]
    batch: Option<usize>,
    /// Adam learning rate [default: 1e-4 for --arch paper (the paper's), 3e-4 for fast].
    #[arg(long, conflicts_with = "resume")]
    lr: Option<f64>,
    /// Steps per epoch (the paper: 150001).
    #[arg(long, default_value_t = 150_001, conflicts_with = "resume")]
    epoch_steps: u64,
    /// Halve the learning rate every this many epochs (the paper: 2).
    #[arg(long, default_value_t = 2, conflicts_with = "resume")]
    halve_every_epochs: u64,
    /// Per-parameter gradient-norm clipping; 0 turns it off [default: 0 for paper, 1 for fast].
    #[arg(long, conflicts_with = "resume")]
    grad_clip: Option<f64>,
    /// How decoded neuron masks are trained [default: hard for paper, straight-through for fast].
    #[arg(long, value_enum, conflicts_with = "resume")]
    masks: Option<MasksArg>,
    /// Error of one decoded network [default: mse for paper, relative for fast].
    #[arg(long, value_enum, conflicts_with = "resume")]
    loss: Option<LossArg>,
    /// Width of the fast architecture's per-depth layers.
    #[arg(long, default_value_t = 512, conflicts_with = "resume")]
    hidden: usize,
    /// Width of the fast architecture's shared trunk.
    #[arg(long, default_value_t = 256, conflicts_with = "resume")]
    trunk: usize,
    /// Size of the latent z.
    #[arg(long, default_value_t = 128, conflicts_with = "resume")]
    latent: usize,
    /// Probe grid points per input axis [default: 10 for paper2024 (1000 points), 32 for
    /// swatnn2025 (1024 points); swat2026 probes 1024 uniform points instead of a grid].
    #[arg(long, conflicts_with = "resume")]
    probe_per_axis: Option<usize>,
    /// Held-out teachers scored at each validation (a multiple of --batch).
    #[arg(long, default_value_t = 256, conflicts_with = "resume")]
    valid_teachers: usize,
    #[arg(long, default_value_t = 2024, conflicts_with = "resume")]
    valid_seed: u64,
    /// Seed of the teacher stream and of the initial weights.
    #[arg(long, default_value_t = 0, conflicts_with = "resume")]
    seed: u64,
    /// Teacher weights are uniform in [−this, this] [default: the preset's: 10 for paper2024,
    /// 5 for the others].
    #[arg(long, conflicts_with = "resume")]
    weight_scale: Option<f64>,
    /// Teacher biases are uniform in [−this, this] (swatnn2025 and swat2026) [default: 1].
    #[arg(long, conflicts_with = "resume")]
    bias_scale: Option<f64>,
    /// Teacher sparsities to draw from, comma-separated [default: the preset's: 0.5,0.7,0.8,0.9
    /// for paper2024 and swat2026, 0,0.2,0.4 for swatnn2025].
    #[arg(long, value_delimiter = ',', conflicts_with = "resume")]
    sparsities: Option<Vec<f64>>,
    /// swatnn2025 and swat2026: probability that a hidden slot holds a neuron [default: 0.5
    /// for swatnn2025, 0.7 for swat2026].
    #[arg(long, conflicts_with = "resume")]
    neuron_keep: Option<f64>,
}

fn config_from(a: &TrainAeArgs) -> Result<TrainConfig> {
    for (flag, v) in [
        ("hidden", a.hidden),
        ("trunk", a.trunk),
        ("latent", a.latent),
    ] {
        if v == 0 {
            bail!("--{flag}: must be at least 1");
        }
    }
    let arch = match a.arch {
        ArchArg::Function => Arch::Function,
        ArchArg::Fast => Arch::Fast,
        ArchArg::Paper => Arch::Paper,
    };
    if a.preset == PresetArg::Swat && !(1..=7).contains(&a.inputs) {
        bail!("--inputs: {} is outside 1 to 7", a.inputs);
    }
    let mut list = a.activation.clone();
    list.dedup();
    if list.len() > 1 && a.preset == PresetArg::Paper2024 {
        bail!(
            "--activation: the paper2024 canvas takes one activation, not a choice among {}",
            list.len()
        );
    }
    let mut c = match a.preset {
        PresetArg::Swat => TrainConfig::swat(arch, a.inputs),
        PresetArg::Paper2024 => {
            TrainConfig::new(arch, list.first().copied().unwrap_or(Activation::Sigmoid))
        }
        PresetArg::Swatnn2025 => TrainConfig::swatnn2025(arch),
        PresetArg::Swat2026 => TrainConfig::swat2026(arch),
    };
    if let Some(&first) = list.first() {
        c.geometry.activation = first;
        c.geometry.choices = if list.len() > 1 {
            crate::mlp::ActivationSet::of(&list)
        } else {
            crate::mlp::ActivationSet::NONE
        };
    }
    c.geometry.leaky_slope = a.leaky_slope;
    if let Some(w) = a.weight_scale {
        if !(w.is_finite() && w > 0.0) {
            bail!("--weight-scale: {w} must be a number > 0");
        }
        c.teachers.weight_scale = w;
    }
    if let Some(b) = a.bias_scale {
        if !(b.is_finite() && b >= 0.0) {
            bail!("--bias-scale: {b} must be a number ≥ 0");
        }
        if a.preset == PresetArg::Paper2024 {
            bail!("--bias-scale: the paper2024 teachers have no biases");
        }
        c.teachers.bias_scale = b;
    }
    if let Some(list) = &a.sparsities {
        if let Some(bad) = list.iter().find(|v| !(0.0..1.0).contains(*v)) {
            bail!("--sparsities: {bad} is outside [0, 1)");
        }
        c.teachers.sparsities = list.clone();
    }
    if let Some(k) = a.neuron_keep {
        if a.preset == PresetArg::Paper2024 {
            bail!("--neuron-keep: the paper2024 teachers fill every slot of their widths");
        }
        c.teachers.neuron_keep = k;
    }
    c.fast = FastConfig {
        hidden: a.hidden,
        trunk: a.trunk,
        latent: a.latent,
    };
    // The paper architecture defaults to the paper's training; fast to what trains it best.
    let paper = arch == Arch::Paper;
    let masks = a.masks.unwrap_or(if paper {
        MasksArg::Hard
    } else {
        MasksArg::StraightThrough
    });
    c.loss.masks = match masks {
        MasksArg::Hard => MaskMode::Hard,
        MasksArg::StraightThrough => MaskMode::StraightThrough,
    };
    let loss = a.loss.unwrap_or(if paper {
        LossArg::Mse
    } else {
        LossArg::Relative
    });
    c.loss.scale = match loss {
        LossArg::Mse => ErrorScale::Mse,
        LossArg::Relative => ErrorScale::Relative,
        LossArg::Variance => ErrorScale::Variance,
    };
    c.batch = a.batch.unwrap_or(c.batch);
    c.lr = a.lr.unwrap_or(match arch {
        Arch::Paper => 1e-4,
        Arch::Fast | Arch::Function => 3e-4,
    });
    c.epoch_steps = a.epoch_steps;
    c.halve_every_epochs = a.halve_every_epochs;
    c.generic_share = a.generic_share.unwrap_or(if arch == Arch::Function {
        crate::autoencoder::config::GENERIC_SHARE
    } else {
        0.0
    });
    let clip = a.grad_clip.unwrap_or(if paper { 0.0 } else { 1.0 });
    c.grad_clip = (clip != 0.0).then_some(clip);
    c.probe_per_axis = a.probe_per_axis.unwrap_or(c.probe_per_axis);
    c.valid_teachers = a.valid_teachers;
    c.valid_seed = a.valid_seed;
    c.seed = a.seed;
    c.validate()?;
    Ok(c)
}

pub fn run(a: &TrainAeArgs) -> Result<()> {
    for (flag, v) in [
        ("checkpoint-every", a.checkpoint_every),
        ("valid-every", a.valid_every),
        ("log-every", a.log_every),
    ] {
        if v == 0 {
            bail!("--{flag}: must be at least 1");
        }
    }
    if a.export_weights.is_some() && a.resume.is_none() {
        bail!("--export-weights: needs --resume DIR (the run whose weights to write), not --out");
    }
    let (dir, mut trainer) = match (&a.resume, &a.out) {
        (Some(dir), _) => {
            if let Some(out) = &a.export_weights {
                let (ckpt, log) = (dir.join(CHECKPOINT), dir.join(LOG));
                super::paths::distinct(
                    &[("--resume", &ckpt), ("--resume", &log)],
                    &[("--export-weights", out)],
                )?;
                super::paths::writable_file("--export-weights", out)?;
            }
            remove_stale_temporaries(dir);
            let ckpt = Checkpoint::load(&dir.join(CHECKPOINT))?;
            if let Some(out) = &a.export_weights {
                ckpt.weights_only().save(out)?;
                println!(
                    "wrote {} (weights only, step {})",
                    out.display(),
                    ckpt.meta.step
                );
                return Ok(());
            }
            if !ckpt.resumable() {
                bail!(
                    "--resume: {} holds weights only (no optimiser state), so its training \
                     cannot continue exactly",
                    dir.join(CHECKPOINT).display()
                );
            }
            let t =
                Trainer::resume(&ckpt).with_context(|| format!("resuming {}", dir.display()))?;
            truncate_log(&dir.join(LOG), t.steps_done())?;
            (dir.clone(), t)
        }
        (None, Some(dir)) => {
            super::paths::writable_dir("--out", dir)?;
            let config = config_from(a)?;
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            if dir.join(CHECKPOINT).exists() {
                bail!(
                    "--out: {} already holds a run; continue it with --resume {0} or choose another directory",
                    dir.display()
                );
            }
            let t = Trainer::new(config)?;
            crate::io::write_atomic(&dir.join(LOG), LOG_HEADER.as_bytes())?;
            (dir.clone(), t)
        }
        (None, None) => bail!("--out or --resume is required"),
    };
    let interrupted = Arc::new(AtomicBool::new(false));
    {
        let flag = interrupted.clone();
        // Ctrl-C, SIGTERM and SIGHUP stop the run at the next step with a checkpoint; a second
        // one while the checkpoint is written is ignored (the write is atomic anyway).
        let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    }
    let c = trainer.config().clone();
    eprintln!(
        "training the {} autoencoder ({} parameters) on {} teachers ({}), batch {}, lr {}, from step {}",
        c.arch.name(),
        trainer.model().num_params(),
        c.teachers.preset,
        c.geometry.spec(1).allowed().iter().map(|a| a.name()).collect::<Vec<_>>().join("/"),
        c.batch,
        c.lr,
        trainer.steps_done()
    );
    let target = match (a.steps, &a.resume, a.minutes) {
        (Some(n), _, _) => n,
        (None, None, _) => 20_000,
        (None, Some(_), Some(_)) => u64::MAX,
        (None, Some(_), None) => bail!(
            "--steps: the run is at step {}; say how far to go (--steps N, a total) or for how \
             long (--minutes M)",
            trainer.steps_done()
        ),
    };
    let bar = ProgressBar::new(if target == u64::MAX { 0 } else { target });
    bar.set_style(
        ProgressStyle::with_template(
            "{elapsed_precise} [{bar:30}] {pos}/{len} steps, ETA {eta} | {msg}",
        )
        .expect("valid template")
        .progress_chars("=> "),
    );
    bar.set_position(trainer.steps_done());
    let started = Instant::now();
    let mut window: Vec<f32> = Vec::new();
    let mut rows = String::new();
    let mut valid_msg = String::new();
    let outcome = loop {
        if trainer.steps_done() >= target {
            break Outcome::Done;
        }
        if interrupted.load(Ordering::SeqCst) {
            break Outcome::Interrupted;
        }
        if a.minutes
            .is_some_and(|m| started.elapsed().as_secs_f64() >= m * 60.0)
        {
            break Outcome::TimeUp;
        }
        let loss = match trainer.step() {
            Ok(l) => l,
            Err(e @ TrainError::NonFinite { .. }) => break Outcome::Failed(e),
            Err(e) => return Err(e.into()),
        };
        window.push(loss);
        let step = trainer.steps_done();
        let valid = (step % a.valid_every == 0).then(|| trainer.validate());
        let generic = valid.as_ref().and_then(|_| trainer.validate_generic());
        if let Some(v) = &valid {
            valid_msg = format!(
                " | valid rel MSE {:.3}, R² {:.3}",
                v.median_relative_mse, v.median_r2_non_flat
            );
            if let Some(gv) = &generic {
                valid_msg.push_str(&format!(", generic R² {:.3}", gv.median_r2_non_flat));
            }
        }
        if step % a.log_every == 0 || valid.is_some() {
            let mean = window.iter().sum::<f32>() / window.len() as f32;
            window.clear();
            log_row(
                &mut rows,
                step,
                trainer.wall_seconds(),
                c.lr_at(step - 1),
                mean,
                valid.as_ref(),
                generic.as_ref(),
            );
            bar.set_message(format!("loss {mean:.4}{valid_msg}"));
        }
        bar.set_position(step);
        if step % a.checkpoint_every == 0 || valid.is_some() {
            save(&trainer, &dir, &mut rows)?;
        }
    };
    bar.finish_and_clear();
    match outcome {
        Outcome::Failed(e) => {
            flush_log(&dir, &mut rows)?;
            bail!(
                "{e}. Training stopped; the last good checkpoint in {} is kept",
                dir.display()
            );
        }
        _ => save(&trainer, &dir, &mut rows)?,
    }
    let v = trainer.last_valid().cloned();
    println!(
        "{} at step {} ({:.0} s of training); checkpoint {}",
        match outcome {
            Outcome::Done => "finished",
            Outcome::Interrupted => "interrupted",
            _ => "time limit reached",
        },
        trainer.steps_done(),
        trainer.wall_seconds(),
        dir.join(CHECKPOINT).display()
    );
    if let Some(v) = v {
        println!(
            "held-out ({} teachers): median relative MSE {:.4}, MPE {:.4}, median R² (non-flat, {}) {:.3}, share R² ≥ 0.9 {:.3}",
            v.teachers, v.median_relative_mse, v.mpe, v.non_flat, v.median_r2_non_flat, v.share_r2_ge_0_9
        );
    }
    if outcome == Outcome::Interrupted {
        eprintln!("resume with: swat train-ae --resume {}", dir.display());
        std::process::exit(130);
    }
    Ok(())
}

#[derive(Debug)]
enum Outcome {
    Done,
    Interrupted,
    TimeUp,
    Failed(TrainError),
}

impl PartialEq for Outcome {
    fn eq(&self, other: &Self) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}
