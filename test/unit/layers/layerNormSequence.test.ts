// layer_norm on a sequence (spec §13, §15): each step of each example normalized over its n
// features with one γ[l], β[l] — PyTorch's LayerNorm(n) on (m, T, n) — against the definition and
// the two-sided difference; on vectors it stays what it was (T = 1).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsKernels } from '../../../core/engine/kernels';
import { Rng } from '../../../core/foundation/prng';
import { kindOf, sequence, vector, type Shape } from '../../../core/layers';
import { runNamed } from './runNamed';

const plain = (rows: number, cols: number) => ({ rows, cols, data: new Float64Array(rows * cols) });
const spec = { kind: 'layer_norm' as const };

function normalized(Aprev: Float64Array, gamma: Float64Array, beta: Float64Array, n: number, T: number, m: number): Float64Array {
  const out = new Float64Array(T * n * m);
  for (let t = 0; t < T; t++) for (let i = 0; i < m; i++) {
    const xs = Array.from({ length: n }, (_, r) => Aprev[(t * n + r) * m + i]);
    const mu = xs.reduce((a, b) => a + b, 0) / n;
    const v = xs.reduce((a, x) => a + (x - mu) ** 2, 0) / n;
    xs.forEach((x, r) => { out[(t * n + r) * m + i] = gamma[r] * (x - mu) / Math.sqrt(v + 1e-5) + beta[r]; });
  }
  return out;
}

for (const [input, T] of [[sequence(4, 3), 3], [vector(5), 1]] as Array<[Shape, number]>) {
  const n = input.kind === 'sequence' || input.kind === 'vector' ? input.n : 0;
  const m = 3;
  test(`layer_norm on ${input.kind === 'sequence' ? `a sequence (n = ${n}, T = ${T})` : 'vectors'}: the definition per step and example, and its gradients`, () => {
    assert.deepEqual(kindOf(spec).output(spec, input), { output: input, issues: [] });
    const rng = new Rng(5 + T, 'layer norm');
    const fill = (k: number, lo: number, hi: number) => Float64Array.from({ length: k }, () => lo + (hi - lo) * rng.uniform());
    const c = { Aprev: fill(T * n * m, -2, 3), theta: { gamma: fill(n, 0.5, 1.5), beta: fill(n, -1, 1) }, dA: fill(T * n * m, -1, 1) };
    const run = runNamed(spec, input, jsKernels, plain, m, c);
    const expected = normalized(c.Aprev, c.theta.gamma, c.theta.beta, n, T, m);
    run.A.forEach((x, p) => assert.ok(Math.abs(x - expected[p]) < 1e-12, `A[${p}]`));
    const J = () => normalized(c.Aprev, c.theta.gamma, c.theta.beta, n, T, m).reduce((acc, x, p) => acc + x * c.dA[p], 0);
    const numeric = (values: Float64Array, p: number): number => {
      const keep = values[p];
      values[p] = keep + 1e-6;
      const up = J();
      values[p] = keep - 1e-6;
      const down = J();
      values[p] = keep;
      return (up - down) / 2e-6;
    };
    const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) <= 1e-7 * Math.max(1, Math.abs(want)), `${what}: ${got} vs ${want}`);
    run.dTheta.gamma.forEach((g, p) => close(m * g, numeric(c.theta.gamma, p), `dγ[${p}]`));
    run.dTheta.beta.forEach((g, p) => close(m * g, numeric(c.theta.beta, p), `dβ[${p}]`));
    run.dAprev.forEach((g, p) => close(g, numeric(c.Aprev, p), `dA[l−1][${p}]`));
  });
}
