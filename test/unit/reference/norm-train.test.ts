// Spec §13's proof: networks with `norm: batch` (dense and conv) and `layer_norm` trained by the engine
// for a few Adam steps on mini-batches, against PyTorch float64 on one thread
// (test/reference/norm_reference.py: torch's own BatchNorm1d, BatchNorm2d and LayerNorm in training
// mode on the same batches, then eval mode): every cost, every final parameter and running
// statistic, and the eval-mode predictions (running statistics) agree at 1e-9. The same networks
// pass gradient checking (batch statistics).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { analyze } from '../../../core/language';
import { Trainer } from '../../../core/engine/trainer';
import { gradientCheck } from '../../../core/engine/gradcheck';
import { weightEntries } from '../../../core/layers';
import { matrix as plainMatrix, type Matrix } from '../../../core/foundation/matrix';
import type { NetworkSpec } from '../../../core/foundation/model';
import { Rng } from '../../../core/foundation/prng';
import { ROOT, pythonWith } from './python';

interface Case {
  name: string;
  /** the network's lines, between `network n {` and its train block */
  lines: string[];
  m: number;
  batch: number;
  iterations: number;
  l2: number;
}

const CASES: Case[] = [
  {
    name: 'dense layers with norm: batch (relu, tanh), a sigmoid output, Adam with L2 on mini-batches of 8 (the last of 6)',
    lines: ['input 4', 'dense 5 relu  norm: batch', 'dense 3 tanh  norm: batch', 'dense 1 sigmoid'],
    m: 30, batch: 8, iterations: 12, l2: 0.05,
  },
  {
    name: 'conv layers with norm: batch per channel (pad, a pool between), softmax output, mini-batches of 5 (the last of 3)',
    lines: ['input (6, 6, 2)', 'conv2d 3 relu f: 3  norm: batch', 'max_pool f: 2', 'conv2d 4 tanh f: 2 pad: 1  norm: batch', 'flatten', 'dense 3 softmax'],
    m: 13, batch: 5, iterations: 8, l2: 0,
  },
  {
    name: 'layer_norm between dense layers, softmax output, mini-batches of 7',
    lines: ['input 5', 'dense 6 relu', 'layer_norm', 'dense 4 tanh', 'layer_norm', 'dense 3 softmax'],
    m: 20, batch: 7, iterations: 10, l2: 0.02,
  },
];

const ALPHA = 0.02;
const SEED = 5;

function specOf(c: Case): NetworkSpec {
  const text = ['network n {', ...c.lines.map((l) => `  ${l}`), '  train {', `    batch ${c.batch}`, `    learning_rate ${ALPHA}`,
    `    iterations ${c.iterations}`, '    log_every 1', `    seed ${SEED}`, '    optimizer adam', `    l2 ${c.l2}`, '  }', '}', ''].join('\n');
  const a = analyze(text, { files: null });
  assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), [], text);
  return a.networks[0].spec!;
}

/** Seeded examples, labels that fit the output, and initial values for every parameter (γ near 1, running statistics not at their start). */
function problem(spec: NetworkSpec, c: Case, k: number) {
  const rng = new Rng(40 + k, 'norm-reference');
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * rng.uniform();
  const X = plainMatrix(spec.inputSize, c.m);
  X.data.forEach((_, p) => (X.data[p] = uniform(-1, 2)));
  const out = spec.layers[spec.layers.length - 1];
  const units = out.kind === 'dense' ? out.units : 1;
  const Y = plainMatrix(units, c.m);
  for (let j = 0; j < c.m; j++) {
    if (units === 1) Y.data[j] = rng.below(2);
    else Y.data[rng.below(units) * c.m + j] = 1;
  }
  const weights: Record<string, Float64Array> = {};
  for (const { key, shape } of weightEntries(spec)) {
    const n = shape.reduce((a, b) => a * b, 1);
    const [lo, hi] = key.startsWith('gamma') ? [0.5, 1.5] : key.startsWith('running_var') ? [0.5, 2] : key.startsWith('W') ? [-0.7, 0.7] : [-0.3, 0.3];
    weights[key] = Float64Array.from({ length: n }, () => uniform(lo, hi));
  }
  return { X, Y, weights };
}

