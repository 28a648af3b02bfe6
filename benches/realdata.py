#!/usr/bin/env python3
"""swat on real tables that ship inside Python packages, against scikit-learn baselines.

Each table is split 75/25 with five seeds, as SRBench does; swat fits the training part
(`swat fit train.csv --test test.csv --seed S`) and the baselines fit the same rows:
LinearRegression, MLPRegressor(10) and MLPRegressor(100) (standardised inputs and target) and
GradientBoostingRegressor. Test R² and size (2 x non-zero parameters for swat) go to
results.csv; the summary prints the medians the issue asks for.

Needs scikit-learn and statsmodels (`pip install scikit-learn statsmodels`); no download.

    python3 benches/realdata.py --swat target/release/swat --out bench-results/realdata
"""

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
from sklearn.compose import TransformedTargetRegressor
from sklearn.datasets import load_diabetes
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.linear_model import LinearRegression
from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def numeric(frame, target):
    """Inputs (numeric columns other than the target) and target of a pandas frame, rows with
    a missing value dropped."""
    frame = frame.select_dtypes(include=[np.number]).dropna()
    y = frame[target].to_numpy(dtype=float)
    x = frame.drop(columns=[target])
    return list(x.columns), x.to_numpy(dtype=float), y


def tables():
    """(name, input names, X, y) for every table; each ships inside a package."""
    d = load_diabetes(as_frame=True)
    frame = d.frame
    yield ("diabetes",) + numeric(frame, "target")
    import statsmodels.api as sm

    for name, target in [
        ("engel", "foodexp"),
        ("stackloss", "STACKLOSS"),
        ("longley", "TOTEMP"),
        ("scotland", "YES"),
        ("copper", "WORLDCONSUMPTION"),
        ("strikes", "duration"),
        ("ccard", "AVGEXP"),
        ("statecrime", "murder"),
        ("star98", "NABOVE"),
        ("fair", "affairs"),
    ]:
        data = getattr(sm.datasets, name).load_pandas().data
        yield (name,) + numeric(data, target)


def baselines(seed):
    scaled = lambda model: TransformedTargetRegressor(  # noqa: E731
        regressor=make_pipeline(StandardScaler(), model), transformer=StandardScaler()
    )
    return {
        "linear": LinearRegression(),
        "mlp10": scaled(MLPRegressor(hidden_layer_sizes=(10,), max_iter=2000, random_state=seed)),
        "mlp100": scaled(MLPRegressor(hidden_layer_sizes=(100,), max_iter=2000, random_state=seed)),
        "gbr": GradientBoostingRegressor(random_state=seed),
    }


def write_csv(path, names, x, y):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(list(names) + ["target"])
        for row, t in zip(x, y):
            w.writerow([repr(float(v)) for v in row] + [repr(float(t))])


def run_swat(swat, names, xtr, ytr, xte, yte, seed):
    with tempfile.TemporaryDirectory() as d:
        train, test, out = (os.path.join(d, f) for f in ("train.csv", "test.csv", "m.json"))
        # Column names from packages may hold spaces or commas; swat needs plain names.
        plain = [f"x{i + 1}" for i in range(len(names))]
        write_csv(train, plain, xtr, ytr)
        write_csv(test, plain, xte, yte)
        started = time.time()
        p = subprocess.run(
            [swat, "fit", train, "--test", test, "--out", out, "--seed", str(seed)],
            capture_output=True,
            text=True,
        )
        seconds = time.time() - started
        if p.returncode != 0:
            return None, None, seconds, p.stderr.strip().splitlines()[-1]
        m = json.load(open(out))
        return (
            m["provenance"]["test_scores"]["r2"],
            2 * m["stats"]["nonzero_params"],
            seconds,
            "",
        )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--swat", required=True, help="the swat binary")
    ap.add_argument("--out", required=True, help="folder for results.csv")
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--only", help="comma-separated table names")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    only = set(a.only.split(",")) if a.only else None
    rows = []
    for name, names, x, y in tables():
        if only and name not in only:
            continue
        for seed in range(a.seeds):
            xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.25, random_state=seed)
            r2, size, seconds, note = run_swat(a.swat, names, xtr, ytr, xte, yte, seed)
            row = {
                "table": name,
                "rows": len(y),
                "inputs": x.shape[1],
                "seed": seed,
                "swat_r2": r2,
                "swat_size": size,
                "swat_seconds": round(seconds, 1),
                "note": note,
            }
            for bname, model in baselines(seed).items():
                model.fit(xtr, ytr)
                row[f"{bname}_r2"] = r2_score(yte, model.predict(xte))
            rows.append(row)
            print(
                f"{name} seed {seed}: swat R² {r2} (size {size}, {seconds:.0f} s); "
                + ", ".join(f"{b} {row[b + '_r2']:.3f}" for b in baselines(seed)),
                flush=True,
            )
    path = os.path.join(a.out, "results.csv")
    with open(path + ".tmp", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    os.replace(path + ".tmp", path)
    done = [r for r in rows if r["swat_r2"] is not None]
    if len(done) < len(rows):
        print(f"swat failed on {len(rows) - len(done)} of {len(rows)} splits", file=sys.stderr)
    gaps = [r["swat_r2"] - max(r[f"{b}_r2"] for b in ("linear", "mlp10", "mlp100", "gbr")) for r in done]
    print(f"median (swat R² − best baseline R²): {statistics.median(gaps):+.3f}")
    print(f"median swat size (2 × non-zero params): {statistics.median(r['swat_size'] for r in done)}")
    for name in dict.fromkeys(r["table"] for r in done):
        t = [r for r in done if r["table"] == name]
        lin = statistics.median(r["swat_r2"] - r["linear_r2"] for r in t)
        print(f"  {name}: median swat − linear R² {lin:+.3f}")


if __name__ == "__main__":
    main()
