"""An independent float64 reference for training conv networks: spec §8's equations (with §5's
dense layers and §9's optimizers, L2 and decay) in numpy, written straight from the formulas with
loops over the filter window and einsum. It shares no code with the engine; the unit test
test/unit/reference/conv-train.test.ts runs it next to `nn train --json` on the same files.

usage: python3 conv_reference.py < run.json  -> prints {"costs": [[i, J], ...], "weights": {"W1": ..., "b1": ...}}
       (a JSON list of runs gives the list of their results)
run.json: {"image": [n_H, n_W, n_C], "layers": [...], "loss": name, "X": (n[0], m) nested, "Y": (n[L], m) nested,
           "weights": {"W1": ..., "b1": ...} as a weights file (spec §6, §8), "alpha", "iterations", "log_every",
           "optimizer": {"kind": "gd" | "momentum" | "rmsprop" | "adam", ...}, "l2": lambda, "decay": {...} or null}
layers: {"kind": "conv2d", "filters", "activation", "f", "stride", "pad"} | {"kind": "max_pool" | "avg_pool", "f", "stride"}
        | {"kind": "flatten"} | {"kind": "dense", "units", "activation"}. Full batch, no dropout.
"""
import json
import sys

import numpy as np


def g(name, Z):
    if name == "relu":
        return np.maximum(Z, 0)
    if name == "tanh":
        return np.tanh(Z)
    if name == "sigmoid":
        return 1 / (1 + np.exp(-Z))
    if name == "linear":
        return Z.copy()
    E = np.exp(Z - Z.max(axis=0, keepdims=True))  # softmax over the units of each column
    return E / E.sum(axis=0, keepdims=True)


def g_prime(name, Z, A):
    return {"relu": lambda: (Z > 0).astype(float), "tanh": lambda: 1 - A ** 2,
            "sigmoid": lambda: A * (1 - A), "linear": lambda: np.ones_like(Z)}[name]()


def window(A, u, v, s, n_H, n_W):
    """A[i, h·s+u, w·s+v, k] for every h < n_H, w < n_W: the inputs filter entry (u, v) meets."""
    return A[:, u:u + s * (n_H - 1) + 1:s, v:v + s * (n_W - 1) + 1:s, :]


def conv_forward(A_prev, W, b, s, p):
    """Z[i,h,w,c] = Σ_{u,v,k} W[u,v,k,c]·Apad[i, h·s+u, w·s+v, k] + b[c]."""
    f = W.shape[0]
    Apad = np.pad(A_prev, ((0, 0), (p, p), (p, p), (0, 0)))
    n_H = (A_prev.shape[1] + 2 * p - f) // s + 1
    n_W = (A_prev.shape[2] + 2 * p - f) // s + 1
    Z = np.zeros((A_prev.shape[0], n_H, n_W, W.shape[3]))
    for u in range(f):
        for v in range(f):
            Z += np.einsum("ihwk,kc->ihwc", window(Apad, u, v, s, n_H, n_W), W[u, v])
    return Z + b.reshape(1, 1, 1, -1), Apad


def conv_backward(dZ, Apad, W, s, p, m):
    """dW and db with the 1/m, and dA[l−1] = dApad without its padding (spec §8)."""
    f = W.shape[0]
    _, n_H, n_W, _ = dZ.shape
    dW = np.zeros_like(W)
    dApad = np.zeros_like(Apad)
    for u in range(f):
        for v in range(f):
            dW[u, v] = np.einsum("ihwk,ihwc->kc", window(Apad, u, v, s, n_H, n_W), dZ) / m
            window(dApad, u, v, s, n_H, n_W)[...] += np.einsum("ihwc,kc->ihwk", dZ, W[u, v])
    db = dZ.sum(axis=(0, 1, 2)) / m
    return dW, db, dApad[:, p:dApad.shape[1] - p, p:dApad.shape[2] - p, :]


def pool_forward(kind, A_prev, f, s):
    m, H, W_, C = A_prev.shape
    n_H, n_W = (H - f) // s + 1, (W_ - f) // s + 1
    A = np.zeros((m, n_H, n_W, C))
    for h in range(n_H):
        for w in range(n_W):
            patch = A_prev[:, h * s:h * s + f, w * s:w * s + f, :]
            A[:, h, w, :] = patch.max(axis=(1, 2)) if kind == "max_pool" else patch.mean(axis=(1, 2))
    return A


