//! The tasks of `swat bench`: which datasets a suite holds, how each is drawn (seeded, so every
//! shard and every rerun sees the same rows) and split, and which shard runs it.
//! In: a suite name, `--quick` and a shard; out: `Task`s with train/valid/test and their scaling.

use super::cornn::CORNN;
use crate::data::{Dataset, Scaling};
use crate::mlp::{Activation, InputScaling, Mlp, OutputScaling};
use crate::teacher::{Paper2024Target, TargetDataset, TeacherError};

/// A benchmark suite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suite {
    /// The 2024 paper's teacher tasks, and its sparsity-weight sweep.
    Paper,
    /// The 54 CORNN functions.
    Cornn,
}

impl Suite {
    pub fn name(self) -> &'static str {
        match self {
            Suite::Paper => "paper",
            Suite::Cornn => "cornn",
        }
    }
}

/// How one task's data is made.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A random sparse teacher (the paper's §1.5 test data).
    Teacher {
        activation: Activation,
        depth: usize,
        sparsity: f64,
        rows: usize,
        seed: u64,
    },
    /// The paper's sweep: the same depth-2 teacher fitted at several sparsity weights.
    Sweep { teacher: Box<Source>, weight: f64 },
    /// CORNN function `index` (in `CORNN`), uniform points from its domain.
    Cornn {
        index: usize,
        train: usize,
        test: usize,
        seed: u64,
    },
}

/// One row of a suite: its position (the key shards and merges use), name and data recipe.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskSpec {
    pub index: usize,
    pub name: String,
    pub source: Source,
}

/// A task's data, ready to fit.
#[derive(Debug, Clone)]
pub struct Task {
    pub spec: TaskSpec,
    pub train: Dataset,
    pub valid: Dataset,
    pub test: Dataset,
    pub scaling: Scaling,
    /// The teacher behind the data (paper suite).
    pub teacher: Option<Mlp>,
}

/// The paper's activations, depths and sparsities (width 5, 3 inputs).
pub const PAPER_ACTIVATIONS: [Activation; 3] = [
    Activation::Sigmoid,
    Activation::LeakyRelu,
    Activation::Linear,
];
pub const PAPER_SPARSITIES: [f64; 2] = [0.5, 0.8];
/// Sparsity weights of the sweep (multiples of the paper's).
pub const SWEEP_WEIGHTS: [f64; 6] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0];
/// The sweep's teacher: 2 hidden layers of 5, `int(45 × 0.32)` = 14 weights.
const SWEEP_SPARSITY: f64 = 0.68;

/// The tasks of `suite`; `quick` keeps a few small ones (a smoke test of the whole pipeline).
pub fn tasks(suite: Suite, quick: bool, seed: u64) -> Vec<TaskSpec> {
    let mut specs: Vec<(String, Source)> = Vec::new();
    match suite {
        Suite::Paper => {
            let rows = if quick { 4000 } else { 100_000 };
            for (a, act) in PAPER_ACTIVATIONS.iter().enumerate() {
                for depth in 1..=4 {
                    for (s, &sparsity) in PAPER_SPARSITIES.iter().enumerate() {
                        if quick && (depth != 2 || s != 0) {
                            continue;
                        }
                        let task_seed = seed.wrapping_add((a * 100 + depth * 10 + s) as u64);
                        specs.push((
                            format!("{}-d{depth}-s{sparsity}", act.name()),
                            Source::Teacher {
                                activation: *act,
                                depth,
                                sparsity,
                                rows,
                                seed: task_seed,
                            },
                        ));
                    }
                }
            }
            let teacher = Source::Teacher {
                activation: Activation::Sigmoid,
                depth: 2,
                sparsity: SWEEP_SPARSITY,
                rows,
                seed: seed.wrapping_add(1000),
            };
            let weights: &[f64] = if quick { &[1.0, 8.0] } else { &SWEEP_WEIGHTS };
            for &weight in weights {
                specs.push((
                    format!("sweep-x{weight}"),
                    Source::Sweep {
                        teacher: Box::new(teacher.clone()),
                        weight,
                    },
                ));
            }
        }
        Suite::Cornn => {
            for (index, f) in CORNN.iter().enumerate() {
                if quick && !["Booth", "Matyas", "Himmelblau"].contains(&f.name) {
                    continue;
                }
                specs.push((
                    f.name.to_string(),
                    Source::Cornn {
                        index,
                        train: 3750,
                        test: 1250,
                        seed: seed.wrapping_add(index as u64),
                    },
                ));
            }
        }
    }
    specs
        .into_iter()
        .enumerate()
        .map(|(index, (name, source))| TaskSpec {
            index,
            name,
            source,
        })
        .collect()
}

