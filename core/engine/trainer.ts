// Training one network, a few steps at a time: what `nn train` runs in a loop and the
// VS Code worker drives between messages. The state lives here; the math is in network.ts.

import type { NetworkSpec } from '../foundation/model';
import { engineLayers } from '../layers';
import type { Dataset } from '../data/dataset';
import { accuracy } from './accuracy';
import { decayedRate } from './decay';
import { MiniBatches } from './batches';
import { initialize } from './init';
import { CostHistory } from './history';
import { copyMatrix, matrix, summary, type Matrix } from './matrix';
import { Network, type Buffers } from './network';

export interface LayerStats {
  l: number;
  W: { mean: number; norm: number };
  b: { mean: number; norm: number };
  dW: { mean: number; norm: number };
  dZ: { mean: number; norm: number };
}

/** `iteration` is the i whose forward pass gave `cost` (−1 before the first step). */
export interface StepResult {
  iteration: number;
  cost: number;
  diverged: boolean;
  /** when it diverged: the first thing in the forward pass that was not finite */
  cause?: NonFinite;
}

/**
 * Where a non-finite cost came from, searched in the order of the forward pass: the examples X or
 * labels Y, a weight W[l] or b[l], Z[l] = W[l]·A[l−1] + b[l], A[l] = g(Z[l]), or else the cost
 * itself. `beforeUpdate`: no update had been made yet, so the learning rate played no part.
 */
export interface NonFinite {
  what: 'X' | 'Y' | 'W' | 'b' | 'Z' | 'A' | 'cost';
  /** the layer, for W, b, Z and A */
  l?: number;
  beforeUpdate: boolean;
}

/** Recorded costs kept at full resolution; past this the history halves its resolution (history.ts). */
export const MAX_RECORDED_COSTS = 1 << 18;

export interface TrainerOptions {
  test?: Dataset;
  /** initial W[l], b[l] for l = 1…L at index l − 1, row-major; replaces `init` (a weights file) */
  initial?: { W: Float64Array[]; b: Float64Array[] };
  /** called with every iteration's cost, recorded or not (trend watches, fine-grained plots) */
  onCost?: (i: number, J: number) => void;
  /** recorded costs kept before the history starts merging neighbours (default MAX_RECORDED_COSTS) */
  maxRecorded?: number;
}

export class Trainer {
  /** the user's α, read at every update: may be changed between steps (decay applies to it, spec §9) */
  learningRate: number;
  private readonly net: Network;
  private readonly batches: MiniBatches;
  private readonly buffers: Buffers; // sized for a whole batch
  private narrowed?: Buffers; // the smaller last batch of an epoch
  private lastBatch = 0; // columns of the last batch run, for stats()
  private readonly recorded: CostHistory;
  /** least and greatest finite cost since the last recorded one (NaN: none yet) */
  private low = NaN;
  private high = NaN;
  private steps = 0;
  private last: StepResult = { iteration: -1, cost: NaN, diverged: false };

  constructor(readonly spec: NetworkSpec, readonly train: Dataset, private readonly options: TrainerOptions = {}) {
    this.learningRate = spec.train.learningRate;
    this.net = new Network(spec, options.initial ? fromInitial(spec, options.initial) : initialize(spec));
    this.train = { ...train, X: this.net.resident(train.X), Y: this.net.resident(train.Y) }; // where the kernels work in place
    this.batches = new MiniBatches(this.train, spec.train.batch, spec.train.seed);
    this.buffers = this.net.allocate(this.batches.size);
    this.recorded = new CostHistory(options.maxRecorded ?? MAX_RECORDED_COSTS);
  }

  /** Steps completed so far. */
  get iteration(): number {
    return this.steps;
  }

  /**
   * (i, J) for i = 0, every log_every, and the last iteration (and a diverging one), each point
   * with the range of every iteration's cost since the previous one; bounded (see history.ts).
   */
  get history(): CostHistory {
    return this.recorded;
  }

  /** The recorded (i, J) as a fresh array (O(points): for the end of a run, not every step). */
  get costs(): Array<[number, number]> {
    return this.recorded.pairs();
  }

  get done(): boolean {
    return this.last.diverged || this.steps >= this.spec.train.iterations;
  }

  /**
   * Runs up to k steps, never past `iterations`; each is forward, cost, backward, update. A cost
   * that is NaN or ±∞ ends training at once, before that step's update.
   */
  step(k: number): StepResult {
    const { iterations, logEvery } = this.spec.train;
    for (let s = 0; s < k && !this.done; s++) {
      const { X, Y } = this.batches.take();
      const buffers = this.buffersFor(X.cols);
      this.lastBatch = X.cols;
      this.net.forward(X, buffers, true);
      const i = this.steps;
      const J = this.net.cost(buffers, Y);
      const diverged = !Number.isFinite(J);
      this.last = { iteration: i, cost: J, diverged, cause: diverged ? this.nonFinite(X, Y, buffers) : undefined };
      if (!diverged) {
        this.low = Number.isNaN(this.low) ? J : Math.min(this.low, J);
        this.high = Number.isNaN(this.high) ? J : Math.max(this.high, J);
      }
      this.options.onCost?.(i, J);
      if (diverged || i % logEvery === 0 || i === iterations - 1) {
        this.recorded.push(i, J, this.low, this.high);
        this.low = this.high = NaN;
      }
      if (diverged) break;
      this.net.backward(buffers, Y);
      this.net.update(decayedRate(this.learningRate, this.spec.train.decay, i), i + 1);
      this.steps++;
    }
    return this.last;
  }

