// `conv2d N_C ACT f: F stride: S pad: P` (spec §8): N_C filters of f × f × n_C[l−1].

import type { Matrix } from '../matrix';
import type { Conv2dSpec } from '../model';
import type { LayerEngine } from './engine';
import { grid, reshape } from './grid';
import type { LayerKind } from './kind';
import { features, windowed, type Shape } from './shape';

export const conv2d: LayerKind<Conv2dSpec> = {
  kind: 'conv2d',
  output: (spec, input) => windowed(input, spec.f, spec.pad, spec.stride, spec.filters),
  parameters: (spec, input) =>
    input.kind === 'volume' ? { W: [spec.f, spec.f, input.n_C, spec.filters], b: [1, 1, 1, spec.filters] } : undefined,
  /** f·f·n_C[l−1]: the inputs one filter sums over */
  fanIn: (spec, input) => (input.kind === 'volume' ? spec.f * spec.f * input.n_C : 0),
  engine: convEngine,
};

/**
 * Spec §8 "Math" as matrix products (docs/engine.md): per batch, im2col lays every window of
 * Apad[l−1] out as a row of cols (m·n_H·n_W, f·f·n_C[l−1]); then Z[l] = cols·W[l] + b[l] is
 * already (m, n_H, n_W, n_C) row-major, with W[l] the (f, f, n_C[l−1], n_C[l]) array as a
 * (f·f·n_C[l−1], n_C[l]) matrix. Backward: dW[l] = colsᵀ·dZ[l]/m, db[l] = Σ_rows dZ[l]/m,
 * dcols = dZ[l]·W[l]ᵀ, and col2im adds each window's entries back into dA[l−1] (overlaps add).
 */
function convEngine(spec: Conv2dSpec, input: Shape, output: Shape): LayerEngine {
  const g = spec.activation;
  const at = grid(input, output, spec.f, spec.stride, spec.pad);
  const Q = conv2d.fanIn(spec, input); // f·f·n_C[l−1]: a row of cols, a column of W[l]
  const positions = features(output) / spec.filters; // n_H[l]·n_W[l]
  const n_C = spec.filters;
  /** Z[l]-shaped matrices as (m·n_H·n_W, n_C), one row per position */
  const byPosition = (M: Matrix, m: number): Matrix => reshape(M, m * positions, n_C);
  /** the scratch (m, n_H·n_W·Q) as im2col's (m·n_H·n_W, Q) */
  const columns = (cols: Matrix, m: number): Matrix => reshape(cols, m * positions, Q);
  return {
    byRows: true,
    features: features(output),
    activation: g,
    keepProb: 1,
    parameters: { W: [Q, n_C], b: [1, n_C] },
    hasZ: true,
    scratch: (withGradients, first) => (withGradients && !first ? [positions * Q, positions * Q] : [positions * Q]),
    forward({ k, m, W, b, Aprev, Z, A, scratch: [cols] }) {
      k.im2col(columns(cols, m), Aprev, at(m));
      const Zp = byPosition(Z, m);
      k.mul(Zp, columns(cols, m), W);
      k.addRow(Zp, b);
      k.activate(g, Z, A);
    },
    backward({ k, m, W, dW, db, Z, A, dZ, dA, dAprev, scratch: [cols, dcols] }, output, _masked, lambda) {
      if (!output) k.backward(g, Z, A, dA, dZ);
      const dZp = byPosition(dZ, m);
      k.mulAT(dW, columns(cols, m), dZp, 1 / m);
      if (lambda !== 0) k.axpy(dW, lambda / m, W);
      k.sumRows(db, dZp, 1 / m);
      if (!dAprev) return;
      k.mulBT(columns(dcols, m), dZp, W);
      k.col2im(dAprev, columns(dcols, m), at(m));
    },
  };
}