/// A shard `i/N` (0-based `i`): task `k` belongs to it when `k mod N = i`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl Shard {
    pub const ALL: Shard = Shard { index: 0, count: 1 };

    /// Parses `i/N` with `0 ≤ i < N`.
    pub fn parse(s: &str) -> Result<Shard, ShardError> {
        let (i, n) = s
            .split_once('/')
            .ok_or_else(|| ShardError::Form(s.into()))?;
        let parse = |v: &str, part: &'static str| {
            v.trim().parse::<usize>().map_err(|_| ShardError::Number {
                shard: s.into(),
                part,
                value: v.into(),
            })
        };
        let (index, count) = (parse(i, "i")?, parse(n, "N")?);
        if count == 0 || index >= count {
            return Err(ShardError::Range(s.into()));
        }
        Ok(Shard { index, count })
    }

    pub fn holds(self, task: &TaskSpec) -> bool {
        task.index % self.count == self.index
    }
}

/// Why `--shard` cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShardError {
    #[error("`{0}` is not of the form i/N (e.g. 0/4)")]
    Form(String),
    #[error("`{shard}`: {part} `{value}` is not a whole number")]
    Number {
        shard: String,
        part: &'static str,
        value: String,
    },
    #[error("`{0}`: need 0 ≤ i < N")]
    Range(String),
}

/// Why a task's data cannot be made.
#[derive(Debug, thiserror::Error)]
#[error("task {name}: {source}")]
pub struct TaskError {
    name: String,
    source: TeacherError,
}

impl TaskSpec {
    /// Draws the task's rows and splits them: teachers 50 / 30 / 20 as the paper did; CORNN
    /// functions `train` / `test` uniform points, a fifth of the training points held out for
    /// validation. Inputs are scaled by the domain ([−1, 1] for teachers), targets by the
    /// training rows' min and max.
    pub fn build(&self) -> Result<Task, TaskError> {
        let err = |source| TaskError {
            name: self.name.clone(),
            source,
        };
        match &self.source {
            Source::Teacher { .. } | Source::Sweep { .. } => {
                let data = teacher_data(&self.source).map_err(err)?;
                let names: Vec<String> = (1..=3).map(|i| format!("x{i}")).collect();
                let sizes = crate::teacher::split_sizes(data.rows()).map_err(err)?;
                let part = |from: usize, to: usize| Dataset {
                    inputs: names.clone(),
                    target: "y".into(),
                    x: data.x[from * 3..to * 3].to_vec(),
                    y: data.y[from..to].to_vec(),
                };
                let (a, b) = (sizes[0], sizes[0] + sizes[1]);
                let train = part(0, a);
                let scaling = with_domain(&train, &[(-1.0, 1.0); 3]);
                Ok(Task {
                    spec: self.clone(),
                    valid: part(a, b),
                    test: part(b, data.rows()),
                    train,
                    scaling,
                    teacher: Some(data.teacher.network.clone()),
                })
            }
            Source::Cornn {
                index,
                train,
                test,
                seed,
            } => {
                let f = &CORNN[*index];
                let all = f.dataset(train + test, *seed);
                let rows: Vec<usize> = (0..train + test).collect();
                let (fit_rows, test_rows) = rows.split_at(*train);
                let (train_set, valid) = all.subset(fit_rows).split(0.2, *seed);
                let scaling = with_domain(&train_set, &f.domain);
                Ok(Task {
                    spec: self.clone(),
                    test: all.subset(test_rows),
                    train: train_set,
                    valid,
                    scaling,
                    teacher: None,
                })
            }
        }
    }
}

