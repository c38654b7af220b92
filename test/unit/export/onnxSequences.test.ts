// The ONNX export of spec §14's engine side, run by onnxruntime (onnxruntime-web in Node): a tokens
// input (batch, T) through `embedding` (Gather of Eᵀ) and `dense` per step (MatMul by Wᵀ on
// batch-first (batch, T, n)), softmax per step, and a sequence input through `global_avg_pool` over
// the steps, equal to the engine's predictions (1e-12 in float64, 1e-5 in float32).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ort from 'onnxruntime-web';
import type { LayerSpec, NetworkSpec } from '../../../core/foundation/model';
import { matrix, type Matrix } from '../../../core/foundation/matrix';
import { Trainer } from '../../../core/engine/trainer';
import { Rng } from '../../../core/foundation/prng';
import { onnxModel } from '../../../core/services/export/onnx';
import { randomMatrix } from '../engine/helpers';
import { denseLayer, randomTokens, sequenceSpec, stepLabels, tokensSpec } from '../sequences/helpers';

/** Three training steps, then the weights and the engine's A[L] for X. */
function engine(spec: NetworkSpec, X: Matrix, Y: Matrix): { weights: Record<string, Float64Array>; A: Matrix } {
  const trainer = new Trainer({ ...spec, train: { ...spec.train, iterations: 3, learningRate: 0.5 } }, { X, Y, m: X.cols });
  trainer.step(3);
  const A = trainer.predict(X);
  const out = { weights: trainer.weights(), A: { ...A, data: A.data.slice(0, A.rows * A.cols) } };
  trainer.dispose();
  return out;
}

/** The engine's (features, m) X as ONNX's batch-first input: each column becomes a row, reshaped to `dims`. */
function input(X: Matrix, dims: number[], float64: boolean): ort.Tensor {
  const { rows, cols: m } = X;
  const data = float64 ? new Float64Array(rows * m) : new Float32Array(rows * m);
  for (let j = 0; j < m; j++) for (let f = 0; f < rows; f++) data[j * rows + f] = X.data[f * m + j];
  return new ort.Tensor(float64 ? 'float64' : 'float32', data, dims);
}

async function assertSameOutputs(spec: NetworkSpec, X: Matrix, Y: Matrix, xDims: number[], aDims: number[]): Promise<void> {
  const { weights, A } = engine(spec, X, Y);
  const m = X.cols;
  for (const [float64, tolerance] of [[true, 1e-12], [false, 1e-5]] as const) {
    const session = await ort.InferenceSession.create(onnxModel(spec, weights, { float64 }));
    const out = (await session.run({ X: input(X, [m, ...xDims], float64) })).A;
    assert.deepEqual(out.dims, [m, ...aDims]);
    // A[L] (T·n, m) time-major against (m, T, n): the same entries, example by example
    const per = A.rows;
    for (let j = 0; j < m; j++) {
      for (let f = 0; f < per; f++) {
        const want = A.data[f * m + j], got = Number(out.data[j * per + f]);
        assert.ok(Math.abs(got - want) <= tolerance * Math.max(1, Math.abs(want)), `${float64 ? 'float64' : 'float32'}: entry ${f} of example ${j}: ${got}, the engine's ${want}`);
      }
    }
  }
}

test('tokens → embedding → dense tanh per step → dense softmax per step: onnxruntime equals the engine', async () => {
  const rng = new Rng(3, 'onnx-seq');
  const T = 5, V = 6, m = 4;
  const spec = tokensSpec(T, V, [{ kind: 'embedding', units: 3 } as LayerSpec, denseLayer(4, 'tanh'), denseLayer(V, 'softmax')], 'softmax_cross_entropy', { seed: 2 });
  await assertSameOutputs(spec, randomTokens(rng, T, V, m), stepLabels('softmax_cross_entropy', rng, V, T, m), [T], [T, V]);
});

test('a sequence through dense per step and global_avg_pool over the steps to a sigmoid: onnxruntime equals the engine', async () => {
  const rng = new Rng(4, 'onnx-seq');
  const T = 4, n = 3, m = 5;
  const spec = sequenceSpec(T, n, [denseLayer(5, 'relu'), { kind: 'global_avg_pool' }, denseLayer(1, 'sigmoid')], 'cross_entropy', { seed: 8 });
  const Y = matrix(1, m);
  Y.data.forEach((_, j) => (Y.data[j] = j % 2));
  await assertSameOutputs(spec, randomMatrix(rng, T * n, m, -2, 2), Y, [T, n], [1]);
});
