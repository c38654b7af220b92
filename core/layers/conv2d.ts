// `conv2d N_C ACT f: F stride: S pad: P` (spec §8): N_C filters of f × f × n_C[l−1].

import type { Matrix } from '../foundation/matrix';
import type { Conv2dSpec } from '../foundation/model';
import type { Dims, LayerEngine, LayerPass } from './engine';
import { grid, reshape } from './grid';
import { activationText, type LayerKind } from './kind';
import { features, windowed, type Shape } from './shape';

export const conv2d: LayerKind<Conv2dSpec> = {
  kind: 'conv2d',
  output: (spec, input) => windowed(input, spec.f, spec.pad, spec.stride, spec.filters),
  parameters: (spec, input) =>
    input.kind === 'volume' ? { W: [spec.f, spec.f, input.n_C, spec.filters], b: [1, 1, 1, spec.filters] } : undefined,
  /** f·f·n_C[l−1]: the inputs one filter sums over */
  fanIn: (spec, input) => (input.kind === 'volume' ? spec.f * spec.f * input.n_C : 0),
  statement: (spec) => `conv2d ${spec.filters} ${activationText(spec.activation)} f: ${spec.f} stride: ${spec.stride} pad: ${spec.pad}`,
  engine: convEngine,
};

/** Entries of one block of im2col columns: 256 KiB, so a block and its product stay in L2. */
const BLOCK_ENTRIES = 32768;

/**
 * Spec §8 "Math" as matrix products (docs/engine.md), a block of e examples at a time: im2col lays
 * every window of Apad[l−1] out as a row of cols (e·n_H·n_W, f·f·n_C[l−1]); then cols·W[l] are the
 * block's rows of Z[l], already (m, n_H, n_W, n_C) row-major, with W[l] the (f, f, n_C[l−1], n_C[l])
 * array as a (f·f·n_C[l−1], n_C[l]) matrix; b[l] is added to every row. Backward, per block (its
 * columns laid out again, cheaper than keeping m examples' worth, 25× A[l−1] for f = 5):
 * dW[l] += colsᵀ·dZ[l]/m, dcols = dZ[l]·W[l]ᵀ, and col2im adds each window's entries back into
 * dA[l−1] (overlaps add); db[l] = Σ_rows dZ[l]/m. Blocks keep cols in cache, where one im2col of the
 * whole batch (29 MB for LeNet's first layer at m = 256) made every product memory-bound.
 */
function convEngine(spec: Conv2dSpec, input: Shape, output: Shape): LayerEngine {
  const g = spec.activation;
  const at = grid(input, output, spec.f, spec.stride, spec.pad);
  const Q = conv2d.fanIn(spec, input); // f·f·n_C[l−1]: a row of cols, a row of W[l]
  const n_C = spec.filters;
  const P = features(output) / n_C; // n_H[l]·n_W[l]: positions, rows of cols per example
  const e = Math.max(1, Math.floor(BLOCK_ENTRIES / (P * Q))); // examples per block
  /** rows i0…i0+n−1 of M seen as (n·per, width) */
  const block = (M: Matrix, i0: number, n: number, per: number, width: number): Matrix =>
    ({ rows: n * per, cols: width, data: M.data.subarray(i0 * per * width, (i0 + n) * per * width) });
  const inputBlock = (M: Matrix, i0: number, n: number): Matrix => block(M, i0, n, 1, features(input));
  /** Runs `body` for each block: its first example, size, and cols holding its windows */
  const blocks = (k: LayerPass['k'], m: number, Aprev: Matrix, cols: Matrix, body: (i0: number, n: number, c: Matrix) => void): void => {
    for (let i0 = 0; i0 < m; i0 += e) {
      const n = Math.min(e, m - i0);
      const c = reshape(cols, n * P, Q);
      k.im2col(c, inputBlock(Aprev, i0, n), at(n));
      body(i0, n, c);
    }
  };
  return {
    byRows: true,
    features: features(output),
    activation: g,
    keepProb: 1,
    parameters: { W: [Q, n_C], b: [1, n_C] },
    hasZ: true,
    scratch: (withGradients, first) => [[e * P, Q], ...(withGradients ? [[Q, n_C] as Dims] : []), ...(withGradients && !first ? [[e * P, Q] as Dims] : [])],
    forward({ k, m, W, b, Aprev, Z, A, scratch: [cols] }) {
      blocks(k, m, Aprev, cols, (i0, n, c) => k.mul(block(Z, i0, n, P, n_C), c, W));
      k.addRow(reshape(Z, m * P, n_C), b);
      k.activate(g, Z, A);
    },
    backward({ k, m, W, dW, db, Aprev, Z, A, dZ, dA, dAprev, scratch: [cols, part, dcols] }, output, _masked, lambda) {
      if (!output) k.backward(g, Z, A, dA, dZ);
      blocks(k, m, Aprev, cols, (i0, n, c) => {
        const dZb = block(dZ, i0, n, P, n_C);
        if (i0 === 0) k.mulAT(dW, c, dZb, 1 / m);
        else {
          k.mulAT(part, c, dZb, 1 / m);
          k.axpy(dW, 1, part);
        }
        if (!dAprev) return;
        const dc = reshape(dcols, n * P, Q);
        k.mulBT(dc, dZb, W);
        k.col2im(inputBlock(dAprev, i0, n), dc, at(n));
      });
      if (lambda !== 0) k.axpy(dW, lambda / m, W);
      k.sumRows(db, reshape(dZ, m * P, n_C), 1 / m);
    },
  };
}
