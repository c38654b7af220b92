"""PyTorch float64, one thread, as the reference for spec §14's lstm and gru layers: torch's own
nn.LSTM (batch_first) for lstm — the course's four gates reordered to PyTorch's i, f, g, o, the
a-columns of each W* as weight_hh and the x-columns as weight_ih, bias_ih = b*, bias_hh = 0 and
frozen — and, for the lecture's GRU (which nn.GRU is not), a module written from the course's
equations. Both take J = (1/m)·Σ R ⊙ A[l] and run plain gradient descent steps on it.
test/unit/reference/gated.test.ts runs it next to the engine's layer on the same numbers; it shares
no code with the engine.

usage: python3 gated_reference.py < runs.json  -> prints, for each run of the list, {"A": A[l] of the first step, "dX": ∂J/∂X·m, "costs": [J, ...],
        "grads": {name: dθ at the first step}, "weights": {name: θ after the steps}}
run.json: {"kind": "lstm" | "gru", "n_a", "n_x", "T", "m", "bidirectional", "last", "X": (T·n_x, m) time-major rows,
           "R": A[l]'s layout, "weights": {name: row-major values}, "alpha", "steps"}
A[l] is (T·dirs·n_a, m) time-major ([a→⟨t⟩; a←⟨t⟩] at each t) for a sequence, (dirs·n_a, m) for last.
"""
import json
import sys

import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)

LSTM_ORDER = ["i", "f", "c", "o"]  # PyTorch's gate order: i, f, g (the candidate c̃), o


def batch_first(flat, T, n, m):
    """(T·n, m) time-major rows -> (m, T, n)."""
    return torch.tensor(flat, dtype=torch.float64).reshape(T, n, m).permute(2, 0, 1).contiguous()


class CourseGRU(nn.Module):
    """The lecture's full GRU: Γr = σ(Wr·[c; x] + br), Γu = σ(Wu·[c; x] + bu),
    c̃ = tanh(Wc·[Γr⊙c; x] + bc), c = Γu⊙c̃ + (1 − Γu)⊙c; examples as rows."""

    def __init__(self, W):
        super().__init__()
        self.p = nn.ParameterDict({k: nn.Parameter(v) for k, v in W.items()})

    def forward(self, x, reverse):
        m, T, _ = x.shape
        p = self.p
        c = x.new_zeros(m, p["Wu"].shape[0])
        outs = [None] * T
        for t in (reversed(range(T)) if reverse else range(T)):
            concat = torch.cat([c, x[:, t]], dim=1)
            r = torch.sigmoid(concat @ p["Wr"].T + p["br"].T)
            u = torch.sigmoid(concat @ p["Wu"].T + p["bu"].T)
            cc = torch.tanh(torch.cat([r * c, x[:, t]], dim=1) @ p["Wc"].T + p["bc"].T)
            c = u * cc + (1 - u) * c
            outs[t] = c
        return torch.stack(outs, dim=1), c


def reference(run):
    n_a, n_x, T, m = run["n_a"], run["n_x"], run["T"], run["m"]
    dirs = 2 if run["bidirectional"] else 1
    suffixes = ["", "_rev"][:dirs]
    ours = {k: torch.tensor(v, dtype=torch.float64) for k, v in run["weights"].items()}
    x = batch_first(run["X"], T, n_x, m).requires_grad_(True)
    R = torch.tensor(run["R"], dtype=torch.float64)

    if run["kind"] == "lstm":
        lstm = nn.LSTM(n_x, n_a, batch_first=True, bidirectional=run["bidirectional"])
        with torch.no_grad():
            for d, s in enumerate(suffixes):
                tail = "_l0" + ("_reverse" if d else "")
                W = torch.cat([ours[f"W{g}{s}"].reshape(n_a, n_a + n_x) for g in LSTM_ORDER])
                getattr(lstm, "weight_hh" + tail).copy_(W[:, :n_a])
                getattr(lstm, "weight_ih" + tail).copy_(W[:, n_a:])
                getattr(lstm, "bias_ih" + tail).copy_(torch.cat([ours[f"b{g}{s}"] for g in LSTM_ORDER]))
                getattr(lstm, "bias_hh" + tail).zero_()
                getattr(lstm, "bias_hh" + tail).requires_grad_(False)

        def forward():
            out, (h, _) = lstm(x)
            return out, h

        def ours_from_torch():
            """θ (and dθ when grads) in the course's names: W* = [weight_hh | weight_ih] rows of gate g."""
            values, grads = {}, {}
            for d, s in enumerate(suffixes):
                tail = "_l0" + ("_reverse" if d else "")
                hh, ih, b = (getattr(lstm, n + tail) for n in ("weight_hh", "weight_ih", "bias_ih"))
                for q, g in enumerate(LSTM_ORDER):
                    rows = slice(q * n_a, (q + 1) * n_a)
                    values[f"W{g}{s}"] = torch.cat([hh[rows], ih[rows]], dim=1).detach()
                    values[f"b{g}{s}"] = b[rows].detach()
                    if hh.grad is not None:
                        grads[f"W{g}{s}"] = torch.cat([hh.grad[rows], ih.grad[rows]], dim=1)
                        grads[f"b{g}{s}"] = b.grad[rows]
            return values, grads

        params = [p for p in lstm.parameters() if p.requires_grad]
    else:
        cells = [CourseGRU({k: ours[k + s].reshape(n_a, -1).clone() for k in ["Wu", "Wr", "Wc", "bu", "br", "bc"]}) for s in suffixes]

        def forward():
            runs = [cell(x, d == 1) for d, cell in enumerate(cells)]
            return torch.cat([o for o, _ in runs], dim=2), torch.stack([h for _, h in runs])

        def ours_from_torch():
            values, grads = {}, {}
            for s, cell in zip(suffixes, cells):
                for k, p in cell.p.items():
                    values[k + s] = p.detach()
                    if p.grad is not None:
                        grads[k + s] = p.grad
            return values, grads

        params = [p for cell in cells for p in cell.parameters()]

    def J():
        out, h = forward()
        if run["last"]:
            A = torch.cat(list(h), dim=1).T.reshape(-1)  # (dirs·n_a, m): [h→; h←] per example column
        else:
            A = out.permute(1, 2, 0).reshape(-1)  # (T·dirs·n_a, m)
        return (A * R).sum() / m, A

    costs, first = [], None
    for step in range(run["steps"] + 1):
        for p in params:
            p.grad = None
        if x.grad is not None:
            x.grad = None
        cost, A = J()
        costs.append(cost.item())
        if step == run["steps"]:
            break
        cost.backward()
        if first is None:
            _, grads = ours_from_torch()
            first = {"A": A.tolist(), "dX": (x.grad * m).permute(1, 2, 0).reshape(-1).tolist(),
                     "grads": {k: v.reshape(-1).tolist() for k, v in grads.items()}}
        with torch.no_grad():
            for p in params:
                p -= run["alpha"] * p.grad
    values, _ = ours_from_torch()
    return {**first, "costs": costs, "weights": {k: v.reshape(-1).tolist() for k, v in values.items()}}


# one process for every run: importing torch is most of the time
print(json.dumps([reference(run) for run in json.load(sys.stdin)]))
