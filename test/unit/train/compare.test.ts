// "NN: Compare Runs" without VS Code: the legend's summary of a run, the orchestration of one
// worker per run (fake hosts, then the real dist/worker.js), and the panel's state.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { runnableSpec } from '../../../core/adapters/cli/network';
import type { NetworkSpec } from '../../../core/foundation/model';
import type { Command, Plain, Report } from '../../../core/services/protocol';
import { checkCompareIntent, Comparison, runLabel, type CompareMessage, type CompareRun, type RunHost, type SpawnHost } from '../../../core/services/session/compare';
import { Jobs } from '../../../core/services/session/jobs';
import { SampleLog } from '../../../core/services/session/samples';
import { TimeView } from '../../../core/services/session/timeView';
import { WorkerHost } from '../../../extension/train/workerHost';
import { accuracyLines, compareLines, initialCompare, reduceCompare, restoredCompare, runNotes, runSeries, tableRows, type CompareState } from '../../../webview/compare/reducer';
import { writeNamesModel } from '../sequences/namesModel';
import { TrainingSession } from '../../../core/services/session';
import { Collector, planar } from './fixtures';
import { denseOnly } from '../../../core/layers/dense';

const source = { uri: 'file:///work/lessons.nn', file: 'lessons.nn' };
const run = (name: string, spec: NetworkSpec = planar()): CompareRun => ({ name, label: runLabel(spec), spec: { ...spec, name } });

test('the legend names what sets a run apart: α, batch, optimizer (non-default arguments only), λ, decay, keep_prob', () => {
  assert.equal(runLabel(planar()), 'α 1.2 · full batch · gd');
  assert.equal(runLabel(planar({ batch: 64, optimizer: { kind: 'momentum', beta: 0.9 } })), 'α 1.2 · batch 64 · momentum');
  assert.equal(runLabel(planar({ optimizer: { kind: 'momentum', beta: 0.95 } })), 'α 1.2 · full batch · momentum(β 0.95)');
  assert.equal(runLabel(planar({ optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.99, epsilon: 1e-8 } })), 'α 1.2 · full batch · adam(β2 0.99)');
  assert.equal(runLabel(planar({ optimizer: { kind: 'rmsprop', beta: 0.999, epsilon: 1e-6 } })), 'α 1.2 · full batch · rmsprop(ε 0.000001)');
  assert.equal(runLabel(planar({ l2: 0.7, decay: { kind: 'inverse', rate: 1, every: 100 } })), 'α 1.2 · full batch · gd · λ 0.7 · inverse decay(rate 1, every 100)');
  const dropout = planar();
  denseOnly(dropout).layers[0].keepProb = 0.8;
  assert.equal(runLabel(dropout), 'α 1.2 · full batch · gd · keep_prob 0.8 (l 1)');
  denseOnly(dropout).layers[0].keepProb = 1;
  assert.equal(runLabel(dropout), 'α 1.2 · full batch · gd', 'keep_prob 1 keeps every unit: nothing to say');
});

test('the panel may only ask for ready, train and stop', () => {
  for (const type of ['ready', 'train', 'stop'] as const) assert.deepEqual(checkCompareIntent({ type, extra: 1 }), { type });
  assert.match(checkCompareIntent({ type: 'start', spec: {} }) as string, /unknown message type "start"/);
  assert.match(checkCompareIntent(null) as string, /got null/);
  assert.match(checkCompareIntent('train') as string, /got string/);
});

/** A host that records what it was sent; the test plays its worker through `report`. */
class FakeHost implements RunHost {
  readonly sent: Command[] = [];
  disposed = false;
  constructor(readonly report: (r: Report) => void) {}
  send(command: Command): void {
    this.sent.push(command);
  }
  async dispose(): Promise<void> {
    this.disposed = true;
  }
}

function fakeComparison(runs: CompareRun[]) {
  const hosts: FakeHost[] = [];
  const posted: CompareMessage[] = [];
  const comparison = new Comparison(source, runs, (onReport) => {
    const h = new FakeHost(onReport);
    hosts.push(h);
    return h;
  }, (m) => posted.push(m));
  return { comparison, hosts, posted };
}

const stat = { mean: 0, norm: 1 };
/** Progress whose chart series gains the point (iteration, J) after its first `from` points. */
const progress = (iteration: number, J: number, from = 0, state: 'running' | 'done' = 'running'): Report => ({
  type: 'progress', state, iteration, iterations: 100, learningRate: 0.5, cost: J, costs: [[iteration, J]], costsFrom: from,
  chart: { from, points: [[iteration, J, J, J]] }, layers: [{ l: 1, W: stat, b: stat, dW: stat, dZ: stat }], seconds: 0.1,
});
const done = (iteration: number, J: number, trainAccuracy: number): Report => ({ type: 'done', reason: 'completed', iteration, cost: J, trainAccuracy, seconds: 1 });

