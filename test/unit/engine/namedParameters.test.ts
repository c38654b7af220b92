// Named parameters (docs/part3.md, spec §13): a kind whose layer keeps γ (starts at 1, trained, not
// regularized), β (0, trained) and a running mean μ (state: not trained, updated by training passes
// only). Initialisation visits parameters in l order then the kind's, drawing only for weights;
// the optimizer, L2 and gradient checking see the trained ones; weights files carry every key and
// fill a missing running statistic.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatWeights, parseWeights } from '../../../core/data/weights';
import { gradientCheck } from '../../../core/engine/gradcheck';
import { initialize } from '../../../core/engine/init';
import { Network } from '../../../core/engine/network';
import { Trainer } from '../../../core/engine/trainer';
import { TRAIN_DEFAULTS, type LayerSpec, type NetworkSpec } from '../../../core/foundation/model';
import { Rng } from '../../../core/foundation/prng';
import { registerKind, weightEntries, type LayerKind } from '../../../core/layers';
import { labelsFor, randomMatrix } from './helpers';

const unused = (): never => {
  throw new Error('not part of the engine test');
};
const n = (input: { kind: string; n?: number }): number => input.n ?? 0;

/** A = γ ⊙ A[l−1] + β per unit; while training, μ = 0.9·μ + 0.1·mean of A[l−1] over the batch. */
const affine: LayerKind<{ kind: 'affine_state' }> = {
  kind: 'affine_state', syntax: 'affine_state', doc: '', insert: 'affine_state', form: { options: [] },
  spec: () => ({ kind: 'affine_state' }),
  output: (_spec, input) => ({ output: input, issues: [] }),
  // what its engine holds below: γ and β trained, μ state starting at 0
  parameters: (_spec, input) => ['gamma', 'beta'].map((name) => ({ name, shape: [n(input), 1] })),
  state: (_spec, input) => [{ name: 'mu', shape: [n(input), 1], fill: 0 }],
  fanIn: () => 1,
  hasZ: false,
  engine: (_spec, input) => {
    const rows = n(input as { kind: string; n: number });
    return {
      byRows: false, features: rows, activation: { name: 'linear' }, keepProb: 1, hasZ: false, scratch: () => [],
      parameters: [
        { name: 'gamma', dims: [rows, 1], shape: [rows, 1], init: 'ones', trained: true, regularized: false },
        { name: 'beta', dims: [rows, 1], shape: [rows, 1], init: 'zeros', trained: true, regularized: false },
        { name: 'mu', dims: [rows, 1], shape: [rows, 1], init: 'zeros', trained: false, regularized: false },
      ],
      forward({ theta: { gamma, beta, mu }, Aprev, A, training, m }) {
        for (let i = 0; i < rows; i++) {
          let sum = 0;
          for (let j = 0; j < m; j++) {
            const a = Aprev.data[i * m + j];
            sum += a;
            A.data[i * m + j] = gamma.data[i] * a + beta.data[i];
          }
          if (training) mu.data[i] = 0.9 * mu.data[i] + (0.1 * sum) / m;
        }
      },
      backward({ theta: { gamma }, dTheta, Aprev, dA, dAprev, m }) {
        for (let i = 0; i < rows; i++) {
          let dgamma = 0, dbeta = 0;
          for (let j = 0; j < m; j++) {
            const g = dA.data[i * m + j];
            dgamma += g * Aprev.data[i * m + j];
            dbeta += g;
            if (dAprev) dAprev.data[i * m + j] = gamma.data[i] * g;
          }
          dTheta.gamma.data[i] = dgamma / m;
          dTheta.beta.data[i] = dbeta / m;
        }
      },
    };
  },
  describe: unused, onnx: unused, torch: unused,
};
registerKind(affine);

const spec = (l2 = 0): NetworkSpec => ({
  name: 'named', inputSize: 3, loss: 'cross_entropy',
  layers: [
    { kind: 'dense', units: 4, activation: { name: 'tanh' } },
    { kind: 'affine_state' } as unknown as LayerSpec,
    { kind: 'dense', units: 1, activation: { name: 'sigmoid' } },
  ],
  train: { ...TRAIN_DEFAULTS, seed: 3, learningRate: 0.05, iterations: 5, logEvery: 1, l2, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } },
});

