// "NN: Sample" as a job of the worker protocol (dist/worker.js, made by `npm run build`) as the
// command runs it: the text `nn sample` prints for the same weights and seed, and a sentence (no
// stack) for weights that cannot be read or a network that is not a character model.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeFile } from '../../../core/language';
import { run as train } from '../../../core/adapters/cli/train';
import { run as sample } from '../../../core/adapters/cli/sample';
import { sampleInWorker } from '../../../extension/sample/run';
import { captured } from '../engine/helpers';
import { writeNamesModel } from '../sequences/namesModel';

const ROOT = path.resolve(__dirname, '../../../..');
const SCRIPT = path.join(ROOT, 'dist', 'worker.js');
const dir = mkdtempSync(path.join(tmpdir(), 'nn-sample-job-'));
const file = writeNamesModel(dir, `
  iterations 40
  seed 2
`);
const weights = path.join(dir, 'names.json');
const spec = () => analyzeFile(file).networks[0].spec!;

test('the worker samples what `nn sample` prints for the same weights and seed', async () => {
  assert.ok(existsSync(SCRIPT), 'dist/worker.js is missing: run `npm run build` first');
  assert.equal((await captured(train, [file, '--save-weights', weights])).code, 0);
  const text = await sampleInWorker(SCRIPT, spec(), { weights, seed: 9, length: 30 });
  const cli = await captured(sample, [file, '--weights', weights, '--seed', '9', '--length', '30']);
  assert.equal(cli.code, 0, cli.err);
  assert.equal(text!.length, 30);
  assert.equal(cli.out, text!.endsWith('\n') ? text : `${text}\n`);
});

test('weights that cannot be read, and a network that is not a character model, reject with a sentence', async () => {
  await assert.rejects(sampleInWorker(SCRIPT, spec(), { weights: path.join(dir, 'none.json') }),
    (e: Error) => e.message.includes('cannot read the weights file') && !e.message.includes('    at '));
  const planar = analyzeFile(path.join(ROOT, 'examples', 'planar.nn')).networks[0].spec!;
  await assert.rejects(sampleInWorker(SCRIPT, planar, { weights }), (e: Error) => e.message === 'network planar does not learn from text: sampling needs `data text("FILE", steps: T)` for its characters');
  await assert.rejects(sampleInWorker(SCRIPT, spec(), { weights: 'names.json' }), (e: Error) => e.message === 'sample: weights must be an absolute path');
});
