"""What the sequence peers (torch_lstm.py, torch_dates.py, numpy_lstm.py, numpy_dates.py) share:
reading the engine's initial weights and data from stdin, and timing a step as the engine's is
timed (the first step's cost kept, then warm-up steps, then the median ms of `repeats` chunks, by
the wall clock and by this process's CPU time).

The input is {"w": {"steps", "repeats"}, "initial": {key: values}, "X": [...], "Y": [...], "m": m},
X and Y in the engine's layout: (T·n_x, m) or token ids (T, m), time-major by rows, and labels
(n_y, m) or one-hot per step (T·n_y, m) (docs/part3.md, "Sequences in matrices").
"""
import json
import sys
import time

WARM_UP_STEPS = 2


def read_input():
    return json.load(sys.stdin)


def blocks_of(P):
    """The dates model's (torch_dates.py, numpy_dates.py) encoder blocks: the l of each one's attention layer, in order."""
    return sorted(int(key[2:]) for key in P if key.startswith("WQ"))


def output_layer(P):
    """The l of the last dense layer (the output)."""
    return max(int(key[1:]) for key in P if key.startswith("W") and key[1:].isdigit())


def median_ms(step, w, clock):
    """Median ms per step of `repeats` chunks of `steps` steps by `clock` (seconds)."""
    times = []
    for _ in range(w["repeats"]):
        start = clock()
        for _ in range(w["steps"]):
            step()
        times.append((clock() - start) * 1000 / w["steps"])
    return sorted(times)[len(times) // 2]


def report(step, w):
    """Runs `step` (one training step returning its cost J) and prints {"ms", "cpu", "J"} for the bench:
    the median wall-clock ms per step and the median of this process's CPU ms per step."""
    J = step()
    for _ in range(WARM_UP_STEPS):
        step()
    ms = median_ms(step, w, time.perf_counter)
    cpu = median_ms(step, w, time.process_time)
    print(json.dumps({"ms": ms, "cpu": cpu, "J": float(J)}))
