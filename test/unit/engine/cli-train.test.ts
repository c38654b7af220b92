// `nn train` end to end on random networks, data and initial weights, against the independent
// reference implementation: every recorded cost and final weight within 1e-8 relative.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activation, LossName } from '../../../core/foundation/model';
import { costPlot } from '../../../core/adapters/cli/plot';
import { run } from '../../../core/adapters/cli/train';
import type { CostPoint } from '../../../core/engine';
import { Rng } from '../../../core/foundation/prng';
import { captured } from './helpers';
import { referenceTrain } from './reference';

/** Runs `nn train` in-process, capturing stdout and stderr. */
const nnTrain = (argv: string[]) => captured(run, argv);

const dir = mkdtempSync(join(tmpdir(), 'nn-train-'));
const rng = new Rng(2024, 'cli-test');
const uniform = (lo: number, hi: number) => lo + (hi - lo) * rng.uniform();
const matrixOf = (rows: number, cols: number, f: () => number) => Array.from({ length: rows }, () => Array.from({ length: cols }, f));
const relClose = (a: number, b: number) => Math.abs(a - b) <= 1e-8 * Math.max(Math.abs(a), Math.abs(b), 1e-300);

const hidden: Activation[] = [{ name: 'tanh' }, { name: 'relu' }, { name: 'sigmoid' }, { name: 'leaky_relu', slope: 0.05 }, { name: 'linear' }];
const outputs: Array<[Activation, LossName]> = [[{ name: 'sigmoid' }, 'cross_entropy'], [{ name: 'softmax' }, 'softmax_cross_entropy'],
  [{ name: 'linear' }, 'mse'], [{ name: 'sigmoid' }, 'mse'], [{ name: 'softmax' }, 'mse']];
const actText = (a: Activation) => (a.slope === undefined ? a.name : `${a.name}(${a.slope})`);

for (let c = 0; c < outputs.length; c++) {
  test(`nn train --json --save-weights matches the reference implementation (case ${c + 1})`, async () => {
    const [out, loss] = outputs[c];
    const sizes = [1 + rng.below(4), ...Array.from({ length: 1 + rng.below(2) }, () => 2 + rng.below(4)), out.name === 'softmax' ? 3 : 1 + rng.below(2)];
    const acts = [...sizes.slice(1, -1).map(() => hidden[rng.below(hidden.length)]), out];
    const m = 5 + rng.below(20);
    const X = matrixOf(sizes[0], m, () => uniform(-2, 2));
    const nL = sizes[sizes.length - 1];
    const classes = Array.from({ length: m }, () => rng.below(nL));
    const Y = out.name === 'softmax' ? Array.from({ length: nL }, (_, k) => classes.map((cl) => (cl === k ? 1 : 0)))
      : loss === 'cross_entropy' ? matrixOf(nL, m, () => rng.below(2)) : matrixOf(nL, m, () => uniform(0, 1));
    const labelColumns = out.name === 'softmax' ? [classes] : Y;
    const csv = Array.from({ length: m }, (_, j) => [...X.map((r) => r[j]), ...labelColumns.map((r) => r[j])].join(',')).join('\n');
    const W0 = sizes.slice(1).map((n, l) => matrixOf(n, sizes[l], () => uniform(-1, 1)));
    const b0 = sizes.slice(1).map((n) => matrixOf(n, 1, () => uniform(-0.5, 0.5)));
    const weights = Object.fromEntries(W0.flatMap((w, l) => [[`W${l + 1}`, w], [`b${l + 1}`, b0[l]]]));
    const iterations = 30 + rng.below(40), logEvery = 1 + rng.below(10), alpha = uniform(0.05, 0.5);
    writeFileSync(join(dir, `d${c}.csv`), csv);
    writeFileSync(join(dir, `w${c}.json`), JSON.stringify(weights));
    writeFileSync(join(dir, `n${c}.nn`), [
      `network case${c} {`, `  input ${sizes[0]}`, ...sizes.slice(1).map((n, l) => `  dense ${n} ${actText(acts[l])}`), `  loss ${loss}`,
      '  train {', `    data "d${c}.csv"`, `    weights "w${c}.json"`, `    learning_rate ${alpha}`, `    iterations ${iterations}`, `    log_every ${logEvery}`, '  }', '}', '',
    ].join('\n'));

    const saved = join(dir, `out${c}.json`);
    const r = await nnTrain([join(dir, `n${c}.nn`), '--json', '--save-weights', saved]);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    assert.deepEqual(Object.keys(json), ['network', 'iterations', 'costs', 'final_cost', 'train_accuracy', 'test_accuracy', 'seconds']);
    const ref = referenceTrain(acts, loss, W0, b0, X, Y, alpha, iterations, logEvery);
    assert.deepEqual(json.costs.map(([i]: [number]) => i), ref.costs.map(([i]) => i));
    json.costs.forEach(([, J]: [number, number], k: number) => assert.ok(relClose(J, ref.costs[k][1]), `cost ${J} vs ${ref.costs[k][1]}`));
    assert.equal(json.final_cost, json.costs[json.costs.length - 1][1]);
    assert.equal(json.train_accuracy === null, loss === 'mse');
    const final = JSON.parse(readFileSync(saved, 'utf8'));
    ref.W.forEach((w, l) => w.flat().forEach((x, p) => assert.ok(relClose(final[`W${l + 1}`].flat()[p], x), `W${l + 1}`)));
    ref.b.forEach((v, l) => v.flat().forEach((x, p) => assert.ok(relClose(final[`b${l + 1}`].flat()[p], x), `b${l + 1}`)));
  });
}

