//! What `swat fit` adds to the fit's own provenance (the files it read) and the report's
//! settings line. In: the command's arguments and the fitted model; out: JSON keys, text.

use super::{FitArgs, Method};
use crate::estimator::Fitted;

/// The command's own keys in model.json's `provenance`: what it read, and how.
pub(super) fn add_files(a: &FitArgs, provenance: &mut serde_json::Map<String, serde_json::Value>) {
    let file = a
        .train
        .file_name()
        .map(|f| f.to_string_lossy().into_owned());
    provenance.insert("ignored_columns".into(), serde_json::json!(a.ignore));
    provenance.insert("drop_missing".into(), serde_json::json!(a.drop_missing));
    provenance.insert("train_file".into(), serde_json::json!(file));
}

/// The report's one-line account of the settings.
pub(super) fn settings(a: &FitArgs, fitted: &Fitted, target: &str) -> String {
    let swat = a.method == Method::Swat;
    let config = fitted.settings.config();
    let ae = fitted.autoencoder.as_ref();
    let starts = if swat {
        format!(
            " (latent search from {}), {} random start(s) ({}), pruning tolerance {}",
            match ae.map(|ae| ae.init) {
                Some("encode") => "the code of the data's own function",
                Some("prior") => "the best-fitting codes of the autoencoder's teachers",
                Some(_) => "z ~ U[0, 1)",
                None => "nowhere: no autoencoder takes this many inputs",
            },
            config.random_starts,
            crate::estimator::random_names(config).join(", "),
            a.tolerance
        )
    } else {
        String::new()
    };
    let chosen_by = if fitted.folds > 1 {
        format!("chosen by {}-fold cross-validation", fitted.folds)
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
            |ae| format!("autoencoder `{}` (step {})", ae.name, ae.step)
        ),
    )
}
