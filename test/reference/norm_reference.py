"""PyTorch float64, one thread, as the reference for spec §13: the same network built from torch's own
modules (Linear/Conv2d without bias before BatchNorm1d/BatchNorm2d with eps 1e-5 and momentum 0.1,
LayerNorm), trained in training mode on the given mini-batches with the course's Adam (spec §9),
then asked for eval-mode predictions. test/unit/reference/norm-train.test.ts runs it next to the
engine on the same weights and batches; it shares no code with the engine.

usage: python3 norm_reference.py < run.json  -> prints {"costs": [J, ...], "weights": {...}, "predictions": (n[L], m) nested}
run.json: {"image": [n_H, n_W, n_C] or null, "n0": n[0], "layers": [...], "X": (n[0], m) nested, "Y": (n[L], m) nested,
           "weights": a weights file (spec §6, §8, §13), "alpha", "batches": [[example indices], ...] one per iteration,
           "adam": {"beta1", "beta2", "epsilon"}, "l2": lambda}
layers (as NetworkSpec.layers): {"kind": "dense", "units", "activation": {"name"}, "norm"?} | {"kind": "conv2d", "filters", "activation", "f", "stride", "pad", "norm"?}
        | {"kind": "max_pool" | "avg_pool", "f", "stride"} | {"kind": "flatten"} | {"kind": "layer_norm"}
The output layer is dense with a sigmoid (binary cross-entropy) or softmax (cross-entropy) output.
"""
import json
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)

ACTIVATIONS = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "linear": lambda z: z}


def tensor(x):
    return torch.tensor(x, dtype=torch.float64)


def build(run):
    """The modules in order, each with a function that applies it, and the weights-file keys of each tensor."""
    W = {k: tensor(v) for k, v in run["weights"].items()}
    steps, keys = [], []  # keys: (weights-file key, tensor, how to write it back)
    H, Wd, C = run["image"] if run["image"] else (None, None, None)
    n = run["n0"]
    for i, layer in enumerate(run["layers"]):
        l = i + 1
        kind = layer["kind"]
        if kind in ("dense", "conv2d"):
            norm = layer.get("norm") == "batch"
            if kind == "dense":
                mod = nn.Linear(n, layer["units"], bias=not norm)
                mod.weight.data = W[f"W{l}"].clone()
                keys.append((f"W{l}", mod.weight, lambda t: t))
                out = layer["units"]
            else:
                mod = nn.Conv2d(C, layer["filters"], layer["f"], stride=layer["stride"], padding=layer["pad"], bias=not norm)
                mod.weight.data = W[f"W{l}"].permute(3, 2, 0, 1).contiguous()  # (f, f, C, F) -> (F, C, f, f)
                keys.append((f"W{l}", mod.weight, lambda t: t.permute(2, 3, 1, 0)))
                out = C = layer["filters"]
                H = (H + 2 * layer["pad"] - layer["f"]) // layer["stride"] + 1
                Wd = (Wd + 2 * layer["pad"] - layer["f"]) // layer["stride"] + 1
            shape = (lambda t: t.reshape(-1, 1)) if kind == "dense" else (lambda t: t.reshape(1, 1, 1, -1))
            if not norm:
                mod.bias.data = W[f"b{l}"].reshape(-1).clone()
                keys.append((f"b{l}", mod.bias, shape))
                bn = None
            else:
                bn = (nn.BatchNorm1d if kind == "dense" else nn.BatchNorm2d)(out, eps=1e-5, momentum=0.1)
                bn.weight.data = W[f"gamma{l}"].reshape(-1).clone()
                bn.bias.data = W[f"beta{l}"].reshape(-1).clone()
                bn.running_mean = W[f"running_mean{l}"].reshape(-1).clone()
                bn.running_var = W[f"running_var{l}"].reshape(-1).clone()
                keys += [(f"gamma{l}", bn.weight, shape), (f"beta{l}", bn.bias, shape)]
                keys += [(f"running_mean{l}", lambda bn=bn: bn.running_mean, shape), (f"running_var{l}", lambda bn=bn: bn.running_var, shape)]
            g = ACTIVATIONS[layer["activation"]["name"]] if layer["activation"]["name"] in ACTIVATIONS else (lambda z: z)  # the output layer returns Z (softmax/sigmoid in the loss)
            last = i == len(run["layers"]) - 1
            steps.append((mod, bn, (lambda z: z) if last else g))
            n = out
        elif kind == "layer_norm":
            mod = nn.LayerNorm(n, eps=1e-5)
            mod.weight.data = W[f"gamma{l}"].reshape(-1).clone()
            mod.bias.data = W[f"beta{l}"].reshape(-1).clone()
            keys += [(f"gamma{l}", mod.weight, lambda t: t.reshape(-1, 1)), (f"beta{l}", mod.bias, lambda t: t.reshape(-1, 1))]
            steps.append((mod, None, lambda z: z))
        elif kind == "flatten":
            steps.append((lambda a: a.permute(0, 2, 3, 1).flatten(1), None, lambda z: z))  # (h, w, c) order
            n = H * Wd * C
        else:
            pool = nn.MaxPool2d if kind == "max_pool" else nn.AvgPool2d
            steps.append((pool(layer["f"], stride=layer["stride"]), None, lambda z: z))
            H, Wd = (H - layer["f"]) // layer["stride"] + 1, (Wd - layer["f"]) // layer["stride"] + 1
    return steps, keys


