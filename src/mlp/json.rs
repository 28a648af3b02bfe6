//! The model file (`model.json`, format `swat-mlp` version 1): a network with its input and
//! target names, the scaling between the user's units and [-1, 1], its counts and provenance.
//! In: JSON text or a path; out: a checked `Model`, or an error that names what is wrong.

use super::{relabel, Activation, Layer, Mlp, MlpError, Stats, DEFAULT_LEAKY_SLOPE};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

pub const FORMAT: &str = "swat-mlp";
pub const VERSION: u64 = 1;

/// Per-input affine map from the user's units to [-1, 1]: `min` goes to -1, `max` to 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputScaling {
    pub min: Vec<f64>,
    pub max: Vec<f64>,
}

/// The target's affine map to [-1, 1]; the network's output is mapped back through it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputScaling {
    pub min: f64,
    pub max: f64,
}

impl InputScaling {
    /// The scaling that leaves `n` inputs as they are.
    pub fn identity(n: usize) -> Self {
        InputScaling {
            min: vec![-1.0; n],
            max: vec![1.0; n],
        }
    }
}

impl OutputScaling {
    pub fn identity() -> Self {
        OutputScaling {
            min: -1.0,
            max: 1.0,
        }
    }
    fn to_user(self, s: f64) -> f64 {
        (s + 1.0) * 0.5 * (self.max - self.min) + self.min
    }
}

/// Why a model file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    InFile {
        path: PathBuf,
        source: Box<ModelError>,
    },
    #[error("not valid JSON for a swat model: {0}")]
    Json(#[from] serde_json::Error),
    #[error("not a swat model file: \"format\" is {found}, expected \"{FORMAT}\"")]
    WrongFormat { found: String },
    #[error("unsupported swat model version {found}; this swat reads version {VERSION}")]
    WrongVersion { found: String },
    #[error("{0}")]
    Network(#[from] MlpError),
    #[error("{0}")]
    Invalid(String),
}

/// A network ready to predict in the user's units.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub inputs: Vec<String>,
    pub target: String,
    pub input_scaling: InputScaling,
    pub output_scaling: OutputScaling,
    pub network: Mlp,
    /// Free-form record of how the model was made (seed, settings, versions).
    pub provenance: Map<String, Value>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    format: Value,
    version: Value,
    inputs: Vec<String>,
    target: String,
    input_scaling: InputScaling,
    output_scaling: OutputScaling,
    layers: Vec<LayerDoc>,
    #[serde(default)]
    stats: StatsDoc,
    #[serde(default)]
    provenance: Map<String, Value>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LayerDoc {
    weights: Vec<Vec<f64>>,
    #[serde(default)]
    biases: Option<Vec<f64>>,
    activations: Vec<Activation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    leaky_slope: Option<f64>,
}

/// Every count is optional on reading; whatever is present must match the arrays.
#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatsDoc {
    #[serde(skip_serializing_if = "Option::is_none")]
    nonzero_weights: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nonzero_params: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    active_neurons: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hidden_widths: Option<Vec<usize>>,
}

/// Only the two fields that say what kind of file this is, read before anything else so that a
/// file of another kind is reported as such rather than as a missing field.
#[derive(Deserialize)]
struct Header {
    format: Option<Value>,
    version: Option<Value>,
}

impl Model {
    /// A model in the network's own units, with inputs `x1..xd` and target `y`.
    pub fn identity(network: Mlp) -> Model {
        let d = network.inputs();
        Model {
            inputs: (1..=d).map(|i| format!("x{i}")).collect(),
            target: "y".to_string(),
            input_scaling: InputScaling::identity(d),
            output_scaling: OutputScaling::identity(),
            network,
            provenance: Map::new(),
        }
    }

    pub fn stats(&self) -> Stats {
        self.network.stats()
    }

    /// Predicts the target, in the user's units, for row-major raw inputs (one column per name in
    /// `inputs`, in that order).
    pub fn predict(&self, x: &[f64]) -> Result<Vec<f64>, MlpError> {
        let d = self.inputs.len();
        let scaled: Vec<f64> = x
            .iter()
            .enumerate()
            .map(|(k, &v)| {
                let (lo, hi) = (self.input_scaling.min[k % d], self.input_scaling.max[k % d]);
                2.0 * (v - lo) / (hi - lo) - 1.0
            })
            .collect();
        let out = self.network.forward(&scaled)?;
        Ok(out
            .into_iter()
            .map(|s| self.output_scaling.to_user(s))
            .collect())
    }

