// The LSTM and the course's GRU (spec §14) in the shared time loop: backpropagation through time
// against central differences of J = (1/m)·Σ R ⊙ A[l] for every parameter and every input entry
// (return: sequence and last, one and two directions, a tokens input), the forward pass against the
// course's equations written out entry by entry, and the WASM kernels against the TypeScript ones.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsKernels } from '../../../core/engine/kernels';
import { matrix } from '../../../core/foundation/matrix';
import { sequence, tokens, type Shape } from '../../../core/layers';
import { gruCell } from '../../../core/layers/gruCell';
import { lstmCell } from '../../../core/layers/lstmCell';
import { recurrentEngine, stepFeatures, steps, type Cell, type RecurrentSpec } from '../../../core/layers/recurrent';
import { runRecurrent } from './recurrentRun';
import { assertClose, heapMatrix, uniform, wasm } from '../wasm/helpers';

const CELLS: Record<string, (n_a: number, n_x: number) => Cell> = { lstm: lstmCell, gru: gruCell };

const SHAPES: Array<{ name: string; spec: RecurrentSpec; input: Shape }> = [
  { name: 'one step', spec: { units: 3 }, input: sequence(2, 1) },
  { name: 'sequence → sequence', spec: { units: 3 }, input: sequence(2, 4) },
  { name: 'sequence → last', spec: { units: 3, returns: 'last' }, input: sequence(2, 4) },
  { name: 'bidirectional, sequence', spec: { units: 2, bidirectional: true }, input: sequence(3, 3) },
  { name: 'bidirectional, last', spec: { units: 2, returns: 'last', bidirectional: true }, input: sequence(2, 4) },
  { name: 'tokens → sequence (one-hot x⟨t⟩ in the concat)', spec: { units: 3 }, input: tokens(3, 4) },
];

const M = 3;
const H = 1e-6;

function setup(kind: string, spec: RecurrentSpec, input: Shape, seed: number) {
  const engine = recurrentEngine(spec, input, CELLS[kind](spec.units, stepFeatures(input)));
  const r = uniform(seed);
  const isTokens = input.kind === 'tokens';
  const X = new Float64Array(steps(input) * (isTokens ? 1 : stepFeatures(input)) * M)
    .map(() => (isTokens ? Math.floor(((r() + 1) / 2) * stepFeatures(input)) : r()));
  const theta = Object.fromEntries(engine.parameters.map((p) => [p.name, new Float64Array(p.dims[0] * p.dims[1]).map(() => r())]));
  const R = new Float64Array(engine.features * M).map(() => r());
  return { engine, X, theta, R };
}

/** |numeric − analytic| ≤ 1e-7·max(1, |numeric|) for every entry of `values`, moved by ±H in place. */
function agrees(what: string, values: Float64Array, analytic: Float64Array, J: () => number): void {
  for (let q = 0; q < values.length; q++) {
    const saved = values[q];
    values[q] = saved + H;
    const plus = J();
    values[q] = saved - H;
    const minus = J();
    values[q] = saved;
    const numeric = (plus - minus) / (2 * H);
    assert.ok(Math.abs(numeric - analytic[q]) <= 1e-7 * Math.max(1, Math.abs(numeric)), `${what}[${q}]: BPTT ${analytic[q]}, numeric ${numeric}`);
  }
}

for (const kind of Object.keys(CELLS)) {
  for (const { name, spec, input } of SHAPES) {
    test(`${kind}: BPTT equals central differences, ${name}`, () => {
      const { engine, X, theta, R } = setup(kind, spec, input, 7);
      const dInput = input.kind !== 'tokens';
      const J = () => runRecurrent(engine, input, jsKernels, matrix, M, X, theta).A.reduce((s, a, p) => s + a * R[p], 0) / M;
      const { d, dAprev } = runRecurrent(engine, input, jsKernels, matrix, M, X, theta, R, dInput);
      for (const p of engine.parameters) agrees(`d${p.name}`, theta[p.name], d[p.name], J);
      // dA[l−1] is per example (J's 1/m not applied), as the network passes it down
      if (dInput) agrees('dX', X, dAprev!.map((v) => v / M), J);
    });
  }
}

const sigma = (z: number): number => 1 / (1 + Math.exp(-z));

