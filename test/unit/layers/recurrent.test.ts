// The shared time loop (core/layers/recurrent.ts) with the rnn cell: backpropagation through time
// against central differences of J = (1/m)·Σ R ⊙ A[l] (so dA[l] = R), for `return: sequence` and
// `last`, one and two directions, a sequence and a tokens input, tanh and relu; the forward pass
// against the equations written out; and the WASM kernels against the TypeScript ones.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsKernels } from '../../../core/engine/kernels';
import { matrix } from '../../../core/foundation/matrix';
import type { Activation } from '../../../core/foundation/model';
import { sequence, tokens, type Shape } from '../../../core/layers';
import { recurrentEngine, stepFeatures, steps, type RecurrentSpec } from '../../../core/layers/recurrent';
import { rnnCell } from '../../../core/layers/rnn';
import { runRecurrent } from './recurrentRun';
import { assertClose, heapMatrix, uniform, wasm } from '../wasm/helpers';

const TANH: Activation = { name: 'tanh' };
const RELU: Activation = { name: 'relu' };

interface Case {
  name: string;
  spec: RecurrentSpec;
  input: Shape;
  g: Activation;
}

const CASES: Case[] = [
  { name: 'sequence → sequence', spec: { units: 3 }, input: sequence(2, 4), g: TANH },
  { name: 'sequence → last', spec: { units: 3, returns: 'last' }, input: sequence(2, 4), g: TANH },
  { name: 'bidirectional, sequence', spec: { units: 3, bidirectional: true }, input: sequence(2, 4), g: TANH },
  { name: 'bidirectional, last', spec: { units: 2, returns: 'last', bidirectional: true }, input: sequence(3, 5), g: TANH },
  { name: 'tokens → sequence', spec: { units: 3 }, input: tokens(4, 5), g: TANH },
  { name: 'tokens, bidirectional, last', spec: { units: 3, returns: 'last', bidirectional: true }, input: tokens(3, 4), g: TANH },
  { name: 'relu, sequence', spec: { units: 4 }, input: sequence(2, 3), g: RELU },
];

const M = 3;

/** A case's engine, its input X (token ids for tokens), parameters and R = dA[l], all seeded. */
function setup(c: Case, seed: number) {
  const engine = recurrentEngine(c.spec, c.input, rnnCell(c.spec.units, stepFeatures(c.input), c.g));
  const r = uniform(seed);
  const X = new Float64Array(steps(c.input) * (c.input.kind === 'tokens' ? 1 : stepFeatures(c.input)) * M)
    .map(() => (c.input.kind === 'tokens' ? Math.floor(((r() + 1) / 2) * stepFeatures(c.input)) : r()));
  const theta = Object.fromEntries(engine.parameters.map((p) => [p.name, new Float64Array(p.dims[0] * p.dims[1]).map(() => r())]));
  const R = new Float64Array(engine.features * M).map(() => r());
  return { engine, X, theta, R };
}

const J = (A: Float64Array, R: Float64Array): number => A.reduce((s, a, p) => s + a * R[p], 0) / M;

for (const c of CASES) {
  test(`BPTT equals central differences: ${c.name}, ${c.g.name}`, () => {
    const { engine, X, theta, R } = setup(c, 7);
    const run = (th: Record<string, Float64Array>, x = X) => runRecurrent(engine, c.input, jsKernels, matrix, M, x, th, R, c.input.kind !== 'tokens');
    const { d, dAprev } = run(theta);
    const h = 1e-6;
    for (const p of engine.parameters) {
      const values = theta[p.name];
      for (let q = 0; q < values.length; q++) {
        const saved = values[q];
        values[q] = saved + h;
        const plus = J(run(theta).A, R);
        values[q] = saved - h;
        const minus = J(run(theta).A, R);
        values[q] = saved;
        const numeric = (plus - minus) / (2 * h);
        assert.ok(Math.abs(numeric - d[p.name][q]) <= 1e-7 * Math.max(1, Math.abs(numeric)), `${p.name}[${q}]: BPTT ${d[p.name][q]}, numeric ${numeric}`);
      }
    }
    if (c.input.kind === 'tokens') return;
    // dA[l−1] is per example (the network's convention: J's 1/m not applied), so ∂J/∂X = dA[l−1]/m
    for (let q = 0; q < X.length; q++) {
      const x = X.slice();
      x[q] += h;
      const plus = J(run(theta, x).A, R);
      x[q] -= 2 * h;
      const minus = J(run(theta, x).A, R);
      const numeric = (plus - minus) / (2 * h);
      assert.ok(Math.abs(numeric - dAprev![q] / M) <= 1e-7 * Math.max(1, Math.abs(numeric)), `x[${q}]: BPTT ${dAprev![q] / M}, numeric ${numeric}`);
    }
  });
}

