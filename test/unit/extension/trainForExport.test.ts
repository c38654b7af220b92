// An ONNX export from the palette trains first, as `nn export --to onnx` does (issue 24.6): the
// question asked before the save dialog is plain text (a modal shows backticks literally), and the
// training thread the panel uses trains to the last iteration and hands back those weights.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeFile } from '../../../core/language';
import { train } from '../../../core/engine';
import { loadWithinMemory } from '../../../core/services/session/limits';
import { initialWeights } from '../../../core/services/session/initial';
import { trainFirstQuestion, trainForExport } from '../../../extension/trainForExport';

const ROOT = path.resolve(__dirname, '../../../..');
const SCRIPT = path.join(ROOT, 'dist', 'worker.js');

function planar(iterations: number) {
  const spec = analyzeFile(path.join(ROOT, 'examples', 'planar.nn')).networks[0].spec!;
  return { ...spec, train: { ...spec.train, iterations } };
}

test('the question says the network is trained first, how long, and has no markdown', () => {
  const text = trainFirstQuestion(planar(10000));
  assert.match(text, /network ‘planar’ is trained first \(10,000 iterations\), as nn export --to onnx does/);
  assert.doesNotMatch(text, /[`*_]/);
});

test('the training thread trains to the end and hands back the weights nn export would use', async () => {
  assert.ok(existsSync(SCRIPT), 'dist/worker.js is missing: run `npm run build` first');
  const spec = planar(300);
  const seen: number[] = [];
  const trained = (await trainForExport(SCRIPT, spec, { onProgress: (i) => seen.push(i) }))!;
  assert.equal(trained.iteration, 300);
  assert.ok(seen.length > 0 && seen.every((i) => i <= 300));
  const cli = train(spec, loadWithinMemory(spec), { initial: initialWeights(spec) });
  assert.deepEqual(trained.weights, cli.weights, 'the same weights as the CLI trains');
});

test('aborting the signal ends the training with no weights', async () => {
  const abort = new AbortController();
  const r = await trainForExport(SCRIPT, planar(10_000_000), { signal: abort.signal, onProgress: () => abort.abort() });
  assert.equal(r, undefined);
});