test('every run trains in its own host, curves only; reports reach the panel tagged with the run, without heat maps or boundaries', async () => {
  const { comparison, hosts, posted } = fakeComparison([run('gd'), run('adam')]);
  const round = comparison.start();
  assert.equal(hosts.length, 2);
  assert.deepEqual(hosts.map((h) => h.sent.map((c) => c.type === 'start' && [c.spec.name, c.options])), [[['gd', { curvesOnly: true }]], [['adam', { curvesOnly: true }]]]);
  assert.deepEqual(posted[0], { type: 'runs', ...source, runs: [{ name: 'gd', label: 'α 1.2 · full batch · gd' }, { name: 'adam', label: 'α 1.2 · full batch · gd' }] });

  hosts[1].report({ type: 'started', network: 'adam', iterations: 100, learningRate: 0.5, m: 4 });
  hosts[1].report(progress(10, 0.3));
  hosts[1].report({ type: 'snapshot', iteration: 10, W: [], b: [], shapes: [] });
  hosts[1].report({ type: 'boundary', iteration: 10, grid: { size: 1, x: [0, 1], y: [0, 1], outputs: 1, values: new Float32Array(1) } });
  hosts[1].report({ type: 'samples', iteration: 10, seed: 11, length: 3, lines: ['ab'] });
  const reports = posted.slice(1) as Array<Extract<CompareMessage, { type: 'report' }>>;
  assert.deepEqual(reports.map((m) => [m.run, m.report.type]), [[1, 'started'], [1, 'progress']]);
  const p = reports[1].report as Plain<Extract<Report, { type: 'progress' }>>;
  assert.deepEqual([p.layers, p.costs, p.chart.points], [[], [], [[10, 0.3, 0.3, 0.3]]]);

  hosts[0].report(done(100, 0.5, 0.8));
  assert.ok(hosts[0].disposed && !hosts[1].disposed, 'a run that ends gives its worker back at once');
  assert.equal(comparison.running, true);
  hosts[1].report({ type: 'error', kind: 'protocol', message: 'step: no network has been started' });
  assert.equal(comparison.running, true, 'a rejected command does not end a run');
  hosts[1].report({ type: 'error', kind: 'divergence', iteration: 7, message: 'the cost is NaN' });
  const outcomes = await round;
  assert.deepEqual(outcomes, [
    { network: 'gd', label: 'α 1.2 · full batch · gd', reason: 'completed', iteration: 100, cost: 0.5, trainAccuracy: 0.8, testAccuracy: undefined, trainExact: undefined, testExact: undefined, seconds: 1 },
    { network: 'adam', label: 'α 1.2 · full batch · gd', reason: 'failed', iteration: 7, error: 'the cost is NaN' },
  ]);
  const before = posted.length;
  hosts[0].report(progress(101, 0.1));
  assert.equal(posted.length, before, 'a report of a run already ended is dropped');
});

test('stop reaches the runs still going; train again starts fresh hosts and ends the round before as stopped', async () => {
  const { comparison, hosts, posted } = fakeComparison([run('a'), run('b')]);
  const first = comparison.start();
  hosts[0].report(done(100, 0.5, 0.8));
  comparison.stop();
  assert.deepEqual(hosts.map((h) => h.sent.map((c) => c.type)), [['start'], ['start', 'stop']]);
  const second = comparison.start();
  assert.deepEqual((await first).map((o) => o.reason), ['completed', 'stopped']);
  assert.equal(hosts.length, 4, 'a new round, new workers');
  assert.ok(hosts[1].disposed);
  const count = posted.length;
  hosts[1].report(progress(50, 0.2));
  assert.equal(posted.length, count, 'the old round is silent');
  comparison.close();
  assert.deepEqual((await second).map((o) => o.reason), ['closed', 'closed']);
  assert.ok(hosts[2].disposed && hosts[3].disposed);
});

test('a host that answers at once still finds the whole round', async () => {
  const posted: CompareMessage[] = [];
  const comparison = new Comparison(source, [run('a'), run('b')], (onReport) => ({ send: () => onReport(done(1, 0.1, 1)), dispose: async () => {} }), (m) => posted.push(m));
  assert.deepEqual((await comparison.start()).map((o) => [o.network, o.reason]), [['a', 'completed'], ['b', 'completed']]);
});

