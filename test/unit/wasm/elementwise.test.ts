// Activations, derivatives, softmax, the update and the costs: WASM against Math and the TypeScript
// kernels. Transcendentals are polynomial approximations, held to 1e-13 relative over wide ranges
// and the extremes (±700 and beyond, ±20, 0, subnormals, ±∞, NaN); outputs that underflow into the
// subnormals can only be as exact as their few bits, so they get one subnormal ulp or two.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsKernels } from '../../../core/engine/kernels';
import { cost } from '../../../core/engine/losses';
import type { Matrix } from '../../../core/engine/matrix';
import type { Activation, LossName } from '../../../core/foundation/model';
import { assertClose, heapMatrix, uniform, wasm } from './helpers';

const EXTREMES = [0, -0, 5e-324, -5e-324, 1e-310, -1e-310, 2.2250738585072014e-308, 1e-300, 1e-20, -1e-8, 0.2499999, 0.25,
  -0.25000001, 0.5, 1, -1, 2, 19.06, -19.07, 20, -20, 36, 700, -700, 708.39, -708.4, 709.78, 709.79, -745.13, -745.14,
  -746, 800, -800, 1e300, -1e300, Infinity, -Infinity, NaN];

/** The extremes, then sweeps over [−r, r] for r in `ranges`. */
function inputs(ranges: number[]): Matrix {
  const values = [...EXTREMES];
  const r = uniform(7);
  for (const range of ranges) for (let i = 0; i < 4001; i++) values.push(range * r());
  const M = heapMatrix(1, values.length);
  M.data.set(values);
  return M;
}

function assertMath(got: Float64Array, x: Float64Array, f: (x: number) => number, what: string): void {
  const want = x.map(f);
  for (let p = 0; p < x.length; p++) {
    const ok = Object.is(got[p], want[p]) || Math.abs(got[p] - want[p]) <= 1e-13 * Math.abs(want[p]) + 2 * Number.MIN_VALUE;
    if (!ok) assert.fail(`${what}(${x[p]}) is ${got[p]}, Math gives ${want[p]}`);
  }
}

const RANGES = [1e-3, 0.3, 1, 20, 40, 750];

test('exp and log stay within 1e-13 of Math.exp and Math.log', () => {
  const { exports: k } = wasm();
  const X = inputs(RANGES);
  const out = heapMatrix(1, X.cols);
  k.exp(out.data.byteOffset, X.data.byteOffset, X.cols);
  assertMath(out.data, X.data, Math.exp, 'exp');
  const positive = heapMatrix(1, X.cols);
  positive.data.set(X.data.map((x, p) => (p < EXTREMES.length ? x : Math.exp(x))));
  k.log(out.data.byteOffset, positive.data.byteOffset, X.cols);
  assertMath(out.data, positive.data, Math.log, 'log');
});

test('sigmoid and tanh stay within 1e-13 of the TypeScript kernels (Math.exp, Math.tanh)', () => {
  const X = inputs(RANGES);
  for (const name of ['sigmoid', 'tanh'] as const) {
    const got = heapMatrix(1, X.cols);
    wasm().kernels.activate({ name }, X, got);
    assertMath(got.data, X.data, name === 'tanh' ? Math.tanh : (z) => 1 / (1 + Math.exp(-z)), name);
  }
});

const ACTIVATIONS: Activation[] = [
  { name: 'sigmoid' }, { name: 'tanh' }, { name: 'relu' }, { name: 'leaky_relu' }, { name: 'leaky_relu', slope: 0.2 },
  { name: 'linear' }, { name: 'softmax' },
];

test('every activation and its derivative match the TypeScript kernels, odd sizes included', () => {
  const r = uniform(8);
  for (const [rows, cols] of [[1, 1], [3, 7], [4, 400], [10, 2001]]) {
    for (const g of ACTIVATIONS) {
      const Z = heapMatrix(rows, cols, () => 8 * r());
      const [A, want] = [heapMatrix(rows, cols), heapMatrix(rows, cols)];
      wasm().kernels.activate(g, Z, A);
      jsKernels.activate(g, Z, want);
      assertClose(A.data, want.data, 1e-13, want.data.map(Math.abs), `${g.name} ${rows}×${cols}`);
      const dA = heapMatrix(rows, cols, r);
      const [dZ, wantDZ] = [heapMatrix(rows, cols), heapMatrix(rows, cols)];
      wasm().kernels.backward(g, Z, want, dA, dZ);
      jsKernels.backward(g, Z, want, dA, wantDZ);
      assertClose(dZ.data, wantDZ.data, 0, 0, `${g.name}′ ${rows}×${cols}`);
    }
  }
});

