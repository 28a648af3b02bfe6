//! The one way to get a usable autoencoder: a checkpoint file written by `swat train-ae`, one
//! bundled autoencoder by name, or every bundled one. In: a `Source`; out: loaded trainers with
//! their names and bytes (for provenance), ready to be searched.

use super::checkpoint::FormatError;
use super::{bundled, Checkpoint, TrainError, Trainer};
use std::path::{Path, PathBuf};

/// Which autoencoders a fit searches with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Source {
    /// Every default bundled autoencoder whose canvas takes the data (the better network
    /// kept).
    #[default]
    Bundled,
    /// One bundled autoencoder by its short name (`swat3`, `swat7`, `swat3leaky`, `swat7leaky`).
    BundledNamed(String),
    /// A checkpoint file written by `swat train-ae`.
    File(PathBuf),
    /// Several of the above, each searched as the bundled ones are (the better network kept).
    Several(Vec<Source>),
}

impl Source {
    /// `bundled:NAME` names a bundled autoencoder; anything else is a file.
    pub fn from_path(p: &Path) -> Source {
        match p.to_str().and_then(|s| s.strip_prefix("bundled:")) {
            Some(name) => Source::BundledNamed(name.to_string()),
            None => Source::File(p.to_path_buf()),
        }
    }

    /// The autoencoders a repeated `--autoencoder` names: none is every bundled one, one is
    /// itself, several are searched side by side.
    pub fn from_paths(paths: &[PathBuf]) -> Source {
        match paths {
            [] => Source::Bundled,
            [p] => Source::from_path(p),
            _ => Source::Several(paths.iter().map(|p| Source::from_path(p)).collect()),
        }
    }
}

/// Why an autoencoder cannot be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("--autoencoder bundled:{name}: no such bundled autoencoder (bundled: {known})")]
    NoSuchBundled { name: String, known: String },
    #[error("--autoencoder {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("--autoencoder {path}: {source}")]
    Checkpoint { path: PathBuf, source: FormatError },
    #[error("the {name} autoencoder: {source}")]
    Bundled { name: String, source: FormatError },
    #[error("loading {name}: {source}")]
    Resume { name: String, source: TrainError },
}

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
    /// The fewest data columns it is searched on (`Bundled::default_from` for a bundled
    /// default; 1 for one named).
    pub searched_from: usize,
}

impl Loaded {
    /// The checksum the file stores over its contents: it tells files apart, unlike a CRC of
    /// the whole file, which a trailing CRC makes the same constant for every file.
    pub fn crc32(&self) -> String {
        let body = &self.bytes[..self.bytes.len().saturating_sub(4)];
        format!("{:08x}", crc32fast::hash(body))
    }

    /// Input columns its canvas takes.
    pub fn inputs(&self) -> usize {
        self.trainer.config().geometry.inputs
    }

    /// Whether its encoder reads functions (so a fit can start at the data's own code).
    pub fn reads_functions(&self) -> bool {
        self.trainer.model().reads_functions()
    }

    /// The latent codes of about 256 of its own training teachers (`--latent-init prior`):
    /// enough variety that a few fit any smooth data roughly.
    pub fn prior(&self, seed: u64) -> Result<Vec<f32>, TrainError> {
        let batches = 256usize.div_ceil(self.trainer.config().batch);
        self.trainer.prior_latents(batches, seed)
    }
}

/// Loads the autoencoders `source` names.
pub fn load(source: &Source) -> Result<Vec<Loaded>, LoadError> {
    let from_bundle = |b: &bundled::Bundled, searched_from: usize| {
        let checkpoint = b.checkpoint().map_err(|source| LoadError::Bundled {
            name: b.name.to_string(),
            source,
        })?;
        Ok((
            checkpoint,
            b.name.to_string(),
            b.name.to_string(),
            b.bytes.to_vec(),
            searched_from,
        ))
    };
    let parts: Vec<(Checkpoint, String, String, Vec<u8>, usize)> = match source {
        Source::BundledNamed(name) => {
            let b = bundled::BUNDLED
                .iter()
                .find(|b| b.name.strip_prefix("bundled ") == Some(name.as_str()))
                .ok_or_else(|| LoadError::NoSuchBundled {
                    name: name.clone(),
                    known: bundled::BUNDLED
                        .iter()
                        .map(|b| b.name.trim_start_matches("bundled "))
                        .collect::<Vec<_>>()
                        .join(", "),
                })?;
            vec![from_bundle(b, 1)?]
        }
        Source::File(p) => {
            let bytes = std::fs::read(p).map_err(|source| LoadError::Read {
                path: p.clone(),
                source,
            })?;
            let checkpoint =
                Checkpoint::from_bytes(&bytes).map_err(|source| LoadError::Checkpoint {
                    path: p.clone(),
                    source,
                })?;
            let file = p.file_name().map_or(p.display().to_string(), |f| {
                f.to_string_lossy().into_owned()
            });
            vec![(checkpoint, p.display().to_string(), file, bytes, 1)]
        }
        Source::Bundled => bundled::defaults()
            .map(|b| from_bundle(b, b.default_from))
            .collect::<Result<_, LoadError>>()?,
        Source::Several(sources) => {
            let mut all = Vec::new();
            for s in sources {
                all.extend(load(s)?);
            }
            return Ok(all);
        }
    };
    parts
        .into_iter()
        .map(|(checkpoint, name, file, bytes, searched_from)| {
            let trainer = Trainer::resume(&checkpoint).map_err(|source| LoadError::Resume {
                name: name.clone(),
                source,
            })?;
            Ok(Loaded {
                checkpoint,
                trainer,
                name,
                file,
                bytes,
                searched_from,
            })
        })
        .collect()
}

/// The widest canvas among `loaded`.
pub fn max_inputs(loaded: &[Loaded]) -> usize {
    loaded.iter().map(Loaded::inputs).max().unwrap_or(0)
}
