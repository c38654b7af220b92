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
import { weightEntries } from '../../../core/layers';
import { Jobs } from '../../../core/services/session/jobs';
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
    'export: weights must map each key (W1, b1, …) to a Float64Array',
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
    const read = parseWeights(readFileSync(file, 'utf8'), weightEntries(spec));
    assert.deepEqual(Object.keys(read.values ?? {}), ['W1', 'b1', 'W2', 'b2'], JSON.stringify(read.problems));
    j.handle({ type: 'writeWeights', path: dir }); // a folder is no file to replace
    const error = await c.next('error');
    assert.equal(error.kind, 'write');
    j.handle({ type: 'exportWeights' });
    assert.equal((await first(c, 'weights')).iteration, 3, 'the run goes on after a refused write');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a weights file holds what weightEntries names, in its order, l counting pools and flatten', () => {
  const spec = analyzeFile(path.join(ROOT, 'examples', 'digits', 'digits.nn')).networks[0].spec!;
  const weights = Object.fromEntries(weightEntries(spec).map(({ key, shape }) => [key, new Float64Array(shape.reduce((a, d) => a * d, 1))]));
  assert.deepEqual(Object.keys(JSON.parse(weightsText(spec, weights))), ['W1', 'b1', 'W3', 'b3', 'W6', 'b6', 'W7', 'b7', 'W8', 'b8']);
});
