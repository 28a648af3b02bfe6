//! Choosing on small tables by k-fold cross-validation: each fold fits as usual (every
//! autoencoder that takes the data, every depth) with its held-out part as the validation rows;
//! each (autoencoder, depth) is then judged on all its held-out predictions together, so a
//! choice among dozens of candidates rests on every row, not on a fifth of them.
//! In: the candidates and all the rows; out: `fit_each`'s answer with cross-validated scores.

use super::config::{FitConfig, MIN_TRAIN_ROWS, MIN_VALID_ROWS};
use super::control::Progress;
use super::error::FitError;
use super::fit::refit_linear;
use super::prepare::{predict, FitData};
use super::result::FitResult;
use super::select::{choose_paired, pick, variance};
use super::several::{fit_each, Candidate, Tried};
use crate::data::{Dataset, Scaling};
use crate::metrics::{median, score};
use rayon::prelude::*;

/// Folds of the cross-validation on small tables.
pub const FOLDS: usize = 5;
/// Tables with fewer rows than this (before any split) are chosen on by cross-validation by
/// default: a 20% split of them holds under 100 rows, and the R² of a few dozen rows
/// differs between candidates by more than the candidates differ.
pub const FOLDS_BELOW_ROWS: usize = 500;

/// The smallest parts of `k`-fold cross-validation of `rows` rows, each fold's training rows
/// split once more by `valid_fraction`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoldSizes {
    pub held_out: usize,
    pub train: usize,
    pub valid: usize,
}

impl FoldSizes {
    pub fn new(rows: usize, k: usize, valid_fraction: f64) -> FoldSizes {
        let k = k.clamp(1, rows.max(1));
        let rest = rows - rows.div_ceil(k);
        let (train, valid) = crate::data::split_sizes(rest, valid_fraction);
        FoldSizes {
            held_out: rows / k,
            train,
            valid,
        }
    }

    /// Whether every part has the rows a fit needs (`MIN_TRAIN_ROWS`, `MIN_VALID_ROWS`).
    pub fn enough(&self) -> bool {
        self.held_out >= MIN_VALID_ROWS
            && self.valid >= MIN_VALID_ROWS
            && self.train >= MIN_TRAIN_ROWS
    }
}

/// Noisy tables with fewer rows than this are chosen on by cross-validation too (when
/// `signal::explained` is under `NOISY_R2`): on `fair` (4,774 training rows, R² about 0.06)
/// one split's validation rows chose, on two of five splits, networks of 53 and 69
/// parameters that tested below the linear model; 5 folds chose better on three of its five splits, worse on one (BENCHMARKS.md,
/// "Noisy tables are chosen on folds"). From 10,000 rows one split's 2,000 validation rows
/// chose as well as the folds, in half the time.
pub const NOISY_FOLDS_BELOW_ROWS: usize = 10_000;
/// Below this share of the target's variance explained before any fit (`signal::explained`),
/// a table is noisy: candidates then differ on one split by less than the split's own noise.
pub const NOISY_R2: f64 = 0.5;

/// The default number of folds for the training table `train`: `FOLDS` below
/// `FOLDS_BELOW_ROWS` rows, and below `NOISY_FOLDS_BELOW_ROWS` when the table is noisy
/// (`noisy`), where each fold has the rows a fit needs; otherwise 1 (one validation split).
pub fn default_folds(train: &Dataset, valid_fraction: f64) -> usize {
    folds_and_signal(train, valid_fraction).0
}

/// `default_folds`, with `signal::explained` where it was estimated (tables of
/// `FOLDS_BELOW_ROWS` to `NOISY_FOLDS_BELOW_ROWS` rows), so the report can say why.
pub fn folds_and_signal(train: &Dataset, valid_fraction: f64) -> (usize, Option<f64>) {
    let rows = train.rows();
    let explained = (FOLDS_BELOW_ROWS..NOISY_FOLDS_BELOW_ROWS)
        .contains(&rows)
        .then(|| super::signal::explained(train));
    let wanted = rows < FOLDS_BELOW_ROWS || explained.is_some_and(|e| e < NOISY_R2);
    let k = if wanted && FoldSizes::new(rows, FOLDS, valid_fraction).enough() {
        FOLDS
    } else {
        1
    };
    (k, explained)
}

