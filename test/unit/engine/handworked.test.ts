// A 2-1 network, one step, with numbers worked out by hand.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Trainer } from '../../../core/engine';
import { fromRows } from '../../../core/engine/matrix';
import { byKey, makeSpec } from './helpers';

// Two examples as columns: x(1) = (1, 0), x(2) = (2, 1).
const X = fromRows([[1, 2], [0, 1]]);
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-14, `${a} vs ${b}`);

test('linear + mse, one step of gradient descent by hand', () => {
  // W = [1, 2], b = 0.5, Y = [1, 4]:
  //   Z = W·X + b = [1 + 0.5, 2 + 2 + 0.5] = [1.5, 4.5] = A;  A − Y = [0.5, 0.5]
  //   J = (1/(2·2))·(0.25 + 0.25) = 0.125
  //   dW = (1/2)·dZ·Xᵀ = (1/2)·[0.5·1 + 0.5·2, 0.5·0 + 0.5·1] = [0.75, 0.25];  db = (1/2)·(0.5 + 0.5) = 0.5
  //   α = 0.1: W = [1 − 0.075, 2 − 0.025] = [0.925, 1.975];  b = 0.5 − 0.05 = 0.45
  //   then Z = [0.925 + 0.45, 1.85 + 1.975 + 0.45] = [1.375, 4.275];  A − Y = [0.375, 0.275]
  //   J = (1/4)·(0.140625 + 0.075625) = 0.0540625
  const spec = makeSpec([2, 1], ['linear'], 'mse', { learningRate: 0.1, iterations: 2, logEvery: 1 });
  const t = new Trainer(spec, { X, Y: fromRows([[1, 4]]), m: 2 }, { initial: byKey([Float64Array.of(1, 2)], [Float64Array.of(0.5)]) });
  const first = t.step(1);
  assert.deepEqual([first.iteration, first.diverged], [0, false]);
  close(first.cost, 0.125);
  const { W, b } = t.layerMatrices();
  close(W[0].data[0], 0.925);
  close(W[0].data[1], 1.975);
  close(b[0].data[0], 0.45);
  t.step(1);
  close(t.costs[1][1], 0.0540625);
  assert.equal(t.done, true);
});

test('sigmoid + cross_entropy from zero weights, by hand', () => {
  // W = [0, 0], b = 0: Z = 0, A = σ(0) = 0.5 for both; Y = [1, 0]
  //   J = −(1/2)·(log 0.5 + log 0.5) = log 2
  //   dZ = A − Y = [−0.5, 0.5];  dW = (1/2)·[−0.5·1 + 0.5·2, −0.5·0 + 0.5·1] = [0.25, 0.25];  db = 0
  //   α = 2: W = [−0.5, −0.5], b = 0
  const spec = makeSpec([2, 1], ['sigmoid'], 'cross_entropy', { learningRate: 2, iterations: 1, init: { kind: 'zeros' } });
  const t = new Trainer(spec, { X, Y: fromRows([[1, 0]]), m: 2 });
  close(t.step(5).cost, Math.LN2);
  assert.equal(t.iteration, 1);
  const [l1] = t.stats();
  close(l1.dW.mean, 0.25);
  close(l1.dZ.norm, Math.SQRT1_2);
  assert.deepEqual(Array.from(t.layerMatrices().W[0].data), [-0.5, -0.5]);
  assert.deepEqual(Array.from(t.layerMatrices().b[0].data), [0]);
});
