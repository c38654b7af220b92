// The bounded cost history: exact while there is room, then merged neighbours that keep the first
// and last values exactly and the true range of everything in between.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CostHistory, type CostPoint } from '../../../core/engine/history';
import { MAX_RECORDED_COSTS, Trainer } from '../../../core/engine';
import { Rng } from '../../../core/foundation/prng';
import { makeSpec, randomMatrix } from './helpers';

test('every push is its own point while there is room', () => {
  const h = new CostHistory(8);
  [[0, 3], [10, 2], [20, 1]].forEach(([i, J]) => h.push(i, J));
  assert.deepEqual(h.pairs(), [[0, 3], [10, 2], [20, 1]]);
  assert.equal(h.resolution, 1);
  assert.deepEqual(h.at(1), [10, 2, 2, 2]);
});

test('a full history halves its resolution: bounded, first and last exact, every range kept', () => {
  const h = new CostHistory(16);
  const pushed = new Map<number, number>();
  // An oscillating cost, 1234.33 / 15.67, except a dip to 1 at iteration 4321.
  for (let i = 0; i < 10_000; i++) {
    const J = i === 4321 ? 1 : i % 2 ? 15.67 : 1234.33;
    pushed.set(i, J);
    h.push(i, J);
    assert.ok(h.length <= 16);
  }
  const points = h.points();
  assert.deepEqual(points[0], [0, 1234.33, 1234.33, 1234.33], 'the first point stays exact');
  assert.deepEqual(points.at(-1)!.slice(0, 2), [9999, 15.67], 'the last push is the last point');
  for (const [i, J] of points) assert.equal(pushed.get(i), J, `(${i}, ${J}) is a pushed value`);
  for (const [, , lo, hi] of points.slice(1)) assert.deepEqual([lo <= 15.67, hi], [true, 1234.33], 'each merged point spans the swing');
  assert.equal(Math.min(...points.map((p) => p[2])), 1, 'the dip survives in a range');
  assert.ok(h.resolution >= 10_000 / 16);
});

test('changes() says what to replace, so a copy kept by messages stays equal', () => {
  const h = new CostHistory(7);
  const copy: CostPoint[] = [];
  const rng = new Rng(5, 'history');
  for (let i = 0; i < 500; i++) {
    h.push(i, rng.uniform());
    if (rng.uniform() < 0.3) {
      const { from, points } = h.changes();
      copy.splice(from, copy.length, ...points);
      assert.deepEqual(copy, h.points());
    }
  }
});

test('non-finite costs stay as the value but never poison a range', () => {
  const h = new CostHistory(3);
  h.push(0, 2);
  h.push(1, 1, 0.5, 3);
  h.push(2, NaN, NaN, NaN);
  h.push(3, Infinity, 0.25, Infinity);
  assert.deepEqual(h.at(0), [0, 2, 2, 2]);
  assert.deepEqual(h.at(1), [2, NaN, 0.5, 3], 'merged: the NaN cost is kept, its range is the finite one');
  assert.deepEqual(h.at(2), [3, Infinity, 0.25, NaN], 'no finite greatest cost: NaN, not ∞');
});

test('after() lists the points past an iteration', () => {
  const h = new CostHistory(10);
  for (let i = 0; i < 5; i++) h.push(10 * i, i);
  assert.deepEqual(h.after(25).map((p) => p[0]), [30, 40]);
  assert.deepEqual(h.after(40), []);
});

test('the trainer keeps its recorded costs bounded, with the range of the iterations between them', () => {
  const spec = makeSpec([2, 3, 1], ['tanh', 'sigmoid'], 'cross_entropy', { iterations: 2000, logEvery: 7, learningRate: 0.5 });
  const rng = new Rng(9, 't');
  const data = { X: randomMatrix(rng, 2, 16), Y: randomMatrix(rng, 1, 16, 0, 1).data.map(Math.round), m: 16 };
  const every: number[] = [];
  const t = new Trainer(spec, { ...data, Y: { rows: 1, cols: 16, data: data.Y } }, { maxRecorded: 50, onCost: (_i, J) => every.push(J) });
  t.step(2000);
  assert.equal(every.length, 2000, 'onCost sees every iteration');
  assert.ok(t.history.length <= 50);
  let previous = -1;
  for (const [i, J, lo, hi] of t.history.points()) {
    assert.equal(J, every[i]);
    const span = every.slice(previous + 1, i + 1);
    assert.deepEqual([lo, hi], [Math.min(...span), Math.max(...span)], `range of iterations ${previous + 1}…${i}`);
    previous = i;
  }
  assert.equal(previous, 1999);
  assert.ok(MAX_RECORDED_COSTS >= 130_000, 'a 130,000-iteration run with log_every 1 keeps every cost by default');
});
