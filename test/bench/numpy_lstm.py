"""The bench's LSTM (SEQUENCES[0] in workloads.mjs) in numpy float64, written with course 5's
equations (lstm_cell_forward / lstm_cell_backward of week 1) as a numpy user who knows BLAS writes
them: the four gates' W stacked into one (4n_a, n_a + n_x) matrix so each step is one product
W·[a⟨t−1⟩; x⟨t⟩]; backpropagation through time; then ŷ = W2·a⟨T⟩ + b2, J = (1/2m)·Σ(ŷ − y)², and Adam
(β1 0.9, β2 0.999, ε 1e-8). From the engine's initial weights on the engine's data, so the first
cost must equal the engine's.

usage: python3 numpy_lstm.py < input (peer_timing.py) -> prints {"ms", "J"}
"""
import numpy as np

from peer_timing import read_input, report

GATES = "fico"  # Γf, Γi, c̃, Γo: rows 0, n_a, 2n_a, 3n_a of the stacked W


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


class Adam:
    def __init__(self, params, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.params, self.lr, self.beta1, self.beta2, self.eps, self.t = params, lr, beta1, beta2, eps, 0
        self.v = [np.zeros_like(p) for p in params]
        self.s = [np.zeros_like(p) for p in params]

    def step(self, grads):
        self.t += 1
        for p, g, v, s in zip(self.params, grads, self.v, self.s):
            v *= self.beta1
            v += (1 - self.beta1) * g
            s *= self.beta2
            s += (1 - self.beta2) * g * g
            p -= self.lr * (v / (1 - self.beta1 ** self.t)) / (np.sqrt(s / (1 - self.beta2 ** self.t)) + self.eps)


def main():
    d = read_input()
    P, m = d["initial"], d["m"]
    n_a = len(P["bf1"])
    n_x = len(P["Wf1"]) // n_a - n_a
    T = len(d["X"]) // (n_x * m)
    X = np.array(d["X"], dtype=np.float64).reshape(T, n_x, m)
    Y = np.array(d["Y"], dtype=np.float64).reshape(1, m)
    W = np.vstack([np.array(P[f"W{g}1"], dtype=np.float64).reshape(n_a, n_a + n_x) for g in GATES])
    b = np.vstack([np.array(P[f"b{g}1"], dtype=np.float64).reshape(n_a, 1) for g in GATES])
    W2, b2 = np.array(P["W2"], dtype=np.float64).reshape(1, n_a), np.array(P["b2"], dtype=np.float64).reshape(1, 1)
    adam = Adam([W, b, W2, b2], lr=d["w"]["alpha"])
    concat = np.zeros((T, n_a + n_x, m))
    gates = np.zeros((T, 4 * n_a, m))  # Γf, Γi, c̃, Γo of every step
    c = np.zeros((T + 1, n_a, m))  # c⟨0⟩ … c⟨T⟩
    tanh_c = np.zeros((T, n_a, m))

    def step():
        a = np.zeros((n_a, m))
        for t in range(T):
            concat[t, :n_a], concat[t, n_a:] = a, X[t]
            Z = W @ concat[t] + b
            g = gates[t]
            g[:2 * n_a] = sigmoid(Z[:2 * n_a])
            g[2 * n_a:3 * n_a] = np.tanh(Z[2 * n_a:3 * n_a])
            g[3 * n_a:] = sigmoid(Z[3 * n_a:])
            c[t + 1] = g[:n_a] * c[t] + g[n_a:2 * n_a] * g[2 * n_a:3 * n_a]
            tanh_c[t] = np.tanh(c[t + 1])
            a = g[3 * n_a:] * tanh_c[t]
        y_hat = W2 @ a + b2
        J = 0.5 * np.sum((y_hat - Y) ** 2) / m
        dy = (y_hat - Y) / m
        dW2, db2 = dy @ a.T, dy.sum(axis=1, keepdims=True)
        da, dc = W2.T @ dy, np.zeros((n_a, m))
        dW, db = np.zeros_like(W), np.zeros_like(b)
        dZ = np.empty((4 * n_a, m))
        for t in reversed(range(T)):
            g = gates[t]
            ft, it, cct, ot = g[:n_a], g[n_a:2 * n_a], g[2 * n_a:3 * n_a], g[3 * n_a:]
            dc = dc + da * ot * (1 - tanh_c[t] ** 2)
            dZ[:n_a] = dc * c[t] * ft * (1 - ft)
            dZ[n_a:2 * n_a] = dc * cct * it * (1 - it)
            dZ[2 * n_a:3 * n_a] = dc * it * (1 - cct ** 2)
            dZ[3 * n_a:] = da * tanh_c[t] * ot * (1 - ot)
            dW += dZ @ concat[t].T
            db += dZ.sum(axis=1, keepdims=True)
            da = (W.T @ dZ)[:n_a]
            dc = dc * ft
        adam.step([dW, db, dW2, db2])
        return J

    report(step, d["w"])


if __name__ == "__main__":
    main()
