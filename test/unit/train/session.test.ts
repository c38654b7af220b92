// The training session driven in Node against the real engine: the same object the worker runs.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatWeights, parseWeights } from '../../../core/data/weights';
import type { CostPoint } from '../../../core/services/protocol';
import { CHART_POINTS, TrainingSession } from '../../../core/services/session';
import { Collector, exploding, planar } from './fixtures';

function session(options?: ConstructorParameters<typeof TrainingSession>[1]) {
  const c = new Collector();
  return { c, s: new TrainingSession(c.post, options) };
}

/** A step of a few iterations fits in one slice and answers at once; a long slice keeps it so on a busy machine. */
const atOnce = { sliceMs: 60_000 };

test('start → progress → done: every recorded cost arrives once, in order, and the planar net learns', async () => {
  const { c, s } = session();
  s.handle({ type: 'start', spec: planar({ iterations: 3000 }) });
  const done = await c.next('done');
  assert.equal(c.reports[0].type, 'started');
  const started = c.of('started')[0];
  assert.equal(started.m, 400);
  assert.equal(started.points?.x.length, 400);
  assert.equal(done.reason, 'completed');
  assert.equal(done.iteration, 3000);
  const progress = c.of('progress');
  const iterations = progress.map((p) => p.iteration);
  assert.deepEqual(iterations, [...iterations].sort((a, b) => a - b), 'iterations never go back');
  const recorded = progress.flatMap((p) => p.costs.map(([i]) => i));
  assert.deepEqual(recorded, [...Array.from({ length: 30 }, (_, k) => k * 100), 2999]);
  const costs = progress.flatMap((p) => p.costs.map(([, J]) => J));
  assert.ok(costs[costs.length - 1] < costs[0] / 2, `cost falls: ${costs[0]} → ${costs[costs.length - 1]}`);
  assert.ok(done.trainAccuracy! > 0.85, `train accuracy ${done.trainAccuracy}`);
  assert.equal(progress[progress.length - 1].state, 'done');
  assert.equal(progress[progress.length - 1].layers.length, 2);
  assert.deepEqual(c.of('snapshot').at(-1)!.shapes, [[4, 2], [1, 4]]);
  const grid = c.of('boundary').at(-1)!.grid;
  assert.equal(grid.values.length, 40 * 40);
  assert.ok(grid.values.every((p) => p >= 0 && p <= 1), 'sigmoid outputs are probabilities');
});

// How fast a stop is answered is measured by test/bench/eventloop.mjs (about 20 ms); here, on a
// machine that may be busy, only that it is answered between two slices rather than after the run.
test('stop mid-run is answered at once, between two slices, with the numbers so far', async () => {
  const { c, s } = session();
  s.handle({ type: 'start', spec: planar({ iterations: 10_000_000 }) });
  await c.next('progress', (p) => p.iteration > 500);
  const asked = performance.now();
  setImmediate(() => s.handle({ type: 'stop' })); // as a message arrives: between two slices
  const done = await c.next('done');
  const waited = performance.now() - asked;
  assert.equal(done.reason, 'stopped');
  assert.ok(done.iteration > 500 && done.iteration < 10_000_000);
  assert.ok(waited < 5000, `stop took ${waited.toFixed(1)} ms`);
  assert.equal(s.state, 'stopped');
  const before = c.reports.length;
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(c.reports.length, before, 'nothing more after a stop');
});

test('pause holds the iteration, resume carries on to the end', async () => {
  const { c, s } = session();
  s.handle({ type: 'start', spec: planar({ iterations: 4000 }) });
  await c.next('progress', (p) => p.iteration > 0);
  s.handle({ type: 'pause' });
  const paused = c.of('progress').at(-1)!;
  assert.equal(paused.state, 'paused');
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(c.of('progress').at(-1)!.iteration, paused.iteration, 'no step while paused');
  s.handle({ type: 'resume' });
  const done = await c.next('done');
  assert.equal(done.iteration, 4000);
});

