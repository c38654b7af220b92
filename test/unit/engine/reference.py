"""Spec sections 5 and 9 in numpy, the way the course's notebooks write them: the third, independent
reference of the engine's optimizers, L2 and decay (test/unit/engine/course2.test.ts runs it).

usage: python3 reference.py < runs.json   -> prints [{"costs": [[i, J], ...], "W": [...], "b": [...]}, ...]
runs.json: a list of {"acts": [name, ...], "loss": name, "W": [...], "b": [...], "X": [...], "Y": [...],
           "alpha": a, "iterations": n, "log_every": k, "optimizer": {...}, "l2": lambda, "decay": {...} or null}
Activations: sigmoid, tanh, relu, linear; losses: cross_entropy, mse (what the test uses).
"""
import json
import sys

import numpy as np


def g(name, Z):
    return {"sigmoid": lambda: 1 / (1 + np.exp(-Z)), "tanh": lambda: np.tanh(Z),
            "relu": lambda: np.maximum(Z, 0), "linear": lambda: Z.copy()}[name]()


def g_prime(name, Z, A):
    return {"sigmoid": lambda: A * (1 - A), "tanh": lambda: 1 - A ** 2,
            "relu": lambda: (Z > 0).astype(float), "linear": lambda: np.ones_like(Z)}[name]()


def train(run):
    acts, loss = run["acts"], run["loss"]
    W = [np.array(w, dtype=np.float64) for w in run["W"]]
    b = [np.array(v, dtype=np.float64) for v in run["b"]]
    X, Y = np.array(run["X"], dtype=np.float64), np.array(run["Y"], dtype=np.float64)
    opt, lambd, decay = run["optimizer"], run["l2"], run["decay"]
    L, m = len(W), X.shape[1]
    v = {p: np.zeros_like(x) for p, x in zip(range(2 * L), W + b)}
    s = {p: np.zeros_like(x) for p, x in zip(range(2 * L), W + b)}
    costs = []
    for i in range(run["iterations"]):
        A, Z = [X], []
        for l in range(L):
            Z.append(W[l] @ A[l] + b[l])
            A.append(g(acts[l], Z[l]))
        AL = A[L]
        if loss == "cross_entropy":
            J = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
            dZ = AL - Y
        else:
            J = np.sum((AL - Y) ** 2) / (2 * m)
            dZ = (AL - Y) * g_prime(acts[L - 1], Z[L - 1], AL)
        J += lambd / (2 * m) * sum(np.sum(w * w) for w in W)
        if i % run["log_every"] == 0 or i == run["iterations"] - 1:
            costs.append([i, float(J)])
        grads = [None] * (2 * L)
        for l in reversed(range(L)):
            grads[l] = dZ @ A[l].T / m + lambd / m * W[l]
            grads[L + l] = np.sum(dZ, axis=1, keepdims=True) / m
            if l > 0:
                dZ = (W[l].T @ dZ) * g_prime(acts[l - 1], Z[l - 1], A[l])
        alpha = run["alpha"]
        if decay:
            epochs = i // decay["every"]
            alpha = alpha / (1 + decay["rate"] * epochs) if decay["kind"] == "inverse" else alpha * decay["rate"] ** epochs
        t = i + 1
        params = W + b
        for p, d in enumerate(grads):
            if opt["kind"] == "gd":
                params[p] = params[p] - alpha * d
            elif opt["kind"] == "momentum":
                v[p] = opt["beta"] * v[p] + (1 - opt["beta"]) * d
                params[p] = params[p] - alpha * v[p]
            elif opt["kind"] == "rmsprop":
                s[p] = opt["beta"] * s[p] + (1 - opt["beta"]) * d ** 2
                params[p] = params[p] - alpha * d / (np.sqrt(s[p]) + opt["epsilon"])
            else:
                v[p] = opt["beta1"] * v[p] + (1 - opt["beta1"]) * d
                s[p] = opt["beta2"] * s[p] + (1 - opt["beta2"]) * d ** 2
                v_hat = v[p] / (1 - opt["beta1"] ** t)
                s_hat = s[p] / (1 - opt["beta2"] ** t)
                params[p] = params[p] - alpha * v_hat / (np.sqrt(s_hat) + opt["epsilon"])
        W, b = params[:L], params[L:]
    return {"costs": costs, "W": [w.tolist() for w in W], "b": [v.tolist() for v in b]}


json.dump([train(run) for run in json.load(sys.stdin)], sys.stdout)