    /// Reads and checks a model file.
    pub fn load(path: impl AsRef<Path>) -> Result<Model, ModelError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| ModelError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Model::from_json(&text).map_err(|e| ModelError::InFile {
            path: path.to_path_buf(),
            source: Box::new(e),
        })
    }

    /// Writes the model file atomically: a reader never sees a half-written file.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), ModelError> {
        let path = path.as_ref();
        crate::io::write_atomic(path, self.to_json().as_bytes()).map_err(|source| ModelError::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    /// Parses and checks model JSON: format and version first, then shapes, then `stats`.
    pub fn from_json(text: &str) -> Result<Model, ModelError> {
        // Editors on some systems begin UTF-8 files with a byte-order mark; JSON does not.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let header: Header = serde_json::from_str(text)?;
        match &header.format {
            Some(Value::String(s)) if s == FORMAT => {}
            Some(other) => {
                return Err(ModelError::WrongFormat {
                    found: other.to_string(),
                })
            }
            None => {
                return Err(ModelError::WrongFormat {
                    found: "missing".into(),
                })
            }
        }
        match &header.version {
            Some(v) if v.as_u64() == Some(VERSION) => {}
            Some(v) => {
                return Err(ModelError::WrongVersion {
                    found: v.to_string(),
                })
            }
            None => {
                return Err(ModelError::WrongVersion {
                    found: "missing".into(),
                })
            }
        }
        let doc: Doc = serde_json::from_str(text)?;
        Model::from_doc(doc)
    }

    fn from_doc(doc: Doc) -> Result<Model, ModelError> {
        let invalid = |s: String| Err(ModelError::Invalid(s));
        let mut layers = Vec::with_capacity(doc.layers.len());
        for (k, l) in doc.layers.into_iter().enumerate() {
            let outputs = l.activations.len();
            if let Some(i) = l.weights.iter().position(|row| row.len() != outputs) {
                return invalid(format!(
                    "layer {}: weights row {} has {} entries, but the layer has {} activations \
                     (one per neuron)",
                    k + 1,
                    i,
                    l.weights[i].len(),
                    outputs
                ));
            }
            let inputs = l.weights.len();
            let layer = Layer::new(
                inputs,
                outputs,
                l.weights.concat(),
                l.biases,
                l.activations,
                l.leaky_slope.unwrap_or(DEFAULT_LEAKY_SLOPE),
            )
            .map_err(|e| relabel(e, k + 1))?;
            layers.push(layer);
        }
        let network = Mlp::new(layers)?;
        let d = network.inputs();
        if doc.inputs.len() != d {
            return invalid(format!(
                "\"inputs\" names {} columns but layer 1 has {} rows (one per input)",
                doc.inputs.len(),
                d
            ));
        }
        if network.outputs() != 1 {
            return invalid(format!(
                "the output layer has {} neurons; a model has exactly one (its target)",
                network.outputs()
            ));
        }
        if let Some(k) = (1..d).find(|&k| doc.inputs[..k].contains(&doc.inputs[k])) {
            return invalid(format!(
                "\"inputs\" names the column {:?} twice (inputs {} and {})",
                doc.inputs[k],
                doc.inputs[..k]
                    .iter()
                    .position(|n| *n == doc.inputs[k])
                    .map_or(0, |i| i + 1),
                k + 1
            ));
        }
        let sc = &doc.input_scaling;
        for (name, v) in [("min", &sc.min), ("max", &sc.max)] {
            if v.len() != d {
                return invalid(format!(
                    "input_scaling.{name} has {} values for {d} inputs",
                    v.len()
                ));
            }
        }
        for k in 0..d {
            let (lo, hi) = (sc.min[k], sc.max[k]);
            if !(lo.is_finite() && hi.is_finite() && lo < hi) {
                return invalid(format!(
                    "input_scaling of {:?}: min {lo} must be finite and below max {hi}",
                    doc.inputs[k]
                ));
            }
        }
        let os = doc.output_scaling;
        if !(os.min.is_finite() && os.max.is_finite() && os.min < os.max) {
            return invalid(format!(
                "output_scaling: min {} must be finite and below max {}",
                os.min, os.max
            ));
        }
        check_stats(&doc.stats, &network.stats())?;
        Ok(Model {
            inputs: doc.inputs,
            target: doc.target,
            input_scaling: doc.input_scaling,
            output_scaling: os,
            network,
            provenance: doc.provenance,
        })
    }

    /// The model as pretty JSON, `stats` recounted from the arrays.
    pub fn to_json(&self) -> String {
        let s = self.network.stats();
        let doc = Doc {
            format: Value::from(FORMAT),
            version: Value::from(VERSION),
            inputs: self.inputs.clone(),
            target: self.target.clone(),
            input_scaling: self.input_scaling.clone(),
            output_scaling: self.output_scaling,
            layers: self
                .network
                .layers()
                .iter()
                .map(|l| LayerDoc {
                    weights: l
                        .weights()
                        .chunks(l.outputs())
                        .map(<[f64]>::to_vec)
                        .collect(),
                    biases: Some(l.biases().to_vec()),
                    activations: l.activations().to_vec(),
                    leaky_slope: l.uses_leaky_slope().then_some(l.leaky_slope()),
                })
                .collect(),
            stats: StatsDoc {
                nonzero_weights: Some(s.nonzero_weights),
                nonzero_params: Some(s.nonzero_params),
                active_neurons: Some(s.active_neurons),
                hidden_widths: Some(s.hidden_widths),
            },
            provenance: self.provenance.clone(),
        };
        let mut text = serde_json::to_string_pretty(&doc).expect("a model serialises");
        text.push('\n');
        text
    }
}

fn check_stats(claimed: &StatsDoc, actual: &Stats) -> Result<(), ModelError> {
    let mismatch = |field: &str, c: String, a: String| {
        Err(ModelError::Invalid(format!(
            "stats.{field} is {c} but the layers have {a}"
        )))
    };
    let pairs = [
        (
            "nonzero_weights",
            claimed.nonzero_weights,
            actual.nonzero_weights,
        ),
        (
            "nonzero_params",
            claimed.nonzero_params,
            actual.nonzero_params,
        ),
        (
            "active_neurons",
            claimed.active_neurons,
            actual.active_neurons,
        ),
    ];
    for (field, c, a) in pairs {
        if let Some(c) = c {
            if c != a {
                return mismatch(field, c.to_string(), a.to_string());
            }
        }
    }
    if let Some(w) = &claimed.hidden_widths {
        if *w != actual.hidden_widths {
            return mismatch(
                "hidden_widths",
                format!("{w:?}"),
                format!("{:?}", actual.hidden_widths),
            );
        }
    }
    Ok(())
}
