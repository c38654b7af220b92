// Conv networks end to end in the engine (spec §8): image → conv2d → pool → flatten → dense.
// Gradient checking with both pools and L2, initialisation with the conv fan-in, weights files
// with keys W1, b1, W4, b4, and training from given weights against a reference built from the
// naive loops of test/unit/layers/naive.ts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatWeights, parseWeights } from '../../../core/data/weights';
import type { Dataset } from '../../../core/engine';
import { gradientCheck } from '../../../core/engine/gradcheck';
import { initialize } from '../../../core/engine/init';
import { jsKernels } from '../../../core/engine/kernels';
import { Network } from '../../../core/engine/network';
import { Rng } from '../../../core/engine/prng';
import { Trainer } from '../../../core/engine/trainer';
import { networkShapes } from '../../../core/layers';
import { matrix, type Matrix } from '../../../core/matrix';
import { TRAIN_DEFAULTS, type Activation, type NetworkSpec, type TrainSpec } from '../../../core/model';
import { assertNear, convBackward, convForward, flattenForward, poolBackward, poolForward, type Volume4 } from '../layers/naive';

/** input (6, 6, C) → conv2d 3 g f: 3 pad: 1 → POOL f: 2 → flatten → dense 3 softmax: layers 1…4. */
function convSpec(pool: 'max_pool' | 'avg_pool', g: Activation['name'], train: Partial<TrainSpec> = {}, C = 2): NetworkSpec {
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
function dataset(spec: NetworkSpec, m: number, seed: number): Dataset {
  const rng = new Rng(seed, 'conv-test');
  const X = matrix(spec.inputSize, m), Y = matrix(3, m);
  for (let p = 0; p < X.data.length; p++) X.data[p] = 2 * rng.uniform() - 1;
  for (let j = 0; j < m; j++) Y.data[rng.below(3) * m + j] = 1;
  return { X, Y, m, classes: 3 };
}

for (const pool of ['max_pool', 'avg_pool'] as const) {
  for (const g of ['tanh', 'relu'] as const) {
    test(`gradient check: conv2d ${g} → ${pool} → flatten → dense softmax with L2 is fine`, () => {
      const spec = convSpec(pool, g, { l2: 0.5, seed: 4 });
      const result = gradientCheck(spec, dataset(spec, 6, 9), { kernels: jsKernels });
      assert.equal(result.verdict, 'fine', `difference ${result.difference}`);
      assert.deepEqual(result.perParameter.map((p) => `${p.name}${p.l}`), ['W1', 'b1', 'W4', 'b4'], 'pools and flatten have no θ');
      assert.equal(result.parameters, 3 * 3 * 2 * 3 + 3 + 3 * 27 + 3);
      assert.ok(result.checked > 100, `${result.checked} entries compared`);
      for (const p of result.perParameter) assert.ok(p.difference < 1e-7, `${p.name}${p.l}: ${p.difference}`);
    });
  }
}

test('a broken conv gradient is caught at its layer', () => {
  const spec = convSpec('max_pool', 'tanh', { seed: 2 });
  const broken = { ...jsKernels, sumRows: (s: Matrix, M: Matrix, alpha: number) => jsKernels.sumRows(s, M, 2 * alpha) };
  const result = gradientCheck(spec, dataset(spec, 5, 3), { kernels: broken });
  assert.equal(result.perParameter.find((p) => p.name === 'b' && p.l === 1)?.verdict, 'bug');
  assert.equal(result.perParameter.find((p) => p.name === 'W' && p.l === 4)?.verdict, 'fine');
});

test('he and xavier use the conv fan-in f·f·n_C[l−1], drawing layer by layer from the init stream', () => {
  for (const init of [{ kind: 'he' }, { kind: 'xavier' }] as const) {
    const spec = convSpec('max_pool', 'relu', { init, seed: 7 });
    const { W, b } = initialize(spec);
    assert.deepEqual(W.map((w) => [w.rows, w.cols]), [[0, 0], [18, 3], [0, 0], [0, 0], [3, 27]]);
    assert.deepEqual(b.map((x) => [x.rows, x.cols]), [[0, 0], [1, 3], [0, 0], [0, 0], [3, 1]]);
    const rng = new Rng(7, 'init');
    const factor = init.kind === 'he' ? 2 : 1;
    const expected1 = Float64Array.from({ length: 54 }, () => rng.normal() * Math.sqrt(factor / (3 * 3 * 2)));
    const expected4 = Float64Array.from({ length: 81 }, () => rng.normal() * Math.sqrt(factor / 27));
    assert.deepEqual(W[1].data, expected1, `${init.kind}: W[1]`);
    assert.deepEqual(W[4].data, expected4, `${init.kind}: W[4] continues the stream`);
  }
});

test('weights files: keys W1, b1, W4, b4, nested (f, f, n_C[l−1], n_C[l]) and (1, 1, 1, n_C[l]), read back bit for bit', () => {
  const spec = convSpec('avg_pool', 'relu', { seed: 3 });
  const shapes = networkShapes(spec).map((layer) => layer.parameters);
  const { W, b } = initialize(spec);
  b[1].data.set([0.5, -0, 1e-300]);
  const values = { W: W.slice(1).map((w) => w.data), b: b.slice(1).map((x) => x.data) };
  const text = formatWeights(values, shapes);
  const json = JSON.parse(text);
  assert.deepEqual(Object.keys(json), ['W1', 'b1', 'W4', 'b4']);
  assert.equal(json.W1.length, 3);
  assert.equal(json.W1[0].length, 3);
  assert.equal(json.W1[0][0].length, 2);
  assert.equal(json.W1[0][0][0].length, 3);
  assert.equal(json.W1[1][2][1][0], W[1].data[((1 * 3 + 2) * 2 + 1) * 3 + 0], 'row-major (u, v, k, c)');
  assert.deepEqual(json.b1, [[[[0.5, -0, 1e-300]]]]);
  const back = parseWeights(text, shapes);
  assert.deepEqual(back.problems, []);
  assert.deepEqual(back.values!.W[0], W[1].data);
  assert.ok(Object.is(back.values!.b[0][1], -0));
  assert.deepEqual(back.values!.W[3], W[4].data);
  assert.equal(back.values!.W[1].length, 0, 'the pool has no parameters');
});

test('weights files: a conv W of the wrong shape names the key and the expected 4-tuple', () => {
  const spec = convSpec('max_pool', 'relu');
  const shapes = networkShapes(spec).map((layer) => layer.parameters);
  const good = JSON.parse(formatWeights({ W: initialize(spec).W.slice(1).map((w) => w.data), b: initialize(spec).b.slice(1).map((x) => x.data) }, shapes));
  const wrong = { ...good, W1: good.W1.slice(0, 2) };
  const { problems } = parseWeights(JSON.stringify(wrong), shapes);
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /^W1 is \(2, 3, 2, 3\) but must be \(3, 3, 2, 3\)$/);
  assert.match(parseWeights(JSON.stringify({ ...good, b1: [[[[1, 2]]]] }), shapes).problems[0].message, /^b1 is \(1, 1, 1, 2\) but must be \(1, 1, 1, 3\)$/);
  const ragged = JSON.parse(JSON.stringify(good));
  ragged.W1[2][1][0] = [1, 2];
  assert.match(parseWeights(JSON.stringify(ragged), shapes).problems[0].message, /^W1: the array at position \(3, 2, 1\) has 2 entries, but W1 must be \(3, 3, 2, 3\)$/);
  ragged.W1[2][1][0] = [1, 2, 'x'];
  assert.match(parseWeights(JSON.stringify(ragged), shapes).problems[0].message, /^W1: the entry at position \(3, 2, 1, 3\) is not a finite number$/);
  const stray = { ...good, W2: [[1]] };
  assert.match(parseWeights(JSON.stringify(stray), shapes).problems[0].message, /W2 is not a matrix of this network \(its keys are W1, b1, W4, b4/);
  const missing = { ...good };
  delete missing.b4;
  assert.match(parseWeights(JSON.stringify(missing), shapes).problems[0].message, /b4 is missing: it must be a \(3, 1\) matrix/);
});

/** The network of convSpec by the loops of §8 and the course-1 formulas: J and the gradients. */
function reference(spec: NetworkSpec, X: Matrix, Y: Matrix, W1: Float64Array, b1: Float64Array, W4: Float64Array, b4: Float64Array) {
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

for (const pool of ['max_pool', 'avg_pool'] as const) {
  test(`training conv2d → ${pool} → flatten → dense from given weights follows the loops of §8 step by step`, () => {
    const spec = convSpec(pool, pool === 'max_pool' ? 'relu' : 'tanh', { learningRate: 0.3, iterations: 5, logEvery: 1, seed: 5 }, 1);
    const data = dataset(spec, 7, 12);
    const start = initialize(spec);
    const initial = { W: start.W.slice(1).map((w) => w.data.slice()), b: start.b.slice(1).map((x) => x.data.slice()) };
    const trainer = new Trainer(spec, data, { initial });
    trainer.step(5);
    let [W1, b1, W4, b4] = [initial.W[0], initial.b[0], initial.W[3], initial.b[3]].map((x) => x.slice());
    const costs: number[] = [];
    for (let t = 0; t < 5; t++) {
      const r = reference(spec, data.X, data.Y, W1, b1, W4, b4);
      costs.push(r.J);
      W1 = W1.map((w, p) => w - 0.3 * r.dW1[p]);
      b1 = b1.map((x, p) => x - 0.3 * r.db1[p]);
      W4 = W4.map((w, p) => w - 0.3 * r.dW4[p]);
      b4 = b4.map((x, p) => x - 0.3 * r.db4[p]);
    }
    assertNear(Float64Array.from(trainer.costs.map(([, J]) => J)), Float64Array.from(costs), 'J after each step', 1e-12);
    const weights = trainer.weights();
    assertNear(weights.W[0].data, W1, 'W[1]', 1e-12);
    assertNear(weights.b[0].data, b1, 'b[1]', 1e-12);
    assertNear(weights.W[3].data, W4, 'W[4]', 1e-12);
    assertNear(weights.b[3].data, b4, 'b[4]', 1e-12);
    assert.deepEqual([weights.W[1].rows, weights.W[2].rows], [0, 0], 'pool and flatten: no parameters');
    trainer.dispose();
  });
}

test('A[0] of an image input is X transposed to (m, n_H·n_W·n_C); A[l] of every layer is kept for the panel', () => {
  const spec = convSpec('max_pool', 'relu', {}, 1);
  const data = dataset(spec, 4, 1);
  const net = new Network(spec, initialize(spec), jsKernels);
  const buffers = net.allocate(4, false);
  net.forward(data.X, buffers);
  assert.deepEqual(buffers.A.map((A) => [A.rows, A.cols]), [[4, 36], [4, 108], [4, 27], [27, 4], [3, 4]]);
  for (let i = 0; i < 4; i++) for (let q = 0; q < 36; q++) assert.equal(buffers.A[0].data[i * 36 + q], data.X.data[q * 4 + i]);
  // a narrower batch in the same buffers: the first rows (image-shaped) or columns (vectors)
  const one = net.narrow(buffers, 1);
  assert.deepEqual(one.A.map((A) => [A.rows, A.cols]), [[1, 36], [1, 108], [1, 27], [27, 1], [3, 1]]);
  net.dispose();
});
