import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cost, softplus } from '../../../core/engine/losses';
import { jsKernels as k } from '../../../core/engine/kernels';
import { fromRows, matrix, type Matrix } from '../../../core/engine/matrix';

const act = (name: 'sigmoid' | 'softmax' | 'linear', Z: Matrix): Matrix => {
  const A = matrix(Z.rows, Z.cols);
  k.activate({ name }, Z, A);
  return A;
};

test('cross_entropy equals −(1/m) Σ [Y log A + (1−Y) log(1−A)]', () => {
  const Z = fromRows([[0.3, -1.2, 2.0]]), Y = fromRows([[1, 0, 0]]);
  const A = act('sigmoid', Z);
  const want = -[0, 1, 2].reduce((s, j) => s + Y.data[j] * Math.log(A.data[j]) + (1 - Y.data[j]) * Math.log(1 - A.data[j]), 0) / 3;
  assert.ok(Math.abs(cost('cross_entropy', Z, A, Y) - want) < 1e-15);
});

test('cross_entropy stays finite and right when the sigmoid saturates', () => {
  const Z = fromRows([[800, -800]]), Y = fromRows([[0, 1]]);
  // log(1 − σ(800)) = −800 (to double precision), so J = (800 + 800) / 2.
  assert.equal(cost('cross_entropy', Z, act('sigmoid', Z), Y), 800);
  assert.equal(softplus(-800), 0);
  assert.ok(Math.abs(softplus(0) - Math.LN2) < 1e-16);
});

test('softmax_cross_entropy equals −(1/m) Σ Y log A, and stays finite far from the answer', () => {
  const Z = fromRows([[1, 0.5], [2, -1], [0, 3]]), Y = fromRows([[0, 0], [1, 0], [0, 1]]);
  const A = act('softmax', Z);
  const want = -(Math.log(A.data[2]) + Math.log(A.data[5])) / 2;
  assert.ok(Math.abs(cost('softmax_cross_entropy', Z, A, Y) - want) < 1e-15);
  const far = fromRows([[1000], [-1000]]);
  assert.equal(cost('softmax_cross_entropy', far, act('softmax', far), fromRows([[0], [1]])), 2000);
});

test('mse equals (1/2m) Σ (A − Y)²', () => {
  const Z = fromRows([[1, 2], [3, 5]]), Y = fromRows([[0, 2], [1, 1]]);
  assert.equal(cost('mse', Z, act('linear', Z), Y), (1 + 0 + 4 + 16) / 4);
});
