// "Check Gradients" as a job of the worker protocol (dist/worker.js, made by `npm run build`) as the
// command runs it: a result for a network with data, a sentence (no stack) for data that cannot be
// read, progress as it goes, and Cancel that ends it at once.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeFile } from '../../../core/language';
import { checkInWorker } from '../../../extension/gradcheck/run';

const ROOT = path.resolve(__dirname, '../../../..');
const SCRIPT = path.join(ROOT, 'dist', 'worker.js');

function planar() {
  const spec = analyzeFile(path.join(ROOT, 'examples', 'planar.nn')).networks[0].spec;
  assert.ok(spec);
  return spec;
}

test('the worker checks a network and resolves with the result', async () => {
  assert.ok(existsSync(SCRIPT), 'dist/worker.js is missing: run `npm run build` first');
  const r = (await checkInWorker(SCRIPT, planar()))!;
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

test('the worker reports its progress up to the total and takes an entries option', async () => {
  const seen: Array<[number, number]> = [];
  const r = (await checkInWorker(SCRIPT, planar(), 7, { onProgress: (done, total) => seen.push([done, total]) }))!;
  assert.equal(r.checked + r.atKinks, 7);
  assert.ok(seen.length > 0 && seen.every(([, total]) => total === 7), JSON.stringify(seen));
  assert.deepEqual(seen.at(-1), [7, 7]);
});

test('aborting the signal resolves with no result while the thread is still checking', async () => {
  const abort = new AbortController();
  const spec = analyzeFile(path.join(ROOT, 'examples', 'digits', 'digits.nn')).networks[0].spec!;
  // 20,000 entries of LeNet-5 take minutes: aborted after its first progress, it must end at once.
  const r = await checkInWorker(SCRIPT, spec, 20_000, { signal: abort.signal, onProgress: () => abort.abort() });
  assert.equal(r, undefined);
});

test('a network no checker made, or a bad entries count, is refused in a sentence before any data loads', async () => {
  const spec = planar();
  const broken = { ...spec, layers: [{ kind: 'dense', units: -4, activation: { name: 'tanh' } }, spec.layers[1]] } as unknown as typeof spec;
  await assert.rejects(checkInWorker(SCRIPT, broken), (e: Error) => /^the network is not one the checker resolved: layer 1's shapes are not whole numbers/.test(e.message));
  await assert.rejects(checkInWorker(SCRIPT, spec, 2.5), (e: Error) => e.message === 'gradcheck: entries must be a whole number of at least 1, not 2.5');
});

test('a data set the machine has no room for is refused with the figure before it loads', async () => {
  const spec = planar();
  // 10⁹ generated examples: refused by the footprint before the generator makes any
  const huge = { ...spec, train: { ...spec.train, data: { kind: 'generator', name: 'flower', args: { m: 1e9, noise: 0.2 } } } } as typeof spec;
  await assert.rejects(checkInWorker(SCRIPT, huge), (e: Error) => /^checking the gradients of `planar` needs .* but this machine has about/.test(e.message));
});
