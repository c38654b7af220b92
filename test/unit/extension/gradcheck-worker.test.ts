// The "Check Gradients" thread (dist/gradcheckWorker.js, made by `npm run build`) as the command
// runs it: a result for a network with data, a sentence (no stack) for data that cannot be read.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeFile } from '../../../core/language';
import { checkInWorker } from '../../../extension/gradcheck/run';

const ROOT = path.resolve(__dirname, '../../../..');
const SCRIPT = path.join(ROOT, 'dist', 'gradcheckWorker.js');

function planar() {
  const spec = analyzeFile(path.join(ROOT, 'examples', 'planar.nn')).networks[0].spec;
  assert.ok(spec);
  return spec;
}

test('the worker checks a network and resolves with the result', async () => {
  assert.ok(existsSync(SCRIPT), 'dist/gradcheckWorker.js is missing: run `npm run build` first');
  const r = await checkInWorker(SCRIPT, planar());
  assert.equal(r.network, 'planar');
  assert.equal(r.verdict, 'fine');
  assert.deepEqual(r.perParameter.map((p) => `${p.name}${p.l}`), ['W1', 'b1', 'W2', 'b2']);
});

test('data that cannot be read rejects with a sentence', async () => {
  const spec = planar();
  const missing = path.join(ROOT, 'examples', 'no-such-file.csv');
  await assert.rejects(checkInWorker(SCRIPT, { ...spec, train: { ...spec.train, data: { kind: 'csv', path: missing } } as typeof spec.train }),
    (e: Error) => e.message.includes('no-such-file.csv') && !e.message.includes('    at '));
});
