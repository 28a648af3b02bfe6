//! The 2024 paper's method at one depth: the latent search for a fixed number of iterations
//! and the paper's read-out (of the iterate of lowest loss, or of the last), nothing after it.
//! In: a frozen autoencoder and scaled data; out: the depth's `DepthResult`.

use super::config::{FitConfig, PaperReadOut};
use super::control::Progress;
use super::error::FitError;
use super::prepare::{eval, network, result, FitData, Scaled};
use super::result::DepthResult;
use super::start::Origin;
use crate::autoencoder::{Autoencoder, Geometry};
use crate::metrics::Scores;
use crate::mlp::Mlp;

/// The paper's method at one depth: every restart runs all iterations and is read out at its
/// iterate of lowest loss (or the last, `PaperReadOut`); with several restarts the one that
/// validates best is kept.
pub(crate) fn paper_depth(
    ae: &Autoencoder,
    geometry: Geometry,
    depth: usize,
    data: &FitData,
    scaled: &Scaled,
    config: &FitConfig,
    progress: &Progress,
) -> Result<DepthResult, FitError> {
    let started = std::time::Instant::now();
    let d = data.train.inputs.len();
    let mut start = config.search.clone();
    // The paper starts at z ~ U[0, 1); with `--latent-init encode` an encoder of functions
    // starts it at the data's own codes instead.
    if scaled.codes.is_some() {
        start.init.clone_from(&scaled.codes);
    }
    let mut search = super::LatentSearch::new(ae, geometry, depth, &scaled.x, &scaled.y, start);
    if config.paper_read_out == PaperReadOut::LowestLoss {
        search.keep_lowest_loss();
    }
    let mut history = Vec::new();
    for it in 0..config.iterations {
        if config.stop.requested() {
            break;
        }
        let report = search.step();
        // The best restart's loss and data error, about 200 points per curve.
        if it % (config.iterations / 200).max(1) == 0 || it + 1 == config.iterations {
            let best = (0..report.loss.len())
                .min_by(|&a, &b| report.loss[a].total_cmp(&report.loss[b]))
                .unwrap_or(0);
            history.push((it + 1, report.loss[best], report.mse[best]));
        }
        progress(depth, "latent search", 1);
    }
    let mut best: Option<(Mlp, Scores, usize)> = None;
    let canvases = match config.paper_read_out {
        PaperReadOut::LowestLoss => search.lowest_loss_canvases(),
        PaperReadOut::Last => search.read_out_canvases(),
    };
    for (k, c) in canvases.iter().enumerate() {
        let net = network(&geometry, depth, d, c)?;
        let v = eval(&net, data.scaling, data.valid);
        if best.as_ref().is_none_or(|b| v.mse < b.1.mse) {
            best = Some((net, v, k));
        }
    }
    let (net, _, k) = best.expect("at least one restart");
    Ok(result(
        depth,
        net,
        Origin::Decoded(k),
        data,
        started,
        (config.iterations, history),
        Vec::new(),
    ))
}
