// The checker's weights-file check for conv networks (spec §8 "Weights files"): W<l> nested
// (f, f, n_C[l−1], n_C[l]), b<l> nested (1, 1, 1, n_C[l]); pools and flatten have no keys.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeWith } from './helpers';

const text = [
  'network n {', '  input (4, 4, 1)', '  conv2d 2 relu f: 3', '  max_pool f: 2', '  flatten', '  dense 1 sigmoid',
  '  train {', '    data "d.csv"', '    weights "w.json"', '  }', '}', '',
].join('\n');
const csv = '0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1\n';

/** A nested array of `shape` filled with `v`. */
const nested = (shape: number[], v = 0.5): unknown => (shape.length === 0 ? v : Array.from({ length: shape[0] }, () => nested(shape.slice(1), v)));
const good = { W1: nested([3, 3, 1, 2]), b1: nested([1, 1, 1, 2]), W4: nested([1, 2]), b4: nested([1, 1]) };

const check = (weights: object) => analyzeWith(text, { 'd.csv': csv, 'w.json': JSON.stringify(weights) }).diagnostics;

test('a conv network\'s weights file with keys W1, b1, W4, b4 (pools and flatten skipped) checks clean', () => {
  assert.deepEqual(check(good), []);
});

test('a conv W of the wrong 4-tuple, a key for a pool, a missing b are reported on the weights line', () => {
  const found = check({ ...good, W1: nested([3, 3, 2, 2]), W2: nested([1, 1]), b4: undefined });
  const byCode = Object.fromEntries(found.map((d) => [d.code, d]));
  assert.deepEqual(found.map((d) => d.range.start.line), [9, 9, 9]);
  assert.match(byCode.NN509.message, /w\.json: W1 is \(3, 3, 2, 2\) but must be \(3, 3, 1, 2\)/);
  assert.match(byCode.NN508.message, /W2/);
  assert.match(byCode.NN507.message, /b4/);
});
