import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Activation } from '../../../core/foundation/model';
import { jsKernels as k } from '../../../core/engine/kernels';
import { fromRows, matrix, type Matrix } from '../../../core/engine/matrix';

const z = fromRows([[-3, -0.5, 0.25, 2]]);
const apply = (g: Activation, Z: Matrix): number[] => {
  const A = matrix(Z.rows, Z.cols);
  k.activate(g, Z, A);
  return Array.from(A.data);
};

test('each activation computes its formula', () => {
  const cases: Array<[Activation, (x: number) => number]> = [
    [{ name: 'sigmoid' }, (x) => 1 / (1 + Math.exp(-x))],
    [{ name: 'tanh' }, Math.tanh],
    [{ name: 'relu' }, (x) => Math.max(0, x)],
    [{ name: 'leaky_relu' }, (x) => (x > 0 ? x : 0.01 * x)],
    [{ name: 'leaky_relu', slope: 0.2 }, (x) => (x > 0 ? x : 0.2 * x)],
    [{ name: 'linear' }, (x) => x],
  ];
  for (const [g, f] of cases) {
    apply(g, z).forEach((a, p) => assert.ok(Math.abs(a - f(z.data[p])) < 1e-15, `${g.name}(${z.data[p]})`));
  }
});

test('softmax normalises each column and survives huge inputs', () => {
  const Z = fromRows([[1, 1000, -1000], [2, 1000, -1001], [3, 999, -1002]]);
  const A = apply({ name: 'softmax' }, Z);
  const col = (j: number) => [A[j], A[3 + j], A[6 + j]];
  const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
  col(0).forEach((a, i) => assert.ok(Math.abs(a - e[i] / (e[0] + e[1] + e[2])) < 1e-15));
  for (const j of [1, 2]) {
    assert.ok(col(j).every(Number.isFinite), `column ${j} finite`);
    assert.ok(Math.abs(col(j).reduce((x, y) => x + y) - 1) < 1e-15);
  }
  assert.ok(Math.abs(col(1)[0] - 1 / (2 + Math.exp(-1))) < 1e-15);
});

test('each backward pass equals dA times the numerical derivative (softmax: its Jacobian-vector product)', () => {
  const h = 1e-6;
  const Z = fromRows([[-1.3, 0.4, 2.1], [0.7, -0.2, 0.05], [1.5, -2.5, 0.3]]);
  const dA = fromRows([[0.3, -1.2, 0.8], [1.1, 0.5, -0.4], [-0.6, 0.9, 0.2]]);
  const acts: Activation[] = [{ name: 'sigmoid' }, { name: 'tanh' }, { name: 'relu' }, { name: 'leaky_relu', slope: 0.3 },
    { name: 'linear' }, { name: 'softmax' }];
  for (const g of acts) {
    const A = matrix(3, 3), dZ = matrix(3, 3);
    k.activate(g, Z, A);
    k.backward(g, Z, A, dA, dZ);
    // Numerical: dZ[p] = Σ_q dA[q]·∂A[q]/∂Z[p], by centred differences on Z[p].
    for (let p = 0; p < 9; p++) {
      const plus = fromRows([[0, 0, 0], [0, 0, 0], [0, 0, 0]]), minus = fromRows([[0, 0, 0], [0, 0, 0], [0, 0, 0]]);
      plus.data.set(Z.data); minus.data.set(Z.data);
      plus.data[p] += h; minus.data[p] -= h;
      const ap = apply(g, plus), am = apply(g, minus);
      const num = ap.reduce((s, a, q) => s + dA.data[q] * (a - am[q]) / (2 * h), 0);
      assert.ok(Math.abs(dZ.data[p] - num) < 1e-8, `${g.name} at ${p}: ${dZ.data[p]} vs ${num}`);
    }
  }
});
