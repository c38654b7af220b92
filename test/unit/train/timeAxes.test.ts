// The axes of the maps through time: tokens on their own steps while they fit, every k-th when
// the map is narrow, round numbers for units and for steps averaged together.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axisLabels, labelPx } from '../../../webview/timeAxes';

test('every token labels its step, at the middle of its cell, when each cell is wide enough', () => {
  const labels = axisLabels(4, 4, 4 * labelPx(1), ['a', 'b', '⏎', 'c']);
  assert.deepEqual(labels, [{ at: 0.125, label: 'a' }, { at: 0.375, label: 'b' }, { at: 0.625, label: '⏎' }, { at: 0.875, label: 'c' }]);
});

test('narrow cells label every k-th token, k by the widest label', () => {
  const tokens = Array.from({ length: 30 }, (_, t) => String(t % 12));
  const labels = axisLabels(30, 30, 30 * 6, tokens);
  const every = Math.ceil(labelPx(2) / 6);
  assert.deepEqual(labels.map((l) => l.label), tokens.filter((_, t) => t % every === 0));
  assert.ok(labels.every((l, i) => i === 0 || (l.at - labels[i - 1].at) * 180 >= labelPx(2) - 1e-9), 'no two labels overlap');
});

test('units and pooled steps get round numbers from 1 within the side', () => {
  const units = axisLabels(64, 64, 128);
  assert.deepEqual(units.map((l) => l.label), ['20', '40', '60']);
  assert.equal(units[0].at, 19.5 / 64);
  const pooled = axisLabels(500, 64, 300, Array.from({ length: 500 }, () => 'x'));
  assert.ok(pooled.every((l) => /^\d+$/.test(l.label) && l.at > 0 && l.at < 1), 'tokens cannot label averaged steps: numbers do');
  assert.deepEqual(axisLabels(1, 1, 20), [{ at: 0.5, label: '1' }]);
});
