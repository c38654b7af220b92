// The exports' one layout of a batch (core/services/export/batchFirst.ts, spec §10, §14): an example's
// dimensions after the batch's for every kind of shape, and both exports using them — the ONNX
// model's X and A and its description, the PyTorch script's first forward() line — for a sequence
// network (per-step output) and a tokens network.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NetworkSpec } from '../../../core/foundation/model';
import { sequence, tokens, vector, volume, weightEntries } from '../../../core/layers';
import { batchText, exampleDims, inputDims } from '../../../core/services/export/batchFirst';
import { onnxModel } from '../../../core/services/export/onnx';
import { modelProto } from '../../../core/services/export/onnxProto';
import { pytorchScript } from '../../../core/services/export/pytorch';
import { denseLayer, sequenceSpec, tokensSpec } from '../sequences/helpers';

test('an example after the batch: NCHW (n_C, n_H, n_W), a sequence (T, n), token ids (T), a vector (n)', () => {
  assert.deepEqual(exampleDims(volume(5, 6, 3)), [3, 5, 6]);
  assert.deepEqual(exampleDims(sequence(4, 7)), [7, 4]);
  assert.deepEqual(exampleDims(tokens(7, 30)), [7]);
  assert.deepEqual(exampleDims(vector(12)), [12]);
  assert.deepEqual([volume(5, 6, 3), sequence(4, 7), tokens(7, 30), vector(12)].map((s) => batchText(s, 'n[0]')),
    ['[batch, C, H, W]', '[batch, T, n[0]]', '[batch, T] token ids', '[batch, n[0]]']);
});

interface Dim { dim_value?: number; dim_param?: string }
interface Model { doc_string: string; graph: { input: Array<{ type: { tensor_type: { shape: { dim: Dim[] } } } }>; output: Array<{ type: { tensor_type: { shape: { dim: Dim[] } } } }> } }

/** The ONNX model of spec (zero weights) decoded: its doc string, X's and A's dimensions. */
function onnxDims(spec: NetworkSpec): { doc: string; X: Array<number | string>; A: Array<number | string> } {
  const weights = Object.fromEntries(weightEntries(spec).map(({ key, shape }) => [key, new Float64Array(shape.reduce((a, b) => a * b, 1))]));
  const proto = modelProto();
  const model = proto.toObject(proto.decode(onnxModel(spec, weights, { float64: true }))) as Model;
  const dims = (value: Model['graph']['input'][0]) => value.type.tensor_type.shape.dim.map((d) => d.dim_param ?? Number(d.dim_value));
  return { doc: model.doc_string, X: dims(model.graph.input[0]), A: dims(model.graph.output[0]) };
}

test('a sequence network: ONNX X (batch, T, n) and per-step A (batch, T, n[L]); the script reshapes X to (m, T, n)', () => {
  const spec = sequenceSpec(5, 3, [{ kind: 'lstm', units: 4 }, denseLayer(2, 'softmax')], 'softmax_cross_entropy');
  assert.deepEqual(inputDims(spec), [5, 3]);
  const { doc, X, A } = onnxDims(spec);
  assert.deepEqual(X, ['batch', 5, 3]);
  assert.deepEqual(A, ['batch', 5, 2]);
  assert.match(doc, /input X \[batch, T, n\[0\]\], output A = g\[L\]\(Z\[L\]\) \[batch, T, n\[L\]\]/);
  const script = pytorchScript(spec, { data: 'd.csv', source: 'n.nn', script: 'n.py' });
  assert.match(script, /\n {8}A = X\.reshape\(len\(X\), 5, 3\) {2}# batch-first \(m, T_x, n_x\)\n/);
});

test('a tokens network: ONNX X holds the ids (batch, T), A one vector per example; the script keeps the ids', () => {
  const spec = tokensSpec(6, 8, [{ kind: 'lstm', units: 3, returns: 'last' }, denseLayer(1, 'sigmoid')], 'cross_entropy');
  assert.deepEqual(inputDims(spec), [6]);
  const { doc, X, A } = onnxDims(spec);
  assert.deepEqual(X, ['batch', 6]);
  assert.deepEqual(A, ['batch', 1]);
  assert.match(doc, /input X \[batch, T\] token ids, output A = g\[L\]\(Z\[L\]\) \[batch, n\[L\]\]/);
  assert.match(pytorchScript(spec, { data: 'd.csv', source: 'n.nn', script: 'n.py' }), /\n {8}A = X {2}# token ids \(m, T_x\)\n/);
});
