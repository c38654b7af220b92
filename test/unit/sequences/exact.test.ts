// Exact sequences (core/engine/accuracy.ts): the share of examples right at every step of a per-step
// output, on hand-made predictions — beside per-step accuracy, which counts every (example, step),
// and through `nn train`'s summary and JSON.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { accuracy, exactSequences, scores } from '../../../core/engine/accuracy';
import { fromRows } from '../../../core/engine/matrix';
import { run } from '../../../core/adapters/cli/train';
import { captured } from '../engine/helpers';

// Three steps of 2 classes, 4 examples (columns), rows (t−1)·2 … t·2 − 1 for step t. Y's classes:
// example 1: 0 0 1; example 2: 1 1 1; example 3: 0 1 0; example 4: 1 0 0.
const Y = fromRows([
  [1, 0, 1, 0], [0, 1, 0, 1],
  [1, 0, 0, 1], [0, 1, 1, 0],
  [0, 0, 1, 1], [1, 1, 0, 0],
]);
// The predictions: example 1 right at every step; example 2 wrong at step 3 only; example 3 wrong
// at step 1 only; example 4 right at every step. Per step 10 of 12 right, exactly 2 of 4 examples.
const A = fromRows([
  [0.9, 0.2, 0.4, 0.3], [0.1, 0.8, 0.6, 0.7],
  [0.7, 0.1, 0.2, 0.6], [0.3, 0.9, 0.8, 0.4],
  [0.2, 0.6, 0.9, 0.8], [0.8, 0.4, 0.1, 0.2],
]);

test('softmax per step: exact counts the examples right at every step, accuracy every (example, step)', () => {
  assert.equal(accuracy('softmax_cross_entropy', A, Y, 3), 10 / 12);
  assert.equal(exactSequences('softmax_cross_entropy', A, Y, 3), 2 / 4);
  assert.deepEqual(scores('softmax_cross_entropy', A, Y, 3), { accuracy: 10 / 12, exact: 0.5 });
});

test('one wrong step anywhere makes the sequence wrong; all right is 1, all wrong at one step is 0', () => {
  assert.equal(exactSequences('softmax_cross_entropy', Y, Y, 3), 1);
  const swapped = fromRows([...[0, 1].map((r) => [...Y.data.subarray(r * 4, r * 4 + 4)]), ...[3, 2, 5, 4].map((r) => [...Y.data.subarray(r * 4, r * 4 + 4)])]);
  assert.equal(exactSequences('softmax_cross_entropy', swapped, Y, 3), 0, 'steps 2 and 3 swapped to the other class in every example');
  assert.equal(accuracy('softmax_cross_entropy', swapped, Y, 3), 1 / 3);
});

test('sigmoid per step: a step is right when every one of its entries is; exact needs every step', () => {
  // 2 steps of 2 sigmoid units, 3 examples
  const Ys = fromRows([[1, 0, 1], [0, 0, 1], [1, 1, 0], [0, 1, 1]]);
  const As = fromRows([[0.9, 0.1, 0.8], [0.2, 0.3, 0.4], [0.7, 0.6, 0.1], [0.1, 0.9, 0.9]]);
  // example 1 right everywhere; example 2 right everywhere; example 3 wrong at step 1's second unit
  assert.equal(exactSequences('cross_entropy', As, Ys, 2), 2 / 3);
  assert.ok(Math.abs(accuracy('cross_entropy', As, Ys, 2)! - 11 / 12) < 1e-15, 'the mean of the steps 5/6 and 1');
});

test('no exact share for one step (it is the accuracy), for mse, or for no examples', () => {
  assert.equal(exactSequences('softmax_cross_entropy', A, Y, 1), undefined);
  assert.equal(exactSequences('mse', A, Y, 3), undefined);
  assert.equal(exactSequences('softmax_cross_entropy', fromRows([[], [], [], [], [], []]), fromRows([[], [], [], [], [], []]), 3), undefined);
  assert.deepEqual(scores('mse', A, Y, 3), { accuracy: undefined, exact: undefined });
});

const dir = mkdtempSync(path.join(tmpdir(), 'nn-exact-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('nn train: a per-step classes output reports exact sequences beside per-step accuracy, in its summary and JSON', async () => {
  const file = path.join(dir, 'reverse.nn');
  writeFileSync(file, `network rev {
  input tokens(steps: 4, vocab: 3)
  embedding 4
  dense 3 softmax
  train {
    data reverse(m: 40, steps: 4, vocab: 3)
    test reverse(m: 20, steps: 4, vocab: 3)
    iterations 3
  }
}
`);
  const json = await captured(run, [file, '--json']);
  assert.equal(json.code, 0);
  const r = JSON.parse(json.out);
  assert.deepEqual(Object.keys(r), ['network', 'iterations', 'costs', 'final_cost', 'train_accuracy', 'test_accuracy', 'train_exact', 'test_exact', 'seconds']);
  for (const key of ['train_exact', 'test_exact']) assert.ok(r[key] >= 0 && r[key] <= 1, key);
  // an exact sequence is right at its every step, so there are never more of them than right steps
  assert.ok(r.train_exact <= r.train_accuracy && r.test_exact <= r.test_accuracy);
  const text = await captured(run, [file]);
  assert.match(text.out, /^train accuracy {2}\d+\.\d\d% per step, exact sequences \d+\.\d\d%$/m);
  assert.match(text.out, /^test accuracy {3}\d+\.\d\d% per step, exact sequences \d+\.\d\d%$/m);
});
