// The checker's weights-file check for layers whose parameters have names of their own (spec §13–15):
// the file `nn train --save-weights` (and the exported script's --save-weights) writes for an lstm,
// a batch-normalized dense layer or an rnn — Wf1…bo1 and `_rev`, gamma, running statistics, Wax —
// checks clean, and a wrong key or shape is still reported.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeWith } from './helpers';

const network = (input: string, layers: string[]) => [
  'network n {', `  input ${input}`, ...layers.map((l) => `  ${l}`), '  train {', '    data "d.csv"', '    weights "w.json"', '  }', '}', '',
].join('\n');

const zeros = (rows: number, cols: number) => Array.from({ length: rows }, () => new Array(cols).fill(0.1));

const check = (text: string, csv: string, weights: object) => analyzeWith(text, { 'd.csv': csv, 'w.json': JSON.stringify(weights) }).diagnostics;

// T = 2 steps of n_x = 3, then y
const sequenceCsv = '0,0,0,0,0,0,1\n1,1,1,1,1,1,0\n';
const lstm = network('sequence(steps: 2, features: 3)', ['lstm 2 return: last bidirectional', 'dense 1 linear']);
const lstmWeights = () => {
  const w: Record<string, number[][]> = { W2: zeros(1, 4), b2: zeros(1, 1) };
  for (const s of ['', '_rev']) for (const g of ['f', 'i', 'c', 'o']) Object.assign(w, { [`W${g}1${s}`]: zeros(2, 5), [`b${g}1${s}`]: zeros(2, 1) });
  return w;
};

test('a bidirectional lstm\'s weights file (Wf1…bo1, their _rev, W2, b2) checks clean', () => {
  assert.deepEqual(check(lstm, sequenceCsv, lstmWeights()), []);
});

test('an lstm gate of the wrong shape and a stacked W1 of nn shapes are reported on the weights line', () => {
  const found = check(lstm, sequenceCsv, { ...lstmWeights(), Wf1: zeros(2, 3), W1: zeros(4, 5) });
  assert.deepEqual(found.map((d) => [d.code, d.range.start.line]).sort(), [['NN508', 7], ['NN509', 7]]);
  assert.match(found.find((d) => d.code === 'NN509')!.message, /Wf1 is \(2, 3\) but must be \(2, 5\)/);
});

test('an rnn\'s Wax, Waa, ba and a batch-normalized layer\'s gamma, beta (running statistics left out) check clean', () => {
  const text = network('sequence(steps: 2, features: 3)', ['rnn 2 return: last', 'dense 3 relu norm: batch', 'dense 1 linear']);
  const weights = { Wax1: zeros(2, 3), Waa1: zeros(2, 2), ba1: zeros(2, 1), W2: zeros(3, 2), gamma2: zeros(3, 1), beta2: zeros(3, 1), W3: zeros(1, 3), b3: zeros(1, 1) };
  assert.deepEqual(check(text, sequenceCsv, weights), []);
});
