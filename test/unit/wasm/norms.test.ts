// The WASM normalization kernels (norms.wat.mjs) against the TypeScript reference (engine/norms.ts):
// moments, standardize, scale/shift and both gradients give the same bits, for groups along rows
// (batch norm on a dense layer) and along columns (batch norm on a conv layer, layer norm), in
// place as batch norm runs them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsKernels } from '../../../core/engine/kernels';
import type { Matrix } from '../../../core/foundation/matrix';
import { heapMatrix, uniform, wasm } from './helpers';

const plainCopy = (M: Matrix): Matrix => ({ rows: M.rows, cols: M.cols, data: M.data.slice() });

for (const [rows, cols] of [[2, 3], [3, 7], [8, 5], [33, 4]]) {
  for (const perRow of [true, false]) {
    test(`the normalization kernels: WASM gives the TypeScript kernels' bits (${rows}×${cols}, groups along ${perRow ? 'rows' : 'columns'})`, () => {
      const { kernels } = wasm();
      const r = uniform(rows * 7 + cols + (perRow ? 1 : 0));
      const G = perRow ? rows : cols;
      const M = heapMatrix(rows, cols, () => 3 * r() + 1);
      const gamma = heapMatrix(G, 1, r), beta = heapMatrix(G, 1, r), d = heapMatrix(rows, cols, r);
      const [mean, variance, xhat, out] = [heapMatrix(G, 1), heapMatrix(G, 1), heapMatrix(rows, cols), heapMatrix(rows, cols)];
      const [dgamma, dbeta] = [heapMatrix(G, 1), heapMatrix(G, 1)];
      const js = { M: plainCopy(M), mean: plainCopy(mean), variance: plainCopy(variance), xhat: plainCopy(xhat), out: plainCopy(out), d: plainCopy(d), dgamma: plainCopy(dgamma), dbeta: plainCopy(dbeta) };

      kernels.moments(mean, variance, M, perRow);
      jsKernels.moments(js.mean, js.variance, js.M, perRow);
      assert.deepEqual([mean.data, variance.data], [js.mean.data, js.variance.data], 'μ and σ²');
      kernels.standardize(xhat, M, mean, variance, 1e-5, perRow);
      jsKernels.standardize(js.xhat, js.M, js.mean, js.variance, 1e-5, perRow);
      assert.deepEqual(xhat.data, js.xhat.data, 'x̂');
      kernels.scaleShift(out, xhat, gamma, beta, perRow);
      jsKernels.scaleShift(js.out, js.xhat, plainCopy(gamma), plainCopy(beta), perRow);
      assert.deepEqual(out.data, js.out.data, 'γx̂ + β');
      kernels.scaleShiftBackward(d, dgamma, dbeta, d, xhat, gamma, 0.25, perRow);
      jsKernels.scaleShiftBackward(js.d, js.dgamma, js.dbeta, js.d, js.xhat, plainCopy(gamma), 0.25, perRow);
      assert.deepEqual([d.data, dgamma.data, dbeta.data], [js.d.data, js.dgamma.data, js.dbeta.data], 'dγ, dβ and γ ⊙ d');
      kernels.standardizeBackward(d, d, xhat, variance, 1e-5, perRow);
      jsKernels.standardizeBackward(js.d, js.d, js.xhat, js.variance, 1e-5, perRow);
      assert.deepEqual(d.data, js.d.data, 'dM');
      assert.ok(d.data.some((x) => x !== 0), 'the gradient is not trivially zero');
    });
  }
}
