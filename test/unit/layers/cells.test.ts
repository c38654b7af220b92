// The LSTM and GRU cells of spec §14, one step: every gradient their backward pass gives (each
// W*, b*, the concat's a⟨t−1⟩ and x⟨t⟩ rows, LSTM's c⟨t−1⟩) equals the central difference of the
// step's loss L = Σ Ra⊙a⟨t⟩ (+ Σ Rc⊙c⟨t⟩ for the LSTM), on both kernel sets.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsKernels } from '../../../core/engine/kernels';
import { wasmKernelSet } from '../../../core/engine/wasm';
import { matrix, type Matrix } from '../../../core/engine/matrix';
import type { Kernels } from '../../../core/foundation/kernels';
import { Rng } from '../../../core/foundation/prng';
import { GRU_BIASES, GRU_WEIGHTS, gruBackward, gruForward, type GruParameters, type GruStep } from '../../../core/layers/gruCell';
import { LSTM_BIASES, LSTM_WEIGHTS, lstmBackward, lstmForward, type LstmParameters, type LstmStep } from '../../../core/layers/lstmCell';
import { randomMatrix } from '../engine/helpers';

const n_a = 3, n_x = 2, m = 4;
const H = 1e-6;

function parameters(rng: Rng, weights: readonly string[], biases: readonly string[]): Record<string, Matrix> {
  const p: Record<string, Matrix> = {};
  for (const W of weights) p[W] = randomMatrix(rng, n_a, n_a + n_x);
  for (const b of biases) p[b] = randomMatrix(rng, n_a, 1);
  return p;
}

function zerosLike(p: Record<string, Matrix>): Record<string, Matrix> {
  return Object.fromEntries(Object.entries(p).map(([name, M]) => [name, matrix(M.rows, M.cols)]));
}

const dot = (A: Matrix, B: Matrix): number => A.data.reduce((s, v, p) => s + v * B.data[p], 0);

const scratch = () => ({ dGate: matrix(n_a, m), dW: matrix(n_a, n_a + n_x), db: matrix(n_a, 1), dconcat: matrix(n_a + n_x, m), dreset: matrix(n_a + n_x, m) });

/** Every entry of `analytic` against (L(θ + h) − L(θ − h)) / 2h · scale, moving θ's entries in place. */
function check(what: string, theta: Matrix, analytic: Matrix, loss: () => number, scale: number): void {
  for (let p = 0; p < theta.data.length; p++) {
    const keep = theta.data[p];
    theta.data[p] = keep + H;
    const plus = loss();
    theta.data[p] = keep - H;
    const minus = loss();
    theta.data[p] = keep;
    const numeric = ((plus - minus) / (2 * H)) * scale;
    const error = Math.abs(numeric - analytic.data[p]) / Math.max(1, Math.abs(numeric));
    assert.ok(error < 1e-7, `${what}[${p}]: backward ${analytic.data[p]}, numeric ${numeric}`);
  }
}

function lstmCase(k: Kernels, seed: number): void {
  const rng = new Rng(seed, 'lstm cell');
  const p = parameters(rng, LSTM_WEIGHTS, LSTM_BIASES);
  const step = (): LstmStep => ({
    concat, cPrev, ft: matrix(n_a, m), it: matrix(n_a, m), cct: matrix(n_a, m), ot: matrix(n_a, m),
    c: matrix(n_a, m), tanhC: matrix(n_a, m), a: matrix(n_a, m),
  });
  const concat = randomMatrix(rng, n_a + n_x, m);
  const cPrev = randomMatrix(rng, n_a, m);
  const Ra = randomMatrix(rng, n_a, m), Rc = randomMatrix(rng, n_a, m);
  const loss = (): number => {
    const s = step();
    lstmForward(k, p as LstmParameters, s);
    return dot(Ra, s.a) + dot(Rc, s.c);
  };
  const s = step();
  lstmForward(k, p as LstmParameters, s);
  const dp = zerosLike(p);
  const dc = matrix(n_a, m);
  dc.data.set(Rc.data);
  const dconcat = matrix(n_a + n_x, m);
  const da = matrix(n_a, m);
  da.data.set(Ra.data);
  lstmBackward(k, m, p as LstmParameters, dp as LstmParameters, s, da, dc, dconcat, scratch());
  assert.deepEqual([...da.data], [...Ra.data], 'da is left as it was');
  // the parameters' gradients carry 1/m (J = L/m), the inputs' do not (dA[l−1] as in course 1)
  for (const name of Object.keys(p)) check(name, p[name], dp[name], loss, 1 / m);
  check('d[a⟨t−1⟩; x⟨t⟩]', concat, dconcat, loss, 1);
  check('dc⟨t−1⟩', cPrev, dc, loss, 1);
}

