// Issue 11's "Done when": training from given initial weights with each optimizer, with L2 and with
// each decay matches an independent float64 reference at 1e-8 (full batch, no dropout). Two
// references, neither sharing code with the engine: the plain loops of reference.ts, and numpy
// (reference.py, run in a child process by a Python that has it — CI installs python3-numpy).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Trainer } from '../../../core/engine';
import type { Activation, DecaySpec, LossName, OptimizerSpec } from '../../../core/foundation/model';
import { OPTIMIZER_DEFAULTS } from '../../../core/foundation/model';
import { Rng } from '../../../core/foundation/prng';
import { byKey, labelsFor, makeSpec, randomMatrix } from './helpers';
import { referenceTrain, type ReferenceRun, type ReferenceSettings } from './reference';

type M = number[][];

interface Case {
  name: string;
  alpha: number;
  settings: ReferenceSettings;
}

const optimizers: Array<[OptimizerSpec, number]> = [
  [{ kind: 'gd' }, 0.5],
  [{ kind: 'momentum', beta: 0.9 }, 0.5],
  [{ kind: 'rmsprop', ...OPTIMIZER_DEFAULTS.rmsprop }, 0.01],
  [{ kind: 'adam', ...OPTIMIZER_DEFAULTS.adam }, 0.02],
  [{ kind: 'adam', beta1: 0.8, beta2: 0.99, epsilon: 1e-6 }, 0.05],
];
const decays: DecaySpec[] = [{ kind: 'inverse', rate: 0.5, every: 10 }, { kind: 'exponential', rate: 0.9, every: 7 }];

const CASES: Case[] = [
  ...optimizers.flatMap(([optimizer, alpha]): Case[] => [0, 0.7].map((l2) => ({
    name: `${JSON.stringify(optimizer)}, l2 ${l2}`, alpha, settings: { optimizer, l2 },
  }))),
  ...decays.flatMap((decay): Case[] => [optimizers[0], optimizers[3]].map(([optimizer, alpha]) => ({
    name: `${optimizer.kind} with ${decay.kind} decay`, alpha: alpha * 2, settings: { optimizer, decay, l2: 0.1 },
  }))),
];

const NETWORKS: Array<{ sizes: number[]; acts: Activation['name'][]; loss: LossName }> = [
  { sizes: [2, 4, 3, 1], acts: ['tanh', 'relu', 'sigmoid'], loss: 'cross_entropy' },
  { sizes: [3, 5, 2], acts: ['sigmoid', 'linear'], loss: 'mse' },
];
const ITERATIONS = 60, LOG_EVERY = 5, m = 24;

const rows = (data: Float64Array, r: number, c: number): M => Array.from({ length: r }, (_, i) => Array.from(data.subarray(i * c, (i + 1) * c)));

/** Seeded data and initial weights for network `k`, as the engine and the references take them. */
function problem(k: number) {
  const { sizes, acts, loss } = NETWORKS[k];
  const rng = new Rng(40 + k, 'course2');
  const X = randomMatrix(rng, sizes[0], m, -2, 2);
  const Y = labelsFor(loss, rng, sizes[sizes.length - 1], m);
  const W = sizes.slice(1).map((n, l) => randomMatrix(rng, n, sizes[l], -1, 1));
  const b = sizes.slice(1).map((n) => randomMatrix(rng, n, 1, -0.5, 0.5));
  return { sizes, acts, loss, X, Y, W, b };
}

function engineRun(k: number, c: Case): ReferenceRun & { trainer: Trainer } {
  const p = problem(k);
  const spec = makeSpec(p.sizes, p.acts, p.loss, { learningRate: c.alpha, iterations: ITERATIONS, logEvery: LOG_EVERY, ...c.settings });
  const trainer = new Trainer(spec, { X: p.X, Y: p.Y, m }, { initial: byKey(p.W, p.b) });
  trainer.step(ITERATIONS);
  const { W, b } = trainer.layerMatrices();
  return { trainer, costs: trainer.costs, W: W.map((w) => rows(w.data, w.rows, w.cols)), b: b.map((v) => rows(v.data, v.rows, 1)) };
}

