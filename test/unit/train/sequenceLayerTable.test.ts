// The layer table through time (issue 21): a recurrent layer lists its own parameters (no W[l] it
// does not have), no Z[l] it does not keep, and every sequence layer A[l]'s shape at one step.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { analyze } from '../../../core/language';
import { panelLayers } from '../../../extension/train/layerTable';
import { layerLabel, shapeLabel, MATRICES, stepLabels } from '../../../webview/format';

/** Every label the table's shapes cell shows for each layer of the file's network `index`. */
function table(file: string, index = 0): string[][] {
  const network = analyze(readFileSync(`examples/${file}`, 'utf8'), { files: null }).networks[index];
  return panelLayers(network.layers).map((layer) => [layerLabel(layer), ...MATRICES.flatMap((name) => shapeLabel(name, layer) ?? []), ...stepLabels(layer)]);
}

test('dinos.nn: lstm 64 lists Wf … bo by name and a⟨t⟩ per step; the dense layer per step keeps W[2] and gains its step shape', () => {
  const [lstm, dense] = table('dinos/dinos.nn');
  const gates = ['Wf', 'Wi', 'Wc', 'Wo'].map((w) => `${w}[1] (64, 91)`);
  const biases = ['bf', 'bi', 'bc', 'bo'].map((b) => `${b}[1] (64, 1)`);
  assert.deepEqual(lstm, ['lstm 64', 'A[1] (64, m, 25)', ...gates, ...biases, 'A[1]⟨t⟩ (64, m)']);
  assert.deepEqual(dense, ['27 softmax', 'W[2] (27, 64)', 'b[2] (27, 1)', 'Z[2] (27, m, 25)', 'A[2] (27, m, 25)', 'dZ[2] (27, m, 25)', 'dW[2] (27, 64)', 'db[2] (27, 1)', 'A[2]⟨t⟩ (27, m)']);
});

test('adding.nn: rnn 32 tanh return: last has Wax, Waa, ba, no W[1] (32, 34) and no Z[1]; its A[1] is one vector, no step shape', () => {
  const [rnn, dense] = table('sequences/adding.nn');
  assert.deepEqual(rnn, ['rnn 32 tanh', 'A[1] (32, m)', 'Wax[1] (32, 2)', 'Waa[1] (32, 32)', 'ba[1] (32, 1)']);
  assert.deepEqual(dense, ['1 linear', 'W[2] (1, 32)', 'b[2] (1, 1)', 'Z[2] (1, m)', 'A[2] (1, m)', 'dZ[2] (1, m)', 'dW[2] (1, 32)', 'db[2] (1, 1)'], 'a layer on vectors is as in Part I');
  const [lstm] = table('sequences/adding.nn', 1);
  assert.equal(lstm[0], 'lstm 32');
  assert.ok(lstm.includes('Wf[1] (32, 34)') && !lstm.some((label) => label.includes('⟨t⟩')));
});