test('two networks train side by side in real workers to completion', async () => {
  const script = resolve(__dirname, '../../../../dist/worker.js');
  assert.ok(existsSync(script), `${script} is missing: run npm run build`);
  const posted: CompareMessage[] = [];
  const slow = planar({ iterations: 300, learningRate: 0.01 });
  const fast = planar({ iterations: 300, learningRate: 1.2 });
  const comparison = new Comparison(source, [run('slow', slow), run('fast', fast)], (onReport) => new WorkerHost(script, onReport), (m) => posted.push(m));
  const outcomes = await comparison.start();
  assert.deepEqual(outcomes.map((o) => [o.network, o.reason, o.iteration]), [['slow', 'completed', 300], ['fast', 'completed', 300]]);
  assert.ok(outcomes[1].cost! < outcomes[0].cost!, `α 1.2 ends lower than α 0.01: ${outcomes[1].cost} vs ${outcomes[0].cost}`);
  const state = posted.reduce(reduceCompare, initialCompare);
  assert.deepEqual(state.runs.map((r) => [r.name, r.view.state, r.view.done?.iteration]), [['slow', 'done', 300], ['fast', 'done', 300]]);
  assert.ok(state.runs.every((r) => runSeries(r.view).cost.length > 2), 'each run has its own cost curve');
});

/** A host whose worker is a `Jobs` in this thread, as dist/worker.js runs it: what the session computes, the test can count. */
const inThread: SpawnHost = (onReport) => {
  const jobs = new Jobs((r) => onReport(r));
  return { send: (command) => jobs.handle(structuredClone(command)), dispose: async () => {} };
};

test('a compared character model computes no sampled lines and no maps through time; the training panel\'s run of it does', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'nn-compare-'));
  const spec = runnableSpec(writeNamesModel(dir, 'batch 16\niterations 40\nlog_every 20\nseed 7'), undefined, { notDone: 'it was not trained', dataFor: 'to learn from' })!;
  // Counted where the work is done: the sampling and the forward pass of the shown example.
  const calls = { draw: 0, maps: 0 };
  const { draw } = SampleLog.prototype;
  const { snapshot } = TimeView.prototype;
  t.mock.method(SampleLog.prototype, 'draw', function (this: SampleLog, ...args: Parameters<typeof draw>) {
    calls.draw++;
    return draw.apply(this, args);
  });
  t.mock.method(TimeView.prototype, 'snapshot', function (this: TimeView, ...args: Parameters<typeof snapshot>) {
    calls.maps++;
    return snapshot.apply(this, args);
  });

  const posted: CompareMessage[] = [];
  const outcomes = await new Comparison(source, [run('a', spec), run('b', { ...spec, train: { ...spec.train, learningRate: 0.05 } })], inThread, (m) => posted.push(m)).start();
  assert.deepEqual(outcomes.map((o) => [o.network, o.reason, o.iteration]), [['a', 'completed', 40], ['b', 'completed', 40]]);
  assert.deepEqual(calls, { draw: 0, maps: 0 }, 'Compare Runs shows neither: its sessions must not make them');
  const state = posted.reduce(reduceCompare, initialCompare);
  assert.ok(state.runs.every((r) => runSeries(r.view).cost.length > 2), 'each run still has its cost curve');

  // The same network as the training panel starts it makes both: what the comparison saves.
  const reports: Report[] = [];
  const ended = new Promise<void>((settle) => inThread((r) => (reports.push(r), r.type === 'done' && settle())).send({ type: 'start', spec }));
  await ended;
  assert.ok(calls.draw > 0 && calls.maps > 0, `the training panel's run samples and draws its maps: ${JSON.stringify(calls)}`);
  assert.ok(reports.some((r) => r.type === 'samples') && reports.some((r) => r.type === 'snapshot' && r.time));
});

test('a curves-only session reports curves and figures alone, and stays so after a reset', async () => {
  const c = new Collector();
  const session = new TrainingSession(c.post);
  session.handle({ type: 'start', spec: planar({ iterations: 50 }), options: { curvesOnly: true } });
  await c.next('done');
  session.handle({ type: 'reset' });
  const stepped = c.next('progress', (p) => p.state === 'paused' && p.iteration === 3);
  session.handle({ type: 'step', count: 3 });
  await stepped;
  session.handle({ type: 'showExample', index: 0 });
  assert.deepEqual(c.of('started').map((s) => [s.points, s.images]), [[undefined, undefined], [undefined, undefined]], 'no data points for a boundary plot');
  assert.deepEqual([c.of('snapshot').length, c.of('boundary').length], [0, 0]);
  assert.ok(c.of('progress').some((p) => p.trainAccuracy !== undefined), 'the accuracy curve is still measured');
  assert.deepEqual(c.of('error').map((e) => e.message), ['showExample: this run reports its curves only']);
});

