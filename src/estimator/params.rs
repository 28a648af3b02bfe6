//! The front door's settings: every default of a fit lives here once (the command line's
//! defaults are read from it), and every value is checked once, before any work.
//! In: builder calls on `SwatParams`; out: a checked `Swat`, or a `ParamError` naming the setting.

use super::Swat;
use crate::autoencoder::load::Source;
use crate::mlp::Activation;
pub use crate::search::config::{RANDOM_ACTIVATIONS, RANDOM_STARTS};
pub use crate::search::latent::SPARSITY;
pub use crate::search::refine::TOLERANCE;
pub use crate::search::select::R2_SLACK;
use crate::search::{FitConfig, Method, PaperReadOut};

/// Share of the training rows held out for validation when no validation table is given.
pub const VALID_FRACTION: f64 = 0.2;
pub const SEED: u64 = 0;

/// Where the default method's latent search starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LatentInit {
    /// At the codes of the data's own function, estimated at the autoencoder's probe points
    /// and read by its encoder (an encoder that reads networks starts as with `Prior`).
    Encode,
    /// At the codes of about 256 of the autoencoder's own teachers that fit the data best.
    Prior,
    /// The paper's z ~ U[0, 1).
    Uniform,
}

impl LatentInit {
    /// Where a search with this setting actually began, as the provenance records it: an
    /// autoencoder that cannot encode data starts swat at its prior and the paper's method at
    /// z ~ U[0, 1).
    pub fn effective(self, reads_functions: bool, method: Method) -> &'static str {
        match self {
            LatentInit::Encode if reads_functions => "encode",
            LatentInit::Encode | LatentInit::Prior if method == Method::Swat => "prior",
            _ => "uniform",
        }
    }
}

/// How data wider than every autoencoder's canvas is fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wide {
    /// Rank the inputs by a dense network's permutation importance (`search::screen`) and fit
    /// the most important, as many as the widest canvas takes, with the autoencoders.
    Screen,
    /// swat's method from its random starts alone, on a canvas as wide as the data.
    RandomStarts,
}

impl Wide {
    /// Its name in model.json and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Wide::Screen => "screen",
            Wide::RandomStarts => "random-starts",
        }
    }
}

/// The default for data wider than every canvas (BENCHMARKS.md, "Wide tables").
pub const WIDE: Wide = Wide::Screen;

/// A setting that cannot be used, by its name here (`valid_fraction`); the command line names
/// it by its flag (`--valid-fraction`).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}: {problem}", names.join(" and "))]
pub struct ParamError {
    pub names: &'static [&'static str],
    pub problem: String,
}

impl ParamError {
    pub(crate) fn new(names: &'static [&'static str], problem: impl Into<String>) -> ParamError {
        ParamError {
            names,
            problem: problem.into(),
        }
    }

    /// The settings as command-line flags: `--valid-fraction`.
    pub fn flags(&self) -> String {
        self.names
            .iter()
            .map(|n| format!("--{}", n.replace('_', "-")))
            .collect::<Vec<_>>()
            .join(" and ")
    }
}

/// Unchecked settings of a fit; `None` fields take the method's default. Build with
/// `Swat::params()` and the setters, then `check` (or `fit`, which checks).
#[derive(Debug, Clone, PartialEq)]
pub struct SwatParams {
    pub method: Method,
    /// Depths to search; 0 is the linear model [default: 0–4 with swat, 1–4 with the paper's].
    pub depths: Option<Vec<usize>>,
    /// Latent-search iterations per depth [default: at most 2000 with swat, 30001 with paper].
    pub iterations: Option<usize>,
    /// Decoded starts per depth [default: 4 with swat, 1 with paper].
    pub restarts: Option<usize>,
    /// [default: `Encode` with both methods; an autoencoder that cannot encode data starts
    /// swat at its prior and the paper's method at z ~ U[0, 1)].
    pub latent_init: Option<LatentInit>,
    /// The paper's method: which iterate of its search is read out [default: the iterate of
    /// lowest loss]. Refused with swat's method, which reads out its own way.
    pub read_out: Option<PaperReadOut>,
    pub random_starts: usize,
    pub random_activations: Vec<Activation>,
    pub sparsity: f64,
    pub tolerance: f64,
    /// Validation R² the answer may give up for a smaller network.
    pub r2_slack: f64,
    pub valid_fraction: f64,
    /// k-fold cross-validation for the choice [default: 5 below 500 rows, and below 10,000
    /// on noisy tables (`search::folds::default_folds`), without a validation table; otherwise
    /// one split].
    pub folds: Option<usize>,
    pub seed: u64,
    pub autoencoder: Source,
    /// Data wider than every canvas.
    pub wide: Wide,
}

