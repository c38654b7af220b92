// The WASM image kernels (windows.wat.mjs) against the TypeScript reference (engine/windows.ts):
// im2col, col2im, both pools forward and backward, transpose, the row bias add and Σ over rows
// give the same bits, and so does each layer kind's whole forward and backward pass on them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsKernels } from '../../../core/engine/kernels';
import type { Grid } from '../../../core/foundation/kernels';
import { volume } from '../../../core/layers';
import { matrix, type Matrix } from '../../../core/foundation/matrix';
import type { LayerSpec } from '../../../core/foundation/model';
import { runLayer } from '../layers/run';
import { heapMatrix, uniform, wasm } from './helpers';

const plainCopy = (M: Matrix): Matrix => ({ rows: M.rows, cols: M.cols, data: M.data.slice() });

const GRIDS: Grid[] = [
  { m: 3, n_H: 5, n_W: 5, n_C: 1, f: 3, s: 1, p: 0, out_H: 3, out_W: 3 },
  { m: 2, n_H: 6, n_W: 7, n_C: 3, f: 3, s: 2, p: 1, out_H: 3, out_W: 4 },
  { m: 2, n_H: 4, n_W: 4, n_C: 2, f: 3, s: 1, p: 3, out_H: 8, out_W: 8 },
  { m: 4, n_H: 7, n_W: 5, n_C: 5, f: 5, s: 1, p: 2, out_H: 7, out_W: 5 },
];

for (const g of GRIDS) {
  test(`im2col and col2im: WASM gives the TypeScript kernels' bits (f ${g.f}, stride ${g.s}, pad ${g.p}, n_C ${g.n_C})`, () => {
    const { kernels } = wasm();
    const r = uniform(g.f * 31 + g.p);
    const A = heapMatrix(g.m, g.n_H * g.n_W * g.n_C, r);
    const cols = heapMatrix(g.m * g.out_H * g.out_W, g.f * g.f * g.n_C, r); // stale values: im2col overwrites all
    const want = plainCopy(cols);
    kernels.im2col(cols, A, g);
    jsKernels.im2col(want, plainCopy(A), g);
    assert.deepEqual(cols.data, want.data);
    const dcols = heapMatrix(cols.rows, cols.cols, r);
    const dA = heapMatrix(A.rows, A.cols, r);
    const dAwant = plainCopy(dA);
    kernels.col2im(dA, dcols, g);
    jsKernels.col2im(dAwant, plainCopy(dcols), g);
    assert.deepEqual(dA.data, dAwant.data);
  });
}

for (const [f, s] of [[2, 2], [3, 2], [2, 1], [3, 3]]) {
  for (const max of [true, false]) {
    test(`${max ? 'max' : 'avg'} pool f ${f} stride ${s}: WASM gives the TypeScript kernels' bits, ties included`, () => {
      const { kernels } = wasm();
      const r = uniform(f * 10 + s);
      const g: Grid = { m: 3, n_H: 7, n_W: 8, n_C: 3, f, s, p: 0, out_H: Math.floor((7 - f) / s) + 1, out_W: Math.floor((8 - f) / s) + 1 };
      const tied = () => Math.floor((r() + 1) * 1.5); // 0, 1, 2: windows with several maxima
      for (const value of [r, tied]) {
        const A = heapMatrix(g.m, g.n_H * g.n_W * g.n_C, value);
        const out = heapMatrix(g.m, g.out_H * g.out_W * g.n_C, r);
        const want = plainCopy(out);
        kernels.pool(max, out, A, g);
        jsKernels.pool(max, want, plainCopy(A), g);
        assert.deepEqual(out.data, want.data);
        const dOut = heapMatrix(out.rows, out.cols, r);
        const dA = heapMatrix(A.rows, A.cols, r);
        const dAwant = plainCopy(dA);
        kernels.poolBackward(max, dA, dOut, A, g);
        jsKernels.poolBackward(max, dAwant, plainCopy(dOut), plainCopy(A), g);
        assert.deepEqual(dA.data, dAwant.data);
      }
    });
  }
}

test('transpose, the row bias add and Σ over rows: WASM gives the TypeScript kernels\' bits (odd and even widths)', () => {
  const { kernels } = wasm();
  const r = uniform(3);
  for (const [rows, cols] of [[5, 7], [4, 6], [1, 1], [33, 3]]) {
    const M = heapMatrix(rows, cols, r);
    const T = heapMatrix(cols, rows), Twant = matrix(cols, rows);
    kernels.transpose(T, M);
    jsKernels.transpose(Twant, plainCopy(M));
    assert.deepEqual(T.data, Twant.data);
    const b = heapMatrix(1, cols, r);
    const Zwant = plainCopy(M);
    kernels.addRow(M, b);
    jsKernels.addRow(Zwant, plainCopy(b));
    assert.deepEqual(M.data, Zwant.data);
    const s = heapMatrix(1, cols, r), swant = matrix(1, cols);
    kernels.sumRows(s, M, 0.3);
    jsKernels.sumRows(swant, plainCopy(M), 0.3);
    assert.deepEqual(s.data, swant.data);
  }
});

const LAYERS: Array<[LayerSpec, number, number, number]> = [
  [{ kind: 'conv2d', filters: 4, activation: { name: 'relu' }, f: 3, stride: 1, pad: 1 }, 6, 6, 3],
  [{ kind: 'conv2d', filters: 3, activation: { name: 'tanh' }, f: 5, stride: 2, pad: 0 }, 11, 9, 2],
  [{ kind: 'conv2d', filters: 2, activation: { name: 'relu' }, f: 5, stride: 1, pad: 0 }, 26, 26, 1], // blocks of 2 examples
  [{ kind: 'max_pool', f: 3, stride: 2 }, 7, 7, 2],
  [{ kind: 'avg_pool', f: 2, stride: 2 }, 8, 6, 3],
  [{ kind: 'flatten' }, 3, 5, 2],
];

for (const [spec, H, W, C] of LAYERS) {
  test(`${spec.kind} forward and backward: WASM kernels match the TypeScript kernels`, () => {
    const { kernels } = wasm();
    const m = 5, r = uniform(H * W);
    const input = volume(H, W, C);
    const values = { Aprev: Float64Array.from({ length: m * H * W * C }, r), W: Float64Array.from({ length: 5 * 5 * 3 * 4 }, r),
      b: Float64Array.from({ length: 4 }, r), dA: Float64Array.from({ length: m * H * W * C * 4 }, r) };
    const plain = runLayer(spec, input, jsKernels, matrix, m, values);
    const fast = runLayer(spec, input, kernels, heapMatrix, m, values);
    for (const key of ['Z', 'A', 'dW', 'db', 'dAprev'] as const) {
      const [a, b] = [fast[key], plain[key]];
      for (let p = 0; p < b.length; p++) assert.ok(Math.abs(a[p] - b[p]) <= 1e-13 * Math.max(1, Math.abs(b[p])), `${key}[${p}]: ${a[p]} vs ${b[p]}`);
    }
  });
}
