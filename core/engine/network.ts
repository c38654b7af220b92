// The network of spec §5 and §9: parameters W[l], b[l] and their gradients, and forward (with
// inverted dropout while training), cost and backward (with L2) and the optimizer's update, written
// as the course writes them. Arrays are indexed by l = 1…L (slot 0 is A[0] = X
// for activations and unused otherwise), so every line reads like its equation.
// A network owns every matrix it works on in the kernels' memory — its parameters, gradients,
// buffers and copies of data — and `dispose` gives them all back at once (matrix.ts `release`).

import { denseOnly, type Activation, type LossName, type NetworkSpec } from '../model';
import type { Kernels } from './kernels';
import { DropoutMasks, keepProbs } from './dropout';
import { cost, outputGradient } from './losses';
import { inPlace, matrix, release, resident, view, type Matrix } from './matrix';
import { makeOptimizer, type Optimizer } from './optimizers';
import { defaultKernels } from './wasm';

/** Per-example matrices for one batch width: Z[l], A[l], dZ[l], dA[l] are (n[l], m). */
export interface Buffers {
  Z: Matrix[];
  A: Matrix[];
  dZ: Matrix[];
  dA: Matrix[];
  /**
   * For layers with keep_prob < 1, in training buffers only: D[l], the dropout mask, and
   * G[l] = g[l](Z[l]) before dropout (g′ of sigmoid and tanh is computed from it). `none` elsewhere.
   */
  D: Matrix[];
  G: Matrix[];
  /** whether the last forward pass on these buffers dropped units: backward then uses the same D[l] */
  masked: boolean;
}

/** An unused slot (plain memory: never released). */
const none: Matrix = { rows: 0, cols: 0, data: new Float64Array(0) };

export class Network {
  readonly L: number;
  /** n[l], l = 0…L */
  readonly n: number[];
  /** g[l], l = 1…L */
  readonly g: Activation[];
  readonly loss: LossName;
  readonly W: Matrix[];
  readonly b: Matrix[];
  readonly dW: Matrix[];
  readonly db: Matrix[];
  /** keep_prob of layer l = 0…L (1: no dropout; always 1 for the output layer) */
  readonly keepProb: number[];
  /** λ of L2 (0: none) */
  readonly lambda: number;
  /** W[1], b[1], W[2], b[2], …: the θ the optimizer updates, and their dθ in the same order */
  readonly params: Matrix[];
  readonly grads: Matrix[];
  readonly optimizer: Optimizer;
  /** the masks' generator, when some layer has dropout */
  private readonly dropout?: DropoutMasks;
  /** what `dispose` gives back; undefined once it has */
  private owned: Set<Matrix> | undefined = new Set();
  /** `predict`'s buffers, for the widest X so far, and its copy of an X from elsewhere */
  private predicting?: Buffers;
  private copied?: Matrix;

  /** Takes `params` over: they are released with the network. */
  constructor(spec: NetworkSpec, params: { W: Matrix[]; b: Matrix[] }, readonly k: Kernels = defaultKernels()) {
    const { layers } = denseOnly(spec);
    this.L = layers.length;
    this.n = [spec.inputSize, ...layers.map((layer) => layer.units)];
    this.g = [{ name: 'linear' }, ...layers.map((layer) => layer.activation)];
    this.loss = spec.loss;
    this.W = params.W;
    this.b = params.b;
    [...this.W, ...this.b].forEach((p) => this.own(p));
    this.dW = this.W.map((w) => this.matrix(w.rows, w.cols));
    this.db = this.b.map((b) => this.matrix(b.rows, b.cols));
    this.keepProb = keepProbs(layers);
    this.lambda = spec.train.l2 ?? 0;
    this.params = this.W.slice(1).flatMap((w, index) => [w, this.b[index + 1]]);
    this.grads = this.dW.slice(1).flatMap((dw, index) => [dw, this.db[index + 1]]);
    this.optimizer = makeOptimizer(spec.train.optimizer, k, this.params, (rows, cols) => this.matrix(rows, cols));
    if (this.keepProb.some((P) => P < 1)) this.dropout = new DropoutMasks(spec.train.seed);
  }

  /** Buffers for batches of up to `m` examples; `withGradients` false for prediction only. */
  allocate(m: number, withGradients = true): Buffers {
    const make = (gradient: boolean): Matrix[] =>
      this.n.map((nl, l) => (l === 0 || (gradient && !withGradients) ? none : this.matrix(nl, m)));
    const dropped = (): Matrix[] => this.n.map((nl, l) => (withGradients && this.keepProb[l] < 1 ? this.matrix(nl, m) : none));
    return { Z: make(false), A: make(false), dZ: make(true), dA: make(true), D: dropped(), G: dropped(), masked: false };
  }

  /** `M` itself if the kernels work on it in place, else a copy there, released with the network. */
  resident(M: Matrix): Matrix {
    const copy = resident(M);
    return copy === M ? M : this.own(copy);
  }

  /** The first m columns' worth of `full`'s buffers (a smaller last mini-batch). */
  narrow(full: Buffers, m: number): Buffers {
    const cut = (ms: Matrix[]): Matrix[] => ms.map((x, l) => (l === 0 || x === none ? x : view(x, m)));
    return { Z: cut(full.Z), A: cut(full.A), dZ: cut(full.dZ), dA: cut(full.dA), D: cut(full.D), G: cut(full.G), masked: false };
  }

