//! swat's native Python module, `swat._swat`: fits arrays through the library's front door
//! (`swat::Swat`) and wraps the fitted model. In: float64 bytes from numpy and the settings as
//! keyword arguments; out: a `Model` and the fit's per-depth results as JSON. The public face
//! is the pure-Python `swat.SwatRegressor`.

use pyo3::exceptions::{PyKeyboardInterrupt, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use std::path::PathBuf;
use std::time::Duration;
use swat::estimator::{Bar, LatentInit, PaperReadOut, Progress, Silent, Wide};
use swat::mlp::Activation;
use swat::search::folds::{FOLDS, FOLDS_BELOW_ROWS, NOISY_FOLDS_BELOW_ROWS, NOISY_R2};
use swat::search::{FitConfig, FitError};
use swat::{Dataset, Method, Source, Swat, SwatError, SwatParams, Tables};

fn value_error(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// Row-major float64 values from numpy's `tobytes()`.
fn floats(bytes: &[u8], what: &str) -> PyResult<Vec<f64>> {
    if bytes.len() % 8 != 0 {
        return Err(value_error(format!(
            "{what}: {} bytes is not a whole number of float64 values",
            bytes.len()
        )));
    }
    Ok(bytes
        .chunks_exact(8)
        .map(|b| f64::from_ne_bytes(b.try_into().expect("8 bytes")))
        .collect())
}

fn method(name: &str) -> PyResult<Method> {
    match name {
        "swat" => Ok(Method::Swat),
        "paper" => Ok(Method::Paper),
        other => Err(value_error(format!(
            "method: {other:?} is not one of 'swat', 'paper'"
        ))),
    }
}

fn latent_init(name: &str) -> PyResult<LatentInit> {
    match name {
        "encode" => Ok(LatentInit::Encode),
        "prior" => Ok(LatentInit::Prior),
        "uniform" => Ok(LatentInit::Uniform),
        other => Err(value_error(format!(
            "latent_init: {other:?} is not one of 'encode', 'prior', 'uniform'"
        ))),
    }
}

fn read_out(name: &str) -> PyResult<PaperReadOut> {
    [PaperReadOut::LowestLoss, PaperReadOut::Last]
        .into_iter()
        .find(|r| r.name() == name)
        .ok_or_else(|| {
            value_error(format!(
                "read_out: {name:?} is not one of 'lowest-loss', 'last'"
            ))
        })
}

fn wide(name: &str) -> PyResult<Wide> {
    match name {
        "screen" => Ok(Wide::Screen),
        "random-starts" => Ok(Wide::RandomStarts),
        other => Err(value_error(format!(
            "wide: {other:?} is not one of 'screen', 'random-starts'"
        ))),
    }
}

/// `None` or ["bundled"]: the bundled defaults; "bundled:NAME": one; otherwise a file;
/// several are searched side by side.
fn source(names: Option<&[String]>) -> Source {
    match names {
        None => Source::Bundled,
        Some([one]) if one == "bundled" => Source::Bundled,
        Some(paths) => Source::from_paths(&paths.iter().map(PathBuf::from).collect::<Vec<_>>()),
    }
}

/// The settings as the Python estimator passes them: a dict holding every key, `None`
/// taking swat's default.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct Settings {
    method: Option<String>,
    depths: Option<Vec<usize>>,
    iterations: Option<usize>,
    restarts: Option<usize>,
    latent_init: Option<String>,
    read_out: Option<String>,
    random_starts: Option<usize>,
    random_activations: Option<Vec<String>>,
    sparsity: Option<f64>,
    tolerance: Option<f64>,
    r2_slack: Option<f64>,
    valid_fraction: Option<f64>,
    folds: Option<usize>,
    seed: Option<u64>,
    autoencoder: Option<Vec<String>>,
    wide: Option<String>,
}

impl Settings {
    /// The front door's settings (unchecked).
    fn params(self) -> PyResult<SwatParams> {
        let mut p = Swat::params();
        if let Some(m) = &self.method {
            p.method = method(m)?;
        }
        p.depths = self.depths;
        p.iterations = self.iterations;
        p.restarts = self.restarts;
        p.latent_init = self.latent_init.as_deref().map(latent_init).transpose()?;
        p.read_out = self.read_out.as_deref().map(read_out).transpose()?;
        if let Some(list) = self.random_activations {
            p.random_activations = list
                .iter()
                .map(|a| {
                    a.parse::<Activation>()
                        .map_err(|e| value_error(format!("random_activations: {e}")))
                })
                .collect::<PyResult<_>>()?;
        }
        for (field, v) in [
            (&mut p.sparsity, self.sparsity),
            (&mut p.tolerance, self.tolerance),
            (&mut p.r2_slack, self.r2_slack),
            (&mut p.valid_fraction, self.valid_fraction),
        ] {
            if let Some(v) = v {
                *field = v;
            }
        }
        if let Some(n) = self.random_starts {
            p.random_starts = n;
        }
        p.folds = self.folds;
        if let Some(s) = self.seed {
            p.seed = s;
        }
        p.autoencoder = source(self.autoencoder.as_deref());
        if let Some(w) = &self.wide {
            p.wide = wide(w)?;
        }
        Ok(p)
    }
}

/// The library's defaults, by setting, in words (where the method changes one, both).
#[pyfunction]
fn defaults() -> Vec<(&'static str, String)> {
    let p = SwatParams::default();
    let (swat, paper) = (FitConfig::new(Method::Swat), FitConfig::new(Method::Paper));
    let init = |m: Method| {
        let name = match p.clone().method(m).resolved_latent_init() {
            LatentInit::Encode => "encode",
            LatentInit::Prior => "prior",
            LatentInit::Uniform => "uniform",
        };
        name.to_string()
    };
    let both = |s: String, q: String| format!("{s} (the paper's method: {q})");
    let list = |v: &[usize]| format!("{v:?}");
    let activations: Vec<&str> = p.random_activations.iter().map(|a| a.name()).collect();
    vec![
        ("method", "swat".into()),
        ("depths", both(list(&swat.depths), list(&paper.depths))),
        (
            "iterations",
            both(
                format!("at most {}, early-stopped", swat.iterations),
                paper.iterations.to_string(),
            ),
        ),
        (
            "restarts",
            both(
                swat.search.restarts.to_string(),
                paper.search.restarts.to_string(),
            ),
        ),
        ("latent_init", both(init(Method::Swat), init(Method::Paper))),
        (
            "read_out",
            format!(
                "{} (the paper's method only)",
                FitConfig::new(Method::Paper).paper_read_out.name()
            ),
        ),
        ("random_starts", p.random_starts.to_string()),
        ("random_activations", activations.join(", ")),
        ("sparsity", p.sparsity.to_string()),
        ("tolerance", p.tolerance.to_string()),
        ("r2_slack", p.r2_slack.to_string()),
        ("valid_fraction", p.valid_fraction.to_string()),
        (
            "folds",
            format!(
                "{FOLDS}-fold cross-validation below {FOLDS_BELOW_ROWS} rows, and below \
                 {NOISY_FOLDS_BELOW_ROWS} rows on noisy tables (explained R² under {NOISY_R2} \
                 before any fit), otherwise one split"
            ),
        ),
        ("random_state", p.seed.to_string()),
        (
            "autoencoder",
            "the bundled ones, each that takes the data (swat7leaky on 4 to 7 inputs)".into(),
        ),
        ("wide", p.wide.name().into()),
    ]
}

/// A fitted sparse network in the user's units: what model.json holds.
#[pyclass(module = "swat._swat", frozen)]
struct Model(swat::Model);

#[pymethods]
impl Model {
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Model> {
        swat::Model::from_json(text).map(Model).map_err(value_error)
    }

    #[staticmethod]
    fn load(path: PathBuf) -> PyResult<Model> {
        swat::Model::load(&path).map(Model).map_err(value_error)
    }

    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// Pickles (and copies) as its JSON, which round-trips every weight exactly.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = slf.get_type().getattr("from_json")?;
        Ok((from_json, (slf.get().0.to_json(),)))
    }

    /// Writes model.json atomically.
    fn save(&self, path: PathBuf) -> PyResult<()> {
        self.0
            .save(&path)
            .map_err(|e| PyOSError::new_err(e.to_string()))
    }

    /// Writes the model as an ONNX graph, atomically.
    fn to_onnx(&self, path: PathBuf) -> PyResult<()> {
        let bytes = swat::export::onnx(&self.0);
        swat::io::write_atomic(&path, &bytes)
            .map_err(|e| PyOSError::new_err(format!("{}: {e}", path.display())))
    }

    /// Predictions for row-major float64 inputs, as float64 bytes.
    fn predict<'py>(&self, py: Python<'py>, x: &[u8]) -> PyResult<Bound<'py, PyBytes>> {
        let x = floats(x, "X")?;
        let y = py.detach(|| self.0.predict(&x)).map_err(value_error)?;
        let bytes: Vec<u8> = y.iter().flat_map(|v| v.to_ne_bytes()).collect();
        Ok(PyBytes::new(py, &bytes))
    }

    /// The network in words (what `swat show` prints).
    fn describe(&self) -> String {
        swat::report::show::describe(&self.0)
    }

    #[getter]
    fn inputs(&self) -> Vec<String> {
        self.0.inputs.clone()
    }

    #[getter]
    fn target(&self) -> String {
        self.0.target.clone()
    }

    #[getter]
    fn depth(&self) -> usize {
        self.0.network.depth()
    }

    #[getter]
    fn hidden_widths(&self) -> Vec<usize> {
        self.0.stats().hidden_widths
    }

    #[getter]
    fn n_nonzero_params(&self) -> usize {
        self.0.stats().nonzero_params
    }

    #[getter]
    fn n_nonzero_weights(&self) -> usize {
        self.0.stats().nonzero_weights
    }

    /// The inputs the network reads (pruning often drops some).
    #[getter]
    fn inputs_used(&self) -> Vec<String> {
        let used = self.0.network.used_inputs();
        self.0
            .inputs
            .iter()
            .zip(used)
            .filter(|(_, u)| *u)
            .map(|(name, _)| name.clone())
            .collect()
    }

    /// model.json's `provenance`, as JSON.
    #[getter]
    fn provenance(&self) -> String {
        serde_json::Value::Object(self.0.provenance.clone()).to_string()
    }

    fn __repr__(&self) -> String {
        let s = self.0.stats();
        format!(
            "Model({} -> {}, depth {}, hidden widths {:?}, {} non-zero parameters)",
            self.0.inputs.join(", "),
            self.0.target,
            self.0.network.depth(),
            s.hidden_widths,
            s.nonzero_params
        )
    }
}