/// Share of the latent-search, fine-tune and pruning budgets each fold gets: k folds are k
/// fits, and on a small table the early stops end most of them well before the full budget
/// anyway (a 499-row table: 26.6 s with the full budgets, BENCHMARKS.md "Small tables").
pub const FOLD_BUDGET: f64 = 0.5;

/// `config` with its search and refinement budgets scaled by `FOLD_BUDGET`.
fn fold_budgets(config: &FitConfig) -> FitConfig {
    let scale = |n: usize| ((n as f64 * FOLD_BUDGET).ceil() as usize).max(1);
    let mut c = config.clone();
    // The paper's method runs exactly its iterations: only swat's are a budget.
    if c.method == super::config::Method::Swat {
        c.iterations = scale(c.iterations);
    }
    c.refine.screen_steps = scale(c.refine.screen_steps);
    c.refine.steps = scale(c.refine.steps);
    c.refine.shrink_steps = scale(c.refine.shrink_steps);
    c.refine.prune_steps = scale(c.refine.prune_steps);
    c
}

/// The rows of a cross-validated fit, in the user's units.
pub struct FoldData<'a> {
    /// Fitted on `all`, shared by every fold so that their predictions pool.
    pub scaling: &'a Scaling,
    pub all: &'a Dataset,
    pub test: Option<&'a Dataset>,
    /// The share of each fold's training rows (and, for the final fit, of all rows) that the
    /// fit holds out for its own choices.
    pub valid_fraction: f64,
}

