//! Tables too small to validate a network (too few rows for a validation split): the linear
//! model on every row, its validation scores by leave-one-out. In: the settings and the
//! tables; out: a `Fitted` with the one depth, or `None` when even that does not apply.

use super::{provenance, Attempt, Fitted, Swat, Tables};
use crate::autoencoder::load::{self, Loaded};
use crate::data::Scaling;
use crate::search::config::{MIN_TRAIN_ROWS, MIN_VALID_ROWS};
use crate::search::linear_depth::linear_left_out;
use crate::search::{FitData, FitError, FitResult, Method};

/// How reports name the fit made of a table too small for a network.
pub const TOO_FEW_ROWS: &str = "none (too few rows for a network: the linear model)";

/// Whether a table that the split refuses is fitted this way: fewer rows than any split can
/// take (`MIN_TRAIN_ROWS` + `MIN_VALID_ROWS`), at least three more than the linear model's
/// inputs (leaving one out then leaves a residual with room to spare), swat's method with
/// depth 0 among its depths, and neither a validation table nor k-fold cross-validation
/// asked for. A larger table refused by its settings (`valid_fraction`) stays refused.
pub(super) fn applies(swat: &Swat, tables: &Tables) -> bool {
    let p = &swat.params;
    let (n, d) = (tables.train.rows(), tables.train.inputs.len());
    p.method == Method::Swat
        && swat.config.depths.contains(&0)
        && tables.valid.is_none()
        && p.folds.is_none_or(|k| k <= 1)
        && n < MIN_TRAIN_ROWS + MIN_VALID_ROWS
        && n >= d + 3
}

pub(super) fn fit(swat: &Swat, loaded: &[Loaded], tables: &Tables) -> Result<Fitted, FitError> {
    let train = tables.train;
    let scaling = Scaling::fit(train);
    let data = FitData {
        scaling: &scaling,
        train,
        valid: train,
        test: tables.test.map(|t| t.0),
    };
    let depth = linear_left_out(&data)?;
    let attempts = vec![Attempt {
        autoencoder: TOO_FEW_ROWS.to_string(),
        result: FitResult {
            depths: vec![depth],
            chosen: 0,
            folds: None,
            held_out: None,
        },
    }];
    let chosen = &attempts[0].result.depths[0];
    let n = train.rows();
    let mut model = scaling.model(chosen.network.clone(), train);
    model.provenance = provenance::record(swat, &attempts, None, chosen, n);
    model
        .provenance
        .insert("leave_one_out".into(), serde_json::Value::Bool(true));
    Ok(Fitted {
        model,
        attempts,
        best: 0,
        autoencoder: None,
        folds: n,
        scaling,
        valid_rows: n,
        widest_canvas: load::max_inputs(loaded),
        screened: None,
        leave_one_out: true,
        settings: swat.clone(),
    })
}