test('nn train: a diverging run exits 2 naming the iteration and suggesting a smaller learning rate', async () => {
  writeFileSync(join(dir, 'div.nn'), 'network d {\n  input 2\n  dense 8 relu\n  dense 1 linear\n  train {\n    data moons(m: 100)\n    learning_rate 100\n  }\n}\n');
  const r = await nnTrain([join(dir, 'div.nn')]);
  assert.equal(r.code, 2);
  assert.match(r.err, /error: The cost became (NaN|-?Infinity) at iteration \d+: gradient descent diverged.*Try a smaller learning rate than α = 100 \(e\.g\. 10\)/);
  assert.match(r.out, /diverged at iteration/);
});

test('nn train: a bad CSV cell exits 1 with its file, row and column; a missing network too', async () => {
  writeFileSync(join(dir, 'bad.csv'), 'x1,x2,y\n1,2,1\n3,?,0\n');
  writeFileSync(join(dir, 'bad.nn'), 'network b {\n  input 2\n  dense 1 sigmoid\n  train {\n    data "bad.csv"\n  }\n}\n');
  const r = await nnTrain([join(dir, 'bad.nn')]);
  assert.equal(r.code, 1);
  assert.match(r.err, /:3:2\b.*row 3, column 2 \("x2"\): "\?" is not a number/);
  const missing = await nnTrain([join(dir, 'bad.nn'), '--network', 'nope']);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /no network named nope \(the file has: b\)/);
});

test('nn train: --iterations overrides the file and the summary shows accuracy and a cost plot', async () => {
  writeFileSync(join(dir, 'planar.nn'), 'network p {\n  input 2\n  dense 4 tanh\n  dense 1 sigmoid\n  train {\n    data flower(m: 100)\n    learning_rate 1.2\n    iterations 5000\n    test 0.2\n  }\n}\n');
  const r = await nnTrain([join(dir, 'planar.nn'), '--iterations', '300']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /network p: 300 iterations/);
  assert.match(r.out, /train accuracy +\d+\.\d\d%\ntest accuracy +\d+\.\d\d%/);
  assert.match(r.out, /└─+\n +0 +299\n/);
  assert.match(r.err, /^Cost after iteration 0: /);
});

test('nn train: 130,000 iterations logged every one plot, print every cost and save the weights', async () => {
  writeFileSync(join(dir, 'long.nn'), 'network long {\n  input 2\n  dense 1 sigmoid\n  train {\n    data blobs(m: 8, classes: 2)\n    learning_rate 0.1\n    iterations 130000\n    log_every 1\n  }\n}\n');
  const saved = join(dir, 'long.json');
  const r = await nnTrain([join(dir, 'long.nn'), '--save-weights', saved]);
  assert.equal(r.code, 0, r.err.slice(-500));
  assert.match(r.out, /network long: 130000 iterations/);
  assert.match(r.out, /└─+\n +0 +129999\n/);
  assert.equal(r.err.match(/^Cost after iteration \d+: /gm)?.length, 130000);
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(saved, 'utf8'))), ['W1', 'b1']);
});

test('the text plot takes any number of points and draws the range an oscillating cost covers', () => {
  const many = Array.from({ length: 300_000 }, (_, i): [number, number] => [i, 1 / (1 + i)]);
  assert.match(costPlot(many), /^cost \(log scale\)\n/, 'no spread of 300,000 arguments');
  // Logged every 100th iteration the cost looks flat at 201.8; the ranges say it swings to 15.67 and back.
  const swinging = Array.from({ length: 30 }, (_, k): CostPoint => [100 * k, 201.8, 15.67, 1234.33]);
  const plot = costPlot(swinging, 30, 8);
  const rows = plot.split('\n').slice(1, 9);
  assert.ok(rows.every((row) => /[·•]{30}$/.test(row)), `every row is inside the band:\n${plot}`);
});

test('nn train: an oscillating cost warns with a hint and still exits 0', async () => {
  writeFileSync(join(dir, 'moons.nn'), 'network moons {\n  input 2\n  dense 8 relu\n  dense 1 sigmoid\n  train {\n    data moons(m: 400)\n    learning_rate 1000\n    iterations 1000\n  }\n}\n');
  const r = await nnTrain([join(dir, 'moons.nn')]);
  assert.equal(r.code, 0);
  assert.match(r.err, /moons\.nn: warning: The cost oscillates between [\d.e+]+ and [\d.e+]+ .*\(iterations \d+–999\).*Try a smaller learning rate than α = 1000 \(e\.g\. 100\)/);
  assert.match(r.err, /moons\.nn: warning: ‖dW‖ = 0 for W\[1\], W\[2\]: no gradient reaches these weights/, 'the dead relu layer is named');
  const calm = await nnTrain([join(dir, 'planar.nn'), '--iterations', '300']);
  assert.doesNotMatch(calm.err, /warning/);
});

test('nn train: weights of 1e308 overflow before any update, and the message does not blame α', async () => {
  writeFileSync(join(dir, 'huge.json'), JSON.stringify({ W1: [[1e308, 1e308], [1e308, -1e308]], b1: [[0], [0]], W2: [[1, 1]], b2: [[0]] }));
  writeFileSync(join(dir, 'huge.nn'), 'network huge {\n  input 2\n  dense 2 relu\n  dense 1 sigmoid\n  train {\n    data moons(m: 40)\n    weights "huge.json"\n  }\n}\n');
  const r = await nnTrain([join(dir, 'huge.nn')]);
  assert.equal(r.code, 2);
  assert.match(r.err, /error: The cost became NaN at iteration 0, in the first forward pass, before any update: Z\[1\] .* overflowed .*not to blame/);
  assert.doesNotMatch(r.err, /smaller learning rate/);
});
