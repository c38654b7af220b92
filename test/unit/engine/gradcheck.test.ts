// Gradient checking (spec §9): the difference formula, the course's verdict, the seeded sample,
// every example network passing, and a gradient broken on purpose being reported at its layer.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, analyzeFile } from '../../../core/language';
import { loadData } from '../../../core/engine';
import type { Kernels } from '../../../core/foundation/kernels';
import { jsKernels } from '../../../core/engine/kernels';
import { gradientCheck, relativeDifference, roundingFloor, sampleEntries, vanishesWithin, verdictOf } from '../../../core/engine/gradcheck';
import { entriesWithin, workPerEntry } from '../../../core/engine/gradcheckWork';
import { initialize } from '../../../core/engine/init';
import { Network } from '../../../core/engine/network';
import { PerturbedKernels } from '../../../core/engine/perturbed';
import { matrix } from '../../../core/foundation/matrix';
import { makeSpec } from './helpers';
import { denseOnly } from '../../../core/layers/dense';

const examples = join(__dirname, '../../../../examples');

function network(file: string, name?: string) {
  const found = analyzeFile(join(examples, file)).networks.find((n) => name === undefined || n.name === name);
  assert.ok(found?.spec, `${file} ${name ?? ''}`);
  return found.spec;
}

test('the difference is ‖g_approx − g‖₂ / (‖g_approx‖₂ + ‖g‖₂)', () => {
  const d = relativeDifference([1, 2], [1, 2.5]);
  assert.ok(Math.abs(d - 0.5 / (Math.sqrt(5) + Math.sqrt(7.25))) < 1e-16, String(d));
  assert.equal(relativeDifference([3, -4], [3, -4]), 0);
  assert.equal(relativeDifference([0, 0], [0, 0]), 0, 'two zero gradients agree');
  assert.equal(relativeDifference([1, 0], [-1, 0]), 1, 'opposite gradients are as far apart as it gets');
});

test("the course's verdict: < 1e-7 fine, < 1e-5 look closer, else a bug (NaN too)", () => {
  assert.equal(verdictOf(9.9e-8), 'fine');
  assert.equal(verdictOf(1e-7), 'closer');
  assert.equal(verdictOf(9.9e-6), 'closer');
  assert.equal(verdictOf(1e-5), 'bug');
  assert.equal(verdictOf(NaN), 'bug');
});

test('every entry is checked when there are at most 20,000 of them', () => {
  const picked = sampleEntries([6, 3, 2], 20_000, 1);
  assert.deepEqual(picked.map((p) => Array.from(p)), [[0, 1, 2, 3, 4, 5], [0, 1, 2], [0, 1]]);
});

test('above the budget: a seeded sample of exactly that many distinct entries, small parameters whole', () => {
  const sizes = [245_760, 20, 140, 7, 35, 5, 5, 1];
  const picked = sampleEntries(sizes, 20_000, 1);
  assert.equal(picked.reduce((s, p) => s + p.length, 0), 20_000);
  picked.forEach((p, i) => {
    assert.ok(p.length <= sizes[i]);
    for (let q = 1; q < p.length; q++) assert.ok(p[q - 1] < p[q], 'ascending and distinct');
    assert.ok(p.length === 0 || (p[0] >= 0 && p[p.length - 1] < sizes[i]));
  });
  assert.deepEqual(picked.slice(1).map((p) => p.length), sizes.slice(1), 'every small parameter is checked whole');
  assert.deepEqual(sampleEntries(sizes, 20_000, 1), picked, 'the same seed gives the same sample');
  assert.notDeepEqual(sampleEntries(sizes, 20_000, 2)[0], picked[0], 'another seed another sample');
  // Two large parameters share the budget in proportion to their size.
  const shared = sampleEntries([3000, 1000], 400, 5);
  assert.deepEqual(shared.map((p) => p.length), [300, 100]);
});

