"""The scikit-learn estimator: settings in, ``fit`` on numpy arrays or pandas DataFrames
through swat's native module, a fitted ``Model`` and the fit's evidence out."""

import json
import numbers
import os

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted, validate_data

from . import _swat

# Settings passed straight to the native fit; every one left None takes swat's default
# (``defaults()``), so the defaults live in one place, the Rust library.
_SETTINGS = (
    "method",
    "depths",
    "iterations",
    "restarts",
    "latent_init",
    "read_out",
    "random_starts",
    "random_activations",
    "sparsity",
    "tolerance",
    "r2_slack",
    "valid_fraction",
    "folds",
    "autoencoder",
    "wide",
)


def defaults():
    """swat's default for every setting, in words."""
    return dict(_swat.defaults())


def _seed(random_state):
    """A seed for swat: an int as given (None: swat's default), a RandomState draws one."""
    if random_state is None:
        return None
    if isinstance(random_state, numbers.Integral):
        if random_state < 0:
            raise ValueError(f"random_state: {random_state} is negative")
        return int(random_state)
    return int(check_random_state(random_state).randint(np.iinfo(np.uint32).max))


def _count(name, value):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
        raise ValueError(f"{name}: expected a whole number ≥ 0, got {value!r}")
    return int(value)


def _real(name, value):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name}: expected a number, got {value!r}")
    return float(value)


def _text(name, value):
    if value is None:
        return None
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if not isinstance(value, str):
        raise ValueError(f"{name}: expected a string, got {value!r}")
    return value


def _autoencoders(name, value):
    if value is None:
        return None
    if isinstance(value, (str, os.PathLike)):
        return [_text(name, value)]
    found = _texts(name, value)
    if not found:
        raise ValueError(f"{name}: expected at least one autoencoder, got {value!r}")
    return found


def _counts(name, value):
    if value is None:
        return None
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = [value]
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise ValueError(f"{name}: expected a list of whole numbers, got {value!r}")
    return [_count(name, v) for v in value]


def _texts(name, value):
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise ValueError(f"{name}: expected a list of names, got {value!r}")
    return [_text(name, v) for v in value]


