"""The engine's training step (spec section 5) written the way a numpy user writes it, timed on the
benchmark's workloads. Run by run.mjs with Debian's python3-numpy on OpenBLAS, one thread.

usage: python3 numpy_step.py '<workloads as JSON>'   -> prints {"name": ms_per_step, ...} as JSON
"""
import json
import sys
import time

import numpy as np


def activate(name, Z):
    if name == "relu":
        return np.maximum(Z, 0)
    if name == "tanh":
        return np.tanh(Z)
    if name == "sigmoid":
        return 1 / (1 + np.exp(-Z))
    E = np.exp(Z - Z.max(axis=0, keepdims=True))  # softmax
    return E / E.sum(axis=0, keepdims=True)


def backward(name, dA, Z, A):
    if name == "relu":
        return dA * (Z > 0)
    if name == "tanh":
        return dA * (1 - A * A)
    return dA * A * (1 - A)  # sigmoid


def cost(loss, Z, Y):
    m = Y.shape[1]
    if loss == "cross_entropy":  # from Z, as the engine does: -log sigma(z) = softplus(-z)
        return float(np.sum(Y * np.logaddexp(0, -Z) + (1 - Y) * np.logaddexp(0, Z)) / m)
    lse = Z.max(axis=0) + np.log(np.sum(np.exp(Z - Z.max(axis=0)), axis=0))
    return float(np.sum(Y * (lse - Z)) / m)


def step(W, b, acts, loss, X, Y, alpha):
    m = X.shape[1]
    A, cache = X, []
    for l in range(len(W)):
        Z = W[l] @ A + b[l]
        cache.append((A, Z))
        A = activate(acts[l], Z)
        cache[-1] += (A,)
    J = cost(loss, cache[-1][1], Y)
    dZ = A - Y  # sigmoid + cross_entropy, softmax + softmax_cross_entropy
    for l in reversed(range(len(W))):
        A_prev, Z, _ = cache[l]
        dW = dZ @ A_prev.T / m
        db = dZ.sum(axis=1, keepdims=True) / m
        if l > 0:
            dZ = backward(acts[l - 1], W[l].T @ dZ, cache[l - 1][1], cache[l - 1][2])
        W[l] -= alpha * dW
        b[l] -= alpha * db
    return J


def run(w):
    rng = np.random.default_rng(1)
    sizes, m = w["sizes"], w["m"]
    X = rng.random((sizes[0], m))
    n_out = sizes[-1]
    if w["loss"] == "softmax_cross_entropy":
        Y = np.eye(n_out)[:, rng.integers(0, n_out, m)]
    else:
        Y = rng.integers(0, 2, (n_out, m)).astype(float)
    W = [rng.standard_normal((sizes[l], sizes[l - 1])) * np.sqrt(1 / sizes[l - 1]) for l in range(1, len(sizes))]
    b = [np.zeros((n, 1)) for n in sizes[1:]]
    for _ in range(3):
        step(W, b, w["acts"], w["loss"], X, Y, w["alpha"])
    times = []
    for _ in range(w["repeats"]):
        start = time.perf_counter()
        for _ in range(w["steps"]):
            step(W, b, w["acts"], w["loss"], X, Y, w["alpha"])
        times.append((time.perf_counter() - start) * 1000 / w["steps"])
    return sorted(times)[len(times) // 2]


if __name__ == "__main__":
    print(json.dumps({w["name"]: run(w) for w in json.loads(sys.argv[1])}))
