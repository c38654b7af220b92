// `nn export --to pytorch` proven equal by running it (spec §10): Debian's python3-torch runs the
// exported script, and its recorded costs, accuracies and final weights must equal `nn train
// --json --save-weights` within 1e-9 relative — in one process, under torchrun with 2 processes
// (Debian's torchrun needs --redirects 1 --tee 1 under Python 3.11) and with --spawn 2.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { python, torchrun, trainAlike } from './helpers.mjs';

const torchPython = python('torch', 'python3-torch');

/** A network file: `layers` and `train` are the lines inside the blocks. */
function network(name, input, layers, train) {
  return `network ${name} {\n  input ${input}\n${layers.map((l) => `  ${l}\n`).join('')}  train {\n${train.map((l) => `    ${l}\n`).join('')}  }\n}\n`;
}

/** `nn train` against the exported script of `files` (helpers.mjs's trainAlike) in one process, or launched by `launcher`. */
const compare = (files, launcher) => trainAlike(files, torchPython, launcher);

test('gd, full batch, initial weights drawn from the seed: the planar flower network', () => {
  const dir = compare({ 'net.nn': network('planar', 2, ['dense 4 tanh', 'dense 1 sigmoid'],
    ['data flower(m: 400, noise: 0.2)', 'learning_rate 1.2', 'iterations 300', 'log_every 50', 'seed 3']) });
  // the generator's data went beside the script, as a CSV with a header: 400 examples
  assert.equal(readFileSync(join(dir, 'net.data.csv'), 'utf8').trim().split('\n').length, 401);
});

test('momentum, mini-batches, L2 and a weights file', () => {
  const weights = { W1: [[0.1, -0.2], [0.3, 0.05], [-0.4, 0.2], [0.15, 0.1], [0.2, -0.3]], b1: [[0], [0.1], [0], [-0.1], [0]], W2: [[0.5, -0.6, 0.7, 0.2, -0.1]], b2: [[0.05]] };
  compare({
    'w.json': JSON.stringify(weights),
    'net.nn': network('moons', 2, ['dense 5 relu', 'dense 1 sigmoid'],
      ['data moons(m: 300, noise: 0.2)', 'weights "w.json"', 'learning_rate 0.05', 'batch 64', 'iterations 200', 'log_every 20',
        'optimizer momentum(beta: 0.9)', 'l2 0.3', 'seed 5']),
  });
});

test('rmsprop, exponential decay, a softmax output and a held-out test fraction', () => {
  compare({ 'net.nn': network('spiral', 2, ['dense 16 leaky_relu(0.05)', 'dense 3 softmax'],
    ['data spiral(m: 240, noise: 0.2, classes: 3)', 'test 0.25', 'learning_rate 0.01', 'batch 50', 'iterations 150', 'log_every 10',
      'optimizer rmsprop(beta: 0.99, epsilon: 1e-7)', 'decay exponential(rate: 0.9, every: 30)', 'seed 7']) });
});

test('adam, inverse decay and L2 on a CSV with a linear mse output and a test CSV', () => {
  const rows = (n, seed) => Array.from({ length: n }, (_, j) => {
    const x = [Math.sin(j * 1.3 + seed), Math.cos(j * 0.7 * seed), ((j * 37) % 11) / 11];
    return [...x, x[0] * 0.5 - x[1] + 0.2 * x[2], x[2] * x[0]].join(',');
  }).join('\n');
  compare({
    'train.csv': `a,b,c,y1,y2\n${rows(90, 1)}\n`,
    'test.csv': rows(20, 2),
    'net.nn': network('regression', 3, ['dense 6 tanh', 'dense 2 linear'],
      ['data "train.csv"', 'test "test.csv"', 'learning_rate 0.01', 'batch 32', 'iterations 200', 'log_every 25',
        'optimizer adam(beta1: 0.85, beta2: 0.995, epsilon: 1e-8)', 'decay inverse(rate: 0.2, every: 25)', 'l2 0.05', 'seed 11']),
  });
});

// Two processes, m even: each takes an equal shard of every batch.
const ddp = network('ddp', 2, ['dense 6 relu', 'dense 3 tanh', 'dense 1 sigmoid'],
  ['data circles(m: 200, noise: 0.1, factor: 0.5)', 'learning_rate 0.02', 'batch 40', 'iterations 120', 'log_every 10',
    'optimizer adam', 'l2 0.1', 'seed 4']);

test('2 processes under torchrun (Debian: --redirects 1 --tee 1) equal one process', () => {
  compare({ 'net.nn': ddp }, (script) => [torchPython, torchrun(script)]);
});

// Dropout is outside the contract (spec §10 compares runs without it), but the script draws the
// editor's masks from the same 'dropout' stream, so even these runs agree.
const dropout = network('dropout', 2, ['dense 8 relu  keep_prob: 0.7', 'dense 4 tanh  keep_prob: 0.9', 'dense 1 sigmoid'],
  ['data moons(m: 200, noise: 0.2)', 'learning_rate 0.1', 'batch 50', 'iterations 100', 'log_every 10', 'optimizer adam']);

test('dropout: the same masks as the editor, in one process', () => {
  compare({ 'net.nn': dropout });
});

test('2 processes started by --spawn 2 equal one process, dropout masks included', () => {
  compare({ 'net.nn': dropout }, (script) => [torchPython, [script, '--spawn', '2']]);
});
