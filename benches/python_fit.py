#!/usr/bin/env python3
"""The Python package's fit against the command line's on the same table: wall time of each
(alternating runs, medians and their ratio) and whether both chose the same network.

The command line runs `swat fit TRAIN --out M.json`; Python reads the same CSV with numpy and
runs `SwatRegressor().fit(X, y)` (both with swat's defaults and seed), timed from the call to
its return, CSV reading included on both sides.

    python3 benches/python_fit.py --swat target/release/swat \
        --train examples/sigmoid-depth2/train.csv --runs 3
"""

import argparse
import json
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

from swat import SwatRegressor


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--swat", required=True, help="the swat binary")
    ap.add_argument("--train", required=True, help="a CSV table, the target last")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    cli_times, py_times = [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "model.json"
        for run in range(a.runs):
            t = time.perf_counter()
            subprocess.run(
                [a.swat, "fit", a.train, "--out", str(out)], check=True, capture_output=True
            )
            cli_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            with open(a.train) as f:
                names = f.readline().strip().split(",")
            table = np.loadtxt(a.train, delimiter=",", skiprows=1, ndmin=2)
            est = SwatRegressor().fit(table[:, :-1], table[:, -1])
            py_times.append(time.perf_counter() - t)
            print(f"run {run + 1}: command line {cli_times[-1]:.1f} s, Python {py_times[-1]:.1f} s",
                  flush=True)
        keep = ("layers", "input_scaling", "output_scaling")
        cli_doc, py_doc = json.loads(out.read_text()), json.loads(est.model_.to_json())
        cli_net = {k: cli_doc[k] for k in keep}
        py_net = {k: py_doc[k] for k in keep}
    cli, py = statistics.median(cli_times), statistics.median(py_times)
    print(f"{Path(a.train).name}: {len(table)} rows, inputs {', '.join(names[:-1])}")
    print(f"median command line {cli:.2f} s, median Python {py:.2f} s, ratio {py / cli:.3f}")
    print(f"same network chosen: {cli_net == py_net}")


if __name__ == "__main__":
    main()
