#!/usr/bin/env python3
"""swat on 2- and 3-input data: every bundled autoencoder that takes the data (the default)
against the narrowest alone (`--autoencoder bundled:swat3`).

Eight functions that are in no benchmark (inputs U[-1, 1], numpy seed 5, 3,000 training and
1,000 test rows each, drawn in the order listed); `swat fit train.csv --test test.csv --seed 0`
once per mode. Test R², non-zero parameters, the kept autoencoder and the wall time go to
results.csv after every fit (rerunning the command resumes; `--summary` prints it alone).
Needs numpy.

    python3 benches/narrow.py --swat target/release/swat --out bench-results/narrow
"""

import argparse
import csv
import json
import os
import subprocess
import tempfile
import time

import numpy as np

FUNCTIONS = {
    "sinprod": (2, lambda x: np.sin(np.pi * x[:, 0]) * x[:, 1]),
    "prod3": (3, lambda x: x[:, 0] * x[:, 1] * x[:, 2]),
    "expmix": (3, lambda x: np.exp(x[:, 0]) + x[:, 1] ** 2 - x[:, 2]),
    "bump3": (3, lambda x: np.exp(-2 * (x ** 2).sum(1))),
    "ratio": (3, lambda x: x[:, 0] * np.exp(-x[:, 1] ** 2) / (1.5 + x[:, 2])),
    "hinge": (2, lambda x: np.abs(x[:, 0]) + 0.5 * x[:, 1]),
    "maxplane": (3, lambda x: np.maximum(x[:, 0], x[:, 1]) - 0.5 * x[:, 2]),
    "tanhsum": (2, lambda x: np.tanh(3 * x[:, 0] - 1) + 0.5 * np.tanh(2 * x[:, 1] + x[:, 0])),
}
MODES = {"both": [], "swat3": ["--autoencoder", "bundled:swat3"]}
FIELDS = ["function", "mode", "test_r2", "params", "kept", "start", "seconds"]


def tables(folder, functions=None, seed=5):
    """Writes every function's train.csv and test.csv under `folder`; yields (name, folder)."""
    rng = np.random.default_rng(seed)
    for name, (d, f) in (functions or FUNCTIONS).items():
        where = os.path.join(folder, name)
        os.makedirs(where, exist_ok=True)
        for part, n in (("train", 3000), ("test", 1000)):
            x = rng.uniform(-1, 1, (n, d))
            y = f(x)
            with open(os.path.join(where, f"{part}.csv"), "w") as o:
                o.write(",".join([f"x{i + 1}" for i in range(d)] + ["y"]) + "\n")
                for r, t in zip(x, y):
                    o.write(",".join(repr(float(v)) for v in r) + "," + repr(float(t)) + "\n")
        yield name, where


def summary(path):
    rows = list(csv.DictReader(open(path)))
    print("function | mode | test R² | params | kept | start | seconds")
    for r in rows:
        print(" | ".join(r.get(k) or "" for k in FIELDS))


def main(functions=None, modes=None, seed=5, description=__doc__, extra_args=None):
    """Fits every function once per mode; `modes` may be a function of the parsed arguments."""
    ap = argparse.ArgumentParser(description=description.splitlines()[0])
    ap.add_argument("--swat", help="the swat binary (not needed with --summary)")
    ap.add_argument("--out", required=True, help="folder for results.csv")
    ap.add_argument("--summary", action="store_true", help="only print the summary of --out")
    for flag, help_text in extra_args or []:
        ap.add_argument(flag, help=help_text)
    a = ap.parse_args()
    path = os.path.join(a.out, "results.csv")
    if a.summary:
        summary(path)
        return
    if not a.swat:
        ap.error("--swat is needed to run the fits")
    modes = modes(a) if callable(modes) else (modes or MODES)
    os.makedirs(a.out, exist_ok=True)
    rows = list(csv.DictReader(open(path))) if os.path.exists(path) else []
    with tempfile.TemporaryDirectory() as d:
        for name, where in tables(d, functions, seed):
            for mode, extra in modes.items():
                if any(r["function"] == name and r["mode"] == mode for r in rows):
                    continue
                out = os.path.join(where, f"{mode}.json")
                started = time.time()
                p = subprocess.run(
                    [a.swat, "fit", os.path.join(where, "train.csv"), "--test",
                     os.path.join(where, "test.csv"), "--seed", "0", "--out", out] + extra,
                    capture_output=True, text=True)
                seconds = time.time() - started
                if p.returncode != 0:
                    raise SystemExit(f"{name} {mode}: {p.stderr.strip().splitlines()[-1]}")
                m = json.load(open(out))
                kept = [ln.split(": ", 1)[1] for ln in p.stdout.splitlines()
                        if ln.startswith("kept: ")]
                rows.append({"function": name, "mode": mode,
                             "test_r2": f"{m['provenance']['test_scores']['r2']:.5f}",
                             "params": m["stats"]["nonzero_params"],
                             "kept": os.path.basename(kept[0]) if kept else "",
                             "start": m["provenance"].get("chosen_start", ""),
                             "seconds": f"{seconds:.1f}"})
                with open(path + ".tmp", "w", newline="") as f:
                    w = csv.DictWriter(f, fieldnames=FIELDS)
                    w.writeheader()
                    w.writerows(rows)
                os.replace(path + ".tmp", path)
                print(name, mode, rows[-1]["test_r2"], rows[-1]["params"], flush=True)
    summary(path)


if __name__ == "__main__":
    main()
