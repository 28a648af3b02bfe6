"""The estimator in the workflows its users have: pipelines, grid search, pandas, files shared
with the command line, pickling."""

import json
import os
import pickle
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from conftest import FAST, smooth_table
from swat import Model, SwatRegressor, defaults


def swat_binary():
    """The command-line swat next to these sources (built by `cargo build --release`), or
    SWAT_BIN."""
    given = os.environ.get("SWAT_BIN")
    if given:
        return given
    built = Path(__file__).resolve().parents[2] / "target" / "release" / "swat"
    if built.exists():
        return str(built)
    return shutil.which("swat")


def test_fit_predict_score_and_attributes(table):
    X, y = table
    est = SwatRegressor(**FAST, random_state=3).fit(X, y)
    assert est.n_features_in_ == 2
    assert not hasattr(est, "feature_names_in_")
    assert est.model_.inputs == ["x0", "x1"]
    assert est.depth_ in (0, 1)
    assert len(est.hidden_widths_) == est.depth_
    assert est.n_nonzero_params_ == est.model_.n_nonzero_params > 0
    assert [r["depth"] for r in est.results_] == [0, 1]
    assert sum(r["chosen"] for r in est.results_) == 1
    chosen = next(r for r in est.results_ if r["chosen"])
    assert chosen["depth"] == est.depth_
    assert chosen["nonzero_params"] == est.n_nonzero_params_
    p = est.predict(X)
    assert p.shape == (200,) and np.all(np.isfinite(p))
    # sin(2·x0) is not linear: a fitted network beats the linear model's R² of about 0.9.
    assert est.score(X, y) > 0.95
    assert "non-zero parameters" in est.describe()
    assert set(defaults()) >= {"depths", "r2_slack", "random_state"}


def test_same_seed_same_model(table):
    X, y = table
    a = SwatRegressor(**FAST, random_state=5).fit(X, y)
    b = clone(a).fit(X, y)
    assert a.model_.to_json() == b.model_.to_json()


def test_pipeline_and_grid_search_over_r2_slack(table):
    X, y = table
    X = X * [100.0, 0.01] + [5.0, -3.0]  # units a scaler should not matter to
    pipe = make_pipeline(StandardScaler(), SwatRegressor(**FAST))
    search = GridSearchCV(pipe, {"swatregressor__r2_slack": [0.0, 0.05]}, cv=3)
    search.fit(X, y)
    assert search.best_params_["swatregressor__r2_slack"] in (0.0, 0.05)
    assert len(search.cv_results_["mean_test_score"]) == 2
    assert search.score(X, y) > 0.9
    # A larger slack may only buy a smaller network, never a larger one, on the same rows.
    sizes = [
        clone(pipe).set_params(swatregressor__r2_slack=s).fit(X, y)[-1].n_nonzero_params_
        for s in (0.0, 0.05)
    ]
    assert sizes[1] <= sizes[0]


def test_pandas_names_round_trip(table, tmp_path):
    X, y = table
    df = pd.DataFrame(X, columns=["speed", "load"])
    est = SwatRegressor(**FAST).fit(df, pd.Series(y, name="power"))
    assert list(est.feature_names_in_) == ["speed", "load"]
    assert est.model_.inputs == ["speed", "load"]
    assert est.model_.target == "power"
    assert set(est.inputs_used_) <= {"speed", "load"}
    with pytest.warns(UserWarning, match="feature names"):
        np.testing.assert_array_equal(est.predict(df), est.predict(df.to_numpy()))
    with pytest.raises(ValueError, match="feature names"):
        est.predict(df.rename(columns={"load": "weight"}))
    path = tmp_path / "model.json"
    est.save(path)
    saved = json.loads(path.read_text())
    assert saved["inputs"] == ["speed", "load"] and saved["target"] == "power"
    back = SwatRegressor.load(path)
    assert list(back.feature_names_in_) == ["speed", "load"]
    np.testing.assert_array_equal(back.predict(df), est.predict(df))


def test_pickle_and_onnx(table, tmp_path):
    X, y = table
    est = SwatRegressor(**FAST).fit(X, y)
    again = pickle.loads(pickle.dumps(est))
    np.testing.assert_array_equal(again.predict(X), est.predict(X))
    assert isinstance(again.model_, Model)
    onnx = tmp_path / "model.onnx"
    est.to_onnx(onnx)
    assert onnx.stat().st_size > 100


