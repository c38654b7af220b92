// Spec §14's proof for lstm and gru at the layer: the engine's layer (the shared time loop with each
// cell) against PyTorch float64 on one thread (test/reference/gated_reference.py) — torch's own
// nn.LSTM for lstm, a module of the lecture's equations for gru — on the same X, weights and
// J = (1/m)·Σ R ⊙ A[l]: A[l], every parameter's gradient and ∂J/∂X, then the costs and final
// weights of a few gradient-descent steps, all at 1e-9.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { jsKernels } from '../../../core/engine/kernels';
import { wasmKernelSet } from '../../../core/engine/wasm';
import { matrix } from '../../../core/engine/matrix';
import type { Kernels } from '../../../core/foundation/kernels';
import { sequence } from '../../../core/layers';
import { gruCell } from '../../../core/layers/gruCell';
import { lstmCell } from '../../../core/layers/lstmCell';
import { recurrentEngine, type RecurrentSpec } from '../../../core/layers/recurrent';
import { runRecurrent } from '../layers/recurrentRun';
import { uniform } from '../wasm/helpers';
import { pythonWith } from '../layers/python';
import { ROOT } from './python';

interface Case {
  kind: 'lstm' | 'gru';
  spec: RecurrentSpec;
  n_x: number;
  T: number;
}

const CASES: Case[] = [
  { kind: 'lstm', spec: { units: 4 }, n_x: 3, T: 5 },
  { kind: 'lstm', spec: { units: 3, returns: 'last' }, n_x: 2, T: 6 },
  { kind: 'lstm', spec: { units: 3, bidirectional: true }, n_x: 2, T: 4 },
  { kind: 'lstm', spec: { units: 2, returns: 'last', bidirectional: true }, n_x: 3, T: 4 },
  { kind: 'gru', spec: { units: 4 }, n_x: 3, T: 5 },
  { kind: 'gru', spec: { units: 3, returns: 'last' }, n_x: 2, T: 6 },
  { kind: 'gru', spec: { units: 3, bidirectional: true }, n_x: 2, T: 4 },
];

const M = 5;
const ALPHA = 0.5;
const STEPS = 4;
const CELLS = { lstm: lstmCell, gru: gruCell };

const near = (got: number, want: number) => Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));

function assertNear(got: ArrayLike<number>, want: readonly number[], what: string): void {
  assert.equal(got.length, want.length, `${what}: length`);
  want.forEach((w, i) => assert.ok(near(got[i], w), `${what}[${i}]: ${got[i]}, PyTorch ${w}`));
}

function describeCase(c: Case): string {
  return `${c.kind} ${c.spec.units}, ${c.spec.returns ?? 'sequence'}${c.spec.bidirectional ? ', bidirectional' : ''}, T = ${c.T}, n_x = ${c.n_x}`;
}

interface Reference {
  A: number[];
  dX: number[];
  costs: number[];
  grads: Record<string, number[]>;
  weights: Record<string, number[]>;
}

/** The case's numbers, seeded: X, the initial weights by name and R = dA[l]. */
function problem(c: Case) {
  const input = sequence(c.n_x, c.T);
  const engine = recurrentEngine(c.spec, input, CELLS[c.kind](c.spec.units, c.n_x));
  const r = uniform(31);
  const X = new Float64Array(c.T * c.n_x * M).map(() => 2 * r());
  const theta = Object.fromEntries(engine.parameters.map((p) => [p.name, new Float64Array(p.dims[0] * p.dims[1]).map(() => 0.8 * r())]));
  const R = new Float64Array(engine.features * M).map(() => r());
  return { input, engine, X, theta, R };
}

let references: Reference[] | undefined;

/** PyTorch's numbers for every case, from one Python process (importing torch is most of its time). */
function reference(c: Case): Reference {
  references ??= (() => {
    const jobs = CASES.map((each) => {
      const { X, theta, R } = problem(each);
      return { kind: each.kind, n_a: each.spec.units, n_x: each.n_x, T: each.T, m: M, bidirectional: !!each.spec.bidirectional,
        last: each.spec.returns === 'last', X: Array.from(X), R: Array.from(R),
        weights: Object.fromEntries(Object.entries(theta).map(([name, v]) => [name, Array.from(v)])), alpha: ALPHA, steps: STEPS };
    });
    const out = spawnSync(pythonWith('torch'), [join(ROOT, 'test', 'reference', 'gated_reference.py')], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(out.status, 0, out.stderr);
    return JSON.parse(out.stdout) as Reference[];
  })();
  return references[CASES.indexOf(c)];
}

for (const [which, kernels] of [['TypeScript', () => jsKernels], ['WASM', () => wasmKernelSet()]] as const) {
  for (const c of which === 'WASM' ? [CASES[2], CASES[6]] : CASES) {
    test(`${describeCase(c)}: A[l], gradients and ${STEPS} descent steps equal PyTorch float64 at 1e-9 (${which} kernels)`, () => {
      const k = kernels() as Kernels;
      assert.ok(k, 'the kernels are built');
      const { input, engine, X, theta, R } = problem(c);
      const costs: number[] = [];
      let first: ReturnType<typeof runRecurrent> | undefined;
      for (let step = 0; step <= STEPS; step++) {
        const run = runRecurrent(engine, input, k, matrix, M, X, theta, step < STEPS ? R : undefined);
        costs.push(run.A.reduce((s, a, p) => s + a * R[p], 0) / M);
        if (step === STEPS) break;
        first ??= run;
        for (const name of Object.keys(theta)) theta[name].forEach((v, q) => (theta[name][q] = v - ALPHA * run.d[name][q]));
      }
      const want = reference(c);
      assertNear(first!.A, want.A, 'A[l]');
      assert.deepEqual(Object.keys(want.grads).sort(), Object.keys(theta).sort(), 'the same parameters');
      for (const name of Object.keys(theta)) assertNear(first!.d[name], want.grads[name], `d${name}`);
      assertNear(first!.dAprev!, want.dX, 'dA[l−1]');
      assertNear(costs, want.costs, 'J');
      assert.ok(costs[STEPS] < costs[0], `J falls: ${costs.join(', ')}`);
      for (const name of Object.keys(theta)) assertNear(theta[name], want.weights[name], name);
    });
  }
}
