// Conv networks exported to PyTorch (spec §10 with §8's layers): nn.Conv2d on NCHW inside, W[l]
// converted from (f, f, n_C[l−1], n_C[l]), pools, and flatten back in the (h, w, c) order. The
// engine (compiled to out/ by `npm run test:export`) trains a network of every kind of layer on a
// CSV of image rows; the exported script, run by Debian's python3-torch, must record the same
// costs and end with the same weights within 1e-9 relative, for each optimizer with L2 and decay,
// and with 2 processes under torchrun. Spec §12's depthwise_conv2d (nn.Conv2d with groups = n_C)
// and global_avg_pool (a mean over H and W) are held to the same equality.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { assertSameCosts, assertSameWeights, printedJson, python, readJson, run, scratch, torchrun } from './helpers.mjs';

const require = createRequire(import.meta.url);
const { train, loadData } = require('../../out/core/engine/index.js');
const { exportPytorch } = require('../../out/core/services/export/index.js');
const { Rng } = require('../../out/core/foundation/prng.js');

const torchPython = python('torch', 'python3-torch');

const image = { n_H: 8, n_W: 7, n_C: 2 };
const n0 = image.n_H * image.n_W * image.n_C;

/** Every layer kind: conv with padding, a max pool, a strided conv, an overlapping avg pool, flatten, dense. */
const layers = [
  { kind: 'conv2d', filters: 3, activation: { name: 'relu' }, f: 3, stride: 1, pad: 1 },
  { kind: 'max_pool', f: 2, stride: 2 },
  { kind: 'conv2d', filters: 4, activation: { name: 'tanh' }, f: 2, stride: 1, pad: 0 },
  { kind: 'avg_pool', f: 2, stride: 1 },
  { kind: 'flatten' },
  { kind: 'dense', units: 5, activation: { name: 'leaky_relu', slope: 0.1 } },
  { kind: 'dense', units: 3, activation: { name: 'softmax' } },
];

/** m examples as CSV rows: n0 features in (h, w, c) order, then a class index 0…2. */
function imageCsv(m, seed) {
  const rng = new Rng(seed, 'conv-export-test');
  const rows = [];
  for (let j = 0; j < m; j++) rows.push([...Array.from({ length: n0 }, () => rng.uniform().toFixed(6)), j % 3].join(','));
  return `${rows.join('\n')}\n`;
}

function spec(dir, trainSettings, kinds = layers) {
  return {
    name: 'lenet', inputSize: n0, image, layers: kinds, loss: 'softmax_cross_entropy',
    train: { data: { kind: 'csv', path: join(dir, 'images.csv') }, learningRate: 0.05, iterations: 60, batch: 'full', seed: 6, logEvery: 10, ...trainSettings },
  };
}

/** The engine's run and the exported script's, compared. */
function compare(trainSettings, launcher = (script) => [torchPython, [script]], kinds = layers) {
  const dir = scratch({ 'images.csv': imageCsv(36, 1) });
  const network = spec(dir, trainSettings, kinds);
  const result = train(network, loadData(network));
  assert.equal(result.divergedAt, undefined);
  for (const file of exportPytorch(network, join(dir, 'lenet.py'), join(dir, 'lenet.nn'))) writeFileSync(file.path, file.content);
  const [command, args] = launcher('lenet.py');
  const actual = printedJson(run(command, [...args, '--save-weights', 'py-weights.json'], dir));
  assertSameCosts(actual.costs, result.costs);
  assert.equal(actual.train_accuracy, result.trainAccuracy);
  const expected = Object.fromEntries(Object.entries(result.weights).map(([key, values]) => [key, Array.from(values)]));
  assertSameWeights(readJson(join(dir, 'py-weights.json')), expected);
}

test('conv network, gd and L2, initial weights drawn from the seed (he and xavier by layer)', () => {
  compare({ l2: 0.2 });
});

test('conv network, momentum, mini-batches and inverse decay', () => {
  compare({ optimizer: { kind: 'momentum', beta: 0.8 }, batch: 10, decay: { kind: 'inverse', rate: 0.3, every: 10 } });
});

test('conv network, rmsprop and exponential decay', () => {
  compare({ learningRate: 0.002, optimizer: { kind: 'rmsprop', beta: 0.95, epsilon: 1e-8 }, batch: 12, decay: { kind: 'exponential', rate: 0.95, every: 5 } });
});

test('conv network, adam with L2 and init random(0.3)', () => {
  compare({ learningRate: 0.005, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, l2: 0.1, init: { kind: 'random', scale: 0.3 } });
});

test('conv network, 2 processes under torchrun (--redirects 1 --tee 1), m and batch even', () => {
  compare({ optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, learningRate: 0.005, batch: 12, l2: 0.05 },
    (script) => [torchPython, torchrun(script)]);
});

/** MobileNet's depthwise-separable pairs (a depthwise 3×3, then a 1×1 conv2d), ending in global_avg_pool. */
const separable = [
  { kind: 'conv2d', filters: 3, activation: { name: 'relu' }, f: 3, stride: 1, pad: 1 },
  { kind: 'depthwise_conv2d', activation: { name: 'relu' }, f: 3, stride: 2, pad: 1 },
  { kind: 'conv2d', filters: 4, activation: { name: 'tanh' }, f: 1, stride: 1, pad: 0 },
  { kind: 'depthwise_conv2d', activation: { name: 'leaky_relu', slope: 0.1 }, f: 2, stride: 1, pad: 0 },
  { kind: 'global_avg_pool' },
  { kind: 'dense', units: 3, activation: { name: 'softmax' } },
];

test('depthwise-separable network with global_avg_pool, gd and L2, initial weights from the seed', () => {
  compare({ l2: 0.2, learningRate: 0.2 }, undefined, separable);
});

test('depthwise-separable network with global_avg_pool, adam in mini-batches with exponential decay', () => {
  compare({ learningRate: 0.01, optimizer: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, batch: 10, decay: { kind: 'exponential', rate: 0.95, every: 5 } }, undefined, separable);
});

test('depthwise-separable network with global_avg_pool, 2 processes under torchrun', () => {
  compare({ optimizer: { kind: 'momentum', beta: 0.9 }, learningRate: 0.1, batch: 12, l2: 0.05 },
    (script) => [torchPython, torchrun(script)], separable);
});
