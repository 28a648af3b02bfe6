//! Data wider than every canvas, fitted on its screened inputs: the inputs ranked by a dense
//! network (`search::screen`), the most important fitted as usual, the answer spread back over
//! every column; where more inputs matter than a canvas takes, swat's random starts on those
//! inputs compete, and the linear model competes on every input. In: the settings,
//! autoencoders and tables; out: a `Fitted` on all the inputs.

use super::{rows, Fitted, Progress, Swat, SwatError, Tables, Wide};
use crate::autoencoder::load::{self, Loaded};
use crate::data::{Dataset, Scaling};
use crate::search::folds::FOLDS_BELOW_ROWS;
use crate::search::random_only::worth_searching;
use crate::search::screen::{keep_most, screen};
use crate::search::select::{choose_paired, pick, variance, within_rows};
use crate::search::FitData;

/// How reports name the linear model fitted on every input beside a screened fit.
pub const LINEAR_ON_EVERY_INPUT: &str = "none (the linear model on every input)";

/// What the screen found, as the fit's evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Screened {
    /// Every input's importance: the validation R² the screening network lost when the input
    /// was shuffled (in the data's column order).
    pub importance: Vec<f64>,
    /// The inputs a canvas took, in column order: the most important, as many as it holds.
    pub kept: Vec<usize>,
    /// Every input above `search::screen::MIN_IMPORTANCE`, in column order.
    pub important: Vec<usize>,
    /// The inputs the answer was fitted on: `kept`, `important` (random starts alone won),
    /// or every input (the linear model on every input won).
    pub answer_inputs: Vec<usize>,
    /// The depths swat's random starts alone searched on `important` (empty where they did
    /// not run): on few rows, the deeper canvases are left out (`worth_searching`).
    pub random_depths: Vec<usize>,
    /// Validation R² of the screening network on every input.
    pub valid_r2: f64,
}

/// Screens the inputs on a validation split (the given table, or `valid_fraction` of the
/// training rows), fits the kept ones with `swat`, lets the other paths compete, and spreads
/// the answer over every column.
pub(super) fn fit(
    swat: &Swat,
    loaded: &[Loaded],
    tables: &Tables,
    progress: &dyn Progress,
) -> Result<Fitted, SwatError> {
    // Every fit below is judged against the others on the same folds or split: the fold
    // count is settled once, on every input (whether a table is noisy depends on its inputs).
    let mut pinned = swat.clone();
    let mut explained = None;
    if swat.params.folds.is_none()
        && tables.valid.is_none()
        && tables.train.rows() >= FOLDS_BELOW_ROWS
    {
        let (k, e) = rows::folds(None, tables, swat.params.valid_fraction)?;
        (pinned.params.folds, explained) = (Some(k), e);
    }
    let swat = &pinned;
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
    let d = tables.train.inputs.len();
    let important = keep_most(&found.importance, d);
    let mut fitted = on_inputs(swat, loaded, tables, &found.kept, progress)?;
    let mut answer_inputs = found.kept.clone();
    let mut random_depths = Vec::new();
    // More inputs matter than a canvas takes: swat's random starts alone on those inputs (not
    // on every one: faster, and less noise to prune) compete with the canvas's answer.
    // On few rows the deep wide canvases cannot be chosen, and they took most of the time.
    let depths = worth_searching(&swat.config.depths, important.len(), tables.train.rows());
    if important.len() > found.kept.len() && p.random_starts > 0 && !depths.is_empty() {
        let mut alone = swat.clone();
        alone.params.wide = Wide::RandomStarts;
        alone.params.depths = Some(depths.clone());
        alone.config.depths.clone_from(&depths);
        random_depths = depths;
        let other = on_inputs(&alone, loaded, tables, &important, progress)?;
        let (f, second) = compete(swat, tables, fitted, other);
        if second {
            answer_inputs.clone_from(&important);
        }
        fitted = f;
    }
    // The linear model needs no canvas, so it competes on every input (on diabetes the
    // linear model on all 10 inputs validated as well as any network on 7).
    if swat.config.depths.contains(&0) {
        let mut linear = swat.clone();
        linear.params.depths = Some(vec![0]);
        linear.config.depths = vec![0];
        let mut wide = linear.fit_with(loaded, tables, &super::Silent)?;
        for t in &mut wide.attempts {
            t.autoencoder = LINEAR_ON_EVERY_INPUT.to_string();
        }
        let (f, second) = compete(swat, tables, fitted, wide);
        if second {
            answer_inputs = (0..d).collect();
        }
        fitted = f;
    }
    let names = &tables.train.inputs;
    let named = |cols: &[usize]| cols.iter().map(|&c| names[c].clone()).collect::<Vec<_>>();
    fitted.model.provenance.insert(
        "screened_inputs".into(),
        serde_json::json!({
            "inputs": d,
            "kept": named(&found.kept),
            "important": named(&important),
            "answer_inputs": named(&answer_inputs),
            "random_start_depths": random_depths,
            "importance": names.iter().zip(&found.importance)
                .map(|(n, v)| (n.clone(), serde_json::json!(v)))
                .collect::<serde_json::Map<_, _>>(),
            "screen_valid_r2": found.valid_r2,
        }),
    );
    fitted.explained = explained;
    fitted.screened = Some(Screened {
        importance: found.importance,
        kept: found.kept,
        important,
        answer_inputs,
        random_depths,
        valid_r2: found.valid_r2,
    });
    Ok(fitted)
}

