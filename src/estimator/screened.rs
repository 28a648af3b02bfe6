//! Data wider than every canvas, fitted on its screened inputs: the inputs ranked by a dense
//! network (`search::screen`), the most important fitted as usual, the answer spread back over
//! every column. In: the settings, autoencoders and tables; out: a `Fitted` on all the inputs.

use super::{rows, Fitted, Progress, Swat, SwatError, Tables};
use crate::autoencoder::load::{self, Loaded};
use crate::data::{Dataset, Scaling};
use crate::search::screen::screen;
use crate::search::select::{pick, variance, within_rows};
use crate::search::FitData;

/// What the screen kept, as the fit's evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Screened {
    /// Every input's importance: the validation R² the screening network lost when the input
    /// was shuffled (in the data's column order).
    pub importance: Vec<f64>,
    /// The inputs the fit took, in column order.
    pub kept: Vec<usize>,
    /// Validation R² of the screening network on every input.
    pub valid_r2: f64,
}

/// Screens the inputs on a validation split (the given table, or `valid_fraction` of the
/// training rows), fits the kept ones with `swat`, and spreads the answer over every column.
pub(super) fn fit(
    swat: &Swat,
    loaded: &[Loaded],
    tables: &Tables,
    progress: &dyn Progress,
) -> Result<Fitted, SwatError> {
    let p = &swat.params;
    // The screen validates on one split even where the fit then cross-validates.
    let (train, valid) = rows::split(
        tables.train,
        tables.valid.map(|v| v.0),
        1,
        p.valid_fraction,
        p.seed,
    );
    rows::enough(tables, &train, &valid, 1, p.valid_fraction)?;
    let scaling = Scaling::fit(&train);
    let data = FitData {
        scaling: &scaling,
        train: &train,
        valid: &valid,
        test: None,
    };
    let found = screen(&data, load::max_inputs(loaded), &swat.config)?;
    let keep = &found.kept;
    let narrow = |t: &Dataset| t.with_inputs(keep);
    let (train, valid, test) = (
        narrow(tables.train),
        tables.valid.map(|(v, name)| (narrow(v), name)),
        tables.test.map(|(t, name)| (narrow(t), name)),
    );
    let mut fitted = swat.fit_with(
        loaded,
        &Tables {
            train: &train,
            valid: valid.as_ref().map(|(v, name)| (v, *name)),
            test: test.as_ref().map(|(t, name)| (t, *name)),
            ..*tables
        },
        progress,
    )?;
    spread(&mut fitted, tables.train, keep);
    if swat.config.depths.contains(&0) {
        fitted = with_linear_on_every_input(swat, loaded, tables, fitted)?;
    }
    let names = &tables.train.inputs;
    let answer_screened = fitted.attempts[fitted.best].autoencoder != LINEAR_ON_EVERY_INPUT;
    fitted.model.provenance.insert(
        "screened_inputs".into(),
        serde_json::json!({
            "inputs": names.len(),
            "kept": keep.iter().map(|&c| &names[c]).collect::<Vec<_>>(),
            "importance": names.iter().zip(&found.importance)
                .map(|(n, v)| (n.clone(), serde_json::json!(v)))
                .collect::<serde_json::Map<_, _>>(),
            "screen_valid_r2": found.valid_r2,
            // false: the linear model on every input was kept instead.
            "answer_screened": answer_screened,
        }),
    );
    fitted.screened = Some(Screened {
        importance: found.importance,
        kept: found.kept,
        valid_r2: found.valid_r2,
    });
    Ok(fitted)
}

/// How reports name the linear model fitted on every input beside a screened fit.
pub const LINEAR_ON_EVERY_INPUT: &str = "none (the linear model on every input)";

/// The linear model needs no canvas, so it competes on every input, not only the screened
/// ones (on diabetes, the linear model on all 10 inputs beat every network on 7): it is fitted
/// with the same validation rows or folds, and kept when `pick` prefers it to the screened
/// fit's answer.
fn with_linear_on_every_input(
    swat: &Swat,
    loaded: &[Loaded],
    tables: &Tables,
    screened: Fitted,
) -> Result<Fitted, SwatError> {
    let mut linear = swat.clone();
    linear.params.depths = Some(vec![0]);
    linear.config.depths = vec![0];
    let mut wide = linear.fit_with(loaded, tables, &super::Silent)?;
    let p = &swat.params;
    let (_, valid) = rows::split(
        tables.train,
        tables.valid.map(|v| v.0),
        screened.folds,
        p.valid_fraction,
        p.seed,
    );
    let (a, b) = (screened.chosen(), wide.chosen());
    let k = pick(
        &within_rows(
            &[
                (a.valid.mse, a.stats.nonzero_params),
                (b.valid.mse, b.stats.nonzero_params),
            ],
            tables.train.rows(),
        ),
        variance(&valid.y),
        p.r2_slack,
    );
    let mut attempts = screened.attempts;
    let mut extra = std::mem::take(&mut wide.attempts);
    for t in &mut extra {
        t.autoencoder = LINEAR_ON_EVERY_INPUT.to_string();
    }
    let first_extra = attempts.len();
    attempts.extend(extra);
    if k == 0 {
        return Ok(Fitted {
            attempts,
            ..screened
        });
    }
    wide.best += first_extra;
    wide.attempts = attempts;
    let chosen = wide.chosen().clone();
    wide.model.provenance =
        super::provenance::record(swat, &wide.attempts, None, &chosen, wide.folds);
    wide.settings = swat.clone();
    Ok(wide)
}

/// The fit on `keep`'s columns as one of `all`'s: every network reads every input (the
/// dropped ones with zero weights), the scaling covers every column.
fn spread(fitted: &mut Fitted, all: &Dataset, keep: &[usize]) {
    let d = all.inputs.len();
    let mut scaling = Scaling::fit(all);
    // The kept columns keep the scaling the networks were fitted with; the others are unused.
    for (i, &c) in keep.iter().enumerate() {
        scaling.input.min[c] = fitted.scaling.input.min[i];
        scaling.input.max[c] = fitted.scaling.input.max[i];
    }
    scaling.output = fitted.scaling.output;
    for attempt in &mut fitted.attempts {
        for r in &mut attempt.result.depths {
            r.network = r.network.spread_inputs(keep, d);
        }
    }
    let provenance = std::mem::take(&mut fitted.model.provenance);
    fitted.model = scaling.model(fitted.model.network.spread_inputs(keep, d), all);
    fitted.model.provenance = provenance;
    fitted.scaling = scaling;
}
