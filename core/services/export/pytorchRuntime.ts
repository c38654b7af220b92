// The fixed part of every exported PyTorch script (spec §10): the engine's seeded random numbers,
// data reading, the course's update rules, the training loop and the DistributedDataParallel
// start-up. Only the settings, the model class and its layer table differ between networks; those
// are written by pytorch.ts around this text. Kept as Python text here (not a .py file read at run
// time) because the CLI and the extension are single esbuild bundles.

/** Imports and the engine's generator: the same seed gives the same weights, batches and masks. */
export const PYTHON_PRELUDE = String.raw`import argparse
import csv
import json
import math
import os
import socket
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, Dataset, Sampler

HERE = Path(__file__).resolve().parent
M32 = 0xFFFFFFFF


class Rng:
    """NN Studio's seeded generator (xoshiro128**, seeded by splitmix32 from (seed, stream)).

    Each purpose ('init', 'shuffle', 'holdout', 'dropout') has its own stream, exactly as in the
    editor, so the same seed gives the same initial weights, batches and dropout masks here.
    """

    def __init__(self, seed, stream=""):
        h = 0x811C9DC5  # FNV-1a over the UTF-16 code units of the stream's name
        for ch in stream:
            h = ((h ^ ord(ch)) * 0x01000193) & M32
        x = ((seed & M32) ^ ((h * 0x9E3779B9) & M32)) & M32
        state = []
        for _ in range(4):  # splitmix32
            x = (x + 0x9E3779B9) & M32
            z = x
            z = ((z ^ (z >> 16)) * 0x85EBCA6B) & M32
            z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M32
            state.append((z ^ (z >> 16)) & M32)
        self.s = state

    def next_uint32(self):
        s0, s1, s2, s3 = self.s
        result = (_rotl((s1 * 5) & M32, 7) * 9) & M32
        t = (s1 << 9) & M32
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = _rotl(s3, 11)
        self.s = [s0, s1, s2, s3]
        return result

    def uniform(self):
        """Uniform in [0, 1) with 53 random bits."""
        hi = self.next_uint32() >> 5
        lo = self.next_uint32() >> 6
        return (hi * 67108864 + lo) / 9007199254740992

    def normal(self):
        """N(0, 1) by Box-Muller, the cosine branch only."""
        u1 = 1 - self.uniform()
        u2 = self.uniform()
        return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)

    def below(self, n):
        limit = 4294967296 - (4294967296 % n)
        while True:
            x = self.next_uint32()
            if x < limit:
                return x % n

    def shuffle(self, a):
        """Fisher-Yates in place."""
        for i in range(len(a) - 1, 0, -1):
            j = self.below(i + 1)
            a[i], a[j] = a[j], a[i]


def _rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & M32
`;

