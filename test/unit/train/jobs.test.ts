// core/services/session/jobs.ts: one protocol for every job of the worker thread. Each job resolves
// its network once and checks memory before it loads data; errors have one shape for all of them;
// Save Weights is written by the thread in the resolved network's layout (issue 19 item 3).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseWeights } from '../../../core/data/weights';
import { analyzeFile } from '../../../core/language';
import { Jobs } from '../../../core/services/session/jobs';
import { resolveNetwork } from '../../../core/services/session/resolve';
import { weightsText } from '../../../core/services/session/weightsFile';
import { Collector, planar } from './fixtures';

const ROOT = path.resolve(__dirname, '../../../..');

function jobs(memory?: () => number) {
  const c = new Collector();
  return { c, j: new Jobs(c.post, { sliceMs: 60_000, ...(memory ? { memory } : {}) }) };
}

/** The first report of `type`, whether the job posted it at once (start, gradcheck) or later (export, a write). */
async function first<T extends Parameters<Collector['of']>[0]>(c: Collector, type: T) {
  return c.of(type)[0] ?? c.next(type);
}

/** A data set of 10⁹ generated examples: a job that made it before asking would run out of memory first. */
const unreadable = { kind: 'generator', name: 'flower', args: { m: 1e9, noise: 0.2 } } as const;

test('every job checks memory before it loads data, with the same sentence shape', async () => {
  const tiny = () => 1000; // bytes: nothing fits
  for (const [job, words] of [
    [{ type: 'start', spec: planar({ data: unreadable }) }, /^training `planar` needs/],
    [{ type: 'gradcheck', spec: planar({ data: unreadable }) }, /^checking the gradients of `planar` needs/],
    [{ type: 'export', spec: planar({ data: unreadable }), target: 'onnx', out: '/nonexistent/planar.onnx', source: '/nonexistent/planar.nn' }, /^training `planar` needs/],
  ] as const) {
    const { c, j } = jobs(tiny);
    j.handle(job);
    const error = await first(c, 'error');
    assert.equal(error.kind, 'data', job.type);
    assert.match(error.message, words, job.type);
    assert.match(error.message, /m = 1000000000\): .* but this machine has about 1.0 kB available/, job.type);
  }
});

test('a network no checker made is refused by every job in the same words', async () => {
  const broken = { ...planar(), layers: [{ kind: 'dense', units: 0, activation: { name: 'tanh' } }] };
  for (const job of [
    { type: 'start', spec: broken },
    { type: 'gradcheck', spec: broken },
    { type: 'export', spec: broken, target: 'pytorch', out: '/nonexistent/b.py', source: '/nonexistent/b.nn' },
  ]) {
    const { c, j } = jobs();
    j.handle(job);
    const error = await first(c, 'error');
    assert.equal(error.kind, 'data');
    assert.match(error.message, /the network is not one the checker resolved: layer 1's shapes are not whole numbers/, job.type);
  }
});

test('malformed jobs are protocol errors', () => {
  const { c, j } = jobs();
  j.handle({ type: 'gradcheck', spec: planar(), entries: 0 });
  j.handle({ type: 'export', spec: planar(), target: 'keras', out: '/a.py', source: '/a.nn' });
  j.handle({ type: 'export', spec: planar(), target: 'pytorch', out: 'relative.py', source: '/a.nn' });
  j.handle({ type: 'export', spec: planar(), target: 'onnx', out: '/a.onnx', source: '/a.nn', weights: { W: [[1]], b: [] } });
  j.handle({ type: 'writeWeights', path: 'w.json' });
  j.handle({ type: 'gradcheck', spec: 'planar' });
  assert.deepEqual(c.of('error').map((e) => e.kind), ['protocol', 'protocol', 'protocol', 'protocol', 'protocol', 'protocol']);
  assert.deepEqual(c.of('error').map((e) => e.message), [
    'gradcheck: entries must be a whole number of at least 1, not 0',
    'export: target must be "pytorch" or "onnx", not "keras"',
    'export: out and source must be absolute paths',
    'export: weights must hold as many W as b, each a Float64Array',
    'writeWeights: path must be an absolute path',
    'gradcheck: spec must be a checked NetworkSpec',
  ]);
});

test('the gradcheck job reports its progress, then its result', () => {
  const { c, j } = jobs();
  j.handle({ type: 'gradcheck', spec: planar({ data: { kind: 'generator', name: 'flower', args: { m: 40, noise: 0.2 } } }), entries: 5 });
  const [checked] = c.of('checked');
  assert.equal(checked.result.network, 'planar');
  assert.equal(checked.result.verdict, 'fine');
  assert.deepEqual(c.of('advanced').at(-1), { type: 'advanced', done: 5, total: 5 });
});

test('Save Weights: the thread writes W and b of the iteration it reports, in the layout nn train reads back', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nn-jobs-'));
  try {
    const { c, j } = jobs();
    const spec = planar({ iterations: 3 });
    j.handle({ type: 'start', spec });
    await c.next('done');
    const file = path.join(dir, 'planar.weights.json');
    j.handle({ type: 'writeWeights', path: file });
    const saved = await c.next('saved');
    assert.deepEqual(saved, { type: 'saved', path: file, iteration: 3 });
    const layers = (resolveNetwork(spec) as Exclude<ReturnType<typeof resolveNetwork>, string>).layers;
    const read = parseWeights(readFileSync(file, 'utf8'), layers.map((l) => l.parameters));
    assert.equal(read.values?.W.length, 2);
    j.handle({ type: 'writeWeights', path: dir }); // a folder is no file to replace
    const error = await c.next('error');
    assert.equal(error.kind, 'write');
    j.handle({ type: 'exportWeights' });
    assert.equal((await first(c, 'weights')).iteration, 3, 'the run goes on after a refused write');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a weights file lays out W[l] and b[l] of the layers that have them; l counts pools and flatten', () => {
  const spec = analyzeFile(path.join(ROOT, 'examples', 'digits', 'digits.nn')).networks[0].spec!;
  const { layers } = resolveNetwork(spec) as Exclude<ReturnType<typeof resolveNetwork>, string>;
  assert.deepEqual(layers.map((l) => l.parameters?.W), [[5, 5, 1, 6], undefined, [5, 5, 6, 16], undefined, undefined, [120, 256], [84, 120], [10, 84]]);
  const W = layers.map((l) => new Float64Array(l.parameters ? l.parameters.W.reduce((a, d) => a * d, 1) : 0));
  const b = layers.map((l) => new Float64Array(l.parameters ? l.parameters.b.reduce((a, d) => a * d, 1) : 0));
  assert.deepEqual(Object.keys(JSON.parse(weightsText(layers, { W, b }))), ['W1', 'b1', 'W3', 'b3', 'W6', 'b6', 'W7', 'b7', 'W8', 'b8']);
});