test('a parameter J ignores is fine because both gradients are 0 within rounding, not by its quotient', () => {
  const floor = roundingFloor(100, 1e-7); // J ≈ 100: (J+ − J−)/2ε rounds to a few 1e-7
  assert.ok(floor > 1e-7 && floor < 1e-5, `floor ${floor}`);
  assert.ok(vanishesWithin([3e-7, -2e-7], [0, 1e-18], floor), 'rounding against zero');
  assert.equal(relativeDifference([3e-7, -2e-7], [0, 1e-18]) > 0.99, true, 'whose quotient alone says "bug"');
  assert.ok(!vanishesWithin([3e-7, 1e-3], [0, 0], floor), 'a real gradient backprop misses is no rounding');
  assert.ok(!vanishesWithin([3e-7], [1e-3], floor), 'nor is a backprop gradient where J does not move');
  assert.ok(!vanishesWithin([], [], floor), 'no entry checked says nothing');
  assert.ok(!vanishesWithin([NaN], [0], floor), 'a NaN gradient is no zero');
  assert.ok(Number.isNaN(roundingFloor(Infinity, 1e-7)) && !vanishesWithin([0], [0], roundingFloor(Infinity, 1e-7)), 'a J that overflowed: nothing vanishes, the check stays a bug');
});

test("self-attention's bK vanishes by the math and is fine; its WK, which moves J, is checked by its quotient", () => {
  const source = [
    'network attend {',
    '  input sequence(steps: 4, features: 2)',
    '  dense 8 tanh',
    '  self_attention heads: 2',
    '  global_avg_pool',
    '  dense 1 linear',
    '  loss mse',
    '  train {',
    '    data adding(m: 8, steps: 4)',
    '    seed 2',
    '  }',
    '}',
  ].join('\n');
  const found = analyze(source).networks[0];
  assert.ok(found?.spec, JSON.stringify(analyze(source).diagnostics));
  const spec = found.spec;
  const r = gradientCheck(spec, loadData(spec).train);
  const byName = (name: string) => r.perParameter.find((p) => p.name === name)!;
  assert.equal(byName('bK').vanishes, true, JSON.stringify(byName('bK').worst));
  assert.equal(byName('bK').verdict, 'fine');
  assert.equal(byName('WK').vanishes, false);
  // WK's gradients are a few 1e-3 to 1e-4 here (tanh features of O(1) give scores of O(1)): 1.1e-7
  assert.ok(byName('WK').difference < 1e-6, `WK ${byName('WK').difference}`);
  assert.equal(r.verdict, 'fine');
});

const files = readdirSync(examples).filter((f) => f.endsWith('.nn'));
for (const file of files) {
  test(`gradient check of every network in examples/${file} is below 1e-7`, () => {
    for (const n of analyzeFile(join(examples, file)).networks) {
      if (!n.spec?.train.data) continue;
      const r = gradientCheck(n.spec, loadData(n.spec).train);
      assert.equal(r.verdict, 'fine', `${n.name}: difference ${r.difference}`);
      assert.ok(r.difference < 1e-7 && r.checked > 0, `${n.name}: ${r.difference} on ${r.checked}`);
      // A conv net on real digits (examples/mobilenet.nn) is held to the course's bound overall; each
      // parameter only has to stay below "look closer" (1e-5): its few sampled entries of small
      // gradients carry the two-sided difference's rounding, its blank margins put every b[l] of a
      // relu layer at the kink (Z = b = 0), and a sample may draw no entry of a parameter at all.
      // A sequence net (examples/dates.nn) is held to 1e-7 overall too; each parameter, as a conv
      // net's, below "look closer": its cost sums T = 30 steps (J ≈ 115), whose two-sided difference
      // rounds by about |J|·2⁻⁵²/ε ≈ 2.5e-7 in every entry, 7.7e-6 of a gradient of 0.033 (bO[3]:
      // 1.5e-6 once the positional encoding moved by an ulp; E[1]: 3.8e-7); the embedding's columns
      // of tokens rare in the checked examples have small gradients; its sample is sized by work.
      const [bound, whole] = n.spec.image || n.spec.tokens || n.spec.sequence ? [1e-5, false] : [1e-7, true];
      // A gradient that vanishes by the math (self-attention's bK: softmax ignores the constant qᵀ·bK
      // it adds to each row of S) is fine by the check's own rule (`vanishes`), not by its quotient.
      for (const p of r.perParameter) assert.ok((p.difference < bound || p.vanishes) && (p.checked > 0 || !whole), `${n.name} ${p.name}[${p.l}]: ${p.difference} on ${p.checked} ${JSON.stringify(p.worst.slice(0, 2))}`);
      // a conv net's sample is sized by work (below), a dense one's only beyond 20,000 parameters
      if (whole) assert.equal(r.sampled, r.parameters > 20_000);
    }
  });
}

