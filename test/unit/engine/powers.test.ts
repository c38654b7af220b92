// The powers the engine computes without `**` (core/foundation/powers.ts): exponential decay's R^k
// and the positional encoding's 10000^(2i/d), so `nn train` (Node 20) and the panel (Node 24)
// compute the same bits. Held to the exact value where it is a double, and near the power elsewhere
// (a learning rate 1e-13 off is the same rate; PyTorch's export is held to 1e-9).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { realPower, wholePower } from '../../../core/foundation/powers';
import { decayedRate } from '../../../core/engine/decay';
import { encoding } from '../../../core/layers/positionalEncoding';

const close = (actual: number, expected: number, ulps: number) =>
  assert.ok(Math.abs(actual - expected) <= ulps * Number.EPSILON * Math.abs(expected), `${actual} is not within ${ulps} ulps of ${expected}`);

test('wholePower: x^0 = 1, exact powers of 2 and of 0.5, small whole powers exact', () => {
  assert.equal(wholePower(0.9, 0), 1);
  assert.equal(wholePower(0.9, 1), 0.9);
  assert.equal(wholePower(0.5, 10), 1 / 1024);
  assert.equal(wholePower(2, 52), 2 ** 52);
  assert.equal(wholePower(3, 20), 3486784401);
  assert.equal(wholePower(0.75, 7), 2187 / 16384);
});

test('wholePower: within k ulps of x^k for every k up to 5,000 (each squaring doubles the error before it), and the same as squaring by hand', () => {
  for (const x of [0.95, 0.5, 0.999, 0.1]) {
    for (let k = 0; k <= 5000; k += 7) close(wholePower(x, k), Math.pow(x, k), k + 1);
  }
  // 13 = 8 + 4 + 1: x·x^4·x^8, each square from the one before
  const x = 0.95;
  const x2 = x * x;
  const x4 = x2 * x2;
  const x8 = x4 * x4;
  assert.equal(wholePower(x, 13), x * x4 * x8);
});

test('realPower: within a few ulps of 10000^e over the encoding\'s exponents', () => {
  for (let d = 1; d <= 64; d++) for (let k = 0; k < d; k += 2) close(realPower(10000, k / d), Math.pow(10000, k / d), 16);
  assert.equal(realPower(10000, 0), 1);
});

test('exponential decay uses it: α·R^⌊i/K⌋, 0.5 halving exactly each K steps', () => {
  assert.equal(decayedRate(0.1, { kind: 'exponential', rate: 0.5, every: 10 }, 35), 0.1 * 0.125);
  close(decayedRate(0.1, { kind: 'exponential', rate: 0.95, every: 1 }, 1000), 0.1 * Math.pow(0.95, 1000), 1001);
});

test('the positional encoding still equals sin and cos of t / 10000^(2i/d) to 1e-13', () => {
  const d = 32;
  const T = 30;
  const pe = encoding(d, T);
  for (let t = 0; t < T; t++) {
    for (let k = 0; k < d; k++) {
      const angle = t / Math.pow(10000, (2 * Math.floor(k / 2)) / d);
      assert.ok(Math.abs(pe[t * d + k] - (k % 2 === 0 ? Math.sin(angle) : Math.cos(angle))) < 1e-13, `PE[${k}, ${t}]`);
    }
  }
});