test('step runs the asked number of iterations and stays paused', async () => {
  const { c, s } = session(atOnce);
  s.handle({ type: 'start', spec: planar(), options: { paused: true } });
  assert.equal(c.of('progress').at(-1)!.iteration, 0);
  assert.equal(c.of('progress').at(-1)!.cost, undefined, 'no cost before the first step');
  s.handle({ type: 'step' });
  assert.equal(c.of('progress').at(-1)!.iteration, 1);
  assert.equal(c.of('progress').at(-1)!.cost, c.of('progress').at(-1)!.costs[0][1]);
  s.handle({ type: 'step', count: 25 });
  const last = c.of('progress').at(-1)!;
  assert.equal(last.iteration, 26);
  assert.equal(last.state, 'paused');
  assert.deepEqual(last.costs, [], 'iteration 0 was reported with the first step');
  assert.deepEqual(c.of('progress')[1].costs.map(([i]) => i), [0]);
});

test('divergence stops with an error that names the iteration and suggests a smaller α', async () => {
  const { c, s } = session();
  s.handle({ type: 'start', spec: exploding() });
  const error = await c.next('error');
  assert.equal(error.kind, 'divergence');
  const last = c.of('progress').at(-1)!;
  assert.equal(last.state, 'failed');
  assert.ok(!Number.isFinite(last.costs.at(-1)?.[1] ?? last.cost), 'the non-finite cost is reported');
  assert.equal(error.iteration, last.costs.at(-1)![0]);
  assert.match(error.message, new RegExp(`iteration ${error.iteration}\\b`));
  assert.match(error.message, /smaller learning rate/);
  assert.equal(c.of('done').length, 0);
});

test('a new learning rate takes effect at the next step', () => {
  const norms = (lr?: number) => {
    const { c, s } = session(atOnce);
    s.handle({ type: 'start', spec: planar(), options: { paused: true } });
    s.handle({ type: 'step', count: 5 });
    if (lr !== undefined) s.handle({ type: 'setLearningRate', value: lr });
    const before = c.of('progress').at(-1)!;
    s.handle({ type: 'step', count: 20 });
    const after = c.of('progress').at(-1)!;
    return { before, after, c };
  };
  const frozen = norms(1e-12);
  assert.equal(frozen.before.learningRate, 1e-12);
  assert.equal(frozen.after.learningRate, 1e-12);
  assert.ok(Math.abs(frozen.after.layers[0].W.norm - frozen.before.layers[0].W.norm) < 1e-9, 'α ≈ 0 leaves W alone');
  const moving = norms();
  assert.ok(Math.abs(moving.after.layers[0].W.norm - moving.before.layers[0].W.norm) > 1e-3, 'α = 1.2 moves W');
});

test('iterations can be lowered or raised while training', async () => {
  const { c, s } = session(atOnce);
  s.handle({ type: 'start', spec: planar({ iterations: 50 }), options: { paused: true } });
  s.handle({ type: 'setIterations', value: 80 });
  s.handle({ type: 'step', count: 1000 });
  assert.equal(c.of('done')[0].iteration, 80, 'raised: runs to 80');
  assert.equal(c.of('progress').at(-1)!.costs.at(-1)![0], 79, 'the last iteration is recorded');
  s.handle({ type: 'setIterations', value: 90 });
  assert.equal(c.of('progress').at(-1)!.state, 'paused', 'a finished run given more iterations can go on');
  s.handle({ type: 'resume' });
  assert.equal((await c.next('done')).iteration, 90);

  const second = session(atOnce);
  second.s.handle({ type: 'start', spec: planar({ iterations: 1_000_000 }), options: { paused: true } });
  second.s.handle({ type: 'step', count: 30 });
  second.s.handle({ type: 'setIterations', value: 20 });
  assert.equal(second.c.of('done')[0].iteration, 30, 'lowered below the current iteration: done at once');
});

test('reset starts over from the same initial weights', () => {
  const { c, s } = session(atOnce);
  s.handle({ type: 'start', spec: planar(), options: { paused: true } });
  s.handle({ type: 'step', count: 10 });
  const first = c.of('progress')[1].costs[0];
  s.handle({ type: 'setLearningRate', value: 0.5 });
  s.handle({ type: 'reset' });
  assert.equal(c.of('started').length, 2);
  const progress = c.of('progress').at(-1)!;
  assert.equal(progress.iteration, 0);
  assert.equal(progress.state, 'paused');
  assert.equal(progress.learningRate, 0.5, 'a reset keeps the chosen α');
  s.handle({ type: 'step' });
  assert.deepEqual(c.of('progress').at(-1)!.costs[0], first, 'same seed, same initial cost');
});

