#!/usr/bin/env python3
"""swat on large noisy tables: one validation split against 5-fold cross-validation.

Each task is a synthetic table (5 inputs U[-1, 1], seeded) whose target is a weak signal
under Gaussian noise; `swat fit train.csv --test test.csv --folds K` runs once per K. Test R²,
the chosen depth, non-zero parameters and the wall time go to results.csv after every fit
(rerunning the command resumes; `--summary` prints the table alone).

    python3 benches/noisy.py --swat target/release/swat --out bench-results/noisy
"""

import argparse
import csv
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time

FIELDS = ["task", "rows", "folds", "test_r2", "depth", "params", "seconds"]


def weak(x, rng):
    """A sine, a product and a line, under noise that hides most of them (R² about 0.17)."""
    return (0.3 * math.sin(2 * x[0]) + 0.3 * x[1] * x[2] + 0.2 * x[3]
            + rng.gauss(0, 0.6))


# name, training rows, target, seed
TASKS = [("weak5-20000", 20000, weak, 11)]
TEST_ROWS = 20000


def write(path, n, f, rng):
    with open(path, "w", newline="") as out:
        w = csv.writer(out)
        w.writerow([f"x{i + 1}" for i in range(5)] + ["y"])
        for _ in range(n):
            x = [rng.uniform(-1, 1) for _ in range(5)]
            w.writerow([repr(v) for v in x] + [repr(f(x, rng))])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--swat", default="target/release/swat")
    ap.add_argument("--out", default="bench-results/noisy")
    ap.add_argument("--folds", default="1,5")
    ap.add_argument("--summary", action="store_true")
    a = ap.parse_args()
    results = os.path.join(a.out, "results.csv")
    if a.summary:
        print("| task | rows | folds | test R² | depth | non-zero parameters | seconds |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for r in csv.DictReader(open(results)):
            print(f"| {r['task']} | {r['rows']} | {r['folds']} | {float(r['test_r2']):.4f} | "
                  f"{r['depth']} | {r['params']} | {float(r['seconds']):.1f} |")
        return
    os.makedirs(a.out, exist_ok=True)
    done = set()
    if os.path.exists(results):
        done = {(r["task"], r["folds"]) for r in csv.DictReader(open(results))}
    with tempfile.TemporaryDirectory() as tmp:
        for name, n, f, seed in TASKS:
            rng = random.Random(seed)
            train, test = os.path.join(tmp, "train.csv"), os.path.join(tmp, "test.csv")
            write(train, n, f, rng)
            write(test, TEST_ROWS, f, rng)
            for k in a.folds.split(","):
                if (name, k) in done:
                    continue
                out = os.path.join(tmp, "m.json")
                start = time.monotonic()
                proc = subprocess.run(
                    [a.swat, "fit", train, "--test", test, "--folds", k, "--out", out],
                    capture_output=True, text=True)
                seconds = time.monotonic() - start
                if proc.returncode != 0:
                    sys.exit(f"swat fit --folds {k} failed:\n{proc.stderr}")
                m = json.load(open(out))
                p = m["provenance"]
                row = {"task": name, "rows": n, "folds": k, "test_r2": p["test_scores"]["r2"],
                       "depth": p["chosen_depth"], "params": m["stats"]["nonzero_params"],
                       "seconds": round(seconds, 1)}
                print(row, flush=True)
                new = not os.path.exists(results)
                with open(results, "a", newline="") as fh:
                    w = csv.DictWriter(fh, FIELDS)
                    if new:
                        w.writeheader()
                    w.writerow(row)


if __name__ == "__main__":
    main()