/// Cross-validated `fit_each` over `data.all`, with the first of the `candidates` that takes
/// the data (or none, when none does). Each of `k` folds (shuffled from `seed`) fits on its
/// training part, split once more for the fit's own validation (early stops, pruning, the
/// choice between starts; its linear model learns from the whole training part, as the
/// answer's does), and predicts its held-out part, which nothing in it has seen. Per
/// depth, the validation scores are those of all held-out predictions together; the depth
/// they prefer (`select::one_standard_error`) is then fitted again on all the rows (split by `data.valid_fraction`, as a fit
/// without folds would be), and that network is the answer. The other depths show one fold's
/// network (the one `pick` prefers on its own validation rows).
pub fn fit_each_folds(
    candidates: &[Candidate],
    data: &FoldData,
    config: &FitConfig,
    k: usize,
    seed: u64,
    progress: &Progress,
) -> Result<(Vec<Tried>, usize), FitError> {
    // Cross-validation multiplies the work by k; of several autoencoders only the first that
    // takes the data (of the bundled ones, the narrowest) is searched (on small tables the two bundles' answers differ less
    // than their folds do), which keeps a small table's fit within seconds.
    let d = data.all.inputs.len();
    let first = candidates.iter().position(|c| c.takes(d));
    let searched = first.map_or(&candidates[..0], |i| &candidates[i..=i]);
    let folds = data.all.folds(k, seed);
    let k = folds.len();
    let budgets = fold_budgets(config);
    // Side by side like the depths within each fit; gathered in fold order, so runs repeat.
    let fitted = folds
        .par_iter()
        .map(|(train, held)| {
            let (inner, valid) = train.split(data.valid_fraction, seed);
            let fold = FitData {
                scaling: data.scaling,
                train: &inner,
                valid: &valid,
                test: data.test,
            };
            let (mut tried, _) = fit_each(searched, &fold, &budgets, progress)?;
            // The answer's linear model, once chosen, is fitted on all the rows (`refit`,
            // then `fit::finish`): each fold's is fitted on all of its training rows too,
            // whichever depth the fold itself chose, so depth 0's held-out score estimates
            // what the answer would be (star98 seed 4, BENCHMARKS.md "The folds' linear model").
            for r in tried.iter_mut().flat_map(|t| &mut t.result.depths) {
                refit_linear(r, &fold)?;
            }
            let held_out: Vec<Vec<Vec<f64>>> = tried
                .iter()
                .map(|t| {
                    let depths = &t.result.depths;
                    depths
                        .iter()
                        .map(|r| predict(&r.network, data.scaling, held))
                        .collect()
                })
                .collect();
            Ok((tried, held_out))
        })
        .collect::<Result<Vec<_>, FitError>>()?;
    let var = variance(&data.all.y);
    let slack = config.refine.r2_slack;
    let held_y: Vec<f64> = folds
        .iter()
        .flat_map(|(_, h)| h.y.iter().copied())
        .collect();
    let mut tried = Vec::new();
    for t in 0..fitted[0].0.len() {
        let mut depths = Vec::new();
        let mut sizes = Vec::new();
        let mut errors = Vec::new();
        for j in 0..fitted[0].0[t].result.depths.len() {
            let at = |f: usize| &fitted[f].0[t].result.depths[j];
            let pred: Vec<f64> = (0..k).flat_map(|f| fitted[f].1[t][j].clone()).collect();
            let kept = pick(
                &(0..k)
                    .map(|f| (at(f).valid.mse, at(f).stats.nonzero_params))
                    .collect::<Vec<_>>(),
                var,
                slack,
            );
            let mut r = at(kept).clone();
            r.valid = score(&pred, &held_y);
            r.seconds = (0..k).map(|f| at(f).seconds).sum();
            // The folds' median size stands for the depth when choosing.
            sizes.push(median(
                (0..k).map(|f| at(f).stats.nonzero_params as f64).collect(),
            ));
            errors.push(
                pred.iter()
                    .zip(&held_y)
                    .map(|(p, y)| (p - y) * (p - y))
                    .collect::<Vec<f64>>(),
            );
            depths.push(r);
        }
        let sizes: Vec<usize> = sizes.iter().map(|s| s.round() as usize).collect();
        // The refit trains on the rows a split of all of them leaves.
        let rows = crate::data::split_sizes(data.all.rows(), data.valid_fraction).0;
        let chosen = choose_paired(&errors, &sizes, rows, var, slack);
        tried.push(Tried {
            candidate: fitted[0].0[t].candidate.map(|c| c + first.unwrap_or(0)),
            result: FitResult {
                depths,
                chosen,
                folds: Some(k),
                held_out: Some(errors),
            },
        });
    }
    let best = pick(
        &tried
            .iter()
            .map(|t| {
                let r = &t.result.depths[t.result.chosen];
                (r.valid.mse, r.stats.nonzero_params)
            })
            .collect::<Vec<_>>(),
        var,
        slack,
    );
    refit(&mut tried[best], candidates, data, config, seed, progress)?;
    Ok((tried, best))
}

/// Fits the chosen depth of `tried` again on all the rows (split by `valid_fraction` for the
/// fit's own choices; a chosen linear model then takes both parts, see `fit`), with the full
/// budgets; the network replaces the fold's, the cross-validated scores stay.
fn refit(
    tried: &mut Tried,
    candidates: &[Candidate],
    data: &FoldData,
    config: &FitConfig,
    seed: u64,
    progress: &Progress,
) -> Result<(), FitError> {
    let result = &mut tried.result;
    let j = result.chosen;
    let (train, valid) = data.all.split(data.valid_fraction, seed);
    let all = FitData {
        scaling: data.scaling,
        train: &train,
        valid: &valid,
        test: data.test,
    };
    let mut one = config.clone();
    one.depths = vec![result.depths[j].depth];
    let searched = tried
        .candidate
        .map_or(&candidates[..0], |c| &candidates[c..=c]);
    let (mut again, _) = fit_each(searched, &all, &one, progress)?;
    let mut r = again.swap_remove(0).result.depths.swap_remove(0);
    r.valid = result.depths[j].valid;
    r.seconds += result.depths[j].seconds;
    result.depths[j] = r;
    Ok(())
}

