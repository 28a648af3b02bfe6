//! How many rows `swat fit` needs, and how it validates them: `--folds` or its default, and
//! the refusal of tables too small for the split or the folds. In: the arguments and the
//! tables; out: the fold count, or an error that says what is needed.

use super::FitArgs;
use crate::data::Dataset;
use crate::search::default_folds;
use anyhow::{bail, Result};

/// `--folds`, or its default for a table of `rows` rows; refused with `--valid`, which is
/// the validation.
pub(super) fn folds(a: &FitArgs, rows: usize) -> Result<usize> {
    match (a.folds, &a.valid) {
        (Some(0), _) => bail!("--folds: must be at least 1 (1: one validation split)"),
        (Some(k), Some(_)) if k > 1 => bail!(
            "--folds {k}: cross-validation holds out the training rows themselves; it cannot go \
             with --valid"
        ),
        (Some(k), _) => Ok(k),
        (None, Some(_)) => Ok(1),
        (None, None) => Ok(default_folds(rows, a.valid_fraction)),
    }
}

/// Refuses too few training or validation rows, saying how many there are and what is needed.
pub(super) fn enough_rows(
    a: &FitArgs,
    train: &Dataset,
    valid: &Dataset,
    folds: usize,
) -> Result<()> {
    use crate::search::fit::{MIN_TRAIN_ROWS, MIN_VALID_ROWS};
    if folds > 1 {
        let n = train.rows();
        let s = crate::search::folds::FoldSizes::new(n, folds, a.valid_fraction);
        if !s.enough() {
            bail!(
                "{}: {n} rows make {folds} folds of {} held-out rows, whose fits train on {} \
                 and validate on {} (--valid-fraction {}); swat needs at least \
                 {MIN_VALID_ROWS} held-out, {MIN_TRAIN_ROWS} training and {MIN_VALID_ROWS} \
                 validation rows (fewer --folds, or --folds 1)",
                a.train.display(),
                s.held_out,
                s.train,
                s.valid,
                a.valid_fraction
            );
        }
        return Ok(());
    }
    let split = match &a.valid {
        Some(_) => String::new(),
        None => format!(
            " after holding out {} for validation (--valid-fraction {})",
            valid.rows(),
            a.valid_fraction
        ),
    };
    if train.rows() < MIN_TRAIN_ROWS {
        bail!(
            "{}: {} training row(s){split}; swat needs at least {MIN_TRAIN_ROWS}",
            a.train.display(),
            train.rows()
        );
    }
    if valid.rows() < MIN_VALID_ROWS {
        let (what, how) = match &a.valid {
            Some(p) => (format!("--valid {}", p.display()), "add rows to it"),
            None => (
                a.train.display().to_string(),
                "raise --valid-fraction or pass --valid FILE",
            ),
        };
        bail!(
            "{what}: {} validation row(s); swat needs at least {MIN_VALID_ROWS} ({how})",
            valid.rows()
        );
    }
    Ok(())
}
