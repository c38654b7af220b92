"""The bench's small ResNet (RESNET in workloads.mjs) in PyTorch float64 on one thread, timed for `npm run bench`.

Written as a PyTorch user writes it: NCHW tensors, F.conv2d without bias, F.batch_norm in training
mode (ε 1e-5, momentum 0.1, running statistics updated), residual sums, the mean over H and W,
F.linear, F.cross_entropy, autograd and torch.optim.Adam. It starts from the engine's initial weights
(engine layouts: conv W (f, f, n_C_prev, n_C), γ/β/running statistics (1, 1, 1, n_C), dense W (n, n_prev)),
on the engine's X (n_H·n_W·n_C, m) and one-hot Y, so the first step's cost must equal the engine's.

usage: python3 torch_resnet.py < {"w": workload, "initial": {key: values}, "X": [...], "Y": [...]}
  -> prints {"ms": median ms per step, "J": the first step's cost}
"""
import json
import sys
import time

import torch
import torch.nn.functional as F


def tensors(w, initial):
    """Trained parameters (requires_grad) and running statistics by engine key, in PyTorch's layout."""
    n_C = w["image"][2]
    channels = {}  # each layer's input channels, found by walking the tree in order of l
    P, stats = {}, {}
    for l, layer in enumerate(w["layers"], start=1):
        t = lambda name: torch.tensor(initial[f"{name}{l}"], dtype=torch.float64)
        if layer["kind"] == "conv2d":
            f, filters = layer["f"], layer["filters"]
            cin = len(initial[f"W{l}"]) // (f * f * filters)
            P[f"W{l}"] = t("W").reshape(f, f, cin, filters).permute(3, 2, 0, 1).contiguous()
            P[f"gamma{l}"], P[f"beta{l}"] = t("gamma"), t("beta")
            stats[l] = (t("running_mean"), t("running_var"))
        elif layer["kind"] == "dense":
            P[f"W{l}"] = t("W").reshape(layer["units"], -1)
            P[f"b{l}"] = t("b")
    for p in P.values():
        p.requires_grad_(True)
    return P, stats


def layer_forward(w, P, stats, l, A):
    layer = w["layers"][l - 1]
    if layer["kind"] == "conv2d":
        Z = F.conv2d(A, P[f"W{l}"], None, stride=layer["stride"], padding=layer["pad"])
        mean, var = stats[l]
        Z = F.batch_norm(Z, mean, var, P[f"gamma{l}"], P[f"beta{l}"], training=True, momentum=0.1, eps=1e-5)
        return F.relu(Z) if layer["activation"]["name"] == "relu" else Z
    if layer["kind"] == "global_avg_pool":
        return A.mean(dim=(2, 3))
    return F.linear(A, P[f"W{l}"], P[f"b{l}"])  # the output layer's Z: softmax lives in the cost


def run_nodes(w, P, stats, nodes, A):
    for node in nodes:
        if node["kind"] == "layer":
            A = layer_forward(w, P, stats, node["l"], A)
        else:  # residual (relu)
            A = F.relu(run_nodes(w, P, stats, node["body"], A) + run_nodes(w, P, stats, node["shortcut"], A))
    return A


def main():
    torch.set_num_threads(1)
    d = json.load(sys.stdin)
    w = d["w"]
    n_H, n_W, n_C = w["image"]
    m = w["m"]
    X = torch.tensor(d["X"], dtype=torch.float64).reshape(-1, m).T.reshape(m, n_H, n_W, n_C).permute(0, 3, 1, 2).contiguous()
    labels = torch.tensor(d["Y"], dtype=torch.float64).reshape(-1, m).argmax(dim=0)
    P, stats = tensors(w, d["initial"])
    opt = torch.optim.Adam(P.values(), lr=w["alpha"], betas=(0.9, 0.999), eps=1e-8)

    def step():
        opt.zero_grad(set_to_none=True)
        J = F.cross_entropy(run_nodes(w, P, stats, w["body"], X), labels)
        J.backward()
        opt.step()
        return float(J)

    J = step()
    for _ in range(2):
        step()
    times = []
    for _ in range(w["repeats"]):
        start = time.perf_counter()
        for _ in range(w["steps"]):
            step()
        times.append((time.perf_counter() - start) * 1000 / w["steps"])
    print(json.dumps({"ms": sorted(times)[len(times) // 2], "J": J}))


if __name__ == "__main__":
    main()
