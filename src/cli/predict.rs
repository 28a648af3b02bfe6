//! `swat predict`: a model's predictions for a table, matched to the model's inputs by name.

use crate::data::read_columns;
use crate::mlp::Model;
use anyhow::{bail, Context, Result};
use clap::Args;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct PredictArgs {
    /// A model file written by `swat fit`.
    model: PathBuf,
    /// Table with (at least) the model's input columns, by name; other columns (a target, ids,
    /// text) are ignored.
    input: PathBuf,
    /// Where to write the input columns plus the prediction [default: standard output].
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(a: &PredictArgs) -> Result<()> {
    if let Some(out) = &a.out {
        super::paths::distinct(
            &[("MODEL", &a.model), ("INPUT", &a.input)],
            &[("--out", out)],
        )?;
        super::paths::writable_file("--out", out)?;
    }
    let model = Model::load(&a.model)?;
    let name = format!("{}_predicted", model.target);
    if model.inputs.contains(&name) {
        bail!(
            "{}: an input is named {name:?}, like the prediction column; rename it",
            a.model.display()
        );
    }
    let table = read_columns(&a.input, &model.inputs).with_context(|| {
        format!(
            "the model needs the columns {} of INPUT",
            model.inputs.join(", ")
        )
    })?;
    let pred = model.predict(&table.values)?;
    let bad: Vec<usize> = (0..pred.len()).filter(|&r| !pred[r].is_finite()).collect();
    if let Some(&first) = bad.first() {
        bail!(
            "{}: the prediction for {} row(s) is not a finite number (first: data row {}); the \
             model's scaling or these inputs are beyond what f64 represents",
            a.input.display(),
            bad.len(),
            first + 1
        );
    }
    let d = model.inputs.len();
    let mut out = model.inputs.join(",");
    let _ = writeln!(out, ",{name}");
    for (r, p) in pred.iter().enumerate() {
        for v in &table.values[r * d..(r + 1) * d] {
            let _ = write!(out, "{},", number(*v));
        }
        let _ = writeln!(out, "{}", number(*p));
    }
    match &a.out {
        Some(path) => crate::io::write_atomic(path, out.as_bytes())
            .with_context(|| format!("writing {}", path.display()))?,
        None => {
            use std::io::Write;
            match std::io::stdout().lock().write_all(out.as_bytes()) {
                // A reader that stops early (`| head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                other => other.context("writing to standard output")?,
            }
        }
    }
    Ok(())
}

/// A float in its shortest form that reads back exactly (`1e308`, not 309 digits).
fn number(v: f64) -> String {
    format!("{v:?}")
}
