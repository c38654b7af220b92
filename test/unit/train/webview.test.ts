// The panel's pure logic: the state the messages fold into, the text it shows, its colours.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LayerShapes, Plain, Report, ViewMessage } from '../../../core/services/protocol';
import { costsCsv } from '../../../extension/train/costs';
import { cellColor, diverging, mix, parseColor, sequential, type RGB } from '../../../webview/colors';
import { formatNumber, formatPercent, shapeAttr, shapeLabel } from '../../../webview/format';
import { boundaryPixels, heatMapPixels, toCanvas, unitPixels, unitRampPixels } from '../../../webview/pixels';
import { initialState, MAX_ACCURACY_POINTS, reduce, restored, type ViewState } from '../../../webview/reducer';
import { renderSummary } from '../../../webview/summary';

const layer1: LayerShapes = { l: 1, kind: 'dense', units: 4, activation: 'tanh', W: [4, 2], b: [4, 1], Z: [4, 'm'], A: [4, 'm'], dZ: [4, 'm'], dW: [4, 2], db: [4, 1] };
const stat = { mean: 0, norm: 1 };
/** A progress message whose chart series gains `costs` (each an exact point) after the first `from` points. */
const progress = (iteration: number, costs: Array<[number, number]>, extra: Partial<Plain<Extract<Report, { type: 'progress' }>>> = {}, from = 0): ViewMessage => ({
  type: 'progress', state: 'running', iteration, iterations: 100, learningRate: 0.5, cost: costs.at(-1)?.[1] ?? 1, costs, costsFrom: from,
  chart: { from, points: costs.map(([i, J]) => [i, J, J, J]) },
  layers: [{ l: 1, W: stat, b: stat, dW: stat, dZ: stat }], seconds: 0.1, ...extra,
});
const fold = (...msgs: ViewMessage[]): ViewState => msgs.reduce(reduce, initialState);

test('shapes read as the course writes them', () => {
  assert.equal(shapeLabel('W', layer1), 'W[1] (4, 2)');
  assert.equal(shapeLabel('b', layer1), 'b[1] (4, 1)');
  assert.equal(shapeLabel('dZ', layer1), 'dZ[1] (4, m)');
  assert.equal(shapeAttr('W', layer1), '4,2');
  assert.equal(shapeAttr('dZ', layer1), '4,m');
  // norm: batch: β[l] takes b[l]'s place, so there is no b[l] to show (the panel plots β in its own row)
  assert.equal(shapeLabel('b', { ...layer1, b: [], db: [] }), undefined);
  assert.equal(shapeLabel('db', { ...layer1, b: [], db: [] }), undefined);
});

test('numbers: 4 significant digits, exponents for the tiny and huge, NaN and ∞ spelled out', () => {
  assert.equal(formatNumber(0.693147), '0.6931');
  assert.equal(formatNumber(1234.5678), '1235');
  assert.equal(formatNumber(0.000123456), '1.235e-4');
  assert.equal(formatNumber(0), '0');
  assert.equal(formatNumber(Number.NaN), 'NaN');
  assert.equal(formatNumber(-Infinity), '−∞');
  assert.equal(formatNumber(undefined), '–');
  assert.equal(formatNumber(JSON.parse(JSON.stringify(Number.NaN))), 'not finite', 'what postMessage makes of NaN');
  assert.equal(formatPercent(0.9125), '91.3%');
});

test('the cost history copies as CSV', () => {
  assert.equal(costsCsv([[0, 0.69], [100, 0.25]]), 'iteration,cost\n0,0.69\n100,0.25\n');
});

test('progress applies the chart series from its index on; started begins a new history but keeps the network', () => {
  const network: ViewMessage = { type: 'network', name: 'planar', uri: 'file:///p.nn', file: 'p.nn', m: 400, layers: [layer1] };
  const started: ViewMessage = { type: 'started', network: 'planar', iterations: 100, learningRate: 1.2, m: 400 };
  let s = fold(network, started, progress(1, [[0, 0.7]]), progress(60, [[50, 0.4]], {}, 1), progress(70, [], {}, 2));
  assert.deepEqual(s.costs, [[0, 0.7, 0.7, 0.7], [50, 0.4, 0.4, 0.4]]);
  const merged = reduce(s, progress(80, [[80, 0.3]], { chart: { from: 1, points: [[80, 0.3, 0.3, 0.5]] } }, 1));
  assert.deepEqual(merged.costs, [[0, 0.7, 0.7, 0.7], [80, 0.3, 0.3, 0.5]], 'a merged history replaces its points from `from` on');
  assert.equal(s.iteration, 70);
  assert.equal(s.state, 'running');
  s = reduce(s, started);
  assert.deepEqual(s.costs, []);
  assert.equal(s.iteration, 0);
  assert.equal(s.network?.layers[0].W?.[0], 4);
});

