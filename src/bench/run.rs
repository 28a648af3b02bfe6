//! Running one benchmark task: swat's default method (and the two ablations read off its
//! stages), the paper's method on teacher tasks, and the baselines, all on the task's splits.
//! In: an autoencoder, a `Task` and settings; out: result rows and the chosen models.

use super::ablation::{across_fits, stage_of, Judge};
use super::baselines::{self, BaselineConfig, DENSE_DEPTHS};
use super::results::Row;
use super::task::{Source, Suite, Task};
use crate::estimator::{LatentInit, Swat};
use crate::metrics::Scores;
use crate::mlp::{Model, Stats};
use crate::search::prepare::{eval, network, squared_errors, Scaled};
use crate::search::select::{variance, R2_SLACK};
use crate::search::{
    first_taking, fit, fit_each, pick, Candidate, FitConfig, FitData, FitError, FitResult, Method,
    RefineConfig, Stage, StageScore, Tried,
};
use rayon::prelude::*;
use std::time::Instant;

/// Settings of a bench run.
#[derive(Debug, Clone)]
pub struct BenchConfig {
    /// swat's default method as `swat fit` runs it (a reduced one with `--quick`).
    pub swat: FitConfig,
    /// The paper's method (teacher tasks only).
    pub paper: FitConfig,
    /// Where the paper's search starts (`swat fit --method paper`'s default): at the data's
    /// own code when the autoencoder reads functions, else the paper's z ~ U[0, 1).
    pub paper_init: LatentInit,
    pub baselines: BaselineConfig,
    pub seed: u64,
    /// Which methods run: swat (with its ablations and the baselines, which are sized by
    /// swat's answer) and the paper's. Both by default.
    pub methods: Methods,
}

/// The methods a bench run runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Methods {
    pub swat: bool,
    pub paper: bool,
    /// The baselines beside swat (dense networks, magnitude pruning, L1); off for runs that
    /// compare swat's own starts only, where they take more than half of a paper-suite task.
    pub baselines: bool,
}

impl Methods {
    pub const ALL: Methods = Methods {
        swat: true,
        paper: true,
        baselines: true,
    };
}

impl BenchConfig {
    /// The full settings, or `quick` ones (each autoencoder brings its own prior).
    pub fn new(quick: bool, seed: u64) -> BenchConfig {
        // `swat fit`'s own settings, from the front door; the bench then runs the search
        // itself, for what the front door does not expose: reduced budgets, sparsity sweeps,
        // both methods side by side on fixed validation and test rows.
        let front = |method: Method| {
            Swat::params()
                .method(method)
                .seed(seed)
                .check()
                .expect("the default settings are valid")
        };
        let paper_init = front(Method::Paper).latent_init();
        let (mut swat, mut paper) = (
            front(Method::Swat).config().clone(),
            front(Method::Paper).config().clone(),
        );
        if quick {
            swat.depths = vec![1, 2];
            swat.iterations = 200;
            swat.refine = RefineConfig {
                screen_steps: 100,
                steps: 600,
                shrink_steps: 300,
                prune_steps: 100,
                ..RefineConfig::default()
            };
            paper.depths = vec![1, 2];
            paper.iterations = 300;
        }
        BenchConfig {
            swat,
            paper,
            paper_init,
            baselines: BaselineConfig::new(quick),
            seed,
            methods: Methods::ALL,
        }
    }

    /// The paper's settings with `first`, the autoencoder it searches: its probe points when
    /// the search starts at the data's code.
    fn paper_with(&self, first: &Candidate) -> FitConfig {
        let mut c = self.paper.clone();
        if self.paper_init == LatentInit::Encode && c.probe.is_none() {
            c.probe.clone_from(&first.probe);
        }
        c
    }
}

/// A task's rows, and the models the report draws (method name, model).
pub struct Outcome {
    pub rows: Vec<Row>,
    pub models: Vec<(String, Model)>,
}