test('progress is throttled to about 20 messages a second', async () => {
  const { c, s } = session();
  s.handle({ type: 'start', spec: planar({ iterations: 100_000_000 }) });
  await new Promise((r) => setTimeout(r, 1000));
  s.handle({ type: 'stop' });
  const progress = c.of('progress').length;
  // At most 20 a second (and a last one): the throttle. A busy machine can only make it fewer.
  assert.ok(progress >= 2 && progress <= 24, `${progress} progress messages in 1 s`);
  assert.ok(c.of('progress').at(-2)!.iteration > 1000, 'training ran meanwhile');
});

test('data that cannot be loaded is a data error, not a crash', () => {
  const { c, s } = session();
  s.handle({ type: 'start', spec: planar({ data: { kind: 'csv', path: '/nonexistent/planar.csv' } }) });
  const [error] = c.of('error');
  assert.equal(error.kind, 'data');
  assert.match(error.message, /planar\.csv/);
  assert.equal(c.of('started').length, 0);
});

test('malformed messages get a protocol error and the session keeps working', async () => {
  const { c, s } = session();
  s.handle('start');
  s.handle({ type: 'pause' });
  s.handle({ type: 'setLearningRate', value: -1 });
  s.handle({ type: 'launch' });
  assert.deepEqual(c.of('error').map((e) => e.kind), ['protocol', 'protocol', 'protocol', 'protocol']);
  assert.match(c.of('error')[1].message, /no network has been started/);
  s.handle({ type: 'start', spec: planar({ iterations: 10 }) });
  assert.equal((await c.next('done')).iteration, 10);
});

test('exportWeights answers with W and b in full precision', () => {
  const { c, s } = session(atOnce);
  s.handle({ type: 'start', spec: planar(), options: { paused: true } });
  s.handle({ type: 'step', count: 3 });
  s.handle({ type: 'exportWeights' });
  const [w] = c.of('weights');
  assert.equal(w.iteration, 3);
  assert.deepEqual(Object.entries(w.weights).map(([key, a]) => [key, a.length]), [['W1', 8], ['b1', 4], ['W2', 4], ['b2', 1]]);
  assert.ok(w.weights.W1 instanceof Float64Array);
  assert.deepEqual(w.entries, [{ key: 'W1', shape: [4, 2] }, { key: 'b1', shape: [4, 1] }, { key: 'W2', shape: [1, 4] }, { key: 'b2', shape: [1, 1] }]);
  // What "Save weights" writes reads back bit for bit.
  const back = parseWeights(formatWeights(w.weights, w.entries), w.entries);
  assert.deepEqual(back.problems, []);
  assert.deepEqual(back.values, w.weights);
});

test('inputs that are not 2-D get no decision boundary', async () => {
  const { c, s } = session();
  const spec = planar({ data: { kind: 'generator', name: 'blobs', args: { m: 60, classes: 2, features: 3 } }, iterations: 20 });
  s.handle({ type: 'start', spec: { ...spec, inputSize: 3 } });
  await c.next('done');
  assert.equal(c.of('started')[0].points, undefined);
  assert.equal(c.of('boundary').length, 0);
});

test('a weights file gives the initial W and b; one that does not fit is a data error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nn-weights-'));
  const good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify({ W1: [[1, 0], [0, 1], [1, 1], [0, 0]], b1: [[0], [0], [0], [0.5]], W2: [[1, 2, 3, 4]], b2: [[0]] }));
  const { c, s } = session();
  s.handle({ type: 'start', spec: planar({ weights: good }), options: { paused: true } });
  s.handle({ type: 'exportWeights' });
  assert.deepEqual([...c.of('weights')[0].weights.W2], [1, 2, 3, 4]);
  assert.deepEqual([...c.of('weights')[0].weights.b1], [0, 0, 0, 0.5]);

  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ W1: [[1, 0]], b1: [[0]], W2: [[1]], b2: [[0]] }));
  const second = session();
  second.s.handle({ type: 'start', spec: planar({ weights: bad }) });
  const [error] = second.c.of('error');
  assert.equal(error.kind, 'data');
  assert.match(error.message, /W1 is \(1, 2\) but must be \(4, 2\)/);
});

