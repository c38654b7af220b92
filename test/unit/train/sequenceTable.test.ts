// The layer table of course-5 networks (issue 21): each kind's parameters by their own names with
// their shapes, and the output through time, read from the checker's layers (LayerInfo.named).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { analyze } from '../../../core/language';
import { panelLayers } from '../../../extension/train/layerTable';
import { layerLabel, namedLabel, shapeLabel, stepLabel } from '../../../webview/format';
import type { LayerShapes } from '../../../core/services/protocol';

/** The checker's layers of the network `name` of an example file, data files unread. */
function table(file: string, name: string): LayerShapes[] {
  const network = analyze(readFileSync(`examples/${file}`, 'utf8'), { files: null }).networks.find((n) => n.name === name)!;
  return panelLayers(network.layers);
}

const named = (layer: LayerShapes) => (layer.named ?? []).map(({ name, dims }) => namedLabel(name, dims, layer.l));

test('rnn return: last: Wax, Waa, ba and A[1] = a⟨T_x⟩, no W[1] or Z[1] it does not have', () => {
  const [rnn, dense] = table('sequences/adding.nn', 'rnn');
  assert.deepEqual(named(rnn), ['Wax[1] (32, 2)', 'Waa[1] (32, 32)', 'ba[1] (32, 1)']);
  assert.equal(rnn.W, undefined);
  assert.equal(rnn.Z, undefined);
  assert.equal(shapeLabel('W', rnn), undefined);
  assert.deepEqual(rnn.step, { dims: [32, 'm'], T: 50, last: true });
  assert.equal(stepLabel(rnn), 'A[1] = a[1]⟨50⟩ (32, m)');
  assert.equal(layerLabel(rnn), 'rnn 32 tanh');
  // the dense layer after it keeps the course-1 row
  assert.deepEqual(dense.W, [1, 32]);
  assert.equal(dense.named, undefined);
  assert.equal(dense.step, undefined);
});

test('lstm: the four gates Wf, Wi, Wc, Wo (n_a, n_a + n_x) and bf, bi, bc, bo', () => {
  const [lstm] = table('sequences/adding.nn', 'lstm');
  const gates = (lstm.named ?? []).map((p) => `${p.name} ${p.dims.join('×')}`).sort();
  assert.deepEqual(gates, ['Wc 32×34', 'Wf 32×34', 'Wi 32×34', 'Wo 32×34', 'bc 32×1', 'bf 32×1', 'bi 32×1', 'bo 32×1']);
  assert.equal(stepLabel(lstm), 'A[1] = a[1]⟨50⟩ (32, m)');
  const count = (lstm.named ?? []).reduce((sum, p) => sum + p.dims.reduce((a, b) => a * b, 1), 0);
  assert.equal(count, 4 * (32 * 34 + 32));
});

test('lstm over tokens, per step: a⟨t⟩ (n_a, m) at each of the T_x steps beside A[1] (n_a, m, T_x)', () => {
  const [lstm] = table('dinos/dinos.nn', 'dinos');
  assert.equal(named(lstm).length, 8);
  assert.ok(named(lstm).includes('Wf[1] (64, 91)'), named(lstm).join(' '));
  assert.deepEqual(lstm.A, [64, 'm', 25]);
  assert.equal(shapeLabel('A', lstm), 'A[1] (64, m, 25)');
  assert.equal(stepLabel(lstm), 'a[1]⟨t⟩ (64, m), t = 1…25');
});

test('embedding E, positional_encoding none, self_attention WQ … bO, layer_norm γ and β', () => {
  const layers = table('sequences/reverse.nn', 'attention');
  const byKind = (kind: string) => layers.find((l) => l.kind === kind)!;
  const embedding = byKind('embedding');
  assert.deepEqual(named(embedding), ['E[1] (32, 10)']);
  assert.equal(stepLabel(embedding), 'a[1]⟨t⟩ (32, m), t = 1…10');
  const positional = byKind('positional_encoding');
  assert.equal(positional.named, undefined);
  assert.equal(positional.W, undefined);
  const attention = byKind('self_attention');
  assert.deepEqual((attention.named ?? []).map((p) => p.name).sort(), ['WK', 'WO', 'WQ', 'WV', 'bK', 'bO', 'bQ', 'bV']);
  const count = (attention.named ?? []).reduce((sum, p) => sum + p.dims.reduce((a, b) => a * b, 1), 0);
  assert.equal(count, 4 * 32 * 32 + 4 * 32, 'the count nn shapes and the hover give');
  const norm = byKind('layer_norm');
  assert.deepEqual(named(norm), [`γ[${norm.l}] (32, 1)`, `β[${norm.l}] (32, 1)`]);
  // dense per step keeps its W and Z over the sequence
  const dense = byKind('dense');
  assert.deepEqual(dense.W, [64, 32]);
  assert.deepEqual(dense.Z, [64, 'm', 10]);
});
