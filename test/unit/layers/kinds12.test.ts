// The kinds of spec §12 that are layers, against the loops of naive.ts on the TypeScript kernels and
// the WASM kernels against the TypeScript ones bit for bit: depthwise_conv2d is conv2d with a filter
// bank that is zero off the diagonal (W[u,v,k,c] = 0 for k ≠ c), so §8's own loops are its
// reference; global_avg_pool is the mean of each channel, (m, n_H, n_W, n_C) → (n_C, m).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadData } from '../../../core/engine';
import { gradientCheck } from '../../../core/engine/gradcheck';
import { jsKernels } from '../../../core/engine/kernels';
import { analyze } from '../../../core/language';
import type { Grid } from '../../../core/foundation/kernels';
import { matrix, type Matrix } from '../../../core/foundation/matrix';
import type { Activation } from '../../../core/foundation/model';
import { volume } from '../../../core/layers';
import { heapMatrix, uniform, wasm } from '../wasm/helpers';
import { activated, assertNear, at, convBackward, convForward, type Volume4 } from './naive';
import { runLayer } from './run';

const filled = (n: number, f: () => number) => Float64Array.from({ length: n }, f);
const plainCopy = (M: Matrix): Matrix => ({ rows: M.rows, cols: M.cols, data: M.data.slice() });

/** The depthwise filters (f·f, C) as a full conv2d bank (f, f, C, C), zero where k ≠ c. */
function diagonal(Wd: Float64Array, f: number, C: number): Float64Array {
  const W = new Float64Array(f * f * C * C);
  for (let q = 0; q < f * f; q++) for (let c = 0; c < C; c++) W[(q * C + c) * C + c] = Wd[q * C + c];
  return W;
}

const DEPTHWISE_CASES = [
  { H: 5, W: 5, C: 1, f: 3, stride: 1, pad: 0, g: 'linear' },
  { H: 6, W: 7, C: 3, f: 3, stride: 2, pad: 1, g: 'relu' },
  { H: 7, W: 7, C: 4, f: 5, stride: 1, pad: 2, g: 'linear' }, // `same`
  { H: 8, W: 6, C: 5, f: 2, stride: 2, pad: 0, g: 'tanh' },
  { H: 4, W: 4, C: 2, f: 3, stride: 1, pad: 3, g: 'linear' }, // pad > f: whole windows of zeros
  { H: 9, W: 9, C: 7, f: 3, stride: 3, pad: 1, g: 'relu' }, // odd n_C: the f64x2 runs' last single entry
] as const;

for (const c of DEPTHWISE_CASES) {
  const name = `depthwise_conv2d ${c.g} f: ${c.f} stride: ${c.stride} pad: ${c.pad} on (${c.H}, ${c.W}, ${c.C})`;
  test(`${name} is conv2d with a diagonal filter bank: the loops of §8`, () => {
    const m = 3, r = uniform(c.H * 100 + c.f * 10 + c.pad + c.C);
    const A: Volume4 = { m, H: c.H, W: c.W, C: c.C, data: filled(m * c.H * c.W * c.C, r) };
    const Wd = filled(c.f * c.f * c.C, r);
    const b = filled(c.C, r);
    const W = diagonal(Wd, c.f, c.C);
    const Z = convForward(A, W, b, c.f, c.stride, c.pad, c.C);
    const dA = filled(Z.data.length, r);
    const g: Activation = { name: c.g };
    const run = runLayer({ kind: 'depthwise_conv2d', activation: g, f: c.f, stride: c.stride, pad: c.pad },
      volume(c.H, c.W, c.C), jsKernels, matrix, m, { Aprev: A.data, W: Wd, b, dA });
    const out = activated(c.g, Z.data, dA);
    assertNear(run.Z, Z.data, 'Z');
    assertNear(run.A, out.A, 'A');
    const want = convBackward(A, W, { ...Z, data: out.dZ }, c.f, c.stride, c.pad);
    // dW of the diagonal only: the off-diagonal entries are no parameters of a depthwise layer
    assertNear(run.dW, Wd.map((_, p) => want.dW[(Math.floor(p / c.C) * c.C + (p % c.C)) * c.C + (p % c.C)]), 'dW');
    assertNear(run.db, want.db, 'db');
    assertNear(run.dAprev, want.dA.data, 'dA[l−1]');
  });

  test(`${name}: the WASM kernels give the TypeScript kernels' bits`, () => {
    const { kernels } = wasm();
    const r = uniform(c.H + c.C * 7);
    const out = (n: number) => Math.floor((n + 2 * c.pad - c.f) / c.stride) + 1;
    const g: Grid = { m: 2, n_H: c.H, n_W: c.W, n_C: c.C, f: c.f, s: c.stride, p: c.pad, out_H: out(c.H), out_W: out(c.W) };
    const A = heapMatrix(g.m, c.H * c.W * c.C, r);
    const W = heapMatrix(c.f * c.f, c.C, r);
    const Z = heapMatrix(g.m, g.out_H * g.out_W * c.C, r); // stale values: the kernel overwrites all
    const Zwant = plainCopy(Z);
    kernels.depthwise(Z, A, W, g);
    jsKernels.depthwise(Zwant, plainCopy(A), plainCopy(W), g);
    assert.deepEqual(Z.data, Zwant.data);
    const dZ = heapMatrix(Z.rows, Z.cols, r);
    const dW = heapMatrix(W.rows, W.cols, r), dWwant = plainCopy(dW);
    kernels.depthwiseFilters(dW, A, dZ, g, 1 / 3);
    jsKernels.depthwiseFilters(dWwant, plainCopy(A), plainCopy(dZ), g, 1 / 3);
    assert.deepEqual(dW.data, dWwant.data);
    const dA = heapMatrix(A.rows, A.cols, r), dAwant = plainCopy(dA);
    kernels.depthwiseInput(dA, dZ, W, g);
    jsKernels.depthwiseInput(dAwant, plainCopy(dZ), plainCopy(W), g);
    assert.deepEqual(dA.data, dAwant.data);
  });
}