test('a network above 20,000 parameters checks a sample of 20,000 and says so', () => {
  const r = gradientCheck(network('deep.nn', 'deep'), loadData(network('deep.nn', 'deep')).train);
  assert.equal(r.parameters, 12288 * 20 + 20 + 20 * 7 + 7 + 7 * 5 + 5 + 5 + 1);
  assert.ok(r.sampled);
  assert.equal(r.checked + r.atKinks, 20_000);
  assert.equal(r.examples, 64);
});

test('a wrong tanh derivative in backprop is reported as a bug at layer 1, and layer 2 as fine', () => {
  // g′ = 1 − a instead of 1 − a²: dZ[1], so dW[1] and db[1], are wrong; dW[2], db[2] do not use it.
  const broken: Kernels = {
    ...jsKernels,
    backward(g, Z, A, dA, dZ) {
      if (g.name !== 'tanh') return jsKernels.backward(g, Z, A, dA, dZ);
      for (let p = 0; p < Z.rows * Z.cols; p++) dZ.data[p] = dA.data[p] * (1 - A.data[p]);
    },
  };
  const spec = network('planar.nn');
  const r = gradientCheck(spec, loadData(spec).train, { kernels: broken });
  assert.equal(r.verdict, 'bug', String(r.difference));
  const verdicts = Object.fromEntries(r.perParameter.map((p) => [`${p.name}${p.l}`, p.verdict]));
  assert.deepEqual(verdicts, { W1: 'bug', b1: 'bug', W2: 'fine', b2: 'fine' });
  assert.ok(r.worst.length > 0 && r.worst.every((e) => e.l === 1), JSON.stringify(r.worst));
  const e = r.worst[0];
  assert.ok(e.row < 4 && (e.name === 'b' ? e.col === 0 : e.col < 2), 'indices inside W[1] (4, 2) or b[1] (4, 1)');
  assert.ok(Math.abs(e.numerical - e.backprop) > 1e-6);
  // Each parameter lists its own worst entries, largest gap first.
  for (const p of r.perParameter) {
    assert.equal(p.worst.length, Math.min(3, p.checked));
    assert.ok(p.worst.every((w) => w.name === p.name && w.l === p.l && w.row < p.rows && w.col < p.cols));
    const gaps = p.worst.map((w) => Math.abs(w.numerical - w.backprop));
    assert.deepEqual(gaps, [...gaps].sort((a, b) => b - a));
  }
  // The same network with the engine's kernels passes: the check blames the kernels, not the data.
  assert.equal(gradientCheck(spec, loadData(spec).train, { kernels: jsKernels }).verdict, 'fine');
});

test('an example exactly at a ReLU kink (z = 0) is left out, and the rest is checked', () => {
  const spec = makeSpec([2, 3, 1], ['relu', 'sigmoid'], 'cross_entropy', { init: { kind: 'random', scale: 1 }, seed: 4 });
  const X = matrix(2, 4);
  X.data.set([0, 0.5, -1, 2, /* row 2 */ 0, 1.5, 0.3, -0.7]); // example 0 is the origin: Z[1] = b[1] = 0 there
  const Y = matrix(1, 4);
  Y.data.set([1, 0, 1, 0]);
  const r = gradientCheck(spec, { X, Y, m: 4 }, { kernels: jsKernels });
  assert.equal(r.examplesAtKinks, 1);
  assert.equal(r.examples, 3);
  assert.equal(r.verdict, 'fine', String(r.difference));
  assert.equal(r.perParameter.find((p) => p.name === 'b' && p.l === 1)?.checked, 3, 'b[1] is checked on the other examples');
});

test('the first 64 examples at most, and ε as given', () => {
  const spec = network('planar.nn');
  const r = gradientCheck(spec, loadData(spec).train, { epsilon: 1e-6 });
  assert.equal(r.examples, 64);
  assert.equal(r.epsilon, 1e-6);
  assert.equal(r.parameters, 17);
  assert.equal(r.checked, 17);
  assert.ok(r.difference < 1e-7);
});