/** The engine's mini-batches (engine/batches.ts): each epoch a fresh order from the seed's 'shuffle' stream, cut in order. */
function batchesOf(c: Case): number[][] {
  const rng = new Rng(SEED, 'shuffle');
  const order = Int32Array.from({ length: c.m }, (_, j) => j);
  const out: number[][] = [];
  let next = c.m;
  while (out.length < c.iterations) {
    if (next >= c.m) {
      rng.shuffle(order);
      next = 0;
    }
    const mb = Math.min(c.batch, c.m - next);
    out.push(Array.from(order.subarray(next, next + mb)));
    next += mb;
  }
  return out;
}

type Nested = number | Nested[];

/** Row-major values as the nested arrays of a weights file of this shape. */
function nested(values: Float64Array, shape: readonly number[]): Nested {
  let at = 0;
  const walk = (d: number): Nested => (d === shape.length ? values[at++] : Array.from({ length: shape[d] }, () => walk(d + 1)));
  return walk(0);
}

const rows = (M: Matrix): number[][] => Array.from({ length: M.rows }, (_, i) => Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols)));

const near = (got: number, want: number) => Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));

const python = pythonWith('torch');

CASES.forEach((c, k) => {
  test(`${c.name}: costs, parameters, running statistics and eval-mode predictions equal PyTorch float64 at 1e-9`, (t) => {
    if (!python) {
      t.skip('no Python with torch found (/usr/bin/python3 has it on the project machine)');
      return;
    }
    const spec = specOf(c);
    const p = problem(spec, c, k);
    const entries = weightEntries(spec);
    const trainer = new Trainer(spec, { X: p.X, Y: p.Y, m: c.m }, { initial: p.weights });
    while (!trainer.done) trainer.step(50);
    const costs = trainer.costs.map(([, J]) => J);
    const weights = trainer.weights();
    const predictions = Float64Array.from(trainer.predict(p.X).data.subarray(0, p.Y.rows * c.m));
    trainer.dispose();

    const run = {
      image: spec.image ? [spec.image.n_H, spec.image.n_W, spec.image.n_C] : null, n0: spec.inputSize, layers: spec.layers,
      X: rows(p.X), Y: rows(p.Y), weights: Object.fromEntries(entries.map(({ key, shape }) => [key, nested(p.weights[key], shape)])),
      alpha: ALPHA, batches: batchesOf(c), adam: { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, l2: c.l2,
    };
    const r = spawnSync(python, [join(ROOT, 'test', 'reference', 'norm_reference.py')], { input: JSON.stringify(run), encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(r.status, 0, r.stderr);
    const want = JSON.parse(r.stdout) as { costs: number[]; weights: Record<string, Nested>; predictions: number[][] };

    assert.equal(costs.length, c.iterations);
    costs.forEach((J, i) => assert.ok(near(J, want.costs[i]), `cost at iteration ${i}: ${J}, PyTorch ${want.costs[i]}`));
    assert.ok(costs[costs.length - 1] < costs[0], `the cost falls: ${costs.join(', ')}`);
    assert.deepEqual(Object.keys(want.weights).sort(), entries.map((e) => e.key).sort(), 'the same parameters and statistics');
    for (const { key } of entries) {
      const wanted = [want.weights[key]].flat(4) as number[];
      wanted.forEach((x, i) => assert.ok(near(weights[key][i], x), `${key} entry ${i}: ${weights[key][i]}, PyTorch ${x}`));
      assert.ok(wanted.some((x, i) => x !== p.weights[key][i]), `${key} moved in training`);
    }
    want.predictions.flat().forEach((x, i) => assert.ok(near(predictions[i], x), `eval-mode prediction ${i}: ${predictions[i]}, PyTorch ${x}`));
  });

  test(`${c.name}: gradient checking passes with batch statistics`, () => {
    const spec = specOf(c);
    const p = problem(spec, c, k);
    const result = gradientCheck(spec, { X: p.X, Y: p.Y, m: c.m }, { initial: p.weights });
    assert.equal(result.verdict, 'fine', `difference ${result.difference}: ${JSON.stringify(result.perParameter.map((q) => [q.name, q.l, q.difference]))}`);
    const names = new Set(result.perParameter.map((q) => `${q.name}${q.l}`));
    for (const { key } of weightEntries(spec)) {
      if (!key.startsWith('running')) assert.ok(names.has(key), `${key} is checked`);
    }
  });
});
