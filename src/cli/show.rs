//! `swat show`: a model file in words, or as a Graphviz graph.

use crate::mlp::Model;
use crate::report::show::{describe, dot, svg};
use anyhow::{Context, Result};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// A model file written by `swat fit` (or `swat generate`).
    model: PathBuf,
    /// Print a Graphviz graph instead (render with `dot -Tsvg`).
    #[arg(long, conflicts_with = "svg")]
    dot: bool,
    /// Write an SVG picture of the network to this file.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
}

pub fn run(a: &ShowArgs) -> Result<()> {
    if let Some(path) = &a.svg {
        super::paths::distinct(&[("MODEL", &a.model)], &[("--svg", path)])?;
        super::paths::writable_file("--svg", path)?;
    }
    let model = Model::load(&a.model)?;
    if let Some(path) = &a.svg {
        crate::io::write_atomic(path, svg(&model).as_bytes())
            .with_context(|| format!("writing {}", path.display()))?;
        println!("wrote {}", path.display());
        return Ok(());
    }
    print!("{}", if a.dot { dot(&model) } else { describe(&model) });
    Ok(())
}
