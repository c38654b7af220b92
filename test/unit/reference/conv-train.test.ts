// Issue 10's "Done when": training conv networks from given initial weights matches an independent
// float64 reference at 1e-8. `nn train --json --save-weights` (the CLI, in-process) and
// test/reference/conv_reference.py (numpy, written from spec §8's equations) train the same .nn
// network on the same CSV and weights file; every recorded cost and every final weight must agree.
// The cases cover conv2d with pad and stride (and `same`), both pools (overlapping windows too),
// flatten, dense, softmax and sigmoid outputs, gd / momentum / rmsprop / adam, L2 and both decays.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../core/adapters/cli/train';
import { Rng } from '../../../core/foundation/prng';
import { captured } from '../engine/helpers';
import { ROOT, pythonWith } from './python';

type Layer =
  | { kind: 'conv2d'; filters: number; activation: string; f: number; stride: number; pad: number | 'same' }
  | { kind: 'max_pool' | 'avg_pool'; f: number; stride: number }
  | { kind: 'flatten' }
  | { kind: 'dense'; units: number; activation: string };

interface Case {
  name: string;
  image: [number, number, number];
  layers: Layer[];
  m: number;
  alpha: number;
  iterations: number;
  logEvery: number;
  /** the `train { … }` lines of course 2, and the same settings as the reference takes them */
  settings: string[];
  optimizer: Record<string, unknown>;
  l2: number;
  decay: { kind: string; rate: number; every: number } | null;
}

const CASES: Case[] = [
  {
    name: 'pad 1 and stride 2, overlapping max and avg pools, softmax, adam with L2 and inverse decay',
    image: [9, 9, 2], m: 12, alpha: 0.01, iterations: 25, logEvery: 4,
    layers: [
      { kind: 'conv2d', filters: 3, activation: 'tanh', f: 3, stride: 2, pad: 1 }, // 5×5×3
      { kind: 'max_pool', f: 2, stride: 1 }, // 4×4×3
      { kind: 'conv2d', filters: 4, activation: 'relu', f: 2, stride: 1, pad: 0 }, // 3×3×4
      { kind: 'avg_pool', f: 2, stride: 1 }, // 2×2×4
      { kind: 'flatten' },
      { kind: 'dense', units: 3, activation: 'softmax' },
    ],
    settings: ['optimizer adam', 'l2 0.05', 'decay inverse(rate: 0.5, every: 5)'],
    optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, l2: 0.05, decay: { kind: 'inverse', rate: 0.5, every: 5 },
  },
  {
    name: '`same` padding, a sigmoid conv with stride 2, dense layers, sigmoid output, momentum with L2 and exponential decay',
    image: [8, 8, 1], m: 10, alpha: 0.3, iterations: 20, logEvery: 3,
    layers: [
      { kind: 'conv2d', filters: 4, activation: 'relu', f: 3, stride: 1, pad: 'same' }, // 8×8×4
      { kind: 'max_pool', f: 2, stride: 2 }, // 4×4×4
      { kind: 'conv2d', filters: 2, activation: 'sigmoid', f: 2, stride: 2, pad: 0 }, // 2×2×2
      { kind: 'flatten' },
      { kind: 'dense', units: 5, activation: 'tanh' },
      { kind: 'dense', units: 1, activation: 'sigmoid' },
    ],
    settings: ['optimizer momentum(beta: 0.8)', 'l2 0.1', 'decay exponential(rate: 0.9, every: 4)'],
    optimizer: { kind: 'momentum', beta: 0.8 }, l2: 0.1, decay: { kind: 'exponential', rate: 0.9, every: 4 },
  },
  {
    name: 'three channels, pad 2, avg pool with stride 2 then an overlapping max pool, softmax, plain gradient descent',
    image: [6, 6, 3], m: 8, alpha: 0.5, iterations: 15, logEvery: 5,
    layers: [
      { kind: 'conv2d', filters: 2, activation: 'relu', f: 2, stride: 1, pad: 2 }, // 9×9×2
      { kind: 'avg_pool', f: 3, stride: 2 }, // 4×4×2
      { kind: 'max_pool', f: 2, stride: 1 }, // 3×3×2
      { kind: 'flatten' },
      { kind: 'dense', units: 3, activation: 'softmax' },
    ],
    settings: [], optimizer: { kind: 'gd' }, l2: 0, decay: null,
  },
  {
    name: 'a linear conv, rmsprop, sigmoid output over a 2×2 max pool',
    image: [6, 6, 2], m: 9, alpha: 0.01, iterations: 12, logEvery: 1,
    layers: [
      { kind: 'conv2d', filters: 3, activation: 'linear', f: 3, stride: 1, pad: 0 }, // 4×4×3
      { kind: 'max_pool', f: 2, stride: 2 }, // 2×2×3
      { kind: 'flatten' },
      { kind: 'dense', units: 1, activation: 'sigmoid' },
    ],
    settings: ['optimizer rmsprop(beta: 0.9, epsilon: 1e-6)', 'l2 0.2'],
    optimizer: { kind: 'rmsprop', beta: 0.9, epsilon: 1e-6 }, l2: 0.2, decay: null,
  },
];

