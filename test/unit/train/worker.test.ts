// The real dist/worker.js (run `npm run build` first; `npm test` does) behind the extension's
// WorkerHost: what the panel talks to, minus VS Code.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import type { ResourceLimits } from 'node:worker_threads';
import { WorkerHost } from '../../../extension/train/workerHost';
import type { NetworkSpec } from '../../../core/foundation/model';
import { Collector, planar } from './fixtures';

const script = resolve(__dirname, '../../../../dist/worker.js');
const hosts: WorkerHost[] = [];
after(() => Promise.all(hosts.map((h) => h.dispose())));

function host(path = script, limits?: ResourceLimits) {
  assert.ok(existsSync(path), `${path} is missing: run npm run build`);
  const c = new Collector();
  const h = new WorkerHost(path, c.post, limits);
  hosts.push(h);
  return { c, h };
}

test('the worker trains the planar network: started → progress → done', async () => {
  const { c, h } = host();
  h.send({ type: 'start', spec: planar({ iterations: 1500 }) });
  const done = await c.next('done');
  assert.equal(done.iteration, 1500);
  assert.ok(done.trainAccuracy! > 0.8, `train accuracy ${done.trainAccuracy}`);
  assert.equal(c.reports[0].type, 'started');
  const progress = c.of('progress');
  assert.ok(progress.length >= 2);
  assert.deepEqual(progress.flatMap((p) => p.costs.map(([i]) => i)).slice(0, 3), [0, 100, 200]);
  const grid = c.of('boundary').at(-1)!.grid;
  assert.ok(grid.values instanceof Float32Array && grid.values.length === 1600, 'typed arrays cross the thread');
});

// The latency itself is a benchmark's figure (test/bench/eventloop.mjs); this asserts the stop gets
// through a worker that is busy training, long before the run would end.
test('stop reaches a busy worker and it answers at once', async () => {
  const { c, h } = host();
  h.send({ type: 'start', spec: planar({ iterations: 10_000_000 }) });
  await c.next('progress', (p) => p.iteration > 1000);
  const asked = performance.now();
  h.send({ type: 'stop' });
  const done = await c.next('done');
  const waited = performance.now() - asked;
  assert.equal(done.reason, 'stopped');
  assert.ok(waited < 5000, `stop took ${waited.toFixed(1)} ms`);
});

test('a bad message is answered with a protocol error; the worker lives on', async () => {
  const { c, h } = host();
  h.send({ type: 'bogus' } as never);
  const error = await c.next('error');
  assert.equal(error.kind, 'protocol');
  h.send({ type: 'start', spec: planar({ iterations: 5 }) });
  assert.equal((await c.next('done')).iteration, 5);
  assert.ok(h.running);
});

const fake = (body: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'nn-worker-')), 'worker.js');
  writeFileSync(path, body);
  return path;
};

test('a worker that throws surfaces as a crash error, not a hang', async () => {
  const { c, h } = host(fake(`require('node:worker_threads').parentPort.on('message', () => { throw new Error('kernel exploded'); });`));
  h.send({ type: 'pause' });
  const error = await c.next('error', undefined, 5000);
  assert.equal(error.kind, 'crash');
  assert.match(error.message, /kernel exploded/);
  assert.equal(h.running, false);
});

test('a worker that exits surfaces as a crash error, and the next command starts a fresh one', async () => {
  const { c, h } = host(fake(`const p = require('node:worker_threads').parentPort; p.on('message', (m) => m.type === 'stop' ? process.exit(3) : p.postMessage({ type: 'error', kind: 'protocol', message: 'alive' }));`));
  h.send({ type: 'stop' });
  const error = await c.next('error', undefined, 5000);
  assert.equal(error.kind, 'crash');
  assert.match(error.message, /exit code 3/);
  h.send({ type: 'pause' });
  assert.equal((await c.next('error', undefined, 5000)).message, 'alive');
});

test('dispose ends the thread without a crash report', async () => {
  const { c, h } = host();
  h.send({ type: 'start', spec: planar({ iterations: 10_000_000 }) });
  await c.next('progress');
  await h.dispose();
  const count = c.reports.length;
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(c.reports.length, count);
  assert.equal(c.of('error').length, 0);
});

// Issue 15: the cases that took the whole host process down, or left `stop` unanswered.
test('the 10⁹-feature network of issue 15 is refused in seconds with the figure; the worker lives on', async () => {
  const { c, h } = host();
  const spec: NetworkSpec = {
    ...planar(),
    inputSize: 1_000_000_000,
    layers: [{ kind: 'dense', units: 1, activation: { name: 'sigmoid' } }],
    train: { ...planar().train, data: { kind: 'generator', name: 'blobs', args: { m: 10, classes: 2, features: 1_000_000_000, spread: 1 } } },
  };
  h.send({ type: 'start', spec });
  const error = await c.next('error', undefined, 10_000);
  assert.equal(error.kind, 'data');
  // the engine's footprint against the machine (the checker's NN701 refuses it in the editor before it is ever sent)
  assert.match(error.message, /^training `planar` needs about 184 GB of memory, most of it for the data, X \(1000000000, m = 10\) and Y \(1, m\): 160 GB, but this machine has about/);
  h.send({ type: 'start', spec: planar({ iterations: 5 }) });
  assert.equal((await c.next('done')).iteration, 5);
});

test('stop reaches a worker stepping 10¹⁵ iterations', async () => {
  const { c, h } = host();
  h.send({ type: 'start', spec: planar(), options: { paused: true } });
  h.send({ type: 'setIterations', value: 1e15 });
  h.send({ type: 'step', count: 1e15 });
  await c.next('progress', (p) => p.state === 'running' && p.iteration > 100);
  h.send({ type: 'stop' });
  const done = await c.next('done', undefined, 2000);
  assert.equal(done.reason, 'stopped');
});

test('a worker that outgrows its heap limit is reported as a crash; the host lives on and a new worker trains', async () => {
  // A CSV of many rows is parsed on the JavaScript heap, which 16 MB cannot hold.
  const path = join(mkdtempSync(join(tmpdir(), 'nn-oom-')), 'rows.csv');
  writeFileSync(path, Array.from({ length: 300_000 }, (_, j) => `${j % 7},${j % 5},${j % 2}`).join('\n'));
  const { c, h } = host(script, { maxOldGenerationSizeMb: 16 });
  h.send({ type: 'start', spec: planar({ data: { kind: 'csv', path } }) });
  const error = await c.next('error', undefined, 20_000);
  assert.equal(error.kind, 'crash');
  assert.match(error.message, /ran out of memory \(its limit is 16 MB of JavaScript heap\)/);
  assert.equal(h.running, false);
  h.send({ type: 'start', spec: planar({ iterations: 5 }) });
  assert.equal((await c.next('done')).iteration, 5, 'the next command starts a fresh worker');
});