def pool_backward(kind, dA, A_prev, f, s):
    """Max: each window's gradient to its first maximum in row-major order; avg: ÷ f² to all. Overlaps add."""
    m, n_H, n_W, C = dA.shape
    dA_prev = np.zeros_like(A_prev)
    rows = np.arange(m)[:, None]
    chans = np.arange(C)[None, :]
    for h in range(n_H):
        for w in range(n_W):
            if kind == "avg_pool":
                dA_prev[:, h * s:h * s + f, w * s:w * s + f, :] += dA[:, h:h + 1, w:w + 1, :] / (f * f)
                continue
            patch = A_prev[:, h * s:h * s + f, w * s:w * s + f, :].reshape(m, f * f, C)
            first = patch.argmax(axis=1)  # numpy's argmax returns the first maximum
            dA_prev[rows, h * s + first // f, w * s + first % f, chans] += dA[:, h, w, :]
    return dA_prev


def cost(loss, A, Y, m):
    if loss == "cross_entropy":
        return -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    if loss == "softmax_cross_entropy":
        return -np.sum(Y * np.log(A)) / m
    return np.sum((A - Y) ** 2) / (2 * m)


def train(run):
    layers, loss = run["layers"], run["loss"]
    L = len(layers)
    X, Y = np.array(run["X"], dtype=np.float64), np.array(run["Y"], dtype=np.float64)
    m = X.shape[1]
    n_H, n_W, n_C = run["image"]
    # A[0]: column i of X is example i, its features in (h, w, c) row-major order
    A0 = X.T.reshape(m, n_H, n_W, n_C)
    has = [layer["kind"] in ("conv2d", "dense") for layer in layers]
    # conv b is (1, 1, 1, n_C) in the file; kept as (n_C,) here and written back nested
    P = {l: [np.array(run["weights"][f"W{l + 1}"], dtype=np.float64),
             np.array(run["weights"][f"b{l + 1}"], dtype=np.float64).reshape(-1) if layers[l]["kind"] == "conv2d"
             else np.array(run["weights"][f"b{l + 1}"], dtype=np.float64)] for l in range(L) if has[l]}
    opt, lambd, decay = run["optimizer"], run["l2"], run["decay"]
    v = {(l, j): np.zeros_like(P[l][j]) for l in P for j in (0, 1)}
    s_ = {(l, j): np.zeros_like(P[l][j]) for l in P for j in (0, 1)}
    costs = []
    for it in range(run["iterations"]):
        A, Z, cache = [A0], [None] * L, [None] * L
        for l, layer in enumerate(layers):
            kind = layer["kind"]
            if kind == "conv2d":
                Z[l], cache[l] = conv_forward(A[l], P[l][0], P[l][1], layer["stride"], layer["pad"])
                A.append(g(layer["activation"], Z[l]))
            elif kind in ("max_pool", "avg_pool"):
                A.append(pool_forward(kind, A[l], layer["f"], layer["stride"]))
            elif kind == "flatten":
                A.append(A[l].reshape(m, -1).T)  # row (h·n_W + w)·n_C + c of column i
            else:
                Z[l] = P[l][0] @ A[l] + P[l][1]
                A.append(g(layer["activation"], Z[l]))
        out = layers[-1]["activation"]
        J = cost(loss, A[L], Y, m) + lambd / (2 * m) * sum(np.sum(P[l][0] ** 2) for l in P)
        if it % run["log_every"] == 0 or it == run["iterations"] - 1:
            costs.append([it, float(J)])
        canonical = (out, loss) in (("sigmoid", "cross_entropy"), ("softmax", "softmax_cross_entropy"), ("linear", "mse"))
        if canonical:
            dZ = A[L] - Y
        elif out == "softmax":  # mse: the product with softmax's Jacobian, per column
            dA = A[L] - Y
            dZ = A[L] * (dA - np.sum(dA * A[L], axis=0, keepdims=True))
        else:
            dZ = (A[L] - Y) * g_prime(out, Z[L - 1], A[L])
        grads = {}
        for l in reversed(range(L)):
            layer = layers[l]
            kind = layer["kind"]
            if kind == "dense":
                grads[l] = [dZ @ A[l].T / m + lambd / m * P[l][0], np.sum(dZ, axis=1, keepdims=True) / m]
                dA = P[l][0].T @ dZ
            elif kind == "conv2d":
                dW, db, dA = conv_backward(dZ, cache[l], P[l][0], layer["stride"], layer["pad"], m)
                grads[l] = [dW + lambd / m * P[l][0], db]
            elif kind == "flatten":
                dA = dZ.T.reshape(A[l].shape)
            else:
                dA = pool_backward(kind, dZ, A[l], layer["f"], layer["stride"])
            if l > 0:
                below = layers[l - 1]
                dZ = dA * g_prime(below["activation"], Z[l - 1], A[l]) if below["kind"] in ("conv2d", "dense") else dA
        alpha = run["alpha"]
        if decay:
            epochs = it // decay["every"]
            alpha = alpha / (1 + decay["rate"] * epochs) if decay["kind"] == "inverse" else alpha * decay["rate"] ** epochs
        t = it + 1
        for l in P:
            for j in (0, 1):
                d, key = grads[l][j], (l, j)
                if opt["kind"] == "gd":
                    P[l][j] = P[l][j] - alpha * d
                elif opt["kind"] == "momentum":
                    v[key] = opt["beta"] * v[key] + (1 - opt["beta"]) * d
                    P[l][j] = P[l][j] - alpha * v[key]
                elif opt["kind"] == "rmsprop":
                    s_[key] = opt["beta"] * s_[key] + (1 - opt["beta"]) * d ** 2
                    P[l][j] = P[l][j] - alpha * d / (np.sqrt(s_[key]) + opt["epsilon"])
                else:
                    v[key] = opt["beta1"] * v[key] + (1 - opt["beta1"]) * d
                    s_[key] = opt["beta2"] * s_[key] + (1 - opt["beta2"]) * d ** 2
                    v_hat = v[key] / (1 - opt["beta1"] ** t)
                    s_hat = s_[key] / (1 - opt["beta2"] ** t)
                    P[l][j] = P[l][j] - alpha * v_hat / (np.sqrt(s_hat) + opt["epsilon"])
    weights = {}
    for l in P:
        weights[f"W{l + 1}"] = P[l][0].tolist()
        weights[f"b{l + 1}"] = P[l][1].reshape(1, 1, 1, -1).tolist() if layers[l]["kind"] == "conv2d" else P[l][1].tolist()
    return {"costs": costs, "weights": weights}


if __name__ == "__main__":
    runs = json.load(sys.stdin)
    json.dump([train(r) for r in runs] if isinstance(runs, list) else train(runs), sys.stdout)