def test_predictions_equal_the_command_line(table, tmp_path):
    binary = swat_binary()
    if binary is None:
        pytest.fail("no swat binary: build it with `cargo build --release` or set SWAT_BIN")
    X, y = table
    est = SwatRegressor(**FAST).fit(X, y)
    model = tmp_path / "model.json"
    est.save(model)
    data = tmp_path / "x.csv"
    np.savetxt(data, X, delimiter=",", header="x0,x1", comments="", fmt="%.17g")
    out = subprocess.run(
        [binary, "predict", str(model), str(data)], capture_output=True, text=True, check=True
    ).stdout
    cli = np.loadtxt(out.splitlines()[1:], delimiter=",")[:, -1]
    np.testing.assert_allclose(est.predict(X), cli, rtol=1e-12, atol=0)


def test_bad_settings_and_data_are_value_errors(table):
    X, y = table
    with pytest.raises(ValueError, match="valid_fraction"):
        SwatRegressor(valid_fraction=1.5).fit(X, y)
    with pytest.raises(ValueError, match="method"):
        SwatRegressor(method="magic").fit(X, y)
    with pytest.raises(ValueError, match="random_activations"):
        SwatRegressor(random_activations=["relu6"]).fit(X, y)
    with pytest.raises(ValueError, match="depths"):
        SwatRegressor(depths=[]).fit(X, y)
    with pytest.raises(ValueError, match="iterations: expected a whole number"):
        SwatRegressor(iterations=-5).fit(X, y)
    with pytest.raises(ValueError, match="r2_slack: expected a number"):
        SwatRegressor(r2_slack="small").fit(X, y)
    with pytest.raises(ValueError, match="r2_slack"):
        SwatRegressor(r2_slack=2.0).fit(X, y)
    with pytest.raises(ValueError, match="random_state"):
        SwatRegressor(random_state=-1).fit(X, y)
    with pytest.raises(ValueError, match="no such bundled autoencoder"):
        SwatRegressor(autoencoder="bundled:nothing").fit(X, y)
    with pytest.raises(ValueError, match="no such bundled autoencoder"):
        SwatRegressor(autoencoder=["bundled:swat3", "bundled:nothing"]).fit(X, y)
    with pytest.raises(ValueError, match="autoencoder: expected at least one"):
        SwatRegressor(autoencoder=[]).fit(X, y)
    with pytest.raises(ValueError, match="training row"):
        SwatRegressor(**FAST).fit(X[:4], y[:4])
    bad = X.copy()
    bad[3, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        SwatRegressor(**FAST).fit(bad, y)


def test_wide_table_is_screened_or_fitted_from_random_starts():
    X, y = smooth_table(rows=150, inputs=9)
    est = SwatRegressor(**FAST).fit(X, y)
    # y depends on x0 and x1 alone: the screen keeps them (and a bundled canvas takes them).
    assert est.autoencoder_ is not None
    assert {"x0", "x1"} <= set(est.screened_["kept"]) and len(est.screened_["kept"]) <= 7
    assert len(est.screened_["importance"]) == 9
    assert set(est.inputs_used_) <= set(est.screened_["kept"])
    assert est.n_features_in_ == 9
    assert est.score(X, y) > 0.8
    alone = SwatRegressor(**FAST, wide="random-starts").fit(X, y)
    assert alone.autoencoder_ is None and alone.screened_ is None
    assert alone.n_features_in_ == 9
    assert alone.score(X, y) > 0.8
    with pytest.raises(ValueError, match="wide"):
        SwatRegressor(**FAST, wide="narrow").fit(X, y)


def test_several_autoencoders_are_searched_side_by_side(table):
    X, y = table
    # FAST fits one split (folds=1), so every autoencoder named is searched and the better kept.
    est = SwatRegressor(**FAST, autoencoder=["bundled:swat7", "bundled:swat3"]).fit(X, y)
    assert est.autoencoder_ in ("bundled swat3", "bundled swat7")
    assert est.get_params()["autoencoder"] == ["bundled:swat7", "bundled:swat3"]
    assert est.score(X, y) > 0.8