/// Progress units (search iterations) a cross-validated fit reports in all.
pub fn progress_total(config: &FitConfig, k: usize) -> usize {
    fold_budgets(config).iterations * config.depths.len() * k + config.iterations
}

#[cfg(test)]
mod tests {
    use super::{default_folds, fit_each_folds, FoldData, FOLDS};
    use crate::data::{Dataset, Scaling};
    use crate::search::config::{FitConfig, Method};
    use crate::search::prepare::{squared_errors, FitData};

    /// `n` rows of y = sin(3a)·b + b² plus uniform noise of amplitude `noise`.
    fn table(n: usize, noise: f64) -> Dataset {
        let x = crate::teacher::uniform_points(&mut crate::teacher::rng(3), n, 2);
        let wobble = |i: usize| ((i * 2_654_435_761) % 1000) as f64 / 500.0 - 1.0;
        let y = x
            .chunks(2)
            .enumerate()
            .map(|(i, r)| (3.0 * r[0]).sin() * r[1] + r[1] * r[1] + noise * wobble(i))
            .collect();
        Dataset {
            inputs: vec!["a".into(), "b".into()],
            target: "y".into(),
            x,
            y,
        }
    }

    #[test]
    fn folds_below_500_rows_and_for_noisy_tables_below_10000() {
        assert_eq!(default_folds(&table(400, 0.0), 0.2), FOLDS);
        assert_eq!(default_folds(&table(600, 0.0), 0.2), 1);
        assert_eq!(default_folds(&table(600, 5.0), 0.2), FOLDS);
        assert_eq!(default_folds(&table(12_000, 5.0), 0.2), 1);
        // Too few rows for the folds: one split (or the linear model, `estimator::tiny`).
        assert_eq!(default_folds(&table(12, 0.0), 0.2), 1);
    }

    /// Depth 0's cross-validated score is that of linear models fitted on all of each fold's
    /// training rows, as the answer's would be, even where every fold chose a network.
    #[test]
    fn folds_score_the_linear_model_fitted_on_all_their_rows() {
        // y = a²: no line fits it, so each fold's own choice is depth 1.
        let x: Vec<f64> = (0..60).map(|i| -1.0 + 2.0 * i as f64 / 59.0).collect();
        let data = Dataset {
            inputs: vec!["a".into()],
            target: "y".into(),
            y: x.iter().map(|a| a * a).collect(),
            x,
        };
        let scaling = Scaling::fit(&data);
        let mut config = FitConfig::new(Method::Swat);
        config.depths = vec![0, 1];
        config.iterations = 50;
        config.random_starts = 1;
        config.refine.screen_steps = 50;
        config.refine.steps = 200;
        config.refine.shrink_steps = 20;
        config.refine.prune_steps = 20;
        let folds = FoldData {
            scaling: &scaling,
            all: &data,
            test: None,
            valid_fraction: 0.2,
        };
        let (tried, _) = fit_each_folds(&[], &folds, &config, FOLDS, 7, &|_, _, _| {}).unwrap();
        let depths = &tried[0].result.depths;
        assert!(depths[1].valid.mse < depths[0].valid.mse / 2.0);
        let mut errors = Vec::new();
        for (train, held) in data.folds(FOLDS, 7) {
            let fold = FitData {
                scaling: &scaling,
                train: &train,
                valid: &held,
                test: None,
            };
            let line = crate::search::linear_depth::linear_depth(&fold).unwrap();
            errors.extend(squared_errors(&line.network, &scaling, &held));
        }
        let want = errors.iter().sum::<f64>() / errors.len() as f64;
        let got = depths[0].valid.mse;
        assert!((got - want).abs() <= 1e-9 * want, "{got} against {want}");
    }
}