/// The teacher dataset behind a `Teacher` or `Sweep` source.
pub fn teacher_data(source: &Source) -> Result<TargetDataset, TeacherError> {
    match source {
        Source::Teacher {
            activation,
            depth,
            sparsity,
            rows,
            seed,
        } => TargetDataset::generate(
            &Paper2024Target::new(*activation, *depth, *sparsity),
            *rows,
            *seed,
        ),
        Source::Sweep { teacher, .. } => teacher_data(teacher),
        Source::Cornn { .. } => unreachable!("CORNN tasks have no teacher"),
    }
}

/// Inputs scaled by `domain`, the target by the training rows' range.
fn with_domain(train: &Dataset, domain: &[(f64, f64)]) -> Scaling {
    let fitted = Scaling::fit(train);
    Scaling {
        input: InputScaling {
            min: domain.iter().map(|d| d.0).collect(),
            max: domain.iter().map(|d| d.1).collect(),
        },
        output: OutputScaling {
            min: fitted.output.min,
            max: fitted.output.max,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suites_have_the_issue_sizes() {
        let paper = tasks(Suite::Paper, false, 0);
        assert_eq!(paper.len(), 3 * 4 * 2 + SWEEP_WEIGHTS.len());
        assert_eq!(tasks(Suite::Cornn, false, 0).len(), 54);
        assert_eq!(tasks(Suite::Cornn, true, 0).len(), 3);
        // Indices are positions, so shards partition a suite.
        for n in 1..5 {
            let mut seen = vec![0; paper.len()];
            for i in 0..n {
                let shard = Shard { index: i, count: n };
                for t in paper.iter().filter(|t| shard.holds(t)) {
                    seen[t.index] += 1;
                }
            }
            assert!(seen.iter().all(|&s| s == 1));
        }
    }

    #[test]
    fn shards_parse_or_say_why_not() {
        assert_eq!(Shard::parse("2/4"), Ok(Shard { index: 2, count: 4 }));
        for bad in ["4/4", "1", "a/2", "0/0", "-1/3"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn cornn_task_splits_and_scales_as_cornn() {
        let t = tasks(Suite::Cornn, true, 0)
            .into_iter()
            .find(|t| t.name == "Booth")
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(t.train.rows() + t.valid.rows(), 3750);
        assert_eq!(t.test.rows(), 1250);
        assert_eq!(t.scaling.input.min, vec![-10.0, -10.0]);
        let y = t.scaling.targets(&t.train.y);
        let (lo, hi) = y
            .iter()
            .fold((1.0f64, -1.0f64), |(l, h), v| (l.min(*v), h.max(*v)));
        assert!((lo + 1.0).abs() < 1e-12 && (hi - 1.0).abs() < 1e-12);
        // The same spec draws the same rows.
        let again = tasks(Suite::Cornn, true, 0)[t.spec.index].build().unwrap();
        assert_eq!(again.test.x, t.test.x);
    }

    #[test]
    fn the_sweep_teacher_has_14_weights() {
        let sweep = tasks(Suite::Paper, true, 0)
            .into_iter()
            .find(|t| matches!(t.source, Source::Sweep { .. }))
            .unwrap();
        let teacher = sweep.build().unwrap().teacher.unwrap();
        assert_eq!(teacher.stats().nonzero_weights, 14);
        assert_eq!(teacher.depth(), 2);
    }
}
