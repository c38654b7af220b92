// Kernels for gradient checking (gradcheck.ts): J(θ ± ε) moves one entry of one W[l] or b[l], so
// every product W[j]·A[j−1] with j before that layer is the same as at θ, and W[l]·A[l−1] differs
// only in one row, by ε·A[l−1](col, :). These kernels remember the products of a forward pass at θ
// and serve them (with that one row corrected) instead of multiplying again: on a network with
// 12,288 inputs a check then costs seconds, not the better part of an hour. Everything else goes to
// the wrapped kernels, so the network's own forward pass still computes J.

import type { Kernels } from '../foundation/kernels';
import type { Matrix } from './matrix';

/** The entry that differs from θ: `index` into parameter `name` of layer l (row-major), moved by `delta`. */
export interface Moved {
  l: number;
  name: string;
  index: number;
  delta: number;
}

export class PerturbedKernels {
  /** The kernels to give the network: the wrapped ones, with `mul` going through `product` below. */
  readonly kernels: Kernels;
  /** what differs from θ now; undefined: θ itself, and the next forward pass is remembered */
  moved?: Moved;
  /** W[l] → l, for the network whose products are remembered */
  private layers = new Map<Matrix, number>();
  /**
   * W[l]·A[l−1] at θ, by l and where the product went: a dense layer after a sequence multiplies
   * by its W[l] once per step (spec §14), into each step's block of Z[l]
   */
  private products = new Map<string, Float64Array>();

  constructor(private readonly k: Kernels) {
    // A proxy rather than a method per kernel: whatever the Kernels interface grows (the optimizers'
    // kernels, dropout's mask, L2's Σθ²) reaches the wrapped kernels unchanged.
    const mul: Kernels['mul'] = (C, A, B, alpha) => this.product(C, A, B, alpha);
    this.kernels = new Proxy(k, { get: (target, key) => (key === 'mul' ? mul : Reflect.get(target, key, target)) });
  }

  /** The W[1…L] (index 0 unused) whose products to remember. */
  watch(W: readonly Matrix[]): void {
    this.layers = new Map(W.map((w, l) => [w, l]));
    this.products.clear();
  }

  private product(C: Matrix, A: Matrix, B: Matrix, alpha = 1): void {
    const l = this.layers.get(A);
    const moved = this.moved;
    if (l === undefined || alpha !== 1) return this.k.mul(C, A, B, alpha);
    const key = `${l}@${C.data.byteOffset}`;
    if (!moved) {
      this.k.mul(C, A, B);
      this.products.set(key, C.data.slice(0, C.rows * C.cols));
      return;
    }
    const kept = this.products.get(key);
    if (l > moved.l || !kept) return this.k.mul(C, A, B);
    C.data.set(kept);
    if (l === moved.l && moved.name === 'W') {
      // (W + δ·e_row·e_colᵀ)·B = W·B + δ·e_row·B(col, :)
      const row = Math.floor(moved.index / A.cols), col = moved.index % A.cols, m = B.cols;
      for (let j = 0; j < m; j++) C.data[row * m + j] += moved.delta * B.data[col * m + j];
    }
  }
}
