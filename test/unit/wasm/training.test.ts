// Whole training runs on the WASM kernels against the same runs on the TypeScript kernels: every
// recorded cost within 1e-10 relative, every final weight within 1e-10 of its matrix's largest
// entry, for each activation and loss, full batch and mini-batches, and course 2's settings. A count of kernel calls proves
// the WASM run really ran on the WASM kernels.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadData, Trainer } from '../../../core/engine';
import type { Activation, LossName, NetworkSpec } from '../../../core/foundation/model';
import { wasm } from './helpers';

function spec(name: string, inputs: number, layers: Array<[number, Activation]>, loss: LossName,
  data: { name: string; args: Record<string, number> }, batch: number | 'full'): NetworkSpec {
  return {
    name, inputSize: inputs, loss,
    layers: layers.map(([units, activation]) => ({ kind: 'dense' as const, units, activation })),
    train: { data: { kind: 'generator', ...data }, learningRate: 0.5, iterations: 300, batch, seed: 7, logEvery: 10 },
  };
}

const CASES: NetworkSpec[] = [
  spec('planar', 2, [[4, { name: 'tanh' }], [1, { name: 'sigmoid' }]], 'cross_entropy', { name: 'flower', args: { m: 400 } }, 'full'),
  spec('blobs', 5, [[9, { name: 'relu' }], [7, { name: 'leaky_relu', slope: 0.1 }], [3, { name: 'softmax' }]], 'softmax_cross_entropy',
    { name: 'blobs', args: { m: 301, classes: 3, features: 5 } }, 64),
  spec('moons', 2, [[6, { name: 'sigmoid' }], [1, { name: 'linear' }]], 'mse', { name: 'moons', args: { m: 257 } }, 'full'),
  spec('spiral', 2, [[16, { name: 'tanh' }], [3, { name: 'softmax' }]], 'mse', { name: 'spiral', args: { m: 300, classes: 3 } }, 100),  withCourse2(spec('moons-course2', 2, [[12, { name: 'relu' }], [8, { name: 'tanh' }], [1, { name: 'sigmoid' }]], 'cross_entropy',
    { name: 'moons', args: { m: 250 } }, 64)),
];

/** Adam, L2, decay and dropout on both hidden layers (spec §9): every new kernel in a whole run. */
function withCourse2(s: NetworkSpec): NetworkSpec {
  return {
    ...s,
    layers: s.layers.map((layer, l) => (l < s.layers.length - 1 ? { ...layer, keepProb: 0.8 } : layer)),
    train: { ...s.train, learningRate: 0.01, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, l2: 0.05,
      decay: { kind: 'inverse', rate: 0.1, every: 50 } },
  };
}

/** Trains `s` on the TypeScript kernels (NN_KERNELS=ts) or the WASM ones. */
function trained(s: NetworkSpec, kernels: 'ts' | 'wasm'): Trainer {
  const saved = process.env.NN_KERNELS;
  process.env.NN_KERNELS = kernels === 'ts' ? 'ts' : '';
  try {
    const t = new Trainer(s, loadData(s).train);
    t.step(s.train.iterations);
    return t;
  } finally {
    if (saved === undefined) delete process.env.NN_KERNELS;
    else process.env.NN_KERNELS = saved;
  }
}

for (const s of CASES) {
  test(`${s.name}: training on the WASM kernels matches the TypeScript kernels`, () => {
    const kernels = wasm().kernels;
    let calls = 0;
    const products = kernels.mul;
    kernels.mul = (...args) => (calls++, products(...args));
    let fast: Trainer;
    try {
      fast = trained(s, 'wasm');
    } finally {
      kernels.mul = products;
    }
    assert.ok(calls >= s.train.iterations, `the WASM kernels ran (${calls} products)`);
    const reference = trained(s, 'ts');
    assert.equal(fast.costs.length, reference.costs.length);
    fast.costs.forEach(([i, J], k) => {
      const [, want] = reference.costs[k];
      assert.ok(Math.abs(J - want) <= 1e-10 * Math.abs(want), `cost at iteration ${i}: ${J} vs ${want}`);
    });
    const [got, want] = [fast.layerMatrices(), reference.layerMatrices()];
    for (const key of ['W', 'b'] as const) {
      want[key].forEach((M, l) => {
        const scale = Math.max(...M.data.map(Math.abs));
        M.data.forEach((x, p) => assert.ok(Math.abs(got[key][l].data[p] - x) <= 1e-10 * scale, `${key}[${l + 1}] entry ${p}: ${got[key][l].data[p]} vs ${x}`));
      });
    }
  });
}
