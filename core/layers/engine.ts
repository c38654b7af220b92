// The engine's side of a layer kind (spec §5, §8): which matrices a layer keeps, how its forward and
// backward passes run on the kernels. The Network (core/engine/network.ts) loops over layers and asks
// each kind's LayerEngine; it never looks at the kind itself.
//
// Layouts (docs/engine.md): a layer whose A[l] is a vector per example keeps Z[l], A[l], dZ[l], dA[l]
// as (n[l], m), examples as columns (course 1); an image-shaped layer keeps them as
// (m, n_H·n_W·n_C) row-major, i.e. (m, n_H, n_W, n_C), examples as rows.

import type { Activation } from '../foundation/model';
import type { Kernels } from '../foundation/kernels';
import type { Matrix } from '../foundation/matrix';

/** A matrix's (rows, cols). */
export type Dims = [number, number];

/** Everything one layer's passes read and write, for one batch of m examples. */
export interface LayerPass {
  k: Kernels;
  m: number;
  W: Matrix;
  b: Matrix;
  dW: Matrix;
  db: Matrix;
  /** A[l−1]: the input */
  Aprev: Matrix;
  Z: Matrix;
  A: Matrix;
  dZ: Matrix;
  dA: Matrix;
  /** dA[l−1], undefined for l = 1 (nobody needs the gradient of X) */
  dAprev?: Matrix;
  /** dropout's D[l] and G[l] = g(Z[l]) before dropout (dense layers with keep_prob < 1 while training) */
  D: Matrix;
  G: Matrix;
  /** the layer's own per-batch matrices, as `scratch` asked for them (e.g. conv's im2col columns) */
  scratch: Matrix[];
}

export interface LayerEngine {
  /** whether Z[l], A[l], dZ[l], dA[l] hold one example per row (image-shaped) or per column */
  readonly byRows: boolean;
  /** entries of A[l] per example: n[l], or n_H·n_W·n_C */
  readonly features: number;
  /** g[l]; `linear` for layers without an activation (pools, flatten) */
  readonly activation: Activation;
  /** keep_prob of inverted dropout (1: none; only dense layers have it) */
  readonly keepProb: number;
  /** W[l], b[l] as engine matrices, undefined without parameters (pools, flatten) */
  readonly parameters?: { W: Dims; b: Dims };
  /** whether Z[l] is a matrix of its own (false: Z[l] is A[l], a layer without an activation) */
  readonly hasZ: boolean;
  /**
   * whether Z[l] = W[l]·A[l−1] is one kernel `mul`, which gradient checking serves from memory
   * (core/engine/perturbed.ts): then a moved entry of W[l] costs one row, not the whole product
   */
  readonly product?: boolean;
  /**
   * The layer's scratch matrices, whatever the batch size: for training buffers (`withGradients`),
   * of layer 1 or a later one (`first`).
   */
  scratch(withGradients: boolean, first: boolean): Dims[];
  /** Z[l] and A[l] from A[l−1]; `drop` draws dropout's mask D[l] when this pass drops units */
  forward(pass: LayerPass, drop?: (D: Matrix, keepProb: number) => void): void;
  /**
   * dW[l], db[l] (with L2's (λ/m)·W[l] when λ > 0) and dA[l−1], from dA[l] — or from dZ[l] when
   * `output` (the loss set it). `masked`: the last forward pass dropped units of this layer.
   */
  backward(pass: LayerPass, output: boolean, masked: boolean, lambda: number): void;
}
