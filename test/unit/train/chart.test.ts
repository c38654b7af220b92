// The panel chart's pure parts: log-axis labels that never crowd, and the warning in the state.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logTicks, tickText } from '../../../webview/ticks';
import { initialState, reduce } from '../../../webview/reducer';

/** Chart.js's log ticks: 1…9 × every power of ten from min to max. */
const ticks = (min: number, max: number) => {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) for (let k = 1; k <= 9; k++) if (k * 10 ** e >= min && k * 10 ** e <= max) out.push(k * 10 ** e);
  return out;
};
const labels = (min: number, max: number) => logTicks(ticks(min, max)).map(tickText);

test('a cost falling over 18 decades gets at most seven labels, powers of ten', () => {
  const shown = labels(3e-18, 0.7);
  assert.ok(shown.length >= 3 && shown.length <= 7, shown.join(' '));
  assert.ok(shown.every((s) => /^1e-\d+$|^(1|0\.1|0\.01|0\.001)$/.test(s)), shown.join(' '));
});

test('within two decades 1-2-5, within one every tick, never more than six', () => {
  assert.deepEqual(labels(0.05, 3), ['0.05', '0.1', '0.2', '0.5', '1', '2']);
  assert.deepEqual(labels(0.2, 0.9), ['0.2', '0.4', '0.6', '0.8'], 'eight ticks: every other one');
  assert.deepEqual(labels(1e-7, 5e-7), ['1e-7', '2×1e-7', '3×1e-7', '4×1e-7', '5×1e-7']);
});

test('a few ticks over 289 decades, none of them a power of ten, still get some labels', () => {
  const sparse = [2, 3e50, 4e100, 5e150, 6e200, 7e250, 8e289];
  assert.deepEqual(logTicks(sparse).map(tickText), ['2', '4×1e100', '6×1e200', '8×1e289']);
});

test('linear labels keep four digits', () => {
  assert.equal(tickText(3.5000000000000004e301), '3.5×1e301');
  assert.equal(tickText(0.30000000000000004), '0.3');
  assert.equal(tickText(0), '0');
});

test('a progress warning shows as the panel note, and goes when a new run starts', () => {
  const warning = 'The cost oscillates between 15.67 and 1234 …';
  const s = reduce(initialState, {
    type: 'progress', state: 'running', iteration: 300, iterations: 1000, learningRate: 1000, cost: 15.67, costs: [], costsFrom: 0,
    chart: { from: 0, points: [] }, layers: [], seconds: 1, warning,
  });
  assert.equal(s.notice, warning);
  assert.equal(reduce(s, { type: 'started', network: 'moons', iterations: 1000, learningRate: 1000, m: 400 }).notice, undefined);
});
