//! What `swat fit` prints about how its answer was reached: which rows validated it (one
//! split, folds and why, or leave-one-out), which path ran on wide data, each autoencoder's
//! result, and the rule that chose the network. In: the arguments and the fit; out: text.

use super::FitArgs;
use crate::data::Dataset;
use crate::estimator::Fitted;

/// Which rows the validation scores come from, when not one split.
pub(super) fn validation(a: &FitArgs, fitted: &Fitted, train: &Dataset) {
    let folds = fitted.folds;
    if fitted.leave_one_out {
        println!(
            "{} rows are too few to validate a network ({}-fold cross-validation would leave a \
             fold fewer than {} training or {} validation rows, and one split's few validation \
             rows cannot tell networks apart; --folds 1 asks for that split where it is \
             possible): the answer is the linear model, fitted on every row; its validation \
             scores are leave-one-out, each row predicted by the fit on all the others\n",
            train.rows(),
            crate::search::folds::FOLDS,
            crate::search::config::MIN_TRAIN_ROWS,
            crate::search::config::MIN_VALID_ROWS,
        );
    } else if folds > 1 {
        use crate::search::folds::{FOLDS_BELOW_ROWS, NOISY_FOLDS_BELOW_ROWS, NOISY_R2};
        let why = if a.folds.is_some() {
            "as --folds asks".to_string()
        } else if train.rows() < FOLDS_BELOW_ROWS {
            format!("the default below {FOLDS_BELOW_ROWS} rows")
        } else {
            format!(
                "the default for noisy tables below {NOISY_FOLDS_BELOW_ROWS} rows: before any \
                 fit, nearest neighbours and the linear model explained {:.3} of the target's \
                 variance, under {NOISY_R2}, and one split's validation rows cannot tell such \
                 candidates apart",
                fitted.explained.unwrap_or(f64::NAN)
            )
        };
        println!(
            "chosen by {folds}-fold cross-validation over all {} rows ({why}; --folds 1 for one \
             split): each fold fitted on its other rows (its networks holding out --valid-fraction \
             of them for their own choices, its linear model learning from all of them) and \
             predicted its held-out rows; the validation scores are \
             those predictions together, and a depth within one standard error (over the \
             folds) of the best one's MSE counts as equally good. The chosen depth was then \
             fitted again on all the rows; the other depths show one fold's network\n",
            train.rows(),
        );
    }
}

/// On wide data, what the screen found and which path ran; with several autoencoders, each
/// one's network and the one kept.
pub(super) fn paths(fitted: &Fitted, train: &Dataset) {
    if let Some(s) = &fitted.screened {
        let names = &fitted.model.inputs;
        let list = |cols: &[usize]| {
            cols.iter()
                .map(|&c| format!("{} ({:.3})", names[c], s.importance[c]))
                .collect::<Vec<_>>()
                .join(", ")
        };
        println!(
            "the data has {} inputs, more than any autoencoder here takes ({}): a dense network \
             on all of them (validation R² {:.4}) ranked them by the R² lost when each is \
             shuffled; a canvas took the {} that matter most: {}",
            names.len(),
            fitted.widest_canvas,
            s.valid_r2,
            s.kept.len(),
            list(&s.kept)
        );
        if s.important.len() > s.kept.len() && !s.random_depths.is_empty() {
            let depths = s
                .random_depths
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>();
            println!(
                "{} inputs carry at least {} of R², more than a canvas takes: swat's random \
                 starts alone fitted those {} too, at depths {} (those whose dense canvas has \
                 at most {} parameters per training row)",
                s.important.len(),
                crate::search::screen::MIN_IMPORTANCE,
                s.important.len(),
                depths.join(","),
                crate::search::random_only::MAX_DENSE_PARAMS_PER_ROW
            );
        }
        println!(
            "the linear model competed on every input; the answer uses {} of the {} inputs \
             (--wide random-starts fits every input from random starts alone)\n",
            s.answer_inputs.len(),
            names.len()
        );
    }
    // Random starts alone on every input (a screened fit says so above).
    if fitted.screened.is_none()
        && fitted.attempts[fitted.best].autoencoder == crate::search::RANDOM_ONLY
    {
        println!(
            "the data has {} inputs, more than any autoencoder here takes ({}): no latent \
             search; swat's method ran from its random starts alone\n",
            train.inputs.len(),
            fitted.widest_canvas
        );
    }
    if fitted.attempts.len() > 1 {
        for t in &fitted.attempts {
            let c = &t.result.depths[t.result.chosen];
            let wins = crate::report::fit::decoded_wins(&t.result)
                .map(|(won, of)| format!("; decoded starts won {won} of {of} depths"))
                .unwrap_or_default();
            println!(
                "{}: depth {}, {} non-zero parameters, valid MSE {:.4e}, valid R² {:.4}{wins}",
                t.autoencoder, c.depth, c.stats.nonzero_params, c.valid.mse, c.valid.r2
            );
        }
        println!("kept: {}\n", fitted.attempts[fitted.best].autoencoder);
    }
}

/// The chosen network and the rule that chose it, with a warning when it is worse than the
/// mean.
pub(super) fn choice(a: &FitArgs, fitted: &Fitted) {
    let chosen = fitted.chosen();
    if fitted.leave_one_out {
        println!(
            "chosen: the linear model ({} non-zero weights, {} non-zero parameters)",
            chosen.stats.nonzero_weights, chosen.stats.nonzero_params
        );
    } else {
        let rows = if fitted.folds > 1 {
            "held-out rows"
        } else {
            "validation rows"
        };
        println!(
            "chosen: depth {} from the {} start ({} non-zero weights, {} non-zero parameters): \
             the smallest network validating as well as the best, its MSE above the best's by \
             at most one standard error (its errors and the best's compared row by row on the \
             {rows}), 1%, or {} of R² (--r2-slack), and at most {}× it",
            chosen.depth,
            chosen.origin,
            chosen.stats.nonzero_weights,
            chosen.stats.nonzero_params,
            a.r2_slack,
            crate::search::select::MSE_RATIO
        );
    }
    if chosen.origin == crate::search::Origin::LeastSquares && !fitted.leave_one_out {
        println!(
            "the linear model was then fitted again on the training and validation rows \
             together; its validation scores are those from before"
        );
    }
    if chosen.valid.r2 < 0.0 {
        eprintln!(
            "warning: the chosen network validates worse than predicting the mean (validation \
             R² {:.3} on {} rows); with this little or this noisy data, treat it with care",
            chosen.valid.r2, fitted.valid_rows
        );
    }
}
