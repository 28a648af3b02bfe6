#!/usr/bin/env python3
"""swat on real tables that ship inside Python packages, against scikit-learn baselines.

Each table is split 75/25 with five seeds, as SRBench does; swat fits the training part
(`swat fit train.csv --test test.csv --seed S`) and the baselines fit the same rows:
LinearRegression, MLPRegressor(10) and MLPRegressor(100) (standardised inputs and target) and
GradientBoostingRegressor. Test R² and size (2 x non-zero parameters for swat) go to
results.csv after every split (rerunning the command resumes); the summary prints the medians
and a per-table line (`--summary` prints it alone).

The best baseline on each split's test rows is an oracle's pick: nobody holding only the
training rows can make it. So each split also records the baseline that 5-fold
cross-validation on the training rows ranks first (lowest mean squared error over the folds),
the choice a user without the test rows would make, and the summary compares swat with it too.
Rows of an earlier run that lack it get it on the next run (swat is not fitted again).

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
from sklearn.model_selection import KFold, cross_val_score, train_test_split
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


def more_tables():
    """(name, input names, X, y) for a second set of tables, also inside packages, first run
    after every default was set (`--set more`): none of them shaped a choice in swat."""
    import statsmodels.api as sm
    from sklearn.datasets import load_linnerud

    for name, target in [
        ("anes96", "PID"),
        ("cancer", "cancer"),
        ("committee", "BILLS104"),
        ("cpunish", "EXECUTIONS"),
        ("danish_data", "lrm"),
        ("elnino", "DEC"),
        ("grunfeld", "invest"),
        ("heart", "survival"),
        ("interest_inflation", "R"),
        ("macrodata", "realinv"),
        ("nile", "volume"),
        ("randhie", "mdvis"),
        ("spector", "GRADE"),
        ("sunspots", "SUNACTIVITY"),
    ]:
        data = getattr(sm.datasets, name).load_pandas().data
        yield (name,) + numeric(data, target)
    d = load_linnerud(as_frame=True)
    frame = d.data.assign(Weight=d.target["Weight"])
    yield ("linnerud",) + numeric(frame, "Weight")


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


def cv_choice(xtr, ytr, seed):
    """The baseline that 5-fold cross-validation on the training rows ranks first (lowest mean
    squared error over the folds)."""
    folds = KFold(5, shuffle=True, random_state=seed)
    mse = {
        name: -cross_val_score(model, xtr, ytr, cv=folds, scoring="neg_mean_squared_error").mean()
        for name, model in baselines(seed).items()
    }
    return min(mse, key=mse.get)


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
            # The message names the temporary folder; keep the file's own name only.
            note = p.stderr.strip().splitlines()[-1].replace(d + os.sep, "")
            return {"swat_seconds": round(seconds, 1), "note": note}
        m = json.load(open(out))
        prov = m["provenance"]
        return {
            "swat_r2": prov["test_scores"]["r2"],
            "swat_size": 2 * m["stats"]["nonzero_params"],
            "swat_depth": prov["chosen_depth"],
            "swat_folds": prov.get("folds", 1),
            "swat_seconds": round(seconds, 1),
            "note": "",
        }


def size(model, inputs):
    """2 x non-zero parameters for the linear model and the MLPs (swat's measure); tree nodes
    for gradient boosting (SRBench's)."""
    if isinstance(model, LinearRegression):
        return 2 * (int(np.count_nonzero(model.coef_)) + 1)
    if isinstance(model, GradientBoostingRegressor):
        return int(sum(t.tree_.node_count for t in model.estimators_.ravel()))
    mlp = model.regressor_[-1]
    return 2 * int(sum(np.count_nonzero(w) for w in mlp.coefs_ + mlp.intercepts_))


FIELDS = ["table", "rows", "inputs", "seed", "swat_r2", "swat_size", "swat_depth", "swat_folds",
          "swat_seconds", "note"] + [f"{b}_{k}" for b in ("linear", "mlp10", "mlp100", "gbr")
                                     for k in ("r2", "size")] + ["cv_choice"]


def save(path, rows):
    """Writes every row so far, whole, then renames: an interrupted run keeps what it finished."""
    with open(path + ".tmp", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=FIELDS)
        w.writeheader()
        w.writerows(rows)
    os.replace(path + ".tmp", path)


def load(path):
    """Rows of an earlier run, numbers parsed; rerunning the command resumes it."""
    if not os.path.exists(path):
        return []
    rows = []
    for r in csv.DictReader(open(path)):
        for k, v in r.items():
            if k not in ("table", "note", "cv_choice"):
                r[k] = None if v == "" else float(v)
        rows.append(r)
    return rows


def summary(rows):
    done = [r for r in rows if r["swat_r2"] is not None]
    if len(done) < len(rows):
        print(f"swat failed on {len(rows) - len(done)} of {len(rows)} splits", file=sys.stderr)
    if not done:
        return
    best = lambda r: max(r[f"{b}_r2"] for b in ("linear", "mlp10", "mlp100", "gbr"))  # noqa: E731
    chosen = lambda r: r[f"{r['cv_choice']}_r2"]  # noqa: E731
    gaps = [r["swat_r2"] - best(r) for r in done]
    print(f"splits: {len(done)} over {len(set(r['table'] for r in done))} tables")
    print(f"median (swat R² − best baseline R²): {statistics.median(gaps):+.3f}")
    with_choice = [r for r in done if r.get("cv_choice")]
    if with_choice:
        print(
            "median (swat R² − R² of the baseline 5-fold CV on the training rows ranks first): "
            f"{statistics.median(r['swat_r2'] - chosen(r) for r in with_choice):+.3f} "
            f"over {len(with_choice)} splits; that baseline is the test rows' best on "
            f"{sum(chosen(r) == best(r) for r in with_choice)}, swat at least as good as it on "
            f"{sum(r['swat_r2'] >= chosen(r) for r in with_choice)}"
        )
    print(f"median swat size (2 × non-zero params): {statistics.median(r['swat_size'] for r in done)}")
    print(f"median swat seconds: {statistics.median(r['swat_seconds'] for r in done):.1f}")
    print("table | rows | inputs | swat R² | linear | mlp10 | mlp100 | gbr | swat − best | "
          "swat − linear | swat − CV-chosen | swat size | depths chosen")
    for name in dict.fromkeys(r["table"] for r in done):
        t = [r for r in done if r["table"] == name]
        med = lambda k: statistics.median(r[k] for r in t)  # noqa: E731
        print(
            f"{name} | {int(t[0]['rows'])} | {int(t[0]['inputs'])} | {med('swat_r2'):.3f} | "
            + " | ".join(f"{med(b + '_r2'):.3f}" for b in ("linear", "mlp10", "mlp100", "gbr"))
            + f" | {statistics.median(r['swat_r2'] - best(r) for r in t):+.3f}"
            + f" | {statistics.median(r['swat_r2'] - r['linear_r2'] for r in t):+.3f}"
            + " | "
            + (f"{statistics.median(r['swat_r2'] - chosen(r) for r in t):+.3f}"
               if all(r.get("cv_choice") for r in t) else "—")
            + f" | {med('swat_size'):g} | "
            + ",".join(str(int(r["swat_depth"])) for r in t)
        )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--swat", help="the swat binary (not needed with --summary)")
    ap.add_argument("--out", required=True, help="folder for results.csv")
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--only", help="comma-separated table names")
    ap.add_argument("--set", choices=["classic", "more"], default="classic",
                    help="the 11 tables every earlier run used, or the second set")
    ap.add_argument("--summary", action="store_true",
                    help="only print the summary of --out (several folders, comma-separated)")
    a = ap.parse_args()
    if a.summary:
        # Several runs' folders, comma-separated, summarised together.
        summary([r for out in a.out.split(",") for r in load(os.path.join(out, "results.csv"))])
        return
    if not a.swat:
        ap.error("--swat is needed to run the fits")
    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, "results.csv")
    rows = load(path)
    only = set(a.only.split(",")) if a.only else None
    for name, names, x, y in (tables() if a.set == "classic" else more_tables()):
        if only and name not in only:
            continue
        for seed in range(a.seeds):
            xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.25, random_state=seed)
            earlier = [r for r in rows if r["table"] == name and int(r["seed"]) == seed]
            if earlier:
                if not earlier[0].get("cv_choice"):
                    earlier[0]["cv_choice"] = cv_choice(xtr, ytr, seed)
                    save(path, rows)
                    print(f"{name} seed {seed}: 5-fold CV ranks {earlier[0]['cv_choice']} first",
                          flush=True)
                continue
            row = {"table": name, "rows": len(y), "inputs": x.shape[1], "seed": seed,
                   "swat_r2": None, "swat_size": None, "swat_depth": None, "swat_folds": None}
            row.update(run_swat(a.swat, names, xtr, ytr, xte, yte, seed))
            for bname, model in baselines(seed).items():
                model.fit(xtr, ytr)
                row[f"{bname}_r2"] = r2_score(yte, model.predict(xte))
                row[f"{bname}_size"] = size(model, x.shape[1])
            row["cv_choice"] = cv_choice(xtr, ytr, seed)
            rows.append(row)
            save(path, rows)
            print(
                f"{name} seed {seed}: swat R² {row['swat_r2']} (size {row['swat_size']}, "
                f"{row['swat_seconds']:.0f} s); "
                + ", ".join(f"{b} {row[b + '_r2']:.3f}" for b in baselines(seed)),
                flush=True,
            )
    summary(rows)


if __name__ == "__main__":
    main()