function gruCase(k: Kernels, seed: number): void {
  const rng = new Rng(seed, 'gru cell');
  const p = parameters(rng, GRU_WEIGHTS, GRU_BIASES);
  const concat = randomMatrix(rng, n_a + n_x, m);
  const step = (): GruStep => ({ concat, reset: matrix(n_a + n_x, m), rt: matrix(n_a, m), ut: matrix(n_a, m), cct: matrix(n_a, m), c: matrix(n_a, m) });
  const Rc = randomMatrix(rng, n_a, m);
  const loss = (): number => {
    const s = step();
    gruForward(k, p as GruParameters, s);
    return dot(Rc, s.c);
  };
  const s = step();
  gruForward(k, p as GruParameters, s);
  const dp = zerosLike(p);
  const dc = matrix(n_a, m);
  dc.data.set(Rc.data);
  const dconcat = matrix(n_a + n_x, m);
  gruBackward(k, m, p as GruParameters, dp as GruParameters, s, dc, dconcat, scratch());
  assert.deepEqual([...dc.data], [...Rc.data], 'dc is left as it was');
  for (const name of Object.keys(p)) check(name, p[name], dp[name], loss, 1 / m);
  check('d[c⟨t−1⟩; x⟨t⟩]', concat, dconcat, loss, 1);
}

test('one LSTM step: backward equals the central differences of every parameter and input', () => {
  for (const seed of [1, 2, 3]) lstmCase(jsKernels, seed);
});

test('one GRU step (the lecture\'s, Γr inside the candidate\'s product): backward equals the central differences', () => {
  for (const seed of [1, 2, 3]) gruCase(jsKernels, seed);
});

test('the cells pass the same checks on the WebAssembly kernels (the engine\'s matrices live in their memory)', () => {
  const k = wasmKernelSet();
  assert.ok(k, 'the WASM kernels are built');
  lstmCase(k, 4);
  gruCase(k, 4);
});

test('the LSTM step computes the course\'s equations entry by entry', () => {
  const rng = new Rng(9, 'lstm equations');
  const p = parameters(rng, LSTM_WEIGHTS, LSTM_BIASES) as LstmParameters;
  const concat = randomMatrix(rng, n_a + n_x, m), cPrev = randomMatrix(rng, n_a, m);
  const s: LstmStep = { concat, cPrev, ft: matrix(n_a, m), it: matrix(n_a, m), cct: matrix(n_a, m), ot: matrix(n_a, m), c: matrix(n_a, m), tanhC: matrix(n_a, m), a: matrix(n_a, m) };
  lstmForward(jsKernels, p, s);
  const sigma = (z: number) => 1 / (1 + Math.exp(-z));
  const affine = (W: Matrix, b: Matrix, i: number, j: number) => {
    let z = b.data[i];
    for (let q = 0; q < n_a + n_x; q++) z += W.data[i * (n_a + n_x) + q] * concat.data[q * m + j];
    return z;
  };
  for (let i = 0; i < n_a; i++) {
    for (let j = 0; j < m; j++) {
      const c = sigma(affine(p.Wf, p.bf, i, j)) * cPrev.data[i * m + j] + sigma(affine(p.Wi, p.bi, i, j)) * Math.tanh(affine(p.Wc, p.bc, i, j));
      const a = sigma(affine(p.Wo, p.bo, i, j)) * Math.tanh(c);
      assert.ok(Math.abs(s.c.data[i * m + j] - c) < 1e-14 && Math.abs(s.a.data[i * m + j] - a) < 1e-14, `(${i}, ${j})`);
    }
  }
});
