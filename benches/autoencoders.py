#!/usr/bin/env python3
"""Two 3-input autoencoders (or sets of them) side by side, one fit each per table: how often each one's decoded
starts win a depth against the random-start control, where the answer came from, and its size.

Fourteen tables in no benchmark: the README example, `benches/narrow.py`'s eight functions, and
five teachers `swat generate` draws (leaky-ReLU, linear and sigmoid; seeds 121-125, 6,000 rows).
`swat fit train.csv --test test.csv [--valid valid.csv] --seed 0 --autoencoder FILE`, one thread
per fit, the two autoencoders' fits of a table side by side (so `seconds` compare within a
table). `LABEL=FILE+FILE` searches with several autoencoders at once (`--autoencoder` repeated;
`bundled:NAME` names a bundled one). Rows go to results.csv after every fit; rerunning resumes; `--summary` prints it.
Needs numpy (for narrow.py's tables).

    python3 benches/autoencoders.py --swat target/release/swat --out bench-results/autoencoders \
        --autoencoder swat3=runs/swat3-s0/weights.swatae \
        --autoencoder swat3mix=runs/swat3mix-s0/weights.swatae
"""

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import narrow  # noqa: E402

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEACHERS = [("leaky_relu", 2, 0.8, 121), ("leaky_relu", 1, 0.5, 122), ("leaky_relu", 3, 0.5, 123),
            ("linear", 2, 0.8, 124), ("sigmoid", 3, 0.8, 125)]
FIELDS = ["table", "autoencoder", "decoded_won_depths", "answer_from", "params", "test_r2",
          "seconds"]


def tables(swat, folder):
    """Yields (name, train, extra fit flags, test) for every table, writing them under `folder`."""
    ex = os.path.join(HERE, "examples", "sigmoid-depth2")
    yield "readme", os.path.join(ex, "train.csv"), [], os.path.join(ex, "test.csv")
    for name, where in narrow.tables(folder):
        yield name, os.path.join(where, "train.csv"), [], os.path.join(where, "test.csv")
    for act, depth, sparsity, seed in TEACHERS:
        name = f"{act}-d{depth}-{seed}"
        where = os.path.join(folder, name)
        subprocess.run([swat, "generate", "--activation", act, "--depth", str(depth),
                        "--sparsity", str(sparsity), "--seed", str(seed), "--rows", "6000",
                        "--out", where], check=True, capture_output=True)
        yield (name, os.path.join(where, "train.csv"),
               ["--valid", os.path.join(where, "valid.csv")], os.path.join(where, "test.csv"))


def fit(swat, folder, table, autoencoder):
    name, train, extra, test = table
    label, path = autoencoder
    out = os.path.join(folder, f"{name}-{label}.json")
    started = time.time()
    flags = [f for p in path.split("+") for f in ("--autoencoder", p)]
    p = subprocess.run([swat, "fit", train, "--test", test, "--out", out, "--seed", "0"] + flags
                       + extra, capture_output=True, text=True,
                       env=dict(os.environ, RAYON_NUM_THREADS="1"))
    seconds = time.time() - started
    if p.returncode != 0:
        raise SystemExit(f"{name} {label}: {p.stderr.strip().splitlines()[-1]}")
    won = re.search(r"won (\d+) of (\d+) depths", p.stdout)
    chosen = re.search(r"chosen: depth (\d+) from the (.*?) start \(\d+ non-zero weights, "
                       r"(\d+) non-zero param", p.stdout)
    if not (won and chosen):
        raise SystemExit(f"{name} {label}: no 'won' or 'chosen' line in swat's output")
    test_r2 = json.load(open(out))["provenance"]["test_scores"]["r2"]
    return {"table": name, "autoencoder": label, "decoded_won_depths": won.group(1),
            "answer_from": chosen.group(2), "params": chosen.group(3), "test_r2": f"{test_r2:.5f}",
            "seconds": f"{seconds:.0f}"}


def summary(path):
    print(" | ".join(FIELDS))
    for r in csv.DictReader(open(path)):
        print(" | ".join(r[k] for k in FIELDS))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--swat", help="the swat binary (not needed with --summary)")
    ap.add_argument("--out", required=True, help="folder for results.csv")
    ap.add_argument("--autoencoder", action="append", default=[], metavar="LABEL=FILE[+FILE]",
                    help="an autoencoder, or several searched together, to compare (give two)")
    ap.add_argument("--summary", action="store_true", help="only print the summary of --out")
    a = ap.parse_args()
    path = os.path.join(a.out, "results.csv")
    if a.summary:
        summary(path)
        return
    if not a.swat or len(a.autoencoder) != 2 or any("=" not in s for s in a.autoencoder):
        ap.error("--swat and two --autoencoder LABEL=FILE are needed to run the fits")
    autoencoders = [tuple(s.split("=", 1)) for s in a.autoencoder]
    os.makedirs(a.out, exist_ok=True)
    rows = list(csv.DictReader(open(path))) if os.path.exists(path) else []
    with tempfile.TemporaryDirectory() as d, ThreadPoolExecutor(2) as pool:
        for table in tables(a.swat, d):
            todo = [ae for ae in autoencoders
                    if not any(r["table"] == table[0] and r["autoencoder"] == ae[0] for r in rows)]
            for r in pool.map(lambda ae: fit(a.swat, d, table, ae), todo):
                rows.append(r)
                with open(path + ".tmp", "w", newline="") as f:
                    w = csv.DictWriter(f, fieldnames=FIELDS)
                    w.writeheader()
                    w.writerows(rows)
                os.replace(path + ".tmp", path)
                print(" | ".join(r[k] for k in FIELDS), flush=True)
    summary(path)


if __name__ == "__main__":
    main()