impl Default for SwatParams {
    fn default() -> SwatParams {
        SwatParams {
            method: Method::Swat,
            depths: None,
            iterations: None,
            restarts: None,
            latent_init: None,
            read_out: None,
            random_starts: RANDOM_STARTS,
            random_activations: RANDOM_ACTIVATIONS.to_vec(),
            sparsity: SPARSITY,
            tolerance: TOLERANCE,
            r2_slack: R2_SLACK,
            valid_fraction: VALID_FRACTION,
            folds: None,
            seed: SEED,
            autoencoder: Source::Bundled,
            wide: WIDE,
        }
    }
}

/// Setters that take the value and hand the params back, one per field (`Some` for the
/// optional ones).
macro_rules! setters {
    ($($(#[$doc:meta])* $kind:ident $name:ident: $ty:ty;)*) => {
        impl SwatParams {
            $(
                $(#[$doc])*
                pub fn $name(mut self, value: $ty) -> SwatParams {
                    self.$name = setters!(@$kind value);
                    self
                }
            )*
        }
    };
    (@value $v:ident) => { $v };
    (@some $v:ident) => { Some($v) };
}

setters! {
    value method: Method;
    some depths: Vec<usize>;
    some iterations: usize;
    some restarts: usize;
    some latent_init: LatentInit;
    some read_out: PaperReadOut;
    value random_starts: usize;
    value random_activations: Vec<Activation>;
    value sparsity: f64;
    value tolerance: f64;
    value r2_slack: f64;
    value valid_fraction: f64;
    /// 1: one validation split.
    some folds: usize;
    value seed: u64;
    value autoencoder: Source;
    value wide: Wide;
}

impl SwatParams {
    /// The method's default where a setting is unset: the data's own code for both methods.
    /// The paper's z ~ U[0, 1) suits the paper's weights-reading autoencoder, whose codes
    /// leave a leaky ReLU; an encoder of functions puts its codes elsewhere, and from U[0, 1) the
    /// paper's search with `swat3` fell to an empty network within a few iterations on half
    /// the paper suite's depths (BENCHMARKS.md, "The paper's method from the data's code").
    pub fn resolved_latent_init(&self) -> LatentInit {
        self.latent_init.unwrap_or(LatentInit::Encode)
    }

    /// Checks every value; the result fits.
    pub fn check(&self) -> Result<Swat, ParamError> {
        let p = self;
        let swat = p.method == Method::Swat;
        if !(p.valid_fraction > 0.0 && p.valid_fraction < 1.0) {
            return Err(ParamError::new(
                &["valid_fraction"],
                format!("{} is outside (0, 1)", p.valid_fraction),
            ));
        }
        if p.iterations == Some(0) {
            return Err(ParamError::new(&["iterations"], "must be at least 1"));
        }
        if p.folds == Some(0) {
            return Err(ParamError::new(
                &["folds"],
                "must be at least 1 (1: one validation split)",
            ));
        }
        if p.depths.as_ref().is_some_and(|d| d.is_empty()) {
            return Err(ParamError::new(&["depths"], "at least one depth is needed"));
        }
        let mut config = FitConfig::new(p.method);
        if let Some(d) = &p.depths {
            config.depths.clone_from(d);
        }
        if let Some(n) = p.iterations {
            config.iterations = n;
        }
        if let Some(k) = p.restarts {
            config.search.restarts = k;
        }
        if !swat && config.search.restarts == 0 {
            return Err(ParamError::new(
                &["restarts"],
                "the paper's method needs at least 1",
            ));
        }
        if swat {
            config.random_starts = p.random_starts;
            config.random_activations.clone_from(&p.random_activations);
            if config.search.restarts + config.random_starts == 0 {
                return Err(ParamError::new(
                    &["restarts", "random_starts"],
                    "at least one start per depth is needed",
                ));
            }
        }
        let number = |name: &'static [&'static str], v: f64, ok: bool, what: &str| {
            if v.is_finite() && ok {
                Ok(())
            } else {
                Err(ParamError::new(
                    name,
                    format!("{v} must be a number {what}"),
                ))
            }
        };
        number(&["tolerance"], p.tolerance, p.tolerance >= 0.0, "≥ 0")?;
        number(
            &["r2_slack"],
            p.r2_slack,
            (0.0..1.0).contains(&p.r2_slack),
            "in [0, 1)",
        )?;
        number(&["sparsity"], p.sparsity, p.sparsity >= 0.0, "≥ 0")?;
        let init = p.resolved_latent_init();
        if !swat && init == LatentInit::Prior {
            return Err(ParamError::new(
                &["latent_init"],
                "prior: only with the method swat (the paper's method starts at z ~ U[0, 1), \
                 or at the data's code with encode)",
            ));
        }
        if swat && p.read_out.is_some() {
            return Err(ParamError::new(
                &["read_out"],
                "only with the paper's method (swat reads out each restart's best-validating \
                 iterate and refines it)",
            ));
        }
        if let Some(r) = p.read_out {
            config.paper_read_out = r;
        }
        config.search.sparsity = p.sparsity;
        config.search.seed = p.seed;
        config.refine.tolerance = p.tolerance;
        config.refine.r2_slack = p.r2_slack;
        Ok(Swat {
            params: p.clone(),
            config,
            init,
        })
    }
}