/// Runs every method of `suite` on `task`: swat with every candidate autoencoder that takes
/// the task's inputs (the better network kept, as `swat fit` does), the paper's method with
/// the first of them; `progress` hears which method is running.
pub fn run_task(
    candidates: &[Candidate],
    suite: Suite,
    task: &Task,
    cfg: &BenchConfig,
    progress: &mut dyn FnMut(&str),
) -> Result<Outcome, FitError> {
    let data = FitData {
        scaling: &task.scaling,
        train: &task.train,
        valid: &task.valid,
        test: Some(&task.test),
    };
    let ctx = Context {
        suite,
        task,
        range: task.scaling.output.max - task.scaling.output.min,
        teacher: task.teacher.as_ref().map(|t| t.stats().nonzero_weights),
    };
    let mut out = Outcome {
        rows: Vec::new(),
        models: Vec::new(),
    };
    let d = task.train.inputs.len();
    let first = first_taking(candidates, d)?;
    let want = cfg.methods;
    let paper_cfg = cfg.paper_with(first);
    if let Source::Sweep { weight, .. } = task.spec.source {
        // The paper's method alone can collapse to an empty network whatever the weight, so
        // swat's latent search (its best read-out) and swat's answer sweep beside it, with
        // the same autoencoder, depth and weight.
        progress("paper method and swat");
        let at_weight = |base: &FitConfig| {
            let mut c = base.clone();
            c.depths = vec![2];
            c.search.sparsity = weight;
            c
        };
        let (paper, swat) = (at_weight(&paper_cfg), at_weight(&cfg.swat));
        let (paper, swat) = rayon::join(
            || {
                want.paper
                    .then(|| fit(first.ae, first.geometry, &data, &paper, &|_, _, _| {}))
                    .transpose()
            },
            || {
                want.swat
                    .then(|| fit(first.ae, first.geometry, &data, &swat, &|_, _, _| {}))
                    .transpose()
            },
        );
        let note = format!("sparsity x{weight}");
        if let Some(paper) = paper? {
            out.rows.extend(ctx.fit_rows("paper", &paper, &note));
        }
        if let Some(swat) = swat? {
            out.rows.extend(ctx.fit_rows("swat", &swat, &note));
            out.rows.extend(ctx.read_out_rows(&swat, &note));
        }
        return Ok(out);
    }
    let teacher = matches!(task.spec.source, Source::Teacher { .. });
    progress(match (want.swat, teacher && want.paper) {
        (true, true) => "swat and paper method",
        (false, true) => "paper method",
        _ => "swat",
    });
    // Side by side: neither depends on the other, and each alone leaves cores idle.
    let (swat, paper) = rayon::join(
        || {
            want.swat
                .then(|| fit_each(candidates, &data, &cfg.swat, &|_, _, _| {}))
                .transpose()
        },
        || {
            (teacher && want.paper)
                .then(|| fit(first.ae, first.geometry, &data, &paper_cfg, &|_, _, _| {}))
                .transpose()
        },
    );
    let swat = swat?;
    if let Some((tried, best)) = &swat {
        let note = format!("autoencoder {}", tried[*best].name(candidates));
        let swat = &tried[*best].result;
        out.rows.extend(ctx.fit_rows("swat", swat, &note));
        out.rows.extend(ctx.ablation_rows(tried, candidates, true));
        out.rows.extend(ctx.ablation_rows(tried, candidates, false));
        out.rows.extend(ctx.encoded_rows(tried, candidates));
        out.models.push((
            "swat".into(),
            task.scaling
                .model(swat.depths[swat.chosen].network.clone(), &task.train),
        ));
    }
    if let Some(paper) = paper? {
        let note = format!("autoencoder {}", first.name);
        out.rows.extend(ctx.fit_rows("paper", &paper, &note));
        out.models.push((
            "paper".into(),
            task.scaling
                .model(paper.depths[paper.chosen].network.clone(), &task.train),
        ));
    }
    if let Some((tried, best)) = swat.as_ref().filter(|_| cfg.methods.baselines) {
        progress("baselines");
        let swat = &tried[*best].result;
        let target = swat.depths[swat.chosen].stats.nonzero_params;
        out.rows
            .extend(ctx.baseline_rows(&data, &cfg.baselines, target, cfg.seed)?);
    }
    Ok(out)
}

/// A depth's stage score for its best start of one kind (decoded or random): of the finalists
/// of that kind (one per random activation), the one the depth's rule picks.
struct Context<'a> {
    suite: Suite,
    task: &'a Task,
    range: f64,
    teacher: Option<usize>,
}

