//! Data wider than every canvas, fitted on its screened inputs: the inputs ranked by a dense
//! network (`search::screen`), the most important fitted as usual, the answer spread back over
//! every column. In: the settings, autoencoders and tables; out: a `Fitted` on all the inputs.

use super::{rows, Fitted, Progress, Swat, SwatError, Tables};
use crate::autoencoder::load::{self, Loaded};
use crate::data::{Dataset, Scaling};
use crate::search::screen::screen;
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
    let (train, valid) = match tables.valid {
        Some((v, _)) => (tables.train.clone(), v.clone()),
        None => tables.train.split(p.valid_fraction, p.seed),
    };
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
    let names = &tables.train.inputs;
    fitted.model.provenance.insert(
        "screened_inputs".into(),
        serde_json::json!({
            "inputs": names.len(),
            "kept": keep.iter().map(|&c| &names[c]).collect::<Vec<_>>(),
            "importance": names.iter().zip(&found.importance)
                .map(|(n, v)| (n.clone(), serde_json::json!(v)))
                .collect::<serde_json::Map<_, _>>(),
            "screen_valid_r2": found.valid_r2,
        }),
    );
    fitted.screened = Some(Screened {
        importance: found.importance,
        kept: found.kept,
        valid_r2: found.valid_r2,
    });
    Ok(fitted)
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