/** Weights, data, dropout masks, the loss, the optimizer, training and the processes. */
export const PYTHON_RUNTIME = String.raw`
# ---- weights: the editor's layout <-> PyTorch's -----------------------------------------------
# PARAMETERS holds every named parameter (W, b, and gamma, beta, running statistics, …) under its
# weights-file key with its shape as the editor writes it. A 4-d one is a filter bank
# (f, f, n_C[l-1], n_C[l]), which nn.Conv2d keeps as (n_C[l], n_C[l-1], f, f); every other one has
# PyTorch's entries in the editor's row-major order: a dense W (n[l], n[l-1]) is nn.Linear's, a
# b (n[l], 1) or (1, 1, 1, n_C[l]) a flat bias.

def tensor(model, path):
    """The parameter or buffer at a path such as "residual1.conv2d3.weight", its transpose (a view)
    with ".T" (an embedding's E (N_e, V) is nn.Embedding's weight (V, N_e) transposed), a slice of
    its rows such as "selfattention2.in_proj_weight[0:8]" (self-attention's WQ within
    in_proj = [WQ; WK; WV]), or tensors side by side, "lstm2.weight_hh_l0[3:6] | weight_ih_l0[3:6]"
    (an LSTM gate's Wf = [a-columns | x-columns] in nn.LSTM's two matrices): a copy, see write()."""
    if " | " in path:
        return torch.cat([tensor(model, part) for part in side_by_side(path)], dim=1)
    if path.endswith(".T"):
        return tensor(model, path[:-2]).T
    path, _, rows = path.partition("[")
    module, _, name = path.rpartition(".")
    whole = getattr(model.get_submodule(module), name)
    if not rows:
        return whole
    start, stop = (int(k) for k in rows.rstrip("]").split(":"))
    return whole[start:stop]


def side_by_side(path):
    """The full paths of "M.A | B | …": each part after the first names a tensor of the first's module M."""
    first, *rest = path.split(" | ")
    module = first.partition("[")[0].rpartition(".")[0]
    return [first, *(f"{module}.{part}" for part in rest)]


def write(model, path, value, shape):
    """A weights-file value (shape as the editor writes it) into the tensor at path; side by side
    ("M.A | B"), its columns go to A, then to B."""
    parts = [tensor(model, part) for part in side_by_side(path)]
    if len(parts) == 1:
        return to_torch(parts[0], value, shape)
    W = np.asarray(value, dtype=np.float64).reshape(shape)
    for target, columns in zip(parts, np.split(W, np.cumsum([p.shape[1] for p in parts])[:-1], axis=1)):
        to_torch(target, columns, columns.shape)


class Constant(nn.Module):
    """A fixed tensor as a registered buffer: saved and moved (.to) with the model, never trained."""

    def __init__(self, value):
        super().__init__()
        self.register_buffer("value", value)


def positional_encoding(d, T):
    """PE (T, d), batch-first: PE[t, 2i] = sin(t / 10000^(2i/d)), PE[t, 2i+1] = cos(t / 10000^(2i/d))."""
    t = torch.arange(T, dtype=torch.float64).unsqueeze(1)
    k = torch.arange(d)
    angle = t / 10000 ** ((2 * (k // 2)).double() / d)
    return torch.where(k % 2 == 0, torch.sin(angle), torch.cos(angle))


class CourseGRU(nn.Module):
    """Spec §14's gru, the lecture's full GRU (not nn.GRU, which applies Γr after the product):
    Γr = σ(Wr·[c; x⟨t⟩] + br), Γu = σ(Wu·[c; x⟨t⟩] + bu), c̃ = tanh(Wc·[Γr⊙c; x⟨t⟩] + bc),
    c = Γu⊙c̃ + (1 − Γu)⊙c, a = c, on its own parameters W* (n_a, n_a + n_x) and b* (n_a), "_rev"
    for the reverse direction. x batch-first (m, T, n_x), or token ids (m, T)."""

    GATES = ("u", "r", "c")

    def __init__(self, n_x, n_a, bidirectional=False, last=False, tokens=False):
        super().__init__()
        self.n_x, self.n_a, self.last, self.tokens = n_x, n_a, last, tokens
        self.suffixes = ("", "_rev") if bidirectional else ("",)
        for s in self.suffixes:
            for g in self.GATES:
                self.register_parameter(f"W{g}{s}", nn.Parameter(torch.zeros(n_a, n_a + n_x)))
                self.register_parameter(f"b{g}{s}", nn.Parameter(torch.zeros(n_a)))

    def step(self, s, x, c):
        c = c if c is not None else x.new_zeros(len(x), self.n_a)
        p = lambda name: getattr(self, name + s)
        concat = torch.cat([c, x], dim=1)
        r = torch.sigmoid(concat @ p("Wr").T + p("br"))
        u = torch.sigmoid(concat @ p("Wu").T + p("bu"))
        cc = torch.tanh(torch.cat([r * c, x], dim=1) @ p("Wc").T + p("bc"))
        c = u * cc + (1 - u) * c
        return c, c

    def forward(self, x):
        """Every step of each direction: (m, T, dirs·n_a) joined [a→⟨t⟩; a←⟨t⟩], or with last each
        direction's final state (a→⟨T⟩, a←⟨1⟩) as (m, dirs·n_a)."""
        if self.tokens:
            x = F.one_hot(x.long(), self.n_x).to(self.Wc.dtype)
        x = x.reshape(len(x), -1, self.n_x)
        T = x.shape[1]
        directions = []
        for d, s in enumerate(self.suffixes):
            order = range(T) if d == 0 else reversed(range(T))
            state, outs = None, [None] * T
            for t in order:
                outs[t], state = self.step(s, x[:, t], state)
            directions.append(outs[T - 1 if d == 0 else 0] if self.last else torch.stack(outs, dim=1))
        return torch.cat(directions, dim=-1)


def hidden_bias_off(module):
    """nn.RNN and nn.LSTM add a second bias, bias_hh, to bias_ih; the course has one (ba, bf, …,
    spec §14), kept in bias_ih: bias_hh is held at 0 and not trained."""
    for name, parameter in module.named_parameters():
        if name.startswith("bias_hh"):
            parameter.requires_grad_(False)
            with torch.no_grad():
                parameter.zero_()
    return module


def to_torch(target, value, shape):
    T = torch.as_tensor(np.asarray(value, dtype=np.float64)).reshape(shape)
    if len(shape) == 4:
        T = T.permute(3, 2, 0, 1)
    with torch.no_grad():
        target.copy_(T.reshape(target.shape))


def to_course(target, shape):
    T = target.detach().double().cpu()
    if len(shape) == 4:
        T = T.reshape(shape[3], shape[2], shape[0], shape[1]).permute(2, 3, 1, 0)
    return T.reshape(shape).numpy()


def initial_value(rng, init, shape, fan_in):
    """A parameter's start as the editor draws it: N(0, 1)·scale entry by entry in its row-major
    order (he: √(2/fan-in), xavier: √(1/fan-in), random: the scale given), or zeros or ones."""
    if init[0] in ("zeros", "ones"):
        return np.full(shape, 0.0 if init[0] == "zeros" else 1.0)
    scale = {"random": lambda: init[1], "xavier": lambda: math.sqrt(1 / fan_in), "he": lambda: math.sqrt(2 / fan_in)}[init[0]]()
    return np.array([rng.normal() * scale for _ in range(math.prod(shape))]).reshape(shape)


def initialize(model):
    """Every parameter from WEIGHTS, or from the seed's 'init' stream in the order of PARAMETERS (l,
    then the layer's order) as the editor draws them; state a weights file leaves out (running
    statistics) starts as its rule says."""
    saved = json.loads((HERE / WEIGHTS).read_text()) if WEIGHTS is not None else {}
    rng = Rng(SEED, "init")
    for key, path, shape, init, fan_in, _ in PARAMETERS:
        value = saved[key] if key in saved else initial_value(rng, init, shape, fan_in)
        write(model, path, value, shape)


def save_weights(model, path):
    """The editor's weights file (spec §6, §13): open it with weights "FILE.json"."""
    out = {key: to_course(tensor(model, where), shape).tolist() for key, where, shape, _, _, _ in PARAMETERS}
    Path(path).write_text(json.dumps(out) + "\n")


# ---- data ---------------------------------------------------------------------------------------

def read_csv(path):
    """Rows of numbers; a first row with a non-numeric cell is a header (spec §4)."""
    rows = []
    with open(path, newline="") as f:
        for row in csv.reader(f):
            cells = [c.strip() for c in row]
            if not any(cells):
                continue
            try:
                rows.append([float(c) for c in cells])
            except ValueError:
                if rows:
                    raise ValueError(f"{path}: a row with a non-numeric cell after the first row")
    return np.array(rows, dtype=np.float64)


def read_table(path):
    """A CSV, or the .npy the export wrote for an image folder (uint8: pixels k/255 as in the editor)."""
    if path.suffix != ".npy":
        return read_csv(path)
    raw = np.load(path)
    table = raw.astype(np.float64)
    if raw.dtype == np.uint8:
        table[:, :N0] /= 255
    return table


def examples(table):
    """X (m, n[0]) and Y (m, n[L]) from CSV rows: features, then labels (softmax: a class index).
    A per-step output's labels are time-major, one class index (softmax) or n[L] values per step:
    Y is (m, T·n[L]), step t's n[L] entries after step t−1's, as per_step() and accuracy() read them."""
    X, labels = table[:, :N0], table[:, N0:]
    if SOFTMAX:
        m, T = labels.shape
        Y = np.zeros((m, T, OUTPUT_UNITS))
        Y[np.arange(m)[:, None], np.arange(T)[None, :], labels.astype(int)] = 1
        return X, Y.reshape(m, T * OUTPUT_UNITS)
    return X, labels


def per_step(Z):
    """Rows of n[L] values: a per-step output (m, T, n[L]) and its labels (m, T·n[L]) become
    (m·T, n[L]), so the loss sums over examples and steps: J = (1/m)·Σ_i Σ_t L (spec §14); a
    (m, n[L]) output is left as it is."""
    return Z.reshape(-1, OUTPUT_UNITS)


def load_data():
    """The training set and the test set (or None), as the editor loads them."""
    train = examples(read_table(HERE / DATA))
    if TEST is None:
        return train, None
    if not isinstance(TEST, float):
        return train, examples(read_table(HERE / TEST))
    m = len(train[0])  # test FRACTION: the seed's 'holdout' stream picks the held-out examples
    held = min(m - 1, max(1, int(math.floor(TEST * m + 0.5))))
    order = list(range(m))
    Rng(SEED, "holdout").shuffle(order)
    test_rows, train_rows = sorted(order[:held]), sorted(order[held:])
    return (train[0][train_rows], train[1][train_rows]), (train[0][test_rows], train[1][test_rows])


class Examples(Dataset):
    """One example per row; an item is a whole (shard of a) batch, so a step costs one gather."""

    def __init__(self, X, Y):
        self.X = torch.as_tensor(X)
        self.Y = torch.as_tensor(Y)

    def __len__(self):
        return len(self.X)

    def __getitem__(self, item):
        rows, start, m = item
        return self.X[rows], self.Y[rows], start, m


class CourseBatches(Sampler):
    """The editor's mini-batches, endlessly: each epoch visits the m examples in a fresh order from
    the seed's 'shuffle' stream, cut into batches of BATCH (the last holds what is left). Yields this
    process's equal shard of each batch (its examples, where it starts in the batch) and the batch's
    size m."""

    def __init__(self, m, rank, world):
        self.m, self.rank, self.world = m, rank, world

    def __iter__(self):
        if BATCH is None or BATCH >= self.m:
            while True:
                yield (*self.shard(list(range(self.m))), self.m)
        rng = Rng(SEED, "shuffle")
        order = list(range(self.m))
        while True:
            rng.shuffle(order)
            for start in range(0, self.m, BATCH):
                batch = order[start:start + BATCH]
                yield (*self.shard(batch), len(batch))

    def shard(self, batch):
        shards = np.array_split(np.array(batch, dtype=np.int64), self.world)
        return torch.as_tensor(shards[self.rank]), sum(len(s) for s in shards[:self.rank])


class DropoutMasks:
    """D[l] = (U < P) from the seed's 'dropout' stream, drawn as the editor does: for each layer in
    order, entry by entry of the (n[l], m) matrix of the whole batch. Each process keeps its rows."""

    def __init__(self):
        self.rng = Rng(SEED, "dropout")

    def draw(self, m, start, count, device, dtype):
        masks = {}
        for l, (units, P) in DROPOUT.items():
            D = np.array([1.0 if self.rng.uniform() < P else 0.0 for _ in range(units * m)]).reshape(units, m).T
            masks[l] = torch.as_tensor(D[start:start + count], device=device, dtype=dtype)
        return masks


# ---- cost and the course's update rules ------------------------------------------------------

def l2_term(model, m):
    """(λ/(2m))·Σ_l ‖W[l]‖²_F over this step's m examples (b, γ and β are not regularized)."""
    if L2 == 0:
        return 0.0
    return L2 / (2 * m) * sum((tensor(model, path) ** 2).sum() for _, path, _, _, _, regularized in PARAMETERS if regularized)


def learning_rate(i):
    """α of iteration i under DECAY (spec §9)."""
    if DECAY is None:
        return LEARNING_RATE
    kind, rate, every = DECAY
    epochs = i // every
    return LEARNING_RATE / (1 + rate * epochs) if kind == "inverse" else LEARNING_RATE * rate ** epochs


class CourseOptimizer(torch.optim.Optimizer):
    """The update rule of the course (spec §9) for OPTIMIZER, written out in course_update. It is
    not torch.optim's: torch's SGD momentum adds dθ (not (1 − β)·dθ) and starts v at dθ; Adam is
    written with its bias correction v̂ = v/(1 − β1^t), ŝ = s/(1 − β2^t) as the course states it."""

    def __init__(self, params, kind, **hyper):
        super().__init__(params, dict(kind=kind, **hyper))

    @torch.no_grad()
    def step(self, lr, t):
        for group in self.param_groups:
            for theta in group["params"]:
                # clip C (spec §14): each entry of dθ, L2's term included, to [-C, C] first, as the
                # dinosaur assignment's clip() does (NaN stays NaN, as in the editor)
                d = theta.grad if CLIP is None else theta.grad.clamp(-CLIP, CLIP)
                course_update(theta, d, self.state[theta], group, lr, t)


def accuracy(model, X, Y):
    """Spec §5: the share of examples classified right (share_right), None for a loss without classes."""
    if share_right is None or len(X) == 0:
        return None
    model.eval()  # evaluation mode: batch norm uses its running statistics, as the editor predicts (spec §13)
    with torch.no_grad():
        Z = model(X)
    model.train()
    if Z.dim() == 2:
        return share_right(output_activation(Z), Y)
    # a per-step output (m, T, n[L]): the mean of the steps' shares, summed in the editor's order,
    # is the share of all m·T predictions (spec §14) to the last bit
    T = Z.shape[1]
    Ys = Y.reshape(len(Y), T, OUTPUT_UNITS)
    return sum(share_right(output_activation(Z[:, t]), Ys[:, t]) for t in range(T)) / T


# ---- training -----------------------------------------------------------------------------------

def train(model, data, device, dtype, rank=0, world=1):
    """ITERATIONS steps of forward, cost, backward and update; returns the recorded costs as the
    editor records them: iteration 0, every LOG_EVERY and the last, each before its step's update."""
    (X, Y), _ = data
    if world > 1 and any(isinstance(m, nn.modules.batchnorm._BatchNorm) for m in model.modules()):
        # batch norm's μ and σ² are over the whole batch in the editor: SyncBatchNorm computes them
        # across the processes, but runs on CUDA only; on CPU each process normalizes its own shard
        if device.type == "cuda":
            model = nn.SyncBatchNorm.convert_sync_batchnorm(model)
        elif rank == 0:
            print("Batch norm on CPU with several processes: each normalizes over its shard of the batch, so the costs differ from the editor's (SyncBatchNorm needs CUDA)", file=sys.stderr)
    net = DistributedDataParallel(model) if world > 1 else model
    loader = DataLoader(Examples(X, Y), batch_size=None, sampler=CourseBatches(len(X), rank, world))
    optimizer = CourseOptimizer([p for p in model.parameters() if p.requires_grad], OPTIMIZER[0], **OPTIMIZER[1])
    masks = DropoutMasks() if DROPOUT else None
    costs = []
    steps = 0
    for i, (Xb, Yb, start, m) in zip(range(ITERATIONS), loader):
        Xb, Yb = Xb.to(device, dtype), Yb.to(device, dtype)
        Z = net(Xb, masks.draw(m, start, len(Xb), device, dtype) if masks else None)
        total = loss_sum(per_step(Z), per_step(Yb))
        # DDP averages the gradients of the world's processes: scaling each shard's sum by world/m
        # makes that average the gradient of the whole batch's J, for equal shards or not.
        J_sum = total.detach().clone()
        if world > 1:
            dist.all_reduce(J_sum)
        penalty = l2_term(model, m)
        J = float(J_sum / m + penalty)
        if not math.isfinite(J) or i % LOG_EVERY == 0 or i == ITERATIONS - 1:
            costs.append([i, J])
            if rank == 0:
                print(f"Cost after iteration {i}: {J}", file=sys.stderr)
        if not math.isfinite(J):
            break
        optimizer.zero_grad()
        (total * world / m + penalty).backward()
        optimizer.step(learning_rate(i), i + 1)
        steps += 1
    return costs, steps
`;

