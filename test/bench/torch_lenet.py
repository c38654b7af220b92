"""A conv network's training step in PyTorch on the CPU, timed for `npm run bench` (test/bench/conv.mjs).

Written the way a PyTorch user writes it: NCHW tensors (PyTorch's native layout), F.conv2d /
F.max_pool2d / F.linear, autograd for the backward pass, then plain gradient descent on every W, b.
One thread (torch.set_num_threads(1)), as the engine's single-threaded figure it is compared with.

usage: python3 torch_lenet.py '<workload as JSON>' float64|float32  -> prints {"ms": median_ms_per_step}
The workload is one entry of CONV_WORKLOADS in workloads.mjs: {image: [n_H, n_W, n_C], layers: [...],
m, alpha, steps, repeats}.
"""
import json
import sys
import time

import torch
import torch.nn.functional as F


def build(w, dtype, gen):
    """The parameters in PyTorch's layout: conv W (n_C, n_C_prev, f, f), dense W (n, n_prev)."""
    n_H, n_W, n_C = w["image"]
    params = []
    for layer in w["layers"]:
        kind = layer["kind"]
        if kind == "conv2d":
            fan_in = layer["f"] * layer["f"] * n_C
            W = torch.randn(layer["filters"], n_C, layer["f"], layer["f"], dtype=dtype, generator=gen) * (2 / fan_in) ** 0.5
            params.append((W, torch.zeros(layer["filters"], dtype=dtype)))
            n_H = (n_H + 2 * layer["pad"] - layer["f"]) // layer["stride"] + 1
            n_W = (n_W + 2 * layer["pad"] - layer["f"]) // layer["stride"] + 1
            n_C = layer["filters"]
        elif kind in ("max_pool", "avg_pool"):
            params.append(None)
            n_H = (n_H - layer["f"]) // layer["stride"] + 1
            n_W = (n_W - layer["f"]) // layer["stride"] + 1
        elif kind == "flatten":
            params.append(None)
            n_C, n_H, n_W = n_H * n_W * n_C, 1, 1
        else:
            W = torch.randn(layer["units"], n_C, dtype=dtype, generator=gen) * (2 / n_C) ** 0.5
            params.append((W, torch.zeros(layer["units"], dtype=dtype)))
            n_C = layer["units"]
    for p in params:
        for t in p or ():
            t.requires_grad_(True)
    return params


def activate(name, Z):
    return F.relu(Z) if name == "relu" else torch.tanh(Z) if name == "tanh" else torch.sigmoid(Z)


def forward(w, params, X):
    A = X
    last = len(w["layers"]) - 1
    for l, layer in enumerate(w["layers"]):
        kind = layer["kind"]
        if kind == "conv2d":
            W, b = params[l]
            A = activate(layer["activation"], F.conv2d(A, W, b, stride=layer["stride"], padding=layer["pad"]))
        elif kind == "max_pool":
            A = F.max_pool2d(A, layer["f"], layer["stride"])
        elif kind == "avg_pool":
            A = F.avg_pool2d(A, layer["f"], layer["stride"])
        elif kind == "flatten":
            # NCHW flattened as (h, w, c), the engine's order, so both networks are the same function
            A = A.permute(0, 2, 3, 1).reshape(A.shape[0], -1)
        else:
            W, b = params[l]
            Z = F.linear(A, W, b)
            A = Z if l == last else activate(layer["activation"], Z)
    return A  # the output layer's Z: softmax lives in the cost


def step(w, params, X, labels):
    Z = forward(w, params, X)
    J = F.cross_entropy(Z, labels)  # softmax + softmax_cross_entropy, from Z
    J.backward()
    with torch.no_grad():
        for p in params:
            for t in p or ():
                t -= w["alpha"] * t.grad
                t.grad = None
    return float(J)


def run(w, dtype):
    torch.set_num_threads(1)
    gen = torch.Generator().manual_seed(1)
    n_H, n_W, n_C = w["image"]
    X = torch.rand(w["m"], n_C, n_H, n_W, dtype=dtype, generator=gen)
    labels = torch.randint(0, w["layers"][-1]["units"], (w["m"],), generator=gen)
    params = build(w, dtype, gen)
    for _ in range(2):
        step(w, params, X, labels)
    times = []
    for _ in range(w["repeats"]):
        start = time.perf_counter()
        for _ in range(w["steps"]):
            step(w, params, X, labels)
        times.append((time.perf_counter() - start) * 1000 / w["steps"])
    return sorted(times)[len(times) // 2]


if __name__ == "__main__":
    dtype = {"float64": torch.float64, "float32": torch.float32}[sys.argv[2]]
    print(json.dumps({"ms": run(json.loads(sys.argv[1]), dtype)}))
