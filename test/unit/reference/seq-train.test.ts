// Spec §14's engine side (issue 21's tokens → embedding → dense per step softmax first) proven against PyTorch float64 on one thread (test/reference/seq_reference.py:
// nn.Embedding, nn.Linear on batch-first (m, T, n), the loss summed over steps): networks on tokens and
// sequence inputs trained by the engine on mini-batches, with and without `clip`, give every cost and
// every final parameter at 1e-9.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MiniBatches } from '../../../core/engine/batches';
import { Trainer } from '../../../core/engine/trainer';
import { matrix, type Matrix } from '../../../core/foundation/matrix';
import type { LossName, NetworkSpec } from '../../../core/foundation/model';
import { Rng } from '../../../core/foundation/prng';
import { weightEntries } from '../../../core/layers';
import { randomMatrix } from '../engine/helpers';
import { denseLayer, randomTokens, sequenceSpec, stepLabels, tokensSpec } from '../sequences/helpers';
import { ROOT, pythonWith } from './python';

interface Case {
  name: string;
  spec: NetworkSpec;
  m: number;
  batch: number;
  iterations: number;
}

const ALPHA = 0.3;
const train = (batch: number, iterations: number, clip?: number) => ({ batch, iterations, logEvery: 1, seed: 6, learningRate: ALPHA, ...(clip ? { clip } : {}) });

const CASES: Case[] = [
  {
    name: 'tokens → embedding → dense softmax per step (next-token prediction), mini-batches of 5 (the last of 2)',
    spec: tokensSpec(6, 7, [{ kind: 'embedding', units: 4 }, denseLayer(7, 'softmax')], 'softmax_cross_entropy', train(5, 12)),
    m: 12, batch: 5, iterations: 12,
  },
  {
    name: 'tokens → embedding → dense tanh per step → dense softmax per step, clip 0.02, full batch',
    spec: tokensSpec(5, 6, [{ kind: 'embedding', units: 3 }, denseLayer(5, 'tanh'), denseLayer(6, 'softmax')], 'softmax_cross_entropy', train(10, 10, 0.02)),
    m: 10, batch: 10, iterations: 10,
  },
  {
    name: 'sequence input, dense tanh per step, softmax per step, mini-batches of 4 (the last of 3)',
    spec: sequenceSpec(5, 3, [denseLayer(6, 'tanh'), denseLayer(4, 'softmax')], 'softmax_cross_entropy', train(4, 12)),
    m: 11, batch: 4, iterations: 12,
  },
  {
    name: 'sequence input, dense relu per step, sigmoid per step with cross_entropy, clip 0.05, full batch',
    spec: sequenceSpec(4, 2, [denseLayer(5, 'relu'), denseLayer(2, 'sigmoid')], 'cross_entropy', train(9, 10, 0.05)),
    m: 9, batch: 9, iterations: 10,
  },
  {
    name: 'sequence input, linear per step with mse, full batch',
    spec: sequenceSpec(3, 2, [denseLayer(4, 'tanh'), denseLayer(2, 'linear')], 'mse', train(7, 8)),
    m: 7, batch: 7, iterations: 8,
  },
];

/** Seeded inputs, per-step labels and initial values of every parameter. */
function problem(c: Case, k: number) {
  const rng = new Rng(60 + k, 'seq-reference');
  const { spec, m } = c;
  const T = (spec.tokens ?? spec.sequence)!.T;
  const X = spec.tokens ? randomTokens(rng, T, spec.tokens.V, m) : randomMatrix(rng, spec.inputSize, m, -1, 2);
  const out = spec.layers[spec.layers.length - 1] as { units: number };
  const Y = stepLabels(spec.loss as LossName, rng, out.units, T, m);
  const weights: Record<string, Float64Array> = {};
  for (const { key, shape } of weightEntries(spec)) {
    weights[key] = Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (key.startsWith('b') ? -0.3 : -0.8) + (key.startsWith('b') ? 0.6 : 1.6) * rng.uniform());
  }
  return { X, Y, weights };
}

/** The examples of each step, as the engine's MiniBatches picks them: it gathers a row of column indices. */
function batchesOf(c: Case): number[][] {
  const index = matrix(1, c.m);
  index.data.forEach((_, j) => (index.data[j] = j));
  const batches = new MiniBatches({ X: index, Y: index, m: c.m }, c.batch, c.spec.train.seed);
  const out = Array.from({ length: c.iterations }, () => Array.from(batches.take().X.data));
  batches.dispose();
  return out;
}

const flat = (M: Matrix): number[] => Array.from(M.data.subarray(0, M.rows * M.cols));
const near = (got: number, want: number) => Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
const python = pythonWith('torch');

CASES.forEach((c, k) => {
  test(`${c.name}: every cost and final parameter equal PyTorch float64 at 1e-9`, (t) => {
    if (!python) {
      t.skip('no Python with torch found (/usr/bin/python3 has it on the project machine)');
      return;
    }
    const p = problem(c, k);
    const entries = weightEntries(c.spec);
    const trainer = new Trainer(c.spec, { X: p.X, Y: p.Y, m: c.m }, { initial: p.weights });
    while (!trainer.done) trainer.step(50);
    const costs = trainer.costs.map(([, J]) => J);
    const weights = trainer.weights();
    trainer.dispose();

    const { spec } = c;
    const run = {
      tokens: spec.tokens ? [spec.tokens.T, spec.tokens.V] : null, sequence: spec.sequence ? [spec.sequence.T, spec.sequence.n] : null,
      layers: spec.layers, loss: spec.loss, X: flat(p.X), Y: flat(p.Y), m: c.m,
      weights: Object.fromEntries(entries.map(({ key, shape }) => [key, [Array.from(p.weights[key]), shape]])),
      alpha: ALPHA, clip: spec.train.clip ?? null, batches: batchesOf(c),
    };
    const r = spawnSync(python, [join(ROOT, 'test', 'reference', 'seq_reference.py')], { input: JSON.stringify(run), encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(r.status, 0, r.stderr);
    const want = JSON.parse(r.stdout) as { costs: number[]; weights: Record<string, number[]> };

    assert.equal(costs.length, c.iterations);
    costs.forEach((J, i) => assert.ok(near(J, want.costs[i]), `cost at iteration ${i}: ${J}, PyTorch ${want.costs[i]}`));
    assert.ok(costs[costs.length - 1] < costs[0], `the cost falls: ${costs.join(', ')}`);
    assert.deepEqual(Object.keys(want.weights).sort(), entries.map((e) => e.key).sort(), 'the same parameters');
    for (const { key } of entries) {
      want.weights[key].forEach((x, i) => assert.ok(near(weights[key][i], x), `${key} entry ${i}: ${weights[key][i]}, PyTorch ${x}`));
      assert.ok(want.weights[key].some((x, i) => x !== p.weights[key][i]), `${key} moved in training`);
    }
  });
});
