// self_attention (spec §15) in the engine: forward against the spec's equations written as loops
// per example and head, every gradient against the two-sided difference (causal and not, h = 1
// and 2), on the TypeScript kernels. Sequences are (T·d, m), time-major (docs/part3.md).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsKernels } from '../../../core/engine/kernels';
import { parameterCount, sequence, kindOf } from '../../../core/layers';
import type { LayerSpec } from '../../../core/foundation/model';
import { attentionCase, type AttentionCase } from './attentionCase';
import { runNamed } from './runNamed';

const plain = (rows: number, cols: number) => ({ rows, cols, data: new Float64Array(rows * cols) });

type Case = AttentionCase;

/** A[l] from the spec's equations, one example and head at a time, nothing shared with the engine. */
function naive(c: Case, d: number, T: number, m: number, h: number, causal: boolean): Float64Array {
  const dk = d / h;
  const at = (M: Float64Array, t: number, r: number, i: number) => M[(t * d + r) * m + i];
  const out = new Float64Array(T * d * m);
  for (let i = 0; i < m; i++) {
    // Q = WQ·A + bQ per step: P[p][t][r]
    const P = ['Q', 'K', 'V'].map((p) => Array.from({ length: T }, (_, t) => Array.from({ length: d }, (_, r) => {
      let s = c.theta[`b${p}`][r];
      for (let q = 0; q < d; q++) s += c.theta[`W${p}`][r * d + q] * at(c.Aprev, t, q, i);
      return s;
    })));
    const O = Array.from({ length: T }, () => new Float64Array(d));
    for (let j = 0; j < h; j++) {
      for (let t = 0; t < T; t++) {
        const S = Array.from({ length: T }, (_, u) => {
          if (causal && u > t) return -Infinity;
          let s = 0;
          for (let r = 0; r < dk; r++) s += P[0][t][j * dk + r] * P[1][u][j * dk + r];
          return s / Math.sqrt(dk);
        });
        const max = Math.max(...S);
        const e = S.map((s) => Math.exp(s - max));
        const sum = e.reduce((a, b) => a + b, 0);
        for (let r = 0; r < dk; r++) O[t][j * dk + r] = e.reduce((acc, x, u) => acc + (x / sum) * P[2][u][j * dk + r], 0);
      }
    }
    for (let t = 0; t < T; t++) for (let r = 0; r < d; r++) {
      let s = c.theta.bO[r];
      for (let q = 0; q < d; q++) s += c.theta.WO[r * d + q] * O[t][q];
      out[(t * d + r) * m + i] = s;
    }
  }
  return out;
}

const spec = (heads: number, causal: boolean): LayerSpec => ({ kind: 'self_attention', heads, ...(causal ? { causal: true } : {}) });

for (const [d, T, m, h] of [[4, 3, 2, 1], [4, 5, 3, 2], [6, 4, 2, 3]]) {
  for (const causal of [false, true]) {
    const name = `d = ${d}, T = ${T}, m = ${m}, h = ${h}${causal ? ', causal' : ''}`;
    const input = sequence(d, T);

    test(`self_attention forward equals the spec's equations per example and head (${name})`, () => {
      const c = attentionCase(d * 100 + T * 10 + h, d, T, m);
      const run = runNamed(spec(h, causal), input, jsKernels, plain, m, c);
      const expected = naive(c, d, T, m, h, causal);
      run.A.forEach((x, p) => assert.ok(Math.abs(x - expected[p]) < 1e-12, `A[${p}] ${x} vs ${expected[p]}`));
      // α (m, h, T, T): rows sum to 1, and the causal mask leaves exact zeros above the diagonal
      const alpha = run.batch[4];
      for (let row = 0; row < m * h * T; row++) {
        const t = row % T;
        const entries = alpha.subarray(row * T, (row + 1) * T);
        assert.ok(Math.abs(entries.reduce((a, b) => a + b, 0) - 1) < 1e-12);
        if (causal) entries.forEach((x, u) => u > t && assert.equal(x, 0));
      }
    });

    test(`self_attention's gradients equal the two-sided difference (${name})`, () => {
      const c = attentionCase(d * 31 + T * 7 + h, d, T, m);
      const run = runNamed(spec(h, causal), input, jsKernels, plain, m, c);
      // J = Σ dA ⊙ A[l]: the engine's dθ is (1/m)·∂J/∂θ, its dA[l−1] is ∂J/∂A[l−1]
      const J = () => naive(c, d, T, m, h, causal).reduce((acc, x, p) => acc + x * c.dA[p], 0);
      const eps = 1e-6;
      const difference = (values: Float64Array, p: number): number => {
        const keep = values[p];
        values[p] = keep + eps;
        const up = J();
        values[p] = keep - eps;
        const down = J();
        values[p] = keep;
        return (up - down) / (2 * eps);
      };
      const check = (got: number, values: Float64Array, p: number, what: string) => {
        const numeric = difference(values, p);
        assert.ok(Math.abs(got - numeric) <= 1e-7 * Math.max(1, Math.abs(numeric)), `${what}: ${got} vs ${numeric}`);
      };
      for (const [name, grad] of Object.entries(run.dTheta)) grad.forEach((g, p) => check(m * g, c.theta[name], p, `d${name}[${p}]`));
      run.dAprev.forEach((g, p) => check(g, c.Aprev, p, `dA[l−1][${p}]`));
    });
  }
}

test('self_attention needs a sequence, and d divisible by h', () => {
  const kind = kindOf(spec(2, false));
  assert.deepEqual(kind.output(spec(2, false), { kind: 'vector', n: 4 }).issues.map((i) => i.kind), ['needs-sequence']);
  assert.deepEqual(kind.output(spec(3, false), sequence(8, 5)), { output: sequence(8, 5), issues: [{ kind: 'heads-divide', d: 8, h: 3 }] });
  assert.deepEqual(kind.output(spec(4, true), sequence(8, 5)), { output: sequence(8, 5), issues: [] });
  const named = kind.parameters(spec(2, false), sequence(8, 5));
  assert.deepEqual(named.map((p) => `${p.name} (${p.shape.join(', ')})`), ['WQ', 'WK', 'WV', 'WO'].map((W) => `${W} (8, 8)`).concat(['bQ', 'bK', 'bV', 'bO'].map((b) => `${b} (8, 1)`)));
  assert.equal(parameterCount(named), 4 * 64 + 4 * 8);
});
