// A non-finite cost names what overflowed, and blames α only when an update could have caused it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Trainer } from '../../../core/engine';
import { fromRows } from '../../../core/engine/matrix';
import { divergenceMessage } from '../../../core/services/session/divergence';
import { makeSpec } from '../engine/helpers';

const X = fromRows([[1, -2, 3, -4], [0.5, -0.5, 2, -3]]);
const Y = fromRows([[1, 0, 1, 0]]);
const data = { X, Y, m: 4 };
// relu passes an overflow on (tanh would squash ∞ back to 1).
const spec = (hidden: Parameters<typeof makeSpec>[1][number] = 'relu', learningRate = 0.1) =>
  makeSpec([2, 3, 1], [hidden, 'sigmoid'], 'cross_entropy', { iterations: 100, learningRate });
const initial = (w: number) => ({ W1: new Float64Array(6).fill(w), b1: new Float64Array(3), W2: new Float64Array(3).fill(0.1), b2: new Float64Array(1) });

test('weights of 1e308: Z[1] overflows in the first forward pass, and α is not to blame', () => {
  const r = new Trainer(spec(), data, { initial: initial(1e308) }).step(1);
  assert.equal(r.diverged, true);
  assert.deepEqual(r.cause, { what: 'Z', l: 1, beforeUpdate: true });
  const text = divergenceMessage(r.cost, r.iteration, 0.1, r.cause);
  assert.match(text, /iteration 0, in the first forward pass, before any update: Z\[1\] = W\[1\]·A\[0\] \+ b\[1\] overflowed/);
  assert.match(text, /the learning rate is not to blame/);
  assert.doesNotMatch(text, /smaller learning rate/);
});

test('leaky_relu(1e308): A[1] overflows though Z[1] is finite', () => {
  const r = new Trainer(spec({ name: 'leaky_relu', slope: 1e308 }), data, { initial: initial(1) }).step(1);
  assert.deepEqual(r.cause, { what: 'A', l: 1, beforeUpdate: true });
  assert.match(divergenceMessage(r.cost, r.iteration, 0.1, r.cause), /A\[1\] = g\(Z\[1\]\) overflowed.*not to blame.*leaky_relu/);
});

test('an infinite example (a CSV cell 1e999) is the data\'s fault', () => {
  const bad = fromRows([[1, -2, Infinity, -4], [0.5, -0.5, 2, -3]]);
  const r = new Trainer(spec(), { X: bad, Y, m: 4 }, { initial: initial(1) }).step(1);
  assert.deepEqual(r.cause, { what: 'X', beforeUpdate: true });
  assert.match(divergenceMessage(r.cost, r.iteration, 0.1, r.cause), /examples X hold a value that is not finite.*1e999.*Check the data/);
});

test('a cost that blows up after updates is α\'s doing, and the hint is a smaller α', () => {
  const r = new Trainer(makeSpec([2, 8, 1], ['relu', 'linear'], 'mse', { iterations: 1000, learningRate: 50 }), data).step(1000);
  assert.equal(r.diverged, true);
  assert.ok(r.iteration > 0);
  assert.equal(r.cause?.beforeUpdate, false);
  const text = divergenceMessage(r.cost, r.iteration, 50, r.cause);
  assert.match(text, new RegExp(`iteration ${r.iteration}: gradient descent diverged( \\((W|b|Z|A)\\[\\d\\].*\\))?\\. `));
  assert.match(text, /Try a smaller learning rate than α = 50 \(e\.g\. 5\)/);
});
