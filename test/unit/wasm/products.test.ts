// The three products of backprop, WASM SIMD against the TypeScript reference, on random shapes
// including edge sizes: 1, odd, primes, the course's 12288 inputs, and sizes around the kernels'
// register and cache blocks. Each entry must agree to 1e-12 of Σ_k |a_ik·b_kj|, the scale of the
// rounding error any summation order can make.

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsKernels } from '../../../core/engine/kernels';
import { loadWasm } from '../../../core/engine/wasm';
import type { Matrix } from '../../../core/engine/matrix';
import { assertClose, heapMatrix, uniform, wasm } from './helpers';

// (M, K, N): C is M×N for A·B with A M×K and B K×N.
const SHAPES: Array<[number, number, number]> = [
  [1, 1, 1], [1, 12288, 1], [2, 3, 5], [4, 2, 400], [5, 7, 3], [7, 11, 13], [13, 1, 17],
  [3, 257, 31], [9, 513, 4], [20, 12288, 209], [31, 97, 1025], [1, 64, 2], [8, 8, 8],
];

const abs = (m: Matrix): Matrix => ({ rows: m.rows, cols: m.cols, data: m.data.map(Math.abs) });

function compare(name: 'mul' | 'mulBT' | 'mulAT', C: [number, number], A: Matrix, B: Matrix, alpha: number): void {
  const { kernels } = wasm();
  const got = heapMatrix(...C);
  const want = heapMatrix(...C);
  const scale = heapMatrix(...C);
  kernels[name](got, A, B, alpha);
  jsKernels[name](want, A, B, alpha);
  jsKernels[name](scale, abs(A), abs(B), Math.abs(alpha));
  assertClose(got.data, want.data, 1e-12, scale.data, `${name} ${A.rows}×${A.cols}, ${B.rows}×${B.cols}`);
}

test('W·A matches the TypeScript kernel on every shape', () => {
  const r = uniform(1);
  for (const [M, K, N] of SHAPES) compare('mul', [M, N], heapMatrix(M, K, r), heapMatrix(K, N, r), 1);
});

test('dZ·Aᵀ (scaled by 1/m) matches the TypeScript kernel on every shape', () => {
  const r = uniform(2);
  for (const [M, K, N] of SHAPES) compare('mulBT', [M, K], heapMatrix(M, N, r), heapMatrix(K, N, r), 1 / N);
});

test('Wᵀ·dZ matches the TypeScript kernel on every shape', () => {
  const r = uniform(3);
  for (const [M, K, N] of SHAPES) compare('mulAT', [K, N], heapMatrix(M, K, r), heapMatrix(M, N, r), 1);
});

test('a product overwrites what its result held before', () => {
  const r = uniform(4);
  const A = heapMatrix(6, 300, r), B = heapMatrix(300, 7, r);
  const got = heapMatrix(6, 7, () => 1e6), want = heapMatrix(6, 7);
  wasm().kernels.mul(got, A, B);
  jsKernels.mul(want, A, B);
  assertClose(got.data, want.data, 1e-12, 1e2, 'mul into a dirty buffer');
});

test('operands outside the WASM memory give the reference result', () => {
  const r = uniform(5);
  const A = { rows: 3, cols: 5, data: Float64Array.from({ length: 15 }, r) };
  const B = heapMatrix(5, 4, r);
  const got = heapMatrix(3, 4), want = heapMatrix(3, 4);
  wasm().kernels.mul(got, A, B);
  jsKernels.mul(want, A, B);
  assertClose(got.data, want.data, 0, 0, 'mixed operands');
});

test('two threads give exactly the one-thread results', () => {
  const module = loadWasm();
  assert.ok(module);
  const threads = module.threads;
  const r = uniform(6);
  const cases: Array<[string, [number, number], Matrix, Matrix]> = [
    ['mul', [20, 209], heapMatrix(20, 12288, r), heapMatrix(12288, 209, r)],
    ['mulBT', [20, 1531], heapMatrix(20, 209, r), heapMatrix(1531, 209, r)],
    ['mulBT', [130, 7], heapMatrix(130, 2001, r), heapMatrix(7, 2001, r)],
    ['mulAT', [128, 2001], heapMatrix(64, 128, r), heapMatrix(64, 2001, r)],
  ];
  try {
    for (const [name, shape, A, B] of cases) {
      const [one, two] = [heapMatrix(...shape), heapMatrix(...shape)];
      module.threads = 1;
      wasm().kernels[name as 'mul'](one, A, B, 0.5);
      module.threads = 2;
      wasm().kernels[name as 'mul'](two, A, B, 0.5);
      assertClose(two.data, one.data, 0, 0, `${name} on two threads`);
    }
  } finally {
    module.threads = threads;
  }
});
