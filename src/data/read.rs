//! Reading a CSV (or tab-separated) table of numbers with a header row.
//! In: a path; out: column names and row-major f64 values, or an error naming file, line, column.

use super::DataError;
use std::path::{Path, PathBuf};

/// A table of finite numbers with named columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub path: PathBuf,
    pub columns: Vec<String>,
    pub rows: usize,
    /// Row-major, `columns.len()` values per row.
    pub values: Vec<f64>,
}

impl Table {
    /// Values of column `c`.
    pub fn column(&self, c: usize) -> Vec<f64> {
        let w = self.columns.len();
        (0..self.rows).map(|r| self.values[r * w + c]).collect()
    }
}

/// A cell as an error message quotes it: at most a few dozen characters, so a huge cell does
/// not become a huge message.
pub(super) fn quoted(cell: &str) -> String {
    const KEEP: usize = 40;
    match cell.char_indices().nth(KEEP) {
        None => format!("{cell:?}"),
        Some((cut, _)) => format!("{:?}… ({} characters)", &cell[..cut], cell.chars().count()),
    }
}

/// Reads `path`: comma-separated, or tab-separated when the file is `.tsv`/`.tab` or its header
/// line has tabs and no commas. Cells are trimmed; blank lines are skipped.
pub fn read_table(path: &Path) -> Result<Table, DataError> {
    read(path, None)
}

/// Reads only the named columns of `path`, in that order; the other columns may hold anything
/// (text, blanks), as a prediction needs only a model's inputs.
pub fn read_columns(path: &Path, names: &[String]) -> Result<Table, DataError> {
    read(path, Some(names))
}

fn read(path: &Path, keep: Option<&[String]>) -> Result<Table, DataError> {
    let file_err = |message: String| DataError::File {
        path: path.to_path_buf(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| file_err(e.to_string()))?;
    let first = text.lines().find(|l| !l.trim().is_empty());
    let Some(first) = first else {
        return Err(file_err(
            "is empty (expected a header row and rows of numbers)".into(),
        ));
    };
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let tab = matches!(ext, "tsv" | "tab") || (first.contains('\t') && !first.contains(','));
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(if tab { b'\t' } else { b',' })
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = rdr.headers().map_err(|e| file_err(e.to_string()))?.clone();
    let header_line = header.position().map_or(1, |p| p.line());
    let columns: Vec<String> = header.iter().map(str::to_string).collect();
    for (c, name) in columns.iter().enumerate() {
        if name.is_empty() {
            return Err(DataError::Cell {
                path: path.to_path_buf(),
                line: header_line,
                column: c + 1,
                message: "the header has an empty column name".into(),
            });
        }
        if columns[..c].contains(name) {
            return Err(DataError::Cell {
                path: path.to_path_buf(),
                line: header_line,
                column: c + 1,
                message: format!("the column name {name:?} appears twice"),
            });
        }
    }
    let w = columns.len();
    let selected: Vec<usize> = match keep {
        None => (0..w).collect(),
        Some(names) => names
            .iter()
            .map(|n| {
                columns.iter().position(|c| c == n).ok_or_else(|| {
                    file_err(format!(
                        "no column named {n:?} (its columns: {})",
                        columns.join(", ")
                    ))
                })
            })
            .collect::<Result<_, _>>()?,
    };
    let mut values = Vec::new();
    let mut rows = 0;
    for rec in rdr.records() {
        let rec = rec.map_err(|e| file_err(e.to_string()))?;
        let line = rec.position().map_or(0, |p| p.line());
        if rec.len() == 1 && rec[0].is_empty() {
            continue;
        }
        if rec.len() != w {
            return Err(DataError::Line {
                path: path.to_path_buf(),
                line,
                message: format!("{} fields, but the header has {w}", rec.len()),
            });
        }
        for &c in &selected {
            let cell = &rec[c];
            let cell_err = |message: String| DataError::Cell {
                path: path.to_path_buf(),
                line,
                column: c + 1,
                message: format!("column {:?}: {message}", columns[c]),
            };
            if cell.is_empty() {
                return Err(cell_err("empty cell".into()));
            }
            let v: f64 = cell
                .parse()
                .map_err(|_| cell_err(format!("{} is not a number", quoted(cell))))?;
            if !v.is_finite() {
                return Err(cell_err(format!("{} is not a finite number", quoted(cell))));
            }
            values.push(v);
        }
        rows += 1;
    }
    if rows == 0 {
        return Err(file_err("has a header but no rows of numbers".into()));
    }
    Ok(Table {
        path: path.to_path_buf(),
        columns: selected.iter().map(|&c| columns[c].clone()).collect(),
        rows,
        values,
    })
}
