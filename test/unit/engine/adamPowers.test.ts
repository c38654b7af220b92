// Adam's β1^t and β2^t (spec §9) are running products (core/layers/optimizers/powers.ts), not
// `**`: V8's Math.pow is not correctly rounded and differs between Node 20 and Node 24, a product of
// doubles does not. These tests hold the product to the exact power, computed in BigInt rationals,
// and show that it depends on β and t alone, whatever order the updates ask for it in.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsKernels } from '../../../core/engine/kernels';
import { fromRows, matrix } from '../../../core/engine/matrix';
import { makeOptimizer, RunningPowers } from '../../../core/layers/optimizers';

/** x = m·2^e with m a 53-bit integer (x a positive normal double). */
function split(x: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  assert.ok(biased > 0 && biased < 0x7ff, `${x} is a positive normal double`);
  return { m: (bits & ((1n << 52n) - 1n)) | (1n << 52n), e: biased - 1075 };
}

/**
 * (x − β^t) in units in the last place of x, β^t exact: β = M·2^E, so β^t = M^t·2^(E·t), and
 * x = m·2^e, ulp(x) = 2^e. Returns (m·2^k − M^t) / 2^k with k = e − E·t ≥ 0, to about 1e-9 ulp.
 */
function ulpsFromExact(x: number, Mt: bigint, E: number, t: number): number {
  const { m, e } = split(x);
  const k = e - E * t;
  assert.ok(k >= 0, 'x is not far below β^t');
  const difference = (m << BigInt(k)) - Mt;
  const drop = Math.max(0, k - 30); // keep 30 bits below the ulp: plenty for a figure in ulps
  return Number(difference >> BigInt(drop)) / 2 ** (k - drop);
}

const u = 2 ** -53; // the unit roundoff: one multiplication's relative error is at most u

for (const beta of [0.9, 0.999]) {
  test(`β = ${beta}: β^t by running product is within the IEEE bound of the exact power for t ≤ 5000, and within √t ulps`, () => {
    const powers = new RunningPowers();
    const { m: M, e: E } = split(beta);
    let Mt = 1n;
    let worst = 0;
    for (let t = 1; t <= 5000; t++) {
      Mt *= M;
      const ulps = Math.abs(ulpsFromExact(powers.of(beta, t), Mt, E, t));
      if (t === 1) assert.equal(ulps, 0, 'β^1 is β itself');
      if (t === 2) assert.ok(ulps <= 0.5, `β^2 is one rounding of β·β, correctly rounded: ${ulps} ulps`);
      // t − 1 roundings (1·β is exact), each of relative error ≤ u, and ulp(x) ≥ u·x: at most
      // ((1 + u)^(t−1) − 1)/u ≤ (t − 1)·(1 + t·u) ulps
      const bound = (t - 1) * (1 + t * u);
      assert.ok(ulps <= bound, `t = ${t}: ${ulps} ulps from the exact β^t, more than t − 1 roundings allow (${bound})`);
      worst = Math.max(worst, ulps / Math.sqrt(t));
    }
    // The roundings' signs vary, so the errors add like a random walk, not in a line: measured at
    // most 0.57·√t ulps for both β (the worst case, t − 1 ulps, would be 5000 at the end).
    assert.ok(worst <= 1, `at most √t ulps from the exact power: worst ${worst.toFixed(3)}·√t`);
  });
}

test('known powers come out exact: 0.5^t down to the smallest subnormal, 0.75^t while 3^t fits in 53 bits', () => {
  const powers = new RunningPowers();
  for (let t = 0; t <= 1074; t++) assert.equal(powers.of(0.5, t), 2 ** -t, `0.5^${t}`); // 2 ** −t is exact: a power of two
  for (let t = 0; t <= 33; t++) assert.equal(powers.of(0.75, t), Number(3n ** BigInt(t)) / 4 ** t, `0.75^${t}`);
  assert.equal(powers.of(0.5, 1075), 0, '2^−1075 rounds to 0 (ties to even)');
});

test('β^t depends on β and t alone: in order, from a fresh start, back to an earlier t, or with another β in between', () => {
  const inOrder = (beta: number, t: number): number => {
    let p = 1;
    for (let k = 0; k < t; k++) p *= beta;
    return p;
  };
  const sequential = new RunningPowers();
  for (let t = 0; t <= 3000; t++) assert.equal(sequential.of(0.999, t), inOrder(0.999, t), `t = ${t} in order`);
  assert.equal(new RunningPowers().of(0.999, 3000), inOrder(0.999, 3000), 'a fresh optimizer asked for t = 3000 at once');
  assert.equal(sequential.of(0.999, 17), inOrder(0.999, 17), 'back to t = 17 (a reset)');
  const mixed = new RunningPowers();
  for (let t = 1; t <= 500; t++) {
    assert.equal(mixed.of(0.9, t), inOrder(0.9, t));
    assert.equal(mixed.of(0.999, t), inOrder(0.999, t));
    assert.equal(mixed.of(0.9, t), inOrder(0.9, t), 'asked twice at the same t: no second multiplication');
  }
});

test('Adam divides by 1 − β^t with β^t the running product: an update at t = 500 moves θ by the rule with that c1, c2', () => {
  // One θ entry with v and s set by 499 updates of the same gradient d: v = (1 − β1^499)·d,
  // s = (1 − β2^499)·d². With d fixed, v̂ = d and ŝ = d² whatever t, so θ moves by α·d/(|d| + ε) at
  // every update — if c1 and c2 are 1 − β^t of the same t as the moments. A power of another t
  // (t − 1, t + 1, or a ** that drifted) leaves a trace far above the 1e-12 asked (β2^(t−1)/β2^t alone is 1e-3 apart at t = 500).
  const beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, alpha = 0.01, d = 0.25;
  const theta = fromRows([[1]]);
  const adam = makeOptimizer({ kind: 'adam', beta1, beta2, epsilon }, jsKernels, [theta], (r, c) => matrix(r, c));
  for (let t = 1; t <= 500; t++) {
    const before = theta.data[0];
    adam.update([theta], [fromRows([[d]])], alpha, t);
    const moved = before - theta.data[0];
    assert.ok(Math.abs(moved / ((alpha * d) / (d + epsilon)) - 1) <= 1e-12, `t = ${t}: θ moved by ${moved}`);
  }
});
