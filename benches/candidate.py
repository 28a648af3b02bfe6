#!/usr/bin/env python3
"""A candidate autoencoder beside the default, on 4- to 7-input functions in no benchmark.

Whether an autoencoder earns a place among the bundles that `fit` searches on 4- to 7-input
data: `swat7` alone (the default before `swat7leaky` was bundled) against `swat7` and the
candidate (`--autoencoder bundled:swat7 --autoencoder CANDIDATE`; a candidate on `swat7`'s
canvas takes `swat7`'s random starts, so only its decoded starts are added), and the ablation:
each one's decoded starts alone (`--random-starts 0`), the random starts alone (`--restarts
0`). Six
piecewise-linear functions (the shapes a leaky-ReLU decoder is for), among them three random
leaky-ReLU networks drawn here, and two smooth ones (to see what the candidate costs where it
is not meant to help). Inputs U[-1, 1], numpy seed 6, 3,000 training and 1,000 test rows;
`swat fit train.csv --test test.csv --seed 0` once per mode, results.csv written after every
fit (rerunning resumes; `--summary` prints it alone). Needs numpy.

    python3 benches/candidate.py --swat target/release/swat --candidate W.swatae \\
        --out bench-results/candidate-swat7leaky
"""

import numpy as np

import narrow


def leaky_network(inputs, widths, seed):
    """A random leaky-ReLU network with biases, half its weights zero (slope 0.01, swat's)."""
    rng = np.random.default_rng(seed)
    layers = []
    fan_in = inputs
    for width in list(widths) + [1]:
        w = rng.uniform(-2, 2, (fan_in, width)) * (rng.uniform(size=(fan_in, width)) < 0.5)
        layers.append((w, rng.uniform(-1, 1, width)))
        fan_in = width

    def f(x):
        h = x
        for k, (w, b) in enumerate(layers):
            h = h @ w + b
            if k < len(layers) - 1:
                h = np.where(h > 0, h, 0.01 * h)
        return h[:, 0]

    return f


FUNCTIONS = {
    "max4": (4, lambda x: x[:, :3].max(1) - 0.5 * x[:, 3]),
    "hinge5": (5, lambda x: np.abs(x[:, 0]) + 0.5 * np.abs(x[:, 1] - x[:, 2])
               - 0.4 * x[:, 3] + 0.3 * x[:, 4]),
    "minmax5": (5, lambda x: np.minimum(x[:, 0], x[:, 1]) + np.maximum(x[:, 2], x[:, 3])
                - 0.5 * np.abs(x[:, 4])),
    "tent6": (6, lambda x: np.maximum(0, 1 - np.abs(x[:, 0]) - np.abs(x[:, 1]))
              + 0.5 * x[:, 2] - 0.3 * x[:, 3] + 0.2 * np.maximum(x[:, 4], x[:, 5])),
    "leaky-d1-5": (5, leaky_network(5, [4], 11)),
    "leaky-d2-6": (6, leaky_network(6, [5, 4], 12)),
    "leaky-d2-7": (7, leaky_network(7, [6, 4], 13)),
    "sinmix5": (5, lambda x: np.sin(2 * x[:, 0]) * x[:, 1] + x[:, 2] ** 2
                - 0.5 * x[:, 3] * x[:, 4]),
    "bump6": (6, lambda x: np.exp(-(x ** 2).sum(1))),
}


def modes(a):
    if not a.candidate:
        raise SystemExit("--candidate is needed to run the fits")
    return {"swat7": ["--autoencoder", "bundled:swat7"],
            "with-candidate": ["--autoencoder", "bundled:swat7", "--autoencoder", a.candidate],
            # The ablation: each autoencoder's decoded starts alone, and the random starts alone.
            "swat7-decoded-only": ["--autoencoder", "bundled:swat7", "--random-starts", "0"],
            "candidate-decoded-only": ["--autoencoder", a.candidate, "--random-starts", "0"],
            "random-only": ["--autoencoder", "bundled:swat7", "--restarts", "0"]}


if __name__ == "__main__":
    narrow.main(FUNCTIONS, modes, seed=6, description=__doc__,
                extra_args=[("--candidate", "the candidate autoencoder (.swatae)")])
