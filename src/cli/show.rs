//! `swat show`: a model file in words, or as a Graphviz graph.

use crate::mlp::Model;
use crate::report::show::{describe, dot};
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// A model file written by `swat fit` (or `swat generate`).
    model: PathBuf,
    /// Print a Graphviz graph instead (render with `dot -Tsvg`).
    #[arg(long)]
    dot: bool,
}

pub fn run(a: &ShowArgs) -> Result<()> {
    let model = Model::load(&a.model)?;
    print!("{}", if a.dot { dot(&model) } else { describe(&model) });
    Ok(())
}
