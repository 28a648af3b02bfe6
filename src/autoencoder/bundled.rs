//! The autoencoders compiled into swat, so `swat fit` works with nothing else (DESIGN §2.3):
//! function-reading autoencoders with biases: sigmoid ones on a 3-input and a 7-input canvas,
//! and a leaky-ReLU twin of each; `fit` tries every one that takes the data (the 7-input
//! leaky-ReLU one on data wider than the 3-input canvas) and keeps the better network.
//! Training commands and scores: MODEL_CARD.md.
//! In: nothing; out: weights-only checkpoints.

use super::checkpoint::{Checkpoint, FormatError};

/// One bundled autoencoder.
#[derive(Debug)]
pub struct Bundled {
    /// How it is named in reports and model provenance.
    pub name: &'static str,
    /// Input columns its canvas takes.
    pub inputs: usize,
    /// The file's bytes (a weights-only `.swatae` checkpoint).
    pub bytes: &'static [u8],
    /// Whether `fit` searches with it when no autoencoder is named.
    pub default: bool,
    /// The fewest data columns `fit` searches it on by default (named, it takes any data its
    /// canvas takes).
    pub default_from: usize,
}

/// Every bundled autoencoder: the default ones first (in the order `fit` searches them).
pub static BUNDLED: [Bundled; 4] = [
    Bundled {
        name: "bundled swat3",
        inputs: 3,
        bytes: include_bytes!("../../assets/autoencoder/swat3.swatae"),
        default: true,
        default_from: 1,
    },
    Bundled {
        name: "bundled swat7",
        inputs: 7,
        bytes: include_bytes!("../../assets/autoencoder/swat7.swatae"),
        default: true,
        default_from: 1,
    },
    // Last: it shares `swat3`'s canvas, so it takes `swat3`'s random starts instead of tuning
    // the same networks again (`search::shared`; a fit on 3 inputs about 1.2× as long,
    // BENCHMARKS.md "Random starts shared between autoencoders of one canvas").
    Bundled {
        name: "bundled swat3leaky",
        inputs: 3,
        bytes: include_bytes!("../../assets/autoencoder/swat3leaky.swatae"),
        default: true,
        default_from: 1,
    },
    // `swat7`'s canvas with leaky-ReLU neurons: it shares `swat7`'s random starts. On data of
    // at most 3 inputs `swat3leaky` is the leaky-ReLU decoder, so it is searched by default on
    // 4 to 7 inputs only (BENCHMARKS.md, "A leaky-ReLU twin of swat7 (`swat7leaky`)").
    Bundled {
        name: "bundled swat7leaky",
        inputs: 7,
        bytes: include_bytes!("../../assets/autoencoder/swat7leaky.swatae"),
        default: true,
        default_from: 4,
    },
];

impl Bundled {
    /// Its checkpoint (checksum verified).
    pub fn checkpoint(&self) -> Result<Checkpoint, FormatError> {
        Checkpoint::from_bytes(self.bytes)
    }
}

/// The bundled autoencoders `fit` searches when none is named.
pub fn defaults() -> impl Iterator<Item = &'static Bundled> {
    BUNDLED.iter().filter(|b| b.default)
}
