//! What a fit records of how its model was made, stored in model.json's `provenance`: the
//! settings, the autoencoder, the choice and its scores. In: the settings and the fit; out: JSON.

use super::{Attempt, AutoencoderInfo, Swat};
use crate::search::{DepthResult, Method};

/// model.json's `provenance` (a caller may add its own keys: the command line adds the files).
pub(super) fn record(
    swat: &Swat,
    attempts: &[Attempt],
    ae: Option<&AutoencoderInfo>,
    chosen: &DepthResult,
    folds: usize,
) -> serde_json::Map<String, serde_json::Value> {
    let (p, config) = (&swat.params, &swat.config);
    let is_swat = p.method == Method::Swat;
    let value = serde_json::json!({
        "swat_version": env!("CARGO_PKG_VERSION"),
        "method": method_name(p.method),
        "tolerance": is_swat.then_some(p.tolerance),
        "r2_slack": p.r2_slack,
        "seed": p.seed,
        "iterations": config.iterations,
        "restarts": config.search.restarts,
        "random_starts": is_swat.then_some(config.random_starts),
        "random_activations": is_swat.then(|| random_names(config)),
        "latent_init": ae.map_or("none", |ae| ae.init),
        "read_out": (!is_swat).then_some(config.paper_read_out.name()),
        "chosen_start": chosen.origin.to_string(),
        "sparsity": p.sparsity,
        "depths": config.depths,
        "chosen_depth": chosen.depth,
        "autoencoders_tried": attempts.iter().map(|t| t.autoencoder.as_str()).collect::<Vec<_>>(),
        "autoencoder": ae.map(|ae| serde_json::json!({
            "file": ae.file,
            "crc32": ae.crc32,
            "step": ae.step,
            "arch": ae.arch,
        })),
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

/// The method as model.json and the command line name it.
pub fn method_name(m: Method) -> &'static str {
    match m {
        Method::Swat => "swat",
        Method::Paper => "paper",
    }
}

/// The random starts' activations by name.
pub fn random_names(config: &crate::search::FitConfig) -> Vec<&'static str> {
    config.random_activations.iter().map(|x| x.name()).collect()
}