impl Context<'_> {
    #[allow(clippy::too_many_arguments)]
    fn row(
        &self,
        method: &str,
        depth: usize,
        chosen: bool,
        stats: &Stats,
        valid: &Scores,
        test: &Scores,
        seconds: Option<f64>,
        note: &str,
    ) -> Row {
        let scaled = |mse: f64| mse / (self.range * self.range);
        Row {
            suite: self.suite.name().into(),
            index: self.task.spec.index,
            task: self.task.spec.name.clone(),
            method: method.into(),
            depth,
            chosen,
            nonzero_weights: stats.nonzero_weights,
            nonzero_params: stats.nonzero_params,
            active_neurons: stats.active_neurons,
            teacher_nonzero_weights: self.teacher,
            test_mse_scaled: scaled(test.mse),
            valid_mse_scaled: scaled(valid.mse),
            test_r2: test.r2,
            test_mpe_percent: 100.0 * test.mpe,
            seconds,
            note: note.into(),
        }
    }

    /// One row per searched depth; the fit's choice is marked.
    fn fit_rows(&self, method: &str, r: &FitResult, note: &str) -> Vec<Row> {
        r.depths
            .iter()
            .enumerate()
            .map(|(k, d)| {
                let test = d.test.expect("bench tasks have test rows");
                self.row(
                    method,
                    d.depth,
                    k == r.chosen,
                    &d.stats,
                    &d.valid,
                    &test,
                    Some(d.seconds),
                    note,
                )
            })
            .collect()
    }

    /// The read-out of swat's latent search (the paper's read-out at the iterate that
    /// validated best), before any fine-tuning or pruning: per depth, the best decoded start.
    fn read_out_rows(&self, r: &FitResult, note: &str) -> Vec<Row> {
        let var = variance(&self.task.valid.y);
        r.depths
            .iter()
            .filter_map(|d| {
                let s = stage_of(d, true, Stage::Start, var)?;
                Some(self.stage_row("swat-read-out", d.depth, true, s, note))
            })
            .collect()
    }

    /// swat restricted to one kind of start: per depth that kind's sparsified network (the
    /// same fine-tune and pruning), chosen across depths, and across the autoencoders' fits,
    /// by the same rule.
    fn ablation_rows(&self, tried: &[Tried], candidates: &[Candidate], decoded: bool) -> Vec<Row> {
        let method = if decoded {
            "swat-decoded-only"
        } else {
            "swat-random-only"
        };
        self.chosen_stage_rows(tried, candidates, decoded, Stage::Sparsify, method)
    }

    /// The network decoded at the data's own code, before any search or tuning (autoencoders
    /// that encode data only), of the best decoded start; chosen across depths and fits by the
    /// same rule.
    fn encoded_rows(&self, tried: &[Tried], candidates: &[Candidate]) -> Vec<Row> {
        self.chosen_stage_rows(tried, candidates, true, Stage::Encoded, "swat-encoded")
    }

    /// One stage of the best start of one kind per depth, of the fit and depth the choice
    /// between depths prefers (`ablation::across_fits`); the note names that fit's autoencoder.
    fn chosen_stage_rows(
        &self,
        tried: &[Tried],
        candidates: &[Candidate],
        decoded: bool,
        stage: Stage,
        method: &str,
    ) -> Vec<Row> {
        let errors =
            |net: &crate::mlp::Mlp| squared_errors(net, &self.task.scaling, &self.task.valid);
        let judge = Judge {
            variance: variance(&self.task.valid.y),
            train_rows: self.task.train.rows(),
            errors: &errors,
        };
        let fits: Vec<&FitResult> = tried.iter().map(|t| &t.result).collect();
        let Some((k, (found, chosen))) = across_fits(&fits, decoded, stage, &judge) else {
            return Vec::new();
        };
        let note = format!("autoencoder {}", tried[k].name(candidates));
        found
            .iter()
            .enumerate()
            .map(|(i, (depth, s))| self.stage_row(method, *depth, i == chosen, s, &note))
            .collect()
    }

    /// A row for one stage of a swat fit (its time is in the fit's rows).
    fn stage_row(
        &self,
        method: &str,
        depth: usize,
        chosen: bool,
        s: &StageScore,
        note: &str,
    ) -> Row {
        let test = s.test.expect("bench tasks have test rows");
        self.row(method, depth, chosen, &s.stats, &s.valid, &test, None, note)
    }

    /// Dense nets at CORNN's sizes; magnitude pruning of the best of them to `target`
    /// non-zero parameters; L1 training on the best dense size, the weight chosen by the
    /// validation rows.
    fn baseline_rows(
        &self,
        data: &FitData,
        cfg: &BaselineConfig,
        target: usize,
        seed: u64,
    ) -> Result<Vec<Row>, FitError> {
        let d = data.train.inputs.len();
        let g = baselines::geometry(d);
        let scaled = Scaled::new(data, d);
        let score = |depth: usize, canvas: &[f32]| -> Result<Scored, FitError> {
            let net = network(&g, depth, d, canvas)?;
            let test = eval(
                &net,
                data.scaling,
                data.test.expect("bench tasks have test rows"),
            );
            Ok((net.stats(), eval(&net, data.scaling, data.valid), test))
        };
        // Each loop's trainings are independent and seeded, so they run side by side; a row's
        // seconds are its own wall time while sharing the cores.
        let mut rows = Vec::new();
        let mut best: Option<(usize, f64)> = None;
        let dense: Vec<(usize, Vec<f32>, Scored, f64)> = DENSE_DEPTHS
            .par_iter()
            .map(|&depth| {
                let t = Instant::now();
                let canvas = baselines::dense(&g, depth, &scaled.train, &scaled.valid, cfg, seed);
                let scored = score(depth, &canvas)?;
                Ok((depth, canvas, scored, t.elapsed().as_secs_f64()))
            })
            .collect::<Result<_, FitError>>()?;
        for (depth, _, (stats, valid, test), secs) in &dense {
            let name = format!("dense-{depth}x{}", baselines::WIDTH);
            rows.push(self.row(&name, *depth, true, stats, valid, test, Some(*secs), ""));
            if best.is_none_or(|b| valid.mse < b.1) {
                best = Some((*depth, valid.mse));
            }
        }
        // Each dense size pruned to swat's count; the one that validates best (ties to the
        // smaller) is the baseline, as a practitioner would choose.
        let t = Instant::now();
        let pruned = dense
            .par_iter()
            .map(|(depth, canvas, _, _)| {
                let p = baselines::magnitude_prune(
                    &g,
                    *depth,
                    canvas,
                    target,
                    &scaled.train,
                    &scaled.valid,
                    cfg,
                );
                Ok((*depth, score(*depth, &p)?))
            })
            .collect::<Result<Vec<_>, FitError>>()?;
        let (from, scored) = self.best_of(pruned, data);
        let note = format!("from dense-{from}x{}, target {target}", baselines::WIDTH);
        rows.push(self.scored_row("magnitude-prune", from, &scored, t, &note));
        let (depth, _) = best.expect("three dense sizes");
        let t = Instant::now();
        let tried = cfg
            .l1
            .par_iter()
            .map(|&lambda| {
                let canvas = baselines::l1_threshold(&g, depth, &scaled.train, cfg, lambda, seed);
                Ok((lambda, score(depth, &canvas)?))
            })
            .collect::<Result<Vec<_>, FitError>>()?;
        let (lambda, scored) = self.best_of(tried, data);
        let note = format!("dense-{depth}x{}, lambda {lambda}", baselines::WIDTH);
        rows.push(self.scored_row("l1-threshold", depth, &scored, t, &note));
        Ok(rows)
    }

    /// Of `(label, scores)` candidates, the one `pick` prefers on the validation rows.
    fn best_of<L: Copy>(&self, tried: Vec<(L, Scored)>, data: &FitData) -> (L, Scored) {
        let k = pick(
            &tried
                .iter()
                .map(|(_, (s, v, _))| (v.mse, s.nonzero_params))
                .collect::<Vec<_>>(),
            variance(&data.valid.y),
            R2_SLACK,
        );
        tried.into_iter().nth(k).expect("pick returns an index")
    }

    /// A baseline's one answer row, timed from `started`.
    fn scored_row(
        &self,
        method: &str,
        depth: usize,
        (stats, valid, test): &Scored,
        started: Instant,
        note: &str,
    ) -> Row {
        let secs = started.elapsed().as_secs_f64();
        self.row(method, depth, true, stats, valid, test, Some(secs), note)
    }
}

/// A network's counts and its validation and test scores.
type Scored = (Stats, Scores, Scores);
