// A bidirectional rnn and lstm (spec §14) in the training panel's layer table and in `nn shapes`:
// both directions' parameters by name, the reverse set with `_rev` as the weights file keys it
// (Wax1_rev), each with its shape, and A[l] of both directions stacked, (2·n_a, m, T_x).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../core/language';
import type { NetworkInfo } from '../../../core/language/api';
import { formatShapesTable } from '../../../core/services/format/shapesTable';
import { shapesJson } from '../../../core/services/format/shapesJson';
import { panelLayers } from '../../../extension/train/layerTable';
import { layerLabel, namedLabel, stepLabel } from '../../../webview/format';

// n_x = 3 features over T_x = 7 steps; the lstm reads both directions of the rnn, 2·5 = 10 features
const SOURCE = `network bi {
  input sequence(steps: 7, features: 3)
  rnn 5 bidirectional
  lstm 4  return: last  bidirectional
  dense 1 sigmoid
}
`;

function network(): NetworkInfo {
  const { diagnostics, networks } = analyze(SOURCE);
  assert.deepEqual(diagnostics, []);
  return networks[0];
}

const GATES = ['f', 'i', 'c', 'o'];

test('the checker names both directions\' parameters, the forward set first, and counts them all', () => {
  const [rnn, lstm] = network().layers;
  assert.deepEqual(rnn.named.map((p) => `${p.name} (${p.shape.join(', ')})`),
    ['Wax (5, 3)', 'Waa (5, 5)', 'ba (5, 1)', 'Wax_rev (5, 3)', 'Waa_rev (5, 5)', 'ba_rev (5, 1)']);
  // each gate's W is (n_a, n_a + n_x) = (4, 4 + 10): the lstm's input is the rnn's two directions
  const forward = [...GATES.map((g) => `W${g} (4, 14)`), ...GATES.map((g) => `b${g} (4, 1)`)];
  assert.deepEqual(lstm.named.map((p) => `${p.name} (${p.shape.join(', ')})`), [...forward, ...forward.map((p) => p.replace(' ', '_rev '))]);
  for (const layer of [rnn, lstm]) {
    const entries = layer.named.reduce((sum, p) => sum + p.shape.reduce((a, b) => a * b, 1), 0);
    assert.equal(entries, layer.params, `layer ${layer.index}'s count is both directions'`);
  }
  assert.deepEqual([rnn.params, lstm.params], [2 * (5 * 3 + 5 * 5 + 5), 2 * 4 * (4 * 14 + 4)]);
});

test('the panel\'s layer table shows a row per parameter of both directions, and a⟨t⟩ of both stacked', () => {
  const [rnn, lstm, dense] = panelLayers(network().layers);
  const labels = (l: typeof rnn) => (l.named ?? []).map(({ name, dims }) => namedLabel(name, dims, l.l));
  assert.deepEqual(labels(rnn), ['Wax[1] (5, 3)', 'Waa[1] (5, 5)', 'ba[1] (5, 1)', 'Wax_rev[1] (5, 3)', 'Waa_rev[1] (5, 5)', 'ba_rev[1] (5, 1)']);
  assert.deepEqual(labels(lstm).filter((s) => s.startsWith('Wf')), ['Wf[2] (4, 14)', 'Wf_rev[2] (4, 14)']);
  assert.equal(labels(lstm).length, 16);
  assert.equal(layerLabel(rnn), 'rnn 5 tanh', 'the row heads with n_a as written');
  assert.equal(stepLabel(rnn), 'a[1]⟨t⟩ (10, m), t = 1…7');
  assert.deepEqual(rnn.A, [10, 'm', 7]);
  assert.equal(stepLabel(lstm), 'A[2] = a[2]⟨7⟩ (8, m)');
  // no W[l], Z[l] for a kind that names its own; the dense layer after it reads 2·n_a = 8 features
  assert.equal(rnn.W, undefined);
  assert.equal(rnn.Z, undefined);
  assert.deepEqual(dense.W, [1, 8]);
});

test('`nn shapes` puts each direction\'s parameters of one shape together in the W and b columns', () => {
  const table = formatShapesTable(network());
  const row = (l: number) => table.split('\n').find((line) => line.startsWith(`${l}  `))!.split(/\s{2,}/);
  // columns: l, layer, units, activation, W[l], b[l], A[l], params
  // units: the n_a the line writes, as --json says, though A[l] has 2·n_a features
  const [, rnnKind, rnnUnits, rnnG, rnnW, rnnB, rnnA, rnnParams] = row(1);
  assert.deepEqual([rnnKind, rnnUnits, rnnG, rnnW, rnnB, rnnA, rnnParams],
    ['rnn', '5', 'tanh', 'Wax, Wax_rev (5, 3); Waa, Waa_rev (5, 5)', 'ba, ba_rev (5, 1)', '(10, m, 7)', '90']);
  // the lstm has no activation cell: its gates have theirs (σ, tanh) in the hover
  const lstm = row(2);
  assert.deepEqual([lstm[1], lstm[2], ...lstm.slice(3)], [
    'lstm', '4', 'Wf, Wi, Wc, Wo, Wf_rev, Wi_rev, Wc_rev, Wo_rev (4, 14)', 'bf, bi, bc, bo, bf_rev, bi_rev, bc_rev, bo_rev (4, 1)', '(8, m)', '480']);
  assert.match(table, /total params: 579 /);
});

test('`nn shapes --json` marks both layers bidirectional, with n_a as written and A[l] of both directions', () => {
  const [rnn, lstm] = shapesJson(network()).layers;
  assert.deepEqual(rnn, { ...rnn, kind: 'rnn', units: 5, bidirectional: 1, return: 'sequence', A: [10, 'm', 7], params: 90 });
  assert.deepEqual(lstm, { ...lstm, kind: 'lstm', units: 4, bidirectional: 1, return: 'last', A: [8, 'm'], params: 480 });
});
