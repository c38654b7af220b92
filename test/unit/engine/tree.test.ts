// The engine runs the tree of spec §12: residual blocks (identity and with a strided conv shortcut),
// concat of conv branches with an empty one, a residual nested in a concat. Each hand-built network
// trains a few Adam steps with L2 from the engine's initial weights, and PyTorch float64 on one thread
// (treeTorch.ts, written from the same spec) must give every cost and every final weight at 1e-9;
// the gradient check of each tree is fine.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPTIMIZER_DEFAULTS, TRAIN_DEFAULTS, type LayerSpec, type NetworkNode, type NetworkSpec, type Volume } from '../../../core/foundation/model';
import { gradientCheck } from '../../../core/engine/gradcheck';
import { networkFootprint } from '../../../core/engine/footprint';
import { Trainer } from '../../../core/engine/trainer';
import { Network } from '../../../core/engine/network';
import { initialize } from '../../../core/engine/init';
import { networkShapes, weightEntries } from '../../../core/layers';
import { Rng } from '../../../core/foundation/prng';
import { labelsFor, randomMatrix } from './helpers';
import { torchTrain } from './treeTorch';

const ITERATIONS = 6;

const L = (l: number): NetworkNode => ({ kind: 'layer', l });
const conv = (filters: number, g: 'relu' | 'tanh' | 'linear', f: number, stride = 1, pad = 0): LayerSpec =>
  ({ kind: 'conv2d', filters, activation: { name: g }, f, stride, pad });
const dense = (units: number, g: 'relu' | 'tanh' | 'linear' | 'sigmoid' | 'softmax'): LayerSpec => ({ kind: 'dense', units, activation: { name: g } });

function network(name: string, input: number | Volume, layers: LayerSpec[], body: NetworkNode[], loss: NetworkSpec['loss']): NetworkSpec {
  const image = typeof input === 'number' ? undefined : input;
  return {
    name, inputSize: image ? image.n_H * image.n_W * image.n_C : (input as number), image, layers, body, loss,
    train: { ...TRAIN_DEFAULTS, learningRate: 0.02, iterations: ITERATIONS, logEvery: 1, seed: 7, l2: 0.3, optimizer: { kind: 'adam', ...OPTIMIZER_DEFAULTS.adam } },
  };
}

const CASES: NetworkSpec[] = [
  network('residual identity on dense', 4,
    [dense(6, 'tanh'), dense(6, 'tanh'), dense(6, 'linear'), dense(3, 'softmax')],
    [L(1), { kind: 'residual', activation: { name: 'relu' }, body: [L(2), L(3)], shortcut: [] }, L(4)], 'softmax_cross_entropy'),
  network('residual with a conv shortcut of stride 2', { n_H: 6, n_W: 6, n_C: 2 },
    [conv(3, 'relu', 3, 1, 1), conv(4, 'relu', 3, 2, 1), conv(4, 'linear', 3, 1, 1), conv(4, 'linear', 1, 2, 0), { kind: 'flatten' }, dense(3, 'softmax')],
    [L(1), { kind: 'residual', activation: { name: 'relu' }, body: [L(2), L(3)], shortcut: [L(4)] }, L(5), L(6)], 'softmax_cross_entropy'),
  network('concat of two conv branches and an empty branch', { n_H: 5, n_W: 5, n_C: 2 },
    [conv(3, 'tanh', 3, 1, 1), conv(2, 'relu', 1), conv(4, 'tanh', 3, 1, 1), { kind: 'max_pool', f: 2, stride: 2 }, { kind: 'flatten' }, dense(1, 'sigmoid')],
    [L(1), { kind: 'concat', branches: [[L(2)], [L(3)], []] }, L(4), L(5), L(6)], 'cross_entropy'),
  network('a residual nested in a concat, on vectors', 5,
    [dense(4, 'tanh'), dense(4, 'relu'), dense(4, 'linear'), dense(3, 'sigmoid'), dense(2, 'linear')],
    [L(1), { kind: 'concat', branches: [[{ kind: 'residual', activation: { name: 'tanh' }, body: [L(2), L(3)], shortcut: [] }], [L(4)]] }, L(5)], 'mse'),
];

