//! The autoencoders compiled into swat, so `swat fit` works with nothing else (DESIGN §2.3):
//! two function-reading autoencoders with biases, on a 3-input and a 7-input canvas. `fit` tries each one that
//! takes the data and keeps the better network. Training commands and scores: MODEL_CARD.md.
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
}

/// Every bundled autoencoder, narrowest canvas first.
pub static BUNDLED: [Bundled; 2] = [
    Bundled {
        name: "bundled swat3",
        inputs: 3,
        bytes: include_bytes!("../../assets/autoencoder/swat3.swatae"),
    },
    Bundled {
        name: "bundled swat7",
        inputs: 7,
        bytes: include_bytes!("../../assets/autoencoder/swat7.swatae"),
    },
];

impl Bundled {
    /// Its checkpoint (checksum verified).
    pub fn checkpoint(&self) -> Result<Checkpoint, FormatError> {
        Checkpoint::from_bytes(self.bytes)
    }
}

/// The widest canvas among the bundled autoencoders.
pub fn max_inputs() -> usize {
    BUNDLED.iter().map(|b| b.inputs).max().unwrap_or(0)
}
