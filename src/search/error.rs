//! Why a fit cannot run, or did not finish.

use crate::canvas::CanvasError;

/// Why a fit cannot run.
#[derive(Debug, thiserror::Error)]
pub enum FitError {
    #[error("{0}")]
    Canvas(#[from] CanvasError),
    #[error("{0}")]
    Network(#[from] crate::mlp::MlpError),
    #[error(
        "the data has {data} inputs but the autoencoder's canvas takes at most {canvas}; train \
         one with more input rows (swat train-ae) and pass it with --autoencoder"
    )]
    TooManyInputs { data: usize, canvas: usize },
    #[error("--depths: depth {0} is outside the autoencoder's 1..={1} (and 0, the linear model, with --method swat)")]
    Depth(usize, usize),
    #[error("--restarts and --random-starts: at least one start per depth is needed")]
    NoStarts,
    #[error("--method paper needs an autoencoder whose canvas takes the data's inputs")]
    NoAutoencoder,
    #[error("the fit was stopped before it finished (interrupted)")]
    Stopped,
}
