// Training one network, a few steps at a time: what `nn train` runs in a loop and the
// VS Code worker drives between messages. The state lives here; the math is in network.ts.

import type { NetworkSpec } from '../foundation/model';
import { engineLayers, parameterKey } from '../layers';
import type { Dataset } from '../data/dataset';
import { scores, type Scores } from './accuracy';
import { decayedRate } from './decay';
import { MiniBatches } from './batches';
import { initialize, type NetworkParameters } from './init';
import type { WeightsValues } from '../data/weights';
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
  /** a parameter by its name (`W`, `b`, `gamma`, …) or a matrix of the pass */
  what: 'X' | 'Y' | 'Z' | 'A' | 'cost' | (string & {});
  /** the layer, for W, b, Z and A */
  l?: number;
  beforeUpdate: boolean;
}

/** Recorded costs kept at full resolution; past this the history halves its resolution (history.ts). */
export const MAX_RECORDED_COSTS = 1 << 18;

export interface TrainerOptions {
  test?: Dataset;
  /** initial parameters by weights-file key (`W1`, `gamma3`, …), row-major; replace `init` (a weights file) */
  initial?: WeightsValues;
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
      for (const [name, theta] of Object.entries(this.net.theta[l])) if (!finite(theta)) return { what: name, l, beforeUpdate };
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
      if (this.net.W[l].rows === 0) continue;
      stats.push({ l, W: summary(this.net.W[l]), b: summary(this.net.b[l]), dW: summary(this.net.dW[l]), dZ: summary(dZ[l]) });
    }
    return stats;
  }

  /** Fraction (0…1) of right predictions on the whole set; undefined for mse or without a test set. */
  accuracy(which: 'train' | 'test'): number | undefined {
    return this.scores(which).accuracy;
  }

  /** Accuracy and, for a per-step output, the share of exact sequences, from one prediction of the whole set. */
  scores(which: 'train' | 'test'): Scores {
    const data = which === 'train' ? this.train : this.options.test;
    if (!data) return {};
    return scores(this.spec.loss, this.predict(data.X), data.Y, this.net.outputSteps);
  }

  /** W[l], b[l] as matrices for l = 1…L (index l − 1; 0×0 for a layer without them), copied: what the panel's heat maps show. */
  layerMatrices(): { W: Matrix[]; b: Matrix[] } {
    return { W: this.net.W.slice(1).map(copyMatrix), b: this.net.b.slice(1).map(copyMatrix) };
  }

  /** Every parameter by weights-file key (`W1`, `b1`, `gamma3`, …), copied, in the weights file's order. */
  weights(): WeightsValues {
    const out: WeightsValues = {};
    this.net.theta.forEach((layer, l) => {
      for (const [name, theta] of Object.entries(layer)) out[parameterKey(name, l)] = theta.data.slice(0, theta.rows * theta.cols);
    });
    return out;
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
 * Every parameter from `initial` by weights-file key, checked against the network's dims. A
 * parameter the optimizer does not train (running statistics) that is missing starts as
 * initialisation would start it (spec §13); any other missing key, and any extra one, is an error.
 */
export function fromInitial(spec: NetworkSpec, initial: WeightsValues): NetworkParameters {
  const out: NetworkParameters = [{}];
  const used = new Set<string>();
  for (const { l, engine } of engineLayers(spec)) {
    const layer: Record<string, Matrix> = {};
    for (const { name, dims, shape, trained, init } of engine.parameters) {
      const key = parameterKey(name, l);
      const theta = (layer[name] = matrix(...dims));
      const values = initial[key];
      if (values === undefined && !trained) {
        theta.data.fill(init === 'ones' ? 1 : 0);
        continue;
      }
      if (values?.length !== dims[0] * dims[1]) throw new Error(`initial weights of layer ${l} must have ${key} (${shape.join(', ')})`);
      theta.data.set(values);
      used.add(key);
    }
    out.push(layer);
  }
  const extra = Object.keys(initial).find((key) => !used.has(key) && initial[key].length > 0);
  if (extra) throw new Error(`initial weights hold ${extra}, which is not a parameter of network ${spec.name}`);
  return out;
}
