#!/usr/bin/env python3
"""swat on tables wider than every bundled canvas: screened inputs against random starts alone.

Each task is a synthetic table (inputs U[-1, 1], seeded) whose target uses a few of its
inputs, or many; `swat fit train.csv --test test.csv --wide MODE` runs once per mode. Test
R², non-zero parameters, the inputs the network uses and the wall time go to results.csv
after every fit (rerunning the command resumes; `--summary` prints the table alone).

    python3 benches/wide.py --swat target/release/swat --out bench-results/wide
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

MODES = ("screen", "random-starts")
FIELDS = ["task", "inputs", "rows", "relevant", "mode", "test_r2", "params", "used",
          "used_relevant", "seconds"]


def sparse5(x, rng):
    """Five of the inputs matter: a sine, a product, a square and a line."""
    return (math.sin(2 * x[0]) + x[1] * x[2] + 0.5 * x[3] ** 2 - 0.8 * x[4]
            + rng.gauss(0, 0.1))


def spread10(x, rng):
    """Ten inputs matter, each a little: more than a 7-input canvas can take."""
    return sum(math.sin((1 + 0.3 * i) * x[i]) * (1 - 0.07 * i) for i in range(10)) \
        + rng.gauss(0, 0.1)


# name, inputs, training rows, relevant inputs, target, seed
TASKS = [
    ("sparse5-13x400", 13, 400, 5, sparse5, 1),
    ("sparse5-32x600", 32, 600, 5, sparse5, 2),
    ("sparse5-21x300", 21, 300, 5, sparse5, 3),
    ("spread10-16x1000", 16, 1000, 10, spread10, 4),
]
TEST_ROWS = 2000


def write(path, d, n, f, rng):
    with open(path, "w", newline="") as out:
        w = csv.writer(out)
        w.writerow([f"x{i + 1}" for i in range(d)] + ["y"])
        for _ in range(n):
            x = [rng.uniform(-1, 1) for _ in range(d)]
            w.writerow([repr(v) for v in x] + [repr(f(x, rng))])


def fit(swat, train, test, mode, out):
    start = time.monotonic()
    proc = subprocess.run(
        [swat, "fit", train, "--test", test, "--wide", mode, "--out", out],
        capture_output=True, text=True)
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        sys.exit(f"swat fit --wide {mode} failed:\n{proc.stderr}")
    model = json.load(open(out))
    used = [line for line in proc.stdout.splitlines() if line.startswith("inputs used")]
    return model, used, seconds


def used_inputs(model):
    """Names of the inputs a path of non-zero weights leads from (the first layer's rows)."""
    first = model["layers"][0]["weights"]
    return [name for name, row in zip(model["inputs"], first) if any(w != 0 for w in row)]


def summary(path):
    rows = list(csv.DictReader(open(path)))
    print("| task | mode | test R² | non-zero parameters | inputs used (of the relevant) | seconds |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(f"| {r['task']} | {r['mode']} | {float(r['test_r2']):.4f} | {r['params']} | "
              f"{r['used']} ({r['used_relevant']} of {r['relevant']}) | {float(r['seconds']):.1f} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--swat", default="target/release/swat")
    ap.add_argument("--out", default="bench-results/wide")
    ap.add_argument("--only", help="comma-separated task names")
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--summary", action="store_true")
    a = ap.parse_args()
    results = os.path.join(a.out, "results.csv")
    if a.summary:
        summary(results)
        return
    os.makedirs(a.out, exist_ok=True)
    done = set()
    if os.path.exists(results):
        done = {(r["task"], r["mode"]) for r in csv.DictReader(open(results))}
    only = set(a.only.split(",")) if a.only else None
    with tempfile.TemporaryDirectory() as tmp:
        for name, d, n, relevant, f, seed in TASKS:
            if only and name not in only:
                continue
            rng = random.Random(seed)
            train, test = os.path.join(tmp, "train.csv"), os.path.join(tmp, "test.csv")
            write(train, d, n, f, rng)
            write(test, d, TEST_ROWS, f, rng)
            for mode in a.modes.split(","):
                if (name, mode) in done:
                    continue
                model, _, seconds = fit(a.swat, train, test, mode, os.path.join(tmp, "m.json"))
                used = used_inputs(model)
                wanted = {f"x{i + 1}" for i in range(relevant)}
                row = {
                    "task": name, "inputs": d, "rows": n, "relevant": relevant, "mode": mode,
                    "test_r2": model["provenance"]["test_scores"]["r2"],
                    "params": model["stats"]["nonzero_params"],
                    "used": len(used), "used_relevant": len(wanted.intersection(used)),
                    "seconds": round(seconds, 1),
                }
                new = not os.path.exists(results)
                with open(results, "a", newline="") as out:
                    w = csv.DictWriter(out, fieldnames=FIELDS)
                    if new:
                        w.writeheader()
                    w.writerow(row)
                print(row, flush=True)
    summary(results)


if __name__ == "__main__":
    main()