/** W·[h; x⟨t⟩] + b for unit i of example j, W (n_a, n_a + n_x) row-major, x from the (T·n_x, M) layout. */
function affine(W: Float64Array, b: Float64Array, h: number[], X: Float64Array, t: number, n_x: number, i: number, j: number): number {
  const cols = h.length + n_x;
  let z = b[i];
  h.forEach((v, q) => (z += W[i * cols + q] * v));
  for (let q = 0; q < n_x; q++) z += W[i * cols + h.length + q] * X[(t * n_x + q) * M + j];
  return z;
}

test('lstm: the forward pass is the course\'s c⟨t⟩ = Γf⊙c⟨t−1⟩ + Γi⊙c̃, a⟨t⟩ = Γo⊙tanh(c⟨t⟩), step by step', () => {
  const n_a = 3, n_x = 2, T = 4;
  const { engine, X, theta: p } = setup('lstm', { units: n_a }, sequence(n_x, T), 11);
  const { A } = runRecurrent(engine, sequence(n_x, T), jsKernels, matrix, M, X, p);
  for (let j = 0; j < M; j++) {
    let a = new Array<number>(n_a).fill(0), c = new Array<number>(n_a).fill(0);
    for (let t = 0; t < T; t++) {
      const z = (W: string, b: string, i: number) => affine(p[W], p[b], a, X, t, n_x, i, j);
      c = c.map((cPrev, i) => sigma(z('Wf', 'bf', i)) * cPrev + sigma(z('Wi', 'bi', i)) * Math.tanh(z('Wc', 'bc', i)));
      a = c.map((ct, i) => sigma(z('Wo', 'bo', i)) * Math.tanh(ct));
      a.forEach((v, i) => assert.ok(Math.abs(A[(t * n_a + i) * M + j] - v) < 1e-14, `a⟨${t + 1}⟩[${i}] of example ${j}`));
    }
  }
});

test('gru: the forward pass is the lecture\'s, c̃ = tanh(Wc·[Γr⊙c⟨t−1⟩; x⟨t⟩] + bc), c⟨t⟩ = Γu⊙c̃ + (1 − Γu)⊙c⟨t−1⟩', () => {
  const n_a = 3, n_x = 2, T = 4;
  const { engine, X, theta: p } = setup('gru', { units: n_a }, sequence(n_x, T), 12);
  const { A } = runRecurrent(engine, sequence(n_x, T), jsKernels, matrix, M, X, p);
  for (let j = 0; j < M; j++) {
    let c = new Array<number>(n_a).fill(0);
    for (let t = 0; t < T; t++) {
      const r = c.map((_, i) => sigma(affine(p.Wr, p.br, c, X, t, n_x, i, j)));
      const u = c.map((_, i) => sigma(affine(p.Wu, p.bu, c, X, t, n_x, i, j)));
      const rc = c.map((v, i) => r[i] * v);
      c = c.map((v, i) => u[i] * Math.tanh(affine(p.Wc, p.bc, rc, X, t, n_x, i, j)) + (1 - u[i]) * v);
      c.forEach((v, i) => assert.ok(Math.abs(A[(t * n_a + i) * M + j] - v) < 1e-14, `a⟨${t + 1}⟩[${i}] of example ${j}`));
    }
  }
});

for (const kind of Object.keys(CELLS)) {
  for (const { name, spec, input } of [SHAPES[3], SHAPES[5]]) {
    test(`${kind}: the WASM kernels give the TypeScript kernels' A[l] and gradients (1e-13), ${name}`, () => {
      const { kernels } = wasm();
      const { engine, X, theta, R } = setup(kind, spec, input, 17);
      const dInput = input.kind !== 'tokens';
      const fast = runRecurrent(engine, input, kernels, (rows, cols) => heapMatrix(rows, cols), M, X, theta, R, dInput);
      const plain = runRecurrent(engine, input, jsKernels, matrix, M, X, theta, R, dInput);
      assertClose(fast.A, plain.A, 1e-13, 1, 'A');
      for (const p of Object.keys(plain.d)) assertClose(fast.d[p], plain.d[p], 1e-13, 1, `d${p}`);
      if (dInput) assertClose(fast.dAprev!, plain.dAprev!, 1e-13, 1, 'dA[l−1]');
    });
  }
}