// Issue 19 item 3: a start carries the checker's resolved spec, which the session does not check
// again; its network is resolved once, and what no checker could have made is refused in a sentence.
test('a start no checker could have made is refused in a sentence, before any data is made', () => {
  const layer = (units: unknown, activation: unknown = { name: 'tanh' }, kind: unknown = 'dense') => {
    const spec = planar();
    return { ...spec, layers: [{ kind, units, activation }, spec.layers[1]] };
  };
  const shapes = /layer 1's shapes are not whole numbers of at least 1/;
  const cases: Array<[string, unknown, RegExp]> = [
    ['units 0', layer(0), shapes],
    ['units 2.5', layer(2.5), shapes],
    ['units "4"', layer('4'), shapes],
    ['units -4', layer(-4), shapes],
    ['activation "evil"', layer(4, { name: 'evil' }), /layer 1's activation is none the language has: "evil"/],
    ['kind "qrnn"', layer(4, { name: 'tanh' }, 'qrnn'), /layer 1 is of no registered kind: "qrnn"/],
    ['a cycle', (() => { const spec: Record<string, unknown> = { ...planar() }; spec.layers = [{ kind: 'dense', units: 4, activation: spec }]; return spec; })(), /activation is none the language has: "planar"/],
  ];
  for (const [what, spec, message] of cases) {
    const { c, s } = session();
    s.handle({ type: 'start', spec });
    assert.deepEqual(c.reports.map((r) => r.type), ['error'], what);
    const [error] = c.of('error');
    assert.equal(error.kind, 'data', what);
    assert.match(error.message, /^start: the network is not one the checker resolved: /, what);
    assert.match(error.message, message, what);
  }
});

test('what the checker would not read is not looked at: fields beyond the spec do not stop a run', async () => {
  const { c, s } = session();
  s.handle({ type: 'start', spec: { ...planar({ iterations: 5 }), extra: 'ignored', layers: [{ kind: 'dense', units: 4, activation: { name: 'tanh', evil: true } }, { kind: 'dense', units: 1, activation: { name: 'sigmoid' } }] } });
  assert.equal((await c.next('done')).iteration, 5);
});

test('a step of many iterations runs in slices: it answers at once, honours pause and stop, and ends paused on the iteration asked', async () => {
  const { c, s } = session({ sliceMs: 1 });
  s.handle({ type: 'start', spec: planar({ iterations: 1_000_000 }), options: { paused: true } });
  s.handle({ type: 'step', count: 20_000 });
  const first = c.of('progress').at(-1)!;
  assert.equal(first.state, 'running', 'handle returned after one slice');
  assert.ok(first.iteration < 20_000, `after one slice: ${first.iteration}`);
  const paused = await c.next('progress', (p) => p.state === 'paused');
  assert.equal(paused.iteration, 20_000);
  assert.equal(s.state, 'paused');

  s.handle({ type: 'setIterations', value: 1e15 });
  s.handle({ type: 'step', count: 1e15 });
  await c.next('progress', (p) => p.iteration > 21_000);
  s.handle({ type: 'pause' });
  const held = c.of('progress').at(-1)!;
  assert.equal(held.state, 'paused');
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(c.of('progress').at(-1)!.iteration, held.iteration, 'a pause ends the step');
  s.handle({ type: 'resume' });
  s.handle({ type: 'step', count: 10 }); // running: a step is for a paused run only
  s.handle({ type: 'stop' });
  assert.equal(c.of('done').at(-1)!.reason, 'stopped');
});

// Issue 15 item 1: refused before allocating, with the figure.
test('a run that needs more memory than the machine has is refused before the data is made', () => {
  const { c, s } = session({ memory: () => 50_000 });
  s.handle({ type: 'start', spec: planar() });
  assert.deepEqual(c.reports.map((r) => r.type), ['error']);
  const [error] = c.of('error');
  assert.equal(error.kind, 'data');
  assert.equal(error.message, 'training `planar` needs about 116 kB of memory, most of it for Z[1], A[1], dZ[1], dA[1] (4, m = 400): 77 kB, but this machine has about 50 kB available: use fewer examples m or fewer units n[1]');
  const roomy = session({ memory: () => 200_000 });
  roomy.s.handle({ type: 'start', spec: planar(), options: { paused: true } });
  assert.equal(roomy.c.of('started').length, 1);
});

test('a CSV is measured once read: its rows can make the run too large before the network is allocated', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nn-memory-'));
  const path = join(dir, 'rows.csv');
  writeFileSync(path, Array.from({ length: 400 }, (_, j) => `${j},${-j},${j % 2}`).join('\n'));
  const { c, s } = session({ memory: () => 50_000 });
  s.handle({ type: 'start', spec: planar({ data: { kind: 'csv', path } }) });
  assert.deepEqual(c.reports.map((r) => r.type), ['error']);
  assert.match(c.of('error')[0].message, /^training `planar` needs about 116 kB of memory, .* but this machine has about 50 kB available/);
});

