//! The command line: argument parsing and one function per subcommand.
//! In: `std::env::args`; out: files, a report on stdout, an exit code. Errors end here (anyhow).

mod bench;
mod export;
mod fit;
mod generate;
mod paths;
mod predict;
mod show;
mod train_ae;
mod train_log;

use crate::mlp::Activation;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "swat",
    version,
    about = "Find a small sparse MLP for a table of numbers: architecture and weights together.",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Find a small sparse network for a CSV table (one latent search per depth).
    #[command(allow_negative_numbers = true)]
    Fit(fit::FitArgs),
    /// Predict with a model file; input columns are matched by name.
    #[command(allow_negative_numbers = true)]
    Predict(predict::PredictArgs),
    /// Describe a model: counts, formulas, a Graphviz graph or an SVG picture.
    #[command(allow_negative_numbers = true)]
    Show(show::ShowArgs),
    /// Write a model as ONNX.
    #[command(allow_negative_numbers = true)]
    Export(export::ExportArgs),
    /// Write a teacher dataset (train/valid/test CSV + teacher.json) or a batch of teacher networks.
    #[command(allow_negative_numbers = true)]
    Generate(generate::GenerateArgs),
    /// Train an autoencoder on a stream of random teacher networks (resumable).
    #[command(allow_negative_numbers = true)]
    TrainAe(train_ae::TrainAeArgs),
    /// Benchmark suites: the paper's teacher tasks and CORNN, with baselines (resumable,
    /// shardable).
    #[command(allow_negative_numbers = true)]
    Bench(bench::BenchArgs),
}

/// Runs swat with the process arguments; prints any error and returns a failing exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Generate(args) => generate::run(&args),
        Command::Fit(args) => fit::run(&args),
        Command::Predict(args) => predict::run(&args),
        Command::Show(args) => show::run(&args),
        Command::Export(args) => export::run(&args),
        Command::TrainAe(args) => train_ae::run(&args),
        Command::Bench(args) => bench::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("swat: error: {}", message(&e));
            ExitCode::FAILURE
        }
    }
}

/// An error and its causes, each said once: a cause whose text the message already holds (a
/// wrapped error that quotes its source) is not repeated.
fn message(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let part = cause.to_string();
        if text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text
}

/// An activation flag's value, by its model-file name.
fn parse_activation(s: &str) -> Result<Activation, String> {
    s.parse()
        .map_err(|e: crate::mlp::UnknownActivation| e.to_string())
}
