// The held-out bars of issues 21 and 22 that no other export test holds, written as .nn files the
// way a student writes them: each trains with `nn train` and with its exported PyTorch script
// (float64, one thread) to the same costs, accuracy and final weights within 1e-9 (helpers.mjs's
// trainAlike compares every key of the weights files). The other bars are proven where their
// feature is: rnn `return: last` on a CSV (rnn.test.mjs), text tokens → embedding → lstm per step
// and tokens from a CSV → global_avg_pool over time (sequences.test.mjs), the course's GRU with mse
// and a bidirectional lstm (gated.test.mjs).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { python, readJson, trainAlike, uniforms } from './helpers.mjs';

const torchPython = python('torch', 'python3-torch');
// the §15 encoder block as completion writes it (core/adapters/lsp/encoderCompletion.ts), not a copy
const { ENCODER_BLOCK } = createRequire(import.meta.url)('../../out/core/language/layerCompletion.js');

/** A .nn file: `blocks` before the network, `layers` inside it, then a train block on seq.csv. */
function file({ blocks = '', input, layers, train }) {
  const lines = (items, indent) => items.map((line) => `${indent}${line}\n`).join('');
  return `${blocks}network case {\n  input ${input}\n${lines(layers, '  ')}  train {\n    data "seq.csv"\n${lines(train, '    ')}    seed 4\n  }\n}\n`;
}

/** `count` CSV rows of `x()`'s values, then `labels(x)`. */
function csv(count, x, labels) {
  return Array.from({ length: count }, () => {
    const row = x();
    return [...row, ...labels(row)].join(',');
  }).join('\n') + '\n';
}

test('held-out: rnn with clip', () => {
  // y: whether the first feature sums above 0 over the 6 steps; α = 1 makes the early gradients exceed C = 0.02
  const uniform = uniforms(17);
  const data = csv(30, () => Array.from({ length: 12 }, () => Number((2 * uniform() - 1).toFixed(4))),
    (x) => [x.filter((_, k) => k % 2 === 0).reduce((a, b) => a + b, 0) > 0 ? 1 : 0]);
  const network = (clip) => file({
    input: 'sequence(steps: 6, features: 2)',
    layers: ['rnn 5  return: last', 'dense 1 sigmoid'],
    train: ['learning_rate 1', ...clip, 'batch 8', 'iterations 12', 'log_every 3'],
  });
  const dir = trainAlike({ 'seq.csv': data, 'net.nn': network(['clip 0.02']) }, torchPython);
  // the clip binds: the same run without it ends with other weights
  const clipped = readJson(join(dir, 'nn-weights.json'));
  const free = trainAlike({ 'seq.csv': data, 'net.nn': network([]) }, torchPython);
  assert.notDeepEqual(readJson(join(free, 'nn-weights.json')).Waa1, clipped.Waa1, 'clip 0.02 changed the training');
});

test('held-out: tokens → embedding → positional encoding → residual causal self-attention (2 heads) → layer norm → softmax per step', () => {
  // y⟨t⟩ = x⟨t−1⟩ (x⟨1⟩ for the first step): a causal model can see it
  const uniform = uniforms(23);
  const data = csv(20, () => Array.from({ length: 5 }, () => Math.floor(uniform() * 6)), (x) => x.map((_, t) => x[Math.max(t - 1, 0)]));
  const dir = trainAlike({
    'seq.csv': data,
    'net.nn': file({
      input: 'tokens(steps: 5, vocab: 6)',
      layers: ['embedding 4', 'positional_encoding', 'residual linear {', '  self_attention heads: 2 causal', '}', 'layer_norm', 'dense 6 softmax'],
      train: ['learning_rate 0.05', 'optimizer adam', 'batch 8', 'iterations 12', 'log_every 3'],
    }),
  }, torchPython);
  assert.deepEqual(Object.keys(readJson(join(dir, 'nn-weights.json'))),
    ['E1', 'WQ3', 'WK3', 'WV3', 'WO3', 'bQ3', 'bK3', 'bV3', 'bO3', 'gamma4', 'beta4', 'W5', 'b5']);
});

test('held-out: the §15 encoder block on a CSV sequence with mse', () => {
  // y⟨t⟩ = the running mean of feature 1 up to step t, one value per step
  const uniform = uniforms(31);
  const data = csv(24, () => Array.from({ length: 16 }, () => Number((2 * uniform() - 1).toFixed(4))),
    (x) => [0, 1, 2, 3].map((t) => Number((x.filter((_, k) => k % 4 === 0 && k <= 4 * t).reduce((a, b) => a + b, 0) / (t + 1)).toFixed(4))));
  const source = file({
    blocks: `${ENCODER_BLOCK}\n\n`,
    input: 'sequence(steps: 4, features: 4)',
    layers: ['encoder(4, 2, 8)', 'dense 1 linear'],
    train: ['learning_rate 0.02', 'optimizer adam', 'batch 10', 'iterations 12', 'log_every 3'],
  });
  const dir = trainAlike({ 'seq.csv': data, 'net.nn': source }, torchPython);
  // §12's numbering through the block: 1 attention, 2 and 5 the layer norms, 3–4 the feed-forward, 6 the output
  assert.deepEqual(Object.keys(readJson(join(dir, 'nn-weights.json'))),
    ['WQ1', 'WK1', 'WV1', 'WO1', 'bQ1', 'bK1', 'bV1', 'bO1', 'gamma2', 'beta2', 'W3', 'b3', 'W4', 'b4', 'gamma5', 'beta5', 'W6', 'b6']);
});
