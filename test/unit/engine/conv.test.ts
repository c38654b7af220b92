// Conv networks end to end in the engine (spec §8): image → conv2d → pool → flatten → dense.
// Gradient checking with both pools and L2, initialisation with the conv fan-in, weights files
// with keys W1, b1, W4, b4, and training from given weights against a reference built from the
// naive loops of test/unit/layers/naive.ts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatWeights, parseWeights } from '../../../core/data/weights';
import { byKey, perLayer } from './helpers';
import { gradientCheck } from '../../../core/engine/gradcheck';
import { initialize } from '../../../core/engine/init';
import { jsKernels } from '../../../core/engine/kernels';
import { Network } from '../../../core/engine/network';
import { Rng } from '../../../core/foundation/prng';
import { Trainer } from '../../../core/engine/trainer';
import { weightEntries } from '../../../core/layers';
import type { Matrix } from '../../../core/foundation/matrix';
import { assertNear } from '../layers/naive';
import { convSpec, dataset, reference } from './convNet';

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
    const { W, b } = perLayer(initialize(spec));
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
  const shapes = weightEntries(spec);
  const { W, b } = perLayer(initialize(spec));
  b[1].data.set([0.5, -0, 1e-300]);
  const values = byKey(W.slice(1), b.slice(1));
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
  assert.deepEqual(back.values!.W1, W[1].data);
  assert.ok(Object.is(back.values!.b1[1], -0));
  assert.deepEqual(back.values!.W4, W[4].data);
  assert.deepEqual(Object.keys(back.values!), ['W1', 'b1', 'W4', 'b4'], 'the pool and flatten have no parameters');
});

test('weights files: a conv W of the wrong shape names the key and the expected 4-tuple', () => {
  const spec = convSpec('max_pool', 'relu');
  const shapes = weightEntries(spec);
  const { W, b } = perLayer(initialize(spec));
  const good = JSON.parse(formatWeights(byKey(W.slice(1), b.slice(1)), shapes));
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

for (const pool of ['max_pool', 'avg_pool'] as const) {
  test(`training conv2d → ${pool} → flatten → dense from given weights follows the loops of §8 step by step`, () => {
    const spec = convSpec(pool, pool === 'max_pool' ? 'relu' : 'tanh', { learningRate: 0.3, iterations: 5, logEvery: 1, seed: 5 }, 1);
    const data = dataset(spec, 7, 12);
    const start = perLayer(initialize(spec));
    const initial = byKey(start.W.slice(1), start.b.slice(1));
    const trainer = new Trainer(spec, data, { initial });
    trainer.step(5);
    let [W1, b1, W4, b4] = [initial.W1, initial.b1, initial.W4, initial.b4].map((x) => x.slice());
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
    const weights = trainer.layerMatrices();
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

/** The first m columns of X. */
function firstColumns(X: Matrix, m: number): Matrix {
  const out = { rows: X.rows, cols: m, data: new Float64Array(X.rows * m) };
  for (let i = 0; i < X.rows; i++) out.data.set(X.data.subarray(i * X.cols, i * X.cols + m), i * m);
  return out;
}

test('predict on an image input works in blocks of 256 examples and gives what one whole forward pass gives', () => {
  const spec = convSpec('avg_pool', 'tanh', {}, 2);
  const data = dataset(spec, 600, 8); // blocks of 256, 256 and 88
  const net = new Network(spec, initialize(spec), jsKernels);
  const whole = net.allocate(600, false);
  const expected = net.forward(data.X, whole).data.slice(0, 3 * 600);
  const predicted = net.predict(data.X);
  assert.deepEqual([predicted.rows, predicted.cols], [3, 600]);
  assert.deepEqual(predicted.data.slice(0, 3 * 600), expected);
  assert.equal(net.predict(firstColumns(data.X, 5)).cols, 5, 'a narrower X after a wide one');
  net.dispose();
});
