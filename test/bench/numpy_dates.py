"""The bench's dates model (SEQUENCES[1] in workloads.mjs: examples/dates.nn) in numpy float64,
with course 5's equations written batch-first as a numpy user would: (m, T, d) arrays, heads split
to (m, h, T, d_k) by reshape and transpose, the (T, T) products as batched matmul; embedding,
positional encoding, then per encoder block multi-head self-attention (S = Q·Kᵀ/√d_k, α = softmax,
O = α·V) in a residual, layer norm, the per-step feed-forward (relu) in a residual, layer norm; the
per-step softmax output, J = −(1/m)·Σ over examples and steps of log p(label) (spec §14), the
backward pass by hand, and Adam (β1 0.9, β2 0.999, ε 1e-8). From the engine's initial weights on
the engine's data, so the first cost must equal the engine's. Layers numbered as in torch_dates.py.

usage: python3 numpy_dates.py < input (peer_timing.py; w.heads, w.alpha) -> prints {"ms", "cpu", "J"}
"""
import numpy as np

from numpy_lstm import Adam
from peer_timing import blocks_of, output_layer, read_input, report

EPSILON = 1e-5


def positional_encoding(T, d):
    """PE (T, d): PE[t, 2i] = sin(t / 10000^(2i/d)), PE[t, 2i+1] = cos(t / 10000^(2i/d))."""
    t = np.arange(T)[:, None]
    angle = t / 10000 ** (np.arange(0, d, 2)[None, :] / d)
    pe = np.zeros((T, d))
    pe[:, 0::2], pe[:, 1::2] = np.sin(angle), np.cos(angle[:, : d // 2])
    return pe


def layer_norm(x, gamma, beta):
    mu = x.mean(axis=-1, keepdims=True)
    sigma = np.sqrt(x.var(axis=-1, keepdims=True) + EPSILON)
    xhat = (x - mu) / sigma
    return gamma * xhat + beta, (xhat, sigma)


def layer_norm_backward(dy, gamma, cache):
    xhat, sigma = cache
    dxhat = dy * gamma
    dx = (dxhat - dxhat.mean(axis=-1, keepdims=True) - xhat * (dxhat * xhat).mean(axis=-1, keepdims=True)) / sigma
    return dx, (dy * xhat).sum(axis=(0, 1)), dy.sum(axis=(0, 1))


def linear_backward(dZ, A, W):
    """dW, db and dA of Z = A·Wᵀ + b on (m, T, n) arrays: the sums run over examples and steps."""
    n, n_prev = W.shape
    return dZ.reshape(-1, n).T @ A.reshape(-1, n_prev), dZ.sum(axis=(0, 1)), dZ @ W


def main():
    data = read_input()
    P0, m, w = data["initial"], data["m"], data["w"]
    P = {key: np.array(values, dtype=np.float64) for key, values in P0.items()}
    blocks, L = blocks_of(P), output_layer(P)
    d = len(P[f"bQ{blocks[0]}"])
    V = len(P["E1"]) // d
    T = len(data["X"]) // m
    n_y = len(P[f"b{L}"])
    h = w["heads"]
    dk = d // h
    P["E1"] = P["E1"].reshape(d, V)
    for l in blocks:
        for key, cols in ((f"WQ{l}", d), (f"WK{l}", d), (f"WV{l}", d), (f"WO{l}", d), (f"W{l + 2}", d), (f"W{l + 3}", len(P[f"b{l + 2}"]))):
            P[key] = P[key].reshape(-1, cols)
    P[f"W{L}"] = P[f"W{L}"].reshape(-1, d)
    ids = np.array(data["X"]).reshape(T, m).T.astype(np.int64)  # (m, T)
    Y = np.array(data["Y"], dtype=np.float64).reshape(T, n_y, m).transpose(2, 0, 1)  # one-hot (m, T, n_y)
    pe = positional_encoding(T, d)
    keys = list(P)
    adam = Adam([P[key] for key in keys], lr=w["alpha"])
    split = lambda X: X.reshape(m, T, h, dk).transpose(0, 2, 1, 3)  # (m, h, T, d_k)
    merge = lambda X: X.transpose(0, 2, 1, 3).reshape(m, T, d)

    def block_forward(A, l):
        Q, K, Vv = (split(A @ P[f"W{p}{l}"].T + P[f"b{p}{l}"]) for p in "QKV")
        S = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(dk)
        alpha = np.exp(S - S.max(axis=-1, keepdims=True))
        alpha /= alpha.sum(axis=-1, keepdims=True)
        O = merge(alpha @ Vv)
        N1, ln1 = layer_norm(A + O @ P[f"WO{l}"].T + P[f"bO{l}"], P[f"gamma{l + 1}"], P[f"beta{l + 1}"])
        Z = N1 @ P[f"W{l + 2}"].T + P[f"b{l + 2}"]
        H = np.maximum(Z, 0)
        N2, ln2 = layer_norm(N1 + H @ P[f"W{l + 3}"].T + P[f"b{l + 3}"], P[f"gamma{l + 4}"], P[f"beta{l + 4}"])
        return N2, (A, Q, K, Vv, alpha, O, ln1, N1, Z, H, ln2)

    def block_backward(dN2, l, cache, G):
        A, Q, K, Vv, alpha, O, ln1, N1, Z, H, ln2 = cache
        dR2, G[f"gamma{l + 4}"], G[f"beta{l + 4}"] = layer_norm_backward(dN2, P[f"gamma{l + 4}"], ln2)
        G[f"W{l + 3}"], G[f"b{l + 3}"], dH = linear_backward(dR2, H, P[f"W{l + 3}"])
        G[f"W{l + 2}"], G[f"b{l + 2}"], dN1 = linear_backward(dH * (Z > 0), N1, P[f"W{l + 2}"])
        dR1, G[f"gamma{l + 1}"], G[f"beta{l + 1}"] = layer_norm_backward(dR2 + dN1, P[f"gamma{l + 1}"], ln1)
        G[f"WO{l}"], G[f"bO{l}"], dO = linear_backward(dR1, O, P[f"WO{l}"])
        dO = split(dO)
        dalpha = dO @ Vv.transpose(0, 1, 3, 2)
        dVv = alpha.transpose(0, 1, 3, 2) @ dO
        dS = alpha * (dalpha - (alpha * dalpha).sum(axis=-1, keepdims=True)) / np.sqrt(dk)
        dA = dR1
        for p, dX in (("Q", dS @ K), ("K", dS.transpose(0, 1, 3, 2) @ Q), ("V", dVv)):
            G[f"W{p}{l}"], G[f"b{p}{l}"], dAp = linear_backward(merge(dX), A, P[f"W{p}{l}"])
            dA = dA + dAp
        return dA

    def step():
        A = P["E1"].T[ids] + pe
        caches = []
        for l in blocks:
            A, cache = block_forward(A, l)
            caches.append(cache)
        logits = A @ P[f"W{L}"].T + P[f"b{L}"]
        prob = np.exp(logits - logits.max(axis=-1, keepdims=True))
        prob /= prob.sum(axis=-1, keepdims=True)
        J = -np.sum(Y * np.log(prob)) / m

        G = {}
        G[f"W{L}"], G[f"b{L}"], dA = linear_backward((prob - Y) / m, A, P[f"W{L}"])
        for l, cache in reversed(list(zip(blocks, caches))):
            dA = block_backward(dA, l, cache, G)
        dEt = np.zeros((V, d))
        np.add.at(dEt, ids, dA)
        G["E1"] = dEt.T
        adam.step([G[key].reshape(P[key].shape) for key in keys])
        return J

    report(step, w)


if __name__ == "__main__":
    main()
