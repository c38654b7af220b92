// The training panel's layout logic, in Node: the norms' format, the heat maps' size, the decision
// boundary's ticks, names and points (with the test set and the CSV header they come from).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadData } from '../../../core/data/dataset';
import { boundaryPoints } from '../../../core/services/session/snapshots';
import { MARGIN, niceTicks, plotArea } from '../../../webview/axes';
import { formatNorm } from '../../../webview/format';
import { heatMapSize, MAX_CELL, MIN_CELL } from '../../../webview/heatMapSize';
import { axisNames, classNames, pointCounts } from '../../../webview/legend';
import { makeSpec } from '../engine/helpers';

test('norms: 3 significant digits, fixed in [0.01, 1000), a short exponent outside, never mixed by accident', () => {
  assert.equal(formatNorm(1.2), '1.20', 'trailing zeros kept, so a column lines up');
  assert.equal(formatNorm(5.2123), '5.21');
  assert.equal(formatNorm(0.0123456), '0.0123');
  assert.equal(formatNorm(456.7), '457');
  assert.equal(formatNorm(0.005212), '5.21e-3', 'not 0.005212 beside 5.212e-3');
  assert.equal(formatNorm(12345), '1.23e4');
  assert.equal(formatNorm(1e-12), '1.00e-12');
  assert.equal(formatNorm(0.009996), '0.0100', 'the range is judged after rounding');
  assert.equal(formatNorm(999.6), '1.00e3');
  assert.equal(formatNorm(0), '0', "a dead layer's ‖dW‖");
  assert.equal(formatNorm(Number.NaN), 'NaN');
  assert.equal(formatNorm(null), 'not finite');
  assert.equal(formatNorm(undefined), '–');
  for (const v of [1e-30, 3.3e-7, 0.0099, 0.01, 0.5, 9.999, 77, 999, 1234, 5.5e9, 1e300]) {
    assert.ok(formatNorm(v).length <= 8, `${v} → ${formatNorm(v)} fits the narrow layout`);
    assert.equal(formatNorm(v).replace(/e.*/, '').replace(/^0\.0*/, '').replace('.', '').length, 3, `${v} → ${formatNorm(v)} has 3 significant digits`);
  }
});

test('heat maps: square cells while they fit, a thin W keeps rows at least MIN_CELL thick', () => {
  // The (3, 100) W of examples/spiral.nn, pooled to (3, 64), in a narrow panel's 330 px box.
  const thin = heatMapSize(3, 64, 330, 160);
  assert.equal(thin.width, 330);
  assert.ok(thin.height >= 3 * MIN_CELL, `3 rows are ${thin.height} px high, not a strip`);
  // In the wide layout's 200 × 160 box, as before the fix's 120 px-wide strip, it stays readable.
  assert.equal(heatMapSize(3, 64, 200, 160).height, 3 * MIN_CELL);
  // A square-ish W gets square cells, capped at MAX_CELL.
  assert.deepEqual(heatMapSize(4, 2, 200, 160), { width: 2 * MAX_CELL, height: 4 * MAX_CELL });
  assert.deepEqual(heatMapSize(10, 10, 200, 160), { width: 160, height: 160 });
  // A tall one (W[1] of spiral, (100, 2) → pooled (64, 2)) keeps its columns MIN_CELL wide.
  assert.deepEqual(heatMapSize(64, 2, 200, 160), { width: 2 * MIN_CELL, height: 160 });
  // Never beyond the box, even when MIN_CELL cannot be met.
  const huge = heatMapSize(64, 64, 200, 160);
  assert.ok(huge.width <= 200 && huge.height <= 160);
  assert.equal(huge.width, huge.height, 'square cells');
});

test('axes: round ticks inside the range, labels with the digits the step needs', () => {
  const labels = (lo: number, hi: number, max?: number) => niceTicks(lo, hi, max).map((t) => t.label);
  assert.deepEqual(labels(-0.2, 2.2), ['0.0', '0.5', '1.0', '1.5', '2.0']);
  assert.deepEqual(labels(-4.3, 4.1, 5), ['−4', '−2', '0', '2', '4']);
  assert.deepEqual(labels(-4.3, 4.1, 2), ['−4', '−2', '0', '2', '4'], 'a step of 5 would leave one tick: two is the least');
  assert.deepEqual(labels(0.35, 6.65, 3), ['2', '4', '6']);
  assert.deepEqual(labels(-1e-3, 1e-3, 3), ['−0.001', '0.000', '0.001'], 'zero as its neighbours, never −0.000');
  assert.deepEqual(labels(120, 980, 4), ['200', '400', '600', '800']);
  for (const t of niceTicks(-3.7, 11.2, 6)) assert.ok(t.value >= -3.7 && t.value <= 11.2);
  assert.deepEqual(niceTicks(1, 1), [], 'an empty range has no ticks');
  assert.deepEqual(niceTicks(0, Number.NaN), []);
  const plot = plotArea(320, 320);
  assert.deepEqual(plot, { left: MARGIN.left, top: MARGIN.top, width: 320 - MARGIN.left - MARGIN.right, height: 320 - MARGIN.top - MARGIN.bottom });
});

test('boundary names: the CSV header, else x1, x2 and y', () => {
  assert.deepEqual(axisNames(undefined), ['x1', 'x2']);
  assert.deepEqual(classNames(undefined, 1), ['y = 0', 'y = 1']);
  assert.deepEqual(classNames(undefined, 3), ['y = 0', 'y = 1', 'y = 2']);
  const named = { x: [0], y: [0], label: [1], names: ['hours_studied', 'hours_slept', 'passed'] as [string, string, string] };
  assert.deepEqual(axisNames(named), ['hours_studied', 'hours_slept']);
  assert.deepEqual(classNames(named, 1), ['passed = 0', 'passed = 1']);
  assert.deepEqual(pointCounts({ ...named, train: 1 }), { train: 1, test: 0 });
  assert.deepEqual(pointCounts({ x: [0, 1, 2], y: [0, 1, 2], label: [0, 1, 0], train: 2 }), { train: 2, test: 1 });
});

test('boundary points: training then test examples, with the CSV header as names', () => {
  const csv = 'hours_studied,hours_slept,passed\n' + Array.from({ length: 8 }, (_, j) => `${j},${10 + j},${j % 2}`).join('\n') + '\n';
  const spec = makeSpec([2, 1], ['sigmoid'], 'cross_entropy', { data: { kind: 'csv', path: '/exam.csv' }, test: { kind: 'fraction', value: 0.25 } });
  const data = loadData(spec, () => csv);
  const p = boundaryPoints(data.train, data.test, 100)!;
  assert.equal(p.train, 6);
  assert.equal(p.x.length, 8);
  assert.deepEqual(p.names, ['hours_studied', 'hours_slept', 'passed']);
  assert.deepEqual([...p.x].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7], 'every example once');
  assert.deepEqual([...p.y], [...p.x].map((x) => 10 + x), 'x and y stay paired');
  // Without a header or a test set: no names, every point a training example.
  const plain = loadData(makeSpec([2, 1], ['sigmoid'], 'cross_entropy', { data: { kind: 'csv', path: '/d.csv' } }), () => '0,1,0\n2,3,1\n');
  const q = boundaryPoints(plain.train, plain.test, 100)!;
  assert.equal(q.train, undefined);
  assert.equal(q.names, undefined);
  assert.equal(q.x.length, 2);
});
