"""PyTorch float64, one thread, as the reference for spec §14's engine side: a tokens or sequence input,
`embedding` as torch's nn.Embedding (its weight is E[l]ᵀ), `dense` per step as nn.Linear on batch-first
(m, T, n), softmax per step, the cost summed over steps and averaged over examples, `clip C` as
torch.nn.utils.clip_grad_value_, and the course's gradient descent on the given mini-batches.
test/unit/reference/seq-train.test.ts runs it next to the engine; it shares no code with the engine.

usage: python3 seq_reference.py < run.json  -> prints {"costs": [J, ...], "weights": {key: flat row-major values}}
run.json: {"tokens": [T, V] or null, "sequence": [T, n] or null, "layers": [{"kind": "embedding", "units"} |
           {"kind": "dense", "units", "activation": {"name"}}], "loss": "softmax_cross_entropy" | "cross_entropy" | "mse",
           "X": flat (T·n or T, m) time-major rows, "Y": flat (T·n_y, m), "m": m,
           "weights": {key: [flat values, shape]}, "alpha", "clip": C or null, "batches": [[example indices], ...]}
"""
import json
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)

ACTIVATIONS = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "linear": lambda z: z,
               "softmax": lambda z: torch.softmax(z, dim=-1)}


def batch_first(flat, T, m):
    """A time-major (T·n, m) matrix as PyTorch's batch-first (m, T, n)."""
    return torch.tensor(flat, dtype=torch.float64).reshape(T, -1, m).permute(2, 0, 1).contiguous()


def main():
    run = json.load(sys.stdin)
    m = run["m"]
    T = (run["tokens"] or run["sequence"])[0]
    X = batch_first(run["X"], T, m)
    if run["tokens"]:
        X = X.reshape(m, T).long()
    Y = batch_first(run["Y"], T, m)
    given = {key: torch.tensor(values).reshape(shape) for key, (values, shape) in run["weights"].items()}
    modules, keys = [], []  # keys: (weights-file key, tensor, back to the editor's layout)
    n = run["sequence"][1] if run["sequence"] else None
    for i, layer in enumerate(run["layers"]):
        l = i + 1
        if layer["kind"] == "embedding":
            V = run["tokens"][1]
            mod = nn.Embedding(V, layer["units"])
            mod.weight.data = given[f"E{l}"].T.clone()
            keys.append((f"E{l}", mod.weight, lambda t: t.T))
        else:
            mod = nn.Linear(n, layer["units"])
            mod.weight.data = given[f"W{l}"].clone()
            mod.bias.data = given[f"b{l}"].reshape(-1).clone()
            keys.append((f"W{l}", mod.weight, lambda t: t))
            keys.append((f"b{l}", mod.bias, lambda t: t.reshape(-1, 1)))
        modules.append((layer, mod))
        n = layer["units"]

    def forward(A):
        """Z[L] (m, T, n[L]); every layer before it applies its g."""
        for k, (layer, mod) in enumerate(modules):
            A = mod(A)
            if layer["kind"] == "dense" and k < len(modules) - 1:
                A = ACTIVATIONS[layer["activation"]["name"]](A)
        return A

    g = ACTIVATIONS[modules[-1][0]["activation"]["name"]]

    def cost(Z, Yb):
        """J = (1/m)·Σ_i Σ_t L (spec §14), from Z where the loss allows."""
        mb = Z.shape[0]
        if run["loss"] == "softmax_cross_entropy":
            return -(Yb * F.log_softmax(Z, dim=-1)).sum() / mb
        if run["loss"] == "cross_entropy":
            return F.binary_cross_entropy_with_logits(Z, Yb, reduction="sum") / mb
        return ((g(Z) - Yb) ** 2).sum() / (2 * mb)

    params = [t for _, t, _ in keys]
    costs = []
    for batch in run["batches"]:
        index = torch.tensor(batch)
        J = cost(forward(X[index]), Y[index])
        costs.append(J.item())
        for p in params:
            p.grad = None
        J.backward()
        if run["clip"] is not None:
            torch.nn.utils.clip_grad_value_(params, run["clip"])
        with torch.no_grad():
            for p in params:
                p -= run["alpha"] * p.grad
    weights = {key: back(t.detach()).reshape(-1).tolist() for key, t, back in keys}
    print(json.dumps({"costs": costs, "weights": weights}))


main()
