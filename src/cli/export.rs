//! `swat export`: a model file as ONNX for other runtimes.

use crate::mlp::Model;
use anyhow::{Context, Result};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// A model file written by `swat fit`.
    model: PathBuf,
    /// Write ONNX (opset 13) here: input `x` [N, inputs] in your units, output `y` [N, 1].
    #[arg(long, required = true)]
    onnx: PathBuf,
}

pub fn run(a: &ExportArgs) -> Result<()> {
    super::paths::distinct(&[("MODEL", &a.model)], &[("--onnx", &a.onnx)])?;
    super::paths::writable_file("--onnx", &a.onnx)?;
    let model = Model::load(&a.model)?;
    crate::io::write_atomic(&a.onnx, &crate::export::onnx(&model))
        .with_context(|| format!("writing {}", a.onnx.display()))?;
    println!(
        "wrote {} (input x: {}; output y: {})",
        a.onnx.display(),
        model.inputs.join(", "),
        model.target
    );
    Ok(())
}
