// The layer table of a conv network: each layer's kind, window and shapes, 4-tuples for volumes,
// read from the checker's layers as the language server sends them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { analyze } from '../../../core/language';
import { panelLayers } from '../../../extension/train/layerTable';
import { weightEntries } from '../../../core/layers';
import { layerLabel, shapeAttr, shapeLabel } from '../../../webview/format';

/** The checker's layers of the first network of an example file, data files unread. */
function checked(file: string) {
  const [network] = analyze(readFileSync(`examples/${file}`, 'utf8'), { files: null }).networks;
  return network.layers;
}

test('LeNet-5: conv and pool layers in 4-tuples with their windows, flatten and dense in 2-tuples', () => {
  const layers = panelLayers(checked('digits/digits.nn'));
  assert.deepEqual(layers.map((l) => l.kind), ['conv2d', 'max_pool', 'conv2d', 'max_pool', 'flatten', 'dense', 'dense', 'dense']);
  const [conv1, pool2, conv3, , flat, dense6] = layers;
  assert.deepEqual(conv1.W, [5, 5, 1, 6]);
  assert.deepEqual(conv1.b, [1, 1, 1, 6]);
  assert.deepEqual(conv1.A, ['m', 24, 24, 6]);
  assert.deepEqual(conv1.dZ, ['m', 24, 24, 6]);
  assert.deepEqual(conv1.window, { f: 5, stride: 1, pad: 0 });
  assert.deepEqual(conv3.W, [5, 5, 6, 16]);
  assert.deepEqual(pool2.A, ['m', 12, 12, 6]);
  assert.equal(pool2.W, undefined, 'a pool has no parameters');
  assert.equal(pool2.Z, undefined, 'nor an activation');
  assert.deepEqual(flat.A, [256, 'm']);
  assert.deepEqual(dense6.W, [120, 256]);
  assert.deepEqual(dense6.Z, [120, 'm']);
  assert.equal(shapeLabel('W', conv1), 'W[1] (5, 5, 1, 6)');
  assert.equal(shapeLabel('A', pool2), 'A[2] (m, 12, 12, 6)');
  assert.equal(shapeLabel('W', pool2), undefined);
  assert.equal(shapeAttr('A', conv1), 'm,24,24,6');
  assert.equal(layerLabel(conv1), 'conv2d 6 relu · f 5, stride 1, pad 0');
  assert.equal(layerLabel(pool2), 'max_pool · f 2, stride 2');
  assert.equal(layerLabel(flat), 'flatten');
  assert.equal(layerLabel(dense6), '120 relu');
});

test('a dense network keeps the course-1 table', () => {
  const [hidden, out] = panelLayers(checked('planar.nn'));
  assert.deepEqual(hidden, { l: 1, kind: 'dense', units: 4, activation: 'tanh', W: [4, 2], b: [4, 1], Z: [4, 'm'], A: [4, 'm'], dZ: [4, 'm'], dW: [4, 2], db: [4, 1] });
  assert.equal(layerLabel(out), '1 sigmoid');
});

test('a weights file lays out W[l] and b[l] of the layers that have them (what the worker sends with the weights)', () => {
  const [network] = analyze(readFileSync('examples/digits/digits.nn', 'utf8'), { files: null }).networks;
  const entries = weightEntries(network.spec!);
  assert.deepEqual(entries.filter((e) => e.key.startsWith('W')).map((e) => [e.key, e.shape]),
    [['W1', [5, 5, 1, 6]], ['W3', [5, 5, 6, 16]], ['W6', [120, 256]], ['W7', [84, 120]], ['W8', [10, 84]]]);
  assert.deepEqual(entries[entries.length - 1], { key: 'b8', shape: [10, 1] });
});
