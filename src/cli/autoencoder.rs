//! The autoencoder a command works with: a checkpoint file from `--autoencoder`, or the one
//! bundled into the binary. In: an optional path; out: the loaded trainer, its name and bytes.

use crate::autoencoder::{bundled, Checkpoint, Trainer};
use anyhow::{Context, Result};
use std::path::PathBuf;

/// A loaded autoencoder and where it came from.
pub struct Loaded {
    pub checkpoint: Checkpoint,
    pub trainer: Trainer,
    /// The file's path, or the bundled one's name.
    pub name: String,
    /// The file's bytes (for its CRC in provenance).
    pub bytes: Vec<u8>,
}

impl Loaded {
    /// The bundled name, or the file's name without its directories.
    pub fn file_name(&self, path: &Option<PathBuf>) -> String {
        match path {
            Some(p) => p
                .file_name()
                .map_or(self.name.clone(), |f| f.to_string_lossy().into_owned()),
            None => bundled::NAME.to_string(),
        }
    }

    pub fn crc32(&self) -> String {
        format!("{:08x}", crc32fast::hash(&self.bytes))
    }
}

/// Loads `--autoencoder FILE`, or the bundled default when `path` is `None`.
pub fn load(path: &Option<PathBuf>) -> Result<Loaded> {
    let (checkpoint, name, bytes) = match path {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
            let ckpt = Checkpoint::from_bytes(&bytes)
                .map_err(|e| anyhow::anyhow!("--autoencoder {}: {e}", p.display()))?;
            (ckpt, p.display().to_string(), bytes)
        }
        None => (
            bundled::checkpoint().map_err(anyhow::Error::msg)?,
            bundled::NAME.to_string(),
            bundled::BYTES.to_vec(),
        ),
    };
    let trainer = Trainer::resume(&checkpoint).with_context(|| format!("loading {name}"))?;
    Ok(Loaded {
        checkpoint,
        trainer,
        name,
        bytes,
    })
}
