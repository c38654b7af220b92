"""The bench's LSTM (SEQUENCES[0] in workloads.mjs) in PyTorch float64 on one thread, as a PyTorch
user writes it: nn.LSTM (batch-first) on the adding problem's (m, T, 2) inputs, its last hidden
state into nn.Linear(n_a, 1), the cost ½·mean of the squared error (spec §5's mse), autograd and
torch.optim.Adam, from the engine's initial weights on the engine's data — so the first cost must
equal the engine's.

PyTorch's gates are stacked i, f, g, o, each row block [W_ih | W_hh]; the engine's W* (n_a, n_a + n_x)
multiply [a⟨t−1⟩; x⟨t⟩], so W_hh is a gate's first n_a columns and W_ih the rest. nn.LSTM has two
biases; b_ih takes the engine's b*, b_hh starts at zero (both are trained, as a user's would be).

usage: python3 torch_lstm.py < input (peer_timing.py) -> prints {"ms", "J"}
"""
import torch
import torch.nn.functional as F

from peer_timing import read_input, report


def main():
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float64)
    d = read_input()
    P, m = d["initial"], d["m"]
    t = lambda key: torch.tensor(P[key])
    n_a = len(P["bf1"])
    n_x = len(P["Wf1"]) // n_a - n_a
    T = len(d["X"]) // (n_x * m)
    X = torch.tensor(d["X"]).reshape(T, n_x, m).permute(2, 0, 1).contiguous()  # (m, T, n_x)
    Y = torch.tensor(d["Y"]).reshape(1, m).T  # (m, 1)

    lstm = torch.nn.LSTM(n_x, n_a, batch_first=True)
    out = torch.nn.Linear(n_a, 1)
    with torch.no_grad():
        W = torch.cat([t(f"W{g}1").reshape(n_a, n_a + n_x) for g in "ifco"])
        lstm.weight_hh_l0.copy_(W[:, :n_a])
        lstm.weight_ih_l0.copy_(W[:, n_a:])
        lstm.bias_ih_l0.copy_(torch.cat([t(f"b{g}1") for g in "ifco"]))
        lstm.bias_hh_l0.zero_()
        out.weight.copy_(t("W2").reshape(1, n_a))
        out.bias.copy_(t("b2"))
    params = [*lstm.parameters(), *out.parameters()]
    opt = torch.optim.Adam(params, lr=d["w"]["alpha"], betas=(0.9, 0.999), eps=1e-8)

    def step():
        opt.zero_grad(set_to_none=True)
        _, (h_n, _) = lstm(X)
        J = 0.5 * F.mse_loss(out(h_n[0]), Y)
        J.backward()
        opt.step()
        return J.item()

    report(step, d["w"])


if __name__ == "__main__":
    main()
