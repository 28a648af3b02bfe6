//! Tables of numbers from CSV files: reading with errors that name file, line and column;
//! choosing the target; scaling inputs and target to [-1, 1]; carving a validation split.
//! In: a path (and a target name); out: a `Dataset` of row-major f64 inputs and targets.

mod read;
mod scale;
mod write;

pub use read::{read_columns, read_table, read_table_with, Read, ReadOptions, Table};
pub use scale::Scaling;
pub use write::csv_text;

use rand::seq::SliceRandom;
use std::path::PathBuf;

/// Why a table cannot be used. Every variant says where the problem is.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DataError {
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },
    #[error("{path}:{line}: {message}")]
    Line {
        path: PathBuf,
        line: u64,
        message: String,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Cell {
        path: PathBuf,
        line: u64,
        column: usize,
        message: String,
    },
}

/// The largest magnitude, and the largest and smallest spread, a column may have: squared
/// errors in the user's units must stay finite and normal in f64.
pub const MAX_MAGNITUDE: f64 = 1e150;
pub const MIN_SPREAD: f64 = 1e-150;

/// Refuses a column whose values or spread are beyond what squared errors can represent.
fn check_magnitude(table: &Table, c: usize) -> Result<(), DataError> {
    let (lo, hi) = scale::min_max(table.column(c).iter().copied());
    let spread = hi - lo;
    let big = lo.abs().max(hi.abs()) > MAX_MAGNITUDE || spread > MAX_MAGNITUDE;
    let tiny = spread > 0.0 && spread < MIN_SPREAD;
    if big || tiny {
        return Err(DataError::File {
            path: table.path.clone(),
            message: format!(
                "column {:?} runs from {lo:e} to {hi:e}: swat computes squared errors in your \
                 units, which needs magnitudes up to {MAX_MAGNITUDE:e} and spreads of at least \
                 {MIN_SPREAD:e}; rescale the column (other units)",
                table.columns[c]
            ),
        });
    }
    Ok(())
}

/// Inputs and target chosen from a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub inputs: Vec<String>,
    pub target: String,
    /// Row-major, `inputs.len()` values per row.
    pub x: Vec<f64>,
    pub y: Vec<f64>,
}

impl Dataset {
    pub fn rows(&self) -> usize {
        self.y.len()
    }

    /// Picks the target column (`None`: the last one) and uses every other column as an input.
    /// `max_inputs` is how many inputs the autoencoder's canvas accepts.
    pub fn from_table(
        table: &Table,
        target: Option<&str>,
        max_inputs: usize,
    ) -> Result<Dataset, DataError> {
        let file_err = |message: String| DataError::File {
            path: table.path.clone(),
            message,
        };
        let t = match target {
            None => table.columns.len() - 1,
            Some(name) => table
                .columns
                .iter()
                .position(|c| c == name)
                .ok_or_else(|| {
                    file_err(format!(
                        "--target: no column named {name:?} (columns: {})",
                        table.columns.join(", ")
                    ))
                })?,
        };
        if table.columns.len() < 2 {
            return Err(file_err(
                "needs at least two columns: one or more inputs and a target".into(),
            ));
        }
        let d = table.columns.len() - 1;
        if d > max_inputs {
            return Err(file_err(format!(
                "{d} input columns, but the autoencoder accepts at most {max_inputs}; drop columns, \
                 or train an autoencoder with more input rows (swat train-ae) and pass it with \
                 --autoencoder"
            )));
        }
        let n = table.rows;
        let w = table.columns.len();
        let mut x = Vec::with_capacity(n * d);
        let mut y = Vec::with_capacity(n);
        for r in 0..n {
            let row = &table.values[r * w..(r + 1) * w];
            for (c, v) in row.iter().enumerate() {
                if c == t {
                    y.push(*v);
                } else {
                    x.push(*v);
                }
            }
        }
        if y.iter().all(|v| *v == y[0]) {
            return Err(file_err(format!(
                "the target column {:?} is constant ({}): a target must vary to be fitted, \
                 validated or scored",
                table.columns[t], y[0]
            )));
        }
        for c in 0..w {
            check_magnitude(table, c)?;
        }
        Ok(Dataset {
            inputs: table
                .columns
                .iter()
                .enumerate()
                .filter(|(c, _)| *c != t)
                .map(|(_, s)| s.clone())
                .collect(),
            target: table.columns[t].clone(),
            x,
            y,
        })
    }