test('accuracy is sampled once per iteration and thinned when it grows long', () => {
  let s = fold(progress(1, [], { trainAccuracy: 0.5 }), progress(1, [], { trainAccuracy: 0.6 }), progress(2, []));
  assert.deepEqual(s.accuracy, [[1, 0.6, null]]);
  for (let i = 2; i < MAX_ACCURACY_POINTS + 10; i++) s = reduce(s, progress(i, [], { trainAccuracy: i / 1e4 }));
  assert.ok(s.accuracy.length <= MAX_ACCURACY_POINTS);
  assert.equal(s.accuracy.at(-1)![0], MAX_ACCURACY_POINTS + 9, 'the newest sample is kept');
});

test('errors: a failure ends the run, a rejected intent does not', () => {
  const running = fold(progress(5, []));
  assert.equal(reduce(running, { type: 'error', kind: 'protocol', message: 'no' }).state, 'running');
  const failed = reduce(running, { type: 'error', kind: 'divergence', message: 'The cost became NaN at iteration 7', iteration: 7 });
  assert.equal(failed.state, 'failed');
  assert.equal(failed.error?.iteration, 7);
});

test('a reload shows a live run as stopped, with a note; a finished one as it was', () => {
  const live = restored(fold(progress(5, [[0, 1]])));
  assert.equal(live.state, 'stopped');
  assert.match(live.notice!, /reloaded/);
  assert.deepEqual(live.costs, [[0, 1, 1, 1]]);
  const done = fold(progress(5, [], { state: 'done' }));
  assert.equal(restored(done).state, 'done');
  assert.equal(restored(undefined), initialState);
});

test('colours: theme strings parse, heat maps diverge from the background', () => {
  assert.deepEqual(parseColor('#3794ff'), [0x37, 0x94, 0xff]);
  assert.deepEqual(parseColor('#abc'), [0xaa, 0xbb, 0xcc]);
  assert.deepEqual(parseColor('#3794ff80'), [0x37, 0x94, 0xff]);
  assert.deepEqual(parseColor(' rgba(1, 2, 3, 0.5)'), [1, 2, 3]);
  assert.equal(parseColor('var(--x)'), undefined);
  const neg: RGB = [255, 0, 0];
  const zero: RGB = [0, 0, 0];
  const pos: RGB = [0, 0, 255];
  assert.deepEqual(diverging(-2, 2, neg, zero, pos), neg);
  assert.deepEqual(diverging(1, 2, neg, zero, pos), [0, 0, 127.5]);
  assert.deepEqual(diverging(0, 0, neg, zero, pos), zero);
  assert.deepEqual(mix([0, 0, 0], [10, 20, 30], 2), [10, 20, 30], 't is clamped');
});

test('a boundary cell blends the class colours by probability, washed towards the background', () => {
  const classes: RGB[] = [[200, 0, 0], [0, 0, 200], [0, 200, 0]];
  assert.deepEqual(cellColor([1], classes, [0, 0, 0], 0), [0, 0, 200]);
  assert.deepEqual(cellColor([0], classes, [100, 100, 100], 0.5), [150, 50, 50]);
  assert.deepEqual(cellColor([0, 0, 1], classes, [0, 0, 0], 0), [0, 200, 0], 'softmax: the likeliest class');
});

test('boundary pixels put the largest y on the top row; points map onto the same axes', () => {
  // 2×2 grid, one output: cells (i, j) at column j·2 + i; only the top-right cell (i 1, j 1) is class 1.
  const grid = { size: 2, x: [0, 2] as [number, number], y: [0, 2] as [number, number], outputs: 1, values: [0, 0, 0, 1] };
  const px = boundaryPixels(grid, [[255, 0, 0], [0, 0, 255]], [0, 0, 0]);
  const blue = (pixel: number) => px[4 * pixel + 2] > px[4 * pixel];
  assert.deepEqual([0, 1, 2, 3].map(blue), [false, true, false, false]);
  assert.deepEqual(toCanvas(grid, 1.5, 1.5, { left: 0, top: 0, width: 100, height: 100 }), [75, 25]);
  assert.deepEqual(toCanvas(grid, 0, 2, { left: 40, top: 6, width: 100, height: 50 }), [40, 6], 'the top-left corner of a plot inside its margins');
});

