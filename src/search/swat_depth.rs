//! swat's default method at one depth: decoded starts from the latent search beside random
//! dense starts, every start screened by a short fine-tune, the best of each kind (decoded;
//! random, per activation) fully tuned and sparsified, the smallest of the equally good kept.
//! In: a frozen autoencoder and scaled data; out: the depth's `DepthResult` with each stage's
//! scores.

use super::config::FitConfig;
use super::control::Progress;
use super::error::FitError;
use super::prepare::{eval, network, result, FitData, Scaled};
use super::refine::{live, Tuning};
use super::result::{DepthResult, Finalist, Stage, StageScore};
use super::select::{pick_finalist, variance};
use super::sparsify::sparsify;
use super::start::{decoded_starts, random_starts, EarlyStop, Init, Start};
use crate::autoencoder::{Autoencoder, Geometry};
use rayon::prelude::*;

/// swat's method at one depth (see `Method::Swat`).
pub(crate) fn swat_depth(
    ae: Option<&Autoencoder>,
    geometry: Geometry,
    depth: usize,
    data: &FitData,
    scaled: &Scaled,
    config: &FitConfig,
    progress: &Progress,
) -> Result<DepthResult, FitError> {
    let started = std::time::Instant::now();
    let d = data.train.inputs.len();
    let mut starts: Vec<Start> = Vec::new();
    let (mut iterations, mut history) = (0, Vec::new());
    if let (Some(ae), true) = (ae, config.search.restarts > 0) {
        let found = decoded_starts(
            ae,
            geometry,
            depth,
            &scaled.x,
            &scaled.y,
            &scaled.valid,
            &config.search,
            match (&scaled.codes, &config.prior) {
                (Some(codes), _) => Init::Encode(codes),
                (_, Some(prior)) => Init::Prior(prior),
                _ => Init::Uniform,
            },
            &EarlyStop {
                iterations: config.iterations,
                check_every: config.check_every,
                patience: config.patience,
                stop: config.stop.clone(),
            },
            |n| progress(depth, "latent search", n),
        );
        starts.extend(found.starts);
        (iterations, history) = (found.iterations, found.history);
    }
    progress(depth, "fine-tuning", config.iterations - iterations);
    starts.extend(random_starts(
        &geometry,
        depth,
        d,
        config.random_starts,
        &config.random_activations,
        config.search.seed.wrapping_add(depth as u64),
    ));
    let weights = geometry.spec(depth).weight_entries();
    let stage = |s: &Start, stage, canvas: &[f32]| -> Result<StageScore, FitError> {
        let (origin, net) = (s.origin, network(&s.geometry, depth, d, canvas)?);
        Ok(StageScore {
            origin,
            stage,
            stats: net.stats(),
            valid: eval(&net, data.scaling, data.valid),
            test: data.test.map(|t| eval(&net, data.scaling, t)),
        })
    };
    // Screen every start with a short fine-tune; the best of each kind goes on to the full one.
    let tuning: Vec<Tuning> = starts
        .iter()
        .map(|s| Tuning {
            geometry: &s.geometry,
            depth,
            train: &scaled.train,
            valid: &scaled.valid,
            cfg: &config.refine,
            stop: Some(&config.stop),
        })
        .collect();
    let tune = |k: usize, canvas: &[f32], steps: usize| {
        tuning[k].fine_tune(canvas, &live(canvas, &weights), steps, config.refine.lr)
    };
    // Both kinds' work runs side by side (on both cores for small data, where one data chunk
    // leaves the other idle); results are gathered in start order, so runs repeat exactly.
    let screened: Vec<(Vec<f32>, f32)> = starts
        .par_iter()
        .enumerate()
        .map(|(k, s)| tune(k, &s.canvas, config.refine.screen_steps))
        .collect();
    // A short screen cannot judge between function families: on Himmelblau a leaky-ReLU start
    // screened better than the sigmoid one and ended far worse. So each activation of the random
    // starts is a kind of its own, beside the decoded starts.
    let mut best: Vec<usize> = Vec::new();
    for (k, s) in starts.iter().enumerate() {
        let kind = s.origin.kind();
        match best.iter_mut().find(|b| starts[**b].origin.kind() == kind) {
            Some(b) if screened[k].1 >= screened[*b].1 => {}
            Some(b) => *b = k,
            None => best.push(k),
        }
    }
    progress(depth, "fine-tuning and pruning", 0);
    let finished: Vec<(Vec<f32>, Vec<f32>)> = best
        .par_iter()
        .map(|&k| {
            let (tuned, e) = tune(k, &screened[k].0, config.refine.steps);
            let (pruned, _) = sparsify(&tuning[k], &tuned, e, &weights);
            (tuned, pruned)
        })
        .collect();
    let mut stages = Vec::new();
    let mut finalists: Vec<Finalist> = Vec::new();
    for (&k, (tuned, pruned)) in best.iter().zip(&finished) {
        let s = &starts[k];
        if let Some(e) = &s.encoded {
            stages.push(stage(s, Stage::Encoded, e)?);
        }
        stages.push(stage(s, Stage::Start, &s.canvas)?);
        stages.push(stage(s, Stage::FineTune, tuned)?);
        let score = stage(s, Stage::Sparsify, pruned)?;
        finalists.push(Finalist {
            origin: s.origin,
            network: network(&s.geometry, depth, d, pruned)?,
            valid: score.valid,
        });
        stages.push(score);
    }
    let k = pick_finalist(&finalists, variance(&data.valid.y), config.refine.r2_slack);
    let (origin, net) = (finalists[k].origin, finalists[k].network.clone());
    let mut r = result(
        depth,
        net,
        origin,
        data,
        started,
        (iterations, history),
        stages,
    );
    r.finalists = finalists;
    Ok(r)
}