def forward(run, steps, X):
    """Z[L] (m, n[L]) for X (n[0], m) in the engine's layout."""
    A = X.T
    if run["image"]:
        H, Wd, C = run["image"]
        A = A.reshape(-1, H, Wd, C).permute(0, 3, 1, 2)
    for mod, bn, g in steps:
        A = mod(A)
        if bn is not None:
            A = bn(A)
        A = g(A)
    return A


def loss(run, Z, Y):
    if run["layers"][-1]["activation"]["name"] == "softmax":
        return F.cross_entropy(Z, Y.argmax(dim=0))
    return F.binary_cross_entropy_with_logits(Z, Y.T)


def main():
    run = json.load(sys.stdin)
    X, Y = tensor(run["X"]), tensor(run["Y"])
    steps, keys = build(run)
    trained = [t for _, t, _ in keys if isinstance(t, torch.Tensor)]
    for mod, bn, _ in steps:
        if isinstance(mod, nn.Module):
            mod.train()
        if bn is not None:
            bn.train()
    b1, b2, eps = run["adam"]["beta1"], run["adam"]["beta2"], run["adam"]["epsilon"]
    v = [torch.zeros_like(t) for t in trained]
    s = [torch.zeros_like(t) for t in trained]
    costs = []
    for t, batch in enumerate(run["batches"], start=1):
        index = torch.tensor(batch)
        Xb, Yb = X[:, index], Y[:, index]
        for p in trained:
            p.grad = None
        J = loss(run, forward(run, steps, Xb), Yb)
        # L2 on the W[l] alone (spec §9): γ and β are not regularized (§13)
        l2 = run["l2"] / (2 * len(batch)) * sum((tt ** 2).sum() for key, tt, _ in keys if key.startswith("W"))
        J = J + l2
        costs.append(J.item())
        J.backward()
        with torch.no_grad():
            for k, p in enumerate(trained):
                d = p.grad
                v[k] = b1 * v[k] + (1 - b1) * d
                s[k] = b2 * s[k] + (1 - b2) * d * d
                p -= run["alpha"] * (v[k] / (1 - b1 ** t)) / (torch.sqrt(s[k] / (1 - b2 ** t)) + eps)
    for mod, bn, _ in steps:
        if isinstance(mod, nn.Module):
            mod.eval()
        if bn is not None:
            bn.eval()
    with torch.no_grad():
        Z = forward(run, steps, X)
        A = torch.softmax(Z, dim=1) if run["layers"][-1]["activation"]["name"] == "softmax" else torch.sigmoid(Z)
        weights = {key: write(t() if callable(t) else t).tolist() for key, t, write in keys}
    json.dump({"costs": costs, "weights": weights, "predictions": A.T.tolist()}, sys.stdout)


if __name__ == "__main__":
    main()
