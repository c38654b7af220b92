// A conv network in the training session, as the worker runs it: the grid of images with `started`,
// filters, feature maps and predictions with every snapshot, `showExample` answered at once.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TrainingSession } from '../../../core/services/session';
import { bars, Collector, tinyConv } from './fixtures';

/** bars(40) as a CSV file (one example a row: 16 pixels, then the label), held out a quarter of as the test set. */
function barsSpec(iterations: number) {
  const { X, Y, m } = bars(40);
  const rows = Array.from({ length: m }, (_, i) => [...Array.from({ length: 16 }, (_, p) => X.data[p * m + i]), Y.data[i]].join(','));
  const file = join(mkdtempSync(join(tmpdir(), 'nn-convsession-')), 'bars.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
  const spec = tinyConv({ kind: 'csv', path: file }, { kind: 'fraction', value: 0.25 });
  spec.train.iterations = iterations;
  return spec;
}

test('a conv run sends its images once, then filters, maps and predictions with each snapshot', async () => {
  const c = new Collector();
  const s = new TrainingSession(c.post, { sliceMs: 60_000 });
  s.handle({ type: 'start', spec: barsSpec(30) });
  const done = await c.next('done');
  assert.equal(done.reason, 'completed', JSON.stringify(c.of('error')));
  const [started] = c.of('started');
  assert.equal(started.images?.set, 'test');
  assert.equal(started.images?.indices.length, 10, 'a quarter of 40 held out, all in the grid');
  assert.equal(started.images?.pixels.length, 10 * 16);
  const snapshots = c.of('snapshot');
  const last = snapshots.at(-1)!;
  assert.equal(last.iteration, 30);
  assert.deepEqual(last.conv?.filters.map((f) => [f.l, f.f, f.channels, f.filters]), [[1, 3, 1, 2]]);
  assert.deepEqual(last.conv?.maps.map((m) => [m.l, m.n_H, m.n_W, m.n_C]), [[0, 4, 4, 1], [1, 2, 2, 2], [2, 1, 1, 2]]);
  assert.equal(last.conv?.example, 0, 'the first test example by default');
  assert.equal(last.conv?.predicted?.length, 10);
  assert.ok(snapshots.length < 30, `snapshots are throttled, not per iteration: ${snapshots.length} for 30 iterations`);
});

test('showExample answers with that example’s maps at once; a bad index is refused; Reset keeps the choice', () => {
  const c = new Collector();
  const s = new TrainingSession(c.post, { sliceMs: 60_000 });
  s.handle({ type: 'start', spec: barsSpec(1000), options: { paused: true } });
  assert.equal(s.state, 'paused', JSON.stringify(c.of('error'))); // a paused start reports at once
  const before = c.of('snapshot').length;
  s.handle({ type: 'showExample', index: 6 });
  const shown = c.of('snapshot').slice(before);
  assert.equal(shown.length, 1, 'one snapshot answers it');
  assert.equal(shown[0].conv?.example, 6);
  const first = c.of('snapshot')[0].conv!.maps[0].data;
  assert.notDeepEqual(shown[0].conv!.maps[0].data, first, 'example 6 is another image than example 0');
  s.handle({ type: 'showExample', index: 10 });
  assert.match(c.of('error').at(-1)!.message, /the test set has 10 examples \(0 to 9\), not 11/);
  assert.equal(s.state, 'paused', 'a refused showExample leaves the run as it was');
  s.handle({ type: 'reset' });
  assert.equal(c.of('snapshot').at(-1)!.conv?.example, 6);
  s.handle({ type: 'stop' });
});

test('a dense network’s snapshots carry no conv part and its start no images', async () => {
  const c = new Collector();
  const s = new TrainingSession(c.post, { sliceMs: 60_000 });
  const spec = barsSpec(5);
  s.handle({ type: 'start', spec: { ...spec, image: undefined, layers: [{ kind: 'dense', units: 1, activation: { name: 'sigmoid' } }] } });
  await c.next('done');
  assert.equal(c.of('started')[0].images, undefined);
  assert.ok(c.of('snapshot').every((r) => r.conv === undefined));
  s.handle({ type: 'showExample', index: 0 });
  assert.match(c.of('error').at(-1)!.message, /showExample: the network has no image input/);
});