test('a long step cut short by the end of the run leaves no pause behind for a later resume', async () => {
  const { c, s } = session({ sliceMs: 1 });
  s.handle({ type: 'start', spec: planar({ iterations: 5000 }), options: { paused: true } });
  s.handle({ type: 'step', count: 5500 });
  assert.equal((await c.next('done')).iteration, 5000);
  s.handle({ type: 'setIterations', value: 10_000 });
  s.handle({ type: 'resume' });
  assert.equal((await c.next('done')).iteration, 10_000, 'not paused at 5500');
});

/** The chart series and the recorded costs as a receiver rebuilds them from the progress messages. */
function rebuilt(c: Collector) {
  const chart: CostPoint[] = [];
  const costs: Array<[number, number]> = [];
  for (const p of c.of('progress')) {
    chart.splice(p.chart.from, chart.length, ...p.chart.points);
    costs.splice(p.costsFrom, costs.length, ...p.costs);
  }
  return { chart, costs };
}

test('the chart gets every iteration of a short run, and a bounded envelope of a long one', async () => {
  const short = session();
  short.s.handle({ type: 'start', spec: planar({ iterations: 500 }) });
  await short.c.next('done');
  assert.deepEqual(rebuilt(short.c).chart.map(([i]) => i), Array.from({ length: 500 }, (_, i) => i));

  const long = session();
  long.s.handle({ type: 'start', spec: planar({ iterations: 3 * CHART_POINTS + 7, learningRate: 0.5 }) });
  await long.c.next('done');
  const { chart, costs } = rebuilt(long.c);
  assert.ok(chart.length <= CHART_POINTS && chart.length > CHART_POINTS / 4, `${chart.length} points`);
  assert.deepEqual([chart[0][0], chart.at(-1)![0]], [0, 3 * CHART_POINTS + 6]);
  assert.equal(chart.at(-1)![1], costs.at(-1)![1], 'the last point is the last cost');
  for (const [, J, lo, hi] of chart) assert.ok(lo <= J && J <= hi);
  assert.equal(costs.length, 62, 'the recorded costs are still every log_every');
});

test('a run whose cost oscillates or rises says so in its progress, with a hint', async () => {
  const { c, s } = session();
  const spec = planar({ data: { kind: 'generator', name: 'moons', args: { m: 400 } }, init: { kind: 'he' }, seed: 1, learningRate: 1000, iterations: 400 });
  spec.layers[0] = { kind: 'dense', units: 8, activation: { name: 'relu' } };
  s.handle({ type: 'start', spec });
  await c.next('progress', (p) => p.state !== 'running'); // it may end diverged: it oscillates first
  assert.match(c.of('progress').at(-1)!.warning ?? '', /(oscillates|rises) .*Try a smaller learning rate than α = 1000/);
  const calm = session();
  calm.s.handle({ type: 'start', spec: planar({ iterations: 400 }) });
  await calm.c.next('done');
  assert.equal(calm.c.of('progress').at(-1)!.warning, undefined);
});

test('a diverged run keeps its last finite curve on the chart', async () => {
  const { c, s } = session();
  s.handle({ type: 'start', spec: exploding() });
  const error = await c.next('error');
  const { chart } = rebuilt(c);
  assert.ok(chart.length > 0 && chart.every(([, J]) => Number.isFinite(J)));
  assert.equal(chart.at(-1)![0], error.iteration! - 1);
});

test('progress says at which iteration its accuracies were measured; the last one is current', async () => {
  const { c, s } = session();
  s.handle({ type: 'start', spec: planar({ iterations: 2000 }) });
  await c.next('done');
  const reports = c.of('progress');
  for (const p of reports) {
    assert.ok(p.accuracyIteration !== undefined && p.accuracyIteration <= p.iteration, `iteration ${p.iteration}: measured at ${p.accuracyIteration}`);
  }
  assert.equal(reports.at(-1)!.accuracyIteration, 2000);
});