test("the remembered products give the same J(θ ± ε) as multiplying again, for every entry", () => {
  const spec = makeSpec([3, 4, 2, 1], ['tanh', 'sigmoid', 'sigmoid'], 'cross_entropy', { init: { kind: 'random', scale: 0.7 }, seed: 9 });
  const X = matrix(3, 5);
  X.data.set([0.1, -0.4, 0.9, 1.2, -0.3, 0.5, 0.2, -0.8, 0.0, 0.7, -1.1, 0.6, 0.3, -0.2, 0.4]);
  const Y = matrix(1, 5);
  Y.data.set([1, 0, 1, 1, 0]);
  const perturbed = new PerturbedKernels(jsKernels);
  const fast = new Network(spec, initialize(spec), perturbed.kernels);
  const plain = new Network(spec, initialize(spec), jsKernels);
  perturbed.watch(fast.W);
  const [bf, bp] = [fast.allocate(5), plain.allocate(5)];
  fast.forward(X, bf);
  for (let l = 1; l <= 3; l++) {
    for (const name of ['W', 'b'] as const) {
      const size = fast[name][l].data.length;
      for (let index = 0; index < size; index++) {
        for (const delta of [1e-3, -1e-3]) {
          fast[name][l].data[index] += delta;
          plain[name][l].data[index] += delta;
          perturbed.moved = { l, name, index, delta };
          fast.forward(X, bf);
          plain.forward(X, bp);
          const [a, b] = [fast.cost(bf, Y), plain.cost(bp, Y)];
          assert.ok(Math.abs(a - b) <= 1e-14 * Math.abs(b), `${name}[${l}] entry ${index}: ${a} vs ${b}`);
          fast[name][l].data[index] -= delta;
          plain[name][l].data[index] -= delta;
        }
      }
    }
  }
  perturbed.moved = undefined;
  // Kernels it does not know pass through unchanged (the interface grows with the optimizers).
  const extended = new PerturbedKernels({ ...jsKernels, extra: () => 42 } as Kernels).kernels as Kernels & { extra(): number };
  assert.equal(extended.extra(), 42);
});

test('with L2 and dropout in the spec: L2 is in J and dθ and still checks, dropout stays off', () => {
  const spec = network('planar.nn');
  const data = loadData(spec).train;
  const plain = gradientCheck(spec, data);
  const regularized: typeof spec = { ...spec, layers: [{ ...denseOnly(spec).layers[0], keepProb: 0.5 }, spec.layers[1]], train: { ...spec.train, l2: 0.7 } };
  const r = gradientCheck(regularized, data);
  assert.equal(r.verdict, 'fine', String(r.difference));
  assert.ok(r.difference < 1e-7, String(r.difference));
  // The L2 term changed what was checked: the gradients of W differ from the plain network's.
  const normOf = (x: typeof r) => x.perParameter.find((p) => p.name === 'W' && p.l === 1)!;
  assert.notEqual(JSON.stringify(normOf(r).worst), JSON.stringify(normOf(plain).worst));
  // Dropout off: checking twice gives the same figures (random masks would not).
  assert.equal(gradientCheck(regularized, data).difference, r.difference);
});

test('the default sample is sized by work: LeNet-5 on digits checks a few hundred entries, dense examples as before', () => {
  const digits = network('digits/digits.nn');
  const few = entriesWithin(digits, 64, 20_000);
  assert.ok(few >= 200 && few <= 1000, `${few} entries (20,000 took 3 minutes)`);
  assert.equal(entriesWithin(network('deep.nn', 'deep'), 64, 20_000), 20_000, 'a moved dense entry changes one row: cheap');
  assert.equal(entriesWithin(network('logistic.nn'), 64, 20_000), 20_000);
  // A conv layer's product is computed again for any entry moved; a dense layer's served but for a row.
  assert.ok(workPerEntry(digits)[0] > 1000 * workPerEntry(network('deep.nn', 'deep'))[0]);
  const r = gradientCheck(digits, loadData(digits).train, { maxEntries: 30 });
  assert.equal(r.checked + r.atKinks, 30, 'an explicit maxEntries is taken as it is');
});
