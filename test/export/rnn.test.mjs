// `rnn` from a .nn file through the CLI (spec §10, §14): `nn train` and the script `nn export --to
// pytorch` writes (nn.RNN, batch-first) give the same costs, accuracy and final weights at 1e-9
// relative — a bidirectional many-to-one rnn over a CSV sequence (also in mini-batches with a short
// last one, Adam and L2), and stacked rnn layers over tokens.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assertSameCosts, assertSameWeights, nn, printedJson, python, readJson, run, scratch } from './helpers.mjs';

const torchPython = python('torch', 'python3-torch');

/** m CSV rows of T steps (n values each, or one token id of V) and a 0/1 label: whether the first feature sums above 0. */
function csv(m, T, { n = 1, V } = {}) {
  let seed = 7;
  const uniform = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  return Array.from({ length: m }, () => {
    const x = Array.from({ length: T * n }, () => (V ? Math.floor(uniform() * V) : Number((2 * uniform() - 1).toFixed(4))));
    const first = x.filter((_, k) => k % n === 0).reduce((s, v) => s + (V ? v - (V - 1) / 2 : v), 0);
    return [...x, first > 0 ? 1 : 0].join(',');
  }).join('\n') + '\n';
}

function compare(input, layers, data, train = ['learning_rate 0.5', 'iterations 40']) {
  const dir = scratch({
    'seq.csv': data,
    'net.nn': `network seq {\n  input ${input}\n${layers.map((l) => `  ${l}\n`).join('')}  dense 1 sigmoid\n  train {\n    data "seq.csv"\n${train.map((l) => `    ${l}\n`).join('')}    log_every 10\n  }\n}\n`,
  });
  const expected = JSON.parse(nn(['train', 'net.nn', '--json', '--save-weights', 'nn-weights.json'], dir));
  nn(['export', 'net.nn', '--to', 'pytorch', '-o', 'net.py'], dir);
  const actual = printedJson(run(torchPython, ['net.py', '--save-weights', 'py-weights.json'], dir, { OMP_NUM_THREADS: '1' }));
  assertSameCosts(actual.costs, expected.costs);
  assert.equal(actual.train_accuracy, expected.train_accuracy);
  assertSameWeights(readJson(join(dir, 'py-weights.json')), readJson(join(dir, 'nn-weights.json')));
  assert.ok(expected.costs.at(-1)[1] < expected.costs[0][1], 'the rnn learned');
  return readJson(join(dir, 'nn-weights.json'));
}

test('a bidirectional many-to-one rnn over a CSV sequence trains the same in PyTorch (1e-9)', () => {
  const weights = compare('sequence(steps: 6, features: 2)', ['rnn 5 bidirectional  return: last'], csv(40, 6, { n: 2 }));
  assert.deepEqual(Object.keys(weights), ['Wax1', 'Waa1', 'ba1', 'Wax1_rev', 'Waa1_rev', 'ba1_rev', 'W2', 'b2']);
});

test('stacked rnn layers over tokens (relu per step, then tanh last) train the same in PyTorch (1e-9)', () => {
  compare('tokens(steps: 5, vocab: 4)', ['rnn 6 relu', 'rnn 3  return: last'], csv(40, 5, { V: 4 }));
});

test('mini-batches with a shorter last one, Adam and L2: the same in PyTorch (1e-9)', () => {
  compare('sequence(steps: 6, features: 2)', ['rnn 5 bidirectional  return: last'], csv(40, 6, { n: 2 }),
    ['learning_rate 0.05', 'iterations 30', 'batch 16', 'optimizer adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)', 'l2 0.1']);
});