/** m examples of X uniform in [−1, 1) and labels that fit the loss. */
function data(spec: NetworkSpec, m: number) {
  const rng = new Rng(11, 'tree-test');
  const X = randomMatrix(rng, spec.inputSize, m);
  const shapes = networkShapes(spec);
  const out = shapes[shapes.length - 1].output;
  const Y = labelsFor(spec.loss, rng, out.kind === 'vector' ? out.n : 0, m);
  return { X, Y, m };
}

const near = (a: number, e: number): boolean => Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e));

for (const spec of CASES) {
  test(`${spec.name}: Adam with L2 equals PyTorch float64 in every cost and final weight (1e-9)`, () => {
    const set = data(spec, 9);
    const trainer = new Trainer(spec, set);
    const initial = trainer.weights();
    trainer.step(ITERATIONS);
    const costs = trainer.costs.map(([, J]) => J);
    const weights = trainer.weights();
    trainer.dispose();
    const torch = torchTrain(spec, initial, set.X, set.Y, ITERATIONS);
    assert.equal(costs.length, ITERATIONS);
    costs.forEach((J, i) => assert.ok(near(J, torch.costs[i]), `J at iteration ${i}: ${J} against PyTorch's ${torch.costs[i]}`));
    assert.ok(costs[ITERATIONS - 1] < costs[0], `the cost falls: ${costs.join(', ')}`);
    assert.deepEqual(Object.keys(weights), weightEntries(spec).map((e) => e.key));
    for (const [key, values] of Object.entries(weights)) {
      const expected = torch.weights[key];
      assert.equal(values.length, expected.length, key);
      values.forEach((w, p) => assert.ok(near(w, expected[p]), `${key}[${p}]: ${w} against PyTorch's ${expected[p]}`));
    }
  });

  test(`${spec.name}: the gradient check is fine on every parameter`, () => {
    const result = gradientCheck(spec, data(spec, 6));
    assert.equal(result.verdict, 'fine', `difference ${result.difference}`);
    assert.deepEqual(result.perParameter.map((p) => `${p.name}${p.l}`), weightEntries(spec).map((e) => e.key));
    for (const p of result.perParameter) assert.ok(p.difference < 1e-7, `${p.name}${p.l}: ${p.difference}`);
  });
}

test('prediction in blocks of 256 runs the tree as the whole batch does (a conv residual), and dropout in a body keeps the gradient check fine', () => {
  const spec = CASES[1];
  const set = data(spec, 300);
  const net = new Network(spec, initialize(spec));
  const whole = Array.from(net.forward(net.resident(set.X), net.allocate(300, false)).data);
  assert.deepEqual(Array.from(net.predict(set.X).data), whole);
  net.dispose();
  const dropped = { ...CASES[0], layers: CASES[0].layers.map((layer, i) => (i === 1 ? { ...layer, keepProb: 0.7 } : layer)) };
  const trainer = new Trainer(dropped, data(dropped, 9));
  assert.ok(trainer.step(3).cost > 0, 'a training step with dropout inside the residual body runs');
  trainer.dispose();
  assert.equal(gradientCheck(dropped, data(dropped, 6)).verdict, 'fine');
});

test('the footprint counts a residual sum like a layer: Z, A, dZ, dA for a batch and Z, A to predict', () => {
  const { parts } = networkFootprint(CASES[0], { m: 9, testM: 0, split: false });
  const sum = parts.filter((p) => p.what.includes('residual'));
  assert.deepEqual(sum.map((p) => [p.layer, p.bytes, p.what]), [[3, (4 * 9 + 2 * 9) * 6 * 8, 'Z, A, dZ, dA of the residual ending at layer 3 (6, m = 9)']]);
  const joined = networkFootprint(CASES[2], { m: 9, testM: 0, split: false }).parts.filter((p) => p.what.includes('concat'));
  assert.deepEqual(joined.map((p) => [p.layer, p.bytes]), [[3, (2 * 9 + 1 * 9) * 5 * 5 * 9 * 8]], 'a concat has no Z: A and dA, and A to predict');
});
