// A character model from the command line (spec §7, §14): `nn train` on `data text("dinos.txt", …)`
// saves its weights, and `nn sample` draws names from them — the same seed prints the same text, a
// start text is continued, and mistakes are one-line errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as train } from '../../../core/adapters/cli/train';
import { run as sample } from '../../../core/adapters/cli/sample';
import { captured } from '../engine/helpers';

const dir = mkdtempSync(join(tmpdir(), 'nn-sample-'));
copyFileSync(join(__dirname, '..', '..', '..', '..', 'examples', 'dinos', 'dinos.txt'), join(dir, 'dinos.txt'));
const file = join(dir, 'dinos.nn');
writeFileSync(file, `network dinos {
  input tokens(steps: 25, vocab: 27)
  embedding 16
  dense 32 tanh
  dense 27 softmax
  train {
    data text("dinos.txt", steps: 25)
    optimizer adam
    learning_rate 0.01
    batch 64
    iterations 300
    clip 5
    seed 4
  }
}
`);
const weights = join(dir, 'dinos.json');

test('nn train on text(…) end to end: the cost falls from 25·ln 27 and the weights are saved', async () => {
  const r = await captured(train, [file, '--json', '--save-weights', weights]);
  assert.equal(r.code, 0, r.err);
  const result = JSON.parse(r.out) as { costs: Array<[number, number]>; final_cost: number; train_accuracy: number };
  const first = result.costs[0][1];
  assert.ok(Math.abs(first - 25 * Math.log(27)) < 0.5, `first cost ${first}`);
  assert.ok(result.final_cost < 0.75 * first, `cost ${first} → ${result.final_cost}`);
  assert.ok(result.train_accuracy > 0.2, `accuracy over every step ${result.train_accuracy}`);
});

test('nn sample prints names drawn step by step: reproducible by seed, continuing --start', async () => {
  const one = await captured(sample, [file, '--weights', weights, '--length', '200', '--seed', '7']);
  assert.equal(one.code, 0, one.err);
  assert.equal(one.out.length, 201); // 200 characters and the line break that ends the output
  assert.match(one.out, /^[a-z\n]+$/);
  assert.equal((await captured(sample, [file, '--weights', weights, '--length', '200', '--seed', '7'])).out, one.out);
  assert.notEqual((await captured(sample, [file, '--weights', weights, '--length', '200', '--seed', '8'])).out, one.out);
  const started = await captured(sample, [file, '--weights', weights, '--start', 'tyranno', '--length', '30']);
  assert.match(started.out, /^tyranno[a-z\n]{30}\n$/);
});

test('nn sample: a start character the model has never seen, or no --weights, is a one-line error', async () => {
  const bad = await captured(sample, [file, '--weights', weights, '--start', 'T-rex']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /error: the start text has "T", which is not in the model's vocabulary of 27 characters/);
  await assert.rejects(() => sample([file]), /needs --weights W.json/);
});