type Nested = number | Nested[];


const dir = mkdtempSync(join(tmpdir(), 'nn-conv-reference-'));

/** Seeded data, labels and initial weights of one case, as the files and the reference take them. */
function problem(c: Case, k: number) {
  const rng = new Rng(100 + k, 'conv-reference');
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * rng.uniform();
  const filled = (shape: number[], lo: number, hi: number): Nested =>
    (shape.length === 0 ? uniform(lo, hi) : Array.from({ length: shape[0] }, () => filled(shape.slice(1), lo, hi)));
  const [n_H, n_W, n_C] = c.image;
  const n0 = n_H * n_W * n_C;
  const X = filled([n0, c.m], 0, 1) as number[][];
  const output = c.layers[c.layers.length - 1] as Extract<Layer, { kind: 'dense' }>;
  const labels = Array.from({ length: c.m }, () => rng.below(output.activation === 'softmax' ? output.units : 2));
  const Y = output.activation === 'softmax' ? Array.from({ length: output.units }, (_, u) => labels.map((y) => (y === u ? 1 : 0))) : [labels];
  // initial weights, at the layer's fan-in scale so the signal neither vanishes nor saturates
  const weights: Record<string, Nested> = {};
  let [h, w, ch] = [n_H, n_W, n_C];
  c.layers.forEach((layer, i) => {
    const l = i + 1;
    if (layer.kind === 'conv2d') {
      const p = layer.pad === 'same' ? (layer.f - 1) / 2 : layer.pad;
      const scale = Math.sqrt(3 / (layer.f * layer.f * ch));
      weights[`W${l}`] = filled([layer.f, layer.f, ch, layer.filters], -scale, scale);
      weights[`b${l}`] = filled([1, 1, 1, layer.filters], -0.1, 0.1);
      [h, w, ch] = [Math.floor((h + 2 * p - layer.f) / layer.stride) + 1, Math.floor((w + 2 * p - layer.f) / layer.stride) + 1, layer.filters];
    } else if (layer.kind === 'dense') {
      const scale = Math.sqrt(3 / ch);
      weights[`W${l}`] = filled([layer.units, ch], -scale, scale);
      weights[`b${l}`] = filled([layer.units, 1], -0.1, 0.1);
      ch = layer.units;
    } else if (layer.kind === 'flatten') {
      [h, w, ch] = [1, 1, h * w * ch];
    } else {
      [h, w] = [Math.floor((h - layer.f) / layer.stride) + 1, Math.floor((w - layer.f) / layer.stride) + 1];
    }
  });
  return { X, Y, labels, weights };
}

function layerLine(layer: Layer): string {
  if (layer.kind === 'conv2d') return `conv2d ${layer.filters} ${layer.activation} f: ${layer.f} stride: ${layer.stride} pad: ${layer.pad}`;
  if (layer.kind === 'flatten') return 'flatten';
  if (layer.kind === 'dense') return `dense ${layer.units} ${layer.activation}`;
  return `${layer.kind} f: ${layer.f} stride: ${layer.stride}`;
}

/** The case's .nn file, CSV (features in (h, w, c) order, then the label) and weights file. */
function writeFiles(c: Case, k: number, p: ReturnType<typeof problem>): string {
  const csv = p.labels.map((y, i) => [...p.X.map((row) => row[i]), y].join(',')).join('\n');
  writeFileSync(join(dir, `data${k}.csv`), `${csv}\n`);
  writeFileSync(join(dir, `weights${k}.json`), JSON.stringify(p.weights));
  const file = join(dir, `case${k}.nn`);
  writeFileSync(file, [
    `network case${k} {`, `  input (${c.image.join(', ')})`, ...c.layers.map((layer) => `  ${layerLine(layer)}`),
    '  train {', `    data "data${k}.csv"`, `    weights "weights${k}.json"`, `    learning_rate ${c.alpha}`,
    `    iterations ${c.iterations}`, `    log_every ${c.logEvery}`, ...c.settings.map((s) => `    ${s}`), '  }', '}', '',
  ].join('\n'));
  return file;
}

interface Result {
  costs: Array<[number, number]>;
  weights: Record<string, Nested>;
}

/** What the reference takes for one case (spec §8's resolved pads), with some of it `changed`. */
function referenceInput(c: Case, p: ReturnType<typeof problem>, changed: Record<string, unknown> = {}) {
  const layers = c.layers.map((layer) => (layer.kind === 'conv2d' && layer.pad === 'same' ? { ...layer, pad: (layer.f - 1) / 2 } : layer));
  const output = c.layers[c.layers.length - 1] as Extract<Layer, { kind: 'dense' }>;
  return {
    image: c.image, layers, loss: output.activation === 'softmax' ? 'softmax_cross_entropy' : 'cross_entropy',
    X: p.X, Y: p.Y, weights: p.weights, alpha: c.alpha, iterations: c.iterations, log_every: c.logEvery,
    optimizer: c.optimizer, l2: c.l2, decay: c.decay, ...changed,
  };
}

