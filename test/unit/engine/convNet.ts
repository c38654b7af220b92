// A tiny conv network for the engine tests — image (6, 6, C) → conv2d 3 f: 3 pad: 1 → pool f: 2 →
// flatten → dense 3 softmax (layers 1…4) — its data, and its cost and gradients computed by the
// naive loops of test/unit/layers/naive.ts and the course-1 formulas: the reference it trains against.

import type { Dataset } from '../../../core/engine';
import { Rng } from '../../../core/foundation/prng';
import { matrix, type Matrix } from '../../../core/foundation/matrix';
import { TRAIN_DEFAULTS, type Activation, type NetworkSpec, type TrainSpec } from '../../../core/foundation/model';
import { convBackward, convForward, flattenForward, poolBackward, poolForward, type Volume4 } from '../layers/naive';

/** input (6, 6, C) → conv2d 3 g f: 3 pad: 1 → POOL f: 2 → flatten → dense 3 softmax: layers 1…4. */
export function convSpec(pool: 'max_pool' | 'avg_pool', g: Activation['name'], train: Partial<TrainSpec> = {}, C = 2): NetworkSpec {
  return {
    name: 'tiny',
    inputSize: 6 * 6 * C,
    image: { n_H: 6, n_W: 6, n_C: C },
    layers: [
      { kind: 'conv2d', filters: 3, activation: { name: g }, f: 3, stride: 1, pad: 1 },
      { kind: pool, f: 2, stride: 2 },
      { kind: 'flatten' },
      { kind: 'dense', units: 3, activation: { name: 'softmax' } },
    ],
    loss: 'softmax_cross_entropy',
    train: { ...TRAIN_DEFAULTS, ...train },
  };
}

/** m examples of the spec's image, X (n[0], m) in the (h, w, c) row-major order, one-hot Y. */
export function dataset(spec: NetworkSpec, m: number, seed: number): Dataset {
  const rng = new Rng(seed, 'conv-test');
  const X = matrix(spec.inputSize, m), Y = matrix(3, m);
  for (let p = 0; p < X.data.length; p++) X.data[p] = 2 * rng.uniform() - 1;
  for (let j = 0; j < m; j++) Y.data[rng.below(3) * m + j] = 1;
  return { X, Y, m, classes: 3 };
}

/** The network of convSpec by the loops of §8 and the course-1 formulas: J and the gradients. */
export function reference(spec: NetworkSpec, X: Matrix, Y: Matrix, W1: Float64Array, b1: Float64Array, W4: Float64Array, b4: Float64Array) {
  const m = X.cols, C = spec.image!.n_C;
  const max = spec.layers[1].kind === 'max_pool';
  const relu = spec.layers[0].kind === 'conv2d' && spec.layers[0].activation.name === 'relu';
  const A0: Volume4 = { m, H: 6, W: 6, C, data: new Float64Array(m * 36 * C) };
  for (let i = 0; i < m; i++) for (let q = 0; q < 36 * C; q++) A0.data[i * 36 * C + q] = X.data[q * m + i];
  const Z1 = convForward(A0, W1, b1, 3, 1, 1, 3);
  const A1 = { ...Z1, data: Z1.data.map((z) => (relu ? Math.max(z, 0) : Math.tanh(z))) };
  const A2 = poolForward(A1, 2, 2, max);
  const A3 = flattenForward(A2); // (27, m)
  const Z4 = new Float64Array(3 * m);
  for (let r = 0; r < 3; r++) for (let j = 0; j < m; j++) {
    let z = b4[r];
    for (let q = 0; q < 27; q++) z += W4[r * 27 + q] * A3[q * m + j];
    Z4[r * m + j] = z;
  }
  const A4 = new Float64Array(3 * m);
  let J = 0;
  for (let j = 0; j < m; j++) {
    const zs = [0, 1, 2].map((r) => Z4[r * m + j]);
    const top = Math.max(...zs);
    const sum = zs.reduce((s, z) => s + Math.exp(z - top), 0);
    for (let r = 0; r < 3; r++) {
      A4[r * m + j] = Math.exp(zs[r] - top) / sum;
      J -= (Y.data[r * m + j] * (zs[r] - top - Math.log(sum))) / m;
    }
  }
  const dZ4 = A4.map((a, p) => a - Y.data[p]);
  const dW4 = new Float64Array(81), db4 = new Float64Array(3), dA3 = new Float64Array(27 * m);
  for (let r = 0; r < 3; r++) for (let j = 0; j < m; j++) {
    db4[r] += dZ4[r * m + j] / m;
    for (let q = 0; q < 27; q++) {
      dW4[r * 27 + q] += (dZ4[r * m + j] * A3[q * m + j]) / m;
      dA3[q * m + j] += W4[r * 27 + q] * dZ4[r * m + j];
    }
  }
  const dA2 = { ...A2, data: new Float64Array(A2.data.length) };
  for (let i = 0; i < m; i++) for (let q = 0; q < 27; q++) dA2.data[i * 27 + q] = dA3[q * m + i];
  const dA1 = poolBackward(A1, dA2, 2, 2, max);
  const dZ1 = { ...Z1, data: dA1.data.map((d, p) => d * (relu ? (Z1.data[p] > 0 ? 1 : 0) : 1 - A1.data[p] ** 2)) };
  const { dW: dW1, db: db1 } = convBackward(A0, W1, dZ1, 3, 1, 1);
  return { J, dW1, db1, dW4, db4 };
}