test('the forward pass is the course\'s a⟨t⟩ = tanh(Waa·a⟨t−1⟩ + Wax·x⟨t⟩ + ba), joined [a→⟨t⟩; a←⟨t⟩] in both directions', () => {
  const c = CASES[2];
  const { engine, X, theta } = setup(c, 11);
  const { A } = runRecurrent(engine, c.input, jsKernels, matrix, M, X, theta);
  const n_a = 3, n_x = 2, T = 4;
  for (const [dir, suffix] of [[0, ''], [1, '_rev']] as const) {
    const [Wax, Waa, ba] = ['Wax', 'Waa', 'ba'].map((name) => theta[name + suffix]);
    for (let j = 0; j < M; j++) {
      let a = new Array(n_a).fill(0);
      for (let s = 0; s < T; s++) {
        const t = dir === 0 ? s : T - 1 - s;
        a = a.map((_, i) => {
          let z = ba[i];
          for (let q = 0; q < n_a; q++) z += Waa[i * n_a + q] * a[q];
          for (let q = 0; q < n_x; q++) z += Wax[i * n_x + q] * X[(t * n_x + q) * M + j];
          return Math.tanh(z);
        });
        a.forEach((v, i) => assert.ok(Math.abs(A[((t * 2 + dir) * n_a + i) * M + j] - v) < 1e-15, `a⟨${t + 1}⟩ direction ${dir}`));
      }
    }
  }
});

test('a tokens input reads Wax\'s column of the token: the same A[l] as the one-hot sequence', () => {
  const c = CASES[4];
  const { engine, X, theta, R } = setup(c, 13);
  const V = 5, T = 4;
  const onehot = new Float64Array(T * V * M);
  for (let t = 0; t < T; t++) for (let j = 0; j < M; j++) onehot[(t * V + X[t * M + j]) * M + j] = 1;
  const dense = recurrentEngine(c.spec, sequence(V, T), rnnCell(3, V, TANH));
  const byTokens = runRecurrent(engine, c.input, jsKernels, matrix, M, X, theta, R, false);
  const byOneHot = runRecurrent(dense, sequence(V, T), jsKernels, matrix, M, onehot, theta, R, false);
  assertClose(byTokens.A, byOneHot.A, 1e-15, 1, 'A');
  for (const name of ['Wax', 'Waa', 'ba']) assertClose(byTokens.d[name], byOneHot.d[name], 1e-15, 1, `d${name}`);
});

for (const c of [CASES[2], CASES[5]]) {
  test(`the WASM kernels give the TypeScript kernels' A[l] and gradients (1e-13): ${c.name}`, () => {
    const { kernels } = wasm();
    const { engine, X, theta, R } = setup(c, 17);
    const dInput = c.input.kind !== 'tokens';
    const fast = runRecurrent(engine, c.input, kernels, (rows, cols) => heapMatrix(rows, cols), M, X, theta, R, dInput);
    const plain = runRecurrent(engine, c.input, jsKernels, matrix, M, X, theta, R, dInput);
    assertClose(fast.A, plain.A, 1e-13, 1, 'A');
    for (const name of Object.keys(plain.d)) assertClose(fast.d[name], plain.d[name], 1e-13, 1, `d${name}`);
    if (dInput) assertClose(fast.dAprev!, plain.dAprev!, 1e-13, 1, 'dA[l−1]');
  });
}
