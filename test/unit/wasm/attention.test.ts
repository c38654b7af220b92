// The WASM attention kernels (attention.wat.mjs) against the TypeScript reference (engine/attention.ts):
// α, O and the gradients dQ, dK, dV per example and head, causal and not, to 1e-13 relative (the
// loops are the reference's; only exp differs by a few ulp). And a whole self_attention layer run on
// the WASM kernels (its projections on step blocks in the heap) against the same layer on TypeScript.

import { test } from 'node:test';
import { jsKernels } from '../../../core/engine/kernels';
import type { Matrix } from '../../../core/foundation/matrix';
import { sequence } from '../../../core/layers';
import { attentionCase } from '../layers/attentionCase';
import { runNamed } from '../layers/runNamed';
import { assertClose, heapMatrix, uniform, wasm } from './helpers';

const plainCopy = (M: Matrix): Matrix => ({ rows: M.rows, cols: M.cols, data: M.data.slice() });
const plain = (rows: number, cols: number): Matrix => ({ rows, cols, data: new Float64Array(rows * cols) });
const scaleOf = (x: Float64Array) => Float64Array.from(x, (v) => Math.max(1, Math.abs(v)));

// d_k = 3 and 5 too: the WASM kernels pad d_k to even for their f64x2 loops
for (const [T, d, h, m] of [[1, 2, 1, 1], [5, 8, 2, 3], [7, 6, 3, 4], [12, 16, 4, 5], [6, 9, 3, 4], [4, 5, 1, 2]]) {
  for (const causal of [false, true]) {
    test(`attention kernels: WASM equals TypeScript (T = ${T}, d = ${d}, h = ${h}, m = ${m}${causal ? ', causal' : ''})`, () => {
      const { kernels } = wasm();
      const r = uniform(T * 1000 + d * 10 + h + (causal ? 7 : 0));
      const heads = { T, d, h, causal };
      const [Q, K, V, dO] = [0, 1, 2, 3].map(() => heapMatrix(T * d, m, () => 2 * r()));
      const [O, dQ, dK, dV] = [0, 1, 2, 3].map(() => heapMatrix(T * d, m));
      const alpha = heapMatrix(m, h * T * T), row = heapMatrix(1, T);
      const js = { O: plainCopy(O), alpha: plainCopy(alpha), dQ: plainCopy(dQ), dK: plainCopy(dK), dV: plainCopy(dV), row: plainCopy(row) };
      const [q, k, v, g] = [Q, K, V, dO].map(plainCopy);
      kernels.attention(O, alpha, Q, K, V, heads);
      jsKernels.attention(js.O, js.alpha, q, k, v, heads);
      assertClose(alpha.data, js.alpha.data, 1e-13, 1, 'α');
      assertClose(O.data, js.O.data, 1e-13, scaleOf(js.O.data), 'O');
      kernels.attentionBackward(dQ, dK, dV, dO, alpha, Q, K, V, row, heads);
      jsKernels.attentionBackward(js.dQ, js.dK, js.dV, g, js.alpha, q, k, v, js.row, heads);
      assertClose(dQ.data, js.dQ.data, 1e-13, scaleOf(js.dQ.data), 'dQ');
      assertClose(dK.data, js.dK.data, 1e-13, scaleOf(js.dK.data), 'dK');
      assertClose(dV.data, js.dV.data, 1e-13, scaleOf(js.dV.data), 'dV');
    });
  }
}

test('a self_attention layer on the WASM kernels equals it on the TypeScript ones: A[l], α, every gradient', () => {
  const [d, T, m] = [8, 6, 5];
  const c = attentionCase(3, d, T, m);
  const spec = { kind: 'self_attention' as const, heads: 2, causal: true };
  const fast = runNamed(spec, sequence(d, T), wasm().kernels, (rows, cols) => heapMatrix(rows, cols), m, c);
  const slow = runNamed(spec, sequence(d, T), jsKernels, plain, m, c);
  assertClose(fast.A, slow.A, 1e-12, scaleOf(slow.A), 'A[l]');
  assertClose(fast.batch[4], slow.batch[4], 1e-12, 1, 'α');
  for (const name of Object.keys(slow.dTheta)) assertClose(fast.dTheta[name], slow.dTheta[name], 1e-12, scaleOf(slow.dTheta[name]), `d${name}`);
  assertClose(fast.dAprev, slow.dAprev, 1e-12, scaleOf(slow.dAprev), 'dA[l−1]');
});
