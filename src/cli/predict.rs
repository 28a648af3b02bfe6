//! `swat predict`: a model's predictions for a table, matched to the model's inputs by name.

use crate::data::read_table;
use crate::mlp::Model;
use anyhow::{bail, Context, Result};
use clap::Args;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct PredictArgs {
    /// A model file written by `swat fit`.
    model: PathBuf,
    /// Table with (at least) the model's input columns, by name; a target column is ignored.
    input: PathBuf,
    /// Where to write the input columns plus the prediction [default: standard output].
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(a: &PredictArgs) -> Result<()> {
    let model = Model::load(&a.model)?;
    let table = read_table(&a.input)?;
    let index: Vec<usize> = model
        .inputs
        .iter()
        .map(|name| {
            table
                .columns
                .iter()
                .position(|c| c == name)
                .with_context(|| {
                    format!(
                        "{}: no column named {name:?}, which the model needs (its inputs: {})",
                        a.input.display(),
                        model.inputs.join(", ")
                    )
                })
        })
        .collect::<Result<_>>()?;
    let w = table.columns.len();
    let x: Vec<f64> = (0..table.rows)
        .flat_map(|r| index.iter().map(move |&c| (r, c)))
        .map(|(r, c)| table.values[r * w + c])
        .collect();
    let pred = model.predict(&x)?;
    let name = if model
        .inputs
        .contains(&format!("{}_predicted", model.target))
    {
        bail!("an input is named like the prediction column; rename it");
    } else {
        format!("{}_predicted", model.target)
    };
    let mut out = model.inputs.join(",");
    let _ = writeln!(out, ",{name}");
    for (r, p) in pred.iter().enumerate() {
        for v in &x[r * index.len()..(r + 1) * index.len()] {
            let _ = write!(out, "{v},");
        }
        let _ = writeln!(out, "{p}");
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
