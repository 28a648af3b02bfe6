//! Why a report or a picture could not be written: the file and what went wrong.

use crate::mlp::{MlpError, ModelError};
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Drawing or encoding a picture failed (plotters' and png's errors, in words).
    #[error("{}: {message}", path.display())]
    Draw { path: PathBuf, message: String },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error(transparent)]
    Network(#[from] MlpError),
}

impl ReportError {
    pub(crate) fn io(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> ReportError + '_ {
        move |source| ReportError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
