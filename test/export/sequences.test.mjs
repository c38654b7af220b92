// Per-step sequence networks and embeddings from a .nn file through the CLI (spec §10, §14): `nn
// train` and the script `nn export --to pytorch` writes give the same costs, accuracy and final
// weights at 1e-9 — dense per step with per-step class labels (with dropout too), tokens → embedding
// → lstm → softmax per step, tokens → embedding → global_avg_pool over time (issue 21's held-out
// case), and the data the export writes for text(…), reverse(…) and adding(…).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { python, readJson, trainAlike, uniforms } from './helpers.mjs';

const torchPython = python('torch', 'python3-torch');

/** The .nn file: `input`, `layers`, then a train block on seq.csv. */
function network(input, layers, train) {
  return `network seq {\n  input ${input}\n${layers.map((l) => `  ${l}\n`).join('')}  train {\n    data "seq.csv"\n${train.map((l) => `    ${l}\n`).join('')}    log_every 10\n  }\n}\n`;
}

/** Trains both ways and returns nn train's final weights (the test reads their keys). */
function compare(input, layers, data, train = ['learning_rate 0.3', 'iterations 30']) {
  const dir = trainAlike({ 'seq.csv': data, 'net.nn': network(input, layers, train) }, torchPython);
  return readJson(join(dir, 'nn-weights.json'));
}

/** 30 rows of 4 steps of 3 features; y⟨t⟩: whether feature 0 beats feature 1 at step t. */
function perStepClasses() {
  const uniform = uniforms(11);
  const rows = Array.from({ length: 30 }, () => {
    const x = Array.from({ length: 4 * 3 }, () => Number((2 * uniform() - 1).toFixed(4)));
    const y = [0, 1, 2, 3].map((t) => (x[3 * t] > x[3 * t + 1] ? 1 : 0));
    return [...x, ...y].join(',');
  });
  return `${rows.join('\n')}\n`;
}

test('dense per step with per-step class labels trains the same in PyTorch (1e-9)', () => {
  const weights = compare('sequence(steps: 4, features: 3)', ['dense 5 tanh', 'dense 2 softmax'], perStepClasses());
  assert.deepEqual(Object.keys(weights), ['W1', 'b1', 'W2', 'b2']);
});

test('dropout on a per-step dense layer: the editor\'s (T·n, m) masks in PyTorch, mini-batches (1e-9)', () => {
  compare('sequence(steps: 4, features: 3)', ['dense 5 tanh  keep_prob: 0.7', 'dense 2 softmax'], perStepClasses(), ['learning_rate 0.3', 'iterations 30', 'batch 8']);
});

test('tokens → embedding → lstm → softmax per step (a next-token model) trains the same in PyTorch (1e-9)', () => {
  // y⟨t⟩ = x⟨t⟩ + 1 mod V: per-step class labels over the vocabulary
  const uniform = uniforms(5);
  const rows = Array.from({ length: 24 }, () => {
    const x = Array.from({ length: 5 }, () => Math.floor(uniform() * 7));
    return [...x, ...x.map((id) => (id + 1) % 7)].join(',');
  });
  const weights = compare('tokens(steps: 5, vocab: 7)', ['embedding 4', 'lstm 6', 'dense 7 softmax'], `${rows.join('\n')}\n`,
    ['learning_rate 0.05', 'iterations 30', 'batch 10', 'optimizer adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)', 'l2 0.05']);
  assert.deepEqual(Object.keys(weights), ['E1', 'Wf2', 'Wi2', 'Wc2', 'Wo2', 'bf2', 'bi2', 'bc2', 'bo2', 'W3', 'b3']);
});

test('tokens from CSV → embedding → global_avg_pool over time → sigmoid trains the same in PyTorch (1e-9)', () => {
  // y: whether more than half of the tokens are in the upper half of the vocabulary
  const uniform = uniforms(3);
  const rows = Array.from({ length: 40 }, () => {
    const x = Array.from({ length: 6 }, () => Math.floor(uniform() * 8));
    return [...x, x.filter((id) => id >= 4).length > 3 ? 1 : 0].join(',');
  });
  const weights = compare('tokens(steps: 6, vocab: 8)', ['embedding 3', 'global_avg_pool', 'dense 1 sigmoid'], `${rows.join('\n')}\n`,
    ['learning_rate 2', 'iterations 40', 'init random(scale: 0.5)']);
  assert.deepEqual(Object.keys(weights), ['E1', 'W3', 'b3']);
});

test('text(…): a character model exports with the engine\'s token ids and next-character labels written beside the script (1e-9)', () => {
  const corpus = 'the cat sat on the mat\nthe dog sat on the log\na cat and a dog\n';
  const V = new Set(corpus).size;
  const nn = `network chars {\n  input tokens(steps: 4, vocab: ${V})\n  embedding 5\n  lstm 8\n  dense ${V} softmax\n  train {\n    data text("corpus.txt", steps: 4)\n    test 0.2\n    learning_rate 0.05\n    iterations 30\n    batch 8\n    optimizer adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)\n    log_every 10\n  }\n}\n`;
  const dir = trainAlike({ 'corpus.txt': corpus, 'net.nn': nn }, torchPython);
  // the data file: m = ⌊(length − 1)/T⌋ rows of 4 ids and 4 next ids, the first "the " → "he c"
  const rows = readFileSync(join(dir, 'net.data.csv'), 'utf8').trim().split('\n');
  assert.equal(rows.length - 1, Math.floor((corpus.length - 1) / 4));
  const vocab = [...new Set(corpus)].sort();
  assert.deepEqual(rows[1].split(',').map(Number), [...'the ', ...'he c'].map((c) => vocab.indexOf(c)));
});

test('a sequence generator\'s data (reverse, per step; its test set from the \'test\' stream) exports the same (1e-9)', () => {
  const nn = network('tokens(steps: 5, vocab: 6)', ['embedding 4', 'gru 6', 'dense 6 softmax'], ['learning_rate 0.1', 'iterations 20'])
    .replace('data "seq.csv"', 'data reverse(m: 30, steps: 5, vocab: 6)\n    test reverse(m: 10, steps: 5, vocab: 6)');
  const dir = trainAlike({ 'net.nn': nn }, torchPython);
  const x = (file) => readFileSync(join(dir, file), 'utf8').trim().split('\n')[1].split(',').map(Number);
  assert.deepEqual(x('net.data.csv').slice(5), x('net.data.csv').slice(0, 5).reverse(), 'y is x reversed');
  assert.notDeepEqual(x('net.test.csv'), x('net.data.csv'), 'the test set is another draw');
});

test('the adding problem\'s generated data (values, one label per example) exports the same: lstm last, mse (1e-9)', () => {
  const nn = network('sequence(steps: 8, features: 2)', ['lstm 4  return: last', 'dense 1 linear'], ['learning_rate 0.05', 'iterations 20', 'test 0.25'])
    .replace('data "seq.csv"', 'data adding(m: 24, steps: 8)');
  const dir = trainAlike({ 'net.nn': nn }, torchPython);
  // y is the sum of the two marked u: the 17th value of a row of 8 (u, mark) pairs
  const row = readFileSync(join(dir, 'net.data.csv'), 'utf8').trim().split('\n')[1].split(',').map(Number);
  assert.equal(row.length, 17);
  const marked = [0, 1, 2, 3, 4, 5, 6, 7].filter((t) => row[2 * t + 1] === 1).map((t) => row[2 * t]);
  assert.equal(marked.length, 2);
  assert.equal(row[16], marked[0] + marked[1]);
});
