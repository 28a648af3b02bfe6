"""Many fits at once: joblib with the Dask backend on a local cluster of worker processes
(the same code runs on a remote Dask cluster given its scheduler's address), the GIL released
during a fit, and Ctrl-C stopping a fit cleanly."""

import signal
import subprocess
import sys
import textwrap
import threading
import time

import joblib
import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV

from conftest import FAST, smooth_table
from swat import SwatRegressor


def test_joblib_dask_local_cluster_fits_tables_in_parallel():
    distributed = pytest.importorskip("distributed")
    tables = [smooth_table(rows=120, seed=s) for s in range(4)]
    est = SwatRegressor(**FAST)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        with joblib.parallel_backend("dask"):
            fitted = joblib.Parallel()(joblib.delayed(clone(est).fit)(X, y) for X, y in tables)
            search = GridSearchCV(est, {"r2_slack": [0.0, 0.01]}, cv=2, n_jobs=-1)
            search.fit(*tables[0])
        # The fits ran on the cluster's workers, not here.
        assert sum(len(v) for v in client.processing().values()) == 0
        assert len(client.scheduler_info()["workers"]) == 2
    for (X, y), f in zip(tables, fitted):
        np.testing.assert_array_equal(f.predict(X), clone(est).fit(X, y).predict(X))
    assert search.best_score_ > 0.8


def test_fit_releases_the_gil():
    X, y = smooth_table(rows=400)
    est = SwatRegressor(**dict(FAST, iterations=200))
    worker = threading.Thread(target=est.fit, args=(X, y))
    counted = 0
    worker.start()
    while worker.is_alive():
        counted += 1
    worker.join()
    assert hasattr(est, "model_")
    # Python code ran beside the fit the whole time (holding the GIL, the fit would block this
    # loop for all but a few of its iterations).
    assert counted > 100_000, counted


def test_ctrl_c_stops_a_fit():
    script = textwrap.dedent(
        """
        import signal
        import sys
        import numpy as np
        from swat import SwatRegressor
        # As in an interactive session: a Ctrl-C raises KeyboardInterrupt (a shell starts
        # background jobs with SIGINT ignored, and Python keeps an ignored signal ignored).
        signal.signal(signal.SIGINT, signal.default_int_handler)
        rng = np.random.default_rng(0)
        X = rng.uniform(-1, 1, size=(3000, 3))
        y = np.sin(3 * X[:, 0]) * X[:, 1] + X[:, 2] ** 2
        print("fitting", flush=True)
        try:
            SwatRegressor(depths=[1, 2, 3, 4], iterations=100000, folds=1).fit(X, y)
        except KeyboardInterrupt:
            print("interrupted", flush=True)
            sys.exit(3)
        print("finished", flush=True)
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "fitting"
    time.sleep(2.0)
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    waited = time.monotonic() - sent
    assert proc.returncode == 3, (out, err)
    assert "interrupted" in out
    assert waited < 10.0, waited
