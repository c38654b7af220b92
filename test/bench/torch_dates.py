"""The bench's dates model (SEQUENCES[1] in workloads.mjs) in PyTorch float64 on one thread, as a
PyTorch user writes a transformer encoder layer: nn.Embedding, the sinusoidal positional encoding of
spec §15, nn.MultiheadAttention (batch-first) in a residual, nn.LayerNorm, the per-step
feed-forward nn.Linear → ReLU → nn.Linear in a residual, nn.LayerNorm, nn.Linear to the 12 output
characters, the cost Σ over steps of the cross-entropy averaged over examples (spec §14), autograd
and torch.optim.Adam — from the engine's initial weights on the engine's data, so the first cost
must equal the engine's.

Engine layouts: E (N_e, V) — nn.Embedding's weight is Eᵀ; WQ, WK, WV, WO (d, d) and in_proj_weight
= [WQ; WK; WV]; dense W (n, n_prev) as nn.Linear's; γ, β (d, 1). Layers: 1 embedding, 2 positional
encoding, 3 attention, 4 layer norm, 5–6 feed-forward, 7 layer norm, 8 output.

usage: python3 torch_dates.py < input (peer_timing.py) -> prints {"ms", "J"}
"""
import math

import torch
import torch.nn.functional as F

from peer_timing import read_input, report

HEADS = 4


def positional_encoding(T, d):
    """PE (T, d): PE[t, 2i] = sin(t / 10000^(2i/d)), PE[t, 2i+1] = cos(t / 10000^(2i/d))."""
    pe = torch.zeros(T, d)
    for t in range(T):
        for i in range(0, d, 2):
            angle = t / 10000 ** (i / d)
            pe[t, i] = math.sin(angle)
            if i + 1 < d:
                pe[t, i + 1] = math.cos(angle)
    return pe


def main():
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float64)
    data = read_input()
    P, m = data["initial"], data["m"]
    t = lambda key: torch.tensor(P[key])
    d = len(P["bQ3"])
    V = len(P["E1"]) // d
    T = len(data["X"]) // m
    n_y = len(P["b8"])
    f = len(P["b5"])
    ids = torch.tensor(data["X"]).reshape(T, m).T.long()  # (m, T)
    labels = torch.tensor(data["Y"]).reshape(T, n_y, m).argmax(dim=1).T  # (m, T)

    embedding = torch.nn.Embedding(V, d)
    attention = torch.nn.MultiheadAttention(d, HEADS, batch_first=True)
    norm1, norm2 = torch.nn.LayerNorm(d, eps=1e-5), torch.nn.LayerNorm(d, eps=1e-5)
    hidden, back, out = torch.nn.Linear(d, f), torch.nn.Linear(f, d), torch.nn.Linear(d, n_y)
    with torch.no_grad():
        embedding.weight.copy_(t("E1").reshape(d, V).T)
        attention.in_proj_weight.copy_(torch.cat([t(f"W{p}3").reshape(d, d) for p in "QKV"]))
        attention.in_proj_bias.copy_(torch.cat([t(f"b{p}3") for p in "QKV"]))
        attention.out_proj.weight.copy_(t("WO3").reshape(d, d))
        attention.out_proj.bias.copy_(t("bO3"))
        for norm, l in ((norm1, 4), (norm2, 7)):
            norm.weight.copy_(t(f"gamma{l}"))
            norm.bias.copy_(t(f"beta{l}"))
        for linear, l, n_prev in ((hidden, 5, d), (back, 6, f), (out, 8, d)):
            linear.weight.copy_(t(f"W{l}").reshape(-1, n_prev))
            linear.bias.copy_(t(f"b{l}"))
    pe = positional_encoding(T, d)
    modules = [embedding, attention, norm1, norm2, hidden, back, out]
    opt = torch.optim.Adam([p for mod in modules for p in mod.parameters()], lr=0.001, betas=(0.9, 0.999), eps=1e-8)

    def step():
        opt.zero_grad(set_to_none=True)
        A = embedding(ids) + pe
        A = norm1(A + attention(A, A, A, need_weights=False)[0])
        A = norm2(A + back(F.relu(hidden(A))))
        J = F.cross_entropy(out(A).reshape(-1, n_y), labels.reshape(-1), reduction="sum") / m
        J.backward()
        opt.step()
        return J.item()

    report(step, data["w"])


if __name__ == "__main__":
    main()