function data(m: number) {
  const rng = new Rng(5, 'named');
  return { X: randomMatrix(rng, 3, m), Y: labelsFor('cross_entropy', rng, 1, m), m };
}

test('initialisation: l order then the kind\'s, γ 1, β and μ 0, and only W draws from the seed', () => {
  const p = initialize(spec());
  assert.deepEqual(p.map((layer) => Object.keys(layer)), [[], ['W', 'b'], ['gamma', 'beta', 'mu'], ['W', 'b']]);
  assert.deepEqual(Array.from(p[2].gamma.data), [1, 1, 1, 1]);
  assert.deepEqual(Array.from(p[2].beta.data), [0, 0, 0, 0]);
  const rng = new Rng(3, 'init');
  const W1 = Array.from({ length: 12 }, () => rng.normal() * Math.sqrt(1 / 3));
  const W3 = Array.from({ length: 4 }, () => rng.normal() * Math.sqrt(1 / 4));
  assert.deepEqual(Array.from(p[1].W.data), W1);
  assert.deepEqual(Array.from(p[3].W.data), W3, 'W[3] continues the stream: γ, β and μ draw nothing');
});

test('training moves γ and β with the optimizer and μ as state; predicting leaves μ alone', () => {
  const set = data(8);
  const trainer = new Trainer(spec(), set);
  trainer.step(5);
  const w = trainer.weights();
  assert.deepEqual(Object.keys(w), ['W1', 'b1', 'gamma2', 'beta2', 'mu2', 'W3', 'b3']);
  assert.ok(w.gamma2.some((g) => g !== 1) && w.beta2.some((b) => b !== 0), 'Adam trained γ and β');
  assert.ok(w.mu2.some((x) => x !== 0), 'the training passes updated μ');
  trainer.predict(set.X);
  trainer.accuracy('train');
  assert.deepEqual(trainer.weights().mu2, w.mu2, 'evaluation does not touch the state');
  trainer.dispose();
});

test('L2 sums W[l] only: γ and β are not regularized', () => {
  const set = data(8);
  const cost = (l2: number): number => {
    const net = new Network(spec(l2), initialize(spec(l2)));
    const buffers = net.allocate(8);
    net.forward(set.X, buffers, true);
    const J = net.cost(buffers, set.Y);
    net.dispose();
    return J;
  };
  const p = initialize(spec());
  const squares = [p[1].W, p[3].W].reduce((s, W) => s + W.data.reduce((t, x) => t + x * x, 0), 0);
  assert.ok(Math.abs(cost(0.4) - cost(0) - (0.4 / 16) * squares) < 1e-12);
});

test('gradient checking covers γ and β, not the running mean', () => {
  const result = gradientCheck(spec(0.2), data(6));
  assert.deepEqual(result.perParameter.map((p) => `${p.name}${p.l}`), ['W1', 'b1', 'gamma2', 'beta2', 'W3', 'b3']);
  assert.equal(result.verdict, 'fine', `difference ${result.difference}`);
});

test('weights files: every key written and read back; a missing running statistic starts at its initial value', () => {
  const entries = weightEntries(spec());
  assert.deepEqual(entries.map((e) => [e.key, e.fill]), [['W1', undefined], ['b1', undefined], ['gamma2', undefined], ['beta2', undefined], ['mu2', 0], ['W3', undefined], ['b3', undefined]]);
  const trainer = new Trainer(spec(), data(8));
  trainer.step(2);
  const w = trainer.weights();
  trainer.dispose();
  const text = formatWeights(w, entries);
  assert.deepEqual(parseWeights(text, entries).values, w);
  const json = JSON.parse(text);
  delete json.mu2;
  const read = parseWeights(JSON.stringify(json), entries);
  assert.deepEqual(read.problems, []);
  assert.deepEqual(Array.from(read.values!.mu2), [0, 0, 0, 0]);
  delete json.gamma2;
  assert.match(parseWeights(JSON.stringify(json), entries).problems[0].message, /^gamma2 is missing/);
  const again = new Trainer(spec(), data(8), { initial: read.values });
  assert.deepEqual(again.weights(), { ...w, mu2: new Float64Array(4) }, 'a trainer starts from the file, μ from 0');
  again.dispose();
});