test('heat-map pixels scale by the largest |w|', () => {
  const px = heatMapPixels({ rows: 1, cols: 3, data: [-4, 0, 2] }, [255, 0, 0], [0, 0, 0], [0, 0, 255]);
  assert.deepEqual([...px.slice(0, 8)], [255, 0, 0, 255, 0, 0, 0, 255], '−4 is full red, 0 the background');
  assert.deepEqual([...px.slice(8)], [0, 0, 128, 255], '2 is half way to blue');
});

test('values in [0, 1] are drawn at their value on the sequential scale, never stretched to the map\'s own range', () => {
  const stops: RGB[] = [[0, 0, 0], [0, 0, 200], [200, 200, 200]];
  assert.deepEqual([0, 0.25, 0.5, 0.75, 1, -1, 2, NaN].map((v) => sequential(v, stops)), [[0, 0, 0], [0, 0, 100], [0, 0, 200], [100, 100, 200], [200, 200, 200], [0, 0, 0], [200, 200, 200], [0, 0, 0]]);
  // α = 0.1, 0.2 (levels of the largest, 0.2): a faint map stays faint, where a diverging map would paint 0.2 at full colour
  const px = unitPixels({ rows: 1, cols: 3, data: [0, 64, 127], scale: 0.2 }, stops);
  const blue = [0, 1, 2].map((i) => px[4 * i + 2]);
  assert.equal(blue[0], 0, 'α 0 is the background');
  assert.ok(Math.abs(blue[1] - 40) <= 1 && Math.abs(blue[2] - 80) <= 1, `α 0.1 and 0.2 are a tenth and a fifth of the way: ${blue}`);
  assert.deepEqual([...unitPixels({ rows: 1, cols: 1, data: [127], scale: 1 }, stops)], [200, 200, 200, 255], 'α 1 is the scale\'s end');
  assert.deepEqual([...unitPixels({ rows: 1, cols: 2, data: [0, 0], scale: 0 }, stops)], [0, 0, 0, 255, 0, 0, 0, 255], 'all zero: the background');
  const ramp = unitRampPixels(3, stops);
  assert.deepEqual([...ramp], [0, 0, 0, 255, 0, 0, 200, 255, 200, 200, 200, 255], 'the legend\'s ramp: 0 on the left, 1 on the right');
});

test('an accuracy measured at an older iteration says so in the summary and is drawn where it was measured', () => {
  const el = () => ({ dataset: {} as DOMStringMap, textContent: '', hidden: false }) as unknown as HTMLElement;
  const [summary, error, notice] = [el(), el(), el()];
  const old = fold(progress(0, [[0, 2.3]], { trainAccuracy: 0.105, testAccuracy: 0.108, accuracyIteration: 0 }),
    progress(740, [[740, 0.02]], { trainAccuracy: 0.105, testAccuracy: 0.108, accuracyIteration: 0 }));
  assert.deepEqual(old.accuracy, [[0, 0.105, 0.108]], 'one point, at iteration 0');
  renderSummary(old, summary, error, notice);
  assert.match(summary.textContent!, /train accuracy 10\.5% · test accuracy 10\.8% \(measured at iteration 0\)/);
  assert.equal(summary.dataset.accuracyIteration, '0');
  const fresh = reduce(old, progress(760, [[760, 0.02]], { trainAccuracy: 0.97, testAccuracy: 0.96, accuracyIteration: 760 }));
  renderSummary(fresh, summary, error, notice);
  assert.doesNotMatch(summary.textContent!, /measured at/);
  assert.deepEqual(fresh.accuracy.at(-1), [760, 0.97, 0.96]);
});

test('a per-step output shows its exact sequences beside the per-step accuracy; other outputs do not', () => {
  const el = () => ({ dataset: {} as DOMStringMap, textContent: '', hidden: false }) as unknown as HTMLElement;
  const [summary, error, notice] = [el(), el(), el()];
  const dates = fold(progress(300, [[300, 0.4]], { trainAccuracy: 0.9953, testAccuracy: 0.9921, trainExact: 0.95, testExact: 0.931, accuracyIteration: 300 }));
  renderSummary(dates, summary, error, notice);
  assert.match(summary.textContent!, /train accuracy 99\.5% per step, exact sequences 95\.0% · test accuracy 99\.2% per step, exact sequences 93\.1%/);
  assert.equal(summary.dataset.testExact, '0.931');
  renderSummary(fold(progress(300, [[300, 0.4]], { trainAccuracy: 0.97, accuracyIteration: 300 })), summary, error, notice);
  assert.doesNotMatch(summary.textContent!, /exact|per step/);
  assert.equal(summary.dataset.testExact, undefined);
});