  /** The first non-finite value of this step's forward pass, in the order it was computed. */
  private nonFinite(X: Matrix, Y: Matrix, buffers: Buffers): NonFinite {
    const beforeUpdate = this.steps === 0;
    if (!finite(X)) return { what: 'X', beforeUpdate };
    for (let l = 1; l <= this.spec.layers.length; l++) {
      if (!finite(this.net.W[l])) return { what: 'W', l, beforeUpdate };
      if (!finite(this.net.b[l])) return { what: 'b', l, beforeUpdate };
      if (!finite(buffers.Z[l])) return { what: 'Z', l, beforeUpdate };
      if (!finite(buffers.A[l])) return { what: 'A', l, beforeUpdate };
    }
    return { what: finite(Y) ? 'cost' : 'Y', beforeUpdate };
  }

  /**
   * Mean and norm of W[l], b[l] and of the last step's dW[l], dZ[l], for each layer l with
   * parameters (pools and flatten have none to watch: a 0×0 dW[l] would read as a stalled layer).
   */
  stats(): LayerStats[] {
    const dZ = this.buffersFor(this.lastBatch || this.batches.size).dZ;
    const stats: LayerStats[] = [];
    for (let l = 1; l <= this.net.L; l++) {
      if (!this.net.layers[l].parameters) continue;
      stats.push({ l, W: summary(this.net.W[l]), b: summary(this.net.b[l]), dW: summary(this.net.dW[l]), dZ: summary(dZ[l]) });
    }
    return stats;
  }

  /** Fraction (0…1) of right predictions on the whole set; undefined for mse or without a test set. */
  accuracy(which: 'train' | 'test'): number | undefined {
    const data = which === 'train' ? this.train : this.options.test;
    if (!data) return undefined;
    return accuracy(this.spec.loss, this.predict(data.X), data.Y);
  }

  weights(): { W: Matrix[]; b: Matrix[] } {
    return { W: this.net.W.slice(1).map(copyMatrix), b: this.net.b.slice(1).map(copyMatrix) };
  }

  /** A[L] for the columns of X with the current weights (valid until the next predict: network.ts). */
  predict(X: Matrix): Matrix {
    return this.net.predict(X);
  }

  /** Gives back all the memory the trainer holds in the kernels' memory at once; it must not step again. */
  dispose(): void {
    this.net.dispose();
    this.batches.dispose();
  }

  private buffersFor(m: number): Buffers {
    if (m === this.batches.size) return this.buffers;
    if (this.narrowed?.m !== m) this.narrowed = this.net.narrow(this.buffers, m);
    return this.narrowed;
  }
}

/** Every entry of m is finite (a norm would overflow on large finite values, so each is tested). */
function finite(m: Matrix): boolean {
  const n = m.rows * m.cols;
  for (let k = 0; k < n; k++) if (!Number.isFinite(m.data[k])) return false;
  return true;
}

/**
 * W[l], b[l] from flat row-major arrays (index l − 1; a layer without parameters has none, or an
 * empty array), checked against the network's shapes.
 */
export function fromInitial(spec: NetworkSpec, initial: { W: Float64Array[]; b: Float64Array[] }): { W: Matrix[]; b: Matrix[] } {
  const W: Matrix[] = [matrix(0, 0)];
  const b: Matrix[] = [matrix(0, 0)];
  for (const { l, engine, parameters } of engineLayers(spec)) {
    const w = initial.W[l - 1];
    const bias = initial.b[l - 1];
    const shapes = engine.parameters;
    if (!shapes) {
      if (w?.length || bias?.length) throw new Error(`layer ${l} has no parameters, but initial weights were given for it`);
      W.push(matrix(0, 0));
      b.push(matrix(0, 0));
      continue;
    }
    const [rows, cols] = shapes.W;
    if (w?.length !== rows * cols || bias?.length !== shapes.b[0] * shapes.b[1]) {
      throw new Error(`initial weights of layer ${l} must be W (${parameters!.W.join(', ')}) and b (${parameters!.b.join(', ')})`);
    }
    W.push(matrix(...shapes.W));
    b.push(matrix(...shapes.b));
    W[l].data.set(w);
    b[l].data.set(bias);
  }
  return { W, b };
}