/** Options, processes and the `nn train --json` report. */
export const PYTHON_MAIN = String.raw`
# ---- processes and the report -------------------------------------------------------------------

def run(rank, world, args):
    device = torch.device(args.device)
    if device.type == "cuda" and world > 1:
        device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", rank)))
    if world > 1:
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo", rank=rank, world_size=world)
    dtype = torch.float32 if args.float32 else torch.float64
    data = load_data()
    model = MODEL().double()
    initialize(model)  # in float64, as the editor draws them; then cast
    model = model.to(device, dtype)
    start = time.perf_counter()
    costs, steps = train(model, data, device, dtype, rank, world)
    seconds = time.perf_counter() - start
    diverged = bool(costs) and not math.isfinite(costs[-1][1])
    if rank == 0:
        tensors = lambda part: (torch.as_tensor(part[0], device=device, dtype=dtype), torch.as_tensor(part[1], device=device, dtype=dtype))
        report = {
            "network": NETWORK,
            "iterations": steps,
            "costs": costs,
            "final_cost": costs[-1][1] if costs else None,
            "train_accuracy": None if diverged else accuracy(model, *tensors(data[0])),
            "test_accuracy": None if diverged or data[1] is None else accuracy(model, *tensors(data[1])),
            "seconds": seconds,
        }
        print(json.dumps(report, indent=2), flush=True)
        if args.save:
            torch.save(model.state_dict(), args.save)
        if args.save_weights:
            save_weights(model, args.save_weights)
    if world > 1:
        dist.destroy_process_group()
    return 2 if diverged else 0


def spawned(rank, world, args):
    code = run(rank, world, args)
    if code:
        sys.exit(code)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=f"Train network {NETWORK} as NN Studio does; prints the recorded costs as JSON.")
    parser.add_argument("--device", default="cpu", help="cpu (default), cuda, cuda:1, mps ...")
    parser.add_argument("--float32", action="store_true", help="train in float32 (default: float64, as the editor)")
    parser.add_argument("--save", metavar="OUT.pt", help="save the trained state_dict")
    parser.add_argument("--save-weights", metavar="OUT.json", help="save the trained weights in the editor's weights-file format")
    parser.add_argument("--spawn", type=int, metavar="K", default=0, help="start K processes with torch.multiprocessing.spawn instead of torchrun")
    args = parser.parse_args()
    if args.spawn > 1:
        os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
        os.environ.setdefault("MASTER_PORT", str(free_port()))
        try:
            torch.multiprocessing.spawn(spawned, args=(args.spawn, args), nprocs=args.spawn)
        except torch.multiprocessing.ProcessExitedException as e:
            return e.exit_code or 1
        return 0
    # torchrun sets RANK and WORLD_SIZE (and MASTER_ADDR/PORT); a plain run is one process
    return run(int(os.environ.get("RANK", "0")), int(os.environ.get("WORLD_SIZE", "1")), args)


if __name__ == "__main__":
    sys.exit(main())
`;