/** The reference's results for a list of runs, from one Python process. */
function reference(python: string, runs: object[]): Result[] {
  const script = join(ROOT, 'test', 'reference', 'conv_reference.py');
  const r = spawnSync(python, [script], { input: JSON.stringify(runs), encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, `${python} ${script} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Result[];
}

const near = (got: number, want: number) => Math.abs(got - want) <= 1e-8 * Math.max(1, Math.abs(want));

const python = pythonWith('numpy');

CASES.forEach((c, k) => {
  test(`nn train on a conv network matches the numpy reference at 1e-8: ${c.name}`, async (t) => {
    if (!python) {
      t.skip('no Python with numpy found (apt-get install python3-numpy): the conv reference cannot run');
      return;
    }
    const p = problem(c, k);
    const file = writeFiles(c, k, p);
    const saved = join(dir, `trained${k}.json`);
    const r = await captured(run, [file, '--json', '--save-weights', saved]);
    assert.equal(r.code, 0, r.err);
    const got = JSON.parse(r.out) as { costs: Array<[number, number]> };
    const [want] = reference(python, [referenceInput(c, p)]);

    assert.deepEqual(got.costs.map(([i]) => i), want.costs.map(([i]) => i), 'the recorded iterations');
    got.costs.forEach(([i, J], index) => assert.ok(near(J, want.costs[index][1]), `cost at iteration ${i}: ${J}, the reference says ${want.costs[index][1]}`));
    // the run moved: two untrained networks that agree would prove nothing
    assert.ok(got.costs[got.costs.length - 1][1] < got.costs[0][1] - 1e-3, `the cost falls: ${JSON.stringify(got.costs)}`);

    const trained = JSON.parse(readFileSync(saved, 'utf8')) as Record<string, Nested>;
    assert.deepEqual(Object.keys(trained).sort(), Object.keys(want.weights).sort(), 'the weights file keys');
    for (const [key, value] of Object.entries(want.weights)) {
      const [gotFlat, wantFlat] = [[trained[key]].flat(4) as number[], [value].flat(4) as number[]];
      assert.equal(JSON.stringify(shapeOf(trained[key])), JSON.stringify(shapeOf(value)), `${key}'s nesting`);
      wantFlat.forEach((x, i) => assert.ok(near(gotFlat[i], x), `${key} entry ${i}: ${gotFlat[i]}, the reference says ${x}`));
      assert.ok(wantFlat.some((x, i) => x !== [p.weights[key]].flat(4)[i]), `${key} was trained`);
    }
  });
});

// The reference is held to the math on its own, not only to the engine: one step of gradient
// descent with α = 1 gives its gradient (W − W′), which must match the two-sided difference of its
// cost (L2 term included) on sampled entries of every W[l] and b[l].
test('the conv reference: its gradients match a numerical gradient of its own cost', (t) => {
  if (!python) {
    t.skip('no Python with numpy found (apt-get install python3-numpy): the conv reference cannot run');
    return;
  }
  const eps = 1e-6;
  CASES.forEach((c, k) => {
    const p = problem(c, k);
    const oneStep = { iterations: 1, log_every: 1, alpha: 1, optimizer: { kind: 'gd' }, decay: null };
    const probes = Object.entries(p.weights).flatMap(([key, value]) => {
      const flat = [value].flat(4) as number[];
      return [0, Math.floor(flat.length / 2), flat.length - 1].map((index) => ({ key, index }));
    });
    const moved = (key: string, index: number, by: number): Record<string, Nested> => {
      let at = 0;
      const copy = (x: Nested): Nested => (Array.isArray(x) ? x.map(copy) : at++ === index ? x + by : x);
      return { ...p.weights, [key]: copy(p.weights[key]) };
    };
    const runs = [referenceInput(c, p, oneStep), ...probes.flatMap(({ key, index }) => [+eps, -eps].map((by) =>
      referenceInput(c, p, { ...oneStep, alpha: 0, weights: moved(key, index, by) })))];
    const [step, ...perturbed] = reference(python, runs);
    probes.forEach(({ key, index }, j) => {
      const g = ([p.weights[key]].flat(4) as number[])[index] - ([step.weights[key]].flat(4) as number[])[index];
      const numerical = (perturbed[2 * j].costs[0][1] - perturbed[2 * j + 1].costs[0][1]) / (2 * eps);
      assert.ok(Math.abs(g - numerical) <= 1e-7 + 1e-6 * Math.abs(numerical),
        `case ${k + 1}, d${key} entry ${index}: backprop ${g}, numerical ${numerical}`);
    });
  });
});

function shapeOf(x: Nested): number[] {
  return Array.isArray(x) ? [x.length, ...shapeOf(x[0])] : [];
}
