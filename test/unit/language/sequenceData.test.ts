// Spec §14's data in the language and the loader: `text("FILE", steps: T)` against `input
// tokens(…)` (NN518 with the fix that writes V), the sequence generators against the input they
// make (NN505 with the fix that writes it), CSV rows of sequences, labels one per step against one
// per sequence (the `return:` rule, NN504), `clip C`; and what loadData gives the engine. The
// layers are the real sequence kinds; `dense N softmax` after an rnn ends a network per step.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from '../../../core/language';
import { loadData } from '../../../core/data/dataset';
import { analyzeWith } from './helpers';

const TEXT = 'hello world\n'; // V = 9: \n, space, d, e, h, l, o, r, w; T = 3 gives m = ⌊11/3⌋ = 3

function net(lines: string[], settings: string[]): string {
  return ['network n {', ...lines.map((l) => `  ${l}`), '  train {', ...settings.map((s) => `    ${s}`), '  }', '}', ''].join('\n');
}

const at = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.column}-${d.range.end.column} ${d.code}`;
const CHAR = ['input tokens(steps: 3, vocab: 9)', 'rnn 4 relu', 'dense 9 softmax'];
const TEXT_DATA = ['data text("t.txt", steps: 3)'];
const check = (lines: string[], settings: string[], files: Record<string, string> = { 't.txt': TEXT }) => analyzeWith(net(lines, settings), files);

test('a text file that fits its tokens input and per-step softmax checks clean, with m from its length', () => {
  const { diagnostics, networks } = check(CHAR, TEXT_DATA);
  assert.deepEqual(diagnostics, []);
  assert.equal(networks[0].m, 3);
  assert.deepEqual(networks[0].spec?.train.data, { kind: 'text', path: '/virtual/t.txt', steps: 3 });
});

test('a text whose vocabulary is not `vocab` is NN518 on `data`, and its fix writes the right V', () => {
  const { diagnostics } = check(['input tokens(steps: 3, vocab: 8)', 'rnn 4 relu', 'dense 8 softmax'], TEXT_DATA);
  assert.deepEqual(diagnostics.map(at), ['6:10-33 NN518']);
  assert.equal(diagnostics[0].message, 't.txt has V = 9 distinct characters, so its tokens are 0…8, but the input\'s vocab is 8: vocab must be the text\'s vocabulary size');
  assert.deepEqual(diagnostics[0].fixes?.[0].edits, [{ range: { start: { line: 2, column: 33 }, end: { line: 2, column: 34 } }, newText: '9' }]);
  const short = check(CHAR, ['data text("t.txt", steps: 20)']).diagnostics;
  assert.deepEqual(short.map(at), ['6:10-34 NN518']);
  assert.equal(short[0].message, 't.txt has 12 characters, but steps: 20 needs at least 21 (T + 1: x and the next character)');
});

test('text data on a sequence input is NN505 with the tokens input as a fix; `return: last` against its per-step labels is NN504', () => {
  const wrong = check(['input sequence(steps: 3, features: 9)', 'rnn 4 relu', 'dense 9 softmax'], TEXT_DATA).diagnostics;
  assert.deepEqual(wrong.map(at), ['6:10-33 NN505']);
  assert.match(wrong[0].message, /gives tokens \(T = 3 steps, vocabulary V = 9\), but the input is sequences of 9 features over T = 3 steps: write `input tokens\(steps: 3, vocab: 9\)`/);
  assert.equal(wrong[0].fixes?.[0].edits[0].newText, 'tokens(steps: 3, vocab: 9)');
  const last = check(['input tokens(steps: 3, vocab: 9)', 'rnn 4 relu return: last', 'dense 9 softmax'], TEXT_DATA).diagnostics;
  assert.deepEqual(last.map(at), ['6:10-33 NN504']);
  assert.equal(last[0].message, 'text(…) gives a class of 9 at each of 3 steps, but the output layer 2 predicts once per sequence: keep every step with `return: sequence` (the default) on the last recurrent layer');
});

test('adding fits `input sequence(steps: T, features: 2)` and one linear output; the wrong features or a per-step output are errors on `data`', () => {
  const ADD = ['data adding(m: 20, steps: 10)'];
  assert.deepEqual(check(['input sequence(steps: 10, features: 2)', 'rnn 8 return: last', 'dense 1 linear'], ADD).diagnostics, []);
  const features = check(['input sequence(steps: 10, features: 3)', 'rnn 8 return: last', 'dense 1 linear'], ADD).diagnostics;
  assert.deepEqual(features.map(at), ['6:10-34 NN505']);
  assert.deepEqual(features[0].fixes?.[0].edits, [{ range: { start: { line: 2, column: 9 }, end: { line: 2, column: 41 } }, newText: 'sequence(steps: 10, features: 2)' }]);
  const perStep = check(['input sequence(steps: 10, features: 2)', 'rnn 8', 'dense 1 linear'], ADD).diagnostics;
  assert.deepEqual(perStep.map(at), ['6:10-34 NN504']);
  assert.equal(perStep[0].message, 'adding gives 1 value per sequence (at its last step), but the output layer 2 predicts at each of its 10 steps: end the steps with `return: last` on the last recurrent layer');
});

test('reverse needs a softmax of V at every step; a vector generator on a sequence input is NN505', () => {
  const REV = ['data reverse(m: 20, steps: 5, vocab: 6)'];
  assert.deepEqual(check(['input tokens(steps: 5, vocab: 6)', 'embedding 4', 'dense 6 softmax'], REV).diagnostics, []);
  const units = check(['input tokens(steps: 5, vocab: 6)', 'embedding 4', 'dense 5 softmax'], REV).diagnostics;
  assert.deepEqual(units.map(at), ['6:10-44 NN504']);
  assert.match(units[0].message, /it needs 6 units \(`dense 6 softmax`\)/);
  const flower = check(['input sequence(steps: 5, features: 2)', 'rnn 4 return: last', 'dense 1 sigmoid'], ['data flower(m: 40)']).diagnostics;
  assert.deepEqual(flower.map(at), ['6:10-23 NN505']);
});

test('a CSV of sequences: x time-major then the labels; a wrong column count is NN503 with its row and column', () => {
  const lines = ['input sequence(steps: 2, features: 2)', 'rnn 3 return: last', 'dense 1 sigmoid'];
  const good = check(lines, ['data "s.csv"'], { 's.csv': '0.1,0.2,0.3,0.4,1\n0.5,0.6,0.7,0.8,0\n' });
  assert.deepEqual(good.diagnostics, []);
  assert.equal(good.networks[0].m, 2);
  const bad = check(lines, ['data "s.csv"'], { 's.csv': '0.1,0.2,0.3,1\n' }).diagnostics;
  assert.deepEqual(bad.map(at), ['6:10-17 NN503']);
  assert.equal(bad[0].message, 's.csv:1:5: the file has 4 columns, but the network needs 5: 2 steps × 2 features for x, then 1 label column');
  const ids = check(['input tokens(steps: 2, vocab: 3)', 'embedding 4', 'dense 3 softmax'], ['data "s.csv"'], { 's.csv': '0,2,1,1\n0,3,1,1\n' }).diagnostics;
  assert.deepEqual(ids.map((d) => `${d.code} ${d.message}`), ['NN504 s.csv:2:2: row 2, column 2: token 3 is not one of the vocabulary\'s token ids 0…2']);
});

test('`clip C` goes into TrainSpec.clip; C ≤ 0 is NN421 on its value', () => {
  const { networks } = check(CHAR, [...TEXT_DATA, 'clip 5']);
  assert.equal(networks[0].spec?.train.clip, 5);
  const d = check(CHAR, [...TEXT_DATA, 'clip -1']).diagnostics;
  assert.deepEqual(d.map(at), ['7:10-12 NN421']);
});

test('loadData gives the engine ids (T, m) and per-step one-hot labels (T·V, m) for text, (T·n, m) and (1, m) for adding', () => {
  const spec = check(CHAR, TEXT_DATA).networks[0].spec!;
  const { train } = loadData(spec, () => TEXT);
  assert.deepEqual([train.X.rows, train.X.cols, train.Y.rows, train.Y.cols, train.classes], [3, 3, 27, 3, 9]);
  // example 0 is "hel" → "ell": x⟨1⟩ = h (4), y⟨1⟩ = e (3), one-hot in rows 0…8 of column 0
  assert.deepEqual([train.X.data[0], train.Y.data[3 * 3 + 0]], [4, 1]);
  assert.deepEqual(train.vocab, ['\n', ' ', 'd', 'e', 'h', 'l', 'o', 'r', 'w']);
  const adding = check(['input sequence(steps: 10, features: 2)', 'rnn 8 return: last', 'dense 1 linear'], ['data adding(m: 20, steps: 10)']).networks[0].spec!;
  const data = loadData(adding).train;
  assert.deepEqual([data.X.rows, data.X.cols, data.Y.rows, data.Y.cols], [20, 20, 1, 20]);
  const csv = check(['input sequence(steps: 2, features: 2)', 'rnn 3 return: last', 'dense 1 sigmoid'], ['data "s.csv"'], { 's.csv': '0.1,0.2,0.3,0.4,1\n' }).networks[0].spec!;
  const rows = loadData(csv, () => '0.1,0.2,0.3,0.4,1\n0.5,0.6,0.7,0.8,0\n').train;
  assert.deepEqual([...rows.X.data], [0.1, 0.5, 0.2, 0.6, 0.3, 0.7, 0.4, 0.8]);
  assert.deepEqual([...rows.Y.data], [1, 0]);
});
