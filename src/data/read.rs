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

/// How a table is read: columns to leave out, and whether a row with a missing cell is dropped
/// (counted) instead of refused.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadOptions {
    /// Columns left out entirely (their cells may hold anything).
    pub ignore: Vec<String>,
    /// Drop rows with a missing cell (empty, `NA`, `N/A`, `NaN`, `?`) in a column that is read.
    pub drop_missing: bool,
}

/// A table and what reading it left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    pub table: Table,
    /// Rows dropped for a missing cell (with `drop_missing`).
    pub dropped_rows: usize,
}

/// Reads `path`: comma-separated, or tab-separated when the file is `.tsv`/`.tab` or its header
/// line has tabs and no commas. Cells are trimmed; blank lines are skipped.
pub fn read_table(path: &Path) -> Result<Table, DataError> {
    Ok(read(path, None, &ReadOptions::default())?.table)
}

/// Reads `path` as `read_table` does, leaving out and dropping what `options` say.
pub fn read_table_with(path: &Path, options: &ReadOptions) -> Result<Read, DataError> {
    read(path, None, options)
}

/// Reads only the named columns of `path`, in that order; the other columns may hold anything
/// (text, blanks), as a prediction needs only a model's inputs.
pub fn read_columns(path: &Path, names: &[String]) -> Result<Table, DataError> {
    Ok(read(path, Some(names), &ReadOptions::default())?.table)
}

/// Whether a cell stands for a missing value.
fn missing(cell: &str) -> bool {
    cell.is_empty() || ["NA", "N/A", "NaN", "nan", "?"].contains(&cell)
}

fn read(path: &Path, keep: Option<&[String]>, options: &ReadOptions) -> Result<Read, DataError> {
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
    if let Some(name) = options.ignore.iter().find(|n| !columns.contains(n)) {
        return Err(file_err(format!(
            "--ignore: no column named {name:?} (its columns: {})",
            columns.join(", ")
        )));
    }
    let w = columns.len();
    let selected: Vec<usize> = match keep {
        None => (0..w)
            .filter(|&c| !options.ignore.contains(&columns[c]))
            .collect(),
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
    let (mut rows, mut dropped) = (0, 0);
    // The first text cell of each column: all of them are named at once, not one per run.
    let mut text_cells: Vec<(usize, u64, String)> = Vec::new();
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
        if options.drop_missing && selected.iter().any(|&c| missing(&rec[c])) {
            dropped += 1;
            continue;
        }
        let start = values.len();
        for &c in &selected {
            let cell = &rec[c];
            let cell_err = |message: String| DataError::Cell {
                path: path.to_path_buf(),
                line,
                column: c + 1,
                message: format!("column {:?}: {message}", columns[c]),
            };
            if cell.is_empty() {
                return Err(cell_err(
                    "empty cell (--drop-missing drops rows with missing cells)".into(),
                ));
            }
            match cell.parse::<f64>() {
                Ok(v) if v.is_finite() => values.push(v),
                Ok(_) => {
                    return Err(cell_err(format!(
                        "{} is not a finite number{}",
                        quoted(cell),
                        if missing(cell) {
                            " (--drop-missing drops rows with missing cells)"
                        } else {
                            ""
                        }
                    )))
                }
                Err(_) if missing(cell) => {
                    return Err(cell_err(format!(
                        "{} marks a missing value (--drop-missing drops rows with missing cells)",
                        quoted(cell)
                    )))
                }
                Err(_) => {
                    if !text_cells.iter().any(|t| t.0 == c) {
                        text_cells.push((c, line, cell.to_string()));
                    }
                    values.push(f64::NAN);
                }
            }
        }
        debug_assert_eq!(values.len() - start, selected.len());
        rows += 1;
    }
    if let Some((c, line, cell)) = text_cells.first() {
        let names: Vec<&str> = text_cells.iter().map(|t| columns[t.0].as_str()).collect();
        let others = match &text_cells[1..] {
            [] => String::new(),
            more => format!(
                "; text also in {}",
                more.iter()
                    .map(|(c, l, _)| format!("{:?} (line {l})", columns[*c]))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let tip = if keep.is_none() {
            format!(
                "; leave non-numeric columns out with --ignore {}",
                names.join(",")
            )
        } else {
            String::new()
        };
        return Err(DataError::Cell {
            path: path.to_path_buf(),
            line: *line,
            column: c + 1,
            message: format!(
                "column {:?}: {} is not a number{others}{tip}",
                columns[*c],
                quoted(cell)
            ),
        });
    }
    if rows == 0 {
        return Err(file_err(if dropped > 0 {
            format!("every one of its {dropped} rows has a missing cell (--drop-missing)")
        } else {
            "has a header but no rows of numbers".into()
        }));
    }
    Ok(Read {
        table: Table {
            path: path.to_path_buf(),
            columns: selected.iter().map(|&c| columns[c].clone()).collect(),
            rows,
            values,
        },
        dropped_rows: dropped,
    })
}
