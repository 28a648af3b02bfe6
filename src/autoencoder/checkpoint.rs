//! Autoencoder checkpoints: weights, optimiser state, the run's configuration and position, in
//! one checksummed file written atomically, so an interrupted write never leaves a file that
//! cannot load and a file from another run or architecture is recognised.
//! In: a trainer's state; out: bytes on disk (and back).
//!
//! Layout: `SWATAE\r\n` | u32 version | u64 n + n bytes metadata JSON | u64 n + n bytes model
//! (burnpack) | u64 n + n bytes optimiser (burnpack; empty in a weights-only file) | u32 CRC-32 of
//! everything before it.
//! Integers are little-endian.

use super::config::TrainConfig;
use super::validate::ValidReport;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"SWATAE\r\n";
const VERSION: u32 = 1;

/// What a checkpoint says about its run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckpointMeta {
    pub swat_version: String,
    pub config: TrainConfig,
    /// Steps completed; the next step to run is this one (its batch is drawn from stream `step`).
    pub step: u64,
    pub wall_seconds: f64,
    pub num_params: usize,
    pub last_valid: Option<ValidReport>,
}

/// A checkpoint in memory.
#[derive(Debug, Clone, PartialEq)]
pub struct Checkpoint {
    pub meta: CheckpointMeta,
    pub model: Vec<u8>,
    pub optim: Vec<u8>,
}

/// Why bytes are not a readable checkpoint.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    #[error("not a swat autoencoder checkpoint (wrong magic bytes)")]
    Magic,
    #[error("checkpoint format version {found}; this swat reads version {VERSION}")]
    Version { found: u32 },
    #[error("checksum mismatch: the file is truncated or corrupted")]
    Checksum,
    /// Where the bytes ran out.
    #[error("truncated {0}")]
    Truncated(&'static str),
    #[error("unreadable metadata: {0}")]
    Metadata(#[from] serde_json::Error),
}

/// Why a checkpoint could not be written or read.
#[derive(Debug, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct CheckpointError {
    pub path: PathBuf,
    pub message: String,
}

impl Checkpoint {
    /// The same checkpoint without the optimiser state: what a trained autoencoder needs to be
    /// used (and what swat bundles), about a third of the size. It cannot resume training.
    pub fn weights_only(&self) -> Checkpoint {
        Checkpoint {
            meta: self.meta.clone(),
            model: self.model.clone(),
            optim: Vec::new(),
        }
    }

    /// Whether the optimiser state is present (training can resume).
    pub fn resumable(&self) -> bool {
        !self.optim.is_empty()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let meta = serde_json::to_vec_pretty(&self.meta).expect("metadata serialises");
        let mut out = Vec::with_capacity(32 + meta.len() + self.model.len() + self.optim.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        for part in [&meta, &self.model, &self.optim] {
            out.extend_from_slice(&(part.len() as u64).to_le_bytes());
            out.extend_from_slice(part);
        }
        let crc = crc32fast::hash(&out);
        out.extend_from_slice(&crc.to_le_bytes());
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Checkpoint, FormatError> {
        if bytes.len() < 12 || &bytes[..8] != MAGIC {
            return Err(FormatError::Magic);
        }
        let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
        if version != VERSION {
            return Err(FormatError::Version { found: version });
        }
        if bytes.len() < 16 {
            return Err(FormatError::Truncated("checkpoint"));
        }
        let (body, tail) = bytes.split_at(bytes.len() - 4);
        let crc = u32::from_le_bytes(tail.try_into().expect("4 bytes"));
        if crc32fast::hash(body) != crc {
            return Err(FormatError::Checksum);
        }
        let mut at = 12;
        let mut parts = Vec::with_capacity(3);
        for name in ["metadata", "model", "optimiser"] {
            let len_end = at + 8;
            let len = body
                .get(at..len_end)
                .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")) as usize)
                .ok_or(FormatError::Truncated(name))?;
            let part = body
                .get(len_end..len_end.saturating_add(len))
                .ok_or(FormatError::Truncated(name))?;
            parts.push(part.to_vec());
            at = len_end + len;
        }
        let meta: CheckpointMeta = serde_json::from_slice(&parts[0])?;
        let optim = parts.pop().expect("three parts");
        let model = parts.pop().expect("three parts");
        Ok(Checkpoint { meta, model, optim })
    }

    /// Writes atomically: the previous checkpoint stays intact until the new one is complete.
    pub fn save(&self, path: &Path) -> Result<(), CheckpointError> {
        crate::io::write_atomic(path, &self.to_bytes()).map_err(|e| CheckpointError {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
    }

    pub fn load(path: &Path) -> Result<Checkpoint, CheckpointError> {
        let err = |message: String| CheckpointError {
            path: path.to_path_buf(),
            message,
        };
        let bytes = std::fs::read(path).map_err(|e| err(e.to_string()))?;
        Checkpoint::from_bytes(&bytes).map_err(|e| err(e.to_string()))
    }
}
