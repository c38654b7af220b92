// The memory estimate (core/engine/footprint.ts, the engine's one count) and the checker's
// NN701/NN702: issue 15 item 1, networks that passed the checker and then killed the process while training.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { examplesOf, networkFootprint } from '../../../core/engine/footprint';
import { formatBytes } from '../../../core/language/memory';
import { analyzeWith, ROOT } from './helpers';

const net = (layers: string[], data: string, extra: string[] = []) =>
  ['network big {', ...layers.map((l) => `  ${l}`), '  train {', `    data ${data}`, ...extra.map((l) => `    ${l}`), '  }', '}', ''].join('\n');

/** The checked spec of planar 2-4-1 on flower(m: 400), with `extra` train settings. */
const planar = (extra: string[] = []) => analyzeWith(net(['input 2', 'dense 4 tanh', 'dense 1 sigmoid'], 'flower(m: 400)', extra)).networks[0].spec!;

test('the estimate counts W, dW and a copy, Z/A/dZ/dA per batch, Z/A for prediction and the data', () => {
  // planar 2-4-1 on m = 400, full batch: by hand, 8 bytes an entry
  const e = networkFootprint(planar(), { m: 400, testM: 0, split: false });
  const params = 3 * (4 * 3 + 1 * 5) * 8;
  const examples = (4 * 400 + 2 * 400) * (4 + 1) * 8;
  const data = (400 + 400) * (2 + 1) * 8; // X and Y, and the batch's copy
  assert.equal(e.bytes, params + examples + data);
  assert.equal(e.dominant.what, 'Z[1], A[1], dZ[1], dA[1] (4, m = 400)');
  // a mini-batch shrinks Z/A/dZ/dA and the batch copy, not the prediction over all m
  const batched = networkFootprint(planar(['batch 40']), { m: 400, testM: 0, split: false });
  assert.equal(batched.bytes, params + (4 * 40 + 2 * 400) * 5 * 8 + (400 + 40) * 3 * 8);
});

test('a test fraction counts the whole set loaded before the split; a test generator its own m', () => {
  const fraction = examplesOf({ data: { kind: 'generator', name: 'flower', args: { m: 1000 } }, test: { kind: 'fraction', value: 0.2 } });
  assert.deepEqual(fraction, { m: 800, testM: 200, split: true });
  const generated = examplesOf({ data: { kind: 'csv', path: '/x.csv' }, test: { kind: 'generator', name: 'moons', args: { m: 50 } } }, 300);
  assert.deepEqual(generated, { m: 300, testM: 50, split: false });
  const unread = examplesOf({ data: { kind: 'csv', path: '/x.csv' } });
  assert.equal(unread.m, 0, 'a CSV not read yet counts no examples');
});

test('sizes read in words', () => {
  assert.equal(formatBytes(512), '512 bytes');
  assert.equal(formatBytes(115608), '116 kB');
  assert.equal(formatBytes(1.56e9), '1.6 GB');
  assert.equal(formatBytes(16e9), '16 GB');
  assert.equal(formatBytes(8.04e14), '804 TB');
  assert.equal(formatBytes(1.9e16), '19 PB');
  assert.equal(formatBytes(2e21), '2.0e+21 bytes');
});

// Every case of issue 15 item 1 passed the checker; each is now an error on the line to change.
const cases: Array<{ name: string; text: string; line: number; figure: string }> = [
  { name: 'input 1000000000 with blobs of 10⁹ features', line: 5, figure: '160 GB',
    text: net(['input 1000000000', 'dense 1 sigmoid'], 'blobs(m: 10, classes: 2, features: 1000000000)') },
  { name: 'dense 1000000000 relu', line: 3, figure: '19 TB',
    text: net(['input 2', 'dense 1000000000 relu', 'dense 1 sigmoid'], 'flower(m: 400)') },
  { name: 'flower(m: 1000000000)', line: 3, figure: '192 GB',
    text: net(['input 2', 'dense 4 tanh', 'dense 1 sigmoid'], 'flower(m: 1000000000)') },
  { name: 'spiral(classes: 1000000000)', line: 4, figure: '14 TB',
    text: net(['input 2', 'dense 4 tanh', 'dense 1000000000 softmax'], 'spiral(classes: 1000000000)') },
  { name: 'input 100000000 and dense 1000 relu', line: 3, figure: '2.4 TB',
    text: net(['input 100000000', 'dense 1000 relu', 'dense 1 sigmoid'], 'blobs(classes: 2, features: 100000000)') },
];

for (const c of cases) {
  test(`NN701: ${c.name} is refused on line ${c.line}, with the figure`, () => {
    const { diagnostics, networks } = analyzeWith(c.text);
    assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${d.code}`), [`${c.line}:NN701`], JSON.stringify(diagnostics));
    assert.match(diagnostics[0].message, new RegExp(`most of it for .*: ${c.figure}`));
    assert.match(diagnostics[0].message, /more than the limit of 16 GB/);
    assert.equal(networks[0].spec, undefined, 'a network over the limit is not trained');
  });
}

test('NN702 warns from 1 GB on, and the network can still be trained', () => {
  const { diagnostics, networks } = analyzeWith(net(['input 2', 'dense 4 tanh', 'dense 1 sigmoid'], 'flower(m: 5000000)'));
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${d.code}`), ['3:NN702']);
  assert.match(diagnostics[0].message, /^training needs about 1\.4 GB of memory, most of it for Z\[1\], A\[1\], dZ\[1\], dA\[1\] \(4, m = 5000000\): 960 MB/);
  assert.ok(networks[0].spec);
});

test('the course networks are far below the warning', () => {
  const { diagnostics } = analyzeWith(net(['input 12288', 'dense 20 relu', 'dense 7 relu', 'dense 5 relu', 'dense 1 sigmoid'], 'blobs(m: 209, classes: 2, features: 12288)'));
  assert.deepEqual(diagnostics, []);
});

test('nn train refuses each issue case at once with the figure, instead of aborting out of memory', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nn-memory-'));
  for (const c of cases) {
    const file = path.join(dir, 'big.nn');
    writeFileSync(file, c.text);
    // A hang or an out-of-memory abort shows as a null status (timeout) or a signal and exit 134.
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'train', file], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 1, `${c.name}: ${r.signal ?? ''} ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`big\\.nn:${c.line}:\\d+: error NN701: training needs about .*: ${c.figure}, more than the limit of 16 GB`), c.name);
    assert.match(r.stderr, /network big has errors, so it was not trained/);
    assert.doesNotMatch(r.stderr, /FATAL|heap out of memory|allocation failed/i);
  }
});

test('a conv layer counts the im2col columns the engine keeps (a block of examples), not m examples of them', () => {
  const lenet = (m: number) => net(['input (28, 28, 1)', 'conv2d 6 relu f: 5', 'max_pool f: 2', 'conv2d 16 relu f: 5', 'max_pool f: 2', 'flatten',
    'dense 120 relu', 'dense 84 relu', 'dense 10 softmax'], `blobs(m: ${m}, classes: 10, features: 784)`, ['batch 32']);
  // 100,000 digits in mini-batches of 32: m windows of 25 for each of the 576 positions would be
  // 11.5 GB per pass, which the engine never holds; nor Z[1] and A[1] for predicting all of them
  // (5.5 GB), which it predicts 256 at a time (issue 19: the checker counts as the engine does).
  const codes = analyzeWith(lenet(100_000)).diagnostics.map((d) => d.code);
  assert.deepEqual(codes, []);
});
