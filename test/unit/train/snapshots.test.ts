import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Gate } from '../../../core/services/session/gate';
import { gridInputs, pool, samplePoints } from '../../../core/services/session/snapshots';

const M = (rows: number, cols: number, f: (r: number, c: number) => number) => ({
  rows, cols, data: Float64Array.from({ length: rows * cols }, (_, k) => f(Math.floor(k / cols), k % cols)),
});

test('pool averages blocks down to the cells a canvas can show', () => {
  const W = M(4, 6, (r, c) => 10 * r + c);
  const small = pool(W, 2, 3);
  assert.deepEqual([small.rows, small.cols], [2, 3]);
  // block (0, 0) covers rows 0–1, columns 0–1: (0 + 1 + 10 + 11) / 4
  assert.deepEqual([...small.data], [5.5, 7.5, 9.5, 25.5, 27.5, 29.5]);
  const same = pool(W, 64, 64);
  assert.deepEqual([...same.data], [...W.data], 'small matrices pass unchanged');
  assert.equal(pool(M(20, 12288, () => 1), 64, 64).data.length, 20 * 64);
});

test('grid inputs cover the data with a margin, cell (i, j) at column j·size + i', () => {
  const X = M(2, 3, (r, c) => (r === 0 ? c : 10 * c)); // x in [0, 2], y in [0, 20]
  const { X: G, x, y } = gridInputs(X, 4);
  assert.deepEqual(x, [-0.2, 2.2]);
  assert.deepEqual(y, [-2, 22]);
  assert.equal(G.cols, 16);
  const at = (i: number, j: number) => [G.data[j * 4 + i], G.data[16 + j * 4 + i]];
  assert.deepEqual(at(0, 0).map((v) => +v.toFixed(6)), [0.1, 1]);
  assert.deepEqual(at(3, 1).map((v) => +v.toFixed(6)), [1.9, 7]);
});

test('points: 2-D inputs only, labels as class indices, evenly thinned', () => {
  const X = M(2, 4, (r, c) => r * 100 + c);
  const oneHot = M(3, 4, (r, c) => (r === c % 3 ? 1 : 0));
  const p = samplePoints({ X, Y: oneHot, m: 4 }, 2)!;
  assert.deepEqual([...p.x], [0, 2]);
  assert.deepEqual([...p.y], [100, 102]);
  assert.deepEqual([...p.label], [0, 2]);
  assert.equal(samplePoints({ X: M(3, 4, () => 0), Y: M(1, 4, () => 0), m: 4 }, 10), undefined);
});

test('a gate opens every interval, and less often when what it guards is slow', () => {
  const gate = new Gate(50, 0.1);
  assert.ok(gate.due(0));
  gate.ran(0, 1);
  assert.ok(!gate.due(49) && gate.due(50));
  gate.ran(100, 20); // 20 ms of work may take at most 10% of the time: next after 200 ms
  assert.ok(!gate.due(299) && gate.due(300));
  gate.open();
  assert.ok(gate.due(0));
});
