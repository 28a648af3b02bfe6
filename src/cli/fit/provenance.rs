//! What `swat fit` records of how a model was made: the provenance stored in model.json and
//! the settings line of the report. In: the command's arguments and the fit; out: JSON, text.

use super::{init_name, latent_init, random_names, FitArgs, Method};
use crate::cli::autoencoder::Loaded;
use crate::search::{Candidate, DepthResult, FitConfig, Tried};

/// model.json's `provenance`: the settings, the autoencoder, the choice and its scores.
pub(super) fn record(
    a: &FitArgs,
    config: &FitConfig,
    tried: &[Tried],
    candidates: &[Candidate],
    ae: Option<&Loaded>,
    chosen: &DepthResult,
    folds: usize,
) -> serde_json::Map<String, serde_json::Value> {
    let swat = a.method == Method::Swat;
    let value = serde_json::json!({
        "swat_version": env!("CARGO_PKG_VERSION"),
        "method": a.method.name(),
        "tolerance": swat.then_some(a.tolerance),
        "r2_slack": a.r2_slack,
        "seed": a.seed,
        "iterations": config.iterations,
        "restarts": config.search.restarts,
        "random_starts": swat.then_some(config.random_starts),
        "random_activations": swat.then(|| random_names(config)),
        "latent_init": ae.map_or("none", |ae| init_name(latent_init(a), ae.trainer.model().reads_functions(), swat)),
        "chosen_start": chosen.origin.to_string(),
        "sparsity": a.sparsity,
        "depths": config.depths,
        "chosen_depth": chosen.depth,
        "autoencoders_tried": tried.iter().map(|t| t.name(candidates)).collect::<Vec<_>>(),
        "autoencoder": ae.map(|ae| serde_json::json!({
            "file": ae.file,
            "crc32": ae.crc32(),
            "step": ae.checkpoint.meta.step,
            "arch": ae.checkpoint.meta.config.arch.name(),
        })),
        "ignored_columns": a.ignore,
        "drop_missing": a.drop_missing,
        "train_file": a.train.file_name().map(|f| f.to_string_lossy().into_owned()),
        // 1: one validation split; more: the validation scores are cross-validated.
        "folds": folds,
        "valid_scores": chosen.valid,
        "test_scores": chosen.test,
    });
    match value {
        serde_json::Value::Object(map) => map,
        _ => unreachable!("json! of an object literal is an object"),
    }
}

/// The report's one-line account of the settings.
pub(super) fn settings(
    a: &FitArgs,
    config: &FitConfig,
    target: &str,
    ae: Option<&Loaded>,
    folds: usize,
) -> String {
    let swat = a.method == Method::Swat;
    let starts = if swat {
        format!(
            " (latent search from {}), {} random start(s) ({}), pruning tolerance {}",
            match ae
                .map(|ae| { init_name(latent_init(a), ae.trainer.model().reads_functions(), swat) })
            {
                Some("encode") => "the code of the data's own function",
                Some("prior") => "the best-fitting codes of the autoencoder's teachers",
                Some(_) => "z ~ U[0, 1)",
                None => "nowhere: no autoencoder takes this many inputs",
            },
            config.random_starts,
            random_names(config).join(", "),
            a.tolerance
        )
    } else {
        String::new()
    };
    let chosen_by = if folds > 1 {
        format!("chosen by {folds}-fold cross-validation")
    } else {
        "chosen on one validation split".to_string()
    };
    format!(
        "`{}` → `{target}`; method {}, {} {} iterations per depth, {} decoded start(s){starts}, \
         sparsity weight ×{}, seed {}; {chosen_by}; {}.",
        a.train.display(),
        a.method.name(),
        if swat { "at most" } else { "" },
        config.iterations,
        config.search.restarts,
        a.sparsity,
        a.seed,
        ae.map_or_else(
            || "no autoencoder (random starts only)".to_string(),
            |ae| format!(
                "autoencoder `{}` (step {})",
                ae.name, ae.checkpoint.meta.step
            )
        ),
    )
}