/** What the reference gets: the problem as nested arrays. */
function referenceInput(k: number, c: Case) {
  const p = problem(k);
  return {
    acts: p.acts, loss: p.loss, alpha: c.alpha, iterations: ITERATIONS, log_every: LOG_EVERY,
    W: p.W.map((w) => rows(w.data, w.rows, w.cols)), b: p.b.map((v) => rows(v.data, v.rows, 1)),
    X: rows(p.X.data, p.X.rows, m), Y: rows(p.Y.data, p.Y.rows, m),
    optimizer: c.settings.optimizer ?? { kind: 'gd' }, l2: c.settings.l2 ?? 0, decay: c.settings.decay ?? null,
  };
}

function plainReference(k: number, c: Case): ReferenceRun {
  const r = referenceInput(k, c);
  return referenceTrain(r.acts.map((name) => ({ name })), r.loss, r.W, r.b, r.X, r.Y, r.alpha, ITERATIONS, LOG_EVERY, c.settings);
}

const near = (got: number, want: number) => Math.abs(got - want) <= 1e-8 * Math.max(1, Math.abs(want));

function assertMatches(got: ReferenceRun, want: ReferenceRun, what: string): void {
  assert.equal(got.costs.length, want.costs.length, `${what}: recorded costs`);
  got.costs.forEach(([i, J], index) => {
    assert.equal(i, want.costs[index][0]);
    assert.ok(near(J, want.costs[index][1]), `${what}: cost at iteration ${i} is ${J}, the reference says ${want.costs[index][1]}`);
  });
  for (const key of ['W', 'b'] as const) {
    got[key].forEach((M, l) => M.forEach((row, i) => row.forEach((x, j) => {
      assert.ok(near(x, want[key][l][i][j]), `${what}: ${key}[${l + 1}](${i}, ${j}) is ${x}, the reference says ${want[key][l][i][j]}`);
    })));
  }
}

test('each optimizer, with and without L2, and each decay match the plain-loops reference at 1e-8', () => {
  for (let k = 0; k < NETWORKS.length; k++) {
    for (const c of CASES) {
      const got = engineRun(k, c);
      assertMatches(got, plainReference(k, c), `network ${k + 1}, ${c.name}`);
      // the run moved: a comparison of two untrained networks would prove nothing
      assert.ok(got.costs[got.costs.length - 1][1] < got.costs[0][1], `network ${k + 1}, ${c.name}: the cost falls`);
      got.trainer.dispose();
    }
  }
});

/** The first Python that imports numpy, found as the benchmarks find theirs (test/bench/python.mjs). */
function pythonWithNumpy(): string | undefined {
  const lookup = pathToFileURL(join(__dirname, '..', '..', '..', '..', 'test', 'bench', 'python.mjs')).href;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e',
    `import { findPython } from '${lookup}'; process.stdout.write(findPython('numpy').python ?? '')`], { encoding: 'utf8' });
  return r.stdout || undefined;
}

test('the same runs match numpy at 1e-8 (reference.py)', (t) => {
  const python = pythonWithNumpy();
  const runs = NETWORKS.flatMap((_, k) => CASES.map((c) => ({ k, c })));
  let references: ReferenceRun[];
  if (python) {
    const script = join(__dirname, '..', '..', '..', '..', 'test', 'unit', 'engine', 'reference.py');
    const out = spawnSync(python, [script], { input: JSON.stringify(runs.map(({ k, c }) => referenceInput(k, c))), encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(out.status, 0, `${python} ${script} failed: ${out.stderr}`);
    references = JSON.parse(out.stdout) as ReferenceRun[];
  } else {
    // no numpy on this machine: the plain-loops reference stands in, so the engine is still held to one
    t.diagnostic('no Python with numpy found (python3-numpy): compared with the plain-loops reference instead');
    references = runs.map(({ k, c }) => plainReference(k, c));
  }
  runs.forEach(({ k, c }, index) => {
    const got = engineRun(k, c);
    assertMatches(got, references[index], `network ${k + 1}, ${c.name} (${python ? 'numpy' : 'plain loops'})`);
    got.trainer.dispose();
  });
});
