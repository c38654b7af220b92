// The network of spec §5: parameters W[l], b[l] and their gradients, and forward, backward and
// update written as the course writes them. Arrays are indexed by l = 1…L (slot 0 is A[0] = X
// for activations and unused otherwise), so every line reads like its equation.

import type { Activation, LossName, NetworkSpec } from '../model';
import type { Kernels } from './kernels';
import { cost, outputGradient } from './losses';
import { matrix, view, type Matrix } from './matrix';
import { defaultKernels } from './wasm';

/** Per-example matrices for one batch width: Z[l], A[l], dZ[l], dA[l] are (n[l], m). */
export interface Buffers {
  Z: Matrix[];
  A: Matrix[];
  dZ: Matrix[];
  dA: Matrix[];
}

const none = matrix(0, 0);

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

  constructor(spec: NetworkSpec, params: { W: Matrix[]; b: Matrix[] }, readonly k: Kernels = defaultKernels()) {
    this.L = spec.layers.length;
    this.n = [spec.inputSize, ...spec.layers.map((layer) => layer.units)];
    this.g = [{ name: 'linear' }, ...spec.layers.map((layer) => layer.activation)];
    this.loss = spec.loss;
    this.W = params.W;
    this.b = params.b;
    this.dW = this.W.map((w) => matrix(w.rows, w.cols));
    this.db = this.b.map((b) => matrix(b.rows, b.cols));
  }

  /** Buffers for batches of up to `m` examples; `withGradients` false for prediction only. */
  allocate(m: number, withGradients = true): Buffers {
    const make = (gradient: boolean): Matrix[] =>
      this.n.map((nl, l) => (l === 0 || (gradient && !withGradients) ? none : matrix(nl, m)));
    return { Z: make(false), A: make(false), dZ: make(true), dA: make(true) };
  }

  /** The first m columns' worth of `full`'s buffers (a smaller last mini-batch). */
  narrow(full: Buffers, m: number): Buffers {
    const cut = (ms: Matrix[]): Matrix[] => ms.map((x, l) => (l === 0 || x === none ? x : view(x, m)));
    return { Z: cut(full.Z), A: cut(full.A), dZ: cut(full.dZ), dA: cut(full.dA) };
  }

  /** Z[l] = W[l]·A[l−1] + b[l], A[l] = g[l](Z[l]) for l = 1…L; returns A[L]. */
  forward(X: Matrix, { Z, A }: Buffers): Matrix {
    const { k, W, b, g, L } = this;
    A[0] = X;
    for (let l = 1; l <= L; l++) {
      k.mul(Z[l], W[l], A[l - 1]);
      k.addColumn(Z[l], b[l]);
      k.activate(g[l], Z[l], A[l]);
    }
    return A[L];
  }

  /** J of the last forward pass against Y. */
  cost({ Z, A }: Buffers, Y: Matrix): number {
    return (this.k.cost ?? cost)(this.loss, Z[this.L], A[this.L], Y);
  }

  /**
   * dZ[L] from the loss, then for l = L…1: dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ, db[l] = (1/m)·Σ dZ[l],
   * and for l > 1: dA[l−1] = W[l]ᵀ·dZ[l], dZ[l−1] = dA[l−1] ⊙ g[l−1]′(Z[l−1]).
   */
  backward({ Z, A, dZ, dA }: Buffers, Y: Matrix): void {
    const { k, W, g, L, dW, db } = this;
    const m = Y.cols;
    outputGradient(k, this.loss, g[L], Z[L], A[L], Y, dA[L], dZ[L]);
    for (let l = L; l >= 1; l--) {
      k.mulBT(dW[l], dZ[l], A[l - 1], 1 / m);
      k.sumColumns(db[l], dZ[l], 1 / m);
      if (l > 1) {
        k.mulAT(dA[l - 1], W[l], dZ[l]);
        k.backward(g[l - 1], Z[l - 1], A[l - 1], dA[l - 1], dZ[l - 1]);
      }
    }
  }

  /** W[l] −= α·dW[l], b[l] −= α·db[l]. */
  update(alpha: number): void {
    for (let l = 1; l <= this.L; l++) {
      this.k.axpy(this.W[l], -alpha, this.dW[l]);
      this.k.axpy(this.b[l], -alpha, this.db[l]);
    }
  }
}
