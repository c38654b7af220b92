// The axes of the maps through time: tokens on their own steps while they fit, every k-th when
// the map is narrow, round numbers for units and for steps averaged together.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ATTENTION_MAX, ATTENTION_MIN, attentionSide, axisLabels, longestLabel, TOKEN_PX } from '../../../webview/timeAxes';

test('every token labels its step, at the middle of its cell, when each cell is wide enough', () => {
  const labels = axisLabels(4, 4, 4 * TOKEN_PX, ['a', 'b', '⏎', 'c']);
  assert.deepEqual(labels, [{ at: 0.125, label: 'a' }, { at: 0.375, label: 'b' }, { at: 0.625, label: '⏎' }, { at: 0.875, label: 'c' }]);
});

test('narrow cells label every k-th token, k by the room a token takes along the side (one line or one character), not its length', () => {
  const tokens = Array.from({ length: 30 }, (_, t) => (t < 11 ? String(t % 10) : '<pad>'));
  const labels = axisLabels(30, 30, 30 * 5, tokens);
  const every = Math.ceil(TOKEN_PX / 5);
  assert.equal(every, 3);
  assert.deepEqual(labels.map((l) => l.label), tokens.filter((_, t) => t % every === 0));
  assert.ok(labels.every((l, i) => i === 0 || (l.at - labels[i - 1].at) * 150 >= TOKEN_PX - 1e-9), 'no two labels overlap');
  assert.equal(longestLabel(labels), 5, '<pad> written downwards takes five characters under the map');
  assert.equal(longestLabel([]), 0);
});

test('an attention map grows with the panel until every step is labelled: a wider panel labels more steps', () => {
  assert.equal(attentionSide(8, 1000), ATTENTION_MIN, 'a few steps are not drawn larger than before');
  assert.equal(attentionSide(30, 1000), 30 * TOKEN_PX, 'thirty steps: as large as labelling each takes');
  assert.equal(attentionSide(64, 1000), ATTENTION_MAX, 'never larger than ATTENTION_MAX');
  assert.equal(attentionSide(30, 200), 200, 'never wider than the room');
  // dates.nn's 30 characters at the room a map has in panels 350, 460 and 900 px wide (56 px go to the row labels)
  const tokens = Array.from({ length: 30 }, (_, t) => (t < 11 ? 'x' : '<pad>'));
  const shown = [350, 460, 900].map((panel) => axisLabels(30, 30, attentionSide(30, panel - 56 - 20), tokens).length);
  assert.deepEqual(shown, [15, 30, 30]);
});

test('units and pooled steps get round numbers from 1 within the side', () => {
  const units = axisLabels(64, 64, 128);
  assert.deepEqual(units.map((l) => l.label), ['20', '40', '60']);
  assert.equal(units[0].at, 19.5 / 64);
  const pooled = axisLabels(500, 64, 300, Array.from({ length: 500 }, () => 'x'));
  assert.ok(pooled.every((l) => /^\d+$/.test(l.label) && l.at > 0 && l.at < 1), 'tokens cannot label averaged steps: numbers do');
  assert.deepEqual(axisLabels(1, 1, 20), [{ at: 0.5, label: '1' }]);
});