    /// Row-major inputs `x` (`inputs.len()` per row) and targets `y`, checked as a table file
    /// is: finite values, a varying target, magnitudes squared errors can hold. Errors name
    /// the rows and columns from 0, as arrays count them, in a source called `label`.
    pub fn from_arrays(
        label: &str,
        inputs: Vec<String>,
        target: String,
        x: Vec<f64>,
        y: Vec<f64>,
    ) -> Result<Dataset, DataError> {
        let path = PathBuf::from(label);
        let d = inputs.len();
        let fail = |message: String| DataError::File {
            path: path.clone(),
            message,
        };
        if d == 0 {
            return Err(fail("needs at least one input column".into()));
        }
        if x.len() != y.len() * d {
            return Err(fail(format!(
                "{} input values for {} rows of {d} inputs",
                x.len(),
                y.len()
            )));
        }
        if let Some(k) = x.iter().position(|v| !v.is_finite()) {
            return Err(fail(format!(
                "row {}, column {} is not finite ({})",
                k / d,
                k % d,
                x[k]
            )));
        }
        if let Some(r) = y.iter().position(|v| !v.is_finite()) {
            return Err(fail(format!("target row {r} is not finite ({})", y[r])));
        }
        let mut columns = inputs;
        columns.push(target);
        let mut values = Vec::with_capacity(x.len() + y.len());
        for (row, t) in x.chunks(d).zip(&y) {
            values.extend_from_slice(row);
            values.push(*t);
        }
        let table = Table {
            path: PathBuf::from(label),
            rows: y.len(),
            columns,
            values,
        };
        if table.rows == 0 {
            return Err(fail("has no rows".into()));
        }
        Dataset::from_table(&table, None, usize::MAX)
    }

    /// The rows at `index`, in that order.
    pub fn subset(&self, index: &[usize]) -> Dataset {
        let d = self.inputs.len();
        Dataset {
            inputs: self.inputs.clone(),
            target: self.target.clone(),
            x: index
                .iter()
                .flat_map(|&r| self.x[r * d..(r + 1) * d].iter().copied())
                .collect(),
            y: index.iter().map(|&r| self.y[r]).collect(),
        }
    }

    /// Only the input columns at `keep` (in that order), every row.
    pub fn with_inputs(&self, keep: &[usize]) -> Dataset {
        let d = self.inputs.len();
        Dataset {
            inputs: keep.iter().map(|&c| self.inputs[c].clone()).collect(),
            target: self.target.clone(),
            x: self
                .x
                .chunks(d)
                .flat_map(|row| keep.iter().map(move |&c| row[c]))
                .collect(),
            y: self.y.clone(),
        }
    }

    /// Splits off a random `fraction` of the rows (at least one, leaving at least one) as a
    /// validation set, reproducibly from `seed`. Returns (train, valid).
    pub fn split(&self, fraction: f64, seed: u64) -> (Dataset, Dataset) {
        let n = self.rows();
        let mut order: Vec<usize> = (0..n).collect();
        order.shuffle(&mut split_rng(seed));
        let (valid, train) = order.split_at(split_sizes(n, fraction).1);
        (self.subset(train), self.subset(valid))
    }

    /// These rows, then `other`'s (the same columns).
    pub fn joined(&self, other: &Dataset) -> Dataset {
        let mut all = self.clone();
        all.x.extend_from_slice(&other.x);
        all.y.extend_from_slice(&other.y);
        all
    }

    /// The `k` (train, held-out) pairs of k-fold cross-validation: the rows shuffled
    /// reproducibly from `seed`, then cut into `k` parts as equal as they can be, each held out
    /// once. Every row is held out exactly once.
    pub fn folds(&self, k: usize, seed: u64) -> Vec<(Dataset, Dataset)> {
        let n = self.rows();
        let k = k.clamp(1, n.max(1));
        let mut order: Vec<usize> = (0..n).collect();
        order.shuffle(&mut split_rng(seed));
        (0..k)
            .map(|f| {
                let (lo, hi) = (f * n / k, (f + 1) * n / k);
                let train: Vec<usize> = order[..lo].iter().chain(&order[hi..]).copied().collect();
                (self.subset(&train), self.subset(&order[lo..hi]))
            })
            .collect()
    }
}

/// (train, valid) row counts of `Dataset::split` of `rows` rows by `fraction`.
pub fn split_sizes(rows: usize, fraction: f64) -> (usize, usize) {
    let k = ((rows as f64 * fraction).round() as usize).clamp(1, rows.saturating_sub(1).max(1));
    (rows.saturating_sub(k), k)
}

#[cfg(test)]
mod tests;

/// The seeded generator of splits: ChaCha8, portable and stable across platforms (the same
/// generator as the teachers', `teacher::rng`, so splits repeat exactly across versions).
fn split_rng(seed: u64) -> rand_chacha::ChaCha8Rng {
    rand::SeedableRng::seed_from_u64(seed)
}
