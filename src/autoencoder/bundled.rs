//! The default autoencoder compiled into swat, so `swat fit` works with nothing else
//! (DESIGN §2.3). Its training command, seed and scores are in MODEL_CARD.md.
//! In: nothing; out: a weights-only checkpoint.

use super::checkpoint::Checkpoint;

/// The bundled file's bytes (a weights-only `.swatae` checkpoint).
pub static BYTES: &[u8] = include_bytes!("../../assets/autoencoder/default.swatae");

/// How the bundled autoencoder is named in reports and model provenance.
pub const NAME: &str = "bundled default";

/// The bundled autoencoder's checkpoint (checksum verified).
pub fn checkpoint() -> Result<Checkpoint, String> {
    Checkpoint::from_bytes(BYTES).map_err(|e| format!("the {NAME} autoencoder: {e}"))
}
