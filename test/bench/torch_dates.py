"""The bench's dates model (SEQUENCES[1] in workloads.mjs: examples/dates.nn) in PyTorch float64 on
one thread, as a PyTorch user writes a transformer encoder: nn.Embedding, the sinusoidal positional
encoding of spec §15, then per encoder block nn.MultiheadAttention (batch-first) in a residual,
nn.LayerNorm, the per-step feed-forward nn.Linear → ReLU → nn.Linear in a residual, nn.LayerNorm;
then nn.Linear to the 12 output characters, the cost Σ over steps of the cross-entropy averaged
over examples (spec §14), autograd and torch.optim.Adam — from the engine's initial weights on the
engine's data, so the first cost must equal the engine's.

Engine layouts: E (N_e, V) — nn.Embedding's weight is Eᵀ; WQ, WK, WV, WO (d, d) and in_proj_weight
= [WQ; WK; WV]; dense W (n, n_prev) as nn.Linear's; γ, β (d, 1). Layers: 1 embedding, 2 positional
encoding, then each block's attention at l (found by its WQ<l>), layer norm l + 1, feed-forward
l + 2 and l + 3, layer norm l + 4; the output layer last.

usage: python3 torch_dates.py < input (peer_timing.py; w.heads, w.alpha) -> prints {"ms", "cpu", "J"}
"""
import math

import torch
import torch.nn.functional as F

from peer_timing import blocks_of, output_layer, read_input, report



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
    P, m, w = data["initial"], data["m"], data["w"]
    t = lambda key: torch.tensor(P[key])
    blocks, L = blocks_of(P), output_layer(P)
    d = len(P[f"bQ{blocks[0]}"])
    V = len(P["E1"]) // d
    T = len(data["X"]) // m
    n_y = len(P[f"b{L}"])
    ids = torch.tensor(data["X"]).reshape(T, m).T.long()  # (m, T)
    labels = torch.tensor(data["Y"]).reshape(T, n_y, m).argmax(dim=1).T  # (m, T)

    embedding = torch.nn.Embedding(V, d)
    out = torch.nn.Linear(d, n_y)
    layers = []  # per block: attention, norm1, hidden, back, norm2
    with torch.no_grad():
        embedding.weight.copy_(t("E1").reshape(d, V).T)
        for l in blocks:
            f = len(P[f"b{l + 2}"])
            attention = torch.nn.MultiheadAttention(d, w["heads"], batch_first=True)
            attention.in_proj_weight.copy_(torch.cat([t(f"W{p}{l}").reshape(d, d) for p in "QKV"]))
            attention.in_proj_bias.copy_(torch.cat([t(f"b{p}{l}") for p in "QKV"]))
            attention.out_proj.weight.copy_(t(f"WO{l}").reshape(d, d))
            attention.out_proj.bias.copy_(t(f"bO{l}"))
            norm1, norm2 = torch.nn.LayerNorm(d, eps=1e-5), torch.nn.LayerNorm(d, eps=1e-5)
            for norm, k in ((norm1, l + 1), (norm2, l + 4)):
                norm.weight.copy_(t(f"gamma{k}"))
                norm.bias.copy_(t(f"beta{k}"))
            hidden, back = torch.nn.Linear(d, f), torch.nn.Linear(f, d)
            layers.append((attention, norm1, hidden, back, norm2))
        for linear, k, n_prev in [*((layer[2], l + 2, d) for layer, l in zip(layers, blocks)),
                                  *((layer[3], l + 3, len(P[f"b{l + 2}"])) for layer, l in zip(layers, blocks)), (out, L, d)]:
            linear.weight.copy_(t(f"W{k}").reshape(-1, n_prev))
            linear.bias.copy_(t(f"b{k}"))
    pe = positional_encoding(T, d)
    modules = [embedding, out, *(mod for layer in layers for mod in layer)]
    opt = torch.optim.Adam([p for mod in modules for p in mod.parameters()], lr=w["alpha"], betas=(0.9, 0.999), eps=1e-8)

    def step():
        opt.zero_grad(set_to_none=True)
        A = embedding(ids) + pe
        for attention, norm1, hidden, back, norm2 in layers:
            A = norm1(A + attention(A, A, A, need_weights=False)[0])
            A = norm2(A + back(F.relu(hidden(A))))
        J = F.cross_entropy(out(A).reshape(-1, n_y), labels.reshape(-1), reduction="sum") / m
        J.backward()
        opt.step()
        return J.item()

    report(step, w)


if __name__ == "__main__":
    main()