test('bias add, column sums, update and difference match the TypeScript kernels exactly', () => {
  const r = uniform(9);
  for (const [rows, cols] of [[1, 1], [5, 3], [20, 209]]) {
    const Z = heapMatrix(rows, cols, r), b = heapMatrix(rows, 1, r), X = heapMatrix(rows, cols, r);
    const want = heapMatrix(rows, cols);
    want.data.set(Z.data);
    wasm().kernels.addColumn(Z, b);
    jsKernels.addColumn(want, b);
    assertClose(Z.data, want.data, 0, 0, 'addColumn');
    const [s, wantS] = [heapMatrix(rows, 1), heapMatrix(rows, 1)];
    wasm().kernels.sumColumns(s, Z, 1 / cols);
    jsKernels.sumColumns(wantS, Z, 1 / cols);
    assertClose(s.data, wantS.data, 0, 0, 'sumColumns');
    wasm().kernels.axpy(Z, -0.3, X);
    jsKernels.axpy(want, -0.3, X);
    assertClose(Z.data, want.data, 0, 0, 'axpy');
    const [C, wantC] = [heapMatrix(rows, cols), heapMatrix(rows, cols)];
    wasm().kernels.sub(C, Z, X);
    jsKernels.sub(wantC, Z, X);
    assertClose(C.data, wantC.data, 0, 0, 'sub');
  }
});

test('every cost matches losses.ts to 1e-12, saturated outputs included', () => {
  const r = uniform(10);
  const cases: Array<[LossName, Activation, number]> = [
    ['cross_entropy', { name: 'sigmoid' }, 1], ['cross_entropy', { name: 'sigmoid' }, 3],
    ['softmax_cross_entropy', { name: 'softmax' }, 10], ['mse', { name: 'linear' }, 2], ['mse', { name: 'sigmoid' }, 1],
  ];
  for (const [loss, g, rows] of cases) {
    for (const [cols, spread] of [[1, 3], [401, 3], [2000, 60], [7, 800]]) {
      const Z = heapMatrix(rows, cols, () => spread * r());
      const A = heapMatrix(rows, cols);
      jsKernels.activate(g, Z, A);
      const Y = heapMatrix(rows, cols);
      for (let j = 0; j < cols; j++) {
        const hot = Math.floor(((r() + 1) / 2) * rows);
        for (let i = 0; i < rows; i++) Y.data[i * cols + j] = loss === 'softmax_cross_entropy' ? Number(i === hot) : (r() + 1) / 2 > 0.5 ? 1 : 0;
      }
      const got = wasm().kernels.cost(loss, Z, A, Y);
      const want = cost(loss, Z, A, Y);
      assert.ok(Number.isFinite(got), `${loss} is finite`);
      assert.ok(Math.abs(got - want) <= 1e-12 * Math.abs(want), `${loss} ${rows}×${cols}: ${got} vs ${want}`);
    }
  }
});

test('the optimizers\' moments and step, the dropout mask and the gate products match the TypeScript kernels exactly; Σθ² to 1e-13', () => {
  const r = uniform(11);
  for (const [rows, cols] of [[1, 1], [2, 3], [17, 33], [64, 129]]) {
    const d = heapMatrix(rows, cols, r);
    const [v, wantV] = [heapMatrix(rows, cols, r), heapMatrix(rows, cols)];
    wantV.data.set(v.data);
    wasm().kernels.moment(v, 0.9, d);
    jsKernels.moment(wantV, 0.9, d);
    assertClose(v.data, wantV.data, 0, 0, 'moment');
    const [s, wantS] = [heapMatrix(rows, cols, () => Math.abs(r())), heapMatrix(rows, cols)];
    wantS.data.set(s.data);
    wasm().kernels.moment2(s, 0.999, d);
    jsKernels.moment2(wantS, 0.999, d);
    assertClose(s.data, wantS.data, 0, 0, 'moment2');
    const [theta, wantTheta] = [heapMatrix(rows, cols, r), heapMatrix(rows, cols)];
    wantTheta.data.set(theta.data);
    wasm().kernels.rescaledStep(theta, 0.01, v, s, 1 - 0.9 ** 3, 1 - 0.999 ** 3, 1e-8);
    jsKernels.rescaledStep(wantTheta, 0.01, v, s, 1 - 0.9 ** 3, 1 - 0.999 ** 3, 1e-8);
    assertClose(theta.data, wantTheta.data, 0, 0, 'rescaledStep');
    const D = heapMatrix(rows, cols, () => (r() < 0.6 ? 1 : 0));
    const [out, wantOut] = [heapMatrix(rows, cols), heapMatrix(rows, cols)];
    wasm().kernels.mask(out, theta, D, 0.8);
    jsKernels.mask(wantOut, theta, D, 0.8);
    assertClose(out.data, wantOut.data, 0, 0, 'mask');
    const [product, wantProduct] = [heapMatrix(rows, cols), heapMatrix(rows, cols)];
    wasm().kernels.hadamard(product, theta, d);
    jsKernels.hadamard(wantProduct, theta, d);
    assertClose(product.data, wantProduct.data, 0, 0, 'hadamard');
    // in place with C = out, as a cell's c⟨t⟩ += Γi ⊙ c̃
    wantProduct.data.set(product.data);
    wasm().kernels.hadamard(product, v, d, product);
    jsKernels.hadamard(wantProduct, v, d, wantProduct);
    assertClose(product.data, wantProduct.data, 0, 0, 'hadamard with C');
    const want = jsKernels.sumSquares(theta);
    assert.ok(Math.abs(wasm().kernels.sumSquares(theta) - want) <= 1e-13 * want, 'sumSquares');
  }
});
