//! The raw results of `swat bench`: one CSV row per task × method × depth, written atomically,
//! read back for the report, and joined across shards by `merge`.
//! In: rows from the runner or CSV files; out: CSV text and checked, de-duplicated rows.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One network a method produced for one task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub suite: String,
    /// The task's position in its suite (what shards split on).
    pub index: usize,
    pub task: String,
    /// `swat`, `paper`, `swat-decoded-only`, `swat-random-only`, `dense-1x10`, …
    pub method: String,
    /// Hidden layers of this network's depth slot (its search depth, or the dense depth).
    pub depth: usize,
    /// Whether the method chose this depth's network as its answer for the task.
    pub chosen: bool,
    pub nonzero_weights: usize,
    pub nonzero_params: usize,
    pub active_neurons: usize,
    /// Non-zero weights of the teacher behind the data (paper suite).
    pub teacher_nonzero_weights: Option<usize>,
    /// MSE with targets scaled to [0, 1] by the training rows' min and max (CORNN's metric).
    pub test_mse_scaled: f64,
    pub valid_mse_scaled: f64,
    pub test_r2: f64,
    /// The paper's median percentage error on the test rows, in percent.
    pub test_mpe_percent: f64,
    /// Wall time of this network's work (empty where it is shared, as for the ablations read
    /// off swat's own run).
    pub seconds: Option<f64>,
    /// Settings that distinguish the row (an L1 weight, a sparsity weight).
    pub note: String,
}

/// Why results cannot be read or joined.
#[derive(Debug, thiserror::Error)]
pub enum ResultsError {
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },
    #[error("{path}: {row} is also in {other}; merge each shard once")]
    Duplicate {
        path: PathBuf,
        other: PathBuf,
        /// Which row, in words.
        row: String,
    },
}

/// The rows as CSV text with a header.
pub fn to_csv(rows: &[Row]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.serialize(r).expect("rows serialise");
    }
    String::from_utf8(w.into_inner().expect("in memory")).expect("UTF-8")
}

/// Reads a results CSV; an error names the file and the line.
pub fn read_csv(path: &Path) -> Result<Vec<Row>, ResultsError> {
    let file_err = |message: String| ResultsError::File {
        path: path.to_path_buf(),
        message,
    };
    let mut r = csv::Reader::from_path(path).map_err(|e| file_err(e.to_string()))?;
    r.deserialize()
        .map(|row| {
            row.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                file_err(format!("line {line}: {e}"))
            })
        })
        .collect()
}

/// Joins shards' rows, ordered by suite, task index, method and depth; a row present in two
/// files is an error (the same shard merged twice, or overlapping shards).
pub fn merge(files: &[PathBuf]) -> Result<Vec<Row>, ResultsError> {
    let mut all: Vec<(Row, PathBuf)> = Vec::new();
    for f in files {
        all.extend(read_csv(f)?.into_iter().map(|r| (r, f.clone())));
    }
    all.sort_by(|a, b| key(&a.0).cmp(&key(&b.0)));
    for pair in all.windows(2) {
        if key(&pair[0].0) == key(&pair[1].0) {
            let r = &pair[1].0;
            return Err(ResultsError::Duplicate {
                path: pair[1].1.clone(),
                other: pair[0].1.clone(),
                row: format!(
                    "the row for {} task {} ({}), method {}, depth {}",
                    r.suite, r.index, r.task, r.method, r.depth
                ),
            });
        }
    }
    Ok(all.into_iter().map(|(r, _)| r).collect())
}

fn key(r: &Row) -> (&str, usize, &str, usize, &str) {
    (&r.suite, r.index, &r.method, r.depth, &r.note)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(index: usize, method: &str) -> Row {
        Row {
            suite: "cornn".into(),
            index,
            task: format!("f{index}"),
            method: method.into(),
            depth: 1,
            chosen: true,
            nonzero_weights: 10,
            nonzero_params: 12,
            active_neurons: 3,
            teacher_nonzero_weights: None,
            test_mse_scaled: 0.01,
            valid_mse_scaled: 0.011,
            test_r2: 0.99,
            test_mpe_percent: 1.5,
            seconds: Some(2.0),
            note: String::new(),
        }
    }

    #[test]
    fn csv_round_trips_and_merge_orders_and_refuses_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
        std::fs::write(&a, to_csv(&[row(2, "swat"), row(0, "swat")])).unwrap();
        let mut other = row(1, "dense-1x10");
        other.seconds = None;
        other.teacher_nonzero_weights = Some(14);
        std::fs::write(&b, to_csv(&[other.clone()])).unwrap();
        let merged = merge(&[a.clone(), b.clone()]).unwrap();
        assert_eq!(
            merged.iter().map(|r| r.index).collect::<Vec<_>>(),
            vec![0, 1, 2]
        );
        assert_eq!(merged[1], other);
        let err = merge(&[a.clone(), a.clone()]).unwrap_err().to_string();
        assert!(err.contains("task 0") && err.contains("a.csv"), "{err}");
        std::fs::write(&b, "suite,index\ncornn,x\n").unwrap();
        let err = read_csv(&b).unwrap_err().to_string();
        assert!(err.contains("b.csv") && err.contains("line 2"), "{err}");
    }
}
