//! The autoencoders a command works with: a checkpoint file from `--autoencoder`, or every one
//! bundled into the binary. In: an optional path; out: loaded trainers with names and bytes.

use crate::autoencoder::{bundled, Checkpoint, Trainer};
use crate::search::Candidate;
use anyhow::{Context, Result};
use std::path::PathBuf;

/// A loaded autoencoder and where it came from.
pub struct Loaded {
    pub checkpoint: Checkpoint,
    pub trainer: Trainer,
    /// The bundled one's name, or the file's path.
    pub name: String,
    /// The bundled one's name, or the file's name without its directories (for provenance).
    pub file: String,
    /// The file's bytes (for its CRC in provenance).
    pub bytes: Vec<u8>,
}

impl Loaded {
    /// The checksum the file stores over its contents: it tells files apart, unlike a CRC of
    /// the whole file, which a trailing CRC makes the same constant for every file.
    pub fn crc32(&self) -> String {
        let body = &self.bytes[..self.bytes.len().saturating_sub(4)];
        format!("{:08x}", crc32fast::hash(body))
    }

    pub fn inputs(&self) -> usize {
        self.trainer.config().geometry.inputs
    }

    /// The latent codes of about 256 of its own training teachers (`--latent-init prior`).
    pub fn prior(&self, seed: u64) -> Result<Vec<f32>> {
        let batches = 256usize.div_ceil(self.trainer.config().batch);
        Ok(self.trainer.prior_latents(batches, seed)?)
    }
}

/// Loads `--autoencoder FILE`, one bundled autoencoder (`bundled:NAME`, e.g.
/// `bundled:swat7`), or every bundled one when `path` is `None`.
pub fn load(path: &Option<PathBuf>) -> Result<Vec<Loaded>> {
    let named = path
        .as_ref()
        .and_then(|p| p.to_str())
        .and_then(|p| p.strip_prefix("bundled:"));
    let parts: Vec<(Checkpoint, String, String, Vec<u8>)> = match (path, named) {
        (_, Some(name)) => {
            let b = bundled::BUNDLED
                .iter()
                .find(|b| b.name.strip_prefix("bundled ") == Some(name))
                .ok_or_else(|| {
                    let names: Vec<&str> = bundled::BUNDLED
                        .iter()
                        .map(|b| b.name.trim_start_matches("bundled "))
                        .collect();
                    anyhow::anyhow!(
                        "--autoencoder bundled:{name}: no such bundled autoencoder (bundled: {})",
                        names.join(", ")
                    )
                })?;
            let ckpt = b.checkpoint().map_err(anyhow::Error::msg)?;
            vec![(
                ckpt,
                b.name.to_string(),
                b.name.to_string(),
                b.bytes.to_vec(),
            )]
        }
        (Some(p), None) => {
            let bytes =
                std::fs::read(p).with_context(|| format!("--autoencoder {}", p.display()))?;
            let ckpt = Checkpoint::from_bytes(&bytes)
                .map_err(|e| anyhow::anyhow!("--autoencoder {}: {e}", p.display()))?;
            let file = p.file_name().map_or(p.display().to_string(), |f| {
                f.to_string_lossy().into_owned()
            });
            vec![(ckpt, p.display().to_string(), file, bytes)]
        }
        (None, _) => bundled::BUNDLED
            .iter()
            .map(|b| {
                let ckpt = b.checkpoint().map_err(anyhow::Error::msg)?;
                Ok((
                    ckpt,
                    b.name.to_string(),
                    b.name.to_string(),
                    b.bytes.to_vec(),
                ))
            })
            .collect::<Result<_>>()?,
    };
    parts
        .into_iter()
        .map(|(checkpoint, name, file, bytes)| {
            let trainer =
                Trainer::resume(&checkpoint).with_context(|| format!("loading {name}"))?;
            Ok(Loaded {
                checkpoint,
                trainer,
                name,
                file,
                bytes,
            })
        })
        .collect()
}

/// The widest canvas among `loaded`.
pub fn max_inputs(loaded: &[Loaded]) -> usize {
    loaded.iter().map(Loaded::inputs).max().unwrap_or(0)
}

/// Search candidates for data with `inputs` columns: each loaded autoencoder whose canvas
/// takes them, with its prior when `prior_seed` is given and, with `encode`, the probe points
/// an encoder of functions reads the data at.
pub fn candidates<'a>(
    loaded: &'a [Loaded],
    inputs: usize,
    prior_seed: Option<u64>,
    encode: bool,
) -> Result<Vec<Candidate<'a>>> {
    loaded
        .iter()
        .filter(|l| l.inputs() >= inputs)
        .map(|l| {
            Ok(Candidate {
                name: l.name.clone(),
                ae: l.trainer.model(),
                geometry: l.trainer.config().geometry,
                prior: match prior_seed {
                    Some(seed) => Some(l.prior(seed)?),
                    None => None,
                },
                probe: (encode && l.trainer.model().reads_functions())
                    .then(|| l.trainer.probe().to_vec()),
            })
        })
        .collect()
}
