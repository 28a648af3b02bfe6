//! Tables too small to validate a network (too few rows for a validation split, or for
//! cross-validation with more than a few validation rows): the linear model on every row,
//! its validation scores by leave-one-out. In: the settings and the tables; out: a `Fitted`
//! with the one depth.

use super::{provenance, Attempt, Fitted, Swat, Tables};
use crate::autoencoder::load::{self, Loaded};
use crate::data::split_sizes;
use crate::data::Scaling;
use crate::search::config::{MIN_TRAIN_ROWS, MIN_VALID_ROWS};
use crate::search::folds::{FoldSizes, FOLDS, FOLDS_BELOW_ROWS};
use crate::search::linear_depth::linear_left_out;
use crate::search::{FitData, FitError, FitResult, Method};

/// How reports name the fit made of a table too small for a network.
pub const TOO_FEW_ROWS: &str = "none (too few rows for a network: the linear model)";

/// Whether a table is fitted this way: fewer rows than any split can take (`MIN_TRAIN_ROWS` +
/// `MIN_VALID_ROWS`), or, unless folds are asked for by number, too few for the default
/// k-fold cross-validation while one split would leave just a few validation rows (13–16
/// rows at the default 20%: choosing among dozens of networks on 3 rows is chance; stackloss,
/// 15 training rows, chose a 5-parameter network that tested at R² 0.26 where the linear
/// model had 0.74). Also: at least three more rows than the linear model's inputs (leaving
/// one out then leaves a residual with room to spare), swat's method with depth 0 among its
/// depths, and no validation table. A larger table refused by its settings
/// (`valid_fraction`) stays refused.
pub(super) fn applies(swat: &Swat, tables: &Tables) -> bool {
    let p = &swat.params;
    let (n, d) = (tables.train.rows(), tables.train.inputs.len());
    let (split_train, split_valid) = split_sizes(n, p.valid_fraction);
    let thin = p.folds.is_none()
        && n < FOLDS_BELOW_ROWS
        && split_train >= MIN_TRAIN_ROWS
        && split_valid >= MIN_VALID_ROWS
        && !FoldSizes::new(n, FOLDS, p.valid_fraction).enough();
    p.method == Method::Swat
        && swat.config.depths.contains(&0)
        && tables.valid.is_none()
        && p.folds.is_none_or(|k| k <= 1)
        && (n < MIN_TRAIN_ROWS + MIN_VALID_ROWS || thin)
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
        explained: None,
        leave_one_out: true,
        settings: swat.clone(),
    })
}
