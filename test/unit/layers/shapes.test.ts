// The layer kinds' shape rules (spec §8): LeNet-5's volumes and 44,426 parameters, the window
// formula in numbers, and each wrong input a kind refuses.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LayerSpec } from '../../../core/foundation/model';
import { lenet as fixture } from '../train/fixtures';
import { features, formula, kindOf, networkShapes, outputSize, samePad, unusedRows, vector, volume } from '../../../core/layers';

const relu = { name: 'relu' } as const;
const lenet = fixture();

test('LeNet-5: every volume, W[1] (5, 5, 1, 6), A[5] of 256 features and 44,426 parameters', () => {
  const shapes = networkShapes(lenet);
  assert.deepEqual(shapes.map((s) => s.output), [
    volume(24, 24, 6), volume(12, 12, 6), volume(8, 8, 16), volume(4, 4, 16),
    vector(256), vector(120), vector(84), vector(10),
  ]);
  assert.deepEqual(shapes[0].parameters, { W: [5, 5, 1, 6], b: [1, 1, 1, 6] });
  assert.equal(shapes[1].parameters, undefined);
  assert.deepEqual(shapes[5].parameters, { W: [120, 256], b: [120, 1] });
  assert.equal(shapes.reduce((sum, s) => sum + s.params, 0), 44426);
  assert.equal(kindOf(lenet.layers[2]).fanIn(lenet.layers[2], volume(12, 12, 6)), 150);
});

test('the window formula, in numbers, and the rows a stride leaves unused', () => {
  assert.equal(outputSize(28, 5, 0, 1), 24);
  assert.equal(formula({ axis: 'n_H', n: 28, f: 5, p: 0, s: 1 }, 1), 'n_H[1] = ⌊(28 + 2·0 − 5)/1⌋ + 1 = 24');
  assert.equal(formula({ axis: 'n_H', n: 4, f: 5, p: 0, s: 1 }, 2), 'n_H[2] = ⌊(4 + 2·0 − 5)/1⌋ + 1 = 0');
  assert.equal(unusedRows(28, 5, 0, 2), 1);
  assert.equal(unusedRows(28, 4, 0, 2), 0);
  assert.equal(samePad(5), 2);
  assert.equal(features(volume(4, 4, 16)), 256);
});

test('each kind refuses the wrong input, and a window larger than its input has no output', () => {
  const conv: LayerSpec = { kind: 'conv2d', filters: 4, activation: relu, f: 5, stride: 1, pad: 0 };
  const small = kindOf(conv).output(conv, volume(4, 6, 3));
  assert.equal(small.output, undefined);
  assert.deepEqual(small.issues, [{ kind: 'too-small', axis: 'n_H', n: 4, f: 5, p: 0, s: 1 }]);
  const strided = kindOf(conv).output({ ...conv, stride: 2 }, volume(28, 28, 1));
  assert.deepEqual(strided.output, volume(12, 12, 4));
  assert.deepEqual(strided.issues.map((i) => i.kind === 'unused' && [i.axis, i.unused]), [['n_H', 1], ['n_W', 1]]);
  assert.deepEqual(kindOf(conv).output(conv, vector(10)).issues.map((i) => i.kind), ['needs-volume']);
  const pool: LayerSpec = { kind: 'avg_pool', f: 2, stride: 2 };
  assert.deepEqual(kindOf(pool).output(pool, volume(8, 8, 3)).output, volume(4, 4, 3));
  const fc: LayerSpec = { kind: 'dense', units: 3, activation: relu };
  assert.deepEqual(kindOf(fc).output(fc, volume(8, 8, 3)).issues.map((i) => i.kind), ['needs-vector']);
  assert.deepEqual(kindOf({ kind: 'flatten' }).output({ kind: 'flatten' }, vector(3)).issues.map((i) => i.kind), ['already-vector']);
});
