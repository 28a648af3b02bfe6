"""Shared settings and data of the Python package's tests: small seeded tables and a fast
configuration (two depths, short searches) so that the scikit-learn checks' many fits stay quick."""

import numpy as np
import pytest

# Fast settings: the depths, search and starts cut down; everything else swat's defaults.
FAST = dict(depths=[0, 1], iterations=40, restarts=1, random_starts=1, folds=1)


def smooth_table(rows=200, seed=0, inputs=2):
    """y = sin(2·x0) + 0.5·x1 (+ 0·the rest) on uniform inputs in [-1, 1]."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.0, 1.0, size=(rows, inputs))
    y = np.sin(2.0 * X[:, 0]) + 0.5 * X[:, 1]
    return X, y


@pytest.fixture
def table():
    return smooth_table()
