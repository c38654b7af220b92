// Each layer kind's forward and backward (spec §8 "Math") against the naive loops of naive.ts, on
// the TypeScript kernels, to 1e-12: conv2d over several f, stride and padding (pad > 0, stride 2,
// `same`), max and average pooling (overlapping windows f 3 stride 2, ties → the first maximum),
// flatten, and L2 on a conv layer's dW.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsKernels } from '../../../core/engine/kernels';
import { volume } from '../../../core/layers';
import { matrix } from '../../../core/foundation/matrix';
import type { Activation } from '../../../core/foundation/model';
import { uniform } from '../wasm/helpers';
import { assertNear, convBackward, convForward, flattenForward, poolBackward, poolForward, type Volume4 } from './naive';
import { runLayer } from './run';
import { Network } from '../../../core/engine/network';
import { initialize } from '../../../core/engine/init';
import { convSpec, dataset } from '../engine/convNet';

const filled = (n: number, f: () => number) => Float64Array.from({ length: n }, f);

const CONV_CASES = [
  { H: 5, W: 5, C: 1, filters: 2, f: 3, stride: 1, pad: 0, g: 'linear' },
  { H: 6, W: 7, C: 2, filters: 3, f: 3, stride: 2, pad: 1, g: 'relu' },
  { H: 7, W: 7, C: 3, filters: 2, f: 5, stride: 1, pad: 2, g: 'linear' }, // `same`
  { H: 8, W: 6, C: 2, filters: 4, f: 2, stride: 2, pad: 0, g: 'relu' },
  { H: 5, W: 4, C: 2, filters: 3, f: 1, stride: 1, pad: 0, g: 'linear' },
  { H: 4, W: 4, C: 1, filters: 1, f: 3, stride: 1, pad: 3, g: 'linear' }, // pad > f: whole windows of zeros
  { H: 9, W: 9, C: 2, filters: 3, f: 3, stride: 3, pad: 1, g: 'tanh' },
  // large enough that the engine works in blocks of 2 examples (256 KiB of im2col columns): 2 + 1
  { H: 26, W: 26, C: 1, filters: 2, f: 5, stride: 1, pad: 0, g: 'relu' },
  // blocks of one example
  { H: 30, W: 30, C: 3, filters: 2, f: 5, stride: 1, pad: 2, g: 'linear' },
] as const;

for (const c of CONV_CASES) {
  test(`conv2d ${c.filters} ${c.g} f: ${c.f} stride: ${c.stride} pad: ${c.pad} on (${c.H}, ${c.W}, ${c.C}) matches the loops of §8`, () => {
    const m = 3;
    const r = uniform(c.H * 100 + c.f * 10 + c.pad);
    const A: Volume4 = { m, H: c.H, W: c.W, C: c.C, data: filled(m * c.H * c.W * c.C, r) };
    const W = filled(c.f * c.f * c.C * c.filters, r);
    const b = filled(c.filters, r);
    const Z = convForward(A, W, b, c.f, c.stride, c.pad, c.filters);
    const dA = filled(Z.data.length, r);
    const g: Activation = { name: c.g };
    const run = runLayer({ kind: 'conv2d', filters: c.filters, activation: g, f: c.f, stride: c.stride, pad: c.pad },
      volume(c.H, c.W, c.C), jsKernels, matrix, m, { Aprev: A.data, W, b, dA });
    const act = (z: number) => (c.g === 'relu' ? Math.max(z, 0) : c.g === 'tanh' ? Math.tanh(z) : z);
    const slope = (z: number, a: number) => (c.g === 'relu' ? (z > 0 ? 1 : 0) : c.g === 'tanh' ? 1 - a * a : 1);
    assertNear(run.Z, Z.data, 'Z');
    assertNear(run.A, Z.data.map(act), 'A');
    const dZ = { ...Z, data: Z.data.map((z, p) => dA[p] * slope(z, act(z))) };
    const want = convBackward(A, W, dZ, c.f, c.stride, c.pad);
    assertNear(run.dW, want.dW, 'dW');
    assertNear(run.db, want.db, 'db');
    assertNear(run.dAprev, want.dA.data, 'dA[l−1]');
  });
}

