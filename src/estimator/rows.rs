//! How many rows a fit needs and how it validates them: the fold count (asked for, or the
//! default for the table's size), and the refusal of tables too small for the split or the
//! folds. In: the settings and the tables; out: the fold count, or an error saying what is needed.

use super::params::ParamError;
use super::{SwatError, Tables};
use crate::data::Dataset;
use crate::search::config::{MIN_TRAIN_ROWS, MIN_VALID_ROWS};
use crate::search::folds::{folds_and_signal, FoldSizes};

/// `folds`, or its default for the training rows, with the estimate of how much of the target
/// the inputs explain where the default read it (`folds_and_signal`); refused with a
/// validation table, which is the validation.
pub(super) fn folds(
    asked: Option<usize>,
    tables: &Tables,
    valid_fraction: f64,
) -> Result<(usize, Option<f64>), SwatError> {
    match (asked, tables.valid) {
        (Some(k), Some(_)) if k > 1 => Err(ParamError::new(
            &["folds"],
            format!(
                "{k}: cross-validation holds out the training rows themselves; it cannot go \
                 with {}",
                tables.setting("valid")
            ),
        )
        .into()),
        (Some(k), _) => Ok((k, None)),
        (None, Some(_)) => Ok((1, None)),
        (None, None) => Ok(folds_and_signal(tables.train, valid_fraction)),
    }
}

/// The (training, validation) rows of a fit of `train`: with a validation table, all of
/// `train` and it; cross-validated (`folds` > 1), every row in both (each fold holds out its
/// own); otherwise the split of `valid_fraction` of the rows, seeded. The one home of this
/// rule: the fit, the screen and the report all read their rows from it.
pub fn split(
    train: &Dataset,
    valid: Option<&Dataset>,
    folds: usize,
    valid_fraction: f64,
    seed: u64,
) -> (Dataset, Dataset) {
    match valid {
        Some(v) => (train.clone(), v.clone()),
        None if folds > 1 => (train.clone(), train.clone()),
        None => train.split(valid_fraction, seed),
    }
}

/// Refuses too few training or validation rows, saying how many there are and what is needed.
pub(super) fn enough(
    tables: &Tables,
    train: &Dataset,
    valid: &Dataset,
    folds: usize,
    valid_fraction: f64,
) -> Result<(), SwatError> {
    let name = tables.train_name;
    if folds > 1 {
        let n = train.rows();
        let s = FoldSizes::new(n, folds, valid_fraction);
        if !s.enough() {
            return Err(SwatError::Rows(format!(
                "{name}: {n} rows make {folds} folds of {} held-out rows, whose fits train on {} \
                 and validate on {} ({} {valid_fraction}); swat needs at least \
                 {MIN_VALID_ROWS} held-out, {MIN_TRAIN_ROWS} training and {MIN_VALID_ROWS} \
                 validation rows (fewer {folds_name}, or {folds_name} 1)",
                s.held_out,
                s.train,
                s.valid,
                tables.setting("valid_fraction"),
                folds_name = tables.setting("folds"),
            )));
        }
        return Ok(());
    }
    let split = match tables.valid {
        Some(_) => String::new(),
        None => format!(
            " after holding out {} for validation ({} {valid_fraction})",
            valid.rows(),
            tables.setting("valid_fraction"),
        ),
    };
    if train.rows() < MIN_TRAIN_ROWS {
        return Err(SwatError::Rows(format!(
            "{name}: {} training row(s){split}; swat needs at least {MIN_TRAIN_ROWS}",
            train.rows()
        )));
    }
    if valid.rows() < MIN_VALID_ROWS {
        let (what, how) = match tables.valid {
            Some((_, v)) => (v.to_string(), "add rows to it".to_string()),
            None => (
                name.to_string(),
                format!(
                    "raise {} or pass {} FILE",
                    tables.setting("valid_fraction"),
                    tables.setting("valid")
                ),
            ),
        };
        return Err(SwatError::Rows(format!(
            "{what}: {} validation row(s); swat needs at least {MIN_VALID_ROWS} ({how})",
            valid.rows()
        )));
    }
    Ok(())
}
