// `lstm` and the course's `gru` (spec §14) through `nn export --to pytorch`, proven by running it
// (spec §10): Debian's python3-torch runs the exported script (nn.LSTM and the runtime's CourseGRU,
// float64, one thread), and its recorded costs and final weights — every Wf…bo, Wu…bc and their
// `_rev` — must equal `nn train --json --save-weights` within 1e-9 relative. The initial weights
// are drawn from the seed on both sides, so initialisation is proven too.

import { test } from 'node:test';
import { join } from 'node:path';
import { assertSameCosts, assertSameWeights, nn, printedJson, python, readJson, run, scratch } from './helpers.mjs';

const torchPython = python('torch', 'python3-torch');

/** Seeded CSV rows: T·n_x inputs in [−1, 1), time-major, then `labels(x)`. */
function csv(rows, T, n_x, labels, seed = 7) {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  return Array.from({ length: rows }, () => {
    const x = Array.from({ length: T * n_x }, () => Number(next().toFixed(4)));
    return [...x, ...labels(x)].join(',');
  }).join('\n') + '\n';
}

function compare(layers, data, train, files = {}) {
  const text = `network n {\n  input sequence(steps: 4, features: 3)\n${layers.map((l) => `  ${l}\n`).join('')}  train {\n    data "seq.csv"\n${train.map((l) => `    ${l}\n`).join('')}    seed 3\n  }\n}\n`;
  const dir = scratch({ 'net.nn': text, 'seq.csv': data, ...files });
  const expected = JSON.parse(nn(['train', 'net.nn', '--json', '--save-weights', 'nn-weights.json'], dir));
  nn(['export', 'net.nn', '--to', 'pytorch', '-o', 'net.py'], dir);
  const actual = printedJson(run(torchPython, ['net.py', '--save-weights', 'py-weights.json'], dir));
  assertSameCosts(actual.costs, expected.costs);
  assertSameWeights(readJson(join(dir, 'py-weights.json')), readJson(join(dir, 'nn-weights.json')));
}

// y = the mean of feature 1 over the steps (a many-to-one regression)
const lastData = csv(40, 4, 3, (x) => [Number((x.filter((_, i) => i % 3 === 0).reduce((a, b) => a + b, 0) / 4).toFixed(4))]);

test('lstm, return: last, bidirectional, into dense: gd on the full batch', () => {
  compare(['lstm 5 return: last bidirectional', 'dense 1 linear'], lastData, ['iterations 25', 'learning_rate 0.1', 'log_every 5']);
});

test('lstm per step into a bidirectional lstm\'s last: adam on mini-batches with L2', () => {
  compare(['lstm 4', 'lstm 3 return: last bidirectional', 'dense 1 linear'], lastData, ['iterations 20', 'learning_rate 0.01', 'optimizer adam', 'batch 8', 'l2 0.01', 'log_every 4']);
});

test('the course\'s gru, bidirectional per step, into a gru\'s last: momentum', () => {
  compare(['gru 3 bidirectional', 'gru 2 return: last', 'dense 1 linear'], lastData, ['iterations 20', 'learning_rate 0.05', 'optimizer momentum', 'log_every 4']);
});

test('gru, return: last, two stacked gated layers (lstm then gru) into dense', () => {
  compare(['lstm 4', 'gru 3 return: last', 'dense 1 linear'], lastData, ['iterations 20', 'learning_rate 0.1', 'log_every 5']);
});

test('a weights file\'s Wf…bo and their _rev go into nn.LSTM\'s weight_hh, weight_ih and bias_ih and come back the same', () => {
  // every entry distinct, so a gate in the wrong rows or a column on the wrong side of [a | x] would show
  let k = 0;
  const values = (rows, cols) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => Number((0.37 * Math.sin(++k)).toFixed(6))));
  const weights = { W2: values(1, 6), b2: values(1, 1) };
  for (const s of ['', '_rev']) {
    for (const g of ['f', 'i', 'c', 'o']) Object.assign(weights, { [`W${g}1${s}`]: values(3, 6), [`b${g}1${s}`]: values(3, 1) });
  }
  compare(['lstm 3 return: last bidirectional', 'dense 1 linear'], lastData, ['weights "w.json"', 'iterations 10', 'learning_rate 0.1', 'log_every 2'],
    { 'w.json': JSON.stringify(weights) });
});