const report = (run: number, r: Report): CompareMessage => ({ type: 'report', run, report: r as Plain<Report> as Extract<CompareMessage, { type: 'report' }>['report'] });
const runsMessage: CompareMessage = { type: 'runs', ...source, runs: [{ name: 'gd', label: 'gd' }, { name: 'adam', label: 'adam' }] };
const fold = (...msgs: CompareMessage[]): CompareState => msgs.reduce(reduceCompare, initialCompare);

test('the panel folds each run with the training panel reducer and keeps the runs apart', () => {
  const s = fold(
    runsMessage,
    report(0, { type: 'started', network: 'gd', iterations: 100, learningRate: 0.5, m: 4 }),
    report(0, progress(10, 0.6)),
    report(1, progress(10, 0.2)),
    report(1, { ...progress(20, 0.1, 1), trainAccuracy: 0.9, testAccuracy: 0.85 } as Report),
    report(7, progress(10, 0.2)),
  );
  assert.equal(s.file, 'lessons.nn');
  assert.deepEqual(s.runs.map((r) => r.view.costs.map((c) => c[1])), [[0.6], [0.2, 0.1]]);
  assert.deepEqual(runSeries(s.runs[1].view), { cost: [{ x: 10, y: 0.2 }, { x: 20, y: 0.1 }], train: [{ x: 20, y: 90 }], test: [{ x: 20, y: 85 }] });
  assert.deepEqual(tableRows(s), [
    ['gd', 'gd', 'training', '10 / 100', '0.6', '–', '–', '0.1'],
    ['adam', 'adam', 'training', '20 / 100', '0.1', '90.0%', '85.0%', '0.1'],
  ]);
  const again = reduceCompare(s, runsMessage);
  assert.deepEqual(again.runs.map((r) => r.view.costs.length), [0, 0], 'train all again starts every curve over');
});

test('a diverged run keeps its finite curve, and its error is named after the network', () => {
  const s = fold(runsMessage, report(0, progress(10, 0.6)), report(0, { ...progress(11, NaN), chart: { from: 1, points: [[11, null, null, null]] } } as unknown as Report),
    report(0, { type: 'error', kind: 'divergence', iteration: 11, message: 'the cost became NaN' }), report(1, { ...progress(5, 0.3), warning: 'the cost oscillates' } as Report));
  assert.deepEqual(runSeries(s.runs[0].view).cost, [{ x: 10, y: 0.6 }]);
  assert.deepEqual(runNotes(s), [{ kind: 'error', text: 'gd: the cost became NaN' }, { kind: 'notice', text: 'adam: the cost oscillates' }]);
  assert.equal(tableRows(s)[0][2], 'failed');
});

test('after a reload, runs still going show as stopped, and the panel says so once', () => {
  const s = fold(runsMessage, report(0, progress(10, 0.6)), report(1, progress(100, 0.1, 0, 'done')), report(1, done(100, 0.1, 0.9)));
  const back = restoredCompare(JSON.parse(JSON.stringify({ ...s, logScale: true })));
  assert.deepEqual(back.runs.map((r) => r.view.state), ['stopped', 'done']);
  assert.deepEqual(back.runs.map((r) => r.view.notice), [undefined, undefined]);
  assert.match(back.notice!, /reloaded/);
  assert.equal(back.logScale, true);
  assert.equal(back.uri, source.uri, 'the reloaded panel can train the same file again');
  assert.equal(restoredCompare(JSON.parse(JSON.stringify(fold(runsMessage, report(0, done(1, 0.1, 1)), report(1, done(1, 0.1, 1)))))).notice, undefined);
  assert.deepEqual(restoredCompare(undefined), initialCompare);
  assert.deepEqual(restoredCompare({ garbage: true } as unknown as CompareState), initialCompare);
});

test('the accuracy chart draws only the runs that measured an accuracy, none when all are regressions (mse)', () => {
  const regression = fold(runsMessage, report(0, progress(10, 0.6)), report(1, progress(10, 0.2)), report(1, progress(20, 0.1, 1)));
  assert.deepEqual(compareLines(regression).map((r) => [r.run, r.cost.length]), [[0, 1], [1, 2]], 'both cost curves are drawn');
  assert.deepEqual(accuracyLines(compareLines(regression)), [], 'no run has an accuracy: no accuracy chart, no legend');
  const mixed = reduceCompare(regression, report(1, { ...progress(30, 0.05, 2), trainAccuracy: 0.75 } as Report));
  const shown = accuracyLines(compareLines(mixed));
  assert.deepEqual(shown.map((r) => [r.run, r.title, r.train, r.test]), [[1, compareLines(mixed)[1].title, [{ x: 30, y: 75 }], []]],
    'only the classifier, keeping its run\'s colour index');
});
