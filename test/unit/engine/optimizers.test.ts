// Every update rule of spec §9 for two steps on a 2×2 θ, with the numbers worked out by hand, on the
// engine's kernels (WASM when built) and on the TypeScript ones. θ = [[1, 2], [3, 4]], α = 0.1,
// dθ = [[0.5, −1], [2, 0]] at t = 1 and [[1, 1], [−2, 0.5]] at t = 2. A zero gradient shows ε at work.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kernels } from '../../../core/foundation/kernels';
import { jsKernels } from '../../../core/engine/kernels';
import { fromRows, matrix, type Matrix } from '../../../core/engine/matrix';
import { makeOptimizer, momentsOf } from '../../../core/layers/optimizers';
import { defaultKernels } from '../../../core/engine/wasm';
import type { OptimizerSpec } from '../../../core/foundation/model';

const d1 = [[0.5, -1], [2, 0]];
const d2 = [[1, 1], [-2, 0.5]];

/** θ after each of the two steps. */
function twoSteps(spec: OptimizerSpec, k: Kernels): [number[], number[], ReturnType<typeof makeOptimizer>] {
  const theta = fromRows([[1, 2], [3, 4]]);
  const optimizer = makeOptimizer(spec, k, [theta], (r, c) => matrix(r, c));
  optimizer.update([theta], [fromRows(d1)], 0.1, 1);
  const first = Array.from(theta.data);
  optimizer.update([theta], [fromRows(d2)], 0.1, 2);
  return [first, Array.from(theta.data), optimizer];
}

function assertNear(got: number[], want: number[], what: string): void {
  got.forEach((x, p) => assert.ok(Math.abs(x - want[p]) <= 1e-14 * Math.max(1, Math.abs(want[p])), `${what} entry ${p}: ${x}, by hand ${want[p]}`));
}

const KERNELS: Array<[string, Kernels]> = [['engine kernels', defaultKernels()], ['TypeScript kernels', jsKernels]];

for (const [which, k] of KERNELS) {
  test(`gd by hand (${which}): θ −= α·dθ`, () => {
    const [first, second] = twoSteps({ kind: 'gd' }, k);
    assertNear(first, [0.95, 2.1, 2.8, 4], 't = 1');
    assertNear(second, [0.85, 2.0, 3.0, 3.95], 't = 2');
  });

  test(`momentum by hand (${which}): v = β·v + (1 − β)·dθ, θ −= α·v`, () => {
    // β = 0.5: v1 = d1/2 = [[0.25, −0.5], [1, 0]]; θ1 = θ − 0.1·v1
    // v2 = v1/2 + d2/2 = [[0.625, 0.25], [−0.5, 0.25]]; θ2 = θ1 − 0.1·v2
    const [first, second, opt] = twoSteps({ kind: 'momentum', beta: 0.5 }, k);
    assertNear(first, [0.975, 2.05, 2.9, 4], 't = 1');
    assertNear(second, [0.9125, 2.025, 2.95, 3.975], 't = 2');
    assertNear(Array.from(opt.state.v![0].data), [0.625, 0.25, -0.5, 0.25], 'v_dθ');
  });

  test(`rmsprop by hand (${which}): s = β·s + (1 − β)·dθ², θ −= α·dθ/(√s + ε)`, () => {
    // β = 0.75, ε = 1e-8: s1 = d1²/4 = [[0.0625, 0.25], [1, 0]], √s1 = [[0.25, 0.5], [1, 0]]
    // s2 = 0.75·s1 + 0.25·d2² = [[0.296875, 0.4375], [1.75, 0.0625]]
    const e = 1e-8;
    const [first, second, opt] = twoSteps({ kind: 'rmsprop', beta: 0.75, epsilon: e }, k);
    const t1 = [1 - 0.1 * 0.5 / (0.25 + e), 2 + 0.1 * 1 / (0.5 + e), 3 - 0.1 * 2 / (1 + e), 4]; // the zero gradient moves nothing
    assertNear(first, t1, 't = 1');
    assertNear(second, [t1[0] - 0.1 * 1 / (Math.sqrt(0.296875) + e), t1[1] - 0.1 * 1 / (Math.sqrt(0.4375) + e),
      t1[2] + 0.1 * 2 / (Math.sqrt(1.75) + e), 4 - 0.1 * 0.5 / (0.25 + e)], 't = 2');
    assertNear(Array.from(opt.state.s![0].data), [0.296875, 0.4375, 1.75, 0.0625], 's_dθ');
  });

  test(`adam by hand (${which}): bias-corrected v̂, ŝ with t = 1, 2`, () => {
    // β1 = 0.5, β2 = 0.75, ε = 1e-8. t = 1: v̂ = v1/0.5 = d1, ŝ = s1/0.25 = d1², so θ moves by α·sign(dθ).
    // t = 2: v2 = [[0.625, 0.25], [−0.5, 0.25]], v̂ = v2/0.75; s2 as in rmsprop, ŝ = s2/0.4375 = [[0.6785…, 1], [4, 0.1428…]]
    const e = 1e-8;
    const [first, second, opt] = twoSteps({ kind: 'adam', beta1: 0.5, beta2: 0.75, epsilon: e }, k);
    const t1 = [1 - 0.1 * 0.5 / (0.5 + e), 2 + 0.1 * 1 / (1 + e), 3 - 0.1 * 2 / (2 + e), 4];
    assertNear(first, t1, 't = 1');
    assertNear(second, [
      t1[0] - 0.1 * (0.625 / 0.75) / (Math.sqrt(0.296875 / 0.4375) + e),
      t1[1] - 0.1 * (0.25 / 0.75) / (1 + e),
      t1[2] + 0.1 * (0.5 / 0.75) / (2 + e),
      4 - 0.1 * (0.25 / 0.75) / (Math.sqrt(0.0625 / 0.4375) + e),
    ], 't = 2');
    assertNear(Array.from(opt.state.v![0].data), [0.625, 0.25, -0.5, 0.25], 'v_dθ');
    assertNear(Array.from(opt.state.s![0].data), [0.296875, 0.4375, 1.75, 0.0625], 's_dθ');
  });
}

test('the registry: each optimizer keeps the moments the course names, one per parameter with its shape', () => {
  assert.deepEqual(momentsOf('gd'), []);
  assert.deepEqual(momentsOf('momentum'), ['v']);
  assert.deepEqual(momentsOf('rmsprop'), ['s']);
  assert.deepEqual(momentsOf('adam'), ['v', 's']);
  const params: Matrix[] = [matrix(3, 2), matrix(3, 1), matrix(1, 3), matrix(1, 1)];
  const adam = makeOptimizer({ kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, jsKernels, params, (r, c) => matrix(r, c));
  for (const name of ['v', 's'] as const) {
    assert.deepEqual(adam.state[name]!.map((M) => [M.rows, M.cols]), [[3, 2], [3, 1], [1, 3], [1, 1]]);
    assert.ok(adam.state[name]!.every((M) => M.data.every((x) => x === 0)), `${name} starts at 0`);
  }
  assert.equal(makeOptimizer(undefined, jsKernels, params, (r, c) => matrix(r, c)).spec.kind, 'gd', 'no optimizer setting: gd');
});
