import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsKernels as k } from '../../../core/engine/kernels';
import { matrix } from '../../../core/engine/matrix';
import { Rng } from '../../../core/foundation/prng';
import { maxAbsDiff, naiveProduct, randomMatrix } from './helpers';

// Edge sizes around the 4×4 tile and the 256/64 blocks: 1, odd, primes, exact multiples, past a block.
const sizes = [1, 2, 3, 4, 5, 7, 8, 13, 17, 64, 65, 257];
const rng = new Rng(42, 'kernels');
const pick = () => sizes[rng.below(sizes.length)];

test('A·B, A·Bᵀ and Aᵀ·B equal the naive triple loop on random shapes', () => {
  for (let trial = 0; trial < 60; trial++) {
    const [M, N, K] = [pick(), pick(), pick()];
    const alpha = trial % 2 ? 1 : 0.5 - rng.uniform();
    const A = randomMatrix(rng, M, K), B = randomMatrix(rng, K, N);
    const At = randomMatrix(rng, K, M), Bt = randomMatrix(rng, N, K);
    const C = matrix(M, N);
    const close = (want: Float64Array, what: string) =>
      assert.ok(maxAbsDiff(C.data, want.map((v) => alpha * v)) < 1e-12 * K, `${what} ${M}×${K}·${K}×${N}`);
    k.mul(C, A, B, alpha);
    close(naiveProduct(A, B).data, 'A·B');
    k.mulBT(C, A, Bt, alpha);
    close(naiveProduct(A, Bt, false, true).data, 'A·Bᵀ');
    k.mulAT(C, At, B, alpha);
    close(naiveProduct(At, B, true, false).data, 'Aᵀ·B');
  }
});

test('products overwrite the result instead of accumulating into it', () => {
  const A = randomMatrix(rng, 5, 300), B = randomMatrix(rng, 300, 6);
  const C = matrix(5, 6);
  C.data.fill(1e6);
  k.mul(C, A, B);
  assert.ok(maxAbsDiff(C.data, naiveProduct(A, B).data) < 1e-10);
});

test('a product whose shapes do not fit throws instead of reading out of bounds', () => {
  assert.throws(() => k.mul(matrix(2, 3), matrix(2, 4), matrix(5, 3)), /shapes do not fit/);
});

test('addColumn broadcasts b over the columns, sumColumns sums them', () => {
  const Z = randomMatrix(rng, 3, 7), b = randomMatrix(rng, 3, 1);
  const before = Z.data.slice();
  k.addColumn(Z, b);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 7; j++) assert.equal(Z.data[i * 7 + j], before[i * 7 + j] + b.data[i]);
  const s = matrix(3, 1);
  k.sumColumns(s, Z, 0.5);
  for (let i = 0; i < 3; i++) {
    const want = 0.5 * Z.data.slice(i * 7, i * 7 + 7).reduce((x, y) => x + y, 0);
    assert.ok(Math.abs(s.data[i] - want) < 1e-14);
  }
});

test('hadamard multiplies entry by entry, and adds C when given, also in place', () => {
  const A = randomMatrix(rng, 3, 7), B = randomMatrix(rng, 3, 7), C = randomMatrix(rng, 3, 7), out = matrix(3, 7);
  k.hadamard(out, A, B);
  out.data.forEach((v, p) => assert.equal(v, A.data[p] * B.data[p]));
  const c0 = C.data.slice();
  k.hadamard(C, A, B, C);
  C.data.forEach((v, p) => assert.equal(v, c0[p] + A.data[p] * B.data[p]));
});

test('axpy and sub work entry by entry', () => {
  const X = randomMatrix(rng, 4, 5), Y = randomMatrix(rng, 4, 5), C = matrix(4, 5);
  k.sub(C, X, Y);
  C.data.forEach((v, p) => assert.equal(v, X.data[p] - Y.data[p]));
  const y0 = Y.data.slice();
  k.axpy(Y, -0.3, X);
  Y.data.forEach((v, p) => assert.equal(v, y0[p] + -0.3 * X.data[p]));
});
