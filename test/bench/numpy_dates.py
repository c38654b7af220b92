"""The bench's dates model (SEQUENCES[1] in workloads.mjs) in numpy float64, with course 5's
equations written batch-first as a numpy user would: (m, T, d) arrays, heads split to (m, h, T, d_k)
by reshape and transpose, the (T, T) products as batched matmul; embedding, positional encoding,
multi-head self-attention (S = Q·Kᵀ/√d_k, α = softmax, O = α·V) in a residual, layer norm, the
per-step feed-forward (relu) in a residual, layer norm, the per-step softmax output, J = −(1/m)·Σ
over examples and steps of log p(label) (spec §14), the backward pass by hand, and Adam (β1 0.9,
β2 0.999, ε 1e-8). From the engine's initial weights on the engine's data, so the first cost must
equal the engine's. Layers as in torch_dates.py: 1 embedding, 2 positional encoding, 3 attention,
4 layer norm, 5–6 feed-forward, 7 layer norm, 8 output.

usage: python3 numpy_dates.py < input (peer_timing.py) -> prints {"ms", "J"}
"""
import numpy as np

from numpy_lstm import Adam
from peer_timing import read_input, report

HEADS = 4
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
    P0, m = data["initial"], data["m"]
    P = {key: np.array(values, dtype=np.float64) for key, values in P0.items()}
    d = len(P["bQ3"])
    V = len(P["E1"]) // d
    T = len(data["X"]) // m
    n_y, f = len(P["b8"]), len(P["b5"])
    h, dk = HEADS, d // HEADS
    P["E1"] = P["E1"].reshape(d, V)
    for key, cols in (("WQ3", d), ("WK3", d), ("WV3", d), ("WO3", d), ("W5", d), ("W6", f), ("W8", d)):
        P[key] = P[key].reshape(-1, cols)
    ids = np.array(data["X"]).reshape(T, m).T.astype(np.int64)  # (m, T)
    Y = np.array(data["Y"], dtype=np.float64).reshape(T, n_y, m).transpose(2, 0, 1)  # one-hot (m, T, n_y)
    pe = positional_encoding(T, d)
    keys = list(P)
    adam = Adam([P[key] for key in keys], lr=0.001)
    split = lambda X: X.reshape(m, T, h, dk).transpose(0, 2, 1, 3)  # (m, h, T, d_k)
    merge = lambda X: X.transpose(0, 2, 1, 3).reshape(m, T, d)

    def step():
        A1 = P["E1"].T[ids] + pe
        Q, K, Vv = (split(A1 @ P[f"W{p}3"].T + P[f"b{p}3"]) for p in "QKV")
        S = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(dk)
        alpha = np.exp(S - S.max(axis=-1, keepdims=True))
        alpha /= alpha.sum(axis=-1, keepdims=True)
        O = merge(alpha @ Vv)
        N1, ln1 = layer_norm(A1 + O @ P["WO3"].T + P["bO3"], P["gamma4"], P["beta4"])
        Z5 = N1 @ P["W5"].T + P["b5"]
        H = np.maximum(Z5, 0)
        N2, ln2 = layer_norm(N1 + H @ P["W6"].T + P["b6"], P["gamma7"], P["beta7"])
        logits = N2 @ P["W8"].T + P["b8"]
        prob = np.exp(logits - logits.max(axis=-1, keepdims=True))
        prob /= prob.sum(axis=-1, keepdims=True)
        J = -np.sum(Y * np.log(prob)) / m

        G = {}
        G["W8"], G["b8"], dN2 = linear_backward((prob - Y) / m, N2, P["W8"])
        dR2, G["gamma7"], G["beta7"] = layer_norm_backward(dN2, P["gamma7"], ln2)
        G["W6"], G["b6"], dH = linear_backward(dR2, H, P["W6"])
        G["W5"], G["b5"], dN1 = linear_backward(dH * (Z5 > 0), N1, P["W5"])
        dR1, G["gamma4"], G["beta4"] = layer_norm_backward(dR2 + dN1, P["gamma4"], ln1)
        G["WO3"], G["bO3"], dO = linear_backward(dR1, O, P["WO3"])
        dO = split(dO)
        dalpha = dO @ Vv.transpose(0, 1, 3, 2)
        dVv = alpha.transpose(0, 1, 3, 2) @ dO
        dS = alpha * (dalpha - (alpha * dalpha).sum(axis=-1, keepdims=True)) / np.sqrt(dk)
        dA1 = dR1
        for p, dX in (("Q", dS @ K), ("K", dS.transpose(0, 1, 3, 2) @ Q), ("V", dVv)):
            G[f"W{p}3"], G[f"b{p}3"], dA = linear_backward(merge(dX), A1, P[f"W{p}3"])
            dA1 = dA1 + dA
        dEt = np.zeros((V, d))
        np.add.at(dEt, ids, dA1)
        G["E1"] = dEt.T
        adam.step([G[key].reshape(P[key].shape) for key in keys])
        return J

    report(step, data["w"])


if __name__ == "__main__":
    main()
