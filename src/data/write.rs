//! Tables back to CSV text: a header of input names and the target, then one row per line,
//! numbers printed so they read back exactly.
//! In: names and row-major values; out: CSV text.

use std::fmt::Write as _;
use std::ops::Range;

/// Rows `rows` of `x` (row-major, `inputs.len()` per row) and `y` as CSV with a header.
pub fn csv_text(
    inputs: &[String],
    target: &str,
    x: &[f64],
    y: &[f64],
    rows: Range<usize>,
) -> String {
    let d = inputs.len();
    let mut s = String::with_capacity(rows.len() * 16 * (d + 1));
    s.push_str(&inputs.join(","));
    let _ = writeln!(s, ",{target}");
    for r in rows {
        for v in &x[r * d..(r + 1) * d] {
            let _ = write!(s, "{v},");
        }
        let _ = writeln!(s, "{}", y[r]);
    }
    s
}