/// The fit's evidence as JSON: per depth (chosen or not) its size, scores and stages.
fn results(fitted: &swat::Fitted) -> String {
    let r = fitted.result();
    let depths: Vec<serde_json::Value> = r
        .depths
        .iter()
        .enumerate()
        .map(|(k, d)| {
            serde_json::json!({
                "depth": d.depth,
                "chosen": k == r.chosen,
                "start": d.origin.to_string(),
                "nonzero_params": d.stats.nonzero_params,
                "nonzero_weights": d.stats.nonzero_weights,
                "hidden_widths": d.stats.hidden_widths,
                "train": d.train,
                "valid": d.valid,
                "seconds": d.seconds,
                "iterations": d.iterations,
                "stages": d.stages.iter().map(|s| serde_json::json!({
                    "start": s.origin.to_string(),
                    "stage": s.stage.to_string(),
                    "nonzero_params": s.stats.nonzero_params,
                    "valid": s.valid,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({
        "depths": depths,
        "folds": fitted.folds,
        "autoencoder": fitted.autoencoder.as_ref().map(|a| a.name.clone()),
        "autoencoders_tried": fitted.attempts.iter().map(|a| a.autoencoder.clone()).collect::<Vec<_>>(),
        "screened": fitted.screened.as_ref().map(|s| serde_json::json!({
            "kept": s.kept.iter().map(|&c| &fitted.model.inputs[c]).collect::<Vec<_>>(),
            "important": s.important.iter().map(|&c| &fitted.model.inputs[c]).collect::<Vec<_>>(),
            "answer_inputs": s.answer_inputs.iter().map(|&c| &fitted.model.inputs[c]).collect::<Vec<_>>(),
            "importance": s.importance,
            "valid_r2": s.valid_r2,
        })),
    })
    .to_string()
}

/// Fits row-major `x` (float64 bytes, `len(names)` columns) to `y`; returns the model and
/// the results as JSON. The GIL is released while it runs; Ctrl-C stops it.
#[pyfunction]
fn fit(
    py: Python<'_>,
    x: &[u8],
    y: &[u8],
    names: Vec<String>,
    target: String,
    settings: Settings,
    verbose: bool,
) -> PyResult<(Model, String)> {
    let p = settings.params()?;
    let swat = p.check().map_err(value_error)?;
    let data = Dataset::from_arrays("X", names, target, floats(x, "X")?, floats(y, "y")?)
        .map_err(value_error)?;
    let stop = swat.stop_handle();
    let mut interrupted = None;
    let outcome = py.detach(|| {
        let loaded = swat.autoencoders()?;
        let tables = Tables::train(&data, "X");
        let bar = verbose.then(Bar::new);
        let progress: &dyn Progress = match &bar {
            Some(b) => b,
            None => &Silent,
        };
        let outcome = std::thread::scope(|s| {
            let worker = s.spawn(|| swat.fit_with(&loaded, &tables, progress));
            // Python runs signal handlers on its main thread only, between bytecodes: look
            // for a Ctrl-C while the fit runs and ask the fit to stop.
            while !worker.is_finished() {
                std::thread::sleep(Duration::from_millis(50));
                if interrupted.is_none() {
                    if let Err(e) = Python::attach(|py| py.check_signals()) {
                        stop.request();
                        interrupted = Some(e);
                    }
                }
            }
            worker.join()
        });
        if let Some(b) = &bar {
            b.finish();
        }
        match outcome {
            Ok(r) => r,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    if let Some(e) = interrupted {
        return Err(e);
    }
    match outcome {
        Ok(fitted) => {
            let results = results(&fitted);
            Ok((Model(fitted.model), results))
        }
        Err(SwatError::Fit(FitError::Stopped)) => {
            Err(PyKeyboardInterrupt::new_err("the fit was interrupted"))
        }
        Err(e) => Err(value_error(e)),
    }
}

#[pymodule]
fn _swat(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(fit, m)?)?;
    m.add_function(wrap_pyfunction!(defaults, m)?)?;
    m.add_class::<Model>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