  /**
   * A[L] for the columns of X with the current weights, in buffers of its own sized for the widest
   * X so far (a narrower one uses their first columns), so the few widths a session asks for
   * (training set, test set, decision-boundary grid) allocate nothing after the first calls.
   * The result is valid until the next `predict`.
   */
  predict(X: Matrix): Matrix {
    const m = X.cols;
    let full = this.predicting;
    if (!full || full.A[1].cols < m) {
      if (full) this.releaseBuffers(full);
      full = this.predicting = this.allocate(m, false);
    }
    return this.forward(this.input(X), full.A[1].cols === m ? full : this.narrow(full, m));
  }

  /** Gives back every matrix the network owns; it must not be used afterwards (it then throws). */
  dispose(): void {
    if (this.owned) release(...this.owned);
    this.owned = undefined;
  }

  /**
   * Z[l] = W[l]·A[l−1] + b[l], A[l] = g[l](Z[l]) for l = 1…L; returns A[L]. `training` (a training
   * step, in buffers from `allocate(m)`) applies inverted dropout: A[l] = g[l](Z[l]) ⊙ D[l] / P with
   * a fresh D[l]. Predicting, accuracy and gradient checking leave it false.
   */
  forward(X: Matrix, buffers: Buffers, training = false): Matrix {
    this.live();
    const { k, W, b, g, L, keepProb } = this;
    const { Z, A, D, G } = buffers;
    buffers.masked = training && this.dropout !== undefined;
    if (buffers.masked && D.every((M) => M === none)) throw new Error('a training pass with dropout needs buffers from allocate(m) with gradients');
    A[0] = X;
    for (let l = 1; l <= L; l++) {
      k.mul(Z[l], W[l], A[l - 1]);
      k.addColumn(Z[l], b[l]);
      if (buffers.masked && keepProb[l] < 1) {
        k.activate(g[l], Z[l], G[l]);
        this.dropout!.draw(D[l], keepProb[l]);
        k.mask(A[l], G[l], D[l], keepProb[l]);
      } else {
        k.activate(g[l], Z[l], A[l]);
      }
    }
    return A[L];
  }

  /** J of the last forward pass against Y, with L2's (λ/(2m))·Σ_l ‖W[l]‖²_F when λ > 0 (m = Y's columns). */
  cost(buffers: Buffers, Y: Matrix): number {
    const J = this.lossCost(buffers, Y);
    if (this.lambda === 0) return J;
    let squares = 0;
    for (let l = 1; l <= this.L; l++) squares += this.k.sumSquares(this.W[l]);
    return J + (this.lambda / (2 * Y.cols)) * squares;
  }

  /** The loss part of J alone, without L2's term (gradient checking takes the two apart). */
  lossCost({ Z, A }: Buffers, Y: Matrix): number {
    return (this.k.cost ?? cost)(this.loss, Z[this.L], A[this.L], Y);
  }

  /**
   * dZ[L] from the loss, then for l = L…1: dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ (+ (λ/m)·W[l] with L2),
   * db[l] = (1/m)·Σ dZ[l], and for l > 1: dA[l−1] = W[l]ᵀ·dZ[l] (⊙ D[l−1] / P if the forward pass
   * dropped units of layer l − 1), dZ[l−1] = dA[l−1] ⊙ g[l−1]′(Z[l−1]).
   */
  backward(buffers: Buffers, Y: Matrix): void {
    this.live();
    const { k, W, g, L, dW, db, lambda, keepProb } = this;
    const { Z, A, dZ, dA, D, G, masked } = buffers;
    const m = Y.cols;
    outputGradient(k, this.loss, g[L], Z[L], A[L], Y, dA[L], dZ[L]);
    for (let l = L; l >= 1; l--) {
      k.mulBT(dW[l], dZ[l], A[l - 1], 1 / m);
      if (lambda !== 0) k.axpy(dW[l], lambda / m, W[l]);
      k.sumColumns(db[l], dZ[l], 1 / m);
      if (l > 1) {
        k.mulAT(dA[l - 1], W[l], dZ[l]);
        const dropped = masked && keepProb[l - 1] < 1;
        if (dropped) k.mask(dA[l - 1], dA[l - 1], D[l - 1], keepProb[l - 1]);
        k.backward(g[l - 1], Z[l - 1], dropped ? G[l - 1] : A[l - 1], dA[l - 1], dZ[l - 1]);
      }
    }
  }

  /** The optimizer's update of every W[l], b[l] from dW[l], db[l] with rate α, at update t = 1, 2, … */
  update(alpha: number, t: number): void {
    this.live();
    this.optimizer.update(this.params, this.grads, alpha, t);
  }

  /** X, or its columns copied into the kernels' memory when X lives elsewhere (e.g. a grid of inputs). */
  private input(X: Matrix): Matrix {
    if (inPlace(X)) return X;
    if (!this.copied || this.copied.cols < X.cols) {
      if (this.copied) this.releaseOwned(this.copied);
      this.copied = this.matrix(X.rows, X.cols);
    }
    const x = view(this.copied, X.cols);
    x.data.set(X.data.subarray(0, X.rows * X.cols));
    return x;
  }

  private matrix(rows: number, cols: number): Matrix {
    return this.own(matrix(rows, cols));
  }

  private own(M: Matrix): Matrix {
    this.live().add(M);
    return M;
  }

  private releaseBuffers({ Z, A, dZ, dA, D, G }: Buffers): void {
    for (const M of [...Z, ...A, ...dZ, ...dA, ...D, ...G]) if (M !== none) this.releaseOwned(M);
  }

  private releaseOwned(M: Matrix): void {
    if (this.live().delete(M)) release(M);
  }

  private live(): Set<Matrix> {
    if (!this.owned) throw new Error('this network has been disposed: its memory has been given back');
    return this.owned;
  }
}