/// `swat`'s fit of the columns `cols` of every table, spread back over all the columns.
fn on_inputs(
    swat: &Swat,
    loaded: &[Loaded],
    tables: &Tables,
    cols: &[usize],
    progress: &dyn Progress,
) -> Result<Fitted, SwatError> {
    let narrow = |t: &Dataset| t.with_inputs(cols);
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
    spread(&mut fitted, tables.train, cols);
    Ok(fitted)
}

/// Of two fits of the same tables (the same validation rows or folds), the one whose chosen
/// network the choice between depths would prefer (the paired one-standard-error rule on the
/// held-out or validation rows; `pick` where a fit kept no row errors), holding both fits'
/// attempts (`first`'s, then `second`'s); and whether it is `second`.
fn compete(swat: &Swat, tables: &Tables, first: Fitted, mut second: Fitted) -> (Fitted, bool) {
    let p = &swat.params;
    let (fit_rows, valid) = rows::split(
        tables.train,
        tables.valid.map(|v| v.0),
        first.folds,
        p.valid_fraction,
        p.seed,
    );
    let (a, b) = (first.chosen(), second.chosen());
    let sizes = [a.stats.nonzero_params, b.stats.nonzero_params];
    let var = variance(&valid.y);
    let held_out = |f: &Fitted| {
        let r = f.result();
        r.held_out.as_ref().map(|e| e[r.chosen].clone())
    };
    let k = match (held_out(&first), held_out(&second)) {
        // Validated on the same rows alike: the rule that chose each fit's depth chooses
        // between them.
        (Some(ea), Some(eb)) if ea.len() == eb.len() && first.folds == second.folds => {
            let rows = if first.folds > 1 {
                crate::data::split_sizes(tables.train.rows(), p.valid_fraction).0
            } else {
                fit_rows.rows()
            };
            choose_paired(&[ea, eb], &sizes, rows, var, p.r2_slack)
        }
        _ => pick(
            &within_rows(
                &[(a.valid.mse, sizes[0]), (b.valid.mse, sizes[1])],
                tables.train.rows(),
            ),
            var,
            p.r2_slack,
        ),
    };
    let mut first = first;
    let mut attempts = std::mem::take(&mut first.attempts);
    let offset = attempts.len();
    attempts.append(&mut second.attempts);
    let mut winner = if k == 0 {
        first
    } else {
        second.best += offset;
        second
    };
    winner.attempts = attempts;
    let chosen = winner.chosen().clone();
    winner.model.provenance = super::provenance::record(
        swat,
        &winner.attempts,
        winner.autoencoder.as_ref(),
        &chosen,
        winner.folds,
    );
    winner.settings = swat.clone();
    (winner, k == 1)
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