test('L2 adds (λ/m)·W[l] to a conv layer\'s dW[l] and nothing to db[l]: the network does it for every regularized parameter', () => {
  const gradients = (l2: number) => {
    const spec = convSpec('max_pool', 'tanh', { l2, seed: 3 });
    const data = dataset(spec, 4, 2);
    const net = new Network(spec, initialize(spec), jsKernels);
    const buffers = net.allocate(data.m);
    net.forward(data.X, buffers, true);
    net.backward(buffers, data.Y);
    const out = { W: net.W[1].data.slice(), dW: net.dW[1].data.slice(), db: net.db[1].data.slice(), dW4: net.dW[4].data.slice(), W4: net.W[4].data.slice() };
    net.dispose();
    return out;
  };
  const plain = gradients(0), l2 = gradients(0.7);
  assertNear(l2.dW, plain.dW.map((d, p) => d + (0.7 / 4) * plain.W[p]), 'dW[1] with L2');
  assertNear(l2.dW4, plain.dW4.map((d, p) => d + (0.7 / 4) * plain.W4[p]), 'dW[4] with L2');
  assertNear(l2.db, plain.db, 'db[1] (no L2 on b)');
});

const POOL_CASES = [
  { H: 6, W: 6, C: 2, f: 2, stride: 2 },
  { H: 7, W: 7, C: 3, f: 3, stride: 2 }, // overlapping windows
  { H: 5, W: 6, C: 1, f: 2, stride: 1 }, // overlapping, stride 1
  { H: 7, W: 5, C: 2, f: 3, stride: 3 }, // rows the stride never reaches
] as const;

for (const c of POOL_CASES) {
  for (const max of [true, false]) {
    for (const ties of [false, true]) {
      const name = `${max ? 'max' : 'avg'}_pool f: ${c.f} stride: ${c.stride} on (${c.H}, ${c.W}, ${c.C})${ties ? ' with ties' : ''}`;
      test(`${name} matches the loops of §8`, () => {
        const m = 2, r = uniform(c.H * 10 + c.f + (ties ? 7 : 0));
        // ties: values from {0, 1, 2}, so most windows hold their maximum more than once
        const value = ties ? () => Math.floor((r() + 1) * 1.5) : r;
        const A: Volume4 = { m, H: c.H, W: c.W, C: c.C, data: filled(m * c.H * c.W * c.C, value) };
        const P = poolForward(A, c.f, c.stride, max);
        const dA = filled(P.data.length, r);
        const run = runLayer({ kind: max ? 'max_pool' : 'avg_pool', f: c.f, stride: c.stride }, volume(c.H, c.W, c.C), jsKernels, matrix, m,
          { Aprev: A.data, dA });
        assertNear(run.A, P.data, 'A');
        assertNear(run.dAprev, poolBackward(A, { ...P, data: dA }, c.f, c.stride, max).data, 'dA[l−1]');
      });
    }
  }
}

test('max_pool hands a tied window\'s gradient to its first maximum only', () => {
  // one example, one channel, 2×2 window over [[1, 3], [3, 2]]: both 3s tie; the first (0, 1) takes it all
  const run = runLayer({ kind: 'max_pool', f: 2, stride: 2 }, volume(2, 2, 1), jsKernels, matrix, 1,
    { Aprev: Float64Array.of(1, 3, 3, 2), dA: Float64Array.of(5) });
  assert.deepEqual(Array.from(run.A), [3]);
  assert.deepEqual(Array.from(run.dAprev), [0, 5, 0, 0]);
});

test('flatten is the (h, w, c) row-major transpose both ways', () => {
  const m = 3, r = uniform(11);
  const A: Volume4 = { m, H: 3, W: 4, C: 2, data: filled(m * 24, r) };
  const dA = filled(24 * m, r);
  const run = runLayer({ kind: 'flatten' }, volume(3, 4, 2), jsKernels, matrix, m, { Aprev: A.data, dA });
  assertNear(run.A, flattenForward(A), 'A (n, m)');
  // backward is the inverse permutation: flattening dA[l−1] gives dA[l] back
  assertNear(flattenForward({ ...A, data: run.dAprev }), dA, 'dA[l−1]');
});
