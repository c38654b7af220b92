// `nn shapes` of a conv network (spec §8): the JSON with a kind for every layer and 4-tuples with
// "m" first, and the table with a window column — on LeNet-5's numbers.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { networkShapes } from '../../../core/layers';
import type { NetworkInfo } from '../../../core/language/api';
import { layerInfoOf, syntaxShapes } from '../../../core/language/shapes';
import { shapesJson } from '../../../core/services/format/shapesJson';
import { formatShapesTable } from '../../../core/services/format/shapesTable';
import { LENET } from './lenet';
import { parse } from '../../../core/language/parser';
import { analyze } from '../../../core/language';

const range = { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } };

/** LeNet-5 as the checker hands it over, built from core/layers' shapes. */
function lenetInfo(): NetworkInfo {
  const layers = networkShapes(LENET).map((s) => layerInfoOf(s.l, s.spec, s.input, s.output, range));
  return {
    name: 'lenet', range, nameRange: range, inputSize: 784, image: LENET.image, layers,
    loss: 'softmax_cross_entropy', lossInferred: true, m: 256, params: layers.reduce((sum, l) => sum + l.params, 0), spec: LENET,
  };
}

test('nn shapes --json on LeNet-5: W[1] (5, 5, 1, 6), A[2] (m, 12, 12, 6), A[5] (256, m), 44,426 parameters', () => {
  const json = shapesJson(lenetInfo());
  assert.equal(json.params, 44426);
  assert.deepEqual(json.layers[0], {
    index: 1, kind: 'conv2d', filters: 6, activation: 'relu', f: 5, stride: 1, pad: 0,
    W: [5, 5, 1, 6], b: [1, 1, 1, 6], Z: ['m', 24, 24, 6], A: ['m', 24, 24, 6], dZ: ['m', 24, 24, 6], dW: [5, 5, 1, 6], db: [1, 1, 1, 6], params: 156,
  });
  assert.deepEqual(Object.keys(json.layers[0]), ['index', 'kind', 'filters', 'activation', 'f', 'stride', 'pad', 'W', 'b', 'Z', 'A', 'dZ', 'dW', 'db', 'params'], 'spec §8\'s order');
  assert.deepEqual(json.layers[1], { index: 2, kind: 'max_pool', f: 2, stride: 2, A: ['m', 12, 12, 6], dA: ['m', 12, 12, 6], params: 0 });
  assert.deepEqual(json.layers[3], { index: 4, kind: 'avg_pool', f: 2, stride: 2, A: ['m', 4, 4, 16], dA: ['m', 4, 4, 16], params: 0 });
  assert.deepEqual(json.layers[4], { index: 5, kind: 'flatten', A: [256, 'm'], dA: [256, 'm'], params: 0 });
  assert.deepEqual(json.layers[5], {
    index: 6, kind: 'dense', units: 120, activation: 'relu',
    W: [120, 256], b: [120, 1], Z: [120, 'm'], A: [120, 'm'], dZ: [120, 'm'], dW: [120, 256], db: [120, 1], params: 30840,
  });
  assert.deepEqual(json.layers.map((l) => l.params), [156, 0, 2416, 0, 0, 30840, 10164, 850]);
});

test('the shapes table of LeNet-5 has a kind and a window column, 4-tuples and the total', () => {
  const table = formatShapesTable(lenetInfo());
  const lines = table.split('\n');
  const row = (l: number) => lines.find((line) => new RegExp(`^\\s*${l}  `).test(line)) ?? '';
  assert.deepEqual(lines[2].split(/ {2,}/), ['l', 'layer', 'units', 'activation', 'window', 'W[l], dW[l]', 'b[l], db[l]', 'A[l] (Z, dZ, dA)', 'params']);
  assert.match(row(0), /input X = A\[0\] +784 .*\(m, 28, 28, 1\)/);
  assert.match(row(1), /1 +conv2d +6 +relu +f 5, s 1, p 0 +\(5, 5, 1, 6\) +\(1, 1, 1, 6\) +\(m, 24, 24, 6\) +156$/);
  assert.match(row(2), /2 +max_pool +f 2, s 2 +\(m, 12, 12, 6\) +0$/);
  assert.match(row(5), /5 +flatten +256 +\(256, m\) +0$/);
  assert.match(row(6), /6 +dense +120 +relu +\(120, 256\) +\(120, 1\) +\(120, m\) +30,840$/);
  assert.ok(table.includes('total params: 44,426'), table);
  assert.ok(table.includes('conv2d: W[l] is (f, f, n_C[l−1], n_C[l])'), table);
});

test('the shapes from the lines alone read l across image layers, for every kind', () => {
  const text = ['network lenet {', '  input (28, 28, 1)', '  conv2d 6 relu f: 5', '  max_pool f: 2', '  flatten', '  dense 120 relu', '  dense 10 softmax', '}'].join('\n');
  const shapes = [...syntaxShapes(parse(text).ast.networks[0]).values()];
  assert.deepEqual(shapes.map((s) => [s.l, s.parameters?.W ?? s.output]), [
    [1, [5, 5, 1, 6]], [2, { kind: 'volume', n_H: 12, n_W: 12, n_C: 6 }], [3, { kind: 'vector', n: 864 }], [4, [120, 864]], [5, [10, 120]],
  ]);
});

test('from the checker: a LeNet-5 file gives W[1] (5, 5, 1, 6), A[2] (m, 12, 12, 6), A[5] (256, m) and 44,426 parameters', () => {
  const text = ['network lenet {', '  input (28, 28, 1)', '  conv2d 6 relu f: 5', '  max_pool f: 2', '  conv2d 16 relu f: 5', '  max_pool f: 2', '  flatten',
    '  dense 120 relu', '  dense 84 relu', '  dense 10 softmax', '}'].join('\n');
  const { networks, diagnostics } = analyze(text, { files: null });
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  const json = shapesJson(networks[0]);
  assert.deepEqual(json.layers[0].W, [5, 5, 1, 6]);
  assert.deepEqual(json.layers[1].A, ['m', 12, 12, 6]);
  assert.deepEqual(json.layers[4].A, [256, 'm']);
  assert.deepEqual(json.layers.map((l) => l.kind), ['conv2d', 'max_pool', 'conv2d', 'max_pool', 'flatten', 'dense', 'dense', 'dense']);
  assert.equal(json.params, 44426);
  assert.ok(formatShapesTable(networks[0]).includes('total params: 44,426'));
});