test('global_avg_pool: A[l][c, i] is the mean of channel c of example i, and dA[l−1] shares dA[l] evenly', () => {
  const m = 3, H = 3, W = 4, C = 5, r = uniform(21);
  const A: Volume4 = { m, H, W, C, data: filled(m * H * W * C, r) };
  const dA = filled(C * m, r);
  for (const [kernels, allocate] of [[jsKernels, matrix], [wasm().kernels, heapMatrix]] as const) {
    const run = runLayer({ kind: 'global_avg_pool' }, volume(H, W, C), kernels, allocate, m, { Aprev: A.data, dA });
    const want = new Float64Array(C * m);
    const dWant = new Float64Array(A.data.length);
    for (let i = 0; i < m; i++) for (let c = 0; c < C; c++) {
      let sum = 0;
      for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) sum += at(A, i, h, w, c);
      want[c * m + i] = sum / (H * W);
      for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) dWant[((i * H + h) * W + w) * C + c] = dA[c * m + i] / (H * W);
    }
    assertNear(run.A, want, 'A (n_C, m)');
    assertNear(run.dAprev, dWant, 'dA[l−1]');
  }
});

/** The gradient check of a depthwise-separable net with global_avg_pool and L2, `norm` after both depthwise lines. */
function checkSeparable(norm: string) {
  const text = `network g {
  input (6, 6, 3)
  depthwise_conv2d tanh f: 3 pad: 1${norm}
  conv2d 4 relu f: 1
  depthwise_conv2d tanh f: 2 stride: 2${norm}
  global_avg_pool
  dense 3 softmax
  train {
    data blobs(m: 30, classes: 3, features: 108)
    l2 0.3
  }
}
`;
  const { diagnostics, networks } = analyze(text);
  assert.deepEqual(diagnostics, []);
  const spec = networks[0].spec!;
  const result = gradientCheck(spec, loadData(spec).train);
  assert.equal(result.verdict, 'fine', `difference ${result.difference}`);
  for (const p of result.perParameter) assert.ok(p.difference < 1e-5, `${p.name}[${p.l}]: ${p.difference}`);
  return result.perParameter.map((p) => `${p.name}${p.l}`);
}

test('gradient checking passes on a depthwise-separable net with global_avg_pool and L2 (every W[l], b[l])', () => {
  assert.deepEqual(checkSeparable(''), ['W1', 'b1', 'W2', 'b2', 'W3', 'b3', 'W5', 'b5']);
});

test('gradient checking passes on depthwise layers with norm: batch (batch statistics): W[l], γ[l] and β[l]', () => {
  assert.deepEqual(checkSeparable('  norm: batch'), ['W1', 'gamma1', 'beta1', 'W2', 'b2', 'W3', 'gamma3', 'beta3', 'W5', 'b5']);
});