class SwatRegressor(RegressorMixin, BaseEstimator):
    """A small sparse MLP fitted to a regression table by swat.

    Every setting left ``None`` takes swat's default (see ``swat.defaults()``); they are those
    of ``swat fit``, whose ``--help`` explains each.

    Parameters
    ----------
    method : {"swat", "paper"}
        swat's method (decoded starts beside random starts, fine-tuned and pruned), or the
        paper's latent search alone.
    depths : list of int
        Hidden-layer counts to try; 0 is the linear model.
    iterations, restarts, latent_init, read_out, random_starts, random_activations,
    sparsity, tolerance, r2_slack, valid_fraction, folds :
        As ``swat fit``'s flags of the same names.
    random_state : int, RandomState or None
        The seed (None: swat's default seed 0, so fits repeat exactly).
    autoencoder : str or list of str
        "bundled" (the bundled ones, each that takes the data: MODEL_CARD.md),
        "bundled:NAME", or a checkpoint file; a list
        searches each side by side and keeps the better network (as ``--autoencoder``
        repeated).
    wide : {"screen", "random-starts"}
        Data with more inputs than any autoencoder takes: screen them down to the inputs
        that matter for one, or fit every input from random starts alone.
    verbose : bool
        Show a progress bar on standard error.

    Attributes
    ----------
    model_ : swat.Model
        The chosen network in the user's units.
    depth_, hidden_widths_, n_nonzero_params_ :
        Its hidden-layer count, widths and non-zero weights and biases.
    inputs_used_ : list of str
        The inputs the pruned network still reads.
    results_ : list of dict
        Per depth: size, train and validation scores, where its network started, its stages.
    screened_ : dict or None
        Data wider than every autoencoder's canvas, screened (``wide="screen"``): the inputs
        a canvas took (``kept``), those that matter (``important``), those the answer was
        fitted on (``answer_inputs``), every input's importance (validation R² lost when it is
        shuffled) and the screening network's validation R².
    n_features_in_, feature_names_in_ :
        As scikit-learn defines them.
    """

    def __init__(
        self,
        *,
        method=None,
        depths=None,
        iterations=None,
        restarts=None,
        latent_init=None,
        read_out=None,
        random_starts=None,
        random_activations=None,
        sparsity=None,
        tolerance=None,
        r2_slack=None,
        valid_fraction=None,
        folds=None,
        random_state=None,
        autoencoder=None,
        wide=None,
        verbose=False,
    ):
        self.method = method
        self.depths = depths
        self.iterations = iterations
        self.restarts = restarts
        self.latent_init = latent_init
        self.read_out = read_out
        self.random_starts = random_starts
        self.random_activations = random_activations
        self.sparsity = sparsity
        self.tolerance = tolerance
        self.r2_slack = r2_slack
        self.valid_fraction = valid_fraction
        self.folds = folds
        self.random_state = random_state
        self.autoencoder = autoencoder
        self.wide = wide
        self.verbose = verbose

    def _settings(self):
        """The settings as the native fit takes them, each checked for its type here and for
        its value by swat."""
        check = {
            "method": _text,
            "depths": _counts,
            "iterations": _count,
            "restarts": _count,
            "latent_init": _text,
            "read_out": _text,
            "random_starts": _count,
            "random_activations": _texts,
            "sparsity": _real,
            "tolerance": _real,
            "r2_slack": _real,
            "valid_fraction": _real,
            "folds": _count,
            "autoencoder": _autoencoders,
            "wide": _text,
        }
        kw = {name: check[name](name, getattr(self, name)) for name in _SETTINGS}
        kw["seed"] = _seed(self.random_state)
        return kw

    def fit(self, X, y):
        """Fits a sparse network to the rows of ``X`` (n_samples × n_features) and ``y``."""
        target = getattr(y, "name", None)
        target = target if isinstance(target, str) and target else "y"
        X, y = validate_data(self, X, y, y_numeric=True, dtype=np.float64, ensure_min_samples=2)
        names = (
            [str(n) for n in self.feature_names_in_]
            if hasattr(self, "feature_names_in_")
            else [f"x{i}" for i in range(X.shape[1])]
        )
        model, results = _swat.fit(
            np.ascontiguousarray(X).tobytes(),
            np.ascontiguousarray(y, dtype=np.float64).tobytes(),
            names,
            target,
            self._settings(),
            bool(self.verbose),
        )
        self._set_model(model)
        found = json.loads(results)
        self.results_ = found["depths"]
        self.folds_ = found["folds"]
        self.autoencoder_ = found["autoencoder"]
        self.screened_ = found["screened"]
        return self

    def _set_model(self, model):
        self.model_ = model
        self.depth_ = model.depth
        self.hidden_widths_ = list(model.hidden_widths)
        self.n_nonzero_params_ = model.n_nonzero_params
        self.inputs_used_ = list(model.inputs_used)

    def predict(self, X):
        """Predictions of the fitted network for the rows of ``X``."""
        check_is_fitted(self, "model_")
        X = validate_data(self, X, reset=False, dtype=np.float64)
        out = self.model_.predict(np.ascontiguousarray(X).tobytes())
        return np.frombuffer(out, dtype=np.float64).copy()

    def describe(self):
        """The fitted network in words: each neuron's weights, bias and activation."""
        check_is_fitted(self, "model_")
        return self.model_.describe()

    def save(self, path):
        """Writes the fitted model to ``path`` as model.json (atomically)."""
        check_is_fitted(self, "model_")
        self.model_.save(str(path))

    def to_onnx(self, path):
        """Writes the fitted model to ``path`` as an ONNX graph (atomically)."""
        check_is_fitted(self, "model_")
        self.model_.to_onnx(str(path))

    @classmethod
    def load(cls, path):
        """A fitted estimator around a model.json (from ``save`` or ``swat fit``). Its settings
        are the defaults: the file's ``provenance`` says how it was fitted."""
        model = _swat.Model.load(str(path))
        est = cls()
        est._set_model(model)
        est.n_features_in_ = len(model.inputs)
        if model.inputs != [f"x{i}" for i in range(len(model.inputs))]:
            est.feature_names_in_ = np.asarray(model.inputs, dtype=object)
        est.results_ = []
        return est

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.non_deterministic = False
        return tags
